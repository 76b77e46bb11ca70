"""How much of a PDF the plan reader is willing to read (bounds.MAX_PDF_*), checked before
pdfminer parses what would exceed it.

pdfminer has no limits of its own: it inflates a stream whole (a few MB that inflate to 2
GB of blanks ran out of memory), makes an object of every character, line and form drawn
on a page (a form drawing itself ten times over, twelve deep, is 10^12 of them), follows
a reference to a reference for ever when they make a ring, and counts pages by making
each one. So, before pdfminer opens the file, the streams it inflates while opening it (a
cross-reference stream; an object stream holding the catalog, deciphered first in an
encrypted file; the object streams it expands when it rebuilds a damaged file's
cross-reference) are found in the file's bytes and inflated as below, their /Filter and
/Length looked up in the bytes when given as other objects, and a ring of cross-reference
sections, however long their trailers, or of the objects a trailer's /Root, /Info,
/Encrypt or /ID refers to, is refused (:func:`check_opening`). Before any
page is read, every object of the file is looked at once (:func:`check_objects`): how many
there are, rings of references, and each stream's inflated size, inflated piece by piece
and left once over the limit (an image's data, which the reader never inflates, is not).
Pages are counted up to one over the limit (:func:`count_pages`). Each page is then laid
out by :func:`page_layout`, which stops it once its content, characters or drawings pass
their limits.
"""

from __future__ import annotations

import bisect
import itertools
import re
import zlib
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

from .. import bounds
from ..errors import WorkbookError
from ..text import vn_number

_INFLATE_STEP = 1 << 20
# A file cut short, bytes that only begin as a PDF does, objects in a ring.
DAMAGED = "tệp PDF bị hỏng, không đọc được nội dung"


def refusal(path: Path, message: str, hint: str) -> WorkbookError:
    return WorkbookError(message, file=str(path), hint=hint)


