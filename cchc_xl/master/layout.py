"""The master workbook's layout: sheet names, the header spellings of each table,
and the cell vocabularies (unit kinds, "Trước ngày") shared by reading and writing."""

from __future__ import annotations

import re

from openpyxl.worksheet.worksheet import Worksheet

from ..deadlines import BEFORE_BY, BEFORE_STRICT
from ..text import clean, fold_ascii, match_key, one_line
from ..vocab import COMMUNE, DEPARTMENT, KIND_LABELS, LEAD, OTHER, PUBLIC_SERVICE, SUPPORT

PLAN_SHEET = "Kế hoạch"
UNITS_SHEET = "Đơn vị"
GROUPS_SHEET = "Nhóm"
PERIODS_SHEET = "Kỳ báo cáo"
AREA_MARKER = "Mã lĩnh vực"
AREA_TITLE = "Tên lĩnh vực"
AREA_HEADING = "Tiêu đề phụ lục"
# The blank area sheet of a new master (filled, then copied for each further area).
BLANK_AREA_SHEET = "Lĩnh vực 1"

# Levels of government `init` makes a master for, each with its template in
# templates/ and who issues such a plan.
LEVELS: dict[str, str] = {
    "tinh": "Ủy ban nhân dân tỉnh",
    "xa": "Ủy ban nhân dân xã",
    "huyen": "Ủy ban nhân dân huyện",
}


def level_of(written: str) -> str:
    """The level code ``written`` names: "xã", "Tỉnh" as well as "xa", "tinh", the level
    as people write it; ``written`` itself when it names none."""
    return {fold_ascii(k).casefold(): k for k in LEVELS}.get(
        fold_ascii(written.strip()).casefold(), written)


def template_name(level: str) -> str:
    """"master-tinh.xlsx": the template of a level."""
    return f"master-{level}.xlsx"

PLAN_FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("Mã kế hoạch",),
    "authority": ("Cơ quan ban hành",),
    "title": ("Tên kế hoạch",),
    "number": ("Số, ký hiệu", "Số kế hoạch", "Số hiệu"),
    "issued": ("Ngày ban hành",),
    "year": ("Năm kế hoạch", "Năm"),
    "attachment": ('Dòng "Kèm theo"', "Dòng kèm theo", "Kèm theo"),
    "appendix_title": ("Tiêu đề chung của phụ lục", "Tiêu đề phụ lục"),
    "before": ('Cách hiểu "Trước ngày"', "Cách hiểu trước ngày"),
    "named_support": ("Đơn vị phối hợp thuộc nhóm chủ trì",),
    "sender": ("Cơ quan gửi công văn, báo cáo", "Cơ quan gửi báo cáo", "Cơ quan gửi"),
    "signer": ("Người ký báo cáo", "Người ký"),
    "signer_title": ("Chức vụ người ký", "Chức vụ người ký báo cáo"),
    "return_to": ("Nơi nhận báo cáo", "Gửi báo cáo về", "Đầu mối nhận báo cáo",
                  "Nơi gửi báo cáo"),
    "amendments": ("Sửa đổi, bổ sung tại", "Văn bản sửa đổi, bổ sung"),
}


# The "Kèm theo" line a plan table starts with when no line is written (``cchc-xl init``,
# an import of a plan whose tasks are in its body): number and day left for the office,
# and filled in, with the authority, from the "Kế hoạch" sheet when the appendix is
# printed (appendix.attachment_line).
BLANK_ATTACHMENT = re.compile(r"^\(Kèm theo Kế hoạch số\s+/(?P<symbol>KH-\S+) ngày\s+tháng\s+"
                              r"năm (?P<year>\d{4}) của (?P<authority>.+)\)$")


def blank_attachment(year: int, authority: str) -> str:
    """The blank "Kèm theo" line of a plan of ``year`` issued by ``authority``."""
    return f"(Kèm theo Kế hoạch số       /KH-UBND ngày     tháng     năm {year} của {authority})"


def plan_labels() -> dict[str, str]:
    """The "Kế hoạch" sheet's labels (as matching keys) and the field each names."""
    return {match_key(s): f for f, spellings in PLAN_FIELDS.items() for s in spellings}


BEFORE_LABELS = {BEFORE_BY: "Hạn là chính ngày ghi", BEFORE_STRICT: "Hạn là ngày liền trước"}
# "Các sở, ban, ngành" leads and "Sở Tài chính" is named to coordinate: is it a lead?
NAMED_SUPPORT_LABELS = {SUPPORT: "Là đơn vị phối hợp", LEAD: "Là đơn vị chủ trì"}

UNIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("Mã đơn vị",),
    "name": ("Tên đơn vị",),
    "kind": ("Loại", "Loại đơn vị"),
    "aliases": ("Tên gọi khác", "Cách viết khác"),
    "groups": ("Thuộc nhóm",),
    # Optional: contacts for the reminder letter and its mail-merge list.
    "email": ("Email", "Thư điện tử"),
    "phone": ("Điện thoại", "Số điện thoại"),
    "contact": ("Người liên hệ", "Cán bộ đầu mối"),
}
GROUP_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("Mã nhóm",),
    "name": ("Tên nhóm",),
    "spellings": ("Cách viết khác", "Tên gọi khác"),
    "kinds": ("Gồm loại đơn vị", "Gồm các loại"),
    "members": ("Gồm các đơn vị", "Gồm đơn vị"),
    "note": ("Ghi chú",),
}
PERIOD_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("Mã kỳ",),
    "name": ("Tên kỳ",),
    "start": ("Từ ngày",),
    "cutoff": ("Đến ngày (chốt số liệu)", "Đến ngày", "Chốt số liệu"),
    "due": ("Hạn nộp báo cáo", "Hạn nộp"),
}
AREA_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("Mã nhiệm vụ", "Mã"),
    "number": ("TT", "STT", "Số TT"),
    "content": ("Nội dung nhiệm vụ", "Nội dung thực hiện", "Nhiệm vụ cụ thể", "Nội dung"),
    "product": ("Sản phẩm/Kết quả", "Sản phẩm", "Kết quả"),
    "lead": ("Cơ quan chủ trì", "Đơn vị chủ trì", "Chủ trì"),
    "support": ("Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp"),
    "deadline": ("Thời gian hoàn thành", "Thời hạn", "Thời gian thực hiện", "Lộ trình thực hiện"),
    "funding": ("Kinh phí",),
    "note": ("Ghi chú",),
}
LIST_SPLIT = re.compile(r"[;\n]")
# A period's code names folders and files ("giao-9T", "tong-hop-9T.xlsx"): plain
# letters, digits, "-" and "_".
PERIOD_CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
PERIOD_CODE_HINT = "đặt mã kỳ chỉ gồm chữ không dấu, số, '-' hoặc '_' (ví dụ 6T, Q3, NAM)"
CODE_SPLIT = re.compile(r"[;,\n]")

_KIND_WORDS = [
    (COMMUNE, ("xa", "phuong", "thi tran", "dac khu", "commune")),
    (PUBLIC_SERVICE, ("su nghiep", "public")),
    (DEPARTMENT, ("phong", "ban", "so", "nganh", "department")),
    (OTHER, ("khac", "other")),
]


def parse_kind(value: object) -> str | None:
    """A unit kind from the registry's "Loại" cell (the label, or an English code)."""
    text = fold_ascii(one_line(value)).lower()
    if not text:
        return None
    for code, label in KIND_LABELS.items():
        if text in (code, fold_ascii(label).lower()):
            return code
    for code, words in _KIND_WORDS:
        if any(re.search(rf"\b{w}\b", text) for w in words):
            return code
    return None


def split_list(value: object, pattern: re.Pattern[str] = LIST_SPLIT) -> list[str]:
    return [x.strip() for x in pattern.split(clean(value)) if x.strip()]


def kind_labels(value: object) -> list[str]:
    """Kind labels of a group cell. The labels themselves hold commas ("Xã, phường, thị
    trấn"), so a piece between semicolons is taken whole when it is a label, and split
    at its commas otherwise ("Phòng ban, Xã")."""
    labels = {fold_ascii(x).lower() for x in KIND_LABELS.values()}
    out = []
    for piece in split_list(value):
        if fold_ascii(piece).lower() in labels:
            out.append(piece)
        else:
            out.extend(split_list(piece, CODE_SPLIT))
    return out


def missing_sheet_hint(wb, title: str) -> str:
    """What to do when the sheet ``title`` is not found: the sheets there are, to rename
    one (a renamed sheet is the usual cause), or copy it from a new table."""
    there = ", ".join(f"'{ws.title}'" for ws in wb.worksheets[:12])
    more = ", ..." if len(wb.worksheets) > 12 else ""
    return (f"trang bị đổi tên thì đặt lại đúng tên '{title}' (các trang đang có: "
            f"{there}{more}); trang bị xóa thì chép lại từ bảng mẫu: tạo bảng kế hoạch mới "
            "bằng 'cchc-xl init' để xem mẫu")


def find_sheet(wb, title: str) -> Worksheet | None:
    key = match_key(title)
    return next((ws for ws in wb.worksheets if match_key(ws.title) == key), None)




def area_sheets(wb) -> list[Worksheet]:
    return [ws for ws in wb.worksheets
            if match_key(ws.cell(1, 1).value or "") == match_key(AREA_MARKER)]
