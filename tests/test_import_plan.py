"""cchc-xl import: the plan around its tables and the files it is given — the plan's
heading (authority, number, date, title), unit names added to the registry, damaged
documents, and inputs an output may never overwrite."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner
from docx import Document
from test_import_tables import HEAD, TITLE, add_table, plan_docx

from cchc_xl.abbreviations import expand_abbreviations
from cchc_xl.cli import main
from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan
from plan_documents import Cell, Doc, Table, write_docx
from support.paths import ROOT
from support.tools import convert, needs_libreoffice

# The line of cchc-xl import saying the province's communes were added, by its label.
_COMMUNES_ADDED = "] xã/phường lấy theo danh mục chính thức — "


def _heading_doc(path, left="ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA", title=("KẾ HOẠCH",
                 "Cải cách hành chính tỉnh Thanh Hóa năm 2026"),
                 rows=(["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"],)):
    """An issued plan's first page: the borderless heading table, the title, the
    appendix and its table."""
    doc = Document()
    add_table(doc, [[left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
                    ["Số: 275/KH-UBND", "Thanh Hóa, ngày 25 tháng 12 năm 2025"]])
    for line in title:
        doc.add_paragraph(line)
    doc.add_paragraph("Căn cứ Nghị quyết số 76/NQ-CP, UBND tỉnh ban hành Kế hoạch cải cách "
                      "hành chính năm 2026 như sau:")
    doc.add_paragraph("PHỤ LỤC")
    doc.add_paragraph("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    add_table(doc, [HEAD, *rows])
    doc.save(path)
    return path


def test_the_plans_heading_fills_its_fields(tmp_path):
    result = import_plan(_heading_doc(tmp_path / "kh.docx"), tmp_path / "m.xlsx")
    plan = load_master(result.path).plan
    assert plan.authority == "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"
    assert plan.title == "Kế hoạch cải cách hành chính tỉnh Thanh Hóa năm 2026"  # one sentence
    assert plan.number == "275/KH-UBND"
    assert plan.issued == date(2025, 12, 25)
    assert plan.appendix_title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"


def _typed_heading(tmp_path, *lines: str):
    """A commune's plan whose heading is typed as paragraphs (no table): ``lines``, then
    its number and date on one line, tabs between, and its title."""
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.add_paragraph("Số: 05/KH-UBND\t\tHoằng Hóa, ngày 12 tháng 01 năm 2026")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")
    add_table(doc, [HEAD, ["1", "Rà soát", "Báo cáo", "Phòng Kinh tế", "", "Quý II/2026"]])
    doc.save(tmp_path / "kh.docx")
    return import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx").master.plan


def test_a_number_and_date_on_one_line_are_both_read(tmp_path):
    """A commune's plan with "Số: 05/KH-UBND", tabs, "Hoằng Hóa, ngày 12 tháng 01 năm
    2026" on one line had no day of issue."""
    plan = _typed_heading(tmp_path, "ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA")
    assert (plan.number, plan.issued) == ("05/KH-UBND", date(2026, 1, 12))


