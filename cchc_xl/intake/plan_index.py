"""What checking a returned file needs from the plan, worked out once per merge and
shared by the files it reads (:class:`PlanIndex`): the products' ids, each unit's rows,
what split wrote in the read-only columns, each product's earliest plausible day and due
dates, whose a file's name says it is."""

from __future__ import annotations

import functools
from datetime import date

from .. import assignment as A
from ..model import Deliverable, Master
from ..text import clean
from ..vocab import ROLE_LABELS
from .file_names import FileNames


class PlanIndex:
    """What checking a file needs from the plan, computed once per merge."""

    def __init__(self, master: Master) -> None:
        self.master = master
        self.known = {d.id for d in master.deliverables()}
        self._by_key = {did.casefold(): did for did in self.known}
        self._assigned: dict[str, dict[str, A.AssignedRow]] = {}
        self._by_unit: dict[str, list[A.AssignedRow]] | None = None
        self._readonly: dict[tuple[str, str, str], dict[str, tuple[str, ...]]] = {}
        self._readonly_of: dict[tuple[str, str, str], dict[str, tuple[str, ...]]] = {}
        self._first_day: dict[str, date] = {}
        self._due: dict[tuple[str, date], tuple[date | None, date | None]] = {}
        self._by_name: dict[str, str] | None = None
        self.file_names = FileNames(master)  # whose a file's name says it is (intake)

    def unit_named(self, name: str) -> str | None:
        """The code of the plan's unit of this name (None: none)."""
        if self._by_name is None:
            self._by_name = {u.name: u.code for u in self.master.units}
        return self._by_name.get(name)

    def canonical_id(self, typed: str) -> str:
        """The plan's spelling of an id typed in another case ("tc-01" is "TC-01")."""
        return self._by_key.get(typed.casefold(), typed)

    def prepare(self) -> PlanIndex:
        """Work out every unit's rows now, in one pass (0.1 s at national size): worth
        it before worker processes that will read many units' files are forked, as
        they share the result; without it, each unit's rows are worked out when its
        file is read (0.5 ms a unit at national size, the same rows)."""
        if self._by_unit is None:
            self._by_unit = A.rows_by_unit(self.master)
        return self

    def assigned(self, unit: str) -> dict[str, A.AssignedRow]:
        if unit not in self._assigned:
            rows = (A.assigned_rows(self.master, unit) if self._by_unit is None
                    else self._by_unit.get(unit, []))
            self._assigned[unit] = {ar.deliverable.id: ar for ar in rows}
        return self._assigned[unit]

    def first_day(self, d: Deliverable) -> date:
        """The earliest plausible completion date: the plan year's first day, or an
        earlier day the plan itself counts from (a period's data starting on 15/12 of
        the year before, the day the plan was issued), or the first day of an earlier
        year the deadline names (preparatory work such as "Xây dựng Kế hoạch: tháng
        11/2022" in a plan for 2023)."""
        day = self._first_day.get(d.id)
        if day is None:
            years = [p.due.year for p in d.deadline.parts if p.due] + [self.master.plan.year]
            day = self._first_day[d.id] = min(date(min(years), 1, 1), self._plan_first_day)
        return day

    @functools.cached_property
    def _plan_first_day(self) -> date:
        """The earliest day the plan counts from, for any product: its year's first day,
        a period's data start, the day it was issued."""
        plan = self.master.plan
        counted = [date(plan.year, 1, 1), plan.issued_from, *(p.start for p in self.master.periods)]
        return min(c for c in counted if c is not None)

    def due_dates(self, d: Deliverable, cutoff: date) -> tuple[date | None, date | None]:
        """(``Deadline.due_at(cutoff)``, ``Deadline.due``) of a deliverable, worked out
        once per merge (every unit's row of it asks)."""
        key = (d.id, cutoff)
        if key not in self._due:
            self._due[key] = (d.deadline.due_at(cutoff), d.deadline.due)
        return self._due[key]

    def readonly(self, ar: A.AssignedRow) -> dict[str, tuple[str, ...]]:
        """What split wrote in the read-only columns (task text and TT only on a task's
        first row, so a blank there is right too)."""
        # Asked for every row of every file: kept by the unit's row, as the plan gives it.
        key = (ar.deliverable.id, ar.role, ar.unit)
        found = self._readonly_of.get(key)
        if found is None:
            found = self._readonly_of[key] = self._readonly_texts(ar)
        return found

    def _readonly_texts(self, ar: A.AssignedRow) -> dict[str, tuple[str, ...]]:
        # A co-lead's role cell names the other leads, so it differs between the units
        # given the product (role_text: cheap, once worked out for the product).
        role = A.role_text(self.master, ar.deliverable, ar.role, ar.unit)
        key = (ar.deliverable.id, ar.role, role)
        if key not in self._readonly:
            deadline = ar.deliverable.deadline
            due = A.due_value(deadline)
            # Several dates: split wrote the one its period judges by (any of them), or
            # two of them, the one passed and the next (A.due_value).
            dues = (tuple(sorted({p.due.isoformat() for p in deadline.parts if p.due}))
                    + tuple(clean(t) for t in A.due_texts(deadline))
                    if isinstance(due, date) else (clean(due),))
            self._readonly[key] = {
                A.COL_NUMBER: (clean(ar.task.number), ""),
                A.COL_TASK: (clean(ar.task.content), ""),
                A.COL_PRODUCT: (clean(ar.deliverable.product),),
                # As issued now, or as files issued before it named the lead units.
                A.COL_ROLE: tuple(dict.fromkeys((role, ROLE_LABELS[ar.role]))),
                A.COL_DEADLINE: (clean(ar.deliverable.deadline.raw),),
                A.COL_DUE: dues,
            }
        return self._readonly[key]
