"""The assignment workbook a unit receives and returns: its layout and its identity.

Split writes it (:mod:`cchc_xl.split`), intake reads it back (:mod:`cchc_xl.intake`);
both take sheet names, column headers and the identity format from here, so the two
sides cannot drift apart.

Identity (which plan, unit, period and rows a file was issued for) is written in
four places, because office suites keep some and lose others (docs/validation.md):

1. a hidden sheet ``_cchc`` of key/value rows (LibreOffice turns "very hidden" into
   "hidden" but keeps it and its contents);
2. workbook-level defined names ``CCHC_PLAN``, ``CCHC_UNIT``...;
3. custom document properties ``cchc_plan``, ``cchc_unit``...;
4. the visible "Hướng dẫn" sheet (unit code in a known cell) and the "Mã nhiệm vụ"
   column, the last resort.

Reading takes every source that survived, checks them against each other and the
checksum, and says which disagree.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

from . import styles
from .deadlines import Deadline
from .model import Area, Deliverable, Master, Task, Unit
from .sheet_names import area_tab, sheet_name
from .text import clean, file_part, one_line, strip_edges, vn_number
from .unit_names import commune_kinds
from .vocab import COMMUNE, JUDGMENT_LABEL, LEAD, RECURRENCE_LABELS, ROLE_LABELS, SUPPORT
from .xlio import CELL_TEXT_MAX, put_value

if TYPE_CHECKING:  # the type only
    from .answer import Answer

FORMAT = "cchc-xl/1"
IDENTITY_SHEET = "_cchc"
GUIDE_SHEET = "Hướng dẫn"
GUIDE_UNIT_CELL = "B4"  # the unit code, visible on the guide sheet
NAME_PREFIX = "CCHC_"
PROPERTY_PREFIX = "cchc_"


# Column headers of a unit's task sheets. The input headers are what merge reads:
# they must not change without changing intake.
COL_ID = "Mã nhiệm vụ"
COL_NUMBER = "TT"
COL_TASK = "Nội dung nhiệm vụ"
COL_PRODUCT = "Sản phẩm/Kết quả"
COL_ROLE = "Vai trò"
COL_DEADLINE = "Thời gian hoàn thành"
COL_DUE = "Hạn (ngày)"
COL_STATUS = "Trạng thái"
COL_PERCENT = "Tỷ lệ hoàn thành (%)"
COL_DONE_ON = "Ngày hoàn thành"
COL_EVIDENCE = "Tài liệu kiểm chứng"
COL_NOTE = "Ghi chú"

READ_ONLY_COLUMNS = (COL_ID, COL_NUMBER, COL_TASK, COL_PRODUCT, COL_ROLE, COL_DEADLINE,
                     COL_DUE)
INPUT_COLUMNS = (COL_STATUS, COL_PERCENT, COL_DONE_ON, COL_EVIDENCE, COL_NOTE)
COLUMNS = READ_ONLY_COLUMNS + INPUT_COLUMNS
# Where a task sheet's status is (its columns are fixed: the sheet is protected): where
# a finding the ledger makes of a row, not read from its file, marks it.
STATUS_LETTER = get_column_letter(COLUMNS.index(COL_STATUS) + 1)
DONE_ON_LETTER = get_column_letter(COLUMNS.index(COL_DONE_ON) + 1)  # and its date's
# The plan's cells of a task row, which a later edit of the plan may change (the task's
# "TT" and content are on its first row only): their digest as issued is in the identity.
PLAN_CELLS = (COL_NUMBER, COL_TASK, COL_PRODUCT, COL_ROLE, COL_DEADLINE, COL_DUE)
HEADER_ROW = 4  # 1-based row of the column headers on each task sheet
# The line under a task sheet's title (1-based row): "{unit's name} — {period's name}
# (số liệu đến hết ngày …, gửi lại chậm nhất ngày …)"; intake reads the unit's name back
# from it, and the period's where the file's identity is lost (intake.identify).
HEADING_ROW = 2
HEADING_SEPARATOR = " — "
HEADING_CUTOFF = " (số liệu đến hết ngày "

# Column widths (Excel character units) chosen so that a landscape A4 page, fitted
# to its width, still prints at a readable size.
COLUMN_WIDTHS = {
    COL_ID: 10, COL_NUMBER: 4, COL_TASK: 32, COL_PRODUCT: 25, COL_ROLE: 16,
    COL_DEADLINE: 18, COL_DUE: 11, COL_STATUS: 15, COL_PERCENT: 10, COL_DONE_ON: 12,
    COL_EVIDENCE: 26, COL_NOTE: 18,
}
_ID_WIDTH_MAX = 14  # a code longer than this wraps rather than narrow the page further


def column_widths(ids: Iterable[str]) -> dict[str, float]:
    """COLUMN_WIDTHS with the id column as wide as the plan's longest id needs.

    A province's area codes are often four letters: a sub-task's second product
    ("TCHC-02-2.2") wrapped after its hyphen in ten characters, the key the unit
    quotes read over two lines ("TCHC-02-" / "2.2"). Widened a little, never
    narrowed: a plan of short codes keeps the page it had."""
    need = max((styles.text_width(i) for i in ids), default=0.0)
    units = math.ceil(styles.width_for(need))
    return {**COLUMN_WIDTHS, COL_ID: min(_ID_WIDTH_MAX, max(COLUMN_WIDTHS[COL_ID], units))}



def due_value(deadline: Deadline, cutoff: date | None = None) -> date | str:
    """The due date of a deadline, or a label saying why it has none.

    With a period's ``cutoff``, a deliverable with several dates shows the one that
    period judges it against (:meth:`Deadline.due_at`): "Quý I, IV/2023" is due
    31/03/2023 in the 9-month report, as its "Quá hạn" says; without, the last date.
    Once that date has passed and a later part is still to come, the period judges a
    row by either ("Tháng 6 và tháng 12/2026" at nine months: June's for a row with
    June's part not done, "Quá hạn"; December's for one done, or with June's part done
    earlier, "Trong hạn", "Đúng hạn" on 11/12): both are shown, one a line,
    "30/06/2026,\n31/12/2026" (:func:`due_pair`). June's alone read "Hạn 30/06/2026"
    beside "Đúng hạn" on 11/12 and "Trong hạn" after it had passed (a QA pass).
    """
    if deadline.due is not None:
        if cutoff is None:
            return deadline.due
        due = deadline.due_at(cutoff)
        later = [d for d in _dues(deadline) if d > due]
        return due_pair(due, later[0]) if due <= cutoff and later else due
    return RECURRENCE_LABELS.get(deadline.recurrence or "", JUDGMENT_LABEL)


def due_pair(judged: date, next_due: date) -> str:
    """The "Hạn" cell of a deliverable whose part due by the cut-off (``judged``) has
    passed, with the part still to come (``next_due``): the two dates, one a line."""
    return f"{judged:%d/%m/%Y},\n{next_due:%d/%m/%Y}"


def due_texts(deadline: Deadline) -> tuple[str, ...]:
    """Every text :func:`due_value` may write for a deliverable at any period's cut-off
    (the two dates of each part and the next): what a returned file may show in its
    "Hạn (ngày)" cell, as split wrote it."""
    dues = _dues(deadline)
    return tuple(due_pair(a, b) for a, b in itertools.pairwise(dues))


def _dues(deadline: Deadline) -> list[date]:
    """The dates of a deadline's parts, in order, once each."""
    return sorted({p.due for p in deadline.parts if p.due})


