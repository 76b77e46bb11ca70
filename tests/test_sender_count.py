"""A province plan whose letters the Sở Nội vụ sends ("Cơ quan gửi công văn, báo cáo"),
the Sở one of its units too: it leads tasks and reports on them, and it is counted as any
unit wherever the reports in are counted (Summary.reports_in), while the reminder is
written to the other units alone. The reminder said "1/3 đơn vị" the week the Word report
and Thu nhận said "2/4" (the Sở left out of the letter's count alone)."""

from __future__ import annotations

import html
from datetime import date, datetime

from docx import Document
from test_figures import done, figures_master
from test_sender import _lines, _province

from cchc_xl.letters.remind import write_reminders
from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.split import split_master
from make_sample_returns import fill_return
from support.clock import set_clock
from support.counting import _Office
from support.web import _client, _job, _sent, _token

IN_PROGRESS = {"Trạng thái": "Đang thực hiện", "Tỷ lệ hoàn thành (%)": 50}


def _body(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_the_sở_is_counted_alike_in_the_letter_the_report_and_thu_nhan(tmp_path,
                                                                      monkeypatch):
    """Four units, the Sở Nội vụ (NV) and Sở Tư pháp sent, Xã Một and Xã Hai not: 2/4
    in the reminder, the Word report and Thu nhận; the reminder is written to the two
    communes, not to the Sở that sends it."""
    data = tmp_path / "data"
    data.mkdir()
    write_master(_province(figures_master()), data / "ke-hoach.xlsx")
    given = {f.unit_code: f.path for f in split_master(
        load_master(data / "ke-hoach.xlsx"), "Q1", tmp_path / "giao").files}
    # Every row of theirs answered, saved before the merge: nothing else to write of.
    sent = [fill_return(given[unit], tmp_path / "nhan" / given[unit].name,
                        dict.fromkeys(tasks, IN_PROGRESS), saved_at=datetime(2023, 3, 15, 9))
            for unit, tasks in (("NV", ("TC-01", "TC-03", "TC-04", "TTHC-03")),
                                ("TP", ("TC-02", "TTHC-02", "TTHC-04")))]
    set_clock(monkeypatch, date(2023, 3, 16))  # after the cut-off, before the due day
    client = _client(data)
    token = _token(client)
    merged = _sent(client, token, [(f.name, f.read_bytes()) for f in sent], "Q1")["result"]
    # Thu nhận.
    assert "Đơn vị đã gửi: 2/4." in merged["message"], merged["message"]
    # The Word report.
    assert _job(client, token, "/bao-cao/Q1")["state"] == "done"
    report = _body(data / "bao-cao-Q1.docx")
    assert "đã nhận báo cáo của 2/4 đơn vị." in report, report
    assert "Chưa gửi hoặc chưa có báo cáo hợp lệ: Xã Một; Xã Hai." in report, report
    # The reminder: the same count, the Sở said among those counted, written to the
    # two communes alone.
    assert _job(client, token, "/phan-hoi/Q1", data={"deadline": "25/3"})["state"] == "done"
    from cchc_xl.web.workspace import Workspace

    letter = Workspace(data).reminder_docx("Q1")
    lines = _lines(letter)
    body = "\n".join(lines)
    assert "Đến ngày 16/03/2023, đã nhận báo cáo của 2/4 đơn vị (kể cả Sở Nội vụ); còn " \
        "một số đơn vị chưa gửi báo cáo, cụ thể:" in body, body
    assert "1. Đơn vị chưa gửi báo cáo (2)" in lines, lines
    assert "Xã Một; Xã Hai." in lines, lines
    kinh_gui = lines[lines.index("Kính gửi:") + 1:lines.index("Kính gửi:") + 3]
    assert kinh_gui == ["- Ủy ban nhân dân xã Một;", "- Ủy ban nhân dân xã Hai."], kinh_gui
    assert not any(line.startswith("- Sở Nội vụ") for line in lines), lines
    assert "2/4" in body and "1/3" not in body
    # Phản hồi names the same two units not in.
    cards = html.unescape(client.get("/phan-hoi?ky=Q1").text)
    assert "Chưa gửi: 2 đơn vị chưa gửi tệp nào kỳ này" in cards


def _office(tmp_path, answers: dict[str, dict]) -> _Office:
    office = _Office(tmp_path)
    _province(office.master)
    office.send("Q1", answers)
    return office


def _reminder(tmp_path, office: _Office) -> str:
    out = tmp_path / "dd.docx"
    write_reminders(office.db, "Q1", out, today=date(2023, 3, 25))
    return "\n".join(_lines(out))


def test_the_letter_says_the_sởs_own_report_is_not_in(tmp_path):
    """The Sở Nội vụ's own report not in: counted among those not in (1/4), and the letter,
    which names only the two units it is written to among them, says why the count is
    one more."""
    day = date(2023, 3, 2)
    office = _office(tmp_path, {"TP": {"TC-02": done(day)}})
    text = _reminder(tmp_path, office)
    assert "đã nhận báo cáo của 1/4 đơn vị (kể cả Sở Nội vụ; Sở Nội vụ chưa có báo cáo); " \
        "còn một số đơn vị chưa gửi báo cáo" in text, text
    assert summarize(load_snapshot(office.db, "Q1")).reports_in.said == "1/4"


def test_a_letter_with_only_the_sởs_report_not_in_says_no_đủ(tmp_path):
    """Every unit but the Sở Nội vụ sent, on time, nothing to fix: nobody to remind; the
    letter does not say "đã nhận đủ" of 3/4."""
    day = date(2023, 3, 2)
    office = _office(tmp_path, {"TP": dict.fromkeys(("TC-02", "TTHC-02", "TTHC-04"), done(day)),
                                "X1": {"TTHC-01": done(day)}, "X2": {"TTHC-01": done(day)}})
    text = _reminder(tmp_path, office)
    assert "đã nhận báo cáo của 3/4 đơn vị (kể cả Sở Nội vụ; Sở Nội vụ chưa có báo cáo); " \
        "các cơ quan, đơn vị khác đã gửi đúng hạn, không có nội dung phải sửa, bổ sung." \
        in text, text
    assert "đủ" not in text.split("Đến ngày", 1)[1].split(".", 1)[0]
