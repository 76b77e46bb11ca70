"""A period's snapshot and figures as the pages read them, once per state of the ledger.

Thu nhận (the board), Phản hồi (the units still to send, the letters' groups) and Báo
cáo read what the ledger holds for the period (snapshot.load_snapshot) and Thu nhận and
Phản hồi count it (report.summarize) on every view. At a national plan's size (2,000
units, 300 files merged) that was 0.5-0.65 s of each view, done again for a page opened
twice with nothing merged in between (docs/performance.md, "The web app's pages at
province and national size"). Each is now kept for the ledger as it stands: its file's
content key (any write the ledger commits changes it: a merge, a withdrawal, an
assessment, of any period) and the period's digest (Ledger.period_digest), read before
the snapshot. The figures are kept with their snapshot, per day they are counted to.

What is kept is shared by the views: pages read a snapshot and its summary, never
change them (a page that did would have to copy first)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import clock
from ..report import summarize
from ..report.summary import Summary
from ..snapshot import LedgerSnapshot
from ..xlio import content_key


@dataclass
class _Kept:
    snapshot: LedgerSnapshot
    summaries: dict[date, Summary] = field(default_factory=dict)


class PeriodFigures:
    """Snapshots (and their summaries) of the newest ``limit`` states of periods."""

    def __init__(self, limit: int = 6) -> None:
        self.limit = limit
        self._kept: OrderedDict[tuple, _Kept] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _ledger_key(ledger_path: Path) -> tuple | None:
        try:
            return content_key(os.stat(ledger_path))
        except (OSError, ValueError):
            return None

    def snapshot(self, ledger_path: Path, plan_key: str, code: str, digest: str | None,
                 load: Callable[[], LedgerSnapshot]) -> LedgerSnapshot:
        """The period's snapshot: kept when the ledger file and the period's ``digest``
        are as when it was loaded, else ``load()`` (and kept)."""
        signature = self._ledger_key(ledger_path)
        if signature is None or digest is None:
            return load()
        key = (os.fspath(ledger_path), plan_key, code, digest, *signature)
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key].snapshot
        loaded = load()
        with self._lock:
            self._kept[key] = _Kept(loaded)
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)
        return loaded

    def summary(self, snapshot: LedgerSnapshot, today: date | None = None) -> Summary:
        """``summarize(snapshot, today)``, counted once per kept snapshot and day (None:
        the clock's, as summarize reads it)."""
        day = today or clock.today()
        with self._lock:
            kept = next((k for k in self._kept.values() if k.snapshot is snapshot), None)
            if kept is not None and day in kept.summaries:
                return kept.summaries[day]
        counted = summarize(snapshot, day)
        if kept is not None:
            with self._lock:
                kept.summaries[day] = counted
        return counted
