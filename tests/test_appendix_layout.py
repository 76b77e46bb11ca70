"""The signed report's appendix tables laid out as a typist would: the province quarter of
test_report_signed (Phụ lục II of 12 units and three notes).

A QA pass printed it: Phụ lục II took its last commune and "Cộng" to the next page with
its three notes, a third of its first page blank.
"""

from __future__ import annotations

import re
import subprocess

from docx import Document
from test_report_signed import signed  # noqa: F401  (the fixture)

from support.report import notes_after
from support.tools import convert_all, needs_libreoffice, needs_poppler


def _docx(signed):  # noqa: F811
    _, _, xlsx, _ = signed
    return xlsx.with_suffix(".docx")


def _table(doc, first_header: str, header: str):
    """The appendix table whose header row holds ``header``."""
    for table in doc.tables:
        texts = [c.text for c in table.rows[0].cells]
        if texts[:1] == [first_header] and header in texts:
            return table
    raise AssertionError(header)


def test_phu_luc_ii_keeps_cong_with_its_last_row_and_lets_its_notes_run_on(signed):  # noqa: F811
    """"Cộng" is kept with the last unit's row and with the first note, in the table's
    last row; the two notes after it are paragraphs after the table, each whole, the
    first kept with the last, free to go to the next page without the table's rows."""
    table = _table(Document(_docx(signed)), "Xếp hạng", "Đơn vị")
    cong, last = table.rows[-2], table.rows[-3]
    assert cong.cells[1].text.startswith("Cộng") and last.cells[1].text == "Xã Tĩnh Gia"
    for row in (last, cong):
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
    notes_row = table.rows[-1].cells[0].paragraphs
    assert [p.text[:11] for p in notes_row] == ["Cột “Quá hạ"]
    rest = notes_after(table)
    assert [p.text[:11] for p in rest] == ["Đơn vị mà m", "Cột “Đã hoà"]
    assert [(p.paragraph_format.keep_together, bool(p.paragraph_format.keep_with_next))
            for p in rest] == [(True, True), (True, False)]


@needs_libreoffice
@needs_poppler
def test_printed_phu_luc_ii_ends_its_table_on_its_first_page(signed, tmp_path):  # noqa: F811
    """The last commune and "Cộng" on the page they fit on, with the first note; the
    other two notes under them or on the next page, not the table's rows."""
    (pdf,) = convert_all([_docx(signed)], tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]
    first = next(n for n, page in enumerate(pages) if "Phụ lục II " in page)
    assert "Xã Tĩnh Gia" in pages[first] and "Cộng (lượt đơn vị chủ trì)" in pages[first]
    assert "Cột “Quá hạn”" in pages[first]
    assert "Phụ lục III" not in pages[first + 1]
    assert "Xếp hạng" not in pages[first + 1]  # no header repeated over the notes
    assert "các nhiệm vụ này vẫn tiếp tục thực hiện" in pages[first] + pages[first + 1]
