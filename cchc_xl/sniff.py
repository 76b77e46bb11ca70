"""What a file really is, by its bytes: a workbook, or what units send instead of one
(a PDF, a photo, a Word file, an old .xls, an archive), told before any reader opens it,
and what to say about each. Only a plain file is opened (:func:`open_plain`)."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from . import bounds
from .office_ui import (
    EXCEL_PASSWORD,
    EXCEL_STRICT_TYPE,
    EXCEL_XLSX_TYPE,
    LO_PASSWORD_BOX,
    LO_SAVE_AS,
    LO_XLSX_TYPE,
    MS_SAVE_AS,
)
from .text import vn_number

NOT_PLAIN = "not a plain file"  # the OSError's words for one (:func:`open_plain`)
# A named pipe, a device or a socket: opening one to read may wait for ever.
NOT_A_FILE = "không phải tệp thông thường (ống dẫn, thiết bị hoặc socket): không đọc"


def open_plain(path: str | Path, *, follow: bool = True) -> BinaryIO:
    """``path`` opened for reading if it is a plain file; OSError otherwise, without
    waiting on a named pipe for a writer (``follow=False``: nor following a link, where
    the system can refuse to: a backup's files)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags if follow else flags | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, NOT_PLAIN, str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# First bytes of what units send instead of their workbook: a photo or scan of the
# paper (JPEG, PNG, GIF, TIFF, BMP; a phone's HEIC), a RAR or 7-Zip archive.
_IMAGE_STARTS = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"II*\x00", b"MM\x00*")
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1")
_ARCHIVE_STARTS = {"rar": b"Rar!\x1a\x07", "7z": b"7z\xbc\xaf\x27\x1c"}


def sniff_format(path: Path) -> str:
    """What a file really is, by its first bytes: xlsx, docx, ole2 (.xls, .doc), ods, odt
    (LibreOffice Writer's text), pdf, image (a photo or scan), rar, 7z, text, empty,
    corrupt, xlsb (Excel's binary workbook), strict (an xlsx saved as Strict Open XML),
    package (an Office file without its main part), zip."""
    kind, zf = sniff_open(path)
    if zf is not None:
        zf.close()
    return kind


def sniff_open(path: Path) -> tuple[str, zipfile.ZipFile | None]:
    """:func:`sniff_format`, and for a zip package (xlsx, docx, ods, odt, zip) the ZipFile it
    opened to look inside, still open: the caller reads on from it and closes it."""
    with open_plain(path) as fh:  # a named pipe: OSError, never a wait for a writer
        sample = fh.read(_SAMPLE_BYTES)
        head = sample[:12]
        crowded = head.startswith(b"PK") and zip_entries(fh) > bounds.MAX_ZIP_ENTRIES
    if not head:
        return "empty", None
    if head.startswith(b"%PDF"):
        return "pdf", None
    if head.startswith(_IMAGE_STARTS) or (head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS) \
            or (head.startswith(b"BM") and head[6:10] == b"\0\0\0\0"):  # BMP: reserved 0s
        return "image", None
    for kind, start in _ARCHIVE_STARTS.items():
        if head.startswith(start):
            return kind, None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # OLE2: an old .xls, or an encrypted xlsx (Excel wraps those in OLE2 too).
        return "ole2", None
    if not head.startswith(b"PK"):
        # Text (a CSV, a page saved as .xls), or bytes that are nothing: a damaged file.
        return ("text" if _is_text(sample) else "corrupt"), None
    if crowded:
        return "crowded", None  # its directory alone would fill the memory
    zf = None
    try:
        zf = zipfile.ZipFile(path)
        names = zf.NameToInfo
        if "mimetype" in names and b"opendocument" in (mime := _head_of(zf, "mimetype")):
            # A text (.odt, its templates) is a document, as a .docx is: what a unit
            # sends instead of its workbook, or a plan to import; never converted as a
            # spreadsheet (LibreOffice fails, and said "tệp LibreOffice (.ods)" of it).
            return ("odt" if _ODF_TEXT in mime else "ods"), zf
        if "xl/workbook.xml" in names:
            return ("strict" if _is_strict(zf) else "xlsx"), zf
        if "word/document.xml" in names:
            return "docx", zf
        if "xl/workbook.bin" in names:
            return "xlsb", zf
        if "[Content_Types].xml" in names:
            return "package", zf
        return "zip", zf
    except zipfile.BadZipFile:
        if zf is not None:
            zf.close()
        return "corrupt", None
    except BaseException:
        if zf is not None:
            zf.close()
        raise


