"""The master workbook: both seed plans, the template, check, show, init."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import build_seed_master
from cchc_xl.cli import main
from cchc_xl.master import check_master, load_master, read_master, write_master
from cchc_xl.vocab import ERROR
from support.findings import codes
from support.golden import workbook_differences
from support.paths import HH_MASTER, NH_MASTER, ROOT


def test_hoang_hoa_master(hh_master) -> None:
    assert len(hh_master.tasks()) == 34
    assert [len(a.tasks) for a in hh_master.areas] == [3, 8, 4, 4, 4, 7, 4]
    assert len(hh_master.deliverables()) == 34
    assert len([u for u in hh_master.units if u.kind == "commune"]) == 37
    assert [p.code for p in hh_master.periods] == ["Q1", "6T", "Q3", "9T", "NAM"]
    nine = hh_master.period("9T")
    assert (nine.start.isoformat(), nine.cutoff.isoformat(), nine.due.isoformat()) == (
        "2022-12-15", "2023-09-14", "2023-09-20")


def test_nghia_hung_master(nh_master) -> None:
    assert len(nh_master.tasks()) == 40
    assert [len(a.tasks) for a in nh_master.areas] == [4, 4, 9, 2, 4, 2, 7, 4, 4]
    assert len(nh_master.deliverables()) == 50
    task9 = next(t for t in nh_master.tasks() if t.number == "9")
    assert [d.id for d in task9.deliverables] == [
        "TTHC-09", "TTHC-09.2", "TTHC-09.3", "TTHC-09.4", "TTHC-09.5"]
    assert len({d.deadline.raw for d in task9.deliverables}) > 1
    assert any(d.funding for d in nh_master.deliverables())


def test_lead_is_not_repeated_as_support(hh_master) -> None:
    for d in hh_master.deliverables():
        assert not set(d.lead) & set(d.support), d.id
    cd4 = next(t for t in hh_master.tasks() if t.id == "CD-04")
    assert "NV" in cd4.lead and "NV" not in cd4.support


@pytest.mark.parametrize("path", [HH_MASTER, NH_MASTER])
def test_seed_masters_pass_check(path: Path) -> None:
    found = check_master(path)
    assert [f for f in found if f.severity == "error"] == []
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output


@pytest.mark.parametrize("folder", ["hoang-hoa-2023", "nghia-hung-2023"])
def test_committed_master_matches_its_transcription(folder: str, tmp_path: Path) -> None:
    built = write_master(build_seed_master.load(ROOT / "workbooks" / folder),
                         tmp_path / "master.xlsx")
    assert workbook_differences(built, ROOT / "workbooks" / folder / "master.xlsx") == []


def test_write_then_read_round_trip(hh_master, tmp_path: Path) -> None:
    again = load_master(write_master(hh_master, tmp_path / "copy.xlsx"))
    assert [(d.id, d.product, d.deadline.raw, d.lead, d.support) for d in again.deliverables()] == [
        (d.id, d.product, d.deadline.raw, d.lead, d.support) for d in hh_master.deliverables()]


def test_each_written_row_is_as_tall_as_its_wrapped_text(hh_master, tmp_path: Path) -> None:
    """Rows were left at the default height: a task's content, three to seven lines in
    its column, was drawn over the rows below it in LibreOffice and on paper (a QA pass
    rendering an imported plan). Each row now takes the lines its longest text needs;
    a row of one line stays at the template's height."""
    from cchc_xl.styles import fitted_height

    wb = load_workbook(write_master(hh_master, tmp_path / "copy.xlsx"))
    ws = wb["Thủ tục hành chính"]
    width = ws.column_dimensions["C"].width
    rows = [r for r in range(6, ws.max_row + 1) if ws.cell(r, 3).value]
    assert rows
    for r in rows:
        content = ws.cell(r, 3).value
        assert ws.row_dimensions[r].height >= fitted_height([(content, width)]) > 15.75, r
    units = wb["Đơn vị"]  # a row made taller only for its names on several lines
    taller = [r for r in range(3, units.max_row + 1) if units.row_dimensions[r].height]
    assert len(taller) < units.max_row - 2
    widths = {k: d.width for k, d in units.column_dimensions.items()}
    for r in range(3, units.max_row + 1):
        long = any("\n" in str(c.value or "") or len(str(c.value or "")) > widths[c.column_letter]
                   for c in units[r])
        assert (r in taller) == long, r


# --- a master with mistakes --------------------------------------------------------

def _edited(tmp_path: Path, edit) -> Path:
    path = tmp_path / "master.xlsx"
    shutil.copyfile(HH_MASTER, path)
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def test_a_roadmap_heading_of_the_deadline_column_is_read(tmp_path: Path) -> None:
    """"Lộ trình thực hiện" over the deadlines of a plan table edited by hand: the same
    deadlines as under "Thời gian hoàn thành" (unread, the sheet had no deadline column)."""
    def edit(wb):
        for ws in wb.worksheets:
            for row in ws.iter_rows(max_row=10):
                for cell in row:
                    if cell.value == "Thời gian hoàn thành":
                        cell.value = "Lộ trình thực hiện"
    path = _edited(tmp_path, edit)
    renamed = load_workbook(path)
    assert any(c.value == "Lộ trình thực hiện" for ws in renamed.worksheets
               for row in ws.iter_rows(max_row=10) for c in row)
    deadlines = [d.deadline.raw for d in load_master(HH_MASTER).deliverables()]
    assert [d.deadline.raw for d in load_master(path).deliverables()] == deadlines
    assert not [f for f in check_master(path) if f.severity == ERROR]


def test_unknown_unit_is_an_error_with_suggestions(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("E6", "Phòng Tư phap"))
    found = check_master(path)
    errors = [f for f in found if f.code == "unit-unresolved"]
    assert len(errors) == 1
    assert (errors[0].sheet, errors[0].cell, errors[0].task) == ("Thể chế", "E6", "TC-01")
    assert "Phòng Tư pháp" in errors[0].message
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "[Lỗi] tên đơn vị không nhận ra — " in result.output and "ô E6" in result.output


