"""Which plan a period is counted with: the plan in use, or, for a period whose report is
already due, the version of the plan its last merge counted with (``Ledger.plan(key,
period)``; docs/ledger.md "The plan"). A plan amended mid-year counts from the period being
reported now; Quý I, reported in April, keeps its figures until the office asks for a
recount. One rule for the web app (web/plan_periods.py, on its day) and the command line
(``merge``, ``--recount`` to count with the plan given).

Who signs and sends is not the kept plan's: a letter or report made today is signed by
whoever signs today (:func:`signed_now`). The kept plan's tasks, units and figures, the
plan in use's :data:`~cchc_xl.sender.SIGNING_FIELDS`, for what a merge records
(:func:`counted_with`) and what the report and letters are made from
(:func:`signed_today`).

The command line, given a plan table and a ledger, asks the same of them
(:func:`kept_plan`: which plan a due period is merged and split with; :func:`made_before`:
the version of the plan a split folder's files were made from; :func:`merged_before`: the
version an earlier period was counted with), and says what differs in plan_amended's words."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import clock
from .errors import CchcError
from .ledger import Ledger
from .ledger.schema import current_version, period_version
from .model import Master, Period, Plan
from .periods import period_due_next
from .plan_codec import plan_digest
from .sender import SIGNING_FIELDS, signature


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
    when it is not ``master`` (the plan in use), signed as ``master`` says
    (:func:`signed_now`); None for a period that follows the plan in use: one still
    reported, one never merged, or one counted with the plan in use already."""
    period = master.period(code)
    if period is None or period in open_periods(master, on) or not ledger_path.is_file():
        return None
    with Ledger(ledger_path, create=False) as ledger:
        # Read back only when it is another plan than the one in use.
        return signed_now(ledger.plan(master.plan.key, code), master.plan) if counted_apart(
            ledger, master, code) else None


def signed_now(kept: Master, now: Plan) -> Master:
    """The plan ``kept`` (the one a period is counted with) signed by whoever signs
    ``now`` (the plan in use): its tasks, units and periods, ``now``'s
    :data:`~cchc_xl.sender.SIGNING_FIELDS` (Người ký, chức vụ, cơ quan gửi, nơi nhận báo
    cáo), which change no figure. A letter or report made today is signed by who signs
    today: Quý I, kept after a mid-year amendment, then a new deputy director set as
    signer, had its letters and report, made and issued today, signed by the one before
    (a QA pass)."""
    if all(getattr(kept.plan, f) == getattr(now, f) for f in SIGNING_FIELDS):
        return kept
    return replace(kept, plan=replace(kept.plan, **{f: getattr(now, f) for f in SIGNING_FIELDS}))


def signed_today(ledger: Ledger, plan_key: str, code: str, in_use: Plan | None = None
                 ) -> Master:
    """The plan the period ``code`` is counted with (``Ledger.plan(key, code)``) as its
    report and letters are made from it: :func:`signed_now` by ``in_use`` (the plan in
    use, when the caller has it: the web app's, the plan table given to ``remind``), else
    by the ledger's current version (the last merge's, of any period: a merge records the
    signing fields of the table it is given, :func:`counted_with`)."""
    counted = ledger.plan(plan_key, code)
    if in_use is None or in_use.key != plan_key:
        # A version is stored once per content: the period counted with the current one
        # (or none recorded, or a ledger without versions) is signed as it stands.
        current = current_version(ledger.db, plan_key)
        kept = period_version(ledger.db, plan_key, code)
        if current is None or kept is None or kept[0] == current:
            return counted
        in_use = ledger.plan(plan_key).plan
    return signed_now(counted, in_use)


def ledger_signer(ledger_path: Path, plan: Plan) -> str:
    """Who signs a report or letter made from the ledger without the plan table (``plan``:
    :func:`signed_today` by the ledger's current version, the table its last merge was
    given) and where that came from, for the command to say: "Người ký báo cáo" changed in
    the plan table and ``report`` run before any merge signed the Word report with the
    one before, not a word said (a QA pass)."""
    with Ledger(ledger_path, create=False) as ledger:
        merged = ledger.last_merged(plan.key)
    name = signature(plan)[1] or "để trống (ghi tay trên văn bản)"
    return (f"Người ký: {name} (theo bảng kế hoạch lần gộp cuối"
            + (f", ngày {merged:%d/%m/%Y})" if merged else ")"))


