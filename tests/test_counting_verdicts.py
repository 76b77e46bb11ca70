"""The office's verdicts ("Đạt" / "Chưa đạt") across periods: an answer judged and sent
again, a verdict emptied or shown again, and what a verdict judges."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_figures import EVIDENCE, _assess, done

from cchc_xl import assignment as A
from cchc_xl.ledger import Ledger
from cchc_xl.ledger.assessments import assessments
from cchc_xl.merge import merge_returns
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, IN_PROGRESS
from make_sample_returns import fill_return
from support.counting import _ISSUED, X1_ANSWER, _Office, _two_periods


@pytest.mark.parametrize("sent_again, counted", [
    ({A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2)}, DONE),
    ({A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 4, 2)}, IN_PROGRESS)])
def test_an_answer_judged_dat_and_sent_again_unchanged_stays_done(tmp_path, sent_again,
                                                                 counted) -> None:
    """The office judged a row done without evidence "Đạt" in the first quarter; split
    --ledger filled it in for six months and the unit sent it back unchanged: it was
    "cần xác minh" again (counted in progress) until the office judged it again. The same
    answer keeps its standing; a changed one is judged anew."""
    six = _two_periods(tmp_path, {"TP": {"TC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                                                   A.COL_DONE_ON: date(2023, 3, 2)}}},
                       {"TP": {"TC-02": sent_again}})
    snapshot = load_snapshot(six.parent / "cchc-ledger.sqlite", "6T")
    summary = summarize(snapshot)
    (tc02,) = next(t for t in summary.tasks if t.id == "TC-02").products[0].leads
    assert tc02.counted_status == counted
    # Settled, the row's error is not asked of the unit again: neither the reminder
    # letter nor the feedback quotes it; a changed answer's is.
    from cchc_xl.feedback import for_the_unit
    from cchc_xl.letters.remind import reminders

    told = [f.task for r in reminders(summary, snapshot) if r.unit.code == "TP"
            for f in r.items]
    (sent,) = [sub for sub in snapshot.submissions if sub.unit == "TP"]
    fed_back = [f.task for f in for_the_unit(snapshot, sent)]
    assert ("TC-02" in told, "TC-02" in fed_back) == (counted != DONE,) * 2


@pytest.mark.parametrize("changed", [False, True])
def test_an_answer_judged_chua_dat_and_sent_again_unchanged_stays_refused(tmp_path,
                                                                         changed) -> None:
    """The office judged NV's "done" of TC-01 "Chưa đạt" in the first quarter; split
    --ledger filled it in for six months and NV sent it back unchanged: it counted done
    again, in the 6-month, 9-month and year reports, without anyone deciding it (a
    probe). The same answer keeps the verdict; a changed one is judged anew."""
    office = _Office(tmp_path)
    answer = {**done(date(2023, 3, 10)), A.COL_EVIDENCE: "Báo cáo số 1/BC-NV ngày 10/3/2023"}
    office.send("Q1", {"NV": {"TC-01": answer}})
    office.judge("Q1", "NV", "TC-01", "Chưa đạt: chưa đăng trên cổng thông tin")
    assert office.lead("Q1", "TC-01").counted_status != DONE
    prefilled = office.split("6T", ledger=True)["NV"]
    # TC-01 sent back as filled in, or with other evidence; another row of this period.
    answers = {"TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: EVIDENCE}}
    if changed:
        answers["TC-01"] = {**answer, A.COL_EVIDENCE: "Báo cáo số 9/BC-NV ngày 20/5/2023"}
    fill_return(prefilled, tmp_path / "6T" / "NV.xlsx", answers)
    six = office.out / "6T.xlsx"
    merge_returns(office.master, [tmp_path / "6T"], "6T", six,
                  received=_ISSUED["6T"].date().replace(day=18))
    lead = office.lead("6T", "TC-01")
    if changed:  # a new answer: counted as given, for the office to judge
        assert (lead.counted_status, lead.verdict) == (DONE, None)
        return
    assert (lead.status, lead.counted_status, lead.verdict) == (DONE, IN_PROGRESS, "fail")
    from openpyxl import load_workbook
    shown = [row for ws in load_workbook(six, read_only=True).worksheets
             for row in ws.iter_rows(values_only=True) if "NV|TC-01|kỳ trước" in row]
    # ... its key says it is the first quarter's (emptied, the cell takes it back)
    assert shown and shown[0][-2] == "Chưa đạt: chưa đăng trên cổng thông tin"


@pytest.mark.parametrize("changed", [False, True])
def test_a_file_filled_in_from_the_ledger_says_the_answer_was_refused(tmp_path,
                                                                      changed) -> None:
    """The office judged NV's "done" of TC-01 "Chưa đạt" (its feedback file said so on
    the row), and NV sent the same answer back at six months: still Chưa đạt. The
    9-month file split --ledger filled that answer in said nothing of it, and NV sent it
    back unknowing, to be refused again (a QA pass). The row's status cell says it, as
    the feedback file words it, and the guide points to it; an answer NV changed since,
    not judged, is filled in alone."""
    from openpyxl import load_workbook

    from cchc_xl.assignment import GUIDE_SHEET

    office = _Office(tmp_path)
    answer = {**done(date(2023, 3, 10)), A.COL_EVIDENCE: "Báo cáo số 1/BC-NV ngày 10/3/2023"}
    office.send("Q1", {"NV": {"TC-01": answer}})
    office.judge("Q1", "NV", "TC-01", "Chưa đạt: chưa đăng trên cổng thông tin")
    # Six months: the same answer sent back (still Chưa đạt), or another (not judged).
    again = {**answer, A.COL_EVIDENCE: "Cổng thông tin"} if changed else answer
    office.send("6T", {"NV": {"TC-01": again,
                              "TTHC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 30}}})
    wb = load_workbook(office.split("9T", ledger=True)["NV"])
    comments = {(ws.title, c.coordinate): (c.value, c.comment.text) for ws in wb.worksheets
                for row in ws.iter_rows() for c in row if c.comment}
    guide = " ".join(str(v) for row in wb[GUIDE_SHEET].iter_rows(values_only=True)
                     for v in row if v)
    if changed:
        assert comments == {}
        assert "Chưa đạt" not in guide
        return
    # H5: TC-01's status, filled in as NV sent it.
    assert comments == {("Thể chế", "H5"): (DONE, (
        "[Đánh giá] Kỳ trước, cơ quan tổng hợp đánh giá Chưa đạt (chưa đăng trên cổng "
        "thông tin): bổ sung, hoàn thiện kết quả rồi báo cáo lại"))}
    assert ('1 dòng trong số đó có kết quả cơ quan tổng hợp đã đánh giá "Chưa đạt" ở kỳ '
            'trước: lý do ghi ở chú thích của ô "Trạng thái"') in guide


@pytest.mark.parametrize("read_back_first", [False, True])
def test_a_verdict_shown_again_and_emptied_is_taken_back(tmp_path, read_back_first) -> None:
    """The first quarter's "Chưa đạt", shown again at six months on the same answer sent
    back: the office empties the cell, as it would to take it back. It stayed "Chưa
    đạt" (a QA pass): the blank cell said nothing, and the first quarter's verdict judged
    the row again. Now no verdict judges it, at six months nor at nine with the same
    answer again; whether or not a merge read the workbook back before it was emptied
    (which records the verdict shown as the period's own)."""
    office = _Office(tmp_path)
    answer = {**done(date(2023, 3, 10)), A.COL_EVIDENCE: "Báo cáo số 1/BC-NV ngày 10/3/2023"}
    office.send("Q1", {"NV": {"TC-01": answer}})
    office.judge("Q1", "NV", "TC-01", "Chưa đạt: chưa đăng trên cổng thông tin")
    six = office.send("6T", {"NV": {"TC-01": answer}})
    assert office.lead("6T", "TC-01").verdict == "fail"
    if read_back_first:
        merge_returns(office.master, [tmp_path / "6T"], "6T", six)
    office.judge("6T", "NV", "TC-01", None)  # the cell emptied, read back
    lead = office.lead("6T", "TC-01")
    assert (lead.verdict, lead.counted_status) == (None, DONE)
    office.send("9T", {"NV": {"TC-01": answer}})
    lead = office.lead("9T", "TC-01")
    assert (lead.verdict, lead.counted_status) == (None, DONE)


def test_a_verdict_typed_then_emptied_is_as_if_never_typed(tmp_path) -> None:
    """A "Đạt" of the first quarter on an answer with an error ("cần xác minh" without
    it: "done" at 50%), shown again at six months; the office types "Chưa đạt" there,
    then empties the cell: its own verdict is gone, as if never typed, and the first
    quarter's "Đạt" shows again; emptied in its turn, it is taken back and the row's
    error counts. A blank cell where no verdict was shown records nothing."""
    office = _Office(tmp_path)
    wrong = done(date(2023, 3, 10), percent=50)  # an error: "done" at 50%
    office.send("Q1", {"NV": {"TC-01": wrong}})
    office.judge("Q1", "NV", "TC-01", "Đạt")
    office.send("6T", {"NV": {"TC-01": wrong, "TC-03": {A.COL_STATUS: IN_PROGRESS,
                                                       A.COL_EVIDENCE: EVIDENCE}}})
    assert office.lead("6T", "TC-01").verdict == "pass"
    office.judge("6T", "NV", "TC-01", "Chưa đạt")
    assert office.lead("6T", "TC-01").verdict == "fail"
    office.judge("6T", "NV", "TC-01", None)
    assert office.lead("6T", "TC-01").verdict == "pass"  # the first quarter's, again
    office.judge("6T", "NV", "TC-01", None)
    office.judge("6T", "NV", "TC-03", None)  # never judged: nothing recorded
    lead = office.lead("6T", "TC-01")
    assert (lead.verdict, lead.unverified, lead.counted_status) == (None, True, IN_PROGRESS)
    with Ledger(office.db, create=False) as ledger:
        recorded = assessments(ledger, office.master.plan.key, "6T")
    assert recorded[("NV", "TC-01")][0].cleared
    assert ("NV", "TC-03") not in recorded


def test_a_verdict_typed_where_nothing_was_sent_then_emptied_leaves_the_earlier_one(
        tmp_path) -> None:
    """The first quarter's "Chưa đạt"; at six months nothing sent, the office types "Đạt"
    on the row and empties it again; the unit's file then comes with the answer the
    first quarter refused: "Chưa đạt" judges it, as without the "Đạt" typed and taken
    back (a QA pass: it counted done, at six months and nine)."""
    office = _Office(tmp_path)
    answer = done(date(2023, 3, 10))
    office.send("Q1", {"NV": {"TC-01": answer}})
    office.judge("Q1", "NV", "TC-01", "Chưa đạt")
    office.send("6T", {"TP": {"TC-02": done(date(2023, 5, 10))}})
    office.judge("6T", "NV", "TC-01", "Đạt")
    office.judge("6T", "NV", "TC-01", None)
    (issued,) = (tmp_path / "giao-6T").glob("NV*.xlsx")
    fill_return(issued, tmp_path / "6T" / "NV.xlsx", {"TC-01": answer})
    merge_returns(office.master, [tmp_path / "6T"], "6T", office.out / "6T.xlsx",
                  received=date(2023, 6, 18))
    lead = office.lead("6T", "TC-01")
    assert (lead.verdict, lead.counted_status) == ("fail", IN_PROGRESS)


def test_a_cell_emptied_in_an_older_copy_leaves_a_newer_verdict(tmp_path) -> None:
    """A verdict shown again, emptied in an older copy of the workbook after a newer
    verdict was recorded from another: the newer one stays (a QA pass: the warning
    about it read "không ghi đánh giá ''")."""
    import shutil

    from cchc_xl.consolidated.link import assess

    office = _Office(tmp_path)
    answer = done(date(2023, 3, 10))
    office.send("Q1", {"NV": {"TC-01": answer}})
    office.judge("Q1", "NV", "TC-01", "Chưa đạt")
    six = office.send("6T", {"NV": {"TC-01": answer}})
    older = shutil.copy(six, six.parent / "ban-cu.xlsx")  # beside its ledger
    office.judge("6T", "NV", "TC-01", "Đạt")
    _assess(older, "NV", "TC-01", None, older)
    kept: list[str] = []
    assess(older, kept=kept)
    assert office.lead("6T", "TC-01").verdict == "pass"
    assert not [k for k in kept if "''" in k], kept


def test_a_verdict_typed_on_a_carried_row_then_emptied_leaves_the_carry(tmp_path) -> None:
    """NV reported TC-01 done in the first quarter and sent nothing at six months: the
    row counts done, carried. The office types "Đạt" there, then empties the cell: the
    row is as before, carried done (a QA pass: it counted not started, overdue, once
    emptying a cell took its verdict back)."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"TP": {"TC-02": done(date(2023, 5, 10))}})
    assert office.lead("6T", "TC-01").carried_from
    office.judge("6T", "NV", "TC-01", "Đạt")
    office.judge("6T", "NV", "TC-01", None)
    lead = office.lead("6T", "TC-01")
    assert (lead.verdict, lead.counted_status, lead.carried_from) == (
        None, DONE, "Quý I năm 2023")


def test_a_unit_with_everything_done_may_send_its_file_back_as_issued(tmp_path) -> None:
    """split --ledger fills in what a unit reported; a unit whose every task was done
    had nothing to change, and its file, sent back as it came, was rejected as "not
    filled in": the province's education department went from first to last."""
    from dataclasses import replace as changed

    from test_figures import figures_master

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.model import Unit
    from cchc_xl.split import split_master
    from cchc_xl.vocab import DEPARTMENT

    plan = figures_master()
    plan.units.append(Unit("TT", "Thanh tra huyện", DEPARTMENT))
    tc01 = plan.areas[0].tasks[0]
    tc01.deliverables[0] = changed(tc01.deliverables[0], lead=["TT"],  # TT leads TC-01 only
                                   lead_text="Thanh tra huyện")
    master = load_master(write_master(plan, tmp_path / "ke-hoach.xlsx"))
    q1 = {f.unit_code: f.path for f in split_master(
        master, "Q1", tmp_path / "giao-Q1", issued_at=datetime(2023, 3, 1)).files}
    fill_return(q1["TT"], tmp_path / "q1" / "TT.xlsx", {"TC-01": done(date(2023, 3, 5))})
    fill_return(q1["NV"], tmp_path / "q1" / "NV.xlsx", {"TC-04": done(date(2023, 2, 10))})
    out = tmp_path / "tong-hop" / "tong-hop-Q1.xlsx"
    merge_returns(master, [tmp_path / "q1"], "Q1", out, received=date(2023, 3, 18))
    db = out.parent / "cchc-ledger.sqlite"
    six = {f.unit_code: f.path for f in split_master(
        master, "6T", tmp_path / "giao-6T", ledger=db, issued_at=datetime(2023, 6, 1)).files}
    saved = datetime(2023, 6, 15, 8)  # opened, saved, nothing changed; NV has work left
    fill_return(six["TT"], tmp_path / "6t" / "TT.xlsx", {}, saved_at=saved)
    fill_return(six["NV"], tmp_path / "6t" / "NV.xlsx", {}, saved_at=saved)
    result = merge_returns(master, [tmp_path / "6t"], "6T", out.with_name("6T.xlsx"),
                           received=date(2023, 6, 18))
    files = {f.unit: f for f in result.run_files}
    assert files["TT"].outcome == "accepted"
    assert [p.code for p in files["TT"].problems] == ["return-all-done-before"]
    assert files["NV"].outcome == "rejected"
    assert [p.code for p in files["NV"].problems] == ["return-unchanged"]
    summary = summarize(load_snapshot(db, "6T"))
    units = {u.code: u for u in summary.units}
    assert (units["TT"].done, units["TT"].return_text) == (1, "Đúng hạn")
    # The byte-identical file, never opened, says the same.
    result = merge_returns(master, [six["TT"]], "6T", out.with_name("6T-b.xlsx"),
                           db=tmp_path / "b.sqlite", received=date(2023, 6, 18))
    assert [f.outcome for f in result.run_files] == ["accepted"]


def test_a_verdict_ends_with_another_answer_though_the_first_comes_back(tmp_path) -> None:
    """Q1: TP's "done" of TC-02 judged Chưa đạt. 6T: another answer (in progress). 9T:
    the Q1 answer again, not judged: counted as sent. The year, TP silent: 9T's answer
    carried. The Q1 verdict was applied to 9T's answer when the year was counted, while
    9T itself had counted it done (a QA pass)."""
    office = _Office(tmp_path)
    first = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2),
             A.COL_EVIDENCE: EVIDENCE}
    office.send("Q1", {"TP": {"TC-02": first}})
    office.judge("Q1", "TP", "TC-02", "Chưa đạt")
    office.send("6T", {"TP": {"TC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50,
                                         A.COL_EVIDENCE: EVIDENCE}}})
    office.send("9T", {"TP": {"TC-02": first}})
    assert (office.lead("9T", "TC-02").counted_status, office.lead("9T", "TC-02").verdict) \
        == (DONE, None)
    office.send("NAM", X1_ANSWER)
    year = office.lead("NAM", "TC-02")
    assert (year.counted_status, year.verdict, year.carried_from) == (
        DONE, None, "9 tháng năm 2023")


