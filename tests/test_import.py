"""cchc-xl import: plans as issued (Word, Excel) into masters.

The round trip writes each bundled plan as a Word document and a workbook in every
layout (scripts/plan_documents.py), imports it with last year's registry, and
compares what ``show --json`` shows with the bundled master's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.master import load_master, read_master
from cchc_xl.plan_import import import_plan, read_blocks
from cchc_xl.plan_import.build import build_areas
from cchc_xl.plan_import.recognize import recognize
from cchc_xl.vocab import WARNING
from cchc_xl.web.wording import for_browser
from plan_documents import LAYOUTS, Cell, Doc, Table, write_docx, write_plan_document, write_xlsx
from support.mistakes import save_as_strict
from support.paths import HH_MASTER, NH_MASTER
from support.plans import meaningful, plan_document
from support.tools import convert, needs_libreoffice


@pytest.fixture(scope="module")
def plans(hh_master, nh_master):
    """The bundled plans, loaded once: {master path: (plan, what a user checks in it)}."""
    return {HH_MASTER: (hh_master, meaningful(hh_master)),
            NH_MASTER: (nh_master, meaningful(nh_master))}


@pytest.mark.slow
@pytest.mark.parametrize("ext", ["docx", "xlsx"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("master", [HH_MASTER, NH_MASTER], ids=["hoang-hoa", "nghia-hung"])
def test_bundled_plan_round_trips_through_each_layout(tmp_path, plans, master, layout, ext):
    plan, expected = plans[master]
    source = write_plan_document(plan, tmp_path / f"ke-hoach.{ext}", layout)
    result = import_plan(source, tmp_path / "master.xlsx", units=master)
    assert meaningful(result.master) == expected
    # The seeds' own deadlines warn in any master: undatable texts, and Hoằng Hóa's
    # "Tháng 11/2022" before its plan was issued in December 2022.
    assert not [f.render() for f in result.findings if f.severity != "note"
                and f.code not in ("import-products-split", "deadline-undated",
                                   "deadline-before-issue")]


# --- small documents for one feature each ----------------------------------------

HEADER = ["TT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]


def _doc(rows: list[list[str]], lines=("Kế hoạch cải cách hành chính năm 2026",),
         merges=()) -> Doc:
    """One table: HEADER then rows; ``merges`` are Cells spanning rows or columns."""
    covered = {(m.row + r, m.col + c) for m in merges for r in range(m.rows)
               for c in range(m.cols)}
    cells = [Cell(0, i, h, bold=True) for i, h in enumerate(HEADER)]
    for r, row in enumerate(rows, start=1):
        cells += [Cell(r, c, text) for c, text in enumerate(row) if (r, c) not in covered]
    return Doc([*lines, Table(len(HEADER), cells + list(merges), len(rows) + 1)])


def _areas(tmp_path, doc: Doc, ext: str = "docx"):
    path = tmp_path / f"plan.{ext}"
    (write_docx(doc, path) if ext == "docx" else write_xlsx(doc, path, "phu-luc"))
    raw = recognize(read_blocks(path), str(path))
    return build_areas(raw, 2026, str(path)), raw


@pytest.mark.parametrize("ext", ["docx", "xlsx"])
def test_sub_tasks_under_a_heading_row_get_their_own_ids(tmp_path, ext):
    doc = _doc([
        ["I. CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
        ["5", "Rà soát văn bản", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"],
        ["6", "Nâng cao chất lượng xây dựng văn bản", "", "", "", ""],
        ["6.1", "Thẩm định dự thảo", "Báo cáo thẩm định", "Sở Tư pháp", "", "Tháng 6/2026"],
        ["6.2", "Lấy ý kiến dự thảo", "Văn bản góp ý", "Văn phòng UBND tỉnh", "", "Quý III/2026"],
        ["7", "Tuyên truyền", "", "", "", ""],
        ["a)", "Trên báo", "Tin bài", "Sở Nội vụ", "", "Tháng 3/2026"],
        ["b)", "Trên đài", "Phóng sự", "Sở Nội vụ", "", "Tháng 9/2026"],
    ], merges=[Cell(1, 0, "I. CẢI CÁCH THỂ CHẾ", cols=6)])
    built, _ = _areas(tmp_path, doc, ext)
    (area,) = built.areas
    assert area.code == "TC" and area.title == "Cải cách thể chế"
    assert [(h.id, h.number) for h in area.headings] == [("TC-06", "6"), ("TC-07", "7")]
    assert [(t.id, t.number, t.parent) for t in area.tasks] == [
        ("TC-05", "5", ""), ("TC-06-1", "6.1", "TC-06"), ("TC-06-2", "6.2", "TC-06"),
        ("TC-07-1", "a)", "TC-07"), ("TC-07-2", "b)", "TC-07")]
    assert area.tasks[2].content == "Lấy ý kiến dự thảo"
    assert area.tasks[2].deliverables[0].lead_text == "Văn phòng UBND tỉnh"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_sub_tasks_round_trip_through_the_master(tmp_path, layout):
    doc = _doc([
        ["I. CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
        ["5", "Rà soát văn bản", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"],
        ["6", "Nâng cao chất lượng xây dựng văn bản", "", "", "", ""],
        ["6.1", "Thẩm định dự thảo", "Báo cáo thẩm định", "Sở Tư pháp", "", "Tháng 6/2026"],
        ["", "", "Kết luận", "", "", "Tháng 12/2026"],
        ["6.2", "Lấy ý kiến dự thảo", "Văn bản góp ý", "Sở Nội vụ", "", "Quý III/2026"],
    ], lines=("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Kế hoạch cải cách hành chính năm 2026"),
       merges=[Cell(1, 0, "I. CẢI CÁCH THỂ CHẾ", cols=6), Cell(4, 0, "6.1", rows=2),
               Cell(4, 1, "Thẩm định dự thảo", rows=2), Cell(4, 3, "Sở Tư pháp", rows=2)])
    first = tmp_path / "lan-1.xlsx"
    import_plan(write_docx(doc, tmp_path / "kh.docx"), first)
    shown = json.loads(CliRunner().invoke(main, ["show", str(first), "--json"]).output)
    (area,) = shown["areas"]
    assert area["headings"] == [{"id": "TC-06", "number": "6",
                                 "content": "Nâng cao chất lượng xây dựng văn bản"}]
    assert [(t["id"], t["parent"], [d["id"] for d in t["deliverables"]])
            for t in area["tasks"]] == [("TC-05", None, ["TC-05"]),
                                        ("TC-06-1", "TC-06", ["TC-06-1", "TC-06-1.2"]),
                                        ("TC-06-2", "TC-06", ["TC-06-2"])]
    again = write_plan_document(first, tmp_path / "lan-2.docx", layout)
    second = import_plan(again, tmp_path / "lan-2.xlsx", units=first)
    assert meaningful(second.master) == meaningful(load_master(first))


@pytest.mark.parametrize("ext", ["docx", "xlsx"])
def test_products_under_merged_cells_and_second_products_of_sub_tasks(tmp_path, ext):
    doc = _doc([
        ["A. Cải cách thủ tục hành chính", "", "", "", "", ""],
        ["1", "Rà soát thủ tục", "Kế hoạch", "Sở Nội vụ", "Các sở", "Quý I/2026"],
        ["", "", "Báo cáo", "", "", "Quý IV/2026"],
        ["2", "Số hóa", "", "", "", ""],
        ["2.1", "Số hóa hồ sơ", "Kế hoạch", "Sở KH&CN", "", "Tháng 2/2026"],
        ["", "", "Báo cáo", "", "", "Tháng 11/2026"],
    ], merges=[Cell(2, 0, "1", rows=2), Cell(2, 1, "Rà soát thủ tục", rows=2),
               Cell(2, 3, "Sở Nội vụ", rows=2), Cell(2, 4, "Các sở", rows=2),
               Cell(5, 0, "2.1", rows=2), Cell(5, 1, "Số hóa hồ sơ", rows=2),
               Cell(5, 3, "Sở KH&CN", rows=2)])
    built, _ = _areas(tmp_path, doc, ext)
    (area,) = built.areas
    assert area.code == "TTHC"
    first, sub = area.tasks
    assert [(d.id, d.product, d.deadline.raw, d.lead_text, d.support_text)
            for d in first.deliverables] == [
        ("TTHC-01", "Kế hoạch", "Quý I/2026", "Sở Nội vụ", "Các sở"),
        ("TTHC-01.2", "Báo cáo", "Quý IV/2026", "Sở Nội vụ", "Các sở")]
    assert [d.id for d in sub.deliverables] == ["TTHC-02-1", "TTHC-02-1.2"]
    assert sub.deliverables[1].lead_text == "Sở KH&CN"


def test_bullet_products_split_only_when_each_has_its_own_deadline(tmp_path):
    doc = _doc([
        ["Nội dung 1: Công tác chỉ đạo, điều hành", "", "", "", "", ""],
        ["1", "Kiểm tra", "- Kế hoạch kiểm tra\n- Báo cáo kiểm tra", "Sở Nội vụ", "",
         "- Quý I/2026\n- Quý IV/2026"],
        ["2", "Tuyên truyền", "- Kế hoạch;\n- Báo cáo.", "Sở Nội vụ", "",
         "- Kế hoạch: Tháng 01/2026;\n- Báo cáo: Tháng 12/2026"],
        ["3", "Theo dõi", "- Kế hoạch;\n- Báo cáo.", "Sở Nội vụ", "", "Quý IV/2026"],
        # The list's own punctuation is not the product's, nor the deadline's; a
        # sentence's "." stays where the list has no ";".
        ["4", "Rà soát", "- Kế hoạch rà soát;\n- Báo cáo kết quả.", "Sở Nội vụ", "",
         "- Quý I/2026;\n- Đột xuất."],
        ["5", "Công khai", "- Kế hoạch\n- Báo cáo kết quả thực hiện.", "Sở Nội vụ", "",
         "- Quý I/2026\n- Quý IV/2026"],
    ])
    built, _ = _areas(tmp_path, doc)
    (area,) = built.areas
    assert area.title == "Công tác chỉ đạo, điều hành"
    one, two, three, four, five = area.tasks
    assert [(d.product, d.deadline.raw) for d in one.deliverables] == [
        ("Kế hoạch kiểm tra", "Quý I/2026"), ("Báo cáo kiểm tra", "Quý IV/2026")]
    assert [(d.product, d.deadline.raw) for d in four.deliverables] == [
        ("Kế hoạch rà soát", "Quý I/2026"), ("Báo cáo kết quả", "Đột xuất")]
    assert [d.product for d in five.deliverables] == ["Kế hoạch", "Báo cáo kết quả thực hiện."]
    assert [d.product for d in two.deliverables] == ["- Kế hoạch;\n- Báo cáo."]
    assert len(two.deliverables[0].deadline.parts) == 2
    assert [d.product for d in three.deliverables] == ["- Kế hoạch;\n- Báo cáo."]
    assert set(f.code for f in built.findings) == {"import-products-split"}


def test_products_one_a_line_without_bullets_split_when_each_line_is_a_date(tmp_path):
    """Products one a line, numbered "1)" or not marked at all, against as many dated
    lines, stayed one product due at the last date (a QA pass). A product written on two
    lines, its second in lower case, or against lines that are no dates, stays one."""
    doc = _doc([
        ["Nội dung 1: Công tác chỉ đạo, điều hành", "", "", "", "", ""],
        ["1", "Kế hoạch", "Kế hoạch CCHC năm 2026\nKế hoạch kiểm tra CCHC", "Sở Nội vụ", "",
         "Tháng 12/2025\nTháng 01/2026"],
        ["2", "Phi địa giới", "1) Quy trình phi địa giới\n2) Báo cáo đánh giá", "Sở Nội vụ",
         "", "1) Quý I/2026\n2) Quý IV/2026"],
        ["3", "Báo cáo", "Báo cáo kết quả thực hiện\ncông tác cải cách hành chính",
         "Sở Nội vụ", "", "Quý IV/2026\n(trước ngày 15/12)"],
        ["4", "Tuyên truyền", "Tin bài\nPhóng sự", "Sở Nội vụ", "", "Thường xuyên\nTheo kế hoạch"],
        ["5", "Rà soát", "Kế hoạch rà soát\nBáo cáo rà soát", "Sở Nội vụ", "", "Quý I\nGhi sau"],
        # One product on two lines against a date and its refinement (a QA pass split it).
        ["6", "Kiểm tra", "Báo cáo kết quả thực hiện\nCông tác kiểm tra năm 2026", "Sở Nội vụ",
         "", "Quý IV/2026\n(Trước 15/12/2026)"],
        ["7", "Kiểm tra", "Báo cáo kết quả\nCông tác kiểm tra", "Sở Nội vụ", "",
         "Quý IV/2026\nTrước 15/12/2026"],
    ])
    built, _ = _areas(tmp_path, doc)
    one, two, three, four, five, six, seven = built.areas[0].tasks
    assert len(six.deliverables) == len(seven.deliverables) == 1
    assert [(d.product, d.deadline.raw) for d in one.deliverables] == [
        ("Kế hoạch CCHC năm 2026", "Tháng 12/2025"), ("Kế hoạch kiểm tra CCHC", "Tháng 01/2026")]
    assert [(d.product, d.deadline.raw) for d in two.deliverables] == [
        ("Quy trình phi địa giới", "Quý I/2026"), ("Báo cáo đánh giá", "Quý IV/2026")]
    assert len(three.deliverables) == 1  # one product on two lines
    assert [d.product for d in four.deliverables] == ["Tin bài", "Phóng sự"]
    assert len(five.deliverables) == 1  # "Ghi sau" is no date


@pytest.mark.parametrize("ext", ["docx", "xlsx"])
def test_messy_text_is_cleaned_and_kept(tmp_path, ext):
    nfd = "Ca\u0309i ca\u0301ch thu\u0309 tu\u0323c"  # NFD "Cải cách thủ tục"
    doc = _doc([
        ["I", f"{nfd}\u00a0hành  chính", "", "", "", ""],
        ["1", "Triển khai “Một cửa”\nliên thông\t", "Báo cáo", "• Sở Nội vụ;\n• Sở Tư pháp",
         "Sở Tài chính; Sở Xây dựng", "Quý\u00a0IV/2026"],
    ])
    built, _ = _areas(tmp_path, doc, ext)
    (area,) = built.areas
    assert area.title == "Cải cách thủ tục hành chính"
    (task,) = area.tasks
    assert task.content == "Triển khai “Một cửa”\nliên thông"
    assert task.deliverables[0].deadline.raw == "Quý IV/2026"
    assert task.deliverables[0].deadline.due.isoformat() == "2026-12-31"
    assert task.deliverables[0].lead_text == "• Sở Nội vụ;\n• Sở Tư pháp"


def test_a_workbook_letterhead_on_two_rows_is_the_department_under_its_province(tmp_path):
    """A Sở's plan typed in a workbook, "UBND TỈNH THANH HÓA" in A1 and "SỞ NỘI VỤ" in
    A2 (the motto in B1): imported as the province's plan, with its 166 communes and
    every sở (a QA probe). Its Word version was read right."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["D1"] = "UBND TỈNH THANH HÓA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"], ws["D2"] = "SỞ NỘI VỤ", "Độc lập - Tự do - Hạnh phúc"
    ws["A4"] = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA SỞ NỘI VỤ"
    for c, text in enumerate(HEADER, start=1):
        ws.cell(6, c, text)
    for c, value in enumerate([1, "Rà soát văn bản", "Báo cáo", "Phòng Pháp chế",
                               "Văn phòng Sở", "Quý II/2026"], start=1):
        ws.cell(7, c, value)
    path = tmp_path / "kh.xlsx"
    wb.save(path)
    result = import_plan(path, tmp_path / "m.xlsx")
    assert result.master.plan.authority == "SỞ NỘI VỤ TỈNH THANH HÓA"
    assert result.master.plan.code == "snv-thanh-hoa-2026"
    assert sorted(u.name for u in result.master.units) == ["Phòng Pháp chế", "Văn phòng Sở"]


