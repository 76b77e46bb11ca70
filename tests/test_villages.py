"""A commune's villages and residential groups (thôn, tổ dân phố) as plans name them:
"Trưởng thôn", "Trưởng thôn, Tổ trưởng tổ dân phố", "Ban công tác Mặt trận các thôn",
"các thôn, tổ dân phố". Every wording means all of the commune's places: one group of
them (or the registry's group of places), never a unit named after a title.

Before (a QA pass): "Trưởng thôn" and "Tổ trưởng tổ dân phố" were each added as a unit
(kind Khác) that got a file of its own; "Ban công tác Mặt trận các thôn" was made a
spelling of "Các phòng chuyên môn", so every phòng got the villages' work; a plan typed
by hand with "Trưởng thôn" beside a group "Các thôn" was refused ("không tìm thấy đơn
vị hay nhóm").
"""

from __future__ import annotations

import pytest
from docx import Document
from openpyxl import load_workbook
from test_import_2026_plans import HEAD, _letterhead
from test_import_tables import add_table

from cchc_xl.master import read_master
from cchc_xl.master.layout import template_name
from cchc_xl.plan_import import import_plan
from cchc_xl.templates import template_path
from cchc_xl.unit_names import places_group_note

WORDINGS = ["Trưởng thôn", "Trưởng các thôn", "Trưởng thôn, Tổ trưởng tổ dân phố",
            "các thôn, tổ dân phố", "Ban công tác Mặt trận các thôn"]
TEMPLATE_UNITS = {"VP", "KT", "VHXH", "PVHCC", "CA", "QS"}


