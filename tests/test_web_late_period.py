"""A unit's file of an earlier period dropped on a later period's Thu nhận (the 6-month
report at last, the office on Quý III): refused there, with "Gộp vào kỳ 6 tháng…" that
merges the file kept in the data folder into its own period, late, without uploading it
again (web/late_files.py). The office used to be told to choose the period and upload
the file again, and several units' files were not kept at all."""

from __future__ import annotations

import html
import json
import os
import re
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from test_figures import done

from cchc_xl import assignment as A
from cchc_xl import data_folder
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ACCEPTED
from make_sample_returns import fill_return
from support import othersoft
from support.clock import set_clock
from support.web import _client, _job, _sent, _token, _upload, _with_master, merged_at_start

BUTTON = "Gộp vào kỳ 6 tháng đầu năm 2023"

# The day these tests run on (cchc_xl.clock), whatever the machine's: a file uploaded
# today is received on it, 1295 days after 6 tháng's due day (20/06/2023). The ages of
# the files held on disk (the notes of a click that died) keep the file system's clock.
TODAY = date(2027, 1, 5)
# When the units' files say they were saved: that morning, before the merges (saved on
# the machine's clock, a file of a machine ahead of TODAY was "lưu … sau thời điểm gộp").
SAVED = datetime(2027, 1, 5, 8)


@pytest.fixture(autouse=True)
def _the_day(monkeypatch):
    set_clock(monkeypatch, TODAY)


def _first_task(path) -> str:
    """The first task code of a unit's file, to answer."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        header = [c.value for c in ws[A.HEADER_ROW]] if ws.max_row >= A.HEADER_ROW else []
        if A.COL_ID in header:
            col = header.index(A.COL_ID) + 1
            return next(ws.cell(r, col).value for r in range(A.HEADER_ROW + 1, ws.max_row + 1)
                        if ws.cell(r, col).value)
    raise AssertionError(path)


def _returns(tmp_path, periods=("6T",), units=("NV", "TP")):
    """A data folder with the plan, ``periods`` issued on Giao việc and ``units``' files
    of each filled in: the client, its token, the folder and the files by period."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    sent = {}
    for code in periods:
        _job(client, token, f"/giao-viec/{code}")
        for unit in units:
            issued = next((data / f"giao-{code}").glob(f"{unit}-*.xlsx"))
            filled = fill_return(issued, tmp_path / code / f"{unit}-{code}.xlsx",
                                 {_first_task(issued): done(date(2023, 5, 10))}, saved_at=SAVED)
            sent.setdefault(code, []).append((filled.name, filled.read_bytes()))
    return client, token, data, sent


def _moved(client, csrf: str, chosen: str, **fields) -> tuple:
    """"Gộp vào kỳ…" clicked on ``chosen``'s page: the answer, and the merge it started
    (None when it started none), waited for."""
    runner = client.app.state.runner
    before = runner.latest("merge", fields.get("to", ""))
    answer = client.post(f"/thu-nhan/{chosen}/gop-vao-ky", data={"csrf": csrf, **fields},
                         follow_redirects=False)
    job = runner.latest("merge", fields.get("to", ""))
    if job is before:
        return answer, None
    for _ in range(600):
        if job.finished:
            break
        time.sleep(0.1)
    return answer, job


def _page(client, code: str) -> str:
    return html.unescape(client.get(f"/thu-nhan?ky={code}").text)


def test_a_units_late_file_of_an_earlier_period_is_merged_into_it_with_one_click(tmp_path):
    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"))
    # TP's 6-month report came in time, and the report was made: to be made again.
    assert _sent(client, token, [sent["6T"][1]], "6T")["state"] == "done"
    _job(client, token, "/bao-cao/6T")
    nv_6t = sent["6T"][0]
    state = _sent(client, token, [nv_6t, sent["Q3"][1]], "Q3")  # with TP's Quý III file
    line = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")
    assert line["outcome"] == "Bị từ chối"
    assert line["reason"].startswith(
        "tệp được giao cho kỳ 6 tháng đầu năm 2023, không phải kỳ quý III năm 2023 đang gộp: "
        f"nếu đơn vị gửi muộn tệp của kỳ 6 tháng đầu năm 2023, bấm “{BUTTON}”")
    assert line["move"]["to"] == "6T"
    page = _page(client, "Q3")
    assert page.count(f">{BUTTON}</button>") == 2  # its line, and NV's row on the board
    # TP's Quý III file is taken as before.
    assert [f["outcome"] for f in state["result"]["files"] if f["name"] == "TP-Q3.xlsx"] \
        == ["Được nhận"]

    answer, job = _moved(client, token, "Q3", to="6T", sha=line["move"]["sha"])
    assert answer.status_code == 303
    assert job is not None and job.state == "done", job and job.error
    assert answer.headers["location"] == f"/thu-nhan?ky=6T&viec={job.id}"
    files = job.result["files"]
    assert [(f["name"], f["outcome"], f["unit"]) for f in files] == [
        ("NV-6T.xlsx", "Được nhận", "Phòng Nội vụ")]
    # Received the day it was uploaded on Quý III: late for the 6-month report.
    assert files[0]["late"] == "Muộn 1295 ngày"
    said = job.result["message"]
    assert ("Các tệp trên tải lên ở trang Thu nhận kỳ quý III năm 2023, đã gộp vào kỳ 6 "
            "tháng đầu năm 2023 (kỳ của tệp) theo ngày nhận đã ghi: số liệu kỳ 6 tháng đầu "
            "năm 2023 đã thay đổi.") in said
    assert "bấm “Lập lại báo cáo” ở trang Báo cáo của kỳ này" in said
    six = _page(client, "6T")
    assert "NV-6T.xlsx</span> → Phòng Nội vụ" in six and "Muộn 1295 ngày" in six
    db = data / "cchc-ledger.sqlite"
    nv = [s for s in load_snapshot(db, "6T").submissions if s.unit == "NV"]
    assert [(s.outcome, s.received_day) for s in nv] == [(ACCEPTED, TODAY)]

    # On Quý III's page the file is said to be in its period, and offered no more.
    page = _page(client, "Q3")
    assert BUTTON not in page
    today = "05/01/2027"
    assert (f"đã gộp vào kỳ 6 tháng đầu năm 2023 ngày {today} (xem ở trang Thu nhận của kỳ "
            "đó)") in page
    again, job = _moved(client, token, "Q3", to="6T", sha=line["move"]["sha"])
    assert again.status_code == 303 and job is None
    assert "Không còn tệp này để gộp vào kỳ 6 tháng đầu năm 2023" in _page(client, "Q3")
    assert len(load_snapshot(db, "6T").submissions) == 2


