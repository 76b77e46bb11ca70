"""The period report (``cchc-xl report``): every figure against hand-counted values.

A small plan (7 tasks, 4 units, a commune group, a task with two products) gets
known returns written straight into a ledger; the expected tables below were
counted by hand from those returns, not by the code under test. The HTML page must
show the workbook's figures, in a browser too.
"""

from __future__ import annotations

import copy
import hashlib
import html
import io
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner
from docx import Document

import make_sample_returns as sample_returns
from cchc_xl import ledger as L
from cchc_xl.answer import Answer
from cchc_xl.appendix import PlanRow, appendix_pages, plan_columns
from cchc_xl.cli import main
from cchc_xl.consolidate import write_consolidated
from cchc_xl.deadlines import parse_deadline
from cchc_xl.master import write_master
from cchc_xl.model import Area, Deliverable, Group, Master, Plan, Task, Unit
from cchc_xl.periods import default_periods
from cchc_xl.plan_codec import plan_from_dict, plan_to_dict
from cchc_xl.report import summarize, write_report
from cchc_xl.report.charts import UNIT_CHART_PREFIX, UNIT_CHART_TITLE, charts
from cchc_xl.snapshot import load_snapshot
from cchc_xl.styles import MIN_PRINTED_PT, printed_scale, setup_print
from cchc_xl.text import vn_number, vn_percent, vn_progress
from cchc_xl.vocab import COMMUNE, DEPARTMENT, DONE, IN_PROGRESS, LEAD, NOT_STARTED, SUPPORT
from support.golden import assert_matches_golden
from support.tools import CHROMIUM, convert_all, needs_chromium, needs_libreoffice, needs_poppler
from support.workbooks import load_workbook  # merged ranges' borders not drawn

MERGED_AT = datetime(2023, 9, 16, 8, 30)
AREA_SHEET, UNIT_SHEET, PENDING_SHEET, NOTES_SHEET = (
    "Theo lĩnh vực", "Theo đơn vị", "Chưa hoàn thành", "Ghi chú")


# --- a small plan and its returns ----------------------------------------------------------

def _d(did: str, product: str, deadline: str, lead: list[str], lead_text: str,
       support: list[str] = (), support_text: str = "") -> Deliverable:
    return Deliverable(id=did, product=product, deadline=parse_deadline(deadline, 2023),
                       lead_text=lead_text, support_text=support_text, lead=list(lead),
                       support=list(support))


def tiny_master() -> Master:
    units = [Unit("NV", "Phòng Nội vụ", DEPARTMENT), Unit("TP", "Phòng Tư pháp", DEPARTMENT),
             Unit("X1", "Xã Một", COMMUNE, groups=["XA"]),
             Unit("X2", "Xã Hai", COMMUNE, groups=["XA"])]
    tc = Area("TC", "Cải cách thể chế", "Thể chế", "Phụ lục số 01: Thể chế", tasks=[
        Task("TC-01", "1", "Rà soát văn bản", [
            _d("TC-01", "Báo cáo rà soát", "Tháng 3/2023", ["NV"], "Phòng Nội vụ",
               ["TP"], "Phòng Tư pháp")]),
        Task("TC-02", "2", "Kiểm tra văn bản", [
            _d("TC-02", "Kế hoạch kiểm tra", "Quý IV/2023", ["TP"], "Phòng Tư pháp")]),
        Task("TC-03", "3", "Theo dõi thi hành pháp luật", [
            _d("TC-03", "Báo cáo", "Thường xuyên", ["NV"], "Phòng Nội vụ")]),
        Task("TC-04", "4", "Phổ biến pháp luật ở xã", [
            _d("TC-04", "Hội nghị", "Tháng 5/2023", ["X2"], "Xã Hai")]),
    ])
    tthc = Area("TTHC", "Cải cách thủ tục hành chính", "Thủ tục", "Phụ lục số 02: Thủ tục",
                tasks=[
        Task("TTHC-01", "1", "Công khai thủ tục tại xã", [
            _d("TTHC-01", "Bảng công khai", "Trước 15/5/2023", ["X1", "X2"],
               "UBND các xã")]),
        Task("TTHC-02", "2", "Số hóa hồ sơ", [
            _d("TTHC-02", "Kế hoạch số hóa", "Tháng 2/2023", ["NV"], "Phòng Nội vụ"),
            _d("TTHC-02.2", "Báo cáo số hóa", "Tháng 8/2023", ["NV"], "Phòng Nội vụ")]),
        Task("TTHC-03", "3", "Rà soát thủ tục", [
            _d("TTHC-03", "Phương án đơn giản hóa", "Tháng 4/2023", ["TP"], "Phòng Tư pháp",
               ["X1"], "Xã Một")]),
    ])
    plan = Plan(authority="Ủy ban nhân dân huyện Thử", title="Kế hoạch cải cách hành chính "
                "năm 2023", year=2023, code="thu-2023")
    return Master(plan=plan, units=units,
                  groups=[Group("XA", "UBND các xã", kinds=[COMMUNE])],
                  periods=default_periods(2023), areas=[tc, tthc])


def done(day: date, evidence: str = "", note: str = "") -> tuple:
    return (DONE, 100.0, day, evidence, note)


def doing(percent: float | None, note: str = "") -> tuple:
    return (IN_PROGRESS, percent, None, "", note)


def waiting(note: str = "") -> tuple:
    return (NOT_STARTED, 0.0, None, "", note)


# What each unit reported (the same state at every period's cut-off).
RETURNS = {
    "NV": {"TC-01": done(date(2023, 3, 20), "125/KH-UBND ngày 20/3/2023"),
           "TC-03": doing(50),
           "TTHC-02": done(date(2023, 3, 5), "Kế hoạch 30/KH-UBND", "Chậm do chờ kinh phí"),
           "TTHC-02.2": doing(40)},
    "TP": {"TC-01": done(date(2023, 3, 1), "12/UBND-TP"),
           "TC-02": waiting(),
           "TTHC-03": doing(70, "Chờ hướng dẫn của tỉnh")},
    "X1": {"TTHC-01": done(date(2023, 5, 10), "45/BC-UBND ngày 10/5/2023"),
           "TTHC-03": doing(None)},
}
SAVED = {  # when the office received each unit's file, per period
    "6T": {"NV": datetime(2023, 6, 19, 16), "TP": datetime(2023, 6, 25, 9),
           "X1": datetime(2023, 6, 10, 8), "X2": datetime(2023, 6, 18, 8)},
    "Q3": {"NV": datetime(2023, 9, 12, 16), "TP": datetime(2023, 9, 13, 9),
           "X1": datetime(2023, 9, 25, 8), "X2": datetime(2023, 9, 18, 8)},
    "9T": {"NV": datetime(2023, 9, 12, 16), "TP": datetime(2023, 9, 13, 9),
           "X1": datetime(2023, 9, 25, 8), "X2": datetime(2023, 9, 18, 8)},
}


def build_ledger(db: Path, master: Master, periods: tuple[str, ...] | None = None) -> Path:
    """A ledger as merge leaves it: NV, TP and X1 returned; X2's file was rejected (in
    each of ``periods``, default every period of SAVED)."""
    files = db.parent / "files"
    files.mkdir(parents=True, exist_ok=True)
    with L.Ledger(db) as ledger:
        ledger.save_plan(master, MERGED_AT)
        for period in SAVED if periods is None else periods:
            for unit, when in SAVED[period].items():
                path = files / f"{unit}-{period}.xlsx"
                path.write_bytes(f"{unit} {period}".encode())
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                ledger.archive(path, sha, path.stat().st_size, MERGED_AT)
                rows = []
                for d in master.deliverables():
                    role = d.role_of(unit)
                    if role is None:
                        continue
                    status, percent, day, evidence, note = RETURNS.get(unit, {}).get(
                        d.id, (None, None, None, "", ""))
                    rows.append(Answer(d.id, role, "Trang", 5, status, percent, day,
                                       evidence, note))
                ledger.add(sha256=sha, plan_key=master.plan.key, period=period, unit=unit,
                           path=str(path), kind="xlsx", saved_at=when, modified_at=None,
                           merged_at=MERGED_AT, accepted=unit != "X2", identity=None,
                           findings=[], rows=rows, received=when.date())
            ledger.settle(master.plan.key, period)
    return db


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ledger")
    return build_ledger(folder / L.LEDGER_NAME, tiny_master())


