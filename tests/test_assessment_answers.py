"""An office's assessment judges the answer it was given to (docs/counting.md, rule 1):
withdrawals, resends and workbooks read back never move it onto another answer. Found by
a probe driving random sequences of sends, merges, withdrawals and assessments."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from test_figures import EVIDENCE, figures_plan

from cchc_xl import assignment as A
from cchc_xl.consolidated.link import record_assessments
from cchc_xl.merge import merge_returns, refresh_outputs
from cchc_xl.merge.counted import withdraw_file
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, IN_PROGRESS, NOT_STARTED
from make_sample_returns import fill_return
from support.workbooks import type_assessments

DOING = {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60, A.COL_EVIDENCE: EVIDENCE}
FINISHED = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 20),
            A.COL_EVIDENCE: EVIDENCE}


class Office:
    """The small plan's 9T, as an office works it: files sent, merged, judged."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.master, self.split = figures_plan(tmp)
        self.out = tmp / "tong-hop" / "tong-hop-9T.xlsx"
        self.db = self.out.parent / "cchc-ledger.sqlite"

    def send(self, unit: str, name: str, answers: dict, day: int) -> Path:
        return fill_return(self.split[unit], self.tmp / "nhan" / name, answers,
                           saved_at=datetime(2023, 9, day, 8))

    def merge(self, *files: Path) -> None:
        merge_returns(self.master, list(files), "9T", self.out, received=date(2023, 9, 19))

    def type(self, unit: str, did: str, text: str) -> None:
        type_assessments(self.out, self.out, text, lambda u, d: (u, d) == (unit, did))

    def record(self) -> None:
        record_assessments(self.db, self.master.plan.key, "9T", self.out)

    def verdicts(self) -> list[tuple]:
        with sqlite3.connect(self.db) as con:  # removed ones are kept with no verdict
            return sorted(con.execute("SELECT unit, deliverable, verdict FROM assessments"
                                      " WHERE verdict IS NOT NULL"))

    def done(self) -> int:
        from cchc_xl.report.summary import summarize

        return summarize(load_snapshot(self.db, "9T")).total.done


def two_returns_merged(tmp_path: Path) -> Office:
    """The office with NV's and TP's returns merged, every product in progress: a
    consolidated workbook with lead rows to type verdicts beside."""
    o = Office(tmp_path)
    o.merge(o.send("NV", "NV.xlsx", {"TC-01": DOING, "TC-03": DOING}, 15),
            o.send("TP", "TP.xlsx", {"TC-02": DOING}, 15))
    return o


@pytest.fixture
def office(tmp_path) -> Office:
    return Office(tmp_path)


@pytest.mark.parametrize("recorded", [True, False], ids=["recorded", "only-typed"])
def test_a_verdict_on_a_withdrawn_file_s_answer_never_lands_on_the_next(office, recorded):
    """Đạt typed for NV's later file (done), that file then withdrawn on the web app: the
    workbook was read back after the withdrawal and Đạt recorded for the earlier file's
    answer (in progress 60%), counted done."""
    a = office.send("NV", "NV-A.xlsx", {"TC-01": DOING}, 15)
    b = office.send("NV", "NV-B.xlsx", {"TC-01": FINISHED}, 16)
    office.merge(a, b)
    office.type("NV", "TC-01", "Đạt")
    if recorded:
        office.record()
    refresh_outputs(office.master, "9T", office.out, withdraw=b.name)
    assert office.verdicts() == []


