"""A period as the ledger knows it (:class:`LedgerSnapshot`): the plan recorded, the
current rows, every submission with its problems, the office's assessments and what
carries over from earlier periods: enough to rebuild every output (the consolidated
workbook, the report, the reminders) without the master or the returned files.
:func:`load_snapshot` reads one from the ledger (:mod:`cchc_xl.ledger`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .answer import Answer
from .assessment import Assessment
from .carried import counted_now, earlier_parts, earlier_said, judged_again
from .errors import UsageError
from .findings import Finding
from .ledger import Ledger
from .ledger.assessments import assessments
from .ledger.history import last_replaced
from .model import Master, Period, Plan
from .other_period import gone_to_own_period
from .period_plan import signed_today
from .submission import Submission
from .vocab import ACCEPTED, PASS
from .went_back import note_carried_blanks, warn_done_before, warn_went_back


@dataclass
class LedgerSnapshot:
    """What the ledger knows of one plan and period: enough to rebuild every output."""

    db_path: Path
    plan_key: str
    master: Master  # the plan as the ledger recorded it
    period: Period
    rows: list[Answer]
    submissions: list[Submission]
    missing_units: list[str]
    assessments: dict[tuple[str, str], Assessment] = field(default_factory=dict)
    assessed_until: str = ""  # when the latest of them was recorded (ISO time)
    interrupted: str | None = None  # start of a last merge that never finished
    # Lead rows done in an earlier period that this one has no answer on (nothing sent,
    # or a blank row) and the office has not judged otherwise than Đạt: they count done
    # (docs/counting.md).
    carried: dict[tuple[str, str], Answer] = field(default_factory=dict)
    # Rows whose assessment is an earlier period's verdict, judged again (carried.py).
    shown_again: frozenset[tuple[str, str]] = frozenset()
    # The ledger's digest of the period, read with the rest (Ledger.period_digest): what
    # a report or letter made from this snapshot says it was made from (made_from.py).
    digest: str = ""

    @property
    def counted_rows(self) -> list[Answer]:
        """The period's rows, an earlier period's answer in place of a blank row where it
        still counts (:attr:`carried`): each row as the figures count it."""
        carried = self.carried
        return [carried.get((r.unit, r.deliverable), r) for r in self.rows]

    @property
    def problems(self) -> list[Finding]:
        """Every problem of every submission of the period, superseded ones included."""
        return [f for s in self.submissions for f in s.problems]

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Each unit's name by its code, built once per snapshot (the plan it holds is
        read from the ledger and not changed after): asked for each submission (feedback
        names, the Thu nhận board), a dict of every unit built at each ask grew with the
        square of the units (issue #11). Shared: read it, never change it."""
        return self.master.names

    @cached_property
    def plan_versions(self) -> list[Master]:
        """Every version of the plan the ledger holds, newest first (Ledger.plan_versions),
        read when first asked: only for a file refused for a unit the plan no longer has,
        to say what that unit became (intake.identify.refused_as_not_in_plan)."""
        with Ledger(self.db_path, create=False) as ledger:
            return ledger.plan_versions(self.plan_key)

    @property
    def updated_at(self) -> str:
        return max((s.merged_at for s in self.submissions), default="")


def assigned_unit_codes(master: Master) -> list[str]:
    """Units with at least one deliverable, in registry order."""
    given = {c for d in master.deliverables() for c in d.lead + d.support}
    return [u.code for u in master.units if u.code in given]


def plan_key_in(ledger: Ledger, plan_key: str | None) -> str:
    """``plan_key`` if the ledger holds that plan, else (None) its only plan; UsageError
    naming the plans it holds otherwise."""
    plans = ledger.plans()
    if plan_key is not None:
        if plan_key not in plans:
            raise UsageError(f"sổ cái không có kế hoạch '{plan_key}'; có: {', '.join(plans)}",
                             file=str(ledger.path))
        return plan_key
    if len(plans) != 1:
        raise UsageError(
            "sổ cái trống" if not plans else
            f"sổ cái có nhiều kế hoạch ({', '.join(plans)}): chỉ rõ kế hoạch bằng --plan, "
            "hoặc lập báo cáo từ tệp tổng hợp (.xlsx) của lần gộp",
            file=str(ledger.path))
    return plans[0]


def _judged(master: Master, earlier, rows: list[Answer], recorded: dict
            ) -> tuple[dict, dict, dict]:
    """(the earlier periods' verdicts judging this period's rows again, the period's own
    assessments, the verdicts the office took back) by (unit, product). Removed ones (no
    verdict, no note: counted.remove_assessment) judge nothing, but their time is the
    workbook's: it was made after them. A verdict of an earlier period still judges the
    same answer sent again (carried.judged_again), unless the office emptied its cell
    where it was shown (Assessment.cleared)."""
    assessed = {row: a for row, (a, _) in recorded.items() if not a.removed}
    taken_back = {row: a for row, (a, _) in recorded.items() if a.cleared}
    return judged_again(master, earlier.judged, rows, assessed | taken_back), assessed, \
        taken_back


