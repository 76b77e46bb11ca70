"""A page of a period whose report day has passed points to the period due now (a QA
pass: in September a new browser session opened on 6 tháng, the latest period with
files, and said "Tạo lại tệp giao kỳ 6 tháng" with nothing pointing to 9 tháng)."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from test_plan_amended import plan_folder_on

from cchc_xl.web import plan_periods
from support.web import _client, _job, _token

# quý III and 9 tháng are both due on 20 September: each is pointed to.
HINT = "Kỳ đang đến hạn: quý III năm 2026 và 9 tháng năm 2026 (hạn nộp báo cáo 20/09/2026)"


@pytest.fixture
def september(tmp_path, monkeypatch):
    """A commune's 2026 plan with 6 tháng split, on 10 September 2026."""
    client = _client(plan_folder_on(tmp_path, monkeypatch, date(2026, 9, 10)))
    _job(client, _token(client), "/giao-viec/6T")
    return client


def test_a_new_session_on_a_period_gone_by_is_pointed_to_the_one_due(september) -> None:
    page = html.unescape(september.get("/giao-viec").text)
    assert '<option value="6T" selected>' in page  # the latest period with files, kept
    hint = re.search(r'<p class="msg info due-now"[^>]*>(.*?)</p>', page, re.S)[1]
    assert HINT in hint, hint
    assert '<a href="/giao-viec?ky=Q3">Mở kỳ quý III năm 2026</a>' in hint, hint
    assert '<a href="/giao-viec?ky=9T">Mở kỳ 9 tháng năm 2026</a>' in hint, hint


def test_each_step_of_a_past_period_points_to_the_period_due(september) -> None:
    for path in ("/giao-viec?ky=Q1", "/thu-nhan?ky=6T", "/phan-hoi?ky=6T",
                 "/bao-cao?ky=6T"):
        page = html.unescape(september.get(path).text)
        assert HINT in page, path
        step = path.split("?")[0]
        assert f'<a href="{step}?ky=9T">Mở kỳ 9 tháng năm 2026</a>' in page, path


def test_the_period_due_and_those_after_it_say_nothing(september) -> None:
    for code in ("Q3", "9T", "NAM"):
        assert "Kỳ đang đến hạn" not in september.get(f"/giao-viec?ky={code}").text


def test_in_october_the_year_s_report_is_the_one_pointed_to(september, monkeypatch):
    monkeypatch.setattr(plan_periods, "today", lambda: date(2026, 10, 5))
    page = html.unescape(september.get("/thu-nhan?ky=9T").text)
    assert ("Kỳ đang đến hạn: năm 2026 (hạn nộp báo cáo 20/12/2026) — "
            '<a href="/thu-nhan?ky=NAM">Mở kỳ này</a>') in page


def test_a_year_gone_by_has_no_period_due_to_point_to(tmp_path, monkeypatch) -> None:
    """In 2027 every period of the 2026 plan is past: nothing is due, nothing said."""
    client = _client(plan_folder_on(tmp_path, monkeypatch, date(2027, 3, 1)))
    assert "Kỳ đang đến hạn" not in client.get("/giao-viec?ky=6T").text
