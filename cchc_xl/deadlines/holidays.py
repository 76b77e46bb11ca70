"""Deadlines tied to the lunar holidays, read by :mod:`cchc_xl.deadlines`: "Trước Tết
Nguyên đán Bính Ngọ 2026" is before 17/02/2026, the day Tết falls on that year, and is
read as "Trước 17/02/2026" is (the plan's "Trước ngày" setting says whether that day or
the one before it). The year is the one written, in figures or in the sexagenary cycle
("Bính Ngọ"), else the plan's; a name of the cycle that is not the year written is read
as no date ("unknown"), and check says why. "Dịp Tết" (the holiday's time, whose days off
the Government sets each year) is an event. The grammar: docs/deadlines.md."""

from __future__ import annotations

import re
from datetime import date

from ..text import one_line
from .lunar import BRANCHES, STEMS, solar_day, year_name

# (the holiday's name, lower-cased, as a pattern; its lunar day and month). Not the
# Tết of the solar new year ("Tết Dương lịch", 1/1) nor the other lunar "Tết".
HOLIDAYS = (
    (r"(?:tết\s+nguyên\s+tiêu|rằm\s+tháng\s+(?:giêng|một|1))", 15, 1),
    (r"(?:ngày\s+)?giỗ\s+tổ(?:\s+hùng\s+vương)?", 10, 3),
    (r"tết\s+trung\s+thu", 15, 8),
    (r"tết(?:\s+(?:nguyên\s+đán|âm\s+lịch|cổ\s+truyền))?"
     r"(?!\s*(?:dương|tây|trung\s+thu|đoan|hàn\s+thực|thanh\s+minh|nguyên\s+tiêu|độc\s+lập"
     r"|thiếu\s+nhi|ông\s+công|táo\s+quân|hạ\s+nguyên))", 1, 1),
)
_NAMED = re.compile(r"tết|giỗ|rằm")
DURING_BEFORE = re.compile(r"\btrước\s*$")
# A name of the cycle as people type it: "Kỉ" for "Kỷ", "Tị" for "Tỵ".
_SPELLINGS = {"kỷ": "kỉ", "tỵ": "tị"}


def _names(words: tuple[str, ...]) -> str:
    low = [w.lower() for w in words]
    return "|".join(sorted(low + [_SPELLINGS[w] for w in low if w in _SPELLINGS],
                           key=len, reverse=True))


_CYCLE = rf"(?:{_names(STEMS)})\s+(?:{_names(BRANCHES)})(?!\w)"
# "Tết Nguyên đán Bính Ngọ 2026", "Tết Nguyên đán năm 2026", "Tết Bính Ngọ", "Tết
# Nguyên đán 2026 (Bính Ngọ)", "Tết năm sau", and "dịp" before it ("Trong dịp Tết",
# "dịp lễ, Tết": an event, DURING_BEFORE; "Trước dịp Tết" is before Tết).
HOLIDAY_RE = re.compile(
    r"(?P<during>dịp\s+(?:lễ\W+)?)?"
    r"(?P<name>" + "|".join(f"(?P<h{n}>{name})" for n, (name, _, _) in enumerate(HOLIDAYS))
    + r")(?!\w)"
    rf"(?:\s*(?:xuân\s+)?(?:năm\s+)?(?P<cycle>{_CYCLE}))?"
    r"(?:\s*,?\s*(?:năm\s+)?(?P<year>\d{4})(?!\d)|\s+năm\s+(?P<next>sau|tới|nay)\b)?"
    rf"(?:\s*\(\s*(?:năm\s+)?(?P<cycle2>{_CYCLE})\s*\))?")


def _written(cycle: str) -> str:
    """A name of the cycle as the calendar writes it: "bính ngọ" -> "Bính Ngọ"."""
    words = [next((w for w, typed in _SPELLINGS.items() if typed == word), word)
             for word in cycle.split()]
    return " ".join(w.capitalize() for w in words)


