"""Merge, end to end, of one returned file per kind of mistake (tests/support/mistakes.py):
the outcome and findings of every file, the values and timeliness merged, the consolidated
workbook, the feedback marked in the units' own files, and the same files opened and saved
by LibreOffice Calc."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_xl import assignment as A
from cchc_xl.consolidated.write import (
    FILES_SHEET,
    MISSING_SHEET,
    PROBLEMS_SHEET,
    ROWS_SHEET,
    SUMMARY_SHEET,
)
from cchc_xl.errors import UsageError
from cchc_xl.feedback import FEEDBACK_SHEET
from cchc_xl.merge import merge_returns
from cchc_xl.report import resolve_ledger
from cchc_xl.snapshot import load_snapshot
from cchc_xl.styles import ERROR_FILL, INPUT_FILL, MARKED_WARNING_FILL
from cchc_xl.text import file_part
from cchc_xl.vocab import DONE, ERROR, IN_PROGRESS
from make_sample_returns import fill_return
from support.merge import _file, _row, _values_of, codes_of
from support.mistakes import doing, ids, locate
from support.tools import needs_libreoffice
from support.workbooks import load_workbook  # merged ranges' borders not drawn


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems_by_file(result) -> dict[str, list[dict]]:
    return {Path(f["path"]).name: f["problems"] for f in result.as_dict()["files"]}


@pytest.fixture(scope="module")
def mistakes(hh_mistakes_merged):
    """The mistake files merged with feedback (conftest.py: once a run, for this module
    and test_period_labels.py): (result, {kind: file}, workbook, folder). Read only."""
    return hh_mistakes_merged


def test_json_rows_say_the_progress_the_consolidated_workbook_shows(mistakes) -> None:
    """merge --json gave each row's timeliness as read alone ("Đúng hạn" for a row whose
    completion date could not be read), the workbook the figures' ("Cần xác minh"): each
    JSON row now says the same "progress" as the workbook's "Tiến độ"."""
    result, _, out, _ = mistakes
    ws = load_workbook(out, read_only=True)["Tất cả dòng"]
    table = list(ws.iter_rows(min_row=4, values_only=True))
    head = table[0]
    unit, task, shown = (head.index(n) for n in ("Mã đơn vị", "Mã nhiệm vụ", "Tiến độ"))
    in_workbook = {(r[unit], r[task]): r[shown] or "" for r in table[1:] if r[unit]}
    rows = result.as_dict()["rows"]
    assert {(r["unit"], r["task"]): r["progress"] for r in rows} == in_workbook
    # The fault this was: rows whose labels, read alone, differ from the figures'.
    assert any(r["progress"] == "Cần xác minh" != r["timeliness_label"] for r in rows)


def test_outcome_of_every_file(mistakes) -> None:
    result, _, _, _ = mistakes
    outcomes = {Path(f["path"]).name: f["outcome"] for f in result.as_dict()["files"]}
    rejected = {"other-period.xlsx", "other-year.xlsx", "other-plan.xlsx", "no-identity.xlsx",
                "identity-conflict.xlsx", "corrupt.xlsx", "empty.xlsx", "encrypted.xlsx",
                "csv-renamed.xlsx", "pdf-renamed.xlsx", "ghi-chu.txt"}
    assert {n for n, o in outcomes.items() if o == "rejected"} == rejected
    assert {n for n, o in outcomes.items() if o == "superseded"} == {"twice-b-older.xlsx"}
    assert outcomes["twice-a-newer.xlsx"] == "accepted"
    assert outcomes["identity-stripped.xlsx"] == outcomes["identity-checksum.xlsx"] == "accepted"
    assert sorted(s["path"].rsplit("/", 1)[1] for s in result.as_dict()["skipped"]) == [
        ".~lock.clean.xlsx#", "~$clean.xlsx"]
    assert result.exit_code == 1


@pytest.mark.parametrize("name, expected", [
    # No mistake; two products of several dates reported done on an earlier part's date:
    # a note that the product counts in progress until its last part (docs/counting.md).
    ("clean", {"done-part": 2}),
    ("status", {"status-normalized": 3, "status-invalid": 1}),
    # TC-01 has no date due ("Theo thời hạn quy định..."): in progress without evidence, judged
    ("percent", {"percent-text": 2, "percent-out-of-range": 1, "recurring-without-evidence": 1}),
    ("consistency", {"done-without-evidence": 1, "done-percent-not-100": 1,
                     "not-started-percent": 1, "percent-assumed-100": 1}),
    ("dates", {"date-text": 1, "date-after-cutoff": 1, "date-serial": 1, "date-swapped": 1,
               "date-before-plan-year": 1}),
    ("evidence", {"evidence-no-document": 1, "formula-in-cell": 1}),
    ("legacy", {"legacy-encoding": 1}),
    ("merged", {"merged-input-cells": 2}),
    ("rows", {"row-missing": 4, "row-foreign": 1, "row-unknown-id": 1, "readonly-edited": 1,
              "row-duplicate": 1, "row-added": 1, "recurring-without-evidence": 1}),
    ("identity-stripped", {"identity-missing": 1}),
    ("identity-conflict", {"identity-conflict": 1}),
    ("identity-checksum", {"identity-checksum": 1}),
    ("other-period", {"identity-other-period": 1}),
    ("other-year", {"identity-other-year": 1}),
    ("other-plan", {"identity-other-plan": 1}),
    ("no-identity", {"identity-missing": 1}),
])
def test_each_mistake_is_reported_with_its_code(mistakes, name: str, expected: dict) -> None:
    result, _, _, _ = mistakes
    found = codes_of(problems_by_file(result)[f"{name}.xlsx"])
    found.pop("row-not-filled", None)  # the rows these cases leave blank
    assert dict(found) == expected


