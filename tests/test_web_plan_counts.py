"""What a plan imported from a commune's document leaves to look at, counted alike in the
question asked before it replaces the plan in use, the notice after, and the plan page's
"Kết quả kiểm tra" (a QA pass: the question said "6 cảnh báo", the notice after "5 cảnh
báo" and "2 điểm" of the same plan)."""

from __future__ import annotations

import html
import re

import pytest

from cchc_xl.plan_import import import_plan
from support.plans import plan_document
from support.web import _client, _import_posted, _token, notices

HEAD = ("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian")
IN_USE = [HEAD, ("1", "Rà soát thủ tục", "Báo cáo", "Văn phòng HĐND và UBND", "", "Quý II/2026"),
          ("2", "Số hóa hồ sơ", "Kết quả số hóa", "Công an phường", "", "Quý III/2026")]
# Amended: two units not in the plan in use (the import's warnings), two leads on the
# lines of one product (the import's note); with ``deadline``, one the check warns of.
ADDED = [("3", "Thí điểm mô hình", "Mô hình\nBáo cáo",
          "Phòng Văn hóa - Xã hội\nBan Chỉ huy Quân sự", "Tổ dân phố số 9", "Quý IV/2026"),
         ("4", "Tuyên truyền", "Bài viết", "Phòng Kinh tế", "Hội Nông dân phường", "hằng quý")]
UNREAD = ("5", "Kiểm tra", "Báo cáo kiểm tra", "Văn phòng HĐND và UBND", "", "tháng 13/2026")


def _ward_plan(path, rows):
    return plan_document(path, "PHƯỜNG HẠC THÀNH", "Cải cách hành chính năm 2026", rows)


def _text(part: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


@pytest.mark.parametrize("unread", [False, True], ids=["import-only", "with-check"])
def test_the_question_and_the_notice_after_count_alike(tmp_path, unread):
    data = tmp_path / "du-lieu"
    data.mkdir()
    import_plan(_ward_plan(tmp_path / "phuong.docx", IN_USE), data / "ke-hoach.xlsx")
    amended = _ward_plan(tmp_path / "phuong-sua.docx",
                         IN_USE + ADDED + ([UNREAD] if unread else []))
    client = _client(data)
    token = _token(client)
    state = _import_posted(client, token, amended, {"units": "1"})
    assert state["state"] == "done", state
    page = html.unescape(client.get(state["result"]["page"]).text)
    start = page.index('id="thay-bang"')
    card = page[start:page.index("</section>", start)]
    warnings = 3 + unread  # two units added, a task before any area's title; the deadline
    assert (f"đọc được, 0 lỗi, {warnings} cảnh báo, 1 ghi nhận." in _text(card))
    assert f"Xem {warnings} cảnh báo của tệp này" in card
    assert "Xem 1 ghi nhận của tệp này</summary>" in card

    answer = html.unescape(client.post("/ke-hoach/thay", data={
        "csrf": token, "token": state["result"]["held"], "answer": "thay"}).text)
    [(colour, done, points)] = notices(answer)
    assert done.startswith("Đã nhập 'phuong-sua.docx': 1 lĩnh vực,")
    assert colour == "warn"  # warnings to look at: not the success colour
    assert points[0] == (f"Có {warnings} cảnh báo cần xem lại và 1 ghi nhận (danh sách "
                         "ở mục 'Kết quả kiểm tra' bên dưới).")
    assert not [p for p in points if "điểm cần xem lại" in p], points
    checked = answer[answer.index("<h2>Kết quả kiểm tra</h2>"):]
    assert f"0 lỗi, {warnings} cảnh báo, 1 ghi nhận." in _text(checked)


def test_a_first_plan_imported_says_what_to_look_at_as_the_page_counts(tmp_path):
    """No plan in use: the import's notice counts the check's warnings too (it said only
    "Những điểm cần xem lại khi nhập (4)" beside the page's 4 warnings and 1 note)."""
    data = tmp_path / "du-lieu"
    client = _client(data)
    token = _token(client)
    document = _ward_plan(tmp_path / "phuong.docx", IN_USE + ADDED + [UNREAD])
    state = _import_posted(client, token, document)
    assert state["state"] == "done", state
    # Where the list is, by the heading of its card: said in the import's box, "(danh
    # sách bên dưới)" pointed at nothing there, the list being cards further down (a QA
    # pass).
    assert state["result"]["message"].endswith(
        " Có 4 cảnh báo cần xem lại và 1 ghi nhận (danh sách ở mục 'Kết quả kiểm tra' bên dưới).")
    assert state["result"]["tone"] == "warn"
    page = html.unescape(client.get("/").text)
    said_in = page.index(state["result"]["message"].split(" Có ")[0])
    assert page.index('class="job"') < said_in < page.index("<h2>Kết quả kiểm tra</h2>")
    assert "0 lỗi, 4 cảnh báo, 1 ghi nhận." in _text(page[page.index("<h2>Kết quả kiểm tra"):])
