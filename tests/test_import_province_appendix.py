"""cchc-xl import: a province's 2026 task appendix as it really arrives besides a .docx —
an Excel workbook (a title block of merged cells, a two-row header, Roman-numeral area
rows, a task with several products on several rows, blank spacer rows, a "Ghi chú"
column, a total row) and the same appendix saved as an old Word .doc."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.master import load_master
from plan_documents import Cell, Doc, Table, write_docx
from support.tools import convert, needs_libreoffice

TITLE_BLOCK = ["PHỤ LỤC", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
               "(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND tỉnh Thanh Hóa)"]
# TT, Nội dung, Sản phẩm, Chủ trì, Phối hợp, Thời gian, Kinh phí, Ghi chú; an area row is
# (number, title); None is a blank spacer row.
ROWS = [
    ("I.", "CẢI CÁCH THỂ CHẾ"),
    ("1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Báo cáo kết quả rà soát",
     "Sở Tư pháp", "Các sở, ban, ngành", "Tháng 11/2026", "200", ""),
    ("2", "Kiểm tra việc thi hành pháp luật", "Kế hoạch kiểm tra", "Sở Tư pháp", "Sở Nội vụ",
     "Quý I/2026", "", "Phối hợp Thanh tra tỉnh"),
    None,
    ("II.", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ("1", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Kế hoạch số hóa",
     "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Quý I/2026", "500", ""),
    ("", "", "Báo cáo sơ kết 6 tháng", "", "", "30/6/2026", "", ""),
    ("", "", "Báo cáo tổng kết năm", "", "", "15/12/2026", "", ""),
    ("2", "Công bố danh mục thủ tục hành chính", "Quyết định công bố", "Sở Nội vụ",
     "Văn phòng UBND tỉnh", "Quý II/2026", "", ""),
    None,
    ("", "Tổng cộng", "", "", "", "", "700", ""),
]
MULTI = 5  # the row (of ROWS) of the task with three products, merged over three rows
MERGED_COLS = (0, 1, 3, 4, 6, 7)  # its merged columns: all but product and deadline


def _appendix_xlsx(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    for r, text in enumerate(TITLE_BLOCK, start=1):
        ws.cell(r, 1, text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
    for col, text in enumerate(["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan thực hiện",
                                None, "Thời gian hoàn thành", "Kinh phí (triệu đồng)",
                                "Ghi chú"], start=1):
        if text:
            ws.cell(5, col, text)
    ws["D6"], ws["E6"] = "Cơ quan chủ trì", "Cơ quan phối hợp"
    for rng in ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:F6", "G5:G6", "H5:H6"]:
        ws.merge_cells(rng)
    first = 7
    for i, row in enumerate(ROWS):
        r = first + i
        if row is None:
            continue
        for col, value in enumerate(row, start=1):
            if value:
                ws.cell(r, col, int(value) if value.isdigit() else value)
        if len(row) == 2:
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=8)
    for col in MERGED_COLS:
        ws.merge_cells(start_row=first + MULTI, start_column=col + 1, end_row=first + MULTI + 2,
                       end_column=col + 1)
    wb.save(path)
    return path


def _appendix_docx(path):
    header = [Cell(0, 0, "TT", rows=2), Cell(0, 1, "Nội dung nhiệm vụ", rows=2),
              Cell(0, 2, "Sản phẩm", rows=2), Cell(0, 3, "Cơ quan thực hiện", cols=2),
              Cell(1, 3, "Cơ quan chủ trì"), Cell(1, 4, "Cơ quan phối hợp"),
              Cell(0, 5, "Thời gian hoàn thành", rows=2),
              Cell(0, 6, "Kinh phí (triệu đồng)", rows=2), Cell(0, 7, "Ghi chú", rows=2)]
    cells = list(header)
    for i, row in enumerate(ROWS):
        r = 2 + i
        if row is None:
            cells += [Cell(r, c, "") for c in range(8)]
        elif len(row) == 2:
            cells += [Cell(r, 0, row[0]), Cell(r, 1, row[1], cols=7)]
        elif MULTI < i <= MULTI + 2:
            cells += [Cell(r, c, row[c]) for c in range(8) if c not in MERGED_COLS]
        else:
            cells += [Cell(r, c, text, rows=3 if i == MULTI and c in MERGED_COLS else 1)
                      for c, text in enumerate(row)]
    table = Table(8, cells, 2 + len(ROWS), header_rows=2)
    return write_docx(Doc([*TITLE_BLOCK, table]), path)


def _import(source, out):
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(out),
                                       "--province", "Thanh Hóa"])
    return result, load_master(out)


def _assert_read_as_issued(result, master, place_of_total: str):
    names = {u.code: u.name for u in master.units} | {g.code: g.name for g in master.groups}
    plan = master.plan
    assert plan.authority == "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"
    assert (plan.code, plan.number, plan.issued.isoformat()) == \
        ("thanh-hoa-2026", "25/KH-UBND", "2026-01-15")
    assert plan.appendix_title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert [(a.code, a.heading) for a in master.areas] == [
        ("TC", "I. CẢI CÁCH THỂ CHẾ"), ("TTHC", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH")]
    read = [(t.number, d.product, [names[c] for c in d.lead], d.support_text, d.deadline.raw,
             d.funding, d.note)
            for a in master.areas for t in a.tasks for d in t.deliverables]
    assert read == [
        ("1", "Báo cáo kết quả rà soát", ["Sở Tư pháp"], "Các sở, ban, ngành", "Tháng 11/2026",
         "200 triệu đồng", ""),
        ("2", "Kế hoạch kiểm tra", ["Sở Tư pháp"], "Sở Nội vụ", "Quý I/2026", "",
         "Phối hợp Thanh tra tỉnh"),
        ("1", "Kế hoạch số hóa", ["Văn phòng UBND tỉnh"], "Sở Khoa học và Công nghệ",
         "Quý I/2026", "500 triệu đồng", ""),
        ("1", "Báo cáo sơ kết 6 tháng", ["Văn phòng UBND tỉnh"], "Sở Khoa học và Công nghệ",
         "30/6/2026", "", ""),
        ("1", "Báo cáo tổng kết năm", ["Văn phòng UBND tỉnh"], "Sở Khoa học và Công nghệ",
         "15/12/2026", "", ""),
        ("2", "Quyết định công bố", ["Sở Nội vụ"], "Văn phòng UBND tỉnh", "Quý II/2026", "", ""),
    ]
    assert f"{place_of_total}: dòng 'Tổng cộng' (kinh phí 700) là dòng tổng cộng" in result.output
    assert "0 lỗi, 0 cảnh báo" in result.output and result.exit_code == 0, result.output


def test_a_provinces_appendix_issued_as_a_workbook_is_read_as_issued(tmp_path):
    """The appendix alone has no letterhead: who issued it is read from its "(Kèm theo
    Kế hoạch số … của UBND tỉnh …)" line, as its number and date are; without it the
    master had no 'Cơ quan ban hành' (an error) and was coded by the file's name."""
    source = _appendix_xlsx(tmp_path / "phu-luc.xlsx")
    result, master = _import(source, tmp_path / "m.xlsx")
    _assert_read_as_issued(result, master, "trang 'Phụ lục', dòng 17")
    check = CliRunner().invoke(main, ["check", str(tmp_path / "m.xlsx")])
    assert check.exit_code == 0 and "0 lỗi, 0 cảnh báo" in check.output, check.output


