"""Reading a plan kept as a PDF with a text layer (exported from Word or LibreOffice, as
the document system publishes it) with pdfplumber: the lines of text outside the tables,
and the ruled tables, merged cells resolved to the cell they continue, a table printed
over several pages joined into one as the Word document has it.

A PDF knows no paragraphs, only lines placed on a page: a cell's or a paragraph's lines
are joined back where a line was wrapped (the next line's first word would not have fitted
on it) and kept apart where the writer broke it (the next word would have fitted). A
tagged PDF's tags say which lines are of one paragraph, where they agree with the page
(pdf_tags); the words of the lines otherwise (:func:`~cchc_xl.plan_import.pdf_lines.breaks`). A row
cut by a page break is joined back to its first part, and the header rows printed again
at the top of each page are left out.

The whole reading (the checks before pdfminer opens the file, the opening, the pages) runs
in a worker process within a memory and a time budget (:func:`read_pdf`): the checks give
a bad file's specific reason; the budget ends whatever they did not foresee.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import bounds
from ..errors import CchcError, WorkbookError
from .pdf_bounds import DAMAGED, check_objects, check_opening, count_pages, page_layout
from .pdf_lines import ITEM, ITEM_END, Line, joint, page_spaces, same_lines, wrapped
from .pdf_rc4 import SlowCipher, install, slow_budget
from .pdf_tags import Tags, read_tags
from .preamble import form_part
from .source import Block, SourceTable, TextLine, cell_text, grid

_WORD_FILE = ("xin cơ quan ban hành bản Word (.docx) của văn bản, hoặc bản PDF xuất từ Word "
              "(Lưu thành PDF), rồi nhập lại")

# Where the time a plan's PDF is read within may be set, in seconds (read_seconds).
SECONDS_VARIABLE = "CCHC_XL_PDF_SECONDS"

# An old "protected" PDF (RC4) whose key only pdfminer's slow deciphering takes (pdf_rc4).
_SLOW_RC4 = (f"tệp PDF được mã hóa kiểu cũ (RC4) với độ dài khóa ít gặp, phần cần giải mã lớn "
             f"hơn {bounds.size_text(bounds.MAX_PDF_SLOW_RC4_BYTES)} (giới hạn "
             f"{bounds.size_text(bounds.MAX_PDF_SLOW_RC4_BYTES)} với kiểu mã hóa này): không "
             "giải mã được trong thời gian cho phép")

# Distances on the page, in points (1/72 inch).
_EDGE = 2.0  # two cell edges this close are one
_GAP = 18.0  # a horizontal gap this wide inside a line of text parts two columns
# Lines of room left under a cell's text, more than which its text was not cut by a page
# break (the line that would have fitted, a paragraph's last two kept together, padding).
_ROOM_LINES = 2.0
# A cell's last line this many of its height above a row's lowest line is a line short.
_LINE_SHORT = 0.8


@dataclass
class _Fragment:
    """A table's part on one page: cells as (x0, top, x1, bottom, lines)."""

    page: int
    bbox: tuple[float, float, float, float]
    cells: list[tuple[float, float, float, float, list[Line]]]


@dataclass
class _Table:
    fragments: list[_Fragment] = field(default_factory=list)


def read_pdf(path: Path) -> list[Block]:
    """The lines and tables of the plan in the PDF ``path``, read in a worker process
    (:func:`cchc_xl.isolate.run_isolated`) within :data:`bounds.READ_MEMORY_BYTES` of
    address space and :func:`read_seconds`: whatever pdfminer or pdfplumber make of a
    file the checks do not foresee (a ring reached through an object stream), the import
    ends within the budget with one line. A refusal of :func:`read_pdf_here` comes back
    as it was raised."""
    from ..isolate import CRASH, MEMORY, TIMEOUT, Failure, run_isolated

    seconds = read_seconds()
    ((_, outcome),) = list(run_isolated(_read_in_worker, [path], workers=1, seconds=seconds,
                                        memory=bounds.READ_MEMORY_BYTES))
    if isinstance(outcome, Failure):
        shown = f"{seconds:g}".replace(".", ",")
        message = {
            TIMEOUT: f"không đọc xong tệp PDF trong giới hạn {shown} giây: tệp bị hỏng hoặc có "
                     "cấu trúc bất thường",
            MEMORY: f"không đọc được tệp PDF trong giới hạn bộ nhớ "
                    f"{bounds.size_text(bounds.READ_MEMORY_BYTES)}: tệp bị hỏng hoặc có cấu "
                    "trúc bất thường",
            CRASH: "chương trình đọc tệp PDF bị dừng đột ngột: tệp có thể bị hỏng",
        }.get(outcome.kind, f"không đọc được tệp PDF: {outcome.reason}")
        raise WorkbookError(message, file=str(path), hint=_WORD_FILE)
    refused, blocks = outcome
    if refused is not None:
        message, sheet, cell, hint = refused
        raise WorkbookError(message, file=str(path), sheet=sheet, cell=cell, hint=hint)
    return blocks


