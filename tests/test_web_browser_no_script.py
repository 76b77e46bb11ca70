"""The pages with JavaScript turned off in the browser (an office's locked-down browser,
a QA pass of a first quarter): the forms post themselves, so what the script draws
(the file chosen, the job's progress) must be said otherwise. The server, browser and
data folder as in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

import threading

from test_web_browser import RETURNS, _ready, _shot

from cchc_xl.web.jobs import Job
from support.tools import needs_chromium


def _no_script(page, width: int = 1366, height: int = 768):
    """A window of the test's browser with JavaScript off: its context, to close."""
    return page.context.browser.new_context(java_script_enabled=False, locale="vi-VN",
                                            viewport={"width": width, "height": height})


def _shown(tab, selector: str) -> bool:
    """Whether the element is there for the eye: drawn, not transparent, not 1 px."""
    return tab.evaluate("""(sel) => { const e = document.querySelector(sel);
        const s = getComputedStyle(e), box = e.getBoundingClientRect();
        return s.display !== "none" && s.visibility !== "hidden" && s.opacity !== "0"
               && box.width > 20 && box.height > 10; }""", selector)


@needs_chromium
def test_without_script_a_file_chosen_is_shown_not_said_unchosen(server, page):
    """A QA pass: without script, a Word plan chosen on Kế hoạch left the page saying
    "Chưa chọn tệp" beside the button (the script writes the name there), and the returns
    chosen on Thu nhận showed nothing at all (the browser's own picker, which lists the
    files, is kept out of sight for the script's), under "Kéo thả tệp hoặc cả thư mục vào
    đây": a file dropped there, with no script to take it, is opened by the browser in
    place of the page. Now the browser's own picker shows what was chosen, and the page
    offers no dragging."""
    base, data = server
    _ready(data)
    window = _no_script(page)
    try:
        tab = window.new_page()
        tab.goto(base + "/")
        tab.set_input_files("input[name=document]", str(RETURNS / "NV-phong-noi-vu.xlsx"))
        assert _shown(tab, "input[name=document]")
        said = tab.locator("#import-form .picked")
        assert not said.is_visible(), said.inner_text()
        _shot(tab, "no-script-plan-chosen")

        tab.goto(base + "/thu-nhan?ky=9T")
        tab.set_input_files("input[name=files]", [str(RETURNS / "NV-phong-noi-vu.xlsx"),
                                                  str(RETURNS / "TP-phong-tu-phap.xlsx")])
        assert _shown(tab, "input[name=files]")
        assert _shown(tab, "input[name=folder]")
        assert not tab.get_by_text("Kéo thả tệp hoặc cả thư mục vào đây").is_visible()
        assert tab.get_by_role("button", name="Tải lên", exact=True).is_visible()
        _shot(tab, "no-script-intake-chosen")
    finally:
        window.close()


@needs_chromium
def test_without_script_a_running_job_opens_its_page_again_until_done(server, page,
                                                                     monkeypatch):
    """A QA pass: without script, "Lập lại báo cáo" (as any job: import, split, merge)
    drew its page with the job "Đang chạy" and nothing more, for good: nobody polls the
    job, and the page did not say to open it again. Now the page opens itself again
    every few seconds while a job of it runs, and says so."""
    base, data = server
    _ready(data)
    started, release = threading.Event(), threading.Event()
    step = Job.progress

    def held(job, done, total, item):
        if job.kind == "report" and done == 0:
            started.set()
            release.wait(60)
        step(job, done, total, item)

    monkeypatch.setattr(Job, "progress", held)
    window = _no_script(page)
    try:
        tab = window.new_page()
        tab.goto(base + "/bao-cao?ky=9T")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Lập lại báo cáo").click()
        assert started.wait(30)
        tab.wait_for_selector(".job[data-state=running]")
        running = tab.inner_text(".job")
        assert "tự tải lại" in running
        assert "0/0" not in running  # nothing counted yet: no count, as the script shows
        _shot(tab, "no-script-job-running")
        release.set()
        # No reload here: the page's own.
        tab.wait_for_selector(".job[data-state=done]", timeout=30_000)
        assert "Đã lập báo cáo 9 tháng năm 2023" in tab.inner_text(".job")
    finally:
        release.set()
        window.close()
