"""cchc-xl import of a plan kept as a PDF (the one the document system published, exported
from Word or LibreOffice): it imports as its Word original does.

The differential test writes each plan as a Word document (scripts/plan_documents.py: both
seed plans, and 2026 plans of a province, a commune and a ward typed into `init`'s table),
prints it to PDF with LibreOffice, imports both and compares the two masters.
"""

from __future__ import annotations

import io
from dataclasses import asdict
from pathlib import Path

import pytest
from docx import Document

from cchc_xl import bounds
from cchc_xl.errors import WorkbookError
from cchc_xl.plan_import import import_plan
from plan_documents import write_plan_document
from support.paths import HH_MASTER, NH_MASTER
from support.plans import meaningful, plan_document, typed_plan
from support.tools import convert_all, needs_libreoffice

# 2026 plans as offices type them into init's table: (init's options, the leads typed).
TYPED = {
    "tinh-thanh-hoa": (["--province", "Thanh Hóa", "--year", "2026"],
                       ["Sở Tư pháp", "Sở Nội vụ; UBND các xã, phường",
                        "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)"]),
    "xa-hoang-hoa": (["--commune", "xã Hoằng Hóa", "--year", "2026"],
                     ["Phòng Văn hóa - Xã hội", "Các phòng chuyên môn", "Công an xã"]),
    "phuong-hac-thanh": (["--commune", "phường Hạc Thành", "--year", "2026"],
                         ["Văn phòng HĐND và UBND", "Phòng Kinh tế, Hạ tầng và Đô thị; "
                          "Công an phường", "Ban Chỉ huy quân sự phường"]),
}
# Hoằng Hóa's plan in one table: its two-row header repeated at the top of each page
# ("mot-bang"), its areas in Roman numerals and products as bullets ("so-la-ma").
LAYOUTS = ("mot-bang", "so-la-ma")
PLANS = ["hoang-hoa", "nghia-hung", *TYPED, *(f"hoang-hoa-{layout}" for layout in LAYOUTS)]
# LibreOffice's PDF export told to tag the PDF (<P>, <Table>, <TR>, <TD> elements tied to
# the characters each holds), as Word's "Save as PDF" does unasked.
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, tuple[Path, Path, Path]]:
    """Each plan as (its Word document, that document printed to PDF by LibreOffice, and
    to a tagged PDF)."""
    folder = tmp_path_factory.mktemp("pdf")
    words = {"hoang-hoa": write_plan_document(HH_MASTER, folder / "hoang-hoa.docx"),
             "nghia-hung": write_plan_document(NH_MASTER, folder / "nghia-hung.docx")}
    for layout in LAYOUTS:
        words[f"hoang-hoa-{layout}"] = write_plan_document(
            HH_MASTER, folder / f"hoang-hoa-{layout}.docx", layout)
    for name, (init, leads) in TYPED.items():
        table = typed_plan(folder / f"{name}.xlsx", init, leads)
        words[name] = write_plan_document(table, folder / f"{name}.docx")
    pdfs = convert_all(list(words.values()), folder / "pdf", "pdf")
    tagged = convert_all(list(words.values()), folder / "tagged", TAGGED_PDF)
    return {name: (word, pdf, tags) for (name, word), pdf, tags
            in zip(words.items(), pdfs, tagged, strict=True)}


def _what_a_user_checks(master) -> dict:
    plan = master.plan
    return {
        "plan": (plan.title, plan.year, plan.authority, plan.return_to, plan.code),
        "areas": meaningful(master),
        "funding": [d.funding for d in master.deliverables()],
        "units": [(u.code, u.name, u.kind, sorted(u.aliases)) for u in master.units],
        "groups": [asdict(g) for g in master.groups],
    }


