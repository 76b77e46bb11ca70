"""cchc-xl import and check of unit names whose words join parts with " - ", "," or "và",
or hold a word a commune's name opens with ("Sở Lao động - Thương binh và Xã hội"):
one unit, not a unit and a commune "Xã hội" (a QA pass); and lists of names ("Sở Nội
vụ, Sở Tư pháp và UBND các xã, phường"), which still split.

Each plan is built here with python-docx, as a 2023 district wrote it (no unit list) and as
a province writes it in 2026 (``--province``); each table typed as ``init`` makes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_import_tables import HEAD, plan_docx

from cchc_xl.cli import main
from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan
from support.plans import typed_plan

# Real names: one body each, whatever their " - ", "," and "và".
ONE_BODY = ["Sở Lao động - Thương binh và Xã hội", "Phòng Lao động - Thương binh và Xã hội",
            "Phòng Văn hóa - Xã hội",
            "Sở Văn hóa, Thể thao và Du lịch", "Sở Nông nghiệp và Môi trường",
            "Phòng Kinh tế, Hạ tầng và Đô thị", "Trung tâm Văn hóa - Thông tin và Thể thao",
            "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Sở Dân tộc và Tôn giáo",
            "Trung tâm Y tế - Dân số"]
PLANS = {
    "district-2023": (("ỦY BAN NHÂN DÂN\nHUYỆN HOẰNG HÓA", "KẾ HOẠCH",
                       "Cải cách hành chính năm 2023"), None),
    "province-2026": (("ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA", "KẾ HOẠCH",
                       "Cải cách hành chính năm 2026"), "Thanh Hóa"),
}


def _imported(tmp_path: Path, plan: str, cells: list[tuple[str, str]]):
    """The plan ``plan`` (PLANS) with a task for each (lead, coordinators) cell pair,
    imported as the CLI does: the master as written."""
    lines, province = PLANS[plan]
    rows = [HEAD, *[[str(k), f"Việc {k}", "Báo cáo", lead, support, "Quý II"]
                    for k, (lead, support) in enumerate(cells, 1)]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows, lines=lines),
                         tmp_path / "ke-hoach.xlsx", province=province)
    return load_master(result.path)


def _named(master, codes: list[str]) -> list[str]:
    names = {u.code: u.name for u in master.units}
    return [names[c] for c in codes]


@pytest.mark.parametrize("plan", PLANS)
def test_a_name_joined_with_dashes_and_and_is_one_unit(tmp_path, plan):
    """"Sở Lao động - Thương binh và Xã hội" was split at "và" into a department "Sở Lao
    động - Thương binh" and a commune "Xã hội" (code X01), which got a file of its own and
    its share of every commune's work. Each name is one unit, lead or coordinator."""
    master = _imported(tmp_path, plan, list(zip(ONE_BODY, ONE_BODY[::-1], strict=True)))
    got = [(_named(master, d.lead), _named(master, d.support)) for d in master.deliverables()]
    assert got == [([lead], [support]) for lead, support in
                   zip(ONE_BODY, ONE_BODY[::-1], strict=True)]
    names = [u.name for u in master.units]
    assert not [n for n in names if n.startswith(("Xã hội", "Thương binh"))]
    assert "Sở Lao động - Thương binh" not in names
    communes = [u.name for u in master.units if u.kind == "commune"]
    assert all(n.startswith(("Xã ", "Phường ")) for n in communes)
    assert len(communes) == (0 if plan == "district-2023" else 166)