def signed_apart(before: Master, now: Master) -> bool:
    """Whether ``now`` is ``before`` with only who signs and sends changed (the "Kế hoạch"
    sheet's :data:`~cchc_xl.sender.SIGNING_FIELDS`, typed in Excel as on the web app's
    form): counting a period with it gives the same figures, and the report and letters
    made after say the new signer, as the web app's form recounts such a period. The
    command line kept the period's plan and told the office to --recount, its letters
    signed by the signer before (a QA pass: "Người ký báo cáo" changed, 6 tháng merged
    again after its due day)."""
    return plan_digest(signed_now(before, now.plan)) == plan_digest(now)


def kept_plan(given: Master, code: str, ledger_path: Path) -> Master | None:
    """The plan a period ``code`` of ``given`` (the plan table a command is given) whose
    report is due keeps (its last merge's, :func:`counted_with`), which ``merge`` counts
    it with and ``split --ledger`` makes its files from; None when it follows ``given``:
    one still reported, one never merged, one whose plan only signs or sends otherwise
    (:func:`signed_apart`), a ledger that cannot be read (the command says which where it
    reads it)."""
    if given.period(code) is None:
        return None
    try:
        before = counted_with(ledger_path, given, code)
    except (CchcError, sqlite3.Error):
        return None
    return None if before is None or signed_apart(before, given) else before


def version_with(ledger_path: Path | None, plan_key: str, digest: str) -> Master | None:
    """The version of the plan whose content is ``digest`` (plan_codec.plan_digest) as the
    ledger stored it (Ledger.plan_version: found by the digest stored with it, no version
    read back to be digested again); None when it holds none (or cannot be read)."""
    if ledger_path is None or not ledger_path.is_file():
        return None
    try:
        with Ledger(ledger_path, create=False) as ledger:
            return ledger.plan_version(plan_key, digest)
    except (CchcError, sqlite3.Error):
        return None


def made_before(out_dir: Path, plan: Master, ledger_path: Path | None
                ) -> tuple[bool, Master | None]:
    """Whether the unit files a split made into ``out_dir`` before were made from another
    version of ``plan`` (its manifest's plan_digest), and that version as the ledger holds
    it (:func:`version_with`; None when it does not: whose files changed cannot be said).
    (False, None) when they were made from ``plan``, or there are none, or they are
    another plan's (split refuses to write over them)."""
    # Here, not at the top: the manifest's module reaches snapshot, which imports this one.
    from .manifest import MANIFEST_JSON, read_manifest

    data = read_manifest(out_dir / MANIFEST_JSON)
    if data is None or data.get("plan") != plan.plan.key:
        return False, None
    made_from = data.get("plan_digest")
    if not made_from:  # made before manifests recorded it: by the plan file alone
        return data.get("plan_sha256") not in (None, plan.sha256), None
    if made_from == plan_digest(plan):
        return False, None
    return True, version_with(ledger_path, plan.plan.key, str(made_from))


def merged_before(plan: Master, period: Period, ledger_path: Path
                  ) -> tuple[Master, Period] | None:
    """The last period before ``period`` merged into the ledger, and the version of the
    plan it was counted with, when that is not ``plan`` (files made after an amendment:
    plan_amended.split_since says what it changed); None when it is ``plan``, none was
    merged, or the ledger cannot be read."""
    earlier = plan.periods[:plan.periods.index(period)] if period in plan.periods else []
    try:
        with Ledger(ledger_path, create=False) as ledger:
            if plan.plan.key not in ledger.plans():
                return None
            for merged in reversed(earlier):
                counted = period_version(ledger.db, plan.plan.key, merged.code)
                if counted is not None:
                    return None if counted[1] == plan_digest(plan) else (
                        ledger.plan(plan.plan.key, merged.code), merged)
    except (CchcError, sqlite3.Error):
        return None
    return None
