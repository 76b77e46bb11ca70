"""Two people on Thu nhận at once (the specialist and her deputy, each in a browser of
her own): each is told what her own upload did, whoever's merge ended last."""

from __future__ import annotations

import html
import re

from starlette.testclient import TestClient

from cchc_xl.web import create_app
from support.web import LOCAL, RETURNS, _token, _wait, _with_master


def _upload(client: TestClient, token: str, path) -> str:
    sent = client.post("/thu-nhan/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"},
                       files=[("files", (path.name, path.read_bytes()))])
    assert sent.status_code == 200, sent.text
    assert _wait(client, sent.json())["state"] == "done"
    return sent.json()["job"]


def _box(page: str) -> str:
    """The job box and the files listed under it (the outcome shown as this upload's)."""
    start = page.index('data-form="intake-form"')
    return page[start:page.index("</ol>", start)]


def test_each_one_s_page_shows_her_own_upload_not_the_one_that_ended_after_it(tmp_path):
    """The page drawn again at the end of an upload (app.js, with ?viec= the job it
    followed) showed the latest upload of the period, the deputy's that ended a moment
    after: "Đã nhận trước đó" for every file when both had been sent the same files, the
    specialist's own outcome folded under "Lần tải lên lúc …"."""
    data = _with_master(tmp_path)
    app = create_app(data)
    specialist, deputy = (TestClient(app, **LOCAL) for _ in range(2))
    mine, theirs = sorted(RETURNS.glob("*.xlsx"))[:2]
    own = _upload(specialist, _token(specialist, "/thu-nhan?ky=9T"), mine)
    _upload(deputy, _token(deputy, "/thu-nhan?ky=9T"), theirs)
    page = html.unescape(specialist.get(f"/thu-nhan?ky=9T&viec={own}").text)
    box = _box(page)
    assert mine.name in box and theirs.name not in box
    later = re.search(r'<p class="msg info later">(.*?)</p>', page, re.S)
    assert later is not None, page
    assert re.fullmatch(
        r"Sau lần tải lên này có 1 lần tải lên khác \(ở cửa sổ hay máy khác\), lúc "
        r"\d\d:\d\d:\d\d: kết quả ở dưới danh sách tệp này; tình hình hiện tại xem ở bảng "
        r"“Tình hình các đơn vị”\.", later[1]), later[1]
    # The deputy's own page, and a page opened afresh, show the latest as before.
    for client, address in ((deputy, "/thu-nhan?ky=9T&viec=khong-co"),
                            (specialist, "/thu-nhan?ky=9T")):
        box = _box(html.unescape(client.get(address).text))
        assert theirs.name in box and mine.name not in box
