"""How a report grid measures in a Word table: each column's width across the text
width, no narrower than its longest word, and whether each row is short enough to be
printed whole on one page. :func:`cchc_xl.official.grid_table` lays the table out with
these; nothing here touches a document (sizes come in as numbers).
"""

from __future__ import annotations

import re
from dataclasses import replace

from docx.shared import Cm, Pt

from .. import styles

CELL_MARGIN_CM = 0.1  # left and right padding inside a grid table's cells
EMU_PER_PX = 9525  # styles.text_width measures in px at 96 dpi
_BREAKS = re.compile(r"[ \t\n]+")  # where a cell's text may wrap (not at \u00a0)
# A row that fits in the room a page leaves under the table's repeated header rows, by
# this share of that room (the measure is near, not exact), can be printed whole; a row
# kept whole that is taller than its page is cut at the page's foot (Word) or pushed off
# it. A taller row breaks across pages, as Word's rows do by default.
FIT_SHARE = 0.9
# A row up to this share of the room is always printed whole ("Allow row to break across
# pages" off): split, a short row reads badly, and moved whole to the next page it
# leaves at most this much of the page before blank. A taller row kept whole left the
# page before it mostly blank (a province's 9-month Phụ lục III: a task of 60-70% of a
# page on each of 22 pages, the foot of most of them empty; a QA pass): it breaks where
# the page ends, unless less than ROOM_LINES lines of its text are left there.
KEEP_SHARE = 1 / 3
# Free to break, a row that met a page's foot with a line or two of room printed that
# line alone there, the rest on the next page (Phụ lục III of the Hoằng Hóa 9-month
# report, task TTHC-04): LibreOffice keeps no widow or orphan control inside a table's
# cell. With fewer lines than this left (as measured), the row goes whole to the next page.
ROOM_LINES = 6
# A row kept whole measured to end this many lines from a page's foot, or nearer, may
# fit there or go to the next page: the measure is near, not exact (see _Layout).
NEAR_LINES = 2
# A line of the table's text (Times New Roman, single spacing) as Word and LibreOffice
# lay it out: 1.15 times its size.
TABLE_LINE = 1.15
# The lines of a table's last row, too tall to keep whole with the notes under the table,
# cut off into a row of their own kept with the notes (:func:`tail_row`).
TAIL_LINES = 3


def header_cells(header) -> list[tuple[int, int, str, int, int]]:
    """The header's cells as (row, column, text, colspan, rowspan): a cell starts at the
    first column that no cell from a row above spans over."""
    out = []
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(header):
        col = 0
        for text, colspan, rowspan in cells:
            while (r, col) in taken:
                col += 1
            out.append((r, col, text, colspan, rowspan))
            taken.update((r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan))
            col += colspan
    return out


def _word_width(text: str, size: float, bold: bool) -> int:
    """Width (EMU) of the longest run of text a cell cannot wrap: between spaces and line
    breaks (a hyphen or "%" is no place to wrap a code or a figure)."""
    words = [w for w in _BREAKS.split(text) if w]
    px = max((styles.text_width(w, size, bold) for w in words), default=0.0)
    return int(px * EMU_PER_PX)


def _column_needs(grid, header, head_pt: float, text_pt: float) -> list[int]:
    """Each column's narrowest width (EMU) that fits its longest word, header included
    (its text ``head_pt`` points, bold; the body's ``text_pt``), with the cell's padding
    and a point to spare for rounding."""
    needs = [0] * len(grid.columns)
    for _, col, text, colspan, _ in header_cells(header):
        if colspan == 1:
            needs[col] = max(needs[col], _word_width(text, head_pt, True))
    for row in grid.rows:
        for col, cell in enumerate(row.cells):
            if cell is not None and cell.value is not None:
                bold = "bold" in cell.style
                needs[col] = max(needs[col], _word_width(str(cell.value), text_pt, bold))
    padding = int(Cm(2 * CELL_MARGIN_CM)) + int(Pt(1))
    return [n + padding if n else 0 for n in needs]


