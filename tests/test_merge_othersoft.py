"""A unit's workbook filled in Google Sheets ("Tải xuống > Microsoft Excel (.xlsx)") or WPS
Spreadsheets, as tests/support/othersoft.py simulates each from its sources
(docs/unit-file.md, "Google Sheets and WPS Spreadsheets"): the file is the unit's, every
answer is read as typed, nothing is said that did not happen, and a file whose identity
is gone says which program saved it and what the office does."""

from __future__ import annotations

from contextlib import closing
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc_xl import assignment as A
from cchc_xl.assessment import assessments_in, read_assessments
from cchc_xl.consolidated.link import assess
from cchc_xl.errors import WorkbookError
from cchc_xl.fast.reader import FastWorkbook
from cchc_xl.intake import FAST, OPENPYXL, read_return
from cchc_xl.ledger import Ledger
from cchc_xl.merge import merge_returns
from cchc_xl.saved_by import GOOGLE_SHEETS, WPS, saved_by
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ACCEPTED, DONE, IN_PROGRESS, MOVED, NOT_STARTED, SUPERSEDED
from cchc_xl.xlio import open_workbook
from make_sample_returns import Typed, fill_return
from support import othersoft
from support.merge import _rows_of, _values
from support.mistakes import EVIDENCE, ids
from support.workbooks import type_assessments

SAVED = datetime(2023, 9, 14, 10, 0)
RECEIVED = date(2023, 9, 19)
NOTE = "Đang chờ hướng dẫn của UBND tỉnh;\ndự kiến xong trong quý IV"
LINK = "https://drive.google.com/file/d/1AbC/view"
SAVE = {"google": othersoft.google_sheets, "wps": othersoft.wps}
PROGRAM = {"google": GOOGLE_SHEETS, "wps": WPS}


def _answers(master, unit: str) -> dict:
    """Each kind of answer as the unit types it: a date (the spreadsheet's own date
    format), "50%" (0.5 as a percent), 70, 0, a note on two lines, a link as evidence."""
    i = ids(master, unit)
    return {
        i[0]: {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
               A.COL_DONE_ON: Typed(datetime(2023, 3, 10), "d/m/yyyy"),
               A.COL_EVIDENCE: EVIDENCE},
        i[1]: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: Typed(0.5, "0%"), A.COL_NOTE: NOTE},
        i[2]: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 70, A.COL_EVIDENCE: LINK},
        i[3]: {A.COL_STATUS: NOT_STARTED, A.COL_PERCENT: 0},
    }


def _the_finding(got: dict, code: str) -> dict:
    """The one finding of ``code`` on a file of a merge's result (as_dict)."""
    (found,) = [p for p in got["problems"] if p["code"] == code]
    return found


def _sent(program: str, master, hh_split, tmp_path: Path, unit: str = "NV",
          answers: dict | None = None, **kw) -> Path:
    folder = tmp_path / "nhan-ve"
    folder.mkdir(exist_ok=True)
    src = hh_split[unit]
    return SAVE[program](src, folder / src.name, answers or _answers(master, unit),
                         saved_at=SAVED, tmp=tmp_path, **kw)


@pytest.mark.parametrize("program", ["google", "wps"])
def test_the_file_is_the_units_and_every_answer_is_read_as_typed(program, hh_master, hh_split,
                                                                 tmp_path):
    sent = _sent(program, hh_master, hh_split, tmp_path)
    assert saved_by(sent) == PROGRAM[program]
    result = merge_returns(hh_master, [sent.parent], "9T", tmp_path / "out" / "t.xlsx",
                           received=RECEIVED)
    (got,) = result.as_dict()["files"]
    assert (got["outcome"], got["unit"]) == ("accepted", "NV")
    codes = {p["code"] for p in got["problems"]} - {"row-not-filled"}
    # Google Sheets writes no saved time: the file is placed by its time on disk, and
    # said so; nothing else (no identity, plan-cell or consistency finding).
    assert codes == ({"saved-time-missing"} if program == "google" else set()), got["problems"]
    # WPS writes the moment it saved; Google Sheets none: its file is placed by its time
    # on disk (the moment it was downloaded, here the same).
    assert got["saved_at"].startswith("2023-09-14T"), got["saved_at"]
    shown = {v for rows in _values(tmp_path / "out" / "t.xlsx").values() for row in rows
             for v in row}  # the consolidated workbook shows them as read
    assert {EVIDENCE, NOTE, LINK} <= shown
    i, rows = ids(hh_master, "NV"), _rows_of(result, "NV")
    assert [(rows[d]["status"], rows[d]["percent"], rows[d]["completed_on"],
             rows[d]["evidence"], rows[d]["note"]) for d in i[:4]] == [
        (DONE, 100, "2023-03-10", EVIDENCE, ""),
        (IN_PROGRESS, 50, None, "", NOTE),
        (IN_PROGRESS, 70, None, LINK, ""),
        (NOT_STARTED, 0, None, "", ""),
    ]


