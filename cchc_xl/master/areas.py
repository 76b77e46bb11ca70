"""Reading one reform-area sheet: tasks, their products, units and deadlines."""

from __future__ import annotations

import calendar
import re
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

from .. import clock
from ..deadlines import UNDATED, UNKNOWN, impossible_dates, month_first, parse_deadline
from ..deadlines.counts import counts_working_days
from ..deadlines.holidays import year_clash
from ..deadlines.lunar import year_name
from ..findings import Finding
from ..model import ID_PATTERN, Area, Deliverable, Heading, Plan, Task, parent_id_of, task_id_of
from ..text import clean, fold_ascii, match_key, one_line, short_list
from ..unit_names import places_in, places_named
from ..units import GROUP, Registry, Resolution
from ..units import UNIT as UNIT_REF
from ..vocab import (
    ANNUAL,
    ERROR,
    LATE,
    LEAD,
    MONTHLY,
    NOTE,
    PLACES_GROUP_RE,
    RECURRENCE_LABELS,
    SEMIANNUAL,
    SUPPORT,
    TIMELINESS_LABELS,
    WARNING,
)
from ..xlio import to_date
from .layout import AREA_COLUMNS, GROUPS_SHEET, UNITS_SHEET
from .reader import Reader, find_table, table_rows

_REQUIRED_AREA = ("id", "content", "product", "lead", "deadline")
# "Như trên" (as above) in a cell repeats the cell of the row above.
SAME_AS_ABOVE = {"như trên", "nt", "n t"}


# A TT written the way sub-tasks are numbered: "6.1", "6.1.", "a)", "b.".
_SUB_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)+\.?|[a-zđ][).])$", re.IGNORECASE)
# An area heading numbered as tasks are: "1. CẢI CÁCH THỂ CHẾ", "2) ...".
_AREA_NUMERAL = re.compile(r"^\s*(\d{1,2})\s*[.):]\s")
# An open group of a commune's places ("các thôn, bản", "Trưởng các tổ dân phố"): no unit
# lists them until the user does, so their share of the work is sent to nobody.
_PLACES = re.compile(PLACES_GROUP_RE, re.IGNORECASE)


def numbered_in_area(number: str, heading: str) -> bool:
    """"1.2" under the area heading "1. CẢI CÁCH THỂ CHẾ": the area's second task,
    numbered after its area as many plans number them, not a sub-task."""
    m = _AREA_NUMERAL.match(heading or "")
    return bool(m) and re.fullmatch(rf"{m[1]}\.\d{{1,3}}\.?", number.strip()) is not None
# Cells that give work to someone: a heading row of sub-tasks leaves them empty.
_ASSIGNMENT = ("product", "lead", "support", "deadline", "funding")

# How a product without a single due date is counted each period (assessment.judge).
_EACH_PERIOD = ("ở mỗi kỳ báo cáo, kết quả đơn vị báo cáo (đang thực hiện hoặc đã hoàn thành) "
                "có tài liệu kiểm chứng được tính là thực hiện đúng tiến độ, không có thì được "
                "đánh dấu 'Cần đánh giá' để cơ quan tổng hợp đánh giá Đạt / Chưa đạt")


def is_blank_area(ws: Worksheet) -> bool:
    """An area sheet with no code, no title and nothing below (a new master's)."""
    return not any(clean(v) for row in ws.iter_rows(min_row=1, max_row=3, min_col=2,
                                                  values_only=True) for v in row) and not any(
        clean(v) for row in ws.iter_rows(min_row=4, values_only=True) for v in row
        if not _is_header_text(v))


def _is_header_text(value: object) -> bool:
    return match_key(clean(value)) in _HEADER_KEYS


_HEADER_KEYS = {match_key(s) for spellings in AREA_COLUMNS.values() for s in spellings}

# An area code as the ids of its tasks begin with it (model.ID_PATTERN): letters without
# diacritics, digits, "_". Ids name rows in the units' files, their identity and file names,
# so a code such as "CĐ" is refused at B1 rather than accepted in some places only.
_AREA_CODE = re.compile(r"[A-Za-z0-9_]+")


def _plain(text: str) -> str:
    """ "CĐ" -> "CD", "CĐ-01" -> "CD-01": a code written with letters ids cannot hold."""
    return re.sub(r"[^A-Za-z0-9_.\-]", "", fold_ascii(text))