def test_workbook_anywhere_with_real_dates_and_a_signature_below(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Bìa"
    wb.active["B2"] = "Xem trang sau"
    ws = wb.create_sheet("KH 2026")
    ws["D3"] = "Kế hoạch cải cách hành chính năm 2026"
    ws["D5"] = "Phụ lục số 01: Các nhiệm vụ trọng tâm về Cải cách tài chính công năm 2026"
    for c, text in enumerate(HEADER, start=4):
        ws.cell(7, c, text)
    for c, value in enumerate([1, "Công khai ngân sách", "Báo cáo", "Sở Tài chính", None,
                               datetime(2026, 6, 30)], start=4):
        ws.cell(8, c, value)
    ws["D10"] = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    ws["F10"] = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    path = tmp_path / "kh.xlsx"
    wb.save(path)
    raw = recognize(read_blocks(path), str(path))
    built = build_areas(raw, 2026, str(path))
    (area,) = built.areas
    assert area.code == "TCC"
    (task,) = area.tasks
    assert task.number == "1" and task.deliverables[0].deadline.raw == "30/06/2026"
    assert task.deliverables[0].deadline.due.isoformat() == "2026-06-30"
    assert raw.findings == [] and built.findings == []


def test_appendix_title_on_its_own_paragraph(tmp_path):
    table = _doc([["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý IV/2026"]]).blocks[-1]
    doc = Doc(["Kế hoạch cải cách hành chính năm 2026", "PHỤ LỤC I",
               "(Kèm theo Kế hoạch số 12/KH-UBND)",
               "CÁC NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH CHẾ ĐỘ CÔNG VỤ NĂM 2026", table])
    built, raw = _areas(tmp_path, doc)
    (area,) = built.areas
    assert (area.code, area.title) == ("CV", "Cải cách chế độ công vụ")
    assert area.heading == "PHỤ LỤC I\nCÁC NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH CHẾ ĐỘ CÔNG VỤ NĂM 2026"
    assert raw.attachment == "(Kèm theo Kế hoạch số 12/KH-UBND)"


@pytest.mark.parametrize(("ext", "line", "title"), [
    # A QA pass: "PHỤ LỤC: DANH MỤC …" on one line lost the appendix's title, and the
    # appendix printed its areas on sheets of their own with no title at all.
    ("docx", "PHỤ LỤC: DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
     "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"),
    ("xlsx", "Phụ lục - NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
     "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"),
    # not a title: an area's heading, a sentence
    ("docx", "Phụ lục số 01: Các nhiệm vụ trọng tâm về cải cách hành chính năm 2026", ""),
])
def test_appendix_title_on_the_appendix_line(tmp_path, ext, line, title):
    doc = _doc([["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý IV/2026"]],
               lines=("Kế hoạch cải cách hành chính năm 2026", line))
    _, raw = _areas(tmp_path, doc, ext)
    assert raw.appendix_title == title


def test_header_two_rows_deep_with_column_numbers_and_repeated(tmp_path):
    header = [Cell(0, 0, "STT", rows=2), Cell(0, 1, "Nội dung công việc", rows=2),
              Cell(0, 2, "Sản phẩm/Kết quả", rows=2), Cell(0, 3, "Cơ quan thực hiện", cols=2),
              Cell(1, 3, "Chủ trì"), Cell(1, 4, "Phối hợp"), Cell(0, 5, "Thời hạn", rows=2)]
    numbers = [Cell(2, i, f"({i + 1})") for i in range(6)]
    again = [Cell(c.row + 5, c.col, c.text, c.rows, c.cols) for c in header]
    rows = [Cell(3, 0, "II. CẢI CÁCH TỔ CHỨC BỘ MÁY", cols=6),
            *[Cell(4, i, t) for i, t in enumerate(
                ["1", "Sắp xếp", "Đề án", "Sở Nội vụ", "Các sở", "Quý II/2026"])],
            *again,
            *[Cell(7, i, t) for i, t in enumerate(
                ["2", "Kiện toàn", "Quyết định", "Sở Nội vụ", "", "Quý III/2026"])]]
    doc = Doc(["Kế hoạch cải cách hành chính năm 2026",
               Table(6, header + numbers + rows, 8, header_rows=2)])
    built, raw = _areas(tmp_path, doc)
    (area,) = built.areas
    assert area.code == "BM"
    assert [(t.number, t.deliverables[0].lead_text, t.deliverables[0].support_text)
            for t in area.tasks] == [("1", "Sở Nội vụ", "Các sở"), ("2", "Sở Nội vụ", "")]
    assert raw.findings == []


# --- the command ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def hh_docx(tmp_path_factory):
    return write_plan_document(HH_MASTER, tmp_path_factory.mktemp("plan") / "ke-hoach.docx")


def test_cli_import_clean_with_last_years_registry(tmp_path, hh_docx):
    out = tmp_path / "master.xlsx"
    result = CliRunner().invoke(main, ["import", str(hh_docx), "--out", str(out),
                                       "--units", str(HH_MASTER)])
    # exit 1: the plan's own deadlines warn (undatable texts, "Tháng 11/2022" before
    # the plan was issued), as check says of the bundled master itself
    assert result.exit_code == 1, result.output
    assert "0 lỗi, 7 cảnh báo" in result.output
    assert f"Đã tạo {out}: 7 lĩnh vực, 34 nhiệm vụ, 34 sản phẩm, 47 đơn vị." in result.output
    check = CliRunner().invoke(main, ["check", str(out)])
    assert check.exit_code == 0, check.output
    again = CliRunner().invoke(main, ["import", str(hh_docx), "--out", str(out)])
    assert again.exit_code == 2
    assert "dùng --force để ghi đè" in again.output


def test_cli_import_without_registry_lists_guessed_units(tmp_path, hh_docx):
    out = tmp_path / "master.xlsx"
    result = CliRunner().invoke(main, ["import", str(hh_docx), "--out", str(out), "--json"])
    assert result.exit_code == 1
    found = json.loads(result.output)
    added = {f["message"].split("'")[1]: f for f in found if f["code"] == "import-unit-added"}
    assert "Phòng Tư pháp" in added
    assert added["Phòng Tư pháp"]["place"] == "bảng 1, dòng 2"
    assert added["Phòng Tư pháp"]["file"] == str(hh_docx)
    master = load_master(out)
    assert {u.name: u.kind for u in master.units}["Phòng Tư pháp"] == "department"


def test_cli_import_province_fills_166_communes(tmp_path, hh_docx):
    out = tmp_path / "master.xlsx"
    result = CliRunner().invoke(main, ["import", str(hh_docx), "--out", str(out),
                                       "--province", "thanh hoá"])
    assert result.exit_code == 1  # the plan's own offices are still guessed
    master = load_master(out)
    communes = [u for u in master.units if u.kind == "commune"]
    assert len(communes) == 166
    group = next(g for g in master.groups if g.code == "XA")
    assert "Thanh Hóa" in group.note


def test_quoted_unit_names_are_the_registry_units(tmp_path):
    doc = _doc([["1", "Rà soát", "Báo cáo", "“Phòng Tư pháp”",
                 "‘Phòng Nội vụ’; \"Thanh tra huyện\"", "Quý IV/2023"]],
               lines=("Kế hoạch cải cách hành chính năm 2023",))
    result = import_plan(write_docx(doc, tmp_path / "kh.docx"), tmp_path / "m.xlsx",
                         units=HH_MASTER)
    (d,) = result.master.deliverables()
    assert (d.lead, d.support) == (["TP"], ["NV", "TTR"])
    assert d.lead_text == "“Phòng Tư pháp”"
    assert not [f for f in result.findings if f.code.startswith("import-unit")]


def test_guessed_groups_share_one_meaning_and_subsets_stay_open(tmp_path):
    doc = _doc([
        ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "UBND các xã, phường", "Quý IV/2026"],
        ["2", "Sắp xếp", "Đề án", "Sở Nội Vụ", "UBND cấp xã; Các sở có đơn vị sự nghiệp "
         "trực thuộc", "Quý III/2026"],
        ["3", "Kiểm tra", "Báo cáo", "Sở Nội vụ", "Các sở, ban, ngành", "Quý II/2026"],
    ])
    out = tmp_path / "m.xlsx"
    result = import_plan(write_docx(doc, tmp_path / "kh.docx"), out)
    groups = {g.name: g for g in result.master.groups}
    assert groups["UBND các xã, phường"].kinds == ["commune"]
    assert "UBND cấp xã" in groups["UBND các xã, phường"].spellings
    assert groups["Các sở có đơn vị sự nghiệp trực thuộc"].is_open
    assert groups["Các sở, ban, ngành"].kinds == ["department"]
    assert [u.name for u in result.master.units] == ["Sở Tư pháp", "Sở Nội Vụ"]