_SAMPLE_BYTES = 512  # read to tell text from bytes that are nothing
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-8, UTF-16 (Excel's "Unicode text")
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0c")


def _is_text(sample: bytes) -> bool:
    """Whether a file's first bytes are text: a byte-order mark, or no NUL and few
    control characters (random bytes hold about one in nine)."""
    if sample.startswith(_BOMS):
        return True
    if b"\x00" in sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls <= len(sample) // 50


def zip_entries(fh: BinaryIO) -> int:
    """How many entries a zip's end record says its directory holds (zip64 included),
    read from its last bytes without reading the directory; 0 when there is no end
    record (the zip reader then says the file is damaged)."""
    try:
        end = zipfile._EndRecData(fh)  # the reader's own: one reading of the format
    except OSError:
        return 0
    return end[zipfile._ECD_ENTRIES_TOTAL] if end else 0


def _is_strict(zf: zipfile.ZipFile) -> bool:
    """Whether a workbook was saved as "Strict Open XML" (Excel's Save As offers it):
    its parts' namespaces are others, so a reader of ordinary .xlsx finds no cells in
    it and would take a filled return for an empty one."""
    return _STRICT_NAMESPACE in _head_of(zf, "xl/workbook.xml")


def _head_of(zf: zipfile.ZipFile, name: str) -> bytes:
    """The first bytes of a part, unzipped only that far (a part may unzip to
    gigabytes); b"" for one that cannot be read (the reader says it is damaged)."""
    try:
        with zf.open(name) as part:
            return part.read(_HEAD_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return b""


_STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"  # and -template, -master
_OLE_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_ODF_ENCRYPTED = b"encryption-data"  # manifest:encryption-data, on each encrypted part
_MANIFEST_BYTES = 1 << 20  # a manifest lists the parts: far smaller than this


def is_encrypted(path: Path, kind: str) -> bool:
    """Whether a file of this sniffed ``kind`` is password-protected: an OLE2 file (an
    xlsx with "Encrypt with Password"), or an .ods saved with LibreOffice's "Save with
    password" (a zip whose manifest gives its parts' encryption): either is refused as
    protected, not converted and called damaged."""
    if kind == "ole2":
        return is_encrypted_ole(path)
    if kind == "ods":
        try:
            with zipfile.ZipFile(path) as zf, zf.open("META-INF/manifest.xml") as part:
                return _ODF_ENCRYPTED in part.read(_MANIFEST_BYTES)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError,
                EOFError):
            return False  # no manifest to say so: converting it says what is wrong
    return False


def is_encrypted_ole(path: Path) -> bool:
    """An OLE2 file holding an EncryptionInfo stream is a password-protected xlsx (or
    docx); an old .xls whose workbook stream opens with a FILEPASS record (its "Password
    to open", as Excel, WPS or LibreOffice write it) is one too. Read a block at a time
    (an old .xls may be large): memory bounded."""
    carried = b""  # the end of the block before: the name may straddle two blocks
    with open_plain(path) as fh:
        while block := fh.read(1 << 20):
            if _OLE_ENCRYPTED in block or _OLE_ENCRYPTED in carried + block[:len(carried)]:
                return True
            if _xls_filepass(block):
                return True
            carried = block[-len(_OLE_ENCRYPTED):]
    return False


def _xls_filepass(block: bytes) -> bool:
    """Whether ``block`` holds the start of an .xls workbook stream (the BOF record of
    its globals, always at a sector's start: never across two blocks) followed at once
    by FILEPASS, the record saying the rest is encrypted."""
    at = block.find(_XLS_GLOBALS_BOF)
    while at >= 0:
        if block[at + _BOF_SIZE:at + _BOF_SIZE + 2] == _XLS_FILEPASS:
            return True
        at = block.find(_XLS_GLOBALS_BOF, at + 1)
    return False


_XLS_GLOBALS_BOF = b"\x09\x08\x10\x00\x00\x06\x05\x00"  # BOF, 16 bytes, BIFF8, globals
_BOF_SIZE = 4 + 16  # its header and data
_XLS_FILEPASS = b"\x2f\x00"
_HEAD_BYTES = 2048  # of a part, enough for its root element (or mimetype)

FORMAT_MESSAGES = {
    "empty": "tệp rỗng (0 byte)",
    "pdf": "đây là tệp PDF, không phải bảng tính Excel",
    "image": "đây là ảnh (ảnh chụp hoặc bản quét), không phải bảng tính Excel",
    "ole2": "tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu mở",
    "encrypted": "tệp có đặt mật khẩu mở, không đọc được",  # see is_encrypted
    "ods": "tệp LibreOffice (.ods)",
    "xlsb": "tệp Excel dạng nhị phân (.xlsb), cchc-xl chỉ đọc được .xlsx",
    "strict": "tệp Excel lưu dạng 'Strict Open XML', cchc-xl chỉ đọc được dạng .xlsx thông "
              "thường",
    # Not "không giải nén được" (cannot be unzipped): nobody sees an .xlsx as a zip.
    "corrupt": "tệp bị hỏng, không mở được",
    "package": "tệp Office bị hỏng (thiếu phần chính) hoặc không phải bảng tính Excel",
    "zip": "tệp nén không có bảng tính Excel bên trong",
    "crowded": f"tệp nén có hơn {vn_number(bounds.MAX_ZIP_ENTRIES)} phần, không phải bảng "
               "tính hay tệp nén các bảng tính bình thường",
    "rar": "tệp nén RAR, không phải bảng tính Excel",
    "7z": "tệp nén 7-Zip, không phải bảng tính Excel",
    "docx": "đây là tệp Word (.docx), không phải bảng tính Excel",
    "odt": "đây là văn bản LibreOffice Writer (.odt), không phải bảng tính Excel",
    "text": "tệp văn bản (CSV hoặc khác), không phải bảng tính Excel",
}
FORMAT_HINT = "mở tệp trong Excel hoặc LibreOffice và lưu lại dưới dạng Excel (.xlsx) rồi gửi lại"
# What to do when saving the file again as .xlsx cannot help.
_REFILL_HINT = ("điền kết quả vào tệp Excel được giao rồi gửi lại chính tệp đó, không gửi bản "
                "PDF, Word hay ảnh chụp")  # said in brackets: none of its own inside
_UNPACK_HINT = ("giải nén rồi gửi (hoặc chọn) từng tệp Excel bên trong, hoặc nén lại thành "
                "tệp .zip")
# Saving again as a plain .xlsx in Excel (office_ui: the names its interface shows).
_EXCEL_RESAVE = f"mở tệp trong Excel, chọn {MS_SAVE_AS}, kiểu tệp {EXCEL_XLSX_TYPE}"
_NOT_STRICT = f"không chọn '{EXCEL_STRICT_TYPE}'"
STRICT_HINT = f"{_EXCEL_RESAVE}, {_NOT_STRICT}, rồi gửi lại"
# A file of 0 bytes: saving it again cannot help; the copy, download or sending failed.
EMPTY_HINT = ("tệp có thể bị hỏng khi chép, tải về hoặc gửi qua Zalo, thư điện tử: gửi "
              "hoặc chép lại tệp gốc")
# A workbook with a password to open (open_workbook tells it from an old .xls).
# LibreOffice sets and clears it in the Save As dialog (a commune's computers may have
# no Excel).
_PASSWORD_STEPS = (f"mở tệp bằng mật khẩu trong Excel, xóa mật khẩu ở {EXCEL_PASSWORD}, lưu "
                   f"lại; trong LibreOffice: {LO_SAVE_AS}, bỏ chọn ô '{LO_PASSWORD_BOX}', lưu")
PASSWORD_HINT = f"gỡ mật khẩu ({_PASSWORD_STEPS}) rồi gửi lại"
# A damaged workbook (a file cut short in a download or a message, most often): saving it
# again cannot help where it was cut; the unit's own copy, sent again, can (a QA pass: a
# file cut in half was answered "mở tệp trong Excel... lưu lại", which Excel cannot open).
CORRUPT_HINT = (f"{EMPTY_HINT}; tệp gốc mở được trong Excel mà vẫn bị báo hỏng thì "
                f"{FORMAT_HINT}")
FORMAT_HINTS = {"corrupt": CORRUPT_HINT, "encrypted": PASSWORD_HINT, "pdf": _REFILL_HINT,
                "image": _REFILL_HINT, "docx": _REFILL_HINT, "odt": _REFILL_HINT,
                "zip": _REFILL_HINT, "package": _REFILL_HINT, "rar": _UNPACK_HINT,
                "7z": _UNPACK_HINT, "strict": STRICT_HINT, "empty": EMPTY_HINT}


# Said to the office when its own plan (the master) is not a workbook: a unit's advice
# (fill the workbook you were given) would be wrong.
MASTER_FORMAT_HINT = ("bảng kế hoạch phải là tệp Excel (.xlsx) theo mẫu; văn bản kế hoạch "
                      "(Word, Excel tự soạn) thì nhập bằng lệnh 'cchc-xl import' để tạo bảng")
# What to do, per kind, when the plan is a workbook in another format, locked or damaged:
# saving it again as .xlsx, not importing it (the office's own plan, not a unit's return).
# The office's own workbooks (the plan, a consolidated workbook typed into) saved by
# Excel or LibreOffice in a kind cchc-xl does not read: saved again as a plain .xlsx.
RESAVED = ("ole2", "ods", "xlsb", "strict")
OWN_PASSWORD_HINT = f"gỡ mật khẩu ({_PASSWORD_STEPS}) rồi chạy lại"


def resaved_said(kind: str) -> str:
    """A workbook of a ``kind`` of :data:`RESAVED` with no password (an .xls is told
    apart from one), as the office is told what it is: "tệp Excel cũ (.xls)"."""
    return "tệp Excel cũ (.xls)" if kind == "ole2" else FORMAT_MESSAGES[kind]


def resave_hint(kind: str, then: str = "chạy lại với tệp .xlsx đó") -> str:
    """What the office does with its own workbook of a ``kind`` of :data:`RESAVED`: save
    it again as .xlsx in Excel or LibreOffice, then ``then``."""
    strict = f", {_NOT_STRICT}" if kind == "strict" else ""
    return (f"{_EXCEL_RESAVE}{strict}, hoặc trong LibreOffice, chọn {LO_SAVE_AS}, kiểu tệp "
            f"'{LO_XLSX_TYPE}', rồi {then}")


MASTER_FORMAT_HINTS = {
    **{kind: MASTER_FORMAT_HINT for kind in FORMAT_MESSAGES},
    **{kind: resave_hint(kind) for kind in RESAVED},
    "empty": "tệp có thể bị hỏng khi chép hoặc tải về: chép lại bảng kế hoạch từ tệp gốc",
    "encrypted": OWN_PASSWORD_HINT,
}
