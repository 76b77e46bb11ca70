"""The feedback workbook a unit gets says by when to send its file again (feedback.
resend_by: the period's due day, when the file came before it and the letter is written
before it too). With the app's day set (plan_periods.today: a test, a QA run) the web
app's merge and every refresh (a file withdrawn) wrote it by the clock's day: a file
received on 18/09/2023, due 20/09/2023, was told "trong 03 ngày làm việc …" as if the
due day were past, while every page of the app said it was 18/09/2023."""

from __future__ import annotations

import hashlib
from datetime import date

import openpyxl

from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import WITHDRAWN
from cchc_xl.web import plan_periods
from support.web import RETURNS, _client, _sent, _token, _with_master

DUE = "Hạn gửi lại: chậm nhất ngày 20/09/2023."


def _resend_line(data) -> str:
    (letter,) = (data / "phan-hoi-9T").glob("X02-*.xlsx")
    lines = [str(r[0]) for r in openpyxl.load_workbook(letter)["Phản hồi"].iter_rows(
        max_row=10, max_col=1, values_only=True)]
    return next(t for t in lines if t.startswith("Hạn gửi lại"))


def test_the_feedback_is_written_on_the_app_s_day(tmp_path, monkeypatch):
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 18))
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()),
                                 ("NV.xlsx", nv)])["state"] == "done"
    assert _resend_line(data) == DUE  # the merge of the upload
    # A refresh (NV's file withdrawn) writes the feedback again: on the same day.
    client.post("/thu-nhan/9T/rut", data={"sha": hashlib.sha256(nv).hexdigest(),
                                          "csrf": token})
    subs = load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
    assert [s.outcome for s in subs if s.unit == "NV"] == [WITHDRAWN]
    assert _resend_line(data) == DUE
