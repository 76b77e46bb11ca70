"""A task's progress ("Tiến độ" of Biểu 3, Phụ lục III of the Word report) takes what a
unit reported on a row "cần xác minh", marked, and never counts the row done.

Users' probe: a task whose product reported done at 100% without evidence (an error:
counted in progress) beside a product at 0% showed 0%, and a task whose only row was
such showed nothing: the unverified row's 100% was left out of the mean. Here a small
plan is split, filled as the units would, merged and reported (xlsx, HTML, Word); the
percentages below are counted by hand (docs/counting.md, "Cần xác minh").
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from docx import Document
from test_figures import EVIDENCE, word_text

from cchc_xl import assignment as A
from cchc_xl.deadlines import parse_deadline
from cchc_xl.ledger import LEDGER_NAME
from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.merge import merge_returns
from cchc_xl.model import Area, Deliverable, Master, Plan, Task, Unit
from cchc_xl.periods import default_periods
from cchc_xl.report import write_report
from cchc_xl.split import split_master
from cchc_xl.vocab import DEPARTMENT, DONE, IN_PROGRESS, NOT_STARTED
from make_sample_returns import fill_return
from support.report import html_tables
from support.workbooks import load_workbook

NAMES = {"NV": "Phòng Nội vụ", "TP": "Phòng Tư pháp"}


def _d(did: str, lead: str) -> Deliverable:
    return Deliverable(id=did, product=f"Sản phẩm {did}",
                       deadline=parse_deadline("Tháng 12/2023", 2023), lead_text=NAMES[lead],
                       lead=[lead])


def _master() -> Master:
    area = Area("TC", "Cải cách thể chế", "Thể chế", "Phụ lục 01", tasks=[
        # Two products: one done at 100% without evidence (cần xác minh), one not begun.
        Task("TC-01", "1", "Rà soát văn bản", [_d("TC-01.1", "NV"), _d("TC-01.2", "NV")]),
        # One product, done at 100% without evidence: its only row is cần xác minh.
        Task("TC-02", "2", "Kiểm tra văn bản", [_d("TC-02", "TP")]),
        # In progress at 40% with nothing wrong: as before, unmarked.
        Task("TC-03", "3", "Hệ thống hóa văn bản", [_d("TC-03", "TP")]),
        # Three products in progress at 10, 25 and 5%: a mean of 13,33...%.
        Task("TC-04", "4", "Công bố văn bản", [_d("TC-04.1", "NV"), _d("TC-04.2", "TP"),
                                               _d("TC-04.3", "NV")]),
    ])
    plan = Plan(authority="Ủy ban nhân dân huyện Thử", title="Kế hoạch CCHC năm 2023",
                year=2023, code="tien-do-2023")
    return Master(plan=plan, units=[Unit(c, n, DEPARTMENT) for c, n in NAMES.items()],
                  groups=[], periods=default_periods(2023), areas=[area])


UNVERIFIED_DONE = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 8, 1)}
ANSWERS = {
    "NV": {"TC-01.1": UNVERIFIED_DONE, "TC-01.2": {A.COL_STATUS: NOT_STARTED}},
    "TP": {"TC-02": UNVERIFIED_DONE,
           "TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40, A.COL_EVIDENCE: EVIDENCE},
           "TC-04.2": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 25}},
}
ANSWERS["NV"] |= {"TC-04.1": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 10},
                  "TC-04.3": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 5}}
# Counted by hand: TC-01 (100 + 0) / 2 = 50, marked; TC-02 100, marked; TC-03 40;
# TC-04 (10 + 25 + 5) / 3 = 13,333. Every one with two decimals (docs/counting.md): an
# audit of a commune's report found "40%" beside "11,08%" in one column.
PROGRESS = {"TC-01": "50,00%*", "TC-02": "100,00%*", "TC-03": "40,00%", "TC-04": "13,33%"}
PLAN_NUMBER = {"TC-01": "1", "TC-02": "2", "TC-03": "3", "TC-04": "4"}  # their TT in the plan
CONTENT = {t.content for t in _master().tasks()}
FOOTNOTE = ("(*) Tiến độ có tính tỷ lệ đơn vị tự báo cáo ở dòng cần xác minh (báo cáo có "
            "lỗi): tỷ lệ đó chưa được xác minh, dòng đó chưa được tính là hoàn thành.")
RESULT_LINE = "Tỷ lệ trên có tính báo cáo cần xác minh (chưa được tính là hoàn thành)."


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("progress")
    master = load_master(write_master(_master(), tmp / "ke-hoach.xlsx"))
    split = {f.unit_code: f.path for f in split_master(
        master, "9T", tmp / "giao", issued_at=datetime(2023, 9, 1)).files}
    for unit, typed in ANSWERS.items():
        fill_return(split[unit], tmp / "nhan" / split[unit].name, typed)
    out = tmp / "tong-hop" / "tong-hop-9T.xlsx"
    merge_returns(master, [tmp / "nhan"], "9T", out, received=date(2023, 9, 18))
    folder = tmp / "bao-cao"
    folder.mkdir()
    return write_report(out.parent / LEDGER_NAME, "9T", folder / "bao-cao.xlsx",
                        html=folder / "bao-cao.html", docx=folder / "bao-cao.docx")


def test_an_unverified_rows_percent_enters_the_progress_marked(reported) -> None:
    summary = reported.summary
    tasks = {t.id: t for t in summary.tasks}
    assert {k: (t.percent, t.percent_unverified) for k, t in tasks.items()} == {
        "TC-01": (50.0, True), "TC-02": (100.0, True), "TC-03": (40.0, False),
        "TC-04": (13.33, False)}  # the mean, to two places
    products = {p.id: (p.percent, p.percent_unverified) for t in summary.tasks
                for p in t.products}
    assert products == {"TC-01.1": (100.0, True), "TC-01.2": (0.0, False),
                        "TC-02": (100.0, True), "TC-03": (40.0, False),
                        "TC-04.1": (10.0, False), "TC-04.2": (25.0, False),
                        "TC-04.3": (5.0, False)}
    # Never counted done: every task in progress, no completion.
    assert {t.status for t in summary.tasks} == {IN_PROGRESS}
    assert (summary.total.done, summary.total.needs_verification) == (0, 2)
    assert {r.counted_status for t, _, r in summary.unverified()} == {IN_PROGRESS}


def _pending_rows(rows) -> dict[str, str]:
    """Biểu 3's "Tiến độ" by task code (its 2nd and 7th columns)."""
    return {r[1]: r[6] for r in rows if len(r) > 6 and r[1] in PROGRESS}


