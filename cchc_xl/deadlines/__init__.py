"""Reading the free-text deadlines of a CCHC plan.

A deadline cell may hold several labelled parts ("- Kế hoạch: tháng 1/2023;
- Báo cáo: tháng 11/2023"). Each part becomes a :class:`DeadlinePart` with its
kind and, where there is one, its due date: a period deadline (month, quarter,
half-year, year) falls due on the period's last day. Recurring and event-based
parts have no date; they are kept with a recurrence code so that later steps
judge them per reporting period or mark them for manual judgment. Text that
matches nothing is kind ``unknown``: reported by ``check``, never guessed.

"Trước <ngày>" is read by the plan's ``before`` setting: ``"by"`` (the default,
as offices usually mean it: due on that day) or ``"strict"`` (due the day before).
The grammar, with examples: docs/deadlines.md.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from ..text import clean, one_line
from ..vocab import (
    ANNUAL,
    CONTINUOUS,
    ON_EVENT,
    PERIODIC,
)
from . import counts as C
from . import holidays as H
from . import lists as L
from . import remarks as R
from . import words as W

DATE = "date"
MONTH = "month"
QUARTER = "quarter"
HALF = "half"
YEAR = "year"
RECURRING = "recurring"
EVENT = "event"
PHASE = "phase"
UNKNOWN = "unknown"
# Kinds with neither a date nor a recurrence: kept as written, judged by hand.
UNDATED = (EVENT, PHASE, UNKNOWN)

BEFORE_BY = "by"
BEFORE_STRICT = "strict"


@dataclass(frozen=True)
class DeadlinePart:
    text: str
    kind: str
    label: str = ""
    due: date | None = None
    recurrence: str | None = None
    piece: int = 0  # which piece of the cell (cut at ";" and lines) it was read from

    @property
    def day_each_period(self) -> bool:
        """A recurring part that names a day of each period ("Trước ngày 25 của tháng
        cuối quý"): read as its recurrence, the day itself is not dated."""
        return self.kind == RECURRING and self.due is None and bool(
            W.DAY_OF_PERIOD.search(self.text.lower()))


@dataclass(frozen=True)
class Deadline:
    raw: str
    parts: tuple[DeadlinePart, ...] = field(default_factory=tuple)

    @property
    def due(self) -> date | None:
        """When the whole deliverable falls due: the latest due date of its parts.

        None when any part has no date ("- Kế hoạch: trước 06/01/2023; - Báo cáo:
        định kỳ hàng quý" is not finished on 06/01): such a deadline is judged per
        period, never by its one dated part alone. Each part keeps its own date.
        """
        if not self.parts or any(p.due is None or p.recurrence for p in self.parts):
            return None
        return max(p.due for p in self.parts if p.due)

    def due_at(self, cutoff: date) -> date | None:
        """The due date a period with this cut-off judges the deliverable against.

        With several dated parts ("Quý II, III/2026", "- Kế hoạch: tháng 1; - Báo cáo:
        tháng 12") it is the latest date due by the cut-off, or the first one still
        ahead when none is due yet; never a later part's date for an earlier period.
        None, as :attr:`due`, when any part has no date.
        """
        if self.due is None:
            return None
        dates = sorted(p.due for p in self.parts if p.due)
        passed = [d for d in dates if d <= cutoff]
        return passed[-1] if passed else dates[0]

    def distinct_dues(self) -> list[date]:
        """The parts' due dates, in order, less a date that only says when within
        another part's span, written apart, the work is due ("Cả năm; báo cáo trước
        15/12"): one deliverable's date said twice, not two parts. A period within another
        ("6 tháng đầu năm và cả năm"), and a day listed with one ("Trước 30/6 và cả năm"),
        is a part of its own."""
        spans = [(_span_start(p), p.due, p.piece) for p in self.parts if p.due]
        days = {(p.due, p.piece) for p in self.parts if p.due and p.kind in (DATE, RECURRING)}
        said_twice = {d for d, piece in days if any(
            start <= d < due and other != piece for start, due, other in spans)}
        return sorted({due for _, due, _ in spans} - said_twice)

    def pending_after(self, done_on: date | None) -> date | None:
        """For a deliverable with several dated parts reported done on ``done_on``: the
        due date of the first part that date cannot be for, or None when it can be the
        whole deliverable's. A date on or before a part's due date is that part's ("Tháng
        6 và tháng 12/2026" done on 20/06 is June's: December's, due 31/12, is still to
        come), but not a date before the month, quarter, half or year that part names and
        after the part before fell due: that is the part before, done late ("Tháng 6 và
        tháng 12/2026" done on 05/07 is June's, late: December's work cannot be done in
        July). A date after every part is the last part's, late: the whole is done. None
        too for a single date, a deadline without dates, or no date given."""
        # Most products have one part: asked for every lead's "done", a merge's hot path.
        if done_on is None or len(self.parts) < 2 or self.due is None:
            return None
        dates = self.distinct_dues()
        if len(dates) < 2 or done_on > dates[-1]:
            return None
        # Where each due date's span starts, for the parts that name one (a month...):
        # not "Trước Quý IV" (any day before it), nor a range ("tháng 3 - tháng 6", whose
        # span is not June's alone).
        starts: dict[date, date] = {}
        if not _ANY_DAY_BEFORE.search(self.raw):
            for part in self.parts:
                start = _span_start(part)
                if part.due is not None and start is not None and start < part.due \
                        and not _A_RANGE.search(part.text):
                    starts[part.due] = min(starts.get(part.due, start), start)
        covered = next(i for i, due in enumerate(dates) if done_on <= due)
        if covered and done_on < starts.get(dates[covered], done_on):
            covered -= 1  # after the part before fell due, before this one's span
        return dates[covered + 1] if covered + 1 < len(dates) else None

    @property
    def recurrence(self) -> str | None:
        """The recurrence of the first undated part ("continuous", "quarterly", "event"...)."""
        for p in self.parts:
            if p.recurrence:
                return p.recurrence
        return None

    @property
    def unknown_parts(self) -> list[DeadlinePart]:
        return [p for p in self.parts if p.kind == UNKNOWN]

    @property
    def needs_judgment(self) -> bool:
        """True when timeliness cannot be derived from a date alone."""
        return self.due is None

    @property
    def is_empty(self) -> bool:
        return not self.raw


# A deadline that any day before it meets ("Trước Quý IV", "chậm nhất tháng 12"), and a
# part that is a range ("tháng 3 - tháng 6", "từ tháng 3 đến tháng 6"): no span of its own
# to be done in (Deadline.pending_after).
_ANY_DAY_BEFORE = re.compile(r"\b(?:trước|chậm\s+nhất|hạn\s+chót)\b", re.IGNORECASE)
_A_RANGE = re.compile(r"\s[-–]\s|\bđến\b|\btừ\b", re.IGNORECASE)


def _span_start(part: DeadlinePart) -> date:
    """The first day of the span a dated part names: its month, quarter, half or year;
    a date's own day."""
    due = part.due
    months = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}.get(part.kind)
    if due is None or months is None:
        return due
    if part.kind == HALF and due.month == 9:  # "9 tháng đầu năm"
        months = 9
    return date(due.year, due.month - months + 1, 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


def _split_parts(raw: str) -> list[str]:
    parts: list[str] = []
    for line in clean(raw).split("\n"):
        for piece in line.split(";"):
            piece = piece.strip().lstrip("-–+•* ").strip().rstrip(".;,").strip()
            if piece:
                parts.append(piece)
    return parts


def _dated(text: str, default_year: int | None, before: str
           ) -> list[tuple[date | None, str, str]]:
    """(due date, kind, text of its own) of each date-like expression in text, and last
    a start nothing dated follows, carried on (no due date, kind ``recurring``).

    A list of days, months or quarters ("Quý II, III/2026", "Tháng 6 và tháng 12") gives
    one date each; a range ("Quý III-IV", "từ tháng 3 đến tháng 6", "Tháng 1/2026 - tháng
    6/2026", "01/3/2026 - 30/6/2026") one, at its end. Days and periods may be mixed
    ("Trước 30/6/2026 và tháng 12/2026": two parts), but a day that says when a period
    is due leaves that period no part of its own ("Quý IV (trước 15/12)": 15/12 alone;
    :func:`deadlines.remarks.says_when`).
    """
    days = _days(text, default_year, before)
    # "Báo cáo 6 tháng, cả năm" recurs: its year is no period of its own.
    recurs = W.recurrence(text) is not None
    periods = [p for p in _period_items(text, default_year, before)
               if not (recurs and p.kind == YEAR) and not any(_overlap(d, p) for d in days)]
    # "Tháng 12/2026, báo cáo Quý IV": which report December's work is, no part of its own.
    periods = [p for p in periods if not R.a_report_of(text, p, periods)]
    # A day says when one period is due: the one written before it, if it says so of
    # that one ("Quý III (trước 10/10), Quý IV": the fourth quarter a part of its own).
    told = {n for n, d in enumerate(days) for p in periods
            if p.end <= d.start and R.says_when(text, d, p)}
    periods = [p for p in periods if not any(
        R.says_when(text, d, p) for n, d in enumerate(days) if p.end <= d.start or n not in told)]
    if all(p.kind == YEAR for p in periods) and not days:
        # "Cả năm" alone is read as a year of the text as a whole (parse_part): here
        # only as a period of a list ("6 tháng đầu năm và cả năm").
        periods = []
    items = [_covered(item, days + periods) for item in days + periods]
    items = items + _listed_years(text, items, default_year)
    items = sorted(items + _start_years(text, items, default_year), key=lambda item: item.start)
    items = R.alternatives(text, items)
    # "Từ tháng 3/2026, hoàn thành quý III/2026": the start no part of its own.
    items = [item for item in (_started(text, item, after)
                               for item, after in pairwise([*items, None])) if item]
    # "Quý I/2026: khảo sát, từ quý II/2026, triển khai": the start, nothing dated after
    # it, is work carried on (no due date), as "Từ quý II/2026" alone is.
    carried = [items.pop()] if items and R.carried_on(text, items[-1]) else []
    # A day and a period joined by "-" or "đến" are a range, due at its end.
    found: list[tuple[date | None, str, str]] = [
        (item.due, item.kind, item.label) for item, after in pairwise([*items, None])
        if after is None or (item.kind == DATE) == (after.kind == DATE)
        or not W.RANGE_BETWEEN.fullmatch(text, item.end, after.start)]
    if W.FROM_TO.search(text):
        found = [max(found)] if found else []  # "từ tháng 3 đến tháng 6": the end
    return sorted(set(found)) + [(None, RECURRING, _from(text, item)) for item in carried]


def _from(text: str, start: _Item) -> str:
    """The text of a start carried on: "Từ quý II/2026", "Từ đầu quý II/2026", "Từ tháng
    03/2026", "Từ 01/03/2026"."""
    before = W.START_BEFORE.search(text, 0, start.start)
    part = re.sub(r"^từ\s+(?:ngày\s*)?", "", before.group() if before else "").split()
    said = f"{start.first:%d/%m/%Y}" if start.kind == DATE else start.label
    return " ".join(["Từ", *part, f"{said[:1].lower()}{said[1:]}"])


@dataclass(frozen=True)
class _Item:
    """A day or a period read from a deadline's text, where it is written."""

    start: int
    end: int
    due: date
    kind: str
    label: str
    first: date  # the first and last day of its span (a day: itself)
    last: date
    # A part of a month ("tuần đầu tiên của tháng 1"): the month's item as it would be
    # without it (_early_in_month), used where another date of the text covers the month.
    whole: _Item | None = None


def _listed_years(text: str, items: list[_Item], plan_year: int | None) -> list[_Item]:
    """Years listed beside other dates, a part each ("Năm 2026, Quý II/2027": the year
    2026 and the second quarter of 2027; a QA pass: the year was lost). Not a year
    written first, before a comma, that the dates after it are of ("Năm 2027, quý II":
    that quarter alone), nor one before the plan's (a document's: "Nghị quyết 10/NQ-HĐND,
    năm 2025, Quý II/2026")."""
    found: list[_Item] = []
    for m in W.LISTED_YEAR.finditer(text):
        for y in re.finditer(r"\d{4}", m["years"]):
            year, at = int(y.group()), m.start("years") + y.start()
            if not items or (plan_year and year < plan_year) or any(
                    i.start <= at < i.end for i in items):
                continue
            first = all(i.start > at for i in items) and "và" not in text[at:min(
                i.start for i in items)]
            if first and year in {i.due.year for i in items}:
                continue
            found.append(_year_item(at, at + 4, year))
    return found


def _start_years(text: str, items: list[_Item], plan_year: int | None) -> list[_Item]:
    """A start's year ("từ năm 2027") and the years beside it, an item each, read as a
    month's start ("Quý III/2026 thí điểm, từ năm 2027 nhân rộng": the 2027 start was
    lost). Not in a part that recurs, nor a year before the plan's (a document's)."""
    if not W.START_YEAR.search(text) or W.recurrence(text):
        return []
    return [_year_item(m.start(), m.end(), int(m["year"])) for m in W.NAMED_YEAR.finditer(text)
            if not any(i.start <= m.start("year") < i.end for i in items)
            and not (plan_year and int(m["year"]) < plan_year)]


def _year_item(start: int, end: int, year: int) -> _Item:
    return _Item(start, end, date(year, 12, 31), YEAR, f"Năm {year}", date(year, 1, 1),
                 date(year, 12, 31))


def _started(text: str, item: _Item, after: _Item | None) -> _Item | None:
    """``item``, but none when it is a start its end follows (R.ends_start), and the year
    that end names when it is a year without a date ("Từ tháng 3/2026, hoàn thành năm
    2026")."""
    ended = R.ends_start(text, item, after)
    if ended is True:
        return None
    if ended:
        return _year_item(item.start, len(text), ended)
    return item


def _covered(item: _Item, items: list[_Item]) -> _Item:
    """A part of a month (:func:`_early_in_month`) whose month another date of the text
    covers ("Giữa tháng 10 hoặc cuối tháng 10/2026", "Quý I/2026 (tuần đầu tháng 3)"):
    the month, as before."""
    whole = item.whole
    if whole is None or not any(o is not item and o.first <= whole.last
                                and whole.first <= o.last for o in items):
        return item
    return whole


def _overlap(a: _Item, b: _Item) -> bool:
    """A period written inside a day ("tháng 1 năm 2023" of "ngày 5 tháng 1 năm 2023")."""
    return a.start < b.end and b.start < a.end


def _days(text: str, default_year: int | None, before: str) -> list[_Item]:
    """Each day written in text ("Trước 15/11", "ngày 5 tháng 1 năm 2023"), a range of
    days ("01/3/2026 - 30/6/2026") as its last."""
    found: list[_Item] = []
    written = [w for w in _written_dates(text, default_year) if w[3] is not None]
    # Two days joined by "-" or "đến" are a range ("01/3/2026 - 30/6/2026"), unless the
    # part recurs ("Trước 20/6 - 20/12 hằng năm": each year's two dates).
    ranges = W.recurrence(text) is None
    start = None  # where the range a day ends began
    latest: date | None = None  # the latest day of that range so far (typed backwards)
    strict = False  # the day before was due the day before it, "Trước" said of a list
    for i, (m, d, mo, y) in enumerate(written):
        start = m.start() if start is None else start
        try:
            day: date | None = date(y, mo, d)
        except ValueError:
            day = None
        if ranges and i + 1 < len(written) and W.DAY_RANGE_BETWEEN.fullmatch(
                text, m.end(), written[i + 1][0].start()):
            # Its first day is no deadline of its own ("ngày 01/3 - ngày 30/6/2026").
            if day is not None:
                latest = day if latest is None else max(latest, day)
            continue
        begun, start = start, None
        if day is None:
            latest = None
            continue
        # A range typed backwards ("30/6/2026 - 01/3/2026") is due at its later day.
        due, latest = max(day, latest or day), None
        # "Trong 30 ngày kể từ 01/3/2026": due when it ends (none: the office's to judge).
        if (counted := C.counted_from(text, due, begun)) is None:
            continue
        due = counted
        # "Trước 20/3, 20/6, 20/9": each day of the list (only the first was).
        listed = strict and bool(found) and W.DAY_LIST_BETWEEN.fullmatch(
            text, found[-1].end, begun)
        strict = before == BEFORE_STRICT and bool(listed or W.BEFORE_RE.search(text[:begun]))
        found.append(_Item(begun, m.end(), due - timedelta(days=1) if strict else due, DATE,
                           f"{'Trước ' if W.BEFORE_WORD.search(text) else ''}{due:%d/%m/%Y}",
                           due, due))
    return found


def _period_items(text: str, default_year: int | None, before: str) -> list[_Item]:
    """Each month, quarter, half or year named in text, a list as one item per period, a
    range of them ("tháng 1/2026 - tháng 6/2026") as its last."""
    found: list[_Item] = []
    periods = _periods(text, default_year)
    start = None  # where the range a period ends began
    for i, (m, kind, year) in enumerate(periods):
        start = m.start() if start is None else start
        strict = before == BEFORE_STRICT and W.BEFORE_RE.search(text[:start])
        spans = _spans(kind, m, year)
        if i + 1 < len(periods) and W.RANGE_BETWEEN.fullmatch(
                text, m.end(), periods[i + 1][0].start()):
            # "tháng 1/2026 - tháng 6/2026": its first month is no deadline of its own
            spans = spans[:-1]
        else:
            start = None
        for first, last, label in spans:
            item = _Item(m.start(), m.end(), first - timedelta(days=1) if strict else last,
                         kind, label, first, last)
            if kind == MONTH and start is None and len(spans) == 1 and not strict:
                item = _early_in_month(text, m, item)
            elif kind == QUARTER and m.re is W.QUARTER_RE and start is None and not strict:
                item = _early_in_quarter(text, m, item)
            found.append(item)
    return found


def _early_in_month(text: str, m: re.Match[str], item: _Item) -> _Item:
    """``item`` (one month named alone) due when a part of it written before it ends:
    "Tuần đầu tiên của tháng 1/2026" 07/01, not the month's end (a QA pass). Not the
    end of a range ("Giữa tháng 9 - 10/2026"), nor "giữa" as "between" ("giữa tháng 5 và
    tháng 6")."""
    within = W.WITHIN_MONTH.search(text, 0, m.start())
    if within is None or len(re.findall(r"\d{1,2}", m["m"])) != 1:
        return item
    which, half = (" ".join(g.split()) if g else "" for g in (within["which"], within["half"]))
    day = (W.WEEK_DAY.get(which) if which else int(within["days"]) if within["days"]
           else W.PART_DAY.get(half))
    # Not "30 ngày đầu tháng 2" (the month), nor "giữa" as "between".
    if day is None or not 1 <= day <= 28 or (
            half == "giữa" and W.BETWEEN_AFTER.match(text, m.end())):
        return item
    day = item.first.replace(day=day)
    part = " ".join(within["part"].split()).capitalize()
    return dataclasses.replace(item, start=within.start(), due=day, last=day,
                               label=f"{part} tháng {item.first:%m/%Y}", whole=item)


def _early_in_quarter(text: str, m: re.Match[str], item: _Item) -> _Item:
    """``item`` (a quarter) due at its first month's end when "đầu" is written just before
    it: "Đầu quý II/2027", "tháng đầu quý II" 30/04, as "đầu tháng 5" is the 10th, not the
    quarter's end (a QA pass: a task done in June was on time). Not "từ đầu quý II" (a
    start: alone, work carried on, W.FROM_ONLY), nor "trước đầu quý II": as before."""
    early = W.EARLY_IN_QUARTER.search(text, 0, m.start())
    if early is None or text[:early.start() + 1].split()[-1:] in (["từ"], ["trước"]):
        return item
    day = _month_end(item.first.year, item.first.month)
    return dataclasses.replace(item, due=day, last=day, label=f"Đầu {item.label[0].lower()}"
                               f"{item.label[1:]}", whole=item)


def _periods(text: str, default_year: int | None
             ) -> list[tuple[re.Match[str], str, int]]:
    """(match, kind, year) of each month, quarter, half-year or year ("cả năm") named in
    text, in order."""
    named = {kind: list(regex.finditer(text))
             for regex, kind in ((W.MONTH_RE, MONTH), (W.QUARTER_RE, QUARTER), (W.HALF_RE, HALF),
                                 (W.IN_YEAR_RE, YEAR))}
    spans = [m.span() for matches in named.values() for m in matches]
    # "6/2026", but not the "2/2023" of "quý 1 - 2/2023", nor "Nghị định 10/2020".
    bare = [m for m in W.BARE_MONTH_RE.finditer(text)
            if not any(a < m.end() and m.start() < b for a, b in spans)
            and not W.DOC_NUMBER_BEFORE.search(text[: m.start()])]
    named[MONTH] = sorted(named[MONTH] + bare, key=lambda m: m.start())
    periods = []
    for kind, matches in named.items():
        for i, m in enumerate(matches):
            # "tháng 6 và tháng 12/2026": a period without a year takes the next one's,
            # else the one written just before it ("2027 Quý IV", "Năm 2027, quý II").
            later = next((n["year"] for n in matches[i:] if n["year"]), None)
            if later is None and kind != YEAR and (
                    before := W.YEAR_BEFORE.search(text, 0, m.start())) and (
                    default_year is None or int(before["year"]) >= default_year):
                # Not a year before the plan's: a document's or a report's ("Tổng kết
                # năm 2025, tuần đầu tháng 1" is due in the plan's January).
                later = before["year"]
            year = int(later) if later else default_year
            if year is not None:  # "3 tháng đầu năm" is a quarter
                periods.append((m, QUARTER if m.re is W.HALF_RE and m["n"] == "3" else kind,
                                year))
    return sorted(periods, key=lambda p: p[0].start())


def _written_dates(text: str, default_year: int | None
                   ) -> Iterator[tuple[re.Match[str], int, int, int | None]]:
    """(match, day, month, year or None) of each day/month[/year] written in text."""
    found = []
    for m in W.DATE_RE.finditer(text):
        if (m["d"] or m["d4"]) and W.PERIOD_WORD_BEFORE.search(text[: m.start()]):
            continue  # "tháng 1 - 2/2023" is two months, not the 1st of February
        found.append(m)
    years = [m["y"] or m["y2"] or m["y3"] or m["y4"] for m in found]
    # "Trước 20/6 và 20/12, năm 2027": a day of a list without its year takes the next
    # one's, as a period does (a QA pass: the first was of the plan's year).
    for i in range(len(found) - 2, -1, -1):
        if years[i] is None and years[i + 1] and W.DAY_LIST_BETWEEN.fullmatch(
                text, found[i].end(), found[i + 1].start()):
            years[i] = years[i + 1]
    for m, y in zip(found, years, strict=True):
        y = y or default_year
        yield (m, int(m["d"] or m["d2"] or m["d3"] or m["d4"]),
               int(m["m"] or m["m2"] or m["m3"] or m["m4"]), int(y) if y else None)


def month_first(day: int, month: int, year: int) -> date | None:
    """The date meant by a day/month/year whose month is no month but whose day could be
    one: written month first, as an English-locale machine writes it ("12/13/2026" is
    13/12/2026); None when the month is a month, or the other reading is no day either
    ("2/30/2026"). Asked of a plan's deadline (check) and of a unit's completion date."""
    if 1 <= month <= 12:
        return None
    try:
        return date(year, day, month)
    except ValueError:
        return None


def impossible_dates(text: str, default_year: int | None = None
                     ) -> list[tuple[int, int, int | None]]:
    """(day, month, year) of each date written in text that no calendar has ("Trước
    31/2/2026"): such a part reads as ``unknown``, and check says why."""
    out = []
    for _, d, mo, y in _written_dates(one_line(text).lower(), default_year):
        try:
            date(y or 2000, mo, d)  # a leap year when none is written
        except ValueError:
            out.append((d, mo, y))
    return out


def _spans(kind: str, m: re.Match[str], year: int) -> list[tuple[date, date, str]]:
    """(first day, last day, name) of each month, quarter or half a match names; a
    range counts as its last item."""
    if kind == YEAR:
        return [(date(year, 1, 1), date(year, 12, 31), f"Năm {year}")]
    if kind in (HALF, QUARTER) and m.re is W.HALF_RE:  # "9 tháng đầu năm": 1/1 to 30/9
        n, last = int(m["n"]), m["h"] == "cuối"
        return [(date(year, 13 - n if last else 1, 1), _month_end(year, 12 if last else n),
                 f"{n} tháng {'cuối' if last else 'đầu'} năm {year}")]
    items = m["m"] if kind == MONTH else m["q"]
    pattern = r"\d{1,2}" if kind == MONTH else W.QUARTER_NUMERAL
    values = list(re.finditer(pattern, items))
    out = []
    for v in L.listed(items, values, kind == MONTH):
        if kind == MONTH:
            mo = int(v.group())
            if 1 <= mo <= 12:
                out.append((date(year, mo, 1), _month_end(year, mo), f"Tháng {mo:02d}/{year}"))
        else:
            q = W.ROMAN[v.group()]
            out.append((date(year, 3 * q - 2, 1), _month_end(year, 3 * q),
                        f"Quý {W.ROMAN_OF[q]}/{year}"))
    return out


def parse_part(
    text: str, default_year: int | None = None, before: str = BEFORE_BY, label: str = ""
) -> list[DeadlinePart]:
    """One piece of a deadline cell, without its list bullet: a part per date it names."""
    low = R.without_documents_days(W.QUARTER_SPELLINGS.sub("quý", one_line(text).lower()))
    if default_year:  # "Quý IV/2026 và quý I năm sau": of the year after the plan's
        low = W.NEXT_YEAR.sub(lambda m: f"{m['when']} năm "
                              f"{default_year + 1 if m['next'] else default_year}", low)
    # "Trước Tết Nguyên đán 2026": before 17/02/2026, as written so (deadlines.holidays).
    low, clash = H.holidays_dated(low, default_year)
    if clash:  # "Tết Nguyên đán Bính Ngọ 2027": 2027 is Đinh Mùi, which year is meant?
        return [DeadlinePart(text=text, kind=UNKNOWN, label=label)]
    # "Tháng 12/2026 (báo cáo Quý IV)": the deadline is what precedes the remark, when
    # that reads as one ("Báo cáo (Quý III)" is the quarter).
    low = R.end_out_of_brackets(low)
    if (bare := R.without_remarks(low)) != low and parse_part(
            bare, default_year, before)[0].kind != UNKNOWN:
        low = bare
    if W.FROM_ONLY.match(low):
        # "Từ 01/3/2026", "Bắt đầu từ tháng 3/2026": when the work starts, carried on
        # from then (a QA pass: the start was its deadline, overdue the day it began).
        return [DeadlinePart(text=text, kind=RECURRING, label=label, recurrence=CONTINUOUS)]
    dated = _dated(low, default_year, before)
    recurrence = W.recurrence(low)
    if dated:
        if recurrence == ANNUAL:
            # "Trước 20/6 và 20/12 hằng năm": this year's occurrences are the dates, and
            # so is "Trước 31/3 hằng năm"'s one: a plan is of one year (it was judged per
            # period, never overdue, and listed "→ Hằng năm": the date seemed unread).
            recurrence = None
        parts = []
        for due, kind, own_text in dated:
            part_text = text if len(dated) == 1 else own_text
            if due is None:  # a start carried on ("…, từ quý II/2026, triển khai")
                parts.append(DeadlinePart(text=part_text, kind=RECURRING, label=label,
                                          recurrence=CONTINUOUS))
            elif recurrence:
                # "Trước 15/12/2023 và định kỳ hàng quý": the date is kept, the
                # recurrence too, and the part is judged per period.
                parts.append(DeadlinePart(text=part_text, kind=RECURRING, label=label, due=due,
                                          recurrence=recurrence))
            else:
                parts.append(DeadlinePart(text=part_text, kind=kind, label=label, due=due))
        return parts
    if recurrence:
        return [DeadlinePart(text=text, kind=RECURRING, label=label, recurrence=recurrence)]
    if W.EVENT_RE.search(low) and not W.PERIODIC_RE.search(low):
        # "Theo Chương trình xây dựng văn bản QPPL năm 2026": the year names the
        # programme, the date depends on it.
        return [DeadlinePart(text=text, kind=EVENT, label=label, recurrence=ON_EVENT)]
    if W.PHASE_RE.search(low):
        return [DeadlinePart(text=text, kind=PHASE, label=label)]
    years = L.years_named(low)
    if default_year and any(y >= default_year for y in years):
        # "Căn cứ Quyết định số 1234/QĐ-UBND năm 2025, hoàn thành trong năm 2026": a
        # year before the plan's beside one of it is a document's (a QA pass).
        years = [y for y in years if y >= default_year]
    if years and not W.VAGUE_RE.search(low):
        if len(years) == 1:
            return [DeadlinePart(text=text, kind=YEAR, label=label,
                                 due=date(years[0], 12, 31))]
        # "Năm 2026 và năm 2027": a part each, as "Quý IV/2026 và Quý I/2027".
        return [DeadlinePart(text=f"Năm {year}", kind=YEAR, label=label,
                             due=date(year, 12, 31)) for year in years]
    if default_year and W.WHOLE_YEAR_RE.match(low.strip()):
        return [DeadlinePart(text=text, kind=YEAR, label=label, due=date(default_year, 12, 31))]
    if W.PERIODIC_RE.search(low):
        return [DeadlinePart(text=text, kind=RECURRING, label=label, recurrence=PERIODIC)]
    if W.EVENT_RE.search(low):
        return [DeadlinePart(text=text, kind=EVENT, label=label, recurrence=ON_EVENT)]
    return [DeadlinePart(text=text, kind=UNKNOWN, label=label)]


def parse_deadline(
    raw: object, default_year: int | None = None, before: str = BEFORE_BY
) -> Deadline:
    """Parse a deadline cell into labelled parts, keeping the raw text.

    ``default_year`` (the plan year) completes "Tháng 11" or "Quý IV" written
    without a year.
    """
    if isinstance(raw, date):
        # A real date typed into the deadline cell.
        day = raw if type(raw) is date else raw.date()  # type: ignore[attr-defined]
        text = day.strftime("%d/%m/%Y")
        return Deadline(raw=text, parts=(DeadlinePart(text=text, kind=DATE, due=day),))
    text = clean(raw)
    parts = []
    for n, piece in enumerate(_split_parts(text)):
        whole = parse_part(piece, default_year, before)
        m = W.LABEL_RE.match(piece)
        # "Văn bản triển khai: tháng 11/2023" has a label; "Trước ngày: 15/11" has none,
        # its "trước" judged as written (a label took it away: 15/11 read where the plan
        # says "the day before").
        # Nor has "Năm 2027: Quý II": the year of what follows (a QA pass), nor "Trước
        # 15/11/2026: báo cáo Quý III", a day (the report's, R.says_when).
        said = m["label"].strip().lower() if m else ""
        # Nor has "Quý I/2026: khảo sát, từ quý II/2026, …", a period (R.a_period).
        if m and not W.BEFORE_RE.search(said) and not W.YEAR_LABEL.match(said) \
                and not W.DATE_RE.search(said) and not R.a_period(said):
            labelled = parse_part(m["rest"], default_year, before, m["label"].strip())
            if labelled[0].kind != UNKNOWN or whole[0].kind == UNKNOWN:
                whole = labelled
        parts.extend(replace(part, piece=n) for part in whole)
    return Deadline(raw=text, parts=tuple(parts))

