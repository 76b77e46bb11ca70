"""Counting rules an office signs, on the small plan of test_figures, counted by hand:
an unverified row is never counted done, a percentage follows how its row counts, a
row the office assessed is not "chưa báo cáo", a unit is late only if its first valid
file was, and the Word report's "by the deadline" sentence says so (docs/counting.md).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_figures import EVIDENCE, _assess, done, figures_plan, word_text

from cchc_xl import assignment as A
from cchc_xl.ledger import Ledger
from cchc_xl.merge import merge_returns
from cchc_xl.report.docx import write_docx
from cchc_xl.report.summary import summarize
from cchc_xl.report.tables import summary_grids
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, IN_PROGRESS, JUDGE, NOT_STARTED, ON_TIME
from make_sample_returns import fill_return

# Period 9T: data to 14/09/2023, returns due 20/09/2023.
NV = {"TC-01": done(date(2023, 3, 20)),                           # done on time
      # Recurring, reported done on 18/09, after the cut-off (14/09), with evidence:
      # date-after-cutoff, an error: in progress, "cần đánh giá", never done on time.
      "TC-03": done(date(2023, 9, 18))}
NV_AGAIN = {**NV, "TC-01": done(date(2023, 3, 20), evidence=EVIDENCE + " (bản sửa)")}
TP = {"TC-02": done(date(2023, 5, 10)),                           # done on time
      # Done at 100% without evidence: an error ("cần xác minh"), counted in progress;
      # its reported 100% is all there is to tell progress by: in the mean, marked.
      "TTHC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 8, 1)}}
X1 = {"TTHC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40, A.COL_EVIDENCE: "Sổ theo dõi"}}
# X2 sends nothing; the office then marks its TTHC-01 row "Chưa đạt".


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rules")
    master, split = figures_plan(tmp)
    out = tmp / "tong-hop" / "tong-hop-9T.xlsx"
    # NV on time (19/09), then a correction after the deadline (25/09); TP late (22/09).
    sends = [("nhan-19", {"NV": NV, "X1": X1}, date(2023, 9, 19)),
             ("nhan-22", {"TP": TP}, date(2023, 9, 22)),
             ("nhan-25", {"NV": NV_AGAIN}, date(2023, 9, 25))]
    for folder, answers, received in sends:
        for unit, typed in answers.items():
            fill_return(split[unit], tmp / folder / split[unit].name, typed,
                        saved_at=datetime.combine(received, datetime.min.time()))
        merge_returns(master, [tmp / folder], "9T", out, received=received)
    _assess(out, "X2", "TTHC-01", "Chưa đạt", out)
    merge_returns(master, [tmp / "nhan-25"], "9T", out)  # reads the assessment back
    return master, tmp, out


def _figures(out):
    return summarize(load_snapshot(out.parent / "cchc-ledger.sqlite", "9T"))


def test_an_unverified_recurring_row_is_not_counted_done(ledger) -> None:
    summary = _figures(ledger[2])
    (tc03,) = [t for t in summary.tasks if t.id == "TC-03"]
    (row,) = tc03.products[0].leads
    assert row.unverified and (row.counted_status, row.timeliness) == (IN_PROGRESS, JUDGE)
    assert tc03.status == IN_PROGRESS
    # Biểu 4 shows what the unit sent beside how it is counted.
    grid = next(g for g in summary_grids(summary) if g.key == "can-xac-minh")
    shown = {r.cells[1].value: (r.cells[4].value, r.cells[5].value) for r in grid.rows}
    assert shown["TC-03"] == ("Đã hoàn thành", "Đang thực hiện")
    assert shown["TTHC-02"] == ("Đã hoàn thành", "Đang thực hiện")


@pytest.mark.parametrize("typed", [
    {A.COL_STATUS: "Hoàn thành 80%", A.COL_EVIDENCE: EVIDENCE},   # status and percentage
    {A.COL_STATUS: "Xong rồi", A.COL_EVIDENCE: EVIDENCE},         # no status
    {A.COL_PERCENT: 80, A.COL_EVIDENCE: EVIDENCE},                # results, no status
])
def test_a_row_filled_with_a_status_that_cannot_be_read_is_no_silence(tmp_path, typed) -> None:
    """A commune office wrote "Hoàn thành 80%" in the status cell: the report listed it
    among the units that reported nothing ("chưa có báo cáo") and Biểu 4 said "Trạng thái
    đơn vị ghi: Chưa báo cáo" beside the error quoting what it wrote (a QA pass). It is
    "cần xác minh", counted not started, and said to be unreadable."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": typed}})
    summary = summarize(load_snapshot(office.db, "Q1"))
    lead = office.lead("Q1", "TC-01")
    assert lead.reported and lead.unverified and lead.counted_status == NOT_STARTED
    task = office.task("Q1", "TC-01")
    assert "NV" not in [r.unit for p in task.products for r in p.leads if not r.reported]
    grid = next(g for g in summary_grids(summary) if g.key == "can-xac-minh")
    shown = {r.cells[1].value: (r.cells[4].value, r.cells[5].value) for r in grid.rows}
    # Nothing in the status cell is said so, not "could not be read" (a QA pass).
    said = "Chưa chọn trạng thái" if A.COL_STATUS not in typed else "Không đọc được"
    assert shown["TC-01"] == (said, NOT_STARTED)


