"""cchc-xl import: a reform area's tasks gathered under group rows merged across the
table ("I. CẢI CÁCH THỂ CHẾ", then "1. Xây dựng văn bản" over tasks "1.1", "1.2" or
"-"), as provinces write their 2026 plans: each group a heading row of the master, its
tasks its sub-tasks, nothing left out as a note nor warned an orphan.

Each document is built here with python-docx.
"""

from __future__ import annotations

from cchc_xl.master import read_master
from cchc_xl.plan_import import import_plan
from tests.test_import_tables import built, codes, plan_docx, rows_of

HEAD = ["TT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
        "Thời gian hoàn thành"]


def across(text: str) -> list[str | None]:
    return [text] + [None] * 5


def titled(number: str, text: str) -> list[str | None]:
    """A row of a TT cell and one cell merged over all the others."""
    return [number, text] + [None] * 4


def _merged(rows: list[list[str | None]]) -> list[tuple[int, int, int, int]]:
    return [(r, 0, r, 5) if row[1] is None else (r, 1, r, 5)
            for r, row in enumerate(rows) if row[2:] == [None] * 4]


def _plan(tmp_path, rows):
    return plan_docx(tmp_path / "kh.docx", (rows, _merged(rows)))


def _imported(tmp_path, rows):
    """The codes of what the import and the check after it found, and the master's first
    area as read back."""
    out = tmp_path / "master.xlsx"
    result = import_plan(_plan(tmp_path, rows), out, year=2026, province="Thanh Hóa")
    return set(codes(result.findings)), read_master(out)[0].areas[0]


def test_group_rows_under_an_area_head_their_tasks(tmp_path):
    rows = [HEAD, across("I. CẢI CÁCH THỂ CHẾ"),
            across("1. Xây dựng văn bản"),
            ["1.1", "Xây dựng văn bản QPPL của UBND tỉnh", "Văn bản QPPL",
             "Các sở, ban, ngành", "Sở Tư pháp", "Theo Chương trình xây dựng văn bản QPPL"],
            ["1.2", "Rà soát văn bản QPPL", "Báo cáo rà soát", "Sở Tư pháp", "",
             "Trước 30/6/2026"],
            across("2. Phổ biến, giáo dục pháp luật"),
            ["-", "Hội nghị phổ biến pháp luật", "Hội nghị", "Sở Tư pháp", "", "Tháng 6/2026"],
            ["-", "Tủ sách pháp luật", "Tủ sách", "Sở Tư pháp", "", "Quý III/2026"],
            across("II. CẢI CÁCH TỔ CHỨC BỘ MÁY"),
            ["1", "Rà soát chức năng, nhiệm vụ", "Báo cáo", "Sở Nội vụ", "", "Quý II/2026"]]
    result, raw = built(_plan(tmp_path, rows))
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01-1", "1.1", "Xây dựng văn bản QPPL của UBND tỉnh",
         "Các sở, ban, ngành"),
        ("Cải cách thể chế", "TC-01-2", "1.2", "Rà soát văn bản QPPL", "Sở Tư pháp"),
        ("Cải cách thể chế", "TC-02-1", "-", "Hội nghị phổ biến pháp luật", "Sở Tư pháp"),
        ("Cải cách thể chế", "TC-02-2", "-", "Tủ sách pháp luật", "Sở Tư pháp"),
        ("Cải cách tổ chức bộ máy", "BM-01", "1", "Rà soát chức năng, nhiệm vụ", "Sở Nội vụ")]
    assert [(h.id, h.number, h.content) for h in result.areas[0].headings] == [
        ("TC-01", "1", "Xây dựng văn bản"), ("TC-02", "2", "Phổ biến, giáo dục pháp luật")]
    found = codes(raw.findings + result.findings)
    assert "import-note-skipped" not in found and "import-subtask-orphan" not in found


