"""Reading a master workbook into a :class:`~cchc_xl.model.Master` with findings:
the plan, unit, group and period sheets; area sheets are read by :mod:`.areas`."""

from __future__ import annotations

import re
from contextlib import closing
from datetime import date
from pathlib import Path

from openpyxl.utils.datetime import WINDOWS_EPOCH

from ..deadlines import BEFORE_BY
from ..errors import MasterError
from ..findings import Finding
from ..issuer import gone_authority
from ..merged_bodies import merged_note
from ..model import CONTACT_FIELDS, Group, Master, Period, Plan, Unit
from ..periods import default_periods
from ..sender import sender_problem
from ..sheet_names import SHEET_NAME_MAX
from ..sniff import MASTER_FORMAT_HINTS
from ..text import clean, match_key, one_line
from ..units import Registry
from ..vocab import ERROR, KIND_LABELS, NOTE, OTHER, SUPPORT, WARNING
from ..xlio import file_sha256, open_workbook, to_date
from ..year_turn import code_of_another_year
from .areas import is_blank_area, read_area, where
from .layout import (
    AREA_MARKER,
    BEFORE_LABELS,
    CODE_SPLIT,
    GROUP_COLUMNS,
    GROUPS_SHEET,
    NAMED_SUPPORT_LABELS,
    PERIOD_CODE,
    PERIOD_CODE_HINT,
    PERIOD_COLUMNS,
    PERIODS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    UNIT_COLUMNS,
    UNITS_SHEET,
    area_sheets,
    find_sheet,
    kind_labels,
    missing_sheet_hint,
    parse_kind,
    plan_labels,
    split_list,
)
from .memo import remembered
from .reader import Reader, find_table, formula_cells, table_rows

# What to write in a required field of the plan sheet left empty (a plan's appendix
# imported alone has no letterhead to take the authority from: a QA pass).
_FIELD_EXAMPLES = {
    "authority": "ghi tên cơ quan ban hành kế hoạch như ở đầu văn bản, ví dụ 'Ủy ban nhân "
                 "dân tỉnh Thanh Hóa' hoặc 'Ủy ban nhân dân phường Hạc Thành'",
    "title": "ghi tên kế hoạch như ở đầu văn bản, ví dụ 'Kế hoạch cải cách hành chính năm "
             "2026'",
    "year": "ghi năm của kế hoạch, 4 chữ số, ví dụ 2026",
}

# A kind of place gone on 1 July 2025 as the plan sheet's warning names it (issuer.py's
# gone_authority); "cấp huyện" for a district's.
_GONE_SAID = {"thành phố": "thành phố thuộc tỉnh", "thị trấn": "thị trấn (đã sắp xếp thành xã)"}

# A plan with no task at all: the check's warning and what "Giao việc" (split) says.
NO_TASKS = "bảng kế hoạch chưa có nhiệm vụ nào"
NO_TASKS_HINT = ("điền các trang lĩnh vực, hoặc tạo bảng kế hoạch từ văn bản kế hoạch bằng "
                 "'cchc-xl import'")


