"""One day for every page of the web app (plan_periods.today): the period a session opens
on, Thu nhận's "Ngày nhận", the day a file uploaded without one is received, the Báo cáo
page's note of a draft, Phản hồi's deadline hints and the letter's date."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import docx

from cchc_xl.snapshot import load_snapshot
from cchc_xl.web import plan_periods
from support.web import RETURNS, _client, _sent, _token, _wait, _with_master

DRAFT = "Chưa đến ngày chốt số liệu của kỳ (14/09/2023): báo cáo lập bây giờ là bản nháp"


def test_the_pages_agree_on_the_day_it_is(tmp_path, monkeypatch):
    """With the day set (a test, a QA run on the Hoằng Hóa plan's 9 tháng, due 20/09/2023)
    the session opened on the period of that day, but Thu nhận offered the clock's date as
    "Ngày nhận" and recorded a file sent without one as received on the clock's day, the
    Báo cáo page said whether a report was a draft by the clock, and Phản hồi's hints
    and letter were dated by it: the pages disagreed about what day it was."""
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 25))
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert re.search(r'name="received" value="25/09/2023"[^>]* data-today="25/09/2023"', page)
    # Sent without a day (the field left as shown: the page's script sends none).
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())
                                 ])["state"] == "done"
    (sub,) = load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2023-09-25"
    board = html.unescape(client.get("/thu-nhan?ky=9T").text)
    row = board[board.index('<td class="unit-code">NV</td>'):]
    assert 'data-label="Ngày gửi" data-value="20230925">25/09/2023' in row[:row.index("</tr>")]
    # Phản hồi: a deadline gone by is said so against that day, and the letter is dated it.
    done = _wait(client, client.post(
        "/phan-hoi/9T", data={"deadline": "22/9"},
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert "hạn gửi lại 22/09/2023 trong công văn đã qua (hôm nay 25/09/2023)" in \
        done["result"]["message"]
    letter = docx.Document(io.BytesIO(client.get("/tai-ve/don-doc/9T").content))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "Đến ngày 25/09/2023, đã nhận báo cáo của 1/47 đơn vị" in text
    assert "Phòng Nội vụ (muộn 5 ngày)." in text  # received 25/09, due 20/09
    # Báo cáo: after the cut-off (14/09/2023) no draft; the day before it, a draft.
    assert DRAFT not in html.unescape(client.get("/bao-cao?ky=9T").text)
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 13))
    assert DRAFT in html.unescape(client.get("/bao-cao?ky=9T").text)