@needs_libreoffice
def test_the_same_appendix_saved_as_an_old_word_doc_is_read_the_same(tmp_path):
    docx = _appendix_docx(tmp_path / "phu-luc.docx")
    doc = convert(docx, tmp_path / "doc", "doc")
    result, master = _import(doc, tmp_path / "m.xlsx")
    _assert_read_as_issued(result, master, "bảng 1, dòng 13")
    check = CliRunner().invoke(main, ["check", str(tmp_path / "m.xlsx")])
    assert check.exit_code == 0 and "0 lỗi, 0 cảnh báo" in check.output, check.output


@pytest.mark.parametrize("line, authority", [
    ("(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Nghệ An)",
     "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"),
    ("(Ban hành kèm theo Kế hoạch số 12/KH-SNV ngày 10/01/2026 của Sở Nội vụ tỉnh Nghệ An)",
     "SỞ NỘI VỤ TỈNH NGHỆ AN"),
    ("(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND thành phố Hà Nội)",
     "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"),
    ("(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND tỉnh Thanh Hóa về cải cách "
     "hành chính năm 2026)", "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"),
    ("(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026)", ""),
    ("(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của Chủ tịch UBND tỉnh)", ""),
])
def test_the_issuer_cited_by_the_attachment_line(line, authority):
    from cchc_xl.plan_import.preamble import Preamble

    preamble = Preamble()
    preamble.line(line)
    assert preamble.authority == authority


