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

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .text import clean, one_line

DATE = "date"
MONTH = "month"
QUARTER = "quarter"
HALF = "half"
YEAR = "year"
RECURRING = "recurring"
EVENT = "event"
UNKNOWN = "unknown"

BEFORE_BY = "by"
BEFORE_STRICT = "strict"


@dataclass(frozen=True)
class DeadlinePart:
    text: str
    kind: str
    label: str = ""
    due: date | None = None
    recurrence: str | None = None


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


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:\s*(?:/|-|năm)\s*(?:năm\s*)?(?P<year>\d{4}))?"
# Lists and ranges of months or quarters: "Quý I, II/2023", "Tháng 1 - 2/2023".
_SEP = r"\s*(?:,|-|–|và|đến|tới)\s*"
_Q = r"(?:iv|iii|ii|i|[1-4])(?![\w])"
_M = r"\d{1,2}(?!\d)"
_DATE_RE = re.compile(
    r"ngày\s*(?P<d2>\d{1,2})\s*tháng\s*(?P<m2>\d{1,2})\s*(?:/|-|năm)\s*(?:năm\s*)?(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})(?!\d)"
    r"|(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
)
_MONTH_RE = re.compile(rf"tháng\s*(?P<m>{_M}(?:{_SEP}{_M})*)(?!\s*[/.\-]\s*\d{{1,2}}\s*[/.\-])"
                       + _YEAR)
_QUARTER_RE = re.compile(rf"quý\s*(?P<q>{_Q}(?:{_SEP}(?:quý\s*)?{_Q})*)" + _YEAR)
_HALF_RE = re.compile(r"6\s*tháng\s*(?P<h>đầu|cuối)\s*năm(?:\s*(?P<year>\d{4}))?")
_YEAR_RE = re.compile(r"(?:^|\b)năm\s*(?P<year>\d{4})(?:\s*[-–]\s*(?P<year2>\d{4}))?")
# "Đầu năm", "giữa năm": no date can be read from them; they are reported.
_VAGUE_RE = re.compile(r"(?:đầu|giữa)\s*năm")
_PERIOD_WORD_BEFORE = re.compile(r"(?:tháng|quý)\s*$")
_BEFORE_RE = re.compile(r"\btrước\s*(?:ngày\s*)?$")
_LABEL_RE = re.compile(r"^(?P<label>[^:\d][^:]{1,80}?)\s*:\s*(?P<rest>.+)$")

# Recurrence words, most frequent first: "định kỳ hàng quý, 6 tháng, năm" is quarterly.
_RECURRENCES = [
    ("continuous", re.compile(r"thường\s*xuyên|liên\s*tục")),
    ("weekly", re.compile(r"h[àằ]ng\s*tuần")),
    ("monthly", re.compile(r"h[àằ]ng\s*tháng")),
    ("quarterly", re.compile(r"h[àằ]ng\s*quý|định\s*kỳ\s*quý|theo\s*quý")),
    ("semiannual", re.compile(r"định\s*kỳ\s*6\s*tháng|h[àằ]ng\s*6\s*tháng|6\s*tháng\s*,")),
    ("annual", re.compile(r"h[àằ]ng\s*năm|định\s*kỳ\s*năm\b(?!\s*\d)|h[àằ]ng\s*năm")),
]
_PERIODIC_RE = re.compile(r"định\s*kỳ")
_EVENT_RE = re.compile(
    r"sau\s*khi|theo\s*hướng\s*dẫn|theo\s*thời\s*hạn|theo\s*quy\s*định|theo\s*yêu\s*cầu"
    r"|theo\s*kế\s*hoạch|khi\s*có|ngay\s*khi|kịp\s*thời|theo\s*lộ\s*trình|theo\s*tiến\s*độ"
    r"|đột\s*xuất"
)


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


def _year_or(m: re.Match[str], default_year: int | None) -> int | None:
    y = m.groupdict().get("year")
    return int(y) if y else default_year