def test_unreadable_rows_are_said_so_in_every_output(tmp_path) -> None:
    """NV, leading TC-01, wrote "Hoàn thành 80%"; TP, coordinating it, wrote a note and
    no status. The report stopped on TP's row (a coordinator reported with no status),
    and the Word report and the consolidated workbook still said NV had sent nothing on
    TC-01 (a QA pass)."""
    from dataclasses import replace as changed

    from openpyxl import load_workbook
    from test_figures import figures_master

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.report import write_report

    office = _Office(tmp_path)
    plan = figures_master()
    tc01 = plan.areas[0].tasks[0]
    tc01.deliverables[0] = changed(tc01.deliverables[0], support=["TP"],
                                   support_text="Phòng Tư pháp")
    office.master = load_master(write_master(plan, tmp_path / "ke-hoach-2.xlsx"))
    office.send("Q1", {"NV": {"TC-01": {A.COL_STATUS: "Hoàn thành 80%",
                                         A.COL_EVIDENCE: EVIDENCE}},
                       "TP": {"TC-01": {A.COL_NOTE: "Đã cung cấp số liệu"},
                              "TC-02": done(date(2023, 3, 20))}})
    out = tmp_path / "bao-cao"
    out.mkdir()
    result = write_report(office.db, "Q1", out / "bc.xlsx", html=out / "bc.html",
                          docx=out / "bc.docx")
    body = word_text(result.paths[2])[0]
    assert not [p for p in body if "Rà soát văn bản (chưa có báo cáo" in p]  # TC-01
    assert [p for p in body if "Kiểm tra văn bản (chưa có báo cáo: Phòng Nội vụ)" in p]  # TC-04
    shown = [row for ws in load_workbook(office.out / "Q1.xlsx", read_only=True).worksheets
             for row in ws.iter_rows(values_only=True) if "NV|TC-01" in row]
    assert shown and "Không đọc được" in shown[0]
    # The coordinator wrote a note and chose no status (a QA pass: "không đọc được").
    assert any("Phòng Tư pháp: Chưa chọn trạng thái" in str(c) for c in shown[0])
    assert not any("Phòng Tư pháp: Không đọc được" in str(c) for c in shown[0])


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


def test_a_percentage_follows_how_the_row_counts(ledger) -> None:
    summary = _figures(ledger[2])
    tasks = {t.id: t for t in summary.tasks}
    assert tasks["TC-01"].percent == 100.0
    # TP reported 100% without evidence: cần xác minh, counted in progress; its reported
    # 100% enters the progress, marked (docs/counting.md).
    assert (tasks["TTHC-02"].percent, tasks["TTHC-02"].percent_unverified) == (100.0, True)
    # X1 40% in progress with evidence on a recurring task: counted done, 100; X2 silent
    # and judged "Chưa đạt": not started, 0. The mean: 50.
    assert tasks["TTHC-01"].percent == 50.0


def test_a_done_the_cut_off_took_back_gives_no_progress(ledger) -> None:
    """NV reported recurring TC-03 done on 18/09, after the 9T cut-off (14/09): an error,
    the row is "cần xác minh" and its "done" taken back at the cut-off. Its 100% is not
    its progress at the cut-off: the task's "Tiến độ" has nothing to take from it, and
    is not marked as taking a row to verify's percentage (docs/counting.md)."""
    tc03 = next(t for t in _figures(ledger[2]).tasks if t.id == "TC-03")
    (row,) = tc03.products[0].leads
    assert (row.sent_status, row.percent) == (DONE, 100)
    assert tc03.unverified
    assert (tc03.percent, tc03.percent_unverified) == (None, False)


def test_an_assessed_silent_row_is_not_counted_unreported(ledger) -> None:
    summary = _figures(ledger[2])
    x2 = next(u for u in summary.units if u.code == "X2")
    assert (x2.counts.not_started, x2.counts.judged_by_office, x2.counts.not_reported) == (
        1, 1, 0)
    # Not reported: NV's TC-04 and TTHC-03, TP's TTHC-04 (rows left blank); not X2's.
    assert summary.leads.not_reported == 3
    assert summary.leads.judged_by_office == 1
    (tthc01,) = [t for t in summary.tasks if t.id == "TTHC-01"]
    assert tthc01.status == IN_PROGRESS and tthc01.reported
    statuses = {r.unit: r.counted_status for r in tthc01.products[0].leads}
    assert statuses == {"X1": DONE, "X2": NOT_STARTED}
    assert tthc01.products[0].leads[0].timeliness == ON_TIME


