"""A part's date filled in again: a product due in two parts ("Tháng 6 và tháng 12/2026")
done in June, and the next period's file filled in from the ledger (``split --ledger``)
with that "Đã hoàn thành, 10/06/2026". The unit, at work on December's part, changes the
status to "Đang thực hiện" and keeps the date the pre-fill put there: a QA pass of a
ward's year found it warned ``date-without-done`` ("nếu chưa, xóa ngày") in the merge's
summary, the feedback file and the reminder letter, at Q3, 9T and NAM, though the row
counted right (in progress, within time until 31/12). It is told in a note what the date
is; a date typed that no earlier part was done on is still warned (docs/validation.md)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cchc_xl import assignment as A
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, IN_PROGRESS, WITHIN
from support.ward_year import EVIDENCE, TASK, WardYear, done, task_row


def _problems(path) -> list[tuple]:
    """The consolidated workbook's "Vấn đề" sheet: (unit, task, severity, code, text)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    rows = list(wb["Vấn đề"].iter_rows(values_only=True))
    wb.close()
    header = rows[3]
    at = {name: header.index(name) for name in (
        "Nội dung cần sửa", "Mức độ", "Mã đơn vị", "Mã nhiệm vụ", "Mã vấn đề")}
    return [(r[at["Mã đơn vị"]], r[at["Mã nhiệm vụ"]], r[at["Mức độ"]], r[at["Mã vấn đề"]],
             r[at["Nội dung cần sửa"]]) for r in rows[4:] if r and r[0]]


@pytest.mark.parametrize("code", ["Q3", "9T", "NAM"])
def test_a_part_s_date_filled_in_is_not_a_date_to_delete(tmp_path, code) -> None:
    ward = WardYear(tmp_path)
    ward.send("6T", {"VP": {TASK: done(date(2026, 6, 10))}})
    files = ward.split(code, ledger=True)
    # The pre-fill: June's answer, as VP sent it.
    row = task_row(files["VP"])
    assert (row[A.COL_STATUS], row[A.COL_DONE_ON], row[A.COL_EVIDENCE]) == (
        DONE, datetime(2026, 6, 10), EVIDENCE)
    # VP changes the status only; KT, June's part not done, types a date beside "Đang
    # thực hiện" (the day it expects to finish): that one is still a date to look at.
    result = ward.send(code, {
        "VP": {TASK: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60}},
        "KT": {TASK: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60,
                      A.COL_DONE_ON: date(2026, 9, 1), A.COL_EVIDENCE: EVIDENCE}}},
        files=files)
    told = {(unit, severity): text for unit, task, severity, problem, text
            in _problems(ward.consolidated(code))
            if problem in ("date-without-done", "date-of-part-done")}
    assert set(told) == {("VP", "Ghi nhận"), ("KT", "Cảnh báo")}
    codes = {(unit, problem) for unit, _, _, problem, _ in _problems(ward.consolidated(code))}
    assert {("VP", "date-of-part-done"), ("KT", "date-without-done")} <= codes
    assert told["VP", "Ghi nhận"].startswith(
        "ngày 10/06/2026 là ngày hoàn thành phần việc đến hạn trước, đã báo cáo ở kỳ trước; "
        "phần đến hạn 31/12/2026 còn phải thực hiện")
    assert "xóa ngày" not in told["VP", "Ghi nhận"]
    assert "nếu chưa, xóa ngày" in told["KT", "Cảnh báo"]
    # The merge's summary counts VP's file without a warning; no feedback file asks VP to
    # fix anything, nor does the reminder letter.
    vp = next(f for f in result.files if f.unit == "VP")
    assert [(f.severity, f.code) for f in vp.problems] == [("note", "date-of-part-done")]
    assert "0 lỗi, 1 cảnh báo, 1 ghi nhận" in result.summary()
    fed_back = sorted(p.name[:3] for p in ward.feedback(code).glob("*.xlsx"))
    assert fed_back == ["KT-"]
    from cchc_xl.letters.remind import reminders

    snapshot = load_snapshot(ward.db, code)
    assert [r.unit.code for r in reminders(summarize(snapshot), snapshot)
            if r.items] == ["KT"]
    # Counted as before: at work on December's part, within time.
    lead = next(r for t in summarize(snapshot).tasks for p in t.products for r in p.leads
                if r.unit == "VP")
    assert (lead.counted_status, lead.timeliness) == (IN_PROGRESS, WITHIN)
