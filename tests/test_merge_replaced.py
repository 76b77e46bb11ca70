"""A unit's new file that drops the answers of its earlier file of the period is warned
(merge/replaced.py): only one file of a unit counts, so the blank file sent again, an old
draft saved later, or another unit's answers in the unit's file would take the unit's
answers out of the figures with no word. The figures count the new file; the earlier
one is kept, and withdrawing the new one counts it again."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from cchc_xl import assignment as A
from cchc_xl.cli import main
from cchc_xl.consolidated.write import PROBLEMS_SHEET
from cchc_xl.feedback import FEEDBACK_SHEET, for_the_unit
from cchc_xl.finding_codes import FINDING_LABELS
from cchc_xl.findings import Finding, tasks_at
from cchc_xl.ledger import Ledger
from cchc_xl.ledger.schema import SCHEMA_VERSION
from cchc_xl.letters.for_unit import for_unit
from cchc_xl.merge import merge_returns, replaced
from cchc_xl.merge.counted import withdraw_file
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, NOT_STARTED, WARNING
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, done, ids, locate
from support.paths import HH_MASTER
from support.workbooks import load_workbook  # merged ranges' borders not drawn

LATER = datetime(2023, 9, 15, 8)
DROPS = ("answers-left-blank", "done-undone", "answers-all-changed")
# X22's letter when its second file leaves blank three tasks its first answered
# (test_three_rows_blanked_are_warned_and_the_second_file_counts), whole: the tasks and
# cells quoted, as the office's warning lists them.
LEFT_BLANK_LETTER = (
    "Tệp gửi sau để trống các nhiệm vụ đã báo cáo ở tệp gửi trước (trang 'Thể chế': TC-03 ô "
    "H7; trang 'Thủ tục hành chính': TTHC-01 ô H5, TTHC-02 ô H6), mà mỗi đơn vị chỉ một tệp "
    "được tính (tệp gửi sau): gửi lại một tệp đầy đủ, điền cả các nhiệm vụ đã báo cáo")


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


def _told_unit(letter: Path) -> list[str]:
    """What a feedback letter tells its unit of the answers its new file dropped: each
    such cell of its "Phản hồi" sheet, whole."""
    return [str(c.value) for row in load_workbook(letter)[FEEDBACK_SHEET].iter_rows()
            for c in row if str(c.value or "").startswith("Tệp gửi sau")]


def _at(path: Path, tasks: list[str]) -> str:
    """The tasks as a warning lists them: each with the sheet and the status cell of its
    row in ``path``, read independently ("trang 'Thể chế': TC-03 ô H7; trang '…': …")."""
    by_sheet: dict[str, list[str]] = {}
    for did in tasks:
        sheet, cell = locate(path, did, A.COL_STATUS)
        by_sheet.setdefault(sheet, []).append(f"{did} ô {cell}")
    return "; ".join(f"trang '{sheet}': {', '.join(said)}" for sheet, said in by_sheet.items())


def test_three_rows_blanked_are_warned_and_the_second_file_counts(hh_master, hh_split,
                                                                 tmp_path):
    tasks = ids(hh_master, "X22")
    assert len(tasks) >= 5
    result, new, out = _pair(hh_master, hh_split, tmp_path,
                             {did: done() for did in tasks[:5]},
                             {did: done() for did in tasks[:2]})
    (told,) = [p for p in new.problems if p.code in DROPS]
    assert (told.code, told.severity, told.unit) == ("answers-left-blank", "warning", "X22")
    # Each task with the sheet and status cell of its row in the new file, where the
    # unit fills it again.
    assert tasks[2:5] == ["TC-03", "TTHC-01", "TTHC-02"]
    places = "trang 'Thể chế': TC-03 ô H7; trang 'Thủ tục hành chính': TTHC-01 ô H5, TTHC-02 ô H6"
    assert _at(new.path, tasks[2:5]) == places
    assert told.message.startswith(
        "tệp này được tính thay cho tệp X22.xlsx (lưu lúc 14/09/2023 10:00) của đơn vị nhưng "
        f"để trống 3 nhiệm vụ tệp đó đã báo cáo ({places}): ")
    # The earlier file is kept, and how to count it again.
    assert "tệp trước vẫn được lưu: kiểm tra lại với đơn vị" in told.message
    assert "cchc-xl withdraw" in told.message and "tệp trước được tính lại" in told.message
    assert told.message in result.summary()
    # The figures count the second file: two done.
    assert _done(out) == 2
    # The consolidated workbook's "Vấn đề" lists it; the unit's letter asks for a whole
    # file, in the unit's words.
    problems = _sheet_text(out, PROBLEMS_SHEET)
    assert FINDING_LABELS["answers-left-blank"] in problems and f"({places})" in problems
    (letter,) = result.feedback
    assert _told_unit(letter) == [LEFT_BLANK_LETTER]
    assert f"({places})" in LEFT_BLANK_LETTER
    text = _sheet_text(letter, FEEDBACK_SHEET)
    assert "cchc-xl" not in text and "rút tệp" not in text
    # The tasks as data, beside the words: --json's programs, the letter (below).
    assert told.places == (("TC-03", "Thể chế", "H7"), ("TTHC-01", "Thủ tục hành chính", "H5"),
                           ("TTHC-02", "Thủ tục hành chính", "H6"))
    assert told.as_dict()["places"][0] == {"task": "TC-03", "sheet": "Thể chế", "cell": "H7"}
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
    places = _at(new.path, tasks[2:4])
    assert places == "trang 'Thể chế': TC-03 ô H7; trang 'Thủ tục hành chính': TTHC-01 ô H5"
    assert (f"2 nhiệm vụ tệp đó báo cáo '{DONE}' nay ghi chưa hoàn thành "
            f"({places}): ") in told.message
    assert "tệp trước vẫn được lưu" in told.message
    (letter,) = result.feedback
    assert (f"ghi chưa hoàn thành các nhiệm vụ tệp gửi trước đã báo cáo '{DONE}' ({places}), "
            "mà mỗi đơn vị") in _sheet_text(letter, FEEDBACK_SHEET)


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
    places = _at(new.path, tasks)
    assert ("cả 5 nhiệm vụ hai tệp cùng báo cáo đều ghi khác về trạng thái, ngày hoàn thành "
            f"hoặc tài liệu kiểm chứng ({places}); ") in told.message
    assert f"1 nhiệm vụ không còn '{DONE}' ({_at(new.path, tasks[1:2])})" in told.message
    assert "có thể là kết quả của đơn vị khác" in told.message
    (letter,) = result.feedback
    text = _sheet_text(letter, FEEDBACK_SHEET)
    assert f"Tệp gửi sau ghi khác tệp gửi trước ở mọi nhiệm vụ ({places}), như kết quả" in text
    assert "gửi lại đúng báo cáo của đơn vị" in text


def test_a_file_correcting_each_row_its_feedback_named_is_not_taken_for_another_units(
        hh_master, hh_split, tmp_path):
    """The careless unit's first file: "Đã hoàn thành" at 50%, done with no date, no
    evidence; its feedback file named each of those rows; the unit corrected them all as
    told (one to "Đang thực hiện", as the error offers) and sent the feedback file back.
    Every row both files answer then differed, and the office and the unit were warned
    it "có thể là kết quả của đơn vị khác điền vào tệp của đơn vị", and that a task done
    was undone (a QA pass following the guide). The rows it was told of are left out
    (test_another_units_answers_in_the_file_are_warned: rows told of nothing, still
    compared)."""
    tasks = ids(hh_master, "X22")
    careless = {tasks[0]: {**done(), A.COL_PERCENT: 50},
                tasks[1]: {**done(), A.COL_DONE_ON: None},
                tasks[2]: {**done(), A.COL_EVIDENCE: None}}
    corrected = {tasks[0]: doing(50), tasks[1]: done(), tasks[2]: done()}
    first = fill_return(hh_split["X22"], tmp_path / "X22.xlsx", careless, saved_at=SAVED)
    out = tmp_path / "out" / "o.xlsx"
    (sent,) = merge_returns(hh_master, [first], "9T", out).run_files
    assert {p.task for p in sent.problems if p.severity == "error"} == set(tasks[:3])
    two = fill_return(hh_split["X22"], tmp_path / "lan-2" / "X22.xlsx", corrected,
                      saved_at=LATER)
    result = merge_returns(hh_master, [two], "9T", out, feedback_dir=tmp_path / "ph")
    (new,) = result.run_files
    assert new.outcome == "accepted"
    assert not [p for p in new.problems if p.code in DROPS]
    assert not any(FINDING_LABELS[c] in result.summary() for c in DROPS)


def test_a_long_list_names_five_tasks_with_their_cells_and_counts_the_rest(
        hh_master, hh_split, tmp_path):
    """Ten tasks blanked: the first five named, each with its cell, the rest counted,
    on the command line's --json and in the consolidated workbook alike."""
    tasks = ids(hh_master, "X22")[:12]
    one = fill_return(hh_split["X22"], tmp_path / "X22.xlsx", {did: done() for did in tasks},
                      saved_at=SAVED)
    two = fill_return(hh_split["X22"], tmp_path / "lan-2" / "X22.xlsx",
                      {did: done() for did in tasks[:2]}, saved_at=LATER)
    out = tmp_path / "out" / "o.xlsx"
    merge_returns(hh_master, [one], "9T", out)
    said = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(two), "--period", "9T",
                                     "--out", str(out), "--json"])
    data = json.loads(said.output)
    (told,) = [p for f in data["files"] for p in f["problems"]
               if p["code"] == "answers-left-blank"]
    places = f"{_at(two, tasks[2:7])} và 5 nhiệm vụ khác"
    assert places.startswith("trang 'Thể chế': TC-03 ô H7; trang 'Thủ tục hành chính': "
                             "TTHC-01 ô H5, TTHC-02 ô H6, TTHC-03 ô H7, TTHC-04 ô H8 và 5")
    assert f"để trống 10 nhiệm vụ tệp đó đã báo cáo ({places}): " in told["message"]
    assert f"({places})" in _sheet_text(out, PROBLEMS_SHEET)