def test_a_row_to_verify_is_settled_by_the_offices_verdict(tmp_path) -> None:
    """Reported done without evidence: an error, "cần xác minh" (rule 3): listed among
    the rows to verify, counted in "Cần xác minh", its percentage marked in the mean.
    The office's Chưa đạt settles it (rule 1): in progress, no longer to verify, its
    percentage no longer marked."""
    master, split = figures_plan(tmp_path)
    out = tmp_path / "tong-hop" / "9T.xlsx"
    fill_return(split["TP"], tmp_path / "nhan" / split["TP"].name, {
        "TTHC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 8, 1)}})
    merge_returns(master, [tmp_path / "nhan"], "9T", out, received=date(2023, 9, 19))

    def tthc02(summary):
        return next(t for t in summary.tasks if t.id == "TTHC-02")

    before = _figures(out)
    assert [(t.id, r.unit) for t, _, r in before.unverified()] == [("TTHC-02", "TP")]
    assert (before.leads.needs_verification, before.total.needs_verification) == (1, 1)
    assert tthc02(before).unverified and tthc02(before).percent_unverified
    _assess(out, "TP", "TTHC-02", "Chưa đạt", out)
    merge_returns(master, [tmp_path / "nhan"], "9T", out)  # reads it back
    after = _figures(out)
    assert after.unverified() == []
    assert (after.leads.needs_verification, after.total.needs_verification) == (0, 0)
    assert (after.leads.judged_by_office, tthc02(after).status) == (1, IN_PROGRESS)
    assert not tthc02(after).unverified and not tthc02(after).percent_unverified


def test_recurring_work_reported_in_progress_is_said_so_unless_the_office_judged_it(
        tmp_path) -> None:
    """Rule 4: recurring work reported "Đang thực hiện" with evidence was carried out in
    the period and counts done; the Word report says how many such done tasks a lead
    reported in progress. Once the office judges the row Đạt, it is done by the
    office's verdict, not by that rule: no longer among them (docs/counting.md)."""
    master, split = figures_plan(tmp_path)
    out = tmp_path / "tong-hop" / "9T.xlsx"
    fill_return(split["NV"], tmp_path / "nhan" / split["NV"].name, {
        "TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50, A.COL_EVIDENCE: EVIDENCE}})
    merge_returns(master, [tmp_path / "nhan"], "9T", out, received=date(2023, 9, 19))

    def tc03(summary):
        return next(t for t in summary.tasks if t.id == "TC-03")

    before = _figures(out)
    assert (tc03(before).status, tc03(before).carried_out) == (DONE, True)
    assert tc03(before).carried_out_in_progress
    assert before.carried_out_shares == (1, 1, 0)
    _assess(out, "NV", "TC-03", "Đạt", out)
    merge_returns(master, [tmp_path / "nhan"], "9T", out)  # reads it back
    after = _figures(out)
    assert (tc03(after).status, tc03(after).carried_out) == (DONE, True)
    assert not tc03(after).carried_out_in_progress
    assert after.carried_out_shares == (1, 0, 1)
    assert tc03(after).carried_out_judged


def test_a_products_percentage_is_the_mean_of_its_leads(tmp_path) -> None:
    """Both communes lead TTHC-01 (recurring); in progress without evidence, each row
    counts as reported: the product's and the task's percentage is the mean of the
    leads', to two decimals (docs/counting.md)."""
    master, split = figures_plan(tmp_path)
    out = tmp_path / "tong-hop" / "9T.xlsx"
    for unit, percent in (("X1", 40), ("X2", 45.5)):
        fill_return(split[unit], tmp_path / "nhan" / split[unit].name, {
            "TTHC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: percent}})
    merge_returns(master, [tmp_path / "nhan"], "9T", out, received=date(2023, 9, 19))
    tthc01 = next(t for t in _figures(out).tasks if t.id == "TTHC-01")
    assert [r.counted_percent for r in tthc01.products[0].leads] == [40, 45.5]
    assert (tthc01.products[0].percent, tthc01.percent) == (42.75, 42.75)


def test_a_correction_after_the_deadline_is_not_lateness(ledger) -> None:
    summary = _figures(ledger[2])
    units = {u.code: u for u in summary.units}
    assert (units["NV"].return_text, units["NV"].received_on) == ("Đúng hạn", date(2023, 9, 19))
    assert units["TP"].return_text == "Muộn 2 ngày"
    assert units["X1"].return_text == "Đúng hạn"
    assert units["X2"].return_text == "Chưa gửi"


def test_the_word_report_counts_units_by_the_deadline(ledger, tmp_path) -> None:
    paragraphs, _ = word_text(write_docx(_figures(ledger[2]), tmp_path / "bao-cao.docx"))
    text = "\n".join(paragraphs)
    assert ("Đến hạn gửi báo cáo (20/09/2023) đã nhận báo cáo của 2/4 đơn vị. Sau hạn, "
            "nhận thêm báo cáo của 1 đơn vị: Phòng Tư pháp. Chưa gửi hoặc chưa có báo cáo "
            "hợp lệ: Xã Hai.") in text
    # The next paragraph stays one ("...Xã Hai.Đến ngày 14/09/2023" ran them together).
    (told,) = [p for p in paragraphs if "Đến hạn gửi báo cáo" in p]
    assert told.endswith("hợp lệ: Xã Hai.")
    assert any(p.startswith("Đến ngày 14/09/2023, đã hoàn thành") for p in paragraphs)
    # Rows to verify: their appendix is there (left out only when there is none).
    assert "Phụ lục IV" in paragraphs


_ISSUED = {"Q1": datetime(2023, 3, 1), "6T": datetime(2023, 6, 1), "9T": datetime(2023, 9, 1),
           "NAM": datetime(2023, 12, 1)}


class _Office:
    """The small plan's office over the year: each period's files split on the 1st of
    its last month (:data:`_ISSUED`), the units' answers merged as received on the 18th,
    the office's verdicts typed into the consolidated workbook and read back."""

    def __init__(self, tmp_path) -> None:
        from test_figures import figures_master

        from cchc_xl.master import load_master
        from cchc_xl.master.write import write_master

        self.tmp = tmp_path
        self.master = load_master(write_master(figures_master(), tmp_path / "ke-hoach.xlsx"))
        self.out = tmp_path / "tong-hop"
        self.db = self.out / "cchc-ledger.sqlite"

    def split(self, code: str, ledger: bool = False) -> dict:
        """The period's files by unit (filled in from the ledger with ``ledger``)."""
        from cchc_xl.split import split_master

        return {f.unit_code: f.path for f in split_master(
            self.master, code, self.tmp / f"giao-{code}", ledger=self.db if ledger else None,
            issued_at=_ISSUED[code]).files}

    def send(self, code: str, answers: dict[str, dict]):
        """The period's files filled with ``answers`` (by unit) and merged: the period's
        consolidated workbook."""
        split = self.split(code)
        for unit, typed in answers.items():
            fill_return(split[unit], self.tmp / code / f"{unit}.xlsx", typed)
        merged = self.out / f"{code}.xlsx"
        merge_returns(self.master, [self.tmp / code], code, merged,
                      received=_ISSUED[code].date().replace(day=18))
        return merged

    def judge(self, code: str, unit: str, did: str, verdict: str) -> None:
        """``verdict`` typed on a row of the period's consolidated workbook, read back by
        merging the period's files again."""
        merged = self.out / f"{code}.xlsx"
        _assess(merged, unit, did, verdict, merged)
        merge_returns(self.master, [self.tmp / code], code, merged)

    def task(self, code: str, did: str):
        """A task of the period as the figures count it."""
        return next(t for t in summarize(load_snapshot(self.db, code)).tasks if t.id == did)

    def lead(self, code: str, did: str):
        """A task's first lead row of the period as counted."""
        return self.task(code, did).products[0].leads[0]


def _two_periods(tmp_path, q1: dict[str, dict], six: dict[str, dict]):
    """The small plan's first quarter merged from ``q1``'s answers (by unit), the
    office then judging TP's TC-02 "Đạt"; then six months merged from ``six``'s: the
    6-month consolidated workbook."""
    office = _Office(tmp_path)
    office.send("Q1", q1)
    office.judge("Q1", "TP", "TC-02", "Đạt")
    return office.send("6T", six)


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
    from cchc_xl.remind import reminders

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
        recorded = ledger.assessments(office.master.plan.key, "6T")
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

    from cchc_xl.consolidated_link import assess

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


def _sent_on(office, code: str, unit: str, answers: dict) -> None:
    """``unit``'s file of period ``code``, filled in from the ledger, with ``answers``."""
    split = office.split(code, ledger=True)
    fill_return(split[unit], office.tmp / code / f"{unit}.xlsx", answers)
    merge_returns(office.master, [office.tmp / code], code, office.out / f"{code}.xlsx",
                  received=_ISSUED[code].date().replace(day=18))


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


X1_ANSWER = {"X1": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40,
                                A.COL_EVIDENCE: EVIDENCE}}}


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


def test_what_check_says_of_an_undated_product_is_how_it_is_counted():
    """check said a product without a single due date was marked 'Cần đánh giá' at every
    period, while a result with evidence counted as done on schedule."""
    from cchc_xl.assessment import judge
    from cchc_xl.master import read_master
    from cchc_xl.vocab import DONE, IN_PROGRESS, JUDGE, ON_TIME
    from support.paths import HH_MASTER

    said = [f.message for f in read_master(HH_MASTER)[1] if f.code == "deadline-undated"]
    assert said and all("có tài liệu kiểm chứng được tính là thực hiện đúng tiến độ, không "
                        "có thì được đánh dấu 'Cần đánh giá'" in m for m in said)
    as_of = date(2023, 9, 14)
    for status in (IN_PROGRESS, DONE):
        assert judge(status, None, "Kế hoạch số 1/KH-UBND", due=None, errors=False,
                     assessment=None, as_of=as_of) == (DONE, ON_TIME)
        assert judge(status, None, "", due=None, errors=False, assessment=None,
                     as_of=as_of) == (status, JUDGE)
        # "Không có" in the evidence cell is no evidence: not carried out as required.
        for none in ("Không có", "-", "N/A"):
            assert judge(status, None, none, due=None, errors=False, assessment=None,
                         as_of=as_of) == (status, JUDGE)


def _reminded(office: _Office, code: str, unit: str):
    """The reminder letter's entry for ``unit`` in the period, or None."""
    from cchc_xl.remind import reminders

    snapshot = load_snapshot(office.db, code)
    return next((r for r in reminders(summarize(snapshot), snapshot) if r.unit.code == unit),
                None)


@pytest.mark.parametrize("verdict, asked", [("Đạt", False), ("Chưa đạt", True)])
def test_only_the_offices_dat_takes_a_rows_problem_off_the_letter(tmp_path, verdict,
                                                                 asked) -> None:
    """Done without evidence (an error): judged "Đạt", the unit is not asked to fix it;
    judged "Chưa đạt", it still is."""
    office = _Office(tmp_path)
    office.send("Q1", {"TP": {"TC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                                        A.COL_DONE_ON: date(2023, 3, 2)}}})
    assert "TC-02" in [f.task for f in _reminded(office, "Q1", "TP").items]
    office.judge("Q1", "TP", "TC-02", verdict)
    reminded = _reminded(office, "Q1", "TP")
    assert ("TC-02" in [f.task for f in reminded.items] if reminded else False) == asked


def test_a_late_unit_is_also_told_what_to_fix(tmp_path) -> None:
    from cchc_xl.vocab import RETURN_LATE

    office = _Office(tmp_path)
    split = office.split("Q1")
    fill_return(split["TP"], tmp_path / "Q1" / "TP.xlsx", {"TC-02": {
        A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2)}})
    merge_returns(office.master, [tmp_path / "Q1"], "Q1", office.out / "Q1.xlsx",
                  received=date(2023, 3, 25))  # due 20/03
    reminded = _reminded(office, "Q1", "TP")
    assert (reminded.status, reminded.days_late) == (RETURN_LATE, 5)
    assert "TC-02" in [f.task for f in reminded.items]
    assert reminded.status_text == f"Gửi muộn 5 ngày; {len(reminded.items)} nội dung cần sửa"
    assert reminded.todo().startswith("Sửa các nội dung sau rồi gửi lại: ")


def test_the_reminder_csv_names_a_refused_row_without_a_cell_by_its_task(tmp_path) -> None:
    """The plan made NV a lead of TC-02 after NV's file was issued: the file has no row
    for it, and the office judged NV's row "Chưa đạt" in the consolidated workbook. The
    mail-merge CSV's "Việc cần làm" named it "nhiệm vụ TC-02", a code the unit sees
    nowhere (a QA pass); it names the task as the unit knows it, with its sheet, as the
    other items name their sheet and cell."""
    import csv

    from test_figures import figures_master

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.remind import write_reminders

    office = _Office(tmp_path)
    split = office.split("Q1")
    fill_return(split["NV"], tmp_path / "Q1" / "NV.xlsx", {"TC-01": done(date(2023, 3, 10))})
    changed = figures_master()
    tc02 = changed.areas[0].tasks[1].deliverables[0]
    tc02.lead.append("NV")
    tc02.lead_text = "Phòng Tư pháp, Phòng Nội vụ"
    office.master = load_master(write_master(changed, tmp_path / "ke-hoach-moi.xlsx"))
    merge_returns(office.master, [tmp_path / "Q1"], "Q1", office.out / "Q1.xlsx")
    office.judge("Q1", "NV", "TC-02", "Chưa đạt: thiếu văn bản")
    listing = tmp_path / "nhac.csv"
    write_reminders(office.db, "Q1", tmp_path / "nhac.docx", csv_out=listing)
    (todo,) = [r["Việc cần làm"] for r in csv.DictReader(
        listing.read_text(encoding="utf-8-sig").splitlines()) if r["Mã đơn vị"] == "NV"]
    assert ("; trang 'Thể chế', nhiệm vụ 'Kiểm tra văn bản': cơ quan tổng hợp đánh giá "
            "Chưa đạt (thiếu văn bản): bổ sung, hoàn thiện kết quả rồi báo cáo lại") in todo
    assert "TC-02" not in todo


def test_the_offices_chua_dat_reaches_the_unit_in_the_reminder_letter(tmp_path) -> None:
    """The office judged NV's "done" of TC-01 "Chưa đạt: chưa đăng trên cổng thông tin":
    the remark reached the unit nowhere, neither feedback nor reminder (a probe). The
    letter lists it among the unit's items, with the note, to complete."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    before = _reminded(office, "Q1", "NV")  # its rows left blank: asked to fill them
    assert "TC-01" not in [f.task for f in before.items]
    office.judge("Q1", "NV", "TC-01", "Chưa đạt: chưa đăng trên cổng thông tin")
    reminded = _reminded(office, "Q1", "NV")
    assert reminded.items[:-1] == before.items
    item = reminded.items[-1]
    assert (item.code, item.task) == ("assessed-not-passed", "TC-01")
    assert item.message == ("cơ quan tổng hợp đánh giá Chưa đạt (chưa đăng trên cổng thông "
                            "tin): bổ sung, hoàn thiện kết quả rồi báo cáo lại")
    from cchc_xl.remind import _where  # how the letter's CSV names where to act

    assert _where(item) == "trang 'Thể chế', ô H5: "  # the row's status
    # The unit's feedback file says it too, on that cell, as the letter says it does (a
    # QA pass: a unit with only the office's Chưa đạt to act on got no feedback file).
    from openpyxl import load_workbook

    folder = tmp_path / "phan-hoi"
    merge_returns(office.master, [tmp_path / "Q1"], "Q1", office.out / "Q1.xlsx",
                  feedback_dir=folder)
    (fed_back,) = [p for p in folder.iterdir() if p.name.startswith("NV")]
    wb = load_workbook(fed_back)
    listed = [(r[4].value, r[5].value, r[1].value) for r in wb["Phản hồi"].iter_rows()
              if r[4].value == "TC-01"]
    assert listed == [("TC-01", "Đánh giá", "Cơ quan tổng hợp đánh giá Chưa đạt (chưa đăng "
                       "trên cổng thông tin): bổ sung, hoàn thiện kết quả rồi báo cáo lại")]
    marked = wb["Thể chế"]["H5"]
    assert marked.value == DONE and "[Đánh giá] cơ quan tổng hợp đánh giá Chưa đạt" in (
        marked.comment.text)
    office.judge("Q1", "NV", "TC-01", "Đạt")  # judged again: no longer asked
    assert "TC-01" not in [f.task for f in _reminded(office, "Q1", "NV").items]


def test_a_task_not_started_names_the_leads_that_sent_nothing_too(tmp_path) -> None:
    """TTHC-01 is led by Xã Một and Xã Hai. Xã Một reported it "Chưa thực hiện" and Xã
    Hai sent nothing: the Word report's "Chưa thực hiện" line named Xã Một alone, while
    its Phụ lục listed both (a QA pass). Both are named, each for what it did, as the
    line of tasks past their deadline names them."""
    office = _Office(tmp_path)
    office.send("Q1", {"X1": {"TTHC-01": {A.COL_STATUS: NOT_STARTED, A.COL_PERCENT: 0}}})
    assert office.task("Q1", "TTHC-01").status == NOT_STARTED
    paragraphs, _ = word_text(write_docx(summarize(load_snapshot(office.db, "Q1")),
                                         tmp_path / "bao-cao.docx"))
    (line,) = [p for p in paragraphs if p.startswith("Chưa thực hiện:")
               and "Một cửa ở xã" in p]
    assert "Một cửa ở xã (chủ trì: Xã Một; chưa có báo cáo: Xã Hai)" in line, line


def test_done_on_an_earlier_parts_date_is_not_the_whole_product(tmp_path) -> None:
    """TC-04 is due in two parts ("- Kế hoạch: Tháng 2/2023; - Báo cáo: Tháng 12/2023").
    NV reported it done on 20/02: the plan part. It counted done, for the first quarter
    and for the year, though the report part was still to come (a QA pass). It counts in
    progress, within time by December's date, with a note saying why; so does a date after
    February and before December (the plan part, late); dated in December it is done."""
    from cchc_xl.vocab import WITHIN

    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-04": done(date(2023, 2, 20))}})
    lead = office.lead("Q1", "TC-04")
    assert (lead.counted_status, lead.timeliness) == (IN_PROGRESS, WITHIN)
    assert office.task("Q1", "TC-04").status == IN_PROGRESS
    (note,) = [f for f in lead.findings if f.code == "done-part"]
    assert "phần đến hạn 31/12/2023 còn phải làm" in note.message
    # The office says Đạt: done in the first quarter, the period it is typed for. The
    # same answer sent back at six months is judged by December's part, not Đạt again.
    office.judge("Q1", "NV", "TC-04", "Đạt")
    assert office.lead("Q1", "TC-04").counted_status == DONE
    six = office.split("6T", ledger=True)
    fill_return(six["NV"], tmp_path / "6T" / "NV.xlsx",
                {"TC-01": done(date(2023, 3, 10))})  # another row: a file filled in
    merge_returns(office.master, [tmp_path / "6T"], "6T", office.out / "6T.xlsx",
                  received=_ISSUED["6T"].date().replace(day=18))
    lead = office.lead("6T", "TC-04")
    assert (lead.counted_status, lead.timeliness, lead.verdict) == (IN_PROGRESS, WITHIN, None)
    # Dated September: the plan part, late (the report is due in December, its month).
    office.send("9T", {"NV": {"TC-04": done(date(2023, 9, 5))}})
    lead = office.lead("9T", "TC-04")
    assert (lead.counted_status, lead.timeliness) == (IN_PROGRESS, WITHIN)
    # Sent again for the year with the report part done, in December: the product is done.
    office.send("NAM", {"NV": {"TC-04": done(date(2023, 12, 10))}})
    lead = office.lead("NAM", "TC-04")
    assert (lead.counted_status, lead.timeliness) == (DONE, ON_TIME)
    assert not [f for f in lead.findings if f.code == "done-part"]


def test_the_report_says_no_count_of_nothing(tmp_path) -> None:
    """ "đạt 2,50% (đúng hạn 0, quá hạn 1); đang thực hiện 0 nhiệm vụ": counts of nothing
    written out in the report's sentence of the figures (a QA pass); the area paragraphs
    left them out already."""
    from test_figures import word_text

    from cchc_xl.report.docx import write_docx

    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    summary = summarize(load_snapshot(office.db, "Q1"))
    t = summary.total
    assert (t.done, t.in_progress, t.done_late) == (1, 0, 0)
    paragraphs, _ = word_text(write_docx(summary, tmp_path / "bc.docx"))
    (said,) = [p for p in paragraphs if "nhiệm vụ, đạt" in p and p.startswith("Đến ngày")]
    assert f"đã hoàn thành 1/{t.tasks} nhiệm vụ, đạt {t.rate_text} (đúng hạn 1); chưa thực " \
           f"hiện {t.not_started} nhiệm vụ" in said, said
    assert "đang thực hiện 0" not in said and "quá hạn 0" not in said


def test_a_task_in_progress_never_shows_100_percent(tmp_path) -> None:
    """Commune X1 did its part, X2 reported "Đang thực hiện" with neither a percentage nor
    evidence (recurring work without evidence is not counted carried out): the
    task was "Đang thực hiện" at 100% in Biểu 3 of the report the office signs (a QA
    pass). Only the leads with a percentage were in the mean; its progress is unknown,
    as a row's "Đang thực hiện, 100%" is."""
    office = _Office(tmp_path)
    office.send("Q1", {"X1": {"TTHC-01": done(date(2023, 3, 10))},
                       "X2": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS}}})
    task = office.task("Q1", "TTHC-01")
    assert task.status == IN_PROGRESS
    assert [r.counted_percent for r in task.products[0].leads] == [100.0, None]
    assert task.percent is None and task.products[0].percent is None
    summary = summarize(load_snapshot(office.db, "Q1"))
    grid = next(g for g in summary_grids(summary) if g.key == "chua-hoan-thanh")
    (row,) = [r for r in grid.rows if r.cells and r.cells[1].value == "TTHC-01"]
    assert row.cells[5].value == "Đang thực hiện" and row.cells[6].value in ("", None)
    # The blank is said under the table (the Word report has no notes: a QA pass).
    from cchc_xl.report.tables import BLANK_PROGRESS
    assert BLANK_PROGRESS in grid.after
    docx = write_docx(summary, tmp_path / "bao-cao.docx")
    paragraphs, _ = word_text(docx)
    assert BLANK_PROGRESS in paragraphs


def test_a_row_in_progress_at_100_percent_gives_no_progress(tmp_path) -> None:
    """X2 wrote "Đang thực hiện, 100%" (an error, "cần xác minh"), its co-lead X1 done:
    Biểu 3 showed the task "Đang thực hiện, 100%*" (a QA pass). A row "cần xác minh"
    gives the mean its reported percentage only when that says something."""
    office = _Office(tmp_path)
    office.send("Q1", {"X1": {"TTHC-01": done(date(2023, 3, 10))},
                       "X2": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 100,
                                          A.COL_EVIDENCE: "Sổ theo dõi"}}})
    task = office.task("Q1", "TTHC-01")
    x2 = next(r for r in task.products[0].leads if r.unit == "X2")
    assert task.status == IN_PROGRESS and x2.unverified
    assert (task.percent, task.percent_unverified) == (None, False)


def test_recurring_work_carried_out_is_not_said_finished_in_the_appendix(tmp_path) -> None:
    """Both communes wrote "Đang thực hiện" with evidence on a "Thường xuyên" task: it
    counts done in the period, and the report's appendix said "Đã hoàn thành (thực hiện
    đúng tiến độ)." beside what they wrote (a QA pass). It says the period's work."""
    from cchc_xl.appendix import PlanRow
    from cchc_xl.report.results import RESULT_HEADER, result_columns

    office = _Office(tmp_path)
    ongoing = {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: "Sổ theo dõi một cửa"}
    office.send("Q1", {"X1": {"TTHC-01": ongoing}, "X2": {"TTHC-01": ongoing}})
    summary = summarize(load_snapshot(office.db, "Q1"))
    task = next(t for t in summary.tasks if t.id == "TTHC-01")
    assert (task.status, task.timeliness) == (DONE, ON_TIME)
    (result, _) = result_columns(summary)
    assert result.header == RESULT_HEADER
    plan_task = next(t for t in office.master.tasks() if t.id == "TTHC-01")
    row = PlanRow(plan_task, plan_task.deliverables[0], 0)
    assert result.value(row).splitlines()[0] == "Thực hiện đúng tiến độ trong kỳ."


def test_recurring_work_under_way_is_said_carried_out_by_its_leads(tmp_path) -> None:
    """A "Thường xuyên" task: X1 carried it out with evidence, X2 sent nothing. The
    appendix read "1/2 đơn vị đã hoàn thành" of work that goes on (a QA pass). Its mean
    is Biểu 3's, the silent lead at 0% (docs/counting.md)."""
    from cchc_xl.appendix import PlanRow
    from cchc_xl.report.results import result_columns

    office = _Office(tmp_path)
    office.send("Q1", {"X1": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS,
                                          A.COL_EVIDENCE: "Sổ theo dõi một cửa"}}})
    summary = summarize(load_snapshot(office.db, "Q1"))
    plan_task = next(t for t in office.master.tasks() if t.id == "TTHC-01")
    task = next(t for t in summary.tasks if t.id == "TTHC-01")
    (result, _) = result_columns(summary)
    lines = result.value(PlanRow(plan_task, plan_task.deliverables[0], 0)).splitlines()
    assert lines[0] == "Đang thực hiện, 50%."
    assert task.percent == 50.0
    assert lines[1] == ("Chủ trì: 1/2 đơn vị thực hiện đúng tiến độ; 1 đơn vị chưa báo "
                        "cáo.")


