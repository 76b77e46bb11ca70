"""Last year's working folder copied for the new year and the 2027 plan table put in it
by hand: Báo cáo and Phản hồi no longer offer last year's outputs left in it as this
period's (test_web_last_year_files), but an address kept from before (a bookmark, a link
in a Zalo message, typed) still served them: /tai-ve/bao-cao/Q1 gave 2026's report as
quý I/2027's. Every download of a period's output refuses a file whose mark says another
plan (409, a page naming whose it is and what to do, as the pages' notice), serves this
plan's, and serves a file that says none (written by older versions) as before."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from datetime import date
from urllib.parse import quote

import pytest
from docx import Document
from openpyxl import Workbook
from test_web_last_year_files import _last_year_left, _text
from test_web_year_turn import _plans, _q1_answered, _started
from test_year_turn import TO_CORRECT

from cchc_xl.web.common import DOWNLOADS
from support.clock import set_clock
from support.web import _client, _sent

LAST_YEAR = "kế hoạch năm 2026 (mã “hac-thanh-2026”)"
NOT_OURS = "không phải của kế hoạch đang dùng (mã “hac-thanh-2027”)"
MOVE = "ra khỏi thư mục làm việc của ứng dụng, ví dụ sang thư mục làm việc của kế hoạch kia"
KEPT_COPY = "bao-cao-Q1 (bản đã sửa 05-04-2026 10h30).xlsx"


@pytest.fixture(scope="module")
def last_year(tmp_path_factory):
    """The folder with 2026's quý I outputs left in it (its report, workbook, letters,
    units' files, a copy of its report kept as edited) and the 2027 table in use: the
    folder, the name of 2026's feedback letter."""
    tmp_path = tmp_path_factory.mktemp("last-year")
    data, _, next_year = _plans(tmp_path)
    with pytest.MonkeyPatch.context() as monkeypatch:
        client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2026,
                                           {"TC-01": TO_CORRECT})
        with client:
            assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == \
                "done"
            for action in ("/bao-cao/Q1", "/phan-hoi/Q1", "/phan-hoi/Q1/qua-han"):
                assert _started(client, token, action)["state"] == "done", action
    (letter,) = (data / "phan-hoi-Q1").glob("*.xlsx")
    shutil.copyfile(data / "bao-cao-Q1.xlsx", data / KEPT_COPY)
    shutil.copyfile(next_year, data / "ke-hoach.xlsx")  # by hand, in the file manager
    return data, letter.name


def _refused(client, url: str) -> str:
    """What the page answering ``url`` says, asserting it is the refusal of another
    plan's file."""
    got = client.get(url)
    assert got.status_code == 409, (url, got.status_code, got.text[:300])
    # An address opened, not a step refused: headed so (it read "Không làm được").
    assert "<h1>Không mở được</h1>" in got.text, got.text[:600]
    said = html.unescape(re.search(r'<p class="msg error">(.*?)</p>', got.text, re.S)[1])
    assert LAST_YEAR in said and NOT_OURS in said and MOVE in said, (url, said)
    return said


def test_every_download_of_last_year_s_output_is_refused_naming_its_plan(
        last_year, monkeypatch):
    data, letter = last_year
    set_clock(monkeypatch, date(2027, 3, 20))
    client = _client(data)
    with client:
        said = {kind: _refused(client, f"/tai-ve/{kind}/Q1") for kind in DOWNLOADS}
        assert said["bao-cao-docx"] == (
            "Tệp bao-cao-Q1.docx là báo cáo kỳ quý I năm 2026 của kế hoạch năm 2026 (mã "
            "“hac-thanh-2026”), không phải của kế hoạch đang dùng (mã “hac-thanh-2027”): "
            "ứng dụng không cho tải về tệp đó như báo cáo kỳ quý I năm 2027. Để giữ tệp đó, "
            "chuyển các tệp bao-cao-Q1.xlsx, bao-cao-Q1.html, bao-cao-Q1.docx ra khỏi thư "
            "mục làm việc của ứng dụng, ví dụ sang thư mục làm việc của kế hoạch kia, rồi "
            "lập báo cáo kỳ quý I năm 2027 ở trang Báo cáo.")
        assert said["don-doc-csv"].startswith(
            "Tệp don-doc-Q1.csv là công văn đôn đốc gửi báo cáo và danh sách trộn thư kỳ "
            "quý I năm 2026 của kế hoạch năm 2026")
        assert said["tong-hop"].endswith(
            "chuyển tệp tong-hop-Q1.xlsx ra khỏi thư mục làm việc của ứng dụng, ví dụ sang "
            "thư mục làm việc của kế hoạch kia, rồi gộp tệp các đơn vị gửi về kỳ quý I năm "
            "2027 ở trang Thu nhận.")
        # The report's frame, opened by its own address.
        assert _refused(client, "/bao-cao/Q1/trang").startswith("Tệp bao-cao-Q1.html là báo cáo")
        # The feedback letter, and the ZIP of letters for the units (every one 2026's).
        assert _refused(client, f"/phan-hoi/Q1/tep/{quote(letter)}").startswith(
            f"Tệp {letter} là tệp phản hồi kỳ quý I năm 2026 của kế hoạch năm 2026")
        assert "chuyển thư mục phan-hoi-Q1 ra khỏi" in _refused(client, "/phan-hoi/Q1/zip")
        # The units' files of 2026, and their ZIP; Giao việc lists them, links none.
        (given,) = (data / "giao-Q1").glob("VP-*.xlsx")
        assert _refused(client, f"/giao-viec/Q1/tep/{quote(given.name)}").endswith(
            "chuyển thư mục giao-Q1 ra khỏi thư mục làm việc của ứng dụng, ví dụ sang thư mục "
            "làm việc của kế hoạch kia, rồi tạo tệp giao kỳ quý I năm 2027 ở trang Giao việc.")
        assert _refused(client, "/giao-viec/Q1/zip").startswith("Tệp ")
        page = client.get("/giao-viec?ky=Q1").text
        assert "other-plan" in page and given.name in page
        assert "/giao-viec/Q1/tep/" not in page and "/giao-viec/Q1/zip" not in page
        # The copy of 2026's report kept as edited: not listed on Báo cáo, refused.
        assert "ban-da-sua" not in client.get("/bao-cao?ky=Q1").text
        assert _refused(client, f"/ban-da-sua/Q1/{quote(KEPT_COPY)}").startswith(
            f"Tệp {KEPT_COPY} là bản đã sửa được giữ lại kỳ quý I năm 2026")