def shown_again(ledger: Ledger, plan_key: str, period_code: str, until: str | None = None
                ) -> dict[tuple[str, str], Assessment]:
    """The earlier periods' verdicts a consolidated workbook of the period written now
    shows again, by (unit, product) (their keys end "|kỳ trước"): what reading one back
    compares the cells with (ledger.assessments.save_assessments). With ``until`` (the
    latest assessment a workbook was written with), those it showed: the period's
    assessments recorded after it (a verdict taken back since) left out."""
    period = ledger.period(plan_key, period_code)
    if period is None:
        return {}
    recorded = assessments(ledger, plan_key, period.code)
    if until is not None:
        recorded = {row: (a, at) for row, (a, at) in recorded.items() if at <= until}
    return _judged(ledger.plan(plan_key, period.code), earlier_said(ledger, plan_key, period),
                   ledger.current_rows(plan_key, period.code), recorded)[0]


def unmerged_snapshot(master: Master, period: Period, db_path: Path) -> LedgerSnapshot:
    """A period of a plan that no ledger holds yet (nothing ever merged): no file, every
    assigned unit missing (``db_path``: where its ledger will be)."""
    return LedgerSnapshot(db_path=Path(db_path), plan_key=master.plan.key, master=master,
                          period=period, rows=[], submissions=[],
                          missing_units=assigned_unit_codes(master))


def load_snapshot(db_path: Path, period_code: str, plan_key: str | None = None, *,
                  signing: Plan | None = None) -> LedgerSnapshot:
    """Everything recorded for a period: plan snapshot, current rows, submissions, problems.

    ``plan_key`` may be left out when the ledger holds one plan. The plan is the one the
    period is counted with, signed by who signs today (period_plan.signed_today):
    ``signing``, the plan in use when the caller has it, else the ledger's current one.
    """
    with Ledger(db_path, create=False) as ledger, ledger.reading():
        key = plan_key_in(ledger, plan_key)
        period = ledger.period(key, period_code)
        if period is None:
            raise UsageError(f"sổ cái không có kỳ '{period_code}'; các kỳ: "
                             + ", ".join(ledger.period_codes(key)), file=str(db_path))
        master = signed_today(ledger, key, period.code, signing)
        subs = ledger.submissions(key, period.code)
        gone_to_own_period(ledger, key, master, period, subs)
        rows = ledger.current_rows(key, period.code)
        recorded = assessments(ledger, key, period.code)
        replaced = last_replaced(ledger, key, period.code)
        interrupted = ledger.interrupted_merge(key, period.code)
        earlier = earlier_said(ledger, key, period)
        digest = ledger.period_digest(key, period.code)
    again, assessed, taken_back = _judged(master, earlier, rows, recorded)
    assessed |= again
    # A verdict taken back (Assessment.cleared: the office emptied an earlier period's
    # verdict shown again on the same answer) takes back that period's "done" too: the
    # answer counts as the unit gives it now.
    answered = {(r.unit, r.deliverable) for r in rows if r.reported}
    # An office's Đạt on a row whose earlier "done" counts confirms it: the earlier answer
    # is still shown, with the verdict beside it (a QA pass: "Chưa báo cáo (… Đạt)", its
    # date and evidence gone, and the blank row warned again). Any other verdict ends it.
    not_carried = ({row: a for row, a in assessed.items() if a.verdict != PASS}
                   | {row: a for row, a in taken_back.items() if row in answered})
    # The latest change: a verdict emptied leaves no row, only its replaced one's time.
    assessed_until = max([at for _, at in recorded.values()] + [replaced])
    # A row answering not done what an earlier period counted done: warned, not counted
    # otherwise (went_back.py).
    warn_went_back(master, earlier.done, rows, assessed, subs)
    # A row answering done, dated before the cut-off of an earlier period that its unit
    # then reported not done, and not judged now: warned (went_back.py).
    warn_done_before(master, earlier.said_not_done, rows, assessed, subs)
    # A row not done now of a product whose earlier part was done in an earlier period:
    # judged by the next part's date (carried.earlier_parts); its date kept from the part
    # done (split --ledger filled it in) is no date to delete.
    earlier_parts(master, earlier.parts_done, rows, period.cutoff, subs)
    returned = {s.unit for s in subs if s.outcome == ACCEPTED}
    missing = [c for c in assigned_unit_codes(master) if c not in returned]
    # Plan order, then registry order: how people read a consolidated table.
    task_order = {d.id: n for n, d in enumerate(master.deliverables())}
    unit_order = {u.code: n for n, u in enumerate(master.units)}
    rows.sort(key=lambda r: (task_order.get(r.deliverable, len(task_order)),
                             unit_order.get(r.unit, len(unit_order))))
    carried = counted_now(master, earlier.done, rows, not_carried)
    # A blank row whose earlier "done" counts is not one to fill (went_back.py).
    note_carried_blanks(carried, rows, subs)
    return LedgerSnapshot(db_path=Path(db_path), plan_key=key, master=master, period=period,
                          rows=rows, submissions=subs, missing_units=missing,
                          assessments=assessed, assessed_until=assessed_until,
                          interrupted=interrupted,
                          shown_again=frozenset(again), digest=digest,
                          carried=carried)
