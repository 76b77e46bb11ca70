"""A commune's specialist using the web app for the first time (a QA pass): the
careless paths of a first use are told in words of the office, pointing to the page and
step that help."""

from __future__ import annotations

import html
import io

import openpyxl

from cchc_xl.assignment import IDENTITY_SHEET
from support.paths import HH_MASTER
from support.web import (
    RETURNS,
    _client,
    _imported,
    _put_plan,
    _sent,
    _token,
    _wait,
    _with_master,
)


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


def test_a_units_file_given_as_the_plan_before_any_plan_says_to_put_the_plan_first(
        tmp_path):
    """Sent to the Thu nhận page, which says to put a plan in place on the Kế hoạch page
    first: the two pages sent the office to each other."""
    client = _client(tmp_path)
    token = _token(client)
    page = html.unescape(_put_plan(client, data={"csrf": token}, files={
        "master": ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())}).text)
    assert ("Tệp 'NV.xlsx' là tệp giao cho một đơn vị (hoặc đơn vị gửi về), không phải bảng "
            "kế hoạch: tệp đơn vị gửi về thì tải lên ở trang Thu nhận, sau khi đã có bảng kế "
            "hoạch. Chưa có bảng kế hoạch nên các trang đó chưa nhận tệp: trước hết nhập văn "
            "bản kế hoạch đã ban hành (Word) ở mục “Nhập từ văn bản kế hoạch đã ban hành” bên "
            "dưới, hoặc tải lên ở đây bảng kế hoạch Excel của kế hoạch đó.") in page
    assert "Chưa có bảng kế hoạch dùng được" in html.unescape(client.get("/thu-nhan").text)


def test_the_plan_document_dropped_on_thu_nhan_is_sent_to_the_plan_page(tmp_path):
    """It was refused as a unit's report written in Word ("điền kết quả vào tệp Excel
    được giao rồi gửi lại…") and stayed listed among the files of no unit."""
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch CCHC 2023.docx")
    _imported(client, token, document)
    state = _sent(client, token, [
        ("Tải về/kế hoạch cchc 2023.DOCX", document.read_bytes()),
        ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])
    assert state["state"] == "done", state
    assert state["result"]["message"].startswith(
        "Đã đọc 1 tệp, bỏ qua 1 tệp (văn bản kế hoạch).")
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert ('Tải về/kế hoạch cchc 2023.DOCX</span>: <span class="reason">'
            "đây là văn bản kế hoạch đã nhập ở trang Kế hoạch (không phải tệp đơn vị gửi): "
            "muốn nhập lại văn bản này thì dùng mục "
            "“Nhập từ văn bản kế hoạch đã ban hành” ở trang Kế hoạch; không gộp vào số liệu"
            ) in page
    assert "Tệp không nhận ra của đơn vị nào" not in page
    assert "đây là tệp Word" not in page


def test_each_step_done_says_the_next_one(tmp_path):
    """A plan in place and the units' files made, the pages said nothing of what comes
    next: sending the files and uploading what comes back on Thu nhận (a QA pass as a
    ward's specialist using the app for the first time)."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    page = html.unescape(client.get("/").text)
    assert ("Bảng kế hoạch dùng được để giao việc: bước tiếp theo là tạo tệp cho từng đơn vị "
            'ở trang <a href="/giao-viec') in page
    assert _wait(client, client.post("/giao-viec/NAM", headers={
        "X-CSRF-Token": token, "Accept": "application/json"}).json())["state"] == "done"
    page = html.unescape(client.get("/giao-viec?ky=NAM").text)
    assert ('<p class="next-step">Gửi mỗi đơn vị tệp của mình (thư điện tử, Zalo…); đơn vị '
            "điền các ô nền vàng rồi gửi lại chính tệp đó, chậm nhất ngày 20/12/2023. Tệp "
            'các đơn vị gửi về thì tải lên ở trang <a href="/thu-nhan?ky=NAM">Thu nhận</a>.'
            ) in page


def test_the_plan_document_merged_before_is_named_so_among_files_of_no_unit(tmp_path):
    """Dropped on Thu nhận before the plan was imported from it (or before the app
    passed it over), it is refused as a Word file; once the plan in use is imported from
    it, the board says what it is."""
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch CCHC 2023.docx")
    assert _sent(client, token, [(document.name, document.read_bytes())])["state"] == "done"
    orphans = html.unescape(client.get("/thu-nhan?ky=9T").text).split(
        "Tệp không nhận ra của đơn vị nào")[1]
    assert "Kế hoạch CCHC 2023.docx</span>: đây là tệp Word (.docx)" in orphans
    _imported(client, token, document)
    orphans = html.unescape(client.get("/thu-nhan?ky=9T").text).split(
        "Tệp không nhận ra của đơn vị nào")[1]
    assert ("Kế hoạch CCHC 2023.docx</span>: đây là văn bản kế hoạch đã nhập ở trang Kế "
            "hoạch (không phải tệp đơn vị gửi)") in orphans
    assert "đây là tệp Word" not in orphans
