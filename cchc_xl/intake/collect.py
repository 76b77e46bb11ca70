"""Which files a merge takes: the files named on the command line and every file under
the folders named, in a repeatable order, less what is not a unit's return (office
lock and temporary files, system and hidden files, cchc-xl's own files, links out of
the folder, what is not a plain file), each of those listed with the reason
(:class:`Skipped`); and, of copies of one content, which is recorded.

The command line works on the web app's data folder too (docs/huong-dan.md): a
period's folder of uploads ("nhan-ve-9T/") holds two things of the app's own that are no
unit's return, skipped with their reason (:func:`web_file_reason`). A merge of that
folder listed them as errors, a unit's file that could not be read: the names the
uploads had ("ten-tep.json", "tệp văn bản… gửi lại"), and the empty placeholder of a
file the app never moved in (a "Gộp vào kỳ…" that died, web/pending.py), which named
the unit whose file was to come there: "tệp bị từ chối: Phòng Nội vụ", the unit asked
to send again a file it had sent and the app had merged."""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import assignment as A
from ..data_folder import APP_DIR
from ..errors import UsageError
from ..model import Master
from ..sniff import NOT_A_FILE
from ..xlio import unreadable


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


# Why a file that is not a unit's return is skipped, by what it is.
LOCK_FILE = "tệp khóa hoặc tệp tạm của Excel/LibreOffice (tạo ra khi một tệp đang mở)"
SYSTEM_FILE = "tệp hệ thống hoặc tệp ẩn, không phải tệp đơn vị gửi"
PLAN_TABLE_FILE = ("bảng kế hoạch của cơ quan (có trang 'Kế hoạch' và 'Đơn vị'), không phải "
                   "tệp đơn vị gửi: không gộp vào số liệu")
_SYSTEM_NAMES = ("thumbs.db", "desktop.ini", "ehthumbs.db")
BROKEN_LINK = "liên kết tới tệp không còn tồn tại: không đọc"


def open_elsewhere(path: Path) -> bool:
    """Whether an office suite has ``path`` open: the lock file LibreOffice (".~lock.
    t.xlsx#") or Excel ("~$t.xlsx", its first two letters replaced when long) keeps
    beside it while it is open."""
    name = path.name
    return any((path.parent / lock).exists() for lock in (
        f".~lock.{name}#", f"~${name}", f"~${name[2:]}" if len(name) > 2 else None) if lock)


# A name the system gave in bytes that are not UTF-8 (a file from an old Windows zip or a
# USB stick): it cannot be recorded nor shown; the unit's file, renamed, is read.
UNREADABLE_NAME = ("tên tệp (hoặc thư mục chứa nó) có ký tự không đọc được (không phải bảng mã "
                   "UTF-8, thường do giải nén trên máy cũ): đổi tên rồi gộp lại")


