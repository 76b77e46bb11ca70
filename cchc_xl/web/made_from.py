"""What the web app's period outputs (the report, the reminder letter) were made from.

A report or a letter shows what the ledger held for its period when it was made. The
app records, per output, the period's digest taken before it was written
(:meth:`cchc_xl.ledger.Ledger.period_digest`) and the file's modification time, in
``lap-tu.json`` in the app's folder; the pages then say when an output is out of date
(a file merged or withdrawn since). An output made elsewhere (by the command line) has
no record: it is current when written after the ledger last changed.
"""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

from ..xlio import atomic_write

MADE_FROM = "lap-tu.json"


class MadeFrom:
    """The record kept in ``folder`` (the app's), written under ``lock``."""

    def __init__(self, folder: Path, lock: threading.Lock) -> None:
        self.path = Path(folder) / MADE_FROM
        self._lock = lock

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def made_from(self, path: Path) -> str | None:
        """The digest ``path`` was made from, when it is still the file recorded."""
        made = self._read().get(path.name)
        if isinstance(made, list) and len(made) == 2 and made[1] == path.stat().st_mtime_ns:
            return made[0]
        return None

    def record(self, digest: str | None, paths: list[Path]) -> None:
        """Remember what ``paths`` were made from (the digest taken before they were
        written: a merge meanwhile makes them out of date, never current). Not recorded
        when the folder cannot be written."""
        if digest is None:
            return
        with self._lock:
            made = self._read()
            for path in paths:
                with contextlib.suppress(OSError):
                    made[path.name] = [digest, path.stat().st_mtime_ns]
            text = json.dumps(made, ensure_ascii=False, indent=1, sort_keys=True)
            with contextlib.suppress(OSError):
                atomic_write(self.path, lambda tmp: tmp.write_text(text, "utf-8"))