def test_a_verdict_on_a_carried_row_judges_the_same_answer_sent_again(tmp_path) -> None:
    """Q1: TP's TC-02 done. 6T: TP silent; the office judges the carried row Chưa đạt.
    9T: TP sends the Q1 answer back unchanged: it counted done, on time, the verdict
    forgotten; the year carried it (a QA pass)."""
    office = _Office(tmp_path)
    first = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2),
             A.COL_EVIDENCE: EVIDENCE}
    office.send("Q1", {"TP": {"TC-02": first}})
    office.send("6T", X1_ANSWER)
    office.judge("6T", "TP", "TC-02", "Chưa đạt: thiếu văn bản")
    assert office.lead("6T", "TC-02").counted_status != DONE
    office.send("9T", {"TP": {"TC-02": first}})
    nine = office.lead("9T", "TC-02")
    assert (nine.counted_status != DONE, nine.verdict) == (True, "fail")
    office.send("NAM", X1_ANSWER)
    assert office.lead("NAM", "TC-02").counted_status != DONE


def test_a_verdict_on_a_row_left_blank_judges_the_answer_shown(tmp_path) -> None:
    """Q1: TP's TC-02 done. 6T: TP's file leaves the row blank (Q1's "done" shown,
    carried); the office judges it Chưa đạt. 9T: the Q1 answer sent back: it counted
    done, the verdict forgotten, as with no file it no longer is (a QA pass)."""
    office = _Office(tmp_path)
    first = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2),
             A.COL_EVIDENCE: EVIDENCE}
    office.send("Q1", {"TP": {"TC-02": first}})
    office.send("6T", {"TP": {"TTHC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 30,
                                           A.COL_EVIDENCE: EVIDENCE}}})
    office.judge("6T", "TP", "TC-02", "Chưa đạt")
    office.send("9T", {"TP": {"TC-02": first}})
    nine = office.lead("9T", "TC-02")
    assert (nine.counted_status != DONE, nine.verdict) == (True, "fail")
