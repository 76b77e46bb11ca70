"""The machine's clock, read in this one place.

What cchc-xl says depends on the day: which period is reported now, whether a report is
late, the year a new plan is for, the date a letter bears, whether a file says it was
saved after the merge. Each of those takes the moment from its caller (``now``/``today``
arguments: the web app's day, ``plan_periods.today``; a merge's one moment); what has no
caller to ask reads it here, so that a test, or a QA run set on another day, sets the
clock once for everything (``monkeypatch.setattr(clock, "now", ...)``): a module that
read the clock itself answered with the machine's day when the rest had another.

Not read here: the ages of files on disk (held uploads, a lock, a stale note), measured
against the file system's own clock (``time.time()``), whatever day the office is in.
"""

from __future__ import annotations

from datetime import date, datetime


def now() -> datetime:
    """This moment, local and naive like the files' times and the due dates (to the
    microsecond: what the ledger and the workbooks record is cut to the second where it
    is recorded; a plan replaced is kept under a name to the microsecond)."""
    return datetime.now()


def today() -> date:
    """Today's date, from :func:`now` (set one, set both)."""
    return now().date()
