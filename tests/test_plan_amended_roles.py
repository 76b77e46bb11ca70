"""A plan amended to give a task to the unit that coordinated it (and the coordinating
part to the former lead): the next period's files, pre-filled from the ledger, must not
carry a unit's answer from one role into the other. They did (a QA pass): the new lead's
row showed its "Đã hoàn thành" of its coordinating part, with the date and evidence,
sent back as it was the task counted done, reported so by no lead; the former lead's
coordinating row showed the task's progress."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from test_plan_amended import KT, VP, _doing, _done, _fill, _run, write_plan

from cchc_xl import assignment as A
from support.clock import set_clock


def _inputs(folder: Path, unit: str) -> dict[str, tuple]:
    """The unit's file's rows: task id -> (status, percent, evidence, note)."""
    (path,) = folder.glob(f"{unit}-*.xlsx")
    ws = load_workbook(path)["Cải cách thể chế"]
    header = [c.value for c in ws[A.HEADER_ROW]]
    col = {name: i for i, name in enumerate(header) if name}
    return {row[col[A.COL_ID]]: tuple(row[col[c]] for c in (
        A.COL_STATUS, A.COL_PERCENT, A.COL_EVIDENCE, A.COL_NOTE))
        for row in ws.iter_rows(min_row=A.HEADER_ROW + 1, values_only=True)
        if row[col[A.COL_ID]]}


def test_a_coordinator_made_lead_is_not_given_its_part_done_as_the_task_s(
        tmp_path: Path, monkeypatch) -> None:
    plan = write_plan(tmp_path / "kh.xlsx")  # TC-01: VP leads, KT coordinates
    set_clock(monkeypatch, date(2026, 6, 1))
    _run("split", plan, "--period", "6T", "--out", tmp_path / "giao-6t")
    _fill(tmp_path / "giao-6t", tmp_path / "nhan-6t", {
        ("VP", "TC-01"): _doing(30) | {A.COL_NOTE: "đang tổng hợp"},
        ("KT", "TC-01"): _done(date(2026, 5, 5)), ("KT", "TC-02"): _doing(40)},
        datetime(2026, 6, 16, 9))
    set_clock(monkeypatch, date(2026, 6, 18))
    _run("merge", plan, tmp_path / "nhan-6t", "--period", "6T", "--out",
         tmp_path / "th-6t.xlsx", "--received", "18/06/2026")
    wb = load_workbook(plan)  # the amendment: KT leads TC-01, VP coordinates it
    ws = wb["Lĩnh vực 1"]
    ws["E6"], ws["F6"] = KT, VP
    wb.save(plan)
    set_clock(monkeypatch, date(2026, 9, 1))
    _run("split", plan, "--period", "9T", "--out", tmp_path / "giao-9t", "--ledger",
         tmp_path / "cchc-ledger.sqlite")
    kt, vp = _inputs(tmp_path / "giao-9t", "KT"), _inputs(tmp_path / "giao-9t", "VP")
    assert kt["TC-01"] == (None, None, None, None)
    assert vp["TC-01"] == (None, None, None, None)
    assert kt["TC-02"][:2] == ("Đang thực hiện", 40)  # its own lead row: still carried
    # KT sends its file back with TC-02 updated, TC-01 as it was given: not done.
    _fill(tmp_path / "giao-9t", tmp_path / "nhan-9t", {("KT", "TC-02"): _doing(70)},
          datetime(2026, 9, 16, 9))
    set_clock(monkeypatch, date(2026, 9, 18))
    _run("merge", plan, tmp_path / "nhan-9t", "--period", "9T", "--out",
         tmp_path / "th-9t.xlsx", "--received", "18/09/2026")
    rows = list(load_workbook(tmp_path / "th-9t.xlsx")["Tất cả dòng"].iter_rows(
        values_only=True))
    at = next(n for n, r in enumerate(rows) if "Mã nhiệm vụ" in r)
    col = {name: i for i, name in enumerate(rows[at]) if name}
    said = {(r[col["Mã đơn vị"]], r[col["Mã nhiệm vụ"]]): r[col["Trạng thái"]]
            for r in rows[at + 1:]}
    assert said[("KT", "TC-02")] == "Đang thực hiện"
    assert said[("KT", "TC-01")] == "Chưa báo cáo"  # not "Đã hoàn thành"
