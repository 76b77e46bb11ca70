"""A worksheet part's tags found by scanning its bytes, without parsing it: merged ranges
and hyperlinks of a part too large to parse whole (and of openpyxl's read-only sheets,
which skip them), and how far down a sheet reaches before it is read whole.

A "<" in a part is always markup (text holds it as "&lt;"), so tags are found as bytes,
a block at a time; a piece of a tag at the end of a block is carried into the next."""

from __future__ import annotations

import re
import zipfile

from . import bounds


def scan_links(fh) -> list[tuple[str, str]]:
    """(ref, relationship id) of each ``<hyperlink>`` of a worksheet part read from
    ``fh`` as bytes, as :func:`scan_merged` finds merged ranges."""
    return [(_attribute(_REF, tag), _attribute(_LINK_ID, tag))
            for tag in _scan_tags(fh, b"hyperlink", _HYPERLINK_TAG)]


def _attribute(pattern: re.Pattern, tag: bytes) -> str:
    found = pattern.search(tag)
    return found[2].decode("utf-8", "replace") if found else ""


def scan_merged(fh) -> list[str]:
    """The ``ref`` of each ``<mergeCell>`` of a worksheet part read from ``fh`` as bytes,
    in document order, the first :data:`~cchc_xl.bounds.MAX_MERGED`, without parsing
    the part: for a part too large to parse whole, and for openpyxl's worksheets."""
    return [_attribute(_REF, tag) for tag in _scan_tags(fh, b"mergeCell", _MERGE_CELL_TAG)]


def _scan_tags(fh, word: bytes, tag: re.Pattern) -> list[bytes]:
    """The start tags ``tag`` matches in a part read from ``fh`` as bytes (blocks holding
    ``word`` are searched), the first :data:`~cchc_xl.bounds.MAX_MERGED`. A "<" in a
    part is always markup (text holds it as "&lt;"), so tags are found as bytes; a piece
    of a tag at the end of a block is carried into the next."""
    found: list[bytes] = []
    carry = b""
    while chunk := fh.read(_SCAN_BLOCK):
        data = carry + chunk
        end = 0
        if word in data:
            for match in tag.finditer(data):
                found.append(match[0])
                end = match.end()
                if len(found) >= bounds.MAX_MERGED:
                    return found
        carry = data[max(end, len(data) - _SCAN_CARRY):]
    return found


# A <mergeCell> or <hyperlink> start tag (any namespace prefix), whole; attributes in
# either quotes: ref, and a hyperlink's relationship id (r:id, any prefix).
_MERGE_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*>")
_HYPERLINK_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?hyperlink\s[^>]*>")
_REF = re.compile(rb"\sref=([\"'])(.*?)\1")
_LINK_ID = re.compile(rb"\s[A-Za-z_][\w.-]*:id=([\"'])(.*?)\1")
_SCAN_BLOCK = 1 << 20  # bytes of a part scanned at once
# Carried from one block to the next: longer than any tag looked at (a hyperlink's may
# hold a tooltip and a display text of a few hundred characters each, escaped).
_SCAN_CARRY = 1 << 14


def last_row(zf: zipfile.ZipFile, part: str) -> int:
    """How far down a worksheet part reaches: the highest row number its rows give, or
    their count when higher (rows without numbers)."""
    last = count = 0
    carry = b""
    with zf.open(part) as fh:
        while chunk := fh.read(_SCAN_BLOCK):
            data = carry + chunk
            cut = data.rfind(b">") + 1  # whole tags scanned; the rest with the next block
            seg, carry = data[:cut], data[cut:][-_SCAN_CARRY:]
            numbers = _ROW_R_FIRST.findall(seg)  # as every writer known writes them
            rows = seg.count(b"<row ") + seg.count(b"<row>")
            if rows != len(numbers) or b":row" in seg:  # any other way: the general pattern
                rows, numbers = len(_ROW_TAG.findall(seg)), _ROW_NUMBER.findall(seg)
            count += rows
            if numbers:
                last = max(last, max(map(int, numbers)))
    return max(last, count)


# A <row> start tag (any prefix; not <rowBreaks>) and its row number; the row number of
# one written as Excel, LibreOffice and openpyxl write it, quicker to find.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?:\s[^>]*)?>")
_ROW_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br=[\"'](\d+)[\"']")
_ROW_R_FIRST = re.compile(rb'<row r="(\d+)"')
