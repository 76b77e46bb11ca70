"""Where a recorded file is now, when the working folder was moved, copied or restored.

A merge records each file at the path it was given (relative to the folder it ran in,
or in full); the web app records its uploads in full, inside its data folder. A folder
moved or restored elsewhere, or copied with the original kept (a QA pass's copy, ``cp
-r``, ``cchc-xl restore B.zip --to NEW`` on the same computer), carries its ledger with
those paths: merged again in the copy, every problem and the consolidated workbook's
"Tệp đã nhận" named files in the original folder, as if the copy's were not the ones
counted. :func:`now_at` says where each file is now: the path it is given by now, or
the same place in the ledger's folder; ``Ledger.relocate`` records it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..xlio import file_sha256
from .counted import leads_nowhere


def now_at(given: dict[str, str], db_path: Path) -> Callable[[str, str], str | None]:
    """For ``Ledger.relocate``: (a recorded file's SHA-256, its recorded path) -> where
    it is now, None for where it was recorded. A file given again (``given``: SHA-256 ->
    the path given now) takes the path given when its recorded one leads to no file any
    more, or leads out of the ledger's folder while the path given is inside it (the
    folder copied, the original kept). A file not given again, recorded in full outside
    the ledger's folder, takes the same place inside it when the same file is there."""
    folder = _resolved(db_path).parent

    def moved(sha: str, recorded: str) -> str | None:
        if sha in given:
            now = given[sha]
            if now == recorded:  # given where it was recorded (most files): no path resolved
                return None
            if leads_nowhere(recorded, db_path) or (
                    _outside(recorded, folder) and not _outside(now, folder)):
                return now
            return None
        return _same_place_here(recorded, sha, folder)

    return moved


def _outside(path: str, folder: Path) -> bool:
    """Whether a path leads out of ``folder`` (a relative one: from the current
    folder, as the merge was given it)."""
    return not _resolved(path).is_relative_to(folder)


def _resolved(path: str | Path) -> Path:
    """Where a path leads, links followed (a loop: as written, made absolute)."""
    return Path(os.path.realpath(path))


def _same_place_here(recorded: str, sha: str, folder: Path) -> str | None:
    """The file recorded in full at ``recorded``, outside ``folder``, at the same place
    in ``folder``: its path there, the longest tail of the recorded path that leads to
    the same content ("…/cu/cchc-2026/nhan-ve/NV.xlsx" -> ``folder``/nhan-ve/NV.xlsx);
    None when it is not there, or the path is relative or inside the folder already."""
    path = Path(recorded)
    if not path.is_absolute() or not _outside(recorded, folder):
        return None
    parts = path.parts[1:]
    for start in range(len(parts)):  # the longest tail first
        here = folder.joinpath(*parts[start:])
        try:
            if os.path.isfile(here) and file_sha256(here) == sha:
                return str(here)
        except OSError:  # unreadable: not the file
            continue
    return None
