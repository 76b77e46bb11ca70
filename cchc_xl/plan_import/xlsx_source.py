"""Reading a plan kept in an Excel workbook: every sheet, the table anywhere on it,
merged ranges resolved to their top-left cell."""

from __future__ import annotations

import re
from contextlib import closing
from datetime import date
from pathlib import Path

from ..findings import Finding
from ..text import short_list, vn_number
from ..vocab import WARNING
from ..xlio import open_workbook, vn_date
from .source import Block, SourceTable, cell_text, grid


def read_xlsx(path: Path) -> list[Block]:
    blocks: list[Block] = []
    with closing(open_workbook(path)) as wb:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            table = _sheet_table(ws)
            if table is not None:
                blocks.append(table)
    return blocks


# A number format with thousands grouped ("#,##0", "#,##0.00"): its decimal places.
_GROUPED = re.compile(r"#,##0(?:\.(?P<places>0+))?")


def _shown(cell) -> object:
    """A cell's value as the sheet shows it: a date as "30/06/2026"; an amount formatted
    with thousands grouped (150000000 shown "150,000,000") the Vietnamese way,
    "150.000.000", as the Word version of the plan writes it (a bare 1.1 stays "1.1": a
    sub-task's number)."""
    value = cell.value
    if isinstance(value, date):
        return vn_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and (
            m := _GROUPED.search(cell.number_format or "")):
        return vn_number(value, len(m["places"] or ""))
    return value


def _sheet_table(ws) -> SourceTable | None:
    """The used part of a sheet as one table; blank rows and columns left out."""
    values = {(c.row, c.column): cell_text(_shown(c))
              for row in ws.iter_rows() for c in row if c.value is not None}
    values = {k: v for k, v in values.items() if v}
    if not values:
        return None
    merged = {}
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
    used_rows = sorted({r for r, _ in values})
    spanned = {c for start, (_, c1) in merged.items() if start in values
               for c in range(start[1], c1 + 1)}
    used_cols = sorted({c for _, c in values} | spanned)
    first_col, last_col = used_cols[0], used_cols[-1]
    row_index = {r: i for i, r in enumerate(used_rows)}
    # A merged range may cover blank rows that are left out: it covers the kept rows
    # between its first and last sheet row.
    cells = []
    for (r, c), text in values.items():
        r1, c1 = merged.get((r, c), (r, c))
        last = max(i for sr, i in row_index.items() if r <= sr <= r1)
        cells.append((row_index[r], c - first_col, last, c1 - first_col, text))
    width = last_col - first_col + 1
    # Read as any (a hidden row may be a cancelled task, or one kept out of print): said.
    hidden = [r for r in used_rows if ws.row_dimensions[r].hidden]
    return SourceTable(rows=grid(width, cells, len(used_rows)),
                       label=f"trang '{ws.title}'", row_numbers=used_rows, hidden=hidden)


def hidden_rows_found(blocks: list[Block], file: str) -> list[Finding]:
    """A warning for each table of a workbook with rows hidden: they are imported as the
    others are (the sheet keeps them; hiding one may mean a task dropped, or only kept out
    of print), so the office checks them in the imported table."""
    return [Finding(
        WARNING, "import-hidden-rows",
        f"{block.label}: {'dòng' if len(block.hidden) == 1 else 'các dòng'} "
        f"{short_list([str(r) for r in block.hidden], 8, ', ', 'dòng')} đang bị ẩn trong tệp, "
        "đã nhập như các dòng khác; nhiệm vụ nào đã bỏ khỏi kế hoạch thì xóa ở bảng kế hoạch "
        "sau khi nhập", file=file, place=block.label)
        for block in blocks if isinstance(block, SourceTable) and block.hidden]
