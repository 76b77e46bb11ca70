"""The quicker worksheet and workbook (cchc_xl/fast/sheet.py, cchc_xl/fast/book.py) write
the same file as xlsxwriter's own: every part of the workbook compared byte for byte,
for odd cells, validations, columns and rows (kept in memory and streamed), for the
consolidated workbook (streamed) and for every unit's workbook of real splits."""

from __future__ import annotations

import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st
from xlsxwriter.utility import _preserve_whitespace
from xlsxwriter.worksheet import Worksheet

from cchc_xl.consolidated import write as consolidated_write
from cchc_xl.fast import book as fast_book
from cchc_xl.fast import parts as fast_parts
from cchc_xl.fast import sheet as fast_sheet
from cchc_xl.fast.sheet import FastWorksheet
from cchc_xl.snapshot import load_snapshot
from make_sample_returns import ISSUED_AT


@pytest.fixture(autouse=True)
def _temporary_files_here(tmp_path, monkeypatch):
    """The temporary files of the workbooks written here in the test's own folder:
    xlsxwriter's own streamed workbook, which these tests compare with, leaves the rows'
    file of a sheet without rows (8 empty files in the machine's temporary folder at each
    run, a QA pass)."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def assert_same_parts(a: Path, b: Path) -> None:
    pa, pb = parts(a), parts(b)
    assert list(pa) == list(pb)
    different = [name for name in pa if pa[name] != pb[name]]
    assert not different, different


ODD_TEXTS = ["plain", " leading space", "trailing\t", "a & b < c > d \"q\"", "line\nbreak",
             "ctrl \x01\x1f end", "_x0041_ literal escape", "\ufffe", "<r>not rich</r>",
             "Tiếng Việt: Đạt, chưa đạt", "x" * 40_000, "", "snake_case_name", "tail & amp ",
             "\u00a0no-break space first", "<r><t>rich-looking</t></r>"]


def odd_sheet(path: Path, cls: type[Worksheet], constant_memory: bool) -> None:
    """Every kind of cell, format and address the worksheet may be given."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    bold = wb.add_format({"bold": True, "border": 1})
    plain = wb.add_format({"text_wrap": True})
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet("Ô lạ", worksheet_class=cls)
    ws.set_column(0, 0, 20, plain)
    ws.set_row(0, 30)
    ws.set_row(1, None, bold)  # a row format for cells without their own
    row = 2
    for text in ODD_TEXTS:
        ws.write_string(row, 0, text, bold)
        ws.write_string(row, 1, text)  # no format: the column's
        ws.write_string(row, 3, text, plain)
        row += 1
    for number in (0, 1, -3, 2.5, 1e-12, 123456789012345678, 1 / 3, float("1e300")):
        ws.write_number(row, 0, number, bold)
        ws.write_number(row, 2, number)
        row += 1
    ws.write_datetime(row, 0, datetime(2023, 9, 30, 17, 5), day)
    ws.write_datetime(row, 1, date(2023, 9, 30), day)
    ws.write_blank(row + 1, 0, None, bold)
    ws.write_blank(row + 1, 1, None)  # no format: not written at all
    ws.write_string("E1", "A1 notation", bold)
    ws.write_number("F1", 7, bold)
    ws.write_blank("G1", None, bold)
    ws.write_datetime("H1", datetime(2024, 1, 1), day)
    ws.write_string(1, 5, "row format only")
    ws.write_string(row + 2, 0, "keyword", cell_format=bold)
    ws.write_formula(row + 3, 0, "=1+1", bold, 2)
    ws.write_rich_string(row + 4, 0, "a ", bold, "rich", " string")
    ws.write_boolean(row + 5, 0, True, bold)
    ws.merge_range(row + 6, 0, row + 8, 1, "merged", bold)
    ws.set_row(row + 12, 40)  # a row with a height and no cells
    ws.write_string(40, 2, "after a gap", bold)
    second = wb.add_worksheet("Ghi chú", worksheet_class=cls)
    second.write_string(0, 0, "with a comment", bold)
    second.write_comment(0, 0, "comments take xlsxwriter's own path")
    second.write_string(20, 3, "another", bold)
    wb.close()