def test_a_google_file_of_an_earlier_period_is_merged_into_it_with_one_click(tmp_path):
    """A unit's 6-month file saved again by Google Sheets has lost its identity; line 2
    of its task sheets still names 6 tháng. Dropped on Quý III's page it is refused there
    with the button an identity's file gets, and one click merges it into 6 tháng, where
    it counts (with the warning of a file without identity); Quý III then says it went
    there, and NV has sent nothing for Quý III."""
    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"), units=("TP",))
    issued = next((data / "giao-6T").glob("NV-*.xlsx"))
    google = othersoft.google_sheets(issued, tmp_path / "NV-6T-google.xlsx",
                                     {_first_task(issued): done(date(2023, 5, 10))},
                                     saved_at=SAVED, tmp=tmp_path, very_hidden="dropped")
    state = _sent(client, token, [(google.name, google.read_bytes()), sent["Q3"][0]], "Q3")
    line = next(f for f in state["result"]["files"] if f["name"] == google.name)
    assert line["outcome"] == "Bị từ chối"
    assert line["reason"].startswith(
        "tệp được giao cho kỳ 6 tháng đầu năm 2023, không phải kỳ quý III năm 2023 đang gộp: "
        f"nếu đơn vị gửi muộn tệp của kỳ 6 tháng đầu năm 2023, bấm “{BUTTON}”"), line
    assert line["reason"].endswith(
        "; kỳ của tệp đọc ở dòng 2 các trang nhiệm vụ, vì tệp không còn thông tin nhận dạng "
        "ẩn"), line
    assert line["move"]["to"] == "6T"
    assert _page(client, "Q3").count(f">{BUTTON}</button>") == 2  # its line, NV's row

    answer, job = _moved(client, token, "Q3", to="6T", sha=line["move"]["sha"])
    assert answer.status_code == 303
    assert job is not None and job.state == "done", job and job.error
    (merged,) = job.result["files"]
    assert (merged["name"], merged["outcome"], merged["unit"]) == (
        google.name, "Được nhận", "Phòng Nội vụ"), merged
    assert merged["late"] == "Muộn 1295 ngày"
    db = data / "cchc-ledger.sqlite"
    (nv,) = [s for s in load_snapshot(db, "6T").submissions if s.unit == "NV"]
    assert (nv.outcome, nv.received_day) == (ACCEPTED, TODAY)
    assert "identity-missing" in {p.code for p in nv.problems}

    page = _page(client, "Q3")
    assert BUTTON not in page
    row = _board_row(page, "NV")
    assert row.startswith("NV Phòng Nội vụ Chưa gửi"), row
    assert f"{google.name} Đã gộp vào kỳ 6 tháng đầu năm 2023 (kỳ của tệp) ngày 05/01/2027" \
        in row, row
    assert ("đã gộp vào kỳ 6 tháng đầu năm 2023 ngày 05/01/2027 (xem ở trang Thu nhận của kỳ "
            "đó)") in page  # the upload's line


