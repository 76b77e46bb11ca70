"""The period's summary report (``cchc-xl report``): xlsx and HTML from the ledger.

One computation, two renderers. :func:`summarize` turns a ledger snapshot into a
:class:`Summary` (plain dataclasses, figures as numbers); :func:`summary_grids`
lays the figures out as printed tables (:class:`Grid`); the xlsx writer and the
jinja2 page draw those same grids, so the two outputs cannot disagree. The plan's
appendix with its two result columns reuses :mod:`cchc_xl.appendix`.

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

import sqlite3
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from . import ledger as L
from . import timeliness as T
from .appendix import (
    Column,
    PlanRow,
    RowHeights,
    add_appendix_sheets,
    appendix_pages,
    plan_columns,
    write_header,
    write_heading,
)
from .assignment import DONE, IN_PROGRESS, NOT_STARTED
from .consolidate import LEDGER_PLAN_PROPERTY, LEDGER_PROPERTY
from .deadlines import Deadline, DeadlinePart
from .errors import CchcError, UsageError, WorkbookError
from .model import (
    LEAD,
    OTHER,
    SUPPORT,
    Area,
    Deliverable,
    Master,
    Period,
    Plan,
    Task,
    Unit,
)
from .periods import is_cumulative
from .styles import FONT, XLSX_FORMATS, add_formats, setup_print
from .templates import render
from .text import clean, rate, short_list, vn_percent, vn_progress
from .xlio import (
    atomic_write,
    closing_workbook,
    fit_cell,
    open_workbook,
    output_path,
    sheet_name,
    sniff_format,
    to_date,
    vn_date,
)

HTML_TEMPLATE = "report.html.j2"
NOTES_TEMPLATE = "report-notes.txt.j2"
_SOURCE_HINT = "chỉ tới sổ cái (.sqlite) hoặc tệp tổng hợp do 'cchc-xl merge' ghi"
_SQLITE_MAGIC = b"SQLite format 3\x00"

NOT_REPORTED = "Chưa báo cáo"

# --- finding the ledger -------------------------------------------------------------------


def resolve_ledger(source: Path) -> tuple[Path, str | None]:
    """The ledger behind ``source`` and the plan it is about (None: the ledger's only plan).

    ``source`` is the ledger itself, or a merged workbook: that records its ledger
    (relative to itself) and plan in custom document properties; without them, the
    default ledger beside the workbook is used.
    """
    source = Path(source)
    if not source.exists():
        raise WorkbookError("không tìm thấy tệp", file=str(source), hint=_SOURCE_HINT)
    if source.is_dir():
        raise WorkbookError("đây là thư mục, cần sổ cái (.sqlite) hoặc tệp tổng hợp (.xlsx)",
                            file=str(source))
    with open(source, "rb") as fh:
        if fh.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC:
            return source, None
    if sniff_format(source) != "xlsx" and source.suffix.lower() != ".xlsx":
        raise WorkbookError("tệp không phải sổ cái (.sqlite) cũng không phải tệp tổng hợp "
                            "(.xlsx)", file=str(source), hint=_SOURCE_HINT)
    wb = open_workbook(source, read_only=True)  # says why a damaged .xlsx cannot be read
    with closing_workbook(wb):
        props = {p.name: str(p.value) for p in wb.custom_doc_props.props if p.value}
    recorded = props.get(LEDGER_PROPERTY, "")
    # The workbook may have moved without its ledger: then try the default place.
    for candidate in ([source.parent / recorded] if recorded else []) + [L.default_db(source)]:
        if candidate.is_file():
            return candidate, props.get(LEDGER_PLAN_PROPERTY)
    raise WorkbookError(
        f"không tìm thấy sổ cái '{recorded}' của tệp tổng hợp" if recorded else
        "tệp không ghi sổ cái, cũng không có sổ cái cạnh tệp: không phải tệp tổng hợp của "
        "'cchc-xl merge'?", file=str(source), hint=_SOURCE_HINT)


# --- the plan, back from the ledger's snapshot ---------------------------------------------


def _deadline(d: dict) -> Deadline:
    parts = tuple(
        DeadlinePart(text=p["text"], kind=p["kind"], label=p.get("label", ""),
                     due=date.fromisoformat(p["due"]) if p.get("due") else None,
                     recurrence=p.get("recurrence"))
        for p in d.get("parts", []))
    return Deadline(raw=d.get("deadline", ""), parts=parts)


def master_from_snapshot(plan: dict) -> Master:
    """The plan as the ledger recorded it, as a :class:`Master` for the appendix renderer.

    The snapshot is :func:`cchc_xl.ledger.plan_snapshot`. Texts the snapshot may not
    carry (the "Kèm theo" line, appendix headings, the lead and support cells as
    written) fall back to what it has: headings derived per Nghị định 30, unit names
    joined.
    """
    p = plan["plan"]
    assignments = plan.get("assignments", {})
    issued = p.get("issued")
    master_plan = Plan(
        authority=p.get("authority", ""), title=p.get("title", ""), year=int(p.get("year") or 0),
        number=p.get("number", ""), issued=date.fromisoformat(issued) if issued else None,
        attachment=p.get("attachment", ""), appendix_title=p.get("appendix_title", ""),
        code=p.get("code", ""), before=plan.get("before", "by"))
    units = [Unit(code=u["code"], name=u["name"], kind=u.get("kind", OTHER))
             for u in plan.get("units", [])]
    areas = []
    for a in plan.get("areas", []):
        area = Area(code=a["code"], title=a["title"], sheet=a.get("sheet", a["code"]),
                    heading=a.get("heading", ""))
        for t in a.get("tasks", []):
            task = Task(id=t["id"], number=t.get("number", ""), content=t.get("content", ""))
            for d in t.get("deliverables", []):
                given = assignments.get(d["id"], {})
                task.deliverables.append(Deliverable(
                    id=d["id"], product=d.get("product", ""), deadline=_deadline(d),
                    funding=d.get("funding", ""), note=d.get("note", ""),
                    lead_text=d.get("lead_text") or short_list(d.get("lead", [])),
                    support_text=d.get("support_text") or short_list(d.get("support", [])),
                    lead=list(given.get("lead", [])), support=list(given.get("support", []))))
            area.tasks.append(task)
        areas.append(area)
    periods = [Period(code=x["code"], name=x["name"], start=date.fromisoformat(x["start"]),
                      cutoff=date.fromisoformat(x["cutoff"]), due=date.fromisoformat(x["due"]))
               for x in plan.get("periods", [])]
    return Master(plan=master_plan, units=units, groups=[], periods=periods, areas=areas)


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

# Return of a unit's file for the period.
RETURN_ON_TIME = "Đúng hạn"
RETURN_LATE = "Muộn"
RETURN_REJECTED = "Tệp bị từ chối"
RETURN_MISSING = "Chưa gửi"


@dataclass(frozen=True)
class UnitReport:
    """What one unit reported on one product (``reported`` False: nothing usable)."""

    unit: str
    name: str
    role: str
    status: str | None
    percent: float | None
    completed_on: date | None
    evidence: str
    note: str

    @property
    def reported(self) -> bool:
        return self.status is not None

    @property
    def counted_status(self) -> str:
        """The status the figures use: nothing reported counts as not started."""
        return self.status or NOT_STARTED

    @property
    def counted_percent(self) -> float | None:
        """The reported percentage, else 100 for done, 0 for not started or unreported."""
        if self.percent is not None:
            return self.percent
        return {DONE: 100.0, NOT_STARTED: 0.0}.get(self.counted_status)

    def timeliness(self, due: date | None, as_of: date) -> str | None:
        return T.timeliness(due, self.counted_status, self.completed_on, as_of)


@dataclass
class ProductResult:
    """One product of a task at the cut-off: its leads' reports combined."""

    id: str
    product: str
    deadline: str
    due: date | None
    leads: list[UnitReport]
    supports: list[UnitReport]
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

    def leads_not_done(self) -> list[UnitReport]:
        seen: dict[str, UnitReport] = {}
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


def _product(d: Deliverable, reports: dict[tuple[str, str], L.RowRecord],
             names: dict[str, str], as_of: date) -> ProductResult:
    def report(unit: str, role: str) -> UnitReport:
        row = reports.get((unit, d.id))
        if row is None:
            return UnitReport(unit, names.get(unit, unit), role, None, None, None, "", "")
        # Finished after the cut-off: not yet done in this period.
        status = T.status_as_of(row.status, row.completed_on, as_of)
        return UnitReport(unit, names.get(unit, unit), role, status, row.percent,
                          row.completed_on, row.evidence, row.note)

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
    accepted = {s.unit: s for s in snapshot.submissions if s.outcome == L.ACCEPTED}
    rejected = {s.unit for s in snapshot.submissions if s.outcome == L.REJECTED}
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
                    status, [(r.counted_status == DONE, r.timeliness(p.due, as_of))
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
    master = master_from_snapshot(snapshot.plan)
    period = snapshot.period
    cumulative = is_cumulative(period, master.plan.year)
    names = {u.code: u.name for u in master.units}
    reports = {(r.unit, r.deliverable): r for r in snapshot.rows}
    tasks: list[TaskResult] = []
    out_of_scope: list[TaskResult] = []
    areas = []
    total = AreaStat("", "Tổng cộng")
    for area in master.areas:
        stat = AreaStat(area.code, area.title)
        for task in area.tasks:
            products = [_product(d, reports, names, period.cutoff) for d in task.deliverables]
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
    assigned = L.assigned_unit_codes(snapshot.plan)
    returned = {s.unit for s in snapshot.submissions if s.outcome == L.ACCEPTED}
    rejected = [c for c in assigned if c not in returned
                and any(s.unit == c and s.outcome == L.REJECTED for s in snapshot.submissions)]
    return Summary(
        master=master, period=period, cumulative=cumulative, tasks=tasks,
        out_of_scope=out_of_scope, areas=areas, total=total,
        units=_unit_stats(master, tasks, snapshot, assigned),
        missing_units=list(snapshot.missing_units), rejected_units=rejected,
        files=len(snapshot.submissions), ledger=str(snapshot.db_path),
        updated_at=snapshot.updated_at)


# --- printed tables ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A table cell: its value and its look (a name in styles.XLSX_FORMATS, "+"-joined)."""

    value: str | int | None = None
    style: str = "cell"
    rowspan: int = 1


@dataclass(frozen=True)
class Row:
    """A body row: cells (None where a cell above spans over), or one group label."""

    cells: tuple[Cell | None, ...] = ()
    group: str = ""


@dataclass
class Grid:
    """One printed table, drawn the same way in the workbook and the page."""

    key: str
    sheet: str
    title: str
    lines: list[tuple[str, str]]
    columns: list[Column]
    rows: list[Row]
    after: list[str] = field(default_factory=list)

    def header_rows(self) -> list[list[tuple[str, int, int]]]:
        """The header as rows of (text, colspan, rowspan), as the workbook's header
        (:func:`cchc_xl.appendix.write_plan_table`) lays it out: a group spans its
        columns on a first row, ungrouped columns span both rows."""
        two = any(c.group for c in self.columns)
        top: list[tuple[str, int, int]] = []
        bottom: list[tuple[str, int, int]] = []
        for group, members in groupby(self.columns, key=lambda c: c.group):
            members = list(members)
            if group:
                top.append((group, len(members), 1))
                bottom += [(m.header, 1, 1) for m in members]
            else:
                top += [(m.header, 1, 2 if two else 1) for m in members]
        return [top, bottom] if two else [top]


def _column(header: str, width: float, group: str = "") -> Column:
    """A summary column: a grid holds its own cells, so the column's value is unused."""
    return Column(header, width, lambda _: "", group=group)


def _n(value: int | None, bold: bool = False) -> Cell:
    return Cell(value, "cell_bold_center" if bold else "cell_int")


def _heading(summary: Summary, title: str) -> list[tuple[str, str]]:
    p, period = summary.plan, summary.period
    return [
        (p.authority.upper(), "subtitle"),
        (title, "caps_title"),
        (f"{period.name}: số liệu từ ngày {vn_date(period.start)} đến ngày "
         f"{vn_date(period.cutoff)}", "italic"),
    ]


AREA_TITLE = "Biểu 1. Kết quả thực hiện nhiệm vụ theo lĩnh vực"
UNIT_TITLE = "Biểu 2. Kết quả thực hiện nhiệm vụ theo đơn vị (xếp hạng)"
PENDING_TITLE = "Biểu 3. Nhiệm vụ chưa hoàn thành, quá hạn"
NOTES_TITLE = "Ghi chú: cách tính số liệu"


def _area_grid(summary: Summary) -> Grid:
    done, progress, waiting = "Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện"
    columns = [
        _column("TT", 5), _column("Lĩnh vực", 34), _column("Số nhiệm vụ", 10),
        _column("Tổng số", 9, done), _column("Đúng hạn", 9, done), _column("Quá hạn", 9, done),
        _column("Tổng số", 9, progress), _column("Trong hạn", 9, progress),
        _column("Quá hạn", 9, progress),
        _column("Tổng số", 9, waiting), _column("Trong đó chưa báo cáo", 11, waiting),
        _column("Cần đánh giá thời hạn", 11), _column("Tỷ lệ hoàn thành", 12),
    ]

    def cells(label: str, number: int | None, s: AreaStat, bold: bool) -> Row:
        c = s.counts
        text = "cell_bold" if bold else "cell"
        return Row((_n(number, bold), Cell(label, text),
                    _n(s.assigned, bold), _n(s.done, bold), _n(c[DONE_ON_TIME], bold),
                    _n(c[DONE_LATE], bold), _n(s.in_progress, bold), _n(c[PROGRESS_WITHIN], bold),
                    _n(c[PROGRESS_LATE], bold), _n(s.not_started, bold), _n(s.not_reported, bold),
                    _n(s.judge, bold),
                    Cell(s.rate_text, "cell_bold_center" if bold else "cell_center")))

    rows = [cells(a.title, i, a, False) for i, a in enumerate(summary.areas, 1)]
    rows.append(cells(summary.total.title, None, summary.total, True))
    return Grid("linh-vuc", "Theo lĩnh vực", AREA_TITLE, _heading(summary, AREA_TITLE.upper()),
                columns, rows, [summary.sentence])


def _unit_grid(summary: Summary) -> Grid:
    count, result, sent = "Số nhiệm vụ", "Kết quả nhiệm vụ chủ trì", "Báo cáo kỳ này"
    columns = [
        _column("Xếp hạng", 8), _column("Đơn vị", 34),
        _column("Chủ trì", 9, count), _column("Phối hợp", 9, count),
        _column("Đã hoàn thành", 11, result), _column("Quá hạn", 9, result),
        _column("Tỷ lệ hoàn thành", 12, result),
        _column("Ngày gửi", 12, sent), _column("Đánh giá", 14, sent),
    ]
    rows = []
    for u in summary.units:
        late = u.return_status != RETURN_ON_TIME
        rows.append(Row((
            _n(u.rank), Cell(u.name), _n(u.led), _n(u.supported), _n(u.done),
            _n(u.overdue), Cell(u.rate_text, "cell_center"),
            Cell(vn_date(u.submitted_on), "cell_center"),
            Cell(u.return_text, "cell_center+overdue" if late else "cell_center"))))
    return Grid("don-vi", "Theo đơn vị", UNIT_TITLE, _heading(summary, UNIT_TITLE.upper()),
                columns, rows)


def _reasons(reports: Iterable[UnitReport], several: bool) -> str:
    """The units' notes; units giving the same note are named once after it, so that a
    task of 38 communes does not fill pages with one sentence."""
    by_note: dict[str, list[str]] = {}
    for r in reports:
        if r.note:
            by_note.setdefault(r.note, []).append(r.name)
    if not several:
        return "\n".join(by_note)
    return "\n".join(f"{names[0]}: {note}" if len(names) == 1 else f"{note} ({short_list(names)})"
                     for note, names in by_note.items())


def _status_label(status: str, reported: bool) -> str:
    return status if reported or status != NOT_STARTED else f"{NOT_STARTED} ({NOT_REPORTED})"


def _pending_grid(summary: Summary) -> Grid:
    columns = [
        _column("TT", 5), _column("Mã", 10), _column("Nội dung nhiệm vụ", 40),
        _column("Đơn vị chủ trì", 26), _column("Thời gian hoàn thành", 16),
        _column("Tình trạng", 14), _column("Tiến độ", 9), _column("Thời hạn", 11),
        _column("Lý do (ghi chú của đơn vị)", 34),
    ]
    rows: list[Row] = []
    titles = {a.code: a.title for a in summary.areas}
    n = 0
    for area, tasks in _by_area(summary.pending):
        rows.append(Row(group=titles.get(area, area)))
        for t in tasks:
            n += 1
            leads = t.lead_units()
            behind = t.leads_not_done()
            lead = t.lead_text or ", ".join(leads)
            if len(leads) > 1 and behind:
                lead += (f"\nChưa hoàn thành ({len(behind)}/{len(leads)} đơn vị): "
                         + short_list([r.name for r in behind]))
            deadline = "\n".join(p.deadline for p in t.products)
            late = t.timeliness == T.LATE
            rows.append(Row((
                _n(n), Cell(t.id), Cell(t.content), Cell(lead),
                Cell(deadline), Cell(_status_label(t.status, t.reported)),
                Cell(vn_progress(t.percent), "cell_center"),
                Cell(T.label(t.timeliness), "cell_center+overdue" if late else "cell_center"),
                Cell(_reasons(behind if t.status != DONE else
                              [r for p in t.products for r in p.leads], len(leads) > 1)))))
    return Grid("chua-hoan-thanh", "Chưa hoàn thành", PENDING_TITLE,
                _heading(summary, PENDING_TITLE.upper()), columns, rows)


def _by_area(tasks: list[TaskResult]) -> list[tuple[str, list[TaskResult]]]:
    out: dict[str, list[TaskResult]] = {}
    for t in tasks:
        out.setdefault(t.area, []).append(t)
    return list(out.items())


def notes(summary: Summary) -> list[str]:
    """The report's notes (how each figure is counted), one paragraph each."""
    names = {u.code: u.name for u in summary.units}
    text = render(
        NOTES_TEMPLATE, summary=summary, period=summary.period,
        start=vn_date(summary.period.start), cutoff=vn_date(summary.period.cutoff),
        due=vn_date(summary.period.due), ledger=Path(summary.ledger).name,
        missing=[names.get(c, c) for c in summary.missing_units],
        rejected=[names.get(c, c) for c in summary.rejected_units],
        out_of_scope=len(summary.out_of_scope), before=summary.plan.before,
        updated=vn_date(to_date(summary.updated_at[:10])) if summary.updated_at else "")
    return [clean(p).replace("\n", " ") for p in text.split("\n\n") if clean(p)]


def _notes_grid(summary: Summary) -> Grid:
    columns = [_column("TT", 5), _column("Nội dung", 150)]
    rows = [Row((_n(i), Cell(p))) for i, p in enumerate(notes(summary), 1)]
    return Grid("ghi-chu", "Ghi chú", NOTES_TITLE, _heading(summary, NOTES_TITLE.upper()),
                columns, rows)


def summary_grids(summary: Summary) -> list[Grid]:
    """The summary tables in print order: by area, by unit, tasks to follow up, notes."""
    return [_area_grid(summary), _unit_grid(summary), _pending_grid(summary),
            _notes_grid(summary)]


# --- the appendix with results -----------------------------------------------------------

RESULT_HEADER = "Kết quả thực hiện"
EVIDENCE_HEADER = "Tài liệu kiểm chứng"


def _result_text(p: ProductResult) -> str:
    reported = any(r.reported for r in p.leads)
    if not reported:
        head = NOT_REPORTED
    else:
        head = p.status
        if p.status == IN_PROGRESS and p.percent is not None:
            head += f", {vn_progress(p.percent)}"
        if p.status == DONE and p.completed_on:
            head += f" ngày {vn_date(p.completed_on)}"
    timing = T.label(p.timeliness)
    lines = [f"{head} ({timing.lower()})." if timing else f"{head}."]
    if len(p.leads) > 1:
        done = sum(r.counted_status == DONE for r in p.leads)
        silent = sum(not r.reported for r in p.leads)
        line = f"Chủ trì: {done}/{len(p.leads)} đơn vị đã hoàn thành"
        lines.append(line + (f"; {silent} đơn vị {NOT_REPORTED.lower()}." if silent else "."))
    answered = [r for r in p.supports if r.reported]
    if answered:
        if len(p.supports) <= 3:
            lines.append("Phối hợp: " + "; ".join(f"{r.name}: {r.status.lower()}"
                                                    for r in answered) + ".")
        else:
            done = sum(r.status == DONE for r in answered)
            lines.append(f"Phối hợp: {len(answered)}/{len(p.supports)} đơn vị đã báo cáo, "
                         f"{done} đã hoàn thành.")
    return "\n".join(lines)


def _evidence_text(p: ProductResult) -> str:
    given = [r for r in p.leads + p.supports if r.evidence]
    if len(given) == 1 and given[0].role == LEAD and len(p.leads) == 1:
        return given[0].evidence
    return "\n".join(f"{r.name}{' (phối hợp)' if r.role == SUPPORT else ''}: {r.evidence}"
                     for r in given)


def result_columns(summary: Summary) -> list[Column]:
    """The two columns the report adds to the plan's appendix, filled from the ledger."""
    products = {p.id: p for t in summary.tasks + summary.out_of_scope for p in t.products}

    def result(r: PlanRow) -> str:
        p = products.get(r.deliverable.id)
        return _result_text(p) if p else ""

    def evidence(r: PlanRow) -> str:
        p = products.get(r.deliverable.id)
        return _evidence_text(p) if p else ""

    return [Column(RESULT_HEADER, 30, result), Column(EVIDENCE_HEADER, 30, evidence)]


def appendix_grids(master: Master, extra: Sequence[Column]) -> list[Grid]:
    """The plan's appendix with result columns, as grids for the page.

    The workbook gets the same tables from :func:`cchc_xl.appendix.add_appendix_sheets`
    with the same columns; a task's cells merge over its products the same way.
    """
    columns = plan_columns(master, extra)
    grids = []
    for page in appendix_pages(master):
        rows: list[Row] = []
        position = 0
        for section in page.sections:
            if section.label:
                rows.append(Row(group=section.label))
            for task in section.tasks:
                position += 1
                plan_rows = [PlanRow(task, d, position) for d in task.deliverables]
                grid_rows: list[list[Cell | None]] = [[] for _ in plan_rows]
                for c in columns:
                    values = [c.value(r) or "" for r in plan_rows]
                    if c.per_task and len(values) > 1 and len(set(values)) == 1:
                        grid_rows[0].append(Cell(values[0], c.format, len(values)))
                        for later in grid_rows[1:]:
                            later.append(None)
                    else:
                        for cells, value in zip(grid_rows, values, strict=True):
                            cells.append(Cell(value, c.format))
                rows += [Row(tuple(cells)) for cells in grid_rows]
        title = next((text for text, _ in page.lines), page.sheet)
        grids.append(Grid(f"phu-luc-{len(grids) + 1}", page.sheet, title, page.lines, columns,
                          rows))
    return grids


# --- charts ------------------------------------------------------------------------------

CHART_DATA_SHEET = "Số liệu biểu đồ"
CHART_DATA_TITLE = "Số liệu của các biểu đồ"
CHART_DATA_HEADER = "Tỷ lệ (%)"
CHART_COLOR = "#5B9BD5"
AREA_CHART_TITLE = "Tỷ lệ hoàn thành nhiệm vụ theo lĩnh vực (%)"
UNIT_CHART_TITLE = "Tỷ lệ hoàn thành nhiệm vụ chủ trì theo đơn vị (%)"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


@dataclass
class Chart:
    key: str
    sheet: str
    title: str
    bars: list[Bar]

    def svg(self, label_width: int = 300, bar_width: int = 560, line: int = 15,
            gap: int = 10) -> dict[str, object]:
        """Geometry of a horizontal bar chart for an inline SVG (0-100 % scale)."""
        items = []
        y = 30
        for b in self.bars:
            lines = _wrap(b.label, int(label_width / 6.6))
            height = max(1, len(lines)) * line + gap
            items.append({"lines": lines, "y": y, "height": height,
                          "width": round(bar_width * max(0.0, min(b.value, 100.0)) / 100, 1),
                          "text": b.text, "bar_y": y + (height - gap) / 2 - 7})
            y += height
        return {"items": items, "height": y + 25, "label_width": label_width,
                "bar_width": bar_width, "width": label_width + bar_width + 70,
                "ticks": [(t, label_width + bar_width * t / 100) for t in range(0, 101, 20)],
                "axis_y": y}


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def charts(summary: Summary) -> list[Chart]:
    """Completion by area and by ranked unit (units leading nothing are left out)."""
    areas = [Bar(a.title, a.rate or 0.0, a.rate_text) for a in summary.areas if a.assigned]
    units = [Bar(u.name, u.rate or 0.0, u.rate_text) for u in summary.units if u.led]
    return [Chart("bieu-do-linh-vuc", "Biểu đồ lĩnh vực", AREA_CHART_TITLE, areas),
            Chart("bieu-do-don-vi", "Biểu đồ đơn vị", UNIT_CHART_TITLE, units)]


# --- the workbook ------------------------------------------------------------------------


class _Formats:
    """The styles module's formats, plus combinations ("cell_center+overdue") on demand."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.named = add_formats(workbook)

    def __getitem__(self, name: str):
        if name not in self.named:
            spec: dict[str, object] = {}
            for part in name.split("+"):
                spec.update(XLSX_FORMATS[part])
            self.named[name] = self.workbook.add_format(spec)
        return self.named[name]


def _write_value(ws, row: int, col: int, value: str | int | None, fmt) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt)
    elif value:
        ws.write_string(row, col, fit_cell(str(value)), fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _write_grid(workbook, formats: _Formats, grid: Grid, name: str) -> None:
    ws = workbook.add_worksheet(name)
    widths = [c.width for c in grid.columns]
    row = write_heading(ws, formats, 0, grid.lines, widths) + 1
    heights = RowHeights()
    for col, c in enumerate(grid.columns):
        ws.set_column(col, col, c.width)
    header_first = row
    row = write_header(ws, formats, row, grid.columns, heights)
    header_last = row - 1
    last_col = len(grid.columns) - 1
    for r in grid.rows:
        if r.group:
            ws.merge_range(row, 0, row, last_col, "", formats["group"])
            ws.write_string(row, 0, r.group, formats["group"])
            heights.merged(row, row, r.group, sum(widths))
        for col, cell in enumerate(r.cells):
            if cell is None:
                continue
            fmt = formats[cell.style]
            text = "" if cell.value is None else str(cell.value)
            if cell.rowspan > 1:
                ws.merge_range(row, col, row + cell.rowspan - 1, col, "", fmt)
                heights.merged(row, row + cell.rowspan - 1, text, widths[col])
            else:
                heights.cell(row, text, widths[col])
            _write_value(ws, row, col, cell.value, fmt)
        row += 1
    for text in grid.after:
        row += 1
        ws.merge_range(row, 0, row, last_col, "", formats["bold"])
        ws.write_string(row, 0, text, formats["bold"])
        heights.merged(row, row, text, sum(widths))
    heights.apply(ws)
    setup_print(ws, header_rows=(header_first, header_last))
    ws.freeze_panes(header_last + 1, 0)
    # Rates ("41,33%") are text on purpose: the decimal comma whatever the locale.
    ws.ignore_errors({"number_stored_as_text":
                      f"A1:{xl_rowcol_to_cell(max(row, 1), last_col)}"})


def _chart_rows(chart_list: Sequence[Chart]) -> list[tuple[int, int]]:
    """First and last row (0-based) of each chart's figures on the data sheet."""
    out = []
    row = 2
    for chart in chart_list:
        out.append((row + 1, row + len(chart.bars)))
        row += len(chart.bars) + 2
    return out


def _write_chart_data(workbook, formats: _Formats, chart_list: list[Chart], name: str) -> None:
    """The charts' figures as numbers (the tables show rates as Vietnamese text)."""
    ws = workbook.add_worksheet(name)
    ws.set_column(0, 0, 50)
    ws.set_column(1, 1, 12)
    ws.write_string(0, 0, CHART_DATA_TITLE, formats["bold"])
    for chart, (first, _) in zip(chart_list, _chart_rows(chart_list), strict=True):
        ws.write_string(first - 1, 0, chart.title, formats["header"])
        ws.write_string(first - 1, 1, CHART_DATA_HEADER, formats["header"])
        for i, b in enumerate(chart.bars):
            ws.write_string(first + i, 0, b.label, formats["cell"])
            ws.write_number(first + i, 1, b.value, formats["cell_rate"])
    setup_print(ws)


def _write_chart(workbook, chart: Chart, name: str, data: str, first: int, last: int) -> None:
    """One chart on its own sheet, printed on one landscape page."""
    ws = workbook.add_worksheet(name)
    bar = workbook.add_chart({"type": "bar"})
    font = {"name": FONT, "size": 10 if len(chart.bars) < 20 else 7}
    bar.add_series({
        "name": chart.title,
        "categories": [data, first, 0, last, 0],
        "values": [data, first, 1, last, 1],
        "data_labels": {"value": True, "num_format": "0.00", "font": font},
        "fill": {"color": CHART_COLOR},
        "gap": 60,
    })
    bar.set_title({"name": chart.title, "name_font": {"name": FONT, "size": 13}})
    bar.set_x_axis({"min": 0, "max": 100, "major_unit": 20, "num_font": font,
                    "major_gridlines": {"visible": True}})
    bar.set_y_axis({"reverse": True, "num_font": font, "interval_unit": 1})
    bar.set_legend({"none": True})
    # A4 landscape's printable area is about 1000 x 640 px.
    bar.set_size({"width": 900, "height": min(620, max(320, 90 + 24 * len(chart.bars)))})
    ws.insert_chart(0, 0, bar)
    setup_print(ws)
    ws.fit_to_pages(1, 1)


def _sheet_names(wanted: Sequence[str], taken: Iterable[str]) -> list[str]:
    """Sheet names for the report's own sheets that the appendix sheets do not already use."""
    used = {t.casefold() for t in taken}
    return [sheet_name(sheet, used) for sheet in wanted]


def write_workbook(summary: Summary, master: Master, out: Path) -> Path:
    """The report workbook: summary tables, the appendix with results, charts, notes."""
    *tables, notes_grid = summary_grids(summary)
    chart_list = [c for c in charts(summary) if c.bars]
    wanted = [g.sheet for g in tables] + [c.sheet for c in chart_list] + [CHART_DATA_SHEET,
                                                                           notes_grid.sheet]
    names = iter(_sheet_names(wanted, [p.sheet for p in appendix_pages(master)]))

    def write(tmp: Path) -> None:
        workbook = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False,
                                                  "strings_to_urls": False})
        workbook.set_properties({"title": f"{summary.plan.title}: {summary.period.name}",
                                 "company": summary.plan.authority})
        formats = _Formats(workbook)
        for grid in tables:
            _write_grid(workbook, formats, grid, next(names))
        add_appendix_sheets(workbook, formats, master, result_columns(summary))
        chart_names = [next(names) for _ in chart_list]
        data = next(names)
        for chart, name, (first, last) in zip(chart_list, chart_names, _chart_rows(chart_list),
                                              strict=True):
            _write_chart(workbook, chart, name, data, first, last)
        _write_chart_data(workbook, formats, chart_list, data)
        _write_grid(workbook, formats, notes_grid, next(names))
        workbook.close()

    return atomic_write(out, write)


