"""Logins the server can end (web/logins.py): "Đăng xuất" ends a login for every copy of
its cookie, another browser's login stays, a restart keeps it ended, another password
ends every login, and what the server keeps of them stays small and its owner's alone.
Real requests through Starlette's test client; the button itself: test_web_security.py."""

from __future__ import annotations

import html
import json
import re
import stat
import subprocess
import sys
import time
from urllib.parse import urlencode

from starlette.testclient import TestClient

from cchc_xl import swapped
from cchc_xl.data_folder import APP_DIR, LEFT_OUT, LOGINS
from cchc_xl.web import create_app
from cchc_xl.web import logins as logins_module
from cchc_xl.web.logins import ENDED, UNSAVED, Logins
from support.paths import ROOT
from support.web import _token, _with_master

PASSWORD = "mat-khau-dai"
FAR = {"base_url": "http://192.0.2.10:8765", "client": ("203.0.113.7", 40000)}
COOKIE = "cchc_xl_session"


def _browser(app) -> TestClient:
    return TestClient(app, **FAR)


def _logged_in(app, password: str = PASSWORD) -> TestClient:
    browser = _browser(app)
    token = _token(browser, "/dang-nhap")
    sent = browser.post("/dang-nhap", data={"csrf": token, "password": password},
                        follow_redirects=False)
    assert sent.status_code == 303, sent.text
    return browser


def _copy(browser: TestClient, app) -> TestClient:
    """Another browser given a copy of ``browser``'s cookie as it is now (taken from the
    browser's profile by another user of the computer)."""
    copy = _browser(app)
    copy.cookies.set(COOKIE, browser.cookies.get(COOKIE))
    return copy