def _read_plan(reader: Reader, wb) -> Plan:
    ws = find_sheet(wb, PLAN_SHEET)
    if ws is None:
        raise MasterError(f"thiếu trang '{PLAN_SHEET}'", file=reader.path,
                          hint=missing_sheet_hint(wb, PLAN_SHEET))
    labels = plan_labels()
    values: dict[str, object] = {}
    cells: dict[str, str] = {}
    for row in ws.iter_rows(max_col=2):
        name = labels.get(match_key(row[0].value)) if row[0].value else None
        if name and len(row) > 1:
            values[name] = row[1].value
            cells[name] = row[1].coordinate
    for f in ("authority", "title", "year"):
        if clean(values.get(f)) == "":
            reader.add(ERROR, "plan-field-missing",
                       f"chưa ghi '{PLAN_FIELDS[f][0]}': {_FIELD_EXAMPLES[f]}", ws.title,
                       cells.get(f, ""))
    year_text = one_line(values.get("year"))
    year = int(float(year_text)) if re.fullmatch(r"\d{4}(\.0)?", year_text) else 0
    if year_text and not year:
        reader.add(ERROR, "plan-year-invalid",
                   f"năm kế hoạch '{year_text}' không hợp lệ: ghi 4 chữ số, ví dụ 2024",
                   ws.title, cells.get("year", ""))
    if year and (gone := gone_authority(one_line(values.get("authority")), year)):
        # Last year's plan copied, its letterhead kept: the report and letters would be
        # headed by a body gone since 1 July 2025, sent to its party committee.
        gone_said = _GONE_SAID.get(gone, "cấp huyện")
        reader.add(WARNING, "plan-authority-gone",
                   f"cơ quan ban hành '{one_line(values.get('authority'))}': kế hoạch năm "
                   f"{year} nhưng từ ngày 01/7/2025 không còn {gone_said} (có thể văn bản "
                   "được chép từ kế hoạch năm trước); báo cáo, công văn lấy tên cơ quan và "
                   "nơi nhận từ ô này: ghi cơ quan ban hành kế hoạch năm nay, ví dụ 'Ủy ban "
                   "nhân dân xã Hoằng Hóa' hoặc 'Ủy ban nhân dân tỉnh Thanh Hóa'",
                   ws.title, cells.get("authority", ""))
    if note := code_of_another_year(one_line(values.get("code")), year):
        reader.add(WARNING, "plan-code-names-other-year", note, ws.title, cells.get("code", ""))
    issued_raw = values.get("issued")
    issued = to_date(issued_raw, epoch=reader.epoch)
    if clean(issued_raw) and issued is None:
        reader.add(WARNING, "date-invalid",
                   f"ngày ban hành '{clean(issued_raw)}' không đọc được: ghi dạng dd/mm/yyyy",
                   ws.title, cells.get("issued", ""))
    before_text = match_key(values.get("before") or "")
    before = BEFORE_BY
    for code, label in BEFORE_LABELS.items():
        if before_text == match_key(label) or before_text == code:
            before = code
    support_text = match_key(values.get("named_support") or "")
    named_support = next((code for code, label in NAMED_SUPPORT_LABELS.items()
                          if support_text in (match_key(label), code)), SUPPORT)
    plan = Plan(
        authority=one_line(values.get("authority")),
        title=one_line(values.get("title")),
        year=year,
        number=one_line(values.get("number")),
        issued=issued,
        attachment=clean(values.get("attachment")),
        appendix_title=clean(values.get("appendix_title")),
        code=one_line(values.get("code")),
        before=before,
        named_support=named_support,
        sender=one_line(values.get("sender")),
        signer=one_line(values.get("signer")),
        signer_title=title_lines(values.get("signer_title")),
        return_to=one_line(values.get("return_to")),
        amendments=_amendments(values.get("amendments")),
    )
    if year and (problem := sender_problem(plan)):
        # Not used: the letters and report go out in the plan's authority's name.
        reader.add(WARNING, "plan-sender-ignored",
                   f"'{PLAN_FIELDS['sender'][0]}' ghi '{plan.sender}': {problem}; công văn, "
                   f"báo cáo vẫn do '{plan.authority}' gửi", ws.title, cells.get("sender", ""))
    return plan


def _amendments(value: object) -> list[str]:
    """The documents that amended the plan, one a line (or ";" between them)."""
    return [one_line(part) for part in re.split(r"[\n;]", clean(value)) if one_line(part)]


def title_lines(value: object) -> str:
    """A signer's title as printed, a line each: lines of the cell, or parts written
    on one line with " / " between ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")."""
    return "\n".join(part for line in clean(value).split("\n")
                     for part in (p.strip() for p in re.split(r"\s+/\s+", line)) if part)


