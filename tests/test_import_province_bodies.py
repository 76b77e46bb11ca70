"""cchc-xl import of a province's 2026 plan naming the bodies every province has since
the 2025 reorganisation that the province template does not list: the office of the
National Assembly delegation and the People's Council, a sở only some provinces kept
(Sở Ngoại vụ), the central offices in the province as they were renamed in 2025 (a
province-scale QA pass of Phú Thọ's 2026 plan).

Each document is built here with python-docx, small.
"""

from __future__ import annotations

import pytest
from test_import_tables import HEAD, plan_docx

from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan

LETTERHEAD = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ", "KẾ HOẠCH", "Cải cách hành chính năm 2026")
_OFFICE = "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"


def _province_plan(tmp_path, leads: list[str]):
    """Phú Thọ's plan, a task for each lead cell, imported as the CLI does with
    ``--province "Phú Thọ"``: the master as written, and the import's findings."""
    rows = [HEAD, *[[str(k), f"Việc {k}", "Báo cáo", lead, "", "Quý II/2026"]
                    for k, lead in enumerate(leads, 1)]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows, lines=LETTERHEAD),
                         tmp_path / "ke-hoach.xlsx", province="Phú Thọ")
    return load_master(result.path), result.findings


@pytest.mark.parametrize("written", [
    [_OFFICE, "Văn phòng Đoàn ĐBQH và HĐND tỉnh"],
    ["Văn phòng Đoàn ĐBQH và HĐND tỉnh", _OFFICE],
    ["Văn phòng Đoàn ĐBQH&HĐND tỉnh", "VP Đoàn ĐBQH và HĐND tỉnh"]])
def test_the_office_of_the_delegation_and_the_council_is_one_unit_of_no_department(
        tmp_path, written):
    """It was split at "và" into "Văn phòng Đoàn đại biểu Quốc hội", a department that
    took every task of "Các sở, ban, ngành", and "Hội đồng nhân dân tỉnh"; written short
    it was another unit again. One office, kind 'Khác' (it serves the council, as the
    Party's offices serve theirs: none of the committee's sở, ban, ngành)."""
    master, _ = _province_plan(tmp_path, [*written, "Các sở, ban, ngành"])
    names = {u.code: u for u in master.units if u.kind != "commune"}
    first, second, every = master.deliverables()
    assert first.lead == second.lead and len(first.lead) == 1
    office = names[first.lead[0]]
    assert office.kind == "other"
    assert "Hội đồng nhân dân tỉnh" not in [u.name for u in names.values()]
    assert office.code not in every.lead
    assert [u.name for u in names.values() if "Quốc hội" in u.name
            or "ĐBQH" in u.name] == [office.name]


def _added(findings) -> dict[str, str]:
    """The message of each unit the import added, by the name the plan writes."""
    return {f.message.split("'")[1]: f.message for f in findings
            if f.code == "import-unit-added"}


def test_a_real_department_is_never_guessed_a_typo_of_another(tmp_path):
    """ "Sở Ngoại vụ" (kept by some provinces in 2025, not in the province template) was
    added with "có phải đơn vị 'Sở Nội vụ'?": alike as a typo is (0.9, diacritics left
    out), a user acting on it merged two departments. A word in place of another is no
    typo; "Sở Noi vu", typed without diacritics, is still asked about, and as "Sở Nội
    vụ", not as the "Sở Ngoại vụ" now known (it was)."""
    master, findings = _province_plan(tmp_path, ["Sở Ngoại vụ", "Sở Noi vu", "Sở Tư phpá",
                                                 "Sở Xây dựg"])
    added = _added(findings)
    assert "có phải" not in added["Sở Ngoại vụ"]
    assert "'Sở Nội vụ'" not in added["Sở Ngoại vụ"]
    assert "kiểm tra tên, loại ở trang 'Đơn vị'" in added["Sở Ngoại vụ"]
    for typed, meant in [("Sở Noi vu", "Sở Nội vụ"), ("Sở Tư phpá", "Sở Tư pháp"),
                         ("Sở Xây dựg", "Sở Xây dựng")]:
        assert f"có phải đơn vị '{meant}'? Nếu đúng, xóa dòng" in added[typed]
    assert "Sở Ngoại vụ" in [u.name for u in master.units]


