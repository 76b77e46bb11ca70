"""Zip files of returns: a mail's "download all attachments", a unit sending several
files at once. The files inside are taken as if each had been given on its own.

A bundle is a zip that is not itself an Office document and holds at least one
spreadsheet (.xlsx, .xlsm, .xls, .ods) or zip (told why it is not unpacked), named .zip
or anything but a workbook's or a document's name (a suffix lost on the way). Merge
unpacks it into the ledger's archive, under ``tep-nen/<zip name>-<hash>/``, and reads
what it finds there as returns, each with its own verdict (a PDF inside is rejected as
a PDF given alone would be). The folder keeps the zip's name, so a problem's file path
says which zip it came from.

A bundle is untrusted input, like a return: its zip directory is checked before
anything is written (number of files, each file's size and compression ratio, the
total, :mod:`cchc_xl.bounds`), only the last part of each name is used (a name
cannot climb out of the folder), nothing is unpacked from a zip inside the zip,
and the files written are never more readable than the zip. Python's zipfile never
inflates a member beyond the size its directory declares.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import bounds
from ..errors import WorkbookError
from ..sniff import sniff_open, zip_entries
from ..text import slug, vn_number, without_bidi
from ..xlio import atomic_write, file_sha256, unreadable
from .collect import Skipped, listing_key, skip_reason

BUNDLE_FOLDER = "tep-nen"  # inside the archive: its other folders are two hex digits
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Names that are never looked into as bundles (a zip of returns is named .zip, or has
# lost its suffix on the way: such a file is looked into by its content).
_NOT_BUNDLES = (*SPREADSHEET_SUFFIXES, ".docx", ".doc", ".pdf", ".csv", ".txt")
_UTF8_FLAG = 0x800  # general purpose bit 11: the name is UTF-8
_MAC_FORKS = "__MACOSX/"  # macOS zips carry a resource fork of every file in it
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
# A file name's bytes (most systems allow 255; room for " (2)" and a temporary prefix).
_NAME_BYTES = 200
# Windows' device names (as Python 3.13's os.path.isreserved lists them): a file so named,
# whatever its suffix, is the device ("COM¹.xlsx" with a superscript one too).
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            *(f"{port}{n}" for port in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3")}
_HINT = "giải nén tệp và gửi (hoặc chọn) từng tệp bảng tính bên trong"


@dataclass
class Unpacked:
    """One bundle unpacked: the files written and the members not taken with the
    reason (folders are not listed), both in name order as a folder's files."""

    bundle: Path
    folder: Path
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Each file written -> its name in the zip, folders included ("Thư đến/Xã/a.xlsx"):
    # two members of one name in two folders are written "a.xlsx", "a (2).xlsx".
    members: dict[Path, str] = field(default_factory=dict)

    @property
    def told(self) -> str:
        """What became of the bundle, in a sentence."""
        return f"{vn_number(len(self.files))} tệp bên trong được gộp riêng"

    def as_dict(self) -> dict[str, object]:
        return {"path": str(self.bundle), "folder": str(self.folder),
                "files": [str(f) for f in self.files]}


def bundle_members(path: Path) -> list[zipfile.ZipInfo] | None:
    """The members of ``path`` when it is a bundle of returns, else None (a workbook, a
    document, a zip of anything else, a file that is no zip)."""
    try:
        kind, zf = sniff_open(path)
    except OSError:
        return None
    if zf is None:
        return None
    with zf:
        if kind != "zip":
            return None  # an Office package, even a damaged one: the reader judges it
        members = zf.infolist()
    for member in members:  # opening a member checks its header against orig_filename
        member.filename = _as_meant(member)
    # In name order, as the same files in a folder are read and listed (a zip keeps the
    # order they were added in: a lock file or a PDF came first, a unit's copies crossed).
    members.sort(key=lambda m: listing_key(m.filename))
    # A zip that holds only a zip of returns is a bundle too: it is told why its zip is
    # not unpacked, not that it holds no spreadsheet.
    if not any(_is_spreadsheet(m) or _is_zip(m) for m in members):
        return None
    return members


def spreadsheets_inside(path: Path) -> list[str]:
    """The names (last part only) of the spreadsheets in ``path`` when it is a bundle,
    else []: what a zip named as a workbook, never unpacked, is told to hold."""
    return [_last_part(m.filename) for m in bundle_members(path) or () if _is_spreadsheet(m)]


