"""The web app probed as someone on the office's network or a careless user would:
headers that keep a download from being run as a page and the app out of other sites'
frames, numbers in a request that are no numbers, passwords guessed one after another,
a password changed (the rules themselves: tests/test_web_serve.py)."""

from __future__ import annotations

import asyncio
import html
import re
import time
from urllib.parse import urlencode

from starlette.testclient import TestClient

from cchc_xl.web import create_app
from cchc_xl.web.security import CSP, PAGE_POLICY, REPORT_POLICY, SAFE_HEADERS, LoginTries
from cchc_xl.web.workspace import Workspace
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


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";"))}


def test_every_response_carries_a_content_security_policy(tmp_path):
    """Only "frame-ancestors 'self'" was said: a name or note from a unit's file that
    slipped past the escaping as markup would have run as the app's own script. Every
    kind of response now says what may run in it: pages, errors, refusals, redirects,
    downloads, static files, a job's progress; the report's page its own policy."""
    data = _with_master(tmp_path)
    report = Workspace(data).report_html("9T")
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("<!DOCTYPE html><title>Báo cáo</title><style>p{}</style><p>x</p>",
                      "utf-8")
    client = _client(data)
    far = _client(data, password="mat-khau-dai", client=("203.0.113.7", 40000))
    job = client.app.state.runner.submit("test", "Thử", lambda job: {})
    kinds = {
        "page": client.get("/thu-nhan?ky=9T"),
        "error page": client.get("/bao-cao/ZZ/trang"),
        "no such page": client.get("/khong-co"),
        "form refused": client.post("/ke-hoach/trong", data={"csrf": "sai"}),
        "download": client.get("/ke-hoach/tai-ve"),
        "report downloaded": client.get("/tai-ve/bao-cao-html/9T"),
        "static file": client.get("/static/app.js"),
        "job polled": client.get(f"/viec/{job.id}", headers={"Accept": "application/json"}),
        "login page": far.get("/dang-nhap"),
        "redirect to login": far.get("/thu-nhan", follow_redirects=False),
        "refused computer": _client(data, client=("203.0.113.7", 40000)).get("/"),
    }
    assert kinds["redirect to login"].status_code == 303
    assert kinds["form refused"].status_code == 403
    for kind, response in kinds.items():
        assert response.headers.get(CSP) == PAGE_POLICY, kind
    shown = client.get("/bao-cao/9T/trang")
    assert shown.status_code == 200 and shown.headers.get(CSP) == REPORT_POLICY
    assert shown.headers.get("X-Frame-Options") == "SAMEORIGIN"
    assert shown.headers.get("Cache-Control") == "no-store"
    page, served = _directives(PAGE_POLICY), _directives(REPORT_POLICY)
    # Scripts: the app's own file only; never inline, eval or from elsewhere.
    assert page["script-src"] == ["'self'"] and page["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in PAGE_POLICY and "'unsafe-eval'" not in PAGE_POLICY
    assert page["frame-ancestors"] == ["'self'"] == served["frame-ancestors"]
    # The report's page: inline styles only, no script at all, nothing fetched.
    assert served["default-src"] == ["'none'"] and "script-src" not in served
    assert served["style-src"] == ["'unsafe-inline'"]
    for policy in (page, served):
        assert policy["base-uri"] == ["'none'"] and policy["object-src"] == ["'none'"]


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


async def _asked(app, method: str, path: str, headers=(), body: bytes = b""):
    """One request straight to the app, as uvicorn passes it on from another computer:
    (status, headers, text)."""
    said: dict = {}
    chunks: list[bytes] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            said.update(status=message["status"], headers=message["headers"])
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app({"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
               "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
               "query_string": b"", "root_path": "", "client": ("203.0.113.7", 40000),
               "server": ("192.0.2.10", 8765),
               "headers": [(b"host", b"192.0.2.10:8765"), *headers]}, receive, send)
    return said["status"], said["headers"], b"".join(chunks).decode("utf-8")


def test_passwords_sent_all_at_once_are_held_to_the_limit_too(tmp_path):
    """Each password was counted wrong once its hash was checked, and the wait asked
    before: twelve sent at once (a script, no browser) all passed the wait while the
    first was still being hashed, and all twelve were checked, the limit three; forty in
    a probe, the limit ten. Any number of guesses, in batches."""
    app = create_app(_with_master(tmp_path), password="mat-khau-dai")
    app.state.login_tries = LoginTries(tries=3, window=600)

    async def guessed() -> list[tuple[int, str]]:
        _, headers, page = await _asked(app, "GET", "/dang-nhap")
        cookie = next(v for k, v in headers if k == b"set-cookie").split(b";")[0]
        token = re.search(r'data-csrf="([^"]+)"', page)[1]
        sent = [(b"cookie", cookie), (b"content-type", b"application/x-www-form-urlencoded")]
        answers = await asyncio.gather(*[
            _asked(app, "POST", "/dang-nhap", sent,
                   urlencode({"csrf": token, "password": f"doan-thu-{n}"}).encode())
            for n in range(12)])
        return [(status, html.unescape(text)) for status, _, text in answers]

    answers = asyncio.run(guessed())
    assert sum("Mật khẩu không đúng." in text for _, text in answers) == 3
    waited = [text for status, text in answers if status == 429]
    assert len(waited) == 9
    assert all("Nhập sai mật khẩu nhiều lần: chờ khoảng 10 phút rồi thử lại." in text
               for text in waited)


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


def test_an_address_of_no_page_shows_nothing_of_the_app_before_login(tmp_path):
    """Served with --host and a password, an address of no page ("/dang-nhap-x", a
    static file not there: let through before login, to be refused) answered anyone on
    the network with the app's frame: the plan's title, its periods, the steps."""
    far = _client(_with_master(tmp_path), password="mat-khau-dai",
                  client=("203.0.113.7", 40000))
    for path in ("/dang-nhap-x", "/static/khong-co.css"):
        page = far.get(path)
        assert page.status_code == 404, path
        text = html.unescape(page.text)
        assert "Không có trang hoặc tệp này." in text, path
        for said in ("Kế hoạch cải cách hành chính năm 2023", "9 tháng năm 2023", "Thu nhận",
                     "Sao lưu dữ liệu"):
            assert said not in text, (path, said)
    token = _token(far, "/dang-nhap")
    far.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-dai"})
    text = html.unescape(far.get("/dang-nhap-x").text)  # logged in: the app's frame, as before
    assert "Kế hoạch cải cách hành chính năm 2023" in text and "Thu nhận" in text


def test_log_out_ends_this_browser_s_login_with_the_form_s_token(tmp_path):
    """Opened to other computers, a login lasted 14 days and nothing ended it: on a shared
    office computer the next person found the app open. "Đăng xuất" (with a password
    only) ends this browser's session and asks for the password again; a POST without the
    form's token is refused, the login kept."""
    data = _with_master(tmp_path)
    far = _client(data, password="mat-khau-dai", client=("203.0.113.7", 40000))
    token = _token(far, "/dang-nhap")
    far.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-dai"})
    page = far.get("/thu-nhan?ky=9T")
    assert page.status_code == 200
    form = re.search(r'<form class="logout" method="post" action="([^"]+)">\s*'
                     r'<input type="hidden" name="csrf" value="([^"]+)">\s*'
                     r'<button type="submit">Đăng xuất</button>', page.text)
    assert form and form[1].endswith("/dang-xuat"), page.text[:3000]
    # Without the token, or with another: refused, still logged in.
    for sent in ({}, {"csrf": "sai"}):
        refused = far.post("/dang-xuat", data=sent, follow_redirects=False)
        assert refused.status_code == 403, sent
        assert "Biểu mẫu đã hết hạn" in html.unescape(refused.text)
        assert far.get("/thu-nhan?ky=9T", follow_redirects=False).status_code == 200
    out = far.post("/dang-xuat", data={"csrf": form[2]}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/dang-nhap"
    login = html.unescape(far.get("/dang-nhap").text)
    assert "Đã đăng xuất: trình duyệt này phải nhập mật khẩu để mở lại ứng dụng." in login
    assert "Đăng xuất" not in login.replace("Đã đăng xuất", "")  # no button before login
    # Every page asks for the password again; a form sent with the old token is refused.
    asked = far.get("/thu-nhan?ky=9T", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/dang-nhap?" + urlencode({"next": "/thu-nhan?ky=9T"})
    refused = far.post("/ke-hoach/trong", data={"csrf": form[2]}, follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"] == "/dang-nhap"
    # A tab left open sends "Đăng xuất" again: to the login page too, not an error.
    again = far.post("/dang-xuat", data={"csrf": form[2]}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/dang-nhap"
    # Logged in again, as before.
    token = _token(far, "/dang-nhap")
    far.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-dai"})
    assert far.get("/thu-nhan?ky=9T", follow_redirects=False).status_code == 200


def test_this_computer_s_app_has_no_log_out(tmp_path):
    """Without a password (this computer only) nobody logs in: no "Đăng xuất" to offer."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    for path in ("/", "/thu-nhan?ky=9T", "/huong-dan"):
        page = client.get(path)
        assert page.status_code == 200 and 'class="logout"' not in page.text, path
        assert "dang-xuat" not in page.text, path
        if path != "/huong-dan":  # the guide's text tells of the button
            assert "Đăng xuất" not in page.text, path
    assert client.post("/dang-xuat", data={"csrf": token}).status_code == 404


def test_the_session_key_is_never_readable_by_others(tmp_path, monkeypatch):
    """The key that signs every login was written with the machine's default mode, then
    chmodded: for a moment any account of the machine could read it and sign itself
    in. It is made with its owner's mode from the start (no chmod after to rely on)."""
    import stat
    from pathlib import Path

    from cchc_xl.data_folder import SESSION_KEY
    from cchc_xl.web.security import session_key

    monkeypatch.setattr(Path, "chmod", lambda self, mode: None)  # no mending after
    key = session_key(tmp_path)
    made = tmp_path / SESSION_KEY
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert made.read_text(encoding="ascii") == key and len(key) >= 32
    assert session_key(tmp_path) == key  # kept: a restart logs nobody out
