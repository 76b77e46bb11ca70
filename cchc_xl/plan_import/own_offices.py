"""The issuing place's own People's Committee (:func:`own_committee`) and, in a
commune's plan, its own offices, as the plan names them after "thuộc UBND xã":
"Các phòng chuyên môn thuộc UBND phường", "Các cơ quan, đơn vị trực thuộc UBND xã",
"Các phòng, ban, đơn vị thuộc UBND phường Hạc Thành" are a group of its offices,
never a group of communes nor an open group nobody is given; another commune's
("... thuộc UBND phường Quảng Hưng") and a province's plan keep their reading. So are
the same wordings with no committee after them ("Các cơ quan, đơn vị", "Các phòng chuyên
môn, đơn vị trực thuộc": :func:`unwritten_committee`).

Which group: the wordings with "đơn vị" or "cơ quan" name every office of the
committee, its phòng and its own unit, the Trung tâm Phục vụ hành chính công (the
commune template's group of kind Phòng, ban, sở, ngành with members, "Các cơ quan, đơn
vị thuộc UBND"); "Các phòng, ban", "Các cơ quan chuyên môn" name its phòng only ("Các
phòng chuyên môn", that kind and no member). Neither takes the police or the military
command, no office of the committee's. A registry with no group of members (last
year's master) gives every wording its group of phòng, as before.
"""

from __future__ import annotations

import re

from ..model import Group
from ..text import match_key, one_line
from ..vocab import (
    COMMUNE_KIND_RE,
    COMMUNE_KINDS,
    DEPARTMENT,
    KINDS_LISTED_RE,
    PEOPLES_COMMITTEE_RE,
    PUBLIC_SERVICE,
)

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


# A wording of all the committee's offices that takes its units too: "đơn vị", or
# "cơ quan" that is not "cơ quan chuyên môn" (the phòng: the Trung tâm is none of them).
_UNITS_TOO = re.compile(r"\bđơn\s+vị\b|\bcơ\s+quan\b(?!\s+chuyên\s+môn)", re.I)


def offices_group(wording: str, groups: list[Group]) -> Group | None:
    """The group of the committee's offices ``wording`` names: that of its phòng and
    units ("Các cơ quan, đơn vị"; kind Phòng, ban, sở, ngành with members) when it names
    units and the registry has one, else that of its phòng (the kind, no member)."""
    offices = [g for g in groups if g.kinds == [DEPARTMENT]]
    phong = next((g for g in offices if not g.members), None)
    if not _UNITS_TOO.search(wording):
        return phong
    return next((g for g in offices if g.members), phong)


def known_group(name: str, groups: list[Group], issuer: tuple[str, str] | None = None
                ) -> Group | None:
    """The group ``name`` is once "thuộc UBND phường" is left out of it, if it is one; in
    the issuing commune's plan, "Các cơ quan, đơn vị thuộc UBND xã" and the other ways of
    writing all its offices are its group of offices that wording names
    (:func:`offices_group`) however the registry spells that group (a QA pass: they
    became an open group given to nobody, while "Các phòng, ban, đơn vị thuộc UBND xã"
    was the group; then a later one: the Trung tâm Phục vụ hành chính công got none of
    their work)."""
    bare = OF_THE_COMMUNE.sub("", name)
    if bare == name:
        return None
    key = match_key(bare)
    listed = next((g for g in groups if key in {match_key(s) for s in (g.name, *g.spellings)}),
                  None)
    if (listed is not None or not of_its_own_committee(name, issuer)
            or not _ALL_OFFICES.match(one_line(bare))):
        return listed
    return offices_group(bare, groups)


# "Các phòng, đơn vị thuộc Sở", "Các đơn vị thuộc Văn phòng": the issuing department's
# (or committee office's) own rooms and units, named by its kind alone. Not "trực
# thuộc" (an open group: :mod:`.registry`), nor a body named after it ("thuộc Sở Y tế"
# in a province's plan is another's).
_ITS_UNITS = re.compile(r"\bđơn\s+vị\b.*\bthuộc\s+(?:sở|văn\s+phòng)\s*$", re.I)


# All the commune's offices written with no committee after them: "Các cơ quan, đơn vị",
# "Các phòng chuyên môn, đơn vị trực thuộc" ("trực thuộc" with nothing after it: the
# issuing committee's), alone in a cell or after a name ("Văn phòng HĐND và UBND xã, các
# phòng chuyên môn, đơn vị trực thuộc").
_UNWRITTEN_COMMITTEE = re.compile(r"(?:^|,\s*|\s+và\s+)(?P<written>(?P<wording>(?:tất\s+cả\s+)?"
                                  r"các\s+.*?)(?:\s+(?:trực\s+)?thuộc)?)$", re.I)
