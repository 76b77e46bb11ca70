"""The consolidated workbook as the office reads and uses it: the first sheet says when
the units' files came and where to type the verdicts, the area sheets filter their rows
(those to assess among a province's hundreds), and the files' times sort as times."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl.utils import get_column_letter

from cchc_xl import assessment as A
from cchc_xl.consolidated.write import FILES_SHEET, ROWS_SHEET, SUMMARY_SHEET
from cchc_xl.merge import merge_returns
from cchc_xl.vocab import JUDGE, TIMELINESS_LABELS
from make_sample_returns import fill_return, realistic_answers
from support.mistakes import SAVED
from support.workbooks import load_workbook


def _summary(path) -> dict[str, object]:
    ws = load_workbook(path)[SUMMARY_SHEET]
    return {label: value for label, value in ws.iter_rows(min_row=5, max_col=2,
                                                           values_only=True) if label}


def test_area_sheets_filter_their_rows_and_the_summary_says_where_to_assess(
        hh_samples_merged):
    """A QA pass (a province's 9 months, 838 lead rows on two area sheets): the rows
    "Cần đánh giá" to assess could only be found by scrolling, the area sheets having no
    filter, while every other table had one; the first sheet counted them but did not
    say where the verdicts go."""
    _, out = hh_samples_merged
    wb = load_workbook(out)
    areas = wb.sheetnames[1:wb.sheetnames.index(ROWS_SHEET)]
    assert len(areas) == 7
    to_assess = 0
    for name in areas:
        ws = wb[name]
        header = [c.value for c in ws[4]]
        assert "Tiến độ" in header and A.COLUMN in header
        assert ws.auto_filter.ref == f"A4:{get_column_letter(len(header))}{ws.max_row}", name
        judged = [r for r in ws.iter_rows(min_row=5, values_only=True)
                  if r[header.index("Tiến độ")] == TIMELINESS_LABELS[JUDGE]]
        assert all(r[header.index(A.COLUMN)] is None for r in judged)
        to_assess += len(judged)
    assert to_assess  # the seed's recurring tasks reported without evidence
    where = _summary(out)["Nơi ghi đánh giá Đạt / Chưa đạt"]
    assert f"Cột '{A.COLUMN}' ở các trang lĩnh vực" in where
    assert "'Cần đánh giá'" in where and "cột 'Tiến độ'" in where


def test_the_summary_counts_units_received_by_the_due_date_and_after(hh_master, hh_split,
                                                                      tmp_path):
    """The Word report says "đã nhận báo cáo của 1/47 đơn vị ... Sau hạn, nhận thêm báo
    cáo của 1 đơn vị"; the first sheet of the workbook said only who sent, not when."""
    period = hh_master.period("9T")
    sent = {}
    for unit in ("NV", "X01"):
        sent[unit] = fill_return(hh_split[unit], tmp_path / "in" / unit / f"{unit}.xlsx",
                                 realistic_answers(hh_master, period, unit), saved_at=SAVED)
    out = tmp_path / "tong-hop.xlsx"
    merge_returns(hh_master, [sent["NV"]], "9T", out, received=date(2023, 9, 19))
    merge_returns(hh_master, [sent["X01"]], "9T", out, received=date(2023, 9, 25))
    items = _summary(out)
    assert items["Đơn vị đã gửi (tệp được nhận)"] == 2
    assert items["  Nhận đến hạn gửi báo cáo (20/09/2023)"] == 1
    assert items["  Nhận sau hạn"] == 1
    labels = list(items)
    assert labels.index("  Nhận sau hạn") == labels.index("Đơn vị đã gửi (tệp được nhận)") + 2


def test_the_files_times_are_dates_and_times_excel_sorts(hh_samples_merged):
    """"Lưu lúc" and "Gộp lúc" were texts ("15/09/2026 10:28"): sorted or filtered in
    Excel, 01/10 came before 15/09."""
    _, out = hh_samples_merged
    ws = load_workbook(out)[FILES_SHEET]
    header = [c.value for c in ws[4]]
    for title in ("Lưu lúc", "Gộp lúc"):
        col = header.index(title) + 1
        cells = [ws.cell(r, col) for r in range(5, ws.max_row + 1)]
        filled = [c for c in cells if c.value is not None]
        assert len(filled) >= len(cells) - 12  # a refused file may have no saved time
        assert all(isinstance(c.value, datetime) for c in filled), title
        assert {c.number_format for c in filled} == {"dd/mm/yyyy hh:mm"}
    saved = [ws.cell(r, header.index("Lưu lúc") + 1).value for r in range(5, ws.max_row + 1)]
    assert datetime(2023, 9, 14, 8) <= max(s for s in saved if s) < datetime(2023, 9, 20)
