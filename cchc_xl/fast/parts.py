"""Streamed rows of the quicker worksheet (:class:`cchc_xl.fast.sheet.FastWorksheet`):
rows of repeated parts, rows going out many at a time, the rows kept in memory while
they are few, and copied into the sheet as bytes at close.

Most lead rows of the consolidated workbook repeat whole groups of cells but for a
unit's name and its key. A row given as parts (its own cells and :class:`Repeated`
groups, ``fast.sheet.write_parts``) of a shape seen before (the same groups, by
identity, own cells in the same columns) is made from its groups' XML, made once and
split at the row number, joined with its number around its own cells' XML. The first
row of a shape, and anything this does not know, is written as ``write_cells`` writes
it; a row written into afterwards is spread back into one text per column before it
goes out. An own cell given on many rows (a name, a status) may be a :class:`Made`,
which keeps its XML once made. A table's row, a cell in every column, is given whole
as its cells' XML (:meth:`PartsRows.write_arounds`). docs/fast-paths.md has the rules;
``tests/test_fast_sheet.py`` and ``tests/test_fast_table_rows.py`` write such rows both
ways and compare every part of the two files.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from tempfile import SpooledTemporaryFile

from xlsxwriter.worksheet import Worksheet

from .frozen import Cache


class PartsRows(Worksheet):
    """The streamed rows' part of :class:`~cchc_xl.fast.sheet.FastWorksheet` (which has
    the cells' XML: ``write_cells``, ``_cells_xml``, ``_cell_xml``, ``_widen``)."""

    def __init__(self) -> None:
        super().__init__()
        # Streamed rows written as parts: how a row of each shape is put together, by
        # its parts' identities and columns; the last such row's record.
        self._plans = Cache(_KNOWN_PLANS)
        self._joined: tuple | None = None
        self._out: list[str] = []  # rows made, not yet written (_flush_rows)

    def write_parts(self, row: int, parts) -> None:
        """Write one row's parts: cells and :class:`Repeated` groups of cells, in this
        order (the same as :meth:`write_cells` of the cells with each group's in its
        place). Streamed, the XML of a group is made once per sheet: a row of the same
        shape as one before (the same groups, own cells in the same columns) is its
        groups' XML with its number put in, around its own cells' XML."""
        if not self.constant_memory or row.__class__ is not int or not (
                self.previous_row <= row < self.xls_rowmax):
            return self.write_cells(row, expanded(parts))
        if row > self.previous_row:
            self._write_single_row(row)  # the previous row goes out
        if row in self.table:  # written into already: cell by cell
            return self.write_cells(row, expanded(parts))
        # Exact: a group by its identity (the plan holds it, so its id is not reused),
        # an own cell by its column (one that is not an int fails _cell_xml below).
        shape = tuple([id(part) if part.__class__ is Repeated else part[0]
                       for part in parts])
        plan = self._plans.get(shape)
        if plan is None:
            return self._first_of_shape(row, parts, shape)
        if plan is False:  # columns written twice: cell by cell
            return self.write_cells(row, expanded(parts))
        number = str(row + 1)
        owned = {}
        for i in plan.order:  # in column order, as formats are numbered
            part = parts[i]
            if part.__class__ is Made:  # its XML kept once made
                around = part.around or part.made(self.around)
                text = None if around is None else f"{around[0]}{number}{around[1]}"
            else:
                text = self._cell_xml(part, number)
            if text is None:
                return self.write_cells(row, expanded(parts))
            owned[i] = text
        whole = "".join([number.join(step) if step.__class__ is tuple else owned[step]
                         for step in plan.steps])
        self.table[row] = {plan.low: whole}
        self._joined = (row, whole, plan, number, owned)
        self._widen(row, plan.low, plan.high)
        return None

    def row_ready(self, row: int) -> bool:
        """Streamed: the rows before ``row`` sent out (as writing a cell into it would
        send them), and whether ``row`` may be given whole by :meth:`write_arounds` (a
        row at or after the last written, not written into yet). False, nothing done,
        where it may not (not streamed, a row before the last)."""
        if not self.constant_memory or row.__class__ is not int or not (
                self.previous_row <= row < self.xls_rowmax):
            return False
        if row > self.previous_row:
            self._write_single_row(row)  # the previous row goes out
        return row not in self.table

    def write_arounds(self, row: int, cols: tuple[int, ...], arounds: list) -> None:
        """Write a streamed row, ready (:meth:`row_ready`), as its cells' XML before and
        after its row number (``FastWorksheet.around`` of each cell), one a column,
        ``cols`` in increasing order: the row write_cells would write of those cells,
        made at once (a table's rows: consolidated.write)."""
        number = str(row + 1)
        whole = "".join([f"{before}{number}{after}" for before, after in arounds])
        self.table[row] = {cols[0]: whole}
        self._joined = (row, whole, _Given(cols, arounds), number, None)
        self._widen(row, cols[0], cols[-1])

    def _first_of_shape(self, row: int, parts, shape: tuple) -> None:
        """A streamed row of a shape not seen before: written as write_cells writes it,
        and how to put together the next rows of its shape kept (False where a column
        is written twice)."""
        cells = expanded(parts)
        if not cells or not self._rendered(row, cells):
            return self.write_cells(row, cells)  # a cell it does not know: no plan
        number = str(row + 1)
        texts = self.table[row]
        cols = list(texts)
        if len(texts) != len(cells):
            self._plans.put(shape, False)
            return None
        own = {}  # own cells' positions in parts, by column
        grouped = {}  # the groups' cells' XML around the row number, by column
        for i, part in enumerate(parts):
            if part.__class__ is Repeated:
                for cell in part:
                    grouped[cell[0]] = _around(texts[cell[0]], number)
            else:
                own[part[0]] = i
        steps = []
        pieces = None
        layout = []
        for col in cols:
            around = grouped.get(col)
            layout.append((col, own[col] if around is None else around))
            if around is None:
                if pieces is not None:
                    steps.append(tuple(pieces))
                    pieces = None
                steps.append(own[col])
            elif pieces is None:
                pieces = list(around)
            else:
                pieces[-1] += around[0]
                pieces.append(around[1])
        if pieces is not None:
            steps.append(tuple(pieces))
        self._plans.put(shape, _Plan(tuple(steps), tuple([own[col] for col in cols
                                                          if col in own]),
                                     tuple(layout), cols[0], cols[-1], tuple(parts)))
        return None

    def _row_made(self, text: str) -> None:
        """A row's XML, made: written with the ones before it, :data:`_ROWS_OUT` at once."""
        self._out.append(text)
        if len(self._out) >= _ROWS_OUT:
            self._flush_rows()

    def _flush_rows(self) -> None:
        """The rows made and not yet written written (streamed, to the rows' file)."""
        if self._out:
            fh = self.row_data_fh if self.constant_memory else self.fh
            fh.write("".join(self._out))
            self._out.clear()

    def _opt_close(self) -> None:
        self._flush_rows()
        return super()._opt_close()

    def _spread(self, row_num: int) -> None:
        """Before row ``row_num`` goes out: if it was written by parts (its cells held
        as one text at its first column) and written into since, each cell in its own
        column again, the later ones in theirs."""
        row, whole, plan, number, owned = self._joined
        self._joined = None
        cells = self.table.get(row_num)
        if row != row_num or cells is None or (len(cells) == 1 and cells.get(plan.low)
                                                is whole):
            return
        spread = plan.texts(number, owned)
        for col, cell in cells.items():
            if col != plan.low or cell is not whole:
                spread[col] = cell
        self.table[row_num] = spread

    def _initialize(self, init_data) -> None:
        # Streamed (constant_memory): the rows wait in a RowsSpool, in memory while they
        # are few, instead of xlsxwriter's named temporary file per sheet (made, opened,
        # removed: about 0.7 ms of the kernel's time each on a disk).
        streamed = init_data["constant_memory"]
        super()._initialize({**init_data, "constant_memory": False} if streamed
                            else init_data)
        if streamed:
            self.constant_memory = True
            self.row_data_fh = self.fh = RowsSpool(
                ROWS_IN_MEMORY, mode="w+", encoding="utf-8", dir=self.tmpdir)

    def _opt_reopen(self) -> None:
        # xlsxwriter reopens its rows' file by name when closed; a spool is closed once
        # its rows are in the sheet, and never opened again.
        if self.row_data_fh_closed:
            raise RuntimeError(f"sheet {self.name!r}: its streamed rows were closed")

    def _write_optimized_sheet_data(self) -> None:
        # Streamed: the rows' spool copied into the sheet, as bytes where the sheet is a
        # file. xlsxwriter reads its rows' file as text and writes that text back: the
        # same bytes, but for its universal newlines ("\r\n" and "\r" read as "\n",
        # done here on the bytes: neither is ever part of another UTF-8 character) and
        # a line separator other than "\n" (xlsxwriter's way there, as text).
        self._flush_rows()
        rows, sheet = self.row_data_fh, self.fh
        if self.dim_rowmin is None:  # no rows
            rows.close()
            self._xml_empty_tag("sheetData")
            return
        self._xml_start_tag("sheetData")
        rows.flush()
        rows.seek(0)
        if os.linesep != "\n" or not hasattr(sheet, "buffer"):  # in memory (StringIO)
            shutil.copyfileobj(rows, sheet, _COPIED)
        else:
            sheet.flush()
            source, target = rows.binary(), sheet.buffer
            carried = b""  # a "\r" at the end of a block: "\r\n" may go on in the next
            while data := source.read(_COPIED):
                data = carried + data
                carried = b"\r" if data.endswith(b"\r") else b""
                if carried:
                    data = data[:-1]
                if b"\r" in data:
                    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
                target.write(data)
            if carried:
                target.write(b"\n")
        rows.close()
        self._xml_end_tag("sheetData")


