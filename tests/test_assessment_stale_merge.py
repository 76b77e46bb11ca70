"""A verdict typed beside an answer that no longer counts (a workbook made before a later
merge of the unit's file) is refused by `cchc-xl assess`, said and not recorded; a merge
reading the same workbook back before writing it again recorded it (a QA pass): one
workbook, two outcomes. Both now apply the same rule: the same verdicts are recorded, and
the merge says what it did not record, as `assess` does."""

from __future__ import annotations

import shutil

import pytest
from test_assessment_answers import DOING, FINISHED, Office
from test_assessment_stale import STALE, _cell, _old_typed
from test_figures import run

from cchc_xl.edited import kept_copies
from cchc_xl.vocab import FAIL, PASS


@pytest.fixture
def office(tmp_path) -> Office:
    return Office(tmp_path)


@pytest.mark.parametrize(("late", "expected"), [
    ({"TP": {"TC-02": DOING}}, [("NV", "TC-01", PASS), ("TP", "TTHC-02", FAIL)]),
    ({"NV": {"TC-01": FINISHED, "TC-03": DOING}}, [("TP", "TC-02", PASS),
                                                   ("TP", "TTHC-02", FAIL)]),
], ids=["late-file", "newer-file"])
def test_assess_and_a_merge_record_the_same_verdicts_of_one_workbook(office, late, expected):
    old = _old_typed(office, late)
    folder = office.out.parent
    saved = office.tmp / "truoc"
    shutil.copytree(folder, saved)  # the ledger and workbooks, before either reads it

    code, said = run("assess", old)
    assert code == 1, said
    by_assess = office.verdicts()
    assert by_assess == expected

    shutil.rmtree(folder)
    shutil.copytree(saved, folder)
    assert office.verdicts() == []
    other = office.send("X1", "X1.xlsx", {}, 18)  # any file: the merge writes ``old`` again
    code, merged = run("merge", office.master.path, other, "--period", "9T", "--out", old,
                       "--received", "19/09/2023")
    assert office.verdicts() == by_assess
    # Said, as `assess` says it, and the workbook as typed kept beside the new one.
    assert code == 1, merged
    stale_key = "TP|TC-02" if "TP" in late else "NV|TC-01"
    assert (f"Cảnh báo: bảng tổng hợp {old.name}: không ghi đánh giá của 1 dòng {STALE}"
            in merged), merged
    assert f"{_cell(old, stale_key)} ('Đạt'): tệp ghi '" in merged, merged
    (kept,) = kept_copies(old)
    assert f"được giữ lại thành \"{kept.name}\"" in merged, merged