@pytest.mark.slow
def test_province_plan_splits_into_one_file_per_unit(tmp_path):
    from cchc_xl.split import split_master

    doc = _doc([["1", "Số hóa hồ sơ", "Báo cáo", "Sở Nội vụ", "UBND các xã, phường",
                 "Quý I/2026"]], lines=("ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
                                        "Kế hoạch cải cách hành chính năm 2026"))
    result = import_plan(write_docx(doc, tmp_path / "kh.docx"), tmp_path / "m.xlsx",
                         province="Thanh Hóa")
    # the sở come from the province template: nothing guessed; the communes said added
    assert [f.code for f in result.findings] == ["import-no-area", "import-province-communes"]
    assert result.master.deliverables()[0].lead == ["NV"]
    split = split_master(load_master(result.path), "Q1", tmp_path / "giao")
    assert len(split.files) == 167  # Sở Nội vụ and the 166 communes and wards
    assert len(list((tmp_path / "giao").glob("*.xlsx"))) == 167 + 1  # and their list


def test_a_unit_the_plan_adds_is_listed_with_the_offices_before_the_communes(tmp_path):
    """A province's plan naming an office its list lacks: the office is added among the
    offices, not after the province's 166 communes and wards."""
    doc = _doc([["1", "Số hóa hồ sơ", "Báo cáo", "Ban Quản lý Khu kinh tế Nghi Sơn",
                 "UBND các xã, phường", "Quý I/2026"]],
               lines=("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Kế hoạch cải cách hành chính năm 2026"))
    result = import_plan(write_docx(doc, tmp_path / "kh.docx"), tmp_path / "m.xlsx",
                         province="Thanh Hóa")
    assert "import-unit-added" in [f.code for f in result.findings]
    kinds = [u.kind for u in load_master(result.path).units]
    names = [u.name for u in load_master(result.path).units]
    added = names.index("Ban Quản lý Khu kinh tế Nghi Sơn")
    assert added < kinds.index("commune")
    assert kinds[kinds.index("commune"):] == ["commune"] * 166


