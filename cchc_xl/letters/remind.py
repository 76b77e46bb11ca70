"""The reminder letter ("Công văn đôn đốc") and its mail-merge list (``cchc-xl remind``).

From what the ledger holds for a period: the units that have not returned their
workbook (or whose file was rejected), returned it late, or returned it with
problems to fix, each with its items (sheet, cell, task, what to do). The letter
is a Word draft in the form of Nghị định 30/2020 (:mod:`cchc_xl.official`, wording
in ``templates/cong-van-don-doc.docx.j2``); the list is one row per unit with its
contact details from the registry, for a mail merge in Word or a mail client, as a
workbook or a CSV (:mod:`cchc_xl.letters.mergelist`).

Figures come from the report's :class:`~cchc_xl.report.Summary`, so the letter
and the report agree on who is missing and who is late.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import clock, official
from ..assessment import refused_words
from ..assignment import STATUS_LETTER
from ..edited import KeptEdit, record_path, rewriting
from ..errors import UsageError
from ..findings import Finding, to_the_unit, why_and_todo
from ..model import Master, Period, Plan, Unit
from ..overwrite import PLAN_TABLE, REMINDER, Letter, kind_of, refuse_overwrite
from ..period_plan import ledger_signer
from ..periods import period_reported_now
from ..report import Summary, load_period, refuse_empty_ledger, summarize
from ..report.grid import Cell, Grid, Row, grid_column
from ..resend import WORKING_DAYS, earliest_resend, resend_day
from ..sender import is_the_sender, sender_name
from ..snapshot import LedgerSnapshot, unmerged_snapshot
from ..submission import Submission
from ..text import UNIT_SEPARATOR, capitalized, first_line_cut, mid_sentence
from ..vocab import (
    ACCEPTED,
    ERROR,
    FAIL,
    OFFICE_VERDICT_LABEL,
    PASS,
    REJECTED,
    RETURN_LATE,
    RETURN_MISSING,
    RETURN_REJECTED,
    RETURN_WITHDRAWN,
    SEVERITY_LABEL,
    SEVERITY_RANK,
    WARNING,
    WITHDRAWN_TODO,
    withdrawn_said,
)
from ..xlio import output_path, vn_date
from ..year_turn import WRITING_LETTERS, plan_mark, refuse_another_plans
from . import mergelist
from .draft import draft_letter
from .for_unit import for_unit
from .mergelist import list_path
from .named import (
    ANNEX,
    NAMED_COMMUNES,
    annex_names,
    body_names,
    counts_communes,
    late_grid,
    missing_noted,
    sent_instead,
    unsent_grid,
)

TEMPLATE = "cong-van-don-doc.docx.j2"
NEEDS_FIX = "Báo cáo cần sửa"
ASSESSED_NOT_PASSED = "assessed-not-passed"  # a lead's row the office judged Chưa đạt
CSV_DEADLINE = "Hạn gửi"  # the mail-merge list's column of the deadline to send by
DEADLINE = "hạn gửi lại"  # that deadline, as the letter and its messages name it
# A warning on a row the unit only coordinates, as the letter, its annex and its list
# say it (Reminder.support).
SUPPORT_ROW = "nhiệm vụ phối hợp"
SUPPORT_WARNED = f"cảnh báo ở {SUPPORT_ROW}"
SUPPORT_WARNINGS = f"{SUPPORT_WARNED} cần xem lại"
SUPPORT_UNCOUNTED = "không tính vào số liệu"
REFUSED_TODO = "Gửi lại tệp báo cáo"  # "Việc cần làm" of a unit whose file was refused
CSV_COLUMNS = (*mergelist.UNIT_FIELDS, "Tình trạng", "Số nội dung cần sửa", "Việc cần làm",
               CSV_DEADLINE)


@dataclass
class Reminder:
    """One unit the letter names, and why."""

    unit: Unit
    status: str  # RETURN_MISSING, RETURN_WITHDRAWN, RETURN_REJECTED, RETURN_LATE, NEEDS_FIX
    days_late: int = 0
    reasons: list[str] = field(default_factory=list)  # why its files were rejected (withdrawn)
    items: list[Finding] = field(default_factory=list)  # errors and warnings to fix
    # Warnings on rows it only coordinates: never counted, so they alone put no unit in
    # the letter, but a unit the letter names is told of them too, as its feedback file
    # marks them (a QA pass: the letter said "(2)", the feedback file 2 errors and 3
    # warnings, and the unit never looked at the other three).
    support: list[Finding] = field(default_factory=list)
    # Each product's task as the unit knows it, by product id (:func:`task_names`): an
    # item with no cell to name is named by it, not by the tool's id.
    task_names: dict[str, str] = field(default_factory=dict, repr=False)
    # A unit not in that sent another plan's file, counted for no unit: what it sent
    # (intake.identify.sent_another_plans), said where it is named ("" for none).
    sent_instead: str = ""

    @property
    def to_review(self) -> str:
        """Its warnings on rows it only coordinates, counted as the letter says them ("2
        cảnh báo ở nhiệm vụ phối hợp cần xem lại"); "" for none."""
        return f"{len(self.support)} {SUPPORT_WARNINGS}" if self.support else ""

    @property
    def late_said(self) -> str:
        """How late it sent, as the letter puts it in brackets after its name: "muộn 3
        ngày", "muộn 3 ngày, 2 nội dung phải sửa"; "" when not counted in days."""
        if not self.days_late:
            return ""
        return ", ".join(t for t in (f"muộn {self.days_late} ngày",
                                     f"{len(self.items)} nội dung phải sửa" if self.items
                                     else "", self.to_review) if t)

    @property
    def fix_said(self) -> str:
        """Its items counted, as the letter puts them in brackets after its name and the
        web app's page after it: "3", "3; 1 cảnh báo ở nhiệm vụ phối hợp cần xem lại"."""
        return "; ".join(t for t in (str(len(self.items)), self.to_review) if t)

    @property
    def annex_lines(self) -> list[tuple[str, str, str, str]]:
        """The letter's annex rows under the unit, (sheet, cell, task, text): its items and
        its warnings on rows it only coordinates, or, its file refused (or withdrawn),
        each reason."""
        return [(f.sheet, f.cell, f.task, f"[{item_label(f)}] {f.message}")
                for f in self.items] + [
            (f.sheet, f.cell, f.task, f"[{item_label(f)}, {SUPPORT_ROW}] {f.message}")
            for f in self.support] or [("", "", "", text) for text in _refusals(self)]

    @property
    def listed(self) -> int:
        """How many rows the letter's annex lists under the unit (:attr:`annex_lines`), as
        the mail-merge list's "Số nội dung cần sửa" counts them (a unit whose only file was
        refused had 0 in the list and one row in the annex: a QA pass)."""
        return len(self.annex_lines)

    @property
    def status_text(self) -> str:
        if self.status == RETURN_LATE:
            text = f"Gửi muộn {self.days_late} ngày" if self.days_late else "Gửi muộn"
            return text + (f"; {len(self.items)} nội dung cần sửa" if self.items else "") + (
                f"; {self.to_review}" if self.support else "")
        if self.status == NEEDS_FIX:
            return f"{NEEDS_FIX} ({len(self.items)} nội dung" + (
                f"; {self.to_review})" if self.support else ")")
        if self.status == RETURN_WITHDRAWN:  # it sent: said what became of its file
            return capitalized(self.withdrawn)
        return self.status

    @property
    def withdrawn(self) -> str:
        """What became of the file of a unit whose files were all withdrawn ("tệp đã gửi
        được rút khỏi số liệu ngày …, lý do: …"); "" for another unit."""
        return withdrawn_said(self.reasons[0]) if self.status == RETURN_WITHDRAWN and \
            self.reasons else ""

    @property
    def refused_why(self) -> list[str]:
        """Why its files were refused, each once, as the letter's body says it: without
        what to do, which its row of the annex says (findings.why_and_todo). The body
        quoted each reason whole, and the annex again: "… không được tính là đã gửi báo
        cáo: đơn vị cập nhật …" after "Xã A:", two colons in one line (a QA pass)."""
        if self.status != RETURN_REJECTED:
            return []
        return list(dict.fromkeys(why_and_todo(r)[0] for r in self.reasons))

    @property
    def asks_to_send(self) -> bool:
        """Whether the unit is asked to send (again) by the letter's deadline: not a late
        unit with nothing to fix (its report is in; told to be on time next period)."""
        return self.status in (RETURN_MISSING, RETURN_WITHDRAWN, RETURN_REJECTED) or bool(
            self.items)

    def todo(self) -> str:
        """What the unit must do, in one line (the CSV's "Việc cần làm")."""
        if self.status == RETURN_MISSING:
            return "Gửi tệp báo cáo của kỳ (tệp đã được giao)" + (
                f"; đơn vị {self.sent_instead}." if self.sent_instead else ".")
        if self.status == RETURN_WITHDRAWN:
            return f"{WITHDRAWN_TODO} ({self.withdrawn})."
        if self.status == RETURN_REJECTED:
            # What was wrong says what to do ("chưa điền…", "tệp của kỳ khác…"): each
            # reason's why, then its what-to-do after a semicolon, not after its own ": "
            # (the cell read "Gửi lại tệp báo cáo: tệp chưa được điền (…), nên không được
            # tính là đã gửi báo cáo: đơn vị cập nhật …", two colons: a QA pass).
            said = "; ".join("; ".join(filter(None, why_and_todo(r))) for r in self.reasons)
            return f"{REFUSED_TODO}: {said}" if said else f"{REFUSED_TODO}."
        listed = self.items + self.support
        if listed:
            # The office may not have sent feedback files (merge --feedback): the cells
            # are named here, whether or not a feedback file marks them too.
            head = ("Sửa các nội dung sau rồi gửi lại: " if self.items else
                    f"Xem lại các {SUPPORT_WARNED} ({SUPPORT_UNCOUNTED}): ")
            return head + "; ".join(self._item(f) for f in listed[:5]) + (
                f"; và {len(listed) - 5} nội dung khác" if len(listed) > 5 else "")
        return "Gửi báo cáo đúng hạn ở các kỳ sau."

    def _item(self, f: Finding) -> str:
        """An item where it is and what to do, one on a row the unit only coordinates
        said to be one among its others ("trang 'Thể chế', ô K6 (nhiệm vụ phối hợp): …")."""
        where = _where(f, self.task_names)
        if not (self.items and f in self.support):
            return where + f.message
        return (f"{where.removesuffix(': ')} ({SUPPORT_ROW}): " if where
                else f"({SUPPORT_ROW}) ") + f.message


def _where(f: Finding, names: dict[str, str] | None = None) -> str:
    """Where the unit acts on ``f``: its sheet and cell, or, with no cell (the office's
    Chưa đạt on a row the counted file does not hold), its task, by its name in
    ``names`` (:func:`task_names`; a QA pass: the CSV said "nhiệm vụ NV-03", a code the
    unit sees nowhere), else by its id."""
    task = ""
    if f.task and not f.cell:
        name = (names or {}).get(f.task)
        task = f"nhiệm vụ '{name}'" if name else f"nhiệm vụ {f.task}"
    parts = [f"trang '{f.sheet}'" if f.sheet else "", f"ô {f.cell}" if f.cell else "", task]
    text = ", ".join(p for p in parts if p)
    return f"{text}: " if text else ""


def task_names(master: Master) -> dict[str, str]:
    """Each product's task as a unit knows it, by product id: its content, shortened as
    the report names a task (text.first_line_cut)."""
    return {d.id: first_line_cut(t.content) for t in master.tasks() for d in t.deliverables}


def settled(snapshot: LedgerSnapshot) -> dict[str, set[str]]:
    """Each unit's products whose rows the office has settled: judged Đạt this period, or
    counted from an earlier period's answer (cchc_xl.carried: none sent, or the same sent
    again). Their problems ask nothing more of the unit. Worked out once for all units:
    looked up per unit, not scanned per unit."""
    out: dict[str, set[str]] = {}
    for (code, did), a in snapshot.assessments.items():
        if a.verdict == PASS:
            out.setdefault(code, set()).add(did)
    for code, did in snapshot.carried:
        out.setdefault(code, set()).add(did)
    return out


def office_refusals(snapshot: LedgerSnapshot) -> dict[str, list[Finding]]:
    """The office's Chưa đạt on each lead's row, with its note, by unit: the unit is
    asked to complete it, in the reminder letter and in its feedback file, on the row's
    status cell (it reached the unit nowhere: a probe; then only the letter said it)."""
    leads = {d.id: d.lead for d in snapshot.master.deliverables()}
    # A row the counted file does not hold (a lead added to the plan since the file was
    # issued) is named by its area's sheet and its task (_where).
    sheets = {d.id: a.sheet for a in snapshot.master.areas for d in a.deliverables()}
    rows = {(r.unit, r.deliverable): r for r in snapshot.rows}
    refused: dict[str, list[Finding]] = {}
    for (unit, did), given in sorted(snapshot.assessments.items()):
        if given.verdict == FAIL and unit in leads.get(did, ()):
            row = rows.get((unit, did))
            refused.setdefault(unit, []).append(Finding(  # the code written out: vocab's scan
                ERROR, "assessed-not-passed", refused_words(given.note), unit=unit, task=did,
                sheet=row.sheet if row else sheets.get(did, ""),
                cell=f"{STATUS_LETTER}{row.row}" if row and row.row else ""))
    return refused


def asked_of(found: list[Finding], done: set[str]) -> list[Finding]:
    """``found`` without the problems of the products in ``done`` (a unit's
    :func:`settled` ones)."""
    return [f for f in found if not (f.task and f.task in done)] if done else found


def reminders(summary: Summary, snapshot: LedgerSnapshot) -> list[Reminder]:
    """The units to remind, in the report's unit order: missing, rejected, late, to fix."""
    master = summary.master
    units = {u.code: u for u in master.units}
    period = summary.period.in_sentence

    def quoted(found: list[Finding], severities: tuple[str, ...],
               sub: Submission | None = None) -> list[Finding]:
        return [q for f in found if f.severity in severities
                and (q := for_unit(f, master, period, sub)) is not None]

    current = {s.unit: s for s in snapshot.submissions if s.outcome == ACCEPTED}
    done = settled(snapshot)
    leads = {d.id: d.lead for d in master.deliverables()}

    def to_fix(found: list[Finding], code: str) -> tuple[list[Finding], list[Finding]]:
        """What the letter asks a unit to fix, and apart, its warnings on rows it only
        coordinates: never counted, they alone put no unit in the letter the chairman
        signs (a probe's went to nearly every unit), but a unit it names is told of
        them (:attr:`Reminder.support`), as its feedback file marks them."""
        asked = quoted(asked_of(found, done.get(code, set())), (ERROR, WARNING))
        support = [f for f in asked if f.severity == WARNING and f.task in leads
                   and code not in leads[f.task]]
        return [f for f in asked if f not in support], support

    refused = office_refusals(snapshot)
    instead = sent_instead(snapshot)
    rejected: dict[str, list[str]] = {}
    for s in snapshot.submissions:
        if s.outcome == REJECTED and s.unit:
            # Its errors, as the unit must read them; the reason recorded is the first
            # error's message, written for the office. Whose the file was taken for is
            # not said to the unit (a letter said it to Xã Một of Xã Một's file).
            reasons = [to_the_unit(f.message) for f in quoted(s.problems, (ERROR,), s)] or (
                [to_the_unit(s.reason)] if s.reason and not s.problems else [])
            known = rejected.setdefault(s.unit, [])
            known += [r for r in reasons if r not in known]
    out = []
    names = task_names(master)
    # The issuing body's own rows are no letter's to chase (it would write to itself).
    for stat in summary.reporting:
        unit = units.get(stat.code, Unit(stat.code, stat.name))
        sub = current.get(stat.code)
        items, support = to_fix(sub.problems, stat.code) if sub else ([], [])
        items = errors_first(items + refused.get(stat.code, []))
        if stat.return_status == RETURN_MISSING and stat.withdrawn is not None:
            out.append(Reminder(unit, RETURN_WITHDRAWN, reasons=[stat.withdrawn]))
        elif stat.return_status in (RETURN_MISSING, RETURN_REJECTED):
            out.append(Reminder(unit, stat.return_status, reasons=rejected.get(stat.code, []),
                                sent_instead=instead.get(stat.code, "")
                                if stat.return_status == RETURN_MISSING else ""))
        elif stat.return_status == RETURN_LATE:
            out.append(Reminder(unit, RETURN_LATE, stat.days_late, items=items,
                                support=support, task_names=names))
        elif items:
            out.append(Reminder(unit, NEEDS_FIX, items=items, support=support,
                                task_names=names))
    # The letter's order of sections (its annex and list follow it): missing, withdrawn,
    # refused, to fix, late.
    order = {RETURN_MISSING: 0, RETURN_WITHDRAWN: 1, RETURN_REJECTED: 2, NEEDS_FIX: 3,
             RETURN_LATE: 4}
    # A stable sort: within a section, in registry order.
    return sorted(summary.master.in_registry_order(out, lambda r: r.unit.code),
                  key=lambda r: order[r.status])


def errors_first(found: list[Finding]) -> list[Finding]:
    """``found`` errors first, each severity in its order, as the unit's feedback file
    lists them (a QA pass: a warning found as the file was read came before an error in
    the annex, so an item had another number in each; and the list's "Việc cần làm",
    which names five items, left an error unnamed behind four warnings)."""
    return sorted(found, key=lambda f: SEVERITY_RANK.get(f.severity, len(SEVERITY_RANK)))


def item_label(f: Finding) -> str:
    """An item's kind as the annex says it: the finding's severity, or, for the office's
    Chưa đạt, its judgment (no error in the unit's file)."""
    return (OFFICE_VERDICT_LABEL if f.code == ASSESSED_NOT_PASSED
            else SEVERITY_LABEL[f.severity])


def items_grid(summary: Summary, chosen: list[Reminder]) -> Grid:
    """The table annexed to the letter: each unit's items to fix, one row per item,
    under the unit's numbered name (a group label; the letter prints each unit's rows as
    a table of its own, the name repeated on each page they run on to)."""
    columns = [grid_column("TT", 5), grid_column("Trang", 20), grid_column("Ô", 7),
               grid_column("Nhiệm vụ", 11), grid_column("Nội dung cần sửa", 90)]
    rows: list[Row] = []
    n = 0
    for r in chosen:
        if not r.items and not r.support and not r.reasons:
            continue
        n += 1
        rows.append(Row(group=f"{n}. {r.unit.name}"))
        for i, (sheet, cell, task, text) in enumerate(r.annex_lines, 1):
            rows.append(Row((Cell(i, "cell_int"), Cell(sheet), Cell(cell, "cell_center"),
                             Cell(task), Cell(text))))
    title = "Nội dung cần sửa trong báo cáo của các đơn vị"
    return Grid("can-sua", "Cần sửa", title, [], columns, rows)


def refused_groups(rejected: Sequence[Reminder]) -> list[tuple[str, str]]:
    """The body's lines of the refused units: (their names, why), units refused for the
    same reasons named together in the order given ("Phường A; Xã B: tệp chưa được điền
    …"), as many lines as reasons, not units (the same sentence came back for each)."""
    by_why: dict[str, list[str]] = {}
    for r in rejected:
        by_why.setdefault("; ".join(r.refused_why), []).append(r.unit.name)
    return [(UNIT_SEPARATOR.join(names), why) for why, names in by_why.items()]


def _refusals(r: Reminder) -> list[str]:
    """The annex's lines of a unit with no report counted: each reason its files were
    refused, or what became of its withdrawn file and what to do, as the body says it
    (a QA pass: the ledger's "rút khỏi số liệu ngày …: lý do" was printed as refused)."""
    if r.status == RETURN_WITHDRAWN:
        return [f"{capitalized(r.withdrawn)}; {mid_sentence(WITHDRAWN_TODO)}"] if \
            r.withdrawn else []
    # Labelled as the items are ("[Lỗi] …"): "Tệp bị từ chối: " before a reason that says
    # why, then what to do after its own ": ", read as two colons in a row.
    return [f"[{RETURN_REJECTED}] {reason}" for reason in r.reasons]


def blank_deadline(year: int, csv: bool, what: str = DEADLINE,
                   column: str = CSV_DEADLINE, quotes: str = '""') -> str:
    """What a letter made without a deadline leaves for the office to write (``year``:
    the letter's; ``csv``: a mail-merge list was written too, its deadline in
    ``column``; ``what``: the deadline, as the letter asks it): the CLI and the web app
    say it, each with how to give one, each with its own ``quotes`` (opening, closing:
    a terminal's straight ones, a page's curly ones)."""
    left, right = quotes
    return (f"{what} để trống trong công văn ({left}chậm nhất ngày … tháng … năm "
            f"{year}{right})" + (f" và ở cột {left}{column}{right} của danh sách trộn thư"
                                 if csv else "") + ", để cơ quan ghi tay vào dự thảo")


@dataclass
class RemindResult:
    paths: list[Path]
    reminders: list[Reminder]
    ledger: Path
    period: Period
    kept: list[KeptEdit] = field(default_factory=list)  # the office's edited copies kept
    merged_other: list[str] = field(default_factory=list)  # merged_elsewhere
    signed: str = ""  # who signs, when no plan table was given (period_plan.ledger_signer)


def list_rows(chosen: list[Reminder], deadline: str) -> list[tuple[object, ...]]:
    """The mail-merge list's rows, one per unit (under :data:`CSV_COLUMNS`): "Số nội
    dung cần sửa" its rows in the letter's annex (:attr:`Reminder.listed`: its items and
    its warnings on rows it coordinates, as its feedback file counts its errors and
    warnings, or each reason its file was refused); "Hạn gửi" only for a unit asked to
    send (:attr:`Reminder.asks_to_send`)."""
    return [(*mergelist.unit_fields(r.unit), r.status_text, r.listed,
             r.todo(), deadline if r.asks_to_send else "")
            for r in chosen]


def write_list(chosen: list[Reminder], out: Path, deadline: str, mark: str = "") -> Path:
    """The mail-merge list at ``out``: a workbook (.xlsx) or a CSV (:mod:`.mergelist`);
    ``mark``: its plan's (:func:`cchc_xl.year_turn.plan_mark`)."""
    return mergelist.write_list(out, REMINDER, CSV_COLUMNS, list_rows(chosen, deadline), mark)


def write_letter(summary: Summary, chosen: list[Reminder], out: Path, deadline: str,
                 today: date) -> Path:
    """The Word draft of the reminder letter, with the items to fix annexed."""
    by = {status: [r for r in chosen if r.status == status]
          for status in (RETURN_MISSING, RETURN_WITHDRAWN, RETURN_REJECTED, RETURN_LATE,
                         NEEDS_FIX)}
    # Named as the report names a crowd ("tất cả 166 xã, phường", "160 xã, phường (trừ
    # …)"), up to ten communes; more counted, and listed in an annex of their own, the
    # first, as the body comes (a QA pass: 100 names took fourteen lines of the body).
    missing = [r.unit.code for r in by[RETURN_MISSING]]
    # Listed too when more than ten sent another plan's file (each noted there), even if
    # the body names them all at once ("tất cả 37 xã, thị trấn").
    noted_units = [(r.unit, r.sent_instead) for r in by[RETURN_MISSING]]
    unsent = unsent_grid(noted_units if counts_communes(summary.master, missing) or sum(
        1 for _, note in noted_units if note) > NAMED_COMMUNES else [])
    # The late, as the units not in: counted, with how late each in an annex, when there
    # are more communes than the body names.
    late = [r.unit.code for r in by[RETURN_LATE]]
    late_counted = counts_communes(summary.master, late)
    grids = [unsent, late_grid([(r.unit, r.late_said) for r in by[RETURN_LATE]]
                               if late_counted else []), items_grid(summary, chosen)]
    annexes = annex_names(grids)
    return draft_letter(
        summary, REMINDER, TEMPLATE, grids, out, today,
        f"{summary.period.name}, đến ngày {vn_date(today)}", [r.unit for r in chosen],
        missing=by[RETURN_MISSING], rejected=by[RETURN_REJECTED],
        rejected_said=refused_groups(by[RETURN_REJECTED]),
        withdrawn=by[RETURN_WITHDRAWN], items_annex=annexes[2],
        late_names=body_names(summary.master, late, annexes[1]) if late_counted else "",
        late_annex=annexes[1],
        missing_names=body_names(summary.master, missing, annexes[0] or ANNEX),
        missing_noted=missing_noted(noted_units, annexes[0]),
        late=by[RETURN_LATE], to_fix=by[NEEDS_FIX], deadline=deadline,
        # Dated by the due day, units yet to send are not late (a file received on the
        # due day is on time: report.summary): the letter does not say they are.
        before_due=today <= summary.period.due, **count_context(summary))


def count_context(summary: Summary) -> dict[str, object]:
    """The letter's count of the reports in, as the Word report and Thu nhận count them
    (:attr:`cchc_xl.report.summary.Summary.reports_in`): ``returned``, ``assigned`` and
    ``sender_counted``, what the brackets after the count say when the body sending the
    letter is one of the units counted (the Sở Nội vụ, which leads tasks too): "kể cả Sở
    Nội vụ", "kể cả Sở Nội vụ; Sở Nội vụ chưa có báo cáo" while its own is not in. The
    letter is not written to it nor names it among the units not in, so a count of 4 over
    3 units written to, or 3 not in over 2 named, says why (the letter left the Sở out
    of its count: "1/3" the week the report said "2/4")."""
    counted = summary.reports_in
    said = ""
    if counted.sender is not None:
        said = f"kể cả {sender_name(summary.plan)}" + (
            "" if counted.sender.returned else f"; {sender_name(summary.plan)} chưa có báo cáo")
    return {"returned": counted.returned, "assigned": counted.asked, "sender_counted": said}


def _deadline_text(deadline: date | None, today: date) -> str:
    """The deadline as a letter writes it, or, without one, left for the office to
    write, in the year the letter is dated (a QA pass: "năm" without one)."""
    return vn_date(deadline) if deadline else (
        f"{official.BLANK}tháng{official.BLANK}năm {today.year}")


def _period_to_remind(source: Path, period_code: str | None, plan_key: str | None,
                      today: date, signing: Plan | None = None
                      ) -> tuple[LedgerSnapshot, Path]:
    """The period the letter is about. From a ledger or a consolidated workbook, as
    the report reads it, but a period nothing was merged into yet too: every unit is
    asked (the due day passed and no file came; a QA pass found no letter could be
    made then). From the plan table, when nothing was merged into the period (no
    ledger beside it, one without the plan, or one with only other periods merged,
    perhaps with the plan before an amendment): the period named, every unit the
    table asks. Signed by ``signing`` (the plan in use), the plan table given, else as
    the ledger's current plan (period_plan.signed_today)."""
    if kind_of(source) != PLAN_TABLE:
        return load_period(source, period_code, plan_key, unmerged=True, signing=signing)
    from ..ledger import Ledger, default_db
    from ..master import load_master
    from ..periods import period_of

    master = load_master(source)
    db = default_db(source)
    if db.is_file():
        refuse_empty_ledger(db)  # in words for remind, which has no --db
        with Ledger(db, create=False) as ledger:
            known = master.plan.key in ledger.plans()
        if known:
            snapshot, db = load_period(db, period_code, master.plan.key, unmerged=True,
                                       signing=signing or master.plan)
            if snapshot.submissions or snapshot.interrupted:
                return snapshot, db
            # Nothing merged into this period yet: the units this plan table asks, not
            # those of the plan another period was last merged with (amended since).
            period_code = snapshot.period.code
    if period_code is None:
        raise UsageError("chưa chọn kỳ báo cáo", file=str(source),
                         hint=_period_hint(master, today))
    return unmerged_snapshot(master, period_of(master, period_code), db), db


def _period_hint(master: Master, today: date) -> str:
    """How to choose the period, its example the one being reported now (as the web app
    opens on it, nothing merged: :func:`cchc_xl.periods.period_reported_now`), with the
    plan's codes: the first period's, whatever the day, suggested Q1 in December (a QA
    pass)."""
    now = period_reported_now(master.periods, today, lambda _p: False)
    if now is None:  # period_of says the table has none
        return "chọn kỳ bằng --period"
    codes = ", ".join(p.code for p in master.periods)
    return f"chọn kỳ bằng --period, ví dụ --period {now.code}; các kỳ của kế hoạch: {codes}"


def write_reminders(source: Path, period_code: str | None, out: Path, *,
                    list_out: Path | Sequence[Path] | None = None,
                    deadline: date | None = None, plan_key: str | None = None,
                    today: date | None = None, signing: Plan | None = None) -> RemindResult:
    """Write the reminder letter (and its mail-merge list, ``list_out``: one path or
    several, each a workbook .xlsx or a CSV, the same rows) for a period.

    ``deadline`` is the date units must send by; without it the letter leaves the
    date for the office to write. Without ``period_code``, the period of the source
    (:func:`cchc_xl.report.source_period`). ``source`` is a ledger, a consolidated
    workbook, or the plan table (nothing merged yet: every unit is asked). ``signing``:
    the plan in use, who signs and sends the letter (None: the plan table given, else the
    ledger's current plan: period_plan.signed_today).
    """
    return RemindResult(*letter_files(source, period_code, out, list_out, deadline, plan_key,
                                      today, REMINDER, CSV_COLUMNS, reminders, write_letter,
                                      write_list, signing))


def letter_files(source: Path, period_code: str | None, out: Path,
                 list_out: Path | Sequence[Path] | None,
                 deadline: date | None, plan_key: str | None, today: date | None,
                 kind: Letter, columns: Sequence[str],
                 choose: Callable[[Summary, LedgerSnapshot], list],
                 letter: Callable[..., Path], listing: Callable[..., Path],
                 signing: Plan | None = None
                 ) -> tuple[list[Path], list, Path, Period, list[KeptEdit], list[str], str]:
    """A letter to units about a period, and its mail-merge list, as both letters make
    them: the units ``choose`` picks from the period's figures, the letter drafted by
    ``letter`` and the list by ``listing``, at each path of ``list_out`` (.xlsx or .csv:
    :func:`cchc_xl.letters.mergelist.list_path`). The paths written, the units, the ledger, the
    period, the copies the office had edited, kept beside them (cchc_xl.edited),
    :func:`merged_elsewhere`, and who signs when neither ``signing`` nor the plan table
    was given (period_plan.ledger_signer; "" otherwise)."""
    out = output_path(out, (".docx",), "công văn")
    refuse_overwrite(out, kind.name, own=kind.own_letters, option="--out")
    lists = [list_path(p, kind, columns) for p in ((list_out,) if isinstance(list_out, str | Path)
                                    else list_out or ())]
    today = today or clock.today()
    snapshot, db = _period_to_remind(Path(source), period_code, plan_key, today, signing)
    summary = summarize(snapshot)
    # The body sending the letter, a unit of the plan too, is not written to.
    chosen = [c for c in choose(summary, snapshot)
              if not is_the_sender(c.unit.name, summary.plan)]
    # Last year's letter, or its list, under the name next year's is given: kept.
    refuse_another_plans(out, snapshot.master, kind.name, "--out", WRITING_LETTERS)
    for listed in lists:
        refuse_another_plans(listed, snapshot.master, kind.listing, "--csv",
                             WRITING_LETTERS)
    record = record_path((db if db.is_file() else out).parent)  # no ledger yet: the letter's
    mark = plan_mark(summary.plan.key, summary.period.code)
    with rewriting((out, *lists), record) as made:
        made.written.append(letter(summary, chosen, out, _deadline_text(deadline, today),
                                   today))
        for listed in lists:
            made.written.append(listing(chosen, listed, vn_date(deadline) if deadline else "",
                                        mark))
    signed = (ledger_signer(db, summary.plan) if signing is None and db.is_file()
              and kind_of(source) != PLAN_TABLE else "")
    return (made.written, chosen, db, summary.period, made.kept, merged_elsewhere(snapshot),
            signed)


def merged_elsewhere(snapshot: LedgerSnapshot) -> list[str]:
    """The codes of the periods merged into the ledger when the letter's period has
    nothing merged: its letter asks every unit as if none had sent (what a letter before
    any file is for), which the office should know when other periods have files (a QA
    pass: the 9-month consolidated workbook given with --period Q1, meant Q3, made a
    letter to all 180 units saying none had sent, and the command said nothing of it).
    [] otherwise, and with no ledger, or one without the plan (nothing merged at all)."""
    from ..ledger import Ledger
    from ..report import merged_periods

    db = snapshot.db_path
    if snapshot.submissions or snapshot.interrupted or not db.is_file():
        return []
    with Ledger(db, create=False) as ledger:
        if snapshot.plan_key not in ledger.plans():
            return []
    return [p.code for p in merged_periods(db, snapshot.plan_key)]


def deadline_note(deadline: date, period: Period, what: str, today: date,
                  resend: bool = False) -> str:
    """What the office should know of the deadline it gave a letter, "" for nothing: a
    day already past; for a letter asking units to send (``resend``), a day before the
    one their feedback files give them (:func:`cchc_xl.resend.earliest_resend`): before
    the period's due day, that day, which their assigned files give too (a QA pass: a
    letter asked by 18/12, the unit's feedback file said 20/12); from it on, the working
    days the feedback gives from the day it is received (a letter of the due day asking
    by that very day, its feedback "trong 03 ngày làm việc")."""
    if deadline < today:
        return f"{what} {vn_date(deadline)} trong công văn đã qua (hôm nay {vn_date(today)})"
    if not resend or deadline >= (earliest := earliest_resend(period, today)):
        return ""
    if resend_day(period, today):
        return (f"{what} {vn_date(deadline)} sớm hơn hạn nộp báo cáo của kỳ "
                f"({vn_date(period.due)}) mà tệp giao đơn vị và tệp phản hồi ghi cho đơn vị")
    return (f"{what} {vn_date(deadline)} sớm hơn {vn_date(earliest)}, hết {WORKING_DAYS:02d} "
            "ngày làm việc mà tệp phản hồi lập từ hạn nộp báo cáo của kỳ "
            f"({vn_date(period.due)}) trở đi cho đơn vị gửi lại")
