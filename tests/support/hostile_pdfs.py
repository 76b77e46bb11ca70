"""Hostile and damaged PDFs given to `cchc-xl import` as a plan, written in raw PDF syntax
(pdf_raw.py; the encrypted ones in hostile_pdf_crypto.py).

    python tests/support/hostile_pdfs.py OUT_DIR   # every case into OUT_DIR

Nothing large is committed: each file is built here in a second or two (pdf_raw.py: a
stream inflating to gigabytes costs a few MB).

Each case is a function ``target -> None`` in CASES, with the words the refusal says
in EXPECTED.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

if __package__ in (None, ""):  # run as a script: tests/ on the path, as hostile_plans
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.hostile_pdf_crypto import (
    encrypted_fallback,
    encrypted_object_stream,
    rc4_content_bomb,
    rc4_odd_key,
)
from support.pdf_raw import (
    _TEXT,
    GB,
    MB,
    _one_page,
    _packed_objects,
    _packed_pdf,
    _repeated_zlib,
    _stream,
    write_pdf,
)


def compressed(source: Path, target: Path, indirect: bool = False) -> None:
    """``source`` (a PDF with a cross-reference table, as LibreOffice writes) rewritten as
    PDF 1.5 writers (Word, Acrobat) write: every object but the streams packed into one
    compressed object stream, and the cross-reference a compressed stream. ``indirect``:
    the object stream's /Filter, /DecodeParms and /Length objects of their own, as some
    writers give a stream's /Length."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    data = source.read_bytes()
    with open(source, "rb") as fp:
        (xref, *_) = PDFDocument(PDFParser(fp)).xrefs
        trailer = {k: v.objid for k, v in xref.get_trailer().items()
                   if k in ("Root", "Info") and isinstance(v, PDFObjRef)}
    loose, packed = {}, {}
    for objid in xref.get_objids():
        pos = xref.get_pos(objid)[1]
        start = data.index(b"obj", pos) + 3
        end = data.index(b"endobj", start)
        if b"stream" in data[start:end]:
            loose[objid] = data[start:data.index(b"endobj", data.index(b"endstream", start))]
        else:
            packed[objid] = data[start:end].strip()
    objstm, xrefstm = max(xref.get_objids()) + 1, max(xref.get_objids()) + 2
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    entries = {0: b"\x00\x00\x00\x00\x00\xff\xff"}
    for objid, body in loose.items():
        entries[objid] = b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00"
        out += b"%d 0 obj" % objid + body + b"endobj\n"
    heads, bodies = [], b""
    for index, (objid, body) in enumerate(packed.items()):
        entries[objid] = b"\x02" + objstm.to_bytes(4, "big") + index.to_bytes(2, "big")
        heads.append(b"%d %d" % (objid, len(bodies)))
        bodies += body + b"\n"
    head = b" ".join(heads) + b"\n"
    packed_data = zlib.compress(head + bodies)
    attrs = b"/Filter /FlateDecode"
    if indirect:
        own = {xrefstm + 1: b"/FlateDecode", xrefstm + 2: b"<</Predictor 1>>",
               xrefstm + 3: b"%d" % len(packed_data)}
        for objid, body in own.items():
            entries[objid] = b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00"
            out += b"%d 0 obj\n" % objid + body + b"\nendobj\n"
        attrs = b"/Filter %d 0 R /DecodeParms %d 0 R /Length %d 0 R" % tuple(own)
    size = max(entries) + 1 if indirect else xrefstm + 1
    entries[objstm] = b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00"
    out += b"%d 0 obj\n" % objstm + _stream(
        b"/Type /ObjStm /N %d /First %d " % (len(packed), len(head)) + attrs,
        packed_data) + b"\nendobj\n"
    start = len(out)
    entries[xrefstm] = b"\x01" + start.to_bytes(4, "big") + b"\x00\x00"
    table = b"".join(entries.get(n, entries[0]) for n in range(size))
    refs = b"".join(b" /%s %d 0 R" % (k.encode(), v) for k, v in trailer.items())
    out += b"%d 0 obj\n" % xrefstm + _stream(
        b"/Type /XRef /Size %d /W [1 4 2] /Filter /FlateDecode" % size + refs,
        zlib.compress(table)) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    target.write_bytes(bytes(out))


