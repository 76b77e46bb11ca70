"""A task row the unit copied (whole row, its id in column A with it) and pasted below
the table is judged as a row copied within the table is (validate's row-duplicate,
docs/validation.md "The rows"): read wherever it was pasted, never dropped unseen, and
the row in its place never silently overridden (a QA pass: a copy pasted far below
was not read at all, its answer lost without a word)."""

from __future__ import annotations

from copy import copy
from datetime import date

import pytest
from openpyxl import load_workbook

from cchc_xl import assignment as A
from cchc_xl.intake import FAST, OPENPYXL, read_return
from cchc_xl.merge import merge_returns
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, done, locate

TASK = "CV-03"  # Phòng Nội vụ leads it, due 31/12/2023
ANSWERED = doing(50)
COPY_SAYS = done(date(2023, 8, 15), "Quyết định số 45/QĐ-UBND ngày 15/08/2023")
# A few rows under the last task row (read before the fix too), and far under it: past
# the rows read for the task table, where a copy used to be dropped without a word.
BELOW = pytest.mark.parametrize("gap", [4, 100], ids=["just-below", "far-below"])


def _copied_below(sheet: str, row: int, gap: int, edit: dict[str, object] | None,
                  clear_original: bool):
    """A tweak: the whole of ``row`` copied ``gap`` rows under the sheet's last row, the
    copy's answers then made ``edit`` (None: left as copied); the original's answers
    cleared with ``clear_original``."""
    def tweak(wb) -> None:
        ws = wb[sheet]
        cols = {c.value: c.column for c in ws[A.HEADER_ROW] if c.value}
        target = ws.max_row + gap
        for c in range(1, ws.max_column + 1):
            source, cell = ws.cell(row, c), ws.cell(target, c)
            cell.value, cell._style = source.value, copy(source._style)
        for column in A.INPUT_COLUMNS:
            if edit is not None:
                ws.cell(target, cols[column]).value = edit.get(column)
            if clear_original:
                ws.cell(row, cols[column]).value = None
        tweak.copy_row = target
    return tweak


def _merge(hh_master, hh_split, tmp_path, tweak):
    sent = fill_return(hh_split["NV"], tmp_path / "in" / "NV.xlsx", {TASK: ANSWERED},
                       saved_at=SAVED, tweak=tweak)
    out = tmp_path / "out" / "th.xlsx"
    result = merge_returns(hh_master, [sent], "9T", out, feedback_dir=tmp_path / "fb",
                           received=date(2023, 9, 15))
    return sent, result, out


def _merged_with_copy(hh_master, hh_split, tmp_path, gap: int,
                      edit: dict[str, object] | None, clear_original: bool):
    """NV's file with TASK's row copied ``gap`` rows under its sheet (:func:`_copied_below`),
    merged: (sheet, the row's id cell, its row, the tweak, the result, the workbook)."""
    sheet, id_cell = locate(hh_split["NV"], TASK, A.COL_ID)
    row = int(id_cell[1:])
    tweak = _copied_below(sheet, row, gap, edit, clear_original)
    _, result, out = _merge(hh_master, hh_split, tmp_path, tweak)
    return sheet, id_cell, row, tweak, result, out


def _counted(out) -> tuple | None:
    """NV's row of TASK on the consolidated workbook's "Tất cả dòng": (status, percent,
    where in the file), or None when the task counts no answer of NV's."""
    ws = load_workbook(out, read_only=True)["Tất cả dòng"]
    head = None
    for row in ws.iter_rows(values_only=True):
        if head is None and row and row[0] == "Mã đơn vị":
            head = {name: i for i, name in enumerate(row)}
        elif head and row[head["Mã đơn vị"]] == "NV" and row[head["Mã nhiệm vụ"]] == TASK:
            return (row[head["Trạng thái"]], row[head["Tỷ lệ (%)"]],
                    row[head["Vị trí trong tệp"]])
    return None


def _feedback_notes(tmp_path, sheet: str) -> dict[str, str]:
    (path,) = (tmp_path / "fb").glob("*.xlsx")
    ws = load_workbook(path)[sheet]
    return {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment}


