"""Workbook I/O shared by every step: opening with clear errors, atomic writes,
reading dates from cells. What a file is before it is opened: :mod:`cchc_xl.sniff`.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from . import bounds
from .errors import (
    DISK_FULL_HINT,
    FILE_LOCKED_HINT,
    MARKED_READ_ONLY,
    NOT_WRITABLE_HINT,
    READ_ONLY_HINT,
    CchcError,
    InputChangedError,
    MissingInputError,
    OutputError,
    UsageError,
    WorkbookError,
    system_words,
)
from .sniff import (
    FORMAT_HINT,
    FORMAT_HINTS,
    FORMAT_MESSAGES,
    NOT_A_FILE,
    NOT_PLAIN,
    is_encrypted,
    open_plain,
    sniff_format,
)
from .temporary import new_temporary, remove_file
from .text import one_line

# Every workbook cchc-xl writes with xlsxwriter keeps user text as text: "=1+1" is not
# a formula, "http://..." not a link, "0123" not a number.
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}


def new_xlsx(path: str | Path | BinaryIO, *,
             cls: type[xlsxwriter.Workbook] = xlsxwriter.Workbook,
             **options) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook (of class ``cls``) with :data:`XLSX_OPTIONS` (and any
    other ``options``), written to a file or, with ``in_memory``, to a binary buffer."""
    target = path if hasattr(path, "write") else str(path)
    return cls(target, {**XLSX_OPTIONS, **options})

# A time after it, as a cell of date and time shows when copied as text ("15/11/2026
# 00:00:00", "15/11/2026 8:00"), says nothing of the day: read as the day (a QA pass: the
# day was refused as no date and lost).
DMY_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
                      r"(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*$")
# Year first, "2026-08-15" (ISO, and a time after it as a machine writes one), or with
# slashes or dots, "2026/8/15": a year of four figures first has one reading (never swapped:
# intake.cells).
YMD_TEXT = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?\s*$"
                      r"|^\s*(\d{4})\s*([/.])\s*(\d{1,2})\s*\5\s*(\d{1,2})\s*$")
# A day and a month written without a year ("18/9", "18-09"): a day typed by the office,
# whose year the caller knows (counted.received_day).
DM_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*$")
# The same with the year's last two digits ("18/9/23": 2023), as the office types it.
DMYY_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2})\s*$")




def require_file(path: str | Path) -> Path:
    """The path of a workbook a command must read; MissingInputError (the command was
    called wrongly) when there is none, or it is a folder."""
    path = Path(path)
    if not path.exists():
        raise MissingInputError("không tìm thấy tệp", file=str(path))
    if path.is_dir():
        raise MissingInputError("đây là thư mục, cần một tệp .xlsx", file=str(path))
    return path


_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def open_workbook(path: str | Path, *, read_only: bool = False, data_only: bool = True,
                  hint: str | dict[str, str] | None = None):
    """Open an xlsx with openpyxl, turning every failure into a WorkbookError; ``hint``
    replaces what to do when the file is not a workbook at all (whose file it is
    decides that), or per kind of file (:data:`cchc_xl.sniff.MASTER_FORMAT_HINTS`).
    Opened whole (not ``read_only``), a file too large for that is refused first
    (:func:`cchc_xl.bounds.whole_refusal`)."""
    path = require_file(path)
    try:
        kind = sniff_format(path)
    except OSError as exc:
        raise WorkbookError(unreadable(exc), file=str(path)) from exc
    if kind != "xlsx":
        if is_encrypted(path, kind):
            kind = "encrypted"
        said = hint.get(kind) if isinstance(hint, dict) else hint
        raise WorkbookError(FORMAT_MESSAGES.get(kind, "không đọc được tệp"), file=str(path),
                            hint=said or FORMAT_HINTS.get(kind, FORMAT_HINT))
    if not read_only:
        refused = bounds.whole_refusal(path)
        if refused is not None:
            raise refused
    # openpyxl refuses a name not ending as a workbook's does ("ke-hoach.docx" that is a
    # workbook): its bytes are given instead.
    source = path if path.suffix.lower() in _EXCEL_SUFFIXES else io.BytesIO(path.read_bytes())
    try:
        return load_workbook(source, read_only=read_only, data_only=data_only)
    except PermissionError as exc:
        raise WorkbookError("không có quyền đọc tệp", file=str(path),
                            hint=FILE_LOCKED_HINT) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise WorkbookError(
            f"tệp Excel bị hỏng hoặc không đúng định dạng ({type(exc).__name__})",
            file=str(path),
            hint=FORMAT_HINT,
        ) from exc