@pytest.mark.parametrize("program, carriers", [
    ("google", ["sheet"]),  # no names, no properties: the hidden sheet alone
    ("wps", ["sheet", "names", "properties"]),
])
def test_both_readers_read_it_alike_whatever_its_dimension_says(program, carriers, hh_master,
                                                               hh_split, tmp_path):
    """The fast reader takes both packages (no fall-back to openpyxl), and openpyxl reads
    them alike: Google's sheets without a <dimension>, WPS's saying "A1" for a whole
    sheet (openpyxl's read-only mode trusts it when no bounds are given)."""
    sent = _sent(program, hh_master, hh_split, tmp_path)
    FastWorkbook(sent).close()  # Unrecognised otherwise
    fast, slow = (asdict(read_return(sent, reader=r)) for r in (FAST, OPENPYXL))
    assert fast == slow
    rf = read_return(sent)
    assert rf.identity.sources == carriers and rf.identity.checksum_ok
    assert not rf.identity.conflicts


def test_a_google_file_corrected_from_its_feedback_counts(hh_master, hh_split, tmp_path):
    """A Google Sheets file with an error gets its feedback workbook, the identity sheet
    "very hidden" again and the identity's names and properties written again (the copy
    had them on its hidden sheet alone); the unit corrects it in Google Sheets once more
    and sends it: it is the unit's, and the corrected answer counts."""
    i = ids(hh_master, "NV")
    answers = _answers(hh_master, "NV")
    answers[i[0]][A.COL_DONE_ON] = None  # done, no date: an error told in the feedback
    sent = _sent("google", hh_master, hh_split, tmp_path, answers=answers)
    out = tmp_path / "out" / "t.xlsx"
    result = merge_returns(hh_master, [sent.parent], "9T", out, received=RECEIVED,
                           feedback_dir=tmp_path / "phan-hoi")
    assert "done-without-date" in {p["code"] for p in result.as_dict()["files"][0]["problems"]}
    (feedback,) = (tmp_path / "phan-hoi").glob("*.xlsx")
    # Its identity in every place split wrote it again, not on the identity sheet alone
    # (the names and properties Google Sheets left out).
    assert read_return(feedback).identity.sources == ["sheet", "names", "properties"]
    _carriers_as_split_wrote(feedback, hh_split["NV"])
    answers[i[0]][A.COL_DONE_ON] = Typed(datetime(2023, 3, 10), "d/m/yyyy")
    again = tmp_path / "lan-2"
    again.mkdir()
    othersoft.google_sheets(feedback, again / "NV-sua.xlsx", answers,
                            saved_at=datetime(2023, 9, 20, 9), tmp=tmp_path)
    result = merge_returns(hh_master, [again], "9T", out, received=date(2023, 9, 20))
    (got,) = [f for f in result.as_dict()["files"] if Path(f["path"]).name == "NV-sua.xlsx"]
    assert (got["outcome"], got["unit"]) == ("accepted", "NV"), got["problems"]
    assert {p["code"] for p in got["problems"]} <= {"row-not-filled", "saved-time-missing"}, \
        got["problems"]
    assert _rows_of(result, "NV")[i[0]]["completed_on"] == "2023-03-10"


