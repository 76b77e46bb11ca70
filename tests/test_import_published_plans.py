"""cchc-xl import of plans laid out as offices publish them in late 2025 and 2026: a
commune's or a province's decision ("QUYẾT ĐỊNH … Ban hành kèm theo Quyết định này Kế
hoạch …") signed, then the plan it issues on the next page under a letterhead of its own,
then the task table.

Each document is built here with python-docx, small: the parts of a published plan
(Long Phụng's 119/QĐ-UBND of 18/7/2025, Hà Tĩnh's 3369/QĐ-UBND of 31/12/2025) that the
reading depends on.
"""

from __future__ import annotations

import pytest
from docx import Document
from openpyxl import load_workbook
from test_import_tables import add_table

from cchc_xl.plan_import import import_plan

HEAD = ["STT", "Nội dung công việc", "Cơ quan, đơn vị chủ trì", "Cơ quan, đơn vị phối hợp",
        "Thời gian thực hiện", "Kết quả/sản phẩm"]
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


def _decision_then_plan(path, plan_left: str, signed: str) -> None:
    """The decision (letterhead, "QUYẾT ĐỊNH", its articles, the signature), a page break,
    the plan under its own letterhead (``plan_left`` over an empty number), its table."""
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ LONG PHỤNG"
    head.cell(0, 1).text = MOTTO
    head.cell(1, 0).text = "Số: 119/QĐ-UBND"
    head.cell(1, 1).text = "Long Phụng, ngày 18 tháng 7 năm 2025"
    doc.add_paragraph("QUYẾT ĐỊNH")
    doc.add_paragraph("Về việc ban hành Kế hoạch cải cách hành chính Nhà nước năm 2025 trên "
                      "địa bàn xã")
    doc.add_paragraph("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính "
                      "Nhà nước năm 2025 trên địa bàn xã.")
    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT."
    sign.cell(0, 1).text = signed
    doc.add_page_break()
    again = doc.add_table(rows=2, cols=2)
    again.cell(0, 0).text = plan_left
    again.cell(0, 1).text = MOTTO
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính Nhà nước năm 2025 trên địa bàn xã")
    doc.add_paragraph("(Ban hành kèm theo Quyết định số 119/QĐ-UBND ngày 18/7/2025 của UBND "
                      "xã Long Phụng)")
    add_table(doc, [HEAD, ["-", "Xây dựng và triển khai Kế hoạch CCHC năm 2025",
                           "Văn phòng HĐND và UBND xã", "Các cơ quan, đơn vị thuộc UBND xã",
                           "Tháng 7/2025", "Kế hoạch"]])
    doc.save(path)


