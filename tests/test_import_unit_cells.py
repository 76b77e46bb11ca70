"""cchc-xl import: who a unit cell gives the work to, beyond one name a cell — leads
written one a line against products written one a line, and "A (B)" where B is the body
A belongs to."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from test_import_plan import _heading_doc

from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan

PROVINCE = "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA"
COMMUNE = "ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA"
# A commune's offices its plan names in no words of its own, as `init --commune` names
# them (a QA pass: the import gave them the template's names, "Ban Chỉ huy quân sự").
COMMUNE_VP, COMMUNE_PVHCC = "Văn phòng HĐND và UBND xã", "Trung tâm Phục vụ hành chính công xã"
COMMUNE_QS = "Ban Chỉ huy quân sự xã"


def _imported(tmp_path, product, lead, deadline, support=""):
    """A province's plan of one task row; the master as written, and the findings."""
    rows = [["1", "Triển khai công tác cải cách hành chính", product, lead, support, deadline]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", rows=rows), tmp_path / "m.xlsx")
    return load_master(result.path), result.findings


def _leads(master) -> list[tuple[str, list[str]]]:
    names = {u.code: u.name for u in master.units}
    return [(d.product, [names[c] for c in d.lead]) for d in master.deliverables()]


@pytest.mark.parametrize("product, lead, deadline", [
    ("Kế hoạch của UBND tỉnh\nBáo cáo kết quả", "Sở Nội vụ\nCác sở, ban, ngành",
     "Tháng 01/2026\nTháng 12/2026"),
    ("- Kế hoạch của UBND tỉnh;\n- Báo cáo kết quả.", "- Sở Nội vụ;\n- Các sở, ban, ngành.",
     "- Quý I/2026\n- Quý IV/2026")])
def test_leads_one_a_line_lead_the_product_on_their_line(tmp_path, product, lead, deadline):
    """A QA pass: the province's plan went to every sở to draft, and Sở Nội vụ alone
    seemed to report for all of them: each product took both lines of the lead cell."""
    master, findings = _imported(tmp_path, product, lead, deadline, support="Sở Tư pháp")
    plan, report = master.deliverables()
    assert _leads(master)[0] == ("Kế hoạch của UBND tỉnh", ["Sở Nội vụ"])
    assert plan.lead_text == "Sở Nội vụ"
    assert report.lead_text == "Các sở, ban, ngành"
    assert len(report.lead) == 12  # every sở, ban, ngành of the template (Sở Tư pháp too)
    names = {u.code: u.name for u in master.units}
    assert [names[c] for c in plan.support] == ["Sở Tư pháp"]  # the coordinators stay whole
    (note,) = [f for f in findings if f.code == "import-leads-paired"]
    assert note.place == "bảng 1, dòng 2"
    assert "'Kế hoạch của UBND tỉnh': Sở Nội vụ; 'Báo cáo kết quả': Các sở, ban, ngành" in \
        note.message


def _supports(master) -> list[list[str]]:
    names = {u.code: u.name for u in master.units}
    return [[names[c] for c in d.support] for d in master.deliverables()]


@pytest.mark.parametrize("lead", ["Sở Nội vụ", "Sở Nội vụ\nSở Nội vụ"])
def test_coordinators_one_a_line_coordinate_the_product_on_their_line(tmp_path, lead):
    """A QA pass: leads were paired with the products line by line, coordinators never:
    "Sở Tư pháp" / "Sở Tài chính" coordinated both products."""
    master, findings = _imported(tmp_path, "Kế hoạch của UBND tỉnh\nBáo cáo kết quả", lead,
                                 "Tháng 01/2026\nTháng 12/2026",
                                 support="Sở Tư pháp\nSở Tài chính")
    assert _supports(master) == [["Sở Tư pháp"], ["Sở Tài chính"]]
    assert [d.support_text for d in master.deliverables()] == ["Sở Tư pháp", "Sở Tài chính"]
    assert [names for _, names in _leads(master)] == [["Sở Nội vụ"], ["Sở Nội vụ"]]
    (note,) = [f for f in findings if f.code == "import-coordinators-paired"]
    assert note.place == "bảng 1, dòng 2"
    assert note.message == (
        "ô phối hợp ghi 2 dòng như 2 dòng của ô sản phẩm: mỗi sản phẩm có đơn vị phối hợp "
        "cùng dòng ('Kế hoạch của UBND tỉnh': Sở Tư pháp; 'Báo cáo kết quả': Sở Tài chính); "
        "nếu các đơn vị cùng phối hợp mọi sản phẩm, sửa ở cột phối hợp của bảng kế hoạch")


@pytest.mark.parametrize("products, deadlines", [
    ("Kế hoạch\nBáo cáo", "Tháng 01/2026\nTháng 12/2026"),  # three coordinator lines
    ("Kế hoạch\nBáo cáo\nTổng kết", "Tháng 01/2026\nTháng 06/2026\nTháng 12/2026"),
])
def test_coordinator_lines_that_do_not_pair_coordinate_every_product(tmp_path, products,
                                                                     deadlines):
    support = "Sở Tư pháp\nSở Tài chính" + ("\nSở Y tế" if products.count("\n") == 1 else "")
    master, findings = _imported(tmp_path, products, "Sở Nội vụ", deadlines, support=support)
    supports = _supports(master)
    assert len(supports) == products.count("\n") + 1
    assert all(s == supports[0] for s in supports)
    assert supports[0] == support.split("\n")
    assert not [f for f in findings if f.code == "import-coordinators-paired"]


@pytest.mark.parametrize("lead, leads", [
    # roles said in the cell: one lead, the other coordinates
    ("Sở Nội vụ (chủ trì)\nSở Tư pháp", ["Sở Nội vụ"]),
    # a line for more than one product, or a name cut over two lines: not line by line
    ("Sở Nội vụ\nSở Tư pháp\nSở Tài chính", ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"]),
])
def test_lead_lines_that_do_not_pair_with_the_products_lead_every_product(tmp_path, lead,
                                                                          leads):
    master, findings = _imported(tmp_path, "Kế hoạch\nBáo cáo", lead,
                                 "Tháng 01/2026\nTháng 12/2026")
    assert [names for _, names in _leads(master)] == [leads, leads]
    assert not [f for f in findings if f.code.startswith("import-leads")]


def test_lead_lines_against_one_product_are_kept_and_said(tmp_path):
    """Product lines with one deadline are one product: both leads lead it, and the
    office is told how to give each its own."""
    master, findings = _imported(tmp_path, "Kế hoạch của UBND tỉnh\nBáo cáo kết quả",
                                 "Sở Nội vụ\nSở Tư pháp", "Năm 2026")
    assert _leads(master) == [("Kế hoạch của UBND tỉnh\nBáo cáo kết quả",
                               ["Sở Nội vụ", "Sở Tư pháp"])]
    (said,) = [f for f in findings if f.code == "import-leads-by-line"]
    assert said.place == "bảng 1, dòng 2"
    assert said.message.startswith("ô chủ trì có 2 dòng như 2 dòng của ô sản phẩm")
    assert "tách thành 2 sản phẩm" in said.message


def _bracketed(tmp_path, cell, authority=PROVINCE):
    """The leads of a one-task plan whose lead cell is ``cell``, the units import added,
    and the reading noted."""
    rows = [["1", "Rà soát", "Báo cáo", cell, "", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=authority, rows=rows),
                         tmp_path / "m.xlsx")
    master = load_master(result.path)
    names = {u.code: u.name for u in master.units}
    added = [f.message.split("'")[1] for f in result.findings if f.code == "import-unit-added"]
    readings = [f.message for f in result.findings if f.code == "unit-bracket"]
    return [names[c] for c in master.deliverables()[0].lead], added, readings


@pytest.mark.parametrize("cell, leads, added", [
    # the body A belongs to, in brackets: A (named with it where A alone is a kind of body)
    ("Văn phòng (UBND tỉnh)", ["Văn phòng UBND tỉnh"], []),
    ("Trung tâm Phục vụ hành chính công (Văn phòng UBND tỉnh)",
     ["Trung tâm Phục vụ hành chính công tỉnh"], []),
    ("Thanh tra (Sở Y tế)", ["Thanh tra Sở Y tế"], ["Thanh tra Sở Y tế"]),
    ("Phòng Cải cách hành chính (Sở Nội vụ)", ["Phòng Cải cách hành chính"],
     ["Phòng Cải cách hành chính"]),
    ("Văn phòng (Sở Nội vụ), Văn phòng (Sở Y tế)", ["Văn phòng Sở Nội vụ", "Văn phòng Sở Y tế"],
     ["Văn phòng Sở Nội vụ", "Văn phòng Sở Y tế"]),
    # as before: the body inside A, an abbreviation, a role, a commune
    ("Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)",
     ["Trung tâm Phục vụ hành chính công tỉnh"], []),
    ("Công an tỉnh (PC06)", ["Công an tỉnh"], []),
    ("Sở Nội vụ (chủ trì)", ["Sở Nội vụ"], []),
    ("Trung tâm Phục vụ hành chính công (UBND xã Hoằng Hóa)", ["Xã Hoằng Hóa"], []),
])
def test_a_body_in_brackets_that_a_unit_belongs_to_is_no_unit_given_the_work(
        tmp_path, cell, leads, added):
    """A QA pass: "Văn phòng (UBND tỉnh)" added a unit "Ủy ban nhân dân tỉnh" (the plan's
    own issuer) and gave it the work; "Trung tâm … (Văn phòng UBND tỉnh)" gave the
    Centre's work to the Office; "Thanh tra (Sở Y tế)" to the Sở."""
    got, new, readings = _bracketed(tmp_path, cell)
    assert (got, new) == (leads, added)
    if "(Sở" in cell or "(UBND tỉnh)" in cell or "(Văn phòng UBND tỉnh)" in cell:
        assert all("không phải đơn vị được giao thứ hai" in r for r in readings), readings


@pytest.mark.parametrize("cell, leads", [
    ("Phòng Văn hóa - Xã hội (UBND xã)", ["Phòng Văn hóa - Xã hội"]),
    ("Trung tâm Phục vụ hành chính công (Văn phòng HĐND và UBND xã)",
     ["Trung tâm Phục vụ hành chính công"]),
    ("Công an xã (UBND xã)", ["Công an xã"]),
    # The commune's one office, named as older plans wrote it: as `init --commune` names it.
    ("Văn phòng (UBND xã)", [COMMUNE_VP]),
    ("Văn phòng UBND xã", [COMMUNE_VP]),
])
def test_a_communes_office_with_its_body_in_brackets_is_that_office(tmp_path, cell, leads):
    assert _bracketed(tmp_path, cell, COMMUNE)[:2] == (leads, [])


def _police(tmp_path, authority, units=None):
    """A one-task plan led by "Công an xã, phường": the leads' names, the units and
    groups of the master, and the findings."""
    rows = [["1", "Rà soát", "Báo cáo", "Công an xã, phường", "", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=authority, rows=rows),
                         tmp_path / "m.xlsx", units=units)
    master = load_master(result.path)
    names = {u.code: u.name for u in master.units}
    return [names[c] for c in master.deliverables()[0].lead], master, result.findings


def test_the_police_of_communes_and_wards_in_a_provinces_plan_are_the_communes(tmp_path):
    """A QA pass: in a province's plan "Công an xã, phường" became one unit of that name;
    it names each commune's and ward's police, a crowd as "UBND các xã, phường" is."""
    leads, master, findings = _police(tmp_path, PROVINCE)
    (group,) = [g for g in master.groups if "Công an xã, phường" in g.spellings]
    assert group.name == "UBND các xã, phường"
    assert len(leads) == 166 and all(n.startswith(("Xã ", "Phường ")) for n in leads)
    assert not [u for u in master.units if "Công an xã" in u.name or u.name == "phường"]
    (said,) = [f for f in findings if f.code == "import-group-added"]
    assert said.message == ("'Công an xã, phường' chưa có trong danh sách: ghi là cách viết "
                            "khác của nhóm 'UBND các xã, phường' (mã XA); kiểm tra trang 'Nhóm'")


def test_the_police_of_communes_and_wards_in_a_communes_plan_is_its_own(tmp_path):
    """In a commune's plan the same words name its own police, "Công an xã": never that
    unit and a unit "phường"."""
    leads, master, findings = _police(tmp_path, COMMUNE)
    assert leads == ["Công an xã"]
    assert not [u for u in master.units if u.name == "phường"]
    (said,) = [f for f in findings if f.code.startswith("import-unit")]
    assert said.code == "import-unit-spelling"
    assert "'Công an xã, phường' chưa có trong danh sách đơn vị: ghi là cách viết khác của " \
           "đơn vị" in said.message and "'Công an xã'" in said.message


def test_the_police_of_communes_and_wards_unknown_to_a_communes_list_is_added(tmp_path):
    """A unit list without the commune's police: "Công an xã" added, the words written
    kept as its other spelling, and the office told to check it."""
    (tmp_path / "u.csv").write_text("Tên đơn vị\nVăn phòng HĐND và UBND\nPhòng Kinh tế\n",
                                    encoding="utf-8")
    leads, master, findings = _police(tmp_path, COMMUNE, units=tmp_path / "u.csv")
    assert leads == ["Công an xã"]
    (unit,) = [u for u in master.units if u.name == "Công an xã"]
    assert unit.aliases == ["Công an xã, phường"]
    (said,) = [f for f in findings if f.code == "import-unit-added"]
    assert said.message.startswith("'Công an xã, phường' chưa có trong danh sách đơn vị: đã "
                                   f"thêm mã {unit.code} (Công an xã), loại 'Khác'; kiểm tra")


# --- a commune's own People's Committee, and a group nobody is listed in -----------------

WARD = "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH"
# A ward's offices its plan names in no words of its own, as `init --commune` names them
# (a QA pass: the import gave them a commune's names, "Phòng Kinh tế").
WARD_VP, WARD_KT = "Văn phòng HĐND và UBND phường", "Phòng Kinh tế, Hạ tầng và Đô thị"
WARD_PVHCC, WARD_QS = "Trung tâm Phục vụ hành chính công phường", "Ban Chỉ huy quân sự phường"


def _ward_plan(tmp_path, rows):
    """A ward's plan of ``rows`` (TT, content, product, lead, coordinators, deadline),
    imported; the master as load_master reads it, and the import's findings."""
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=WARD, rows=rows),
                         tmp_path / "m.xlsx")
    return load_master(result.path), result.findings


