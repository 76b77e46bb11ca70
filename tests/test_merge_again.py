"""Merging again: nothing lost (idempotent, late returns add), the consolidated workbook
rebuilt only when it changes, and which of a unit's files counts (saved times, files sent
twice, a merge cut short)."""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from cchc_xl import assignment as A
from cchc_xl import made_from
from cchc_xl.consolidated import write as consolidated_write
from cchc_xl.consolidated.write import ROWS_SHEET
from cchc_xl.feedback import FEEDBACK_SHEET
from cchc_xl.finding_codes import FINDING_LABELS
from cchc_xl.merge import merge_returns
from cchc_xl.report import write_report
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import IN_PROGRESS
from make_sample_returns import fill_return, realistic_answers
from support.merge import _row, _values, codes_of, local_timezone
from support.mistakes import SAVED, doing, done, ids, locate
from support.saved import rewritten
from support.workbooks import load_workbook  # merged ranges' borders not drawn


@pytest.mark.slow
def test_merging_twice_is_idempotent_and_late_returns_add(hh_master, hh_split, tmp_path):
    period = hh_master.period("9T")
    answers = {u: realistic_answers(hh_master, period, u) for u in ("TP", "X20", "X21")}
    answers["X20"]["TC-01"] = doing(40)
    files = {u: fill_return(hh_split[u], tmp_path / "in" / hh_split[u].name, answers[u],
                            saved_at=SAVED) for u in answers}
    out = tmp_path / "out" / "OUT.xlsx"
    first = merge_returns(hh_master, [files["TP"], files["X20"]], "9T", out)
    first_values = _values(out)
    second = merge_returns(hh_master, [files["TP"], files["X20"]], "9T", out)
    # The same, but that this run's files were received by the first.
    assert [f.known for f in first.run_files] == [False, False]
    assert [f.known for f in second.run_files] == [True, True]
    for f in second.files:
        f.known = False
    assert second.as_dict() == first.as_dict()
    assert _values(out) == first_values
    assert len(load_snapshot(out.parent / "cchc-ledger.sqlite", "9T").submissions) == 2
    assert len(list((out.parent / "cchc-archive").rglob("*.xlsx"))) == 2

    # Few coordinators reported: each is listed with status, % and evidence.
    area = first_values[hh_master.areas[0].sheet][4:]  # the rows from row 5
    tc01 = next(r for r in area if r[1] == "TC-01")
    assert f"{hh_master.unit('X20').name}: {IN_PROGRESS}, 40%" in tc01[12].split("\n")

    late = merge_returns(hh_master, [files["X21"]], "9T", out)
    assert [(Path(f.path).name, f.outcome, f.in_run) for f in late.files] == [
        (files["X21"].name, "accepted", True), (files["TP"].name, "accepted", False),
        (files["X20"].name, "accepted", False)]
    assert set(first.missing_units) - set(late.missing_units) == {"X21"}
    assert {r.unit for r in late.rows} == {"TP", "X20", "X21"}
    assert len(_values(out)[ROWS_SHEET]) > len(first_values[ROWS_SHEET])


