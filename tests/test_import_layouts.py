"""cchc-xl import: task tables laid out as 2026 offices lay them out beyond the usual
order of columns (a probe of real layouts): the lead's column before the content's,
funding given as an amount and its source side by side.

Each document is built here with python-docx.
"""

from __future__ import annotations

import pytest
from docx import Document

from cchc_xl.plan_import import import_plan
from tests.test_import_tables import TITLE, add_table, built, codes, plan_docx, rows_of

# "Cơ quan chủ trì" before "Nội dung", "Thời gian hoàn thành" before "Sản phẩm".
LEAD_FIRST = ["TT", "Cơ quan chủ trì", "Nội dung công việc", "Thời gian hoàn thành",
              "Sản phẩm", "Cơ quan phối hợp"]


@pytest.mark.parametrize("merged", [False, True])
def test_an_areas_title_in_the_lead_column_before_the_content_is_the_area(tmp_path, merged):
    """ "I" | "CẢI CÁCH THỂ CHẾ" under a header whose second column is the lead's: the
    area, not a task "I" led by a unit named "CẢI CÁCH THỂ CHẾ" (all tasks were put
    under an area "Nhiệm vụ", two units added by the areas' names)."""
    rows = [LEAD_FIRST,
            ["I", "CẢI CÁCH THỂ CHẾ", None, None, None, None],
            ["1", "Sở Tư pháp", "Rà soát văn bản quy phạm pháp luật", "Tháng 12/2026",
             "Báo cáo kết quả rà soát", "Các sở, ban, ngành"],
            ["Nội dung 2", "Cải cách thủ tục hành chính", None, None, None, None],
            ["1", "Văn phòng UBND tỉnh", "Công bố danh mục TTHC", "Quý II, III/2026",
             "Quyết định công bố", ""]]
    merges = [(1, 1, 1, 5), (3, 1, 3, 5)] if merged else []
    result, raw = built(plan_docx(tmp_path / "kh.docx", (rows, merges)))
    assert [(r[0], r[1], r[3], r[4], r[5], r[7]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01", "Rà soát văn bản quy phạm pháp luật",
         "Báo cáo kết quả rà soát", "Sở Tư pháp", "Tháng 12/2026"),
        ("Cải cách thủ tục hành chính", "TTHC-01", "Công bố danh mục TTHC",
         "Quyết định công bố", "Văn phòng UBND tỉnh", "Quý II, III/2026")]
    assert "import-no-area" not in codes(raw.findings)
    assert "import-task-incomplete" not in codes(raw.findings)


