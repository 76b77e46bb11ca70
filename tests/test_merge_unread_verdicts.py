"""A merge reads the office's verdicts back from the consolidated workbook before it
writes that workbook again (a late file came). What it could not read (a verdict typed
one column off, a sheet that lost its key or assessment column) was said nowhere and then
written over: the office's typing was gone (a QA pass). Now the merge says it, as
`cchc-xl assess` does, keeps the workbook as it was beside the new one, names that copy,
and exits 1; a workbook whose verdicts are all read is written over, no copy kept."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from test_assessment_answers import DOING, Office
from test_figures import run

from cchc_xl.consolidated.link import record_assessments
from cchc_xl.edited import kept_copies
from cchc_xl.vocab import FAIL, PASS
from support.web import RETURNS, _nv_and_tp_merged, _sent
from support.workbooks import ASSESSMENT, ROW_KEY, assessment_place, type_assessments


@pytest.fixture
def office(tmp_path) -> Office:
    o = Office(tmp_path)
    o.merge(o.send("NV", "NV.xlsx", {"TC-01": DOING, "TC-03": DOING}, 15))
    return o


def _late_merge(office: Office) -> tuple[int, str]:
    """TP's file, come late, merged by the command line into the same workbook."""
    late = office.send("TP", "TP.xlsx", {"TC-02": DOING}, 16)
    return run("merge", office.master.path, late, "--period", "9T", "--out", office.out,
               "--received", "19/09/2023")


def _verdict(path, key: str) -> object:
    wb = load_workbook(path)
    sheet, row, col = assessment_place(wb, key)
    return wb[sheet].cell(row, col).value


def test_a_verdict_typed_one_column_off_is_said_and_its_workbook_kept(office):
    wb = load_workbook(office.out)
    sheet, row, col = assessment_place(wb, "NV|TC-01")
    ws = wb[sheet]
    ws.cell(row, col - 1).value = "Đạt"  # one column to the left: not read
    off = ws.cell(row, col - 1).coordinate
    _, row3, _ = assessment_place(wb, "NV|TC-03")
    ws.cell(row3, col).value = "Chưa đạt"  # where it is read
    wb.save(office.out)
    typed = office.out.read_bytes()
    code, output = _late_merge(office)
    assert code == 1, output
    name = office.out.name
    assert (f"Cảnh báo: bảng tổng hợp {name}: 1 ô ghi đánh giá ngoài cột '{ASSESSMENT}' của "
            f"dòng đơn vị chủ trì nên không được đọc (trang '{sheet}' ô {off}: 'Đạt'): ghi "
            f"đánh giá vào cột '{ASSESSMENT}' trên dòng của đơn vị") in output, output
    (kept,) = kept_copies(office.out)
    assert kept.read_bytes() == typed  # the office's workbook, byte for byte
    assert load_workbook(kept)[sheet][off].value == "Đạt"
    assert (f"bảng trước khi gộp, còn nguyên các ô đó, được giữ lại thành \"{kept.name}\" "
            f"(cùng thư mục với {name}): mở bản đó, ghi lại các đánh giá ấy vào cột "
            f"'{ASSESSMENT}' trên dòng của đơn vị trong bảng mới {name}, lưu lại rồi chạy "
            f"'cchc-xl assess {office.out}'") in output, output
    # The verdict that was read is carried, in the ledger and the new workbook.
    assert office.verdicts() == [("NV", "TC-03", FAIL)]
    assert _verdict(office.out, "NV|TC-03") == "Chưa đạt"
    assert "TP.xlsx" in output and _verdict(office.out, "TP|TC-02") is None  # merged


