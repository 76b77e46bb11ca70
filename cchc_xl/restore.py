"""A backup restored: the ZIP :mod:`cchc_xl.backup` writes, made a working folder again.

Unzipped by hand ("unzip -o" over the working folder, "Extract All" into the folder in
use), a backup silently replaced what was done after it (merges, withdrawals,
assessments), and another office's or year's backup replaced the folder's ledger and plan
(a QA pass). :func:`restore_backup` cannot lose anything:

* the backup is checked first, whole (:func:`cchc_xl.backup_check.check_backup`: bounds, names
  out of the folder, links, each file's size and SHA-256): a backup not whole restores
  nothing;
* the folder restored into is a new one, or an empty one: never one holding anything;
* the files are written into a temporary folder beside it (a name the tools take for a
  temporary one, ``.tmp-...``), each streamed and hashed again as it is written (a ZIP
  changed since it was checked restores nothing), and that folder is renamed into place
  only once every file is whole: a restore stopped midway (a full disk, Ctrl-C) leaves no
  half folder looking like a working folder, and removes what it wrote;
* no link is followed (each file created new, ``O_EXCL | O_NOFOLLOW``), and each file
  gets the permissions the ZIP gives it, less the umask.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from .backup import MANIFEST, Progress, plans_said
from .backup_check import DAMAGED_HINT, Checked, check_backup
from .bounds import size_text
from .errors import (
    DISK_FULL_HINT,
    NOT_WRITABLE_HINT,
    CchcError,
    OutputError,
    UsageError,
    system_words,
)
from .temporary import remove_folder, temporary_beside
from .text import vn_number
from .xlio import DISK_FULL_ERRNOS, is_inside

_CHUNK = 1 << 20
_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_BINARY", 0))
_FILE_MODE = 0o666  # a member with no permissions of its own (a ZIP made on Windows)

# "này" read as the new folder just named (a QA pass): the folder kept is named.
NEW_FOLDER_HINT = ("chạy lại với một thư mục mới, chưa có, ví dụ --to {}: lệnh tự tạo thư mục "
                   "đó; {} được giữ nguyên")
NOT_EMPTY = ("thư mục đã có {}: chỉ khôi phục vào thư mục trống, để không ghi đè hay làm mất "
             "gì trong thư mục đang dùng")
NOT_WHOLE = "tệp sao lưu không nguyên vẹn ({}): không khôi phục"
NOT_MADE = ", chưa tạo thư mục {}"  # after NOT_WHOLE, when restoring into a new folder
CHANGED_MEANWHILE = ("tệp sao lưu thay đổi trong lúc khôi phục ({}: nội dung khác với lúc sao "
                     "lưu): không khôi phục, chưa tạo thư mục {}")
NOT_WRITTEN = ("không khôi phục được vào thư mục {}: {}không ghi được {} ({}); phần đã giải nén "
               "được xóa, chưa tạo thư mục đó")


@dataclass
class Restored:
    """What :func:`restore_backup` restored: the folder, the backup, its manifest (when it
    was made, its plans, the uploads it holds to merge), the files written, their bytes."""

    folder: Path
    backup: Path
    manifest: dict
    files: list[str]
    size: int

    @property
    def made_at(self) -> str:
        return str(self.manifest.get("made_at") or "")

    @property
    def plans(self) -> list[dict]:
        found = self.manifest.get("plans")
        return [p for p in found if isinstance(p, dict)] if isinstance(found, list) else []

    @property
    def unmerged(self) -> list[dict]:
        found = self.manifest.get("unmerged")
        return [u for u in found if isinstance(u, dict)] if isinstance(found, list) else []

    @property
    def plans_text(self) -> str:
        return plans_said(self.plans)

    @property
    def size_text(self) -> str:
        return size_text(self.size)


def restore_backup(zip_path: Path, folder: Path, *, progress: Progress | None = None
                   ) -> Restored:
    """Restore the backup ``zip_path`` into ``folder``, a new folder or an empty one.

    A folder holding anything, or a file: UsageError (exit 2), the folder left as it was.
    No backup of cchc-xl: UsageError; a backup damaged, cut short, beyond bounds, unsafe,
    or changed while restored: CchcError (exit 1); a folder that cannot be written (a
    full disk, no permission): OutputError (exit 3). In every such case ``folder`` is not
    created (nor changed) and nothing written is left."""
    zip_path, folder = Path(zip_path), Path(folder)
    _check_target(folder)
    checked = check_whole(zip_path, NOT_MADE.format(folder))
    entries = checked.manifest["files"]
    size = sum(e["size"] for e in entries)
    tmp = _new_folder_beside(folder, size)
    try:
        _extract(checked, entries, tmp, folder, progress)
        _put_in_place(tmp, folder)
    except BaseException:
        remove_folder(tmp)
        raise
    return Restored(folder, zip_path, checked.manifest, [e["path"] for e in entries], size)


def check_whole(zip_path: Path, then: str = "") -> Checked:
    """The backup ``zip_path`` checked (:func:`cchc_xl.backup_check.check_backup`), every file
    it lists whole; else the error restoring it gives (``then`` said after "không khôi
    phục"): the command's and the web app's one rule, in the same words."""
    checked = check_backup(zip_path)
    if checked.wrong:
        wrong = "; ".join(checked.wrong[:3]) + ("; …" if len(checked.wrong) > 3 else "")
        raise CchcError(NOT_WHOLE.format(wrong) + then, file=str(zip_path), hint=DAMAGED_HINT)
    return checked


def new_folder_for(folder: Path) -> Path:
    """The folder suggested to restore into, beside the working folder ``folder``."""
    return folder.with_name(f"{folder.name}-khoi-phuc")


def typed(path: Path | str) -> str:
    """A path as typed in a command line (quoted when it holds spaces)."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def _check_target(folder: Path) -> None:
    """``folder`` is new, or an empty folder (not a link): else UsageError."""
    hint = NEW_FOLDER_HINT.format(typed(new_folder_for(folder)), typed(folder))
    if folder.is_symlink():
        raise UsageError("đây là liên kết tới chỗ khác: không khôi phục vào liên kết",
                         file=str(folder), hint=hint)
    if not folder.exists():
        return
    if not folder.is_dir():
        raise UsageError("đây là một tệp, cần tên một thư mục mới để khôi phục vào",
                         file=str(folder), hint=hint)
    try:
        inside = sorted(os.listdir(folder))
    except OSError as exc:
        raise UsageError(f"không mở được thư mục ({system_words(exc)})", file=str(folder),
                         hint=hint) from exc
    if inside:
        what = (f"{vn_number(len(inside))} tệp hoặc thư mục"
                + (f", như {inside[0]}" if len(inside) > 1 else f": {inside[0]}"))
        raise UsageError(NOT_EMPTY.format(what), file=str(folder), hint=hint)


def _new_folder_beside(folder: Path, size: int) -> Path:
    """A new temporary folder beside ``folder`` (its parents made), where there is room
    for ``size`` bytes: OutputError when it cannot be made or there is not."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder.parent).free
    except OSError as exc:
        raise _not_written(folder, folder.parent.name or str(folder.parent), exc) from exc
    if free < size:
        raise OutputError(NOT_WRITTEN.format(folder, "ổ đĩa đầy: ", "các tệp",
                                             f"cần {size_text(size)}, còn {size_text(free)}"),
                          hint=_hint(errno.ENOSPC))
    for _ in range(100):
        tmp = temporary_beside(folder)
        try:
            os.mkdir(tmp, 0o777)  # the umask applies, as to any folder made
        except FileExistsError:
            continue
        except OSError as exc:
            raise _not_written(folder, "thư mục tạm", exc) from exc
        return tmp
    raise _not_written(folder, "thư mục tạm", FileExistsError(errno.EEXIST, "exists"))


def _extract(checked: Checked, entries: list[dict], tmp: Path, folder: Path,
             progress: Progress | None) -> None:
    """Write each file the manifest lists (and the manifest) into ``tmp``, each checked
    against its SHA-256 as it is written."""
    made_dirs: set[Path] = {tmp}
    with zipfile.ZipFile(checked.path) as zf:
        for n, entry in enumerate(entries):
            if progress is not None:
                progress(n, len(entries), entry["path"])
            try:
                target = _place(tmp, entry["path"], made_dirs)
            except OSError as exc:
                raise _not_written(folder, entry["path"], exc) from exc
            _extract_one(zf, entry, target, folder)
        manifest = zf.getinfo(MANIFEST)
        _extract_one(zf, {"path": MANIFEST, "size": manifest.file_size, "sha256": None},
                     tmp / MANIFEST, folder)
    if progress is not None:
        progress(len(entries), len(entries), "")
    _sync(tmp)


def _place(tmp: Path, rel: str, made_dirs: set[Path]) -> Path:
    """Where the file ``rel`` goes in ``tmp``, its folders made (each a new one: a
    folder already there, or a link, is not gone through)."""
    parts = PurePosixPath(rel).parts
    target = tmp.joinpath(*parts)
    if not parts or not is_inside(target, tmp) or any(p in ("", ".", "..") for p in parts):
        raise OSError(errno.EINVAL, "tên tệp không hợp lệ", rel)
    here = tmp
    for part in parts[:-1]:
        here = here / part
        if here not in made_dirs:
            os.mkdir(here, 0o777)
            made_dirs.add(here)
    return target


def _extract_one(zf: zipfile.ZipFile, entry: dict, target: Path, folder: Path) -> None:
    """Stream one member into the new file ``target``; its SHA-256 (when the manifest
    gives one) must be the manifest's, else CchcError."""
    info = zf.getinfo(entry["path"])
    mode = (info.external_attr >> 16) & 0o777 or _FILE_MODE
    digest = hashlib.sha256()
    written = 0
    try:
        fd = os.open(target, _FLAGS, mode)  # the umask applies
        with open(fd, "wb", closefd=True) as out, zf.open(info) as src:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                written += len(chunk)
                if written > entry["size"]:
                    break
                digest.update(chunk)
                write_chunk(out, chunk)
            out.flush()
            os.fsync(out.fileno())
        with suppress(ValueError, OverflowError):  # a time the ZIP keeps wrong: left
            when = datetime(*info.date_time).timestamp()
            os.utime(target, (when, when))
    except OSError as exc:
        raise _not_written(folder, entry["path"], exc) from exc
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CchcError(CHANGED_MEANWHILE.format(entry["path"], folder), file=zf.filename,
                        hint=DAMAGED_HINT) from exc
    if written != entry["size"] or (entry["sha256"] and digest.hexdigest() != entry["sha256"]):
        raise CchcError(CHANGED_MEANWHILE.format(entry["path"], folder), file=zf.filename,
                        hint=DAMAGED_HINT)


def write_chunk(out, chunk: bytes) -> None:
    """Write ``chunk`` to the file being restored (one place, which a test makes fail as
    a full disk does)."""
    out.write(chunk)


def _sync(folder: Path) -> None:
    """Flush a folder's entries to disk where the system can (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _put_in_place(tmp: Path, folder: Path) -> None:
    """Rename the folder written, whole, to ``folder`` (an empty folder there is replaced;
    one written into meanwhile is not, and it is said)."""
    try:
        os.rename(tmp, folder)
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY) and \
                not isinstance(exc, FileExistsError):
            raise _not_written(folder, "thư mục", exc) from exc
        _check_target(folder)  # something written into it meanwhile: said so
        try:  # Windows renames onto no folder, even an empty one
            os.rmdir(folder)
            os.rename(tmp, folder)
        except OSError as again:
            raise _not_written(folder, "thư mục", again) from again
    _sync(folder.parent)


def _hint(code: int | None) -> str:
    return DISK_FULL_HINT if code in DISK_FULL_ERRNOS else NOT_WRITABLE_HINT


def _not_written(folder: Path, what: str, exc: OSError) -> OutputError:
    full = "ổ đĩa đầy: " if exc.errno in DISK_FULL_ERRNOS else ""
    return OutputError(NOT_WRITTEN.format(folder, full, what, system_words(exc)),
                       hint=_hint(exc.errno))
