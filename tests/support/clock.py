"""The machine's clock set for a test, in cchc-xl's one place for it (cchc_xl.clock):
the command line, the letters, the merges and the web app's day all follow it, and a
test so set passes whatever day the machine running it is on."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

# Readings of a set clock, counted over the whole run: see set_clock.
_TICKS = itertools.count()


def set_clock(monkeypatch, when: date | datetime) -> None:
    """cchc-xl's clock at ``when`` (a day: 9 in the morning) for the rest of the test.

    It goes on a microsecond each time it is read, as a clock goes on between two
    readings: what cchc-xl weighs one moment of its own against another by (a merge on
    the ledger before the upload that made it ended, a file withdrawn after it) stays
    in order, which a clock standing still made equal; in order from one test to the
    next too (a server and its data folder shared by a module's tests). The day and the
    second said stay ``when``'s (a million readings make a second)."""
    from cchc_xl import clock

    moment = when if isinstance(when, datetime) else datetime.combine(when, time(9))
    monkeypatch.setattr(clock, "now", lambda: moment + timedelta(microseconds=next(_TICKS)))
