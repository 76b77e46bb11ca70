"""A task due before a lunar holiday ("Trước Tết Nguyên đán Quý Mão 2023") counted
"Quá hạn" in Biểu 3 shows the holiday's solar day beside its words, in the workbook,
the page and the Word report alike, for the office to check the day it was judged by
(docs/deadlines.md, "Lunar holidays"): the plan's words alone do not say it."""

from __future__ import annotations

from datetime import datetime

import pytest
from docx import Document

from cchc_xl.deadlines.holidays import holidays_shown
from cchc_xl.model import Task, Unit
from cchc_xl.report import write_report
from cchc_xl.vocab import DEPARTMENT
from support import report as small_plan
from support.report import PENDING_SHEET, build_ledger, html_tables, tiny_master, xlsx_texts

VH = "Phòng Văn hóa và Thông tin"
WRITTEN = "Trước Tết Nguyên đán Quý Mão 2023"
SHOWN = "Trước Tết Nguyên đán Quý Mão 2023 (22/01/2023)"


@pytest.mark.parametrize(("text", "shown"), [
    ("Trước Tết Nguyên đán Bính Ngọ 2026", "Trước Tết Nguyên đán Bính Ngọ 2026 (17/02/2026)"),
    ("Trước Tết Nguyên đán và Quý III/2026",
     "Trước Tết Nguyên đán (17/02/2026) và Quý III/2026"),
    ("Trước Giỗ Tổ Hùng Vương năm 2026", "Trước Giỗ Tổ Hùng Vương năm 2026 (26/04/2026)"),
    ("Tết Nguyên đán 2026 (Bính Ngọ)", "Tết Nguyên đán 2026 (Bính Ngọ, 17/02/2026)"),
    ("Dịp Tết", "Dịp Tết"),  # the holiday's time: an event, no day
    ("Tết Nguyên đán Bính Ngọ 2027", "Tết Nguyên đán Bính Ngọ 2027"),  # which year?
    ("Quý IV/2026", "Quý IV/2026"),
])
def test_a_holiday_s_day_is_shown_beside_its_name(text, shown):
    assert holidays_shown(text, 2026) == shown


def test_a_task_overdue_since_tet_shows_tet_s_day_in_the_pending_table(tmp_path, monkeypatch):
    master = tiny_master()
    master.units.insert(2, Unit("VH", VH, DEPARTMENT))
    master.areas[0].tasks.append(Task("TC-05", "5", "Tuyên truyền cải cách hành chính", [
        small_plan._d("TC-05", "Báo cáo tuyên truyền", WRITTEN, ["VH"], VH)]))
    monkeypatch.setitem(small_plan.RETURNS, "VH", {"TC-05": small_plan.waiting()})
    for saved in small_plan.SAVED.values():
        monkeypatch.setitem(saved, "VH", datetime(2023, 6, 12, 8))
    db = build_ledger(tmp_path / "so-cai.sqlite", master)
    out = tmp_path / "out"
    out.mkdir()
    write_report(db, "6T", out / "bao-cao.xlsx", html=out / "bao-cao.html",
                 docx=out / "bao-cao.docx")

    def row_of(rows, named="TC-05"):
        (row,) = [r for r in rows if named in r]
        return row

    sheet = row_of(xlsx_texts(out / "bao-cao.xlsx", PENDING_SHEET))
    page = row_of(html_tables((out / "bao-cao.html").read_text(encoding="utf-8"))
                  ["chua-hoan-thanh"])
    word = row_of([[c.text for c in r.cells] for t in Document(out / "bao-cao.docx").tables
                   for r in t.rows], "5 (Phụ lục số 01)")  # its number in the plan
    for row in (sheet, page, word):
        assert SHOWN in row and "Quá hạn" in row, row
