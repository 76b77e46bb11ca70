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


def _coordinators_cell(out, task: str) -> str:
    ws = load_workbook(out)["Thể chế"]
    header = [c.value for c in ws[4]]
    (row,) = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] == task]
    return row[header.index("Báo cáo của đơn vị phối hợp")]


def test_a_coordinators_done_with_an_error_is_marked_to_verify(tmp_path):
    """Phòng Tư pháp coordinates TC-01 and reports it "Đã hoàn thành" with no date and no
    evidence: an error (Lỗi) in its feedback, a lead's same answer "Cần xác minh" in
    "Tiến độ"; the area sheet's coordinators' column read "Phòng Tư pháp: Đã hoàn thành,
    100%" as done (a year's QA pass). It says "cần xác minh", as a lead's row; a crowd
    of coordinators (the plan's "Phòng Tư pháp; UBND các xã": 9) counts it apart from
    those done."""
    from cchc_xl.assignment import COL_DONE_ON, COL_EVIDENCE, COL_STATUS
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.model import Unit
    from cchc_xl.split import split_master
    from cchc_xl.vocab import COMMUNE, DONE, ERROR, UNVERIFIED
    from support.report import tiny_master

    def merged(master, folder):
        master = load_master(write_master(master, folder / "ke-hoach.xlsx"))
        split = {f.unit_code: f.path for f in split_master(
            master, "6T", folder / "giao", issued_at=datetime(2023, 6, 1)).files}
        for unit, path in split.items():
            typed = {"TC-01": {COL_STATUS: DONE}} if unit != "NV" else {}
            if unit in ("X3", "X4", "X5"):  # done, dated, its evidence given
                typed = {"TC-01": {COL_STATUS: DONE, COL_DONE_ON: date(2023, 3, 20),
                                   COL_EVIDENCE: f"Báo cáo số 1{unit}/BC-UBND"}}
            fill_return(path, folder / "nhan" / path.name, typed, saved_at=SAVED)
        out = folder / "tong-hop.xlsx"
        return merge_returns(master, [folder / "nhan"], "6T", out,
                             received=date(2023, 6, 18)), out

    result, out = merged(tiny_master(), tmp_path / "one")
    (tp,) = [r for r in result.rows if (r.unit, r.deliverable) == ("TP", "TC-01")]
    assert ERROR in {f.severity for f in tp.findings}  # its feedback: Lỗi
    assert _coordinators_cell(out, "TC-01") == (
        f"Phòng Tư pháp: Đã hoàn thành, 100% ({UNVERIFIED.lower()})")
    crowd = tiny_master()
    crowd.units += [Unit(f"X{n}", f"Xã Số {n}", COMMUNE, groups=["XA"]) for n in range(3, 9)]
    next(d for d in crowd.deliverables() if d.id == "TC-01").support_text = (
        "Phòng Tư pháp; UBND các xã")  # and its 8 communes
    _, out = merged(crowd, tmp_path / "crowd")
    assert _coordinators_cell(out, "TC-01") == (
        f"9 đơn vị đã báo cáo: 3 đã hoàn thành, 6 {UNVERIFIED.lower()} (chi tiết ở trang "
        f"'{ROWS_SHEET}')")


def test_the_workbook_s_fingerprint_says_whose_words_it_speaks(hh_samples_merged):
    """The web app's workbook names its page, the CLI's a command (write_consolidated's
    ``app``): a merge finding the other's workbook unchanged must write it again, so the
    fingerprint it compares differs, files shown by the same names or not."""
    from cchc_xl.consolidated.write import built_from
    from cchc_xl.ledger import Ledger

    result, out = hh_samples_merged
    with Ledger(result.db) as ledger:
        prints = {(named, app): built_from(ledger, result.plan_key, "9T", out, named, app)
                  for named in (False, True) for app in (False, True)}
    assert len(set(prints.values())) == 4
