"""Resolving lead / coordinating cells to units of the registry."""

from __future__ import annotations

import json
import unicodedata

import pytest

from cchc_xl.abbreviations import expand_abbreviations
from cchc_xl.model import Group, Unit
from cchc_xl.plan_import.registry import complete_registry
from cchc_xl.text import match_key
from cchc_xl.units import GROUP, UNIT, UNRESOLVED, Registry
from cchc_xl.vocab import COMMUNE, DEPARTMENT, LEAD, OTHER, SUPPORT
from support.paths import ROOT


def _registry(plan: str) -> Registry:
    src = json.loads((ROOT / "workbooks" / plan / "source" / "units.json").read_text("utf-8"))
    units = [Unit(u["code"], u["name"], u["kind"], u.get("aliases", [])) for u in src["units"]]
    groups = [Group(g["code"], g["name"], g.get("spellings", []), g.get("kinds", []),
                    g.get("members", [])) for g in src["groups"]]
    return Registry(units, groups)


@pytest.fixture(scope="module")
def hh() -> Registry:
    return _registry("hoang-hoa-2023")


@pytest.fixture(scope="module")
def nh() -> Registry:
    return _registry("nghia-hung-2023")


def _cells(plan: str) -> list[str]:
    src = json.loads((ROOT / "workbooks" / plan / "source" / "plan.json").read_text("utf-8"))
    cells = set()
    for area in src["areas"]:
        for task in area["tasks"]:
            cells |= {task["lead"], task["support"]}
    return sorted(c for c in cells if c)


@pytest.mark.parametrize("plan", ["hoang-hoa-2023", "nghia-hung-2023"])
def test_every_seed_unit_cell_resolves(plan: str) -> None:
    registry = _registry(plan)
    for cell in _cells(plan):
        res = registry.resolve(cell)
        assert res.pieces, cell
        assert not res.unresolved, (cell, res.unresolved)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Phòng Văn hoá và Thông tin", "VHTT"),  # old tone placement
        ("Phòng Văn hóa và Thông tin", "VHTT"),
        (unicodedata.normalize("NFD", "Phòng Văn hóa và Thông tin"), "VHTT"),
        ("Văn phòng HĐND&UBND", "VP"),
        ("Văn phòng HĐND-UBND huyện", "VP"),
        ("Văn phòng HĐND - UBND huyện;", "VP"),
        ("Phòng Tài chính-Kế hoạch", "TCKH"),
        ("  - Phòng   Nội vụ. ", "NV"),
    ],
)
def test_spellings_of_one_unit(nh: Registry, text: str, code: str) -> None:
    assert nh.resolve(text).units == [code]


@pytest.mark.parametrize(
    "text, code",
    [
        ("Phòng Tài chính - KH.", "TCKH"),
        ("Phòng  Tài chính - KH.", "TCKH"),
        ("Phòng Văn Hóa – TT", "VHTT"),
        ("Phòng Nông nghiệp - PTNT", "NNPTNT"),
        ("Văn phòng HĐND-UBND", "VP"),
        ("Trung tâm Văn hóa, Thông tin, Thể thao & Du lịch", "TTVH"),
    ],
)
def test_abbreviations_through_aliases(hh: Registry, text: str, code: str) -> None:
    assert hh.resolve(text).units == [code]


def test_near_homographs_never_collide(hh: Registry) -> None:
    pairs = [("Hoằng Phú", "Hoằng Phụ"), ("Hoằng Đông", "Hoằng Đồng"),
             ("Hoằng Quý", "Hoằng Quỳ"), ("Hoằng Thanh", "Hoằng Thành")]
    for a, b in pairs:
        ua = hh.resolve(f"UBND xã {a}").units
        ub = hh.resolve(f"UBND xã {b}").units
        assert len(ua) == len(ub) == 1
        assert ua != ub
        assert hh.units[ua[0]].name == f"Xã {a}"
        assert hh.units[ub[0]].name == f"Xã {b}"
    assert match_key("Hoằng Phú") != match_key("Hoằng Phụ")


def test_folded_name_does_not_match(hh: Registry) -> None:
    res = hh.resolve("Xã Hoang Phu")
    assert res.units == [] and res.unresolved