def test_names_added_without_a_registry_follow_the_name_rules(tmp_path):
    doc = _doc([["1", "Số hóa hồ sơ", "Hồ sơ",
                 "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)", "Sở KH&CN",
                 "Quý II/2026"],
                ["2", "Báo cáo", "Báo cáo", "Trung tâm PVHCC tỉnh", "Sở Khoa học và Công nghệ",
                 "Quý III/2026"]])
    result = import_plan(write_docx(doc, tmp_path / "kh.docx"), tmp_path / "m.xlsx")
    added = {u.code: u.name for u in result.master.units}
    # "A (B)": B names a unit, so B is the unit; an abbreviation is registered in words
    assert sorted(added.values()) == ["Sở Khoa học và Công nghệ",
                                      "Trung tâm Phục vụ hành chính công tỉnh"]
    first, second = result.master.deliverables()
    assert first.lead == second.lead and first.support == second.support
    assert "unit-bracket" in [f.code for f in result.findings]


def test_cli_import_unknown_province_is_a_usage_error(tmp_path, hh_docx):
    result = CliRunner().invoke(main, ["import", str(hh_docx), "--out",
                                       str(tmp_path / "m.xlsx"), "--province", "Thanh Hoá Xyz"])
    assert result.exit_code == 2
    assert "có phải: Thanh Hóa?" in result.output
    assert not (tmp_path / "m.xlsx").exists()


