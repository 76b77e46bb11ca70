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
when it holds a character that needs it. Most of its rows repeat the cells of
rows before (a status, a blank inside a merged cell): a cell's XML is kept per
sheet around its row number, by column, value and format. It
writes the same file, byte for byte, and hands anything else (formulas, rich text,
comments, cells without a format, "A1" addresses) to xlsxwriter's own code.

Streamed, most lead rows repeat whole groups of cells but for a name and a key:
:func:`write_parts` takes a row as its own cells and :class:`Repeated` groups, and a
row of a shape seen before is its groups' XML, made once, joined with its row number
around its own cells' (docs/fast-paths.md). Rows go out 64 at a time, and at close a
streamed sheet's rows are copied into it as bytes, not read and written again as text.

A split's many small workbooks repeat the same sheet settings instead: column
widths, row heights and data validations are set without xlsxwriter's argument
conversions, and the ``<cols>`` element and each validation (all but its range)
are written once per distinct input and reused (:mod:`cchc_xl.fast.frozen` makes the
exact keys; anything it cannot freeze takes xlsxwriter's own path).

It leans on xlsxwriter internals, so it is used only with the versions it was
checked against (:data:`CHECKED_VERSIONS`); with any other, :func:`worksheet_class`
gives xlsxwriter's plain ``Worksheet``. ``tests/test_fast_sheet.py`` writes the
consolidated workbook both ways and compares every part of the two files.
"""

from __future__ import annotations

import copy
import math
import operator
import re
from datetime import datetime
from io import StringIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_range
from xlsxwriter.worksheet import (
    CellBlankTuple,
    CellDatetimeTuple,
    CellNumberTuple,
    CellStringTuple,
    ColumnInfo,
    RowInfo,
    Worksheet,
)

from ..fitrows import FittedRows
from .frozen import Cache, Recent, Unfrozen, frozen_items
from .parts import KEPT_TEXT, Made, PartsRows, Repeated, expanded  # noqa: F401 (Made, Repeated: for write_parts)

CHECKED_VERSIONS = ("3.3.1", "3.3.4")


class FastWorksheet(PartsRows, FittedRows, Worksheet):
    """xlsxwriter's Worksheet, its per-cell path shortened (same output)."""

    def __init__(self) -> None:
        super().__init__()
        # Streamed: a cell's XML before and after its row number, by (column, value,
        # format) (the consolidated workbook repeats the same cells row after row).
        self._known_xml = Recent(_KNOWN_CELLS)
        self._stored_xml = Recent(_KNOWN_CELLS)  # the same for cells stored until close
        self._row_xml: dict[tuple, str] = {}  # a <row>'s attributes after r, by height
        self._row_infos: dict[tuple[int, bool], RowInfo] = {}  # set_row's, by height
        self._heads = Cache(_KNOWN_CELLS)  # a <c> tag around its number, by column, format
        self._made_cells = Cache(_KNOWN_CELLS)  # stored text cells, by text and format
        self._blanks: dict[Format, CellBlankTuple] = {}  # stored blanks, by format

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

    def _prepare_formula(self, formula, expand_future_functions=False):
        # Each of the 155 functions xlsxwriter expands by a regular expression ends in
        # "(": a formula without one (a conditional format's '"Quá hạn"') comes back
        # stripped as xlsxwriter strips it, without compiling them in every process.
        if "(" in formula:
            return super()._prepare_formula(formula, expand_future_functions)
        return formula.removeprefix("{").removeprefix("=").removesuffix("}")

    def write_cells(self, row: int, cells) -> None:
        """Write one row's cells at once: the same as :func:`write_cells` with
        xlsxwriter's own methods, one cell at a time and in the same order, without
        each cell's checks and calls (the cells the consolidated workbook writes)."""
        if row.__class__ is not int or not 0 <= row < self.xls_rowmax or (
                self.constant_memory and row < self.previous_row):
            return _write_each(self, row, cells)
        if self.constant_memory:
            if row > self.previous_row:
                self._write_single_row(row)  # the previous row goes out
            if row not in self.table and self._rendered(row, cells):
                return None
        strings = None if self.constant_memory else self.str_table
        # Kept until close: a text's cell (its shared string's index) by text and
        # format, a blank's by format (immutable tuples, the same for every row).
        made = self._made_cells
        longest = self.xls_strmax // 2  # longer: xlsxwriter's own check of its length
        colmax = self.xls_colmax
        put = None
        low = high = None
        for col, value, fmt in cells:
            kind = value.__class__
            if col.__class__ is not int or not 0 <= col < colmax:
                cell = None
            elif kind is str:
                if len(value) > longest:
                    cell = None
                elif strings is None:
                    cell = CellStringTuple(value, fmt)
                elif fmt.__class__ is Format:
                    cell = made.get((value, fmt))
                    if cell is None:
                        cell = CellStringTuple(strings._get_shared_string_index(value), fmt)
                        if len(value) <= KEPT_TEXT:
                            made.put((value, fmt), cell)
                    else:  # in the table already: counted (_get_shared_string_index)
                        strings.count += 1
                else:
                    cell = CellStringTuple(strings._get_shared_string_index(value), fmt)
            elif value is None:
                if fmt is None:
                    continue  # xlsxwriter writes no unformatted blank
                cell = self._blanks.get(fmt) if fmt.__class__ is Format else None
                if cell is None:
                    cell = CellBlankTuple(fmt)
                    if fmt.__class__ is Format:
                        self._blanks[fmt] = cell
            elif kind is int or (kind is float and math.isfinite(value)):
                cell = CellNumberTuple(value, fmt)
            elif kind is datetime and fmt is not None:
                cell = CellDatetimeTuple(self._convert_date_time(value), fmt)
            else:
                cell = None
            if cell is None:  # anything else: xlsxwriter's own way, in its turn
                _write_each(self, row, ((col, value, fmt),))
                if put is None and row in self.table:
                    put = self.table[row]
                continue
            if put is None:
                if self.constant_memory and row > self.previous_row:
                    self._write_single_row(row)
                put = self.table[row]
            put[col] = cell
            if low is None:
                low = high = col
            elif col < low:
                low = col
            elif col > high:
                high = col
        if low is not None:
            self._widen(row, low, high)
        return None

    def _widen(self, row: int, low: int, high: int) -> None:
        """xlsxwriter's _check_dimensions of ``row`` with ``low`` and with ``high``, for
        cells it would accept there (in bounds, streamed not before the previous row):
        most rows only move the last row down."""
        if (self.dim_rowmin is not None and self.dim_colmin is not None
                and self.dim_rowmin <= row and self.dim_colmin <= low
                and high <= self.dim_colmax):
            if row > self.dim_rowmax:
                self.dim_rowmax = row
        else:
            self._check_dimensions(row, low)
            self._check_dimensions(row, high)

    def _cell_xml(self, cell, number: str) -> str | None:
        """One cell's XML in row ``number``; None for a cell it does not know."""
        col, value, fmt = cell
        kind = value.__class__
        # A cell seen before (the same column, value and format): its XML around the
        # row number. Only keys that compare as themselves (1 == 1.0 == True).
        if (kind is str or kind is int or value is None) and col.__class__ is int:
            known = self._known_xml
            around = known.get(cell) or known.recall(cell)
            if around is not None:
                return f"{around[0]}{number}{around[1]}"
        return self._new_cell_xml(cell, number)

    def _new_cell_xml(self, cell, number: str) -> str | None:
        """A cell's XML made (and kept if it may repeat); None for one it does not know."""
        around = self.around(cell)
        if around is None:
            return None
        value = cell[1]
        kind = value.__class__
        if (kind is str and len(value) <= KEPT_TEXT) or kind is int or value is None:
            self._known_xml.put(cell, around)
        return f"{around[0]}{number}{around[1]}"

    def around(self, cell) -> tuple[str, str] | None:
        """A cell's XML, ``(column, value, format)``, before and after its row number
        (its format numbered now if it is its first use); None for one it does not
        know (xlsxwriter's own way: too long, rich text, no format)."""
        col, value, fmt = cell
        kind = value.__class__
        if fmt is None or col.__class__ is not int or not 0 <= col < self.xls_colmax:
            return None
        start, rest = self._cell_head(col, fmt)
        if kind is str:
            # Too long, or rich text: xlsxwriter's own way.
            rest = self._inline(rest, value) if len(value) <= self.xls_strmax // 2 else None
            if rest is None:
                return None
        elif value is None:
            rest = f"{rest}/>"
        elif kind is int or (kind is float and math.isfinite(value)):
            rest = f"{rest}><v>{value:.16G}</v></c>"
        elif kind is datetime:
            rest = f"{rest}><v>{self._convert_date_time(value):.16G}</v></c>"
        else:
            return None
        return start, rest

    def _inline(self, head: str, string: str) -> str | None:
        """An inline string cell as xlsxwriter writes it (control characters as _xHHHH_,
        XML escapes, leading or trailing space preserved) after ``head``, the start of
        its element; None for rich text."""
        if _SPECIAL.search(string):
            string = self._escape_control_characters(string)
            if string.startswith("<r>") and string.endswith("</r>"):
                return None
            escaped = self._escape_data(string)
        else:
            escaped = string
        space = ' xml:space="preserve"' if preserves_space(string) else ""
        return f'{head} t="inlineStr"><is><t{space}>{escaped}</t></is></c>'

    def _cell_head(self, col: int, fmt) -> tuple[str, str]:
        """The start of a cell's ``<c>`` element before and after its row number: its
        column's letters and its format's index (kept for a format whose index is set,
        for good: xlsxwriter numbers each format once)."""
        if fmt.__class__ is Format:
            known = self._heads.get((col, fmt))
            if known is not None:
                return known
        letters = _COLUMN_NAMES.get(col)
        if letters is None:
            letters = _COLUMN_NAMES[col] = xl_col_to_name(col)
        known = (f'<c r="{letters}', f'" s="{fmt._get_xf_index()}"')
        if fmt.__class__ is Format and fmt.xf_index is not None:
            self._heads.put((col, fmt), known)
        return known

    def _rendered(self, row: int, cells) -> bool:
        """Streamed, a new row: each cell's XML made at once, in column order (as the
        row would go out, so formats are numbered in the same order) and kept until
        the row goes out. False, nothing kept, for a cell it does not know."""
        texts = self._cells_xml(cells, str(row + 1))
        if texts is None:
            return False
        if texts:
            self.table[row] = texts
            cols = list(texts)
            self._widen(row, cols[0], cols[-1])
        return True

    def _cells_xml(self, cells, number: str) -> dict | None:
        """Each cell's XML in row ``number`` (1-based, as text), by column in column
        order (a later cell in a column replaces one before); None for a cell it does
        not know."""
        ordered = sorted(cells, key=_COLUMN)
        cols = [cell[0] for cell in ordered]
        if len(set(cols)) < len(cols):  # a later cell in the same column replaces one before
            by_col = {}
            for cell in cells:
                by_col[cell[0]] = cell
            cols = sorted(by_col)
            ordered = [by_col[col] for col in cols]
        texts = []
        for cell in ordered:
            text = self._cell_xml(cell, number)
            if text is None:
                return None
            texts.append(text)
        return dict(zip(cols, texts, strict=True))

    # --- rows, columns, validations (a split's sheets repeat the same ones) -------------

    def set_row(self, *args, **kwargs):
        # A height only (xlsxwriter's set_row and set_row_pixels, shortened).
        if kwargs or len(args) != 2 or args[0].__class__ is not int or (
                args[1].__class__ is not float and args[1].__class__ is not int):
            return super().set_row(*args, **kwargs)
        row, height = args
        height = int(height * 4.0 / 3.0 + 0.5)
        col = 0 if self.dim_colmin is None else self.dim_colmin
        if 0 <= row < self.xls_rowmax and not (self.constant_memory and row < self.previous_row):
            self._widen(row, col, col)
        elif self._check_dimensions(row, col):
            return -1
        hidden = False
        if height == 0:
            hidden, height = True, self.default_row_height
        # The same (immutable) RowInfo for every row of a height (an int here).
        info = self._row_infos.get((height, hidden))
        if info is None:
            info = self._row_infos[(height, hidden)] = RowInfo(
                height=height, row_format=None, hidden=hidden, level=0, collapsed=False)
        self.row_info[row] = info
        self.row_sizes[row] = [height, hidden]
        return 0

    def set_column(self, *args, **kwargs):
        # A width of one character or more only (set_column and set_column_pixels).
        if kwargs or len(args) != 3 or args[0].__class__ is not int or (
                args[1].__class__ is not int) or (
                args[2].__class__ is not float and args[2].__class__ is not int) or args[2] < 1.0:
            return super().set_column(*args, **kwargs)
        first, last, width = args
        width = int(width * self.max_digit_width + 0.5) + self.cell_padding
        if first > last:
            first, last = last, first
        if self._check_dimensions(0, last, True, True) or self._check_dimensions(
                0, first, True, True):
            return -1
        for col in range(first, last + 1):
            self.col_info[col] = ColumnInfo(width=width, column_format=None, hidden=False,
                                            level=0, collapsed=False)
        self.col_size_changed = True
        return 0

    def merge_range(self, *args, **kwargs):
        # An empty range without a format, its text written on its own (a split's
        # titles): what xlsxwriter records, without its writes of nothing (an empty
        # string and its padding, unformatted, are no cells).
        if kwargs or len(args) != 5 or args[4].__class__ is not str or args[4] or (
                self.write_handlers) or not all([a.__class__ is int for a in args[:4]]):
            return super().merge_range(*args, **kwargs)
        first_row, first_col, last_row, last_col = args[:4]
        if first_row > last_row:
            first_row, last_row = last_row, first_row
        if first_col > last_col:
            first_col, last_col = last_col, first_col
        cells = [(row, col) for row in range(first_row, last_row + 1)
                 for col in range(first_col, last_col + 1)]
        if len(cells) == 1 or self._check_dimensions(first_row, first_col) or (
                self._check_dimensions(last_row, last_col)) or any(
                map(self.merged_cells.get, cells)) or any(map(self.table_cells.get, cells)):
            return super().merge_range(*args)  # warns, fails or raises as xlsxwriter does
        self.merged_cells.update(dict.fromkeys(cells, xl_range(first_row, first_col,
                                                               last_row, last_col)))
        self.merge.append([first_row, first_col, last_row, last_col])
        return 0

    def data_validation(self, *args, **kwargs):
        # The same options on many sheets are checked once (per process).
        options = args[4] if len(args) == 5 else None
        if kwargs or options.__class__ is not dict or args[0].__class__ is not int or (
                "other_cells" in options or "multi_range" in options):
            return super().data_validation(*args, **kwargs)
        try:
            key = (frozen_items(options), self.date_1904, self.remove_timezone)
        except Unfrozen:
            return super().data_validation(*args)
        known = _CHECKED.get(key)
        if known is None:
            result = super().data_validation(*args)
            if result == 0:
                checked = copy.deepcopy({k: v for k, v in self.validations[-1].items()
                                         if k != "cells"})
                try:
                    _CHECKED.put(key, (checked, frozen_items(checked)))
                except Unfrozen:
                    pass
            return result
        checked, written = known
        first_row, first_col, last_row, last_col = args[:4]
        if self._check_dimensions(first_row, first_col, True, True) or (
                self._check_dimensions(last_row, last_col, True, True)):
            return -1
        self.validations.append(_Validation(
            {**checked, "cells": [[first_row, first_col, last_row, last_col]]}, written))
        return 0

    def _write_data_validation(self, options) -> None:
        # Written once per distinct options (per process), only the range put in.
        cells = options["cells"]
        if len(cells) != 1 or options.get("multi_range"):
            return super()._write_data_validation(options)
        if options.__class__ is _Validation:
            key = options.key
        else:
            try:
                key = frozen_items(options, _CELLS)
            except Unfrozen:
                return super()._write_data_validation(options)
        row_first, col_first, row_last, col_last = cells[0]
        cell_range = xl_range(min(row_first, row_last), min(col_first, col_last),
                              max(row_first, row_last), max(col_first, col_last))
        sqref = f' sqref="{cell_range}"'
        around = _VALIDATION_XML.get(key)
        if around is None:
            text = self._captured(super()._write_data_validation, options)
            cut = text.index(' sqref="')  # attribute values have '"' escaped
            if text[cut:cut + len(sqref)] != sqref:
                self.fh.write(text)
                return None
            around = _VALIDATION_XML.put(key, (text[:cut], text[cut + len(sqref):]))
        self.fh.write(f"{around[0]}{sqref}{around[1]}")
        return None

    def _write_cols(self) -> None:
        # Written once per distinct columns (per process).
        col_info = self.col_info
        if not col_info:
            return None
        try:
            key = (self.default_col_width, self.max_digit_width,
                   tuple([(col, frozen_items(vars(info))) for col, info in col_info.items()]))
        except (Unfrozen, TypeError):
            return super()._write_cols()
        text = _COLS.get(key)
        if text is None:
            text = _COLS.put(key, self._captured(super()._write_cols))
        else:
            first = min(col_info)  # xlsxwriter moves the first column last
            col_info[first] = col_info.pop(first)
        self.fh.write(text)
        return None

    def _captured(self, write, *args) -> str:
        """What ``write(*args)`` writes, kept instead of written."""
        fh = self.fh
        self.fh = StringIO()
        try:
            write(*args)
            return self.fh.getvalue()
        finally:
            self.fh = fh

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
                self._flush_rows()
                self._write_empty_row(row_num, spans.get(row_num // 16), info)
        self._flush_rows()
        return None

    def _write_single_row(self, current_row_num=0) -> None:
        # constant_memory: the previous row goes out when a later one is written.
        row_num = self.previous_row
        joined = self._joined
        if joined is not None:
            cells = self.table.get(row_num)
            if joined[0] == row_num and cells is not None and len(cells) == 1 and (
                    cells.get(joined[2].low) is joined[1]) and not self.comments:
                # Written by parts and not since (most rows): its text made already.
                start = self._row_start(row_num, None, self.row_info.get(row_num))
                if start is not None:
                    self._joined = None
                    self.previous_row = current_row_num
                    self._row_made(f"{start}{joined[1]}</row>")
                    self.table.clear()
                    return None
            self._spread(row_num)
        if self.comments:
            self._flush_rows()
            return super()._write_single_row(current_row_num)
        self.previous_row = current_row_num
        cells = self.table.get(row_num)
        info = self.row_info.get(row_num)
        if cells:
            self._write_cells(row_num, None, info, cells)
        elif info is not None:
            self._flush_rows()
            self._write_empty_row(row_num, None, info)
        self.table.clear()
        return None

    def _write_cells(self, row_num: int, span, info, cells: dict) -> None:
        """A row and its cells, in column order, the plain ones in one write."""
        start = self._row_start(row_num, span, info)
        if start is None:
            self._flush_rows()
            self._write_row(row_num, span, info)
            out = []
        else:
            out = [start]
        cols = sorted(cells)
        shared = not self.constant_memory
        if not shared:
            try:  # most rows: every cell made when it was written (write_cells)
                out.append("".join([cells[col] for col in cols]))
            except TypeError:
                pass
            else:
                out.append("</row>")
                self._row_made("".join(out))
                return None
        number = str(row_num + 1)
        known = self._stored_xml
        for col_num in cols:
            cell = cells[col_num]
            kind = cell.__class__
            if kind is str:  # made when it was written (write_cells)
                out.append(cell)
                continue
            # A string (its shared index, or itself) or a blank seen before in this
            # column with this format: its XML around the row number. Not numbers:
            # 0 == -0.0 == False, which print differently.
            if kind is CellStringTuple or kind is CellBlankTuple:
                around = known.get((col_num, cell)) or known.recall((col_num, cell))
                if around is not None:
                    out.append(f"{around[0]}{number}{around[1]}")
                    continue
            fmt = cell.format
            rest = None
            if fmt is not None and kind in _PLAIN:
                start, rest = self._cell_head(col_num, fmt)
                if kind is CellStringTuple:
                    rest = f'{rest} t="s"><v>{cell.string}</v></c>' if shared else (
                        self._inline(rest, cell.string))
                elif kind is CellBlankTuple:
                    rest = f"{rest}/>"
                else:
                    rest = f"{rest}><v>{cell.number:.16G}</v></c>"
            if rest is None:  # anything else: xlsxwriter writes it, in its place
                self._out.append("".join(out))
                self._flush_rows()
                out.clear()
                super()._write_cell(row_num, col_num, cell)
            else:
                out.append(f"{start}{number}{rest}")
                if kind is CellStringTuple or kind is CellBlankTuple:
                    known.put((col_num, cell), (start, rest))
        out.append("</row>")
        self._row_made("".join(out))

    def _row_start(self, row_num: int, span, info) -> str | None:
        """The ``<row>`` start tag as xlsxwriter's ``_write_row`` writes it for a row
        with at most a height; None for anything else (xlsxwriter writes it)."""
        if self.excel_version == 2010:
            return None
        if info is None:
            height = self.default_row_height
        elif (info.row_format is not None or info.hidden or info.level or info.collapsed
              or info.height is None):
            return None
        else:
            height = info.height
        if height.__class__ is not int:
            return None
        fitted = row_num in self.fitted_rows  # no customHeight (fitrows)
        key = (height, self.default_row_height, self.original_row_height, fitted)
        rest = self._row_xml.get(key)
        if rest is None:
            rest = ">"
            if height != self.original_row_height or height != self.default_row_height:
                custom = "" if fitted else ' customHeight="1"'
                rest = f' ht="{height * 0.75:.16g}"{custom}>'
            self._row_xml[key] = rest
        if span:
            return f'<row r="{row_num + 1}" spans="{span}"{rest}'
        return f'<row r="{row_num + 1}"{rest}'

    def _write_cell(self, row: int, col: int, cell) -> None:
        if cell.__class__ is str:  # made when it was written (write_cells)
            self.fh.write(cell)
        else:
            super()._write_cell(row, col, cell)


# What makes a string need xlsxwriter's escapes: control characters, a literal "_x",
# XML's specials, the two non-characters, or a rich string's "<r>".
_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f&<>_\ufffe\uffff]")
_COLUMN_NAMES: dict[int, str] = {}  # "A", "B", ... by 0-based column


def preserves_space(string: str) -> bool:
    r"""xlsxwriter's _preserve_whitespace (``^\s`` or ``\s$``: a text starting or ending
    in white space keeps it), without its two regular expressions: ``\s`` is the same
    characters as str.isspace, and ``$`` also matches before a last "\n", itself white
    space (tests/test_fast_sheet.py compares both on generated text)."""
    return string[:1].isspace() or string[-1:].isspace()


_PLAIN = {CellStringTuple, CellNumberTuple, CellDatetimeTuple, CellBlankTuple}
_COLUMN = operator.itemgetter(0)  # a cell's column
_KNOWN_CELLS = 1 << 12  # cells' XML kept per sheet, as many again a round longer

_CHECKED = Cache(64)  # data_validation's checked options (and their key) by those given
_VALIDATION_XML = Cache(64)  # a validation's XML before and after its range
_COLS = Cache(64)  # the <cols> element by the columns' widths and properties
_CELLS = frozenset({"cells"})


class _Validation(dict):
    """A validation's checked options (a private copy, never changed) with its range,
    and ``key``, what frozen_items gives for them without the range."""

    __slots__ = ("key",)

    def __init__(self, options: dict, key: tuple) -> None:
        super().__init__(options)
        self.key = key


def write_parts(ws: Worksheet, row: int, parts) -> None:
    """Write one row's parts: cells ``(column, value, format)`` and :class:`Repeated`
    groups of them, in this order (as :func:`write_cells` of the cells with each group's
    in its place). A :class:`FastWorksheet` streaming its rows makes a group's XML once."""
    if isinstance(ws, FastWorksheet):
        ws.write_parts(row, parts)
    else:
        _write_each(ws, row, expanded(parts))


def write_cells(ws: Worksheet, row: int, cells) -> None:
    """Write one row's cells, each ``(column, value, format)``: a value is a str, an
    int or float, a datetime, or None for a blank (written only with a format).
    A :class:`FastWorksheet` writes them at once; any other worksheet one by one."""
    if isinstance(ws, FastWorksheet):
        ws.write_cells(row, cells)
    else:
        _write_each(ws, row, cells)


def _write_each(ws: Worksheet, row: int, cells) -> None:
    for col, value, fmt in cells:
        if value is None:
            ws.write_blank(row, col, None, fmt)
        elif value.__class__ is str:
            ws.write_string(row, col, value, fmt)
        elif isinstance(value, int | float):
            ws.write_number(row, col, value, fmt)
        else:
            ws.write_datetime(row, col, value, fmt)


def worksheet_class(fast: bool = True) -> type[Worksheet]:
    """:class:`FastWorksheet` where it was checked against this xlsxwriter, else (or
    with ``fast`` False) xlsxwriter's own Worksheet."""
    if fast and xlsxwriter.__version__ in CHECKED_VERSIONS:
        return FastWorksheet
    return Worksheet