class RowsSpool(SpooledTemporaryFile):
    """A streamed sheet's rows (text, UTF-8): in memory up to ``max_size`` bytes, then
    in an unnamed temporary file (:class:`tempfile.SpooledTemporaryFile`); ``spilled``
    says which, so the sheet itself is made in memory or in a file alike
    (:class:`cchc_xl.fast.book.FastPackager`)."""

    spilled = False

    def rollover(self) -> None:
        self.spilled = True
        super().rollover()

    def binary(self):
        """The rows' bytes, to read from where the text was put (after ``seek``)."""
        return self._file.buffer  # the spool's file: a text file over BytesIO or disk


class Repeated(tuple):
    """Cells, each ``(column, value, format)``, written the same on many rows among
    each row's own cells (``fast.sheet.write_parts``)."""

    __slots__ = ()


@dataclass(frozen=True)
class _Plan:
    """How a streamed row of one shape is put together: ``steps``, in column order,
    each the XML of a run of its groups' cells around the row number (pieces to join
    with it) or the position in the row's parts of an own cell; ``order``, the own
    cells' positions in column order; ``layout``, each column's group cell XML around
    the number or own cell's position; the first and last column; and the parts it was
    made from (holding them keeps the groups' identities from being reused)."""

    steps: tuple
    order: tuple[int, ...]
    layout: tuple[tuple[int, object], ...]
    low: int
    high: int
    parts: tuple

    def texts(self, number: str, owned: dict[int, str]) -> dict[int, str]:
        """Each cell's XML in row ``number`` by column, ``owned`` the own cells'."""
        return {col: f"{at[0]}{number}{at[1]}" if at.__class__ is tuple else owned[at]
                for col, at in self.layout}