def _log_out(browser: TestClient) -> None:
    page = browser.get("/thu-nhan?ky=9T")
    token = re.search(r'<form class="logout" method="post" action="[^"]+">\s*'
                      r'<input type="hidden" name="csrf" value="([^"]+)">', page.text)[1]
    out = browser.post("/dang-xuat", data={"csrf": token}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/dang-nhap"


def _opens(browser: TestClient) -> bool:
    page = browser.get("/thu-nhan?ky=9T", follow_redirects=False)
    assert page.status_code in (200, 303), page.status_code
    return page.status_code == 200


def _kept(data) -> dict:
    return json.loads((data / APP_DIR / LOGINS).read_text(encoding="utf-8"))


def test_a_cookie_copied_before_log_out_no_longer_opens_the_app(tmp_path):
    """"Đăng xuất" cleared the browser's cookie, but the login lived in the cookie alone:
    a copy taken before still opened the app for the rest of its 14 days."""
    app = create_app(_with_master(tmp_path), password=PASSWORD)
    shared = _logged_in(app)
    other = _logged_in(app)  # another computer's browser, logged in on its own
    token = _token(shared, "/thu-nhan?ky=9T")
    taken = _copy(shared, app)
    cookie = shared.cookies.get(COOKIE)
    assert _opens(taken)  # the copy is as good as the browser's own cookie...
    _log_out(shared)
    # ...until the browser logs out: its login ends, copies included.
    asked = taken.get("/thu-nhan?ky=9T", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/dang-nhap?" + urlencode({"next": "/thu-nhan?ky=9T"})
    login = html.unescape(taken.get(asked.headers["location"]).text)
    assert ENDED in login and "Mật khẩu" in login
    assert "Thu nhận" not in login  # nothing of the app
    assert ENDED not in html.unescape(taken.get("/dang-nhap").text)  # said once
    # A form sent with another copy, its token with it: refused, saying why.
    posted = _browser(app)
    posted.cookies.set(COOKIE, cookie)
    sent = posted.post("/ke-hoach/trong", headers={"X-CSRF-Token": token})
    assert sent.status_code == 401 and sent.json() == {"error": ENDED}
    # The other browser stays logged in; the one logged out logs in again as before.
    assert _opens(other)
    again = _logged_in(app)
    assert _opens(again) and not _opens(taken)


def test_a_form_sent_from_a_tab_left_open_after_log_out_is_said_not_saved(tmp_path):
    """The office logs out in one tab while another holds the plan page's "Người ký" typed
    and not yet saved; saved there, it was answered in plain text, "Cần đăng nhập: mở lại
    trang và nhập mật khẩu.", a page of no app whose Back button opened the login page:
    what was typed lost, unsaid. Now the login page says it was not saved, and opens the
    form's page again after the login."""
    data = _with_master(tmp_path)
    app = create_app(data, password=PASSWORD)
    browser = _logged_in(app)
    token = _token(browser, "/")  # the second tab: the plan page, its forms' token
    plan = (data / "ke-hoach.xlsx").read_bytes()
    _log_out(browser)  # the first tab
    for page, sent_from in (("/thu-nhan?ky=9T", "http://192.0.2.10:8765/thu-nhan?ky=9T"),
                            ("/", "https://elsewhere.example/")):
        sent = browser.post("/ke-hoach/nguoi-ky?ky=NAM", follow_redirects=False,
                            headers={"Referer": sent_from},
                            data={"csrf": token, "plan": "", "signer": "Nguyễn Thị Thu",
                                  "signer_title": "CHỦ TỊCH", "return_to": ""})
        assert sent.status_code == 303
        assert sent.headers["location"] == (
            "/dang-nhap" if page == "/" else "/dang-nhap?" + urlencode({"next": page}))
        login = html.unescape(browser.get(sent.headers["location"]).text)
        assert UNSAVED in login and "Mật khẩu" in login
        assert f'name="next" value="{page}"' in login
        assert UNSAVED not in html.unescape(browser.get("/dang-nhap").text)  # said once
    assert (data / "ke-hoach.xlsx").read_bytes() == plan  # nothing saved
    # A copy of the cookie logged out sends a form: both said, why and what was lost.
    other = _logged_in(app)
    taken = _copy(other, app)
    _log_out(other)
    sent = taken.post("/ke-hoach/trong", data={"csrf": "x"}, follow_redirects=False)
    login = html.unescape(taken.get(sent.headers["location"]).text)
    assert ENDED in login and UNSAVED in login


def test_a_login_ended_stays_ended_when_the_app_starts_again(tmp_path):
    data = _with_master(tmp_path)
    app = create_app(data, password=PASSWORD)
    shared, other = _logged_in(app), _logged_in(app)
    cookie, others = shared.cookies.get(COOKIE), other.cookies.get(COOKIE)
    _log_out(shared)
    restarted = create_app(data, password=PASSWORD)
    taken, kept = _browser(restarted), _browser(restarted)
    taken.cookies.set(COOKIE, cookie)
    kept.cookies.set(COOKIE, others)
    assert not _opens(taken)
    assert _opens(kept)  # the same password: the other browser stays logged in


def test_two_apps_on_one_data_folder_share_the_logins_ended(tmp_path):
    """Two apps started on one data folder (two ports): a login ended in one still
    opened the other until it started again, and each app wrote the logins it alone had
    ended, dropping the other's (their cookies valid again after a restart). Now each
    reads what the other wrote: ended in one, ended in both, and every one stays ended."""
    data = _with_master(tmp_path)
    first, second = create_app(data, password=PASSWORD), create_app(data, password=PASSWORD)
    here, there = _logged_in(first), _logged_in(second)
    here_copy, there_copy = _copy(here, second), _copy(there, first)  # each in the other
    kept = _logged_in(second)
    assert _opens(here_copy) and _opens(there_copy)
    _log_out(here)  # in the first app: its cookie sent to the second
    assert not _opens(here_copy)
    _log_out(there)  # in the second: sent to the first
    assert not _opens(there_copy)
    assert len(_kept(data)["ended"]) == 2  # the second wrote the first's too
    restarted = create_app(data, password=PASSWORD)
    for browser in (here, there):
        again = _browser(restarted)
        again.cookies.set(COOKIE, browser.cookies.get(COOKIE))
        assert not _opens(again)
    assert _opens(kept)


# One app's process: ready, then at "go" 150 logins started and ended, their ids printed.
_ENDING = r"""
import json, sys, time
from pathlib import Path
from cchc_xl.web.logins import Logins, SESSION_ID
folder = Path(sys.argv[1])
logins = Logins(folder, "k" * 32, "h" * 64, 3600)
(folder / ("ready-" + sys.argv[2])).touch()
while not (folder / "go").exists():
    time.sleep(0.001)
ended = []
for _ in range(150):
    session = {}
    logins.start(session)
    ended.append(session[SESSION_ID])
    logins.end(session)
print(json.dumps(ended))
"""


def test_two_apps_ending_logins_at_the_same_moment_lose_none(tmp_path):
    """Two apps on one data folder each read the file, added the login it ended and
    wrote it whole: one ending as the other did wrote over the other's write, and its
    ended logins were lost (their cookies valid again): 134 of 300 in one run of two
    processes ending 150 each. Each now holds the file while it reads and writes it."""
    folder = tmp_path / "app"
    Logins(folder, "k" * 32, "h" * 64, 3600)
    apps = [subprocess.Popen([sys.executable, "-c", _ENDING, str(folder), str(n)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True) for n in range(2)]
    deadline = time.monotonic() + 60
    while not all((folder / f"ready-{n}").exists() for n in range(2)):
        assert time.monotonic() < deadline and all(a.poll() is None for a in apps)
        time.sleep(0.01)
    (folder / "go").touch()
    ended = [i for a in apps for i in json.loads(a.communicate(timeout=120)[0])]
    assert all(a.returncode == 0 for a in apps)
    kept = json.loads((folder / LOGINS).read_text(encoding="utf-8"))["ended"]
    assert len(ended) == 300 and set(ended) <= set(kept), len(set(ended) - set(kept))
    assert not list(folder.glob("*.lock"))  # nothing left beside the file


def test_another_password_ends_every_login_opened_with_the_old_one(tmp_path):
    """The cookie's mark of the password refused the logins of an old password while
    the app ran with another; started again with the old one (changed back), they all
    opened the app again."""
    data = _with_master(tmp_path)
    first = create_app(data, password=PASSWORD)
    cookie = _logged_in(first).cookies.get(COOKIE)
    for password in ("mat-khau-moi-dai", PASSWORD):
        browser = _browser(create_app(data, password=password))
        browser.cookies.set(COOKIE, cookie)
        assert not _opens(browser), password
        assert ENDED in html.unescape(browser.get("/thu-nhan?ky=9T").text), password
    # Logged in with the password of now: kept while the app starts with it again.
    now = _logged_in(create_app(data, password=PASSWORD)).cookies.get(COOKIE)
    browser = _browser(create_app(data, password=PASSWORD))
    browser.cookies.set(COOKIE, now)
    assert _opens(browser)


def test_what_is_kept_of_the_logins_stays_small(tmp_path, monkeypatch):
    """Each login ended is kept while a copy of its cookie could be valid, and at most
    KEPT of them: one more ends every login instead (all log in again), none revived."""
    data = _with_master(tmp_path)
    monkeypatch.setattr(logins_module, "KEPT", 3)
    app = create_app(data, password=PASSWORD)
    copies = []
    for _ in range(3):
        browser = _logged_in(app)
        copies.append(_copy(browser, app))
        _log_out(browser)
    assert len(_kept(data)["ended"]) == 3
    other = _logged_in(app)
    browser = _logged_in(app)
    copies.append(_copy(browser, app))
    _log_out(browser)  # the fourth: every login ends
    assert _kept(data)["ended"] == {}
    assert not _opens(other)
    assert not any(_opens(c) for c in copies)
    # Ended logins older than the cookie's age (and a day for a request under way) go.
    browser = _logged_in(app)
    copies.append(_copy(browser, app))
    _log_out(browser)
    assert len(_kept(data)["ended"]) == 1
    later = logins_module.time.time() + app.state.logins.kept_seconds + 1
    monkeypatch.setattr(logins_module.time, "time", lambda: later)
    create_app(data, password=PASSWORD)
    assert _kept(data)["ended"] == {}


def test_the_logins_kept_are_readable_by_their_owner_alone(tmp_path):
    data = _with_master(tmp_path)
    _log_out(_logged_in(create_app(data, password=PASSWORD)))
    kept = data / APP_DIR / LOGINS
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    text = kept.read_text(encoding="utf-8")
    assert PASSWORD not in text
    # No backup takes them (a restored copy makes its own key); a restore in place keeps
    # them with the key, the ended logins still ended.
    assert LOGINS in LEFT_OUT and LOGINS in swapped.CARRIED
    # A start with a password on a missing folder still leaves one a cut restore may
    # take back (swapped.py: its key and its logins only).
    fresh = tmp_path / "moi"
    create_app(fresh, password=PASSWORD)
    assert (fresh / APP_DIR / LOGINS).is_file() and swapped._empty(fresh)


def test_logins_kept_lost_end_every_login(tmp_path):
    """The file gone or broken (by hand): the ended logins it kept are not known, so
    none of the logins before opens the app again."""
    data = _with_master(tmp_path)
    app = create_app(data, password=PASSWORD)
    shared, other = _logged_in(app), _logged_in(app)
    cookie, others = shared.cookies.get(COOKIE), other.cookies.get(COOKIE)
    _log_out(shared)
    for broken in ("", "{not json"):
        (data / APP_DIR / LOGINS).write_text(broken, encoding="utf-8")
        restarted = create_app(data, password=PASSWORD)
        for sent in (cookie, others):
            browser = _browser(restarted)
            browser.cookies.set(COOKIE, sent)
            assert not _opens(browser)
        assert _opens(_logged_in(restarted))


def test_a_login_ended_with_the_logins_file_lost_is_not_said_logged_out(tmp_path):
    """The logins file lost or damaged, the app started again: the login page said the
    login ended because "đã bấm Đăng xuất, hoặc mật khẩu của ứng dụng đã đổi", neither
    of which happened. Its reasons now hold for this case too (and for every login ended
    at once past KEPT), and say nothing of which it was."""
    data = _with_master(tmp_path)
    cookie = _logged_in(create_app(data, password=PASSWORD)).cookies.get(COOKIE)
    for broken in (None, "{not json"):
        kept = data / APP_DIR / LOGINS
        if broken is None:
            kept.unlink()
        else:
            kept.write_text(broken, encoding="utf-8")
        browser = _browser(create_app(data, password=PASSWORD))
        browser.cookies.set(COOKIE, cookie)
        login = html.unescape(browser.get("/thu-nhan?ky=9T").text)
        assert ("Phiên đăng nhập của trình duyệt này đã kết thúc (đã bấm Đăng xuất, mật khẩu "
                "của ứng dụng đã đổi, hoặc ứng dụng đã yêu cầu mọi trình duyệt đăng nhập lại "
                "để giữ an toàn): nhập mật khẩu để mở lại ứng dụng.") in login, login
        assert "tệp" not in ENDED and "dang-nhap.json" not in login


def test_this_computer_s_app_keeps_no_logins(tmp_path):
    """Without a password nobody logs in: nothing is kept, nothing changes."""
    data = _with_master(tmp_path)
    local = TestClient(create_app(data), base_url="http://127.0.0.1:8765",
                       client=("127.0.0.1", 50000))
    assert local.get("/thu-nhan?ky=9T").status_code == 200
    assert not (data / APP_DIR / LOGINS).exists()
