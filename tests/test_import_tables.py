"""cchc-xl import: task tables as offices write them, read without losing a task or
a value (headers that look like tasks and tasks that look like headers, TT forms,
tables continued after a page break, two-level headers, funding and notes over
several product rows, sub-tasks, Word's own bullets, tracked changes).

Each document is built here with python-docx, small: a plan line, a table.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cchc_xl.errors import WorkbookError
from cchc_xl.master import read_master
from cchc_xl.plan_import import import_plan, read_blocks
from cchc_xl.plan_import.build import build_areas
from cchc_xl.plan_import.recognize import recognize

HEAD = ["TT", "Nội dung thực hiện", "Sản phẩm/Kết quả", "Cơ quan chủ trì",
        "Cơ quan phối hợp", "Thời gian hoàn thành"]
TITLE = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"


def add_table(doc, rows: list[list[str | None]], merges=()):
    """rows of texts (None: empty), merges (r0, c0, r1, c1)."""
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                lines = text.split("\n")
                table.cell(r, c).paragraphs[0].add_run(lines[0])
                for line in lines[1:]:
                    table.cell(r, c).add_paragraph(line)
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    return table


def plan_docx(path: Path, *tables, lines=(TITLE,), page_breaks=False) -> Path:
    """A plan: ``lines`` then each table, given as rows or (rows, merges)."""
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    for k, table in enumerate(tables):
        rows, merges = table if isinstance(table, tuple) else (table, ())
        if k and page_breaks:
            doc.add_page_break()
        add_table(doc, rows, merges)
    doc.save(path)
    return path


def built(path: Path):
    raw = recognize(read_blocks(path), str(path))
    return build_areas(raw, 2026, str(path)), raw


def rows_of(result) -> list[tuple]:
    """What the master shows, row by row: area title, id, TT, content, product, lead
    text, coordinator text, deadline, funding, note."""
    return [(a.title, d.id, t.number, t.content, d.product, d.lead_text, d.support_text,
             d.deadline.raw, d.funding, d.note)
            for a in result.areas for t in a.tasks for d in t.deliverables]


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# --- 1. a task row that reads like a header --------------------------------------------

HEADER_LIKE = ["2", "Thực hiện nhiệm vụ pháp chế", "Báo cáo kết quả", "Các sở, ban, ngành",
               "Sở Tư pháp", "Theo thời gian quy định"]


def test_a_task_whose_words_look_like_column_titles_stays_a_task(tmp_path):
    path = plan_docx(tmp_path / "kh.docx", [
        HEAD, ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"],
        HEADER_LIKE,
        ["3", "Kiểm tra công tác pháp chế", "Kết quả kiểm tra", "Sở Tư pháp", "", "Quý IV/2026"]])
    result, _ = built(path)
    assert [r[2:8] for r in rows_of(result)] == [
        ("1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"),
        tuple(HEADER_LIKE),
        ("3", "Kiểm tra công tác pháp chế", "Kết quả kiểm tra", "Sở Tư pháp", "",
         "Quý IV/2026")]


def test_a_header_repeated_inside_the_table_is_still_skipped(tmp_path):
    numbers = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    path = plan_docx(tmp_path / "kh.docx", [
        HEAD, numbers, ["I. CẢI CÁCH THỂ CHẾ"] + [None] * 5,
        ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "", "Quý II/2026"],
        # a task row without TT whose cells read like titles
        ["", "Thực hiện nhiệm vụ", "Báo cáo kết quả", "Các sở, ban, ngành", "Sở Tư pháp",
         "Theo thời gian quy định"],
        HEAD, numbers,
        ["2", "Phổ biến pháp luật", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"]])
    result, _ = built(path)
    assert [(r[1], r[2], r[4]) for r in rows_of(result)] == [
        ("TC-01", "1", "Danh mục"), ("TC-02", "", "Báo cáo kết quả"),
        ("TC-03", "2", "Báo cáo")]


# --- 2. TT written other ways -------------------------------------------------------------

@pytest.mark.parametrize("number", ["01", "I.1", "1a", "-", "+", "(7)", "8*"])
def test_a_task_numbered_any_way_is_kept(tmp_path, number):
    path = plan_docx(tmp_path / "kh.docx", [
        HEAD, ["1. CẢI CÁCH THỂ CHẾ"] + [None] * 5,
        [number, "Nhiệm vụ mẫu", "Sản phẩm", "Sở Tư pháp", "Sở Nội vụ", "Quý III/2026"]])
    result, _ = built(path)
    assert [r[:5] for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01", number, "Nhiệm vụ mẫu", "Sản phẩm")]


# --- 3. a table continued after a page break ----------------------------------------------

def test_a_table_continued_without_header_and_with_an_extra_column(tmp_path):
    first = [HEAD, ["I. CẢI CÁCH THỂ CHẾ"] + [None] * 5,
             ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "", "Quý II/2026"]]
    second = [["II. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"] + [None] * 6,
              ["1", "Tuyển dụng viên chức y tế", "Kết quả", "Sở Y tế", "Sở Nội vụ",
               "Quý III/2026", None]]
    path = plan_docx(tmp_path / "kh.docx", (first, [(1, 0, 1, 5)]),
                     (second, [(0, 0, 0, 6)]), page_breaks=True)
    result, _ = built(path)
    assert [(r[0], r[1], r[3], r[5], r[7]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01", "Rà soát văn bản", "Sở Tư pháp", "Quý II/2026"),
        ("Cải cách chế độ công vụ", "CV-01", "Tuyển dụng viên chức y tế", "Sở Y tế",
         "Quý III/2026")]


def test_a_task_table_that_continues_nothing_is_named_in_a_warning(tmp_path):
    first = [HEAD, ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "", "Quý II/2026"]]
    other = [["1", "Tuyển dụng", "Kết quả", "Sở Y tế"],
             ["2", "Đào tạo", "Kết quả", "Sở Nội vụ"]]
    path = plan_docx(tmp_path / "kh.docx", first, other)
    result, raw = built(path)
    (warning,) = [f for f in raw.findings if f.code == "import-table-unread"]
    assert warning.place == "bảng 2, dòng 1"
    assert "2 dòng giống nhiệm vụ" in warning.message


# --- 7, 8. notes and funding of several product rows ---------------------------------------

def test_each_product_keeps_its_note_and_merged_funding_counts_once(tmp_path):
    head = HEAD + ["Kinh phí (triệu đồng)", "Ghi chú"]
    rows = [head,
            ["1", "Rà soát", "Kế hoạch", "Sở Tư pháp", "", "Quý I/2026", "50", "Ưu tiên"],
            ["", "", "Báo cáo", "", "", "Quý IV/2026", "", "Gửi kèm số liệu"],
            ["2", "Kiểm tra", "Kế hoạch", "Sở Nội vụ", "", "Quý II/2026",
             "Ngân sách tỉnh", ""],
            ["", "", "Báo cáo", "", "", "Quý III/2026", "", ""]]
    merges = [(1, 0, 2, 0), (1, 1, 2, 1), (1, 3, 2, 3), (1, 6, 2, 6),
              (3, 0, 4, 0), (3, 1, 4, 1), (3, 3, 4, 3), (3, 6, 4, 6)]
    result, _ = built(plan_docx(tmp_path / "kh.docx", (rows, merges)))
    assert [(r[1], r[4], r[8], r[9]) for r in rows_of(result)] == [
        # the amount in the money the column's title counts in (QA: "1.500" read as đồng)
        ("NV-01", "Kế hoạch", "50 triệu đồng", "Ưu tiên"),
        ("NV-01.2", "Báo cáo", "", "Gửi kèm số liệu"),
        # a source without an amount is each product's
        ("NV-02", "Kế hoạch", "Ngân sách tỉnh", ""),
        ("NV-02.2", "Báo cáo", "Ngân sách tỉnh", "")]


def test_one_amount_for_bulleted_products_stays_on_the_first(tmp_path):
    rows = [HEAD + ["Kinh phí"],
            ["1", "Tập huấn", "- Hội nghị\n- Báo cáo", "Sở Nội vụ", "",
             "- Quý II/2026\n- Quý III/2026", "30 triệu đồng"]]
    result, _ = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [(r[4], r[7], r[8]) for r in rows_of(result)] == [
        ("Hội nghị", "Quý II/2026", "30 triệu đồng"), ("Báo cáo", "Quý III/2026", "")]


# --- 10. header spellings and two-level headers ---------------------------------------------

@pytest.mark.parametrize("lead, deadline, product", [
    ("Cơ quan, đơn vị thực hiện", "Hạn hoàn thành", "Sản phẩm đầu ra"),
    ("Cơ quan chủ trì", "Thời điểm hoàn thành", "Sản phẩm đầu ra"),
    ("Đơn vị chủ trì thực hiện", "Mốc thời gian hoàn thành", "Sản phẩm đầu ra"),
    # A heading of plans laid out as a roadmap: read as nothing, every deadline was lost.
    ("Cơ quan chủ trì", "Lộ trình thực hiện", "Sản phẩm đầu ra"),
    # The product as plans listing documents to issue head it: the column went unread
    # and every task lacked its product.
    ("Cơ quan chủ trì", "Thời gian hoàn thành", "Hình thức văn bản"),
    ("Cơ quan chủ trì", "Thời gian hoàn thành", "Hình thức văn bản ban hành")])
def test_header_spellings_of_real_plans(tmp_path, lead, deadline, product):
    head = ["TT", "Nhiệm vụ, giải pháp", product, lead, "Cơ quan phối hợp", deadline]
    rows = [head, ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [r[2:8] for r in rows_of(result)] == [
        ("1", "Rà soát", "Báo cáo", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026")]
    assert raw.findings == [] or codes(raw.findings) == ["import-no-area"]


def test_two_level_headers_for_time_and_funding(tmp_path):
    rows = [["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan thực hiện", None,
             "Thời gian thực hiện", None, "Kinh phí (triệu đồng)", None],
            [None, None, None, "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành",
             "Ngân sách tỉnh", "Nguồn khác"],
            ["1", "Kho dữ liệu", "Kho vận hành", "Sở KH&CN", "Văn phòng UBND tỉnh",
             "Tháng 3/2026", "Tháng 11/2026", "500", "100"],
            ["2", "Nâng cấp hệ thống", "Hệ thống", "Văn phòng UBND tỉnh", "Sở KH&CN",
             "Quý I/2026", "Quý III/2026", "300", ""]]
    merges = [(0, 3, 0, 4), (0, 5, 0, 6), (0, 7, 0, 8), (0, 0, 1, 0), (0, 1, 1, 1),
              (0, 2, 1, 2)]
    result, raw = built(plan_docx(tmp_path / "kh.docx", (rows, merges)))
    assert [r[5:9] for r in rows_of(result)] == [
        ("Sở KH&CN", "Văn phòng UBND tỉnh", "Tháng 11/2026",
         "Ngân sách tỉnh: 500 triệu đồng; Nguồn khác: 100 triệu đồng"),
        ("Văn phòng UBND tỉnh", "Sở KH&CN", "Quý III/2026", "Ngân sách tỉnh: 300 triệu đồng")]
    assert "import-column-unread" not in codes(raw.findings)


@pytest.mark.parametrize("periods", [["Quý I", "Quý II", "Quý III", "Quý IV"],
                                     ["Tháng 3", "Tháng 6", "Tháng 9", "Tháng 12"]])
def test_a_timetable_under_the_time_title_gives_each_task_the_periods_it_marks(tmp_path,
                                                                               periods):
    """ "Thời gian thực hiện" over "Quý I" … "Quý IV", each task's quarters marked "x", as
    many commune plans lay it out: the first quarter's column was read as the deadline
    (blank: "thiếu thời hạn"; "x": "không đọc được ngày hạn từ 'x'") and each other
    quarter warned as a column unread. Each task's deadline is the periods it marks (a
    date written in one instead of "x" as written)."""
    rows = [["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian thực hiện", None, None, None, "Ghi chú"],
            [None] * 5 + periods + [None],
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "", "x", "", "", ""],
            ["2", "Kiểm tra", "Kết luận", "Sở Tư pháp", "", "", "", "", "X", ""],
            ["3", "Tuyên truyền", "Tin bài", "Sở Tư pháp", "", "x", "x", "x", "x", "Lồng ghép"],
            ["4", "Tổng kết", "Báo cáo", "Sở Tư pháp", "", "", "", "", "15/12/2026", ""]]
    merges = [(0, 5, 0, 8)] + [(0, c, 1, c) for c in (0, 1, 2, 3, 4, 9)]
    result, raw = built(plan_docx(tmp_path / "kh.docx", (rows, merges)))
    assert [(r[3], r[7]) for r in rows_of(result)] == [
        ("Rà soát", periods[1]), ("Kiểm tra", periods[3]), ("Tuyên truyền", ", ".join(periods)),
        ("Tổng kết", "15/12/2026")]
    assert "import-column-unread" not in codes(raw.findings)


@pytest.mark.parametrize("title, unit", [
    ("Kinh phí (triệu đồng)", "triệu đồng"), ("Dự toán kinh phí (Đơn vị tính: đồng)", "đồng"),
    ("Kinh phí (ĐVT: tỷ đồng)", "tỷ đồng"), ("Kinh phí", "")])
def test_an_amount_keeps_the_money_its_column_counts_in(tmp_path, title, unit):
    """ "Kinh phí (triệu đồng)" over "1.500": the master's "Kinh phí" column said 1.500,
    and the appendix printed it so, đồng or triệu đồng nobody could tell (QA)."""
    rows = [HEAD + [title], ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026",
                             "1.500"],
            ["2", "Kiểm tra", "Báo cáo", "Sở Tư pháp", "", "Quý III/2026", "Lồng ghép"]]
    result, _ = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [r[8] for r in rows_of(result)] == [f"1.500 {unit}".strip(), "Lồng ghép"]


def test_a_column_nothing_recognises_is_named_when_it_holds_text(tmp_path):
    rows = [HEAD + ["Chỉ tiêu"],
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026", "100%"],
            ["2", "Kiểm tra", "Kết luận", "Sở Tư pháp", "", "Quý III/2026", "95%"]]
    _, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    (warning,) = [f for f in raw.findings if f.code == "import-column-unread"]
    assert "cột 'Chỉ tiêu'" in warning.message and warning.place == "bảng 1, dòng 2"


# --- 11. an Excel plan's signature block ----------------------------------------------------

def test_the_signature_under_an_excel_table_is_no_task(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = TITLE
    for c, text in enumerate(HEAD, start=1):
        ws.cell(3, c, text)
    for c, text in enumerate(["I", "CẢI CÁCH THỂ CHẾ"], start=1):
        ws.cell(4, c, text)
    for c, text in enumerate(["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "Sở Nội vụ",
                              "Quý II/2026"], start=1):
        ws.cell(5, c, text)
    ws["A7"], ws["E7"] = "Nơi nhận:", "KT. CHỦ TỊCH"
    ws["E10"] = "Nguyễn Văn Thi"
    path = tmp_path / "kh.xlsx"
    wb.save(path)
    result, _ = built(path)
    assert [(r[2], r[4], r[6]) for r in rows_of(result)] == [("1", "Báo cáo", "Sở Nội vụ")]


# --- 13, 14. area headings ------------------------------------------------------------------

def test_a_heading_of_the_plan_body_is_not_the_first_tasks_area(tmp_path):
    lines = (TITLE, "IV. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ",
             "Theo dõi, đôn đốc, tổng hợp báo cáo UBND tỉnh.", "PHỤ LỤC",
             "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    rows = [HEAD, ["1", "Ban hành kế hoạch", "Kế hoạch", "Sở Nội vụ", "", "Tháng 01/2026"],
            ["I. CẢI CÁCH THỂ CHẾ"] + [None] * 5,
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", (rows, [(2, 0, 2, 5)]), lines=lines))
    assert [(r[0], r[3]) for r in rows_of(result)] == [
        ("Nhiệm vụ", "Ban hành kế hoạch"), ("Cải cách thể chế", "Rà soát")]
    assert "import-no-area" in codes(raw.findings)
    assert raw.appendix_title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"


def test_area_number_and_title_in_separate_cells(tmp_path):
    rows = [["Stt", "Nhiệm vụ cụ thể", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm",
             "Thời gian hoàn thành"],
            ["Nội dung 1", "Công tác chỉ đạo, điều hành", None, None, None, None],
            ["1", "Ban hành kế hoạch", "Sở Nội vụ", "", "Kế hoạch", "Tháng 01/2026"],
            ["NỘI DUNG 2.", "CẢI CÁCH THỂ CHẾ", None, None, None, None],
            ["1", "Rà soát", "Sở Tư pháp", "", "Báo cáo", "Quý III/2026"]]
    result, _ = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [(r[0], r[1], r[3]) for r in rows_of(result)] == [
        ("Công tác chỉ đạo, điều hành", "CD-01", "Ban hành kế hoạch"),
        ("Cải cách thể chế", "TC-01", "Rà soát")]


# --- 15. sub-tasks ------------------------------------------------------------------------

def test_a_lead_on_a_heading_row_reaches_its_sub_tasks(tmp_path):
    rows = [HEAD,
            ["5", "Kiểm tra giải quyết TTHC", "", "Sở Nội vụ", "", ""],
            ["a)", "Kiểm tra các sở", "Kết luận", "", "Văn phòng UBND tỉnh", "Quý III/2026"],
            ["b)", "Kiểm tra các xã", "Kết luận", "", "Văn phòng UBND tỉnh", "Quý IV/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    (area,) = result.areas
    assert [h.id for h in area.headings] == ["NV-05"]
    assert [(t.id, t.parent, t.deliverables[0].lead_text) for t in area.tasks] == [
        ("NV-05-1", "NV-05", "Sở Nội vụ"), ("NV-05-2", "NV-05", "Sở Nội vụ")]
    assert "import-heading-with-data" not in codes(raw.findings)



@pytest.mark.parametrize("mark", ["-", "+", "•"])
def test_rows_marked_with_a_dash_under_a_task_naming_its_units_are_its_sub_tasks(tmp_path,
                                                                                 mark):
    """ "-" rows under "2.1 | ... | Sở Nội vụ | Sở Tư pháp" (no product, no deadline): each
    was a task without a lead, and the plan could not be split (a QA pass). Sub-tasks,
    as "a)", "b)" are; a "-" row under a task with its own product stays a task."""
    rows = [HEAD,
            ["5", "Kiểm tra giải quyết TTHC", "", "Sở Nội vụ", "Sở Tư pháp", ""],
            [mark, "Kiểm tra các sở", "Kết luận", "", "", "Quý III/2026"],
            [mark, "Kiểm tra các xã", "Kết luận", "", "", "Quý IV/2026"],
            ["6", "Tự đánh giá", "Báo cáo", "Sở Nội vụ", "", "Quý IV/2026"],
            [mark, "Chấm điểm các sở", "Kết quả", "Sở Tư pháp", "", "Quý IV/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    (area,) = result.areas
    (heading,) = area.headings
    assert [(t.id, t.parent, t.deliverables[0].lead_text, t.deliverables[0].support_text)
            for t in area.tasks][:2] == [(f"{heading.id}-1", heading.id, "Sở Nội vụ",
                                          "Sở Tư pháp"),
                                         (f"{heading.id}-2", heading.id, "Sở Nội vụ",
                                          "Sở Tư pháp")]
    assert [(t.parent, t.deliverables[0].lead_text) for t in area.tasks[2:]] == [
        ("", "Sở Nội vụ"), ("", "Sở Tư pháp")]
    assert "import-heading-with-data" not in codes(raw.findings)

def test_three_levels_of_numbers_keep_every_task_under_one_heading(tmp_path):
    rows = [HEAD,
            ["1", "Thực hiện vị trí việc làm", "", "", "", ""],
            ["1.1", "Rà soát bản mô tả", "", "", "", ""],
            ["1.1.1", "Đối với cơ quan hành chính", "Bản mô tả", "Các sở", "Sở Nội vụ",
             "Quý II/2026"],
            ["1.1.2", "Đối với đơn vị sự nghiệp", "Đề án", "Các sở", "Sở Nội vụ",
             "Quý III/2026"],
            ["1.2", "Phê duyệt vị trí việc làm", "Quyết định", "Sở Nội vụ", "", "Quý IV/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    (area,) = result.areas
    assert [h.number for h in area.headings] == ["1"]
    assert [(t.number, t.parent, t.content) for t in area.tasks] == [
        ("1.1.1", area.headings[0].id, "Rà soát bản mô tả - Đối với cơ quan hành chính"),
        ("1.1.2", area.headings[0].id, "Rà soát bản mô tả - Đối với đơn vị sự nghiệp"),
        ("1.2", area.headings[0].id, "Phê duyệt vị trí việc làm")]
    assert codes(raw.findings).count("import-subtask-nested") == 2
    assert not [f for f in result.findings if f.code == "import-task-incomplete"]


# --- 16, and Word markup ------------------------------------------------------------------

def test_word_automatic_bullets_split_products(tmp_path):
    path = tmp_path / "kh.docx"
    doc = Document()
    doc.add_paragraph(TITLE)
    table = add_table(doc, [HEAD, ["1", "Xây dựng văn bản", None, "Sở Nội vụ", "", None]])
    for col, lines in ((2, ["Dự thảo Quyết định", "Quyết định ban hành"]),
                       (5, ["Quý II/2026", "Quý IV/2026"])):
        cell = table.cell(1, col)
        cell.paragraphs[0].text = lines[0]
        cell.paragraphs[0].style = "List Bullet"
        cell.add_paragraph(lines[1], style="List Bullet")
    doc.save(path)
    result, _ = built(path)
    assert [(r[4], r[7]) for r in rows_of(result)] == [
        ("Dự thảo Quyết định", "Quý II/2026"), ("Quyết định ban hành", "Quý IV/2026")]


def test_tracked_insertions_and_content_controls_are_read(tmp_path):
    path = tmp_path / "kh.docx"
    doc = Document()
    doc.add_paragraph(TITLE)
    table = add_table(doc, [HEAD, ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", ""]])
    # the deadline typed with "Track changes" on
    p = table.cell(1, 5).paragraphs[0]._p
    ins = OxmlElement("w:ins")
    for key, value in (("w:id", "1"), ("w:author", "A"), ("w:date", "2025-12-01T00:00:00Z")):
        ins.set(qn(key), value)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Quý II/2026"
    run.append(text)
    ins.append(run)
    p.append(ins)
    # the whole row inside a content control
    tr = table.rows[1]._tr
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    tr.addprevious(sdt)
    content.append(copy.deepcopy(tr))
    tr.getparent().remove(tr)
    doc.save(path)
    result, _ = built(path)
    assert [(r[3], r[7]) for r in rows_of(result)] == [("Rà soát", "Quý II/2026")]


def test_import_keeps_every_task_of_a_header_like_row_end_to_end(tmp_path):
    path = plan_docx(tmp_path / "kh.docx", [
        HEAD, ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"],
        HEADER_LIKE])
    result = import_plan(path, tmp_path / "m.xlsx")
    assert [t.number for t in result.master.tasks()] == ["1", "2"]


def test_general_tasks_keep_their_area_title(tmp_path):
    rows = [HEAD, ["A. NHIỆM VỤ CHUNG"] + [None] * 5,
            ["1", "Ban hành kế hoạch", "Kế hoạch", "Sở Nội vụ", "", "Tháng 01/2026"],
            ["B. NHIỆM VỤ VỀ CẢI CÁCH THỂ CHẾ"] + [None] * 5,
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"]]
    result, _ = built(plan_docx(tmp_path / "kh.docx", (rows, [(1, 0, 1, 5), (3, 0, 3, 5)])))
    assert [a.title for a in result.areas] == ["Nhiệm vụ chung", "Cải cách thể chế"]


def test_a_second_column_of_one_meaning_is_named(tmp_path):
    rows = [["TT", "Nhiệm vụ", "Nội dung cụ thể", "Sản phẩm", "Chủ trì", "Phối hợp",
             "Thời gian hoàn thành"],
            ["1", "Kiểm soát TTHC", "Rà soát TTHC đất đai", "Phương án", "Sở NN&MT", "",
             "Quý II/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [r[3] for r in rows_of(result)] == ["Kiểm soát TTHC"]
    (warning,) = [f for f in raw.findings if f.code == "import-column-unread"]
    assert "cột 'Nội dung cụ thể'" in warning.message


def test_start_and_end_columns_in_one_header_row(tmp_path):
    rows = [HEAD[:5] + ["Thời gian bắt đầu", "Thời gian hoàn thành"],
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Tháng 3/2026", "Tháng 11/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [r[7] for r in rows_of(result)] == ["Tháng 11/2026"]
    assert "import-column-unread" not in codes(raw.findings)


def _areas_imported(tmp_path, areas: list[str]):
    """The master imported from a table of ``areas`` (rows merged across), a task each,
    as written (no authority: not a usable master)."""
    rows = [HEAD]
    for k, area in enumerate(areas, start=1):
        rows += [[area, None, None, None, None, None],
                 [str(k), "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]]
    merges = [(r, 0, r, 5) for r in range(1, len(rows), 2)]
    result = import_plan(plan_docx(tmp_path / "kh.docx", (rows, merges)), tmp_path / "m.xlsx")
    return read_master(result.path)[0]


def test_area_titles_in_capitals_keep_their_acronyms_and_sheet_names_whole_words(tmp_path):
    """"CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC" became "… điều hành cchc" in the master and all
    after it; "NHIỆM VỤ CỦA CÁC CƠ QUAN NGÀNH DỌC …" the area "Của các cơ quan …", its
    sheet "Của các cơ quan ngành dọc và đơ"."""
    areas = ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",
             "II. CẢI CÁCH TTHC, THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG",
             "III. XÂY DỰNG CHÍNH PHỦ ĐIỆN TỬ, CĐS TRONG HOẠT ĐỘNG CỦA HĐND, UBND",
             "VIII. NHIỆM VỤ CỦA CÁC CƠ QUAN NGÀNH DỌC VÀ ĐƠN VỊ KHÁC"]
    master = _areas_imported(tmp_path, areas)
    assert [(a.title, a.sheet) for a in master.areas] == [
        ("Công tác chỉ đạo, điều hành CCHC", "Chỉ đạo, điều hành"),
        ("Cải cách TTHC, thực hiện cơ chế Một cửa, Một cửa liên thông", "Thủ tục hành chính"),
        ("Xây dựng Chính phủ điện tử, CĐS trong hoạt động của HĐND, UBND",
         "Chính quyền điện tử, số"),
        ("Nhiệm vụ của các cơ quan ngành dọc và đơn vị khác", "Nhiệm vụ của các cơ quan ngành")]


def test_a_tt_column_numbered_by_word_gives_the_numbers_word_shows(tmp_path):
    """TT cells numbered by Word ("List Number", no number typed) came out empty: every
    task without its number in the plan table and its appendix (a QA pass). A bulleted
    cell gives no number; a typed number stays as typed."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(TITLE)
    rows = [HEAD, ["I. CẢI CÁCH THỂ CHẾ", None, None, None, None, None],
            [None, "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"],
            [None, "Kiểm tra", "Báo cáo", "Sở Tư pháp", "", "Quý III/2026"],
            ["3", "Tuyên truyền", "Tin bài", "Sở Tư pháp", "", "Quý III/2026"]]
    table = add_table(doc, rows, [(1, 0, 1, 5)])
    for r in (2, 3):
        table.cell(r, 0).paragraphs[0].style = "List Number"
    table.cell(4, 1).paragraphs[0].style = "List Bullet"  # a bullet: no number
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    (area,) = result.master.areas
    assert [(t.number, t.content) for t in area.tasks] == [
        ("1.", "Rà soát"), ("2.", "Kiểm tra"), ("3", "Tuyên truyền")]