@pytest.mark.parametrize("lines", [
    ("UBND XÃ HOẰNG HÓA\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "\t\t\tĐộc lập - Tự do - Hạnh phúc"),
    ("ỦY BAN NHÂN DÂN\t\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ HOẰNG HÓA\t\t"
     "Độc lập – Tự do – Hạnh phúc",)])
def test_a_letterhead_typed_on_lines_with_tabs_names_the_issuer_alone(tmp_path, lines):
    """The authority and the national motto typed on one line, tabs between (no table):
    the motto is not part of the issuer's name, which every unit's file, feedback and
    letter shows."""
    plan = _typed_heading(tmp_path, *lines)
    assert plan.authority in ("UBND XÃ HOẰNG HÓA", "ỦY BAN NHÂN DÂN XÃ HOẰNG HÓA")
    assert (plan.number, plan.issued) == ("05/KH-UBND", date(2026, 1, 12))


def test_a_body_under_an_authority_is_the_issuer(tmp_path):
    """A plan the Sở Nội vụ issues: "UBND TỈNH THANH HÓA" over "SỞ NỘI VỤ". The province
    was dropped (a probe): its communes were not added, and reports and letters had
    "SỞ NỘI VỤ" alone in their letterhead, "Số: /BC-…", "…, ngày", "Sở nội vụ báo cáo"."""
    from cchc_xl.issuer import Issuer, authority_name, issuer_of, signer_title

    path = _heading_doc(tmp_path / "kh.docx", left="UBND TỈNH THANH HÓA\nSỞ NỘI VỤ",
                        title=("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026",))
    result = import_plan(path, tmp_path / "m.xlsx")
    plan = result.master.plan
    assert plan.authority == "SỞ NỘI VỤ TỈNH THANH HÓA"
    assert plan.title == "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert "import-province-communes" in [f.code for f in result.findings]
    assert issuer_of(plan.authority) == Issuer(("SỞ NỘI VỤ",), "Thanh Hóa", "SNV",
                                               parent="UBND TỈNH THANH HÓA")
    assert authority_name(plan.authority) == "Sở Nội vụ tỉnh Thanh Hóa"
    assert signer_title(issuer_of(plan.authority)) == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert authority_name("SỞ KẾ HOẠCH VÀ ĐẦU TƯ THÀNH PHỐ HÀ NỘI") == \
        "Sở Kế hoạch và Đầu tư thành phố Hà Nội"
    assert issuer_of("SỞ KẾ HOẠCH VÀ ĐẦU TƯ THÀNH PHỐ HÀ NỘI").symbol == "SKHĐT"
    assert authority_name("SỞ NỘI VỤ") == "Sở Nội vụ"  # no province named: none made up
    assert issuer_of("SỞ NỘI VỤ") == Issuer(("SỞ NỘI VỤ",), "…", "SNV")


def test_a_departments_plan_for_its_own_offices_takes_no_province_units(tmp_path):
    """The Sở Nội vụ's own plan (its phòng lead, "Các phòng thuộc Sở" coordinate) was
    given every sở of the province and 166 communes: "Các phòng thuộc Sở" became the
    group of every sở, and split made a file for the Sở Y tế."""
    rows = [["1", "Rà soát văn bản", "Báo cáo", "Phòng Pháp chế", "Các phòng thuộc Sở",
             "Quý II/2026"],
            ["2", "Kiểm tra công vụ", "Báo cáo", "Thanh tra Sở", "Văn phòng Sở", "Quý III/2026"]]
    path = _heading_doc(tmp_path / "kh.docx", left="UBND TỈNH THANH HÓA\nSỞ NỘI VỤ",
                        title=("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA SỞ NỘI VỤ",),
                        rows=rows)
    result = import_plan(path, tmp_path / "m.xlsx")
    master = result.master
    assert master.plan.authority == "SỞ NỘI VỤ TỈNH THANH HÓA"
    assert sorted(u.name for u in master.units) == [
        "Phòng Pháp chế", "Thanh tra Sở", "Văn phòng Sở"]
    assert "import-province-communes" not in [f.code for f in result.findings]
    first, second = master.deliverables()
    names = {u.code: u.name for u in master.units}
    assert sorted(names[c] for c in first.support) == ["Thanh tra Sở", "Văn phòng Sở"]
    assert [names[c] for c in second.support] == ["Văn phòng Sở"]


def test_the_same_plan_under_another_file_name_is_the_same_plan(tmp_path):
    """The plan's code was the Word file's name: the plan imported again as
    "ban-chinh-thuc.docx" was another plan, and the web app put away the files sent."""
    first = _heading_doc(tmp_path / "KH-CCHC-2026-sua-doi.docx")
    again = tmp_path / "KH-CCHC-2026-ban-chinh-thuc.docx"
    again.write_bytes(first.read_bytes())
    codes = [import_plan(path, tmp_path / f"m{k}.xlsx").master.plan.code
             for k, path in enumerate((first, again))]
    assert codes == ["thanh-hoa-2026", "thanh-hoa-2026"]
    department = _heading_doc(tmp_path / "snv.docx", left="UBND TỈNH THANH HÓA\nSỞ NỘI VỤ")
    assert import_plan(department, tmp_path / "d.xlsx").master.plan.code == "snv-thanh-hoa-2026"
    # A heading that names no place: the file's name, as before.
    unplaced = plan_docx(tmp_path / "Ke hoach 2026.docx",
                         [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"]])
    assert import_plan(unplaced, tmp_path / "u.xlsx").master.plan.code == "ke-hoach-2026"


def test_a_new_version_keeps_the_code_of_the_plan_it_replaces(tmp_path):
    """Given the plan in use (``replacing``), the same issuer's plan of the same year keeps
    its code, made before from a file's name; another year's or issuer's does not."""
    from dataclasses import replace

    source = _heading_doc(tmp_path / "kh.docx")
    in_use = import_plan(source, tmp_path / "a.xlsx").master.plan
    old = replace(in_use, code="kh-cchc-cu")
    assert import_plan(source, tmp_path / "b.xlsx", replacing=old).master.plan.code == \
        "kh-cchc-cu"
    for other in (replace(old, year=2025), replace(old, authority="ỦY BAN NHÂN DÂN TỈNH NGHỆ AN")):
        assert import_plan(source, tmp_path / "c.xlsx", replacing=other,
                           force=True).master.plan.code == "thanh-hoa-2026"


def test_province_given_for_another_provinces_plan_is_a_warning(tmp_path):
    """--province "Thanh Hóa" on Ninh Bình's plan put Thanh Hóa's communes in it silently."""
    source = _commune_plan(tmp_path / "kh.docx")
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(main, ["import", source, "--out", str(out),
                                       "--province", "Thanh Hóa"])
    assert result.exit_code == 1, result.output
    (line,) = [x for x in result.output.splitlines() if "] tỉnh khác với nơi ban hành — " in x]
    assert line.startswith("[Cảnh báo]")
    assert ("kế hoạch do Ủy ban nhân dân tỉnh Ninh Bình ban hành nhưng --province là tỉnh "
            "Thanh Hóa: đã thêm các xã, phường của tỉnh Thanh Hóa; nếu nhầm, nhập lại với "
            '--province "Ninh Bình"') in line
    same = CliRunner().invoke(main, ["import", source, "--out", str(tmp_path / "n.xlsx"),
                                     "--province", "Ninh Bình"])
    assert "tỉnh khác với nơi ban hành" not in same.output


# --- 4, 5. unit names added from the plan ----------------------------------------------------

@pytest.mark.parametrize("written", [
    "Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND phường", "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Sở Kế hoạch và Đầu tư", "Báo và Phát thanh, Truyền hình Thanh Hóa",
    "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp"])
def test_a_name_with_va_or_a_comma_is_one_unit(tmp_path, written):
    path = plan_docx(tmp_path / "kh.docx",
                     [HEAD, ["1", "Rà soát", "Báo cáo", written, "", "Quý II/2026"]])
    result = import_plan(path, tmp_path / "m.xlsx")
    (unit,) = result.master.units
    assert unit.name == expand_abbreviations(written)  # "HĐND" registered in words
    assert result.master.deliverables()[0].lead == [unit.code]


@pytest.mark.parametrize("first", ["Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND phường"])
def test_the_councils_office_is_one_unit_however_written(tmp_path, first):
    """A ward's plan naming its office three ways made two units, each with a file."""
    rows = [HEAD] + [[str(k), "Rà soát", "Báo cáo", name, "", "Quý II/2026"] for k, name in
                     enumerate([first, "Văn phòng HĐND&UBND", "Văn phòng HĐND - UBND",
                                "VP HĐND-UBND", "Văn phòng HDND và UBND"], start=1)]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    (unit,) = result.master.units
    assert {tuple(d.lead) for d in result.master.deliverables()} == {(unit.code,)}


def test_ubnd_xa_phuong_is_the_group_of_communes(tmp_path):
    rows = [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "UBND xã, phường", "Quý II/2026"],
            ["2", "Kiểm tra", "Báo cáo", "Các sở, ban, ngành", "", "Quý III/2026"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    assert [u.name for u in result.master.units] == ["Sở Nội vụ"]
    groups = {g.name: g.kinds for g in result.master.groups}
    assert groups["UBND xã, phường"] == ["commune"]


def test_ubnd_xa_phuong_with_a_province_names_its_communes(tmp_path):
    rows = [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "UBND xã, phường", "Quý II/2026"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx",
                         province="Thanh Hóa")
    (d,) = result.master.deliverables()
    assert len(d.support) == 166
    assert "import-unit-added" not in [f.code for f in result.findings]


def test_a_lead_marked_chu_tri_makes_the_other_names_coordinators(tmp_path):
    """ "Sở Nội vụ (chủ trì), Sở Tư pháp" in the lead column gave the task two leads."""
    rows = [HEAD, ["1", "Xây dựng văn bản", "Quyết định", "Sở Nội vụ (chủ trì), Sở Tư pháp",
                   "", "Quý II/2026"],
            ["2", "Rà soát", "Báo cáo", "Sở Nội vụ, Sở Tư pháp", "", "Quý III/2026"]]
    master = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx").master
    names = {u.code: u.name for u in master.units}
    marked, both = master.deliverables()
    assert [names[c] for c in marked.lead] == ["Sở Nội vụ"]
    assert [names[c] for c in marked.support] == ["Sở Tư pháp"]
    assert sorted(names[c] for c in both.lead) == ["Sở Nội vụ", "Sở Tư pháp"]  # no note


@pytest.mark.parametrize("lead_cell, support_cell, leads, supports", [
    ("Chủ trì: Sở Tư pháp\nPhối hợp: Sở Nội vụ, Sở Tài chính", "", ["Sở Tư pháp"],
     ["Sở Nội vụ", "Sở Tài chính"]),
    ("- Chủ trì: Sở Y tế.\n- Phối hợp: Sở Nội vụ.", "", ["Sở Y tế"], ["Sở Nội vụ"]),
    ("Sở Tài chính chủ trì; Sở Nội vụ phối hợp", "", ["Sở Tài chính"], ["Sở Nội vụ"]),
    ("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Phòng Văn hóa - Xã hội phối hợp Văn phòng HĐND và UBND", "",
     ["Phòng Văn hóa - Xã hội"], ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"]),
    ("Phòng Cải cách hành chính (chủ trì), Văn phòng Sở", "",
     ["Phòng Cải cách hành chính"], ["Văn phòng Sở"]),
    ("Sở Nội vụ", "Sở Tư pháp (phối hợp)", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    # The bracket marks the lead among names on other lines or after ";" too (a QA pass:
    # they had become co-leads), and a label after "," or " - " is a label.
    ("Sở Nội vụ (chủ trì)\nSở Tư pháp", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("- Sở Nội vụ (chủ trì)\n- Sở Tư pháp\n- Sở Tài chính", "", ["Sở Nội vụ"],
     ["Sở Tư pháp", "Sở Tài chính"]),
    ("Sở Nội vụ (chủ trì); Sở Tư pháp", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Chủ trì: Sở Tư pháp, Phối hợp: Sở Nội vụ", "", ["Sở Tư pháp"], ["Sở Nội vụ"]),
    ("Chủ trì: Sở Tư pháp - Phối hợp: Sở Nội vụ", "", ["Sở Tư pháp"], ["Sở Nội vụ"]),
    # "B phối hợp" after the lead, "phối hợp với:" and a list, "(chủ trì)" on a line of
    # its own, what the unit does after its name (a QA pass: units "Sở Tư pháp phối
    # hợp", "với", "Sở Nội vụ tham mưu"; coordinators made leads; the lead made a
    # coordinator).
    ("Sở Nội vụ chủ trì, Sở Tư pháp phối hợp", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Sở Nội vụ chủ trì; Sở Tư pháp, Sở Tài chính phối hợp thực hiện", "", ["Sở Nội vụ"],
     ["Sở Tư pháp", "Sở Tài chính"]),
    ("Sở Nội vụ chủ trì, phối hợp với:\n- Sở Tư pháp\n- Sở Tài chính", "", ["Sở Nội vụ"],
     ["Sở Tư pháp", "Sở Tài chính"]),
    ("Sở Nội vụ\n(chủ trì)", "Sở Tư pháp", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Sở Tư pháp chủ trì, phối hợp Sở Nội vụ tham mưu", "", ["Sở Tư pháp"], ["Sở Nội vụ"]),
    ("Công an tỉnh chủ trì, phối hợp Tổ công tác triển khai Đề án 06", "", ["Công an tỉnh"],
     ["Tổ công tác triển khai Đề án 06"]),
    # Names holding the words are whole (a QA pass cut "Phòng Tham mưu…" to "Phòng"), and
    # a body whose name opens "Tổ công tác" coordinates by its own role word.
    ("Sở Nội vụ chủ trì, phối hợp với Phòng Tham mưu Công an tỉnh", "", ["Sở Nội vụ"],
     ["Phòng Tham mưu Công an tỉnh"]),
    ("Văn phòng UBND tỉnh chủ trì, phối hợp với Ban Chỉ đạo thực hiện", "",
     ["Văn phòng Ủy ban nhân dân tỉnh"], ["Ban Chỉ đạo thực hiện"]),
    ("Sở Nội vụ chủ trì, Sở Tư pháp phối hợp triển khai", "", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Công an tỉnh chủ trì, Tổ công tác triển khai Đề án 06 phối hợp", "", ["Công an tỉnh"],
     ["Tổ công tác triển khai Đề án 06"]),
    # Words that belong to a name, or to no unit, stay as written.
    ("Hội đồng phối hợp phổ biến giáo dục pháp luật tỉnh", "Sở Tư pháp",
     ["Hội đồng phối hợp phổ biến giáo dục pháp luật tỉnh"], ["Sở Tư pháp"]),
])
def test_roles_written_in_a_unit_cell_go_to_their_columns(tmp_path, lead_cell, support_cell,
                                                          leads, supports):
    """A plan with one "Cơ quan thực hiện" column writes "Chủ trì: A / Phối hợp: B" or "A
    chủ trì; B phối hợp": the coordinators were made leads, and "Phối hợp" or "Sở Tài
    chính chủ trì" added as units of their own (a QA pass)."""
    rows = [HEAD, ["1", "Rà soát", "Báo cáo", lead_cell, support_cell, "Quý II/2026"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    names = {u.code: u.name for u in result.master.units}
    (d,) = result.master.deliverables()
    assert [names[c] for c in d.lead] == leads
    assert [names[c] for c in d.support] == supports
    assert sorted(names.values()) == sorted(leads + supports)  # no unit made of the words
    # Noted only where the roles are read, not said: "A phối hợp B" (A leads).
    read = [f for f in result.findings if f.code == "import-roles-read"]
    assert len(read) == (1 if " phối hợp Văn phòng" in lead_cell else 0), read
    assert all("dòng 2" in f.place for f in read)


def test_a_persons_title_is_said_to_be_one_and_never_a_group_of_offices(tmp_path):
    """A Sở's plan for its own offices: "Giám đốc Sở; các Phó Giám đốc Sở" made "các Phó
    Giám đốc Sở" a group of every phòng (the leadership's task given to all of them), and
    "Các phòng, đơn vị thuộc Sở" its other spelling (a QA pass)."""
    rows = [HEAD, ["1", "Chỉ đạo thực hiện", "Kết luận", "Giám đốc Sở; các Phó Giám đốc Sở",
                   "", "Thường xuyên"],
            ["2", "Rà soát", "Báo cáo", "Phòng Tổ chức cán bộ", "", "Quý II/2026"],
            ["3", "Kiểm tra", "Báo cáo", "Các phòng, đơn vị thuộc Sở", "", "Quý III/2026"],
            ["4", "Tuyên truyền", "Tin bài", "Thủ trưởng các sở, ban, ngành", "", "Quý III/2026"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    master = result.master
    kinds = {u.name: u.kind for u in master.units}
    assert kinds["Giám đốc Sở"] == kinds["các Phó Giám đốc Sở"] == "other"
    titled = [f.message.split("'")[1] for f in result.findings
              if f.code == "import-unit-job-title"]
    assert titled == ["Giám đốc Sở", "các Phó Giám đốc Sở"]
    leadership, _, check, heads = master.deliverables()
    names = {u.code: u.name for u in master.units}
    assert sorted(names[c] for c in leadership.lead) == ["Giám đốc Sở", "các Phó Giám đốc Sở"]
    assert [names[c] for c in check.lead] == ["Phòng Tổ chức cán bộ"]  # the offices' group
    spellings = {s for g in master.groups for s in (g.name, *g.spellings)}
    assert "Các phòng, đơn vị thuộc Sở" in spellings
    assert not [s for s in spellings if "Giám đốc" in s]
    assert [names[c] for c in heads.lead] == ["Phòng Tổ chức cán bộ"]  # the heads' offices


def test_a_title_over_a_group_is_the_groups_units(tmp_path):
    """"Chủ tịch UBND các xã, phường" went to the 166 communes; made a unit of its own
    as a person's title, no commune received the task (a QA pass)."""
    rows = [HEAD, ["1", "Đối thoại", "Báo cáo", "Chủ tịch UBND các xã, phường", "",
                   "Quý II/2026"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx",
                         province="Thanh Hóa")
    (d,) = result.master.deliverables()
    assert len(d.lead) == 166
    assert not [f for f in result.findings if f.code == "import-unit-job-title"]


def test_a_group_with_no_units_leading_alone_says_how_to_give_it_some(tmp_path):
    """"Các đơn vị sự nghiệp công lập thuộc tỉnh" leading a task, with no such unit
    listed: the group was empty and the task without a lead, said as "chưa có đơn vị chủ
    trì cụ thể: ghi tên đơn vị hoặc nhóm có trong trang…" (a QA pass), and the imported
    table did not load. It is now a unit of its name, which leads; the warning names it
    and says where to list its units."""
    rows = [HEAD, ["1", "Sắp xếp", "Phương án", "Các đơn vị sự nghiệp công lập thuộc tỉnh", "",
                   "Tháng 9/2026"], ["2", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]]
    result = import_plan(_heading_doc(tmp_path / "kh.docx", rows=rows[1:]), tmp_path / "m.xlsx")
    master = load_master(result.path)
    said = {f.code: f.message for f in result.findings}
    group = "'Các đơn vị sự nghiệp công lập thuộc tỉnh'"
    names = {u.code: u.name for u in master.units}
    assert [names[c] for c in master.deliverables()[0].lead] == [group.strip("'")]
    assert said["import-group-as-unit"].startswith(
        f"{group} chủ trì nhiệm vụ nhưng là nhóm chưa có đơn vị nào trong danh sách: đã thêm "
        "như một đơn vị (mã ")
    assert "thêm các đơn vị ấy vào trang 'Đơn vị', lập nhóm ở trang 'Nhóm'" in (
        said["import-group-as-unit"])
    assert not {"group-empty", "lead-missing", "import-group-added"} & set(said)


def test_a_centrally_run_city_s_offices_are_named_for_the_city(tmp_path):
    """Hà Nội's plan writes "Công an Thành phố", "Văn phòng UBND Thành phố": the province
    template's "Công an tỉnh", "Văn phòng UBND tỉnh" were kept in every output, the plan's
    spelling not even another spelling of them (a QA pass)."""
    rows = (["1", "Rà soát", "Báo cáo", "Văn phòng UBND Thành phố", "Công an Thành phố",
             "Quý II/2026"],)
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left="ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ "
                                      "NỘI", title=("KẾ HOẠCH", "Cải cách hành chính năm 2026"),
                                      rows=rows), tmp_path / "m.xlsx")
    names = {u.code: u for u in result.master.units}
    (d,) = result.master.deliverables()
    lead, support = names[d.lead[0]], names[d.support[0]]
    assert (lead.name, support.name) == ("Văn phòng UBND Thành phố", "Công an Thành phố")
    assert "Công an tỉnh" in support.aliases  # the template's name, another spelling
    assert not [f for f in result.findings if f.code == "import-unit-added"]
    assert not [u for u in result.master.units if u.name.endswith(" tỉnh")]


@pytest.mark.parametrize("cell, names", [
    ("Viettel Quảng Ninh, VNPT Quảng Ninh", ["Viettel Quảng Ninh", "VNPT Quảng Ninh"]),
    ("Bưu điện tỉnh và Điện lực Quảng Ninh", ["Bưu điện tỉnh", "Điện lực Quảng Ninh"]),
])
def test_enterprises_after_a_comma_are_two_units(tmp_path, cell, names):
    """"Viettel Quảng Ninh, VNPT Quảng Ninh" was one unit (a QA pass)."""
    rows = [HEAD, ["1", "Hạ tầng số", "Báo cáo", "Sở Khoa học và Công nghệ", cell,
                   "Quý II/2026"]]
    master = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx").master
    assert [u.name for u in master.units] == ["Sở Khoa học và Công nghệ", *names]


@pytest.mark.parametrize("authority, cells, one, added", [
    # A province's: its place after the template's name; another province's is another unit.
    ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
     ["Công an tỉnh Thanh Hóa", "Công an tỉnh"], "Công an tỉnh", []),
    ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
     ["Sở Nội vụ tỉnh Thanh Hóa", "Sở Nội vụ"], "Sở Nội vụ", []),
    ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", ["Công an tỉnh Nghệ An"], None,
     ["Công an tỉnh Nghệ An"]),
    # A centrally-run city's: "TP" for "Thành phố", the city's name after it.
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
     ["Công an Thành phố", "Công an TP", "Công an thành phố Hà Nội", "Công an TP Hà Nội"],
     "Công an Thành phố", []),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", ["Văn phòng UBND Thành phố", "VP UBND TP"],
     "Văn phòng UBND Thành phố", []),
    # A ward's: the template's office has no kind of place in its name.
    ("ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH",
     ["Phòng Văn hóa - Xã hội phường Hạc Thành", "Phòng Văn hóa - Xã hội"],
     "Phòng Văn hóa - Xã hội", []),
])
def test_a_unit_named_with_the_plan_s_own_place_is_the_template_s(tmp_path, authority,
                                                                    cells, one, added):
    """"Công an tỉnh Thanh Hóa", "Sở Nội vụ tỉnh Thanh Hóa" in Thanh Hóa's plan, "Công an
    TP" and "Công an thành phố Hà Nội" in Hà Nội's were added as units of their own
    beside the template's: two files for one office (a QA pass)."""
    rows = [HEAD, *[[str(k), f"Việc {k}", "Báo cáo", cell, "", "Quý II/2026"]
                    for k, cell in enumerate(cells, 1)]]
    result, made = _units_added(tmp_path, rows, authority)
    assert sorted(made) == added
    if one is not None:
        codes = {d.lead[0] for d in result.master.deliverables()}
        assert len(codes) == 1
        (unit,) = [u for u in result.master.units if u.code in codes]
        assert one in [unit.name, *unit.aliases]


def test_two_central_agencies_after_a_comma_are_two_units(tmp_path):
    rows = [HEAD, ["1", "Công khai ngân sách", "Báo cáo", "Sở Tài chính",
                   "Kho bạc Nhà nước khu vực X, Thuế tỉnh Thanh Hóa", "Quý II/2026"]]
    master = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx").master
    assert [u.name for u in master.units] == [
        "Sở Tài chính", "Kho bạc Nhà nước khu vực X", "Thuế tỉnh Thanh Hóa"]


def _units_added(tmp_path, rows, authority: str):
    """The import of a plan ``authority`` issues, and the message of each unit it added,
    by the name the plan writes."""
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows, lines=(authority, TITLE)),
                         tmp_path / "m.xlsx")
    return result, {f.message.split("'")[1]: f.message for f in result.findings
                    if f.code == "import-unit-added"}


def test_a_name_typed_without_diacritics_is_added_with_the_unit_it_may_be(tmp_path):
    """ "Cong an phuong" was added as a unit of its own without a word about "Công an
    phường"; a name only alike ("Báo Thanh Hóa", "Xã Thanh Phong") is not suggested."""
    rows = [HEAD, ["1", "Cập nhật dữ liệu dân cư", "Dữ liệu", "Cong an phuong", "",
                   "Quý II/2026"],
            ["2", "Tuyên truyền", "Tin bài", "Văn phòng HĐND và UBND", "Báo Ninh Bình",
             "Quý III/2026"]]
    _, added = _units_added(tmp_path, rows, "ỦY BAN NHÂN DÂN PHƯỜNG HOA LƯ")
    assert ("có phải đơn vị 'Công an phường'? Nếu đúng, xóa dòng CAP ở trang 'Đơn vị' và "
            "ghi 'Cong an phuong' vào cột 'Tên gọi khác' của đơn vị đó") in added["Cong an phuong"]
    assert "có phải" not in added["Báo Ninh Bình"]


def test_a_unit_added_to_a_kind_a_group_takes_says_it_gets_the_groups_work(tmp_path):
    rows = [HEAD, ["1", "Cải cách", "Báo cáo", "Phòng Nội vụ", "Các phòng chuyên môn",
                   "Quý II/2026"],
            ["2", "Thẩm định", "Báo cáo", "Phòng Kinh tế", "Hội đồng thẩm định", "Quý III/2026"]]
    result, message = _units_added(tmp_path, rows, "ỦY BAN NHÂN DÂN XÃ HOẰNG TIẾN")
    # Both groups of the commune's offices take a department's work (the second, with the
    # Trung tâm Phục vụ hành chính công, was left out of the warning).
    assert ("loại 'Phòng, ban, sở, ngành', nên nhận cả việc giao cho nhóm 'Các phòng chuyên "
            "môn', 'Các cơ quan, đơn vị thuộc UBND';") in message["Phòng Nội vụ"]
    council = next(u for u in result.master.units if u.name == "Hội đồng thẩm định")
    assert council.kind == "other"
    assert council.code not in result.master.deliverables()[0].support


def test_the_trade_union_is_a_mass_organisation_not_a_department(tmp_path):
    """"Liên đoàn Lao động tỉnh", coordinating one task of Thanh Hóa's 2027 plan, was
    added as a "Phòng, ban, sở, ngành" and so given every task of "Các sở, ban, ngành"
    (a QA pass importing a province's plan), though the Fatherland Front, the Women's
    Union, the Farmers' and Veterans' associations and the Youth Union are "Khác"."""
    name = "Liên đoàn Lao động tỉnh"
    rows = [HEAD, ["1", "Cải cách", "Báo cáo", "Các sở, ban, ngành", "", "Quý II/2027"],
            ["2", "Tuyên truyền", "Tin bài", "Sở Nội vụ", name, "Quý III/2027"]]
    result, message = _units_added(tmp_path, rows, "ỦY BAN NHÂN DÂN TỈNH THANH HÓA")
    union = next(u for u in result.master.units if u.name == name)
    assert union.kind == "other"
    assert "nên nhận cả việc" not in message[name]
    assert union.code not in result.master.deliverables()[0].lead


# --- 6. an output that is an input ------------------------------------------------------------

def test_import_never_overwrites_the_unit_list_it_reads(tmp_path):
    source = plan_docx(tmp_path / "kh.docx",
                       [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]])
    last_year = tmp_path / "ke-hoach-2025.xlsx"
    import_plan(source, last_year)
    before = hashlib.sha256(last_year.read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["import", str(source), "--units", str(last_year),
                                       "--out", str(last_year), "--force"])
    assert result.exit_code == 2
    assert "trùng tệp danh sách đơn vị (--units)" in result.output
    assert hashlib.sha256(last_year.read_bytes()).hexdigest() == before


# --- 9. a damaged document ---------------------------------------------------------------------

@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml",
                                  "_rels/.rels", "word/_rels/document.xml.rels"])
def test_a_docx_with_a_part_cut_short_is_one_line(tmp_path, part):
    good = plan_docx(tmp_path / "kh.docx",
                     [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]])
    bad = tmp_path / "hong.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, data[: len(data) // 2] if info.filename == part else data)
    result = CliRunner().invoke(main, ["import", str(bad), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "tệp Word (.docx) bị hỏng" in result.output
    assert "lưu lại dưới dạng .docx" in result.output
    assert not (tmp_path / "m.xlsx").exists()


def test_a_docx_cut_short_is_damaged_and_a_workbook_named_docx_is_read(tmp_path):
    """A download cut off half-way was "not a Word document ... save it as .docx" (exit
    2, as for a command typed wrongly); a plan workbook saved with a .docx name was "a
    damaged Excel file"."""
    good = plan_docx(tmp_path / "kh.docx",
                     [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]])
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    result = CliRunner().invoke(main, ["import", str(cut), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 1 and "tệp Word (.docx) bị hỏng" in result.output
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["ỦY BAN NHÂN DÂN TỈNH THANH HÓA"])
    book.active.append([TITLE])
    for row in (HEAD, ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]):
        book.active.append(row)
    named = tmp_path / "ke-hoach.docx"  # a plan table in Excel, saved under a Word name
    book.save(named)
    result = CliRunner().invoke(main, ["import", str(named), "--out", str(tmp_path / "m2.xlsx"),
                                       "--year", "2026"])
    assert "bị hỏng" not in result.output and result.exit_code in (0, 1), result.output
    assert load_master(tmp_path / "m2.xlsx").tasks()[0].content == "Rà soát"



def test_a_password_protected_docx_says_so(tmp_path):
    # What Word writes for "Encrypt with Password": an OLE2 file holding the encrypted
    # package (the stream names are UTF-16 in its directory).
    locked = tmp_path / "mat-khau.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                       + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64
                       + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    result = CliRunner().invoke(main, ["import", str(locked), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 1
    assert "tệp có đặt mật khẩu mở" in result.output
    assert "LibreOffice" not in result.output
    # Where Word takes a password off, as its Vietnamese and English menus name it.
    assert ("Tệp > Thông tin > Bảo vệ Tài liệu > Mã hóa bằng Mật khẩu (File > Info > Protect "
            "Document > Encrypt with Password)" in " ".join(result.output.split()))


@needs_libreoffice
def test_an_old_word_doc_named_docx_is_read_as_doc(tmp_path):
    cells = [Cell(r, c, text) for r, row in enumerate(
        [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]])
        for c, text in enumerate(row)]
    # (a table with column widths: LibreOffice's .doc keeps it)
    source = write_docx(Doc([TITLE, Table(6, cells, 2)]), tmp_path / "kh.docx")
    renamed = tmp_path / "cu.docx"
    convert(source, tmp_path / "doc", "doc").rename(renamed)
    result = import_plan(renamed, tmp_path / "m.xlsx")
    assert [d.product for d in result.master.deliverables()] == ["Báo cáo"]


@pytest.mark.parametrize("template", ["master-tinh.xlsx", "master-xa.xlsx", "master-huyen.xlsx"])
def test_a_new_units_kind_is_guessed_as_the_level_templates_list_it(template):
    """"Công an xã" was guessed a department, so a commune's "Các phòng chuyên môn" gave
    it support rows of every task; the templates list police, military commands and
    one-stop shops as "Khác"."""
    from cchc_xl.master import read_master
    from cchc_xl.plan_import.registry import guess_kind

    units = read_master(ROOT / "templates" / template)[0].units  # a template: no issuer yet
    assert units
    assert [(u.name, guess_kind(u.name)) for u in units] == [(u.name, u.kind) for u in units]


# --- a province's communes, and a group of communes with only those the plan names -------

NINH_BINH = "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
COMMUNE_ROWS = [HEAD, ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "", "", "", ""],
                ["1", "Số hóa hồ sơ", "Báo cáo", "UBND các xã, phường", "Sở Nội vụ",
                       "Quý II/2026"],
                ["2", "Thí điểm", "Mô hình", "UBND phường Hoa Lư; UBND xã Giao Hòa", "",
                 "Quý III/2026"]]


def _commune_plan(path, authority: str = NINH_BINH) -> str:
    return str(plan_docx(path, COMMUNE_ROWS, lines=(authority, TITLE)))


def test_a_province_plan_without_a_unit_list_takes_the_provinces_communes(tmp_path):
    """Ninh Bình's 2026 plan imported without --province gave "UBND các xã, phường" the 2
    communes it names, of 129, and check found nothing wrong: the communes are now the
    official list's, as --province gives them, and the import says so in one line."""
    source = _commune_plan(tmp_path / "kh.docx")
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(main, ["import", source, "--out", str(out)])
    assert result.exit_code == 0, result.output
    (note,) = [line for line in result.output.splitlines() if _COMMUNES_ADDED in line]
    assert note.startswith("[Ghi nhận]")
    assert ("kế hoạch do Ủy ban nhân dân tỉnh Ninh Bình ban hành: đã thêm 129 xã, phường của "
            "tỉnh Ninh Bình theo danh mục sau sắp xếp ngày 01/7/2025") in note
    # The terminal's way only: the web app says its own (a QA pass: "(trên trình duyệt:
    # chọn …)" in the terminal).
    assert note.endswith("thì nhập lại với --units TỆP"), note
    assert "trình duyệt" not in result.output
    master = load_master(out)
    all_communes, named = master.deliverables()
    assert len(all_communes.lead) == 129
    assert len(named.lead) == 2 and set(named.lead) < set(all_communes.lead)
    # the same master as with --province
    given = tmp_path / "tinh.xlsx"
    with_province = CliRunner().invoke(main, ["import", source, "--out", str(given),
                                              "--province", "Ninh Bình"])
    assert with_province.exit_code == 0, with_province.output
    # Given by --province (the web app's province box), said how many came: nothing said
    # so on the page (a probe).
    (said,) = [line for line in with_province.output.splitlines()
               if _COMMUNES_ADDED in line]
    assert ("đã thêm 129 xã, phường của tỉnh Ninh Bình theo danh mục sau sắp xếp ngày "
            "01/7/2025 (--province)") in said and "--units" not in said
    again = load_master(given)
    assert [(u.code, u.name, u.kind) for u in again.units] == [
        (u.code, u.name, u.kind) for u in master.units]
    assert [(g.code, g.name, g.kinds, g.note) for g in again.groups] == [
        (g.code, g.name, g.kinds, g.note) for g in master.groups]


@pytest.mark.parametrize("authority, hint, not_hint", [
    # Nam Định, merged into Ninh Bình in 2025, is not in the official list
    ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH", "--province", "trang 'Đơn vị'"),
    # a commune's own plan: --province is refused for it (another ward's: "UBND phường
    # Hoa Lư" in Hoa Lư's own plan is its People's Committee, no commune of the group)
    ("ỦY BAN NHÂN DÂN PHƯỜNG TÂY HOA LƯ", "trang 'Đơn vị'", "--province")])
def test_a_group_of_communes_with_only_the_communes_named_is_a_warning(tmp_path, authority,
                                                                        hint, not_hint):
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(main, ["import", _commune_plan(tmp_path / "kh.docx", authority),
                                       "--out", str(out)])
    assert result.exit_code == 1, result.output
    (warning,) = [line for line in result.output.splitlines()
                  if "] nhóm chỉ gồm xã được nêu — " in line]
    assert warning.startswith("[Cảnh báo]") and "bảng 1, dòng 3" in warning
    assert "nhóm 'UBND các xã, phường' (mã " in warning and ") chỉ có 2 đơn vị" in warning
    assert hint in warning and not_hint not in warning
    assert "trình duyệt" not in warning
    assert _COMMUNES_ADDED not in result.output
    assert len(load_master(out).deliverables()[0].lead) == 2


def test_a_unit_list_with_the_communes_or_a_province_gives_no_warning(tmp_path):
    source = _commune_plan(tmp_path / "kh.docx", "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH")
    result = import_plan(source, tmp_path / "m.xlsx", province="Ninh Bình")
    codes = [f.code for f in result.findings]
    assert "import-group-thin" not in codes
    assert codes.count("import-province-communes") == 1  # how many --province gave: a note
    assert {f.severity for f in result.findings if f.code == "import-province-communes"} == {
        "note"}
    again = import_plan(source, tmp_path / "m2.xlsx", units=tmp_path / "m.xlsx")
    assert "import-group-thin" not in [f.code for f in again.findings]


# --- the appendix's heading -------------------------------------------------------------------

BODY_AFTER = ("III. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ chủ trì theo dõi, đôn đốc việc thực hiện "
              "Kế hoạch CCHC; các sở, ban, ngành báo cáo kết quả trước ngày 15 của tháng cuối "
              "quý.")


def _appendix_doc(path, heading: str):
    doc = Document()
    doc.add_paragraph(NINH_BINH)
    doc.add_paragraph(TITLE)
    doc.add_paragraph(heading)  # "\n": a line break (Shift+Enter), as python-docx writes it
    add_table(doc, [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"]])
    for line in BODY_AFTER:
        doc.add_paragraph(line)
    doc.save(path)
    return path


def test_appendix_heading_lines_broken_in_one_paragraph_are_read(tmp_path):
    """"PHỤ LỤC" / the title / "(Kèm theo …)" typed in one paragraph with Shift+Enter: the
    appendix title was the paragraph of section III after the table, "Kèm theo" empty."""
    path = _appendix_doc(tmp_path / "kh.docx", "PHỤ LỤC\nNHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026\n"
                         "(Kèm theo Kế hoạch số 45/KH-UBND ngày 15/01/2026 của UBND tỉnh Ninh "
                         "Bình)")
    assert b"<w:br/>" in zipfile.ZipFile(path).read("word/document.xml")
    plan = load_master(import_plan(path, tmp_path / "m.xlsx").path).plan
    assert plan.appendix_title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert plan.attachment == ("(Kèm theo Kế hoạch số 45/KH-UBND ngày 15/01/2026 của UBND tỉnh "
                               "Ninh Bình)")
    # No "Số:" line in its letterhead: the number and date the appendix cites are the
    # plan's (the report's opening sentence cites them; a probe found them empty).
    assert (plan.number, plan.issued.isoformat()) == ("45/KH-UBND", "2026-01-15")


def test_a_paragraph_after_the_tables_is_never_the_appendix_title(tmp_path):
    path = _appendix_doc(tmp_path / "kh.docx", "PHỤ LỤC")
    plan = load_master(import_plan(path, tmp_path / "m.xlsx").path).plan
    assert plan.appendix_title == ""


@pytest.mark.parametrize("line, title", [
    ("Đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp", ""),
    ("II. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", ""),
    ("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")])
def test_without_a_phu_luc_line_only_a_title_in_capitals_is_the_appendix_title(tmp_path, line,
                                                                               title):
    """A commune's plan with a table per area and no "PHỤ LỤC" line: a sentence of its
    body that spoke of reform was taken as the appendix's title, and `appendix` printed
    one appendix headed by it instead of the plan's tables."""
    path = _appendix_doc(tmp_path / "kh.docx", line)
    assert load_master(import_plan(path, tmp_path / "m.xlsx").path).plan.appendix_title == title


# --- kinds guessed for agencies ---------------------------------------------------------------

@pytest.mark.parametrize("name, kind", [
    ("Kho bạc Nhà nước khu vực V", "other"), ("Bảo hiểm xã hội tỉnh", "other"),
    ("Thuế tỉnh Ninh Bình", "other"), ("Cục Thuế tỉnh", "other"),
    ("Chi cục Hải quan Ninh Bình", "other"), ("Thống kê tỉnh Ninh Bình", "other"),
    ("Ban Quản lý các khu công nghiệp tỉnh", "department"),
    ("Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp", "department"),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "public_service"),
    ("Chi cục Kiểm lâm", "department")])
def test_central_agencies_are_not_departments_and_the_parks_board_is(tmp_path, name, kind):
    """The treasury and social insurance joined "Các sở, ban, ngành"; the industrial parks'
    board, a "ban" of the province, was left out of it."""
    rows = [HEAD, ["1", "Cải cách", "Báo cáo", name, "", "Quý II/2026"],
            ["2", "Kiểm tra", "Báo cáo", "Công an tỉnh", "Các sở, ban, ngành", "Quý III/2026"]]
    master = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx").master
    unit = next(u for u in master.units if u.name == name)
    assert unit.kind == kind
    assert (unit.code in master.deliverables()[1].support) == (kind == "department")


def test_import_force_over_the_master_in_use_keeps_its_code(tmp_path):
    """`cchc-xl import KH.docx --out master.xlsx --force` over the master in use gave the
    plan a new code (made from the new file's name): the ledger and the files returned no
    longer matched it. Written over a workbook that is no master, the code is as before."""
    from openpyxl import Workbook

    from cchc_xl.master import read_master

    rows = [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"]]
    first = plan_docx(tmp_path / "Ke hoach 2026.docx", rows)
    again = plan_docx(tmp_path / "Ke hoach 2026 sua doi.docx", rows)
    out = tmp_path / "master.xlsx"
    runner = CliRunner()
    assert "Đã tạo" in runner.invoke(main, ["import", str(first), "--out", str(out)]).output
    assert read_master(out)[0].plan.code == "ke-hoach-2026"
    result = runner.invoke(main, ["import", str(again), "--out", str(out), "--force"])
    assert "Đã tạo" in result.output, result.output
    assert read_master(out)[0].plan.code == "ke-hoach-2026"
    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    result = runner.invoke(main, ["import", str(again), "--out", str(other), "--force"])
    assert "Đã tạo" in result.output, result.output
    assert read_master(other)[0].plan.code == "ke-hoach-2026-sua-doi"


def test_a_plans_text_that_reads_as_a_formula_stays_its_text(tmp_path):
    """A task, a product and a title of a plan document starting with "=" were written
    into the plan table as formulas: opened in Excel, the task '=HYPERLINK("http://...",
    "Bấm xem")' was a link saying "Bấm xem" to somewhere else, and "=1+1" read 2. The
    same for a signer typed on the plan page. Each is now its text, as written."""
    from openpyxl import load_workbook

    from cchc_xl.master.read import read_master
    from cchc_xl.master.write import edit_plan_fields

    task = '=HYPERLINK("http://vi-du.invalid/x","Bấm xem")'
    path = plan_docx(tmp_path / "kh.docx", [
        HEAD, ["1", task, "=1+1", "Sở Tư pháp", "", "Quý II/2026"]])
    out = tmp_path / "ke-hoach.xlsx"
    import_plan(path, out)
    signed = tmp_path / "da-ky.xlsx"
    edit_plan_fields(out, signed, {"signer": "=A1"})
    for book in (out, signed):
        with zipfile.ZipFile(book) as zf:
            sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
            assert not [n for n in sheets if b"<f>" in zf.read(n)], book
    wb = load_workbook(signed)
    texts = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows()
             for c in row if isinstance(c.value, str)}
    assert texts[task] == texts["=1+1"] == texts["=A1"] == "s"
    read, _ = read_master(signed)  # a plan without its authority: read, not checked
    assert read.plan.signer == "=A1"
    assert [t.content for a in read.areas for t in a.tasks] == [task]
