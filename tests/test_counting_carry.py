"""What carries from one period to the next (docs/counting.md): work done earlier still
counts done, what ends a carry and what does not, and an "Đạt" carried."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_figures import EVIDENCE, done

from cchc_xl import assignment as A
from cchc_xl.merge import merge_returns
from cchc_xl.report.summary import summarize
from cchc_xl.report.tables import part_done_lines
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, IN_PROGRESS, LATE, NOT_STARTED, ON_TIME, WITHIN
from make_sample_returns import fill_return
from support.counting import _ISSUED, X1_ANSWER, _Office, _two_periods


def test_an_unreadable_answer_ends_what_an_earlier_period_carried(tmp_path) -> None:
    """Done in Q1; at six months NV wrote "Hoàn thành 80%" on the row: Q1's "done" was
    carried over it, counted done and not to verify (a QA pass). The new answer, though
    unreadable, is the row's: cần xác minh, not done."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"NV": {"TC-01": {A.COL_STATUS: "Hoàn thành 80%",
                                         A.COL_EVIDENCE: EVIDENCE}}})
    lead = office.lead("6T", "TC-01")
    assert (lead.carried_from, lead.counted_status) == ("", NOT_STARTED)
    assert lead.reported and lead.unverified


def test_work_done_in_an_earlier_period_still_counts_done(tmp_path) -> None:
    """A cumulative report counted a task done and reported in the first quarter as
    "not started, overdue" when its unit sent nothing for six months: the province's
    probe lost 27 completed rows of 9 units that way (docs/counting.md)."""
    six = _two_periods(tmp_path, {
        "NV": {"TC-01": done(date(2023, 3, 10)),     # due March: done on time, carried
               "TC-03": done(date(2023, 3, 1))},     # recurring: reported again each period
        "TP": {
            # Done without evidence (an error); the office then says Đạt: carried.
            "TC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2)},
            # Done without evidence, not assessed: unverified, not carried.
            "TTHC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                        A.COL_DONE_ON: date(2023, 3, 3)}}},
        # Six months: NV sends nothing; TP answers TTHC-02 again (in progress).
        {"TP": {"TTHC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60,
                            A.COL_EVIDENCE: EVIDENCE}}})
    summary = summarize(load_snapshot(six.parent / "cchc-ledger.sqlite", "6T"))
    tasks = {t.id: t for t in summary.tasks}
    (tc01,) = tasks["TC-01"].products[0].leads
    assert (tc01.counted_status, tc01.timeliness) == (DONE, ON_TIME)
    assert tc01.completed_on == date(2023, 3, 10)
    assert tc01.carried_from == "Quý I năm 2023"
    assert tasks["TC-02"].status == DONE                     # the office's Đạt
    assert tasks["TC-03"].status == NOT_STARTED              # recurring: not carried
    assert tasks["TTHC-02"].status == IN_PROGRESS            # this period's answer wins
    units = {u.code: u for u in summary.units}
    assert (units["NV"].done, units["NV"].return_text) == (1, "Chưa gửi")
    assert "NV" in summary.missing_units                     # still asked to report
    # The consolidated workbook shows the row as counted, with where it comes from.
    from openpyxl import load_workbook
    shown = [[c for c in row if c is not None]
             for ws in load_workbook(six, read_only=True).worksheets
             for row in ws.iter_rows(values_only=True) if "NV|TC-01" in row]
    assert shown == [["1", "TC-01", "Rà soát văn bản", "Sản phẩm TC-01", "Tháng 3/2023",
                      datetime(2023, 3, 31), "Phòng Nội vụ",
                      "Đã hoàn thành theo báo cáo Quý I năm 2023", 100, datetime(2023, 3, 10),
                      EVIDENCE, "Đúng hạn", 0, "NV|TC-01"]]


def test_a_done_row_found_wrong_is_not_carried(tmp_path) -> None:
    """Reported done in the first quarter without evidence (an error on the row, "cần
    xác minh") and not assessed: six months later, the unit silent, nothing is carried;
    the row is still the unit's to report (docs/counting.md)."""
    six = _two_periods(tmp_path, {
        "NV": {"TC-01": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                         A.COL_DONE_ON: date(2023, 3, 10)}}},
        {"X1": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40,
                            A.COL_EVIDENCE: EVIDENCE}}})
    summary = summarize(load_snapshot(six.parent / "cchc-ledger.sqlite", "6T"))
    (tc01,) = next(t for t in summary.tasks if t.id == "TC-01").products[0].leads
    assert tc01.counted_status != DONE
    assert tc01.carried_from == ""
    assert "NV" in summary.missing_units


