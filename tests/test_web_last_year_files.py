"""Last year's working folder copied for the new year and the 2027 plan table put in it
by hand: last year's report, workbook, feedback and letters are left in it until the
office moves them. Báo cáo and Phản hồi showed them as this period's, only marked "số
liệu cũ", and Phản hồi listed (and zipped for the units) every letter in the folder,
whichever plan it was written for. A file of another plan is never offered as this
plan's: one notice names them, whose they are, and what to move out of the folder."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from datetime import date
from urllib.parse import unquote

from openpyxl import Workbook
from test_web_year_turn import _plans, _q1_answered, _started
from test_year_turn import TO_CORRECT

from support.clock import set_clock
from support.web import _client, _sent

MOVE = ("Để giữ các tệp đó, chuyển chúng ra khỏi thư mục làm việc của ứng dụng, ví dụ sang "
        "thư mục làm việc của kế hoạch kia, rồi mở lại trang này")


def _text(page: str) -> str:
    """The page's words as read, tags and spacing gone."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(page)).split())


def _last_year_left(tmp_path, monkeypatch):
    """A ward's 2026 quý I merged (its office's file to correct: a feedback letter), its
    report and reminder letter made, then the 2027 plan table copied over the plan in
    use by hand: the folder, the 2027 table, the 2026 letter's name."""
    data, _, next_year = _plans(tmp_path)
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2026, {"TC-01": TO_CORRECT})
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
    for action in ("/bao-cao/Q1", "/phan-hoi/Q1"):
        assert _started(client, token, action)["state"] == "done", action
    (letter,) = (data / "phan-hoi-Q1").glob("*.xlsx")
    client.close()
    shutil.copyfile(next_year, data / "ke-hoach.xlsx")  # by hand, in the file manager
    return data, letter.name


def test_last_year_s_report_is_not_shown_as_this_period_s(tmp_path, monkeypatch):
    """2027's quý I merged (last year's giao-Q1, tong-hop-Q1, phan-hoi-Q1 moved out as
    the refusals said), last year's bao-cao-Q1.* left: Báo cáo offered "Báo cáo (Excel)
    — số liệu cũ" and showed 2026's report in its frame, as if it were 2027's figures
    gone stale. It offers neither, names the files and what to do; this plan's
    consolidated workbook is offered as before."""
    data, _ = _last_year_left(tmp_path, monkeypatch)
    elsewhere = tmp_path / "cchc-2026"
    elsewhere.mkdir()
    for name in ("giao-Q1", "tong-hop-Q1.xlsx", "phan-hoi-Q1"):
        shutil.move(data / name, elsewhere)
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2027, {"TC-01": TO_CORRECT})
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"

    page = client.get("/bao-cao?ky=Q1").text
    assert "/tai-ve/bao-cao/Q1" not in page and "/tai-ve/bao-cao-docx/Q1" not in page
    assert "/bao-cao/Q1/trang" not in page  # no frame showing 2026's report
    assert "số liệu cũ" not in page
    assert "/tai-ve/tong-hop/Q1" in page  # 2027's, merged here
    text = _text(page)
    assert ("Trong thư mục làm việc có tệp của kế hoạch khác, không phải kế hoạch đang dùng "
            "(mã “hac-thanh-2027”): trang này không hiển thị, không cho tải về các tệp đó như "
            "báo cáo kỳ quý I năm 2027. Các tệp bao-cao-Q1.xlsx, bao-cao-Q1.html, "
            "bao-cao-Q1.docx là báo cáo kỳ quý I năm 2026 của kế hoạch năm 2026 (mã "
            f"“hac-thanh-2026”). {MOVE} để lập báo cáo kỳ quý I năm 2027.") in text, text

    for name in ("bao-cao-Q1.xlsx", "bao-cao-Q1.html", "bao-cao-Q1.docx"):
        shutil.move(data / name, elsewhere)
    page = client.get("/bao-cao?ky=Q1").text
    assert "kế hoạch khác" not in page
    assert _started(client, token, "/bao-cao/Q1")["state"] == "done"
    page = client.get("/bao-cao?ky=Q1").text
    assert "/tai-ve/bao-cao/Q1" in page and "/bao-cao/Q1/trang" in page, _text(page)[:3000]
    client.close()


def test_phan_hoi_lists_this_plan_s_letters_only(tmp_path, monkeypatch):
    """Phản hồi listed last year's feedback letter with this year's, put it in the ZIP
    the units get, and offered last year's reminder letter as this period's. It lists
    and zips this plan's letters, and a letter saying no plan (written by an older
    version) as before; one notice names the others."""
    data, last_year = _last_year_left(tmp_path, monkeypatch)
    set_clock(monkeypatch, date(2027, 3, 20))
    client = _client(data)
    page = client.get("/phan-hoi?ky=Q1").text
    assert "/phan-hoi/Q1/tep/" not in page and "/phan-hoi/Q1/zip" not in page  # 2026's
    assert "/tai-ve/don-doc/Q1" not in page and "Lập lại công văn" not in page
    text = _text(page)
    assert ("Trong thư mục làm việc có tệp của kế hoạch khác, không phải kế hoạch đang dùng "
            "(mã “hac-thanh-2027”): trang này không hiển thị, không cho tải về các tệp đó như "
            "tệp phản hồi, công văn kỳ quý I năm 2027. Thư mục phan-hoi-Q1 có tệp phản hồi kỳ "
            "quý I năm 2026 của kế hoạch năm 2026 (mã “hac-thanh-2026”). Các tệp "
            "don-doc-Q1.docx, don-doc-Q1.xlsx, don-doc-Q1.csv là công văn đôn đốc gửi báo cáo "
            "và danh sách trộn thư kỳ quý I năm 2026 của kế hoạch năm 2026 (mã "
            f"“hac-thanh-2026”). {MOVE}.") in text, text
    client.close()

    # 2026's letters moved out as told, 2027's quý I merged; 2026's letter copied back
    # (to compare), beside one an older version wrote, which says no plan.
    elsewhere = tmp_path / "cchc-2026"
    elsewhere.mkdir()
    for name in ("giao-Q1", "tong-hop-Q1.xlsx", "phan-hoi-Q1", "don-doc-Q1.docx",
                 "don-doc-Q1.xlsx", "don-doc-Q1.csv"):
        shutil.move(data / name, elsewhere)
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2027, {"TC-01": TO_CORRECT})
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
    (this_year,) = (p.name for p in (data / "phan-hoi-Q1").glob("*.xlsx"))
    shutil.copyfile(elsewhere / "phan-hoi-Q1" / last_year,
                    data / "phan-hoi-Q1" / "VP-2026-phản-hồi.xlsx")
    unmarked = Workbook()
    unmarked.save(data / "phan-hoi-Q1" / "Xa-cu-phản-hồi.xlsx")

    page = client.get("/phan-hoi?ky=Q1").text
    listed = [unquote(n) for n in re.findall(r'/phan-hoi/Q1/tep/([^"]+)" download>', page)]
    assert sorted(listed) == sorted([this_year, "Xa-cu-phản-hồi.xlsx"]), listed
    assert ("Tệp VP-2026-phản-hồi.xlsx ở thư mục phan-hoi-Q1 là tệp phản hồi kỳ quý I năm 2026 "
            "của kế hoạch năm 2026 (mã “hac-thanh-2026”).") in _text(page)
    zipped = client.get("/phan-hoi/Q1/zip")
    assert zipped.status_code == 200, zipped.text
    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert not any("VP-2026" in n for n in names) and any(this_year in n for n in names), names
    client.close()
