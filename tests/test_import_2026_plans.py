"""cchc-xl import of 2026 plans as wards, communes and provinces type them (after the
district level was abolished on 1 July 2025): the letterhead with the province over the
ward's committee, a signature left without a name before the appendix, and a ward's
appendix with its columns in another order, a header on two rows, Roman areas, sub-items
"2.1", "a)", "-", and the table going on after a page break.

Each document is built here with python-docx (a QA pass's plans, made small).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from test_import_tables import add_table
from test_import_unit_cells import WARD_KT

from cchc_xl.plan_import import import_plan

HEAD = ["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
        "Thời gian hoàn thành"]
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


def _letterhead(doc, left: str, in_cells: bool) -> None:
    """The heading as a borderless table (``left`` over the number, the motto over the
    date), or typed as paragraphs, a line each."""
    if in_cells:
        head = doc.add_table(rows=2, cols=2)
        head.cell(0, 0).text = left
        head.cell(0, 1).text = MOTTO
        head.cell(1, 0).text = "Số: 15/KH-UBND"
        head.cell(1, 1).text = "Hạc Thành, ngày 08 tháng 01 năm 2026"
    else:
        for line in left.split("\n") + MOTTO.split("\n"):
            doc.add_paragraph(line)
        doc.add_paragraph("Số: 15/KH-UBND\t\tHạc Thành, ngày 08 tháng 01 năm 2026")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")


@pytest.mark.parametrize("in_cells", [True, False], ids=["table", "paragraphs"])
def test_a_wards_letterhead_under_its_provinces_name_is_the_wards(tmp_path, in_cells):
    """"UBND TỈNH THANH HÓA" over "ỦY BAN NHÂN DÂN" / "PHƯỜNG HẠC THÀNH": the plan's
    issuer was "ỦY BAN NHÂN DÂN" alone (a QA pass). The ward was lost: its offices were
    added as new units under long names, not the commune template's, and every file's
    letterhead and "Kèm theo … của Ủy ban nhân dân)" named no place."""
    doc = Document()
    _letterhead(doc, "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", in_cells)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND",
                           "Phòng Văn hóa - Xã hội", "Quý IV/2026"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    plan = result.master.plan
    assert plan.authority == "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH"
    assert plan.code == "hac-thanh-2026"
    assert plan.attachment.endswith("của Ủy ban nhân dân phường Hạc Thành)")
    units = {u.code: u.name for u in result.master.units}
    assert {"VP", "KT", "VHXH", "PVHCC", "CA"} <= set(units)  # the commune template's
    assert units["CA"] == "Công an phường"
    (task,) = [t for a in result.master.areas for t in a.tasks]
    assert (task.deliverables[0].lead, task.deliverables[0].support) == (["VP"], ["VHXH"])
    assert "import-unit-added" not in [f.code for f in result.findings]


@pytest.mark.parametrize("motto", [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "VIỆT NAM"),
                                   ("CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM"),
                                   ("CỘNG HÒA XÃ HỘI CHỦ", "NGHĨA VIỆT NAM")])
def test_a_wards_letterhead_read_between_the_lines_of_a_wrapped_motto(motto):
    """A PDF's letterhead at 12 points: the motto wraps in its column, and the page's lines
    come a column each in turn, "VIỆT NAM" between "ỦY BAN NHÂN DÂN" and the ward's name.
    The ward was lost (a QA pass): the plan was the province's, given its 166 communes,
    and the ward's offices were added as new units."""
    from cchc_xl.plan_import.preamble import Preamble

    preamble = Preamble()
    for line in ["UBND TỈNH THANH HÓA", motto[0], "ỦY BAN NHÂN DÂN", motto[1],
                 "PHƯỜNG HẠC THÀNH", "Độc lập - Tự do - Hạnh phúc"]:
        preamble.line(line)
    assert preamble.authority == "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH"


@pytest.mark.parametrize("one_paragraph", [False, True], ids=["lines", "paragraph"])
@pytest.mark.parametrize("cut", [("Thanh Hóa, ngày 08 tháng 01 năm", "2026"),
                                 ("Thanh Hóa, ngày 08 tháng 01", "năm 2026")])
