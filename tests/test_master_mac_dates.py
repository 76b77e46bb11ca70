"""A master workbook saved in the Mac (1904) date system, its deadlines and period dates
typed as plain numbers (a cell formatted General, or pasted as values): the numbers
count days from 1904-01-01, so the plan reads the days Excel on that Mac shows, the
same as the Windows workbook's, not days four years and one earlier."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from zipfile import ZipFile

from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, to_excel

from cchc_xl.master import read_master
from support.paths import HH_MASTER
from support.workbooks import load_workbook

DEADLINES = {"G6": date(2023, 11, 5), "G7": date(2023, 11, 15)}  # on sheet "Thể chế"
PERIOD_ROW = {"C2": date(2022, 12, 15), "D2": date(2023, 3, 14), "E2": date(2023, 3, 20)}


def _typed_as_numbers(path: Path, epoch) -> Path:
    """The sample master with some dates typed as the numbers ``epoch`` gives them."""
    shutil.copyfile(HH_MASTER, path)
    wb = load_workbook(path)
    wb.epoch = epoch
    for sheet, cells in (("Thể chế", DEADLINES), ("Kỳ báo cáo", PERIOD_ROW)):
        for ref, day in cells.items():
            wb[sheet][ref].value = to_excel(day, epoch)
            wb[sheet][ref].number_format = "General"
    wb.save(path)
    return path


def _dates(path: Path):
    master, _ = read_master(path)
    tasks = master.areas[0].tasks
    first = master.periods[0]
    return ([t.deliverables[0].deadline.due for t in tasks[:2]],
            (first.start, first.cutoff, first.due))


def test_a_mac_master_s_number_dates_are_the_days_it_shows(tmp_path: Path) -> None:
    windows = _dates(_typed_as_numbers(tmp_path / "windows.xlsx", WINDOWS_EPOCH))
    mac_path = _typed_as_numbers(tmp_path / "mac.xlsx", CALENDAR_MAC_1904)
    assert 'date1904="1"' in _workbook_xml(mac_path)  # really saved as a Mac workbook

    assert _dates(mac_path) == windows == (list(DEADLINES.values()),
                                           tuple(PERIOD_ROW.values()))


def _workbook_xml(path: Path) -> str:
    with ZipFile(path) as zf:
        return zf.read("xl/workbook.xml").decode()
