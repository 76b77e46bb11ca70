"""Deadlines tied to the lunar holidays ("Trước Tết Nguyên đán Bính Ngọ 2026"): read as
the solar day the holiday falls on, by Vietnam's lunar calendar (docs/deadlines.md)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest

from cchc_xl.deadlines import BEFORE_STRICT, DATE, EVENT, UNKNOWN, parse_deadline
from cchc_xl.deadlines.lunar import solar_day, year_name
from cchc_xl.plan_import import import_plan
from cchc_xl.vocab import IN_PROGRESS, LATE, ON_EVENT, WITHIN
from plan_documents import Cell, Doc, Table, write_docx
from support.deadlines import judge
from support.paths import ROOT

D = date

# Tết as the Government announces its days off each year. 2030 is Vietnam's, a day before
# China's (the new moon falls before midnight at UTC+7, after it at UTC+8).
TET = [D(2020, 1, 25), D(2021, 2, 12), D(2022, 2, 1), D(2023, 1, 22), D(2024, 2, 10),
       D(2025, 1, 29), D(2026, 2, 17), D(2027, 2, 6), D(2028, 1, 26), D(2029, 2, 13),
       D(2030, 2, 2)]


@pytest.mark.parametrize("tet", TET, ids=[str(d.year) for d in TET])
def test_the_lunar_calendar_is_vietnam_s(tet: date) -> None:
    assert solar_day(1, 1, tet.year) == tet


def test_gio_to_hung_vuong_and_the_year_s_names() -> None:
    assert (solar_day(10, 3, 2025), solar_day(10, 3, 2026)) == (D(2025, 4, 7), D(2026, 4, 26))
    assert (year_name(2026), year_name(2027), year_name(2023)) == (
        "Bính Ngọ", "Đinh Mùi", "Quý Mão")
    assert solar_day(30, 12, 2026) is None  # the twelfth month of 2026 has 29 days
    assert solar_day(1, 1, 2150) is None  # past the calendar's years


def test_only_cchc_xl_lunar_imports_the_calendar_library() -> None:
    package = ROOT / "cchc_xl"
    importers = [p.relative_to(package).as_posix() for p in sorted(package.rglob("*.py"))
                 if "lunar_vn" in p.read_text(encoding="utf-8")]
    assert importers == ["deadlines/lunar.py"]


@pytest.mark.parametrize("text, due", [
    ("Trước Tết Nguyên đán Bính Ngọ 2026", D(2026, 2, 17)),
    ("Trước Tết Nguyên đán 2026", D(2026, 2, 17)),
    ("trước tết nguyên đán 2026", D(2026, 2, 17)),
    ("TRƯỚC TẾT NGUYÊN ĐÁN 2026", D(2026, 2, 17)),
    (unicodedata.normalize("NFD", "Trước Tết Nguyên đán Bính Ngọ 2026"), D(2026, 2, 17)),
    ("Trước Tết Nguyên đán năm 2026", D(2026, 2, 17)),
    ("Trước Tết Nguyên đán 2026 (Bính Ngọ)", D(2026, 2, 17)),
    ("Trước Tết Nguyên đán 2027", D(2027, 2, 6)),
    ("Trước Tết Nguyên đán Quý Mão 2023", D(2023, 1, 22)),
    ("Trước dịp Tết Nguyên đán 2026", D(2026, 2, 17)),
    # no year: the plan's; the year's name alone: the year of that name nearest the plan's
    ("Trước Tết", D(2026, 2, 17)),
    ("Trước Tết Bính Ngọ", D(2026, 2, 17)),
    ("Trước Tết Nguyên đán Đinh Mùi", D(2027, 2, 6)),
    ("Trước Tết năm sau", D(2027, 2, 6)),
    ("Trước Giỗ Tổ Hùng Vương năm 2026", D(2026, 4, 26)),
    ("Trước ngày Giỗ Tổ Hùng Vương", D(2026, 4, 26)),
    ("Trước Rằm tháng Giêng", D(2026, 3, 3)),
    ("Trước Tết Trung thu 2026", D(2026, 9, 25)),
])
def test_a_lunar_holiday_is_the_day_it_falls_on(text: str, due: date) -> None:
    """They were 'unknown', no due date: the work never late."""
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.text) == (DATE, due, unicodedata.normalize("NFC", text))
    # "Trước" as "Trước 15/11/2026" is read: by that day, or the day before it
    (strict,) = parse_deadline(text, 2026, before=BEFORE_STRICT).parts
    assert strict.due == due - timedelta(days=1)


def test_overdue_counting_works_for_a_task_due_before_tet() -> None:
    text = "Trước Tết Nguyên đán Bính Ngọ 2026"
    assert judge(text, IN_PROGRESS, None, D(2026, 2, 10)) == WITHIN
    assert judge(text, IN_PROGRESS, None, D(2026, 6, 14)) == LATE


def test_a_lunar_holiday_in_a_list_and_a_label() -> None:
    parts = parse_deadline("- Kế hoạch: trước Tết Nguyên đán 2026; - Báo cáo: tháng 6/2026",
                           2026).parts
    assert [(p.label, p.due) for p in parts] == [("Kế hoạch", D(2026, 2, 17)),
                                                 ("Báo cáo", D(2026, 6, 30))]
    parts = parse_deadline("Trước Tết Nguyên đán 2026 và quý IV/2026", 2026).parts
    assert [p.due for p in parts] == [D(2026, 2, 17), D(2026, 12, 31)]


@pytest.mark.parametrize("text", ["Dịp Tết Nguyên đán 2026", "Trong dịp Tết Nguyên đán 2026",
                                  "Trong dịp lễ, Tết Nguyên đán Bính Ngọ", "dịp Giỗ Tổ"])
def test_the_holiday_s_time_is_an_event(text: str) -> None:
    """Its days off are set by the Government each year: no day is invented (nor the
    year's end, 31/12/2026, read from the year written)."""
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == (EVENT, None, ON_EVENT)


@pytest.mark.parametrize("text", [
    "Trước Tết Nguyên đán Bính Ngọ 2027",  # 2027 is Đinh Mùi: which year is meant?
    "Trước Tết Nguyên đán 2026 (Đinh Mùi)",
    "Trước Tết Dương lịch 2027",  # the solar new year, no lunar holiday
    "Trước Tết Nguyên đán 2150",  # past the calendar's years
])
def test_a_holiday_whose_year_cannot_be_told_has_no_date(text: str) -> None:
    """Not the year written (31/12/2027) nor the name's year: a guess either way."""
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due) == (UNKNOWN, None)


