"""Reading one reform-area sheet: tasks, their products, units and deadlines."""

from __future__ import annotations

import re
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

from .. import findings as F
from ..deadlines import UNKNOWN, parse_deadline
from ..model import LEAD, SUPPORT, Area, Deliverable, Plan, Task, task_id_of
from ..text import clean, match_key, one_line
from ..units import UNIT as UNIT_REF
from ..units import Registry, Resolution
from ..xlio import to_date
from .layout import AREA_COLUMNS, GROUPS_SHEET, UNITS_SHEET
from .reader import Reader, find_table, table_rows

_REQUIRED_AREA = ("id", "content", "product", "lead", "deadline")
# "Như trên" (as above) in a cell repeats the cell of the row above.
_SAME_AS_ABOVE = {"như trên", "nt", "n t"}
_ID_RE = re.compile(r"^[A-Za-z0-9_]+-[A-Za-z0-9_]+(?:\.\d+)?$")


def read_area(reader: Reader, ws: Worksheet, plan: Plan, registry: Registry,
               ids: dict[str, str]) -> Area:
    code = one_line(ws.cell(1, 2).value)
    title = one_line(ws.cell(2, 2).value) or ws.title
    heading = one_line(ws.cell(3, 2).value)
    if not code:
        reader.add(F.ERROR, "area-code-missing", "chưa ghi mã lĩnh vực", ws.title, "B1")
    area = Area(code=code, title=title, sheet=ws.title, heading=heading)
    table = find_table(reader, ws, AREA_COLUMNS, "id", _REQUIRED_AREA)
    if not table:
        return area
    header_row, cols = table
    task: Task | None = None
    previous: Deliverable | None = None
    for r, v, c in table_rows(reader, ws, header_row, cols):
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


def where(registry: Registry, ref: tuple[str, str]) -> str:
    kind, code = ref
    if kind == UNIT_REF:
        return f"{code} (trang '{UNITS_SHEET}' dòng {registry.units[code].row})"
    return f"{code} (trang '{GROUPS_SHEET}' dòng {registry.groups[code].row})"


def _report_resolution(reader: Reader, registry: Registry, res: Resolution, sheet: str,
                       cell, task: str) -> None:
    coord = cell.coordinate if cell is not None else ""
    for p in res.unresolved:
        refs = registry.candidates(p.text)
        if len(refs) > 1:
            reader.add(F.ERROR, "unit-ambiguous",
                       f"tên '{p.text}' chỉ nhiều đơn vị/nhóm: "
                       + ", ".join(where(registry, r) for r in sorted(refs))
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