def with_attachment(source: Path, target: Path, size: int) -> None:
    """``source`` (a PDF with a cross-reference table, as LibreOffice writes), saved again
    (an update appended) with a file of ``size`` random bytes attached to it (a stream
    of its own, no filter; enciphered with the file's key when ``source`` is encrypted
    the old way, RC4, with a 128-bit key)."""
    import hashlib
    import random
    import re

    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    data = source.read_bytes()
    with open(source, "rb") as fp:
        doc = PDFDocument(PDFParser(fp))
        objid = max(n for xref in doc.xrefs for n in xref.get_objids()) + 1
        key = doc.decipher.__self__.key if doc.decipher else None
    attached = random.Random(size).randbytes(size)
    if key is not None:
        own = hashlib.md5(key + objid.to_bytes(3, "little") + b"\x00\x00").digest()
        attached = Cipher(ARC4(own[:16]), mode=None).encryptor().update(attached)
    at = data.rindex(b"trailer")
    trailer = data[data.index(b"<<", at):data.rindex(b">>", at, data.rindex(b"startxref"))]
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % (objid + 1), trailer)
    previous = int(data[data.rindex(b"startxref") + 9:].split()[0])
    out = bytearray(data)
    start = len(out)
    out += b"%d 0 obj\n" % objid + _stream(b"/Type /EmbeddedFile", attached) + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n" % (objid, start)
    out += b"trailer\n" + trailer + b"/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref)
    target.write_bytes(bytes(out))


# --- the cases --------------------------------------------------------------------------