def readable_name(text: str) -> bool:
    """Whether a path's text is whole UTF-8 (no byte the system could not decode)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def office_temporary(name: str) -> bool:
    """Whether a file's ``name`` is one of the lock and temporary files office suites
    (and editors) leave beside the documents they have open (:data:`LOCK_FILE`)."""
    return name.startswith(("~$", ".~lock.", "~lock.")) or name.endswith(("#", "~", ".tmp"))


def skip_reason(path: Path) -> str | None:
    """Why a file is not a return (:data:`LOCK_FILE`: what office suites leave next to
    open documents; :data:`SYSTEM_FILE`: Windows and macOS files, hidden files), or
    None for a file to read."""
    name = path.name
    if not readable_name(str(path)):
        return UNREADABLE_NAME
    if office_temporary(name):
        return LOCK_FILE
    if name.startswith(".") or name.lower() in _SYSTEM_NAMES:
        return SYSTEM_FILE
    return None


# The web app's files in a period's folder of uploads (cchc_xl.web.upload_names,
# Workspace.new_upload_path): the names the office's files had, by their place
# ("3f9a1c/X02.xlsx"), and each upload in a folder of its own (secrets.token_hex(3)).
NAMES_FILE = "ten-tep.json"
UPLOAD_FOLDER = re.compile(r"[0-9a-f]{6}")
WEB_NAMES = ("tệp của ứng dụng web ghi tên gốc các tệp đã tải lên, không phải tệp đơn vị "
             "gửi")
WEB_PLACEHOLDER = ("tệp rỗng (0 byte) ứng dụng web tạo sẵn cho một tệp sắp chuyển vào, nhưng "
                   "ứng dụng dừng giữa chừng nên tệp không được chuyển vào: không phải tệp "
                   "đơn vị gửi, không có gì để gộp (tệp của đơn vị vẫn ở chỗ cũ, hoặc đã "
                   "được gộp khi ứng dụng chạy lại)")


def read_names(folder: Path) -> dict[str, str]:
    """The uploads' own names kept in ``folder`` ({} when none, or unreadable)."""
    try:
        data = json.loads((folder / NAMES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def web_file_reason(path: Path, size: int) -> str | None:
    """Why a file found in a folder (of ``size`` bytes) is one of the web app's own, in
    a period's folder of its data folder (:func:`_web_period_folder`), or None: the
    names the uploads had (:data:`WEB_NAMES`), or a placeholder (:data:`WEB_PLACEHOLDER`):
    empty, alone in a folder of its own named as the app names them, and no upload of
    that period's folder (which the app names in :data:`NAMES_FILE` once it is saved):
    a unit's empty file uploaded is named there, and said to be empty as any other."""
    if path.name == NAMES_FILE:
        return WEB_NAMES if _web_period_folder(path.parent) else None
    folder = path.parent
    if size or not UPLOAD_FOLDER.fullmatch(folder.name):
        return None
    try:
        if [p.name for p in folder.iterdir()] != [path.name] \
                or not _web_period_folder(folder.parent):
            return None
    except OSError:
        return None
    named = read_names(folder.parent)
    return None if f"{folder.name}/{path.name}" in named else WEB_PLACEHOLDER


def _web_period_folder(folder: Path) -> bool:
    """Whether ``folder`` is in a data folder of the web app (its own folder beside):
    an office's folder of returns named by chance as the app names its own ("202306/")
    is not, and its empty files are units' files sent empty."""
    return (folder.parent / APP_DIR).is_dir()


def collect_inputs(inputs: Iterable[Path], exclude: Iterable[Path] = (),
                   skip: Mapping[Path, str] | None = None) -> tuple[list[Path], list[Skipped]]:
    """Files named on the command line, and every file under the folders named.

    Folders are walked recursively and in name order, so a run is repeatable. Any
    file is taken (people send .xls, .ods, .pdf...: each gets a clear verdict),
    except lock/temporary files and the paths in ``exclude`` (the master, the
    output, the ledger's archive), which are skipped, and listed when named.
    Files found under a folder of ``skip`` are skipped and listed with its reason
    (a file named on the command line is taken wherever it is).
    """
    excluded = {_path_key(p.resolve()) for p in exclude}
    skip_reasons = {_path_key(Path(p).resolve()): reason for p, reason in (skip or {}).items()}
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    folders: dict[Path, Path] = {}  # each folder resolved once for all its files

    def consider(path: Path, explicit: bool) -> None:
        resolved = _resolved(path, folders)
        if resolved in seen:
            return
        seen.add(resolved)
        around = _self_and_ancestors(resolved)
        reason = next((skip_reasons[key] for key in around if key in skip_reasons), None)
        if reason and not explicit:
            skipped.append(Skipped(path, reason))
            return
        if not excluded.isdisjoint(around):
            if explicit:
                skipped.append(Skipped(path, "tệp do cchc-xl quản lý (bảng kế hoạch, tệp kết quả"
                                             " hoặc kho lưu), không phải tệp đơn vị gửi"))
            return
        not_a_return = skip_reason(path)
        if not_a_return:
            skipped.append(Skipped(path, not_a_return))
            return
        try:
            found = os.stat(path)
        except OSError as exc:
            skipped.append(Skipped(path, unreadable(exc)))
            return
        if not stat.S_ISREG(found.st_mode):
            skipped.append(Skipped(path, NOT_A_FILE))
            return
        if not explicit and (web := web_file_reason(path, found.st_size)):
            skipped.append(Skipped(path, web))
            return
        files.append(path)

    for given in inputs:
        path = Path(given)
        if not path.exists():
            raise UsageError("không tìm thấy tệp hoặc thư mục", file=str(path))
        if path.is_dir():
            for child in _walk(path, skipped):
                consider(child, explicit=False)
        else:
            consider(path, explicit=True)
    return files, skipped


def resolved_paths(paths: Iterable[Path]) -> list[Path]:
    """Each path resolved (:meth:`Path.resolve`), each folder once for all its files."""
    folders: dict[Path, Path] = {}
    return [_resolved(Path(p), folders) for p in paths]


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, its folder's resolution taken from ``folders`` (filled as it
    goes): a merge given 2,000 files of one folder resolved every folder above each file
    again, some 0.1 ms a file. A link, or a name that is no file's (".."), is resolved
    whole."""
    name = path.name
    if name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    parent = path.parent
    real = folders.get(parent)
    if real is None:
        real = folders[parent] = parent.resolve()
    return real / name


def _path_key(path: Path) -> str:
    """A resolved path as text, compared as the system compares paths (without case
    on Windows)."""
    return os.path.normcase(str(path))


def _self_and_ancestors(path: Path) -> list[str]:
    """:func:`_path_key` of a resolved path and of each folder above it, nearest
    first (plain text: hundreds of returns, each checked against a few paths)."""
    key = _path_key(path)
    keys = [key]
    while (parent := os.path.dirname(key)) != key:
        keys.append(parent)
        key = parent
    return keys


def _walk(folder: Path, skipped: list[Skipped]) -> list[Path]:
    """Files under ``folder``, in name order. Links are not followed out of it: a link
    to a file elsewhere (a private file of another user, a system file) would be read
    and copied into the archive for everyone to read."""
    def unlisted(exc: OSError) -> None:  # a folder that cannot be listed: said, not passed over
        skipped.append(Skipped(Path(exc.filename or folder), "không mở được thư mục: "
                               + unreadable(exc)))

    root = folder.resolve()
    found = []
    # os.walk does not descend into linked folders.
    for parent, dirs, names in os.walk(folder, onerror=unlisted):
        for name in names:
            child = Path(parent) / name
            if not child.is_symlink() or _linked_inside(child, root, skipped):
                found.append(child)
        for name in dirs:
            child = Path(parent) / name
            if child.is_symlink():  # a linked folder inside is walked as itself
                _linked_inside(child, root, skipped)
    return sorted(found, key=lambda p: listing_key(str(p)))


def listing_key(name: str) -> tuple[str, str, str]:
    """A file's place in a folder's listing, as Explorer lists it and both the command
    line and the web app's upload take files: its folder, then its name without and with
    its extension, without case ("NV.xlsx" before its copy "NV (1).xlsx"). Two files of a
    unit saved at the same moment count by the one merged last: one order for both ways
    in (a QA pass: the command line counted "NV.xlsx", the web app "NV (1).xlsx")."""
    path = PurePosixPath(name.replace("\\", "/").casefold())
    return str(path.parent), path.stem, path.suffix


def _linked_inside(link: Path, root: Path, skipped: list[Skipped]) -> bool:
    """Whether a link found under ``root`` leads to something inside it that exists;
    if not, it is listed in ``skipped`` with the reason."""
    target = link.resolve()
    if target != root and root not in target.parents:
        skipped.append(Skipped(link, "liên kết tới tệp hoặc thư mục ngoài thư mục đang gộp: "
                                     "không đọc (chép tệp thật vào thư mục)"))
        return False
    if not target.exists():
        skipped.append(Skipped(link, BROKEN_LINK))
        return False
    return True


def first_of_each_content(kept: list[Path], hashes: dict[Path, str], master: Master
                           ) -> dict[str, Path]:
    """The file each content is recorded as, by SHA-256: the first given; of copies of
    one content, one named as split names the unit's file ("X023-Xã-Văn-Hiến.xlsx", not
    "X023 - gui lai.xlsx" given first), which the office and the unit know it by."""
    first_of: dict[str, Path] = {}
    split_names: set[str] | None = None
    for path in kept:
        sha = hashes[path]
        if sha not in first_of:
            first_of[sha] = path
            continue
        if split_names is None:  # copies are rare: the names worked out only then
            split_names = {A.workbook_filename(u).casefold() for u in master.units}
        # A name as split wrote it, in NFC, is the same name decomposed (NFD) by a Mac.
        if _name_key(first_of[sha]) not in split_names and _name_key(path) in split_names:
            first_of[sha] = path
    return first_of


def _name_key(path: Path) -> str:
    """A file's name as :func:`first_of_each_content` compares it: NFC, case aside."""
    return unicodedata.normalize("NFC", path.name).casefold()
