"""A time counted from a day ("Trong 30 ngày kể từ 01/3/2026"): due when it ends, the
due date read and what a report at a cut-off says of the work (docs/deadlines.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_xl.deadlines import DATE, EVENT, RECURRING, UNKNOWN, parse_deadline
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


# --- days counted to or from an event's day -------------------------------------------

_COUNTS = st.builds(lambda n, pad: f"{n:02d}" if pad else str(n), st.integers(1, 90),
                    st.booleans())
_LEADS = st.sampled_from(["", "Chậm nhất ", "Trong ", "Trong vòng ", "Tối đa "])
_DAYS = st.sampled_from(["ngày", "ngày làm việc"])
_EVENTS = st.sampled_from([
    "ngày văn bản QPPL có hiệu lực", "ngày văn bản có hiệu lực thi hành",
    "khi tổ chức hội nghị", "ngày tổ chức Đại hội", "ngày nhận được văn bản",
    "ngày kết thúc kỳ họp HĐND", "khi Chủ tịch UBND phê duyệt"])


@given(_LEADS, _COUNTS, _DAYS, st.sampled_from(["trước", "sau"]), _EVENTS)
@settings(max_examples=60, deadline=None)
def test_days_counted_to_an_events_day_are_an_event(lead, n, days, side, event) -> None:
    """"Chậm nhất 05 ngày làm việc trước ngày văn bản QPPL có hiệu lực" was warned "không
    đọc được ngày hạn" while "Trong thời hạn 05 ngày làm việc kể từ ngày văn bản QPPL có
    hiệu lực" was an event (a QA pass): days before or after an event's day are one, no
    date invented, judged each period ('Cần đánh giá' without evidence)."""
    text = f"{lead}{n} {days} {side} {event}"
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == (EVENT, None, ON_EVENT)
    assert judge(text, IN_PROGRESS, None, D(2026, 6, 14)) == JUDGE


@given(_LEADS, _COUNTS, _DAYS, st.sampled_from(["trước", "sau"]),
       st.dates(D(2026, 1, 1), D(2026, 12, 31)), st.booleans())
@settings(max_examples=60, deadline=None)
def test_days_counted_to_a_date_stay_as_they_are(lead, n, days, side, day, year) -> None:
    """A date written after the days ("05 ngày trước ngày 15/11/2026") is read as it was
    before days counted to an event's day were one: that date, not an event (the days
    themselves are not counted)."""
    when = f"{day:%d/%m}/{day.year}" if year else f"{day:%d/%m}"
    (part,) = parse_deadline(f"{lead}{n} {days} {side} ngày {when}", 2026).parts
    assert (part.kind, part.due) == (DATE, day)


@given(st.sampled_from(["Trước ngày ", "Trước ", "Chậm nhất ngày ", "Hoàn thành trước ngày ",
                        "Trước ngày làm việc "]),
       st.dates(D(2026, 1, 1), D(2026, 12, 31)), st.booleans())
@settings(max_examples=60, deadline=None)
def test_a_date_before_which_is_still_a_date(lead, day, padded) -> None:
    """"Trước ngày 15/11/2026" and its kin: a date, due that day."""
    when = f"{day:%d/%m/%Y}" if padded else f"{day.day}/{day.month}/{day.year}"
    (part,) = parse_deadline(lead + when, 2026).parts
    assert (part.kind, part.due) == (DATE, day)


@pytest.mark.parametrize("text", [
    "Trước ngày hội nghị",  # no days counted: as before, unread
    "Trước 07 ngày khi tổ chức Đại hội",  # the count after "trước": as before, unread
    "30 ngày",
])
def test_wordings_beside_days_counted_to_an_event_stay_unread(text: str) -> None:
    (part,) = parse_deadline(text, 2026).parts
    assert part.kind == UNKNOWN


@pytest.mark.parametrize("text, kind", [
    ("Trước ngày 25 của tháng cuối quý", RECURRING),
    ("Trước ngày 20 hằng tháng", RECURRING),
    ("10 ngày sau khi có quyết định", EVENT),
])
def test_wordings_beside_days_counted_to_an_event_keep_their_kind(text, kind) -> None:
    (part,) = parse_deadline(text, 2026).parts
    assert part.kind == kind
