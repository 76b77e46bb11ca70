"""What the office types into the consolidated workbook is never lost silently: a row
judged differently in two places (a sheet copied, a row pasted twice) and a verdict typed
where nothing is read (another column, under the table, a column added to "Tất cả dòng")
are not recorded, and `cchc-xl assess` (and the web app's upload, which reads them the
same way: record_assessments) names the sheet and cell and says what to do."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from test_assessment_answers import DOING, Office
from test_figures import run

from cchc_xl.consolidated.link import record_assessments
from cchc_xl.vocab import FAIL, PASS
from support.workbooks import ASSESSMENT, ROW_KEY, assessment_place, type_assessments


@pytest.fixture
def office(tmp_path) -> Office:
    return Office(tmp_path)


def _merged(office: Office) -> None:
    office.merge(office.send("NV", "NV.xlsx", {"TC-01": DOING, "TC-03": DOING}, 15),
                 office.send("TP", "TP.xlsx", {"TC-02": DOING}, 15))


def test_a_row_judged_differently_in_two_sheets_is_not_recorded_and_named(office):
    _merged(office)
    wb = load_workbook(office.out)
    sheet, row, col = assessment_place(wb, "NV|TC-01")
    wb[sheet].cell(row, col).value = "Đạt"
    _, row3, _ = assessment_place(wb, "NV|TC-03")
    wb[sheet].cell(row3, col).value = "Chưa đạt"
    copy = wb.copy_worksheet(wb[sheet])  # the specialist's own copy of the sheet
    copy.title = "Bản sao"
    copy.cell(row, col).value = "Chưa đạt"  # judged otherwise there
    copy.cell(row3, col).value = None  # left blank in the copy: the verdict stands
    wb.save(office.out)
    code, output = run("assess", office.out)
    assert code == 1, output
    cell = f"{wb[sheet].cell(row, col).coordinate}"
    assert (f"không ghi đánh giá của đơn vị NV, nhiệm vụ TC-01: dòng này có ở nhiều chỗ với "
            f"đánh giá khác nhau (trang '{sheet}' ô {cell}: 'Đạt'; trang 'Bản sao' ô {cell}: "
            "'Chưa đạt'); giữ một đánh giá") in output, output
    # Neither verdict recorded; the other row's, typed once, recorded.
    assert office.verdicts() == [("NV", "TC-03", FAIL)]


def test_verdicts_typed_where_nothing_is_read_are_named_with_their_cells(office):
    _merged(office)
    wb = load_workbook(office.out)
    sheet, row, col = assessment_place(wb, "NV|TC-01")
    ws = wb[sheet]
    ws.cell(row, col - 1).value = "Đạt"        # one column to the left
    ws.cell(row, col + 2).value = "chua dat"   # right of the row's key
    ws.cell(ws.max_row + 2, col).value = "Đạt: đã kiểm tra"  # under the table
    rows = wb["Tất cả dòng"]
    rows.cell(4, rows.max_column + 1).value = "Đánh giá"  # a column the office added
    rows.cell(5, rows.max_column).value = "Đạt"
    _, row2, _ = assessment_place(wb, "TP|TC-02")
    ws.cell(row2, col).value = "Đạt"          # where it is read
    wb.save(office.out)
    code, output = run("assess", office.out)
    assert code == 1, output
    assert "4 ô ghi đánh giá ngoài cột 'Đánh giá của cơ quan tổng hợp'" in output, output
    for cell in (ws.cell(row, col - 1), ws.cell(row, col + 2), ws.cell(ws.max_row, col)):
        assert f"trang '{sheet}' ô {cell.coordinate}: '{cell.value}'" in output, output
    assert f"trang 'Tất cả dòng' ô {rows.cell(5, rows.max_column).coordinate}: 'Đạt'" in output
    assert "ghi đánh giá vào cột 'Đánh giá của cơ quan tổng hợp' trên dòng của đơn vị" in output
    assert office.verdicts() == [("TP", "TC-02", PASS)]


def test_the_web_upload_is_told_the_same(office):
    """The web app's Báo cáo page reads an upload with record_assessments: what it says
    (``kept``) names the cells too."""
    _merged(office)
    wb = load_workbook(office.out)
    sheet, row, col = assessment_place(wb, "NV|TC-01")
    wb[sheet].cell(row, col - 1).value = "Đạt"
    wb.save(office.out)
    kept: list[str] = []
    record_assessments(office.db, office.master.plan.key, "9T", office.out,
                       source="tong-hop.xlsx", kept=kept)
    cell = wb[sheet].cell(row, col - 1).coordinate
    assert any(f"trang '{sheet}' ô {cell}: 'Đạt'" in k for k in kept), kept


def test_a_workbook_typed_as_generated_says_nothing_of_misplaced_verdicts(office):
    _merged(office)
    office.type("NV", "TC-01", "Đạt")
    code, output = run("assess", office.out)
    assert code == 0, output
    assert office.verdicts() == [("NV", "TC-01", PASS)]


@pytest.mark.parametrize("lock", ["~$ng-hop-9T.xlsx", ".~lock.tong-hop-9T.xlsx#"],
                         ids=["excel", "libreoffice"])
def test_a_workbook_open_in_excel_is_said_to_be_saved_first(office, lock):
    """Đạt typed in Excel, `assess` run before Ctrl+S: the file on disk holds no verdict,
    and the command said only "Không có đánh giá nào thay đổi" (a QA pass). The lock file
    the office suite keeps beside an open workbook tells it is open: said, naming it."""
    _merged(office)
    (office.out.parent / lock).write_bytes(b"")
    code, output = run("assess", office.out)
    assert code == 0, output
    assert "Không có đánh giá nào thay đổi" in output, output
    assert (f"Lưu ý: tệp {office.out} đang mở trong Excel hoặc LibreOffice: đánh giá đã gõ "
            "mà chưa lưu thì chưa được đọc; lưu tệp (Ctrl+S) rồi chạy lại lệnh này") in output
    # Saved and closed: read, and nothing said of it.
    office.type("NV", "TC-01", "Đạt")
    (office.out.parent / lock).unlink()
    code, output = run("assess", office.out)
    assert code == 0 and "đang mở" not in output, output
    assert office.verdicts() == [("NV", "TC-01", PASS)]


def test_a_verdict_column_whose_header_was_typed_over_is_said_so(office):
    """The verdict column's header typed over in Excel ("Đánh giá"): the column is there,
    under another name, and the office was told only that it had "có lẽ đã bị xóa". Now
    it is told the header may have been changed, and the header to write back."""
    _merged(office)
    wb = load_workbook(office.out)
    sheet, row, col = assessment_place(wb, "NV|TC-01")
    ws = wb[sheet]
    ws.cell(row, col).value = "Đạt"
    header = next(r for r in range(1, row) if ws.cell(r, col).value == ASSESSMENT)
    ws.cell(header, col).value = "Đánh giá"
    wb.save(office.out)
    code, output = run("assess", office.out)
    assert code == 1, output
    assert (f"không còn cột '{ASSESSMENT}', có lẽ cột đã bị xóa hoặc tiêu đề cột đã bị sửa"
            in output), output
    assert f"hoặc ghi lại đúng tiêu đề '{ASSESSMENT}'" in output, output


@pytest.mark.parametrize("deleted", ["key", "verdict"])
def test_a_sheet_that_lost_its_key_or_assessment_column_is_named(office, deleted):
    """The hidden 'Khóa dòng' column deleted in Excel: the sheet's verdicts were said to be
    "ngoài cột 'Đánh giá …'" (they are in it), to be retyped "trên dòng có ô 'Khóa dòng'"
    (there is none), and only those without a note were listed ("Chưa đạt: thiếu văn bản"
    was dropped without a word). The assessment column deleted: nothing said at all. Now
    the sheet is named, with the column it lost and what to do; the ledger keeps what it
    had."""
    _merged(office)
    office.type("TP", "TC-02", "Chưa đạt")
    office.record()
    wb = load_workbook(office.out)
    sheet, row, col = assessment_place(wb, "NV|TC-01")
    ws = wb[sheet]
    _, row3, _ = assessment_place(wb, "NV|TC-03")
    ws.cell(row, col).value = "Đạt"
    ws.cell(row3, col).value = "Chưa đạt: thiếu văn bản"
    _, row2, _ = assessment_place(wb, "TP|TC-02")
    ws.cell(row2, col).value = None  # not read: the row's verdict stays
    ws.delete_cols(col + 1 if deleted == "key" else col)
    wb.save(office.out)
    code, output = run("assess", office.out)
    assert code == 1, output
    lost, left = ((ROW_KEY, ASSESSMENT) if deleted == "key" else (ASSESSMENT, ROW_KEY))
    assert (f"không đọc đánh giá trên trang '{sheet}': bảng có cột '{left}' nhưng không còn "
            f"cột '{lost}'") in output, output
    assert ("đánh giá đã ghi vào sổ cái trước đó vẫn giữ nguyên; hoàn tác việc xóa cột"
            in output), output
    assert "ngoài cột" not in output, output
    assert office.verdicts() == [("TP", "TC-02", FAIL)]


def test_a_copy_saved_away_from_its_ledger_is_told_to_come_back_not_to_fetch_it(office):
    """Opened read-only in Excel, the workbook is saved as a copy on the desktop: `assess`
    of it said to copy the ledger beside it, and run again. The verdicts then went into
    that copy, which no merge, report nor the web app reads. Now it says to bring the
    file to the ledger's folder (any name), where it is read into the ledger itself."""
    _merged(office)
    desk = office.tmp / "Desktop"
    desk.mkdir()
    copy = desk / "tong-hop (chỉ đọc).xlsx"
    type_assessments(office.out, copy, "Đạt", lambda u, d: (u, d) == ("NV", "TC-01"))
    code, output = run("assess", copy)
    assert code != 0, output
    assert ("đánh giá phải được ghi vào chính sổ cái đó: chép tệp này vào thư mục có sổ cái "
            "cchc-ledger.sqlite, nơi lần gộp ghi tệp tổng hợp") in output, output
    assert "chép sổ cái cchc-ledger.sqlite" not in output, output
    back = office.out.parent / copy.name  # as told
    back.write_bytes(copy.read_bytes())
    code, output = run("assess", back)
    assert code == 0, output
    assert office.verdicts() == [("NV", "TC-01", PASS)]


