"""A page left open while the plan changed under it: its period gone from the plan put in
place meanwhile (in another tab, by the deputy on another computer), then a form of the
page sent. What the office is told: which period, that the plan changed, what to do."""

from __future__ import annotations

import html

import openpyxl

from support.web import HH_MASTER, RETURNS, _client, _job, _put_plan, _token, _with_master

WHAT_TO_DO = ("không có trong bảng kế hoạch đang dùng: bảng kế hoạch đã được thay sau khi "
              "trang này được mở (ở cửa sổ này hay một cửa sổ, máy khác). Mở lại trang rồi "
              "chọn kỳ ở ô “Kỳ báo cáo” trên cùng: Quý I năm 2023, 6 tháng đầu năm 2023, "
              "Quý III năm 2023, Năm 2023.")
NEVER_MERGED = ("Không có kỳ báo cáo mã 'T10' trong bảng kế hoạch đang dùng. Mở lại trang "
                "rồi chọn kỳ ở ô “Kỳ báo cáo” trên cùng: Quý I năm 2023, 6 tháng đầu năm "
                "2023, Quý III năm 2023, Năm 2023.")


def _without_9t(tmp_path):
    book = openpyxl.load_workbook(HH_MASTER)
    sheet = book["Kỳ báo cáo"]
    row = next(c.row for c in sheet["A"] if c.value == "9T")
    sheet.delete_rows(row)
    path = tmp_path / "ke-hoach-bo-9T.xlsx"
    book.save(path)
    return path


def _one_file_in_then_9t_dropped(tmp_path):
    """The app with one return merged for 9 tháng, and a version of the plan without the
    period: the client, its form token, the return, the plan's file."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")
    one = sorted(RETURNS.glob("*.xlsx"))[0]
    _job(client, token, "/thu-nhan/9T", files=[("files", (one.name, one.read_bytes()))])
    return client, token, one, _without_9t(tmp_path)


def test_a_form_of_a_period_the_plan_no_longer_has_says_which_and_what_to_do(tmp_path):
    """Thu nhận of 9 tháng left open, the plan replaced meanwhile by a version without
    that period: its upload said "Không có kỳ báo cáo '9T' trong bảng kế hoạch." — a code
    the office never sees (the page says "9 tháng năm 2023"), and nothing of why or what
    to do."""
    client, token, one, plan = _one_file_in_then_9t_dropped(tmp_path)
    _put_plan(client, data={"csrf": token},
              files={"master": (plan.name, plan.read_bytes())})
    # The upload of the page opened before (the script's request).
    sent = client.post("/thu-nhan/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"},
                       files=[("files", (one.name, one.read_bytes()))])
    assert sent.status_code == 404
    assert sent.json()["error"] == "Kỳ báo cáo “9 tháng năm 2023” " + WHAT_TO_DO
    # "Lập báo cáo" of the Báo cáo page opened before, sent without the page's script.
    page = client.post("/bao-cao/9T", data={"csrf": token})
    assert page.status_code == 404
    assert "Kỳ báo cáo “9 tháng năm 2023” " + WHAT_TO_DO in html.unescape(page.text)
    # A period no file was ever merged under (an address typed, a link of another
    # folder): its code, and what to do.
    sent = client.post("/bao-cao/T10", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"})
    assert sent.json()["error"] == NEVER_MERGED


def test_a_version_of_the_plan_without_a_period_that_has_files_says_so_before_replacing(
        tmp_path):
    """The question before replacing the plan by a version whose "Kỳ báo cáo" sheet lost
    the row of 9 tháng (deleted by mistake in Excel), files of that period received: it
    said "Khi thay: số liệu kỳ 9 tháng năm 2023 (đang báo cáo) được tính lại ngay theo
    bảng mới" — a period the new table does not have; once replaced, its files and
    figures were out of every page, unsaid."""
    client, token, one, plan = _one_file_in_then_9t_dropped(tmp_path)
    asked = client.post("/ke-hoach", data={"csrf": token},
                        files={"master": (plan.name, plan.read_bytes())})
    page = html.unescape(asked.text)
    assert "Thay bằng bảng này" in page
    assert ("Bảng này không có kỳ 9 tháng năm 2023, kỳ đã nhận tệp các đơn vị gửi về: thay "
            "bằng bảng này thì các trang không còn kỳ đó, số liệu của kỳ không được tính "
            "lại (tệp đã nhận vẫn giữ trong sổ cái; trở lại được bằng nút “Dùng lại” bảng "
            "đang dùng). Nếu dòng của kỳ ở trang “Kỳ báo cáo” bị xóa nhầm: bấm “Không thay, "
            "giữ bảng đang dùng”, thêm lại dòng đó rồi tải bảng lên lại.") in page
    assert "9 tháng năm 2023 (đang báo cáo) được tính lại" not in page


def test_the_uploads_said_out_of_date_name_a_plan_replaced_among_the_reasons(
        tmp_path, monkeypatch):
    """Thu nhận after the plan was replaced (the period reported recounted with it): its
    note that the figures changed since the last upload gave as reasons a file withdrawn,
    verdicts recorded, files merged by a command: none of which the office had done."""
    from datetime import date, datetime

    from support.clock import set_clock

    set_clock(monkeypatch, date(2023, 9, 15))  # 9 tháng being reported: recounted
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")
    one = sorted(RETURNS.glob("*.xlsx"))[0]
    _job(client, token, "/thu-nhan/9T", files=[("files", (one.name, one.read_bytes()))])
    book = openpyxl.load_workbook(HH_MASTER)
    sheet = book["Kế hoạch"]
    row = next(c.row for c in sheet["A"] if c.value == "Tên kế hoạch")
    sheet.cell(row, 2).value = f"{sheet.cell(row, 2).value} (sửa đổi)"
    plan = tmp_path / "ke-hoach-sua.xlsx"
    book.save(plan)
    set_clock(monkeypatch, datetime(2023, 9, 15, 10))  # an hour later (the ledger: seconds)
    _put_plan(client, data={"csrf": token}, files={"master": (plan.name, plan.read_bytes())})
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert ("sau lần tải lên gần nhất (bảng kế hoạch được thay, một tệp được rút khỏi số "
            "liệu, đánh giá được ghi, hoặc tệp được gộp bằng lệnh trên máy)") in page
