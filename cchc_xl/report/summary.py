"""The figures of one period's report, computed from a ledger snapshot.

:func:`summarize` turns a :class:`~cchc_xl.snapshot.LedgerSnapshot` into a
:class:`Summary` (plain dataclasses, figures as numbers); nothing here lays out or
writes anything (:mod:`.tables` does the layout, :mod:`.xlsx` and :mod:`.html` draw) nor
words the figures (:mod:`.said`).

Counting rules (in full in docs/counting.md; the report prints them in its notes,
``templates/report-notes.txt.j2``):

- the unit counted is the task; a task with several products is done when every
  product is done, on time when every product was done on time;
- a product's result comes from its lead units: done when every lead is done, its
  percentage the mean of the leads'; coordinators' reports are shown beside it;
  a task given to a group ("UBND các xã, thị trấn") has each member as a lead;
- a lead that sent nothing (or left the row blank) is "chưa báo cáo" and counts as
  not started;
- each lead row is judged once by :func:`cchc_xl.assessment.judge`: a row with an error
  is "cần xác minh" (not done; its reported percentage enters the means of progress,
  marked: :func:`.combine.progress`); a task without a single deadline reported with evidence
  is done on time in the period ("thực hiện đúng tiến độ"), without evidence it needs
  assessment; the office's "Đạt"/"Chưa đạt" overrides;
- figures are counted twice, in "nhiệm vụ" (tasks: :attr:`Summary.total`, areas) and
  in "lượt đơn vị chủ trì" (each lead's share of a task: units, :attr:`Summary.leads`);
- timeliness is judged at the period's cut-off (:mod:`cchc_xl.timeliness`);
- a cumulative period (6 tháng, 9 tháng, năm: it starts at or before the plan
  year's start) counts every task of the plan; a single quarter counts the products
  due inside it, those without a date, those due earlier and still unfinished and
  those completed inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .. import assessment as A
from .. import clock
from .. import timeliness as T
from ..answer import Answer
from ..issuer import is_the_issuer
from ..model import Area, Deliverable, Master, Period, Plan, Task
from ..periods import is_cumulative, quarter_end, quarter_start
from ..sender import is_the_sender
from ..snapshot import LedgerSnapshot, assigned_unit_codes
from ..submission import return_days, withdrawn_only
from ..text import rate, vn_percent
from ..vocab import (
    ACCEPTED,
    DONE,
    IN_PROGRESS,
    JUDGE,
    LATE,
    LEAD,
    NOT_STARTED,
    ON_TIME,
    PASS,
    REJECTED,
    RETURN_LATE,
    RETURN_MISSING,
    RETURN_ON_TIME,
    RETURN_REJECTED,
    SUPPORT,
    UNVERIFIED,
)
from .combine import (
    combine_status,
    combine_timeliness,
    mean_progress,
    needs_verification,
    reported_in_progress,
)
from .ranking import UnitStat, rank_units
from .said import LEAD_UNIT, TASK_UNIT, figures_sentence

# --- the computation ---------------------------------------------------------------------

# The figures, in the order every output shows them, with their one label each.
FIGURES = (
    ("tasks", "Tổng số"),
    ("done", DONE),
    ("done_on_time", "Hoàn thành đúng hạn"),
    ("done_late", "Hoàn thành quá hạn"),
    ("in_progress", IN_PROGRESS),
    ("not_started", NOT_STARTED),
    ("overdue", "Chưa hoàn thành, đã quá hạn"),
    ("needs_assessment", T.label(JUDGE)),
    ("needs_verification", UNVERIFIED),
    ("not_reported", f"Chưa có báo cáo (đã tính là {NOT_STARTED.lower()})"),
    ("judged_by_office", "Do cơ quan tổng hợp đánh giá"),
)
FIGURE_LABELS = dict(FIGURES)


@dataclass
class ProductResult:
    """One product of a task at the cut-off: its leads' answers combined.

    ``leads`` and ``supports`` are the units' answers taken at the cut-off (one per
    assigned unit; a unit that sent nothing has an answer with no status)."""

    id: str
    product: str
    deadline: str
    due: date | None  # the date due by the cut-off (None: no single deadline)
    leads: list[Answer]
    supports: list[Answer]
    status: str
    percent: float | None
    completed_on: date | None
    timeliness: str | None
    in_scope: bool = True
    percent_unverified: bool = False  # the percentage takes a row "cần xác minh"'s

    @property
    def done(self) -> bool:
        return self.status == DONE

    def label(self, r: Answer) -> str:
        """How a lead's answer on this product counts, in words: "Đúng hạn", "Thực hiện
        đúng tiến độ", "Cần xác minh", "Chưa báo cáo"..."""
        return A.row_label(r.reported, r.timeliness, dated=self.due is not None,
                           unverified=r.unverified, verdict=r.verdict)


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
    percent_unverified: bool = False  # the "Tiến độ" takes a row "cần xác minh"'s

    # Computed once (counted in the area's figures and the total): a task's products
    # and their answers do not change once summarize has made them.
    @cached_property
    def reported(self) -> bool:
        """Some lead reported on some product of the task, or the office assessed a lead
        row (its verdict comes first: the row is no longer "Chưa báo cáo")."""
        return any(r.spoke for p in self.products for r in p.leads)

    @cached_property
    def unverified(self) -> bool:
        return any(needs_verification(r) for p in self.products for r in p.leads)

    @cached_property
    def judged(self) -> bool:
        return any(r.verdict for p in self.products for r in p.leads)

    @property
    def pending(self) -> bool:
        """Unfinished, or finished late: listed in the table of tasks to follow up."""
        return self.status != DONE or self.timeliness == LATE

    @cached_property
    def carried_out(self) -> bool:
        """Done, with work that has no single due date (thường xuyên, định kỳ, theo sự
        kiện): counted done because it was carried out in the period."""
        return self.status == DONE and any(p.due is None for p in self.products)

    @cached_property
    def carried_out_in_progress(self) -> bool:
        """Carried out, and a lead reported its recurring work "Đang thực hiện"."""
        return self.carried_out and any(reported_in_progress(r) for p in self.products
                                        if p.due is None for r in p.leads)

    @cached_property
    def carried_out_judged(self) -> bool:
        """Carried out, not :attr:`carried_out_in_progress`, and the office judged a
        lead's recurring work Đạt: done by its verdict (docs/counting.md, rule 1), said
        apart where the report counts these tasks."""
        return (self.carried_out and not self.carried_out_in_progress
                and any(r.verdict == PASS for p in self.products if p.due is None
                        for r in p.leads))

    def leads_not_done(self) -> list[Answer]:
        seen: dict[str, Answer] = {}
        for p in self.products:
            for r in p.leads:
                if r.counted_status != DONE:
                    seen.setdefault(r.unit, r)
        return list(seen.values())

    def lead_units(self) -> list[str]:
        return list(dict.fromkeys(r.unit for p in self.products for r in p.leads))