@pytest.mark.parametrize("plan", PLANS)
def test_a_list_of_names_still_splits(tmp_path, plan):
    """A list of names joined with "," and "và" gives each its own unit; a group at its
    end is a group. Unknown to the plan's list (a 2023 district's plan has none), "Sở Nội
    vụ, Sở Tư pháp và UBND các xã, phường" was one unit under the whole text (leading) or
    one group of every department and commune (coordinating)."""
    cells = [("Sở Nội vụ, Sở Tư pháp và UBND các xã, phường", "Sở Nội vụ"),
             ("Văn phòng UBND tỉnh", "Sở Nội vụ, Sở Tư pháp và UBND các xã, phường"),
             ("Sở Y tế và Sở Lao động - Thương binh và Xã hội", ""),
             ("Sở Văn hóa, Thể thao và Du lịch, Sở Nông nghiệp và Môi trường", "")]
    master = _imported(tmp_path, plan, cells)
    first, second, third, fourth = master.deliverables()
    communes = [u.name for u in master.units if u.kind == "commune"]
    assert _named(master, first.lead) == ["Sở Nội vụ", "Sở Tư pháp", *communes]
    assert first.lead == second.support
    assert _named(master, third.lead) == ["Sở Y tế", "Sở Lao động - Thương binh và Xã hội"]
    assert _named(master, fourth.lead) == ["Sở Văn hóa, Thể thao và Du lịch",
                                           "Sở Nông nghiệp và Môi trường"]
    groups = {g.name: g for g in master.groups}
    if plan == "district-2023":
        assert groups["UBND các xã, phường"].kinds == ["commune"]
        assert not [n for n in [*groups, *(u.name for u in master.units)] if "Sở Nội vụ, " in n]


def _ward(tmp_path: Path, cells: list[str]):
    """Phường Hạc Thành's 2026 plan, a task led by each cell, imported."""
    lines = ("UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", "KẾ HOẠCH",
             "Cải cách hành chính năm 2026")
    rows = [HEAD, *[[str(k), f"Việc {k}", "Báo cáo", lead, "", "Quý II"]
                    for k, lead in enumerate(cells, 1)]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows, lines=lines),
                         tmp_path / "ke-hoach.xlsx")
    return load_master(result.path), result.findings


def test_a_name_whose_part_after_a_dash_is_no_unit_is_one_name(tmp_path):
    """"Phòng Kinh tế - Hạ tầng" in a ward's plan whose list knows "Phòng Kinh tế": the
    office and a unit "Hạ tầng" (kind 'Khác') were added, so "Phòng Văn hóa - Xã hội -
    Thể thao" gave "Thể thao". One name each, added for the user to confirm."""
    written = ["Phòng Kinh tế - Hạ tầng", "Phòng Văn hóa - Xã hội - Thể thao"]
    master, findings = _ward(tmp_path, written)
    assert [_named(master, d.lead) for d in master.deliverables()] == [[n] for n in written]
    added = [f.message.split("'")[1] for f in findings if f.code == "import-unit-added"]
    assert added == written


def _typed(tmp_path: Path, init: list[str], leads: list[str]) -> dict[str, str]:
    """A plan table from ``init`` with a task for each lead typed in its first area sheet;
    what ``cchc-xl check`` says of each cell ("E6")."""
    path = typed_plan(tmp_path / "ke-hoach.xlsx", init, leads)
    done = CliRunner().invoke(main, ["check", str(path)])
    assert done.exit_code in (0, 1), done.output
    return {line.split(", ô ")[1].split(":")[0]: line.split(": ", 1)[1]
            for line in done.output.splitlines() if ", ô " in line}


def _unknown(said: str) -> str:
    """The name check says it does not know."""
    return said.split("'")[1] if said.startswith("không tìm thấy") else ""


def test_check_names_a_dashed_name_it_does_not_know_whole(tmp_path):
    """A ward's table typed by hand: check took "Phòng Kinh tế - Hạ tầng" for the
    ward's Phòng Kinh tế and an unknown "Hạ tầng" (the task went to the office, and the
    message named a word, not the name written). Now it names the name; a list of known
    names is known."""
    said = _typed(tmp_path, ["--commune", "phường Hạc Thành", "--province", "Thanh Hóa",
                             "--year", "2026"],
                  ["Phòng Kinh tế - Hạ tầng", "Phòng Văn hóa - Xã hội - Thể thao",
                   "Sở Lao động - Thương binh và Xã hội", "Phòng Văn hóa - Xã hội",
                   "Phòng Văn hóa - Xã hội, Phòng Kinh tế, Hạ tầng và Đô thị"])
    assert [_unknown(said.get(f"E{r}", "")) for r in range(6, 11)] == [
        "Phòng Kinh tế - Hạ tầng", "Phòng Văn hóa - Xã hội - Thể thao",
        "Sở Lao động - Thương binh và Xã hội", "", ""]


