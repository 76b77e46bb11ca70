"""Done in an earlier period: a lead's answer counted done at an earlier cut-off of
the plan still counts done now, when this period has no answer on the row (the unit
sent nothing, or left the row blank) and the office has not assessed it. A six-month
report is cumulative: a task reported done in the first quarter does not go back to
"not started" because its unit sent nothing since (docs/counting.md).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .answer import Answer
from .assessment import Assessment
from .model import Master, Period
from .vocab import ACCEPTED, DONE, ERROR, FAIL, LEAD, PASS

if TYPE_CHECKING:  # the ledger imports this module
    from .ledger import Ledger


def earlier_done(ledger: Ledger, plan_key: str, period: Period) -> list[Answer]:
    """Lead answers counted done in an earlier period of the plan (its cut-off before
    ``period``'s), in the order of those periods: reported done by that cut-off in an
    accepted file with no error on the row, unless the office then said Chưa đạt; or
    assessed Đạt then. Each is a copy whose ``carried_from`` names its period
    ("Quý I năm 2026")."""
    before = period.cutoff.isoformat()
    db = ledger.db
    periods = {code: (cutoff, name) for code, cutoff, name in db.execute(
        "SELECT code, cutoff, name FROM periods WHERE plan_key = ? AND cutoff < ?",
        (plan_key, before))}
    if not periods:
        return []
    assessed = ledger.has_table("assessments")  # not in a ledger from before them
    verdict = "a.verdict" if assessed else "NULL"
    joined = (" LEFT JOIN assessments a ON a.plan_key = s.plan_key AND a.period = s.period"
              " AND a.unit = s.unit AND a.deliverable = r.deliverable") if assessed else ""
    wrong = set(db.execute(
        "SELECT q.submission_id, q.task FROM problems q"
        " JOIN submissions s ON s.id = q.submission_id"
        " JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period"
        " WHERE s.plan_key = ? AND s.outcome = ? AND p.cutoff < ? AND q.on_row = 1"
        " AND q.severity = ?", (plan_key, ACCEPTED, before, ERROR)).fetchall())
    found: list[tuple[str, Answer]] = []
    sent: set[tuple[str, str, str]] = set()
    for code, sid, unit, did, status, percent, done_on, evidence, note, said in db.execute(
            "SELECT p.code, s.id, s.unit, r.deliverable, r.status, r.percent, r.completed_on,"
            f" r.evidence, r.note, {verdict} FROM rows r"
            " JOIN submissions s ON s.id = r.submission_id"
            f" JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period{joined}"
            " WHERE s.plan_key = ? AND s.outcome = ? AND p.cutoff < ? AND r.role = ?"
            f" AND (r.status = ? OR {verdict} = ?)",
            (plan_key, ACCEPTED, before, LEAD, DONE, PASS)):
        cutoff, name = periods[code]
        sent.add((code, unit, did))
        done = status == DONE and (done_on or "") <= cutoff and (sid, did) not in wrong
        if said == PASS or (done and said != FAIL):
            found.append((cutoff, Answer(
                did, LEAD, status=DONE, percent=percent,
                completed_on=date.fromisoformat(done_on) if done_on else None,
                evidence=evidence or "", note=note or "", unit=unit, submission_id=sid,
                carried_from=name)))
    if assessed:  # assessed Đạt with nothing sent
        for code, unit, did in db.execute(
                "SELECT a.period, a.unit, a.deliverable FROM assessments a"
                " JOIN periods p ON p.plan_key = a.plan_key AND p.code = a.period"
                " WHERE a.plan_key = ? AND p.cutoff < ? AND a.verdict = ?",
                (plan_key, before, PASS)):
            if (code, unit, did) not in sent:
                cutoff, name = periods[code]
                found.append((cutoff, Answer(did, LEAD, status=DONE, unit=unit,
                                             carried_from=name)))
    found.sort(key=lambda item: item[0])  # stable: a later period's answer comes after
    return [a for _, a in found]


def counted_now(master: Master, earlier: list[Answer], rows: list[Answer],
                assessed: dict[tuple[str, str], Assessment]) -> dict[tuple[str, str], Answer]:
    """The earlier periods' done answers (:func:`earlier_done`, the latest of each row
    winning) this period counts, by (unit, product): a lead row of a product with a
    single due date (recurring and event work is reported each period), that this
    period has no answer on and the office has not assessed."""
    answered = {(r.unit, r.deliverable) for r in rows if r.status is not None}
    single = {d.id: set(d.lead) for d in master.deliverables() if d.deadline.due is not None}
    return {(a.unit, a.deliverable): a for a in earlier
            if a.unit in single.get(a.deliverable, ())
            and (a.unit, a.deliverable) not in answered
            and (a.unit, a.deliverable) not in assessed}
