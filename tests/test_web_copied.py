"""A data folder made by the command line and copied without its files' times (``cp -r``
without -p, a USB stick, a download): the web app says a report or a letter is out of
date by what it was made from, not by the files' times."""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.made_from import made_from
from support.paths import HH_MASTER
from support.web import RETURNS, _client, _sent, _token, _worked_year
from support.workbooks import load_workbook

REPORT_STALE = "Số liệu đã thay đổi sau lần lập báo cáo trước"
LETTER_STALE = "Số liệu của kỳ đã thay đổi sau lần lập công văn trước"


def _cli(*args: object) -> None:
    done = CliRunner().invoke(main, [str(a) for a in args])
    assert done.exit_code in (0, 1), done.output  # 1: written, with warnings


def _merged(data: Path, unit_file: str) -> None:
    _cli("merge", data / "ke-hoach.xlsx", RETURNS / unit_file, "--period", "9T",
         "--out", data / "tong-hop-9T.xlsx", "--received", "19/09/2023", "--silent")


def _copied(src: Path, dst: Path) -> Path:
    """``src`` copied as ``cp -r`` does (contents, not times), then the ledger made the
    newest file, as a copy in another order leaves it."""
    shutil.copytree(src, dst, copy_function=shutil.copyfile)
    later = (dst / "cchc-ledger.sqlite").stat().st_mtime + 3600
    os.utime(dst / "cchc-ledger.sqlite", (later, later))
    return dst


def _pages(data: Path) -> tuple[str, str]:
    client = _client(data)
    return (html.unescape(client.get("/bao-cao?ky=9T").text),
            html.unescape(client.get("/phan-hoi?ky=9T").text))


def test_a_report_made_by_the_command_line_stays_current_in_a_copied_folder(tmp_path):
    data = tmp_path / "out"
    data.mkdir()
    shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")
    _merged(data, "NV-phong-noi-vu.xlsx")
    _cli("report", data / "tong-hop-9T.xlsx", "--period", "9T", "--out",
         data / "bao-cao-9T.xlsx", "--html", data / "bao-cao-9T.html",
         "--docx", data / "bao-cao-9T.docx")
    _cli("remind", data / "tong-hop-9T.xlsx", "--period", "9T",
         "--out", data / "don-doc-9T.docx", "--csv", data / "don-doc-9T.xlsx")
    # The page and the documents say what they were made from.
    for name in ("bao-cao-9T.html", "bao-cao-9T.docx", "don-doc-9T.docx"):
        assert made_from(data / name), name
    copy = _copied(data, tmp_path / "copy")
    report, letters = _pages(copy)
    assert "Báo cáo (trang HTML)</a>" in report  # the report offered, current
    assert REPORT_STALE not in report and "số liệu cũ" not in report
    assert LETTER_STALE not in letters
    # A later merge still makes them out of date, though they are now the newer files.
    _merged(copy, "TP-phong-tu-phap.xlsx")
    for name in ("bao-cao-9T.html", "bao-cao-9T.docx", "don-doc-9T.docx"):
        os.utime(copy / name)  # written after the ledger, as another copy would leave it
    report, letters = _pages(copy)
    assert REPORT_STALE in report and "Báo cáo (trang HTML) — số liệu cũ" in report
    assert LETTER_STALE in letters


def test_a_copied_data_folder_names_its_own_files(tmp_path):
    """A data folder worked in the app, copied (the original kept) and the app started
    on the copy, a unit's file uploaded there: the pages and the consolidated workbook
    name the files as uploaded; the command line's merge in the copy printed each
    problem of a file uploaded before the copy at its place in the original folder."""
    client, token, data = _worked_year(tmp_path, 12)
    client.close()
    copy = tmp_path / "ban-sao"
    shutil.copytree(data, copy)
    client = _client(copy)
    later = sorted(RETURNS.glob("*.xlsx"))[12:14]
    assert _sent(client, _token(client), [(p.name, p.read_bytes()) for p in later]
                 )["state"] == "done"
    for page in ("/thu-nhan?ky=9T", "/phan-hoi?ky=9T", "/bao-cao?ky=9T"):
        assert str(data) not in html.unescape(client.get(page).text), page
    client.close()
    wb = load_workbook(copy / "tong-hop-9T.xlsx")
    cells = [str(v) for ws in wb for r in ws.iter_rows(values_only=True) for v in r if v]
    assert "X02-xa-hoang-cat.xlsx" in cells and not any(str(tmp_path) in c for c in cells)

    shutil.copyfile(RETURNS / "X20-xa-hoang-phuong.xlsx", copy / "X20.xlsx")
    done = CliRunner().invoke(main, [
        "merge", str(copy / "ke-hoach.xlsx"), str(copy / "X20.xlsx"), "--period", "9T",
        "--out", str(copy / "tong-hop-9T.xlsx"), "--received", "20/09/2023"])
    assert done.exit_code in (0, 1), done.output
    (x02,) = (copy / "nhan-ve-9T").glob("*/X02-xa-hoang-cat.xlsx")
    assert f"[Lỗi] tỷ lệ ngoài 0–100 — {x02}, trang 'Thể chế', ô I5" in done.output
    assert str(data) not in done.output
