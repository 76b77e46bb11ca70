"""The "Hạn" of a product due in two parts ("Tháng 6 và tháng 12/2026") once June's has
passed: a QA pass of a ward's year found the unit files' "Hạn (ngày)" and the
consolidated workbook's "Hạn" at 30/06/2026 at nine months and at the year's report (cut
off on 14/12), beside a row done in December "Đúng hạn" and rows "Trong hạn". The period
judges a row by June's date (not done, nothing done earlier: "Quá hạn") or December's
(done, or June's part done earlier): both are shown, the plan's words beside them
(docs/counting.md)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cchc_xl import assignment as A
from cchc_xl.vocab import IN_PROGRESS, LATE, ON_TIME, TIMELINESS_LABELS, WITHIN
from support.ward_year import EVIDENCE, TASK, TWO_PARTS, WardYear, done, task_row

BOTH = "30/06/2026,\n31/12/2026"


def _area_rows(path) -> list[dict]:
    """The consolidated workbook's area sheet rows of the task, by column header (the
    product's cells, merged down its lead rows, on the first)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            header = next((r for r in rows[:6] if r and "Hạn" in r), None)
            if header is not None:
                return [dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1:]
                        if r and any(r)]
    finally:
        wb.close()
    raise AssertionError("no area sheet")


def _due_cell_alignment(path) -> tuple[str, bool]:
    """(horizontal alignment, wrapped) of the task's "Hạn" cell on the area sheet."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=6):
            due = next((c for c in row if c.value == "Hạn"), None)
            if due is not None:
                cell = ws.cell(due.row + 1, due.column)
                return cell.alignment.horizontal, bool(cell.alignment.wrap_text)
    raise AssertionError("no area sheet")


@pytest.mark.parametrize("code, shown", [
    ("6T", datetime(2026, 6, 30)),  # June's part still ahead: its date alone, as before
    ("9T", BOTH), ("NAM", BOTH)])
def test_the_due_column_shows_the_parts_the_period_judges(tmp_path, code, shown) -> None:
    ward = WardYear(tmp_path)
    if code != "6T":
        ward.send("6T", {"VP": {TASK: done(date(2026, 6, 10))}})
    files = ward.split(code, ledger=code != "6T")
    for unit in ("VP", "KT", "VHXH"):
        row = task_row(files[unit])
        assert (row[A.COL_DEADLINE], row[A.COL_DUE]) == (TWO_PARTS, shown), unit
    # VP at work on December's part (June's done on 10/06); KT at work, June's part not
    # done; VHXH done in the period: in December, the whole (on time); before, June's part
    # (at work on December's, within time: docs/counting.md).
    finished = date(2026, 12, 4) if code == "NAM" else date(2026, 9, 10) \
        if code == "9T" else date(2026, 6, 12)
    result = ward.send(code, {
        "VP": {TASK: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60, A.COL_EVIDENCE: EVIDENCE}},
        "KT": {TASK: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40, A.COL_EVIDENCE: EVIDENCE}},
        "VHXH": {TASK: done(finished)}}, files=files)
    # The column as split wrote it is no edit of the plan's cells.
    codes = {f.code for file in result.files for f in file.problems}
    assert not codes & {"readonly-edited", "plan-changed-since-issued"}
    first, *others = _area_rows(ward.consolidated(code))
    assert (first["Thời gian hoàn thành"], first["Hạn"]) == (TWO_PARTS, shown)
    assert _due_cell_alignment(ward.consolidated(code)) == ("center", True)  # as a date
    progress = {r["Đơn vị chủ trì"]: r["Tiến độ"] for r in (first, *others)}
    names = {u.code: u.name for u in ward.master.units}
    late_by_june = LATE if code != "6T" else WITHIN
    vhxh = ON_TIME if code == "NAM" else WITHIN
    assert progress == {names["VP"]: TIMELINESS_LABELS[WITHIN],
                        names["KT"]: TIMELINESS_LABELS[late_by_june],
                        names["VHXH"]: TIMELINESS_LABELS[vhxh]}


def test_a_file_split_before_showing_june_s_date_alone_is_no_edit(tmp_path) -> None:
    """A nine-month file issued by a split that wrote June's date alone (before this
    change), sent back: the date is one split wrote, not the unit's edit."""
    ward = WardYear(tmp_path)

    def june_alone(wb) -> None:
        for ws in wb.worksheets:
            header = [c.value for c in ws[A.HEADER_ROW]] if ws.max_row >= A.HEADER_ROW else []
            if A.COL_DUE in header:
                for row in ws.iter_rows(min_row=A.HEADER_ROW + 1):
                    if row[0].value == TASK:
                        row[header.index(A.COL_DUE)].value = datetime(2026, 6, 30)

    result = ward.send("9T", {"KT": {TASK: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40,
                                            A.COL_EVIDENCE: EVIDENCE}}}, tweak=june_alone)
    (kt,) = [f for f in result.files if f.unit == "KT"]
    assert "readonly-edited" not in {f.code for f in kt.problems}