def test_cli_import_simple_unit_list(tmp_path, hh_docx):
    units = tmp_path / "don-vi.csv"
    units.write_text("Tên đơn vị,Loại,Tên gọi khác\nPhòng Tư pháp,Phòng ban,Phòng TP\n"
                     "Văn phòng HĐND-UBND huyện,Phòng ban,Văn phòng HĐND; Văn phòng\n",
                     encoding="utf-8")
    out = tmp_path / "master.xlsx"
    result = CliRunner().invoke(main, ["import", str(hh_docx), "--out", str(out), "--units",
                                       str(units), "--json"])
    added = [f["message"] for f in json.loads(result.output) if f["code"] == "import-unit-added"]
    assert not any("'Phòng Tư pháp'" in m or "'Văn phòng HĐND'" in m for m in added)
    assert {u.name for u in load_master(out).units} >= {"Phòng Tư pháp",
                                                        "Văn phòng HĐND-UBND huyện"}


def test_cli_import_pdf_and_other_files(tmp_path):
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    result = CliRunner().invoke(main, ["import", str(pdf), "--out", str(tmp_path / "m.xlsx")])
    # Read as a PDF (tests/test_import_pdf.py), this one cut short: said to be damaged.
    assert result.exit_code == 1
    assert "tệp PDF bị hỏng, không đọc được nội dung" in result.output
    assert ".docx" in result.output
    text = tmp_path / "ke-hoach.txt"
    text.write_text("Kế hoạch", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(text), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2
    # The refusal names every kind import reads, as the plan page's file box does: it
    # named neither .odt nor, for a folder, .doc and PDF (a docs audit).
    kinds = ("văn bản Word (.docx, .doc), OpenDocument (.odt), PDF (.pdf) hay bảng tính "
             "Excel (.xlsx)")
    assert f"tệp {text}: không phải {kinds}" in result.output
    result = CliRunner().invoke(main, ["import", str(tmp_path), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2
    assert f"thư mục {tmp_path}: đây là thư mục, cần một tệp: {kinds}" in result.output
    # A file of no bytes (a download or copy that failed) is said to be empty, not "not a
    # Word document" (a QA pass).
    empty = tmp_path / "ke-hoach.docx"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["import", str(empty), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2
    assert "tệp rỗng (0 byte)" in result.output and "chép lại tệp gốc" in result.output
    assert "không phải văn bản Word" not in result.output


def test_cli_import_document_without_task_table(tmp_path):
    path = write_docx(Doc(["Kế hoạch cải cách hành chính năm 2026", "Không có bảng."]),
                      tmp_path / "trong.docx")
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 1
    assert "không tìm thấy bảng nhiệm vụ" in result.output
    assert not (tmp_path / "m.xlsx").exists()


def test_cli_import_year_from_title_or_option(tmp_path):
    doc = _doc([["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý IV"]],
               lines=("Kế hoạch cải cách hành chính",))
    path = write_docx(doc, tmp_path / "kh.docx")
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(out)])
    assert result.exit_code == 2
    assert "--year" in result.output
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(out), "--year", "2026"])
    assert result.exit_code == 1, result.output  # no authority; the unit and area guessed
    # Says what to write (a QA pass: the cell alone was named).
    assert ("chưa ghi 'Cơ quan ban hành': ghi tên cơ quan ban hành kế hoạch như ở đầu văn "
            "bản, ví dụ 'Ủy ban nhân dân tỉnh Thanh Hóa'") in " ".join(result.output.split())
    master, _ = read_master(out)
    assert master.plan.year == 2026
    assert master.deliverables()[0].deadline.due.isoformat() == "2026-12-31"


