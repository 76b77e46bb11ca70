"""A lead's answer that goes back across periods (docs/validation.md,
``status-went-back``): done in the first quarter, in progress at six months. The figures
count the answer now (docs/counting.md); the row is warned where the office and the unit
look, and nothing else changes."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from test_figures import EVIDENCE, done

from cchc_xl import assignment as A
from cchc_xl.consolidated.write import FILES_SHEET, PROBLEMS_SHEET, ROWS_SHEET
from cchc_xl.feedback import FEEDBACK_SHEET
from cchc_xl.merge import merge_returns
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.text import capitalized
from cchc_xl.vocab import DONE, IN_PROGRESS, NOT_STARTED, NOTE, WARNING
from make_sample_returns import fill_return
from support.counting import _ISSUED, _Office

CODE = "status-went-back"
HALF = {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60, A.COL_EVIDENCE: EVIDENCE}


def _six(office: _Office, answers: dict[str, dict]):
    """Six months merged from ``answers`` (by unit), with feedback files: the result."""
    split = office.split("6T")
    for unit, typed in answers.items():
        fill_return(split[unit], office.tmp / "6T" / f"{unit}.xlsx", typed)
    return merge_returns(office.master, [office.tmp / "6T"], "6T", office.out / "6T.xlsx",
                         feedback_dir=office.tmp / "phan-hoi",
                         received=_ISSUED["6T"].date().replace(day=18))


def _went_back(office: _Office, code: str = "6T", finding: str = CODE) -> list:
    """The period's problems of code ``finding`` (status-went-back unless said)."""
    return [p for s in load_snapshot(office.db, code).submissions for p in s.problems
            if p.code == finding]


def _rows(path, sheet: str) -> list[tuple]:
    return [row for row in load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True)]


def test_done_in_q1_then_in_progress_at_six_months_is_warned(tmp_path, monkeypatch) -> None:
    """A QA pass: NV reported TC-01 done in Q1, then "Đang thực hiện" at six months; the
    figures rightly counted it in progress, and nobody was told."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    result = _six(office, {"NV": {"TC-01": HALF}})

    (found,) = _went_back(office)
    row = next(r for r in result.rows if (r.unit, r.deliverable) == ("NV", "TC-01"))
    assert (found.severity, found.unit, found.task) == (WARNING, "NV", "TC-01")
    assert (found.sheet, found.cell) == (row.sheet, f"H{row.row}")  # the status cell
    assert found.message == (
        "báo cáo quý I năm 2023 của đơn vị đã ghi 'Đã hoàn thành' (ngày 10/03/2023), nay ghi "
        "'Đang thực hiện' (số liệu kỳ này tính theo báo cáo mới): nếu nhiệm vụ đã hoàn "
        "thành, chọn lại 'Đã hoàn thành' và ghi ngày hoàn thành; nếu báo cáo trước ghi "
        "nhầm, ghi rõ ở cột 'Ghi chú'")

    # The merge's summary counts it among the warnings, and names it.
    summary = result.summary()
    # (three other rows left blank, and the day received before the test's file was saved)
    label = "kỳ trước đã báo hoàn thành"  # its label: the code is for programs
    assert "Vấn đề: 0 lỗi, 5 cảnh báo" in summary and f"{label}: 1" in summary, summary
    assert f"[Cảnh báo] {label} — " in summary and "quý I năm 2023" in summary
    assert CODE not in summary

    # The consolidated workbook: on "Vấn đề", and the row's warning count on "Tất cả dòng".
    problems = [r for r in _rows(result.out, PROBLEMS_SHEET) if CODE in r]
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in problems] == [
        (found.message, "Cảnh báo", "NV", "TC-01", found.cell)]
    header, *rows = [r for r in _rows(result.out, ROWS_SHEET) if r and r[0] in ("Mã đơn vị",
                                                                                   "NV")]
    (tc01,) = [r for r in rows if r[3] == "TC-01"]
    assert tc01[header.index("Cảnh báo")] == 1 and tc01[header.index("Lỗi")] == 0
    header, *files = [r for r in _rows(result.out, FILES_SHEET) if r and r[0] in (
        "Mã đơn vị", "NV")]
    assert [f[header.index("Cảnh báo")] for f in files] == [5]

    # The unit's feedback file: the status cell marked, the letter listing it.
    (feedback,) = [p for p in result.feedback if p.name.startswith("NV-")]
    wb = load_workbook(feedback)
    assert found.message in wb[found.sheet][found.cell].comment.text
    letter = "\n".join(str(c) for r in wb[FEEDBACK_SHEET].iter_rows(values_only=True)
                       for c in r if c)
    # (and the three rows left blank)
    assert capitalized(found.message) in letter and "4 cảnh báo cần xem lại" in letter

    # The figures are those without the warning.
    with_it = summarize(load_snapshot(office.db, "6T")).as_dict()
    monkeypatch.setattr("cchc_xl.snapshot.warn_went_back", lambda *args: [])
    without = load_snapshot(office.db, "6T")
    assert not [p for s in without.submissions for p in s.problems if p.code == CODE]
    assert summarize(without).as_dict() == with_it
    assert office.lead("6T", "TC-01").counted_status == IN_PROGRESS


def test_not_started_after_done_and_a_later_period_named(tmp_path) -> None:
    """Done in Q1, nothing at six months (carried), "Chưa thực hiện" at nine months: the
    warning names the period that said it was done, and the new status."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    office.send("6T", {"NV": {"TC-04": done(date(2023, 2, 10))}})  # TC-01 left blank
    assert not _went_back(office)
    office.send("9T", {"NV": {"TC-01": {A.COL_STATUS: NOT_STARTED}}})
    (found,) = _went_back(office, "9T")
    assert found.message.startswith("báo cáo quý I năm 2023 của đơn vị đã ghi 'Đã hoàn "
                                    "thành' (ngày 10/03/2023), nay ghi 'Chưa thực hiện'")