def read_area(reader: Reader, ws: Worksheet, plan: Plan, registry: Registry,
               ids: dict[str, str]) -> Area:
    code = one_line(ws.cell(1, 2).value)
    named = one_line(ws.cell(2, 2).value)
    title = named or ws.title
    heading = one_line(ws.cell(3, 2).value)
    example = code if _AREA_CODE.fullmatch(code) else re.sub(r"\W", "", _plain(code)) or "TC"
    if not code:
        reader.add(ERROR, "area-code-missing", "chưa ghi mã lĩnh vực", ws.title, "B1")
    elif code != example:
        reader.add(ERROR, "area-code-invalid",
                   f"mã lĩnh vực '{code}' có ký tự không dùng được trong mã nhiệm vụ (chỉ gồm "
                   f"chữ không dấu, số và '_'): ghi '{example}' và đặt mã nhiệm vụ "
                   f"{example}-01, {example}-02...", ws.title, "B1")
    if not named:
        reader.add(WARNING, "area-title-missing",
                   f"chưa ghi tên lĩnh vực ở ô B2: báo cáo và phụ lục đang lấy tên trang "
                   f"'{ws.title}' làm tên lĩnh vực; ghi tên đầy đủ của lĩnh vực vào ô B2, ví dụ "
                   "'Cải cách thể chế'", ws.title, "B2")
    area = Area(code=code, title=title, sheet=ws.title, heading=heading)
    table = find_table(reader, ws, AREA_COLUMNS, "id", _REQUIRED_AREA)
    if not table:
        return area
    header_row, cols = table
    rows = list(table_rows(reader, ws, header_row, cols, strays=True))
    # Ids that head sub-tasks ("TC-06" when "TC-06-1" exists): their rows are headings.
    parents = {parent_id_of(task_id_of(one_line(v.get("id")))) for _, v, _ in rows} - {""}
    task: Task | None = None
    current: Heading | None = None  # the heading whose sub-tasks may follow
    previous: Deliverable | None = None
    orphans: dict[str, list] = {}  # sub-task numbers with no task above: _orphan_fix
    for r, v, c in rows:
        did = one_line(v.get("id"))
        if not did:
            reader.add(ERROR, "id-missing",
                       "dòng có nội dung nhưng chưa có mã nhiệm vụ: ghi mã, ví dụ "
                       f"{example}-01 (thêm .2, .3 cho sản phẩm tiếp theo của cùng nhiệm "
                       f"vụ; {example}-06-1, -06-2 cho nhiệm vụ con dưới dòng tiêu đề "
                       f"{example}-06)", ws.title, c["id"].coordinate)
            continue
        if not ID_PATTERN.match(did):
            plain = _plain(did)
            fix = f": ghi '{plain}'" if plain != did and ID_PATTERN.match(plain) else ""
            reader.add(ERROR, "id-invalid",
                       f"mã '{did}' không đúng dạng LĨNHVỰC-SỐ (TC-01), LĨNHVỰC-SỐ.SỐ cho sản "
                       "phẩm tiếp theo (TC-01.2) hoặc LĨNHVỰC-SỐ-SỐ cho nhiệm vụ con (TC-06-1), "
                       f"chỉ gồm chữ không dấu và số{fix}", ws.title, c["id"].coordinate, task=did)
            continue
        if did in ids:
            reader.add(ERROR, "id-duplicate",
                       f"mã '{did}' đã dùng ở {ids[did]}: mỗi nhiệm vụ, sản phẩm một mã; đổi "
                       "mã ở một trong hai dòng cho khác nhau (sản phẩm tiếp theo của cùng "
                       "nhiệm vụ: thêm .2, .3 sau mã nhiệm vụ)",
                       ws.title, c["id"].coordinate, task=did)
            continue
        ids[did] = f"trang '{ws.title}' ô {c['id'].coordinate}"
        tid = task_id_of(did)
        if tid in parents:
            current = _read_heading(reader, ws, area, did, v, c, r)
            task = None
            continue
        parent = parent_id_of(tid)
        if task is None or task.id != tid:
            if any(t.id == tid for t in area.tasks):
                reader.add(ERROR, "id-not-contiguous",
                           f"các dòng của nhiệm vụ '{tid}' phải liền nhau", ws.title,
                           c["id"].coordinate, task=did)
            task = Task(id=tid, number=one_line(v.get("number")),
                        content=clean(v.get("content")))
            area.tasks.append(task)
            if not task.content:
                reader.add(ERROR, "content-missing", "chưa ghi nội dung nhiệm vụ", ws.title,
                           c["content"].coordinate, task=did)
            if parent:
                _place_subtask(reader, ws, area, task, current, parent, c["id"].coordinate)
            else:
                current = None
                if _SUB_NUMBER.match(task.number) and not numbered_in_area(task.number,
                                                                          area.heading):
                    reader.add(WARNING, "number-looks-subtask",
                               f"TT '{task.number}' là số của nhiệm vụ con nhưng mã '{tid}' là "
                               f"nhiệm vụ độc lập: {_orphan_fix(area, task, orphans)}",
                               ws.title, c["number"].coordinate if "number" in c else "",
                               task=tid)
        else:
            _check_continuation(reader, ws, task, did, v, c)
        first = task.deliverables[0] if task.deliverables else None
        previous = _read_deliverable(reader, ws, plan, registry, did, v, c, r, first,
                                     previous)
        task.deliverables.append(previous)
    return area