def unpack(path: Path, into: Path) -> Unpacked:
    """Write the files of the bundle ``path`` into a folder of ``into`` named after it.

    Raises WorkbookError (in Vietnamese, naming the zip) when its directory is over a
    limit or it cannot be read; nothing of it is written then."""
    path = Path(path)
    members = bundle_members(path)
    if members is None:
        raise WorkbookError("không phải tệp nén chứa bảng tính", file=str(path), hint=_HINT)
    return _unpack(path, members, into)


def _unpack(path: Path, members: list[zipfile.ZipInfo], into: Path) -> Unpacked:
    """:func:`unpack` of a bundle whose directory (``members``) was read already."""
    _check(path, members)
    try:
        folder = into / f"{slug(path.stem, 40) or 'tep-nen'}-{file_sha256(path)[:12]}"
        mode = stat.S_IMODE(os.stat(path).st_mode) & 0o666
    except OSError as exc:  # gone since it was listed
        raise WorkbookError(unreadable(exc), file=str(path)) from exc
    done = Unpacked(path, folder)
    taken: set[str] = set()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(f"tệp nén bị hỏng, không mở được ({type(exc).__name__})",
                            file=str(path), hint=_HINT) from exc
    with zf:
        for member in members:
            if member.is_dir() or member.filename.startswith(_MAC_FORKS):
                continue
            name = safe_name(member.filename, len(done.files) + 1)
            shown = Path(f"{path}/{member.filename}")
            # By the name it has in the zip: the safe name has lost its leading dot, and a
            # Mac's ".DS_Store" and "._NV.xlsx" were read as workbooks and refused broken.
            why = skip_reason(Path(_last_part(member.filename)))
            if why is None and _is_zip(member):
                inside = _sheets_inside(zf, member)
                why = ("tệp nén nằm trong tệp nén, không có tệp bảng tính nào bên trong"
                       if inside == "" else "tệp nén nằm trong tệp nén"
                       + (f" (có {inside})" if inside else "")
                       + ": giải nén riêng rồi gửi lại")
            if why is None and member.flag_bits & 0x1:
                why = "tệp trong tệp nén được đặt mật khẩu, không giải nén được"
            if why:
                done.skipped.append(Skipped(shown, why))
                continue
            target = folder / _unique(name, taken)
            try:
                if not _same(target, member):  # unpacked by an earlier merge: left as it is
                    atomic_write(target, lambda tmp, m=member: _extract(zf, m, tmp), mode=mode)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, RuntimeError,
                    NotImplementedError, ValueError, zlib.error) as exc:
                # This member only: the others of the zip are unpacked and merged.
                done.skipped.append(Skipped(shown, "tệp này trong tệp nén bị hỏng, không giải "
                                                   f"nén được ({type(exc).__name__}): xin đơn vị "
                                                   "gửi lại tệp"))
                continue
            done.files.append(target)
            done.members[target] = member.filename
    return done


def _check(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a bundle whose directory is over :mod:`cchc_xl.bounds`' limits."""
    def refuse(message: str) -> WorkbookError:
        return WorkbookError(message, file=str(path), hint=_HINT)

    files = [m for m in members if not m.is_dir()]
    if len(files) > bounds.MAX_BUNDLE_FILES:
        raise refuse(f"tệp nén chứa {vn_number(len(files))} tệp (giới hạn "
                     f"{vn_number(bounds.MAX_BUNDLE_FILES)})")
    total = 0
    for m in files:
        total += m.file_size
        if m.file_size > bounds.MAX_FILE_BYTES:
            raise refuse(f"tệp '{m.filename}' trong tệp nén lớn {bounds.size_text(m.file_size)}"
                         f" (giới hạn {bounds.size_text(bounds.MAX_FILE_BYTES)})")
        ratio = bounds.ratio_over(m)
        if ratio is not None:
            raise refuse(f"tệp '{m.filename}' trong tệp nén nén {vn_number(ratio)} lần (giới "
                         f"hạn {bounds.MAX_RATIO} lần): nội dung lặp lại bất thường")
    if total > bounds.MAX_BUNDLE_BYTES:
        raise refuse(f"tệp nén khi giải nén lớn {bounds.size_text(total)} (giới hạn "
                     f"{bounds.size_text(bounds.MAX_BUNDLE_BYTES)})")


def _extract(zf: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path) -> None:
    with zf.open(member) as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)


def _same(target: Path, member: zipfile.ZipInfo) -> bool:
    """True when ``target`` holds ``member``'s bytes already (its size and CRC-32)."""
    try:
        if target.is_symlink() or target.stat().st_size != member.file_size:
            return False
        crc = 0
        with open(target, "rb") as fh:
            while chunk := fh.read(1 << 20):
                crc = zlib.crc32(chunk, crc)
    except OSError:
        return False
    return crc == member.CRC


