"""A start and its end, a list of months after "Từ", and a period written as a label:
the due dates read, and what a report at a cut-off says of the work (docs/deadlines.md)."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_xl.deadlines import MONTH, QUARTER, YEAR, parse_deadline
from cchc_xl.vocab import DONE, IN_PROGRESS, LATE, ON_TIME, WITHIN
from support.deadlines import HALF_YEAR, YEAR_END, judge

D = date


@pytest.mark.parametrize("text, parts", [
    # its end in brackets: as with a comma, one part due at the end (a QA pass: the end
    # was taken for a remark, the work read as carried on, with no due date)
    ("Từ tháng 3/2026 (hoàn thành quý III/2026)", [(QUARTER, D(2026, 9, 30))]),
    ("Từ quý II/2026 [xong quý III/2026]", [(QUARTER, D(2026, 9, 30))]),
    ("Từ 01/3/2026 (hoàn thành trước 30/9/2026)", [("date", D(2026, 9, 30))]),
    ("Từ tháng 3/2026 (hoàn thành năm 2026)", [(YEAR, D(2026, 12, 31))]),
    ("Từ tháng 3/2026 trở đi (hoàn thành quý III/2026).", [(QUARTER, D(2026, 9, 30))]),
])
def test_a_start_with_its_end_in_brackets_is_due_at_the_end(text: str, parts: list) -> None:
    deadline = parse_deadline(text, 2026)
    assert [(p.kind, p.due) for p in deadline.parts] == parts
    assert deadline.due == parts[-1][1] and deadline.recurrence is None
    # only begun at the 6-month report: within time, as "Từ tháng 3/2026, hoàn thành quý
    # III/2026" is (it needed judgment: no date)
    assert judge(text, IN_PROGRESS, None, HALF_YEAR) == WITHIN


def test_a_start_with_a_remark_that_is_no_end_is_still_carried_on() -> None:
    (part,) = parse_deadline("Từ tháng 3/2026 (báo cáo quý III/2026)", 2026).parts
    assert (part.due, part.recurrence) == (None, "continuous")


@pytest.mark.parametrize("text", ["Từ tháng 3/2026, tháng 6/2026, tháng 9/2026",
                                  "Từ tháng 3, tháng 6, tháng 9/2026",
                                  "Từ 3/2026, 6/2026, 9/2026"])
def test_months_listed_after_from_are_each_a_part(text: str) -> None:
    """The months the work (its report) is done in, March too (it was dropped as a start:
    the work was not due until June)."""
    deadline = parse_deadline(text, 2026)
    assert [(p.kind, p.due) for p in deadline.parts] == [
        (MONTH, D(2026, 3, 31)), (MONTH, D(2026, 6, 30)), (MONTH, D(2026, 9, 30))]
    # March's has passed at the 6-month cut-off: unfinished work is late then
    assert deadline.due_at(HALF_YEAR) == D(2026, 3, 31)
    assert judge(text, IN_PROGRESS, None, HALF_YEAR) == LATE
    assert judge(text, DONE, D(2026, 9, 20), YEAR_END) == ON_TIME


@pytest.mark.parametrize("text", ["Từ tháng 3/2026, hoàn thành tháng 9/2026",
                                  "Từ tháng 3/2026 - tháng 9/2026"])
def test_a_start_and_its_end_stay_one_part(text: str) -> None:
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due) == (MONTH, D(2026, 9, 30))


@pytest.mark.parametrize("text, dues", [
    ("Quý I/2026: khảo sát, từ quý II/2026, hoàn thành quý IV/2026",
     [D(2026, 3, 31), D(2026, 12, 31)]),
    ("Quý I/2026: khảo sát, từ quý II/2026, hoàn thành năm 2026",
     [D(2026, 3, 31), D(2026, 12, 31)]),
    ("Tháng 1: xây dựng kế hoạch, tháng 6/2026 sơ kết", [D(2026, 1, 31), D(2026, 6, 30)]),
    ("Q1/2026: khảo sát, quý III/2026: báo cáo", [D(2026, 3, 31), D(2026, 9, 30)]),
])
def test_a_period_written_as_a_label_keeps_its_date(text: str, dues: list) -> None:
    """A QA pass: "Quý I/2026" was taken for a label, the survey's quarter lost."""
    deadline = parse_deadline(text, 2026)
    assert [p.due for p in deadline.parts] == dues
    assert {p.label for p in deadline.parts} == {""}
    # the first quarter has passed at the 6-month cut-off: the survey not done is late
    assert deadline.due_at(HALF_YEAR) == dues[0]
    assert judge(text, IN_PROGRESS, None, HALF_YEAR) == LATE


def test_a_label_of_words_is_still_a_label() -> None:
    (part,) = parse_deadline("Báo cáo quý I: trước 15/4/2026", 2026).parts
    assert (part.label, part.due) == ("Báo cáo quý I", D(2026, 4, 15))