def test_an_unreadable_answer_is_an_answer_in_later_periods_too(tmp_path) -> None:
    """Q1: NV's TC-01 done. 6T: "Hoàn thành 80%" (cần xác minh). 9T: NV silent: Q1's
    "done" was carried again, the 6T answer read as a blank row (a QA pass)."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"NV": {"TC-01": {A.COL_STATUS: "Hoàn thành 80%",
                                         A.COL_EVIDENCE: EVIDENCE}}})
    office.send("9T", X1_ANSWER)
    nine = office.lead("9T", "TC-01")
    assert (nine.counted_status != DONE, nine.carried_from) == (True, "")


@pytest.mark.parametrize("judged_first, blank", [(False, False), (True, True)])
def test_a_verdict_on_a_silent_row_with_nothing_shown_judges_no_answer(tmp_path,
                                                                       judged_first,
                                                                       blank) -> None:
    """Q1: NV's TC-01 in progress, 50% (or judged Chưa đạt too). 6T: NV silent (or its
    row left blank), nothing carried (not done); the office types Đạt. 9T: the same 50%
    answer: it counted done with that Đạt, which judged no answer of NV's (a QA pass;
    on a blank row, the Q1 answer's verdict was taken for the one the Đạt judged)."""
    office = _Office(tmp_path)
    half = {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50, A.COL_EVIDENCE: EVIDENCE}
    office.send("Q1", {"NV": {"TC-01": half}})
    if judged_first:
        office.judge("Q1", "NV", "TC-01", "Chưa đạt")
    office.send("6T", {"NV": {"TC-04": done(date(2023, 2, 10))}} if blank else X1_ANSWER)
    office.judge("6T", "NV", "TC-01", "Đạt")
    office.send("9T", {"NV": {"TC-01": half}})
    nine = office.lead("9T", "TC-01")
    # Judged Chưa đạt in Q1, the same answer is judged so still; else not at all.
    assert (nine.counted_status, nine.verdict) == (IN_PROGRESS,
                                                   "fail" if judged_first else None)


def test_recurring_work_is_not_carried_into_the_next_periods_file(tmp_path) -> None:
    """split --ledger filled a quarterly task in with last quarter's "done", its date
    and evidence; sent back as it was, it counted as carried out in the new period.
    A product with a due date is given back as the unit last said it, a note sent
    alone included (docs/counting.md)."""
    from openpyxl import load_workbook

    office = _Office(tmp_path)
    note = "Chờ hướng dẫn của Sở Tư pháp"
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10)), "TC-03": done(date(2023, 3, 1)),
                              "TC-04": {A.COL_NOTE: note}}})
    six = office.split("6T", ledger=True)
    cols = [A.COLUMNS.index(c) for c in (A.COL_STATUS, A.COL_NOTE)]
    issued = {row[0]: tuple(row[c] for c in cols)
              for ws in load_workbook(six["NV"], read_only=True).worksheets
              for row in ws.iter_rows(values_only=True)
              if row and row[0] in ("TC-01", "TC-03", "TC-04")}
    assert issued == {"TC-01": (DONE, None), "TC-03": (None, None), "TC-04": (None, note)}