@pytest.mark.parametrize("written", ["UBND xã, phường", "UBND phường", "UBND xã",
                                     "Ủy ban nhân dân xã, phường", "UBND phường Hạc Thành"])
def test_a_wards_plan_naming_its_peoples_committee_loads(tmp_path, written):
    """A ward's plan whose lead cell read "UBND xã, phường" was given an empty group of
    communes, and the table did not load ("nhóm 'UBND xã, phường' chưa có đơn vị nào")."""
    rows = [["1", "Đánh giá chỉ số CCHC", "Báo cáo tự đánh giá", written,
             "Văn phòng HĐND và UBND phường", "Trước 15/12/2026"],
            ["2", "Kiểm tra công vụ", "Thông báo", "Phòng Văn hóa - Xã hội", written,
             "Quý III/2026"],
            ["3", "Kiện toàn Ban Chỉ đạo", "Quyết định", "UBND phường", "", "Quý I/2026"],
            ["4", "Rà soát văn bản", "Báo cáo", "Các phòng chuyên môn", "", "Quý II/2026"]]
    master, findings = _ward_plan(tmp_path, rows)
    names = {u.code: u.name for u in master.units}
    assessed, checked, renewed, reviewed = master.deliverables()
    assert [names[c] for c in assessed.lead] == ["Ủy ban nhân dân phường"]
    assert [names[c] for c in checked.support] == ["Ủy ban nhân dân phường"]
    assert renewed.lead == assessed.lead  # one unit, however written
    # The committee is none of its own "phòng chuyên môn" (it was given their work).
    assert assessed.lead[0] not in reviewed.lead
    assert not [g for g in master.groups if "commune" in g.kinds]
    assert "import-group-added" not in [f.code for f in findings]


