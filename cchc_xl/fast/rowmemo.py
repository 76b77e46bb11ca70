"""A split's sheets: rows laid out as a sheet before are written from its XML.

A province's communes are given the same tasks: of the 893 task sheets of a split
of 150 units, 28 are distinct; the others hold the same rows (texts, formats,
heights) in another unit's workbook, and a unit's guide differs from the next one's
only in its texts. Writing a sheet's cells and then its rows' XML was some two
fifths of a unit's workbook.

:class:`RowsMemo` (one per split) writes the rows of a sheet through the worksheet
as anything else writes cells. The second time rows with the same key come (the
caller's key: whatever the rows' cells and heights are made from), the worksheet
keeps the XML of its rows when the workbook is stored. From then on, rows with
that key are not written cell by cell: the worksheet is given that XML, the
shared strings their texts and the dimension they span.

Only two things in a row's XML belong to its workbook rather than to its rows:

- a text's index in the workbook's shared strings, which depends on the texts
  written before. Before anything is given, each of the rows' texts is looked up
  as it would be written (the indices a text would get if it is new), and the XML
  is used only if every index is the one in it; else the rows are written as
  usual. A text of this unit alone (its name in a title) may differ, as long as it
  takes the same place.
- a format's index, numbered as formats are first used. The split numbers its
  formats at the start of every workbook, in the same order (split_book.FORMATS), so a
  format has the same index in every workbook of a split.

The same file comes out, byte for byte (``tests/test_rowmemo.py`` splits a real plan
with and without it; ``tests/test_fast_sheet.py`` splits three with and without the
quicker paths). Only a :class:`~cchc_xl.fast.sheetmemo.MemoWorksheet`
(xlsxwriter versions the quicker paths were checked against) is given rows; with
any other worksheet the rows are always written. What is kept is bounded: the
keys seen once (:data:`_SEEN_LIMIT`) and the XML of at most :data:`_KEPT_LIMIT`
rows of sheets, each at most :data:`_XML_LIMIT` characters.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from .frozen import Cache
from .sheet import write_cells
from .sheetmemo import MemoWorksheet

# A row as the caller lays it out: its number, its cells (column, value, the name of
# its format), its height in points.
Row = tuple[int, Sequence[tuple[int, object, str]], float]

_SEEN_LIMIT = 4096  # keys seen once (kept when seen again)
_KEPT_LIMIT = 64  # rows kept as XML
_XML_LIMIT = 1 << 18  # characters of one sheet's rows


@dataclass
class _Kept:
    """Rows whose XML is kept: their texts' shared-string indices, the dimension they
    span, how many cells and rows they wrote, and the XML (once the workbook is
    stored)."""

    indices: tuple[int, ...]
    before: tuple  # the sheet's dimension before the rows (its merged ranges')
    dimension: tuple  # and after
    cells: int
    rows: int
    xml: str | None = None

    def take(self, ws, xml: str) -> None:
        """Keep the XML the worksheet wrote for its rows, if they are still only the
        rows this was made from (nothing written into the sheet since)."""
        if (len(xml) <= _XML_LIMIT and _dimension(ws) == self.dimension
                and _size(ws) == (self.cells, self.rows)):
            self.xml = xml


class RowsMemo:
    """Rows of sheets by key: written once, then given as XML (see the module)."""

    def __init__(self) -> None:
        self._seen = Cache(_SEEN_LIMIT)
        self._kept = Cache(_KEPT_LIMIT)

    # Keys may hold the ids of the caller's objects, which mean nothing in another
    # process: a memo sent to one (a web app's split workers start from a fork server,
    # their arguments pickled) arrives empty. A forked worker shares it as it is.
    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()

    def write(self, ws, key: Hashable, rows: Sequence[Row], formats: dict) -> None:
        """Write ``rows`` into the fresh sheet ``ws`` (nothing written in it but
        merged ranges and columns), their format names looked up in ``formats``."""
        # Not a sheet with comments (split's earlier Chưa đạt): its rows are its own.
        memo = (ws.__class__ is MemoWorksheet and not ws.table and not ws.row_info
                and not ws.comments)
        before = _dimension(ws)
        kept = self._kept.get(key) if memo else None
        if kept is not None and kept.xml is not None and kept.before == before:
            texts = _texts(rows)
            if _same_places(ws.str_table, texts, kept.indices):
                _give(ws, kept, texts)
                return
        _write(ws, rows, formats)
        if not memo or kept is not None:
            return
        if key not in self._seen:
            self._seen.put(key, True)
            return
        indices = [ws.str_table.string_table.get(text) for text in _texts(rows)]
        if None not in indices:  # else a text was cut, or not written as a plain text
            ws.rows_kept = self._kept.put(key, _Kept(tuple(indices), before,
                                                     _dimension(ws), *_size(ws)))


def _write(ws, rows: Sequence[Row], formats: dict) -> None:
    for r, cells, height in rows:
        write_cells(ws, r, [(c, value, formats[name]) for c, value, name in cells])
        ws.set_row(r, height)


def _texts(rows: Sequence[Row]) -> list[str]:
    """The rows' texts in the order they are written (and put in the shared strings)."""
    return [value for _, cells, _ in rows for _, value, _ in cells if value.__class__ is str]


def _same_places(strings, texts: list[str], indices: tuple[int, ...]) -> bool:
    """Whether ``texts``, written now, would take ``indices`` in the shared strings
    (nothing is changed)."""
    if len(texts) != len(indices):
        return False
    known = strings.string_table.get
    new: dict[str, int] = {}
    following = strings.unique_count
    for text, index in zip(texts, indices, strict=True):
        place = known(text)
        if place is None:
            place = new.get(text)
            if place is None:
                place = new[text] = following
                following += 1
        if place != index:
            return False
    return True


def _give(ws, kept: _Kept, texts: list[str]) -> None:
    """Give the sheet the kept rows: their texts to the shared strings (as writing
    them would), the dimension they span, their XML to write when stored."""
    add = ws.str_table._get_shared_string_index
    for text in texts:
        add(text)
    ws.dim_rowmin, ws.dim_rowmax, ws.dim_colmin, ws.dim_colmax = kept.dimension
    ws.given_rows = kept.xml


def _dimension(ws) -> tuple:
    return ws.dim_rowmin, ws.dim_rowmax, ws.dim_colmin, ws.dim_colmax


def _size(ws) -> tuple[int, int]:
    return sum(map(len, ws.table.values())), len(ws.row_info)


