"""Input cells a unit merged: named in a warning, read as blank (cchc_xl.intake.merged_inputs),
and found alike in a parsed sheet, a scanned part and openpyxl's read-only sheet."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cchc_xl import assignment as A
from cchc_xl import bounds, partscan
from cchc_xl.fast import reader as fast_reader
from cchc_xl.intake import FAST, OPENPYXL, Cell, ReturnedRow, read_return
from cchc_xl.intake.merged_inputs import merged_input_findings
from make_sample_returns import fill_return, realistic_answers

# The split's columns (0-based), as intake maps them: status H, percent I, date J.
COLUMNS = {name: i for i, name in enumerate(A.COLUMNS)}
STATUS = "ABCDEFGHIJKL"[COLUMNS[A.COL_STATUS]]


def rows(numbers, filled: set[str] = frozenset()) -> list[ReturnedRow]:
    """Task rows read, every input cell blank but those named in ``filled`` ("H6")."""
    out = []
    for r in numbers:
        cells = {}
        for name in A.INPUT_COLUMNS:
            at = f"{'ABCDEFGHIJKL'[COLUMNS[name]]}{r}"
            cells[name] = Cell("x" if at in filled else None, at)
        out.append(ReturnedRow("S", r, cells))
    return out


def test_a_status_merged_down_names_the_cells_read_as_blank() -> None:
    (found,) = merged_input_findings([f"{STATUS}5:{STATUS}7"], "Thể chế", COLUMNS,
                                     rows([5, 6, 7, 8], {f"{STATUS}5"}))
    assert found.code == "merged-input-cells" and found.severity == "warning"
    assert (found.sheet, found.cell) == ("Thể chế", f"{STATUS}6")
    assert (f"các ô {STATUS}5:{STATUS}7 đã bị gộp thành một ô: tệp chỉ giữ nội dung của ô "
            f"{STATUS}5, nên các ô {STATUS}6, {STATUS}7 được đọc là để trống") in found.message
    assert "bỏ gộp ô" in found.message


def test_a_long_range_is_counted_not_listed() -> None:
    read = rows(range(5, 105), {f"{STATUS}5", f"{STATUS}50"})
    (found,) = merged_input_findings([f"{STATUS}5:{STATUS}104"], "S", COLUMNS, read)
    # 100 rows, the first cell holds the value, one other its own: 98 read as blank.
    assert f"{STATUS}6, {STATUS}7, {STATUS}8, {STATUS}9 và 94 ô khác" in found.message


def test_cells_under_a_range_with_values_of_their_own_are_read_as_they_are() -> None:
    read = rows([5, 6], {f"{STATUS}5", f"{STATUS}6"})
    assert merged_input_findings([f"{STATUS}5:{STATUS}6"], "S", COLUMNS, read) == []


def test_past_twenty_ranges_the_rest_are_counted() -> None:
    read = rows(range(5, 60))
    refs = [f"{STATUS}{r}:{STATUS}{r + 1}" for r in range(5, 59, 2)]  # 27 ranges
    found = merged_input_findings(refs + refs[:3], "S", COLUMNS, read)  # 3 given twice
    assert len(found) == 21
    assert found[-1].message.startswith("còn 7 vùng ô gộp khác trên các cột nhập liệu")
    assert "Unmerge Cells" in found[-1].message


def test_ranges_that_hide_no_input_say_nothing() -> None:
    read = rows([5, 6, 7])
    assert merged_input_findings(["A5:A7", "C5:C7", "B2:L2"], "S", COLUMNS, read) == []
    # One input cell merged with read-only ones to its left: it is the range's only
    # input, but not its first cell, so it reads as blank.
    (found,) = merged_input_findings([f"G5:{STATUS}5"], "S", COLUMNS, read)
    assert found.cell == f"{STATUS}5"
    # Rows that were not read (past the task rows) and ranges that are not ranges.
    assert merged_input_findings([f"{STATUS}20:{STATUS}30", "", "H", "1:3", "ZZZZ9:A"],
                                 "S", COLUMNS, read) == []


def _part(refs: list[str], prefix: str = "", quote: str = '"') -> bytes:
    """A worksheet part with rows and the merged ranges ``refs``."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns{":" + prefix if prefix else ""}="{fast_reader.MAIN}"'
    rows = "".join(f'<{p}row r="{r}"><{p}c r="A{r}" t="inlineStr"><{p}is><{p}t>'
                   f"&lt;mergeCell ref=&quot;Z{r}:Z{r + 1}&quot;/&gt;</{p}t></{p}is></{p}c>"
                   f"</{p}row>" for r in range(1, 60))  # decoys: text that looks like a tag
    cells = "".join(f"<{p}mergeCell ref={quote}{ref}{quote}/>" for ref in refs)
    return (f'<?xml version="1.0"?><{p}worksheet {xmlns}><{p}sheetData>{rows}</{p}sheetData>'
            f'<{p}mergeCells count="{len(refs)}">{cells}</{p}mergeCells></{p}worksheet>'
            ).encode()