def _stamp(path: Path) -> tuple[int, int]:
    """Changes whenever the file is written again (atomic writes replace the file)."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def test_the_consolidated_workbook_is_rebuilt_only_when_what_it_shows_changed(
        hh_master, hh_split, tmp_path, monkeypatch):
    period = hh_master.period("9T")
    files = {u: fill_return(hh_split[u], tmp_path / "in" / hh_split[u].name,
                            realistic_answers(hh_master, period, u), saved_at=SAVED)
             for u in ("TP", "X20")}
    out = tmp_path / "out" / "OUT.xlsx"
    first = merge_returns(hh_master, [files["TP"]], "9T", out)
    written, values = _stamp(out), _values(out)

    # Nothing new (the same file, and a copy under another name): neither read back nor
    # written again.
    shutil.copy(files["TP"], tmp_path / "copy.xlsx")
    with monkeypatch.context() as m:
        m.setattr(consolidated_write.A, "assessments_in", _never)
        again = merge_returns(hh_master, [files["TP"], tmp_path / "copy.xlsx"], "9T", out)
    assert _stamp(out) == written
    assert again.as_dict()["rows"] == first.as_dict()["rows"]
    assert [f.outcome for f in again.run_files] == ["accepted", "accepted"]

    # Gone, or changed on disk: read back and written again.
    out.unlink()
    merge_returns(hh_master, [files["TP"]], "9T", out)
    assert _values(out) == values
    area = hh_master.areas[0].sheet
    wb = load_workbook(out)
    ws = wb[area]
    key = next(r for r in ws.iter_rows(min_row=5) if r[15].value and r[15].value.startswith("TP|"))
    key[14].value = "Chưa đạt: thiếu văn bản"
    wb.save(out)
    typed = merge_returns(hh_master, [files["TP"]], "9T", out)
    assert len(typed.assessed) == 1
    shown = [r for r in _values(out)[area] if r[15] == key[15].value]
    assert shown[0][14] == "Chưa đạt: thiếu văn bản"

    # Another version of the program: written again, the same values.
    written = _stamp(out)
    monkeypatch.setattr(made_from, "code_digest", lambda: "another version")
    merge_returns(hh_master, [files["TP"]], "9T", out)
    assert _stamp(out) != written
    written, values = _stamp(out), _values(out)

    # A late file: written again, with its rows.
    late = merge_returns(hh_master, [files["X20"]], "9T", out)
    assert _stamp(out) != written
    assert {r.unit for r in late.rows} == {"TP", "X20"}
    assert len(_values(out)[ROWS_SHEET]) > len(values[ROWS_SHEET])


def _never(*_args, **_kwargs):
    raise AssertionError("the consolidated workbook was read back")


@pytest.mark.slow
def test_same_content_under_two_names_is_one_submission(hh_master, hh_split, tmp_path):
    a = fill_return(hh_split["X22"], tmp_path / "a.xlsx", {ids(hh_master, "X22")[0]: doing()},
                    saved_at=SAVED)
    shutil.copy(a, tmp_path / "b (copy).xlsx")
    result = merge_returns(hh_master, [tmp_path], "9T", tmp_path / "out" / "o.xlsx")
    assert [(Path(f.path).name, f.outcome) for f in result.files] == [
        ("a.xlsx", "accepted"), ("b (copy).xlsx", "accepted")]
    assert "duplicate-file" in codes_of([p.as_dict() for p in result.files[1].problems])
    assert len(load_snapshot(tmp_path / "out" / "cchc-ledger.sqlite", "9T").submissions) == 1
    # Told once: one file read, each of its problems listed once.
    summary = result.summary()
    assert "Lần này đọc 1 tệp (1 tệp gửi trùng nội dung, tính một lần): 1 được nhận" in summary
    listed = [line for line in summary.splitlines() if line.startswith("  [")]
    assert listed and len(listed) == len(set(listed))
    assert "tệp trùng" not in summary
    # Sent again later under a third name: said to be a file received before (a probe
    # read "1 được nhận" as a new file taken).
    (tmp_path / "lan-2").mkdir()
    again = shutil.copy(a, tmp_path / "lan-2" / "c.xlsx")
    later = merge_returns(hh_master, [again], "9T", tmp_path / "out" / "o.xlsx").summary()
    assert ("Lần này đọc 1 tệp (1 tệp đã nhận ở lần gộp trước: giữ kết quả lần đó, không "
            "tính thêm): 1 được nhận") in later
    # The folder merged again holding a copy too: what the count holds in one pair of
    # brackets, not "(… không tính thêm) (1 tệp gửi trùng …)" (a QA pass).
    shutil.copy(a, tmp_path / "lan-2" / "c (1).xlsx")
    both = merge_returns(hh_master, [tmp_path / "lan-2"], "9T",
                         tmp_path / "out" / "o.xlsx").summary()
    assert ("Lần này đọc 1 tệp (1 tệp đã nhận ở lần gộp trước: giữ kết quả lần đó, không "
            "tính thêm; 1 tệp gửi trùng nội dung, tính một lần): 1 được nhận") in both


def test_a_later_file_leaving_answered_tasks_blank_is_told(hh_master, hh_split, tmp_path):
    """Only one file of a unit counts. A short "bổ sung" file of the one task forgotten,
    sent after the full report, counts alone: the answers of the full one leave every
    figure. The office is told on the file that counts, with the tasks, and the unit
    is asked for one whole file; a later file answering as much says nothing."""
    tasks = ids(hh_master, "X22")
    full = fill_return(hh_split["X22"], tmp_path / "X22.xlsx",
                       {did: done() for did in tasks[:4]}, saved_at=SAVED)
    extra = fill_return(hh_split["X22"], tmp_path / "X22 (bo sung).xlsx",
                        {tasks[4]: doing(30)}, saved_at=datetime(2023, 9, 15, 8))
    out = tmp_path / "out" / "o.xlsx"
    result = merge_returns(hh_master, [full, extra], "9T", out, feedback_dir=tmp_path / "ph")
    assert result.exit_code == 0  # a warning: written, nothing refused
    counted, replaced = (next(f for f in result.files if Path(f.path) == p)
                         for p in (extra, full))
    assert (counted.outcome, replaced.outcome) == ("accepted", "superseded")
    (told,) = [p for p in counted.problems if p.code == "answers-left-blank"]
    assert told.severity == "warning" and told.unit == "X22"
    assert told.message.startswith(
        "tệp này được tính thay cho tệp X22.xlsx (lưu lúc 14/09/2023 10:00) của đơn vị nhưng "
        "để trống 4 nhiệm vụ tệp đó đã báo cáo (trang 'Thể chế': "
        + ", ".join(f"{did} ô {locate(extra, did, A.COL_STATUS)[1]}" for did in tasks[:3])
        + f"; trang 'Thủ tục hành chính': {tasks[3]} ô "
        + f"{locate(extra, tasks[3], A.COL_STATUS)[1]})")
    assert "gửi lại một tệp đầy đủ" in told.message and "cchc-xl withdraw" in told.message
    assert told.message in result.summary()
    # The figures are the counted file's: one task in progress, nothing done.
    x22 = next(u for u in result.figures.units if u.code == "X22")
    assert x22.done == 0
    # The unit's letter asks for one whole file, in its own words (no office steps).
    (letter,) = result.feedback
    text = " ".join(str(c.value) for row in load_workbook(letter)[FEEDBACK_SHEET].iter_rows()
                    for c in row if c.value)
    assert "gửi lại một tệp đầy đủ, điền cả các nhiệm vụ đã báo cáo" in text
    assert "cchc-xl" not in text and "rút tệp" not in text
    # Sent later still, whole: it counts and says nothing (the short file, which no
    # longer counts, keeps its warning as history: no list shows it).
    whole = fill_return(hh_split["X22"], tmp_path / "lan-3" / "X22.xlsx",
                        {**{did: done() for did in tasks[:4]}, tasks[4]: doing(30)},
                        saved_at=datetime(2023, 9, 16, 8))
    again = merge_returns(hh_master, [whole], "9T", out)
    (now,) = again.run_files
    assert now.outcome == "accepted" and "answers-left-blank" not in [
        p.code for f in again.files if f.outcome == "accepted" for p in f.problems]
    assert FINDING_LABELS["answers-left-blank"] not in again.summary()


def test_an_edited_plan_cell_is_quoted_as_excel_shows_it(hh_master, hh_split, tmp_path):
    """A date typed over the plan's deadline is quoted dd/mm/yyyy, as the unit sees it in
    Excel, not '2023-12-31 00:00:00' (a probe)."""
    did = ids(hh_master, "X22")[0]
    path = tmp_path / "X22.xlsx"

    def retype(wb) -> None:
        sheet, cell = locate(hh_split["X22"], did, A.COL_DEADLINE)
        wb[sheet][cell] = datetime(2023, 12, 31)

    fill_return(hh_split["X22"], path, {did: doing()}, saved_at=SAVED, tweak=retype)
    (f,) = merge_returns(hh_master, [path], "9T", tmp_path / "out" / "o.xlsx").files
    (edited,) = [p for p in f.problems if p.code == "readonly-edited"]
    assert f"cột '{A.COL_DEADLINE}' là nội dung của kế hoạch, không được sửa (đang ghi " \
           "'31/12/2023')" in edited.message


def test_the_report_put_among_the_returns_is_skipped_as_cchc_xls_own(hh_master, hh_split,
                                                                     tmp_path):
    """The office writes the period's report into the folder it merges from: merged
    again, the report is skipped as the consolidated workbook is, not refused as a
    unit's file without identity (exit 1, a feedback letter "không-rõ-bc")."""
    returns = tmp_path / "nhan"
    fill_return(hh_split["X22"], returns / "X22.xlsx",
                {ids(hh_master, "X22")[0]: doing()}, saved_at=SAVED)
    out = returns / "ket-qua" / "tong-hop.xlsx"
    merge_returns(hh_master, [returns], "9T", out)
    report = write_report(out, "9T", returns / "ket-qua" / "bao-cao.xlsx")
    again = merge_returns(hh_master, [returns], "9T", out, feedback_dir=tmp_path / "ph")
    assert again.exit_code == 0
    assert [f.name for f in again.feedback] == ["X22-Xã-Hoằng-Quỳ-phản-hồi.xlsx"]
    assert [f.outcome for f in again.files] == ["accepted"]
    skipped = {s.path.name: s.reason for s in again.skipped}
    assert skipped == {"tong-hop.xlsx": "tệp tổng hợp do cchc-xl tạo (--out)",
                       "bao-cao.xlsx": "tệp báo cáo do cchc-xl lập, không phải tệp đơn vị gửi"}
    assert report.paths[0].name == "bao-cao.xlsx"
    # Known by its content from then on; the consolidated workbook the office saved
    # again (its own notes typed in) is skipped by what it is.
    wb = load_workbook(out)
    wb.worksheets[0]["A1"] = "Bản của văn phòng"
    wb.save(out)
    third = merge_returns(hh_master, [returns], "9T", returns / "ket-qua" / "moi.xlsx")
    assert third.exit_code == 0 and [f.outcome for f in third.files] == ["accepted"]
    assert {s.path.name: s.reason for s in third.skipped} == {
        "tong-hop.xlsx": "tệp bảng tổng hợp do cchc-xl lập, không phải tệp đơn vị gửi",
        "bao-cao.xlsx": "tệp do cchc-xl tạo (tổng hợp, báo cáo hoặc phản hồi), đơn vị chưa sửa"}