def test_several_units_files_of_an_earlier_period_are_held_for_the_button(tmp_path):
    client, token, data, sent = _returns(tmp_path)
    state = _sent(client, token, sent["6T"], "Q3")
    assert state["state"] == "failed"
    assert state["error"] == (
        "Không gộp: cả 2 tệp được giao cho kỳ 6 tháng đầu năm 2023, không tệp nào của kỳ quý "
        "III năm 2023 đang chọn: chưa ghi tệp nào vào sổ cái. Nếu đó là tệp các đơn vị gửi "
        f"muộn của kỳ 6 tháng đầu năm 2023, bấm “{BUTTON}” dưới đây: các tệp vừa tải lên được "
        "giữ (đến hết 24 giờ) để gộp vào kỳ đó, không cần tải lên lại; nếu đơn vị gửi nhầm "
        "tệp của kỳ khác, đề nghị đơn vị gửi tệp của kỳ quý III năm 2023.")
    assert state["offer"]["to"] == "6T"
    db = data / "cchc-ledger.sqlite"
    assert load_snapshot(db, "Q3").submissions == []
    assert f">{BUTTON}</button>" in _page(client, "Q3")

    answer, job = _moved(client, token, "Q3", to="6T", token=state["offer"]["token"])
    assert answer.headers["location"] == f"/thu-nhan?ky=6T&viec={job.id}"
    assert job.state == "done", job.error
    assert sorted((f["name"], f["outcome"]) for f in job.result["files"]) == [
        ("NV-6T.xlsx", "Được nhận"), ("TP-6T.xlsx", "Được nhận")]
    assert sorted(s.unit for s in load_snapshot(db, "6T").submissions
                  if s.outcome == ACCEPTED) == ["NV", "TP"]
    # Moved, not copied: Quý III's folder keeps nothing of them.
    assert [p for p in (data / "nhan-ve-Q3").rglob("*.xlsx")] == []
    page = _page(client, "Q3")
    assert f">{BUTTON}</button>" not in page
    assert f"Đã bấm “{BUTTON}”: các tệp này đã được gộp vào kỳ đó." in page
    _, job = _moved(client, token, "Q3", to="6T", token=state["offer"]["token"])
    assert job is None


def test_files_of_a_later_period_are_never_offered(tmp_path):
    """The 6-month files on Quý I's page cannot be late returns: refused as before,
    nothing held, and the button's request for a later period refused."""
    client, token, data, sent = _returns(tmp_path)
    state = _sent(client, token, sent["6T"], "Q1")
    assert state["state"] == "failed" and not state["offer"]
    assert "các tệp vừa tải lên cũng không được giữ. Chọn '6 tháng đầu năm 2023'" \
        in state["error"]
    assert BUTTON not in _page(client, "Q1")
    answer, job = _moved(client, token, "Q1", to="6T", sha="0" * 64)
    assert answer.status_code == 303 and job is None
    assert "Không rõ kỳ cần gộp tệp vào" in _page(client, "Q1")
    assert load_snapshot(data / "cchc-ledger.sqlite", "6T").submissions == []


