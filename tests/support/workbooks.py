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
