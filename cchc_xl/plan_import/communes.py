"""The communes of a province's plan: those of the official list a registry is
filled with (``--province``, or the province the plan's heading names), what the import
says of them, a group of all communes that holds only those the plan names, a group of
the communes of some kinds ("UBND các phường"), and the district level a plan of a later
year still names."""

from __future__ import annotations

import re

from ..findings import Finding
from ..issuer import LAST_DISTRICT_YEAR
from ..model import Group, Unit
from ..provinces import Province, commune_units, find_province
from ..text import match_key, one_line
from ..unit_names import commune_kind, commune_kinds
from ..units import Registry
from ..vocab import (
    COMMUNE,
    COMMUNE_KIND_RE,
    COMMUNE_KINDS,
    DISTRICT_KIND_RE,
    MORE_COMMUNE_KINDS_RE,
    NOTE,
    PEOPLES_COMMITTEE_RE,
    WARNING,
)
from .unit_codes import unit_code

_ALL_COMMUNES = "UBND các xã, phường, đặc khu"  # the province template's group


def province_registry(units: list[Unit], groups: list[Group], province: str | Province
                      ) -> tuple[list[Unit], list[Group]]:
    """The registry with the province's communes added (those not already listed),
    and a group for all of them when the registry has none."""
    found = province if isinstance(province, Province) else find_province(province)
    known = {match_key(n) for u in units for n in (u.name, *u.aliases)}
    taken = {u.code for u in units}
    units = list(units)
    communes = commune_units(found)
    for u in communes:
        if match_key(u.name) in known:
            continue
        if u.code in taken:
            u.code = unit_code(u.name, COMMUNE, taken)
        taken.add(u.code)
        units.append(u)
    # The kinds the province has: Ninh Bình has no đặc khu, and its group is not named so.
    said = commune_kinds(communes)
    note = f"Các {said} của {found.title} theo danh mục sau sắp xếp ngày 01/7/2025"
    name = f"UBND các {said}"
    for g in groups:
        if COMMUNE in g.kinds and not g.members and not g.note:
            g.note = note  # the province template's "UBND các xã, phường, đặc khu"
            if g.name == _ALL_COMMUNES and g.name != name:
                # the template's name kept as a plan may write it
                g.spellings = _other_than(name, [*g.spellings, g.name])
                g.name = name
    if not any(COMMUNE in g.kinds for g in groups):
        groups = [*groups, Group(
            code="XA", name=name, kinds=[COMMUNE],
            spellings=_other_than(name, [
                "UBND các xã, phường", "UBND cấp xã", "Các xã, phường", "UBND xã, phường",
                _ALL_COMMUNES, "Ủy ban nhân dân cấp xã", "Ủy ban nhân dân các xã, phường"]),
            note=note)]
    return units, groups


def _other_than(name: str, spellings: list[str]) -> list[str]:
    """``spellings`` without ``name`` itself."""
    return [s for s in spellings if match_key(s) != match_key(name)]


def province_communes_note(added: list[Unit], province: Province, authority: str,
                           file: str, asked: bool = False) -> Finding:
    """Says that a province's plan, imported without a unit list, was given the
    communes of the province the official list has (as ``--province`` gives them);
    ``asked``: given them by ``--province`` (the page's province box), said too, or
    nothing said how many came (a probe)."""
    kinds = commune_kinds(added)
    where = province.in_sentence
    if asked:
        return Finding(
            NOTE, "import-province-communes",
            f"đã thêm {len(added)} {kinds} của {where} theo danh mục sau sắp xếp ngày "
            "01/7/2025 (--province)", file=file)
    return Finding(
        NOTE, "import-province-communes",
        f"kế hoạch do {authority} ban hành: đã thêm {len(added)} {kinds} của {where} theo danh "
        "mục sau sắp xếp ngày 01/7/2025 (như --province); muốn dùng danh sách đơn vị của tỉnh "
        "hoặc bảng kế hoạch năm trước thì nhập lại với --units TỆP", file=file)


def thin_commune_groups(units: list[Unit], groups: list[Group], listed: set[str],
                        cells: list[tuple[str, str]], file: str, hint: str) -> list[Finding]:
    """A warning for each group of all communes ("UBND các xã, phường") whose members
    are only the communes the plan names one by one: no list (``--units``,
    ``--province``) gave the others, so their work would be lost. ``listed`` holds
    the codes of the communes the registry had before the plan was read."""
    registry = Registry(units, groups)
    found: list[Finding] = []
    for group in groups:
        members = registry.members(group.code)
        if COMMUNE not in group.kinds or not members or any(
                u in listed or registry.units[u].kind != COMMUNE for u in members):
            continue
        place = next((p for text, p in cells if any(
            piece.ref == group.code for piece in registry.resolve(text).pieces)), "")
        found.append(Finding(
            WARNING, "import-group-thin",
            f"nhóm '{group.name}' (mã {group.code}) chỉ có {len(members)} đơn vị (các xã, "
            f"phường có tên trong văn bản), không phải mọi xã, phường: {hint}", file=file,
            place=place))
    return found


