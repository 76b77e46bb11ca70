"""The feedback a merge writes for each unit (a copy of its file marked, and a letter):
what it names and says, when it is written again or taken off, and when a file gets none."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl import assignment as A
from cchc_xl import feedback, made_from
from cchc_xl.cli import main
from cchc_xl.consolidated.write import (
    FILES_SHEET,
    PROBLEMS_SHEET,
    ROWS_SHEET,
)
from cchc_xl.feedback import FEEDBACK_SHEET
from cchc_xl.merge import merge_returns
from cchc_xl.resend import RESEND_WITHIN
from make_sample_returns import fill_return, realistic_answers
from support.mistakes import SAVED, doing, done, ids, locate, split_dir
from support.paths import HH_MASTER, ROOT
from support.tools import convert, needs_libreoffice, needs_poppler
from support.workbooks import load_workbook  # merged ranges' borders not drawn


def test_taking_earlier_feedback_off_makes_no_cells():
    """Before marking a file, earlier feedback's marks are taken off. Looking at every
    place of the used range made a cell at each: a value left at XFD40 made 650,000 of
    them (memory and time in the merging process, which has no memory budget)."""
    from openpyxl import Workbook

    from cchc_xl.feedback import _clear_earlier

    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["XFD40"] = "Trạng thái", "x"
    _clear_earlier(wb)
    assert len(ws._cells) == 2


@pytest.mark.slow
def test_a_status_merged_over_several_rows_gets_feedback(hh_master, hh_split, tmp_path):
    """Merged cells in the input columns do not stop feedback for anyone: each problem
    is marked on the merged cell's first cell."""
    unit_ids = ids(hh_master, "X06")
    sheet, first = locate(hh_split["X06"], unit_ids[0], A.COL_STATUS)
    row = int(first[1:])

    def merge_status(wb):
        wb[sheet].merge_cells(f"{first}:{first[0]}{row + 2}")

    merged = fill_return(hh_split["X06"], tmp_path / "in" / "X06.xlsx",
                         {d: doing(50) for d in unit_ids}, saved_at=SAVED, tweak=merge_status)
    other = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                        {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    result = merge_returns(hh_master, [merged, other], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert sorted(p.name for p in result.feedback) == [
        "X04-Xã-Hoằng-Đạo-phản-hồi.xlsx", "X06-Xã-Hoằng-Đông-phản-hồi.xlsx"]
    ws = load_workbook(tmp_path / "fb" / "X06-Xã-Hoằng-Đông-phản-hồi.xlsx")[sheet]
    assert ws[first].comment is not None and ws[first].value == "Đang thực hiện"
    (x06,) = [f for f in result.files if Path(f.path).name == "X06.xlsx"]
    below = [p for p in x06.problems if p.cell == f"{first[0]}{row + 1}"]
    comment = ws[first].comment.text
    assert below and all(f"ô {p.cell}: {p.message}" in comment for p in below)
    # Intake's warning says why the rows below read as blank, once.
    assert "merged-input-cells" in {p.code for p in below}
    assert comment.count(f"các ô {first}:{first[0]}{row + 2} ") == 1
    assert (f"[Cảnh báo] ô {first[0]}{row + 1}: các ô {first}:{first[0]}{row + 2} đã bị gộp "
            f"thành một ô: tệp chỉ giữ nội dung của ô {first}") in comment


def test_files_are_named_as_the_office_knows_them(hh_master, hh_split, tmp_path):
    """``shown`` (the web app: the names files were uploaded by) names each file in the
    consolidated workbook's sheets instead of its path on this computer."""
    sent = fill_return(hh_split["X04"], tmp_path / "tai-len" / "a1b2c3" / "X04.xlsx",
                       {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [sent], "9T", out, shown=lambda p: f"Báo cáo {Path(p).name}")
    wb = load_workbook(out)
    cells = [c for name in (FILES_SHEET, ROWS_SHEET, PROBLEMS_SHEET)
             for row in wb[name].iter_rows(min_row=5, values_only=True) for c in row
             if isinstance(c, str) and "X04.xlsx" in c]
    assert cells and set(cells) == {"Báo cáo X04.xlsx"}
    # The same ledger merged without names writes the workbook again, with paths.
    merge_returns(hh_master, [sent], "9T", out)
    files = [r for r in load_workbook(out)[FILES_SHEET].iter_rows(min_row=5, values_only=True)
             if r[0] == "X04"]
    assert files[0][2] == str(sent)


def test_a_letter_says_no_count_of_nothing(hh_master, hh_split, tmp_path):
    """ "còn 1 lỗi phải sửa và 0 cảnh báo cần xem lại": the nought is left unsaid."""
    first, *rest = ids(hh_master, "X04")
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {first: doing(150), **{did: done() for did in rest}}, saved_at=SAVED)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "ph")
    (letter,) = result.feedback
    texts = _letter_head(letter)
    assert "Tệp được nhận; còn 1 lỗi phải sửa." in texts, texts


def test_a_plan_imported_in_capitals_is_named_in_running_text(hh_master, hh_split, tmp_path):
    """A plan imported from a Word heading in capitals put "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH
    NĂM 2023" under every sheet's title, beside sentence-case text."""
    shouting = replace(hh_master, plan=replace(
        hh_master.plan, title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023",
        authority="ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA"))
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {ids(hh_master, "X04")[0]: doing()}, saved_at=SAVED)
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(shouting, [sent], "9T", out)
    wb = load_workbook(out)
    assert wb[ROWS_SHEET]["A2"].value.startswith("Kế hoạch cải cách hành chính năm 2023 — ")
    assert wb.properties.title == "Tổng hợp 9 tháng năm 2023 - Kế hoạch cải cách hành chính " \
        "năm 2023"


def test_a_percentage_with_decimals_is_shown_as_typed(hh_master, hh_split, tmp_path):
    """50,5 typed is 50.5 in the consolidated workbook, shown with its decimals (a "0"
    format showed 51; 99,9999 on a row in progress showed 100)."""
    did = ids(hh_master, "X04")[0]
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {did: {**doing(), A.COL_PERCENT: "50,5"}}, saved_at=SAVED)
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [sent], "9T", out)
    ws = load_workbook(out)[ROWS_SHEET]
    header = [c.value for c in ws[4]]
    (cell,) = [r[header.index("Tỷ lệ (%)")] for r in ws.iter_rows(min_row=5)
               if r[0].value == "X04" and r[header.index("Mã nhiệm vụ")].value == did]
    assert (cell.value, cell.number_format) == (50.5, "General")


