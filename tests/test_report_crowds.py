"""The report of a plan whose tasks go to a crowd: a province's communes (Thanh Hóa has
166), as the specialist sees it in Excel and on paper.

The small plan of test_report.py gets 60 more communes in its group "UBND các xã"
(TTHC-01); each reports the task done with its evidence. A row of Excel is at most
409 points high, so a cell listing every commune's evidence shows only its first
lines; a chart of every unit on one page shows only some of their names.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import test_report
from test_report import build_ledger, done, tiny_master

from cchc_xl import ledger as L
from cchc_xl import styles
from cchc_xl.model import Unit
from cchc_xl.report import write_report
from cchc_xl.report.tables import UNIT_CHART_TITLE
from cchc_xl.report.xlsx import PAGE_BARS
from cchc_xl.vocab import COMMUNE
from support.tools import convert_all, needs_libreoffice, needs_poppler
from support.workbooks import load_workbook

EXTRA = 60
NAMES = [f"Xã Thử Nghiệm Số {i}" for i in range(3, 3 + EXTRA)]


@pytest.fixture(scope="module")
def crowd_report(tmp_path_factory):
    master = tiny_master()
    codes = [f"X{i}" for i in range(3, 3 + EXTRA)]
    master.units += [Unit(c, n, COMMUNE, groups=["XA"]) for c, n in zip(codes, NAMES,
                                                                          strict=True)]
    for d in master.deliverables():
        if d.id == "TTHC-01":
            d.lead += codes
    returns = {**test_report.RETURNS, **{
        c: {"TTHC-01": done(date(2023, 5, 10), f"Báo cáo số {i}/BC-UBND ngày 10/5/2023 về "
                                               "công khai thủ tục hành chính tại xã")}
        for i, c in enumerate(codes, 3)}}
    saved = {period: {**units, **{c: datetime(2023, 6, 10, 8) for c in codes}}
             for period, units in test_report.SAVED.items()}
    folder = tmp_path_factory.mktemp("crowd")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(test_report, "RETURNS", returns)
        mp.setattr(test_report, "SAVED", saved)
        db = build_ledger(folder / L.LEDGER_NAME, master)
    return write_report(db, "6T", folder / "bao-cao.xlsx")


def test_every_appendix_cell_fits_its_row(crowd_report):
    """What a cell holds can be seen: it wraps to no more lines than a row can show."""
    wb = load_workbook(crowd_report.paths[0])
    ws = wb["Thủ tục"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "TT")
    widths = {c: ws.column_dimensions[ws.cell(header, c).column_letter].width
              for c in range(1, ws.max_column + 1)}
    for row in ws.iter_rows(min_row=header + 1):
        for cell in row:
            if isinstance(cell.value, str):
                needed = styles.row_height(styles.text_lines(cell.value, widths[cell.column]))
                assert needed <= styles.MAX_ROW_HEIGHT, (cell.coordinate, cell.value[:200])
    row = next(r for r in range(header + 1, ws.max_row + 1)
               if ws.cell(r, 3).value == "Bảng công khai")
    result, evidence = ws.cell(row, 7).value, ws.cell(row, 8).value
    assert result.splitlines()[1:] == [
        "Chủ trì (62 đơn vị): 61 đã hoàn thành, 1 chưa báo cáo.",
        "Chưa hoàn thành: Xã Hai (từng đơn vị: trang 'Tất cả dòng' của tệp tổng hợp)."]
    assert evidence == ("61/62 đơn vị chủ trì ghi tài liệu kiểm chứng (từng đơn vị: trang "
                        "'Tất cả dòng' của tệp tổng hợp).")


def _unit_charts(path: Path) -> list[tuple[str, int, int]]:
    """The unit charts of the workbook: (title, first row, last row of their figures)."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)):
            xml = z.read(name).decode()
            head = re.search(r"<c:title>.*?</c:title>", xml, re.S).group(0)
            title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", head))
            if title.startswith(UNIT_CHART_TITLE):
                first, last = re.search(r"<c:cat>.*?\$A\$(\d+):\$A\$(\d+)", xml, re.S).groups()
                out.append((title, int(first), int(last)))
    return sorted(out, key=lambda c: c[1])


def test_the_unit_chart_is_printed_over_pages_of_readable_bars(crowd_report):
    charts = _unit_charts(crowd_report.paths[0])
    bars = sum(u.led > 0 for u in crowd_report.summary.units)
    assert bars == EXTRA + 4
    assert [c[0] for c in charts] == [f"{UNIT_CHART_TITLE} (1/3: thứ 1 đến 22)",
                                      f"{UNIT_CHART_TITLE} (2/3: thứ 23 đến 44)",
                                      f"{UNIT_CHART_TITLE} (3/3: thứ 45 đến 64)"]
    assert all(last - first + 1 <= PAGE_BARS for _, first, last in charts)
    # One after the other, every bar once.
    assert [c[1] for c in charts[1:]] == [c[2] + 1 for c in charts[:-1]]
    assert charts[-1][2] - charts[0][1] + 1 == bars


@needs_libreoffice
@needs_poppler
def test_every_unit_is_named_on_the_printed_charts(crowd_report, tmp_path):
    pdf, = convert_all([crowd_report.paths[0]], tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [p for p in text.split("\f") if f"{UNIT_CHART_TITLE} (" in p]
    assert len(pages) == 3
    printed = "\n".join(pages)
    for name in [u.name for u in crowd_report.summary.units if u.led]:
        assert re.search(rf"{re.escape(name)}\s", printed), name
