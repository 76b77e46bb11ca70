"""The web app probed as someone on the office's network or a careless user would:
headers that keep a download from being run as a page and the app out of other sites'
frames, numbers in a request that are no numbers (the rules themselves:
tests/test_web_serve.py)."""

from __future__ import annotations

import html

from cchc_xl.web.security import SAFE_HEADERS
from support.web import _client, _token, _with_master


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
