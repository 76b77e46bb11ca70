"""Rows laid out as a sheet before are written from its XML (cchc_xl/fast/rowmemo.py): the
same file as writing them, used only where every text takes the same place in the
shared strings, and never when anything else is written into the sheet."""

from __future__ import annotations

import pickle
from datetime import datetime

import pytest
from test_fast_sheet import assert_same_parts

from cchc_xl import pool, split, styles
from cchc_xl.fast import book as fast_book
from cchc_xl.fast import rowmemo
from cchc_xl.fast.rowmemo import RowsMemo
from make_sample_returns import ISSUED_AT

FORMATS = {"cell": {"border": 1, "text_wrap": True}, "bold": {"bold": True}}


@pytest.fixture
def given(monkeypatch) -> list[str]:
    """The names of the sheets given their rows."""
    names: list[str] = []
    give = rowmemo._give

    def spy(ws, kept, texts):
        names.append(ws.name)
        give(ws, kept, texts)

    monkeypatch.setattr(rowmemo, "_give", spy)
    return names


def book(path, memo: RowsMemo, unit: str, before: tuple[str, ...] = (),
         then=None, numbered: str | None = None, merged_to: int = 2) -> None:
    """A workbook of two sheets: texts on the first (``before``, and a number in the
    format ``numbered``), then rows given to ``memo`` on the second, the first of them
    the unit's own text, under a title merged up to column ``merged_to``."""
    wb = fast_book.FastWorkbook(str(path))
    wb.set_properties({"created": datetime(2024, 1, 1)})
    fmt = {name: wb.add_format(props) for name, props in FORMATS.items()}
    styles.number_formats(fmt.values())
    first = wb.add_worksheet("Trước")
    for r, text in enumerate(before):
        first.write_string(r, 0, text)
    if numbered:
        first.write_number(len(before), 0, 1, fmt[numbered])
    ws = wb.add_worksheet("Nhiệm vụ")
    ws.set_column(0, 2, 20)
    ws.merge_range(0, 0, 0, merged_to, "")
    rows = [(0, ((0, unit, "bold"),), 21.0),
            (1, ((0, "Nhiệm vụ chung", "cell"), (1, 50, "cell"), (2, None, "cell")), 30.0),
            (2, ((0, "Sản phẩm & kết quả", "cell"), (1, "Trước", "cell")), 15.0)]
    memo.write(ws, "nhiệm vụ", rows, fmt)
    if then is not None:
        then(ws)
    wb.close()


def written_afresh(path, unit: str, before: tuple[str, ...] = (), **settings):
    """The same workbook with its rows written cell by cell."""
    book(path, RowsMemo(), unit, before, **settings)
    return path


def test_rows_seen_twice_are_given_from_then_on(tmp_path, given) -> None:
    memo = RowsMemo()
    units = [("Xã A", ()), ("Xã B", ()), ("Xã C", ()), ("Phường Dài Tên Hơn", ()),
             ("Xã D", ("Xã D",))]  # its text in the shared strings already, at its place
    for n, (unit, before) in enumerate(units):
        book(tmp_path / f"{n}.xlsx", memo, unit, before)
        assert_same_parts(tmp_path / f"{n}.xlsx",
                          written_afresh(tmp_path / f"{n}-own.xlsx", unit, before))
    # Seen, then kept, then given: another unit's text in the same place too.
    assert given == ["Nhiệm vụ"] * 3


@pytest.mark.parametrize("before", [
    ("Một văn bản mới",),  # every new text one place further on
    ("Trước",),  # a text of the rows, already in the shared strings
], ids=["shifted", "shared-before"])
def test_rows_whose_texts_take_other_places_are_written(tmp_path, given, before) -> None:
    memo = RowsMemo()
    book(tmp_path / "a.xlsx", memo, "Xã A")
    book(tmp_path / "b.xlsx", memo, "Xã B")
    book(tmp_path / "c.xlsx", memo, "Xã D", before)
    assert given == []
    assert_same_parts(tmp_path / "c.xlsx", written_afresh(tmp_path / "own.xlsx", "Xã D",
                                                          before))
    # And the kept XML is still given where the texts fall in their places.
    book(tmp_path / "d.xlsx", memo, "Xã E")
    assert given == ["Nhiệm vụ"]