def test_a_google_file_without_its_identity_says_so_and_what_to_do(hh_master, hh_split,
                                                                   tmp_path):
    """The worst case (no source says Google Sheets keeps or drops a sheet "very hidden"):
    nothing of the identity left but the guide's unit cell and the task ids. Taken as
    the unit's, its period read from line 2 of its task sheets, with a warning naming
    Google Sheets and what the unit does next time; it said
    "có thể đã chép sang tệp khác … lần sau hãy điền thẳng vào tệp được giao", advice
    for a copy that a unit which did fill its file could not follow."""
    sent = _sent("google", hh_master, hh_split, tmp_path, very_hidden="dropped")
    result = merge_returns(hh_master, [sent.parent], "9T", tmp_path / "out" / "t.xlsx",
                           received=RECEIVED)
    (got,) = result.as_dict()["files"]
    assert (got["outcome"], got["unit"]) == ("accepted", "NV")
    warning = _the_finding(got, "identity-missing")
    message = warning["message"]
    assert "lưu lại bằng Google Sheets" in message, message
    # Its period read from line 2 of its task sheets: nothing left for the office to check.
    assert "kỳ 9 tháng năm 2023 theo dòng 2 các trang nhiệm vụ" in message, message
    assert "xem dòng 2" not in message and "không kiểm tra được" not in message, message
    assert "bằng Excel, WPS hoặc LibreOffice trên máy tính" in message, message
    assert "chép sang tệp khác" not in message, message
    assert _rows_of(result, "NV")[ids(hh_master, "NV")[1]]["percent"] == 50



def test_a_google_file_without_its_identity_gets_it_back_in_its_feedback(
        hh_master, hh_split, tmp_path):
    """A Google Sheets file with nothing of its identity left, counted for its unit by the
    guide's unit cell and the task ids: its feedback workbook carried no identity either,
    so the copy the unit corrected was taken by the guide's cell again, with the warning
    that the file had lost its identity. The feedback workbook is the office's own
    document for the submission it counted: it carries the identity split writes for that
    unit, plan and period, and the corrected copy comes back identified by it."""
    i = ids(hh_master, "NV")
    answers = _answers(hh_master, "NV")
    answers[i[0]][A.COL_DONE_ON] = None  # done, no date: an error told in the feedback
    sent = _sent("google", hh_master, hh_split, tmp_path, answers=answers,
                 very_hidden="dropped")
    assert read_return(sent).identity.sources == []
    out = tmp_path / "out" / "t.xlsx"
    result = merge_returns(hh_master, [sent.parent], "9T", out, received=RECEIVED,
                           feedback_dir=tmp_path / "phan-hoi")
    (got,) = result.as_dict()["files"]
    assert (got["outcome"], got["unit"]) == ("accepted", "NV")
    assert "identity-missing" in {p["code"] for p in got["problems"]}
    (feedback,) = (tmp_path / "phan-hoi").glob("*.xlsx")
    reading = read_return(feedback).identity
    assert reading.sources == ["sheet", "names", "properties"] and reading.checksum_ok
    assert not reading.conflicts
    issued = read_return(hh_split["NV"]).identity.identity
    ident = reading.identity
    assert (ident.format, ident.plan, ident.year, ident.unit, ident.unit_name, ident.period,
            ident.rows, ident.checksum) == (
        issued.format, issued.plan, issued.year, issued.unit, issued.unit_name,
        issued.period, issued.rows, issued.checksum)
    _carriers_as_split_wrote(feedback, hh_split["NV"], protected=True)
    # Corrected in Excel (openpyxl) and sent back.
    answers[i[0]][A.COL_DONE_ON] = Typed(datetime(2023, 3, 10), "d/m/yyyy")
    again = tmp_path / "lan-2"
    fill_return(feedback, again / "NV-sua.xlsx", answers, saved_at=datetime(2023, 9, 20, 9))
    result = merge_returns(hh_master, [again], "9T", out, received=date(2023, 9, 20))
    files = {Path(f["path"]).name: f for f in result.as_dict()["files"]}
    got = files["NV-sua.xlsx"]
    assert (got["outcome"], got["unit"]) == ("accepted", "NV"), got["problems"]
    assert {p["code"] for p in got["problems"]} <= {"row-not-filled"}, got["problems"]
    assert _rows_of(result, "NV")[i[0]]["completed_on"] == "2023-03-10"
    # A resubmission: the unit's first file superseded by it.
    with Ledger(out.parent / "cchc-ledger.sqlite", create=False) as ledger:
        outcomes = {Path(s.path).name: s.outcome for s in ledger.submissions(
            hh_master.plan.key, "9T")}
    assert outcomes == {sent.name: SUPERSEDED, "NV-sua.xlsx": ACCEPTED}, outcomes

