"""A merge in the web app that could not read back verdicts the office typed into the
consolidated workbook (MergeResult.unread) said so only in the collapsed "Chi tiết lần
gộp": the upload's message read as any other, in success's green, and the workbook kept
as it was ("tong-hop-9T (bản đã sửa …).xlsx") was in the data folder, which someone
using the app from another computer cannot open. The message says it as a warning and
links the kept copy; so does every other step that writes the workbook again (a
refresh): a file withdrawn, a plan put in place (its recount), assessments uploaded,
"Gộp vào kỳ …"."""

from __future__ import annotations

import hashlib
import html
import re
from urllib.parse import quote

from openpyxl import load_workbook
from test_merge_unread_verdicts import _first_product

from cchc_xl.edited import kept_copies
from support.web import RETURNS, _job, _nv_and_tp_merged, _sent
from support.workbooks import assessment_place, type_assessments

SAID = ("Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp tong-hop-9T.xlsx không đọc được nên "
        "chưa được ghi vào số liệu")


def _typed_one_column_off(out) -> bytes:
    """A verdict typed beside the assessment column of NV's first row: the bytes saved."""
    wb = load_workbook(out)
    sheet, row, col = assessment_place(wb, "NV|" + _first_product(wb, "NV"))
    wb[sheet].cell(row, col - 1).value = "Đạt"
    wb.save(out)
    return out.read_bytes()


def test_an_upload_whose_merge_could_not_read_verdicts_says_so_and_offers_the_copy(tmp_path):
    data, client, token = _nv_and_tp_merged(tmp_path)
    out = data / "tong-hop-9T.xlsx"
    typed = _typed_one_column_off(out)
    state = _sent(client, token, [("X01.xlsx", (RETURNS / "X01-thi-tran-but-son.xlsx")
                                   .read_bytes())])
    assert state["state"] == "done", state
    (kept,) = kept_copies(out)
    said = state["result"]["message"]
    assert state["result"]["tone"] == "warn", said
    assert f"{SAID} (từng ô ở mục “Chi tiết lần gộp”)." in said, said
    assert f"bảng cũ được giữ lại thành “{kept.name}”: tải bản đó về" not in said
    assert f"bảng cũ được giữ lại thành “{kept.name}”: tải bản đó, ghi lại" in said, said
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    message = re.search(r'<p class="msg warn">([^\n]*?)</p>', page)
    assert message and SAID in message.group(1), page
    link = re.search(r'<a href="([^"]+)" download>Tải “([^”]+)”</a>', message.group(1))
    assert link and link.group(2) == kept.name, message.group(1)
    got = client.get(link.group(1))
    assert got.status_code == 200 and got.content == typed  # the office's workbook


def _kept_link(message: str) -> tuple[str, str] | None:
    """The link a message ends with to download a kept copy: (its address, the name its
    words give), None when it has none."""
    link = re.search(r'<a href="([^"]+)" download>Tải “([^”]+)”</a>$', message)
    return (link.group(1), link.group(2)) if link else None