def test_a_task_whose_place_is_not_known_is_named_alone():
    """A row recorded with no place (or gone from the new file) is named by its task;
    the unit's letter quotes the list as the office's message gives it, and a message
    without one (recorded before) as before."""
    assert tasks_at([("TC-01", "Thể chế", "H5"), ("TC-09", "", ""),
                     ("TTHC-01", "Thủ tục hành chính", "H5")], 5) == (
        "trang 'Thể chế': TC-01 ô H5; trang 'Thủ tục hành chính': TTHC-01 ô H5; TC-09")
    told = Finding(WARNING, "answers-left-blank",
                   "tệp này được tính thay cho tệp X22 (2).xlsx (lưu lúc 14/09/2023 10:00) của "
                   "đơn vị nhưng để trống 2 nhiệm vụ tệp đó đã báo cáo (trang 'Thể chế (TC)': "
                   "TC-01 ô H5; TC-09): mỗi đơn vị chỉ một tệp được tính")
    said = for_unit(told, None, "9 tháng năm 2023")
    assert said.message.startswith("tệp gửi sau để trống các nhiệm vụ đã báo cáo ở tệp gửi "
                                   "trước (trang 'Thể chế (TC)': TC-01 ô H5; TC-09), mà ")
    old = for_unit(replace(told, code="answers-all-changed"), None, "9 tháng năm 2023")
    assert old.message.startswith("tệp gửi sau ghi khác tệp gửi trước ở mọi nhiệm vụ, như")


