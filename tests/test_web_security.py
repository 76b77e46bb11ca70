"""The web app probed as someone on the office's network or a careless user would:
headers that keep a download from being run as a page and the app out of other sites'
frames, numbers in a request that are no numbers, passwords guessed one after another,
a password changed (the rules themselves: tests/test_web_serve.py)."""

from __future__ import annotations

import html
import time

from starlette.testclient import TestClient

from cchc_xl.web import create_app
from cchc_xl.web.security import SAFE_HEADERS, LoginTries
from support.web import LOCAL, _client, _token, _with_master


def test_every_response_keeps_its_type_and_stays_out_of_other_sites_frames(tmp_path):
    """No header said "nosniff" or who may frame the app: an .xlsx holding HTML could be
    shown as a page, and another site could lay the app under its own buttons."""
    data = _with_master(tmp_path)
    client = _client(data)
    far = _client(data, client=("203.0.113.7", 40000))
    for response in (client.get("/"), client.get("/static/app.css"),
                     client.get("/ke-hoach/tai-ve"), client.get("/tai-ve/tong-hop/ZZ"),
                     far.get("/")):
        for name, value in SAFE_HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
    # The report is still shown in the Báo cáo page's own frame.
    assert SAFE_HEADERS["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in SAFE_HEADERS["Content-Security-Policy"]


def test_a_number_in_a_request_that_is_no_number_is_no_server_error(tmp_path):
    """'²' passes str.isdigit() but not int(), and int() refuses 5,000 digits: each was an
    Internal Server Error (a job's progress polled, the blank plan's year typed)."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    job = client.app.state.runner.submit("test", "Thử", lambda job: {})
    for since in ("²", "9" * 5000, "-1", "x"):
        answer = client.get(f"/viec/{job.id}?since={since}",
                            headers={"Accept": "application/json"})
        assert answer.status_code == 200, since
    for year in ("²⁰²⁶", "2" * 5000):
        page = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa", "year": year})
        assert page.status_code == 200, year
        assert "không dùng được: ghi năm từ 2000 đến 2100" in html.unescape(page.text)


def test_passwords_guessed_one_after_another_make_that_computer_wait(tmp_path):
    """Any number of passwords could be tried, each as fast as the server hashed it."""
    far = _client(_with_master(tmp_path), password="mat-khau-dai", client=("203.0.113.7", 40000))
    far.app.state.login_tries = LoginTries(tries=3, window=600)
    token = _token(far, "/dang-nhap")
    for n in range(3):
        wrong = far.post("/dang-nhap", data={"csrf": token, "password": f"doan-thu-{n}"})
        assert wrong.status_code == 200 and "Mật khẩu không đúng" in wrong.text
    # Even the right password waits now: guessing on gains nothing.
    waiting = far.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-dai"},
                       follow_redirects=False)
    assert waiting.status_code == 429
    assert "Nhập sai mật khẩu nhiều lần: chờ khoảng 10 phút rồi thử lại." in html.unescape(
        waiting.text)
    assert far.get("/thu-nhan", follow_redirects=False).status_code == 303  # not logged in
    # Another computer of the office is not held up by this one.
    other = TestClient(far.app, **{**LOCAL, "client": ("203.0.113.8", 40000)})
    other_token = _token(other, "/dang-nhap")
    right = other.post("/dang-nhap", data={"csrf": other_token, "password": "mat-khau-dai"},
                       follow_redirects=False)
    assert right.status_code == 303


def test_wrong_passwords_age_out_and_a_login_forgets_them():
    tries = LoginTries(tries=2, window=0.05)
    tries.failed("a")
    assert tries.wait("a") == 0
    tries.failed("a")
    assert tries.wait("a") >= 1
    time.sleep(0.06)
    assert tries.wait("a") == 0 and "a" not in tries._wrong
    tries.failed("b")
    tries.passed("b")
    assert tries.wait("b") == 0


def test_a_new_password_logs_out_every_browser_the_same_one_none(tmp_path):
    """The login was a bare "auth: true" in a cookie signed with the data folder's key: the
    app started again with another password (someone who should no longer come in) still
    let every browser logged in with the old one in, for the session's 14 days."""
    data = _with_master(tmp_path)
    far = {**LOCAL, "base_url": "http://192.0.2.10:8765", "client": ("203.0.113.7", 40000)}

    def started(password: str) -> TestClient:
        return TestClient(create_app(data, password=password), **far)

    before = started("mat-khau-cu-dai")
    token = _token(before, "/dang-nhap")
    assert before.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-cu-dai"},
                       follow_redirects=False).status_code == 303
    cookie = before.cookies.get("cchc_xl_session")
    for password, let_in in (("mat-khau-cu-dai", True), ("mat-khau-moi-dai", False)):
        after = started(password)
        after.cookies.set("cchc_xl_session", cookie)
        page = after.get("/thu-nhan", follow_redirects=False)
        assert page.status_code == (200 if let_in else 303), password
