"""A backup of a data folder: one ZIP that, unzipped into an empty folder, is the folder.

The year's work lives in one folder (the web app's data folder, or the command line's
output folder: the plan, the files given out and received, the ledger and its archive,
the reports and letters). Copied as it is (Explorer, ``cp -r``) while a merge writes the
ledger, the copy can hold half a transaction: a ledger SQLite calls malformed. So:

* every SQLite database (the ledger) is copied with SQLite's backup API
  (:meth:`sqlite3.Connection.backup`) while its lock is held as a merge holds it
  (:func:`cchc_xl.ledger.lock.ledger_lock`: a backup waits for a merge, as a second merge
  does, and says so the same way), inside a read transaction (another program's write
  is either all in the copy or not at all); its archive is copied after it (a merge
  adds to the archive before it records, and never removes what it recorded);
* every other file is copied as it is, streamed (memory does not grow with the folder);
  a link is followed only to what lies inside the folder, as a merge takes links
  (:mod:`cchc_xl.intake.collect`); what is left out is listed in the manifest;
* temporary and lock files are left out (the office suites' ones, cchc-xl's own
  ``.tmp-...``, SQLite's journals, lock files), and the web app's scratch places and
  its session key with the logins ended (:data:`cchc_xl.data_folder.LEFT_OUT`);
* the web app's notes of the uploads it saved and has not merged yet (a server stopped
  before its queue was done, or a backup made while it runs) are copied with their files
  (:func:`_add_notes`): the copy restored merges them when the app starts on it, with the
  day received the office gave, as the folder itself would. The uploads held for the
  office to send again (a day received refused) are left out, files and note, and listed:
  their token lives in a session no restored copy has;
* the ZIP is written under a temporary name and moved into place (xlio.atomic_write),
  never inside the folder it backs up (except where the web app keeps its own, left out);
* a manifest (:data:`MANIFEST`) says what it is, when, the version of cchc-xl, and each
  file's size and SHA-256, and the plans its ledger holds, so that a copy can be checked
  before it is relied on (:mod:`cchc_xl.backup_check`, ``cchc-xl backup --check``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from . import __version__, clock
from .data_folder import APP_DIR, LEFT_OUT, PENDING_DIR, Noted, noted
from .errors import UsageError
from .intake.collect import office_temporary, readable_name
from .issuer import issuer_of
from .ledger import LEDGER_NAME
from .ledger.copy import copy_whole, plans_held
from .ledger.lock import LOCK_SUFFIX, LOCK_WAIT_SECONDS
from .overwrite import refusal
from .sniff import NOT_A_FILE, open_plain
from .temporary import is_temporary, temporary_beside
from .text import vn_number
from .xlio import atomic_write, file_sha256, is_inside, unreadable

MANIFEST = "cchc-sao-luu.json"  # at the ZIP's root: what it holds (left out when backed up)
BACKUP_KIND = "cchc-xl sao lưu thư mục làm việc"  # the manifest's "what"
SUFFIX = ".zip"
_SQLITE_START = b"SQLite format 3\x00"
_SQLITE_SIDE = ("-journal", "-wal", "-shm")  # SQLite's files beside a database
# Already compressed inside (Office documents are ZIPs): stored, not deflated again.
_STORED = {".xlsx", ".xlsm", ".docx", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".7z",
           ".rar", ".gz", ".heic"}
_CHUNK = 1 << 20
_ZIP64_FROM = 1 << 30  # a file this large gets ZIP64 fields whatever its size says

NOT_A_BACKUP = "một tệp khác"  # refusal(): "đó là một tệp khác, không phải tệp sao lưu"
LINK_OUT = "liên kết tới tệp hoặc thư mục ngoài thư mục làm việc: không sao lưu"
LINK_BROKEN = "liên kết tới tệp không còn tồn tại: không sao lưu"
LINKED_FOLDER = "liên kết tới một thư mục bên trong: thư mục đó đã được sao lưu"
BAD_NAME = ("tên tệp có ký tự không đọc được (không phải bảng mã UTF-8): đổi tên tệp rồi "
            "sao lưu lại")
LEDGER_AS_IS = "không đọc được như cơ sở dữ liệu SQLite ({}): đã chép nguyên trạng"
# A ledger emptied (0 bytes: cut short, written over) holds nothing to restore: left out
# and told as a problem (exit 1). Backed up, "backup --check" called the copy whole and fit
# to restore from, with none of the merges in it (a QA pass).
EMPTY_LEDGER = ("sổ cái rỗng (0 byte), không còn lần gộp nào trong đó: khôi phục sổ cái từ "
                "một bản sao lưu trước rồi sao lưu lại")


@dataclass(frozen=True)
class LeftOut:
    """A file (or linked folder) not in the backup, and why; ``lost``: one that should
    have been (it could not be read), which the command reports as a problem."""

    path: str
    reason: str
    lost: bool = False


@dataclass
class Backup:
    """What :func:`write_backup` wrote: the ZIP, its files (relative paths), their bytes,
    the databases copied with SQLite's backup API, and what was left out."""

    path: Path
    files: list[str] = field(default_factory=list)
    size: int = 0
    databases: list[str] = field(default_factory=list)
    plans: list[dict] = field(default_factory=list)  # those its ledgers hold
    left_out: list[LeftOut] = field(default_factory=list)
    unmerged: list[dict] = field(default_factory=list)  # uploads to merge when restored

    @property
    def written(self) -> int:
        """The ZIP's own size in bytes (what the office stores; ``size`` is its files')."""
        return self.path.stat().st_size

    @property
    def lost(self) -> list[LeftOut]:
        return [item for item in self.left_out if item.lost]