def test_without_a_year_and_without_the_plan_s_no_date_is_read() -> None:
    (part,) = parse_deadline("Trước Tết Nguyên đán").parts
    assert (part.kind, part.due) == (UNKNOWN, None)


def test_an_imported_plan_due_before_tet_is_dated_and_a_wrong_year_name_is_told(tmp_path):
    header = ["TT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
    rows = [header,
            ["1", "Chuẩn bị dịch vụ công", "Kế hoạch", "Sở Nội vụ", "",
             "Trước Tết Nguyên đán Bính Ngọ 2026"],
            ["2", "Giỗ Tổ", "Báo cáo", "Sở Nội vụ", "", "Trước Giỗ Tổ Hùng Vương năm 2026"],
            ["3", "Tết sau", "Báo cáo", "Sở Nội vụ", "", "Trước Tết Nguyên đán Bính Ngọ 2027"]]
    cells = [Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    doc = Doc(["Kế hoạch cải cách hành chính năm 2026", Table(len(header), cells, len(rows))])
    result = import_plan(write_docx(doc, tmp_path / "kh.docx"), tmp_path / "m.xlsx")
    products = result.master.deliverables()
    assert [d.deadline.due for d in products] == [D(2026, 2, 17), D(2026, 4, 26), None]
    # no "deadline-undated" (nor "-unparsed") for the two read as a day: the third's alone
    said = [(f.code, f.task) for f in result.findings
            if f.code in ("deadline-undated", "deadline-unparsed")]
    assert said == [("deadline-unparsed", products[2].id)]
    (told,) = [f.message for f in result.findings if f.code == "deadline-unparsed"]
    assert told.startswith("thời hạn 'Trước Tết Nguyên đán Bính Ngọ 2027': năm 2027 là năm "
                           "Đinh Mùi, không phải năm Bính Ngọ, nên chưa biết hạn vào năm nào")