def test_two_copies_of_the_consolidated_workbook_among_the_returns_are_both_skipped(
        hh_master, hh_split, tmp_path):
    """The consolidated workbook downloaded twice ("tong-hop.xlsx", "tong-hop (1).xlsx")
    into the folder merged, with a ledger that never wrote it (merged in another folder):
    the first copy was skipped as cchc-xl's own and the second, a copy of it, was left
    with no result to show, and the merge stopped on a traceback (KeyError)."""
    returns = tmp_path / "nhan"
    fill_return(hh_split["X22"], returns / "X22.xlsx",
                {ids(hh_master, "X22")[0]: doing()}, saved_at=SAVED)
    elsewhere = merge_returns(hh_master, [returns], "9T", tmp_path / "khac" / "tong-hop.xlsx")
    assert elsewhere.exit_code == 0
    shutil.copyfile(tmp_path / "khac" / "tong-hop.xlsx", returns / "tong-hop.xlsx")
    shutil.copyfile(tmp_path / "khac" / "tong-hop.xlsx", returns / "tong-hop (1).xlsx")
    result = merge_returns(hh_master, [returns], "9T", tmp_path / "out" / "th.xlsx")
    assert result.exit_code == 0
    assert [(Path(f.path).name, f.outcome) for f in result.files] == [("X22.xlsx", "accepted")]
    reason = "tệp bảng tổng hợp do cchc-xl lập, không phải tệp đơn vị gửi"
    assert {s.path.name: s.reason for s in result.skipped} == {
        "tong-hop.xlsx": reason, "tong-hop (1).xlsx": reason}


