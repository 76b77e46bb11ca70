"""The digest of a period's content in the ledger: what tells a consolidated workbook or a
report made before from one that must be made again (docs/ledger.md)."""

from __future__ import annotations

import hashlib
import sqlite3

from ..vocab import REJECTED, WITHDRAWN
from .schema import columns, period_version


def period_digest(db: sqlite3.Connection, plan_key: str, period: str) -> str:
    """SHA-256 of what a snapshot of the plan and period is made of: the plan's version
    the period is counted with (:meth:`Ledger.plan`), the period, every submission as it
    stands (its outcome and reason change; the file, rows and problems recorded with it
    never do) and the office's assessments, the same of earlier periods (what was done
    then counts now). Equal digests: the same consolidated workbook."""
    digest = hashlib.sha256()
    counted = period_version(db, plan_key, period)  # else the plan's current version
    for sql, args in (
            ("SELECT ?", (counted[1],)) if counted else
            ("SELECT v.sha256 FROM plans p JOIN plan_versions v ON v.id = p.version"
             " WHERE p.plan_key = ?", (plan_key,)),
            ("SELECT * FROM periods WHERE plan_key = ? AND code = ?", (plan_key, period)),
            ("SELECT * FROM submissions WHERE plan_key = ? AND period = ? ORDER BY id",
             (plan_key, period)),
            ("SELECT * FROM assessments WHERE plan_key = ? AND period = ?"
             " ORDER BY unit, deliverable", (plan_key, period)),
            # Earlier periods: what was done or refused then counts now (earlier_said).
            ("SELECT s.* FROM submissions s JOIN periods p ON p.plan_key = s.plan_key"
             " AND p.code = s.period WHERE s.plan_key = ? AND p.cutoff < (SELECT cutoff"
             " FROM periods WHERE plan_key = ? AND code = ?) ORDER BY s.id",
             (plan_key, plan_key, period)),
            ("SELECT a.* FROM assessments a JOIN periods p ON p.plan_key = a.plan_key"
             " AND p.code = a.period WHERE a.plan_key = ? AND p.cutoff < (SELECT cutoff"
             " FROM periods WHERE plan_key = ? AND code = ?)"
             " ORDER BY a.period, a.unit, a.deliverable", (plan_key, plan_key, period))):
        cur = db.execute(sql, args)
        cur.row_factory = None
        for row in cur:
            digest.update(repr(row).encode("utf-8"))
        digest.update(b"\x00")
    # The period's refused (or withdrawn) files as another period holds them, whatever
    # its cut-off: merged there, one is no refusal or withdrawal here (other_period.
    # gone_to_own_period). Added only when there are some: the digests of other periods
    # stay as they were.
    # The same file: the same content, an empty one of the same name (keys.py, schema 6).
    same = " AND o.name_key = s.name_key" if "name_key" in columns(db, "submissions") else ""
    for row in db.execute(
            "SELECT o.id, o.period, o.outcome, o.merged_at FROM submissions s JOIN"
            f" submissions o ON o.sha256 = s.sha256{same} AND o.plan_key = s.plan_key"
            " AND o.period != s.period WHERE s.plan_key = ? AND s.period = ?"
            " AND s.outcome IN (?, ?) ORDER BY o.id",
            (plan_key, period, REJECTED, WITHDRAWN)):
        digest.update(repr(tuple(row)).encode("utf-8"))
    # And as another plan holds them: a file of last year's plan refused here, merged
    # into that plan's period since (other_period._gone_to_own_plan).
    for row in db.execute(
            "SELECT o.id, o.plan_key, o.period, o.outcome, o.merged_at FROM submissions s"
            f" JOIN submissions o ON o.sha256 = s.sha256{same} AND o.plan_key != s.plan_key"
            " WHERE s.plan_key = ? AND s.period = ? AND s.outcome IN (?, ?) ORDER BY o.id",
            (plan_key, period, REJECTED, WITHDRAWN)):
        digest.update(repr(tuple(row)).encode("utf-8"))
    return digest.hexdigest()
