"""A unit's workbook filled in Google Sheets ("Tải xuống > Microsoft Excel (.xlsx)") or WPS
Spreadsheets, as tests/support/othersoft.py simulates each from its sources
(docs/unit-file.md, "Google Sheets and WPS Spreadsheets"): the file is the unit's, every
answer is read as typed, and nothing is said that did not happen."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc_xl import assignment as A
from cchc_xl.fast.reader import FastWorkbook
from cchc_xl.intake import FAST, OPENPYXL, read_return
from cchc_xl.intake.saved_by import GOOGLE_SHEETS, WPS, saved_by
from cchc_xl.merge import merge_returns
from cchc_xl.vocab import DONE, IN_PROGRESS, NOT_STARTED
from make_sample_returns import Typed
from support import othersoft
from support.merge import _rows_of
from support.mistakes import EVIDENCE, ids

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
    "very hidden" again; the unit corrects it in Google Sheets once more and sends it:
    it is the unit's, and the corrected answer counts."""
    i = ids(hh_master, "NV")
    answers = _answers(hh_master, "NV")
    answers[i[0]][A.COL_DONE_ON] = None  # done, no date: an error told in the feedback
    sent = _sent("google", hh_master, hh_split, tmp_path, answers=answers)
    out = tmp_path / "out" / "t.xlsx"
    result = merge_returns(hh_master, [sent.parent], "9T", out, received=RECEIVED,
                           feedback_dir=tmp_path / "phan-hoi")
    assert "done-without-date" in {p["code"] for p in result.as_dict()["files"][0]["problems"]}
    (feedback,) = (tmp_path / "phan-hoi").glob("*.xlsx")
    wb = load_workbook(feedback)
    assert wb[A.IDENTITY_SHEET].sheet_state == "veryHidden"
    wb.close()
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


def test_which_program_saved_a_file(hh_split, tmp_path):
    assert saved_by(hh_split["NV"]) == "Microsoft Excel"  # as xlsxwriter names itself
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    assert saved_by(junk) is None