@pytest.mark.parametrize("name", ["corrupt.xlsx", "empty.xlsx", "encrypted.xlsx",
                                  "csv-renamed.xlsx", "pdf-renamed.xlsx", "ghi-chu.txt"])
def test_unreadable_files_are_rejected_with_a_reason(mistakes, name: str) -> None:
    result, _, _, _ = mistakes
    [problem] = problems_by_file(result)[name]
    assert (problem["code"], problem["severity"]) == ("file-unreadable", "error")
    words = {"corrupt.xlsx": "hỏng", "empty.xlsx": "rỗng", "encrypted.xlsx": "mật khẩu",
             "csv-renamed.xlsx": "CSV", "pdf-renamed.xlsx": "PDF", "ghi-chu.txt": "văn bản"}
    assert words[name] in problem["message"]


def test_a_password_protected_file_is_told_how_to_clear_it_in_libreoffice(mistakes) -> None:
    """The way to take a password off named Excel's menus only; a unit whose computer has
    only LibreOffice (many communes) was left without a step to follow."""
    result, _, _, _ = mistakes
    [problem] = problems_by_file(result)["encrypted.xlsx"]
    # As Microsoft's Vietnamese Excel names them, and the English Excel.
    assert ("Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu (File > Info > "
            "Protect Workbook > Encrypt with Password)" in problem["message"])
    # As LibreOffice's Vietnamese interface names them (its menu translated, the box not).
    assert ("trong LibreOffice: Tập tin > Lưu mới (File > Save As), bỏ chọn ô 'Save with "
            "password'" in problem["message"])


def test_problems_say_where_and_what_to_fix(mistakes, hh_master, hh_split) -> None:
    result, files, _, _ = mistakes
    [problem] = [p for p in problems_by_file(result)["percent.xlsx"]
                 if p["code"] == "percent-out-of-range"]
    did = ids(hh_master, "X02")[2]
    sheet, cell = locate(files["percent"], did, A.COL_PERCENT)
    assert problem == {
        "severity": "error", "code": "percent-out-of-range", "sheet": sheet, "cell": cell,
        "unit": "X02", "task": did, "file": str(files["percent"]),
        "message": problem["message"]}
    assert "120" in problem["message"] and "0 đến 100" in problem["message"]
    [other] = problems_by_file(result)["other-period.xlsx"]
    assert other["message"] == (
        "tệp được giao cho kỳ quý III năm 2023, không phải kỳ 9 tháng năm 2023 đang gộp: gộp "
        "tệp này vào kỳ quý III năm 2023 (chọn kỳ đó khi gộp), hoặc đề nghị đơn vị điền tệp "
        "của kỳ 9 tháng năm 2023")  # read by units too: no option; periods by label
    assert other["unit"] == "X10"


def test_values_as_merged(mistakes, hh_master) -> None:
    result, _, _, _ = mistakes
    x01, x02, x04, x06 = (ids(hh_master, u) for u in ("X01", "X02", "X04", "X06"))
    assert _row(result, "X01", x01[0])["status"] == DONE
    assert _row(result, "X01", x01[1])["status"] == IN_PROGRESS  # typed in NFD
    assert _row(result, "X01", x01[3])["status"] is None  # "xong rồi"
    assert [_row(result, "X02", d)["percent"] for d in x02[:4]] == [80, 80, None, 80]
    assert [_row(result, "X04", d)["completed_on"] for d in x04[:4]] == [
        "2023-08-15", "2023-09-20", "2023-08-15", "2023-05-07"]
    evidence = _row(result, "X06", x06[1])
    assert evidence["evidence"] == "=SUM(1,2)"
    assert [p["code"] for p in evidence["problems"]] == ["formula-in-cell"]
    assert _row(result, "X06", x06[2])["evidence"] == "=không phải công thức"
    legacy = _row(result, "X08", ids(hh_master, "X08")[0])
    assert legacy["status"] is None and legacy["problems"][0]["code"] == "legacy-encoding"
    assert _row(result, "X16", ids(hh_master, "X16")[0])["percent"] == 60  # the newer file


def test_timeliness_is_derived(mistakes, hh_master) -> None:
    result, _, _, _ = mistakes
    cutoff = hh_master.period("9T").cutoff
    # The last date of a deliverable, and the one due by the cut-off ("- Kế hoạch: Quý
    # I/2023; - Báo cáo: Quý IV/2023" is due 31/03 at the 9-month cut-off).
    due = {d.id: d.deadline.due for d in hh_master.deliverables()}
    due_by = {d.id: d.deadline.due_at(cutoff) for d in hh_master.deliverables()}
    assert due_by["CD-04"] == date(2023, 3, 31) and due["CD-04"] == date(2023, 12, 31)
    for r in result.as_dict()["rows"]:
        if r["status"] is None:
            assert r["timeliness"] is None
        elif due[r["task"]] is None:
            assert r["timeliness"] == "judge" and r["timeliness_label"] == "Cần đánh giá"
        elif r["status"] == DONE and r["completed_on"] and (
                date.fromisoformat(r["completed_on"]) <= cutoff):
            on_time = date.fromisoformat(r["completed_on"]) <= due[r["task"]]
            assert r["timeliness"] == ("on_time" if on_time else "late")
        elif r["status"] != DONE or r["completed_on"]:
            # Unfinished, or done only after the cut-off: not yet done at the cut-off.
            assert r["timeliness"] == ("within" if cutoff <= due_by[r["task"]] else "late")


