"""The period report's HTML page: the workbook's figures, self-contained and escaped,
and as headless Chromium lays it out and prints it (A4 landscape).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc_xl import ledger as L
from cchc_xl.report import write_report
from support.report import (
    AREA_SHEET,
    NOTES_SHEET,
    PENDING_SHEET,
    UNIT_SHEET,
    build_ledger,
    html_tables,
    tiny_master,
    xlsx_texts,
)
from support.tools import CHROMIUM, needs_chromium

# --- the HTML page -------------------------------------------------------------------------

def same_figures(html_rows: list[list[str]], xlsx_rows: list[list[str]]) -> None:
    """Each page row shows the workbook row's non-empty cells, in order."""
    body = [r for r in html_rows if r]
    wanted = [[v for v in r if v] for r in xlsx_rows]
    assert [[v for v in r if v] for r in body][:len(wanted)] == wanted


@pytest.mark.slow
def test_html_shows_the_workbook_figures(report_6t):
    xlsx, page = report_6t.paths
    tables = html_tables(page.read_text(encoding="utf-8"))
    assert set(tables) >= {"linh-vuc", "don-vi", "chua-hoan-thanh", "ghi-chu", "phu-luc-1",
                           "phu-luc-2"}
    for key, sheet in (("linh-vuc", AREA_SHEET), ("don-vi", UNIT_SHEET),
                       ("chua-hoan-thanh", PENDING_SHEET), ("ghi-chu", NOTES_SHEET),
                       ("phu-luc-1", "Thể chế"), ("phu-luc-2", "Thủ tục")):
        rows = xlsx_texts(xlsx, sheet)
        if key in ("linh-vuc", "don-vi"):
            # The lines under the table (Biểu 1: the sentence and what its columns
            # include; Biểu 2: what "Quá hạn" counts) are paragraphs.
            rows = rows[:-2] if key == "linh-vuc" else rows[:-1]
        same_figures(tables[key], rows)
    # Biểu 2's "Quá hạn" counts late completions too: said under it (as in Word).
    assert ("Cột “Quá hạn” của kết quả nhiệm vụ chủ trì gồm nhiệm vụ đã hoàn thành nhưng sau "
            "thời hạn") in html.unescape(page.read_text(encoding="utf-8"))


def test_html_is_self_contained_and_escaped(tmp_path):
    master = tiny_master()
    master.areas[0].tasks[0].content = "<script>alert(1)</script> & \"trích dẫn\""
    db = build_ledger(tmp_path / "l" / L.LEDGER_NAME, master)
    page = write_report(db, "6T", tmp_path / "r.xlsx", html=tmp_path / "r.html").paths[1]
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;trích dẫn&#34;" in text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "<link" not in text and "@import" not in text
    assert "@page { size: A4 landscape" in text
    # By area, then by unit: the offices' chart and the communes' (ranked apart)
    assert text.count("<svg") == 3 and "<thead>" in text


def test_a_plan_imported_in_capitals_names_the_report_files_in_running_text(tmp_path):
    """A plan imported from Word keeps its heading's capitals: the report workbook's title
    and the page's <title> read "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023: 6 tháng đầu năm
    2023" where every other output names the plan as running text (a QA pass)."""
    master = tiny_master()
    master.plan = replace(master.plan, title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023",
                          authority="ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA")
    db = build_ledger(tmp_path / "l" / L.LEDGER_NAME, master)
    xlsx, page = write_report(db, "6T", tmp_path / "r.xlsx", html=tmp_path / "r.html").paths
    title = "Kế hoạch cải cách hành chính năm 2023: 6 tháng đầu năm 2023"
    assert load_workbook(xlsx).properties.title == title
    with zipfile.ZipFile(xlsx) as z:
        company = re.search(r"<Company>(.*)</Company>", z.read("docProps/app.xml").decode())
    assert company[1] == "Ủy ban nhân dân huyện Hoằng Hóa"
    text = page.read_text(encoding="utf-8")
    assert re.search(r"<title>(.*)</title>", text)[1] == title
    # The headings over the tables stay in capitals, as a heading is written.
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023" in text


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'chromium-profile'}",
         "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=120)


@needs_chromium
def test_html_in_headless_chromium(report_6t, tmp_path):
    """The page loads without console errors, shows the workbook's figures once laid out
    by the browser, and prints on A4 landscape pages."""
    xlsx, page = report_6t.paths
    pdf = tmp_path / "page.pdf"
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    console = [line for line in dom.stderr.splitlines()
               if ":CONSOLE" in line or "Uncaught" in line or "net::ERR" in line]
    assert not console, console
    tables = html_tables(dom.stdout)
    same_figures(tables["linh-vuc"], xlsx_texts(xlsx, AREA_SHEET)[:-2])
    same_figures(tables["don-vi"], xlsx_texts(xlsx, UNIT_SHEET)[:-1])
    printed = _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        page.as_uri())
    assert printed.returncode == 0 and pdf.exists(), printed.stderr
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        size = next(line for line in info.splitlines() if line.startswith("Page size"))
        width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split(" x "))
        assert (round(width), round(height)) == (842, 595)
