"""The plan's tasks as the Kế hoạch page lists them ("Xem N nhiệm vụ"): what the office
checks an imported plan by against its Word document before the split, without the
Excel plan table: each task under its area, its number as the plan prints it
(appendix.plan_numbers), its content, and each product with who leads and who
coordinates (a group as the plan writes it, with how many units it stands for, never
its units one by one), the deadline as written and how it was read (the due dates
``cchc-xl show`` prints, a recurrence, or the check's "chưa đọc được").

Built from the plan and the check's findings the page has already read, and rendered
once per version of the plan table (its content hash): a national plan of hundreds of
tasks and 2,000 units is not listed again on each visit to the page."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from ..appendix import plan_numbers
from ..assignment import due_value
from ..findings import Finding
from ..model import Area, Deliverable, Master
from ..plan_text import due_text
from ..text import match_key
from ..units import GROUP, SUBSET, UNIT, Piece, Registry
from ..vocab import LEAD, SUPPORT
from .per_plan import PerPlanVersion

TEMPLATE = "plan_tasks.html"

# A product's deadline the check could not read (or found none), said on its row as the
# check lists it (findings of these codes, on the product's row): the two agree.
UNREAD = {"deadline-unparsed": "Chưa đọc được thời hạn",
          "deadline-missing": "Chưa ghi thời hạn"}
OPEN_GROUP = "không giao cho đơn vị cụ thể nào"  # said after an open group's name
EMPTY_GROUP = "chưa có đơn vị nào"  # after a group of no unit yet (the check's error)


@dataclass(frozen=True)
class Product:
    """One product of a task, as its row shows it."""

    id: str
    product: str
    leads: list[str]  # each name of the lead cells, a group with its count of units
    # The units given the row as lead, as the split gives it them, where the names'
    # counts add up otherwise (a unit in two groups, or a lead named as coordinator too);
    # else None.
    lead_count: int | None
    supports: list[str]
    support_count: int | None
    deadline: str  # as written in the plan
    reading: str  # the due dates, a recurrence's label ("Thường xuyên"), or ""
    unread: str  # UNREAD's words where the check said so, else ""
    said: str  # the check's message of it (the flag's title)


@dataclass(frozen=True)
class TaskRow:
    number: str
    content: str
    products: list[Product]  # none for a heading over sub-tasks


@dataclass(frozen=True)
class AreaRows:
    title: str
    heading: str  # the plan's heading of the area ("Phụ lục số 01: …"), "" when the same
    tasks: list[TaskRow]
    count: int  # tasks, headings over sub-tasks not counted


@dataclass(frozen=True)
class Listing:
    areas: list[AreaRows]
    tasks: int
    unread: int  # products whose deadline the check could not read or found none


def named(piece: Piece, registry: Registry, names: dict[str, str]) -> str:
    """One name of a lead or coordinator cell as the page shows it: as the plan writes
    it, a unit's name in the registry beside it when written otherwise ("PNV (Phòng Nội
    vụ)"), a group with how many units it stands for ("UBND các xã, phường (140 đơn
    vị)"), an open group said to give nobody the work, a group of no unit said so."""
    if piece.kind == UNIT:
        name = names.get(piece.units[0], "") if piece.units else ""
        return f"{piece.text} ({name})" if name and match_key(name) != match_key(
            piece.text) else piece.text
    if piece.kind not in (GROUP, SUBSET):
        return piece.text
    if piece.units:
        return f"{piece.text} ({len(piece.units)} đơn vị)"
    group = registry.groups.get(piece.ref) if piece.kind == GROUP else None
    return f"{piece.text} ({EMPTY_GROUP if group and not group.is_open else OPEN_GROUP})"


def _roles(registry: Registry, d: Deliverable) -> tuple[list[Piece], list[Piece]]:
    """The pieces of a product's lead and coordinator cells by the role each gives, as
    the check reads them (a cell's own words, "A chủ trì, B phối hợp", first)."""
    lead_res = registry.resolve(d.lead_text, LEAD)
    support_res = registry.resolve(d.support_text, SUPPORT)
    pieces = [(p, p.role or LEAD) for p in lead_res.pieces] + \
        [(p, p.role or SUPPORT) for p in support_res.pieces]
    return ([p for p, role in pieces if role == LEAD],
            [p for p, role in pieces if role == SUPPORT])


def _unless(given: int, named: int) -> int | None:
    """The units given the row, where the names' counts say otherwise."""
    return given if given != named else None


def _reading(d: Deliverable, unread: bool) -> str:
    """How the deadline was read: its due dates, or the label of its recurrence (of work
    by an event: "Theo sự kiện, quy định"); "" when nothing of it was read."""
    if d.deadline.due is not None:
        return due_text(d.deadline)
    if unread and not any(p.recurrence for p in d.deadline.parts):
        return ""
    return str(due_value(d.deadline)) if d.deadline.parts else ""


def build(master: Master, findings: list[Finding]) -> Listing:
    """Every task of ``master`` by area, with what the check (``findings``) said of
    each product's deadline."""
    said: dict[str, Finding] = {}
    for f in findings:
        if f.code in UNREAD and f.task:
            said.setdefault(f.task, f)
    numbers = plan_numbers(master, placed=False)
    registry = Registry(master.units, master.groups)
    names = master.names
    # Each pair of cells read once (a plan's tasks share them): the names, and how many
    # units they stand for added up.
    cells: dict[tuple[str, str], tuple[list[str], int, list[str], int]] = {}

    def product(d: Deliverable) -> Product:
        key = (d.lead_text, d.support_text)
        if key not in cells:
            leads, supports = _roles(registry, d)
            cells[key] = ([named(p, registry, names) for p in leads],
                          sum(len(p.units) for p in leads),
                          [named(p, registry, names) for p in supports],
                          sum(len(p.units) for p in supports))
        leads, in_leads, supports, in_supports = cells[key]
        flagged = said.get(d.id)
        return Product(d.id, d.product, leads, _unless(len(d.lead), in_leads), supports,
                       _unless(len(d.support), in_supports),
                       d.deadline.raw, _reading(d, flagged is not None),
                       UNREAD[flagged.code] if flagged else "",
                       flagged.message if flagged else "")

    areas = [_area(a, numbers, product) for a in master.areas]
    products = [p for a in areas for t in a.tasks for p in t.products]
    return Listing(areas, sum(a.count for a in areas), sum(1 for p in products if p.unread))


def _area(area: Area, numbers: dict[str, str], product) -> AreaRows:
    rows: list[TaskRow] = []
    shown: set[str] = set()
    for t in area.tasks:
        heading = area.find_heading(t.parent) if t.parent else None
        if heading is not None and heading.id not in shown:
            shown.add(heading.id)
            rows.append(TaskRow(heading.number.strip().rstrip("."), heading.content, []))
        rows.append(TaskRow(numbers.get(t.id, t.number), t.content,
                            [product(d) for d in t.deliverables]))
    same = match_key(area.heading) == match_key(area.title)
    return AreaRows(area.title, "" if same else area.heading, rows, len(area.tasks))


_KEPT: PerPlanVersion[Markup] = PerPlanVersion()


def listed(master: Master, findings: list[Finding], env: jinja2.Environment) -> Markup:
    """The page's section listing the tasks, rendered once per version of the plan table
    (``master.sha256``, the file it was read from) and kept."""
    return _KEPT.get(master, env, lambda: Markup(
        env.get_template(TEMPLATE).render(listing=build(master, findings))))
