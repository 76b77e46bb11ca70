"""A plan's code is its identity in unit files and in the ledger: a commune or ward named
as a province is (the official list has "Phường Lào Cai" in Lào Cai, "Phường Phú Thọ"
in Phú Thọ, "Phường Quảng Trị" in Quảng Trị, "Xã Thạnh Hóa" in Tây Ninh) must not have
its province's code, or a file of one plan is merged into the other's as its own."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.issuer import plan_code
from cchc_xl.master import read_master
from cchc_xl.merge import merge_returns
from cchc_xl.provinces import find_commune, find_province
from make_sample_returns import fill_return
from support.merge import _file
from support.mistakes import doing, ids, split_dir


@pytest.mark.parametrize("commune, province, code, province_code", [
    ("Phường Lào Cai", "Lào Cai", "phuong-lao-cai-2026", "lao-cai-2026"),
    ("Phường Phú Thọ", "Phú Thọ", "phuong-phu-tho-2026", "phu-tho-2026"),
    ("Phường Quảng Trị", "Quảng Trị", "phuong-quang-tri-2026", "quang-tri-2026"),
    # Another province's name, and one that differs from it only by a tone mark: a
    # code has no diacritics.
    ("Xã Tuyên Quang", "Lâm Đồng", "xa-tuyen-quang-2026", "tuyen-quang-2026"),
    ("Xã Thạnh Hóa", "Tây Ninh", "xa-thanh-hoa-2026", "thanh-hoa-2026"),
])
def test_a_commune_named_as_a_province_has_a_code_of_its_own(
        commune: str, province: str, code: str, province_code: str) -> None:
    place = find_commune(commune, province)  # a real place of the official list
    assert plan_code(f"Ủy ban nhân dân {place.in_sentence}", 2026) == code
    named = find_province(province_code.removesuffix("-2026").replace("-", " "))
    assert plan_code(f"Ủy ban nhân dân {named.in_sentence}", 2026) == province_code
    # However the letterhead writes it.
    assert plan_code(f"UBND {place.in_sentence}", 2026) == code
    assert plan_code(f"ỦY BAN NHÂN DÂN {place.name.upper()}", 2026) == code


@pytest.mark.parametrize("authority, code", [
    ("Ủy ban nhân dân phường Hạc Thành", "hac-thanh-2026"),
    ("Ủy ban nhân dân xã Hoằng Hóa", "hoang-hoa-2026"),
    ("Ủy ban nhân dân huyện Hoằng Hóa", "hoang-hoa-2026"),
    ("Ủy ban nhân dân tỉnh Thanh Hóa", "thanh-hoa-2026"),
    ("Ủy ban nhân dân thành phố Hà Nội", "ha-noi-2026"),
    ("Sở Nội vụ tỉnh Lào Cai", "snv-lao-cai-2026"),
])
def test_every_other_code_is_as_before(authority: str, code: str) -> None:
    """Plans already written keep their code; a plan imported again must find it."""
    assert plan_code(authority, 2026) == code


def test_init_gives_the_ward_and_its_province_different_codes(tmp_path: Path) -> None:
    codes = {}
    for name, args in (("ward", ["--commune", "phường Lào Cai"]),
                       ("province", ["--level", "tinh", "--province", "Lào Cai"])):
        path = tmp_path / f"{name}.xlsx"
        result = CliRunner().invoke(main, ["init", str(path), "--year", "2026", *args])
        assert result.exit_code == 0, result.output
        codes[name] = read_master(path)[0].plan.code
    assert codes == {"ward": "phuong-lao-cai-2026", "province": "lao-cai-2026"}


def test_a_province_file_merged_into_the_ward_s_plan_is_another_plan_s(
        hh_master, tmp_path: Path) -> None:
    """The province's unit file, sent by mistake to the office of the ward of the same
    name, was taken as the ward's own (both plans were "lao-cai-2023")."""
    plans = {}
    for name, authority in (("province", "Ủy ban nhân dân tỉnh Lào Cai"),
                            ("ward", "Ủy ban nhân dân phường Lào Cai")):
        master = copy.deepcopy(hh_master)
        master.plan.authority = authority
        master.plan.code = plan_code(authority, master.plan.year)
        plans[name] = master
    unit = "X10"  # a unit both plans have
    sent = split_dir(plans["province"], "9T", tmp_path / "sent", (unit,))[unit]
    returned = fill_return(sent, tmp_path / "in" / "lao-cai.xlsx",
                           {ids(plans["province"], unit)[0]: doing()})

    ward = merge_returns(plans["ward"], [returned], "9T", tmp_path / "ward" / "th.xlsx")
    refused = _file(ward, "lao-cai.xlsx")
    assert (refused["unit"], refused["outcome"]) == (None, "rejected")
    [problem] = refused["problems"]
    assert problem["code"] == "identity-other-plan"
    assert "thuộc một kế hoạch khác (mã 'lao-cai-2023')" in problem["message"]
    assert "(mã 'phuong-lao-cai-2023')" in problem["message"]

    # The province's own office takes the same file as its unit's.
    own = merge_returns(plans["province"], [returned], "9T", tmp_path / "own" / "th.xlsx")
    assert _file(own, "lao-cai.xlsx")["unit"] == unit
    assert _file(own, "lao-cai.xlsx")["outcome"] != "rejected"


def test_import_of_a_ward_s_word_plan_takes_the_ward_s_code(tmp_path: Path) -> None:
    """Import reads the letterhead "ỦY BAN NHÂN DÂN / PHƯỜNG PHÚ THỌ"; the code it gives
    is not the province's "phu-tho-2026"."""
    from cchc_xl.plan_import import import_plan
    from support.plans import plan_document

    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian hoàn thành"),
            ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
            ("1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND phường", "",
             "Quý IV/2026")]
    for place, code in (("PHƯỜNG PHÚ THỌ", "phuong-phu-tho-2026"),
                        ("TỈNH PHÚ THỌ", "phu-tho-2026")):
        source = plan_document(tmp_path / f"{code}.docx", place,
                               "Cải cách hành chính năm 2026", rows)
        result = import_plan(source, tmp_path / f"{code}.xlsx")
        assert read_master(result.path)[0].plan.code == code