def test_the_plan_table_put_among_the_returns_is_skipped_not_asked_of_a_unit(hh_master,
                                                                           hh_split, tmp_path):
    """The office keeps its plan table in the folder it merges from (a copy, or under
    another name): merged, it is passed over as the office's plan, as the Thu nhận page
    does, not refused as a unit's file without identity (exit 1, "đề nghị đơn vị điền
    vào đúng tệp được giao", a feedback workbook "không-rõ-ke-hoach-phản-hồi.xlsx"). It
    is not remembered as one of cchc-xl's outputs: a merge removes those from its
    feedback folder by their content, and the office's plan is never one to remove."""
    from cchc_xl.ledger import Ledger
    from cchc_xl.xlio import file_sha256
    from support.paths import HH_MASTER

    returns = tmp_path / "nhan"
    fill_return(hh_split["X22"], returns / "X22.xlsx",
                {ids(hh_master, "X22")[0]: doing()}, saved_at=SAVED)
    shutil.copyfile(HH_MASTER, returns / "ke-hoach.xlsx")
    shutil.copyfile(HH_MASTER, returns / "Kế hoạch CCHC (bản in).xlsx")
    out = tmp_path / "out" / "tong-hop.xlsx"
    for _ in range(2):  # and again, the plan still read as the plan
        result = merge_returns(hh_master, [returns], "9T", out, feedback_dir=tmp_path / "ph")
        assert result.exit_code == 0
        assert [f.outcome for f in result.files] == ["accepted"]
        assert [f.name for f in result.feedback] == ["X22-Xã-Hoằng-Quỳ-phản-hồi.xlsx"]
        reason = ("bảng kế hoạch của cơ quan (có trang 'Kế hoạch' và 'Đơn vị'), không phải "
                  "tệp đơn vị gửi: không gộp vào số liệu")
        assert {s.path.name: s.reason for s in result.skipped} == {
            "ke-hoach.xlsx": reason, "Kế hoạch CCHC (bản in).xlsx": reason}
    with Ledger(out.parent / "cchc-ledger.sqlite") as ledger:
        assert not ledger.is_output(file_sha256(HH_MASTER))