class _Given:
    """A row given whole (``write_arounds``), as a :class:`_Plan` tells its cells apart
    should it be written into afterwards."""

    __slots__ = ("cols", "arounds", "low")

    def __init__(self, cols: tuple[int, ...], arounds: list) -> None:
        self.cols, self.arounds, self.low = cols, arounds, cols[0]

    def texts(self, number: str, owned: None) -> dict[int, str]:
        return {col: f"{before}{number}{after}"
                for col, (before, after) in zip(self.cols, self.arounds, strict=True)}


class Made:
    """A cell, ``(column, value, format)``, given as an own cell of rows written by
    parts (``fast.sheet.write_parts``) whose XML around the row number is kept once made
    (in its turn in its row, as formats are numbered): a writer that gives the same cell
    on many rows (a unit's name, a status) makes it once, and one it gives once (a row's
    key) takes no place among the sheet's kept cells."""

    __slots__ = ("cell", "around")

    def __init__(self, cell: tuple) -> None:
        self.cell = cell
        self.around: tuple[str, str] | None = None

    def __getitem__(self, i: int):
        return self.cell[i]

    def made(self, around) -> tuple[str, str] | None:
        """Its XML around the row number, made by ``around`` (FastWorksheet.around)."""
        self.around = around(self.cell)
        return self.around


def expanded(parts) -> list:
    """A row's parts as its cells, each group's in its place."""
    cells = []
    for part in parts:
        if part.__class__ is Repeated:
            cells.extend(part)
        elif part.__class__ is Made:
            cells.append(part.cell)
        else:
            cells.append(part)
    return cells


def _around(text: str, number: str) -> tuple[str, str]:
    """A cell's XML (its tag begun as :meth:`FastWorksheet._cell_head` begins it)
    before and after its row ``number``: another row's number put between them, the
    same cell there."""
    cut = text.index(number, 6)  # after '<c r="' and the column's letters
    return text[:cut], text[cut + len(number):]


# Longer texts are rarely repeated: their XML is not kept (a sheet's memory of cells,
# a writer's Made cells and table cells), nor a second copy of a long note held.
KEPT_TEXT = 200
_KNOWN_PLANS = 1 << 8  # shapes of rows written by parts, per sheet
_COPIED = 1 << 20  # bytes of a streamed sheet's rows copied at once
# Bytes of a streamed sheet's rows kept in memory; a sheet with more has them, and is
# made, in temporary files. A sheet kept in memory takes about two and a half times this
# (its rows, then the sheet made of them as text): a QA pass measured 2.6 MB a sheet at
# 1 MB, so that a plan of 30 reform areas, each just under it, took 299 MB at 2,000
# units. At 256 KB a consolidated workbook's parts in memory are under 1 MB a sheet (one
# per reform area and five more), whatever the number of units; a 50-unit workbook
# spills its two or three largest sheets, which costs it nothing measurable.
ROWS_IN_MEMORY = 1 << 18
_ROWS_OUT = 64  # rows made before they are written at once