def _year(m: re.Match[str], plan_year: int | None) -> tuple[int | None, str | None]:
    """(the year the holiday written is of, or None; the cycle's name written that is
    not that year's, or None)."""
    cycles = {_written(c) for c in (m["cycle"], m["cycle2"]) if c}
    if m["year"]:
        year = int(m["year"])
    elif m["next"] and plan_year:
        year = plan_year + (m["next"] != "nay")
    elif cycles and plan_year and len(cycles) == 1:
        # The year of that name nearest the plan's: "Tết Bính Ngọ" in a 2026 plan is 2026.
        (cycle,) = cycles
        year = min((y for y in range(plan_year - 30, plan_year + 30) if year_name(y) == cycle),
                   key=lambda y: abs(y - plan_year))
    else:
        year = plan_year
    wrong = next((c for c in sorted(cycles) if year is not None and year_name(year) != c),
                 None)
    return year, wrong


def _day(m: re.Match[str], year: int) -> date | None:
    n = next(n for n in range(len(HOLIDAYS)) if m[f"h{n}"])
    _, day, month = HOLIDAYS[n]
    return solar_day(day, month, year)


def _solar_day(m: re.Match[str], low: str, plan_year: int | None) -> tuple[date | None, bool]:
    """The solar day of the holiday ``m`` found in ``low``, or None: a holiday's time
    ("Trong dịp Tết Nguyên đán 2026"), no year to tell, or a year that cannot be told;
    and whether it is the last (a year written that the cycle's name contradicts, or
    out of the calendar: no date is read from the text then)."""
    if m["during"] and not DURING_BEFORE.search(low, 0, m.start()):
        return None, False
    year, wrong = _year(m, plan_year)
    day = _day(m, year) if year is not None and not wrong else None
    return day, day is None and (bool(wrong) or year is not None)


def holidays_dated(low: str, plan_year: int | None) -> tuple[str, bool]:
    """``low`` (a deadline's lower-cased text) with each lunar holiday it names written
    as its solar day ("trước tết nguyên đán 2026" -> "trước 17/02/2026"), and whether a
    holiday's year cannot be told (the cycle's name is not the year written: no date is
    read from the text then). A holiday with no year and no plan year is left as
    written, with none read from it."""
    if not _NAMED.search(low):  # most deadlines: a parse's hot path
        return low, False
    clash = False

    def dated(m: re.Match[str]) -> str:
        nonlocal clash
        day, unread = _solar_day(m, low, plan_year)
        clash = clash or unread
        return m.group() if day is None else f"{day:%d/%m/%Y}"

    return HOLIDAY_RE.sub(dated, low), clash


def year_clash(text: str, plan_year: int | None) -> tuple[str, int] | None:
    """(the cycle's name written, the year written) of the first holiday in ``text`` whose
    cycle's name is not its year's ("Tết Nguyên đán Bính Ngọ 2027": 2027 is Đinh Mùi), for
    check to say so; None when there is none."""
    for m in HOLIDAY_RE.finditer(one_line(text).lower()):
        year, wrong = _year(m, plan_year)
        if wrong and year is not None:
            return wrong, year
    return None


def holidays_shown(text: str, plan_year: int | None) -> str:
    """``text`` (a deadline as the plan writes it) with the solar day of each lunar
    holiday it names after the name, for a reader to check the day it was judged by:
    "Trước Tết Nguyên đán Bính Ngọ 2026" -> "Trước Tết Nguyên đán Bính Ngọ 2026
    (17/02/2026)" (the report's Biểu 3, whose "Quá hạn" the office checks). Not a
    holiday's time ("Dịp Tết": an event), nor one whose year
    cannot be told; a text without one is returned as it is."""
    low = text.lower()
    if not _NAMED.search(low) or len(low) != len(text):
        return text
    out, last = [], 0
    for m in HOLIDAY_RE.finditer(low):
        day, _ = _solar_day(m, low, plan_year)
        if day is None:
            continue
        if m["cycle2"]:  # "Tết Nguyên đán 2026 (Bính Ngọ, 17/02/2026)"
            out += [text[last:m.end() - 1], f", {day:%d/%m/%Y})"]
        else:
            out += [text[last:m.end()], f" ({day:%d/%m/%Y})"]
        last = m.end()
    return "".join(out) + text[last:]