def test_a_letterhead_is_never_replaced_by_the_attachment_line():
    from cchc_xl.plan_import.preamble import Preamble

    preamble = Preamble()
    for line in ["ỦY BAN NHÂN DÂN\nHUYỆN HOẰNG HÓA", "PHỤ LỤC",
                 "(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND tỉnh Thanh Hóa)"]:
        preamble.line(line)
    assert preamble.authority == "ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA"


def test_amounts_formatted_in_the_workbook_read_as_it_shows_them(tmp_path):
    """An amount typed as a number with thousands grouped (150000000 shown
    "150,000,000") was imported "150000000 đồng"; the Word version writes
    "150.000.000", and so does the master now. A bare number stays as typed."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for line in TITLE_BLOCK:
        ws.append([line])
    ws.append(["TT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì", "Thời hạn", "Kinh phí (đồng)"])
    ws.append([1, "Rà soát văn bản", "Báo cáo", "Sở Tư pháp", "Quý II/2026", 150000000])
    ws.append([2, "Số hóa hồ sơ", "Kho dữ liệu", "Sở Nội vụ", "Quý IV/2026", 2500000.5])
    ws.append([3, "Kiểm tra", "Kết luận", "Sở Nội vụ", "Quý III/2026", 40000])
    ws["F5"].number_format = "#,##0"
    ws["F6"].number_format = "#,##0.0"
    wb.save(tmp_path / "kh.xlsx")
    result, master = _import(tmp_path / "kh.xlsx", tmp_path / "m.xlsx")
    assert [d.funding for d in master.deliverables()] == [
        "150.000.000 đồng", "2.500.000,5 đồng", "40000 đồng"], result.output


def test_each_appendix_on_its_own_sheet_keeps_its_heading_and_attachment_line(tmp_path):
    """Appendix I and II on two sheets, each headed "PHỤ LỤC …" / its title / "(Kèm
    theo …)": the second sheet was read as the first one's table going on, so its
    "PHỤ LỤC II" was lost from its area's heading and its "(Kèm theo …)" line was warned
    about as a note of the table not imported."""
    from openpyxl import Workbook

    wb = Workbook()
    for k, (numeral, area, lead) in enumerate([("I", "CẢI CÁCH THỂ CHẾ", "Sở Tư pháp"),
                                               ("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
                                                "Sở Nội vụ")]):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = f"PL {numeral}"
        for r, line in enumerate([f"PHỤ LỤC {numeral}", f"NHIỆM VỤ {area} NĂM 2026",
                                  TITLE_BLOCK[2]], start=1):
            ws.cell(r, 1, line)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        ws.append([])
        ws.append(["TT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
                   "Thời gian hoàn thành"])
        ws.append([1, "Rà soát", "Báo cáo", lead, "", "Quý IV/2026"])
    wb.save(tmp_path / "kh.xlsx")
    result, master = _import(tmp_path / "kh.xlsx", tmp_path / "m.xlsx")
    assert [a.heading for a in master.areas] == [
        "PHỤ LỤC I NHIỆM VỤ CẢI CÁCH THỂ CHẾ NĂM 2026",
        "PHỤ LỤC II NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2026"]
    assert "Kèm theo" not in result.output and result.exit_code == 0, result.output


def test_rows_hidden_in_the_workbook_are_imported_and_said(tmp_path):
    """A row hidden in Excel (a task dropped, or kept out of print) was imported as any
    other without a word: the office could not tell from the import's notes. It is still
    imported (the sheet keeps it), with a warning naming the rows."""
    from openpyxl import load_workbook

    source = _appendix_xlsx(tmp_path / "phu-luc.xlsx")
    wb = load_workbook(source)
    wb["Phụ lục"].row_dimensions[9].hidden = True
    wb.save(source)
    result, master = _import(source, tmp_path / "m.xlsx")
    said = " ".join(result.output.split())
    assert ("trang 'Phụ lục': dòng 9 đang bị ẩn trong tệp, đã nhập như các dòng khác; nhiệm vụ "
            "nào đã bỏ khỏi kế hoạch thì xóa ở bảng kế hoạch sau khi nhập") in said, said
    unhidden, _ = _import(_appendix_xlsx(tmp_path / "b.xlsx"), tmp_path / "b-m.xlsx")
    assert len(master.deliverables()) == len(load_master(tmp_path / "b-m.xlsx").deliverables())
    assert "bị ẩn" not in unhidden.output
