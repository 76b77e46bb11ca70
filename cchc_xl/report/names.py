"""Units named in the report's sentences and cells.

A unit's name may hold a comma ("Sở Văn hóa, Thể thao và Du lịch"), so units in a list
are separated by ";", as Vietnamese official writing does, and listed in the order of
the plan's registry, never in the order of a ranking.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Master
from ..text import UNIT_SEPARATOR, short_list
from ..unit_names import COMMUNE_PREFIX, commune_kinds, in_sentence
from ..vocab import COMMUNE

# Communes named "N xã (trừ A, B)" only when those left out are at most a third of the
# N: a province's 67 communes "trừ" 62 others named the 62, nearly the group itself. With
# a ``crowd``, no more than that are named after "trừ" either: a third of 150 communes
# printed "127 xã (trừ …)" with 23 names in the Word report's difficulties (a QA pass).
# Nor are they named when the sentence names them next: an overdue task read "chưa hoàn
# thành: Phòng Nội vụ; 144 xã (trừ A, …, F); chưa có báo cáo: 6 xã (A, …, F)" (a QA pass).
EXCEPT_SHARE = 3


def name_units(master: Master, codes: list[str], *, crowd: int | None = None,
               apart: Iterable[str] = ()) -> str:
    """Units named in a sentence, in registry order and separated by ";"; many communes
    are written once as "30 xã, thị trấn (Bút Sơn, Hoằng Cát, …)", all of them as
    "tất cả 37 xã, thị trấn", and most of them as "35 xã, thị trấn (trừ thị trấn Bút
    Sơn, xã Hoằng Cát)", those left out named with their kind (:func:`unit_names.in_sentence`),
    when the communes left out are at most a third of those named (a list "trừ" nearly as
    long as the group reads as the group's own). With ``crowd``, more
    communes than that are counted, not named: "67 xã, phường", "127 xã, phường" (not
    "127 xã, phường (trừ …)" naming more than ``crowd``). ``apart``: units the same
    sentence names next ("chưa có báo cáo: 6 xã (A, B, …)"); when the communes left out
    are exactly its communes, they are not named twice: "144 xã", not "144 xã (trừ A, B,
    …)"."""
    known = {u.code: u for u in master.units}
    codes = _in_order(master, codes)
    communes = [known[c] for c in codes if c in known and known[c].kind == COMMUNE]
    others = [known[c].name if c in known else c for c in codes
              if c not in known or known[c].kind != COMMUNE]
    if len(communes) <= 3:
        return UNIT_SEPARATOR.join(others + [u.name for u in communes])
    every = [u for u in master.units if u.kind == COMMUNE]
    kinds = commune_kinds(master.units)
    if len(communes) == len(every):
        return UNIT_SEPARATOR.join(others + [f"tất cả {len(every)} {kinds}"])
    # Looked up in a set: searching the list of those named for each commune made a
    # sentence naming most of 2,000 communes take half a second (issue #11).
    named = {id(u) for u in communes}
    rest = [u for u in every if id(u) not in named]
    if EXCEPT_SHARE * len(rest) <= len(communes) and (crowd is None or len(rest) <= crowd):
        if {u.code for u in rest} == {c for c in apart if c in known
                                      and known[c].kind == COMMUNE}:
            return UNIT_SEPARATOR.join(others + [f"{len(communes)} {kinds}"])
        left_out = ", ".join(in_sentence(u) for u in rest)
        return UNIT_SEPARATOR.join(others + [f"{len(communes)} {kinds} (trừ {left_out})"])
    if crowd is not None and len(communes) > crowd:
        return UNIT_SEPARATOR.join(others + [f"{len(communes)} {kinds}"])
    return UNIT_SEPARATOR.join(others + [f"{len(communes)} {kinds} ({_bare(communes)})"])


def _bare(units: list) -> str:
    """Commune names without their kind: "Hoằng Cát, Hoằng Châu" (no commune's name
    holds a comma)."""
    return ", ".join(COMMUNE_PREFIX.sub("", u.name) for u in units)


def _in_order(master: Master, codes: Iterable[str]) -> list[str]:
    """Unit codes in registry order, each once (a code not in it last)."""
    return master.in_registry_order(dict.fromkeys(codes), str)


def registry_names(master: Master, codes: Iterable[str]) -> list[str]:
    """The units' names in registry order, each once."""
    names = master.names
    return [names.get(c, c) for c in _in_order(master, codes)]


def few_units(names: list[str], limit: int = 5) -> str:
    """"A; B; C và 4 đơn vị khác": names for a cell, cut after ``limit``."""
    return short_list(names, limit)