def test_saved_time_is_read_as_local_time(hh_split, tmp_path) -> None:
    """docProps 'modified' is UTC: 10:00 UTC is 17:00 in Hà Nội."""
    from cchc_xl.intake import read_return

    path = fill_return(hh_split["X20"], tmp_path / "x20.xlsx", {}, saved_at=SAVED)
    with local_timezone("Asia/Ho_Chi_Minh"):
        assert read_return(path).saved_at == datetime(2023, 9, 14, 17, 0)
    with local_timezone("UTC"):
        assert read_return(path).saved_at == SAVED


def _twins(hh_master, hh_split, tmp_path, other: str):
    """X10's two files saved at the same moment with other content (a.xlsx, b.xlsx), and
    X11's file saved then too, in the folder ``other``: X10's first task, the moment, the
    three files."""
    did = ids(hh_master, "X10")[0]
    saved = datetime(2023, 9, 12, 8)
    a = fill_return(hh_split["X10"], tmp_path / "in" / "a.xlsx", {did: doing(30)}, saved_at=saved)
    b = fill_return(hh_split["X10"], tmp_path / "in" / "b.xlsx", {did: doing(70)}, saved_at=saved)
    third = fill_return(hh_split["X11"], tmp_path / other / "c.xlsx", {}, saved_at=saved)
    return did, saved, (a, b, third)