_NAMED_MAX = 5  # a role cell names at most this many other units,
_NAMES_MAX = 160  # and only while their names together are about this short
_LEAD_TEXT_MAX = 40  # the plan's words for more leads, when as short as a name
# "Chủ trì cùng …" (the other leads), "Phối hợp với …" (the leads): role_text.
_ROLE_WITH = {LEAD: "cùng", SUPPORT: "với"}


def role_text(master: Master, d: Deliverable, role: str, unit: str = "") -> str:
    """What ``unit``'s workbook writes in its "Vai trò" cell, so that it knows whom it
    works with.

    A coordinating unit: "Phối hợp với" the lead units, their names (five at most, while
    short enough to read in the cell), else the plan's words when short ("UBND cấp
    xã"), else how many they are. A lead unit: "Chủ trì" when it leads alone; "Chủ trì
    cùng" the other lead units when it shares the lead, their names (as many), else how
    many they are ("Chủ trì cùng 6 đơn vị khác"); many communes among them are counted
    as communes, the few others named ("Chủ trì cùng Sở Nội vụ và 165 xã, phường khác",
    "Chủ trì cùng 166 xã, phường"): a province's "Sở Nội vụ; UBND các xã, phường" said
    "Chủ trì cùng 166 đơn vị khác" to the Sở and to each commune, whom not said (a QA
    pass). Without ``unit``, a lead row says
    "Chủ trì" (its own name could not be left out). Merging takes the role from the
    plan, never from this text (:func:`role_as_issued`).
    """
    label = ROLE_LABELS[role]
    if (role == LEAD and (not unit or len(d.lead) < 2)) or (role == SUPPORT and not d.lead):
        return label
    leads = _known_leads(master, d)
    count = len(leads.known) - (role == LEAD and unit in leads.known_set)
    # Split and merge ask for every row: one text a product, but for a co-lead named
    # among few others (its own name left out).
    # A lead among few others, or one of the few leads not a commune beside many
    # communes, is told the others by name: its own text; the communes among many share
    # one ("cùng Sở Nội vụ và 165 xã, phường khác").
    own = role == LEAD and (count <= _NAMED_MAX or (
        unit in leads.known_set and unit not in leads.communes
        and len(leads.known) - len(leads.communes) <= _NAMED_MAX + 1))
    key = (role, unit if own else (count, unit in leads.communes))
    text = leads.texts.get(key)
    if text is None:
        text = leads.texts[key] = _role_text(master, d, role, unit, leads, count)
    return text