def test_missing_units(mistakes, hh_master) -> None:
    result, _, _, _ = mistakes
    missing = [m["unit"] for m in result.as_dict()["missing_units"]]
    sent = {"NV", "X01", "X02", "X03", "X04", "X06", "X07", "X08", "X09", "X12", "X14", "X16"}
    assert missing == [u.code for u in hh_master.units if u.code not in sent]
    assert "X10" in missing and "X13" in missing  # their only files were rejected
    # The console says them apart: they sent a file, refused (a QA pass: they were
    # among "chưa gửi", as the report's Biểu 2 and the web app do not say).
    names = hh_master.names
    line = next(x for x in result.summary().splitlines() if x.startswith("Đơn vị đã gửi"))
    refused, _, silent = line.partition("; chưa gửi: ")
    assert refused.endswith(f"; tệp bị từ chối: {names['X10']}") and names["X10"] not in silent
    # X13's file says it is X14's: nobody's for sure, so X13 sent nothing known.
    assert names["X13"] not in refused


def _sheet_rows(ws, first: int = 5) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=first, values_only=True) if any(r)]


@pytest.mark.slow
def test_consolidated_workbook(mistakes, hh_master) -> None:
    result, files, out, tmp = mistakes
    wb = load_workbook(out)
    area_sheets = [a.sheet for a in hh_master.areas]
    assert wb.sheetnames == [SUMMARY_SHEET, *area_sheets, ROWS_SHEET, FILES_SHEET,
                             PROBLEMS_SHEET, MISSING_SHEET]
    assert resolve_ledger(out)[0].resolve() == (out.parent / "cchc-ledger.sqlite").resolve()

    # The area sheet: one row per lead unit of each product, with its report.
    ws = wb[hh_master.areas[0].sheet]
    header = [c.value for c in ws[4]]
    rows = _sheet_rows(ws)
    col = {h: header.index(h) for h in header}
    tc01 = [r for r in rows if r[col["Đơn vị chủ trì"]] == "Phòng Nội vụ"][0]
    nv = _row(result, "NV", "TC-01")
    assert tc01[col["Trạng thái"]] == nv["status"]
    assert len([r for r in rows if r[col["Đơn vị chủ trì"]]]) == sum(
        len(d.lead) for d in hh_master.areas[0].deliverables())
    assert "Chưa gửi tệp" in [r[col["Trạng thái"]] for r in rows]
    # Many coordinators reported on TC-01: counted by status, not listed; a "done" with
    # an error on its row (Lỗi in its feedback) apart, "cần xác minh", as a lead's.
    support = [r for r in result.as_dict()["rows"] if r["task"] == "TC-01"
               and r["role"] == "support" and r["status"]]
    wrong = [r for r in support if any(p["severity"] == ERROR for p in r["problems"])]
    done_count = sum(1 for r in support if r["status"] == DONE and r not in wrong)
    first = tc01[col["Báo cáo của đơn vị phối hợp"]].split("\n")[0]
    assert first.startswith(f"{len(support)} đơn vị đã báo cáo: {done_count} đã hoàn thành")
    assert wrong and first.endswith(f", {len(wrong)} cần xác minh (chi tiết ở trang "
                                    f"'{ROWS_SHEET}')")
    rules = [(str(cf.sqref), [r.type for r in cf.rules]) for cf in ws.conditional_formatting]
    assert any("L" in ref and "cellIs" in types for ref, types in rules)  # "Quá hạn"

    # Every unit row, values typed as in the file; user text stays text.
    ws = wb[ROWS_SHEET]
    header = [c.value for c in ws[4]]
    by_key = {(r[0], r[3]): r for r in _sheet_rows(ws)}
    assert len(by_key) == len(result.rows)
    x02 = by_key[("X02", ids(hh_master, "X02")[1])]
    assert x02[header.index("Tỷ lệ (%)")] == 80
    inert = wb[ROWS_SHEET].cell(
        5 + list(by_key).index(("X06", ids(hh_master, "X06")[2])),
        header.index("Tài liệu kiểm chứng") + 1)
    assert inert.value == "=không phải công thức" and inert.data_type == "s"

    ws = wb[FILES_SHEET]
    outcomes = Counter(r[6] for r in _sheet_rows(ws))
    assert outcomes == {"Được nhận": 12, "Bị từ chối": 11, "Bị thay thế": 1}
    ws = wb[PROBLEMS_SHEET]
    problems = _sheet_rows(ws)
    assert len(problems) == sum(len(f.problems) for f in result.files if f.in_run
                                and not any(p.code == "duplicate-file" for p in f.problems))
    assert {r[1] for r in problems} == {"Lỗi", "Cảnh báo", "Ghi nhận"}
    header = [c.value for c in ws[4]]
    assert header[0] == "Nội dung cần sửa" and header[-1] == "Mã vấn đề"  # words first
    # The kind of problem to filter by in Vietnamese, beside the code support reads.
    assert header[-2] == "Loại vấn đề"
    kinds = {(r[-2], r[-1]) for r in problems}
    assert ("tỷ lệ ngoài 0–100", "percent-out-of-range") in kinds
    assert ("ngày sau ngày chốt số liệu", "date-after-cutoff") in kinds
    assert all(kind and kind != code for kind, code in kinds), kinds
    assert ws.conditional_formatting  # errors and warnings coloured
    ws = wb[MISSING_SHEET]
    assert [r[0] for r in _sheet_rows(ws)] == [m["unit"] for m in
                                               result.as_dict()["missing_units"]]
    ws = wb[SUMMARY_SHEET]
    summary = {r[0]: r[1] for r in _sheet_rows(ws)}
    assert summary["Đơn vị chưa gửi (xem trang 'Chưa gửi')"] == len(result.missing_units)
    # The plan's title and authority wrap in their column: the row is two lines tall,
    # the one-line rows one line (the text would overlap the next row otherwise).
    plan_row = next(c.row for c in ws["A"] if c.value == "Kế hoạch")
    assert ws.row_dimensions[plan_row].height >= 2 * 15.75
    assert ws.row_dimensions[plan_row + 2].height < 2 * 15.75
    for ws in wb.worksheets[1:]:
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$4:$4"
    # Task sheets: A3, one page across (about 73%: 12 pt prints at 8.7 pt); on A4 they
    # would print at 49% (5.9 pt), below styles.MIN_PRINTED_PT. At 85% they printed two
    # pages across, the second holding two columns beside the three repeated ones: 106
    # pages for Hoằng Hóa, 89 now (QA pass, LibreOffice).
    from cchc_xl.consolidated.columns import AREA_COLUMNS
    from cchc_xl.styles import MIN_PRINTED_PT, printed_scale

    assert wb[hh_master.areas[0].sheet].column_dimensions["P"].hidden  # the key: not printed
    widths = [w for _, w in AREA_COLUMNS[:-1]]
    assert 12 * printed_scale(widths, 9) < MIN_PRINTED_PT <= 12 * printed_scale(widths, 8)
    assert 100 * printed_scale(widths, 8) < 85
    for area in hh_master.areas:
        ws = wb[area.sheet]
        assert int(ws.page_setup.paperSize) == 8 and ws.page_setup.fitToWidth in (None, 1)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
        assert not ws.print_title_cols
    # The same rule for the lists: all rows (60% on A4, 7.2 pt) and the files received
    # (54%, 6.5 pt) on A3, the problems and the units that sent nothing on A4.
    papers = {ws.title: int(ws.page_setup.paperSize) for ws in wb.worksheets}
    assert (papers[ROWS_SHEET], papers[FILES_SHEET]) == (8, 8)
    assert (papers[SUMMARY_SHEET], papers[PROBLEMS_SHEET], papers[MISSING_SHEET]) == (9, 9, 9)