def is_overdue(r: Answer) -> bool:
    """A lead row the figures count "chưa hoàn thành, đã quá hạn" (Counts.add: not done
    at the cut-off, its timeliness Quá hạn): the overdue letter's rows, and the leads
    the Word report names behind on an overdue task."""
    return r.counted_status != DONE and r.timeliness == LATE


@dataclass
class Counts:
    """The figures of a set of counted items (tasks, or lead units' shares of tasks).

    ``done`` = ``done_on_time`` + ``done_late`` + done needing assessment;
    ``tasks`` = ``done`` + ``in_progress`` + ``not_started``; ``overdue``,
    ``needs_assessment``, ``needs_verification``, ``not_reported`` and
    ``judged_by_office`` are "of which" counts.
    """

    tasks: int = 0
    done: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0
    needs_assessment: int = 0
    needs_verification: int = 0
    not_reported: int = 0
    judged_by_office: int = 0

    def add(self, status: str, timeliness: str | None, *, reported: bool, unverified: bool,
            judged: bool) -> None:
        self.tasks += 1
        if status == DONE:
            self.done += 1
            self.done_on_time += timeliness == ON_TIME
            self.done_late += timeliness == LATE
        else:
            self.in_progress += status == IN_PROGRESS
            self.not_started += status == NOT_STARTED
            self.overdue += timeliness == LATE
        self.needs_assessment += timeliness == JUDGE
        self.needs_verification += unverified
        self.not_reported += not reported
        self.judged_by_office += judged

    def add_task(self, t: TaskResult) -> None:
        self.add(t.status, t.timeliness, reported=t.reported, unverified=t.unverified,
                 judged=t.judged)

    @property
    def rate(self) -> float | None:
        return rate(self.done, self.tasks)

    @property
    def rate_text(self) -> str:
        return vn_percent(self.done, self.tasks)

    def as_dict(self) -> dict[str, object]:
        return {**{key: getattr(self, key) for key, _ in FIGURES}, "rate": self.rate}