@pytest.fixture(scope="module")
def report_6t(ledger_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("report-6t")
    return write_report(ledger_db, "6T", out / "bao-cao-6T.xlsx", html=out / "bao-cao-6T.html")


def table(path: Path, sheet: str) -> list[tuple]:
    """The body rows of a summary sheet: rows below the header, up to the first blank row."""
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    first = next(i for i, r in enumerate(rows) if r[0] in ("TT", "Xếp hạng"))
    first += 2 if rows[first + 1][0] is None else 1
    body = []
    for r in rows[first:]:
        if all(v is None for v in r):
            break
        body.append(r)
    return body


# --- Vietnamese numbers --------------------------------------------------------------------

@pytest.mark.parametrize(("value", "places", "text"), [
    (41.3333, 2, "41,33"), (41.325, 2, "41,33"), (0, 2, "0,00"), (100, 2, "100,00"),
    (1234.5, 1, "1.234,5"), (1234567, 0, "1.234.567"), (2.5, 0, "3"),
])
def test_vn_number(value, places, text):
    assert vn_number(value, places) == text


def test_vn_percent_and_progress():
    assert vn_percent(31, 75) == "41,33%"
    assert vn_percent(1, 3) == "33,33%"
    assert vn_percent(2, 3) == "66,67%"
    assert vn_percent(0, 0) == "—"
    assert [vn_progress(x) for x in (60, 12.5, 41.65, 100, None)] == [
        "60%", "12,5%", "41,65%", "100%", ""]


# --- 6 tháng: a cumulative period --------------------------------------------------------

# Hand count at the 6T cut-off (14/06/2023):
# TC-01 NV done 20/3 ≤ 31/3                      -> done on time
# TC-02 TP not started, due 31/12                  -> not started (reported)
# TC-03 NV 50%, "Thường xuyên"                     -> in progress, needs judgment
# TC-04 X2 (file rejected), due 31/5               -> not started, not reported, overdue
# TTHC-01 X1 done 10/5, X2 nothing, due 15/5       -> in progress (1/2 leads), overdue
# TTHC-02 .1 done 5/3 > 28/2 (late), .2 40% due 31/8 -> in progress within time
# TTHC-03 TP 70%, due 30/4                         -> in progress, overdue
AREAS_6T = [
    # TT, area, tasks, done, on time, late, in progress, not started, of which overdue,
    # not reported, needs assessment, needs verification, rate
    (1, "Cải cách thể chế", 4, 1, 1, 0, 1, 2, 1, 1, 1, 0, "25,00%"),
    (2, "Cải cách thủ tục hành chính", 3, 0, 0, 0, 3, 0, 2, 0, 0, 0, "0,00%"),
    (None, "Tổng cộng", 7, 1, 1, 0, 4, 2, 3, 1, 1, 0, "14,29%"),
]
# Per unit, on its own lead rows. NV: TC-01 done, TC-03 judge, TTHC-02 in progress
# within (its late first product is done): 1/3, none overdue. TP: TC-02 within,
# TTHC-03 overdue. X1: TTHC-01 done on time. X2: TC-04 and TTHC-01 overdue.
_BLANK = (None,) * 8
# Offices and communes ranked apart (report/ranking.py), each under its group's row.
UNITS_6T = [
    ("Các cơ quan, đơn vị", *_BLANK),
    (1, "Phòng Nội vụ", 3, 0, 1, 0, "33,33%", "19/06/2023", "Đúng hạn"),
    (2, "Phòng Tư pháp", 2, 1, 0, 1, "0,00%", "25/06/2023", "Muộn 5 ngày"),
    ("UBND các xã", *_BLANK),
    (1, "Xã Một", 1, 1, 1, 0, "100,00%", "10/06/2023", "Đúng hạn"),
    # Its only file refused: no report in, not ranked (ranking.py).
    (None, "Xã Hai", 2, 0, 0, 2, "0,00%", None, "Tệp bị từ chối"),
    # The shares of all units (lượt đơn vị chủ trì): 1+3+2+2 led, 2 done, 0+0+1+2 overdue.
    (None, "Cộng (lượt đơn vị chủ trì)", 8, 2, 2, 3, "25,00%", None, "Đã gửi 3/4"),
]


def test_table_by_area(report_6t):
    assert table(report_6t.paths[0], AREA_SHEET) == AREAS_6T


def test_summary_sentence(report_6t):
    ws = load_workbook(report_6t.paths[0])[AREA_SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert ("Hoàn thành 1/7 nhiệm vụ, đạt 14,29%; đang thực hiện 4, chưa thực hiện 2 nhiệm vụ "
            "(trong đó 1 nhiệm vụ chưa có báo cáo)." in texts)
    assert "6 tháng đầu năm 2023: số liệu từ ngày 15/12/2022 đến ngày 14/06/2023" in texts


def test_table_by_unit_is_ranked(report_6t):
    assert table(report_6t.paths[0], UNIT_SHEET) == UNITS_6T


def test_pending_tasks_with_leads_and_reasons(report_6t):
    rows = load_workbook(report_6t.paths[0])[PENDING_SHEET].iter_rows(values_only=True)
    body = [r for r in rows if r[1] and re.match(r"^[A-Z]+-\d", str(r[1]))]
    got = [(r[0], r[1], r[3], r[5], r[6], r[7], r[8]) for r in body]
    assert got == [
        (1, "TC-02", "Phòng Tư pháp", NOT_STARTED, "0%", "Trong hạn", None),
        (2, "TC-03", "Phòng Nội vụ", IN_PROGRESS, "50%", "Cần đánh giá", None),
        (3, "TC-04", "Xã Hai", "Chưa có báo cáo (tính là chưa thực hiện)", "0%", "Quá hạn",
         None),
        (4, "TTHC-01", "UBND các xã\nChưa hoàn thành (1/2 đơn vị): Xã Hai", IN_PROGRESS,
         "50%", "Quá hạn", None),
        (5, "TTHC-02", "Phòng Nội vụ", IN_PROGRESS, "70%", "Trong hạn", None),
        (6, "TTHC-03", "Phòng Tư pháp", IN_PROGRESS, "70%", "Quá hạn",
         "Chờ hướng dẫn của tỉnh"),
    ]
    deadlines = {r[1]: r[4] for r in body}
    assert deadlines["TTHC-02"] == "Tháng 2/2023\nTháng 8/2023"
    groups = [r[0] for r in load_workbook(report_6t.paths[0])[PENDING_SHEET].iter_rows(
        values_only=True) if r[0] in ("Cải cách thể chế", "Cải cách thủ tục hành chính")]
    assert groups == ["Cải cách thể chế", "Cải cách thủ tục hành chính"]


def test_a_reason_given_by_several_units_ends_after_their_names(hh_master):
    """ "Đề nghị hỗ trợ tập huấn. (Phòng Tư pháp; ...)": the sentence's stop came before
    the units who gave it."""
    from cchc_xl.report.tables import _reasons

    answers = [Answer("TC-01", LEAD, unit=u, note=n) for u, n in (
        ("TP", "Đề nghị hỗ trợ tập huấn."), ("NV", "Đề nghị hỗ trợ tập huấn."),
        ("X02", "Chờ hướng dẫn"), ("X03", "Chờ hướng dẫn"), ("X04", "Chưa bố trí kinh phí."))]
    assert _reasons(answers, hh_master, several=True).splitlines() == [
        "Đề nghị hỗ trợ tập huấn (Phòng Nội vụ; Phòng Tư pháp).",
        "Chờ hướng dẫn (Xã Hoằng Cát; Xã Hoằng Châu)",
        "Xã Hoằng Đạo: Chưa bố trí kinh phí."]


def test_overdue_cells_are_marked(report_6t):
    ws = load_workbook(report_6t.paths[0])[PENDING_SHEET]
    fills = {ws.cell(r, 2).value: ws.cell(r, 8).fill.fgColor.rgb for r in range(1, ws.max_row + 1)
             if ws.cell(r, 8).value in ("Quá hạn", "Trong hạn")}
    assert fills["TTHC-03"].endswith("F4B084")
    assert not fills["TC-02"].endswith("F4B084")


def test_appendix_with_results_and_evidence(report_6t):
    wb = load_workbook(report_6t.paths[0])
    assert wb.sheetnames == [AREA_SHEET, UNIT_SHEET, PENDING_SHEET, "Cần xác minh", "Thể chế",
                             "Thủ tục",
                             "Biểu đồ lĩnh vực", "Biểu đồ cơ quan", "Biểu đồ cấp xã",
                             "Số liệu biểu đồ",
                             NOTES_SHEET]
    ws = wb["Thủ tục"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "TT")
    assert [c.value for c in ws[header]][-2:] == ["Kết quả thực hiện", "Tài liệu kiểm chứng"]
    rows = {ws.cell(r, 3).value: (ws.cell(r, 7).value, ws.cell(r, 8).value)
            for r in range(header + 1, ws.max_row + 1)}
    assert rows["Bảng công khai"] == (
        "Đang thực hiện, 50% (quá hạn).\nChủ trì: 1/2 đơn vị đã hoàn thành; 1 đơn vị chưa báo cáo.",
        "Xã Một: 45/BC-UBND ngày 10/5/2023")
    assert rows["Kế hoạch số hóa"] == ("Đã hoàn thành ngày 05/03/2023 (quá hạn).",
                                       "Kế hoạch 30/KH-UBND")
    assert rows["Báo cáo số hóa"] == ("Đang thực hiện, 40% (trong hạn).", None)
    assert rows["Phương án đơn giản hóa"] == (
        "Đang thực hiện, 70% (quá hạn).\nPhối hợp: Xã Một: đang thực hiện.", None)
    # The task's number and content are merged over its two products, as in the plan.
    merged = {str(m) for m in ws.merged_cells.ranges}
    r = next(r for r in range(header, ws.max_row + 1) if ws.cell(r, 3).value == "Kế hoạch số hóa")
    assert {f"A{r}:A{r + 1}", f"B{r}:B{r + 1}"} <= merged
    ws = wb["Thể chế"]
    first = next(r for r in range(1, 20) if ws.cell(r, 1).value == "1")
    assert (ws.cell(first, 7).value, ws.cell(first, 8).value) == (
        "Đã hoàn thành ngày 20/03/2023 (đúng hạn).\nPhối hợp: Phòng Tư pháp: đã hoàn thành.",
        "Phòng Nội vụ: 125/KH-UBND ngày 20/3/2023\nPhòng Tư pháp (phối hợp): 12/UBND-TP")
    assert ws.cell(first + 3, 7).value == "Chưa có báo cáo (quá hạn)."


def test_notes_state_the_counting_rules(report_6t):
    ws = load_workbook(report_6t.paths[0])[NOTES_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    paragraphs = [r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [p.split()[0] for p in paragraphs] == [
        "Nguồn", "Đơn", "Kết", "Nhiệm", "Đơn", "Kỳ", "Thời", "Nhiệm", "Đánh", "Báo", "Tỷ",
        "Biểu", "Biểu"]
    for phrase in ('đếm "nhiệm vụ"', '"lượt đơn vị chủ trì"', "trung bình cộng",
                   "đơn vị phối hợp", "từng đơn vị trong nhóm", '"chưa báo cáo"',
                   "Xã Hai", "Kỳ lũy kế", "ngày chốt số liệu 14/06/2023", '"cần đánh giá"',
                   '"thực hiện đúng tiến độ"', '"cần xác minh"', "Ngày nhận là ngày",
                   "0 dòng (sản phẩm × đơn vị chủ trì) do cơ quan tổng hợp đánh giá"):
        assert phrase in text, phrase


def test_summary_is_exposed_to_library_users(report_6t):
    s = report_6t.summary
    assert (s.total.assigned, s.total.done, s.total.rate, s.total.rate_text) == (
        7, 1, 14.29, "14,29%")
    assert s.cumulative
    assert [t.id for t in s.pending] == ["TC-02", "TC-03", "TC-04", "TTHC-01", "TTHC-02",
                                         "TTHC-03"]
    assert s.missing_units == ["X2"] and s.rejected_units == ["X2"]
    assert [p.name for p in report_6t.paths] == ["bao-cao-6T.xlsx", "bao-cao-6T.html"]


def test_workbook_is_print_ready(report_6t):
    wb = load_workbook(report_6t.paths[0])
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) in ("9", "8"), ws.title  # A4, or A3 (below)
    assert wb[AREA_SHEET].print_title_rows == "$5:$6"
    assert wb[UNIT_SHEET].print_title_rows == "$5:$6"
    assert wb[PENDING_SHEET].print_title_rows == "$5:$5"
    assert wb[AREA_SHEET]["A1"].font.name == "Times New Roman"
    # Sheets fitted to the page width print their 12 pt text at 7.5 pt or more
    # (docs/printing.md): in Excel's metrics (a unit of width is 7 px, plus 5 px a
    # column) the columns fit the printable width of landscape A4 within the margins of
    # Nghị định 30 (30 and 15 mm) at 62.5% or more; A3 only where A4 would not. The
    # plan's sheets with their results, 197 units wide, print on A4 at 67% (8.0 pt):
    # they went on A3 below 84%.
    for ws in wb.worksheets:
        if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
            continue
        px = sum((round((d.width - 0.71) * 7) + 5) * (d.max - d.min + 1)
                 for d in ws.column_dimensions.values() if d.width and not d.hidden)
        if not px:  # a chart's sheet: the chart is fitted to one page
            continue
        on_a4 = 12 * min(1.0, (297 - 30 - 15) / 25.4 * 96 / px)  # pt on paper, 96 dpi
        assert str(ws.page_setup.paperSize) == ("9" if on_a4 >= 7.5 else "8"), (ws.title, px)
    assert str(wb[PENDING_SHEET].page_setup.paperSize) == "9"
    assert {str(ws.page_setup.paperSize) for ws in wb.worksheets} == {"9"}


@pytest.mark.parametrize("widths, paper, fitted", [
    ((5, 44, 28, 22, 22, 16, 30, 30), 9, True),  # the report's plan sheet: A4, 8.0 pt
    ((10, 4, 32, 25, 16, 18, 11, 15, 10, 12, 26, 18), 9, True),  # a unit's tasks: 7.9 pt
    ((5, 11, 34, 26, 18, 11, 22, 14, 8, 12, 28, 13, 34, 8, 24), 8, True),  # merged: 5.9
    ((12, 40, *[20] * 30), 8, False),  # 20% on A4, 30% on A3: pages across at 85%
])
def test_paper_is_a4_unless_text_would_print_below_the_least_size(widths, paper, fitted):
    """One rule for every printed sheet (styles.setup_print): A4 when the table fitted to
    its width prints 12 pt text at MIN_PRINTED_PT (7.5 pt) or more, else A3; a table too
    wide for A3 too prints at READABLE_SCALE over pages across, its first columns
    repeated."""
    ws = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True}).add_worksheet()
    setup_print(ws, widths=widths, header_rows=(0, 0), repeat_columns=(0, 1))
    assert ws.paper_size == paper
    assert (ws.fit_width == 1) is fitted and (ws.print_scale == 85) is not fitted
    a4 = 12 * printed_scale(widths, 9)
    assert (a4 >= MIN_PRINTED_PT) is (paper == 9)


def test_report_golden(report_6t):
    assert_matches_golden(report_6t.paths[0], "report-6t")


# --- period arithmetic ---------------------------------------------------------------------

def test_single_quarter_counts_what_falls_in_it(ledger_db, tmp_path):
    """Q3 (15/6-14/9) is not cumulative: TC-01 (done in March) and TC-02 (due in Q4,
    not done) are outside it; TTHC-02 counts only its product due 31/8, judged at
    the cut-off 14/9, so overdue; earlier unfinished work stays in."""
    result = write_report(ledger_db, "q3", tmp_path / "q3.xlsx")
    assert table(result.paths[0], AREA_SHEET) == [
        (1, "Cải cách thể chế", 2, 0, 0, 0, 1, 1, 1, 1, 1, 0, "0,00%"),
        (2, "Cải cách thủ tục hành chính", 3, 0, 0, 0, 3, 0, 3, 0, 0, 0, "0,00%"),
        (None, "Tổng cộng", 5, 0, 0, 0, 4, 1, 4, 1, 1, 0, "0,00%"),
    ]
    assert not result.summary.cumulative
    assert [t.id for t in result.summary.out_of_scope] == ["TC-01", "TC-02"]
    # NV leads TC-03 and TTHC-02 in Q3 (TC-01 fell outside); X1 sent its file late.
    # X1 finished its part of TTHC-01 (still open in Q3: X2 has not); NV and TP tie.
    assert table(result.paths[0], UNIT_SHEET) == [
        ("Các cơ quan, đơn vị", *_BLANK),
        (1, "Phòng Nội vụ", 2, 0, 0, 1, "0,00%", "12/09/2023", "Đúng hạn"),
        (1, "Phòng Tư pháp", 1, 0, 0, 1, "0,00%", "13/09/2023", "Đúng hạn"),
        ("UBND các xã", *_BLANK),
        (1, "Xã Một", 1, 1, 1, 0, "100,00%", "25/09/2023", "Muộn 5 ngày"),
        (None, "Xã Hai", 2, 0, 0, 2, "0,00%", None, "Tệp bị từ chối"),
        (None, "Cộng (lượt đơn vị chủ trì)", 6, 1, 1, 4, "16,67%", None, "Đã gửi 3/4"),
    ]
    notes = "\n".join(str(c.value) for row in load_workbook(result.paths[0])[NOTES_SHEET]
                      .iter_rows() for c in row if c.value)
    assert "Kỳ một quý" in notes and "2 nhiệm vụ không được tính" in notes
    assert "đến hết ngày 30/09/2023" in notes


def test_a_quarter_counts_late_work_finished_in_it_and_its_own_tasks_due_after_the_cutoff(
        tmp_path, monkeypatch):
    """Users' probe: the report of quý III (15/6-14/9) left out a product due in April and
    finished in July (late work done in the quarter: neither this report nor the one
    before counted it) and one due "Quý III" (30/09, after the cut-off) still in progress
    (the quarter's own task), so its rates read high."""
    master = tiny_master()
    master.areas[0].tasks.append(Task("TC-05", "5", "Tập huấn nghiệp vụ", [
        _d("TC-05", "Hội nghị tập huấn", "Quý III/2023", ["NV"], "Phòng Nội vụ")]))
    returns = {unit: dict(answers) for unit, answers in RETURNS.items()}
    returns["TP"]["TTHC-03"] = done(date(2023, 7, 20), "15/BC-TP ngày 20/7/2023")
    returns["NV"]["TC-05"] = doing(60)
    monkeypatch.setattr(sys.modules[__name__], "RETURNS", returns)
    summary = summarize(load_snapshot(build_ledger(tmp_path / L.LEDGER_NAME, master), "Q3"))
    counted = {t.id: t for t in summary.tasks}
    assert (counted["TTHC-03"].status, counted["TTHC-03"].timeliness) == (DONE, "late")
    assert (counted["TC-05"].status, counted["TC-05"].timeliness) == (IN_PROGRESS, "within")
    # Due after the quarter and not finished in it; finished before it: not counted.
    assert {t.id for t in summary.out_of_scope} == {"TC-01", "TC-02"}


def test_a_deadline_inside_a_cumulative_period_is_judged_at_its_cutoff(ledger_db, tmp_path):
    """9T (cut-off 14/9): TTHC-02's second product (due 31/8) is now overdue; TC-02 (Q4)
    is still within time."""
    result = write_report(ledger_db, "9T", tmp_path / "9t.xlsx")
    by_id = {t.id: t for t in result.summary.tasks}
    assert (by_id["TTHC-02"].status, by_id["TTHC-02"].timeliness) == (IN_PROGRESS, "late")
    assert by_id["TC-02"].timeliness == "within"
    assert table(result.paths[0], AREA_SHEET)[-1] == (
        None, "Tổng cộng", 7, 1, 1, 0, 4, 2, 4, 1, 1, 0, "14,29%")


def test_roles_are_kept_apart(ledger_db, tmp_path):
    """A coordinator's report never completes a task: TP finished TC-01 as a supporter,
    which shows beside NV's result but does not count for TP."""
    s = write_report(ledger_db, "6T", tmp_path / "r.xlsx").summary
    tp = next(u for u in s.units if u.code == "TP")
    assert (tp.led, tp.supported, tp.done) == (2, 1, 0)
    tc01 = next(t for t in s.tasks if t.id == "TC-01")
    assert [(r.unit, r.role) for r in tc01.products[0].leads + tc01.products[0].supports] == [
        ("NV", LEAD), ("TP", SUPPORT)]


# --- the plan, back from the ledger -------------------------------------------------------

def test_the_plan_comes_back_from_the_ledger_snapshot(nh_master):
    """The report needs no master: the ledger's snapshot gives the tasks, products,
    deadlines and units back, and the appendix texts when the snapshot carries them."""
    snapshot = plan_to_dict(nh_master)
    back = plan_from_dict(snapshot)
    pairs = list(zip(back.deliverables(), nh_master.deliverables(), strict=True))
    assert all((b.id, b.product, b.deadline, b.lead, b.support, b.funding)
               == (d.id, d.product, d.deadline, d.lead, d.support, d.funding) for b, d in pairs)
    assert [(t.id, t.number, t.content) for t in back.tasks()] == [
        (t.id, t.number, t.content) for t in nh_master.tasks()]
    assert [p.code for p in back.periods] == ["Q1", "6T", "Q3", "9T", "NAM"]

    snapshot["plan"].update(attachment=nh_master.plan.attachment,
                            appendix_title=nh_master.plan.appendix_title)
    written = {d.id: d for d in nh_master.deliverables()}
    for area, original in zip(snapshot["areas"], nh_master.areas, strict=True):
        area["heading"] = original.heading
        for task in area["tasks"]:
            for d in task["deliverables"]:
                d["lead_text"] = written[d["id"]].lead_text
                d["support_text"] = written[d["id"]].support_text
    back = plan_from_dict(snapshot)
    assert [(p.sheet, p.lines, [s.label for s in p.sections]) for p in appendix_pages(back)] == [
        (p.sheet, p.lines, [s.label for s in p.sections]) for p in appendix_pages(nh_master)]
    columns = plan_columns(nh_master)
    assert [c.header for c in plan_columns(back)] == [c.header for c in columns]
    assert [[c.value(PlanRow(bt, bd, 1)) for c in columns]
            for bt in back.tasks() for bd in bt.deliverables] == [
        [c.value(PlanRow(t, d, 1)) for c in columns]
        for t in nh_master.tasks() for d in t.deliverables]


# --- the HTML page -------------------------------------------------------------------------

class _Tables(HTMLParser):
    """Cell texts of every <table id=...> in a page, row by row (header rows included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = dict(attrs).get("id")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(text: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(text)
    return parser.tables


def xlsx_texts(path: Path, sheet: str) -> list[list[str]]:
    """Non-empty rows of a sheet's table as texts, without the heading lines above it."""
    ws = load_workbook(path)[sheet]
    rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
    first = next(i for i, r in enumerate(rows) if r[0] in ("TT", "Xếp hạng", "Stt"))
    return [r for r in rows[first:] if any(r)]


def same_figures(html_rows: list[list[str]], xlsx_rows: list[list[str]]) -> None:
    """Each page row shows the workbook row's non-empty cells, in order."""
    body = [r for r in html_rows if r]
    wanted = [[v for v in r if v] for r in xlsx_rows]
    assert [[v for v in r if v] for r in body][:len(wanted)] == wanted


@pytest.mark.slow
def test_html_shows_the_workbook_figures(report_6t):
    xlsx, page = report_6t.paths
    tables = html_tables(page.read_text(encoding="utf-8"))
    assert set(tables) >= {"linh-vuc", "don-vi", "chua-hoan-thanh", "ghi-chu", "phu-luc-1",
                           "phu-luc-2"}
    for key, sheet in (("linh-vuc", AREA_SHEET), ("don-vi", UNIT_SHEET),
                       ("chua-hoan-thanh", PENDING_SHEET), ("ghi-chu", NOTES_SHEET),
                       ("phu-luc-1", "Thể chế"), ("phu-luc-2", "Thủ tục")):
        rows = xlsx_texts(xlsx, sheet)
        if key in ("linh-vuc", "don-vi"):
            # The lines under the table (Biểu 1: the sentence and what its columns
            # include; Biểu 2: what "Quá hạn" counts) are paragraphs.
            rows = rows[:-2] if key == "linh-vuc" else rows[:-1]
        same_figures(tables[key], rows)
    # Biểu 2's "Quá hạn" counts late completions too: said under it (as in Word).
    assert ("Cột “Quá hạn” của kết quả nhiệm vụ chủ trì gồm nhiệm vụ đã hoàn thành nhưng sau "
            "thời hạn") in html.unescape(page.read_text(encoding="utf-8"))


def test_html_is_self_contained_and_escaped(tmp_path):
    master = tiny_master()
    master.areas[0].tasks[0].content = "<script>alert(1)</script> & \"trích dẫn\""
    db = build_ledger(tmp_path / "l" / L.LEDGER_NAME, master)
    page = write_report(db, "6T", tmp_path / "r.xlsx", html=tmp_path / "r.html").paths[1]
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;trích dẫn&#34;" in text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "<link" not in text and "@import" not in text
    assert "@page { size: A4 landscape" in text
    # By area, then by unit: the offices' chart and the communes' (ranked apart)
    assert text.count("<svg") == 3 and "<thead>" in text


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'chromium-profile'}",
         "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=120)