def test_a_later_answer_not_done_ends_what_an_earlier_period_carried(tmp_path) -> None:
    """Done in Q1, then in 6T reported done after the cut-off and judged Chưa đạt by the
    office; nothing in 9T: the 9T report counted Q1's "done, on time" again."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    assert office.task("9T", "TC-01").status == DONE  # carried from 6T, the latest to say anything
    office.judge("6T", "NV", "TC-01", "Chưa đạt")
    assert office.task("6T", "TC-01").status != DONE
    assert office.task("9T", "TC-01").status != DONE  # 6T's Chưa đạt ends the carry from Q1


@pytest.mark.parametrize("verdict", ["Chưa đạt", "Đạt"])
def test_a_verdict_holds_while_the_same_answer_comes_back(tmp_path, verdict) -> None:
    """Q1: TP reports TC-02 done and the office judges it. 6T: split
    --ledger fills it in and TP sends it back unchanged (judged so again). 9T: TP sends it
    back unchanged once more, or sends nothing. The verdict held for one period only:
    in 9T a Chưa đạt carried 6T's "done" as done, and a Đạt was "Cần xác minh" again (a
    QA pass of four periods)."""
    office = _Office(tmp_path)
    passed = verdict == "Đạt"
    # Judged Đạt: done without evidence (an error, "cần xác minh" unless judged); judged
    # Chưa đạt: done with evidence (counted done unless judged).
    answer = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2),
              **({} if passed else {A.COL_EVIDENCE: EVIDENCE})}
    office.send("Q1", {"TP": {"TC-02": answer}})
    office.judge("Q1", "TP", "TC-02", verdict)
    for code, again in (("6T", True), ("9T", passed)):  # a Chưa đạt: nothing sent in 9T
        split = office.split(code, ledger=True)
        # Another row changed (a file sent back as it came is refused as not filled in).
        other = {"TTHC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: {"6T": 30, "9T": 60}[code],
                             A.COL_EVIDENCE: EVIDENCE}}
        if again:
            fill_return(split["TP"], tmp_path / code / "TP.xlsx", other)
        else:
            fill_return(split["X1"], tmp_path / code / "X1.xlsx", X1_ANSWER["X1"])
        merge_returns(office.master, [tmp_path / code], code, office.out / f"{code}.xlsx",
                      received=_ISSUED[code].date().replace(day=18))
        tc02 = office.lead(code, "TC-02")
        assert (tc02.counted_status == DONE) == passed, code
        assert (office.task(code, "TC-02").status == DONE) == passed, code
        if passed:  # the same answer, judged again: shown and counted as judged
            assert tc02.verdict == "pass", code


def test_a_row_left_blank_later_does_not_end_the_carry(tmp_path) -> None:
    """Done in Q1; in 6T the unit sends a file answering another task and leaving this
    one blank: a blank row says nothing, so 6T and 9T still count Q1's "done"
    (docs/counting.md)."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"NV": {"TC-04": done(date(2023, 2, 10))}})
    office.send("9T", X1_ANSWER)
    for code in ("6T", "9T"):
        tc01 = office.lead(code, "TC-01")
        assert (tc01.counted_status, tc01.carried_from) == (DONE, "Quý I năm 2023"), code


