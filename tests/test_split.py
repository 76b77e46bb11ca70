"""Split: one assignment workbook per unit.

Which units get a file and which rows each holds is checked against an expectation
written here by reading the seed plans (workbooks/*/source/plan.json), not against
split's own selection: a table of who leads and who supports each task, in terms of
unit codes and plain groups expanded from units.json by unit kind.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cchc_xl import assignment as A
from cchc_xl.cli import main
from cchc_xl.errors import UsageError
from cchc_xl.split import split_master
from cchc_xl.split_book import ERRORS, PROMPTS
from cchc_xl.vocab import DONE, STATUSES
from make_sample_returns import ISSUED_AT
from support.golden import assert_matches_golden
from support.paths import HH_MASTER, NH_MASTER, ROOT
from support.shared import built_once
from support.tools import convert_all, needs_libreoffice

ISSUED = datetime(2023, 9, 1, 8, 30)
ROLE = {"L": "Chủ trì", "S": "Phối hợp"}

# Who the plan text names, task by task (area code, printed number): (lead, support).
# Tokens are unit codes or groups: DEPT (every department), COMMUNE (every commune),
# PUBLIC (every public service unit), and "" for open groups ("Các cơ quan liên quan").
HH_TASKS = {
    ("TC", "1"): ("DEPT", "TP COMMUNE"),
    ("TC", "2"): ("TP", "DEPT COMMUNE"),
    ("TC", "3"): ("TP", "DEPT COMMUNE"),
    ("TTHC", "1"): ("VP COMMUNE", "DEPT COMMUNE"),
    ("TTHC", "2"): ("BPMC DEPT COMMUNE", ""),
    ("TTHC", "3"): ("BPMC DEPT COMMUNE", ""),
    ("TTHC", "4"): ("BPMC DEPT COMMUNE", "VP"),
    ("TTHC", "5"): ("BPMC DEPT COMMUNE", "VP"),
    ("TTHC", "6"): ("BPMC DEPT COMMUNE", "VP"),
    ("TTHC", "7"): ("BPMC COMMUNE", "VP"),
    # "- UBND huyện: hướng dẫn ..." in the lead cell: the district office acts for it.
    ("TTHC", "8"): ("DEPT COMMUNE VP", "VP"),
    ("BM", "1"): ("NV", "DEPT COMMUNE PUBLIC"),
    ("BM", "2"): ("VP TTR NNPTNT VHTT", ""),
    ("BM", "3"): ("NV", "DEPT PUBLIC COMMUNE"),
    ("BM", "4"): ("NV COMMUNE", "DEPT"),
    ("CV", "1"): ("NV", "DEPT PUBLIC"),
    ("CV", "2"): ("NV", "DEPT PUBLIC"),
    ("CV", "3"): ("NV", "DEPT PUBLIC"),
    ("CV", "4"): ("NV", "DEPT COMMUNE"),
    ("TCC", "1"): ("TCKH", ""),
    ("TCC", "2"): ("TCKH", ""),
    ("TCC", "3"): ("TCKH", ""),
    ("TCC", "4"): ("TCKH", ""),
    ("CQS", "1"): ("VHTT", "DEPT COMMUNE"),
    ("CQS", "2"): ("VHTT", "DEPT COMMUNE"),
    ("CQS", "3"): ("NV", "DEPT COMMUNE"),
    ("CQS", "4"): ("DEPT COMMUNE", "VHTT"),
    ("CQS", "5"): ("GDDT", "DEPT COMMUNE"),
    ("CQS", "6"): ("VHTT", "DEPT COMMUNE"),
    ("CQS", "7"): ("NV COMMUNE", "DEPT COMMUNE"),
    # Appendix 07 has one "Cơ quan thực hiện" column; roles are stated inside it.
    ("CD", "1"): ("DEPT COMMUNE NV", ""),
    ("CD", "2"): ("NV DEPT COMMUNE", "VP TP TCKH VHTT"),
    ("CD", "3"): ("DEPT TTVH COMMUNE", ""),
    ("CD", "4"): ("NV COMMUNE", "DEPT"),
}
_NH_ALL = "DEPT PUBLIC COMMUNE"  # "Các cơ quan, đơn vị và UBND các xã, thị trấn"
NH_TASKS = {
    **{("CD", n): ("NV", _NH_ALL) for n in ("1", "2", "3")},
    ("CD", "4"): ("KTHT", _NH_ALL),
    **{("TC", n): ("TP", _NH_ALL) for n in ("5", "6", "7")},
    ("TC", "8"): ("TP", "DEPT PUBLIC"),
    ("TTHC", "9"): ("VP", "COMMUNE"),
    ("TTHC", "10"): ("VP", _NH_ALL),
    **{("TTHC", n): ("VP", "COMMUNE") for n in ("11", "12", "13")},
    ("TTHC", "14"): ("VP", "NV"),
    ("TTHC", "15"): ("VP", "COMMUNE"),
    ("TTHC", "16"): ("VP", "VP"),
    ("TTHC", "17"): ("VP", "COMMUNE"),
    **{("BM", n): ("NV", _NH_ALL) for n in ("18", "19")},
    **{("CV", n): ("NV", _NH_ALL) for n in ("20", "21", "22", "23")},
    ("TCC", "24"): ("TCKH", _NH_ALL),
    ("TCC", "25"): ("TCKH", "PUBLIC"),
    ("CQS", "26"): ("VHTT", _NH_ALL),
    ("CQS", "27"): ("VP VHTT", _NH_ALL),
    ("CQS", "28"): ("VP VHTT", _NH_ALL),
    **{("CQS", n): ("VHTT", _NH_ALL) for n in ("29", "30", "31", "32")},
    ("TT", "33"): ("VHTT", _NH_ALL),
    ("TT", "34"): ("VP VHTT", _NH_ALL),
    ("TT", "35"): ("VHTT", _NH_ALL),
    ("TT", "36"): ("DTT COMMUNE", "NV VHTT"),
    **{("CS", n): ("NV", _NH_ALL) for n in ("37", "38", "39", "40")},
}
_KIND_TOKENS = {"DEPT": "department", "COMMUNE": "commune", "PUBLIC": "public_service"}


def expected_assignment(folder: str, table) -> dict[str, list[tuple[str, str, str]]]:
    """unit code -> [(product id, role L/S, area sheet)] in plan order, from the JSON."""
    source = ROOT / "workbooks" / folder / "source"
    plan = json.loads((source / "plan.json").read_text(encoding="utf-8"))
    units = json.loads((source / "units.json").read_text(encoding="utf-8"))["units"]

    def expand(tokens: str) -> set[str]:
        out: set[str] = set()
        for token in tokens.split():
            kind = _KIND_TOKENS.get(token)
            out |= {u["code"] for u in units if u["kind"] == kind} if kind else {token}
        return out

    assert set(table) == {(a["code"], t["number"]) for a in plan["areas"] for t in a["tasks"]}
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for area in plan["areas"]:
        for task in area["tasks"]:
            lead_tokens, support_tokens = table[(area["code"], task["number"])]
            lead, support = expand(lead_tokens), expand(support_tokens)
            # Ids as the seed masters number them: area code, printed number, ".2"...
            base = f"{area['code']}-{int(task['number']):02d}"
            for k, _ in enumerate(task["deliverables"]):
                pid = base if k == 0 else f"{base}.{k + 1}"
                for unit in units:
                    code = unit["code"]
                    role = "L" if code in lead else "S" if code in support else None
                    if role:
                        rows.setdefault(code, []).append((pid, role, area["sheet"]))
    return {u["code"]: rows[u["code"]] for u in units if u["code"] in rows}


HH_EXPECTED = expected_assignment("hoang-hoa-2023", HH_TASKS)
NH_EXPECTED = expected_assignment("nghia-hung-2023", NH_TASKS)


@pytest.fixture(scope="module")
def hh_split(hh_split_9t):
    return hh_split_9t


# Session scope, and built once per run (support/shared.py): xdist hands this module's
# tests out to both processes, in several runs (a module fixture is built each time).
@pytest.fixture(scope="session")
def nh_split(nh_master, tmp_path_factory):
    return built_once(tmp_path_factory, "nh-9T", lambda folder: split_master(
        nh_master, "9T", folder / "out", issued_at=ISSUED))


def file_of(result, code: str) -> Path:
    return next(f.path for f in result.files if f.unit_code == code)


def task_rows(path: Path) -> list[tuple[str, str, str]]:
    """(id, role label, sheet) of every row under the header of every task sheet."""
    wb = load_workbook(path, read_only=True)
    out = []
    for ws in wb.worksheets:
        if ws.title in (A.GUIDE_SHEET, A.IDENTITY_SHEET):
            continue
        for row in ws.iter_rows(min_row=A.HEADER_ROW + 1, values_only=True):
            if row and row[0]:
                # "Phối hợp với Phòng Nội vụ", "Chủ trì cùng 4 đơn vị khác": the role,
                # then the other units (tested apart).
                role = row[A.COLUMNS.index(A.COL_ROLE)].split(" với ")[0].split(" cùng ")[0]
                out.append((row[0], role, ws.title))
    wb.close()
    return out


# --- who gets what ---------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("which", ["hh", "nh"])
def test_one_workbook_per_assigned_unit_with_exactly_its_rows(which, request):
    result = request.getfixturevalue(f"{which}_split")
    expected = HH_EXPECTED if which == "hh" else NH_EXPECTED
    assert [f.unit_code for f in result.files] == list(expected)
    for f in result.files:
        want = expected[f.unit_code]
        got = task_rows(f.path)
        assert got == [(pid, ROLE[role], sheet) for pid, role, sheet in want], f.unit_code
        assert (f.lead_count, f.support_count, f.row_count) == (
            sum(r == "L" for _, r, _ in want), sum(r == "S" for _, r, _ in want), len(want))


def test_every_seed_unit_gets_a_file(hh_split, nh_split):
    # All 10 district units and 37 communes of Hoằng Hóa; all 31 units of Nghĩa Hưng.
    assert len(hh_split.files) == 47
    assert len(nh_split.files) == 31


def test_hand_checked_units(hh_split, nh_split):
    """A few units read straight off the printed plans."""
    commune = task_rows(file_of(hh_split, "X06"))  # Xã Hoằng Đông
    assert [r[0] for r in commune if r[1] == "Chủ trì"] == [
        "TTHC-01", "TTHC-02", "TTHC-03", "TTHC-04", "TTHC-05", "TTHC-06", "TTHC-07",
        "TTHC-08", "BM-04", "CQS-04", "CQS-07", "CD-01", "CD-02", "CD-03", "CD-04"]
    justice = task_rows(file_of(hh_split, "TP"))
    assert [r[0] for r in justice[:3]] == ["TC-01", "TC-02", "TC-03"]
    radio = task_rows(file_of(nh_split, "DTT"))  # Đài Truyền thanh huyện
    assert [r[0] for r in radio if r[1] == "Chủ trì"] == ["TT-36"]
    assert ("TCC-25", "Phối hợp", "Tài chính công") in radio
    assert not any(r[0].startswith("TTHC-09") for r in radio)  # open group + communes only


def test_identity_reads_back(hh_split, nh_split):
    for result, plan in ((hh_split, "hoang-hoa-2023"), (nh_split, "nghia-hung-2023")):
        expected = HH_EXPECTED if result is hh_split else NH_EXPECTED
        for f in result.files:
            wb = load_workbook(f.path, read_only=True)
            reading = A.read_identity(wb)
            wb.close()
            ident = reading.identity
            assert reading.checksum_ok and not reading.conflicts, f.unit_code
            assert set(reading.sources) == {"sheet", "names", "properties"}
            assert (ident.plan, ident.year, ident.unit, ident.unit_name, ident.period) == (
                plan, 2023, f.unit_code, f.unit_name, "9T")
            assert ident.rows == [pid for pid, _, _ in expected[f.unit_code]]
            issued = ISSUED_AT if result is hh_split else ISSUED  # the session's hh split
            assert ident.issued_at == issued.isoformat()


def test_identity_of_a_unit_with_thousands_of_rows_keeps_its_checksum(tmp_path):
    """A commune of a 10,000-task plan: its row list is longer than one cell holds
    (32,767 characters); it used to be cut, and every untouched file was reported
    as having a broken identity checksum."""
    import xlsxwriter

    rows = [f"LV{n // 100:02d}-{n:05d}.1" for n in range(10_000)]
    ident = A.Identity(plan="tinh-2024", year=2024, unit="X001", unit_name="Xã Một",
                       period="Q1", rows=rows)
    assert len(ident.fields()["rows"]) > 32767
    path = tmp_path / "x001.xlsx"
    wb = xlsxwriter.Workbook(path)
    A.write_identity_xlsxwriter(wb, ident)
    wb.close()
    book = load_workbook(path, read_only=True)
    reading = A.read_identity(book)
    cells = [c for row in book[A.IDENTITY_SHEET].iter_rows(values_only=True) for c in row]
    book.close()
    assert max(len(c) for c in cells if isinstance(c, str)) <= 32767
    assert reading.checksum_ok and not reading.conflicts
    assert reading.identity.rows == rows


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=3), st.integers(), st.booleans(),
                          st.floats(allow_nan=False)), max_size=40))
def test_identity_pieces_are_every_value_after_the_key_in_order(values) -> None:
    row = ("key", *values)
    assert A._row_pieces(row) == [str(v) for v in values if v is not None]

# --- what a unit sees ------------------------------------------------------------------

def test_guide_sheet(hh_split):
    wb = load_workbook(file_of(hh_split, "TP"))
    assert wb.sheetnames[0] == A.GUIDE_SHEET
    assert wb.sheetnames[-1] == A.IDENTITY_SHEET
    assert wb[A.IDENTITY_SHEET].sheet_state == "veryHidden"
    ws = wb[A.GUIDE_SHEET]
    assert ws[A.GUIDE_UNIT_CELL].value == "TP"
    table = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert table["Đơn vị"] == "Phòng Tư pháp"
    assert "14/09/2023" in table["Kỳ báo cáo"] and "15/12/2022" in table["Kỳ báo cáo"]
    assert "20/09/2023" in table["Hạn gửi lại"]
    lead = sum(r == "L" for _, r, _ in HH_EXPECTED["TP"])
    support = len(HH_EXPECTED["TP"]) - lead
    assert table["Nhiệm vụ được giao"] == (
        f"{lead + support} dòng: {lead} chủ trì, {support} phối hợp")
    for status in STATUSES:
        assert status in table
    assert table["Thể chế"].startswith("Cải cách thể chế: 3 dòng")
    assert ws.protection.sheet
    assert ws.page_setup.paperSize == 9


def test_task_sheet_layout(nh_split):
    wb = load_workbook(file_of(nh_split, "X05"))
    ws = wb["Thủ tục hành chính"]
    assert [c.value for c in ws[A.HEADER_ROW]] == list(A.COLUMNS)
    assert ws["A1"].value == ("Nội dung 3: Cải cách thủ tục hành chính, thực hiện cơ chế "
                              "Một cửa, Một cửa liên thông")
    assert "Xã Nam Điền" in ws["A2"].value
    col = {name: i + 1 for i, name in enumerate(A.COLUMNS)}
    rows = {ws.cell(r, 1).value: r for r in range(A.HEADER_ROW + 1, ws.max_row + 1)}
    first, second = rows["TTHC-09"], rows["TTHC-09.2"]
    assert ws.cell(first, col[A.COL_NUMBER]).value == "9"
    assert ws.cell(first, col[A.COL_TASK]).value.startswith("Xây dựng, ban hành")
    # Later products of a task leave TT and content blank, as the plan prints them.
    assert ws.cell(second, col[A.COL_TASK]).value is None
    assert ws.cell(second, col[A.COL_DEADLINE]).value == "Tháng 12/2022"
    assert ws.cell(second, col[A.COL_DUE]).value == datetime(2022, 12, 31)
    assert ws.cell(second, col[A.COL_DUE]).number_format == "dd/mm/yyyy"
    # A recurring deadline has no date: the column says so in words.
    assert ws.cell(rows["TTHC-10"], col[A.COL_DUE]).value == "Thường xuyên"
    # A coordinating unit is told whom it works with: the lead unit, as the units
    # sheet names it.
    assert ws.cell(first, col[A.COL_ROLE]).value == "Phối hợp với Văn phòng HĐND&UBND huyện"
    for name in A.COLUMNS:
        assert ws.cell(first, col[name]).protection.locked == (name not in A.INPUT_COLUMNS)
        assert ws.cell(first, col[name]).font.name == "Times New Roman"
    assert ws.freeze_panes == "B5"
    # The unit opens the sheet on its first status cell, where it types (not on A1).
    status = ws.cell(A.HEADER_ROW + 1, col[A.COL_STATUS]).coordinate
    active = ws.sheet_view.pane.activePane
    assert [s.activeCell for s in ws.sheet_view.selection if s.pane == active] == [status]
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape"
    # Fit to one page wide (1 is the format's default, left out), any number tall.
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert all(ws.column_dimensions[c].width >= 4 for c in "ABCDEFGHIJKL")


def test_event_deadline_label(hh_split):
    wb = load_workbook(file_of(hh_split, "TP"))
    ws = wb["Thể chế"]
    due = A.COLUMNS.index(A.COL_DUE) + 1
    assert ws.cell(5, 1).value == "TC-01"
    assert ws.cell(5, due).value == "Theo sự kiện, quy định"
    assert ws.cell(6, due).value == datetime(2023, 12, 31)
    assert ws.cell(7, due).value == "6 tháng/lần"


def test_validations_and_protection(nh_master, nh_split):
    wb = load_workbook(file_of(nh_split, "DTT"))
    for ws in wb.worksheets[1:-1]:
        assert ws.protection.sheet and not ws.protection.password, ws.title
        last = ws.max_row
        by_col = {}
        for dv in ws.data_validations.dataValidation:
            by_col[str(dv.sqref)[0]] = dv
        status, percent, done_on, evidence, note = (by_col[c] for c in "HIJKL")
        assert str(status.sqref) == (f"H5:H{last}" if last > 5 else "H5")
        assert status.type == "list"
        assert status.formula1 == '"' + ",".join(STATUSES) + '"'
        # No operator means "between", the default of the file format.
        assert (percent.type, percent.operator, percent.formula1, percent.formula2) == (
            "whole", None, "0", "100")
        assert done_on.type == "date" and done_on.operator is None
        first_day, last_day = (date(1899, 12, 30).toordinal() + int(x)
                               for x in (done_on.formula1, done_on.formula2))
        assert date.fromordinal(first_day) == date(2022, 1, 1)
        # The period's cut-off (9T: 14/09/2023), not the end of the year after the plan's:
        # merge refuses a completion date after it (date-after-cutoff), and Excel says so
        # as it is typed, with what to do instead (a QA pass as a ward's clerk).
        cutoff = nh_master.period("9T").cutoff
        assert date.fromordinal(last_day) == cutoff
        assert done_on.errorTitle == "Ngày không hợp lệ"
        assert done_on.error == (
            f"Ghi ngày dạng ngày/tháng/năm, từ 01/01/2022 đến {cutoff:%d/%m/%Y} (ngày chốt "
            "số liệu của kỳ). Việc xong sau ngày chốt: kỳ này chọn \"Đang thực hiện\", để "
            "trống ngày, báo cáo hoàn thành ở kỳ sau.")
        for dv in (status, percent, done_on, evidence, note):
            assert dv.prompt and dv.promptTitle and dv.showInputMessage
        for dv in (status, percent, done_on):
            assert dv.error and dv.showErrorMessage


def test_prompts_fit_excel_limits():
    for title, prompt in PROMPTS.values():
        assert len(title) <= 32 and len(prompt.format(year=2026,
                                                     example="05/12/2026")) <= 255
    for title, message in ERRORS.values():
        assert len(title) <= 32
        assert len(message.format(first="01/01/2022", last="31/12/2024")) <= 224


def test_password_option(nh_master, tmp_path):
    small = replace(nh_master, units=nh_master.units[:2])
    result = split_master(small, "Q3", tmp_path / "out", password="bí-mật", issued_at=ISSUED)
    wb = load_workbook(result.files[0].path)
    assert all(ws.protection.password for ws in wb.worksheets if ws.title != A.IDENTITY_SHEET)


def test_files_made_after_the_period_s_due_day_are_said_so(nh_master, tmp_path):
    """Made after the day the units were to send them back, the files say "Chậm nhất
    ngày ..." of a day gone: the office is told, with where to give another day (two QA
    passes); made before it, nothing is said."""
    small = replace(nh_master, units=nh_master.units[:1])
    due = small.period("Q3").due
    on_time = split_master(small, "Q3", tmp_path / "before",
                           issued_at=datetime.combine(due, datetime.min.time()))
    assert not [f for f in on_time.findings if f.code == "period-due-passed"]
    late = split_master(small, "Q3", tmp_path / "after", issued_at=datetime(2026, 12, 5))
    (found,) = [f for f in late.findings if f.code == "period-due-passed"]
    assert found.severity == "warning" and found.sheet == "Kỳ báo cáo"
    assert (f"hạn đơn vị gửi báo cáo kỳ {small.period('Q3').in_sentence} là ngày "
            f"{due:%d/%m/%Y}, đã qua") in found.message
    assert "sửa cột 'Hạn nộp báo cáo' của kỳ Q3 ở trang 'Kỳ báo cáo'" in found.message
    # The files are made all the same: catching up on a period is allowed.
    assert len(late.files) == 1 and late.files[0].path.is_file()


def test_golden_unit_workbook(nh_split):
    assert_matches_golden(file_of(nh_split, "DTT"), "split-nghia-hung-2023-DTT")


# --- the folder ------------------------------------------------------------------------

def test_file_names_and_manifests(hh_split):
    out = hh_split.files[0].path.parent
    names = sorted(p.name for p in out.iterdir())
    assert "X06-Xã-Hoằng-Đông.xlsx" in names and "X07-Xã-Hoằng-Đồng.xlsx" in names
    assert "VP-Văn-phòng-HĐND-UBND-huyện.xlsx" in names  # whole words, never cut mid-word
    assert "TTVH-Trung-tâm-Văn-hóa-Thông-tin-Thể-thao-và-Du-lịch-huyện.xlsx" in names
    # The units' files and the three lists (manifest.csv, manifest.json, and the workbook
    # danh-sach-tep-giao.xlsx: tests/test_manifest_xlsx.py).
    assert len(names) == 47 + 3 and "danh-sach-tep-giao.xlsx" in names
    raw = hh_split.manifest_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, or Excel shows mojibake
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Mã đơn vị", "Tên đơn vị", "Tệp"]
    data = json.loads(hh_split.manifest_json.read_text(encoding="utf-8"))
    assert data["plan"] == "hoang-hoa-2023" and data["period"]["code"] == "9T"
    # The plan file the workbooks were made from (the web app tells a plan replaced since).
    assert data["plan_sha256"] == hashlib.sha256(HH_MASTER.read_bytes()).hexdigest()
    assert len(rows) - 1 == len(data["files"]) == 47
    for line, entry in zip(rows[1:], data["files"], strict=True):
        path = out / entry["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"] == line[6]
        assert line[:3] == [entry["unit"], entry["unit_name"], entry["file"]]
        assert int(line[5]) == entry["rows"] == len(HH_EXPECTED[entry["unit"]])
    assert data["files"][5]["unit_name"] == "Phòng Giáo dục và Đào tạo"


@pytest.mark.slow
def test_same_input_same_bytes(nh_master, nh_split, tmp_path):
    again = split_master(nh_master, "9T", tmp_path / "again", issued_at=ISSUED)
    assert [f.sha256 for f in again.files] == [f.sha256 for f in nh_split.files]


def test_progress_reports_each_unit(nh_master, tmp_path):
    small = replace(nh_master, units=nh_master.units[:3])
    calls = []
    split_master(small, "9T", tmp_path / "out", progress=lambda *a: calls.append(a))
    assert calls == [(1, 3, "Phòng Nội vụ"), (2, 3, "Phòng Tư pháp"),
                     (3, 3, "Văn phòng HĐND&UBND huyện")]


def test_unknown_period_lists_the_valid_ones(nh_master, tmp_path):
    with pytest.raises(UsageError) as err:
        split_master(nh_master, "Q5", tmp_path / "out")
    assert "Q5" in err.value.message and "Q1, 6T, Q3, 9T, NAM" in err.value.message
    assert not (tmp_path / "out").exists()


def test_non_empty_folder_needs_force(nh_master, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("x")
    small = replace(nh_master, units=nh_master.units[:1])
    with pytest.raises(UsageError) as err:
        split_master(small, "9T", out)
    assert "--force" in err.value.render()
    result = split_master(small, "9T", out, force=True)
    assert result.files[0].path.exists() and (out / "ghi-chu.txt").exists()


@pytest.mark.slow
def test_force_removes_files_of_units_no_longer_assigned(nh_master, nh_split, tmp_path):
    out = tmp_path / "out"
    first = nh_split  # a copy of the session's split: the folder as split left it
    shutil.copytree(first.files[0].path.parent, out)
    (out / "ghi-chu.txt").write_text("x")
    kept = [u for u in nh_master.units if u.code in ("NV", "TP")]
    again = split_master(replace(nh_master, units=kept), "9T", out, force=True)
    names = {p.name for p in out.iterdir()}
    assert {f.path.name for f in again.files} <= names
    gone = {f.path.name for f in first.files} - {f.path.name for f in again.files}
    assert gone and not gone & names
    assert "ghi-chu.txt" in names


@pytest.mark.slow
def test_force_never_removes_files_of_another_plan(hh_split, nh_master, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(hh_split.files[0].path.parent, out)  # the session's Hoằng Hóa split
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # Nghĩa Hưng's first units, whose file names are also Hoằng Hóa's (NV, TP, VP): their
    # files were written over Hoằng Hóa's, the others kept under Nghĩa Hưng's list. Another
    # plan's files are neither removed nor replaced: refused (test_year_turn says how).
    with pytest.raises(UsageError, match="của kế hoạch khác"):
        split_master(replace(nh_master, units=nh_master.units[:3]), "9T", out, force=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_out_path_is_a_file(nh_master, tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_text("x")
    with pytest.raises(UsageError):
        split_master(nh_master, "9T", target)


def test_sheet_names_are_valid():
    from cchc_xl.sheet_names import sheet_name

    taken = {A.GUIDE_SHEET.casefold()}
    long = sheet_name("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", taken)
    assert len(long) <= 31
    assert sheet_name("Tài chính: thu/chi [2023]?", taken) == "Tài chính- thu-chi -2023--"
    assert sheet_name("hướng dẫn", taken) == "hướng dẫn (2)"


def test_prefill_from_ledger(nh_master, tmp_path, monkeypatch):
    from cchc_xl import carried, ledger
    from cchc_xl.answer import Answer

    calls = []

    def previous_reports(db_path, plan_key, unit_code, before=None, roles=None):
        calls.append((db_path, plan_key, unit_code))
        return {"CD-01": Answer("CD-01", "lead", status="Đã hoàn thành", percent=100,
                                completed_on=date(2023, 1, 10),
                                evidence="Kế hoạch số 12/KH-UBND ngày 10/01/2023",
                                note="=1+1", unit=unit_code)}

    monkeypatch.setattr(carried, "previous_reports", previous_reports)
    db = tmp_path / "ledger.sqlite"
    small = replace(nh_master, units=nh_master.units[:1])
    with ledger.Ledger(db) as book:  # a ledger of the plan (its answers come from the stub)
        book.save_plan(nh_master, datetime(2023, 12, 1))
    result = split_master(small, "NAM", tmp_path / "out", ledger=db)
    assert calls == [(db, "nghia-hung-2023", "NV")]
    ws = load_workbook(result.files[0].path)["Chỉ đạo điều hành"]
    assert [c.value for c in ws[A.HEADER_ROW + 1]][7:] == [
        "Đã hoàn thành", 100, datetime(2023, 1, 10), "Kế hoạch số 12/KH-UBND ngày 10/01/2023",
        "=1+1"]
    assert ws.cell(A.HEADER_ROW + 1, 12).data_type == "s"  # text stays text


def test_carry_forward_through_merge(nh_master, tmp_path):
    """What a unit returned for 6T comes back prefilled in its 9T workbook."""
    small = replace(nh_master, units=[nh_master.unit("DTT")])
    first = split_master(small, "6T", tmp_path / "6t", issued_at=ISSUED)
    returned = tmp_path / "DTT-returned.xlsx"
    wb = load_workbook(first.files[0].path)
    ws = wb["Chỉ đạo điều hành"]
    row = A.HEADER_ROW + 1
    ws.cell(row, 8).value, ws.cell(row, 9).value = DONE, 100
    ws.cell(row, 10).value = datetime(2023, 1, 5)
    ws.cell(row, 11).value = "Công văn số 5/ĐTT ngày 05/01/2023"
    wb.save(returned)
    from cchc_xl.merge import merge_returns

    merge_returns(nh_master, [returned], "6T", tmp_path / "tong-hop.xlsx",
                  db=tmp_path / "ledger.sqlite")
    later = split_master(small, "9T", tmp_path / "9t", ledger=tmp_path / "ledger.sqlite")
    ws = load_workbook(later.files[0].path)["Chỉ đạo điều hành"]
    assert [c.value for c in ws[row]][7:] == [
        DONE, 100, datetime(2023, 1, 5), "Công văn số 5/ĐTT ngày 05/01/2023", None]
    assert all(c.value is None for c in ws[row + 1][7:])
    # The guide says which rows come filled in and what sending them back as they are
    # means; a workbook with nothing filled in says nothing of it.
    def guide(path):
        return [v for row in load_workbook(path)[A.GUIDE_SHEET].iter_rows(values_only=True)
                for v in row if isinstance(v, str)]

    said = guide(later.files[0].path)
    assert "Số liệu điền sẵn từ kỳ trước" in said
    assert ("1 dòng đã được điền sẵn theo báo cáo các kỳ trước của đơn vị. Kiểm tra và cập "
            "nhật các dòng này theo tình hình đến hết ngày 14/09/2023.") in " ".join(said)
    assert not [v for v in guide(first.files[0].path) if "điền sẵn" in v]


def test_missing_ledger_is_a_usage_error(nh_master, tmp_path):
    with pytest.raises(UsageError) as err:
        split_master(replace(nh_master, units=nh_master.units[:1]), "9T", tmp_path / "out",
                     ledger=tmp_path / "khong-co.sqlite")
    assert "sổ cái" in err.value.message
    assert not (tmp_path / "out").exists()


def test_units_without_rows_are_reported(nh_master, tmp_path):
    from cchc_xl.model import Unit

    extra = Unit("X99", "Xã Mới", "commune")
    small = replace(nh_master, units=[nh_master.units[0], extra])
    result = split_master(small, "9T", tmp_path / "out")
    assert [f.unit_code for f in result.files] == ["NV"]
    assert result.unassigned == [extra]


# --- LibreOffice -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def round_trip(hh_split, nh_split, tmp_path_factory):
    """Three units' workbooks opened and saved by LibreOffice Calc, converted together."""
    sources = [file_of(hh_split, "TP"), file_of(nh_split, "DTT"), file_of(nh_split, "X05")]
    out = tmp_path_factory.mktemp("lo")
    return list(zip(sources, convert_all(sources, out, "xlsx:Calc MS Excel 2007 XML"),
                    strict=True))