def test_the_letter_quotes_the_tasks_whatever_the_warning_says(hh_master, hh_split, tmp_path,
                                                                 monkeypatch):
    """The office's warning reworded (a translation fix, a comma): the unit's letter
    still quotes each task and cell, from the finding's places, not read back out of the
    warning's words (it quoted none once they changed)."""
    monkeypatch.setattr(replaced, "LEFT_BLANK", (
        "bỏ trống {count} nhiệm vụ mà tệp đó có kết quả, gồm: {listed}. Mỗi đơn vị chỉ một "
        "tệp được tính: đề nghị đơn vị gửi lại một tệp đầy đủ"))
    tasks = ids(hh_master, "X22")
    result, new, out = _pair(hh_master, hh_split, tmp_path,
                             {did: done() for did in tasks[:5]},
                             {did: done() for did in tasks[:2]})
    (told,) = [p for p in new.problems if p.code in DROPS]
    places = _at(new.path, tasks[2:5])
    assert f"bỏ trống 3 nhiệm vụ mà tệp đó có kết quả, gồm: {places}. " in told.message
    assert f"gồm: {places}. " in _sheet_text(out, PROBLEMS_SHEET)  # "Vấn đề": the words
    (letter,) = result.feedback
    assert _told_unit(letter) == [LEFT_BLANK_LETTER]


def test_a_ledger_written_before_the_places_gives_the_same_letter(hh_master, hh_split,
                                                                  tmp_path):
    """A ledger of schema 6 recorded the warning without its places: read as it is, then
    migrated (schema 7, every problem keeping its id, no places), the unit's letter quotes
    the tasks as the warning's words listed them (letters/for_unit._legacy_listed)."""
    tasks = ids(hh_master, "X22")
    _, new, out = _pair(hh_master, hh_split, tmp_path, {did: done() for did in tasks[:5]},
                        {did: done() for did in tasks[:2]})
    db_path = out.parent / "cchc-ledger.sqlite"
    with sqlite3.connect(db_path) as db:  # as schema 6 left it
        ids_before = db.execute("SELECT id, code, message FROM problems ORDER BY id").fetchall()
        db.execute("ALTER TABLE problems DROP COLUMN places")
        db.execute("UPDATE meta SET value = '6' WHERE key = 'schema'")

    def letter() -> list[str]:
        snap = load_snapshot(db_path, "9T")
        (sub,) = [s for s in snap.submissions if s.sha256 == new.sha256]
        (said,) = [f for f in sub.problems if f.code in DROPS]
        assert said.places == ()
        return [f.message for f in for_the_unit(snap, sub) if f.code in DROPS]

    expected = [LEFT_BLANK_LETTER[0].lower() + LEFT_BLANK_LETTER[1:]]
    before = db_path.read_bytes()
    assert letter() == expected  # read as it is: nothing written
    assert db_path.read_bytes() == before
    with Ledger(db_path):  # opened for writing: migrated
        pass
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)
        assert db.execute("SELECT id, code, message FROM problems ORDER BY id").fetchall() == (
            ids_before)
        assert db.execute("SELECT count(*) FROM problems WHERE places IS NOT NULL"
                          ).fetchone() == (0,)
    assert letter() == expected