def _role_text(master: Master, d: Deliverable, role: str, unit: str, leads: _Leads,
               count: int) -> str:
    label = ROLE_LABELS[role]
    known = leads.known
    if count <= 0:
        return label
    if role == LEAD:
        others = _named([c for c in known if c != unit], master) if count <= _NAMED_MAX \
            else None
        if others is None:
            others = _communes_counted(master, unit, leads)
        return f"{label} cùng {others or f'{vn_number(count)} đơn vị khác'}"
    leads = _named(list(known), master) if count <= _NAMED_MAX else None
    if leads is None:
        written = strip_edges(one_line(d.lead_text))
        if written and "\n" not in d.lead_text.strip() and len(written) <= _LEAD_TEXT_MAX:
            # "Các phòng, ban, ngành" is not a name: in the sentence, "các".
            leads = "các" + written[3:] if written.startswith("Các ") else written
        else:
            leads = f"{vn_number(count)} đơn vị chủ trì"
    return f"{label} với {leads}"


def role_as_issued(text: str, role: str) -> bool:
    """Whether a "Vai trò" cell's text is one :func:`role_text` writes for ``role``,
    whoever it names: the role alone (files issued before the cell named anyone), or
    "Chủ trì cùng …" / "Phối hợp với …". The units named are those of the plan when the
    file was issued: a lead added or a unit renamed since changes the text of files
    already issued, which their units did not edit; and the text is never read (the
    plan says the role)."""
    label = ROLE_LABELS[role]
    return text == label or text.startswith(f"{label} {_ROLE_WITH[role]} ")


def _communes_counted(master: Master, unit: str, leads: _Leads) -> str | None:
    """The other leads of a product many communes lead, the communes counted and the
    few other units named: "Sở Nội vụ và 165 xã, phường khác" (to a commune: "khác", it
    is one of them), "166 xã, phường" (to the Sở). None when the communes are few or the
    others too many to name."""
    communes = [c for c in leads.known if c in leads.communes and c != unit]
    rest = [c for c in leads.known if c not in leads.communes and c != unit]
    if len(communes) <= _NAMED_MAX or len(rest) > _NAMED_MAX:
        return None
    crowd = f"{vn_number(len(communes))} {commune_kinds(master.units)}" + (
        " khác" if unit in leads.communes else "")
    if not rest:
        return crowd
    named = _named(rest, master)
    if named is None:
        return None
    return f"{named}; {crowd}" if " và " in named else f"{named} và {crowd}"


def _named(codes: list[str], master: Master) -> str | None:
    """The units' names as a list in a sentence: "A", "A và B", "A, B và C"; "A; B; C"
    when a name has "và" of its own ("Văn phòng HĐND và UBND; Phòng Kinh tế"). None
    when too long to read in the cell."""
    names = master.unit_names(codes)
    if any(" và " in n for n in names):
        text = "; ".join(names)
    else:
        text = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"
    return text if len(names) <= 1 or len(text) <= _NAMES_MAX else None


