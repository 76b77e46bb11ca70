"""Writing a master workbook from a model through the template in ``templates/``."""

from __future__ import annotations

import re
from copy import copy
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from .. import clock
from ..errors import MasterError, UsageError
from ..issuer import plan_code
from ..model import CONTACT_FIELDS, Area, Group, Heading, Master, Plan, Unit
from ..styles import SIZE, fitted_height, openpyxl_column_width, row_height
from ..templates import template_path
from ..text import match_key
from ..vocab import COMMUNE, KIND_LABELS, WARD_OFFICE_NAMES
from ..xlio import check_not_input, find_header, open_workbook, put_value, save_workbook
from . import layout
from .read import read_master

HEADING_ROW = "_heading"  # marks a heading row of sub-tasks among the rows to write


def _fill_table(ws: Worksheet, columns: dict[str, tuple[str, ...]], key_field: str,
                rows: list[dict[str, object]]) -> None:
    """Write rows under the template's header, styled like the template's first data row
    (heading rows of sub-tasks in bold)."""
    grid = [tuple(c.value for c in row) for row in ws.iter_rows(max_row=15)]
    found = find_header(grid, columns, key_field)
    if found is None:
        raise MasterError(f"mẫu thiếu dòng tiêu đề '{columns[key_field][0]}'", sheet=ws.title)
    r, cols = found
    first = r + 2  # 1-based row of the first data row
    styles = {i: copy(ws.cell(first, i + 1)._style) for i in cols.values()}
    height = ws.row_dimensions[first].height
    wrapped = _wrapped_columns(ws, first, cols)
    size = ws.cell(first, min(cols.values()) + 1).font.sz or SIZE
    one_line = row_height(1, size)
    if ws.max_row >= first:
        ws.delete_rows(first, ws.max_row - first + 1)
    for n, values in enumerate(rows):
        for name, i in cols.items():
            cell = put_value(ws.cell(first + n, i + 1), values.get(name))
            cell._style = copy(styles[i])
            if values.get(HEADING_ROW):
                font = copy(cell.font)
                font.bold = True
                cell.font = font
        # As tall as its wrapped texts need: a row left at the default height showed a
        # task's content over the rows below it in LibreOffice and on paper (a QA pass).
        need = fitted_height([(values.get(name), width) for name, width in wrapped.items()],
                             size, bold=bool(values.get(HEADING_ROW)))
        if height or need > one_line:
            ws.row_dimensions[first + n].height = max(height or 0, need)


def _wrapped_columns(ws: Worksheet, first: int, cols: dict[str, int]) -> dict[str, float]:
    """The width of each column whose cells wrap their text in the template's first data
    row (the others show one line, cut or spilling over), by field."""
    widths = {}
    for name, i in cols.items():
        cell = ws.cell(first, i + 1)
        if cell.alignment.wrap_text:
            widths[name] = openpyxl_column_width(ws, i + 1)
    return widths


def _plan_values(plan: Plan) -> dict[str, object]:
    return {
        "code": plan.code, "authority": plan.authority, "title": plan.title,
        "number": plan.number, "issued": plan.issued, "year": plan.year,
        "attachment": plan.attachment, "appendix_title": plan.appendix_title,
        "before": layout.BEFORE_LABELS[plan.before],
        "named_support": layout.NAMED_SUPPORT_LABELS[plan.named_support],
        "sender": plan.sender, "signer": plan.signer, "signer_title": plan.signer_title,
        "return_to": plan.return_to, "amendments": "\n".join(plan.amendments),
    }


def _fill_plan(ws: Worksheet, plan: Plan) -> None:
    """The "Kế hoạch" sheet's values (:func:`_set_plan_cells`)."""
    _set_plan_cells(ws, _plan_values(plan))


def _set_plan_cells(ws: Worksheet, values: dict[str, object]) -> None:
    """The "Kế hoạch" sheet's cells of the fields ``values`` gives, the others untouched;
    a field the sheet has no row for (a master made before the field existed) gets a row
    of its own below the last, in the look of the row above, when it has something to
    say."""
    labels = layout.plan_labels()
    filled = set()
    for row in ws.iter_rows(max_col=2):
        name = labels.get(match_key(row[0].value)) if row[0].value else None
        if name in values and name not in filled:
            put_value(row[1], values[name] if values[name] != "" else None)
            filled.add(name)
    for name, value in values.items():
        if name in filled or value in ("", None):
            continue
        last = ws.max_row
        for col, text in ((1, layout.PLAN_FIELDS[name][0]), (2, value)):
            cell = put_value(ws.cell(last + 1, col), text)
            cell._style = copy(ws.cell(last, col)._style)


def _deliverable_rows(area: Area) -> list[dict[str, object]]:
    """The area table's rows: each heading just above its first sub-task, then one row
    per product (a heading no task names comes last, where check will point at it)."""
    rows: list[dict[str, object]] = []
    written: set[str] = set()

    def heading_row(h: Heading) -> None:
        written.add(h.id)
        rows.append({"id": h.id, "number": h.number or None, "content": h.content,
                     HEADING_ROW: True})

    for task in area.tasks:
        heading = area.find_heading(task.parent) if task.parent else None
        if heading is not None and heading.id not in written:
            heading_row(heading)
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
    for h in area.headings:
        if h.id not in written:
            heading_row(h)
    return rows