# --- the page ----------------------------------------------------------------------------


def css_class(style: str) -> str:
    """CSS classes of a cell style: "cell_center+overdue" -> "c late"."""
    classes = {"cell_center": "c", "cell_int": "n", "cell_bold": "b", "cell_bold_center": "b c",
               "cell_rate": "n", "overdue": "late"}
    return " ".join(classes[p] for p in style.split("+") if p in classes)


def write_html(summary: Summary, master: Master, out: Path) -> Path:
    """The same report as one self-contained page (no network: inline CSS and SVG)."""
    grids = summary_grids(summary)
    page = render(
        HTML_TEMPLATE, summary=summary, title=f"{summary.plan.title}: {summary.period.name}",
        heading=_heading(summary, "BÁO CÁO KẾT QUẢ THỰC HIỆN " + summary.plan.title.upper()),
        tables=grids[:-1], notes=grids[-1], charts=charts(summary),
        appendix=appendix_grids(master, result_columns(summary)), css_class=css_class)
    return atomic_write(out, lambda tmp: tmp.write_text(page, encoding="utf-8"))


# --- the command -------------------------------------------------------------------------


@dataclass
class ReportResult:
    paths: list[Path]
    summary: Summary
    ledger: Path


def _merged_periods_hint(db: Path, plan_key: str) -> str:
    with L.Ledger(db, create=False) as ledger:
        merged = [c for c in ledger.period_codes(plan_key) if ledger.submissions(plan_key, c)]
    return f"; các kỳ đã gộp: {', '.join(merged)}" if merged else ""


