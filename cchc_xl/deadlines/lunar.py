"""Vietnam's lunar calendar, for the deadlines tied to the lunar holidays ("Trước Tết
Nguyên đán 2026": :mod:`cchc_xl.deadlines.holidays`). The one module that imports the
calendar library (``lunar-vn``: Hồ Ngọc Đức's algorithm at UTC+7, Vietnam's calendar,
not China's at UTC+8, whose Tết is a day later in 2030 and 2053); the rest of the code
asks here."""

from __future__ import annotations

from datetime import date

from lunar_vn import convert_lunar_to_solar, solar_to_lunar
from lunar_vn.can_chi import CAN, CHI, get_year_can_chi

# The heavenly stems and earthly branches a year is named with ("Bính Ngọ" is 2026).
STEMS: tuple[str, ...] = tuple(CAN)
BRANCHES: tuple[str, ...] = tuple(CHI)


def solar_day(day: int, month: int, year: int) -> date | None:
    """The solar day of lunar ``day``/``month`` (not a leap month) of lunar year ``year``:
    ``solar_day(1, 1, 2026)`` is Tết, 17/02/2026. None out of the calendar's years (1900 to
    2100) or for a day that month does not have."""
    try:
        found = convert_lunar_to_solar(day, month, year)
        back = solar_to_lunar(found)
    except ValueError:
        return None
    # The library counts a day past the month's end into the next month: none such.
    return found if (back.day, back.month, back.year, back.leap) == (day, month, year, False) \
        else None


def year_name(year: int) -> str:
    """The year's name in the sexagenary cycle: ``year_name(2026)`` is "Bính Ngọ"."""
    return get_year_can_chi(year)