def test_a_master_imported_with_group_rows_has_their_headings_and_no_warning(tmp_path):
    rows = [HEAD, across("I. CẢI CÁCH THỂ CHẾ"), across("1. Xây dựng văn bản"),
            ["1.1", "Rà soát văn bản QPPL", "Báo cáo rà soát", "Sở Tư pháp", "Sở Nội vụ",
             "Trước 30/6/2026"],
            ["1.2", "Kiểm tra văn bản QPPL", "Báo cáo kiểm tra", "Sở Tư pháp", "Sở Nội vụ",
             "Quý IV/2026"]]
    found, area = _imported(tmp_path, rows)
    # the import and the check after it: no row left out, no number out of place
    assert not {"import-note-skipped", "import-subtask-orphan", "number-looks-subtask",
                "import-task-incomplete"} & found
    assert [(h.id, h.content) for h in area.headings] == [("TC-01", "Xây dựng văn bản")]
    assert [(t.id, t.parent, t.number) for t in area.tasks] == [
        ("TC-01-1", "TC-01", "1.1"), ("TC-01-2", "TC-01", "1.2")]


def test_tasks_numbered_afresh_under_each_group_stay_in_their_group(tmp_path):
    rows = [HEAD, across("I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
            across("1. Kiểm soát thủ tục hành chính"),
            ["1", "Công bố danh mục TTHC", "Quyết định", "Văn phòng UBND tỉnh", "",
             "Thường xuyên"],
            ["2", "Rà soát, đơn giản hóa TTHC", "Phương án", "Các sở, ban, ngành", "",
             "Quý III/2026"],
            across("2. Số hóa hồ sơ"),
            ["1", "Số hóa kết quả giải quyết TTHC", "Báo cáo", "Văn phòng UBND tỉnh", "",
             "Năm 2026"]]
    result, _ = built(_plan(tmp_path, rows))
    assert [(r[1], r[2], r[3]) for r in rows_of(result)] == [
        ("TTHC-01-1", "1", "Công bố danh mục TTHC"),
        ("TTHC-01-2", "2", "Rà soát, đơn giản hóa TTHC"),
        ("TTHC-02-1", "1", "Số hóa kết quả giải quyết TTHC")]


def test_numbered_rows_that_are_no_group_keep_their_meaning(tmp_path):
    # an area numbered in capitals; a sentence across the table stays a note
    rows = [HEAD, across("1. CẢI CÁCH THỂ CHẾ"),
            ["1.1", "Rà soát văn bản QPPL", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"],
            across("2. Các đơn vị chủ động bố trí kinh phí thực hiện."),
            ["1.2", "Kiểm tra văn bản QPPL", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"]]
    result, raw = built(_plan(tmp_path, rows))
    assert [(r[0], r[1], r[2]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01", "1.1"), ("Cải cách thể chế", "TC-02", "1.2")]
    assert "import-note-skipped" in codes(raw.findings)


def test_a_group_row_with_no_task_under_it_is_named_not_kept(tmp_path):
    rows = [HEAD, across("I. CẢI CÁCH THỂ CHẾ"), across("1. Xây dựng văn bản"),
            across("2. Phổ biến pháp luật"),
            ["1", "Hội nghị phổ biến pháp luật", "Hội nghị", "Sở Tư pháp", "", "Tháng 6/2026"]]
    result, raw = built(_plan(tmp_path, rows))
    assert [(r[1], r[3]) for r in rows_of(result)] == [
        ("TC-02-1", "Hội nghị phổ biến pháp luật")]
    assert [h.content for h in result.areas[0].headings] == ["Phổ biến pháp luật"]
    skipped = [f for f in raw.findings if f.code == "import-note-skipped"]
    assert [(f.place, f.severity) for f in skipped] == [("bảng 1, dòng 3", "warning")]
    assert "1. Xây dựng văn bản" in skipped[0].message


def test_areas_numbered_1_2_in_running_text_are_areas_not_notes(tmp_path):
    rows = [HEAD, across("1. Cải cách thể chế"),
            ["1.1", "Rà soát văn bản QPPL", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"],
            across("2. Cải cách thủ tục hành chính"),
            ["2.1", "Công bố danh mục TTHC", "Quyết định", "Văn phòng UBND tỉnh", "",
             "Thường xuyên"]]
    result, raw = built(_plan(tmp_path, rows))
    assert [(r[0], r[1], r[2], r[3]) for r in rows_of(result)] == [
        ("Cải cách thể chế", "TC-01", "1.1", "Rà soát văn bản QPPL"),
        ("Cải cách thủ tục hành chính", "TTHC-01", "2.1", "Công bố danh mục TTHC")]
    assert not {"import-note-skipped", "import-no-area", "import-subtask-orphan"} & set(
        codes(raw.findings))


# --- three levels: items "a)", "b)" under a task "1.1" of a group ------------------------

def test_items_under_a_task_of_a_group_keep_their_task_in_their_content(tmp_path):
    """ "I" / "1. Xây dựng văn bản" / "1.1" with its own cells / "a)", "b)" with theirs: the
    master has one level of sub-tasks, so every row is a task of the group, in the
    document's order, and "a)", "b)" say the task they belong to (they read as the
    group's own items)."""
    rows = [HEAD, across("I. CẢI CÁCH THỂ CHẾ"), across("1. Xây dựng văn bản"),
            ["1.1", "Rà soát văn bản QPPL do HĐND, UBND tỉnh ban hành", "Báo cáo rà soát",
             "Sở Tư pháp", "Các sở, ban, ngành", "Trước 30/6/2026"],
            ["a)", "Rà soát văn bản về đất đai", "Danh mục văn bản", "Sở Nông nghiệp và Môi "
             "trường", "Sở Tư pháp", "Quý II/2026"],
            ["b)", "Rà soát văn bản về đầu tư", "Danh mục văn bản", "Sở Tài chính", "",
             "Quý III/2026"],
            ["1.2", "Kiểm tra văn bản QPPL", "Báo cáo kiểm tra", "Sở Tư pháp", "",
             "Quý IV/2026"],
            across("2. Phổ biến pháp luật"),
            ["-", "Hội nghị phổ biến pháp luật", "Hội nghị", "Sở Tư pháp", "", "Tháng 6/2026"]]
    result, raw = built(_plan(tmp_path, rows))
    reviewed = "Rà soát văn bản QPPL do HĐND, UBND tỉnh ban hành"
    assert [r[1:8] for r in rows_of(result)] == [
        ("TC-01-1", "1.1", reviewed, "Báo cáo rà soát", "Sở Tư pháp", "Các sở, ban, ngành",
         "Trước 30/6/2026"),
        ("TC-01-2", "a)", f"{reviewed} - Rà soát văn bản về đất đai", "Danh mục văn bản",
         "Sở Nông nghiệp và Môi trường", "Sở Tư pháp", "Quý II/2026"),
        ("TC-01-3", "b)", f"{reviewed} - Rà soát văn bản về đầu tư", "Danh mục văn bản",
         "Sở Tài chính", "", "Quý III/2026"),
        ("TC-01-4", "1.2", "Kiểm tra văn bản QPPL", "Báo cáo kiểm tra", "Sở Tư pháp", "",
         "Quý IV/2026"),
        ("TC-02-1", "-", "Hội nghị phổ biến pháp luật", "Hội nghị", "Sở Tư pháp", "",
         "Tháng 6/2026")]
    assert [(h.id, h.content) for h in result.areas[0].headings] == [
        ("TC-01", "Xây dựng văn bản"), ("TC-02", "Phổ biến pháp luật")]
    nested = [f for f in raw.findings if f.code == "import-subtask-nested"]
    assert [(f.place, f.severity) for f in nested] == [("bảng 1, dòng 5", "note"),
                                                       ("bảng 1, dòng 6", "note")]
    assert nested[0].message.startswith(
        "nhiệm vụ a) ('Rà soát văn bản về đất đai') là nhiệm vụ con của dòng 1.1")
    assert not {"import-subtask-orphan", "import-task-incomplete"} & set(
        codes(raw.findings + result.findings))


def test_a_task_of_a_group_naming_only_its_units_leaves_them_to_its_items(tmp_path):
    """ "1.1 | Rà soát văn bản QPPL | | Sở Tư pháp | Các sở, ban, ngành |" over "a)" and
    "-" rows: it only groups them, so it leaves the plan and its units are theirs (each
    was a task without a lead, and "1.1" one without a product)."""
    rows = [HEAD, across("I. CẢI CÁCH THỂ CHẾ"), across("1. Xây dựng văn bản"),
            ["1.1", "Rà soát văn bản QPPL", "", "Sở Tư pháp", "Các sở, ban, ngành", ""],
            ["a)", "Rà soát văn bản về đất đai", "Danh mục văn bản", "", "", "Quý II/2026"],
            ["-", "Rà soát văn bản về đầu tư", "Danh mục văn bản", "Sở Tài chính", "",
             "Quý III/2026"]]
    result, raw = built(_plan(tmp_path, rows))
    assert [r[1:8] for r in rows_of(result)] == [
        ("TC-01-1", "a)", "Rà soát văn bản QPPL - Rà soát văn bản về đất đai",
         "Danh mục văn bản", "Sở Tư pháp", "Các sở, ban, ngành", "Quý II/2026"),
        ("TC-01-2", "-", "Rà soát văn bản QPPL - Rà soát văn bản về đầu tư",
         "Danh mục văn bản", "Sở Tài chính", "Các sở, ban, ngành", "Quý III/2026")]
    assert codes(raw.findings).count("import-subtask-nested") == 2
    assert "import-task-incomplete" not in codes(result.findings)


def test_items_under_a_sub_task_of_a_heading_row_keep_it_in_their_content(tmp_path):
    rows = [HEAD, ["1", "Thực hiện vị trí việc làm", "", "", "", ""],
            ["1.1", "Rà soát bản mô tả", "Báo cáo", "Sở Nội vụ", "", "Quý I/2026"],
            ["a)", "Đối với cơ quan hành chính", "Bản mô tả", "Các sở", "", "Quý II/2026"]]
    result, raw = built(_plan(tmp_path, rows))
    assert [(r[1], r[2], r[3]) for r in rows_of(result)] == [
        ("NV-01-1", "1.1", "Rà soát bản mô tả"),
        ("NV-01-2", "a)", "Rà soát bản mô tả - Đối với cơ quan hành chính")]
    assert "import-subtask-nested" in codes(raw.findings)


# --- a group row written "1" | "Xây dựng văn bản" merged over the other cells ------------

def test_a_group_numbered_in_its_tt_cell_heads_the_rows_under_it(tmp_path):
    rows = [HEAD, across("I. CẢI CÁCH THỂ CHẾ"), titled("1", "Xây dựng văn bản"),
            ["-", "Rà soát văn bản QPPL", "Báo cáo rà soát", "Sở Tư pháp", "", "Quý II/2026"],
            ["-", "Kiểm tra văn bản QPPL", "Báo cáo kiểm tra", "Sở Tư pháp", "Sở Nội vụ",
             "Quý IV/2026"],
            titled("2", "Phổ biến pháp luật"),
            ["a)", "Hội nghị phổ biến pháp luật", "Hội nghị", "Sở Tư pháp", "",
             "Tháng 6/2026"]]
    found, area = _imported(tmp_path, rows)
    assert not {"import-task-incomplete", "import-subtask-orphan", "number-looks-subtask",
                "import-heading-with-data"} & found
    assert [(h.id, h.number, h.content) for h in area.headings] == [
        ("TC-01", "1", "Xây dựng văn bản"), ("TC-02", "2", "Phổ biến pháp luật")]
    assert [(t.id, t.parent, t.number, t.content, t.deliverables[0].product,
             t.deliverables[0].lead_text, t.deliverables[0].deadline.raw)
            for t in area.tasks] == [
        ("TC-01-1", "TC-01", "-", "Rà soát văn bản QPPL", "Báo cáo rà soát", "Sở Tư pháp",
         "Quý II/2026"),
        ("TC-01-2", "TC-01", "-", "Kiểm tra văn bản QPPL", "Báo cáo kiểm tra", "Sở Tư pháp",
         "Quý IV/2026"),
        ("TC-02-1", "TC-02", "a)", "Hội nghị phổ biến pháp luật", "Hội nghị", "Sở Tư pháp",
         "Tháng 6/2026")]


def test_an_area_numbered_1_in_its_tt_cell_is_an_area_as_in_one_cell(tmp_path):
    """A commune's plan: "1" | "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" merged over the other cells,
    tasks "1.1", "1.2" under it. With the numeral in the TT cell the whole table was one
    area "Nhiệm vụ" (warned "import-no-area") whose areas were headings; written
    "1. CÔNG TÁC …" in one cell it was read right (a QA pass of a 2026 commune plan)."""
    rows = [HEAD, titled("1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            ["1.1", "Ban hành Kế hoạch CCHC năm 2026", "Kế hoạch", "Văn phòng HĐND và UBND",
             "", "Tháng 01/2026"],
            ["1.2", "Báo cáo CCHC định kỳ", "Báo cáo", "Văn phòng HĐND và UBND", "",
             "Hằng quý"],
            titled("2", "Cải cách thủ tục hành chính"),
            ["2.1", "Rà soát TTHC thuộc thẩm quyền của UBND xã", "Báo cáo rà soát",
             "Trung tâm Phục vụ hành chính công", "", "Trước 30/6/2026"]]
    result, raw = built(_plan(tmp_path, rows))
    assert [(r[0], r[1], r[2], r[3]) for r in rows_of(result)] == [
        ("Công tác chỉ đạo, điều hành", "CD-01", "1.1", "Ban hành Kế hoạch CCHC năm 2026"),
        ("Công tác chỉ đạo, điều hành", "CD-02", "1.2", "Báo cáo CCHC định kỳ"),
        ("Cải cách thủ tục hành chính", "TTHC-01", "2.1",
         "Rà soát TTHC thuộc thẩm quyền của UBND xã")]
    assert not {"import-no-area", "import-subtask-orphan", "number-looks-subtask"} & set(
        codes(raw.findings + result.findings))


def test_a_task_merged_across_with_no_row_under_it_is_a_task_to_fill(tmp_path):
    """ "2 | Tuyên truyền về CCHC" merged over the other cells, then task "3": a task
    whose product, lead and deadline are still to write, said so, as before."""
    rows = [HEAD, across("I. CẢI CÁCH THỂ CHẾ"),
            ["1", "Rà soát văn bản QPPL", "Báo cáo", "Sở Tư pháp", "", "Quý II/2026"],
            titled("2", "Tuyên truyền về CCHC"),
            ["3", "Kiểm tra văn bản QPPL", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"],
            titled("4", "Tổng kết công tác CCHC")]
    result, raw = built(_plan(tmp_path, rows))
    assert [(r[1], r[2], r[3], r[4]) for r in rows_of(result)] == [
        ("TC-01", "1", "Rà soát văn bản QPPL", "Báo cáo"),
        ("TC-02", "2", "Tuyên truyền về CCHC", ""),
        ("TC-03", "3", "Kiểm tra văn bản QPPL", "Báo cáo"),
        ("TC-04", "4", "Tổng kết công tác CCHC", "")]
    assert not result.areas[0].headings
    incomplete = [f for f in result.findings if f.code == "import-task-incomplete"]
    assert [(f.place, f.message.split(":")[0]) for f in incomplete] == [
        ("bảng 1, dòng 4", "nhiệm vụ 2 thiếu sản phẩm, chủ trì, thời hạn"),
        ("bảng 1, dòng 6", "nhiệm vụ 4 thiếu sản phẩm, chủ trì, thời hạn")]
