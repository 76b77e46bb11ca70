"""The report's charts: completion by area and by ranked unit, and how a long chart is
printed over several pages of at most :data:`PAGE_BARS` bars (the workbook's chart
sheets, the HTML page's figures)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..styles import text_width
from ..text import mid_sentence
from ..vocab import RETURN_MISSING
from .names import name_units
from .ranking import UnitStat, says_nothing
from .summary import Summary
from .tables import CROWD

AREA_CHART_TITLE = "Tỷ lệ hoàn thành nhiệm vụ theo lĩnh vực (%)"
# Every unit chart's title starts with UNIT_CHART_PREFIX: one chart of every unit, or,
# where Biểu 2 ranks offices and communes apart (report/ranking.py), a chart per group:
# "Tỷ lệ hoàn thành nhiệm vụ chủ trì: UBND các xã, phường (%)".
UNIT_CHART_PREFIX = "Tỷ lệ hoàn thành nhiệm vụ chủ trì"
UNIT_CHART_TITLE = f"{UNIT_CHART_PREFIX} theo đơn vị (%)"
UNIT_CHART_SHEET = "Biểu đồ đơn vị"
# The sheet and page anchor of each group's chart: the offices', then the communes'.
GROUP_CHARTS = (("bieu-do-co-quan", "Biểu đồ cơ quan"), ("bieu-do-cap-xa", "Biểu đồ cấp xã"))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    # A unit's rank in Biểu 2 (ranking.rank_units; ties share one); None for an area's
    # bar, or a unit not ranked (its report not in, nothing due yet).
    rank: int | None = None


# Bars of one printed chart: more, and the axis shows only some of the names (a province's
# 181 units: every third, overlapping). A long chart is printed over several pages, a
# chart of the same scale each (the workbook's chart sheets, the HTML page's figures).
PAGE_BARS = 30


def chart_pages(count: int) -> list[tuple[int, int]]:
    """The bars (first, end) of each printed chart: at most PAGE_BARS, as even as can be."""
    if not count:  # a chart with no bars, only its note
        return [(0, 0)]
    pages = max(1, -(-count // PAGE_BARS))
    size = -(-count // pages)
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def ranks_held(bars: list[Bar]) -> str:
    """What a page of a chart by unit holds, as Biểu 2 ranks it: the ranks of its ranked
    bars ("xếp hạng 101 đến 121"; tied units share a rank, so a page of 30 bars may hold
    one: "đồng hạng 1"), then its units not ranked, counted apart. Their bars follow the ranked ones
    (ranking.rank_units); a page titled by bar position ("thứ 121 đến 150") ended with
    five communes that sent nothing and have no rank (a QA pass)."""
    ranks = [b.rank for b in bars if b.rank is not None]
    said = []
    if len(ranks) > 1 and ranks[0] == ranks[-1]:  # a province's 100 communes all done
        said.append(f"đồng hạng {ranks[0]}")
    elif ranks:
        said.append(f"xếp hạng {ranks[0]}" if len(ranks) == 1 else
                    f"xếp hạng {ranks[0]} đến {ranks[-1]}")
    if len(ranks) < len(bars):
        said.append(f"{len(bars) - len(ranks)} đơn vị không xếp hạng")
    return "; ".join(said)


def page_title(title: str, n: int, pages: int, bars: list[Bar], start: int, end: int, *,
               ranked: bool) -> str:
    """The title of the ``n``-th (from 0) of a chart's ``pages`` printed parts, holding
    its ``bars[start:end]``: the ranks it shows on a chart by unit (``ranked``), else the
    bars' positions."""
    held = ranks_held(bars[start:end]) if ranked else f"thứ {start + 1} đến {end}"
    return f"{title} ({n + 1}/{pages}: {held})"


