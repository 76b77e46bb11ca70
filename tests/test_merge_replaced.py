"""A unit's new file that drops the answers of its earlier file of the period is warned
(merge/replaced.py): only one file of a unit counts, so the blank file sent again, an old
draft saved later, or another unit's answers in the unit's file would take the unit's
answers out of the figures with no word. The figures count the new file; the earlier
one is kept, and withdrawing the new one counts it again."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cchc_xl import assignment as A
from cchc_xl.consolidated.write import PROBLEMS_SHEET
from cchc_xl.feedback import FEEDBACK_SHEET
from cchc_xl.merge import merge_returns
from cchc_xl.merge.counted import withdraw_file
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, FINDING_LABELS, NOT_STARTED
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, done, ids
from support.workbooks import load_workbook  # merged ranges' borders not drawn

LATER = datetime(2023, 9, 15, 8)
DROPS = ("answers-left-blank", "done-undone", "answers-all-changed")


def _pair(hh_master, hh_split, tmp_path, first: dict, second: dict):
    """X22's first file and a second one saved a day later, merged together: the
    merge's result and the second file's outcome."""
    one = fill_return(hh_split["X22"], tmp_path / "X22.xlsx", first, saved_at=SAVED)
    two = fill_return(hh_split["X22"], tmp_path / "lan-2" / "X22.xlsx", second,
                      saved_at=LATER)
    out = tmp_path / "out" / "o.xlsx"
    merge_returns(hh_master, [one], "9T", out)
    result = merge_returns(hh_master, [two], "9T", out, feedback_dir=tmp_path / "ph")
    (new,) = result.run_files
    assert new.outcome == "accepted"
    return result, new, out


def _done(out: Path) -> int:
    """X22's rows counted "Đã hoàn thành" now."""
    snap = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T")
    return sum(r.status == DONE for r in snap.rows if r.unit == "X22")


def _sheet_text(path: Path, sheet: str) -> str:
    return " ".join(str(c.value) for row in load_workbook(path)[sheet].iter_rows()
                    for c in row if c.value)


def test_three_rows_blanked_are_warned_and_the_second_file_counts(hh_master, hh_split,
                                                                 tmp_path):
    tasks = ids(hh_master, "X22")
    assert len(tasks) >= 5
    result, new, out = _pair(hh_master, hh_split, tmp_path,
                             {did: done() for did in tasks[:5]},
                             {did: done() for did in tasks[:2]})
    (told,) = [p for p in new.problems if p.code in DROPS]
    assert (told.code, told.severity, told.unit) == ("answers-left-blank", "warning", "X22")
    assert told.message.startswith(
        "tệp này được tính thay cho tệp X22.xlsx (lưu lúc 14/09/2023 10:00) của đơn vị nhưng "
        f"để trống 3 nhiệm vụ tệp đó đã báo cáo ({', '.join(tasks[2:5])})")
    # The earlier file is kept, and how to count it again.
    assert "tệp trước vẫn được lưu: kiểm tra lại với đơn vị" in told.message
    assert "cchc-xl withdraw" in told.message and "tệp trước được tính lại" in told.message
    assert told.message in result.summary()
    # The figures count the second file: two done.
    assert _done(out) == 2
    # The consolidated workbook's "Vấn đề" lists it; the unit's letter asks for a whole
    # file, in the unit's words.
    assert FINDING_LABELS["answers-left-blank"] in _sheet_text(out, PROBLEMS_SHEET)
    (letter,) = result.feedback
    text = _sheet_text(letter, FEEDBACK_SHEET)
    assert "gửi lại một tệp đầy đủ, điền cả các nhiệm vụ đã báo cáo" in text
    assert "cchc-xl" not in text and "rút tệp" not in text
    # Withdrawn, the first file counts again: five done.
    withdraw_file(out.parent / "cchc-ledger.sqlite", str(new.path), "9T")
    assert _done(out) == 5


def test_done_then_not_done_is_warned(hh_master, hh_split, tmp_path):
    tasks = ids(hh_master, "X22")
    result, new, _ = _pair(hh_master, hh_split, tmp_path,
                           {did: done() for did in tasks[:4]},
                           {**{did: done() for did in tasks[:2]}, tasks[2]: doing(60),
                            tasks[3]: {A.COL_STATUS: NOT_STARTED}})
    (told,) = [p for p in new.problems if p.code in DROPS]
    assert told.code == "done-undone"
    assert (f"2 nhiệm vụ tệp đó báo cáo '{DONE}' nay ghi chưa hoàn thành "
            f"({tasks[2]}, {tasks[3]})") in told.message
    assert "tệp trước vẫn được lưu" in told.message
    (letter,) = result.feedback
    assert "ghi chưa hoàn thành các nhiệm vụ tệp gửi trước đã báo cáo" in _sheet_text(
        letter, FEEDBACK_SHEET)


def test_a_second_file_adding_answers_or_correcting_a_percent_is_not_warned(
        hh_master, hh_split, tmp_path):
    tasks = ids(hh_master, "X22")
    result, new, _ = _pair(hh_master, hh_split, tmp_path,
                           {tasks[0]: done(), tasks[1]: doing(40), tasks[2]: doing(50)},
                           {tasks[0]: done(), tasks[1]: doing(45), tasks[2]: doing(50),
                            tasks[3]: doing(20), tasks[4]: done()})
    assert not [p for p in new.problems if p.code in DROPS]
    assert not any(FINDING_LABELS[c] in result.summary() for c in DROPS)


def test_another_units_answers_in_the_file_are_warned(hh_master, hh_split, tmp_path):
    """Every row answered otherwise: status, date or evidence (as another unit that
    filled this unit's file would)."""
    tasks = ids(hh_master, "X22")[:5]
    theirs = {did: done(evidence=f"Báo cáo số {n}/BC-UBND xã khác")
              for n, did in enumerate(tasks)}
    theirs[tasks[1]] = doing(30)
    result, new, _ = _pair(hh_master, hh_split, tmp_path,
                           {did: done() for did in tasks}, theirs)
    (told,) = [p for p in new.problems if p.code in DROPS]
    assert told.code == "answers-all-changed"
    assert ("cả 5 nhiệm vụ hai tệp cùng báo cáo đều ghi khác (trạng thái, ngày hoàn thành "
            "hoặc tài liệu kiểm chứng") in told.message
    assert f"1 nhiệm vụ không còn '{DONE}' ({tasks[1]})" in told.message
    assert "có thể là kết quả của đơn vị khác" in told.message
    (letter,) = result.feedback
    assert "gửi lại đúng báo cáo của đơn vị" in _sheet_text(letter, FEEDBACK_SHEET)
