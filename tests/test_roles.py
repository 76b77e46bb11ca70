"""Roles written in a unit cell ("A chủ trì, B phối hợp") read alike by import and by a
master typed by hand in Excel (one reader: cchc_xl.roles).

A master typed with "Sở Tài chính chủ trì, Sở Nội vụ phối hợp" in its lead cell was
read otherwise than the same plan imported from Word: "Sở Tài chính chủ trì" and "Sở
Nội vụ phối hợp" were names no unit has, "phối hợp với:" and a list made a unit "với"
and its coordinators leads (a QA pass)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_import_tables import HEAD, plan_docx

from cchc_xl.master import read_master
from cchc_xl.master.layout import template_name
from cchc_xl.plan_import import import_plan
from cchc_xl.roles import split_roles
from cchc_xl.templates import template_path

COUNCIL = "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh"


def typed_master(path: Path, lead: str, support: str) -> Path:
    """The province template filled by hand, as a user types it in Excel: one task whose
    lead and coordinators cells hold ``lead`` and ``support``."""
    wb = load_workbook(template_path(template_name("tinh")))
    wb["Kế hoạch"]["B2"] = "CCHC2026"
    wb["Kế hoạch"]["B7"] = 2026
    wb["Đơn vị"].append(["PBGDPL", COUNCIL, "Phòng, ban, sở, ngành"])
    area = wb["Lĩnh vực 1"]
    area["B1"], area["B2"] = "TC", "Cải cách thể chế"
    for col, value in enumerate(["TC-01", "1", "Rà soát", "Báo cáo", lead, support or None,
                                 "Quý II/2026"], start=1):
        area.cell(6, col, value)
    wb.save(path)
    return path


def _names(master, codes: list[str]) -> list[str]:
    names = {u.code: u.name for u in master.units}
    return [names[c] for c in codes]


@pytest.mark.parametrize("lead_cell, support_cell, leads, supports", [
    ("Sở Tài chính chủ trì, Sở Nội vụ phối hợp", "", ["Sở Tài chính"], ["Sở Nội vụ"]),
    ("Sở Nội vụ chủ trì, phối hợp với:\n- Sở Tư pháp\n- Sở Tài chính", "", ["Sở Nội vụ"],
     ["Sở Tư pháp", "Sở Tài chính"]),
    ("Sở Nội vụ (chủ trì)\nSở Tư pháp", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Sở Nội vụ\n(chủ trì)", "Sở Tư pháp", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Chủ trì: Sở Tư pháp\nPhối hợp: Sở Nội vụ, Sở Tài chính", "", ["Sở Tư pháp"],
     ["Sở Nội vụ", "Sở Tài chính"]),
    ("Chủ trì: Sở Tư pháp", "Phối hợp: Sở Nội vụ, Sở Tài chính", ["Sở Tư pháp"],
     ["Sở Nội vụ", "Sở Tài chính"]),
    ("Sở Tư pháp chủ trì, phối hợp Sở Nội vụ tham mưu", "", ["Sở Tư pháp"], ["Sở Nội vụ"]),
    # A name holding the words is one name, beside a cell that says its role.
    ("Sở Tư pháp chủ trì", COUNCIL, ["Sở Tư pháp"], [COUNCIL]),
    # ... and in the cell that says the roles (a QA pass: the council was made a lead,
    # or the cell was refused and its units lost).
    (f"Sở Tư pháp (chủ trì), {COUNCIL}", "", ["Sở Tư pháp"], [COUNCIL]),
    (f"Sở Nội vụ chủ trì, phối hợp với {COUNCIL}", "", ["Sở Nội vụ"], [COUNCIL]),
    (f"Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ, {COUNCIL}", "", ["Sở Tư pháp"],
     ["Sở Nội vụ", COUNCIL]),
    # "(phối hợp)" among the coordinators says what the column says: the names after it
    # coordinate too (a QA pass: they were made leads).
    ("Sở Tư pháp", "Sở Tài chính (phối hợp), Sở Nội vụ", ["Sở Tư pháp"],
     ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tư pháp", f"{COUNCIL} (phối hợp), Sở Nội vụ", ["Sở Tư pháp"], [COUNCIL, "Sở Nội vụ"]),
    # "A phối hợp B tham mưu": what B does is no part of its name (B was lost)
    ("Sở Nội vụ phối hợp Sở Tư pháp tham mưu", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    # Among the coordinators "A phối hợp với B": both coordinate (A was made a lead).
    ("Sở Tư pháp", "Sở Tài chính phối hợp với Sở Nội vụ", ["Sở Tư pháp"],
     ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tư pháp", "Sở Tài chính phối hợp Sở Nội vụ tham mưu", ["Sở Tư pháp"],
     ["Sở Tài chính", "Sở Nội vụ"]),
    # ... read on after it (a QA pass: "Sở Nội vụ chủ trì" was one unknown name).
    ("Sở Tư pháp", "Sở Tài chính phối hợp, Sở Nội vụ chủ trì", ["Sở Tư pháp", "Sở Nội vụ"],
     ["Sở Tài chính"]),
    # The lead written again with its role among the coordinators: once (a QA pass: the
    # import named it twice).
    ("Sở Tư pháp", "Sở Tư pháp chủ trì, Sở Nội vụ", ["Sở Tư pháp"], ["Sở Nội vụ"]),
    # "... với B thực hiện": what B does is no part of its name ("Sở Tư pháp thực hiện"
    # was a name no unit has).
    ("Sở Nội vụ phối hợp với Sở Tư pháp thực hiện", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ cùng triển khai", "", ["Sở Tư pháp"],
     ["Sở Nội vụ"]),
    ("Sở Tư pháp", "Sở Tài chính phối hợp với Sở Nội vụ thực hiện", ["Sở Tư pháp"],
     ["Sở Tài chính", "Sở Nội vụ"]),
])
def test_a_typed_master_reads_roles_in_a_cell_as_import_does(tmp_path, lead_cell,
                                                             support_cell, leads, supports):
    master, found = read_master(typed_master(tmp_path / "ke-hoach.xlsx", lead_cell,
                                             support_cell))
    # ("A phối hợp B" is noted as read, not said: the next test)
    assert not [f for f in found if f.code.startswith("unit-") and f.code != "unit-roles-read"
                ], found
    (typed,) = master.deliverables()
    assert (_names(master, typed.lead), _names(master, typed.support)) == (leads, supports)
    # The same cells in a Word plan, imported.
    rows = [HEAD, ["1", "Rà soát", "Báo cáo", lead_cell, support_cell, "Quý II/2026"]]
    imported = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx").master
    (d,) = imported.deliverables()
    assert (_names(imported, d.lead), _names(imported, d.support)) == (leads, supports)


def test_a_typed_master_notes_the_roles_it_reads_rather_than_is_told(tmp_path):
    """ "A phối hợp B": A leads, B coordinates, as import reads it; said in a note, as
    import says it."""
    master, found = read_master(typed_master(tmp_path / "ke-hoach.xlsx",
                                             "Sở Tài chính phối hợp Sở Nội vụ", ""))
    (typed,) = master.deliverables()
    assert (_names(master, typed.lead), _names(master, typed.support)) == (
        ["Sở Tài chính"], ["Sở Nội vụ"])
    (note,) = [f for f in found if f.code == "unit-roles-read"]
    assert (note.severity, note.cell, note.task) == ("note", "E6", "TC-01")
    assert "'Sở Tài chính phối hợp Sở Nội vụ' được hiểu là đơn vị đầu chủ trì" in note.message
    assert split_roles("Sở Tài chính phối hợp Sở Nội vụ", "")[2]  # import notes it too


@pytest.mark.parametrize("lead_cell, leads, supports", [
    # "(phối hợp)" then "(chủ trì)": each name its own role (was "Sở Tư pháp (chủ trì)").
    ("Sở Nội vụ (phối hợp), Sở Tư pháp (chủ trì)", ["Sở Tư pháp"], ["Sở Nội vụ"]),
    # Names listed under a head word keep it after the bracket.
    ("Các sở: Nội vụ (chủ trì), Tư pháp", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    # "A chủ trì, phối hợp với B" of any A, as the master read it before.
    ("Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Tư pháp", ["Văn phòng UBND tỉnh"],
     ["Sở Tư pháp"]),
    # Labels naming the lead another way ("Cơ quan thực hiện:") in the coordinators cell.
    ("Sở Nội vụ", ["Sở Nội vụ", "Sở Y tế"], []),
])
def test_forms_the_master_read_before_read_alike(tmp_path, lead_cell, leads, supports):
    support = "Cơ quan thực hiện: Sở Y tế" if lead_cell == "Sở Nội vụ" else ""
    master, found = read_master(typed_master(tmp_path / "ke-hoach.xlsx", lead_cell, support))
    assert not [f for f in found if f.code.startswith("unit-")], found
    (typed,) = master.deliverables()
    assert (_names(master, typed.lead), _names(master, typed.support)) == (leads, supports)


def test_a_name_in_both_cells_is_written_once():
    """The lead written again, with its role, among the coordinators ("Sở Tư pháp" then
    "Sở Tư pháp chủ trì, Sở Nội vụ"): the imported plan table's lead cell named it twice
    (a QA pass)."""
    assert split_roles("Sở Tư pháp", "Sở Tư pháp chủ trì, Sở Nội vụ") == (
        "Sở Tư pháp", "Sở Nội vụ", [])
    assert split_roles("Sở Tư pháp", "Sở Nội vụ phối hợp, sở tư  pháp chủ trì")[0] == \
        "Sở Tư pháp"


def test_what_a_coordinator_does_is_left_out_but_a_body_s_name_is_kept():
    """ "… phối hợp với Sở Nội vụ thực hiện": Sở Nội vụ; a body named for what it steers
    keeps its name, at the end of the cell too (reading "thực hiện" as what was done broke
    "Ban Chỉ đạo thực hiện …" before)."""
    assert split_roles("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ thực hiện", "")[:2] == (
        "Sở Tư pháp", "Sở Nội vụ")
    assert split_roles("Sở Tư pháp chủ trì, phối hợp với Ban Chỉ đạo thực hiện", "")[:2] == (
        "Sở Tư pháp", "Ban Chỉ đạo thực hiện")
    assert split_roles("Sở Tư pháp chủ trì, phối hợp với Ban Chỉ đạo thực hiện Đề án 06",
                       "")[:2] == ("Sở Tư pháp", "Ban Chỉ đạo thực hiện Đề án 06")


@pytest.mark.parametrize("support", ["Các sở, ban, ngành liên quan",
                                     "các sở, ban, ngành liên quan", "Các sở, ngành liên quan"])
def test_the_province_template_reads_the_relevant_departments_as_the_open_group(tmp_path,
                                                                                 support):
    """ "Các sở, ban, ngành liên quan", as province plans write it, was an error in a plan
    typed into the province template ("không tìm thấy đơn vị hay nhóm"): the open group,
    nobody assigned, as the import and docs/master-format.md read it (a QA pass)."""
    master, found = read_master(typed_master(tmp_path / "ke-hoach.xlsx", "Sở Tư pháp",
                                             support))
    # (the typed plan names no authority: plan-field-missing, not this test's)
    assert not [f for f in found if f.severity == "error" and f.code != "plan-field-missing"]
    assert [f.code for f in found if f.cell == "F6"] == ["group-open"]
    (d,) = master.deliverables()
    assert (_names(master, d.lead), d.support) == (["Sở Tư pháp"], [])