def _board_row(page: str, unit: str) -> str:
    """A unit's row of the board, as its text reads."""
    row = re.search(rf'<tr data-state="[^"]*"[^>]*>\s*<td class="unit-code">{unit}</td>'
                    r".*?</tr>", page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", row[0]).split())


def _sheet(path, name: str) -> list[tuple]:
    return [r for r in load_workbook(path)[name].iter_rows(values_only=True) if any(r)]


def _said(path) -> str:
    """The Word report's body: its paragraphs before the appendices (whose notes, after
    their tables, explain every case: "... có tệp bị từ chối ...")."""
    body = []
    for p in Document(path).paragraphs:
        if p.text.strip() == "Phụ lục I":
            break
        body.append(p.text)
    return "\n".join(body)


def test_a_file_merged_into_its_own_period_is_no_refusal_of_the_later_one(tmp_path):
    """Refused on Quý III's page, the 6-month file is NV's refused Quý III report only
    until the office merges it into its period: then NV has not sent its Quý III report
    (Chưa gửi) on the board, in the consolidated workbook, the report and the letters,
    and the file is listed as gone there, with the day (it stayed "Tệp bị từ chối",
    and the Word report asked 1 unit to send its refused file again)."""
    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"))
    state = _sent(client, token, [sent["6T"][0], sent["Q3"][1]], "Q3")
    line = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")
    # Not clicked: refused in Quý III, as ever.
    assert _board_row(_page(client, "Q3"), "NV").startswith("NV Phòng Nội vụ Tệp bị từ chối")
    _job(client, token, "/bao-cao/Q3")
    assert "và 1 đơn vị có tệp bị từ chối gửi lại báo cáo hợp lệ" in \
        _said(data / "bao-cao-Q3.docx")
    assert [f.name for f in (data / "phan-hoi-Q3").glob("NV-*.xlsx")] == [
        "NV-Phòng-Nội-vụ-phản-hồi.xlsx"]

    _, job = _moved(client, token, "Q3", to="6T", sha=line["move"]["sha"])
    assert job.state == "done", job.error
    today = "05/01/2027"
    went = f"đã gộp vào kỳ 6 tháng đầu năm 2023 (kỳ của tệp) ngày {today}"
    page = _page(client, "Q3")
    row = _board_row(page, "NV")
    assert row.startswith("NV Phòng Nội vụ Chưa gửi")
    assert f"NV-6T.xlsx Đ{went[1:]}" in row and BUTTON not in row
    assert "Tệp bị từ chối (0)" in page
    # The consolidated workbook, written again: the file listed, where it went.
    book = data / "tong-hop-Q3.xlsx"
    files = {r[2]: r for r in _sheet(book, "Tệp đã nhận")}
    assert files["NV-6T.xlsx"][6] == "Đã gộp vào kỳ khác"
    assert files["NV-6T.xlsx"][10] == went
    summary = dict(r[:2] for r in _sheet(book, "Tổng hợp"))
    assert (summary["Tệp bị từ chối"], summary["Tệp đã gộp vào kỳ khác"]) == (0, 1)
    assert summary["Lỗi (xem trang 'Vấn đề')"] == 0  # its error is no longer the period's
    assert next(r for r in _sheet(book, "Chưa gửi") if r[0] == "NV")[5] is None
    # Its refusal letter to NV is gone from Phản hồi, nor does the page count it.
    assert [f.name for f in (data / "phan-hoi-Q3").glob("NV-*.xlsx")] == []
    feedback = html.unescape(client.get("/phan-hoi?ky=Q3").text)
    assert "Tệp bị từ chối:" not in feedback
    # The report made again counts NV among those that sent nothing.
    _job(client, token, "/bao-cao/Q3")
    said = _said(data / "bao-cao-Q3.docx")
    assert "Đôn đốc 46 đơn vị chưa gửi báo cáo kỳ này." in said and "từ chối" not in said
    notes = " ".join(str(c) for r in _sheet(data / "bao-cao-Q3.xlsx", "Ghi chú") for c in r
                     if c)
    assert "Trong đó có tệp bị từ chối" not in notes
    _job(client, token, "/phan-hoi/Q3", data={"deadline": ""})
    letter = _said(data / "don-doc-Q3.docx")
    assert "Phòng Nội vụ" in letter and "từ chối" not in letter

    # NV's own Quý III file, sent since, counts as any other.
    nv_q3 = next(s for s in sent["Q3"] if s[0].startswith("NV"))
    assert _sent(client, token, [nv_q3], "Q3")["state"] == "done"
    row = _board_row(_page(client, "Q3"), "NV")
    assert row.startswith("NV Phòng Nội vụ Muộn") and "NV-Q3.xlsx Được nhận" in row
    assert [(s.unit, s.outcome) for s in load_snapshot(data / "cchc-ledger.sqlite", "Q3")
            .submissions if s.unit == "NV" and s.outcome == ACCEPTED] == [("NV", ACCEPTED)]


def test_the_later_periods_report_is_out_of_date_once_the_file_went(tmp_path):
    """Quý III's report made while NV's 9-month file (of the same cut-off: Quý III's
    figures count nothing of it) stood refused there is out of date once the file is
    merged into 9 tháng: NV is now Chưa gửi. The page said it current, the Word draft
    asking NV to send its refused file again."""
    client, token, data, sent = _returns(tmp_path, ("9T", "Q3"))
    state = _sent(client, token, [sent["9T"][0], sent["Q3"][1]], "Q3")
    line = next(f for f in state["result"]["files"] if f["name"] == "NV-9T.xlsx")
    _job(client, token, "/bao-cao/Q3")
    stale = "Số liệu đã thay đổi sau lần lập báo cáo trước"
    assert stale not in client.get("/bao-cao?ky=Q3").text
    _, job = _moved(client, token, "Q3", to="9T", sha=line["move"]["sha"])
    assert job.state == "done", job.error
    assert _board_row(_page(client, "Q3"), "NV").startswith("NV Phòng Nội vụ Chưa gửi")
    assert stale in client.get("/bao-cao?ky=Q3").text


def test_the_later_periods_report_is_out_of_date_once_its_withdrawn_file_went(tmp_path):
    """As above, NV's 9-month file withdrawn from Quý III first, then uploaded on 9
    tháng's page: Quý III's report, which said NV's file withdrawn, is out of date (a 9
    tháng merge is no earlier period's, which Quý III's figures follow anyway)."""
    client, token, data, sent = _returns(tmp_path, ("9T", "Q3"))
    state = _sent(client, token, [sent["9T"][0], sent["Q3"][1]], "Q3")
    sha = next(f for f in state["result"]["files"] if f["name"] == "NV-9T.xlsx")["move"]["sha"]
    client.post("/thu-nhan/Q3/rut", data={"csrf": token, "sha": sha})
    _job(client, token, "/bao-cao/Q3")
    stale = "Số liệu đã thay đổi sau lần lập báo cáo trước"
    assert stale not in client.get("/bao-cao?ky=Q3").text
    assert _sent(client, token, [sent["9T"][0]], "9T")["state"] == "done"
    assert _board_row(_page(client, "Q3"), "NV").startswith("NV Phòng Nội vụ Chưa gửi")
    assert stale in client.get("/bao-cao?ky=Q3").text


def test_files_held_for_the_button_are_received_the_day_they_were_uploaded(
        tmp_path, monkeypatch):
    """Several units' 6-month files dropped on Quý III's page on 05/10 with "Ngày nhận"
    left empty, held for "Gộp vào kỳ…", which was clicked the next day: they were merged
    as received on 06/10, the day of the click (a day later than they came). They are
    received the day the app took them."""
    from cchc_xl.web import plan_periods

    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 10, 5))
    client, token, data, sent = _returns(tmp_path)
    state = _sent(client, token, sent["6T"], "Q3")
    assert state["state"] == "failed" and state["offer"]["to"] == "6T"
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 10, 6))
    _, job = _moved(client, token, "Q3", to="6T", token=state["offer"]["token"])
    assert job.state == "done", job.error
    late = (date(2023, 10, 5) - date(2023, 6, 20)).days
    assert [(f["name"], f["late"]) for f in job.result["files"]] == [
        ("NV-6T.xlsx", f"Muộn {late} ngày"), ("TP-6T.xlsx", f"Muộn {late} ngày")]
    assert {s.received for s in load_snapshot(data / "cchc-ledger.sqlite", "6T").submissions
            } == {"2023-10-05"}


