"""Which period a new session opens on, and what a page says of the periods beside it:
the period due now is opened (a QA pass: on 20 June a new session opened on quý I, the
latest period with files, when 6 tháng was due), a period gone by with work left is
recalled on its pages, and a page of a period gone by points to the period due now (a QA
pass: in September a page of 6 tháng said nothing of 9 tháng)."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from test_plan_amended import _done, plan_folder_on

from cchc_xl.web import plan_periods
from make_sample_returns import fill_return
from support.web import _client, _job, _token

# quý III and 9 tháng are both due on 20 September: each is pointed to.
HINT = "Kỳ đang đến hạn: quý III năm 2026 và 9 tháng năm 2026 (hạn nộp báo cáo 20/09/2026)"


@pytest.fixture
def september(tmp_path, monkeypatch):
    """A commune's 2026 plan with 6 tháng split, on 10 September 2026."""
    client = _client(plan_folder_on(tmp_path, monkeypatch, date(2026, 9, 10)))
    _job(client, _token(client), "/giao-viec/6T")
    return client


def _selected(page: str) -> str:
    return re.search(r'<option value="([^"]+)" selected>', page)[1]


def _hint(page: str, kind: str) -> str:
    return " ".join(re.findall(rf'<p class="msg info {kind}[^"]*"[^>]*>(.*?)</p>', page, re.S))


def test_a_new_session_opens_on_the_period_due_not_the_one_gone_by(september) -> None:
    """10 September: 6 tháng split (its day gone by), quý III and 9 tháng due on the
    20th: a new session opens on quý III (it opened on 6 tháng), 6 tháng's files still
    recalled, nothing of them merged."""
    page = html.unescape(september.get("/giao-viec").text)
    assert _selected(page) == "Q3"
    assert "Kỳ đang đến hạn" not in page
    assert ("Kỳ 6 tháng đầu năm 2026 đã qua hạn nộp báo cáo (20/06/2026) nhưng chưa gộp "
            "tệp nào các đơn vị gửi về — "
            '<a href="/thu-nhan?ky=6T">Mở trang Thu nhận của kỳ này</a>') in page


def test_a_page_of_a_period_gone_by_is_pointed_to_the_one_due(september) -> None:
    page = html.unescape(september.get("/giao-viec?ky=6T").text)
    assert _selected(page) == "6T"
    hint = _hint(page, "due-now")
    assert HINT in hint, hint
    assert '<a href="/giao-viec?ky=Q3">Mở kỳ quý III năm 2026</a>' in hint, hint
    assert '<a href="/giao-viec?ky=9T">Mở kỳ 9 tháng năm 2026</a>' in hint, hint
    assert "left-behind" not in page  # the page is the period's own


def test_of_the_periods_due_the_same_day_the_one_with_files_is_opened(september) -> None:
    """9 tháng split: the office reports 9 tháng, not quý III, both due on the 20th."""
    _job(september, _token(september), "/giao-viec/9T")
    fresh = _client(september.app.state.workspace.root)  # another browser
    assert _selected(html.unescape(fresh.get("/thu-nhan").text)) == "9T"


def _merged(tmp_path, monkeypatch, today: date, period: str, done: date, received: str):
    """The commune's plan on ``today``: ``period`` split and the culture office's file
    (a task done on ``done``) merged, received on ``received``; no report made."""
    client = _client(plan_folder_on(tmp_path, monkeypatch, today))
    token = _token(client)
    _job(client, token, f"/giao-viec/{period}")
    issued = next((client.app.state.workspace.root / f"giao-{period}").glob("VHXH-*.xlsx"))
    sent = fill_return(issued, tmp_path / "VHXH.xlsx", {"TC-03": _done(done)})
    _job(client, token, f"/thu-nhan/{period}", data={"received": received},
         files=[("files", (sent.name, sent.read_bytes()))])
    return client


