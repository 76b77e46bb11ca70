"""Which plan a period is counted with: the plan in use, or, for a period whose report is
already due, the version of the plan its last merge counted with (``Ledger.plan(key,
period)``; docs/ledger.md "The plan"). A plan amended mid-year counts from the period being
reported now; Quý I, reported in April, keeps its figures until the office asks for a
recount. One rule for the web app (web/plan_periods.py, on its day) and the command line
(``merge``, ``--recount`` to count with the plan given)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from . import clock
from .ledger import Ledger
from .ledger.schema import period_version
from .model import Master, Period
from .periods import period_due_next
from .plan_codec import plan_digest
from .sender import SIGNING_FIELDS


def open_periods(master: Master, on: date | None = None) -> list[Period]:
    """The periods a plan put in place counts, on the day ``on`` (default: the clock's):
    the one being reported now (:func:`cchc_xl.periods.period_due_next`) and those after
    it."""
    known = master.periods
    now = period_due_next(known, on or clock.today())
    return known[known.index(now):] if now is not None else []


def counted_apart(ledger: Ledger, master: Master, code: str) -> bool:
    """Whether the ledger counted the period ``code`` of ``master``'s plan with another
    version of it than ``master``: its version's SHA-256 is plan_digest of the plan it
    holds, compared without reading that plan back."""
    if master.plan.key not in ledger.plans():
        return False
    counted = period_version(ledger.db, master.plan.key, code)
    return counted is not None and counted[1] != plan_digest(master)


def counted_with(ledger_path: Path, master: Master, code: str,
                 on: date | None = None) -> Master | None:
    """The plan a period whose report is due on the day ``on`` keeps (its last merge's),
    when it is not ``master`` (the plan in use); None for a period that follows the plan
    in use: one still reported, one never merged, or one counted with the plan in use
    already."""
    period = master.period(code)
    if period is None or period in open_periods(master, on) or not ledger_path.is_file():
        return None
    with Ledger(ledger_path, create=False) as ledger:
        # Read back only when it is another plan than the one in use.
        return ledger.plan(master.plan.key, code) if counted_apart(
            ledger, master, code) else None


def signed_apart(before: Master, now: Master) -> bool:
    """Whether ``now`` is ``before`` with only who signs and sends changed (the "Kế hoạch"
    sheet's :data:`~cchc_xl.sender.SIGNING_FIELDS`, typed in Excel as on the web app's
    form): counting a period with it gives the same figures, and the report and letters
    made after say the new signer, as the web app's form recounts such a period. The
    command line kept the period's plan and told the office to --recount, its letters
    signed by the signer before (a QA pass: "Người ký báo cáo" changed, 6 tháng merged
    again after its due day)."""
    signed = replace(before.plan, **{f: getattr(now.plan, f) for f in SIGNING_FIELDS})
    return plan_digest(replace(before, plan=signed)) == plan_digest(now)
