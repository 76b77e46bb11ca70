"""The reminder letter when every unit sent its report on time with nothing to fix: the
web app offers the letter once every unit has sent, and `remind` writes it ("Đơn vị cần
đôn đốc: 0"). It must not say that some units are still to send or fix, nor ask "the
units named above" when it names none."""

from __future__ import annotations

import csv
from datetime import date

from docx import Document
from test_figures import done

from cchc_xl.remind import write_reminders
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
    result = write_reminders(office.db, "Q1", tmp_path / "dd.docx", csv_out=tmp_path / "dd.csv",
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
