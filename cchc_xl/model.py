"""The plan as plain data: what the master workbook holds once read.

No I/O here. :mod:`cchc_xl.master` reads and writes these objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from .deadlines import BEFORE_BY, Deadline
from .vocab import LEAD, OTHER, SUPPORT

T = TypeVar("T")

# "ngày    tháng 12 năm 2022" in a "Kèm theo" line.
_ISSUE_MONTH = re.compile(r"tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})", re.IGNORECASE)


@dataclass
class Plan:
    """The plan sheet: who issued what, for which year."""

    authority: str
    title: str
    year: int
    number: str = ""
    issued: date | None = None
    attachment: str = ""
    appendix_title: str = ""
    code: str = ""
    before: str = BEFORE_BY
    # A unit named as coordinator that a lead group also holds: SUPPORT (it coordinates)
    # or LEAD (the reading of plans built before this rule, kept by the seeds).
    named_support: str = SUPPORT
    # The body that sends the letters and reports made from the plan, as the plan sheet
    # names it ("Sở Nội vụ": a People's Committee's plan whose letters and reports its
    # standing body for CCHC issues); "": the plan's authority (cchc_xl.sender).
    sender: str = ""
    # Who signs the reports and letters made from the plan, and the title printed above
    # the signature, a line each ("" each: the title the issuer's level gives, no name).
    signer: str = ""
    signer_title: str = ""
    # Where units send their returns back, and how (an office, a person, a telephone or
    # an address), printed on each unit's guide sheet ("" : the guide names no one).
    return_to: str = ""
    # The documents that amended the plan (văn bản sửa đổi, bổ sung), as cited, oldest
    # first ("Kế hoạch số 85/KH-UBND ngày 10/07/2026"): the plan keeps its own title,
    # number and date, and what the office signs cites them.
    amendments: list[str] = field(default_factory=list)

    @property
    def amended_in(self) -> str:
        """"sửa đổi, bổ sung tại Kế hoạch số 85/KH-UBND ngày 10/07/2026" ("" : none), as
        the report and letters cite the plan after its number and date."""
        if not self.amendments:
            return ""
        cited = self.amendments[0] if len(self.amendments) == 1 else (
            ", ".join(self.amendments[:-1]) + " và " + self.amendments[-1])
        return "sửa đổi, bổ sung tại " + cited

    @property
    def key(self) -> str:
        """Identity of the plan in split workbooks: the code, else year and number."""
        return self.code or f"{self.year}:{self.number}"

    @property
    def issued_from(self) -> date | None:
        """The day the plan was issued, or the first day of the month its "Kèm theo" line
        names when the day is left blank in a draft ("ngày   tháng 12 năm 2022")."""
        if self.issued:
            return self.issued
        m = _ISSUE_MONTH.search(self.attachment)
        if m and 1 <= int(m["month"]) <= 12:
            return date(int(m["year"]), int(m["month"]), 1)
        return None


@dataclass
class Unit:
    code: str
    name: str
    kind: str = OTHER
    aliases: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    row: int = 0
    # Optional contact columns of the registry, for reminders and mail merge.
    email: str = ""
    phone: str = ""
    contact: str = ""


CONTACT_FIELDS = ("email", "phone", "contact")  # Unit's optional contact fields


@dataclass
class Group:
    """A name that stands for many units ("UBND các xã, thị trấn")."""

    code: str
    name: str
    spellings: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    note: str = ""
    row: int = 0

    @property
    def is_open(self) -> bool:
        """An open group ("Các cơ quan liên quan") names nobody in particular."""
        return not self.kinds and not self.members


@dataclass
class Period:
    code: str
    name: str
    start: date
    cutoff: date
    due: date
    row: int = 0

    @property
    def in_sentence(self) -> str:
        """The name as a sentence writes it after other words: "6 tháng đầu năm 2026",
        "quý I năm 2026"."""
        return self.name[:1].lower() + self.name[1:]

    @property
    def with_code(self) -> str:
        """The code, as a command takes it (``--period 9T``), and the name beside it: "9T
        (9 tháng năm 2023)", in the messages of the command line."""
        return f"{self.code} ({self.name})"


@dataclass
class Deliverable:
    """One product of a task: the unit of assignment, reporting and merging."""

    id: str
    product: str
    deadline: Deadline
    funding: str = ""
    note: str = ""
    lead_text: str = ""
    support_text: str = ""
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    sheet: str = ""
    row: int = 0

    def role_of(self, unit_code: str) -> str | None:
        if unit_code in self.lead:
            return LEAD
        if unit_code in self.support:
            return SUPPORT
        return None


@dataclass
class Heading:
    """A numbered row that only groups sub-tasks ("6 | Nâng cao chất lượng…").

    It has no lead, product or deadline of its own; its sub-tasks ("6.1", "6.2",
    "a)", "b)") are tasks whose ``parent`` is this heading's id. Ids: heading
    "TC-06", sub-tasks "TC-06-1", "TC-06-2"; a second product of a sub-task is
    "TC-06-1.2", so a sub-task and a product can never be confused.
    """

    id: str
    number: str
    content: str
    row: int = 0


