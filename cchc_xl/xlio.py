"""Workbook I/O shared by every step: opening with clear errors, atomic writes,
reading dates from cells.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import from_excel

from .errors import FILE_LOCKED_HINT, OutputError, UsageError, WorkbookError

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?\s*$")


def sniff_format(path: Path) -> str:
    """What a file really is, by its first bytes: xlsx, docx, ole2 (.xls, .doc), ods, pdf,
    text, empty, corrupt, zip."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        return "empty"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # OLE2: an old .xls, or an encrypted xlsx (Excel wraps those in OLE2 too).
        return "ole2"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
                    return "ods"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "word/document.xml" in names:
                    return "docx"
        except zipfile.BadZipFile:
            return "corrupt"
        return "zip"
    return "text"


_FORMAT_MESSAGES = {
    "empty": "tệp rỗng (0 byte)",
    "pdf": "đây là tệp PDF, không phải bảng tính Excel",
    "ole2": "tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu mở",
    "ods": "tệp LibreOffice (.ods)",
    "corrupt": "tệp bị hỏng, không giải nén được",
    "zip": "tệp nén nhưng không phải bảng tính Excel",
    "docx": "đây là tệp Word (.docx), không phải bảng tính Excel",
    "text": "tệp văn bản (CSV hoặc khác), không phải bảng tính Excel",
}
_FORMAT_HINT = "mở tệp trong Excel hoặc LibreOffice và lưu lại dưới dạng Excel (.xlsx) rồi gửi lại"


def open_workbook(path: str | Path, *, read_only: bool = False, data_only: bool = True):
    """Open an xlsx with openpyxl, turning every failure into a WorkbookError."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError("không tìm thấy tệp", file=str(path))
    if path.is_dir():
        raise WorkbookError("đây là thư mục, cần một tệp .xlsx", file=str(path))
    kind = sniff_format(path)
    if kind != "xlsx":
        raise WorkbookError(_FORMAT_MESSAGES.get(kind, "không đọc được tệp"), file=str(path),
                            hint=_FORMAT_HINT)
    try:
        return load_workbook(path, read_only=read_only, data_only=data_only)
    except PermissionError as exc:
        raise WorkbookError("không có quyền đọc tệp", file=str(path),
                            hint=FILE_LOCKED_HINT) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise WorkbookError(
            f"tệp Excel bị hỏng hoặc không đúng định dạng ({type(exc).__name__})",
            file=str(path),
            hint=_FORMAT_HINT,
        ) from exc


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (returned workbooks can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def output_path(path: str | Path, suffixes: tuple[str, ...], what: str) -> Path:
    """An output file named as the user asked, or a UsageError saying what is wrong."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"tệp {what} phải có đuôi {' hoặc '.join(suffixes)}", file=str(path))
    if path.is_dir():
        raise UsageError(f"đây là thư mục, cần tên một tệp {suffixes[0]}", file=str(path))
    return path


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` then move tmp over ``path``: a reader never sees half a file.

    A place that cannot be written (no permission, a file where a folder should be,
    the target open in Excel on Windows) raises OutputError, never a traceback.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError("đây là thư mục, cần đường dẫn tệp", file=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"không tạo được tệp ({exc.strerror or exc})", file=str(path),
                          hint="chọn thư mục khác có quyền ghi") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); outputs are shared documents, so give
    # them the permissions a plainly created file would have.
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)
    try:
        write(tmp)
        os.replace(tmp, path)
    except PermissionError as exc:
        raise OutputError("không ghi được tệp", file=str(path), hint=FILE_LOCKED_HINT) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save an openpyxl workbook atomically."""
    return atomic_write(path, wb.save)


@contextmanager
def closing_workbook(wb):
    try:
        yield wb
    finally:
        close = getattr(wb, "close", None)
        if close:
            close()


def to_date(value: object, *, date_formatted: bool = True) -> date | None:
    """A cell value as a date: a real date, an Excel serial, or text dd/mm/yyyy or ISO.

    Returns None when the value is not a date. ``date_formatted`` says whether a
    bare number may be read as an Excel serial (only when the cell had a number
    format that is not a date format would one be sent as a plain number).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if date_formatted and 20000 < value < 80000:
            converted = from_excel(value)
            return converted.date() if isinstance(converted, datetime) else converted
        return None
    text = str(value)
    m = _DMY.match(text)
    if m:
        d, mo, y = (int(x) for x in m.groups())
    else:
        m = _ISO.match(text)
        if not m:
            return None
        y, mo, d = (int(x) for x in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def vn_date(day: date | None) -> str:
    """dd/mm/yyyy, the way Vietnamese documents write a date."""
    return day.strftime("%d/%m/%Y") if day else ""


CELL_TEXT_MAX = 32767  # characters Excel keeps in one cell
_CUT_MARK = " … [cắt bớt: một ô Excel chứa tối đa 32.767 ký tự]"


def fit_cell(text: str) -> str:
    """Text that fits one Excel cell; a longer text is cut visibly, never silently."""
    if len(text) <= CELL_TEXT_MAX:
        return text
    return text[: CELL_TEXT_MAX - len(_CUT_MARK)].rstrip() + _CUT_MARK


_FORBIDDEN_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")
SHEET_NAME_MAX = 31


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no ``\\ / ? * [ ] :``, at most 31 characters.

    ``taken`` holds the casefolded names already used (Excel ignores case) and is
    updated.
    """
    base = _FORBIDDEN_SHEET_CHARS.sub("-", name).strip().strip("'") or "Trang"
    base = base[:SHEET_NAME_MAX].rstrip()
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    taken.add(candidate.casefold())
    return candidate


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
