"""What a deadline's text says beside its due dates, read by :mod:`cchc_xl.deadlines`:
a document's day (no deadline), a remark in brackets or a report named after a sign (no
part of its own), a day that says when a period's work is due, a start its end follows
(no part of its own; its end in brackets too) or nothing dated does (carried on, no due
date), a month or quarter written as a label (no label), and alternatives joined by
"hoặc" (one part, the later). The grammar: docs/deadlines.md."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import words as W

if TYPE_CHECKING:  # for its type only
    from . import _Item


def alternatives(text: str, items: list[_Item]) -> list[_Item]:
    """``items`` less each one an alternative written beside it with "hoặc" outlasts:
    "Quý II/2026 (hoặc Quý III/2026)" is one deliverable, due when the later has passed
    (not late at the first, nor two parts), as "Giữa tháng 10 hoặc cuối tháng 10"."""
    chains: list[list[_Item]] = []
    for item in items:
        if chains and W.OR_BETWEEN.fullmatch(text, chains[-1][-1].end, item.start):
            chains[-1].append(item)
        else:
            chains.append([item])
    return [max(chain, key=lambda item: item.due) for chain in chains]


def ends_start(text: str, start: _Item, end: _Item | None) -> bool | int:
    """True when ``start`` is when the work begins, ``end``, written after it, when it is
    due (``W.START_THEN_END``): "Từ tháng 3/2026, hoàn thành quý III/2026", "Từ đầu quý
    II/2026, hoàn thành quý III/2026", "Từ 01/3/2026, hoàn thành trước 30/9/2026" are one
    part, due at the end, as "Từ tháng 3 đến tháng 9/2026" is (a QA pass: the start was a
    part of its own, due 31/3, the work late at the 6-month cut-off while it went on). With
    no date after it, the year its end names, if any ("Từ tháng 3/2026, hoàn thành năm
    2026": 2026; it was due 31/3). Else False: an end before the start, and a date with
    no "từ" before it ("Quý II và Quý IV/2026", "Tháng 6/2026, tháng 12/2026": a list)."""
    if not W.START_BEFORE.search(text, 0, start.start):
        return False
    if end is None:
        year = W.START_THEN_YEAR.match(text, start.end)
        return int(year["year"]) if year and int(year["year"]) >= start.due.year else False
    if W.LIST_COMMA.fullmatch(text, start.end, end.start):
        return False  # "Từ tháng 3/2026, tháng 6/2026, tháng 9/2026": a list (W.LIST_COMMA)
    return end.due >= start.due and bool(W.START_THEN_END.fullmatch(text, start.end, end.start))


def carried_on(text: str, start: _Item) -> bool:
    """Whether ``start``, the last date of ``text``, is a start nothing dated follows,
    written as a start alone would be (``W.FROM_ONLY``): work carried on from then, no due
    date of its own, in the middle of a text as alone ("Quý I/2026: khảo sát, từ quý
    II/2026, triển khai": the first quarter, and from the second work carried on; a QA
    pass: it was due 30/6). Not a range ("Từ 01/3/2026 - 30/6/2026"), a start beside a
    recurrence ("Từ 01/3/2026 và hằng quý": its day kept, judged per period as it is), nor
    the day a time is counted from ("Trong 30 ngày kể từ 01/3/2026": due when it ends,
    deadlines.counts)."""
    before = W.START_BEFORE.search(text, 0, start.start)
    if before is None or W.recurrence(text) or W.COUNTED_FROM.search(text, 0, before.start()):
        return False
    return bool(W.FROM_ONLY.match(text[before.start():start.end]))


def says_when(text: str, day: _Item, period: _Item) -> bool:
    """Whether ``day`` says when the work of ``period`` is due, the period then no part of
    its own. Written after the period: a day within it ("Quý IV, trước 15/12", "Tháng 12,
    trước ngày 15/12") or, with a word of a deadline, after it ("Quý III/2026, trước ngày
    10/10/2026": the quarter's report, due in October). Written before it: in brackets
    ("Trước 30/6 (6 tháng đầu năm)"), or in its last month ("Trước 15/12, Quý IV"; not
    "Trước 30/6, cả năm": two parts), or, after a word of a deadline, the report of a
    period ended before it ("Trước 15/11/2026, báo cáo Quý III"). Never a day listed with
    "và" ("Trước 30/6 và cả năm"), nor a range ("từ 01/10 đến hết năm")."""
    after = period.end <= day.start
    gap = text[period.end:day.start] if after else text[day.end:period.start]
    if W.RANGE_BETWEEN.fullmatch(gap) or W.AND.search(gap):
        return False
    if W.BRACKET_BETWEEN.fullmatch(gap):
        return True
    if after:
        return period.first <= day.due <= period.last or bool(W.DEADLINE_WORD.search(gap))
    # "Trước 15/11/2026, báo cáo Quý III": the report of a period ended before the day.
    if period.last < day.due and W.REPORT_BETWEEN.fullmatch(gap) and \
            W.DEADLINE_DAY_BEFORE.search(text, 0, day.start):
        return True
    return (day.due.year, day.due.month) == (period.last.year, period.last.month)


def a_report_of(text: str, period: _Item, periods: list[_Item]) -> bool:
    """Whether ``period`` is named, after a sign and "báo cáo", as the report the period
    written just before it is for ("Tháng 12/2026, báo cáo Quý IV", "Quý IV/2026 - báo
    cáo Quý III": the deadline's remark, as in brackets; a QA pass: two due dates). Only a
    period that has ended by the deadline's end: "Tháng 6/2026, báo cáo tháng 12/2026" is
    two parts, and so is a list without "báo cáo" ("Tháng 6/2026, tháng 12/2026")."""
    return any(other.end <= period.start and period.last <= other.last
               and W.REPORT_BETWEEN.fullmatch(text, other.end, period.start)
               for other in periods if other is not period)


def without_documents_days(low: str) -> str:
    """``low`` with each document's day blanked: "Quyết định số 12/QĐ-UBND ngày 15 tháng
    11 năm 2025" (or "… 12/QĐ-UBND 15 tháng 11 năm 2025", "… ban hành ngày 15/11/2025")
    was signed then, no deadline, nor its month or year (a QA pass)."""
    signed = [m.span() for regex in (W.DATE_RE, W.DOC_DAY_IN_WORDS) for m in regex.finditer(low)
              if W.DOC_DAY_BEFORE.search(low, 0, m.start())]
    for start, end in signed:
        low = low[:start] + " " * (end - start) + low[end:]
    return low


def end_out_of_brackets(low: str) -> str:
    """``low`` with the end of a start alone written in brackets written after a comma
    instead (``W.END_IN_BRACKETS``): "từ tháng 3/2026 (hoàn thành quý iii/2026)" as "từ
    tháng 3/2026, hoàn thành quý iii/2026", one part due at the end. Else ``low``."""
    if not W.FROM_ONLY.match(W.END_IN_BRACKETS.sub("", low)):
        return low
    return W.END_IN_BRACKETS.sub(lambda m: f", {m['end']}", low)


def a_period(said: str) -> bool:
    """Whether a label (``said``, lower-cased) is a month or quarter and nothing else, a
    part of it maybe written before it ("Quý I/2026", "Tháng 1", "01/2026", "Đầu quý
    II"): the date of the work written after it, no label ("Quý I/2026: khảo sát, từ quý
    II/2026, …": a QA pass, the first quarter was lost, taken for a label)."""
    said = W.PART_OF_PERIOD.sub("", W.QUARTER_SPELLINGS.sub("quý", said.strip()))
    return any(regex.fullmatch(said) for regex in (W.MONTH_RE, W.QUARTER_RE, W.BARE_MONTH_RE))


def without_remarks(low: str) -> str:
    """``low`` with each remark in brackets blanked (``W.REMARK``): one that names no
    day (that says when: "Quý IV/2026 (trước 15/12)") and no recurrence."""
    def blank(m: re.Match[str]) -> str:
        said = m.group()
        return said if W.DATE_RE.search(said) or W.recurrence(said) else " " * len(said)
    return W.REMARK.sub(blank, low)