@needs_chromium
def test_html_in_headless_chromium(report_6t, tmp_path):
    """The page loads without console errors, shows the workbook's figures once laid out
    by the browser, and prints on A4 landscape pages."""
    xlsx, page = report_6t.paths
    pdf = tmp_path / "page.pdf"
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    console = [line for line in dom.stderr.splitlines()
               if ":CONSOLE" in line or "Uncaught" in line or "net::ERR" in line]
    assert not console, console
    tables = html_tables(dom.stdout)
    same_figures(tables["linh-vuc"], xlsx_texts(xlsx, AREA_SHEET)[:-2])
    same_figures(tables["don-vi"], xlsx_texts(xlsx, UNIT_SHEET)[:-1])
    printed = _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        page.as_uri())
    assert printed.returncode == 0 and pdf.exists(), printed.stderr
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        size = next(line for line in info.splitlines() if line.startswith("Page size"))
        width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split(" x "))
        assert (round(width), round(height)) == (842, 595)


# --- the seed plan, end to end: merged sample returns -------------------------------------

@pytest.fixture(scope="module")
def hh_report(hh_samples_merged, tmp_path_factory):
    _, merged = hh_samples_merged
    out = tmp_path_factory.mktemp("hh")
    result = CliRunner().invoke(main, ["report", str(merged), "--period", "9T",
                                       "--out", str(out / "bao-cao.xlsx"), "--html",
                                       str(out / "bao-cao.html")])
    assert result.exit_code == 0, result.output
    return out / "bao-cao.xlsx", out / "bao-cao.html", result.output


