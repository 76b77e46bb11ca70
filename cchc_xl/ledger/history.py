"""What the ledger holds of a plan's earlier periods, read back as recorded: the
periods, the lead rows of accepted files, the errors found on them, the office's
verdicts, and each unit's last answers. SQL only: what counts (what carries into a
later period, what split fills in) is decided by :mod:`cchc_xl.carried`.

Earlier: the period's cut-off (an ISO date) is before ``before``; and a period's
verdicts as they were before they were replaced (:func:`changed_since`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..answer import Answer
from ..assessment import Assessment
from ..findings import Finding
from ..vocab import ACCEPTED, ERROR, LEAD
from .schema import has_table, row_date

if TYPE_CHECKING:  # for its type only
    from . import Ledger


def periods(ledger: Ledger, plan_key: str, before: str
            ) -> dict[str, tuple[str, str, str]]:
    """The plan's periods whose cut-off is before ``before``: code -> (cut-off, name,
    start), ISO dates."""
    return {code: (cutoff, name, start) for code, cutoff, name, start in ledger.db.execute(
        "SELECT code, cutoff, name, start FROM periods WHERE plan_key = ? AND cutoff < ?",
        (plan_key, before))}


def verdicts(ledger: Ledger, plan_key: str, before: str
             ) -> dict[tuple[str, str, str], tuple[str, str]]:
    """The office's verdicts of the earlier periods and their notes, by (period, unit,
    product); none in a ledger from before assessments were recorded."""
    if not has_table(ledger.db, "assessments"):
        return {}
    return {(code, unit, did): (verdict, note or "")
            for code, unit, did, verdict, note in ledger.db.execute(
                "SELECT a.period, a.unit, a.deliverable, a.verdict, a.note FROM assessments a"
                " JOIN periods p ON p.plan_key = a.plan_key AND p.code = a.period"
                " WHERE a.plan_key = ? AND p.cutoff < ? AND a.verdict IS NOT NULL",
                (plan_key, before))}


def rows_with_errors(ledger: Ledger, plan_key: str, before: str) -> set[tuple[int, str]]:
    """(submission, product) of each row of an earlier period's accepted file that was
    found with an error."""
    # Pairs as tuples: the ledger's rows (sqlite3.Row) never equal a tuple, and a set of
    # them said no row had an error (every done row was carried).
    return {(sid, task) for sid, task in ledger.db.execute(
        "SELECT q.submission_id, q.task FROM problems q"
        " JOIN submissions s ON s.id = q.submission_id"
        " JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period"
        " WHERE s.plan_key = ? AND s.outcome = ? AND p.cutoff < ? AND q.on_row = 1"
        " AND q.severity = ?", (plan_key, ACCEPTED, before, ERROR))}


def row_errors(ledger: Ledger, plan_key: str, before: str
               ) -> dict[tuple[int, str], list[Finding]]:
    """The errors found on each row of the plan's files from the periods before
    ``before`` (and of files of no recorded period), as recorded (the unit's feedback
    file told them), by (submission, product)."""
    found: dict[tuple[int, str], list[Finding]] = {}
    for sid, finding in ledger.problems_where(
            "on_row = 1 AND severity = ? AND submission_id IN (SELECT s.id FROM submissions s"
            " LEFT JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period"
            " WHERE s.plan_key = ? AND (p.cutoff IS NULL OR p.cutoff < ?))",
            (ERROR, plan_key, before)):
        found.setdefault((sid, finding.task), []).append(finding)
    return found


def lead_answers(ledger: Ledger, plan_key: str, before: str) -> Iterator[tuple[str, Answer]]:
    """The lead rows of the earlier periods' accepted files as recorded, each with its
    period's code, in the order of the periods' cut-offs, then of the files."""
    for code, sid, unit, did, status, percent, done_on, evidence, note in ledger.db.execute(
            "SELECT p.code, s.id, s.unit, r.deliverable, r.status, r.percent, r.completed_on,"
            " r.evidence, r.note FROM rows r JOIN submissions s ON s.id = r.submission_id"
            " JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period"
            " WHERE s.plan_key = ? AND s.outcome = ? AND p.cutoff < ? AND r.role = ?"
            " ORDER BY p.cutoff, s.id", (plan_key, ACCEPTED, before, LEAD)):
        yield code, Answer(did, LEAD, status=status, percent=percent,
                           completed_on=row_date(done_on),
                           evidence=evidence or "", note=note or "", unit=unit,
                           submission_id=sid)


def unit_answers(ledger: Ledger, plan_key: str, unit_code: str | None, before: str,
                 merged_by: str | None = None) -> list[tuple[str | None, Answer]]:
    """Every row of the plan's files from the periods before ``before`` (and of files
    of no recorded period), of ``unit_code`` (every unit: None), each with its period's
    code (None: no recorded period), in the order of the periods' cut-offs, then of the
    files; values only (no findings).

    The accepted files; with ``merged_by`` (an ISO time) instead, as the ledger stood
    then, as near as it can tell: the files merged by then that were accepted at their
    merge (replaced or withdrawn since included)."""
    where, args = ["s.plan_key = ?"], [plan_key]
    if merged_by is None:
        where.append("s.outcome = ?")
        args.append(ACCEPTED)
    else:  # a file with rows recorded was accepted at its merge
        where.append("s.merged_at <= ?")
        args.append(merged_by)
    if unit_code is not None:
        where.append("s.unit = ?")
        args.append(unit_code)
    cur = ledger.db.execute(
        "SELECT p.code, s.id, s.unit, r.deliverable, r.role, r.status, r.percent, r.completed_on,"
        " r.evidence, r.note"
        " FROM rows r JOIN submissions s ON s.id = r.submission_id"
        " LEFT JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period"
        f" WHERE {' AND '.join(where)} AND (p.cutoff IS NULL OR p.cutoff < ?)"
        " ORDER BY p.cutoff, s.id", (*args, before))
    return [(code, Answer(deliverable=did, role=role, status=status, percent=percent,
                          completed_on=row_date(done_on), evidence=evidence or "",
                          note=note or "", unit=unit, submission_id=sid))
            for code, sid, unit, did, role, status, percent, done_on, evidence, note
            in cur.fetchall()]


def changed_since(ledger: Ledger, plan_key: str, period: str, until: str
                  ) -> dict[tuple[str, str], tuple[Assessment | None, dict[str, str], str]]:
    """The period's rows whose assessment was recorded, replaced or removed after
    ``until`` (an ISO time: the latest assessment a consolidated workbook was written
    with), by (unit, product): (what the row showed then, None for nothing; the sources
    of the changes since, each with the time of its latest; when the latest was made).
    What it showed is the assessment recorded by ``until`` and replaced after it
    (``assessments_replaced``, kept from schema 4 on: one replaced before is not known,
    and the row is taken as blank)."""
    if not has_table(ledger.db, "assessments_replaced"):
        return {}
    found: dict[tuple[str, str], tuple[Assessment | None, dict[str, str], str]] = {}
    for unit, did, source, at in ledger.db.execute(
            "SELECT unit, deliverable, source, assessed_at FROM assessments WHERE plan_key"
            " = ? AND period = ? AND assessed_at > ?", (plan_key, period, until)):
        found[(unit, did)] = (None, {source or "": at}, at)
    for unit, did, verdict, note, at, by, replaced in ledger.db.execute(
            "SELECT unit, deliverable, verdict, note, assessed_at, replaced_by, replaced_at"
            " FROM assessments_replaced WHERE plan_key = ? AND period = ? AND replaced_at > ?"
            " ORDER BY replaced_at", (plan_key, period, until)):
        shown, sources, latest = found.get((unit, did), (None, {}, ""))
        if at <= until:  # recorded before the workbook was written, replaced after
            given = Assessment(verdict, note or "")
            shown = given if given.text else None
        sources = {**sources, by or "": max(sources.get(by or "", ""), replaced)}
        found[(unit, did)] = (shown, sources, max(latest, replaced))
    return found


def written_at(ledger: Ledger, plan_key: str, period: str, path: str) -> str:
    """When a merge last wrote the period's consolidated workbook at ``path`` (resolved),
    "" for never: what the office typed into a file there before was typed into another
    file than the one there now (last week's copy put back in its place)."""
    row = ledger.consolidated_record(plan_key, period, path)
    return row["written_at"] if row else ""


def last_replaced(ledger: Ledger, plan_key: str, period: str) -> str:
    """When an assessment of the period was last replaced or removed ("" for never)."""
    if not has_table(ledger.db, "assessments_replaced"):
        return ""
    row = ledger.db.execute("SELECT max(replaced_at) FROM assessments_replaced WHERE"
                            " plan_key = ? AND period = ?", (plan_key, period)).fetchone()
    return row[0] or ""
