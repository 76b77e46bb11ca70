"""cchc-xl import of a commune's plan: the codes of the units it adds, and its group of
boards, sectors and mass organisations ("Các ban, ngành, đoàn thể xã")."""

from __future__ import annotations

import json

import pytest
from test_import_plan import _heading_doc
from test_import_unit_cells import (
    COMMUNE,
    COMMUNE_PVHCC,
    COMMUNE_QS,
    COMMUNE_VP,
    WARD,
    WARD_KT,
    WARD_PVHCC,
    WARD_QS,
    WARD_VP,
    _named_leads,
)

from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan


def _commune_plan(tmp_path, rows, left=COMMUNE):
    """A commune's plan of ``rows`` imported: the master as load_master reads it, and
    the import's findings."""
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=left, rows=rows),
                         tmp_path / "m.xlsx")
    return load_master(result.path), result.findings


def test_an_acronym_in_a_units_name_gives_its_code_whole(tmp_path):
    """ "Trường THCS thị trấn Bút Sơn" got the code "T" (THCS gave one letter, the place
    none): the acronym whole and the place's initials, still one code per unit."""
    schools = ["Trường THCS thị trấn Bút Sơn", "Trường THCS xã Hoằng Lộc",
               "Trường THCS Bắc Sơn", "Ủy ban MTTQ xã"]
    master, _ = _commune_plan(tmp_path, [
        [str(k), f"Tuyên truyền {k}", "Bài viết", name, "", "Quý II/2026"]
        for k, name in enumerate(schools, 1)])
    codes = {u.name: u.code for u in master.units}
    # Bắc Sơn beside Bút Sơn: THCSBAS (it was THCSBS2, read as a second Bút Sơn)
    assert [codes[n] for n in schools[:3]] == ["THCSBS", "THCSHL", "THCSBAS"]
    assert codes["Ủy ban Mặt trận Tổ quốc xã"] == "UBMTTQ"
    assert len(set(codes.values())) == len(codes)


@pytest.mark.parametrize("left, kind", [(COMMUNE, "xã"), (WARD, "phường")])
def test_the_communes_boards_and_mass_organisations_are_a_group_of_their_own(tmp_path, left,
                                                                             kind):
    """ "Các ban, ngành, đoàn thể xã" was another spelling of "Các phòng chuyên môn": the
    Trung tâm, the police, the military command and the Front got none of its work. It
    is its own group: every body of the commune the plan lists (the Front named in a
    later row too), not its committee, which gives the work."""
    cell = f"Các ban, ngành, đoàn thể {kind}"
    master, findings = _commune_plan(tmp_path, [
        ["1", "Tuyên truyền cải cách hành chính", "Tin bài", cell, "", "Quý II/2026"],
        ["2", "Giám sát", "Báo cáo", f"Ủy ban MTTQ {kind}", f"Đoàn Thanh niên {kind}",
         "Quý IV/2026"],
        ["3", "Rà soát", "Báo cáo", "Các phòng chuyên môn", f"UBND {kind}", "Quý IV/2026"]],
        left=left)
    told, _, reviewed = _named_leads(master)
    vp, kt, pvhcc, qs = ((WARD_VP, WARD_KT, WARD_PVHCC, WARD_QS) if left == WARD else
                         (COMMUNE_VP, "Phòng Kinh tế", COMMUNE_PVHCC, COMMUNE_QS))
    assert told == [vp, kt, "Phòng Văn hóa - Xã hội", pvhcc, master.units[4].name, qs,
                    f"Ủy ban Mặt trận Tổ quốc {kind}", f"Đoàn Thanh niên {kind}"]
    assert master.units[4].name.startswith("Công an")
    assert reviewed == [vp, kt, "Phòng Văn hóa - Xã hội"]
    (group,) = [g for g in master.groups if g.name == cell]
    assert group.kinds == ["department"] and "Mặt trận Tổ quốc" in group.note
    (said,) = [f for f in findings if f.code == "import-group-added" and cell in f.message]
    assert "cách viết khác" not in said.message


