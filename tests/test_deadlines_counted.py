"""A time counted from a day ("Trong 30 ngày kể từ 01/3/2026"): due when it ends, the
due date read and what a report at a cut-off says of the work (docs/deadlines.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc_xl.deadlines import DATE, EVENT, RECURRING, parse_deadline
from cchc_xl.vocab import DONE, IN_PROGRESS, JUDGE, LATE, ON_EVENT, ON_TIME, WITHIN
from support.deadlines import judge

D = date


@pytest.mark.parametrize("text, due", [
    ("Trong 30 ngày kể từ 01/3/2026", D(2026, 3, 31)),
    ("Trong vòng 15 ngày kể từ ngày 01/3/2026", D(2026, 3, 16)),
    ("trong thời hạn 30 ngày kể từ ngày 15/02/2026", D(2026, 3, 17)),
    # a last day on a Saturday (21/3) moves to the Monday after it (Bộ luật Dân sự, Điều 148)
    ("Trong 15 ngày kể từ 06/3/2026", D(2026, 3, 23)),
    # a last day on a holiday of a fixed day moves past it and the weekend after: 30/4
    # and 1/5 are holidays, 2/5 and 3/5 a weekend (Bộ luật Dân sự, Điều 148)
    ("Trong 30 ngày kể từ 31/3/2026", D(2026, 5, 4)),
    ("Trong 1 tháng kể từ 02/8/2026", D(2026, 9, 3)),  # 2/9 (a Wednesday): 3/9
    ("Trong 3 tháng kể từ 01/3/2026", D(2026, 6, 1)),
    # working days, Monday to Friday: 3/3 to 16/3, no public holiday can fall in them
    ("Trong 10 ngày làm việc kể từ 02/3/2026", D(2026, 3, 16)),
])
def test_a_time_counted_from_a_day_is_due_when_it_ends(text: str, due: date) -> None:
    """It was due on the day counted from (01/3), the work late from its first day."""
    deadline = parse_deadline(text, 2026)
    assert [(p.kind, p.due, p.recurrence) for p in deadline.parts] == [(DATE, due, None)]
    assert deadline.due == due
    # begun on the day counted from: within time until the last day; done on it, on
    # time; the day after it, late
    assert judge(text, IN_PROGRESS, None, due) == WITHIN
    assert judge(text, IN_PROGRESS, None, due + timedelta(days=1)) == LATE
    assert judge(text, DONE, due, D(2026, 12, 14)) == ON_TIME
    assert judge(text, DONE, due + timedelta(days=1), D(2026, 12, 14)) == LATE


def test_a_time_counted_from_a_day_beside_a_recurrence_keeps_its_end() -> None:
    (part,) = parse_deadline("Trong 30 ngày kể từ 01/3/2026 và báo cáo hằng quý", 2026).parts
    assert (part.kind, part.due, part.recurrence) == (RECURRING, D(2026, 3, 31), "quarterly")


@pytest.mark.parametrize("text", [
    # Tết (17/02/2026) and its days off: the last day is not known
    "Trong 10 ngày làm việc kể từ 20/01/2026",
    # Giỗ Tổ Hùng Vương (26/4/2026), 30/4 and 1/5
    "Trong 5 ngày làm việc kể từ 24/4/2026",
])
def test_working_days_a_holiday_may_fall_in_are_the_offices_tojudge(text: str) -> None:
    """Counted Monday to Friday they would end before the days off given for the holiday
    (the Government sets them each year), the work late while still within its time: no
    date is read, as from no day at all."""
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == (EVENT, None, ON_EVENT)
    assert judge(text, IN_PROGRESS, None, D(2026, 6, 14)) == JUDGE


@pytest.mark.parametrize("text", [
    "Trong 30 ngày kể từ ngày văn bản có hiệu lực",
    "Trong thời hạn 05 ngày làm việc kể từ ngày văn bản QPPL có hiệu lực",
    "Trong 3 tháng kể từ ngày ký",
])
def test_a_time_counted_from_no_day_invents_none(text: str) -> None:
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == (EVENT, None, ON_EVENT)
