"""The day the files were received, on the intake page: the form, a day without its year,
and how long the day is kept for the next upload."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from cchc_xl.cli import main
from cchc_xl.snapshot import load_snapshot
from support.clock import set_clock
from support.paths import HH_MASTER
from support.web import RETURNS, _client, _put_plan, _token, _wait, _with_master

# The day these tests run on (cchc_xl.clock), whatever the machine's: the 18 September
# the files were received, but of 2026, so that "18/9" typed without its year is seen to
# be of the plan's 2023, not of the clock's year.
TODAY = "18/09/2026"


@pytest.fixture(autouse=True)
def _the_day(monkeypatch):
    set_clock(monkeypatch, date(2026, 9, 18))


def test_the_upload_form_takes_the_day_the_files_were_received(tmp_path):
    """Without it every file uploaded after the due date was counted late (the CLI has
    merge --received)."""
    data = _with_master(tmp_path)
    client = _client(data)
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    today = TODAY
    assert re.search(rf'<input type="text" id="received" name="received" value="{today}"', page)
    assert ("Ngày cơ quan nhận được tệp (qua thư điện tử, Zalo…); để mặc định nếu nhận hôm "
            "nay.") in page
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()  # due 20/09/2023

    def send(received: str):
        return _post_nv(client, token, body, received)

    for given, said in (("31/31/2023", "Ngày nhận '31/31/2023' không phải ngày (ghi dạng "
                                       f"ngày/tháng/năm, ví dụ {today}; ghi ngày/tháng cũng "
                                       "được, ví dụ 20/09: năm được hiểu theo hạn nộp báo "
                                       "cáo của kỳ)."),
                        ("01/01/2999", f"Ngày nhận 01/01/2999 chưa tới (hôm nay là {today}):"
                                       " ghi ngày cơ quan đã nhận được tệp."),
                        ("18/9/00", "Ngày nhận 18/09/2000 trước khi kỳ báo cáo bắt đầu (số "
                                    "liệu 9 tháng năm 2023 tính từ 15/12/2022): ghi ngày cơ "
                                    "quan đã nhận được tệp.")):
        refused = send(given)
        assert refused.status_code == 400 and refused.json()["error"] == said
        # The field named: the page keeps the files chosen for the day corrected (app.js).
        assert refused.json()["field"] == "received"
    assert not (data / "nhan-ve-9T").exists()  # nothing kept of a refused upload
    state = _wait(client, send("18/09/2023").json())
    assert state["state"] == "done" and state["title"] == (
        "Gộp 1 tệp kỳ 9 tháng năm 2023 (nhận ngày 18/09/2023)")
    (sub,) = load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2023-09-18"
    row = re.search(r'<tr data-state="([^"]*)"[^>]*>\s*<td class="unit-code">NV</td>',
                    client.get("/thu-nhan").text)
    assert row[1] == "dung-han"  # on time, though uploaded years after the due date
    # Sent again with a later day: the office had it already, nothing changes; with an
    # earlier day, that is the day, and the line says so (it said "không tính thêm"
    # while the unit turned from late to on time: a probe).
    (later,) = _wait(client, send("21/09/2023").json())["result"]["files"]
    assert later["reason"] == "tệp này (cùng nội dung) đã nhận ở lần gửi trước, không tính thêm"
    (earlier,) = _wait(client, send("15/09/2023").json())["result"]["files"]
    assert earlier["reason"] == ("tệp đã nhận trước đó: ngày nhận sửa thành 15/09/2023 (trước "
                                 "ghi 18/09/2023)")
    # Without the form (a page from before): today, as merge without --received.
    page = client.post("/thu-nhan/9T", data={"csrf": token, "received": "hôm qua"},
                       files=[("files", ("TP.xlsx", b"x"))], follow_redirects=True)
    assert "Ngày nhận 'hôm qua' không phải ngày" in html.unescape(page.text)


def _post_nv(client: TestClient, token: str, body: bytes, received: str):
    """NV's file uploaded for 9T with the day received typed as ``received``."""
    return client.post("/thu-nhan/9T", data={"received": received},
                       files=[("files", ("NV.xlsx", body))],
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})