def test_feedback_marks_problems_in_the_units_own_file(mistakes, hh_master) -> None:
    result, files, _, tmp = mistakes
    written = {p.name for p in result.feedback}
    assert "X02-Xã-Hoằng-Cát-phản-hồi.xlsx" in written
    assert "NV-Phòng-Nội-vụ-phản-hồi.xlsx" not in written  # no problems, no feedback
    # Rejected, but readable: told why; "NV" of another plan is not this plan's NV, and
    # its name begins with no unit's code (a specialist sends files by it: a QA pass).
    assert "kế-hoạch-khác-NV-other-plan-phản-hồi.xlsx" in written
    named = {u.code: file_part(u.name) for u in hh_master.units}
    for name in written:  # begun with a unit's code: that unit's file
        code = name.split("-")[0]
        assert code not in named or name.startswith(f"{code}-{named[code]}-"), name
    wb = load_workbook(tmp / "feedback" / "X02-Xã-Hoằng-Cát-phản-hồi.xlsx")
    assert wb.sheetnames[0] == FEEDBACK_SHEET and A.IDENTITY_SHEET in wb.sheetnames
    sheet, cell = locate(files["percent"], ids(hh_master, "X02")[2], A.COL_PERCENT)
    marked = wb[sheet][cell]
    assert marked.fill.fgColor.rgb.endswith(ERROR_FILL.lstrip("#"))
    assert "0 đến 100" in marked.comment.text
    letter = wb[FEEDBACK_SHEET]
    texts = [r[0] for r in letter.iter_rows(max_row=8, max_col=1, values_only=True)]
    assert texts[1].startswith("PHẢN HỒI VỀ TỆP BÁO CÁO") and "Đơn vị: Xã Hoằng Cát" in texts
    assert any(t.startswith("Hạn gửi lại: ") for t in texts)
    assert any(t.startswith("Cách làm: ") for t in texts)
    listed = {(r[2].value, r[3].value): r for r in letter.iter_rows(min_row=10)}
    row = listed[(sheet, cell)]
    assert row[5].value == "Lỗi" and "0 đến 100" in row[1].value  # what to fix leads
    # A sentence in its cell opens with a capital ("tỷ lệ 120% ..." did not); the short
    # values stand on its first line; a count of nothing is not said ("0 cảnh báo").
    assert row[1].value.startswith("Tỷ lệ 120%")
    assert {row[c].alignment.vertical for c in range(6)} == {"top"}
    assert "Tệp được nhận; còn 1 lỗi phải sửa và 14 cảnh báo cần xem lại." in texts
    assert texts[1] == "PHẢN HỒI VỀ TỆP BÁO CÁO KẾT QUẢ\nTHỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"
    # A warning's cell stands out from the input cells, all yellow already (the probe's
    # unit could not tell a warning marked "FFE699" from its neighbours, "FFF2CC").
    warned = []
    for path in result.feedback:
        book = load_workbook(path)
        for page in book.worksheets[1:]:
            for c in list(page._cells.values()):
                told = c.comment.text.splitlines() if c.comment else []
                if told and told[0].startswith("[Cảnh báo]") and not any(
                        line.startswith("[Lỗi]") for line in told):
                    warned.append(c.fill.fgColor.rgb)
    assert warned and {rgb[-6:] for rgb in warned} == {MARKED_WARNING_FILL.lstrip("#")}
    assert MARKED_WARNING_FILL != INPUT_FILL
    assert row[3].hyperlink.location == f"'{sheet}'!{cell}" or \
        row[3].hyperlink.target == f"#'{sheet}'!{cell}"
    # Vietnamese only: the unit's clerk reads it (codes stay in the consolidated workbook).
    assert len(row) == 6 and not any("percent-out-of-range" == c.value for c in row)
    assert not any(c.value == "Mã lỗi" for r in letter.iter_rows(max_row=12) for c in r)
    assert letter.page_setup.fitToWidth == 1 and letter.sheet_properties.pageSetUpPr.fitToPage
    # A product's id on one line ("TTHC-05-" over "1" before), a sub-task's product too.
    from cchc_xl.styles import text_lines

    width = letter.column_dimensions["E"].width
    assert {text_lines(i, width) for i in ("TTHC-05-1", "CCHC-12-10", *(
        d.id for d in hh_master.deliverables()))} == {1}


