"""A day received refused at Thu nhận, in a real browser: the files chosen with it are
kept in the page and sent again with the day corrected, never chosen again (app.js,
holdFiles). The server and browser as in test_web_browser; the data folder the
module's own, made by _ready on the day the tests set (TODAY)."""

from __future__ import annotations

from test_web_browser import RETURNS, _ready, _shot

from support.browser_day import TODAY, _the_day, web_data  # noqa: F401  (its day, its folder)
from support.tools import needs_chromium

SENT = ["TP-phong-tu-phap.xlsx", "NV-phong-noi-vu.xlsx"]


@needs_chromium
def test_a_refused_day_received_keeps_the_files_chosen(server, page):
    """A QA pass: a day received refused (before the period began) was said, but the files
    chosen were dropped: the office had to choose them again. Now they are listed under
    the date, and the day corrected sends them: merged without choosing them again."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.fill("#received", "15/10/2021")
    page.set_input_files("input[name=files]", [str(RETURNS / name) for name in SENT])
    error = page.locator(".job .job-error")
    error.wait_for(timeout=60_000)
    assert error.inner_text().startswith("Ngày nhận 15/10/2021 trước khi kỳ báo cáo bắt đầu")
    held = page.locator("[data-held]")
    assert held.is_visible()
    said = held.locator(".held-said").inner_text()
    assert said.startswith("Các tệp đã chọn (2 tệp, chưa tải lên, không cần chọn lại):")
    assert all(name in said for name in SENT), said
    assert "Sửa ô “Ngày nhận”" in said
    # The field to correct has the focus, marked as refused.
    assert page.evaluate("() => document.activeElement.id") == "received"
    assert page.get_attribute("#received", "aria-invalid") == "true"
    _shot(page, "intake-refused-day-held")

    # Corrected, and sent with Enter in the date (the button does the same).
    page.fill("#received", "05/01/2027")
    with page.expect_navigation(timeout=60_000):  # drawn again once merged
        page.press("#received", "Enter")
    page.wait_for_selector(".job .msg:not(.job-error)", timeout=60_000)
    assert page.locator(".job .job-title").inner_text() == "Gộp 2 tệp kỳ 9 tháng năm 2023"
    listed = page.inner_text("ol.events")
    assert all(name in listed for name in SENT), listed
    assert not page.locator("[data-held]:visible").count()


@needs_chromium
def test_without_script_a_refused_day_received_keeps_the_files_sent(server, page, tmp_path):
    """Without the page's script the browser sends the form itself, and cannot fill the
    file input of the page drawn again: the files sent with a day refused were lost, to
    be chosen again. The app holds them now, the page lists them, and the form sent with
    the day corrected merges them."""
    base, data = server
    _ready(data)
    window = page.context.browser.new_context(java_script_enabled=False, locale="vi-VN",
                                              viewport={"width": 1280, "height": 900})
    tab = window.new_page()
    try:
        tab.goto(base + "/thu-nhan?ky=9T")
        tab.fill("#received", "01/01/2999")
        # With the lock file Excel leaves beside an open workbook, passed over.
        (lock := tmp_path / "~$NV-phong-noi-vu.xlsx").write_bytes(b"lock")
        tab.set_input_files("input[name=files]",
                            [str(RETURNS / name) for name in SENT] + [str(lock)])
        with tab.expect_navigation():
            tab.get_by_role("button", name="Tải lên", exact=True).click()
        assert "Ngày nhận 01/01/2999 chưa tới" in tab.inner_text("main")
        said = tab.inner_text("[data-held-upload] .held-said")
        assert said.startswith("Đã nhận 2 tệp: NV-phong-noi-vu.xlsx, TP-phong-tu-phap.xlsx;")
        _shot(tab, "intake-refused-day-held-no-script")

        tab.fill("#received", "05/01/2027")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Gộp các tệp đã nhận").click()
        for _ in range(120):  # no script polls the job: the page opened again
            if tab.locator(".job[data-state=done]").count():
                break
            tab.wait_for_timeout(500)
            tab.reload()
        assert tab.inner_text(".job .job-title") == "Gộp 2 tệp kỳ 9 tháng năm 2023"
        listed = tab.inner_text("ol.events")
        assert all(name in listed for name in SENT), listed
        passed = tab.locator("ol.events li", has_text=lock.name).inner_text()
        assert "Bỏ qua" in passed, listed
        assert not tab.locator("[data-held-upload]").count()
        _shot(tab, "intake-held-merged-no-script")
    finally:
        window.close()
