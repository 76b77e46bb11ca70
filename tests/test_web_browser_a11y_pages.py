"""The pages for a keyboard and a screen reader, in a real browser (continued from
test_web_browser_a11y): each unit's row named by its unit. The server, browser and data
folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

from test_web_browser import _ready
from test_web_browser_a11y import _named

from support.tools import needs_chromium
from support.web import opened_at_widths


@needs_chromium
def test_giao_viec_s_rows_are_headed_by_their_units(server, page):
    """A screen reader pass of Giao việc's "Tệp đã tạo": moving down the file column
    ("X02-Xã-Hoằng-Cát.xlsx", then 15, 11, 26 along the row) was read with the column's
    name and no unit's, the same on each of 47 rows (186 in a province). Each row is
    headed by its unit's name now, as on Thu nhận's board; it looks as before (as the
    row's code cell, at a laptop's width and a phone's) and "Tìm đơn vị" finds by it."""
    base, data = server
    _ready(data)
    for width in opened_at_widths(page, base + "/giao-viec?ky=9T", (1280, 390)):
        table = page.locator("#assigned")
        names = table.locator("tbody tr").evaluate_all(
            "(rows) => rows.map((r) => r.cells[1].textContent.trim())")
        assert len(names) == 47 and "Xã Hoằng Cát" in names, names
        assert [name for _, name in _named(page, {"rowheader"})] == names, width
        drawn = ("(e) => { const s = getComputedStyle(e); return [s.fontWeight, s.fontSize,"
                 " s.backgroundColor, s.textAlign, s.position, s.borderBottomWidth]; }")
        row = table.locator("tbody tr").first
        assert row.locator("th").evaluate(drawn) == row.locator("td").first.evaluate(drawn), width
        page.get_by_label("Tìm đơn vị").fill("hoang cat")
        assert table.locator("tbody tr:not([hidden]) th").all_inner_texts() == ["Xã Hoằng Cát"]
