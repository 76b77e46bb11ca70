"""The reminder letter when no unit has anything left to send: every unit sent on time
with nothing to fix (the web app offers the letter once every unit has sent, and `remind`
writes it: "Đơn vị cần đôn đốc: 0"), or the only units named sent late and clean. It must
not say that some units are still to send or fix, nor give a deadline to send again."""

from __future__ import annotations

import csv
from datetime import date

from docx import Document
from test_figures import done

from cchc_xl.letters.remind import write_reminders
from cchc_xl.merge import merge_returns
from make_sample_returns import fill_return
from support.counting import _Office

_DAY = date(2023, 3, 2)


def _all_clean(tmp_path):
    office = _Office(tmp_path)
    office.send("Q1", {
        "NV": {"TC-01": done(_DAY), "TC-03": done(_DAY), "TC-04": done(_DAY),
               "TTHC-03": done(_DAY)},
        "TP": {"TC-02": done(_DAY), "TTHC-02": done(_DAY), "TTHC-04": done(_DAY)},
        "X1": {"TTHC-01": done(_DAY)},
        "X2": {"TTHC-01": done(_DAY)},
    })
    return office


def test_a_letter_with_nobody_to_remind_says_every_report_is_in(tmp_path) -> None:
    office = _all_clean(tmp_path)
    result = write_reminders(office.db, "Q1", tmp_path / "dd.docx", list_out=tmp_path / "dd.csv",
                             deadline=date(2023, 3, 30), today=date(2023, 3, 21))
    assert result.reminders == []
    body = [p.text for p in Document(str(tmp_path / "dd.docx")).paragraphs if p.text.strip()]
    text = "\n".join(body)
    assert any(t.endswith("Đến ngày 21/03/2023, đã nhận đủ báo cáo của 4/4 đơn vị, đúng "
                          "hạn, không có nội dung phải sửa, bổ sung.") for t in body), body
    assert any(t.startswith("Ủy ban nhân dân huyện Thử đề nghị các cơ quan, đơn vị tiếp tục "
                            "bảo đảm thời hạn") for t in body), body
    assert "còn một số đơn vị" not in text
    assert "nêu trên" not in text and "30/03/2023" not in text
    with open(tmp_path / "dd.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "Mã đơn vị" and rows[1:] == []


def test_a_unit_late_with_nothing_to_fix_is_given_no_deadline_to_send_again(tmp_path) -> None:
    """Late, its report in and clean: told to keep to the deadline next time, not asked to
    send again by the letter's deadline (in the letter nor in the mail-merge list)."""
    office = _Office(tmp_path)
    split = office.split("Q1")
    answers = {"NV": {"TC-01": done(_DAY), "TC-03": done(_DAY), "TC-04": done(_DAY),
                      "TTHC-03": done(_DAY)},
               "TP": {"TC-02": done(_DAY), "TTHC-02": done(_DAY), "TTHC-04": done(_DAY)},
               "X1": {"TTHC-01": done(_DAY)}, "X2": {"TTHC-01": done(_DAY)}}
    for unit, typed in answers.items():
        folder = tmp_path / ("late" if unit == "TP" else "on-time")
        fill_return(split[unit], folder / f"{unit}.xlsx", typed)
    for folder, day in (("on-time", date(2023, 3, 18)), ("late", date(2023, 3, 25))):
        merge_returns(office.master, [tmp_path / folder], "Q1", office.out / "Q1.xlsx",
                      received=day)
    result = write_reminders(office.db, "Q1", tmp_path / "dd.docx", list_out=tmp_path / "dd.csv",
                             deadline=date(2023, 3, 30), today=date(2023, 3, 27))
    assert [(r.unit.code, r.days_late, r.items) for r in result.reminders] == [("TP", 5, [])]
    with open(tmp_path / "dd.csv", encoding="utf-8-sig", newline="") as f:
        row = next(r for r in csv.DictReader(f))
    assert (row["Tình trạng"], row["Việc cần làm"], row["Hạn gửi"]) == (
        "Gửi muộn 5 ngày", "Gửi báo cáo đúng hạn ở các kỳ sau.", "")
    text = "\n".join(p.text for p in Document(str(tmp_path / "dd.docx")).paragraphs)
    assert "Phòng Tư pháp (muộn 5 ngày)." in text
    assert "gửi (hoặc gửi lại) báo cáo" not in text and "30/03/2023" not in text
    # The one unit by name (test_report_recipients).
    assert "đề nghị Phòng Tư pháp chấn chỉnh, bảo đảm thời hạn báo cáo ở các kỳ sau" in text