def read_seconds() -> float:
    """The time a plan's PDF is read within: :data:`bounds.READ_SECONDS`, or the seconds
    the environment variable :data:`SECONDS_VARIABLE` gives (a slow machine, a test)."""
    try:
        seconds = float(os.environ.get(SECONDS_VARIABLE, ""))
    except ValueError:
        return bounds.READ_SECONDS
    return seconds if seconds > 0 else bounds.READ_SECONDS


def _read_in_worker(path: Path) -> tuple[tuple | None, list[Block] | None]:
    """:func:`read_pdf_here` in a worker: ``(None, blocks)``, or the refusal's parts and
    None (pickled back to the caller, which raises it again)."""
    try:
        return None, read_pdf_here(path)
    except CchcError as exc:
        return (exc.message, exc.sheet, exc.cell, exc.hint), None


def read_pdf_here(path: Path) -> list[Block]:
    """What :func:`read_pdf` does in its worker: the file checked (pdf_bounds, pdf_rc4,
    pdf_tags) and read with pdfplumber in this process."""
    import pdfplumber  # imported when a PDF is read: its dependencies are heavy
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    size = path.stat().st_size
    if size > bounds.MAX_FILE_BYTES:
        raise WorkbookError(f"tệp quá lớn ({bounds.size_text(size)}, giới hạn "
                            f"{bounds.size_text(bounds.MAX_FILE_BYTES)})", file=str(path),
                            hint=_WORD_FILE)
    install()  # RC4 deciphered in linear time (pdf_rc4), pdfminer's own the fallback
    try:
        # Not pdfplumber's own opening and closing: closing makes every page first (for
        # ever, when the page tree's objects refer to each other in a ring).
        with slow_budget(), open(path, "rb") as stream:
            # What pdfminer inflates while opening the file, bounded before it does.
            check_opening(stream.read(bounds.MAX_FILE_BYTES + 1), path, _WORD_FILE)
            stream.seek(0)
            with _metadata_unread():
                pdf = pdfplumber.open(stream)
            # Bounded before pdfminer reads a page (pdf_bounds): it has no limits.
            check_objects(pdf.doc, path, _WORD_FILE)
            count_pages(pdf.doc, path, _WORD_FILE)
            tags = read_tags(pdf.doc)  # None: untagged, or its tree ignored
            items = []
            spaces: dict[float, float] = {}  # by font size, of the pages read (page_spaces)
            for n, page in enumerate(pdf.pages, start=1):
                page_layout(page, path, _WORD_FILE)
                items += _page_items(page, n, tags, spaces)
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError,
            AttributeError, EOFError, RecursionError, SlowCipher) as exc:
        # RecursionError: objects nested thousands deep (arrays in arrays).
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, SlowCipher):
            raise WorkbookError(_SLOW_RC4, file=str(path), hint=_WORD_FILE) from exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise WorkbookError("tệp PDF có đặt mật khẩu, không đọc được", file=str(path),
                                hint=_WORD_FILE) from exc
        raise WorkbookError(DAMAGED, file=str(path), hint=_WORD_FILE) from exc
    if not any(isinstance(item, _Fragment) or item.text.strip() for item in items):
        raise WorkbookError(
            "tệp PDF là bản quét (ảnh chụp các trang), không có chữ để đọc", file=str(path),
            hint=_WORD_FILE)
    return _blocks(items)


@contextmanager
def _metadata_unread() -> Iterator[None]:
    """pdfplumber opening a file without reading its document information (/Info: title,
    author), which the plan reader never uses. pdfplumber resolves it whole, copying each
    array once for each path to it: an /Info whose title is an array naming the next
    twice, 40 deep, was 2^40 copies (20-40 s to 1 GB of memory, then a MemoryError it
    swallows, printing a warning of its own); a ring of it, for ever."""
    from pdfplumber import pdf as opening

    resolve = opening.resolve_and_decode
    opening.resolve_and_decode = lambda value: value
    try:
        yield
    finally:
        opening.resolve_and_decode = resolve