def test_a_short_name_the_plan_gives_in_brackets_is_the_code():
    """ "Trung tâm Y tế (TTYT) huyện" got "TTYTTT": its initials and the short name
    after them. The plan's own short name is the code; a bracket of words is not one."""
    from cchc_xl.plan_import.unit_codes import unit_code

    assert unit_code("Trung tâm Y tế (TTYT) huyện", "other", set()) == "TTYT"
    assert unit_code("Trung tâm Y tế (TTYT) huyện", "other", {"TTYT"}) == "TTYT2"
    assert unit_code("Phòng Nội vụ (trước đây)", "other", set()) == "NVTD"


def test_a_council_is_no_association_in_its_code():
    """ "Hội đồng nhân dân xã" got "DND": "Hội" was dropped as an association's head word
    ("Hội Nông dân" -> ND)."""
    from cchc_xl.plan_import.unit_codes import unit_code

    assert unit_code("Hội đồng nhân dân xã", "other", set()) == "HDND"
    assert unit_code("Hội Nông dân xã", "other", set()) == "ND"


def test_a_health_station_after_a_school_is_a_unit_of_its_own(tmp_path):
    """ "Trường THCS thị trấn Bút Sơn, Trạm Y tế xã" was added as one unit: "Trạm" did
    not open a unit's name, so the comma was taken for part of the school's."""
    master, _ = _commune_plan(tmp_path, [
        ["1", "Tuyên truyền", "Bài viết", "Trường THCS thị trấn Bút Sơn, Trạm Y tế xã", "",
         "Quý II/2026"]])
    leads = {master.unit(c).name for d in master.deliverables() for c in d.lead}
    assert leads == {"Trường THCS thị trấn Bút Sơn", "Trạm Y tế xã"}


@pytest.mark.parametrize("made", ["import", "init"])
def test_the_plan_sheets_return_to_example_is_no_districts_office(tmp_path, made):
    """The plan sheet's hint beside "Nơi nhận báo cáo" read "ví dụ: Phòng Nội vụ, …
    noivu@thanhhoa.gov.vn" in a commune's plan table, imported from its Word plan or
    made blank: a district's office, gone since 1 July 2025 (a QA pass of a commune's
    year). It names the offices that collect the reports now."""
    from openpyxl import load_workbook

    from cchc_xl.master.write import init_master

    if made == "import":
        path = import_plan(_heading_doc(tmp_path / "kh.docx", left=COMMUNE),
                           tmp_path / "m.xlsx").path
    else:
        path = init_master(tmp_path / "m.xlsx", 2026, "xa", commune="Hoằng Hóa")
    (hint,) = [row[2] for row in load_workbook(path)["Kế hoạch"].iter_rows(values_only=True)
               if row[0] == "Nơi nhận báo cáo"]
    assert "Phòng Nội vụ" not in hint and "noivu" not in hint, hint
    assert "ví dụ: Văn phòng HĐND và UBND xã (kế hoạch của tỉnh: Sở Nội vụ)" in hint


@pytest.mark.parametrize("cell, unwritten", [
    ("Các phòng chuyên môn, đơn vị thuộc UBND xã", False),
    ("Các phòng chuyên môn, đơn vị trực thuộc UBND xã Hoằng Hóa", False),
    ("Các phòng chuyên môn, đơn vị trực thuộc", True),
    ("Văn phòng HĐND và UBND xã, các phòng chuyên môn, đơn vị trực thuộc", True)])
def test_the_offices_and_units_of_the_committee_are_its_group_of_offices(tmp_path, cell,
                                                                         unwritten):
    """ "Các phòng chuyên môn, đơn vị thuộc UBND xã" was the group of phòng and a unit
    added, "đơn vị thuộc Ủy ban nhân dân xã" (kind Khác, given a file of its own), and the
    Trung tâm Phục vụ hành chính công got none of the work: it is the commune's group of
    its offices and units, as "Các phòng, đơn vị thuộc UBND xã" is. So is "Các phòng
    chuyên môn, đơn vị trực thuộc" with no "UBND xã" after it (a unit "đơn vị trực
    thuộc" was added: a QA pass), with a note saying what it was read as."""
    master, findings = _commune_plan(tmp_path, [
        ["1", "Niêm yết công khai TTHC", "TTHC được công khai", cell, "", "Quý I/2026"]])
    assert _named_leads(master) == [[COMMUNE_VP, "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
                                     COMMUNE_PVHCC]]
    assert not [u.name for u in master.units if "thuộc" in u.name]
    assert not [f for f in findings if f.code == "import-unit-added"]
    if unwritten:  # said what it was read as
        (said,) = [f for f in findings if f.code == "import-group-added"]
        assert said.severity == "note" and "nhóm CQDV" in said.message


