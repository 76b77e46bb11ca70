"""No output of cchc-xl replaces another kind of document (cchc_xl.overwrite): a QA pass
found `remind --out bao-cao.docx` replaced the Word report, `remind --csv phu-luc.xlsx`
the appendix, `appendix --out` a letter's mail-merge list, each with exit 0 and no word.
Each command now refuses (exit 2, nothing written) a file of another kind, naming it,
what it is and the option to change; it still writes over its own earlier output,
keeping the copy the office edited beside it. And remind (report) reads only a ledger,
a consolidated workbook or a plan table, and names no option it does not have."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from cchc_xl.cli import main
from cchc_xl.overwrite import (
    APPENDIX,
    LETTER,
    MERGE_LIST,
    OTHER_LIST,
    OTHER_WORKBOOK,
    OVERDUE,
    REMINDER,
    REPORT_WORD,
    REPORT_WORKBOOK,
    WORD_DOCUMENT,
    kind_of,
)
from support.paths import HH_MASTER
from support.safety import sha
from support.saved import (
    kept_copies,
    rewritten,
    saved_by_excel,
    saved_by_libreoffice,
    saved_by_word,
)
from support.tools import needs_libreoffice

RETURNS = HH_MASTER.parent / "returns-9T"


@pytest.fixture
def ledger(nv_merged, tmp_path):
    """The merge's folder copied into the test's own; its ledger."""
    shutil.copytree(nv_merged, tmp_path, dirs_exist_ok=True)
    return tmp_path / "cchc-ledger.sqlite"


def _run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _refused(target, kind: str, what: str, option: str, *args) -> None:
    """The command ``args`` stops, exit 2, saying the file ``target`` is ``kind`` and
    not its ``what``, and to choose another name for ``option``; the file unchanged."""
    before = sha(target)
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 2, (args, result.output)
    assert (f"Lỗi: tệp {target}: đã có tệp này và đó là {kind}, không phải {what}: lệnh "
            f"không ghi đè lên (chọn tên tệp khác cho {option}, hoặc chuyển tệp đó đi chỗ "
            "khác nếu đúng là muốn thay nó)") in result.output, (args, result.output)
    assert "Đã ghi" not in result.output
    assert sha(target) == before, args


def test_no_output_replaces_another_kind_of_output(ledger, tmp_path):
    d = tmp_path
    _run("report", ledger, "--out", d / "bc.xlsx", "--docx", d / "bao-cao.docx")
    _run("appendix", HH_MASTER, "--out", d / "phu-luc.xlsx")
    _run("remind", ledger, "--out", d / "dd.docx", "--csv", d / "ds.xlsx", "--csv", d / "ds.csv")
    _run("remind", ledger, "--overdue", "--out", d / "qh.docx", "--csv", d / "qh.xlsx")
    assert [kind_of(d / n) for n in ("bc.xlsx", "bao-cao.docx", "phu-luc.xlsx", "dd.docx",
                                      "ds.xlsx", "qh.docx", "qh.xlsx")] == [
        REPORT_WORKBOOK, REPORT_WORD, APPENDIX, REMINDER.letter, REMINDER.listing,
        OVERDUE.letter, OVERDUE.listing]
    letter = d / "moi.docx"  # the letter of a refused run: never written
    # The three of the QA pass.
    _refused(d / "bao-cao.docx", REPORT_WORD, REMINDER.name, "--out",
             "remind", ledger, "--out", d / "bao-cao.docx")
    _refused(d / "phu-luc.xlsx", APPENDIX, REMINDER.listing, "--csv",
             "remind", ledger, "--out", letter, "--csv", d / "phu-luc.xlsx")
    _refused(d / "ds.xlsx", REMINDER.listing, "tệp phụ lục", "--out",
             "appendix", HH_MASTER, "--out", d / "ds.xlsx")
    # And the other ways round, between the two letters, and the report's workbook.
    _refused(d / "dd.docx", REMINDER.letter, "báo cáo Word", "--docx",
             "report", ledger, "--out", d / "bc.xlsx", "--docx", d / "dd.docx")
    _refused(d / "dd.docx", REMINDER.letter, OVERDUE.name, "--out",
             "remind", ledger, "--overdue", "--out", d / "dd.docx")
    _refused(d / "qh.docx", OVERDUE.letter, REMINDER.name, "--out",
             "remind", ledger, "--out", d / "qh.docx")
    _refused(d / "ds.csv", OTHER_LIST, OVERDUE.listing, "--csv",
             "remind", ledger, "--overdue", "--out", letter, "--csv", d / "ds.csv")
    _refused(d / "qh.xlsx", OVERDUE.listing, REMINDER.listing, "--csv",
             "remind", ledger, "--out", letter, "--csv", d / "qh.xlsx")
    _refused(d / "ds.xlsx", REMINDER.listing, "tệp báo cáo", "--out",
             "report", ledger, "--out", d / "ds.xlsx")
    _refused(d / "bc.xlsx", REPORT_WORKBOOK, "tệp phụ lục", "--out",
             "appendix", HH_MASTER, "--out", d / "bc.xlsx")
    assert not letter.exists()


def test_no_output_replaces_a_document_cchc_xl_did_not_make(ledger, tmp_path):
    word_plan, contacts = tmp_path / "ke-hoach.docx", tmp_path / "danh-ba.xlsx"
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH Cải cách hành chính năm 2026")
    doc.core_properties.comments = ""  # as Word writes it: no python-docx mark
    doc.save(word_plan)
    book = openpyxl.Workbook()
    book.active.append(["Mã đơn vị", "Email"])
    book.save(contacts)
    _refused(word_plan, WORD_DOCUMENT, "báo cáo Word", "--docx",
             "report", ledger, "--out", tmp_path / "bc.xlsx", "--docx", word_plan)
    _refused(word_plan, WORD_DOCUMENT, OVERDUE.name, "--out",
             "remind", ledger, "--overdue", "--out", word_plan)
    _refused(contacts, OTHER_WORKBOOK, "tệp phụ lục", "--out",
             "appendix", HH_MASTER, "--out", contacts)
    _refused(contacts, OTHER_WORKBOOK, REMINDER.listing, "--csv",
             "remind", ledger, "--out", tmp_path / "dd.docx", "--csv", contacts)
    assert not (tmp_path / "bc.xlsx").exists() and not (tmp_path / "dd.docx").exists()


def test_each_command_writes_again_over_its_own_output_keeping_the_office_edits(
        ledger, tmp_path):
    d = tmp_path
    commands = {d / "bao-cao.docx": ("report", ledger, "--out", d / "bc.xlsx", "--docx",
                                     d / "bao-cao.docx"),
                d / "phu-luc.xlsx": ("appendix", HH_MASTER, "--out", d / "phu-luc.xlsx"),
                d / "dd.docx": ("remind", ledger, "--out", d / "dd.docx", "--csv",
                                d / "ds.xlsx", "--csv", d / "ds.csv"),
                d / "qh.docx": ("remind", ledger, "--overdue", "--out", d / "qh.docx",
                                "--csv", d / "qh.csv")}
    for args in commands.values():
        _run(*args)
        _run(*args)  # nobody edited it: replaced, nothing kept
    assert not list(d.glob("* (bản đã sửa *)*"))
    edited = {d / "bao-cao.docx": saved_by_word(d / "bao-cao.docx"),
              d / "dd.docx": saved_by_word(d / "dd.docx"),
              d / "ds.xlsx": saved_by_excel(d / "ds.xlsx")}
    for path in (d / "ds.csv", d / "qh.csv"):
        path.write_bytes(path.read_bytes() + "NV2,Phòng thêm tay,,,\r\n".encode())
        edited[path] = path.read_bytes()
    for args in commands.values():
        _run(*args)
    for path, data in edited.items():
        assert [k.read_bytes() for k in kept_copies(path)] == [data], path
        assert path.read_bytes() != data, path
    assert (kind_of(d / "phu-luc.xlsx"), kind_of(d / "qh.docx")) == (APPENDIX, OVERDUE.letter)


@needs_libreoffice
def test_a_letter_saved_by_libreoffice_is_still_its_own(ledger, tmp_path):
    """LibreOffice keeps the letter's category: the letter, edited there, is the letter
    (kept beside the new one), and still no report writes over it."""
    letter = tmp_path / "qh.docx"
    _run("remind", ledger, "--overdue", "--out", letter)
    saved = saved_by_libreoffice(letter, tmp_path)
    assert kind_of(letter) == OVERDUE.letter
    _refused(letter, OVERDUE.letter, "báo cáo Word", "--docx",
             "report", ledger, "--out", tmp_path / "bc.xlsx", "--docx", letter)
    _run("remind", ledger, "--overdue", "--out", letter)
    assert [k.read_bytes() for k in kept_copies(letter)] == [saved]


def test_outputs_written_before_they_said_their_kind(ledger, tmp_path):
    """A letter (no category: its subject "V/v …") and a list (its property the file's
    name) of an earlier cchc-xl: either letter writes over them, no other command."""
    letter, listed = tmp_path / "cu.docx", tmp_path / "ds-cu.xlsx"
    _run("remind", ledger, "--out", letter, "--csv", listed)
    doc = Document(letter)
    doc.core_properties.category = ""
    doc.save(letter)
    rewritten(listed, lambda name, data: data.replace(REMINDER.mark.encode(), b"ds-cu.xlsx"))
    assert (kind_of(letter), kind_of(listed)) == (LETTER, MERGE_LIST)
    _refused(letter, LETTER, "báo cáo Word", "--docx",
             "report", ledger, "--out", tmp_path / "bc.xlsx", "--docx", letter)
    _refused(listed, MERGE_LIST, "tệp phụ lục", "--out",
             "appendix", HH_MASTER, "--out", listed)
    _run("remind", ledger, "--overdue", "--out", letter, "--csv", listed)
    assert (kind_of(letter), kind_of(listed)) == (OVERDUE.letter, OVERDUE.listing)


def test_remind_and_report_read_no_other_workbook_beside_the_ledger(ledger, tmp_path):
    """`remind phu-luc.xlsx`, the appendix beside the ledger, wrote a letter from that
    ledger (the ledger beside any workbook was taken): refused now, said for what it is;
    the plan table beside its ledger is still read."""
    appendix, contacts = tmp_path / "phu-luc.xlsx", tmp_path / "danh-ba.xlsx"
    _run("appendix", HH_MASTER, "--out", appendix)
    openpyxl.Workbook().save(contacts)
    for source, kind in ((appendix, APPENDIX), (contacts, OTHER_WORKBOOK)):
        for args in (("remind", source, "--out", tmp_path / "cv.docx"),
                     ("report", source, "--out", tmp_path / "bc.xlsx")):
            result = CliRunner().invoke(main, [str(a) for a in args])
            assert result.exit_code == 2, result.output
            assert (f"Lỗi: tệp {source}: đây là {kind}, không phải sổ cái (.sqlite) hay tệp "
                    "tổng hợp của lần gộp") in result.output
    assert not (tmp_path / "cv.docx").exists() and not (tmp_path / "bc.xlsx").exists()
    plan = shutil.copyfile(HH_MASTER, tmp_path / "kh.xlsx")
    _run("remind", plan, "--period", "9T", "--out", tmp_path / "cv.docx")
    _run("remind", tmp_path / "tong-hop-9T.xlsx", "--out", tmp_path / "cv2.docx")


def test_an_empty_ledger_is_said_naming_only_options_the_command_has(tmp_path):
    """remind on a plan beside an empty (0-byte) ledger told to name another ledger with
    --db, which remind does not have (merge's option)."""
    plan = shutil.copyfile(HH_MASTER, tmp_path / "kh.xlsx")
    empty = tmp_path / "cchc-ledger.sqlite"
    empty.write_bytes(b"")
    workbook = tmp_path / "tong-hop.xlsx"  # one naming no ledger, beside the empty one
    book = openpyxl.Workbook()
    book.active.title = "Tổng hợp"
    book.create_sheet("Tất cả dòng")
    book.save(workbook)
    for args in (("remind", plan, "--period", "9T", "--out", tmp_path / "cv.docx"),
                 ("remind", empty, "--out", tmp_path / "cv.docx"),
                 ("report", workbook, "--out", tmp_path / "bc.xlsx")):
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert result.exit_code == 1, result.output
        assert f"Lỗi: tệp {empty}: sổ cái rỗng (0 byte)" in result.output, result.output
        assert "--db" not in result.output and "bản sao lưu" in result.output
        assert empty.read_bytes() == b""
    assert not (tmp_path / "cv.docx").exists() and not (tmp_path / "bc.xlsx").exists()
