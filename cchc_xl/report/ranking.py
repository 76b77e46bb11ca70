"""How the table by unit ranks units: within their kind, as Chỉ số CCHC ranks them.

A province's plan gives tasks to its sở, ban, ngành and to its communes and wards; a
district's (2023) to its offices and its communes. The PAR index ranks the two apart,
and a commune's tasks are not an office's: Biểu 2 ranks each group on its own, the
offices first, each under a group row, when the units ranked are of both kinds; a plan
of one kind (a commune's, for its own offices) is one list, as before. Within a group:
by completion rate, then fewer overdue tasks, then how the file came back; ties share a
rank; units leading nothing, and those whose report is not in (nothing sent, or every
file refused), are not ranked and come last in their group.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Unit
from ..units import commune_kinds
from ..vocab import COMMUNE, RETURN_LATE, RETURN_MISSING, RETURN_ON_TIME, RETURN_REJECTED

OFFICES_GROUP = "Các cơ quan, đơn vị"
_RETURNS = {RETURN_ON_TIME: 0, RETURN_LATE: 1, RETURN_REJECTED: 2, RETURN_MISSING: 2}
_NO_REPORT = frozenset({RETURN_REJECTED, RETURN_MISSING})


def rank_units(stats: list, units: Iterable[Unit]) -> None:
    """Order ``stats`` (summary.UnitStat, in plan order) and give each its ``rank`` and
    ``group`` (the group row's label; "" when the units ranked are of one kind)."""
    units = list(units)
    communes = {u.code for u in units if u.kind == COMMUNE}
    ranked = [s for s in stats if s.rate is not None]
    both = any(s.code in communes for s in ranked) and any(
        s.code not in communes for s in ranked)
    label = f"UBND các {commune_kinds(units)}"
    order = {code: i for i, code in enumerate(s.code for s in stats)}

    def group(s) -> int:
        return int(both and s.code in communes)

    def unranked(s) -> bool:
        # Leading nothing, or no report in (nothing sent, or every file refused): no
        # rank. All communes silent at 0% were "Xếp hạng 1", 166 of them (a QA pass).
        return s.rate is None or s.return_status in _NO_REPORT

    def key(s) -> tuple:
        return (group(s), unranked(s), s.rate is None, -(s.rate or 0.0), s.overdue,
                _RETURNS[s.return_status])

    stats.sort(key=lambda s: (key(s), order[s.code]))
    current, position, previous = None, 0, None
    for s in stats:
        if group(s) != current:  # each group ranked from 1
            current, position, previous = group(s), 0, None
        s.group = (label if current else OFFICES_GROUP) if both else ""
        position += 1
        if unranked(s):
            continue
        s.rank = previous.rank if previous is not None and key(previous) == key(s) else position
        previous = s


def says_nothing(u) -> bool:
    """Whether a unit (summary.UnitStat) has nothing to show: its report is not in
    (nothing sent, or every file refused: unranked, last in its group) and nothing of
    it is done (no earlier period's work, no office's Đạt)."""
    return not u.returned and not u.rate


def silent_units(units: Iterable, fold: int | None) -> dict[str, list]:
    """Per group, its units that say nothing (:func:`says_nothing`), when they are more
    than ``fold``: the Word report's Phụ lục II gives them one row; a province's first
    quarter printed five pages of 135 communes reading "0,00%", "Chưa gửi" (a QA pass).
    The workbook's Biểu 2 keeps each row."""
    if fold is None:
        return {}
    by: dict[str, list] = {}
    for u in units:
        if says_nothing(u):
            by.setdefault(u.group, []).append(u)
    return {g: us for g, us in by.items() if len(us) > fold}