def test_a_verdict_removed_is_not_read_back_from_a_workbook_made_before(office):
    """'cchc-xl withdraw' removed it; the next merge of anything read the workbook, which
    still showed Đạt, and recorded it again."""
    a = office.send("NV", "NV-A.xlsx", {"TC-01": DOING}, 15)
    b = office.send("NV", "NV-B.xlsx", {"TC-01": FINISHED}, 16)
    office.merge(a, b)
    office.type("NV", "TC-01", "Đạt")
    office.record()
    withdraw_file(office.db, b.name, "9T")
    assert office.verdicts() == []
    office.merge(office.send("TP", "TP.xlsx", {"TC-02": {A.COL_STATUS: NOT_STARTED}}, 15))
    assert office.verdicts() == []
    # Judged again in the workbook written since, it is recorded.
    office.type("NV", "TC-01", "Chưa đạt")
    office.record()
    assert office.verdicts() == [("NV", "TC-01", "fail")]


def test_a_row_left_blank_is_no_new_answer(office):
    """Đạt given to NV's unreported TC-03; NV's first file left that row blank: the
    verdict was removed as if the answer had changed."""
    office.merge(office.send("TP", "TP.xlsx", {"TC-02": {A.COL_STATUS: NOT_STARTED}}, 15))
    office.type("NV", "TC-03", "Đạt")
    office.record()
    office.merge(office.send("NV", "NV.xlsx", {"TC-01": DOING}, 16))
    assert office.verdicts() == [("NV", "TC-03", "pass")]


def test_a_unit_s_only_file_withdrawn_takes_its_verdict_with_it(office):
    """NV's only file judged Đạt, then withdrawn: the verdict stayed, and TC-01 counted
    done from a withdrawn file ("Chưa gửi tệp" beside "Đạt")."""
    nv = office.send("NV", "NV.xlsx", {"TC-01": FINISHED}, 15)
    office.merge(nv)
    office.type("NV", "TC-01", "Đạt")
    office.record()
    done_before = office.done()
    refresh_outputs(office.master, "9T", office.out, withdraw=nv.name)
    assert office.verdicts() == []
    assert office.done() == done_before - 1


def test_assess_counts_verdicts_apart_from_remarks_and_cells_emptied(office):
    """`cchc-xl assess` said "Đã ghi 3 đánh giá mới … kỳ 9T có 1 dòng do cơ quan tổng
    hợp đánh giá" of one verdict typed, one remark alone ("OK luôn", judging nothing) and
    one verdict emptied (a QA pass): three "new assessments", one row assessed. Each is
    counted apart, in the words the web app's Báo cáo page says it."""
    from test_figures import run

    from cchc_xl.assessment import Assessment
    from cchc_xl.vocab import FAIL
    from cchc_xl.web.pages.assess import assessed_message

    office.merge(office.send("NV", "NV.xlsx", {"TC-01": DOING}, 15),
                 office.send("TP", "TP.xlsx", {"TC-02": DOING}, 15))
    office.type("NV", "TC-01", "Đạt")
    office.record()
    refresh_outputs(office.master, "9T", office.out)  # the workbook shows the Đạt
    office.type("NV", "TC-01", None)                  # emptied
    office.type("TP", "TC-02", "Chưa đạt: thiếu văn bản")
    office.type("NV", "TC-03", "OK luôn")             # a remark, no verdict
    code, output = run("assess", office.out)
    assert code == 1, output  # the remark is pointed out
    said = ("Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) và 1 nhận xét không kèm Đạt / "
            "Chưa đạt vào {}, bỏ 1 đánh giá đã xóa trong bảng")
    assert output.splitlines()[0] == said.format(f"sổ cái {office.db}") + (
        "; kỳ 9T có 1 dòng (sản phẩm × đơn vị chủ trì) do cơ quan tổng hợp đánh giá."), output
    assert office.verdicts() == [("TP", "TC-02", FAIL)]
    # The web app's page says it in the same words.
    changes = {("NV", "TC-01"): None, ("TP", "TC-02"): Assessment(FAIL, "thiếu văn bản"),
               ("NV", "TC-03"): Assessment(None, "OK luôn")}
    page = assessed_message(changes, None, office.master.period("9T"), [], office.master)
    assert page.startswith(said.format("số liệu kỳ 9 tháng năm 2023")), page
