"""Reporting periods: quarter, 6 months, 9 months, year.

Periods are data in the master's "Kỳ báo cáo" sheet. These defaults follow
Bộ Nội vụ's guidance (văn bản 581/BNV-CCHC, docs/master-format.md): data cut-offs from
15/12 of the previous year, reports due by the 20th of the period's last month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dateutil.relativedelta import relativedelta

from .errors import UsageError
from .model import Master, Period

# code, name ({year} filled in), (start month, start day, year offset), (cut-off month, day)
_DEFAULTS = [
    ("Q1", "Quý I năm {year}", (12, 15, -1), (3, 14)),
    ("6T", "6 tháng đầu năm {year}", (12, 15, -1), (6, 14)),
    ("Q3", "Quý III năm {year}", (6, 15, 0), (9, 14)),
    ("9T", "9 tháng năm {year}", (12, 15, -1), (9, 14)),
    ("NAM", "Năm {year}", (12, 15, -1), (12, 14)),
]
DUE_DAY = 20


def default_periods(year: int) -> list[Period]:
    out = []
    for code, name, (sm, sd, offset), (cm, cd) in _DEFAULTS:
        cutoff = date(year, cm, cd)
        out.append(
            Period(
                code=code,
                name=name.format(year=year),
                start=date(year + offset, sm, sd),
                cutoff=cutoff,
                due=cutoff + relativedelta(day=DUE_DAY),
            )
        )
    return out


def default_name(code: str, year: int) -> str | None:
    """The name a period of the default set has in a plan of ``year`` ("Năm 2026" for
    NAM), None for a code not among them: how a message names the period of a file from
    another year's plan, whose table is not at hand."""
    return next((name.format(year=year) for c, name, _, _ in _DEFAULTS
                 if c == code.upper()), None)


def period_due_next(known: list[Period], on: date) -> Period | None:
    """The period whose report is due next (the first whose due date is ``on`` or later),
    else the last one (a plan of a year gone by): in December, the year's report, not the
    first quarter's."""
    return next((p for p in known if p.due and p.due >= on), known[-1] if known else None)


def period_reported_now(known: list[Period], on: date,
                        has_files: Callable[[Period], bool]) -> Period | None:
    """The period being reported now, as the web app opens a new session on it and
    ``remind`` suggests it (the one place of the rule): the one due next
    (:func:`period_due_next`), or of those due the same day (quý III and 9 tháng) the
    last with files; while the report day last gone by is nearer than the next one, the
    period of that day with files (its late files are merged and its report made in the
    days after it: on 22 June, 6 tháng, not quý III, due in September); when the year's
    reports are all due (a plan of a year gone by), the latest period with files. It
    opened on the latest period with files whatever the day: on 20 June, with quý I
    merged and 6 tháng due that day, on quý I (a QA pass)."""
    now = period_due_next(known, on)
    if now is None:
        return None
    if not (now.due and now.due >= on):
        return next((p for p in reversed(known) if has_files(p)), now)
    last = last_gone_by(known, on)
    if last is not None and on - last < now.due - on:
        behind = next((p for p in reversed(known) if p.due == last and has_files(p)), None)
        if behind is not None:
            return behind
    return next((p for p in reversed(known) if p.due == now.due and has_files(p)), now)


def last_gone_by(known: list[Period], on: date) -> date | None:
    """The report day last gone by before ``on`` (None before the first)."""
    return max((p.due for p in known if p.due and p.due < on), default=None)


def period_of(master: Master, code: str) -> Period:
    """The master's period with this code, or a UsageError naming the codes it has."""
    period = master.period(code)
    if period is not None:
        return period
    codes = ", ".join(p.code for p in master.periods)
    if not codes:
        raise UsageError("bảng kế hoạch chưa có kỳ báo cáo nào", file=master.path or None,
                         hint="điền trang 'Kỳ báo cáo' rồi chạy lại")
    raise UsageError(f"không có kỳ báo cáo '{code}'; các kỳ có trong bảng kế hoạch: {codes}",
                     file=master.path or None)


def not_in_plan(code: str, master: Master | None = None) -> str:
    """A period a file names that the plan does not have (its code renamed or its row
    taken off the "Kỳ báo cáo" sheet since the file was issued), as a sentence says it
    where it would say "kỳ 9 tháng năm 2026": the code as written in the file, marked
    as such (it is no period's name). With ``master``, as the office reads it: not in
    the plan table, whose periods are named; without, as a unit does."""
    if master is None:
        return f"một kỳ không có trong kế hoạch (mã kỳ ghi trong tệp: '{code}')"
    listed = "; các kỳ của kế hoạch: " + ", ".join(p.name for p in master.periods) \
        if master.periods else ""
    return f"một kỳ không có trong bảng kế hoạch (mã kỳ ghi trong tệp: '{code}'{listed})"


def example_day(start: date, cutoff: date) -> date:
    """A completion date shown as an example in a period's messages and guide: the 5th
    of the cut-off's month (a day that could be a month, which people must check), or of
    the month before when the cut-off comes earlier; never outside ``start``..``cutoff``
    (an example after the cut-off, copied, is refused as after it)."""
    day = date(cutoff.year, cutoff.month, 5)
    if day > cutoff:
        day -= relativedelta(months=1)
    return day if day >= start else cutoff


def quarter_start(day: date) -> date:
    """The first day of the calendar quarter ``day`` falls in (14/09 -> 01/07)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: date) -> date:
    """The last day of the calendar quarter ``day`` falls in (14/09 -> 30/09)."""
    return quarter_start(day) + relativedelta(months=2, day=31)


def is_cumulative(period: Period, year: int) -> bool:
    """A period that runs from the start of the plan year's reporting (6T, 9T, NAM)."""
    return period.start <= date(year, 1, 1)


def reference_order(cutoff: date, start: date) -> tuple[date, int]:
    """Sort key of a plan's periods by which one's answer stands, the last standing:
    by cut-off, and of periods sharing one (quý III and 9 tháng, both to 14/09) the one
    that runs from further back last: the cumulative report is the office's reference
    at that cut-off (docs/counting.md, "Periods sharing a cut-off"). What carries into
    a later period and what ``split --ledger`` fills in took whichever of the two was
    merged last (a QA pass: quý III's "Đang thực hiện, 60%" merged after 9 tháng's "Đã
    hoàn thành" was carried into the year's report and filled in)."""
    return cutoff, -start.toordinal()


def due_gone_by(period: Period, today: date, files: str = "các tệp vừa tạo") -> str:
    """That the day the units were to send ``period``'s files back is gone by ``today``,
    ``files`` saying it all the same, and how to give them another day ("" before it)."""
    # Here, not above: the plan's reader (master.read) imports this module.
    from .master.layout import PERIOD_COLUMNS, PERIODS_SHEET
    from .xlio import vn_date

    if period.due is None or today <= period.due:
        return ""
    return (f"hạn đơn vị gửi báo cáo kỳ {period.in_sentence} là ngày {vn_date(period.due)}, "
            f"đã qua: {files} ghi hạn đó. Muốn cho đơn vị hạn mới, sửa cột "
            f"'{PERIOD_COLUMNS['due'][0]}' của kỳ {period.code} ở trang '{PERIODS_SHEET}' "
            "trong bảng kế hoạch rồi tạo lại tệp")