def _parent_number(number: str) -> str:
    """ "2.1" -> "2", "1.2.3." -> "1.2": the number of the task a sub-task's number puts
    it under; "" for a letter ("a)"), which names none."""
    parts = number.strip().rstrip(".").split(".")
    return ".".join(parts[:-1]) if len(parts) > 1 else ""


def _same_number(a: str, b: str) -> bool:
    return a.strip().rstrip(".)") == b.strip().rstrip(".)") != ""


def _orphan_fix(area: Area, task: Task, orphans: dict[str, list]) -> str:
    """How to make a plain task numbered as a sub-task ("2.1") one, in this plan's codes:
    under the row its number names ("2": a heading, or a task of its own that becomes one),
    a letter ("a)") under the task above it; with no such row, under a new heading taking
    the first such task's code, its followers ("2.2") under the same. The hint said "CD-06-1
    … CD-06" whatever the plan held, an area and a task it may not have (a QA pass).
    ``orphans``: per parent number, [heading id, last sub-task number given, said how]."""
    wanted = _parent_number(task.number)
    earlier = [t for t in area.tasks[:-1] if not t.parent]
    if wanted:
        heading = next((h for h in reversed(area.headings) if _same_number(h.number, wanted)),
                       None)
        above = next((t for t in reversed(earlier) if _same_number(t.number, wanted)), None)
    else:
        heading = None
        above = next((t for t in reversed(earlier) if not _SUB_NUMBER.match(t.number)), None)
    key = wanted or (above.id if above else "")
    if key not in orphans:
        own = heading.id if heading else above.id if above else task.id
        taken = [int(sub) for t in area.tasks if t.parent == own
                 for sub in [t.id.rsplit("-", 1)[1]] if sub.isdigit()]
        orphans[key] = [own, max(taken, default=0), False]
    entry = orphans[key]
    entry[1] += 1
    parent, code = entry[0], f"{entry[0]}-{entry[1]}"
    said, entry[2] = entry[2], True
    if said:
        return f"đặt mã {code} (nhiệm vụ con tiếp theo dưới dòng tiêu đề {parent})"
    if heading is not None:
        return f"đặt mã {code} và chuyển dòng về dưới dòng tiêu đề {parent} (TT '{heading.number}')"
    if above is not None:
        return (f"đặt mã {code} và để dòng {parent} (TT '{above.number}') làm dòng tiêu đề: chỉ "
                "giữ TT và nội dung, chuyển sản phẩm, đơn vị, thời hạn xuống một nhiệm vụ con")
    number = f"TT '{wanted}' và nội dung" if wanted else "TT và nội dung"
    return f"đặt mã {code} và thêm dòng tiêu đề mã {parent} (chỉ có {number}) phía trên"


def _read_heading(reader: Reader, ws: Worksheet, area: Area, did: str, v: dict, c: dict,
                  r: int) -> Heading | None:
    """A row whose id heads sub-tasks: number and content only, never an assignment."""
    tid = task_id_of(did)
    if did != tid:
        reader.add(ERROR, "row-unplaced",
                   f"mã '{did}' là sản phẩm của '{tid}', nhưng '{tid}' là dòng tiêu đề của các "
                   f"nhiệm vụ con ({tid}-1, {tid}-2...): đặt mã nhiệm vụ con cho dòng này",
                   ws.title, c["id"].coordinate, task=did)
        return None
    filled = [f for f in _ASSIGNMENT if f in c and clean(v.get(f))]
    if filled:
        names = ", ".join(f"'{AREA_COLUMNS[f][0]}'" for f in filled)
        reader.add(ERROR, "heading-assigned",
                   f"dòng '{tid}' là tiêu đề của các nhiệm vụ con nên không giao việc, "
                   f"nhưng có ghi {names}: chuyển xuống từng nhiệm vụ con ({tid}-1, "
                   f"{tid}-2...) hoặc xóa", ws.title, c[filled[0]].coordinate, task=did)
    heading = Heading(id=tid, number=one_line(v.get("number")), content=clean(v.get("content")),
                      row=r)
    if not heading.content:
        reader.add(ERROR, "content-missing", "chưa ghi nội dung của dòng tiêu đề nhóm nhiệm vụ",
                   ws.title, c["content"].coordinate, task=did)
    area.headings.append(heading)
    return heading