@dataclass
class AreaStat(Counts):
    """One row of the table by reform area (or the total row); counted in tasks."""

    code: str = ""
    title: str = ""

    @property
    def assigned(self) -> int:
        return self.tasks


@dataclass(frozen=True)
class ReportsIn:
    """The reports the office asks for and those it has, counted once for every output
    that says it (:attr:`Summary.reports_in`): the Word report ("đã nhận báo cáo của 2/4
    đơn vị"), Biểu 2 ("Đã gửi 2/4"), the reminder letter, the consolidated workbook's
    "Tổng hợp" and Thu nhận ("Đơn vị đã gửi: 2/4"). The plan's issuer is none of them
    (:attr:`Summary.own_units`); the body sending the letters (the Sở Nội vụ for the
    People's Committee: :mod:`cchc_xl.sender`) is a unit with tasks, counted as any (a
    QA pass: the reminder said 1/3 and the report 2/4 of the same week)."""

    asked: int
    returned: int  # a report that counts: received by the due day or after it
    on_time: int  # received by the due day
    # The unit that sends the letters, among those counted (None: no such unit).
    sender: UnitStat | None = None

    @property
    def said(self) -> str:
        """"2/4": the reports in, of those asked for."""
        return f"{self.returned}/{self.asked}"

    @property
    def late(self) -> int:
        """Received after the due day."""
        return self.returned - self.on_time


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
    leads: Counts = field(default_factory=Counts)  # counted in lượt đơn vị chủ trì
    assessed_rows: int = 0  # lead rows (product × unit) the office assessed, counted
    assessed_outside: int = 0  # those of products the period does not count
    # What it was computed from: the rows as sent and their files (docx.written_notes).
    snapshot: LedgerSnapshot | None = field(default=None, repr=False, compare=False)
    # The day it is made: a report made before the cut-off is a draft, said so.
    made_on: date = field(default_factory=date.today, compare=False)

    @property
    def early(self) -> bool:
        """Made before the period's cut-off: units are still sending, and the report's
        dates (the cut-off, the day returns are due) are still to come."""
        return self.made_on < self.period.cutoff

    @property
    def counted_to(self) -> date:
        """The day the report says its figures are to: the cut-off, or the day it is made
        when that comes first (:attr:`early`; they are judged at the cut-off all the
        same, :attr:`as_of`)."""
        return self.made_on if self.early else self.period.cutoff

    @property
    def plan(self) -> Plan:
        return self.master.plan

    @cached_property
    def own_units(self) -> frozenset[str]:
        """The codes of the plan's units that are its issuer ("UBND xã" in a commune's
        plan: :func:`cchc_xl.issuer.is_the_issuer`): its own reports are chased inside
        the office, never by a letter to itself, nor counted among the reports the
        office received (the Word report, both letters, the Phản hồi page)."""
        return issuer_units(self.master)

    @property
    def reporting(self) -> list[UnitStat]:
        """The units whose reports the office asks for: :attr:`units` but its own."""
        return [u for u in self.units if u.code not in self.own_units]

    @cached_property
    def reports_in(self) -> ReportsIn:
        """The reports the office asks for (:attr:`reporting`) and those it has, as every
        output counts them (:class:`ReportsIn`)."""
        asked = self.reporting
        return ReportsIn(
            asked=len(asked), returned=sum(u.returned for u in asked),
            on_time=sum(u.return_status == RETURN_ON_TIME for u in asked),
            sender=next((u for u in asked if is_the_sender(u.name, self.plan)), None))

    @property
    def as_of(self) -> date:
        return self.period.cutoff

    @property
    def pending(self) -> list[TaskResult]:
        return [t for t in self.tasks if t.pending]

    def unverified(self) -> list[tuple[TaskResult, ProductResult, Answer]]:
        """Lead rows with an error the office has not judged: "cần xác minh"."""
        return [(t, p, r) for t in self.tasks for p in t.products for r in p.leads
                if needs_verification(r)]

    def row_label(self, unit: str, deliverable: str) -> str | None:
        """How one unit's row counts in words (a lead's or a coordinator's, the same
        rule: "Thực hiện đúng tiến độ", "Cần đánh giá"...; "" for none, as recurring
        work not started), in scope or not, for the consolidated workbook; None for a
        unit not on the product."""
        found = self._row_labels.get((unit, deliverable))
        if found is None:
            return None
        product, answer = found
        return product.label(answer)

    def progress_of(self, r: Answer) -> str:
        """A unit row's progress in words as the figures count it (:meth:`row_label`),
        for a row they do not hold (a coordinator's of a product out of scope, say) as
        validation judged it: the consolidated workbook's "Tiến độ" and merge's JSON."""
        label = self.row_label(r.unit, r.deliverable)
        return T.label(r.timeliness) if label is None else label

    @cached_property
    def _row_labels(self) -> dict[tuple[str, str], tuple[ProductResult, Answer]]:
        found: dict[tuple[str, str], tuple[ProductResult, Answer]] = {}
        for t in self.tasks + self.out_of_scope:
            for p in t.products:
                for r in p.leads + p.supports:
                    found.setdefault((r.unit, p.id), (p, r))
        return found

    @property
    def sentence(self) -> str:
        """The sentence reports quote (:func:`.said.figures_sentence`)."""
        return figures_sentence(self)

    def carried_out(self) -> list[TaskResult]:
        """Done tasks with recurring or event work (no single due date): done because
        their leads carried it out in the period (docs/counting.md, rule 4), not ended."""
        return [t for t in self.tasks if t.carried_out]

    @cached_property
    def carried_out_shares(self) -> tuple[int, int, int]:
        """Lead shares (lượt đơn vị chủ trì) counted done that hold recurring work; how
        many of them the unit reported "Đang thực hiện" (Biểu 2 ranks them at 100%);
        how many others the office judged Đạt (as :attr:`TaskResult.carried_out_judged`)."""
        shares = in_progress = judged = 0
        for t in self.tasks:
            own: dict[str, list[tuple[ProductResult, Answer]]] = {}
            for p in t.products:
                for r in p.leads:
                    own.setdefault(r.unit, []).append((p, r))
            for rows in own.values():
                if all(r.counted_status == DONE for _, r in rows) and any(
                        p.due is None for p, _ in rows):
                    shares += 1
                    recurring = [r for p, r in rows if p.due is None]
                    if any(reported_in_progress(r) for r in recurring):
                        in_progress += 1
                    else:
                        judged += any(r.verdict == PASS for r in recurring)
        return shares, in_progress, judged

    def as_dict(self) -> dict[str, object]:
        """The figures for scripts (``cchc-xl report --json``)."""
        p = self.period
        names = self.master.names
        return {
            "plan": self.plan.key,
            "period": {"code": p.code, "name": p.name, "start": p.start.isoformat(),
                       "cutoff": p.cutoff.isoformat(), "due": p.due.isoformat(),
                       "cumulative": self.cumulative},
            "units_of_counting": {"totals": TASK_UNIT, "areas": TASK_UNIT, "leads": LEAD_UNIT,
                                  "units": LEAD_UNIT},
            "totals": self.total.as_dict(),
            "areas": [{"code": a.code, "title": a.title, **a.as_dict()} for a in self.areas],
            "leads": self.leads.as_dict(),
            "units": [u.as_dict() for u in self.units],
            "missing_units": list(self.missing_units),
            "rejected_units": list(self.rejected_units),
            "assessed_rows": self.assessed_rows,
            "assessed_outside": self.assessed_outside,
            "needs_verification": [
                {"task": t.id, "product": p.id, "unit": r.unit,
                 "name": names.get(r.unit, r.unit),
                 "problems": [f.message for f in r.errors]} for t, p, r in self.unverified()],
        }


