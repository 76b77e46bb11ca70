"""Reading a Word (.docx) plan with python-docx: paragraphs and tables in document
order, with horizontal merges (gridSpan) and vertical merges (vMerge) resolved to
the cell they continue."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ..errors import WorkbookError
from .source import Block, GridCell, SourceTable, TextLine, cell_text

_P = qn("w:p")
_TBL = qn("w:tbl")


def read_docx(path: Path) -> list[Block]:
    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WorkbookError(
            "không đọc được tệp Word (.docx): tệp hỏng hoặc không phải .docx", file=str(path),
            hint="mở tệp trong Word hoặc LibreOffice, lưu lại dưới dạng .docx") from exc
    blocks: list[Block] = []
    tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == _P:
            text = cell_text(Paragraph(element, document).text)
            if text:
                blocks.append(TextLine(text, f"đoạn văn trước bảng {tables + 1}"))
        elif element.tag == _TBL:
            tables += 1
            blocks.append(_table(element, document, f"bảng {tables}"))
    return blocks


def _table(tbl, parent, label: str) -> SourceTable:
    placed: list[dict[int, tuple[int, int, str]]] = []  # per row: col -> (span, origin row, text)
    for r, tr in enumerate(tbl.tr_lst):
        col = tr.grid_before
        row: dict[int, tuple[int, int, str]] = {}
        for tc in tr.tc_lst:
            span = tc.grid_span
            origin_row = r
            text = cell_text(_Cell(tc, parent).text)
            if tc.vMerge == "continue":
                above = placed[r - 1].get(col) if r else None
                if above is not None:
                    origin_row, text = above[1], above[2]
            row[col] = (span, origin_row, text)
            col += span
        placed.append(row)
    width = max((c + s for row in placed for c, (s, _, _) in row.items()), default=0)
    rows = []
    for r, row in enumerate(placed):
        cells = [GridCell("", (r, c)) for c in range(width)]
        for c, (span, origin_row, text) in row.items():
            for k in range(c, c + span):
                cells[k] = GridCell(text, (origin_row, c))
        rows.append(cells)
    return SourceTable(rows=rows, label=label)
