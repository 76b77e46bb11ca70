"""The letters' mail-merge lists as a workbook (cchc_xl.letters.mergelist): on a Windows set to
Vietnamese (list separator ";") a comma-separated list opens in Excel with each row in
one column; the workbook opens as a table, and Word's mail merge reads it (first sheet,
first row the field names). The same rows as the CSV, every text kept as text."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest

from cchc_xl.errors import UsageError
from cchc_xl.letters import overdue, remind
from cchc_xl.letters.mergelist import SHEET, list_path
from cchc_xl.model import Unit
from cchc_xl.overwrite import OVERDUE, REMINDER
from cchc_xl.vocab import COMMUNE, DEPARTMENT, RETURN_MISSING
from support.tools import needs_libreoffice

TRICKY = Unit("0123", "=cmd|' /C calc'!A0", DEPARTMENT, email="@SUM(1)", phone="0912345678",
              contact="+Lê Thị Hoa")
PLAIN = Unit("NV", "Phòng Nội vụ", DEPARTMENT, email="noivu@hoanghoa.gov.vn",
             phone="02373865001", contact="Nguyễn Văn A")


def _reminders():
    return [remind.Reminder(TRICKY, RETURN_MISSING), remind.Reminder(PLAIN, RETURN_MISSING)]


def _overdue():
    task = overdue.OverdueTask("TC-01", "1", "Rà soát văn bản", "TC-01", "Sản phẩm",
                               "Tháng 3/2023", date(2023, 3, 31), "Đang thực hiện", 60.0, "")
    return [overdue.OverdueUnit(TRICKY, [task]), overdue.OverdueUnit(PLAIN, [task, task])]


LETTERS = {"remind": (remind, _reminders, "Số nội dung cần sửa"),
           "overdue": (overdue, _overdue, "Số nhiệm vụ quá hạn")}


def read_list(path):
    """The workbook's one sheet: its name, header, rows, and cells."""
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET]
    ws = wb[SHEET]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return ws, rows[0], rows[1:]


@pytest.mark.parametrize("letter", LETTERS)
def test_the_list_as_a_workbook_holds_the_csv_rows_as_text(tmp_path, letter):
    module, chosen, count = LETTERS[letter]
    xlsx = module.write_list(chosen(), tmp_path / "ds.xlsx", "15/10/2023")
    listed = module.write_list(chosen(), tmp_path / "ds.csv", "15/10/2023")
    ws, header, rows = read_list(xlsx)
    assert tuple(header) == module.CSV_COLUMNS
    with open(listed, encoding="utf-8-sig", newline="") as f:
        from_csv = list(csv.reader(f))
    assert tuple(from_csv[0]) == module.CSV_COLUMNS
    # The same rows; the CSV's "'" before a formula-like text is no part of the value.
    assert [["" if v is None else str(v) for v in r] for r in rows] == [
        [v[1:] if v[:2] in ("'=", "'+", "'@", "'-") else v for v in r] for r in from_csv[1:]]
    first = dict(zip(header, ws[2], strict=True))
    assert first["Mã đơn vị"].value == "0123" and first["Điện thoại"].value == "0912345678"
    assert first["Đơn vị"].value == "=cmd|' /C calc'!A0"
    assert first["Email"].value == "@SUM(1)" and first["Người liên hệ"].value == "+Lê Thị Hoa"
    for name in ("Mã đơn vị", "Đơn vị", "Email", "Điện thoại", "Người liên hệ"):
        assert first[name].data_type == "s", name  # a string, never a formula or number
    assert first[count].data_type == "n"  # a count stays a number
    assert rows[1][header.index("Điện thoại")] == "02373865001"
    # The header bold and frozen, long text wrapped in a column not wider than 60.
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    assert all(c.alignment.wrap_text for c in ws[2])
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert all(8 <= w <= 61 for w in widths), widths
    assert widths[header.index("Việc cần làm")] > widths[header.index("Mã đơn vị")]


@pytest.mark.parametrize("letter", LETTERS)
def test_each_unit_is_addressed_as_a_letter_writes_it(tmp_path, letter):
    """A QA pass (a province's 166 communes and wards): a mail merge "Kính gửi: «Đơn_vị»"
    wrote "Kính gửi: Xã Thiên Phủ", the place; a letter goes to its People's Committee.
    The list says so in its own column; other units by their names."""
    module, _, _ = LETTERS[letter]
    units = [Unit("NV", "Sở Nội vụ", DEPARTMENT), Unit("X101", "Xã Thiên Phủ", COMMUNE),
             Unit("X001", "Phường Hạc Thành", COMMUNE), Unit("DK", "Đặc khu Côn Đảo", COMMUNE),
             Unit("TT", "Thị trấn  Bút Sơn", COMMUNE), Unit("CA", "Công an xã", DEPARTMENT)]
    chosen = ([remind.Reminder(u, RETURN_MISSING) for u in units] if letter == "remind" else
              [overdue.OverdueUnit(u, _overdue()[0].tasks) for u in units])
    _, header, rows = read_list(module.write_list(chosen, tmp_path / "ds.xlsx", ""))
    assert [r[header.index("Kính gửi")] for r in rows] == [
        "Sở Nội vụ", "Ủy ban nhân dân xã Thiên Phủ", "Ủy ban nhân dân phường Hạc Thành",
        "Ủy ban nhân dân đặc khu Côn Đảo", "Ủy ban nhân dân thị trấn Bút Sơn", "Công an xã"]
    assert [r[header.index("Đơn vị")] for r in rows][1] == "Xã Thiên Phủ"  # the name as kept


