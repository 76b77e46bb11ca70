"""A refused file judged again, in the ledger: the refusals that depend on the plan
(:data:`cchc_xl.intake.identify.PLAN_REFUSALS`) are found here, and a file read again is
recorded over its own submission (:func:`record_judged_again`), never as a second one.

SQL lives in the ledger's modules (docs/ledger.md, "One place speaks SQL"); the rule
that decides which refusals are judged again is :mod:`cchc_xl.merge.judged_again`'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import findings as F
from ..answer import Answer
from ..findings import Finding
from ..submission import Submission
from ..vocab import ACCEPTED, ERROR, NOTE, REJECTED, WARNING
from . import Ledger, _iso, _json_text


def refused_for(ledger: Ledger, plan_key: str, period: str, codes: Iterable[str]
                ) -> list[Submission]:
    """The period's refused submissions whose refusal (their first error) is one of
    ``codes``, with their problems; looked up in the ledger, not read from the files."""
    codes = sorted(codes)
    marks = ", ".join("?" * len(codes))
    subs = ledger._submissions(
        # Looked up by the period's refused files, not through every problem recorded.
        f"s.plan_key = ? AND s.period = ? AND s.outcome = ? AND EXISTS (SELECT 1 FROM problems"
        f" q WHERE q.submission_id = s.id AND q.severity = ? AND q.code IN ({marks}))",
        (plan_key, period, REJECTED, ERROR, *codes))
    if not subs:
        return []
    by_id = {s.id: s for s in subs}
    found = ledger.problems_where(
        f"submission_id IN ({', '.join('?' * len(by_id))})", tuple(by_id))
    for sid, finding in found:
        by_id[sid].problems.append(finding)
    return [s for s in subs
            if next((p.code for p in s.problems if p.severity == ERROR), "") in codes]


def record_judged_again(ledger: Ledger, sub: Submission, *, unit: str | None,
                        accepted: bool, identity: dict[str, str] | None,
                        findings: list[Finding], rows: list[Answer]) -> None:
    """Put what a refused file's new reading found in place of its refusal, in one
    transaction: its unit, outcome (accepted, for :meth:`Ledger.settle` to weigh against
    the unit's other files; or refused again, for another reason), findings and rows. The
    file, its path, times and the day it was received stay those recorded."""
    everything = list(findings) + [f for r in rows for f in r.findings]
    errors = [f for f in everything if f.severity == ERROR]
    reason = "" if accepted else (errors[0].message if errors else "")
    with ledger._change():
        ledger.db.execute(
            "UPDATE submissions SET unit = ?, outcome = ?, reason = ?, errors = ?,"
            " warnings = ?, notes = ?, identity = ? WHERE id = ?",
            (unit or "", ACCEPTED if accepted else REJECTED, reason, len(errors),
             F.count(everything, WARNING), F.count(everything, NOTE),
             _json_text(identity) if identity else None, sub.id))
        ledger.db.execute("DELETE FROM problems WHERE submission_id = ?", (sub.id,))
        ledger.db.execute("DELETE FROM rows WHERE submission_id = ?", (sub.id,))
        ledger.db.executemany(
            "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sub.id, r.deliverable, r.task, r.role, r.sheet, r.row, r.status, r.percent,
              _iso(r.completed_on), r.evidence, r.note, r.timeliness,
              _json_text(r.raw)) for r in rows])
        ledger._add_problems(sub.id, [(f, 0) for f in findings]
                             + [(f, 1) for r in rows for f in r.findings])
