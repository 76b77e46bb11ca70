"""The pages for a keyboard and a screen reader, in a real browser (continued from
test_web_browser_a11y): each page's content reached past its header, each unit's row
named by its unit, each date box's format read with it. The server, browser and data
folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

from test_web_browser import _ready
from test_web_browser_a11y import _described, _named

from support.tools import needs_chromium
from support.web import opened_at_widths

SKIP = "Bỏ qua đến nội dung chính"

# The element with the keyboard: its tag, its text, whether it is inside the page's
# content (main), and whether it is what is seen at its own middle (nothing over it).
FOCUSED = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {tag: e.tagName, text: e.textContent.trim(), inMain: !!e.closest("main"),
          width: r.width, height: r.height, seen: !!top && (top === e || e.contains(top))}; }"""


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


@needs_chromium
def test_every_page_s_first_tab_skips_to_its_content(server, page):
    """A keyboard pass of the five pages: seven Tab stops ("Kỳ báo cáo", then the five
    steps and "Hướng dẫn") before anything of the page itself, at every page opened. The
    first Tab is "Bỏ qua đến nội dung chính" now, seen while it has the keyboard (out of
    sight before), and Enter on it takes the next Tab into the page's content."""
    base, data = server
    _ready(data)
    for path in ("/", "/giao-viec?ky=9T", "/thu-nhan?ky=9T", "/phan-hoi?ky=9T",
                 "/bao-cao?ky=9T"):
        page.goto(base + path)
        link = page.get_by_role("link", name=SKIP)
        assert link.count() == 1, path
        box = link.bounding_box()
        assert box["width"] <= 1 and box["height"] <= 1, (path, box)  # out of sight
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        assert (first["tag"], first["text"]) == ("A", SKIP), (path, first)
        assert first["seen"] and first["width"] > 100 and first["height"] > 15, (path, first)
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        after = page.evaluate(FOCUSED)
        assert after["inMain"], (path, after)


# Each date box the office types in: its page and its label.
DATE_BOXES = (("/phan-hoi?ky=9T", "Hạn gửi lại"), ("/phan-hoi?ky=9T", "Hạn báo cáo kết quả"),
              ("/thu-nhan?ky=9T", "Ngày nhận"))


@needs_chromium
def test_a_date_box_s_format_stays_in_sight_and_is_read_with_it(server, page):
    """A pass of the date boxes (Phản hồi's two letters' deadlines, Thu nhận's "Ngày
    nhận"): how a date is written, "ngày/tháng/năm", was the box's grey placeholder
    only, gone at the first key typed ("15/1…": day first or month?) and never read by a
    screen reader once the box held a day. It is beside the box now, in sight while
    typing, at a laptop's width and a phone's, and read with the box."""
    base, data = server
    _ready(data)
    for path, label in DATE_BOXES:
        for width in opened_at_widths(page, base + path, (1280, 390)):
            box = page.get_by_label(label)
            box.fill("15/1")  # typing started
            said = dict(_described(page, "textbox"))
            name = box.evaluate("(b) => b.labels[0].textContent.trim()")
            assert said[name].startswith("ngày/tháng/năm"), (path, width, said[name])
            shown = [h for h in box.get_attribute("aria-describedby").split()
                     if page.locator(f"#{h}").inner_text() == "ngày/tháng/năm"]
            assert len(shown) == 1, (path, width)
            hint = page.locator(f"#{shown[0]}")
            assert hint.is_visible(), (path, width)
            # Whole, next to the box: on its line, or on the line under it.
            at, beside = box.bounding_box(), hint.bounding_box()
            assert beside["x"] + beside["width"] <= width, (path, width, beside)
            assert beside["y"] < at["y"] + at["height"] + 30, (path, width, at, beside)