def test_a_list_is_xlsx_or_csv(tmp_path):
    assert list_path(tmp_path / "ds.XLSX", REMINDER, remind.CSV_COLUMNS).name == "ds.XLSX"
    with pytest.raises(UsageError) as raised:
        list_path(tmp_path / "ds.xls", REMINDER, remind.CSV_COLUMNS)
    assert str(raised.value).startswith("tệp danh sách trộn thư phải có đuôi .xlsx hoặc .csv")


def test_a_list_dropped_among_the_returns_is_skipped_as_cchc_xls_own(tmp_path):
    """The list carries its mark: merged with the returns by mistake, it is said to be
    cchc-xl's, not refused as a unit's file without identity."""
    from cchc_xl.intake import read_return

    listed = remind.write_list(_reminders(), tmp_path / "don-doc.xlsx", "15/10/2023")
    props = {p.name: p.value for p in openpyxl.load_workbook(listed).custom_doc_props}
    assert props == {"cchc_merge_list": REMINDER.mark}  # whose list it is
    assert read_return(listed).office_kind == "danh sách trộn thư"


def test_a_csv_the_office_keeps_is_not_written_over(tmp_path):
    """A list named as the office's own CSV (its contacts, exported from Excel) replaced
    it: a CSV carries no mark, so one is written over only when it is a list (its first
    row the units' columns every list begins with), or empty."""
    from cchc_xl.overwrite import OTHER_CSV

    contacts = tmp_path / "danh-ba.csv"
    contacts.write_text("Mã đơn vị,Email\nNV,noivu@hoanghoa.gov.vn\n", encoding="utf-8-sig")
    (tmp_path / "nul.csv").write_bytes(b"a\x00b\n")  # bytes that are no CSV
    for junk in (contacts, tmp_path / "nul.csv"):
        with pytest.raises(UsageError) as raised:
            list_path(junk, REMINDER, remind.CSV_COLUMNS)
        assert str(raised.value).startswith(f"đã có tệp này và đó là {OTHER_CSV}, không phải "
                                            "danh sách trộn thư"), str(raised.value)
    assert contacts.read_text(encoding="utf-8-sig").startswith("Mã đơn vị,Email")
    for module, chosen, _ in LETTERS.values():  # each letter's list, written again
        listed = module.write_list(chosen(), tmp_path / f"ds-{module.TEMPLATE}.csv", "")
        letter = REMINDER if module is remind else OVERDUE
        assert list_path(listed, letter, module.CSV_COLUMNS) == listed
    (tmp_path / "rong.csv").write_bytes(b"")
    assert list_path(tmp_path / "rong.csv", REMINDER, remind.CSV_COLUMNS).name == "rong.csv"
    # A list saved again by an office suite at ";" (Windows set to Vietnamese) or as tab-
    # separated text is still a list (a review: it was refused as the office's own).
    header = ";".join(remind.CSV_COLUMNS)
    for sep in (";", "\t"):
        again = tmp_path / f"ds-{ord(sep)}.csv"
        again.write_text(header.replace(";", sep) + "\n", encoding="utf-8")
        assert list_path(again, REMINDER, remind.CSV_COLUMNS) == again


