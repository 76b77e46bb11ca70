"""The sentence over an upload's list of files: what in the list to look at."""

from __future__ import annotations

import html

import openpyxl

from cchc_xl.assignment import COL_PERCENT, HEADER_ROW
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


def test_the_issued_files_zip_sent_back_says_what_to_upload_instead(tmp_path):
    """The ZIP downloaded at Giao việc uploaded at Thu nhận by mistake (a zip the office
    just downloaded): "Không có tệp nào của đơn vị để gộp." over one "Bỏ qua … tệp giao
    do cchc-xl tạo" line per unit (178 at a province), and nothing saying that the whole
    upload was the issued files nor what to upload (a QA pass at province scale)."""
    from support.web import _job

    client = _client(_with_master(tmp_path))
    token = _token(client)
    _job(client, token, "/giao-viec/9T")
    issued = client.get("/giao-viec/9T/zip")
    assert issued.status_code == 200
    state = _sent(client, token, [("giao-hoang-hoa-2023-9T.zip", issued.content)])
    assert state["result"]["message"] == (
        "Không có tệp nào của đơn vị để gộp: các tệp vừa tải lên là tệp giao do ứng dụng "
        "tạo ở trang Giao việc, chưa điền. Tải lên ở đây các tệp các đơn vị đã điền và gửi "
        "về (tệp đính kèm thư điện tử, Zalo…).")
    assert state["result"]["tone"] == "warn"


UPLOAD_RETURNS = ("không phải tệp đơn vị gửi về. Tải lên ở đây các tệp các đơn vị đã điền và "
                  "gửi về (tệp đính kèm thư điện tử, Zalo…).")
LIST_SAID = ("Không có tệp nào của đơn vị để gộp: tệp vừa tải lên là danh sách các tệp giao "
             "(ứng dụng lập ở trang Giao việc, ghi đơn vị nào được giao tệp nào), "
             + UPLOAD_RETURNS)


def test_the_office_s_own_file_alone_says_what_it_is_and_what_to_upload(tmp_path):
    """The list of the files given out (danh-sach-tep-giao.xlsx) dropped alone on Thu nhận
    said "Đã đọc 0 tệp, bỏ qua 1 tệp (lý do ghi ở từng tệp).": read as nothing happened,
    and why not (a QA pass); manifest.csv or .json alone "Không có tệp nào của đơn vị để
    gộp.", the plan table alone "Không có tệp nào để gộp.". Each now says what the file
    given was, and what to upload instead, in the warning colour."""
    from support.paths import HH_MASTER
    from support.web import _job

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/9T")
    folder = data / "giao-9T"
    # The workbook is passed over as it is read (judged.py), the ledger's count after it.
    for name, after in (("danh-sach-tep-giao.xlsx", " Đơn vị đã gửi: 0/47."),
                        ("manifest.csv", ""), ("manifest.json", "")):
        state = _sent(client, token, [(name, (folder / name).read_bytes())])
        assert state["result"]["message"] == LIST_SAID + after, state["result"]
        assert state["result"]["tone"] == "warn"
    state = _sent(client, token, [("ke-hoach.xlsx", HH_MASTER.read_bytes())])
    assert state["result"]["message"] == (
        "Không có tệp nào của đơn vị để gộp: tệp vừa tải lên là bảng kế hoạch của cơ quan "
        "(muốn dùng bảng này thì tải lên ở trang Kế hoạch), " + UPLOAD_RETURNS)
    # Both: named together.
    state = _sent(client, token, [("ke-hoach.xlsx", HH_MASTER.read_bytes()),
                                  ("manifest.csv", (folder / "manifest.csv").read_bytes())])
    assert state["result"]["message"].startswith(
        "Không có tệp nào của đơn vị để gộp: các tệp vừa tải lên là bảng kế hoạch của cơ "
        "quan (muốn dùng bảng này thì tải lên ở trang Kế hoạch), danh sách các tệp giao ")


def test_a_files_reason_follows_its_counts_after_a_colon(tmp_path):
    """A file given back unfilled was listed as "Bị từ chối NV.xlsx → Phòng Nội vụ (1 lỗi)
    tệp chưa được điền: …", the reason run on from the counts after a space (a QA pass), where the
    page's other lines put a colon between a file and what is said of it
    ("NV.xlsx: …"). The reason now follows after a colon."""
    import re

    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    given = next(Workspace(data).split("9T", prefill=False).files[0].path.parent.glob(
        "NV-*.xlsx"))
    state = _sent(client, token, [("NV.xlsx", given.read_bytes())])
    (nv,) = state["result"]["files"]
    assert (nv["outcome"], nv["errors"]) == ("Bị từ chối", 1), nv
    page = html.unescape(client.get("/thu-nhan").text)
    line = re.sub(r"<[^>]+>", "", re.search(r'<li class="ev-rejected[^>]*>(.*?)</li>',
                                            page, re.S)[1])
    assert line.startswith("Bị từ chối NV.xlsx → Phòng Nội vụ (1 lỗi): tệp chưa được điền "
                           "(không ô nhập liệu nào thay đổi"), line


def test_a_file_taken_with_errors_says_its_first_error_and_where(tmp_path):
    """"Cần xem trong danh sách dưới: 2 tệp có lỗi" stood over lines saying "(1 lỗi)"
    alone: what to fix, and where, was on the unit's row of the board only, among a
    province's 180 (a QA pass at a province's size). The line says its first error with
    its sheet and cell, and how many more the board lists."""
    data = _with_master(tmp_path)
    book = openpyxl.load_workbook(RETURNS / "X02-xa-hoang-cat.xlsx")  # its 120%: an error
    sheet = next(s for s in book.worksheets[1:] if s.sheet_state == "visible")
    header = [c.value for c in sheet[HEADER_ROW]]
    percent = header.index(COL_PERCENT) + 1
    typed = [r for r in range(HEADER_ROW + 1, sheet.max_row + 1)
             if isinstance(sheet.cell(r, percent).value, (int, float))]
    sheet.cell(typed[-1], percent, 250)  # a second error in the same file
    book.save(tmp_path / "X02.xlsx")
    client = _client(data)
    token = _token(client)
    _tp_with_a_warning(tmp_path)
    state = _sent(client, token, [
        ("X02.xlsx", (tmp_path / "X02.xlsx").read_bytes()),
        ("X03.xlsx", (RETURNS / "X03-xa-hoang-chau.xlsx").read_bytes()),
        ("TP.xlsx", (tmp_path / "TP.xlsx").read_bytes())])
    lines = {f["name"]: f for f in state["result"]["files"]}
    # A warning alone: counted, not said (most files of a quarter have one).
    warned = lines["TP.xlsx"]
    assert (warned["errors"], warned["warnings"], warned["reason"]) == (0, 1, ""), warned
    two, one = lines["X02.xlsx"], lines["X03.xlsx"]
    assert two["kind"] == one["kind"] == "accepted"
    assert two["errors"] >= 2 and one["errors"] == 1, (two, one)
    assert two["reason"].startswith("trang '"), two["reason"]
    assert ", ô " in two["reason"] and "120" in two["reason"], two["reason"]
    assert two["reason"].endswith(f"; {two['errors'] - 1} lỗi khác ở dòng của đơn vị trong "
                                  "bảng “Tình hình các đơn vị”"), two["reason"]
    assert one["reason"].startswith("trang '") and "kiểm chứng" in one["reason"], one["reason"]
    assert "lỗi khác" not in one["reason"]
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert f': <span class="reason">{two["reason"]}</span>' in page