# --- one page ---------------------------------------------------------------------------

def _page_items(page, n: int, tags: Tags | None = None,
                spaces: dict[float, float] | None = None) -> list[_Fragment | TextLine]:
    """The page's tables and lines of text outside them, from top to bottom; each word
    given its paragraph by ``tags`` (a tagged PDF's) where they agree with the page, and
    its font's space by this page's lines or, failing them, ``spaces`` (page_spaces)."""
    found = [t for t in page.find_tables() if t.cells]
    boxes = [t.bbox for t in found]  # pdfplumber works a table's out from its cells each time
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                               return_chars=tags is not None)
    if tags is not None:
        tags.mark(words, page.page_obj.pageid)
    page_spaces(words, spaces)
    placed: list[tuple[float, _Fragment | TextLine]] = []
    outside = [w for w in words if not any(_inside(w, box) for box in boxes)]
    by_height = _ByHeight(words)
    for t, box in zip(found, boxes, strict=True):
        cells = [(x0, top, x1, bot, _lines(by_height.inside((x0, top, x1, bot))))
                 for x0, top, x1, bot in t.cells]
        for part in _by_columns(_Fragment(n, box, cells)):
            placed.append((part.bbox[1], part))
    lines = _lines(outside)
    if lines and _page_number(lines[0].text):
        lines = lines[1:]
    if lines and _page_number(lines[-1].text):
        lines = lines[:-1]
    width = page.width
    for line in lines:
        for part in _columns(line):
            placed.append((line.top, _Text(part, n, width)))
    placed.sort(key=lambda p: p[0])
    return _paragraphs([item for _, item in placed])


def _inside(word: dict, bbox) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, _middle(word)
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _middle(word: dict) -> float:
    return (word["top"] + word["bottom"]) / 2


class _ByHeight:
    """A page's words by the height of their middle: the words a cell holds
    (:func:`_inside`) are looked for among those at its height only, and given in the
    page's order. Every word tried in every cell was 13 million tries on a page ruled
    into 3,600 cells with a word in each (5 s of the page's 8)."""

    def __init__(self, words: list[dict]) -> None:
        self.words = words
        self.order = sorted(range(len(words)), key=lambda i: _middle(words[i]))
        self.heights = [_middle(words[i]) for i in self.order]

    def inside(self, bbox) -> list[dict]:
        band = self.order[bisect_left(self.heights, bbox[1]):
                          bisect_right(self.heights, bbox[3])]
        return [self.words[i] for i in sorted(band) if _inside(self.words[i], bbox)]


def _by_columns(fragment: _Fragment) -> list[_Fragment]:
    """A ruled table parted where its columns change: two tables one under the other with
    no paragraph between (the task table, then the signature's) are one grid of lines to
    pdfplumber. A row of fewer columns (an area's title across the row) belongs to the
    table; a row whose column edges and the row above's are each where the other has none,
    starts another."""
    tops = _edges([c[1] for c in fragment.cells] + [c[3] for c in fragment.cells])
    inner: list[set[int]] = []
    for top, bottom in zip(tops, tops[1:], strict=False):
        mid = (top + bottom) / 2
        inner.append({round(x) for c in fragment.cells if c[1] <= mid <= c[3]
                      for x in (c[0], c[2])} - {round(fragment.bbox[0]), round(fragment.bbox[2])})
    cuts = [0]
    for r in range(1, len(inner)):
        if not _near_subset(inner[r], inner[r - 1]) and not _near_subset(inner[r - 1], inner[r]):
            cuts.append(r)
    if len(cuts) == 1:
        return [fragment]
    parts = []
    for start, end in zip(cuts, [*cuts[1:], len(inner)], strict=False):
        top, bottom = tops[start], tops[end]
        cells = [c for c in fragment.cells if top - _EDGE <= (c[1] + c[3]) / 2 <= bottom + _EDGE]
        parts.append(_Fragment(fragment.page, (fragment.bbox[0], top, fragment.bbox[2], bottom),
                               cells))
    return parts


def _near_subset(a: set[int], b: set[int]) -> bool:
    return all(any(abs(x - y) <= _EDGE for y in b) for x in a)