def test_lists_and_groups(nh: Registry) -> None:
    res = nh.resolve("Các cơ quan, đơn vị và UBND các xã, thị trấn")
    assert [p.kind for p in res.pieces] == [GROUP, GROUP]
    kinds = {nh.units[u].kind for u in res.units}
    assert kinds == {DEPARTMENT, COMMUNE, "public_service"}
    assert sum(1 for u in res.units if nh.units[u].kind == COMMUNE) == 24
    two = nh.resolve("Văn phòng HĐND&UBND – Phòng Văn hoá và Thông tin")
    assert two.units == ["VP", "VHTT"] and [p.kind for p in two.pieces] == [UNIT, UNIT]


def test_open_group_expands_to_nobody_and_says_so(hh: Registry) -> None:
    res = hh.resolve("Các cơ quan liên quan.")
    assert res.units == [] and len(res.open_groups) == 1 and not res.unresolved


def test_roles_stated_in_the_cell(hh: Registry) -> None:
    res = hh.resolve("- Phòng Nội vụ chủ trì, phối hợp với các phòng, ban, ngành cấp huyện;")
    assert res.units_with_role(LEAD, LEAD) == ["NV"]
    # The group includes the lead itself; the master drops leads from the support list.
    assert len(res.units_with_role(SUPPORT, LEAD)) == 8
    res = hh.resolve("- Cơ quan phối hợp: Văn phòng HĐND-UBND huyện, phòng Tư pháp, Tài chính, "
                     "Văn hóa - TT")
    assert res.units_with_role(SUPPORT, LEAD) == ["VP", "TP", "TCKH", "VHTT"]


def test_description_after_colon_is_not_a_name(hh: Registry) -> None:
    res = hh.resolve("- UBND cấp xã: thực hiện rà soát theo kế hoạch của UBND tỉnh.")
    assert not res.unresolved and len(res.units) == 37


@pytest.mark.parametrize("cell, read", [
    ("Phòng Tư pháp Văn phòng HĐND-UBND huyện Thanh tra huyện",
     [(UNIT, "TP", "Phòng Tư pháp"), (UNIT, "VP", "Văn phòng HĐND-UBND huyện"),
      (UNIT, "TTR", "Thanh tra huyện")]),
    ("Phòng Nội vụ UBND các xã, thị trấn",
     [(UNIT, "NV", "Phòng Nội vụ"), (GROUP, "XA", "UBND các xã, thị trấn")]),
    ("Phòng Văn hóa - Thông tin Xã Hoằng Cát Xã Hoằng Châu",
     [(UNIT, "VHTT", "Phòng Văn hóa - Thông tin"), (UNIT, "X02", "Xã Hoằng Cát"),
      (UNIT, "X03", "Xã Hoằng Châu")]),
])
def test_names_on_one_line_with_no_separator_are_each_known_name(hh: Registry, cell, read):
    """Names a PDF's cell printed on lines of their own, read back as one line ("Sở Tư
    pháp Văn phòng UBND tỉnh Sở Khoa học và Công nghệ" was one unknown name, added as a
    unit: a QA pass): cut where a name opens, when every part is then a known name."""
    assert [(p.kind, p.ref, p.text) for p in hh.resolve(cell).pieces] == read


def test_an_unknown_name_after_a_known_one_stays_one_name(hh: Registry) -> None:
    """Without a separator, a known name and an unknown one may be one name ("Văn phòng
    HĐND-UBND huyện Ban Tiếp công dân", a part of that office): it stays whole, to check,
    as before."""
    res = hh.resolve("Văn phòng HĐND-UBND huyện Ban Tiếp công dân")
    assert [p.kind for p in res.pieces] == [UNRESOLVED]


def test_unknown_name_is_reported_with_suggestions(hh: Registry) -> None:
    res = hh.resolve("Phòng Tư phap; Phòng Y tế")
    assert [p.kind for p in res.pieces] == [UNRESOLVED, UNRESOLVED]
    assert "Phòng Tư pháp" in res.pieces[0].suggestions


