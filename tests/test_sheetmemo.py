"""A split's worksheets write the elements around their cells from a record
(cchc_xl/fast/sheetmemo.py) and empty merged ranges without their cells of nothing
(fast.sheet's merge_range), and a split's workbooks make each format once
(fast.book's add_format): the same file as xlsxwriter's own, byte for byte, for sheets
with every kind of setting and for formats alike, changed and slightly different,
each written twice."""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path

import pytest
import xlsxwriter
from test_fast_sheet import assert_same_parts
from xlsxwriter.exceptions import OverlappingRange

from cchc_xl.fast import book as fast_book
from cchc_xl.fast import sheet as fast_sheet
from cchc_xl.fast import sheetmemo


def settings(ws, kind: int, bold, twin: bool) -> None:
    """One kind of settings; a twin is the same but for a detail, or the same."""
    if kind == 0:
        ws.freeze_panes(4, 1)
        ws.set_header('&L&"Times New Roman,Regular"Xã A && B' + ("" if twin else " 2"))
        ws.set_footer("&CTrang &P/&N")
    elif kind == 1:
        ws.split_panes(15, 8.43 if twin else 20)
        ws.set_zoom(75)
        ws.hide_gridlines(2)
        ws.set_tab_color("#FF0000")  # an object (Color): xlsxwriter writes it each time
    elif kind == 2:
        ws.set_selection(3, 3, 4, 4)
        ws.set_top_left_cell(2, 2)
        ws.right_to_left()
        ws.hide_zero()
        ws.set_page_view()
    elif kind == 3:
        ws.set_margins(left=0.0 if twin else -0.0, right=0.59, top=1, bottom=True)
        ws.set_paper(8)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(3, 3)
        ws.center_horizontally()
        ws.print_row_col_headers()
    elif kind == 4:
        ws.protect("mật khẩu" if twin else "", {"format_columns": True, "format_rows": twin})
        ws.merge_range(0, 0, 0, 11, "")
        ws.merge_range(2, 5, 1, 0, "")  # reversed
        ws.merge_range(3, 0, 3, 2, "", bold)  # formatted: padded with blanks
        with pytest.raises(OverlappingRange):
            ws.merge_range(0, 3, 4, 3, "")
        with warnings.catch_warnings(record=True):
            assert ws.merge_range(6, 6, 6, 6, "") == -1  # a single cell
        assert ws.merge_range(6, 0, 6, 16_384, "") == -1  # out of bounds
        ws.autofilter(8, 0, 9, 3)
    elif kind == 5:
        ws.conditional_format(1, 1, 3, 3, {"type": "cell", "criteria": ">", "value": 1,
                                           "format": bold})  # objects again
        ws.write_url(5, 0, "https://example.com/" + ("a" if twin else "b"))
        ws.set_h_pagebreaks([10, 20])
        ws.set_v_pagebreaks([2])
    elif kind == 6:
        ws.set_row(1, 20, None, {"level": 1})
        ws.set_default_row(18, hide_unused_rows=twin)
        ws.ignore_errors({"number_stored_as_text": "A1:B2"})
        ws.set_print_scale(85 if twin else 90)
        ws.print_across()
        ws.set_portrait()
        ws.set_start_page(3)


def settings_book(path: Path, cls: type[xlsxwriter.Workbook]) -> list:
    """The sheets' selections after writing (xlsxwriter rebuilds them as it writes)."""
    wb = cls(str(path), {"in_memory": True})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    bold = wb.add_format({"bold": True, "border": 1})
    for kind in range(7):
        for twin in (False, True, True):
            ws = wb.add_worksheet(f"Trang {kind} {twin} {len(wb.worksheets())}")
            ws.write_string(kind, 0, "ô", bold)
            ws.write_string(kind + 3 * twin, 2, "ô khác", bold)
            settings(ws, kind, bold, twin)
    wb.worksheets()[4].activate()
    wb.worksheets()[5].very_hidden()
    wb.close()
    return [ws.selections for ws in wb.worksheets()]


def test_settings_are_written_as_xlsxwriter_writes_them(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    monkeypatch.setattr(fast_book, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    assert fast_book.FastWorkbook.worksheet_class is sheetmemo.MemoWorksheet
    selections = settings_book(tmp_path / "plain.xlsx", xlsxwriter.Workbook)
    assert settings_book(tmp_path / "fast.xlsx", fast_book.FastWorkbook) == selections
    # Now from the record:
    assert settings_book(tmp_path / "again.xlsx", fast_book.FastWorkbook) == selections
    assert_same_parts(tmp_path / "plain.xlsx", tmp_path / "fast.xlsx")
    assert_same_parts(tmp_path / "plain.xlsx", tmp_path / "again.xlsx")
    assert all(sheetmemo._NAMES.get(group) for group in sheetmemo.GROUPS)


def formats_book(path: Path, cls: type[xlsxwriter.Workbook], colour: str) -> None:
    """Formats made from the same properties on each workbook, some changed after."""
    wb = cls(str(path), {"in_memory": True})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    props = [{"bold": True, "border": 1}, {"bg_color": "#FFF2CC", "locked": False},
             {"font_size": 12}, {"font_size": 12.0}, {"num_format": "dd/mm/yyyy"}, {}]
    formats = [wb.add_format(p) for p in props]
    formats[1].set_bg_color(colour)  # changed after it was made
    formats[2].set_bold(True)
    again = wb.add_format(props[0])  # the same properties twice on one workbook
    ws = wb.add_worksheet("Định dạng")
    for n, fmt in enumerate([*formats, again]):
        ws.write_string(n, 0, f"ô {n}", fmt)
    wb.close()


def test_formats_made_once_are_written_as_xlsxwriter_writes_them(tmp_path,
                                                                 monkeypatch) -> None:
    monkeypatch.setattr(fast_book, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    for colour in ("#DDEBF7", "#F2F2F2"):  # workbooks alike but for a change made after
        formats_book(tmp_path / "plain.xlsx", xlsxwriter.Workbook, colour)
        for name in ("fast.xlsx", "again.xlsx"):  # made, then copied
            formats_book(tmp_path / name, fast_book.FastWorkbook, colour)
            assert_same_parts(tmp_path / "plain.xlsx", tmp_path / name)