def test_two_files_of_a_unit_saved_at_the_same_moment_are_told(hh_master, hh_split, tmp_path):
    """Nothing tells which is newer: the one merged last counts, and the office is told
    on each, so that it can withdraw the wrong one."""
    did, saved, (a, b, same) = _twins(hh_master, hh_split, tmp_path, "in2")
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [a, same], "9T", out)
    result = merge_returns(hh_master, [b], "9T", out)
    outcomes = {Path(f.path).name: f.outcome for f in result.files}
    assert (outcomes["a.xlsx"], outcomes["b.xlsx"]) == ("superseded", "accepted")
    assert _row(result, "X10", did)["percent"] == 70
    told = [(Path(p.file).name, p.message) for f in result.files for p in f.problems
            if p.code == "saved-same-time"]
    expected = ("tệp lưu cùng lúc (12/09/2023 08:00) với tệp a.xlsx của cùng đơn vị nhưng "
                "nội dung khác, nên không biết tệp nào mới hơn: tệp này đang được tính (gộp "
                "sau); nếu không đúng, rút tệp đang được tính (b.xlsx) khỏi số liệu (nút 'Rút "
                "khỏi số liệu' ở trang Thu nhận, hoặc lệnh 'cchc-xl withdraw')")
    assert told == [("b.xlsx", expected)]
    assert "[Cảnh báo] lưu cùng lúc với tệp khác — " in result.summary()  # with the others
    # A third file saved later counts because it is newer: nothing to tell.
    later = fill_return(hh_split["X10"], tmp_path / "in3" / "c.xlsx", {did: doing(90)},
                        saved_at=datetime(2023, 9, 14, 8))
    b2 = fill_return(hh_split["X10"], tmp_path / "in3" / "b2.xlsx", {did: doing(71)},
                     saved_at=saved)
    third = merge_returns(hh_master, [later, b2], "9T", out)
    assert _row(third, "X10", did)["percent"] == 90
    assert not [p for f in third.run_files for p in f.problems if p.code == "saved-same-time"]


def test_a_copy_saved_at_the_same_moment_with_the_same_answers_is_not_doubted(
        hh_master, hh_split, tmp_path):
    """A unit sent its return twice, saved at the same moment, the bytes not the same (an
    .xls or .ods copy of it; here the same parts zipped again) but the answers so: the
    office was warned "nội dung khác, nên không biết tệp nào mới hơn" on content that
    was the same (a QA pass at province scale). Either counts the same: no warning."""
    import zipfile

    did, _, (a, _, _) = _twins(hh_master, hh_split, tmp_path, "in2")
    copy = tmp_path / "in3" / "a-ban-sao.xlsx"
    copy.parent.mkdir()
    with zipfile.ZipFile(a) as zin, zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    assert copy.read_bytes() != a.read_bytes()
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [a], "9T", out)
    result = merge_returns(hh_master, [copy], "9T", out)
    assert [f.outcome for f in result.run_files] == ["accepted"]
    assert _row(result, "X10", did)["percent"] == 30
    assert not [p for f in result.files for p in f.problems if p.code == "saved-same-time"]


def test_twins_in_a_folder_count_as_an_upload_of_the_folder_counts_them(hh_master, hh_split,
                                                                      tmp_path):
    """Two files of a unit saved at the same moment, "X10.xlsx" and its copy "X10
    (1).xlsx": the one merged last counts. A folder merged by the command line counted
    "X10.xlsx" (its files in plain name order), the same folder uploaded to the web app
    "X10 (1).xlsx" (as Explorer lists them): one order for both now (a QA pass)."""
    from cchc_xl.intake.collect import collect_inputs, listing_key

    did = ids(hh_master, "X10")[0]
    saved = datetime(2023, 9, 12, 8)
    folder = tmp_path / "in"
    fill_return(hh_split["X10"], folder / "X10.xlsx", {did: doing(30)}, saved_at=saved)
    fill_return(hh_split["X10"], folder / "X10 (1).xlsx", {did: doing(70)}, saved_at=saved)
    fill_return(hh_split["X11"], folder / "X10-2.xlsx", {}, saved_at=saved)
    listed = [p.name for p in collect_inputs([folder])[0]]
    assert listed == ["X10.xlsx", "X10 (1).xlsx", "X10-2.xlsx"]
    # The web app's upload takes the names it is given in the same order.
    assert sorted(reversed(listed), key=listing_key) == listed
    result = merge_returns(hh_master, [folder], "9T", tmp_path / "out" / "th.xlsx")
    assert _row(result, "X10", did)["percent"] == 70


