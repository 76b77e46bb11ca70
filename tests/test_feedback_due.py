"""A feedback workbook gives one deadline: the unit's own sheets (the guide's "Hạn gửi
lại", each task sheet's line under its title) say it as the letter on its "Phản hồi"
sheet does (cchc_xl/resend.py), and the copy sent back is still the unit's file."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_xl import assignment as A
from cchc_xl.feedback import FEEDBACK_SHEET
from cchc_xl.merge import merge_returns
from cchc_xl.resend import RESEND_WITHIN, said_again
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, ids
from support.workbooks import load_workbook

DUE = "20/09/2023"  # the Hoằng Hóa plan's 9 tháng


def _x04_feedback(hh_master, hh_split, folder: Path, now: datetime):
    """X04's return (150%: an error), received 19/09/2023 and merged at ``now``: the
    file sent, its feedback workbook, and the merge."""
    sent = fill_return(hh_split["X04"], folder / "in" / "X04.xlsx",
                       {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    result = merge_returns(hh_master, [sent], "9T", folder / "out" / "th.xlsx",
                           feedback_dir=folder / "fb", received=date(2023, 9, 19), now=now)
    (letter,) = result.feedback
    return sent, letter, result


def _deadlines(path: Path) -> tuple[str, str, list[str]]:
    """What a unit's workbook says of by when to send it: the letter's "Hạn gửi lại" (""
    in a file split wrote), the guide's, and each task sheet's line under its title."""
    wb = load_workbook(path)
    letter = ""
    if FEEDBACK_SHEET in wb.sheetnames:
        letter = next(str(r[0]) for r in wb[FEEDBACK_SHEET].iter_rows(max_col=1, values_only=True)
                      if str(r[0]).startswith("Hạn gửi lại"))
    guide = wb[A.GUIDE_SHEET]
    (given,) = [r[1] for r in guide.iter_rows(max_col=2, values_only=True)
                if r[0] == "Hạn gửi lại"]
    lines = [ws.cell(A.HEADING_ROW, 1).value for ws in wb.worksheets
             if ws.title not in (FEEDBACK_SHEET, A.GUIDE_SHEET, A.IDENTITY_SHEET)]
    return letter, given, lines


def _answers(path: Path) -> dict[tuple[str, str], object]:
    """Every cell of the task sheets from the table's header down, by sheet and cell."""
    wb = load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets
            if ws.title not in (FEEDBACK_SHEET, A.GUIDE_SHEET, A.IDENTITY_SHEET)
            for row in ws.iter_rows(min_row=A.HEADER_ROW) for c in row}


def test_a_feedback_workbook_written_after_the_due_date_gives_its_letter_s_deadline(
        hh_master, hh_split, tmp_path):
    """Merged on 22/09, after the due date: the letter said "trong 03 ngày làm việc…",
    the guide and every task sheet of the same workbook "chậm nhất ngày 20/09/2023", a
    day already past: the unit did not know which. Each now says the letter's words, in
    the cell's own style; the unit's answers, its file as sent and the archive's copy
    are as they were."""
    sent, letter, result = _x04_feedback(hh_master, hh_split, tmp_path,
                                         datetime(2023, 9, 22, 9))
    sent_bytes = sent.read_bytes()
    said, guide, lines = _deadlines(letter)
    assert said == f"Hạn gửi lại: {RESEND_WITHIN}."
    assert guide == RESEND_WITHIN[0].upper() + RESEND_WITHIN[1:]
    assert lines and all(line.startswith("Xã Hoằng Đạo — 9 tháng năm 2023 (")
                         and line.endswith(f", gửi lại {RESEND_WITHIN})") for line in lines)
    assert not any(DUE in text for text in (guide, *lines))
    # The cells keep their look: the guide's plain, the line under the title italic.
    wb, issued = load_workbook(letter), load_workbook(hh_split["X04"])
    (row,) = [r for r in wb[A.GUIDE_SHEET].iter_rows(max_col=1) if r[0].value == "Hạn gửi lại"]
    for sheet, cell in ((A.GUIDE_SHEET, f"B{row[0].row}"),
                        (wb.sheetnames[2], f"A{A.HEADING_ROW}")):
        now, was = wb[sheet][cell], issued[sheet][cell]
        assert (now.font.i, now.font.b, now.alignment.wrap_text, now.protection.locked) == (
            was.font.i, was.font.b, was.alignment.wrap_text, was.protection.locked)
    # The unit's answers as sent; the file sent and the archive's copy untouched.
    assert _answers(letter) == _answers(sent)
    assert sent.read_bytes() == sent_bytes
    (kept,) = [f.kept for f in result.files if f.in_run]
    assert Path(kept).read_bytes() == sent_bytes


def test_a_feedback_workbook_written_before_the_due_date_gives_the_due_date(
        hh_master, hh_split, tmp_path):
    """Merged on 19/09, before the due date: the letter and the unit's sheets give the
    due date alike, as split wrote it."""
    _, letter, _ = _x04_feedback(hh_master, hh_split, tmp_path, datetime(2023, 9, 19, 16))
    said, guide, lines = _deadlines(letter)
    assert said == f"Hạn gửi lại: chậm nhất ngày {DUE}."
    assert (guide, lines) == _deadlines(hh_split["X04"])[1:]
    assert guide == f"Chậm nhất ngày {DUE}"


