"""Opening the workbooks the tests check.

Loading, openpyxl copies each merged range's borders onto its hidden cells
(``MergedCellRange.format``), hashing a Border per cell: most of the time it takes to
load a workbook with many merged ranges (a consolidated workbook of the Hoằng Hóa plan:
1.9 s, 0.7 s without). No test reads those borders; the ranges and their hidden cells
are loaded as before, and the program under test loads workbooks as it always does.
"""

from __future__ import annotations

from unittest import mock

import openpyxl
from openpyxl.worksheet.merge import MergedCellRange


def load_workbook(path, **options):
    """openpyxl's ``load_workbook``, without drawing merged ranges' borders."""
    with mock.patch.object(MergedCellRange, "format", lambda self: None):
        return openpyxl.load_workbook(path, **options)


ASSESSMENT = "Đánh giá của cơ quan tổng hợp"
ROW_KEY = "Khóa dòng (không sửa)"


def type_assessments(path, dst, text: str, wanted) -> int:
    """Type ``text`` as the office's assessment of every lead row of a consolidated
    workbook for which ``wanted(unit, product)`` is true, as the office would in Excel;
    save to ``dst``; how many rows were typed. (Merged ranges' borders, which openpyxl
    draws onto their hidden cells as it loads, are left out: what the office's
    assessments are read from does not depend on them.)"""
    wb = load_workbook(path)
    typed = 0
    for ws in wb.worksheets:
        header = [c.value for c in ws[4]]
        if ASSESSMENT not in header:
            continue
        key, verdict = header.index(ROW_KEY), header.index(ASSESSMENT)
        for row in ws.iter_rows(min_row=5):
            unit, _, did = str(row[key].value or "").partition("|")
            did = did.partition("|")[0]  # "|kỳ trước": an earlier period's verdict shown
            if did and wanted(unit, did):
                row[verdict].value = text
                typed += 1
    wb.save(dst)
    return typed


def assessment_place(wb, key: str) -> tuple[str, int, int]:
    """(sheet, row, assessment column) of the lead row ``key`` ("NV|TC-01") of a
    consolidated workbook open in openpyxl."""
    for ws in wb.worksheets:
        header = [c.value for c in ws[4]]
        if ASSESSMENT in header:
            for row in ws.iter_rows(min_row=5):
                if row[header.index(ROW_KEY)].value == key:
                    return ws.title, row[0].row, header.index(ASSESSMENT) + 1
    raise AssertionError(key)
