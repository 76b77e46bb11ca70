"""Resolving lead / coordinating cells to units of the registry."""

from __future__ import annotations

import json
import unicodedata

import pytest

from cchc_xl.model import Group, Unit
from cchc_xl.text import match_key
from cchc_xl.units import GROUP, UNIT, UNRESOLVED, Registry
from cchc_xl.vocab import COMMUNE, DEPARTMENT, LEAD, SUPPORT
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