def _feedback_texts(folder: Path) -> str:
    (feedback,) = folder.glob("*.xlsx")
    wb = load_workbook(feedback, read_only=True)
    try:
        return "\n".join(str(v) for row in wb["Phản hồi"].iter_rows(values_only=True)
                         for v in row if v is not None)
    finally:
        wb.close()


def test_the_units_letter_says_google_sheets_not_a_copy(hh_master, hh_split, tmp_path):
    """The feedback letter of a Google Sheets file without its identity tells the unit
    to fill its file in a desktop program next time; it said the unit had copied its
    file into another ("đã chép sang tệp khác"), which it had not."""
    answers = _answers(hh_master, "NV")
    answers[ids(hh_master, "NV")[0]][A.COL_DONE_ON] = None  # an error, for a letter
    sent = _sent("google", hh_master, hh_split, tmp_path, answers=answers,
                 very_hidden="dropped")
    merge_returns(hh_master, [sent.parent], "9T", tmp_path / "out" / "t.xlsx",
                  received=RECEIVED, feedback_dir=tmp_path / "phan-hoi")
    letter = _feedback_texts(tmp_path / "phan-hoi")
    assert "lưu lại bằng Google Sheets" in letter, letter
    assert "lần sau điền tệp được giao bằng Excel, WPS hoặc LibreOffice" in letter, letter
    assert "chép sang tệp khác" not in letter, letter
    # Its missing saved time is the office's note (the file ordered by its time on the
    # office's computer): said to the unit, "trên máy này" read as the unit's own.
    assert "thời điểm lưu" not in letter and "máy này" not in letter, letter


def test_a_google_file_of_nobody_says_what_the_unit_does(hh_master, hh_split, tmp_path):
    """With the guide's unit cell gone as well, the file is nobody's: refused, naming
    Google Sheets and asking for the file filled in a desktop program."""
    def no_guide(path: Path) -> None:
        wb = load_workbook(path)
        wb[A.GUIDE_SHEET][A.GUIDE_UNIT_CELL] = None
        wb.save(path)

    src = tmp_path / "khong-ma.xlsx"
    src.write_bytes(hh_split["NV"].read_bytes())
    no_guide(src)
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    sent = othersoft.google_sheets(src, folder / "Bao-cao.xlsx", _answers(hh_master, "NV"),
                                   saved_at=SAVED, tmp=tmp_path, very_hidden="dropped")
    result = merge_returns(hh_master, [folder], "9T", tmp_path / "out" / "t.xlsx",
                           received=RECEIVED)
    (got,) = result.as_dict()["files"]
    assert got["outcome"] == "rejected"
    error = _the_finding(got, "identity-missing")
    assert "Google Sheets" in error["message"], error["message"]
    assert error["message"].endswith("rồi gửi chính tệp đó"), error["message"]
    assert saved_by(sent) == GOOGLE_SHEETS


def test_which_program_saved_a_file(hh_split, tmp_path):
    assert saved_by(hh_split["NV"]) == "Microsoft Excel"  # as xlsxwriter names itself
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    assert saved_by(junk) is None


def test_verdicts_typed_in_wps_are_read_whatever_its_dimension_says(hh_samples_merged,
                                                                    tmp_path):
    """The office types "Đạt" into its consolidated workbook in WPS Spreadsheets, whose
    sheets' <dimension> may say "A1" (langgenius/dify#1039): every verdict is read, by
    both readers. The assessments were read within the dimension, as openpyxl's read-only
    mode does, and the file was refused: "không thấy cột 'Đánh giá của cơ quan tổng hợp'
    trong tệp: đây không phải tệp tổng hợp do 'cchc-xl merge' ghi"."""
    _, workbook = hh_samples_merged
    typed = tmp_path / "typed.xlsx"
    count = type_assessments(workbook, typed, "Đạt", lambda unit, did: True)
    saved = othersoft.wps_saved(typed, tmp_path / "tong-hop-wps.xlsx", SAVED)
    assert saved_by(saved) == WPS
    fast = read_assessments(saved)
    assert len([v for v in fast.values() if v is not None]) == count > 0
    with closing(open_workbook(saved, read_only=True)) as wb:  # openpyxl's way
        assert assessments_in(wb, saved) == fast