def _in_scope(p: ProductResult, period: Period, cumulative: bool) -> bool:
    """Whether a single quarter counts a product (docs/counting.md): due in the calendar
    quarter of its cut-off; due before (a "Quý II" product due 30/06 in the quarter from
    15/06 too), unfinished or finished in it; due later, finished in it."""
    if cumulative or p.due is None:
        return True
    finished_in_it = p.completed_on is not None and (
        period.start <= p.completed_on <= period.cutoff)
    if p.due < max(period.start, quarter_start(period.cutoff)):
        return not p.done or finished_in_it
    if p.due <= quarter_end(period.cutoff):
        return True
    return finished_in_it


def _product(d: Deliverable, answers: dict[tuple[str, str], Answer],
             assessments: dict[tuple[str, str], A.Assessment], as_of: date) -> ProductResult:
    # Several dates: the one due by the cut-off, and the last (Deadline.due_at).
    due, final = d.deadline.due_at(as_of), d.deadline.due

    silent: list[tuple[str, str | None]] = []  # judged once: nothing sent, not assessed

    def answer(unit: str, role: str) -> Answer:
        """The unit's answer taken at the cut-off (a copy: the snapshot's stays as stored)."""
        row = answers.get((unit, d.id))
        given = assessments.get((unit, d.id)) if role == LEAD else None
        if row is None:
            if given is None and silent:
                judged, timing = silent[0]
            else:
                judged, timing = A.judge(None, None, "", due=due, errors=False,
                                         assessment=given, as_of=as_of, final=final)
                if given is None:
                    silent.append((judged, timing))
            return Answer(d.id, role, unit=unit, timeliness=timing, judged=judged,
                          assessment=given)
        # Finished after the cut-off: not yet done in this period.
        status = T.status_as_of(row.status, row.completed_on, as_of)
        judged_due = due
        pending = d.deadline.pending_after(row.completed_on) if status == DONE else None
        if pending is not None:
            # Done on a date of an earlier part of several ("Tháng 6 và tháng 12"): the
            # parts due so far are done, the product is not; judged by the next part.
            status, judged_due = IN_PROGRESS, pending
        elif row.earlier_part_done is not None and status in (IN_PROGRESS, NOT_STARTED):
            # An earlier part done in an earlier period: the next one's date (carried).
            judged_due = (pending := d.deadline.pending_after(row.earlier_part_done)) or due
        # An earlier period's Đạt carried (cchc_xl.carried: nothing new sent) counts as
        # that Đạt did, on time unless dated after the deadline: not a "done" without a
        # date, "Cần đánh giá" once the due date is past (a QA pass). It is not this
        # period's verdict: the row shows and counts none. A Đạt of an earlier part is
        # still judged by the next part's date (pending).
        carried_pass = (row.assessment if given is None and pending is None
                        and row.carried_from and row.verdict == PASS else None)
        judged, timing = A.judge(status, row.completed_on, row.evidence, due=judged_due,
                                 errors=row.unverified, assessment=given or carried_pass,
                                 as_of=as_of, final=final)
        return row.taken(role=role, status=status, timeliness=timing, judged=judged,
                         assessment=given,
                         part_pending=pending if judged != DONE else None,
                         sent_status=row.status if status != row.status else None)

    leads = [answer(u, LEAD) for u in d.lead]
    supports = [answer(u, SUPPORT) for u in d.support]
    status = combine_status([r.counted_status for r in leads])
    done_dates = [r.completed_on for r in leads]
    completed_on = max(done_dates) if status == DONE and all(done_dates) else None
    percent, marked = mean_progress(leads, status)
    return ProductResult(
        id=d.id, product=d.product, deadline=d.deadline.raw, due=due, leads=leads,
        supports=supports, status=status, percent=percent, completed_on=completed_on,
        timeliness=combine_timeliness(status, [(r.counted_status == DONE, r.timeliness)
                                               for r in leads]), percent_unverified=marked)