@BELOW
def test_a_copy_below_with_other_answers_counts_neither(hh_master, hh_split, tmp_path, gap):
    sheet, id_cell, row, tweak, result, out = _merged_with_copy(
        hh_master, hh_split, tmp_path, gap, COPY_SAYS, clear_original=False)
    below = tweak.copy_row
    dup = [p for p in result.files[0].problems if p.code == "row-duplicate"]
    assert sorted((p.severity, p.cell) for p in dup) == [
        ("error", f"A{below}"), ("error", id_cell)]
    for p in dup:
        assert p.sheet == sheet and p.task == TASK
        assert (f"trang '{sheet}' dòng {row}, trang '{sheet}' dòng {below}) với kết quả khác "
                "nhau" in p.message)
        assert "không dòng nào được tổng hợp" in p.message
    assert result.exit_code == 1
    assert _counted(out) is None  # the copy's "done" is not counted, nor is the original
    notes = _feedback_notes(tmp_path, sheet)
    assert notes[id_cell].startswith("[Lỗi]") and notes[f"A{below}"].startswith("[Lỗi]")
    assert f"dòng {below}" in notes[id_cell]


@BELOW
def test_an_identical_copy_below_is_a_warning_and_the_row_in_place_counts(
        hh_master, hh_split, tmp_path, gap):
    sheet, id_cell, row, tweak, result, out = _merged_with_copy(
        hh_master, hh_split, tmp_path, gap, None, clear_original=False)
    (dup,) = [p for p in result.files[0].problems if p.code == "row-duplicate"]
    assert (dup.severity, dup.cell) == ("warning", f"A{tweak.copy_row}")
    assert f"đã lấy trang '{sheet}' dòng {row} (các dòng có cùng kết quả)" in dup.message
    assert result.exit_code == 0
    assert _counted(out) == ("Đang thực hiện", 50, f"{sheet}, dòng {row}")


@BELOW
def test_only_the_copy_below_filled_counts_with_a_warning_on_the_blank_row(
        hh_master, hh_split, tmp_path, gap):
    sheet, id_cell, row, tweak, result, out = _merged_with_copy(
        hh_master, hh_split, tmp_path, gap, COPY_SAYS, clear_original=True)
    below = tweak.copy_row
    told = [p.code for p in result.files[0].problems if p.task == TASK]
    (dup,) = [p for p in result.files[0].problems if p.code == "row-duplicate"]
    assert (dup.severity, dup.cell) == ("warning", id_cell)
    assert f"đã lấy trang '{sheet}' dòng {below} (dòng duy nhất có điền kết quả)" in dup.message
    assert told == ["row-duplicate"]  # the unit filled it: not told it left it blank
    assert _counted(out) == ("Đã hoàn thành", 100, f"{sheet}, dòng {below}")
    assert _feedback_notes(tmp_path, sheet)[id_cell].startswith("[Cảnh báo]")


def test_both_readers_read_a_copy_far_below(hh_split, tmp_path):
    sheet, id_cell = locate(hh_split["NV"], TASK, A.COL_ID)
    tweak = _copied_below(sheet, int(id_cell[1:]), 100, COPY_SAYS, clear_original=False)
    sent = fill_return(hh_split["NV"], tmp_path / "NV.xlsx", {TASK: ANSWERED},
                       saved_at=SAVED, tweak=tweak)
    for reader in (FAST, OPENPYXL):
        rf = read_return(sent, reader=reader, task_rows=40)
        rows = [(r.sheet, r.row) for r in rf.rows if r.id == TASK]
        assert rows == [(sheet, int(id_cell[1:])), (sheet, tweak.copy_row)], reader


def test_text_far_below_the_table_is_still_told(hh_split, tmp_path):
    """A note typed after a long blank run (past the blank rows read) was dropped without a
    word; it is told as other content below the task rows is, and not read as a task."""
    sheet, _ = locate(hh_split["NV"], TASK, A.COL_ID)

    def note(wb) -> None:
        ws = wb[sheet]
        ws.cell(ws.max_row + 300, 12).value = "Ghi chú: số liệu đến ngày 14/9"

    sent = fill_return(hh_split["NV"], tmp_path / "NV.xlsx", {TASK: ANSWERED},
                       saved_at=SAVED, tweak=note)
    rf = read_return(sent, task_rows=1000)
    past = [f for f in rf.findings if f.code == "rows-past-limit"]
    assert [(f.sheet, f.severity) for f in past] == [(sheet, "warning")]
    assert not [r for r in rf.rows if r.sheet == sheet and r.row > 100]


