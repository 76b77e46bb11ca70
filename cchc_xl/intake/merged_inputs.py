"""Input cells a unit merged: what reads as blank although the sheet shows a value.

A unit that unprotects its sheet and merges, say, the status cells of two rows sees
"Đã hoàn thành" over both; the file holds it in the first cell only, and the other
row reads as not reported. Intake cannot tell what was meant, so it reads the file
as it is and says so, once per merged range, naming the cells that read as blank
and what to do (docs/validation.md).
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

from .. import assignment as A
from .. import bounds
from ..findings import Finding
from ..text import vn_number
from ..vocab import WARNING

if TYPE_CHECKING:  # the type only: intake imports this module
    from . import ReturnedRow

_LISTED = 4  # cells named in a finding; more are counted
_TOLD = 20  # ranges of a sheet told one by one; more are counted


def merged_input_findings(refs: list[str], sheet: str, columns: dict[str, int],
                          rows: list[ReturnedRow]) -> list[Finding]:
    """A warning for each merged range (``refs``, "H5:H6") under which input cells of
    task rows (``rows``, as read, in order) read as blank, but for its own first cell;
    ``columns`` is the sheet's column map (0-based, by header). A cell under a merged
    range that holds a value of its own (Excel clears them; other programs may not) is
    read as it is, with nothing to say."""
    inputs = {columns[name] + 1: name for name in A.INPUT_COLUMNS if name in columns}
    if not refs or not rows or not inputs:
        return []
    # (``refs`` holds at most bounds.MAX_MERGED ranges: reaching it, more may be unread.)
    numbers = [r.row for r in rows]
    found: list[Finding] = []
    more = 0  # ranges past the ones told one by one
    for ref in dict.fromkeys(refs):  # a range given twice is one
        box = _boundaries(ref)
        if box is None:
            continue
        min_col, min_row, max_col, max_row = box
        cols = sorted(c for c in inputs if min_col <= c <= max_col)
        if not cols:
            continue
        inside = rows[bisect.bisect_left(numbers, min_row):bisect.bisect_right(numbers, max_row)]
        if len(found) == _TOLD:  # counted, by where they are (each row not looked at)
            more += bool(inside) and (len(inside) > 1 or len(cols) > 1 or (
                inside[0].row, cols[0]) != (min_row, min_col))
            continue
        covered = [row.cell(inputs[c]).coordinate for row in inside for c in cols
                   if (row.row, c) != (min_row, min_col) and row.cell(inputs[c]).blank]
        if not covered:
            continue
        total = len(covered)
        named = ", ".join(covered[:_LISTED])
        if total > _LISTED:
            named += f" và {vn_number(total - _LISTED)} ô khác"
        first = f"{get_column_letter(min_col)}{min_row}"
        found.append(Finding(
            WARNING, "merged-input-cells",
            f"các ô {ref} đã bị gộp thành một ô: tệp chỉ giữ nội dung của ô {first}, nên "
            f"{'ô' if total == 1 else 'các ô'} {named} được đọc là để trống; bỏ gộp ô "
            "(Merge & Center) rồi điền riêng cho từng dòng",
            sheet=sheet, cell=covered[0]))
    if len(refs) >= bounds.MAX_MERGED:
        # The reader stops at this many: ranges further down are not looked at.
        found.append(Finding(
            WARNING, "merged-input-cells",
            f"trang có từ {vn_number(bounds.MAX_MERGED)} vùng ô gộp trở lên: chỉ "
            f"{vn_number(bounds.MAX_MERGED)} vùng đầu được xét, các ô nhập liệu bị gộp ở các "
            "vùng sau (nếu có) được đọc là để trống; chọn cả trang rồi bỏ gộp ô (Merge & "
            "Center > Unmerge Cells) và điền riêng cho từng dòng", sheet=sheet))
    if more:
        found.append(Finding(
            WARNING, "merged-input-cells",
            f"còn {vn_number(more)} vùng ô gộp khác trên các cột nhập liệu: mỗi vùng chỉ hiện "
            "nội dung ô đầu của nó, các ô khác để trống thì được đọc là để trống; chọn cả "
            "trang rồi bỏ gộp ô (Merge & Center > Unmerge Cells) và điền riêng cho từng dòng",
            sheet=sheet))
    return found


@functools.lru_cache(maxsize=4096)  # a split's task sheets repeat the same ranges
def _boundaries(ref: str) -> tuple[int, int, int, int] | None:
    """(min column, min row, max column, max row) of a range, 1-based; None for what is
    not one (a single cell is not a merged range either)."""
    try:
        box = range_boundaries(ref)
    except (TypeError, ValueError):
        return None
    if None in box:  # a whole row or column: not what a merged cell is
        return None
    return box