def test_check_knows_a_list_of_a_provinces_units_and_group(tmp_path):
    """A province's table: "Sở Nội vụ, Sở Tư pháp và UBND các xã, phường" names two
    departments and the communes' group; "Sở Lao động - Thương binh và Xã hội", no longer a
    department since 2025, is named whole."""
    said = _typed(tmp_path, ["--level", "tinh", "--province", "Thanh Hóa", "--year", "2026"],
                  ["Sở Nội vụ, Sở Tư pháp và UBND các xã, phường",
                   "Sở Y tế và Sở Lao động - Thương binh và Xã hội"])
    assert "E6" not in said
    assert _unknown(said["E7"]) == "Sở Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize("kind", ["PHƯỜNG HẠC THÀNH", "XÃ HOẰNG HÓA"])
def test_a_former_district_office_asks_for_the_commune_s_successor(tmp_path, kind):
    """"Phòng Kinh tế - Hạ tầng", a district's office before 1 July 2025, in a ward's or
    commune's plan whose list knows "Phòng Kinh tế" (a ward's "Phòng Kinh tế, Hạ tầng và
    Đô thị" as another spelling): it was added as a new unit asking nothing, while "Phòng
    Kinh te" was asked "có phải đơn vị 'Phòng Kinh tế'?". It is still added whole (one
    unit, no "Hạ tầng"), and the import asks, naming the file and the row."""
    lines = (f"UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\n{kind}", "KẾ HOẠCH",
             "Cải cách hành chính năm 2026")
    rows = [HEAD, ["1", "Việc 1", "Báo cáo", "Phòng Kinh tế - Hạ tầng", "", "Quý II"]]
    source = plan_docx(tmp_path / "kh.docx", rows, lines=lines)
    done = CliRunner().invoke(main, ["import", str(source), "--out",
                                     str(tmp_path / "ke-hoach.xlsx")])
    assert done.exit_code in (0, 1), done.output
    said = [line for line in done.output.splitlines()
            if "'Phòng Kinh tế - Hạ tầng' chưa có" in line]
    assert len(said) == 1 and f"{source}, bảng 1, dòng 2:" in said[0], done.output
    assert ("có phải đơn vị 'Phòng Kinh tế'? Nếu đúng, xóa dòng KTHT ở trang 'Đơn vị' và ghi "
            "'Phòng Kinh tế - Hạ tầng' vào cột 'Tên gọi khác' của đơn vị đó") in said[0]
    master = load_master(tmp_path / "ke-hoach.xlsx")
    assert _named(master, master.deliverables()[0].lead) == ["Phòng Kinh tế - Hạ tầng"]


def test_check_asks_for_the_ward_s_successor_of_a_former_office(tmp_path):
    """A ward's table typed by hand (its office named "Phòng Kinh tế, Hạ tầng và Đô
    thị"): check asked about "Phòng Kinh tế - Hạ tầng" by likeness, but nothing of "Phòng
    Kinh tế và Hạ tầng xã" or "Phòng Quản lý đô thị", former offices the ward's took
    over; each now asks for it by its name in the list."""
    said = _typed(tmp_path, ["--commune", "phường Hạc Thành", "--province", "Thanh Hóa",
                             "--year", "2026"],
                  ["Phòng Kinh tế - Hạ tầng", "Phòng Kinh tế và Hạ tầng xã",
                   "Phòng Quản lý đô thị"])
    for cell in ("E6", "E7", "E8"):
        assert said[cell].endswith("Có phải: Phòng Kinh tế, Hạ tầng và Đô thị?"), said[cell]