def edit_plan_fields(source: str | Path, out: str | Path, values: dict[str, str]) -> Master:
    """The plan table ``source`` written to ``out`` with only the "Kế hoạch" sheet's
    cells of ``values`` (fields of :data:`~.layout.PLAN_FIELDS`: "signer", "sender"...)
    changed, everything else of the workbook kept as openpyxl keeps it (the office's
    rows, styles, notes, other sheets). Read back, the plan must be ``source``'s but for
    those fields: otherwise ``out`` is removed and a MasterError raised. Returns the
    plan as read from ``out``."""
    before, _ = read_master(source)
    wb = open_workbook(source, data_only=False)
    if wb.vba_archive is not None or getattr(wb, "is_template", False):
        raise MasterError("bảng kế hoạch có macro hoặc là tệp mẫu: ghi trong Excel",
                          file=str(source))
    ws = layout.find_sheet(wb, layout.PLAN_SHEET)
    if ws is None:
        raise MasterError(f"thiếu trang '{layout.PLAN_SHEET}'", file=str(source))
    _set_plan_cells(ws, values)
    save_workbook(wb, out)
    try:
        after, _ = read_master(out)
    except MasterError:
        Path(out).unlink(missing_ok=True)
        raise
    kept = replace(after, plan=replace(after.plan, **{f: getattr(before.plan, f)
                                                      for f in values}))
    if replace(kept, path="", sha256="") != replace(before, path="", sha256=""):
        Path(out).unlink(missing_ok=True)
        # A value computed by a formula, whose cached value openpyxl does not keep.
        raise MasterError("ghi lại bảng thì cả phần khác ngoài các ô này cũng đổi (có thể vì "
                          "có ô tính bằng công thức); tải bảng kế hoạch về, sửa các ô đó trong "
                          "Excel rồi tải lên lại")
    return after


def write_master(master: Master, path: str | Path, template: str | Path | None = None) -> Path:
    """Write a master workbook from a model, taking layout and look from the template."""
    wb = open_workbook(template or template_path("master.xlsx"), data_only=False)
    _fill_plan(layout.find_sheet(wb, layout.PLAN_SHEET), master.plan)
    _fill_table(layout.find_sheet(wb, layout.UNITS_SHEET), layout.UNIT_COLUMNS, "code", [
        {"code": u.code, "name": u.name, "kind": KIND_LABELS[u.kind],
         "aliases": "\n".join(u.aliases) or None, "groups": "; ".join(u.groups) or None,
         **{f: getattr(u, f) or None for f in CONTACT_FIELDS}}
        for u in master.units])
    _fill_table(layout.find_sheet(wb, layout.GROUPS_SHEET), layout.GROUP_COLUMNS, "code", [
        {"code": g.code, "name": g.name, "spellings": "\n".join(g.spellings) or None,
         "kinds": "; ".join(KIND_LABELS[k] for k in g.kinds) or None,
         "members": "; ".join(g.members) or None, "note": g.note or None}
        for g in master.groups])
    _fill_table(layout.find_sheet(wb, layout.PERIODS_SHEET), layout.PERIOD_COLUMNS, "code", [
        {"code": p.code, "name": p.name, "start": p.start, "cutoff": p.cutoff, "due": p.due}
        for p in master.periods])
    model_sheet = layout.area_sheets(wb)[0]
    if not master.areas:
        # A new plan: one blank area sheet to fill (and copy for the next areas).
        model_sheet.title = layout.BLANK_AREA_SHEET
        for cell in ("B1", "B2", "B3"):
            model_sheet[cell] = None
        wb.active = 0
        return save_workbook(wb, path)
    model_sheet.title = "_model"  # frees the template's name for an area sheet
    for area in master.areas:
        ws = wb.copy_worksheet(model_sheet)
        ws.title = area.sheet
        for ref, value in (("B1", area.code), ("B2", area.title), ("B3", area.heading or None)):
            put_value(ws[ref], value)
        _fill_table(ws, layout.AREA_COLUMNS, "id", _deliverable_rows(area))
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