def _task(area: Area, task: Task, products: list[ProductResult]) -> TaskResult:
    status = combine_status([p.status for p in products])
    percent, marked = mean_progress((r for p in products for r in p.leads), status)
    return TaskResult(
        area=area.code, id=task.id, number=task.number, content=task.content,
        lead_text=task.lead_text,
        products=products, status=status, percent=percent, percent_unverified=marked,
        timeliness=combine_timeliness(status, [(p.done, p.timeliness) for p in products]))


def _unit_counts(tasks: list[TaskResult], cutoff: date) -> tuple[
        dict[str, tuple[Counts, int]], set[str]]:
    """Per unit: its share of the tasks it leads (its own rows combined), and how many
    tasks it only supports; and the units leading a product due by the cut-off (no single
    date, or dated on or before it). One pass over the tasks, not one per unit."""
    result: dict[str, tuple[Counts, int]] = {}
    due: set[str] = set()
    # A unit's share as counted, by what counts of its reports: a pure function of
    # them (most units have one report of a task, of a few kinds), computed once each.
    combined: dict[tuple[tuple, ...], tuple[str, str | None, bool, bool, bool]] = {}
    for t in tasks:
        own: dict[str, list[Answer]] = {}
        for p in t.products:
            for r in p.leads:
                own.setdefault(r.unit, []).append(r)
            if p.due is None or p.due <= cutoff:
                due.update(r.unit for r in p.leads)
        for code, reports in own.items():
            counts = result.setdefault(code, (Counts(), 0))[0]
            parts = tuple([_counted(r) for r in reports])
            whole = combined.get(parts)
            if whole is None:
                status = combine_status([part[0] for part in parts])
                whole = combined[parts] = (
                    status, combine_timeliness(status, [(part[0] == DONE, part[1])
                                                        for part in parts]),
                    any(part[2] for part in parts), any(part[3] for part in parts),
                    any(part[4] for part in parts))
            status, timeliness, reported, unverified, judged = whole
            counts.add(status, timeliness, reported=reported, unverified=unverified,
                       judged=judged)
        supporting = {r.unit for p in t.products for r in p.supports} - own.keys()
        for code in supporting:
            found = result.get(code)
            result[code] = (found[0], found[1] + 1) if found else (Counts(), 1)
    return result, due


