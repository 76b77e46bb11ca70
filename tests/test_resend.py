"""By when a unit sends its file again (cchc_xl/resend.py, one rule): the feedback
workbook's "Hạn gửi lại" made by the command line and by the web app from the same file,
received and checked on the same days, and the reminder letter's deadline checked, and
given as an example, by the same rule on both sides (a QA pass: the two were thought to
give different deadlines for the same ledger and day; the letter's example deadline did
differ, the web app's a day weeks past)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.letters.remind import DEADLINE, deadline_note
from cchc_xl.periods import default_periods
from cchc_xl.resend import RESEND_WITHIN, earliest_resend, example_deadline, resend_by
from support.clock import set_clock
from support.paths import HH_MASTER
from support.web import RETURNS, _client, _token, _wait, _with_master

RETURN = RETURNS / "X02-xa-hoang-cat.xlsx"  # X02's return: errors, so it gets feedback
NINE_MONTHS = next(p for p in default_periods(2023) if p.code == "9T")  # due 20/09/2023


def _resend_line(folder: Path) -> str:
    """The "Hạn gửi lại" line of X02's feedback workbook in ``folder``."""
    (letter,) = folder.glob("X02-*-phản-hồi.xlsx")
    lines = [str(r[0]) for r in openpyxl.load_workbook(letter)["Phản hồi"].iter_rows(
        max_row=10, max_col=1, values_only=True)]
    return next(t for t in lines if t.startswith("Hạn gửi lại"))


def _by_command(tmp_path: Path, received: date) -> str:
    sent = tmp_path / "nhan-ve"
    sent.mkdir(parents=True)
    shutil.copyfile(RETURN, sent / "X02.xlsx")
    ran = CliRunner().invoke(main, [
        "merge", str(HH_MASTER), str(sent), "--period", "9T", "--out",
        str(tmp_path / "tong-hop.xlsx"), "--feedback", str(tmp_path / "phan-hoi"),
        "--received", f"{received:%d/%m/%Y}"])
    assert ran.exit_code in (0, 1), ran.output  # 1: the file has errors
    return _resend_line(tmp_path / "phan-hoi")