def _widened(widths: list[int], needs: list[int]) -> list[int]:
    """``widths`` with each column widened to its need as far as the others can spare
    above their own, each giving in proportion to its spare; the total is kept."""
    short = [max(0, n - w) for w, n in zip(widths, needs, strict=True)]
    spare = [max(0, w - n) for w, n in zip(widths, needs, strict=True)]
    wanted, free = sum(short), sum(spare)
    if not wanted or not free:
        return widths
    moved = min(wanted, free)
    out = [w + s * moved // wanted - f * moved // free
           for w, s, f in zip(widths, short, spare, strict=True)]
    out[out.index(max(out))] += sum(widths) - sum(out)  # what integer division left over
    return out


def column_widths(grid, header, space: int, head_pt: float, text_pt: float) -> list[int]:
    """The grid's column widths (EMU) across the text width ``space`` (EMU): in the
    grid's proportions, but no column narrower than its longest word (up to an equal
    share of the width); the grid's columns of long text (``fitted``) sharing their
    widths' sum by their text (:func:`_fitted`), a column of a few long cells given the
    room they need when the table then prints shorter (:func:`_row_need`).

    A word wider than its column is broken anywhere: "15,53%" printed as "15,53" over
    "%", a code "TTHC-01" over two lines. The room comes from the columns of long text,
    which wrap at their spaces anyway."""
    total = sum(c.width for c in grid.columns)
    widths = [int(space * c.width / total) for c in grid.columns]
    share = space // len(widths)
    needs = [min(n, share) for n in _column_needs(grid, header, head_pt, text_pt)]
    widths = _widened(widths, needs)
    fitted = grid.fitted
    for col in grid.short:  # before the columns of long text share what is left
        widths = _short_widened(widths, col, fitted, _short_need(grid, col, text_pt))
    if fitted:
        least = [needs[i] for i in fitted]
        texts = [_column_text(grid, header, i, head_pt, text_pt) for i in fitted]
        widths = _placed(widths, fitted, _fitted([widths[i] for i in fitted], least, texts))
        # Then a column (not the first: its weight gives it its room) whose cells are
        # far taller than their rows' others is given the width they need
        # (_row_need), when the table then prints in fewer lines. The last (the
        # reasons) first: tried first, the units' list, a few long cells, took the
        # room and left a column of "Phòng Nội vụ" half blank beside the tasks' content
        # (Nghĩa Hưng's 6-month Phụ lục III).
        cap = sum(widths[i] for i in fitted) // len(fitted)  # an equal share of theirs
        for n, col in reversed(list(enumerate(fitted[1:], 1))):
            raised = list(least)
            raised[n] = max(least[n], _row_need(grid, col, widths, text_pt, cap))
            if raised[n] <= widths[col]:
                continue
            tried = _placed(widths, fitted, _fitted([widths[i] for i in fitted], raised, texts))
            if _table_lines(grid, tried, text_pt) < _table_lines(grid, widths, text_pt):
                widths, least = tried, raised
    return widths


def _placed(widths: list[int], cols, new: list[int]) -> list[int]:
    """``widths`` with columns ``cols`` given the widths ``new``."""
    out = list(widths)
    for col, width in zip(cols, new, strict=True):
        out[col] = width
    return out


def _table_lines(grid, widths: list[int], text_pt: float) -> int:
    """The grid's body rows' lines at ``widths``: each row its tallest cell's."""
    return sum(max(_cell_lines(cell, widths[n], text_pt) for n, cell in enumerate(row.cells))
               for row in grid.rows if not row.group)


# A column of a few words (a grid's ``short`` ones: a task's state) is as wide as its
# widest cell needs to read in this many lines or fewer, as a typist sizes it: Phụ lục
# III's "Tình trạng", in the share its workbook width gives it (2.3 cm of a province
# quarter's 25.7), wrapped "Chưa có báo cáo (tính là chưa thực hiện)" over five lines
# (a QA pass); the room comes from the columns of long text, which wrap anyway. Three
# lines, not two: at 4.0 cm for two lines the state took the room the office's reason
# needed ("Lý do" at its least, 2.1 cm, nine lines for one verdict), a task's name over
# two lines; at 2.9 cm "Chưa có báo cáo (tính là chưa thực hiện)" reads in three.
SHORT_LINES = 3