def name_offices_for(units: list[Unit], template: str, kind: str, groups: list[Group] = (),
                     place: str = "") -> None:
    """The level template's offices named for the place that issues the plan: a ward's
    or a special zone's ("Công an xã" is "Công an phường" in a ward's plan, its files and
    reports), a centrally-run city's ("Công an tỉnh" is "Công an Thành phố" in Hà Nội's);
    the template's name is kept as another spelling, and the other spellings of the
    template's kind of place are given the place's kind too ("Văn phòng HĐND và UBND
    đặc khu", "Các cơ quan chuyên môn thuộc UBND phường"), an office named for its kind
    its place's name ("Công an phường Hạc Thành", ``place``). ``template``: the kind of
    place the template's names end with."""
    at_end = re.compile(rf"\b{template}$")
    for unit in units:
        if unit.kind == COMMUNE:
            continue
        named = at_end.sub(kind, unit.name)
        spellings = [at_end.sub(kind, a) for a in unit.aliases if at_end.search(a)]
        if named != unit.name:
            spellings.append(unit.name)
            unit.name = named
        if place and f"{named} {template}" in unit.aliases:
            # "Văn phòng HĐND và UBND" is "Văn phòng HĐND và UBND phường" in a ward's
            # plan, as "Công an xã" is "Công an phường" (a QA pass: Biểu 3 named it both
            # ways, the plan's words beside the registry's).
            spellings.append(named)
            named = unit.name = f"{named} {kind}"
        if place and re.search(rf"\b{kind}$", named):
            spellings.append(f"{named} {place}")
        unit.aliases = [a for a in dict.fromkeys(unit.aliases + spellings) if a != unit.name]
    for group in groups:
        spellings = [at_end.sub(kind, a) for a in group.spellings if at_end.search(a)]
        group.spellings = [a for a in dict.fromkeys(group.spellings + spellings)
                           if a != group.name]


def name_commune_offices(units: list[Unit], groups: list[Group], kind: str, place: str) -> None:
    """The commune template's offices named as the plan of ``kind`` ("phường") ``place``
    ("Hạc Thành") names them: for its kind and place (:func:`name_offices_for`), a
    ward's by a ward's names ("Phòng Kinh tế, Hạ tầng và Đô thị", a QA pass: a ward's
    plan, files and reports named it "Phòng Kinh tế", a commune's office). Both `init
    --commune` and the import of a commune's plan."""
    name_offices_for(units, "xã", kind, groups, place)
    if kind != "phường":
        return
    for unit in units:
        named = WARD_OFFICE_NAMES.get(unit.name)
        if named:
            unit.aliases = [a for a in dict.fromkeys([*unit.aliases, unit.name]) if a != named]
            unit.name = named



def plan_year(on: date) -> int:
    """The year a new plan made on ``on`` is for: a plan is issued in December or
    January, so this year's until June (one written late), next year's from July (the
    web app's blank form said next year all through the year, a QA pass)."""
    return on.year if on.month <= 6 else on.year + 1

def init_master(path: str | Path, year: int | None = None, level: str = "tinh",
                province: str | None = None, commune: str | None = None) -> Path:
    """A new master for ``year`` (default: :func:`plan_year` of today) at ``level`` ("tinh", "xa" or
    "huyen"): the level's unit registry from ``templates/``, the default reporting
    periods, the year in the title and the "Kèm theo" line, no area or task. With
    ``province``, the province's communes and wards from the official list. With
    ``commune`` (level "xa"; ``province`` if its name is not enough), the plan of that
    commune, ward or special zone: its authority, and its offices named for it ("Công
    an phường")."""
    from ..periods import default_periods

    level = layout.level_of(level)
    if level not in layout.LEVELS:
        raise UsageError(f"không có cấp '{level}'; chọn một trong: {', '.join(layout.LEVELS)}")
    template = template_path(layout.template_name(level))
    check_not_input(path, "bảng kế hoạch mới", [(template, "mẫu bảng kế hoạch"),
                                                  (template_path("master.xlsx"),
                                                   "mẫu bảng kế hoạch")])
    from ..overwrite import CONSOLIDATED, UNIT_FILE, WORD_DOCUMENT, refuse_overwrite

    # --force replaces a plan table, never a unit's file or a consolidated workbook.
    refuse_overwrite(Path(path), "bảng kế hoạch", (UNIT_FILE, CONSOLIDATED, WORD_DOCUMENT))
    master, _ = read_master(template)
    year = year or plan_year(clock.today())
    plan = master.plan
    plan.year, plan.title = year, f"Kế hoạch cải cách hành chính năm {year}"
    if commune:
        if level != "xa":
            raise UsageError("--commune chỉ dùng với --level xa (kế hoạch của một xã, phường)")
        from ..provinces import find_commune

        place = find_commune(commune, province)
        plan.authority = f"Ủy ban nhân dân {place.in_sentence}"
        plan.code = plan_code(plan.authority, year) or plan.code
        name_commune_offices(master.units, master.groups, place.kind, place.place)
    elif province:
        if level != "tinh":
            raise UsageError("--province chỉ dùng với --level tinh (kế hoạch của tỉnh giao cho "
                             "các xã, phường) hoặc cùng --commune")
        from ..plan_import.communes import province_registry
        from ..provinces import province_or_commune

        found = province_or_commune(province)
        plan.authority = f"Ủy ban nhân dân {found.in_sentence}"
        plan.code = plan_code(plan.authority, year) or plan.code
        # Its communes, and the template's group of them named by the kinds it has
        # ("UBND các xã, phường": Thanh Hóa has no đặc khu), as import --province does.
        master.units, master.groups = province_registry(master.units, master.groups, found)
    plan.attachment = layout.blank_attachment(year, plan.authority or layout.LEVELS[level])
    master.periods = default_periods(year)
    master.areas = []
    return write_master(master, path, template=template)
