"""What a unit sees in its feedback workbook: an error's cell red and a warning's
orange, as the letter's steps call them; a note's cell, which the problem list links
to, commented; a file of another unit said to be that unit's, by name."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cchc_xl import assignment as A
from cchc_xl.feedback import FEEDBACK_SHEET, STEPS
from cchc_xl.merge import merge_returns
from make_sample_returns import fill_return
from support.mistakes import doing, ids
from support.paths import HH_SAMPLES
from support.workbooks import load_workbook

LIST_FIRST_ROW = 11  # the letter's 8 lines, a blank row, the header


@pytest.fixture(scope="module")
def samples_feedback(hh_master, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("feedback-marks")
    merge_returns(hh_master, [HH_SAMPLES], "9T", tmp / "out" / "th.xlsx",
                  feedback_dir=tmp / "fb")
    return tmp / "fb"


def _rgb(cell) -> tuple[int, int, int]:
    assert cell.fill.fill_type == "solid", cell.coordinate
    rgb = str(cell.fill.fgColor.rgb)[-6:]
    return int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16)


def _listed(letter) -> list[tuple]:
    """The problem list's rows: (what, sheet, cell, severity)."""
    return [(r[1], r[2], r[3], r[5]) for r in letter.iter_rows(min_row=LIST_FIRST_ROW,
                                                                values_only=True) if r[0]]


def _texts(letter) -> list[str]:
    return [c.value for row in letter.iter_rows() for c in row if isinstance(c.value, str)]


def test_an_error_is_marked_red_and_a_warning_orange_as_the_steps_say(samples_feedback):
    """The steps said "ô tô đỏ là lỗi, tô cam là cảnh báo", but an error was filled a
    pale peach (F8CBAD) and a warning a brighter amber (FFC000): rendered, the error
    looked the milder one."""
    seen = {}
    for name in ("X02-Xã-Hoằng-Cát-phản-hồi.xlsx", "X10-Xã-Hoằng-Hà-phản-hồi.xlsx"):
        wb = load_workbook(samples_feedback / name)
        letter = wb[FEEDBACK_SHEET]
        assert STEPS in _texts(letter)
        for _, sheet, cell, severity in _listed(letter):
            if severity in ("Lỗi", "Cảnh báo"):
                seen[severity] = _rgb(wb[sheet][cell])
                font = wb[sheet][cell].font  # black (the theme's text colour) 12 pt
                assert (font.name, font.sz) == ("Times New Roman", 12)
                assert font.color is None or font.color.theme == 1 or \
                    str(font.color.rgb)[-6:] == "000000"
    assert "tô đỏ là lỗi, tô cam là cảnh báo" in STEPS
    red, orange = seen["Lỗi"], seen["Cảnh báo"]
    assert red[0] == 0xFF and red[1] < 0x80 and red[2] < 0x80  # red: no peach
    assert orange[0] == 0xFF and 0x80 <= orange[1] <= 0xB0 and orange[2] < 0x60  # orange
    # Black 12 pt text stays readable on both (WCAG contrast at least 4.5:1).
    for rgb in (red, orange):
        lin = [(c / 255 / 12.92) if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
               for c in rgb]
        luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
        assert (luminance + 0.05) / 0.05 >= 4.5


def test_a_notes_cell_the_list_links_to_says_what_is_meant(samples_feedback):
    """The list links each note ("Ghi nhận") to its cell, where nothing said what was
    meant: only errors and warnings were commented. A note's cell now has its comment,
    and no fill (the steps say so: "ô không tô màu là ghi nhận")."""
    wb = load_workbook(samples_feedback / "X02-Xã-Hoằng-Cát-phản-hồi.xlsx")
    notes = [(what, sheet, cell) for what, sheet, cell, severity in _listed(wb[FEEDBACK_SHEET])
             if severity == "Ghi nhận" and cell]
    assert notes
    for what, sheet, cell in notes:
        marked = wb[sheet][cell]
        assert marked.comment is not None, f"{sheet}!{cell}"
        assert marked.comment.text.startswith("[Ghi nhận] ")
        assert what[1:] in marked.comment.text  # the list's words, capitalised there
        # Its fill is the cell's own (an input cell's yellow), not a mark's.
        assert _rgb(marked) == (0xFF, 0xF2, 0xCC)
    assert "ô không tô màu là ghi nhận" in STEPS


def test_a_notes_mark_is_taken_off_when_the_feedback_file_comes_back(samples_feedback,
                                                                      hh_master, tmp_path):
    """A unit sends its feedback file back corrected: the earlier marks go, a note's
    cell keeps its own fill, and the new letter lists what still holds."""
    sent = tmp_path / "in" / "X02-Xã-Hoằng-Cát.xlsx"
    sent.parent.mkdir()
    sent.write_bytes((samples_feedback / "X02-Xã-Hoằng-Cát-phản-hồi.xlsx").read_bytes())
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    (again,) = [p for p in result.feedback if p.name.startswith("X02-")]
    wb = load_workbook(again)
    for _, sheet, cell, severity in _listed(wb[FEEDBACK_SHEET]):
        if severity == "Ghi nhận" and cell:
            marked = wb[sheet][cell]
            assert marked.comment.text.count("[Ghi nhận]") == 1
            assert _rgb(marked) == (0xFF, 0xF2, 0xCC)