def test_a_consolidated_workbook_from_google_sheets_says_what_to_do(hh_master, hh_split,
                                                                    tmp_path):
    """The office's consolidated workbook with its verdicts typed in Google Sheets (saved
    back beside its ledger) has lost the properties that tie it to its merge (Google
    keeps none): ``assess`` cannot record them, and says why and what to do; it said the
    file was no consolidated workbook of cchc-xl's ("không phải tệp tổng hợp của
    'cchc-xl merge'")."""
    sent = _sent("wps", hh_master, hh_split, tmp_path)
    workbook = tmp_path / "out" / "tong-hop.xlsx"
    merge_returns(hh_master, [sent.parent], "9T", workbook, received=RECEIVED)
    typed = tmp_path / "typed.xlsx"
    assert type_assessments(workbook, typed, "Đạt", lambda unit, did: True)
    saved = othersoft.google_saved(typed, workbook.parent / "tong-hop-google.xlsx", SAVED)
    with pytest.raises(WorkbookError) as refused:
        assess(saved)
    assert "lưu lại bằng Google Sheets" in refused.value.message, refused.value.message
    assert "không phải tệp tổng hợp" not in refused.value.message
    assert "bằng Excel, WPS hoặc LibreOffice" in refused.value.hint, refused.value.hint


def _carriers_as_split_wrote(feedback: Path, issued: Path, protected: bool = False) -> None:
    """The feedback workbook's identity sheet very hidden (and ``protected``), its defined
    names and its custom properties those of the file split wrote for the unit."""
    wb = load_workbook(feedback)
    assert wb[A.IDENTITY_SHEET].sheet_state == "veryHidden"
    if protected:
        assert wb[A.IDENTITY_SHEET].protection.sheet
    split_book = load_workbook(issued)
    assert {k: v.attr_text for k, v in wb.defined_names.items()} == {
        k: v.attr_text for k, v in split_book.defined_names.items()}
    assert {p.name: p.value for p in wb.custom_doc_props.props
            if p.name.startswith("cchc_")} == {p.name: p.value for p in
                                                split_book.custom_doc_props.props}
    wb.close()


def test_a_google_file_of_another_period_without_its_identity_is_not_counted(
        hh_master, hh_split, tmp_path):
    """A Google Sheets file with nothing of its identity left was taken by the guide's
    unit cell in any period, its period unchecked: the 9-month file merged into the
    year's period counted its answers there, with a warning only. Its task sheets name
    their period on line 2: a file naming another period of the plan is refused, as a
    file whose identity names one is, saying which and what to do; in its own period it
    counts, with the warning."""
    answers = _answers(hh_master, "NV")
    answers[ids(hh_master, "NV")[0]][A.COL_DONE_ON] = None  # an error: a letter is written
    sent = _sent("google", hh_master, hh_split, tmp_path, answers=answers,
                 very_hidden="dropped")
    result = merge_returns(hh_master, [sent.parent], "NAM", tmp_path / "nam" / "t.xlsx",
                           received=RECEIVED, feedback_dir=tmp_path / "phan-hoi")
    (got,) = result.as_dict()["files"]
    assert got["outcome"] == "rejected", got
    assert not _rows_of(result, "NV"), "a 9-month file's answers counted in the year"
    error = _the_finding(got, "heading-other-period")
    assert error["severity"] == "error" and error["sheet"] in (None, ""), error
    assert error["message"] == (
        "dòng 2 các trang nhiệm vụ ghi kỳ 9 tháng năm 2023, không phải kỳ năm 2023 đang gộp "
        "(tệp đã được lưu lại bằng Google Sheets và không còn thông tin nhận dạng ẩn): tệp "
        "không được tính vào kỳ năm 2023; nếu đây là báo cáo kỳ 9 tháng năm 2023, gộp tệp vào "
        "kỳ đó (chọn kỳ đó khi gộp), nếu đơn vị gửi nhầm tệp, đề nghị đơn vị gửi tệp của kỳ "
        "năm 2023"), error["message"]
    letter = _feedback_texts(tmp_path / "phan-hoi")
    assert ("tệp đã gửi là báo cáo của kỳ khác (ghi ở dòng 2 các trang nhiệm vụ), không phải "
            "báo cáo năm 2023, nên chưa được tính") in letter, letter
    assert "bằng Excel, WPS hoặc LibreOffice trên máy tính" in letter, letter
    assert "gộp tệp vào kỳ đó" not in letter, letter  # the office's words, not the unit's

    # In its own period it counts, with the warning.
    counted = merge_returns(hh_master, [sent.parent], "9T", tmp_path / "9t" / "t.xlsx",
                            received=RECEIVED)
    (got,) = counted.as_dict()["files"]
    assert (got["outcome"], got["unit"]) == ("accepted", "NV"), got
    assert {p["code"] for p in got["problems"]} >= {"identity-missing"}, got["problems"]
    assert "heading-other-period" not in {p["code"] for p in got["problems"]}


