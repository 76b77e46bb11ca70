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



def _report_downloaded(tmp_path):
    """NV and TP merged in the app, the report made, the consolidated workbook downloaded
    to type the office's verdicts in: (data folder, the specialist's client, her token,
    the workbook)."""
    from support.web import _nv_and_tp_merged

    data, specialist, token = _nv_and_tp_merged(tmp_path)
    made = specialist.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                                    "Accept": "application/json"}).json()
    assert _wait(specialist, made)["state"] == "done"
    workbook = tmp_path / "tong-hop-9T.xlsx"
    workbook.write_bytes(specialist.get("/tai-ve/tong-hop/9T").content)
    return data, specialist, token, workbook

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


def test_each_one_s_report_page_shows_her_own_verdicts_not_the_ones_recorded_after(
        tmp_path):
    """Báo cáo: two people recording verdicts at once (the consolidated workbook with
    "Đạt" / "Chưa đạt" uploaded) each saw whichever upload ended last as her own. The
    page drawn at the end of hers (?viec=, as on Thu nhận) shows her own outcome, and a
    line saying another ended after it, when."""
    from support.workbooks import type_assessments

    data, specialist, token, downloaded = _report_downloaded(tmp_path)
    typed = {}
    for unit, verdict in (("NV", "Chưa đạt: thiếu văn bản"), ("TP", "Đạt")):
        typed[unit] = type_assessments(downloaded, tmp_path / f"{unit}.xlsx", verdict,
                                       lambda code, _, unit=unit: code == unit)
    deputy = TestClient(specialist.app, **LOCAL)
    deputy_token = _token(deputy, "/bao-cao?ky=9T")

    def recorded(client: TestClient, csrf: str, unit: str) -> dict:
        sent = client.post("/bao-cao/9T/danh-gia", headers={
            "X-CSRF-Token": csrf, "Accept": "application/json"}, files={
            "workbook": (f"đánh giá {unit}.xlsx", (tmp_path / f"{unit}.xlsx").read_bytes())})
        assert sent.status_code == 200, sent.text
        assert _wait(client, sent.json())["state"] == "done"
        return sent.json()

    own = recorded(specialist, token, "NV")
    theirs = recorded(deputy, deputy_token, "TP")

    def box(page: str) -> str:
        start = page.index('data-form="assess-form"')
        return page[start:page.index("</section>", start)]

    # The address app.js draws at the job's end; the form's answer without a script too.
    assert own["page"] == f"/bao-cao?ky=9T&viec={own['job']}"
    page = html.unescape(specialist.get(f"/bao-cao?ky=9T&viec={own['job']}").text)
    assert "Đọc đánh giá từ 'đánh giá NV.xlsx'" in box(page)
    assert "đánh giá TP.xlsx" not in box(page)
    assert f"Đã ghi {typed['NV']} đánh giá thay đổi" in box(page)
    later = re.search(r'<p class="msg info later">(.*?)</p>', page, re.S)
    assert later is not None, box(page)
    assert re.fullmatch(
        r"Sau lần ghi đánh giá này có 1 lần ghi đánh giá khác \(ở cửa sổ hay máy khác\), xong "
        r"lúc \d\d:\d\d:\d\d: số liệu, bảng tổng hợp và báo cáo bên dưới là sau lần đó\.",
        later[1]), later[1]
    # The deputy's page, ended last, shows hers and no line; a page opened afresh the
    # latest, as before.
    for client, address in ((deputy, theirs["page"]), (specialist, "/bao-cao?ky=9T")):
        page = html.unescape(client.get(address).text)
        assert "Đọc đánh giá từ 'đánh giá TP.xlsx'" in box(page)
        assert "đánh giá NV.xlsx" not in box(page) and 'class="msg info later"' not in page


def test_verdicts_recorded_without_a_script_show_her_own_upload_not_the_newest(tmp_path):
    """JavaScript off (a plain form POST, the page answered with a redirect): the
    consolidated workbook with the office's verdicts uploaded on Thu nhận came back to
    the period's page without the job it started, which showed the newest upload, the
    deputy's sent a moment after, as hers; while hers ran too (the page opening itself
    again, base.html), the deputy's queued behind it stood in the box."""
    from support.workbooks import type_assessments

    data, specialist, token, judged = _report_downloaded(tmp_path)
    typed = type_assessments(judged, judged, "Đạt", lambda code, _: code == "NV")
    deputy = TestClient(specialist.app, **LOCAL)
    deputy_token = _token(deputy, "/thu-nhan?ky=9T")
    theirs = sorted(RETURNS.glob("*.xlsx"))[-1]

    def plain(client: TestClient, csrf: str, path) -> str:
        sent = client.post("/thu-nhan/9T", data={"csrf": csrf},
                           files=[("files", (path.name, path.read_bytes()))],
                           follow_redirects=False)
        assert sent.status_code == 303, sent.text
        return sent.headers["location"]

    own = plain(specialist, _token(specialist, "/thu-nhan?ky=9T"), judged)
    other = plain(deputy, deputy_token, theirs)
    assert own != other and own.startswith("/thu-nhan?ky=9T&viec=")
    # While both are running or queued (the page opening itself again): hers in the box.
    running = _box(html.unescape(specialist.get(own).text))
    assert f'data-status="/viec/{own.rpartition("=")[2]}"' in running, running
    for job in (own, other):
        assert _wait(specialist, {"status": f"/viec/{job.rpartition('=')[2]}"})[
            "state"] == "done"
    page = html.unescape(specialist.get(own).text)
    box = _box(page)
    assert judged.name in box and theirs.name not in box
    assert f"Đã ghi {typed} đánh giá thay đổi" in box
    assert 'class="msg info later"' in page
    box = _box(html.unescape(deputy.get(other).text))
    assert theirs.name in box and judged.name not in box