def test_a_merge_cut_short_leaves_no_doubtful_choice_untold(hh_master, hh_split, tmp_path,
                                                            monkeypatch):
    """A merge stopped by Ctrl-C after it had recorded a unit's two files saved at the same
    moment: run again, it read neither (known) and never told the office which counted
    (a probe's interrupted merge lost both warnings for good)."""
    import cchc_xl.merge as merge_module

    _, _, (a, b, c) = _twins(hh_master, hh_split, tmp_path, "in")
    out = tmp_path / "out" / "th.xlsx"
    monkeypatch.setattr(merge_module, "_COMMIT_EVERY", 1)  # each file committed as recorded

    def stop_at(file: int = 0, step: str = ""):
        def progress(done: int, total: int, name: str) -> None:
            if (file and done == file) or (step and name.startswith(step)):
                raise KeyboardInterrupt
        return progress

    with pytest.raises(KeyboardInterrupt):  # a and b recorded, their choice not checked
        merge_returns(hh_master, [a, b, c], "9T", out, progress=stop_at(file=3))
    # Cut short, the ledger counts one file of X10, not both (a report read it so).
    cut = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T").submissions
    assert [s.outcome for s in cut if s.unit == "X10"].count("accepted") == 1
    again = merge_returns(hh_master, [a, b, c], "9T", out)

    def told(result) -> list[tuple[str, str]]:
        return sorted((Path(f.path).name, p.message) for f in result.files for p in f.problems
                      if p.code == "saved-same-time")

    whole = merge_returns(hh_master, [a, b, c], "9T", tmp_path / "whole" / "th.xlsx")
    assert told(whole) and told(again) == told(whole)  # as told by a merge never cut short
    # Cut short after the check (writing the workbook): told once, not twice.
    late = tmp_path / "late" / "th.xlsx"
    with pytest.raises(KeyboardInterrupt):
        merge_returns(hh_master, [a, b, c], "9T", late,
                      progress=stop_at(step=merge_module.STEP_TABLE))
    assert told(merge_returns(hh_master, [a, b, c], "9T", late)) == told(whole)


def _without_saved_time(path: Path, empty: bool = False) -> Path:
    """The file as some programs save it: core properties without 'modified' (or with
    it empty)."""
    def change(name: str, data: bytes) -> bytes:
        if name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                          rb"\1\2" if empty else b"", data)
            assert (b"modified" in data) == empty
        return data

    rewritten(path, change)
    return path


@pytest.mark.parametrize("empty", [False, True], ids=["none", "empty"])
def test_a_file_without_saved_time_is_not_taken_as_the_newest(hh_master, hh_split, tmp_path,
                                                               empty):
    """openpyxl reads a missing saved time as "now": the older file would win over the
    unit's newer one, silently. It is placed by its file time instead, with a note."""
    did = ids(hh_master, "X11")[0]
    older = _without_saved_time(fill_return(hh_split["X11"], tmp_path / "in" / "cu.xlsx",
                                            {did: doing(30)}, saved_at=datetime(2023, 9, 10, 8)),
                                empty)
    stamp = datetime(2023, 9, 10, 8).timestamp()
    os.utime(older, (stamp, stamp))
    newer = fill_return(hh_split["X11"], tmp_path / "in" / "moi.xlsx", {did: doing(70)},
                        saved_at=datetime(2023, 9, 13, 8))
    result = merge_returns(hh_master, [older, newer], "9T", tmp_path / "out" / "th.xlsx")
    outcomes = {Path(f.path).name: f.outcome for f in result.files}
    assert outcomes == {"cu.xlsx": "superseded", "moi.xlsx": "accepted"}
    assert _row(result, "X11", did)["percent"] == 70
    (told,) = [p for f in result.files for p in f.problems if p.code == "saved-time-missing"]
    assert told.file.endswith("cu.xlsx") and "(10/09/2023 08:00)" in told.message