def test_the_date_line_wrapped_before_its_year_is_the_plans_date(cut, one_paragraph):
    """The letterhead's date in its column, wrapped at 13 points ("Thanh Hóa, ngày 08
    tháng 01 năm" over "2026"), a line each or one paragraph of two lines (a tagged
    PDF's): the plan had no date (a QA pass)."""
    from cchc_xl.plan_import.preamble import Preamble

    preamble = Preamble()
    for line in ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH THANH HÓA",
                 "Độc lập - Tự do - Hạnh phúc", "Số: 15/KH-UBND",
                 *(["\n".join(cut)] if one_paragraph else cut), "KẾ HOẠCH"]:
        preamble.line(line)
    assert (preamble.authority, preamble.number, preamble.issued) == (
        "ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "15/KH-UBND", date(2026, 1, 8))


def test_a_signature_without_a_name_before_the_appendix_names_nobody(tmp_path):
    """A plan signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" with no name typed (the signed
    copy carries it), then its appendix on the next page: "Người ký báo cáo" became
    "Phụ Lục", the appendix heading read as a name in capitals (a QA pass), and every
    report was to be signed by it."""
    doc = Document()
    _letterhead(doc, "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", True)
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    _unsigned_then_appendix(doc)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "",
                           "Quý IV/2026"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    plan = result.master.plan
    assert (plan.signer, plan.signer_title) == ("", "")
    assert "import-signer" not in [f.code for f in result.findings]
    assert plan.appendix_title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"


def _unsigned_then_appendix(doc) -> None:
    """A signature with no name typed, then the appendix on the next page: its heading,
    title and "Kèm theo" line, as a ward's plan ends."""
    doc.add_paragraph("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    doc.add_page_break()
    doc.add_paragraph("PHỤ LỤC")
    doc.add_paragraph("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    doc.add_paragraph("(Kèm theo Kế hoạch số 15/KH-UBND ngày 08/01/2026 của UBND phường "
                      "Hạc Thành)")


def ward_appendix_plan(path: Path) -> Path:
    """A ward's plan whose tasks are an appendix: TT | Nội dung nhiệm vụ | Sản phẩm | Cơ
    quan chủ trì | Cơ quan phối hợp | Thời gian (Bắt đầu | Hoàn thành) | Kinh phí, the
    header on two rows, Roman areas merged across, "2" over "2.1", "2.2", "1" over "a)",
    "b)", and the table going on in a second table after a page break."""
    doc = Document()
    _letterhead(doc, "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", True)
    _unsigned_then_appendix(doc)
    across = [None] * 6
    rows = [
        ["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
         "Thời gian", None, "Kinh phí"],
        [None] * 5 + ["Bắt đầu", "Hoàn thành", None],
        ["I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", *across],
        ["1", "Ban hành Kế hoạch CCHC năm 2026", "Kế hoạch", "Văn phòng HĐND và UBND",
         "Các phòng chuyên môn", "Tháng 01/2026", "Tháng 01/2026", "Ngân sách phường"],
        ["2", "Kiểm tra công tác CCHC", None, None, None, None, None, None],
        ["2.1", "Kiểm tra tại Trung tâm", "Biên bản", "Văn phòng HĐND và UBND",
         "Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa - Xã hội", "Quý II",
         "Tháng 6/2026", None],
        ["2.2", "Kiểm tra tại các tổ dân phố", "Báo cáo", "Phòng Văn hóa - Xã hội",
         "Văn phòng HĐND và UBND", "Quý III", "Trước ngày 15/12/2026", None],
        ["II.", "CẢI CÁCH THỂ CHẾ", *across],
        ["1", "Rà soát văn bản QPPL", None, None, None, None, None, None],
        ["a)", "Lĩnh vực đất đai", "Báo cáo", "Phòng Kinh tế, Hạ tầng và Đô thị",
         "Văn phòng HĐND và UBND", "Tháng 3/2026", "Quý I - Quý IV", None],
        ["b)", "Lĩnh vực văn hóa", "Báo cáo", "Phòng Văn hóa - Xã hội", None,
         "Tháng 3/2026", "Trong năm 2026", None]]
    add_table(doc, rows, merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3),
                                 (0, 4, 1, 4), (0, 5, 0, 6), (0, 7, 1, 7), (2, 1, 2, 7),
                                 (7, 1, 7, 7)])
    doc.add_page_break()
    add_table(doc, [
        ["III.", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", *across],
        ["1", "Số hóa hồ sơ TTHC", "Hồ sơ số hóa", "Trung tâm Phục vụ hành chính công",
         "Văn phòng HĐND và UBND, Phòng Kinh tế, Hạ tầng và Đô thị", "Tháng 01/2026",
         "Hằng quý", "10 triệu đồng"]], merges=[(0, 1, 0, 7)])
    doc.save(path)
    return path


def test_a_wards_appendix_keeps_every_task_under_its_area(tmp_path):
    """The whole ward's plan: every task under its Roman area, sub-items under their
    heading, the deadline from "Hoàn thành" (not "Bắt đầu"), the second table after the
    page break read on, the ward's offices the commune template's."""
    result = import_plan(ward_appendix_plan(tmp_path / "phuong.docx"), tmp_path / "m.xlsx")
    master = result.master
    assert master.plan.authority == "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH"
    assert master.plan.signer == ""
    got = [(a.title, t.id, t.parent or "", d.deadline.raw, d.lead, d.funding)
           for a in master.areas for t in a.tasks for d in t.deliverables]
    assert got == [
        ("Công tác chỉ đạo, điều hành", "CD-01", "", "Tháng 01/2026", ["VP"], "Ngân sách phường"),
        ("Công tác chỉ đạo, điều hành", "CD-02-1", "CD-02", "Tháng 6/2026", ["VP"], ""),
        ("Công tác chỉ đạo, điều hành", "CD-02-2", "CD-02", "Trước ngày 15/12/2026", ["VHXH"],
         ""),
        ("Cải cách thể chế", "TC-01-1", "TC-01", "Quý I - Quý IV", ["KT"], ""),
        ("Cải cách thể chế", "TC-01-2", "TC-01", "Trong năm 2026", ["VHXH"], ""),
        ("Cải cách thủ tục hành chính", "TTHC-01", "", "Hằng quý", ["PVHCC"],
         "10 triệu đồng")]
    supports = {t.id: t.deliverables[0].support for a in master.areas for t in a.tasks}
    assert supports["CD-02-1"] == ["KT", "VHXH"]
    assert supports["TTHC-01"] == ["VP", "KT"]


def test_a_row_of_the_plans_funding_is_no_task_and_a_numbered_one_is(tmp_path):
    """"V. KINH PHÍ THỰC HIỆN" then "" | "Ngân sách phường bảo đảm" | … | "50 triệu
    đồng" closing a ward's table: a task with no lead, product or deadline, an error in
    the plan, and the plan could not be split until the row was deleted by hand (a QA
    pass). A funding task numbered and led by an office stays a task."""
    doc = Document()
    _letterhead(doc, "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", True)
    head = [*HEAD, "Kinh phí"]
    add_table(doc, [
        head,
        ["I.", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None, None, None, None],
        ["1", "Số hóa hồ sơ", "Hồ sơ số hóa", "Văn phòng HĐND và UBND", "", "Quý IV/2026",
         "10 triệu đồng"],
        ["2", "Kinh phí thực hiện CCHC", "Dự toán", "Phòng Kinh tế", "", "Tháng 01/2026",
         "Ngân sách phường"],
        ["V.", "KINH PHÍ THỰC HIỆN", None, None, None, None, None],
        [None, "Ngân sách phường bảo đảm", None, None, None, None, "50 triệu đồng"]],
        merges=[(1, 1, 1, 6), (4, 1, 4, 6)])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert [(t.content, t.deliverables[0].funding) for a in result.master.areas
            for t in a.tasks] == [("Số hóa hồ sơ", "10 triệu đồng"),
                                  ("Kinh phí thực hiện CCHC", "Ngân sách phường")]
    (skipped,) = [f for f in result.findings if f.code == "import-budget-skipped"]
    assert skipped.message.startswith(
        "dòng 'Ngân sách phường bảo đảm' (kinh phí 50 triệu đồng) ghi kinh phí chung của kế "
        "hoạch, không phải nhiệm vụ: đã bỏ qua")
    assert skipped.severity == "note"
    assert not [f for f in result.findings if f.severity == "error"]


def test_a_group_after_an_unknown_body_is_a_group_of_its_own(tmp_path):
    """"Công an phường, Đoàn Thanh niên phường, các tổ dân phố" in a ward's table: the
    body and the group after it, neither in the commune template, were one unit "Đoàn
    Thanh niên phường, các tổ dân phố" (a QA pass): the split gave a file to nobody real,
    and the group's "các" was lost. The body is a unit, the group an open group."""
    doc = Document()
    _letterhead(doc, "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", True)
    add_table(doc, [HEAD, ["1", "Tổ công nghệ số cộng đồng", "Báo cáo", "Phòng Văn hóa - Xã hội",
                           "Công an phường, Đoàn Thanh niên phường, các tổ dân phố",
                           "Cả năm"],
                    ["2", "Sắp xếp tổ dân phố", "Đề án", "Văn phòng HĐND và UBND",
                     "Ủy ban MTTQ phường, các tổ chức chính trị - xã hội", "Quý III/2026"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    master = result.master
    names = {u.code: u.name for u in master.units}
    assert {n for c, n in names.items() if c not in ("VP", "KT", "VHXH", "PVHCC", "CA",
                                                      "QS")} == {
        "Ủy ban Mặt trận Tổ quốc phường", "Đoàn Thanh niên phường"}
    groups = {g.name: g for g in master.groups}
    assert {"các tổ dân phố", "các tổ chức chính trị - xã hội"} <= set(groups)
    assert not groups["các tổ dân phố"].kinds and not groups["các tổ dân phố"].members
    first, second = (t.deliverables[0] for a in master.areas for t in a.tasks)
    assert [names[c] for c in first.support] == ["Công an phường", "Đoàn Thanh niên phường"]
    assert [names[c] for c in second.support] == ["Ủy ban Mặt trận Tổ quốc phường"]


def test_a_place_in_the_document_counts_the_tables_a_reader_sees(tmp_path):
    """The letterhead and the signature laid out in borderless tables, then the appendix's
    task table: every finding's place was "bảng 3, dòng …" (a QA pass), a table the
    office could not find in a document showing one. The task table is "bảng 1"."""
    doc = Document()
    _letterhead(doc, "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", True)
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT."
    sign.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An"
    doc.add_page_break()
    doc.add_paragraph("PHỤ LỤC")
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND",
                           "Đoàn Thanh niên phường", "Khi phát sinh"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    (added,) = [f for f in result.findings if f.code == "import-unit-added"]
    assert added.place == "bảng 1, dòng 2"
    assert result.master.plan.signer == "Nguyễn Văn An"


def test_a_deadline_of_the_year_before_the_plans_is_warned_at_its_row(tmp_path):
    """"Trước ngày 31/12/2025" in a plan of 2026 whose issue is not written (a draft):
    imported with no word (a QA pass), the task overdue from the first day. Warned at the
    Word table's row, with the deadline as written, the plan's year and what to do."""
    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "PHƯỜNG HẠC THÀNH", "KẾ HOẠCH",
                 "Cải cách hành chính năm 2026"):
        doc.add_paragraph(line)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "",
                           "Trước ngày 31/12/2025"],
                    ["2", "Niêm yết thủ tục", "Bảng niêm yết", "Văn phòng HĐND và UBND", "",
                     "Trước ngày 15/11/2026"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert result.master.plan.issued_from is None
    (said,) = [f for f in result.findings if f.code == "deadline-before-plan-year"]
    assert (said.severity, said.place) == ("warning", "nguồn: bảng 1, dòng 2")
    assert said.message == (
        "thời hạn 'Trước ngày 31/12/2025' (31/12/2025) trước năm kế hoạch 2026: kiểm tra lại "
        "năm ghi trong kế hoạch (ví dụ 'Trước ngày 31/12/2026'); nếu là nhiệm vụ năm trước "
        "chuyển sang thì giữ nguyên, chưa hoàn thành thì nhiệm vụ được tính là 'Quá hạn' ngay "
        "từ kỳ báo cáo đầu tiên của năm 2026")
    assert result.problems


def _ward_table(tmp_path, rows):
    """A ward's plan of ``rows`` (after the header), imported: the result."""
    doc = Document()
    _letterhead(doc, "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", True)
    add_table(doc, [HEAD, *rows])
    doc.save(tmp_path / "kh.docx")
    return import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")


def test_a_group_after_and_is_a_group_of_its_own(tmp_path):
    """"Ủy ban MTTQ phường và các tổ chức chính trị - xã hội" was one unit named with both
    (a QA pass): its file went to nobody real. After "và các", a group's noun (tổ chức,
    đoàn thể, hội, thôn, tổ dân phố…) opens a group: the Front a unit, the rest an open
    group; "… Nghi Sơn và các khu công nghiệp" stays one board (test_import_plan)."""
    result = _ward_table(tmp_path, [
        ["1", "Giám sát CCHC", "Báo cáo", "Văn phòng HĐND và UBND",
         "Ủy ban MTTQ phường và các tổ chức chính trị - xã hội", "Quý III/2026"],
        ["2", "Tuyên truyền", "Tin bài", "Phòng Văn hóa - Xã hội",
         "Đoàn Thanh niên phường và các hội, đoàn thể", "Quý IV/2026"]])
    master = result.master
    names = {u.code: u.name for u in master.units}
    watched, told = master.deliverables()
    assert [names[c] for c in watched.support] == ["Ủy ban Mặt trận Tổ quốc phường"]
    assert [names[c] for c in told.support] == ["Đoàn Thanh niên phường"]
    groups = {g.name: g for g in master.groups}
    assert {"các tổ chức chính trị - xã hội", "các hội, đoàn thể"} <= set(groups)
    assert groups["các hội, đoàn thể"].is_open
    assert not [n for n in names.values() if " và các " in n]


def test_a_title_over_the_villages_is_an_open_group(tmp_path):
    """"Trưởng các thôn, bản" was added as one unit (kind Khác, warned) that got a file
    (a QA pass): the heads of every village, an open group as "các tổ dân phố" is, with
    the usual note that it names no unit until the user lists them."""
    result = _ward_table(tmp_path, [
        ["1", "Cập nhật dữ liệu dân cư", "Dữ liệu", "Công an phường", "Trưởng các thôn, bản",
         "Quý II/2026"]])
    master = result.master
    (d,) = master.deliverables()
    assert d.support == []
    # The group of the places, named for them (a title would read as a person), the
    # title its spelling.
    (group,) = [g for g in master.groups if g.name == "Các thôn, bản"]
    assert group.is_open and group.spellings == ["Trưởng các thôn, bản"]
    assert "Trưởng các thôn, bản" not in {u.name for u in master.units}
    said = {f.code: f for f in result.findings}
    assert "import-unit-added" not in said
    assert said["import-group-added"].message.startswith(
        "'Trưởng các thôn, bản' chưa có trong danh sách: đã thêm nhóm mã")
    # What to do is said (a QA pass: only "names nobody", and split then sent the
    # villages' share to no one without a word).
    assert said["group-open"].message == (
        "'Trưởng các thôn, bản' là nhóm mở, không giao cho đơn vị cụ thể nào: phần việc của "
        "'Trưởng các thôn, bản' ở nhiệm vụ này không gửi cho ai (thôn, bản không có tệp "
        "báo cáo); kết quả được tính theo báo cáo của đơn vị chủ trì (Công an phường). Muốn "
        "thôn, bản báo cáo phần của mình, thêm từng thôn, bản ở trang 'Đơn vị' và "
        "ghi mã của họ vào cột 'Gồm các đơn vị' của nhóm ở trang 'Nhóm', hoặc ghi cơ quan báo "
        "cáo thay cho họ vào ô này")


def test_more_kinds_of_place_after_a_known_group_of_villages_are_not_a_unit(tmp_path):
    """"Các thôn, bản" after a row naming "các thôn" (a QA pass): the group "các thôn"
    and a unit "bản" (mã B, kind Khác) that got a file of its own. Now one name: no unit
    invented, the villages' work said to need their units listed."""
    result = _ward_table(tmp_path, [
        ["1", "Cập nhật dữ liệu dân cư", "Dữ liệu", "Công an phường, các thôn", "",
         "Quý II/2026"],
        ["2", "Niêm yết thủ tục", "Bảng niêm yết", "Các thôn, bản", "", "Quý III/2026"]])
    names = {u.name for u in result.master.units}
    assert "bản" not in names and "Bản" not in names
    said = [f.message for f in result.findings if f.code == "import-group-as-unit"]
    assert [m.split(":")[0] for m in said] == [
        "'Các thôn, bản' chủ trì nhiệm vụ nhưng là nhóm chưa có đơn vị nào trong danh sách"]


@pytest.mark.parametrize("left, commune, code", [
    ("ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", "phường Hạc Thành", "hac-thanh-2026"),
    ("ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA", "xã Hoằng Hóa", "hoang-hoa-2026")])
def test_a_communes_plan_made_blank_has_the_code_its_imported_plan_has(tmp_path, left, commune,
                                                                       code):
    """init --commune and import of the commune's Word plan give the same plan code (init
    gave "phuong-hac-thanh-2026", import "hac-thanh-2026": one commune's plans had codes
    of two styles)."""
    from cchc_xl.master import init_master, read_master

    doc = Document()
    _letterhead(doc, left, True)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "",
                           "Quý IV/2026"]])
    doc.save(tmp_path / "kh.docx")
    imported = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx").master.plan.code
    blank = read_master(init_master(tmp_path / "b.xlsx", 2026, "xa", commune=commune))[0]
    assert imported == blank.plan.code == code


def test_split_says_the_villages_share_is_sent_to_nobody(tmp_path):
    """"Công an phường, các thôn": the police got the file, the villages (an open group,
    no unit listed) nothing, and split said nothing of it (a QA pass). Now split says
    which product's share is sent to no one and how to send it; no village is invented."""
    from cchc_xl.master import load_master
    from cchc_xl.split import split_master

    result = _ward_table(tmp_path, [
        ["1", "Cập nhật dữ liệu dân cư", "Dữ liệu", "Công an phường, các thôn", "",
         "Quý II/2026"]])
    master = load_master(tmp_path / "m.xlsx")
    (d,) = master.deliverables()
    done = split_master(master, "NAM", tmp_path / "giao")
    assert [f.unit_name for f in done.files] == ["Công an phường"]
    said = [f.message for f in done.findings if f.code == "group-open"]
    assert said == [
        f"'các thôn' là nhóm mở, không giao cho đơn vị cụ thể nào: phần việc của 'các thôn' ở "
        f"sản phẩm {d.id} không gửi cho ai (thôn không có tệp báo cáo); kết quả "
        "được tính theo báo cáo của đơn vị chủ trì (Công an phường). Muốn thôn báo "
        "cáo phần của mình, thêm từng thôn ở trang 'Đơn vị' và ghi mã của họ vào "
        "cột 'Gồm các đơn vị' của nhóm ở trang 'Nhóm', hoặc ghi cơ quan báo cáo thay cho họ vào "
        "ô chủ trì, phối hợp của sản phẩm đó ở trang nhiệm vụ"]
    assert len(result.master.units) == len(master.units)


def test_the_groups_sheet_says_how_the_villages_get_their_work(tmp_path):
    """The group "các thôn" the import added was a bare row on 'Nhóm' (no kind, no unit,
    no note), while the template's open group says it is one. Its note says what to do."""
    import openpyxl

    _ward_table(tmp_path, [["1", "Cập nhật dữ liệu dân cư", "Dữ liệu",
                            "Công an phường, các thôn", "", "Quý II/2026"]])
    rows = list(openpyxl.load_workbook(tmp_path / "m.xlsx")["Nhóm"].iter_rows(values_only=True))
    note = rows[0].index("Ghi chú")
    (row,) = [r for r in rows if r[1] == "các thôn"]
    assert row[note] == ("Nhóm mở: chưa có thôn nào. Thêm từng nơi ở trang 'Đơn "
                         "vị' và ghi mã của họ ở cột 'Gồm các đơn vị', hoặc ghi cơ quan báo cáo"
                         " thay cho họ ở nhiệm vụ")


_BOX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:v="urn:schemas-microsoft-com:vml"')


def _text_box(lines: list[str]):
    """A run holding a text box of ``lines`` as Word saves one: the drawing, then its
    VML copy for older readers (mc:Fallback), each with the box's paragraphs."""
    from docx.oxml import parse_xml

    content = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return parse_xml(
        f'<w:r {_BOX_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline><wp:extent cx="2000000" cy="800000"/><wp:docPr id="1" name="Box"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>'
        f'<w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback>'
        f'<w:pict><v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>'
        '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def test_a_letterhead_in_a_text_box_is_read_a_line_each(tmp_path):
    """The issuer, over the number, typed in a text box: the plan's "Cơ quan ban hành"
    was "ỦY BAN NHÂN DÂNPHƯỜNG HẠC THÀNHSố: 15/KH-UBNDỦY BAN NHÂN DÂN…" (the box's
    lines run together, and read twice: Word saves a box with a copy for older readers),
    the number was lost, the plan's code was the file's name and the ward's offices were
    added as new units. The box's lines are lines, read once."""
    doc = Document()
    doc.add_paragraph()._p.append(_text_box(["ỦY BAN NHÂN DÂN", "PHƯỜNG HẠC THÀNH",
                                             "Số: 15/KH-UBND"]))
    doc.add_paragraph("Hạc Thành, ngày 08 tháng 01 năm 2026")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND",
                           "Phòng Văn hóa - Xã hội", "Quý IV/2026"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    plan = result.master.plan
    assert (plan.authority, plan.number, plan.code) == (
        "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH", "15/KH-UBND", "hac-thanh-2026")
    assert "import-unit-added" not in [f.code for f in result.findings]


def _units_sheet(path: Path) -> dict[str, str]:
    """The 'Đơn vị' sheet of a plan table as a user reads it: each code's name."""
    from cchc_xl.master import load_master

    return {u.code: u.name for u in load_master(path).units}


def test_a_wards_plan_imported_names_its_offices_as_init_names_a_wards(tmp_path):
    """A ward's plan table made with `init --commune "phường Hạc Thành"`, issued as a Word
    document (scripts/plan_documents.py) whose cells name the economic office and the
    military command only through "Các phòng chuyên môn" or not at all, imported without
    --units: the table named them "Phòng Kinh tế" and "Ban Chỉ huy quân sự", a commune's
    offices (a QA pass), where init names a ward's "Phòng Kinh tế, Hạ tầng và Đô thị" and
    "Ban Chỉ huy quân sự phường"."""
    made, out = _init_plan_imported(tmp_path, "phường Hạc Thành", "Công an phường")
    by_init, imported = _units_sheet(made), _units_sheet(out)
    assert imported["KT"] == by_init["KT"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert imported["QS"] == by_init["QS"] == "Ban Chỉ huy quân sự phường"
    assert imported == by_init


def test_a_wards_plan_keeps_the_names_it_writes_for_its_offices(tmp_path):
    """A ward's plan that writes "Phòng Kinh tế" and "Ban Chỉ huy quân sự" in its cells:
    its own words name them, as they did; the ward's names are other spellings."""
    from cchc_xl.units import Registry

    result = _plan_writing(tmp_path, "PHƯỜNG HẠC THÀNH", "Phòng Kinh tế")
    units = _units_sheet(result.path)
    assert (units["KT"], units["QS"]) == ("Phòng Kinh tế", "Ban Chỉ huy quân sự")
    registry = Registry(result.master.units, result.master.groups)
    assert registry.resolve("Phòng Kinh tế, Hạ tầng và Đô thị").units == ["KT"]
    assert registry.resolve("Ban Chỉ huy quân sự phường").units == ["QS"]


def test_a_wards_plan_writing_both_names_names_its_office_as_a_wards(tmp_path):
    """A ward's plan writing "Phòng Kinh tế, Hạ tầng và Đô thị" in most cells and
    "Phòng Kinh tế" in one: the table, the files and the report named the ward's office
    "Phòng Kinh tế", a commune's (a QA pass); the ward's name is what both name."""
    from cchc_xl.units import Registry

    doc = Document()
    _letterhead(doc, "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", True)
    add_table(doc, [HEAD, ["1", "Dự toán ngân sách", "Dự toán", WARD_KT, "", "Quý IV/2026"],
                    ["2", "Theo dõi thi hành pháp luật", "Báo cáo", "Văn phòng HĐND và UBND",
                     "Công an phường, Phòng Kinh tế", "Tháng 11/2026"]])
    doc.save(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert _units_sheet(result.path)["KT"] == WARD_KT
    registry = Registry(result.master.units, result.master.groups)
    assert registry.resolve("Phòng Kinh tế").units == ["KT"]
    first, second = result.master.deliverables()
    assert first.lead == ["KT"] and "KT" in second.support


def test_a_communes_plan_imported_names_its_offices_as_init_names_a_communes(tmp_path):
    """A commune's plan table made with `init --commune "xã Hoằng Hóa"`, issued as a Word
    document whose cells name the office, the centre and the military command only
    through "Các phòng chuyên môn" or not at all, imported on the command line without
    --units: the table named them by the template's names, "Văn phòng HĐND và UBND",
    "Ban Chỉ huy quân sự" (a QA pass), where init names them "Văn phòng HĐND và UBND
    xã", "Ban Chỉ huy quân sự xã", as a ward's are named for the ward."""
    made, out = _init_plan_imported(tmp_path, "xã Hoằng Hóa", "Công an xã")
    by_init, imported = _units_sheet(made), _units_sheet(out)
    assert imported["VP"] == by_init["VP"] == "Văn phòng HĐND và UBND xã"
    assert imported["QS"] == by_init["QS"] == "Ban Chỉ huy quân sự xã"
    assert imported["PVHCC"] == by_init["PVHCC"] == "Trung tâm Phục vụ hành chính công xã"
    assert imported == by_init


def test_a_communes_plan_keeps_the_names_it_writes_for_its_offices(tmp_path):
    """A commune's plan that writes "Văn phòng HĐND và UBND" and "Ban Chỉ huy quân sự" in
    its cells: its own words name them; init's names are other spellings."""
    from cchc_xl.units import Registry

    result = _plan_writing(tmp_path, "XÃ HOẰNG HÓA", "Văn phòng HĐND và UBND")
    units = _units_sheet(result.path)
    assert (units["VP"], units["QS"]) == ("Văn phòng HĐND và UBND", "Ban Chỉ huy quân sự")
    assert units["PVHCC"] == "Trung tâm Phục vụ hành chính công xã"  # not written: init's
    registry = Registry(result.master.units, result.master.groups)
    assert registry.resolve("Văn phòng HĐND và UBND xã").units == ["VP"]
    assert registry.resolve("Ban Chỉ huy quân sự xã").units == ["QS"]


@pytest.mark.parametrize("commune, police", [("xã Hoằng Hóa", "Công an xã"),
                                             ("phường Hạc Thành", "Công an phường")])
def test_a_plan_imported_takes_the_names_with_its_place_init_takes(tmp_path, commune, police):
    """The table imported from a commune's or ward's plan (made by `init --commune`, issued
    as a Word document) refused "Công an xã Hoằng Hóa" typed into a lead cell ("không tìm
    thấy đơn vị", a QA pass) where init's table takes it: its offices whose names stay
    lacked the spellings with the place's name init gives them ('Tên gọi khác')."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from cchc_xl.cli import main
    from cchc_xl.master import load_master

    made, out = _init_plan_imported(tmp_path, commune, police)
    spellings = [{u.code: (u.name, set(u.aliases)) for u in load_master(path).units}
                 for path in (made, out)]
    assert spellings[0] == spellings[1]
    wb = load_workbook(out)
    (ws,) = [wb[n] for n in wb.sheetnames if wb[n]["A5"].value == "Mã nhiệm vụ"]
    ws["E6"] = f"{police} {commune.split(' ', 1)[1]}"  # "Công an xã Hoằng Hóa"
    wb.save(out)
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "không tìm thấy" not in checked.output


def _init_plan_imported(tmp_path: Path, commune: str, police: str) -> tuple[Path, Path]:
    """A commune's or ward's plan table made with `init --commune`, its cells naming
    the offices only through "Các phòng chuyên môn" (and ``police``), issued as a Word
    document (scripts/plan_documents.py) and imported on the command line without
    --units: the table init made, and the one imported."""
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from plan_documents import write_plan_document
    from support.plans import typed_plan

    made = typed_plan(tmp_path / "ke-hoach.xlsx", ["--commune", commune, "--year", "2027"],
                      ["Phòng Văn hóa - Xã hội", "Các phòng chuyên môn", police])
    source = write_plan_document(made, tmp_path / "kh.docx")
    out = tmp_path / "m.xlsx"
    done = CliRunner().invoke(main, ["import", str(source), "--out", str(out)])
    assert done.exit_code in (0, 1), done.output
    return made, out


def _plan_writing(tmp_path: Path, place: str, lead: str):
    """The import of a plan of ``place`` (its letterhead's last line) whose one task is
    led by ``lead`` with "Ban Chỉ huy quân sự" coordinating, in the plan's own words."""
    doc = Document()
    _letterhead(doc, f"UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\n{place}", True)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", lead, "Ban Chỉ huy quân sự",
                           "Quý IV/2026"]])
    doc.save(tmp_path / "kh.docx")
    return import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")


@pytest.mark.parametrize("subtitle, title", [
    ("Kế hoạch cải cách hành chính năm 2026", "Kế hoạch cải cách hành chính năm 2026"),
    ("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026", "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"),
    ("Cải cách hành chính năm 2026", "Kế hoạch cải cách hành chính năm 2026"),
], ids=["sentence", "capitals", "subject"])
def test_a_subtitle_saying_kế_hoạch_again_is_the_title(tmp_path, subtitle, title):
    """"KẾ HOẠCH" over "Kế hoạch cải cách hành chính năm 2026": the title was read as "Kế
    hoạch kế hoạch cải cách…", on every page of the app, the report and the letters (a
    QA pass). A line under "KẾ HOẠCH" that says the kind again is the title itself."""
    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "PHƯỜNG HẠC THÀNH", "Số: 15/KH-UBND", "KẾ HOẠCH",
                 subtitle):
        doc.add_paragraph(line)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND",
                           "Phòng Văn hóa - Xã hội", "Quý IV/2026"]])
    doc.save(tmp_path / "kh.docx")
    assert import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx").master.plan.title == title
