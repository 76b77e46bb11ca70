"""A text taller than an Excel row (409 points) is carried over the rows below it in the
report workbook's tables, not cut at the row's foot.

A QA pass (a commune's 6-month report): Công an xã explained its unfinished task in a
note of some 2,800 characters; Biểu 3's "Lý do" cell, one row of 409 points, showed and
printed only its first 60 %, with nothing to say the rest was missing.
"""

from __future__ import annotations

import subprocess

import pytest
from openpyxl.utils import get_column_letter

import support.report as small_plan
from cchc_xl import ledger as L
from cchc_xl.report import write_report
from cchc_xl.styles import MAX_ROW_HEIGHT, text_lines
from support.report import PENDING_SHEET, build_ledger, doing, tiny_master
from support.tools import convert_all, needs_libreoffice, needs_poppler
from support.workbooks import load_workbook

SENTENCE = ("Đã phối hợp rà soát, đối chiếu dữ liệu dân cư của toàn bộ 14 xóm, điều chỉnh các "
            "trường hợp sai lệch về họ tên, ngày sinh, nơi thường trú; tổ chức đợt cao điểm "
            "thu nhận hồ sơ định danh điện tử mức 2 (đợt {n}).")
NOTE = " ".join(SENTENCE.format(n=n) for n in range(1, 19)) + " Hết ghi chú."
REASON = "Lý do (ghi chú của đơn vị)"


@pytest.fixture(scope="module")
def long_note_report(tmp_path_factory):
    returns = {**small_plan.RETURNS,
               "TP": {**small_plan.RETURNS["TP"], "TTHC-03": doing(70, NOTE)}}
    folder = tmp_path_factory.mktemp("long-note")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(small_plan, "RETURNS", returns)
        db = build_ledger(folder / L.LEDGER_NAME, tiny_master(), ("6T",))
    return write_report(db, "6T", folder / "bao-cao.xlsx").paths[0]


def _reason_rows(ws) -> tuple[int, list[int]]:
    """The "Lý do" column and the rows of TTHC-03 (its own and those its note goes on in)."""
    header = next(r for r in ws.iter_rows() if any(c.value == REASON for c in r))
    col = next(c.column for c in header if c.value == REASON)
    first = next(r[0].row for r in ws.iter_rows() if r[1].value == "TTHC-03")
    merged = next(m for m in ws.merged_cells.ranges
                  if m.min_row == first and m.min_col == 2)  # the code, merged down
    return col, list(range(first, merged.max_row + 1))


def test_a_long_note_is_carried_over_rows_whole(long_note_report):
    """Biểu 3 holds the whole note, in pieces cut at spaces, each as tall as a row can be;
    the task's other cells are merged down beside it."""
    ws = load_workbook(long_note_report)[PENDING_SHEET]
    col, rows = _reason_rows(ws)
    assert len(rows) > 1
    pieces = [ws.cell(r, col).value for r in rows]
    assert " ".join(pieces) == NOTE
    width = ws.column_dimensions[get_column_letter(col)].width
    for r, piece in zip(rows, pieces, strict=True):
        assert ws.row_dimensions[r].height <= MAX_ROW_HEIGHT
        assert text_lines(piece, width) * 15.75 <= ws.row_dimensions[r].height
    # No rule between the pieces: one cell to the eye.
    assert ws.cell(rows[0], col).border.bottom.style is None
    assert ws.cell(rows[-1], col).border.top.style is None
    assert ws.cell(rows[-1], col).border.bottom.style == "thin"


def test_a_short_note_keeps_one_row(report_6t):
    """The small plan's notes fit their rows: one row each, nothing merged down."""
    ws = load_workbook(report_6t.paths[0])[PENDING_SHEET]
    assert not [m for m in ws.merged_cells.ranges if m.max_row > m.min_row]
    col = next(c.column for r in ws.iter_rows() for c in r if c.value == REASON)
    notes = [c.value for c in ws.iter_cols(min_col=col, max_col=col).__next__()]
    assert "Chờ hướng dẫn của tỉnh" in notes


@needs_libreoffice
@needs_poppler
def test_the_printed_table_ends_with_the_note(long_note_report, tmp_path):
    """Printed by LibreOffice, the note's last words are on paper."""
    (pdf,) = convert_all([long_note_report], tmp_path, "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = " ".join(text.split())
    assert "(đợt 18). Hết ghi chú." in words