def test_a_google_file_refused_as_the_period_its_line_2_names_goes_there(
        hh_master, hh_split, tmp_path):
    """The period a file without its identity names on line 2 is recorded with its
    refusal (what "Gộp vào kỳ…" merges it into, web/late_files.py); once merged into that
    period in the same ledger, the file is no longer its first period's refusal: gone to
    its own, with the day, as a file whose identity names the period is."""
    sent = _sent("google", hh_master, hh_split, tmp_path, very_hidden="dropped")
    db = tmp_path / "so-cai.sqlite"
    merge_returns(hh_master, [sent.parent], "NAM", tmp_path / "nam" / "t.xlsx", db=db,
                  received=RECEIVED)
    with Ledger(db, create=False) as ledger:
        (sub,) = ledger.submissions(hh_master.plan.key, "NAM")
    assert (sub.outcome, sub.unit, sub.identity) == ("rejected", "NV", {})
    assert (sub.named_period, sub.period_named) == ("9T", "9T")

    merge_returns(hh_master, [sent.parent], "9T", tmp_path / "9t" / "t.xlsx", db=db,
                  received=RECEIVED, now=datetime(2023, 9, 25, 9, 0))
    (gone,) = load_snapshot(db, "NAM").submissions
    assert gone.outcome == MOVED, (gone.outcome, gone.reason)
    assert gone.reason == "đã gộp vào kỳ 9 tháng năm 2023 (kỳ của tệp) ngày 25/09/2023"
    (there,) = load_snapshot(db, "9T").submissions
    assert (there.outcome, there.unit, there.named_period) == (ACCEPTED, "NV", "")


def test_line_2_names_a_period_only_when_every_sheet_naming_one_names_it(hh_master):
    """The period read from the task sheets' line 2 (intake.identify._headed_period):
    one named by every sheet that names one of the plan's; none when two sheets name
    two, or none names one (a line retyped, a period's name the plan has not)."""
    from types import SimpleNamespace

    from cchc_xl.intake.identify import _headed_period

    def headed(*lines: str) -> str | None:
        sheets = {f"Trang {n}": line for n, line in enumerate(lines)}
        found = _headed_period(SimpleNamespace(headings=sheets), hh_master)
        return found.code if found else None

    cut = " (số liệu đến hết ngày 14/09/2023, gửi lại chậm nhất ngày 20/09/2023)"
    nine = f"Phòng Nội vụ — 9 tháng năm 2023{cut}"
    half = f"Phòng Nội vụ — 6 tháng đầu năm 2023{cut}"
    assert headed(nine, nine) == "9T"
    assert headed(half, "Phòng Nội vụ — báo cáo") == "6T"  # one line retyped: the other says
    assert headed(nine, half) is None
    assert headed("Phòng Nội vụ — 9 tháng năm 2024" + cut) is None
    assert headed() is None