@pytest.mark.parametrize("text, guess", [
    ("Hội Nông dân xã", ()),  # alike "Công an xã" only in "xã": no guess
    ("Đoàn Thanh niên xã", ()),
    ("Phòng Tư pháp xã", ()),
    ("Cong an xa", ("Công an xã",)),  # typed without diacritics
    ("Phòng Kinh te", ("Phòng Kinh tế",)),
    ("Trung tâm hành chính công", ("Trung tâm Phục vụ hành chính công",)),
    ("Văn phòng UBND", ("Văn phòng HĐND và UBND",)),
])
def test_a_guess_is_offered_only_when_really_close(text: str, guess) -> None:
    xa = Registry([Unit("VP", "Văn phòng HĐND và UBND", DEPARTMENT),
                   Unit("KT", "Phòng Kinh tế", DEPARTMENT),
                   Unit("VHXH", "Phòng Văn hóa - Xã hội", DEPARTMENT),
                   Unit("TTPV", "Trung tâm Phục vụ hành chính công", DEPARTMENT),
                   Unit("CA", "Công an xã"), Unit("QS", "Ban Chỉ huy quân sự xã")], [])
    assert [p.kind for p in xa.resolve(text).pieces] == [UNRESOLVED]
    assert xa.resolve(text).pieces[0].suggestions == guess


@pytest.mark.parametrize("cell, read", [
    # a known office's name continued by "..., X và Y": one (unknown) name, not the
    # known office and a stray "Hạ tầng và Đô thị"
    ("Phòng Kinh tế, Hạ tầng và Đô thị", [("Phòng Kinh tế, Hạ tầng và Đô thị", UNRESOLVED)]),
    ("Sở Kế hoạch và Đầu tư", [("Sở Kế hoạch và Đầu tư", UNRESOLVED)]),
    # lists stay lists
    ("Phòng Kinh tế và Phòng Nội vụ", [("Phòng Kinh tế", UNIT), ("Phòng Nội vụ", UNIT)]),
    ("Phòng Nội vụ, Tài chính", [("Phòng Nội vụ", UNIT), ("Tài chính", UNRESOLVED)]),
])
def test_a_known_name_followed_by_the_rest_of_a_longer_name(cell, read):
    registry = Registry([Unit("KT", "Phòng Kinh tế", DEPARTMENT),
                         Unit("KH", "Sở Kế hoạch", DEPARTMENT),
                         Unit("NV", "Phòng Nội vụ", DEPARTMENT)], [])
    assert [(p.text, p.kind) for p in registry.resolve(cell).pieces] == read


# A province's registry as import builds it (the province template's sở, its groups).
def _province() -> tuple[list[Unit], list[Group]]:
    units = [Unit("NV", "Sở Nội vụ", DEPARTMENT), Unit("TP", "Sở Tư pháp", DEPARTMENT),
             Unit("TC", "Sở Tài chính", DEPARTMENT), Unit("YT", "Sở Y tế", DEPARTMENT),
             Unit("NNMT", "Sở Nông nghiệp và Môi trường", DEPARTMENT),
             Unit("CA", "Công an tỉnh", OTHER),
             Unit("X01", "Xã Nga Sơn", COMMUNE), Unit("X02", "Xã Hà Trung", COMMUNE)]
    groups = [Group("SBN", "Các sở, ban, ngành", ["Các sở, ngành"], [DEPARTMENT]),
              Group("XA", "UBND các xã, phường", ["UBND cấp xã"], [COMMUNE]),
              Group("LQ", "Các cơ quan liên quan", ["Các đơn vị liên quan"])]
    return units, groups


def _completed(cells: list[str], units: list[Unit], groups: list[Group]):
    """The registry import makes for ``cells``, and what it added (unit names; group
    spellings and new groups as (name, kinds, members))."""
    before = ({u.name for u in units}, {g.code: list(g.spellings) for g in groups})
    complete_registry(units, groups, [(c, "") for c in cells], "ke-hoach.docx")
    added_units = sorted(u.name for u in units if u.name not in before[0])
    added_groups = {g.code: g.spellings[len(before[1][g.code]):] if g.code in before[1]
                    else (g.name, g.kinds, g.members) for g in groups}
    return Registry(units, groups), added_units, {k: v for k, v in added_groups.items() if v}


@pytest.mark.parametrize("cell, codes", [
    ("Các Sở: Tư pháp, Tài chính, Y tế", ["TP", "TC", "YT"]),
    ("các sở: Tư pháp; Sở Nội vụ", ["TP", "NV"]),
    ("UBND các xã: Nga Sơn, Hà Trung", ["X01", "X02"]),
])
@pytest.mark.parametrize("short_spelling", [False, True])
def test_names_listed_under_a_head_word_are_those_units_only(cell, codes, short_spelling):
    units, groups = _province()
    if short_spelling:  # a registry where "Các sở" is the group's: still not the reading
        groups[0].spellings.append("Các sở")
    res = Registry(units, groups).resolve(cell)
    assert res.units == codes and {p.kind for p in res.pieces} == {UNIT}
    registry, added_units, added_groups = _completed([cell], units, groups)
    assert (added_units, added_groups) == ([], {})
    assert registry.resolve(cell).units == codes