@pytest.mark.parametrize("name, kind", [
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "other"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "other"),
    ("Văn phòng HĐND tỉnh", "other"),  # the council's office before 2025
    # the committee's office, a commune's main one: a department, as before
    ("Văn phòng HĐND và UBND xã", "department"),
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường", "department"),
    ("Văn phòng HĐND - UBND phường", "department"),
    ("Văn phòng UBND tỉnh", "department")])
def test_the_councils_office_is_not_one_of_the_committees_departments(name, kind):
    """The kind the 'Đơn vị' sheet gives an office a plan adds: a council's is 'Khác', so
    that "Các sở, ban, ngành" does not give it their work."""
    from cchc_xl.plan_import.kinds import guess_kind

    assert guess_kind(name) == kind


@pytest.mark.parametrize("first, then", [
    ("Bảo hiểm xã hội tỉnh", "BHXH tỉnh"),
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("Kho bạc Nhà nước khu vực VIII", "KBNN khu vực VIII"),
    ("Thuế tỉnh Phú Thọ", "Thuế tỉnh"),
    ("Bộ Chỉ huy Quân sự tỉnh Phú Thọ", "Bộ Chỉ huy Quân sự tỉnh")])
def test_a_central_office_written_two_ways_is_one_unit(tmp_path, first, then):
    """The central offices in the province, none in the template: "BHXH tỉnh" beside
    "Bảo hiểm xã hội tỉnh", "KBNN" beside "Kho bạc Nhà nước", "Thuế tỉnh" after "Thuế
    tỉnh Phú Thọ" (in Phú Thọ's plan) were each a second unit with a file of its own,
    the office's work split between the two."""
    master, _ = _province_plan(tmp_path, [first, then])
    one, other = master.deliverables()
    assert one.lead == other.lead and len(one.lead) == 1
    (unit,) = [u for u in master.units if u.code == one.lead[0]]
    assert unit.kind == "other"
    assert len([u for u in master.units if u.kind != "commune"]) == 16  # the template's 15


@pytest.mark.parametrize("cell, names", [
    ("Thuế tỉnh, BHXH tỉnh, KBNN khu vực VIII",
     ["Thuế tỉnh", "Bảo hiểm xã hội tỉnh", "Kho bạc Nhà nước khu vực VIII"]),
    ("Sở Ngoại vụ, VP Đoàn ĐBQH và HĐND tỉnh",
     ["Sở Ngoại vụ", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"]),
    ("Tỉnh đoàn, UBMTTQ tỉnh", ["Tỉnh đoàn", "Ủy ban Mặt trận Tổ quốc tỉnh"])])
def test_an_unknown_name_written_short_after_a_comma_is_a_unit_of_its_own(tmp_path, cell,
                                                                           names):
    """ "Thuế tỉnh, BHXH tỉnh" (neither in the template) was one unit "Thuế tỉnh, Bảo
    hiểm xã hội tỉnh" with one file for both: a name opening with an abbreviation ("BHXH",
    "KBNN", "VP", "UBMTTQ") was not seen to open a name."""
    master, _ = _province_plan(tmp_path, [cell])
    (task,) = master.deliverables()
    by_code = {u.code: u.name for u in master.units}
    assert [by_code[c] for c in task.lead] == names


def test_a_body_merged_in_2025_is_noted_when_a_2026_plan_names_it(tmp_path):
    """Phú Thọ's 2026 plan giving work to "Đài Phát thanh và Truyền hình tỉnh" (merged in
    2025 with the province's newspaper) added the unit with no word of it: the import
    says so with the check's note (merged_bodies), the body's unit still added; Sở Ngoại
    vụ, which some provinces kept, gets none."""
    master, findings = _province_plan(tmp_path, ["Đài Phát thanh và Truyền hình tỉnh",
                                                 "Sở Ngoại vụ"])
    (note,) = [f for f in findings if f.code == "unit-merged"]
    assert note.severity == "note" and note.message.startswith(
        "'Đài Phát thanh và Truyền hình tỉnh' (mã PTTH): kế hoạch năm 2026, nhưng Đài Phát "
        "thanh và Truyền hình đã hợp nhất với báo của tỉnh thành Báo và Phát thanh, Truyền "
        "hình tỉnh từ năm 2025")
    assert "Đài Phát thanh và Truyền hình tỉnh" in [u.name for u in master.units]
