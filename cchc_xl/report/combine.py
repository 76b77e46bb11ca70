"""How the answers of a product's lead units combine into its result, and a task's
products into the task's (docs/counting.md): its status, its timeliness and its mean of
progress. :mod:`.summary` applies them to every product and task of a period."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ..answer import Answer
from ..text import rounded_rate
from ..vocab import DONE, IN_PROGRESS, JUDGE, LATE, NOT_STARTED, ON_TIME, WITHIN


def mean(values: Iterable[float | None]) -> float | None:
    """The mean to two places, rounded half up as a rate is (docs/counting.md)."""
    known = [v for v in values if v is not None]
    return rounded_rate(math.fsum(known) / len(known)) if known else None


def needs_verification(r: Answer) -> bool:
    """A row with an error the office has not judged: "cần xác minh"."""
    return r.unverified and r.verdict is None


def progress(r: Answer) -> tuple[float | None, bool]:
    """What a lead's row gives a mean of progress (a product's percentage, a task's
    "Tiến độ"), and whether the mean is to be marked for it: its percentage as counted
    (:attr:`Answer.counted_percent`), except a row "cần xác minh", which gives the
    percentage the unit reported, 100 included (what it reported is all there is to tell
    its progress by; it still never counts done): a mean that takes one is marked
    (docs/counting.md). Not one the cut-off took back (done after it): its 100% is not
    the progress at the cut-off. One that reported no percentage ("Hoàn thành 80%" in the
    status cell) gives what its counted status stands for, unmarked: the mark says a rate
    the unit reported enters the mean (a year's QA pass: "0,00%*")."""
    if needs_verification(r):  # worked out once a row: 280,000 rows at national size
        if r.percent is not None and r.sent_status is None:
            if _contradicts(r.status, r.percent):
                # "Đang thực hiện, 100%", "Đang thực hiện, 0%", "Chưa thực hiện, 50%" (row
                # errors): no progress to tell (QA passes: the task showed "100%*", "0%*").
                return None, False
            return r.percent, True
        value = r.counted_percent
        return value, value is not None and r.percent is not None
    return r.counted_percent, False


def _contradicts(status: str | None, percent: float) -> bool:
    """Whether a percentage says the contrary of the status written beside it."""
    return ((status != DONE and percent >= 100) or (status == IN_PROGRESS and percent <= 0)
            or (status == NOT_STARTED and percent > 0))


def mean_progress(rows: Iterable[Answer], status: str) -> tuple[float | None, bool]:
    """The mean of the rows' progress, and whether it takes a row "cần xác minh"'s; for
    a whole (a product, a task) of ``status``. A whole not done whose mean is 100% has
    none: only its done leads had a percentage (the others reported none, or a "done"
    not accepted), and "Đang thực hiện, 100%" would contradict itself, as for a row
    (docs/counting.md); nor has a whole in progress whose mean is 0%. A mean marked for
    a row "cần xác minh" stays: it says so."""
    values = [progress(r) for r in rows]
    percent, marked = mean(v for v, _ in values), any(marked for _, marked in values)
    if not marked and percent is not None and (
            (status != DONE and percent >= 100) or (status == IN_PROGRESS and percent <= 0)):
        # "Đang thực hiện, 0%" too: under way, with only leads not started at a share
        # (a QA pass: recurring work two communes had under way read 0%).
        return None, False
    return percent, marked


def combine_status(statuses: Sequence[str]) -> str:
    """All done: done; none begun: not started; anything else: in progress."""
    if statuses and all(s == DONE for s in statuses):
        return DONE
    if all(s == NOT_STARTED for s in statuses):
        return NOT_STARTED
    return IN_PROGRESS


def combine_timeliness(status: str, parts: Sequence[tuple[bool, str | None]]) -> str | None:
    """A whole's timeliness from its parts' (done, timeliness).

    Done: late if any part was late, else needs judgment if any part does, else on
    time. Unfinished: judged on the unfinished parts only, late first; None when no
    unfinished part has a timeliness (a recurring task nobody reported on).
    """
    if status == DONE:
        codes = [t for _, t in parts]
    else:
        codes = [t for done, t in parts if not done]
    for code in (LATE, JUDGE):
        if code in codes:
            return code
    if status == DONE:
        return ON_TIME
    return WITHIN if any(codes) else None


def reported_in_progress(r: Answer) -> bool:
    """The lead wrote "Đang thực hiện" and the row counts done (rule 4: recurring work
    with evidence), not by the office's verdict."""
    return r.status == IN_PROGRESS and r.counted_status == DONE and not r.verdict