def _place_subtask(reader: Reader, ws: Worksheet, area: Area, task: Task,
                   current: Heading | None, parent: str, cell: str) -> None:
    """A sub-task sits right under its heading (or its sibling sub-tasks)."""
    if current is not None and current.id == parent:
        task.parent = parent
        return
    if area.find_heading(parent) is None:
        why = f"không có dòng tiêu đề '{parent}' trong trang"
        fix = f"thêm dòng mã '{parent}' (chỉ ghi TT và nội dung) ngay phía trên"
    else:
        why = f"không nằm ngay dưới dòng tiêu đề '{parent}'"
        fix = "chuyển các dòng nhiệm vụ con về liền dưới dòng tiêu đề"
    reader.add(ERROR, "subtask-unplaced", f"nhiệm vụ con '{task.id}' {why}: {fix}",
               ws.title, cell, task=task.id)


def _check_continuation(reader: Reader, ws: Worksheet, task: Task, did: str, v: dict,
                        c: dict) -> None:
    """A further product row of a task may not carry another task's number or content
    (rows "6.1", "6.2" read as two products of one task would lose 6.2's content)."""
    number, content = one_line(v.get("number")), clean(v.get("content"))
    own_number = number and number != task.number
    own_content = content and match_key(content) != match_key(task.content)
    if not (own_number or own_content):
        return
    what = f"TT '{number}'" if own_number else f"nội dung '{one_line(content)[:50]}'"
    sub = f"{task.id}-{len(task.deliverables) + 1}"
    reader.add(ERROR, "row-unplaced",
               f"dòng '{did}' là sản phẩm thứ {len(task.deliverables) + 1} của nhiệm vụ "
               f"'{task.id}' nhưng ghi {what} riêng: nếu đây là nhiệm vụ con, đặt mã dạng "
               f"'{sub}' và thêm dòng tiêu đề '{task.id}'; nếu là sản phẩm của cùng nhiệm vụ, "
               "xóa TT và nội dung ở dòng này",
               ws.title, c["number" if own_number and "number" in c else "content"].coordinate,
               task=did)


def product_leads(lead_res: Resolution, support_res: Resolution, named_support: str
                  ) -> list[str]:
    """The units that lead a product, from its lead and coordinator cells as resolved
    (``named_support``: the plan's rule for a unit of a lead group named as coordinator).
    None, with nothing unresolved, is "lead-missing"; the import reads it so too
    (:mod:`cchc_xl.plan_import.unled`)."""
    lead = list(dict.fromkeys(lead_res.units_with_role(LEAD, LEAD)
                              + support_res.units_with_role(LEAD, SUPPORT)))
    if named_support != SUPPORT:
        return lead
    # A unit named as coordinator is not a lead only because a lead group holds it
    # ("Các sở, ban, ngành" | "Sở Tài chính"); named as lead too, it leads.
    named_lead = set(lead_res.units_with_role(LEAD, LEAD, named=True)
                     + support_res.units_with_role(LEAD, SUPPORT, named=True))
    named_as_support = set(lead_res.units_with_role(SUPPORT, LEAD, named=True)
                           + support_res.units_with_role(SUPPORT, SUPPORT, named=True))
    return [u for u in lead if u in named_lead or u not in named_as_support]