def test_a_provinces_departments_and_units_add_no_unit_of_those_words(tmp_path):
    """ "Các sở, ban, ngành, đơn vị thuộc UBND tỉnh": the group of sở, never a unit
    "đơn vị thuộc Ủy ban nhân dân tỉnh" with a file of its own."""
    from test_import_unit_cells import PROVINCE

    master, findings = _commune_plan(tmp_path, [
        ["1", "Xây dựng kế hoạch CCHC", "Kế hoạch", "Các sở, ban, ngành, đơn vị thuộc UBND tỉnh",
         "", "Tháng 01/2026"]], left=PROVINCE)
    assert "Sở Nội vụ" in _named_leads(master)[0]
    assert not [u.name for u in master.units if "thuộc" in u.name]
    assert not [f for f in findings if f.code == "import-unit-added"]


def test_the_offices_and_units_alone_in_a_communes_plan_are_its_offices(tmp_path):
    """ "Các cơ quan, đơn vị" alone in a commune's plan: in its coordinators' cell an open
    group given to nobody, and leading alone a unit of that name added ('import-group-as-
    unit'), so split made a file "CCQDV-Các-cơ-quan-đơn-vị.xlsx" that nobody would fill
    and none for the offices (a QA pass). A commune's plan gives work to its own offices
    (DOMAIN §11), as "Các cơ quan, đơn vị thuộc UBND xã" does: its group of offices and
    units, a note saying which they are and how to add the police or the military."""
    from cchc_xl.split import split_master

    master, findings = _commune_plan(tmp_path, [
        ["1", "Niêm yết công khai TTHC", "TTHC được công khai", "Các cơ quan, đơn vị", "",
         "Quý I/2026"],
        ["2", "Rà soát TTHC", "Báo cáo", "Văn phòng HĐND và UBND xã", "Các cơ quan, đơn vị",
         "Quý II/2026"]])
    offices = [COMMUNE_VP, "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", COMMUNE_PVHCC]
    assert _named_leads(master) == [offices, [COMMUNE_VP]]
    names = {u.code: u.name for u in master.units}
    assert [names[c] for c in master.deliverables()[1].support] == offices[1:]
    assert "Các cơ quan, đơn vị" not in names.values()
    (said,) = [f for f in findings if f.code == "import-group-added"]
    assert said.severity == "note"
    assert ("đã ghi là cách viết khác của nhóm CQDV 'Các cơ quan, đơn vị thuộc UBND' (gồm "
            "Văn phòng HĐND và UBND, Phòng Kinh tế, Phòng Văn hóa - Xã hội, Trung tâm Phục "
            "vụ hành chính công); nếu kế hoạch giao cả đơn vị khác (Công an xã, Ban Chỉ huy "
            "quân sự xã), ghi thêm tên đơn vị đó vào ô") in said.message
    assert not [f for f in findings if f.code == "import-group-as-unit"]
    split_master(master, "Q1", tmp_path / "out")
    made = sorted(p.name.split("-")[0] for p in (tmp_path / "out").glob("*.xlsx"))
    assert made == ["KT", "PVHCC", "VHXH", "VP", "danh"]  # and their list


_ROWS = [["I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", "", ""],
         ["1", "Rà soát thủ tục hành chính", "Báo cáo", "Văn phòng HĐND và UBND", "",
          "Quý II/2026"],
         ["2", "Công khai thủ tục hành chính", "Báo cáo", "Phòng Kinh tế", "", "Quý III/2026"]]