class _Died(Exception):
    """The server dying in the middle of a click (a test's stand-in)."""


def _die(*args, **kwargs):
    raise _Died


@pytest.mark.parametrize("dies", ["before its note", "before the moves", "after the moves"])
def test_held_files_are_merged_into_their_period_when_the_app_starts_after_the_click_died(
        tmp_path, dies):
    """The server dies while "Gộp vào kỳ…" moves the held files into their period (the
    note for them written, none or every file moved): the held note was taken and the
    moved files had no note, so the app starting again merged nothing and they stayed
    out of the ledger. Now it finishes the moves and merges them into that period, with
    the day they were received."""
    from cchc_xl.web.workspace import Workspace

    client, token, data, sent = _returns(tmp_path)
    state = _sent(client, token, sent["6T"], "Q3")
    assert state["state"] == "failed" and state["offer"]["to"] == "6T"

    dying = "new_upload_path" if dies == "before its note" else (
        "remember_names" if dies == "before the moves" else "forget_uploads")
    with pytest.MonkeyPatch.context() as mp, pytest.raises(_Died):  # the day stays set
        mp.setattr(Workspace, dying, _die)
        client.post("/thu-nhan/Q3/gop-vao-ky",
                    data={"csrf": token, "to": "6T", "token": state["offer"]["token"]})
    app_dir = Workspace(data).app_dir
    for taken in (app_dir / data_folder.PENDING_DIR).glob("*.dang-gop"):  # a minute ago
        os.utime(taken, (time.time() - 120,) * 2)
    db = data / "cchc-ledger.sqlite"
    assert load_snapshot(db, "6T").submissions == []
    with _client(data) as started:  # the app starting again
        merged_at_start(started, "6T")
    subs = load_snapshot(db, "6T").submissions
    assert sorted((s.unit, s.outcome, s.received_day) for s in subs) == [
        ("NV", ACCEPTED, TODAY), ("TP", ACCEPTED, TODAY)]
    if dies != "before its note":  # moved (before it, merged from where they were)
        assert [p for p in (data / "nhan-ve-Q3").rglob("*.xlsx")] == []
        assert sorted(p.name for p in (data / "nhan-ve-6T").rglob("*.xlsx")) == [
            "NV-6T.xlsx", "TP-6T.xlsx"]
    assert list((app_dir / data_folder.PENDING_DIR).iterdir()) == []


def test_a_file_merged_into_its_own_period_is_not_withdrawn_from_the_later_one(tmp_path):
    """Quý III's Thu nhận opened before "Gộp vào kỳ 6 tháng…" was clicked (in another
    tab) still carries the refused file's "Rút khỏi số liệu": sent after the move, it
    withdrew the file in Quý III, and NV read "Tệp đã rút khỏi số liệu" there though
    the file is no longer Quý III's. It changes nothing now, and says where the file is."""
    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"))
    state = _sent(client, token, [sent["6T"][0], sent["Q3"][1]], "Q3")
    line = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")
    sha = line["move"]["sha"]
    assert f'name="sha" value="{sha}"' in _page(client, "Q3")  # the form, before the click
    _, job = _moved(client, token, "Q3", to="6T", sha=sha)
    assert job.state == "done", job.error
    answer = client.post("/thu-nhan/Q3/rut", data={"csrf": token, "sha": sha},
                         follow_redirects=False)
    assert answer.status_code == 303
    page = _page(client, "Q3")
    today = "05/01/2027"
    assert ("Tệp NV-6T.xlsx đã gộp vào kỳ 6 tháng đầu năm 2023 (kỳ của tệp) ngày "
            f"{today}, không còn là tệp của kỳ quý III năm 2023: không rút gì ở kỳ này. "
            "Nếu cần rút tệp này khỏi số liệu, rút ở trang Thu nhận của kỳ 6 tháng đầu năm "
            "2023.") in page
    assert _board_row(page, "NV").startswith("NV Phòng Nội vụ Chưa gửi")
    db = data / "cchc-ledger.sqlite"
    assert [(s.unit, s.outcome) for s in load_snapshot(db, "Q3").submissions
            if s.unit == "NV"] == [("NV", "moved")]
    assert [(s.unit, s.outcome) for s in load_snapshot(db, "6T").submissions] == [
        ("NV", ACCEPTED)]