def test_a_unit_alone_in_the_lead_column_before_the_content_is_still_a_task(tmp_path):
    """A task row that lacks its content keeps its lead: only an area's title in that
    column starts an area."""
    rows = [LEAD_FIRST,
            ["I", "CẢI CÁCH THỂ CHẾ", None, None, None, None],
            ["1", "Sở Tư pháp", "", "", "", ""]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [(r[0], r[2], r[5]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "1", "Sở Tư pháp")]


HEAD = ["TT", "Nội dung thực hiện", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
        "Thời gian hoàn thành"]
FUNDED = [["1", "Rà soát chức năng, nhiệm vụ", "Quyết định", "Sở Nội vụ", "",
           "Quý II/2026", "50", "Ngân sách tỉnh"],
          ["2", "Sắp xếp đơn vị sự nghiệp", "Đề án", "Sở Nội vụ", "Sở Tài chính",
           "Tháng 9/2026", "", "Nguồn chi thường xuyên"],
          ["3", "Kiểm tra công vụ", "Thông báo", "Sở Nội vụ", "", "Quý III/2026", "", ""]]


@pytest.mark.parametrize("two_rows", [False, True])
def test_an_amount_and_its_source_side_by_side_are_both_kept(tmp_path, two_rows):
    """ "Kinh phí (triệu đồng)" | "Nguồn kinh phí": the amount and where it comes from,
    both the task's funding (the source was a column left unread, its text lost)."""
    if two_rows:  # under "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"
        rows = [["TT", "Nội dung thực hiện", "Sản phẩm", "Cơ quan thực hiện", None,
                 "Thời gian hoàn thành", "Kinh phí (triệu đồng)", "Nguồn kinh phí"],
                [None, None, None, "Chủ trì", "Phối hợp", None, None, None], *FUNDED]
        merges = [(0, c, 1, c) for c in (0, 1, 2, 5, 6, 7)] + [(0, 3, 0, 4)]
    else:
        rows, merges = [HEAD + ["Kinh phí (triệu đồng)", "Nguồn kinh phí"], *FUNDED], []
    result, raw = built(plan_docx(tmp_path / "kh.docx", (rows, merges)))
    assert [(r[5], r[6], r[8]) for r in rows_of(result)] == [
        ("Sở Nội vụ", "", "Kinh phí: 50 triệu đồng; Nguồn kinh phí: Ngân sách tỉnh"),
        ("Sở Nội vụ", "Sở Tài chính", "Nguồn kinh phí: Nguồn chi thường xuyên"),
        ("Sở Nội vụ", "", "")]
    assert "import-column-unread" not in codes(raw.findings)


@pytest.mark.parametrize("written", ["BQL KKT Nghi Sơn và các KCN",
                                     "BQL Khu kinh tế Nghi Sơn và các khu công nghiệp",
                                     "BQL các KCN tỉnh"])
def test_the_parks_board_written_short_is_a_department(tmp_path, written):
    """ "BQL KKT Nghi Sơn và các KCN", as a province's table writes its board: added as
    "Khác", it was left out of "Các sở, ban, ngành" as its full name is not."""
    rows = [HEAD, ["1", "Cải cách TTHC đầu tư", "Báo cáo", written, "", "Quý II/2026"],
            ["2", "Kiểm tra", "Báo cáo", "Sở Nội vụ", "Các sở, ban, ngành", "Quý III/2026"]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    master = result.master
    unit = next(u for u in master.units if u.code in master.deliverables()[0].lead)
    assert unit.name.startswith("Ban Quản lý")
    assert "khu" in unit.name and "KCN" not in unit.name
    assert unit.kind == "department"
    assert unit.code in master.deliverables()[1].support


def test_a_table_per_area_under_headings_numbered_1_2_in_the_body(tmp_path):
    """ "1. Cải cách thể chế", "2. …", "3. Nhiệm vụ khác" written as paragraphs, each over
    its own table: an area each, as under "I. …" (all were put under "Nhiệm vụ"); a
    heading of the plan's body numbered so ("1. Mục đích") is still no area."""
    doc = Document()
    for line in (TITLE, "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                 "Nâng cao hiệu quả cải cách hành chính.", "PHỤ LỤC",
                 "1. Cải cách thể chế", "Mục tiêu: nâng cao chất lượng văn bản."):
        doc.add_paragraph(line)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Sở Tư pháp", "",
                           "Tháng 11/2026"]])
    doc.add_paragraph("2. CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    add_table(doc, [HEAD, ["1", "Rà soát TTHC", "Báo cáo", "Văn phòng UBND tỉnh", "",
                           "Quý IV/2026"]])
    doc.add_paragraph("3. Nhiệm vụ khác")
    add_table(doc, [HEAD, ["1", "Tổng kết", "Báo cáo", "Sở Nội vụ", "", "Tháng 12/2026"]])
    doc.save(tmp_path / "kh.docx")
    result, raw = built(tmp_path / "kh.docx")
    assert [(r[0], r[1], r[3]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01", "Rà soát văn bản"),
        ("Cải cách thủ tục hành chính", "TTHC-01", "Rà soát TTHC"),
        ("Nhiệm vụ khác", "NVK-01", "Tổng kết")]
    assert "import-no-area" not in codes(raw.findings)


def test_a_body_heading_numbered_1_just_before_the_table_is_no_area(tmp_path):
    rows = [HEAD, ["I", "CẢI CÁCH THỂ CHẾ", None, None, None, None],
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"]]
    lines = (TITLE, "1. Sở Nội vụ", "Theo dõi, tổng hợp.")
    result, _ = built(plan_docx(tmp_path / "kh.docx", rows, lines=lines))
    assert [(r[0], r[3]) for r in rows_of(result)] == [("Cải cách thể chế", "Rà soát")]


def test_a_task_table_inside_a_frame_is_read(tmp_path):
    """The appendix put in a box, a table of one cell (as a page copied from a website
    or a PDF made into Word has it): the task table inside was read as that cell's lines
    and the import stopped, "không tìm thấy bảng nhiệm vụ … kiểm tra tệp có đúng kế
    hoạch CCHC không". It is read as if the box were not there."""
    from openpyxl import load_workbook

    doc = Document()
    doc.add_paragraph(TITLE)
    frame = doc.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].add_run("PHỤ LỤC")
    cell.add_paragraph("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    inner = add_table(doc, [
        ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Sản phẩm", "Thời gian hoàn thành"],
        ["I", "CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["1", "Rà soát văn bản QPPL", "Sở Tư pháp", "Báo cáo", "Quý II/2026"]],
        merges=[(1, 1, 1, 4)])
    cell._tc.append(inner._tbl)  # moved into the box
    cell.add_paragraph("")  # Word ends a cell with a paragraph
    path = tmp_path / "kh.docx"
    doc.save(path)
    result = import_plan(path, tmp_path / "m.xlsx")
    rows = [r for r in load_workbook(result.path)["Thể chế"].iter_rows(values_only=True)
            if r[0] == "TC-01"]
    assert [r[:7] for r in rows] == [("TC-01", "1", "Rà soát văn bản QPPL", "Báo cáo",
                                      "Sở Tư pháp", None, "Quý II/2026")]


def test_tasks_numbered_01_head_their_sub_tasks_numbered_1_1(tmp_path):
    """Tasks numbered "01", "02" and their sub-tasks "1.1", "1.2" (Word's numbering for the
    first, typed for the second): each sub-task was a task of its own, "01" a task without
    a lead, and the plan did not load (a QA pass of plans made at random). Figures are
    compared as numbers."""
    rows = [HEAD, ["I", "CẢI CÁCH THỂ CHẾ", None, None, None, None],
            ["01", "Rà soát văn bản quy phạm pháp luật", None, None, None, None],
            ["1.1", "Rà soát văn bản về đất đai", "Báo cáo", "Sở Nông nghiệp và Môi trường",
             "Sở Tư pháp", "Quý II/2026"],
            ["1.2", "Rà soát văn bản về y tế", "Báo cáo", "Sở Y tế", "Sở Tư pháp",
             "Quý III/2026"],
            ["02", "Kiểm tra thi hành pháp luật", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"]]
    result, raw = built(plan_docx(tmp_path / "kh.docx", rows))
    assert [(r[1], r[2], r[3]) for r in rows_of(result)] == [
        ("TC-01-1", "1.1", "Rà soát văn bản về đất đai"),
        ("TC-01-2", "1.2", "Rà soát văn bản về y tế"),
        ("TC-02", "02", "Kiểm tra thi hành pháp luật")]
    imported = import_plan(tmp_path / "kh.docx", tmp_path / "kh.xlsx")
    assert [t.id for t in imported.master.areas[0].tasks] == ["TC-01-1", "TC-01-2", "TC-02"]
    assert not {"lead-missing", "number-looks-subtask"} & {f.code for f in imported.findings}


@pytest.mark.parametrize("part", [False, True], ids=["area", "part"])
def test_a_task_heading_in_running_text_is_no_area_under_an_areas_heading(tmp_path, part):
    """Under "I. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", the row "2 | Xây dựng cơ sở dữ liệu cán bộ,
    công chức" over its sub-tasks "2.1", "2.2" is a task heading of that area: it was an
    area of its own ("công chức" names the civil service's), its sub-tasks taken from
    the area they are in (a QA pass of plans made at random). Under a part of the plan
    ("I. NHIỆM VỤ TRỌNG TÂM"), a row so numbered that names an area is an area still."""
    top = "NHIỆM VỤ TRỌNG TÂM" if part else "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"
    rows = [HEAD, ["I", top, None, None, None, None],
            ["1", "Cải cách chế độ công vụ" if part else "Rà soát vị trí việc làm",
             *(["", "", "", ""] if part else ["Báo cáo", "Sở Nội vụ", "", "Quý II/2026"])],
            *([["1.1", "Rà soát vị trí việc làm", "Báo cáo", "Sở Nội vụ", "",
                "Quý II/2026"]] if part else []),
            ["2", "Xây dựng cơ sở dữ liệu cán bộ, công chức", None, None, None, None],
            ["2.1", "Cập nhật hồ sơ cán bộ", "Báo cáo", "Sở Nội vụ", "", "Quý III/2026"],
            ["2.2", "Kết nối cơ sở dữ liệu quốc gia", "Báo cáo", "Sở Nội vụ",
             "Sở Khoa học và Công nghệ", "Quý IV/2026"]]
    result, _ = built(plan_docx(tmp_path / "kh.docx", rows))
    if part:  # "1 | Cải cách chế độ công vụ" an area, "2 | Xây dựng cơ sở dữ liệu…" too
        assert [a.title for a in result.areas] == [
            "Cải cách chế độ công vụ", "Xây dựng cơ sở dữ liệu cán bộ, công chức"]
        return
    assert [a.title for a in result.areas] == ["Cải cách chế độ công vụ"]
    assert [(r[1], r[2], r[3]) for r in rows_of(result)] == [
        ("CV-01", "1", "Rà soát vị trí việc làm"),
        ("CV-02-1", "2.1", "Cập nhật hồ sơ cán bộ"),
        ("CV-02-2", "2.2", "Kết nối cơ sở dữ liệu quốc gia")]
