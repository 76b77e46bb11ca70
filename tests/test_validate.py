"""Reading what units type: statuses, percentages, dates, evidence, consistency, timeliness.

Table-driven over the forms people really type; each case asserts the value read
and the finding codes (the wording may change, the codes may not).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime

import pytest

from cchc_xl import assignment as A
from cchc_xl.intake import Cell, ReturnedRow
from cchc_xl.intake.cells import read_completion_date, read_evidence, read_percent, read_status
from cchc_xl.intake.validate import RowContext, check_row
from cchc_xl.timeliness import status_as_of, timeliness
from cchc_xl.vocab import (
    DONE,
    ERROR,
    IN_PROGRESS,
    JUDGE,
    LATE,
    LEAD,
    NOT_STARTED,
    NOTE,
    ON_TIME,
    SUPPORT,
    WARNING,
    WITHIN,
)

CUTOFF = date(2023, 9, 14)
FIRST = date(2023, 1, 1)


@pytest.mark.parametrize("typed, status, normalized", [
    ("Đã hoàn thành", DONE, False),
    ("Đang thực hiện", IN_PROGRESS, False),
    ("Chưa thực hiện", NOT_STARTED, False),
    (unicodedata.normalize("NFD", "Đã hoàn thành"), DONE, True),
    ("da hoan thanh", DONE, True),
    ("  ĐÃ   HOÀN THÀNH ", DONE, True),
    ("dang thuc hien", IN_PROGRESS, True),
    ("Hoàn thành", DONE, True),
    ("hoan thanh", DONE, True),
    ("Chưa triển khai", NOT_STARTED, True),
    ("Xong một nửa", None, False),
    ("100%", None, False),
    # As units abbreviate or finish them (a probe's unit staff).
    ("Đã hoàn thành.", DONE, True),
    ("Đã HT", DONE, True),
    ("Hoàn thành 100%", DONE, True),
    ("Đang TH", IN_PROGRESS, True),
    ("Chưa TH", NOT_STARTED, True),
    ("Đã thực hiện", None, False),  # done, or carried out so far: the unit must say which
    # "Tiến hành" as "triển khai" (a QA pass as a commune clerk); "Đã tiến hành" is as
    # open as "Đã thực hiện".
    ("Đang tiến hành", IN_PROGRESS, True),
    ("Chưa tiến hành", NOT_STARTED, True),
    ("Đã tiến hành", None, False),
    # The long forms reports write, and a coordinator's "đang phối hợp" (a QA pass as a
    # unit's clerk: each was "không hợp lệ", an error on a row filled in as asked).
    ("Đang triển khai thực hiện", IN_PROGRESS, True),
    ("Đang tiến hành thực hiện", IN_PROGRESS, True),
    ("Chưa triển khai thực hiện", NOT_STARTED, True),
    ("Chưa tiến hành thực hiện", NOT_STARTED, True),
    ("Đang phối hợp", IN_PROGRESS, True),
    ("Đang phối hợp thực hiện", IN_PROGRESS, True),
    ("Đã phối hợp", None, False),  # done its part, or coordinated so far: as open
    # "Not yet able to" (a QA pass as a unit's clerk: an error on a row plainly not done).
    ("Chưa thực hiện được", NOT_STARTED, True),
    ("Chưa triển khai được.", NOT_STARTED, True),
    # Its timeliness typed after it, as reports word it (a QA pass as a unit's clerk):
    # the timeliness is the date's and the deadline's to say, the status is read.
    ("Hoàn thành đúng hạn", DONE, True),
    ("Đã hoàn thành (quá hạn)", DONE, True),
    ("Chưa thực hiện - chưa đến hạn", NOT_STARTED, True),
    ("đúng hạn", None, False),
    # Finished ("xong"), not begun, being finished or drafted (a QA pass as a unit's
    # clerk): one status each, read; "Chưa hoàn thành" may be either of two, asked.
    ("Đã thực hiện xong", DONE, True),
    ("Hoàn thành xong.", DONE, True),
    ("Chưa bắt đầu", NOT_STARTED, True),
    ("Đang hoàn thiện", IN_PROGRESS, True),
    ("Đang xây dựng dự thảo", None, False),
    ("Chưa hoàn thành", None, False),
    ("Chưa", None, False),
    ("Đạt", None, False),
])
def test_status_tolerates_how_people_type_it(typed: str, status: str | None,
                                             normalized: bool) -> None:
    assert read_status(typed) == (status, normalized)


@pytest.mark.parametrize("value, number_format, percent", [
    (80, "0", 80.0),
    ("80", "General", 80.0),
    ("80%", "General", 80.0),
    ("80 %", "@", 80.0),
    ("  80,5 % ", "General", 80.5),
    (0.8, "0%", 80.0),
    (0.805, "0.0%", 80.5),
    (120, "0", 120.0),  # read; the range check is the row's
    ("tám mươi", "General", None),
    # A full stop typed after it, as after a status (a QA pass as a commune clerk).
    ("80%.", "General", 80.0),
    ("80 % .", "@", 80.0),
    ("80.", "General", 80.0),
    ("80..", "General", None),
    ("80%%", "General", None),
    (True, "General", None),
    # Numbers no cell can show (a file written by a program): no percentage.
    (float("inf"), "General", None),
    (float("nan"), "0%", None),
    # A quoted or escaped "%" only shows the sign: Excel shows 70 there as "70%".
    (70, '0"%"', 70.0),
    (70, "0\\%", 70.0),
    # Pasted with a character that shows nothing (a soft hyphen, a byte-order mark).
    ("50\u00ad", "General", 50.0),
    ("\ufeff50%", "@", 50.0),
    (0.7, '0.0%;[Red]-0.0%', 70.0),
    (0.7, '[Color10]0%', 70.0),
    # The sign in words (a QA pass as a unit's clerk: "không phải số").
    ("70 phần trăm", "General", 70.0),
    ("70 Phần Trăm.", "@", 70.0),
    ("70 phan tram", "General", 70.0),
    ("khoảng 50", "General", None),  # an estimate: the unit says what it is
])
def test_percent_forms(value: object, number_format: str, percent: float | None) -> None:
    assert read_percent(value, number_format) == percent


def test_messages_quote_a_value_as_excel_shows_it() -> None:
    """A percent cell that took the date column's format shows 09/04/1900 where 100
    was typed; a date cell holding 0 shows 00:00. The message says what the unit sees
    and why."""
    from openpyxl.utils.datetime import from_excel

    row = _row(status=IN_PROGRESS, percent=Cell(from_excel(100), "I5", "dd/mm/yyyy"))
    found = {f.code: f.message for f in check_row(row, LEAD, CTX).findings}
    assert found["percent-invalid"].startswith("tỷ lệ '09/04/1900' không phải số")
    assert "ô đang có định dạng ngày" in found["percent-invalid"]
    reading = read_completion_date(Cell(from_excel(0), "J6", "dd/mm/yyyy"),
                                   first_day=FIRST, cutoff=CUTOFF)
    (problem,) = reading.problems
    assert problem[1] == "date-invalid" and problem[2].startswith("'00:00' không phải ngày")
    assert "ô đang chứa giờ, không có ngày" in problem[2]


@pytest.mark.parametrize("typed, example", [
    ("khoảng 70", "70"),
    ("70,5 % (ước)", "70,5"),
    ("Đạt 70 %", "70"),
    ("khoảng 0", "0"),
    # No one number of 0-100 the unit wrote: an example of no one's.
    ("từ 60 đến 70", "80"),
    ("chưa rõ", "80"),
    ("khoảng 150", "80"),
    (datetime(1900, 4, 9), "80"),
])
def test_a_percentage_refused_is_given_its_own_number_as_the_example(typed, example) -> None:
    """"'khoảng 70' không phải số: ghi số từ 0 đến 100, ví dụ 80" read as if the unit
    were asked to type 80 (a QA pass): a text holding one number from 0 to 100 is shown
    that number as the example, written as a percentage is (decimal comma)."""
    row = _row(status=IN_PROGRESS, percent=Cell(typed, "I5", "General"))
    found = {f.code: f.message for f in check_row(row, LEAD, CTX).findings}
    message = found["percent-invalid"]
    assert re.search(rf"không phải số: ghi số từ 0 đến 100, ví dụ {example}(;|$)",
                     message), message


@pytest.mark.parametrize("text, documents", [
    ("Kế hoạch số 125/KH-UBND ngày 05/01/2023", ["125/KH-UBND"]),
    ("Nghị định 108/2014/NĐ-CP", ["108/2014/NĐ-CP"]),
    ("Công văn số 12/UBND-VX ngày 3/2/2023", ["12/UBND-VX"]),
    ("Kế hoạch 22-KH/TU của Tỉnh ủy", ["22-KH/TU"]),
    ("QĐ 3740/QĐ-UBND; BC 45/BC-PNV", ["3740/QĐ-UBND", "45/BC-PNV"]),
    ("Tờ trình 07/TTr-UBND", ["07/TTr-UBND"]),
    ("Đã báo cáo UBND huyện ngày 15/08/2023", []),
    ("Hoàn thành 2/3 khối lượng", []),
])
def test_evidence_document_references(text: str, documents: list[str]) -> None:
    assert list(read_evidence(text).documents) == documents


def test_evidence_links_files_and_dates() -> None:
    ev = read_evidence("Xem https://hoanghoa.thanhhoa.gov.vn/cchc/bc-9t và bao-cao-9t.pdf")
    assert ev.links and ev.files == ("bao-cao-9t.pdf",) and ev.cites_something
    ev = read_evidence("Kế hoạch số 125/KH-UBND ngày 05 tháng 01 năm 2023; BC ngày 7/3/2023")
    assert ev.dates == (date(2023, 1, 5), date(2023, 3, 7))
    assert not read_evidence("Đã thực hiện xong").cites_something


@pytest.mark.parametrize("typed, day", [
    ("15/3/2023.", date(2023, 3, 15)),
    ("15/03/2023,", date(2023, 3, 15)),
    ("15.3.2023.", date(2023, 3, 15)),
    ("ngày 15 tháng 3 năm 2023.", date(2023, 3, 15)),
    ("15/3/2023 ;", date(2023, 3, 15)),
])
def test_a_date_with_a_full_stop_typed_after_it_is_read(typed: str, day: date) -> None:
    """A clerk ends the date as a sentence, as she may a status ("Đã hoàn thành."): the
    row was "Đã hoàn thành" with an error, "'15/3/2023.' không phải ngày: ghi dạng
    ngày/tháng/năm", and counted as needing checking, not done."""
    report = check_row(_row(status=DONE, percent=100, done_on=typed, evidence=EVIDENCE),
                       LEAD, CTX)
    assert report.completed_on == day
    assert [(f.severity, f.code, f.cell) for f in report.findings] == [(NOTE, "date-text", "J5")]
    assert report.findings[0].message == (f"ngày gõ dạng chữ '{typed}' được hiểu là "
                                          f"{day:%d/%m/%Y}; nên nhập ô ở dạng ngày")


