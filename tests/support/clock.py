"""The machine's clock set for a test, in cchc-xl's one place for it (cchc_xl.clock):
the command line, the letters, the merges and the web app's day all follow it, and a
test so set passes whatever day the machine running it is on."""

from __future__ import annotations

from datetime import date, datetime, time


def set_clock(monkeypatch, when: date | datetime) -> None:
    """cchc-xl's clock at ``when`` (a day: 9 in the morning) for the rest of the test."""
    from cchc_xl import clock

    moment = when if isinstance(when, datetime) else datetime.combine(when, time(9))
    monkeypatch.setattr(clock, "now", lambda: moment)