def _body_texts(grid, col: int):
    """Each body row of ``grid`` with text in column ``col``: (row, its text, bold?)."""
    for row in grid.rows:
        cell = None if row.group else row.cells[col]
        if cell is None or cell.value is None or cell.value == "":
            continue
        yield row, str(cell.value), "bold" in cell.style


def _narrowest(text: str, lines: int, low: float, high: float, text_pt: float,
               bold: bool) -> float:
    """The narrowest width (px, to half a px) between ``low`` and ``high`` in which
    ``text`` reads in ``lines`` lines or fewer (lines only fall as the room grows)."""
    while high - low > 0.5:
        mid = (low + high) / 2
        if styles.wrapped_lines(text, mid, text_pt, bold) <= lines:
            high = mid
        else:
            low = mid
    return high


def _short_need(grid, col: int, text_pt: float) -> int:
    """The width (EMU) in which every body cell of column ``col`` reads in
    :data:`SHORT_LINES` lines or fewer (the narrowest such, to half a px), the cell's
    padding and a point to spare included."""
    need = 0.0
    for _, text, bold in _body_texts(grid, col):
        if styles.wrapped_lines(text, need, text_pt, bold) <= SHORT_LINES:
            continue  # as wide as an earlier cell needs already does
        need = max(need, _narrowest(text, SHORT_LINES, 0.0,
                                    styles.text_width(text, text_pt, bold) + 1, text_pt, bold))
    if not need:
        return 0
    return int(need * EMU_PER_PX) + int(Cm(2 * CELL_MARGIN_CM)) + int(Pt(1))


def _short_widened(widths: list[int], col: int, fitted: tuple[int, ...], need: int
                   ) -> list[int]:
    """``widths`` with column ``col`` widened to ``need`` (EMU), the total kept: the room
    taken from the widest of the ``fitted`` columns (else of the others), down to an
    equal share of their width; the fitted columns then share what they keep by their
    text (:func:`_fitted`), so each gives about in proportion to its text."""
    if need <= widths[col]:
        return widths
    donors = [i for i in fitted if i != col] or [i for i in range(len(widths)) if i != col]
    donor = max(donors, key=lambda i: widths[i])
    floor = sum(widths[i] for i in donors) // len(donors)
    moved = min(need - widths[col], max(0, widths[donor] - floor))
    out = list(widths)
    out[col] += moved
    out[donor] -= moved
    return out


# A cell of a column of long text reads in this many lines, or in as many as its row's
# tallest other cell, if its column can be that wide (up to an equal share of the
# columns of long text) and the table is then shorter: shared by their text, a province
# quarter's Phụ lục III gave "Lý do" its least (2.1 cm), two reasons being little text,
# and the office's "Chưa đạt" with its reason wrapped over nine lines beside cells of
# one or two (a QA pass); Nghĩa Hưng's 6-month reasons, one short sentence each, over
# five or six lines beside a task's content of two.
ROW_LINES = 6


def _row_need(grid, col: int, widths: list[int], text_pt: float, cap: int) -> int:
    """The width (EMU, up to ``cap``) in which each body cell of column ``col`` reads
    in :data:`ROW_LINES` lines or in no more than its row's tallest other cell (at
    ``widths``), the narrowest such to half a px, the cell's padding and a point to
    spare included."""
    padding = int(Cm(2 * CELL_MARGIN_CM)) + int(Pt(1))
    most = (cap - padding) / EMU_PER_PX
    need = 0.0
    for row, text, bold in _body_texts(grid, col):
        lines = max([ROW_LINES] + [_cell_lines(other, widths[n], text_pt)
                                   for n, other in enumerate(row.cells) if n != col])
        if styles.wrapped_lines(text, max(need, 1.0), text_pt, bold) <= lines:
            continue  # as wide as an earlier cell needs already does
        if styles.wrapped_lines(text, most, text_pt, bold) > lines:
            return cap
        need = _narrowest(text, lines, need, most, text_pt, bold)
    return min(cap, int(need * EMU_PER_PX) + padding) if need else 0