def test_a_group_no_unit_is_listed_in_leading_alone_is_a_unit(tmp_path):
    """ "các tổ dân phố" alone in a ward's lead cell was an open group nobody is in: the
    product had no lead and the table did not load."""
    rows = [["1", "Hội nghị đối thoại", "Hội nghị", "các tổ dân phố", "UBND phường",
             "Tháng 10/2026"],
            ["2", "Làm sạch dữ liệu dân cư", "Dữ liệu", "Công an phường", "các tổ dân phố",
             "Trước 30/9/2026"]]
    master, findings = _ward_plan(tmp_path, rows)
    names = {u.code: u.name for u in master.units}
    held, cleaned = master.deliverables()
    assert [names[c] for c in held.lead] == ["Các tổ dân phố"]
    assert [names[c] for c in cleaned.support] == ["Các tổ dân phố"]
    said = [f for f in findings if f.code == "import-group-as-unit"]
    assert len(said) == 1 and "'các tổ dân phố'" in said[0].message
    assert "import-group-added" not in [f.code for f in findings]


@pytest.mark.parametrize("left, council, offices", [
    (PROVINCE, "HĐND tỉnh", "Các sở, ban, ngành"),
    (WARD, "Hội đồng nhân dân phường", "Các phòng chuyên môn")])