@settings(max_examples=30, deadline=None)
@given(refs=st.lists(st.from_regex(r"[A-L][1-9][0-9]{0,3}:[A-L][1-9][0-9]{0,3}",
                                   fullmatch=True), max_size=30),
       prefix=st.sampled_from(["", "x", "main"]), quote=st.sampled_from(['"', "'"]),
       block=st.integers(8, 300))  # shorter than any tag, whatever it is split at
def test_scanning_a_part_finds_what_parsing_it_finds(refs, prefix, quote, block) -> None:
    """Whatever the blocks it is read in, the scan gives the parser's ranges, and never
    takes text that only looks like a tag (it is escaped inside cells)."""
    data = _part(refs, prefix, quote)
    parsed = [el.get("ref") for el in etree.fromstring(data).iterfind(fast_reader._MERGE_CELL)]
    assert parsed == refs
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(partscan, "_SCAN_BLOCK", block)
        assert partscan.scan_merged(io.BytesIO(data)) == refs


def test_scanning_stops_at_the_bound(monkeypatch) -> None:
    monkeypatch.setattr(bounds, "MAX_MERGED", 5)
    refs = [f"H{r}:H{r + 1}" for r in range(10, 40, 2)]
    assert partscan.scan_merged(io.BytesIO(_part(refs))) == refs[:5]


@pytest.fixture
def merged_return(hh_master, hh_split, tmp_path):  # noqa: F811
    """X01's return with its first status merged down three rows (the sheet unprotected)."""
    period = hh_master.period("9T")
    answers = realistic_answers(hh_master, period, "X01")

    def merge(wb) -> None:
        ws = next(ws for ws in wb.worksheets
                  if A.COL_ID in [c.value for c in ws[A.HEADER_ROW]])
        ws.protection.sheet = False
        status = COLUMNS[A.COL_STATUS] + 1
        ws.merge_cells(start_row=A.HEADER_ROW + 1, end_row=A.HEADER_ROW + 3,
                       start_column=status, end_column=status)
        return ws.title

    return fill_return(hh_split["X01"], tmp_path / "X01.xlsx", answers, tweak=merge)


def test_both_readers_and_a_streamed_part_find_the_merged_status(merged_return,
                                                                  monkeypatch) -> None:
    first = A.HEADER_ROW + 1
    expected = f"{STATUS}{first + 1}"
    read = [read_return(merged_return, reader=reader) for reader in (FAST, OPENPYXL)]
    monkeypatch.setattr(fast_reader, "WHOLE_PART_BYTES", 0)  # every part streamed, then scanned
    read.append(read_return(merged_return, reader=FAST))
    for rf in read:
        (found,) = [f for f in rf.findings if f.code == "merged-input-cells"]
        assert found.cell == expected and found.file == str(merged_return)
        # Read as the file holds it: only the first row has a status.
        statuses = {r.row: r.cell(A.COL_STATUS).value for r in rf.rows
                    if r.sheet == found.sheet}
        assert statuses[first] and not statuses[first + 1] and not statuses[first + 2]
    assert read[0].findings == read[1].findings == read[2].findings