def content_bomb(target: Path) -> None:
    """A page whose content stream inflates to 2 GB of blanks after a line of text (a 2
    MB file)."""
    data = _repeated_zlib(_TEXT, b" " * MB, 2 * GB // MB, b"")
    _one_page(target, _stream(b"/Filter /FlateDecode", data))


def text_flood(target: Path) -> None:
    """A page showing a million characters: a 50,000-character string drawn 20 times (1
    MB of content, 3 KB in the file)."""
    show = b"BT /F1 1 Tf 0 0 Td (" + b"a" * 50_000 + b") Tj ET\n"
    data = _repeated_zlib(_TEXT, show, 20, b"")
    _one_page(target, _stream(b"/Filter /FlateDecode", data))


def busy_content(target: Path) -> None:
    """A page whose content is 16 MB of operators that draw nothing (saving and restoring
    the graphics state, over and over): 16 MB inflated, 16 KB in the file."""
    data = _repeated_zlib(_TEXT, b"q Q\n" * (MB // 4), 16, b"")
    _one_page(target, _stream(b"/Filter /FlateDecode", data))


def ruled_cells(target: Path, cells: int = 200_000) -> None:
    """One page ruled into 200,000 tiny cells (a grid of 500 by 400 rectangles, stroked
    as one path), as a table finder sees a table of that many cells."""
    columns = 500
    ops = b"".join(b"%d %d 1 1 re\n" % (40 + c % columns, 40 + c // columns)
                   for c in range(cells))
    _one_page(target, _stream(b"/Filter /FlateDecode", zlib.compress(_TEXT + ops + b"S\n", 9)))


def nested_forms(target: Path) -> None:
    """A form drawn ten times by a form drawn ten times, twelve deep: 10^12 drawings of
    an empty form from a file of 2 KB."""
    depth = 12
    forms = []
    for level in range(depth):
        first = 5 + level
        inner = b"/X Do " * 10 if level < depth - 1 else b""
        resources = (b"/Resources <</XObject <</X %d 0 R>>>>" % (first + 1)
                     if level < depth - 1 else b"")
        forms.append(_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] " + resources,
                             inner))
    _one_page(target, _stream(b"", _TEXT + b"/X Do\n"), resources=b" /XObject <</X 5 0 R>>",
              extra=forms)


def many_pages(target: Path, pages: int = 10_000) -> None:
    """Ten thousand pages in a 700 KB file: each page its own small object, all sharing
    one content stream."""
    first = 4
    kids = b" ".join(b"%d 0 R" % (first + n) for n in range(pages))
    objects = [b"<</Type /Catalog /Pages 2 0 R>>",
               b"<</Type /Pages /Kids [" + kids + b"] /Count %d /MediaBox [0 0 595 842] "
               b"/Resources <</Font <</F1 <</Type /Font /Subtype /Type1 /BaseFont "
               b"/Times-Roman>>>>>>>>" % pages,
               _stream(b"", _TEXT)]
    objects += [b"<</Type /Page /Parent 2 0 R /Contents 3 0 R>>"] * pages
    write_pdf(target, objects)


def cyclic_references(target: Path) -> None:
    """Objects that refer to each other in a ring: the page's contents are object 4,
    which is object 5, which is object 4."""
    write_pdf(target, [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox 6 0 R /Contents 4 0 R /Resources 7 0 R>>",
        b"5 0 R", b"4 0 R", b"6 0 R", b"7 0 R"])


def deep_nesting(target: Path, depth: int = 200_000) -> None:
    """The page's box an array nested 200,000 deep."""
    write_pdf(target, [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox " + b"[" * depth + b"0 0 595 842"
        + b"]" * depth + b" /Contents 4 0 R>>",
        _stream(b"", _TEXT)])


def _tagged_page(target: Path, tree: list[bytes]) -> None:
    """A one-page tagged PDF: its line of text marked content 0 of the page, its
    structure tree's root object 5 (``tree``: objects 5 and on)."""
    write_pdf(target, [
        b"<</Type /Catalog /Pages 2 0 R /StructTreeRoot 5 0 R /MarkInfo <</Marked true>>>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/StructParents 0 /Resources <</Font <</F1 <</Type /Font /Subtype /Type1 "
        b"/BaseFont /Times-Roman>>>>>>>>",
        _stream(b"", b"/P <</MCID 0>> BDC " + _TEXT + b"EMC\n"), *tree])


def deep_tags(target: Path, depth: int = 100_000) -> None:
    """A structure tree nested 100,000 deep (each element the only kid of the one above,
    all written inside the root's object, 900 KB): pdfplumber walks it recursively."""
    _tagged_page(target, [b"<</Type /StructTreeRoot /K " + b"<</S/P/K" * depth
                          + b" 0" + b">>" * depth + b">>"])


def chained_tags(target: Path, depth: int = 20_000) -> None:
    """A structure tree 20,000 elements deep, each its own object, the deepest on the
    page."""
    tree = [b"<</Type /StructTreeRoot /K 6 0 R>>"]
    tree += [b"<</S/P/K %d 0 R>>" % (7 + k) for k in range(depth - 1)]
    tree.append(b"<</S/P/Pg 3 0 R/K 0>>")
    _tagged_page(target, tree)


def tag_ring(target: Path) -> None:
    """Structure elements whose kids (/K) refer to each other in a ring: 6 is 7's kid,
    7 is 6's."""
    _tagged_page(target, [b"<</Type /StructTreeRoot /K 6 0 R>>",
                          b"<</Type /StructElem /S /P /Pg 3 0 R /K [0 7 0 R]>>",
                          b"<</Type /StructElem /S /Span /Pg 3 0 R /K [6 0 R]>>"])


def shared_tags(target: Path, depth: int = 40) -> None:
    """A structure tree of 2^40 elements in 40 objects: each names the next as its kid
    twice (walked as a tree, each element once for each path to it)."""
    tree = [b"<</Type /StructTreeRoot /K 6 0 R>>"]
    tree += [b"<</Type /StructElem /S /Div /Pg 3 0 R /K [%d 0 R %d 0 R]>>" % (7 + k, 7 + k)
             for k in range(depth - 1)]
    tree.append(b"<</Type /StructElem /S /P /Pg 3 0 R /K 0>>")
    _tagged_page(target, tree)


def many_tags(target: Path, count: int = 1_000_000) -> None:
    """A paragraph holding a million marked-content references (2 MB in the file)."""
    _tagged_page(target, [b"<</Type /StructTreeRoot /K 6 0 R>>",
                          b"<</Type /StructElem /S /P /Pg 3 0 R /K [" + b"0 " * count
                          + b"]>>"])


def truncated_xref(target: Path) -> None:
    """A plan's PDF cut off in its cross-reference table (a download stopped)."""
    data = _one_page(target, _stream(b"", _TEXT))
    target.write_bytes(data[: data.index(b"xref") + 40])


def _xref_stream_pdf(target: Path, zeros: int, attrs: bytes = b"") -> None:
    """A one-page PDF 1.5 whose cross-reference is a compressed stream (object 6): its
    entries, then ``zeros`` zero bytes; ``attrs`` added to its dictionary."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate([b"<</Type /Catalog /Pages 2 0 R>>",
                              b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
                              b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                              b"/Contents 4 0 R>>",
                              _stream(b"", _TEXT)], start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    start = len(out)
    entries = b"\x00\x00\x00\x00\x00\xff\xff" + b"".join(
        b"\x01" + o.to_bytes(4, "big") + b"\x00\x00" for o in [*offsets, start])
    data = _repeated_zlib(entries, b"\x00" * MB, zeros // MB, b"")
    out += b"6 0 obj\n" + _stream(b"/Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R "
                                   b"/Filter /FlateDecode" + attrs % {b"start": start},
                                   data) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    target.write_bytes(bytes(out))


def xref_stream_bomb(target: Path) -> None:
    """A PDF 1.5 whose cross-reference is a stream (as Word and Acrobat write) that
    inflates to 2 GB: its entries, then zeros (a 2 MB file). pdfminer inflates it while
    opening the file, before any object is looked at."""
    _xref_stream_pdf(target, 2 * GB)


def xref_ring(target: Path) -> None:
    """A cross-reference stream of 1 MB (within the limit) whose /Prev names itself:
    pdfminer reads it again and again, keeping each reading, until Python's recursion
    limit (a gigabyte of them)."""
    _xref_stream_pdf(target, MB, b" /Prev %(start)d")


def object_stream_bomb(target: Path) -> None:
    """A damaged PDF (its cross-reference is missing, "startxref" points past the end)
    holding an object stream that inflates to 2 GB: pdfminer, rebuilding the
    cross-reference line by line, inflates each object stream it meets."""
    data = _repeated_zlib(b"5 0 ", b" " * MB, 2 * GB // MB, b"<</Kind /Nothing>>")
    write_pdf(target, [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>>",
        _stream(b"", _TEXT),
        _stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", data)], xref=False)
    damaged = target.read_bytes()
    at = damaged.rindex(b"startxref")
    target.write_bytes(damaged[:at] + b"startxref\n999999999\n%%EOF\n")


def indirect_filter(target: Path) -> None:
    """A PDF 1.5 (as Word writes) whose object stream, holding the catalog, inflates to 2
    GB, its /Filter given as another object ("/Filter 7 0 R", object 7 being
    /FlateDecode): pdfminer inflates it whole while opening the file, to find the
    catalog."""
    data, first = _packed_objects(2 * GB)
    _packed_pdf(target, b"/First %d /Filter 7 0 R" % first, data, loose=[b"/FlateDecode"])


def indirect_length(target: Path) -> None:
    """The same object stream, its /Filter given, its /Length another object (object 7),
    its data holding the line "endstream" after the catalog (in a block of the zlib stream
    kept as it is): pdfminer reads as far as the /Length says, on past that line, and
    inflates it whole while opening the file."""
    data, first = _packed_objects(2 * GB, stored=b"\nendstream\n")
    _packed_pdf(target, b"/First %d /Filter /FlateDecode /Length 7 0 R" % first, data,
                loose=[b"%d" % len(data)])


def filter_ring(target: Path) -> None:
    """An object stream whose /Filter is object 7, which is object 8, which is object 7:
    pdfminer, looking the filter up while opening the file, goes round for ever."""
    data, first = _packed_objects(0)
    _packed_pdf(target, b"/First %d /Filter 7 0 R" % first, data, loose=[b"8 0 R", b"7 0 R"])


def root_ring(target: Path) -> None:
    """A trailer whose /Root is object 1, which is object 2, which is object 1: pdfminer,
    looking the catalog up while opening the file, goes round for ever."""
    write_pdf(target, [b"2 0 R", b"1 0 R", b"<</Type /Catalog /Pages 4 0 R>>",
                       b"<</Type /Pages /Kids [] /Count 0>>"])


def info_ring(target: Path) -> None:
    """A one-page file whose trailer's /Info (the document's title, author) is object 5,
    which is object 6, which is object 5."""
    _one_page(target, _stream(b"", _TEXT), extra=[b"6 0 R", b"5 0 R"], trailer=b" /Info 5 0 R")


def info_tree(target: Path, depth: int = 40) -> None:
    """A one-page file whose /Info's title is an array naming the next array twice, 40
    deep: pdfplumber resolved /Info whole when it opened the file (resolve_and_decode),
    copying each array once for each path to it, 2^40 of them (under 1 GB of address
    space it ran 20-40 s to a MemoryError, which it swallowed, printing a warning;
    without a limit, until the machine's memory was gone). Left unread now: the page's
    line of text is read."""
    arrays = [b"[%d 0 R %d 0 R]" % (7 + k, 7 + k) for k in range(depth - 1)]
    _one_page(target, _stream(b"", _TEXT), extra=[b"<</Title 6 0 R>>", *arrays, b"(x)"],
              trailer=b" /Info 5 0 R")


def packed_root_ring(target: Path) -> None:
    """A PDF 1.5 whose catalog (the trailer's /Root, object 1) is packed, its
    cross-reference says, in object 7, which is object 8, which is object 7: pdfminer,
    looking up the object stream holding the catalog while opening the file, goes round
    for ever. pdf_bounds follows only the objects written in the file: the catalog is
    not. The time budget ends it."""
    data, first = _packed_objects(0)
    _packed_pdf(target, b"/First %d /Filter /FlateDecode" % first, data,
                loose=[b"8 0 R", b"7 0 R"], packed_in=7)


def long_trailer_ring(target: Path) -> None:
    """A cross-reference table whose trailer names the table itself as the one before
    (/Prev), after a string of 1 MB: pdfminer reads it again and again, keeping each
    reading's string, until Python's recursion limit."""
    data = _one_page(target, _stream(b"", _TEXT))
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    at = data.index(b"/Root", data.rindex(b"trailer"))
    target.write_bytes(data[:at] + b"/Junk <" + b"20" * MB + b"> /Prev %d " % start
                       + data[at:])


def garbage(target: Path) -> None:
    """A PDF's first line, then a megabyte of random bytes."""
    import random

    noise = random.Random(7).randbytes(MB)
    target.write_bytes(b"%PDF-1.7\n" + noise)


CASES = {
    "content-bomb": content_bomb,
    "text-flood": text_flood,
    "busy-content": busy_content,
    "ruled-cells": ruled_cells,
    "nested-forms": nested_forms,
    "many-pages": many_pages,
    "cyclic-references": cyclic_references,
    "deep-nesting": deep_nesting,
    "truncated-xref": truncated_xref,
    "garbage": garbage,
    "xref-stream-bomb": xref_stream_bomb,
    "object-stream-bomb": object_stream_bomb,
    "xref-ring": xref_ring,
    "deep-tags": deep_tags,
    "chained-tags": chained_tags,
    "tag-ring": tag_ring,
    "shared-tags": shared_tags,
    "many-tags": many_tags,
    "indirect-filter": indirect_filter,
    "indirect-length": indirect_length,
    "filter-ring": filter_ring,
    "encrypted-object-stream": encrypted_object_stream,
    "encrypted-fallback": encrypted_fallback,
    "long-trailer-ring": long_trailer_ring,
    "rc4-content-bomb": rc4_content_bomb,
    "rc4-odd-key": rc4_odd_key,
    "root-ring": root_ring,
    "info-ring": info_ring,
    "info-tree": info_tree,
    "packed-root-ring": packed_root_ring,
}

# Read until the time budget ends them (no check foresees them), the budget made
# BUDGET_SECONDS by the environment variable pdf_source.SECONDS_VARIABLE.
BUDGETED = ("packed-root-ring",)
BUDGET_SECONDS = 3

# Hostile structure trees: ignored, the file read as an untagged PDF (whose one line of
# text is no plan: said so, with that message's own hint).
TREES = ("deep-tags", "chained-tags", "tag-ring", "shared-tags", "many-tags")
# Files whose hostile part is left unread: the page's line of text is read, no plan.
READ = (*TREES, "info-tree")

# What import says of each, after the file's name.
DAMAGED = "tệp PDF bị hỏng, không đọc được nội dung"
EXPECTED = {
    "content-bomb": "tệp PDF có phần nội dung (đối tượng số 4) khi giải nén lớn hơn 32 MB "
                    "(giới hạn 32 MB): nội dung lớn bất thường",
    "text-flood": "trang 1 của tệp PDF có hơn 50.000 ký tự (giới hạn 50.000): không phải "
                  "trang văn bản bình thường",
    "busy-content": "trang 1 của tệp PDF có nội dung lớn hơn 4 MB (giới hạn 4 MB): nội dung "
                    "lớn bất thường",
    "ruled-cells": "trang 1 của tệp PDF có hơn 20.000 nét kẻ, hình vẽ (giới hạn 20.000): "
                   "không phải trang văn bản bình thường",
    "nested-forms": "trang 1 của tệp PDF có hơn 20.000 nét kẻ, hình vẽ (giới hạn 20.000): "
                    "không phải trang văn bản bình thường",
    "many-pages": "tệp PDF có hơn 200 trang (giới hạn 200 trang): không phải một văn bản kế "
                  "hoạch",
    "cyclic-references": DAMAGED,
    "deep-nesting": DAMAGED,
    "truncated-xref": DAMAGED,
    "garbage": DAMAGED,
    "xref-stream-bomb": "tệp PDF có phần nội dung (đối tượng số 6) khi giải nén lớn hơn "
                        "32 MB (giới hạn 32 MB): nội dung lớn bất thường",
    "object-stream-bomb": "tệp PDF có phần nội dung (đối tượng số 5) khi giải nén lớn hơn "
                          "32 MB (giới hạn 32 MB): nội dung lớn bất thường",
    "xref-ring": DAMAGED,
    # A structure tree past its bounds is ignored, /Info left unread: the page's line of
    # text is read.
    **dict.fromkeys(READ, "không tìm thấy bảng nhiệm vụ"),
    "indirect-filter": "tệp PDF có phần nội dung (đối tượng số 5) khi giải nén lớn hơn 32 "
                       "MB (giới hạn 32 MB): nội dung lớn bất thường",
    "indirect-length": "tệp PDF có phần nội dung (đối tượng số 5) khi giải nén lớn hơn 32 "
                       "MB (giới hạn 32 MB): nội dung lớn bất thường",
    "filter-ring": DAMAGED,
    "encrypted-object-stream": "tệp PDF có phần nội dung (đối tượng số 5) khi giải nén lớn "
                               "hơn 32 MB (giới hạn 32 MB): nội dung lớn bất thường",
    "encrypted-fallback": "tệp PDF có phần nội dung (đối tượng số 5) khi giải nén lớn hơn "
                          "32 MB (giới hạn 32 MB): nội dung lớn bất thường",
    "long-trailer-ring": DAMAGED,
    "rc4-content-bomb": "tệp PDF có phần nội dung (đối tượng số 4) khi giải nén lớn hơn 32 MB "
                        "(giới hạn 32 MB): nội dung lớn bất thường",
    "rc4-odd-key": "tệp PDF được mã hóa kiểu cũ (RC4) với độ dài khóa ít gặp, phần cần giải "
                   "mã lớn hơn 256 KB (giới hạn 256 KB với kiểu mã hóa này): không giải mã "
                   "được trong thời gian cho phép",
    "root-ring": DAMAGED,
    "info-ring": DAMAGED,
    **dict.fromkeys(BUDGETED, f"không đọc xong tệp PDF trong giới hạn {BUDGET_SECONDS} giây: "
                              "tệp bị hỏng hoặc có cấu trúc bất thường"),
}


def make_corpus(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name in names or list(CASES):
        target = folder / f"{name}.pdf"
        CASES[name](target)
        made[name] = target
    return made


if __name__ == "__main__":
    for name, path in make_corpus(Path(sys.argv[1])).items():
        print(f"{name:18} {path.stat().st_size:>12,} bytes  {path}")
