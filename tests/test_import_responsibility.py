"""cchc-xl import of a commune's plan whose unit column is headed "Trách nhiệm thực
hiện" (alone, or over "Chủ trì" | "Phối hợp"), as many 2026 commune plans head it.

Each document is built here with python-docx: the heading table, the title, the
appendix's task table with its area row merged across.
"""

from __future__ import annotations

import pytest
from docx import Document
from test_import_tables import add_table
from test_import_unit_cells import COMMUNE, COMMUNE_VP

from cchc_xl.plan_import import import_plan

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


def commune_plan(path, rows, merges=(), left=COMMUNE):
    """A commune's plan: its heading table, title and the task table ``rows``."""
    doc = Document()
    add_table(doc, [[left, MOTTO], ["Số: 05/KH-UBND", "Hoằng Hóa, ngày 12 tháng 01 năm 2026"]])
    for line in ("KẾ HOẠCH", "Cải cách hành chính năm 2026", "PHỤ LỤC",
                 "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"):
        doc.add_paragraph(line)
    add_table(doc, rows, merges)
    doc.save(path)
    return path


def _leads(master) -> list[tuple[list[str], list[str]]]:
    names = {u.code: u.name for u in master.units}
    return [([names[c] for c in d.lead], [names[c] for c in d.support])
            for d in master.deliverables()]


def test_one_responsibility_column_gives_the_lead_and_coordinators_its_words_say(tmp_path):
    """ "Trách nhiệm thực hiện" alone: the column was not read ('cột … không ứng với cột
    nào'), every task had no lead and the table would not load (a QA pass). It is the
    lead's column, and its cells' role words put each unit in its place."""
    rows = [["TT", "Nội dung", "Sản phẩm", "Trách nhiệm thực hiện", "Thời gian hoàn thành"],
            ["I. CẢI CÁCH THỂ CHẾ", None, None, None, None],
            ["1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo",
             "Văn phòng HĐND và UBND xã chủ trì, phối hợp với Phòng Kinh tế", "Quý I/2026"],
            ["2", "Kiểm tra việc thực hiện TTHC", "Kết quả kiểm tra",
             "Phòng Văn hóa - Xã hội (chủ trì); Công an xã", "Trước 30/6/2026"],
            ["3", "Tuyên truyền cải cách hành chính", "Tin bài", "Phòng Văn hóa - Xã hội",
             "Thường xuyên"]]
    result = import_plan(commune_plan(tmp_path / "kh.docx", rows, [(1, 0, 1, 4)]),
                         tmp_path / "m.xlsx")
    assert _leads(result.master) == [
        ([COMMUNE_VP], ["Phòng Kinh tế"]), (["Phòng Văn hóa - Xã hội"], ["Công an xã"]),
        (["Phòng Văn hóa - Xã hội"], [])]
    assert [a.title for a in result.master.areas] == ["Cải cách thể chế"]
    assert not [f for f in result.findings if f.code in (
        "import-column-unread", "import-task-incomplete", "lead-missing")]


@pytest.mark.parametrize("title", ["Trách nhiệm thực hiện", "Phân công thực hiện",
                                   "Đơn vị chịu trách nhiệm"])
def test_a_responsibility_title_over_lead_and_coordinators_is_read(tmp_path, title):
    """The title merged over "Chủ trì" | "Phối hợp" in a table with no TT nor product
    column: the upper row had two titles understood and was no header, so 'không tìm
    thấy bảng nhiệm vụ' (a QA pass)."""
    rows = [["Nội dung công việc", title, None, "Thời hạn"],
            [None, "Chủ trì", "Phối hợp", None],
            ["Rà soát thủ tục hành chính", "Văn phòng HĐND và UBND xã", "Phòng Kinh tế",
             "Quý I/2026"]]
    merges = [(0, 1, 0, 2), (0, 0, 1, 0), (0, 3, 1, 3)]
    result = import_plan(commune_plan(tmp_path / "kh.docx", rows, merges), tmp_path / "m.xlsx")
    (d,) = result.master.deliverables()
    assert (d.product, d.deadline.raw) == ("", "Quý I/2026")
    assert _leads(result.master) == [([COMMUNE_VP], ["Phòng Kinh tế"])]


@pytest.mark.parametrize("title, said", [("Trách nhiệm thực hiện", True),
                                         ("Cơ quan thực hiện", True),
                                         ("Cơ quan chủ trì", False)])
def test_units_listed_in_the_one_unit_column_lead_together_and_it_is_said(tmp_path, title,
                                                                           said):
    """ "A; B" in the one "Trách nhiệm thực hiện" column, no word saying who leads: both
    lead (as the master reads the cell), and nothing said so, though the plan may mean A
    to lead with B's help (a QA pass). A note at the row names them and how to write a
    lead and its coordinators; none where the title says the role, nor for one unit or a
    cell that says the roles."""
    rows = [["TT", "Nội dung", "Sản phẩm", title, "Thời gian hoàn thành"],
            ["1", "Tiếp nhận, xử lý phản ánh, kiến nghị", "Báo cáo",
             "Trung tâm Phục vụ hành chính công xã; Văn phòng HĐND và UBND xã", "Thường xuyên"],
            ["2", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND xã chủ trì, phối hợp "
             "với Phòng Kinh tế", "Quý I/2026"],
            ["3", "Tuyên truyền", "Tin bài", "Phòng Văn hóa - Xã hội", "Tháng 12/2026"]]
    result = import_plan(commune_plan(tmp_path / "kh.docx", rows), tmp_path / "m.xlsx")
    assert _leads(result.master) == [
        (["Trung tâm Phục vụ hành chính công xã", COMMUNE_VP], []),
        ([COMMUNE_VP], ["Phòng Kinh tế"]), (["Phòng Văn hóa - Xã hội"], [])]
    notes = [f for f in result.findings if f.code == "import-leads-by-line"]
    if not said:
        assert notes == []
        return
    (note,) = notes
    assert note.severity == "note" and note.place.endswith("dòng 2")
    assert note.message.startswith(
        f"cột '{title}' là cột đơn vị duy nhất của bảng, ô ghi 2 đơn vị mà không ghi đơn vị "
        "nào chủ trì: đã giao cả Trung tâm Phục vụ hành chính công xã và Văn phòng HĐND và "
        "UBND xã cùng chủ trì; nếu Trung tâm Phục vụ hành chính công xã chủ trì")