@needs_libreoffice
def test_libreoffice_round_trip_keeps_identity(round_trip):
    for original, converted in round_trip:
        before = A.read_identity(load_workbook(original, read_only=True)).identity
        reading = A.read_identity(load_workbook(converted, read_only=True))
        assert reading.checksum_ok and not reading.conflicts, converted.name
        assert {"sheet", "names", "properties"} <= set(reading.sources)
        assert reading.identity == before


@needs_libreoffice
def test_libreoffice_round_trip_keeps_validations(round_trip):
    for original, converted in round_trip:
        wb_before, wb_after = load_workbook(original), load_workbook(converted)
        assert wb_after.sheetnames == wb_before.sheetnames
        for name in wb_before.sheetnames[1:-1]:
            before, after = wb_before[name], wb_after[name]

            def rules(ws):
                # LibreOffice fills the formulas a rule does not use with "0".
                return sorted((dv.type or "any", str(dv.sqref),
                               dv.formula1 if dv.type else None,
                               dv.formula2 if dv.type in ("whole", "date") else None, dv.prompt)
                              for dv in ws.data_validations.dataValidation)

            assert rules(after) == rules(before), f"{converted.name} [{name}]"
            assert after.protection.sheet
            assert not after.cell(A.HEADER_ROW + 1, 8).protection.locked
            assert after.cell(A.HEADER_ROW + 1, 1).protection.locked
        assert wb_after[A.GUIDE_SHEET][A.GUIDE_UNIT_CELL].value == (
            wb_before[A.GUIDE_SHEET][A.GUIDE_UNIT_CELL].value)


