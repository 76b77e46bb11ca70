""""Đăng xuất" in a real browser (web/logins.py): a copy of the browser's cookie, taken
before the office's specialist logged out, opens the app no more; its login page says
why it asks for the password. The app behind its login as in test_web_browser_a11y."""

from __future__ import annotations

import pytest
from test_web_browser_a11y import PASSWORD, locked

from cchc_xl.web.logins import ENDED
from support.paths import SHOTS
from support.tools import CHROMIUM, needs_chromium

__all__ = ["locked"]  # the fixture, used by name


@needs_chromium
@pytest.mark.slow
def test_a_cookie_copied_before_log_out_opens_the_login_page_in_a_browser(locked):
    from conftest import BROWSER_ARGS
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            shared = browser.new_context(locale="vi-VN", viewport={"width": 1366,
                                                                   "height": 768})
            page = shared.new_page()
            page.goto(locked + "/thu-nhan")
            page.get_by_label("Mật khẩu").fill(PASSWORD)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url.endswith("/thu-nhan")
            # Another user of the computer copies the browser's cookies...
            copied = shared.cookies()
            with page.expect_navigation():
                page.get_by_role("button", name="Đăng xuất").click()
            assert "Đã đăng xuất" in page.inner_text("main")
            # ...and opens the app with them after the specialist logged out.
            other = browser.new_context(locale="vi-VN", viewport={"width": 1366,
                                                                  "height": 768})
            other.add_cookies(copied)
            taken = other.new_page()
            taken.goto(locked + "/thu-nhan")
            assert "/dang-nhap" in taken.url
            assert taken.get_by_role("heading", level=1).inner_text() == "Đăng nhập"
            assert ENDED in taken.inner_text("main")
            taken.screenshot(path=str(SHOTS / "dang-xuat-ban-sao-cookie.png"))
        finally:
            browser.close()
