"""Page layout of the Word report (``report --docx``): what keeps it printable in the
form of Nghị định 30/2020 whatever its length.

The signature block stays whole and on the page of the text it signs; a section's
closing paragraph takes no line (no page blank but for its number); appendix rows are
kept whole on one page unless taller than the room a page leaves under their header,
and their header rows repeat; a figure or a task code is never wrapped inside its cell.
Checked on the documents' properties for the small plan of support/report.py and for the Hoằng Hóa
9-month sample, and on the page as LibreOffice Writer prints them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook

from cchc_xl import issuer, official, styles
from cchc_xl import ledger as L
from cchc_xl.cli import main
from cchc_xl.report.grid import Cell, Grid, Row, grid_column
from support.report import build_ledger, notes_after, tiny_master
from support.tools import convert_all, needs_libreoffice, needs_poppler

REPORTS = ("small_report", "hh_report_docx")
# A cell a reader must see on one line: a percentage ("15,53%") or a task code ("CQS-03").
_UNBROKEN = re.compile(r"^(\d[\d.]*(,\d+)?%|[A-ZĐ]+(-[0-9A-Z.]+)+)$")
_PADDING = Cm(2 * 0.1)  # a grid table cell's left and right margins
_EMU_PER_PX = 914400 // 96  # styles.text_width measures in px at 96 dpi


def _report(master_source: list[str], folder: Path) -> Path:
    out = folder / "bao-cao.docx"
    result = CliRunner().invoke(main, ["report", *master_source, "--out",
                                       str(folder / "bao-cao.xlsx"), "--docx", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def small_report(tmp_path_factory) -> Path:
    """The small plan of support/report.py (four units, seven tasks), 6-month report."""
    folder = tmp_path_factory.mktemp("layout-small")
    db = build_ledger(folder / L.LEDGER_NAME, tiny_master())
    return _report([str(db), "--period", "6T"], folder)


@pytest.fixture(scope="module")
def hh_report_docx(hh_samples_merged, tmp_path_factory) -> Path:
    """The Hoằng Hóa sample returns, 9-month report: long appendix tables."""
    _, merged = hh_samples_merged
    return _report([str(merged), "--period", "9T"], tmp_path_factory.mktemp("layout-hh"))


@pytest.fixture(params=REPORTS)
def report(request) -> Path:
    return request.getfixturevalue(request.param)


def _flag(parent, tag: str) -> bool:
    """An on/off property is on: present, and not val="false"/"0"/"off"."""
    found = None if parent is None else parent.find(qn(tag))
    return found is not None and found.get(qn("w:val")) not in ("false", "0", "off")


def _closing(doc):
    """The signature block: the table that starts with "Nơi nhận:"."""
    return next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))


def _appendix_tables(doc) -> list:
    closing = _closing(doc)._tbl
    tables = doc.tables
    return tables[[t._tbl for t in tables].index(closing) + 1:]


# --- the document's properties --------------------------------------------------------------

def _lines_pt(row, widths: list[int]) -> float:
    """About how tall a row's tallest cell prints: its lines of 12 pt text wrapped in
    its column (its padding off), each 1.15 times their size."""
    return max(sum(styles.wrapped_lines(p.text, (width - _PADDING) / _EMU_PER_PX, 12)
                   for p in cell.paragraphs) * 12 * 1.15
               for cell, width in zip(row.cells, widths, strict=True))


def test_appendix_rows_are_kept_whole_and_their_headers_repeat(report):
    doc = Document(report)
    tables = _appendix_tables(doc)
    assert len(tables) >= 3
    section = doc.sections[-1]
    page = Emu(section.page_height - section.top_margin - section.bottom_margin).pt
    for table in tables:
        trs = [row._tr for row in table.rows]
        # A short row never breaks across two pages: only one taller than a third of
        # the room a page leaves under the header (measure.KEEP_SHARE; a quarter of the
        # page, measured here without the space around paragraphs) may.
        widths = [col.width for col in table.columns]
        breaking = [round(_lines_pt(row, widths)) for row in table.rows
                    if not _flag(row._tr.trPr, "w:cantSplit")]
        assert all(height >= page / 4 for height in breaking), (breaking, page)
        header = [_flag(tr.trPr, "w:tblHeader") for tr in trs]
        leading = header.index(False) if False in header else len(header)
        assert 1 <= leading <= 2 and not any(header[leading:])


def test_the_signer_named_in_the_plan_table_signs_the_report(tmp_path):
    """The plan table's "Người ký báo cáo" and "Chức vụ người ký" (one line, " / "
    between its lines) reach the report's signature block through the ledger; without
    them the block has the usual title and no name (the probe's signer had no name line
    to fill)."""
    from dataclasses import replace

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.plan_codec import plan_from_dict, plan_to_dict

    master = tiny_master()
    master.plan = replace(master.plan, signer="Lê Văn Bình",
                          signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    read = load_master(write_master(master, tmp_path / "ke-hoach.xlsx"))
    assert (read.plan.signer, read.plan.signer_title) == ("Lê Văn Bình",
                                                          "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert plan_from_dict(plan_to_dict(read)).plan.signer == "Lê Văn Bình"
    # A plan without them keeps the snapshot it had (no new plan version in a ledger).
    assert "signer" not in plan_to_dict(tiny_master())["plan"]
    signed = _report([str(build_ledger(tmp_path / L.LEDGER_NAME, read)), "--period", "6T"],
                     tmp_path)
    right = _closing(Document(signed)).rows[0].cells[1]
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"]


def test_signature_block_is_kept_whole_with_the_last_paragraph(report):
    doc = Document(report)
    closing = _closing(doc)
    assert [_flag(row._tr.trPr, "w:cantSplit") for row in closing.rows] == [True]
    paragraphs = [p for cell in closing.rows[0].cells for p in cell.paragraphs]
    assert "KT. CHỦ TỊCH" in [p.text for p in paragraphs]
    assert all(p.paragraph_format.keep_together for p in paragraphs)
    assert all(p.paragraph_format.keep_with_next for p in paragraphs)
    last = Paragraph(closing._tbl.getprevious(), doc._body)
    assert last.text.startswith("Trên đây là báo cáo")
    assert last.paragraph_format.keep_with_next


def test_sections_end_without_a_line_of_their_own(report):
    doc = Document(report)
    ends = [Paragraph(p, doc._body) for p in doc.element.body.iterchildren(qn("w:p"))
            if p.pPr is not None and p.pPr.sectPr is not None]
    assert len(ends) == len(doc.sections) - 1
    for p in ends:
        fmt = p.paragraph_format
        assert p.text == "" and fmt.space_before == 0 and fmt.space_after == 0
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing <= Pt(1)
        assert _flag(p._p.pPr.find(qn("w:rPr")), "w:vanish")


def _cramped(table) -> list[str]:
    """Percentages and task codes wider than their column (less its padding)."""
    out = []
    widths = [col.width for col in table.columns]
    for row in table.rows:
        cells = row.cells
        for col, cell in enumerate(cells):
            text = cell.text
            if [c._tc for c in cells].count(cell._tc) > 1 or not _UNBROKEN.match(text):
                continue
            bold = any(r.bold for p in cell.paragraphs for r in p.runs)
            need = styles.text_width(text, 12, bold) * _EMU_PER_PX
            if need > widths[col] - _PADDING:
                out.append(text)
    return out


def test_figures_and_codes_fit_their_columns(report):
    tables = _appendix_tables(Document(report))
    checked = sum(bool(_UNBROKEN.match(c.text)) for t in tables for r in t.rows for c in r.cells)
    assert checked > 10
    assert [_cramped(t) for t in tables] == [[]] * len(tables)


def _pending_like(progress: str, code: str) -> Grid:
    """A table shaped like Phụ lục III: a narrow progress column between wide texts."""
    columns = [grid_column(h, w) for h, w in (
        ("TT", 5), ("Mã", 9), ("Nội dung nhiệm vụ", 30), ("Đơn vị chủ trì", 20),
        ("Thời gian hoàn thành", 15), ("Tình trạng", 14), ("Tiến độ", 9), ("Thời hạn", 11),
        ("Lý do (ghi chú của đơn vị)", 40))]
    row = Row((Cell(1, "cell_int"), Cell(code), Cell("Nhiệm vụ"), Cell("Phòng Nội vụ"),
               Cell("Quý IV/2023"), Cell("Đang thực hiện"), Cell(progress, "cell_center"),
               Cell("Trong hạn", "cell_center"), Cell("Chưa bố trí được kinh phí thực hiện.")))
    return Grid("thu", "Thử", "Thử", [], columns, [Row(group="Cải cách thể chế"), row])


def _with_reasons(lines: int, first: int = 1) -> Row:
    """A task row of Phụ lục III whose reasons take ``lines`` lines (a unit's each)."""
    return Row((Cell(first, "cell_int"), Cell(f"TTHC-{first:02d}"), Cell("Nhiệm vụ"),
                Cell("UBND các xã, phường"), Cell("Quý IV/2023"), Cell("Đang thực hiện"),
                Cell("50%", "cell_center"), Cell("Trong hạn", "cell_center"),
                Cell("\n".join(f"Xã {n:04d}: chưa xong." for n in range(lines)))))


def _tall_first_row(folder: Path, lines: int, before: int = 0, tall: str = "Xã") -> Path:
    """An appendix like Phụ lục III whose task rows are ``before`` short ones, then one
    whose reasons take ``lines`` lines (each "<tall> 0000: …"), then two short ones."""
    grid = _pending_like("50%", "TTHC-01")
    rows = [_with_reasons(2, n) for n in range(1, before + 1)]
    big = _with_reasons(lines, before + 1)
    big = Row((*big.cells[:-1], Cell(big.cells[-1].value.replace("Xã", tall))))
    grid.rows[1:] = [*rows, big, _with_reasons(2, before + 2), _with_reasons(3, before + 3)]
    doc = official.new_document()
    official.letterhead(doc, issuer=issuer.issuer_of("Ủy ban nhân dân tỉnh Thử"),
                        number="Số: /BC-UBND", year=2026)
    official.heading(doc, "BÁO CÁO", "Kết quả thử")
    official.body(doc, "Nội dung báo cáo.")
    official.closing(doc, recipients="- Lưu: VT.", title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    official.appendix(doc, 1, "(Kèm theo Báo cáo thử)", "Nhiệm vụ chưa hoàn thành")
    official.grid_table(doc, grid)
    return official.save(doc, folder / f"cao-{lines}-{before:02d}.docx")


def test_a_short_row_is_kept_whole_and_a_tall_one_breaks_where_the_page_ends(tmp_path):
    """A short row is printed whole ("Allow row to break across pages" off). A taller
    one (over a third of the room a page leaves under the header) breaks where the page
    ends: kept whole, rows of 60-70% of a page left the foot of most pages of a
    province's Phụ lục III blank. It goes whole to the next page only where it would
    meet the page's foot with a few lines' room (a row free there printed its first line
    alone at the foot: Phụ lục III of the Hoằng Hóa 9-month report), as measured: 20
    lines after 10 short rows on the appendix's first page. A row taller than a page
    always breaks (kept whole, Word cuts it at the page's foot), and so does a first row
    taller than the room under the appendix's heading (kept whole, it left that first
    page with the heading and the header alone)."""
    for lines, before, whole in ((8, 0, True), (20, 0, False), (20, 10, True), (25, 0, False),
                                 (40, 1, False), (120, 0, False)):
        table = _appendix_tables(Document(_tall_first_row(tmp_path, lines, before)))[0]
        kept = [_flag(row._tr.trPr, "w:cantSplit") for row in table.rows]
        # header, group label, the short rows before, the tall row, two short rows
        assert kept == [True, True, *[True] * before, whole, True, True], (lines, before)


# Short rows before a row of 20 lines: swept so that the tall row starts at every height
# of the appendix's first page.
TALL_SWEPT = range(2, 12)
# The fewest of a row's lines printed at a page's foot when it breaks there: the rest
# goes to the next page whole below that (measure.ROOM_LINES, less the measure's error).
FOOT_LINES = 4


@needs_libreoffice
@needs_poppler
def test_printed_tall_row_breaks_at_a_pages_foot_never_leaving_a_line_alone(tmp_path):
    """A row of 20 lines (two thirds of a page) that meets the appendix's first page's
    foot goes on to the next page from there, its lines in order, at least a few of them
    on the first page; with only a few lines' room left there, it goes whole to the
    next page."""
    docs = [_tall_first_row(tmp_path, 20, before, tall="Phường") for before in TALL_SWEPT]
    broken = moved = 0
    for before, pdf in zip(TALL_SWEPT, convert_all(docs, tmp_path / "pdf", "pdf"),
                           strict=True):
        texts = _pages(pdf)
        lines = [re.findall(r"Phường (\d{4}):", page) for page in texts]
        holding = [n for n, seen in enumerate(lines) if seen]
        assert [int(n) for k in holding for n in lines[k]] == list(range(20)), before
        if len(holding) == 2:
            assert holding[1] == holding[0] + 1 and len(lines[holding[0]]) >= FOOT_LINES, (
                before, [len(lines[k]) for k in holding])
            broken += 1
        else:
            assert len(holding) == 1, before
            moved += "Phụ lục I" not in texts[holding[0]]
    assert broken and moved  # the sweep did push the row past a page's foot, both ways


@needs_libreoffice
@needs_poppler
def test_printed_tall_rows_fill_their_pages(tmp_path):
    """Nine tasks of 20 lines' reasons each (two thirds of the room under the header):
    kept whole, one a page, each page's foot blank (a province's 9-month Phụ lục III, 24
    pages for 26 tasks): 9 pages. Now they run on from page to page, 7 pages, no task's
    first lines fewer than a few at a page's foot."""
    grid = _pending_like("50%", "TTHC-01")
    grid.rows[1:] = [_with_reasons(20, n) for n in range(1, 10)]
    doc = official.new_document()
    official.body(doc, "Nội dung báo cáo.")
    official.appendix(doc, 1, "(Kèm theo Báo cáo thử)", "Nhiệm vụ chưa hoàn thành")
    official.grid_table(doc, grid)
    pdf, = convert_all([official.save(doc, tmp_path / "cao.docx")], tmp_path / "pdf", "pdf")
    pages = _pages(pdf)[1:]  # the appendix's
    assert len(pages) <= 7, len(pages)
    for page in pages:
        rows = [line for line in page.splitlines() if re.match(r"\s*\d+ +TTHC-\d+", line)]
        if rows:  # the last task begun on the page: at least FOOT_LINES of its lines there
            tail = page[page.index(rows[-1]):]
            assert len(re.findall(r"Xã \d{4}:", tail)) >= FOOT_LINES, page


@needs_libreoffice
@needs_poppler
def test_an_appendix_whose_first_row_is_taller_than_a_page_starts_on_its_first_page(
        tmp_path):
    pdf, = convert_all([_tall_first_row(tmp_path, 120)], tmp_path / "pdf", "pdf")
    pages = [re.sub(r"\s+", " ", page) for page in _pages(pdf)]
    pages = pages[next(n for n, page in enumerate(pages) if "Phụ lục I" in page):]
    assert "Xã 0000:" in pages[0]
    # the row runs on over the next pages, under the repeated header, in order
    seen = [int(n) for page in pages for n in re.findall(r"Xã (\d{4}):", page)]
    assert seen == [*range(120), *range(2), *range(3)] and len(pages) >= 3
    assert all("Lý do (ghi chú của đơn" in page for page in pages)
    assert "TTHC-02" in pages[-1] or "TTHC-02" in pages[-2]


def test_a_narrow_column_takes_its_room_from_the_wide_ones(tmp_path):
    doc = official.new_document()
    official.appendix(doc, 1, "(Kèm theo)", "Thử")
    official.grid_table(doc, _pending_like("15,53%", "TTHC-01"))
    official.save(doc, tmp_path / "thu.docx")
    table = Document(tmp_path / "thu.docx").tables[0]
    assert _cramped(table) == []
    widths = [col.width for col in table.columns]
    section = doc.sections[-1]
    space = section.page_width - section.left_margin - section.right_margin
    assert sum(widths) == pytest.approx(space, abs=Pt(1))  # saved in twentieths of a point
    assert widths[-1] < space * 40 // 153  # the reasons column gave room
    assert widths[2] >= space * 30 // 153 - Pt(12)  # and the content column little


# --- as printed -----------------------------------------------------------------------------

def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def _signed_on_a_page_with_text(pages: list[str], last_words: str) -> None:
    blank = [n for n, page in enumerate(pages, 1) if not page.strip() or page.strip().isdigit()]
    assert blank == []  # a page with nothing but its number
    body = [n for n, page in enumerate(pages, 1) if last_words in re.sub(r"\s+", " ", page)]
    signed = [n for n, page in enumerate(pages, 1) if "KT. CHỦ TỊCH" in page]
    assert len(signed) == 1 and body[-1:] == signed


def _closing_near_a_page_end(folder: Path, space_pt: int) -> Path:
    """A short report whose signature block ends ``space_pt`` lower for each step: swept
    over the foot of the first page it either fits there or moves, with the last line."""
    doc = official.new_document()
    official.letterhead(doc, issuer=issuer.issuer_of("Ủy ban nhân dân huyện Thử"),
                        number="Số: /BC-UBND", year=2023)
    official.heading(doc, "BÁO CÁO", "Kết quả thử")
    official.body(doc, "\n".join(f"Dòng thứ {i} của phần nội dung." for i in range(18)))
    last = official.paragraph(doc, "Trên đây là báo cáo kết quả thực hiện kế hoạch cải cách "
                              "hành chính của Ủy ban nhân dân huyện Thử./.", "Normal")
    last.paragraph_format.space_before = Pt(space_pt)
    official.closing(doc, recipients="- Sở Nội vụ (để b/c);\n- Lưu: VT.",
                     title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    official.appendix(doc, 1, "(Kèm theo)", "Phụ lục thử")
    return official.save(doc, folder / f"ky-{space_pt:02d}.docx")


def _notes_near_a_page_end(folder: Path, rows: int) -> Path:
    """An appendix table of ``rows`` rows and a total, two notes under it: swept over
    the foot of its first page, and of its second (a table run on from the page before:
    the province's Phụ lục II), the table ends there and the notes do not fit under it."""
    columns = [grid_column(h, w) for h, w in (("TT", 5), ("Lĩnh vực", 40), ("Số", 10),
                                              ("Tỷ lệ", 12))]
    body = [Row((Cell(n, "cell_int"), Cell(f"Lĩnh vực thứ {n}"), Cell(n, "cell_int"),
                 Cell("50,00%", "cell_center"))) for n in range(1, rows + 1)]
    total = Row((Cell(None, "cell_bold_center"), Cell("Tổng cộng", "cell_bold"),
                 Cell(rows, "cell_bold_center"), Cell("50,00%", "cell_bold_center")))
    grid = Grid("thu", "Thử", "Thử", [], columns, [*body, total],
                ["Ghi chú thứ nhất dưới bảng.", "Ghi chú thứ hai dưới bảng."])
    doc = official.new_document()
    official.body(doc, "Nội dung báo cáo.")
    official.appendix(doc, 1, "(Kèm theo)", "Phụ lục thử")
    official.grid_table(doc, grid)
    return official.save(doc, folder / f"ghi-chu-{rows:02d}.docx")


# Rows: the table ends at the foot of its first page in some, of its second in others.
NOTES_SWEPT = (*range(20, 27), *range(47, 54))


@pytest.fixture(scope="module")
def printed(small_report, hh_report_docx, tmp_path_factory) -> dict[str, list[Path]]:
    """The two reports and the swept documents as LibreOffice Writer prints them, by one
    office in one go."""
    folder = tmp_path_factory.mktemp("printed")
    groups = {
        "reports": [small_report, shutil.copy(hh_report_docx, folder / "bao-cao-hh.docx")],
        "closing": [_closing_near_a_page_end(folder, k) for k in range(0, 28, 4)],
        "notes": [_notes_near_a_page_end(folder, n) for n in NOTES_SWEPT],
    }  # names must differ: one folder of PDFs
    pdfs = iter(convert_all([doc for docs in groups.values() for doc in docs], folder / "pdf",
                            "pdf"))
    return {name: [next(pdfs) for _ in docs] for name, docs in groups.items()}


@needs_libreoffice
@needs_poppler
def test_printed_reports_sign_on_a_page_with_text_and_leave_no_blank_page(printed):
    small, hh = printed["reports"]
    for pdf in (small, hh, *printed["closing"]):
        _signed_on_a_page_with_text(_pages(pdf), "Hoằng Hóa./." if pdf == hh else "Thử./.")
    lone = [line for page in _pages(hh) for line in page.splitlines()
            if re.search(r"(^|\s)%(\s|$)", line)]
    assert lone == []  # no percentage wrapped before its sign
    # Nghị định 30: each appendix's pages numbered on their own, its first page showing
    # none (they ran on from the report's: "14" on an appendix's second page).
    numbers = []
    for page in _pages(hh):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        numbers.append((lines[0].startswith("Phụ lục"),
                        int(lines[0]) if lines[0].isdigit() else None))
    starts = [n for n, (first, _) in enumerate(numbers) if first]
    assert len(starts) >= 3
    for start, end in zip(starts, [*starts[1:], len(numbers)], strict=True):
        assert [number for _, number in numbers[start:end]] == [None, *range(2, end - start + 1)]


def _notes_row(table):
    """The table's notes: its last row when that is one cell across the columns with no
    border but the one above it (official._notes_row); None when it has none."""
    row = table.rows[-1]
    cells = {c._tc for c in row.cells}
    if len(cells) != 1 or len(table.rows) < 2:
        return None
    (tc,) = cells
    borders = tc.tcPr.find(qn("w:tcBorders")) if tc.tcPr is not None else None
    if borders is None:
        return None
    if {e.get(qn("w:val")) for e in borders} != {"nil"} or borders.find(qn("w:top")) is not None:
        return None
    return row


def test_notes_under_a_table_are_kept_with_its_last_row(report):
    """A table's notes are not printed alone at the top of a page: the first (two: both)
    is the table's last row, kept whole, and the row above it (the table's own last row)
    is kept with it. Not a paragraph after the table: LibreOffice printed those alone on
    a page when the table ran on from a page before. Three or more, the others are
    paragraphs after the table, each whole and kept with the next, free to run on to the
    next page: all kept with the table, they took its last rows with them (the province's
    Phụ lục II, a third of its first page blank)."""
    doc = Document(report)
    checked = 0
    for table in _appendix_tables(doc):
        row = _notes_row(table)
        if row is None:
            assert notes_after(table) == []  # no note written under a table without one
            continue
        checked += 1
        notes = row.cells[0].paragraphs
        rest = notes_after(table)
        assert len(notes) == (1 if rest else len(notes)) <= 2 and len(rest) != 1
        assert all(p.text for p in notes) and _flag(row._tr.trPr, "w:cantSplit")
        last = [p for cell in table.rows[-2].cells for p in cell.paragraphs]
        assert all(p.paragraph_format.keep_with_next for p in last + notes[:-1])
        assert not notes[-1].paragraph_format.keep_with_next
        assert all(p.paragraph_format.keep_together for p in rest)
        assert [bool(p.paragraph_format.keep_with_next) for p in rest] == [True] * len(rest[1:]) + [
            False] * bool(rest)
    assert checked >= 2  # Biểu 1's sentence and note, Biểu 2's note


@needs_libreoffice
@needs_poppler
def test_printed_notes_go_with_the_tables_last_row(printed):
    """Nghĩa Hưng's 6-month report printed Phụ lục I's note alone on a page."""
    ended = set()
    for rows, pdf in zip(NOTES_SWEPT, printed["notes"], strict=True):
        pages = [re.sub(r"\s+", " ", page) for page in _pages(pdf)]
        (where,) = [n for n, page in enumerate(pages) if "Ghi chú thứ hai" in page]
        assert "Ghi chú thứ nhất" in pages[where] and "Tổng cộng" in pages[where], rows
        # the total and the notes take the table's last row with them (kept_with_last)
        assert f"Lĩnh vực thứ {rows} " in pages[where], rows
        # the table's rows fill the page before: the table ended at its foot
        if f"Lĩnh vực thứ {rows - 1} " in pages[where - 1]:
            ended.add(sum("Lĩnh vực thứ" in page for page in pages[:where]))
    assert ended == {1, 2}  # on the table's first page, and on a page it ran on to


@needs_libreoffice
@needs_poppler
def test_printed_phu_luc_iii_fills_its_pages_and_begins_no_task_on_a_line_alone(
        printed, hh_report_docx):
    """Phụ lục III of the Hoằng Hóa 9-month report: its reasons, the longest texts, and
    the tasks' content, read first, in the widest columns (measure._fitted). Its rows
    were free to break: 8 of its 14 pages began with the rest of a task, TTHC-04's first
    line alone at the foot of one. Then each was kept whole,
    one or two tasks a page: 18 pages for 27 tasks, the foot of most blank. A task over
    a third of a page now runs on to the next page, 15 pages, and where a task begins at
    a page's foot, a few of its lines are there (measure.kept_whole)."""
    table = _appendix_tables(Document(hh_report_docx))[2]
    assert table.rows[0].cells[-1].text.startswith("Lý do")
    widths = [col.width for col in table.columns]
    assert sorted(widths)[-2:] == sorted([widths[2], widths[-1]])
    tasks = sum(bool(re.fullmatch(r"\d+", row.cells[0].text)) for row in table.rows)
    pages = _pages(printed["reports"][1])
    first = next(n for n, page in enumerate(pages) if "Phụ lục III" in page)
    end = next(n for n, page in enumerate(pages) if "Phụ lục IV" in page)
    assert tasks > 20 and 4 * tasks >= 7 * (end - first), (tasks, end - first)
    for page in pages[first:end]:
        lines = [line for line in page.splitlines() if line.strip()]
        begun = [n for n, line in enumerate(lines) if re.match(r" *\d+ +\d+ \(Phụ lục ", line)]
        # (a page may hold only the rest of a task begun on the page before)
        assert not begun or len(lines) - begun[-1] >= FOOT_LINES, page


def test_phu_luc_iii_numbers_the_seed_plans_tasks_per_appendix(hh_report_docx):
    """The Hoằng Hóa plan numbers its tasks anew in each of its seven appendices: Phụ lục
    III names a task by that number and its appendix (appendix.plan_numbers), as the
    reader of the plan finds it, beside the table's own counter; the tool's codes
    ("TTHC-01"), printed nowhere in the plan, are gone. The number is on two lines at
    most in its column, the row as tall as the task's content."""
    table = _appendix_tables(Document(hh_report_docx))[2]
    assert [c.text for c in table.rows[0].cells[:3]] == ["TT", "TT trong kế hoạch",
                                                         "Nội dung nhiệm vụ"]
    by_area: dict[str, list[str]] = {}
    counter = []
    for row in table.rows[1:-1]:  # the notes last
        cells = row.cells
        if len({c._tc for c in cells}) == 1:
            area = by_area.setdefault(cells[0].text, [])
        elif cells[0].text:  # not the last task's last lines (measure.tail_row)
            counter.append(cells[0].text)
            area.append(cells[1].text)

    def numbered(appendix: int, *numbers: int) -> list[str]:
        return [f"{n} (Phụ lục số {appendix:02d})" for n in numbers]

    assert by_area == {
        "Cải cách thể chế": numbered(1, 1, 2, 3),
        "Cải cách thủ tục hành chính": numbered(2, *range(1, 9)),
        "Cải cách tổ chức bộ máy hành chính nhà nước": numbered(3, 1, 2, 3, 4),
        "Cải cách tài chính công": numbered(5, 2, 3, 4),
        "Xây dựng Chính quyền điện tử, Chính quyền số": numbered(6, *range(1, 8)),
        "Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính": numbered(
            7, 1, 2, 3, 4)}
    assert counter == [str(n) for n in range(1, 30)]
    width = table.columns[1].width
    assert all(styles.wrapped_lines(text, (width - _PADDING) / _EMU_PER_PX, 12) <= 2
               for texts in by_area.values() for text in texts)


def _tall_last_task(folder: Path, before: int, lines: int) -> Path:
    """An appendix like Phụ lục III: ``before`` short tasks, then a last one whose reasons
    take ``lines`` lines ("Phường 00: …"), two notes under the table."""
    grid = _pending_like("50%", "TTHC-01")
    last = _with_reasons(lines, before + 1)
    last = Row((*last.cells[:-1], Cell("\n".join(f"Phường {n:02d}: chưa xong."
                                                 for n in range(lines)))))
    grid.rows[1:] = [*[_with_reasons(2, n) for n in range(1, before + 1)], last]
    grid.after = ["Ghi chú thứ nhất dưới bảng.", "Ghi chú thứ hai dưới bảng."]
    doc = official.new_document()
    official.body(doc, "Nội dung báo cáo.")
    official.appendix(doc, 1, "(Kèm theo)", "Nhiệm vụ chưa hoàn thành")
    official.grid_table(doc, grid)
    return official.save(doc, folder / f"viec-cuoi-{before}-{lines:02d}.docx")


# (short tasks before, lines of the last task's reasons): the last task nearly fills the
# appendix's first page, or the page after it (about 29 lines under the header), or is
# taller than a page and ends near the foot of the next; a table of one task and of two.
TALL_LAST = ((0, 22), (0, 27), (0, 28), (1, 21), (1, 28), (0, 57), (1, 59))


@needs_libreoffice
@needs_poppler
def test_printed_notes_never_end_an_appendix_alone_under_a_tall_last_task(tmp_path):
    """A Phụ lục III whose last task nearly filled a page printed the task on one page and
    its notes ("Ghi chú …") alone on the appendix's last page, under the repeated header:
    kept with the notes, the task could not go with them, so it went whole to the next
    page (or broke where LibreOffice would), they to the one after. Now the task's last
    lines are a row of their own, kept with the notes: the last page holds them and the
    notes. The appendix's first page holds a task (its heading was alone there, the task
    taken with its notes to the next), a task's lines print once and in order, and a task
    begun at a page's foot has a few lines there."""
    docs = [_tall_last_task(tmp_path, before, lines) for before, lines in TALL_LAST]
    for (before, lines), pdf in zip(TALL_LAST, convert_all(docs, tmp_path / "pdf", "pdf"),
                                    strict=True):
        pages = [re.sub(r"\s+", " ", page) for page in _pages(pdf)]
        pages = pages[next(n for n, page in enumerate(pages) if "Phụ lục I" in page):]
        seen = [re.findall(r"Phường (\d\d):", page) for page in pages]
        assert [int(n) for page in seen for n in page] == list(range(lines)), (before, lines)
        assert "Ghi chú thứ hai" in pages[-1] and seen[-1], (before, lines, pages[-1])
        assert "TTHC-01" in pages[0], (before, lines)  # not the heading alone
        begun = next(n for n, page in enumerate(pages) if f"TTHC-{before + 1:02d}" in page)
        assert len(seen[begun]) >= FOOT_LINES, (before, lines, [len(s) for s in seen])


def _last_row_near_a_page_end(folder: Path, rows: int) -> Path:
    """An appendix table of ``rows`` one-line rows and no notes under it (Phụ lục IV,
    "Báo cáo cần xác minh"), swept over the foot of its first page."""
    columns = [grid_column(h, w) for h, w in (("TT", 5), ("Mã", 10), ("Đơn vị chủ trì", 30),
                                              ("Lỗi trong báo cáo của đơn vị", 50))]
    body = [Row((Cell(n, "cell_int"), Cell(f"TC-{n:02d}"), Cell(f"Xã Thứ {n}"),
                 Cell("tỷ lệ 120% ngoài khoảng 0–100"))) for n in range(1, rows + 1)]
    doc = official.new_document()
    official.body(doc, "Nội dung báo cáo.")
    official.appendix(doc, 4, "(Kèm theo)", "Báo cáo cần xác minh")
    official.grid_table(doc, Grid("thu", "Thử", "Thử", [], columns, body))
    return official.save(doc, folder / f"dong-cuoi-{rows:02d}.docx")


def test_a_tables_last_row_is_kept_with_the_row_above_it(tmp_path):
    """A table with no notes under it ends on a page with two of its rows at least: the
    row before its last is kept with the last, as the last is with the notes."""
    table = Document(_last_row_near_a_page_end(tmp_path, 5)).tables[-1]
    kept = [all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
            for row in table.rows[1:]]
    assert kept == [False, False, False, True, False]


def _two_tall_last_rows(folder: Path, before: int) -> Path:
    """An appendix of ``before`` short task rows, then two of 20 lines each ("Phường
    <row>-<line>"), and a note under the table."""
    grid = _pending_like("50%", "TTHC-01")
    tall = [_with_reasons(20, n) for n in (before + 1, before + 2)]
    tall = [Row((*row.cells[:-1], Cell("\n".join(f"Phường {n}-{i:02d}: chưa xong."
                                                  for i in range(20)))))
            for n, row in zip((before + 1, before + 2), tall, strict=True)]
    grid.rows[1:] = [*[_with_reasons(2, n) for n in range(1, before + 1)], *tall]
    grid.after = ["Ghi chú thứ nhất dưới bảng."]
    doc = official.new_document()
    official.body(doc, "Nội dung báo cáo.")
    official.appendix(doc, 1, "(Kèm theo)", "Nhiệm vụ chưa hoàn thành")
    official.grid_table(doc, grid)
    return official.save(doc, folder / f"hai-dong-cao-{before}.docx")


@needs_libreoffice
@needs_poppler
def test_two_tall_last_rows_are_not_tied_to_a_page_of_their_own(tmp_path):
    """The row above a table's last is kept with it only when the two fit on a page
    together: two rows of 20 lines so tied went to a page of their own and left the
    appendix's first page with its heading and one short row, half blank."""
    table = Document(_two_tall_last_rows(tmp_path, 1)).tables[-1]
    above = table.rows[-3]  # the notes row last
    assert not any(p.paragraph_format.keep_with_next for c in above.cells for p in c.paragraphs)
    pdf, = convert_all([_two_tall_last_rows(tmp_path, 1)], tmp_path / "pdf", "pdf")
    pages = [re.sub(r"\s+", " ", page) for page in _pages(pdf)]
    (first,) = [n for n, page in enumerate(pages) if "Phụ lục I" in page]
    assert "Phường 2-00" in pages[first] and "Phường 2-19" in pages[first]
    assert "Phường 3-00" in pages[first + 1] and "Ghi chú thứ nhất" in pages[first + 1]


@needs_libreoffice
@needs_poppler
def test_printed_table_never_ends_with_its_last_row_alone_on_a_page(tmp_path):
    """A province's 6-month report printed Phụ lục IV's 11th and last row alone on its
    second page, under the repeated header: a page a head of office signs for one line."""
    docs = [_last_row_near_a_page_end(tmp_path, n) for n in range(22, 28)]
    ran_on = 0
    for rows, pdf in zip(range(22, 28), convert_all(docs, tmp_path / "pdf", "pdf"),
                         strict=True):
        counts = [len(re.findall(r"Xã Thứ \d+", page)) for page in _pages(pdf)]
        counts = [n for n in counts if n]
        assert sum(counts) == rows
        ran_on += len(counts) > 1
        assert min(counts) >= 2, (rows, counts)
    assert ran_on  # the sweep did put the table's end on a second page


def test_a_line_introducing_a_list_stays_with_it():
    """"III. KHÓ KHĂN, VƯỚNG MẮC" and "Tổng hợp từ ghi chú của các đơn vị:" ended a page
    of a commune's report, the list on the next (a QA pass): a line ending in ":" is kept
    with what follows, as a heading is."""
    doc = official.new_document()
    official.body(doc, "# III. KHÓ KHĂN, VƯỚNG MẮC\nTổng hợp từ ghi chú của các đơn vị:\n"
                       "- Thiếu kinh phí (Phòng Kinh tế).\n- Chờ hướng dẫn (Công an xã).")
    kept = {p.text: p.paragraph_format.keep_with_next for p in doc.paragraphs}
    assert kept["Tổng hợp từ ghi chú của các đơn vị:"] is True
    assert not kept["- Chờ hướng dẫn (Công an xã)."]


# --- the reminder letter's annex ------------------------------------------------------------

# Units of the small plan and how many items each is asked to fix: swept so that a
# unit's rows, and a unit's name, fall at the foot of the annex's first page.
CROWDS = [(n, 8, 3, 2) for n in range(8, 15)]
_CROWDED_UNITS = ("NV", "TP", "X1", "X2")


def _crowded_letter(folder: Path, counts: tuple[int, ...]) -> Path:
    """A reminder letter whose annex lists ``counts`` items for the small plan's units,
    of one to four lines each; an item's text names its unit by code ("NV.3"), never by
    the name its table's first row gives."""
    from datetime import date

    from cchc_xl.findings import Finding
    from cchc_xl.letters.remind import NEEDS_FIX, Reminder, write_letter
    from cchc_xl.report import load_period, summarize
    from cchc_xl.vocab import ERROR

    db = folder / L.LEDGER_NAME
    if not db.exists():
        build_ledger(db, tiny_master())
    snapshot, _ = load_period(db, "6T", None)
    summary = summarize(snapshot)
    chosen = []
    for code, n in zip(_CROWDED_UNITS, counts, strict=True):
        items = [Finding(ERROR, "percent-out-of-range",
                         f"việc {code}.{i}: tỷ lệ 120% ngoài khoảng 0–100, ghi số từ 0 đến 100"
                         + " và ghi rõ tài liệu kiểm chứng của nhiệm vụ" * (i % 4),
                         "f.xlsx", "Thủ tục hành chính", f"I{i + 4}", code, f"TC-{i:02d}")
                 for i in range(1, n + 1)]
        chosen.append(Reminder(summary.master.unit(code), NEEDS_FIX, items=items))
    name = "-".join(map(str, counts))
    return write_letter(summary, chosen, folder / f"don-doc-{name}.docx", "30/06/2023",
                        date(2023, 7, 1))


def test_each_units_items_are_a_table_under_its_name_repeated_on_each_page(tmp_path):
    """A unit's rows that ran on to the next page came under the column headers alone,
    its name (a merged cell) left blank there: whose rows they were was not said."""
    doc = Document(_crowded_letter(tmp_path, (12, 30, 1, 0)))
    tables = _appendix_tables(doc)
    assert len(tables) == 3  # X2: nothing to fix, no table
    names = [_unit_name(code) for code in _CROWDED_UNITS[:3]]
    for n, (table, name, items) in enumerate(zip(tables, names, (12, 30, 1), strict=True), 1):
        rows = table.rows
        assert rows[0].cells[0].text == f"{n}. {name}"
        assert len({c._tc for c in rows[0].cells}) == 1  # across the columns
        assert [c.text for c in rows[1].cells] == ["TT", "Trang", "Ô", "Nhiệm vụ",
                                                   "Nội dung cần sửa"]
        assert [_flag(r._tr.trPr, "w:tblHeader") for r in rows] == [True, True] + [False] * items
        assert [r.cells[0].text for r in rows[2:]] == [str(i) for i in range(1, items + 1)]
        # the name and the header go to the next page with the first item
        assert all(p.paragraph_format.keep_with_next for r in rows[:2] for c in r.cells
                   for p in c.paragraphs)
    # the same columns in every table
    assert len({tuple(col.width for col in t.columns) for t in tables}) == 1


def _unit_name(code: str) -> str:
    return tiny_master().unit(code).name


@pytest.fixture(scope="module")
def crowded_letters(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("letters")
    return convert_all([_crowded_letter(folder, counts) for counts in CROWDS],
                       folder / "pdf", "pdf")


@needs_libreoffice
@needs_poppler
def test_printed_letter_names_the_unit_above_its_rows_on_every_page(crowded_letters):
    """As LibreOffice Writer prints them: every item once (none lost at a page break),
    under its unit's name on its own page; no name left at a page's foot without a line
    of its rows under it (an item, or the rest of one that began on the page before)."""
    names = {f"{n}. {_unit_name(code)}": code for n, code in enumerate(_CROWDED_UNITS, 1)}
    for counts, pdf in zip(CROWDS, crowded_letters, strict=True):
        pages = _pages(pdf)
        start = next(n for n, page in enumerate(pages) if "NỘI DUNG CẦN SỬA" in page)
        seen = []
        for number, page in enumerate(pages[start:], start + 1):
            under, lines_under = None, []
            for line in page.splitlines():
                text = line.strip()
                if text in names:
                    assert under is None or lines_under, (counts, number, under)
                    under, lines_under = names[text], []
                elif under and text and not text.startswith("TT "):
                    lines_under.append(text)
                for code, i in re.findall(r"việc ([A-Z0-9]+)\.(\d+):", line):
                    assert code == under, (counts, number, line)
                    seen.append((code, int(i)))
            assert under and lines_under, (counts, number, under)  # not alone at the foot
        assert seen == [(code, i) for code, n in zip(_CROWDED_UNITS, counts, strict=True)
                        for i in range(1, n + 1)], counts
        assert len(pages) - start >= 2  # the sweep crosses a page


# The remind letters' trích yếu (templates/cong-van-*.docx.j2), as written under "Số:".
SUBJECTS = ("V/v đôn đốc thực hiện các nhiệm vụ cải cách hành chính chậm tiến độ",
            "V/v đôn đốc báo cáo kết quả thực hiện kế hoạch cải cách hành chính 9 tháng "
            "năm 2026")


@needs_libreoffice
@needs_poppler
def test_a_letters_subject_never_ends_on_a_word_alone(tmp_path):
    """The trích yếu under the letter's number wraps in its narrow column; as LibreOffice
    printed the overdue letter's, its last line was the one syllable "độ" of "tiến độ"
    (a QA pass). Its last line now holds two words at least, and the words are the
    template's."""
    docs = []
    for n, subject in enumerate(SUBJECTS):
        doc = official.new_document()
        official.letterhead(doc, issuer=issuer.issuer_of("Ủy ban nhân dân tỉnh Thanh Hóa"),
                            number=f"Số:{official.BLANK}/UBND-…", year=2026, subject=subject)
        docs.append(official.save(doc, tmp_path / f"cong-van-{n}.docx"))
        shown = Document(str(docs[-1])).tables[0].rows[1].cells[0].paragraphs[-1].text
        assert shown.replace("\u00a0", " ") == subject
    for subject, pdf in zip(SUBJECTS, convert_all(docs, tmp_path / "pdf", "pdf"),
                            strict=True):
        lines = [line.strip() for line in _pages(pdf)[0].splitlines() if line.strip()]
        start = next(n for n, line in enumerate(lines) if line.startswith("V/v"))
        words = subject.split()
        last = next(line for line in lines[start:] if line.endswith(words[-1]))
        assert len(last.split()) >= 2, lines[start:]


@needs_libreoffice
@needs_poppler
def test_a_recipient_wrapped_in_noi_nhan_takes_its_last_words_to_the_next_line(tmp_path):
    """A ward's report lists "- Thường trực Đảng ủy, HĐND phường (để b/c);" in Nơi nhận,
    11 pt in the left column: LibreOffice printed "b/c);" alone on the next line (a QA
    pass). The line's last two words now go together."""
    line = "- Thường trực Đảng ủy, HĐND phường (để b/c);"
    doc = official.new_document()
    official.paragraph(doc, "Trên đây là báo cáo./.", "Normal")
    official.closing(doc, recipients=f"- UBND tỉnh, Sở Nội vụ (để b/c);\n{line}\n- Lưu: VT.",
                     title="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    docx = official.save(doc, tmp_path / "noi-nhan.docx")
    cells = Document(str(docx)).tables[0].rows[0].cells
    assert line in [p.text.replace("\u00a0", " ") for p in cells[0].paragraphs]
    pdf = convert_all([docx], tmp_path / "pdf", "pdf")[0]
    lines = [text.split("   ")[0].strip() for text in _pages(pdf)[0].splitlines()]
    assert "b/c);" not in lines and "(để b/c);" in lines, lines


@needs_libreoffice
@needs_poppler
def test_a_units_label_over_its_table_does_not_end_on_a_word_alone(tmp_path):
    """The overdue letter's annex names each group of units above its table; a
    province's "3. 8 xã, phường (…) – mỗi đơn vị 2 nhiệm vụ, sản phẩm" printed "phẩm"
    alone on the label's second line (a QA pass). Its last two words now go together."""
    label = ("3. 8 xã, phường (Hạc Thành, Tĩnh Gia, Hà Long, Nga Sơn, Thắng Lợi, Hiền Kiệt, "
             "Sơn Thủy, Trung Hạ) – mỗi đơn vị 2 nhiệm vụ, sản phẩm")
    grid = _pending_like("50%", "CD-04")
    grid.rows[0] = Row(group=label)
    doc = official.new_document()
    official.paragraph(doc, "Nội dung công văn.", "Normal")
    official.appendix(doc, None, "(Kèm theo Công văn)", "Nhiệm vụ chậm tiến độ")
    official.grid_table(doc, grid, table_per_group=True)
    docx = official.save(doc, tmp_path / "qua-han.docx")
    assert Document(str(docx)).tables[0].rows[0].cells[0].text.replace("\u00a0", " ") == label
    pdf = convert_all([docx], tmp_path / "pdf", "pdf")[0]
    lines = [line.strip() for line in _pages(pdf)[-1].splitlines()]
    assert "phẩm" not in lines and any(line.endswith("sản phẩm") for line in lines), lines


def test_an_appendix_says_its_unit_of_counting_above_its_table_not_in_its_title(
        small_report):
    """Phụ lục I and II print "Đơn vị tính: …" at the right above the table, in italics;
    their titles in capitals no longer end "(ĐƠN VỊ TÍNH: NHIỆM VỤ ĐƠN VỊ CHỦ TRÌ, DÒNG
    CỘNG: LƯỢT ĐƠN VỊ CHỦ TRÌ)" (a QA pass). The workbook's sheets and the page say it
    the same way."""
    doc = Document(small_report)
    body = doc.element.body
    blocks = [el for el in body.iterchildren() if el.tag in (qn("w:p"), qn("w:tbl"))]
    texts = ["".join(t.text or "" for t in el.iter(qn("w:t"))) if el.tag == qn("w:p")
             else None for el in blocks]
    wanted = {"Phụ lục I": ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO LĨNH VỰC",
                            "Đơn vị tính: nhiệm vụ"),
              "Phụ lục II": ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ (XẾP HẠNG)",
                             "Đơn vị tính: nhiệm vụ đơn vị chủ trì; dòng cộng: lượt đơn vị "
                             "chủ trì")}
    for label, (title, measure) in wanted.items():
        at = texts.index(label)
        assert texts[at + 1] == title
        table = next(n for n in range(at, len(blocks)) if texts[n] is None)
        assert texts[table - 1] == measure  # the line just above the table
        p = Paragraph(blocks[table - 1], doc._body)
        assert p.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert all(run.italic or p.style.font.italic for run in p.runs)
    assert not any("ĐƠN VỊ TÍNH" in (t or "") for t in texts)
    workbook = load_workbook(small_report.with_name("bao-cao.xlsx"))
    for sheet, title, measure in (
            ("Theo lĩnh vực", "BIỂU 1. " + wanted["Phụ lục I"][0], wanted["Phụ lục I"][1]),
            ("Theo đơn vị", "BIỂU 2. " + wanted["Phụ lục II"][0], wanted["Phụ lục II"][1])):
        ws = workbook[sheet]
        assert (ws["A2"].value, ws["A4"].value) == (title, measure)
        assert ws["A4"].alignment.horizontal == "right" and ws["A4"].font.i
        assert ws["A6"].value in ("TT", "Xếp hạng")  # the table's header, a line below