def check_objects(doc, path: Path, hint: str) -> None:
    """Refuse a PDF whose objects are too many, refer to each other in a ring, or hold a
    stream that inflates past :data:`bounds.MAX_PDF_STREAM_BYTES` (all together, past
    :data:`bounds.MAX_PDF_TOTAL_BYTES`). A stream is never inside an object stream, so
    each object stream is checked before the objects it holds are parsed from it."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream
    from pdfminer.psparser import PSException

    ids: dict[int, int | None] = {}  # object -> the object stream holding it (None: none)
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid not in ids:
                ids[objid] = xref.get_pos(objid)[0]
            if len(ids) > bounds.MAX_PDF_OBJECTS:
                most = vn_number(bounds.MAX_PDF_OBJECTS)
                raise refusal(path, f"tệp PDF có hơn {most} đối tượng (giới hạn {most}): không "
                                    "phải một văn bản kế hoạch", hint)
    checked: set[int] = set()
    total = 0

    def check(objid: int) -> object:
        nonlocal total
        obj = doc.getobj(objid)
        if objid not in checked and isinstance(obj, PDFStream):
            total += _inflated_size(obj, path, hint)
            if total > bounds.MAX_PDF_TOTAL_BYTES:
                raise _over_total(path, hint)
        checked.add(objid)
        return obj

    damaged = refusal(path, DAMAGED, hint)
    for objid, holder in ids.items():
        try:
            if holder is not None and holder not in checked:
                check(holder)
            obj = check(objid)
            seen = {objid}
            while isinstance(obj, PDFObjRef):  # pdfminer follows a ring of these for ever
                if obj.objid in seen:
                    raise damaged
                seen.add(obj.objid)
                obj = doc.getobj(obj.objid) if obj.objid in ids else None
        except (PSException, ValueError, KeyError, TypeError, AttributeError, EOFError):
            continue  # damaged: said when a page needs it; pdfminer skips it otherwise


def _over_total(path: Path, hint: str) -> WorkbookError:
    return refusal(path, f"tệp PDF khi giải nén lớn hơn "
                         f"{bounds.size_text(bounds.MAX_PDF_TOTAL_BYTES)} (giới hạn "
                         f"{bounds.size_text(bounds.MAX_PDF_TOTAL_BYTES)}): nội dung lớn bất "
                         "thường", hint)


# What pdfminer inflates while opening a file, before check_objects can look: a
# cross-reference stream; an object stream holding what the trailer names (the catalog,
# the document's information), deciphered first when the file is encrypted; and, when the
# cross-reference is damaged, every object stream (its fallback reads the file line by line
# and expands each one it meets, as stored: it deciphers nothing before the file is open).
_STREAM_KEYWORD = re.compile(rb">>[\x00\t\n\f\r ]*stream")
_OBJ_HEADER = re.compile(rb"(\d{1,10})[\x00\t\n\f\r ]+(\d{1,5})[\x00\t\n\f\r ]*$")
# "N G obj" once N is known (the digits before it looked at apart: a pattern beginning with
# them is searched for quickly).
_DEFINED = rb"[\x00\t\n\f\r ]+\d{1,5}[\x00\t\n\f\r ]+obj(?![^\x00\t\n\f\r ()<>\[\]{}/%])"
# Objects looked up in the bytes for one file, and writings of one object: past these the
# file is refused as damaged (a real file's opening streams refer to a few, written once).
_MOST_LOOKED_UP = 256
_MOST_WRITINGS = 16
_REF = re.compile(rb"[\x00\t\n\f\r ]*(\d{1,10})[\x00\t\n\f\r ]+\d{1,5}[\x00\t\n\f\r ]+R"
                  rb"(?![^\x00\t\n\f\r ()<>\[\]{}/%])")
_STARTXREF = re.compile(rb"startxref[\x00\t\n\f\r ]+(\d{1,10})")
_TRAILER = re.compile(rb"trailer")
_SPACE = re.compile(rb"[\x00\t\n\f\r ]*")
_EOL = re.compile(rb"\r\n|\r|\n")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_OPENING_TYPE = re.compile(rb"/Type[\x00\t\n\f\r ]*/(?:XRef|ObjStm)"
                           rb"(?![^\x00\t\n\f\r ()<>\[\]{}/%])")
_FALLBACK_TRAILER = re.compile(rb"(?:^|[\r\n])trailer")


def _parse_errors() -> tuple[type[Exception], ...]:
    """What pdfminer raises reading bytes that are not what they should be."""
    from pdfminer.psparser import PSException

    return (PSException, ValueError, KeyError, TypeError, AttributeError, EOFError,
            RecursionError)


def check_opening(data: bytes, path: Path, hint: str) -> None:
    """Refuse a PDF (its bytes, at most :data:`bounds.MAX_FILE_BYTES`) holding a
    cross-reference stream or an object stream that inflates past
    :data:`bounds.MAX_PDF_STREAM_BYTES` (all together, past
    :data:`bounds.MAX_PDF_TOTAL_BYTES`): pdfminer inflates those whole while opening the
    file, before :func:`check_objects` runs. Found by scanning the bytes for each
    "N G obj << … >> stream" whose dictionary says /XRef or /ObjStm; its data read to
    "endstream" or over its /Length, whichever goes further (pdfminer reads one or the
    other), and inflated as :func:`check_objects` inflates a stream: as stored, and, in an
    encrypted file, an object stream deciphered too (with the generation number its
    "N G obj" gives: pdfminer takes the cross-reference's, and a file giving another
    there is not caught here). Its /Length, /Filter and /DecodeParms, when given as other
    objects ("/Filter 7 0 R"), are those objects as written in the file
    (:class:`_Written`). A trailer's /Root, /Info, /Encrypt and /ID, which pdfminer
    resolves while opening the file, are followed through the objects written in the
    file: a ring of them is refused as damaged (:meth:`_Written.follow`)."""
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import LIT

    written = _Written(data, path, hint)
    found, read, after, stop, sections = [], 0, 0, -1, {}
    for keyword in _STREAM_KEYWORD.finditer(data):
        before, after = after, keyword.end()
        head = _header(data, before, keyword.start())
        if head is None:
            continue
        objid, genno, at, start = head
        attrs = data[start:keyword.start() + 2]
        if not _OPENING_TYPE.search(_NAME_ESCAPE.sub(lambda m: bytes.fromhex(m[1].decode()),
                                                     attrs)):
            continue
        try:
            parsed = written.parse(attrs)
            length = resolve1(parsed.get("Length"))
        except _parse_errors():
            continue  # not a stream pdfminer can read either
        eol = _EOL.search(data, after)  # the data begins on the line after "stream"
        begin = eol.end() if eol else len(data)
        if stop < begin:
            stop = data.find(b"endstream", begin)
            stop = len(data) if stop < 0 else stop
        end = stop
        if isinstance(length, int) and length > 0:
            end = max(end, min(len(data), begin + length))
        read += end - begin
        if read > 2 * len(data):  # streams running into each other, no "endstream" between
            raise refusal(path, DAMAGED, hint)
        found.append((objid, genno, parsed, begin, end))
        if parsed.get("Type") is LIT("XRef"):
            sections[at] = parsed
    ring, named = _sections(data, sections, written)
    trailers = [*named, *_fallback_trailers(data, written)]
    for attrs in trailers:  # what pdfminer resolves while opening the file
        for key in ("Root", "Info", "Encrypt", "ID"):
            written.follow(attrs.get(key))
    ciphers = _ciphers(trailers, written) if b"/Encrypt" in data else []
    total = 0
    for objid, genno, parsed, begin, end in found:
        sizes = [0]
        # A cross-reference stream is never enciphered (pdfminer reads it before it knows).
        for decipher in [None, *(ciphers if parsed.get("Type") is LIT("ObjStm") else [])]:
            stream = PDFStream(parsed, data[begin:end], decipher)
            stream.set_objid(objid, genno)
            try:
                sizes.append(_inflated_size(stream, path, hint))
            except _parse_errors():
                continue
        total += max(sizes)
        if total > bounds.MAX_PDF_TOTAL_BYTES:
            raise _over_total(path, hint)
    if ring:
        raise refusal(path, DAMAGED, hint)


class _Written:
    """The objects of a PDF as written in its bytes ("N G obj … endobj"), standing for
    pdfminer's document while the file is checked before pdfminer opens it: an object
    stream's or a cross-reference stream's /Length, /Filter or /DecodeParms given as
    another object, an encrypted file's /Encrypt and /ID. An object written more than once
    (a file saved again over itself) is each of its writings: integers the largest (a
    length read the furthest), anything else refused as damaged unless they agree; one
    not written (held in an object stream, or missing) or referring round in a ring is
    refused as damaged, pdfminer reading it otherwise from what was not checked."""

    def __init__(self, data: bytes, path: Path, hint: str) -> None:
        from pdfminer.pdfparser import PDFStreamParser

        self.data, self.path, self.hint = data, path, hint
        self.reader = PDFStreamParser(data)  # the file's bytes, not copied
        self.reader.set_document(self)
        self.where: dict[int, list[int]] = {}  # an object: where each writing of it begins

    def parse(self, attrs: bytes) -> dict:
        from pdfminer.pdfparser import PDFStreamParser

        parser = PDFStreamParser(attrs)
        parser.set_document(self)
        parsed = parser.nextobject()[1]
        if not isinstance(parsed, dict):
            raise TypeError(parsed)
        return parsed

    def at(self, pos: int) -> object:
        """The object written at ``pos``, read as far as it goes."""
        self.reader.seek(pos)
        return self.reader.nextobject()[1]

    def writings(self, objid: int) -> list[int]:
        """Where each "``objid`` G obj" in the file ends."""
        if objid not in self.where:
            if len(self.where) >= _MOST_LOOKED_UP:
                raise refusal(self.path, DAMAGED, self.hint)
            found = []
            for m in re.finditer(b"%d%s" % (objid, _DEFINED), self.data):
                if m.start() and self.data[m.start() - 1] in b"0123456789":
                    continue  # "17 0 obj" is not object 7
                found.append(m.end())
                if len(found) > _MOST_WRITINGS:
                    raise refusal(self.path, DAMAGED, self.hint)
            self.where[objid] = found
        return self.where[objid]

    def follow(self, value: object) -> None:
        """Refuse as damaged a reference pdfminer would follow for ever, resolving it
        (``resolve1``): objects written in the bytes as other references ("1 0 obj 2 0 R
        endobj") coming round in a ring, any writing of each followed. Anything else
        (an object in an object stream, or not written) ends the way: pdfminer reads it
        once."""
        from pdfminer.pdftypes import PDFObjRef

        if not isinstance(value, PDFObjRef):
            return

        def refers(objid: int) -> Iterator[int]:
            for pos in self.writings(objid):
                ref = _REF.match(self.data, pos)
                if ref:
                    yield int(ref[1])

        on_way = {value.objid: True}  # False: followed to its end
        way = [(value.objid, refers(value.objid))]
        while way:
            objid, after = way[-1]
            nxt = next(after, None)
            if nxt is None:
                on_way[objid] = False
                way.pop()
            elif on_way.get(nxt):
                raise refusal(self.path, DAMAGED, self.hint)
            elif nxt not in on_way:
                on_way[nxt] = True
                way.append((nxt, refers(nxt)))

    def getobj(self, objid: int) -> object:
        from pdfminer.pdftypes import PDFObjRef

        damaged = refusal(self.path, DAMAGED, self.hint)
        seen = set()
        while objid not in seen:
            seen.add(objid)
            values = []
            for pos in self.writings(objid):
                ref = _REF.match(self.data, pos)  # "7 0 obj 8 0 R endobj"
                try:
                    values.append(PDFObjRef(self, int(ref[1])) if ref else self.at(pos))
                except _parse_errors():
                    raise damaged from None
            if not values:
                raise damaged
            if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                return max(values)
            if len({repr(v) for v in values}) > 1:
                raise damaged
            if not isinstance(values[0], PDFObjRef):
                return values[0]
            objid = values[0].objid
        raise damaged


def _fallback_trailers(data: bytes, written: _Written) -> list[object]:
    """The trailers pdfminer's fallback reads, rebuilding a damaged file's cross-reference:
    each line starting "trailer", read as far as it goes (one inside a trailer read before,
    in its strings, is not: read again, a trailer of 1 MB holding 100,000 of them would be
    read 100,000 times)."""
    found, end = [], 0
    for fallback in _FALLBACK_TRAILER.finditer(data):
        if fallback.start() < end:
            continue
        try:
            found.append(written.at(fallback.end()))
        except _parse_errors():
            pass
        end = written.reader.bufpos + written.reader.charpos  # where reading stopped
    return found


def _ciphers(trailers: list, written: _Written) -> list:
    """What an encrypted file's objects are deciphered with: pdfminer's deciphering, as it
    makes it with no password from the /Encrypt and /ID of a cross-reference section it
    reads, or of a trailer its fallback reads (``trailers``); each one named, pdfminer
    using the first it meets."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    ciphers = {}
    for attrs in trailers:
        if not isinstance(attrs, dict) or "Encrypt" not in attrs:
            continue
        try:
            param = resolve1(attrs["Encrypt"])
            docid = resolve1(attrs.get("ID")) or [b"", b""]
            docid = [resolve1(part) for part in docid]
            factory = PDFDocument.security_handler_registry.get(resolve1(param.get("V", 0)))
            if factory is None or literal_name(resolve1(param.get("Filter"))) != "Standard":
                continue  # pdfminer refuses the file before deciphering anything
            handler = factory(docid, param, "")
        except (PDFEncryptionError, *_parse_errors()):
            continue  # a password to open it: refused so, nothing deciphered
        ciphers.setdefault(handler.key, handler.decrypt)
    return list(ciphers.values())


def _sections(data: bytes, streams: dict[int, dict], written: _Written
              ) -> tuple[bool, list[dict]]:
    """The dictionaries of the cross-reference sections pdfminer reads, from the one
    "startxref" names through each one's /Prev and /XRefStm, and whether they come round to
    one read already: pdfminer reads it again and again (keeping each reading: a stream
    inflated a thousand times, a trailer of a megabyte read a thousand times) until
    Python's recursion limit. ``streams``: each cross-reference stream's dictionary by
    where it begins; a table's is the "trailer" after it, read whole (each once)."""
    last = data.rfind(b"startxref")
    first = _STARTXREF.match(data, last) if last >= 0 else None
    trailers = [m.end() for m in _TRAILER.finditer(data)]
    tables: dict[int, object] = {}  # a trailer (by its place in ``trailers``) once read
    todo, seen, found = [int(first[1])] if first else [], set(), []
    while todo:
        at = _SPACE.match(data, todo.pop()).end()
        if at in seen:
            return True, found
        seen.add(at)
        attrs = streams.get(at)
        if attrs is None and data.startswith(b"xref", at):
            after = bisect.bisect_left(trailers, at)
            if after < len(trailers) and after not in tables:
                try:
                    tables[after] = written.at(trailers[after])
                except _parse_errors():
                    tables[after] = None
            attrs = tables.get(after)
        if isinstance(attrs, dict):
            found.append(attrs)
            todo += [v for v in (attrs.get("XRefStm"), attrs.get("Prev"))
                     if isinstance(v, int) and 0 <= v < len(data)]
    return False, found


def _header(data: bytes, lo: int, hi: int) -> tuple[int, int, int, int] | None:
    """The object and generation numbers, where it begins and where its dictionary
    begins, of the last "N G obj" in ``data[lo:hi]``."""
    at = data.rfind(b"obj", lo, hi)
    while at >= 0:
        number = _OBJ_HEADER.search(data, max(lo, at - 40), at)
        if number:
            return int(number[1]), int(number[2]), number.start(), at + 3
        at = data.rfind(b"obj", lo, at)
    return None


def _inflated_size(stream, path: Path, hint: str) -> int:
    """The size ``stream``'s data would have once decoded as pdfminer decodes it, found
    without holding more than the limit; an image's data (never decoded) as stored."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.lzw import LZWDecoder
    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
        LITERALS_LZW_DECODE,
        LITERALS_RUNLENGTH_DECODE,
    )
    from pdfminer.psparser import LIT

    limit = bounds.MAX_PDF_STREAM_BYTES
    if stream.rawdata is None:  # decoded already (an object stream pdfminer read at opening)
        return len(stream.data or b"")
    data = stream.rawdata
    if stream.get("Subtype") is LIT("Image") and stream.get("Type") not in (LIT("ObjStm"),
                                                                           LIT("XRef")):
        return len(data)  # (pdfminer inflates an object stream whatever else it says)
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = [f for f, _ in stream.get_filters()]

    def over() -> WorkbookError:
        return refusal(path, f"tệp PDF có phần nội dung (đối tượng số {stream.objid}) khi giải "
                             f"nén lớn hơn {bounds.size_text(limit)} (giới hạn "
                             f"{bounds.size_text(limit)}): nội dung lớn bất thường", hint)

    for k, f in enumerate(filters):
        keep = k < len(filters) - 1  # the next filter decodes what this one gives
        if f in LITERALS_FLATE_DECODE:
            got = _capped(_inflated(data), limit, keep, over)
        elif f in LITERALS_LZW_DECODE:
            got = _capped(LZWDecoder(BytesIO(data)).run(), limit, keep, over)
        elif f in LITERALS_ASCII85_DECODE or f in LITERALS_ASCIIHEX_DECODE:
            if len(data) > limit:  # decodes to at most 4 times as much
                raise over()
            got = (ascii85decode if f in LITERALS_ASCII85_DECODE else asciihexdecode)(data)
        elif f in LITERALS_RUNLENGTH_DECODE:
            if len(data) * 128 > limit:  # a run of 2 bytes decodes to 128
                raise over()
            return len(data) * 128
        else:
            break  # not decoded by pdfminer (an image's)
        if isinstance(got, int):
            return got
        data = got
    if len(data) > limit:
        raise over()
    return len(data)


def _inflated(data: bytes) -> Iterator[bytes]:
    """``data`` inflated piece by piece; a stream damaged part way gives what comes
    before the damage, as pdfminer's reading of it does."""
    d = zlib.decompressobj()
    pending = data
    while pending and not d.eof:
        try:
            chunk = d.decompress(pending, _INFLATE_STEP)
        except zlib.error:
            return
        pending = d.unconsumed_tail
        if not chunk and not pending:
            return
        yield chunk


def _capped(chunks: Iterable[bytes], limit: int, keep: bool, over) -> bytes | int:
    """The decoded bytes (only their number, unless ``keep``), raising ``over()`` once
    past ``limit``."""
    size, parts = 0, []
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise over()
        if keep:
            parts.append(chunk)
    return b"".join(parts) if keep else size


def count_pages(doc, path: Path, hint: str) -> int:
    """The number of pages, counted up to one over :data:`bounds.MAX_PDF_PAGES` (a file
    of 10,000 small pages is not made into 10,000 pages to be refused)."""
    from pdfminer.pdfpage import PDFPage

    pages = sum(1 for _ in itertools.islice(PDFPage.create_pages(doc),
                                            bounds.MAX_PDF_PAGES + 1))
    if pages > bounds.MAX_PDF_PAGES:
        raise refusal(path, f"tệp PDF có hơn {bounds.MAX_PDF_PAGES} trang (giới hạn "
                            f"{bounds.MAX_PDF_PAGES} trang): không phải một văn bản kế hoạch",
                      hint)
    return pages


def page_layout(page, path: Path, hint: str) -> None:
    """Lay out a pdfplumber page (what its ``layout`` would do), stopped with a refusal
    once the content it runs passes :data:`bounds.MAX_PDF_PAGE_CONTENT`, or it draws
    more than :data:`bounds.MAX_PDF_PAGE_CHARS` characters or
    :data:`bounds.MAX_PDF_PAGE_DRAWINGS` lines, shapes, forms and images."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import PDFStream, list_value, resolve1
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    n = page.page_number

    def limit(what: str, most: int, tail: str = "không phải trang văn bản bình thường"):
        return refusal(path, f"trang {n} của tệp PDF có {what} (giới hạn "
                             f"{vn_number(most)}): {tail}", hint)

    class Device(PDFPageAggregatorWithMarkedContent):
        content = chars = drawings = 0

        def run(self, size: int) -> None:
            self.content += size
            if self.content > bounds.MAX_PDF_PAGE_CONTENT:
                raise refusal(path, f"trang {n} của tệp PDF có nội dung lớn hơn "
                                    f"{bounds.size_text(bounds.MAX_PDF_PAGE_CONTENT)} (giới hạn "
                                    f"{bounds.size_text(bounds.MAX_PDF_PAGE_CONTENT)}): nội "
                                    "dung lớn bất thường", hint)

        def drawn(self) -> None:
            self.drawings += 1
            if self.drawings > bounds.MAX_PDF_PAGE_DRAWINGS:
                raise limit(f"hơn {vn_number(bounds.MAX_PDF_PAGE_DRAWINGS)} nét kẻ, hình vẽ",
                            bounds.MAX_PDF_PAGE_DRAWINGS)

        def render_char(self, *args, **kwargs):
            self.chars += 1
            if self.chars > bounds.MAX_PDF_PAGE_CHARS:
                raise limit(f"hơn {vn_number(bounds.MAX_PDF_PAGE_CHARS)} ký tự",
                            bounds.MAX_PDF_PAGE_CHARS)
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs) -> None:
            self.drawn()
            super().paint_path(*args, **kwargs)

        def begin_figure(self, *args, **kwargs) -> None:
            self.drawn()
            super().begin_figure(*args, **kwargs)

    class Interpreter(PDFPageInterpreter):
        def render_contents(self, resources, streams, ctm=(1, 0, 0, 1, 0, 0)) -> None:
            for s in list_value(streams):
                s = resolve1(s)
                if isinstance(s, PDFStream):
                    self.device.run(len(s.get_data()))  # bounded by check_objects
            super().render_contents(resources, streams, ctm=ctm)

    device = Device(page.pdf.rsrcmgr, pageno=n, laparams=page.pdf.laparams)
    Interpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()  # what pdfplumber's Page.layout keeps