def content_key(st: os.stat_result) -> tuple[int, ...]:
    """What tells a file's content apart without reading it, from its ``os.stat``: size,
    modification time, and inode, device and change time (another file put in its place,
    or one written to with its modification time set back, has other ones)."""
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, st.st_ctime_ns)


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (returned workbooks can be large).

    Only a plain file is read: a named pipe or a device (which could keep the reader
    waiting for ever) raises OSError at once, as a file that cannot be opened does."""
    digest = hashlib.sha256()
    with open_plain(path) as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def copy_checked(source: str | Path, target: str | Path, sha256: str) -> None:
    """Copy ``source`` to ``target`` if its bytes are still those whose SHA-256 is
    ``sha256``: InputChangedError (``target`` then holds nothing to keep) when the
    file was written to, replaced or removed since it was hashed."""
    digest = hashlib.sha256()
    try:
        src = open_plain(source)
    except OSError as exc:
        raise input_gone(source, exc) from exc
    with src, open(target, "wb") as dst:  # an error writing the copy is the caller's
        while True:
            try:
                chunk = src.read(_CHUNK)
            except OSError as exc:
                raise input_gone(source, exc) from exc
            if not chunk:
                break
            digest.update(chunk)
            dst.write(chunk)
    if digest.hexdigest() != sha256:
        raise InputChangedError("tệp đã thay đổi trong lúc gộp (có thể đang được tải về, "
                                "đồng bộ hoặc lưu)", file=str(source))


def unreadable(exc: OSError) -> str:
    """Why an input file could not be opened when its turn came (moved or deleted
    meanwhile, no permission, not a plain file), in words for the user."""
    if exc.errno == errno.ENOENT:
        return "tệp không còn ở đó khi đọc (đã bị chuyển hoặc xóa trong lúc chạy)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc (cấp quyền đọc, hoặc chép sang thư mục khác)"
    if exc.errno == errno.EINVAL and exc.strerror == NOT_PLAIN:
        return NOT_A_FILE
    return f"không đọc được tệp (lỗi hệ thống {exc.errno}: {exc.strerror or exc})"


def input_gone(source: str | Path, exc: OSError) -> InputChangedError:
    """The error for an input that could no longer be read (:func:`unreadable`)."""
    return InputChangedError(unreadable(exc), file=str(source))

_CHUNK = 1 << 20  # bytes of a file read at once


Inputs = Iterable[tuple["str | Path | None", str]]


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when two paths name one file: by identity when both exist (so hard links,
    symbolic links and case-insensitive folders count), else by resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def is_inside(path: str | Path, folder: str | Path) -> bool:
    """True when ``path`` is ``folder`` or lies somewhere under it (resolved)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def check_not_input(path: str | Path, what: str, inputs: Inputs) -> None:
    """Refuse (UsageError, exit 2) to write ``path`` over one of a command's inputs.

    ``inputs`` pairs each input (None is skipped) with what to call it ("bảng kế
    hoạch", "sổ cái"...). A file conflicts when it is the same file as ``path``
    (:func:`same_file`); a folder when ``path`` is the folder or lies inside it.
    """
    for given, label in inputs:
        if given is None or str(given) == "":
            continue
        folder = Path(given).is_dir()
        if is_inside(path, given) if folder else same_file(path, given):
            place = "nằm trong" if folder and not same_file(path, given) else "trùng với"
            raise _input_clash(path, what, place, label, given)


def _input_clash(path: str | Path, what: str, place: str, label: str, given: object
                 ) -> UsageError:
    return UsageError(f"{what} {place} {label} ({given}): ghi ra đó sẽ làm hỏng dữ liệu đầu "
                      "vào, lệnh không ghi gì", file=str(path), hint="chọn tên hoặc thư mục khác")


