"""A commune's 2026 plan amended in May on the Kế hoạch page (tests/test_plan_amended.py's
edits: a task of the Ban Chỉ huy quân sự deleted, a task added with the Trạm Y tế phường
coordinating), after Quý I's files were merged: the periods nothing was merged into yet
ask the units of the plan in use (a QA pass: Phản hồi of 6 tháng, and its reminder
letter, listed the units of the plan Quý I was merged with)."""

from __future__ import annotations

import csv
import html
import re
from datetime import date, datetime

import pytest
from test_plan_amended import _amend, _doing, _run, plan_folder_on, write_plan
from test_sender import _signature

from cchc_xl.manifest import MANIFEST_XLSX
from make_sample_returns import fill_return
from support.web import _client, _job, _put_plan, _token

QS, YT = "Ban Chỉ huy quân sự phường", "Trạm Y tế phường"



@pytest.fixture
def amended(tmp_path, monkeypatch):
    """The data folder in May: Quý I split, VP's file merged, the plan amended."""
    data = plan_folder_on(tmp_path, monkeypatch, date(2026, 5, 15))
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/Q1")
    issued = next((data / "giao-Q1").glob("VP-*.xlsx"))
    sent = fill_return(issued, tmp_path / "VP.xlsx", {"TC-01": _doing(20)},
                       saved_at=datetime(2026, 3, 16, 9))
    _job(client, token, "/thu-nhan/Q1", data={"received": "18/03/2026"},
         files=[("files", (sent.name, sent.read_bytes()))])
    new = write_plan(tmp_path / "kế hoạch sửa.xlsx")
    _amend(new)
    _put_plan(client, data={"csrf": token},
              files={"master": (new.name, new.read_bytes())})
    return data, client, token


def test_the_next_periods_reminders_ask_the_units_of_the_plan_in_use(amended):
    data, client, token = amended
    page = html.unescape(client.get("/phan-hoi?ky=6T").text)
    listed = re.search(r"đơn vị chưa gửi tệp nào kỳ này \(hạn 20/06/2026\):</p>\s*(.*?)</",
                       page, re.S)[1]
    assert YT in listed and QS not in listed
    _job(client, token, "/phan-hoi/6T")
    with (data / "don-doc-6T.csv").open(encoding="utf-8-sig") as f:
        names = " ".join(" ".join(row) for row in csv.reader(f))
    assert YT in names and QS not in names
    # Quý I keeps the plan it was merged with: QS was asked then, YT was not.
    q1 = html.unescape(client.get("/phan-hoi?ky=Q1").text)
    assert QS in q1 and YT not in q1


def test_the_command_line_letter_from_the_plan_table_asks_its_units(amended):
    data, _, _ = amended
    _run("remind", data / "ke-hoach.xlsx", "--period", "6T", "--out", data / "dd-6t.docx",
         "--csv", data / "dd-6t.csv")
    with (data / "dd-6t.csv").open(encoding="utf-8-sig") as f:
        names = " ".join(" ".join(row) for row in csv.reader(f))
    assert YT in names and QS not in names


def test_a_reported_periods_files_made_again_follow_the_plan_it_keeps(amended):
    """Giao việc of Quý I, kept with the plan it was merged with, said its files need not
    be made again, yet its button made them from the plan in use: the Trạm Y tế got a
    Quý I file its merge then refused, the Ban Chỉ huy quân sự none."""
    data, client, token = amended
    _job(client, token, "/giao-viec/Q1")
    made = sorted(p.name.split("-")[0] for p in (data / "giao-Q1").glob("*.xlsx")
                  if p.name != MANIFEST_XLSX)  # the units' files, not their list
    assert made == ["CA", "KT", "PVHCC", "QS", "VHXH", "VP"]
    page = html.unescape(client.get("/giao-viec?ky=Q1").text)
    assert ("các tệp này đúng với số liệu của kỳ, không cần tạo lại; nếu tạo lại (ví dụ cho "
            "đơn vị làm mất tệp), tệp cũng được tạo theo bảng kế hoạch lúc gộp") in page
    # The period being reported follows the plan in use.
    _job(client, token, "/giao-viec/6T")
    made = sorted(p.name.split("-")[0] for p in (data / "giao-6T").glob("*.xlsx")
                  if p.name != MANIFEST_XLSX)  # the units' files, not their list
    assert made == ["CA", "KT", "PVHCC", "VHXH", "VP", "YT"]
    assert "theo bảng kế hoạch lúc gộp" not in html.unescape(
        client.get("/giao-viec?ky=6T").text)


def test_a_kept_periods_report_and_letters_are_signed_by_who_signs_today(amended):
    """After the amendment a new deputy chairman is set as signer on the plan page's form:
    Quý I keeps the plan it was merged with (its figures, its units), yet its report and
    reminder, made and issued today, are signed by him, under his title. They carried
    the signer of the plan Quý I was counted with (a QA pass)."""
    from test_web_plan_signer import _form

    from cchc_xl.report.summary import summarize
    from cchc_xl.snapshot import load_snapshot

    data, client, token = amended
    counted = summarize(load_snapshot(data / "cchc-ledger.sqlite", "Q1")).total
    page = _form(client, signer="Trần Văn Bình", signer_title="KT. CHỦ TỊCH\r\nPHÓ CHỦ TỊCH")
    assert "Đã ghi vào bảng kế hoạch đang dùng — Người ký báo cáo: Trần Văn Bình" in page
    _job(client, token, "/bao-cao/Q1")
    _job(client, token, "/phan-hoi/Q1")
    for made in ("bao-cao-Q1.docx", "don-doc-Q1.docx"):
        signed = [line for line in _signature(data / made).split("\n") if line]
        assert signed == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"], (made, signed)
    # Its figures as counted: the units and tasks of the plan it keeps.
    assert summarize(load_snapshot(data / "cchc-ledger.sqlite", "Q1")).total == counted
    q1 = html.unescape(client.get("/phan-hoi?ky=Q1").text)
    assert QS in q1 and YT not in q1