def test_the_notes_name_the_units_without_a_report_as_the_word_report_does(hh_report):
    """A province's notes listed its 161 silent units one by one in one cell (a QA pass):
    communes are named as a crowd ("4 xã, thị trấn (…)"), the offices by name."""
    ws = load_workbook(hh_report[0])[NOTES_SHEET]
    (said,) = [c.value for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and "chưa có báo cáo được dùng" in c.value]
    assert said.endswith("Đơn vị chưa có báo cáo được dùng (5): Thanh tra huyện; 4 xã, thị "
                         "trấn (Hoằng Đồng, Hoằng Lưu, Hoằng Sơn, Hoằng Trạch).")


def test_the_appendix_says_where_each_unit_s_evidence_is(hh_report):
    """Coordinators' rows are on 'Tất cả dòng' alone (the area sheets count them): the
    appendix pointed there for every unit, then to the area sheets for every unit (QA
    passes)."""
    ws = load_workbook(hh_report[0])["Thể chế"]
    said = {c.value for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and "ghi tài liệu kiểm chứng (" in c.value}
    assert ("8/44 đơn vị phối hợp ghi tài liệu kiểm chứng (từng đơn vị phối hợp: trang 'Tất "
            "cả dòng' của tệp tổng hợp).") in said
    assert ("2/8 đơn vị chủ trì và 6/37 đơn vị phối hợp ghi tài liệu kiểm chứng (từng đơn vị "
            "chủ trì: các trang lĩnh vực của tệp tổng hợp; từng đơn vị phối hợp: trang 'Tất cả "
            "dòng' của tệp tổng hợp).") in said


