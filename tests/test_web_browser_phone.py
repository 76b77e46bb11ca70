"""The pages on a phone's width (390 px), in a real browser: the tables of the pages
become one card per row (app.css, "stack"), each cell named by its label."""

from __future__ import annotations

from support.tools import needs_chromium
from support.web import blank_plan_uploaded


@needs_chromium
def test_a_finding_of_no_sheet_or_cell_shows_no_empty_labels_on_a_phone(server, page,
                                                                       tmp_path):
    """A QA pass: a blank plan uploaded unfilled, the check's warning "bảng kế hoạch chưa
    có nhiệm vụ nào" (of the whole table: no sheet, no cell) showed on a phone as
    "Trang:  Ô:" with nothing after either, labels left dangling over the message."""
    base, _ = server
    client, _, drawn = blank_plan_uploaded(tmp_path)
    # The page as the app drew it, styled by the app's own sheet (the server's: the same
    # file), at a phone's width.
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.set_content(drawn.replace(str(client.base_url), base))
        page.wait_for_function("() => getComputedStyle(document.body).margin === '0px'")
        # Each row: its text, and the labels drawn before its cells ("Trang: ", "Ô: "),
        # which the cards show and its text does not hold.
        rows = page.evaluate("""() => [...document.querySelectorAll(
            "table.findings tbody tr")].map((row) => [row.innerText,
            [...row.querySelectorAll("td[data-label]")].filter(
              (td) => getComputedStyle(td).display !== "none"
                      && getComputedStyle(td, "::before").content !== "none")
            .map((td) => td.dataset.label)])""")
        assert page.evaluate("""() => getComputedStyle(
            document.querySelector("table.findings thead")).position""") == "absolute"
        (whole,) = [labels for text, labels in rows if "chưa có nhiệm vụ nào" in text]
        assert whole == [], whole
        (sheet,) = [labels for text, labels in rows if "còn trống" in text]
        assert sheet == ["Trang", "Ô"], sheet  # a finding with its place: named
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


@needs_chromium
def test_a_touch_only_phone_is_offered_files_not_a_folder_to_pick(server, page):
    """On a phone the upload box offered "Chọn thư mục", which a mobile browser opens as
    its plain file picker (no folder can be picked), under "Kéo thả tệp hoặc cả thư mục
    vào đây" (nothing is dragged on a touch screen): a QA pass at a province's scale.
    Touch only, "Chọn tệp" alone is offered; with a mouse, both and the drop zone's
    words, at any width."""
    from test_web_browser import _ready

    base, data = server
    _ready(data)
    phone = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
        locale="vi-VN")
    try:
        touch = phone.new_page()
        touch.goto(base + "/thu-nhan?ky=9T")
        assert touch.get_by_text("Chọn tệp", exact=True).is_visible()
        assert not touch.get_by_text("Chọn thư mục", exact=True).is_visible()
        assert not touch.get_by_text("Kéo thả tệp hoặc cả thư mục vào đây").is_visible()
        # What is offered still takes the files: the picker is the one the page sends.
        assert touch.locator("label.pick:visible input[name=files]").count() == 1
        assert "hoặc" not in touch.locator(".drop").inner_text()
        # Nor does a screen reader speak of dragging: the one control it is told of is
        # the picker (the zone, no control, has no name of its own).
        assert touch.get_by_role("button", name="Chọn tệp", exact=True).count() == 1
        assert touch.get_by_role("button", name="Kéo thả").count() == 0
    finally:
        phone.close()
    for width in (390, 1280):  # a narrow window of a computer is no phone
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + "/thu-nhan?ky=9T")
        for words in ("Chọn tệp", "Chọn thư mục", "Kéo thả tệp hoặc cả thư mục vào đây"):
            assert page.get_by_text(words, exact=True).is_visible(), (width, words)
    page.set_viewport_size({"width": 1280, "height": 900})


# Whether the job box's head and its last line (its outcome, or the file read) are on
# the screen: [head in sight, foot of the box's text in sight].
JOB_SEEN = """() => { const box = document.querySelector('.job');
  const seen = (e) => { const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight; };
  const last = box.querySelector('.msg:not([hidden])') || box.querySelector('.job-current');
  return [seen(box.querySelector('.job-head')), seen(last)]; }"""


