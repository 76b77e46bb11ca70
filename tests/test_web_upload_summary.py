"""The sentence over an upload's list of files: what in the list to look at."""

from __future__ import annotations

import html

import openpyxl

from support.web import RETURNS, _client, _sent, _token, _with_master


def _tp_with_a_warning(tmp_path) -> None:
    """TP's return with a column added (a warning, nothing else), as tmp_path/TP.xlsx."""
    book = openpyxl.load_workbook(RETURNS / "TP-phong-tu-phap.xlsx")
    sheet = next(s for s in book.worksheets[1:] if s.sheet_state == "visible")
    sheet.cell(5, sheet.max_column + 2, "Ghi thêm của đơn vị")
    book.save(tmp_path / "TP.xlsx")


def test_a_file_taken_with_warnings_is_counted_above_the_list(tmp_path):
    """A file taken with a warning (which of two files counts, a column added) was listed
    in red under a green "Đã đọc 2 tệp. Đơn vị đã gửi: 4/4.", the sentence saying nothing
    to look at (a QA pass): the warning's colour, and the file counted."""
    data = _with_master(tmp_path)
    _tp_with_a_warning(tmp_path)
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


def test_the_files_to_look_at_come_first_in_the_list(tmp_path):
    """A province's 100 files listed in the order read: the message said "Cần xem trong
    danh sách dưới: 2 tệp không được nhận", the two anywhere among 100 lines, each line
    in full on a phone (a QA pass). Refused first, then with errors, then with warnings,
    then the rest as read."""
    data = _with_master(tmp_path)
    _tp_with_a_warning(tmp_path)
    client = _client(data)
    token = _token(client)
    sent = [("A-NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()),
            ("B-TP.xlsx", (tmp_path / "TP.xlsx").read_bytes()),
            ("C-X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()),  # 120 %
            ("D-VP.xlsx", (RETURNS / "VP-van-phong-hdnd-ubnd-huyen.xlsx").read_bytes()),
            ("Z-hong.xlsx", (RETURNS / "GDDT-phong-giao-duc-va-dao-tao.xlsx").read_bytes()[:3000])]
    state = _sent(client, token, sent)
    listed = [(f["name"], f["outcome"], f["errors"] > 0, f["warnings"] > 0)
              for f in state["result"]["files"]]
    assert listed == [("Z-hong.xlsx", "Bị từ chối", True, False),
                      ("C-X02.xlsx", "Được nhận", True, False),
                      ("B-TP.xlsx", "Được nhận", False, True),
                      ("A-NV.xlsx", "Được nhận", False, False),
                      ("D-VP.xlsx", "Được nhận", False, False)], listed
    page = html.unescape(client.get("/thu-nhan").text)
    drawn = page[page.index('<ol class="events"'):]
    assert [drawn.index(name) for name, *_ in listed] == sorted(
        drawn.index(name) for name, *_ in listed)


def test_a_files_line_says_only_the_counts_it_has(tmp_path):
    """A refused file's line read "(1 lỗi, 0 cảnh báo)": the nought said nothing (a QA
    pass). Each line names the counts that are not nought, as a unit's feedback does."""
    data = _with_master(tmp_path)
    _tp_with_a_warning(tmp_path)
    client = _client(data)
    _sent(client, _token(client), [
        ("B-TP.xlsx", (tmp_path / "TP.xlsx").read_bytes()),
        ("C-X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())])  # 120 %
    page = html.unescape(client.get("/thu-nhan").text)
    listed = page[page.index('<ol class="events"'):]
    lines = {name: line for line in listed[:listed.index("</ol>")].split("<li")[1:]
             for name in ("B-TP.xlsx", "C-X02.xlsx") if name in line}
    assert '<span class="counts">(1 cảnh báo)</span>' in lines["B-TP.xlsx"], lines
    assert '<span class="counts">(1 lỗi)</span>' in lines["C-X02.xlsx"], lines
