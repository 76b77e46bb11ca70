"""The appendix the office edited in Excel is kept when ``cchc-xl appendix`` makes it
again, as every command keeps its earlier output (cchc_xl.edited): typed notes, a column
widened, a title renamed were written over without a word, exit 0 (a QA pass)."""

from __future__ import annotations

import re

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.edited import RECORD
from support.paths import HH_MASTER
from support.saved import kept_copies, saved_by_libreoffice
from support.tools import needs_libreoffice

TITLE = "Phụ lục số 01 (bản văn phòng đã sửa)"
NOTE = "Đã gửi Sở Nội vụ ngày 05/12"


def _appendix(out):
    result = CliRunner().invoke(main, ["appendix", str(HH_MASTER), "--out", str(out)])
    assert result.exit_code == 0, result.output  # as report and remind: kept is no error
    return result.output


def _edited_in_excel(path):
    """The office's edit, as openpyxl saves it (another application than xlsxwriter's):
    a title renamed, a column widened, a note typed beside the table."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet["A1"] = TITLE
    sheet.column_dimensions["B"].width = 70
    sheet["J5"] = NOTE
    workbook.save(path)
    return path.read_bytes()


def test_an_appendix_edited_in_excel_is_kept_and_the_new_one_written(tmp_path):
    out = tmp_path / "phu-luc.xlsx"
    _appendix(out)
    first = openpyxl.load_workbook(out).worksheets[0]["A1"].value
    said = _appendix(out)  # nobody edited it: replaced, nothing kept, nothing said
    assert kept_copies(out) == [] and "bản đã sửa" not in said
    edited = _edited_in_excel(out)
    said = _appendix(out)
    (kept,) = kept_copies(out)
    assert kept.read_bytes() == edited  # her appendix, byte for byte
    assert re.fullmatch(r"phu-luc \(bản đã sửa \d\d-\d\d-\d{4} \d\dh\d\d\)\.xlsx", kept.name)
    mine = openpyxl.load_workbook(kept).worksheets[0]
    assert (mine["A1"].value, mine["J5"].value) == (TITLE, NOTE)
    assert mine.column_dimensions["B"].width == 70
    fresh = openpyxl.load_workbook(out).worksheets[0]  # the new one, as cchc-xl makes it
    assert fresh["A1"].value == first != TITLE and fresh["J5"].value is None
    assert (f"tệp phu-luc.xlsx đã được sửa sau khi cchc-xl lập: bản đã sửa được giữ lại "
            f"thành \"{kept.name}\"") in said
    assert f"(thư mục {tmp_path.resolve()})" in said
    assert not (tmp_path / RECORD).exists()  # nothing else left in the plan's folder
    # Made again, nobody having edited the new one: her copy stays, no second one.
    _appendix(out)
    assert kept_copies(out) == [kept] and kept.read_bytes() == edited


@needs_libreoffice
def test_an_appendix_saved_by_libreoffice_is_kept(tmp_path):
    out = tmp_path / "phu-luc.xlsx"
    _appendix(out)
    edited = saved_by_libreoffice(out, tmp_path)
    said = _appendix(out)
    assert [k.read_bytes() for k in kept_copies(out)] == [edited]
    assert "phu-luc.xlsx đã được sửa" in said


@pytest.mark.parametrize("told", [False, True])
def test_the_library_keeps_it_too(tmp_path, told):
    """write_appendix (the web app's download) keeps the edited copy as the command."""
    from cchc_xl.appendix import make_appendix, write_appendix
    from cchc_xl.master import load_master

    master = load_master(HH_MASTER)
    out = tmp_path / "phu-luc.xlsx"
    write_appendix(master, out)
    edited = _edited_in_excel(out)
    if told:  # make_appendix: what the command names
        made = make_appendix(master, out)
        assert [k.kept for k in made.kept] == kept_copies(out)
    else:
        assert write_appendix(master, out) == out
    assert [k.read_bytes() for k in kept_copies(out)] == [edited]