# The text a reader reads first (a task's content, the first of a grid's fitted columns)
# counts this many times its length in its column's share of the width: its words
# wrapped over several lines beside a list of units with room to spare (the province's
# Phụ lục III, a QA pass), where a list of names wraps and reads as well.
FIRST_WEIGHT = 2
# No fitted column narrower than this share of an equal split of their width: a column
# with little or no text (no unit's reason yet) still shows its header in a few lines.
FITTED_LEAST = 0.5


def _column_text(grid, header, col: int, head_pt: float, text_pt: float
                 ) -> tuple[float, int]:
    """Column ``col``'s text (px, at its size, its header's and its cells'), and the
    width (EMU) its longest line takes on one line, the cell's padding included."""
    lines = [(text, head_pt, True) for _, c, text, colspan, _ in header_cells(header)
             if c == col and colspan == 1]
    for row in grid.rows:
        cell = None if row.group else row.cells[col]
        if cell is not None and cell.value is not None:
            lines += [(line, text_pt, "bold" in cell.style)
                      for line in str(cell.value).split("\n")]
    px = [styles.text_width(*line) for line in lines]
    padding = int(Cm(2 * CELL_MARGIN_CM)) + int(Pt(1))
    return sum(px), int(max(px, default=0.0) * EMU_PER_PX) + padding


def _fitted(widths: list[int], needs: list[int], texts: list[tuple[float, int]]
            ) -> list[int]:
    """Columns of long text (their ``widths``, EMU, their sum kept) shared out anew by
    their text (``texts``: each column's, the first :data:`FIRST_WEIGHT` times, and the
    width of its longest line): each column's share in proportion to its text, so that
    each column's text takes about as many lines as the others', none narrower than its
    longest word (``needs``) nor :data:`FITTED_LEAST` of an equal share, none wider than
    its longest line (no cell of it would wrap: the room is the others'). A column its
    share takes past a bound is given the bound, the others share the rest; room left
    when every column has its longest line is shared by their text."""
    total = sum(widths)
    weights = [t * (FIRST_WEIGHT if n == 0 else 1) for n, (t, _) in enumerate(texts)]
    least = [max(need, int(total * FITTED_LEAST / len(widths))) for need in needs]
    most = [max(low, line) for low, (_, line) in zip(least, texts, strict=True)]
    if sum(least) > total:
        return widths
    out: dict[int, float] = {}
    while True:
        free = [i for i in range(len(widths)) if i not in out]
        if not free:
            break
        room = total - sum(out.values())
        weight = sum(weights[i] for i in free)
        shares = {i: room * weights[i] / weight if weight else room / len(free) for i in free}
        bounded = {i: least[i] if share < least[i] else most[i]
                   for i, share in shares.items() if not least[i] <= share <= most[i]}
        if not bounded:
            out.update(shares)
            break
        out.update(bounded)
    left = total - sum(out.values())
    if left > 0:  # every column on its longest line: the rest shared by the text
        weight = sum(weights) or 1
        out = {i: w + left * weights[i] / weight for i, w in out.items()}
    new = [int(out[i]) for i in range(len(widths))]
    new[new.index(max(new))] += total - sum(new)  # what rounding left over
    return new


