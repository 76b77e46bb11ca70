"""A commune's plan whose committee ("UBND xã", the plan's issuer) leads tasks and fills
its own file: Thu nhận counts the reports the office asks for as the Word report does
(test_report_issuer.py), the committee's own file said apart."""

from __future__ import annotations

import html
from datetime import date

from docx import Document
from test_figures import committees_master

from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.split import split_master
from make_sample_returns import fill_return
from support.clock import set_clock
from support.web import _client, _job, _sent, _token

OWN = ("Ủy ban nhân dân xã (cơ quan ban hành kế hoạch, không tính vào số đơn vị gửi báo "
       "cáo): đã gửi")


def test_thu_nhan_counts_the_reports_as_the_report_does(tmp_path, monkeypatch):
    """The committee and Phòng Tư pháp sent their files, Xã Một and Xã Hai not: the
    report said "đã nhận báo cáo của 1/3 đơn vị", Thu nhận "Đơn vị đã gửi: 2/4" (a QA
    pass of a commune's plan)."""
    master = committees_master()
    data = tmp_path / "data"
    data.mkdir()
    write_master(master, data / "ke-hoach.xlsx")
    given = {f.unit_code: f.path for f in split_master(
        load_master(data / "ke-hoach.xlsx"), "Q1", tmp_path / "giao").files}
    sent = [fill_return(given[unit], tmp_path / "nhan" / given[unit].name,
                        {task: {"Trạng thái": "Đang thực hiện", "Tỷ lệ hoàn thành (%)": 50}})
            for unit, task in (("NV", "TC-01"), ("TP", "TC-02"))]
    set_clock(monkeypatch, date(2023, 3, 10))
    client = _client(data)
    token = _token(client)
    merged = _sent(client, token, [(f.name, f.read_bytes()) for f in sent], "Q1")["result"]
    assert f"Đơn vị đã gửi: 1/3; {OWN}." in merged["message"], merged["message"]
    # "Chi tiết lần gộp" says it as the notice does.
    assert f"Đơn vị đã gửi: 1/3; chưa gửi: Xã Một; Xã Hai; {OWN}." in merged["summary"], \
        merged["summary"]
    assert "2/4" not in merged["message"] + merged["summary"]
    recounted = _job(client, token, "/bao-cao/Q1/tinh-lai")["result"]["message"]
    assert f"đơn vị đã gửi 1/3; {OWN}." in recounted, recounted
    # The report, and the reminder card of Phản hồi, count the same three.
    assert _job(client, token, "/bao-cao/Q1")["state"] == "done"
    report = "\n".join(p.text for p in Document(str(data / "bao-cao-Q1.docx")).paragraphs)
    assert "đã nhận báo cáo của 1/3 đơn vị" in report, report
    cards = html.unescape(client.get("/phan-hoi?ky=Q1").text)
    assert "Chưa gửi: 2 đơn vị chưa gửi tệp nào kỳ này" in cards, cards
