"""Counting rules an office signs, on the small plan of test_figures, counted by hand, at one
cut-off: an unverified row is never counted done, a percentage follows how its row counts,
a row the office assessed is not "chưa báo cáo", unreadable rows are said so, a unit is
late only if its first valid file was, and the Word report's "by the deadline" sentence
says so (docs/counting.md)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_figures import EVIDENCE, _assess, done, figures_plan, word_text

from cchc_xl import assignment as A
from cchc_xl.merge import merge_returns
from cchc_xl.report.docx import write_docx
from cchc_xl.report.summary import summarize
from cchc_xl.report.tables import summary_grids
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, IN_PROGRESS, JUDGE, NOT_STARTED, ON_TIME
from make_sample_returns import fill_return
from support.counting import _ISSUED, _Office

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
