"""The period report of the Hoằng Hóa seed plan, end to end: its bundled sample returns
merged for 9 months, reported by ``cchc-xl report`` (the ``hh_report`` fixture,
conftest.py). Its figures add up, its notes and appendix name units as the Word report
does, its workbook printed by LibreOffice and its page printed by Chromium keep rows
whole.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

import make_sample_returns as sample_returns
from cchc_xl.report import write_report
from support.report import AREA_SHEET, NOTES_SHEET, PENDING_SHEET, UNIT_SHEET, table
from support.tools import CHROMIUM, convert_all, needs_chromium, needs_libreoffice, needs_poppler
from support.workbooks import load_workbook  # merged ranges' borders not drawn

# --- the seed plan, end to end: merged sample returns -------------------------------------

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