Progress = Callable[[int, int, str], None]


def backup_name(plan_key: str | None, when: datetime) -> str:
    """The ZIP's name as the web app gives it: cchc-sao-luu-<plan>-<yyyymmdd-hhmm>.zip."""
    from .text import file_part

    plan = f"{file_part(plan_key)}-" if plan_key else ""
    return f"cchc-sao-luu-{plan}{when:%Y%m%d-%H%M}{SUFFIX}"


def write_backup(folder: Path, out: Path, *, wait_seconds: float = LOCK_WAIT_SECONDS,
                 waiting: Callable[[str], None] | None = None,
                 progress: Progress | None = None, now: datetime | None = None) -> Backup:
    """Write the backup of the data folder ``folder`` to ``out`` (a .zip outside it, or in
    one of its places left out). A database whose merge does not end within
    ``wait_seconds`` (or that another program keeps locked that long): OutputError, and
    nothing written."""
    root = Path(folder)
    out = Path(out)
    before = _check_places(root, out)
    now = (now or clock.now()).replace(microsecond=0)
    files, left_out = _listing(root, out)
    # Looked at after the listing (a note is written once its files are saved) and
    # before the ledger is copied: an upload noted then is either in the ledger copied,
    # or merged where the backup is restored (or both: a file merged is not read again).
    notes = _notes(root)
    files = _without_held(files, notes, left_out)
    # The databases first: the archive copied after the ledger holds every file it names.
    files.sort(key=lambda found: found[1] != "db")
    made = Backup(out, left_out=left_out)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            entries = [_add_database(zf, root, rel, out, wait_seconds, waiting, made)
                       if kind == "db" else _add_file(zf, root, rel, made)
                       for rel, kind in _progressing(files, progress)]
            entries = [e for e in entries if e is not None]
            entries += _add_notes(zf, root, notes, entries, made)
            made.files = [e["path"] for e in entries]
            if before is not None and (less := holds_less(before, made)):
                raise UsageError(KEPT_BACKUP.format(made_at_said(before.get("made_at")), less),
                                 file=str(out), hint=KEEP_HINT)
            made.size = sum(e["size"] for e in entries)
            zf.writestr(_stamped(MANIFEST, now), json.dumps(
                _manifest(root, now, entries, made), ensure_ascii=False, indent=1))

    atomic_write(out, write)
    return made