def _last_years_google_file(master, hh_split, tmp_path: Path) -> Path:
    """NV's file of last year (line 2's days a year back), filled in Google Sheets with
    nothing of its identity left: the folder it is in."""
    last_year = tmp_path / "NV-2022.xlsx"
    wb = load_workbook(hh_split["NV"])
    for ws in wb.worksheets:
        line = ws.cell(A.HEADING_ROW, 1).value
        if isinstance(line, str) and A.HEADING_CUTOFF in line:
            ws.cell(A.HEADING_ROW, 1).value = line.replace("2023", "2022")
    wb.save(last_year)
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    othersoft.google_sheets(last_year, folder / "NV.xlsx", _answers(master, "NV"),
                            saved_at=SAVED, tmp=tmp_path, very_hidden="dropped")
    return folder


def test_a_google_file_of_last_year_without_its_identity_is_not_counted(
        hh_master, hh_split, tmp_path):
    """Last year's file, filled in Google Sheets and sent in January (nothing of its
    identity left): its task ids (TC-01…) and the guide's unit code are this year's too,
    so it was taken as this year's with a warning. Its sheets' line 2 gives last year's
    cut-off day: refused as another year's, for nobody, saying where it goes."""
    folder = _last_years_google_file(hh_master, hh_split, tmp_path)
    result = merge_returns(hh_master, [folder], "9T", tmp_path / "out" / "t.xlsx",
                           received=RECEIVED, feedback_dir=tmp_path / "phan-hoi")
    (got,) = result.as_dict()["files"]
    assert (got["outcome"], got["unit"]) == ("rejected", None), got  # nobody's here
    assert not _rows_of(result, "NV")
    error = _the_finding(got, "heading-other-year")
    assert error["message"] == (
        "dòng 2 các trang nhiệm vụ ghi kỳ 9 tháng năm 2022 (số liệu đến hết ngày 14/09/2022), "
        "không thuộc kế hoạch năm 2023 đang gộp (tệp đã được lưu lại bằng Google Sheets và "
        "không còn thông tin nhận dạng ẩn): tệp không được tính; nếu là báo cáo năm 2022 gửi "
        "muộn, gộp tệp này với bảng kế hoạch và sổ cái của năm 2022 (thư mục làm việc của năm "
        "2022); nếu đơn vị gửi nhầm tệp năm trước, đề nghị Phòng Nội vụ (NV) gửi tệp của kế "
        "hoạch năm 2023"), error["message"]
    # The unit its line 2 names ("Phòng Nội vụ — …"), by name: the reminder says it.
    assert error["unit"] == "NV", error
    letter = _feedback_texts(tmp_path / "phan-hoi")
    # Why in the letter's header, what to do in its table.
    assert ("Tệp bị từ chối: tệp đã gửi là báo cáo của kế hoạch năm khác (ghi ở dòng 2 các "
            "trang nhiệm vụ), không phải kế hoạch năm 2023\n") in letter, letter
    assert ("Nếu đây là báo cáo năm trước gửi muộn, đơn vị không cần gửi lại (cơ quan tổng "
            "hợp gộp tệp vào số liệu năm đó); nếu gửi nhầm, điền kết quả 9 tháng năm 2023 vào "
            "tệp được giao của kế hoạch năm 2023 rồi gửi") in letter, letter


def test_the_reminder_says_a_unit_sent_last_years_google_file(hh_master, hh_split, tmp_path):
    """Last year's file refused by its line 2 counts for no unit, and its unit is among
    those that have not sent: the reminder says what it sent, as it says it of last
    year's file refused by its identity (tests/test_other_plan_said.py), the unit found
    by the name on line 2."""
    from test_other_plan_said import _remind

    from cchc_xl.vocab import RETURN_MISSING

    folder = _last_years_google_file(hh_master, hh_split, tmp_path)
    merge_returns(hh_master, [folder], "9T", tmp_path / "tong-hop.xlsx", received=RECEIVED)
    body, _, rows = _remind(tmp_path)
    said = "đã gửi tệp của kế hoạch năm khác, không phải tệp được giao kỳ này"
    assert f"Trong đó, Phòng Nội vụ {said}, nên chưa được tính là đã gửi báo cáo." in body, body
    assert rows["Phòng Nội vụ"]["Tình trạng"] == RETURN_MISSING
    assert rows["Phòng Nội vụ"]["Việc cần làm"].endswith(f"; đơn vị {said}.")
    assert not rows["Phòng Tư pháp"]["Việc cần làm"].endswith(f"{said}.")