def _lines(words: list[dict]) -> list[Line]:
    """Words grouped into printed lines, top to bottom, each left to right."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for line in lines:
            if abs(line.top - w["top"]) < (w["bottom"] - w["top"]) / 2:
                line.words.append(w)
                line.bottom = max(line.bottom, w["bottom"])
                break
        else:
            lines.append(Line([w], w["top"], w["bottom"]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return sorted(lines, key=lambda line: line.top)


def _page_number(text: str) -> bool:
    return text.strip("-– ").isdigit() and len(text) <= 6


def _columns(line: Line) -> list[Line]:
    """A line parted where a wide gap leaves two columns (the letterhead: the authority
    on the left, the national motto on the right, typed in a borderless table)."""
    parts = [Line([line.words[0]], line.top, line.bottom)]
    for w in line.words[1:]:
        if w["x0"] - parts[-1].x1 > _GAP:
            parts.append(Line([w], line.top, line.bottom))
        else:
            parts[-1].words.append(w)
    return parts


@dataclass
class _Text:
    """A line of text outside the tables, before it is joined into its paragraph."""

    line: Line
    page: int
    width: float


def _paragraphs(items: list) -> list[_Fragment | TextLine]:
    """The lines outside the tables joined into paragraphs: each line's left and right
    column apart, wrapped lines joined, on the page's own text width (its margins as
    the widest line leaves them)."""
    margin = min((i.line.x0 for i in items if isinstance(i, _Text)), default=0.0)
    out: list[_Fragment | TextLine] = []
    open_: dict[int, tuple[int, _Text]] = {}  # column (left 0, right 1) -> its last line
    for item in items:
        if isinstance(item, _Fragment):
            open_.clear()
            out.append(item)
            continue
        column = int(item.line.x0 > item.width / 2)
        last = open_.get(column)
        goes_on = last is not None and wrapped(last[1].line, item.line, item.width - margin)
        if last is not None and (goes_on or same_lines(last[1].line, item.line)):
            index = last[0]
            glue = (joint(last[1].line, item.line, item.width - margin) if goes_on
                    else "\n")  # else broken by hand
            out[index] = TextLine(out[index].text + glue + item.line.text, out[index].place)
            open_[column] = (index, item)
            continue
        out.append(TextLine(item.line.text, f"trang {item.page}"))
        open_[column] = (len(out) - 1, item)
    return out


def _blocks(items: list[_Fragment | TextLine]) -> list[Block]:
    """Tables (fragments joined over pages) and lines of text in the document's order."""
    joined: list[_Table | TextLine] = []
    firsts: list[list[str]] = []  # each table's rows on its first page, as read
    for k, item in enumerate(items):
        if isinstance(item, TextLine):
            joined.append(item)
            continue
        last = joined[-1] if joined else None
        if isinstance(last, _Table) and _continues(last.fragments[-1], item):
            last.fragments.append(item)
            continue
        after = items[k + 1] if k + 1 < len(items) else None
        if (isinstance(last, _Table) and isinstance(after, _Fragment)
                and after.page == item.page and _continues(last.fragments[-1], after, gap=item)
                and _a_header(item, firsts)):
            continue  # a header printed again over the rest of a table of other columns
        joined.append(_Table([item]))
        firsts.append(_row_texts(item))
    pad = min((line.x0 - c[0] for f in items if isinstance(f, _Fragment) for c in f.cells
               for line in c[4]), default=0.0)
    blocks: list[Block] = []
    tables = 0
    for item in joined:
        if isinstance(item, TextLine):
            blocks.append(item)
            continue
        table = _table(item, f"bảng {tables + 1}", pad)
        part = form_part([[cell.text for cell in row] for row in table.rows])
        if part is None:
            tables += 1
        else:
            table.label = part
        blocks.append(table)
    return blocks


def _continues(before: _Fragment, after: _Fragment, gap: _Fragment | None = None) -> bool:
    """True when ``after`` is the rest of ``before``'s table: on the next page, the first
    thing on it (or after ``gap``), ``before`` the last on its own, the same outer edges
    and columns (those of one, where the other has fewer)."""
    ours, theirs = _inner(before), _inner(after)
    return (after.page == before.page + 1
            and abs(after.bbox[0] - before.bbox[0]) <= _EDGE
            and abs(after.bbox[2] - before.bbox[2]) <= _EDGE
            and (_near_subset(ours, theirs) or _near_subset(theirs, ours)))


def _inner(fragment: _Fragment) -> set[int]:
    return {round(x) for c in fragment.cells for x in (c[0], c[2])} - {
        round(fragment.bbox[0]), round(fragment.bbox[2])}


