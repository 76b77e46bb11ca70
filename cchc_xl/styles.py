"""The look of every generated workbook, in one place (Nghị định 30/2020 presentation).

Times New Roman, A4, landscape for wide tables, margins per Nghị định 30/2020,
header rows repeated on each printed page. Formats are plain dicts for
xlsxwriter's ``add_format``; :func:`openpyxl_font` and friends give the same
look to workbooks edited with openpyxl (the master template, feedback files).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from . import fontwidths

FONT = "Times New Roman"
SIZE = 12
TITLE_SIZE = 14
CAPS_TITLE_SIZE = 13  # an appendix title in capitals: 13-14 pt
HEADER_FILL = "#DDEBF7"
INPUT_FILL = "#FFF2CC"
GROUP_FILL = "#F2F2F2"
# Red, as the feedback letter calls it ("tô đỏ là lỗi"): the peach "#F8CBAD" it was read
# as orange, paler than a warning's mark (a QA pass). Black text on it: contrast 7.6:1.
ERROR_FILL = "#FF6B6B"
WARNING_FILL = "#FFE699"
# A warning's cell marked in a unit's file (feedback), orange ("tô cam là cảnh báo"):
# its input cells are INPUT_FILL already, a yellow WARNING_FILL hardly tells from, and
# the amber "#FFC000" it was read as yellow, brighter than an error's mark. Contrast 10:1.
MARKED_WARNING_FILL = "#FFA040"
OVERDUE_FILL = "#F4B084"
HISTORY_FONT = "#7F7F7F"
LINK_COLOR = "#0563C1"
DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "dd/mm/yyyy hh:mm"  # a moment: when a file was saved, merged
# "General": a decimal percent shows as typed (50,5 or a fraction 0,5 the unit is asked
# about), not rounded to a whole number the reader never sees in the file.
PERCENT_FORMAT = "General"
RATE_FORMAT = "0.00"

# Margins in inches: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGINS = {"left": 1.18, "right": 0.59, "top": 0.79, "bottom": 0.79}
A4 = 9  # paper size code, same in xlsxwriter and openpyxl
A3 = 8

_BASE = {"font_name": FONT, "font_size": SIZE, "text_wrap": True, "valign": "top"}
_BORDER = {"border": 1}

XLSX_FORMATS: dict[str, dict[str, object]] = {
    "title": {**_BASE, "bold": True, "font_size": TITLE_SIZE, "align": "center",
              "valign": "vcenter"},
    "subtitle": {**_BASE, "bold": True, "align": "center", "valign": "vcenter"},
    "caps_title": {**_BASE, "bold": True, "font_size": CAPS_TITLE_SIZE, "align": "center",
                   "valign": "vcenter"},
    "italic": {**_BASE, "italic": True, "align": "center", "valign": "vcenter"},
    # A table's unit of counting, above it at the right ("Đơn vị tính: nhiệm vụ").
    "measure": {**_BASE, "italic": True, "align": "right", "valign": "vcenter"},
    "text": {**_BASE},
    "bold": {**_BASE, "bold": True},
    "header": {**_BASE, **_BORDER, "bold": True, "align": "center", "valign": "vcenter",
               "bg_color": HEADER_FILL},
    "group": {**_BASE, **_BORDER, "bold": True, "bg_color": GROUP_FILL},
    "cell": {**_BASE, **_BORDER},
    "cell_center": {**_BASE, **_BORDER, "align": "center"},
    "cell_date": {**_BASE, **_BORDER, "align": "center", "num_format": DATE_FORMAT},
    "cell_int": {**_BASE, **_BORDER, "align": "center", "num_format": "0"},
    # A number as typed (50,5 stays 50,5; "0" would show 51), for percentages read.
    "cell_number": {**_BASE, **_BORDER, "align": "center", "num_format": "General"},
    "cell_rate": {**_BASE, **_BORDER, "align": "center", "num_format": RATE_FORMAT},
    "cell_bold": {**_BASE, **_BORDER, "bold": True},
    "cell_bold_center": {**_BASE, **_BORDER, "bold": True, "align": "center"},
    "input": {**_BASE, **_BORDER, "locked": False, "bg_color": INPUT_FILL},
    "input_center": {**_BASE, **_BORDER, "locked": False, "bg_color": INPUT_FILL,
                     "align": "center"},
    "input_date": {**_BASE, **_BORDER, "locked": False, "bg_color": INPUT_FILL,
                   "align": "center", "num_format": DATE_FORMAT},
    "input_percent": {**_BASE, **_BORDER, "locked": False, "bg_color": INPUT_FILL,
                      "align": "center", "num_format": PERCENT_FORMAT},
    # A text carried over several rows (row_pieces): no rule between its pieces.
    "open_below": {"bottom": 0},
    "open_above": {"top": 0},
    "error": {"bg_color": ERROR_FILL},
    "warning": {"bg_color": WARNING_FILL},
    "overdue": {"bg_color": OVERDUE_FILL},
    # A row kept as history (a refused file a later one answered): grey, not coloured.
    "history": {"font_color": HISTORY_FONT},
}


def add_formats(workbook, names: Iterable[str] | None = None) -> dict[str, object]:
    """The named formats (all, or ``names``) registered on an xlsxwriter workbook."""
    names = XLSX_FORMATS if names is None else names
    return {name: workbook.add_format(XLSX_FORMATS[name]) for name in names}


def number_formats(formats: Iterable) -> None:
    """Number ``formats`` in their workbook now, in this order. xlsxwriter numbers a
    format when a cell first uses it, as the workbook is stored: numbered first, the
    same formats have the same numbers in every workbook that has them (a split's, so
    that a sheet's rows are the same XML in each: cchc_xl.fast.rowmemo)."""
    for fmt in formats:
        fmt._get_xf_index()


# Paper: the smallest text a table may print at, in points on paper (its body text's
# size times the scale it is fitted to the page width at, in Excel's metrics). A table
# goes on A4 landscape when it fits the width so, on A3 only when A4 would print it
# smaller: A3 printers are rare in a commune office. The seed plans' tables on A4: the
# units' task sheets 66% (12 pt at 7.9 pt), the report's plan sheets with results 67%
# (8.0 pt), both A4; the consolidated workbook's area sheets 49% (5.9 pt), too small,
# A3 at 73% (8.7 pt). LibreOffice prints some 5% smaller than Excel (docs/printing.md).
MIN_PRINTED_PT = 7.5
# A table too wide to print one page across even on A3 at MIN_PRINTED_PT, and whose
# first columns can be repeated, prints at this scale (12 pt at 10.2 pt) over as many
# pages across as it needs. One page across at 73% rather than two at 85% of which the
# second held two columns beside the repeated ones: 89 pages, not 106, for a 34-task
# plan's consolidated area sheets (a QA pass).
READABLE_SCALE = 85


# Printable width in inches, landscape and portrait, within MARGINS.
_PAPER_INCHES = {A4: (11.69, 8.27), A3: (16.54, 11.69)}


def printed_scale(widths: Iterable[float], paper: int = A4, landscape: bool = True) -> float:
    """The scale at which columns ``widths`` wide (xlsxwriter units) fit the printable
    width of ``paper`` in Excel's metrics (7 px a unit plus 5 px a column, 96 dpi)."""
    px = sum(w * DIGIT_PX + 5 for w in widths)
    inches = _PAPER_INCHES[paper][0 if landscape else 1] - MARGINS["left"] - MARGINS["right"]
    return min(1.0, inches * 96 / px) if px else 1.0


def printed_size(widths: Iterable[float], paper: int = A4, landscape: bool = True,
                 size: float = SIZE) -> float:
    """The size in points on paper of ``size`` pt text in columns ``widths`` wide, fitted
    to the printable width of ``paper``."""
    return size * printed_scale(widths, paper, landscape)


def paper_for(widths: Iterable[float], landscape: bool = True, size: float = SIZE) -> int:
    """A4, unless ``size`` pt text in columns ``widths`` wide would print below
    MIN_PRINTED_PT fitted to A4's width: then A3."""
    return A4 if printed_size(widths, A4, landscape, size) >= MIN_PRINTED_PT else A3


PAGE_NUMBER = "Trang &P"  # a printed page's footer, centred: no total (setup_print)


def setup_print(ws, *, widths: Iterable[float], landscape: bool = True,
                header_rows: tuple[int, int] | None = None,
                repeat_columns: tuple[int, int] | None = None, one_page: bool = False,
                size: float = SIZE,
                footer: str = f'&C&"{FONT},Regular"{PAGE_NUMBER}') -> None:
    """Paper, margins, repeated header rows (0-based, xlsxwriter), fit to the page width
    (and height, ``one_page``: a page of text that a line too many would spill onto a
    second page).

    ``widths`` are the printed columns' (none on a chart's sheet, the chart sized to A4),
    ``size`` their text's. The paper is :func:`paper_for`'s: A4 when the table fitted to
    its width prints its text at MIN_PRINTED_PT or more, else A3, fitted to its width. A
    table that would print below MIN_PRINTED_PT on A3 too prints so, unless its first
    columns can be repeated (``repeat_columns``, the task's number and content): then at
    READABLE_SCALE over as many pages across as it needs, with those columns on each
    page, left to right then down.

    Each sheet numbers its pages from 1 (``set_start_page``: the page setup's
    useFirstPageNumber): a printed table (an appendix's Biểu, a consolidated area) is
    its own document with its own page 1. Excel does so by default; LibreOffice, without
    it, numbered a workbook's pages straight through (Biểu 2 began on page 3). The
    footer gives no total: LibreOffice's &N is the whole workbook's pages, not the
    sheet's, so "Trang 1/10" was printed on a one-page table.
    """
    widths = list(widths)
    paper = paper_for(widths, landscape, size)
    if repeat_columns and printed_size(widths, paper, landscape, size) >= MIN_PRINTED_PT:
        repeat_columns = None
    ws.set_paper(paper)
    if landscape:
        ws.set_landscape()
    ws.set_margins(**MARGINS)
    if repeat_columns:
        ws.set_print_scale(READABLE_SCALE)
        ws.repeat_columns(*repeat_columns)
        ws.print_across()
    else:
        ws.fit_to_pages(1, 1 if one_page else 0)
    if header_rows:
        ws.repeat_rows(*header_rows)
    ws.set_footer(footer)
    ws.set_start_page(1)


# --- page breaks kept outside a task (docs/printing.md) -------------------------------
# Excel has no "keep rows together": a table whose blocks of rows (a task's merged number
# and content over its products) must not be cut gets a manual break at every page's
# end, computed here, so that neither program breaks a page by itself. That needs a page
# the same height in both: the sheet prints at a fixed scale, not fitted to the width
# (Excel fits at 7 px a unit of width; LibreOffice 7.4 fitted the report's 197 units at
# 80% where Excel's metrics give 86.3%: 7.57 px a unit, its pages 8% taller in sheet
# points). The scale fits the columns at BREAK_DIGIT_PX, LibreOffice's wider measure, so
# the table is one page across in both; Excel prints it a little smaller than it could.
BREAK_DIGIT_PX = 7.6
PAGE_SLACK = 0.97  # of a page's height used: rounding of rows to pixels in either program
DEFAULT_ROW_PT = 15.0  # a row given no height (the blank row under a heading)


def shared_scale(widths: Iterable[float], paper: int = A4, landscape: bool = True) -> int:
    """The print scale (%) at which columns ``widths`` wide fit the printable width of
    ``paper`` in Excel and in LibreOffice alike."""
    px = sum(w * BREAK_DIGIT_PX + 5 for w in widths)
    inches = _PAPER_INCHES[paper][0 if landscape else 1] - MARGINS["left"] - MARGINS["right"]
    return max(10, min(100, int(inches * 96 * 100 / px))) if px else 100


def page_room(paper: int, landscape: bool, scale: int) -> float:
    """Sheet points a printed page holds at ``scale`` %, within the top and bottom margins."""
    inches = _PAPER_INCHES[paper][1 if landscape else 0] - MARGINS["top"] - MARGINS["bottom"]
    return inches * 72 * 100 / scale * PAGE_SLACK


def page_breaks(heights: Sequence[float], repeated: float, blocks: dict[int, int],
                room: float) -> list[int]:
    """Rows (0-based) that begin a printed page: a block of rows (``blocks``, first row
    to last) that would not fit on the rest of a page goes whole to the next one when it
    fits on a page under the repeated header (``repeated`` points); a taller one, and
    any row that would overflow a page, breaks where the page is full."""
    breaks: list[int] = []
    used = 0.0
    for r, height in enumerate(heights):
        if r in blocks and r:
            block = sum(heights[r:blocks[r] + 1])
            if used + block > room and repeated + block <= room:
                breaks.append(r)
                used = repeated
        if used + height > room and used > repeated:
            breaks.append(r)
            used = repeated
        used += height
    return breaks


def keep_blocks_whole(ws, *, widths: Iterable[float], last_row: int, header_rows: tuple[int, int],
                      blocks: dict[int, int], landscape: bool = True) -> None:
    """Print ``ws`` (set up by :func:`setup_print`, on A4) at :func:`shared_scale` with a
    manual break at every page's end, none inside a block of rows that fits on a page.
    Row heights are those set on the sheet (``set_row``), DEFAULT_ROW_PT where none is."""
    widths = list(widths)
    paper = paper_for(widths, landscape)
    scale = shared_scale(widths, paper, landscape)
    heights = [_set_height(ws, r) for r in range(last_row + 1)]
    repeated = sum(heights[header_rows[0]:header_rows[1] + 1])
    ws.set_print_scale(scale)  # not fitted to the width: see BREAK_DIGIT_PX
    ws.set_h_pagebreaks(page_breaks(heights, repeated, blocks,
                                    page_room(paper, landscape, scale)))


def _set_height(ws, row: int) -> float:
    """A row's height in points as set on the sheet (xlsxwriter keeps it in pixels)."""
    info = ws.row_info.get(row)
    if info is None or info.height is None:
        return DEFAULT_ROW_PT
    return info.height / PX_PER_PT


# --- row heights ------------------------------------------------------------------
# LibreOffice does not fit rows to wrapped text when it converts a workbook headless,
# and no office suite fits a row to a merged cell, so generated tables give every row
# an explicit height from a measurement of their texts. A unit of column width is the
# digit width of the workbook's default font (Calibri 11: 7 px at 96 dpi; Carlito,
# metric-compatible, stands in for it where Calibri is missing); a column ``w`` units
# wide is ``7 w + 5`` px, 5 of them cell padding. Texts are measured with Times New
# Roman's own advance widths (cchc_xl.fontwidths) and wrapped at spaces as Excel does.
# Excel gives each line of Times New Roman 12 pt 15.75 pt (its single-line row
# height, n lines n times that); LibreOffice draws lines closer (13.3 pt), so rows
# there keep that much air. Checked on the 449 texts of the Hoằng Hóa 9-month report
# rendered by LibreOffice (Carlito, Liberation Serif 2): no text wraps to more lines
# than measured (LibreOffice's unit is Carlito's unrounded 7.4 px digit, a little
# roomier than Excel's 7 px).
DIGIT_PX = 7  # px per unit of column width (Calibri 11 at 96 dpi)
PX_PER_PT = 96 / 72
TEXT_SLACK_PX = 2  # of the 5 px padding, what text may still use
LINE_FACTOR = 15.75 / 12  # Excel's line of Times New Roman: 15.75 pt at 12 pt (21 px)
_HORN = "\u031b"
_WIDTHS = {False: dict(zip(fontwidths.CHARS, fontwidths.REGULAR, strict=True)),
           True: dict(zip(fontwidths.CHARS, fontwidths.BOLD, strict=True))}
_WIDE = 0.75 * fontwidths.UNITS_PER_EM  # a character the table lacks: a wide guess


@functools.lru_cache(maxsize=4096)
def _char_units(ch: str, bold: bool) -> float:
    """Advance width of one character in font units: tabled, or its base letter's
    (tone marks add no width; the horn of ơ and ư does, and they are tabled)."""
    table = _WIDTHS[bold]
    if ch in table:
        return table[ch]
    parts = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", parts[0] + (_HORN if _HORN in parts else ""))
    if base in table:
        return table[base]
    return 0 if unicodedata.combining(ch) else _WIDE


def text_width(text: str, size: float = SIZE, bold: bool = False) -> float:
    """Width of ``text`` in px (96 dpi) in Times New Roman at ``size`` points."""
    units = sum(_char_units(ch, bold) for ch in text)
    return units / fontwidths.UNITS_PER_EM * size * PX_PER_PT


def text_lines(text: str, width: float, size: float = SIZE, bold: bool = False) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide.

    Tables repeat the same texts (unit names, statuses, task contents for every
    unit): short ones are measured once per width and size."""
    if len(text) <= _CACHED_TEXT:
        return _cached_lines(text, width, size, bold)
    return _lines(text, width, size, bold)


_CACHED_TEXT = 400  # longer texts are rarely repeated; not worth keeping


def _lines(text: str, width: float, size: float, bold: bool) -> int:
    return wrapped_lines(text, width * DIGIT_PX + TEXT_SLACK_PX, size, bold)


def width_for(px: float) -> float:
    """The column width (units) whose text has ``px`` of room: the inverse of the room
    :func:`text_lines` gives a column."""
    return (px - TEXT_SLACK_PX) / DIGIT_PX


def wrapped_lines(text: str, room: float, size: float = SIZE, bold: bool = False) -> int:
    """How many lines ``text`` takes wrapped at its spaces in ``room`` px (each of its
    own lines at least one)."""
    room = max(1.0, room)
    space = _word_width(" ", size, bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            need = _word_width(word, size, bold)
            if used and used + space + need <= room:
                used += space + need
                continue
            if used:
                lines += 1
            if need <= room:
                used = need
                continue
            # A word longer than the column: LibreOffice breaks it after a "/" or "-"
            # first ("cchc-archive/b5/" then the hash: a line left short), a piece
            # longer than the column anywhere (lines filled whole).
            used = 0.0
            for piece in _BREAK_AFTER.findall(word):
                need = _word_width(piece, size, bold)
                if used and used + need > room:
                    lines += 1
                    used = 0.0
                used += need
                while used > room:
                    lines += 1
                    used -= room
    return lines


_BREAK_AFTER = re.compile(r"[^/\-]+[/\-]*|[/\-]+")  # a word's pieces, each with its break


_cached_lines = functools.lru_cache(maxsize=1 << 16)(_lines)
# Texts share their words (Vietnamese syllables above all): each measured once.
_word_width = functools.lru_cache(maxsize=1 << 16, typed=True)(text_width)


def row_height(lines: int, size: float = SIZE) -> float:
    """Points needed for ``lines`` lines of text at ``size`` points."""
    return round(lines * size * LINE_FACTOR, 2)


MAX_ROW_HEIGHT = 409.0  # points: the most Excel allows a row
DEFAULT_WIDTH = 8.43  # Excel's width of a column the sheet does not size


def lines_in_a_row(size: float = SIZE) -> int:
    """Lines of text a row of :data:`MAX_ROW_HEIGHT` holds."""
    return int(MAX_ROW_HEIGHT // row_height(1, size))


def row_pieces(text: str, width: float, size: float = SIZE, bold: bool = False) -> list[str]:
    """``text`` cut at its spaces into pieces that each fit one row (:data:`MAX_ROW_HEIGHT`,
    less a line of air: programs wrap a little differently) in a column ``width`` wide.
    Written whole in one row, a taller text shows and prints only down to the row's foot
    (a unit's long note in Biểu 3 lost its end on paper: a QA pass)."""
    fits = lines_in_a_row(size) - 1
    pieces: list[str] = []
    while text_lines(text, width, size, bold) > fits:
        tokens = re.split(r"(\s+)", text.lstrip())
        low, high = 1, len(tokens)  # the longest head of tokens that fits: low fits
        while low < high:
            mid = (low + high + 1) // 2
            if text_lines("".join(tokens[:mid]).rstrip(), width, size, bold) <= fits:
                low = mid
            else:
                high = mid - 1
        pieces.append("".join(tokens[:low]).rstrip())
        text = "".join(tokens[low:]).lstrip()
    return [*pieces, text] if text or not pieces else pieces


def fitted_height(texts: Iterable[tuple[object, float]], size: float = SIZE,
                  min_lines: int = 1, bold: bool = False) -> float:
    """Points a row needs to show each text wrapped in its column width (non-text values
    take one line), at least ``min_lines`` lines, at most Excel's limit."""
    lines = max([min_lines] + [text_lines(t, w, size, bold) for t, w in texts
                               if isinstance(t, str) and t])
    return min(row_height(lines, size), MAX_ROW_HEIGHT)


def even_lines(text: str, width: float, size: float = SIZE, bold: bool = False) -> str:
    """``text`` broken at the space that makes its two lines most even, when it wraps to
    two lines in a column ``width`` wide; as it is on one line or on more than two, or
    already broken. Left to the program, a title's wrap put one word alone on the second
    line: "… của Ủy ban nhân dân xã Hoằng" over "Hóa", the commune's name cut in two on
    every unit's guide (a QA pass)."""
    if "\n" in text or text_lines(text, width, size, bold) != 2:
        return text
    best: tuple[float, str, str] | None = None
    for space in re.finditer(" ", text):
        head, tail = text[:space.start()], text[space.end():]
        if text_lines(head, width, size, bold) > 1 or text_lines(tail, width, size, bold) > 1:
            continue
        gap = abs(text_width(head, size, bold) - text_width(tail, size, bold))
        if best is None or gap < best[0]:
            best = (gap, head, tail)
    return text if best is None else f"{best[1]}\n{best[2]}"


@functools.lru_cache(maxsize=64)
def lines_height(lines: int) -> float:
    """:func:`fitted_height` of a row of 12 pt text whose tallest cell has ``lines``
    lines."""
    return min(row_height(lines), MAX_ROW_HEIGHT)


def fit_row(ws, row: int, texts: Iterable[tuple[object, float]], *, size: float = SIZE,
            min_lines: int = 1, bold: bool = False) -> None:
    """Give one xlsxwriter row the height its texts need (:func:`fitted_height`)."""
    ws.set_row(row, fitted_height(texts, size, min_lines, bold))


@dataclass
class RowHeights:
    """Row heights of a table with merged cells, set at the end (:meth:`apply`).

    Each row needs what its own cells need; a merged cell's need is spread evenly
    over the rows it spans when they do not already add up to it. Every row is
    capped at Excel's limit.
    """

    own: dict[int, float] = field(default_factory=dict)
    spans: list[tuple[int, int, float]] = field(default_factory=list)

    def cell(self, row: int, text: str, width: float, size: float = SIZE,
             bold: bool = False) -> None:
        self.cells(row, [(text, width)], size, bold=bold)

    def cells(self, row: int, texts: Iterable[tuple[object, float]], size: float = SIZE,
              min_lines: int = 1, bold: bool = False) -> None:
        need = fitted_height(texts, size, min_lines, bold)
        self.own[row] = max(self.own.get(row, 0.0), need)

    def merged(self, first: int, last: int, text: str, width: float,
               size: float = SIZE, bold: bool = False) -> None:
        self.spans.append((first, last, fitted_height([(text, width)], size, bold=bold)))

    def apply(self, ws) -> None:
        for r, height in sorted(self.heights().items()):
            ws.set_row(r, height)

    def heights(self) -> dict[int, float]:
        """Each row's height in points (what :meth:`apply` sets)."""
        heights = dict(self.own)
        one = row_height(1)
        for first, last, _ in self.spans:
            for r in range(first, last + 1):
                heights.setdefault(r, one)
        for first, last, need in sorted(self.spans):
            rows = range(first, last + 1)
            short = need - sum(map(heights.__getitem__, rows))
            if short > 0:
                for r in rows:
                    heights[r] += short / len(rows)
        return {r: min(round(height, 2), MAX_ROW_HEIGHT) for r, height in heights.items()}


# --- the same look for openpyxl ---------------------------------------------------

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def openpyxl_font(bold: bool = False, size: int = SIZE, italic: bool = False,
                  underline: bool = False, color: str | None = None) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic,
                underline="single" if underline else None,
                color=color.lstrip("#") if color else None)


def openpyxl_fill(color: str) -> PatternFill:
    return PatternFill("solid", start_color=color.lstrip("#"), end_color=color.lstrip("#"))


def openpyxl_column_width(ws, column: int) -> float:
    """Column ``column``'s width (1-based) as an openpyxl sheet read from a file sets it
    (a setting may span several columns: keyed by its first), else Excel's default."""
    for dim in ws.column_dimensions.values():
        if dim.width and (dim.min or 0) <= column <= (dim.max or 0):
            return dim.width
    return DEFAULT_WIDTH


WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
# A short value beside wrapped text: on the text's first line, as WRAP sets the text.
TOP_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
