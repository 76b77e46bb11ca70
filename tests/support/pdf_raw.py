"""PDFs written in raw PDF syntax for the hostile-PDF cases (hostile_pdfs.py,
hostile_pdf_crypto.py): objects, a cross-reference table or stream, an object stream.

A content stream that inflates to gigabytes is written as one zlib stream made of the
same deflate block repeated (each block ends with a full flush, so the same compressed
bytes can follow each other), its Adler-32 combined by zlib's adler32_combine: 2 GB of
page content costs a few MB and well under a second to make, and inflates to exactly
what it says.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from support.hostile import deflate_piece, repeated_checksum, zlib_combine

GB = 1 << 30
MB = 1 << 20

_ADLER_COMBINE = zlib_combine("adler32_combine")


def _repeated_zlib(head: bytes, chunk: bytes, times: int, tail: bytes,
                   stored: bytes = b"") -> bytes:
    """A zlib stream of ``head + stored + chunk * times + tail``, compressed once per
    piece; ``stored`` kept as it is, in a stored block (its bytes seen in the stream's)."""
    end = zlib.compressobj(6, zlib.DEFLATED, -15)
    adler = zlib.adler32(stored, zlib.adler32(head))
    adler = repeated_checksum(zlib.adler32, _ADLER_COMBINE, adler, chunk, times)
    adler = zlib.adler32(tail, adler)
    block = (b"\x00" + len(stored).to_bytes(2, "little")
             + (len(stored) ^ 0xFFFF).to_bytes(2, "little") + stored) if stored else b""
    body = (deflate_piece(head) + block + deflate_piece(chunk) * times + end.compress(tail)
            + end.flush())
    return b"\x78\xda" + body + adler.to_bytes(4, "big")


def _stream(attrs: bytes, data: bytes) -> bytes:
    """A stream object, its /Length the data's unless ``attrs`` gives one."""
    length = b"" if b"/Length" in attrs else b" /Length %d" % len(data)
    return b"<<%s%s>>\nstream\n" % (attrs, length) + data + b"\nendstream"


def write_pdf(target: Path, objects: list[bytes], root: int = 1, xref: bool = True,
              trailer: bytes = b"") -> bytes:
    """A PDF of ``objects`` (object 1 is the first), its cross-reference table and
    trailer (``trailer`` added to it); the bytes written."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<</Size %d /Root %d 0 R%s>>\n" % (len(objects) + 1, root, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    target.write_bytes(bytes(out))
    return bytes(out)


def _one_page(target: Path, content: bytes, resources: bytes = b"",
              extra: list[bytes] | None = None, trailer: bytes = b"") -> bytes:
    """A one-page PDF whose page content is ``content`` (a whole stream object, already
    made), objects 5 and on being ``extra``, ``trailer`` added to its trailer."""
    return write_pdf(target, [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources <</Font <</F1 <</Type /Font /Subtype /Type1 /BaseFont /Times-Roman>>>>"
        + resources + b">>>>",
        content, *(extra or [])], trailer=trailer)


_TEXT = b"BT /F1 12 Tf 72 770 Td (KE HOACH Cai cach hanh chinh nam 2026) Tj ET\n"


def _packed_pdf(target: Path, objstm: bytes, data: bytes, *, loose: list[bytes] = (),
                xref: bytes = b"", encrypt=None, packed_in: int = 5) -> None:
    """A one-page PDF 1.5: the catalog, page tree and page (objects 1-3) packed in an
    object stream (object 5: ``objstm`` added to its dictionary, its data ``data``,
    compressed already, the objects' numbers and offsets first), the page's content object
    4, the cross-reference stream object 6 (``xref`` added to its dictionary), objects 7
    and on ``loose``. ``encrypt(objid, data)``: each stream's data as stored.
    ``packed_in``: the object the cross-reference says holds objects 1-3."""
    seal = encrypt or (lambda objid, data: data)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {4: len(out)}
    out += b"4 0 obj\n" + _stream(b"", seal(4, _TEXT)) + b"\nendobj\n"
    offsets[5] = len(out)
    out += b"5 0 obj\n" + _stream(b"/Type /ObjStm /N 3 " + objstm, seal(5, data))
    out += b"\nendobj\n"
    for n, body in enumerate(loose, start=7):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    start = offsets[6] = len(out)
    size = 7 + len(loose)
    entries = [b"\x00\x00\x00\x00\x00\xff\xff"]
    entries += [b"\x02\x00\x00\x00" + bytes([packed_in, 0, n - 1]) for n in (1, 2, 3)]
    entries += [b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00"
                for n in range(4, size)]
    out += b"6 0 obj\n" + _stream(b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R "
                                   b"/Filter /FlateDecode" % size + xref,
                                   zlib.compress(b"".join(entries))) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    target.write_bytes(bytes(out))


_PACKED = [b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
           b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>>"]


def _packed_objects(blanks: int, stored: bytes = b"") -> tuple[bytes, int]:
    """An object stream's data holding objects 1-3 (_PACKED), then ``stored`` (in a stored
    block) and ``blanks`` blanks (a whole number of megabytes), compressed; and where its
    first object begins."""
    bodies, heads = b"", []
    for n, body in enumerate(_PACKED, start=1):
        heads.append(b"%d %d" % (n, len(bodies)))
        bodies += body + b"\n"
    head = b" ".join(heads) + b"\n"
    return _repeated_zlib(head + bodies, b" " * MB, blanks // MB, b"", stored), len(head)