def test_a_file_withdrawn_from_a_later_period_then_merged_into_its_own_says_so(tmp_path):
    """NV's 6-month file refused on Quý III's page, withdrawn there ("Rút khỏi số liệu"),
    then merged into 6 tháng: Quý III's board kept NV "Tệp đã rút khỏi số liệu" (the
    letters asked NV for a corrected file) though the file counts in 6 tháng and NV has
    sent nothing of Quý III; before the merge, the upload's list said the file "đã gộp
    vào kỳ 6 tháng", merged nowhere. As a refused file merged into its period: NV
    "Chưa gửi" in Quý III, the file listed where it went and that it was withdrawn here,
    counted once, in 6 tháng."""
    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"))
    nv_6t = sent["6T"][0]
    state = _sent(client, token, [nv_6t, sent["Q3"][1]], "Q3")
    sha = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")["move"]["sha"]
    client.post("/thu-nhan/Q3/rut", data={"csrf": token, "sha": sha})
    page = _page(client, "Q3")
    assert _board_row(page, "NV").startswith("NV Phòng Nội vụ Tệp đã rút khỏi số liệu")
    assert "đã gộp vào kỳ 6 tháng" not in page  # it is in no period
    assert ("tệp được giao cho kỳ 6 tháng đầu năm 2023, không phải kỳ quý III năm 2023: đã "
            "rút khỏi số liệu kỳ này, chưa gộp vào kỳ 6 tháng đầu năm 2023; nếu đơn vị gửi "
            "muộn tệp của kỳ 6 tháng đầu năm 2023, tải tệp lên ở trang Thu nhận của kỳ 6 "
            "tháng đầu năm 2023") in page
    _job(client, token, "/bao-cao/Q3")

    assert _sent(client, token, [nv_6t], "6T")["state"] == "done"
    today = "05/01/2027"
    page = _page(client, "Q3")
    row = _board_row(page, "NV")
    assert row.startswith("NV Phòng Nội vụ Chưa gửi"), row
    assert (f"NV-6T.xlsx Đã gộp vào kỳ 6 tháng đầu năm 2023 (kỳ của tệp) ngày {today}; ở kỳ "
            f"này đã rút khỏi số liệu ngày {today}") in row
    assert (f"đã gộp vào kỳ 6 tháng đầu năm 2023 ngày {today} (xem ở trang Thu nhận của kỳ "
            "đó)") in page  # the upload's list too
    # The report made before is out of date; made again, NV is among those that sent
    # nothing, not asked for a corrected file.
    assert "Số liệu đã thay đổi sau lần lập báo cáo trước" in client.get("/bao-cao?ky=Q3").text
    _job(client, token, "/phan-hoi/Q3", data={"deadline": ""})
    letter = _said(data / "don-doc-Q3.docx")
    assert "Phòng Nội vụ" in letter and "rút khỏi số liệu" not in letter
    db = data / "cchc-ledger.sqlite"
    assert [(s.unit, s.outcome) for s in load_snapshot(db, "Q3").submissions
            if s.unit == "NV"] == [("NV", "moved")]
    assert [(s.unit, s.outcome) for s in load_snapshot(db, "6T").submissions] == [
        ("NV", ACCEPTED)]


@pytest.mark.parametrize("first_on", ["Q3", "6T"])
def test_a_file_in_its_own_period_dropped_again_on_a_later_one_says_it_is_there(
        tmp_path, first_on):
    """NV's 6-month file, merged into 6 tháng (with the button from Quý III's page, or
    uploaded on 6 tháng's), dropped on Quý III's page again: its line said to click
    "Gộp vào kỳ 6 tháng…" though no button was beside it and the file was there."""
    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"))
    nv_6t = sent["6T"][0]
    if first_on == "Q3":
        state = _sent(client, token, [nv_6t, sent["Q3"][1]], "Q3")
        line = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")
        _, job = _moved(client, token, "Q3", to="6T", sha=line["move"]["sha"])
    else:
        job = None
        assert _sent(client, token, [nv_6t], "6T")["state"] == "done"
    assert job is None or job.state == "done"
    state = _sent(client, token, [nv_6t, sent["Q3"][1]], "Q3")
    line = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")
    today = "05/01/2027"
    assert "move" not in line
    assert (line["outcome"], line["errors"], line["reason"]) == (
        "Đã gộp vào kỳ khác", 0,
        "tệp được giao cho kỳ 6 tháng đầu năm 2023, không phải kỳ quý III năm 2023: đã gộp "
        f"vào kỳ 6 tháng đầu năm 2023 ngày {today} (xem ở trang Thu nhận của kỳ đó), không "
        "cần xử lý thêm ở kỳ này")
    page = _page(client, "Q3")
    assert f">{BUTTON}</button>" not in page
    assert _board_row(page, "NV").startswith("NV Phòng Nội vụ Chưa gửi")