def _by_web_app(tmp_path: Path, received: date) -> str:
    tmp_path.mkdir()
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    sent = client.post("/thu-nhan/9T", files=[("files", ("X02.xlsx", RETURN.read_bytes()))],
                       data={"received": f"{received:%d/%m/%Y}"},
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert _wait(client, sent.json())["state"] == "done"
    return _resend_line(data / "phan-hoi-9T")


@pytest.mark.parametrize(("today", "received", "said"), [
    # Received and checked before the due date: the due date, as the unit's file says.
    (date(2023, 9, 18), date(2023, 9, 15), "chậm nhất ngày 20/09/2023"),
    # Received before the due date, checked after it: working days from the feedback.
    (date(2023, 9, 22), date(2023, 9, 19), RESEND_WITHIN),
    # Received late: the same.
    (date(2023, 9, 22), date(2023, 9, 21), RESEND_WITHIN),
], ids=["before-due", "received-before-told-after", "received-late"])
def test_the_command_and_the_web_app_give_one_resend_day(tmp_path, monkeypatch, today,
                                                          received, said):
    set_clock(monkeypatch, today)
    by_command = _by_command(tmp_path / "cli", received)
    by_web_app = _by_web_app(tmp_path / "web", received)
    assert by_command == by_web_app == f"Hạn gửi lại: {said}."


def test_the_rule_s_edges():
    """The day written decides, not the day received: before the due date, the due date;
    on it and after, working days (Monday to Friday) from the feedback. The earliest
    deadline a letter may give counts them from the day it is written: a Friday's three
    working days end on the Wednesday, a Saturday's too."""
    due = NINE_MONTHS.due
    assert resend_by(NINE_MONTHS, date(2023, 9, 19)) == "chậm nhất ngày 20/09/2023"
    assert resend_by(NINE_MONTHS, due) == RESEND_WITHIN  # "by today" is no time at all
    assert RESEND_WITHIN == "trong 03 ngày làm việc kể từ ngày nhận được phản hồi này"
    assert earliest_resend(NINE_MONTHS, date(2023, 9, 19)) == due
    assert earliest_resend(NINE_MONTHS, due) == date(2023, 9, 25)  # Wed: Thu, Fri, Mon
    assert earliest_resend(NINE_MONTHS, date(2023, 9, 22)) == date(2023, 9, 27)  # a Friday
    assert earliest_resend(NINE_MONTHS, date(2023, 9, 23)) == date(2023, 9, 27)  # Saturday
    # The example deadline: a week on, never before the earliest.
    assert example_deadline(NINE_MONTHS, date(2023, 9, 18), resend=True) == date(2023, 9, 25)
    assert example_deadline(NINE_MONTHS, date(2023, 9, 19), resend=True) == date(2023, 9, 26)
    assert example_deadline(NINE_MONTHS, date(2023, 10, 5), resend=True) == date(2023, 10, 12)


def test_a_letter_giving_less_than_the_feedback_is_said_so():
    """A reminder written on the due day asked units to send by that very day, and one
    written on Friday 22/09 by Monday 25/09, while the feedback workbooks written those
    days gave them three working days: nothing was said (only a day past, or before the
    due date, was)."""
    due = NINE_MONTHS.due
    assert deadline_note(due, NINE_MONTHS, DEADLINE, due, resend=True) == (
        "hạn gửi lại 20/09/2023 sớm hơn 25/09/2023, hết 03 ngày làm việc mà tệp phản hồi lập "
        "từ hạn nộp báo cáo của kỳ (20/09/2023) trở đi cho đơn vị gửi lại")
    friday = date(2023, 9, 22)
    assert "sớm hơn 27/09/2023" in deadline_note(date(2023, 9, 25), NINE_MONTHS, DEADLINE,
                                                  friday, resend=True)
    assert deadline_note(date(2023, 9, 27), NINE_MONTHS, DEADLINE, friday, resend=True) == ""
    # Before the due date, as before: the due date itself is the least.
    assert deadline_note(due, NINE_MONTHS, DEADLINE, date(2023, 9, 18), resend=True) == ""
    # The overdue letter's deadline is for results, not files sent again.
    assert deadline_note(date(2023, 9, 25), NINE_MONTHS, "hạn báo cáo kết quả", friday) == ""


def test_the_example_deadline_is_one_on_both_sides(tmp_path, monkeypatch):
    """On 05/10/2023, weeks after the due date (20/09/2023), the command line's example
    deadline was a week on (12/10/2023), the Phản hồi page's the due date and a week
    (27/09/2023): a day already past, which the letter made with it then said so."""
    set_clock(monkeypatch, date(2023, 10, 5))
    blank = CliRunner().invoke(main, ["remind", str(HH_MASTER), "--period", "9T", "--out",
                                      str(tmp_path / "cv.docx")])
    assert blank.exit_code == 0, blank.output
    assert blank.stderr.rstrip().endswith("ví dụ --deadline 12/10/2023."), blank.stderr
    data = _with_master(tmp_path)
    client = _client(data)
    refused = client.post("/phan-hoi/9T", data={"deadline": "cuối tháng"},
                          headers={"X-CSRF-Token": _token(client),
                                   "Accept": "application/json"})
    assert refused.status_code == 400
    assert "ví dụ 12/10/2023 " in refused.json()["error"], refused.json()
    # That day given, the letter is made without a note.
    made = client.post("/phan-hoi/9T", data={"deadline": "12/10/2023"},
                       headers={"X-CSRF-Token": _token(client), "Accept": "application/json"})
    state = _wait(client, made.json())
    assert state["state"] == "done", state
    assert "Lưu ý" not in state["result"]["message"], state["result"]
