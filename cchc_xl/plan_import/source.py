"""What a plan document holds once read, whatever its format: a sequence of text
lines and tables, each table a rectangular grid whose merged cells point at the
cell they belong to.

Readers for each format (:mod:`.docx_source`, :mod:`.xlsx_source`) produce these;
:mod:`.recognize` turns them into areas and tasks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..text import clean, looks_legacy, looks_vni, one_line


def cell_text(value: object) -> str:
    """A cell's text, cleaned the way every reader cleans it.

    Word's manual line break pasted as a vertical tab ("\\v") is a line break; other
    control characters become spaces (:func:`cchc_xl.text.clean`).
    """
    if value is None:
        return ""
    return clean(str(value).replace("\x0b", "\n").replace("\u2028", "\n"))


@dataclass(frozen=True)
class GridCell:
    """One grid position. ``origin`` is the (row, col) of the cell it belongs to:
    itself, or the top-left cell of the merged range that covers it."""

    text: str
    origin: tuple[int, int]


@dataclass
class SourceTable:
    """A table as a grid of equal-length rows.

    ``place(r)`` tells the user where row ``r`` is in the source: "bảng 2, dòng 5" in
    a Word document, "trang 'KH', dòng 12" in a workbook.
    """

    rows: list[list[GridCell]]
    label: str
    row_numbers: list[int] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)  # a workbook's rows hidden, as numbered
    revised: list[int] = field(default_factory=list)  # rows (r) with tracked changes, in Word

    def place(self, r: int) -> str:
        number = self.row_numbers[r] if self.row_numbers else r + 1
        return f"{self.label}, dòng {number}"

    def own(self, r: int, c: int) -> bool:
        """True when (r, c) is the top-left cell of its range (not covered by another)."""
        return self.rows[r][c].origin == (r, c)


@dataclass(frozen=True)
class TextLine:
    """A paragraph outside the tables (title, "Phụ lục số 01: ...", "Kèm theo ...")."""

    text: str
    place: str


Block = TextLine | SourceTable


def grid(width: int, cells: list[tuple[int, int, int, int, str]], height: int
         ) -> list[list[GridCell]]:
    """A grid from merged ranges: (row, col, last_row, last_col, text) each."""
    rows = [[GridCell("", (r, c)) for c in range(width)] for r in range(height)]
    for r0, c0, r1, c1, text in cells:
        for r in range(r0, min(r1, height - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                rows[r][c] = GridCell(text, (r0, c0))
    return rows


def legacy_places(blocks: list[Block]) -> list[str]:
    """Each paragraph or cell of the document typed in an old 8-bit Vietnamese encoding
    (TCVN3 ".VnTime", VNI "VNI-Times"), where it is and how it reads ("bảng 1, dòng 3,
    cột 4: 'Phßng V¨n hãa - X· héi'"), in the document's order. Read as Unicode, such a
    plan's header titles are words no column is known by (the import found "no task
    table"), and a unit's name so typed became a unit of that garbled name.

    VNI text whose bytes are all letters of Latin-1 ("Coâng an xaõ") is told by its
    words (:func:`cchc_xl.text.looks_vni`): two in a paragraph or cell, or one in a
    document found typed in an old encoding elsewhere ("Ban Kinh teá", a cell of a
    table typed in VNI)."""
    texts = list(_texts(blocks))
    if not any(looks_legacy(text) or looks_vni(text) for _, text in texts):
        return []
    return [f"{place}: '{_quoted(text)}'" for place, text in texts
            if looks_legacy(text) or looks_vni(text, words=1)]


def _texts(blocks: list[Block]) -> Iterator[tuple[str, str]]:
    """(where it is, text) of each paragraph and cell of the document, in its order."""
    for block in blocks:
        if isinstance(block, TextLine):
            yield block.place, block.text
            continue
        for r, row in enumerate(block.rows):
            yield from ((f"{block.place(r)}, cột {c + 1}", cell.text)
                        for c, cell in enumerate(row) if block.own(r, c))


def _quoted(text: str, limit: int = 40) -> str:
    """A garbled text's first characters, as the user finds it in the document."""
    line = one_line(text)
    return line if len(line) <= limit else line[:limit].rstrip() + "…"
