"""Create templates/master.xlsx, the blank master workbook `cchc-xl init` copies.

Run once to (re)create the template; after that the office may restyle and reword
the template in Excel or LibreOffice (keeping the header texts), and every master
written by cchc-xl follows it.

    python scripts/make_master_template.py [templates/master.xlsx]
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from cchc_xl import styles
from cchc_xl.master.layout import (
    AREA_COLUMNS,
    AREA_HEADING,
    AREA_MARKER,
    AREA_TITLE,
    BEFORE_LABELS,
    GROUP_COLUMNS,
    GROUPS_SHEET,
    PERIOD_COLUMNS,
    PERIODS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    UNIT_COLUMNS,
    UNITS_SHEET,
)
from cchc_xl.model import KIND_LABELS
from cchc_xl.periods import default_periods

HEADER_FONT = styles.openpyxl_font(bold=True)
BODY_FONT = styles.openpyxl_font()
HEADER_FILL = styles.openpyxl_fill(styles.HEADER_FILL)

PLAN_HELP = {
    "code": "Mã ngắn, không dấu, duy nhất cho kế hoạch (ghi vào tệp giao cho đơn vị)",
    "authority": "Ví dụ: Ủy ban nhân dân huyện ..., Ủy ban nhân dân tỉnh ..., Sở ...",
    "title": "Ví dụ: Kế hoạch cải cách hành chính năm 2024",
    "number": "Ví dụ: 125/KH-UBND",
    "issued": "dd/mm/yyyy",
    "year": "4 chữ số",
    "attachment": "Dòng in nghiêng dưới tiêu đề phụ lục",
    "appendix_title": "Chỉ khi cả kế hoạch có một phụ lục chung",
    "before": "'Trước 15/11' nghĩa là hạn 15/11 (mặc định) hay 14/11",
}
EXAMPLE_PLAN = {
    "code": "vi-du-2024", "authority": "Ủy ban nhân dân huyện Ví Dụ",
    "title": "Kế hoạch cải cách hành chính năm 2024", "number": "", "issued": None,
    "year": 2024, "attachment": "(Kèm theo Kế hoạch số     /KH-UBND ngày    tháng    năm 2023 "
    "của Ủy ban nhân dân huyện Ví Dụ)", "appendix_title": "", "before": BEFORE_LABELS["by"],
}
EXAMPLE_UNITS = [
    ("NV", "Phòng Nội vụ", KIND_LABELS["department"], "", ""),
    ("TP", "Phòng Tư pháp", KIND_LABELS["department"], "Phòng TP", ""),
    ("X01", "Xã Ví Dụ", KIND_LABELS["commune"], "UBND xã Ví Dụ", ""),
]
EXAMPLE_GROUPS = [
    ("PB", "Các phòng, ban, ngành cấp huyện", "Các phòng chuyên môn cấp huyện",
     KIND_LABELS["department"], "", ""),
    ("XA", "UBND các xã, thị trấn", "UBND cấp xã\nCác xã, thị trấn", KIND_LABELS["commune"], "",
     ""),
    ("LQ", "Các cơ quan liên quan", "", "", "", "Nhóm mở: không giao cho đơn vị cụ thể"),
]
EXAMPLE_TASKS = [
    ("TC-01", "1", "Xây dựng, ban hành văn bản quy phạm pháp luật thuộc thẩm quyền",
     "Văn bản được ban hành", "Phòng Tư pháp", "Các phòng, ban, ngành cấp huyện",
     "Quý IV/2024", "", ""),
    ("TC-01.2", None, None, "Báo cáo kết quả thực hiện", None, None, "Trước 15/11/2024", "", ""),
    ("TC-02", "2", "Tuyên truyền, phổ biến pháp luật", "Báo cáo kết quả", "Phòng Tư pháp",
     "UBND các xã, thị trấn", "Thường xuyên", "", ""),
]
AREA_WIDTHS = [11, 6, 50, 30, 26, 26, 20, 14, 20]


def _header(ws, row: int, labels: list[str], widths: list[int]) -> None:
    for i, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = ws.cell(row, i, label)
        cell.font, cell.fill, cell.border, cell.alignment = (
            HEADER_FONT, HEADER_FILL, styles.BORDER, styles.CENTER)
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(row + 1, 1)


def _body(ws, row: int, values: tuple, date_cols: tuple[int, ...] = ()) -> None:
    for i, value in enumerate(values, start=1):
        cell = ws.cell(row, i, value)
        cell.font, cell.border, cell.alignment = BODY_FONT, styles.BORDER, styles.WRAP
        if i in date_cols:
            cell.number_format = styles.DATE_FORMAT


def _labels(columns: dict[str, tuple[str, ...]]) -> list[str]:
    return [spellings[0] for spellings in columns.values()]


def build(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = PLAN_SHEET
    _header(ws, 1, ["Thông tin", "Giá trị", "Hướng dẫn"], [30, 70, 60])
    for r, (name, spellings) in enumerate(PLAN_FIELDS.items(), start=2):
        _body(ws, r, (spellings[0], EXAMPLE_PLAN[name], PLAN_HELP[name]),
              date_cols=(2,) if name == "issued" else ())
        ws.cell(r, 1).font = HEADER_FONT
    before = DataValidation(type="list", formula1='"' + ",".join(BEFORE_LABELS.values()) + '"')
    before.add(f"B{2 + list(PLAN_FIELDS).index('before')}")
    ws.add_data_validation(before)

    ws = wb.create_sheet(UNITS_SHEET)
    _header(ws, 1, _labels(UNIT_COLUMNS), [10, 45, 24, 45, 16])
    for r, values in enumerate(EXAMPLE_UNITS, start=2):
        _body(ws, r, values)
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS.values()) + '"',
                           showErrorMessage=True, errorTitle="Loại đơn vị",
                           error="Chọn loại đơn vị trong danh sách")
    kinds.add("C2:C2000")
    ws.add_data_validation(kinds)

    ws = wb.create_sheet(GROUPS_SHEET)
    _header(ws, 1, _labels(GROUP_COLUMNS), [10, 40, 45, 26, 30, 40])
    for r, values in enumerate(EXAMPLE_GROUPS, start=2):
        _body(ws, r, values)

    ws = wb.create_sheet(PERIODS_SHEET)
    _header(ws, 1, _labels(PERIOD_COLUMNS), [10, 30, 16, 22, 18])
    for r, p in enumerate(default_periods(EXAMPLE_PLAN["year"]), start=2):
        _body(ws, r, (p.code, p.name, p.start, p.cutoff, p.due), date_cols=(3, 4, 5))

    ws = wb.create_sheet("Lĩnh vực mẫu")
    for r, (label, value) in enumerate(
        [(AREA_MARKER, "TC"), (AREA_TITLE, "Cải cách thể chế"),
         (AREA_HEADING, "Phụ lục số 01: Các nhiệm vụ trọng tâm về Cải cách thể chế")], start=1):
        ws.cell(r, 1, label).font = HEADER_FONT
        ws.cell(r, 2, value).font = styles.openpyxl_font(bold=r == 2)
    _header(ws, 5, _labels(AREA_COLUMNS), AREA_WIDTHS)
    for r, values in enumerate(EXAMPLE_TASKS, start=6):
        _body(ws, r, values)
    ws.print_title_rows = "5:5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = styles.A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    for sheet in wb.worksheets:
        sheet.sheet_view.zoomScale = 100
    wb.properties.creator = "cchc-xl"
    wb.properties.created = wb.properties.modified = datetime(2024, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/master.xlsx"))