def test_a_withdrawal_whose_refresh_could_not_read_verdicts_says_so_and_offers_the_copy(
        tmp_path):
    """The withdrawal's message named the copy kept as in the data folder ("cùng thư mục
    với tong-hop-9T.xlsx trong thư mục làm việc"), which someone using the app from
    another computer cannot open: the page's one-time messages were text alone. It now
    ends with the link to download it, as the upload's message does."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    out = data / "tong-hop-9T.xlsx"
    typed = _typed_one_column_off(out)
    tp = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    page = client.post("/thu-nhan/9T/rut", data={
        "sha": hashlib.sha256(tp).hexdigest(), "csrf": token}).text  # the page it goes back to
    (kept,) = kept_copies(out)
    flash = re.search(r'<p class="msg (\w+)" role="status">(Đã rút tệp [^\n]*?)</p>', page)
    assert flash and flash.group(1) == "warn", page
    said = html.unescape(flash.group(2))
    assert SAID in said and "'Đạt'" in said, said
    assert f"bảng cũ được giữ lại thành “{kept.name}”: tải bản đó, ghi lại" in said, said
    link = _kept_link(said)
    assert link and link[1] == kept.name, said
    got = client.get(link[0])
    assert got.status_code == 200 and got.content == typed  # the office's workbook
    # Shown once: the page opened again has no message, and no link.
    assert "ban-da-sua" not in client.get("/thu-nhan?ky=9T").text


def test_a_kept_copy_s_name_is_drawn_as_text_in_a_message(tmp_path, monkeypatch):
    """The link is drawn by the page from the copy's name, never put into the message as
    HTML: a name with markup in it is shown as written, its address encoded."""
    from cchc_xl.web import kept_files

    said = kept_files.unread_said

    def odd_name(result, **options):
        found = said(result, **options)
        if not found:
            return found
        name = 'x"><img src=y onerror=alert(1)>&.xlsx'
        return {**found, "kept_copy": {**found["kept_copy"], "name": name,
                                       "quoted": quote(name)}}

    monkeypatch.setattr(kept_files, "unread_said", odd_name)
    data, client, token = _nv_and_tp_merged(tmp_path)
    _typed_one_column_off(data / "tong-hop-9T.xlsx")
    tp = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    page = client.post("/thu-nhan/9T/rut", data={
        "sha": hashlib.sha256(tp).hexdigest(), "csrf": token}).text
    assert "<img" not in page
    assert ('download>Tải “x&#34;&gt;&lt;img src=y onerror=alert(1)&gt;&amp;.xlsx”</a>'
            in page), page
    assert "/ban-da-sua/9T/x%22%3E%3Cimg%20src%3Dy%20onerror%3Dalert%281%29%3E%26.xlsx" \
        in page


def test_a_plan_put_in_place_whose_recount_could_not_read_verdicts_says_so(
        tmp_path, monkeypatch):
    """A new version of the plan put in place recounts the periods reported now
    (plan_periods.follow): the recount wrote 9 tháng's consolidated workbook over, the
    verdict typed one column off kept only in a copy beside it, and the Kế hoạch page's
    notice said "Số liệu kỳ 9 tháng năm 2023 đã được tính lại" and nothing of it. Its
    points now say it, naming the period, with the link to the copy kept."""
    from datetime import date

    from cchc_xl.web import plan_periods
    from support.web import _put_plan, _reworded_plan, notices

    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 10))  # 9T reported now
    data, client, token = _nv_and_tp_merged(tmp_path)
    out = data / "tong-hop-9T.xlsx"
    typed = _typed_one_column_off(out)
    amended = _reworded_plan(tmp_path / "kế hoạch sửa.xlsx")
    page = _put_plan(client, data={"csrf": token},
                     files={"master": (amended.name, amended.read_bytes())}).text
    (kept,) = kept_copies(out)
    [(colour, said, points)] = notices(page)
    assert colour == "warn" and said.startswith("Đã nhận bảng kế hoạch"), (colour, said)
    assert "Số liệu kỳ 9 tháng năm 2023 đã được tính lại theo bảng kế hoạch mới." in points
    (point,) = [p for p in points if p.startswith("Cảnh báo:")]
    assert point.startswith(
        "Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp kỳ 9 tháng năm 2023 "
        "(tong-hop-9T.xlsx) không đọc được nên chưa được ghi vào số liệu ("), point
    assert "'Đạt'" in point  # each cell not read named: no details beside the notice
    assert f"bảng cũ được giữ lại thành “{kept.name}”: tải bản đó, ghi lại" in point, point
    link = _kept_link(point)
    assert link and link[1] == kept.name, point
    got = client.get(link[0])
    assert got.status_code == 200 and got.content == typed  # the office's workbook


def test_a_plan_notice_with_two_periods_warnings_reaches_the_page(tmp_path, monkeypatch):
    """Quý III and 9 tháng, both reported on 20/09, both recounted with verdicts typed one
    column off: the notice, kept in the session cookie, made it 5,952 bytes; Chromium
    drops a cookie over 4,096 bytes without a word, and the Kế hoạch page said nothing
    at all, not even that the plan was put in place. The notice waits in the app now
    (flashes.py): the cookie stays small, the page says both, each with its link."""
    from datetime import date

    from cchc_xl.web import plan_periods
    from support.web import _reworded_plan, notices

    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 10))
    data, client, token = _nv_and_tp_merged(tmp_path)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx")
                                  .read_bytes())], "Q3")["state"] == "done"
    typed = {code: _typed_one_column_off(data / f"tong-hop-{code}.xlsx")
             for code in ("Q3", "9T")}
    amended = _reworded_plan(tmp_path / "kế hoạch sửa.xlsx")
    sent = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                       files={"master": (amended.name, amended.read_bytes())})
    asked = re.search(r"thay=([0-9a-f]+)", sent.headers["location"])[1]
    answer = client.post("/ke-hoach/thay", data={"csrf": token, "token": asked,
                                                 "answer": "thay"}, follow_redirects=False)
    cookies = [v for k, v in answer.headers.multi_items() if k.lower() == "set-cookie"]
    assert cookies and all(len(c) < 4096 for c in cookies), [len(c) for c in cookies]
    [(colour, said, points)] = notices(client.get(answer.headers["location"]).text)
    assert colour == "warn" and said.startswith("Đã nhận bảng kế hoạch"), (colour, said)
    warned = [p for p in points if p.startswith("Cảnh báo:")]
    assert [p.split(" không đọc được")[0] for p in warned] == [
        "Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp kỳ quý III năm 2023 "
        "(tong-hop-Q3.xlsx)",
        "Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp kỳ 9 tháng năm 2023 "
        "(tong-hop-9T.xlsx)"]
    for code, point in zip(("Q3", "9T"), warned, strict=True):
        link = _kept_link(point)
        assert link and link[1] == kept_copies(data / f"tong-hop-{code}.xlsx")[0].name
        assert client.get(link[0]).content == typed[code]
    assert notices(client.get("/").text) == []  # shown once


def _assessed_there_typed_here(tmp_path) -> tuple:
    """The office downloaded 9 tháng's consolidated workbook and typed TP's verdicts into
    that copy; someone on the app's computer typed a verdict one column off into the
    workbook in the data folder: the client, its token, the copy typed, the data
    folder's workbook and the bytes saved into it."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    downloaded = tmp_path / "tải về.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    assessed = tmp_path / "đã đánh giá.xlsx"
    assert type_assessments(downloaded, assessed, "Chưa đạt", lambda unit, _: unit == "TP")
    out = data / "tong-hop-9T.xlsx"
    return client, token, assessed, out, _typed_one_column_off(out)


