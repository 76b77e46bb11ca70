"""The issuing commune's own offices, as its plan names them after "thuộc UBND xã":
"Các phòng chuyên môn thuộc UBND phường", "Các cơ quan, đơn vị trực thuộc UBND xã",
"Các phòng, ban, đơn vị thuộc UBND phường Hạc Thành" are the group of its offices,
never a group of communes nor an open group nobody is given; another commune's
("... thuộc UBND phường Quảng Hưng") and a province's plan keep their reading.
"""

from __future__ import annotations

import re

from ..model import Group
from ..text import match_key, one_line
from ..vocab import COMMUNE_KIND_RE, COMMUNE_KINDS, DEPARTMENT, PEOPLES_COMMITTEE_RE

# "... thuộc UBND phường [Hạc Thành]" after a group's name: the issuing commune's own
# offices, not a group of communes (the kind of commune, and its name if written).
OF_THE_COMMUNE = re.compile(rf"\s+(?:trực\s+)?thuộc\s+{PEOPLES_COMMITTEE_RE}\s+"
                            rf"(?P<kind>{COMMUNE_KIND_RE})(?:\s+(?P<place>\S.*))?$", re.I)

# The words a commune's plan writes for all its offices before "thuộc UBND xã": "Các cơ
# quan, đơn vị", "Các phòng, ban, đơn vị", "Các cơ quan chuyên môn, đơn vị", "Tất cả
# các phòng, ban". Not "... liên quan", "... được giao" (some of them), nor "đoàn thể"
# (the mass organisations are no office of the committee's).
_OFFICE_WORD = r"(?:cơ\s+quan|phòng|ban|ngành|đơn\s+vị)(?:\s+chuyên\s+môn)?"
_ALL_OFFICES = re.compile(
    rf"^(?:tất\s+cả\s+)?các\s+{_OFFICE_WORD}(?:(?:\s*[,&]\s*|\s+và\s+|\s+){_OFFICE_WORD})*$",
    re.I)


def of_its_own_committee(name: str, issuer: tuple[str, str] | None) -> bool:
    """``name`` ends "thuộc UBND <the issuing commune>" ("thuộc UBND phường" or "thuộc
    UBND phường Hạc Thành" in Hạc Thành ward's plan)."""
    m = OF_THE_COMMUNE.search(one_line(name))
    if m is None or issuer is None or issuer[0] not in COMMUNE_KINDS:
        return False
    return (" ".join(m["kind"].lower().split()) == issuer[0]
            and (not m["place"] or match_key(m["place"]) == match_key(issuer[1])))


def known_group(name: str, groups: list[Group], issuer: tuple[str, str] | None = None
                ) -> Group | None:
    """The group ``name`` is once "thuộc UBND phường" is left out of it, if it is one; in
    the issuing commune's plan, "Các cơ quan, đơn vị thuộc UBND xã" and the other ways of
    writing all its offices are its group of every office (kind Phòng, ban, sở, ngành)
    however the registry spells that group (a QA pass: they became an open group
    given to nobody, while "Các phòng, ban, đơn vị thuộc UBND xã" was the group)."""
    bare = OF_THE_COMMUNE.sub("", name)
    if bare == name:
        return None
    key = match_key(bare)
    listed = next((g for g in groups if key in {match_key(s) for s in (g.name, *g.spellings)}),
                  None)
    if (listed is not None or not of_its_own_committee(name, issuer)
            or not _ALL_OFFICES.match(one_line(bare))):
        return listed
    return next((g for g in groups if g.kinds == [DEPARTMENT] and not g.members), None)