def test_split_workbooks_merge_no_input_cells(hh_split) -> None:  # noqa: F811
    """A split's own merged cells (a task's number and content down its products) are
    not input cells: an untouched workbook has no such warning."""
    for path in list(hh_split.values())[:8]:
        with zipfile.ZipFile(path) as zf:
            assert any(b"<mergeCell " in zf.read(n) for n in zf.namelist()
                       if n.startswith("xl/worksheets/sheet"))
        rf = read_return(path)
        assert not [f for f in rf.findings if f.code == "merged-input-cells"], path.name


def test_a_link_over_evidence_text_is_read_as_evidence(hh_master, hh_split, tmp_path,  # noqa: F811
                                                       monkeypatch) -> None:
    """Units attach a Drive link to a short text: the address is read after the text by
    both readers, parsed whole or streamed, and no warning says there is no document."""
    period = hh_master.period("9T")
    answers = realistic_answers(hh_master, period, "X01")
    url = "https://drive.google.com/file/d/1AbCdEf/view"

    sheets = []

    def link(wb) -> None:
        ws = next(ws for ws in wb.worksheets
                  if A.COL_ID in [c.value for c in ws[A.HEADER_ROW]])
        sheets.append(ws.title)
        evidence = COLUMNS[A.COL_EVIDENCE] + 1
        cell = ws.cell(A.HEADER_ROW + 1, evidence)
        cell.value = "Quyết định phê duyệt (bấm để xem)"
        cell.hyperlink = url
        inside = ws.cell(A.HEADER_ROW + 2, evidence)
        inside.value = "xem trang Hướng dẫn"
        inside.hyperlink = "#'Hướng dẫn'!A1"  # within the workbook: not evidence
        # A note linking to the documents: its address kept too (a QA pass: lost).
        note = ws.cell(A.HEADER_ROW + 3, COLUMNS[A.COL_NOTE] + 1)
        note.value = "Hồ sơ chi tiết: bấm vào đây"
        note.hyperlink = url

    sent = fill_return(hh_split["X01"], tmp_path / "X01.xlsx", answers, tweak=link)
    read = [read_return(sent, reader=reader) for reader in (FAST, OPENPYXL)]
    monkeypatch.setattr(fast_reader, "WHOLE_PART_BYTES", 0)
    read.append(read_return(sent, reader=FAST))
    for rf in read:
        evidence = {r.row: r.cell(A.COL_EVIDENCE).value for r in rf.rows
                    if r.sheet == sheets[0]}
        assert evidence[A.HEADER_ROW + 1] == f"Quyết định phê duyệt (bấm để xem) ({url})"
        assert evidence[A.HEADER_ROW + 2] == "xem trang Hướng dẫn"
        notes = {r.row: r.cell(A.COL_NOTE).value for r in rf.rows if r.sheet == sheets[0]}
        assert notes[A.HEADER_ROW + 3] == f"Hồ sơ chi tiết: bấm vào đây ({url})"
    assert read[0].rows == read[1].rows == read[2].rows


def test_a_sheet_with_as_many_ranges_as_are_read_says_the_rest_were_not(monkeypatch) -> None:
    """150,000 merged ranges, two of them over status cells past the first 10,000: the
    cells under them read as blank, and nothing said why (a probe). Reaching the bound,
    the office and the unit are told that ranges past it were not looked at."""
    monkeypatch.setattr(bounds, "MAX_MERGED", 3)
    read = rows([5, 6, 7])
    refs = ["M1:N1", "M2:N2", "M3:N3"]  # as many as the reader keeps, none over an input
    (found,) = merged_input_findings(refs, "S", COLUMNS, read)
    assert found.code == "merged-input-cells" and found.sheet == "S"
    assert found.message.startswith("trang có từ 3 vùng ô gộp trở lên: chỉ 3 vùng đầu được xét")
    assert merged_input_findings(refs[:2], "S", COLUMNS, read) == []