def test_a_listed_name_not_known_is_added_under_its_head_word():
    units, groups = _province()
    res = Registry(units, groups).resolve("Các Sở: Tư pháp, Xây dựng")
    assert res.units == ["TP"] and [p.text for p in res.unresolved] == ["Sở Xây dựng"]
    registry, added_units, added_groups = _completed(["Các Sở: Tư pháp, Xây dựng"],
                                                     units, groups)
    assert (added_units, added_groups) == (["Sở Xây dựng"], {})
    assert len(registry.resolve("Các Sở: Tư pháp, Xây dựng").units) == 2
    # nothing known at all: the names still, never a group "Các Sở" of every sở
    registry, added_units, added_groups = _completed(["Các Sở: Tư pháp, Tài chính, Y tế"],
                                                     [], [])
    assert (added_units, added_groups) == (["Sở Tài chính", "Sở Tư pháp", "Sở Y tế"], {})
    assert len(registry.resolve("Các Sở: Tư pháp, Tài chính, Y tế").units) == 3


def test_a_task_after_a_group_and_a_colon_is_still_the_group():
    units, groups = _province()
    registry, added_units, added_groups = _completed(["Các sở: chủ động triển khai"],
                                                     units, groups)
    assert (added_units, added_groups) == ([], {"SBN": ["Các sở"]})
    assert len(registry.resolve("Các sở: chủ động triển khai").units) == 5


@pytest.mark.parametrize("short_spelling", [False, True])
def test_related_units_of_a_group_are_an_open_group(short_spelling):
    cell = "Công an tỉnh, các sở, ban, ngành liên quan"
    units, groups = _province()
    if short_spelling:
        groups[0].spellings.append("Các sở")
    res = Registry(units, groups).resolve(cell)
    assert res.units == ["CA"]
    assert [(p.text, p.kind) for p in res.pieces] == [
        ("Công an tỉnh", UNIT), ("các sở, ban, ngành liên quan", UNRESOLVED)]
    registry, added_units, added_groups = _completed([cell], units, groups)
    assert added_units == []
    assert list(added_groups.values()) == [("các sở, ban, ngành liên quan", [], [])]
    res = registry.resolve(cell)
    assert res.units == ["CA"] and len(res.open_groups) == 1 and not res.unresolved


def test_a_plans_cells_in_turn_give_each_its_own_units():
    # the probe's plan: read "Các Sở: …" as the group, and "Các Sở" became its name,
    # then "các sở, ban, ngành liên quan" was every sở and a unit "ban, ngành liên quan"
    cells = ["Các Sở: Tư pháp, Tài chính, Y tế", "Sở NN và MT",
             "Công an tỉnh, các sở, ban, ngành liên quan", "Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn"]
    registry, added_units, added_groups = _completed(cells, *_province())
    assert added_units == ["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn"]
    assert list(added_groups.values()) == [("các sở, ban, ngành liên quan", [], [])]
    code = {u.name: u.code for u in registry.units.values()}
    assert [registry.resolve(c).units for c in cells] == [
        ["TP", "TC", "YT"], ["NNMT"], ["CA"],
        [code["Hội Liên hiệp Phụ nữ tỉnh"], code["Tỉnh đoàn"]]]


def test_group_going_on_with_more_kinds_is_one_name():
    units, groups = _province()
    res = Registry(units, groups).resolve("UBND các xã, phường, thị trấn")
    assert [(p.text, p.kind) for p in res.pieces] == [
        ("UBND các xã, phường, thị trấn", UNRESOLVED)]
    registry, added_units, added_groups = _completed(["UBND các xã, phường, thị trấn"],
                                                     units, groups)
    assert (added_units, added_groups) == ([], {"XA": ["UBND các xã, phường, thị trấn"]})
    # a body named after the group is no more of its kinds
    res = Registry(units, groups).resolve("Các sở, ngành, ban quản lý dự án")
    assert [(p.text, p.kind) for p in res.pieces] == [
        ("Các sở, ngành", GROUP), ("ban quản lý dự án", UNRESOLVED)]


