"""The pages with the keyboard only, in a real browser: the "Kỳ báo cáo" box at the top
of each page (app.js, choosePeriod). The server, browser and data folder as in
test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

from test_web_browser import _ready

from support.tools import needs_chromium

FOCUSED = "() => document.activeElement && document.activeElement.id"


def _options(page) -> list[str]:
    return page.eval_on_selector("#ky", "s => [...s.options].map((o) => o.value)")


@needs_chromium
def test_the_period_is_chosen_with_the_arrows_and_opened_with_enter(server, page):
    """A QA pass: one arrow key on the focused box opened that period's page at once, focus
    back at the page's top; from "Năm" to "Quý I" took four rounds of Tab and arrow. Now
    the arrows move the choice, the page stays, Enter opens the period chosen and the box
    keeps the focus; leaving the box with Tab opens it too; Escape puts the page's back."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=NAM")
    options = _options(page)
    key = "ArrowDown" if options.index("Q1") > options.index("NAM") else "ArrowUp"
    steps = abs(options.index("Q1") - options.index("NAM"))
    assert steps >= 2, options  # more than one arrow: the case of the QA pass
    page.focus("#ky")
    for _ in range(steps):
        page.keyboard.press(key)
        page.wait_for_timeout(150)  # a navigation, were one started, would have begun
        assert page.url == base + "/thu-nhan?ky=NAM"
        assert page.evaluate(FOCUSED) == "ky"
    assert page.eval_on_selector("#ky", "s => s.value") == "Q1"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + "/thu-nhan?ky=Q1"
    assert "Quý I" in page.inner_text("main h1")
    page.wait_for_function("() => document.activeElement.id === 'ky'")  # focus kept
    # Escape: the choice moved back to the page's own, nothing opened on leaving.
    page.keyboard.press("ArrowUp" if key == "ArrowDown" else "ArrowDown")
    assert page.eval_on_selector("#ky", "s => s.value") != "Q1"
    page.keyboard.press("Escape")
    assert page.eval_on_selector("#ky", "s => s.value") == "Q1"
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert page.url == base + "/thu-nhan?ky=Q1"
    # Leaving the box with Tab after a change opens the period chosen.
    page.focus("#ky")
    page.keyboard.press("ArrowUp" if key == "ArrowDown" else "ArrowDown")
    chosen = page.eval_on_selector("#ky", "s => s.value")
    assert chosen != "Q1"
    with page.expect_navigation():
        page.keyboard.press("Tab")
    assert page.url == base + f"/thu-nhan?ky={chosen}"


@needs_chromium
def test_a_period_picked_with_the_mouse_opens_at_once(server, page):
    base, data = server
    _ready(data)
    page.goto(base + "/bao-cao?ky=NAM")
    with page.expect_navigation():
        page.select_option("#ky", "Q1")
    assert page.url == base + "/bao-cao?ky=Q1"
    assert page.evaluate(FOCUSED) != "ky"


@needs_chromium
def test_a_step_asked_first_is_asked_once_when_its_key_is_pressed_again(server, page):
    """Enter on "Rút khỏi số liệu", the question answered, Enter again while the page went
    (an impatient keyboard, a double click): the question came a second time for the step
    already sent (data-once then kept it from going twice), its "Hủy" undoing nothing."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    sent, asked = [], []
    # The request held: the shared data folder keeps its files, the page stays as it is
    # while the answer is on its way.
    page.route("**/thu-nhan/9T/rut", lambda route: (sent.append(route.request.url),
                                                     route.fulfill(status=204)))
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    button = page.locator("form[action*='/rut'] button").first
    button.evaluate("b => { for (let d = b.closest('details'); d; "
                    "d = d.parentElement.closest('details')) d.open = true; }")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert len(sent) == 1, sent
    assert len(asked) == 1, asked
    assert asked[0].startswith("Rút tệp ")
    page.unroute("**/thu-nhan/9T/rut")