def test_a_file_of_another_unit_says_whose_it_is(hh_master, hh_split_9t, tmp_path):
    """X02 sent X01's workbook under its own name: its feedback said "bảng được giao cho
    đơn vị khác", naming neither the file nor the unit. It now says whose file it is,
    whose it is not, and what to do."""
    split = {f.unit_code: f.path for f in hh_split_9t.files}
    did = ids(hh_master, "X01")[0]
    wrong = fill_return(split["X01"], tmp_path / "in" / split["X02"].name, {did: doing(77)},
                        saved_at=datetime(2023, 9, 12, 8))

    def guide_says_x07(wb) -> None:
        wb[A.GUIDE_SHEET][A.GUIDE_UNIT_CELL] = "X07"
        wb[A.GUIDE_SHEET]["B5"] = hh_master.unit("X07").name

    fill_return(split["X06"], tmp_path / "in" / "X07-tu-tep-X06.xlsx",
                {ids(hh_master, "X06")[0]: doing(90)}, saved_at=datetime(2023, 9, 12, 9),
                tweak=guide_says_x07)
    result = merge_returns(hh_master, [wrong.parent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    names = sorted(p.name for p in result.feedback)
    assert names == ["X02-Xã-Hoằng-Cát-phản-hồi.xlsx", "không-rõ-X07-tu-tep-X06-phản-hồi.xlsx"]
    letter = load_workbook(tmp_path / "fb" / names[0])[FEEDBACK_SHEET]
    texts = _texts(letter)
    # Why in the header, what to do in the table's row: each once.
    why = ("tệp đã gửi (X02-Xã-Hoằng-Cát.xlsx) là tệp được giao cho Thị trấn Bút Sơn (X01), "
           "không phải tệp của Xã Hoằng Cát (X02), nên chưa được tính cho đơn vị nào")
    assert "Đơn vị: Xã Hoằng Cát" in texts
    assert f"Tệp bị từ chối: {why}" in texts
    assert [(what, severity) for what, _, _, severity in _listed(letter)] == [
        ("Điền kết quả vào đúng tệp được giao cho Xã Hoằng Cát rồi gửi lại; nếu tệp này là "
         "báo cáo của Thị trấn Bút Sơn gửi giúp, báo lại cơ quan tổng hợp", "Lỗi")]
    # The office's own message (the merge's output) names both units, as before.
    assert ("tên tệp bắt đầu bằng mã đơn vị 'X02' (Xã Hoằng Cát) nhưng tệp là bảng được giao "
            "cho đơn vị 'X01' (Thị trấn Bút Sơn)") in result.summary()
    # A copy of X06's file whose guide sheet says X07, taken as nobody's: not addressed
    # as X06's ("Đơn vị: X06").
    texts = _texts(load_workbook(tmp_path / "fb" / names[1])[FEEDBACK_SHEET])
    assert ("Đơn vị: (không xác định được; tệp là tệp được giao cho Xã Hoằng Đông (X06))"
            in texts)
    assert "Đơn vị: X06" not in texts


def test_the_steps_say_a_link_is_followed_with_ctrl_in_libreoffice(samples_feedback):
    """"bấm vào ô ở cột 'Ô' để tới ô cần sửa": in LibreOffice Calc, as it comes, a click
    only selects a link's cell (Ctrl+click follows it), so a commune whose computers have
    only LibreOffice clicked and went nowhere. The feedback file says so."""
    letter = load_workbook(samples_feedback / "X02-Xã-Hoằng-Cát-phản-hồi.xlsx")[FEEDBACK_SHEET]
    (steps,) = [t for t in _texts(letter) if t.startswith("Cách làm: (1)")]
    assert "bấm vào ô ở cột \"Ô\" (LibreOffice: giữ phím Ctrl rồi bấm) để tới ô cần sửa" in steps


def test_what_staff_type_for_not_done_and_percent_in_words_is_read(hh_master, hh_split_9t,
                                                                    tmp_path):
    """A QA pass as a unit's clerk: "Chưa thực hiện được" (not yet able to) was an error,
    "trạng thái … không hợp lệ", on a row that says plainly it is not done; "70 phần
    trăm" was "không phải số". Both are now read, with a note. A cell with a note and an
    error (an "Đã HT" row whose "70 %" is understood but is not 100) said the note first
    in its comment, over the red fill: the error, what to fix, now comes first."""
    split = {f.unit_code: f.path for f in hh_split_9t.files}
    first, second, third = ids(hh_master, "X01")[:3]
    sent = fill_return(split["X01"], tmp_path / "in" / split["X01"].name, {
        first: {A.COL_STATUS: "Chưa thực hiện được", A.COL_PERCENT: 0},
        second: {A.COL_STATUS: "Đang thực hiện", A.COL_PERCENT: "70 phần trăm"},
        third: {A.COL_STATUS: "Đã HT", A.COL_PERCENT: "70 %", A.COL_DONE_ON: datetime(2023, 3, 10),
                A.COL_EVIDENCE: "Kế hoạch số 125/KH-UBND ngày 05/01/2023"},
    }, saved_at=datetime(2023, 9, 12, 8))
    result = merge_returns(hh_master, [sent.parent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    read = {a.deliverable: a for a in result.rows if a.unit == "X01"}
    assert (read[first].status, read[first].percent) == ("Chưa thực hiện", 0)
    assert (read[second].status, read[second].percent) == ("Đang thực hiện", 70)
    [file] = result.files
    said = {(p.code, p.cell): p.message for p in file.problems}
    assert ("status-invalid", "H5") not in said and ("percent-invalid", "I6") not in said
    assert said[("status-normalized", "H5")] == (
        "trạng thái 'Chưa thực hiện được' được hiểu là 'Chưa thực hiện'; lần sau chọn trong "
        "danh sách")
    assert said[("percent-text", "I6")] == "tỷ lệ gõ dạng chữ '70 phần trăm' được hiểu là 70%"
    [feedback] = result.feedback
    wb = load_workbook(feedback)
    sheet = next(s for _, s, cell, _ in _listed(wb[FEEDBACK_SHEET]) if cell == "I7")
    marked = wb[sheet]["I7"]
    assert _rgb(marked)[0] == 0xFF and _rgb(marked)[1] < 0x80  # red: an error
    assert marked.comment.text.splitlines() == [
        "[Lỗi] trạng thái 'Đã hoàn thành' nhưng tỷ lệ là 70%: ghi 100, hoặc đổi trạng thái "
        "thành 'Đang thực hiện'",
        "[Ghi nhận] tỷ lệ gõ dạng chữ '70 %' được hiểu là 70%"]


def test_a_sheets_only_row_deleted_names_its_sheet(hh_master, hh_split_9t, tmp_path):
    """X01's one row on "Chế độ công vụ" deleted (the sheet unprotected, the row taken
    for one not the unit's): the feedback's "thiếu dòng" left "Trang" blank, the sheet
    having no other row to name it by; the unit read which task, not where. It names the
    sheet split gave the area, which the file still has."""
    split = {f.unit_code: f.path for f in hh_split_9t.files}
    [only] = [r.deliverable.id for r in A.assigned_rows(hh_master, "X01") if r.area.code == "CV"]

    def delete_it(wb) -> None:
        ws = wb["Chế độ công vụ"]
        ws.delete_rows(next(r for r in range(A.HEADER_ROW + 1, ws.max_row + 1)
                            if ws.cell(r, 1).value == only))

    sent = fill_return(split["X01"], tmp_path / "in" / split["X01"].name,
                       {ids(hh_master, "X01")[0]: doing(40)},
                       saved_at=datetime(2023, 9, 12, 8), tweak=delete_it)
    result = merge_returns(hh_master, [sent.parent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    [missing] = [p for f in result.files for p in f.problems if p.code == "row-missing"]
    assert (missing.task, missing.sheet) == (only, "Chế độ công vụ")
    [feedback] = result.feedback
    listed = [(sheet, severity) for what, sheet, _, severity in _listed(
        load_workbook(feedback)[FEEDBACK_SHEET])
              if what.startswith(f"Thiếu dòng của nhiệm vụ '{only}'")]
    assert listed == [("Chế độ công vụ", "Cảnh báo")]



def test_a_task_sheet_deleted_whole_is_named_in_its_rows_findings(
        hh_master, hh_split_9t, tmp_path):
    """X01's sheet "Chế độ công vụ" deleted (the workbook's structure is not locked): each
    of its rows was "thiếu dòng của nhiệm vụ … lấy lại dòng", "Trang" blank, and the unit
    was not told that a whole sheet had gone, nor which (a QA pass of careless files).
    Each row's finding now names the sheet, to take back from the file given."""
    split = {f.unit_code: f.path for f in hh_split_9t.files}
    gone = [r.deliverable.id for r in A.assigned_rows(hh_master, "X01") if r.area.code == "CV"]
    kept = next(i for i in ids(hh_master, "X01") if i not in gone)
    sent = fill_return(split["X01"], tmp_path / "in" / split["X01"].name, {kept: doing(40)},
                       saved_at=datetime(2023, 9, 12, 8),
                       tweak=lambda wb: wb.remove(wb["Chế độ công vụ"]))
    result = merge_returns(hh_master, [sent.parent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    missing = [p for f in result.files for p in f.problems if p.code == "row-missing"]
    assert sorted(p.task for p in missing) == sorted(gone)
    for p in missing:
        assert p.message.startswith(
            f"thiếu trang 'Chế độ công vụ' (đã bị xóa?) nên thiếu dòng của nhiệm vụ '{p.task}': "
            "lấy lại trang này từ tệp được giao"), p.message
        assert p.sheet == ""  # not in the file: the message names it
    [feedback] = result.feedback
    listed = [what for what, *_ in _listed(load_workbook(feedback)[FEEDBACK_SHEET])]
    assert any(w.startswith("Thiếu trang 'Chế độ công vụ'") for w in listed), listed
