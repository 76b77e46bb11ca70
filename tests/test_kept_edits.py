"""The office's edits to a document cchc-xl made are never lost when it is made again
(cchc_xl.edited): the Word report draft she worked on for hours, the report workbook,
a letter and its mail-merge lists (.xlsx, .csv). Made again (a late file merged, an
assessment recorded), each was written over her copy without a word. Now her copy is
kept beside the new one, byte for byte, and both are named; a copy nobody edited is
simply replaced."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.edited import RECORD
from support.paths import HH_MASTER
from support.saved import kept_copies, saved_by_excel, saved_by_libreoffice, saved_by_word
from support.tools import needs_libreoffice

RETURNS = HH_MASTER.parent / "returns-9T"


@pytest.fixture
def merged(nv_merged, tmp_path):
    """The merge's folder copied into the test's own: the test writes beside it."""
    shutil.copytree(nv_merged, tmp_path, dirs_exist_ok=True)
    return tmp_path / "tong-hop-9T.xlsx"


def _run(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_report_draft_edited_in_word_is_kept_and_the_new_one_written(merged, tmp_path):
    docx, xlsx = tmp_path / "bao-cao-9T.docx", tmp_path / "bao-cao-9T.xlsx"
    report = ["report", str(merged), "--period", "9T", "--out", str(xlsx), "--docx", str(docx)]
    _run(report)
    said = _run(report)  # nobody edited it: replaced, nothing kept, nothing said
    assert kept_copies(docx) == [] and kept_copies(xlsx) == []
    assert "bản đã sửa" not in said
    edited = saved_by_word(docx)
    said = _run(report)
    (kept,) = kept_copies(docx)
    assert kept.read_bytes() == edited  # her draft, byte for byte
    assert re.fullmatch(r"bao-cao-9T \(bản đã sửa \d\d-\d\d-\d{4} \d\dh\d\d\)\.docx", kept.name)
    assert docx.read_bytes() != edited and b"cchc-xl" in zipfile.ZipFile(docx).read(
        "docProps/core.xml")  # the new draft, as cchc-xl writes it
    assert (f"tệp bao-cao-9T.docx đã được sửa sau khi cchc-xl lập: bản đã sửa được giữ lại "
            f"thành \"{kept.name}\"") in said
    assert kept_copies(xlsx) == []  # the workbook nobody edited: no clutter
    # Edited again and made again: both of her copies kept, the first one untouched.
    again = saved_by_word(docx, "Đoạn thứ hai.")
    _run(report)
    copies = kept_copies(docx)
    assert len(copies) == 2 and kept in copies and kept.read_bytes() == edited
    assert {c.read_bytes() for c in copies} == {edited, again}


def test_without_the_record_an_edit_is_told_by_the_files_own_marks(merged, tmp_path):
    """The record of what was written lost (or the files made on another computer): a
    draft saved by Word is still told edited, one nobody opened is not."""
    docx, xlsx = tmp_path / "bao-cao-9T.docx", tmp_path / "bao-cao-9T.xlsx"
    report = ["report", str(merged), "--period", "9T", "--out", str(xlsx), "--docx", str(docx)]
    _run(report)
    records = list(tmp_path.rglob(RECORD))
    assert records
    for record in records:
        record.unlink()
    _run(report)
    assert kept_copies(docx) == [] and kept_copies(xlsx) == []
    for record in tmp_path.rglob(RECORD):
        record.unlink()
    edited_docx, edited_xlsx = saved_by_word(docx), saved_by_excel(xlsx)
    _run(report)
    assert [k.read_bytes() for k in kept_copies(docx)] == [edited_docx]
    assert [k.read_bytes() for k in kept_copies(xlsx)] == [edited_xlsx]


@needs_libreoffice
def test_a_report_saved_by_libreoffice_is_kept(merged, tmp_path):
    docx, xlsx = tmp_path / "bao-cao-9T.docx", tmp_path / "bao-cao-9T.xlsx"
    report = ["report", str(merged), "--period", "9T", "--out", str(xlsx), "--docx", str(docx)]
    _run(report)
    edited_docx = saved_by_libreoffice(docx, tmp_path)
    edited_xlsx = saved_by_libreoffice(xlsx, tmp_path)
    for record in tmp_path.rglob(RECORD):  # told by the marks alone too
        record.unlink()
    said = _run(report)
    assert [k.read_bytes() for k in kept_copies(docx)] == [edited_docx]
    assert [k.read_bytes() for k in kept_copies(xlsx)] == [edited_xlsx]
    assert "bao-cao-9T.xlsx đã được sửa" in said and "bao-cao-9T.docx đã được sửa" in said


@pytest.mark.parametrize("overdue", [False, True])
def test_a_letter_and_its_lists_edited_are_kept(merged, tmp_path, overdue):
    letter, listed, csv = (tmp_path / "don-doc.docx", tmp_path / "ds.xlsx",
                           tmp_path / "ds.csv")
    remind = ["remind", str(merged), "--period", "9T", "--out", str(letter), "--csv",
              str(listed), "--csv", str(csv), *(["--overdue"] if overdue else [])]
    _run(remind)
    _run(remind)
    assert [kept_copies(p) for p in (letter, listed, csv)] == [[], [], []]
    edited = {letter: saved_by_word(letter), listed: saved_by_excel(listed)}
    csv.write_bytes(csv.read_bytes() + "NV2,Phòng thêm tay,,,\r\n".encode())
    edited[csv] = csv.read_bytes()
    said = _run(remind)
    for path, data in edited.items():
        (kept,) = kept_copies(path)
        assert kept.read_bytes() == data, path
        assert path.read_bytes() != data
        assert f"tệp {path.name} đã được sửa sau khi cchc-xl lập" in said
        assert kept.name in said
    # The CSV edited again: both edits kept.
    csv.write_bytes(csv.read_bytes() + b"X,Y,,,\r\n")
    second = csv.read_bytes()
    _run(remind)
    assert {k.read_bytes() for k in kept_copies(csv)} == {edited[csv], second}
    assert len(kept_copies(letter)) == 1 and len(kept_copies(listed)) == 1