def _counted(r: Answer) -> tuple[str, str | None, bool, bool, bool]:
    """What counts of a lead's answer in its unit's share: its counted status and
    timeliness, whether it reported, needs verification, was judged by the office."""
    verdict = r.verdict
    return (r.counted_status, r.timeliness, r.spoke,
            bool(r.findings) and verdict is None and r.unverified, bool(verdict))


def _unit_stats(master: Master, tasks: list[TaskResult], snapshot: LedgerSnapshot,
                assigned: list[str]) -> list[UnitStat]:
    accepted = {s.unit: s for s in snapshot.submissions if s.outcome == ACCEPTED}
    rejected = {s.unit for s in snapshot.submissions if s.outcome == REJECTED}
    # A unit's report came back on the day its first valid file did (counted now, replaced
    # since by a later one, or withdrawn since and sent again): a correction sent later is
    # not lateness (docs/counting.md, "Units").
    first = return_days(snapshot.submissions)
    withdrawn = withdrawn_only(snapshot.submissions)  # sent, then withdrawn: no file counts
    names = master.names
    stats = []
    shares, due = _unit_counts(tasks, snapshot.period.cutoff)
    for code in assigned:
        counts, supported = shares.get(code) or (Counts(), 0)
        sub = accepted.get(code)
        received = first.get(code, sub.received_day) if sub else None
        if sub is None:
            status_text, late = (RETURN_REJECTED if code in rejected else RETURN_MISSING), 0
        elif received is not None and received > snapshot.period.due:
            status_text, late = RETURN_LATE, (received - snapshot.period.due).days
        else:
            status_text, late = RETURN_ON_TIME, 0
        stats.append(UnitStat(code=code, name=names.get(code, code), counts=counts,
                              supported=supported, received_on=received,
                              return_status=status_text, days_late=late,
                              withdrawn=withdrawn.get(code),
                              not_due=bool(counts.tasks) and not counts.done and code not in due))
    rank_units(stats, master.units, issuer_units(master))
    return stats