def rows_sheet(path: Path, cls: type[Worksheet], constant_memory: bool) -> None:
    """Whole rows given at once (fast.sheet.write_cells): every kind of value, formats
    first used in a row, columns out of order, twice or out of bounds, rows twice,
    backwards, with a height, and cells the quicker way leaves to xlsxwriter."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    formats = [wb.add_format({"border": 1}), wb.add_format({"bold": True}),
               wb.add_format({"num_format": "dd/mm/yyyy"}), wb.add_format({"italic": True})]
    ws = wb.add_worksheet("Dòng", worksheet_class=cls)
    ws.write_string(0, 0, "title", formats[1])
    row = 2
    for n, text in enumerate(ODD_TEXTS):
        fmt = formats[n % 4]
        cells = [(3, text, fmt), (0, n, formats[(n + 1) % 4]), (1, None, fmt), (2, None, None),
                 (5, 2.5 + n, fmt), (4, datetime(2023, 9, n + 1, 8), formats[2]),
                 (6, text, None), (7, date(2023, 9, 30), formats[2]), (3, f"again {n}", fmt),
                 (8, True, fmt), (16_384, "out of bounds", fmt), (9, "𝔘" * 20_000, fmt)]
        if n % 3 == 0:
            ws.set_row(row, 30 + n)
        fast_sheet.write_cells(ws, row, cells[: 4 + n % 9])
        if n % 5 == 0:
            fast_sheet.write_cells(ws, row, [(10, "same row, later", fmt), (1, 7, fmt)])
        row += 1 + n % 2
    fast_sheet.write_cells(ws, 3, [(0, "a row written before", formats[0])])
    fast_sheet.write_cells(ws, 1_048_576, [(0, "past the last row", formats[0])])
    fast_sheet.write_cells(ws, row, [])
    ws.write_string(row + 1, 2, "one by one after", formats[3])
    fast_sheet.write_cells(ws, row + 1, [(0, "then a row at once", formats[3])])
    wb.close()


def repeated_sheet(path: Path, cls: type[Worksheet], constant_memory: bool) -> None:
    """The same cells row after row (the quicker worksheet keeps their XML): values that
    compare equal but print differently (1, 1.0, True; 0, -0.0, False), one text in
    other columns and formats, texts to escape, long texts, more distinct cells than it
    keeps, and rows with no height, a height, hidden or formatted."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    formats = [wb.add_format({"border": 1}), wb.add_format({"bold": True})]
    ws = wb.add_worksheet("Lặp", worksheet_class=cls)
    alike = [1, 1.0, True, 0, -0.0, False, None, "Đạt", "a & b", " lead", "_x0041_",
             "y" * 300, 2**53 + 1, float(2**53 + 1), datetime(2023, 9, 30)]
    for row in range(2_200):
        fmt = formats[row % 2]
        same = alike[row % len(alike)]
        cells = [(0, same, fmt), (1, same, formats[0]), (2, "Chưa gửi tệp", fmt),
                 (3, None, fmt), (4, f"X{row:04d}|1.1", fmt), (5, row % 7, fmt),
                 (6, "Chưa gửi tệp", formats[1]), (7, f"tên {row % 40}", fmt),
                 (8, f"khác {row}", fmt), (9, row * 1.5, fmt), (10, -row, fmt),
                 (11, f"{row}", fmt), (12, f"{row} & {row}", fmt), (13, f"z{row}", fmt),
                 (14, f"w{row}", fmt), (15, f"v{row}", fmt), (16, f"u{row}", fmt)]
        if row % 5 == 1:
            ws.set_row(row, 15 + row % 3 * 15)
        elif row % 97 == 3:
            ws.set_row(row, 0)  # hidden
        elif row % 89 == 4:
            ws.set_row(row, 20, formats[1])
        fast_sheet.write_cells(ws, row, cells[::-1] if row % 3 else cells)
    # Rows of their own cells followed by the same list of cells on many rows: those
    # replace an own cell in their column, may repeat a column, meet a format for the
    # first time, or follow a row the quicker way cannot make.
    fresh = wb.add_format({"italic": True, "border": 1})
    alike = [[(1, None, formats[0]), (2, "Chưa gửi tệp", formats[1]), (5, 0, formats[0]),
              (3, "Đạt", fresh), (7, None, formats[0])],
             [(0, "đầu", formats[1]), (4, -0.0, formats[0]), (4, "thay", formats[0]),
              (9, None, formats[1])], []]
    for row in range(2_200, 2_400):
        own = [(6, f"tên {row % 7}", formats[row % 2]), (8, f"X{row}|1.1", formats[0])]
        if row % 11 == 0:
            own.append((2, "bị thay", formats[0]))  # an alike cell's column
        if row % 13 == 0:
            own.append((10, True, formats[0]))  # xlsxwriter's own way
        if row % 17 == 0:
            own.append((11, 2.5, wb.add_format({"bold": True, "font_size": row % 5 + 9})))
        fast_sheet.write_cells(ws, row, [*own, *alike[row % 3]])
    fast_sheet.write_cells(ws, 2_300, [(0, "a row before", formats[0]), *alike[0]])
    wb.close()