@dataclass
class _Leads:
    """A product's lead codes known to the plan, in plan order and as a set, its
    communes, and the role texts worked out from them (role_text)."""

    known: tuple[str, ...]
    known_set: frozenset[str]
    communes: frozenset[str]  # those of them that are communes
    texts: dict[tuple[str, object], str] = field(default_factory=dict)


# Those of the products last asked about, by id(product), with the objects they were
# worked out from: the product, its lead list and length, the plan's units and length.
_LEADS_SEEN: dict[int, tuple[Deliverable, list[str], int, list[Unit], int, _Leads]] = {}
_LEADS_KEPT = 4096


def _known_leads(master: Master, d: Deliverable) -> _Leads:
    """The distinct lead codes of a product that are units of the plan, in plan order,
    and as a set.

    Every unit given the product asks, in split and again in merge, and 2,000 communes
    may lead one product: worked out once per product and kept while the product, its
    lead list and the plan's unit list are the same objects of the same lengths (as
    Master keeps its index of units)."""
    seen = _LEADS_SEEN.get(id(d))
    if (seen is not None and seen[0] is d and seen[1] is d.lead and seen[2] == len(d.lead)
            and seen[3] is master.units and seen[4] == len(master.units)):
        return seen[5]
    units = master.units_by_code()
    known = tuple(c for c in dict.fromkeys(d.lead) if c in units)
    found = _Leads(known, frozenset(known),
                   frozenset(c for c in known if units[c].kind == COMMUNE))
    if len(_LEADS_SEEN) >= _LEADS_KEPT:
        _LEADS_SEEN.clear()
    _LEADS_SEEN[id(d)] = (d, d.lead, len(d.lead), master.units, len(master.units), found)
    return found


@dataclass(frozen=True)
class AssignedRow:
    """One row of a unit's workbook: a product the unit leads or supports."""

    area: Area
    task: Task
    deliverable: Deliverable
    role: str  # vocab.LEAD or vocab.SUPPORT
    unit: str = ""  # the unit's code: its "Vai trò" cell names the other leads (role_text)


def assigned_rows(master: Master, unit_code: str) -> list[AssignedRow]:
    """The rows a unit is given, in plan order."""
    rows = []
    for area in master.areas:
        for task in area.tasks:
            for d in task.deliverables:
                role = d.role_of(unit_code)
                if role:
                    rows.append(AssignedRow(area, task, d, role, unit_code))
    return rows


def rows_by_unit(master: Master) -> dict[str, list[AssignedRow]]:
    """Every unit's rows, in plan order, in one pass over the assignments (asking
    :func:`assigned_rows` per unit is quadratic at 2,000 units)."""
    out: dict[str, list[AssignedRow]] = {}
    for area in master.areas:
        for task in area.tasks:
            for d in task.deliverables:
                lead = set(d.lead)
                for code in dict.fromkeys(d.lead):
                    out.setdefault(code, []).append(AssignedRow(area, task, d, LEAD, code))
                for code in dict.fromkeys(d.support):
                    if code not in lead:
                        out.setdefault(code, []).append(
                            AssignedRow(area, task, d, SUPPORT, code))
    return out


def roles_of(rows: Iterable[AssignedRow]) -> dict[tuple[str, str], str]:
    """(unit, product) -> the role each of ``rows`` gives its unit (vocab.LEAD or
    SUPPORT): what split fills in must have been reported in the role the row has now
    (carried.previous_reports). A plan amended to give a task to its coordinator filled
    the new lead's row with its "done" of its own part, and the task counted done,
    reported so by no lead (a QA pass); the lead given the coordinating part instead had
    the task's progress on a row of its part."""
    return {(r.unit, r.deliverable.id): r.role for r in rows}


def assigned_units(master: Master) -> list[tuple[Unit, list[AssignedRow]]]:
    """Every unit with at least one row, in registry order, with its rows."""
    by_unit = rows_by_unit(master)
    return [(unit, by_unit[unit.code]) for unit in master.units if by_unit.get(unit.code)]


def unit_loads(master: Master) -> list[tuple[Unit, int, int]]:
    """Every unit of the registry, in its order, with the rows it leads and supports
    (0 and 0: a unit no task is given, which gets no file)."""
    by_unit = rows_by_unit(master)
    return [(unit, *count_roles(by_unit.get(unit.code, []))) for unit in master.units]