CTX = RowContext(file="x.xlsx", unit="X01", first_day=FIRST, cutoff=CUTOFF)
COLS = {A.COL_STATUS: "H", A.COL_PERCENT: "I", A.COL_DONE_ON: "J", A.COL_EVIDENCE: "K",
        A.COL_NOTE: "L"}


def _row(**values) -> ReturnedRow:
    """A row of TC-01 with input values given by short names."""
    names = {"status": A.COL_STATUS, "percent": A.COL_PERCENT, "done_on": A.COL_DONE_ON,
             "evidence": A.COL_EVIDENCE, "note": A.COL_NOTE}
    cells = {A.COL_ID: Cell("TC-01", "A5")}
    for key, value in values.items():
        column = names[key]
        cell = value if isinstance(value, Cell) else Cell(value, f"{COLS[column]}5")
        cells[column] = cell
    for column, letter in COLS.items():
        cells.setdefault(column, Cell(None, f"{letter}5"))
    return ReturnedRow("Thể chế", 5, cells)


def _codes(report) -> list[str]:
    return [f.code for f in report.findings]


EVIDENCE = "Kế hoạch số 125/KH-UBND ngày 05/01/2023"
DONE_ON = datetime(2023, 3, 1)


@pytest.mark.parametrize("values, codes", [
    (dict(status=DONE, percent=100, done_on=DONE_ON, evidence=EVIDENCE), []),
    (dict(status=DONE, done_on=DONE_ON, evidence=EVIDENCE), ["percent-assumed-100"]),
    (dict(status=DONE, percent=80, done_on=DONE_ON, evidence=EVIDENCE),
     ["done-percent-not-100"]),
    (dict(status=DONE, percent=99, done_on=DONE_ON, evidence=EVIDENCE),
     ["done-percent-not-100"]),
    (dict(status=DONE, percent=100, evidence=EVIDENCE), ["done-without-date"]),
    (dict(status=DONE, percent=100, done_on=DONE_ON), ["done-without-evidence"]),
    (dict(status=DONE, percent=100, done_on=DONE_ON, evidence="Đã làm xong"),
     ["evidence-no-document"]),
    (dict(status=NOT_STARTED), []),
    (dict(status=NOT_STARTED, percent=30), ["not-started-percent"]),
    (dict(status=NOT_STARTED, percent=1), ["not-started-percent"]),
    (dict(status=IN_PROGRESS, percent=50), []),
    (dict(status=IN_PROGRESS), ["percent-missing"]),
    (dict(status=IN_PROGRESS, percent=100), ["in-progress-percent"]),
    (dict(status=IN_PROGRESS, percent=0), ["in-progress-percent"]),
    # Above 0 and below 100, a fraction of a point included (docs/validation.md: "99.5 is
    # one"): not told to make it 1-99.
    (dict(status=IN_PROGRESS, percent=99.5), []),
    (dict(status=IN_PROGRESS, percent="99,5"), ["percent-text"]),
    (dict(status=IN_PROGRESS, percent=50, done_on=DONE_ON), ["date-without-done"]),
    (dict(percent=50, note="đang làm"), ["status-missing"]),
    (dict(status="xong rồi", percent=50), ["status-invalid"]),
    # A status with its percentage after it: read when the two agree, asked when not.
    (dict(status="Đang thực hiện 60%", percent=60), ["status-normalized"]),
    (dict(status="đang thực hiện (60 %)"), ["status-normalized", "percent-missing"]),
    (dict(status="Chưa thực hiện - 0"), ["status-normalized"]),
    (dict(status="Hoàn thành 80%", percent=80), ["status-with-percent"]),
    (dict(status="Đang thực hiện 100%", percent=100), ["status-with-percent"]),
    (dict(status="Chưa thực hiện 30%"), ["status-with-percent"]),
    (dict(status="Đang thực hiện 150%"), ["status-invalid"]),
    (dict(status=IN_PROGRESS, percent=120), ["percent-out-of-range"]),
    (dict(status=IN_PROGRESS, percent=-5), ["percent-out-of-range"]),
    (dict(status=IN_PROGRESS, percent="năm mươi"), ["percent-invalid"]),
    (dict(status=IN_PROGRESS, percent=0.5), ["percent-fraction"]),
    (dict(status=IN_PROGRESS, percent=1), []),  # 1%, as typed: no "did you mean 100%"
    (dict(status=IN_PROGRESS, percent="50 %"), ["percent-text"]),
    # Typed as text, a fraction is as likely 80% meant as when typed as a number.
    (dict(status=IN_PROGRESS, percent="0,8"), ["percent-fraction"]),
    (dict(status=IN_PROGRESS, percent="0.5"), ["percent-fraction"]),
    (dict(status=IN_PROGRESS, percent="0,8%"), ["percent-text"]),
    (dict(status=IN_PROGRESS, percent="0,8 phần trăm"), ["percent-text"]),
    (dict(), ["row-not-filled"]),
])
def test_consistency_rules(values: dict, codes: list[str]) -> None:
    assert _codes(check_row(_row(**values), LEAD, CTX)) == codes


