"""The pages for a keyboard and a screen reader, in a real browser: what has focus is
seen, what is chosen is said, and what a job does is announced. The server, browser
and data folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

import threading
import time

import pytest
from test_web_browser import RETURNS, _hold_merge_after, _ready

from cchc_xl.web.pages.upload_lines import KNOWN
from support.tools import needs_chromium
from support.web import opened_at_widths

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
    page.keyboard.press("Tab")  # "Bỏ qua đến nội dung chính" first (base.html)
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


# Each change of the page's text as a screen reader would meet it: the element changed,
# its words before and after, and the live region it is in (its class; null: none).
WATCH = """() => { window.changes = [];
  const words = (nodes) => [...nodes].map((n) => n.textContent).join("");
  new MutationObserver((records) => { for (const r of records) {
    const el = r.target.nodeType === 3 ? r.target.parentElement : r.target;
    const live = el.closest("[aria-live]:not([aria-live=off]), [role=status], [role=alert]");
    window.changes.push({cls: el.className, before: words(r.removedNodes),
                         after: words(r.addedNodes) || el.textContent,
                         live: live && live.className});
  } }).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


@needs_chromium
def test_an_upload_s_progress_is_announced_once_per_step(server, page, monkeypatch):
    """A screen reader pass of Thu nhận: a file chosen, nothing was said: the job's box
    ("Tải lên · Đang gửi", "Gộp 1 tệp … · Đang chạy") was in no live region, and the page
    drawn again at its end left the keyboard at the page's start, the outcome ("Đã đọc 1
    tệp …") to be looked for. Now the box's head is read as it changes, once per step
    (written again with the same words at each poll, it would be read again every 0.4 s),
    the running counts ("Đang tải lên 100%", "3/43 …") are not read out, and the outcome
    has the focus once the page is drawn again."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.evaluate(WATCH)
    held = _hold_merge_after(monkeypatch, KNOWN)  # sent before: told "Đã nhận trước đó"
    with page.expect_navigation(timeout=60_000):
        page.set_input_files("input[name=files]", RETURNS / "NV-phong-noi-vu.xlsx")
        try:
            page.wait_for_function("() => document.querySelector('.job-state').textContent"
                                   " === 'Đang chạy'", timeout=60_000)
            page.wait_for_timeout(1500)  # polled a few times while the merge is held
            changes = page.evaluate("() => window.changes")
        finally:
            held.set()
    said = [(c["cls"], c["after"]) for c in changes if c["live"]]
    assert ("job-state", "Đang gửi") in said, changes
    assert ("job-state", "Đang chạy") in said, changes
    assert any(c["after"].startswith("Gộp 1 tệp") for c in changes
               if c["live"] and c["cls"] == "job-title"), changes
    # Not read again and again: no live text written over with the same words.
    again = [c for c in changes if c["live"] and c["before"] and c["before"] == c["after"]]
    assert not again, again
    # The running counts are on the page, not read out.
    counts = [c for c in changes if c["cls"] == "job-current" and c["after"]]
    assert counts and not any(c["live"] for c in counts), counts
    # The page drawn again: the keyboard, and a screen reader, at the outcome.
    outcome = page.locator(".job .msg.ok")
    outcome.wait_for()
    assert outcome.inner_text().startswith("Đã đọc 1 tệp")
    page.wait_for_function("() => document.activeElement.matches('.job .msg.ok')")


@needs_chromium
def test_an_upload_refused_is_read_out(server, page):
    """An upload refused (a day received that is no date) is said in the job's box; a
    screen reader read nothing of it, the box's error in no live region. It is an alert
    now, read as it shows."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.fill("#received", "31/02/2026")
    page.set_input_files("input[name=files]", RETURNS / "NV-phong-noi-vu.xlsx")
    alert = page.locator(".job").get_by_role("alert")
    alert.wait_for()
    assert "31/02/2026" in alert.inner_text(), alert.inner_text()


@needs_chromium
def test_the_report_frame_shows_it_has_the_keyboard(server, page):
    """A keyboard pass of Báo cáo: after "Ghi đánh giá", Tab goes into the report's frame
    (the arrows and Page Down then scroll the report), and nothing showed it: the frame
    had no focus ring, its page none either. The frame is ringed while it has the
    keyboard, and not once the keyboard has left it."""
    base, data = server
    _ready(data)
    page.goto(base + "/bao-cao?ky=9T")
    page.get_by_role("button", name="Ghi đánh giá").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "IFRAME"
    frame = page.locator("iframe.report")
    page.wait_for_function("""() => getComputedStyle(document.querySelector("iframe.report"))
                              .outlineStyle !== "none" """)
    ring, width = frame.evaluate(
        "(f) => [getComputedStyle(f).outlineColor, getComputedStyle(f).outlineWidth]")
    behind = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert float(width.removesuffix("px")) >= 2, width
    assert _contrast(page, ring, behind) >= 3, (ring, behind)
    page.keyboard.press("Shift+Tab")  # back to "Ghi đánh giá"
    page.wait_for_function("""() => getComputedStyle(document.querySelector("iframe.report"))
                              .outlineStyle === "none" """)


# Each element a keyboard or a screen reader operates, with each such element inside it
# (a control inside a control, WCAG 4.1.2): the outer one's start and the inner one's.
NESTED = """() => {
  const controls = ["a[href]", "button", "input:not([type=hidden])", "select", "textarea",
    "summary", "iframe", "[tabindex]:not([tabindex='-1'])", "[contenteditable=true]",
    ...["button", "link", "checkbox", "radio", "switch", "tab", "menuitem", "option",
        "combobox", "textbox", "searchbox", "slider", "spinbutton"].map((r) => `[role=${r}]`),
  ].join(", ");
  const start = (e) => e.outerHTML.slice(0, 80);
  return [...document.querySelectorAll(controls)].flatMap((outer) =>
    [...outer.querySelectorAll(controls)].map((inner) => [start(outer), start(inner)]));
}"""


@needs_chromium
def test_no_control_of_thu_nhan_holds_another_and_a_keyboard_uploads(server, page):
    """A screen reader pass of Thu nhận: the drop zone was a button ("Chọn tệp để tải
    lên") holding the two pickers, "Chọn tệp" and "Chọn thư mục": a control inside a
    control, read and reached badly (the zone's name over the pickers', the same picker
    met twice with Tab). No control of the page holds another now, and the keyboard
    uploads from the pickers themselves: Tab from "Ngày nhận" to "Chọn tệp", Enter opens
    the picker, the file chosen is merged; "Chọn thư mục" is the next Tab."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.locator("details.sent").first.evaluate("(d) => { d.open = true; }")  # its buttons
    assert page.locator("ul.sent-files button").count() >= 1
    assert page.evaluate(NESTED) == []
    # Playwright turns on catching the file chooser without waiting for it when one is
    # first awaited: a key pressed at once opened the browser's own dialog 1 run in 5
    # (no event). Turned on here, long before the key.
    page.on("filechooser", lambda _: None)
    page.focus("#received")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "files"
    assert ("button", "Chọn tệp") in _named(page, {"button"})
    with page.expect_file_chooser() as chosen:
        page.keyboard.press("Enter")
    assert chosen.value.is_multiple()
    with page.expect_navigation(timeout=60_000):  # the page drawn again at the job's end
        chosen.value.set_files(RETURNS / "NV-phong-noi-vu.xlsx")
    outcome = page.locator(".job .msg.ok")
    outcome.wait_for()
    assert outcome.inner_text().startswith("Đã đọc 1 tệp"), outcome.inner_text()
    assert "NV-phong-noi-vu.xlsx" in page.inner_text("ol.events")
    # "Chọn thư mục" next (Space opens either picker: test_web_browser's keyboard_only).
    page.focus("#received")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "folder"


def _named(page, roles: set[str]) -> list[tuple[str, str]]:
    """What Chromium gives a screen reader for the page's elements of ``roles``: each
    one's role and name, in the page's order (those out of sight left out)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [(n["role"]["value"], n.get("name", {}).get("value", "")) for n in nodes
            if not n.get("ignored") and n.get("role", {}).get("value") in roles]


def _column_headers(page) -> list[str]:
    """The names a screen reader is given for the page's table column headers."""
    return [name for _, name in _named(page, {"columnheader"})]


# What is operated or followed on the pages: each needs a name a screen reader reads.
CONTROLS = {"button", "checkbox", "combobox", "link", "progressbar", "radio", "searchbox",
            "textbox", "Iframe", "slider", "spinbutton", "listbox"}


@needs_chromium
def test_every_control_has_a_name_a_screen_reader_reads(server, page):
    """A screen reader pass of the five pages: the job's progress bar (shown on Thu nhận
    after an upload, and while any job runs) was read as "thanh tiến trình" with no name;
    every other control had one. The bar is named "Tiến độ" now; every control of each
    page (the page's language Vietnamese) has a name."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    with page.expect_navigation(timeout=60_000):  # the page drawn again at the job's end
        page.set_input_files("input[name=files]", RETURNS / "NV-phong-noi-vu.xlsx")
    page.locator(".job progress").wait_for()
    pages = ["/thu-nhan?ky=9T", "/", "/giao-viec?ky=9T", "/phan-hoi?ky=9T", "/bao-cao?ky=9T"]
    for path in pages:
        if path != pages[0]:
            page.goto(base + path)
        assert page.evaluate("() => document.documentElement.lang") == "vi"
        controls = _named(page, CONTROLS)
        assert len(controls) > 5, (path, controls)
        unnamed = [role for role, name in controls if not name.strip()]
        assert not unnamed, (path, unnamed)


@needs_chromium
def test_the_board_s_column_headers_are_read_by_their_names(server, page):
    """A screen reader pass of Thu nhận: moving along a row of the units' table, each
    column was named with the sorting arrow drawn after it ("Tình trạng ↕", then "Tình
    trạng ↑" once sorted): the arrow was read as part of the name at every cell. The
    arrows stay on screen; the names are the columns' own, the order said by the
    header's sort state."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    names = _column_headers(page)
    assert names[:6] == ["Mã", "Đơn vị", "Tình trạng", "Ngày gửi", "Lỗi", "Cảnh báo"], names
    header = page.locator("#board th[data-sort]").nth(2)
    assert header.evaluate("(th) => getComputedStyle(th, '::after').content").startswith('"')
    header.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    assert _column_headers(page)[2] == "Tình trạng"


# Which sides of a screenshot (PNG, base64) hold a pixel of the colour [r, g, b] in their
# outer `band` pixels, along the middle half of each: top, right, bottom, left (decoded
# by the page, in a canvas).
SIDES_IN = """async ([b64, rgb, band]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));  // no fetch: the CSP
  const image = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
  const canvas = document.createElement("canvas");
  [canvas.width, canvas.height] = [image.width, image.height];
  const g = canvas.getContext("2d");
  g.drawImage(image, 0, 0);
  const px = g.getImageData(0, 0, image.width, image.height).data;
  const near = (x, y) => { const i = 4 * (y * image.width + x);
    return [0, 1, 2].reduce((sum, k) => sum + Math.abs(px[i + k] - rgb[k]), 0) < 40; };
  const any = (xs, ys) => xs.some((x) => ys.some((y) => near(x, y)));
  const range = (a, b) => Array.from({length: b - a}, (_, i) => a + i);
  const [w, h] = [image.width, image.height];
  // Each side along its middle half: a corner holds both sides met there.
  const [xs, ys] = [range(w >> 2, (3 * w) >> 2), range(h >> 2, (3 * h) >> 2)];
  return {top: any(xs, range(0, band)), right: any(range(w - band, w), ys),
          bottom: any(xs, range(h - band, h)), left: any(range(0, band), ys)};
}"""


@needs_chromium
def test_a_column_header_s_focus_ring_is_seen_whole(server, page):
    """A keyboard pass of Thu nhận: a column header focused to sort the units' table
    showed its ring on two sides only: the table's scroll box cut its top, the next
    header (each one kept in place as the table scrolls) hid its right side. The ring
    is drawn inside the header now, seen on its four sides."""
    import base64

    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    header = page.locator("#board th[data-sort]").nth(2)
    header.focus()
    page.keyboard.press("Enter")  # sorted with the keyboard: the ring is shown
    page.evaluate("""() => window.scrollTo(0, window.scrollY
                     + document.querySelector("#board").getBoundingClientRect().top - 200)""")
    box = header.bounding_box()
    out = 5  # around the header, where a ring drawn outside it would be
    shot = page.screenshot(clip={"x": box["x"] - out, "y": box["y"] - out,
                                 "width": box["width"] + 2 * out,
                                 "height": box["height"] + 2 * out})
    accent = page.evaluate("""() => getComputedStyle(document.documentElement)
                              .getPropertyValue("--accent").trim()""")
    rgb = [int(accent[i:i + 2], 16) for i in (1, 3, 5)]
    sides = page.evaluate(SIDES_IN, [base64.b64encode(shot).decode(), rgb, out + 4])
    assert sides == {"top": True, "right": True, "bottom": True, "left": True}, sides


PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def locked(tmp_path):
    """The app behind its login (a password set, as for other computers): its address."""
    import uvicorn

    from cchc_xl.web import create_app
    from cchc_xl.web.server import open_socket

    sock = open_socket("127.0.0.1", 0)
    app = create_app(tmp_path, password=PASSWORD)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)


@needs_chromium
def test_a_wrong_password_is_read_with_its_field(locked, page):
    """A screen reader pass of the login: a wrong password, the page came back with the
    keyboard in the password field, read as "Mật khẩu" alone; "Mật khẩu không đúng." above
    it was not read, and the office typed on not knowing why it was asked again. The field
    is now said to be wrong, and described by the message."""
    page.goto(locked + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng nhập"
    page.keyboard.type("sai-mat-khau")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    field = page.get_by_label("Mật khẩu")
    page.wait_for_function("() => document.activeElement.name === 'password'")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby")
    assert described, "the field names no message"
    said = " ".join(page.locator(f"#{name}").inner_text() for name in described.split())
    assert said == "Mật khẩu không đúng.", said
    # The login opened afresh: the field is not said to be wrong.
    page.goto(locked + "/")
    assert page.get_by_label("Mật khẩu").get_attribute("aria-invalid") is None


@needs_chromium
def test_the_units_found_are_read_once_typing_pauses(server, page):
    """A screen reader pass of Thu nhận's "Tìm đơn vị": how many units were found was
    read at each key ("47 đơn vị", "12 đơn vị", "2 đơn vị", …), over the letters being
    typed. It is shown at each key as before, and read out once, when typing pauses."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.evaluate(WATCH)
    page.get_by_label("Tìm đơn vị").focus()
    page.keyboard.type("hoang cat", delay=60)
    assert page.inner_text(".found") == "1 đơn vị"  # seen at once
    page.wait_for_timeout(1200)
    changes = page.evaluate("() => window.changes")
    read = [c["after"] for c in changes if c["live"] is not None and c["after"]]
    assert read == ["1 đơn vị"], changes


def _described(page, role: str) -> list[tuple[str, str]]:
    """The name and description Chromium gives a screen reader for each element of
    ``role`` on the page."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [(n.get("name", {}).get("value", ""), n.get("description", {}).get("value", ""))
            for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") == role]


@needs_chromium
def test_a_screen_reader_is_told_the_board_sorts_by_a_column(server, page):
    """A screen reader pass of Thu nhận: Tab reaches each column header of the units'
    table, read "Tình trạng, tiêu đề cột" and nothing more: that Enter sorts the table by
    it was seen only in the arrow drawn beside it. Each header to sort by says so."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    headers = dict(_described(page, "columnheader"))
    for name in ("Mã", "Đơn vị", "Tình trạng", "Ngày gửi", "Lỗi", "Cảnh báo"):
        assert "sắp xếp" in headers[name], (name, headers)
    assert "sắp xếp" not in headers["Vấn đề"]  # not one to sort by


@needs_chromium
def test_a_field_refused_has_the_keyboard(server, page):
    """A keyboard pass of Kế hoạch's "Bảng kế hoạch trống": a year typed wrong ("abc"), the
    page came back scrolled to the form with its message, and the keyboard at the page's
    start: some twenty Tabs (the header, the five steps, the plan's forms) back to the
    year. The field refused has the keyboard now, read with what is wrong with it."""
    base, data = server
    _ready(data)
    page.goto(base + "/")
    page.fill("#blank-year", "abc")
    page.focus("#blank-year")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    message = page.locator("#blank-error")
    assert message.inner_text().startswith("Năm kế hoạch 'abc' không dùng được")
    page.wait_for_function("() => document.activeElement.id === 'blank-year'")
    page.keyboard.press("Control+A")
    page.keyboard.type("2027")
    assert page.input_value("#blank-year") == "2027"


@needs_chromium
def test_a_choice_box_is_in_the_page_s_font(server, page):
    """A pass at 200 % zoom of Kế hoạch: "Cấp" of a blank plan ("Cấp xã (Ủy ban nhân dân
    xã, phường)") was in the browser's own smaller font (13.3 px) beside its 15 px label
    and boxes, a line of small print among them. It is in the page's font now."""
    base, data = server
    _ready(data)
    page.goto(base + "/")
    body = page.evaluate("() => getComputedStyle(document.body).fontSize")
    sizes = page.eval_on_selector_all(
        "main select", "(all) => all.map((s) => [s.id, getComputedStyle(s).fontSize])")
    assert sizes and all(size == body for _, size in sizes), (body, sizes)


# Each label of a form and where its box is: "beside" (on the label's line, after it),
# "under" (the next line, from the label's left), or "apart"; and whether the box is
# seen whole (its right edge inside the page).
BESIDE = """(form) => [...form.querySelectorAll("label[for]")].map((l) => {
  const box = document.getElementById(l.htmlFor);
  const [a, b] = [l.getBoundingClientRect(), box.getBoundingClientRect()];
  const mid = (r) => r.top + r.height / 2;
  const where = Math.abs(mid(a) - mid(b)) < 8 && b.left >= a.right ? "beside"
    : b.top >= a.bottom - 2 && b.top - a.bottom < 12 && Math.abs(b.left - a.left) < 4 ? "under"
    : "apart";
  return [l.textContent.trim(), where, b.right <= document.documentElement.clientWidth]; })"""


@needs_chromium
def test_a_blank_plan_s_labels_stay_beside_their_boxes_when_zoomed(server, page):
    """A pass at 200 % zoom (1366 x 768: 683 px of page) of "Bảng kế hoạch trống": the
    form's line wrapped between "Địa phương" and its box, the label left at the end of one
    line and the box at the start of the next, read as the label of what follows it. Each
    label keeps its box beside it at 200 %, beside or over it on a phone (as before), each
    box seen whole, nothing wider than the page."""
    base, data = server
    _ready(data)
    places = {683: {"beside"}, 390: {"beside", "under"}}
    for width in opened_at_widths(page, base + "/", tuple(places)):
        place = places[width]
        pairs = page.locator("form.blank").evaluate(BESIDE)
        assert [name for name, _, _ in pairs] == ["Cấp", "Địa phương", "Năm kế hoạch"], pairs
        assert all(where in place and whole for _, where, whole in pairs), (width, pairs)
        assert page.evaluate("""() => document.scrollingElement.scrollWidth
                                <= document.documentElement.clientWidth"""), width


@needs_chromium
def test_help_once_in_tooltips_is_in_sight_and_read_with_its_control(server, page):
    """A keyboard pass of the pages: three pieces of help were tooltips (title), which only
    a mouse resting on their control shows: how the keyboard opens a period in "Kỳ báo
    cáo" (arrows, then Enter or Tab: told to a mouse only), what Thu nhận's filter "Có
    lỗi" takes in (not a unit whose every file was refused), and that a column header of
    its board sorts it with a click or Enter. Each is text in sight now, the first while
    the keyboard is on the box, and read with its control. What tooltips are left on the
    pages say what is said on the page besides."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    period_hint = page.locator("#ky-hint")
    assert period_hint.is_hidden()  # in the way of nothing until the keyboard is there
    page.keyboard.press("Tab")  # "Bỏ qua đến nội dung chính" first (base.html)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "ky"
    assert period_hint.is_visible()
    assert period_hint.inner_text() == "Phím mũi tên để chọn kỳ, Enter (hoặc Tab) để mở."
    assert dict(_described(page, "combobox"))["Kỳ báo cáo"] == period_hint.inner_text()
    filter_hint = page.locator("#co-loi-hint")
    assert filter_hint.is_visible()
    assert filter_hint.inner_text() == ("“Có lỗi”: đơn vị có tệp được nhận còn lỗi cần sửa; "
                                        "đơn vị mọi tệp đều bị từ chối xem ở “Tệp bị từ chối”.")
    described = dict(_described(page, "button"))
    (with_errors,) = [name for name in described if name.startswith("Có lỗi (")]
    assert described[with_errors] == filter_hint.inner_text()
    sort_hint = page.locator(".sort-hint")
    assert sort_hint.is_visible()
    assert sort_hint.inner_text() == ("Bấm vào tên cột (hoặc Tab đến tên cột rồi Enter) để "
                                      "sắp xếp bảng theo cột đó; bấm lần nữa để đảo thứ tự.")
    headers = dict(_described(page, "columnheader"))
    assert headers["Tình trạng"] == sort_hint.inner_text(), headers
    # Left: the report frame's title (its name), and "Rút khỏi số liệu", whose tooltip
    # says what its question says before anything is done.
    for path in ("/thu-nhan?ky=9T", "/phan-hoi?ky=9T", "/bao-cao?ky=9T"):
        page.goto(base + path)
        left = page.eval_on_selector_all("[title]:not(iframe):not(form[data-confirm] button)",
                                         "(all) => all.map((e) => e.outerHTML.slice(0, 80))")
        assert left == [], (path, left)


@needs_chromium
def test_a_letter_s_deadline_refused_has_the_keyboard(server, page):
    """A keyboard pass of Phản hồi: a deadline typed wrong ("abc"), Enter on "Lập công văn
    đôn đốc" said why in the job's box, and the keyboard was at the page's start (the
    button, greyed out while the request went, lost it), the field two Tabs back, not
    said to be wrong. The field refused has the keyboard now, its text selected to type
    over, said wrong and read with why (the newest why, typed wrong again)."""
    base, data = server
    _ready(data)
    page.goto(base + "/phan-hoi?ky=9T")
    field = page.get_by_label("Hạn gửi lại")
    field.fill("abc")
    field.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # on "Lập công văn đôn đốc" (or "Lập lại công văn")
    error = page.locator(".job[data-form=remind-form]").get_by_role("alert")
    error.wait_for()
    assert error.inner_text().startswith("Hạn gửi lại 'abc' không phải ngày"), error.inner_text()
    page.wait_for_function("() => document.activeElement.name === 'deadline'")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.evaluate("() => getSelection().toString() || document.activeElement.value"
                         ".slice(document.activeElement.selectionStart,"
                         " document.activeElement.selectionEnd)") == "abc"
    described = dict(_described(page, "textbox"))  # the box's format, then why
    assert described[field.evaluate("(f) => f.labels[0].textContent.trim()")] == (
        "ngày/tháng/năm " + error.inner_text())
    page.keyboard.type("32/13/2023")  # over "abc"
    page.keyboard.press("Enter")
    page.wait_for_function("""() => document.querySelector(
        ".job[data-form=remind-form] .job-error").textContent.includes("32/13/2023")""")
    assert field.get_attribute("aria-invalid") == "true"  # refused again
    assert dict(_described(page, "textbox"))[field.evaluate(
        "(f) => f.labels[0].textContent.trim()")].startswith("ngày/tháng/năm Ngày 32/13/2023 "
                                                             "không có")
    # Refused with no field named (here a refusal made up on the way): the keyboard back
    # on the button pressed, not at the page's start.
    page.route("**/phan-hoi/9T", lambda route: route.fulfill(
        status=400, content_type="application/json", body='{"error": "Thử lại sau."}'))
    try:
        field.fill("")
        page.focus("#remind-form button[type=submit]")  # "Lập (lại) công văn …"
        page.keyboard.press("Enter")
        page.wait_for_function("""() => document.querySelector(
            ".job[data-form=remind-form] .job-error").textContent === "Thử lại sau." """)
        page.wait_for_function("""() => document.activeElement === document.querySelector(
            "#remind-form button[type=submit]")""")
        assert field.get_attribute("aria-invalid") is None  # not the field's fault
    finally:
        page.unroute("**/phan-hoi/9T")


@needs_chromium
def test_each_row_of_the_board_is_headed_by_its_unit(server, page):
    """A screen reader pass of Thu nhận's board: Tab through a row's "1 tệp đã gửi", "Xem
    4 ghi nhận", "Rút khỏi số liệu" was read with the column's name and no unit's, the
    same on each of 47 rows (186 in a province), the unit's name two cells back. Each
    row is headed by its unit's name now, which a screen reader says with what is read
    in the row; the table finds, filters and sorts by it as before."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    names = page.locator("#board tbody tr").evaluate_all(
        "(rows) => rows.map((r) => r.cells[1].textContent.trim())")
    headers = [name for _, name in _named(page, {"rowheader"})]
    assert len(names) == 47 and headers == names, headers
    page.get_by_role("columnheader", name="Đơn vị").click()
    in_order = page.evaluate("(names) => names.slice().sort((a, b) => a.localeCompare(b, 'vi'))",
                             names)
    assert in_order != names
    assert [name for _, name in _named(page, {"rowheader"})] == in_order
    page.get_by_label("Tìm đơn vị").fill("hoang cat")
    assert page.locator("#board tbody tr:not([hidden]) th").all_inner_texts() == ["Xã Hoằng Cát"]
    page.get_by_label("Tìm đơn vị").fill("")