def _read_deliverable(reader: Reader, ws: Worksheet, plan: Plan, registry: Registry,
                      did: str, v: dict, c: dict, r: int, first: Deliverable | None,
                      above: Deliverable | None) -> Deliverable:
    """One product row; ``first`` is its task's first product, ``above`` the row above."""
    texts = {}
    for fld in ("lead", "support"):
        own = clean(v.get(fld))
        if match_key(own) in SAME_AS_ABOVE and above is not None:
            texts[fld] = getattr(above, f"{fld}_text")
        else:
            texts[fld] = own or (getattr(first, f"{fld}_text") if first else "")
    lead_text, support_text = texts["lead"], texts["support"]
    # Roles written in the cells ("A chủ trì, B phối hợp") are read as import reads them.
    lead_res = registry.resolve(lead_text, LEAD)
    support_res = registry.resolve(support_text, SUPPORT)
    lead = product_leads(lead_res, support_res, plan.named_support)
    for res, fld in ((lead_res, "lead"), (support_res, "support")):
        # A row that only inherits its task's cell is not reported again.
        if clean(v.get(fld)) and match_key(clean(v.get(fld))) not in SAME_AS_ABOVE:
            _report_resolution(reader, registry, res, ws.title, c.get(fld), did,
                               _lead_words(registry, lead))
    supports = list(dict.fromkeys(lead_res.units_with_role(SUPPORT, LEAD)
                                  + support_res.units_with_role(SUPPORT, SUPPORT)))
    support = [u for u in supports if u not in lead]
    if not lead and not lead_res.unresolved:
        empty = [p.text for p in lead_res.pieces if p.kind == GROUP and not p.units]
        reader.add(ERROR, "lead-missing",
                   f"nhiệm vụ chưa có đơn vị chủ trì cụ thể: nhóm '{empty[0]}' chưa có đơn vị "
                   "nào; ghi mã các đơn vị của nhóm ở cột 'Gồm các đơn vị' của trang 'Nhóm' "
                   "(thêm đơn vị chưa có vào trang 'Đơn vị'), hoặc ghi tên đơn vị chủ trì vào ô"
                   if empty else
                   "nhiệm vụ chưa có đơn vị chủ trì cụ thể: ghi tên đơn vị hoặc nhóm có "
                   "trong trang 'Đơn vị'/'Nhóm'", ws.title, c["lead"].coordinate, task=did)
    deadline = _read_deadline(reader, ws, plan, did, v.get("deadline"), c["deadline"], above)
    product = clean(v.get("product"))
    if not product:
        reader.add(WARNING, "product-missing", "chưa ghi sản phẩm/kết quả: ghi sản phẩm của "
                   "nhiệm vụ vào ô (văn bản, báo cáo… đơn vị phải hoàn thành)", ws.title,
                   c["product"].coordinate, task=did)
    return Deliverable(
        id=did, product=product, deadline=deadline,
        funding=clean(v.get("funding")) if "funding" in v else "",
        note=clean(v.get("note")) if "note" in v else "",
        lead_text=lead_text, support_text=support_text, lead=lead, support=support,
        sheet=ws.title, row=r)


