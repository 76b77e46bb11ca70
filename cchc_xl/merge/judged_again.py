"""Refusals that depend on the plan, judged again when the plan no longer gives their
reason (docs/ledger.md, "Judged again").

A merged file is known by its SHA-256 and not read again: what it says does not change,
so neither does a verdict on it alone (a file unfilled, another unit's, of another
period). A few refusals are the plan's, not the file's: a file issued to a unit the
office took off the unit sheet (``identity-unit-removed``), or naming a unit the sheet
does not have (``identity-unknown-unit``). When the office puts the unit (back) on the
sheet, its file, kept in the archive, is read again by the next merge of the period (or
a recount: :func:`cchc_xl.merge.refresh_outputs`) and judged with the plan as it is now,
in place of its refusal (:func:`cchc_xl.ledger.rejudge.record_judged_again`): one
submission, the day it was received kept, counted as any file of the unit is. The unit
need not send it again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .. import assignment as A
from ..archive import kept_copy
from ..errors import InputChangedError
from ..finding_codes import FINDING_LABELS
from ..findings import Finding
from ..intake.convert import convert_with_office, needs_conversion
from ..intake.identify import PLAN_REFUSALS  # refusals whose reason is the unit sheet
from ..intake.plan_index import PlanIndex
from ..isolate import run_isolated
from ..judged import Judged, judge, start_judging
from ..ledger import Ledger
from ..ledger.rejudge import record_judged_again, refused_for
from ..model import Master, Period
from ..submission import Submission
from ..temporary import remove_folder
from ..text import for_people
from ..vocab import NOTE
from ..xlio import copy_checked, vn_time

# Findings of the merge that recorded a file, not of reading it: kept when it is read again.
_KEPT = ("received-before-saved", "received-corrected")


def _back_on_the_plan(sub: Submission, master: Master) -> bool:
    unit = sub.identity.get("unit", "")
    return bool(unit) and master.has_unit(unit)


def judge_again(ledger: Ledger, master: Master, period: Period, work: Path,
                seconds: float, now: datetime | None = None) -> list[Submission]:
    """Read again, from the archive, the period's files refused for a unit the plan now
    has, and record the new verdicts over the refusals; the submissions so judged again
    (as they were before: their ids, paths and hashes). A file whose archived copy is
    gone or changed, or which cannot be read this time, stays refused as it was, and
    is tried again by the next merge."""
    plan_key = master.plan.key
    again = [s for s in refused_for(ledger, plan_key, period.code, PLAN_REFUSALS)
             if _back_on_the_plan(s, master)]
    copies: dict[Path, Submission] = {}
    for sub in again:
        kept = kept_copy(ledger.path, sub.archived)
        # Read under the name it was sent by: the name says whose file it is too.
        copy = work / "doc-lai" / str(sub.id) / Path(sub.path).name
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            if kept is None:
                raise FileNotFoundError(sub.path)
            copy_checked(kept, copy, sub.sha256)
        except (OSError, InputChangedError):
            remove_folder(copy.parent)
            continue
        copies[copy] = sub
    convert = [c for c in copies if needs_conversion(c)]
    converted, _ = convert_with_office(convert, work / "doc-lai") if convert else ({}, False)
    jobs = [(c, s.sha256, converted.get(c), False, None) for c, s in copies.items()
            if c not in convert or c in converted]
    if not jobs:
        return []
    judged = []
    workers = run_isolated(judge, jobs, initializer=start_judging, seconds=seconds,
                           initargs=(master, period, A.most_rows(master), PlanIndex(master), now))
    try:
        for (copy, *_), outcome in workers:
            if isinstance(outcome, Judged):
                _record(ledger, copies[copy], str(copy), outcome)
                judged.append(copies[copy])
    finally:
        workers.close()
    return judged


def _record(ledger: Ledger, sub: Submission, read_as: str, judged: Judged) -> None:
    """The new verdict over the refusal, its findings naming the file as sent."""
    def named(f: Finding) -> Finding:
        return replace(f, file=sub.path) if f.file == for_people(read_as) else f

    for answer in judged.reports:
        answer.findings = [named(f) for f in answer.findings]
    refusal = next(p for p in sub.problems if p.code in PLAN_REFUSALS)
    unit = sub.identity.get("unit", "")
    told = Finding(NOTE, "file-judged-again",
                   f"tệp đã bị từ chối khi gộp lúc {vn_time(sub.merged_at)} "
                   f"({FINDING_LABELS[refusal.code]}); bảng kế hoạch nay có đơn vị '{unit}' "
                   "trong trang 'Đơn vị': tệp được đọc lại từ bản lưu trong sổ cái và xét lại "
                   "theo bảng kế hoạch đang dùng, đơn vị không cần gửi lại", file=sub.path,
                   unit=judged.owner or "")
    identity = judged.rf.identity.identity if judged.rf.identity else None
    record_judged_again(
        ledger, sub, unit=judged.owner, accepted=judged.unit is not None,
        identity=identity.fields() if identity else sub.identity or None,
        findings=[told, *map(named, judged.findings),
                  *(p for p in sub.problems if p.code in _KEPT)],
        rows=judged.reports)
