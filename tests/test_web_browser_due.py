"""The notes of the periods beside the page's (base.html: the period due, a period gone
by with work left), in a real browser on a phone's width: read, not given the
keyboard's place, which goes to what an action did (app.js)."""

from __future__ import annotations

from test_web_due_now import _another_browser, june  # noqa: F401 (a fixture)

from support.tools import needs_chromium

NOTE = "Kỳ quý I năm 2026 đã qua hạn nộp báo cáo (20/03/2026) nhưng chưa lập báo cáo"


@needs_chromium
def test_a_period_gone_by_recalled_is_not_given_the_focus(server, page, june):  # noqa: F811
    """A QA pass: on 20 June, Giao việc of 6 tháng opened with quý I's note focused
    (outlined, the keyboard's place moved past the period's box), as a message of what
    an action did is."""
    base, _ = server
    drawn = _another_browser(june).get("/giao-viec").text.replace(str(june.base_url), base)
    # The page as the app drew it on the June folder, served at the server's address (its
    # script and style are the server's: the same files).
    page.route(f"{base}/giao-viec", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=drawn))
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(f"{base}/giao-viec")
        page.wait_for_function("() => document.readyState === 'complete' && "
                               "getComputedStyle(document.body).margin === '0px'")
        note = page.locator("main > .msg").first
        assert note.inner_text().startswith(NOTE)
        assert note.is_visible()
        assert page.evaluate("() => document.activeElement === document.body")
    finally:
        page.unroute(f"{base}/giao-viec")
        page.set_viewport_size({"width": 1280, "height": 900})
