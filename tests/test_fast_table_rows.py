"""The consolidated workbook's tables ("Tất cả dòng", "Tệp đã nhận", "Vấn đề", "Chưa
gửi") give each row to the quicker worksheet whole, its cells' XML made once per
column and value (cchc_xl/fast/parts.py, ``write_arounds``): the same file, byte for
byte, as each row written cell by cell by xlsxwriter's own worksheet, for the values a
table holds and the odd ones (a note too long for the quick way, rich-looking text, 0.0
beside -0.0, days and moments, blanks, a row written into afterwards)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from cchc_xl import styles
from cchc_xl.consolidated import write as consolidated_write
from cchc_xl.consolidated.write import _Column, _Writer
from cchc_xl.fast import book as fast_book
from cchc_xl.fast import parts as fast_parts
from cchc_xl.fast import sheet as fast_sheet
from cchc_xl.fast.sheet import FastWorksheet
from cchc_xl.xlio import new_xlsx

COLUMNS = [_Column("Mã", 10, "center"), _Column("Tên", 26), _Column("Tỷ lệ", 8, "center"),
           _Column("Ngày", 12, "center"), _Column("Lúc", 17, "time"), _Column("Ghi chú", 24),
           _Column("Lỗi", 6, "center")]

ODD = ["x" * 20_000, "<r><t>rich-looking</t></r>", " leading", "a & b <c>", "ctrl \x01",
       "_x0041_", "dòng\nhai", ""]


def table_rows(n: int) -> list[list[object]]:
    """Rows of a table as the writer gives them: units' codes and names over and over,
    percentages (0.0 and -0.0 among them), days, moments, blanks and odd texts."""
    rows = []
    for i in range(n):
        percent = (100.0, 0.0, -0.0, 50, 12.5, None, True, 7.0)[i % 8]
        rows.append([f"X{i % 37:04d}", f"Xã Thử Nghiệm {i % 37}", percent,
                     date(2023, 9, i % 28 + 1) if i % 3 else None,
                     datetime(2023, 9, 14, 8, i % 60) if i % 4 else None,
                     ODD[i % len(ODD)] if i % 5 == 0 else ("ghi chú" if i % 2 else ""),
                     (0, 1, 0, 2)[i % 4]])
    return rows


def written(path: Path, cls: type[Worksheet], rows: list[list[object]],
            written_into: bool = False) -> Path:
    """A workbook of two tables written by the consolidated workbook's writer, streamed,
    its worksheets of class ``cls``; with ``written_into``, a cell written into a row of
    the first table afterwards (before the next row), and the next one given whole."""
    wb = new_xlsx(path, cls=fast_book.workbook_class(cls is FastWorksheet),
                  constant_memory=True)
    wb.worksheet_class = cls
    wb.set_properties({"created": datetime(2023, 1, 1)})
    writer = object.__new__(_Writer)
    writer.fmt = styles.add_formats(wb)
    writer.fmt["cell_italic"] = wb.add_format({**styles.XLSX_FORMATS["cell"], "italic": True})
    writer.fmt["cell_time"] = wb.add_format({**styles.XLSX_FORMATS["cell_date"],
                                            "num_format": styles.TIME_FORMAT})
    writer.s = type("Period", (), {"period": type("P", (), {
        "name": "9 tháng", "start": date(2023, 1, 1), "cutoff": date(2023, 9, 15)})()})()
    writer.plan = type("Plan", (), {"title": "Kế hoạch"})()
    if written_into:
        def into(values):
            for i, row in enumerate(values):
                yield row
                if i == 3:
                    sheet = wb.worksheets()[-1]
                    fast_sheet.write_cells(sheet, 4 + i, [(9, "sau", writer.fmt["cell"])])
        rows = into(rows)
    writer._table(wb, "Bảng", "BẢNG", COLUMNS, rows)
    writer._table(wb, "Bảng hai", "BẢNG HAI", COLUMNS[:3], [row[:3] for row in
                                                            table_rows(50)])
    wb.close()
    return path


class Forgetful(dict):
    """A memory that keeps nothing (consolidated.write's Cache, for the plain writer)."""

    def __init__(self, limit: int) -> None:
        super().__init__()

    def put(self, key, value):
        return value


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.parametrize("written_into", [False, True], ids=["tables", "written-into"])
@pytest.mark.parametrize("caches", ["usual", "small"])
def test_a_tables_rows_given_whole_are_the_rows_xlsxwriter_writes(tmp_path, monkeypatch,
                                                                   caches, written_into):
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    rows = table_rows(300)
    with monkeypatch.context() as plainly:  # each cell made from its value, nothing kept
        plainly.setattr(consolidated_write, "Cache", Forgetful)
        plain = parts(written(tmp_path / "plain.xlsx", Worksheet, rows, written_into))
    given = []
    original = fast_parts.PartsRows.write_arounds
    monkeypatch.setattr(fast_parts.PartsRows, "write_arounds",
                        lambda self, *a: given.append((self.name, a[0])) or original(self, *a))
    if caches == "small":  # the columns' memories forget often
        monkeypatch.setattr(consolidated_write, "_KNOWN_TEXTS", 3)
        monkeypatch.setattr(fast_sheet, "_KNOWN_CELLS", 3)
        monkeypatch.setattr(fast_parts, "_ROWS_OUT", 2)
    quick = parts(written(tmp_path / "quick.xlsx", FastWorksheet, rows, written_into))
    assert list(plain) == list(quick)
    assert [name for name in plain if plain[name] != quick[name]] == []
    # Rows given whole, but those holding what only xlsxwriter writes: a text over
    # 16,383 characters (every 40th row), rich text (every 40th from the 25th).
    assert len(given) > 250
    assert not {("Bảng", 4 + i) for i in range(0, 300, 40)} & set(given)  # long notes


def made_sheet(path: Path, cls: type[Worksheet]) -> Path:
    """Rows of parts whose own cells are :class:`fast_parts.Made` (a lead row's name,
    values and key, kept with their XML), given again on many rows, with a format first
    used by one, one the quick way cannot make (too long, rich, a column that is not a
    number), and rows written into afterwards."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.set_properties({"created": datetime(2023, 1, 1)})
    formats = [wb.add_format({"border": 1}), wb.add_format({"bold": True})]
    Made, Repeated = fast_sheet.Made, fast_sheet.Repeated
    status = Repeated([(7, "Chưa gửi tệp", formats[1]), (8, None, formats[0])])
    names = [Made((6, f"Xã {n}", formats[n % 2])) for n in range(5)]
    values = [Made((9, v, formats[0])) for v in (0.0, -0.0, 12.5, date(2023, 9, 1),
                                                  datetime(2023, 9, 1, 8), 3, "x" * 20_000,
                                                  "<r><t>rich</t></r>")]
    odd = Made((9.0, "cột lạ", formats[0]))
    ws = wb.add_worksheet("Phần", worksheet_class=cls)
    for n in range(300):
        parts = [names[n % 5], status, values[n % len(values)],
                 Made((15, f"X{n:04d}|1.{n % 9}", formats[0]))]
        if n == 40:
            parts.append(Made((16, "định dạng mới", wb.add_format({"italic": True}))))
        if n % 31 == 7:
            parts.append(odd)
        fast_sheet.write_parts(ws, 2 + n, parts)
        if n % 23 == 5:
            ws.write_string(2 + n, 8, "inside a group", formats[1])
        elif n % 23 == 6:
            fast_sheet.write_cells(ws, 2 + n, [(20, "later", formats[0])])
    wb.close()
    return path


@pytest.mark.parametrize("caches", ["usual", "small"])
def test_rows_of_parts_with_cells_kept_made_are_the_rows_xlsxwriter_writes(tmp_path,
                                                                           monkeypatch,
                                                                           caches):
    plain = parts(made_sheet(tmp_path / "plain.xlsx", Worksheet))
    if caches == "small":
        monkeypatch.setattr(fast_sheet, "_KNOWN_CELLS", 3)
        monkeypatch.setattr(fast_parts, "_KNOWN_PLANS", 2)
        monkeypatch.setattr(fast_parts, "_ROWS_OUT", 2)
    made = []
    original = fast_parts.Made.made
    monkeypatch.setattr(fast_parts.Made, "made",
                        lambda self, around: made.append(self.cell) or original(self, around))
    quick = parts(made_sheet(tmp_path / "quick.xlsx", FastWorksheet))
    assert list(plain) == list(quick)
    assert [name for name in plain if plain[name] != quick[name]] == []
    # Each repeated cell's XML made once (then kept), a key's once: the five names, not
    # three hundred times.
    assert sum(1 for cell in made if cell[0] == 6) == 5


def test_a_cells_value_is_kept_by_a_key_only_a_value_written_the_same_shares():
    from datetime import timedelta, timezone

    from cchc_xl.fast.frozen import exact_key

    keys = [exact_key(v) for v in (1, 1.0, True, "1", 0.0, -0.0, 0, None, "",
                                   date(2023, 9, 1), datetime(2023, 9, 1))]
    assert len(set(keys)) == len(keys)  # 1 == 1.0 == True, 0.0 == -0.0, ...: apart
    assert exact_key(True) is None  # not kept
    assert exact_key(datetime(2023, 9, 1, tzinfo=timezone(timedelta(hours=7)))) is None
    assert exact_key(12.5) == exact_key(12.5)


@pytest.mark.slow  # traced memory: seconds
def test_a_tables_long_notes_are_not_kept_twice(tmp_path, monkeypatch):
    """A national period's notes, each long and said once, are written without their XML
    kept beside them (twice the notes' memory while the sheet is written)."""
    import tracemalloc

    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    rows = [[f"X{i:04d}", f"Xã {i}", 50.0, None, None, f"{i:05d} " + "ghi chú " * 1_999, 0]
            for i in range(600)]  # 16 KB a note, 9.6 MB in all
    tracemalloc.start()
    try:
        written(tmp_path / "notes.xlsx", FastWorksheet, rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000, peak  # 15 MB with each note's XML kept; 6.4 MB, flat, not