def test_an_unknown_unit_says_to_add_it_and_guesses_only_a_close_name(tmp_path: Path) -> None:
    def edit(wb):
        wb["Thể chế"]["F6"] = "Hội Nông dân huyện"
        wb["Thể chế"]["F7"] = "Phong Noi vu"

    found = [f for f in check_master(_edited(tmp_path, edit)) if f.code == "unit-unresolved"]
    said = ("không tìm thấy đơn vị hay nhóm '{}' trong trang 'Đơn vị'/'Nhóm': đơn vị chưa có "
            "thì thêm một dòng vào trang 'Đơn vị' (mã, tên, loại đơn vị); đã có nhưng viết khác "
            "thì sửa tên cho đúng, hoặc ghi cách viết này vào cột 'Tên gọi khác' của đơn vị đó.")
    assert [(f.cell, f.message) for f in found] == [
        ("F6", said.format("Hội Nông dân huyện")),
        ("F7", said.format("Phong Noi vu") + " Có phải: Phòng Nội vụ?")]


@pytest.mark.parametrize("written, example", [
    ("Trước ngày 20 của tháng cuối quý", "Trước 20/3/2023; 20/6/2023; 20/9/2023; 20/12/2023"),
    ("Trước ngày 5 hằng tháng", "Trước 5/1/2023; 5/2/2023; …; 5/12/2023")])
def test_a_day_of_each_period_is_told_with_its_own_day(tmp_path: Path, written: str,
                                                       example: str) -> None:
    """The warning's example always said "Trước 25/3; 25/6…", whatever day the plan
    wrote."""
    def edit(wb):
        wb["Thể chế"]["G7"] = written

    (found,) = [f for f in check_master(_edited(tmp_path, edit))
                if f.code == "deadline-undated" and (f.sheet, f.cell) == ("Thể chế", "G7")]
    assert f"ví dụ '{example}'" in found.message


def test_working_days_over_a_holiday_are_told_as_such(tmp_path: Path) -> None:
    """Working days counted over a time a holiday may fall in have no day
    (deadlines.counts): the warning said the text "không có ngày cụ thể (theo sự kiện…)"
    of a text that writes its day; it says why there is none, and what to write."""
    def edit(wb):
        wb["Thể chế"]["G7"] = "Trong 10 ngày làm việc kể từ 20/01/2023"
        wb["Thể chế"]["G8"] = "Trong 10 ngày làm việc kể từ 02/3/2023"

    found = {f.cell: f.message for f in check_master(_edited(tmp_path, edit))
             if f.code == "deadline-undated" and f.sheet == "Thể chế"}
    assert found["G7"].startswith(
        "thời hạn 'Trong 10 ngày làm việc kể từ 20/01/2023' tính bằng ngày làm việc, mà trong "
        "khoảng đó có thể có ngày nghỉ lễ, Tết (do Chính phủ quyết định từng năm): chưa tính "
        "được ngày hết hạn, giữ nguyên văn;")
    assert found["G7"].endswith("đã biết ngày hết hạn thì ghi ngày đó (ví dụ 'Trước 05/02/2023')")
    assert "G8" not in found  # counted: due 16/3/2023


