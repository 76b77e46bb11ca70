"""cchc-xl import of a centrally-run city's 2026 plan laid out as published: the
decision, the plan after it, the appendix of tasks under Roman areas led by "Các sở,
ban, ngành; UBND các xã, phường, đặc khu", then a second appendix listing the units the
plan inspects ("TT | Cơ quan, đơn vị, địa phương | Thời gian kiểm tra").

The frame is Hải Phòng's Quyết định 5256/QĐ-UBND of 26/12/2025 ("Kế hoạch cải cách hành
chính nhà nước thành phố Hải Phòng năm 2026"),
https://nhansu.vn/van-ban-phap-luat/Quyet-dinh-5256-QD-UBND-2025-ke-hoach-cai-cach-hanh-chinh-nha-nuoc-Hai-Phong-2026-687368.html
(its decision, number, date, Điều 3's units as published); the rows are a few of a
rebuilt appendix in that layout, the document made small here with python-docx.
"""

from __future__ import annotations

from docx import Document
from test_import_tables import add_table

from cchc_xl.plan_import import import_plan

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
HEAD = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm",
        "Thời gian hoàn thành"]
ALL = "Các sở, ban, ngành; UBND các xã, phường, đặc khu"
INSPECTED = [["TT", "Cơ quan, đơn vị, địa phương", "Thời gian kiểm tra"],
             ["1", "Sở Xây dựng", "Quý II/2026"],
             ["2", "UBND phường Hồng Bàng", "Quý III/2026"],
             ["3", "UBND đặc khu Cát Hải", "Quý III/2026"]]


def _city_plan(path, first_due: str = "Trước ngày 15/01/2026") -> None:
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG"
    head.cell(0, 1).text = MOTTO
    head.cell(1, 0).text = "Số: 5256/QĐ-UBND"
    head.cell(1, 1).text = "Hải Phòng, ngày 26 tháng 12 năm 2025"
    for line in ("QUYẾT ĐỊNH", "BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC THÀNH PHỐ HẢI "
                 "PHÒNG NĂM 2026", "Điều 3. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám "
                 "đốc các sở, ban, ngành, Chủ tịch Ủy ban nhân dân xã, phường, đặc khu và Thủ "
                 "trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định "
                 "này./."):
        doc.add_paragraph(line)
    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT."
    sign.cell(0, 1).text = "CHỦ TỊCH\n\n\nLê Ngọc Châu"
    doc.add_page_break()
    for line in ("Phụ lục", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC THÀNH PHỐ HẢI PHÒNG NĂM "
                 "2026", "(Kèm theo Quyết định số 5256/QĐ-UBND ngày 26/12/2025 của Chủ tịch Ủy "
                 "ban nhân dân thành phố)"):
        doc.add_paragraph(line)
    add_table(doc, [HEAD,
                    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"] + [None] * 4,
                    ["1", "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026 của cơ "
                     "quan, đơn vị, địa phương", ALL, "Sở Nội vụ", "Kế hoạch", first_due],
                    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"] + [None] * 4,
                    ["1", "Vận hành Trung tâm Phục vụ hành chính công cấp xã",
                     "UBND các xã, phường, đặc khu", "Văn phòng UBND thành phố", "Báo cáo",
                     "Hằng quý"]],
              [(1, 1, 1, 5), (3, 1, 3, 5)])
    doc.add_paragraph("Phụ lục II")
    doc.add_paragraph("DANH SÁCH CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG ĐƯỢC KIỂM TRA CÔNG TÁC CẢI CÁCH "
                      "HÀNH CHÍNH NĂM 2026")
    add_table(doc, INSPECTED)
    doc.save(path)


def test_the_list_of_units_inspected_is_said_to_be_no_task_table(tmp_path):
    """The second appendix, the units the city inspects and when, under a title row of
    its own: the check said "bảng 2 có 3 dòng giống nhiệm vụ nhưng không có dòng tiêu đề
    cột … thêm dòng tiêu đề cho bảng này rồi nhập lại", of a table that has one, asking
    the office to make its inspection list a table of tasks. Now it names the titles the
    table has and the columns it lacks, says another list needs nothing done, and the
    tasks of the first appendix are all read, led as written."""
    path = tmp_path / "ke-hoach-cchc-2026.docx"
    _city_plan(path)
    result = import_plan(path, tmp_path / "ke-hoach.xlsx")
    (warning,) = [f for f in result.findings if f.code == "import-table-unread"]
    assert warning.place.endswith("bảng 2, dòng 1")
    assert warning.message == (
        "bảng 2 có dòng tiêu đề cột ('TT', 'Cơ quan, đơn vị, địa phương', 'Thời gian kiểm "
        "tra') nhưng không có cột Nội dung nhiệm vụ, Cơ quan chủ trì: không đọc là bảng "
        "nhiệm vụ, đã bỏ qua 3 dòng của bảng này. Bảng liệt kê khác của kế hoạch (đơn vị "
        "được kiểm tra, văn bản…) thì không cần làm gì; nếu đây là bảng nhiệm vụ, đặt tiêu "
        "đề Nội dung nhiệm vụ, Cơ quan chủ trì cho các cột đó (thêm cột nếu chưa có) rồi "
        "nhập lại")
    assert "dòng tiêu đề cho bảng này" not in warning.message
    tasks = [(t.content, d.lead_text, d.deadline.raw)
             for a in result.master.areas for t in a.tasks for d in t.deliverables]
    assert tasks == [
        ("Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026 của cơ quan, đơn vị, "
         "địa phương", ALL, "Trước ngày 15/01/2026"),
        ("Vận hành Trung tâm Phục vụ hành chính công cấp xã", "UBND các xã, phường, đặc khu",
         "Hằng quý")]
    assert "Sở Xây dựng" not in {t.content for a in result.master.areas for t in a.tasks}
    kinds = {u.code: u.kind for u in result.master.units}
    first, second = (t.deliverables[0] for a in result.master.areas for t in a.tasks)
    # "Các sở, ban, ngành; UBND các xã, phường, đặc khu": the template's departments and
    # the city's 114 communes, wards and special zones of the official list.
    assert sorted({kinds[c] for c in first.lead}) == ["commune", "department"]
    assert [kinds[c] for c in second.lead].count("commune") == len(second.lead) == 114


def test_a_deadline_of_the_year_before_the_plans_is_said_at_its_row(tmp_path):
    """"Trước ngày 31/12/2025" in the plan of 2026 issued on 26/12/2025: imported with no
    word (a QA pass), the task overdue from the first day. After the plan's issue, it may
    be work due by the year's start: a note, at the Word table's row, with the year to fix
    if it is a typo."""
    path = tmp_path / "ke-hoach-cchc-2026.docx"
    _city_plan(path, "Trước ngày 31/12/2025")
    result = import_plan(path, tmp_path / "ke-hoach.xlsx")
    (said,) = [f for f in result.findings if f.code == "deadline-before-plan-year"]
    assert (said.severity, said.place) == ("note", "nguồn: bảng 1, dòng 3")
    assert said.message == (
        "thời hạn 'Trước ngày 31/12/2025' (31/12/2025) trước năm kế hoạch 2026, sau khi kế "
        "hoạch được ban hành (ngày 26/12/2025): việc phải xong trước năm 2026 thì giữ "
        "nguyên, chưa hoàn thành thì nhiệm vụ được tính là 'Quá hạn' ngay từ kỳ báo cáo đầu "
        "tiên của năm 2026; nếu ghi nhầm năm, sửa lại (ví dụ 'Trước ngày 31/12/2026')")
