"""What the web app's period outputs made before the files carried it were made from.

A report or a letter now carries the period's digest it was made from
(:mod:`cchc_xl.made_from`). Before it did, the app recorded, per output it made, the
period's digest taken before it was written and the file's modification time, in
``lap-tu.json`` in the app's folder: read here for those outputs (a file changed since
is no longer the one recorded).
"""

from __future__ import annotations

import json
from pathlib import Path

MADE_FROM = "lap-tu.json"


class MadeFrom:
    """The record kept in ``folder`` (the app's)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / MADE_FROM

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
