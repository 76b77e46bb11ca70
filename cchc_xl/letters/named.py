"""Units as a letter's body names them, and the annexes that name the many.

A letter to a province's units may concern a hundred communes: the body names a few
(:data:`NAMED_COMMUNES`), counts more and points to the annex that names them, as an
official letter does: "112 xã, phường (có tên tại Phụ lục kèm theo)" (a QA pass: 112
names took twelve lines of the overdue letter, twice over; the reminder letter's "Đơn vị
chưa gửi báo cáo" named 100 communes in fourteen lines). The overdue letter's annex
names every unit in its tables' headings; the reminder letter adds one listing the units
that have not sent (:func:`unsent_grid`), only when its body counts them, or more than
ten of them sent another plan's file instead (:func:`sent_instead`), said after each
name there, or else after the body's names (:func:`missing_noted`); and one listing the
units that sent late, each with how late (:func:`late_grid`), when its body counts them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..intake.identify import sent_another_plans
from ..model import Master, Unit
from ..official import roman
from ..report.grid import Cell, Grid, Row, grid_column
from ..report.names import name_units
from ..snapshot import LedgerSnapshot
from ..text import UNIT_SEPARATOR
from ..unit_names import commune_kinds
from ..vocab import COMMUNE, REJECTED

# Communes the body names one by one (or after "trừ"); more are counted and pointed to the
# annex. Ten names are about two lines; the departments are few and named.
NAMED_COMMUNES = 10
ANNEX = "Phụ lục"  # a letter's only annex; of several, "Phụ lục I", "Phụ lục II" (official)
UNSENT_TITLE = "Danh sách đơn vị chưa gửi báo cáo"
LATE_TITLE = "Danh sách đơn vị gửi báo cáo muộn"
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


def unsent_grid(units: Sequence[tuple[Unit, str]]) -> Grid:
    """The annexed list of the units that have not sent their report, numbered, in the
    letter's order (the registry's, as its mail-merge list), :data:`ACROSS` to a row:
    a hundred communes a name to a row of the landscape page took four pages. Each with
    its note in brackets after its name, if any (what it sent instead: "(đã gửi tệp của
    kế hoạch năm 2025, …)")."""
    return units_grid("chua-gui", "Chưa gửi", UNSENT_TITLE, units)


def late_grid(units: Sequence[tuple[Unit, str]]) -> Grid:
    """The annexed list of the units that sent late, as :func:`unsent_grid`'s, each with
    how late in brackets ("(muộn 3 ngày)"): only when the body counts their communes (a
    QA pass: 127 names, each with "(muộn 78 ngày)", took two pages of the body)."""
    return units_grid("gui-muon", "Gửi muộn", LATE_TITLE, units)


def units_grid(key: str, sheet: str, title: str, units: Sequence[tuple[Unit, str]]) -> Grid:
    """Units annexed to a letter, numbered, :data:`ACROSS` to a row, each with its note
    in brackets after its name ("" for none)."""
    columns = [c for _ in range(ACROSS) for c in (grid_column("TT", 5),
                                                  grid_column("Đơn vị", 28))]
    cells = [(Cell(n, "cell_int"), Cell(f"{u.name} ({note})" if note else u.name))
             for n, (u, note) in enumerate(units, 1)]
    rows = [Row(tuple(c for pair in cells[i:i + ACROSS] for c in pair) + (Cell(""),) * (
        2 * (ACROSS - len(cells[i:i + ACROSS])))) for i in range(0, len(cells), ACROSS)]
    return Grid(key, sheet, title, [], columns, rows)


def sent_instead(snapshot: LedgerSnapshot) -> dict[str, str]:
    """What each unit of the plan sent in place of its file, by code: a file of another
    plan or year, refused and counted for no unit, whose name is the unit's
    (intake.identify.sent_another_plans, as the merge's line matches it)."""
    out: dict[str, str] = {}
    for s in snapshot.submissions:
        if s.outcome == REJECTED and not s.unit and (
                sent := sent_another_plans(s, snapshot.master)) is not None:
            out.setdefault(*sent)
    return out


def missing_noted(missing: Sequence[tuple[Unit, str]], annex: str) -> list[tuple[str, str]]:
    """The body's lines under "Đơn vị chưa gửi báo cáo" of the units among ``missing``
    (each with its note, :func:`sent_instead`'s, "" for none) that sent another plan's
    file: (the units, what they sent), units that sent the same together;
    counted, pointing to the ``annex`` that names them, when it lists the units not in
    ("" for none: named here)."""
    by_note: dict[str, list[str]] = {}
    for unit, note in missing:
        if note:
            by_note.setdefault(note, []).append(unit.name)
    return [(f"{len(names)} đơn vị (ghi chú tại {annex})" if annex
             else UNIT_SEPARATOR.join(names), note) for note, names in by_note.items()]