def test_line_2_gives_another_year_only_when_no_sheet_gives_one_of_the_plan(hh_master):
    """Another year read from line 2's cut-off day (intake.identify._headed_year): one
    year none of the plan's periods is in; none when a sheet gives this plan's year, two
    years are given, or no day."""
    from types import SimpleNamespace

    from cchc_xl.intake.identify import _headed_year

    def headed(*lines: str) -> tuple | None:
        sheets = {f"Trang {n}": line for n, line in enumerate(lines)}
        return _headed_year(SimpleNamespace(headings=sheets), hh_master)

    def year(*lines: str) -> int | None:
        found = headed(*lines)
        return found[1].year if found else None

    def line(name: str, day: str) -> str:
        return f"Phòng Nội vụ — {name} (số liệu đến hết ngày {day}, gửi lại chậm nhất ngày …)"

    old = line("9 tháng năm 2022", "14/09/2022")
    assert year(old, old) == 2022
    assert year(old, "Phòng Nội vụ — báo cáo") == 2022
    assert year(line("Năm 2024", "14/12/2024")) == 2024
    assert year(old, line("9 tháng năm 2023", "14/09/2023")) is None  # two years
    assert year(line("9 tháng năm 2023", "14/09/2023")) is None  # this plan's
    assert year(line("9 tháng năm 2022", "31/02/2022")) is None  # no such day
    assert year() is None
    # The unit of this plan line 2 names, by name; none when it names no one unit.
    assert headed(old, old)[2] == hh_master.unit("NV")
    assert headed(old.replace("Phòng Nội vụ", "PHÒNG NỘI VỤ"))[2] == hh_master.unit("NV")
    assert headed(old.replace("Phòng Nội vụ", "Phòng Không Có"))[2] is None
    assert headed(old, old.replace("Phòng Nội vụ", "Phòng Tư pháp"))[2] is None


def test_a_google_file_whose_line_2_names_no_period_is_taken_with_its_period_unchecked(
        hh_master, hh_split, tmp_path):
    """Line 2 of the task sheets cleared (the unit tidied the sheets): nothing names the
    period, the file is taken by the guide's unit code with the warning that plan and
    period were not checked, and the office told to look at the file."""
    cleared = tmp_path / "NV-xoa-dong-2.xlsx"
    wb = load_workbook(hh_split["NV"])
    for ws in wb.worksheets:
        if ws.title not in (A.GUIDE_SHEET, A.IDENTITY_SHEET):
            ws.cell(A.HEADING_ROW, 1).value = None
    wb.save(cleared)
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    othersoft.google_sheets(cleared, folder / "NV.xlsx", _answers(hh_master, "NV"),
                            saved_at=SAVED, tmp=tmp_path, very_hidden="dropped")
    result = merge_returns(hh_master, [folder], "9T", tmp_path / "out" / "t.xlsx",
                           received=RECEIVED)
    (got,) = result.as_dict()["files"]
    assert (got["outcome"], got["unit"]) == ("accepted", "NV"), got
    warning = _the_finding(got, "identity-missing")
    assert ("không kiểm tra được kế hoạch và kỳ 9 tháng năm 2023: xem dòng 2 các trang "
            "nhiệm vụ của tệp để chắc đây là báo cáo kỳ 9 tháng năm 2023 của đơn vị; lần sau "
            "đề nghị đơn vị điền tệp được giao bằng Excel") in warning["message"], warning


@pytest.mark.parametrize("unit", ["NV", "X03", "BPMC"])
def test_line_2_as_split_writes_it_is_read_back_as_its_period(hh_master, hh_split, unit):
    """What split writes on line 2 and what intake reads there are one format
    (assignment.HEADING_SEPARATOR, HEADING_CUTOFF): every task sheet of a unit's file as
    issued names the period it was issued for, a day of the plan's year; a change to
    either side that broke it would take every Google file of another period as this
    one's again."""
    from cchc_xl.intake import read_return
    from cchc_xl.intake.identify import _headed_period, _headed_year

    rf = read_return(hh_split[unit])
    assert rf.error is None and rf.headings, rf.headings  # BPMC: one task sheet
    assert _headed_period(rf, hh_master) == hh_master.period("9T")
    assert _headed_year(rf, hh_master) is None