@dataclass
class Task:
    id: str
    number: str
    content: str
    deliverables: list[Deliverable] = field(default_factory=list)
    parent: str = ""  # id of the Heading this sub-task sits under, if any

    @property
    def lead(self) -> list[str]:
        return _union(d.lead for d in self.deliverables)

    @property
    def support(self) -> list[str]:
        return _union(d.support for d in self.deliverables)

    @property
    def lead_text(self) -> str:
        """Each product's leads as the plan writes them, once ("Sở Tài chính; Sở Tư
        pháp"): not the first product's alone (a figures audit: Biểu 3 named one lead of
        a task whose products have others)."""
        return "; ".join(dict.fromkeys(d.lead_text for d in self.deliverables if d.lead_text))


@dataclass
class Area:
    code: str
    title: str
    sheet: str
    heading: str = ""
    tasks: list[Task] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def deliverables(self) -> list[Deliverable]:
        return [d for t in self.tasks for d in t.deliverables]

    def find_heading(self, heading_id: str) -> Heading | None:
        return next((h for h in self.headings if h.id == heading_id), None)


@dataclass
class Master:
    """A whole master workbook."""

    plan: Plan
    units: list[Unit]
    groups: list[Group]
    periods: list[Period]
    areas: list[Area]
    path: str = ""
    sha256: str = ""  # of the workbook file it was read from ("" when not read from one)

    def unit(self, code: str) -> Unit:
        """The unit with this code (the first, as the registry lists them); KeyError if none."""
        return self.units_by_code()[code]

    def units_by_code(self) -> dict[str, Unit]:
        """Each code's first unit: a dict index built on first use and rebuilt when ``units``
        is replaced or grows (at 2,000 units a linear scan per call made merge quadratic).
        Shared: read it, never change it."""
        index = self.__dict__.get("_unit_index")
        if index is None or index[0] is not self.units or index[1] != len(self.units):
            by_code: dict[str, Unit] = {}
            for u in self.units:
                by_code.setdefault(u.code, u)
            index = (self.units, len(self.units), by_code)
            self.__dict__["_unit_index"] = index
        return index[2]

    def has_unit(self, code: str) -> bool:
        try:
            self.unit(code)
        except KeyError:
            return False
        return True

    def unit_names(self, codes: list[str]) -> list[str]:
        """Each code's unit's name; a code of no unit stands for itself, as in
        :attr:`names` lookups (a plan cut down to a few units, in a test)."""
        by_code = self.units_by_code()  # one index for the list (the ledger's plan
        # snapshot names 100,000 at 2,000 units)
        return [u.name if (u := by_code.get(c)) is not None else c for c in codes]

    @property
    def names(self) -> dict[str, str]:
        """Each unit's name by its code (the first unit of a code, as :meth:`unit` finds it)."""
        names: dict[str, str] = {}
        for u in self.units:
            names.setdefault(u.code, u.name)
        return names

    def in_registry_order(self, items: Iterable[T], code: Callable[[T], str]) -> list[T]:
        """``items`` in the order the registry lists their units (``code``: an item's unit
        code); an item of a unit not in it last, in the order given."""
        order = {u.code: i for i, u in enumerate(self.units)}
        return sorted(items, key=lambda item: order.get(code(item), len(order)))

    def period(self, code: str) -> Period | None:
        wanted = code.strip().upper()
        return next((p for p in self.periods if p.code.upper() == wanted), None)

    def tasks(self) -> list[Task]:
        return [t for a in self.areas for t in a.tasks]

    def deliverables(self) -> list[Deliverable]:
        return [d for a in self.areas for d in a.deliverables()]


# AREA-NUMBER, AREA-NUMBER-SUB for a sub-task, then ".N" for a task's N-th product.
ID_PATTERN = re.compile(
    r"^(?P<task>[A-Za-z0-9_]+-[A-Za-z0-9_]+(?:-(?P<sub>[A-Za-z0-9_]+))?)(?:\.(?P<product>\d+))?$")


def task_id_of(deliverable_id: str) -> str:
    """"TC-01.2" -> "TC-01": products of one task share the id before the dot."""
    return deliverable_id.split(".", 1)[0]


def parent_id_of(task_id: str) -> str:
    """"TC-06-1" -> "TC-06" (the heading of a sub-task); "" for a top-level task."""
    m = ID_PATTERN.match(task_id)
    if not m or not m["sub"]:
        return ""
    return m["task"][: -len(m["sub"]) - 1]


def _union(lists) -> list[str]:
    seen: dict[str, None] = {}
    for codes in lists:
        for c in codes:
            seen.setdefault(c, None)
    return list(seen)
