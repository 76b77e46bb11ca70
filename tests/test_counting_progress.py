"""The progress a report shows of a task: never 100% in progress, no progress from a
percentage that contradicts its status, recurring work carried out, no count of nothing."""

from __future__ import annotations

from datetime import date

import pytest
from test_figures import done, word_text

from cchc_xl import assignment as A
from cchc_xl.report.docx import write_docx
from cchc_xl.report.summary import summarize
from cchc_xl.report.tables import summary_grids
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, IN_PROGRESS, NOT_STARTED, ON_TIME
from support.counting import _Office


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


def test_the_sentence_under_the_tables_says_no_count_of_nothing(tmp_path) -> None:
    """The sentence under Biểu 1, which the Word report's Phụ lục I, the workbook and the
    page print, read "…; đang thực hiện 0, chưa thực hiện 2 nhiệm vụ" and, in a year's
    report with every task begun, "đang thực hiện 3, chưa thực hiện 0 nhiệm vụ" (a QA pass
    of the year's report), where the body above it says no count of nothing."""
    from openpyxl import load_workbook

    from cchc_xl.report import write_report

    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    report = write_report(office.db, "Q1", tmp_path / "bc.xlsx", docx=tmp_path / "bc.docx")
    t = report.summary.total
    assert (t.done, t.in_progress, t.not_started) == (1, 0, t.tasks - 1)
    expected = (f"Hoàn thành 1/{t.tasks} nhiệm vụ, đạt {t.rate_text}; chưa thực hiện "
                f"{t.not_started} nhiệm vụ")
    paragraphs, _ = word_text(report.paths[-1])
    (said,) = [p for p in paragraphs if p.startswith("Hoàn thành ")]
    assert said.startswith(expected), said
    sheet = load_workbook(tmp_path / "bc.xlsx")["Theo lĩnh vực"]
    (written,) = [c for row in sheet.iter_rows(values_only=True) for c in row
                  if isinstance(c, str) and c.startswith("Hoàn thành ")]
    assert written == said
    # Every task begun: no "chưa thực hiện 0".
    leads: dict[str, list[str]] = {}
    for area in office.master.areas:
        for task in area.tasks:
            for d in task.deliverables:
                for unit in d.lead:
                    leads.setdefault(unit, []).append(d.id)
    office.send("6T", {u: {did: {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50}
                           for did in dids} for u, dids in leads.items()})
    t = summarize(load_snapshot(office.db, "6T")).total
    assert t.not_started == 0 and t.in_progress
    assert summarize(load_snapshot(office.db, "6T")).sentence == (
        f"Hoàn thành {t.done}/{t.tasks} nhiệm vụ, đạt {t.rate_text}; đang thực hiện "
        f"{t.in_progress} nhiệm vụ.")


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
    assert lines[0] == "Đang thực hiện, 50,00%."  # two decimals, as every progress
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


def test_an_unreadable_row_without_a_percentage_marks_no_progress(tmp_path) -> None:
    """NV wrote "Hoàn thành 80%" in the status cell and nothing in the percentage column
    (cần xác minh, counted not started): Biểu 3 showed "0,00%*" over the note "Tiến độ có
    tính tỷ lệ đơn vị tự báo cáo ở dòng cần xác minh", but the unit reported no rate: the
    0% is what a row not started counts (a year's QA pass). Unmarked, and no note."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": {A.COL_STATUS: "Hoàn thành 80%"}}})
    task = office.task("Q1", "TC-01")
    assert (task.status, task.percent, task.percent_unverified) == (NOT_STARTED, 0.0, False)
    summary = summarize(load_snapshot(office.db, "Q1"))
    grid = next(g for g in summary_grids(summary) if g.key == "chua-hoan-thanh")
    (row,) = [r for r in grid.rows if r.cells and r.cells[1].value == "TC-01"]
    assert row.cells[6].value == "0,00%"
    assert not any("dòng cần xác minh" in line for line in grid.after)
