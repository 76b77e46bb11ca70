"""By when a unit sends its file again: the one rule that the feedback workbooks ("Hạn
gửi lại" on their "Phản hồi" sheet, :mod:`cchc_xl.feedback`) and the reminder letter's
deadline (:func:`cchc_xl.letters.remind.deadline_note`, the example deadline of the
command line and of the Phản hồi page) follow, whichever way they are made (``cchc-xl
merge --feedback``, ``cchc-xl remind``, the web app). In words: docs/huong-dan.md,
"Hạn gửi lại".

The day that decides is the day the feedback (or the letter) is written, not the day the
file was received: a file received before the period's due date but checked after it
was told a day already past (a QA pass), and a file received late is always checked
after the due date."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from .deadlines.counts import working_days_after
from .model import Period
from .xlio import vn_date

# The working days (Monday to Friday) a unit has to send its file again once the period's
# due date is past, counted from the day after it receives its feedback.
WORKING_DAYS = 3
RESEND_WITHIN = f"trong {WORKING_DAYS:02d} ngày làm việc kể từ ngày nhận được phản hồi này"

# The deadline as a unit's workbook gives it (split: the guide's "Hạn gửi lại", each task
# sheet's line under its title, "chậm nhất ngày <due>"), or as an earlier feedback
# workbook said it again (:func:`said_again`): a unit may send its feedback file back.
_SAID = re.compile(r"chậm nhất ngày \d{1,2}/\d{1,2}/\d{4}|" + re.escape(RESEND_WITHIN),
                   re.IGNORECASE)

# An example deadline for a letter: a week from the day it is written.
_EXAMPLE_DAYS = 7


def resend_day(period: Period, today: date) -> date | None:
    """The day a unit is to send its file again by, as feedback written ``today`` gives
    it: the period's due date (the day its assigned workbook gives, "chậm nhất ngày ..."),
    when written before it; None once it is the due date or later (on the due day "by
    today" is no time at all): :data:`WORKING_DAYS` working days from the day the unit
    receives the feedback, which the program cannot know."""
    return period.due if today < period.due else None


def resend_by(period: Period, today: date) -> str:
    """The feedback workbook's "Hạn gửi lại" (:func:`resend_day`), as the letter says it."""
    day = resend_day(period, today)
    return f"chậm nhất ngày {vn_date(day)}" if day else RESEND_WITHIN


def said_again(text: str, resend: str) -> str:
    """``text`` with the deadline it gives ("chậm nhất ngày 20/09/2023", as split wrote
    it, or an earlier feedback's words) said as ``resend`` (:func:`resend_by`), a capital
    kept where the text had one; ``text`` as it is when it gives none. A feedback
    workbook written after the due date showed that day, already past, on the unit's
    sheets, and "trong 03 ngày làm việc" on its letter: the unit did not know which."""
    nfc = unicodedata.normalize("NFC", text)  # a Mac's file may keep it decomposed

    def said(found: re.Match[str]) -> str:
        return resend[:1].upper() + resend[1:] if found[0][:1].isupper() else resend

    again = _SAID.sub(said, nfc)
    return text if again == nfc else again


def earliest_resend(period: Period, today: date) -> date:
    """The earliest deadline a letter written ``today`` may give units to send their files
    again without giving them less than their feedback does: the period's due date before
    it (:func:`resend_day`); after it, :data:`WORKING_DAYS` working days from ``today``
    (feedback received the day it is written), Monday to Friday. Public holidays are not
    counted out (their days off are set each year: deadlines.counts), so a holiday only
    gives the unit more: a deadline before this day is short whatever the year."""
    return resend_day(period, today) or working_days_after(today, WORKING_DAYS)


def example_deadline(period: Period | None, today: date, resend: bool = False) -> date:
    """A deadline to give as an example (the command line's "ví dụ --deadline ...", the
    Phản hồi page's "ví dụ ..."): a week from ``today``; for a letter asking units to send
    (``resend``), never before :func:`earliest_resend` (the day
    :func:`cchc_xl.letters.remind.deadline_note` would say is too early)."""
    week = today + timedelta(days=_EXAMPLE_DAYS)
    return max(week, earliest_resend(period, today)) if resend and period is not None \
        else week
