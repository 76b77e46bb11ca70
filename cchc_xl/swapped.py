"""The data folder and the folder restored beside it swapped (web/restored.py), and a swap
cut off midway put right by whatever next opens the folder: the app's start, and every
command given the folder or a file in it (cli/common.py, :func:`put_back_around`).

Where the system has no exchange of names (Windows, macOS: no ``renameat2``) the swap is
two renames, the data folder set aside under a hidden temporary name (``.tmp-…``) first,
then the restored folder given its name, then the one set aside given the restored
one's. The app killed between them (the power cut, the window closed) left no data
folder, the office's data under the hidden name beside it: the next start made an empty
folder, and the office believed its year lost; ``cchc-xl backup`` of the folder failed on
it, and ``cchc-xl restore --to`` it, or a merge into its ledger, made a new folder in its
place, the office's data left beside it looking like a restore's leftover.

So the swap is said first, in the data folder's app folder
(:data:`cchc_xl.data_folder.SWAP_NOTE`, which goes with the folder wherever it is
renamed): the data folder's name, the restored folder's, the process. Opened
(:func:`put_back_cut`, called by :func:`cchc_xl.web.create_app` and the commands), a
data folder missing, or empty as a start leaves it, beside a folder whose note names it,
is that folder set aside: it is given its name back, the app's own things carried into
the restored folder carried back, and the restore said not done (:data:`PUT_BACK`); the
restored folder is left beside it, named. A data folder whose own note is left (the app
killed before the first rename) gets its app things back the same way. What cannot be
decided safely (two such folders) is refused, naming them, with what to do. No folder is
ever removed here but the empty one a start made (its session key only).

The folder's layout is the library's (data_folder.py); this module imports nothing of
the web app (no Starlette: the commands call it).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import time
from contextlib import suppress
from pathlib import Path

from .data_folder import APP_DIR, BACKUPS, BEFORE_RESTORE, LOGINS, SESSION_KEY, SWAP_NOTE
from .errors import UsageError
from .temporary import process_gone, temporary_beside
from .xlio import atomic_write

# The app's, no backup's: kept across (the logins ended with the key that signed them).
CARRIED = (SESSION_KEY, LOGINS, BACKUPS, BEFORE_RESTORE)
PUT_BACK = ("Lần khôi phục trước bị ngắt giữa chừng: đã đặt lại thư mục làm việc như trước "
            "khi khôi phục; chưa khôi phục gì.")
RESTORED_LEFT = "Bản khôi phục dở còn ở thư mục {} (không dùng đến: có thể xóa)."
NOT_PUT_BACK = ("lần khôi phục trước bị ngắt giữa chừng: thư mục làm việc {} không còn (hoặc "
                "trống) và có {} thư mục bên cạnh cùng ghi là thư mục làm việc trước khi khôi "
                "phục ({}): không tự chọn được thư mục nào, {}")
NOT_PUT_BACK_HINT = ("mở từng thư mục xem thư mục nào có dữ liệu mới nhất (sổ cái "
                     "cchc-ledger.sqlite, bảng ke-hoach.xlsx), đổi tên nó thành {} (xóa thư "
                     "mục trống cùng tên trước, nếu có), rồi chạy lại lệnh; không xóa thư mục "
                     "nào khác trước khi chắc chắn")
NOT_RENAMED = ("lần khôi phục trước bị ngắt giữa chừng: dữ liệu trước khi khôi phục ở thư mục "
               "{}, không đổi lại được tên thành {} ({}): {}")
# What a refusal above did not do: the app's start, a command's.
NOT_OPENED = "chưa mở ứng dụng"
NOT_RUN = "lệnh chưa làm gì"
NOT_RENAMED_HINT = ("đóng các chương trình đang mở tệp trong đó, đổi tên thư mục đó thành {} "
                    "rồi chạy lại lệnh")
OLD_LEFT = ("Lần khôi phục trước đã xong nhưng chưa dọn: thư mục làm việc trước khi khôi phục "
            "còn ở {} (bản sao lưu trước khi khôi phục có trên trang Kế hoạch: có thể xóa thư "
            "mục đó).")
_RENAME_EXCHANGE = 2  # linux/fs.h
_IN_PROGRESS_SECONDS = 120  # (Windows, where a process's being alive is not asked) a note
# younger is a swap under way in another app on the same folder


def note_swap(root: Path, other: Path) -> None:
    """Say in ``root``'s app folder that it is being swapped with ``other`` (beside it)."""
    said = json.dumps({"folder": root.name, "restored": other.name, "pid": os.getpid(),
                       "at": time.time()}, ensure_ascii=False)
    atomic_write(root / APP_DIR / SWAP_NOTE, lambda tmp: tmp.write_text(said, "utf-8"))


def drop_note(folder: Path) -> None:
    with suppress(OSError):
        (folder / APP_DIR / SWAP_NOTE).unlink()


def carry(old: Path, new: Path, names: tuple[str, ...] = CARRIED) -> tuple[str, ...]:
    """Move the app's things ``names`` from the app folder ``old`` into ``new`` (one
    restored has none of them: a backup leaves them out); those moved."""
    new.mkdir(exist_ok=True)
    moved = []
    for name in names:
        if (old / name).exists() and not (new / name).exists():
            os.rename(old / name, new / name)
            moved.append(name)
    return tuple(moved)