def _row_texts(fragment: _Fragment) -> list[str]:
    """Each row's text, its cells' left to right."""
    tops = _edges([c[1] for c in fragment.cells])
    return [" | ".join(" ".join(line.text for line in c[4])
                       for c in sorted(fragment.cells, key=lambda c: c[0])
                       if abs(c[1] - top) <= _EDGE) for top in tops]


def _a_header(fragment: _Fragment, firsts: list[list[str]]) -> bool:
    """True when ``fragment`` is only the first rows of a table read before."""
    rows = _row_texts(fragment)
    return any(rows == first[:len(rows)] for first in firsts if len(first) > len(rows))


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


@dataclass
class _Cell:
    row: int
    col: int
    last_row: int
    last_col: int
    lines: list[Line]
    right: float  # where its lines may reach: its right edge less the table's padding
    bottom: float  # its lower edge on the page


def _fragment_rows(fragment: _Fragment, columns: list[float], pad: float
                   ) -> tuple[list[_Cell], int]:
    """The fragment's cells placed on the table's columns and the page's rows; ``pad``: the
    space a cell keeps between its text and its edges (the least of the document's, its
    left-aligned cells', not a centred cell's own)."""
    rows = _edges([v for c in fragment.cells for v in (c[1], c[3])])
    cells = []
    for x0, top, x1, bottom, lines in fragment.cells:
        r0, r1 = _index(rows, top), _index(rows, bottom) - 1
        c0, c1 = _index(columns, x0), _index(columns, x1) - 1
        if r1 >= r0 and c1 >= c0:
            cells.append(_Cell(r0, c0, r1, c1, lines, x1 - pad, bottom))
    return cells, len(rows) - 1


def _table(table: _Table, label: str, pad: float) -> SourceTable:
    columns = _edges([v for f in table.fragments for c in f.cells for v in (c[0], c[2])])
    width = len(columns) - 1
    all_cells: list[_Cell] = []
    height = 0
    header: list[tuple] = []
    for k, fragment in enumerate(table.fragments):
        cells, rows = _fragment_rows(fragment, columns, pad)
        if k:
            skip = _repeated_header(header, cells, rows)
            cells = [_moved(c, -skip) for c in cells if c.row >= skip]
            rows -= skip
            previous = [c for c in all_cells if c.last_row == height - 1]
            first = [c for c in cells if c.row == 0]
            if previous and first and _split_row(previous, first):
                cells = _joined(previous, first, cells)
                height -= 1
            elif previous and first:
                cells = _carried_on(previous, first, cells, height)
        else:
            header = _row_keys(cells, rows)
        all_cells += [_moved(c, height) for c in cells]
        height += rows
    spans = [(c.row, c.col, c.last_row, c.last_col, cell_text(_cell_text(c)))
             for c in sorted(all_cells, key=lambda c: (c.row, c.col))]
    return SourceTable(rows=grid(width, spans, height), label=label)


def _moved(c: _Cell, by: int) -> _Cell:
    return _Cell(c.row + by, c.col, c.last_row + by, c.last_col, c.lines, c.right, c.bottom)


def _row_keys(cells: list[_Cell], rows: int) -> list[tuple]:
    """Each row's cells as (column, last column, text), to compare rows of two pages."""
    return [tuple((c.col, c.last_col, _cell_text(c)) for c in cells if c.row == r)
            for r in range(rows)]


def _repeated_header(header: list[tuple], cells: list[_Cell], rows: int) -> int:
    """How many rows at the top of a page repeat the table's first rows (Word's "Lặp lại
    hàng tiêu đề"): those the table's first rows are, word for word."""
    keys = _row_keys(cells, rows)
    n = 0
    while n < min(len(header), rows - 1) and keys[n] == header[n] and any(
            text for _, _, text in keys[n]):
        n += 1
    return n


