"""One merge at a time per ledger, and a clear line when writing it fails.

A merge holds an operating-system lock on a file beside the ledger for as long as
it writes (another merge waits, then gives up with a message); the lock goes with
the process, so a merge that dies leaves nothing locked (its workers, which inherit
it, die with it: ``isolate._die_with_parent``). A failed write of the
ledger (a full disk) becomes one OutputError: SQLite has rolled the transaction
back, so nothing is half-written.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import (
    DISK_FULL_HINT,
    FILE_LOCKED_HINT,
    NOT_WRITABLE_HINT,
    OutputError,
    system_words,
)
from ..temporary import process_gone

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

# How long a merge waits for another one writing the same ledger.
LOCK_WAIT_SECONDS = 120.0
LOCK_SUFFIX = ".lock"  # the lock file's name: the ledger's with this after it
_LOCK_POLL = 0.2


def lock_path(db: Path) -> Path:
    """The file a merge locks while it writes the ledger (kept beside it)."""
    return Path(db).with_name(Path(db).name + LOCK_SUFFIX)


@contextmanager
def ledger_lock(db: Path, wait_seconds: float = LOCK_WAIT_SECONDS,
                waiting: Callable[[str], None] | None = None) -> Iterator[int | None]:
    """Hold the ledger for one merge: another merge of the same ledger waits for it,
    up to ``wait_seconds`` (``waiting`` is told so once), then gives up with an
    OutputError. The lock is the operating system's: it goes with the process.

    The lock file says which process holds it (its number and computer), and is emptied
    and removed when it lets go (Windows keeps it, empty): one found still saying so
    names a holder killed outright (SIGKILL, the machine switched off). Yields that
    process's number when it was on this computer and is gone, so that what it left is
    removed (temporary.sweep_left_by); else None."""
    path = lock_path(db)
    deadline = time.monotonic() + wait_seconds
    told = False
    while True:
        fh = _open_lock(path)
        if _try_lock(fh):
            if _same_inode(fh, path):
                break
            # The holder removed the file as we opened it: lock the new one.
        elif time.monotonic() >= deadline:
            fh.close()
            raise OutputError(
                f"sổ cái đang được một lần gộp khác ghi; đã chờ {wait_seconds:g} giây",
                file=str(db), hint="chờ lần gộp kia xong rồi chạy lại")
        elif not told and waiting is not None:
            waiting(f"Sổ cái {db} đang được một lần gộp khác ghi: đang chờ (tối đa "
                    f"{wait_seconds:g} giây)...")
            told = True
        fh.close()
        time.sleep(_LOCK_POLL)
    try:
        killed = _mark_holder(fh)
        yield killed
    finally:
        # Emptied (Windows cannot remove an open file: it stays, naming no holder), then
        # removed while still held, so that no lock file is left beside the ledger; a
        # merge waiting on the removed file sees it is gone and tries again.
        with suppress(OSError):
            fh.truncate(0)
        with suppress(OSError):
            path.unlink(missing_ok=True)
        _unlock(fh)
        fh.close()


def _mark_holder(fh) -> int | None:
    """Write this process into the lock file ``fh``, held; the one it named before, if
    killed (:func:`ledger_lock`). Never fails: the mark only helps to tidy up."""
    me = f"{os.getpid()} {socket.gethostname()}\n".encode()
    try:
        fh.seek(0)
        before = fh.read(300).decode("utf-8", "replace").split()
        fh.truncate(0)
        fh.write(me)  # (opened to append: at the start of the emptied file)
        fh.flush()
    except OSError:
        return None
    if len(before) != 2 or not before[0].isdigit() or before[1] != socket.gethostname():
        return None
    pid = int(before[0])
    if pid == os.getpid():
        return None
    if os.name != "nt" and not process_gone(pid):  # (Windows: signal 0 is Ctrl-C)
        return None  # a process of that number runs: not the killed one's to touch
    return pid


def merge_running(db: Path) -> bool:
    """Whether a merge holds the ledger now: a last merge that has not finished is under
    way, not cut short. Never waits, never writes."""
    try:
        fh = open(lock_path(db), "rb")  # noqa: SIM115 (closed below)
    except OSError:  # no lock file: no merge holds the ledger
        return False
    with fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            return False
        # Windows: the byte a merge locks (said False here, a running merge was
        # reported as one cut short, to be run again).
        if not _try_lock(fh):
            return True
        _unlock(fh)
        return False


def _open_lock(path: Path):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a+b")  # noqa: SIM115 (held for the whole merge)
    except OSError as exc:
        raise OutputError(f"không tạo được tệp khóa của sổ cái ({system_words(exc)})",
                          file=str(path), hint=NOT_WRITABLE_HINT) from exc


def _same_inode(fh, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fh.fileno()).st_ino
    except OSError:
        return False


def _try_lock(fh) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    try:  # Windows: its first byte (msvcrt locks from where the file is read)
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(fh) -> None:
    """Windows: the byte unlocked before the file is closed (the system frees a closed
    file's locks "in time", Microsoft says, and asks that they be unlocked); elsewhere
    closing the file does it."""
    if fcntl is None:
        with suppress(OSError):
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)


@contextmanager
def writing_ledger(db: Path) -> Iterator[None]:
    """A full disk (or any failed write) while the ledger is written: one clear line.
    SQLite has rolled the transaction back, so nothing is half-written."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        disk = any(word in str(exc).lower() for word in ("full", "disk i/o"))
        raise OutputError(("ổ đĩa đầy hoặc lỗi ghi đĩa: " if disk else "")
                          + f"không ghi được sổ cái ({exc}); lần gộp này không ghi gì thêm vào "
                          "sổ cái", file=str(db),
                          hint=DISK_FULL_HINT if disk else FILE_LOCKED_HINT) from exc