def test_a_note_typed_under_the_table_is_told_where_notes_go_not_that_an_id_was_changed(
        hh_master, hh_split, tmp_path):
    """Words typed alone in column A under the table ("Ghi chú: ...") were taken for a task
    id the unit had changed: an error, "không sửa cột 'Mã nhiệm vụ'", and exit 1 (a QA
    pass). They are a note outside the table: warned, the unit told where notes go."""
    note = "Ghi chú: đơn vị đề nghị bổ sung kinh phí cho nhiệm vụ số hóa hồ sơ"

    def tweak(wb) -> None:
        ws = wb["Chế độ công vụ"]
        ws.cell(ws.max_row + 2, 1).value = note
        tweak.row = ws.max_row

    _, result, out = _merge(hh_master, hh_split, tmp_path, tweak)
    problems = result.files[0].problems
    assert "row-unknown-id" not in {p.code for p in problems}
    (told,) = [p for p in problems if p.code == "text-outside-table"]
    assert (told.severity, told.sheet, told.cell) == ("warning", "Chế độ công vụ", f"A{tweak.row}")
    assert note in told.message and "cột 'Ghi chú' của dòng nhiệm vụ" in told.message
    assert result.exit_code == 0
    assert _counted(out)[:2] == ("Đang thực hiện", 50)  # the file's answers count


def test_an_id_changed_on_a_row_with_answers_is_still_an_error(hh_master, hh_split, tmp_path):
    """A task row whose id the unit changed (answers on it) is not taken for a note, even
    with a space in the id: its answers are not counted, and the unit must hear it."""
    def tweak(wb) -> None:
        ws = wb["Chế độ công vụ"]
        cols = {c.value: c.column for c in ws[A.HEADER_ROW] if c.value}
        (row,) = [c.row for c in ws["A"] if c.value == TASK]
        ws.cell(row, cols[A.COL_ID]).value = "CV 03 sửa"

    _, result, _ = _merge(hh_master, hh_split, tmp_path, tweak)
    (wrong,) = [p for p in result.files[0].problems if p.code == "row-unknown-id"]
    assert wrong.severity == "error" and result.exit_code == 1


def test_a_status_column_pasted_past_the_table_is_told_where_it_spilled(
        hh_master, hh_split, tmp_path):
    """A status column pasted from another file, longer than the sheet's table, spills
    below it. The unit's feedback named the empty id cell of each spilled row ("ô A13")
    as "dòng thêm không có mã nhiệm vụ", for rows it had not added (a QA pass as a
    commune's officer): each is told at, and quoting, the cell holding what spilled."""
    sheet = "Chế độ công vụ"

    def tweak(wb) -> None:
        ws = wb[sheet]
        cols = {c.value: c.column for c in ws[A.HEADER_ROW] if c.value}
        tweak.first = ws.max_row + 1
        for r, status in enumerate(["Đang thực hiện", "Đã hoàn thành"], start=tweak.first):
            ws.cell(r, cols[A.COL_STATUS]).value = status

    _, result, out = _merge(hh_master, hh_split, tmp_path, tweak)
    added = [p for p in result.files[0].problems if p.code == "row-added"]
    first, second = tweak.first, tweak.first + 1
    assert [(p.severity, p.sheet, p.cell) for p in added] == [
        ("warning", sheet, f"H{first}"), ("warning", sheet, f"H{second}")]
    assert added[0].message == (
        f"dòng {first} không có mã nhiệm vụ nhưng có nội dung (ô H{first}: 'Đang thực "
        "hiện'): nội dung không được tổng hợp; kết quả của một nhiệm vụ thì ghi vào đúng "
        "dòng của nhiệm vụ đó (không thêm dòng); điền hoặc dán thừa thì xóa nội dung dòng "
        "này")
    # The unit's feedback file marks the cell that holds it, not the empty id cell.
    notes = _feedback_notes(tmp_path, sheet)
    assert f"H{first}" in notes and f"A{first}" not in notes
    assert "(ô H" in notes[f"H{second}"] and "'Đã hoàn thành'" in notes[f"H{second}"]
    assert _counted(out)[:2] == ("Đang thực hiện", 50)  # the file's answers count
