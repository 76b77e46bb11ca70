"""Uploads taken but not merged yet, written down until they are.

An upload is saved, then merged by the app's job queue. A server that dies before its
queue is done (killed, the computer switched off) left the files in the period's folder
and out of the ledger, while the office had seen them taken ("Đang chờ"). Each upload's
files and day received (the day the app took them when "Ngày nhận" was left empty: not
the day it starts again) are now written down when they are saved, and the note removed
once their merge is over (whatever its outcome); the app, starting, merges the uploads a
note is left for.

An upload whose "Ngày nhận" was refused, sent without the page's script (a browser
cannot fill a file input again: the office had to choose every file again), is noted the
same way but held: not merged when the app starts (no day was taken for it), merged
with the day corrected once the form is sent again (:func:`hold`, :func:`held`). Its
note's name is the token the session keeps; the token is never taken as a path.

Several notes left are merged in the order they were written, as their uploads were
queued: each note says when (:func:`_stamp`). They were merged by their file times, which
a folder restored or copied does not keep (Python's zipfile, many unzip tools): a unit's
first file merged after its corrected one was warned "gửi sau nhưng lưu trước", telling
the office to withdraw the corrected one, or counted in its place when the two tie on
their saved time (none inside, both unzipped in one second: Ledger.settle gives a tie to
the file merged later).

The notes are in the data folder's :data:`cchc_xl.data_folder.PENDING_DIR`. A backup
(:mod:`cchc_xl.backup`) copies the notes of the uploads to merge with their files, read
as they are (:func:`cchc_xl.data_folder.noted`, the library's: a backup is made without
the web app): the copy restored on another computer merges them when the app starts
there, with their day. Not the held ones: their token lives in a session, which no
restored copy has (its session key is not backed up).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..data_folder import PENDING_DIR, folder_of_note
from ..errors import OutputError
from ..ledger.lock import ledger_lock, merge_running
from ..xlio import atomic_write

_TOKEN = re.compile(r"[0-9a-f]{32}")  # a note's name (uuid4().hex)
_TAKEN = ".dang-gop"  # a held note's suffix once taken (:func:`take`)
HELD_SECONDS = 24 * 3600  # a held upload nobody sent again is forgotten a day later
_TAKING_WAIT = 10.0  # how long a click waits for another working on the same upload
_LAST_STAMP = [0]  # the last note's stamp (:func:`_stamp`), with its lock
_STAMP_LOCK = threading.Lock()


@dataclass
class Pending:
    """One upload left unmerged: its note, period, files (those still there), day;
    ``passed``: the names of the files passed over when it was sent (a lock file...), for
    its merge to list them as "Bỏ qua" as it would have then (held uploads only);
    ``written``: when its note was written (:func:`_stamp`), as uploads are ordered."""

    note: Path
    period: str
    paths: list[Path]
    received: date | None
    passed: list[str] = field(default_factory=list)
    written: int = 0


def remember(app_dir: Path, period: str, paths: list[Path], received: date | None,
             held: bool = False, passed: list[str] | None = None,
             moved_from: list[Path] | None = None) -> Path:
    """Write down an upload's files before they are queued: the note's path.
    ``held``: its day refused, the upload waits to be sent again (:func:`hold`).
    ``moved_from``: where each of ``paths`` is before it is moved there (a held upload
    going to its period: late_files.held_files), the note written first: the app
    starting again finishes the moves a server that died left undone (:func:`left`)."""
    note = app_dir / PENDING_DIR / f"{uuid.uuid4().hex}.json"
    folder = folder_of_note(note)
    text = json.dumps({"period": period, "paths": [_written(p, folder) for p in paths],
                       "received": received.isoformat() if received else None,
                       "written": _stamp(),
                       "times": _file_times(paths, moved_from or paths, folder),
                       **({"held": True} if held else {}),
                       **({"passed": passed} if passed else {}),
                       **({"from": [_written(p, folder) for p in moved_from]}
                          if moved_from else {})},
                      ensure_ascii=False)
    atomic_write(note, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return note


def _file_times(paths: list[Path], sources: list[Path], folder: Path) -> dict[str, int]:
    """Each file's time now (``sources``: where each of ``paths`` is now), by its place
    in the note: what orders a unit's files that hold no saved time
    (:func:`_keep_times`)."""
    times = {}
    for path, source in zip(paths, sources, strict=True):
        with contextlib.suppress(OSError):
            times[_written(path, folder)] = Path(source).stat().st_mtime_ns
    return times


def _keep_times(times: object, folder: Path) -> None:
    """Give the files of a note left unmerged the times they had when it was written. A
    unit's files that hold no saved time are ordered by their own (Ledger.settle): a
    folder restored from a backup has the times the unzip gave them, in the order it
    unpacked them (Python's zipfile, many unzip tools), and the first of two files could
    count in place of the corrected one uploaded after it."""
    if not isinstance(times, dict):
        return
    for place, ns in times.items():
        if not isinstance(ns, int) or isinstance(ns, bool):
            continue
        with contextlib.suppress(OSError, ValueError, TypeError):
            path = folder / str(place)
            if path.is_file() and path.stat().st_mtime_ns != ns:
                os.utime(path, ns=(ns, ns))


def _stamp() -> int:
    """When a note is written, in nanoseconds since the epoch: each later than the one
    before in the app (two uploads in one tick of a coarse clock, the clock set back),
    so that the notes left are merged in the order they were written."""
    with _STAMP_LOCK:
        _LAST_STAMP[0] = max(time.time_ns(), _LAST_STAMP[0] + 1)
        return _LAST_STAMP[0]


def _written(path: Path, folder: Path) -> str:
    """A file of the note: relative to the data ``folder`` (the uploads are in it), so
    that the folder moved before the app starts again (to another disk, restored
    elsewhere) still has them; in full otherwise. The app may run on a relative folder
    (serve --data cchc-2026) from wherever it was started: read back, a path is in full
    (late_files.held_files)."""
    full = Path(path).resolve()
    return full.relative_to(folder).as_posix() if full.is_relative_to(folder) else str(full)


def forget(note: Path) -> None:
    """The upload is merged (or its merge said why not): nothing left to do for it."""
    note.unlink(missing_ok=True)


def hold(app_dir: Path, period: str, paths: list[Path], passed: list[str]) -> str:
    """Write down the files of an upload whose day was refused (and the names of those
    passed over), held until the form is sent again with the day corrected: the token
    the session keeps for it."""
    return remember(app_dir, period, paths, None, held=True, passed=passed).stem


def held(app_dir: Path, token: object, period: str) -> Pending | None:
    """The upload held under ``token`` for ``period`` (with its files still there); None
    for none: no such token (sent already, forgotten, or not one of ours: never taken
    as a path), another period's, or a day old."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    note = app_dir / PENDING_DIR / f"{token}.json"
    found = _read(note)
    if found is None or not found[1] or found[0].period != period:
        return None
    return found[0] if found[0].paths else None


@contextlib.contextmanager
def taking(app_dir: Path, token: object) -> Iterator[bool]:
    """Held for as long as a click works on the upload held under ``token`` (from before
    :func:`take` until its note is forgotten): an operating-system lock, which goes with
    the process, so that an app starting meanwhile (another on the same data folder)
    leaves it to that click, and one starting after a server that died merges it at once
    (:func:`_untake`). Yields whether it is held: not for a token that is none of ours,
    nor when another click still holds it after :data:`_TAKING_WAIT` seconds."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        yield False
        return
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(ledger_lock(app_dir / PENDING_DIR / token, _TAKING_WAIT))
        except OutputError:  # another click still at it: it merges them
            yield False
            return
        yield True


def _at_work(taken: Path) -> bool:
    """Whether a click (of this app or another on the same data folder) holds the taken
    note ``taken`` now (:func:`taking`)."""
    return merge_running(taken.with_suffix(""))


def take(app_dir: Path, token: object, period: str) -> Pending | None:
    """The upload held under ``token`` for ``period``, taken: its note renamed at once,
    so that the same button clicked twice (or in two tabs) finds nothing the second
    time rather than files the first is moving. None as :func:`held`. Called within
    :func:`taking`; the caller forgets the note (its new path) once the files are where
    they go."""
    upload = held(app_dir, token, period)
    if upload is None:
        return None
    taken = upload.note.with_suffix(_TAKEN)
    try:
        upload.note.rename(taken)
    except OSError:  # taken by the other click meanwhile
        return None
    return replace(upload, note=taken)


def _read(note: Path, finish: bool = False) -> tuple[Pending, bool] | None:
    """The upload written down in ``note`` and whether it is held; None for a note that
    cannot be read (removed: its files stay in the period's folder), or a held one a
    day old (removed too). ``finish``: the moves it was written for done first (at
    start-up only: :func:`left`); a file that did not come (its empty placeholder left)
    is not among its files."""
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
        # Relative to the data folder; a note written before, in full (joined, unchanged).
        folder = folder_of_note(note)
        period, paths = str(data["period"]), [folder / p for p in data["paths"]]
        received = date.fromisoformat(data["received"]) if data.get("received") else None
        is_held = data.get("held") is True
        passed = [str(name) for name in data.get("passed", [])]
        written = _written_when(note, data.get("written"))
        moved_from = [folder / p for p in data.get("from", [])]
    except (OSError, ValueError, KeyError, TypeError):
        forget(note)
        return None
    if moved_from and len(moved_from) == len(paths):
        if finish:
            _finish_moves(list(zip(moved_from, paths, strict=True)))
        paths = [p for p in paths if not _placeholder(p)]
    if finish:
        _keep_times(data.get("times"), folder)
    if is_held and _older(note, HELD_SECONDS):
        _discard(_unlisted(note, paths))
        forget(note)
        return None
    return Pending(note, period, [p for p in paths if p.is_file()], received,
                   passed, written), is_held


def _finish_moves(moves: list[tuple[Path, Path]]) -> None:
    """Move each file still where it was to its new place (an empty placeholder, or
    gone): what a server that died between the note and the moves left undone."""
    for old, new in moves:
        with contextlib.suppress(OSError):
            if old.is_file() and (not new.exists() or _placeholder(new)):
                new.parent.mkdir(parents=True, exist_ok=True)
                os.replace(old, new)


def _placeholder(path: Path) -> bool:
    """A file's new place claimed (Workspace.new_upload_path), the file never moved in."""
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _written_when(note: Path, stamp: object) -> int:
    """When ``note`` was written: its stamp; a note written before notes had one, its
    file time (which a restored copy may not keep)."""
    if isinstance(stamp, int) and not isinstance(stamp, bool):
        return stamp
    return note.stat().st_mtime_ns


def _older(note: Path, seconds: float) -> bool:
    try:
        return note.stat().st_mtime < time.time() - seconds
    except OSError:
        return True


def drop(upload: Pending) -> None:
    """Remove a held upload the office chose not to send (its files and its note)."""
    _discard(_unlisted(upload.note, upload.paths))
    forget(upload.note)


def _unlisted(note: Path, paths: list[Path]) -> list[Path]:
    """Those of ``paths`` (``note``'s files) no other note lists. A server that died
    between writing a note and forgetting the one it replaces left two notes of the
    same files (an upload merged when the app started, refused as an earlier period's,
    held again for "Gộp vào kỳ…" before its note was forgotten): the older one, a day
    old, removed the files the newer still held, its button saying they were gone."""
    listed: set[Path] = set()
    for other in note.parent.glob("*"):
        if other == note or other.suffix not in (".json", _TAKEN):
            continue
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(other.read_text(encoding="utf-8"))
            folder = folder_of_note(other)
            listed |= {(folder / str(p)).resolve() for p in data["paths"]}
    return [p for p in paths if p.resolve() not in listed]


def _discard(paths: list[Path]) -> None:
    """Remove the files of a held upload nobody sent again, each with the folder of its
    own it was saved in (Workspace.new_upload_path): paths written by the app itself."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
            path.parent.rmdir()


def left(app_dir: Path) -> list[Pending]:
    """The uploads a server that stopped left unmerged, in the order their notes were
    written (not those held for their day to be corrected), their files' moves finished
    and the "Gộp vào kỳ…" it died on among them (:func:`_untake`); a held note whose
    files a later note merges is forgotten (:func:`_forget_sent`); a note that cannot be
    read is removed (the files stay in the period's folder)."""
    _forget_sent(sorted((app_dir / PENDING_DIR).glob("*.json")))
    for note in sorted((app_dir / PENDING_DIR).glob("*.json")):
        _read(note, finish=True)
    _untake(app_dir)
    found = (_read(note) for note in sorted((app_dir / PENDING_DIR).glob("*.json")))
    uploads = [upload for upload, is_held in filter(None, found) if not is_held]
    return sorted(uploads, key=lambda upload: (upload.written, upload.note.name))


def _forget_sent(notes: list[Path]) -> None:
    """Forget each held note whose files are all in a note to merge written after it:
    the form sent again with the day corrected writes that note before it forgets the
    held one (no moment without one), and a server that died between left both. The
    held one was offered again on the page (the session still had it: "Gộp các tệp đã
    nhận" merged the files once more), or, a day old by then, its files were removed as
    held files nobody sent again, before the note to merge them was read: lost."""
    read = {}
    for note in notes:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(note.read_text(encoding="utf-8"))
            read[note] = (data.get("held") is True, str(data["period"]),
                          _written_when(note, data.get("written")),
                          {str(p) for p in data["paths"]})
    for note, (is_held, period, written, files) in read.items():
        if is_held and files and any(
                not other[0] and other[1] == period and other[2] > written
                and files <= other[3] for other in read.values()):
            forget(note)


def _untake(app_dir: Path) -> None:
    """Held notes taken by "Gộp vào kỳ…" (:func:`take`) and left by a server that died:
    forgotten when their files are gone (moved to their period: its note merges them),
    else noted to merge into the period clicked for. One a click still holds (another
    app on the same data folder, :func:`taking`) is left to it. (A note left was merged
    only a minute after the click, by its file time: an app started again at once left
    the files out of every period until it was started once more.)"""
    for taken in (app_dir / PENDING_DIR).glob(f"*{_TAKEN}"):
        try:
            data = json.loads(taken.read_text(encoding="utf-8"))
            folder = folder_of_note(taken)
            there = [p for p in data["paths"] if (folder / p).is_file()]
        except (OSError, ValueError, KeyError, TypeError):
            there = []
        if not there:
            forget(taken)
        elif not _at_work(taken):
            text = json.dumps({**data, "held": False}, ensure_ascii=False)
            with contextlib.suppress(OSError):
                atomic_write(taken.with_suffix(".json"),
                             lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
                forget(taken)
