"""Thu nhận in a real browser: the lines its script draws as an upload runs, and its
boxes read whole at a phone's (390 px) and a laptop's (1366 px) width. The server,
browser and data folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

from test_web_browser import _ready

from support.tools import needs_chromium
from support.web import PLACEHOLDER_FITS, opened_at_widths


def _draw(server, page, events: str) -> None:
    """Thu nhận opened with its list of what uploads did emptied, then ``events`` (a
    JavaScript array of the upload's files, as the job's status gives them) drawn by the
    page's script as an upload running draws them (app.js's addEvents)."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.wait_for_load_state()
    page.evaluate(f"""() => {{ document.querySelector("[data-events]").replaceChildren();
      addEvents({events}); }}""")


@needs_chromium
def test_a_line_drawn_as_the_upload_runs_puts_its_reason_after_a_colon(server, page):
    """The page's script drew a file's reason after its counts with a space only ("(1
    lỗi, 1 cảnh báo) tệp chưa được điền: …", a QA pass), as the page drawn again did:
    after a colon now, as the page's other lines and the page drawn again."""
    _draw(server, page, """[{name: "CA.xlsx", kind: "rejected", outcome: "Bị từ chối",
                  unit: "Công an phường", errors: 1, warnings: 1,
                  reason: "tệp chưa được điền: không ô nhập liệu nào thay đổi"},
                 {name: "Thumbs.db", kind: "skipped", outcome: "Bỏ qua", unit: "",
                  errors: 0, warnings: 0, reason: "tệp hệ thống"}]""")
    lines = page.locator("ol.events li").all_inner_texts()
    assert lines == ["Bị từ chối CA.xlsx → Công an phường (1 lỗi, 1 cảnh báo): tệp chưa "
                     "được điền: không ô nhập liệu nào thay đổi",
                     "Bỏ qua Thumbs.db: tệp hệ thống"], lines
    # A late file's lateness in the board's tag for it, as the page drawn again draws it
    # (macros.html), not a reason in red.
    page.evaluate("""() => addEvents([{name: "X02.xlsx", kind: "accepted",
      outcome: "Được nhận", unit: "Xã Hoằng Cát", errors: 0, warnings: 0, reason: "",
      late: "Muộn 5 ngày"}])""")
    late = page.locator("ol.events li").nth(2)
    assert late.inner_text() == "Được nhận X02.xlsx → Xã Hoằng Cát Muộn 5 ngày"
    assert late.locator(".tag.st-muon").inner_text() == "Muộn 5 ngày"
    assert not late.locator(".reason").count()


@needs_chromium
def test_a_line_drawn_as_the_upload_runs_shows_its_errors_as_the_page_drawn_again(server,
                                                                                  page):
    """A QA pass: a file taken with errors had its counts plain on the line the script drew
    as the upload ran, bold and red on the same line once the page was drawn again (its
    counts in span.counts, macros.html): now alike, a file with no error's counts plain."""
    _draw(server, page, """[{name: "X02.xlsx", kind: "accepted", outcome: "Được nhận",
                  unit: "Xã Hoằng Cát", errors: 1, warnings: 2, reason: ""},
                 {name: "X03.xlsx", kind: "accepted", outcome: "Được nhận",
                  unit: "Xã Hoằng Châu", errors: 0, warnings: 1, reason: ""}]""")
    erred, warned = page.locator("ol.events li .counts").all()
    assert erred.inner_text() == "(1 lỗi, 2 cảnh báo)"
    assert warned.inner_text() == "(1 cảnh báo)"
    style = "(e) => [getComputedStyle(e).fontWeight, getComputedStyle(e).color]"
    drawn = page.locator("ol.events li").first.evaluate(style)
    assert erred.evaluate(style) != drawn  # the errors stand out from the line
    assert warned.evaluate(style) == page.locator("ol.events li").nth(1).evaluate(style)


