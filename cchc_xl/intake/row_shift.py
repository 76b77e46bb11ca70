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
wrong (docs/validation.md). Where the plan gives two tasks the same product, deadline
and role, a row showing them is neither's, and on a sheet whose rows moved, neither
twin's row is trusted either: they may have swapped, unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from .. import assignment as A
from ..findings import Finding
from ..text import clean
from ..vocab import ROLE_LABELS, WARNING
from . import Cell, ReturnedRow

if TYPE_CHECKING:  # types only: validate imports this module
    from .plan_index import PlanIndex
    from .validate import RowContext

# The read-only cells that say which product a row is (the task's text is on its first
# row only; TT and the due date repeat across products).
SHOWN = (A.COL_PRODUCT, A.COL_DEADLINE, A.COL_ROLE)


@dataclass(frozen=True)
class Shifted:
    """A row not counted: the tasks whose product, deadline and role it shows; ``twin``:
    they are its own too (the plan gives them alike), on a sheet whose rows moved."""

    shows: tuple[str, ...]
    twin: bool = False


def shown_tasks(rows: dict[str, ReturnedRow], wordings: tuple[dict[str, tuple[str, ...]], ...],
                text: Callable[[Cell], str]) -> dict[str, frozenset[str]]:
    """For each row (by the id in its column A) whose :data:`SHOWN` cells, as ``text``
    reads them, are those some other id was issued with, in any of ``wordings`` (each:
    every id's cells, in that order), but not its own: those ids. Several when the
    plan gives tasks the same product, deadline and role."""
    by_key: dict[tuple[str, ...], set[str]] = {}
    for issued in wordings:
        for did, shown in issued.items():
            by_key.setdefault(shown, set()).add(did)
    shows = {}
    for did, row in rows.items():
        ids = by_key.get(tuple(text(row.cell(c)) for c in SHOWN), set())
        if did in wordings[0] and ids and did not in ids:
            shows[did] = frozenset(ids)
    return shows


def reordered(moved: dict[str, str]) -> bool:
    """Whether rows showing other tasks only swapped among themselves (a sort): every
    task shown is one of theirs, each shown once."""
    shown = list(moved.values())
    return len(moved) >= 2 and set(moved) == set(shown) and len(set(shown)) == len(shown)


def _shown_edited(row: ReturnedRow, ar: A.AssignedRow, index: PlanIndex) -> bool:
    """Whether a row shows another product, deadline or role than its task was issued
    with (its read-only texts worked out once for the row)."""
    issued = index.readonly(ar)
    for column in SHOWN:  # every row of a file: a cell as split wrote it, passed over
        cell, allowed = row.cell(column), issued[column]
        if cell.value not in allowed and shown_edited(cell, column, allowed, ar.role):
            return True
    return False


def rows_sorted_apart(by_id: dict[str, list[ReturnedRow]], assigned: dict[str, A.AssignedRow],
                      index: PlanIndex, ctx: RowContext, found: list[Finding],
                      as_issued: Callable[[], bool] = lambda: False
                      ) -> tuple[dict[str, list[ReturnedRow]], dict[str, Shifted]]:
    """Rows whose product is another task's: when they only swapped among themselves (a
    sort without column A), each row moved to the task it shows, with one warning; else
    those rows are not counted. Nor is a row that cannot be told apart from another: one
    showing a product, deadline and role several tasks were issued with, or, on a sheet
    whose rows moved, one issued alike with another row of it. The rows not counted:
    each id with the tasks it may show. ``as_issued``: whether the file's plan cells are
    as split issued them (PlanEdits.issued_as_shown): then none was sorted apart, and a
    difference is the plan's; asked only of a file with a row showing another product."""
    firsts = {did: rows[0] for did, rows in by_id.items() if did in assigned}
    off = {did: row for did, row in firsts.items()  # most files: none, checked quickly
           if _shown_edited(row, assigned[did], index)}
    if not off or as_issued():
        return by_id, {}
    issued = {did: tuple(index.readonly(ar)[c][0] for c in SHOWN)
              for did, ar in assigned.items()}
    # A file issued before the role cell named the other units said the role alone.
    before = {did: (*shown[:-1], ROLE_LABELS[assigned[did].role])
              for did, shown in issued.items()}
    shows = shown_tasks(off, (issued, before), readonly_text)
    if not shows:
        return by_id, {}
    moved = {did: next(iter(ids)) for did, ids in shows.items() if len(ids) == 1}
    # Not told apart: a row showing what several tasks were issued with, and, on a sheet
    # whose rows moved, a row issued alike with another (the two may have swapped).
    doubtful = {did: Shifted(tuple(sorted(ids))) for did, ids in shows.items() if len(ids) > 1}
    doubtful |= {did: Shifted(tuple(sorted(ids)), twin=True) for did, ids in _twins(
        {did for did in firsts if did not in shows}, {firsts[did].sheet for did in shows},
        firsts, (issued, before)).items()}
    if not reordered(moved):
        return by_id, {**{did: Shifted((shown,)) for did, shown in moved.items()}, **doubtful}
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
    return out, doubtful


def _twins(ids: set[str], sheets: set[str], firsts: dict[str, ReturnedRow],
           wordings: tuple[dict[str, tuple[str, ...]], ...]) -> dict[str, frozenset[str]]:
    """Of ``ids``, those on one of ``sheets`` issued with the product, deadline and role
    (in a wording) of another row of the same sheet: the other ids."""
    same: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for issued in wordings:
        for did, row in firsts.items():
            if row.sheet in sheets:
                same.setdefault((row.sheet, issued[did]), set()).add(did)
    twins: dict[str, set[str]] = {}
    for group in same.values():
        for did in group & ids if len(group) > 1 else ():
            twins.setdefault(did, set()).update(group - {did})
    return {did: frozenset(others) for did, others in twins.items()}


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


def edited_cells(cells: dict[str, Cell], readonly: dict[str, tuple[str, ...]], role: str
                 ) -> list[tuple[str, Cell]]:
    """(column, cell) of the read-only cells of a row whose role is ``role`` that the unit
    edited (:func:`shown_edited`), in ``readonly``'s order; ``readonly``: the texts split
    may have written in each column (PlanIndex.readonly). A column the sheet lacks is
    none. Every row of every file a merge reads asks: a cell holding one of those texts
    as it is, the usual case, is passed over without a call."""
    return [(column, cell) for column, allowed in readonly.items()
            if (cell := cells.get(column)) is not None and cell.value not in allowed
            and shown_edited(cell, column, allowed, role)]