@pytest.fixture
def june(tmp_path, monkeypatch):
    """20 June 2026, 6 tháng's report day: quý I's file merged (received 18 March)."""
    return _merged(tmp_path, monkeypatch, date(2026, 6, 20), "Q1", date(2026, 3, 5),
                   "18/03/2026")


def _another_browser(client):
    return _client(client.app.state.workspace.root)


def test_in_june_a_new_session_opens_on_6_thang_quy_i_s_report_recalled(june) -> None:
    """Quý I merged, its report day gone by: a new browser opens on 6 tháng, due today
    (it opened on quý I, the latest period with files); quý I's report, not made, is
    recalled with the page where it is made; once made, nothing is said."""
    for path in ("/giao-viec", "/thu-nhan", "/phan-hoi", "/bao-cao"):
        page = html.unescape(_another_browser(june).get(path).text)
        assert _selected(page) == "6T", path
        assert ("Kỳ quý I năm 2026 đã qua hạn nộp báo cáo (20/03/2026) nhưng chưa lập báo "
                'cáo — <a href="/bao-cao?ky=Q1">Mở trang Báo cáo của kỳ này</a>') \
            in _hint(page, "left-behind"), path
    _job(june, _token(june), "/bao-cao/Q1")
    page = _another_browser(june).get("/giao-viec").text
    assert _selected(page) == "6T"
    assert "left-behind" not in page


def test_a_period_chosen_in_the_session_is_kept(june) -> None:
    """The office opened quý I (a file sent late): its next page without a period in
    the address is quý I's, not 6 tháng's; no hint on quý I's own pages."""
    assert _selected(june.get("/thu-nhan?ky=Q1").text) == "Q1"
    page = june.get("/giao-viec").text
    assert _selected(page) == "Q1"
    assert "left-behind" not in page


@pytest.fixture
def june_after(tmp_path, monkeypatch):
    """22 June 2026, two days after 6 tháng's report day: 6 tháng's file merged."""
    return _merged(tmp_path, monkeypatch, date(2026, 6, 22), "6T", date(2026, 6, 5),
                   "19/06/2026")


def test_days_after_a_report_day_a_new_session_opens_on_its_period(june_after, monkeypatch):
    """The office merges late files and makes 6 tháng's report in the days after its day:
    a new browser opens 6 tháng (it opened quý III, due three months later), until the
    next report day is the nearer one; then quý III opens and 6 tháng's report, not
    made, is recalled."""
    page = html.unescape(_another_browser(june_after).get("/thu-nhan").text)
    assert _selected(page) == "6T"
    assert "left-behind" not in page
    monkeypatch.setattr(plan_periods, "today", lambda: date(2026, 8, 4))  # 45 days / 47
    assert _selected(_another_browser(june_after).get("/thu-nhan").text) == "6T"
    monkeypatch.setattr(plan_periods, "today", lambda: date(2026, 8, 6))  # 47 days / 45
    page = html.unescape(_another_browser(june_after).get("/thu-nhan").text)
    assert _selected(page) == "Q3"
    assert ("Kỳ 6 tháng đầu năm 2026 đã qua hạn nộp báo cáo (20/06/2026) nhưng chưa lập "
            "báo cáo") in _hint(page, "left-behind")


def test_a_report_day_gone_by_with_nothing_given_out_is_not_opened(september, monkeypatch):
    """Two days after quý I's day with none of its files given out (the office works
    on another period, or outside the app), the period due next opens."""
    fresh = _another_browser(september)
    monkeypatch.setattr(plan_periods, "today", lambda: date(2026, 3, 22))
    assert _selected(fresh.get("/giao-viec").text) == "6T"


def test_a_plan_of_a_year_gone_by_opens_on_its_latest_period_with_files(june, monkeypatch):
    """In 2027 every period is past: the latest with files (quý I), not the year's."""
    monkeypatch.setattr(plan_periods, "today", lambda: date(2027, 2, 1))
    page = _another_browser(june).get("/thu-nhan").text
    assert _selected(page) == "Q1"
    assert "left-behind" not in page


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
