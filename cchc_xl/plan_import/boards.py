"""A commune's "các ban, ngành, đoàn thể" ("Các ban, ngành, đoàn thể xã"): its boards,
sectors and mass organisations, a group of its own. Read as "Các phòng chuyên môn" (a
QA pass), the Trung tâm Phục vụ hành chính công, the police, the military command and
the Front with its organisations got none of the work the plan gives them all.

The group takes every office of the commune (kind Phòng, ban, sở, ngành) and, as
members, every other body of it the registry lists once the plan is read (the Trung
tâm, Công an, Ban Chỉ huy quân sự, Ủy ban MTTQ, Đoàn Thanh niên, the Hội): never the
People's Committee or Council, which give the work.
"""

from __future__ import annotations

import re

from ..model import Group, Unit
from ..text import one_line
from ..vocab import COMMUNE_KIND_RE, COMMUNE_KINDS, DEPARTMENT, OTHER

# "Các ban, ngành, đoàn thể", "Các cơ quan, ban, ngành và đoàn thể", "Các ban ngành,
# đoàn thể xã" (the commune's kind, or "cấp xã", and its name may follow).
_BOARDS = re.compile(
    r"^(?:tất\s+cả\s+)?các\s+(?:(?:cơ\s+quan|ban|ngành|đơn\s+vị)(?:\s*,\s*|\s+và\s+|\s+))+"
    rf"(?:các\s+)?đoàn\s+thể(?:\s+(?:cấp\s+)?{COMMUNE_KIND_RE}(?:\s+\S.*)?)?$", re.I)
# The bodies that give the work, not take it: the commune's committee and council.
_GIVERS = re.compile(r"^(?:ubnd|hđnd|(?:ủy|uỷ)\s+ban\s+nhân\s+dân|hội\s+đồng\s+nhân\s+dân)\b",
                     re.I)
BOARDS_NOTE = ("Các phòng chuyên môn, Trung tâm Phục vụ hành chính công, Công an, Ban Chỉ "
               "huy quân sự, Mặt trận Tổ quốc và các đoàn thể; không gồm HĐND, UBND")


def names_the_boards(name: str, issuer: tuple[str, str] | None) -> bool:
    """True for "Các ban, ngành, đoàn thể xã" in a commune's plan (``issuer``)."""
    return (issuer is not None and issuer[0] in COMMUNE_KINDS
            and bool(_BOARDS.match(one_line(name))))


def boards_group(name: str, code: str) -> Group:
    """The group ``name`` ("Các ban, ngành, đoàn thể xã") adds, its members filled in
    once every unit of the plan is listed (:func:`fill_boards`)."""
    return Group(code=code, name=name, kinds=[DEPARTMENT], note=BOARDS_NOTE)


def fill_boards(groups: list[Group], units: list[Unit]) -> None:
    """Each boards group (:func:`boards_group`) given, as members, every body of the
    commune of kind Khác (its offices its kind takes) but its committee and council;
    no school or other public service unit, which plans name apart ("các ban, ngành,
    đoàn thể và các trường học")."""
    members = [u.code for u in units if u.kind == OTHER and not _GIVERS.match(u.name)
               and not any(_GIVERS.match(a) for a in u.aliases)]
    for group in groups:
        if group.note == BOARDS_NOTE:
            group.members = [c for c in members if c not in group.members] + group.members
