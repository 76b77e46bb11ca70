"""A 2026 plan whose issuer is a body gone on 1 July 2025 ("Ủy ban nhân dân huyện Hoằng
Hóa": last year's plan copied, its letterhead kept): `check` (and the import, which
checks the table it writes) warns on the plan sheet's "Cơ quan ban hành" cell, since the
report and the letters are headed by that name and sent to its party committee."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.cli import main
from support.paths import HH_MASTER

# The check's line: its label (vocab's, of the code "plan-authority-gone"), then where.
LABEL = "cơ quan ban hành không còn từ 01/7/2025"


def _checked(tmp_path, authority: str, year: int) -> tuple[int, str]:
    wb = load_workbook(HH_MASTER)
    ws = wb["Kế hoạch"]
    assert ws["A3"].value == "Cơ quan ban hành" and ws["A7"].value == "Năm kế hoạch"
    ws["B3"], ws["B7"] = authority, year
    ws["B4"] = f"Kế hoạch cải cách hành chính năm {year}"
    path = tmp_path / "ke-hoach.xlsx"
    wb.save(path)
    said = CliRunner().invoke(main, ["check", str(path)])
    return said.exit_code, said.output


@pytest.mark.parametrize(("authority", "gone"), [
    ("Ủy ban nhân dân huyện Hoằng Hóa", "không còn cấp huyện"),
    ("ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA", "không còn cấp huyện"),
    ("UBND thị xã Nghi Sơn", "không còn cấp huyện"),
    ("Ủy ban nhân dân thị trấn Bút Sơn", "không còn thị trấn"),
    ("Ủy ban nhân dân thành phố Thanh Hóa", "không còn thành phố thuộc tỉnh"),
])
def test_a_2026_plan_issued_by_a_body_gone_in_2025_is_warned_of(tmp_path, authority, gone):
    code, said = _checked(tmp_path, authority, 2026)
    assert code == 0, said  # a warning: the table is usable
    line = next(x for x in said.splitlines() if LABEL in x)
    assert line.startswith(f"[Cảnh báo] {LABEL} — ") and "trang 'Kế hoạch', ô B3" in line, line
    assert f"cơ quan ban hành '{authority}': kế hoạch năm 2026 nhưng từ ngày 01/7/2025 " \
           f"{gone}" in line, line
    assert "ghi cơ quan ban hành kế hoạch năm nay" in line


@pytest.mark.parametrize(("authority", "year"), [
    ("Ủy ban nhân dân huyện Hoằng Hóa", 2023),  # the seed plan, as it was issued
    ("Ủy ban nhân dân huyện Hoằng Hóa", 2025),
    ("Ủy ban nhân dân xã Hoằng Hóa", 2026),
    ("Ủy ban nhân dân phường Hạc Thành", 2026),
    ("Ủy ban nhân dân tỉnh Thanh Hóa", 2026),
    ("Ủy ban nhân dân thành phố Hà Nội", 2026),  # a centrally-run city: a province
    ("Sở Nội vụ tỉnh Thanh Hóa", 2026),
])
def test_an_issuer_of_its_year_is_not_warned_of(tmp_path, authority, year):
    code, said = _checked(tmp_path, authority, year)
    assert code == 0, said
    assert LABEL not in said and "không còn từ ngày 01/7/2025" not in said
    assert "kế hoạch năm nay" not in said