def _contact(value: object) -> str:
    """A contact cell as text; a phone typed as a number keeps no decimal part."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return one_line(value)


def _read_units(reader: Reader, wb, year: int) -> tuple[list[Unit], dict[str, str]]:
    """The registry's units, and the cell of each unit's "Thuộc nhóm" entry; a note on
    each named as a body merged in 2025 when the plan (of ``year``) is later
    (merged_bodies)."""
    ws = find_sheet(wb, UNITS_SHEET)
    if ws is None:
        raise MasterError(f"thiếu trang '{UNITS_SHEET}' (danh sách đơn vị)", file=reader.path,
                          hint=missing_sheet_hint(wb, UNITS_SHEET))
    table = find_table(reader, ws, UNIT_COLUMNS, "code", ("code", "name", "kind"))
    if not table:
        return [], {}
    header_row, cols = table
    units: list[Unit] = []
    group_cells: dict[str, str] = {}
    # Codes are matched without regard to case everywhere ("Thuộc nhóm", the members of
    # a group, the unit files): "XA01" and "xa01" are one code.
    seen: dict[str, tuple[str, str]] = {}
    for r, v, c in table_rows(reader, ws, header_row, cols):
        code = one_line(v.get("code"))
        if not code:
            reader.add(ERROR, "unit-code-missing", "đơn vị chưa có mã", ws.title,
                       c["code"].coordinate)
            continue
        if code.casefold() in seen:
            first, cell = seen[code.casefold()]
            case = "" if first == code else " (mã không phân biệt chữ hoa, chữ thường)"
            reader.add(ERROR, "unit-duplicate",
                       f"mã đơn vị '{code}' trùng với mã '{first}' ở ô {cell}{case}: mỗi đơn "
                       "vị một mã; đổi mã ở một trong hai dòng cho khác nhau", ws.title,
                       c["code"].coordinate)
            continue
        seen[code.casefold()] = (code, c["code"].coordinate)
        kind = parse_kind(v.get("kind"))
        if kind is None:
            reader.add(ERROR, "unit-kind-unknown",
                       f"loại đơn vị '{one_line(v.get('kind'))}' không rõ: chọn một trong "
                       + ", ".join(KIND_LABELS.values()), ws.title, c["kind"].coordinate)
            kind = OTHER
        units.append(Unit(code=code, name=one_line(v.get("name")), kind=kind,
                          aliases=split_list(v.get("aliases")),
                          groups=split_list(v.get("groups"), CODE_SPLIT), row=r,
                          **{f: _contact(v.get(f)) for f in CONTACT_FIELDS}))
        if "groups" in c:
            group_cells[code] = c["groups"].coordinate
        if note := merged_note(units[-1], year):
            reader.add(NOTE, "unit-merged", note, ws.title, c["name"].coordinate, unit=code)
    return units, group_cells


def _link_groups(reader: Reader, units: list[Unit], groups: list[Group],
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
                reader.add(ERROR, "group-unknown",
                           f"đơn vị '{unit.code}' ghi thuộc nhóm '{entry}' không có trong trang "
                           f"'{GROUPS_SHEET}': ghi mã nhóm (ví dụ "
                           f"{', '.join(g.code for g in groups[:3]) or 'XA'})",
                           UNITS_SHEET, cells.get(unit.code, ""), unit=unit.code)
            else:
                linked.append(code)
        unit.groups = list(dict.fromkeys(linked))


def _read_groups(reader: Reader, wb, units: list[Unit]) -> list[Group]:
    ws = find_sheet(wb, GROUPS_SHEET)
    if ws is None:
        reader.add(NOTE, "missing-sheet",
                   f"không có trang '{GROUPS_SHEET}': không tên nhóm nào được mở rộng")
        return []
    table = find_table(reader, ws, GROUP_COLUMNS, "code", ("code", "name"))
    if not table:
        return []
    header_row, cols = table
    # a code typed in another case is the unit's ("mttq" on 'Đơn vị', "MTTQ" here), as a
    # unit's "Thuộc nhóm" names a group's code in any case
    codes = {u.code.casefold(): u.code for u in reversed(units)}
    names = Registry(units, [])  # members may be named as the plan's unit cells name them
    groups = []
    for r, v, c in table_rows(reader, ws, header_row, cols):
        code = one_line(v.get("code"))
        if not code:
            reader.add(ERROR, "group-code-missing", "nhóm chưa có mã", ws.title, f"A{r}")
            continue
        kinds = []
        for label in kind_labels(v.get("kinds")):
            kind = parse_kind(label)
            if kind is None:
                reader.add(ERROR, "unit-kind-unknown",
                           f"loại đơn vị '{label}' không rõ: ghi một hoặc nhiều loại, cách nhau "
                           f"bởi dấu chấm phẩy: {'; '.join(KIND_LABELS.values())}",
                           ws.title, c["kinds"].coordinate)
            elif kind not in kinds:
                kinds.append(kind)
        members = []
        for m, member in _member_entries(v.get("members"), codes, names):
            if member is None:
                reader.add(ERROR, "group-member-unknown",
                           f"nhóm '{code}' ghi đơn vị '{m}' không có trong trang '{UNITS_SHEET}' "
                           f"(không trùng mã hay tên đơn vị nào): {_member_hint(names, m)}",
                           ws.title, c["members"].coordinate)
            else:
                members.append(member)
        groups.append(Group(code=code, name=one_line(v.get("name")),
                            spellings=split_list(v.get("spellings")), kinds=kinds,
                            members=list(dict.fromkeys(members)),
                            note=one_line(v.get("note")), row=r))
    return groups


def _unit_named(names: Registry, name: str) -> str | None:
    """The code of the one unit a name or other name means (as a plan's unit cells are
    matched), or None."""
    refs = names.candidates(name)
    return next(iter(refs))[1] if len(refs) == 1 else None


def _member_entries(value: object, codes: dict[str, str], names: Registry
                    ) -> list[tuple[str, str | None]]:
    """A group's "Gồm các đơn vị" entries, each with the code of the unit it means (None:
    no unit): codes or names, one per line or between ";" or ","; a whole line that is a
    unit's name keeps its commas ("Phòng Kinh tế, Hạ tầng và Đô thị"); `codes` maps each
    unit code, casefolded, to the code as written on 'Đơn vị'."""

    def meant(entry: str) -> str | None:
        return codes.get(entry.casefold()) or _unit_named(names, entry)

    out = []
    for piece in split_list(value):
        code = meant(piece)
        if code is not None:
            out.append((piece, code))
        else:
            out.extend((part, meant(part)) for part in split_list(piece, CODE_SPLIT))
    return out


def _member_hint(names: Registry, entry: str) -> str:
    """What to write instead of an unknown member: a unit's code, with an example (the
    closest unit's when one is close)."""
    close = names.suggest(entry, 1)
    code = _unit_named(names, close[0]) if close else None
    unit = names.units[code] if code else next(iter(names.units.values()), None)
    example = f" (ví dụ '{unit.code}' cho '{unit.name}')" if unit else ""
    return (f"ghi mã đơn vị ở cột 'Mã đơn vị' của trang '{UNITS_SHEET}'{example}, hoặc tên "
            f"đơn vị đúng như cột 'Tên đơn vị'")