@pytest.mark.slow
@needs_libreoffice
def test_a_plan_table_saved_as_strict_open_xml_is_imported_through_libreoffice(tmp_path,
                                                                               plans):
    """Read as an ordinary .xlsx, Excel's "Strict Open XML" has no cells: converted first."""
    plan, expected = plans[HH_MASTER]
    table = write_plan_document(plan, tmp_path / "ke-hoach.xlsx", LAYOUTS[0])
    strict = save_as_strict(table, tmp_path / "ke-hoach-strict.xlsx")
    result = import_plan(strict, tmp_path / "master.xlsx", units=HH_MASTER)
    assert meaningful(result.master) == expected


@needs_libreoffice
def test_cli_import_old_word_doc_through_libreoffice(tmp_path, hh_docx):
    doc = convert(hh_docx, tmp_path, "doc")
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(main, ["import", str(doc), "--out", str(out),
                                       "--units", str(HH_MASTER)])
    assert result.exit_code == 1 and "0 lỗi" in result.output, result.output
    assert meaningful(load_master(out)) == meaningful(load_master(HH_MASTER))


def _ward_plan(path):
    """A ward's 2026 plan as wards write it: the letterhead a borderless table whose cells
    hold the authority over the number and the motto over the place and date."""
    from docx import Document

    doc = Document()
    head = doc.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH\n\nSố: 15/KH-UBND"
    head.cell(0, 1).text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
                            "Hạc Thành, ngày 20 tháng 01 năm 2026")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")
    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian hoàn thành"),
            ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
            ("1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND phường",
             "Các phòng chuyên môn thuộc UBND phường", "Quý IV/2026"),
            ("2", "Diễn tập phòng thủ", "Kế hoạch", "Ban CHQS phường",
             "Ủy ban MTTQ Việt Nam phường", "Tháng 6/2026")]
    table = doc.add_table(rows=len(rows), cols=6)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(path)
    return path



