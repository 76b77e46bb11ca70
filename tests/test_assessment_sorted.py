"""A verdict is recorded for the row it was typed on. The consolidated workbook's lead
rows carry a key (the hidden last column) the office does not read: rows sorted on their
visible columns only (the key column left out of the selection, or Excel's "continue with
the current selection") put each verdict beside another row's key, which recorded it for
another unit's product without a word. A row whose own cells (the unit's name, the
product's id) show another row than its key is not recorded, and `cchc-xl assess` and the
web app's upload name its cell and say what to do; a workbook sorted whole rows at a time,
filtered, wrapped, or saved by LibreOffice is read as before."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Alignment
from test_assessment_answers import Office, two_returns_merged
from test_figures import run

from cchc_xl.assessment import COLUMN, KEY_COLUMN, LEAD_COLUMN, read_assessments
from cchc_xl.consolidated.link import record_assessments
from cchc_xl.vocab import FAIL, PASS
from support.tools import convert, needs_libreoffice

SORTED = ("có vẻ các dòng đã được sắp xếp mà không chọn cột 'Khóa dòng (không sửa)'")


@pytest.fixture
def office(tmp_path) -> Office:
    return two_returns_merged(tmp_path)


def _typed(office: Office, verdicts: dict[str, str]):
    """The consolidated workbook opened, ``verdicts`` typed by key ("NV|TC-01"): it, and
    each sheet's (header row, key column, assessment column) by title."""
    wb = load_workbook(office.out)
    columns = {}
    for ws in wb.worksheets:
        header = [c.value for c in ws[4]]
        if COLUMN not in header:
            continue
        key, col = header.index(KEY_COLUMN) + 1, header.index(COLUMN) + 1
        columns[ws.title] = (header, key, col)
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, key).value in verdicts:
                ws.cell(r, col).value = verdicts[ws.cell(r, key).value]
    return wb, columns


def _sort(wb, columns, *, whole_rows: bool) -> None:
    """Each area sheet's rows sorted by the unit's name, descending, as Excel does it once
    the merged cells are unmerged: the visible columns (A to the assessment column) only,
    the keys left in place, or ``whole_rows``."""
    for title, (header, key, col) in columns.items():
        ws = wb[title]
        for merged in list(ws.merged_cells.ranges):
            if merged.min_row > 4:
                ws.unmerge_cells(str(merged))
        last = key if whole_rows else col
        rows = [[ws.cell(r, c).value for c in range(1, last + 1)]
                for r in range(5, ws.max_row + 1)]
        name = header.index(LEAD_COLUMN)
        rows.sort(key=lambda values: values[name] or "", reverse=True)
        for r, values in enumerate(rows, start=5):
            for c, value in enumerate(values, start=1):
                ws.cell(r, c).value = value


def _keys_of(wb, columns, verdicts: dict[str, str]) -> dict[str, str]:
    """Where each verdict is now: the cell of the row showing its unit's name and product,
    by verdict, and the key beside it."""
    out = {}
    for title, (_, key, col) in columns.items():
        ws = wb[title]
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, col).value in verdicts.values():
                out[ws.cell(r, col).value] = (f"trang '{title}' ô {ws.cell(r, col).coordinate}",
                                              ws.cell(r, key).value)
    return out


def _verdicts(office: Office) -> list[tuple]:
    with sqlite3.connect(office.db) as con:
        return sorted(con.execute("SELECT unit, deliverable, verdict FROM assessments"
                                  " WHERE verdict IS NOT NULL"))


TYPED = {"NV|TC-01": "Đạt", "TP|TC-02": "Chưa đạt: thiếu văn bản"}


def test_rows_sorted_without_their_keys_are_not_recorded_and_named(office):
    wb, columns = _typed(office, TYPED)
    _sort(wb, columns, whole_rows=False)
    moved = _keys_of(wb, columns, TYPED)
    # What is tested: each verdict now beside another row's key.
    assert all(TYPED.get(key) != text for text, (_, key) in moved.items()), moved
    wb.save(office.out)
    code, output = run("assess", office.out)
    assert code == 1, output
    assert _verdicts(office) == []  # neither judged the unit and product of its key
    assert "không ghi đánh giá của " in output and SORTED in output, output
    for text, (cell, _) in moved.items():
        assert f"{cell} ('{text}'): dòng ghi " in output, output
    assert "hoàn tác việc sắp xếp" in output


def test_the_web_upload_is_told_the_same(office):
    """The web app's Báo cáo page reads an upload with record_assessments: what it says
    (``kept``, added to its message) names the cells."""
    wb, columns = _typed(office, TYPED)
    _sort(wb, columns, whole_rows=False)
    moved = _keys_of(wb, columns, TYPED)
    wb.save(office.out)
    kept: list[str] = []
    record_assessments(office.db, office.master.plan.key, "9T", office.out,
                       source="tong-hop.xlsx", kept=kept)
    assert _verdicts(office) == []
    (said,) = [k for k in kept if SORTED in k]
    for text, (cell, _) in moved.items():
        assert f"{cell} ('{text}')" in said, said


def test_a_merge_does_not_read_them_back_either(office):
    wb, columns = _typed(office, TYPED)
    _sort(wb, columns, whole_rows=False)
    wb.save(office.out)
    office.merge(office.send("X1", "X1.xlsx", {}, 16))
    assert _verdicts(office) == []


@pytest.mark.parametrize("edit", ["whole-rows", "filtered-wrapped", "untouched"])
def test_a_workbook_edited_as_the_office_may_is_read_without_a_word(office, edit):
    wb, columns = _typed(office, TYPED)
    if edit == "whole-rows":
        _sort(wb, columns, whole_rows=True)
    elif edit == "filtered-wrapped":
        for title, (_, _, col) in columns.items():
            ws = wb[title]
            for r in range(5, ws.max_row + 1):
                ws.row_dimensions[r].hidden = ws.cell(r, col).value is None
                for c in range(1, col + 1):
                    ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(office.out)
    code, output = run("assess", office.out)
    assert code == 0, output
    assert _verdicts(office) == [("NV", "TC-01", PASS), ("TP", "TC-02", FAIL)]


@needs_libreoffice
def test_a_workbook_saved_by_libreoffice_is_read_without_a_word(office, tmp_path):
    wb, _ = _typed(office, TYPED)
    typed = tmp_path / "go" / "tong-hop-9T.xlsx"
    typed.parent.mkdir()
    wb.save(typed)
    office.out.unlink()
    convert(typed, office.out.parent)
    code, output = run("assess", office.out)
    assert code == 0, output
    assert _verdicts(office) == [("NV", "TC-01", PASS), ("TP", "TC-02", FAIL)]


def test_a_unit_renamed_since_the_workbook_was_written_is_not_taken_for_a_sort(office):
    """The plan's names, read from the ledger, may differ from those a workbook written
    before shows: a name no other unit has, shown on all the unit's rows, is its own."""
    wb, _ = _typed(office, TYPED)
    wb.save(office.out)
    names = dict(office.master.names, NV="Phòng Nội vụ (đã đổi tên)")
    doubts: list[str] = []
    found = read_assessments(office.out, doubts=doubts, names=names)
    assert doubts == []
    assert found[("NV", "TC-01")].verdict == PASS