def test_a_task_in_progress_at_0_percent_shows_no_progress(tmp_path) -> None:
    """X1 "Đang thực hiện" without a percentage, X2 "Chưa thực hiện": the mean of the one
    lead with a share is 0, and "Đang thực hiện, 0%" contradicts itself as "…, 100%" does
    (a QA pass)."""
    office = _Office(tmp_path)
    office.send("Q1", {"X1": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS}},
                       "X2": {"TTHC-01": {A.COL_STATUS: NOT_STARTED}}})
    task = office.task("Q1", "TTHC-01")
    assert task.status == IN_PROGRESS
    assert (task.percent, task.products[0].percent) == (None, None)


@pytest.mark.parametrize(("status", "percent"), [(IN_PROGRESS, 0), (NOT_STARTED, 50)])
def test_a_percentage_that_contradicts_its_status_gives_no_progress(tmp_path, status,
                                                                    percent) -> None:
    """"Đang thực hiện" with 0, "Chưa thực hiện" with 50 (row errors): Biểu 3 showed
    "0%*" and "50%*" (a QA pass), as it had "100%*" of "Đang thực hiện, 100%"."""
    office = _Office(tmp_path)
    office.send("Q1", {"X1": {"TTHC-01": {A.COL_STATUS: status, A.COL_PERCENT: percent}},
                       "X2": {"TTHC-01": {A.COL_STATUS: NOT_STARTED}}})
    task = office.task("Q1", "TTHC-01")
    x1 = next(r for r in task.products[0].leads if r.unit == "X1")
    assert x1.unverified
    # X2's 0 alone: a task in progress at 0% shows none; one not started shows 0%.
    expected = None if task.status == IN_PROGRESS else 0.0
    assert (task.percent, task.percent_unverified) == (expected, False)


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
