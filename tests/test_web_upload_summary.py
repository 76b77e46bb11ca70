"""The sentence over an upload's list of files: what in the list to look at."""

from __future__ import annotations

import html

import openpyxl

from support.web import RETURNS, _client, _sent, _token, _with_master


def test_a_file_taken_with_warnings_is_counted_above_the_list(tmp_path):
    """A file taken with a warning (which of two files counts, a column added) was listed
    in red under a green "Đã đọc 2 tệp. Đơn vị đã gửi: 4/4.", the sentence saying nothing
    to look at (a QA pass): the warning's colour, and the file counted."""
    book = openpyxl.load_workbook(RETURNS / "TP-phong-tu-phap.xlsx")
    sheet = next(s for s in book.worksheets[1:] if s.sheet_state == "visible")
    sheet.cell(5, sheet.max_column + 2, "Ghi thêm của đơn vị")  # a column added
    book.save(tmp_path / "TP.xlsx")
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    state = _sent(client, token, [("TP.xlsx", (tmp_path / "TP.xlsx").read_bytes()),
                                  ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])
    tp = next(f for f in state["result"]["files"] if f["name"] == "TP.xlsx")
    assert (tp["outcome"], tp["errors"], tp["warnings"]) == ("Được nhận", 0, 1)
    assert state["result"]["message"].endswith(
        "Cần xem trong danh sách dưới: 1 tệp có cảnh báo.")
    assert state["result"]["tone"] == "warn"
    assert '<p class="msg warn">Đã đọc 2 tệp.' in html.unescape(client.get("/thu-nhan").text)
