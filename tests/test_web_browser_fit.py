"""What the office types is seen whole, in a real browser at a laptop's width (1366 px):
a field as wide as its card, not cut at a fixed width. The server, browser and data
folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

from test_web_browser import _ready

from support.tools import needs_chromium

# Where units send their files back, as an office writes it (a QA pass of a province).
RETURN_TO = ("Sở Nội vụ, phòng Cải cách hành chính, ĐT 0237 3852 111, thư điện tử "
             "cchc.snv@thanhhoa.gov.vn")


@needs_chromium
def test_where_units_send_their_files_back_is_seen_whole(server, page):
    """A QA pass: "Gửi lại cho" on Giao việc was 40 characters' wide in a card three
    times as wide: an address typed there ("… thư điện tử cchc.snv@thanhhoa.gov.vn"), and
    the field's own example, were cut at the field's end, so the office could not read
    over what every unit's guide sheet would say. The field now spans its card."""
    base, data = server
    _ready(data)
    page.set_viewport_size({"width": 1366, "height": 768})
    try:
        page.goto(base + "/giao-viec?ky=9T")
        field = page.locator("#return-to")
        assert page.evaluate("""() => { const f = document.querySelector("#return-to");
            return f.scrollWidth <= f.clientWidth; }""")  # the example, unfilled
        field.fill(RETURN_TO)
        field.press("Home")
        assert page.evaluate("""() => { const f = document.querySelector("#return-to");
            return f.scrollWidth <= f.clientWidth; }""")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
