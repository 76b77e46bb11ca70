"""A task's id is read on one line in the unit's workbook, however long its area code.

A province's plan often codes its areas with four letters ("TCHC", "TTHC"): the id of
a sub-task's second product, "TCHC-02-2.2", wrapped after a hyphen in the id column's
ten characters, printed and shown as "TCHC-02-" over "2.2", the key a unit quotes
when it asks about a row. The column is widened for the plan's longest id.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl

from cchc_xl import styles
from cchc_xl.assignment import COL_ID, COLUMN_WIDTHS
from cchc_xl.master import read_master
from cchc_xl.master.write import init_master
from cchc_xl.split import split_master
from support.tools import convert, needs_libreoffice, needs_poppler

LONG_ID = "TCHC-02-2.2"
_ROWS = [
    ("TCHC-01", "1", "Rà soát, sắp xếp tổ chức bộ máy", "Báo cáo", "Sở Nội vụ", "Quý II/2026"),
    ("TCHC-02", "2", "Thực hiện các nội dung về vị trí việc làm, gồm:", None, None, None),
    ("TCHC-02-1", "a", "Rà soát bản mô tả vị trí việc làm", "Báo cáo rà soát", "Sở Nội vụ",
     "30/6/2026"),
    ("TCHC-02-2", "b", "Phê duyệt điều chỉnh vị trí việc làm", "Quyết định phê duyệt",
     "Sở Nội vụ", "Quý III/2026"),
    (LONG_ID, "b", "Phê duyệt điều chỉnh vị trí việc làm", "Báo cáo kết quả", "Sở Nội vụ",
     "Quý IV/2026"),
]


def _province_plan(tmp_path: Path, rows=_ROWS) -> Path:
    """`cchc-xl init --province "Thanh Hóa" --year 2026`, one area of tasks typed in."""
    path = init_master(tmp_path / "ke-hoach.xlsx", 2026, "tinh", province="Thanh Hóa")
    wb = openpyxl.load_workbook(path)
    ws = wb["Lĩnh vực 1"]
    ws["B1"], ws["B2"] = "TCHC", "Cải cách tổ chức bộ máy hành chính nhà nước"
    for r, row in enumerate(rows, start=6):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c if c < 6 else 7, value)  # column F (phối hợp) left empty
    wb.save(path)
    return path


def _unit_book(tmp_path: Path, rows=_ROWS) -> Path:
    master, _ = read_master(_province_plan(tmp_path, rows))
    split_master(master, "NAM", tmp_path / "giao", issued_at=datetime(2026, 12, 5, 9))
    (book,) = (tmp_path / "giao").glob("NV-*.xlsx")
    return book


def test_long_ids_fit_their_column(tmp_path):
    ws = openpyxl.load_workbook(_unit_book(tmp_path)).worksheets[1]
    ids = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value]
    assert LONG_ID in ids
    width = ws.column_dimensions["A"].width
    assert all(styles.text_lines(i, width) == 1 for i in ids), (width, ids)
    # Not wider than it needs: the page, fitted to its width, keeps its scale.
    assert width < COLUMN_WIDTHS[COL_ID] + 4


def test_short_ids_keep_the_column(tmp_path):
    short = [(f"TC-{n:02d}", str(n), "Rà soát", "Báo cáo", "Sở Nội vụ", "Quý II/2026")
             for n in (1, 2)]
    ws = openpyxl.load_workbook(_unit_book(tmp_path, short)).worksheets[1]
    assert round(ws.column_dimensions["A"].width) == round(COLUMN_WIDTHS[COL_ID] + 0.71)


@needs_libreoffice
@needs_poppler
def test_long_id_printed_on_one_line(tmp_path):
    pdf = convert(_unit_book(tmp_path), tmp_path / "pdf", "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert LONG_ID in text
