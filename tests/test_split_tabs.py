"""A unit's tabs say which reform area each holds.

`cchc-xl init` writes one blank area sheet, "Lĩnh vực 1", that the office fills and
copies per area: Excel names the copies "Lĩnh vực 1 (2)", "Lĩnh vực 1 (3)". The unit's
workbook named its tabs after them; now an area whose sheet name only numbers it is
named after its title. A name the office gave its sheet is kept.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from cchc_xl.master import read_master
from cchc_xl.master.write import init_master
from cchc_xl.split import split_master

_AREAS = [  # (sheet name in the master, code, title)
    ("Lĩnh vực 1", "TCBM", "Cải cách tổ chức bộ máy"),
    ("Lĩnh vực 1 (2)", "TTHC", "Cải cách thủ tục hành chính"),
    ("Chính quyền số", "CQS", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
]


def _unit_sheets(tmp_path: Path) -> tuple[list[str], list]:
    path = init_master(tmp_path / "ke-hoach.xlsx", 2026, "tinh", province="Thanh Hóa")
    wb = openpyxl.load_workbook(path)
    blank = wb["Lĩnh vực 1"]
    for n, (sheet, code, title) in enumerate(_AREAS):
        ws = blank if n == 0 else wb.copy_worksheet(blank)
        ws.title = sheet
        ws["B1"], ws["B2"] = code, title
        for c, value in enumerate((f"{code}-01", "1", "Triển khai nhiệm vụ", "Báo cáo",
                                   "Sở Nội vụ", None, "Quý II/2026"), start=1):
            ws.cell(6, c, value)
    wb.save(path)
    master, _ = read_master(path)
    split_master(master, "NAM", tmp_path / "giao", issued_at=datetime(2026, 12, 5, 9))
    (book,) = (tmp_path / "giao").glob("NV-*.xlsx")
    unit = openpyxl.load_workbook(book)
    guide = [r for r in unit["Hướng dẫn"].iter_rows(values_only=True)]
    return unit.sheetnames, guide


def test_numbered_sheets_named_after_their_area(tmp_path):
    names, guide = _unit_sheets(tmp_path)
    assert names == ["Hướng dẫn", "Cải cách tổ chức bộ máy", "Cải cách thủ tục hành chính",
                     "Chính quyền số", "_cchc"]
    # The guide lists each tab by the name it has.
    listed = {r[0] for r in guide if r[1] and "dòng (" in str(r[1])}
    assert listed == set(names[1:4])
