"""The layout of an office's data folder that the library relies on whether or not the web
app runs: the app's own folder in it and its places, which of them a backup leaves out,
and the notes of the uploads not merged yet as a backup takes them. Their one home: the
web app keeps its files by these names (web/workspace.py, web/pending.py, web/held.py,
web/flashes.py, web/restored.py), and a backup (:mod:`cchc_xl.backup`), a swap cut off
midway put right (:mod:`cchc_xl.swapped`) and a merge's walk of the returns
(:mod:`cchc_xl.intake.collect`) read the folder by them, every command among them.

The app keeps its state in :data:`APP_DIR`: what lasts (the record of what the outputs
were made from, what an import found, the bug log) and scratch places. A backup leaves
out the scratch places (:data:`LEFT_OUT`), whose files are the app's for a moment (an
upload being checked, a file made to be downloaded once, a backup being made), and the
key that signs the sessions (a secret: a copy restored makes its own, and people log in
again) with the pages' messages waiting for those sessions (web/flashes.py) and the
logins ended (web/logins.py). The notes of
the uploads not merged yet (:data:`PENDING_DIR`, written by web/pending.py) are not
copied as files are: the backup copies those to merge itself, each with the files it
holds of them, read by :func:`noted`, and leaves out the held ones with their files
(:func:`cchc_xl.backup._add_notes`).

Plain names and the reading of the notes: nothing here may pull in the web app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

APP_DIR = ".cchc-web"  # in the data folder
SESSION_KEY = "session-key"
UPLOADS = "tai-len"  # a plan uploaded, until it is checked
IMPORTS = "nhap"  # a plan imported from a document, until it is checked
ONE_DOWNLOAD = "trong"  # a file made to be downloaded once (a blank plan, an appendix)
BACKUPS = "sao-luu"  # the last backup made on the plan page, to be downloaded
BEFORE_RESTORE = "truoc-khoi-phuc"  # the folder backed up before each restore (web/restored.py)
SWAP_NOTE = "doi-cho.json"  # the data folder being swapped with one restored (swapped.py)
HELD_DIR = "cho-thay"  # a plan uploaded in place of the one in use, held (web/held.py)
PENDING_DIR = "chua-gop"  # the notes of the uploads not merged yet (web/pending.py)
FLASHES = "thong-bao.json"  # the pages' one-time messages waiting (web/flashes.py)
LOGINS = "dang-nhap.json"  # the logins ended, with a password (web/logins.py): a secret too

LEFT_OUT = frozenset({SESSION_KEY, UPLOADS, IMPORTS, ONE_DOWNLOAD, BACKUPS, BEFORE_RESTORE,
                      SWAP_NOTE, HELD_DIR, PENDING_DIR, FLASHES, LOGINS})


def folder_of_note(note: Path) -> Path:
    """The data folder a note in it is about, in full: app_dir/PENDING_DIR/note."""
    return Path(note).resolve().parent.parent.parent


@dataclass(frozen=True)
class Noted:
    """A note as a backup takes it: its file name, whether held, when it was written,
    its files relative to the data folder (those outside it left off: no backup has
    them), and what it says (copied with its files, :meth:`copied`)."""

    name: str
    held: bool
    written: float
    files: tuple[str, ...]
    data: dict

    def copied(self, files: list[str]) -> bytes:
        """The note as the backup holds it: ``files`` (relative), those it has."""
        return json.dumps({**self.data, "paths": files}, ensure_ascii=False).encode("utf-8")


def noted(app_dir: Path) -> list[Noted]:
    """Every note (of an upload to merge, or held) as it is, for a backup: read only,
    nothing removed (a note that cannot be read, or is gone meanwhile, is left off)."""
    found = []
    for note in sorted((app_dir / PENDING_DIR).glob("*.json")):
        try:
            written = note.stat().st_mtime
            data = json.loads(note.read_text(encoding="utf-8"))
            folder = folder_of_note(note)
            full = [(folder / str(p)).resolve() for p in data["paths"]]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        files = tuple(p.relative_to(folder).as_posix() for p in full
                      if p.is_relative_to(folder))
        found.append(Noted(note.name, data.get("held") is True, written, files, data))
    return found
