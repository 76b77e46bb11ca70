"""The ledger's archive: every returned file kept, under its SHA-256, beside the ledger.

A file is archived as its bytes were hashed and read, never more readable than the
file it copies (a private file stays private). The copy is made where the file is
read: a merge's worker copies the file into the archive's folder under a temporary
name while checking its SHA-256, reads that copy, and the merging process, which
alone writes the ledger, moves it into place when it records the file
(:func:`place`). One copy, not two (one to read from, one to keep): with the files
of a merge about 28 KB each, the second copy and the temporary folder around the
first cost about 1.7 ms a file, a third of what reading the file costs.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .temporary import OWNER_WRITES, sweep_stale, temporary_beside
from .xlio import atomic_write, copy_checked, input_gone

ARCHIVE_DIR = "cchc-archive"


def archive_dir(db: Path) -> Path:
    """The archive folder of the ledger ``db``."""
    return Path(db).parent / ARCHIVE_DIR


def kept_copy(db: Path, archived: str) -> Path | None:
    """The archive's copy of a file the ledger ``db`` recorded (``files.archived``,
    relative to the ledger's folder); None when it recorded none. What opens a recorded
    file again reads it here, or here when the path recorded (``submissions.path``)
    opens no more: that is the path as given, relative to the folder the program ran in
    then (the web app on ``serve --data cchc-2026``), which another day's start, or the
    data folder moved or restored elsewhere, no longer finds; the archive moves with
    the ledger."""
    return Path(db).parent / archived if archived else None


def target(folder: Path, source: Path, sha256: str) -> Path:
    """Where ``source``, whose bytes have the SHA-256 ``sha256``, is kept in ``folder``."""
    suffix = "".join(c for c in source.suffix.lower() if c.isalnum() or c == ".")[:8]
    return folder / sha256[:2] / f"{sha256}{suffix}"


def sweep(folder: Path) -> None:
    """Remove the copies a merge killed outright (SIGKILL, the machine switched off) left
    in the archive ``folder`` under their temporary names: the archive is written only
    by a merge holding the ledger's lock, which the caller holds, so one whose process
    is gone is left over, however young (temporary.sweep_stale)."""
    try:
        subfolders = [Path(e.path) for e in os.scandir(folder) if e.is_dir()]
    except OSError:
        return
    for sub in subfolders:
        sweep_stale(sub, min_age=0)


def staging(kept_at: Path) -> Path:
    """A name, not yet taken, for a copy to be made beside ``kept_at`` and moved there."""
    return temporary_beside(kept_at)


def _mode(source: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(source).st_mode) & 0o666 | OWNER_WRITES
    except OSError as exc:
        raise input_gone(source, exc) from exc


def stage(source: Path, staged: Path, sha256: str) -> None:
    """Copy ``source`` to ``staged`` (a name from :func:`staging`, created here and only
    here), checking that its bytes are still those of ``sha256``; InputChangedError,
    and nothing left at ``staged``, if they are not. OSError if the archive cannot be
    written (the caller then copies the file elsewhere to read it)."""
    mode = _mode(source)
    staged.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
    try:
        copy_checked(source, staged, sha256)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def discard(staged: Path) -> None:
    """Remove a copy :func:`stage` made that is not to be kept, and its folder of the
    archive if that is left empty (a merge that records none of its files leaves the
    archive as it was)."""
    staged.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty: other files are kept there
        staged.parent.rmdir()
        staged.parent.parent.rmdir()  # the archive itself, made for this merge


def place(source: Path, sha256: str, kept_at: Path, staged: Path | None = None) -> None:
    """Make ``kept_at`` hold the bytes of ``source`` (SHA-256 ``sha256``): moved from
    ``staged``, a copy :func:`stage` made and checked, or copied now (atomically,
    checked); nothing to do if it is there already. InputChangedError if a copy made
    now finds ``source`` changed since it was hashed."""
    if kept_at.is_file():
        return
    if staged is not None:
        try:
            os.replace(staged, kept_at)
            return
        except OSError:
            pass  # gone, or not movable: copied below
    atomic_write(kept_at, lambda tmp: copy_checked(source, tmp, sha256), mode=_mode(source))