@pytest.mark.parametrize("deleted", [ROW_KEY, ASSESSMENT])
def test_a_sheet_that_lost_a_column_is_said_and_its_workbook_kept(office, deleted):
    wb = load_workbook(office.out)
    sheet, row, col = assessment_place(wb, "NV|TC-01")
    ws = wb[sheet]
    ws.cell(row, col).value = "Chưa đạt: thiếu văn bản"
    header = [c.value for c in ws[4]]
    ws.delete_cols(header.index(deleted) + 1)
    wb.save(office.out)
    typed = office.out.read_bytes()
    code, output = _late_merge(office)
    assert code == 1, output
    assert (f"Cảnh báo: bảng tổng hợp {office.out.name}: không đọc đánh giá trên trang "
            f"'{sheet}': bảng có cột") in output, output
    assert f"không còn cột '{deleted}'" in output, output
    (kept,) = kept_copies(office.out)
    assert kept.read_bytes() == typed
    assert f"được giữ lại thành \"{kept.name}\"" in output, output


def test_a_verdict_typed_otherwise_than_one_recorded_since_is_kept_too(office):
    """Typed "Đạt" in the workbook, while a copy of it judged "Chưa đạt" was recorded
    (assess of the copy, the web app): not recorded, as `assess` says, and no longer
    written over without a word."""
    office.type("NV", "TC-01", "Đạt")
    copy = office.tmp / "ban-sao.xlsx"
    type_assessments(office.out, copy, "Chưa đạt", lambda u, d: (u, d) == ("NV", "TC-01"))
    record_assessments(office.db, office.master.plan.key, "9T", copy,
                       now=datetime.now() + timedelta(minutes=5))
    typed = office.out.read_bytes()
    code, output = _late_merge(office)
    assert code == 1, output
    assert (f"Cảnh báo: bảng tổng hợp {office.out.name}: không ghi đánh giá 'Đạt' của đơn vị "
            "NV, nhiệm vụ TC-01 (trang 'Thể chế' ô O5): sổ cái đã có đánh giá 'Chưa đạt' ghi "
            "lúc") in output, output
    (kept,) = kept_copies(office.out)
    assert kept.read_bytes() == typed
    assert office.verdicts() == [("NV", "TC-01", FAIL)]


def test_a_merge_again_with_every_verdict_read_keeps_no_copy(office):
    office.type("NV", "TC-01", "Đạt")
    code, output = _late_merge(office)
    assert code == 0, output
    assert "Cảnh báo: bảng tổng hợp" not in output and "giữ lại thành" not in output, output
    assert kept_copies(office.out) == []
    assert [p.name for p in office.out.parent.glob("*.xlsx")] == [office.out.name]
    assert office.verdicts() == [("NV", "TC-01", PASS)]
    assert _verdict(office.out, "NV|TC-01") == "Đạt"


def test_the_web_apps_merge_says_it_too(tmp_path):
    """The web app merges an upload with the same library function: its details of the
    merge ("Chi tiết lần gộp") say what was not read and where the workbook was kept."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    out = data / "tong-hop-9T.xlsx"
    wb = load_workbook(out)
    sheet, row, col = assessment_place(wb, "NV|" + _first_product(wb, "NV"))
    wb[sheet].cell(row, col - 1).value = "Đạt"
    off = wb[sheet].cell(row, col - 1).coordinate
    wb.save(out)
    typed = out.read_bytes()
    state = _sent(client, token, [("X01.xlsx", (RETURNS / "X01-thi-tran-but-son.xlsx")
                                   .read_bytes())])
    assert state["state"] == "done", state
    summary = state["result"]["summary"]
    assert f"trang '{sheet}' ô {off}: 'Đạt'" in summary, summary
    (kept,) = kept_copies(out)
    assert kept.read_bytes() == typed
    assert f"được giữ lại thành \"{kept.name}\"" in summary, summary
    assert "lưu lại rồi tải bảng đó lên trang Báo cáo" in summary, summary


def _first_product(wb, unit: str) -> str:
    """A product ``unit`` leads, by the keys of a consolidated workbook."""
    for ws in wb.worksheets:
        header = [c.value for c in ws[4]]
        if ROW_KEY in header:
            for row in ws.iter_rows(min_row=5, values_only=True):
                key = row[header.index(ROW_KEY)] or ""
                if key.startswith(f"{unit}|") and key.count("|") == 1:
                    return key.split("|")[1]
    raise AssertionError(unit)
