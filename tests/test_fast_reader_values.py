"""The fast reader's rows of values (``iter_rows(values_only=True)``), read without a
cell object each (what reading back the office's verdicts from a consolidated workbook
spends its time on, docs/performance.md): the same values as its rows of cells and as
openpyxl's, whatever the cells are and however their XML is written."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cchc_xl.fast import reader as fast_reader
from cchc_xl.fast.reader import FastWorkbook

_VALUES = st.one_of(
    st.none(), st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                       max_size=12),
    st.sampled_from(["Đạt", "chua dat", "", "  "]), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)))
_FORMATS = st.sampled_from([None, "General", "0%", "dd/mm/yyyy", "@"])
_CELLS = st.dictionaries(st.tuples(st.integers(1, 8), st.integers(1, 30)),
                         st.tuples(_VALUES, _FORMATS), max_size=40)
# How another program may write the same cells: a number's type left out, the default
# cell style a date's, a style written with a leading zero, a blank's style.
_REWRITES = st.sets(st.sampled_from(["no-n-type", "default-date", "style-zero", "blank-style"]))


def _rewrite(path: Path, rewrites: set[str]) -> None:
    with zipfile.ZipFile(path) as zin:
        parts = {info.filename: zin.read(info.filename) for info in zin.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    if "no-n-type" in rewrites:
        sheet = sheet.replace(b' t="n"', b"")
    if "style-zero" in rewrites:
        sheet = re.sub(rb' s="(\d+)"', rb' s="0\1"', sheet)
    if "blank-style" in rewrites:
        sheet = sheet.replace(b"</row>", b'<c r="AD1" s="0"/></row>', 1)
    if "default-date" in rewrites:
        parts["xl/styles.xml"] = re.sub(rb'(<cellXfs[^>]*>\s*<xf )numFmtId="0"',
                                        rb'\1numFmtId="14"', parts["xl/styles.xml"])
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def _by_cells(ws, **bounds) -> list[tuple]:
    """The rows of values as the fast reader gave them before, from its cells."""
    return [tuple(c.value for c in row) for row in ws.iter_rows(**bounds)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(cells=_CELLS, rewrites=_REWRITES, skip_rows=st.booleans())
# A cell written twice (AD1 again, a blank): the later one counts, as openpyxl's.
@example(cells={(1, 30): ("0", None)}, rewrites={"blank-style"}, skip_rows=False)
# A formula with no value cached: its text, or with data_only none, as openpyxl's (the
# test compared the second with openpyxl's first).
@example(cells={(1, 1): ("=0", None)}, rewrites=set(), skip_rows=False)
def test_rows_of_values_are_its_cells_values(cells, rewrites, skip_rows, tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    for (row, column), (value, fmt) in sorted(cells.items()):
        cell = ws.cell(row * (3 if skip_rows else 1), column)
        cell.value = value
        if fmt:
            cell.number_format = fmt
    path = tmp_path / "values.xlsx"
    wb.save(path)
    # openpyxl's own rows, in each mode: a formula ("=0") is its text, or with data_only
    # its value cached (none here, as openpyxl wrote it).
    plain = {}
    for data_only in () if rewrites else (False, True):
        book = load_workbook(path, read_only=True, data_only=data_only)
        plain[data_only] = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
    _rewrite(path, rewrites)
    for data_only in (False, True):
        fast = FastWorkbook(path, data_only=data_only)
        try:
            sheet = fast.worksheets[0]
            for bounds in ({}, {"min_row": 2, "min_col": 2}, {"max_col": 3, "max_row": 5}):
                assert list(sheet.iter_rows(values_only=True, **bounds)) == _by_cells(
                    sheet, **bounds), (rewrites, bounds)
            sheet.reset_dimensions()
            assert list(sheet.iter_rows(values_only=True)) == _by_cells(sheet), rewrites
            if plain:
                sheet._bounded = True
                assert list(sheet.iter_rows(values_only=True)) == plain[data_only]
        finally:
            fast.close()


def test_a_date_in_the_default_style_is_a_date(tmp_path) -> None:
    """A number in a cell with no style attribute takes the workbook's first cell style:
    a date there is read as the date, by rows of values as by cells (the second: a
    column's first cell is read the long way)."""
    wb = Workbook()
    wb.active["A1"], wb.active["A2"] = 45000, 45001
    path = tmp_path / "default.xlsx"
    wb.save(path)
    _rewrite(path, {"no-n-type", "default-date"})
    fast = FastWorkbook(path)
    try:
        assert list(fast.worksheets[0].iter_rows(values_only=True)) == [
            (datetime(2023, 3, 15),), (datetime(2023, 3, 16),)]
    finally:
        fast.close()


def test_rows_of_values_make_no_cell_object(tmp_path, monkeypatch) -> None:
    """A row of values is read without a cell object per cell (a consolidated workbook
    at national size holds 1.3 million cells; docs/performance.md)."""
    wb = Workbook()
    for r in range(1, 30):
        wb.active.append(["Đạt", r, 0.5, None, datetime(2024, 1, r % 28 + 1), "x"])
    path = tmp_path / "many.xlsx"
    wb.save(path)
    made = []
    real = fast_reader.FastCell.__init__

    def counted(self, *args) -> None:
        made.append(1)
        real(self, *args)

    monkeypatch.setattr(fast_reader.FastCell, "__init__", counted)
    fast = FastWorkbook(path)
    try:
        rows = list(fast.worksheets[0].iter_rows(values_only=True))
    finally:
        fast.close()
    assert len(rows) == 29 and rows[0][0] == "Đạt" and rows[0][4] == datetime(2024, 1, 2)
    assert made == []