def test_the_day_received_may_leave_out_the_year(tmp_path):
    """"18/9" was refused ("không phải ngày"): a day and month alone is of the plan's
    year, read as merge --received reads it, and the upload says the day it took."""
    data = _with_master(tmp_path)  # a plan of 2023
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()  # due 20/09/2023

    def send(received: str):
        return _post_nv(client, token, body, received)

    today = TODAY
    for given in ("31/2", "abc", "31/9/23"):
        refused = send(given)
        assert refused.status_code == 400 and refused.json()["error"] == (
            f"Ngày nhận '{given}' không phải ngày (ghi dạng ngày/tháng/năm, ví dụ {today}; "
            "ghi ngày/tháng cũng được, ví dụ 20/09: năm được hiểu theo hạn nộp báo cáo của kỳ).")
    assert not (data / "nhan-ve-9T").exists()
    state = _wait(client, send(" 18/9 ").json())
    assert state["state"] == "done" and state["title"] == (
        "Gộp 1 tệp kỳ 9 tháng năm 2023 (nhận ngày 18/09/2023)")
    (sub,) = load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2023-09-18"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert 'name="received" value="18/09/2023"' in page  # the day understood, kept


def test_merge_received_takes_a_day_without_its_year_as_the_web_app_does(tmp_path):
    """One reading of a received day: the command's --received 18/9 is 18/09/2023 too."""
    done = CliRunner().invoke(main, [
        "merge", str(HH_MASTER), str(RETURNS / "NV-phong-noi-vu.xlsx"), "--period", "9T",
        "--out", str(tmp_path / "o.xlsx"), "--silent", "--received", "18/9"])
    assert done.exit_code in (0, 1), done.output
    (sub,) = load_snapshot(tmp_path / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2023-09-18"
    wrong = CliRunner().invoke(main, [
        "merge", str(HH_MASTER), str(RETURNS), "--period", "9T", "--out",
        str(tmp_path / "o2.xlsx"), "--received", "31/2"])
    assert wrong.exit_code == 2 and "--received: '31/2' không phải ngày" in wrong.output


def test_a_day_received_without_its_year_of_a_period_due_the_year_after():
    """A year's report due in January of the next year: 10/1 is that January, 28/12
    the plan's December; a day after the due day too ("20/1" was 20/01/2023, a late
    return counted on time, a QA pass), up to two months after it ("15/7" is the plan's
    July, not the next year's)."""
    from cchc_xl.merge.counted import received_day
    from cchc_xl.model import Period

    year = Period("NAM", "Năm 2023", date(2022, 12, 15), date(2023, 12, 14), date(2024, 1, 15))
    assert received_day("10/1", year, 2023) == date(2024, 1, 10)
    assert received_day("15.01", year, 2023) == date(2024, 1, 15)
    assert received_day("28/12", year, 2023) == date(2023, 12, 28)
    assert received_day("20/1", year, 2023) == date(2024, 1, 20)
    assert received_day("15/7", year, 2023) == date(2023, 7, 15)  # not 2024, far after
    assert received_day("29/2", year, 2023) == date(2024, 2, 29)  # 2023 has none
    nine = Period("9T", "9 tháng", date(2022, 12, 15), date(2023, 9, 14), date(2023, 9, 20))
    assert received_day("18/9", nine, 2023) == date(2023, 9, 18)
    assert received_day("29/2", nine, 2023) is None  # no 29 February in 2023
    assert received_day("20/09/2022", year, 2023) == date(2022, 9, 20)
    # The year's last two digits, as the office types it ("18/9/23" was refused).
    assert received_day("18/9/23", nine, 2023) == date(2023, 9, 18)
    assert received_day("5.1.24", year, 2023) == date(2024, 1, 5)
    assert received_day("31/9/23", nine, 2023) is None
    assert received_day("2023-09-20", year, 2023) == date(2023, 9, 20)
    # A year's report due in December: "5/1" is the January after it (it was a year
    # early, before the returns were due, and counted on time: a QA pass).
    december = Period("NAM", "Năm 2023", date(2022, 12, 15), date(2023, 12, 14),
                      date(2023, 12, 20))
    assert received_day("5/1", december, 2023) == date(2024, 1, 5)
    assert received_day("15/7", december, 2023) == date(2023, 7, 15)


def test_the_day_received_is_kept_for_the_next_upload(tmp_path):
    """"Ngày nhận" went back to today after every upload of a batch received days ago."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    today = TODAY
    state = _wait(client, client.post(
        "/thu-nhan/9T", data={"received": "18/09/2023"},
        files=[("files", ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert state["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert re.search(r'name="received" value="18/09/2023" data-today="' + today, page)
    assert ("Đang dùng ngày nhận đã ghi ở lần tải lên trước (18/09/2023), không phải hôm nay."
            in page)
    # Today given again: today is kept, and said as usual.
    _wait(client, client.post(
        "/thu-nhan/9T", data={"received": today},
        files=[("files", ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert f'name="received" value="{today}"' in page and "Đang dùng ngày nhận" not in page


def test_the_hint_on_the_day_received_says_how_long_it_is_kept(tmp_path):
    """The hint promised the day typed was kept "cho lần tải lên sau của kỳ này", but it
    is kept in the browser's session only: another browser shows today again (a QA pass).
    It says so, and how long the browser keeps it (its session cookie's life)."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    today = TODAY
    hint = ("Ngày đã ghi được giữ cho lần tải lên sau của kỳ này, chỉ trên trình duyệt này "
            "và đến khi 14 ngày liền không mở công cụ (trình duyệt khác, máy khác hiện ngày "
            "hôm nay).")
    assert hint in html.unescape(client.get("/thu-nhan?ky=9T").text)
    sent = client.post(
        "/thu-nhan/9T", data={"received": "18/09/2023"},
        files=[("files", ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert "max-age=1209600" in sent.headers["set-cookie"].lower()  # 14 days
    assert _wait(client, sent.json())["state"] == "done"
    kept = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert 'name="received" value="18/09/2023"' in kept
    # Another browser on the same data folder: today, and the hint as said.
    other = html.unescape(_client(data).get("/thu-nhan?ky=9T").text)
    assert f'name="received" value="{today}"' in other and hint in other


def test_the_day_received_is_kept_for_its_plan_and_period_once_files_were_taken(tmp_path):
    """"Ngày nhận" typed once was offered for every period and plan, even after an upload
    that took nothing: a late file could be marked received on an old day (a QA probe)."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    today = TODAY

    def send(period: str, received: str, name: str, body: bytes) -> dict:
        return _wait(client, client.post(
            f"/thu-nhan/{period}", data={"received": received}, files=[("files", (name, body))],
            headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())

    def shown(period: str) -> str:
        page = html.unescape(client.get(f"/thu-nhan?ky={period}").text)
        return re.search(r'name="received" value="([^"]*)"', page)[1]

    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert send("9T", "18/09/2023", "NV.xlsx", nv)["state"] == "done"
    assert shown("9T") == "18/09/2023"
    assert shown("NAM") == today  # another period: its own day
    # An upload that took no file: its day is not kept.
    refused = send("9T", "10/09/2023", "TP.xlsx", b"not a workbook")
    assert refused["state"] == "done" and refused["result"]["tone"] == "warn"
    assert shown("9T") == "18/09/2023"
    # Another plan's 9T: not the day typed for Hoằng Hóa's.
    _put_plan(client, data={"csrf": token},
                files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    assert shown("9T") == today


def test_a_file_given_again_with_a_day_before_it_was_saved_says_so_on_its_line(tmp_path):
    """A file received before, given again with a day earlier than the day it was saved
    (a typo): the day is not taken and the file's line counted "1 cảnh báo" beside "đã
    nhận ở lần gửi trước, không tính thêm", the warning itself told only under "Chi
    tiết lần gộp" (a QA pass of a commune's year). The line says the warning."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()  # saved 14/09/2023
    _wait(client, _post_nv(client, token, body, "18/09/2023").json())
    (line,) = _wait(client, _post_nv(client, token, body, "10/09/2023").json())["result"]["files"]
    assert line["warnings"] == 1
    assert line["reason"] == ("ngày nhận 10/09/2023 sớm hơn ngày tệp được lưu (14/09/2023): "
                              "kiểm tra lại ngày nhận; ngày nhận không sửa (vẫn là 18/09/2023)")