class SameFiles:
    """Many input files, each looked at once, asked which of them is the same file as a
    path: :func:`same_file` against each of them, without stating and resolving each
    input again for every path asked about (a merge asks about the ledger and the
    consolidated workbook against hundreds of returns).

    Identity (device, inode) when both exist; else, as :func:`same_file`, the resolved
    paths. An input that exists and is not a link resolves to its resolved folder and its
    own name, so only those named as the resolved path is are resolved (once).
    """

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self.paths = list(paths)
        self._by_identity: dict[tuple[int, int], list[int]] = {}  # -> positions in paths
        self._unstated: list[int] = []  # positions of inputs os.stat could not look at
        self._plain: dict[int, str] = {}  # position -> name, of an existing non-link
        self._resolved: dict[int, Path] = {}  # position -> resolved path, when needed
        for n, p in enumerate(self.paths):
            try:
                st = os.lstat(p)
                link = stat.S_ISLNK(st.st_mode)
                if link:
                    st = os.stat(p)
            except OSError:
                self._unstated.append(n)
                continue
            self._by_identity.setdefault((st.st_dev, st.st_ino), []).append(n)
            name = Path(p).name
            if not link and name not in ("", ".", ".."):
                self._plain[n] = name

    def matching(self, path: str | Path) -> list[str | Path]:
        """The inputs that are the same file as ``path``, in the order given."""
        return [self.paths[n] for n in self.positions(path)]

    def positions(self, path: str | Path) -> list[int]:
        """Where in the inputs given those that are the same file as ``path`` are."""
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is None:  # compared by resolved path with every input named as it is
            target = Path(path).resolve()
            found = set()
            by_path = self._named.get(target.name, []) + self._unnamed
        else:  # by identity, and by resolved path with the inputs that could not be stated
            found, by_path = set(self._by_identity.get((st.st_dev, st.st_ino), ())), self._unstated
            target = Path(path).resolve() if by_path else None
        if by_path:
            found.update(n for n in by_path if self._plain.get(n, target.name) == target.name
                         and self._resolve(n) == target)
        return sorted(found)

    @cached_property
    def _named(self) -> dict[str, list[int]]:
        """The existing non-links by name (a path that does not exist is compared with
        those of its name only: each of 2,000 feedback workbooks not written yet was
        compared with each return)."""
        named: dict[str, list[int]] = {}
        for n, name in self._plain.items():
            named.setdefault(name, []).append(n)
        return named

    @cached_property
    def _unnamed(self) -> list[int]:
        return [n for n in range(len(self.paths)) if n not in self._plain]

    def _resolve(self, n: int) -> Path:
        if n not in self._resolved:
            self._resolved[n] = Path(self.paths[n]).resolve()
        return self._resolved[n]


def check_not_among(path: str | Path, what: str, files: SameFiles, label: str) -> None:
    """:func:`check_not_input` for files all called ``label`` (none a folder)."""
    hits = files.matching(path)
    if hits:
        raise _input_clash(path, what, "trùng với", label, hits[0])


def input_check(inputs: Inputs) -> Callable[[str | Path, str], None]:
    """:func:`check_not_input` against the same ``inputs`` for many paths, each input
    looked at once: feedback workbooks checked one by one against a merge's 2,000 returns
    stated each return again for each workbook, growing with the square of the files
    (issue #11). The clash named is the first input's, in the order given, as there."""
    given = [(g, label) for g, label in inputs if g is not None and str(g) != ""]
    folders = [(n, g) for n, (g, _) in enumerate(given) if Path(g).is_dir()]
    in_folders = {n for n, _ in folders}
    files = [n for n in range(len(given)) if n not in in_folders]
    same = SameFiles(given[n][0] for n in files)

    def check(path: str | Path, what: str) -> None:
        hits = [n for n, g in folders if is_inside(path, g)]
        hits += [files[k] for k in same.positions(path)]
        if hits:
            n = min(hits)
            g, label = given[n]
            place = "nằm trong" if n in in_folders and not same_file(path, g) else "trùng với"
            raise _input_clash(path, what, place, label, g)

    return check