def test_the_peoples_council_is_none_of_the_offices(tmp_path, left, council, offices):
    """ "HĐND tỉnh" named in a plan was added as a sở ("Phòng, ban, sở, ngành"), and so
    was given the work of "Các sở, ban, ngành" (a QA pass: a ward's council, that of
    "Các phòng chuyên môn")."""
    rows = [["1", "Giám sát việc thực hiện CCHC", "Báo cáo giám sát", council, "",
             "Quý IV/2026"],
            ["2", "Rà soát thủ tục hành chính", "Báo cáo", offices, "", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=left, rows=rows),
                         tmp_path / "m.xlsx")
    master = load_master(result.path)
    watched, reviewed = master.deliverables()
    (council_unit,) = watched.lead
    assert council_unit not in reviewed.lead
    assert {u.code: u.kind for u in master.units}[council_unit] == "other"


def test_a_template_unit_is_named_with_the_letters_the_plan_writes(tmp_path):
    """A ward's "Ban Chỉ huy Quân sự phường" was named "Ban Chỉ huy quân sự phường", the
    template's spelling, in the plan table and the unit's file (a QA pass)."""
    rows = [["1", "Đăng ký nghĩa vụ quân sự", "Báo cáo", "Ban Chỉ huy Quân sự phường", "",
             "Tháng 12/2026"]]
    master, findings = _ward_plan(tmp_path, rows)
    (unit,) = [u for u in master.units if u.code == "QS"]
    assert unit.name == "Ban Chỉ huy Quân sự phường"
    assert master.deliverables()[0].lead == ["QS"]
    (said,) = [f.message for f in findings if f.code == "import-unit-named-as-plan"]
    assert "được ghi theo văn bản là 'Ban Chỉ huy Quân sự phường'" in said


