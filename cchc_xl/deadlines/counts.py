"""A time counted from a day, read by :mod:`cchc_xl.deadlines`: "Trong 30 ngày kể từ
01/3/2026" is due when the 30 days end (31/3/2026), not on the day they are counted from.
The grammar: docs/deadlines.md."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..text import one_line
from . import words as W


def counted_from(text: str, day: date, at: int) -> date | None:
    """The day a time written just before ``at`` ("trong 30 ngày kể từ", "trong thời hạn
    15 ngày làm việc kể từ ngày", "trong 3 tháng kể từ") ends, counted from ``day``, the
    day written at ``at``: ``day`` itself when no time is counted from it. As Bộ luật Dân
    sự 2015 counts (Điều 147, 148): from the day after ``day``; days are calendar days, a
    last day on a Saturday, a Sunday or a holiday of a fixed day (``W.FIXED_HOLIDAYS``)
    moves to the next working day; months end on the same day of the last month (its last
    day when it has none). Working days are Monday to Friday, and None (the office's to
    judge) when a public holiday, whose days off the reader does not know, may fall within
    them (``W.HOLIDAY_WINDOWS``)."""
    m = W.COUNTED_SPAN.search(text, 0, at)
    if m is None or not int(m["n"]):
        return day
    n = int(m["n"])
    if m["working"]:
        due = working_days_after(day, n)
        span = (day + timedelta(days=i) for i in range(1, (due - day).days + 1))
        return None if any(_holiday_may_fall(d) for d in span) else due
    due = day + (relativedelta(months=n) if m["unit"] == "tháng" else timedelta(days=n))
    while due.weekday() >= 5 or (due.month, due.day) in W.FIXED_HOLIDAYS:
        due += timedelta(days=1)
    return due


def working_days_after(day: date, n: int) -> date:
    """The day ``n`` working days after ``day`` end, counted from the day after it,
    Monday to Friday (no public holiday counted out: the caller judges whether one may
    fall within them, :data:`W.HOLIDAY_WINDOWS`)."""
    due = day
    while n > 0:
        due += timedelta(days=1)
        n -= due.weekday() < 5
    return due


def _holiday_may_fall(day: date) -> bool:
    return any(first <= (day.month, day.day) <= last for first, last in W.HOLIDAY_WINDOWS)


def counts_working_days(text: str) -> bool:
    """Whether ``text`` counts working days from a day it writes ("Trong 10 ngày làm việc
    kể từ 20/01/2026"): read with no day when a holiday may fall within them, which the
    plan's check says in those words, not as a text without a date."""
    low = one_line(text).lower()
    return any((span := W.COUNTED_SPAN.search(low, 0, m.start())) is not None
               and bool(span["working"]) for m in W.DATE_RE.finditer(low))
