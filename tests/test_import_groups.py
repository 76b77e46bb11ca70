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


def _merged(rows: list[list[str | None]]) -> list[tuple[int, int, int, int]]:
    return [(r, 0, r, 5) for r, row in enumerate(rows) if row[1:] == [None] * 5]


def _plan(tmp_path, rows):
    return plan_docx(tmp_path / "kh.docx", (rows, _merged(rows)))


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
    out = tmp_path / "master.xlsx"
    result = import_plan(_plan(tmp_path, rows), out, year=2026, province="Thanh Hóa")
    # the import and the check after it: no row left out, no number out of place
    assert not {"import-note-skipped", "import-subtask-orphan", "number-looks-subtask",
                "import-task-incomplete"} & set(codes(result.findings))
    area = read_master(out)[0].areas[0]
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
