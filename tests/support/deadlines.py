"""What a report at a cut-off says of a product by its deadline text alone, for the
tests of deadline readings (tests/test_deadlines_*.py): a 2026 plan's cut-offs, and the
timeliness of a lead's answer read against the deadline."""

from __future__ import annotations

from datetime import date

from cchc_xl.deadlines import parse_deadline
from cchc_xl.timeliness import timeliness

HALF_YEAR, NINE_MONTHS = date(2026, 6, 14), date(2026, 9, 14)  # the reports' cut-offs
YEAR_END = date(2026, 12, 14)


def judge(text: str, status: str, done_on: date | None, cutoff: date) -> str | None:
    """The timeliness of an answer (``status``, done on ``done_on``) at ``cutoff``, for a
    product of a 2026 plan whose deadline is ``text``."""
    d = parse_deadline(text, 2026)
    return timeliness(d.due_at(cutoff), status, done_on, cutoff, final=d.due)