def test_held_files_are_merged_when_the_app_starts_again_at_once_after_the_click_died(
        tmp_path):
    """The server dies as "Gộp vào kỳ…" takes the held upload (its note taken, none of its
    files moved) and is started again at once (the window closed and opened again, a
    service restarted): a taken note younger than a minute was left, for another app on
    the same folder might be moving its files, so nothing was merged, and the files lay
    in Quý III's folder out of every period until the app was started once more, a
    minute later. The click that took it holds a lock for as long as it works on it:
    a taken note nobody holds is merged into its period at once."""
    from cchc_xl.web.workspace import Workspace

    client, token, data, sent = _returns(tmp_path)
    state = _sent(client, token, sent["6T"], "Q3")
    assert state["state"] == "failed" and state["offer"]["to"] == "6T"

    with pytest.MonkeyPatch.context() as mp, pytest.raises(_Died):  # the day stays set
        mp.setattr(Workspace, "new_upload_path", _die)
        client.post("/thu-nhan/Q3/gop-vao-ky",
                    data={"csrf": token, "to": "6T", "token": state["offer"]["token"]})
    db = data / "cchc-ledger.sqlite"
    assert load_snapshot(db, "6T").submissions == []
    with _client(data) as started:  # started again within the minute
        merged_at_start(started, "6T")
    subs = load_snapshot(db, "6T").submissions
    assert sorted((s.unit, s.outcome) for s in subs) == [("NV", ACCEPTED), ("TP", ACCEPTED)]
    assert list((Workspace(data).app_dir / data_folder.PENDING_DIR).iterdir()) == []


def test_a_taken_upload_another_app_is_moving_is_left_to_it(tmp_path):
    """A note taken by a click that is still at work (another app on the same data
    folder, holding its lock) is not merged by an app starting meanwhile: that click
    merges it."""
    from cchc_xl.web import pending

    app_dir = tmp_path / "app"
    upload = tmp_path / "nhan-ve-Q3" / "ab12cd" / "NV-6T.xlsx"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"PK")
    token = pending.remember(app_dir, "6T", [upload], None, held=True).stem
    with pending.taking(app_dir, token):
        assert pending.take(app_dir, token, "6T") is not None
        assert pending.left(app_dir) == []
        assert [p.name for p in (app_dir / data_folder.PENDING_DIR).glob("*.dang-gop")] == [
            f"{token}.dang-gop"]
    (left,) = pending.left(app_dir)  # its click gone without finishing: merged
    assert (left.period, left.paths) == ("6T", [upload])


def test_the_button_of_a_file_withdrawn_since_the_page_was_opened_says_so(tmp_path):
    """Quý III's Thu nhận opened before NV's 6-month file, refused there, was withdrawn
    ("Rút khỏi số liệu", another tab): its "Gộp vào kỳ 6 tháng…" said "Không còn tệp này
    … (đã gộp rồi, hoặc đã quá 24 giờ)", neither of which had happened. It says the file
    was withdrawn from this period's figures, and where to upload it to count it."""
    client, token, data, sent = _returns(tmp_path, ("6T", "Q3"))
    state = _sent(client, token, [sent["6T"][0], sent["Q3"][1]], "Q3")
    sha = next(f for f in state["result"]["files"] if f["name"] == "NV-6T.xlsx")["move"]["sha"]
    assert f'name="sha" value="{sha}"' in _page(client, "Q3")  # the form, before
    client.post("/thu-nhan/Q3/rut", data={"csrf": token, "sha": sha})
    answer, job = _moved(client, token, "Q3", to="6T", sha=sha)
    assert answer.status_code == 303 and job is None
    page = _page(client, "Q3")
    assert "đã gộp rồi, hoặc đã quá 24 giờ" not in page
    assert ("Tệp NV-6T.xlsx đã được rút khỏi số liệu kỳ quý III năm 2023 nên không gộp vào "
            "kỳ 6 tháng đầu năm 2023 từ trang này: nếu đơn vị gửi muộn tệp của kỳ 6 tháng "
            "đầu năm 2023, tải tệp lên ở trang Thu nhận của kỳ 6 tháng đầu năm 2023 để tính "
            "vào kỳ đó.") in page
    six = load_snapshot(data / "cchc-ledger.sqlite", "6T")  # nothing merged there
    assert six is None or six.submissions == []