def _read_deadline(reader: Reader, ws: Worksheet, plan: Plan, did: str, raw: object, cell,
                   above: Deliverable | None):
    dcell = cell.coordinate
    if isinstance(raw, str) and match_key(raw) in SAME_AS_ABOVE and above:
        raw = above.deadline.raw
    elif isinstance(raw, int | float | date) and not isinstance(raw, bool):
        typed = to_date(raw, epoch=reader.epoch)
        if typed is not None:
            raw = typed
            if typed.day <= 12:
                reader.add(NOTE, "deadline-typed-date",
                           f"thời hạn nhập dạng ngày ({typed:%d/%m/%Y}): ngày và tháng có thể "
                           "bị đảo tùy cài đặt máy, kiểm tra lại hoặc ghi dạng chữ "
                           "'Trước dd/mm/yyyy'", ws.title, dcell, task=did)
    deadline = parse_deadline(raw, plan.year or None, plan.before)
    if deadline.is_empty:
        reader.add(WARNING, "deadline-missing", "chưa ghi thời gian hoàn thành: ghi thời hạn "
                   "vào ô (ví dụ 'Quý II/2026', 'Trước 30/6/2026', 'Thường xuyên')",
                   ws.title, dcell, task=did)
    year = plan.year or clock.today().year
    issued = plan.issued_from
    for part in deadline.parts:
        bad = impossible_dates(part.text, plan.year or None) if part.kind == UNKNOWN else []
        if bad:
            reader.add(WARNING, "deadline-unparsed", _impossible(part.text, *bad[0]),
                       ws.title, dcell, task=did)
        elif part.kind == UNKNOWN and (clash := year_clash(part.text, plan.year or None)):
            named, written = clash
            reader.add(WARNING, "deadline-unparsed",
                       f"thời hạn '{part.text}': năm {written} là năm {year_name(written)}, "
                       f"không phải năm {named}, nên chưa biết hạn vào năm nào: giữ nguyên văn, "
                       "kết quả được đánh dấu 'Cần đánh giá'; sửa năm hoặc tên năm âm lịch cho "
                       f"khớp nhau (ví dụ 'Trước Tết Nguyên đán {year_name(year)} {year}')",
                       ws.title, dcell, task=did)
        elif part.kind == UNKNOWN:
            reader.add(WARNING, "deadline-unparsed",
                       f"không đọc được ngày hạn từ '{part.text}': giữ nguyên văn, kết quả được "
                       "đánh dấu 'Cần đánh giá'; nếu có hạn cụ thể, ghi theo dạng "
                       f"'Trước 15/11/{year}', 'Tháng 11/{year}', 'Quý IV/{year}', 'Năm {year}', "
                       "'Thường xuyên' hoặc 'Định kỳ hàng quý'", ws.title, dcell, task=did)
        elif part.kind in UNDATED and counts_working_days(part.text):
            reader.add(WARNING, "deadline-undated",
                       f"thời hạn '{part.text}' tính bằng ngày làm việc, mà trong khoảng đó có "
                       "thể có ngày nghỉ lễ, Tết (do Chính phủ quyết định từng năm): chưa tính "
                       f"được ngày hết hạn, giữ nguyên văn; {_EACH_PERIOD}; đã biết ngày hết hạn "
                       f"thì ghi ngày đó (ví dụ 'Trước 05/02/{year}')", ws.title, dcell,
                       task=did)
        elif part.kind in UNDATED:
            reader.add(WARNING, "deadline-undated",
                       f"thời hạn '{part.text}' không có ngày cụ thể (theo sự kiện, văn bản khác "
                       f"hoặc cả giai đoạn): giữ nguyên văn; {_EACH_PERIOD}", ws.title, dcell,
                       task=did)
        elif part.day_each_period:
            every = RECURRENCE_LABELS.get(part.recurrence or "", "định kỳ").lower()
            reader.add(WARNING, "deadline-undated",
                       f"thời hạn '{part.text}' được hiểu là nhiệm vụ định kỳ ({every}), ngày ghi "
                       f"trong đó không được xét: {_EACH_PERIOD}; nếu cần xét theo ngày, ghi các "
                       f"mốc cụ thể (ví dụ 'Trước {_dates_each(part, year)}')",
                       ws.title, dcell, task=did)
        # Of a year before the plan's: a year typed wrong. A date of the plan's own year
        # before its issue is none (a plan amended in June keeps its tasks due in March).
        if part.due and issued and part.due < issued and part.due.year < year:
            reader.add(WARNING, "deadline-before-issue",
                       f"thời hạn '{part.text}' ({part.due:%d/%m/%Y}) trước khi kế hoạch được ban "
                       f"hành ({_issue_text(plan)}): {_last_years(part, year)}", ws.title, dcell,
                       task=did)
        # Of a year before the plan's, not before its issue: "Trước ngày 31/12/2025" in a
        # plan of 2026 was imported with no word, the task overdue from the first day (a QA
        # pass). A warning when the issue is unknown; a note when the plan was issued that
        # year before the date: a plan issued in December sets work due by the year's
        # start (Nghĩa Hưng's "Kế hoạch ... năm 2023" due "Tháng 12/2022").
        elif part.due and plan.year and part.due.year < plan.year:
            if issued:
                reader.add(NOTE, "deadline-before-plan-year",
                           f"thời hạn '{part.text}' ({part.due:%d/%m/%Y}) trước năm kế hoạch "
                           f"{plan.year}, sau khi kế hoạch được ban hành ({_issue_text(plan)}): "
                           f"việc phải xong trước năm {plan.year} thì giữ nguyên, "
                           f"{_overdue(plan.year)}; nếu ghi nhầm năm, sửa lại"
                           f"{_in_year(part, plan.year)}", ws.title, dcell, task=did)
            else:
                reader.add(WARNING, "deadline-before-plan-year",
                           f"thời hạn '{part.text}' ({part.due:%d/%m/%Y}) trước năm kế hoạch "
                           f"{plan.year}: {_last_years(part, plan.year)}", ws.title, dcell,
                           task=did)
    dues = [p.due for p in deadline.parts if p.due]
    if dues and plan.year and min(dues).year > plan.year:
        # "Năm 2026 - 2027" in a plan of 2026: due at the range's end (a QA pass: said
        # nowhere, the task read "within time" in every report of the plan's year). Not
        # where a part is due within the plan's year: that one is judged.
        when = ", ".join(f"{d:%d/%m/%Y}" for d in sorted(set(dues)))
        reader.add(NOTE, "deadline-after-plan-year",
                   f"thời hạn '{deadline.raw}' được tính là {when}, sau năm kế hoạch "
                   f"{plan.year}: các báo cáo năm {plan.year} tính nhiệm vụ là chưa đến hạn; "
                   f"nếu phải xong trong năm {plan.year}, ghi mốc của năm đó (ví dụ 'Quý "
                   f"IV/{plan.year}')", ws.title, dcell, task=did)
    return deadline


_DAY_IN = re.compile(r"\bngày\s+(\d{1,2})\b", re.IGNORECASE)


def _dates_each(part, year: int) -> str:
    """The dates a "day of each period" deadline stands for, as an example to write:
    its own day ("ngày 20 của tháng cuối quý": 20/3, 20/6...), 25 when it says none."""
    m = _DAY_IN.search(part.text)
    day = int(m[1]) if m and 1 <= int(m[1]) <= 28 else 25
    if part.recurrence == MONTHLY:
        return f"{day}/1/{year}; {day}/2/{year}; …; {day}/12/{year}"
    months = {SEMIANNUAL: (6, 12), ANNUAL: (12,)}.get(part.recurrence or "", (3, 6, 9, 12))
    return "; ".join(f"{day}/{m}/{year}" for m in months)