@pytest.mark.slow
def test_unchanged_feedback_files_are_not_returns(mistakes, hh_master, tmp_path) -> None:
    result, files, shared, tmp = mistakes
    out = tmp_path / "out" / shared.name  # merged into a copy: the fixture is shared
    shutil.copytree(shared.parent, out.parent)
    again = merge_returns(hh_master, [tmp / "feedback", files["clean"]], "9T", out)
    assert [Path(f.path).name for f in again.run_files] == ["clean.xlsx"]
    assert len(again.skipped) == len(result.feedback)
    assert all("phản hồi" in s.reason for s in again.skipped)
    with pytest.raises(UsageError, match="không có tệp nào của đơn vị"):
        merge_returns(hh_master, [tmp / "feedback"], "9T", out)
    # Ended there, not cut short: report must not warn of an interrupted merge.
    assert load_snapshot(out.parent / "cchc-ledger.sqlite", "9T").interrupted is None


@pytest.mark.slow
def test_resent_feedback_file_supersedes_the_first(mistakes, hh_master, tmp_path) -> None:
    result, files, _, tmp = mistakes
    fixed = tmp_path / "X02-sua.xlsx"
    did = ids(hh_master, "X02")[2]
    fill_return(tmp / "feedback" / "X02-Xã-Hoằng-Cát-phản-hồi.xlsx", fixed, {did: doing(20)},
                saved_at=datetime(2023, 9, 16, 9))
    out = tmp_path / "out.xlsx"
    merge_returns(hh_master, [files["percent"]], "9T", out)
    again = merge_returns(hh_master, [fixed], "9T", out)
    outcomes = {Path(f.path).name: f.outcome for f in again.files}
    assert outcomes == {"X02-sua.xlsx": "accepted", "percent.xlsx": "superseded"}
    assert _row(again, "X02", did)["percent"] == 20
    assert again.exit_code == 0


