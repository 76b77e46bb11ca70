"""The table by unit (Biểu 2): its rows (:class:`UnitStat`, made by summary.summarize),
and how it ranks units: within their kind, as Chỉ số CCHC ranks them.

A province's plan gives tasks to its sở, ban, ngành and to its communes and wards; a
district's (2023) to its offices and its communes. The PAR index ranks the two apart,
and a commune's tasks are not an office's: Biểu 2 ranks each group on its own, the
offices first, each under a group row, when the units ranked are of both kinds; a plan
of one kind (a commune's, for its own offices) is one list, as before. Within a group:
by completion rate, then fewer overdue tasks, then how the file came back; ties share a
rank; units leading nothing, those whose report is not in (nothing sent, or every file
refused), and those with nothing due yet (every task they lead due after the cut-off,
none done: "Chưa đến hạn", not "0,00%") are not ranked and come last in their group, as
is the plan's issuer when it is one of its units ("UBND xã" in a commune's plan).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..model import Unit
from ..unit_names import commune_kinds
from ..vocab import (
    COMMUNE,
    NOT_DUE_YET,
    RETURN_LATE,
    RETURN_MISSING,
    RETURN_ON_TIME,
    RETURN_REJECTED,
)

if TYPE_CHECKING:
    from .summary import Counts

OFFICES_GROUP = "Các cơ quan, đơn vị"
_RETURNS = {RETURN_ON_TIME: 0, RETURN_LATE: 1, RETURN_REJECTED: 2, RETURN_MISSING: 2}
_NO_REPORT = frozenset({RETURN_REJECTED, RETURN_MISSING})


@dataclass
class UnitStat:
    """One row of the table by unit: its share of the tasks it leads (lượt đơn vị chủ trì)."""

    code: str
    name: str
    counts: Counts
    supported: int
    received_on: date | None
    return_status: str
    days_late: int = 0
    rank: int | None = None  # within its group (rank_units)
    group: str = ""  # the group it is ranked in, when the plan's units are of two kinds
    # It leads tasks, none due by the cut-off (each product dated after it) and none
    # done: nothing yet to judge it by (its rate would read "0,00%", a failure).
    not_due: bool = False
    # A unit "Chưa gửi" whose files were all withdrawn from the figures: it did send. The
    # reason the ledger records for its last one ("rút khỏi số liệu ngày …: …"), for the
    # pages and letters to say so (submission.withdrawn_only); None for any other unit.
    withdrawn: str | None = None

    @property
    def led(self) -> int:
        return self.counts.tasks

    @property
    def done(self) -> int:
        return self.counts.done

    @property
    def overdue(self) -> int:
        """Done late, or unfinished past the deadline."""
        return self.counts.done_late + self.counts.overdue

    @property
    def returned(self) -> bool:
        return self.return_status in (RETURN_ON_TIME, RETURN_LATE)

    @property
    def submitted_on(self) -> date | None:
        return self.received_on

    @property
    def rate(self) -> float | None:
        return self.counts.rate

    @property
    def rate_text(self) -> str:
        return NOT_DUE_YET if self.not_due else self.counts.rate_text

    @property
    def return_text(self) -> str:
        if self.return_status == RETURN_LATE and self.days_late:
            return f"{RETURN_LATE} {self.days_late} ngày"
        return self.return_status

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "returned": self.returned,
                "return": self.return_text,
                "received_on": self.received_on.isoformat() if self.received_on else None,
                # None for a unit that sent nothing: no day to be late by.
                "days_late": self.days_late if self.received_on else None,
                "rank": self.rank, "rank_group": self.group, "led": self.led,
                "supported": self.supported, **self.counts.as_dict(),
                # Biểu 2's "Quá hạn", which the ranking counts: done late, or unfinished
                # past the deadline ("overdue" above is the latter alone).
                "late_or_overdue": self.overdue, "not_due": self.not_due}


def rank_units(stats: list, units: Iterable[Unit], own: frozenset[str] = frozenset()) -> None:
    """Order ``stats`` (UnitStat, in plan order) and give each its ``rank`` and
    ``group`` (the group row's label; "" when the units ranked are of one kind). The
    plan's issuer among its units (``own``: "UBND xã" in a commune's plan) is not ranked
    with the offices it gives work to (a QA pass: "Xếp hạng 1" in the report it signs)."""
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
        # Nothing due yet either: its 0% ranked it among units that did nothing.
        return s.rate is None or s.return_status in _NO_REPORT or s.not_due or s.code in own

    def key(s) -> tuple:
        # Unranked: those with work (their report in: nothing due yet) before those
        # whose report is not in, those leading nothing last.
        return (group(s), unranked(s), s.rate is None, s.return_status in _NO_REPORT,
                -(s.rate or 0.0), s.overdue, _RETURNS[s.return_status])

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


def own_leading(stats: list, own: frozenset[str]) -> list:
    """The units (UnitStat) that are the plan's issuer (``own``: Summary.own_units) and
    lead tasks themselves: said apart from the units it gives work to, in the Word
    report's body, Biểu 2's note and the consolidated workbook's "Tổng hợp"."""
    return [s for s in stats if s.code in own and s.led]


def own_note(names: str) -> str:
    """Biểu 2's note on the issuer's own row, not ranked (:func:`rank_units`)."""
    return f"{names} (trực tiếp chủ trì nhiệm vụ) không xếp hạng cùng các cơ quan, đơn vị."


def says_nothing(u) -> bool:
    """Whether a unit (UnitStat) has nothing to show: its report is not in
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