@needs_libreoffice
@pytest.mark.parametrize("tagged", [False, True], ids=["untagged", "tagged"])
@pytest.mark.parametrize("plan", PLANS)
def test_a_plans_pdf_imports_as_its_word_document(tmp_path, documents, plan, tagged):
    """A PDF was refused ("tệp PDF không đọc được bảng nhiệm vụ"): an office holding its
    issued plan only as the document system's PDF had no way in. Read now as the Word
    document it was printed from: its tables joined over the pages (the header printed
    again on each, a row cut by a page break), its cells' lines joined back into their
    paragraphs, the letterhead's and title's lines. A tagged PDF (as Word saves one) the
    same, its paragraphs taken from its tags."""
    word, pdf, tagged_pdf = documents[plan]
    pdf = tagged_pdf if tagged else pdf
    assert (b"/StructTreeRoot" in pdf.read_bytes()) == tagged
    from_word = import_plan(word, tmp_path / "word.xlsx").master
    from_pdf = import_plan(pdf, tmp_path / "pdf.xlsx").master
    assert from_pdf.deliverables()  # a plan, not two empty masters
    assert _what_a_user_checks(from_pdf) == _what_a_user_checks(from_word)


@needs_libreoffice
def test_a_pdf_written_with_compressed_objects_imports_as_its_word_document(tmp_path,
                                                                            documents):
    """A PDF as Word or Acrobat writes it (PDF 1.5: its objects packed in a compressed
    object stream, its cross-reference a compressed stream), which pdfminer inflates while
    opening the file, goes through the bounds put on those streams
    (pdf_bounds.check_opening) and imports as its Word document."""
    from support.hostile_pdfs import compressed

    word, pdf, _ = documents["hoang-hoa"]
    packed = tmp_path / "ke-hoach-1.5.pdf"
    compressed(pdf, packed)
    assert b"/Type /ObjStm" in packed.read_bytes() and b"\nxref" not in packed.read_bytes()
    from_word = import_plan(word, tmp_path / "word.xlsx").master
    from_pdf = import_plan(packed, tmp_path / "pdf.xlsx").master
    assert from_pdf.deliverables()
    assert _what_a_user_checks(from_pdf) == _what_a_user_checks(from_word)


@needs_libreoffice
def test_an_object_stream_whose_filter_and_length_are_objects_of_their_own_imports(
        tmp_path, documents):
    """The same, the object stream's /Filter, /DecodeParms and /Length given as other
    objects ("/Filter 12 0 R"), which the checks before pdfminer opens the file find in
    the file's bytes: it imports as its Word document. (They stopped the import with a
    traceback, AssertionError, pdfminer asked to look an object up with no document.)"""
    from support.hostile_pdfs import compressed

    word, pdf, _ = documents["hoang-hoa"]
    packed = tmp_path / "ke-hoach-1.5.pdf"
    compressed(pdf, packed, indirect=True)
    assert b"/Filter " in packed.read_bytes() and b"0 R /DecodeParms " in packed.read_bytes()
    from_word = import_plan(word, tmp_path / "word.xlsx").master
    from_pdf = import_plan(packed, tmp_path / "pdf.xlsx").master
    assert from_pdf.deliverables()
    assert _what_a_user_checks(from_pdf) == _what_a_user_checks(from_word)


# LibreOffice's PDF export "protected" with a password to change it only (RC4, 128 bits:
# /V 2 /R 3), as offices publish plans: it opens without a password.
RC4_PDF = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
           '"RestrictPermissions":{"type":"boolean","value":"true"},'
           '"PermissionPassword":{"type":"string","value":"chu-so-huu"}}')


