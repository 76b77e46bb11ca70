"""Uploads taken but not merged yet, written down until they are.

An upload is saved, then merged by the app's job queue. A server that dies before its
queue is done (killed, the computer switched off) left the files in the period's folder
and out of the ledger, while the office had seen them taken ("Đang chờ"). Each upload's
files and day received are now written down when they are saved, and the note removed
once their merge is over (whatever its outcome); the app, starting, merges the uploads a
note is left for.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..xlio import atomic_write

PENDING_DIR = "chua-gop"  # in the app's own folder


@dataclass
class Pending:
    """One upload left unmerged: its note, period, files (those still there), day."""

    note: Path
    period: str
    paths: list[Path]
    received: date | None


def remember(app_dir: Path, period: str, paths: list[Path], received: date | None) -> Path:
    """Write down an upload's files before they are queued: the note's path."""
    note = app_dir / PENDING_DIR / f"{uuid.uuid4().hex}.json"
    text = json.dumps({"period": period, "paths": [str(p.resolve()) for p in paths],
                       "received": received.isoformat() if received else None},
                      ensure_ascii=False)
    atomic_write(note, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return note


def forget(note: Path) -> None:
    """The upload is merged (or its merge said why not): nothing left to do for it."""
    note.unlink(missing_ok=True)


def left(app_dir: Path) -> list[Pending]:
    """The uploads a server that stopped left unmerged, oldest first; a note that cannot
    be read is removed (the files stay in the period's folder)."""
    found = []
    notes = sorted((app_dir / PENDING_DIR).glob("*.json"), key=lambda p: p.stat().st_mtime)
    for note in notes:
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            period, paths = str(data["period"]), [Path(p) for p in data["paths"]]
            received = date.fromisoformat(data["received"]) if data.get("received") else None
        except (OSError, ValueError, KeyError, TypeError):
            forget(note)
            continue
        found.append(Pending(note, period, [p for p in paths if p.is_file()], received))
    return found
