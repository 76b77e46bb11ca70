"""The report's page printed from a browser (Chromium, A4 landscape): a number or a code
printed on one line, a table's notes never alone on a page.

Printing the Hoằng Hóa 9-month page (a QA pass), the appendices' "TT" header printed as
"T" over "T" and Biểu 3's codes broke at their hyphen ("TTHC-" over "01"), their columns
a pixel or two too narrow; Biểu 2's last note was printed alone on the page after its
table. Checked on that page and on a crowd of communes (a province's plan).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from test_report_crowds import crowd_report  # noqa: F401  (62 communes)

from cchc_xl.report.grid import Cell, Grid, Row, grid_column
from cchc_xl.report.html import CELL_PAD_EM, whole_widths
from cchc_xl.styles import PX_PER_PT, text_width
from support.tools import CHROMIUM, needs_chromium, needs_poppler

# A4 landscape less the page's margins (report.html.j2's @page: 30 mm left, 15 right):
# the width the printed tables get, in CSS px.
PRINTED_WIDTH = round((297 - 45) / 25.4 * 96)


def _em(text: str, bold: bool = False) -> float:
    return text_width(text, 12, bold) / (12 * PX_PER_PT)


def test_a_column_of_numbers_or_codes_is_as_wide_as_its_longest_text():
    """A province's numbering ("1.1") and codes ("TTHC-01-1") set their column's width;
    a column of words, or of a word longer than a code, keeps its share of the table."""
    grid = Grid("g", "g", "g", [], [
        grid_column("TT", 5), grid_column("Mã", 9), grid_column("Nội dung nhiệm vụ", 40),
        grid_column("Tệp", 9)], [
        Row(group="Cải cách thủ tục hành chính"),
        Row((Cell("1.1", "cell_center"), Cell("TTHC-01-1"), Cell("Số hóa hồ sơ"),
             Cell("https://dichvucong.thanhhoa.gov.vn/tra-cuu-ho-so"))),
        Row((None, Cell("TTHC-01-12"), Cell("Khảo sát"), Cell("x"))),
        Row((Cell(12, "cell_bold"), Cell(""), Cell("Cộng"), Cell("y")))])
    whole = whole_widths(grid)
    tt, code, content, link = whole.em
    assert tt == pytest.approx(max(_em("TT", True), _em("1.1"), _em("12", True)) + CELL_PAD_EM)
    assert code == pytest.approx(max(_em("Mã", True), _em("TTHC-01-12")) + CELL_PAD_EM)
    assert content is None and link is None
    assert whole.headers == {"TT", "Mã"}


def test_the_page_marks_its_number_and_code_columns_whole(hh_report):
    page = hh_report[1].read_text(encoding="utf-8")
    pending = page[page.index('<table id="chua-hoan-thanh"'):]
    pending = pending[:pending.index("</table>")]
    cols = re.findall(r'<col style="width: ([\d.]+)(em|%)">', pending)
    assert [unit for _, unit in cols[:2]] == ["em", "em"]  # TT, Mã
    assert all(unit == "%" for _, unit in cols[2:])
    assert float(cols[1][0]) == pytest.approx(_em("TTHC-01") + CELL_PAD_EM, abs=0.005)
    assert re.search(r'<th class="w">TT</th>\s*<th class="w">Mã</th>', pending)
    assert re.search(r'<td class="w">TTHC-01</td>', pending)
    assert "table.grid .w { white-space: nowrap;" in page
    # An appendix's "TT" too (bold, in a table of eight columns).
    appendix = page[page.index('<table id="phu-luc-2"'):]
    assert re.search(r'<th class="w">TT</th>', appendix[:appendix.index("</thead>")])


# In the layout of print at the printed width: every cell holding one word of at most
# 12 characters (a number, a code, a percentage) and every header of one word is on one
# line, within its cell; the tables within the page.
_ONE_LINE = """() => {
  const lines = el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter(r => r.width > 0)
                    .map(r => Math.round(r.top))).size;
  };
  const cells = [...document.querySelectorAll("table.grid th, table.grid td")].filter(c => {
    const text = c.innerText.trim();
    return text && !/\\s/.test(text) && text.length <= 12;
  });
  return {
    broken: cells.filter(c => lines(c) > 1 || c.scrollWidth > c.clientWidth)
                 .map(c => c.innerText.trim()),
    count: cells.length,
    widest: Math.max(...[...document.querySelectorAll("table.grid")].map(t => t.offsetWidth)),
    room: document.body.clientWidth,
  };
}"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