@pytest.mark.slow
def test_feedback_on_a_resent_feedback_file_shows_only_what_is_left(mistakes, hh_master,
                                                                    tmp_path) -> None:
    """A unit corrects one problem in the feedback file it got and sends it back with a
    new one: its next feedback marks the new problem only, on one problem sheet."""
    _, _, _, tmp = mistakes
    fixed_id, new_id = ids(hh_master, "X02")[2], ids(hh_master, "X02")[3]
    resent = fill_return(tmp / "feedback" / "X02-Xã-Hoằng-Cát-phản-hồi.xlsx",
                         tmp_path / "X02-sua.xlsx", {fixed_id: doing(20), new_id: doing(150)},
                         saved_at=datetime(2023, 9, 16, 9))
    before = sha(resent)
    result = merge_returns(hh_master, [resent], "9T", tmp_path / "out.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert sha(resent) == before
    (written,) = result.feedback
    wb = load_workbook(written)
    assert wb.sheetnames[0] == FEEDBACK_SHEET
    assert [n for n in wb.sheetnames if n.startswith(FEEDBACK_SHEET)] == [FEEDBACK_SHEET]
    sheet, cell = locate(resent, fixed_id, A.COL_PERCENT)
    corrected = wb[sheet][cell]
    assert corrected.value == 20 and corrected.comment is None
    assert corrected.fill.fgColor.rgb.endswith(INPUT_FILL.lstrip("#"))  # input colour back
    sheet, cell = locate(resent, new_id, A.COL_PERCENT)
    assert "0 đến 100" in wb[sheet][cell].comment.text
    listed = [r for r in wb[FEEDBACK_SHEET].iter_rows(min_row=11, values_only=True) if r[0]]
    assert len(listed) == len(result.files[0].problems)  # the letter lists every one
    assert all(r[3] != locate(resent, fixed_id, A.COL_PERCENT)[1] for r in listed)


def test_a_file_sent_later_but_saved_before_the_counted_one_is_told(mistakes, hh_master,
                                                                   tmp_path) -> None:
    """The newest file by the time saved inside it counts. One merged after the unit's
    counted file but saved before it (a corrected file from a computer whose clock is
    wrong) does not count: that is said, on the file, with what to do."""
    _, files, _, _ = mistakes
    newer, older = files["twice-a-newer"], files["twice-b-older"]  # X16's, 13/09 and 10/09
    out = tmp_path / "out" / "o.xlsx"
    merge_returns(hh_master, [newer], "9T", out)
    late = merge_returns(hh_master, [older], "9T", out)
    (sent,) = late.run_files
    assert sent.outcome == "superseded"
    (told,) = [p for p in sent.problems if p.code == "sent-later-saved-before"]
    assert told.severity == "warning" and told.unit == "X16"
    assert told.message.startswith("tệp gộp sau nhưng lưu lúc 10/09/2023 09:00, trước tệp "
                                   f"đang được tính của đơn vị ({newer.name}, lưu lúc "
                                   "13/09/2023 15:00)")
    assert "cchc-xl withdraw" in told.message
    assert told.message in late.summary()  # told though the file does not count
    counted = [f for f in late.files if f.outcome == "accepted" and f.unit == "X16"]
    assert [Path(f.path).name for f in counted] == [newer.name]
    snapshot = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T")
    assert [s.warnings for s in snapshot.submissions if s.path == str(older)] == [
        1 + sum(p.severity == "warning" for p in sent.problems if p.code != told.code)]
    # In the other order the later file is the newer one: it counts, nothing to say; nor
    # when both come in one merge (the mistakes' merge).
    again = tmp_path / "again" / "o.xlsx"
    merge_returns(hh_master, [older], "9T", again)
    (counted_now,) = merge_returns(hh_master, [newer], "9T", again).run_files
    assert counted_now.outcome == "accepted"
    for result in (counted_now, *mistakes[0].files):
        assert "sent-later-saved-before" not in [p.code for p in result.problems]


@pytest.fixture(scope="module")
def office_returns(tmp_path_factory, hh_master, mistakes, hh_mistakes_by_calc):
    """The mistake files saved by LibreOffice (as xlsx, one .ods, one .xls) merged, and
    the merge of the files as openpyxl wrote them (the reference)."""
    reference = mistakes[0]
    saved, calc = hh_mistakes_by_calc
    result = merge_returns(hh_master, [calc], "9T",
                           tmp_path_factory.mktemp("office") / "out" / "o.xlsx")
    return result, reference, list(saved)


@needs_libreoffice
def test_files_saved_by_libreoffice_give_the_same_findings(office_returns) -> None:
    result, reference, chosen = office_returns
    got, want = problems_by_file(result), problems_by_file(reference)
    for name in chosen:
        strip = lambda ps: sorted((p["code"], p["cell"], p["task"]) for p in ps)  # noqa: E731
        assert strip(got[f"{name}.xlsx"]) == strip(want[f"{name}.xlsx"]), name
    assert _values_of(result) == _values_of(reference, units={r["unit"] for r in
                                                              result.as_dict()["rows"]})


@needs_libreoffice
def test_ods_and_xls_are_converted_and_read(office_returns) -> None:
    result, _, _ = office_returns
    files = {Path(f["path"]).name: f for f in result.as_dict()["files"]}
    for name, unit in (("legacy.ods", "X08"), ("twice-a-newer.xls", "X16")):
        assert files[name]["outcome"] == "accepted" and files[name]["unit"] == unit
        assert "converted" in codes_of(files[name]["problems"])
    assert "legacy-encoding" in codes_of(files["legacy.ods"]["problems"])


@needs_libreoffice
def test_an_ods_file_gets_its_feedback_as_xlsx(hh_master, hh_mistakes_by_calc, tmp_path,
                                               monkeypatch) -> None:
    """An .ods file was converted and read, but its unit got no feedback file, while the
    reminder letter told it to correct the cells marked in one: it gets one, made from
    the copy in xlsx. Where LibreOffice cannot make it, the merge says which file."""
    from cchc_xl import feedback

    _, calc = hh_mistakes_by_calc
    ods, xls = calc / "legacy.ods", calc / "twice-a-newer.xls"
    result = merge_returns(hh_master, [ods, xls], "9T", tmp_path / "out" / "o.xlsx",
                           feedback_dir=tmp_path / "fb")
    # An .xls (no zip to measure before LibreOffice makes its copy) was said to be too
    # large to mark, and its unit got no feedback file.
    assert not result.feedback_too_large
    letter, xls_letter = sorted(result.feedback, key=lambda p: p.name)
    assert letter.name.startswith("X08-") and letter.suffix == ".xlsx"
    assert xls_letter.name.startswith("X16-") and xls_letter.suffix == ".xlsx"
    assert FEEDBACK_SHEET in load_workbook(xls_letter, read_only=True).sheetnames
    wb = load_workbook(letter)
    told = [c.value for row in wb[FEEDBACK_SHEET].iter_rows() for c in row
            if isinstance(c.value, str)]
    assert any("bảng mã cũ" in v for v in told), told
    assert not result.feedback_unconverted
    # Its identity sheet hidden as split hid it: the .ods had kept it merely hidden.
    assert wb[A.IDENTITY_SHEET].sheet_state == "veryHidden"

    # Merged again (already recorded: not read again), its feedback written elsewhere,
    # LibreOffice unable to make the copy.
    monkeypatch.setattr(feedback, "convert_with_office", lambda paths, work: ({}, False))
    again = merge_returns(hh_master, [ods, xls], "9T", tmp_path / "out" / "o.xlsx",
                          feedback_dir=tmp_path / "fb2")
    assert again.feedback == [] and again.feedback_unconverted == [str(ods), str(xls)]
    assert ("Không viết tệp phản hồi cho 2 tệp dạng .ods/.xls (máy này không chuyển được "
            "sang .xlsx bằng LibreOffice)") in again.summary()


@pytest.mark.slow
def test_file_of_another_plan_is_not_this_plans_unit(mistakes) -> None:
    result, _, out, _ = mistakes
    other = _file(result, "other-plan.xlsx")
    assert (other["unit"], other["outcome"]) == (None, "rejected")
    [problem] = other["problems"]
    assert problem["code"] == "identity-other-plan" and problem["unit"] == ""
    assert "'NV'" in problem["message"]  # the unit as its own plan calls it
    # The plan merged named by its title, not only by a code a clerk never saw.
    assert ("thuộc một kế hoạch khác (mã 'nghia-hung-2023'), không phải kế hoạch cải cách hành "
            "chính năm 2023 đang gộp (mã 'hoang-hoa-2023')") in problem["message"]
    subs = {Path(s.path).name: s for s in load_snapshot(out.parent / "cchc-ledger.sqlite",
                                                        "9T").submissions}
    sub = subs["other-plan.xlsx"]
    assert (sub.unit, sub.other_plan, sub.identity_unit) == (None, True, "NV")
    assert sub.identity_plan.startswith("nghia-hung")
    # A file of another period of this plan is still the unit's, rejected.
    assert _file(result, "other-period.xlsx")["unit"] == "X10"
    assert (subs["other-period.xlsx"].unit, subs["other-period.xlsx"].other_plan) == ("X10", False)
    assert (subs["no-identity.xlsx"].unit, subs["no-identity.xlsx"].other_plan) == (None, False)
    # The consolidated workbook shows whose the file says it is, marked as another plan.
    ws = load_workbook(out)[FILES_SHEET]
    row = next(r for r in ws.iter_rows(values_only=True) if r[2] and "other-plan" in str(r[2]))
    assert row[0] is None and row[1].startswith("NV (kế hoạch khác: nghia-hung")


def test_answers_typed_on_rows_whose_task_code_was_cleared_are_not_called_unfilled(tmp_path):
    """A QA pass (a ward's first quarter): Công an phường typed its answer, but the file's
    'Mã nhiệm vụ' cells had been cleared and its hidden identity sheet lost; refused as
    "tệp chưa được điền: không ô nhập liệu nào thay đổi", which the unit that did type
    its answer cannot act on. The refusal now says where the answers are and why they
    are not read."""
    from test_figures import done

    from support.counting import _Office

    office = _Office(tmp_path)
    issued = office.split("Q1")

    def cleared(wb):
        for ws in wb.worksheets:
            header = [c.value for c in ws[A.HEADER_ROW]] if ws.max_row >= A.HEADER_ROW else []
            if A.COL_ID in header:
                for r in range(A.HEADER_ROW + 1, ws.max_row + 1):
                    ws.cell(r, header.index(A.COL_ID) + 1).value = None
        del wb[A.IDENTITY_SHEET]

    sent = fill_return(issued["TP"], tmp_path / "gui" / "TP.xlsx",
                       {"TC-02": done(date(2023, 3, 10))}, tweak=cleared)
    result = merge_returns(office.master, [sent], "Q1", tmp_path / "out" / "Q1.xlsx")
    (tp,) = result.run_files
    assert tp.outcome == "rejected"
    (refused,) = [p for p in tp.problems if p.code == "return-unchanged"]
    assert refused.message.startswith(
        "tệp chưa được điền (không ô nhập liệu nào thay đổi so với tệp được giao), nên không "
        "được tính là đã gửi báo cáo: ")
    assert ("nội dung đã ghi ở 1 dòng không mang mã nhiệm vụ được giao cho đơn vị (trang "
            "'Thể chế', dòng ") in refused.message
    assert "không xóa hoặc sửa cột 'Mã nhiệm vụ'" in refused.message

    # A file sent back as issued is told as before, with nothing about other rows.
    as_is = fill_return(issued["TP"], tmp_path / "gui2" / "TP.xlsx", {})
    (tp,) = merge_returns(office.master, [as_is], "Q1", tmp_path / "out" / "Q1.xlsx").run_files
    (refused,) = [p for p in tp.problems if p.code == "return-unchanged"]
    assert "không mang mã nhiệm vụ" not in refused.message


def test_a_file_of_the_year_before_says_it_is_merged_with_that_year_s_plan(mistakes) -> None:
    """A unit's report of last year's plan, sent late, arrives in January when the office
    works in the new year's folder: the message says which report it is and where it is
    merged, not only that the unit sent the wrong year's file (a QA pass: "đơn vị gửi
    nhầm tệp năm khác; đề nghị gửi tệp của kế hoạch năm nay" had the office ask the unit
    for this year's file, and the late report was never counted)."""
    result, _, _, _ = mistakes
    [problem] = [p for p in problems_by_file(result)["other-year.xlsx"]
                 if p["code"] == "identity-other-year"]
    assert problem["message"] == (
        "tệp của đơn vị 'X11' (Xã Hoằng Hải) là báo cáo kỳ 9 tháng năm 2022 của kế hoạch "
        "năm 2022, không phải kế hoạch năm 2023 đang gộp: nếu là báo cáo năm 2022 gửi "
        "muộn, gộp tệp này với bảng kế hoạch và sổ cái của năm 2022 (thư mục làm việc của "
        "năm 2022); nếu đơn vị gửi nhầm tệp năm trước, đề nghị Xã Hoằng Hải (X11) gửi tệp "
        "của kế hoạch năm 2023")


def test_each_refused_file_s_letter_says_why_once_and_what_to_do_once(mistakes) -> None:
    """A refused file's letter said its refusal whole in its header and again as its
    table's row (a QA pass): a file of another period, plan or year, a file that is not
    the one issued. The header says why, the row what to do, neither the other."""
    _, _, _, tmp = mistakes
    told = {}
    for letter in (tmp / "feedback").glob("*.xlsx"):
        ws = load_workbook(letter)[FEEDBACK_SHEET]
        lines = [r[0] for r in ws.iter_rows(max_row=8, values_only=True) if r[0]]
        (verdict,) = [t for t in lines if t.startswith(("Tệp được nhận", "Tệp bị từ chối"))]
        if verdict.startswith("Tệp bị từ chối: "):
            rows = [r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
            told[letter.name] = (verdict.removeprefix("Tệp bị từ chối: "), rows)
    assert set(told) == {"X10-Xã-Hoằng-Hà-phản-hồi.xlsx", "không-rõ-no-identity-phản-hồi.xlsx",
                         "kế-hoạch-khác-NV-other-plan-phản-hồi.xlsx",
                         "kế-hoạch-khác-X11-other-year-phản-hồi.xlsx"}, sorted(told)
    assert told["X10-Xã-Hoằng-Hà-phản-hồi.xlsx"] == (
        "tệp đã gửi là tệp được giao cho kỳ quý III năm 2023, không phải tệp báo cáo 9 tháng "
        "năm 2023", ["Điền kết quả 9 tháng năm 2023 vào tệp được giao cho kỳ này rồi gửi"])
    assert told["không-rõ-no-identity-phản-hồi.xlsx"] == (
        "tệp không phải tệp được giao (đã chép sang tệp khác) nên chưa được tính",
        ["Chép kết quả vào tệp được giao cho đơn vị rồi gửi lại"])
    # Another plan's: what the unit sends, not whom the office asks (its message names
    # this plan's unit of the file's name, words for the office).
    assert told["kế-hoạch-khác-NV-other-plan-phản-hồi.xlsx"] == (
        "tệp đã gửi là tệp được giao của một kế hoạch khác (mã 'nghia-hung-2023'), không phải "
        "kế hoạch cải cách hành chính năm 2023",
        ["Điền kết quả 9 tháng năm 2023 vào tệp được giao của kế hoạch này rồi gửi"])
    # Last year's file: what the unit does, not where the office merges it (its row said
    # "Nếu là báo cáo năm 2022 gửi muộn, gộp tệp này với bảng kế hoạch và sổ cái …").
    assert told["kế-hoạch-khác-X11-other-year-phản-hồi.xlsx"] == (
        "tệp đã gửi là báo cáo của kế hoạch năm 2022, không phải kế hoạch năm 2023",
        ["Nếu đây là báo cáo năm 2022 gửi muộn, đơn vị không cần gửi lại (cơ quan tổng hợp "
         "gộp tệp vào số liệu năm 2022); nếu gửi nhầm, điền kết quả 9 tháng năm 2023 vào tệp "
         "được giao của kế hoạch năm 2023 rồi gửi"])
    for why, (todo,) in told.values():
        assert todo and todo.casefold() not in why.casefold()
        assert why.casefold() not in todo.casefold()


def test_a_done_after_the_cutoff_is_told_what_to_write_this_period(mistakes, hh_master) -> None:
    """X04 reported a task done on 20/09/2023 in the 9-month file cut on 14/09: its
    feedback said "kiểm tra lại ngày, hoặc báo cáo ở kỳ sau", an error with nothing to
    change in the file when the day is right (a QA pass: a ward's clerk, her work done the
    day after the cut-off). It says what to write in this period's file."""
    result, files, _, tmp = mistakes
    sheet, cell = locate(files["dates"], ids(hh_master, "X04")[1], A.COL_DONE_ON)
    (path,) = [p for p in result.feedback if p.name.startswith("X04-")]
    letter = load_workbook(path)[FEEDBACK_SHEET]
    row = {(r[2].value, r[3].value): r for r in letter.iter_rows(min_row=10)}[(sheet, cell)]
    assert row[5].value == "Lỗi"
    assert row[1].value == (
        "Ngày hoàn thành 20/09/2023 sau ngày chốt số liệu 14/09/2023 của kỳ: kiểm tra lại "
        "ngày; việc xong sau ngày chốt số liệu thì kỳ này chọn 'Đang thực hiện', ghi tỷ lệ "
        "đã đạt đến ngày chốt, để trống ngày hoàn thành, rồi báo cáo hoàn thành ở kỳ sau")