def output_path(path: str | Path, suffixes: tuple[str, ...], what: str,
                inputs: Inputs = ()) -> Path:
    """An output file named as the user asked, or a UsageError saying what is wrong:
    a wrong suffix, a folder, or one of the command's ``inputs`` (see
    :func:`check_not_input`)."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"tệp {what} phải có đuôi {' hoặc '.join(suffixes)}", file=str(path))
    if path.is_dir():
        raise UsageError(f"đây là thư mục, cần tên một tệp {suffixes[0]}", file=str(path))
    check_not_input(path, f"tệp {what}", inputs)
    return path


DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)  # what a full disk raises


def atomic_write(path: str | Path, write: Callable[[Path], None], mode: int = 0o666) -> Path:
    """Call ``write(tmp)`` then move tmp over ``path``: a reader never sees half a file.

    A place that cannot be written (no permission, a file where a folder should be,
    the target open in Excel on Windows, a full disk) raises OutputError, never a
    traceback, and leaves nothing behind. The file gets ``mode`` less the umask.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError("đây là thư mục, cần đường dẫn tệp", file=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = new_temporary(path, mode)
    except OSError as exc:
        raise OutputError(f"không tạo được tệp ({system_words(exc)})", file=str(path),
                          hint=NOT_WRITABLE_HINT) from exc
    try:
        write(tmp)
        os.replace(tmp, path)
    except PermissionError as exc:
        if marked_read_only(path):
            raise OutputError(MARKED_READ_ONLY, file=str(path), hint=READ_ONLY_HINT) from exc
        raise OutputError("không ghi được tệp", file=str(path), hint=FILE_LOCKED_HINT) from exc
    except CchcError:
        raise  # said already (an input that changed while it was copied)
    except Exception as exc:
        # xlsxwriter wraps the OSError of a failed write in its own FileCreateError.
        cause = exc if isinstance(exc, OSError) else exc.__context__
        if not isinstance(cause, OSError):
            raise
        full = cause.errno in DISK_FULL_ERRNOS
        _close_left_open(exc)
        raise OutputError(
            ("ổ đĩa đầy: " if full else "")
            + f"không ghi được tệp ({system_words(cause)}); không có gì bị ghi dở",
            file=str(path), hint=DISK_FULL_HINT,
        ) from exc
    finally:
        remove_file(tmp, missing_ok=True)
    return path


def marked_read_only(path: Path) -> bool:
    """Whether the file ``path`` is there and marked Read-only (it lacks S_IWRITE, the
    only permission Windows keeps): not to be taken for one open in Excel."""
    try:
        return not os.stat(path).st_mode & stat.S_IWRITE
    except OSError:
        return False


def _close_left_open(exc: BaseException) -> None:
    """Close the zip files a writer that failed left open (xlsxwriter's, when the disk
    filled): the garbage collector would close them later, fail to write their end on
    the same full disk, and print "Exception ignored in: ZipFile.__del__" with a
    traceback after the command's one line. Found among the failed calls' variables."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        tb = exc.__traceback__
        while tb is not None:
            for value in tb.tb_frame.f_locals.values():
                if isinstance(value, zipfile.ZipFile):
                    with contextlib.suppress(Exception):
                        value.close()  # its file is closed even when its end is not written
            tb = tb.tb_next
        exc = exc.__cause__ or exc.__context__


# What a spreadsheet takes for the start of a formula when it opens a CSV file (OWASP,
# "CSV injection"): a text starting so is written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value safe to write into a CSV file that people open in Excel."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(path: str | Path, header: Iterable[object], rows: Iterable[Iterable[object]]
              ) -> Path:
    """Write a CSV file atomically, every text cell neutralised (:func:`csv_cell`).

    UTF-8 with a byte-order mark: Excel otherwise reads Vietnamese as mojibake.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in (header, *rows):
        writer.writerow([csv_cell(v) for v in row])
    return atomic_write(path, lambda tmp: tmp.write_text(buf.getvalue(), encoding="utf-8-sig",
                                                         newline=""))


def put_value(cell, value: object):
    """The openpyxl ``cell`` given ``value``, a text always as text: openpyxl takes a text
    starting with "=" for a formula, and a plan imported from a document (a title that
    read '=HYPERLINK("http://...","Bấm vào đây")'), or a finding quoting a unit's cell,
    opened in Excel as a formula in its place. The cell, for its style to be set."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def save_workbook(wb: Workbook, path: str | Path,
                  made: Callable[[str], None] | None = None) -> Path:
    """Save an openpyxl workbook atomically. Made in memory, then written: a full disk
    then fails this write, not openpyxl's zip file, which would complain once more,
    with a traceback, when it is collected. ``made`` is told the SHA-256 of the bytes
    before they are put in place (a merge remembers its feedback by content first: one
    killed between the two leaves no workbook of its own it does not know)."""
    data = io.BytesIO()
    wb.save(data)
    if made is not None:
        made(hashlib.sha256(data.getbuffer()).hexdigest())
    return atomic_write(path, lambda tmp: tmp.write_bytes(data.getvalue()))




def to_date(value: object, *, date_formatted: bool = True,
            epoch: datetime = WINDOWS_EPOCH) -> date | None:
    """A cell value as a date: a real date, an Excel serial, or text dd/mm/yyyy or ISO.

    Returns None when the value is not a date. ``date_formatted`` says whether a
    bare number may be read as an Excel serial (only when the cell had a number
    format that is not a date format would one be sent as a plain number); ``epoch``
    is the workbook's day 0 (a workbook in the 1904 date system, made on a Mac,
    counts its serials 1462 days later than one from Windows).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if date_formatted and 20000 < value < 80000:
            converted = from_excel(value, epoch)
            return converted.date() if isinstance(converted, datetime) else converted
        return None
    text = str(value)
    m = DMY_TEXT.match(text)
    if m:
        d, mo, y = (int(x) for x in m.groups())
    else:
        m = YMD_TEXT.match(text)
        if not m:
            return None
        y, mo, d = (int(x) for x in (m.group(1, 2, 3) if m[1] else m.group(4, 6, 7)))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def vn_date(day: date | None) -> str:
    """dd/mm/yyyy, the way Vietnamese documents write a date."""
    return day.strftime("%d/%m/%Y") if day else ""