def _commune_plan(tmp_path, rows):
    """A commune's Word plan of ``rows`` (after the header), imported: the result."""
    doc = Document()
    _letterhead(doc, "ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA", True)
    doc.add_paragraph("I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    add_table(doc, [HEAD, *rows])
    doc.save(tmp_path / "kh.docx")
    return import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")


def test_every_wording_of_the_villages_as_coordinator_is_one_group_of_places(tmp_path):
    result = _commune_plan(tmp_path, [
        [str(i), f"Niêm yết thủ tục {i}", "Bảng niêm yết", "Công an xã", text, "Quý II/2026"]
        for i, text in enumerate(WORDINGS, start=1)])
    master = result.master
    assert {u.code for u in master.units} == TEMPLATE_UNITS  # no unit "Trưởng thôn"
    (places,) = [g for g in master.groups if g.note == places_group_note("Các thôn")]
    assert (places.name, places.is_open) == ("Các thôn", True)
    # The Front's committees of the villages are no phòng.
    (pb,) = [g for g in master.groups if g.code == "PB"]
    assert not [s for s in pb.spellings if "thôn" in s]
    assert [(d.lead, d.support) for d in master.deliverables()] == [(["CA"], [])] * 5
    said = [f for f in result.findings if f.code.startswith("import-")]
    assert "import-unit-added" not in [f.code for f in said]
    assert [f.message for f in said if f.code == "import-group-added"] == [
        f"'Trưởng thôn' chưa có trong danh sách: đã thêm nhóm mã {places.code} 'Các thôn'; "
        "kiểm tra trang 'Nhóm'"]
    # Each product's note says the villages' share is reported by no file of their own,
    # and how to give them theirs: said once a row (the import's warning on the first row
    # said it too, a line above the check's note on the same cell).
    opened = [f for f in result.findings if f.code == "group-open"]
    assert len(opened) == 5
    told = [f.place for f in result.findings if "ghi mã của họ" in f.message]
    assert told == [f.place for f in opened]
    # Each names the places its cell writes (a QA pass: "thôn, tổ dân phố" of "Các ấp").
    assert [f.message.split("thêm từng ")[1].split(" ở trang 'Đơn vị'")[0]
            for f in opened] == ["thôn", "thôn", "thôn, tổ dân phố", "thôn, tổ dân phố", "thôn"]
    assert len(set(told)) == 5


def test_the_villages_leading_get_one_file_whatever_the_wording(tmp_path):
    """"Trưởng thôn" alone as a lead: the group of places made a unit (the usual
    import-group-as-unit), named for the places, not for a title; "Văn phòng HĐND và
    UBND xã, Trưởng thôn" and "Tổ trưởng tổ dân phố" elsewhere reach that same unit."""
    result = _commune_plan(tmp_path, [
        ["1", "Niêm yết thủ tục", "Bảng niêm yết", "Trưởng thôn", "Công an xã", "Quý II/2026"],
        ["2", "Tuyên truyền", "Tin bài", "Văn phòng HĐND và UBND xã, Trưởng thôn", "",
         "Quý III/2026"],
        ["3", "Rà soát", "Báo cáo", "Phòng Văn hóa - Xã hội", "Tổ trưởng tổ dân phố",
         "Quý IV/2026"]])
    master = result.master
    (added,) = [u for u in master.units if u.code not in TEMPLATE_UNITS]
    assert added.name == "Các thôn"
    first, second, third = master.deliverables()
    assert (first.lead, second.lead, third.support) == ([added.code], ["VP", added.code],
                                                       [added.code])
    (warned,) = [f.message for f in result.findings if f.code == "import-group-as-unit"]
    assert warned.startswith(
        f"'Trưởng thôn' chủ trì nhiệm vụ nhưng là nhóm chưa có đơn vị nào trong danh sách: "
        f"đã thêm như một đơn vị 'Các thôn' (mã {added.code}, loại 'Khác')")
    # The table as written reads back the same (check of the imported plan).
    again, found = read_master(tmp_path / "m.xlsx")
    assert [d.lead for d in again.deliverables()] == [d.lead for d in master.deliverables()]
    assert not [f for f in found if f.severity == "error"]


def _typed_commune_plan(path, lead: str, support: str, villages: list[str]):
    """The commune template filled by hand: a group "Các thôn" on 'Nhóm' (of the units
    ``villages``, added on 'Đơn vị'; open without them) and one task."""
    wb = load_workbook(template_path(template_name("xa")))
    wb["Kế hoạch"]["B2"] = "hoang-hoa-2026"
    wb["Kế hoạch"]["B7"] = 2026
    codes = []
    for i, name in enumerate(villages, start=1):
        wb["Đơn vị"].append([f"T{i}", name, "Khác"])
        codes.append(f"T{i}")
    wb["Nhóm"].append(["THON", "Các thôn", None, None, "; ".join(codes) or None,
                       None if codes else places_group_note("Các thôn")])
    area = wb["Lĩnh vực 1"]
    area["B1"], area["B2"] = "TT", "Cải cách thủ tục hành chính"
    for col, value in enumerate(["TT-01", "1", "Niêm yết thủ tục", "Bảng niêm yết", lead,
                                 support or None, "Quý II/2026"], start=1):
        area.cell(6, col, value)
    wb.save(path)
    return path


def test_a_typed_plan_gives_the_heads_of_villages_work_to_its_villages(tmp_path):
    master, found = read_master(_typed_commune_plan(
        tmp_path / "kh.xlsx", "Trưởng thôn, Tổ trưởng tổ dân phố", "Văn phòng HĐND và UBND",
        ["Thôn Đông", "Thôn Tây"]))
    assert not [f.message for f in found if f.severity == "error"
                and f.code != "plan-field-missing"]
    (d,) = master.deliverables()
    assert (d.lead, d.support) == (["T1", "T2"], ["VP"])


def test_a_typed_plan_with_an_open_group_of_villages_notes_their_share(tmp_path):
    master, found = read_master(_typed_commune_plan(
        tmp_path / "kh.xlsx", "Công an xã", "Trưởng thôn", []))
    assert not [f.message for f in found if f.severity == "error"
                and f.code != "plan-field-missing"]
    (d,) = master.deliverables()
    assert (d.lead, d.support) == (["CA"], [])
    assert [f.code for f in found if f.cell == "F6"] == ["group-open"]


def test_split_says_whose_report_counts_for_the_villages_however_written(tmp_path):
    """The villages coordinate ("Trưởng thôn" in one row, "các thôn" in another): split
    named only the "các …" wording, so the share of "Trưởng thôn" went to nobody without a
    word, and neither note said what becomes of the product's answer. One note for the
    group, its products, and that the lead's report is the one counted (a coordinator's
    never is: docs/counting.md). A note, not a warning: each product keeps its lead.
    Several products are said as several ("các sản phẩm …", "của các sản phẩm đó": it
    said "sản phẩm đó" after naming two)."""
    from cchc_xl.master import load_master
    from cchc_xl.split import split_master

    _commune_plan(tmp_path, [
        ["1", "Niêm yết thủ tục", "Bảng niêm yết", "Công an xã", "Trưởng thôn", "Quý II/2026"],
        ["2", "Tuyên truyền", "Tin bài", "Công an xã", "các thôn", "Quý III/2026"]])
    master = load_master(tmp_path / "m.xlsx")
    first, second = master.deliverables()
    done = split_master(master, "NAM", tmp_path / "giao")
    assert [f.unit_name for f in done.files] == ["Công an xã"]
    said = [f for f in done.findings if f.code == "group-open"]
    assert [(f.severity, f.message) for f in said] == [("note", (
        f"'Các thôn' là nhóm mở, không giao cho đơn vị cụ thể nào: phần việc của 'Các thôn' ở "
        f"các sản phẩm {first.id}, {second.id} không gửi cho ai (thôn không có tệp báo "
        "cáo); kết quả được tính theo báo cáo của đơn vị chủ trì (Công an xã). Muốn thôn "
        "báo cáo phần của mình, thêm từng thôn ở trang 'Đơn vị' và ghi mã "
        "của họ vào cột 'Gồm các đơn vị' của nhóm ở trang 'Nhóm', hoặc ghi cơ quan báo cáo thay "
        "cho họ vào ô chủ trì, phối hợp của các sản phẩm đó ở trang nhiệm vụ"))]


@pytest.mark.parametrize("cell, places", [
    ("Các ấp", "ấp"),
    ("Trưởng các ấp", "ấp"),
    ("Các ấp, khu phố", "ấp, khu phố"),
    ("các buôn, sóc", "buôn, sóc"),
    ("Trưởng các thôn, bản", "thôn, bản"),
    ("các tổ dân phố", "tổ dân phố"),
])
def test_the_note_names_the_places_the_plan_writes(tmp_path, cell, places):
    """A southern commune's plan naming "Các ấp" was told "(thôn, tổ dân phố không có tệp
    báo cáo)", places it has none of (a QA pass): the import's note on the cell and the
    group's note on 'Nhóm' name the plan's own word."""
    import openpyxl

    doc = Document()
    _letterhead(doc, "UBND TỈNH AN GIANG\nỦY BAN NHÂN DÂN\nXÃ AN BIÊN", True)
    add_table(doc, [HEAD, ["1", "Niêm yết thủ tục", "Bảng niêm yết", "Công an xã", cell,
                           "Quý II/2026"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    (said,) = [f for f in result.findings if f.code == "group-open"]
    assert said.message == (
        f"'{cell}' là nhóm mở, không giao cho đơn vị cụ thể nào: phần việc của '{cell}' ở "
        f"nhiệm vụ này không gửi cho ai ({places} không có tệp báo cáo); kết quả được tính "
        f"theo báo cáo của đơn vị chủ trì (Công an xã). Muốn {places} báo cáo phần của mình, "
        f"thêm từng {places} ở trang 'Đơn vị' và ghi mã của họ vào cột 'Gồm các đơn vị' của "
        "nhóm ở trang 'Nhóm', hoặc ghi cơ quan báo cáo thay cho họ vào ô này")
    rows = list(openpyxl.load_workbook(tmp_path / "m.xlsx")["Nhóm"].iter_rows(values_only=True))
    note = rows[0].index("Ghi chú")
    (row,) = [r for r in rows if r[note] and r[note].startswith("Nhóm mở: chưa có")]
    assert row[note].startswith(f"Nhóm mở: chưa có {places} nào. Thêm từng nơi ở trang")