def test_the_workbook_shows_the_marked_progress_and_says_why(reported) -> None:
    ws = load_workbook(reported.paths[0])["Chưa hoàn thành"]
    rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
    assert _pending_rows(rows) == PROGRESS
    assert [FOOTNOTE] == [v for r in rows for v in r if v.startswith("(*)")]
    # The plan appendix's result column says it in words under the percentage.
    results = [str(c.value) for ws in load_workbook(reported.paths[0]).worksheets
               for r in ws.iter_rows() for c in r
               if isinstance(c.value, str) and c.value.startswith(IN_PROGRESS + ", ")]
    assert sorted(results) == sorted([
        f"{IN_PROGRESS}, 100,00% (trong hạn).\n{RESULT_LINE}",   # TC-01.1
        f"{IN_PROGRESS}, 100,00% (trong hạn).\n{RESULT_LINE}",   # TC-02
        f"{IN_PROGRESS}, 40,00% (trong hạn).",                   # TC-03
        f"{IN_PROGRESS}, 10,00% (trong hạn).",                   # TC-04.1
        f"{IN_PROGRESS}, 25,00% (trong hạn).",                   # TC-04.2
        f"{IN_PROGRESS}, 5,00% (trong hạn)."])                   # TC-04.3


def test_the_page_and_the_word_report_show_the_same(reported) -> None:
    page = reported.paths[1].read_text(encoding="utf-8")
    assert _pending_rows(html_tables(page)["chua-hoan-thanh"]) == PROGRESS
    assert FOOTNOTE in page
    paragraphs, _ = word_text(reported.paths[2])
    (annex,) = [[[c.text for c in r.cells] for r in t.rows]
                for t in Document(reported.paths[2]).tables
                if "Tiến độ" in [c.text for c in t.rows[0].cells]]
    # Phụ lục III, a task named by its number in the plan (TT), not by its code
    assert {r[1]: r[6] for r in annex if len(r) > 6 and r[2] in CONTENT} == {
        PLAN_NUMBER[task]: progress for task, progress in PROGRESS.items()}
    assert FOOTNOTE in paragraphs