# A group of the communes of some kinds: "UBND các phường", "Các xã và đặc khu", "Công an
# các phường" (each ward's police: the ward reports). Not the level ("UBND cấp xã"), nor a
# group of bodies "thuộc UBND xã" (each commune's own), nor the "xã" of "xã hội".
_OF_KINDS = re.compile(rf"^(?:(?:{PEOPLES_COMMITTEE_RE}|công\s+an)\s+)?(?:tất\s+cả\s+)?các\s+"
                       rf"(?P<kinds>{COMMUNE_KIND_RE}{MORE_COMMUNE_KINDS_RE}*)$", re.IGNORECASE)
_KIND = re.compile(COMMUNE_KIND_RE, re.IGNORECASE)


def communes_of_kinds(name: str, units: list[Unit]) -> tuple[list[Unit], list[str]] | None:
    """The communes of the kinds a group's ``name`` lists, and the kinds of the others,
    when it lists some of the kinds the registry's communes have, not all: in a province
    of wards and communes "UBND các phường" is its wards (every commune was given the
    wards' work: Quảng Ninh's 22 xã and 2 đặc khu with its 30 phường, a QA pass). None
    when it lists no kind, every kind they have, or a kind none has ("UBND các xã, thị
    trấn" in a plan after 2025, copied from an earlier year's: every commune, as
    before)."""
    m = _OF_KINDS.match(" ".join(name.split()))
    listed = {" ".join(k.lower().split()) for k in _KIND.findall(m["kinds"])} if m else set()
    kinds = {u.code: commune_kind(u) for u in units if u.kind == COMMUNE}
    have = set(kinds.values()) - {None}
    if not listed or not listed <= have or have <= listed:
        return None
    return ([u for u in units if kinds.get(u.code) in listed],
            [k for k in COMMUNE_KINDS if k in have - listed])


def group_of_kinds(groups: list[Group], name: str, members: list[Unit], code: str
                   ) -> tuple[Group, bool]:
    """The group of the communes :func:`communes_of_kinds` found for ``name``, its members
    listed on 'Nhóm', added under ``code`` (True), or the group of the same communes
    added before, ``name`` another spelling of it ("Các phường" after "UBND các
    phường"; False)."""
    codes = [u.code for u in members]
    same = next((g for g in groups if g.members == codes and not g.kinds), None)
    if same is not None:
        same.spellings.append(name)
        return same, False
    group = Group(code=code, name=name, members=codes)
    groups.append(group)
    return group, True


# The district level, ended on 1 July 2025: its people's committees ("UBND các huyện, thị
# xã", "UBND huyện Hoằng Hóa") and offices ("Phòng Nội vụ các huyện"), its towns. Not
# "thành phố": a city may be a province (Huế, Hải Phòng).
_DISTRICT_LEVEL = re.compile(rf"\b(?:{DISTRICT_KIND_RE}|thị\s+trấn)\b", re.IGNORECASE)


def district_level_named(registry: Registry, cells: list[tuple[str, str]], year: int,
                         file: str) -> list[Finding]:
    """A warning for each name of a body of the district level in the unit cells of a
    plan of a year after that level ended: a plan copied from an earlier year's, whose
    work would go to a body that no longer exists. The names as the import reads the
    cells (``registry``'s pieces)."""
    if year <= LAST_DISTRICT_YEAR:
        return []
    found: list[Finding] = []
    said: set[str] = set()
    for text, place in cells:
        for name in (one_line(p.text) for p in registry.resolve(text).pieces):
            if not _DISTRICT_LEVEL.search(name) or match_key(name) in said:
                continue
            said.add(match_key(name))
            found.append(Finding(
                WARNING, "import-district-level",
                f"'{name}': kế hoạch năm {year} nhưng cấp huyện (huyện, quận, thị xã, thị "
                "trấn) đã kết thúc hoạt động từ ngày 01/7/2025, có thể ô này được chép từ kế "
                "hoạch năm trước: sửa ô trong văn bản (ví dụ 'UBND các xã, phường', hoặc tên "
                "xã, phường, sở, ngành đảm nhận việc này) rồi nhập lại, hoặc sửa đơn vị ở "
                "trang lĩnh vực và trang 'Đơn vị' của bảng kế hoạch", file=file, place=place))
    return found