def test_the_feedback_copy_sent_back_is_the_unit_s_file(hh_master, hh_split, tmp_path):
    """The copy whose deadline was said again is read as X04's return as it was: the
    same identity and the same findings, none of a changed file (no read-only cell, no
    other unit's sheet, no identity that does not match); corrected and sent back, it
    replaces the file it was written for and only what was corrected is gone."""
    _, letter, first = _x04_feedback(hh_master, hh_split, tmp_path / "a",
                                     datetime(2023, 9, 22, 9))

    def read(result):
        (f,) = [f for f in result.files if f.in_run]
        return f.unit, f.outcome, {(p.code, p.sheet, p.cell) for p in f.problems}

    unit, outcome, found = read(first)
    # As it is, in another office's ledger (this one's knows it as its own output).
    back = tmp_path / "b" / "X04.xlsx"
    back.parent.mkdir()
    shutil.copyfile(letter, back)
    again = merge_returns(hh_master, [back], "9T", tmp_path / "b" / "out" / "th.xlsx",
                          received=date(2023, 9, 23), now=datetime(2023, 9, 23, 9))
    # Saved by the real clock, merged in 2023: its save time is "in the future" here.
    unit_b, outcome_b, found_b = read(again)
    assert (unit_b, outcome_b) == (unit, outcome) == ("X04", "accepted")
    assert found_b - {("saved-time-future", "", "")} == found
    # Corrected by the unit and sent back to the office that wrote it.
    fixed = fill_return(letter, tmp_path / "c" / "X04.xlsx",
                        {ids(hh_master, "X04")[0]: doing(50)}, saved_at=datetime(2023, 9, 23, 8))
    corrected = merge_returns(hh_master, [fixed], "9T", tmp_path / "a" / "out" / "th.xlsx",
                              received=date(2023, 9, 23), now=datetime(2023, 9, 23, 9))
    assert read(corrected) == ("X04", "accepted",
                               found - {("percent-out-of-range", "Thể chế", "I5")})


@pytest.mark.parametrize(("text", "resend", "said"), [
    # As split wrote it, before and after the due date.
    ("Chậm nhất ngày 20/09/2023", f"chậm nhất ngày {DUE}", f"Chậm nhất ngày {DUE}"),
    ("X — 9 tháng (gửi lại chậm nhất ngày 20/09/2023)", RESEND_WITHIN,
     f"X — 9 tháng (gửi lại {RESEND_WITHIN})"),
    # An earlier feedback's words, the due date moved later since: the new due date.
    ("Trong 03 ngày làm việc kể từ ngày nhận được phản hồi này", "chậm nhất ngày 30/09/2023",
     "Chậm nhất ngày 30/09/2023"),
    # Decomposed (a Mac's file): still found.
    ("gửi lại chậm nhất ngày 20/09/2023".replace("ậ", "a\u0323\u0302"), RESEND_WITHIN,
     f"gửi lại {RESEND_WITHIN}"),
    # No deadline: as it is.
    ("Ngày lập tệp 20/09/2023", RESEND_WITHIN, "Ngày lập tệp 20/09/2023"),
])
def test_the_deadline_is_said_again_wherever_split_or_a_feedback_wrote_it(text, resend, said):
    assert said_again(text, resend) == said


def test_a_line_said_longer_is_given_the_height_it_needs_and_the_unit_s_notes_are_its_own():
    """The words after the due date are longer than a day: a unit with a long name
    whose line under the title wraps onto a second line is given the row's height for
    it (never less than it had). A note the unit typed in its table that names the day
    ("đã gửi lại chậm nhất ngày 20/09/2023") is its answer, left as typed."""
    from openpyxl import Workbook

    from cchc_xl import styles
    from cchc_xl.feedback import _resend_shown

    wb = Workbook()
    ws = wb.active
    ws.title = "Thể chế"
    for column in "ABCDEFGHIJKL":
        ws.column_dimensions[column].width = 12  # 144 across: one line, not two
    ws.merge_cells("A2:L2")
    line = ("Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa — 9 tháng năm 2025 (số liệu "
            f"đến hết ngày 14/09/2025, gửi lại chậm nhất ngày {DUE})")
    ws["A2"] = line
    ws["A2"].font = styles.openpyxl_font(italic=True)  # as split writes it: 12 pt
    ws.row_dimensions[2].height = styles.fitted_height([(line, 144)])
    note = f"Đã gửi lại chậm nhất ngày {DUE}"
    ws.cell(A.HEADER_ROW + 1, 12, note)
    _resend_shown(wb, RESEND_WITHIN)
    said = ws["A2"].value
    assert said.endswith(f"gửi lại {RESEND_WITHIN})")
    assert ws.row_dimensions[2].height == styles.fitted_height([(said, 144)]) > \
        styles.fitted_height([(line, 144)])
    assert ws.cell(A.HEADER_ROW + 1, 12).value == note
