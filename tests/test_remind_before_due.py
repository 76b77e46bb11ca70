"""A reminder letter drafted before the period's due day (a few days before returns are
due, as specialists commonly send one) says what is true on its date: units that have
not sent are not late yet, so the lead sentence names only the groups the letter lists
(never "gửi muộn" when no unit is late) and the request asks the units to send by the
deadline, not "khẩn trương hoàn thành" (a QA pass: on 05/12 with returns due 20/12 the
letter said "chưa gửi báo cáo, gửi muộn hoặc …" and "khẩn trương"). After the due day
the request is "khẩn trương": units that have not sent are then late; the lead sentence
still names only the groups listed."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from test_remind_verb import _ANSWERS

from cchc_xl.letters.remind import write_reminders
from support.counting import _Office

_BEFORE = date(2023, 3, 19)  # the answers came in on the 18th; Q1 is due on 20/03/2023
_AFTER = date(2023, 3, 21)


def _paragraph(path, words: str) -> str:
    texts = [p.text for p in Document(str(path)).paragraphs if words in p.text]
    assert len(texts) == 1, texts
    return texts[0]


def _body(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


@pytest.mark.parametrize(("silent", "groups", "verb", "asked"), [
    # TP sent nothing, X2 has a typo to fix
    (("TP",), "một số đơn vị chưa gửi báo cáo hoặc có báo cáo còn nội dung phải sửa, bổ sung",
     "gửi (hoặc gửi lại)", "Thủ trưởng các cơ quan, đơn vị nêu trên"),
    # Only X2's typo: one unit, asked by name (test_report_recipients).
    ((), "1 đơn vị có báo cáo còn nội dung phải sửa, bổ sung", "gửi lại",
     "Ủy ban nhân dân xã Hai"),
], ids=["not-sent-and-to-fix", "to-fix"])
def test_before_the_due_day_no_unit_is_called_late(tmp_path, silent, groups, verb,
                                                   asked) -> None:
    office = _Office(tmp_path)
    office.send("Q1", {u: a for u, a in _ANSWERS.items() if u not in silent})
    letter = tmp_path / "dd.docx"
    write_reminders(office.db, "Q1", letter, deadline=date(2023, 3, 20), today=_BEFORE)
    sent = 4 - len(silent)
    assert (f"Đến ngày 19/03/2023, đã nhận báo cáo của {sent}/4 đơn vị; còn {groups}, cụ "
            "thể:" in _paragraph(letter, "Đến ngày"))
    body = _body(letter)
    assert "muộn" not in body
    assert "khẩn trương" not in body
    assert (f"đề nghị {asked} {verb} báo cáo đúng hạn, chậm nhất ngày 20/03/2023."
            in _paragraph(letter, f"đề nghị {asked}"))


@pytest.mark.parametrize("today", [date(2023, 3, 10), date(2023, 3, 20)],
                         ids=["days-before", "on-the-due-day"])  # a file then is on time
def test_a_letter_from_the_plan_before_the_due_day_asks_to_send_on_time(tmp_path,
                                                                        today) -> None:
    _Office(tmp_path)
    letter = tmp_path / "dd.docx"
    write_reminders(tmp_path / "ke-hoach.xlsx", "Q1", letter, today=today)
    assert (f"Đến ngày {today:%d/%m/%Y}, chưa nhận được báo cáo của cơ quan, đơn vị nào:"
            in _paragraph(letter, "Đến ngày"))
    request = _paragraph(letter, "đề nghị Thủ trưởng")
    assert "nêu trên gửi báo cáo đúng hạn, chậm nhất ngày" in request
    assert "khẩn trương" not in request


def test_after_the_due_day_units_yet_to_send_are_late(tmp_path) -> None:
    office = _Office(tmp_path)
    office.send("Q1", {u: a for u, a in _ANSWERS.items() if u != "TP"})
    letter = tmp_path / "dd.docx"
    write_reminders(office.db, "Q1", letter, deadline=date(2023, 3, 30), today=_AFTER)
    # The groups it lists, as before the due day: no unit sent late, so no "gửi muộn".
    assert ("đã nhận báo cáo của 3/4 đơn vị; còn một số đơn vị chưa gửi báo cáo hoặc có báo "
            "cáo còn nội dung phải sửa, bổ sung, cụ thể:" in _paragraph(letter, "Đến ngày"))
    assert ("nêu trên khẩn trương hoàn thành, gửi (hoặc gửi lại) báo cáo chậm nhất ngày "
            "30/03/2023" in _paragraph(letter, "đề nghị Thủ trưởng"))
