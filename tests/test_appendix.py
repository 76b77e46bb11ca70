"""The plan's appendix tables (``cchc-xl appendix``): what the printed tables show."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl import styles
from cchc_xl.appendix import Column, plan_numbers, write_appendix
from cchc_xl.cli import main
from cchc_xl.errors import UsageError
from cchc_xl.model import Deliverable
from cchc_xl.plan_import import import_plan
from cchc_xl.styles import row_height, text_lines
from support.golden import assert_matches_golden
from support.paths import HH_MASTER, NH_MASTER, ROOT
from support.tools import convert, needs_libreoffice, needs_poppler

HH_COLUMNS = ["TT", "Nội dung thực hiện", "Sản phẩm/Kết quả", "Cơ quan chủ trì",
              "Cơ quan phối hợp", "Thời gian hoàn thành"]
NH_TOP = ["Stt", "Nhiệm vụ cụ thể", "Trách nhiệm cụ thể", None, "Sản phẩm",
          "Thời gian hoàn thành", "Kinh phí"]
NH_SUB = [None, None, "Đơn vị chủ trì", "Đơn vị phối hợp", None, None, "Dự kiến năm 2023"]


@pytest.fixture(scope="module")
def hh_file(hh_master, tmp_path_factory) -> Path:
    return write_appendix(hh_master, tmp_path_factory.mktemp("hh") / "phu-luc.xlsx")


@pytest.fixture(scope="module")
def nh_file(nh_master, tmp_path_factory) -> Path:
    return write_appendix(nh_master, tmp_path_factory.mktemp("nh") / "phu-luc.xlsx")


def _header_row(ws) -> int:
    """1-based row of the first header row: the one whose column A is TT/Stt."""
    return next(r for r in range(1, 10) if ws.cell(r, 1).value in ("TT", "Stt"))


def _merged_text(ws, row: int) -> str | None:
    """The text of a row that is one cell merged over the table's width (a group row)."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == rng.max_row == row and rng.min_col == 1 and rng.max_col == ws.max_column:
            return ws.cell(row, 1).value
    return None


def _read_tasks(ws, body_start: int, product_col: int) -> list[dict]:
    """Tasks as the sheet shows them: number, task cells, and per-product rows."""
    tasks: list[dict] = []
    for r in range(body_start, ws.max_row + 1):
        if _merged_text(ws, r) is not None:
            continue
        values = [ws.cell(r, c).value for c in range(1, ws.max_column + 1)]
        if values[0] is not None:
            tasks.append({"row": r, "cells": values, "products": []})
        tasks[-1]["products"].append(values[product_col - 1:])
    return tasks


def _sheet_tasks(path: Path) -> list[tuple[str, dict]]:
    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        header = _header_row(ws)
        # A two-row header merges column A over both rows.
        body = header + (2 if ws.cell(header + 1, 1).value is None else 1)
        product_col = 5 if ws.cell(header, 1).value == "Stt" else 3
        out += [(ws.title, t) for t in _read_tasks(ws, body, product_col)]
    return out


def _words(text: object) -> str:
    return " ".join(str(text or "").split())


# --- golden files ---------------------------------------------------------------------

def test_golden_hoang_hoa(hh_file):
    assert_matches_golden(hh_file, "appendix-hoang-hoa-2023")


def test_golden_nghia_hung(nh_file):
    assert_matches_golden(nh_file, "appendix-nghia-hung-2023")


# --- Hoằng Hóa: one appendix per area ----------------------------------------------------

def test_hoang_hoa_one_sheet_per_area_with_its_heading(hh_file, hh_master):
    wb = load_workbook(hh_file)
    assert wb.sheetnames == [a.sheet for a in hh_master.areas]
    ws = wb.worksheets[0]
    assert ws["A1"].value == "Phụ lục số 01: Các nhiệm vụ trọng tâm về Cải cách thể chế năm 2023"
    assert (ws["A1"].font.name, ws["A1"].font.b, ws["A1"].font.sz) == ("Times New Roman", True, 14)
    assert ws["A1"].alignment.horizontal == "center"
    assert ws["A2"].value.startswith("(Ban hành kèm theo Quyết định số /QĐ-UBND")
    assert ws["A2"].font.i
    assert wb.worksheets[6]["A1"].value == (
        "Phụ lục số 07: Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính")
    for ws in wb.worksheets:
        header = _header_row(ws)
        assert [c.value for c in ws[header]] == HH_COLUMNS, ws.title