def issuer_units(master: Master) -> frozenset[str]:
    """The codes of the plan's units that are its issuer (:attr:`Summary.own_units`)."""
    return frozenset(u.code for u in master.units if is_the_issuer(u.name, master.plan.authority))


def summarize(snapshot: LedgerSnapshot, today: date | None = None) -> Summary:
    """The period's figures from what the ledger holds. Pure: no files are written.
    ``today`` is the day the report is made (None: the clock's): whether it is a draft,
    the day its figures are counted to, the year it is signed in (:attr:`Summary.made_on`).
    The web app passes its own day, which its pages go by (``plan_periods.today``)."""
    master = snapshot.master
    period = snapshot.period
    cumulative = is_cumulative(period, master.plan.year)
    answers = {(r.unit, r.deliverable): r for r in snapshot.rows}
    answers.update(snapshot.carried)  # done in an earlier period (cchc_xl.carried)
    tasks: list[TaskResult] = []
    out_of_scope: list[TaskResult] = []
    areas = []
    total = AreaStat(code="", title="Tổng cộng")
    outside = 0  # verdicts on products the period does not count
    for area in master.areas:
        stat = AreaStat(code=area.code, title=area.title)
        for task in area.tasks:
            products = [_product(d, answers, snapshot.assessments, period.cutoff)
                        for d in task.deliverables]
            for p in products:
                p.in_scope = _in_scope(p, period, cumulative)
            counted = [p for p in products if p.in_scope]
            outside += sum(1 for p in products if not p.in_scope for r in p.leads if r.verdict)
            if not counted:
                out_of_scope.append(_task(area, task, products))
                continue
            result = _task(area, task, counted)
            tasks.append(result)
            stat.add_task(result)
            total.add_task(result)
        areas.append(stat)
    assigned = assigned_unit_codes(master)
    returned = {s.unit for s in snapshot.submissions if s.outcome == ACCEPTED}
    sent_rejected = {s.unit for s in snapshot.submissions if s.outcome == REJECTED}
    rejected = [c for c in assigned if c not in returned and c in sent_rejected]
    units = _unit_stats(master, tasks, snapshot, assigned)
    leads = Counts()
    for u in units:
        for key, _ in FIGURES:
            setattr(leads, key, getattr(leads, key) + getattr(u.counts, key))
    return Summary(
        master=master, period=period, cumulative=cumulative, tasks=tasks,
        out_of_scope=out_of_scope, areas=areas, total=total, units=units,
        missing_units=list(snapshot.missing_units), rejected_units=rejected,
        files=len(snapshot.submissions), ledger=str(snapshot.db_path),
        updated_at=snapshot.updated_at, leads=leads, snapshot=snapshot,
        assessed_rows=sum(1 for t in tasks for p in t.products for r in p.leads if r.verdict),
        assessed_outside=outside,
        made_on=today or clock.today())
