"""A corpus of hostile and careless returned files, generated from a good return.

    python tests/support/hostile.py OUT_DIR                 # every case into OUT_DIR
    python tests/support/hostile.py OUT_DIR --measure ROOT  # and time a merge of each
                                                            # with the cchc_xl under ROOT

Nothing large is committed: each file is built here in a few seconds. Parts that
unzip to gigabytes are written as repeated raw-deflate blocks (each block ends
with a full flush, so the same compressed bytes can follow each other), with the
CRC combined by zlib's crc32_combine: a 2 GB sheet costs a few MB and under a
second to make, and is a valid zip that unzips to exactly what it says.

Each case is a function ``(base, target) -> None`` in CASES, with what merge must
do with it in EXPECTED.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

GB = 1 << 30
MB = 1 << 20
MAX_ROW = 1_048_576  # the last row of an Excel sheet
NOTE_CHARS = 192_000_000


# --- writing a zip from (possibly repeated) pieces --------------------------------------

def deflate_piece(data: bytes) -> bytes:
    """Raw deflate of ``data``, ending in a full flush: not final, self-contained."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)


_END = zlib.compressobj(6, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty final block

def zlib_combine(name: str):
    """zlib's ``name`` (crc32_combine, adler32_combine) through ctypes, None where the
    library is not found: the checksum of a piece repeated a billion times is then
    combined in a second instead of computed over gigabytes."""
    found = ctypes.util.find_library("z")
    if not found:
        return None
    combine = getattr(ctypes.CDLL(found), name)
    combine.argtypes = [ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long]
    combine.restype = ctypes.c_ulong
    return combine


_CRC_COMBINE = zlib_combine("crc32_combine")


def repeated_checksum(checksum, combine, value: int, chunk: bytes, times: int) -> int:
    """``checksum`` (zlib.crc32, zlib.adler32) carried from ``value`` over ``chunk``
    repeated ``times``, by ``combine`` (:func:`zlib_combine`) where there is one."""
    if combine is None:
        for _ in range(times):
            value = checksum(chunk, value)
        return value
    one = checksum(chunk)
    for _ in range(times):
        value = combine(value, one, len(chunk))
    return value


def _crc_repeated(crc: int, chunk: bytes, times: int) -> int:
    return repeated_checksum(zlib.crc32, _CRC_COMBINE, crc, chunk, times)


@dataclass
class Part:
    """A zip member as pieces of bytes, each repeated some number of times."""

    name: str
    pieces: list[tuple[bytes, int]]
    declared: int | None = None  # the unzipped size the zip's directories say (None: true)

    @classmethod
    def of(cls, name: str, data: bytes) -> Part:
        return cls(name, [(data, 1)])

    def packed(self) -> tuple[bytes, int, int]:
        """(raw deflate stream, CRC-32, unzipped size)."""
        out, crc, size = [], 0, 0
        for chunk, times in self.pieces:
            if not chunk or not times:
                continue
            out.append(deflate_piece(chunk) * times)
            crc = _crc_repeated(crc, chunk, times)
            size += len(chunk) * times
        out.append(_END)
        return b"".join(out), crc, size


def write_zip(path: Path, parts: list[Part]) -> Path:
    """A plain (non-zip64) zip of deflated parts; each part below 4 GB."""
    central, offset = [], 0
    with open(path, "wb") as fh:
        for part in parts:
            data, crc, size = part.packed()
            size = size if part.declared is None else part.declared
            name = part.name.encode("utf-8")
            head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, crc,
                               len(data), size, len(name), 0)
            fh.write(head + name)
            fh.write(data)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0,
                                       0x21, crc, len(data), size, len(name), 0, 0, 0, 0, 0,
                                       offset) + name)
            offset += len(head) + len(name) + len(data)
        directory = b"".join(central)
        fh.write(directory)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts),
                             len(directory), offset, 0))
    return path