def _impossible(text: str, day: int, month: int, year: int | None) -> str:
    """Why a deadline's date does not exist ("31/02/2026"), and what to write."""
    of_year = f"/{year}" if year else ""
    before = "Trước " if re.search(r"\btrước\b", text.lower()) else ""
    if 1 <= month <= 12:
        last = calendar.monthrange(year or 2000, month)[1]  # a leap year when none is written
        why = f"tháng {month:02d}{of_year} chỉ có {last} ngày"
        fix = (f"sửa lại ngày cho đúng (hạn là cuối tháng thì ghi "
               f"'{before}{last:02d}/{month:02d}{of_year}')")
    else:
        why = f"không có tháng {month}"
        fix = "sửa lại theo thứ tự ngày/tháng/năm"
        if month_first(day, month, year or 2000) is not None:  # month and day swapped
            fix += f" (có phải '{before}{month:02d}/{day:02d}{of_year}'?)"
    return (f"ngày {day:02d}/{month:02d}{of_year} trong thời hạn '{text}' không có thật ({why}): "
            f"{fix}; đến khi sửa, thời hạn được giữ nguyên văn và kết quả được đánh dấu "
            "'Cần đánh giá'")


def _in_year(part, year: int) -> str:
    """A deadline's text with the plan's year for the one written, as an example."""
    written = str(part.due.year)
    return f" (ví dụ '{part.text.replace(written, str(year))}')" if written in part.text else ""


def _overdue(year: int) -> str:
    return (f"chưa hoàn thành thì nhiệm vụ được tính là '{TIMELINESS_LABELS[LATE]}' ngay từ kỳ "
            f"báo cáo đầu tiên của năm {year}")


def _last_years(part, year: int) -> str:
    """What to do with a due date of a year before the plan's: the year to check, else
    the task kept as carried over from last year, counted overdue."""
    return (f"kiểm tra lại năm ghi trong kế hoạch{_in_year(part, year)}; nếu là nhiệm vụ năm "
            f"trước chuyển sang thì giữ nguyên, {_overdue(year)}")


def _issue_text(plan: Plan) -> str:
    if plan.issued:
        return f"ngày {plan.issued:%d/%m/%Y}"
    return f"tháng {plan.issued_from:%m/%Y}" if plan.issued_from else ""


def where(registry: Registry, ref: tuple[str, str]) -> str:
    kind, code = ref
    if kind == UNIT_REF:
        return f"{code} (trang '{UNITS_SHEET}' dòng {registry.units[code].row})"
    return f"{code} (trang '{GROUPS_SHEET}' dòng {registry.groups[code].row})"


def _lead_words(registry: Registry, codes: list[str]) -> str:
    """ "đơn vị chủ trì (Công an phường, Phòng Kinh tế)": the lead units ``codes``."""
    names = [registry.units[c].name for c in codes if c in registry.units]
    return f"đơn vị chủ trì ({', '.join(names)})" if names else ""