@pytest.mark.parametrize("typed, dated, said", [
    ("Đã thực hiện", True,
     "trạng thái 'Đã thực hiện' chưa rõ là 'Đã hoàn thành' hay 'Đang thực hiện': việc đã xong "
     "thì chọn 'Đã hoàn thành' và ghi ngày hoàn thành; đã làm nhưng chưa xong thì chọn 'Đang "
     "thực hiện' và ghi tỷ lệ"),
    ("Chưa", True,
     "trạng thái 'Chưa' chưa rõ là 'Chưa thực hiện' hay 'Đang thực hiện': chưa triển khai thì "
     "chọn 'Chưa thực hiện'; đã làm nhưng chưa xong thì chọn 'Đang thực hiện' và ghi tỷ lệ"),
    ("chưa hoàn thành (quá hạn)", True,
     "trạng thái 'chưa hoàn thành (quá hạn)' chưa rõ là 'Chưa thực hiện' hay 'Đang thực hiện'"),
    ("Đạt", True,
     "trạng thái 'Đạt' là từ cơ quan tổng hợp dùng để đánh giá, không phải trạng thái đơn vị "
     "báo cáo: việc đã xong thì chọn 'Đã hoàn thành' và ghi ngày hoàn thành"),
    ("Đã thực hiện", False,
     "trạng thái 'Đã thực hiện' chưa rõ là 'Đã hoàn thành' hay 'Đang thực hiện': với việc "
     "thường xuyên, định kỳ hoặc theo sự kiện như nhiệm vụ này, đã làm trong kỳ thì chọn 'Đang "
     "thực hiện' và ghi tài liệu kiểm chứng; trong kỳ chưa làm thì chọn 'Chưa thực hiện'"),
])
def test_a_status_that_may_mean_two_is_asked_which_not_read(typed: str, dated: bool,
                                                             said: str) -> None:
    """"Đã thực hiện", "Chưa", "Đạt" are refused, not guessed (a task counted done that is
    not); the unit reads which status to choose for what it meant, and the three the cell
    takes (a QA pass as a unit's clerk: "'Chưa' không hợp lệ" said neither)."""
    report = check_row(_row(status=typed, percent=100, done_on=DONE_ON, evidence=EVIDENCE),
                       LEAD, CTX, dated=dated)
    assert report.status is None
    [refused] = [f for f in report.findings if f.code == "status-invalid"]
    assert (refused.severity, refused.cell) == (ERROR, "H5")
    assert refused.message.startswith(said)
    assert refused.message.endswith(
        "ô trạng thái chỉ nhận một trong 'Chưa thực hiện', 'Đang thực hiện', 'Đã hoàn thành' "
        "(chọn trong danh sách thả xuống)")


