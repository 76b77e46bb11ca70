"""Rows whose read-only cells show another task: the unit sorted its rows without
column A.

A unit that selects B:L of a task sheet and sorts it ("continue with the current
selection") moves every answer, with the task it was typed beside, away from its id
in column A. Matched by id, each answer would count for another task, and the only
sign was a warning per cell that read-only text was edited. A row whose product,
deadline and role are not its own but exactly those of one other row issued to the
unit shows that task. When such rows swap among themselves (every id they show is
one of theirs: a sort), each answer is counted for the task it was typed beside, with
one warning; otherwise (one row, or not a closed set: a paste, not a sort) the answers
are not counted, with an error on each row: counting them for either task could be
wrong (docs/validation.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from . import assignment as A
from .findings import Finding
from .intake import Cell, ReturnedRow
from .text import clean
from .vocab import ROLE_LABELS, WARNING

if TYPE_CHECKING:  # types only: validate imports this module
    from .validate import PlanIndex, RowContext

# The read-only cells that say which product a row is (the task's text is on its first
# row only; TT and the due date repeat across products).
SHOWN = (A.COL_PRODUCT, A.COL_DEADLINE, A.COL_ROLE)


def shown_elsewhere(rows: dict[str, ReturnedRow], issued: dict[str, tuple[str, ...]],
                    text: Callable[[Cell], str]) -> dict[str, str]:
    """For each row (by the id in its column A) whose :data:`SHOWN` cells, as ``text``
    reads them, are not what was issued for it (``issued``: each id's, in that order)
    but exactly one other id's: that id."""
    by_key: dict[tuple[str, ...], list[str]] = {}
    for did, shown in issued.items():
        by_key.setdefault(shown, []).append(did)
    moved = {}
    for did, row in rows.items():
        shown = tuple(text(row.cell(c)) for c in SHOWN)
        if did not in issued or shown == issued[did]:
            continue
        others = by_key.get(shown, [])
        if len(others) == 1 and others[0] != did:
            moved[did] = others[0]
    return moved


def reordered(moved: dict[str, str]) -> bool:
    """Whether rows showing other tasks only swapped among themselves (a sort): every
    task shown is one of theirs, each shown once."""
    shown = list(moved.values())
    return len(moved) >= 2 and set(moved) == set(shown) and len(set(shown)) == len(shown)


def rows_sorted_apart(by_id: dict[str, list[ReturnedRow]], assigned: dict[str, A.AssignedRow],
                       index: PlanIndex, ctx: RowContext, found: list[Finding]
                       ) -> tuple[dict[str, list[ReturnedRow]], dict[str, str]]:
    """Rows whose product is another task's: when they only swapped
    among themselves (a sort without column A), each row moved to the task it shows,
    with one warning; else the ids whose rows are not counted, and the task each shows."""
    firsts = {did: rows[0] for did, rows in by_id.items() if did in assigned}
    off = {did: row for did, row in firsts.items()  # most files: none, checked quickly
           if any(shown_edited(row.cell(c), c, index.readonly(assigned[did])[c],
                               assigned[did].role) for c in SHOWN)}
    if not off:
        return by_id, {}
    issued = {did: tuple(index.readonly(ar)[c][0] for c in SHOWN)
              for did, ar in assigned.items()}
    moved = shown_elsewhere(off, issued, readonly_text)
    if not reordered(moved):
        # A file issued before the role cell named the other units said the role alone.
        before = {did: (*shown[:-1], ROLE_LABELS[assigned[did].role])
                  for did, shown in issued.items()}
        moved_before = shown_elsewhere(off, before, readonly_text)
        if reordered(moved_before):  # a sort only: one row matching another task's
            moved = moved_before      # old wording is an edited role cell, not a shift
    if not reordered(moved):
        return by_id, moved
    out = dict(by_id)
    for did, target in moved.items():
        row = firsts[did]
        id_cell = row.cell(A.COL_ID)
        out[target] = [replace(row, cells={**row.cells, A.COL_ID: replace(id_cell,
                                                                          value=target)})]
    rows = sorted(firsts[did].row for did in moved)
    found.append(ctx.finding(
        WARNING, "rows-reordered",
        f"{len(moved)} dòng đã bị sắp xếp lại mà không kèm cột '{A.COL_ID}' (mã nhiệm vụ không "
        "còn đúng dòng): kết quả được tính theo sản phẩm ghi trên từng dòng; lần sau khi sắp "
        "xếp, chọn cả cột A hoặc không sắp xếp", firsts[next(iter(moved))].sheet,
        f"A{rows[0]}"))
    return out, {}


def readonly_text(cell: Cell) -> str:
    """A read-only cell's text as compared with what split wrote."""
    if isinstance(cell.value, datetime | date):
        return cell.raw_text
    if isinstance(cell.value, float) and cell.value.is_integer():
        return str(int(cell.value))
    return clean(cell.value)


def readonly_edited(cell: Cell, allowed: tuple[str, ...]) -> bool:
    """Whether a read-only cell holds none of the ``allowed`` texts split may have written."""
    if cell.value in allowed or (cell.value is None and "" in allowed):
        return False  # as split wrote it: the usual case, no cleaning needed
    return readonly_text(cell) not in allowed


def shown_edited(cell: Cell, column: str, allowed: tuple[str, ...], role: str) -> bool:
    """Whether the unit edited a read-only cell of a row whose role is ``role``: it holds
    none of the texts split may have written (:func:`readonly_edited`); for "Vai trò",
    none of those split writes for the role, whomever they name (the plan's units as
    they were when the file was issued: A.role_as_issued)."""
    if not readonly_edited(cell, allowed):
        return False
    return not (column == A.COL_ROLE and A.role_as_issued(readonly_text(cell), role))
