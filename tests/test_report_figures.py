"""The period report's figures (``cchc-xl report``) against hand-counted values.

The small plan of tests/support/report.py (7 tasks, 4 units, a commune group, a task
with two products) gets known returns written straight into a ledger; its 6-month
report's tables, appendix, notes and print set-up are checked against the figures
counted there by hand, and a single quarter's and 9 months' arithmetic against the
same returns.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
import xlsxwriter

from cchc_xl import ledger as L
from cchc_xl.answer import Answer
from cchc_xl.model import Task
from cchc_xl.report import summarize, write_report
from cchc_xl.snapshot import load_snapshot
from cchc_xl.styles import MIN_PRINTED_PT, printed_scale, setup_print
from cchc_xl.text import vn_number, vn_percent, vn_progress
from cchc_xl.vocab import DONE, IN_PROGRESS, LEAD, NOT_STARTED, SUPPORT
from support import report as small_plan
from support.golden import assert_matches_golden
from support.report import (
    _BLANK,
    AREA_SHEET,
    AREAS_6T,
    NOTES_SHEET,
    PENDING_SHEET,
    RETURNS,
    UNIT_SHEET,
    UNITS_6T,
    _d,
    build_ledger,
    doing,
    done,
    table,
    tiny_master,
)
from support.workbooks import load_workbook  # merged ranges' borders not drawn

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

# The hand count and its tables (AREAS_6T, UNITS_6T) are in tests/support/report.py.

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
        (1, "TC-02", "Phòng Tư pháp", NOT_STARTED, "0,00%", "Trong hạn", None),
        (2, "TC-03", "Phòng Nội vụ", IN_PROGRESS, "50,00%", "Cần đánh giá", None),
        (3, "TC-04", "Xã Hai", "Chưa có báo cáo (tính là chưa thực hiện)", None, "Quá hạn",
         None),
        (4, "TTHC-01", "UBND các xã\nChưa hoàn thành (1/2 đơn vị): Xã Hai", IN_PROGRESS,
         "50,00%", "Quá hạn", None),
        (5, "TTHC-02", "Phòng Nội vụ", IN_PROGRESS, "70,00%", "Trong hạn", None),
        (6, "TTHC-03", "Phòng Tư pháp", IN_PROGRESS, "70,00%", "Quá hạn",
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
        "Đang thực hiện, 50,00% (quá hạn).\nChủ trì: 1/2 đơn vị đã hoàn thành; 1 đơn vị chưa "
        "báo cáo.",
        "Xã Một: 45/BC-UBND ngày 10/5/2023")
    assert rows["Kế hoạch số hóa"] == ("Đã hoàn thành ngày 05/03/2023 (quá hạn).",
                                       "Kế hoạch 30/KH-UBND")
    assert rows["Báo cáo số hóa"] == ("Đang thực hiện, 40,00% (trong hạn).", None)
    assert rows["Phương án đơn giản hóa"] == (
        "Đang thực hiện, 70,00% (quá hạn).\nPhối hợp: Xã Một: đang thực hiện.", None)
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
    assert wb[AREA_SHEET].print_title_rows == "$6:$7"
    assert wb[UNIT_SHEET].print_title_rows == "$6:$7"
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
    monkeypatch.setattr(small_plan, "RETURNS", returns)
    summary = summarize(load_snapshot(build_ledger(tmp_path / L.LEDGER_NAME, master), "Q3"))
    counted = {t.id: t for t in summary.tasks}
    assert (counted["TTHC-03"].status, counted["TTHC-03"].timeliness) == (DONE, "late")
    assert (counted["TC-05"].status, counted["TC-05"].timeliness) == (IN_PROGRESS, "within")
    # Due after the quarter and not finished in it; finished before it: not counted.
    assert {t.id for t in summary.out_of_scope} == {"TC-01", "TC-02"}


def test_a_quarter_leaves_out_the_quarter_befores_work_done_before_it(tmp_path, monkeypatch):
    """A QA pass (a ward's year): the report of quý III (15/6-14/9) counted done a "Quý II"
    product (due 30/06, after the period's first day) finished on 05/06, which the
    6-month report had counted, so the office's quarter read 50% on work of June. Done
    within the period (20/06) it is counted, as late work finished in the quarter; a
    product of the quarter itself finished early still counts."""
    master = tiny_master()
    master.areas[0].tasks += [
        Task(tid, tid[-1], content, [_d(tid, "Báo cáo", deadline, ["NV"], "Phòng Nội vụ")])
        for tid, content, deadline in (
            ("TC-05", "Kiểm tra quý II", "Quý II/2023"),
            ("TC-06", "Tổng kết quý II", "Quý II/2023"),
            ("TC-07", "Tập huấn quý III", "Quý III/2023"))]
    returns = {unit: dict(answers) for unit, answers in RETURNS.items()}
    returns["NV"].update({"TC-05": done(date(2023, 6, 5), "20/BC-NV ngày 05/6/2023"),
                          "TC-06": done(date(2023, 6, 20), "21/BC-NV ngày 20/6/2023"),
                          "TC-07": done(date(2023, 6, 10), "22/BC-NV ngày 10/6/2023")})
    monkeypatch.setattr(small_plan, "RETURNS", returns)
    db = build_ledger(tmp_path / L.LEDGER_NAME, master)
    result = write_report(db, "Q3", tmp_path / "q3.xlsx")
    # TC-03 (recurring, 50% without evidence), TC-04 (X2's file refused, due 31/05),
    # TC-06 and TC-07 (done on time); TC-01 done in March, TC-02 due in Q4, TC-05 done
    # before the quarter: out.
    assert table(result.paths[0], AREA_SHEET)[0] == (
        1, "Cải cách thể chế", 4, 2, 2, 0, 1, 1, 1, 1, 1, 0, "50,00%")
    assert {t.id for t in result.summary.out_of_scope} == {"TC-01", "TC-02", "TC-05"}
    notes = "\n".join(str(c.value) for row in load_workbook(result.paths[0])[NOTES_SHEET]
                      .iter_rows() for c in row if c.value)
    assert "3 nhiệm vụ không được tính" in notes
    # The 6-month report still counts TC-05 done, on time.
    six = {t.id: t for t in write_report(db, "6T", tmp_path / "6t.xlsx").summary.tasks}
    assert (six["TC-05"].status, six["TC-05"].timeliness) == (DONE, "on_time")


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



# --- counted as of the cut-off -----------------------------------------------------------

def test_done_after_the_cut_off_counts_as_in_progress(tmp_path, monkeypatch):
    # Q1's cut-off is 14/3: NV finished TC-01 on 20/3, TP finished its part on 1/3.
    monkeypatch.setattr(small_plan, "SAVED",
                        {"Q1": {"NV": datetime(2023, 3, 13, 16), "TP": datetime(2023, 3, 13, 9)}})
    db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    summary = summarize(load_snapshot(db, "Q1"))
    tc1 = next(t for t in summary.tasks if t.id == "TC-01")
    assert (tc1.status, tc1.timeliness) == (IN_PROGRESS, "within")  # due 31/3
    tthc2 = next(t for t in summary.tasks if t.id == "TTHC-02")
    assert tthc2.products[0].leads[0].counted_status == DONE  # done 5/3, before the cut-off


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


def test_a_task_whose_products_have_other_leads_names_them_all(tmp_path):
    """Biểu 3 named a task's leads from its first product alone: TTHC-02's report given
    to Phòng Tư pháp read "Phòng Nội vụ" (a figures audit). Every product's leads as the
    plan writes them, once, then those not done."""
    master = tiny_master()
    (report,) = [d for d in master.deliverables() if d.id == "TTHC-02.2"]
    report.lead, report.lead_text = ["TP"], "Phòng Tư pháp"
    assert next(t for a in master.areas for t in a.tasks if t.id == "TTHC-02").lead_text \
        == "Phòng Nội vụ; Phòng Tư pháp"
    db = build_ledger(tmp_path / L.LEDGER_NAME, master)
    paths = write_report(db, "6T", tmp_path / "bao-cao.xlsx").paths
    rows = load_workbook(paths[0])[PENDING_SHEET].iter_rows(values_only=True)
    (lead,) = [r[3] for r in rows if r[1] == "TTHC-02"]
    assert lead.split("\n")[0] == "Phòng Nội vụ; Phòng Tư pháp", lead


def test_a_coordinator_that_reported_nothing_is_named_beside_those_that_did(tmp_path):
    """A ward's "Tổ chức hội nghị lấy ý kiến người dân", coordinated by Hội Liên hiệp Phụ
    nữ and Hội Cựu chiến binh, read "Phối hợp: Hội Liên hiệp Phụ nữ phường: chưa thực
    hiện." in the plan appendix of the report: Hội Cựu chiến binh, which sent nothing, was
    left out, while a crowd of coordinators is counted "3/4 đơn vị đã báo cáo" (a ward's
    quarter run end to end). The one that reported nothing is named so."""
    master = tiny_master()
    (plan_row,) = [d for d in master.deliverables() if d.id == "TTHC-03"]
    plan_row.support, plan_row.support_text = ["X1", "X2"], "Xã Một; Xã Hai"
    db = build_ledger(tmp_path / L.LEDGER_NAME, master, ("6T",))
    report = write_report(db, "6T", tmp_path / "bao-cao-6T.xlsx", html=tmp_path / "bc.html")
    ws = load_workbook(report.paths[0])["Thủ tục"]
    result = next(ws.cell(r, 7).value for r in range(1, ws.max_row + 1)
                  if ws.cell(r, 3).value == "Phương án đơn giản hóa")
    assert result == ("Đang thực hiện, 70,00% (quá hạn).\n"
                      "Phối hợp: Xã Một: đang thực hiện; Xã Hai: chưa báo cáo.")
    assert "Phối hợp: Xã Một: đang thực hiện; Xã Hai: chưa báo cáo." in \
        report.paths[1].read_text(encoding="utf-8")


def test_the_page_says_each_table_s_unit_of_counting_under_its_title(report_6t):
    """Biểu 1 and 2 say "Đơn vị tính: …" on a line of their own at the right, under
    the title, as the Word report's appendices and the workbook's sheets do."""
    page = report_6t.paths[1].read_text(encoding="utf-8")
    assert ("<h2>Biểu 1. Kết quả thực hiện nhiệm vụ theo lĩnh vực</h2>\n"
            '<p class="measure">Đơn vị tính: nhiệm vụ</p>') in page
    assert ("<h2>Biểu 2. Kết quả thực hiện nhiệm vụ theo đơn vị (xếp hạng)</h2>\n"
            '<p class="measure">Đơn vị tính: nhiệm vụ đơn vị chủ trì; dòng cộng: lượt đơn '
            "vị chủ trì</p>") in page
    assert re.search(r"\.measure \{[^}]*text-align: right", page)