def test_a_status_in_the_words_of_a_report_is_read_and_said_so() -> None:
    report = check_row(_row(status="Đang triển khai thực hiện", percent=40), LEAD, CTX)
    assert report.status == IN_PROGRESS
    [finding] = report.findings
    assert (finding.severity, finding.code, finding.cell) == (NOTE, "status-normalized", "H5")
    assert finding.message == ("trạng thái 'Đang triển khai thực hiện' được hiểu là 'Đang thực "
                               "hiện'; lần sau chọn trong danh sách")


def test_done_without_a_date_shows_the_date_its_evidence_gives() -> None:
    """A clerk who wrote the date in the evidence only ("Quyết định số 45/QĐ-UBND ngày
    15/3/2023") was told to write a date, as if none were given (a QA pass as a commune
    clerk). The evidence's date is the document's, not taken as the completion date: the
    message shows it, to copy if it is."""
    (said,) = check_row(_row(status=DONE, percent=100,
                             evidence="Quyết định số 45/QĐ-UBND ngày 15/3/2023"), LEAD,
                        CTX).findings
    assert (said.code, said.severity) == ("done-without-date", ERROR)
    assert said.message == (
        "trạng thái 'Đã hoàn thành' cần ngày hoàn thành: ghi ngày dạng ngày/tháng/năm (tài "
        "liệu kiểm chứng ghi ngày 15/03/2023: nếu là ngày hoàn thành thì ghi vào cột "
        "'Ngày hoàn thành')")
    # Without a date in the evidence the message is as it was.
    (plain,) = check_row(_row(status=DONE, percent=100, evidence="QĐ 45/QĐ-UBND"), LEAD,
                         CTX).findings
    assert plain.message.endswith("ghi ngày dạng ngày/tháng/năm")


def test_a_coordinators_row_without_a_status_is_a_warning() -> None:
    """A coordinating office that wrote a note and no status: an error, which the
    reminder letter listed among the items the chairman asks it to fix, though the row
    is never counted (a QA pass of a commune's documents). A lead's is an error."""
    (lead,) = check_row(_row(note="Đã phối hợp cung cấp số liệu"), LEAD, CTX).findings
    (support,) = check_row(_row(note="Đã phối hợp cung cấp số liệu"), SUPPORT, CTX).findings
    assert (lead.code, lead.severity) == ("status-missing", ERROR)
    assert (support.code, support.severity) == ("status-missing", WARNING)


