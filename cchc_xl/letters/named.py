"""Units as a letter's body names them, and the annexes that name the many.

A letter to a province's units may concern a hundred communes: the body names a few
(:data:`NAMED_COMMUNES`), counts more and points to the annex that names them, as an
official letter does: "112 xã, phường (có tên tại Phụ lục kèm theo)" (a QA pass: 112
names took twelve lines of the overdue letter, twice over; the reminder letter's "Đơn vị
chưa gửi báo cáo" named 100 communes in fourteen lines). The overdue letter's annex
names every unit in its tables' headings; the reminder letter adds one listing the units
that have not sent (:func:`unsent_grid`), only when its body counts them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Master, Unit
from ..official import roman
from ..report.grid import Cell, Grid, Row, grid_column
from ..report.names import name_units
from ..text import UNIT_SEPARATOR
from ..units import commune_kinds
from ..vocab import COMMUNE

# Communes the body names one by one (or after "trừ"); more are counted and pointed to the
# annex. Ten names are about two lines; the departments are few and named.
NAMED_COMMUNES = 10
ANNEX = "Phụ lục"  # a letter's only annex; of several, "Phụ lục I", "Phụ lục II" (official)
UNSENT_TITLE = "Danh sách đơn vị chưa gửi báo cáo"
ACROSS = 3  # units to a row of that list


def in_annex(annex: str = ANNEX) -> str:
    """Where the body says the units it counts are named: "có tên tại Phụ lục kèm
    theo" (``annex``: "Phụ lục I" when the letter has several)."""
    return f"có tên tại {annex} kèm theo"


def annex_names(grids: Sequence[Grid]) -> list[str]:
    """The name of each of ``grids`` as the letter prints it, "" for one with no rows
    (not annexed): "Phụ lục" alone, else "Phụ lục I", "Phụ lục II" in order (Nghị định
    30 numbers appendices in Roman numerals when there are two or more)."""
    annexed = [g for g in grids if g.rows]
    names = iter([ANNEX] if len(annexed) == 1 else
                 [f"{ANNEX} {roman(n)}" for n in range(1, len(annexed) + 1)])
    return [next(names) if g.rows else "" for g in grids]


def counts_communes(master: Master, codes: list[str]) -> bool:
    """Whether the body counts these units' communes rather than naming them (:func:
    `body_names`): more than :data:`NAMED_COMMUNES` of them, neither all the plan's
    ("tất cả 166 xã, phường") nor all but a few ("160 xã, phường (trừ A, …)")."""
    return _counted(master, codes, name_units(master, codes, crowd=NAMED_COMMUNES))


def _counted(master: Master, codes: list[str], text: str) -> bool:
    """:func:`counts_communes`, the units named already (``text``)."""
    known = {u.code: u for u in master.units}
    communes = sum(1 for c in set(codes) if c in known and known[c].kind == COMMUNE)
    counted = f"{communes} {commune_kinds(master.units)}"
    return communes > NAMED_COMMUNES and (
        text == counted or text.endswith(UNIT_SEPARATOR + counted))


def body_names(master: Master, codes: list[str], annex: str = ANNEX) -> str:
    """Units named in the letter's body: as :func:`cchc_xl.report.names.name_units` names
    a crowd, no more than :data:`NAMED_COMMUNES` communes by name ("Sở Nội vụ; 8 xã,
    phường (A, …)", "160 xã, phường (trừ A, …)", "tất cả 166 xã, phường"); more, counted
    and said to be named in the ``annex`` ("112 xã, phường (có tên tại Phụ lục kèm
    theo)"), which must name them."""
    text = name_units(master, codes, crowd=NAMED_COMMUNES)
    return f"{text} ({in_annex(annex)})" if _counted(master, codes, text) else text


def unsent_grid(units: Sequence[Unit]) -> Grid:
    """The annexed list of the units that have not sent their report, numbered, in the
    letter's order (the registry's, as its mail-merge list), :data:`ACROSS` to a row:
    a hundred communes a name to a row of the landscape page took four pages."""
    columns = [c for _ in range(ACROSS) for c in (grid_column("TT", 5),
                                                  grid_column("Đơn vị", 28))]
    cells = [(Cell(n, "cell_int"), Cell(u.name)) for n, u in enumerate(units, 1)]
    rows = [Row(tuple(c for pair in cells[i:i + ACROSS] for c in pair) + (Cell(""),) * (
        2 * (ACROSS - len(cells[i:i + ACROSS])))) for i in range(0, len(cells), ACROSS)]
    return Grid("chua-gui", "Chưa gửi", UNSENT_TITLE, [], columns, rows)
