"""A printed table as data: :class:`Grid`, rows of styled :class:`Cell` under a header of
:class:`~cchc_xl.appendix.Column`. The report's tables (:mod:`.tables`), its plan
appendix and the letters' annexes are grids; the workbook (:mod:`.xlsx`), the page
(:mod:`.html`) and the Word document draw them, so no two outputs can disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from ..appendix import Column


@dataclass(frozen=True)
class Cell:
    """A table cell: its value and its look (a name in styles.XLSX_FORMATS, "+"-joined)."""

    value: str | int | None = None
    style: str = "cell"
    rowspan: int = 1


@dataclass(frozen=True)
class Row:
    """A body row: cells (None where a cell above spans over), or one group label."""

    cells: tuple[Cell | None, ...] = ()
    group: str = ""


@dataclass
class Grid:
    """One printed table, drawn the same way in the workbook and the page."""

    key: str
    sheet: str
    title: str
    lines: list[tuple[str, str]]
    columns: list[Column]
    rows: list[Row]
    after: list[str] = field(default_factory=list)
    # Its unit of counting ("Đơn vị tính: nhiệm vụ"), printed at the right above the table
    # (in ``lines`` too, last); "" when its rows are not counts.
    measure: str = ""
    # Columns of long text (their indices) whose widths a printed page shares out by how
    # much text each holds, the first the text a reader reads first (a task's content):
    # the Word report (cchc_xl.official.measure.column_widths). The workbook keeps the
    # columns' widths.
    fitted: tuple[int, ...] = ()
    # Columns of a few words (a task's state) that a printed page widens, from the
    # columns of long text, until each of their cells reads in a line or two
    # (cchc_xl.official.measure.SHORT_LINES): "Chưa có báo cáo (tính là chưa thực hiện)"
    # wrapped over five lines in the proportional width. The workbook keeps its widths.
    short: tuple[int, ...] = ()

    def header_rows(self) -> list[list[tuple[str, int, int]]]:
        """The header as rows of (text, colspan, rowspan), as the workbook's header
        (:func:`cchc_xl.appendix.write_plan_table`) lays it out: a group spans its
        columns on a first row, ungrouped columns span both rows."""
        two = any(c.group for c in self.columns)
        top: list[tuple[str, int, int]] = []
        bottom: list[tuple[str, int, int]] = []
        for group, members in groupby(self.columns, key=lambda c: c.group):
            members = list(members)
            if group:
                top.append((group, len(members), 1))
                bottom += [(m.header, 1, 1) for m in members]
            else:
                top += [(m.header, 1, 2 if two else 1) for m in members]
        return [top, bottom] if two else [top]


def grid_column(header: str, width: float, group: str = "") -> Column:
    """A summary column: a grid holds its own cells, so the column's value is unused."""
    return Column(header, width, lambda _: "", group=group)
