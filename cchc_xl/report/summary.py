"""The figures of one period's report, computed from a ledger snapshot.

:func:`summarize` turns a :class:`~cchc_xl.ledger.LedgerSnapshot` into a
:class:`Summary` (plain dataclasses, figures as numbers); nothing here lays out or
writes anything (:mod:`.tables` does the layout, :mod:`.xlsx` and :mod:`.html` draw).

Counting rules (also printed in the report's notes, ``templates/report-notes.txt.j2``):

- the unit counted is the task; a task with several products is done when every
  product is done, on time when every product was done on time;
- a product's result comes from its lead units: done when every lead is done, its
  percentage the mean of the leads'; coordinators' reports are shown beside it;
  a task given to a group ("UBND các xã, thị trấn") has each member as a lead;
- a lead that sent nothing (or left the row blank) is "chưa báo cáo" and counts as
  not started;
- timeliness is judged at the period's cut-off (:mod:`cchc_xl.timeliness`);
- a cumulative period (6 tháng, 9 tháng, năm: it starts at or before the plan
  year's start) counts every task of the plan; a single quarter counts the products
  due inside it, those without a date, those due earlier and still unfinished and
  those completed inside it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from .. import ledger as L
from .. import timeliness as T
from ..answer import Answer
from ..model import LEAD, SUPPORT, Area, Deliverable, Master, Period, Plan, Task
from ..periods import is_cumulative
from ..text import rate, vn_percent
from ..vocab import (
    ACCEPTED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    REJECTED,
    RETURN_LATE,
    RETURN_MISSING,
    RETURN_ON_TIME,
    RETURN_REJECTED,
)

# --- the computation ---------------------------------------------------------------------

# Where each task lands in the table by area: one bucket per task.
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
DONE_JUDGE = "done_judge"
PROGRESS_WITHIN = "progress_within"
PROGRESS_LATE = "progress_late"
PROGRESS_JUDGE = "progress_judge"
NOT_STARTED_BUCKET = "not_started"
BUCKETS = (DONE_ON_TIME, DONE_LATE, DONE_JUDGE, PROGRESS_WITHIN, PROGRESS_LATE, PROGRESS_JUDGE,
           NOT_STARTED_BUCKET)
_BUCKET_OF = {
    (DONE, T.ON_TIME): DONE_ON_TIME, (DONE, T.LATE): DONE_LATE, (DONE, T.JUDGE): DONE_JUDGE,
    (IN_PROGRESS, T.WITHIN): PROGRESS_WITHIN, (IN_PROGRESS, T.LATE): PROGRESS_LATE,
    (IN_PROGRESS, T.JUDGE): PROGRESS_JUDGE,
}



@dataclass
class ProductResult:
    """One product of a task at the cut-off: its leads' reports combined."""

    id: str
    product: str
    deadline: str
    due: date | None
    leads: list[Answer]
    supports: list[Answer]
    status: str
    percent: float | None
    completed_on: date | None
    timeliness: str | None
    in_scope: bool = True

    @property
    def done(self) -> bool:
        return self.status == DONE


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.fmean(known), 2) if known else None


def combine_status(statuses: Sequence[str]) -> str:
    """All done: done; none begun: not started; anything else: in progress."""
    if statuses and all(s == DONE for s in statuses):
        return DONE
    if all(s == NOT_STARTED for s in statuses):
        return NOT_STARTED
    return IN_PROGRESS


def combine_timeliness(status: str, parts: Sequence[tuple[bool, str | None]]) -> str | None:
    """A whole's timeliness from its parts' (done, timeliness).

    Done: late if any part was late, else needs judgment if any part does, else on
    time. Unfinished: judged on the unfinished parts only, late first.
    """
    if status == DONE:
        codes = [t for _, t in parts]
    else:
        codes = [t for done, t in parts if not done]
    for code in (T.LATE, T.JUDGE):
        if code in codes:
            return code
    return T.ON_TIME if status == DONE else T.WITHIN


@dataclass
class TaskResult:
    area: str
    id: str
    number: str
    content: str
    lead_text: str
    products: list[ProductResult]
    status: str
    percent: float | None
    timeliness: str | None

    @property
    def bucket(self) -> str:
        if self.status == NOT_STARTED:
            return NOT_STARTED_BUCKET
        return _BUCKET_OF[(self.status, self.timeliness or T.JUDGE)]

    @property
    def reported(self) -> bool:
        """Some lead reported on some product of the task."""
        return any(r.reported for p in self.products for r in p.leads)

    @property
    def pending(self) -> bool:
        """Unfinished, or finished late: listed in the table of tasks to follow up."""
        return self.status != DONE or self.timeliness == T.LATE

    def leads_not_done(self) -> list[Answer]:
        seen: dict[str, Answer] = {}
        for p in self.products:
            for r in p.leads:
                if r.counted_status != DONE:
                    seen.setdefault(r.unit, r)
        return list(seen.values())

    def lead_units(self) -> list[str]:
        return list(dict.fromkeys(r.unit for p in self.products for r in p.leads))