def _imported(tmp_path, left, name, rows=_ROWS, units=None):
    """``cchc-xl import`` of a plan headed ``left`` to ``name``.xlsx: its exit code and
    the warnings of another place's unit list, by message."""
    from click.testing import CliRunner

    from cchc_xl.cli import main

    source = _heading_doc(tmp_path / f"{name}.docx", left=left, rows=rows)
    args = ["import", str(source), "--out", str(tmp_path / f"{name}.xlsx"), "--json"]
    done = CliRunner().invoke(main, [*args, *(["--units", str(units)] if units else [])])
    said = [f["message"] for f in json.loads(done.output)
            if f["code"] == "import-units-other-place"]
    return done.exit_code, said


def test_a_wards_plan_with_another_communes_units_is_warned(tmp_path):
    """A ward's plan imported with --units of another commune's master: the ward's offices
    took "xã Hoằng Hà"'s list and names, and files would be issued under them, with no
    word (a QA pass). It is imported still (a warning: exit 1), naming both places and
    what to do; the same place (last year's "xã Hạc Thành" now a ward) is said nothing."""
    assert _imported(tmp_path, "ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÀ", "hoang-ha") == (0, [])
    code, said = _imported(tmp_path, WARD, "hac-thanh", units=tmp_path / "hoang-ha.xlsx")
    assert (code, said) == (1, [
        "văn bản là kế hoạch của phường Hạc Thành (do Ủy ban nhân dân phường Hạc Thành ban "
        "hành), còn danh sách đơn vị (--units) lấy từ kế hoạch của xã Hoằng Hà (Ủy ban nhân "
        "dân xã Hoằng Hà): các cơ quan, đơn vị được đặt theo danh sách của xã Hoằng Hà, tệp "
        "giao việc sẽ mang tên đó; dùng danh sách đơn vị của phường Hạc Thành (bảng kế hoạch "
        "năm trước của phường) rồi nhập lại, hoặc nhập lại không kèm --units để lấy tên các "
        "cơ quan, đơn vị theo mẫu của phường (như bảng kế hoạch trống)"])
    assert (tmp_path / "hac-thanh.xlsx").is_file()  # warned, not refused
    assert _imported(tmp_path, "ỦY BAN NHÂN DÂN\nXÃ HẠC THÀNH", "xa-hac-thanh") == (0, [])
    assert _imported(tmp_path, WARD, "again", units=tmp_path / "xa-hac-thanh.xlsx") == (0, [])


def test_a_provinces_list_is_another_provinces_only_when_named_so(tmp_path):
    """A province's list for its department's plan is the province's own: nothing said.
    Another province's list for a province's plan is warned (its communes are that
    province's)."""
    rows = [_ROWS[0],
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "UBND các xã, phường", "Quý II/2026"]]
    _imported(tmp_path, "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA", "thanh-hoa", rows)
    units = tmp_path / "thanh-hoa.xlsx"
    _, said = _imported(tmp_path, "UBND TỈNH THANH HÓA\nSỞ NỘI VỤ", "snv", rows, units)
    assert said == []
    _, said = _imported(tmp_path, "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN", "nghe-an", rows, units)
    assert [m.split(":")[0] for m in said] == [
        "văn bản là kế hoạch của tỉnh Nghệ An (do Ủy ban nhân dân tỉnh Nghệ An ban hành), còn "
        "danh sách đơn vị (--units) lấy từ kế hoạch của tỉnh Thanh Hóa (Ủy ban nhân dân tỉnh "
        "Thanh Hóa)"]


@pytest.mark.parametrize("station", ["Trạm Y tế xã", "Trạm Khuyến nông xã"])
def test_a_communes_station_is_a_public_service_unit(tmp_path, station):
    """A commune's plan leading a task by its health station: the import added it as
    'Khác' (a QA pass), where its schools are 'Đơn vị sự nghiệp', as the station is."""
    master, findings = _commune_plan(tmp_path, [
        ["1", "Thực hiện cơ chế tự chủ tài chính", "Phương án", station, "", "Quý IV/2026"]])
    (unit,) = [u for u in master.units if u.name == station]
    assert unit.kind == "public_service"
    (added,) = [f.message for f in findings if f"'{station}' chưa có" in f.message]
    assert "loại 'Đơn vị sự nghiệp'" in added, added
