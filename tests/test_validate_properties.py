"""Properties of reading status, percent and date cells (hypothesis): every way of
writing a valid value reads back as that value, and no cell content, however odd,
makes validation fail with an exception or invent a value.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cchc_xl import assignment as A
from cchc_xl.intake import Cell, ReturnedRow
from cchc_xl.intake.cells import read_completion_date, read_percent, read_status
from cchc_xl.intake.validate import RowContext, check_row
from cchc_xl.text import fold_ascii
from cchc_xl.vocab import IN_PROGRESS, LEAD, STATUSES

FIRST = date(2023, 1, 1)
CUTOFF = date(2023, 9, 14)
SETTINGS = settings(max_examples=100, deadline=None)

# Whatever a cell may hold after reading: text (any Unicode), numbers, dates, booleans.
cell_values = st.one_of(
    st.none(), st.text(max_size=60), st.integers(-10**9, 10**9),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31)),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.sampled_from(["Đã hoàn thành", "80%", "15/08/2023", "45153", "=TODAY()", " ", "\n"]),
)
number_formats = st.sampled_from(["General", "0", "0%", "0.0%", "@", "dd/mm/yyyy", ""])


# --- status ------------------------------------------------------------------------------

def _respell(text: str, how: tuple[bool, bool, bool, bool]) -> str:
    upper, nfd, ascii_only, spaced = how
    if ascii_only:
        text = fold_ascii(text)
    if upper:
        text = text.upper()
    if nfd:
        text = unicodedata.normalize("NFD", text)
    if spaced:
        text = "  " + text.replace(" ", "   ") + " "
    return text


@SETTINGS
@given(st.sampled_from(STATUSES), st.tuples(*[st.booleans()] * 4))
def test_any_spelling_of_a_status_reads_as_it(status, how):
    typed = _respell(status, how)
    assert read_status(typed) == (status, typed != status)


@SETTINGS
@given(st.text(max_size=40))
def test_status_is_one_of_the_three_or_none(text):
    status, normalized = read_status(text)
    assert status in (*STATUSES, None)
    assert normalized == (status is not None and text != status)


# --- percent -----------------------------------------------------------------------------

@SETTINGS
@given(st.integers(0, 100), st.integers(0, 99),
       st.sampled_from(["{}", "{}%", "{} %", " {} % ", "{}%\u00a0"]), st.sampled_from([".", ","]))
def test_percent_typed_as_text_reads_as_the_number(whole, hundredths, form, mark):
    text = f"{whole}" if whole == 100 or not hundredths else f"{whole}{mark}{hundredths:02d}"
    assert read_percent(form.format(text)) == float(text.replace(",", "."))


@SETTINGS
@given(st.integers(0, 10000))
def test_fraction_in_a_percent_cell_is_a_percentage(basis_points):
    assert read_percent(basis_points / 10000, "0.00%") == round(basis_points / 100, 4)
    assert read_percent(basis_points, "0") == basis_points


@SETTINGS
@given(cell_values, number_formats)
def test_percent_of_anything_is_a_number_or_none(value, number_format):
    got = read_percent(value, number_format)
    assert got is None or isinstance(got, float)
    if isinstance(value, str | bool) or value is None:
        assert got is None or got >= 0  # text never reads as a negative number


# --- completion date -----------------------------------------------------------------------

dates_in_period = st.dates(FIRST, CUTOFF)


def _read(value, number_format="dd/mm/yyyy"):
    reading = read_completion_date(Cell(value, "J5", number_format), first_day=FIRST,
                                   cutoff=CUTOFF)
    return reading.value, {code for severity, code, _ in reading.problems
                           if severity == "error"}


@SETTINGS
@given(dates_in_period)
def test_a_date_in_the_period_reads_as_itself(day):
    for value in (datetime(day.year, day.month, day.day), day.isoformat()):
        assert _read(value) == (day, set())
    if day.day > 12 or day.day == day.month:  # one reading only
        assert _read(day.strftime("%d/%m/%Y"), "@") == (day, set())
        assert _read(day.strftime("%d.%m.%Y"), "@") == (day, set())
    serial = (day - date(1899, 12, 30)).days
    assert _read(serial, "General") == (day, set())


@SETTINGS
@given(dates_in_period)
def test_a_day_month_date_reads_one_of_its_two_readings(day):
    value, _ = _read(day.strftime("%d/%m/%Y"), "@")
    other = date(day.year, day.day, day.month) if day.day <= 12 else day
    assert value in (day, other)


@SETTINGS
@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)).filter(lambda d: d.day > 12))
def test_a_date_written_month_first_is_read_as_no_day_and_the_day_meant_asked(day):
    """Month first ("12/25/2026"): no month 25, so not a date; the message asks whether
    the day meant is the one written the other way round, whatever the date."""
    text = f"{day.month}/{day.day}/{day.year}"
    reading = read_completion_date(Cell(text, "J5", "@"), first_day=FIRST, cutoff=CUTOFF)
    (problem,) = reading.problems
    assert reading.value is None and problem[:2] == ("error", "date-invalid")
    assert problem[2].endswith(f"(có phải '{day:%d/%m/%Y}'?)")


@SETTINGS
@given(st.dates(CUTOFF + timedelta(days=1), date(2030, 12, 31)))
def test_a_date_after_the_cutoff_is_an_error(day):
    if day.day <= 12 and day.day != day.month:
        return  # may be a swapped reading of a date in the period (its own test)
    value, errors = _read(datetime(day.year, day.month, day.day))
    assert value == day and errors == {"date-after-cutoff"}


@SETTINGS
@given(cell_values, number_formats)
def test_a_date_cell_of_anything_is_a_date_or_says_why_not(value, number_format):
    got, errors = _read(value, number_format)
    blank = value is None or (isinstance(value, str) and not value.strip())
    if blank:
        assert (got, errors) == (None, set())
    else:
        assert isinstance(got, date) or errors


# --- a whole row -------------------------------------------------------------------------------

@SETTINGS
@given(st.tuples(*[st.tuples(cell_values, number_formats, st.booleans())] * 5))
def test_any_row_is_checked_without_failing(cells):
    row = ReturnedRow("Thể chế", 5, {A.COL_ID: Cell("TC-01", "A5")} | {
        column: Cell(value, f"{letter}5", number_format,
                     formula=formula and isinstance(value, str))
        for column, letter, (value, number_format, formula) in zip(
            A.INPUT_COLUMNS, "HIJKL", cells, strict=True)})
    ctx = RowContext(file="x.xlsx", unit="X01", first_day=FIRST, cutoff=CUTOFF)
    report = check_row(row, LEAD, ctx)
    assert report.status in (*STATUSES, None)
    assert report.percent is None or isinstance(report.percent, float)
    assert report.completed_on is None or isinstance(report.completed_on, date)
    for finding in report.findings:
        assert finding.code and finding.message and finding.cell.endswith("5")


def test_a_huge_percentage_is_out_of_range_not_a_crash():
    """Found by the property above: 1e26 in the percent cell crashed the message."""
    row = ReturnedRow("Thể chế", 5, {A.COL_ID: Cell("TC-01", "A5"),
                                     A.COL_STATUS: Cell(IN_PROGRESS, "H5"),
                                     A.COL_PERCENT: Cell(1e26, "I5", "0")})
    ctx = RowContext(file="x.xlsx", unit="X01", first_day=FIRST, cutoff=CUTOFF)
    [finding] = [f for f in check_row(row, LEAD, ctx).findings if f.cell == "I5"]
    assert finding.code == "percent-out-of-range" and "ngoài khoảng 0–100" in finding.message


@SETTINGS
@given(st.text(alphabet="abcđ: 5%'-", min_size=1, max_size=12))
def test_what_is_wrong_with_a_row_keeps_what_the_unit_typed_whole(typed):
    """Phụ lục IV says what is wrong with a row (the message up to the instruction for
    the unit). It cut every message at its first ": ", even one inside what the unit
    typed ("trạng thái 'Xong: 100%' không hợp lệ" became "trạng thái 'Xong")."""
    from cchc_xl.report.tables import _what_is_wrong

    assume(typed.strip() and "'" not in typed and "\n" not in typed)
    for column, letter in ((A.COL_STATUS, "H"), (A.COL_PERCENT, "I"), (A.COL_DONE_ON, "J")):
        cells = {A.COL_ID: Cell("TC-01", "A5"), A.COL_STATUS: Cell(IN_PROGRESS, "H5"),
                 column: Cell(f"{typed}: x", f"{letter}5", "General")}
        row = ReturnedRow("Thể chế", 5, cells)
        ctx = RowContext(file="x.xlsx", unit="X01", first_day=FIRST, cutoff=CUTOFF)
        for finding in check_row(row, LEAD, ctx).findings:
            if finding.severity == "error" and finding.cell == f"{letter}5":
                problem = _what_is_wrong(finding.message)
                assert ": x'" in problem, finding.message  # the quoted text whole
                assert problem != finding.message, finding.message  # the instruction left