def test_seed_report_adds_up(hh_report, hh_master):
    xlsx, page, output = hh_report
    assert f"Đã ghi {xlsx}" in output and f"Đã ghi {page}" in output
    areas = table(xlsx, AREA_SHEET)
    *rows, total = areas
    assert [r[1] for r in rows] == [a.title for a in hh_master.areas]
    assert [r[2] for r in rows] == [len(a.tasks) for a in hh_master.areas]
    for r in areas:
        tasks, done, on_time, late, doing, waiting, overdue, silent, judge, verify = r[2:12]
        assert tasks == done + doing + waiting
        assert done >= on_time + late and doing + waiting >= overdue
        assert max(silent, verify) <= tasks and judge <= tasks
    assert total[2:12] == tuple(sum(r[i] for r in rows) for i in range(2, 12))
    *rows, unit_total = table(xlsx, UNIT_SHEET)
    units = [u for u in rows if u[1] is not None]
    assert unit_total[1] == "Cộng (lượt đơn vị chủ trì)"
    assert unit_total[2:6] == tuple(sum(u[i] for u in units) for i in range(2, 6))
    assert len(units) == 47
    # Offices, then communes, each ranked from 1 under its group's row.
    groups = [r[0] for r in rows if r[1] is None]
    assert groups == ["Các cơ quan, đơn vị", "UBND các xã, thị trấn"]
    at = rows.index(next(r for r in rows if r[0] == groups[1]))
    for part in (rows[1:at], rows[at + 1:]):
        ranks = [u[0] for u in part if u[0] is not None]
        assert ranks == sorted(ranks) and ranks[0] == 1
    communes = {u.name for u in hh_master.units if u.kind == "commune"}
    assert {u[1] for u in rows[at + 1:]} == communes
    missing = {u[1] for u in units if u[8] == "Chưa gửi"}
    assert missing == {hh_master.unit(code).name for code in sample_returns.MISSING}
    assert {u[8] for u in units} <= {"Đúng hạn", "Chưa gửi", "Tệp bị từ chối"}


