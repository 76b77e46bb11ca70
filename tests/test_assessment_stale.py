"""A verdict judges the answer it was typed beside. A consolidated workbook made before a
later merge (a unit's late file, or a newer file of it) still shows the answer of then,
or none: Đạt typed there and read by `cchc-xl assess` (or the web app's upload) was
recorded as judging the answer counted now, which the office never saw. Such a verdict is
not recorded and is named with its cell, what the workbook showed and what counts now;
rows whose answer did not change (no answer then and now, the same answer) are read."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date

import pytest
from test_assessment_answers import DOING, FINISHED, Office
from test_figures import done, run

from cchc_xl.consolidated.link import record_assessments
from cchc_xl.vocab import FAIL, PASS
from support.counting import _assess, _Office
from support.workbooks import assessment_place, load_workbook, type_assessments

STALE = ("vì kết quả được tính của đơn vị đã khác kết quả tệp này hiển thị khi được lập")


@pytest.fixture
def office(tmp_path) -> Office:
    return Office(tmp_path)


def _cell(path, key: str) -> str:
    from openpyxl.utils import get_column_letter

    sheet, row, column = assessment_place(load_workbook(path), key)
    return f"trang '{sheet}' ô {get_column_letter(column)}{row}"


def _old_typed(office: Office, late: dict) -> object:
    """NV's file merged, the workbook copied (the office's copy), then ``late`` files
    merged (unit -> answers); the copy typed: Đạt for TP's TC-02, Chưa đạt for its
    TTHC-02 (left blank in its file), Đạt for NV's TC-01. The copy's path."""
    office.merge(office.send("NV", "NV.xlsx", {"TC-01": DOING, "TC-03": DOING}, 15))
    old = office.out.with_name("tong-hop-cu.xlsx")  # beside the ledger, as downloaded
    shutil.copy(office.out, old)
    office.merge(*[office.send(unit, f"{unit}-sau.xlsx", answers, 17)
                   for unit, answers in late.items()])
    for (unit, did), text in {("TP", "TC-02"): "Đạt", ("TP", "TTHC-02"): "Chưa đạt",
                              ("NV", "TC-01"): "Đạt"}.items():
        type_assessments(old, old, text, lambda u, d, key=(unit, did): (u, d) == key)
    return old


def test_a_verdict_typed_beside_a_unit_s_missing_answer_is_not_given_to_its_late_file(
        office):
    old = _old_typed(office, {"TP": {"TC-02": DOING}})
    code, output = run("assess", old)
    assert code == 1, output
    assert (f"không ghi đánh giá của 1 dòng {STALE} (một tệp được gộp hoặc rút sau đó) ("
            f"{_cell(old, 'TP|TC-02')} ('Đạt'): tệp ghi 'Chưa gửi tệp', nay là 'Đang "
            "thực hiện, 60%, ") in output, output
    assert "ghi đánh giá các dòng này trong bảng tổng hợp mới nhất" in output
    # TP's TTHC-02: no answer then ("Chưa gửi tệp") nor now (left blank): read as typed.
    assert office.verdicts() == [("NV", "TC-01", PASS), ("TP", "TTHC-02", FAIL)]


def test_a_verdict_typed_beside_an_answer_replaced_since_is_not_recorded(office):
    old = _old_typed(office, {"NV": {"TC-01": FINISHED, "TC-03": DOING}})
    code, output = run("assess", old)
    assert code == 1, output
    assert (f"{_cell(old, 'NV|TC-01')} ('Đạt'): tệp ghi 'Đang thực hiện, 60%, "
            in output), output
    assert "nay là 'Đã hoàn thành, 100%, 20/03/2023, " in output
    # TP sent nothing: no answer then nor now, read as typed.
    assert office.verdicts() == [("TP", "TC-02", PASS), ("TP", "TTHC-02", FAIL)]


def test_the_web_upload_is_told_the_same(office):
    old = _old_typed(office, {"TP": {"TC-02": DOING}})
    kept: list[str] = []
    record_assessments(office.db, office.master.plan.key, "9T", old,
                       source="tổng hợp cũ.xlsx", kept=kept)
    assert [k for k in kept if STALE in k and "('Đạt'): tệp ghi 'Chưa gửi tệp'" in k], kept
    assert office.verdicts() == [("NV", "TC-01", PASS), ("TP", "TTHC-02", FAIL)]


def test_the_newest_workbook_typed_the_same_is_read_without_a_word(office):
    _old_typed(office, {"TP": {"TC-02": DOING}})
    type_assessments(office.out, office.out, "Đạt", lambda u, d: (u, d) == ("TP", "TC-02"))
    code, output = run("assess", office.out)
    assert code == 0, output
    assert office.verdicts() == [("TP", "TC-02", PASS)]


def test_a_verdict_beside_an_earlier_period_s_done_sent_again_is_read(tmp_path):
    """Done in Q1, sent again as it was in 6T: the 6T workbook shows Q1's "done" ("Đã hoàn
    thành theo báo cáo Quý I …"), which counts. Chưa đạt typed there, in the newest
    workbook, was refused as typed beside an answer that no longer counts: compared with
    the answer sent, not with the one shown (a merge, reading it back, now says the same)."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    merged = office.send("6T", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    _assess(merged, "NV", "TC-01", "Chưa đạt", merged)
    code, output = run("assess", merged)
    assert code == 0, output
    assert "không ghi đánh giá" not in output, output
    with sqlite3.connect(office.db) as con:
        assert list(con.execute("SELECT period, unit, deliverable, verdict FROM assessments"
                                " WHERE verdict IS NOT NULL")) == [("6T", "NV", "TC-01", FAIL)]