def test_a_placeholder_left_by_a_click_that_died_is_no_units_broken_file(tmp_path):
    """The server dies while "Gộp vào kỳ…" makes the places of the held files in their
    period's folder (one made before the note): the app starting again merges them from
    where they were. An empty file made at that place stayed in 6 tháng's folder, and the
    command line's merge of that folder (docs: it works on the app's folder too) said
    "tệp bị từ chối: Phòng Nội vụ", the file "tệp rỗng (0 byte)… gửi lại", exit 1, and
    the names file of the uploads "tệp văn bản… gửi lại". No empty file is made now (a
    data folder an earlier version left one in: test_safety_inputs.py); the names file
    is the app's own, listed as skipped with what it is; the office's figures are as the
    app merged them."""
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from cchc_xl.web.workspace import Workspace

    client, token, data, sent = _returns(tmp_path, units=("NV", "TP", "VP"))
    assert _sent(client, token, [sent["6T"][2]], "6T")["state"] == "done"  # VP's, in time
    state = _sent(client, token, sent["6T"][:2], "Q3")
    assert state["state"] == "failed" and state["offer"]["to"] == "6T"
    made = Workspace.new_upload_path
    places = []

    def one_then_die(self, folder, original):
        if places:
            raise _Died
        places.append(made(self, folder, original))
        return places[-1]

    with pytest.MonkeyPatch.context() as mp, pytest.raises(_Died):  # the day stays set
        mp.setattr(Workspace, "new_upload_path", one_then_die)
        client.post("/thu-nhan/Q3/gop-vao-ky",
                    data={"csrf": token, "to": "6T", "token": state["offer"]["token"]})
    assert not list((data / "nhan-ve-6T").rglob("NV-6T.xlsx"))  # a place, no file made
    with _client(data) as started:
        merged_at_start(started, "6T")
    db = data / "cchc-ledger.sqlite"

    ran = CliRunner().invoke(main, [
        "merge", str(data / "ke-hoach.xlsx"), str(data / "nhan-ve-6T"), "--period", "6T",
        "--out", str(data / "tong-hop-6T.xlsx"), "--db", str(db), "--json"])
    assert ran.exit_code == 0, ran.output
    said = json.loads(ran.output)
    skipped = sorted((Path(s["path"]).name, s["reason"]) for s in said["skipped"])
    assert skipped == [("ten-tep.json", "tệp của ứng dụng web ghi tên gốc các tệp đã tải "
                                        "lên, không phải tệp đơn vị gửi")]
    # VP's file, known already: nothing refused, nothing that could not be read.
    assert [(Path(f["path"]).name, f["outcome"], f["known"]) for f in said["files"]
            if f["in_run"]] == [("VP-6T.xlsx", ACCEPTED, True)]
    subs = load_snapshot(db, "6T").submissions
    assert sorted((s.unit or "", s.outcome) for s in subs) == [
        ("NV", ACCEPTED), ("TP", ACCEPTED), ("VP", ACCEPTED)]
    with _client(data) as again:  # the board after the app starts again
        page = _page(again, "6T")
    for unit, name in (("NV", "Phòng Nội vụ"), ("TP", "Phòng Tư pháp")):
        assert _board_row(page, unit).startswith(f"{unit} {name} Muộn"), page


def test_files_held_again_are_not_removed_with_the_older_note_of_them(tmp_path):
    """Several units' 6-month files uploaded on Quý III's page, merged when the app
    started (the server had died first), refused as an earlier period's and held for
    "Gộp vào kỳ…", the server dying again before the note to merge them was forgotten:
    merged at the next start too, they were held twice. The older hold, a day old,
    removed the files the newer one still held: its button said "Không còn tệp này".
    A file another note still lists is left to it."""
    from cchc_xl.web import pending

    app_dir = tmp_path / "data" / ".cchc-web"
    upload = tmp_path / "data" / "nhan-ve-Q3" / "ab12cd" / "NV-6T.xlsx"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"PK")
    older = pending.remember(app_dir, "6T", [upload], None, held=True)
    newer = pending.remember(app_dir, "6T", [upload], None, held=True)
    day_old = time.time() - pending.HELD_SECONDS - 60
    os.utime(older, (day_old, day_old))
    assert pending.left(app_dir) == []
    assert not older.exists() and upload.is_file()
    assert pending.held(app_dir, newer.stem, "6T").paths == [upload]
    os.utime(newer, (day_old, day_old))  # nobody clicked it either: removed then
    assert pending.held(app_dir, newer.stem, "6T") is None
    assert not upload.exists() and not upload.parent.exists()


def test_an_upload_the_server_died_saving_leaves_no_part_of_a_file(tmp_path):
    """The server dies while it copies a unit's upload into the period's folder: what
    was copied stayed there under the unit's name, and a merge of the folder on the
    command line refused it as the unit's broken file ("tệp bị từ chối: Phòng Tư
    pháp"). An upload is written whole or not at all."""
    import shutil

    from click.testing import CliRunner

    from cchc_xl.cli import main
    from cchc_xl.web import uploads

    client, token, data, sent = _returns(tmp_path, units=("NV", "TP"))
    copy = shutil.copyfileobj
    tp = sent["6T"][1][1]

    def half_then_die(source, out, length=0):
        if source.read() == tp:  # TP's upload: a part copied, then the server dies
            source.seek(0)
            out.write(source.read(4096))
            raise _Died
        source.seek(0)
        return copy(source, out, length)

    with pytest.MonkeyPatch.context() as mp, pytest.raises(_Died):  # the day stays set
        mp.setattr(uploads.shutil, "copyfileobj", half_then_die)
        _upload(client, token, sent["6T"], "6T")
    names = sorted(p.name for p in (data / "nhan-ve-6T").rglob("*") if p.is_file())
    assert names == ["NV-6T.xlsx"], names  # TP's: no part, no temporary file left

    ran = CliRunner().invoke(main, [
        "merge", str(data / "ke-hoach.xlsx"), str(data / "nhan-ve-6T"), "--period", "6T",
        "--out", str(data / "tong-hop-6T.xlsx"), "--db", str(data / "cchc-ledger.sqlite"),
        "--json"])
    assert ran.exit_code == 0, ran.output
    said = json.loads(ran.output)
    assert [(Path(f["path"]).name, f["outcome"]) for f in said["files"]] == [
        ("NV-6T.xlsx", ACCEPTED)]