def test_hoang_hoa_counts_and_no_funding_column(hh_file):
    tasks = _sheet_tasks(hh_file)
    assert len(tasks) == 34
    assert sum(len(t["products"]) for _, t in tasks) == 34
    per_sheet = [sum(1 for s, _ in tasks if s == name)
                 for name in load_workbook(hh_file).sheetnames]
    assert per_sheet == [3, 8, 4, 4, 4, 7, 4]
    wb = load_workbook(hh_file)
    for ws in wb.worksheets:
        assert ws.max_column == 6
        assert "Kinh phí" not in [c.value for row in ws.iter_rows() for c in row]


def test_hoang_hoa_cells_as_written(hh_file):
    by_sheet = _sheet_tasks(hh_file)
    _, first = by_sheet[0]
    assert first["cells"] == [
        "1",
        "Ban hành kịp thời, đúng hạn các văn bản quy định tại các Luật, Pháp lệnh, Nghị định "
        "của Chính Phủ, Thông tư của các bộ, ngành theo thẩm quyền của huyện.",
        "- Quyết định của cơ quan có thẩm quyền.",
        "- Các phòng, ban, ngành cấp huyện;",
        "- Phòng Tư pháp;\n- UBND các xã, thị trấn.",
        "Theo thời hạn quy định của Văn bản quy định pháp luật",
    ]
    deadlines = [t["cells"][5] for _, t in by_sheet]
    assert ("- Văn bản triển khai thực hiện: tháng 11/2023;\n"
            "- Báo cáo kết quả thực hiện: trước 15/12/2023.") in deadlines


# --- Nghĩa Hưng: one appendix, a group row per area ----------------------------------------

def test_nghia_hung_single_table_with_group_rows(nh_file, nh_master):
    wb = load_workbook(nh_file)
    assert wb.sheetnames == ["Phụ lục"]
    ws = wb.active
    assert ws["A1"].value == "Phụ lục"
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A2"].value == ("PHÂN CÔNG THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH "
                              "HUYỆN NGHĨA HƯNG NĂM 2023")
    assert ws["A2"].font.b
    assert ws["A3"].value == ("(Ban hành kèm theo Kế hoạch số: /KH-UBND, ngày tháng 12 năm 2022 "
                              "của UBND huyện Nghĩa Hưng)")
    assert ws["A3"].font.i
    header = _header_row(ws)
    assert [c.value for c in ws[header]] == NH_TOP
    assert [c.value for c in ws[header + 1]] == NH_SUB
    groups = [t for r in range(1, ws.max_row + 1) if (t := _merged_text(ws, r))]
    assert groups[3:] == [a.heading for a in nh_master.areas]
    assert groups[3] == "Nội dung 1: Công tác chỉ đạo, điều hành cải cách hành chính"
    assert ws.cell(header + 2, 1).value == groups[3]
    assert ws.cell(header + 2, 1).font.b


def test_nghia_hung_counts(nh_file):
    tasks = [t for _, t in _sheet_tasks(nh_file)]
    assert len(tasks) == 40
    assert sum(len(t["products"]) for t in tasks) == 50
    assert [t["cells"][0] for t in tasks] == [str(n) for n in range(1, 41)]