def test_the_summary_says_whose_new_file_replaced_one_merged_before(hh_master, hh_split,
                                                                     tmp_path):
    """X02's corrected file merged a day after its first said "0 bị thay thế" and nothing
    of the file it replaced (a probe): the count is of this run's files; the unit whose
    new file now counts is named."""
    did = ids(hh_master, "X02")[0]
    first = fill_return(hh_split["X02"], tmp_path / "ngay-1" / "X02.xlsx", {did: doing(40)},
                        saved_at=datetime(2023, 9, 10, 8))
    second = fill_return(hh_split["X02"], tmp_path / "ngay-2" / "X02.xlsx", {did: doing(60)},
                         saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    said = merge_returns(hh_master, [first.parent], "9T", out).summary()
    assert "thay cho tệp gửi trước" not in said
    again = merge_returns(hh_master, [second.parent], "9T", out)
    assert "Tệp mới được tính thay cho tệp gửi trước của 1 đơn vị: Xã Hoằng Cát." in \
        again.summary()
    # Merged again, nothing new: nothing said.
    assert "thay cho tệp gửi trước" not in merge_returns(
        hh_master, [first.parent, second.parent], "9T", out).summary()


def test_the_summary_names_the_unit_whose_corrected_file_joined_its_first(
        hh_master, hh_split, tmp_path):
    """X02's corrected file put in the folder of its first, as the merge's last line says,
    and the folder merged again: "1 bị thay thế" was all the run said, naming nobody (a
    QA pass). The unit whose new file now counts is named, as when its first file is not
    given again."""
    did = ids(hh_master, "X02")[0]
    folder = tmp_path / "nhan-ve"
    fill_return(hh_split["X02"], folder / "X02.xlsx", {did: doing(40)},
                saved_at=datetime(2023, 9, 10, 8))
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [folder], "9T", out)
    fill_return(hh_split["X02"], folder / "X02 (sửa).xlsx", {did: doing(60)},
                saved_at=datetime(2023, 9, 12, 8))
    said = merge_returns(hh_master, [folder], "9T", out).summary()
    assert "1 được nhận, 0 bị từ chối, 1 bị thay thế" in said
    assert "Tệp mới được tính thay cho tệp gửi trước của 1 đơn vị: Xã Hoằng Cát." in said
    # Merged again, nothing new: nothing said.
    assert "thay cho tệp gửi trước" not in merge_returns(hh_master, [folder], "9T",
                                                         out).summary()


def test_an_edited_plan_cell_says_what_to_write_back(hh_master, hh_split, tmp_path):
    """A deadline typed over says what the plan writes there and where a change is asked
    for: "nội dung sửa không được dùng" alone left a ward's clerk asking whether to change
    anything in the file she sends again (a QA pass)."""
    did = ids(hh_master, "X22")[0]
    path = tmp_path / "X22.xlsx"
    sheet, cell = locate(hh_split["X22"], did, A.COL_DEADLINE)
    planned = load_workbook(hh_split["X22"])[sheet][cell].value

    def retype(wb) -> None:
        wb[sheet][cell] = "Quý IV/2023"

    fill_return(hh_split["X22"], path, {did: doing()}, saved_at=SAVED, tweak=retype)
    (f,) = merge_returns(hh_master, [path], "9T", tmp_path / "out" / "o.xlsx").files
    (edited,) = [p for p in f.problems if p.code == "readonly-edited"]
    assert edited.message == (
        f"cột '{A.COL_DEADLINE}' là nội dung của kế hoạch, không được sửa (đang ghi "
        f"'Quý IV/2023'): nội dung sửa không được dùng; ghi lại như kế hoạch: '{planned}', "
        f"cần điều chỉnh thì đề nghị ở cột '{A.COL_NOTE}'")


def test_the_code_s_digest_changes_with_any_source_file_and_only_with_them(tmp_path):
    """What decides that another version of the program wrote the outputs: a source
    changed, added or removed gives another digest; the same files, the same digest;
    what is not Python source (bytecode caches) changes nothing."""
    package = tmp_path / "cchc_xl"
    (package / "web").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "web" / "app.py").write_text("A = 1\n")
    first = made_from.sources_digest(package)
    assert made_from.sources_digest(package) == first
    (package / "web" / "app.cpython-311.pyc").write_bytes(b"\0" * 16)
    assert made_from.sources_digest(package) == first
    stamp = (package / "web" / "app.py").stat().st_mtime_ns
    (package / "web" / "app.py").write_text("A = 2\n")  # the same size
    os.utime(package / "web" / "app.py", ns=(stamp + 10**9, stamp + 10**9))
    changed = made_from.sources_digest(package)
    assert changed != first
    (package / "web" / "other.py").write_text("")
    assert made_from.sources_digest(package) not in (first, changed)
    (package / "web" / "other.py").unlink()
    assert made_from.sources_digest(package) == changed
    assert len(made_from.code_digest()) == 64
