"""A merge in the web app that could not read back verdicts the office typed into the
consolidated workbook (MergeResult.unread) said so only in the collapsed "Chi tiết lần
gộp": the upload's message read as any other, in success's green, and the workbook kept
as it was ("tong-hop-9T (bản đã sửa …).xlsx") was in the data folder, which someone
using the app from another computer cannot open. The message says it as a warning and
links the kept copy; a file withdrawn (a refresh) says it too."""

from __future__ import annotations

import hashlib
import html
import re

from openpyxl import load_workbook
from test_merge_unread_verdicts import _first_product

from cchc_xl.edited import kept_copies
from support.web import RETURNS, _nv_and_tp_merged, _sent
from support.workbooks import assessment_place

SAID = ("Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp tong-hop-9T.xlsx không đọc được nên "
        "chưa được ghi vào số liệu")


def _typed_one_column_off(out) -> bytes:
    """A verdict typed beside the assessment column of NV's first row: the bytes saved."""
    wb = load_workbook(out)
    sheet, row, col = assessment_place(wb, "NV|" + _first_product(wb, "NV"))
    wb[sheet].cell(row, col - 1).value = "Đạt"
    wb.save(out)
    return out.read_bytes()


def test_an_upload_whose_merge_could_not_read_verdicts_says_so_and_offers_the_copy(tmp_path):
    data, client, token = _nv_and_tp_merged(tmp_path)
    out = data / "tong-hop-9T.xlsx"
    typed = _typed_one_column_off(out)
    state = _sent(client, token, [("X01.xlsx", (RETURNS / "X01-thi-tran-but-son.xlsx")
                                   .read_bytes())])
    assert state["state"] == "done", state
    (kept,) = kept_copies(out)
    said = state["result"]["message"]
    assert state["result"]["tone"] == "warn", said
    assert f"{SAID} (từng ô ở mục “Chi tiết lần gộp”)." in said, said
    assert f"bảng cũ được giữ lại thành “{kept.name}”: tải bản đó về" not in said
    assert f"bảng cũ được giữ lại thành “{kept.name}”: tải bản đó, ghi lại" in said, said
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    message = re.search(r'<p class="msg warn">([^\n]*?)</p>', page)
    assert message and SAID in message.group(1), page
    link = re.search(r'<a href="([^"]+)" download>Tải “([^”]+)”</a>', message.group(1))
    assert link and link.group(2) == kept.name, message.group(1)
    got = client.get(link.group(1))
    assert got.status_code == 200 and got.content == typed  # the office's workbook


def test_a_withdrawal_whose_refresh_could_not_read_verdicts_says_so(tmp_path):
    data, client, token = _nv_and_tp_merged(tmp_path)
    out = data / "tong-hop-9T.xlsx"
    _typed_one_column_off(out)
    tp = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    page = html.unescape(client.post("/thu-nhan/9T/rut", data={
        "sha": hashlib.sha256(tp).hexdigest(), "csrf": token}).text)  # the page it goes back to
    (kept,) = kept_copies(out)
    flash = re.search(r'<p class="msg (\w+)" role="status">(Đã rút tệp [^\n]*?)</p>', page)
    assert flash and flash.group(1) == "warn", page
    assert SAID in flash.group(2) and "'Đạt'" in flash.group(2), flash.group(2)
    assert f"“{kept.name}” (cùng thư mục với tong-hop-9T.xlsx" in flash.group(2)
