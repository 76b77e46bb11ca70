"""The plan page's "Sao lưu và tải về (.zip)" in a real browser: the backup downloads and
the page, not drawn again, says what was saved. The server, browser and data folder as
in test_web_browser (the cycle's data: _ready)."""

from __future__ import annotations

import re
import zipfile

from test_web_browser import _ready, _shot

from support.tools import needs_chromium


@needs_chromium
def test_a_backup_made_in_the_browser_says_what_it_saved(server, page, tmp_path):
    """The page's script follows the finished backup to its download and stays on the
    page: its box said "Sao lưu dữ liệu · Xong" over "643/643" and nothing else (not
    which file, nor how much), the button stayed greyed out until the page was opened
    again, and "Tải lại bản sao lưu lúc …" named the backup made before, removed since
    (or was not there at all after a first backup)."""
    base, data = server
    _ready(data)
    page.goto(base + "/#sao-luu")
    card = page.locator("section#sao-luu")
    button = card.get_by_role("button", name="Sao lưu và tải về (.zip)")
    with page.expect_download(timeout=60_000) as info:
        button.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert zipfile.ZipFile(saved).testzip() is None
    # The backup's own box (the card holds the restore's too).
    box = card.locator('.job[data-form="backup-form"]')
    said = box.locator(".msg:not(.job-error)")
    said.wait_for(timeout=30_000)
    text = said.inner_text()
    assert re.fullmatch(rf"Đã sao lưu \d+ tệp vào tệp {re.escape(saved.name)} \([\d,]+ MB\)\.",
                        text), text
    assert box.locator(".job-current").inner_text() == ""
    assert button.is_enabled()
    # The link to the backup kept names this one: its time is the one in its name.
    day, hour = re.search(r"-(\d{8})-(\d{4})\.zip$", saved.name).groups()
    when = f"{hour[:2]}:{hour[2:]} ngày {day[6:]}/{day[4:6]}/{day[:4]}"
    again = card.locator("[data-again]")
    assert again.is_visible()
    assert again.inner_text().startswith(f"Tải lại bản sao lưu lúc {when} (")
    _shot(page, "sao-luu")