@needs_libreoffice
@needs_poppler
def test_a_long_name_on_the_chart_figures_sheet_has_the_height_of_its_lines(hh_report):
    """'Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính' wraps in its
    column: its second line was printed over the next table's header."""
    from openpyxl import load_workbook

    from cchc_xl.report.xlsx import CHART_DATA_SHEET
    from cchc_xl.styles import row_height

    ws = load_workbook(hh_report[0])[CHART_DATA_SHEET]
    (r,) = [c.row for c in ws["A"] if c.value == "Công tác chỉ đạo, điều hành, tuyên truyền cải "
            "cách hành chính"]
    assert ws.row_dimensions[r].height >= row_height(2)
    short = next(c.row for c in ws["A"] if c.value == "Cải cách thể chế")
    assert (ws.row_dimensions[short].height or row_height(1)) < row_height(2)


@pytest.fixture(scope="module")
def hh_report_pdf(hh_report, tmp_path_factory) -> Path:
    """The seed report's workbook as LibreOffice Calc prints it."""
    (pdf,) = convert_all([hh_report[0]], tmp_path_factory.mktemp("hh-pdf"), "pdf")
    return pdf


def test_seed_report_prints_a4_landscape_with_repeated_headers(hh_report_pdf):
    pdf = hh_report_pdf
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    sizes = [line.split("size:")[1].split("pts")[0].strip() for line in info.splitlines()
             if re.match(r"Page\s+\d+ size", line)]
    a4 = "841.89 x 595.304"
    # Landscape A4 on every page, the plan's sheets with their results too (12 pt at
    # 8.0 pt in Excel's metrics, 7.6 pt as LibreOffice prints them): A3 below 84% before.
    assert set(sizes) == {a4}, set(sizes)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    first = next(i for i, p in enumerate(pages) if "BIỂU 2." in p)
    last = next(i for i, p in enumerate(pages) if "BIỂU 3." in p)
    assert last - first >= 2  # 47 units run over several pages
    verify = next(i for i, p in enumerate(pages) if "BIỂU 4." in p)
    assert set(sizes[:verify + 1]) == {a4}  # Biểu 1-4 on A4
    # The header, on every page (its words, however the narrow columns wrap them).
    assert all({"Xếp", "hạng", "Tỷ", "hoàn"} <= set(p.split()) for p in pages[first:last])


def _widths(ws) -> dict[int, float]:
    """Each column's width (1-based), columns of one width given together included."""
    return {col: dim.width for dim in ws.column_dimensions.values() if dim.width
            for col in range(dim.min, dim.max + 1)}


def test_seed_reports_pending_tasks_give_the_reasons_the_widest_column(hh_report):
    """Biểu 3's units' reasons, a line per group of units giving the same note, are its
    longest texts: in a column as narrow as the content's and the leads' (30 each), a task
    took most of a printed page. Each row is as tall as its cell of most lines, as
    measured in its column: no taller, and no text cut off."""
    from cchc_xl.styles import fitted_height

    ws = load_workbook(hh_report[0])[PENDING_SHEET]
    widths = _widths(ws)
    header = [c.value for c in ws[5]]
    reasons = header.index("Lý do (ghi chú của đơn vị)") + 1
    assert widths[reasons] == max(widths.values())
    assert widths[reasons] > widths[header.index("Nội dung nhiệm vụ") + 1] + 10
    tasks = [row for row in ws.iter_rows(min_row=6) if isinstance(row[0].value, int)]
    assert len(tasks) > 20
    for row in tasks:
        # a width as written, less the 0.71 xlsxwriter adds for Excel's padding
        need = fitted_height([(c.value, widths[c.column] - 0.71) for c in row])
        assert ws.row_dimensions[row[0].row].height == pytest.approx(need, abs=0.01)


