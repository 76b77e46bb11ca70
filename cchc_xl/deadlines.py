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

KIND_LABEL = {
    DATE: "ngày",
    MONTH: "tháng",
    QUARTER: "quý",
    HALF: "6 tháng",
    YEAR: "năm",
    RECURRING: "định kỳ/thường xuyên",
    EVENT: "theo sự kiện/quy định",
    UNKNOWN: "chưa đọc được",
}


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
        dues = [p.due for p in self.parts]
        if not dues or None in dues:
            return None
        return max(dues)

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
_DATE_RE = re.compile(
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|ngày\s*(?P<d2>\d{1,2})\s*tháng\s*(?P<m2>\d{1,2})\s*năm\s*(?P<y2>\d{4})"
)
_MONTH_RE = re.compile(r"tháng\s*(?P<m>\d{1,2})(?!\s*[/.\-]\s*\d{1,2}\s*[/.\-])" + _YEAR)
_QUARTER_RE = re.compile(r"quý\s*(?P<q>iv|iii|ii|i|[1-4])\b" + _YEAR)
_HALF_RE = re.compile(r"6\s*tháng\s*(?P<h>đầu|cuối)\s*năm(?:\s*(?P<year>\d{4}))?")
_YEAR_RE = re.compile(r"(?:^|\b)năm\s*(?P<year>\d{4})")
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
        d = int(m["d"] or m["d2"])
        mo = int(m["m"] or m["m2"])
        y = int(m["y"] or m["y2"])
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
                if kind == MONTH:
                    month = int(m["m"])
                    if not 1 <= month <= 12:
                        continue
                    first = date(year, month, 1)
                    last = _month_end(year, month)
                elif kind == QUARTER:
                    q = _ROMAN[m["q"]]
                    first = date(year, 3 * q - 2, 1)
                    last = _month_end(year, 3 * q)
                else:
                    first = date(year, 1 if m["h"] == "đầu" else 7, 1)
                    last = _month_end(year, 6 if m["h"] == "đầu" else 12)
                strict = before == BEFORE_STRICT and _BEFORE_RE.search(text[: m.start()])
                found.append((first - timedelta(days=1) if strict else last, kind))
    if not found:
        return None
    due, kind = max(found)
    return kind, due


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
    if dated:
        kind, due = dated
        return DeadlinePart(text=text, kind=kind, label=label, due=due)
    recurrence = _recurrence(low)
    if recurrence:
        return DeadlinePart(text=text, kind=RECURRING, label=label, recurrence=recurrence)
    m = _YEAR_RE.search(low)
    if m:
        return DeadlinePart(text=text, kind=YEAR, label=label, due=date(int(m["year"]), 12, 31))
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
        return Deadline(raw=day.strftime("%d/%m/%Y"), parts=(DeadlinePart(
            text=day.strftime("%d/%m/%Y"), kind=DATE, due=day),))
    text = clean(raw)
    parts = []
    for piece in _split_parts(text):
        label = ""
        m = _LABEL_RE.match(piece)
        if m:
            candidate = parse_part(m["rest"], default_year, before, m["label"].strip())
            whole = parse_part(piece, default_year, before)
            # "Văn bản triển khai: tháng 11/2023" has a label; "Trước ngày: 15/11" hardly.
            if candidate.kind != UNKNOWN or whole.kind == UNKNOWN:
                parts.append(candidate)
                continue
            label = ""
        parts.append(parse_part(piece, default_year, before, label))
    return Deadline(raw=text, parts=tuple(parts))

