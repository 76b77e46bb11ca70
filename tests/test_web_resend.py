"""A plan amended after a period's files were made (and sent): Giao việc said the files
"có thể đã khác" and to make them again, not whose files changed, so the office could
not tell which units to send a new file, which had none to expect, and which to tell
their file no longer counts (a QA pass of a plan amended mid-year). It names them, before
the files are made again and in the message after."""

from __future__ import annotations

import html
import re
from datetime import date

from test_plan_amended import _amend, plan_folder_on, write_plan

from support.web import _client, _job, _put_plan, _token

CHANGED = ("Văn phòng HĐND và UBND phường; Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa "
           "- Xã hội; Trung tâm Phục vụ hành chính công phường; Công an phường Hạc Thành")


def test_the_units_whose_files_the_amendment_changed_are_named(tmp_path, monkeypatch):
    data = plan_folder_on(tmp_path, monkeypatch, date(2026, 5, 15))
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/6T")
    amended = write_plan(tmp_path / "kế hoạch sửa.xlsx")
    _amend(amended)  # a deadline moved, a lead changed, a task deleted, one added…
    _put_plan(client, data={"csrf": token},
              files={"master": (amended.name, amended.read_bytes())})

    page = html.unescape(client.get("/giao-viec?ky=6T").text)
    said = re.search(r'<p class="msg warn resend">([^<]+)</p>', page)
    assert said is not None, page
    assert said[1] == (
        f"Theo bảng kế hoạch đang dùng, tệp của 5 đơn vị khác với tệp đã tạo ({CHANGED}): "
        "tạo lại rồi gửi lại tệp mới cho các đơn vị này; 1 đơn vị nay mới được giao nhiệm "
        "vụ (Trạm Y tế phường): gửi tệp cho đơn vị này; 1 đơn vị không còn được giao nhiệm "
        "vụ (Ban Chỉ huy quân sự phường): tệp đã gửi cho đơn vị này không còn được tính, "
        "báo để đơn vị không phải gửi lại.")

    made = _job(client, token, "/giao-viec/6T")["result"]["message"]
    assert (f"Theo bảng kế hoạch đang dùng, tệp của 5 đơn vị khác với tệp tạo lần trước "
            f"({CHANGED}): gửi lại tệp mới cho các đơn vị này; 1 đơn vị nay mới") in made
    # Made from the plan in use: nothing more to say.
    assert "resend" not in client.get("/giao-viec?ky=6T").text