@pytest.mark.parametrize("status, percent", [(DONE, 100.0), (NOT_STARTED, 0.0)])
def test_a_status_with_no_percentage_counts_as_its_own(status: str, percent: float) -> None:
    """The figures average the rows' percentages: done without one is 100, not started 0."""
    row = _row(status=status, done_on=DONE_ON, evidence=EVIDENCE) if status == DONE else \
        _row(status=status)
    assert check_row(row, LEAD, CTX).percent == percent


def test_a_status_with_a_percentage_that_contradicts_it_asks_which_was_meant() -> None:
    """"Hoàn thành 80%" in the status cell was "không hợp lệ: chọn một trong ...", which
    did not tell the unit what was wrong (a probe)."""
    report = check_row(_row(status="Hoàn thành 80%", percent=80), LEAD, CTX)
    [said] = [f for f in report.findings if f.code == "status-with-percent"]
    assert report.status is None and said.severity == "error" and said.cell == "H5"
    assert "vừa trạng thái vừa tỷ lệ" in said.message
    assert f"chọn '{IN_PROGRESS}' và ghi 80% ở cột tỷ lệ" in said.message
    taken = check_row(_row(status="Đang thực hiện 60%", percent=60), LEAD, CTX)
    assert (taken.status, taken.percent) == (IN_PROGRESS, 60)
    [note] = taken.findings
    assert f"được hiểu là '{IN_PROGRESS}'" in note.message and "tỷ lệ ghi ở cột" in note.message


def test_a_blank_coordinating_row_is_a_note_a_blank_led_row_a_warning() -> None:
    """A coordinator's (phối hợp) blank row was a warning like a lead's: every unit with
    one was "có báo cáo phải sửa" in the reminder letter (27 of 31 units, 1,276 rows),
    though such rows are never counted. It is a note."""
    from cchc_xl.vocab import NOTE, SUPPORT, WARNING

    (led,) = check_row(_row(), LEAD, CTX).findings
    (coordinated,) = check_row(_row(), SUPPORT, CTX).findings
    assert (led.code, led.severity) == ("row-not-filled", WARNING)
    assert (coordinated.code, coordinated.severity) == ("row-not-filled", NOTE)
    assert coordinated.message.startswith("chưa điền kết quả phối hợp (không tính vào số liệu)")


def test_a_coordinator_is_not_warned_for_a_percentage_only_counting_needs() -> None:
    """"Đang thực hiện" without a percentage on a coordinating row was a warning in the
    unit's feedback, though such rows are never counted (a probe). A note now."""
    from cchc_xl.vocab import NOTE, SUPPORT, WARNING

    (led,) = check_row(_row(status=IN_PROGRESS), LEAD, CTX).findings
    (coordinated,) = check_row(_row(status=IN_PROGRESS), SUPPORT, CTX).findings
    assert (led.code, led.severity) == ("percent-missing", WARNING)
    assert (coordinated.code, coordinated.severity) == ("percent-missing", NOTE)
    assert "không tính vào số liệu" in coordinated.message


@pytest.mark.parametrize("evidence, codes", [
    (None, ["recurring-without-evidence"]), ("không có", ["recurring-without-evidence"]),
    (EVIDENCE, [])])
def test_recurring_work_in_progress_without_evidence_is_told_why_it_is_not_counted(
        evidence, codes) -> None:
    """Recurring work ("Hằng quý") reported "Đang thực hiện" without evidence was left
    "Cần đánh giá" without a word to the unit, though the guide says evidence makes it
    count (a probe); a coordinator is not asked."""
    from cchc_xl.vocab import NOTE, SUPPORT

    row = _row(status=IN_PROGRESS, percent=60, evidence=evidence)
    report = check_row(row, LEAD, CTX, dated=False)
    assert _codes(report) == codes
    if codes:
        (said,) = report.findings
        assert (said.severity, said.cell) == (NOTE, "K5")
        assert "được tính là đã thực hiện trong kỳ khi có tài liệu kiểm chứng" in said.message
    assert _codes(check_row(row, SUPPORT, CTX, dated=False)) == []
    assert _codes(check_row(row, LEAD, CTX)) == []  # dated: a percentage says how far


@pytest.mark.parametrize("placeholder", ["-", "x", ".", "0", "N/A", "Không", "không có",
                                         "Chưa có", "  --  ", "Không có tài liệu", "ko có",
                                         "k có", "Có", "Đang cập nhật", "Sẽ bổ sung"])
def test_evidence_saying_there_is_none_is_no_evidence(placeholder: str) -> None:
    """Done with "-" or "không có" as evidence counted as done with a warning only,
    while a blank cell is an error: the same error now, its message quoting the cell."""
    report = check_row(_row(status=DONE, percent=100, done_on=DONE_ON, evidence=placeholder),
                       LEAD, CTX)
    assert _codes(report) == ["done-without-evidence"]
    (finding,) = report.findings
    assert f"ô ghi '{placeholder.strip()}' là chưa có" in finding.message
    assert finding.cell == "K5"


@pytest.mark.parametrize("evidence", ["QĐ 12", "Xong, đã báo cáo UBND", "x.pdf", "2023"])
def test_short_evidence_that_says_something_is_evidence(evidence: str) -> None:
    codes = _codes(check_row(_row(status=DONE, percent=100, done_on=DONE_ON,
                                  evidence=evidence), LEAD, CTX))
    assert "done-without-evidence" not in codes