@needs_libreoffice
def test_a_pdf_protected_the_old_way_imports_as_its_word_document(tmp_path, documents):
    """A plan's PDF encrypted the old way (RC4, "protected from editing"), with a file of
    3 MB attached: pdfminer's own RC4 deciphering slows as the square of a stream's
    length (2 MB took 267 s), and the import hung. Deciphered now by cryptography's ARC4
    (plan_import.pdf_rc4), it imports as its Word document, in about the time the same
    PDF unencrypted takes."""
    from support.hostile_pdfs import with_attachment

    word, _, _ = documents["hoang-hoa"]
    (protected,) = convert_all([word], tmp_path / "rc4", RC4_PDF)
    assert b"/Filter/Standard/V 2/Length 128/R 3" in protected.read_bytes()
    attached = tmp_path / "ke-hoach-dinh-kem.pdf"
    with_attachment(protected, attached, 3 << 20)
    from_word = import_plan(word, tmp_path / "word.xlsx").master
    from_pdf = import_plan(attached, tmp_path / "pdf.xlsx").master
    assert from_pdf.deliverables()
    assert _what_a_user_checks(from_pdf) == _what_a_user_checks(from_word)


@needs_libreoffice
def test_an_rc4_pdf_deciphers_to_the_same_objects_both_ways(tmp_path, documents,
                                                           monkeypatch):
    """Every object of LibreOffice's RC4 export (its strings, each stream's data) is the
    same deciphered by the fast path and by pdfminer's own (docs/fast-paths.md)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    from cchc_xl.plan_import import pdf_rc4

    word, _, _ = documents["hoang-hoa"]
    (protected,) = convert_all([word], tmp_path / "rc4", RC4_PDF)
    pdf_rc4.install()

    def objects() -> dict:
        with open(protected, "rb") as fp:
            doc = PDFDocument(PDFParser(fp))
            found = {}
            for objid in {n for xref in doc.xrefs for n in xref.get_objids()}:
                obj = doc.getobj(objid)
                found[objid] = ((obj.attrs, obj.get_data()) if isinstance(obj, PDFStream)
                                else obj)
            return found

    fast = objects()
    monkeypatch.setattr(pdf_rc4, "FAST", False)
    slow = objects()
    assert len(fast) > 40 and repr(fast) == repr(slow)
    # Deciphered, not garbage: the pages' content inflates to text being shown.
    assert sum(b" Tj" in v[1] or b"TJ" in v[1] for v in fast.values()
               if isinstance(v, tuple)) >= 8


@needs_libreoffice
def test_a_scanned_pdf_is_refused_for_what_it_is(tmp_path, documents):
    """A scan (pictures of the pages, no text) is said to be one, with what to ask for:
    not "no task table", which sends the office looking for a table it can see."""
    import pypdfium2
    from PIL import Image

    _, pdf, _ = documents["hoang-hoa"]
    pages = [page.render(scale=1).to_pil().convert("RGB") for page in pypdfium2.PdfDocument(pdf)]
    scan = tmp_path / "ban-quet.pdf"
    pages[0].save(scan, save_all=True, append_images=pages[1:2])
    assert isinstance(pages[0], Image.Image)
    with pytest.raises(WorkbookError) as refused:
        import_plan(scan, tmp_path / "m.xlsx")
    said = refused.value.render()
    assert "bản quét" in said and "không có chữ để đọc" in said
    assert "bản Word (.docx)" in said and "PDF xuất từ Word" in said
    assert not (tmp_path / "m.xlsx").exists()


@needs_libreoffice
def test_a_pdf_without_a_task_table_is_told_as_a_word_document_without_one(tmp_path):
    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN XÃ HOẰNG HÓA", "KẾ HOẠCH",
                 "Cải cách hành chính năm 2026", "Giao các phòng triển khai thực hiện."):
        doc.add_paragraph(line)
    word = tmp_path / "khong-bang.docx"
    doc.save(word)
    (pdf,) = convert_all([word], tmp_path / "pdf", "pdf")
    said = []
    for source in (word, pdf):
        with pytest.raises(WorkbookError) as refused:
            import_plan(source, tmp_path / f"{source.suffix[1:]}.xlsx")
        said.append(refused.value.message)
    assert said[0] == said[1] and "không tìm thấy bảng nhiệm vụ" in said[1]


# A task's content typed as two paragraphs, the first of 2 to 18 words: on some lengths
# the first's last line leaves no room for the second's first word ("theo"), so a line's
# end alone takes the two for one paragraph; and one paragraph of two sentences, on some
# lengths wrapped right after the first's full stop, which alone looks like a paragraph's
# end ("…thẩm quyền." over "Báo cáo…").
_WORDS = ("đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã "
          "và các cơ quan chuyên môn").split()
_TWO_PARAGRAPHS = [f"Rà soát {' '.join(_WORDS[:n])}\ntheo Kế hoạch số 12/KH-UBND"
                   for n in range(2, 19)]
_TWO_SENTENCES = [f"Rà soát {' '.join(_WORDS[:n])}. Báo cáo kết quả về Văn phòng"
                  for n in range(2, 19)]


@needs_libreoffice
def test_a_tagged_pdf_parts_paragraphs_where_word_does(tmp_path):
    """Where a paragraph ends is guessed on an untagged PDF from whether the next line's
    first word would have fitted, and from its words: a paragraph whose last line is
    nearly full was joined to the next ("Rà soát đánh giá theo Kế hoạch số 12/KH-UBND"),
    two sentences wrapped at the first's full stop were parted. A tagged PDF (Word's
    "Save as PDF") says which paragraph each line is of: the tasks read as typed."""
    from test_import_2026_plans import HEAD, _letterhead
    from test_import_tables import add_table

    doc = Document()
    _letterhead(doc, "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA", False)
    rows = [[str(k), content, "Báo cáo", "Văn phòng HĐND và UBND", "Công an xã",
             "Quý IV/2026"] for k, content in enumerate(_TWO_PARAGRAPHS + _TWO_SENTENCES, 1)]
    add_table(doc, [HEAD, *rows])
    word = tmp_path / "hai-doan.docx"
    doc.save(word)
    (pdf,) = convert_all([word], tmp_path / "pdf", "pdf")
    (tagged,) = convert_all([word], tmp_path / "tagged", TAGGED_PDF)

    def contents(source: Path) -> list[str]:
        master = import_plan(source, tmp_path / f"{source.parent.name}.xlsx").master
        return [task["content"] for area in meaningful(master) for task in area["tasks"]]

    typed = contents(word)
    assert typed == _TWO_PARAGRAPHS + _TWO_SENTENCES
    assert contents(tagged) == typed
    guessed = contents(pdf)  # the same document untagged: some guessed wrong
    assert "Rà soát đánh giá theo Kế hoạch số 12/KH-UBND" in guessed
    assert any(text.endswith(".\nBáo cáo kết quả về Văn phòng") for text in guessed)


def test_a_pdf_of_too_many_pages_is_refused(tmp_path):
    """Bounded as the other readers are: a PDF of hundreds of pages is no plan."""
    from PIL import Image

    pages = [Image.new("RGB", (20, 20), "white") for _ in range(bounds.MAX_PDF_PAGES + 1)]
    big = tmp_path / "nhieu-trang.pdf"
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:])
    big.write_bytes(buffer.getvalue())
    with pytest.raises(WorkbookError) as refused:
        import_plan(big, tmp_path / "m.xlsx")
    assert "tệp PDF có hơn 200 trang (giới hạn 200 trang)" in refused.value.message


def test_a_damaged_pdf_is_said_to_be_damaged(tmp_path):
    cut = tmp_path / "ke-hoach.pdf"
    cut.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(WorkbookError) as refused:
        import_plan(cut, tmp_path / "m.xlsx")
    assert refused.value.message == "tệp PDF bị hỏng, không đọc được nội dung"


@needs_libreoffice
@pytest.mark.parametrize("size", [None, 12, 14], ids=["default", "12pt", "14pt"])
@pytest.mark.parametrize("tagged", [False, True], ids=["untagged", "tagged"])
@pytest.mark.parametrize("in_cells", [True, False], ids=["table", "paragraphs"])
def test_a_wards_letterhead_reads_from_its_pdf_as_from_word(tmp_path, in_cells, tagged, size):
    """The letterhead typed in a borderless table (the ward's committee under the province
    on the left, the national motto and the date on the right, side by side on the page) or
    as paragraphs: the PDF's lines give the same issuer, number, title and code. A cell's
    lines are one paragraph broken by hand (Shift+Enter): so a tagged PDF says. At 12 and
    14 points in Times New Roman's metrics the motto wraps in its column ("VIỆT NAM",
    "NGHĨA VIỆT NAM" on a line of their own between the ward's two lines: the ward was
    lost, a QA pass)."""
    from docx.shared import Pt
    from test_import_2026_plans import HEAD, _letterhead
    from test_import_tables import add_table

    doc = Document()
    if size:
        doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = (
            "Liberation Serif", Pt(size))
    _letterhead(doc, "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH", in_cells)
    add_table(doc, [HEAD, ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND",
                           "Phòng Văn hóa - Xã hội", "Quý IV/2026"]])
    word = tmp_path / "kh.docx"
    doc.save(word)
    (pdf,) = convert_all([word], tmp_path / "pdf", TAGGED_PDF if tagged else "pdf")
    masters = [import_plan(source, tmp_path / f"{source.suffix[1:]}.xlsx").master
               for source in (word, pdf)]
    assert masters[1].plan.authority == "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH"
    assert masters[1].plan.number == "15/KH-UBND"
    assert _what_a_user_checks(masters[1]) == _what_a_user_checks(masters[0])


@needs_libreoffice
@pytest.mark.parametrize("tagged", [False, True], ids=["untagged", "tagged"])
def test_a_date_broken_in_a_narrow_column_reads_as_one_date(tmp_path, tagged):
    """A deadline column too narrow for "15/12/2026" on a line of its own: the printed
    lines are "Trước ngày", "15/12/202", "6", and the date was read "… 15/12/202 6", no date
    at all (a QA pass: a commune's plan printed to PDF had its tasks "Cần xác định"). A
    number broken where its line ends is joined back whole; words wrapped keep their
    space."""
    import pdfplumber
    from test_import_2026_plans import HEAD, _letterhead
    from test_import_tables import add_table

    doc = Document()
    _letterhead(doc, "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nXÃ HOẰNG HÓA", False)
    deadlines = ["Trước 30/9/2026", "Trước ngày 15/12/2026", "Tháng 3, 6, 9 và 12/2026",
                 "Quý IV/2026"]
    add_table(doc, [HEAD, *([str(k), f"Nhiệm vụ {k}", "Báo cáo", "Văn phòng HĐND và UBND",
                             "Công an xã", deadline] for k, deadline in enumerate(deadlines, 1))])
    word = tmp_path / "hep.docx"
    doc.save(word)
    (pdf,) = convert_all([word], tmp_path / "pdf", TAGGED_PDF if tagged else "pdf")
    with pdfplumber.open(pdf) as printed:  # six equal columns: the date does not fit
        assert "15/12/202" in [w["text"] for w in printed.pages[0].extract_words()]

    def dates(source: Path) -> list[tuple[str, str | None]]:
        master = import_plan(source, tmp_path / f"{source.suffix[1:]}.xlsx").master
        return [(d["deadline"], d["due"]) for area in meaningful(master)
                for task in area["tasks"] for d in task["deliverables"]]

    typed = dates(word)
    assert [text for text, _ in typed] == deadlines
    assert dates(pdf) == typed


@needs_libreoffice
def test_a_plan_printed_in_a_font_of_wider_spaces_reads_as_typed(tmp_path):
    """A plan in DejaVu Serif (what LibreOffice prints a document in when it has not the
    document's font), whose spaces are 0.32 of its size, not Times New Roman's 0.25: a
    wrapped line's next word was fitted by Times New Roman's space, and the cell's lines
    parted ("Báo và Phát thanh, Truyền hình Thanh" and "Hóa" two units, "Văn phòng UBND
    tỉnh" and "tỉnh", a task's content broken in two lines: a QA pass of a province's
    plan). A space is measured on the page."""
    import pdfplumber

    rows = [["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian hoàn thành"], ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""],
            ["1", "Giải quyết TTHC trên môi trường điện tử", "Báo cáo",
             "UBND các xã, phường", "Văn phòng UBND tỉnh", "Hằng quý"],
            ["2", "Tuyên truyền", "Chuyên mục", "Báo và Phát thanh, Truyền hình Thanh Hóa",
             "Sở Văn hóa, Thể thao và Du lịch", "Định kỳ 6 tháng"],
            ["3", "Giải quyết TTHC", "Báo cáo", "UBND các xã, phường trên địa bàn tỉnh",
             "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)", "Tháng 6/2026"],
            ["4", "Thí điểm", "Báo cáo", "Các cơ quan, đơn vị theo chức năng, nhiệm vụ được "
             "giao", "", "Quý IV/2026"]]
    word, pdf = _printed_in(tmp_path / "rong.docx", rows, "DejaVu Serif", 11)
    with pdfplumber.open(pdf) as printed:
        assert {c["fontname"].partition("+")[2] for c in printed.pages[0].chars} == {
            "DejaVuSerif"}
    _imports_alike(word, pdf)


@needs_libreoffice
def test_names_each_on_a_line_of_their_own_read_from_a_pdf_as_from_word(tmp_path):
    """A coordinators' cell listing a name a line ("Sở Tư pháp", "Văn phòng UBND tỉnh",
    "Sở Khoa học và Công nghệ"), each line nearly as wide as the cell: the PDF's lines
    were joined into one unknown name, added as a unit and given the work (a QA pass).
    Read as the Word document's names."""
    rows = [["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian hoàn thành", "Sản phẩm"],
            ["I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "", "", "", ""],
            ["1", "Kiểm tra công tác cải cách hành chính", "Sở Nội vụ",
             "Sở Tư pháp\nVăn phòng UBND tỉnh\nSở Khoa học và Công nghệ", "Quý II/2026",
             "Báo cáo"],
            ["2", "Tuyên truyền cải cách hành chính", "Sở Văn hóa, Thể thao và Du lịch",
             "Sở Nội vụ\nUBND các xã, phường", "Thường xuyên", "Chuyên mục"]]
    word, pdf = _printed_in(tmp_path / "dong.docx", rows, "Liberation Serif", 13)
    masters = _imports_alike(word, pdf)
    assert set(masters[1].deliverables()[0].support) == {"VP", "TP", "KHCN"}


# A task's content: short, on the page of its first product; long, its sentence going on
# over the page break above its second product (its words' last, then, on the next page).
_CONTENTS = {"short": ("Cập nhật vị trí việc làm", None),
             "long": ("Triển khai dịch vụ công trực tuyến toàn trình cho người dân ở các thôn, "
                      "bản vùng cao biên giới", "giới"),
             # The first product's cells a line or two each: none ends lines above the
             # row's edge, its coordinator ("Sở Y tế") a line short of its lowest line.
             "even": ("Triển khai dịch vụ công trực tuyến toàn trình cho người dân ở các thôn, "
                      "bản vùng cao biên giới", "giới")}
# The first product's: product, lead (its code), coordinators, deadline.
_FIRSTS = {"short": ["Quyết định 21", "Sở Công Thương",
                     "Công an tỉnh\nSở Nông nghiệp và Môi trường", "Tháng 10/2026"],
           "even": ["Quyết định 21", "Sở Công Thương", "Sở Y tế", "Tháng 10/2026"]}


@needs_libreoffice
@pytest.mark.parametrize("content", list(_CONTENTS))
def test_a_tasks_next_product_carried_to_the_next_page_stays_a_product(tmp_path, content):
    """A task of two products, a row each, its number and content merged down over both;
    the second product's row carried to the next page, under a blank number and content.
    Its cells were read as the first product's lines going on (a narrow column's next word
    seldom fits on the line above): "Quyết định 21 Danh mục 65", due "Tháng 10/2026; 6
    tháng đầu năm 2026", led by both products' leads; and a content going on over the
    break ("… vùng cao" over "biên giới") was a task of its own (a QA pass of plans made at
    random). A cell cut by a page break runs down to it ("Sở Công Thương" ended lines
    above; "Sở Y tế" a line short of two-line cells, its column's next text a new name);
    a merged cell's sentence going on is joined to it, its row a row of its own."""
    import pdfplumber

    text, carried = _CONTENTS[content]
    first = _FIRSTS.get(content, _FIRSTS["short"])
    second = ["Danh mục 65", "Sở Nội vụ\nSở Công Thương",
              "Trung tâm Phục vụ hành chính công tỉnh\nSở Nông nghiệp và Môi trường",
              "6 tháng đầu năm 2026"]
    head = ["TT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian hoàn thành"]
    opener = text.split()[0]
    words = []
    # Tasks of a product each before it, more and more of them: in some of the documents
    # the page breaks between the task's two rows.
    for n in range(14):
        rows = [head, ["I", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", "", ""],
                *([str(k), f"Rà soát vị trí việc làm của cơ quan số {k}", f"Báo cáo {k}",
                   "Sở Nội vụ", "Sở Tài chính\nSở Tư pháp", "Quý II/2026"]
                  for k in range(1, n + 1)),
                [str(n + 1), text, *first], ["", "", *second]]
        (tmp_path / str(n)).mkdir()
        word = plan_document(tmp_path / str(n) / f"trang-{n}.docx", "TỈNH THANH HÓA",
                             "Cải cách hành chính tỉnh Thanh Hóa năm 2026", rows,
                             number="12/KH-UBND", dated="Thanh Hóa, ngày 15 tháng 01 năm 2026")
        _ruled_with_paragraphs(word, merged=len(rows) - 2)
        words.append(word)
    pdfs = convert_all(words, tmp_path / "pdf", "pdf")
    across = []
    for word, pdf in zip(words, pdfs, strict=True):
        with pdfplumber.open(pdf) as printed:
            pages = [{w["text"] for w in page.extract_words()} for page in printed.pages]
        if any({"Quyết", opener} <= page and "Danh" not in page and "Danh" in later
               and not {"Quyết", opener} & later and (carried is None) != (carried in later)
               for page, later in zip(pages, pages[1:], strict=False)):
            across.append((word, pdf))
    assert across, "no document had the page break between the task's two products"
    for word, pdf in across:
        masters = _imports_alike(word, pdf)
        task = masters[1].areas[0].tasks[-1]
        assert task.content == text
        assert [(d.product, d.deadline.raw, d.lead) for d in task.deliverables] == [
            ("Quyết định 21", "Tháng 10/2026", ["CT"]),
            ("Danh mục 65", "6 tháng đầu năm 2026", ["NV", "CT"])]


@needs_libreoffice
def test_a_cells_last_words_carried_alone_to_a_page_read_with_the_documents_spaces(
        tmp_path):
    """A row broken over a page whose next page holds only its cells' last words, a word
    to a line ("UBND" over "tỉnh"): no line of that page measures a space, and Times New
    Roman's, narrower than DejaVu Serif's, fitted "tỉnh" on the line above; "Văn phòng
    UBND tỉnh" was a unit "Văn phòng UBND" and a unit "tỉnh" (a QA pass of plans made at
    random). The page takes the space measured on the pages before."""
    import pdfplumber

    head = ["TT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian hoàn thành"]
    last = ["Tuyên truyền chỉ số CCHC", "Danh mục 66", "Sở Nội vụ",
            "Công an tỉnh; Sở Y tế; Văn phòng UBND tỉnh", "Hằng quý"]
    words = []
    # Rows before it, the first of one to four lines: in some of the documents the page
    # breaks two lines before the cell's end.
    for n, first in ((n, first) for n in range(5, 9) for first in range(1, 5)):
        rows = [head, ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""],
                ["1", " ".join(["Rà soát", "thủ tục", "hành", "chính"][:first]), "Báo cáo",
                 "Sở Tư pháp", "Sở Tài chính", "Quý II/2026"],
                *([str(k), f"Rà soát thủ tục hành chính số {k}", f"Báo cáo {k}", "Sở Tư pháp",
                   "Sở Tài chính", "Quý II/2026"] for k in range(2, n + 1)),
                [str(n + 1), *last]]
        (tmp_path / f"{n}-{first}").mkdir()
        word = plan_document(tmp_path / f"{n}-{first}" / f"trang-{n}-{first}.docx",
                             "TỈNH THANH HÓA",
                             "Cải cách hành chính tỉnh Thanh Hóa năm 2026", rows,
                             number="12/KH-UBND", dated="Thanh Hóa, ngày 15 tháng 01 năm 2026")
        _ruled_with_paragraphs(word, font=("DejaVu Serif", 11))
        words.append(word)
    alone = []
    for word, pdf in zip(words, convert_all(words, tmp_path / "pdf", "pdf"), strict=True):
        with pdfplumber.open(pdf) as printed:
            on_last_page = printed.pages[-1].extract_words()
        tail = [w["text"] for w in on_last_page]
        lines = {round(w["top"]) for w in on_last_page}
        if "tỉnh" in tail and "Văn" not in tail and len(lines) == len(tail):
            alone.append((word, pdf))  # a word to a line, none measuring a space
    assert alone, "no document had the cell's last words alone on a page of their own"
    for word, pdf in alone:
        task = _imports_alike(word, pdf)[1].areas[0].tasks[-1]
        assert task.deliverables[0].support_text == last[3]


def _ruled_with_paragraphs(word: Path, merged: int | None = None,
                           font: tuple[str, int] | None = None) -> None:
    """``word``'s tables ruled, a line break in a cell made a paragraph of its own; with
    ``merged``, no row broken across pages and the number and content of row ``merged``
    merged down over the row under it; with ``font`` (name, points), written in it."""
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    doc = Document(word)
    if font is not None:
        doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = font[0], Pt(font[1])
    for table in doc.tables:
        table.style = "Table Grid"
        for cell in (c for row in table.rows for c in row.cells if "\n" in c.text):
            first, *more = cell.text.split("\n")
            cell.text = first
            for line in more:
                cell.add_paragraph(line)
        if merged is not None:
            for row in table.rows:  # Word's "Allow row to break across pages" unticked
                row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for c in (0, 1):
                top = table.cell(merged, c)
                text = top.text
                top.merge(table.cell(merged + 1, c)).text = text
    doc.save(word)


def _printed_in(path: Path, rows: list[list[str]], font: str, size: int) -> tuple[Path, Path]:
    """A province's plan of ``rows`` (a line break in a cell: a paragraph of its own),
    its tables ruled, in ``font`` at ``size`` points, as a Word document at ``path`` and
    that document printed to PDF by LibreOffice."""
    word = plan_document(path, "TỈNH THANH HÓA", "Cải cách hành chính tỉnh Thanh Hóa năm 2026",
                         rows, number="12/KH-UBND", dated="Thanh Hóa, ngày 15 tháng 01 năm 2026")
    _ruled_with_paragraphs(word, font=(font, size))
    (pdf,) = convert_all([word], path.parent / "pdf", "pdf")
    return word, pdf


def _imports_alike(word: Path, pdf: Path) -> list:
    """The masters imported from the Word document and its PDF, the same to a user."""
    masters = [import_plan(source, word.parent / f"{source.suffix[1:]}.xlsx").master
               for source in (word, pdf)]
    assert meaningful(masters[1]) == meaningful(masters[0])
    assert [u.name for u in masters[1].units] == [u.name for u in masters[0].units]
    return masters
