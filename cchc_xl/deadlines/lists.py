"""Lists in a deadline text, read by :mod:`cchc_xl.deadlines`: which months or quarters of
a list are due dates of their own ("Quý II, III/2026", "Quý III-IV", "Quý II, III hoặc
IV/2026"), and the years a piece names ("năm 2026 và năm 2027", "năm 2025 - 2026"). The
grammar: docs/deadlines.md."""

from __future__ import annotations

import re
from itertools import pairwise

from . import words as W


def listed(items: str, values: list[re.Match[str]], months: bool) -> list[re.Match[str]]:
    """The values of a list of months or quarters that are due dates of their own: each
    of a list ("Quý II, III/2026"), a range's last ("Quý III-IV"), and of alternatives
    joined by "hoặc", with the ones listed by commas just before it, the latest ("Quý II,
    III hoặc IV/2026": the fourth alone, as "Quý II hoặc Quý III" is the third; a QA
    pass: it was lost). ``months``: the values are months, else quarters' numerals."""
    gaps = [items[a.end():b.start()] for a, b in pairwise(values)]
    joins = ["or" if W.OR_SEP.search(gap) else "range" if W.RANGE_SEP.search(gap)
             else "list" for gap in gaps]
    alternative = False  # a "hoặc" follows, after commas only: "II, III hoặc IV"
    for i in range(len(gaps) - 1, -1, -1):
        if joins[i] == "or":
            alternative = True
        elif joins[i] == "list":
            if alternative and W.COMMA_SEP.match(gaps[i]):
                joins[i] = "or"
            else:
                alternative = False
    number = (lambda v: int(v.group())) if months else (lambda v: W.ROMAN[v.group()])
    kept: list[re.Match[str]] = []
    group: list[re.Match[str]] = []
    ored = False  # the group holds alternatives
    for v, join in zip(values, [*joins, "list"], strict=True):
        group.append(v)
        if join != "list":
            ored = ored or join == "or"
            continue
        # Of a range its last ("Quý III-IV"), of alternatives the latest.
        kept.append(max(group, key=number) if ored else group[-1])
        group, ored = [], False
    return kept


def years_named(low: str) -> list[int]:
    """The years a piece names, in order, each once: "năm 2026" (a range "năm 2025 -
    2026" its last year), the years listed after it ("năm 2026 và năm 2027", "năm 2026,
    2027"), or the year alone in the cell."""
    years: list[int] = []
    end = 0
    for m in W.YEAR_RE.finditer(low):
        found = [int(m["year2"] or m["year"] or m["alone"])]
        if years and W.OR_BETWEEN.fullmatch(low, end, m.start()):  # "Năm 2026 hoặc năm 2027"
            found[0] = max(found[0], years.pop())
        end = m.end()
        # Later years, not far ("năm 2026, 1990", "năm 2026, 2000 hồ sơ" list none).
        while more := W.MORE_YEARS_RE.match(low, end):
            year = int(more["year2"] or more["year"])
            if not found[-1] <= year <= found[0] + W.YEARS_LISTED:
                break
            found.append(year)
            end = more.end()
        for year in found:  # each once: "năm 2026, 2026" is one part (it made two)
            if year not in years:
                years.append(year)
    return years
