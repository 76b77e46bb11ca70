"""How one lead's row counts, rule by rule as docs/counting.md states them ("How a
lead's row counts" and its timeliness table), and how products and tasks combine
their parts' results ("From units to products to tasks"). The seed and figures
plans test these end to end; here each rule has its own case, so that taking one
out fails a test that names it."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_xl import timeliness as T
from cchc_xl.assessment import Assessment, judge, row_label
from cchc_xl.report.combine import combine_status, combine_timeliness
from cchc_xl.vocab import (
    DONE,
    FAIL,
    IN_PROGRESS,
    JUDGE,
    LATE,
    NOT_REPORTED,
    NOT_STARTED,
    ON_SCHEDULE,
    ON_TIME,
    PASS,
    UNVERIFIED,
    WITHIN,
)

CUTOFF = date(2026, 9, 14)  # the 9-month report's
PAST = date(2026, 6, 30)  # due before the cut-off
FUTURE = date(2026, 12, 31)  # due after it
EVIDENCE = "Báo cáo số 12/BC-UBND ngày 05/6/2026"


def _judged(status, completed_on=None, evidence="", *, due, errors=False, verdict=None,
            final=None):
    return judge(status, completed_on, evidence, due=due, errors=errors,
                 assessment=Assessment(verdict) if verdict else None, as_of=CUTOFF,
                 final=final)


@pytest.mark.parametrize("row, expected", [
    # Rule 1, Đạt: done, on time unless completed after the (last) deadline.
    (dict(status=IN_PROGRESS, completed_on=PAST, due=PAST, verdict=PASS), (DONE, ON_TIME)),
    (dict(status=DONE, completed_on=date(2026, 7, 1), due=PAST, verdict=PASS), (DONE, LATE)),
    (dict(status=DONE, completed_on=date(2026, 11, 1), due=PAST, final=FUTURE,
          verdict=PASS), (DONE, ON_TIME)),  # several dates: the last one
    (dict(status=None, due=PAST, verdict=PASS), (DONE, ON_TIME)),
    # Rule 1, Chưa đạt: not done (in progress if reported done or in progress, else not
    # started), late without a single due date, else by the table.
    (dict(status=IN_PROGRESS, due=PAST, verdict=FAIL), (IN_PROGRESS, LATE)),
    (dict(status=DONE, completed_on=PAST, due=FUTURE, verdict=FAIL), (IN_PROGRESS, WITHIN)),
    (dict(status=NOT_STARTED, due=FUTURE, verdict=FAIL), (NOT_STARTED, WITHIN)),
    (dict(status=None, due=PAST, verdict=FAIL), (NOT_STARTED, LATE)),
    (dict(status=DONE, evidence=EVIDENCE, due=None, verdict=FAIL), (IN_PROGRESS, LATE)),
    # Rule 2, nothing reported: not started, by the due date; no timeliness without one.
    (dict(status=None, due=PAST), (NOT_STARTED, LATE)),
    (dict(status=None, due=FUTURE), (NOT_STARTED, WITHIN)),
    (dict(status=None, due=None), (NOT_STARTED, None)),
    # Rule 3, an error the office has not judged: never done.
    (dict(status=DONE, completed_on=PAST, due=FUTURE, errors=True), (IN_PROGRESS, WITHIN)),
    (dict(status=DONE, completed_on=PAST, due=PAST, errors=True), (IN_PROGRESS, LATE)),
    (dict(status=DONE, evidence=EVIDENCE, due=None, errors=True), (IN_PROGRESS, JUDGE)),
    (dict(status=IN_PROGRESS, evidence=EVIDENCE, due=None, errors=True), (IN_PROGRESS, JUDGE)),
    (dict(status=IN_PROGRESS, due=FUTURE, errors=True), (IN_PROGRESS, WITHIN)),
    # Rule 4, no single due date: carried out with evidence is done on time; without
    # evidence ("không có" is none) as reported, to judge; not started has none.
    (dict(status=NOT_STARTED, due=None), (NOT_STARTED, None)),
    (dict(status=IN_PROGRESS, evidence=EVIDENCE, due=None), (DONE, ON_TIME)),
    (dict(status=IN_PROGRESS, evidence="không có", due=None), (IN_PROGRESS, JUDGE)),
    (dict(status=DONE, due=None), (DONE, JUDGE)),
    # Rule 5, the table.
    (dict(status=DONE, completed_on=PAST, due=PAST), (DONE, ON_TIME)),
    (dict(status=DONE, completed_on=date(2026, 7, 1), due=PAST), (DONE, LATE)),
    (dict(status=DONE, due=FUTURE), (DONE, ON_TIME)),  # no date, cut-off before the due
    (dict(status=DONE, due=PAST), (DONE, JUDGE)),  # no date, cut-off past the due date
    (dict(status=IN_PROGRESS, due=FUTURE), (IN_PROGRESS, WITHIN)),
    (dict(status=IN_PROGRESS, due=PAST), (IN_PROGRESS, LATE)),
    # The cut-off day itself: done on it is done at the cut-off; due on it, unfinished is
    # still within time, and done without a date on time.
    (dict(status=DONE, completed_on=CUTOFF, due=FUTURE), (DONE, ON_TIME)),
    (dict(status=IN_PROGRESS, due=CUTOFF), (IN_PROGRESS, WITHIN)),
    (dict(status=DONE, due=CUTOFF), (DONE, ON_TIME)),
])
def test_a_lead_row_counts_as_the_rules_say(row, expected) -> None:
    assert _judged(**row) == expected


def test_done_after_the_cut_off_was_not_done_at_it() -> None:
    """What a row says is taken as of the cut-off before it is judged: done on the
    cut-off day is done; done the day after was in progress then."""
    assert T.status_as_of(DONE, CUTOFF, CUTOFF) == DONE
    assert T.status_as_of(DONE, date(2026, 9, 15), CUTOFF) == IN_PROGRESS
    assert T.status_as_of(IN_PROGRESS, date(2026, 9, 15), CUTOFF) == IN_PROGRESS


@pytest.mark.parametrize("args, expected", [
    (dict(reported=True, timeliness=LATE, dated=True, unverified=True, verdict=None),
     UNVERIFIED),
    # Judged by the office: no longer to verify, nor unreported.
    (dict(reported=True, timeliness=LATE, dated=True, unverified=True, verdict=FAIL),
     T.label(LATE)),
    (dict(reported=False, timeliness=LATE, dated=True, unverified=False, verdict=None),
     NOT_REPORTED),
    (dict(reported=False, timeliness=LATE, dated=True, unverified=False, verdict=FAIL),
     T.label(LATE)),
    # Work without a single due date carried out: "Thực hiện đúng tiến độ".
    (dict(reported=True, timeliness=ON_TIME, dated=False, unverified=False, verdict=None),
     ON_SCHEDULE),
    (dict(reported=True, timeliness=ON_TIME, dated=True, unverified=False, verdict=None),
     T.label(ON_TIME)),
])
def test_a_rows_word_says_how_it_counts(args, expected) -> None:
    assert row_label(**args) == expected


def test_a_product_is_done_when_every_lead_is_and_not_started_when_none_began() -> None:
    assert combine_status([DONE, DONE]) == DONE
    assert combine_status([NOT_STARTED, NOT_STARTED]) == NOT_STARTED
    assert combine_status([DONE, NOT_STARTED]) == IN_PROGRESS
    assert combine_status([]) == NOT_STARTED  # no part: nothing begun, never done


@pytest.mark.parametrize("status, parts, expected", [
    # Done: late if any part was late, else to judge if any is, else on time.
    (DONE, [(True, JUDGE), (True, LATE)], LATE),
    (DONE, [(True, LATE), (True, JUDGE)], LATE),
    (DONE, [(True, ON_TIME), (True, JUDGE)], JUDGE),
    (DONE, [(True, ON_TIME), (True, ON_TIME)], ON_TIME),
    # Unfinished: the unfinished parts only, late first, else within time; none when no
    # unfinished part has a timeliness (recurring work nobody reported on).
    (IN_PROGRESS, [(True, LATE), (False, WITHIN)], WITHIN),
    (IN_PROGRESS, [(False, JUDGE), (False, LATE)], LATE),
    (IN_PROGRESS, [(False, WITHIN), (False, JUDGE)], JUDGE),
    (NOT_STARTED, [(False, None), (False, None)], None),
])
def test_a_wholes_timeliness_combines_its_parts(status, parts, expected) -> None:
    assert combine_timeliness(status, parts) == expected