def test_a_done_the_office_judged_alone_going_back_is_warned(tmp_path) -> None:
    """In progress in Q1, the office's Đạt counted it done; at six months another answer
    in progress: said as the office's Đạt, not as the unit's report."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": {**HALF, A.COL_PERCENT: 50}}})
    office.judge("Q1", "NV", "TC-01", "Đạt")
    _six(office, {"NV": {"TC-01": {**HALF, A.COL_PERCENT: 70}}})
    (found,) = _went_back(office)
    assert found.message.startswith("ở kỳ quý I năm 2023, nhiệm vụ được đánh giá Đạt (tính "
                                    "là đã hoàn thành), nay đơn vị ghi 'Đang thực hiện'")
    assert "nếu nhiệm vụ chưa hoàn thành, ghi rõ lý do ở cột 'Ghi chú'" in found.message
    # The unit never chose "done" (a QA pass: it was told to choose it "again").
    assert "nếu nhiệm vụ đã hoàn thành, chọn 'Đã hoàn thành' và ghi ngày" in found.message
    assert "chọn lại" not in found.message


@pytest.mark.parametrize("q1, verdict, six", [
    # Recurring work is reported each period: last quarter's "done" is not this one's.
    ({"NV": {"TC-03": done(date(2023, 3, 1))}}, None, {"NV": {"TC-03": HALF}}),
    # Several dates: done on February's part, December's still to do.
    ({"NV": {"TC-04": done(date(2023, 2, 20))}}, None, {"NV": {"TC-04": HALF}}),
    # Left blank at six months: the carry counts it done, nothing went back.
    ({"NV": {"TC-01": done(date(2023, 3, 10))}}, None,
     {"NV": {"TC-04": done(date(2023, 2, 10))}}),
    # Done without evidence in Q1 (an error on the row): not counted done then.
    ({"NV": {"TC-01": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                       A.COL_DONE_ON: date(2023, 3, 10)}}}, None, {"NV": {"TC-01": HALF}}),
    # Done in Q1, judged Chưa đạt by the office: not counted done then.
    ({"NV": {"TC-01": done(date(2023, 3, 10))}}, "Chưa đạt", {"NV": {"TC-01": HALF}}),
    # The same done answered again.
    ({"NV": {"TC-01": done(date(2023, 3, 10))}}, None,
     {"NV": {"TC-01": done(date(2023, 3, 10))}}),
    # The office's Đạt of an in-progress answer, the same answer sent again: judged Đạt
    # again, counted done.
    ({"NV": {"TC-01": {**HALF, A.COL_PERCENT: 50}}}, "Đạt",
     {"NV": {"TC-01": {**HALF, A.COL_PERCENT: 50}}}),
], ids=["recurring", "several-dates", "blank", "error-then", "refused-then", "same-done",
        "judged-again"])
def test_no_warning_where_nothing_went_back(tmp_path, q1, verdict, six) -> None:
    office = _Office(tmp_path)
    office.send("Q1", q1)
    if verdict:
        (unit, answers), = q1.items()
        office.judge("Q1", unit, next(iter(answers)), verdict)
    result = _six(office, six)
    assert not _went_back(office)
    assert CODE not in result.summary()


def test_a_row_left_blank_whose_earlier_done_counts_is_no_row_to_fill(tmp_path) -> None:
    """A QA pass (a ward's six months): TC-01 reported done in Q1 and left blank at six
    months counted done, and the reminder letter rightly asked nothing of it; yet the
    intake page, the consolidated workbook's "Vấn đề" and the counts of warnings told
    the unit's row "chưa điền kết quả thực hiện: chọn trạng thái và điền…". It is a
    note saying what counts; a lead row left blank with nothing earlier is still warned."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    result = _six(office, {"NV": {"TC-04": done(date(2023, 2, 10))}})

    (nv,) = [s for s in load_snapshot(office.db, "6T").submissions if s.unit == "NV"]
    (told,) = [p for p in nv.problems if p.task == "TC-01"]
    assert (told.severity, told.code) == (NOTE, "row-not-filled")
    assert told.message == ("để trống: báo cáo quý I năm 2023 của đơn vị đã ghi 'Đã hoàn "
                            "thành' (ngày 10/03/2023), kỳ này tiếp tục tính là đã hoàn thành")
    others = [p for p in nv.problems if p.code == "row-not-filled" and p.task != "TC-01"]
    assert others and {p.severity for p in others} == {WARNING}
    assert nv.warnings == sum(p.severity == WARNING for p in nv.problems)

    # The consolidated workbook: a note on "Vấn đề", no warning counted on the row.
    problems = [r for r in _rows(result.out, PROBLEMS_SHEET) if r[2:4] == ("NV", "TC-01")]
    assert [(r[0], r[1]) for r in problems] == [(told.message, "Ghi nhận")]
    header, *rows = [r for r in _rows(result.out, ROWS_SHEET) if r and r[0] in ("Mã đơn vị",
                                                                                   "NV")]
    (tc01,) = [r for r in rows if r[3] == "TC-01"]
    assert tc01[header.index("Cảnh báo")] == 0
    assert tc01[header.index("Trạng thái")] == "Đã hoàn thành theo báo cáo Quý I năm 2023"


DONE_BEFORE = "done-before-earlier-report"


@pytest.mark.parametrize("day, warned", [(date(2023, 3, 10), True), (date(2023, 3, 14), True),
                                         (date(2023, 3, 20), False)])
def test_done_dated_before_an_earlier_report_that_said_not_done_is_warned(
        tmp_path, day, warned) -> None:
    """A QA pass of a year's periods through the web app: a unit reported "Đang thực hiện"
    at the first quarter (figures to 14/03), then "Đã hoàn thành" dated 10/03 at six
    months. One of the two reports is wrong, the date decides whether the work was on
    time, and nobody was told. Dated after the first quarter's cut-off, it is no
    contradiction."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": HALF}})
    result = _six(office, {"NV": {"TC-01": done(day)}})
    found = _went_back(office, finding=DONE_BEFORE)
    assert not _went_back(office)
    if not warned:
        assert not found
        return
    (found,) = found
    row = next(r for r in result.rows if (r.unit, r.deliverable) == ("NV", "TC-01"))
    assert (found.severity, found.unit, found.task) == (WARNING, "NV", "TC-01")
    assert (found.sheet, found.cell) == (row.sheet, f"J{row.row}")  # the date cell
    assert found.message == (
        "báo cáo quý I năm 2023 của đơn vị ghi 'Đang thực hiện' (số liệu đến ngày "
        f"14/03/2023), nay ghi 'Đã hoàn thành' ngày {day:%d/%m/%Y}, trước ngày đó: kiểm tra "
        "lại ngày hoàn thành (ngày ban hành văn bản, hoàn thành sản phẩm); nếu báo cáo "
        "trước ghi chưa đúng, ghi rõ ở cột 'Ghi chú'")
    assert "ngày hoàn thành trái báo cáo kỳ trước: 1" in result.summary()
    # The unit's feedback file marks the date cell.
    (feedback,) = [p for p in result.feedback if p.name.startswith("NV-")]
    assert found.message in load_workbook(feedback)[found.sheet][found.cell].comment.text
    # The figures count the answer now: done, on time.
    assert office.lead("6T", "TC-01").counted_status == DONE


def test_done_dated_before_is_not_warned_where_the_earlier_report_did_not_say_not_done(
        tmp_path) -> None:
    """Nothing said of the row earlier (left blank at the first quarter): no warning."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-04": done(date(2023, 2, 10))}})  # TC-01 blank
    _six(office, {"NV": {"TC-01": done(date(2023, 3, 10))}})
    assert not _went_back(office, finding=DONE_BEFORE)


@pytest.mark.parametrize("verdict", ["Đạt", "Chưa đạt"])
def test_done_dated_before_is_not_warned_once_the_office_has_judged_the_row(
        tmp_path, verdict) -> None:
    """The office judged the row (Đạt or Chưa đạt): it has looked at the date, and the
    unit is no longer asked to check it."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": HALF}})
    office.send("6T", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    warned = _went_back(office, finding=DONE_BEFORE)
    assert len(warned) == 1
    office.judge("6T", "NV", "TC-01", verdict)
    assert not _went_back(office, finding=DONE_BEFORE)