def test_examples_in_messages_are_dated_in_the_plan_s_year() -> None:
    ctx = RowContext(file="x.xlsx", unit="X01", first_day=date(2026, 1, 1),
                     cutoff=date(2026, 3, 15))
    messages = [f.message for values in (
        dict(status=DONE, percent=100, done_on="tháng 3", evidence="Đã xong"),
        dict(status=DONE, percent=100, done_on=datetime(2026, 3, 1)))
        for f in check_row(_row(**values), LEAD, ctx).findings]
    assert len(messages) == 3, messages
    assert all("2023" not in m for m in messages), messages
    assert sum("/2026" in m for m in messages) == 3, messages


def test_recurring_work_in_progress_needs_no_percentage() -> None:
    """A recurring task ("Thường xuyên": no date due) reported in progress without a
    percentage got a warning on every such row of every file (6-9 a file), and the
    reminder letter then went to every unit; a percentage given is still checked."""
    report = check_row(_row(status=IN_PROGRESS, evidence=EVIDENCE), LEAD, CTX, dated=False)
    assert _codes(report) == [] and report.percent is None
    assert _codes(check_row(_row(status=IN_PROGRESS), LEAD, CTX)) == ["percent-missing"]
    assert _codes(check_row(_row(status=IN_PROGRESS, percent=100, evidence=EVIDENCE), LEAD,
                            CTX, dated=False)) == ["in-progress-percent"]


@pytest.mark.parametrize("percent, told", [
    (100, "xóa tỷ lệ, giữ trạng thái 'Đang thực hiện' và ghi tài liệu kiểm chứng"),
    (0, "xóa tỷ lệ, hoặc chọn 'Chưa thực hiện' nếu trong kỳ chưa làm"),
])
def test_recurring_work_with_a_full_or_no_percentage_is_told_to_leave_it_out(percent, told):
    """A unit that did its recurring work ("Thường xuyên") in full wrote "Đang thực hiện"
    and 100, and was told "ghi số từ 1 đến 99, hoặc đổi trạng thái": write 99 for work
    done in full, or choose "Đã hoàn thành", which the guide says recurring work is not."""
    report = check_row(_row(status=IN_PROGRESS, percent=percent, evidence=EVIDENCE), LEAD,
                       CTX, dated=False)
    [finding] = report.findings
    assert (finding.code, finding.cell) == ("in-progress-percent", "I5")
    assert finding.message == (
        f"trạng thái 'Đang thực hiện' nhưng tỷ lệ là {percent}%: việc thường xuyên, định kỳ "
        f"hoặc theo sự kiện không cần ghi tỷ lệ: {told}")
    assert "1 đến 99" not in finding.message
    # Work with a date due is still asked for a share between 1 and 99.
    [dated] = check_row(_row(status=IN_PROGRESS, percent=percent), LEAD, CTX).findings
    assert dated.message.endswith("ghi số từ 1 đến 99, hoặc đổi trạng thái")


@pytest.mark.parametrize("dated, told, taken", [
    (True, "nếu đã xong, chọn 'Đã hoàn thành' và ghi ngày hoàn thành, tài liệu kiểm chứng; "
           "nếu chưa làm, ghi 0",
     dict(status=DONE, percent=100, done_on=DONE_ON, evidence=EVIDENCE)),
    (False, "việc thường xuyên, định kỳ hoặc theo sự kiện không cần ghi tỷ lệ: xóa tỷ lệ; nếu "
            "trong kỳ đã làm, chọn 'Đang thực hiện' và ghi tài liệu kiểm chứng",
     dict(status=IN_PROGRESS, evidence=EVIDENCE)),
])
def test_not_started_at_100_percent_is_told_a_way_out_that_holds(dated, told, taken):
    """A commune's status column pasted from another file left "Chưa thực hiện" beside
    100%; the feedback said "ghi 0, hoặc đổi trạng thái thành 'Đang thực hiện'", and
    "Đang thực hiện" at 100% is an error of its own (a QA pass as a unit's officer)."""
    [finding] = check_row(_row(status=NOT_STARTED, percent=100), LEAD, CTX,
                          dated=dated).findings
    assert (finding.code, finding.cell) == ("not-started-percent", "I5")
    assert finding.message == f"trạng thái 'Chưa thực hiện' nhưng tỷ lệ là 100%: {told}"
    # The way out, taken, is told nothing more.
    assert _codes(check_row(_row(**taken), LEAD, CTX, dated=dated)) == []
    # Below 100 the advice is as it was: "Đang thực hiện" at 30% holds.
    [low] = check_row(_row(status=NOT_STARTED, percent=30), LEAD, CTX).findings
    assert low.message.endswith(": ghi 0, hoặc đổi trạng thái thành 'Đang thực hiện'")


def test_values_read_and_findings_located() -> None:
    report = check_row(_row(status="da hoan thanh", percent=Cell(1.0, "I5", "0%"),
                            done_on="15/08/2023", evidence=EVIDENCE, note="Ghi\x0bchú"),
                       LEAD, CTX)
    assert (report.status, report.percent, report.completed_on) == (DONE, 100.0,
                                                                     date(2023, 8, 15))
    assert report.note == "Ghi chú"
    assert report.raw[A.COL_DONE_ON] == "15/08/2023"
    by_code = {f.code: f for f in report.findings}
    assert set(by_code) == {"status-normalized", "date-text"}
    status = by_code["status-normalized"]
    assert (status.severity, status.cell, status.sheet, status.unit, status.task, status.file) \
        == ("note", "H5", "Thể chế", "X01", "TC-01", "x.xlsx")
    assert "Đã hoàn thành" in status.message


