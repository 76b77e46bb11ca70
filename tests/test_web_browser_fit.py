"""What the office types is seen whole, in a real browser at a laptop's width (1366 px):
a field as wide as its card, not cut at a fixed width. The server, browser and data
folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

from test_web_browser import _ready

from support.tools import needs_chromium
from support.web import PLACEHOLDER_FITS, opened_at_widths

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
        field.fill(RETURN_TO)
        field.press("Home")
        assert page.evaluate("""() => { const f = document.querySelector("#return-to");
            return f.scrollWidth <= f.clientWidth; }""")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


# The box's placeholder as the page's own text measures it: an input's scrollWidth
# leaves its placeholder out, so the placeholder is typed in to be measured.
@needs_chromium
def test_the_return_address_example_is_read_whole_on_a_phone_and_a_laptop(server, page):
    """A QA pass on a phone (390 px): the "Gửi lại cho" box's example, its placeholder,
    was cut at the box's end ("Ví dụ: Văn phòng HĐND và UBND phường, đ…"), the office
    unable to read it. The example is under the box, whole, at a phone's and a laptop's
    width; the placeholder is short enough for the box's one line at both."""
    base, data = server
    _ready(data)
    for width in opened_at_widths(page, base + "/giao-viec?ky=9T"):
        assert page.locator("#return-to").evaluate(PLACEHOLDER_FITS), width
        example = page.locator("#return-to-example")
        assert example.is_visible(), width
        said = example.inner_text()
        assert said.startswith("Ví dụ: Phòng Nội vụ, đồng chí Nguyễn Văn A"), said
        assert said.endswith("thư điện tử cchc@thanhhoa.gov.vn"), said
        assert example.evaluate("(e) => e.scrollWidth <= e.clientWidth"), width
        # Read with the box by a screen reader, as the hint above it is.
        assert "return-to-example" in page.locator("#return-to").get_attribute(
            "aria-describedby")


# Each box the office types in, its font as the page's text: [name, size, family].
TYPED_FONTS = """() => [...document.querySelectorAll(
    "main input[type=text], main input[type=search], main input[type=password]")].map(
    (i) => [i.name || i.id, getComputedStyle(i).fontSize, getComputedStyle(i).fontFamily])"""


@needs_chromium
def test_every_box_the_office_types_in_is_in_the_page_s_font(server, page):
    """A QA pass of a province's year (1280 px and 390 px): the deadline boxes of Phản
    hồi's two letters ("Hạn gửi lại", "Hạn báo cáo kết quả") and Kế hoạch's boxes (the
    province to add, the place and year of a blank plan) were in the browser's own
    smaller font (13.3 px Arial) beside the page's 15 px text, where "Ngày nhận" and
    "Gửi lại cho" are in the page's: every typed box is in the page's font now, its
    example (placeholder, "ngày/tháng/năm") read whole in it."""
    base, data = server
    _ready(data)
    for path in ("/", "/giao-viec?ky=9T", "/thu-nhan?ky=9T", "/phan-hoi?ky=9T"):
        for width in opened_at_widths(page, base + path):
            text = page.evaluate("""() => { const s = getComputedStyle(document.body);
                return [s.fontSize, s.fontFamily]; }""")
            boxes = page.evaluate(TYPED_FONTS)
            assert boxes, (path, width)
            assert [b for b in boxes if b[1:] != text] == [], (path, width, text)
            cut = [b.get_attribute("name") or b.get_attribute("id") for b in
                   page.locator("main input[placeholder]").all()
                   if b.is_visible() and not b.evaluate(PLACEHOLDER_FITS)]
            assert cut == [], (path, width)
