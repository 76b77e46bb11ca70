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

from cchc_xl.cli import main
from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan
from cchc_xl.units import expand_abbreviations
from plan_documents import Cell, Doc, Table, write_docx
from support.paths import ROOT
from support.tools import convert, needs_libreoffice


def _heading_doc(path, left="ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA", title=("KẾ HOẠCH",
                 "Cải cách hành chính tỉnh Thanh Hóa năm 2026")):
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
    add_table(doc, [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"]])
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


def test_a_number_and_date_on_one_line_are_both_read(tmp_path):
    """A commune's plan with "Số: 05/KH-UBND", tabs, "Hoằng Hóa, ngày 12 tháng 01 năm
    2026" on one line had no day of issue."""
    doc = Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA")
    doc.add_paragraph("Số: 05/KH-UBND\t\tHoằng Hóa, ngày 12 tháng 01 năm 2026")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")
    add_table(doc, [HEAD, ["1", "Rà soát", "Báo cáo", "Phòng Kinh tế", "", "Quý II/2026"]])
    doc.save(tmp_path / "kh.docx")
    plan = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx").master.plan
    assert (plan.number, plan.issued) == ("05/KH-UBND", date(2026, 1, 12))


def test_a_body_under_an_authority_is_the_issuer(tmp_path):
    path = _heading_doc(tmp_path / "kh.docx", left="UBND TỈNH THANH HÓA\nSỞ NỘI VỤ",
                        title=("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026",))
    plan = import_plan(path, tmp_path / "m.xlsx").master.plan
    assert plan.authority == "SỞ NỘI VỤ"
    assert plan.title == "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"


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
                     enumerate([first, "Văn phòng HĐND&UBND", "Văn phòng HĐND - UBND"],
                               start=1)]
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
