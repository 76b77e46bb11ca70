"""The web app in a real browser with many units: finding one unit in a long table, and
a second upload sent while the first one's merge runs. The server, browser and data
folder are those of test_web_browser (its cycle's data, or _ready's)."""

from __future__ import annotations

import threading

from test_web_browser import RETURNS, _ready, page, server  # noqa: F401

from cchc_xl.web.jobs import Job
from support.tools import needs_chromium

# The rows a table shows, by their unit's code.
SHOWN = ("(t) => [...t.tBodies[0].rows].filter((r) => !r.hidden)"
         ".map((r) => r.cells[0].textContent.trim())")


@needs_chromium
def test_a_unit_is_found_by_name_typed_with_or_without_diacritics(server, page):  # noqa: F811
    """A province's board of 186 units (and Giao việc's table of them) had no way to find
    a commune but scrolling 8,700 pixels: a box finds it by code or name, typed with or
    without diacritics, within the board's filter chosen."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.wait_for_load_state()
    board = page.locator("table.board")
    everyone = len(board.evaluate(SHOWN))
    for typed in ("Xã Hoằng Cát", "xa hoang cat", "HOANG CAT", "X02"):
        page.get_by_label("Tìm đơn vị").fill(typed)
        assert board.evaluate(SHOWN) == ["X02"], typed
        assert page.inner_text(".found") == "1 đơn vị"
    page.get_by_label("Tìm đơn vị").fill("hoang")
    hoang = board.evaluate(SHOWN)
    assert 1 < len(hoang) < everyone
    page.get_by_role("button", name="Chưa gửi").click()  # both: not sent, named Hoằng…
    assert set(board.evaluate(SHOWN)) < set(hoang)
    page.get_by_label("Tìm đơn vị").fill("không có xã này")
    assert board.evaluate(SHOWN) == []
    assert page.inner_text(".found") == "Không tìm thấy đơn vị nào"
    page.get_by_label("Tìm đơn vị").fill("")
    page.get_by_role("button", name="Tất cả").click()
    assert len(board.evaluate(SHOWN)) == everyone
    page.goto(base + "/giao-viec?ky=9T")
    page.get_by_label("Tìm đơn vị").fill("thanh tra")
    assert page.locator("table#assigned").evaluate(SHOWN) == ["TTR"]


@needs_chromium
def test_a_second_upload_during_a_merge_shows_its_own_job(server, page, monkeypatch):  # noqa: F811
    """A file sent while the last upload's 150 files merged: the job box showed the new
    upload's title and "Đang chờ", then the last one's title and its files again, in
    turns, the page polling both jobs (a QA pass at a province's scale). Only the new
    upload's job is followed once it is sent."""
    base, data = server
    _ready(data)
    held, release = threading.Event(), threading.Event()
    step = Job.progress

    def hold(job, done, total, item):  # the folder's merge, held while it runs
        if total > 1 and not release.is_set():
            held.set()
            release.wait(60)
        step(job, done, total, item)

    monkeypatch.setattr(Job, "progress", hold)
    page.goto(base + "/thu-nhan?ky=9T")
    page.wait_for_load_state()
    try:
        page.locator("input[webkitdirectory]").set_input_files(RETURNS)
        assert held.wait(60)
        page.wait_for_function("document.querySelector('.job-state').textContent"
                               " === 'Đang chạy'")
        # Every title the box shows from here, as the page's polls write it.
        page.evaluate("""() => {
          window.titles = [];
          const title = document.querySelector('.job-title');
          new MutationObserver(() => window.titles.push(title.textContent))
            .observe(title, {childList: true, characterData: true, subtree: true});
        }""")
        page.locator("input[name=files]").set_input_files(RETURNS / "NV-phong-noi-vu.xlsx")
        page.wait_for_function("window.titles.filter((t) => t.startsWith('Gộp 1 tệp'))"
                               ".length >= 5")
        titles = page.evaluate("window.titles")
    finally:
        release.set()
    assert set(titles) - {"Tải lên"} == {t for t in titles if t.startswith("Gộp 1 tệp")}
    # The second's outcome, once both are done: the page drawn again with it.
    page.wait_for_selector(".job-head:has-text('Gộp 1 tệp') .job-state:text('Xong')")