def most_rows(master: Master) -> int:
    """The most rows any unit is given (0 for a plan with no assignment)."""
    per_unit: dict[str, int] = {}
    for d in master.deliverables():
        for code in set(d.lead) | set(d.support):
            per_unit[code] = per_unit.get(code, 0) + 1
    return max(per_unit.values(), default=0)


def count_roles(rows: list[AssignedRow]) -> tuple[int, int]:
    """(rows led, rows supported)."""
    lead = sum(1 for r in rows if r.role == LEAD)
    return lead, len(rows) - lead


def area_sheets(rows: Iterable[AssignedRow]) -> dict[str, str]:
    """The task sheet of each area of a unit's rows (given in plan order), by area code,
    as split names them: the reader finds there the sheet of a row the unit deleted."""
    names: dict[str, str] = {}
    taken = {GUIDE_SHEET.casefold(), IDENTITY_SHEET.casefold()}
    for r in rows:
        if r.area.code not in names:
            names[r.area.code] = sheet_name(area_tab(r.area.sheet, r.area.title), taken)
    return names


_UNSAFE_FILE_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def workbook_filename(unit: Unit) -> str:
    """"X07-Xã-Hoằng-Đồng.xlsx": the unit code, then its name with its diacritics."""
    return f"{safe_code(unit.code)}-{file_part(unit.name)}.xlsx"


def safe_code(code: str) -> str:
    """A unit code as a file-name part."""
    return _UNSAFE_FILE_CHARS.sub("_", code).strip("._") or "x"


@dataclass
class Identity:
    plan: str
    year: int
    unit: str
    unit_name: str
    period: str
    rows: list[str] = field(default_factory=list)
    issued_at: str = ""
    format: str = FORMAT
    inputs: str = ""  # input_digest of the input cells as issued ("" in older files)
    shown: str = ""  # input_digest of the PLAN_CELLS as issued ("" in older files)

    @property
    def checksum(self) -> str:
        return checksum(self.plan, self.unit, self.period, self.rows)

    def fields(self) -> dict[str, str]:
        """The identity as text key/values, as written to every carrier."""
        return {
            "format": self.format,
            "plan": self.plan,
            "year": str(self.year),
            "unit": self.unit,
            "unit_name": self.unit_name,
            "period": self.period,
            "issued_at": self.issued_at,
            "rows": ",".join(self.rows),
            "checksum": self.checksum,
            "inputs": self.inputs,
            "shown": self.shown,
        }

    @classmethod
    def from_fields(cls, values: dict[str, str]) -> Identity:
        year = values.get("year", "") or "0"
        return cls(
            plan=values.get("plan", ""),
            year=int(float(year)) if year.replace(".", "", 1).isdigit() else 0,
            unit=values.get("unit", ""),
            unit_name=values.get("unit_name", ""),
            period=values.get("period", ""),
            rows=[r for r in values.get("rows", "").split(",") if r],
            issued_at=values.get("issued_at", ""),
            format=values.get("format", ""),
            inputs=values.get("inputs", ""),
            shown=values.get("shown", ""),
        )


# Carried by defined names and document properties (short values only: Excel limits
# a defined name's formula to 255 characters; the row list lives in the hidden sheet).
SHORT_FIELDS = ("format", "plan", "unit", "period", "checksum")
# Cells one identity value may take on the hidden sheet: 2,000 x 32,767 characters
# hold the row list of any plan (a row id is a few characters).
_MAX_PIECES = 2000
_MAX_KEYS = 50  # rows of the hidden sheet read (it has one per field)


