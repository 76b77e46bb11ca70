"""Timeliness of a task, derived from its deadline and what the unit reported.

docs/counting.md: a completed task is "đúng hạn" when done by its deadline, else "quá
hạn"; an unfinished task is "trong hạn" until its deadline passes, then "quá hạn".
Recurring and event-based deadlines have no single date: "cần đánh giá".

Pure functions, no I/O: merge uses them at the period's cut-off, and the report
step reuses them on the ledger's rows.
"""

from __future__ import annotations

from datetime import date

from .vocab import DONE, IN_PROGRESS, JUDGE, LATE, ON_TIME, TIMELINESS_LABELS, WITHIN


def status_as_of(status: str | None, completed_on: date | None, as_of: date) -> str | None:
    """The status as it stood at ``as_of`` (the period's cut-off).

    A task reported done on a date after the cut-off was not yet done at the
    cut-off: it counts as in progress for that period (the unit reported work on
    it). Any other status is taken as reported.
    """
    if status == DONE and completed_on is not None and completed_on > as_of:
        return IN_PROGRESS
    return status


def timeliness(due: date | None, status: str | None, completed_on: date | None,
               as_of: date, final: date | None = None) -> str | None:
    """One of ON_TIME, LATE, WITHIN, JUDGE; None when nothing was reported.

    ``due`` is None for recurring and event-based deadlines (``Deadline.due``).
    ``as_of`` is the period's cut-off: an unfinished task whose due date is on or
    after it is still within time. A task is judged as it stood at the cut-off
    (:func:`status_as_of`): one reported done with a completion date after the
    cut-off counts as unfinished then, within time or late by its due date. A
    task reported done without a (readable) completion date counts as on time
    while the cut-off is not past its due date, since it was done by then;
    otherwise it needs judgment.

    A deliverable with several dates ("Quý II, III/2026"; "- Kế hoạch: tháng 1;
    - Báo cáo: tháng 12") passes ``due`` = ``Deadline.due_at(as_of)``, the date due
    by the cut-off (an unfinished one is late once any of its dates has passed), and
    ``final`` = ``Deadline.due``, its last date (a finished one is on time when done
    by it). ``final`` defaults to ``due``.
    """
    status = status_as_of(status, completed_on, as_of)
    if status is None:
        return None
    if due is None:
        return JUDGE
    if status == DONE:
        last = final or due
        if completed_on is not None:
            return ON_TIME if completed_on <= last else LATE
        return ON_TIME if as_of <= last else JUDGE
    return WITHIN if as_of <= due else LATE


def label(code: str | None) -> str:
    """The Vietnamese label of a timeliness code ("" for None)."""
    return TIMELINESS_LABELS.get(code, "") if code else ""