@dataclass
class Chart:
    key: str
    sheet: str
    title: str
    bars: list[Bar]
    # The units left out of it (sent nothing, have nothing to draw), said in one line
    # above the bars: "Không vẽ 148 đơn vị chưa gửi báo cáo (0,00%): …".
    note: str = ""
    # A chart by unit: its bars in Biểu 2's order, its pages titled by rank.
    ranked: bool = False

    def part_title(self, n: int, pages: int, start: int, end: int) -> str:
        return page_title(self.title, n, pages, self.bars, start, end, ranked=self.ranked)

    def pages(self) -> list[Chart]:
        """The chart as printed: itself, or parts of at most PAGE_BARS bars (the HTML page
        squeezed 166 communes into one chart of a page, its names half a point high)."""
        parts = chart_pages(len(self.bars))
        if len(parts) == 1:
            return [self]
        return [Chart(f"{self.key}-{n + 1}", self.sheet, self.part_title(n, len(parts), start, end),
                      self.bars[start:end], self.note if n == 0 else "", self.ranked)
                for n, (start, end) in enumerate(parts)]

    def svg(self, label_width: int = 300, bar_width: int = 560, line: int = 15,
            gap: int = 10) -> dict[str, object]:
        """Geometry of a horizontal bar chart for an inline SVG (0-100 % scale)."""
        items = []
        y = 30
        for b in self.bars:
            lines = textwrap.wrap(b.label, int(label_width / 6.6), break_long_words=False,
                                  break_on_hyphens=False)
            height = max(1, len(lines)) * line + gap
            items.append({"lines": lines, "y": y, "height": height,
                          "width": round(bar_width * max(0.0, min(b.value, 100.0)) / 100, 1),
                          "text": b.text, "bar_y": y + (height - gap) / 2 - 7})
            y += height
        # Room after a full bar for its rate and what follows it ("(chưa gửi)"): the
        # page's 12 px Times New Roman is 9 pt.
        after = max([70.0] + [text_width(b.text, 9) + 12 for b in self.bars])
        return {"items": items, "height": y + 25, "label_width": label_width,
                "bar_width": bar_width, "width": round(label_width + bar_width + after),
                "ticks": [(t, label_width + bar_width * t / 100) for t in range(0, 101, 20)],
                "axis_y": y}


# A chart's note names the units it leaves out when the whole line is at most this wide
# in 12 pt Times New Roman (the narrower chart's width, xlsx.PAGE_CHART_WIDTH: one line
# above its bars); else it counts them and points at Biểu 2, which lists every unit's
# return.
NOTE_PX = 840


def left_out_note(summary: Summary, units: list[UnitStat]) -> str:
    """One line saying which units a chart leaves out (:func:`.ranking.says_nothing`)."""
    if not units:
        return ""
    missing = sum(u.return_status == RETURN_MISSING for u in units)
    why = ("chưa gửi báo cáo" if missing == len(units) else
           "có tệp bị từ chối" if not missing else "chưa gửi báo cáo hoặc có tệp bị từ chối")
    names = name_units(summary.master, [u.code for u in units], crowd=CROWD)
    # What their bars would read; "Chưa đến hạn" for one with nothing due (UnitStat.not_due).
    rate = "" if any(u.not_due for u in units) else " (0,00%)"
    named = f"Không vẽ đơn vị {why}{rate}: {names}."
    if text_width(named) <= NOTE_PX:
        return named
    return f"Không vẽ {len(units)} đơn vị {why}{rate}: xem Biểu 2 (Theo đơn vị)."


def charts(summary: Summary) -> list[Chart]:
    """Completion by area and by ranked unit (units leading nothing are left out). A
    unit whose report is not in and that has nothing done is left out too, named or
    counted in its chart's note; one whose report is not in but has work done (an earlier
    period's, the office's assessment) says so after its rate ("40,00% (chưa gửi)"): its
    bar is what the plan holds of it, not what it reported."""
    areas = [Bar(a.title, a.rate or 0.0, a.rate_text) for a in summary.areas if a.assigned]
    groups: dict[str, list[Bar]] = {}  # in Biểu 2's order: offices first
    left_out: dict[str, list[UnitStat]] = {}
    for u in summary.units:
        if not u.led:
            continue
        bars = groups.setdefault(u.group, [])
        # A unit that says nothing (ranking.says_nothing) has an empty bar: at a
        # province's first quarter, five pages of "0,00% (chưa gửi)" (a QA pass).
        if not says_nothing(u):
            bars.append(Bar(u.name, u.rate or 0.0, u.rate_text if u.returned else
                            f"{u.rate_text} ({u.return_status.lower()})", u.rank))
        else:
            left_out.setdefault(u.group, []).append(u)
    notes = {g: left_out_note(summary, left_out.get(g, [])) for g in groups}
    area_chart = Chart("bieu-do-linh-vuc", "Biểu đồ lĩnh vực", AREA_CHART_TITLE, areas)
    if len(groups) < 2:  # one kind of unit: one list, one chart
        group, units = next(iter(groups.items()), ("", []))
        return [area_chart, Chart("bieu-do-don-vi", UNIT_CHART_SHEET, UNIT_CHART_TITLE, units,
                                  notes.get(group, ""), ranked=True)]
    return [area_chart, *(
        Chart(key, sheet, f"{UNIT_CHART_PREFIX}: {mid_sentence(group)} (%)", bars, notes[group],
              ranked=True)
        for (key, sheet), (group, bars) in zip(GROUP_CHARTS, groups.items(), strict=True))]
