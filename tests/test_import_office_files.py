"""cchc-xl import of plan documents as offices keep them: typed long ago in the old
TCVN3 (".VnTime") or VNI ("VNI-Times") encodings, saved by LibreOffice Writer in its
own format (.odt), left with tracked changes not accepted.

Each document is built here with python-docx (a QA pass's files, made small).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from test_import_tables import HEAD, add_table

from cchc_xl.cli import main
from cchc_xl.master import load_master
from support.tools import convert, needs_libreoffice
from support.vni import vni

TITLE = ("ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA", "KẾ HOẠCH", "Cải cách hành chính năm 2026",
         "I. CẢI CÁCH THỂ CHẾ")
ROW = ["1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo", "Văn phòng HĐND và UBND",
       "Phòng Kinh tế", "Quý IV/2026"]

# Vietnamese letters as TCVN3 (ABC) stores them, each byte read as Latin-1: what Word
# shows of an old document when its .VnTime font is missing, and what python-docx reads
# whatever the font. Capitals with a tone take the small letter's byte (".VnTimeH"
# draws it as a capital).
_TCVN3 = dict(zip(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ",
    "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâäå«èæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ", strict=True))
_TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦"}


def _tcvn3(text: str) -> str:
    return "".join(_TCVN3_CAPITALS.get(ch) or _TCVN3.get(ch.lower(), ch) for ch in text)


def _plan(path, encode=lambda text: text):
    doc = Document()
    for line in TITLE:
        doc.add_paragraph(encode(line))
    add_table(doc, [[encode(t) for t in HEAD], [encode(t) for t in ROW]])
    doc.add_paragraph(encode("Nơi nhận:"))
    doc.save(path)
    return path


def _second_task(path, cells: list[str], before: str = ""):
    """The plan with a second task whose lead, coordinator and deadline are ``cells`` as
    typed (an old encoding pasted in), and the paragraph ``before`` above its table."""
    doc = Document()
    for line in TITLE:
        doc.add_paragraph(line)
    if before:
        doc.add_paragraph(before)
    add_table(doc, [HEAD, ROW,
                    ["2", "Kiểm tra công tác cải cách hành chính", "Báo cáo", *cells]])
    doc.add_paragraph("Nơi nhận:")
    doc.save(path)
    return path


def _import(path, out, *options: str):
    return CliRunner().invoke(main, ["import", str(path), "--out", str(out), *options])


def test_a_plan_typed_in_an_old_encoding_is_said_to_be_one(tmp_path):
    """A plan typed in TCVN3 (".VnTime"): its header "Néi dung nhiÖm vô" matched no column,
    and the import said "không tìm thấy bảng nhiệm vụ ... kiểm tra tệp có đúng kế hoạch
    CCHC không" of a plan whose table the office could see. It says the encoding, where
    it shows, and to convert the text to Unicode with Unikey."""
    path = _plan(tmp_path / "kh.docx", _tcvn3)
    result = _import(path, tmp_path / "m.xlsx")
    assert result.exit_code == 1
    said = result.output
    assert "bảng mã cũ TCVN3/VNI" in said and "kh.docx" in said
    assert "'ñY BAN NH¢N D¢N" in said  # where it shows, as it reads
    assert "Unikey" in said and "Unicode" in said and "nhập lại" in said
    assert "kiểm tra tệp có đúng kế hoạch CCHC không" not in said
    assert not (tmp_path / "m.xlsx").exists()


def test_a_plan_in_unicode_is_imported_as_before(tmp_path):
    """The same plan typed in Unicode is read (the control of the test above)."""
    result = _import(_plan(tmp_path / "kh.docx"), tmp_path / "m.xlsx")
    assert result.exit_code == 0, result.output
    assert "bảng mã cũ" not in result.output


def test_a_plan_typed_partly_in_an_old_encoding_names_each_place_and_adds_no_unit(tmp_path):
    """A Unicode plan with a paragraph and some cells pasted from an old TCVN3 one: its
    tasks were read, its garbled unit names added as new units ("'Phßng V¨n hãa - X· héi'
    chưa có trong danh sách đơn vị: đã thêm mã PVNHXH") and only then the master's check
    said "bảng mã cũ", cell by cell of the table written. Now refused before any unit is
    made, naming each paragraph and cell of the document as it reads, and how to convert
    those alone (Unikey run on the whole document garbles its Unicode)."""
    plan = _second_task(tmp_path / "kh.docx", [_tcvn3("Phòng Văn hóa - Xã hội"),
                                              _tcvn3("Công an xã"), "Quý II/2026"],
                        _tcvn3("Căn cứ Kế hoạch số 12/KH-UBND"))
    result = _import(plan, tmp_path / "m.xlsx")
    assert result.exit_code == 1, result.output
    said = result.output
    assert ("văn bản có 3 đoạn, ô gõ bằng bảng mã cũ TCVN3/VNI (phông .VnTime, VNI-Times), "
            "chữ tiếng Việt không đọc được: đoạn văn trước bảng 1: 'C¨n cø KÕ ho¹ch sè "
            "12/KH-UBND'; bảng 1, dòng 3, cột 4: 'Phßng V¨n hãa - X· héi'; bảng 1, dòng 3, "
            "cột 5: 'Cång an x·'; chưa tạo bảng kế hoạch") in said, said
    assert "không chép cả văn bản" in said and "Unicode" in said and "nhập lại" in said
    assert "thêm đơn vị mới" not in said and "đã thêm mã" not in said
    assert not (tmp_path / "m.xlsx").exists()


def test_a_plan_with_cells_typed_in_vni_in_latin1_letters_is_refused_naming_them(tmp_path):
    """Cells pasted from a plan typed in VNI ("VNI-Times") whose bytes are all letters of
    Latin-1 ("Coâng an xaõ": no sign TCVN3 shows) were read as they are: the plan was
    imported with units "Coâng an xaõ" and "UÛy ban nhaân daân xaõ" added, and their
    tasks given to them. Refused, each cell named as it reads, with how to convert it;
    the single word "Quyù" (Quý) with them, in a document found typed so."""
    plan = _second_task(tmp_path / "kh.docx", [vni("Ủy ban nhân dân xã"), vni("Công an xã"),
                                              vni("Quý II/2026")])
    result = _import(plan, tmp_path / "m.xlsx")
    assert result.exit_code == 1, result.output
    said = result.output
    assert ("văn bản có 3 đoạn, ô gõ bằng bảng mã cũ TCVN3/VNI (phông .VnTime, VNI-Times), "
            "chữ tiếng Việt không đọc được: bảng 1, dòng 3, cột 4: 'UÛy ban nhaân daân xaõ'; "
            "bảng 1, dòng 3, cột 5: 'Coâng an xaõ'; bảng 1, dòng 3, cột 6: 'Quyù II/2026'; "
            "chưa tạo bảng kế hoạch") in said, said
    assert "VNI Windows" in said and "Unicode" in said and "Chuyển mã" in said
    assert "đã thêm mã" not in said
    assert not (tmp_path / "m.xlsx").exists()


def test_a_plan_quoting_french_or_spanish_is_imported(tmp_path):
    """The control: "où", "Noël", "aún" in a Unicode plan are no VNI."""
    path = _plan(tmp_path / "kh.docx")
    doc = Document(str(path))
    doc.add_paragraph("« Là où il y a une volonté, il y a un chemin » (aún más: où ?)")
    doc.save(path)
    result = _import(path, tmp_path / "m.xlsx")
    assert result.exit_code == 0, result.output
    assert "bảng mã cũ" not in result.output


def test_a_paragraph_after_the_last_table_is_placed_after_it(tmp_path):
    """ "Nơi nhận" typed in TCVN3 under the plan's only table was named "đoạn văn trước
    bảng 2", a table the document does not have."""
    path = _plan(tmp_path / "kh.docx")
    doc = Document(str(path))
    doc.add_paragraph(_tcvn3("- Như trên;"))
    doc.save(path)
    result = _import(path, tmp_path / "m.xlsx")
    assert result.exit_code == 1, result.output
    assert "đoạn văn sau bảng 1: '- Nh\xad trªn;'" in result.output, result.output
    assert "bảng 2" not in result.output


@needs_libreoffice
def test_a_plan_saved_by_libreoffice_writer_in_its_own_format_is_read(tmp_path):
    """A plan saved as .odt, LibreOffice Writer's own format: it was converted as if a
    spreadsheet and refused with "LibreOffice không chuyển đổi được tệp này". It is
    read as the .docx it was saved from."""
    odt = convert(_plan(tmp_path / "kh.docx"), tmp_path / "odt", "odt")
    result = _import(odt, tmp_path / "m.xlsx")
    assert result.exit_code == 0, result.output
    tasks = load_master(tmp_path / "m.xlsx").tasks()
    assert [(t.content, [d.deadline.raw for d in t.deliverables]) for t in tasks] == [
        ("Rà soát văn bản quy phạm pháp luật", ["Quý IV/2026"])]


def _revision(tag: str, n: int):
    mark = OxmlElement(tag)
    for key, value in (("w:id", str(n)), ("w:author", "Phó Chủ tịch"),
                       ("w:date", "2026-01-05T08:00:00Z")):
        mark.set(qn(key), value)
    return mark


def _delete(p, n: int) -> None:
    """Paragraph ``p`` deleted with tracked changes on: its text and its mark."""
    for run in list(p.iter(qn("w:r"))):
        for text in run.iter(qn("w:t")):
            text.tag = qn("w:delText")
        deleted = _revision("w:del", n)
        run.addprevious(deleted)
        deleted.append(run)
    mark = OxmlElement("w:rPr")
    mark.append(_revision("w:del", n + 100))
    p.get_or_add_pPr().append(mark)


def test_tracked_changes_are_read_as_accepted_and_said(tmp_path):
    """A plan with a reviewer's changes left in: a task row deleted, a deadline
    replaced. The deleted row's automatic number (Word numbering the TT column) was read
    as a task "2" of no content ("chưa ghi nội dung nhiệm vụ", the master refused), and
    nothing said the plan held changes nobody accepted. The rows are read as Word shows
    them once the changes are accepted, and a warning names them and where Word accepts
    or rejects them."""
    doc = Document()
    for line in TITLE:
        doc.add_paragraph(line)
    table = add_table(doc, [HEAD, [None, *ROW[1:]],
                            [None, "Kiểm tra văn bản", "Kết luận", "Văn phòng HĐND và UBND",
                             "", "Quý II/2026"],
                            [None, "Công khai thủ tục hành chính", "Danh mục",
                             "Văn phòng HĐND và UBND", "", "Thường xuyên"]])
    for row in table.rows[1:]:
        row.cells[0].paragraphs[0].style = doc.styles["List Number"]
    doc.add_paragraph("Nơi nhận:")
    deleted = table.rows[2]._tr
    deleted.get_or_add_trPr().append(_revision("w:del", 1))
    for p in deleted.iter(qn("w:p")):
        _delete(p, 2)
    deadline = table.cell(1, 5).paragraphs[0]._p
    _delete(deadline, 3)
    inserted = _revision("w:ins", 4)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "Quý III/2026"
    run.append(text)
    inserted.append(run)
    deadline.append(inserted)
    doc.save(tmp_path / "kh.docx")

    result = _import(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert result.exit_code == 1, result.output  # a warning to look at, no error
    assert "Lỗi" not in result.output
    tasks = load_master(tmp_path / "m.xlsx").tasks()
    assert [(t.number, t.content, [d.deadline.raw for d in t.deliverables]) for t in tasks] == [
        ("1.", "Rà soát văn bản quy phạm pháp luật", ["Quý III/2026"]),
        ("2.", "Công khai thủ tục hành chính", ["Thường xuyên"])]
    said = " ".join(result.output.split())
    assert "bảng 1: các dòng 2, 3 còn thay đổi được theo dõi (Track Changes) chưa chấp nhận" in said
    assert "Xem lại > Chấp nhận hoặc Từ chối" in said and "nhập lại" in said


def _letter(path, number: str, *lines: str, rows=None):
    """A document under the commune's letterhead, numbered ``number``: ``lines``, then
    a table of ``rows`` if any."""
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = f"Số: {number}"
    head.cell(1, 1).text = "Hoằng Hóa, ngày 15 tháng 6 năm 2026"
    for line in lines:
        doc.add_paragraph(line)
    if rows:
        add_table(doc, rows)
    doc.add_paragraph("Nơi nhận:")
    doc.save(path)
    return path


def test_a_report_is_refused_as_no_plan(tmp_path):
    """A six-month report picked by mistake: its table of results was read as tasks
    (the results their products), and the import asked only for the plan's year: with
    --year it made a plan of the report. It is refused, saying what the document is."""
    path = _letter(tmp_path / "bc.docx", "45/BC-UBND", "BÁO CÁO",
                   "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2026",
                   rows=[["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Kết quả thực hiện"],
                         ["1", "Rà soát văn bản", "Văn phòng HĐND và UBND", "Đã hoàn thành"]])
    result = _import(path, tmp_path / "m.xlsx", "--year", "2026")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "văn bản số 45/BC-UBND là báo cáo, không phải kế hoạch" in said
    assert "kế hoạch CCHC đã ban hành" in said
    assert not (tmp_path / "m.xlsx").exists()


def test_a_decision_with_no_task_table_is_named(tmp_path):
    path = _letter(tmp_path / "qd.docx", "123/QĐ-UBND", "QUYẾT ĐỊNH",
                   "Về việc kiện toàn Ban Chỉ đạo cải cách hành chính xã năm 2026",
                   "Điều 1. Kiện toàn Ban Chỉ đạo cải cách hành chính xã.")
    result = _import(path, tmp_path / "m.xlsx")
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "văn bản số 123/QĐ-UBND là quyết định, không tìm thấy bảng nhiệm vụ" in said


def test_a_decision_issuing_tasks_is_imported(tmp_path):
    """A decision giving the year's tasks in its own table is imported as a plan (its
    year given: the title read is a plan's)."""
    path = _letter(tmp_path / "qd.docx", "12/QĐ-UBND", "QUYẾT ĐỊNH",
                   "Giao nhiệm vụ cải cách hành chính năm 2026", "I. CẢI CÁCH THỂ CHẾ",
                   rows=[HEAD, ROW])
    result = _import(path, tmp_path / "m.xlsx", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert [t.content for t in load_master(tmp_path / "m.xlsx").tasks()] == [ROW[1]]


@pytest.mark.parametrize("title", ["K Ế  H O Ạ C H", "K Ế H O Ạ C H"])
def test_a_scanned_plans_spaced_letters_are_read(tmp_path, title):
    """A plan scanned and read back to Word (or its title typed a letter at a time):
    "K Ế  H O Ạ C H" was no plan title, so the import stopped with "không đọc được năm
    kế hoạch"; "T T" was a column it could not read (the task numbers lost), "Số: 12
    /KH-UBND" no number."""
    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "XÃ HOẰNG HÓA", "Số:  12 /KH-UBND",
                 "Hoằng Hóa, ngày 10 tháng 01 năm 2026", title,
                 "Cải cách hành chính  năm 2026", "I.  CẢI CÁCH THỂ  CHẾ"):
        doc.add_paragraph(line)
    add_table(doc, [["T T", *HEAD[1:]], ROW])
    doc.add_paragraph("Nơi nhận:")
    doc.save(tmp_path / "kh.docx")
    result = _import(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert result.exit_code == 0, result.output
    master = load_master(tmp_path / "m.xlsx")
    assert (master.plan.title, master.plan.year, master.plan.number) == (
        "Kế hoạch cải cách hành chính năm 2026", 2026, "12/KH-UBND")
    assert [(t.number, t.content) for t in master.tasks()] == [("1", ROW[1])]


def test_a_units_name_broken_over_two_lines_is_one_unit(tmp_path):
    """A unit's name broken by the cell's width, as a plan read back from a scan or a
    PDF keeps it ("Văn phòng HĐND và" / "UBND"): two units were added, "UBND" a
    department of its own given the work of every group of offices."""
    doc = Document()
    for line in TITLE:
        doc.add_paragraph(line)
    add_table(doc, [HEAD, [*ROW[:3], "Văn phòng HĐND và\nUBND", "Phòng Văn hóa -\nXã hội",
                           ROW[5]],
                    ["2", "Tuyên truyền", "Tin bài", "Phòng Kinh tế\nPhòng Văn hóa - Xã hội",
                     "", "Quý II/2026"]])
    doc.add_paragraph("Nơi nhận:")
    doc.save(tmp_path / "kh.docx")
    result = _import(tmp_path / "kh.docx", tmp_path / "m.xlsx")
    assert result.exit_code == 0, result.output
    assert "thêm đơn vị mới" not in result.output
    master = load_master(tmp_path / "m.xlsx")
    names = {u.code: u.name for u in master.units}
    leads = [(sorted(names[c] for c in d.lead), sorted(names[c] for c in d.support))
             for d in master.deliverables()]
    assert leads == [(["Văn phòng HĐND và UBND"], ["Phòng Văn hóa - Xã hội"]),
                     (["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"], [])]


@needs_libreoffice
def test_the_plan_page_offers_and_reads_a_plan_saved_as_odt(tmp_path):
    """The plan page's file picker offered .docx, .doc and .xlsx only (an .odt hidden in
    the browser's dialog, and its message named those three), though the import reads
    an .odt as the .docx it was saved from."""
    import html
    import re

    from support.web import _client, _import_posted, _token, _with_master

    odt = convert(_plan(tmp_path / "kh.docx"), tmp_path / "odt", "odt")
    client = _client(_with_master(tmp_path))
    token = _token(client)
    page = html.unescape(client.get("/").text)
    (picker,) = re.findall(r'<input type="file" name="document" accept="([^"]*)"', page)
    assert ".odt" in picker.split(",")
    state = _import_posted(client, token, odt)
    assert state["state"] == "done", state
    assert "Đã đọc văn bản 'kh.odt'" in state["result"]["message"]


@needs_libreoffice
def test_a_plan_saved_as_odt_given_as_the_plan_table_is_told_to_be_imported(tmp_path):
    """The plan document (.odt) given to `check` where the plan table goes was called
    "tệp LibreOffice (.ods)" and the office told to save it again as .xlsx, which makes no
    plan table of a Word text; it is named a Writer text and sent to `cchc-xl import`."""
    odt = convert(_plan(tmp_path / "kh.docx"), tmp_path / "odt", "odt")
    result = CliRunner().invoke(main, ["check", str(odt)])
    assert result.exit_code == 1, result.output
    assert "đây là văn bản LibreOffice Writer (.odt), không phải bảng tính Excel" in result.output
    assert "'cchc-xl import'" in result.output and ".ods" not in result.output