def test_yeu_cau_after_a_verdict_is_the_verdict_s_own_words_not_its_note(office):
    """"Không đạt yêu cầu" and "Đạt yêu cầu", as offices write a verdict, were recorded
    as Chưa đạt and Đạt with the note "yêu cầu": the report's "Lý do" and the
    consolidated workbook then read "Cơ quan tổng hợp đánh giá Chưa đạt: yêu cầu" (a QA
    pass). A note after it is kept."""
    import sqlite3

    _merged(office)
    typed = {("NV", "TC-01"): "Không đạt yêu cầu", ("NV", "TC-03"): "Đạt yêu cầu",
             ("TP", "TC-02"): "Chưa đạt yêu cầu: thiếu văn bản"}
    for (unit, did), text in typed.items():
        type_assessments(office.out, office.out, text, lambda u, d, k=(unit, did): (u, d) == k)
    code, said = run("assess", office.out)
    assert code == 0, said
    with sqlite3.connect(office.db) as con:
        recorded = sorted(con.execute("SELECT unit, deliverable, verdict, note FROM assessments"))
    assert recorded == [("NV", "TC-01", FAIL, ""), ("NV", "TC-03", PASS, ""),
                        ("TP", "TC-02", FAIL, "thiếu văn bản")]


def _saved_as(kind: str, path) -> None:
    """A file the office saved the consolidated workbook as: an .ods (LibreOffice's own
    format) or an .xls (Excel 97-2003), by the bytes that say so."""
    import zipfile

    if kind == "ods":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            zf.writestr("content.xml", "<office:document-content/>")
    else:
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))


@pytest.mark.parametrize(("kind", "said"), [("ods", "tệp LibreOffice (.ods)"),
                                            ("xls", "tệp Excel cũ (.xls)")])
def test_a_workbook_saved_as_ods_or_xls_is_told_to_be_saved_as_xlsx(office, kind, said):
    """The consolidated workbook typed into and saved as .ods or .xls: `assess` said "tệp
    không phải sổ cái (.sqlite) cũng không phải tệp tổng hợp (.xlsx) (chỉ tới sổ cái …)",
    which does not say how to get the verdicts typed into it read (a QA pass). It says
    what the file is and how to save it again as .xlsx (which keeps what links it to its
    ledger)."""
    _merged(office)
    saved = office.out.with_suffix(f".{kind}")
    _saved_as(kind, saved)
    code, out = run("assess", saved)
    assert code == 1, out
    assert f"{said}: cần sổ cái (.sqlite) hoặc tệp tổng hợp dạng Excel (.xlsx)" in out, out
    assert "'Sổ làm việc Excel (*.xlsx)'" in out and "rồi chạy lại với tệp .xlsx đó" in out, out
