"""A start nothing dated follows, in the middle of a text (work carried on, no due date),
and a start with words before the sign its end follows (one part, due at the end): the
due dates read, and what a report at a cut-off says of the work (docs/deadlines.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc_xl.deadlines import DATE, MONTH, QUARTER, RECURRING, YEAR, parse_deadline
from cchc_xl.vocab import CONTINUOUS, DONE, IN_PROGRESS, JUDGE, LATE, ON_TIME, WITHIN
from support.deadlines import HALF_YEAR, NINE_MONTHS, YEAR_END, judge

D = date


@pytest.mark.parametrize("text, dated, start", [
    ("Quý I/2026: khảo sát, từ quý II/2026, triển khai", (QUARTER, D(2026, 3, 31)),
     "Từ quý II/2026"),
    ("Quý I/2026, từ quý II/2026", (QUARTER, D(2026, 3, 31)), "Từ quý II/2026"),
    ("Ban hành trong quý II/2026, thực hiện từ quý III/2026", (QUARTER, D(2026, 6, 30)),
     "Từ quý III/2026"),
    ("Hoàn thành trước 30/6/2026, áp dụng từ 01/7/2026", (DATE, D(2026, 6, 30)),
     "Từ 01/07/2026"),
    ("Tháng 1/2026 khảo sát, triển khai từ đầu quý II/2026 trở đi", (MONTH, D(2026, 1, 31)),
     "Từ đầu quý II/2026"),
    # a start's year, as its month or quarter (the 2027 start was lost: due 30/9/2026)
    ("Quý III/2026 thí điểm, từ năm 2027 nhân rộng", (QUARTER, D(2026, 9, 30)),
     "Từ năm 2027"),
    ("Năm 2026 xây dựng, từ năm 2027 áp dụng", (YEAR, D(2026, 12, 31)), "Từ năm 2027"),
])
def test_a_start_in_the_middle_is_carried_on(text: str, dated: tuple, start: str) -> None:
    """As "Từ quý II/2026" alone: no due date of its own (a QA pass: it was due at the
    quarter's end, the work late at the 9-month report while it went on). The dated part
    before it keeps its date."""
    deadline = parse_deadline(text, 2026)
    first, carried = deadline.parts
    assert (first.kind, first.due) == dated
    assert (carried.kind, carried.due, carried.recurrence, carried.text) == (
        RECURRING, None, CONTINUOUS, start)
    # judged per period, as a start alone is: not late while the work goes on
    assert deadline.due is None and deadline.due_at(NINE_MONTHS) is None
    assert judge(text, IN_PROGRESS, None, NINE_MONTHS) == JUDGE
    alone = parse_deadline(start, 2026)
    assert [(p.kind, p.due, p.recurrence) for p in alone.parts] == [
        (RECURRING, None, CONTINUOUS)]


@pytest.mark.parametrize("text", ["Từ quý II/2026, triển khai", "Từ tháng 3/2026 triển khai",
                                  "Từ tháng 3/2026 đến khi hoàn thành"])
def test_a_start_with_words_after_it_is_still_a_start(text: str) -> None:
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == (RECURRING, None, CONTINUOUS)
    assert judge(text, IN_PROGRESS, None, NINE_MONTHS) == JUDGE


@pytest.mark.parametrize("text, parts", [
    # a range, not a start: due at its end
    ("Từ 01/3/2026 - 30/6/2026", [(DATE, D(2026, 6, 30), None)]),
    ("Từ tháng 3 - 6/2026", [(MONTH, D(2026, 6, 30), None)]),
    # a start beside a recurrence keeps its day, judged per period (as before)
    ("Từ 01/3/2026 và hằng quý", [(RECURRING, D(2026, 3, 1), "quarterly")]),
    # the day a time is counted from is no start: due when the time ends
    # (tests/test_deadlines_counted.py)
    ("Trong 30 ngày kể từ 01/3/2026", [(DATE, D(2026, 3, 31), None)]),
    # a start's end after it: one part, due at the end (as before)
    ("Quý I/2026: khảo sát, từ quý II/2026, hoàn thành quý IV/2026",
     [(QUARTER, D(2026, 3, 31), None), (QUARTER, D(2026, 12, 31), None)]),
])
def test_what_is_no_start_carried_on_reads_as_before(text: str, parts: list) -> None:
    deadline = parse_deadline(text, 2026)
    assert [(p.kind, p.due, p.recurrence) for p in deadline.parts] == parts


@pytest.mark.parametrize("text, kind, due, as_without_words", [
    ("Từ quý II/2026 triển khai, hoàn thành năm 2026", YEAR, D(2026, 12, 31),
     "Từ quý II/2026, hoàn thành năm 2026"),
    ("Từ quý II/2026 triển khai, hoàn thành quý IV/2026", QUARTER, D(2026, 12, 31),
     "Từ quý II/2026, hoàn thành quý IV/2026"),
    ("Từ tháng 3/2026 triển khai thí điểm, tháng 12/2026 tổng kết", MONTH, D(2026, 12, 31),
     "Từ tháng 3/2026, tổng kết tháng 12/2026"),
    ("Từ 01/3/2026 triển khai - 30/6/2026", DATE, D(2026, 6, 30), "Từ 01/3/2026 - 30/6/2026"),
    ("Triển khai từ quý II/2026 trở đi, hoàn thành năm 2026", YEAR, D(2026, 12, 31),
     "Từ quý II/2026 trở đi, hoàn thành năm 2026"),
])
def test_words_between_a_start_and_its_end_keep_one_part(text: str, kind: str, due: date,
                                                          as_without_words: str) -> None:
    """As "Từ quý II/2026, hoàn thành năm 2026" (a QA pass: the start was the due date,
    30/6, and the work late at the 9-month report while it went on)."""
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due) == (kind, due)
    without_words = parse_deadline(as_without_words, 2026)
    assert [(p.kind, p.due) for p in without_words.parts] == [(kind, due)]
    # only begun at the 6-month report: within time; done by its end: on time at the
    # year's report (made in January), late after it
    assert judge(text, IN_PROGRESS, None, HALF_YEAR) == WITHIN
    assert judge(text, DONE, due, D(2027, 1, 15)) == ON_TIME
    assert judge(text, DONE, due + timedelta(days=1), D(2027, 1, 15)) == LATE


@pytest.mark.parametrize("text", ["Từ quý II/2026 triển khai, hoàn thành năm 2026",
                                  "Từ quý II/2026 triển khai, hoàn thành quý IV/2026",
                                  "Từ tháng 3/2026 triển khai thí điểm, tháng 12/2026 tổng kết"])
def test_work_begun_is_within_time_at_the_9_month_report(text: str) -> None:
    assert judge(text, IN_PROGRESS, None, NINE_MONTHS) == WITHIN


def test_a_start_and_its_end_joined_by_and_stay_two_parts() -> None:
    """"và" between a start and its end: a list, as documented (as before)."""
    deadline = parse_deadline("Từ quý II/2026 triển khai và hoàn thành quý IV/2026", 2026)
    assert [p.due for p in deadline.parts] == [D(2026, 6, 30), D(2026, 12, 31)]
    assert judge("Từ quý II/2026 triển khai và hoàn thành quý IV/2026", IN_PROGRESS, None,
                  NINE_MONTHS) == LATE


@pytest.mark.parametrize("text, as_with_a_month", [
    ("Dự kiến từ năm 2027", "Dự kiến từ tháng 10/2026"),
    ("Quý III/2026 thí điểm, từ năm 2027", "Quý III/2026 thí điểm, từ tháng 10/2026"),
])
def test_a_start_s_year_is_carried_on_as_its_month(text: str, as_with_a_month: str) -> None:
    """It was a year of its own, due at its end (31/12/2027)."""
    for said in (text, as_with_a_month):
        carried = parse_deadline(said, 2026).parts[-1]
        assert (carried.kind, carried.due, carried.recurrence) == (RECURRING, None, CONTINUOUS)


@pytest.mark.parametrize("text", ["Từ năm 2026 triển khai, hoàn thành năm 2027",
                                  "Từ năm 2026 đến năm 2027"])
def test_a_start_s_year_and_its_end_are_one_part(text: str) -> None:
    """As "Từ tháng 3/2026, hoàn thành năm 2026": due at the end (it was two parts, 2026
    and 2027, the work late once 2026 had ended while it went on)."""
    deadline = parse_deadline(text, 2026)
    assert [(p.kind, p.due) for p in deadline.parts] == [(YEAR, D(2027, 12, 31))]
    assert judge(text, IN_PROGRESS, None, YEAR_END) == WITHIN
    assert judge(text, IN_PROGRESS, None, D(2027, 6, 14)) == WITHIN


@pytest.mark.parametrize("status, done_on", [(IN_PROGRESS, None), (DONE, D(2026, 11, 20))])
def test_a_pilot_and_its_roll_out_are_not_late_in_the_plan_s_year(status: str,
                                                                   done_on: date | None) -> None:
    """A pilot in the third quarter of 2026 and its roll-out in 2027, written two ways:
    the roll-out a start (work carried on, no end: judged per period) or an end (due
    31/12/2027). Neither is late at the 2026 year's report; the first was due 30/9/2026
    (its 2027 start lost), late there while the second was within time."""
    carried_on = "Quý III/2026 thí điểm, từ năm 2027 nhân rộng"
    ended = "Thí điểm từ quý III/2026, nhân rộng năm 2027"
    assert parse_deadline(carried_on, 2026).due is None
    assert parse_deadline(ended, 2026).due == D(2027, 12, 31)
    assert judge(carried_on, status, done_on, YEAR_END) == JUDGE
    assert judge(ended, status, done_on, YEAR_END) == (WITHIN if status == IN_PROGRESS
                                                         else ON_TIME)
