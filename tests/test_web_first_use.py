"""A commune's specialist using the web app for the first time (a QA pass): the
careless paths of a first use are told in words of the office, pointing to the page and
step that help."""

from __future__ import annotations

import html
import io

import openpyxl

from cchc_xl.assignment import IDENTITY_SHEET
from support.web import RETURNS, _client, _sent, _token, _with_master


def _period_changed(body: bytes, period: str) -> bytes:
    """A unit's return whose hidden identity sheet gives another period than the names
    and properties of the file (typed over by a tool that reaches hidden sheets)."""
    wb = openpyxl.load_workbook(io.BytesIO(body))
    ws = wb[IDENTITY_SHEET]
    next(row[1] for row in ws.iter_rows() if row[0].value == "period").value = period
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_file_whose_identity_disagrees_is_refused_in_words_of_the_office(tmp_path):
    client = _client(_with_master(tmp_path))
    token = _token(client)
    body = _period_changed((RETURNS / "NV-phong-noi-vu.xlsx").read_bytes(),
                           "9T" + "Đã hoàn thành" * 10)
    assert _sent(client, token, [("NV.xlsx", body)])["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    said = page[page.index("NV.xlsx: thông tin nhận dạng"):][:400]
    assert ("thông tin nhận dạng ở các nơi trong tệp không khớp nhau (kỳ báo cáo ghi "
            "'9TĐã hoàn thànhĐã hoàn thànhĐã hoàn thàn…' ở trang ẩn, '9T' ở tên đặt "
            "trong tệp và thuộc tính tệp): không xác định được tệp của đơn vị nào") in said, said
    for english in ("period", "(names)", "(properties)", "≠"):
        assert english not in said, said
