"""Quý III and 9 tháng share a cut-off (14/09): what carries into the year's report and
what ``split --ledger`` fills in for it follow one rule, whatever order the two were
merged in (docs/counting.md, "Periods sharing a cut-off"): the 9-month answer, the
office's reference, unless only the quarter has one; a "done" in either stays done. A QA
pass found the file merged last won: quý III's "Đang thực hiện, 60%" merged after 9
tháng's "Đã hoàn thành 10/09" made the year's report count the task not started, and
filled the unit's file in with 60%."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from test_figures import EVIDENCE, done

from cchc_xl import assignment as A
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.split import split_master
from cchc_xl.vocab import DONE, IN_PROGRESS
from support import counting
from support.counting import X1_ANSWER, _Office

NAMES = {"Q3": "Quý III năm 2023", "9T": "9 tháng năm 2023"}


def _working(percent: int) -> dict:
    return {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: percent, A.COL_EVIDENCE: EVIDENCE}


# NV's answers on TTHC-03 (due Quý IV/2023) in the quarter and at nine months (None: the
# row left blank, NV answering another), and what the year's report and file then show:
# (the status shown carried, or None: nothing carried), then the cells filled in.
CASES = {
    "nine months done": (_working(60), done(date(2023, 9, 10)),
                         "9T", (DONE, 100, datetime(2023, 9, 10))),
    "quarter done": (done(date(2023, 9, 5)), _working(60),
                     "Q3", (DONE, 100, datetime(2023, 9, 5))),
    "both done": (done(date(2023, 9, 5)), done(date(2023, 9, 10)),
                  "9T", (DONE, 100, datetime(2023, 9, 10))),
    "neither done": (_working(40), _working(70), None, (IN_PROGRESS, 70, None)),
    "quarter alone": (_working(40), None, None, (IN_PROGRESS, 40, None)),
}


@pytest.mark.parametrize("order", [("Q3", "9T"), ("9T", "Q3")], ids=["Q3-9T", "9T-Q3"])
@pytest.mark.parametrize("case", list(CASES))
def test_the_year_takes_nine_months_over_the_quarter_in_any_merge_order(
        tmp_path, monkeypatch, case, order) -> None:
    quarter, nine, carried_from, prefilled = CASES[case]
    monkeypatch.setitem(counting._ISSUED, "Q3", datetime(2023, 9, 1))
    office = _Office(tmp_path)
    sent = {"Q3": {"NV": {"TTHC-03": quarter}},
            "9T": {"NV": {"TTHC-03": nine} if nine else {"TC-01": _working(50)}}}
    for code in order:
        office.send(code, sent[code])
    year = office.send("NAM", X1_ANSWER)  # NV sends nothing for the year

    # The year's report: the task done (carried) or not started, as NV last said.
    summary = summarize(load_snapshot(office.db, "NAM"))
    task = next(t for t in summary.tasks if t.id == "TTHC-03")
    assert (task.status, summary.total.done) == ((DONE, 1) if carried_from else
                                                 ("Chưa thực hiện", 0))
    shown = next([c for c in row if c is not None]
                 for ws in load_workbook(year, read_only=True).worksheets
                 for row in ws.iter_rows(values_only=True) if "NV|TTHC-03" in row)
    if carried_from:
        status = f"Đã hoàn thành theo báo cáo {NAMES[carried_from]}"
        assert shown[shown.index(status):shown.index(status) + 3] == [status, *prefilled[1:]]
    else:
        assert not any("theo báo cáo" in str(c) for c in shown)

    # The year's file split for NV from the ledger: the same answer filled in.
    files = split_master(office.master, "NAM", tmp_path / "nam-dien-san", ledger=office.db,
                         issued_at=datetime(2023, 12, 1)).files
    nv = next(f.path for f in files if f.unit_code == "NV")
    cols = [A.COLUMNS.index(c) for c in (A.COL_STATUS, A.COL_PERCENT, A.COL_DONE_ON)]
    (cells,) = [tuple(row[c] for c in cols)
                for ws in load_workbook(nv, read_only=True).worksheets
                for row in ws.iter_rows(values_only=True) if row and row[0] == "TTHC-03"]
    assert cells == prefilled