def test_formats_used_first_elsewhere_keep_their_numbers(tmp_path, given) -> None:
    """A format a sheet before the rows uses first is not numbered before the others
    (the rows' XML holds the formats' numbers): styles.number_formats."""
    memo = RowsMemo()
    book(tmp_path / "a.xlsx", memo, "Xã A")
    book(tmp_path / "b.xlsx", memo, "Xã B")
    book(tmp_path / "c.xlsx", memo, "Xã C", numbered="cell")
    assert given == ["Nhiệm vụ"]
    assert_same_parts(tmp_path / "c.xlsx", written_afresh(tmp_path / "own.xlsx", "Xã C",
                                                          numbered="cell"))


def test_rows_written_into_after_the_first_time_are_not_kept(tmp_path, given) -> None:
    memo = RowsMemo()
    book(tmp_path / "a.xlsx", memo, "Xã A")
    # A cell inside the rows (the sheet spans no more), another below them.
    book(tmp_path / "b.xlsx", memo, "Xã B", then=lambda ws: ws.write_string(2, 2, "thêm"))
    book(tmp_path / "c.xlsx", memo, "Xã C", then=lambda ws: ws.write_string(5, 0, "thêm"))
    book(tmp_path / "d.xlsx", memo, "Xã D")
    assert given == []
    assert_same_parts(tmp_path / "d.xlsx", written_afresh(tmp_path / "own.xlsx", "Xã D"))


def test_rows_under_a_wider_sheet_are_written(tmp_path, given) -> None:
    """The same rows, but the sheet spans more before them (a wider title): its
    dimension is not the kept rows'."""
    memo = RowsMemo()
    book(tmp_path / "a.xlsx", memo, "Xã A")
    book(tmp_path / "b.xlsx", memo, "Xã B")
    book(tmp_path / "c.xlsx", memo, "Xã C", merged_to=5)
    assert given == []
    assert_same_parts(tmp_path / "c.xlsx", written_afresh(tmp_path / "own.xlsx", "Xã C",
                                                          merged_to=5))


def test_a_cell_written_into_given_rows_stops_the_workbook(tmp_path, given) -> None:
    memo = RowsMemo()
    book(tmp_path / "a.xlsx", memo, "Xã A")
    book(tmp_path / "b.xlsx", memo, "Xã B")
    with pytest.raises(RuntimeError, match="rowmemo"):
        book(tmp_path / "c.xlsx", memo, "Xã C", then=lambda ws: ws.write_string(2, 2, "thêm"))


def test_a_memo_sent_to_another_process_arrives_empty(tmp_path, given) -> None:
    """Its keys may hold ids of objects of the process that made it."""
    memo = RowsMemo()
    book(tmp_path / "a.xlsx", memo, "Xã A")
    book(tmp_path / "b.xlsx", memo, "Xã B")
    copy = pickle.loads(pickle.dumps(memo))
    book(tmp_path / "c.xlsx", copy, "Xã C")
    book(tmp_path / "d.xlsx", copy, "Xã D")
    assert given == []
    book(tmp_path / "e.xlsx", memo, "Xã E")
    assert given == ["Nhiệm vụ"]


def test_large_rows_are_not_kept(tmp_path, given, monkeypatch) -> None:
    monkeypatch.setattr(rowmemo, "_XML_LIMIT", 100)
    memo = RowsMemo()
    for unit in ("Xã A", "Xã B", "Xã C"):
        book(tmp_path / f"{unit}.xlsx", memo, unit)
    assert given == []


def test_a_split_gives_repeated_sheets_their_rows_and_writes_the_same_files(
        hh_master, tmp_path, monkeypatch, given) -> None:
    """The Hoằng Hóa plan (its communes have the same tasks), in one process: most
    sheets given, every file the same bytes as with every row written."""
    monkeypatch.setattr(pool, "cores", lambda: 1)
    memo = split.split_master(hh_master, "9T", tmp_path / "memo", issued_at=ISSUED_AT)
    sheets = len(given)
    monkeypatch.setattr(RowsMemo, "write",
                        lambda self, ws, key, rows, fmt: rowmemo._write(ws, rows, fmt))
    plain = split.split_master(hh_master, "9T", tmp_path / "plain", issued_at=ISSUED_AT)
    assert sheets >= 4 * len(memo.files)  # the guide and most task sheets
    for a, b in zip(memo.files, plain.files, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes(), a.path.name