def _check_places(root: Path, out: Path) -> dict | None:
    """The folder is one, the ZIP is not written into it, nor over a file that is no
    backup (a backup made before is replaced, as a command replaces its output, unless
    the new one holds less: :func:`holds_less`). The manifest of the backup ``out``
    holds already, if any."""
    if not root.is_dir():
        raise UsageError("không tìm thấy thư mục" if not root.exists() else
                         "không phải thư mục (cần thư mục làm việc: nơi có bảng kế hoạch, "
                         "sổ cái, các tệp giao và nhận về)", file=str(root))
    if out.suffix.lower() != SUFFIX:
        raise UsageError(f"tệp sao lưu phải có đuôi {SUFFIX}", file=str(out))
    if is_inside(out, root) and not _left_out_place(_relative(root, out)):
        raise UsageError(f"tệp sao lưu nằm trong thư mục được sao lưu ({root}): tệp sẽ tự "
                         "chép vào chính nó", file=str(out),
                         hint="ghi tệp sao lưu ra ngoài thư mục làm việc (ổ khác, USB)")
    if not out.is_file():
        return None
    if (before := read_manifest(out)) is None:
        raise refusal(out, NOT_A_BACKUP, "tệp sao lưu")
    return before


# A backup is replaced only by one that holds what it held. Backed up every evening to
# the same file ("--out E:/sao-luu/cchc.zip", as the guide shows), a ledger emptied or
# damaged, or another year's folder named, replaced the one copy of the ledger with a
# backup without it, and the warning said to restore the ledger from an earlier backup:
# the one just written over (a QA pass).
KEPT_BACKUP = ("không ghi đè bản sao lưu đã có (sao lưu {}): {}; bản đó được giữ nguyên, "
               "chưa sao lưu gì")
KEEP_HINT = ("giữ tệp này để khôi phục, sao lưu ra tệp có tên khác; chỉ chuyển tệp này đi chỗ "
             "khác khi chắc chắn không cần nó nữa")
NO_LEDGER_NOW = "không còn trong thư mục"
NOT_A_LEDGER_NOW = "không còn là cơ sở dữ liệu SQLite (bị ghi đè hoặc hỏng)"


def holds_less(before: dict, made: Backup) -> str:
    """Why the backup ``made`` holds less than the one whose manifest is ``before`` (""
    when it does not), which it must then not replace: a ledger copied whole there that is
    not now (emptied, damaged, gone), a file there that cannot be read now, or the folder
    of other plans (another office's, last year's)."""
    def listed(key: str) -> list:
        found = before.get(key)
        return found if isinstance(found, list) else []

    had = {f.get("path") for f in listed("files") if isinstance(f, dict)}
    why_left = {item.path: item.reason for item in made.left_out}
    worse = [f"{item.path}: {item.reason}" for item in made.lost if item.path in had]
    worse += [f"sổ cái {db}: " + why_left.get(db, NOT_A_LEDGER_NOW if db in made.files
                                               else NO_LEDGER_NOW)
              for db in listed("databases")
              if isinstance(db, str) and db not in made.databases and
              not any(item.path == db for item in made.lost)]
    if worse:
        return f"bản mới sẽ thiếu những gì bản đó có — {'; '.join(worse)}"
    plans_before = [p for p in listed("plans") if isinstance(p, dict)]
    keys_before = {p.get("key") for p in plans_before}
    if not plans_before or not made.plans or keys_before & {p["key"] for p in made.plans}:
        return ""
    return (f"đó là bản sao lưu của kế hoạch khác ({plans_said(plans_before)}), thư mục "
            f"này là của {plans_said(made.plans)}")