def parts_sheet(path: Path, cls: type[Worksheet], constant_memory: bool) -> None:
    """Rows given as parts (fast.sheet.write_parts): groups of cells repeated on many
    rows among own cells, two groups in a row, own cells between a group's columns, in a
    group's column, with odd values or columns, formats first used by an own cell after
    the group, groups the quicker way cannot make, more shapes than it keeps, rows
    written into again afterwards (inside a group's columns, at its first, in a new
    one, by parts again), and on a sheet with a comment."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    formats = [wb.add_format({"border": 1}), wb.add_format({"bold": True}),
               wb.add_format({"num_format": "dd/mm/yyyy"})]
    Repeated = fast_sheet.Repeated
    status = Repeated([(7, "Chưa gửi tệp", formats[1]), (8, None, formats[0]),
                       (9, None, formats[0]), (11, "Chưa đến hạn", formats[1]),
                       (13, None, formats[0]), (14, None, formats[0])])
    judged = Repeated([(7, "Đã gửi & <xong>", formats[0]), (8, 0, formats[0]),
                       (9, -0.0, formats[0]), (11, " Trễ hạn", formats[1]),
                       (14, "Đạt", formats[0])])
    below = Repeated([(c, None, formats[0]) for c in (1, 3, 4, 5, 12)] + [(0, None, formats[1])])
    odd = [Repeated([(3, True, formats[0])]), Repeated([(16_384, "ngoài", formats[0])]),
           Repeated([(2, "hai lần", formats[0]), (2, 7, formats[1])]), Repeated([]),
           Repeated([(3, "x" * 40_000, formats[0])]), Repeated([(3, "rỗng", None)])]
    ws = wb.add_worksheet("Phần", worksheet_class=cls)
    ws.write_string(0, 0, "title", formats[1])
    row = 2
    for n in range(700):
        middle = (status, judged)[n % 2]
        name = (6, ODD_TEXTS[n % len(ODD_TEXTS)][:50], formats[n % 2])
        key = (15, f"X{n:04d}|1.{n % 9}", formats[0])
        parts = [name, middle, key, below]
        if n % 7 == 3:
            parts = [(10, n * 1.5, formats[0]), (2, datetime(2023, 9, n % 28 + 1), formats[2]),
                     *parts]
        if n % 11 == 5:
            parts.append((13, "bị thay", formats[0]))  # a group's column
        if n % 13 == 6:
            parts.append((10.0 if n % 2 else True, "cột lạ", formats[0]))
        if n % 17 == 8:
            parts.append((16, n, wb.add_format({"italic": True, "font_size": n % 7 + 9})))
        if n % 19 == 9:
            parts.append(odd[n % len(odd)])
        if n % 23 == 10:
            parts = [Repeated([(c, f"nhóm {n}", formats[0])]) for c in (5, 1, 3)] + parts[:3]
        if n % 5 == 1:
            ws.set_row(row, 15 + n % 3 * 15)
        fast_sheet.write_parts(ws, row, parts)
        if n % 29 == 4:
            ws.write_string(row, 9, "inside a group", formats[1])
        elif n % 29 == 5:
            ws.write_number(row, 0, n, formats[1])  # a group's first column
        elif n % 29 == 6:
            fast_sheet.write_cells(ws, row, [(20, "later", formats[0]), (6, None, formats[1])])
        elif n % 29 == 7:
            fast_sheet.write_parts(ws, row, [(17, "again", formats[0]), judged])
        elif n % 29 == 8:
            ws.write_formula(row, 18, '="a\r\nb"&"\r"', formats[0], "a\r\nb\r")
        row += 1 + n % 2
    fast_sheet.write_parts(ws, 5, [(0, "a row before", formats[0]), below])
    fast_sheet.write_parts(ws, row, [])
    fast_sheet.write_parts(ws, row + 1, [Repeated([])])
    fast_sheet.write_parts(ws, row + 2, [(0, "\r", formats[0]), below])
    ws.write_formula(row + 3, 0, '="end\r"', formats[0], "end\r")
    wb.add_worksheet("Trống", worksheet_class=cls)
    noted = wb.add_worksheet("Ghi chú", worksheet_class=cls)
    noted.write_string(0, 0, "with a comment", formats[1])
    noted.write_comment(0, 0, "comments take xlsxwriter's own path")
    for r in range(1, 40):
        fast_sheet.write_parts(noted, r, [(6, f"tên {r % 3}", formats[0]), status, below])
        if r % 4 == 0:
            noted.write_string(r, 8, "inside", formats[1])
    wb.close()


@pytest.mark.parametrize("constant_memory", [False, True], ids=["in-memory", "streamed"])
@pytest.mark.parametrize("build", [odd_sheet, rows_sheet, repeated_sheet, parts_sheet],
                         ids=["odd-cells", "rows-at-once", "repeated-cells", "parts"])
@pytest.mark.parametrize("caches", ["usual", "small"])
def test_the_quicker_worksheet_writes_what_xlsxwriter_writes(tmp_path, build, caches,
                                                             constant_memory,
                                                             monkeypatch) -> None:
    """Odd cells one by one (odd_sheet), whole rows at once (rows_sheet, repeated_sheet)
    and rows of repeated parts (parts_sheet): the same parts, byte for byte, from the
    quicker worksheet as from xlsxwriter's own; also with the quicker worksheet's
    memories small (forgetting often) and a streamed sheet's rows copied a few bytes
    at a time (a "\r\n" split between two)."""
    build(tmp_path / "plain.xlsx", Worksheet, constant_memory)
    if caches == "small":
        monkeypatch.setattr(fast_sheet, "_KNOWN_CELLS", 3)
        monkeypatch.setattr(fast_parts, "_KNOWN_PLANS", 2)
        monkeypatch.setattr(fast_parts, "_COPIED", 7)
        monkeypatch.setattr(fast_parts, "_ROWS_OUT", 2)
    build(tmp_path / "fast.xlsx", FastWorksheet, constant_memory)
    assert_same_parts(tmp_path / "plain.xlsx", tmp_path / "fast.xlsx")


def test_only_a_checked_xlsxwriter_gets_the_quicker_worksheet(monkeypatch) -> None:
    assert fast_sheet.worksheet_class(fast=False) is Worksheet
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    assert fast_sheet.worksheet_class() is FastWorksheet
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", ("0.0.0",))
    assert fast_sheet.worksheet_class() is Worksheet


@pytest.mark.slow
def test_consolidated_workbook_is_the_same_either_way(hh_samples_merged, tmp_path,
                                                      monkeypatch) -> None:
    result, _ = hh_samples_merged
    snapshot = load_snapshot(result.db, "9T", result.plan_key)
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    written = {}
    for fast in (False, True):
        monkeypatch.setattr(consolidated_write, "FAST_SHEETS", fast)
        written[fast] = consolidated_write.write_consolidated(snapshot, tmp_path / f"{fast}.xlsx")
    assert_same_parts(written[False], written[True])


def test_only_a_checked_xlsxwriter_gets_the_quicker_workbook(monkeypatch) -> None:
    assert fast_book.workbook_class(fast=False) is xlsxwriter.Workbook
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    monkeypatch.setattr(fast_book, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    assert fast_book.workbook_class() is fast_book.FastWorkbook
    monkeypatch.setattr(fast_book, "CHECKED_VERSIONS", ("0.0.0",))
    assert fast_book.workbook_class() is xlsxwriter.Workbook


def odd_book(path: Path, cls: type[xlsxwriter.Workbook]) -> None:
    """Validations, columns, rows and strings the caches must tell apart, each twice."""
    wb = cls(str(path), {"in_memory": True})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    bold = wb.add_format({"bold": True, "bg_color": "#FFF2CC"})
    for n, (width, height, low) in enumerate([(10, 15, 0), (10.5, 15.5, -0.0), (10, 15, 0.0),
                                               (0.5, 0, 0), (10, None, 0)]):
        ws = wb.add_worksheet(f"Trang {n}")
        ws.set_column(0, 2, width)
        ws.set_column(4, 3, width + 1)
        ws.set_column(5, 5, width, bold)
        ws.set_row(n, height)
        ws.set_row(n + 1, 20, bold)
        ws.write_string(n, 0, ODD_TEXTS[n], bold)
        ws.write_string(n + 2, 1, " leading & <odd> _x0041_", bold)
        for first, last in ((3, 9), (9, 3), (0, 0)):
            ws.data_validation(first, 1, last, 1, {"validate": "decimal", "criteria": "between",
                                                   "minimum": low, "maximum": 100})
            ws.data_validation(first, 2, last, 2, {
                "validate": "date", "criteria": "between", "minimum": datetime(2022, 1, 1),
                "maximum": date(2024, 12, 31), "input_title": "Ngày \"hoàn thành\"",
                "input_message": "sqref=\"A1\" & <b>"})
            ws.data_validation(first, 3, last, 3, {"validate": "list",
                                                   "source": ["Có", "Không", f"{n}"]})
        ws.data_validation(1, 4, 2, 4, {"validate": "integer", "criteria": ">", "value": 1,
                                        "other_cells": [[5, 5, 6, 6]]})
        ws.data_validation(1, 5, 2, 5, {"validate": "any", "input_title": "x",
                                        "multi_range": "F2:F3 H1"})
        with pytest.warns(UserWarning, match="nonsense"):
            assert ws.data_validation(1, 6, 2, 6, {"validate": "nonsense"}) == -2
    wb.close()


def test_odd_validations_columns_rows_are_written_as_xlsxwriter_writes_them(
        tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    monkeypatch.setattr(fast_book, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    odd_book(tmp_path / "plain.xlsx", xlsxwriter.Workbook)
    odd_book(tmp_path / "fast.xlsx", fast_book.FastWorkbook)
    odd_book(tmp_path / "again.xlsx", fast_book.FastWorkbook)  # now from the caches
    assert_same_parts(tmp_path / "plain.xlsx", tmp_path / "fast.xlsx")
    assert_same_parts(tmp_path / "plain.xlsx", tmp_path / "again.xlsx")


@pytest.mark.slow
@pytest.mark.parametrize("plan", ["hh_master", "nh_master", "province"])
def test_split_workbooks_are_the_same_either_way(plan, request, tmp_path,
                                                 monkeypatch) -> None:
    """Every unit's workbook of both seed plans and of a generated province (the
    Hoằng Hóa plan with 40 units, as ``make bench`` builds them), byte for byte."""
    from bench import scaled_master

    from cchc_xl import split, split_book

    if plan == "province":
        master = scaled_master(request.getfixturevalue("hh_master"), 40)
    else:
        master = request.getfixturevalue(plan)
    written = {}
    if plan == "hh_master" and xlsxwriter.__version__ in fast_sheet.CHECKED_VERSIONS:
        # The run's own split wrote the fast workbooks (split_book.FAST's default): not again.
        written[True] = [f.path for f in request.getfixturevalue("hh_split_9t").files]
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    monkeypatch.setattr(fast_book, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    for fast in (False, True):
        if fast in written:
            continue
        monkeypatch.setattr(split_book, "FAST", fast)
        result = split.split_master(master, "9T", tmp_path / str(fast), issued_at=ISSUED_AT)
        written[fast] = [f.path for f in result.files]
    assert len(written[True]) >= 10
    for plain, fast in zip(written[False], written[True], strict=True):
        assert plain.name == fast.name
        assert_same_parts(plain, fast)
        assert plain.read_bytes() == fast.read_bytes(), fast.name  # the zip too


def stored_book(path: Path, cls: type[xlsxwriter.Workbook], constant_memory: bool) -> None:
    """A small sheet (one piece, kept), a large one (never kept) and the parts every
    workbook repeats (theme, content types, relationships)."""
    wb = cls(str(path), {"in_memory": not constant_memory, "constant_memory": constant_memory})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    bold = wb.add_format({"bold": True})
    small, large = wb.add_worksheet("Nhỏ"), wb.add_worksheet("Lớn")
    for r in range(300):
        small.write_string(r, 0, f"Nhiệm vụ {r % 7}", bold)
    for r in range(1200):  # over fast.book._SAME_LIMIT (checked by the test)
        large.write_string(r, 0, f"Đơn vị {r}, quý {r % 4}")
        large.write_number(r, 1, r / 7)
    wb.close()


@pytest.mark.parametrize("constant_memory", [False, True], ids=["in-memory", "streamed"])
def test_a_part_stored_before_is_stored_the_same_without_deflating_it_again(
        tmp_path, monkeypatch, constant_memory) -> None:
    """A FastWorkbook stores a part it stored before (the same bytes at the same level)
    with the bytes deflated then: the same file, byte for byte, as xlsxwriter's, at
    each level, for parts kept, parts too large to keep and parts copied in pieces
    (streamed); and a part seen twice is not deflated the third time."""
    import zlib

    real = zlib.compressobj
    fed = []

    class Counted:
        def __init__(self, *args) -> None:
            self.deflate = real(*args)

        def compress(self, data) -> bytes:
            fed[-1] += len(data)
            return self.deflate.compress(data)

        def flush(self) -> bytes:
            return self.deflate.flush()

    monkeypatch.setattr(zlib, "compressobj", Counted)
    # The process's parts seen and kept start empty: what earlier tests on this process
    # stored could have pushed this test's parts out (a run failed so, its tests grouped
    # otherwise), and a part is kept only once seen twice.
    monkeypatch.setattr(fast_book, "_SEEN", type(fast_book._SEEN)(fast_book._SEEN.limit))
    monkeypatch.setattr(fast_book, "_DEFLATED",
                        type(fast_book._DEFLATED)(fast_book._DEFLATED.limit))
    for level in (None, 9, 1, None):
        plain = tmp_path / f"plain-{level}.xlsx"
        with fast_book.compression(level or 6):
            fed.append(0)
            stored_book(plain, xlsxwriter.Workbook, constant_memory)
            everything = fed[-1]
            for n in range(3):
                fed.append(0)
                stored_book(tmp_path / f"fast-{level}-{n}.xlsx", fast_book.FastWorkbook,
                            constant_memory)
                assert (tmp_path / f"fast-{level}-{n}.xlsx").read_bytes() == \
                    plain.read_bytes(), (level, n)
        with zipfile.ZipFile(plain) as zf:
            total = sum(info.file_size for info in zf.infolist())
            theme = zf.getinfo("xl/theme/theme1.xml").file_size
            assert zf.getinfo("xl/worksheets/sheet2.xml").file_size > fast_book._SAME_LIMIT
        assert everything == total  # xlsxwriter's own Workbook: every part deflated
        assert fed[-1] <= total - theme  # the third time: not the repeated parts


@pytest.mark.parametrize("limit", [None, 1 << 16], ids=["in-memory", "spilled"])
def test_a_streamed_workbook_is_made_in_memory_but_for_sheets_of_many_rows(
        tmp_path, monkeypatch, limit) -> None:
    """A streamed FastWorkbook (the consolidated workbook) is made in memory, not in a
    named temporary file per part as xlsxwriter makes it, but for a sheet whose rows
    are over ``fast.parts.ROWS_IN_MEMORY``: that one is made in a temporary file, stored
    from it and removed. Either way the file is xlsxwriter's, byte for byte, and no
    temporary file is left."""
    plain, fast = tmp_path / "plain.xlsx", tmp_path / "fast.xlsx"
    if limit:  # the large sheet's rows (about 100 KB) over it, the small one's under
        monkeypatch.setattr(fast_parts, "ROWS_IN_MEMORY", limit)
    made = []
    mkstemp = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: made.append(mkstemp(*a, **k))
                        or made[-1])
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with fast_book.compression(1):
        stored_book(fast, fast_book.FastWorkbook, True)
    assert len(made) == (1 if limit else 0)  # the large sheet's part, when spilled
    assert not list(scratch.iterdir())
    monkeypatch.undo()
    with fast_book.compression(1):
        stored_book(plain, xlsxwriter.Workbook, True)
    assert fast.read_bytes() == plain.read_bytes()


def test_a_streamed_workbook_is_made_in_files_where_lines_end_otherwise(
        tmp_path, monkeypatch) -> None:
    """Where text files end lines with "\\r\\n" (Windows), xlsxwriter's parts made in
    files have them (each part's XML declaration, a cell's line breaks) and parts made
    in memory do not: there a streamed FastWorkbook is made in files, as xlsxwriter makes
    it, not in memory (the same file, byte for byte, is checked on Linux only)."""
    import os

    monkeypatch.setattr(os, "linesep", "\r\n")
    made = []
    mkstemp = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: made.append(mkstemp(*a, **k))
                        or made[-1])
    stored_book(tmp_path / "fast.xlsx", fast_book.FastWorkbook, True)
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as book:
        assert len(made) == len(book.infolist())  # every part, in a file of its own


@pytest.mark.parametrize("failure", ["zip", "sheet", "interrupted"])
def test_a_streamed_workbook_that_fails_leaves_no_temporary_file(
        tmp_path, monkeypatch, failure) -> None:
    """The sheets whose rows spilled are made in temporary files before any part is
    stored: a full disk while the zip is written (or a sheet made), or a Ctrl-C, left
    them in the temporary folder (the workbook's largest parts, at every merge tried)."""
    import errno

    monkeypatch.setattr(fast_parts, "ROWS_IN_MEMORY", 1 << 10)  # both sheets spill
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    error = KeyboardInterrupt if failure == "interrupted" else OSError
    if failure == "sheet":  # the second sheet's part, once the first one's is made
        made = []
        assemble = FastWorksheet._assemble_xml_file

        def fail(self) -> None:
            made.append(self.name)
            if len(made) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            assemble(self)

        monkeypatch.setattr(FastWorksheet, "_assemble_xml_file", fail)
    else:
        def fail(self, data) -> None:
            raise error(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(zipfile._ZipWriteFile, "write", fail)
    with pytest.raises((error, xlsxwriter.exceptions.FileCreateError)):
        with fast_book.compression(1):
            stored_book(tmp_path / "fast.xlsx", fast_book.FastWorkbook, True)
    assert not list(scratch.iterdir())


@pytest.mark.parametrize("future", [False, True])
def test_formulas_are_prepared_as_xlsxwriter_prepares_them(future) -> None:
    """The quicker worksheet passes over xlsxwriter's regular expressions only for a
    formula none of them can match (no parenthesis): the same text either way."""
    formulas = ['"Quá hạn"', '=$J5="Quá hạn"', "{=A1}", "=1", "5", "", "={1,2}",
                "=SUM(A1:A3)", "{=UNIQUE(A1:A9)}", "=_xlfn.XLOOKUP(1,A:A,B:B)", "=ACOT(2)",
                "=A1&\"(\"", "=CHOOSEROWS(A1:B2,1)", "{=}", "=={"]
    plain, fast = Worksheet(), FastWorksheet()
    for sheet in (plain, fast):
        sheet.use_future_functions = future
    for formula in formulas:
        for expand in (False, True):
            assert fast._prepare_formula(formula, expand) == \
                plain._prepare_formula(formula, expand), formula


@pytest.mark.parametrize("level", [None, 1, 9])
@pytest.mark.parametrize("cls", [fast_book.FastWorkbook, xlsxwriter.Workbook])
def test_a_workbook_is_stored_at_its_compression_level(tmp_path, level, cls) -> None:
    """Inside fast.book.compression(level), every part of a workbook closed is deflated at
    that level, streamed or not; outside (and after), at zipfile's default, as
    xlsxwriter stores it."""
    import zlib

    for constant_memory in (False, True):
        path = tmp_path / f"{level}-{constant_memory}.xlsx"
        wb = cls(str(path), {"constant_memory": constant_memory})
        ws = wb.add_worksheet()
        for r in range(300):
            ws.write_string(r, 0, f"Nhiệm vụ {r % 7} của đơn vị {r % 13}, quý {r % 4}")
        if level is None:
            wb.close()
        else:
            with fast_book.compression(level):
                wb.close()
        plain = tmp_path / f"plain-{constant_memory}.xlsx"
        xlsxwriter.Workbook(str(plain), {"constant_memory": constant_memory}).close()
        for name, wanted in ((path, 6 if level is None else level), (plain, 6)):
            with zipfile.ZipFile(name) as zf:
                for info in zf.infolist():
                    deflate = zlib.compressobj(wanted, zlib.DEFLATED, -15)
                    data = zf.read(info)
                    assert info.compress_size == len(deflate.compress(data)
                                                     + deflate.flush()), (name.name, info)


@pytest.mark.parametrize("fast", [False, True])
def test_a_written_consolidated_workbook_leaves_no_cycles(hh_samples_merged, tmp_path,
                                                          monkeypatch, fast) -> None:
    """Everything the consolidated workbook's writer made is freed when it is done,
    without the cyclic collector (fast.book.release breaks xlsxwriter's worksheet ->
    workbook cycle), whichever workbook class wrote it."""
    import gc

    result, _ = hh_samples_merged
    snapshot = load_snapshot(result.db, "9T", result.plan_key)
    monkeypatch.setattr(consolidated_write, "FAST_SHEETS", fast)
    consolidated_write.write_consolidated(snapshot, tmp_path / "warm.xlsx")  # caches, imports
    gc.collect()
    gc.disable()  # no collection in between: whatever cycles it leaves are still there
    try:
        consolidated_write.write_consolidated(snapshot, tmp_path / "OUT.xlsx")
        assert gc.collect() == 0
    finally:
        gc.enable()


_SPACES = st.sampled_from([" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0",
                           "\u2003", "\u3000", "\u200b", "\ufeff", "a", "ệ", "_"])


@given(st.lists(_SPACES, max_size=6).map("".join) | st.text(max_size=12))
def test_preserved_space_is_xlsxwriters(text):
    """The shared strings' and inline strings' xml:space test without regular
    expressions says what xlsxwriter's says, white space of every kind included."""
    assert fast_sheet.preserves_space(text) == bool(_preserve_whitespace(text))
