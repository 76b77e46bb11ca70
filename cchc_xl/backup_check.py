"""A backup checked before the office relies on it: a copy on a USB stick, a file sent by
mail may be cut short, changed, or not a backup at all (``cchc-xl backup --check``,
``cchc-xl restore``, the web app's restore). It is read within bounds
(:mod:`cchc_xl.bounds`), each file streamed and hashed against the manifest
:mod:`cchc_xl.backup` wrote.
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import bounds
from .backup import _CHUNK, BACKUP_KIND, MANIFEST
from .bounds import size_text
from .errors import CchcError, UsageError
from .sniff import open_plain, zip_entries
from .text import vn_number
from .xlio import unreadable

# A backup is checked before the office relies on it (a copy on a USB stick, a file sent
# by mail): it may be cut short, changed, or not a backup at all, and is read within
# bounds (:mod:`cchc_xl.bounds`), each file streamed.

DAMAGED_HINT = ("chép lại tệp từ bản gốc trên USB hoặc thư điện tử, hoặc sao lưu lại thư "
                "mục làm việc, rồi kiểm tra lại")
NOT_A_ZIP = "không phải tệp .zip"
NO_MANIFEST = f"không phải bản sao lưu của cchc-xl: không có danh sách tệp {MANIFEST} bên trong"
WHICH_FILE = ("chọn tệp .zip do lệnh 'cchc-xl backup' hoặc nút \"Sao lưu dữ liệu\" của ứng "
              "dụng ghi")
CHANGED = "nội dung khác với lúc sao lưu"
_UNREADABLE_MEMBER = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                      NotImplementedError)


@dataclass
class Checked:
    """A backup checked: its manifest (what it holds) and what of it is not whole, one
    "<file>: <why>" each (empty: every file listed is there, as it was backed up)."""

    path: Path
    manifest: dict
    wrong: list[str]


def _damaged(path: Path, why: str) -> CchcError:
    return CchcError(f"tệp sao lưu hỏng hoặc chưa chép hết ({why}): không dùng để khôi phục "
                     "được", file=str(path), hint=DAMAGED_HINT)


def _strange(path: Path, why: str) -> CchcError:
    return CchcError(f"tệp sao lưu bất thường ({why}): không đọc", file=str(path),
                     hint=DAMAGED_HINT)


def check_backup(path: Path) -> Checked:
    """Check each file of the backup at ``path`` against its manifest. Not a ZIP, or a
    ZIP that is no backup of cchc-xl: UsageError; one cut short, damaged, beyond the
    bounds, or holding a name out of its folder or a link: CchcError (exit 1). A file
    inside that is damaged or changed is told in :attr:`Checked.wrong`, the others are
    still checked."""
    path = Path(path)
    try:
        with open_plain(path) as fh:
            head, entries = fh.read(4), zip_entries(fh)
    except OSError as exc:
        raise UsageError("không tìm thấy tệp" if exc.errno == errno.ENOENT
                         else unreadable(exc), file=str(path)) from exc
    if not head:
        raise _damaged(path, "tệp rỗng")
    if not head.startswith(b"PK"):
        raise UsageError(NOT_A_ZIP, file=str(path), hint=WHICH_FILE)
    if entries > bounds.MAX_BACKUP_FILES:
        raise _strange(path, f"có {vn_number(entries)} tệp bên trong, giới hạn "
                             f"{vn_number(bounds.MAX_BACKUP_FILES)}")
    try:
        with zipfile.ZipFile(path) as zf:
            if _inner_directory(zf):
                raise zipfile.BadZipFile("the directory read is a stored document's")
            manifest = _read_manifest(path, zf)
            _check_bounds(path, zf)
            _check_names(path, zf)
            return Checked(path, manifest, [w for entry in manifest["files"]
                                            if (w := _member_wrong(zf, entry))])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged(path, "không đọc được danh mục tệp bên trong") from exc


def _inner_directory(zf: zipfile.ZipFile) -> bool:
    """Whether the directory the ZIP reader found is not the backup's own: a copy cut short
    right after a report, a letter or a workbook stored whole in it (a document is zipped
    already) ends with that document's directory, read as if it were the file's, and the
    backup was called no backup (exit 2) instead of cut short. A backup's first file
    starts at its first byte; the document's first part starts further in."""
    return bool(zf.filelist) and min(i.header_offset for i in zf.filelist) > 0