def exchange(a: Path, b: Path) -> None:
    """Swap the folders ``a`` and ``b`` (beside each other): at once where the system
    can, else by two renames, the first undone if the second fails."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        at_cwd = -100
        if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(a))
    aside = temporary_beside(a)
    os.rename(a, aside)
    try:
        os.rename(b, a)
    except OSError:
        os.rename(aside, a)
        raise
    os.rename(aside, b)


def swap_note(folder: Path) -> dict | None:
    """What the folder's note of a swap says (None: it has none that reads)."""
    try:
        note = json.loads((folder / APP_DIR / SWAP_NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return note if isinstance(note, dict) and isinstance(note.get("folder"), str) else None


def _under_way(note: dict) -> bool:
    """The swap the note says is another running process's, not yet done."""
    pid = note.get("pid")
    if not isinstance(pid, int) or pid == os.getpid():
        return False
    if os.name == "nt":
        at = note.get("at")
        return isinstance(at, (int, float)) and time.time() - at < _IN_PROGRESS_SECONDS
    return not process_gone(pid)  # (another user's process: alive)


def _set_aside(root: Path) -> list[tuple[Path, dict]]:
    """The folders beside ``root`` whose note says they are it, set aside by a swap."""
    found = []
    with suppress(OSError):
        for entry in sorted(root.parent.iterdir()):
            if entry.name.startswith(".tmp-") and entry.is_dir() and not entry.is_symlink():
                note = swap_note(entry)
                if note is not None and note["folder"] == root.name:
                    found.append((entry, note))
    return found


def _empty(root: Path) -> bool:
    """``root`` missing, or as a start of the app leaves a missing folder: its app folder
    with the session key only (and, with a password, the logins: web/logins.py)."""
    try:
        entries = {p.name: p for p in root.iterdir()}
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not entries:
        return True
    if set(entries) != {APP_DIR} or not entries[APP_DIR].is_dir():
        return False
    try:
        return {p.name for p in entries[APP_DIR].iterdir()} <= {SESSION_KEY, LOGINS}
    except OSError:
        return False


def _clear_empty(root: Path) -> None:
    """Remove the empty folder a start made (:func:`_empty`): the session key and the
    logins, then the folders, each only if empty (``os.rmdir``)."""
    if not root.exists():
        return
    for name in (SESSION_KEY, LOGINS):
        with suppress(FileNotFoundError):
            (root / APP_DIR / name).unlink()
    with suppress(FileNotFoundError):
        os.rmdir(root / APP_DIR)
    os.rmdir(root)


def put_back_cut(root: Path, not_done: str = NOT_OPENED) -> list[str]:
    """Put right a swap of the data folder ``root`` cut off midway (module docstring):
    what to say (nothing: no swap was cut). Refused (UsageError naming the folders, and
    ``not_done``: what was not done) when it cannot be decided which folder is the data
    folder."""
    root = Path(root).absolute()
    aside = [(f, n) for f, n in _set_aside(root) if not _under_way(n)]
    own = swap_note(root)
    if not _empty(root):
        if own is not None and not _under_way(own):
            # Cut before the first rename: the app's things carried back, if moved.
            restored = _restored(root, own)
            if restored is not None and (restored / APP_DIR).is_dir():
                carry(restored / APP_DIR, root / APP_DIR)
            drop_note(root)
            return [PUT_BACK, *_left(restored)]
        return [OLD_LEFT.format(folder) for folder, _ in aside]
    if not aside:
        return []
    if len(aside) > 1:
        names = ", ".join(str(f) for f, _ in aside)
        raise UsageError(NOT_PUT_BACK.format(root, len(aside), names, not_done),
                         hint=NOT_PUT_BACK_HINT.format(root.name))
    folder, note = aside[0]
    try:
        _clear_empty(root)
        os.rename(folder, root)
    except OSError as exc:
        raise UsageError(NOT_RENAMED.format(folder, root.name, exc.strerror or exc, not_done),
                         hint=NOT_RENAMED_HINT.format(root.name)) from exc
    restored = _restored(root, note)
    if restored is not None and (restored / APP_DIR).is_dir():
        with suppress(OSError):
            carry(restored / APP_DIR, root / APP_DIR)
    drop_note(root)
    return [PUT_BACK, *_left(restored)]


def _restored(root: Path, note: dict) -> Path | None:
    """The restored folder the note names (beside ``root``), if it names one."""
    name = note.get("restored")
    return root.parent / name if isinstance(name, str) and name.startswith(".tmp-") and \
        "/" not in name and "\\" not in name else None


def _left(restored: Path | None) -> list[str]:
    return [RESTORED_LEFT.format(restored)] if restored is not None and restored.is_dir() \
        else []


def put_back_around(paths, not_done: str = NOT_RUN) -> list[str]:
    """:func:`put_back_cut` for each folder a command's ``paths`` are or are in: a folder
    that exists, a file's folder, and for a path that does not exist (the data folder
    set aside, a file in it) each folder above it up to the first that exists; each
    folder once, what to say in order."""
    said: list[str] = []
    for folder in _folders_around(paths):
        said += [line for line in put_back_cut(folder, not_done) if line not in said]
    return said


def _folders_around(paths) -> list[Path]:
    folders: list[Path] = []
    for path in paths:
        path = Path(path).absolute()
        walked = []
        while not os.path.exists(path) and path.parent != path:
            walked.append(path)
            path = path.parent
        walked.append(path if path.is_dir() else path.parent)
        folders += [f for f in walked if f not in folders]
    return folders
