"""Create the blank master templates in templates/ that `cchc-xl init` starts from.

- ``master.xlsx``: the layout every master written by cchc-xl follows (sheets, header
  texts, look, guidance); no data.
- ``master-tinh.xlsx``, ``master-xa.xlsx``, ``master-huyen.xlsx``: the same layout
  with the unit registry and groups of a province plan, a commune (ward) plan, and
  the district plans written before 1 July 2025.

No template holds a sample plan, area or task: `init` fills the plan year (and, with
--province, the communes) and the office writes its own areas. After this script has
run once, the office may restyle and reword the templates in Excel or LibreOffice
(keeping the header texts).

    python scripts/make_master_template.py [templates]
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation

from cchc_xl import styles
from cchc_xl.master.layout import (
    AREA_COLUMNS,
    AREA_HEADING,
    AREA_MARKER,
    AREA_TITLE,
    BEFORE_LABELS,
    BLANK_AREA_SHEET,
    GROUP_COLUMNS,
    GROUPS_SHEET,
    LEVELS,
    NAMED_SUPPORT_LABELS,
    PERIOD_COLUMNS,
    PERIODS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    UNIT_COLUMNS,
    UNITS_SHEET,
    template_name,
)
from cchc_xl.vocab import COMMUNE, DEPARTMENT, KIND_LABELS, OTHER

HEADER_FONT = styles.openpyxl_font(bold=True)
BODY_FONT = styles.openpyxl_font()
HEADER_FILL = styles.openpyxl_fill(styles.HEADER_FILL)

PLAN_HELP = {
    "code": "Mã ngắn, không dấu, duy nhất cho kế hoạch (ghi vào tệp giao cho đơn vị)",
    "authority": "Ví dụ: Ủy ban nhân dân tỉnh Thanh Hóa; Ủy ban nhân dân xã Hoằng Hóa",
    "title": "Tên kế hoạch như văn bản ban hành",
    "number": "Ví dụ: 125/KH-UBND",
    "issued": "dd/mm/yyyy",
    "year": "4 chữ số",
    "attachment": "Dòng in nghiêng dưới tiêu đề phụ lục: (Kèm theo Kế hoạch số .../KH-UBND "
                  "ngày ... của ...)",
    "appendix_title": "Chỉ khi cả kế hoạch có một phụ lục chung",
    "before": "'Trước 15/11' nghĩa là hạn 15/11 (mặc định) hay 14/11",
    "named_support": "Nhóm chủ trì ('Các sở, ban, ngành') gồm cả đơn vị được ghi ở cột phối "
                     "hợp ('Sở Tài chính'): đơn vị đó là phối hợp (mặc định) hay chủ trì",
    "sender": "Để trống: cơ quan ban hành kế hoạch. Kế hoạch của UBND tỉnh mà Sở Nội vụ gửi "
              "công văn đôn đốc và báo cáo UBND tỉnh: ghi Sở Nội vụ (tiêu đề, số ký hiệu "
              "/SNV, chức vụ ký KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)",
    "signer": "Họ và tên người ký, in dưới chữ ký ở báo cáo và công văn đôn đốc",
    "signer_title": "Mỗi dòng một dòng in, ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ "
                    "CHỦ TỊCH (để trống: như vậy với UBND); Chủ tịch ký: TM. ỦY BAN NHÂN DÂN / "
                    "CHỦ TỊCH",
    # Of the offices that collect the reports since 1 July 2025, as the authority's
    # example names both levels (a district's "Phòng Nội vụ" was read in a commune's).
    "return_to": "Ghi ở trang Hướng dẫn của tệp mỗi đơn vị: gửi lại tệp cho ai, bằng cách "
                 "nào, ví dụ: Văn phòng HĐND và UBND xã (kế hoạch của tỉnh: Sở Nội vụ), "
                 "đồng chí Nguyễn Văn A, ĐT 0912 345 678, thư điện tử cchc@thanhhoa.gov.vn",
    "amendments": "Văn bản sửa đổi, bổ sung kế hoạch, mỗi văn bản một dòng, ví dụ: Kế hoạch "
                  "số 85/KH-UBND ngày 10/07/2026; báo cáo, công văn ghi sau số, ngày của kế "
                  "hoạch: (sửa đổi, bổ sung tại …)",
}
AREA_WIDTHS = [11, 6, 50, 30, 26, 26, 20, 14, 20]

DEP, COM, OTH = (KIND_LABELS[k] for k in (DEPARTMENT, COMMUNE, OTHER))
# "Các sở, ban, ngành liên quan", as province plans write it, was an unknown name in a
# plan typed into a template (a QA pass): the open group's, as the import reads it.
_OPEN = ("LQ", "Các cơ quan, đơn vị liên quan",
         "Các cơ quan liên quan\nCác cơ quan có liên quan\nCác đơn vị liên quan\n"
         "Các cơ quan, đơn vị có liên quan\nCác sở, ban, ngành liên quan\n"
         "Các sở, ban, ngành có liên quan\nCác sở, ngành liên quan\nCác phòng, ban liên quan\n"
         "Các phòng, ban, đơn vị liên quan", "", "", "Nhóm mở: không giao cho đơn vị cụ thể")

# (code, name, kind, other names) and (code, name, other names, kinds, members, note)
REGISTRIES: dict[str, tuple[list[tuple], list[tuple]]] = {
    "tinh": ([
        ("VP", "Văn phòng UBND tỉnh", DEP, "Văn phòng Ủy ban nhân dân tỉnh"),
        ("NV", "Sở Nội vụ", DEP, ""),
        ("TP", "Sở Tư pháp", DEP, ""),
        ("TC", "Sở Tài chính", DEP, ""),
        ("KHCN", "Sở Khoa học và Công nghệ", DEP, ""),
        ("VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", DEP, ""),
        ("NNMT", "Sở Nông nghiệp và Môi trường", DEP, ""),
        ("XD", "Sở Xây dựng", DEP, ""),
        ("CT", "Sở Công Thương", DEP, ""),
        ("YT", "Sở Y tế", DEP, ""),
        ("GDDT", "Sở Giáo dục và Đào tạo", DEP, ""),
        ("DTTG", "Sở Dân tộc và Tôn giáo", DEP, ""),
        ("TTR", "Thanh tra tỉnh", DEP, ""),
        ("PVHCC", "Trung tâm Phục vụ hành chính công tỉnh", OTH,
         "Trung tâm Phục vụ hành chính công"),
        ("CA", "Công an tỉnh", OTH, ""),
    ], [
        ("SBN", "Các sở, ban, ngành", "Các sở, ban, ngành cấp tỉnh\nCác sở, ngành\n"
         "Các cơ quan chuyên môn thuộc UBND tỉnh", DEP, "", ""),
        ("XA", "UBND các xã, phường, đặc khu", "UBND các xã, phường\nUBND cấp xã\n"
         "Các xã, phường\nCác xã, phường, đặc khu", COM, "", ""),
        _OPEN,
    ]),
    "xa": ([
        # "Văn phòng UBND xã", "Văn phòng (UBND xã)": a commune has one office of its
        # council and committee since 1 July 2025.
        ("VP", "Văn phòng HĐND và UBND", DEP, "Văn phòng HĐND&UBND\nVăn phòng HĐND-UBND\n"
         "Văn phòng HĐND và UBND xã\nVăn phòng HĐND và UBND phường\nVăn phòng UBND xã\n"
         "Văn phòng UBND phường"),
        ("KT", "Phòng Kinh tế", DEP, "Phòng Kinh tế, Hạ tầng và Đô thị\n"
         "Phòng Kinh tế - Hạ tầng - Đô thị"),
        ("VHXH", "Phòng Văn hóa - Xã hội", DEP, ""),
        # "Bộ phận Một cửa (xã)": the commune's one-stop shop before 1 July 2025, whose
        # work the Trung tâm took over; plans still name it so out of habit.
        ("PVHCC", "Trung tâm Phục vụ hành chính công", OTH,
         "Trung tâm Phục vụ hành chính công xã\nTrung tâm Phục vụ hành chính công phường\n"
         "Bộ phận Một cửa\nBộ phận Một cửa xã\nBộ phận Một cửa phường\n"
         "Bộ phận tiếp nhận và trả kết quả"),
        ("CA", "Công an xã", OTH, "Công an phường"),
        ("QS", "Ban Chỉ huy quân sự", OTH, "Ban Chỉ huy quân sự xã\nBan Chỉ huy quân sự phường"),
    ], [
        ("PB", "Các phòng chuyên môn", "Các phòng, ban chuyên môn\n"
         "Các cơ quan chuyên môn thuộc UBND xã", DEP, "", ""),
        # Every office of the committee: its phòng and its own unit, the Trung tâm Phục vụ
        # hành chính công (under the commune's committee since 1 July 2025); not the police
        # nor the military command, no office of the committee's. "Các phòng, ban, đơn vị"
        # was a spelling of "Các phòng chuyên môn", and the Trung tâm got none of that work.
        ("CQDV", "Các cơ quan, đơn vị thuộc UBND", "Các cơ quan, đơn vị thuộc UBND xã\n"
         "Các phòng, ban, đơn vị\nCác phòng, đơn vị\nCác cơ quan chuyên môn, đơn vị", DEP,
         "PVHCC", "Các phòng chuyên môn và Trung tâm Phục vụ hành chính công; không gồm "
         "Công an, Ban Chỉ huy quân sự"),
        _OPEN,
    ]),
    "huyen": ([
        ("VP", "Văn phòng HĐND và UBND huyện", DEP, "Văn phòng HĐND&UBND huyện"),
        ("NV", "Phòng Nội vụ", DEP, ""),
        ("TP", "Phòng Tư pháp", DEP, ""),
        ("TCKH", "Phòng Tài chính - Kế hoạch", DEP, ""),
        ("VHTT", "Phòng Văn hóa và Thông tin", DEP, ""),
        ("GDDT", "Phòng Giáo dục và Đào tạo", DEP, ""),
        ("TTR", "Thanh tra huyện", DEP, ""),
        ("BPMC", "Bộ phận tiếp nhận và trả kết quả huyện", OTH, "Bộ phận Một cửa huyện"),
    ], [
        ("PB", "Các phòng, ban, ngành cấp huyện", "Các phòng chuyên môn cấp huyện", DEP, "", ""),
        ("XA", "UBND các xã, thị trấn", "UBND cấp xã\nCác xã, thị trấn", COM, "", ""),
        _OPEN,
    ]),
}


# Guidance on the header cells of the tables a user fills by hand (a note shown when
# the cell is pointed at: the cells stay what the reader reads), by field.
AREA_HELP = {
    "id": "Mã lĩnh vực (ô B1, chữ không dấu), gạch ngang, số: CD-01, CD-02... Sản phẩm thứ "
          "hai của nhiệm vụ CD-01 ghi ở dòng dưới với mã CD-01.2. Dòng có nội dung phải có mã.",
    "lead": "Tên đơn vị như cột 'Tên đơn vị' (hoặc 'Tên gọi khác') ở trang 'Đơn vị', hoặc tên "
            "nhóm ở trang 'Nhóm' (ví dụ 'Các thôn'); nhiều đơn vị cách nhau bởi dấu chấm phẩy.",
    "support": "Như cột 'Cơ quan chủ trì'; để trống nếu không có.",
    "deadline": "Ghi như văn bản: 'Quý I/2026', 'Trước 30/6/2026', 'Tháng 12/2026', "
                "'Thường xuyên', 'Hằng quý'.",
}
AREA_TOP_HELP = {
    1: "Mã ngắn của lĩnh vực, chữ không dấu, ví dụ CD: mã nhiệm vụ là CD-01, CD-02...",
    2: "Tên đầy đủ của lĩnh vực, ví dụ 'Công tác chỉ đạo, điều hành CCHC': tên này in "
       "trong báo cáo và phụ lục.",
}
GROUP_HELP = {
    "members": "Mã đơn vị (hoặc tên đơn vị) ở trang 'Đơn vị', mỗi đơn vị một dòng hoặc cách "
               "nhau bởi dấu chấm phẩy; để trống nếu nhóm gồm mọi đơn vị của một loại.",
    "kinds": "Loại đơn vị ở cột 'Loại' của trang 'Đơn vị' (ví dụ 'Cấp xã'): nhóm gồm mọi đơn "
             "vị loại đó.",
}


def _help(cell, text: str) -> None:
    note = Comment(text, "cchc-xl")
    note.width, note.height = 260, 110
    cell.comment = note


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


def _rows(ws, first: int, rows: list[tuple], width: int,
          date_cols: tuple[int, ...] = ()) -> None:
    """The table's rows, or one empty row carrying the look of data rows."""
    for r, values in enumerate(rows or [(None,) * width], start=first):
        _body(ws, r, tuple(values) + (None,) * (width - len(values)), date_cols)