# --- command line ----------------------------------------------------------------------

@pytest.mark.slow
def test_cli_split(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["split", str(NH_MASTER), "--period", "9t", "--out",
                                       str(out), "--silent"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo 31 tệp cho kỳ 9T" in result.output
    assert (out / "manifest.csv").exists()
    again = CliRunner().invoke(main, ["split", str(NH_MASTER), "--period", "9T", "--out",
                                      str(out)])
    assert again.exit_code == 2
    assert "đã có tệp" in again.output and "--force" in again.output
    assert f"thư mục {out}: thư mục đã có tệp" in again.output  # not "tệp …/out"


def test_cli_unknown_period(tmp_path):
    result = CliRunner().invoke(main, ["split", str(HH_MASTER), "--period", "Q9", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "không có kỳ báo cáo 'Q9'" in result.output and "9T" in result.output


def test_cli_split_help():
    result = CliRunner().invoke(main, ["split", "--help"])
    assert result.exit_code == 0
    assert "--period" in result.output and "--force" in result.output


def test_a_task_too_long_for_its_row_is_told(nh_master, tmp_path):
    """1,626 characters in the task column of a unit's workbook showed and printed only
    its first part (a row is at most 409 points tall), and nothing said so."""
    area = nh_master.areas[0]
    long = "Rà soát, sửa đổi, bổ sung quy trình nội bộ giải quyết thủ tục hành chính. " * 22
    task = replace(area.tasks[0], content=long)
    plan = replace(nh_master, units=nh_master.units[:1],
                   areas=[replace(area, tasks=[task, *area.tasks[1:]]), *nh_master.areas[1:]])
    result = split_master(plan, "Q3", tmp_path / "out", issued_at=ISSUED)
    (told,) = result.findings
    assert (told.code, told.task, told.severity) == ("task-text-too-long", task.id, "warning")
    assert f"dài {len(long):,} ký tự".replace(",", ".") in told.message
    assert not split_master(replace(nh_master, units=nh_master.units[:1]), "Q3",
                            tmp_path / "out2", issued_at=ISSUED).findings


def test_a_folder_of_a_split_that_stopped_is_told_so(nh_master, tmp_path):
    """Ctrl-C in a split left 91 of 192 workbooks and no list; splitting again said only
    that the folder had files."""
    out = tmp_path / "giao"
    out.mkdir()
    (out / "NV-Phòng-Nội-vụ.xlsx").write_bytes(b"PK")
    with pytest.raises(UsageError) as told:
        split_master(replace(nh_master, units=nh_master.units[:1]), "Q3", out)
    assert "lần tách chưa xong" in told.value.message and "--force" in told.value.hint


def _answered_as_a_unit(path: Path) -> None:
    """The unit's answer typed into its workbook and saved, as it sends it back."""
    wb = load_workbook(path)
    sheet = wb.worksheets[1]
    sheet.cell(5, 8, "Đang thực hiện")
    sheet.cell(5, 9, 50)
    wb.save(path)


def test_files_sent_back_past_those_named_are_counted_as_files(tmp_path):
    """Five units' files sent back into the folder a split writes: three named, the rest
    counted "và 2 đơn vị khác" (a QA pass). They are files."""
    out = tmp_path / "giao-9T"
    args = ["split", str(NH_MASTER), "--period", "9T", "--out", str(out), "--silent"]
    assert CliRunner().invoke(main, args).exit_code == 0
    sent_back = sorted(out.glob("*.xlsx"))[:5]
    for path in sent_back:
        _answered_as_a_unit(path)
    again = CliRunner().invoke(main, [*args, "--force"])
    assert again.exit_code == 2, again.output
    said = re.search(r"thư mục có 5 tệp đơn vị đã điền và gửi lại \((.*) và 2 tệp khác\)",
                     again.output)
    assert said is not None, again.output
    assert set(said[1].split(", ")) < {p.name for p in sent_back} and "; " not in said[1]


def test_a_split_never_writes_over_files_the_units_sent_back(tmp_path):
    """Units send back the very file they were given, under its name: saved into the
    folder of the files given (or the folder of returns named as --out), `split --force`
    wrote blank workbooks over the units' answers, and removed a returned file of a unit
    no longer given tasks, though no command is to write over a unit's file (docs/
    huong-dan.md, "An toàn dữ liệu"). Now it stops, writes nothing and says which."""
    out = tmp_path / "giao-9T"
    args = ["split", str(NH_MASTER), "--period", "9T", "--out", str(out), "--silent"]
    assert CliRunner().invoke(main, args).exit_code == 0
    sent_back = sorted(out.glob("*.xlsx"))[0]
    _answered_as_a_unit(sent_back)
    answers = sent_back.read_bytes()
    listed = (out / "manifest.json").read_bytes()
    again = CliRunner().invoke(main, [*args, "--force"])
    assert again.exit_code == 2, again.output
    assert again.output.startswith(
        f"Lỗi: thư mục {out}: thư mục có 1 tệp đơn vị đã điền và gửi lại ({sent_back.name}), "
        "trùng tên với tệp giao sẽ ghi: lệnh không ghi đè, không ghi gì")
    assert again.output.rstrip().endswith("(tệp đơn vị gửi lại để ở thư mục tệp nhận về (ví dụ "
                                          "nhan-ve-9T), tệp giao ghi vào thư mục khác (ví dụ "
                                          "giao-9T))")
    assert sent_back.read_bytes() == answers and (out / "manifest.json").read_bytes() == listed
    sent_back.unlink()  # the returns moved away: the files given are made again
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0
