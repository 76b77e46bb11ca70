"""How much of a returned file cchc-xl is willing to read, and the check made
before parsing one.

A returned workbook is untrusted input: a careless user drags a column down to
row 1,048,576, pastes a note millions of characters long, or a file is built to
explode when unzipped. Every limit lives here, sized from real returns with a
wide margin. Measured on the bundled returns and split outputs (121 files, both
seed plans): at most 21 parts, 11 sheets, 113 KB unzipped in total, 19 KB in
the largest part, a compression ratio of 7.5. A unit of a national plan with
10,000 rows makes a sheet of a few MB. The limits below are hundreds of times
that; the file with a status column dragged to the last row of Excel (a real
careless file, a sheet of about 60 MB) still passes, and is read up to its last
task row (:data:`ROW_MARGIN`).

The check reads only the zip's central directory (names and sizes, no
decompression). Python's zipfile never inflates a part beyond the size the
directory declares, so the declared sizes bound what is read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import WorkbookError
from .text import vn_number

MB = 1 << 20

# The file itself: returns are 20-100 KB; 10,000 rows make a few MB.
MAX_FILE_BYTES = 64 * MB
# Parts (files inside the zip) and worksheets: returns have about 20 parts and 10 sheets.
MAX_PARTS = 2000
MAX_SHEETS = 250
# A worksheet is streamed and left once past its task rows: it may be large.
MAX_SHEET_BYTES = 256 * MB
# Every other part (shared strings, styles, workbook...) is loaded whole by the reader.
MAX_PART_BYTES = 32 * MB
# All parts together, unzipped.
MAX_TOTAL_BYTES = 512 * MB
# Unzipped/zipped size of a part over RATIO_FROM bytes: XML compresses 5-15 times,
# padding and zip bombs hundreds or thousands of times.
MAX_RATIO = 100
RATIO_FROM = 1 * MB

# Entries in the directory of any zip looked into (a return has about 20 parts; a zip
# of returns at most MAX_BUNDLE_FILES files, with its folders and macOS's copies):
# more, and the directory is not read (600,000 entries took 600 MB to list).
MAX_ZIP_ENTRIES = 20_000

# Rows a unit may be given, when the plan is not known (merge passes the plan's own).
MAX_TASK_ROWS = 20000
# Rows read past a sheet's last row with a task id (and past the largest assignment
# of the plan): room for rows a unit inserted; a column dragged further is not read.
ROW_MARGIN = 50
# Rows looked at past those read for a task row the unit copied there (its id and
# answers; at most ROW_MARGIN of them): read, it is judged with the row in its place
# (row-duplicate), not dropped. Content further down is not seen.
COPY_SCAN_ROWS = 1000
# Rows a sheet may reach to be read whole (openpyxl, every cell an object: the plan, an
# office's own plan table, a return made into its feedback copy): a national plan's
# units sheet has about 3,500 rows, an area's tasks a few hundred.
MAX_WHOLE_ROWS = 20000
# Columns read in each row (a unit's sheet has 12).
MAX_COLUMNS = 64
# Merged ranges of a sheet looked at (a split's task sheet has one per task and product
# of many rows; a unit that merges input cells, a few more).
MAX_MERGED = 10_000

# A zip of returns (cchc_xl.intake.bundles): its files, each at most MAX_FILE_BYTES, and their
# total unzipped. A national plan's 2,000 returns of 20-100 KB are about 200 MB.
MAX_BUNDLE_FILES = 5000
MAX_BUNDLE_BYTES = 2048 * MB

# A split's manifest.json given among the returns (about 300 bytes per unit: 20,000
# units in 6 MB); a larger file of that name is not read for the hashes it lists.
MAX_MANIFEST_BYTES = 16 * MB

# A backup checked (cchc_xl.backup_check.check_backup, a ZIP from a USB stick or a mail): a
# national plan's year (2,000 units, four periods, returns, their archive and feedback
# copies) is about 30,000 files of a few GB; its manifest about 150 bytes a file.
MAX_BACKUP_FILES = 200_000
MAX_BACKUP_MANIFEST_BYTES = 64 * MB
MAX_BACKUP_BYTES = 64 * 1024 * MB  # unzipped, all files: what is hashed to check them

# A file is opened whole (not streamed) only to write its feedback copy.
EDIT_MAX_BYTES = 32 * MB

# A plan kept as a PDF (cchc_xl.plan_import.pdf_bounds), checked before pdfminer, which
# has no limits, reads it. Measured on LibreOffice's PDFs of the seed plans (8 pages):
# 44 objects, streams of at most 30 KB inflated (170 KB in all), a page's content 15 KB,
# 2,100 characters and 40 lines and boxes; pdfminer runs about 0.5 MB of content a
# second, and pdfplumber finds the tables among 20,000 boxes in a second.
# A plan with its appendices is tens of pages; a province's with its communes a hundred.
MAX_PDF_PAGES = 200
MAX_PDF_OBJECTS = 100_000
# One stream inflated (a font embedded whole is a few MB), and all of them together.
MAX_PDF_STREAM_BYTES = 32 * MB
MAX_PDF_TOTAL_BYTES = 256 * MB
# What pdfminer's own RC4 deciphering may be given for one file (plan_import.pdf_rc4: an
# old "protected" PDF whose key length cryptography's ARC4 does not take, 48 to 80 bits,
# which no common writer makes). It slows as the square of a stream's length: 256 KB took
# 1.4 s, 512 KB 6.8 s, 2 MB 267 s. A one-page plan's PDF is 30-70 KB.
MAX_PDF_SLOW_RC4_BYTES = MB // 4
# What one page runs (its content and the forms it draws), and draws: characters, and
# lines, boxes, forms and images.
MAX_PDF_PAGE_CONTENT = 4 * MB
MAX_PDF_PAGE_CHARS = 50_000
MAX_PDF_PAGE_DRAWINGS = 20_000
# A tagged PDF's structure tree (plan_import.pdf_tags), walked for its paragraphs:
# elements and marked-content references, and how deep. The seed plans' (LibreOffice,
# 8 pages): 715 elements and 726 references, 4 deep. Past either, the tree is ignored.
MAX_PDF_TAGS = 200_000
MAX_PDF_TAG_DEPTH = 100

# One file (a return merged, a plan's PDF imported) is read in a worker process with
# this much address space and time.
READ_MEMORY_BYTES = 1024 * MB
READ_SECONDS = 120

_TOO_BIG_HINT = ("xóa các dòng, cột thừa ở cuối trang tính hoặc chép phần có nội dung sang "
                 "tệp được giao, lưu rồi gửi lại")
_TOO_MANY_SHEETS_HINT = ("xóa các trang tính thừa (chỉ giữ các trang của tệp được giao), hoặc "
                         "chép phần có nội dung sang tệp được giao, lưu rồi gửi lại")


def size_text(n: int) -> str:
    """A size in bytes as people read it ("1,5 MB", "30 MB")."""
    if n < 1024:
        return f"{n} byte"
    unit, size = next(((u, s) for u, s in (("GB", 1 << 30), ("MB", MB)) if n >= s),
                      ("KB", 1024))
    return f"{vn_number(n / size, 1).removesuffix(',0')} {unit}"


def _is_sheet(name: str) -> bool:
    return name.startswith(("xl/worksheets/", "xl/chartsheets/")) and name.endswith(".xml")


def ratio_over(member: zipfile.ZipInfo) -> int | None:
    """How many times a zip member unzips to its zipped size, when that is over
    :data:`MAX_RATIO` for a member over :data:`RATIO_FROM` (a bomb); None otherwise."""
    if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(
            member.compress_size, 1):
        return member.file_size // max(member.compress_size, 1)
    return None


def check_package(path: Path, zf: zipfile.ZipFile | None = None,
                  hint: str = _TOO_BIG_HINT) -> WorkbookError | None:
    """Why an xlsx is too large or too strange to parse safely, or None.

    Looks at the file size and the zip directory only: part count, sheet count,
    each part's unzipped size and compression ratio, and the total. ``hint`` says what
    to do (by default, to a unit about its return).
    """
    path = Path(path)

    def refuse(message: str, sheets: bool = False) -> WorkbookError:
        # Too many sheets: a unit's return is told to delete sheets, not rows.
        return WorkbookError(message, file=str(path), hint=_TOO_MANY_SHEETS_HINT
                             if sheets and hint == _TOO_BIG_HINT else hint)

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return refuse(f"tệp quá lớn ({size_text(size)}, giới hạn {size_text(MAX_FILE_BYTES)})")
    if zf is not None:  # opened already (intake.read_return), its directory read
        parts = zf.infolist()
    else:
        try:
            with zipfile.ZipFile(path) as opened:
                parts = opened.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None  # the reader says it is damaged, with its own message
    if len(parts) > MAX_PARTS:
        return refuse(f"tệp có {vn_number(len(parts))} phần nén (giới hạn "
                      f"{vn_number(MAX_PARTS)}): không phải bảng tính bình thường")
    sheets = sum(1 for p in parts if _is_sheet(p.filename))
    if sheets > MAX_SHEETS:
        return refuse(f"tệp có {vn_number(sheets)} trang tính (giới hạn {MAX_SHEETS})",
                      sheets=True)
    total = 0
    for part in parts:
        total += part.file_size
        limit = MAX_SHEET_BYTES if _is_sheet(part.filename) else MAX_PART_BYTES
        if part.file_size > limit:
            why = ("trang tính bị kéo định dạng hoặc dữ liệu xuống quá xa, hoặc có ô chứa "
                   "nội dung quá dài") if _is_sheet(part.filename) else "nội dung lớn bất thường"
            return refuse(f"phần '{part.filename}' khi giải nén lớn "
                          f"{size_text(part.file_size)} (giới hạn {size_text(limit)}): {why}")
        ratio = ratio_over(part)
        if ratio is not None:
            return refuse(f"phần '{part.filename}' nén {vn_number(ratio)} lần "
                          f"({size_text(part.compress_size)} thành "
                          f"{size_text(part.file_size)}, giới "
                          f"hạn {MAX_RATIO} lần): nội dung lặp lại bất thường (ô hoặc dòng "
                          "đệm rỗng)")
    if total > MAX_TOTAL_BYTES:
        return refuse(f"tệp khi giải nén lớn {size_text(total)} (giới hạn "
                      f"{size_text(MAX_TOTAL_BYTES)})")
    return None


TRIM_HINT = ("xóa các dòng thừa ở cuối trang tính (chọn từ dòng trống đầu tiên đến dòng cuối, "
             "Xóa dòng / Delete rows) rồi lưu lại")


def whole_refusal(path: Path) -> WorkbookError | None:
    """Why an xlsx is too large to be read whole, or None. openpyxl makes an object of
    every cell (a column dragged to Excel's last row took 2 GB): the package is checked
    (:func:`check_package`), then how far down each sheet reaches,
    scanned without parsing (:data:`MAX_WHOLE_ROWS`)."""
    from .fast import reader as fast_reader  # it reads within these bounds
    from .fast import scans

    refused = check_package(path, hint=TRIM_HINT)
    if refused is not None:
        return refused
    try:
        reaches = scans.last_rows(path)
    except fast_reader.Unrecognised:
        return None  # neither reader lists its sheets: openpyxl says what is wrong
    for title, last in reaches.items():
        if last > MAX_WHOLE_ROWS:
            return WorkbookError(
                f"trang tính có dòng đến số {vn_number(last)} (giới hạn "
                f"{vn_number(MAX_WHOLE_ROWS)} dòng): thường do kéo giá trị, công thức "
                "hoặc định dạng xuống quá xa", file=str(path), sheet=title, hint=TRIM_HINT)
    return None


def fits_in_memory(path: Path) -> bool:
    """True when an xlsx is small enough to open whole (to edit it, not stream it)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return sum(p.file_size for p in zf.infolist()) <= EDIT_MAX_BYTES
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
