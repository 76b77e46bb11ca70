"""Why a lead's "Đã hoàn thành" does not count done this period, said where the row's
result is (Biểu 3's "Lý do", Phụ lục III of the Word report, the plan appendix's "Kết quả
thực hiện", the overdue letter): its date is an earlier part's of a product with several
dates, or after the period's cut-off (docs/counting.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..answer import Answer
from ..vocab import DONE, IN_PROGRESS
from ..xlio import vn_date
from .names import few_units


def part_done(r: Answer) -> str:
    """What a lead row whose "done" is of an earlier part says of it: "Đã hoàn thành phần
    việc đến hạn trước (ngày 20/06/2026)", dated when that part was done: before this
    period (Answer.earlier_part_done), or this period's "done" (a date typed beside
    "Đang thực hiện" is no part done: date-without-done)."""
    return (f"{DONE} phần việc đến hạn trước (ngày "
            f"{vn_date(r.earlier_part_done or r.completed_on)})")


def part_done_lines(rows: Iterable[Answer], names: dict[str, str],
                    several: bool) -> list[str]:
    """Why a lead's "Đã hoàn thành" counts in progress: its date is an earlier part's of a
    product with several dates (docs/counting.md, ``done-part``): said in Biểu 3's "Lý
    do" and the plan appendix's result ("Đang thực hiện (trong hạn)" beside the unit's
    June report as evidence said nothing of why: an audit of a commune's year). The
    unit named when the task has ``several`` leads; leads with the same part still to
    come said together, a few named (a district's communes, each on a line, made a row
    taller than a page)."""
    by_due: dict[date, list[Answer]] = {}
    for r in rows:
        if r.part_pending is not None:
            by_due.setdefault(r.part_pending, []).append(r)
    lines = []
    for due, done in sorted(by_due.items()):
        if len(done) == 1:
            (r,) = done
            words = f"{part_done(r)}; phần đến hạn {vn_date(due)} còn phải thực hiện."
            lines.append(f"{names.get(r.unit, r.unit)}: {words}" if several else words)
        else:
            who = few_units([names.get(r.unit, r.unit) for r in done], 3)
            lines.append(f"{len(done)} đơn vị đã hoàn thành phần việc đến hạn trước; phần "
                         f"đến hạn {vn_date(due)} còn phải thực hiện ({who}).")
    return lines + _done_after_cutoff_lines(rows, names, several)


def done_after_cutoff(r: Answer) -> bool:
    """A lead's "Đã hoàn thành" the cut-off took back: dated after it, it counts in
    progress this period (timeliness.status_as_of; not an earlier part's, nor one the
    office judged Đạt)."""
    return (r.sent_status == DONE and r.part_pending is None and r.completed_on is not None
            and r.counted_status != DONE)


def _done_after_cutoff_lines(rows: Iterable[Answer], names: dict[str, str],
                             several: bool) -> list[str]:
    """Why a "done" dated after the cut-off counts in progress, said where the row's
    result is (a year's QA pass: "Đang thực hiện (trong hạn)" beside the unit's "done"
    and its evidence, the reason cell empty; only Biểu 4 said why)."""
    late = [r for r in rows if done_after_cutoff(r)]
    if len(late) == 1:
        (r,) = late
        words = (f"Báo cáo {DONE.lower()} ngày {vn_date(r.completed_on)}, sau ngày chốt số "
                 f"liệu của kỳ: tính là {IN_PROGRESS.lower()} trong kỳ này.")
        return [f"{names.get(r.unit, r.unit)}: {words}" if several else words]
    if late:
        who = few_units([names.get(r.unit, r.unit) for r in late], 3)
        return [f"{len(late)} đơn vị báo cáo {DONE.lower()} sau ngày chốt số liệu của kỳ: "
                f"tính là {IN_PROGRESS.lower()} trong kỳ này ({who})."]
    return []