def test_this_plan_s_files_and_files_saying_no_plan_are_served(tmp_path, monkeypatch):
    """2026's outputs moved out as told and 2027's quý I made: each is served; beside
    them, files that say no plan (an older version's letter and report) are served as
    before, and 2026's letter copied back is left out of the ZIP, refused alone."""
    data, last_year = _last_year_left(tmp_path, monkeypatch)
    elsewhere = tmp_path / "cchc-2026"
    elsewhere.mkdir()
    for name in ("giao-Q1", "tong-hop-Q1.xlsx", "phan-hoi-Q1", "bao-cao-Q1.xlsx",
                 "bao-cao-Q1.html", "bao-cao-Q1.docx", "don-doc-Q1.docx", "don-doc-Q1.xlsx",
                 "don-doc-Q1.csv"):
        shutil.move(data / name, elsewhere)
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2027, {"TC-01": TO_CORRECT})
    with client:
        assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
        for action in ("/bao-cao/Q1", "/phan-hoi/Q1"):
            assert _started(client, token, action)["state"] == "done", action
        (this_year,) = (p.name for p in (data / "phan-hoi-Q1").glob("*.xlsx"))
        (given,) = (data / "giao-Q1").glob("VP-*.xlsx")
        for url in [*(f"/tai-ve/{kind}/Q1" for kind in ("tong-hop", "bao-cao", "bao-cao-html",
                                                        "bao-cao-docx", "don-doc",
                                                        "don-doc-xlsx", "don-doc-csv")),
                    "/bao-cao/Q1/trang", f"/phan-hoi/Q1/tep/{quote(this_year)}",
                    "/phan-hoi/Q1/zip", f"/giao-viec/Q1/tep/{quote(given.name)}",
                    "/giao-viec/Q1/zip"]:
            got = client.get(url)
            assert got.status_code == 200, (url, got.status_code, _text(got.text)[:500])

        # 2026's letter copied back, beside one an older version wrote (no plan said).
        shutil.copyfile(elsewhere / "phan-hoi-Q1" / last_year,
                        data / "phan-hoi-Q1" / "VP-2026-phản-hồi.xlsx")
        Workbook().save(data / "phan-hoi-Q1" / "Xa-cu-phản-hồi.xlsx")
        assert client.get(f"/phan-hoi/Q1/tep/{quote('Xa-cu-phản-hồi.xlsx')}").status_code == 200
        assert _refused(client, f"/phan-hoi/Q1/tep/{quote('VP-2026-phản-hồi.xlsx')}").endswith(
            "chuyển tệp VP-2026-phản-hồi.xlsx ra khỏi thư mục làm việc của ứng dụng, ví dụ "
            "sang thư mục làm việc của kế hoạch kia, rồi gộp tệp các đơn vị gửi về kỳ quý I "
            "năm 2027 ở trang Thu nhận.")
        zipped = client.get("/phan-hoi/Q1/zip")
        assert zipped.status_code == 200, zipped.text
        names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
        assert sorted(names) == sorted([this_year, "Xa-cu-phản-hồi.xlsx"]), names

        # A report and a letter written by an older version, which say no plan.
        Workbook().save(data / "bao-cao-Q1.xlsx")
        Document().save(data / "don-doc-Q1.docx")
        for kind in ("bao-cao", "bao-cao-docx", "don-doc", "don-doc-csv"):
            got = client.get(f"/tai-ve/{kind}/Q1")
            assert got.status_code == 200, (kind, _text(got.text)[:500])
