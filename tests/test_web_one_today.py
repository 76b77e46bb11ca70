"""One day for every page of the web app (plan_periods.today): the period a session opens
on, Thu nhận's "Ngày nhận", the day a file uploaded without one is received, the Báo cáo
page's note of a draft, Phản hồi's deadline hints and the letter's date."""

from __future__ import annotations

import html
import io
import re
from datetime import date, datetime

import docx
import openpyxl

from cchc_xl.snapshot import load_snapshot
from cchc_xl.web import plan_periods
from support.clock import set_clock
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


def _report_made(client, token) -> tuple[str, str, list[str]]:
    """The Báo cáo page after its button made the report, the Word report's text (its
    letterhead's date line included) and the workbook's strings, as downloaded."""
    made = _wait(client, client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                                             "Accept": "application/json"}
                                     ).json())
    assert made["state"] == "done", made
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    word = docx.Document(io.BytesIO(client.get("/tai-ve/bao-cao-docx/9T").content))
    text = "\n".join([p.text for p in word.paragraphs]
                     + [c.text for t in word.tables for r in t.rows for c in r.cells])
    book = openpyxl.load_workbook(io.BytesIO(client.get("/tai-ve/bao-cao/9T").content),
                                  read_only=True)
    cells = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if isinstance(v, str)]
    return page, text, cells


def test_the_report_made_on_the_page_s_day_says_what_the_page_says(tmp_path, monkeypatch):
    """The Báo cáo page said by the app's day whether a report made now is a draft, but
    the report it made (write_report) went by the clock: with the day set to 13/09/2023
    (the day before the cut-off, 14/09/2023) the page warned of a draft and the files
    said nothing of one, their figures "đến ngày 14/09/2023"; with the day set after it,
    the Word report's date line read the clock's year, not 2023."""
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 13))
    client = _client(_with_master(tmp_path))
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())
                                 ])["state"] == "done"
    early = ("Báo cáo lập ngày 13/09/2023, trước ngày chốt số liệu 14/09/2023: số liệu chưa "
             "đủ kỳ")
    page, text, cells = _report_made(client, token)
    assert DRAFT in page
    assert early in text and "(số liệu đến ngày 13/09/2023)" in text
    assert re.search(r"ngày\u00a0+tháng\u00a0+năm 2023", text)
    assert any(early in c for c in cells)

    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 25))
    page, text, cells = _report_made(client, token)
    assert DRAFT not in page
    assert "Báo cáo lập ngày" not in text and "(số liệu đến ngày 14/09/2023)" in text
    assert re.search(r"ngày\u00a0+tháng\u00a0+năm 2023", text)
    assert not [c for c in cells if "Báo cáo lập ngày" in c]


def test_a_file_received_on_the_app_s_day_is_merged_when_that_day_is_after_the_clock_s(
        tmp_path, monkeypatch):
    """The pages took the app's day (set ahead of the clock: a test, a QA run of the
    days after a report's due day) as "Ngày nhận", but the merge checked the day
    against the clock and refused it: the upload failed with "Ngày nhận … chưa tới
    (hôm nay là <the clock's day>)", the day the page itself offered."""
    set_clock(monkeypatch, date(2027, 1, 5))
    ahead = date(2027, 2, 14)  # 40 days on
    monkeypatch.setattr(plan_periods, "today", lambda: ahead)
    client = _client(_with_master(tmp_path))
    token = _token(client)
    state = _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])
    assert state["state"] == "done", state.get("error")
    (sub,) = load_snapshot(tmp_path / "data" / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2027-02-14"
    # A day typed in the "Ngày nhận" box, between the clock's and the app's: taken too.
    sent = client.post("/thu-nhan/9T", data={"received": "25/01/2027"},
                       files=[("files", ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx")
                                         .read_bytes()))],
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert sent.status_code == 200, sent.text
    state = _wait(client, sent.json())
    assert state["state"] == "done", state.get("error")
    days = {s.unit: s.received for s in load_snapshot(tmp_path / "data" / "cchc-ledger.sqlite",
                                                      "9T").submissions}
    assert days["TP"] == "2027-01-25"


def test_uploads_are_said_at_the_clock_s_moment_and_kept_until_the_figures_change(
        tmp_path, monkeypatch):
    """cchc-xl's clock set (a QA run, a test: 05/01/2027) and two uploads made: the
    first was listed under "Lần tải lên lúc 13:33:41 ngày 06/12/2026", the machine's
    moment and day, and the second's results were set aside at once under "Số liệu đã
    thay đổi lúc 09:00, sau lần tải lên gần nhất", as if the figures had changed since:
    its own merge, on the ledger at the clock's moment, came after its end on the
    machine's. Both said on the clock's day; the results stay in the box until a file
    is withdrawn after them."""
    import hashlib

    set_clock(monkeypatch, datetime(2027, 1, 5, 9))
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv, tp = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes(), (
        RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    assert _sent(client, token, [("TP.xlsx", tp)])["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Số liệu đã thay đổi" not in page
    assert re.findall(r"Lần tải lên lúc [^<]*", page) == [
        "Lần tải lên lúc 09:00:00: Gộp 1 tệp kỳ 9 tháng năm 2023 — Đã đọc 1 tệp. Đơn vị "
        "đã gửi: 1/47."]
    assert "Đơn vị đã gửi: 2/47" in page  # the latest upload's, in the box
    assert '<span class="job-when"> · lúc 09:00 ngày 05/01/2027</span>' in page
    client.post("/thu-nhan/9T/rut", data={"sha": hashlib.sha256(nv).hexdigest(),
                                           "csrf": token})
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Số liệu đã thay đổi lúc 09:00, sau lần tải lên gần nhất" in page
    assert len(re.findall(r"Lần tải lên lúc 09:00:00: ", page)) == 2