@pytest.mark.parametrize("typed, what", [
    (unicodedata.normalize("NFD", DONE), ["NFD"]),
    (f"  {DONE} ", ["khoảng trắng"]),
    (unicodedata.normalize("NFD", f"{IN_PROGRESS}  "), ["NFD", "khoảng trắng"]),
])
def test_status_that_only_looks_different_says_what_differed(typed: str, what: list) -> None:
    report = check_row(_row(status=typed, percent=50 if IN_PROGRESS in
                            unicodedata.normalize("NFC", typed) else 100,
                            done_on=DONE_ON, evidence=EVIDENCE), LEAD, CTX)
    [note] = [f for f in report.findings if f.code == "status-normalized"]
    assert report.status == unicodedata.normalize("NFC", typed).strip()
    assert note.severity == "note" and "được hiểu là" not in note.message
    assert all(w in note.message for w in what)


@pytest.mark.parametrize("typed, status", [
    (f"{DONE}\ufeff", DONE), (f"\u200b{IN_PROGRESS}", IN_PROGRESS),
    (f"{DONE}\u200c", DONE), ("Đã hoàn\u00ad thành", DONE),
    (f"{NOT_STARTED}\u2060", NOT_STARTED),
])
def test_a_status_with_characters_that_show_nothing_is_read(typed: str, status: str) -> None:
    """Pasted from the web or Word: it looks exactly like the status; an error saying
    "'Đã hoàn thành' is not one of ... 'Đã hoàn thành'" helps nobody."""
    report = check_row(_row(status=typed, percent={DONE: 100, IN_PROGRESS: 50}.get(status),
                            done_on=DONE_ON if status == DONE else None, evidence=EVIDENCE),
                       LEAD, CTX)
    assert report.status == status
    [note] = [f for f in report.findings if f.code.startswith("status-")]
    assert note.code == "status-normalized" and "ký tự ẩn" in note.message


def test_findings_about_a_missing_column_are_not_repeated_on_each_row() -> None:
    """Its missing-column finding says it once a sheet; but a row done without the
    date its deleted column held is marked as one that left the date blank, at its id
    (merge: not counted done), or deleting a column would do better than leaving it
    blank (a probe)."""
    row = _row(percent=50, note="đang làm")
    del row.cells[A.COL_STATUS]  # the sheet has no "Trạng thái" header
    assert _codes(check_row(row, LEAD, CTX)) == []
    row = _row(status=IN_PROGRESS, evidence=EVIDENCE)
    del row.cells[A.COL_PERCENT]  # a warning only: said once
    assert _codes(check_row(row, LEAD, CTX)) == []
    row = _row(status=DONE, percent=100, evidence=EVIDENCE)
    del row.cells[A.COL_DONE_ON]
    report = check_row(row, LEAD, CTX)
    (said,) = report.findings
    assert (said.code, said.severity, said.cell) == ("done-without-date", "error", "A5")
    assert said.message.endswith(f"(tệp thiếu cột '{A.COL_DONE_ON}')") and report.unverified


def test_formulas_stay_inert_text() -> None:
    report = check_row(_row(status=IN_PROGRESS, percent=Cell("=40+10", "I5", formula=True),
                            evidence=Cell("=HYPERLINK(\"x\")", "K5", formula=True),
                            note=Cell("=A1&\" xong\"", "L5", formula=True)), LEAD, CTX)
    assert report.percent is None and report.evidence == '=HYPERLINK("x")'
    assert report.note == '=A1&" xong"'
    assert [(f.code, f.severity) for f in report.findings if f.code == "formula-in-cell"] == [
        ("formula-in-cell", "error"), ("formula-in-cell", "warning"),
        ("formula-in-cell", "warning")]


def test_legacy_encoded_text_is_an_error_and_not_merged() -> None:
    report = check_row(_row(status=Cell("§· hoµn thµnh", "H5", font=".VnTime"),
                            evidence=Cell("KÕ ho¹ch sè 12/KH-UBND", "K5", font=".VnTime")),
                       LEAD, CTX)
    assert report.status is None and report.evidence == ""
    assert [f.code for f in report.findings] == ["legacy-encoding", "legacy-encoding"]
    # ASCII in a legacy font reads the same in every encoding: not flagged.
    report = check_row(_row(status=IN_PROGRESS, percent=50,
                            note=Cell("125/KH-UBND", "L5", font=".VnTime")), LEAD, CTX)
    assert report.findings == [] and report.note == "125/KH-UBND"