def plans_said(plans: list) -> str:
    """The plans a backup's manifest (or a ledger's copy) lists, as ``backup --check``,
    ``restore`` and the web app's question name them: the title, whose it is when said
    (two communes' plans, "Kế hoạch cải cách hành chính năm 2023" both, differed by their
    code alone), the code and the year."""
    return "; ".join(f"{p.get('title') or p.get('key')}{_whose(p)} ({p.get('key')}, năm "
                     f"{p.get('year')})" for p in plans if isinstance(p, dict))


def _whose(plan: dict) -> str:
    """" — <its authority>" after a plan's title, unless the title names its place
    already ("... xã Hoằng Hóa năm 2023"); "" when none is said."""
    authority = str(plan.get("authority") or "")
    place = issuer_of(authority).place if authority else ""
    title = str(plan.get("title") or "")
    if not authority or (place and place.casefold() in title.casefold()):
        return ""
    return f" — {authority}"


def made_at_said(text: object) -> str:
    """When a backup was made (its manifest's ``made_at``), as people read it."""
    try:
        return f"lúc {datetime.fromisoformat(str(text)):%H:%M ngày %d/%m/%Y}"
    except ValueError:
        return "(không rõ thời điểm)"


def _relative(root: Path, path: Path) -> PurePosixPath:
    return PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())


def _left_out_place(rel: PurePosixPath) -> bool:
    """Whether ``rel`` is (or lies in) one of the web app's places a backup leaves out."""
    parts = rel.parts
    return len(parts) >= 2 and parts[0] == APP_DIR and parts[1] in LEFT_OUT


def _progressing(files: list[tuple[str, str]], progress: Progress | None):
    for n, (rel, kind) in enumerate(files):
        if progress is not None:
            progress(n, len(files), rel)
        yield rel, kind
    if progress is not None:
        progress(len(files), len(files), "")


# --- what goes in ------------------------------------------------------------------------

def _listing(root: Path, out: Path) -> tuple[list[tuple[str, str]], list[LeftOut]]:
    """The files to back up, each with its kind ("db": an SQLite database, else "file"),
    in name order; and what is left out that the office should know of (temporary files
    are left out without a word)."""
    real_root = root.resolve()
    found: list[tuple[str, str]] = []
    left: list[LeftOut] = []

    def unlisted(exc: OSError) -> None:
        left.append(LeftOut(_shown(root, Path(exc.filename or root)),
                            "không mở được thư mục: " + unreadable(exc), lost=True))

    for parent, dirs, names in os.walk(root, onerror=unlisted):
        here = Path(parent)
        dirs.sort()
        for name in list(dirs):
            child = here / name
            rel = PurePosixPath(child.relative_to(root).as_posix())
            if _left_out_place(rel):
                dirs.remove(name)
            elif child.is_symlink():  # os.walk does not go in: said where it leads
                inside = _inside(child, real_root)
                left.append(LeftOut(str(rel), LINKED_FOLDER if inside else LINK_OUT))
        names_here = set(names)
        for name in sorted(names):
            child = here / name
            rel = PurePosixPath(child.relative_to(root).as_posix())
            if _temporary(rel, name, names_here) or _left_out_place(rel) or \
                    child.absolute() == out.absolute():
                continue
            kind, why = _kind(child, real_root)
            if why:
                left.append(LeftOut(str(rel), why, lost=why in (BAD_NAME, EMPTY_LEDGER)))
            else:
                found.append((str(rel), kind))
    return found, left


def _temporary(rel: PurePosixPath, name: str, beside: set[str]) -> bool:
    """Files nobody restores: the office suites' lock and temporary files, cchc-xl's
    temporary files, SQLite's journals and lock files beside their file, an earlier
    backup's manifest at the folder's root."""
    if str(rel) == MANIFEST or office_temporary(name) or is_temporary(name):
        return True
    for side in (*_SQLITE_SIDE, LOCK_SUFFIX):
        if name.endswith(side) and name[:-len(side)] in beside:
            return True
    return False