def test_the_writing_steps_after_the_reading_are_told(hh_master, hh_split, tmp_path):
    """After the last file was read the web job sat silent for seconds (a province's
    feedback workbooks): the consolidated workbook and each feedback workbook are told
    through the same progress callback, and the command line draws a bar for each."""
    sent = [fill_return(hh_split[u], tmp_path / "in" / f"{u}.xlsx",
                        {ids(hh_master, u)[0]: doing(150)}) for u in ("X04", "X05")]
    heard: list[tuple[int, int, str]] = []
    merge_returns(hh_master, sent, "9T", tmp_path / "out" / "th.xlsx",
                  feedback_dir=tmp_path / "fb", progress=lambda *a: heard.append(a))
    assert [h for h in heard if not h[2].startswith("Ghi")] == [
        (1, 2, "X04.xlsx"), (2, 2, "X05.xlsx")]
    assert heard[2:4] == [(0, 1, "Ghi bảng tổng hợp: th.xlsx"),
                          (1, 1, "Ghi bảng tổng hợp: th.xlsx")]
    feedback = heard[4:]
    assert [(d, n) for d, n, _ in feedback] == [(0, 2), (1, 2), (2, 2)]
    assert all(item.startswith("Ghi tệp phản hồi: X0") for _, _, item in feedback)
    out = CliRunner().invoke(main, ["merge", str(HH_MASTER), *map(str, sent), "--period", "9T",
                                    "--out", str(tmp_path / "cli" / "th.xlsx"),
                                    "--feedback", str(tmp_path / "cli-fb")])
    assert out.exit_code == 1, out.output  # the returns' errors
    labels = [line.strip() for line in out.stderr.splitlines()]
    assert [x for x in labels if x in ("Đọc tệp", "Ghi bảng tổng hợp", "Ghi tệp phản hồi")
            ] == ["Đọc tệp", "Ghi bảng tổng hợp", "Ghi tệp phản hồi"]


def _letter_head(letter: Path) -> list[str]:
    """The first lines of a feedback file's letter: who, the file, the verdict, by when."""
    return [r[0] for r in load_workbook(letter)[FEEDBACK_SHEET].iter_rows(
        max_row=8, max_col=1, values_only=True)]


def _verdict(letter: Path) -> str:
    """What a feedback letter's header says of the file: taken, or refused and why."""
    return next(line for line in _letter_head(letter)
                if line.startswith(("Tệp được nhận", "Tệp bị từ chối")))