def _as_meant(member: zipfile.ZipInfo) -> str:
    """A member's name as its maker meant it. Many zip makers (macOS's Archive Utility,
    web mail's "download all") write names in UTF-8 without the flag that says so, and
    zipfile then reads them as the old DOS code page: "Báo cáo.xlsx" became
    "B├ío c├ío.xlsx". Such a name that is valid UTF-8 is read as UTF-8."""
    name = member.filename
    if member.flag_bits & _UTF8_FLAG or name.isascii():
        return name
    raw = name.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeError:
        pass
    # Zip tools on a Vietnamese Windows write its code page (1258): "Xã Hoằng Cát" was
    # "Xa▐ Hoπ╠ng Cßt". Read so when that gives Vietnamese letters only.
    try:
        vietnamese = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeError:
        return name
    if all(ch.isascii() or (ch.isalpha() and "LATIN" in unicodedata.name(ch, ""))
           for ch in vietnamese):
        return vietnamese
    return name


def _last_part(name: str) -> str:
    """A member's name without its folders (written with either slash)."""
    return PurePosixPath(name.replace("\\", "/")).name


def _is_spreadsheet(member: zipfile.ZipInfo) -> bool:
    return member.filename.lower().endswith(SPREADSHEET_SUFFIXES)


def _sheets_inside(zf: zipfile.ZipFile, member: zipfile.ZipInfo) -> str | None:
    """The spreadsheets a zip inside a zip holds, named ("X03.xlsx, X04.xlsx và 3 tệp
    khác"), so that a unit's file in it is not missed; "" when it holds none; None when
    it is too large or crowded to look into (its directory only is read)."""
    if member.file_size > bounds.MAX_FILE_BYTES or member.flag_bits & 0x1:
        return None
    try:
        with zf.open(member) as fh:
            if not 0 < zip_entries(fh) <= bounds.MAX_ZIP_ENTRIES:
                return None
            fh.seek(0)
            with zipfile.ZipFile(fh) as inner:
                names = [_last_part(_as_meant(m)) for m in inner.infolist()
                         if not m.is_dir() and not m.filename.startswith(_MAC_FORKS)
                         and m.filename.lower().endswith(_SHEET_SUFFIXES)]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return None
    shown = ", ".join(names[:3])
    return shown + (f" và {vn_number(len(names) - 3)} tệp khác" if len(names) > 3 else "")


_SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def _is_zip(member: zipfile.ZipInfo) -> bool:
    return member.filename.lower().endswith(".zip")


def safe_name(name: str, n: int = 1) -> str:
    """A name from outside (a zip member's, an upload's) as a file name safe anywhere:
    its last part only, in NFC, without characters Windows refuses nor direction marks
    (:func:`cchc_xl.text.without_bidi`), at most
    :data:`_NAME_BYTES` bytes in UTF-8 (its suffix kept), not a device name of Windows;
    ``tep-N`` when nothing is left."""
    clean = _UNSAFE.sub("_", unicodedata.normalize("NFC", without_bidi(_last_part(name)))
                        ).strip(" .")
    stem, dot, suffix = clean.rpartition(".")
    if not dot or len(suffix) > 8:
        stem, dot, suffix = clean, "", ""
    room = _NAME_BYTES - len(dot + suffix)
    stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .")
    if not stem:
        return f"tep-{n}{dot}{suffix}" if suffix else f"tep-{n}"
    if stem.split(".")[0].rstrip(" ").upper() in _DEVICES:  # "CON .ghi-chu.xlsx" too
        stem = f"_{stem}"
    return f"{stem}{dot}{suffix}"


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or "name (2).xlsx" and so on when the bundle holds it twice (in two
    folders, or differing only in case)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}).{suffix}" if suffix else f"{stem} ({n})"
    taken.add(candidate.casefold())
    return candidate


def unpack_all(paths: list[Path], into: Path) -> tuple[list[Path], list[Skipped],
                                                       list[Unpacked]]:
    """Every bundle among ``paths`` unpacked (one level) into ``into``: the files to
    read (each bundle replaced by its files, in place), what was not taken (a bundle
    refused, with why; a member left out, with why), and the bundles unpacked."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    unpacked: list[Unpacked] = []
    for p in paths:
        members = None if p.name.lower().endswith(_NOT_BUNDLES) else bundle_members(p)
        if members is None:
            files.append(p)
            continue
        try:
            done = _unpack(p, members, into)
        except WorkbookError as exc:
            skipped.append(Skipped(p, f"{exc.message} ({exc.hint})"))
            continue
        unpacked.append(done)
        files.extend(done.files)
        skipped.extend(done.skipped)
    return files, skipped, unpacked