def _report_resolution(reader: Reader, registry: Registry, res: Resolution, sheet: str,
                       cell, task: str, leads: str = "") -> None:
    coord = cell.coordinate if cell is not None else ""
    for p in res.unresolved:
        refs = registry.candidates(p.text)
        if len(refs) > 1:
            reader.add(ERROR, "unit-ambiguous",
                       f"tên '{p.text}' chỉ nhiều đơn vị/nhóm: "
                       + ", ".join(where(registry, r) for r in sorted(refs))
                       + ": sửa 'Tên gọi khác' cho khỏi trùng, hoặc ghi tên đầy đủ",
                       sheet, coord, task=task)
            continue
        hint = f" Có phải: {', '.join(p.suggestions)}?" if p.suggestions else ""
        reader.add(ERROR, "unit-unresolved",
                   f"không tìm thấy đơn vị hay nhóm '{p.text}' trong trang '{UNITS_SHEET}'/"
                   f"'{GROUPS_SHEET}': đơn vị chưa có thì thêm một dòng vào trang "
                   f"'{UNITS_SHEET}' (mã, tên, loại đơn vị); đã có nhưng viết khác thì sửa tên "
                   "cho đúng, hoặc ghi cách viết này vào cột 'Tên gọi khác' của đơn vị đó."
                   f"{hint}",
                   sheet, coord, task=task)
    for p in res.subsets:
        reader.add(WARNING, "group-subset",
                   f"'{p.text}' chỉ một phần của nhóm, không biết là những đơn vị nào nên chưa "
                   "giao cho ai: ghi danh sách đơn vị cụ thể (cách nhau bởi dấu chấm phẩy), hoặc "
                   f"lập nhóm mới trong trang '{GROUPS_SHEET}' rồi ghi tên nhóm đó",
                   sheet, coord, task=task)
    for p in res.pieces:
        if p.excluded and p.units:
            reader.add(WARNING, "group-exclusion",
                       f"'{p.text}': {p.reading}; kiểm tra lại, hoặc ghi danh sách đơn vị cụ thể",
                       sheet, coord, task=task)
        elif p.excluded:
            reader.add(WARNING, "group-exclusion",
                       f"'{p.text}': {p.reading} nên chưa giao cho ai: ghi danh sách đơn vị cụ "
                       f"thể, hoặc sửa tên các đơn vị trừ ra cho đúng trang '{UNITS_SHEET}'",
                       sheet, coord, task=task)
        elif p.reading:
            reader.add(NOTE, "unit-bracket", f"'{p.text}': {p.reading}", sheet, coord,
                       task=task)
    for text in res.readings:
        reader.add(NOTE, "unit-roles-read",
                   f"'{one_line(text)}' được hiểu là đơn vị đầu chủ trì, đơn vị sau phối hợp; "
                   "nếu không đúng, ghi rõ 'A chủ trì, phối hợp với B' hoặc ghi đơn vị phối hợp "
                   "ở cột phối hợp", sheet, coord, task=task)
    for p in res.open_groups:
        reader.add(NOTE, "group-open", _open_group(p.text, "ở nhiệm vụ này", "ô này", leads), sheet,
                   coord, task=task)


def _open_group(name: str, where: str, cell: str, leads: str = "") -> str:
    """The note on an open group ``name``: and, for a commune's places, what it leaves
    undone ``where``, whose report the result is counted by (``leads``, the lead units':
    a coordinator's report is never counted, docs/counting.md) and how to send the
    villages theirs: they are the user's to list (never guessed), or an office reports
    for them in ``cell``. A note, not a warning: the product keeps its lead's report."""
    said = f"'{name}' là nhóm mở, không giao cho đơn vị cụ thể nào"
    if not _of_places(name):
        return said
    counted = f"; kết quả được tính theo báo cáo của {leads}" if leads else ""
    places = places_named(name)  # "Các ấp": ấp, as the plan writes (a QA pass: "thôn")
    return (f"{said}: phần việc của '{name}' {where} không gửi cho ai ({places} "
            f"không có tệp báo cáo){counted}. Muốn {places} báo cáo phần của mình, "
            f"thêm từng {places} ở trang '{UNITS_SHEET}' và ghi mã của họ vào cột "
            f"'Gồm các đơn vị' của nhóm ở trang '{GROUPS_SHEET}', hoặc ghi cơ quan báo cáo "
            f"thay cho họ vào {cell}")


def _of_places(name: str) -> bool:
    """True for a name of a commune's places: "các thôn", "Trưởng thôn"."""
    return places_in(name) is not None or bool(_PLACES.search(name))


def places_sent_to_nobody(master) -> list[Finding]:
    """For split: each open group of a commune's places that a product names (however
    the cells write it: "Trưởng thôn", "các thôn"), with the products whose share of it
    no file carries (a QA pass: split said nothing, and the villages' work was dropped
    without a word) and whose report counts for them. A note, as check gives it."""
    registry = Registry(master.units, master.groups)
    named: dict[str, list[Deliverable]] = {}
    for d in master.deliverables():
        for text, column in ((d.lead_text, LEAD), (d.support_text, SUPPORT)):
            for p in registry.resolve(text, column).open_groups:
                products = named.setdefault(registry.groups[p.ref].name, [])
                if _of_places(p.text) and d not in products:
                    products.append(d)
    found = []
    for name, products in ((n, ds) for n, ds in named.items() if ds):
        ids = short_list([d.id for d in products], separator=", ", noun="sản phẩm")
        # "các sản phẩm TC-01, TC-02 … của các sản phẩm đó" where several (a QA pass: "sản
        # phẩm đó" after a list of them).
        these = "sản phẩm" if len(products) == 1 else "các sản phẩm"
        leads = {tuple(d.lead) for d in products}
        found.append(Finding(NOTE, "group-open", _open_group(
            name, f"ở {these} {ids}", f"ô chủ trì, phối hợp của {these} đó ở trang nhiệm vụ",
            _lead_words(registry, list(leads.pop())) if len(leads) == 1
            else "đơn vị chủ trì của từng sản phẩm"),
            file=master.path or "", sheet=GROUPS_SHEET))
    return found