@needs_chromium
def test_the_day_received_box_shows_its_placeholder_whole(server, page):
    """A QA pass of a commune's 9-month returns: "Ngày nhận" emptied to type another
    day showed its placeholder cut, "ngày/tháng/nă…", at a phone's width and a laptop's
    (the box was 11 characters wide in the page's own font). Measured as the page draws
    it: an input's scrollWidth leaves its placeholder out, so the placeholder is typed."""
    base, data = server
    _ready(data)
    for width in opened_at_widths(page, base + "/thu-nhan?ky=9T"):
        box = page.locator("#received")
        assert box.get_attribute("placeholder") == "ngày/tháng/năm"
        box.fill("")
        assert box.evaluate(PLACEHOLDER_FITS), width


@needs_chromium
def test_the_find_unit_box_lines_up_as_the_day_received_box(server, page):
    """A QA pass at a phone's width (390 px): "Tìm đơn vị"'s box, wrapped under its
    label, sat indented (the margin that set it apart beside the label), in the
    browser's smaller font, where "Ngày nhận"'s box on the same page sits flush under its
    label in the page's font. Now both alike, its placeholder read whole, at a phone's
    width and a laptop's (beside the label there)."""
    base, data = server
    _ready(data)
    for width in opened_at_widths(page, base + "/thu-nhan?ky=9T"):
        line = page.locator("p.find").bounding_box()
        box = page.locator("p.find input")
        at = box.bounding_box()
        beside = at["y"] < line["y"] + 4  # on the label's line
        assert beside == (width == 1366), (width, line, at)
        if not beside:
            assert abs(at["x"] - line["x"]) < 1, (width, line, at)
        sizes = page.evaluate("""() => ["#received", "p.find input"].map(
            s => getComputedStyle(document.querySelector(s)).fontSize)""")
        assert sizes[0] == sizes[1], sizes
        assert box.evaluate(PLACEHOLDER_FITS), width


def _job_ended(server, page, address: str, job: str, kind: str, title: str) -> str:
    """The page at ``address`` open, the job ``job`` answered as ended whenever the page
    asks (its script's polling); the server's address."""
    import json

    base, data = server
    _ready(data)
    page.goto(base + address)
    ended = {"id": job, "kind": kind, "title": title, "state": "done", "state_label": "Xong",
             "done": 1, "total": 1, "current": "", "error": "", "events": [],
             "event_count": 0, "result": {}, "offer": {}}
    page.route(f"**/viec/{job}*", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(ended)))
    return base


@needs_chromium
def test_the_page_drawn_at_an_upload_s_end_names_the_upload_it_followed(server, page):
    """Two people at once: the page drawn again at the end of an upload showed the
    period's latest upload, the deputy's that ended after it, as this one's outcome. The
    page's script now names the upload it followed in the address it draws (?viec=, which
    pages/intake.py shows in the box: tests/test_web_two_at_once.py)."""
    base = _job_ended(server, page, "/thu-nhan?ky=9T", "abc123", "merge",
                      "Gộp 1 tệp kỳ 9 tháng năm 2023")
    with page.expect_navigation():
        page.evaluate("""() => poll(document.querySelector('.job[data-form="intake-form"]'),
                                    "/viec/abc123", "/thu-nhan?ky=9T")""")
    assert page.url == base + "/thu-nhan?ky=9T&viec=abc123"
    page.unroute("**/viec/abc123*")


@needs_chromium
def test_the_report_page_drawn_at_a_verdict_upload_s_end_names_it(server, page):
    """Báo cáo: two people recording verdicts at once each saw the one ended last as
    hers. The page's script names the verdict upload it followed in the address it draws
    (?viec=, as Thu nhận's: pages/report.py shows that one, tests/test_web_two_at_once.py);
    the report made ("Lập báo cáo") is no upload, its page drawn as before."""
    base = _job_ended(server, page, "/bao-cao?ky=9T", "abc124", "assess",
                      "Đọc đánh giá từ 'th.xlsx'")
    for form, address in (("assess-form", "/bao-cao?ky=9T&viec=abc124"),
                          ("report-form", "/bao-cao?ky=9T")):
        with page.expect_navigation():
            page.evaluate(f"""() => poll(document.querySelector('.job[data-form="{form}"]'),
                                        "/viec/abc124", "/bao-cao?ky=9T")""")
        assert page.url == base + address
    page.unroute("**/viec/abc124*")
