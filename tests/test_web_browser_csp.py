"""The Content-Security-Policy the app serves (web/security.py), in a real browser:
every page shown without a violation and still working (its script, its forms, the
report in its frame, styled), and a script slipped into a page refused. The server,
browser and data folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

import shutil

from test_web_browser import (
    RETURNS,
    _ready,
)

from support.tools import needs_chromium

# Each violation the browser reports in a page or frame, kept where the test reads it.
LISTEN = """window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.violations.push(
  `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""
PAGES = ("/", "/giao-viec?ky=9T", "/thu-nhan?ky=9T", "/phan-hoi?ky=9T", "/bao-cao?ky=9T",
         "/bao-cao/9T/trang", "/dang-nhap", "/bao-cao/ZZ/trang")
# What markup slipped into a page would try: a script element and an inline event
# handler (an attribute "onclick"), each noting that it ran.
INJECTED = """() => {
  window.ran = [];
  const script = document.createElement("script");
  script.textContent = "window.ran.push('script');";
  document.body.append(script);
  const button = document.createElement("button");
  button.setAttribute("onclick", "window.ran.push('onclick');");
  document.body.append(button);
  button.click();
  return window.ran;
}"""


def _listening(page) -> list[str]:
    """What the console says of the policy, from now on (the page's own listener
    is added with LISTEN to each page and frame loaded)."""
    said: list[str] = []
    page.on("console", lambda m: said.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.context.add_init_script(LISTEN)
    return said


def _violations(page) -> list[str]:
    return [v for frame in page.frames for v in frame.evaluate("window.violations || []")]


@needs_chromium
def test_every_page_is_shown_under_its_policy_without_a_violation(server, page,
                                                                 tmp_path):
    """Without a policy, a name or note from a unit's file that slipped past the escaping
    would run as the app's own script. Each page, the error page and the report in its
    frame now load under one with nothing refused; and the pages still work."""
    base, data = server
    _ready(data)
    said = _listening(page)
    for path in PAGES:
        answer = page.goto(base + path)
        assert "default-src 'none'" in answer.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        assert _violations(page) == [], path
    assert said == []

    # The report in the Báo cáo page's frame, its inline styles applied.
    page.goto(base + "/bao-cao?ky=9T")
    report = page.frame_locator("iframe").locator("body")
    assert "Times New Roman" in report.evaluate("(b) => getComputedStyle(b).fontFamily")
    widths = report.evaluate("""(b) => [...b.querySelectorAll("col")]
      .map((c) => c.style.width).filter(Boolean).length""")
    assert widths > 0
    # The board: its filter and its search box (app.js).
    page.goto(base + "/thu-nhan?ky=9T")
    page.get_by_label("Tìm đơn vị").fill("hoang cat")
    assert page.inner_text(".found") == "1 đơn vị"
    page.get_by_label("Tìm đơn vị").fill("")
    page.get_by_role("button", name="Chưa gửi").click()
    assert page.locator("table.board tbody tr:not([hidden])").count() < \
        page.locator("table.board tbody tr").count()
    # An upload, sent and followed by the page's script to its result.
    sent = shutil.copyfile(RETURNS / "NV-phong-noi-vu.xlsx", tmp_path / "NV gửi lại.xlsx")
    # Its merge ended, the page draws itself again: waited for, or the next goto
    # raced that reload (net::ERR_ABORTED on a loaded machine).
    with page.expect_navigation(timeout=60_000):
        page.locator("input[name=files]").set_input_files(sent)
    page.wait_for_selector("ol.events li:has-text('NV gửi lại.xlsx')", timeout=60_000)
    # "Quay lại" on an error page: back to the page before (it was an inline
    # "javascript:" link, which the policy refuses).
    page.goto(base + "/phan-hoi?ky=9T")
    page.goto(base + "/bao-cao/ZZ/trang")
    page.get_by_role("link", name="Quay lại").click()
    page.wait_for_url("**/phan-hoi?ky=9T")
    assert _violations(page) == [] and said == []


@needs_chromium
def test_a_script_slipped_into_a_page_does_not_run(server, page):
    """The policy is the defence should markup get through: a script in the page's
    markup, an inline event handler and an inline style are refused on the app's pages,
    and no script at all runs in the report's page."""
    base, data = server
    _ready(data)
    said = _listening(page)
    for path in ("/thu-nhan?ky=9T", "/bao-cao/9T/trang"):
        page.goto(base + path)
        assert page.evaluate(INJECTED) == [], path
        page.wait_for_function("() => window.violations.some((v) => v.startsWith('script-src'))")
    page.goto(base + "/thu-nhan?ky=9T")
    colour = page.evaluate("""() => {
      const style = document.createElement("style");
      style.textContent = "body { color: rgb(1, 2, 3) !important; }";
      document.head.append(style);
      return getComputedStyle(document.body).color;
    }""")
    assert colour != "rgb(1, 2, 3)"
    page.wait_for_function("() => window.violations.some((v) => v.startsWith('style-src'))")
    assert any("Content Security Policy" in s for s in said)