def test_the_mass_organisations_are_no_group_of_communes(tmp_path):
    """ "Các tổ chức chính trị - xã hội" coordinating a province's task was a group of
    every commune ("xã" of "xã hội"): 166 communes of Thanh Hóa were given the work."""
    rows = [["1", "Tuyên truyền CCHC", "Tin, bài", "Sở Văn hóa, Thể thao và Du lịch",
             "Các tổ chức chính trị - xã hội", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", rows=rows), tmp_path / "m.xlsx")
    master = load_master(result.path)
    (d,) = master.deliverables()
    assert d.support == []
    (group,) = [g for g in master.groups if g.name == "Các tổ chức chính trị - xã hội"]
    assert "commune" not in group.kinds


def test_the_party_committee_is_none_of_the_offices(tmp_path):
    """ "Đảng ủy phường" was added as a phòng, and given the work of "Các phòng chuyên
    môn" (a QA pass)."""
    rows = [["1", "Quán triệt Nghị quyết", "Báo cáo", "Đảng ủy phường", "", "Quý I/2026"],
            ["2", "Rà soát văn bản", "Báo cáo", "Các phòng chuyên môn", "", "Quý II/2026"]]
    master, _ = _ward_plan(tmp_path, rows)
    told, reviewed = master.deliverables()
    assert told.lead[0] not in reviewed.lead



@pytest.mark.parametrize("party_office", [
    "Văn phòng Đảng ủy", "Ban Xây dựng Đảng Đảng ủy phường",
    "Ủy ban Kiểm tra Đảng ủy phường", "Văn phòng Tỉnh ủy",
    # nor the council's committees, a steering committee, the people's inspectors
    "Ban Kinh tế - Ngân sách HĐND phường", "Ban Pháp chế Hội đồng nhân dân phường",
    "Ban Chỉ đạo CCHC phường", "Ban Thanh tra nhân dân phường", "Ban Công tác Mặt trận",
    "Ban Thường trực Ủy ban MTTQ phường"])
def test_bodies_named_like_an_office_are_none_of_the_offices(tmp_path, party_office):
    """A ward's plan with "Văn phòng Đảng ủy" coordinating a task: it was added as a phòng
    and given the work of "Các phòng chuyên môn" and "Các cơ quan, đơn vị thuộc UBND"
    (a commune QA pass); the Party's office and boards are not the committee's."""
    rows = [["1", "Quán triệt Nghị quyết", "Báo cáo", "Văn phòng HĐND và UBND",
             party_office, "Quý I/2026"],
            ["2", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND",
             "Các phòng chuyên môn", "Quý II/2026"]]
    master, _ = _ward_plan(tmp_path, rows)
    told, reviewed = master.deliverables()
    (party,) = told.support
    assert party not in reviewed.support


# --- a ward's plan: its committee and council, its own offices ----------------------------


def _named_leads(master) -> list[list[str]]:
    names = {u.code: u.name for u in master.units}
    return [[names[c] for c in d.lead] for d in master.deliverables()]


@pytest.mark.parametrize("left, cell, office", [
    (WARD, "UBND phường (Văn phòng HĐND và UBND phường tham mưu)", WARD_VP),
    (WARD, "UBND phường (Văn phòng HĐND và UBND phường thực hiện)", WARD_VP),
    (PROVINCE, "UBND tỉnh (Sở Nội vụ tham mưu)", "Sở Nội vụ")])
def test_the_office_that_advises_the_committee_in_brackets_does_the_work(tmp_path, left,
                                                                         cell, office):
    """A ward's "UBND phường (Văn phòng HĐND và UBND phường tham mưu)" added a unit
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường tham mưu", which took the work
    (a province's "UBND tỉnh (Sở Nội vụ tham mưu)" a unit "Sở Nội vụ tham mưu"): the
    office in brackets does it, as "UBND tỉnh (Sở Nội vụ)" reads."""
    rows = [["1", "Xây dựng kế hoạch CCHC", "Kế hoạch", cell, "", "Tháng 01/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=left, rows=rows),
                         tmp_path / "m.xlsx")
    master = load_master(result.path)
    assert _named_leads(master) == [[office]]
    assert not [u.name for u in master.units if "tham mưu" in u.name or "thực hiện" in u.name]
    assert "import-unit-added" not in [f.code for f in result.findings]
    (said,) = [f.message for f in result.findings if f.code == "unit-bracket"]
    assert f"giao cho '{office}' (tên trong ngoặc, đơn vị trực tiếp thực hiện)" in said


def test_an_office_in_brackets_no_list_knows_is_added_without_what_it_does(tmp_path):
    """A unit list without the ward's office: the office is added by its name, never with
    "tham mưu" at its end."""
    (tmp_path / "u.csv").write_text("Tên đơn vị\nPhòng Kinh tế\n", encoding="utf-8")
    rows = [["1", "Xây dựng kế hoạch CCHC", "Kế hoạch",
             "UBND phường (Văn phòng HĐND và UBND phường tham mưu)", "", "Tháng 01/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=WARD, rows=rows),
                         tmp_path / "m.xlsx", units=tmp_path / "u.csv")
    master = load_master(result.path)
    assert _named_leads(master) == [
        ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường"]]


@pytest.mark.parametrize("left, cell, council, committee", [
    (WARD, "HĐND, UBND phường", "Hội đồng nhân dân phường", "Ủy ban nhân dân phường"),
    (WARD, "HĐND và UBND phường", "Hội đồng nhân dân phường", "Ủy ban nhân dân phường"),
    (PROVINCE, "HĐND, UBND tỉnh", "Hội đồng nhân dân tỉnh", "Ủy ban nhân dân tỉnh")])
def test_the_place_after_the_committee_is_the_councils_too(tmp_path, left, cell, council,
                                                           committee):
    """ "HĐND, UBND phường" added a unit "Hội đồng nhân dân", of no place: "phường" is
    the council's as much as the committee's."""
    rows = [["1", "Giám sát việc thực hiện CCHC", "Báo cáo", cell, "", "Quý IV/2026"],
            ["2", "Tiếp xúc cử tri", "Báo cáo", "HĐND", "", "Quý III/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=left, rows=rows),
                         tmp_path / "m.xlsx")
    master = load_master(result.path)
    assert _named_leads(master) == [[council, committee], [council]]
    (unit,) = [u for u in master.units if u.name == council]
    assert unit.kind == "other"
    assert not [u for u in master.units if u.name == "Hội đồng nhân dân"]
    (said,) = [f for f in result.findings if f.code == "import-unit-added" and council in f.message]
    assert said.place == "bảng 1, dòng 2"


@pytest.mark.parametrize("cell", ["Các phòng chuyên môn cấp xã",
                                  "Các phòng chuyên môn phường Hạc Thành"])
def test_the_ward_after_a_group_of_its_offices_is_no_kind_of_unit(tmp_path, cell):
    """ "Các ban, ngành, đoàn thể phường" in a ward's plan was a group of the kinds
    'Cấp xã' and offices (the Nhóm sheet said "Cấp xã"): the trailing "phường" is the
    ward itself. The group is of its offices, never the committee or the council (that
    wording takes its other bodies too: test_import_commune_units)."""
    rows = [["1", "Rà soát thủ tục hành chính", "Báo cáo", cell, "", "Quý II/2026"],
            ["2", "Giám sát", "Báo cáo", "HĐND, UBND phường", "", "Quý IV/2026"]]
    master, findings = _ward_plan(tmp_path, rows)
    assert not [g.name for g in master.groups if "commune" in g.kinds]
    (group,) = [g for g in master.groups if cell in (g.name, *g.spellings)]
    assert group.kinds == ["department"]
    reviewed, watched = _named_leads(master)
    assert reviewed == [WARD_VP, WARD_KT, "Phòng Văn hóa - Xã hội"]
    assert not set(reviewed) & set(watched)
    ws = load_workbook(tmp_path / "m.xlsx")["Nhóm"]
    assert "Cấp xã" not in {c for row in ws.iter_rows(values_only=True) for c in row}


@pytest.mark.parametrize("left, leads", [
    (WARD, ["Ủy ban nhân dân phường"]),  # the ward's own committee
    (PROVINCE, None)])  # every commune of the province, as the template's group says
def test_the_peoples_committee_of_the_commune_level(tmp_path, left, leads):
    rows = [["1", "Rà soát", "Báo cáo", "UBND cấp xã", "", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=left, rows=rows),
                         tmp_path / "m.xlsx")
    master = load_master(result.path)
    (got,) = _named_leads(master)
    if leads is None:
        assert len(got) == 166 and all(n.startswith(("Xã ", "Phường ")) for n in got)
    else:
        assert got == leads


@pytest.mark.parametrize("cell, kinds", [
    ("Các phòng chuyên môn cấp xã", {"commune"}),
    ("Các ban, ngành cấp xã", {"commune"}),
    ("Các sở, ngành và UBND cấp xã", {"commune", "department"})])
def test_a_provinces_offices_of_communes_are_the_communes(tmp_path, cell, kinds):
    """In a province's plan "Các phòng chuyên môn cấp xã" are the communes' offices: the
    group added was of the communes and every sở (181 units given the work, a QA pass);
    it is the communes' (another spelling of the template's "UBND các xã, phường"), each
    commune reporting for its own. A cell naming the sở too gives both."""
    rows = [["1", "Rà soát", "Báo cáo", cell, "", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", rows=rows), tmp_path / "m.xlsx")
    master = load_master(result.path)
    (leads,) = [d.lead for d in master.deliverables()]
    kinds_of = {u.code: u.kind for u in master.units}
    assert {kinds_of[c] for c in leads} == kinds
    assert len([c for c in leads if kinds_of[c] == "commune"]) == 166


@pytest.mark.parametrize("cell", ["UBND tỉnh", "Ủy ban nhân dân tỉnh", "UBND tỉnh Thanh Hóa"])
def test_a_provinces_plan_naming_its_peoples_committee_gives_it_no_departments_work(
        tmp_path, cell):
    """A province's plan giving a task to "UBND tỉnh" added the committee as one of the
    "Phòng, ban, sở, ngành": it was then given the work of "Các sở, ban, ngành" too, a
    file of every sở's tasks to report on (a QA pass). It is the plan's own committee,
    kind Khác, as a commune's is in the commune's plan."""
    from cchc_xl.vocab import OTHER

    rows = [["1", "Chỉ đạo", "Chỉ thị", cell, "", "Quý II/2026"],
            ["2", "Rà soát", "Báo cáo", "Các sở, ban, ngành", "", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=PROVINCE, rows=rows),
                         tmp_path / "m.xlsx")
    master = load_master(result.path)
    first, second = _named_leads(master)
    assert first == ["Ủy ban nhân dân tỉnh"]
    assert "Ủy ban nhân dân tỉnh" not in second and "Sở Nội vụ" in second
    (committee,) = [u for u in master.units if u.name == "Ủy ban nhân dân tỉnh"]
    assert committee.kind == OTHER
    assert "import-own-committee" in {f.code for f in result.findings}


def _district_plan(tmp_path, cell, year=2026):
    """The findings of importing a province's plan of ``year`` whose one lead cell is
    ``cell``."""
    rows = [["1", "Rà soát", "Báo cáo", cell, "", f"Quý II/{year}"]]
    doc = _heading_doc(tmp_path / "kh.docx", title=("KẾ HOẠCH", f"Cải cách hành chính tỉnh "
                                                     f"Thanh Hóa năm {year}"), rows=rows)
    return import_plan(doc, tmp_path / "m.xlsx").findings


@pytest.mark.parametrize("cell, named", [
    # a 2026 plan copied from one of 2025 or before: the district level no longer exists
    ("UBND các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố"),
    ("Sở Y tế; UBND huyện Hoằng Hóa", "UBND huyện Hoằng Hóa"),
    ("Phòng Nội vụ các huyện, thị xã", "Phòng Nội vụ các huyện, thị xã"),
    ("Công an tỉnh, Công an các huyện", "Công an các huyện"),
])
def test_a_district_named_in_a_plan_after_districts_ended_is_said(tmp_path, cell, named):
    findings = _district_plan(tmp_path, cell)
    (said,) = [f for f in findings if f.code == "import-district-level"]
    assert said.severity == "warning"
    assert said.place == "bảng 1, dòng 2"
    assert said.message.startswith(f"'{named}': kế hoạch năm 2026 nhưng cấp huyện")
    assert "01/7/2025" in said.message
    assert "UBND các xã, phường" in said.message  # what to write instead


@pytest.mark.parametrize("cell, year", [
    ("UBND các huyện, thị xã, thành phố", 2025),  # before 1 July 2025: districts existed
    ("UBND các xã, phường", 2026),
    ("Sở Văn hóa, Thể thao và Du lịch; Sở Lao động - Thương binh và Xã hội", 2026),
    ("Sở Xây dựng; UBND thành phố Huế", 2026),  # a city may be a province
])
def test_no_district_is_said_where_there_is_none(tmp_path, cell, year):
    assert not [f for f in _district_plan(tmp_path, cell, year)
                if f.code == "import-district-level"]


@pytest.mark.parametrize("written, severity", [
    ("Các phòng chuyên môn thuộc UBND phường", "note"),
    ("Các phòng chuyên môn thuộc UBND phường Hạc Thành", "note"),
    # Another ward's offices are not this ward's to report for: checked.
    ("Các phòng chuyên môn thuộc UBND phường Quảng Hưng", "warning"),
])
def test_a_wards_own_offices_named_with_its_committee_are_a_note(tmp_path, written, severity):
    """A ward's plan writing "Các phòng chuyên môn thuộc UBND phường" was warned to be
    checked, though it names the ward's own offices as surely as "Văn phòng HĐND và UBND
    phường" names its office (a note): a note too, unless another ward's is named."""
    from support.plans import plan_document

    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian hoàn thành"),
            ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
            ("1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND phường", written,
             "Quý IV/2026")]
    source = plan_document(tmp_path / "kh.docx", "PHƯỜNG HẠC THÀNH",
                           "Cải cách hành chính năm 2026", rows)
    result = import_plan(source, tmp_path / "m.xlsx")
    (said,) = [f for f in result.findings if f.code == "import-group-added"]
    assert said.severity == severity
    assert said.message.startswith(f"'{written}' chưa có trong danh sách: ")
    if severity == "note":
        assert said.message.endswith("là nhóm PB 'Các phòng chuyên môn' của chính phường ban "
                                     "hành kế hoạch, đã ghi là cách viết khác của nhóm đó")
    master = load_master(result.path)
    assert master.deliverables()[0].support == ["KT", "VHXH"]  # the ward's offices either way


def _own_plan(tmp_path, issuer, support):
    """A plan of ``issuer`` whose one task's coordinating cell is ``support``: the
    imported master and the import's findings."""
    from support.plans import plan_document

    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian hoàn thành"),
            ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
            ("1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", support,
             "Quý IV/2026")]
    source = plan_document(tmp_path / "kh.docx", issuer, "Cải cách hành chính năm 2026", rows)
    result = import_plan(source, tmp_path / "m.xlsx")
    return load_master(result.path), result.findings


# Each usual wording of all a commune's offices, and the group it is: its phòng and its
# Trung tâm Phục vụ hành chính công ("đơn vị", "cơ quan"), or its phòng only.
OFFICES_AND_UNITS = ("CQDV", "Các cơ quan, đơn vị thuộc UBND", ["KT", "VHXH", "PVHCC"])
OFFICES_ONLY = ("PB", "Các phòng chuyên môn", ["KT", "VHXH"])


@pytest.mark.parametrize("issuer, written, group", [
    ("XÃ HOẰNG HÓA", "Các cơ quan, đơn vị thuộc UBND xã Hoằng Hóa", OFFICES_AND_UNITS),
    ("XÃ HOẰNG HÓA", "Các cơ quan chuyên môn, đơn vị thuộc UBND xã", OFFICES_AND_UNITS),
    ("XÃ HOẰNG HÓA", "Các cơ quan thuộc UBND xã", OFFICES_AND_UNITS),
    ("XÃ HOẰNG HÓA", "Tất cả các phòng, ban thuộc UBND xã Hoằng Hóa", OFFICES_ONLY),
    ("PHƯỜNG HẠC THÀNH", "Các cơ quan, đơn vị trực thuộc UBND phường", OFFICES_AND_UNITS),
    ("PHƯỜNG HẠC THÀNH", "Các phòng, đơn vị thuộc UBND phường", OFFICES_AND_UNITS),
    ("PHƯỜNG HẠC THÀNH", "Các đơn vị thuộc UBND phường Hạc Thành", OFFICES_AND_UNITS),
    ("PHƯỜNG HẠC THÀNH", "Các phòng, ban thuộc UBND phường", OFFICES_ONLY),
])
def test_a_communes_own_offices_in_any_usual_wording_are_its_group(tmp_path, issuer, written,
                                                                    group):
    """A QA pass: "Các cơ quan, đơn vị thuộc UBND xã" in the commune's own plan became an
    open group (N03, warned, given to nobody) while "Các phòng, ban, đơn vị thuộc UBND xã"
    was the commune's group of offices; every usual wording of all its offices is. A later
    one: those were all "Các phòng chuyên môn", so the Trung tâm Phục vụ hành chính công,
    the committee's own unit and the one most concerned by administrative procedures, got
    none of their work; the wordings with "đơn vị" or "cơ quan" name it too."""
    code, name, support = group
    master, findings = _own_plan(tmp_path, issuer, written)
    assert master.deliverables()[0].support == support  # never Công an, Ban CHQS
    assert [g.code for g in master.groups] == ["PB", "CQDV", "LQ"]  # no group added
    (said,) = [f for f in findings if f.code == "import-group-added"]
    assert said.severity == "note"
    assert said.message.endswith(f"là nhóm {code} '{name}' của chính "
                                 f"{issuer.split()[0].lower()} ban hành kế hoạch, đã ghi là "
                                 "cách viết khác của nhóm đó")


@pytest.mark.parametrize("written", ["Các phòng, ban, đơn vị",
                                     "Các cơ quan, đơn vị thuộc UBND xã"])
def test_the_offices_and_units_of_a_commune_are_listed_in_its_template(tmp_path, written):
    """The commune template's group of the committee's offices and units: read as written,
    nothing to note; in the Trung tâm's file, the task it shares with the phòng."""
    from cchc_xl.split import split_master

    master, findings = _own_plan(tmp_path, "XÃ HOẰNG HÓA", written)
    assert master.deliverables()[0].support == ["KT", "VHXH", "PVHCC"]
    assert "import-group-added" not in [f.code for f in findings]
    split_master(master, "NAM", tmp_path / "out")
    # The Trung tâm named as `init --commune` names it (the plan names it only through the
    # group); the Văn phòng as the plan writes it.
    ws = load_workbook(tmp_path / "out" / "PVHCC-Trung-tâm-Phục-vụ-hành-chính-công-xã.xlsx")[
        "Thể chế"]
    rows = [[c for c in r if c] for r in ws.iter_rows(values_only=True)]
    assert any("Rà soát văn bản" in r and "Phối hợp với Văn phòng HĐND và UBND" in r
               for r in rows), rows


@pytest.mark.parametrize("written, group", [("Các phòng, ban, đơn vị phường", OFFICES_AND_UNITS),
                                            ("Các phòng, ban phường", OFFICES_ONLY)])
def test_a_communes_offices_named_with_its_kind_are_the_group_the_wording_names(
        tmp_path, written, group):
    """"Các phòng, ban, đơn vị phường" (the ward's kind after the wording, no "thuộc
    UBND") was "Các phòng chuyên môn" too: its units' wording reaches the Trung tâm."""
    code, _, support = group
    master, findings = _own_plan(tmp_path, "PHƯỜNG HẠC THÀNH", written)
    assert master.deliverables()[0].support == support
    (said,) = [f for f in findings if f.code == "import-group-added"]
    assert f"(mã {code})" in said.message


@pytest.mark.parametrize("issuer, written", [
    # Another commune's offices are not this one's to report for.
    ("XÃ HOẰNG HÓA", "Các cơ quan, đơn vị thuộc UBND xã Hoằng Lộc"),
    ("PHƯỜNG HẠC THÀNH", "Các cơ quan, đơn vị thuộc UBND phường Quảng Hưng"),
    # Some of them, not all: the user lists them.
    ("XÃ HOẰNG HÓA", "Các cơ quan, đơn vị được giao thuộc UBND xã"),
    # A province's plan: no commune's own offices.
    ("TỈNH THANH HÓA", "Các cơ quan, đơn vị thuộc UBND xã"),
    ("TỈNH THANH HÓA", "Các cơ quan, đơn vị"),
])
def test_offices_of_no_own_commune_stay_an_open_group(tmp_path, issuer, written):
    master, findings = _own_plan(tmp_path, issuer, written)
    assert master.deliverables()[0].support == []
    added = [g for g in master.groups if g.name == written]
    assert len(added) == 1 and added[0].kinds == [] and not added[0].members
    (said,) = [f for f in findings if f.code == "import-group-added"]
    assert said.severity == "warning"


def test_a_provinces_communes_stay_every_commune(tmp_path):
    master, _ = _own_plan(tmp_path, "TỈNH THANH HÓA", "UBND các xã, phường")
    communes = [u.code for u in master.units if u.kind == "commune"]
    assert len(communes) == 166 and master.deliverables()[0].support == communes


@pytest.mark.parametrize("written, name", [
    ("UBMTTQ phường", "Ủy ban Mặt trận Tổ quốc phường"),
    ("UBMTTQVN phường", "Ủy ban Mặt trận Tổ quốc Việt Nam phường")])
def test_the_fronts_committee_abbreviated_is_named_in_full(tmp_path, written, name):
    """A ward's plan with "UBMTTQ phường" coordinating: the unit was added as "UBMTTQ
    phường", code "UP" (a commune QA pass), unlike "Ủy ban MTTQ phường" written so."""
    rows = [["1", "Lấy ý kiến người dân", "Báo cáo", "Văn phòng HĐND và UBND", written,
             "Quý I/2026"]]
    master, _ = _ward_plan(tmp_path, rows)
    (d,) = master.deliverables()
    (unit,) = [u for u in master.units if u.code in d.support]
    assert unit.name == name
    assert unit.kind == "other"


@pytest.mark.parametrize("written", ["Bộ phận Một cửa phường", "Bộ phận Một cửa",
                                     "Bộ phận tiếp nhận và trả kết quả"])
def test_the_one_stop_shop_of_before_2025_is_the_wards_centre(tmp_path, written):
    """A ward's plan naming its one-stop shop as before 1 July 2025 ("Bộ phận Một cửa
    phường"): a new unit was added beside the Trung tâm Phục vụ hành chính công, which
    took that work over (a commune QA pass), and got a file of its own."""
    rows = [["1", "Niêm yết TTHC", "Danh mục", written, "", "Quý I/2026"]]
    master, findings = _ward_plan(tmp_path, rows)
    assert _named_leads(master) == [[WARD_PVHCC]]
    assert not [f for f in findings if f.code == "import-unit-added"]


# --- codes of offices added for a commune -------------------------------------------------

@pytest.mark.parametrize("lead, code", [("Trạm Y tế phường", "TYT"), ("Bưu điện phường", "BD"),
                                        ("Trạm Y tế phường Hạc Thành", "TYT"),
                                        ("Phòng Văn hóa - Xã hội", "VHXH")])
def test_an_added_offices_code_takes_no_letter_from_its_commune(tmp_path, lead, code):
    """A ward's office added by the import gets the code of its kind, as "Công an tỉnh"
    gets CA (was TYTP, BDP: the ward gave a letter); "Xã hội" in an office's own name is
    no commune and keeps its letters."""
    master, _ = _ward_plan(tmp_path, [["1", "Tuyên truyền cải cách hành chính", "Bài viết",
                                       lead, "", "Quý I"]])
    assert _leads(master) == [("Bài viết", [lead])]
    (unit,) = [u for u in master.units if u.name == lead]
    assert unit.code == code