@pytest.mark.slow  # splits the whole seed plan
def test_an_undatable_deadline_is_kept_and_never_blocks(tmp_path: Path) -> None:
    def edit(wb):
        wb["Thể chế"]["G7"] = "Khi nào xong"
        wb["Thể chế"]["G8"] = "Trong thời hạn 05 ngày làm việc kể từ ngày văn bản QPPL có hiệu lực"

    path = _edited(tmp_path, edit)
    found = [f for f in check_master(path) if f.code.startswith("deadline-")
             and f.sheet == "Thể chế"]
    assert [(f.severity, f.code, f.cell, f.task) for f in found] == [
        ("warning", "deadline-undated", "G6", "TC-01"),
        ("warning", "deadline-unparsed", "G7", "TC-02"),
        ("warning", "deadline-undated", "G8", "TC-03")]
    assert "Khi nào xong" in found[1].message and "Cần đánh giá" in found[1].message
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0
    shown = json.loads(runner.invoke(main, ["show", str(path), "--json"]).output)
    tc02 = shown["areas"][0]["tasks"][1]["deliverables"][0]
    assert (tc02["deadline"], tc02["due"], tc02["parts"][0]["kind"]) == (
        "Khi nào xong", None, "unknown")
    for args in (["split", str(path), "--period", "9T", "--out", str(tmp_path / "giao")],
                 ["appendix", str(path), "--out", str(tmp_path / "pl.xlsx")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    row = next(r for r in load_workbook(next((tmp_path / "giao").glob("TP-*.xlsx")))["Thể chế"]
               .iter_rows(values_only=True) if r[0] == "TC-02")
    assert "Khi nào xong" in row and "Cần xác định" in row


def test_a_due_date_before_the_plan_was_issued_is_a_warning(hh_master) -> None:
    found = [f for f in check_master(HH_MASTER) if f.code == "deadline-before-issue"]
    # "Kèm theo Quyết định ... ngày   tháng 12 năm 2022": issued in December 2022.
    assert [(f.severity, f.sheet, f.cell) for f in found] == [
        ("warning", "Tài chính công", "G8"), ("warning", "Chính quyền điện tử, số", "G6"),
        ("warning", "Chính quyền điện tử, số", "G12")]
    assert "Tháng 11/2022" in found[0].message and "12/2022" in found[0].message
    assert not [f for f in check_master(NH_MASTER) if f.code == "deadline-before-issue"]


def test_a_due_date_of_a_year_before_the_plan_is_said(tmp_path: Path) -> None:
    """"Trước ngày 15/12/2022" in a plan of 2023 (not before its issue, so no
    'deadline-before-issue'): the task was overdue from the first day and nothing said why
    (a QA pass). The check of a plan typed in Excel says it at the cell, as split and the
    web app's plan page show the check's findings: a warning when the plan's issue is
    unknown, a note when it was issued before the date (December's work due by the year's
    start, as the Nghĩa Hưng seed's)."""
    def edit(wb, attachment=None):
        wb["Thể chế"]["G7"] = "Trước ngày 15/12/2022"
        if attachment is not None:
            wb["Kế hoạch"]["B8"] = attachment

    # Without its "Kèm theo" line, the seed's own "Tháng 11/2022" are said so too.
    (unknown,) = [f for f in check_master(_edited(tmp_path, lambda wb: edit(wb, "")))
                  if f.code == "deadline-before-plan-year" and f.sheet == "Thể chế"]
    assert (unknown.severity, unknown.sheet, unknown.cell) == ("warning", "Thể chế", "G7")
    assert unknown.message == (
        "thời hạn 'Trước ngày 15/12/2022' (15/12/2022) trước năm kế hoạch 2023: kiểm tra lại "
        "năm ghi trong kế hoạch (ví dụ 'Trước ngày 15/12/2023'); nếu là nhiệm vụ năm trước "
        "chuyển sang thì giữ nguyên, chưa hoàn thành thì nhiệm vụ được tính là 'Quá hạn' ngay "
        "từ kỳ báo cáo đầu tiên của năm 2023")
    (issued,) = [f for f in check_master(_edited(tmp_path, edit))
                 if f.code == "deadline-before-plan-year"]
    assert (issued.severity, issued.cell) == ("note", "G7")
    assert issued.message == (
        "thời hạn 'Trước ngày 15/12/2022' (15/12/2022) trước năm kế hoạch 2023, sau khi kế "
        "hoạch được ban hành (tháng 12/2022): việc phải xong trước năm 2023 thì giữ nguyên, "
        "chưa hoàn thành thì nhiệm vụ được tính là 'Quá hạn' ngay từ kỳ báo cáo đầu tiên của "
        "năm 2023; nếu ghi nhầm năm, sửa lại (ví dụ 'Trước ngày 15/12/2023')")
    # Said once: a date before the issue is 'deadline-before-issue', with the same advice.
    (before,) = [f for f in check_master(HH_MASTER) if f.code == "deadline-before-issue"
                 and f.cell == "G8"]
    assert before.message.endswith(
        "kiểm tra lại năm ghi trong kế hoạch (ví dụ 'Tháng 11/2023'); nếu là nhiệm vụ năm "
        "trước chuyển sang thì giữ nguyên, chưa hoàn thành thì nhiệm vụ được tính là 'Quá "
        "hạn' ngay từ kỳ báo cáo đầu tiên của năm 2023")
    assert not [f for f in check_master(HH_MASTER) if f.code == "deadline-before-plan-year"]
    assert {f.severity for f in check_master(NH_MASTER)
            if f.code == "deadline-before-plan-year"} == {"note"}


def test_days_before_an_events_day_are_said_as_an_event(tmp_path: Path) -> None:
    """Warned "không đọc được ngày hạn", its user told to write a date, while "Trong thời
    hạn 05 ngày làm việc kể từ ngày văn bản QPPL có hiệu lực" was said to be tied to an
    event (a QA pass)."""
    text = "Chậm nhất 05 ngày làm việc trước ngày văn bản QPPL có hiệu lực"

    def edit(wb):
        wb["Thể chế"]["G7"] = text

    found = [f for f in check_master(_edited(tmp_path, edit)) if f.cell == "G7"
             and f.sheet == "Thể chế"]
    assert [f.code for f in found] == ["deadline-undated"]
    assert found[0].message.startswith(
        f"thời hạn '{text}' không có ngày cụ thể (theo sự kiện, văn bản khác hoặc cả giai "
        "đoạn): giữ nguyên văn")


def test_a_due_date_after_the_plan_year_is_said(tmp_path: Path) -> None:
    """"Năm 2023 - 2024" in a plan of 2023 is due 31/12/2024: every report of 2023 read it
    "within time" and nothing said why (a QA pass)."""
    def edit(wb):
        wb["Thể chế"]["G7"] = "Năm 2023 - 2024"

    (found,) = [f for f in check_master(_edited(tmp_path, edit))
                if f.code == "deadline-after-plan-year"]
    assert (found.severity, found.sheet, found.cell) == ("note", "Thể chế", "G7")
    assert found.message == (
        "thời hạn 'Năm 2023 - 2024' được tính là 31/12/2024, sau năm kế hoạch 2023: các báo "
        "cáo năm 2023 tính nhiệm vụ là chưa đến hạn; nếu phải xong trong năm 2023, ghi mốc "
        "của năm đó (ví dụ 'Quý IV/2023')")
    assert not [f for f in check_master(HH_MASTER) + check_master(NH_MASTER)
                if f.code == "deadline-after-plan-year"]


def test_a_deadline_with_a_part_in_the_plan_year_is_no_later_one(tmp_path: Path) -> None:
    """"Năm 2023, Quý II/2024" is judged by 31/12/2023 in 2023: the note said "chưa đến
    hạn" of it (the QA pass of the note)."""
    def edit(wb):
        wb["Thể chế"]["G7"] = "Năm 2023, Quý II/2024"

    assert not [f for f in check_master(_edited(tmp_path, edit))
                if f.code == "deadline-after-plan-year"]


def test_duplicate_id_and_missing_column(tmp_path: Path) -> None:
    def edit(wb):
        wb["Thể chế"]["A7"] = "TC-01"
        wb["Tài chính công"]["G5"] = "Hạn"

    found = check_master(_edited(tmp_path, edit))
    (twice,) = [f for f in found if f.code == "id-duplicate"]
    # Where the id is already used, and what to do (a QA pass: it said only where).
    assert (twice.sheet, twice.cell) == ("Thể chế", "A7")
    assert twice.message == (
        "mã 'TC-01' đã dùng ở trang 'Thể chế' ô A6: mỗi nhiệm vụ, sản phẩm một mã; đổi mã ở "
        "một trong hai dòng cho khác nhau (sản phẩm tiếp theo của cùng nhiệm vụ: thêm .2, .3 "
        "sau mã nhiệm vụ)")
    missing = [f for f in found if f.code == "missing-column"]
    assert missing and missing[0].sheet == "Tài chính công"
    assert "Thời gian hoàn thành" in missing[0].message


@pytest.mark.parametrize("code, said", [
    ("tp", "mã đơn vị 'tp' trùng với mã 'TP' ở ô A3 (mã không phân biệt chữ hoa, chữ "
           "thường): mỗi đơn vị một mã; đổi mã ở một trong hai dòng cho khác nhau"),
    ("TP", "mã đơn vị 'TP' trùng với mã 'TP' ở ô A3: mỗi đơn vị một mã; đổi mã ở một trong "
           "hai dòng cho khác nhau"),
])
def test_unit_codes_alike_but_for_case_are_one_code(tmp_path: Path, code, said) -> None:
    """A QA pass: "XA01" and "xa01" were two units, while a group's members, a unit's
    "Thuộc nhóm" and the units' files match codes whatever their case."""
    def edit(wb):
        ws = wb["Đơn vị"]
        ws.insert_rows(4)
        ws["A4"], ws["B4"], ws["C4"] = code, "Phòng Tư pháp 2", "Phòng, ban, sở, ngành"

    (twice,) = [f for f in check_master(_edited(tmp_path, edit)) if f.code == "unit-duplicate"]
    assert (twice.severity, twice.sheet, twice.cell, twice.message) == (
        ERROR, "Đơn vị", "A4", said)


def test_nfd_text_in_a_cell_resolves(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__(
        "E6", unicodedata.normalize("NFD", "Phòng Tư pháp")))
    master, found = read_master(path)
    assert not [f for f in found if f.severity == "error"]
    assert master.areas[0].tasks[0].deliverables[0].lead == ["TP"]


def test_legacy_encoded_text_is_rejected(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("E6", "Phßng T­ ph¸p"))
    assert "legacy-encoding" in codes(check_master(path))


def test_missing_sheet_and_unreadable_file(tmp_path: Path) -> None:
    def edit(wb):
        del wb["Kế hoạch"]

    result = CliRunner().invoke(main, ["check", str(_edited(tmp_path, edit))])
    assert result.exit_code == 1 and "Kế hoạch" in result.output
    fake = tmp_path / "fake.xlsx"
    fake.write_text("STT,Nội dung\n1,abc\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(fake)])
    assert result.exit_code == 1
    assert "fake.xlsx" in result.output and "không phải bảng tính Excel" in result.output
    result = CliRunner().invoke(main, ["show", str(fake)])
    assert result.exit_code == 1 and result.output.startswith("Lỗi: tệp")


def test_check_and_show_do_not_change_the_master() -> None:
    before = hashlib.sha256(HH_MASTER.read_bytes()).hexdigest()
    CliRunner().invoke(main, ["check", str(HH_MASTER)])
    CliRunner().invoke(main, ["show", str(HH_MASTER), "--json"])
    assert hashlib.sha256(HH_MASTER.read_bytes()).hexdigest() == before


def test_show_json() -> None:
    result = CliRunner().invoke(main, ["show", str(NH_MASTER), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [a["code"] for a in data["areas"]][:3] == ["CD", "TC", "TTHC"]
    tasks = [t for a in data["areas"] for t in a["tasks"]]
    assert len(tasks) == 40
    t9 = next(t for t in tasks if t["number"] == "9")
    assert t9["lead"] and all(isinstance(n, str) for n in t9["lead"])
    first = t9["deliverables"][0]
    assert set(first) >= {"id", "product", "deadline", "due", "recurrence", "funding"}
    every = [d for t in tasks for d in t["deliverables"]]
    assert all(d["due"] or d["recurrence"] for d in every)
    radio = [t["id"] for t in tasks if "Đài Truyền thanh huyện" in t["lead"]]
    assert radio


def test_show_text() -> None:
    result = CliRunner().invoke(main, ["show", str(HH_MASTER)])
    assert result.exit_code == 0
    assert "34 nhiệm vụ" in result.output and "Cải cách thể chế" in result.output
    # Undated deadlines are named in Vietnamese, never by their internal codes.
    assert "Thường xuyên" in result.output and "Hằng quý" in result.output
    assert not any(code in result.output for code in ("continuous", "quarterly", "event"))


def test_init_creates_a_master_that_checks(tmp_path: Path) -> None:
    path = tmp_path / "new.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--year", "2025"])
    assert result.exit_code == 0, result.output
    master = read_master(path)[0]
    assert master.plan.year == 2025
    assert master.period("Q1").start.isoformat() == "2024-12-15"
    # the one thing a new master lacks: who issues it
    check = CliRunner().invoke(main, ["check", str(path)])
    assert check.exit_code == 1 and "1 lỗi" in check.output and "Cơ quan ban hành" in check.output
    again = CliRunner().invoke(main, ["init", str(path)])
    assert again.exit_code == 2 and "--force" in again.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help, f"command {name} has no help"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Cách dùng:" in result.output
        assert "Tùy chọn:" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output
        assert "Usage" not in result.output and "Show this message" not in result.output


# --- what people do to a master in Excel ------------------------------------------------

def test_group_membership_by_code_or_name_and_unknown_group(tmp_path: Path) -> None:
    def edit(wb):
        ws = wb["Đơn vị"]
        header = [c.value for c in ws[1]]
        col = header.index("Thuộc nhóm") + 1
        ttr = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "TTR")
        bpmc = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "BPMC")
        ws.cell(ttr, col, "Các đơn vị sự nghiệp công lập")  # a group's name
        ws.cell(bpmc, col, "khoi-kinh-te")  # no such group
        wb["Thể chế"]["E6"] = "Các đơn vị sự nghiệp công lập"

    master, found = read_master(_edited(tmp_path, edit))
    unknown = [f for f in found if f.code == "group-unknown"]
    assert len(unknown) == 1 and unknown[0].unit == "BPMC" and unknown[0].sheet == "Đơn vị"
    assert unknown[0].cell.startswith("E")
    assert "TTR" in master.areas[0].tasks[0].deliverables[0].lead


def test_group_members_by_unit_name_or_other_name(tmp_path: Path) -> None:
    """"Gồm các đơn vị" written as a plan writes units (their names, other names) means
    those units; what is neither a code nor a name asks for a unit's code."""
    def edit(wb):
        assert wb["Nhóm"]["A6"].value == "UBND"
        wb["Nhóm"]["E6"] = ("Văn phòng HĐND và UBND huyện\nPhòng Tài chính; TP\n"
                            "Phòng Tư phap; Phòng Y tế")

    master, found = read_master(_edited(tmp_path, edit))
    assert next(g for g in master.groups if g.code == "UBND").members == ["VP", "TCKH", "TP"]
    unknown = [f for f in found if f.code == "group-member-unknown"]
    assert [(f.sheet, f.cell) for f in unknown] == [("Nhóm", "E6")] * 2
    assert [f.message for f in unknown] == [
        f"nhóm 'UBND' ghi đơn vị '{name}' không có trong trang 'Đơn vị' (không trùng mã hay "
        "tên đơn vị nào): ghi mã đơn vị ở cột 'Mã đơn vị' của trang 'Đơn vị' (ví dụ "
        f"{example}), hoặc tên đơn vị đúng như cột 'Tên đơn vị'"
        for name, example in [("Phòng Tư phap", "'TP' cho 'Phòng Tư pháp'"),
                              ("Phòng Y tế", "'NV' cho 'Phòng Nội vụ'")]]


def test_an_area_code_with_a_vietnamese_letter_is_refused_at_b1(tmp_path: Path) -> None:
    """"CĐ" in B1: ids cannot begin with it, so B1 is refused and every example is built
    from the code ids can hold ("CD"), never suggesting ids that are then refused."""
    def edit(wb):
        ws = wb["Thể chế"]
        ws["B1"], ws["A6"], ws["A7"] = "CĐ", None, "CĐ-02"

    found = [f for f in check_master(_edited(tmp_path, edit)) if f.sheet == "Thể chế"
             and f.code.startswith(("area-", "id-"))]
    assert [(f.code, f.cell) for f in found] == [
        ("area-code-invalid", "B1"), ("id-missing", "A6"), ("id-invalid", "A7")]
    assert found[0].message == (
        "mã lĩnh vực 'CĐ' có ký tự không dùng được trong mã nhiệm vụ (chỉ gồm chữ không dấu, "
        "số và '_'): ghi 'CD' và đặt mã nhiệm vụ CD-01, CD-02...")
    assert "ví dụ CD-01 " in found[1].message and "CĐ" not in found[1].message
    assert found[2].message.endswith("chỉ gồm chữ không dấu và số: ghi 'CD-02'")


def test_an_area_without_its_title_is_a_warning(tmp_path: Path) -> None:
    master, found = read_master(_edited(tmp_path, lambda wb: wb["Tài chính công"].__setitem__(
        "B2", None)))
    missing = [f for f in found if f.code == "area-title-missing"]
    assert [(f.severity, f.sheet, f.cell) for f in missing] == [
        ("warning", "Tài chính công", "B2")]
    assert missing[0].message == (
        "chưa ghi tên lĩnh vực ở ô B2: báo cáo và phụ lục đang lấy tên trang 'Tài chính công' "
        "làm tên lĩnh vực; ghi tên đầy đủ của lĩnh vực vào ô B2, ví dụ 'Cải cách thể chế'")
    assert [a.title for a in master.areas if a.sheet == "Tài chính công"] == ["Tài chính công"]


def test_a_date_that_does_not_exist_is_said_so(tmp_path: Path) -> None:
    """"Trước 31/2/2023" is written as asked: the date itself does not exist."""
    def edit(wb):
        wb["Thể chế"]["G7"] = "Trước 31/2/2023"
        wb["Thể chế"]["G8"] = "12/31/2023"
        wb["Thể chế"]["G6"] = "2/30/2023"  # no day read either way: nothing to ask

    found = [f for f in check_master(_edited(tmp_path, edit))
             if f.code == "deadline-unparsed" and f.sheet == "Thể chế"]
    assert [(f.severity, f.cell) for f in found] == [("warning", "G6"), ("warning", "G7"),
                                                     ("warning", "G8")]
    no_day_either_way = found.pop(0)
    assert found[0].message == (
        "ngày 31/02/2023 trong thời hạn 'Trước 31/2/2023' không có thật (tháng 02/2023 chỉ có "
        "28 ngày): sửa lại ngày cho đúng (hạn là cuối tháng thì ghi 'Trước 28/02/2023'); đến "
        "khi sửa, thời hạn được giữ nguyên văn và kết quả được đánh dấu 'Cần đánh giá'")
    assert found[1].message.startswith(
        "ngày 12/31/2023 trong thời hạn '12/31/2023' không có thật (không có tháng 31): sửa "
        "lại theo thứ tự ngày/tháng/năm (có phải '31/12/2023'?)")
    # 30/02/2023 is no day either: the message does not ask for it.
    assert no_day_either_way.message.startswith(
        "ngày 02/30/2023 trong thời hạn '2/30/2023' không có thật (không có tháng 30): sửa "
        "lại theo thứ tự ngày/tháng/năm; đến khi sửa")


def test_task_rows_without_ids_are_not_called_no_tasks(tmp_path: Path) -> None:
    """Every row lacking only its id: each row is told, never "no task yet"."""
    def edit(wb):
        for ws in wb.worksheets[4:]:
            for row in ws.iter_rows(min_row=6, max_col=1):
                row[0].value = None

    found = check_master(_edited(tmp_path, edit))
    assert "id-missing" in codes(found)
    assert [f.message for f in found if "chưa có nhiệm vụ" in f.message] == []
    assert "no-tasks" not in codes(found)


def test_duplicate_period_code(tmp_path: Path) -> None:
    def edit(wb):
        ws = wb["Kỳ báo cáo"]
        ws.append(["9T", "9 tháng (sửa)", ws["C2"].value, ws["D3"].value, ws["E3"].value])

    found = [f for f in check_master(_edited(tmp_path, edit)) if f.code == "period-duplicate"]
    assert len(found) == 1 and found[0].sheet == "Kỳ báo cáo"


def test_a_period_code_that_cannot_name_a_folder(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Kỳ báo cáo"].__setitem__("A3", "6 tháng"))
    (found,) = [f for f in check_master(path) if f.code == "period-code-invalid"]
    assert (found.severity, found.sheet, found.cell) == ("error", "Kỳ báo cáo", "A3")
    assert found.message.startswith("mã kỳ '6 tháng' có ký tự không dùng được")
    assert "(ví dụ 6T, Q3, NAM)" in found.message


def test_an_alias_given_to_two_units_names_both(tmp_path: Path) -> None:
    def edit(wb):
        ws = wb["Đơn vị"]
        ttr = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "TTR")
        ws.cell(ttr, 4, "UBND xã Hoằng Đông")
        wb["Thể chế"]["E6"] = "UBND xã Hoằng Đông"

    found = check_master(_edited(tmp_path, edit))
    conflict = [f for f in found if f.code == "name-conflict"]
    assert len(conflict) == 1
    assert "UBND xã Hoằng Đông" in conflict[0].message
    assert "TTR" in conflict[0].message and "X06" in conflict[0].message
    ambiguous = [f for f in found if f.code == "unit-ambiguous"]
    assert [(f.sheet, f.cell) for f in ambiguous] == [("Thể chế", "E6")]


def test_same_as_above_and_inherited_rows_are_not_reported_twice(tmp_path: Path) -> None:
    def edit(wb):
        ws = wb["Thể chế"]
        ws["E6"] = "Phòng Tư phap"  # TC-01, reported once
        ws["E7"] = "Như trên"  # TC-02 repeats TC-01's lead
        ws["E8"] = "nt"
        ws["G8"] = "Như trên"

    master, found = read_master(_edited(tmp_path, edit))
    unresolved = [f for f in found if f.code == "unit-unresolved"]
    assert [f.cell for f in unresolved] == ["E6"]
    tc = master.areas[0].tasks
    assert tc[1].deliverables[0].lead_text == tc[0].deliverables[0].lead_text == "Phòng Tư phap"
    assert tc[2].deliverables[0].deadline.raw == tc[1].deliverables[0].deadline.raw


def test_formula_without_a_computed_value(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("E6", "=E7"))
    found = [f for f in check_master(path) if f.code == "formula-no-value"]
    assert [(f.sheet, f.cell) for f in found] == [("Thể chế", "E6")]


def test_deadline_typed_as_a_date(tmp_path: Path) -> None:
    from datetime import datetime

    def edit(wb):
        wb["Thể chế"]["G6"] = datetime(2023, 11, 5)
        wb["Thể chế"]["G7"] = 45245  # a serial number in a cell with no date format

    master, found = read_master(_edited(tmp_path, edit))
    tc = master.areas[0].tasks
    assert tc[0].deliverables[0].deadline.due.isoformat() == "2023-11-05"
    assert tc[1].deliverables[0].deadline.due.isoformat() == "2023-11-15"
    notes = [f.cell for f in found if f.code == "deadline-typed-date"]
    assert notes == ["G6"]  # day 5 may be a swapped month; day 15 cannot


@pytest.mark.filterwarnings("ignore:Title is more than 31 characters")
def test_long_sheet_name_is_a_warning_and_outputs_shorten_it(tmp_path: Path) -> None:
    from cchc_xl.appendix import write_appendix

    long = "Thông tin tuyên truyền về cải cách hành chính"
    path = _edited(tmp_path, lambda wb: setattr(wb["Chỉ đạo, điều hành"], "title", long))
    master, found = read_master(path)
    assert "sheet-name-too-long" in codes(found)
    assert not [f for f in found if f.severity == "error"]
    out = write_appendix(master, tmp_path / "phu-luc.xlsx")
    names = load_workbook(out).sheetnames
    # cut after a whole word: not "… về cải c"
    assert all(len(n) <= 31 for n in names) and "Thông tin tuyên truyền về cải" in names


@pytest.mark.parametrize("name, taken, expected", [
    ("Nhiệm vụ của các cơ quan ngành dọc và đơn vị khác", set(),
     "Nhiệm vụ của các cơ quan ngành"),
    ("Của các cơ quan ngành dọc và đơn vị khác", set(), "Của các cơ quan ngành dọc"),
    # a comma too near the start is not cut at: the name would say too little
    ("Thông tin, tuyên truyền cải cách hành chính", set(), "Thông tin, tuyên truyền cải"),
    ("Nhiệm vụ của các cơ quan, đơn vị khác của tỉnh", set(), "Nhiệm vụ của các cơ quan"),
    ("Của các cơ quan ngành dọc và đơn vị khác", {"của các cơ quan ngành dọc"},
     "Của các cơ quan ngành dọc (2)"),
    ("Tổ chức bộ máy, sắp xếp đơn vị, hành chính", set(), "Tổ chức bộ máy, sắp xếp đơn vị"),
    ("Abcdefghijklmnopqrstuvwxyzabcdefghijk", set(), "Abcdefghijklmnopqrstuvwxyzabcde"),
    ("Thể chế", {"thể chế"}, "Thể chế (2)")])
def test_a_long_sheet_name_is_cut_after_a_whole_word(name, taken, expected) -> None:
    """A sheet name cut at Excel's 31 characters ended mid-word: "… ngành dọc và đơ"."""
    from cchc_xl.sheet_names import sheet_name

    assert sheet_name(name, set(taken)) == expected


def test_a_new_master_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "new.xlsx"
    assert CliRunner().invoke(main, ["init", str(path), "--level", "huyen"]).exit_code == 0
    assert load_workbook(path).sheetnames[-1] == "Lĩnh vực 1"
    again = write_master(read_master(path)[0], tmp_path / "again.xlsx")
    groups = {g.code: g.kinds for g in read_master(again)[0].groups}
    assert groups == {"PB": ["department"], "XA": ["commune"], "LQ": []}
    assert load_workbook(again)["Nhóm"]["D2"].value == "Phòng, ban, sở, ngành"
    assert load_workbook(again).sheetnames[-1] == "Lĩnh vực 1"


def test_check_json_lists_findings_withcodes(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("E7", "Phòng Tư phap"))
    result = CliRunner().invoke(main, ["check", str(path), "--json"])
    assert result.exit_code == 1
    found = json.loads(result.output)
    unresolved = [f for f in found if f["code"] == "unit-unresolved"]
    assert unresolved and unresolved[0]["cell"] == "E7" and unresolved[0]["severity"] == "error"


def test_commands_refuse_a_master_with_errors(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("E6", "Phòng Tư phap"))
    result = CliRunner().invoke(main, ["split", str(path), "--period", "9T", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "cchc-xl check" in result.output and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_python_dash_m_runs_the_cli() -> None:
    import subprocess

    done = subprocess.run([sys.executable, "-m", "cchc_xl", "--version"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and "cchc-xl" in done.stdout


@pytest.mark.slow
def test_python_dash_m_cchc_xl_cli_runs_as_before_the_package() -> None:
    """``python -m cchc_xl.cli``, as the command ran while it was one module (cli.py):
    the package cchc_xl/cli/ had no ``__main__`` and Python stopped with "No module named
    cchc_xl.cli.__main__". Same help as ``python -m cchc_xl`` (its name in the usage
    line aside), same exit codes."""
    import subprocess

    def run(module: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", module, *args], capture_output=True,
                              text=True, check=False)

    helped, usual = run("cchc_xl.cli", "--help"), run("cchc_xl", "--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("Cách dùng: python -m cchc_xl.cli [TÙY CHỌN] LỆNH")
    assert helped.stdout.replace("cchc_xl.cli", "cchc_xl") == usual.stdout
    wrong = run("cchc_xl.cli", "splt")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("Lỗi: không có lệnh 'splt'; có phải 'split'?")
    failed = run("cchc_xl.cli", "show", "khong-co.xlsx")
    assert failed.returncode == run("cchc_xl", "show", "khong-co.xlsx").returncode != 0
    assert "khong-co.xlsx" in failed.stderr + failed.stdout


@pytest.mark.parametrize("args, words", [
    (["split", "master.xlsx"], "thiếu tùy chọn --period"),
    (["splt"], "không có lệnh 'splt'; có phải 'split'?"),
    (["init", "a.xlsx", "--year", "abc"], "'abc' không phải số nguyên"),
    (["check", "--bogus", "x.xlsx"], "không có tùy chọn --bogus"),
    (["merge", "master.xlsx", "--period", "9T", "--out", "o.xlsx"], "thiếu tham số"),
])
def test_usage_errors_are_said_in_vietnamese(args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: ") and words in result.output
    assert "--help" in result.output and "Error" not in result.output


def test_group_help_and_version_in_vietnamese() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "[TÙY CHỌN] LỆNH [THAM SỐ]" in result.output and "Lệnh:" in result.output
    assert "phiên bản" in CliRunner().invoke(main, ["--version"]).output


def test_a_problem_repeated_down_a_sheet_is_listed_twenty_times_then_counted(tmp_path):
    """A column of the groups sheet filled down 45 rows without group codes gave 45
    findings; dragged to the bottom of the sheet, a line per row (300,000)."""
    from support import hostile

    master = tmp_path / "ke-hoach.xlsx"
    hostile.dragged_plan_column(HH_MASTER, master, last=7 + 45)
    _, findings = read_master(master)
    missing = [f for f in findings if f.code == "group-code-missing"]
    assert [f.cell for f in missing[:20]] == [f"A{r}" for r in range(8, 28)]
    assert len(missing) == 21
    assert missing[-1].sheet == "Nhóm" and missing[-1].severity == "error"
    assert missing[-1].message == ("và 25 chỗ khác trên trang này có cùng vấn đề (chỗ cuối: "
                                   "A52): sửa như các chỗ trên")
    # Other problems are listed as before.
    assert [c for c in codes(findings) if c != "group-code-missing"] == codes(
        read_master(HH_MASTER)[1])


def test_a_sheet_reaching_past_the_row_limit_is_refused_before_it_is_read(tmp_path,
                                                                          monkeypatch):
    from cchc_xl.errors import WorkbookError
    from support import hostile

    monkeypatch.setattr("cchc_xl.bounds.MAX_WHOLE_ROWS", 1200)  # as if 20,000: quicker
    master = tmp_path / "ke-hoach.xlsx"
    hostile.dragged_plan_column(HH_MASTER, master, last=1200)
    assert read_master(master)[0].groups  # at the limit: read
    hostile.dragged_plan_column(HH_MASTER, master, last=1201)
    with pytest.raises(WorkbookError) as refused:
        read_master(master)
    assert (refused.value.sheet, refused.value.file) == ("Nhóm", str(master))
    assert "có dòng đến số 1.201 (giới hạn 1.200 dòng)" in refused.value.message


def test_a_master_written_with_the_former_commune_label_reads_the_same(tmp_path):
    """The commune kind was labelled "Xã, phường, thị trấn" (no thị trấn since 1 July
    2025; "Cấp xã" now): a master written before, its units and groups so labelled, reads
    as it did."""
    from cchc_xl.vocab import COMMUNE

    old = tmp_path / "ke-hoach-cu.xlsx"
    wb = load_workbook(HH_MASTER)
    relabelled = 0
    for ws in (wb["Đơn vị"], wb["Nhóm"]):
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "Cấp xã":
                    cell.value = "Xã, phường, thị trấn"
                    relabelled += 1
    assert relabelled == 38
    wb.save(old)
    master, found = read_master(old)
    fresh, _ = read_master(HH_MASTER)
    assert [(u.code, u.kind) for u in master.units] == [(u.code, u.kind) for u in fresh.units]
    assert [g.kinds for g in master.groups] == [g.kinds for g in fresh.groups]
    assert [g.kinds for g in master.groups if g.code == "XA"] == [[COMMUNE]]
    assert not [f for f in found if f.code == "unit-kind-unknown"]


def test_the_blank_template_says_how_to_fill_its_tables():
    """A first user wrote task codes "CĐ-01" and group members by name: nothing on the
    area sheet or the groups sheet said how they are written. Their headers carry notes."""
    wb = load_workbook(ROOT / "templates" / "master-xa.xlsx")
    area = wb["Lĩnh vực 1"]
    notes = {c.value: c.comment.text for c in area[5] if c.comment}
    assert "CD-01" in notes["Mã nhiệm vụ"] and "không dấu" in notes["Mã nhiệm vụ"]
    assert "Quý I/2026" in notes["Thời gian hoàn thành"]
    assert "ví dụ CD" in area["A1"].comment.text and "báo cáo" in area["A2"].comment.text
    groups = {c.value: c.comment.text for c in wb["Nhóm"][1] if c.comment}
    assert "Mã đơn vị (hoặc tên đơn vị)" in groups["Gồm các đơn vị"]
    assert area.row_dimensions[5].height and area.row_dimensions[5].height > 15


@pytest.mark.parametrize("year", [2026, None])
def test_a_plan_with_no_period_takes_the_default_ones_of_its_year(hh_master, tmp_path, year):
    """The templates ship "Kỳ báo cáo" blank: a commune's plan filled from one said "0 lỗi
    ... dùng được để giao việc" on the Kế hoạch page, then "Chưa có bảng kế hoạch dùng
    được" on Giao việc (a probe). Its year's periods are taken, said in a note; without a
    year, it is an error that says what to fill."""
    import dataclasses

    plan = dataclasses.replace(hh_master.plan, year=year or 0)
    path = write_master(dataclasses.replace(hh_master, plan=plan, periods=[]),
                        tmp_path / "ke-hoach.xlsx")
    ws = load_workbook(path)["Kỳ báo cáo"]
    assert [c.value for c in ws[2]][:2] == [None, None]  # the table as written: blank
    master, found = read_master(path)
    by_code = {f.code: f for f in found}
    if year:
        assert [(p.code, p.start.isoformat(), p.cutoff.isoformat(), p.due.isoformat())
                for p in master.periods][1:4:2] == [
            ("6T", "2025-12-15", "2026-06-14", "2026-06-20"),
            ("9T", "2025-12-15", "2026-09-14", "2026-09-20")]
        note = by_code["periods-default"]
        assert note.severity == "note" and "6 tháng đầu năm 2026" in note.message
        assert "periods-missing" not in by_code
    else:
        assert master.periods == []
        error = by_code["periods-missing"]
        assert error.severity == "error" and "ghi 'Năm kế hoạch' ở trang 'Kế hoạch'" in \
            error.message


def test_init_takes_the_level_as_people_write_it(tmp_path):
    """'init --level xã' was "không có cấp 'xã'; chọn một trong: tinh, xa, huyen" (a
    probe), while the province was taken without its tones."""
    from click.testing import CliRunner

    from cchc_xl.cli import main

    for level in ("xã", "Tỉnh", "huyện"):
        out = tmp_path / f"{level}.xlsx"
        result = CliRunner().invoke(main, ["init", str(out), "--level", level, "--year", "2026"])
        assert result.exit_code == 0, result.output
        assert read_master(out)[0].plan.year == 2026


def test_a_group_member_given_by_its_code_in_another_case_is_that_unit(tmp_path: Path) -> None:
    """A unit's code typed "mttq" on 'Đơn vị' and "MTTQ" in a group's "Gồm các đơn vị" is
    that unit, as "Thuộc nhóm" names a group's code in any case: not an unknown unit
    whose hint gives the very code ("ví dụ 'mttq'")."""
    def edit(wb):
        wb["Đơn vị"].append(["mttq", "Ủy ban MTTQ Việt Nam huyện", "Khác"])
        assert wb["Nhóm"]["A6"].value == "UBND"
        wb["Nhóm"]["E6"] = "MTTQ; tp"

    master, found = read_master(_edited(tmp_path, edit))
    assert "group-member-unknown" not in codes(found)
    assert next(g for g in master.groups if g.code == "UBND").members == ["mttq", "TP"]


def test_an_area_code_used_on_two_sheets_names_the_other_sheet(tmp_path: Path) -> None:
    """A sheet copied from 'Lĩnh vực 1' keeping another area's code: the finding at B1
    names the sheet that has the code and says what to change, not only "bị trùng"."""
    def edit(wb):
        first = wb["Thể chế"]["B1"].value
        wb[wb.sheetnames[-1]]["B1"] = first

    found = [f for f in check_master(_edited(tmp_path, edit)) if f.code == "area-duplicate"]
    assert len(found) == 1 and found[0].cell == "B1"
    assert "đã dùng ở trang 'Thể chế' (ô B1)" in found[0].message
    assert "ghi mã khác vào ô B1" in found[0].message


def test_a_commune_plan_writes_phong_kt_for_its_phong_kinh_te(tmp_path: Path) -> None:
    """"Phòng KT" in a commune's blank table is its Phòng Kinh tế, as "Phòng VH-XH" is
    its Phòng Văn hóa - Xã hội: not a unit to add."""
    path = tmp_path / "kh.xlsx"
    assert CliRunner().invoke(main, ["init", "--out", str(path), "--year", "2027",
                                     "--commune", "phường Hạc Thành"]).exit_code == 0
    wb = load_workbook(path)
    ws = wb["Lĩnh vực 1"]
    ws["B1"], ws["B2"] = "CDDH", "Công tác chỉ đạo, điều hành"
    row = ["CDDH-01", 1, "Kiểm tra công tác CCHC", "Báo cáo", "VP HĐND-UBND",
           "Phòng KT, Phòng VH-XH", "Quý III/2027"]
    for col, value in zip("ABCDEFG", row, strict=True):
        ws[f"{col}6"] = value
    wb.save(path)
    master, found = read_master(path)
    assert "unit-unresolved" not in codes(found)
    assert master.deliverables()[0].support == ["KT", "VHXH"]


def test_the_plans_return_address_is_read_and_written(hh_master, tmp_path: Path) -> None:
    """"Nơi nhận báo cáo" (where units send their files back, told on every guide): read
    from the "Kế hoạch" sheet, written back; a master written on a template made before
    the row existed (an office's own master as the template) gets the row added, not the
    value dropped."""
    from dataclasses import replace

    text = "Phòng Nội vụ, đồng chí Lê Thị Hoa, ĐT 0237 3865 123"
    master = replace(hh_master, plan=replace(hh_master.plan, return_to=text))
    assert load_master(write_master(master, tmp_path / "new.xlsx")).plan.return_to == text
    # A template without the row: the blank template with its last row taken out.
    old = load_workbook(ROOT / "templates" / "master.xlsx")
    ws = old["Kế hoạch"]
    assert [ws.cell(r, 1).value for r in (ws.max_row - 1, ws.max_row)] == [
        "Nơi nhận báo cáo", "Sửa đổi, bổ sung tại"]
    ws.delete_rows(ws.max_row - 1, 2)  # made before either row existed
    old.save(tmp_path / "old-template.xlsx")
    written = write_master(master, tmp_path / "from-old.xlsx",
                           template=tmp_path / "old-template.xlsx")
    assert load_master(written).plan.return_to == text
    ws = load_workbook(written)["Kế hoạch"]
    assert (ws.cell(ws.max_row, 1).value, ws.cell(ws.max_row, 2).value) == (
        "Nơi nhận báo cáo", text)
    assert ws.cell(ws.max_row, 1).font.b  # in the look of the labels above
    # Nothing to say: no row added.
    plain = write_master(hh_master, tmp_path / "plain.xlsx",
                         template=tmp_path / "old-template.xlsx")
    ws = load_workbook(plain)["Kế hoạch"]
    assert ws.cell(ws.max_row, 1).value != "Nơi nhận báo cáo"