def _kind(path: Path, real_root: Path) -> tuple[str, str]:
    """("db" or "file", "") for a file to back up; ("", why) for one left out."""
    if not readable_name(str(path)):
        return "", BAD_NAME
    if path.is_symlink():
        if not _inside(path, real_root):
            return "", LINK_OUT
        if not path.exists():
            return "", LINK_BROKEN
    try:
        st = os.stat(path)
    except OSError:
        return "file", ""  # said when it is read (the reason the system gives)
    if not stat.S_ISREG(st.st_mode):
        return "", NOT_A_FILE
    if st.st_size == 0 and path.suffix == Path(LEDGER_NAME).suffix:
        return "", EMPTY_LEDGER
    try:
        with open(path, "rb") as fh:
            start = fh.read(len(_SQLITE_START))
    except OSError:
        start = b""
    return ("db" if start == _SQLITE_START else "file"), ""


def _inside(link: Path, real_root: Path) -> bool:
    target = link.resolve()
    return target == real_root or real_root in target.parents


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# --- the uploads not merged yet ---------------------------------------------------------

# Why a held upload's file is left out ("không sao lưu <file>: ...", "Không sao lưu 2 ...").
HELD_UPLOAD = ("tệp tải lên đang được giữ chờ cơ quan gửi lại (ngày nhận bị từ chối, hoặc chờ "
               "bấm “Gộp vào kỳ…”), chưa gộp: khôi phục xong, tải tệp lên lại nếu cần gộp")


def _notes(root: Path) -> list[Noted]:
    """The web app's notes of its uploads not merged yet (web/pending.py), as they are."""
    return noted(root / APP_DIR)


def _without_held(files: list[tuple[str, str]], notes: list[Noted], left: list[LeftOut]
                  ) -> list[tuple[str, str]]:
    """``files`` without those of the uploads held for the office to send again (listed
    in ``left``): restored, nothing could send them (the session holding their token is
    gone) and, in the period's folder with no note, they would pass for files received.
    A held upload sent again meanwhile has its files in a note to merge: kept."""
    to_merge = {f for note in notes if not note.held for f in note.files}
    held = {f for note in notes if note.held for f in note.files} - to_merge
    left.extend(LeftOut(rel, HELD_UPLOAD) for rel, _ in files if rel in held)
    return [found for found in files if found[0] not in held]


def _add_notes(zf: zipfile.ZipFile, root: Path, notes: list[Noted], entries: list[dict],
               made: Backup) -> list[dict]:
    """Copy the notes of the uploads to merge, each with those of its files the backup
    holds (a note with none of them is left off: its files were merged and removed
    meanwhile, or could not be read, which is said): their manifest entries. The notes
    written while the files were copied are looked at too (an upload saved meanwhile),
    each file kept only if its copy is the whole file, as it is now."""
    copied = {e["path"]: e["sha256"] for e in entries}
    seen = {note.name for note in notes}
    later = [note for note in _notes(root) if note.name not in seen]
    added = []
    for note, checked in [*((n, False) for n in notes), *((n, True) for n in later)]:
        files = [f for f in note.files
                 if f in copied and (not checked or _sha256_now(root / f) == copied[f])]
        if note.held or not files:
            continue
        rel = f"{APP_DIR}/{PENDING_DIR}/{note.name}"
        body = note.copied(files)
        added.append(_stream(zf, rel, io.BytesIO(body), 0o644, note.written, len(body)))
        made.unmerged.append({"note": rel, "period": note.data.get("period"),
                              "received": note.data.get("received"), "files": files})
    return added