def last_words_together(text: str, width: int, size: float, bold: bool = False) -> str:
    """``text`` with its last two words joined by a no-break space: a trích yếu wraps
    in the narrow column under "Số:", a line of Nơi nhận in its half of the page, and
    their last line was one word alone ("độ" of "chậm tiến độ", every overdue letter;
    "b/c);" of a ward's "- Thường trực Đảng ủy, HĐND phường (để b/c);"; "phẩm" of a
    province's "3. 8 xã, phường (…) – mỗi đơn vị 2 nhiệm vụ, sản phẩm" over a table of
    the overdue letter's annex; a QA pass). Where the last line already held two words
    or more, nothing moves. Only a text measured to wrap in ``width`` (EMU) at ``size``
    points: one on a line ("1. Phòng Nội vụ", "- Như trên;") keeps its spaces, as
    Word's search finds it."""
    head, _, last = text.rstrip().rpartition(" ")
    if not head or not wraps(text, width, size, bold):
        return text
    return f"{head}\u00a0{last}"


def wraps(text: str, width: int, size: float, bold: bool = False) -> bool:
    """Whether ``text`` wraps to more than one line in a cell ``width`` EMU wide (its
    padding taken off), at ``size`` points."""
    return styles.wrapped_lines(text, _room_px(width), size, bold) > 1


_PADDING_PX = int(Cm(2 * CELL_MARGIN_CM)) / EMU_PER_PX  # a grid cell's, left and right


def _room_px(width: int) -> float:
    """The px a grid cell ``width`` EMU wide leaves its text, its padding taken off."""
    return width / EMU_PER_PX - _PADDING_PX


def _row_points(row, widths: list[int], size: float, spacing: float) -> float:
    """About how tall a grid row prints (points): its tallest cell's lines, each of the
    text's size ``size``, wrapped in its column (``widths``, EMU, the cell's padding
    taken off), and ``spacing`` points per paragraph; a group's label, bold across the
    columns."""
    if row.group:
        return text_points(row.group, _room_px(sum(widths)), size, True) + spacing
    tallest = 0.0
    for col, cell in enumerate(row.cells):
        if cell is None or cell.value is None:
            continue
        bold = "bold" in cell.style
        room = _room_px(widths[col])
        paragraphs = str(cell.value).split("\n")
        lines = sum(styles.wrapped_lines(p, room, size, bold) for p in paragraphs)
        tallest = max(tallest, lines * size * TABLE_LINE + len(paragraphs) * spacing)
    return tallest


def text_points(text: str, room_px: float, size: float, bold: bool = False) -> float:
    """About how tall ``text`` prints (points) wrapped in ``room_px`` px at ``size``
    points, its lines single spaced."""
    return styles.wrapped_lines(text, room_px, size, bold) * size * TABLE_LINE


def header_points(header, widths: list[int], size: float, spacing: float) -> float:
    """About how tall the header rows print (points): each row its tallest cell, a cell
    spanning rows as tall as those rows together at least; the text bold, ``size``
    points, ``spacing`` points around each paragraph."""
    rows = [0.0] * len(header)
    spans = []
    for r, col, text, colspan, rowspan in header_cells(header):
        room = _room_px(sum(widths[col:col + colspan]))
        tall = text_points(text, room, size, True) + spacing
        if rowspan == 1:
            rows[r] = max(rows[r], tall)
        else:
            spans.append((r, rowspan, tall))
    for r, rowspan, tall in spans:
        last = min(r + rowspan, len(rows)) - 1
        rows[last] += max(0.0, tall - sum(rows[r:last + 1]))
    return sum(rows)