def test_lists_of_one_numbering_count_on_unless_one_starts_again(tmp_path):
    """Two lists of one definition: the second went on from the first (3., 4.) in Word
    and LibreOffice, but was imported from 1. again, two areas with the same numbers (a
    QA pass); a list that starts again (a start override) does start at 1."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    doc.add_paragraph(TITLE)
    rows = [HEAD, ["I. CẢI CÁCH THỂ CHẾ", None, None, None, None, None],
            [None, "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"],
            [None, "Kiểm tra", "Báo cáo", "Sở Tư pháp", "", "Quý III/2026"],
            ["II. CẢI CÁCH TTHC", None, None, None, None, None],
            [None, "Công khai", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"],
            [None, "Số hóa", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"],
            [None, "Chuyển đổi", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]]
    table = add_table(doc, rows, [(1, 0, 1, 5), (4, 0, 4, 5)])
    numbering = doc.part.numbering_part.element
    style = doc.styles["List Number"].element
    first = style.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == first)
    definition = num.find(qn("w:abstractNumId")).get(qn("w:val"))

    def new_list(list_id: int, start: int | None = None) -> None:
        made = OxmlElement("w:num")
        made.set(qn("w:numId"), str(list_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), definition)
        made.append(ref)
        if start is not None:
            override, start_at = OxmlElement("w:lvlOverride"), OxmlElement("w:startOverride")
            override.set(qn("w:ilvl"), "0")
            start_at.set(qn("w:val"), str(start))
            override.append(start_at)
            made.append(override)
        numbering.append(made)

    def numbered(r: int, list_id) -> None:
        props = table.cell(r, 0).paragraphs[0]._p.get_or_add_pPr()
        num_pr, level, which = (OxmlElement(t) for t in ("w:numPr", "w:ilvl", "w:numId"))
        level.set(qn("w:val"), "0")
        which.set(qn("w:val"), str(list_id))
        num_pr.extend([level, which])
        props.append(num_pr)

    new_list(900)
    new_list(901, start=1)
    for r, list_id in ((2, first), (3, first), (5, 900), (6, 900), (7, 901)):
        numbered(r, list_id)
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert [[t.number for t in a.tasks] for a in result.master.areas] == [
        ["1.", "2."], ["3.", "4.", "1."]]


def test_a_task_s_sentence_going_on_in_a_new_row_is_joined_to_it(tmp_path):
    """The author pressed Enter in the middle of a task's sentence: the row under it, no
    number and its text in lower case, was a task of its own; and a task whose number
    and first words were alone on their row lost its units and deadline (a QA pass)."""
    rows = [HEAD, ["1", "Rà soát, công khai TTHC", "Danh mục", "Trung tâm Phục vụ hành chính "
                   "công", "", "Trước ngày 20/12/2026"],
            ["", "của UBND đặc khu trên Cổng dịch vụ công quốc gia", "", "", "", ""],
            ["2", "Tiếp nhận, số hóa hồ sơ", "", "", "", ""],
            ["", "theo Nghị định 107/2021/NĐ-CP", "Tỷ lệ số hóa", "Trung tâm Phục vụ hành chính "
             "công", "", "Quý IV/2026"],
            ["", "Một việc khác không số", "Báo cáo", "Trung tâm Phục vụ hành chính công", "",
             "Quý IV/2026"],
            # Not a sentence going on (a QA pass found them joined): a sub-item, a name in
            # lower case, a row of its own cells under a task that has its product.
            ["", "a) rà soát văn bản của UBND", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"],
            ["", "eMagazine về CCHC", "Ấn phẩm", "Sở Tư pháp", "", "Quý IV/2026"],
            ["", "tuyên truyền trên báo", "Tin bài", "Sở Tư pháp", "", "Quý IV/2026"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    tasks = [t for a in result.master.areas for t in a.tasks]
    assert [(t.number, t.content) for t in tasks] == [
        ("1", "Rà soát, công khai TTHC của UBND đặc khu trên Cổng dịch vụ công quốc gia"),
        ("2", "Tiếp nhận, số hóa hồ sơ theo Nghị định 107/2021/NĐ-CP"),
        ("", "Một việc khác không số"), ("", "a) rà soát văn bản của UBND"),
        ("", "eMagazine về CCHC"), ("", "tuyên truyền trên báo")]
    first, second = (t.deliverables for t in tasks[:2])
    assert [(d.product, d.deadline.raw) for d in first] == [("Danh mục", "Trước ngày 20/12/2026")]
    assert [(d.product, d.deadline.raw) for d in second] == [("Tỷ lệ số hóa", "Quý IV/2026")]
    assert second[0].lead  # the continuation row's units are the task's
    joined = [f for f in result.findings if f.code == "import-row-joined"]
    assert [f.place.rsplit(" ", 1)[-1] for f in joined] == ["3", "5"]


def test_tasks_numbered_after_their_area_are_no_orphan_sub_tasks(tmp_path):
    """Areas "1.", "2." and their tasks "1.1", "1.2", "2.1" (a common layout): each task
    had two warnings telling to make it a sub-task, 18 in a QA pass's plan."""
    rows = [HEAD, ["1. CẢI CÁCH THỂ CHẾ", None, None, None, None, None],
            ["1.1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"],
            ["1.2", "Kiểm tra", "Báo cáo", "Sở Tư pháp", "", "Quý III/2026"],
            ["2. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None, None, None, None],
            ["2.1", "Công khai", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"],
            ["3.1", "Lạc chỗ", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]]
    merges = [(1, 0, 1, 5), (4, 0, 4, 5)]
    result = import_plan(plan_docx(tmp_path / "kh.docx", (rows, merges)), tmp_path / "m.xlsx")
    master = result.master
    assert [[t.number for t in a.tasks] for a in master.areas] == [["1.1", "1.2"],
                                                                   ["2.1", "3.1"]]
    warned = [(f.code, f.message) for f in result.findings
              if f.code in ("import-subtask-orphan", "number-looks-subtask")]
    # Only "3.1", which is not numbered after its area "2.", is still said to be odd.
    assert warned and all("3.1" in message for _, message in warned), warned


def test_areas_lettered_in_the_vietnamese_order_lose_their_letter_d_too(tmp_path):
    """Areas lettered A, B, C, D, Đ, E: "Đ. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ" kept its letter in
    its title ("Đ. cải cách chế độ công vụ"), the others lost theirs (a QA pass)."""
    areas = ["D. CẢI CÁCH TỔ CHỨC BỘ MÁY", "Đ. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
             "E. CẢI CÁCH TÀI CHÍNH CÔNG"]
    master = _areas_imported(tmp_path, areas)
    assert [a.title for a in master.areas] == [
        "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ", "Cải cách tài chính công"]


@pytest.mark.parametrize("title, code", [
    ("CẢI CÁCH TTHC VÀ NÂNG CAO CHỈ SỐ SIPAS, PAR INDEX", "TTHC"),
    ("Cải cách thủ tục hành chính", "TTHC"),
    ("Nâng cao Chỉ số cải cách hành chính (PAR INDEX)", "CS"),
])
def test_an_area_is_known_by_its_abbreviation_too(title, code):
    """"Cải cách TTHC và nâng cao chỉ số SIPAS" was filed as the index area."""
    from cchc_xl.plan_import.areas import area_code_and_sheet

    assert area_code_and_sheet(title, set(), set())[0] == code


@pytest.mark.parametrize("heading, running", [
    ("THỰC HIỆN NGHỊ QUYẾT SỐ 18-NQ/TW", "Thực hiện Nghị quyết số 18-NQ/TW"),
    ("TRIỂN KHAI KẾ HOẠCH 125/KH-UBND", "Triển khai Kế hoạch 125/KH-UBND"),
    ("XÂY DỰNG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", "Xây dựng kế hoạch cải cách hành chính"),
    ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "Công tác chỉ đạo, điều hành CCHC"),
])
def test_a_heading_in_capitals_keeps_the_capital_of_a_document_named(heading, running):
    """"NGHỊ QUYẾT SỐ 18-NQ/TW" in a heading became "nghị quyết số 18-NQ/TW"."""
    from cchc_xl.plan_import.area_titles import running_case

    assert running_case(heading) == running


# --- 17. headers with titles of their own ---------------------------------------------------

@pytest.mark.parametrize("head", [
    # a commune's plan: the office that advises leads; who of the leaders is in charge
    ["TT", "Nội dung công việc", "Sản phẩm", "Bộ phận tham mưu", "Phối hợp",
     "Lãnh đạo phụ trách", "Thời gian hoàn thành"],
    ["TT", "Nội dung công việc", "Sản phẩm", "Cơ quan chủ trì", "Lãnh đạo phụ trách",
     "Chỉ tiêu", "Thời gian hoàn thành"]])
def test_a_header_with_its_essential_columns_is_read_whatever_its_other_titles(tmp_path, head):
    """The plan of xã Quảng Phú was refused whole ("không tìm thấy bảng nhiệm vụ"): two
    of its seven titles were not understood."""
    row = ["1", "Rà soát văn bản QPPL", "Báo cáo", "Văn phòng HĐND và UBND", "Công an xã",
           "Chủ tịch UBND xã", "Quý I/2026"]
    if "Chỉ tiêu" in head:
        row = row[:4] + ["Chủ tịch UBND xã", "100%", "Quý I/2026"]
    result = import_plan(plan_docx(tmp_path / "kh.docx", [head, row]), tmp_path / "m.xlsx")
    (task,) = result.master.tasks()
    (product,) = task.deliverables
    assert (task.content, product.product, product.lead_text, product.deadline.raw) == (
        "Rà soát văn bản QPPL", "Báo cáo", "Văn phòng HĐND và UBND", "Quý I/2026")
    unread = [f.message for f in result.findings if f.code == "import-column-unread"]
    assert any("cột 'Lãnh đạo phụ trách'" in m for m in unread)


def test_without_a_task_table_the_closest_header_and_its_titles_are_named(tmp_path):
    rows = [["TT", "Công việc", "Người thực hiện", "Ngày xong"],
            ["1", "Rà soát văn bản", "Anh Nam", "Quý I/2026"]]
    with pytest.raises(WorkbookError) as caught:
        import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    error = caught.value
    assert error.message.startswith("không tìm thấy bảng nhiệm vụ")
    assert "bảng 1, dòng 1" in error.message
    assert "chưa hiểu 'Người thực hiện', 'Ngày xong'" in error.message
    assert "thiếu cột Cơ quan chủ trì" in error.message
    assert "rồi nhập lại" in error.hint


@pytest.mark.parametrize("lead", ["Bộ phận tham mưu", "Cơ quan tham mưu", "Đơn vị tham mưu",
                                  "Đơn vị thực hiện nhiệm vụ"])
def test_the_office_that_advises_is_the_lead(tmp_path, lead):
    head = ["TT", "Nội dung công việc", "Sản phẩm", lead, "Phối hợp", "Ghi chú",
            "Thời gian hoàn thành"]
    rows = [head, ["1", "Công khai TTHC", "TTHC được công khai",
                   "Trung tâm Phục vụ hành chính công", "", "Phó Chủ tịch UBND xã",
                   "Thường xuyên"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [r[3:6] for r in rows_of(result)] == [
        ("Công khai TTHC", "TTHC được công khai", "Trung tâm Phục vụ hành chính công")]
    assert "import-column-unread" not in codes(raw.findings)


def test_a_column_that_seems_to_list_units_is_told_its_title(tmp_path):
    rows = [["TT", "Nội dung", "Sản phẩm", "Bộ phận được giao", "Đơn vị tham gia",
             "Lãnh đạo phụ trách", "Thời hạn"],
            ["1", "Rà soát", "Báo cáo", "Văn phòng HĐND và UBND", "Công an xã",
             "Chủ tịch UBND xã", "Quý I/2026"]]
    _, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    unread = {f.message.split("'")[1]: f.message for f in raw.findings
              if f.code == "import-column-unread"}
    assert "đổi tiêu đề cột thành 'Cơ quan chủ trì'" in unread["Bộ phận được giao"]
    assert "đổi tiêu đề cột thành 'Cơ quan phối hợp'" in unread["Đơn vị tham gia"]
    # People, not units, and no title to give such a column: said to be not needed (it
    # was told to be retitled, a QA pass).
    assert "không cần cho bảng kế hoạch: bỏ qua được" in unread["Lãnh đạo phụ trách"]
    assert "đổi tiêu đề" not in unread["Lãnh đạo phụ trách"]


# --- 18. rows of the table that are no task -------------------------------------------------

def test_an_area_written_without_its_numeral_is_an_area(tmp_path):
    """Phường Hoa Lư: "" | "CẢI CÁCH TỔ CHỨC BỘ MÁY" became a task of the area above, and
    the tasks under it went there too."""
    rows = [HEAD, ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""],
            ["1", "Công khai TTHC", "TTHC được công khai", "Trung tâm PVHCC", "", "Thường xuyên"],
            ["", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", "", ""],
            ["1", "Rà soát quy chế làm việc", "Quy chế", "Văn phòng HĐND và UBND", "",
             "Quý II/2026"],
            ["", "Cải cách chế độ công vụ", "", "", "", ""],
            ["1", "Đánh giá công chức", "Kết quả", "Văn phòng HĐND và UBND", "", "Tháng 12/2026"]]
    result, _ = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [(r[0], r[1], r[3]) for r in rows_of(result)] == [
        ("Cải cách thủ tục hành chính", "TTHC-01", "Công khai TTHC"),
        ("Cải cách tổ chức bộ máy", "BM-01", "Rà soát quy chế làm việc"),
        ("Cải cách chế độ công vụ", "CV-01", "Đánh giá công chức")]
    assert not [f for f in result.findings if f.code == "import-task-incomplete"]


def test_nhu_tren_repeats_the_task_above_even_across_an_area(tmp_path):
    """ "Như trên" under an area heading was kept as it was: its sheet had no row above,
    the deadline was unread, and the coordinators' "Như trên" became a unit (QA)."""
    from cchc_xl.plan_import import import_plan

    rows = [HEAD, ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""],
            ["1", "Rà soát văn bản", "Báo cáo", "Sở Tư pháp", "Sở Tài chính", "Quý IV/2026"],
            ["II", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", "", ""],
            ["1", "Rà soát chức năng", "Báo cáo", "Sở Nội vụ", "Như trên", "Như trên"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    first, second = result.master.deliverables()
    assert (second.support_text, second.deadline.raw) == ("Sở Tài chính", "Quý IV/2026")
    assert second.support == first.support and second.deadline.due == first.deadline.due
    assert "Như trên" not in [u.name for u in result.master.units]
    assert not [f for f in result.findings if f.code == "deadline-unparsed"]


def test_a_note_across_the_table_starts_no_area_and_is_kept_in_a_warning(tmp_path):
    """Phường Hạc Thành: "(Các đơn vị chủ động bố trí kinh phí…)" across the table became
    an area, its sheet '(Các đơn vị chủ động bố trí', and took the next task."""
    note = "(Các đơn vị chủ động bố trí kinh phí từ nguồn được giao)"
    rows = [HEAD, ["I. CẢI CÁCH THỂ CHẾ"] + [None] * 5,
            ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "", "Quý I/2026"],
            [note] + [None] * 5,
            ["2", "Tuyên truyền pháp luật", "Hội nghị", "Phòng Văn hóa - Xã hội", "",
             "Tháng 6/2026"],
            ["NHIỆM VỤ KHÁC"] + [None] * 5,
            ["1", "Tổng kết năm", "Báo cáo", "Văn phòng HĐND và UBND", "", "Tháng 12/2026"]]
    merges = [(1, 0, 1, 5), (3, 0, 3, 5), (5, 0, 5, 5)]
    result, raw = built(plan_docx(tmp_path / "kh.docx", (rows, merges)))
    assert [(r[0], r[1]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01"), ("Cải cách thể chế", "TC-02"),
        ("Nhiệm vụ khác", "NVK-01")]
    (warning,) = [f for f in raw.findings if f.code == "import-note-skipped"]
    assert warning.severity == "warning" and warning.place == "bảng 1, dòng 4"
    assert note in warning.message and "cột Ghi chú" in warning.message


@pytest.mark.parametrize("total", ["Tổng cộng", "TỔNG", "Cộng:"])
def test_a_totals_row_is_left_out_with_a_note(tmp_path, total):
    rows = [HEAD + ["Kinh phí (triệu đồng)"],
            ["1", "Công khai TTHC", "TTHC được công khai", "Trung tâm PVHCC", "",
             "Thường xuyên", "20"],
            ["2", "Đo lường sự hài lòng", "Báo cáo", "Trung tâm PVHCC", "", "Tháng 6/2026",
             "25"],
            ["", total, "", "", "", "", "45"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    assert [(t.number, t.deliverables[0].funding) for t in result.master.tasks()] == [
        ("1", "20 triệu đồng"), ("2", "25 triệu đồng")]
    (note,) = [f for f in result.findings if f.code == "import-total-skipped"]
    assert note.severity == "note" and note.place == "bảng 1, dòng 4"
    assert f"'{total}'" in note.message and "45" in note.message
    assert "lead-missing" not in codes(result.findings)


def test_a_row_of_a_note_alone_is_the_note_of_the_product_above(tmp_path):
    """ "Nhiệm vụ chuyển tiếp từ năm 2025" alone in the note column under task b): a
    product without a name, assigned to the task's lead (a QA pass: a third "chủ trì" row
    in the unit's file, and a finding that b) lacked a product and a deadline)."""
    head = [*HEAD, "Ghi chú"]
    rows = [head,
            ["1", "Rà soát", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026", ""],
            ["", "", "", "", "", "", "Nhiệm vụ chuyển tiếp từ năm 2025"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    (task,) = result.areas[0].tasks
    (d,) = task.deliverables
    assert (d.product, d.note) == ("Báo cáo", "Nhiệm vụ chuyển tiếp từ năm 2025")
    assert "import-note-joined" in codes(raw.findings)
    assert not {"import-task-incomplete", "product-missing"} & set(codes(raw.findings))


@pytest.mark.parametrize("column", [3, 4], ids=["lead", "coordinators"])
def test_a_row_of_units_alone_holds_more_units_of_the_product_above(tmp_path, column):
    """ "Sở Xây dựng", "Sở Nội vụ" alone on a row under a task's product (a PDF prints so
    the rest of a coordinators' list cut by a page break): they were a product of its own,
    without a name nor a deadline (a QA pass of plans made at random). They are more of
    the product above's units, as the cell they are in says."""
    rows = [HEAD,
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "Sở Dân tộc và Tôn giáo",
             "Quý II/2026"],
            ["", "", "", "", "", ""]]
    rows[2][column] = "Sở Xây dựng\nSở Nội vụ"
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    (task,) = result.areas[0].tasks
    (d,) = task.deliverables
    lead, support = ("Sở Tư pháp", "Sở Dân tộc và Tôn giáo")
    if column == 3:
        lead += "\nSở Xây dựng\nSở Nội vụ"
    else:
        support += "\nSở Xây dựng\nSở Nội vụ"
    assert (d.product, d.deadline.raw, d.lead_text, d.support_text) == (
        "Báo cáo", "Quý II/2026", lead, support)
    (joined,) = [f for f in raw.findings if f.code == "import-units-joined"]
    assert joined.place == "bảng 1, dòng 3"
    assert "'Sở Xây dựng; Sở Nội vụ'" in joined.message
    assert not {"import-task-incomplete", "product-missing"} & set(codes(raw.findings))


def test_a_task_numbered_with_a_dash_is_named_by_its_content_in_findings(tmp_path):
    """ "nhiệm vụ - thiếu chủ trì" named no task the office could find (a QA pass): a
    number that says little comes with the start of the task's content."""
    rows = [HEAD, ["-", "Kiểm tra công tác cải cách hành chính tại các xã", "Báo cáo", "", "",
                   "Quý III/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    (said,) = [f.message for f in result.findings if f.code == "import-task-incomplete"]
    assert said.startswith("nhiệm vụ - ('Kiểm tra công tác cải cách hành chính tại các xã') "
                           "thiếu chủ trì"), said


def test_a_plan_numbering_every_task_with_a_dash_keeps_each_task(tmp_path):
    """A "-" row under another "-" row stays a task: a "-" task naming its units but no
    product made every later "-" task its sub-task, taking its coordinators (a QA pass
    of the fix that made "-" rows under a numbered task its sub-tasks)."""
    rows = [HEAD,
            ["-", "Rà soát quy trình", "", "Phòng Nội vụ", "Các phòng", ""],
            ["-", "Kiểm tra CCHC", "Báo cáo", "Phòng Nội vụ", "", "Quý III/2026"],
            ["-", "Tuyên truyền", "", "", "", ""],
            ["-", "Trên Đài truyền thanh", "Tin bài", "Văn phòng", "", "Quý IV/2026"]]
    result, _ = built(plan_docx(tmp_path / "kh.docx", rows))
    (area,) = result.areas
    assert not area.headings
    assert [(t.content, t.parent) for t in area.tasks] == [
        ("Rà soát quy trình", ""), ("Kiểm tra CCHC", ""), ("Tuyên truyền", ""),
        ("Trên Đài truyền thanh", "")]
    assert area.tasks[1].deliverables[0].support_text == ""


def test_a_note_row_under_a_lead_merged_down_is_the_note_of_the_product_above(tmp_path):
    """The lead cell merged over the task's rows, as Word plans write it: the note row was
    a product without a name again (a QA pass of the first fix)."""
    head = [*HEAD, "Ghi chú"]
    rows = [head,
            ["1", "Rà soát", "Báo cáo", "Phòng Nội vụ", "", "Quý II/2026", ""],
            ["", "", "", "", "", "", "Chuyển tiếp 2025"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", (rows, [(1, 3, 2, 3)])))
    (task,) = result.areas[0].tasks
    (d,) = task.deliverables
    assert (d.product, d.note, d.lead_text) == ("Báo cáo", "Chuyển tiếp 2025", "Phòng Nội vụ")


def test_a_list_of_documents_before_the_task_table_is_noted_not_warned(tmp_path):
    documents = [["STT", "Văn bản", "Ngày ban hành", "Cơ quan ban hành"],
                 ["1", "Kế hoạch số 275/KH-UBND", "25/12/2025", "UBND tỉnh Thanh Hóa"],
                 ["2", "Quyết định số 100/QĐ-UBND", "10/01/2025", "UBND tỉnh Thanh Hóa"]]
    tasks = [HEAD, ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "", "Quý II/2026"]]
    path = plan_docx(tmp_path / "kh.docx", documents, tasks)
    result, raw = built(path)
    assert [r[3] for r in rows_of(result)] == ["Rà soát văn bản"]
    assert "import-table-unread" not in codes(raw.findings)
    (note,) = [f for f in raw.findings if f.code == "import-table-other"]
    assert (note.severity, note.place) == ("note", "bảng 1, dòng 1")
    assert "'STT', 'Văn bản', 'Ngày ban hành', 'Cơ quan ban hành'" in note.message
    assert "không phải bảng nhiệm vụ" in note.message and "đã bỏ qua 2 dòng" in note.message


def test_a_table_after_the_tasks_titled_with_a_content_column_is_still_warned(tmp_path):
    tasks = [HEAD, ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "", "Quý II/2026"]]
    other = [["STT", "Công việc", "Người làm"], ["1", "Tuyển dụng", "Ông A"],
             ["2", "Đào tạo", "Bà B"]]
    path = plan_docx(tmp_path / "kh.docx", tasks, other)
    _, raw = built(path)
    (warning,) = [f for f in raw.findings if f.code == "import-table-unread"]
    assert (warning.severity, warning.place) == ("warning", "bảng 2, dòng 1")
    assert "'STT', 'Công việc', 'Người làm'" in warning.message
    assert "thêm dòng tiêu đề" not in warning.message


def test_a_list_of_documents_as_wide_as_the_task_table_is_not_read_as_its_tasks(tmp_path):
    tasks = [HEAD, ["I. CẢI CÁCH THỂ CHẾ"] + [None] * 5,
             ["1", "Rà soát văn bản", "Danh mục", "Sở Tư pháp", "", "Quý II/2026"]]
    documents = [["STT", "Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Cơ quan ban hành",
                  "Ghi chú"],
                 ["1", "76/NQ-CP", "15/7/2021", "Chương trình tổng thể CCHC", "Chính phủ", ""],
                 ["2", "876/QĐ-BNV", "10/11/2022", "Chỉ số CCHC", "Bộ Nội vụ", ""]]
    path = plan_docx(tmp_path / "kh.docx", (tasks, [(1, 0, 1, 5)]), documents)
    result, raw = built(path)
    assert [(r[1], r[3], r[5]) for r in rows_of(result)] == [
        ("TC-01", "Rà soát văn bản", "Sở Tư pháp")]
    (note,) = [f for f in raw.findings if f.code == "import-table-other"]
    assert (note.severity, note.place) == ("note", "bảng 2, dòng 1")
    assert "'Số, ký hiệu'" in note.message
