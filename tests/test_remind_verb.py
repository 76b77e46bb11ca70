"""The reminder letter's request says what the units named must do: "gửi báo cáo" when
none of them has sent a file (a province's first letter, drafted from the plan before
any return, asked 143 units to "gửi (hoặc gửi lại)" a report none had sent), "gửi lại"
when every unit named has a file in to fix, both words only when the letter asks both."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from test_figures import done

from cchc_xl.letters.remind import write_reminders
from support.counting import _Office

_DAY = date(2023, 3, 2)
_ANSWERS = {
    "NV": {"TC-01": done(_DAY), "TC-03": done(_DAY), "TC-04": done(_DAY), "TTHC-03": done(_DAY)},
    "TP": {"TC-02": done(_DAY), "TTHC-02": done(_DAY), "TTHC-04": done(_DAY)},
    "X1": {"TTHC-01": done(_DAY)},
    "X2": {"TTHC-01": done(_DAY, percent=120)},  # a typo: sent, with an error to fix
}


def _request(path) -> str:
    """The letter's paragraph asking the units named to act."""
    texts = [p.text for p in Document(str(path)).paragraphs if "khẩn trương" in p.text]
    assert len(texts) == 1, texts
    return texts[0]


def test_a_letter_from_the_plan_asks_to_send_not_to_send_again(tmp_path) -> None:
    office = _Office(tmp_path)
    result = write_reminders(tmp_path / "ke-hoach.xlsx", "Q1", tmp_path / "dd.docx",
                             deadline=date(2023, 3, 30), today=date(2023, 3, 21))
    assert len(result.reminders) == len(office.master.units)
    assert ("khẩn trương hoàn thành, gửi báo cáo chậm nhất ngày 30/03/2023"
            in _request(tmp_path / "dd.docx"))


@pytest.mark.parametrize(("silent", "verb"), [
    ((), "gửi lại"),                      # every unit sent: X2 is asked to fix and resend
    (("TP",), "gửi (hoặc gửi lại)"),      # TP sent nothing, X2 has to fix
])
def test_the_request_names_what_the_units_must_send(tmp_path, silent, verb) -> None:
    office = _Office(tmp_path)
    office.send("Q1", {u: a for u, a in _ANSWERS.items() if u not in silent})
    write_reminders(office.db, "Q1", tmp_path / "dd.docx", deadline=date(2023, 3, 30),
                    today=date(2023, 3, 21))
    assert (f"khẩn trương hoàn thành, {verb} báo cáo chậm nhất ngày 30/03/2023"
            in _request(tmp_path / "dd.docx"))


def test_the_typo_is_what_x2_is_asked_to_fix(tmp_path) -> None:
    """The error behind "gửi lại" above is X2's percent, not something else."""
    office = _Office(tmp_path)
    office.send("Q1", _ANSWERS)
    result = write_reminders(office.db, "Q1", tmp_path / "dd.docx", deadline=date(2023, 3, 30),
                             today=date(2023, 3, 21))
    assert [(r.unit.code, [f.code for f in r.items]) for r in result.reminders] == [
        ("X2", ["percent-out-of-range"])]