def _x04_told(hh_master, hh_split, folder: Path, received: date, now: datetime) -> list[str]:
    """X04's return (150%: an error) merged into a new ``folder``, received on
    ``received``, at ``now``: the head of its feedback letter."""
    sent = fill_return(hh_split["X04"], folder / "in" / "X04.xlsx",
                       {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    result = merge_returns(hh_master, [sent], "9T", folder / "out" / "th.xlsx",
                           feedback_dir=folder / "fb", received=received, now=now)
    (letter,) = result.feedback
    return _letter_head(letter)


def test_feedback_gives_the_day_the_office_received_the_file(hh_master, hh_split, tmp_path):
    """The letter said the day of the merge (01/12/2026) where the office had recorded
    the day it received the file, the one lateness is judged by."""
    texts = _x04_told(hh_master, hh_split, tmp_path / "a", date(2023, 9, 19),
                      datetime(2023, 9, 19, 16))
    assert "Tệp đã nhận: X04.xlsx, ngày 19/09/2023" in texts
    # Received and told before the due date: the day as the unit's workbook says it.
    assert "Hạn gửi lại: chậm nhất ngày 20/09/2023." in texts
    # On the due day itself, "by today" would be no time at all: days from the letter.
    texts = _x04_told(hh_master, hh_split, tmp_path / "due", date(2023, 9, 20),
                      datetime(2023, 9, 20, 16))
    assert f"Hạn gửi lại: {RESEND_WITHIN}." in texts


def test_feedback_written_after_the_due_date_gives_days_not_a_day_past(
        hh_master, hh_split, tmp_path):
    """A file received on 19/09 (before the due date, 20/09) and merged on 22/09, with
    the day received given as the README asks: the letter the unit read on the 22nd said
    "Hạn gửi lại: chậm nhất ngày 20/09/2023", a day already past (a QA pass). Told after
    the due date, the unit has days from the letter, as a file received late has; the
    same merge on the 19th still gives the due date."""
    texts = _x04_told(hh_master, hh_split, tmp_path, date(2023, 9, 19),
                      datetime(2023, 9, 22, 9))
    assert "Tệp đã nhận: X04.xlsx, ngày 19/09/2023" in texts
    assert f"Hạn gửi lại: {RESEND_WITHIN}." in texts
    assert not any("20/09/2023" in t for t in texts if t.startswith("Hạn gửi lại"))


def test_feedback_no_longer_true_is_removed(hh_master, hh_split, tmp_path):
    """A unit's feedback lists the problems of its counted file: once the unit sends
    a file without them, or the file is withdrawn, the earlier feedback is removed (a
    file someone changed is left alone)."""
    from cchc_xl.merge import refresh_outputs

    did = ids(hh_master, "X04")[0]
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    wrong = fill_return(hh_split["X04"], tmp_path / "a" / "X04.xlsx", {did: doing(150)},
                        saved_at=SAVED)
    first = merge_returns(hh_master, [wrong], "9T", out, feedback_dir=fb)
    (told,) = first.feedback
    answers = realistic_answers(hh_master, hh_master.period("9T"), "X04")
    for d in ids(hh_master, "X04"):
        answers.setdefault(d, doing(40))
    right = fill_return(hh_split["X04"], tmp_path / "b" / "X04.xlsx", answers,
                        saved_at=datetime(2023, 9, 15, 8))
    again = merge_returns(hh_master, [right], "9T", out, feedback_dir=fb)
    assert again.feedback == [] and again.feedback_removed == [told] and not told.exists()
    assert "đã xóa 1 tệp phản hồi cũ không còn đúng" in again.summary()
    # Withdrawn: the file it was told about no longer counts; a changed one is kept.
    other = fill_return(hh_split["X06"], tmp_path / "c" / "X06.xlsx", {
        ids(hh_master, "X06")[0]: doing(150)}, saved_at=SAVED)
    kept = fill_return(hh_split["X02"], tmp_path / "c" / "X02.xlsx", {
        ids(hh_master, "X02")[0]: doing(150)}, saved_at=SAVED)
    told_x06, told_x02 = sorted(merge_returns(hh_master, [other, kept], "9T", out,
                                              feedback_dir=fb).feedback, reverse=True)
    gone = refresh_outputs(hh_master, "9T", out, feedback_dir=fb, withdraw=other.name)
    assert gone.feedback_removed == [told_x06] and not told_x06.exists()
    told_x02.write_bytes(told_x02.read_bytes() + b"\0")  # someone's copy, changed
    left = refresh_outputs(hh_master, "9T", out, feedback_dir=fb, withdraw=kept.name)
    assert left.feedback_removed == [] and told_x02.exists()


def test_feedback_is_written_again_only_when_what_it_says_changed(hh_master, hh_split,
                                                                   tmp_path):
    """A province merge of one late file rewrote every unit's feedback workbook (127
    files, 17 s of a 1 s merge): one whose file, problems and letter are the same is
    left as it is, annotations of the office included."""
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    x04 = fill_return(hh_split["X04"], tmp_path / "a" / "X04.xlsx",
                      {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    (told,) = merge_returns(hh_master, [x04], "9T", out, feedback_dir=fb).feedback
    made = (told.read_bytes(), told.stat().st_mtime_ns)
    x06 = fill_return(hh_split["X06"], tmp_path / "b" / "X06.xlsx",
                      {ids(hh_master, "X06")[0]: doing(150)}, saved_at=SAVED)
    late = merge_returns(hh_master, [x06], "9T", out, feedback_dir=fb)
    assert sorted(p.name for p in late.feedback) == sorted([told.name, late.feedback[-1].name])
    assert len(late.feedback) == 2
    assert (told.read_bytes(), told.stat().st_mtime_ns) == made  # not written again
    # What the letter says changed (the day received): written again.
    again = merge_returns(hh_master, [x04], "9T", out, feedback_dir=fb,
                          db=tmp_path / "other.sqlite", received=date(2023, 9, 19))
    assert told in again.feedback and told.read_bytes() != made[0]
    assert "ngày 19/09/2023" in "".join(
        str(c.value) for row in load_workbook(told)["Phản hồi"].iter_rows() for c in row)


def _letter_text(path: Path) -> str:
    return " ".join(str(c.value) for row in load_workbook(path)[FEEDBACK_SHEET].iter_rows()
                    for c in row if c.value)


def test_a_new_version_s_words_reach_feedback_written_before(hh_master, hh_split, tmp_path,
                                                              monkeypatch):
    """``merge --feedback`` with the same files after a new version of cchc-xl changed
    the letter's words kept the old words (the files' key named the file, its problems
    and the letter's facts, not the code) until the folder was deleted; the
    consolidated workbook beside it was made again. Now a feedback workbook another
    version wrote is written again, unless the office edited it since: its edits stay."""
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    x04 = fill_return(hh_split["X04"], tmp_path / "a" / "X04.xlsx",
                      {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    x06 = fill_return(hh_split["X06"], tmp_path / "b" / "X06.xlsx",
                      {ids(hh_master, "X06")[0]: doing(150)}, saved_at=SAVED)
    first = merge_returns(hh_master, [x04, x06], "9T", out, feedback_dir=fb).feedback
    plain, annotated = sorted(first, key=lambda p: "X06" in p.name)
    assert "X04" in plain.name and "X06" in annotated.name
    assert feedback.STEPS in _letter_text(plain)
    wb = load_workbook(annotated)  # the office's note to the unit, before sending it
    wb[FEEDBACK_SHEET]["A30"] = "Ghi chú của Phòng Nội vụ: gửi lại trước thứ Sáu."
    wb.save(annotated)
    edited = annotated.read_bytes()

    # The same files again: nothing written again.
    made = plain.read_bytes()
    merge_returns(hh_master, [x04, x06], "9T", out, feedback_dir=fb)
    assert plain.read_bytes() == made and annotated.read_bytes() == edited

    # A new version, whose letter words its steps otherwise.
    monkeypatch.setattr(made_from, "code_digest", lambda: "another version")
    monkeypatch.setattr(feedback, "STEPS", "Cách làm (bản mới): sửa các ô đã tô rồi gửi lại.")
    again = merge_returns(hh_master, [x04, x06], "9T", out, feedback_dir=fb)
    assert set(again.feedback) == {plain, annotated}
    assert "Cách làm (bản mới): sửa các ô đã tô rồi gửi lại." in _letter_text(plain)
    assert annotated.read_bytes() == edited  # the office's note kept
    # And once written in the new words, left as it is again.
    made = plain.read_bytes()
    merge_returns(hh_master, [x04, x06], "9T", out, feedback_dir=fb)
    assert plain.read_bytes() == made


def test_a_withdrawn_file_named_again_counts_again(hh_master, hh_split, tmp_path):
    """A file withdrawn by mistake could not be brought back: sent again, it was "đã
    nhận trước đó" and stayed withdrawn, and the unit's older file, with its errors,
    counted. Named again, it counts again; merging the folder it still lies in does
    not undo the withdrawal."""
    from cchc_xl.merge import refresh_outputs

    out = tmp_path / "out" / "th.xlsx"
    first = fill_return(hh_split["X04"], tmp_path / "in" / "X04-a.xlsx",
                        {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    fixed = fill_return(hh_split["X04"], tmp_path / "in" / "X04-b.xlsx",
                        {ids(hh_master, "X04")[0]: doing(50)},
                        saved_at=datetime(2023, 9, 15, 8))
    merge_returns(hh_master, [tmp_path / "in"], "9T", out)
    refresh_outputs(hh_master, "9T", out, withdraw=fixed.name)

    def counted(result) -> str:
        return next(Path(f.path).name for f in result.files if f.outcome == "accepted")

    folder = merge_returns(hh_master, [tmp_path / "in"], "9T", out)
    assert counted(folder) == first.name  # still withdrawn
    named = merge_returns(hh_master, [fixed], "9T", out)
    (told,) = [f for f in named.run_files if f.path == str(fixed)]
    assert told.outcome == "accepted" and told.known
    assert told.problems[0].code == "file-restored"
    assert counted(named) == fixed.name
    # Withdrawn again, then sent again as a mail's zip (the probe's office): named too.
    refresh_outputs(hh_master, "9T", out, withdraw=fixed.name)
    assert counted(merge_returns(hh_master, [tmp_path / "in"], "9T", out)) == first.name
    mailed = tmp_path / "thu" / "gui-lai-X04.zip"
    mailed.parent.mkdir()
    with zipfile.ZipFile(mailed, "w") as zf:
        zf.write(fixed, fixed.name)
    zipped = merge_returns(hh_master, [mailed], "9T", out)
    assert counted(zipped) == fixed.name
    assert [f.problems[0].code for f in zipped.run_files if f.known] == ["file-restored"]


def test_a_file_too_large_for_feedback_is_named(hh_master, hh_split, tmp_path, monkeypatch):
    did = ids(hh_master, "X04")[0]
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx", {did: doing(150)},
                       saved_at=SAVED)
    monkeypatch.setattr("cchc_xl.bounds.EDIT_MAX_BYTES", 1000)  # as if 32 MB unzipped
    result = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                       "--out", str(tmp_path / "th.xlsx"), "--feedback",
                                       str(tmp_path / "fb"), "--silent"])
    assert result.exit_code == 1, result.output
    assert "Tệp phản hồi cho đơn vị: 0 tệp" in result.output
    assert (f"Không viết tệp phản hồi cho 1 tệp quá lớn để sửa trực tiếp ({sent}): gửi đơn vị"
            " danh sách vấn đề của tệp ở trang 'Vấn đề' của bảng tổng hợp.") in result.output


def test_a_warning_for_the_office_alone_makes_no_letter_to_the_unit(hh_master, tmp_path):
    """Files received, the office said, before the units saved them (a day typed wrong):
    a warning for the office (received-before-saved) made each unit a letter of "0 lỗi,
    0 cảnh báo" that still asked it to correct and send its file again (a probe: 42
    letters where 4 units had anything to do). A letter only for what asks something of
    the unit: X02's, which has."""
    given = tmp_path / "in"
    given.mkdir()
    returns = ROOT / "workbooks" / "hoang-hoa-2023" / "returns-9T"
    for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx", "X02-xa-hoang-cat.xlsx"):
        shutil.copyfile(returns / name, given / name)
    result = merge_returns(hh_master, [given], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb", received=date(2023, 9, 1))
    warned = {Path(f.path).name for f in result.files
              if "received-before-saved" in [p.code for p in f.problems]}
    assert warned == {"NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx", "X02-xa-hoang-cat.xlsx"}
    assert [p.name for p in result.feedback] == ["X02-Xã-Hoằng-Cát-phản-hồi.xlsx"]


def test_a_second_letter_of_a_unit_named_as_split_names_files_is_not_its_name_twice(
        hh_master, hh_split, tmp_path):
    """A unit's refused file saved as "X05-Xã-Hoằng-Đạt (1).xlsx" (a browser's second
    download) beside its counted one got "X05-Xã-Hoằng-Đạt-X05-Xã-Hoằng-Đạt-1-phản-hồi.xlsx"
    (a probe)."""
    first_id = ids(hh_master, "X05")[0]
    own = fill_return(hh_split["X05"], tmp_path / "in" / "X05-Xã-Hoằng-Đạt.xlsx",
                      {first_id: doing(150)}, saved_at=datetime(2023, 9, 10, 8))
    q3 = split_dir(hh_master, "Q3", tmp_path / "q3", ("X05",))
    copy = fill_return(q3["X05"], tmp_path / "in" / "X05-Xã-Hoằng-Đạt (1).xlsx",
                       {first_id: doing(55)}, saved_at=datetime(2023, 9, 13, 10))
    result = merge_returns(hh_master, [own, copy], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert sorted(p.name for p in result.feedback) == [
        "X05-Xã-Hoằng-Đạt-1-phản-hồi.xlsx", "X05-Xã-Hoằng-Đạt-phản-hồi.xlsx"]


def test_a_second_letter_of_a_unit_with_a_long_name_has_a_name_excel_opens(
        hh_master, hh_split, tmp_path):
    """A refused file of TTVH (Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch huyện)
    with a long name of its own, beside its counted one, got a letter named by both: 135
    characters, 137 for a third copy, which Excel cannot open from a deep folder (a path
    over 218). Its name is cut between words, still after the unit's."""
    first_id = ids(hh_master, "TTVH")[0]
    own = fill_return(hh_split["TTVH"], tmp_path / "in" / "TTVH.xlsx",
                      {first_id: doing(150)}, saved_at=datetime(2023, 9, 10, 8))
    q3 = split_dir(hh_master, "Q3", tmp_path / "q3", ("TTVH",))
    long = ("Báo cáo kết quả thực hiện kế hoạch cải cách hành chính 9 tháng năm 2023 của "
            "Trung tâm Văn hóa gửi lại.xlsx")
    copies = [fill_return(q3["TTVH"], tmp_path / folder / long, {first_id: doing(55 + n)},
                          saved_at=datetime(2023, 9, 13, 10 + n))
              for n, folder in enumerate(("in2", "in3"))]
    result = merge_returns(hh_master, [own, *copies], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    names = sorted(p.name for p in result.feedback)
    assert len(names) == 3 and max(map(len, names)) <= 100, names
    unit = "TTVH-Trung-tâm-Văn-hóa-Thông-tin-Thể-thao-và-Du-lịch-huyện"
    assert names[0] == f"{unit}-Báo-cáo-kết-quả-thực-2-phản-hồi.xlsx"
    assert names[1:] == [f"{unit}-Báo-cáo-kết-quả-thực-phản-hồi.xlsx",
                         f"{unit}-phản-hồi.xlsx"]


def test_feedback_follows_the_file_that_counts(hh_master, hh_split, tmp_path):
    """Withdrawn, a unit's counted file gets no feedback: its other file does (it wrote
    over it, under the same name); a rejected file of a unit with a counted one gets its
    own feedback file beside the counted one's."""
    from cchc_xl.merge import refresh_outputs

    first_id, second_id = ids(hh_master, "X05")[:2]
    first = fill_return(hh_split["X05"], tmp_path / "in" / "lan-1.xlsx",
                        {first_id: doing(150)}, saved_at=datetime(2023, 9, 10, 8))
    second = fill_return(hh_split["X05"], tmp_path / "in" / "lan-2.xlsx",
                         {second_id: doing(150)}, saved_at=datetime(2023, 9, 12, 8))
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    merge_returns(hh_master, [first, second], "9T", out, feedback_dir=fb)
    name = "X05-Xã-Hoằng-Đạt-phản-hồi.xlsx"

    assert "Tệp đã nhận: lan-2.xlsx" in " ".join(_letter_head(fb / name))
    refresh_outputs(hh_master, "9T", out, feedback_dir=fb, withdraw="lan-2.xlsx", why="nhầm")
    assert "Tệp đã nhận: lan-1.xlsx" in " ".join(_letter_head(fb / name))
    assert sorted(p.name for p in fb.iterdir()) == [name]
    # A file of X05 for another period (rejected) beside the counted one.
    q3 = split_dir(hh_master, "Q3", tmp_path / "q3", ("X05",))
    other = fill_return(q3["X05"], tmp_path / "in" / "ky-khac.xlsx", {first_id: doing(50)},
                        saved_at=datetime(2023, 9, 13, 8))
    again = merge_returns(hh_master, [other], "9T", out, feedback_dir=fb)
    assert "X05-Xã-Hoằng-Đạt-ky-khac-phản-hồi.xlsx" in {p.name for p in again.feedback}
    assert sorted(p.name for p in fb.iterdir()) == [
        "X05-Xã-Hoằng-Đạt-ky-khac-phản-hồi.xlsx", name]
    assert "Tệp đã nhận: lan-1.xlsx" in " ".join(_letter_head(fb / name))
    # Sent once more under the same name from another folder: a third name, not over it.
    twice = fill_return(q3["X05"], tmp_path / "in2" / "ky-khac.xlsx", {first_id: doing(60)},
                        saved_at=datetime(2023, 9, 13, 9))
    merge_returns(hh_master, [twice], "9T", out, feedback_dir=fb)
    assert sorted(p.name for p in fb.iterdir()) == [
        "X05-Xã-Hoằng-Đạt-ky-khac-2-phản-hồi.xlsx", "X05-Xã-Hoằng-Đạt-ky-khac-phản-hồi.xlsx",
        name]


@pytest.mark.parametrize("own_saved, refused_told", [(14, False), (11, True)])
def test_a_refused_file_older_than_the_unit_s_counted_one_gets_no_feedback(
        hh_master, hh_split, tmp_path, own_saved, refused_told):
    """X02 sent its own file, and X01's filled in by mistake under X02's name. Its
    feedback told it only that its file was refused, while its own counted (and the
    reminder asked it to fix a cell of that one). A refused file older than the unit's
    counted one gets no letter; a newer one does, apart from the counted file's."""
    did = ids(hh_master, "X02")[0]
    own = fill_return(hh_split["X02"], tmp_path / "in" / "bao-cao-x02.xlsx",
                      {did: doing(150)}, saved_at=datetime(2023, 9, own_saved, 8))
    wrong = fill_return(hh_split["X01"], tmp_path / "in" / hh_split["X02"].name,
                        {ids(hh_master, "X01")[0]: doing(77)}, saved_at=datetime(2023, 9, 12, 8))
    result = merge_returns(hh_master, [own, wrong], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert {Path(f.path).name: f.outcome for f in result.run_files} == {
        own.name: "accepted", wrong.name: "rejected"}
    letters = [f for f in result.feedback if f.name.startswith("X02-")]
    told = [[c.value for row in load_workbook(f)[FEEDBACK_SHEET].iter_rows() for c in row
             if isinstance(c.value, str)] for f in letters]
    counted = [t for t in told if any(own.name in v for v in t)]
    assert len(counted) == 1 and any("ngoài khoảng 0–100" in v for v in counted[0])
    refused = [t for t in told if any(wrong.name in v for v in t)]
    assert bool(refused) == refused_told
    # The refused file is named as split names X02's: its letter is numbered, not
    # "X02-Xã-Hoằng-Cát-X02-Xã-Hoằng-Cát-phản-hồi.xlsx" (a probe).
    stem = hh_split["X02"].stem
    assert {f.name for f in letters} == {f"{stem}-phản-hồi.xlsx"} | (
        {f"{stem}-2-phản-hồi.xlsx"} if refused_told else set())


def test_feedback_tells_the_unit_what_to_do_not_the_offices_steps(hh_master, hh_split_of,
                                                                 tmp_path) -> None:
    """A file sent for another period got back a letter saying "gộp tệp này vào kỳ Q1
    (chọn kỳ đó khi gộp)": the office's step, in a letter to the unit."""
    q1 = hh_split_of("Q1", datetime(2023, 3, 1))
    sent = fill_return(q1["TP"], tmp_path / "in" / "TP.xlsx", {})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb", received=date(2023, 9, 19))
    (told,) = result.feedback
    text = " ".join(str(c) for row in load_workbook(told)[FEEDBACK_SHEET].iter_rows(
        values_only=True) for c in row if c)
    assert "chọn kỳ đó khi gộp" not in text
    assert "Điền kết quả 9 tháng năm 2023 vào tệp được giao cho kỳ này rồi gửi" in text
    # The file's own period named as one: "tệp được giao cho quý I năm 2023" (a QA pass).
    assert ("Tệp bị từ chối: tệp đã gửi là tệp được giao cho kỳ quý I năm 2023, không phải "
            "tệp báo cáo 9 tháng năm 2023") in text


def test_a_refused_file_answered_by_a_later_one_gets_no_feedback(hh_master, hh_split, tmp_path):
    """X02 sent its 6-month file by mistake (refused: another period), then, the next day,
    its 9-month one. The feedback ZIP still held "X02-...-X02-...-phản-hồi.xlsx" saying
    the file was refused and should be sent again (a probe): the 6-month file had been
    saved after the 9-month one, and only the saved time was compared. A file the unit
    sent after it answers a refused one, whatever their saved times."""
    did = ids(hh_master, "X02")[0]
    six = split_dir(hh_master, "6T", tmp_path / "giao-6T", ("X02",))
    wrong = fill_return(six["X02"], tmp_path / "ngay-1" / hh_split["X02"].name,
                        {did: doing(40)}, saved_at=datetime(2023, 9, 16, 8))
    own = fill_return(hh_split["X02"], tmp_path / "ngay-2" / hh_split["X02"].name,
                      {did: doing(150)}, saved_at=datetime(2023, 9, 15, 8))
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    first = merge_returns(hh_master, [wrong.parent], "9T", out, feedback_dir=fb,
                          now=datetime(2023, 9, 18, 9))
    assert [f.outcome for f in first.run_files] == ["rejected"]
    assert [f.name for f in first.feedback] == [f"{hh_split['X02'].stem}-phản-hồi.xlsx"]
    later = merge_returns(hh_master, [wrong.parent, own.parent], "9T", out, feedback_dir=fb,
                          now=datetime(2023, 9, 19, 9))
    assert {f.outcome for f in later.files} == {"rejected", "accepted"}
    # One letter for X02, of its counted file (120% is out of range), none of the refused.
    (letter,) = later.feedback
    assert letter.name == f"{hh_split['X02'].stem}-phản-hồi.xlsx"
    said = [c.value for row in load_workbook(letter)[FEEDBACK_SHEET].iter_rows() for c in row
            if isinstance(c.value, str)]
    assert any("ngoài khoảng 0–100" in v for v in said)
    assert sorted(p.name for p in fb.iterdir()) == [letter.name]


def test_the_letter_asks_nothing_for_warnings_on_rows_a_unit_only_coordinates(
        hh_master, hh_split, tmp_path):
    """A unit's only warnings were on rows it coordinates (evidence that cites no
    document), which never count: the reminder letter the chairman signs listed it
    among the units whose reports must be fixed, as it did 7 units of 8 (a probe). Its
    feedback file still says them; an error on such a row is still asked."""
    from cchc_xl.letters.remind import reminders
    from cchc_xl.report.summary import summarize
    from cchc_xl.snapshot import load_snapshot

    led = [d.id for d in hh_master.deliverables() if "X02" in d.lead]
    helped = [d.id for d in hh_master.deliverables() if "X02" in d.support]
    assert led and len(helped) >= 2
    answers = {did: done(date(2023, 8, 1)) for did in led}
    answers[helped[0]] = {**done(date(2023, 8, 1)), A.COL_EVIDENCE: "Đã phối hợp"}  # a warning
    sent = fill_return(hh_split["X02"], tmp_path / "in" / "X02.xlsx", answers,
                       saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    result = merge_returns(hh_master, [sent], "9T", out, received=date(2023, 9, 13))
    (f,) = result.files
    warned = [p for p in f.problems if p.severity == "warning"]
    assert warned and {p.task for p in warned} == {helped[0]}, [
        (p.code, p.task) for p in f.problems]
    snapshot = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T")
    assert "X02" not in {r.unit.code for r in reminders(summarize(snapshot), snapshot)}
    # An error on a coordinating row (120%) is still asked of it.
    answers[helped[1]] = doing(120)
    again = fill_return(hh_split["X02"], tmp_path / "in2" / "X02.xlsx", answers,
                        saved_at=datetime(2023, 9, 12, 9))
    merge_returns(hh_master, [sent, again], "9T", out, received=date(2023, 9, 13))
    snapshot = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T")
    (asked,) = [r for r in reminders(summarize(snapshot), snapshot) if r.unit.code == "X02"]
    assert [i.task for i in asked.items] == [helped[1]]


def test_the_letter_tells_a_unit_it_names_of_its_warnings_on_rows_it_coordinates(
        hh_master, hh_split, tmp_path):
    """X02 has an error on a row it leads and a warning on a row it only coordinates.
    Its feedback file says "1 lỗi phải sửa và 1 cảnh báo cần xem lại"; the reminder
    letter said "(1)", its annex and mail-merge list only the error: the unit, reading
    the letter, never looked at the other row (a QA pass). The letter, its annex and
    its list now count and name both, the warning as one on a row it coordinates."""
    from docx import Document

    from cchc_xl.letters.remind import write_reminders

    led = [d.id for d in hh_master.deliverables() if "X02" in d.lead]
    helped = [d.id for d in hh_master.deliverables() if "X02" in d.support]
    answers = {did: done(date(2023, 8, 1)) for did in led}
    answers[led[0]] = {**done(date(2023, 8, 1)), A.COL_EVIDENCE: None}  # an error
    answers[helped[0]] = {**done(date(2023, 8, 1)), A.COL_EVIDENCE: "Đã phối hợp"}  # a warning
    sent = fill_return(hh_split["X02"], tmp_path / "in" / "X02.xlsx", answers,
                       saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    result = merge_returns(hh_master, [sent], "9T", out, received=date(2023, 9, 13),
                           feedback_dir=tmp_path / "fb")
    (fb,) = result.feedback
    told = [c.value for row in load_workbook(fb)[FEEDBACK_SHEET].iter_rows() for c in row
            if isinstance(c.value, str)]
    assert "Tệp được nhận; còn 1 lỗi phải sửa và 1 cảnh báo cần xem lại." in told
    letter = tmp_path / "cv.docx"
    write_reminders(out.parent / "cchc-ledger.sqlite", "9T", letter,
                    list_out=tmp_path / "ds.xlsx", today=date(2023, 9, 25))
    doc = Document(letter)
    text = "\n".join(p.text for p in doc.paragraphs)
    name = hh_master.unit("X02").name
    assert f"{name} (1; 1 cảnh báo ở nhiệm vụ phối hợp cần xem lại)." in text, text
    said = [p.text for p in doc.paragraphs if "nhiệm vụ đơn vị phối hợp" in p.text]
    assert said and said[0].endswith("nhưng đề nghị đơn vị xem lại, sửa cho đúng."), said
    annexed = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert helped[0] in annexed and led[0] in annexed
    assert any(c.startswith("[Cảnh báo, nhiệm vụ phối hợp] ") for c in annexed), annexed
    listed = load_workbook(tmp_path / "ds.xlsx").active
    head = [c.value for c in next(listed.iter_rows(max_row=1))]
    (row,) = [dict(zip(head, (c.value for c in r), strict=True))
              for r in listed.iter_rows(min_row=2) if r[0].value == "X02"]
    assert row["Số nội dung cần sửa"] == 2  # as the feedback file: 1 error, 1 warning
    assert "ô K5 (nhiệm vụ phối hợp): tài liệu kiểm chứng" in row["Việc cần làm"], row


def test_office_is_told_why_a_file_with_only_notes_gets_no_feedback(hh_master, hh_split,
                                                                    tmp_path):
    """A file whose only findings are notes (a status typed, a percentage typed as text)
    gets no feedback workbook; the office, seeing its notes on 'Vấn đề', is told why."""
    first, *rest = ids(hh_master, "X04")
    answers = {did: doing(40) for did in rest} | {first: doing("80%")}
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx", answers, saved_at=SAVED)
    fb = tmp_path / "fb"
    result = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                       "--out", str(tmp_path / "th.xlsx"), "--feedback",
                                       str(fb), "--received", "20/09/2023", "--silent"])
    assert result.exit_code == 0, result.output
    assert "tỷ lệ gõ dạng chữ: " in result.output and not list(fb.glob("*.xlsx"))
    assert (f"Tệp phản hồi cho đơn vị: 0 tệp trong {fb} (chỉ cho tệp còn lỗi hoặc cảnh báo "
            "đơn vị phải xem lại; tệp chỉ có ghi nhận thì đơn vị không phải sửa hay gửi lại, "
            "nên không có tệp phản hồi)") in result.output


def test_feedback_names_the_sheet_of_a_deleted_row(hh_master, hh_split, tmp_path):
    """A row the unit deleted has no cell to go to; its feedback line names the sheet to
    put it back on (the "Trang" column was blank)."""
    dids = ids(hh_master, "X04")
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {did: doing(40) for did in dids}, saved_at=SAVED)
    gone = dids[-1]
    sheet, cell = locate(sent, gone, A.COL_ID)
    wb = load_workbook(sent)
    wb[sheet].delete_rows(int(cell[1:]))
    wb.save(sent)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    (letter,) = result.feedback
    ws = load_workbook(letter)[FEEDBACK_SHEET]
    (row,) = [r for r in ws.iter_rows(values_only=True) if r[4] == gone]
    assert row[1].startswith(f"Thiếu dòng của nhiệm vụ '{gone}'") and row[2] == sheet


def test_a_blank_file_sent_back_is_not_told_of_answers_filled_in_before(tmp_path):
    """A unit sent back its first file of the year as issued, blank: its feedback file
    said "không ô nhập liệu nào thay đổi so với tệp được giao (kể cả số liệu điền sẵn từ
    kỳ trước)", figures it never had (a QA pass, a commune's office). Only a file filled
    in from the ledger and sent back as it was is told so."""
    import shutil

    from test_figures import done as done_on

    from support.counting import _Office

    def refusal(code: str, sent: Path) -> str:
        folder = tmp_path / f"phan-hoi-{code}"
        merge_returns(office.master, [sent], code, office.out / f"{code}.xlsx",
                      feedback_dir=folder, received=date(2023, 9, 18))
        (letter,) = folder.glob("TP-*.xlsx")
        return _verdict(letter)

    office = _Office(tmp_path)
    blank = tmp_path / "gui-6T" / "TP.xlsx"
    blank.parent.mkdir()
    shutil.copyfile(office.split("6T")["TP"], blank)
    said = refusal("6T", blank)
    assert said == ("Tệp bị từ chối: tệp chưa được điền (không ô nhập liệu nào thay đổi so "
                    "với tệp được giao), nên không được tính là đã gửi báo cáo"), said
    assert "điền sẵn" not in said

    office.send("Q1", {"TP": {"TC-02": done_on(date(2023, 3, 10))}})
    carried = tmp_path / "gui-9T" / "TP.xlsx"
    carried.parent.mkdir()
    shutil.copyfile(office.split("9T", ledger=True)["TP"], carried)
    assert ", kể cả số liệu điền sẵn từ kỳ trước), nên không được tính" in refusal("9T", carried)


@needs_libreoffice
@needs_poppler
def test_the_printed_letter_numbers_its_pages(hh_master, hh_split, tmp_path):
    """The unit's sheets of a feedback file print "Trang 1" at their foot; the letter in
    front of them printed no page number, a letter of two pages included (a QA pass,
    printed with LibreOffice). Its pages are numbered from 1, as the sheets after it."""
    import subprocess

    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {did: doing(150) for did in ids(hh_master, "X04")}, saved_at=SAVED)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "ph")
    (letter,) = result.feedback
    pdf = convert(letter, tmp_path / "pdf", "pdf")
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "PHẢN HỒI VỀ TỆP BÁO CÁO KẾT QUẢ" in first
    assert first.split()[-2:] == ["Trang", "1"], first[-200:]


def test_a_merged_return_is_told_once_why_it_is_refused_and_its_own_percentage(tmp_path):
    """Two wordings a unit's officer met in a merge of the small plan (a QA pass):
    "'khoảng 70' không phải số: ghi số từ 0 đến 100, ví dụ 80", as if asked to type 80,
    is now given the unit's own number, on the command line and in its feedback; and a
    file sent back as issued had its whole refusal said twice, in the letter's header and
    again in its table's one row: the header says why, the row what to do."""
    import shutil

    from support.counting import _Office

    office = _Office(tmp_path)
    issued = office.split("9T")
    sent = tmp_path / "nhan-ve"
    fill_return(issued["NV"], sent / "NV.xlsx", {
        "TC-03": {A.COL_STATUS: "Đang thực hiện", A.COL_PERCENT: "khoảng 70"},
        "TC-04": {A.COL_STATUS: "Đang thực hiện", A.COL_PERCENT: "từ 60 đến 70"}})
    shutil.copyfile(issued["TP"], sent / "TP.xlsx")
    out = CliRunner().invoke(main, [
        "merge", str(tmp_path / "ke-hoach.xlsx"), str(sent), "--period", "9T",
        "--out", str(tmp_path / "tong-hop.xlsx"), "--feedback", str(tmp_path / "phan-hoi"),
        "--received", "18/09/2023"])
    assert out.exit_code == 1, out.output
    assert "tỷ lệ 'khoảng 70' không phải số: ghi số từ 0 đến 100, ví dụ 70\n" in out.output
    # Two numbers: which one the unit means is not guessed.
    assert "tỷ lệ 'từ 60 đến 70' không phải số: ghi số từ 0 đến 100, ví dụ 80\n" in out.output

    (nv,) = (tmp_path / "phan-hoi").glob("NV-*.xlsx")
    rows = [r[1] for r in load_workbook(nv)[FEEDBACK_SHEET].iter_rows(values_only=True)
            if isinstance(r[0], int)]
    assert "Tỷ lệ 'khoảng 70' không phải số: ghi số từ 0 đến 100, ví dụ 70" in rows

    (tp,) = (tmp_path / "phan-hoi").glob("TP-*.xlsx")
    why = ("tệp chưa được điền (không ô nhập liệu nào thay đổi so với tệp được giao), nên "
           "không được tính là đã gửi báo cáo")
    assert _verdict(tp) == f"Tệp bị từ chối: {why}"
    letter = [r for r in load_workbook(tp)[FEEDBACK_SHEET].iter_rows(values_only=True)]
    assert [r[1:] for r in letter if r[0] == 1] == [(
        "Đơn vị cập nhật kết quả của kỳ này vào tệp rồi gửi lại", None, None, None, "Lỗi")]
    said = " ".join(str(v) for r in letter for v in r if v).casefold()
    assert said.count("không ô nhập liệu nào thay đổi") == 1
    # The office's own list keeps the whole of it.
    assert f"{why}: đơn vị cập nhật kết quả của kỳ này vào tệp rồi gửi lại" in out.output


def _refusal_told(letter: Path) -> tuple[str, list[str]]:
    """A refused file's letter: why its header says the file is refused, and its table's
    rows (what each says)."""
    rows = [r[1] for r in load_workbook(letter)[FEEDBACK_SHEET].iter_rows(values_only=True)
            if isinstance(r[0], int)]
    return _verdict(letter).removeprefix("Tệp bị từ chối: "), rows


def test_a_refused_file_s_letter_says_why_in_its_header_and_what_to_do_in_its_row(
        hh_master, hh_split, tmp_path):
    """Every refused file's letter said its whole refusal twice: in its header ("Tệp bị
    từ chối: <why>: <what to do>") and again as its table's row (a QA pass; only a file
    sent back unfilled had been told once). Now each refusal is said once: why in the
    header, what to do in the row (findings.why_and_todo), whatever the reason: a copy
    of another unit's file, a file named for one unit holding another's, an old format."""
    from support.mistakes import _identity_cell

    def guide_says_x06(wb):
        wb[A.GUIDE_SHEET][A.GUIDE_UNIT_CELL].value = "X06"

    def old_format(wb):
        _identity_cell(wb, "format").value = "cchc-xl/0"

    folder = tmp_path / "in"
    fill_return(hh_split["X05"], folder / "X05.xlsx", {ids(hh_master, "X05")[0]: doing()},
                saved_at=SAVED, tweak=guide_says_x06)
    # X19's file, filled in, sent under the name split gave X20's.
    fill_return(hh_split["X19"], folder / hh_split["X20"].name,
                {ids(hh_master, "X19")[0]: doing()}, saved_at=SAVED)
    fill_return(hh_split["X17"], folder / "X17.xlsx", {ids(hh_master, "X17")[0]: doing()},
                saved_at=SAVED, tweak=old_format)
    result = merge_returns(hh_master, [folder], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert {f.outcome for f in result.run_files} == {"rejected"}
    told = {f.name.split("-")[0]: _refusal_told(f) for f in result.feedback}
    assert told == {
        "không": (
            "ô B4 trang 'Hướng dẫn' ghi đơn vị 'X06' (Xã Hoằng Đông) nhưng thông tin nhận "
            "dạng ẩn của tệp (trang ẩn, tên, thuộc tính) ghi đơn vị 'X05' (Xã Hoằng Đạt); có "
            "thể đây là tệp của đơn vị khác đã bị sửa, nên tệp không được nhận cho đơn vị nào",
            ["Đơn vị lấy đúng tệp đã được gửi cho mình, điền kết quả và gửi lại"]),
        "X20": (
            f"tệp đã gửi ({hh_split['X20'].name}) là tệp được giao cho Xã Hoằng Phụ (X19), "
            "không phải tệp của Xã Hoằng Phượng (X20), nên chưa được tính cho đơn vị nào",
            ["Điền kết quả vào đúng tệp được giao cho Xã Hoằng Phượng rồi gửi lại; nếu tệp "
             "này là báo cáo của Xã Hoằng Phụ gửi giúp, báo lại cơ quan tổng hợp"]),
        "X17": ("tệp theo mẫu cũ, không đọc được",
                ["Điền kết quả vào tệp được giao cho kỳ này rồi gửi"]),
    }, told


@pytest.mark.parametrize("message, parts", [
    # The first ": " outside brackets ends the why; what to do may hold more.
    ("tệp đã gửi (a: b.xlsx) là tệp của X19: điền kết quả: ghi đúng dòng",
     ("tệp đã gửi (a: b.xlsx) là tệp của X19", "điền kết quả: ghi đúng dòng")),
    ("tệp chưa được điền (không ô (kể cả: x) nào), nên không được tính: gửi lại",
     ("tệp chưa được điền (không ô (kể cả: x) nào), nên không được tính", "gửi lại")),
    # None: the letter's header says it whole, its row the finding's kind.
    ("tệp rỗng (0 byte) (gửi lại tệp đã lưu)", ("tệp rỗng (0 byte) (gửi lại tệp đã lưu)", "")),
])
def test_a_refusal_is_read_as_why_then_what_to_do(message, parts):
    from cchc_xl.findings import why_and_todo

    assert why_and_todo(message) == parts


def test_feedback_written_by_a_merge_cut_short_is_known_as_cchc_xl_s(hh_master, tmp_path):
    """A merge cut short (killed, Ctrl-C) after writing a unit's feedback and before
    recording it left that workbook unknown for good: the next merge found it as it would
    write it and left it, unrecorded; dropped back among the returns it was read as the
    unit's new file, and counted for the unit in place of the file it sent. Each
    workbook is now recorded before it is put in place (tests/test_merge_killed_anywhere.py
    kills merges at any moment)."""
    from cchc_xl.merge import STEP_FEEDBACK
    from support.paths import HH_SAMPLES

    returns = tmp_path / "nhan-ve"
    returns.mkdir()
    for name in ("X02-xa-hoang-cat.xlsx", "X03-xa-hoang-chau.xlsx"):
        shutil.copy2(HH_SAMPLES / name, returns / name)
    out, letters = tmp_path / "out" / "th.xlsx", tmp_path / "phan-hoi"

    def cut_after_the_first_letter(done: int, total: int, name: str) -> None:
        if name.startswith(STEP_FEEDBACK) and done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        merge_returns(hh_master, [returns], "9T", out, feedback_dir=letters,
                      progress=cut_after_the_first_letter)
    (first,) = letters.iterdir()
    again = merge_returns(hh_master, [returns], "9T", out, feedback_dir=letters)
    assert first in again.feedback
    shutil.copy2(first, returns / first.name)  # sent back unchanged, or dropped there
    dropped = merge_returns(hh_master, [returns], "9T", out, feedback_dir=letters)
    assert [(Path(s.path).name, s.reason) for s in dropped.skipped] == [
        (first.name, "tệp do cchc-xl tạo (tổng hợp, báo cáo hoặc phản hồi), đơn vị chưa sửa")]
    assert sorted(Path(f.path).name for f in dropped.files if f.outcome == "accepted") == [
        "X02-xa-hoang-cat.xlsx", "X03-xa-hoang-chau.xlsx"]


def test_a_task_id_the_unit_typed_starting_with_equals_is_text_in_its_letter(
        hh_master, hh_split, tmp_path):
    """A row the unit added under its table, its id typed "'=X99" (text in Excel): the
    letter's "Nhiệm vụ" column quotes the id, which openpyxl, given it plainly, writes as
    a formula (Excel opens "#NAME?" in its place, or runs what the unit typed). It is
    text, as typed."""
    dids = ids(hh_master, "X04")
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {did: doing(40) for did in dids}, saved_at=SAVED)
    sheet, id_cell = locate(sent, dids[-1], A.COL_ID)
    _, status = locate(sent, dids[-1], A.COL_STATUS)
    below = int(id_cell[1:]) + 1
    wb = load_workbook(sent)
    ws = wb[sheet]
    typed = ws[f"{id_cell[0]}{below}"]
    typed.value, typed.data_type, typed.quotePrefix = "=X99", "s", True  # '=X99
    ws[f"{status[0]}{below}"] = ws[status].value
    wb.save(sent)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    (letter,) = result.feedback
    marked = load_workbook(letter)
    (row,) = [r for r in marked[FEEDBACK_SHEET].iter_rows() if r[4].value == "=X99"]
    assert row[4].data_type == "s"
    assert (marked[sheet][f"{id_cell[0]}{below}"].value,  # the unit's copy, as it sent it
            marked[sheet][f"{id_cell[0]}{below}"].data_type) == ("=X99", "s")
    assert row[1].value.startswith("Mã nhiệm vụ '=X99' không có trong kế hoạch")
