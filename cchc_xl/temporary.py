"""Temporary files and folders: named for the process that makes them, and removed when
the process that made them is gone.

Every file cchc-xl writes is written to a temporary file beside it first
(:func:`temporary_beside`, ``xlio.atomic_write``), and every temporary folder of the
machine's it uses is named for its process (:func:`scratch`), so that what a command
killed outright left is known by its name: removed by the next merge at once when the
ledger's lock names the killed process (:func:`sweep_left_by`), else a day later
(:func:`sweep_stale`; another computer sharing the folder may still be writing a younger
one).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import multiprocessing.util
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

_SERIAL = itertools.count()


_TEMPORARY = re.compile(r"\.tmp-(\d+)-\d+")
_STALE_SECONDS = 24 * 3600
_SWEPT: set[Path] = set()  # folders looked through by this process


def process_gone(pid: int) -> bool:
    """Whether no process of this computer has the number ``pid`` (signal 0 says so): a
    process that runs, or one of another user's (not ours to ask), or a number no process
    can have, is not known gone. Not for Windows, where signal 0 is Ctrl-C: its callers
    decide there without it."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False
    return False


def sweep_stale(folder: Path, min_age: float = _STALE_SECONDS) -> None:
    """Remove temporary files a killed command left in ``folder`` (once per folder and
    process): its process is gone and ``min_age`` seconds have passed, by default a day
    (a file being written from another computer sharing the folder is younger, whatever
    its process number)."""
    if folder in _SWEPT:
        return
    _SWEPT.add(folder)
    old = datetime.now().timestamp() - min_age
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _TEMPORARY.match(entry.name)
        if not found or int(found[1]) == os.getpid():
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime > old or not entry.is_file(
                    follow_symlinks=False):
                continue
        except OSError:
            continue
        # (Windows: no signal tells, and a file open there stays anyway.)
        if os.name != "nt" and not process_gone(int(found[1])):
            continue  # still running: not ours to remove
        with contextlib.suppress(OSError):
            remove_file(entry.path)


def scratch(kind: str, owner: int | None = None) -> tempfile.TemporaryDirectory:
    """A temporary folder of the machine's (``cchc-<kind>-<process>-…``), named for the
    process it works for (``owner``: a worker's merge; default this one), so that the
    next merge removes one a merge killed outright left (:func:`sweep_left_by`)."""
    return tempfile.TemporaryDirectory(prefix=f"cchc-{kind}-{owner or os.getpid()}-")


_MACHINE_TEMP: list[str] = []  # the machine's temporary folder, while the process has its own


@contextlib.contextmanager
def scratch_of_the_process(kind: str, fork_server: bool = False) -> Iterator[None]:
    """Every temporary file of this process in a :func:`scratch` folder of its own while
    it runs, the libraries' too (openpyxl writes each sheet of a workbook it saves to
    one, "openpyxl.…", and xlsxwriter each part, "tmp…": left by a merge killed then):
    for a process that runs one command (the command line's merge), or the web server
    for its whole life (its threads share the setting: set before they start, never
    changed while they run), never for one step of the app. A server killed outright
    (SIGKILL) left those files in the machine's temporary folder for good, named for no
    process; now its folder is removed by the next merge or server start
    (:func:`sweep_dead_scratch`), a running server's never.

    With ``fork_server`` (workers started from a threaded process: pool.py), the fork
    server's socket (multiprocessing's "pymp-…/listener-…") stays in the machine's
    folder: a socket's path is at most 104 bytes on macOS, 108 on Linux, and under this
    folder it was longer (a worker could not start: "AF_UNIX path too long")."""
    if fork_server:
        multiprocessing.util.get_temp_dir()  # made, and kept for the process, before
    _MACHINE_TEMP.append(tempfile.gettempdir())
    with scratch(kind) as folder:
        was, tempfile.tempdir = tempfile.tempdir, folder
        try:
            yield
        finally:
            tempfile.tempdir = was
            _MACHINE_TEMP.pop()


def sweep_left_by(pid: int, folders: Iterable[Path | None]) -> None:
    """Remove what the process ``pid``, a merge killed outright on this computer (the
    ledger's lock says so: ledger.lock.ledger_lock), left: its temporary files in
    ``folders`` (the consolidated workbook's, the feedback's; a day old, they would be
    swept by :func:`sweep_stale`: until then a half-written ".tmp-…xlsx" lay beside the
    workbook, visible on Windows) and its temporary folders of the machine
    (:func:`scratch`)."""
    own = re.compile(rf"\.tmp-{pid}-\d+(\.\w+)?")
    for folder in {Path(f) for f in folders if f is not None}:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if own.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        remove_file(entry.path)
    made = re.compile(rf"cchc-[a-z]+-{pid}-\w+")
    with contextlib.suppress(OSError):
        for entry in os.scandir(_MACHINE_TEMP[0] if _MACHINE_TEMP else tempfile.gettempdir()):
            if made.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                remove_folder(entry.path)


_SCRATCH = re.compile(r"cchc-[a-z]+-(\d+)-\w+")