def _read_periods(reader: Reader, wb, year: int) -> list[Period]:
    ws = find_sheet(wb, PERIODS_SHEET)
    if ws is None:
        reader.add(ERROR, "missing-sheet", f"thiếu trang '{PERIODS_SHEET}': "
                   + missing_sheet_hint(wb, PERIODS_SHEET))
        return []
    table = find_table(reader, ws, PERIOD_COLUMNS, "code", tuple(PERIOD_COLUMNS))
    if not table:
        return []
    header_row, cols = table
    rows = list(table_rows(reader, ws, header_row, cols))
    if not rows:
        return _default_periods(reader, ws.title, year)
    periods = []
    seen: dict[str, int] = {}
    for r, v, c in rows:
        code = one_line(v.get("code")).upper()
        if code in seen:
            reader.add(ERROR, "period-duplicate",
                       f"mã kỳ '{one_line(v.get('code'))}' trùng với dòng {seen[code]}: "
                       "mỗi kỳ một mã", ws.title, c["code"].coordinate)
            continue
        seen[code] = r
        if not PERIOD_CODE.match(one_line(v.get("code"))):
            reader.add(ERROR, "period-code-invalid",
                       f"mã kỳ '{one_line(v.get('code'))}' có ký tự không dùng được trong tên "
                       f"thư mục và tệp: {PERIOD_CODE_HINT}", ws.title, c["code"].coordinate)
            continue
        days: dict[str, date] = {}
        for f in ("start", "cutoff", "due"):
            day = to_date(v.get(f), epoch=reader.epoch)
            if day is None:
                reader.add(ERROR, "period-invalid",
                           f"kỳ '{one_line(v.get('code'))}': ngày '{one_line(v.get(f))}' "
                           "không hợp lệ, ghi dạng dd/mm/yyyy", ws.title, c[f].coordinate)
            else:
                days[f] = day
        if len(days) < 3:
            continue
        if not days["start"] <= days["cutoff"] <= days["due"]:
            reader.add(ERROR, "period-invalid",
                       f"kỳ '{one_line(v.get('code'))}': cần Từ ngày ≤ Đến ngày ≤ Hạn nộp",
                       ws.title, f"A{r}")
            continue
        periods.append(Period(code=one_line(v.get("code")), name=one_line(v.get("name")),
                              row=r, **days))
    return periods


def _default_periods(reader: Reader, sheet: str, year: int) -> list[Period]:
    """A blank "Kỳ báo cáo" table (as the templates ship it): the periods of Bộ Nội vụ's
    guidance for the plan's year, said so; without a year, no period to split by."""
    if not year:
        reader.add(ERROR, "periods-missing",
                   f"trang '{sheet}' chưa có kỳ báo cáo nào: ghi 'Năm kế hoạch' ở trang "
                   f"'{PLAN_SHEET}' để dùng các kỳ mặc định, hoặc điền các kỳ vào trang này",
                   sheet, "A2")
        return []
    periods = default_periods(year)
    reader.add(NOTE, "periods-default",
               f"trang '{sheet}' chưa có kỳ báo cáo nào: dùng {len(periods)} kỳ theo hướng dẫn "
               f"của Bộ Nội vụ ({', '.join(p.name for p in periods)}; số liệu chốt ngày 14, nộp "
               "báo cáo ngày 20 của tháng cuối kỳ); muốn kỳ khác thì điền vào trang này",
               sheet, "A2")
    return periods



