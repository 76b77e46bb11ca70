"""The pages for a keyboard and a screen reader, in a real browser: what has focus is
seen, what is chosen is said, and what a job does is announced. The server, browser
and data folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

from test_web_browser import _ready

from support.tools import needs_chromium

# WCAG's contrast ratio of two CSS colours "rgb(r, g, b)" (alpha left out: the colours
# measured here are opaque).
RATIO = """([a, b]) => {
  const lum = (c) => { const [r, g, v] = c.match(/[\\d.]+/g).slice(0, 3).map((x) => {
      x = Number(x) / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * v; };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05); }"""


def _contrast(page, a: str, b: str) -> float:
    return page.evaluate(RATIO, [a, b])


@needs_chromium
def test_the_period_box_shows_its_focus_on_the_blue_header(server, page):
    """A keyboard pass: Tab from a page's start reaches "Kỳ báo cáo" first, and nothing
    showed it: its focus ring was drawn in the header's own blue, around a box with no
    border. The ring is drawn in white there now, as visible as on the page below."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "ky"
    ring, width = page.eval_on_selector(
        "#ky", "(s) => [getComputedStyle(s).outlineColor, getComputedStyle(s).outlineWidth]")
    header = page.eval_on_selector("header.top", "(h) => getComputedStyle(h).backgroundColor")
    assert float(width.removesuffix("px")) >= 2, width
    # Non-text contrast (WCAG 1.4.11): 3:1 against what is beside it.
    assert _contrast(page, ring, header) >= 3, (ring, header)


@needs_chromium
def test_the_board_s_filter_chosen_is_said_not_only_coloured(server, page):
    """A screen reader pass of Thu nhận: the filter chosen over the units' table ("Chưa
    gửi (5)") was told from the others by its blue fill alone; a screen reader read six
    alike buttons, none said to be on. The one chosen is now a pressed button, the others
    not, as it changes with the keyboard."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    filters = page.get_by_role("group", name="Lọc đơn vị theo tình trạng")
    assert filters.get_by_role("button", pressed=True).all_inner_texts() == [
        page.locator("[data-filter='']").inner_text()]
    missing = filters.get_by_role("button", name="Chưa gửi")
    missing.focus()
    page.keyboard.press("Enter")
    assert filters.get_by_role("button", pressed=True).all_inner_texts() == [
        missing.inner_text()]
    assert filters.get_by_role("button", pressed=False).count() == 5
    # The rows shown are those it names.
    shown = page.locator("#board tbody tr:not([hidden])")
    assert shown.count() >= 1
    assert all(state == "Chưa gửi" for state in shown.locator("td:nth-child(3)").all_inner_texts())