def package_parts(base: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(base) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


def write_package(target: Path, parts: dict[str, bytes | Part]) -> Path:
    return write_zip(target, [p if isinstance(p, Part) else Part.of(n, p)
                              for n, p in parts.items()])


def _task_sheet(parts: dict[str, bytes]) -> str:
    """The first sheet with a task table (the guide sheet comes first)."""
    names = sorted((n for n in parts if re.match(r"xl/worksheets/sheet\d+\.xml$", n)),
                   key=lambda n: int(re.findall(r"\d+", n)[-1]))
    return next(n for n in names if "Mã nhiệm vụ".encode() in parts[n])


def _with_shared_strings(parts: dict[str, bytes], strings: Part) -> dict[str, bytes | Part]:
    """The workbook with a shared-strings part (openpyxl writes inline strings)."""
    out: dict[str, bytes | Part] = dict(parts)
    out["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    out["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    out["xl/sharedStrings.xml"] = strings
    return out


def set_cell(sheet: bytes, ref: str, xml: bytes) -> bytes:
    """Replace the cell ``ref`` of a sheet (it exists: split writes every input cell)."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    assert pattern.search(sheet), ref
    return pattern.sub(lambda _: xml, sheet, count=1)


_SST_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
             b'schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">')


# --- the cases --------------------------------------------------------------------------

def padded_sheet(base: Path, target: Path) -> None:
    """A task sheet padded with 2 GB of blanks after its rows (a 2 MB file)."""
    parts = package_parts(base)
    name = _task_sheet(parts)
    head, tail = parts[name].split(b"</sheetData>", 1)
    out: dict[str, bytes | Part] = dict(parts)
    pad = b" " * MB
    out[name] = Part(name, [(head + b"</sheetData>", 1), (pad, 2 * GB // MB), (tail, 1)])
    write_package(target, out)


def dragged_status(base: Path, target: Path) -> None:
    """The status column dragged down to the last row of Excel, as a careless user
    does (every row below the tasks says "Đang thực hiện"); <dimension> says so."""
    parts = package_parts(base)
    name = _task_sheet(parts)
    sheet = parts[name]
    last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', sheet))
    rows = b"".join(b'<row r="%d"><c r="H%d" t="s"><v>0</v></c></row>' % (r, r)
                    for r in range(last + 1, MAX_ROW + 1))
    sheet = sheet.replace(b"</sheetData>", rows + b"</sheetData>")
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:L%d"' % MAX_ROW, sheet)
    strings = _SST_HEAD % (1, 1) + "<si><t>Đang thực hiện</t></si></sst>".encode()
    out = _with_shared_strings(parts, Part.of("xl/sharedStrings.xml", strings))
    out[name] = sheet
    write_package(target, out)


def _note_file(base: Path, target: Path, chars: int) -> None:
    parts = package_parts(base)
    name = _task_sheet(parts)
    sentence = "Khó khăn: chưa bố trí được kinh phí. "
    text = (sentence * max(1, min(chars, MB) // len(sentence))).encode()
    times = chars // len(text.decode())
    strings = Part("xl/sharedStrings.xml", [(_SST_HEAD % (1, 1) + b"<si><t>", 1),
                                            (text, times), (b"</t></si></sst>", 1)])
    out = _with_shared_strings(parts, strings)
    out[name] = set_cell(parts[name], "L5", b'<c r="L5" t="s"><v>0</v></c>')
    write_package(target, out)


def long_note(base: Path, target: Path) -> None:
    """A note of 192 million characters (pasted over and over) in one cell."""
    _note_file(base, target, NOTE_CHARS)


def over_long_note(base: Path, target: Path) -> None:
    """A note of 100,000 characters: more than one Excel cell holds, small otherwise."""
    _note_file(base, target, 100_000)


def strings_bomb(base: Path, target: Path) -> None:
    """A shared-strings table of 20 million tiny strings (340 MB unzipped, 1 MB zipped)."""
    count = 20_000_000
    strings = Part("xl/sharedStrings.xml", [(_SST_HEAD % (count, count), 1),
                                            (b"<si><t>a</t></si>" * 1000, count // 1000),
                                            (b"</sst>", 1)])
    write_package(target, _with_shared_strings(package_parts(base), strings))


def beyond_dimension(base: Path, target: Path) -> None:
    """Every sheet declares it ends at its header row (<dimension ref="A1:L4">), yet
    has its task rows below: a tool that trusts the dimension sees no rows."""
    parts = package_parts(base)
    for name in parts:
        if name.startswith("xl/worksheets/"):
            parts[name] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:L4"',
                                 parts[name])
    write_package(target, parts)


def wide_row(base: Path, target: Path) -> None:
    """A stray value in the last column of Excel (XFD) on a task row."""
    parts = package_parts(base)
    name = _task_sheet(parts)
    parts[name] = re.sub(rb'(<row r="5"[^>]*>.*?)</row>',
                         lambda m: m.group(1) + b'<c r="XFD5" t="inlineStr"><is><t>x</t></is>'
                         b"</c></row>", parts[name], count=1, flags=re.S)
    write_package(target, parts)


def _merged(base: Path, target: Path, ranges: Part) -> None:
    """The task sheet with ``ranges`` (mergeCell elements) first among its merged cells."""
    parts = package_parts(base)
    name = _task_sheet(parts)
    head, tail = re.split(rb"(?<=<mergeCells count=\"\d\">)|(?<=<mergeCells count=\"\d\d\">)",
                          parts[name], maxsplit=1)
    out: dict[str, bytes | Part] = dict(parts)
    out[name] = Part(name, [(head, 1), *ranges.pieces, (tail, 1)])
    write_package(target, out)


def merged_column(base: Path, target: Path) -> None:
    """The status column merged from the first task row down to the last row of Excel."""
    _merged(base, target, Part.of("", b'<mergeCell ref="H5:H%d"/>' % MAX_ROW))


def merged_bomb(base: Path, target: Path) -> None:
    """Two million merged ranges over the input columns (60 MB of them unzipped)."""
    ranges = b"".join(b'<mergeCell ref="I%d:J%d"/>' % (r, r) for r in range(5, 1005))
    _merged(base, target, Part("", [(ranges, 2000)]))


def many_parts(base: Path, target: Path) -> None:
    """Five thousand extra members in the zip."""
    parts: dict[str, bytes | Part] = dict(package_parts(base))
    for n in range(5000):
        parts[f"customXml/item{n}.xml"] = b"<a/>"
    write_package(target, parts)


def ods_bomb(base: Path, target: Path) -> None:
    """An .ods whose mimetype part says it is a spreadsheet, then unzips to 1 GB more,
    and whose content unzips to 1 GB: neither read whole by the merging process, nor
    given to LibreOffice (which has no limits), but refused with the limit it broke."""
    write_zip(target, [
        Part("mimetype", [(b"application/vnd.oasis.opendocument.spreadsheet", 1),
                          (bytes(MB), GB // MB)]),
        Part("content.xml", [(b"<office:document-content>", 1), (bytes(MB), GB // MB)])])


def crowded_directory(base: Path, target: Path, entries: int = 1_200_000) -> None:
    """A zip whose directory lists 1.2 million empty files (100 MB): listing them takes
    over a gigabyte, so it must be refused from its end record alone."""
    names = [b"%07d" % n for n in range(entries)]
    local = [struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, 0, 0, 0, 7, 0) + name
             for name in names]
    offsets = range(0, 37 * entries, 37)  # each local header and name: 30 + 7 bytes
    central = b"".join(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0x21,
                                   0, 0, 0, 7, 0, 0, 0, 0, 0, offset) + name
                       for name, offset in zip(names, offsets, strict=True))
    start = 37 * entries
    with open(target, "wb") as fh:
        fh.write(b"".join(local))
        fh.write(central)
        # zip64: more entries than the plain end record can count.
        fh.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, entries, entries,
                             len(central), start))
        fh.write(struct.pack("<IIQI", 0x07064B50, 0, start + len(central), 1))
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                             0xFFFFFFFF, 0))


def truncated(base: Path, target: Path) -> None:
    """A download cut off halfway."""
    data = base.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def dragged_plan_column(master: Path, target: Path, last: int = MAX_ROW,
                        stray: bool = False) -> None:
    """The plan's third sheet (Nhóm, its groups) with its second column dragged down to
    row ``last`` (a 0 in each row, no group code), as a careless user does; with
    ``stray``, a 0 in that row alone (a value typed at the bottom of the sheet: read
    whole, every row up to it is made of cells all the same)."""
    parts = package_parts(master)
    name = "xl/worksheets/sheet3.xml"
    sheet = parts[name]
    first = last if stray else max(int(r) for r in re.findall(rb'<row r="(\d+)"', sheet)) + 1
    rows = b"".join(b'<row r="%d"><c r="B%d"><v>0</v></c></row>' % (r, r)
                    for r in range(first, last + 1))
    sheet = sheet.replace(b"</sheetData>", rows + b"</sheetData>")
    parts[name] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:F%d"' % last, sheet)
    write_package(target, parts)


def word_bomb(target: Path) -> None:
    """A Word plan whose document part unzips to 2 GB (a 2 MB file): a paragraph padded
    with spaces."""
    import io

    from docx import Document

    made = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Kế hoạch cải cách hành chính năm 2026")
    doc.save(made)
    parts = package_parts(made)
    name = "word/document.xml"
    head, tail = parts[name].split(b"</w:t>", 1)
    out: dict[str, bytes | Part] = dict(parts)
    out[name] = Part(name, [(head, 1), (b" " * MB, 2 * GB // MB - 1), (b"</w:t>" + tail, 1)])
    write_package(target, out)


CASES = {
    "padded-sheet": padded_sheet,
    "dragged-status": dragged_status,
    "long-note": long_note,
    "over-long-note": over_long_note,
    "strings-bomb": strings_bomb,
    "beyond-dimension": beyond_dimension,
    "wide-row": wide_row,
    "many-parts": many_parts,
    "truncated": truncated,
    "crowded-directory": crowded_directory,
    "ods-bomb": ods_bomb,
    "merged-column": merged_column,
    "merged-bomb": merged_bomb,
}

# What merge does with each: (outcome, finding code that says why).
EXPECTED = {
    "padded-sheet": ("rejected", "file-unreadable"),
    "dragged-status": ("accepted", "rows-past-limit"),
    "long-note": ("rejected", "file-unreadable"),
    "over-long-note": ("accepted", "cell-text-cut"),
    "strings-bomb": ("rejected", "file-unreadable"),
    "beyond-dimension": ("accepted", None),
    "wide-row": ("accepted", None),
    "many-parts": ("rejected", "file-unreadable"),
    "truncated": ("rejected", "file-unreadable"),
    "crowded-directory": ("rejected", "file-unreadable"),
    "ods-bomb": ("rejected", "file-unreadable"),
    "merged-column": ("accepted", None),  # its cells keep their values (Excel clears them)
    "merged-bomb": ("accepted", "merged-input-cells"),
}


def make_corpus(base: Path, folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name in names or list(CASES):
        target = folder / f"{name}-{base.name}"
        CASES[name](base, target)
        made[name] = target
    return made


# --- zips of returns (cchc_xl.intake.bundles): each holds the good return given ----------------

def bundle_bomb(base: Path, target: Path) -> None:
    """A zip of a return and a 2 GB file of zeros (2 MB zipped): refused whole."""
    write_zip(target, [Part.of(base.name, base.read_bytes()),
                       Part("dem.xlsx", [(bytes(MB), 2 * GB // MB)])])


def bundle_liar(base: Path, target: Path) -> None:
    """A zip of a return and a file whose directory entry says 1,000 bytes but which
    inflates to 2 GB: unzipped only as far as it says, then found damaged."""
    write_zip(target, [Part.of(base.name, base.read_bytes()),
                       Part("noi-doi.xlsx", [(bytes(MB), 2 * GB // MB)], declared=1000)])


BUNDLES = {"bundle-bomb": bundle_bomb, "bundle-liar": bundle_liar}


# --- backups (cchc_xl.backup): a backup made by cchc-xl, with one file more --------------
# Each added file is listed in the backup's manifest with its size and SHA-256, as if the
# backup command had written it: only its name or its kind gives it away.

def backup_with(backup: Path, target: Path, name: str, data: bytes, link: bool = False
                ) -> Path:
    """A copy of ``backup`` holding ``data`` as ``name`` too (``link``: a symbolic link to
    ``data``, as Info-ZIP stores one), listed in its manifest."""
    from cchc_xl.backup import MANIFEST

    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(target, "w") as out:
        manifest = json.loads(src.read(MANIFEST))
        for info in src.infolist():
            if info.filename != MANIFEST:
                out.writestr(info, src.read(info))
        info = zipfile.ZipInfo(name)
        info.external_attr = ((stat.S_IFLNK | 0o777) if link else (stat.S_IFREG | 0o644)) << 16
        out.writestr(info, data)
        manifest["files"].append({"path": name, "size": len(data),
                                  "sha256": hashlib.sha256(data).hexdigest()})
        out.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False))
    return target


UNSAFE_BACKUPS = {  # name: (file added, its data, a link)
    "parent": ("../../thoat-ra.txt", b"x", False),
    "absolute": ("/tmp/cchc-thoat-ra.txt", b"x", False),
    "windows-parent": ("..\\..\\thoat-ra.txt", b"x", False),
    "drive": ("C:/Windows/thoat-ra.txt", b"x", False),
    "link-out": ("ke-hoach-cu.xlsx", b"/etc/passwd", True),
    "link-folder": ("phan-hoi-9T", b"/tmp", True),
}


# --- measuring a merge of each case (for people, not for tests) ------------------------

def measure(root: Path, master: Path, files: dict[str, Path], good: list[Path],
            work: Path, period: str = "9T", timeout: float = 900
            ) -> dict[str, tuple[float, int, int]]:
    """Per case: (seconds, peak RSS in KB of the merge and its workers, exit status;
    -9 when it was stopped after ``timeout`` seconds)."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    results = {}
    for name, path in files.items():
        folder = work / name
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "in").mkdir(parents=True)
        for p in [*good, path]:
            shutil.copyfile(p, folder / "in" / p.name)
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "cchc_xl", "merge", str(master), str(folder / "in"),
             "--period", period, "--out", str(folder / "out" / "t.xlsx"), "--silent"],
            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
            time.sleep(0.2)
        results[name] = (time.monotonic() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(
            status))
    return results


if __name__ == "__main__":
    import argparse

    here = Path(__file__).resolve().parent.parent
    samples = here / "workbooks" / "hoang-hoa-2023" / "returns-9T"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--measure", type=Path, metavar="ROOT")
    args = parser.parse_args()
    corpus = make_corpus(samples / "NV-phong-noi-vu.xlsx", args.out)
    for name, path in corpus.items():
        print(f"{name:18} {path.stat().st_size:>12,} bytes  {path}")
    if args.measure:
        good = [samples / "BPMC-bo-phan-tiep-nhan-va-tra-ket-qua-huyen.xlsx",
                samples / "X13-xa-hoang-kim.xlsx"]
        master = here / "workbooks" / "hoang-hoa-2023" / "master.xlsx"
        for name, (seconds, rss, code) in measure(args.measure.resolve(), master, corpus, good,
                                                  args.out / "runs").items():
            print(f"{name:18} {seconds:7.1f} s  {rss / 1024:8.0f} MB  exit {code}")