def sweep_dead_scratch() -> None:
    """Remove the :func:`scratch` folders of the machine whose process is gone: a merge
    killed outright before it took the ledger's lock (its number then in no lock, for
    :func:`sweep_left_by`) left its own, holding copies of units' files, until the
    machine cleaned its temporary folder. The machine's temporary folder is this
    computer's, so a number there is one of its processes; one still running, or one
    whose number runs something else now, is left alone. Not on Windows, where no
    signal tells whether a process runs (signal 0 is Ctrl-C)."""
    if os.name == "nt":
        return
    machine = _MACHINE_TEMP[0] if _MACHINE_TEMP else tempfile.gettempdir()
    with contextlib.suppress(OSError):
        for entry in os.scandir(machine):
            found = _SCRATCH.fullmatch(entry.name)
            if not found or int(found[1]) == os.getpid() or not entry.is_dir(
                    follow_symlinks=False):
                continue
            if process_gone(int(found[1])):  # else running, or the number another's
                remove_folder(entry.path)
    _sweep_dead_listeners(machine)


_LISTENERS = Path("/proc/net/unix")  # Linux: every bound socket, with its path


def _sweep_dead_listeners(machine: str) -> None:
    """Remove the fork server's folders ("pymp-…", holding its socket "listener-…": the
    web app's, scratch_of_the_process) that a process killed outright left in the
    machine's temporary folder, named for no process: one whose every file is a socket no
    process listens on (none bound to its path, as Linux lists them). A folder of a
    running process, or holding anything else, is left; so is every one where the system
    does not list sockets."""
    try:
        bound = {line.split()[-1] for line in _LISTENERS.read_text().splitlines()[1:]
                 if len(line.split()) > 7}
        entries = [e for e in os.scandir(machine) if e.name.startswith("pymp-")
                   and e.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            inside = list(os.scandir(entry.path))
            if inside and all(f.name.startswith("listener-") and stat.S_ISSOCK(
                    f.stat(follow_symlinks=False).st_mode) and f.path not in bound
                              for f in inside):
                remove_folder(entry.path)


def remove_folder(path: Path | str) -> None:
    """Remove the folder ``path`` with all it holds, as far as it can be (what cannot, a
    file open in another program on Windows, is left, unsaid). A read-only file in it is
    made writable and removed (:func:`remove_file`): ``shutil.rmtree`` with
    ``ignore_errors`` left it, and its folders, behind on Windows."""
    def writable_again(function, name, _exc) -> None:  # the recipe of shutil's docs
        with contextlib.suppress(OSError):
            if function in (os.unlink, os.rmdir) and _writable(name):
                function(name)

    shutil.rmtree(path, **{"onexc" if sys.version_info >= (3, 12) else "onerror":
                           writable_again})


def remove_file(path: Path | str, missing_ok: bool = False) -> None:
    """Remove the file ``path``, a read-only one too: Windows removes no file marked
    read-only (PermissionError), and a file restored from a backup, unpacked from a zip
    or kept from a unit's keeps the permissions it had there. OSError when it cannot be
    removed (open in another program on Windows)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        if not missing_ok:
            raise
    except PermissionError:
        if not _writable(path):
            raise
        os.unlink(path)


def _writable(path: Path | str) -> bool:
    """Give ``path`` the write permission (S_IWRITE: Windows' read-only mark) when it
    lacks it, never through a link; whether it lacked it."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or st.st_mode & stat.S_IWRITE:
        return False
    os.chmod(path, stat.S_IMODE(st.st_mode) | stat.S_IWRITE)
    return True


def is_temporary(name: str) -> bool:
    """Whether a file's ``name`` is one :func:`temporary_beside` gives (a file being
    written, or left by a command killed while it wrote)."""
    return bool(_TEMPORARY.match(name))


def temporary_beside(path: Path) -> Path:
    """A name for a temporary file beside ``path``, of the form the sweep of stale
    temporary files knows (this process's id and a serial number)."""
    return path.with_name(f".tmp-{os.getpid()}-{next(_SERIAL)}{path.suffix}")


# Added to the permissions a file is created with, which may be copied from a unit's file
# or a zip the office marked Read-only: the file is written by opening it again by its
# name, which Windows (and Linux but for root) refuses for a read-only file, and a merge
# of such a file stopped, "không ghi được tệp … (đóng tệp trong Excel …)".
OWNER_WRITES = stat.S_IWUSR


def new_temporary(path: Path, mode: int) -> Path:
    """A new empty file beside ``path`` (never one that was there: O_EXCL), with the
    permissions a plainly created file gets (``mode`` less the umask, which the system
    applies): outputs are shared documents. Writable by its owner whatever ``mode`` says
    (:data:`OWNER_WRITES`). Those a killed command left are removed."""
    sweep_stale(path.parent)
    for _ in range(100):
        tmp = temporary_beside(path)
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode | OWNER_WRITES))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(errno.EEXIST, "không tìm được tên tệp tạm", str(path.parent))