def checksum(plan: str, unit: str, period: str, rows: list[str]) -> str:
    text = "\n".join([FORMAT, plan, unit, period, *sorted(rows)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _canonical(value: object) -> str:
    if value is None:
        return ""
    if value.__class__ is str:  # most cells: none of the types below
        return clean(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(float(value))
    return clean(value)


def issued_inputs(before: Answer | None) -> tuple[object, ...]:
    """The input cells as split issues a task row with them, in INPUT_COLUMNS order:
    blank, or the unit's last answer carried forward (``split --ledger``)."""
    if before is None:
        return ("", None, None, "", "")
    return (before.status or "", before.percent, before.completed_on, before.evidence,
            before.note)


def input_digest(rows: Iterable[tuple[str, Sequence[object]]]) -> str:
    """A digest of some cells of each row (the input cells, :data:`INPUT_COLUMNS`, or the
    plan's, :data:`PLAN_CELLS`, in order) by row id.

    Split records it for the cells as issued (inputs blank, or carried forward from the
    ledger); merge computes it again on the returned file: equal inputs mean the unit
    changed nothing, so the file is not a report; equal plan cells, that the unit left
    them as issued, so that where they differ from the plan now, the plan changed.
    """
    return lines_digest(digest_line(did, values) for did, values in rows)


def digest_line(did: str, values: Sequence[object]) -> str:
    """One row's line of :func:`input_digest` (split keeps those its units share)."""
    return f"{did.casefold()}\t" + "\t".join([_canonical(v) for v in values])


_BLANK_INPUTS = digest_line("", issued_inputs(None))[1:]  # a blank row's line after its id


def issued_line(did: str, before: Answer | None) -> str:
    """:func:`digest_line` of a row's input cells as split issues them
    (:func:`issued_inputs`); a blank row's made without reading its blank cells."""
    if before is None:
        return f"{did.casefold()}\t{_BLANK_INPUTS}"
    return digest_line(did, issued_inputs(before))


def lines_digest(lines: Iterable[str]) -> str:
    """:func:`input_digest` of its rows' lines, in any order."""
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:16]


def defined_name(key: str) -> str:
    return NAME_PREFIX + key.upper()


def property_name(key: str) -> str:
    return PROPERTY_PREFIX + key


def _pieces(value: str) -> list[str]:
    """A value cut into pieces that each fit one cell (a unit of a large plan has
    thousands of rows: their list is longer than the 32,767 characters of a cell,
    and Excel and xlsxwriter cut a longer text, which broke the checksum)."""
    return [value[i:i + CELL_TEXT_MAX] for i in range(0, len(value), CELL_TEXT_MAX)] or [""]


def _name_text(value: str) -> str:
    """A defined name's text constant holding ``value`` (its quotes left out)."""
    return '"' + value.replace('"', "") + '"'


def write_identity_xlsxwriter(workbook, identity: Identity) -> None:
    """Write every identity carrier into an xlsxwriter workbook.

    On the hidden sheet each value takes column B and, when it does not fit one cell,
    the next columns: the reader joins them.
    """
    values = identity.fields()
    ws = workbook.add_worksheet(IDENTITY_SHEET)
    for r, (key, value) in enumerate(values.items()):
        ws.write_string(r, 0, key)
        for c, piece in enumerate(_pieces(value), start=1):
            ws.write_string(r, c, piece)
    ws.protect()
    ws.very_hidden()
    for key in SHORT_FIELDS:
        workbook.define_name(defined_name(key), "=" + _name_text(values[key]))
        workbook.set_custom_property(property_name(key), values[key])


def write_identity_openpyxl(wb, identity: Identity) -> None:
    """Every identity carrier written into an openpyxl workbook as
    :func:`write_identity_xlsxwriter` writes them, in place of any it had (a feedback
    workbook whose file lost some or all of them: feedback.py)."""
    values = identity.fields()
    if IDENTITY_SHEET in wb.sheetnames:
        del wb[IDENTITY_SHEET]
    ws = wb.create_sheet(IDENTITY_SHEET)
    for r, (key, value) in enumerate(values.items(), start=1):
        for c, piece in enumerate([key, *_pieces(value)], start=1):
            put_value(ws.cell(r, c), piece)
    ws.protection.sheet = True
    ws.sheet_state = "veryHidden"
    props = wb.custom_doc_props
    props.props = [p for p in props.props if not p.name.startswith(PROPERTY_PREFIX)]
    for key in SHORT_FIELDS:
        name = defined_name(key)
        wb.defined_names[name] = DefinedName(name, attr_text=_name_text(values[key]))
        props.append(StringProperty(name=property_name(key), value=values[key]))


# How the identity's fields and its carriers are named to the office (a file refused
# for a conflict between them names them).
_FIELD_WORDS = {"format": "định dạng tệp", "plan": "mã kế hoạch", "unit": "mã đơn vị",
                "period": "kỳ báo cáo", "checksum": "mã kiểm tra"}
_CARRIER_WORDS = {"sheet": "trang ẩn", "names": "tên đặt trong tệp",
                  "properties": "thuộc tính tệp"}
_SHOWN_MAX = 40  # characters of a value quoted in a conflict


@dataclass(frozen=True)
class IdentityConflict:
    """One identity field the carriers give differently: each value given, with the
    carriers that give it (in the order read)."""

    key: str
    given: tuple[tuple[str, tuple[str, ...]], ...]

    def __str__(self) -> str:
        def said(value: str, sources: tuple[str, ...]) -> str:
            shown = value if len(value) <= _SHOWN_MAX else value[:_SHOWN_MAX] + "…"
            return f"'{shown}' ở " + " và ".join(_CARRIER_WORDS.get(s, s) for s in sources)
        return (self.opening(self.key)
                + ", ".join(said(value, sources) for value, sources in self.given))

    @staticmethod
    def opening(key: str) -> str:
        """How a conflict of field ``key`` opens as said ("mã đơn vị ghi "): a message
        holding it names that field given differently."""
        return f"{_FIELD_WORDS.get(key, key)} ghi "


@dataclass
class IdentityReading:
    """What the carriers of a returned workbook say, and whether they agree."""

    identity: Identity | None
    sources: list[str]
    conflicts: list[IdentityConflict]
    checksum_ok: bool


def _unquote(text: str) -> str:
    text = text.strip()
    if text.startswith("="):
        text = text[1:]
    return text.strip().strip('"')


def _identity_rows(ws) -> Iterator[tuple[object, list[str]]]:
    """(key, texts after it) of each row of the identity sheet with a key. The fast
    reader gives only the cells that hold a value; openpyxl pads each row to
    _MAX_PIECES columns."""
    sparse = getattr(ws, "cells_by_row", None)  # cchc_xl.fast.reader.FastSheet
    if sparse is not None:
        for _, cells in sparse(_MAX_KEYS, _MAX_PIECES + 1):
            if 0 in cells:
                yield cells[0][0], [str(cells[i][0]) for i in sorted(cells) if i]
        return
    for row in ws.iter_rows(max_row=_MAX_KEYS, max_col=_MAX_PIECES + 1, values_only=True):
        if row and row[0] is not None:
            yield row[0], _row_pieces(row)


def _row_pieces(row: tuple) -> list[str]:
    """The texts after the key of an identity row, in order. The row is padded with
    None to _MAX_PIECES columns and holds a few values: counted at C speed, then
    taken until the last one instead of looking at every column."""
    left = len(row) - row.count(None) - 1  # values after the key
    pieces = []
    for v in itertools.islice(row, 1, None):
        if left <= 0:
            break
        if v is not None:
            pieces.append(str(v))
            left -= 1
    return pieces


def read_identity(wb) -> IdentityReading:
    """Read every identity carrier from an openpyxl workbook (read-only mode works)."""
    found: dict[str, dict[str, str]] = {}
    if IDENTITY_SHEET in wb.sheetnames:
        values = {}
        for key, pieces in _identity_rows(wb[IDENTITY_SHEET]):
            values[str(key).strip()] = "".join(pieces).strip()
        if values:
            found["sheet"] = values
    names = {}
    for key in SHORT_FIELDS:
        dn = wb.defined_names.get(defined_name(key))
        if dn is not None and dn.attr_text:
            names[key] = _unquote(dn.attr_text)
    if names:
        found["names"] = names
    props = {}
    for prop in getattr(wb, "custom_doc_props", None) or []:
        if prop.name.startswith(PROPERTY_PREFIX):
            props[prop.name[len(PROPERTY_PREFIX):]] = str(prop.value)
    if props:
        found["properties"] = props
    if not found:
        return IdentityReading(None, [], [], False)
    merged: dict[str, str] = {}
    given: dict[str, dict[str, list[str]]] = {}  # key: value: the carriers giving it
    for source, values in found.items():
        for key, value in values.items():
            given.setdefault(key, {}).setdefault(value, []).append(source)
            merged.setdefault(key, value)
    conflicts = [IdentityConflict(key, tuple((v, tuple(s)) for v, s in values.items()))
                 for key, values in given.items() if len(values) > 1]
    identity = Identity.from_fields(merged)
    ok = "checksum" in merged and "rows" in merged and identity.checksum == merged["checksum"]
    return IdentityReading(identity, list(found), conflicts, ok)