def shown_value(value: object) -> str:
    """A cell's value as a message quotes it, the way Excel shows it to the unit: a date
    dd/mm/yyyy (with its time if it has one), a time HH:MM, a whole number without
    ".0"; anything else as one line of text."""
    if isinstance(value, datetime):
        return vn_date(value) + ("" if value.time() == time() else value.strftime(" %H:%M"))
    if isinstance(value, date):
        return vn_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return one_line(value)


def parse_time(text: str | None) -> datetime | None:
    """A moment as the ledger stores it (ISO 8601), None for none or a bad one."""
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def vn_time(text: str | None) -> str:
    """A moment the ledger stores (ISO 8601) as dd/mm/yyyy HH:MM; "" for none."""
    moment = parse_time(text)
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""


CELL_TEXT_MAX = 32767  # characters Excel keeps in one cell
_CUT_MARK = " … [cắt bớt: một ô Excel chứa tối đa 32.767 ký tự]"


def fit_cell(text: str) -> str:
    """Text that fits one Excel cell; a longer text is cut visibly, never silently."""
    if len(text) <= CELL_TEXT_MAX:
        return text
    return text[: CELL_TEXT_MAX - len(_CUT_MARK)].rstrip() + _CUT_MARK


def header_map(
    cells: list[object], columns: dict[str, tuple[str, ...]]
) -> dict[str, int]:
    """Which 0-based column holds each field, matching header texts by their match key.

    ``columns`` maps a field to the header spellings it accepts.
    """
    from .text import match_key

    wanted = {match_key(s): name for name, spellings in columns.items() for s in spellings}
    found: dict[str, int] = {}
    for i, value in enumerate(cells):
        name = wanted.get(match_key(value)) if value is not None else None
        if name and name not in found:
            found[name] = i
    return found


def find_header(
    rows: list[tuple], columns: dict[str, tuple[str, ...]], key_field: str
) -> tuple[int, dict[str, int]] | None:
    """The first row (0-based) whose cells name ``key_field``, with its column map."""
    for r, cells in enumerate(rows):
        found = header_map(list(cells), columns)
        if key_field in found:
            return r, found
    return None