def _dated(text: str, default_year: int | None, before: str) -> tuple[str, date] | None:
    """The kind and due date of the latest date-like expression in text, if any."""
    found: list[tuple[date, str]] = []
    for m in _DATE_RE.finditer(text):
        if m["d"] and _PERIOD_WORD_BEFORE.search(text[: m.start()]):
            continue  # "tháng 1 - 2/2023" is two months, not the 1st of February
        d = int(m["d"] or m["d2"] or m["d3"])
        mo = int(m["m"] or m["m2"] or m["m3"])
        y = int(m["y"] or m["y2"] or m["y3"])
        try:
            due = date(y, mo, d)
        except ValueError:
            continue
        if before == BEFORE_STRICT and _BEFORE_RE.search(text[: m.start()]):
            due -= timedelta(days=1)
        found.append((due, DATE))
    if not found:
        for regex, kind in ((_MONTH_RE, MONTH), (_QUARTER_RE, QUARTER), (_HALF_RE, HALF)):
            for m in regex.finditer(text):
                year = _year_or(m, default_year)
                if year is None:
                    continue
                for first, last in _spans(kind, m, year):
                    strict = before == BEFORE_STRICT and _BEFORE_RE.search(text[: m.start()])
                    found.append((first - timedelta(days=1) if strict else last, kind))
    if not found:
        return None
    due, kind = max(found)
    return kind, due


def _spans(kind: str, m: re.Match[str], year: int) -> list[tuple[date, date]]:
    """(first day, last day) of each month, quarter or half a match names."""
    if kind == MONTH:
        months = [int(x) for x in re.findall(r"\d{1,2}", m["m"])]
        return [(date(year, mo, 1), _month_end(year, mo)) for mo in months if 1 <= mo <= 12]
    if kind == QUARTER:
        quarters = [_ROMAN[q] for q in re.findall(_Q, m["q"])]
        return [(date(year, 3 * q - 2, 1), _month_end(year, 3 * q)) for q in quarters]
    first_half = m["h"] == "đầu"
    return [(date(year, 1 if first_half else 7, 1), _month_end(year, 6 if first_half else 12))]


def _recurrence(text: str) -> str | None:
    for code, regex in _RECURRENCES:
        if regex.search(text):
            return code
    return None


def parse_part(
    text: str, default_year: int | None = None, before: str = BEFORE_BY, label: str = ""
) -> DeadlinePart:
    """One part of a deadline cell, without its list bullet."""
    low = one_line(text).lower()
    dated = _dated(low, default_year, before)
    recurrence = _recurrence(low)
    if dated:
        kind, due = dated
        if recurrence:
            # "Trước 15/12/2023 và định kỳ hàng quý": the date is kept, the
            # recurrence too, and the part is judged per period.
            return DeadlinePart(text=text, kind=RECURRING, label=label, due=due,
                                recurrence=recurrence)
        return DeadlinePart(text=text, kind=kind, label=label, due=due)
    if recurrence:
        return DeadlinePart(text=text, kind=RECURRING, label=label, recurrence=recurrence)
    m = _YEAR_RE.search(low)
    if m and not _VAGUE_RE.search(low):
        year = int(m["year2"] or m["year"])
        return DeadlinePart(text=text, kind=YEAR, label=label, due=date(year, 12, 31))
    if _PERIODIC_RE.search(low):
        return DeadlinePart(text=text, kind=RECURRING, label=label, recurrence="periodic")
    if _EVENT_RE.search(low):
        return DeadlinePart(text=text, kind=EVENT, label=label, recurrence="event")
    return DeadlinePart(text=text, kind=UNKNOWN, label=label)


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
    for piece in _split_parts(text):
        whole = parse_part(piece, default_year, before)
        m = _LABEL_RE.match(piece)
        if m:
            labelled = parse_part(m["rest"], default_year, before, m["label"].strip())
            # "Văn bản triển khai: tháng 11/2023" has a label; "Trước ngày: 15/11" hardly.
            if labelled.kind != UNKNOWN or whole.kind == UNKNOWN:
                whole = labelled
        parts.append(whole)
    return Deadline(raw=text, parts=tuple(parts))