def test_nghia_hung_task_with_five_products_is_merged(nh_file):
    ws = load_workbook(nh_file).active
    task9 = next(t for _, t in _sheet_tasks(nh_file) if t["cells"][0] == "9")
    r = task9["row"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    for col in "ABCD":
        assert f"{col}{r}:{col}{r + 4}" in merged
    assert not any(m.startswith(("E", "F", "G")) and m.endswith(str(r + 4)) for m in merged)
    products = task9["products"]
    assert len(products) == 5
    assert [p[1] for p in products] == ["Tháng 12/2022", "Tháng 12/2022", "Tháng 01/2023",
                                        "Tháng 01/2023", "31/10/2023"]
    assert all(p[2] == "Kinh phí thường xuyên" for p in products)
    assert ws.cell(r, 3).value == "Văn phòng HĐND&UBND huyện"
    assert ws.cell(r, 4).value == "Các cơ quan, đơn vị có liên quan\nCác xã, thị trấn."


def test_nghia_hung_every_multi_product_task_is_merged(nh_file, nh_master):
    ws = load_workbook(nh_file).active
    merged = {str(m) for m in ws.merged_cells.ranges}
    rows = {t["cells"][0]: t["row"] for _, t in _sheet_tasks(nh_file)}
    multi = [t for t in nh_master.tasks() if len(t.deliverables) > 1]
    assert len(multi) == 7
    for task in multi:
        r = rows[task.number]
        assert f"B{r}:B{r + len(task.deliverables) - 1}" in merged, task.id


def test_nghia_hung_matches_the_seed_transcription(nh_file):
    """Independent of the master: the table shows what source/plan.json read off the seed."""
    seed = json.loads((ROOT / "workbooks/nghia-hung-2023/source/plan.json").read_text("utf-8"))
    expected = [
        [t["number"], t["content"], t["lead"], t["support"],
         [(d["product"], d["deadline"], d["funding"]) for d in t["deliverables"]]]
        for a in seed["areas"] for t in a["tasks"]
    ]
    shown = [
        [*t["cells"][:4], [tuple(p) for p in t["products"]]]
        for _, t in _sheet_tasks(nh_file)
    ]
    def norm(rows):
        return [([_words(x) for x in row[:4]], [[_words(x) for x in p] for p in row[4]])
                for row in rows]

    assert norm(shown) == norm(expected)


# --- print setup ---------------------------------------------------------------------------

@pytest.mark.parametrize("which, titles", [("hh", "$4:$4"), ("nh", "$5:$6")])
def test_print_setup(which, titles, hh_file, nh_file):
    wb = load_workbook(hh_file if which == "hh" else nh_file)
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape"
        assert str(ps.paperSize) == "9"  # A4
        assert ws.print_title_rows == titles
        # A fixed scale, the same page height in Excel and LibreOffice (manual breaks)
        assert 50 <= ps.scale < 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in ws.oddFooter.center.text
        assert ws.page_setup.useFirstPageNumber  # each table's page 1 (LibreOffice too)
        assert ws.page_margins.left > ws.page_margins.right  # binding side per Nghị định 30
        assert all(ws.column_dimensions[c].width >= 5 for c in "ABCDEF")


def test_every_table_row_has_room_for_its_text(nh_file, nh_master):
    """Rows carry explicit heights (merged cells are never auto-fitted)."""
    ws = load_workbook(nh_file).active
    header = _header_row(ws)
    for r in range(header, ws.max_row + 1):
        assert ws.row_dimensions[r].height, f"row {r} has no height"
    task9 = next(t for t in nh_master.tasks() if t.number == "9")
    r = next(t["row"] for _, t in _sheet_tasks(nh_file) if t["cells"][0] == "9")
    width = ws.column_dimensions["B"].width
    total = sum(ws.row_dimensions[r + i].height for i in range(5))
    assert total >= row_height(text_lines(task9.content, width - 1)) - 1
    one_line = ws.row_dimensions[next(t["row"] for _, t in _sheet_tasks(nh_file)
                                      if t["cells"][0] == "1")].height
    assert total > 3 * one_line


# --- layout follows the data, never the plan's name ---------------------------------------

def _strip_funding(master):
    master = copy.deepcopy(master)
    for d in master.deliverables():
        d.funding = ""
    return master


def test_layout_from_data_without_appendix_title(nh_master, tmp_path):
    master = copy.deepcopy(nh_master)
    master.plan.appendix_title = ""
    wb = load_workbook(write_appendix(master, tmp_path / "a.xlsx"))
    assert wb.sheetnames == [a.sheet for a in master.areas]
    ws = wb.worksheets[2]
    assert ws["A1"].value == "Nội dung 3: Cải cách thủ tục hành chính, thực hiện cơ chế Một cửa, " \
                             "Một cửa liên thông"
    header = _header_row(ws)
    assert [c.value for c in ws[header]] == HH_COLUMNS + ["Kinh phí"]

    wb = load_workbook(write_appendix(_strip_funding(master), tmp_path / "b.xlsx"))
    assert [c.value for c in wb.worksheets[2][header]] == HH_COLUMNS


def test_layout_from_data_with_appendix_title(hh_master, tmp_path):
    master = copy.deepcopy(hh_master)
    master.plan.appendix_title = "Phân công thực hiện"
    ws = load_workbook(write_appendix(master, tmp_path / "a.xlsx")).active
    assert ws.title == "Phụ lục"
    assert ws["A2"].value == "PHÂN CÔNG THỰC HIỆN"
    header = _header_row(ws)
    assert [c.value for c in ws[header]] == NH_TOP[:-1]
    groups = [t for r in range(header, ws.max_row + 1) if (t := _merged_text(ws, r))]
    assert groups == [a.heading for a in master.areas]
    assert len(_sheet_tasks(tmp_path / "a.xlsx")) == 34


def test_derived_headings_follow_nghi_dinh_30(hh_master, tmp_path):
    master = copy.deepcopy(hh_master)
    for area in master.areas:
        area.heading = ""
    wb = load_workbook(write_appendix(master, tmp_path / "a.xlsx"))
    ws = wb.worksheets[3]
    assert ws["A1"].value == "Phụ lục IV"
    assert ws["A2"].value == "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"
    assert ws["A2"].font.b
    assert ws["A3"].font.i

    master.areas = master.areas[:1]
    ws = load_workbook(write_appendix(master, tmp_path / "b.xlsx")).active
    assert (ws["A1"].value, ws["A2"].value) == ("Phụ lục", "CẢI CÁCH THỂ CHẾ")

    grouped = copy.deepcopy(master)
    grouped.plan.appendix_title = "Phân công"
    ws = load_workbook(write_appendix(grouped, tmp_path / "c.xlsx")).active
    assert _merged_text(ws, _header_row(ws) + 2) == "I. Cải cách thể chế"


def test_products_with_different_units_are_not_merged(hh_master, tmp_path):
    master = copy.deepcopy(hh_master)
    task = master.areas[0].tasks[0]
    first = task.deliverables[0]
    task.deliverables.append(Deliverable(id=f"{task.id}.2", product="Báo cáo",
                                         deadline=first.deadline, lead_text="Phòng Nội vụ",
                                         support_text=first.support_text))
    ws = load_workbook(write_appendix(master, tmp_path / "a.xlsx")).worksheets[0]
    r = _header_row(ws) + 1
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {f"A{r}:A{r + 1}", f"B{r}:B{r + 1}", f"E{r}:E{r + 1}"} <= merged
    assert f"D{r}:D{r + 1}" not in merged
    assert (ws[f"D{r}"].value, ws[f"D{r + 1}"].value) == (first.lead_text, "Phòng Nội vụ")



def test_a_plans_notes_are_printed_in_their_column(hh_master, tmp_path):
    """The plan's "Ghi chú" of a product appeared nowhere in its appendix (a QA pass);
    a plan without notes gets no empty column (the seed plans, above)."""
    master = copy.deepcopy(hh_master)
    first = master.areas[0].tasks[0].deliverables[0]
    first.note = "Theo hướng dẫn của Bộ Nội vụ"
    wb = load_workbook(write_appendix(master, tmp_path / "a.xlsx"))
    ws = wb.worksheets[0]
    r = _header_row(ws)
    assert [c.value for c in ws[r]] == HH_COLUMNS + ["Ghi chú"]
    assert ws.cell(r + 1, 7).value == "Theo hướng dẫn của Bộ Nội vụ"
    assert all(ws.max_column == 7 for ws in wb.worksheets)  # every sheet of the plan

def test_text_that_looks_like_a_formula_stays_text(hh_master, tmp_path):
    master = copy.deepcopy(hh_master)
    master.areas[0].tasks[0].content = "=SUM(A1:A9)"
    master.areas[0].tasks[0].number = ""
    ws = load_workbook(write_appendix(master, tmp_path / "a.xlsx")).worksheets[0]
    r = _header_row(ws) + 1
    assert ws[f"B{r}"].value == "=SUM(A1:A9)"
    assert ws[f"B{r}"].data_type == "s"
    assert ws[f"A{r}"].value == "1"  # no number in the master: the task's place


def test_extra_columns_for_the_report(hh_master, tmp_path):
    """The report reuses the renderer with two more columns, filled per product."""
    import xlsxwriter

    from cchc_xl.appendix import add_appendix_sheets
    from cchc_xl.styles import add_formats

    extra = [Column("Kết quả thực hiện", 30, lambda r: f"kết quả {r.deliverable.id}"),
             Column("Tài liệu kiểm chứng", 30, lambda r: "")]
    path = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    add_appendix_sheets(wb, add_formats(wb), hh_master, extra)
    wb.close()
    ws = load_workbook(path).worksheets[0]
    r = _header_row(ws)
    assert [c.value for c in ws[r]] == HH_COLUMNS + ["Kết quả thực hiện", "Tài liệu kiểm chứng"]
    assert ws.cell(r + 1, 7).value == "kết quả TC-01"
    assert ws.cell(r + 1, 8).border.left.style == "thin"


def test_bad_output_names(hh_master, tmp_path):
    with pytest.raises(UsageError, match=r"\.xlsx"):
        write_appendix(hh_master, tmp_path / "a.pdf")
    (tmp_path / "d.xlsx").mkdir()
    with pytest.raises(UsageError, match="thư mục"):
        write_appendix(hh_master, tmp_path / "d.xlsx")


# --- LibreOffice: the printed result ---------------------------------------------------------

@needs_libreoffice
@needs_poppler
def test_pdf_is_a4_landscape_with_headers_on_every_page(hh_file, tmp_path):
    pdf = convert(hh_file, tmp_path, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages")).split()[1])
    assert pages > len(load_workbook(hh_file).sheetnames)  # a long appendix runs on
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    printed = text.split("\f")[:pages]
    assert all("Nội dung thực hiện" in page for page in printed)
    assert all(re.search(r"Trang \d+\s*$", page) for page in printed)  # no total
    assert "Phụ lục số 06: Các nhiệm vụ trọng tâm về Xây dựng Chính quyền điện tử" in text


@needs_libreoffice
@needs_poppler
def test_each_table_numbers_its_own_pages_from_one(hh_file, tmp_path):
    """Printed by LibreOffice, each Phụ lục (a sheet) begins at "Trang 1" and counts its
    own pages, as Excel prints it; the workbook's pages used to run straight through."""
    pdf = convert(hh_file, tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    printed = [page for page in text.split("\f") if page.strip()]
    numbers = [int(re.findall(r"Trang (\d+)", page)[-1]) for page in printed]
    firsts = [n for n, page in enumerate(printed) if re.search(r"Phụ lục số \d+:", page)]
    assert len(firsts) == len(load_workbook(hh_file).sheetnames)
    expected = [n - max(f for f in firsts if f <= n) + 1 for n in range(len(printed))]
    assert numbers == expected
    assert numbers.count(1) == len(firsts) and max(numbers) < len(printed)
    assert "Phụ lục số 06: Các nhiệm vụ trọng tâm về Xây dựng Chính quyền điện tử" in text


def _cut_tasks(ws) -> list[int]:
    """Page breaks (1-based: a page ends after that row) inside what prints as one task:
    its number merged over its rows, or a group row (a section's label) and what follows."""
    breaks = [b.id for b in ws.row_breaks.brk]
    spans = [(r.min_row, r.max_row) for r in ws.merged_cells.ranges
             if r.min_col == r.max_col == 1 and r.max_row > r.min_row]
    labels = {r for r in range(1, ws.max_row + 1) if _merged_text(ws, r) is not None}
    return [b for b in breaks if b in labels or any(lo <= b < hi for lo, hi in spans)]


@needs_libreoffice
@needs_poppler
@pytest.mark.parametrize("which", ["hh", "nh"])
def test_no_task_is_cut_by_a_printed_page(which, hh_file, nh_file, tmp_path):
    """Each page ends between two tasks: the sheet's breaks fall outside every task (and
    after no section label), and LibreOffice breaks a page nowhere else (each sheet
    prints as many pages as it has breaks plus one). Nghĩa Hưng's task 9 and the label
    of "Nội dung 3" above it used to end page 2, the task going on over page 3."""
    path = hh_file if which == "hh" else nh_file
    wb = load_workbook(path)
    assert all(_cut_tasks(ws) == [] for ws in wb.worksheets)
    pdf = convert(path, tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    numbers = [int(re.findall(r"Trang (\d+)", page)[-1])
               for page in text.split("\f") if page.strip()]
    per_sheet = []
    for n in numbers:
        if n == 1:
            per_sheet.append(0)
        per_sheet[-1] += 1
    assert per_sheet == [len(ws.row_breaks.brk) + 1 for ws in wb.worksheets]
    assert sum(len(ws.row_breaks.brk) for ws in wb.worksheets) > 0


@needs_libreoffice
@needs_poppler
def test_crowded_tasks_are_cut_only_when_taller_than_a_page(nh_master, tmp_path):
    """Nghĩa Hưng's tasks given 1 to 6 products, one of them 16 (taller than a page):
    LibreOffice breaks no page by itself, and the only task cut is that one."""
    master = copy.deepcopy(nh_master)
    tasks = [t for a in master.areas for t in a.tasks]
    for k, task in enumerate(tasks):
        n = 16 if k == 12 else [1, 3, 2, 5, 1, 4, 2, 6][k % 8]
        first = task.deliverables[0]
        task.deliverables = [dataclasses.replace(first, id=f"{first.id}-{i}",
                                                 product=f"{first.product} (sản phẩm {i + 1})")
                             for i in range(n)]
    path = write_appendix(master, tmp_path / "a.xlsx")
    ws = load_workbook(path).active
    pdf = convert(path, tmp_path, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert f"Pages:           {len(ws.row_breaks.brk) + 1}\n" in info
    tall = next(r for r in ws.merged_cells.ranges
                if r.min_col == r.max_col == 1 and r.max_row - r.min_row == 15)
    assert _cut_tasks(ws) and all(tall.min_row <= b < tall.max_row for b in _cut_tasks(ws))


def test_a_task_goes_whole_to_the_next_page_unless_taller_than_a_page():
    """The rule on row heights alone: a page holds 130 points, the header repeated on
    each page is 10 (row 0's)."""
    heights = [10, 10, 10, 30, 30, 30, 30, 30, 50, 50, 50]
    blocks = {3: 3, 4: 5, 6: 7, 8: 10}  # tasks: row 3; rows 4-5; rows 6-7; rows 8-10
    # Page 1: rows 0-5 (120 points); the task of rows 6-7 (60) would be cut: page 2
    # begins with it (70 with the header); the task of rows 8-10 (150) is taller than a
    # page: it follows on page 2 and is cut where page 2 is full, before row 9.
    assert styles.page_breaks(heights, 10, blocks, 130) == [6, 9]


# --- CLI -------------------------------------------------------------------------------------

def test_cli_writes_the_appendix(tmp_path):
    out = tmp_path / "phu-luc.xlsx"
    result = CliRunner().invoke(main, ["appendix", str(NH_MASTER), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert str(out) in result.output
    assert load_workbook(out).sheetnames == ["Phụ lục"]


def test_cli_help():
    result = CliRunner().invoke(main, ["appendix", "--help"])
    assert result.exit_code == 0
    assert "--out" in result.output
    assert "phụ lục" in result.output


def test_cli_missing_master(tmp_path):
    missing = tmp_path / "khong-co.xlsx"
    result = CliRunner().invoke(main, ["appendix", str(missing), "--out",
                                       str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2  # a file that is not there: called wrongly
    assert "không tìm thấy tệp" in result.stderr
    assert str(missing) in result.stderr
    assert not (tmp_path / "a.xlsx").exists()


def test_cli_wrong_output_suffix(tmp_path):
    result = CliRunner().invoke(main, ["appendix", str(HH_MASTER), "--out",
                                       str(tmp_path / "a.pdf")])
    assert result.exit_code == 2
    assert ".xlsx" in result.stderr


def test_text_longer_than_a_cell_is_cut_visibly(hh_master, tmp_path):
    master = copy.deepcopy(hh_master)
    master.areas[0].tasks[0].content = "Rà soát văn bản quy phạm pháp luật. " * 1200  # 43,200
    ws = load_workbook(write_appendix(master, tmp_path / "a.xlsx")).worksheets[0]
    value = ws[f"B{_header_row(ws) + 1}"].value
    assert len(value) <= 32767 and value.endswith("tối đa 32.767 ký tự]")


def test_a_new_plan_tables_kem_theo_line_takes_what_the_office_filled_in(tmp_path):
    """ "(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2026 của Ủy ban nhân dân xã)", the
    line a blank plan table starts with, was printed as it was, beside a report citing
    "số 15/KH-UBND ngày 08/01/2026" (a QA pass): it takes the number, the day and the
    authority of the "Kế hoạch" sheet; a line the office wrote stays as written."""
    from datetime import date

    from cchc_xl.appendix import attachment_line
    from cchc_xl.master import read_master
    from cchc_xl.master.write import init_master

    master, _ = read_master(init_master(tmp_path / "ke-hoach.xlsx", 2026, "xa"))
    plan = master.plan
    assert attachment_line(plan) == plan.attachment  # nothing filled in: as it was
    plan.number, plan.issued = "15/KH-UBND", date(2026, 1, 8)
    plan.authority = "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH"
    assert attachment_line(plan) == ("(Kèm theo Kế hoạch số 15/KH-UBND ngày 08 tháng 01 năm "
                                     "2026 của Ủy ban nhân dân phường Hạc Thành)")
    # The number typed short, or with its word (a QA pass: "số 15", "số Số 15/KH-UBND").
    for typed in ("15", "Số 15/KH-UBND", "số: 15/KH-UBND"):
        plan.number = typed
        assert attachment_line(plan).startswith("(Kèm theo Kế hoạch số 15/KH-UBND ngày 08 ")
    plan.attachment = "(Ban hành kèm theo Kế hoạch số 15/KH-UBND của UBND phường)"
    assert attachment_line(plan) == plan.attachment



def _body_plan(path: Path, heading: list[str]) -> Path:
    """A commune's plan whose task table is in its body: no "(Kèm theo …)" line."""
    from docx import Document

    doc = Document()
    for line in heading:
        doc.add_paragraph(line)
    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian hoàn thành"),
            ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
            ("1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "", "Quý IV/2026")]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("Trên đây là Kế hoạch cải cách hành chính năm 2026 của UBND phường.")
    doc.save(path)
    return path


def _texts(path: Path) -> list[str]:
    return [str(v) for ws in load_workbook(path) for row in ws.iter_rows(values_only=True)
            for v in row if v]


@pytest.mark.parametrize("heading, line", [
    (["ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", "Số: 15/KH-UBND",
      "Hạc Thành, ngày 08 tháng 01 năm 2026", "KẾ HOẠCH", "Cải cách hành chính năm 2026"],
     "(Kèm theo Kế hoạch số 15/KH-UBND ngày 08 tháng 01 năm 2026 của Ủy ban nhân dân phường "
     "Hạc Thành)"),
    # A draft, number and day not given yet: left blank for the office, as `init` does.
    (["ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", "KẾ HOẠCH", "Cải cách hành chính năm 2026"],
     "(Kèm theo Kế hoạch số       /KH-UBND ngày     tháng     năm 2026 của Ủy ban nhân dân "
     "phường Hạc Thành)"),
])
def test_a_plan_imported_with_its_tasks_in_the_body_prints_its_kem_theo_line(
        tmp_path, heading, line):
    """A QA pass: a plan whose task table is in its body (no "(Kèm theo …)" line) was
    imported with its number, day and issuer, but its appendix printed no "Kèm theo"
    line. The import writes the line a new plan table starts with, and the appendix
    fills it in from the plan's number, day and authority."""
    from cchc_xl.master import load_master

    result = import_plan(_body_plan(tmp_path / "kh.docx", heading), tmp_path / "m.xlsx")
    master = load_master(result.path)
    assert line in _texts(write_appendix(master, tmp_path / "phu-luc.xlsx"))

def test_a_plan_imported_in_capitals_names_the_appendix_file_in_running_text(hh_master, tmp_path):
    """The appendix file's title read "Phụ lục KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023" for a
    plan imported from Word (a QA pass); its printed headings stay in capitals."""
    master = copy.deepcopy(hh_master)
    master.plan.title = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    master.plan.authority = "ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA"
    master.plan.appendix_title = ""
    out = write_appendix(master, tmp_path / "a.xlsx")
    assert load_workbook(out).properties.title == "Phụ lục kế hoạch cải cách hành chính năm 2023"
    with zipfile.ZipFile(out) as z:
        company = re.search(r"<Company>(.*)</Company>", z.read("docProps/app.xml").decode())
    assert company[1] == "Ủy ban nhân dân huyện Hoằng Hóa"


def test_an_appendix_title_imported_in_capitals_titles_the_file_in_running_text(tmp_path):
    """A plan's table under "PHỤ LỤC" / "DANH MỤC NHIỆM VỤ …" in capitals: `appendix` gave
    its file that title as written, in capitals (a QA pass of 2026 plans), where the plan's
    own title imported in capitals reads as running text. The printed heading stays in
    capitals, as Nghị định 30 sets it."""
    from test_import_plan import _appendix_doc

    plan = _appendix_doc(tmp_path / "kh.docx", "PHỤ LỤC\nDANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH "
                         "CHÍNH TỈNH NINH BÌNH NĂM 2026 (CCHC)\n(Kèm theo Kế hoạch số "
                         "45/KH-UBND ngày 15/01/2026 của UBND tỉnh Ninh Bình)")
    master = import_plan(plan, tmp_path / "m.xlsx").path
    out = tmp_path / "phu-luc.xlsx"
    result = CliRunner().invoke(main, ["appendix", str(master), "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.properties.title == ("Danh mục nhiệm vụ cải cách hành chính tỉnh Ninh Bình "
                                     "năm 2026 (CCHC)")
    heading = [row[0] for row in book.worksheets[0].iter_rows(max_row=2, values_only=True)]
    assert heading == ["Phụ lục", "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TỈNH NINH BÌNH NĂM "
                                  "2026 (CCHC)"]


# --- a task's number as the plan prints it (letters name tasks by it) ---------------------

def test_plan_numbers_are_the_appendix_s_own_with_where_they_are_printed(
        hh_master, nh_master, hh_file):
    """Hoằng Hóa numbers each appendix anew: a task is its number on its sheet and the
    appendix it is in ("4 (Phụ lục số 07)", as its heading prints it); Nghĩa Hưng numbers
    1-40 across one table: the number alone."""
    numbers = plan_numbers(hh_master)
    assert numbers["CD-04"] == "4 (Phụ lục số 07)" and numbers["TC-01"] == "1 (Phụ lục số 01)"
    wb = load_workbook(hh_file)
    for sheet, area in zip(wb.worksheets, hh_master.areas, strict=True):
        printed = [str(r[0]) for r in sheet.iter_rows(min_row=_header_row(sheet) + 1,
                                                      values_only=True) if r[0] is not None]
        assert [numbers[t.id].split(" ")[0] for t in area.tasks] == printed
        assert all(numbers[t.id].endswith(f"({area.heading.split(':')[0]})") for t in area.tasks)
    assert plan_numbers(nh_master)["CQS-26"] == "26"


def test_plan_numbers_of_sub_tasks_and_sections_numbered_anew() -> None:
    """One table whose sections "I.", "II." number their tasks anew, a sub-task "a)"
    under its heading "2": "2 a) (mục I)", and a task the master leaves unnumbered is
    its place in the table, as the appendix prints it."""
    from cchc_xl.model import Area, Heading, Master, Plan, Task

    def task(tid: str, number: str, parent: str = "") -> Task:
        return Task(tid, number, f"Nội dung {tid}", [Deliverable(tid, "Sản phẩm", None)],
                    parent=parent)

    areas = [Area("TC", "Cải cách thể chế", "Thể chế", "I. CẢI CÁCH THỂ CHẾ",
                  tasks=[task("TC-01", "1"), task("TC-02-1", "a)", "TC-02")],
                  headings=[Heading("TC-02", "2.", "Kiểm tra")]),
             Area("TTHC", "Thủ tục hành chính", "Thủ tục", "II. THỦ TỤC HÀNH CHÍNH",
                  tasks=[task("TTHC-01", "1"), task("TTHC-02", "")])]
    master = Master(plan=Plan(authority="UBND xã Thử", title="Kế hoạch", year=2026,
                                     appendix_title="PHÂN CÔNG THỰC HIỆN"),
                    units=[], groups=[], periods=[], areas=areas)
    assert plan_numbers(master) == {"TC-01": "1 (mục I)", "TC-02-1": "2 a) (mục I)",
                                    "TTHC-01": "1 (mục II)", "TTHC-02": "4 (mục II)"}
    # Numbered as "1.", "2." in the plan's table: named "1 (mục II)", not "1. (mục II)",
    # as the Word report's Phụ lục III named them (a QA pass); a sub-task "b." under "2".
    areas[1].tasks[0].number, areas[0].tasks[1].number = "1.", "b."
    assert plan_numbers(master) == {"TC-01": "1 (mục I)", "TC-02-1": "2 b (mục I)",
                                    "TTHC-01": "1 (mục II)", "TTHC-02": "4 (mục II)"}
    assert plan_numbers(master, placed=False)["TTHC-01"] == "1"


def test_a_plan_with_no_task_gets_no_blank_appendix(tmp_path: Path) -> None:
    """A plan made by init and not yet filled: appendix wrote a workbook of one blank
    sheet ("Sheet1") and said "Đã ghi …", exit 0 (a QA pass). It says what is missing, as
    split does, and writes nothing."""
    plan = tmp_path / "ke-hoach.xlsx"
    assert CliRunner().invoke(main, ["init", str(plan), "--province", "Thanh Hóa",
                                     "--year", "2026"]).exit_code == 0
    result = CliRunner().invoke(main, ["appendix", str(plan), "--out", str(tmp_path / "pl.xlsx")])
    assert result.exit_code == 1, result.output
    assert (f"Lỗi: tệp {plan}: bảng kế hoạch chưa có nhiệm vụ nào, chưa có phụ lục để lập "
            "(điền các trang lĩnh vực, hoặc tạo bảng kế hoạch từ văn bản kế hoạch bằng "
            "'cchc-xl import')") in result.output
    assert not (tmp_path / "pl.xlsx").exists()