def test_the_offices_verdict_on_a_silent_row_decides_what_carries(tmp_path) -> None:
    """Q1: NV reports TC-01 done; TP sends nothing and the office judges its TC-02 "Chưa
    đạt". 6T: neither sends; the office judges NV's TC-01 "Chưa đạt". A silent row judged
    Chưa đạt carries nothing, and a row the office judged this period is counted as
    judged, not carried (docs/counting.md)."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}, **X1_ANSWER})
    office.judge("Q1", "TP", "TC-02", "Chưa đạt")
    office.send("6T", X1_ANSWER)
    assert office.lead("6T", "TC-01").carried_from == "Quý I năm 2023"  # before the verdict
    assert office.lead("6T", "TC-02").counted_status != DONE
    office.judge("6T", "NV", "TC-01", "Chưa đạt")
    tc01 = office.lead("6T", "TC-01")
    assert (tc01.counted_status != DONE, tc01.carried_from) == (True, "")


@pytest.mark.parametrize("q1", [
    {},                                                      # TP sent nothing at all
    {"TP": {"TC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50}}}])  # no date
def test_a_dat_carried_without_a_completion_date_stays_on_time(tmp_path, q1) -> None:
    """Q1: the office judges TP's TC-02 (due 31/5) "Đạt" on a row with no completion date
    (TP sent nothing, or "Đang thực hiện"): done on time. 6T (cut-off 14/6, after the due
    date): TP silent, the Đạt carries. It counted done but "Cần đánh giá", as a "done"
    with no date past its due date, asking the office to judge again what it had judged
    (a QA pass over a year of the Hoằng Hóa plan: Thanh tra huyện's BM-02, judged Đạt at
    6T, "Đúng hạn" at 9T, "Cần đánh giá" in the year's report). A carried Đạt counts as
    the Đạt did (docs/counting.md, rules 1 and 2), not as a verdict of this period."""
    office = _Office(tmp_path)
    office.send("Q1", {**q1, **X1_ANSWER})
    office.judge("Q1", "TP", "TC-02", "Đạt")
    assert (office.lead("Q1", "TC-02").counted_status,
            office.lead("Q1", "TC-02").timeliness) == (DONE, ON_TIME)
    office.send("6T", X1_ANSWER)
    tc02 = office.lead("6T", "TC-02")
    assert (tc02.counted_status, tc02.timeliness, tc02.carried_from) == (
        DONE, ON_TIME, "Quý I năm 2023")
    assert tc02.verdict is None  # not the office's verdict of this period
    assert summarize(load_snapshot(office.db, "6T")).assessed_rows == 0


def _dat_carried_into_6t(tmp_path, q1: dict[str, dict]):
    """Q1 answered as ``q1`` says, the office judging TP's TC-02 "Đạt"; 6T with TP
    silent: the office and TP's TC-02 row of the 6-month consolidated workbook."""
    from openpyxl import load_workbook

    office = _Office(tmp_path)
    office.send("Q1", {**q1, **X1_ANSWER})
    office.judge("Q1", "TP", "TC-02", "Đạt")
    six = office.send("6T", X1_ANSWER)
    (row,) = [row for ws in load_workbook(six, read_only=True).worksheets
              for row in ws.iter_rows(values_only=True) if "TP|TC-02" in row]
    return office, row


@pytest.mark.parametrize(("q1", "shown"), [
    ({}, "Đã hoàn thành theo đánh giá kỳ Quý I năm 2023"),       # TP sent nothing
    ({"TP": {"TC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50}}},
     "Đã hoàn thành theo đánh giá kỳ Quý I năm 2023"),           # "Đang thực hiện"
    # Reported done (without evidence: an error), the office's Đạt on it: the unit's word.
    ({"TP": {"TC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                       A.COL_DONE_ON: date(2023, 3, 2)}}},
     "Đã hoàn thành theo báo cáo Quý I năm 2023")])
def test_a_dat_carried_says_it_was_the_offices(tmp_path, q1, shown) -> None:
    """Q1: the office judges TP's TC-02 "Đạt"; 6T: TP silent, the Đạt carries. The
    6-month consolidated workbook said "Đã hoàn thành theo báo cáo Quý I năm 2023" of a
    row TP never reported done (it sent nothing, or "Đang thực hiện"): it was the office's
    Đạt (a QA pass over a year of the Hoằng Hóa plan). Such a row says "theo đánh giá
    kỳ …"; one the unit reported done keeps "theo báo cáo …" (docs/counting.md, rule 2).
    Either way no verdict of this period is shown beside it."""
    office, row = _dat_carried_into_6t(tmp_path, q1)
    assert shown in row
    assert not {"Đạt", "Chưa đạt"} & set(row)  # the Đạt was Q1's, not this period's
    assert office.lead("6T", "TC-02").status_text == shown


def test_a_dat_carried_is_said_the_offices_in_the_plan_appendix(tmp_path) -> None:
    """Q1: TP sends nothing, the office judges its TC-02 "Đạt"; 6T: TP silent, the Đạt
    carries. The 6-month report's plan appendix read "Đã hoàn thành (đúng hạn)." as if TP
    had reported it (a year's QA pass): it says the office's word, and of which period."""
    from cchc_xl.report import write_report
    from support.report import xlsx_texts

    office, _ = _dat_carried_into_6t(tmp_path, {})
    result = write_report(office.db, "6T", tmp_path / "bc.xlsx")
    rows = xlsx_texts(result.paths[0], "Thể chế")
    column = next(r for r in rows if "Kết quả thực hiện" in r).index("Kết quả thực hiện")
    (row,) = [r for r in rows if "Sản phẩm TC-02" in r]
    assert row[column] == ("Đã hoàn thành (đúng hạn).\n"
                           "Cơ quan tổng hợp đánh giá Đạt ở kỳ Quý I năm 2023.")


@pytest.mark.parametrize("q1", [
    {},                                                                  # TP sent nothing
    {"TP": {"TC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60}}}])  # "Đang thực hiện"
def test_a_dat_carried_shows_the_product_done_at_100_percent(tmp_path, q1) -> None:
    """Q1: TP "Đang thực hiện, 60%" (or nothing), the office judges it "Đạt"; 6T: TP
    silent, the Đạt carries. The 6-month consolidated workbook showed "Đã hoàn thành theo
    đánh giá kỳ Quý I năm 2023" beside "60" in "Tỷ lệ (%)" (a QA pass), while the figures
    and the report count the product done at 100% (docs/counting.md: a row counted done
    is at 100%, whatever was typed)."""
    office, row = _dat_carried_into_6t(tmp_path, q1)
    shown = row.index("Đã hoàn thành theo đánh giá kỳ Quý I năm 2023")
    assert row[shown + 1] == 100  # "Tỷ lệ (%)", beside the status
    lead = office.lead("6T", "TC-02")
    assert (lead.percent, lead.counted_percent) == (100, 100)
    task = office.task("6T", "TC-02")
    assert (task.status, task.percent, task.products[0].percent) == (DONE, 100, 100)


HALF = {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60, A.COL_EVIDENCE: EVIDENCE}


def test_a_part_done_earlier_stays_done_when_the_next_part_is_in_progress(tmp_path) -> None:
    """TC-04 ("Kế hoạch: Tháng 2/2023; Báo cáo: Tháng 12/2023") done on 20/02 in the first
    quarter (February's part), then "Đang thực hiện" at six and nine months, at work on
    December's: it counted overdue by February's date, a part done (a QA pass), where the
    same row left blank counted in progress and on time. Judged by December's date."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-04": done(date(2023, 2, 20))}})
    office.send("6T", {"NV": {"TC-04": HALF}})
    office.send("9T", {"NV": {"TC-04": {**HALF, A.COL_PERCENT: 80}}})
    for code in ("6T", "9T"):
        lead = office.lead(code, "TC-04")
        assert (lead.counted_status, lead.timeliness) == (IN_PROGRESS, WITHIN), code
        assert office.task(code, "TC-04").timeliness == WITHIN
        # Biểu 3's "Lý do" says why (an audit: "Trong hạn" and no reason beside May's date).
        assert part_done_lines([lead], {}, several=False) == [
            "Đã hoàn thành phần việc đến hạn trước (ngày 20/02/2023); phần đến hạn 31/12/2023 "
            "còn phải thực hiện."]
    # A first quarter without that part done: February's part overdue at six months.
    other = _Office(tmp_path / "other")
    other.send("Q1", {"NV": {"TC-04": HALF}})
    other.send("6T", {"NV": {"TC-04": HALF}})
    assert other.lead("6T", "TC-04").timeliness == LATE


def test_a_product_done_whole_earlier_is_still_judged_by_its_date(tmp_path) -> None:
    """TC-01 (Tháng 3/2023) done on 10/03, then "Đang thực hiện" at six months: no later
    part to be at work on; it went back (warned, went_back.py), overdue by March."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"NV": {"TC-01": HALF}})
    lead = office.lead("6T", "TC-01")
    assert (lead.counted_status, lead.timeliness) == (IN_PROGRESS, LATE)


def test_a_part_done_earlier_is_said_with_its_date_not_a_date_typed_now(tmp_path) -> None:
    """TC-04 done on 20/02 in the first quarter, then "Đang thực hiện" at six months with
    a date typed beside it (warned, date-without-done: the date the unit expects to finish
    December's part): the report's reason said that date as the part done."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-04": done(date(2023, 2, 20))}})
    office.send("6T", {"NV": {"TC-04": {**HALF, A.COL_DONE_ON: date(2023, 6, 10)}}})
    lead = office.lead("6T", "TC-04")
    assert (lead.counted_status, lead.timeliness) == (IN_PROGRESS, WITHIN)
    assert part_done_lines([lead], {}, several=False) == [
        "Đã hoàn thành phần việc đến hạn trước (ngày 20/02/2023); phần đến hạn 31/12/2023 "
        "còn phải thực hiện."]


def test_a_part_done_earlier_stays_done_when_the_next_is_said_done_after_the_cut_off(
        tmp_path) -> None:
    """TC-04 done on 20/02 in the first quarter (February's part); at six months (cut-off
    14/06) "Đã hoàn thành" dated 10/07, after the cut-off: in progress at the cut-off, as
    "Đang thực hiện" is, and so judged by December's date, not overdue by February's
    (the part done stays done)."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-04": done(date(2023, 2, 20))}})
    office.send("6T", {"NV": {"TC-04": done(date(2023, 7, 10))}})
    lead = office.lead("6T", "TC-04")
    assert (lead.counted_status, lead.timeliness) == (IN_PROGRESS, WITHIN)
    assert office.task("6T", "TC-04").timeliness == WITHIN
    assert part_done_lines([lead], {}, several=False) == [
        "Đã hoàn thành phần việc đến hạn trước (ngày 20/02/2023); phần đến hạn 31/12/2023 "
        "còn phải thực hiện."]


def test_the_list_of_all_rows_shows_a_carried_answer_and_the_office_s_verdict(tmp_path):
    """"Tất cả dòng" listed a row left blank at six months as "Chưa báo cáo" beside its
    progress "Đúng hạn" (the first quarter's "done" counted), and a row the office judged
    Đạt as sent, "Đang thực hiện", beside a progress counted done (a figures audit): each
    shows what counts, as the area sheets do."""
    from openpyxl import load_workbook

    from cchc_xl.consolidated.write import ROWS_SHEET

    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    # Six months: NV leaves TC-01 blank in the file it sends; TP's in-progress row judged Đạt.
    office.send("6T", {"NV": {"TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: EVIDENCE}},
                       "TP": {"TTHC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60,
                                          A.COL_EVIDENCE: EVIDENCE}}})
    office.judge("6T", "TP", "TTHC-02", "Đạt")
    ws = load_workbook(office.out / "6T.xlsx", read_only=True)[ROWS_SHEET]
    rows = {(r[0], r[3]): r for r in ws.iter_rows(values_only=True) if r and r[3]}
    assert rows[("NV", "TC-01")][4:7] == ("Đã hoàn thành theo báo cáo Quý I năm 2023", 100,
                                         datetime(2023, 3, 10))
    assert rows[("NV", "TC-01")][9] == "Đúng hạn"
    assert rows[("TP", "TTHC-02")][4:6] == (
        "Đang thực hiện (cơ quan tổng hợp đánh giá Đạt)", 60)
    # A row as sent, not judged, stays as sent.
    assert rows[("NV", "TC-03")][4] == IN_PROGRESS


def test_the_office_s_pass_on_a_carried_row_keeps_the_earlier_answer_shown(tmp_path):
    """Q1: NV's TC-01 done on 10/03. 6T: NV leaves the row blank (the Q1 "done" counts),
    then the office types Đạt on it: the row showed "Chưa báo cáo (cơ quan tổng hợp đánh
    giá Đạt)", its date and evidence gone, the blank row warned again "chưa điền", and the
    office was told it had passed a row the unit never reported (a QA pass). The Đạt
    confirms the carry: the figures the same, the earlier answer still shown."""
    from openpyxl import load_workbook

    from cchc_xl.consolidated.link import passed_unreported
    from cchc_xl.consolidated.write import ROWS_SHEET
    from cchc_xl.vocab import NOTE, PASS

    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"NV": {"TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: EVIDENCE}}})
    before = office.lead("6T", "TC-01")
    office.judge("6T", "NV", "TC-01", "Đạt")
    lead = office.lead("6T", "TC-01")
    assert (lead.counted_status, lead.timeliness, lead.completed_on, lead.verdict) == (
        before.counted_status, before.timeliness, date(2023, 3, 10), PASS)
    ws = load_workbook(office.out / "6T.xlsx", read_only=True)[ROWS_SHEET]
    (row,) = [r for r in ws.iter_rows(values_only=True) if r and r[:4:3] == ("NV", "TC-01")]
    assert row[4:7] == ("Đã hoàn thành theo báo cáo Quý I năm 2023 (cơ quan tổng hợp đánh "
                        "giá Đạt)", 100, datetime(2023, 3, 10))
    snapshot = load_snapshot(office.db, "6T")
    (blank,) = [r for r in snapshot.rows if (r.unit, r.deliverable) == ("NV", "TC-01")]
    assert [(f.severity, f.code) for f in blank.findings] == [(NOTE, "row-not-filled")]
    verdict = snapshot.assessments[("NV", "TC-01")]
    assert passed_unreported({("NV", "TC-01"): verdict}, snapshot.counted_rows,
                             snapshot.master) == ""


def test_the_same_answer_sent_again_keeps_the_period_that_reported_it(tmp_path) -> None:
    """NV reported TC-01 done in Q1 and sent the same answer back at six and nine months
    (``split --ledger`` fills it in): the six-month workbook said "Đã hoàn thành theo báo
    cáo Quý I năm 2023", the nine-month one "… theo báo cáo 6 tháng đầu năm 2023" for the
    same March completion (a year's QA pass: a commune's TCBM-01, done 10/03, read
    "theo báo cáo Quý I" at nine months and "theo báo cáo 9 tháng" at the year's end)."""
    office = _Office(tmp_path)
    for code in ("Q1", "6T", "9T"):
        office.send(code, {"NV": {"TC-01": done(date(2023, 3, 10))}})
    for code in ("6T", "9T"):
        lead = office.lead(code, "TC-01")
        assert (lead.counted_status, lead.carried_from) == (DONE, "Quý I năm 2023"), code
        assert lead.status_text == "Đã hoàn thành theo báo cáo Quý I năm 2023"