def write_report(source: Path, period_code: str, out: Path, *, html: Path | None = None,
                 plan_key: str | None = None) -> ReportResult:
    """Write the period's report from a ledger or a merged workbook.

    ``out`` is the workbook (.xlsx); ``html`` adds the page. Returns the written
    paths and the computed :class:`Summary`.
    """
    out = output_path(out, (".xlsx",), "báo cáo")
    if html is not None:
        html = output_path(html, (".html", ".htm"), "HTML")
    for written in (out, html):
        if written is not None and written.exists() and written.resolve() == Path(
                source).resolve():
            raise UsageError("tệp báo cáo trùng với tệp nguồn: chọn tên khác",
                             file=str(written))
    db, recorded_plan = resolve_ledger(Path(source))
    try:
        snapshot = L.load_snapshot(db, period_code, plan_key or recorded_plan)
    except sqlite3.DatabaseError as exc:
        raise CchcError(f"sổ cái bị hỏng hoặc không đúng định dạng ({exc})",
                        file=str(db)) from exc
    if not snapshot.submissions:
        raise UsageError(f"sổ cái chưa có tệp nào được gộp cho kỳ '{snapshot.period.code}'"
                         + _merged_periods_hint(db, snapshot.plan_key), file=str(db),
                         hint=f"chạy 'cchc-xl merge ... --period {snapshot.period.code}' trước")
    summary = summarize(snapshot)
    paths = [write_workbook(summary, summary.master, out)]
    if html is not None:
        paths.append(write_html(summary, summary.master, html))
    return ReportResult(paths=paths, summary=summary, ledger=db)