def _split_row(previous: list[_Cell], first: list[_Cell]) -> bool:
    """True when the first row on a page is the rest of the last row on the page before,
    cut by the page break: its first cell (the task's number) is blank or goes on with the
    list of the cell above ("Nơi nhận:" over "- Như trên;"), and a cell's text goes on
    mid-paragraph (its first word would not have fitted on the cell's last line before
    the break) or with its list."""
    above = {c.col: c for c in previous}
    pairs = [(above[c.col], c) for c in first if c.col in above and above[c.col].lines
             and c.lines]
    if any(_ended_above(up) for up, _ in pairs):
        return False
    # A cell whose text stopped a line short of the row's lowest line was not cut by the
    # break: what its column holds below it is a new paragraph, of a new row ("Sở Nội vụ"
    # over "Sở Nội vụ" beside "trí việc" over "làm 995": the next product's coordinator
    # under its task's content going on), unless it goes on mid-sentence, in lower case
    # (a paragraph's last two lines kept together move a line to the next page): a narrow
    # column's next name seldom fits on the line above, so fitting tells nothing here.
    lowest = max(up.lines[-1].bottom for up in previous if up.lines)
    if any(_short_of(up, lowest) and not (
            _listed(up, c) or same_lines(up.lines[-1], c.lines[0]) or _mid_sentence(up, c))
           for up, c in pairs):
        return False
    if any(c.lines for c in first if c.col == 0):
        return any(c.col == 0 and _listed(up, c) for up, c in pairs)
    return any(_listed(up, c) or same_lines(up.lines[-1], c.lines[0])
               or wrapped(up.lines[-1], c.lines[0], up.right, across=True) for up, c in pairs)


def _short_of(cell: _Cell, lowest: float) -> bool:
    """True when ``cell``'s last line ends a line or more above ``lowest``."""
    last = cell.lines[-1]
    return lowest - last.bottom > _LINE_SHORT * (last.bottom - last.top)


def _ended_above(cell: _Cell) -> bool:
    """True when ``cell``'s text ends lines above its lower edge (:data:`_ROOM_LINES` of
    its last line's height): cut by a page break, a cell's text runs down to the break,
    every cell's at the same line. A task's products on rows of their own, its number and
    content merged down over them, the next product's row carried to the next page, its
    blank number and content under the page break: "Sở Công Thương" ending four lines
    above the row's lower edge, "Sở Nội vụ" on the next page was the next product's
    lead, not its line going on (a narrow column's next word seldom fits: the two products
    were read as one, a QA pass)."""
    last = cell.lines[-1]
    return cell.bottom - last.bottom > _ROOM_LINES * (last.bottom - last.top)


def _mid_sentence(up: _Cell, down: _Cell) -> bool:
    """True when ``down``'s first line goes on the sentence ``up`` ends with: in lower
    case, its first word not fitting on ``up``'s last line."""
    return down.lines[0].text[:1].islower() and wrapped(up.lines[-1], down.lines[0],
                                                        up.right, across=True)


def _listed(up: _Cell, down: _Cell) -> bool:
    """True when ``down``'s first line is the next item of the list ``up`` ends with."""
    return bool(ITEM_END.search(up.lines[-1].text) and ITEM.match(down.lines[0].text))


def _joined(previous: list[_Cell], first: list[_Cell], cells: list[_Cell]) -> list[_Cell]:
    """The page's cells, those of its first row joined to the cells above them (the row's
    part before the break)."""
    above = {c.col: c for c in previous}
    out = []
    for c in cells:
        if c.row == 0 and c.col in above:
            up = above[c.col]
            up.lines = [*up.lines, *c.lines]
            up.last_row += c.last_row  # a cell merged down the page covers the rows below
            continue
        out.append(c)
    return out


def _carried_on(previous: list[_Cell], first: list[_Cell], cells: list[_Cell],
                height: int) -> list[_Cell]:
    """The page's cells, those of its first row (a row of its own) that go on with the
    sentence of the cell above joined to it: a cell merged down over the rows of a task's
    products, its text cut by the page break, the next product's row on the next page
    ("Tổ chức dịch vụ công trực" over "tuyến toàn trình": a task of its own, a QA pass).
    Such a cell runs down to the break, and its text goes on mid-sentence: in lower case,
    the first word not fitting on the line above. ``height``: the rows before the page."""
    above = {c.col: c for c in previous}
    out = []
    for c in cells:
        up = above.get(c.col) if c.row == 0 else None
        if (up is not None and up.lines and c.lines and up.last_col == c.last_col
                and not _ended_above(up) and _mid_sentence(up, c)):
            up.lines = [*up.lines, *c.lines]
            up.last_row = height + c.last_row
            continue
        out.append(c)
    return out


def _cell_text(cell: _Cell) -> str:
    """A cell's lines joined back into its paragraphs (:func:`wrapped`)."""
    parts: list[str] = []
    for i, line in enumerate(cell.lines):
        if i and wrapped(cell.lines[i - 1], line, cell.right, across=True):
            parts[-1] += joint(cell.lines[i - 1], line, cell.right) + line.text
        else:
            parts.append(line.text)
    return "\n".join(parts)