def test_two_bodies_unknown_are_two_units():
    cell = "Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn"
    units, groups = _province()
    registry, added_units, added_groups = _completed([cell], units, groups)
    assert (added_units, added_groups) == (["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn"], {})
    added = {u.name: u for u in registry.units.values()}
    assert registry.resolve(cell).units == [added["Hội Liên hiệp Phụ nữ tỉnh"].code,
                                            added["Tỉnh đoàn"].code]
    assert {added[n].kind for n in ("Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn")} == {OTHER}
    assert added["Tỉnh đoàn"].code == "TD"


@pytest.mark.parametrize("cell", ["Sở NN và MT", "Sở NN & MT", "Sở NN&MT", "Sở NN-MT",
                                  "SỞ NN VÀ MT"])
def test_abbreviation_with_and_spelt_out(cell):
    units, groups = _province()
    assert Registry(units, groups).resolve(cell).units == ["NNMT"]
    registry, added_units, added_groups = _completed([cell], units, groups)
    assert (added_units, added_groups) == ([], {})
    assert not any(u.aliases for u in registry.units.values())


def test_and_reads_as_an_ampersand_only_where_an_abbreviation_has_one():
    assert expand_abbreviations("Sở KH và CN") == "Sở Khoa học và Công nghệ"
    assert expand_abbreviations("Phòng UB và ND") == "Phòng UB và ND"  # "UBND" has no "&"
    assert expand_abbreviations("VH, TT và DL") == "Văn hóa, Thể thao và Du lịch"


def test_kt_is_kinh_te_and_kt_xh_the_councils_committee():
    # "Phòng KT" (a commune's Phòng Kinh tế) expanded, "Ban KT-XH" whole, not "Kinh tế-XH".
    assert expand_abbreviations("Phòng KT") == "Phòng Kinh tế"
    assert expand_abbreviations("Ban KT-XH HĐND tỉnh") == \
        "Ban Kinh tế - Xã hội Hội đồng nhân dân tỉnh"
    assert expand_abbreviations("Phòng KT-HT&ĐT") == "Phòng Kinh tế, Hạ tầng và Đô thị"


def test_a_name_with_its_locality_is_that_unit_not_the_bare_names():
    """"huyện" is left out to match a name written without it; a name written whole
    is the unit of that whole name, though another unit goes by the bare one."""
    registry = Registry([Unit("BCH", "Ban Chỉ huy Quân sự huyện", DEPARTMENT),
                         Unit("QS", "Ban Chỉ huy quân sự", DEPARTMENT)], [])
    assert registry.resolve("Ban Chỉ huy Quân sự huyện").units == ["BCH"]
    # the bare name is either's: asked, never guessed
    assert [p.kind for p in registry.resolve("Ban Chỉ huy quân sự").pieces] == [UNRESOLVED]


def test_later_names_take_a_head_word_of_three():
    """A special zone (đặc khu) of 2026: "UBND đặc khu A, B" is both zones."""
    registry = Registry([Unit("X1", "Đặc khu Vân Đồn", COMMUNE),
                         Unit("X2", "Đặc khu Cô Tô", COMMUNE)], [])
    assert registry.resolve("UBND đặc khu Vân Đồn, Cô Tô").units == ["X1", "X2"]


def test_a_role_in_brackets_after_a_name_is_its_role():
    registry = Registry([Unit("NV", "Sở Nội vụ", DEPARTMENT),
                         Unit("TP", "Sở Tư pháp", DEPARTMENT)], [])
    res = registry.resolve("Sở Nội vụ (phối hợp), Sở Tư pháp (chủ trì)")
    assert res.units_with_role(LEAD, SUPPORT) == ["TP"]
    assert res.units_with_role(SUPPORT, LEAD) == ["NV"]


def test_communes_are_called_by_their_kinds():
    from cchc_xl.unit_names import commune_kinds

    assert commune_kinds([Unit("X1", "Đặc khu Vân Đồn", COMMUNE),
                          Unit("P1", "Phường Hạc Thành", COMMUNE)]) == "phường, đặc khu"
    assert commune_kinds([]) == "xã, phường"  # none listed: both kinds a province has