def kept_whole(grid, widths: list[int], room_pt: float, first_room_pt: float, size: float,
               spacing: float, notes_pt: float = 0.0) -> list[bool]:
    """Whether each of the grid's rows is printed whole (``room_pt``: the room a page
    leaves under the repeated header; ``first_room_pt``: the room under the appendix's
    heading, on the table's first page; the text ``size`` points, ``spacing`` points
    around each paragraph; ``notes_pt``: the notes under the table, kept with its last
    row): a group's label always, kept with the row under it; a row up to
    :data:`KEEP_SHARE` of the room; a taller one that fits on a page (:data:`FIT_SHARE`)
    where, the rows above laid out as measured, it may meet a page's foot with fewer than
    :data:`ROOM_LINES` lines left (it starts the next page); the table's last when it fits
    on a page with the notes (see :func:`_last_kept_whole`).

    The layout is followed as :class:`_Layout` (every way it may have gone, where a row
    kept whole ends within :data:`NEAR_LINES` lines of a page's foot). A row taller than
    the room under the appendix's heading breaks there too: kept whole, it went to the
    next page and left the appendix's first page with its heading and header alone."""
    heights = [_row_points(row, widths, size, spacing) for row in grid.rows]
    line = size * TABLE_LINE
    layout = _Layout(room_pt, first_room_pt, NEAR_LINES * line, line + spacing)
    least = ROOM_LINES * line + spacing
    last = len(grid.rows) - 1
    first = True  # no row of the table's own placed yet: group labels at most
    out = []
    for n, (row, tall) in enumerate(zip(grid.rows, heights, strict=True)):
        whole = bool(row.group) or tall <= room_pt * KEEP_SHARE or (
            _last_kept_whole(tall + notes_pt, room_pt, layout.least_left() if first else None)
            if n == last else layout.least_left() < least and tall <= room_pt * FIT_SHARE)
        out.append(whole)
        layout.add(tall, whole)
        first = first and bool(row.group)
    return out


def _last_kept_whole(tall: float, room: float, first_room: float | None) -> bool:
    """Whether a table's last row, ``tall`` with the notes under it, is kept whole: when
    it fits on a page with them, and is not the table's first row taller than the room
    left under the appendix's heading (``first_room``, None for a later row).

    Kept whole but taller than a page with the notes (its paragraphs kept with them),
    the last task of a Phụ lục III went whole to the next page and its notes alone to the
    one after ("Ghi chú" lines alone under the header, a page a head of office signs);
    such a row is cut (:func:`tail_row`)."""
    return tall <= room * FIT_SHARE and (first_room is None or tall <= first_room)


def tail_row(row, widths: list[int], size: float):
    """A table's last row cut in two (head, tail), or None when it is not cut: the tail
    holds the last :data:`TAIL_LINES` lines or so of the row's tallest cell (its last
    paragraphs when they make no more than twice that many lines, else its last words),
    its other cells empty, to be drawn as one row with the head (no line between) and kept
    whole with the notes under the table. The head, too tall to be kept whole with the
    notes, breaks across pages as any tall row; the notes go with the tail, never alone
    on a page (a row free to break took its notes' place at a page's foot, or went whole
    to the next page without them)."""
    if row.group:
        return None
    col, lines = max(((c, _cell_lines(cell, widths[c], size)) for c, cell in
                      enumerate(row.cells)), key=lambda found: found[1])
    if lines <= 2 * TAIL_LINES:
        return None
    text = str(row.cells[col].value)
    head, tail = _cut(text, _room_px(widths[col]), size, "bold" in row.cells[col].style)
    if not head or not tail:
        return None
    cells = list(row.cells)
    cells[col] = replace(cells[col], value=head)
    rest = [None if cell is None else replace(cell, value=None) for cell in row.cells]
    rest[col] = replace(row.cells[col], value=tail)
    return replace(row, cells=tuple(cells)), replace(row, cells=tuple(rest))


def _cell_lines(cell, width: int, size: float) -> int:
    if cell is None or cell.value is None:
        return 0
    return styles.wrapped_lines(str(cell.value), _room_px(width), size, "bold" in cell.style)


def _cut(text: str, room: float, size: float, bold: bool) -> tuple[str, str]:
    """``text`` cut where its last :data:`TAIL_LINES` lines begin, at a paragraph's
    start when its last paragraphs make up to twice that many lines, else at a space."""
    paragraphs = text.split("\n")
    for k in range(1, len(paragraphs)):
        tail = "\n".join(paragraphs[-k:])
        lines = styles.wrapped_lines(tail, room, size, bold)
        if lines >= TAIL_LINES:
            if lines <= 2 * TAIL_LINES:
                return "\n".join(paragraphs[:-k]), tail
            break
    tokens = re.split(r"(\s+)", text.rstrip())
    # the rightmost cut (between tokens) leaving TAIL_LINES lines or more after it
    for cut in range(len(tokens) - 1, 0, -1):
        if tokens[cut].isspace() or not tokens[cut]:
            continue
        tail = "".join(tokens[cut:])
        if styles.wrapped_lines(tail, room, size, bold) >= TAIL_LINES:
            return "".join(tokens[:cut]).rstrip(), tail
    return "", text


