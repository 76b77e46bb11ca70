"""A return from a workbook in the Mac (1904) date system, its completion date typed as a
plain number (a cell formatted General or Number, or pasted as values): the number
counts days from 1904-01-01, so the day is the one Excel on that Mac shows, not one
four years earlier."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl.utils.datetime import CALENDAR_MAC_1904, to_excel

from cchc_xl import assignment as A
from cchc_xl.merge import merge_returns
from support.merge import SAMPLES, _rows_of
from support.workbooks import load_workbook


def _as_mac_serials(src, dst) -> dict[str, tuple[date, float]]:
    """``src`` saved in the 1904 date system with every completion date typed as the
    number that system gives it (no date format): {task: (day, number)}."""
    wb = load_workbook(src)
    wb.epoch = CALENDAR_MAC_1904
    typed = {}
    for ws in wb.worksheets:
        header = next((r for r in ws.iter_rows(max_row=12) if any(
            c.value == A.COL_DONE_ON for c in r)), None)
        if header is None:
            continue
        col = next(c.column for c in header if c.value == A.COL_DONE_ON)
        id_col = next(c.column for c in header if c.value == A.COL_ID)
        for row in ws.iter_rows(min_row=header[0].row + 1):
            cell = row[col - 1]
            if isinstance(cell.value, datetime):
                serial = to_excel(cell.value, CALENDAR_MAC_1904)
                typed[row[id_col - 1].value] = (cell.value.date(), serial)
                cell.value, cell.number_format = serial, "General"
    wb.save(dst)
    return typed


def test_a_mac_workbook_s_serial_dates_are_read_as_the_days_it_shows(hh_master, tmp_path):
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    typed = _as_mac_serials(SAMPLES / "X05-xa-hoang-dat.xlsx", sent / "X05.xlsx")
    assert typed  # the sample has completion dates to type

    result = merge_returns(hh_master, [sent], "9T", tmp_path / "tong-hop.xlsx")

    rows = _rows_of(result, "X05")
    for did, (day, _serial) in typed.items():
        assert rows[did]["completed_on"] == day.isoformat(), did
    said = [p.message for f in result.files for p in f.problems]
    day, serial = next(iter(typed.values()))
    assert any(f"số {serial:g} được hiểu là ngày {day:%d/%m/%Y}" in m for m in said)
    assert not any("sớm hơn ngày" in m for m in said)
