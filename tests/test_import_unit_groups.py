"""cchc-xl import of the groups of units 2026 plans give work to: "UBND các phường" in a
province of wards, communes and special zones is its wards, not every commune (a QA
pass: Quảng Ninh's 30 phường, 22 xã and 2 đặc khu were all given the wards' task, each xã
a file with a row it had no part in); "Sở, ban, ngành" without its "Các" is the group of
the sở (it was a unit of its own, given a file).

Each document is built here with python-docx (tests/support/plans.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_xl.model import Master
from cchc_xl.plan_import import import_plan
from cchc_xl.unit_names import commune_kind
from support.plans import plan_document

HEAD = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
        "Thời gian hoàn thành"]


def _plan(tmp_path: Path, rows: list[list[str]]) -> tuple[Master, list]:
    """Quảng Ninh's 2026 plan with ``rows`` (its communes from the official list, as the
    import gives a province's plan without a unit list)."""
    document = plan_document(tmp_path / "kh.docx", "TỈNH QUẢNG NINH",
                             "Cải cách hành chính tỉnh Quảng Ninh năm 2026",
                             [HEAD, ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""], *rows],
                             number="20/KH-UBND",
                             dated="Quảng Ninh, ngày 15 tháng 01 năm 2026")
    result = import_plan(document, tmp_path / "ke-hoach.xlsx")
    return result.master, result.findings


def _leads(master: Master) -> list[set[str]]:
    return [set(t.deliverables[0].lead) for a in master.areas for t in a.tasks]


def _of_kind(master: Master, *kinds: str) -> set[str]:
    return {u.code for u in master.units if commune_kind(u) in kinds}


def test_a_group_of_the_wards_gives_the_work_to_the_wards_alone(tmp_path):
    master, findings = _plan(tmp_path, [
        ["1", "Rà soát TTHC lĩnh vực đô thị", "Báo cáo", "Các sở, ban, ngành; UBND các phường",
         "Sở Tư pháp", "Trước 30/10/2026"],
        ["2", "Chỉnh trang đô thị", "Báo cáo", "Các phường", "Sở Xây dựng", "Quý IV/2026"],
        ["3", "Giải quyết TTHC trực tuyến", "Báo cáo", "UBND các xã, phường, đặc khu",
         "Văn phòng UBND tỉnh", "Quý III/2026"],
    ])
    wards, communes = _of_kind(master, "phường"), _of_kind(master, "xã", "phường", "đặc khu")
    assert len(wards) == 30 and len(communes) == 54  # the official list's
    departments = {g.code: g for g in master.groups}["SBN"]
    first, second, third = _leads(master)
    assert first - wards and not first & (communes - wards)  # the sở, and the wards
    assert wards <= first
    assert second == wards  # "Các phường" another spelling of the same group
    assert third == communes
    (group,) = [g for g in master.groups if g.name == "UBND các phường"]
    assert set(group.members) == wards and not group.kinds
    assert group.spellings == ["Các phường"]
    said = [f for f in findings if f.code == "import-group-added"]
    assert [f.place for f in said] == ["bảng 1, dòng 3", "bảng 1, dòng 4"]
    assert said[0].message == (
        f"'UBND các phường' chưa có trong danh sách: đã thêm nhóm mã {group.code}, gồm 30 "
        "phường (không gồm các xã, đặc khu; các đơn vị ghi ở cột 'Gồm các đơn vị' trang "
        "'Nhóm'); nếu việc này giao cho mọi xã, phường, đặc khu, ghi 'UBND các xã, phường, "
        "đặc khu' vào ô rồi nhập lại")
    assert said[1].message.startswith(
        f"'Các phường' chưa có trong danh sách: ghi là cách viết khác của nhóm 'UBND các "
        f"phường' (mã {group.code}), gồm 30 phường")
    assert departments.code not in group.members


@pytest.mark.parametrize("written, kinds", [
    ("UBND các xã", ("xã",)),
    ("UBND các xã và đặc khu", ("xã", "đặc khu")),
    ("Công an các phường", ("phường",)),
])
def test_the_communes_of_the_kinds_written(tmp_path, written, kinds):
    master, _ = _plan(tmp_path, [["1", "Rà soát", "Báo cáo", written, "", "Quý IV/2026"]])
    (lead,) = _leads(master)
    assert lead == _of_kind(master, *kinds)


@pytest.mark.parametrize("written", ["UBND cấp xã", "UBND các xã, thị trấn",
                                     "Các tổ chức chính trị - xã hội"])
def test_a_level_a_kind_no_commune_has_or_no_kind_is_not_a_group_of_kinds(tmp_path, written):
    """"UBND cấp xã" is every commune (the level); "UBND các xã, thị trấn" in a plan of
    2026 copied from an earlier year's (no thị trấn since July 2025) every commune, as
    before; the "xã" of "xã hội" names no commune."""
    master, findings = _plan(tmp_path, [["1", "Rà soát", "Báo cáo", written, "", "Quý IV/2026"]])
    (lead,) = _leads(master)
    communes = _of_kind(master, "xã", "phường", "đặc khu")
    if "xã hội" in written:  # the mass organisations: made a unit to lead (a warning says)
        assert lead and not lead & communes
    else:
        assert lead == communes
    assert not [g for g in master.groups if g.members and set(g.members) <= communes]
    assert not any("không gồm các" in f.message for f in findings)


@pytest.mark.parametrize("place, written, group", [
    ("TỈNH QUẢNG NINH", "Sở, ban, ngành", "SBN"),
    ("TỈNH QUẢNG NINH", "Sở, ngành", "SBN"),
    ("XÃ HOẰNG HÓA", "Phòng, ban chuyên môn", "PB"),
])
def test_a_group_written_without_its_các_is_the_group(tmp_path, place, written, group):
    """"Sở, ban, ngành và UBND các xã, phường": the group of the sở and every commune."""
    document = plan_document(tmp_path / "kh.docx", place, "Cải cách hành chính năm 2026", [
        HEAD, ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""],
        ["1", "Liên thông TTHC", "Báo cáo", f"{written} và Văn phòng UBND", "", "Năm 2026"]],
        number="20/KH-UBND", dated="ngày 15 tháng 01 năm 2026")
    result = import_plan(document, tmp_path / "ke-hoach.xlsx")
    master = result.master
    groups = {g.code: g for g in master.groups}
    assert written in groups[group].spellings
    (lead,) = _leads(master)
    members = {u.code for u in master.units if u.kind in groups[group].kinds
               or u.code in groups[group].members}
    assert members and members <= lead
    assert not [u for u in master.units if u.name == written]
    (said,) = [f for f in result.findings if written in f.message]
    assert (said.code, said.severity) == ("import-group-added", "note")
    assert said.message.endswith(f"ghi là cách viết khác của nhóm '{groups[group].name}' "
                                 f"(mã {group})")