@dataclass
class AreaStat:
    """One row of the table by reform area (or the total row)."""

    code: str
    title: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    not_reported: int = 0

    def add(self, task: TaskResult) -> None:
        self.counts[task.bucket] += 1
        if task.status == NOT_STARTED and not task.reported:
            self.not_reported += 1

    @property
    def assigned(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[DONE_ON_TIME] + self.counts[DONE_LATE] + self.counts[DONE_JUDGE]

    @property
    def in_progress(self) -> int:
        return (self.counts[PROGRESS_WITHIN] + self.counts[PROGRESS_LATE]
                + self.counts[PROGRESS_JUDGE])

    @property
    def not_started(self) -> int:
        return self.counts[NOT_STARTED_BUCKET]

    @property
    def judge(self) -> int:
        return self.counts[DONE_JUDGE] + self.counts[PROGRESS_JUDGE]

    @property
    def rate(self) -> float | None:
        return rate(self.done, self.assigned)

    @property
    def rate_text(self) -> str:
        return vn_percent(self.done, self.assigned)


@dataclass
class UnitStat:
    """One row of the table by unit."""

    code: str
    name: str
    led: int
    supported: int
    done: int
    overdue: int
    submitted_on: date | None
    return_status: str
    days_late: int = 0
    rank: int | None = None

    @property
    def rate(self) -> float | None:
        return rate(self.done, self.led)

    @property
    def rate_text(self) -> str:
        return vn_percent(self.done, self.led)

    @property
    def return_text(self) -> str:
        if self.return_status == RETURN_LATE and self.days_late:
            return f"{RETURN_LATE} {self.days_late} ngày"
        return self.return_status


@dataclass
class Summary:
    """The figures of one period's report: everything the tables show, as data."""

    master: Master  # the plan as the ledger recorded it
    period: Period
    cumulative: bool
    tasks: list[TaskResult]
    out_of_scope: list[TaskResult]
    areas: list[AreaStat]
    total: AreaStat
    units: list[UnitStat]
    missing_units: list[str]
    rejected_units: list[str]
    files: int
    ledger: str
    updated_at: str

    @property
    def plan(self) -> Plan:
        return self.master.plan

    @property
    def unit_names(self) -> dict[str, str]:
        return {u.code: u.name for u in self.master.units}

    @property
    def as_of(self) -> date:
        return self.period.cutoff

    @property
    def pending(self) -> list[TaskResult]:
        return [t for t in self.tasks if t.pending]

    @property
    def sentence(self) -> str:
        """The sentence reports quote: "hoàn thành 31/75 nhiệm vụ, đạt 41,33%"."""
        t = self.total
        return (f"Hoàn thành {t.done}/{t.assigned} nhiệm vụ, đạt {t.rate_text}; "
                f"đang thực hiện {t.in_progress}, chưa thực hiện {t.not_started} nhiệm vụ.")


def _submitted_on(sub: L.Submission) -> date | None:
    for stamp in (sub.saved_at, sub.modified_at, sub.merged_at):
        if stamp:
            try:
                return datetime.fromisoformat(stamp).date()
            except ValueError:
                continue
    return None


def _in_scope(p: ProductResult, period: Period, cumulative: bool) -> bool:
    if cumulative or p.due is None:
        return True
    if period.start <= p.due <= period.cutoff:
        return True
    if p.due < period.start:
        return not p.done
    return p.completed_on is not None and period.start <= p.completed_on <= period.cutoff


def _product(d: Deliverable, reports: dict[tuple[str, str], Answer],
             as_of: date) -> ProductResult:
    def report(unit: str, role: str) -> Answer:
        row = reports.get((unit, d.id))
        if row is None:
            return Answer(deliverable=d.id, role=role, unit=unit)
        # Finished after the cut-off: not yet done in this period.
        status = T.status_as_of(row.status, row.completed_on, as_of)
        return Answer(deliverable=d.id, role=role, unit=unit, status=status,
                      percent=row.percent, completed_on=row.completed_on,
                      evidence=row.evidence, note=row.note)

    leads = [report(u, LEAD) for u in d.lead]
    supports = [report(u, SUPPORT) for u in d.support]
    status = combine_status([r.counted_status for r in leads])
    done_dates = [r.completed_on for r in leads]
    completed_on = max(done_dates) if status == DONE and all(done_dates) else None
    due = d.deadline.due
    return ProductResult(
        id=d.id, product=d.product, deadline=d.deadline.raw, due=due, leads=leads,
        supports=supports, status=status, percent=_mean(r.counted_percent for r in leads),
        completed_on=completed_on, timeliness=T.timeliness(due, status, completed_on, as_of))


def _task(area: Area, task: Task, products: list[ProductResult]) -> TaskResult:
    status = combine_status([p.status for p in products])
    return TaskResult(
        area=area.code, id=task.id, number=task.number, content=task.content,
        lead_text=task.deliverables[0].lead_text if task.deliverables else "",
        products=products, status=status,
        percent=_mean(r.counted_percent for p in products for r in p.leads),
        timeliness=combine_timeliness(status, [(p.done, p.timeliness) for p in products]))


def _unit_stats(master: Master, tasks: list[TaskResult], snapshot: L.LedgerSnapshot,
                assigned: list[str]) -> list[UnitStat]:
    as_of = snapshot.period.cutoff
    accepted = {s.unit: s for s in snapshot.submissions if s.outcome == ACCEPTED}
    rejected = {s.unit for s in snapshot.submissions if s.outcome == REJECTED}
    names = {u.code: u.name for u in master.units}
    stats = []
    for code in assigned:
        led = supported = done = overdue = 0
        for t in tasks:
            own = [(p, r) for p in t.products for r in p.leads if r.unit == code]
            if own:
                led += 1
                status = combine_status([r.counted_status for _, r in own])
                timing = combine_timeliness(
                    status, [(r.counted_status == DONE,
                              T.timeliness(p.due, r.counted_status, r.completed_on, as_of))
                             for p, r in own])
                done += status == DONE
                overdue += timing == T.LATE
            elif any(r.unit == code for p in t.products for r in p.supports):
                supported += 1
        sub = accepted.get(code)
        submitted = _submitted_on(sub) if sub else None
        if sub is None:
            status_text, late = (RETURN_REJECTED if code in rejected else RETURN_MISSING), 0
        elif submitted is not None and submitted > snapshot.period.due:
            status_text, late = RETURN_LATE, (submitted - snapshot.period.due).days
        else:
            status_text, late = RETURN_ON_TIME, 0
        stats.append(UnitStat(code=code, name=names.get(code, code), led=led,
                              supported=supported, done=done, overdue=overdue,
                              submitted_on=submitted, return_status=status_text,
                              days_late=late))
    _rank(stats)
    return stats


def _rank(stats: list[UnitStat]) -> None:
    """Order by completion rate, then fewer overdue tasks, then the return; ties share a rank.

    Units that lead nothing in the period are not ranked and come last.
    """
    order = {code: i for i, code in enumerate(s.code for s in stats)}
    returns = {RETURN_ON_TIME: 0, RETURN_LATE: 1, RETURN_REJECTED: 2, RETURN_MISSING: 2}

    def key(s: UnitStat) -> tuple:
        return (s.rate is None, -(s.rate or 0.0), s.overdue, returns[s.return_status])

    stats.sort(key=lambda s: (key(s), order[s.code]))
    previous = None
    for position, s in enumerate(stats, 1):
        if s.rate is None:
            continue
        s.rank = previous.rank if previous is not None and key(previous) == key(s) else position
        previous = s


def summarize(snapshot: L.LedgerSnapshot) -> Summary:
    """The period's figures from what the ledger holds. Pure: no files are written."""
    master = snapshot.master
    period = snapshot.period
    cumulative = is_cumulative(period, master.plan.year)
    reports = {(r.unit, r.deliverable): r for r in snapshot.rows}
    tasks: list[TaskResult] = []
    out_of_scope: list[TaskResult] = []
    areas = []
    total = AreaStat("", "Tổng cộng")
    for area in master.areas:
        stat = AreaStat(area.code, area.title)
        for task in area.tasks:
            products = [_product(d, reports, period.cutoff) for d in task.deliverables]
            for p in products:
                p.in_scope = _in_scope(p, period, cumulative)
            counted = [p for p in products if p.in_scope]
            if not counted:
                out_of_scope.append(_task(area, task, products))
                continue
            result = _task(area, task, counted)
            tasks.append(result)
            stat.add(result)
            total.add(result)
        areas.append(stat)
    assigned = L.assigned_unit_codes(master)
    returned = {s.unit for s in snapshot.submissions if s.outcome == ACCEPTED}
    rejected = [c for c in assigned if c not in returned
                and any(s.unit == c and s.outcome == REJECTED for s in snapshot.submissions)]
    return Summary(
        master=master, period=period, cumulative=cumulative, tasks=tasks,
        out_of_scope=out_of_scope, areas=areas, total=total,
        units=_unit_stats(master, tasks, snapshot, assigned),
        missing_units=list(snapshot.missing_units), rejected_units=rejected,
        files=len(snapshot.submissions), ledger=str(snapshot.db_path),
        updated_at=snapshot.updated_at)