def test_a_mean_of_progress_is_rounded_half_up_as_a_rate_is(tmp_path) -> None:
    """A commune's task led by eight units: one done (100%), one at 5%, six not begun or
    silent: (100 + 5) / 8 = 13,125%. Biểu 3, the plan appendix and Phụ lục III of the
    signed Word report read "13,12%", where the same 105/800 written as a rate, and the
    rule of docs/counting.md ("two decimals, rounded half up"), read "13,13%": the mean
    was rounded by Python's round(), to the even digit on a binary tie (an audit of a
    province-size period's outputs; 8, 16 or 40 leads make such ties common)."""
    from cchc_xl import ledger as L
    from cchc_xl.text import vn_percent
    from cchc_xl.vocab import COMMUNE
    from support import report as small_plan
    from support.report import PENDING_SHEET, build_ledger, doing, leading_too, tiny_master

    master = leading_too(tiny_master(), [Unit(f"X{i}", f"Xã Thử X{i}", COMMUNE, groups=["XA"])
                                         for i in range(3, 9)])
    returns = {**small_plan.RETURNS, "X3": {"TTHC-01": doing(5)}}  # X1: done, 100%
    saved = {"6T": {**small_plan.SAVED["6T"], "X3": datetime(2023, 6, 12, 8)}}
    db = build_ledger(tmp_path / L.LEDGER_NAME, master, returns=returns, saved=saved)
    made = write_report(db, "6T", tmp_path / "bao-cao.xlsx", html=tmp_path / "bao-cao.html",
                        docx=tmp_path / "bao-cao.docx")
    assert vn_percent(105, 800) == "13,13%"
    wb = load_workbook(made.paths[0])
    pending = [["" if v is None else str(v) for v in r]
               for r in wb[PENDING_SHEET].iter_rows(values_only=True)]
    assert {r[1]: r[6] for r in pending if r[1] == "TTHC-01"} == {"TTHC-01": "13,13%"}
    # The product's result in the plan appendix ("Kết quả thực hiện"), its first line.
    assert [c.value.splitlines()[0] for ws in wb.worksheets for r in ws.iter_rows()
            for c in r if isinstance(c.value, str)
            and c.value.startswith(f"{IN_PROGRESS}, 13,1")] == [
        f"{IN_PROGRESS}, 13,13% (quá hạn)."]
    page = made.paths[1].read_text(encoding="utf-8")
    assert {r[1]: r[6] for r in html_tables(page)["chua-hoan-thanh"]
            if len(r) > 6 and r[1] == "TTHC-01"} == {"TTHC-01": "13,13%"}
    (annex,) = [[[c.text for c in r.cells] for r in t.rows]
                for t in Document(made.paths[2]).tables
                if "Tiến độ" in [c.text for c in t.rows[0].cells]]
    # The Word report numbers the task as the plan prints it (Phụ lục III).
    from cchc_xl.appendix import plan_numbers

    shown = plan_numbers(master)["TTHC-01"]
    assert {r[1]: r[6] for r in annex if r[1] == shown} == {shown: "13,13%"}