def _labels(columns: dict[str, tuple[str, ...]]) -> list[str]:
    return [spellings[0] for spellings in columns.values()]


def build(path: Path, units: list[tuple], groups: list[tuple]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = PLAN_SHEET
    _header(ws, 1, ["Thông tin", "Giá trị", "Hướng dẫn"], [30, 70, 60])
    for r, (name, spellings) in enumerate(PLAN_FIELDS.items(), start=2):
        value = {"before": BEFORE_LABELS["by"],
                 "named_support": NAMED_SUPPORT_LABELS["support"]}.get(name)
        _body(ws, r, (spellings[0], value, PLAN_HELP[name]),
              date_cols=(2,) if name == "issued" else ())
        ws.cell(r, 1).font = HEADER_FONT
        # Rows high enough for the label and the guidance (and the "Kèm theo" line
        # init writes), since LibreOffice does not fit them when it prints.
        ws.row_dimensions[r].height = styles.fitted_height(
            [(spellings[0], 30), (PLAN_HELP[name], 60)],
            min_lines=2 if name == "attachment" else 1)
    before = DataValidation(type="list", formula1='"' + ",".join(BEFORE_LABELS.values()) + '"')
    before.add(f"B{2 + list(PLAN_FIELDS).index('before')}")
    ws.add_data_validation(before)
    named = DataValidation(type="list",
                           formula1='"' + ",".join(NAMED_SUPPORT_LABELS.values()) + '"')
    named.add(f"B{2 + list(PLAN_FIELDS).index('named_support')}")
    ws.add_data_validation(named)

    ws = wb.create_sheet(UNITS_SHEET)
    _header(ws, 1, _labels(UNIT_COLUMNS), [10, 45, 24, 45, 16, 30, 16, 24])
    _rows(ws, 2, units, len(UNIT_COLUMNS))
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS.values()) + '"',
                           showErrorMessage=True, errorTitle="Loại đơn vị",
                           error="Chọn loại đơn vị trong danh sách")
    kinds.add("C2:C2000")
    ws.add_data_validation(kinds)

    ws = wb.create_sheet(GROUPS_SHEET)
    _header(ws, 1, _labels(GROUP_COLUMNS), [10, 40, 45, 26, 30, 40])
    _rows(ws, 2, groups, len(GROUP_COLUMNS))
    for c, field in enumerate(GROUP_COLUMNS, start=1):
        if field in GROUP_HELP:
            _help(ws.cell(1, c), GROUP_HELP[field])

    ws = wb.create_sheet(PERIODS_SHEET)
    _header(ws, 1, _labels(PERIOD_COLUMNS), [10, 30, 16, 22, 18])
    _rows(ws, 2, [], len(PERIOD_COLUMNS), date_cols=(3, 4, 5))

    ws = wb.create_sheet(BLANK_AREA_SHEET)
    for r, label in enumerate((AREA_MARKER, AREA_TITLE, AREA_HEADING), start=1):
        ws.cell(r, 1, label).font = HEADER_FONT
        ws.cell(r, 2).font = styles.openpyxl_font(bold=r == 2)
    _header(ws, 5, _labels(AREA_COLUMNS), AREA_WIDTHS)
    # Tall enough for the labels that wrap ("Thời gian hoàn thành"), as LibreOffice prints.
    ws.row_dimensions[5].height = styles.fitted_height(
        list(zip(_labels(AREA_COLUMNS), AREA_WIDTHS, strict=True)), bold=True)
    _rows(ws, 6, [], len(AREA_COLUMNS))
    for r, text in AREA_TOP_HELP.items():
        _help(ws.cell(r, 1), text)
    for c, field in enumerate(AREA_COLUMNS, start=1):
        if field in AREA_HELP:
            _help(ws.cell(5, c), AREA_HELP[field])
    ws.print_title_rows = "5:5"

    for sheet in wb.worksheets:
        sheet.sheet_view.zoomScale = 100
        # Printed A4 landscape, as wide as the page, the header on every page (the
        # registry of a province runs over several pages).
        if sheet.print_title_rows is None:
            sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = styles.A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.creator = "cchc-xl"
    wb.properties.created = wb.properties.modified = datetime(2024, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "templates")
    build(folder / "master.xlsx", [], [])
    for level in LEVELS:
        build(folder / template_name(level), *REGISTRIES[level])
