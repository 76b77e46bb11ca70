"""A table of the report workbook with no rows is kept but not printed
(docs/printing.md, "A table with no rows").

An audit of a commune's 9-month report: its workbook printed a page for Biểu 4 that only
said "Không có báo cáo nào cần xác minh.". The sheet stays (its tab, under "Unhide", and
the Biểu's numbers are unchanged), hidden, which neither Excel nor LibreOffice prints;
"Ghi chú", printed, says why Biểu 4 is not there.
"""

from __future__ import annotations

import subprocess

from cchc_xl.report.tables import UNVERIFIED_TITLE
from support.report import AREA_SHEET, NOTES_SHEET, PENDING_SHEET, UNIT_SHEET
from support.tools import convert_all, needs_libreoffice, needs_poppler
from support.workbooks import load_workbook

VERIFY_SHEET = "Cần xác minh"
NONE_TO_VERIFY = "Không có báo cáo nào cần xác minh."
NOTE = ('Kỳ này không có dòng nào cần xác minh: Biểu 4 để trống (trong tệp Excel, trang '
        '"Cần xác minh" được ẩn và không in).')


def _texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_an_empty_table_keeps_its_sheet_hidden(report_6t):
    """The small plan's 6-month report has no row to verify: Biểu 4's sheet is there, in
    its place, with its title and its sentence, hidden; the tables with rows are not."""
    wb = load_workbook(report_6t.paths[0])
    assert wb.sheetnames[:4] == [AREA_SHEET, UNIT_SHEET, PENDING_SHEET, VERIFY_SHEET]
    verify = wb[VERIFY_SHEET]
    assert verify.sheet_state == "hidden"
    assert UNVERIFIED_TITLE.upper() in _texts(verify) and NONE_TO_VERIFY in _texts(verify)
    assert [wb[s].sheet_state for s in (AREA_SHEET, UNIT_SHEET, PENDING_SHEET, NOTES_SHEET)
            ] == ["visible"] * 4
    assert wb.active.title == AREA_SHEET
    # The notes, printed, say where Biểu 4 went.
    assert any(t.endswith(NOTE) for t in _texts(wb[NOTES_SHEET]))


def test_a_table_with_rows_is_shown(hh_report):
    """The Hoằng Hóa sample returns have rows to verify: Biểu 4 is shown and printed."""
    wb = load_workbook(hh_report[0])
    assert wb[VERIFY_SHEET].sheet_state == "visible"
    assert not any(NOTE[:40] in t for t in _texts(wb[NOTES_SHEET]))


@needs_libreoffice
@needs_poppler
def test_libreoffice_does_not_print_the_empty_table(report_6t, tmp_path):
    """Printed by LibreOffice: Biểu 1 to 3, then the plan's sheets; no page for Biểu 4."""
    (pdf,) = convert_all([report_6t.paths[0]], tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    assert any("BIỂU 3." in p for p in pages)
    assert not any("BIỂU 4." in p or NONE_TO_VERIFY in p for p in pages)
    assert "Kỳ này không có dòng nào cần xác minh" in " ".join(text.split())