@needs_chromium
def test_an_upload_s_progress_and_outcome_are_in_sight_on_a_phone(server, page):
    """A QA pass of a province on a phone (390 x 844): the files chosen with "Chọn tệp",
    the job's box stood under the drop zone at the screen's foot, its progress and then
    its outcome ("Cần xem …: 29 tệp có lỗi") out of sight, as the merge ran and on the
    page drawn at its end. The box is brought into sight, both times."""
    from test_web_browser import RETURNS, _ready

    base, data = server
    _ready(data)
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(base + "/thu-nhan?ky=9T")
        page.wait_for_load_state()
        page.evaluate("window.scrollTo(0, 0); window.drawnBefore = true")
        page.locator("input[name=files]").set_input_files(RETURNS / "NV-phong-noi-vu.xlsx")
        assert page.evaluate(JOB_SEEN) == [True, True]
        page.wait_for_function("""() => !window.drawnBefore
            && document.querySelector('.job-state').textContent === 'Xong'""")
        page.wait_for_timeout(100)  # the page's own start, which brings the box in sight
        assert "Đã đọc 1 tệp" in page.inner_text(".job .msg:not([hidden])")
        assert page.evaluate(JOB_SEEN) == [True, True]
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


@needs_chromium
def test_a_phone_goes_past_an_upload_s_lines_to_the_board(server, page):
    """A QA pass of a province's quarter on a phone (390 x 844): 80 files uploaded, their
    lines, each in full on a phone (app.css), stood 4,700 px over the board, its filters
    ("Chưa gửi") reached only by scrolling past them all. A link under the upload's
    message goes to the board, on a phone; a laptop's list scrolls in its own box and has
    no such link."""
    from test_web_browser import RETURNS, _ready

    from cchc_xl.web.pages.intake import LINES_TO_SKIP

    base, data = server
    _ready(data)
    files = sorted(RETURNS.glob("*.xlsx"))
    assert len(files) > LINES_TO_SKIP
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(base + "/thu-nhan?ky=9T")
        page.wait_for_load_state()
        page.evaluate("window.drawnBefore = true")
        page.locator("input[name=files]").set_input_files(files)
        page.wait_for_function("""() => !window.drawnBefore
            && document.querySelector('.job-state').textContent === 'Xong'""")
        link = page.get_by_role("link", name="Tới bảng “Tình hình các đơn vị”", exact=False)
        assert link.inner_text() == (f"Tới bảng “Tình hình các đơn vị” (sau {len(files)} "
                                     "dòng dưới đây)")
        lines = page.locator("ol.events").first.bounding_box()
        assert lines["height"] > 2 * 844  # what the link goes past
        link.click()
        page.wait_for_function("() => Math.abs(document.getElementById('tinh-hinh')"
                               ".getBoundingClientRect().top) < 2")
        assert page.get_by_role("button", name="Chưa gửi", exact=False).is_visible()
        page.set_viewport_size({"width": 1366, "height": 768})
        assert link.is_hidden()
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


@needs_chromium
def test_the_guide_reads_on_a_phone(server, page):
    """The "Hướng dẫn" page at 390 px: nothing wider than the screen (its code blocks
    and a table scroll in boxes of their own, a table's columns not crushed to a word a
    line), and a link of its "Mục lục" brings its section to the top."""
    from cchc_xl.web.guide import render_markdown

    base, _ = server
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(base + "/huong-dan")
        wide = render_markdown(
            "| Đơn vị | Nhiệm vụ | Sản phẩm | Thời hạn | Tình trạng | Ghi chú |\n"
            "| --- | --- | --- | --: | --- | --- |\n"
            "| Phòng Nội vụ | Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền | Báo cáo "
            "| 31/12/2026 | Đang thực hiện | `ke-hoach-cu/<mã>@<thời điểm>/` |\n")
        page.locator("article.guide").evaluate(
            "(a, html) => a.insertAdjacentHTML('beforeend', html)", wide)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            "article.guide pre, .table-scroll")].map((b) => [b.tagName, b.scrollWidth >
            b.clientWidth, getComputedStyle(b).overflowX])""")
        assert ["PRE", True, "auto"] in boxes and ["DIV", True, "auto"] in boxes, boxes
        widths = page.locator(".table-scroll td").evaluate_all(
            "(cells) => cells.map((c) => c.getBoundingClientRect().width)")
        assert min(widths) >= 100, widths
        page.locator("article.guide ul").first.get_by_role("link", name="Thu nhận").click()
        page.wait_for_function("() => location.hash.length > 1")
        top = page.evaluate("document.getElementById('trang-thu-nhận')"
                            ".getBoundingClientRect().top")
        assert 0 <= top < 40, top
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