def _commune_plan(path: Path, place: str, rows: list[tuple]) -> Path:
    """A commune's or ward's plan: its authority ("ỦY BAN NHÂN DÂN" over ``place``), its
    title, and one table of ``rows``."""
    return plan_document(path, place, "Cải cách hành chính năm 2026", rows)

def test_a_wards_offices_keep_the_names_its_plan_gives_them(tmp_path):
    """A ward's "Phòng Kinh tế, Hạ tầng và Đô thị" became the template's "Phòng Kinh tế"
    in every file and report, without a word (a probe's ward); an abbreviation the plan
    writes never becomes a name, and a name the plan also writes short is kept."""
    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian"),
            ("1", "Số hóa", "Báo cáo", "Phòng Kinh tế, Hạ tầng và Đô thị",
             "Trung tâm PVHCC phường", "Quý II/2026"),
            ("2", "Công khai", "Bảng", "Văn phòng HĐND&UBND", "Phòng VH-XH", "Quý III/2026"),
            # Beside another name after ";": still the long name (a QA pass found the
            # template's name kept, the ";" read as part of the name).
            ("3", "Tự đánh giá", "Báo cáo", "Văn phòng HĐND&UBND",
             "Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa - Xã hội", "Quý IV/2026")]
    result = import_plan(_commune_plan(tmp_path / "kh.docx", "PHƯỜNG HẠC THÀNH", rows),
                         tmp_path / "bang.xlsx")
    units = {u.code: u for u in load_master(result.path).units}
    assert units["KT"].name == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert "Phòng Kinh tế" in units["KT"].aliases
    assert units["PVHCC"].name == "Trung tâm Phục vụ hành chính công phường"
    assert units["VP"].name == "Văn phòng HĐND và UBND"  # "HĐND&UBND": shorter, not a name
    assert units["VHXH"].name == "Phòng Văn hóa - Xã hội"
    noted = [f.message for f in result.findings if f.code == "import-unit-named-as-plan"]
    assert len(noted) == 2 and "'Phòng Kinh tế, Hạ tầng và Đô thị'" in noted[0]
    # Each says where the document writes the name (a QA pass: no place).
    assert all(f.place for f in result.findings if f.code == "import-unit-named-as-plan")
    first, second, third = result.master.deliverables()
    assert (first.lead, first.support, second.lead) == (["KT"], ["PVHCC"], ["VP"])
    assert third.support == ["KT", "VHXH"]



@pytest.mark.parametrize("place", ["xã", "phường"])
def test_the_communes_office_named_with_its_place_is_the_templates_unit(tmp_path, place):
    """ "Văn phòng HĐND và UBND xã", as a commune's plan writes it, was a spelling warning
    ("chưa có trong danh sách đơn vị") beside the template's "Văn phòng HĐND và UBND",
    while "Công an xã" and "Ban Chỉ huy quân sự xã" were the template's (a QA pass)."""
    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian"),
            ("1", "Rà soát văn bản", "Báo cáo", f"Văn phòng HĐND và UBND {place}",
             f"Công an {place}", "Quý II/2026")]
    result = import_plan(_commune_plan(tmp_path / "kh.docx", f"{place.upper()} HOẰNG TIẾN", rows),
                         tmp_path / "bang.xlsx")
    assert not [f for f in result.findings if f.severity != "note"
                and f.code.startswith("import-unit")], result.findings
    (d,) = result.master.deliverables()
    assert (d.lead, d.support) == (["VP"], ["CA"])

def test_a_wards_plan_takes_the_communes_offices_and_its_letterhead(tmp_path):
    """A phường's plan was read with no registry: its Ban CHQS and the Fatherland Front
    became departments beside the template's offices, 'Các phòng chuyên môn thuộc UBND
    phường' a group of communes; its number and date, in the letterhead table's cells
    under the authority and the motto, were lost; --province gave it the province's sở."""
    source = _ward_plan(tmp_path / "ke-hoach-phuong.docx")
    result = import_plan(source, tmp_path / "bang.xlsx")
    master = result.master
    plan = master.plan
    assert (plan.authority, plan.number, plan.issued.isoformat(), plan.title) == (
        "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH", "15/KH-UBND", "2026-01-20",
        "Kế hoạch cải cách hành chính năm 2026")
    units = {u.code: (u.name, u.kind) for u in master.units}
    # The commune template's offices, named as the ward's plan writes them ("Ban CHQS
    # phường", "Văn phòng HĐND và UBND phường"), not as the template does.
    assert units["QS"] == ("Ban Chỉ huy quân sự phường", "other")
    assert units["VP"][0] == "Văn phòng HĐND và UBND phường"
    assert units["CA"] == ("Công an phường", "other")  # as a ward names it ("Công an xã")
    assert units["UBMTTQ"] == ("Ủy ban Mặt trận Tổ quốc Việt Nam phường", "other")
    assert len(units) == 7 and {"VP", "KT", "VHXH", "PVHCC", "CA"} <= set(units)
    first, second = master.deliverables()
    assert (first.lead, second.lead) == (["VP"], ["QS"])
    # The commune's own departments (not its coordinators from elsewhere).
    assert first.support == ["KT", "VHXH"] and second.support == ["UBMTTQ"]
    out = tmp_path / "tinh.xlsx"
    refused = CliRunner().invoke(main, ["import", str(source), "--out", str(out), "--province",
                                        "Thanh Hóa"])
    assert refused.exit_code == 2 and not out.exists()
    assert ("--province dùng cho kế hoạch của tỉnh (giao việc cho các xã, phường của tỉnh); kế "
            "hoạch này do Ủy ban nhân dân phường Hạc Thành ban hành") in refused.output