# Not "Các đơn vị (trực thuộc)" alone: the committee's public service units (schools, the
# health station), not its phòng.
_AN_OFFICE = re.compile(r"\b(?:cơ\s+quan|phòng|ban|ngành)\b", re.I)


def unwritten_committee(cells: list[tuple[str, str]], groups: list[Group],
                        issuer: tuple[str, str] | None) -> list[tuple[str, Group, str]]:
    """Each wording of all the issuing commune's offices the ``cells`` (text, place)
    write with no committee after it, the group of its offices it is
    (:func:`offices_group`) and the place first written; none in another plan, nor for a
    wording a group already has.

    In a commune's plan the bodies given work are its own (DOMAIN §11): "Các cơ quan, đơn
    vị" became an open group, and, leading alone, a unit of that name with a file of its
    own while no office got the work; "Các phòng chuyên môn, đơn vị trực thuộc" the group
    of phòng and a unit "đơn vị trực thuộc" (QA passes). Both are read as "... thuộc UBND
    xã" is."""
    if issuer is None or issuer[0] not in COMMUNE_KINDS:
        return []
    named = {match_key(s) for g in groups for s in (g.name, *g.spellings)}
    found: dict[str, tuple[str, Group, str]] = {}
    for text, place in cells:
        for chunk in re.split(r"[\n;]", text):
            m = _UNWRITTEN_COMMITTEE.search(one_line(chunk).strip(" .,-+•"))
            if m is None:
                continue
            wording = m["written"]
            key = match_key(wording)
            if (key in named or key in found or not _ALL_OFFICES.match(m["wording"])
                    or not _AN_OFFICE.search(m["wording"])):
                continue
            group = offices_group(m["wording"], groups)
            if group is not None:
                found[key] = (wording, group, place)
    return list(found.values())


def with_its_units(name: str, kinds: list[str]) -> list[str]:
    """The kinds of unit a group of a department's or office's own takes: "Các phòng,
    đơn vị thuộc Sở" its phòng and its public service units too ("Trung tâm Thông tin -
    Công báo", kind Đơn vị sự nghiệp: the group had none of their work, though "đơn vị
    thuộc" names them); "Các phòng thuộc Sở", "Các phòng chuyên môn thuộc Văn phòng"
    its phòng only."""
    if DEPARTMENT in kinds and PUBLIC_SERVICE not in kinds and _ITS_UNITS.search(
            one_line(name)):
        return [*kinds, PUBLIC_SERVICE]
    return kinds


# "UBND xã, phường", "UBND phường", "Ủy ban nhân dân xã", "UBND cấp xã" (maybe with the
# commune's own name after it): in a commune's plan, the commune's People's Committee
# itself.
_COMMITTEE_OF_A_COMMUNE = re.compile(
    rf"^{PEOPLES_COMMITTEE_RE}\s+(?:{KINDS_LISTED_RE}|(?:cấp\s+)?{COMMUNE_KIND_RE})"
    r"(?:\s+(?P<place>\S.*))?$", re.I)


# "UBND tỉnh", "Ủy ban nhân dân tỉnh Thanh Hóa", "UBND thành phố" (a centrally-run
# city's): in the plan of a province or such a city, its People's Committee.
_COMMITTEE_OF_A_PROVINCE = re.compile(
    rf"^{PEOPLES_COMMITTEE_RE}\s+(?P<kind>tỉnh|thành\s+phố)"
    r"(?:\s+(?P<place>\S.*))?$", re.I)
_PROVINCE_KINDS = ("tỉnh", "thành phố")


def own_committee(name: str, issuer: tuple[str, str] | None) -> str | None:
    """The People's Committee of the place whose plan it is, when ``name`` names it: in a
    commune's plan "UBND xã, phường", "UBND xã" or "UBND phường" ("Ủy ban nhân dân
    phường" in a ward's); in a province's "UBND tỉnh", "UBND tỉnh Thanh Hóa" ("Ủy ban
    nhân dân tỉnh"; a QA pass: it was added as one of the sở, and given the work of "Các
    sở, ban, ngành" too). None for another name (another place's committee too) or plan."""
    if issuer is None:
        return None
    name = " ".join(name.split())
    if issuer[0] in COMMUNE_KINDS:
        m = _COMMITTEE_OF_A_COMMUNE.match(name)
    elif issuer[0] in _PROVINCE_KINDS:
        m = _COMMITTEE_OF_A_PROVINCE.match(name)
        if m and match_key(m["kind"]) != match_key(issuer[0]):
            return None
    else:
        return None
    if not m or (m["place"] and match_key(m["place"]) != match_key(issuer[1])):
        return None
    return f"Ủy ban nhân dân {issuer[0]}"
