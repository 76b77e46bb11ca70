"""Reading a completion date as units type it: days that do not exist, a year or a day
left out, day and month swapped by an English-locale machine, a full stop after it, text
dates, and the plan's first day (intake.cells.read_completion_date)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cchc_xl.intake import Cell
from cchc_xl.intake.cells import DONE_LATER, read_completion_date

CUTOFF = date(2023, 9, 14)
FIRST = date(2023, 1, 1)


_REWRITE = "ghi lại đúng ngày hoàn thành (ngày/tháng/năm)"


@pytest.mark.parametrize(("text", "why"), [
    ("31/09/2023", f"tháng 9 năm 2023 chỉ có 30 ngày; {_REWRITE}"),
    ("29/02/2023", f"tháng 2 năm 2023 chỉ có 28 ngày; {_REWRITE}"),
    # Month first, as an English-locale machine writes it: the day meant is asked.
    ("12/13/2023", "không có tháng 13; ghi lại theo thứ tự ngày/tháng/năm (có phải "
                   "'13/12/2023'?)"),
    ("8/25/2023", "không có tháng 25; ghi lại theo thứ tự ngày/tháng/năm (có phải "
                  "'25/08/2023'?)"),
    # No day of that month either way, or a day that could not be a month: nothing asked.
    ("2/30/2023", f"không có tháng 30; {_REWRITE}"),
    ("13/13/2023", f"không có tháng 13; {_REWRITE}"),
    ("0/5/2023", f"không có ngày 0; {_REWRITE}"),
])
def test_a_day_that_does_not_exist_is_said_so(text, why):
    """Written day/month/year as asked, but no such day: the hint to write day/month/year
    is what the unit did; it is told what is wrong with the day (a probe)."""
    (problem,) = read_completion_date(Cell(text, "J5", "@"), first_day=FIRST,
                                      cutoff=CUTOFF).problems
    assert problem[:2] == ("error", "date-invalid")
    assert problem[2] == f"'{text}' không có thật: {why}"


def test_a_day_of_year_0000_gets_the_usual_hint_not_a_crash():
    """No calendar has year 0: the reading said so with a ValueError (the file then not
    read at all), found reading the change again."""
    (problem,) = read_completion_date(Cell("31/09/0000", "J5", "@"), first_day=FIRST,
                                      cutoff=CUTOFF).problems
    assert problem[1] == "date-invalid"
    assert problem[2].startswith("'31/09/0000' không phải ngày: ghi dạng ngày/tháng/năm")


@pytest.mark.parametrize(("text", "why"), [
    # A day and month without the year: asked, with the day the period makes of it.
    ("15/3", "thiếu năm: ghi đủ ngày/tháng/năm (có phải '15/03/2023'?)"),
    ("ngày 15 tháng 3", "thiếu năm: ghi đủ ngày/tháng/năm (có phải '15/03/2023'?)"),
    ("20/12", "thiếu năm: ghi đủ ngày/tháng/năm (có phải '20/12/2022'?)"),
    # Outside the period whichever year: the year is asked, no day suggested, and the
    # unit told now that the day is outside the period.
    ("20/10", "thiếu năm: ghi đủ ngày/tháng/năm; ngày 20/10 nằm ngoài kỳ báo cáo (số liệu "
              "từ 15/12/2022 đến 14/09/2023): kiểm tra lại ngày, việc xong sau ngày chốt "
              "số liệu thì báo cáo ở kỳ sau"),
    # A month and year without the day: the day is asked.
    ("T3/2023", "chỉ có tháng và năm, chưa có ngày: ghi ngày hoàn thành cụ thể, dạng "
                "ngày/tháng/năm (…/03/2023)"),
    ("tháng 3/2023", "chỉ có tháng và năm, chưa có ngày: ghi ngày hoàn thành cụ thể, dạng "
                     "ngày/tháng/năm (…/03/2023)"),
    ("Tháng 3 năm 2023", "chỉ có tháng và năm, chưa có ngày: ghi ngày hoàn thành cụ thể, "
                         "dạng ngày/tháng/năm (…/03/2023)"),
])
def test_a_date_without_its_year_or_day_says_what_is_missing(text, why):
    """"15/3" or "T3/2023" is a date to the clerk who typed it: "không phải ngày" told
    them nothing they could act on (a QA pass as a commune clerk). Neither is guessed
    (the period spans two years; the day could be any of the month)."""
    (problem,) = read_completion_date(Cell(text, "J5", "@"), first_day=date(2022, 12, 15),
                                      cutoff=CUTOFF).problems
    assert problem == ("error", "date-invalid", f"'{text}' {why}")


@pytest.mark.parametrize("text", ["15/3", "ngày 15 tháng 3"])
def test_a_day_without_its_year_past_the_cut_off_is_told_at_once(text):
    """A commune clerk's Q1 2026 file (data 15/12/2025 to 14/03/2026) with "15/3": told
    only "thiếu năm", she wrote 15/03/2026 and was told at the next merge that the day
    is past the cut-off (a QA pass): both are said in the one message."""
    (problem,) = read_completion_date(Cell(text, "J5", "@"), first_day=date(2025, 12, 15),
                                      cutoff=date(2026, 3, 14)).problems
    assert problem == ("error", "date-invalid",
                       f"'{text}' thiếu năm: ghi đủ ngày/tháng/năm; ngày 15/03 nằm ngoài kỳ "
                       "báo cáo (số liệu từ 15/12/2025 đến 14/03/2026): kiểm tra lại ngày, "
                       "việc xong sau ngày chốt số liệu thì báo cáo ở kỳ sau")


def test_an_ambiguous_date_outside_the_period_is_not_said_checked_against_it():
    """"05/03/2027" (a year mistyped) in a 2026 Q1 file: a note said it was read as 5
    March 2027 "đã đối chiếu với kỳ báo cáo" beside the error that it is past the
    cut-off (a QA pass). Only the error is given; it names the day as read."""
    reading = read_completion_date(Cell("05/03/2027", "J5", "@"),
                                   first_day=date(2025, 12, 15), cutoff=date(2026, 3, 14))
    assert reading.problems == [
        ("error", "date-after-cutoff", "ngày hoàn thành 05/03/2027 sau ngày chốt số liệu "
         "14/03/2026 của kỳ: kiểm tra lại năm (có phải '05/03/2026'?)")]


@pytest.mark.parametrize(("value", "first_day", "cutoff", "fix"), [
    # A 2023 plan's 9-month file with 2026's year (typed, or Excel's current year):
    # the year the period puts the day in is asked, not "báo cáo ở kỳ sau".
    ("15.3.2026", date(2022, 12, 15), CUTOFF, "kiểm tra lại năm (có phải '15/03/2023'?)"),
    (datetime(2026, 3, 15), date(2023, 1, 1), CUTOFF,
     "kiểm tra lại năm (có phải '15/03/2023'?)"),
    # The annual report filled in the January after: "20/12" completed as 2024.
    (datetime(2024, 12, 10), date(2023, 1, 1), date(2023, 12, 14),
     "kiểm tra lại năm (có phải '10/12/2023'?)"),
    # The same year, later than the cut-off: done after it, reported in a later period.
    (datetime(2023, 9, 20), date(2023, 1, 1), CUTOFF,
     f"kiểm tra lại ngày; {DONE_LATER}"),
    # No earlier year puts the day in the period: the year is not guessed.
    (datetime(2024, 10, 20), date(2023, 1, 1), CUTOFF,
     f"kiểm tra lại ngày; {DONE_LATER}"),
])
def test_a_day_in_a_later_year_asks_the_year_the_period_puts_it_in(value, first_day, cutoff,
                                                                     fix):
    """"15.3.2026" in a 2023 plan's 9-month file was told "kiểm tra lại ngày, hoặc báo
    cáo ở kỳ sau": no later period of the plan takes a 2026 day, and the unit's officer
    was not told that the year was what to check (a QA pass as a commune's officer)."""
    number_format = "@" if isinstance(value, str) else "dd/mm/yyyy"
    reading = read_completion_date(Cell(value, "J5", number_format), first_day=first_day,
                                   cutoff=cutoff)
    [(severity, code, message)] = [p for p in reading.problems if p[1] == "date-after-cutoff"]
    assert severity == "error"
    assert message.endswith(f" của kỳ: {fix}")


def _date(value: object, number_format: str = "dd/mm/yyyy", formula: bool = False,
          evidence: tuple[date, ...] = ()):
    reading = read_completion_date(Cell(value, "J5", number_format, formula=formula),
                                   first_day=FIRST, cutoff=CUTOFF, evidence_dates=evidence)
    return reading.value, [code for _, code, _ in reading.problems]


@pytest.mark.parametrize("value, number_format, evidence, expected, codes", [
    (datetime(2023, 8, 15), "dd/mm/yyyy", (), date(2023, 8, 15), []),
    ("15/08/2023", "@", (), date(2023, 8, 15), ["date-text"]),
    ("15.08.2023", "General", (), date(2023, 8, 15), ["date-text"]),
    (45153, "General", (), date(2023, 8, 15), ["date-serial"]),
    # Day <= 12 typed as text: read day first, and said so.
    ("05/07/2023", "@", (), date(2023, 7, 5), ["date-ambiguous"]),
    # ...unless the evidence's date says the other reading.
    ("05/07/2023", "@", (date(2023, 5, 7),), date(2023, 5, 7), ["date-swapped"]),
    # Both readings in the evidence: it says neither, the day is read as typed.
    ("05/07/2023", "@", (date(2023, 5, 7), date(2023, 7, 5)), date(2023, 7, 5),
     ["date-ambiguous"]),
    # Day and month the same: one reading, nothing to ask.
    ("05/05/2023", "@", (), date(2023, 5, 5), ["date-text"]),
    # A real date an English-locale machine made of "12/09/2023": 9 December, past the
    # cut-off; 12 September is in the period.
    (datetime(2023, 12, 9), "dd/mm/yyyy", (), date(2023, 9, 12), ["date-swapped"]),
    (datetime(2023, 9, 18), "dd/mm/yyyy", (), date(2023, 9, 18), ["date-after-cutoff"]),
    (datetime(2022, 11, 20), "dd/mm/yyyy", (), date(2022, 11, 20), ["date-before-plan-year"]),
    ("31/02/2023", "@", (), None, ["date-invalid"]),
    ("tháng 8", "@", (), None, ["date-invalid"]),
    ("=DATE(2023,8,15)", "dd/mm/yyyy", (), None, ["formula-in-cell"]),
    # Written as people write dates (a probe's unit staff): read, and said how.
    ("ngày 05/8/2023", "@", (), date(2023, 8, 5), ["date-ambiguous"]),
    ("15 tháng 8 năm 2023", "@", (), date(2023, 8, 15), ["date-text"]),
    ("Ngày 5 tháng 8, năm 2023", "@", (), date(2023, 8, 5), ["date-text"]),
    ("15/8/23", "@", (), date(2023, 8, 15), ["date-text"]),
    ("05-08-23", "@", (), date(2023, 8, 5), ["date-ambiguous"]),
    # In words the day and month are named: never swapped, even against the evidence.
    ("5 tháng 7 năm 2023", "@", (date(2023, 5, 7),), date(2023, 7, 5), ["date-text"]),
    ("31/02/23", "@", (), None, ["date-invalid"]),
    ("15/8-23", "@", (), None, ["date-invalid"]),
    # Year first has one reading: never swapped, never called ambiguous.
    ("2023-08-01", "@", (), date(2023, 8, 1), ["date-text"]),
    ("2023-08-01", "@", (date(2023, 1, 8),), date(2023, 8, 1), ["date-text"]),
    # With slashes or dots, as some machines write a date: refused as "không phải ngày"
    # (a QA pass), though a year of four figures first can mean one day only.
    ("2023/08/01", "@", (date(2023, 1, 8),), date(2023, 8, 1), ["date-text"]),
    ("2023/8/1", "@", (), date(2023, 8, 1), ["date-text"]),
    ("2023.08.01", "@", (), date(2023, 8, 1), ["date-text"]),
    ("2023/08-01", "@", (), None, ["date-invalid"]),
])
def test_completion_dates(value, number_format, evidence, expected, codes) -> None:
    formula = isinstance(value, str) and value.startswith("=")
    assert _date(value, number_format, formula, evidence) == (expected, codes)


def test_an_ambiguous_date_says_what_it_was_checked_against() -> None:
    """"05/07/2023" read day first said it was checked against the evidence's dates even
    where the evidence had none (a QA pass): the evidence is named only when it had a date."""
    def said(evidence: tuple[date, ...]) -> str:
        (problem,) = read_completion_date(Cell("05/07/2023", "J5", "@"), first_day=FIRST,
                                          cutoff=CUTOFF, evidence_dates=evidence).problems
        return problem[2]

    assert said(()).endswith("(ngày/tháng/năm), đã đối chiếu với kỳ báo cáo")
    assert said((date(2023, 5, 7), date(2023, 7, 5))).endswith(
        "đã đối chiếu với kỳ báo cáo và ngày ghi trong tài liệu kiểm chứng")


def test_a_swapped_date_says_how_to_type_it_on_that_machine() -> None:
    """A date an English-locale machine swapped was answered "gõ lại dạng ngày/tháng/
    năm": on that machine (LibreOffice Calc in en-US, measured) typing 12/09/2023 again
    makes 9 December again. The message gives the year-first form, which every machine
    reads one way, and that form is then read as meant, with no swap."""
    (problem,) = read_completion_date(Cell(datetime(2023, 12, 9), "J5", "dd/mm/yyyy"),
                                      first_day=FIRST, cutoff=CUTOFF).problems
    assert problem[1] == "date-swapped"
    assert "gõ lại ô dạng năm-tháng-ngày, ví dụ 2023-09-12" in problem[2]
    assert problem[2].endswith("(máy nào cũng hiểu đúng, ô hiện 12/09/2023)")
    assert "gõ lại dạng ngày/tháng/năm" not in problem[2]
    # A cell formatted as text keeps the year-first text as typed: no "ô hiện" promised.
    (problem,) = read_completion_date(Cell("05/07/2023", "J5", "@"), first_day=FIRST,
                                      cutoff=CUTOFF, evidence_dates=(date(2023, 5, 7),)
                                      ).problems
    assert problem[1] == "date-swapped"
    assert problem[2].endswith("ví dụ 2023-05-07 (máy nào cũng hiểu đúng)")
    # Excel's short date (format 14, "mm-dd-yy") shows the machine's way: no promise
    # either (a review).
    (problem,) = read_completion_date(Cell(datetime(2023, 12, 9), "J5", "mm-dd-yy"),
                                      first_day=FIRST, cutoff=CUTOFF).problems
    assert problem[2].endswith("ví dụ 2023-09-12 (máy nào cũng hiểu đúng)")
    assert _date("2023-09-12", "@") == (date(2023, 9, 12), ["date-text"])
    assert _date(datetime(2023, 9, 12)) == (date(2023, 9, 12), [])


def test_a_date_with_a_full_stop_still_says_what_is_wrong_with_it() -> None:
    assert _date("31/02/2023.", "@") == (None, ["date-invalid"])
    [(_, _, message)] = read_completion_date(Cell("15/3.", "J5", "@"), first_day=FIRST,
                                             cutoff=CUTOFF).problems
    assert message == "'15/3.' thiếu năm: ghi đủ ngày/tháng/năm (có phải '15/03/2023'?)"


def test_work_done_since_the_plans_data_start_is_not_before_the_plan_year(hh_master) -> None:
    """Periods counting from 15/12 of the year before (as most provinces count) made a
    completion on 30/12 an error, "check the year", and the row never counted done."""
    from dataclasses import replace

    from cchc_xl.intake.plan_index import PlanIndex

    master = replace(hh_master, plan=replace(hh_master.plan, issued=None, attachment=""))
    first = PlanIndex(master).first_day(master.deliverables()[0])
    assert first == date(2022, 12, 15)  # the periods' data start, not 01/01/2023
    fine = read_completion_date(Cell(datetime(2022, 12, 30), "J5", "dd/mm/yyyy"),
                                first_day=first, cutoff=CUTOFF)
    assert (fine.value, fine.problems) == (date(2022, 12, 30), [])
    [(_, code, message)] = read_completion_date(
        Cell(datetime(2022, 12, 10), "J5", "dd/mm/yyyy"), first_day=first,
        cutoff=CUTOFF).problems
    assert code == "date-before-plan-year"
    assert "sớm hơn ngày 15/12/2022 (ngày sớm nhất kế hoạch tính số liệu)" in message
    # The plan issued earlier than its periods start: work from that day counts.
    assert PlanIndex(hh_master).first_day(master.deliverables()[0]) == date(2022, 12, 1)


def test_iso_text_date_is_not_described_as_day_month_year() -> None:
    [(_, code, message)] = read_completion_date(
        Cell("2023-08-01", "J5", "@"), first_day=FIRST, cutoff=CUTOFF).problems
    assert code == "date-text" and "01/08/2023" in message and "năm-tháng-ngày" in message
    assert "ngày/tháng/năm" not in message


@pytest.mark.parametrize("text", ["\u200b15/08/2023", "15/08/2023\ufeff", "1\u00ad5/08/2023",
                                  "ngày 15/08/2023\u200b."])
def test_a_date_pasted_with_a_character_that_shows_nothing_is_read(text):
    """A date copied from a web page or a chat with a zero-width space, a byte-order mark
    or a soft hyphen in it: "'15/08/2023' không phải ngày" was said of a cell that showed
    a date, and the day was lost. It is read, as a status with such a character is."""
    reading = read_completion_date(Cell(text, "J5", "@"), first_day=FIRST, cutoff=CUTOFF)
    assert reading.value == date(2023, 8, 15)
    assert [code for _, code, _ in reading.problems] == ["date-text"]


@pytest.mark.parametrize("text", ["15/08/2023 00:00:00", "15/08/2023 8:00", "15-08-2023 08:30:00"])
def test_a_date_copied_with_its_time_is_read_as_its_day(text):
    """A date and time cell copied as text, or typed so: the time says nothing of the day
    ("'15/08/2023 00:00:00' không phải ngày" was said, and the day lost)."""
    reading = read_completion_date(Cell(text, "J5", "@"), first_day=FIRST, cutoff=CUTOFF)
    assert reading.value == date(2023, 8, 15)
    assert [code for _, code, _ in reading.problems] == ["date-text"]
