"""Hostile and damaged PDFs given to `cchc-xl import` as a plan, written in raw PDF syntax.

    python tests/support/hostile_pdfs.py OUT_DIR   # every case into OUT_DIR

Nothing large is committed: each file is built here in a second or two. A content
stream that inflates to gigabytes is written as one zlib stream made of the same
deflate block repeated (each block ends with a full flush, so the same compressed bytes
can follow each other), its Adler-32 combined by zlib's adler32_combine: 2 GB of
page content costs a few MB and well under a second to make, and inflates to exactly
what it says.

Each case is a function ``target -> None`` in CASES, with the words the refusal says
in EXPECTED.
"""

from __future__ import annotations

import zlib
from pathlib import Path

try:
    from support.hostile import deflate_piece, repeated_checksum, zlib_combine
except ModuleNotFoundError:  # run as a script: its own folder on the path, not tests/
    from hostile import deflate_piece, repeated_checksum, zlib_combine

GB = 1 << 30
MB = 1 << 20

_ADLER_COMBINE = zlib_combine("adler32_combine")


def _repeated_zlib(head: bytes, chunk: bytes, times: int, tail: bytes) -> bytes:
    """A zlib stream of ``head + chunk * times + tail``, compressed once per piece."""
    end = zlib.compressobj(6, zlib.DEFLATED, -15)
    adler = repeated_checksum(zlib.adler32, _ADLER_COMBINE, zlib.adler32(head), chunk, times)
    adler = zlib.adler32(tail, adler)
    body = (deflate_piece(head) + deflate_piece(chunk) * times + end.compress(tail)
            + end.flush())
    return b"\x78\xda" + body + adler.to_bytes(4, "big")


def _stream(attrs: bytes, data: bytes) -> bytes:
    return b"<<%s /Length %d>>\nstream\n" % (attrs, len(data)) + data + b"\nendstream"


def write_pdf(target: Path, objects: list[bytes], root: int = 1, xref: bool = True) -> bytes:
    """A PDF of ``objects`` (object 1 is the first), its cross-reference table and
    trailer; the bytes written."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<</Size %d /Root %d 0 R>>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    target.write_bytes(bytes(out))
    return bytes(out)


def compressed(source: Path, target: Path) -> None:
    """``source`` (a PDF with a cross-reference table, as LibreOffice writes) rewritten as
    PDF 1.5 writers (Word, Acrobat) write: every object but the streams packed into one
    compressed object stream, and the cross-reference a compressed stream."""
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
    entries[objstm] = b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00"
    out += b"%d 0 obj\n" % objstm + _stream(
        b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode" % (len(packed), len(head)),
        zlib.compress(head + bodies)) + b"\nendobj\n"
    start = len(out)
    entries[xrefstm] = b"\x01" + start.to_bytes(4, "big") + b"\x00\x00"
    table = b"".join(entries.get(n, entries[0]) for n in range(xrefstm + 1))
    refs = b"".join(b" /%s %d 0 R" % (k.encode(), v) for k, v in trailer.items())
    out += b"%d 0 obj\n" % xrefstm + _stream(
        b"/Type /XRef /Size %d /W [1 4 2] /Filter /FlateDecode" % (xrefstm + 1) + refs,
        zlib.compress(table)) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    target.write_bytes(bytes(out))


def _one_page(target: Path, content: bytes, resources: bytes = b"",
              extra: list[bytes] | None = None) -> bytes:
    """A one-page PDF whose page content is ``content`` (a whole stream object, already
    made), objects 5 and on being ``extra``."""
    return write_pdf(target, [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources <</Font <</F1 <</Type /Font /Subtype /Type1 /BaseFont /Times-Roman>>>>"
        + resources + b">>>>",
        content, *(extra or [])])


_TEXT = b"BT /F1 12 Tf 72 770 Td (KE HOACH Cai cach hanh chinh nam 2026) Tj ET\n"


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
}

# Hostile structure trees: ignored, the file read as an untagged PDF (whose one line of
# text is no plan: said so, with that message's own hint).
TREES = ("deep-tags", "chained-tags", "tag-ring", "shared-tags", "many-tags")

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
    # A structure tree past its bounds is ignored: the page's line of text is read.
    **dict.fromkeys(TREES, "không tìm thấy bảng nhiệm vụ"),
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
    import sys

    for name, path in make_corpus(Path(sys.argv[1])).items():
        print(f"{name:18} {path.stat().st_size:>12,} bytes  {path}")
