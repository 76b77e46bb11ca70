"""A quicker xlsxwriter worksheet for the large tables of the consolidated workbook.

The consolidated workbook holds every lead row of the plan and every answer row of
the period (95,000 cells for a province, 700,000 at national size), and xlsxwriter
spends most of its time on each cell's way in and out: a decorator that accepts
"A1" notation, then at close (or, streamed, row by row) a list of attributes per
cell, each escaped by a regular expression, the cell's type found by comparing
class names, and a write per tag. :class:`FastWorksheet` is xlsxwriter's own
``Worksheet`` with that path shortened for the cells the consolidated workbook
writes (text, numbers, dates and formatted blanks, addressed by row and column):
a row's cells are formatted in one pass and written at once, text is escaped only
when it holds a character that needs it. It writes the same file, byte for byte,
and hands anything else (formulas, rich text, comments, cells without a format,
"A1" addresses) to xlsxwriter's own code.

It leans on xlsxwriter internals, so it is used only with the versions it was
checked against (:data:`CHECKED_VERSIONS`); with any other, :func:`worksheet_class`
gives xlsxwriter's plain ``Worksheet``. ``tests/test_fastsheet.py`` writes the
consolidated workbook both ways and compares every part of the two files.
"""

from __future__ import annotations

import re

import xlsxwriter
from xlsxwriter.utility import _preserve_whitespace, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import (
    CellBlankTuple,
    CellDatetimeTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
)

CHECKED_VERSIONS = ("3.3.1",)


class FastWorksheet(Worksheet):
    """xlsxwriter's Worksheet, its per-cell path shortened (same output)."""

    # --- writing cells in (the public methods, minus the "A1" decorator) -------------

    def write_string(self, *args, **kwargs):
        if not kwargs and args[0].__class__ is int:
            return self._write_string(*args)
        return super().write_string(*args, **kwargs)

    def write_number(self, *args, **kwargs):
        if not kwargs and args[0].__class__ is int:
            return self._write_number(*args)
        return super().write_number(*args, **kwargs)

    def write_blank(self, *args, **kwargs):
        if not kwargs and args[0].__class__ is int:
            return self._write_blank(*args)
        return super().write_blank(*args, **kwargs)

    def write_datetime(self, *args, **kwargs):
        if not kwargs and args[0].__class__ is int:
            return self._write_datetime(*args)
        return super().write_datetime(*args, **kwargs)

    # --- writing cells out -------------------------------------------------------------

    def _calculate_spans(self) -> None:
        if self.comments:
            return super()._calculate_spans()
        # Each block of 16 rows spans from its leftmost to its rightmost cell.
        spans = {}
        span_min = span_max = None
        table = self.table
        last = self.dim_rowmax
        for row_num in range(self.dim_rowmin, last + 1):
            cells = table.get(row_num)
            if cells:
                low, high = min(cells), max(cells)
                if span_min is None:
                    span_min, span_max = low, high
                else:
                    span_min, span_max = min(span_min, low), max(span_max, high)
            if (row_num + 1) % 16 == 0 or row_num == last:
                if span_min is not None:
                    spans[row_num // 16] = f"{span_min + 1}:{span_max + 1}"
                    span_min = None
        self.row_spans = spans
        return None

    def _write_rows(self) -> None:
        if self.comments:
            return super()._write_rows()
        self._calculate_spans()
        table, row_info, spans = self.table, self.row_info, self.row_spans
        for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
            cells = table.get(row_num)
            info = row_info.get(row_num)
            if cells:
                self._write_cells(row_num, spans.get(row_num // 16), info, cells)
            elif info is not None:  # a row with attributes only
                self._write_empty_row(row_num, spans.get(row_num // 16), info)
        return None

    def _write_single_row(self, current_row_num=0) -> None:
        # constant_memory: the previous row goes out when a later one is written.
        if self.comments:
            return super()._write_single_row(current_row_num)
        row_num, self.previous_row = self.previous_row, current_row_num
        cells = self.table.get(row_num)
        info = self.row_info.get(row_num)
        if cells:
            self._write_cells(row_num, None, info, cells)
        elif info is not None:
            self._write_empty_row(row_num, None, info)
        self.table.clear()
        return None

    def _write_cells(self, row_num: int, span, info, cells: dict) -> None:
        """A row and its cells, in column order, the plain ones in one write."""
        self._write_row(row_num, span, info)
        out = []
        shared = not self.constant_memory
        for col_num in sorted(cells):
            cell = cells[col_num]
            kind = cell.__class__
            fmt = cell.format
            text = None
            if fmt is not None and kind in _PLAIN:
                ref = xl_rowcol_to_cell_fast(row_num, col_num)
                head = f'<c r="{ref}" s="{fmt._get_xf_index()}"'
                if kind is CellStringTuple:
                    if shared:
                        text = f'{head} t="s"><v>{cell.string}</v></c>'
                    else:
                        text = self._inline(head, cell.string)
                elif kind is CellBlankTuple:
                    text = f"{head}/>"
                else:
                    text = f"{head}><v>{cell.number:.16G}</v></c>"
            if text is None:  # anything else: xlsxwriter writes it, in its place
                self.fh.write("".join(out))
                out.clear()
                super()._write_cell(row_num, col_num, cell)
            else:
                out.append(text)
        out.append("</row>")
        self.fh.write("".join(out))

    def _inline(self, head: str, string: str) -> str | None:
        """An inline string cell as xlsxwriter writes it (control characters as _xHHHH_,
        XML escapes, leading or trailing space preserved); None for rich text."""
        if _SPECIAL.search(string):
            string = self._escape_control_characters(string)
            if string.startswith("<r>") and string.endswith("</r>"):
                return None
            escaped = self._escape_data(string)
        else:
            escaped = string
        space = ' xml:space="preserve"' if _preserve_whitespace(string) else ""
        return f'{head} t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


# What makes a string need xlsxwriter's escapes: control characters, a literal "_x",
# XML's specials, the two non-characters, or a rich string's "<r>".
_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f&<>_\ufffe\uffff]")
_PLAIN = {CellStringTuple, CellNumberTuple, CellDatetimeTuple, CellBlankTuple}


def worksheet_class(fast: bool = True) -> type[Worksheet]:
    """:class:`FastWorksheet` where it was checked against this xlsxwriter, else (or
    with ``fast`` False) xlsxwriter's own Worksheet."""
    if fast and xlsxwriter.__version__ in CHECKED_VERSIONS:
        return FastWorksheet
    return Worksheet