def notes_points(notes: list[str], width: int, size: float, line: float,
                 spacing: float) -> float:
    """About how tall the notes under a table print (points): each a paragraph across the
    table's ``width`` (EMU) at ``size`` points, its lines ``line`` times single spacing,
    ``spacing`` points around it."""
    room = _room_px(width)
    return sum(text_points(note, room, size) * line + spacing for note in notes)


class _Layout:
    """Where a table's rows end on their pages, as measured: each way the layout may have
    gone (the room taken on the current page, and that page's room), a row kept whole
    that ends within ``near`` points of a page's foot going both ways (it may fit, or
    start the next page: a row of three lines measured to fit by 5 pt took the next
    page's top, and every task after it met the foot two lines from where it was
    measured to, TTHC-04's first line alone there; the Hoằng Hóa 9-month Phụ lục III)."""

    KEPT = 8  # ways followed at most: the ones taking the least and the most room

    def __init__(self, room: float, first_room: float, near: float, line: float) -> None:
        self.room, self.near, self.line = room, near, line
        self.ways = [(0.0, first_room)]

    def least_left(self) -> float:
        return min(page - used for used, page in self.ways)

    def add(self, tall: float, whole: bool) -> None:
        ways = set()
        for used, page in self.ways:
            left = page - used
            if whole and abs(tall - left) <= self.near:
                ways.update({(used + tall, page), (tall, self.room)})
            elif tall <= left:
                ways.add((used + tall, page))
            elif whole:
                ways.add((tall, self.room))
            else:  # breaks at the page's foot, runs on under the header of the next pages
                # where its tallest cell's line fits no more: a line (and the space
                # around a paragraph) goes on to the next page with the rest
                rest = tall - left + self.line
                ways.add((rest - self.room * int(rest // self.room), self.room))
        ordered = sorted(ways, key=lambda way: way[1] - way[0])
        half = self.KEPT // 2
        self.ways = ordered if len(ordered) <= self.KEPT else ordered[:half] + ordered[-half:]


def kept_with_last(grid, kept: list[bool], widths: list[int], room_pt: float, size: float,
                   spacing: float, notes_pt: float = 0.0,
                   first_room_pt: float | None = None) -> int | None:
    """The row (index in the grid's rows) kept on the page of the table's last row, or
    None: the one above it, when both are printed whole, fit together in ``room_pt`` (as
    :func:`kept_whole`) and it is a row of its own (not a group's label, kept with the
    next already, nor under a cell merged from above).

    Free to fall where the page ends, the last row went alone to a page of its own under
    the repeated header (a province's 6-month Phụ lục IV: its 11th row, for a head of
    office to sign a page of one line); with it, the table's last page holds two rows.
    Two rows of half a page or more are not tied: together they went to a page of their
    own, the one above them left half blank. Nor are two that do not fit on a page with
    the notes under the table (``notes_pt``): the notes went alone to a page of their own.
    Nor the table's first row where the table, so tied, does not fit in the room under the
    appendix's heading (``first_room_pt``): the rows went together to the next page and
    left the appendix's first page with its heading alone."""
    rows = grid.rows
    if len(rows) < 2 or not (kept[-1] and kept[-2]) or rows[-2].group or rows[-1].group:
        return None
    tall = sum(_row_points(row, widths, size, spacing) for row in rows[-2:]) + notes_pt
    if tall > room_pt * FIT_SHARE:
        return None
    if first_room_pt is not None and all(row.group for row in rows[:-2]) and (
            sum(_row_points(row, widths, size, spacing) for row in rows[:-2]) + tall
            > first_room_pt * FIT_SHARE):
        return None
    if any(cell is None for cell in rows[-2].cells):
        return None
    return len(rows) - 2