@needs_libreoffice
def test_a_list_the_office_edited_and_saved_is_not_written_over(tmp_path):
    """The mail-merge list opened in LibreOffice or Excel, a contact corrected, and saved:
    the letter made again wrote the list over it without a word (its property, which
    both suites keep, said cchc-xl's). Kept now beside the new list, as the office saved
    it, and said (cchc_xl.edited; tests/test_kept_edits.py)."""
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from support.paths import HH_MASTER
    from support.saved import saved_by_excel
    from support.tools import convert

    returns = HH_MASTER.parent / "returns-9T"
    out = tmp_path / "tong-hop-9T.xlsx"
    merged = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(
        returns / "NV-phong-noi-vu.xlsx"), "--period", "9T", "--out", str(out), "--silent"])
    assert merged.exit_code in (0, 1), merged.output
    listed = tmp_path / "don-doc-9T.xlsx"
    letter = ["remind", str(out), "--period", "9T", "--out", str(tmp_path / "don-doc.docx"),
              "--csv", str(listed)]
    assert CliRunner().invoke(main, letter).exit_code == 0
    assert CliRunner().invoke(main, letter).exit_code == 0  # its own list: made again
    wb = openpyxl.load_workbook(listed)
    wb[SHEET]["D2"] = "Trần Thị Bình (sửa)"  # the office's correction
    wb.save(tmp_path / "edited.xlsx")
    saved = convert(tmp_path / "edited.xlsx", tmp_path / "lo")  # saved by LibreOffice
    assert openpyxl.load_workbook(saved)[SHEET]["D2"].value == "Trần Thị Bình (sửa)"
    by_excel = tmp_path / "excel.xlsx"  # the list as made, saved again by Excel
    by_excel.write_bytes(listed.read_bytes())
    saved_by_excel(by_excel)
    for kept in (saved, by_excel):
        listed.write_bytes(kept.read_bytes())
        again = CliRunner().invoke(main, letter)
        assert again.exit_code == 0, again.output
        assert "tệp don-doc-9T.xlsx đã được sửa sau khi cchc-xl lập" in again.output
        copies = {p.read_bytes() for p in tmp_path.glob("don-doc-9T (bản đã sửa *).xlsx")}
        assert kept.read_bytes() in copies  # the office's file, as saved
        assert openpyxl.load_workbook(listed)[SHEET]["D2"].value != "Trần Thị Bình (sửa)"
    assert len(copies) == 2


def test_a_refused_unit_s_todo_has_one_colon(tmp_path):
    """The list's "Việc cần làm" of a unit whose file was refused read "Gửi lại tệp báo
    cáo: tệp chưa được điền (…), nên không được tính là đã gửi báo cáo: đơn vị cập nhật …",
    two colons (the letter's body had lost its second already); one with no reason
    recorded ended on a colon. What to do follows why after a semicolon."""
    from cchc_xl.vocab import RETURN_REJECTED

    unfilled = ("tệp chưa được điền (không ô nhập liệu nào thay đổi so với tệp được giao), nên "
                "không được tính là đã gửi báo cáo: đơn vị cập nhật kết quả của kỳ này vào tệp "
                "rồi gửi lại")
    chosen = [remind.Reminder(PLAIN, RETURN_REJECTED, reasons=[unfilled]),
              remind.Reminder(TRICKY, RETURN_REJECTED)]
    _, header, rows = read_list(remind.write_list(chosen, tmp_path / "ds.xlsx", "15/10/2023"))
    todo = header.index("Việc cần làm")
    assert [r[todo] for r in rows] == [
        "Gửi lại tệp báo cáo: tệp chưa được điền (không ô nhập liệu nào thay đổi so với tệp được "
        "giao), nên không được tính là đã gửi báo cáo; đơn vị cập nhật kết quả của kỳ này vào "
        "tệp rồi gửi lại",
        "Gửi lại tệp báo cáo."]


def test_a_refused_unit_is_counted_in_the_list_as_the_annex_lists_it(tmp_path, hh_split):
    """A unit whose only file was refused (sent back as issued): the letter's annex
    lists one row for it (the refusal, what to do), while the list's "Số nội dung cần
    sửa" said 0 (a QA pass). The list counts what the annex lists."""
    import shutil

    from click.testing import CliRunner
    from docx import Document

    from cchc_xl.cli import main
    from support.paths import HH_MASTER

    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    shutil.copyfile(hh_split["TP"], sent / "TP.xlsx")  # not filled in: refused
    out = tmp_path / "tong-hop-9T.xlsx"
    merged = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                       "--out", str(out), "--silent"])
    assert merged.exit_code in (0, 1), merged.output
    letter, listed = tmp_path / "don-doc.docx", tmp_path / "don-doc-9T.xlsx"
    made = CliRunner().invoke(main, ["remind", str(out), "--period", "9T", "--out",
                                     str(letter), "--csv", str(listed)])
    assert made.exit_code == 0, made.output
    (annex,) = [t for t in Document(letter).tables
                if t.rows[0].cells[0].text.endswith(". Phòng Tư pháp")]
    rows = [[c.text for c in r.cells] for r in annex.rows[2:]]
    assert len(rows) == 1 and rows[0][4].startswith("[Tệp bị từ chối] tệp chưa được điền")
    _, header, units = read_list(listed)
    (tp,) = [r for r in units if r[header.index("Mã đơn vị")] == "TP"]
    assert tp[header.index("Tình trạng")] == "Tệp bị từ chối"
    assert tp[header.index("Số nội dung cần sửa")] == 1
    # A unit that sent nothing: nothing in the annex, 0 in the list.
    (nv,) = [r for r in units if r[header.index("Mã đơn vị")] == "NV"]
    assert nv[header.index("Số nội dung cần sửa")] == 0