@needs_libreoffice
@needs_poppler
def test_seed_reports_pending_tasks_print_two_to_a_page(hh_report, hh_report_pdf):
    """Biểu 3 of the Hoằng Hóa 9-month report printed 17 pages, one task on most."""
    ws = load_workbook(hh_report[0])[PENDING_SHEET]
    codes = {row[1] for row in ws.iter_rows(min_row=6, values_only=True)
             if isinstance(row[0], int)}
    text = subprocess.run(["pdftotext", "-layout", str(hh_report_pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    first = next(i for i, p in enumerate(pages) if "BIỂU 3." in p)
    end = next(i for i, p in enumerate(pages) if "BIỂU 4." in p)
    shown = [len(codes & set(page.split())) for page in pages[first:end]]
    assert sum(shown) == len(codes) > 20  # each task once
    assert min(shown[:-1]) >= 2, shown  # two or more a page, but on the last


@pytest.fixture(scope="module")
def hh_page(hh_report):
    """The seed report's page in Playwright's Chromium (a new tab each use)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield lambda **kw: _opened(browser.new_page(**kw), hh_report[1])
        browser.close()


def _opened(page, path: Path):
    page.goto(path.as_uri())
    return page


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@needs_chromium
@needs_poppler
def test_the_page_prints_no_row_of_a_table_over_two_pages(hh_page, tmp_path):
    """Printed, a row of Biểu 3 or of the appendices ran on for 1 to 8 lines at the top of
    the next page, without its TT and task, under the repeated header (11 rows of the
    Hoằng Hóa 9-month page); an area's heading row ended a page. Every cell of a row is
    now on one page (the rows here are all shorter than a page)."""
    page = hh_page()
    rows = page.evaluate("""() => [...document.querySelectorAll("table.grid tbody tr")]
        .map(r => [r.className, [...r.cells].map(c => c.innerText)])""")
    page.emulate_media(media="print")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    pages = [_squashed(subprocess.run(
        ["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(pdf), "-"],
        capture_output=True, text=True, check=True).stdout) for n in range(1, count + 1)]
    split = [cell[:40] for _, cells in rows for cell in cells
             if not any(_squashed(cell) in text for text in pages)]
    assert not split, split
    # An area's heading is on the page of its first task's row.
    for (kind, cells), (_, first) in zip(rows, rows[1:], strict=False):
        if kind == "group":
            on = [n for n, text in enumerate(pages) if _squashed(cells[0]) in text]
            assert any(_squashed(first[-1]) in pages[n] for n in on), cells[0]


@needs_chromium
def test_the_charts_keep_their_size_on_a_phone(hh_page):
    """At 390 px the charts were shrunk to the screen's width, their 12 px labels drawn
    at 4 px; like the tables they keep a readable size, the page scrolling sideways."""
    page = hh_page(viewport={"width": 390, "height": 800})
    drawn = page.evaluate("""() => [...document.querySelectorAll("figure svg")].map(
        s => [s.getBoundingClientRect().width, +s.getAttribute("width")])""")
    assert len(drawn) >= 3
    assert all(shown == pytest.approx(width, abs=1) for shown, width in drawn), drawn


# --- CLI -----------------------------------------------------------------------------------

def test_cli_from_the_ledger(ledger_db, tmp_path):
    out = tmp_path / "bc.xlsx"
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", "6T", "--out",
                                       str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Đã ghi {out}"
    assert table(out, AREA_SHEET) == AREAS_6T


def test_cli_from_the_merged_workbook(ledger_db, tmp_path):
    merged = write_consolidated(load_snapshot(ledger_db, "6T"), tmp_path / "th" / "th.xlsx")
    out, page = tmp_path / "bc.xlsx", tmp_path / "bc.html"
    result = CliRunner().invoke(main, ["report", str(merged), "--period", "6T", "--out",
                                       str(out), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"Đã ghi {out}", f"Đã ghi {page}"]
    assert table(out, UNIT_SHEET) == UNITS_6T
    # Another period than the workbook's: written from the same ledger, and said (a QA
    # pass: "report tong-hop-6T.xlsx --period 9T" wrote 9T without a word).
    other = CliRunner().invoke(main, ["report", str(merged), "--period", "9T", "--out",
                                      str(tmp_path / "bc9.xlsx")])
    assert other.exit_code == 0, other.output
    assert ("Cảnh báo: th.xlsx là bảng tổng hợp kỳ 6T; báo cáo này lập cho kỳ 9T (9 tháng "
            "năm 2023), theo kỳ đã chọn, từ cùng sổ cái") in other.stderr


def test_the_period_is_the_sources_own_when_not_named(ledger_db, tmp_path):
    # A consolidated workbook is of one period: "report tong-hop.xlsx --out bc.xlsx"
    # is its period's report (it asked for --period, which the workbook says).
    merged = write_consolidated(load_snapshot(ledger_db, "Q3"), tmp_path / "th" / "th.xlsx")
    out = tmp_path / "bc.xlsx"
    result = CliRunner().invoke(main, ["report", str(merged), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert load_workbook(out)[UNIT_SHEET]["A3"].value.startswith("Quý III năm 2023:")
    letter = CliRunner().invoke(main, ["remind", str(merged), "--out", str(tmp_path / "cv.docx")])
    assert letter.exit_code == 0, letter.output
    assert "quý III" in "\n".join(p.text for p in Document(tmp_path / "cv.docx").paragraphs)
    # A ledger with one period merged: that period.
    one = build_ledger(tmp_path / "one" / L.LEDGER_NAME, tiny_master(), ("9T",))
    result = CliRunner().invoke(main, ["report", str(one), "--out", str(tmp_path / "bc9.xlsx")])
    assert result.exit_code == 0, result.output
    assert load_workbook(tmp_path / "bc9.xlsx")[UNIT_SHEET]["A3"].value.startswith("9 tháng")
    # Several: not guessed, each named.
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--out",
                                       str(tmp_path / "bc-x.xlsx")])
    assert result.exit_code == 2
    assert ("sổ cái có số liệu của nhiều kỳ: 6T (6 tháng đầu năm 2023), Q3 (Quý III năm 2023),"
            " 9T (9 tháng năm 2023)") in result.stderr
    assert "--period 9T" in result.stderr
    assert not (tmp_path / "bc-x.xlsx").exists()


def test_merged_workbook_without_its_property_uses_the_ledger_beside_it(ledger_db, tmp_path):
    wb = load_workbook(write_consolidated(load_snapshot(ledger_db, "6T"), tmp_path / "a.xlsx"))
    wb.custom_doc_props.props.clear()
    folder = tmp_path / "moved"
    folder.mkdir()
    wb.save(folder / "th.xlsx")
    result = CliRunner().invoke(main, ["report", str(folder / "th.xlsx"), "--period", "6T",
                                       "--out", str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 1
    assert "không tìm thấy sổ cái" in result.stderr or "không ghi sổ cái" in result.stderr
    assert str(folder / "th.xlsx") in result.stderr
    shutil.copyfile(ledger_db, folder / L.LEDGER_NAME)
    result = CliRunner().invoke(main, ["report", str(folder / "th.xlsx"), "--period", "6T",
                                       "--out", str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 0, result.stderr


def test_cli_unknown_period(ledger_db, tmp_path):
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", "Q4", "--out",
                                       str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 2
    assert "không có kỳ 'Q4'" in result.stderr and "6T" in result.stderr
    assert not (tmp_path / "bc.xlsx").exists()


def test_cli_period_with_nothing_merged(ledger_db, tmp_path):
    merged = sorted(SAVED)
    empty = next(p for p in ("Q1", "6T", "Q3", "9T", "NAM") if p not in SAVED)
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", empty, "--out",
                                       str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 2
    assert f"chưa có tệp nào được gộp cho kỳ '{empty}'" in result.stderr
    assert all(code in result.stderr for code in merged)
    assert not (tmp_path / "bc.xlsx").exists()


def _letter_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(path).paragraphs)


def test_a_reminder_asks_every_unit_when_no_file_came(ledger_db, tmp_path):
    # The due day passed and nothing was merged (a QA pass: no letter could be made, the
    # ledger had "nothing merged for the period", the plan table was no source).
    empty = next(p for p in ("Q1", "6T", "Q3", "9T", "NAM") if p not in SAVED)
    letter = tmp_path / "cv.docx"
    result = CliRunner().invoke(main, ["remind", str(ledger_db), "--period", empty, "--out",
                                       str(letter)])
    assert result.exit_code == 0, result.output
    assert "Đơn vị cần đôn đốc: 4" in result.output
    text = _letter_text(letter)
    assert "chưa nhận được báo cáo của cơ quan, đơn vị nào:" in text
    assert "Đơn vị chưa gửi báo cáo (4)" in text
    # Before any merge, from the plan table: no ledger beside it yet.
    plan = tmp_path / "plan" / "ke-hoach.xlsx"
    plan.parent.mkdir()
    write_master(tiny_master(), plan)
    asked = CliRunner().invoke(main, ["remind", str(plan), "--out", str(tmp_path / "a.docx")])
    assert asked.exit_code == 2 and "chọn kỳ bằng --period" in asked.stderr
    first = CliRunner().invoke(main, ["remind", str(plan), "--period", "Q1", "--out",
                                      str(tmp_path / "q1.docx")])
    assert first.exit_code == 0, first.output
    assert "Đơn vị chưa gửi báo cáo (4)" in _letter_text(tmp_path / "q1.docx")
    assert not (plan.parent / L.LEDGER_NAME).exists()  # nothing written beside the plan
    # The report still asks for a merge first: its figures would all be nothing.
    report = CliRunner().invoke(main, ["report", str(ledger_db), "--period", empty, "--out",
                                       str(tmp_path / "bc.xlsx")])
    assert report.exit_code == 2


@pytest.mark.parametrize(("name", "content", "message"), [
    ("khong-co.sqlite", None, "không tìm thấy tệp"),
    ("ghi-chu.sqlite", b"day khong phai so cai", "không phải sổ cái"),
    ("rong.db", b"", "không phải sổ cái"),
    ("bang.xlsx", b"PK\x03\x04hong", "hỏng"),
])
def test_cli_missing_or_invalid_source(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    result = CliRunner().invoke(main, ["report", str(source), "--period", "6T", "--out",
                                       str(tmp_path / "bc.xlsx")])
    # A file that is not there: the command was called wrongly (2); one that is not a
    # ledger or is damaged: a problem in the data (1).
    assert result.exit_code == (2 if content is None else 1), result.output
    assert message in result.stderr
    assert str(source) in result.stderr
    assert not (tmp_path / "bc.xlsx").exists()


def test_cli_wrong_output_names(ledger_db, tmp_path):
    for args in (["--out", str(tmp_path / "a.pdf")],
                 ["--out", str(tmp_path / "a.xlsx"), "--html", str(tmp_path / "a.txt")]):
        result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", "6T", *args])
        assert result.exit_code == 2
        assert "đuôi" in result.stderr


def test_cli_never_overwrites_its_source(ledger_db, tmp_path):
    merged = write_consolidated(load_snapshot(ledger_db, "6T"), tmp_path / "th.xlsx")
    before = merged.read_bytes()
    result = CliRunner().invoke(main, ["report", str(merged), "--period", "6T", "--out",
                                       str(merged)])
    assert result.exit_code == 2
    assert "trùng với tệp nguồn" in result.stderr
    assert merged.read_bytes() == before


def test_cli_help():
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    assert "--period" in result.output and "--html" in result.output
    assert "sổ cái" in result.output


def test_done_after_the_cut_off_counts_as_in_progress(tmp_path, monkeypatch):
    # Q1's cut-off is 14/3: NV finished TC-01 on 20/3, TP finished its part on 1/3.
    monkeypatch.setattr(sys.modules[__name__], "SAVED",
                        {"Q1": {"NV": datetime(2023, 3, 13, 16), "TP": datetime(2023, 3, 13, 9)}})
    db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    summary = summarize(load_snapshot(db, "Q1"))
    tc1 = next(t for t in summary.tasks if t.id == "TC-01")
    assert (tc1.status, tc1.timeliness) == (IN_PROGRESS, "within")  # due 31/3
    tthc2 = next(t for t in summary.tasks if t.id == "TTHC-02")
    assert tthc2.products[0].leads[0].counted_status == DONE  # done 5/3, before the cut-off


def _chart_labels(xlsx: Path) -> list[str]:
    with zipfile.ZipFile(xlsx) as z:
        return [t for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
                for t in re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode())]


def test_the_unit_chart_names_whose_report_is_not_in_above_its_bars(hh_report, report_6t):
    """A unit that sent nothing, or whose file was refused, and has nothing done has no
    bar (pages of '0,00% (chưa gửi)', a QA pass): the line above its group's chart names
    it. One whose report is not in but has work done keeps its bar, and says so."""
    xlsx, page, _ = hh_report
    sent = [u[8] for u in table(xlsx, UNIT_SHEET)[:-1]]
    assert sent.count("Chưa gửi") == 5 and "Tệp bị từ chối" not in sent
    assert not [t for t in _chart_labels(xlsx) if "% (" in t]
    wb = load_workbook(xlsx)
    assert wb["Biểu đồ cơ quan"]["A1"].value == (
        "Không vẽ đơn vị chưa gửi báo cáo (0,00%): Thanh tra huyện.")
    assert wb["Biểu đồ cấp xã"]["A1"].value == (
        "Không vẽ đơn vị chưa gửi báo cáo (0,00%): 4 xã, thị trấn (Hoằng Đồng, Hoằng Lưu, "
        "Hoằng Sơn, Hoằng Trạch).")
    text = page.read_text(encoding="utf-8")
    assert "(chưa gửi)" not in text and "(0,00%): Thanh tra huyện." in text
    assert wb["Biểu đồ lĩnh vực"]["A1"].value is None  # no note where no unit is left out
    refused = [u for u in report_6t.summary.units if u.return_status == "Tệp bị từ chối"]
    assert [u.code for u in refused] == ["X2"] and refused[0].led
    assert load_workbook(report_6t.paths[0])["Biểu đồ cấp xã"]["A1"].value == (
        "Không vẽ đơn vị có tệp bị từ chối (0,00%): Xã Hai.")
    summary = copy.deepcopy(report_6t.summary)
    x2 = next(u for u in summary.units if u.code == "X2")
    x2.counts.done = x2.counts.tasks  # done in an earlier period, say
    bars = charts(summary)[2].bars
    assert [(b.label, b.text) for b in bars][-1] == ("Xã Hai", "100,00% (tệp bị từ chối)")
    assert charts(summary)[2].note == ""


def test_offices_and_communes_ranked_apart_are_charted_apart(report_6t):
    """Biểu 2 ranks the offices and the communes each from 1: each group has its chart,
    in the table's order, so that no page of bars mixes the two."""
    unit_charts = charts(report_6t.summary)[1:]
    assert [(c.key, c.sheet, c.title, [b.label for b in c.bars]) for c in unit_charts] == [
        ("bieu-do-co-quan", "Biểu đồ cơ quan",
         f"{UNIT_CHART_PREFIX}: các cơ quan, đơn vị (%)", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("bieu-do-cap-xa", "Biểu đồ cấp xã", f"{UNIT_CHART_PREFIX}: UBND các xã (%)",
         ["Xã Một"])]  # Xã Hai's file was refused: named in the chart's note
    labels = _chart_labels(report_6t.paths[0])
    assert f"{UNIT_CHART_PREFIX}: UBND các xã (%)" in labels


def test_units_of_one_kind_have_one_chart(report_6t):
    """A plan whose units are of one kind (a commune's, for its own offices) ranks them
    in one list (no group: report/ranking.py) and charts them in one chart, the unit
    left out named above it."""
    summary = copy.deepcopy(report_6t.summary)
    for u in summary.units:
        u.group = ""
    unit_charts = charts(summary)[1:]
    assert [(c.key, c.sheet, c.title) for c in unit_charts] == [
        ("bieu-do-don-vi", "Biểu đồ đơn vị", UNIT_CHART_TITLE)]
    assert [b.label for b in unit_charts[0].bars] == [
        u.name for u in summary.units if u.led and u.code != "X2"]
    assert unit_charts[0].note == "Không vẽ đơn vị có tệp bị từ chối (0,00%): Xã Hai."
    for u in summary.units:  # everybody sent: every bar, no note
        u.return_status = "Đúng hạn"
    assert [b.label for b in charts(summary)[1].bars] == [u.name for u in summary.units
                                                           if u.led]
    assert charts(summary)[1].note == ""


def test_chart_labels_use_the_decimal_comma(report_6t):
    import zipfile

    with zipfile.ZipFile(report_6t.paths[0]) as z:
        xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    labels = re.findall(r"<a:t>([^<]*)</a:t>", xml)
    assert "25,00%" in labels and "0,00%" in labels  # by area, as the tables write them
    assert 'formatCode="0.00"' not in xml


def test_a_coordinators_done_with_an_error_is_not_counted_done(ledger_db):
    """Biểu 3 / the appendix said "Phối hợp: 116/142 đơn vị đã báo cáo, 46 đã hoàn thành"
    counting two coordinators whose "done" had no date or evidence (an error on the row),
    while another product left out those whose date was after the cut-off (a probe). A
    coordinator's unverified "done" is said so and not counted done, as a lead's."""
    from dataclasses import replace

    from cchc_xl.findings import Finding
    from cchc_xl.report.results import _result_text

    summary = summarize(load_snapshot(ledger_db, "9T"))
    product = next(p for t in summary.tasks for p in t.products if p.id == "TC-01")
    (tp,) = product.supports
    assert tp.status == DONE and not tp.unverified
    wrong = replace(tp, findings=[Finding("error", "done-without-evidence", "…")])
    names = summary.master.names
    assert "Phối hợp: Phòng Tư pháp: đã hoàn thành (cần xác minh)." in _result_text(
        replace(product, supports=[wrong]), names)
    crowd = [replace(tp, unit=f"U{n}") for n in range(3)] + [replace(wrong, unit="U3")]
    assert "Phối hợp: 4/4 đơn vị đã báo cáo, 3 đã hoàn thành." in _result_text(
        replace(product, supports=crowd), names)


def test_the_plan_sheets_of_the_report_are_its_results_not_the_plans_appendix(
        hh_samples_merged, hh_master, tmp_path):
    """The report's sheets of the plan's appendix tables, with their results, were headed
    "(Kèm theo Kế hoạch số …)", the plan's: results as of the cut-off attributed to the
    plan (a QA pass). Headed as the period's results, with the report they go with."""
    _, merged = hh_samples_merged
    out = write_report(merged, "9T", tmp_path / "bc.xlsx", html=tmp_path / "bc.html").paths
    assert hh_master.plan.attachment  # what was printed before
    wb = load_workbook(out[0])
    first = hh_master.areas[0]
    ws = next(wb[n] for n in wb.sheetnames if n == first.sheet)
    head = [ws.cell(r, 1).value for r in (1, 2, 3)]
    assert head == ["KẾT QUẢ THỰC HIỆN 9 THÁNG NĂM 2023", first.heading,
                    "(Phụ lục số 01 của Kế hoạch cải cách hành chính năm 2023; kết quả thực "
                    "hiện 9 tháng năm 2023, số liệu đến ngày 14/09/2023)"]
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert hh_master.plan.attachment not in texts
    assert hh_master.plan.attachment not in out[1].read_text(encoding="utf-8")