def _opener(browser, path: Path):
    """Opens ``path`` in a new tab of ``browser`` (its keywords the tab's)."""
    def opened(**kw):
        page = browser.new_page(**kw)
        page.goto(path.as_uri())
        return page

    return opened


@pytest.fixture(scope="module")
def hh_page(browser, hh_report):
    return _opener(browser, hh_report[1])


@pytest.fixture(scope="module")
def crowd_page(browser, crowd_report):  # noqa: F811
    return _opener(browser, crowd_report.paths[1])


def _print_layout(open_page) -> dict:
    page = open_page(viewport={"width": PRINTED_WIDTH, "height": 700})
    page.emulate_media(media="print")
    return page.evaluate(_ONE_LINE)


@needs_chromium
def test_numbers_and_codes_print_on_one_line(hh_page):
    """Before: the appendices' "TT" as "T" over "T", Biểu 3's and Biểu 4's codes broken
    at their hyphen ("TTHC-" over "01")."""
    said = _print_layout(hh_page)
    assert said["count"] > 100
    assert not said["broken"], said["broken"]
    assert said["widest"] <= said["room"] == PRINTED_WIDTH


@needs_chromium
def test_a_crowd_s_numbers_and_codes_print_on_one_line(crowd_page):
    said = _print_layout(crowd_page)
    assert said["count"] > 50
    assert not said["broken"], said["broken"]
    assert said["widest"] <= said["room"] == PRINTED_WIDTH


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _printed_pages(page, pdf: Path) -> list[str]:
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    return [_squashed(subprocess.run(
        ["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(pdf), "-"],
        capture_output=True, text=True, check=True).stdout) for n in range(1, count + 1)]


# Per table with notes: its notes, and its last row's cells.
_NOTES = """() => [...document.querySelectorAll("table.grid")]
  .filter(t => t.querySelector("tr.after")).map(t => {
    const rows = [...t.tBodies[0].rows].filter(r => !r.classList.contains("after"));
    return [t.id, [...t.querySelectorAll("tr.after p.note")].map(p => p.innerText),
            rows.length ? [...rows[rows.length - 1].cells].map(c => c.innerText)
                                   .filter(s => s.trim()) : []];
  })"""


def _notes_with_their_table(open_page, pdf: Path) -> list[str]:
    """The tables whose notes are printed on a page without the table's last row, or over
    two pages."""
    page = open_page()
    tables = page.evaluate(_NOTES)
    assert tables
    pages = _printed_pages(page, pdf)
    apart = []
    for key, notes, last in tables:
        on = {n for n, text in enumerate(pages) for note in notes if _squashed(note) in text}
        if len(on) != 1 or not all(_squashed(cell) in pages[min(on)] for cell in last):
            apart.append(key)
    return apart


@needs_chromium
@needs_poppler
def test_a_table_s_notes_print_with_its_last_row(hh_page, tmp_path):
    """Before: Biểu 2's table filled page 3, its first note under it; the second note
    was printed alone on page 4. Now the table's last row (its total) goes with its notes
    to page 4, under the repeated header."""
    assert not _notes_with_their_table(hh_page, tmp_path / "page.pdf")


@needs_chromium
@needs_poppler
def test_a_crowd_s_notes_print_with_their_table(crowd_page, tmp_path):
    assert not _notes_with_their_table(crowd_page, tmp_path / "page.pdf")


@needs_chromium
def test_on_a_phone_a_table_s_notes_wrap_at_the_screen_s_width(hh_page):
    """The notes, a last row of a table that keeps its width (62rem) on a phone, are read
    without scrolling sideways."""
    page = hh_page(viewport={"width": 390, "height": 800})
    rights = page.evaluate("""() => [...document.querySelectorAll("tr.after p.note")]
        .map(p => p.getBoundingClientRect().right)""")
    assert rights and max(rights) <= 390


@needs_chromium
def test_on_a_phone_each_table_scrolls_in_its_own_box(hh_page):
    """The tables keep their width (62rem) on a phone: the whole page panned sideways,
    the headings with them (a QA pass). Each table scrolls in a box of the screen's
    width; the page does not."""
    page = hh_page(viewport={"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.evaluate("""() => [...document.querySelectorAll("table.grid")].map(t => {
        const box = t.parentElement;
        return [box.clientWidth, box.scrollWidth, getComputedStyle(box).overflowX];
    })""")
    assert boxes and all(width <= 390 and inside > width and scroll == "auto"
                         for width, inside, scroll in boxes)