@pytest.mark.parametrize("kind", ["plan", "unit"])
def test_a_workbook_cchc_xl_made_is_not_imported(tmp_path, kind):
    """'import' of the seed plan table made a wrong plan (40 tasks of 34, 14 units of 47)
    after a warning about its own column (a probe): a workbook cchc-xl made is said for
    what it is, exit 2, nothing written."""
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from support.paths import HH_MASTER, HH_SAMPLES

    source = HH_MASTER if kind == "plan" else sorted(HH_SAMPLES.glob("*.xlsx"))[0]
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2, result.output
    said = ("đây đã là bảng kế hoạch (theo mẫu của cchc-xl), không cần nhập" if kind == "plan"
            else "đây là tệp của một đơn vị do cchc-xl tạo, không phải văn bản kế hoạch")
    assert said in result.output
    assert not (tmp_path / "m.xlsx").exists()


_SIGNED_TABLE = Table(2, [Cell(0, 0, "Nơi nhận:\n- Như trên;\n- Lưu: VT."),
                          Cell(0, 1, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)"
                                     "\nLê Thị Hoa")], 1)


@pytest.mark.parametrize("signature, signer, title", [
    ([_SIGNED_TABLE], "Lê Thị Hoa", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Văn Bình"], "Trần Văn Bình",
     "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "", ""),  # no name under it: nothing taken
    # typed in capitals, or after "Ông"/"Bà": the name as signed (a probe took neither)
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "NGUYỄN VĂN NHÂN"],
     "Nguyễn Văn Nhân", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
    (["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Ông Đỗ Văn Cường"], "Đỗ Văn Cường",
     "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG"),
    # An acting chairman ("Q." for "Quyền"): "Q. CHỦ TỊCH" was read as a lettered area
    # heading ("A. …"), the signature lost (a QA pass).
    (["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH", "", "Trần Văn Bình"], "Trần Văn Bình",
     "TM. ỦY BAN NHÂN DÂN\nQ. CHỦ TỊCH"),
])
def test_the_plans_signer_is_the_reports_until_the_office_says_otherwise(
        tmp_path, signature, signer, title):
    """The plan document named its signer, but "Người ký báo cáo" stayed empty: the
    report and the reminder letter had no name under their signature (a probe)."""
    doc = Doc(["ỦY BAN NHÂN DÂN XÃ HOẰNG TIẾN", "Kế hoạch cải cách hành chính năm 2026",
               _doc([["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "",
                      "Quý IV/2026"]]).blocks[-1], *signature])
    source = write_docx(doc, tmp_path / "ke-hoach.docx")
    result = import_plan(source, tmp_path / "master.xlsx")
    plan = load_master(result.path).plan
    assert (plan.signer, plan.signer_title) == (signer, title)
    told = [f for f in result.findings if f.code == "import-signer"]
    assert len(told) == bool(signer)
    if signer:
        assert told[0].message.startswith(f"người ký báo cáo lấy theo người ký kế hoạch: "
                                          f"{signer} (" + ", ".join(title.split("\n")) + ")")
    assert [t.content for a in result.master.areas for t in a.tasks] == ["Rà soát văn bản"]


def test_a_provinces_plan_read_against_a_wards_units_is_said_so(tmp_path) -> None:
    """A ward's office imported Tỉnh Thanh Hóa's plan with its own plan's units: the
    province's sở were added as new units and "UBND các xã, phường" taken for the ward's
    offices, with a warning each and nothing saying why (a QA pass)."""
    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian"),
            ("1", "Rà soát thủ tục", "Báo cáo", "Văn phòng HĐND và UBND", "", "Quý II/2026")]
    ward = _commune_plan(tmp_path / "phuong.docx", "PHƯỜNG HẠC THÀNH", rows)
    import_plan(ward, tmp_path / "phuong.xlsx")
    province = plan_document(
        tmp_path / "tinh.docx", "TỈNH THANH HÓA", "Cải cách hành chính tỉnh Thanh Hóa năm 2026",
        [rows[0], ("1", "Số hóa hồ sơ", "Báo cáo", "UBND các xã, phường", "Sở Nội vụ",
                   "Quý II/2026")])
    result = import_plan(province, tmp_path / "tinh.xlsx", units=tmp_path / "phuong.xlsx")
    (said,) = [f for f in result.findings if f.code == "import-units-other-level"]
    assert said.severity == WARNING
    assert said.message == (
        "văn bản là kế hoạch của tỉnh (do Ủy ban nhân dân tỉnh Thanh Hóa ban hành), còn danh "
        "sách đơn vị (--units) lấy từ kế hoạch của phường (Ủy ban nhân dân phường Hạc "
        "Thành): đơn vị, nhóm và tên gọi trong văn bản được đối chiếu với danh sách của cấp "
        "khác, nên có thể bị thêm mới hoặc nhận nhầm; chọn nhầm văn bản thì nhập văn bản kế "
        "hoạch của phường, dùng văn bản này thì nhập lại không kèm --units")
    # The same level, or no unit list: nothing of the kind.
    again = import_plan(ward, tmp_path / "phuong-2.xlsx", units=tmp_path / "phuong.xlsx")
    alone = import_plan(province, tmp_path / "tinh-2.xlsx")
    assert not [f for r in (again, alone) for f in r.findings
                if f.code == "import-units-other-level"]
    # On the web, in the page's words.
    shown = for_browser(said.message)
    assert "--" not in shown and ("nhập lại, bỏ chọn 'Lấy danh sách đơn vị, nhóm, tên gọi "
                                  "khác từ bảng kế hoạch đang dùng'") in shown
