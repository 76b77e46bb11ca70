"""The office's assessments in the ledger: each row's verdict or remark as recorded now,
with when (:func:`assessments`), and what a consolidated workbook, `assess` or the web
app says, recorded over it (:func:`save_assessments`), what it replaces kept in
``assessments_replaced`` (read back by :func:`cchc_xl.ledger.history.changed_since`).
Which cells of a workbook are read, and as what, is :mod:`cchc_xl.consolidated.link`'s.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..assessment import Assessment
from ..vocab import CLEARED
from .schema import has_table

if TYPE_CHECKING:  # for its type only
    from . import Ledger


def assessments(ledger: Ledger, plan_key: str, period: str
                ) -> dict[tuple[str, str], tuple[Assessment, str]]:
    """Each assessment of the period, with when it was recorded (ISO time); one removed
    has neither verdict nor note (counted.remove_assessment)."""
    if not has_table(ledger.db, "assessments"):  # a ledger written before assessments
        return {}
    return {(u, d): (Assessment(v, n or ""), at) for u, d, v, n, at in ledger.db.execute(
        "SELECT unit, deliverable, verdict, note, assessed_at FROM assessments"
        " WHERE plan_key = ? AND period = ?", (plan_key, period))}


def save_assessments(ledger: Ledger, plan_key: str, period: str,
                     found: dict[tuple[str, str], Assessment | None], now: datetime,
                     source: str, shown_until: str | None = None,
                     kept: list[tuple[str, str, Assessment, Assessment, str]] | None = None,
                     changes: dict[tuple[str, str], Assessment | None] | None = None,
                     shown_again: dict[tuple[str, str], Assessment] | None = None,
                     same_file: bool = False, written: str = "",
                     recorded_as: str | None = None) -> int:
    """Record what a consolidated workbook says (None: the cell was emptied); the
    number of rows whose assessment changed, each put in ``changes`` by (unit,
    deliverable) with its assessment now (None: removed). ``shown_until``: the time
    of the latest assessment the workbook was written with (None: not known, a
    workbook written before it was recorded). An assessment recorded after it
    (``assess`` of a copy, the web app) the workbook never showed: its cell, blank or
    as before, says nothing of it, and it stays; one it typed otherwise is not
    recorded, but added to ``kept`` as (unit, deliverable, typed, recorded, when
    recorded). With ``same_file`` (``source`` is the workbook's own path, resolved),
    one recorded after it from this same file is no copy's: the file was typed into
    again since (a remark made a verdict, then `assess` again), and is read; unless
    recorded before ``written``, when a merge last wrote a workbook there (a copy of
    an older one put back in its place; in the same second, it is taken as read
    from this file). ``recorded_as``: the source recorded, when not ``source``.

    ``shown_again``: the earlier periods' verdicts the workbook showed on rows of the
    period (its keys ending "|kỳ trước"), by row (snapshot.shown_again). Left as
    shown, the cell says nothing (no verdict typed); emptied, it takes the verdict
    back: kept as a mark (``Assessment.cleared``), so that the earlier verdict does
    not judge the row again. A verdict the office typed and then emptied is removed,
    as if never typed. What is replaced or removed is kept in ``assessments_replaced``
    (:func:`cchc_xl.ledger.history.changed_since`)."""
    shown_again = shown_again or {}
    recorded = assessments(ledger, plan_key, period)
    mine = {(u, d) for u, d in ledger.db.execute(
        "SELECT unit, deliverable FROM assessments WHERE plan_key = ? AND period = ?"
        " AND source = ? AND assessed_at >= ?", (plan_key, period, source, written))
    } if same_file else set()
    changed = 0
    with ledger.db:
        for (unit, did), given in found.items():
            before, at = recorded.get((unit, did), (None, ""))
            shown = shown_again.get((unit, did)) if before is None else None
            if shown is not None:
                if given == shown:
                    continue  # as shown: nothing typed
                if given is None:
                    given = Assessment(CLEARED)  # the verdict shown, taken back
            if before is not None and before.removed and (given is None or given.removed):
                continue  # removed: a blank cell says so
            if given == before or (shown_until is not None and at > shown_until
                                   and (unit, did) not in mine):
                if given not in (None, before) and kept is not None:
                    kept.append((unit, did, given, before, at))
                continue
            changed += 1
            if changes is not None:
                changes[(unit, did)] = None if given is None or given.removed else given
            if (unit, did) in recorded:  # what a workbook written before shows
                ledger.db.execute("INSERT INTO assessments_replaced SELECT *, ?, ? FROM"
                                " assessments WHERE plan_key = ? AND period = ? AND unit"
                                " = ? AND deliverable = ?", (
                                    now.isoformat(), recorded_as or source, plan_key,
                                    period, unit, did))
            if given is None:
                ledger.db.execute("DELETE FROM assessments WHERE plan_key = ? AND period = ?"
                                " AND unit = ? AND deliverable = ?",
                                (plan_key, period, unit, did))
            else:
                ledger.db.execute("INSERT OR REPLACE INTO assessments VALUES"
                                " (?, ?, ?, ?, ?, ?, ?, ?)",
                                (plan_key, period, unit, did, given.verdict, given.note,
                                 now.isoformat(), recorded_as or source))
    return changed