@pytest.mark.parametrize("plan_left", ["ỦY BAN NHÂN DÂN\nXÃ LONG PHỤNG", "UBND XÃ LONG PHỤNG"])
def test_the_plans_own_letterhead_after_an_unnamed_signature_is_nobodys_name(tmp_path,
                                                                              plan_left):
    """The decision signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" with no name typed (the
    signed copy carries it), then the plan's own letterhead: "Người ký báo cáo" was "Ủy
    Ban Nhân Dân" (or "Ubnd Xã Long Phụng"), and every report and reminder letter was to
    be signed by it."""
    _decision_then_plan(tmp_path / "qd.docx", plan_left, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    result = import_plan(tmp_path / "qd.docx", tmp_path / "m.xlsx")
    rows = {r[0]: r[1] for r in load_workbook(tmp_path / "m.xlsx")["Kế hoạch"].iter_rows(
        values_only=True)}
    assert (rows["Người ký báo cáo"], rows["Chức vụ người ký"]) == (None, None)
    assert "import-signer" not in [f.code for f in result.findings]
    assert rows["Cơ quan ban hành"] == "ỦY BAN NHÂN DÂN XÃ LONG PHỤNG"
    assert rows["Số, ký hiệu"] == "119/QĐ-UBND"


def test_the_name_under_the_decisions_signature_is_still_read(tmp_path):
    """The same document with the name typed: it is the signer, the plan's letterhead
    after it changes nothing."""
    _decision_then_plan(tmp_path / "qd.docx", "ỦY BAN NHÂN DÂN\nXÃ LONG PHỤNG",
                        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nNguyễn Văn Bình")
    plan = import_plan(tmp_path / "qd.docx", tmp_path / "m.xlsx").master.plan
    assert (plan.signer, plan.signer_title) == ("Nguyễn Văn Bình",
                                                 "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")


def _office_plan(path, signed: str = "", support: str = "Các phòng, đơn vị thuộc Văn phòng",
                 left: str = "UBND TỈNH LAI CHÂU\nVĂN PHÒNG", more=()) -> None:
    """Văn phòng UBND tỉnh Lai Châu's plan for its rooms (1888/KH-VPUBND of 30/12/2025):
    the letterhead ``left`` ("UBND TỈNH LAI CHÂU" over "VĂN PHÒNG"), two tasks
    (``support`` coordinating the first) and the rows ``more``, then ``signed`` in the
    signature's cell when given."""
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = left
    head.cell(0, 1).text = MOTTO
    head.cell(1, 0).text = "Số: 1888/KH-VPUBND"
    head.cell(1, 1).text = "Lai Châu, ngày 30 tháng 12 năm 2025"
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")
    add_table(doc, [["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
                     "Thời gian hoàn thành", "Sản phẩm"],
                    ["1", "Công tác chỉ đạo, điều hành", None, None, None, None],
                    ["1.1", "Báo cáo CCHC định kỳ quý, 6 tháng, năm",
                     "Phòng Hành chính - Tổ chức", support, "Theo quy định", "Báo cáo"],
                    ["1.2", "Vận hành Cổng Thông tin điện tử tỉnh",
                     "Trung tâm Thông tin - Công báo", "Phòng Hành chính - Tổ chức",
                     "Thường xuyên", "Cổng TTĐT hoạt động ổn định"], *more],
              merges=[(1, 1, 1, 5)])
    if signed:
        sign = doc.add_table(rows=1, cols=2)
        sign.cell(0, 0).text = "Nơi nhận:\n- Lãnh đạo Văn phòng;\n- Lưu: VT, HCTC."
        sign.cell(0, 1).text = signed
    doc.save(path)


def test_a_plan_of_the_provinces_office_is_for_its_own_rooms(tmp_path):
    """Văn phòng UBND tỉnh Lai Châu's 1888/KH-VPUBND of 30/12/2025: the letterhead
    "UBND TỈNH LAI CHÂU" over "VĂN PHÒNG", tasks for the office's rooms. It was taken
    for the province's plan: the 38 communes and the departments were added, and "Các
    phòng, đơn vị thuộc Văn phòng" was read as the departments, so that the office's own
    report named fourteen departments to coordinate and each was sent a file."""
    _office_plan(tmp_path / "kh.docx")
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert result.master.plan.authority == "VĂN PHÒNG UBND TỈNH LAI CHÂU"
    names = sorted(u.name for u in result.master.units)
    assert names == ["Phòng Hành chính - Tổ chức", "Trung tâm Thông tin - Công báo"]
    code = {u.name: u.code for u in result.master.units}
    report, portal = (t.deliverables[0] for t in result.master.areas[0].tasks)
    assert report.lead == [code["Phòng Hành chính - Tổ chức"]]
    assert (portal.lead, portal.support) == ([code["Trung tâm Thông tin - Công báo"]],
                                             [code["Phòng Hành chính - Tổ chức"]])


@pytest.mark.parametrize("signed, title", [
    ("CHÁNH VĂN PHÒNG\n\n\nNguyễn Văn An", "CHÁNH VĂN PHÒNG"),
    ("PHÓ CHÁNH VĂN PHÒNG\n(Đã ký)\nNGUYỄN VĂN AN", "PHÓ CHÁNH VĂN PHÒNG"),
    ("KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nNguyễn Văn An",
     "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG"),
    ("Q. CHÁNH VĂN PHÒNG\n\n\nNguyễn Văn An", "Q. CHÁNH VĂN PHÒNG"),
    ("Q. GIÁM ĐỐC\n(Đã ký)\nNGUYỄN VĂN AN", "Q. GIÁM ĐỐC")],
    ids=["chanh", "pho-chanh", "kt", "q-chanh", "q-giam-doc"])
def test_the_office_plans_signer_is_read(tmp_path, signed, title):
    """The office's plan signed by its head, "CHÁNH VĂN PHÒNG" over his name, as a
    department's is by "GIÁM ĐỐC": the name was not read, 'Người ký báo cáo' stayed
    empty and every report and letter was left to be signed by nobody. Its acting head,
    "Q. CHÁNH VĂN PHÒNG" (a department's "Q. GIÁM ĐỐC"), neither: the line was taken for
    a lettered area heading ("A. …", a QA pass)."""
    left = "UBND TỈNH LAI CHÂU\nSỞ NỘI VỤ" if "GIÁM ĐỐC" in title else None
    _office_plan(tmp_path / "kh.docx", signed=signed, **({"left": left} if left else {}))
    import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    rows = {r[0]: r[1] for r in load_workbook(tmp_path / "m.xlsx")["Kế hoạch"].iter_rows(
        values_only=True)}
    assert (rows["Người ký báo cáo"], rows["Chức vụ người ký"]) == ("Nguyễn Văn An", title)


def test_the_office_plans_code_is_its_issuers_and_years(tmp_path):
    """A department's plan is "snv-lai-chau-2026" under any file name; the office's was
    the Word file's name ("kh"), so the same plan imported again as another file was
    another plan, its files sent out no longer counted."""
    _office_plan(tmp_path / "kh.docx")
    _office_plan(tmp_path / "ban-chinh-thuc.docx")
    codes = []
    for name in ("kh", "ban-chinh-thuc"):
        import_plan(tmp_path / f"{name}.docx", tmp_path / f"{name}.xlsx")
        rows = {r[0]: r[1] for r in load_workbook(tmp_path / f"{name}.xlsx")[
            "Kế hoạch"].iter_rows(values_only=True)}
        codes.append(rows["Mã kế hoạch"])
    assert codes == ["vpubnd-lai-chau-2026"] * 2  # never the province's "lai-chau-2026"


@pytest.mark.parametrize("left, support, centre", [
    ("UBND TỈNH LAI CHÂU\nVĂN PHÒNG", "Các phòng, đơn vị thuộc Văn phòng", True),
    ("UBND TỈNH LAI CHÂU\nVĂN PHÒNG", "Các đơn vị thuộc Văn phòng", True),
    ("UBND TỈNH LAI CHÂU\nSỞ NỘI VỤ", "Các phòng, đơn vị thuộc Sở", True),
    ("UBND TỈNH LAI CHÂU\nVĂN PHÒNG", "Các phòng thuộc Văn phòng", False),
    ("UBND TỈNH LAI CHÂU\nSỞ NỘI VỤ", "Các phòng chuyên môn thuộc Sở", False)],
    ids=["vp-phong-don-vi", "vp-don-vi", "so-phong-don-vi", "vp-phong", "so-phong-chuyen-mon"])
def test_the_rooms_and_units_of_its_own_are_its_centres_too(tmp_path, left, support, centre):
    """"Các phòng, đơn vị thuộc Văn phòng" (or "thuộc Sở") coordinating: the group was of
    the office's phòng alone, so its "Trung tâm Thông tin - Công báo" (kind Đơn vị sự
    nghiệp) got none of the work and no file, though "đơn vị thuộc" names it. "Các phòng
    thuộc …", "Các phòng chuyên môn thuộc …" still name the phòng alone."""
    _office_plan(tmp_path / "kh.docx", support=support, left=left,
                 more=[["1.3", "Tổng hợp kết quả", "Phòng Tổng hợp", None, "Quý IV/2026",
                        "Báo cáo"]])
    result = import_plan(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    names = {u.code: u.name for u in result.master.units}
    report = result.master.areas[0].tasks[0].deliverables[0]
    assert sorted(names[c] for c in report.support) == sorted(
        ["Phòng Tổng hợp", *(["Trung tâm Thông tin - Công báo"] if centre else [])])