def read_master(path: str | Path) -> tuple[Master, list[Finding]]:
    """Read a master workbook; structural problems raise, the rest are findings. A file
    of the same bytes read before in this process is not read again (:mod:`.memo`)."""
    return remembered(Path(path), _read_master)


def _read_master(path: Path) -> tuple[Master, list[Finding]]:
    # Opened first: what is no workbook (a crowded zip, a Word file) is refused before the
    # fast reader lists the package's parts.
    with closing(open_workbook(path, hint=MASTER_FORMAT_HINTS)) as wb:
        # The file as read (a split records which plan file its workbooks came from).
        sha256 = file_sha256(path)
        reader = Reader(str(path), formulas=formula_cells(path),
                        epoch=getattr(wb, "epoch", WINDOWS_EPOCH))
        plan = _read_plan(reader, wb)
        units, group_cells = _read_units(reader, wb, plan.year)
        groups = _read_groups(reader, wb, units)
        _link_groups(reader, units, groups, group_cells)
        periods = _read_periods(reader, wb, plan.year)
        registry = Registry(units, groups)
        for name, refs in registry.conflicts():
            reader.add(ERROR, "name-conflict",
                       f"tên '{name}' dùng cho nhiều đơn vị/nhóm: "
                       + ", ".join(where(registry, r) for r in refs)
                       + ": mỗi tên hoặc tên gọi khác chỉ được thuộc một đơn vị", UNITS_SHEET)
        for g in groups:
            if not g.is_open and not registry.members(g.code):
                kinds = ", ".join(f"'{KIND_LABELS[k]}'" for k in g.kinds if k in KIND_LABELS)
                reader.add(WARNING, "group-empty",
                           f"nhóm '{g.name}' không có đơn vị nào: ghi mã các đơn vị của nhóm ở "
                           "cột 'Gồm các đơn vị', hoặc thêm các đơn vị ấy vào trang "
                           f"'{UNITS_SHEET}'" + (f" với loại {kinds}" if kinds else ""),
                           GROUPS_SHEET, f"A{g.row}")
        ids: dict[str, str] = {}
        areas = []
        seen_codes: dict[str, str] = {}  # area code -> the sheet that has it first
        sheets = area_sheets(wb)
        if not sheets:
            reader.add(ERROR, "missing-sheet",
                       f"không có trang lĩnh vực nào (trang có ô A1 '{AREA_MARKER}')")
        for ws in sheets:
            if len(ws.title) > SHEET_NAME_MAX:
                reader.add(WARNING, "sheet-name-too-long",
                           f"tên trang dài {len(ws.title)} ký tự, Excel chỉ cho phép "
                           f"{SHEET_NAME_MAX}: đặt tên ngắn hơn (tên đầy đủ ghi ở ô B2)", ws.title)
            if is_blank_area(ws):
                reader.add(NOTE, "area-blank",
                           f"trang '{ws.title}' còn trống, không được đọc: ghi mã lĩnh vực ở ô "
                           "B1, tên ở B2 và các nhiệm vụ vào bảng (sao chép trang cho mỗi lĩnh "
                           "vực)", ws.title, "B1")
                continue
            area = read_area(reader, ws, plan, registry, ids)
            if area.code in seen_codes:
                # a sheet copied from another keeps its B1: say where, and what to change
                reader.add(ERROR, "area-duplicate",
                           f"mã lĩnh vực '{area.code}' đã dùng ở trang '{seen_codes[area.code]}'"
                           " (ô B1): mỗi trang lĩnh vực một mã riêng; ghi mã khác vào ô B1 và "
                           "sửa mã nhiệm vụ ở cột 'Mã nhiệm vụ' của trang này theo mã mới",
                           ws.title, "B1")
            seen_codes.setdefault(area.code, ws.title)
            areas.append(area)
        # Task rows refused for their ids are said so one by one: they are not "no tasks".
        if sheets and not any(a.tasks for a in areas) and not reader.count("id-missing",
                                                                            "id-invalid"):
            reader.add(WARNING, "no-tasks", f"{NO_TASKS}: {NO_TASKS_HINT}")
    master = Master(plan=plan, units=units, groups=groups, periods=periods, areas=areas,
                    path=str(path), sha256=sha256)
    return master, reader.all_findings()
