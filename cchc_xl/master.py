"""The master workbook: reading it into a :class:`~cchc_xl.model.Master`, checking
it, and writing one from a model through the template in ``templates/``.

Layout (the template shows it, and the office may restyle it freely):

- "Kế hoạch": one row per plan field, label in column A, value in column B.
- "Đơn vị": the unit registry (code, name, kind, aliases, groups).
- "Nhóm": names that stand for many units and how they expand.
- "Kỳ báo cáo": reporting periods (code, name, start, cut-off, due date).
- One sheet per reform area, in the plan's order: A1 "Mã lĩnh vực" with the code in
  B1, the full title in B2 and the appendix heading in B3, then a table with one row
  per product. Rows whose id shares the part before the dot ("TC-01", "TC-01.2")
  are one task; continuation rows may leave TT, content and units blank.

Columns are found by their header text, so they may be reordered or restyled.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from . import findings as F
from .deadlines import BEFORE_BY, BEFORE_STRICT, UNKNOWN, parse_deadline
from .errors import MasterError, WorkbookError
from .findings import Finding
from .model import (
    COMMUNE,
    DEPARTMENT,
    KIND_LABELS,
    LEAD,
    OTHER,
    PUBLIC_SERVICE,
    SUPPORT,
    Area,
    Deliverable,
    Group,
    Master,
    Period,
    Plan,
    Task,
    Unit,
    task_id_of,
)
from .templates import template_path
from .text import clean, fold_ascii, legacy_font, looks_legacy, match_key, one_line
from .units import UNIT as UNIT_REF
from .units import Registry, Resolution
from .xlio import SHEET_NAME_MAX, find_header, open_workbook, save_workbook, to_date

PLAN_SHEET = "Kế hoạch"
UNITS_SHEET = "Đơn vị"
GROUPS_SHEET = "Nhóm"
PERIODS_SHEET = "Kỳ báo cáo"
AREA_MARKER = "Mã lĩnh vực"
AREA_TITLE = "Tên lĩnh vực"
AREA_HEADING = "Tiêu đề phụ lục"

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
}
BEFORE_LABELS = {BEFORE_BY: "Hạn là chính ngày ghi", BEFORE_STRICT: "Hạn là ngày liền trước"}

UNIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("Mã đơn vị",),
    "name": ("Tên đơn vị",),
    "kind": ("Loại", "Loại đơn vị"),
    "aliases": ("Tên gọi khác", "Cách viết khác"),
    "groups": ("Thuộc nhóm",),
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
    "deadline": ("Thời gian hoàn thành", "Thời hạn", "Thời gian thực hiện"),
    "funding": ("Kinh phí",),
    "note": ("Ghi chú",),
}
_REQUIRED_AREA = ("id", "content", "product", "lead", "deadline")
# "Như trên" (as above) in a cell repeats the cell of the row above.
_SAME_AS_ABOVE = {"như trên", "nt", "n t"}
_ID_RE = re.compile(r"^[A-Za-z0-9_]+-[A-Za-z0-9_]+(?:\.\d+)?$")
_LIST_SPLIT = re.compile(r"[;\n]")
_CODE_SPLIT = re.compile(r"[;,\n]")

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


def _split(value: object, pattern: re.Pattern[str] = _LIST_SPLIT) -> list[str]:
    return [x.strip() for x in pattern.split(clean(value)) if x.strip()]


def _kind_labels(value: object) -> list[str]:
    """Kind labels of a group cell. The labels themselves hold commas ("Xã, phường, thị
    trấn"), so a piece between semicolons is taken whole when it is a label, and split
    at its commas otherwise ("Phòng ban, Xã")."""
    labels = {fold_ascii(x).lower() for x in KIND_LABELS.values()}
    out = []
    for piece in _split(value):
        if fold_ascii(piece).lower() in labels:
            out.append(piece)
        else:
            out.extend(_split(piece, _CODE_SPLIT))
    return out


@dataclass
class _Reader:
    """Collects findings while reading one master workbook."""

    path: str
    findings: list[Finding] = field(default_factory=list)

    def add(self, severity: str, code: str, message: str, sheet: str = "", cell: str = "",
            task: str = "", unit: str = "") -> None:
        self.findings.append(Finding(severity, code, message, file=self.path, sheet=sheet,
                                     cell=cell, task=task, unit=unit))

    formulas: dict[str, set[str]] = field(default_factory=dict)

    def text(self, ws: Worksheet, cell) -> str:
        """A cell's text, cleaned; flags legacy-encoded (TCVN3/VNI) text."""
        value = cell.value
        font = cell.font.name if cell.font else None
        if isinstance(value, str) and value.strip() and (legacy_font(font)
                                                         or looks_legacy(value)):
            cause = f"phông {font}" if legacy_font(font) else f"'{one_line(value)[:40]}'"
            self.add(F.ERROR, "legacy-encoding",
                     f"văn bản dùng bảng mã cũ TCVN3/VNI ({cause}): chuyển sang Unicode "
                     "(ví dụ bằng Unikey, chức năng chuyển mã) rồi lưu lại",
                     ws.title, cell.coordinate)
        return clean(value)

    def check_formula(self, ws: Worksheet, cell) -> None:
        """A formula whose result was never computed reads as empty: say so."""
        if cell.value is None and cell.coordinate in self.formulas.get(ws.title, ()):
            self.add(F.ERROR, "formula-no-value",
                     "ô có công thức nhưng chưa có giá trị đã tính: ghi thẳng nội dung, hoặc "
                     "mở tệp trong Excel/LibreOffice, lưu lại rồi chạy lại",
                     ws.title, cell.coordinate)


def _sheet(wb, title: str) -> Worksheet | None:
    key = match_key(title)
    return next((ws for ws in wb.worksheets if match_key(ws.title) == key), None)


def _table(reader: _Reader, ws: Worksheet, columns, key_field: str,
           required: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(max_row=min(ws.max_row, 15))]
    found = find_header(rows, columns, key_field)
    if not found:
        reader.add(F.ERROR, "missing-column",
                   f"không thấy dòng tiêu đề có cột '{columns[key_field][0]}'", ws.title)
        return None
    r, cols = found
    missing = [columns[f][0] for f in required if f not in cols]
    if missing:
        reader.add(F.ERROR, "missing-column",
                   "thiếu cột " + ", ".join(f"'{m}'" for m in missing)
                   + ": thêm lại cột với đúng tiêu đề như mẫu", ws.title, f"A{r + 1}")
        return None
    return r + 1, cols


def _rows(reader: _Reader, ws: Worksheet, header_row: int, cols: dict[str, int]):
    """(row number, {field: text}, {field: cell}) for each non-empty row under the header."""
    for row in ws.iter_rows(min_row=header_row + 1):
        cells = {f: row[i] for f, i in cols.items() if i < len(row)}
        if all(c.value in (None, "") for c in cells.values()):
            continue
        for c in cells.values():
            reader.check_formula(ws, c)
        values = {f: reader.text(ws, c) if isinstance(c.value, str) else c.value
                  for f, c in cells.items()}
        yield row[0].row, values, cells


def _read_plan(reader: _Reader, wb) -> Plan:
    ws = _sheet(wb, PLAN_SHEET)
    if ws is None:
        raise MasterError(f"thiếu trang '{PLAN_SHEET}'", file=reader.path,
                          hint="tạo bảng kế hoạch mới bằng 'cchc-xl init' để xem mẫu")
    labels = {match_key(s): f for f, spellings in PLAN_FIELDS.items() for s in spellings}
    values: dict[str, object] = {}
    cells: dict[str, str] = {}
    for row in ws.iter_rows(max_col=2):
        name = labels.get(match_key(row[0].value)) if row[0].value else None
        if name and len(row) > 1:
            values[name] = row[1].value
            cells[name] = row[1].coordinate
    for f in ("authority", "title", "year"):
        if clean(values.get(f)) == "":
            reader.add(F.ERROR, "plan-field-missing",
                       f"chưa ghi '{PLAN_FIELDS[f][0]}'", ws.title, cells.get(f, ""))
    year_text = one_line(values.get("year"))
    year = int(float(year_text)) if re.fullmatch(r"\d{4}(\.0)?", year_text) else 0
    if year_text and not year:
        reader.add(F.ERROR, "plan-year-invalid",
                   f"năm kế hoạch '{year_text}' không hợp lệ: ghi 4 chữ số, ví dụ 2024",
                   ws.title, cells.get("year", ""))
    issued_raw = values.get("issued")
    issued = to_date(issued_raw)
    if clean(issued_raw) and issued is None:
        reader.add(F.WARNING, "date-invalid",
                   f"ngày ban hành '{clean(issued_raw)}' không đọc được: ghi dạng dd/mm/yyyy",
                   ws.title, cells.get("issued", ""))
    before_text = match_key(values.get("before") or "")
    before = BEFORE_BY
    for code, label in BEFORE_LABELS.items():
        if before_text == match_key(label) or before_text == code:
            before = code
    return Plan(
        authority=one_line(values.get("authority")),
        title=one_line(values.get("title")),
        year=year,
        number=one_line(values.get("number")),
        issued=issued,
        attachment=clean(values.get("attachment")),
        appendix_title=clean(values.get("appendix_title")),
        code=one_line(values.get("code")),
        before=before,
    )


def _read_units(reader: _Reader, wb) -> tuple[list[Unit], dict[str, str]]:
    """The registry's units, and the cell of each unit's "Thuộc nhóm" entry."""
    ws = _sheet(wb, UNITS_SHEET)
    if ws is None:
        raise MasterError(f"thiếu trang '{UNITS_SHEET}' (danh sách đơn vị)", file=reader.path)
    table = _table(reader, ws, UNIT_COLUMNS, "code", ("code", "name", "kind"))
    if not table:
        return [], {}
    header_row, cols = table
    units: list[Unit] = []
    group_cells: dict[str, str] = {}
    seen: dict[str, int] = {}
    for r, v, c in _rows(reader, ws, header_row, cols):
        code = one_line(v.get("code"))
        if not code:
            reader.add(F.ERROR, "unit-code-missing", "đơn vị chưa có mã", ws.title,
                       c["code"].coordinate)
            continue
        if code in seen:
            reader.add(F.ERROR, "unit-duplicate",
                       f"mã đơn vị '{code}' trùng với dòng {seen[code]}", ws.title,
                       c["code"].coordinate)
            continue
        seen[code] = r
        kind = parse_kind(v.get("kind"))
        if kind is None:
            reader.add(F.ERROR, "unit-kind-unknown",
                       f"loại đơn vị '{one_line(v.get('kind'))}' không rõ: chọn một trong "
                       + ", ".join(KIND_LABELS.values()), ws.title, c["kind"].coordinate)
            kind = OTHER
        units.append(Unit(code=code, name=one_line(v.get("name")), kind=kind,
                          aliases=_split(v.get("aliases")),
                          groups=_split(v.get("groups"), _CODE_SPLIT), row=r))
        if "groups" in c:
            group_cells[code] = c["groups"].coordinate
    return units, group_cells


def _link_groups(reader: _Reader, units: list[Unit], groups: list[Group],
                 cells: dict[str, str]) -> None:
    """Turn each unit's "Thuộc nhóm" entries (a group code or name) into group codes."""
    by_key = {g.code.casefold(): g.code for g in groups}
    for g in groups:
        for name in (g.name, *g.spellings):
            by_key.setdefault(match_key(name), g.code)
    for unit in units:
        linked = []
        for entry in unit.groups:
            code = by_key.get(entry.casefold()) or by_key.get(match_key(entry))
            if code is None:
                reader.add(F.ERROR, "group-unknown",
                           f"đơn vị '{unit.code}' ghi thuộc nhóm '{entry}' không có trong trang "
                           f"'{GROUPS_SHEET}': ghi mã nhóm (ví dụ "
                           f"{', '.join(g.code for g in groups[:3]) or 'XA'})",
                           UNITS_SHEET, cells.get(unit.code, ""), unit=unit.code)
            else:
                linked.append(code)
        unit.groups = list(dict.fromkeys(linked))


def _read_groups(reader: _Reader, wb, units: list[Unit]) -> list[Group]:
    ws = _sheet(wb, GROUPS_SHEET)
    if ws is None:
        reader.add(F.NOTE, "missing-sheet",
                   f"không có trang '{GROUPS_SHEET}': không tên nhóm nào được mở rộng")
        return []
    table = _table(reader, ws, GROUP_COLUMNS, "code", ("code", "name"))
    if not table:
        return []
    header_row, cols = table
    codes = {u.code for u in units}
    groups = []
    for r, v, c in _rows(reader, ws, header_row, cols):
        code = one_line(v.get("code"))
        if not code:
            reader.add(F.ERROR, "group-code-missing", "nhóm chưa có mã", ws.title, f"A{r}")
            continue
        kinds = []
        for label in _kind_labels(v.get("kinds")):
            kind = parse_kind(label)
            if kind is None:
                reader.add(F.ERROR, "unit-kind-unknown",
                           f"loại đơn vị '{label}' không rõ: ghi một hoặc nhiều loại, cách nhau "
                           f"bởi dấu chấm phẩy: {'; '.join(KIND_LABELS.values())}",
                           ws.title, c["kinds"].coordinate)
            elif kind not in kinds:
                kinds.append(kind)
        members = _split(v.get("members"), _CODE_SPLIT)
        for m in members:
            if m not in codes:
                reader.add(F.ERROR, "group-member-unknown",
                           f"nhóm '{code}' ghi đơn vị '{m}' không có trong trang '{UNITS_SHEET}'",
                           ws.title, c["members"].coordinate)
        groups.append(Group(code=code, name=one_line(v.get("name")),
                            spellings=_split(v.get("spellings")), kinds=kinds,
                            members=[m for m in members if m in codes],
                            note=one_line(v.get("note")), row=r))
    return groups


def _read_periods(reader: _Reader, wb) -> list[Period]:
    ws = _sheet(wb, PERIODS_SHEET)
    if ws is None:
        reader.add(F.ERROR, "missing-sheet", f"thiếu trang '{PERIODS_SHEET}'")
        return []
    table = _table(reader, ws, PERIOD_COLUMNS, "code", tuple(PERIOD_COLUMNS))
    if not table:
        return []
    header_row, cols = table
    periods = []
    seen: dict[str, int] = {}
    for r, v, c in _rows(reader, ws, header_row, cols):
        code = one_line(v.get("code")).upper()
        if code in seen:
            reader.add(F.ERROR, "period-duplicate",
                       f"mã kỳ '{one_line(v.get('code'))}' trùng với dòng {seen[code]}: "
                       "mỗi kỳ một mã", ws.title, c["code"].coordinate)
            continue
        seen[code] = r
        days: dict[str, date] = {}
        for f in ("start", "cutoff", "due"):
            day = to_date(v.get(f))
            if day is None:
                reader.add(F.ERROR, "period-invalid",
                           f"kỳ '{one_line(v.get('code'))}': ngày '{one_line(v.get(f))}' "
                           "không hợp lệ, ghi dạng dd/mm/yyyy", ws.title, c[f].coordinate)
            else:
                days[f] = day
        if len(days) < 3:
            continue
        if not days["start"] <= days["cutoff"] <= days["due"]:
            reader.add(F.ERROR, "period-invalid",
                       f"kỳ '{one_line(v.get('code'))}': cần Từ ngày ≤ Đến ngày ≤ Hạn nộp",
                       ws.title, f"A{r}")
            continue
        periods.append(Period(code=one_line(v.get("code")), name=one_line(v.get("name")),
                              row=r, **days))
    return periods


def _area_sheets(wb) -> list[Worksheet]:
    return [ws for ws in wb.worksheets
            if match_key(ws.cell(1, 1).value or "") == match_key(AREA_MARKER)]


def _read_area(reader: _Reader, ws: Worksheet, plan: Plan, registry: Registry,
               ids: dict[str, str]) -> Area:
    code = one_line(ws.cell(1, 2).value)
    title = one_line(ws.cell(2, 2).value) or ws.title
    heading = one_line(ws.cell(3, 2).value)
    if not code:
        reader.add(F.ERROR, "area-code-missing", "chưa ghi mã lĩnh vực", ws.title, "B1")
    area = Area(code=code, title=title, sheet=ws.title, heading=heading)
    table = _table(reader, ws, AREA_COLUMNS, "id", _REQUIRED_AREA)
    if not table:
        return area
    header_row, cols = table
    task: Task | None = None
    previous: Deliverable | None = None
    for r, v, c in _rows(reader, ws, header_row, cols):
        did = one_line(v.get("id"))
        if not did:
            reader.add(F.ERROR, "id-missing",
                       "dòng có nội dung nhưng chưa có mã nhiệm vụ: ghi mã, ví dụ "
                       f"{code or 'TC'}-01 (thêm .2, .3 cho sản phẩm tiếp theo của cùng nhiệm vụ)",
                       ws.title, c["id"].coordinate)
            continue
        if not _ID_RE.match(did):
            reader.add(F.ERROR, "id-invalid",
                       f"mã '{did}' không đúng dạng LĨNHVỰC-SỐ hoặc LĨNHVỰC-SỐ.SỐ (ví dụ TC-01.2)",
                       ws.title, c["id"].coordinate, task=did)
            continue
        if did in ids:
            reader.add(F.ERROR, "id-duplicate", f"mã '{did}' đã dùng ở {ids[did]}",
                       ws.title, c["id"].coordinate, task=did)
            continue
        ids[did] = f"trang '{ws.title}' ô {c['id'].coordinate}"
        tid = task_id_of(did)
        if task is None or task.id != tid:
            if any(t.id == tid for t in area.tasks):
                reader.add(F.ERROR, "id-not-contiguous",
                           f"các dòng của nhiệm vụ '{tid}' phải liền nhau", ws.title,
                           c["id"].coordinate, task=did)
            task = Task(id=tid, number=one_line(v.get("number")),
                        content=clean(v.get("content")))
            area.tasks.append(task)
            if not task.content:
                reader.add(F.ERROR, "content-missing", "chưa ghi nội dung nhiệm vụ", ws.title,
                           c["content"].coordinate, task=did)
        first = task.deliverables[0] if task.deliverables else None
        above = previous  # the row above in this sheet (None on the first row)
        texts = {}
        for fld in ("lead", "support"):
            own = clean(v.get(fld))
            if match_key(own) in _SAME_AS_ABOVE and above is not None:
                texts[fld] = getattr(above, f"{fld}_text")
            else:
                texts[fld] = own or (getattr(first, f"{fld}_text") if first else "")
        lead_text, support_text = texts["lead"], texts["support"]
        lead_res = registry.resolve(lead_text)
        support_res = registry.resolve(support_text)
        for res, fld in ((lead_res, "lead"), (support_res, "support")):
            # A row that only inherits its task's cell is not reported again.
            if clean(v.get(fld)) and match_key(clean(v.get(fld))) not in _SAME_AS_ABOVE:
                _report_resolution(reader, registry, res, ws.title, c.get(fld), did)
        lead = lead_res.units_with_role(LEAD, LEAD) + support_res.units_with_role(LEAD, SUPPORT)
        lead = list(dict.fromkeys(lead))
        support = [u for u in dict.fromkeys(lead_res.units_with_role(SUPPORT, LEAD)
                                            + support_res.units_with_role(SUPPORT, SUPPORT))
                   if u not in lead]
        if not lead and not lead_res.unresolved:
            reader.add(F.ERROR, "lead-missing",
                       "nhiệm vụ chưa có đơn vị chủ trì cụ thể: ghi tên đơn vị hoặc nhóm có "
                       "trong trang 'Đơn vị'/'Nhóm'", ws.title, c["lead"].coordinate, task=did)
        dcell = c["deadline"].coordinate
        raw_deadline = v.get("deadline")
        if isinstance(raw_deadline, str) and match_key(raw_deadline) in _SAME_AS_ABOVE and above:
            raw_deadline = above.deadline.raw
        elif isinstance(raw_deadline, int | float | date) and not isinstance(raw_deadline, bool):
            typed = to_date(raw_deadline)
            if typed is not None:
                raw_deadline = typed
                if typed.day <= 12:
                    reader.add(F.NOTE, "deadline-typed-date",
                               f"thời hạn nhập dạng ngày ({typed:%d/%m/%Y}): ngày và tháng có thể "
                               "bị đảo tùy cài đặt máy, kiểm tra lại hoặc ghi dạng chữ "
                               "'Trước dd/mm/yyyy'", ws.title, dcell, task=did)
        deadline = parse_deadline(raw_deadline, plan.year or None, plan.before)
        if deadline.is_empty:
            reader.add(F.WARNING, "deadline-missing", "chưa ghi thời gian hoàn thành",
                       ws.title, dcell, task=did)
        for part in deadline.parts:
            if part.kind == UNKNOWN:
                reader.add(F.ERROR, "deadline-unparsed",
                           f"không hiểu thời hạn '{part.text}': ghi theo dạng 'Trước 15/11/2023', "
                           "'Tháng 11/2023', 'Quý IV/2023', 'Năm 2023', 'Thường xuyên' hoặc "
                           "'Định kỳ hàng quý'", ws.title, dcell, task=did)
        product = clean(v.get("product"))
        if not product:
            reader.add(F.WARNING, "product-missing", "chưa ghi sản phẩm/kết quả", ws.title,
                       c["product"].coordinate, task=did)
        previous = Deliverable(
            id=did, product=product, deadline=deadline,
            funding=clean(v.get("funding")) if "funding" in v else "",
            note=clean(v.get("note")) if "note" in v else "",
            lead_text=lead_text, support_text=support_text, lead=lead, support=support,
            sheet=ws.title, row=r)
        task.deliverables.append(previous)
    return area


def _where(registry: Registry, ref: tuple[str, str]) -> str:
    kind, code = ref
    if kind == UNIT_REF:
        return f"{code} (trang '{UNITS_SHEET}' dòng {registry.units[code].row})"
    return f"{code} (trang '{GROUPS_SHEET}' dòng {registry.groups[code].row})"


def _report_resolution(reader: _Reader, registry: Registry, res: Resolution, sheet: str,
                       cell, task: str) -> None:
    coord = cell.coordinate if cell is not None else ""
    for p in res.unresolved:
        refs = registry.candidates(p.text)
        if len(refs) > 1:
            reader.add(F.ERROR, "unit-ambiguous",
                       f"tên '{p.text}' chỉ nhiều đơn vị/nhóm: "
                       + ", ".join(_where(registry, r) for r in sorted(refs))
                       + ": sửa 'Tên gọi khác' cho khỏi trùng, hoặc ghi tên đầy đủ",
                       sheet, coord, task=task)
            continue
        hint = f" Có phải: {', '.join(p.suggestions)}?" if p.suggestions else ""
        reader.add(F.ERROR, "unit-unresolved",
                   f"không tìm thấy đơn vị hay nhóm '{p.text}' trong trang '{UNITS_SHEET}'/"
                   f"'{GROUPS_SHEET}': sửa tên hoặc thêm vào 'Tên gọi khác'.{hint}",
                   sheet, coord, task=task)
    for p in res.open_groups:
        reader.add(F.NOTE, "group-open",
                   f"'{p.text}' là nhóm mở, không giao cho đơn vị cụ thể nào", sheet, coord,
                   task=task)


def read_master(path: str | Path) -> tuple[Master, list[Finding]]:
    """Read a master workbook; structural problems raise, the rest are findings."""
    path = Path(path)
    reader = _Reader(str(path), formulas=_formula_cells(path))
    wb = open_workbook(path)
    try:
        plan = _read_plan(reader, wb)
        units, group_cells = _read_units(reader, wb)
        groups = _read_groups(reader, wb, units)
        _link_groups(reader, units, groups, group_cells)
        periods = _read_periods(reader, wb)
        registry = Registry(units, groups)
        for name, refs in registry.conflicts():
            reader.add(F.ERROR, "name-conflict",
                       f"tên '{name}' dùng cho nhiều đơn vị/nhóm: "
                       + ", ".join(_where(registry, r) for r in refs)
                       + ": mỗi tên hoặc tên gọi khác chỉ được thuộc một đơn vị", UNITS_SHEET)
        for g in groups:
            if not g.is_open and not registry.members(g.code):
                reader.add(F.WARNING, "group-empty", f"nhóm '{g.name}' không có đơn vị nào",
                           GROUPS_SHEET, f"A{g.row}")
        ids: dict[str, str] = {}
        areas = []
        seen_codes: set[str] = set()
        sheets = _area_sheets(wb)
        if not sheets:
            reader.add(F.ERROR, "missing-sheet",
                       f"không có trang lĩnh vực nào (trang có ô A1 '{AREA_MARKER}')")
        for ws in sheets:
            if len(ws.title) > SHEET_NAME_MAX:
                reader.add(F.WARNING, "sheet-name-too-long",
                           f"tên trang dài {len(ws.title)} ký tự, Excel chỉ cho phép "
                           f"{SHEET_NAME_MAX}: đặt tên ngắn hơn (tên đầy đủ ghi ở ô B2)", ws.title)
            area = _read_area(reader, ws, plan, registry, ids)
            if area.code in seen_codes:
                reader.add(F.ERROR, "area-duplicate", f"mã lĩnh vực '{area.code}' bị trùng",
                           ws.title, "B1")
            seen_codes.add(area.code)
            areas.append(area)
    finally:
        wb.close()
    master = Master(plan=plan, units=units, groups=groups, periods=periods, areas=areas,
                    path=str(path))
    return master, reader.findings


def _formula_cells(path: Path) -> dict[str, set[str]]:
    """Coordinates of formula cells per sheet (their cached values are read elsewhere)."""
    wb = open_workbook(path, read_only=True, data_only=False)
    try:
        return {ws.title: {c.coordinate for row in ws.iter_rows() for c in row
                           if getattr(c, "data_type", None) == "f"}
                for ws in wb.worksheets}
    finally:
        wb.close()


def check_master(path: str | Path) -> list[Finding]:
    """Every problem of a master workbook, as findings (structural ones included)."""
    try:
        return read_master(path)[1]
    except WorkbookError as exc:
        return [Finding(F.ERROR, "master-unreadable", exc.message, file=exc.file or str(path),
                        sheet=exc.sheet or "", cell=exc.cell or "")]


def load_master(path: str | Path) -> Master:
    """A master that later steps can rely on; raises MasterError when it has errors."""
    master, found = read_master(path)
    errors = [f for f in found if f.severity == F.ERROR]
    if errors:
        first = errors[0]
        raise MasterError(
            f"bảng kế hoạch có {len(errors)} lỗi, lỗi đầu tiên: {first.message}",
            file=str(path), sheet=first.sheet or None, cell=first.cell or None,
            hint=f"chạy 'cchc-xl check {path}' để xem đủ danh sách",
        )
    return master


# --- writing ----------------------------------------------------------------------

def _fill_table(ws: Worksheet, columns: dict[str, tuple[str, ...]], key_field: str,
                rows: list[dict[str, object]]) -> None:
    """Write rows under the template's header, styled like the template's first data row."""
    grid = [tuple(c.value for c in row) for row in ws.iter_rows(max_row=15)]
    found = find_header(grid, columns, key_field)
    if found is None:
        raise MasterError(f"mẫu thiếu dòng tiêu đề '{columns[key_field][0]}'", sheet=ws.title)
    r, cols = found
    first = r + 2  # 1-based row of the first data row
    styles = {i: copy(ws.cell(first, i + 1)._style) for i in cols.values()}
    height = ws.row_dimensions[first].height
    if ws.max_row >= first:
        ws.delete_rows(first, ws.max_row - first + 1)
    for n, values in enumerate(rows):
        for name, i in cols.items():
            cell = ws.cell(first + n, i + 1, values.get(name))
            cell._style = copy(styles[i])
        if height:
            ws.row_dimensions[first + n].height = height


def _plan_values(plan: Plan) -> dict[str, object]:
    return {
        "code": plan.code, "authority": plan.authority, "title": plan.title,
        "number": plan.number, "issued": plan.issued, "year": plan.year,
        "attachment": plan.attachment, "appendix_title": plan.appendix_title,
        "before": BEFORE_LABELS[plan.before],
    }


def _fill_plan(ws: Worksheet, plan: Plan) -> None:
    labels = {match_key(s): f for f, spellings in PLAN_FIELDS.items() for s in spellings}
    values = _plan_values(plan)
    for row in ws.iter_rows(max_col=2):
        name = labels.get(match_key(row[0].value)) if row[0].value else None
        if name:
            row[1].value = values[name] if values[name] != "" else None


def _deliverable_rows(area: Area) -> list[dict[str, object]]:
    rows = []
    for task in area.tasks:
        for k, d in enumerate(task.deliverables):
            rows.append({
                "id": d.id, "number": task.number if k == 0 else None,
                "content": task.content if k == 0 else None, "product": d.product,
                "lead": d.lead_text if k == 0 or d.lead_text != task.deliverables[0].lead_text
                else None,
                "support": d.support_text
                if k == 0 or d.support_text != task.deliverables[0].support_text else None,
                "deadline": d.deadline.raw, "funding": d.funding or None, "note": d.note or None,
            })
    return rows


def write_master(master: Master, path: str | Path, template: str | Path | None = None) -> Path:
    """Write a master workbook from a model, taking layout and look from the template."""
    wb = open_workbook(template or template_path("master.xlsx"), data_only=False)
    _fill_plan(_sheet(wb, PLAN_SHEET), master.plan)
    _fill_table(_sheet(wb, UNITS_SHEET), UNIT_COLUMNS, "code", [
        {"code": u.code, "name": u.name, "kind": KIND_LABELS[u.kind],
         "aliases": "\n".join(u.aliases) or None, "groups": "; ".join(u.groups) or None}
        for u in master.units])
    _fill_table(_sheet(wb, GROUPS_SHEET), GROUP_COLUMNS, "code", [
        {"code": g.code, "name": g.name, "spellings": "\n".join(g.spellings) or None,
         "kinds": "; ".join(KIND_LABELS[k] for k in g.kinds) or None,
         "members": "; ".join(g.members) or None, "note": g.note or None}
        for g in master.groups])
    _fill_table(_sheet(wb, PERIODS_SHEET), PERIOD_COLUMNS, "code", [
        {"code": p.code, "name": p.name, "start": p.start, "cutoff": p.cutoff, "due": p.due}
        for p in master.periods])
    model_sheet = _area_sheets(wb)[0]
    model_sheet.title = "_model"  # frees the template's name for an area sheet
    for area in master.areas:
        ws = wb.copy_worksheet(model_sheet)
        ws.title = area.sheet
        ws["B1"], ws["B2"], ws["B3"] = area.code, area.title, area.heading or None
        _fill_table(ws, AREA_COLUMNS, "id", _deliverable_rows(area))
        _copy_sheet_setup(model_sheet, ws)
    wb.remove(model_sheet)
    wb.active = 0
    return save_workbook(wb, path)


def _copy_sheet_setup(source: Worksheet, target: Worksheet) -> None:
    """What copy_worksheet leaves out: print setup, freeze panes, protection-free view."""
    target.freeze_panes = source.freeze_panes
    target.page_setup.orientation = source.page_setup.orientation
    target.page_setup.paperSize = source.page_setup.paperSize
    target.page_setup.fitToWidth = source.page_setup.fitToWidth
    target.page_setup.fitToHeight = source.page_setup.fitToHeight
    target.sheet_properties.pageSetUpPr = copy(source.sheet_properties.pageSetUpPr)
    target.print_title_rows = source.print_title_rows
    target.page_margins = copy(source.page_margins)



def init_master(path: str | Path, year: int | None = None) -> Path:
    """A new master from the template, with the default reporting periods of ``year``."""
    from .periods import default_periods

    template = template_path("master.xlsx")
    master, _ = read_master(template)
    if year:
        master.plan.year = year
        master.plan.title = f"Kế hoạch cải cách hành chính năm {year}"
        master.periods = default_periods(year)
    return write_master(master, path, template=template)