def _sha256_now(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


def unmerged_said(upload: dict) -> str:
    """One upload the backup holds to merge, as the command and the page say it."""
    try:
        day = f"nhận ngày {date.fromisoformat(str(upload.get('received'))):%d/%m/%Y}"
    except ValueError:
        day = "không ghi ngày nhận"
    files = upload.get("files") if isinstance(upload.get("files"), list) else []
    return (f"lần tải lên kỳ {upload.get('period', '?')} chưa gộp lúc sao lưu ({day}, "
            f"{vn_number(len(files))} tệp): có trong bản sao lưu, ứng dụng gộp khi mở trên "
            "thư mục khôi phục")


# --- writing -----------------------------------------------------------------------------

def _stamped(name: str, when: datetime, mode: int = 0o644) -> zipfile.ZipInfo:
    """A ZIP entry's header: its name, time (ZIP keeps 1980-2107) and permissions."""
    year = min(max(when.year, 1980), 2107)
    info = zipfile.ZipInfo(name, (year, when.month, when.day, when.hour, when.minute,
                                  when.second))
    info.external_attr = (stat.S_IFREG | (mode & 0o777)) << 16
    info.compress_type = zipfile.ZIP_STORED if Path(name).suffix.lower() in _STORED \
        else zipfile.ZIP_DEFLATED
    return info


def _add_file(zf: zipfile.ZipFile, root: Path, rel: str, made: Backup) -> dict | None:
    """Copy one file into the ZIP as it is; None (and said why) when it cannot be read."""
    path = root / rel
    try:
        fh = _open_plain(path)
    except OSError as exc:
        made.left_out.append(LeftOut(rel, unreadable(exc), lost=True))
        return None
    with fh:
        st = os.fstat(fh.fileno())
        return _stream(zf, rel, fh, st.st_mode, st.st_mtime, st.st_size)


def _open_plain(path: Path):
    """``path`` opened for reading: a plain file, a link not followed (one inside the
    folder is opened as what it leads to, which was checked to lie inside)."""
    return open_plain(path.resolve() if path.is_symlink() else path, follow=False)


def _stream(zf: zipfile.ZipFile, rel: str, fh, mode: int, mtime: float, size_now: int
            ) -> dict:
    """Copy the open file ``fh`` into the ZIP as ``rel``, in chunks: its manifest entry."""
    info = _stamped(rel, datetime.fromtimestamp(mtime), mode)
    info.file_size = size_now
    digest = hashlib.sha256()
    size = 0
    with zf.open(info, "w", force_zip64=size_now >= _ZIP64_FROM) as dst:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return {"path": rel, "size": size, "sha256": digest.hexdigest()}


def _add_database(zf: zipfile.ZipFile, root: Path, rel: str, out: Path, wait_seconds: float,
                  waiting: Callable[[str], None] | None, made: Backup) -> dict | None:
    """Copy one SQLite database (the ledger) with SQLite's backup API into a temporary
    file beside ``out``, holding its lock as a merge does, then into the ZIP. One that
    SQLite cannot read as a database (damaged) is copied as it is, and said so."""
    db = root / rel
    copy = temporary_beside(out.with_suffix(".sqlite"))
    try:
        damaged = copy_whole(db, copy, wait_seconds, waiting)
        if damaged:
            made.left_out.append(LeftOut(rel, LEDGER_AS_IS.format(damaged)))
            return _add_file(zf, root, rel, made)
        made.plans.extend(plans_held(copy))
        st = os.stat(db)
        with open(copy, "rb") as fh:
            entry = _stream(zf, rel, fh, st.st_mode, st.st_mtime, os.fstat(fh.fileno()).st_size)
        made.databases.append(rel)
        return entry
    finally:
        with suppress(OSError):
            copy.unlink()


def _manifest(root: Path, now: datetime, entries: list[dict], made: Backup) -> dict:
    return {"what": BACKUP_KIND, "folder": str(root.resolve()), "made_at": now.isoformat(),
            "cchc_xl": __version__, "files": entries, "databases": made.databases,
            "plans": made.plans, "unmerged": made.unmerged,
            "left_out": [{"path": item.path, "reason": item.reason} for item in made.left_out]}


def read_manifest(path: Path) -> dict | None:
    """The manifest of the backup at ``path``; None when it is no backup of cchc-xl (not
    a ZIP, or one without the manifest)."""
    try:
        with zipfile.ZipFile(path) as zf:
            data = json.loads(zf.read(MANIFEST))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    return data if isinstance(data, dict) and data.get("what") == BACKUP_KIND else None