def _read_manifest(path: Path, zf: zipfile.ZipFile) -> dict:
    info = zf.NameToInfo.get(MANIFEST)
    if info is None:
        raise UsageError(NO_MANIFEST, file=str(path), hint=WHICH_FILE)
    if info.file_size > bounds.MAX_BACKUP_MANIFEST_BYTES:
        raise _strange(path, f"danh sách tệp {MANIFEST} lớn {size_text(info.file_size)}")
    try:
        with zf.open(info) as fh:
            data = json.loads(fh.read(bounds.MAX_BACKUP_MANIFEST_BYTES + 1))
    except (*_UNREADABLE_MEMBER, RecursionError) as exc:
        raise _damaged(path, f"danh sách tệp {MANIFEST} không đọc được") from exc
    if not isinstance(data, dict) or data.get("what") != BACKUP_KIND:
        raise UsageError(NO_MANIFEST, file=str(path), hint=WHICH_FILE)
    files = data.get("files")
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("path"), str) and
            type(f.get("size")) is int and isinstance(f.get("sha256"), str) for f in files):
        raise _damaged(path, f"danh sách tệp {MANIFEST} không đúng dạng")
    return data


def _check_bounds(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a ZIP that unzips to more than is hashed in reasonable time: a member
    compressed beyond :data:`bounds.MAX_RATIO` times, or all beyond MAX_BACKUP_BYTES."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if (ratio := bounds.ratio_over(info)) is not None:
            raise _strange(path, f"tệp {info.filename} nén {vn_number(ratio)} lần")
    if total > bounds.MAX_BACKUP_BYTES:
        raise _strange(path, f"giải nén lớn {size_text(total)}, giới hạn "
                             f"{size_text(bounds.MAX_BACKUP_BYTES)}")


# A backup cchc-xl writes holds plain files under the folder's relative paths. One whose
# file names lead out of the folder unzipped into ("../", "/", "C:") or that holds links
# was called whole and "dùng được để khôi phục", each file listed hashed (a QA pass):
# unzipped, it writes beside or over the office's other files, or through a link.
UNSAFE = ("tệp sao lưu không an toàn ({}): đừng giải nén, không dùng bản sao lưu này để khôi "
          "phục")
UNSAFE_HINT = ("dùng bản sao lưu do chính cơ quan ghi bằng lệnh 'cchc-xl backup' hoặc nút "
               "\"Sao lưu dữ liệu\", hoặc sao lưu lại thư mục làm việc")


def _check_names(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a ZIP holding a file that unzips out of the folder it is unzipped into, or a
    link: no backup cchc-xl writes has either."""
    for info in zf.infolist():
        name = info.filename
        if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or \
                ".." in re.split(r"[\\/]", name):
            raise CchcError(UNSAFE.format(f"tệp {name} nằm ngoài thư mục giải nén"),
                            file=str(path), hint=UNSAFE_HINT)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise CchcError(UNSAFE.format(f"{name} là liên kết tới chỗ khác, không phải tệp"),
                            file=str(path), hint=UNSAFE_HINT)


def _member_wrong(zf: zipfile.ZipFile, entry: dict) -> str:
    """Why one file the manifest lists is not as it was backed up ("" when it is)."""
    name = entry["path"]
    info = zf.NameToInfo.get(name)
    if info is None:
        return f"{name}: thiếu"
    if info.file_size != entry["size"]:
        return f"{name}: {CHANGED}"
    digest = hashlib.sha256()
    try:
        with zf.open(info) as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
    except _UNREADABLE_MEMBER:
        return f"{name}: hỏng, không giải nén được"
    return "" if digest.hexdigest() == entry["sha256"] else f"{name}: {CHANGED}"


def verify_backup(path: Path) -> list[str]:
    """What is wrong with the backup at ``path`` (empty: each file the manifest lists is
    there, with its size and SHA-256)."""
    try:
        return check_backup(path).wrong
    except CchcError as exc:
        return [exc.render()]