@pytest.mark.parametrize("due, status, done_on, expected", [
    (date(2023, 6, 30), DONE, date(2023, 6, 20), ON_TIME),
    (date(2023, 6, 30), DONE, date(2023, 6, 30), ON_TIME),
    (date(2023, 6, 30), DONE, date(2023, 7, 2), LATE),
    (date(2023, 6, 30), IN_PROGRESS, None, LATE),
    (date(2023, 6, 30), NOT_STARTED, None, LATE),
    (date(2023, 12, 31), IN_PROGRESS, None, WITHIN),
    (date(2023, 9, 14), NOT_STARTED, None, WITHIN),  # due on the cut-off itself
    (date(2023, 12, 31), DONE, None, ON_TIME),  # done, date unreadable, not yet due
    (date(2023, 6, 30), DONE, None, JUDGE),  # done, date unreadable, past due
    (None, DONE, date(2023, 6, 20), JUDGE),  # recurring or event-based
    (None, IN_PROGRESS, None, JUDGE),
    (date(2023, 6, 30), None, None, None),  # nothing reported
    # Done after the cut-off: not yet done at the cut-off, so judged as unfinished.
    (date(2023, 12, 31), DONE, date(2023, 12, 20), WITHIN),
    (date(2023, 9, 30), DONE, date(2023, 9, 20), WITHIN),
    (date(2023, 6, 30), DONE, date(2023, 9, 20), LATE),
])
def test_timeliness(due, status, done_on, expected) -> None:
    assert timeliness(due, status, done_on, CUTOFF) == expected


@pytest.mark.parametrize("status, done_on, expected", [
    (DONE, date(2023, 9, 15), IN_PROGRESS),  # the day after the cut-off
    (DONE, CUTOFF, DONE),
    (DONE, None, DONE),
    (IN_PROGRESS, date(2023, 9, 20), IN_PROGRESS),
    (None, None, None),
])
def test_status_as_of_the_cutoff(status, done_on, expected) -> None:
    assert status_as_of(status, done_on, CUTOFF) == expected


def test_the_evidence_example_is_dated_in_the_plans_year() -> None:
    ctx = RowContext(file="x.xlsx", unit="X01", first_day=date(2026, 1, 1),
                     cutoff=date(2026, 9, 14))
    report = check_row(_row(status=DONE, percent=100, done_on=date(2026, 3, 1)), LEAD, ctx)
    (message,) = [f.message for f in report.findings if f.code == "done-without-evidence"]
    assert "ngày 05/01/2026" in message and "2023" not in message


def test_a_completion_date_after_the_file_was_saved_is_a_warning() -> None:
    """A unit's year file saved on 02/12 said a task was done on 10/12, a day still to
    come (a planned day): counted done on time, with only a note on how the date was
    read (a probe's commune). Now a warning in the cell; a date up to the day the file
    was saved, or a file without its saved time, says nothing more."""
    saved = replace(CTX, saved=date(2023, 9, 2))
    row = _row(status=DONE, percent=100, done_on=datetime(2023, 9, 10), evidence=EVIDENCE)
    report = check_row(row, LEAD, saved)
    assert _codes(report) == ["date-after-saved"]
    (told,) = report.findings
    assert told.cell == "J5" and "sau ngày tệp được lưu (02/09/2023)" in told.message
    on_the_day = _row(status=DONE, percent=100, done_on=datetime(2023, 9, 2), evidence=EVIDENCE)
    assert _codes(check_row(on_the_day, LEAD, saved)) == []
    assert _codes(check_row(row, LEAD, CTX)) == []  # no saved time known


def test_a_status_with_its_timeliness_typed_after_it_is_read_and_said_so() -> None:
    """"Hoàn thành đúng hạn" was "không hợp lệ", an error on a row done; it is read as
    done, and the note says the timeliness is worked out, not typed."""
    report = check_row(_row(status="Hoàn thành quá hạn", percent=100, done_on=DONE_ON,
                            evidence=EVIDENCE), LEAD, CTX)
    assert report.status == DONE
    [finding] = report.findings
    assert (finding.severity, finding.code, finding.cell) == (NOTE, "status-normalized", "H5")
    assert finding.message == (
        "trạng thái 'Hoàn thành quá hạn' được hiểu là 'Đã hoàn thành'; lần sau chọn trong "
        "danh sách; đúng hạn hay quá hạn được tính từ ngày hoàn thành và thời hạn, không "
        "ghi vào ô trạng thái")


def test_evidence_naming_a_dated_document_without_its_number_is_told_what_it_lacks() -> None:
    """A ward's Trung tâm wrote "Danh mục TTHC niêm yết ngày 25/02/2023", its Văn phòng
    "Biên bản kiểm tra ngày 15/3/2023": the warning said the cell named no document ("không
    nêu văn bản nào (số, ký hiệu, ngày)"), and the chairman's reminder letter quoted it to
    both (a ward's quarter run end to end). What the cell lacks is the number and symbol."""
    (said,) = check_row(_row(status=DONE, percent=100, done_on=DONE_ON,
                             evidence="Biên bản kiểm tra ngày 15/3/2023"), LEAD, CTX).findings
    assert (said.code, said.severity) == ("evidence-no-document", WARNING)
    assert said.message == (
        "tài liệu kiểm chứng ghi ngày 15/03/2023 nhưng chưa ghi số, ký hiệu của văn bản: ghi "
        "thêm số, ký hiệu, ví dụ 'số 01/BB-UBND ngày 15/03/2023', hoặc đường dẫn, tên tệp")
    # A cell with no date either names no document: the message is as it was.
    (plain,) = check_row(_row(status=DONE, percent=100, done_on=DONE_ON,
                              evidence="Đã làm xong"), LEAD, CTX).findings
    assert plain.message.startswith("tài liệu kiểm chứng không nêu văn bản nào")