def test_assessments_uploaded_on_the_report_page_say_the_verdicts_not_read(tmp_path):
    """Assessments uploaded on Báo cáo are recorded, then the period's workbook in the
    data folder written again (Workspace.assess): verdicts typed into that one that
    could not be read were kept only in a copy beside it, and the page said "Đã ghi …
    đánh giá" in green and nothing of it. It now says it, with the link to the copy."""
    client, token, assessed, out, typed = _assessed_there_typed_here(tmp_path)
    state = _job(client, token, "/bao-cao/9T/danh-gia",
                 files={"workbook": (assessed.name, assessed.read_bytes())})
    (kept,) = kept_copies(out)
    said = state["result"]["message"]
    assert said.startswith("Đã ghi ") and state["result"]["tone"] == "warn", state
    assert f"{SAID} (1 ô ghi đánh giá ngoài cột" in said, said  # each cell named
    assert f"bảng cũ được giữ lại thành “{kept.name}”: tải bản đó, ghi lại" in said, said
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    message = re.search(r'<p class="msg warn">(Đã ghi [^\n]*?)</p>', page)
    assert message and SAID in message.group(1), page
    link = _kept_link(message.group(1))
    assert link and link[1] == kept.name, message.group(1)
    got = client.get(link[0])
    assert got.status_code == 200 and got.content == typed  # the office's workbook


def test_a_consolidated_workbook_uploaded_on_intake_says_the_verdicts_not_read(tmp_path):
    """The same workbook uploaded on Thu nhận with a unit's file (its assessments read
    first, then the file merged): the merge read the workbook the assessments' refresh
    had just written, so nothing said the data folder's typing was written over."""
    client, token, assessed, out, typed = _assessed_there_typed_here(tmp_path)
    state = _sent(client, token, [
        (assessed.name, assessed.read_bytes()),
        ("X01.xlsx", (RETURNS / "X01-thi-tran-but-son.xlsx").read_bytes())])
    (kept,) = kept_copies(out)
    said = state["result"]["message"]
    assert state["result"]["tone"] == "warn" and SAID in said, said
    assert state["result"]["kept_copy"]["name"] == kept.name
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    message = re.search(r'<p class="msg warn">([^\n]*?)</p>', page)
    assert message and SAID in message.group(1), page
    link = _kept_link(message.group(1))
    assert link and link[1] == kept.name, message.group(1)
    assert client.get(link[0]).content == typed


def test_a_late_file_moved_to_its_period_offers_both_copies_kept(tmp_path):
    """"Gộp vào kỳ 6 tháng…" merges the file into its period, then writes the page's
    period's workbook again (Quý III): with verdicts typed one column off into both
    workbooks, both were kept and both said, but only Quý III's copy was linked (one
    link a message). Each copy is offered, and Quý III's, not the page's period, is
    named by its period."""
    from test_web_late_period import _moved, _returns

    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"))
    assert _sent(client, token, [sent["6T"][1]], "6T")["state"] == "done"  # TP in time
    state = _sent(client, token, [sent["6T"][0], sent["Q3"][1]], "Q3")  # NV's, late
    line = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")
    typed = {}
    for code in ("6T", "Q3"):
        out = data / f"tong-hop-{code}.xlsx"
        wb = load_workbook(out)
        sheet, row, col = assessment_place(wb, "TP|" + _first_product(wb, "TP"))
        wb[sheet].cell(row, col - 1).value = "Đạt"
        wb.save(out)
        typed[code] = out.read_bytes()
    _, job = _moved(client, token, "Q3", to="6T", sha=line["move"]["sha"])
    assert job is not None and job.state == "done", job and job.error
    kept = {code: kept_copies(data / f"tong-hop-{code}.xlsx")[0].name for code in typed}
    said = job.result["message"]
    assert "Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp tong-hop-6T.xlsx" in said, said
    assert ("Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp kỳ quý III năm 2023 "
            "(tong-hop-Q3.xlsx)") in said, said
    page = html.unescape(client.get("/thu-nhan?ky=6T").text)
    message = re.search(r'<p class="msg warn">([^\n]*?)</p>', page)
    assert message, page
    links = re.findall(r'<a href="([^"]+)" download>Tải “([^”]+)”</a>', message.group(1))
    assert sorted(name for _, name in links) == sorted(kept.values()), message.group(1)
    for address, name in links:
        code = next(c for c, n in kept.items() if n == name)
        assert client.get(address).content == typed[code]
