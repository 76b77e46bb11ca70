"""Merge, end to end: split the seed plans, fill the workbooks the way people do
(openpyxl typing into the cells, LibreOffice opening and saving them), make every
kind of mistake, merge, and check the JSON and the consolidated workbook.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import time
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl import assignment as A
from cchc_xl import consolidate
from cchc_xl.cli import main
from cchc_xl.consolidate import (
    FILES_SHEET,
    MISSING_SHEET,
    PROBLEMS_SHEET,
    ROWS_SHEET,
    SUMMARY_SHEET,
)
from cchc_xl.errors import UsageError, WorkbookError
from cchc_xl.feedback import (
    FEEDBACK_SHEET,
    REFILL_STEPS,
    REJECTED_STEPS,
    RESEND_WITHIN,
    STEPS,
)
from cchc_xl.merge import merge_returns
from cchc_xl.report import resolve_ledger, write_report
from cchc_xl.snapshot import load_snapshot
from cchc_xl.sniff import sniff_format
from cchc_xl.styles import ERROR_FILL, INPUT_FILL, MARKED_WARNING_FILL
from cchc_xl.vocab import DONE, IN_PROGRESS
from cchc_xl.xlio import open_workbook
from make_sample_returns import ISSUED_AT, fill_return, make_sample_returns, realistic_answers
from support.golden import assert_matches_golden
from support.mistakes import SAVED, doing, done, ids, locate, save_as_strict, split_dir
from support.paths import HH_MASTER, HH_SAMPLES, ROOT
from support.tools import needs_libreoffice
from support.workbooks import load_workbook  # merged ranges' borders not drawn

SAMPLES = HH_SAMPLES


@contextlib.contextmanager
def local_timezone(name: str):
    """Run with this machine's local time zone set to ``name`` (saved times inside
    workbooks are UTC and shown in local time)."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def hh_split(hh_split_9t) -> dict[str, Path]:
    return {f.unit_code: f.path for f in hh_split_9t.files}


def problems_by_file(result) -> dict[str, list[dict]]:
    return {Path(f["path"]).name: f["problems"] for f in result.as_dict()["files"]}


def codes_of(problems: list[dict]) -> Counter:
    return Counter(p["code"] for p in problems)


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory, hh_master, hh_mistakes):
    _, folder, files = hh_mistakes
    tmp = tmp_path_factory.mktemp("mistakes-merged")
    before = sha(HH_MASTER)
    out = tmp / "out" / "tong-hop.xlsx"
    result = merge_returns(hh_master, [folder], "9T", out, feedback_dir=tmp / "feedback")
    assert sha(HH_MASTER) == before, "the master must never be written"
    return result, files, out, tmp


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
        "tệp được giao cho kỳ 'Q3' (Quý III năm 2023), không phải kỳ '9T' (9 tháng năm 2023) "
        "đang gộp: gộp tệp này vào kỳ Quý III năm 2023 (chọn kỳ đó khi gộp), hoặc đề nghị đơn "
        "vị điền tệp của kỳ 9 tháng năm 2023")  # read by units too: no option
    assert other["unit"] == "X10"


def _row(result, unit: str, did: str) -> dict:
    return next(r for r in result.as_dict()["rows"] if (r["unit"], r["task"]) == (unit, did))


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
    # Many coordinators reported on TC-01: counted by status, not listed.
    support = [r for r in result.as_dict()["rows"] if r["task"] == "TC-01"
               and r["role"] == "support" and r["status"]]
    done_count = sum(1 for r in support if r["status"] == DONE)
    first = tc01[col["Báo cáo của đơn vị phối hợp"]].split("\n")[0]
    assert first.startswith(f"{len(support)} đơn vị đã báo cáo: {done_count} đã hoàn thành")
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
    from cchc_xl.consolidate import AREA_COLUMNS
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
    # Rejected, but readable: told why; "NV" of another plan is not this plan's NV.
    assert "NV-kế-hoạch-khác-other-plan-phản-hồi.xlsx" in written
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
def test_unchanged_feedback_files_are_not_returns(mistakes, hh_master) -> None:
    result, files, out, tmp = mistakes
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


def test_taking_earlier_feedback_off_makes_no_cells():
    """Before marking a file, earlier feedback's marks are taken off. Looking at every
    place of the used range made a cell at each: a value left at XFD40 made 650,000 of
    them (memory and time in the merging process, which has no memory budget)."""
    from openpyxl import Workbook

    from cchc_xl.feedback import _clear_earlier

    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["XFD40"] = "Trạng thái", "x"
    _clear_earlier(wb)
    assert len(ws._cells) == 2


@pytest.mark.slow
def test_a_status_merged_over_several_rows_gets_feedback(hh_master, hh_split, tmp_path):
    """Merged cells in the input columns do not stop feedback for anyone: each problem
    is marked on the merged cell's first cell."""
    unit_ids = ids(hh_master, "X06")
    sheet, first = locate(hh_split["X06"], unit_ids[0], A.COL_STATUS)
    row = int(first[1:])

    def merge_status(wb):
        wb[sheet].merge_cells(f"{first}:{first[0]}{row + 2}")

    merged = fill_return(hh_split["X06"], tmp_path / "in" / "X06.xlsx",
                         {d: doing(50) for d in unit_ids}, saved_at=SAVED, tweak=merge_status)
    other = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                        {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    result = merge_returns(hh_master, [merged, other], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert sorted(p.name for p in result.feedback) == [
        "X04-Xã-Hoằng-Đạo-phản-hồi.xlsx", "X06-Xã-Hoằng-Đông-phản-hồi.xlsx"]
    ws = load_workbook(tmp_path / "fb" / "X06-Xã-Hoằng-Đông-phản-hồi.xlsx")[sheet]
    assert ws[first].comment is not None and ws[first].value == "Đang thực hiện"
    (x06,) = [f for f in result.files if Path(f.path).name == "X06.xlsx"]
    below = [p for p in x06.problems if p.cell == f"{first[0]}{row + 1}"]
    comment = ws[first].comment.text
    assert below and all(f"ô {p.cell}: {p.message}" in comment for p in below)
    # Intake's warning says why the rows below read as blank, once.
    assert "merged-input-cells" in {p.code for p in below}
    assert comment.count(f"các ô {first}:{first[0]}{row + 2} ") == 1
    assert (f"[Cảnh báo] ô {first[0]}{row + 1}: các ô {first}:{first[0]}{row + 2} đã bị gộp "
            f"thành một ô: tệp chỉ giữ nội dung của ô {first}") in comment


def test_files_are_named_as_the_office_knows_them(hh_master, hh_split, tmp_path):
    """``shown`` (the web app: the names files were uploaded by) names each file in the
    consolidated workbook's sheets instead of its path on this computer."""
    sent = fill_return(hh_split["X04"], tmp_path / "tai-len" / "a1b2c3" / "X04.xlsx",
                       {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [sent], "9T", out, shown=lambda p: f"Báo cáo {Path(p).name}")
    wb = load_workbook(out)
    cells = [c for name in (FILES_SHEET, ROWS_SHEET, PROBLEMS_SHEET)
             for row in wb[name].iter_rows(min_row=5, values_only=True) for c in row
             if isinstance(c, str) and "X04.xlsx" in c]
    assert cells and set(cells) == {"Báo cáo X04.xlsx"}
    # The same ledger merged without names writes the workbook again, with paths.
    merge_returns(hh_master, [sent], "9T", out)
    files = [r for r in load_workbook(out)[FILES_SHEET].iter_rows(min_row=5, values_only=True)
             if r[0] == "X04"]
    assert files[0][2] == str(sent)


def test_a_letter_says_no_count_of_nothing(hh_master, hh_split, tmp_path):
    """ "còn 1 lỗi phải sửa và 0 cảnh báo cần xem lại": the nought is left unsaid."""
    first, *rest = ids(hh_master, "X04")
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {first: doing(150), **{did: done() for did in rest}}, saved_at=SAVED)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "ph")
    (letter,) = result.feedback
    texts = _letter_head(letter)
    assert "Tệp được nhận; còn 1 lỗi phải sửa." in texts, texts


def test_a_plan_imported_in_capitals_is_named_in_running_text(hh_master, hh_split, tmp_path):
    """A plan imported from a Word heading in capitals put "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH
    NĂM 2023" under every sheet's title, beside sentence-case text."""
    shouting = replace(hh_master, plan=replace(
        hh_master.plan, title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023",
        authority="ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA"))
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {ids(hh_master, "X04")[0]: doing()}, saved_at=SAVED)
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(shouting, [sent], "9T", out)
    wb = load_workbook(out)
    assert wb[ROWS_SHEET]["A2"].value.startswith("Kế hoạch cải cách hành chính năm 2023 — ")
    assert wb.properties.title == "Tổng hợp 9 tháng năm 2023 - Kế hoạch cải cách hành chính " \
        "năm 2023"


def test_a_percentage_with_decimals_is_shown_as_typed(hh_master, hh_split, tmp_path):
    """50,5 typed is 50.5 in the consolidated workbook, shown with its decimals (a "0"
    format showed 51; 99,9999 on a row in progress showed 100)."""
    did = ids(hh_master, "X04")[0]
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {did: {**doing(), A.COL_PERCENT: "50,5"}}, saved_at=SAVED)
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [sent], "9T", out)
    ws = load_workbook(out)[ROWS_SHEET]
    header = [c.value for c in ws[4]]
    (cell,) = [r[header.index("Tỷ lệ (%)")] for r in ws.iter_rows(min_row=5)
               if r[0].value == "X04" and r[header.index("Mã nhiệm vụ")].value == did]
    assert (cell.value, cell.number_format) == (50.5, "General")


def test_the_writing_steps_after_the_reading_are_told(hh_master, hh_split, tmp_path):
    """After the last file was read the web job sat silent for seconds (a province's
    feedback workbooks): the consolidated workbook and each feedback workbook are told
    through the same progress callback, and the command line draws a bar for each."""
    sent = [fill_return(hh_split[u], tmp_path / "in" / f"{u}.xlsx",
                        {ids(hh_master, u)[0]: doing(150)}) for u in ("X04", "X05")]
    heard: list[tuple[int, int, str]] = []
    merge_returns(hh_master, sent, "9T", tmp_path / "out" / "th.xlsx",
                  feedback_dir=tmp_path / "fb", progress=lambda *a: heard.append(a))
    assert [h for h in heard if not h[2].startswith("Ghi")] == [
        (1, 2, "X04.xlsx"), (2, 2, "X05.xlsx")]
    assert heard[2:4] == [(0, 1, "Ghi bảng tổng hợp: th.xlsx"),
                          (1, 1, "Ghi bảng tổng hợp: th.xlsx")]
    feedback = heard[4:]
    assert [(d, n) for d, n, _ in feedback] == [(0, 2), (1, 2), (2, 2)]
    assert all(item.startswith("Ghi tệp phản hồi: X0") for _, _, item in feedback)
    out = CliRunner().invoke(main, ["merge", str(HH_MASTER), *map(str, sent), "--period", "9T",
                                    "--out", str(tmp_path / "cli" / "th.xlsx"),
                                    "--feedback", str(tmp_path / "cli-fb")])
    assert out.exit_code == 1, out.output  # the returns' errors
    labels = [line.strip() for line in out.stderr.splitlines()]
    assert [x for x in labels if x in ("Đọc tệp", "Ghi bảng tổng hợp", "Ghi tệp phản hồi")
            ] == ["Đọc tệp", "Ghi bảng tổng hợp", "Ghi tệp phản hồi"]


def _letter_head(letter: Path) -> list[str]:
    """The first lines of a feedback file's letter: who, the file, the verdict, by when."""
    return [r[0] for r in load_workbook(letter)[FEEDBACK_SHEET].iter_rows(
        max_row=8, max_col=1, values_only=True)]


def test_feedback_gives_the_day_the_office_received_the_file(hh_master, hh_split, tmp_path):
    """The letter said the day of the merge (01/12/2026) where the office had recorded
    the day it received the file, the one lateness is judged by."""
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb", received=date(2023, 9, 19))
    (letter,) = result.feedback
    texts = _letter_head(letter)
    assert "Tệp đã nhận: X04.xlsx, ngày 19/09/2023" in texts
    # Received before the due date: the day as the unit's workbook says it.
    assert "Hạn gửi lại: chậm nhất ngày 20/09/2023." in texts
    # On the due day itself, "by today" would be no time at all: days from the letter.
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "due" / "th.xlsx",
                           feedback_dir=tmp_path / "fb-due", received=date(2023, 9, 20))
    (letter,) = result.feedback
    assert f"Hạn gửi lại: {RESEND_WITHIN}." in _letter_head(letter)


def test_feedback_no_longer_true_is_removed(hh_master, hh_split, tmp_path):
    """A unit's feedback lists the problems of its counted file: once the unit sends
    a file without them, or the file is withdrawn, the earlier feedback is removed (a
    file someone changed is left alone)."""
    from cchc_xl.merge import refresh_outputs

    did = ids(hh_master, "X04")[0]
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    wrong = fill_return(hh_split["X04"], tmp_path / "a" / "X04.xlsx", {did: doing(150)},
                        saved_at=SAVED)
    first = merge_returns(hh_master, [wrong], "9T", out, feedback_dir=fb)
    (told,) = first.feedback
    answers = realistic_answers(hh_master, hh_master.period("9T"), "X04")
    for d in ids(hh_master, "X04"):
        answers.setdefault(d, doing(40))
    right = fill_return(hh_split["X04"], tmp_path / "b" / "X04.xlsx", answers,
                        saved_at=datetime(2023, 9, 15, 8))
    again = merge_returns(hh_master, [right], "9T", out, feedback_dir=fb)
    assert again.feedback == [] and again.feedback_removed == [told] and not told.exists()
    assert "đã xóa 1 tệp phản hồi cũ không còn đúng" in again.summary()
    # Withdrawn: the file it was told about no longer counts; a changed one is kept.
    other = fill_return(hh_split["X06"], tmp_path / "c" / "X06.xlsx", {
        ids(hh_master, "X06")[0]: doing(150)}, saved_at=SAVED)
    kept = fill_return(hh_split["X02"], tmp_path / "c" / "X02.xlsx", {
        ids(hh_master, "X02")[0]: doing(150)}, saved_at=SAVED)
    told_x06, told_x02 = sorted(merge_returns(hh_master, [other, kept], "9T", out,
                                              feedback_dir=fb).feedback, reverse=True)
    gone = refresh_outputs(hh_master, "9T", out, feedback_dir=fb, withdraw=other.name)
    assert gone.feedback_removed == [told_x06] and not told_x06.exists()
    told_x02.write_bytes(told_x02.read_bytes() + b"\0")  # someone's copy, changed
    left = refresh_outputs(hh_master, "9T", out, feedback_dir=fb, withdraw=kept.name)
    assert left.feedback_removed == [] and told_x02.exists()


def test_feedback_is_written_again_only_when_what_it_says_changed(hh_master, hh_split,
                                                                   tmp_path):
    """A province merge of one late file rewrote every unit's feedback workbook (127
    files, 17 s of a 1 s merge): one whose file, problems and letter are the same is
    left as it is, annotations of the office included."""
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    x04 = fill_return(hh_split["X04"], tmp_path / "a" / "X04.xlsx",
                      {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    (told,) = merge_returns(hh_master, [x04], "9T", out, feedback_dir=fb).feedback
    made = (told.read_bytes(), told.stat().st_mtime_ns)
    x06 = fill_return(hh_split["X06"], tmp_path / "b" / "X06.xlsx",
                      {ids(hh_master, "X06")[0]: doing(150)}, saved_at=SAVED)
    late = merge_returns(hh_master, [x06], "9T", out, feedback_dir=fb)
    assert sorted(p.name for p in late.feedback) == sorted([told.name, late.feedback[-1].name])
    assert len(late.feedback) == 2
    assert (told.read_bytes(), told.stat().st_mtime_ns) == made  # not written again
    # What the letter says changed (the day received): written again.
    again = merge_returns(hh_master, [x04], "9T", out, feedback_dir=fb,
                          db=tmp_path / "other.sqlite", received=date(2023, 9, 19))
    assert told in again.feedback and told.read_bytes() != made[0]
    assert "ngày 19/09/2023" in "".join(
        str(c.value) for row in load_workbook(told)["Phản hồi"].iter_rows() for c in row)


def test_a_withdrawn_file_named_again_counts_again(hh_master, hh_split, tmp_path):
    """A file withdrawn by mistake could not be brought back: sent again, it was "đã
    nhận trước đó" and stayed withdrawn, and the unit's older file, with its errors,
    counted. Named again, it counts again; merging the folder it still lies in does
    not undo the withdrawal."""
    from cchc_xl.merge import refresh_outputs

    out = tmp_path / "out" / "th.xlsx"
    first = fill_return(hh_split["X04"], tmp_path / "in" / "X04-a.xlsx",
                        {ids(hh_master, "X04")[0]: doing(150)}, saved_at=SAVED)
    fixed = fill_return(hh_split["X04"], tmp_path / "in" / "X04-b.xlsx",
                        {ids(hh_master, "X04")[0]: doing(50)},
                        saved_at=datetime(2023, 9, 15, 8))
    merge_returns(hh_master, [tmp_path / "in"], "9T", out)
    refresh_outputs(hh_master, "9T", out, withdraw=fixed.name)

    def counted(result) -> str:
        return next(Path(f.path).name for f in result.files if f.outcome == "accepted")

    folder = merge_returns(hh_master, [tmp_path / "in"], "9T", out)
    assert counted(folder) == first.name  # still withdrawn
    named = merge_returns(hh_master, [fixed], "9T", out)
    (told,) = [f for f in named.run_files if f.path == str(fixed)]
    assert told.outcome == "accepted" and told.known
    assert told.problems[0].code == "file-restored"
    assert counted(named) == fixed.name
    # Withdrawn again, then sent again as a mail's zip (the probe's office): named too.
    refresh_outputs(hh_master, "9T", out, withdraw=fixed.name)
    assert counted(merge_returns(hh_master, [tmp_path / "in"], "9T", out)) == first.name
    mailed = tmp_path / "thu" / "gui-lai-X04.zip"
    mailed.parent.mkdir()
    with zipfile.ZipFile(mailed, "w") as zf:
        zf.write(fixed, fixed.name)
    zipped = merge_returns(hh_master, [mailed], "9T", out)
    assert counted(zipped) == fixed.name
    assert [f.problems[0].code for f in zipped.run_files if f.known] == ["file-restored"]


def test_a_file_too_large_for_feedback_is_named(hh_master, hh_split, tmp_path, monkeypatch):
    did = ids(hh_master, "X04")[0]
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx", {did: doing(150)},
                       saved_at=SAVED)
    monkeypatch.setattr("cchc_xl.bounds.EDIT_MAX_BYTES", 1000)  # as if 32 MB unzipped
    result = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                       "--out", str(tmp_path / "th.xlsx"), "--feedback",
                                       str(tmp_path / "fb"), "--silent"])
    assert result.exit_code == 1, result.output
    assert "Tệp phản hồi cho đơn vị: 0 tệp" in result.output
    assert (f"Không viết tệp phản hồi cho 1 tệp quá lớn để sửa trực tiếp ({sent}): gửi đơn vị"
            " danh sách vấn đề của tệp ở trang 'Vấn đề' của bảng tổng hợp.") in result.output


def test_a_warning_for_the_office_alone_makes_no_letter_to_the_unit(hh_master, tmp_path):
    """Files received, the office said, before the units saved them (a day typed wrong):
    a warning for the office (received-before-saved) made each unit a letter of "0 lỗi,
    0 cảnh báo" that still asked it to correct and send its file again (a probe: 42
    letters where 4 units had anything to do). A letter only for what asks something of
    the unit: X02's, which has."""
    given = tmp_path / "in"
    given.mkdir()
    returns = ROOT / "workbooks" / "hoang-hoa-2023" / "returns-9T"
    for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx", "X02-xa-hoang-cat.xlsx"):
        shutil.copyfile(returns / name, given / name)
    result = merge_returns(hh_master, [given], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb", received=date(2023, 9, 1))
    warned = {Path(f.path).name for f in result.files
              if "received-before-saved" in [p.code for p in f.problems]}
    assert warned == {"NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx", "X02-xa-hoang-cat.xlsx"}
    assert [p.name for p in result.feedback] == ["X02-Xã-Hoằng-Cát-phản-hồi.xlsx"]


def test_a_second_letter_of_a_unit_named_as_split_names_files_is_not_its_name_twice(
        hh_master, hh_split, tmp_path):
    """A unit's refused file saved as "X05-Xã-Hoằng-Đạt (1).xlsx" (a browser's second
    download) beside its counted one got "X05-Xã-Hoằng-Đạt-X05-Xã-Hoằng-Đạt-1-phản-hồi.xlsx"
    (a probe)."""
    first_id = ids(hh_master, "X05")[0]
    own = fill_return(hh_split["X05"], tmp_path / "in" / "X05-Xã-Hoằng-Đạt.xlsx",
                      {first_id: doing(150)}, saved_at=datetime(2023, 9, 10, 8))
    q3 = split_dir(hh_master, "Q3", tmp_path / "q3", ("X05",))
    copy = fill_return(q3["X05"], tmp_path / "in" / "X05-Xã-Hoằng-Đạt (1).xlsx",
                       {first_id: doing(55)}, saved_at=datetime(2023, 9, 13, 10))
    result = merge_returns(hh_master, [own, copy], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert sorted(p.name for p in result.feedback) == [
        "X05-Xã-Hoằng-Đạt-1-phản-hồi.xlsx", "X05-Xã-Hoằng-Đạt-phản-hồi.xlsx"]


def test_feedback_follows_the_file_that_counts(hh_master, hh_split, tmp_path):
    """Withdrawn, a unit's counted file gets no feedback: its other file does (it wrote
    over it, under the same name); a rejected file of a unit with a counted one gets its
    own feedback file beside the counted one's."""
    from cchc_xl.merge import refresh_outputs

    first_id, second_id = ids(hh_master, "X05")[:2]
    first = fill_return(hh_split["X05"], tmp_path / "in" / "lan-1.xlsx",
                        {first_id: doing(150)}, saved_at=datetime(2023, 9, 10, 8))
    second = fill_return(hh_split["X05"], tmp_path / "in" / "lan-2.xlsx",
                         {second_id: doing(150)}, saved_at=datetime(2023, 9, 12, 8))
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    merge_returns(hh_master, [first, second], "9T", out, feedback_dir=fb)
    name = "X05-Xã-Hoằng-Đạt-phản-hồi.xlsx"

    assert "Tệp đã nhận: lan-2.xlsx" in " ".join(_letter_head(fb / name))
    refresh_outputs(hh_master, "9T", out, feedback_dir=fb, withdraw="lan-2.xlsx", why="nhầm")
    assert "Tệp đã nhận: lan-1.xlsx" in " ".join(_letter_head(fb / name))
    assert sorted(p.name for p in fb.iterdir()) == [name]
    # A file of X05 for another period (rejected) beside the counted one.
    q3 = split_dir(hh_master, "Q3", tmp_path / "q3", ("X05",))
    other = fill_return(q3["X05"], tmp_path / "in" / "ky-khac.xlsx", {first_id: doing(50)},
                        saved_at=datetime(2023, 9, 13, 8))
    again = merge_returns(hh_master, [other], "9T", out, feedback_dir=fb)
    assert "X05-Xã-Hoằng-Đạt-ky-khac-phản-hồi.xlsx" in {p.name for p in again.feedback}
    assert sorted(p.name for p in fb.iterdir()) == [
        "X05-Xã-Hoằng-Đạt-ky-khac-phản-hồi.xlsx", name]
    assert "Tệp đã nhận: lan-1.xlsx" in " ".join(_letter_head(fb / name))
    # Sent once more under the same name from another folder: a third name, not over it.
    twice = fill_return(q3["X05"], tmp_path / "in2" / "ky-khac.xlsx", {first_id: doing(60)},
                        saved_at=datetime(2023, 9, 13, 9))
    merge_returns(hh_master, [twice], "9T", out, feedback_dir=fb)
    assert sorted(p.name for p in fb.iterdir()) == [
        "X05-Xã-Hoằng-Đạt-ky-khac-2-phản-hồi.xlsx", "X05-Xã-Hoằng-Đạt-ky-khac-phản-hồi.xlsx",
        name]


# --- nothing lost: idempotent, late returns add --------------------------------------

def _values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path, read_only=True)  # values only: no styles, no merged cells
    values = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    wb.close()
    return values


@pytest.mark.slow
def test_merging_twice_is_idempotent_and_late_returns_add(hh_master, hh_split, tmp_path):
    period = hh_master.period("9T")
    answers = {u: realistic_answers(hh_master, period, u) for u in ("TP", "X20", "X21")}
    answers["X20"]["TC-01"] = doing(40)
    files = {u: fill_return(hh_split[u], tmp_path / "in" / hh_split[u].name, answers[u],
                            saved_at=SAVED) for u in answers}
    out = tmp_path / "out" / "OUT.xlsx"
    first = merge_returns(hh_master, [files["TP"], files["X20"]], "9T", out)
    first_values = _values(out)
    second = merge_returns(hh_master, [files["TP"], files["X20"]], "9T", out)
    # The same, but that this run's files were received by the first.
    assert [f.known for f in first.run_files] == [False, False]
    assert [f.known for f in second.run_files] == [True, True]
    for f in second.files:
        f.known = False
    assert second.as_dict() == first.as_dict()
    assert _values(out) == first_values
    assert len(load_snapshot(out.parent / "cchc-ledger.sqlite", "9T").submissions) == 2
    assert len(list((out.parent / "cchc-archive").rglob("*.xlsx"))) == 2

    # Few coordinators reported: each is listed with status, % and evidence.
    area = first_values[hh_master.areas[0].sheet][4:]  # the rows from row 5
    tc01 = next(r for r in area if r[1] == "TC-01")
    assert f"{hh_master.unit('X20').name}: {IN_PROGRESS}, 40%" in tc01[12].split("\n")

    late = merge_returns(hh_master, [files["X21"]], "9T", out)
    assert [(Path(f.path).name, f.outcome, f.in_run) for f in late.files] == [
        (files["X21"].name, "accepted", True), (files["TP"].name, "accepted", False),
        (files["X20"].name, "accepted", False)]
    assert set(first.missing_units) - set(late.missing_units) == {"X21"}
    assert {r.unit for r in late.rows} == {"TP", "X20", "X21"}
    assert len(_values(out)[ROWS_SHEET]) > len(first_values[ROWS_SHEET])


def _stamp(path: Path) -> tuple[int, int]:
    """Changes whenever the file is written again (atomic writes replace the file)."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def test_the_consolidated_workbook_is_rebuilt_only_when_what_it_shows_changed(
        hh_master, hh_split, tmp_path, monkeypatch):
    period = hh_master.period("9T")
    files = {u: fill_return(hh_split[u], tmp_path / "in" / hh_split[u].name,
                            realistic_answers(hh_master, period, u), saved_at=SAVED)
             for u in ("TP", "X20")}
    out = tmp_path / "out" / "OUT.xlsx"
    first = merge_returns(hh_master, [files["TP"]], "9T", out)
    written, values = _stamp(out), _values(out)

    # Nothing new (the same file, and a copy under another name): neither read back nor
    # written again.
    shutil.copy(files["TP"], tmp_path / "copy.xlsx")
    with monkeypatch.context() as m:
        m.setattr(consolidate.A, "assessments_in", _never)
        again = merge_returns(hh_master, [files["TP"], tmp_path / "copy.xlsx"], "9T", out)
    assert _stamp(out) == written
    assert again.as_dict()["rows"] == first.as_dict()["rows"]
    assert [f.outcome for f in again.run_files] == ["accepted", "accepted"]

    # Gone, or changed on disk: read back and written again.
    out.unlink()
    merge_returns(hh_master, [files["TP"]], "9T", out)
    assert _values(out) == values
    area = hh_master.areas[0].sheet
    wb = load_workbook(out)
    ws = wb[area]
    key = next(r for r in ws.iter_rows(min_row=5) if r[15].value and r[15].value.startswith("TP|"))
    key[14].value = "Chưa đạt: thiếu văn bản"
    wb.save(out)
    typed = merge_returns(hh_master, [files["TP"]], "9T", out)
    assert len(typed.assessed) == 1
    shown = [r for r in _values(out)[area] if r[15] == key[15].value]
    assert shown[0][14] == "Chưa đạt: thiếu văn bản"

    # Another version of the program: written again, the same values.
    written = _stamp(out)
    monkeypatch.setattr(consolidate, "_code_digest", lambda: "another version")
    merge_returns(hh_master, [files["TP"]], "9T", out)
    assert _stamp(out) != written
    written, values = _stamp(out), _values(out)

    # A late file: written again, with its rows.
    late = merge_returns(hh_master, [files["X20"]], "9T", out)
    assert _stamp(out) != written
    assert {r.unit for r in late.rows} == {"TP", "X20"}
    assert len(_values(out)[ROWS_SHEET]) > len(values[ROWS_SHEET])


def _never(*_args, **_kwargs):
    raise AssertionError("the consolidated workbook was read back")


@pytest.mark.slow
def test_same_content_under_two_names_is_one_submission(hh_master, hh_split, tmp_path):
    a = fill_return(hh_split["X22"], tmp_path / "a.xlsx", {ids(hh_master, "X22")[0]: doing()},
                    saved_at=SAVED)
    shutil.copy(a, tmp_path / "b (copy).xlsx")
    result = merge_returns(hh_master, [tmp_path], "9T", tmp_path / "out" / "o.xlsx")
    assert [(Path(f.path).name, f.outcome) for f in result.files] == [
        ("a.xlsx", "accepted"), ("b (copy).xlsx", "accepted")]
    assert "duplicate-file" in codes_of([p.as_dict() for p in result.files[1].problems])
    assert len(load_snapshot(tmp_path / "out" / "cchc-ledger.sqlite", "9T").submissions) == 1
    # Told once: one file read, each of its problems listed once.
    summary = result.summary()
    assert "Lần này đọc 1 tệp (1 tệp gửi trùng nội dung, tính một lần): 1 được nhận" in summary
    listed = [line for line in summary.splitlines() if line.startswith("  [")]
    assert listed and len(listed) == len(set(listed))
    assert "duplicate-file" not in summary
    # Sent again later under a third name: said to be a file received before (a probe
    # read "1 được nhận" as a new file taken).
    (tmp_path / "lan-2").mkdir()
    again = shutil.copy(a, tmp_path / "lan-2" / "c.xlsx")
    later = merge_returns(hh_master, [again], "9T", tmp_path / "out" / "o.xlsx").summary()
    assert ("Lần này đọc 1 tệp (1 tệp đã nhận ở lần gộp trước: giữ kết quả lần đó, không "
            "tính thêm): 1 được nhận") in later


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


def test_a_later_file_leaving_answered_tasks_blank_is_told(hh_master, hh_split, tmp_path):
    """Only one file of a unit counts. A short "bổ sung" file of the one task forgotten,
    sent after the full report, counts alone: the answers of the full one leave every
    figure. The office is told on the file that counts, with the tasks, and the unit
    is asked for one whole file; a later file answering as much says nothing."""
    tasks = ids(hh_master, "X22")
    full = fill_return(hh_split["X22"], tmp_path / "X22.xlsx",
                       {did: done() for did in tasks[:4]}, saved_at=SAVED)
    extra = fill_return(hh_split["X22"], tmp_path / "X22 (bo sung).xlsx",
                        {tasks[4]: doing(30)}, saved_at=datetime(2023, 9, 15, 8))
    out = tmp_path / "out" / "o.xlsx"
    result = merge_returns(hh_master, [full, extra], "9T", out, feedback_dir=tmp_path / "ph")
    assert result.exit_code == 0  # a warning: written, nothing refused
    counted, replaced = (next(f for f in result.files if Path(f.path) == p)
                         for p in (extra, full))
    assert (counted.outcome, replaced.outcome) == ("accepted", "superseded")
    (told,) = [p for p in counted.problems if p.code == "answers-left-blank"]
    assert told.severity == "warning" and told.unit == "X22"
    assert told.message.startswith(
        f"tệp này được tính thay cho tệp X22.xlsx (lưu lúc 14/09/2023 10:00) của đơn vị nhưng "
        f"để trống 4 nhiệm vụ tệp đó đã báo cáo ({', '.join(tasks[:4])})")
    assert "gửi lại một tệp đầy đủ" in told.message and "cchc-xl withdraw" in told.message
    assert told.message in result.summary()
    # The figures are the counted file's: one task in progress, nothing done.
    x22 = next(u for u in result.figures.units if u.code == "X22")
    assert x22.done == 0
    # The unit's letter asks for one whole file, in its own words (no office steps).
    (letter,) = result.feedback
    text = " ".join(str(c.value) for row in load_workbook(letter)[FEEDBACK_SHEET].iter_rows()
                    for c in row if c.value)
    assert "gửi lại một tệp đầy đủ, điền cả các nhiệm vụ đã báo cáo" in text
    assert "cchc-xl" not in text and "rút tệp" not in text
    # Sent later still, whole: it counts and says nothing (the short file, which no
    # longer counts, keeps its warning as history: no list shows it).
    whole = fill_return(hh_split["X22"], tmp_path / "lan-3" / "X22.xlsx",
                        {**{did: done() for did in tasks[:4]}, tasks[4]: doing(30)},
                        saved_at=datetime(2023, 9, 16, 8))
    again = merge_returns(hh_master, [whole], "9T", out)
    (now,) = again.run_files
    assert now.outcome == "accepted" and "answers-left-blank" not in [
        p.code for f in again.files if f.outcome == "accepted" for p in f.problems]
    assert "answers-left-blank" not in again.summary(codes=True)


def test_an_edited_plan_cell_is_quoted_as_excel_shows_it(hh_master, hh_split, tmp_path):
    """A date typed over the plan's deadline is quoted dd/mm/yyyy, as the unit sees it in
    Excel, not '2023-12-31 00:00:00' (a probe)."""
    did = ids(hh_master, "X22")[0]
    path = tmp_path / "X22.xlsx"

    def retype(wb) -> None:
        sheet, cell = locate(hh_split["X22"], did, A.COL_DEADLINE)
        wb[sheet][cell] = datetime(2023, 12, 31)

    fill_return(hh_split["X22"], path, {did: doing()}, saved_at=SAVED, tweak=retype)
    (f,) = merge_returns(hh_master, [path], "9T", tmp_path / "out" / "o.xlsx").files
    (edited,) = [p for p in f.problems if p.code == "readonly-edited"]
    assert f"cột '{A.COL_DEADLINE}' là nội dung của kế hoạch, không được sửa (đang ghi " \
           "'31/12/2023')" in edited.message


def test_the_report_put_among_the_returns_is_skipped_as_cchc_xls_own(hh_master, hh_split,
                                                                     tmp_path):
    """The office writes the period's report into the folder it merges from: merged
    again, the report is skipped as the consolidated workbook is, not refused as a
    unit's file without identity (exit 1, a feedback letter "không-rõ-bc")."""
    returns = tmp_path / "nhan"
    fill_return(hh_split["X22"], returns / "X22.xlsx",
                {ids(hh_master, "X22")[0]: doing()}, saved_at=SAVED)
    out = returns / "ket-qua" / "tong-hop.xlsx"
    merge_returns(hh_master, [returns], "9T", out)
    report = write_report(out, "9T", returns / "ket-qua" / "bao-cao.xlsx")
    again = merge_returns(hh_master, [returns], "9T", out, feedback_dir=tmp_path / "ph")
    assert again.exit_code == 0
    assert [f.name for f in again.feedback] == ["X22-Xã-Hoằng-Quỳ-phản-hồi.xlsx"]
    assert [f.outcome for f in again.files] == ["accepted"]
    skipped = {s.path.name: s.reason for s in again.skipped}
    assert skipped == {"tong-hop.xlsx": "tệp tổng hợp do cchc-xl tạo (--out)",
                       "bao-cao.xlsx": "tệp báo cáo do cchc-xl lập, không phải tệp đơn vị gửi"}
    assert report.paths[0].name == "bao-cao.xlsx"
    # Known by its content from then on; the consolidated workbook the office saved
    # again (its own notes typed in) is skipped by what it is.
    wb = load_workbook(out)
    wb.worksheets[0]["A1"] = "Bản của văn phòng"
    wb.save(out)
    third = merge_returns(hh_master, [returns], "9T", returns / "ket-qua" / "moi.xlsx")
    assert third.exit_code == 0 and [f.outcome for f in third.files] == ["accepted"]
    assert {s.path.name: s.reason for s in third.skipped} == {
        "tong-hop.xlsx": "tệp bảng tổng hợp do cchc-xl lập, không phải tệp đơn vị gửi",
        "bao-cao.xlsx": "tệp do cchc-xl tạo (tổng hợp, báo cáo hoặc phản hồi), đơn vị chưa sửa"}


@pytest.mark.slow
def test_consolidated_workbook_golden(hh_master, hh_split, tmp_path, monkeypatch) -> None:
    """A small merge, with paths and times fixed, against a reviewed reference."""
    monkeypatch.chdir(tmp_path)
    period = hh_master.period("9T")
    for unit in ("TP", "X20"):
        fill_return(hh_split[unit], Path("returns") / f"{unit}.xlsx",
                    realistic_answers(hh_master, period, unit), saved_at=SAVED)
    fill_return(hh_split["X02"], Path("returns") / "X02.xlsx",
                {ids(hh_master, "X02")[0]: doing(120)}, saved_at=SAVED)
    Path("returns/bao-cao.xlsx").write_text("Mã nhiệm vụ;Trạng thái\n")
    # Times inside workbooks are UTC and shown in local time: fix the local time zone.
    with local_timezone("UTC"):
        stamp = SAVED.timestamp()
        os.utime("returns/bao-cao.xlsx", (stamp, stamp))
        merge_returns(hh_master, [Path("returns")], "9T", Path("out/tong-hop-9T.xlsx"),
                      now=datetime(2023, 9, 20, 8, 30))
    assert_matches_golden(tmp_path / "out" / "tong-hop-9T.xlsx", "merge-hoang-hoa-9T")


# --- both seed plans -----------------------------------------------------------------

@pytest.mark.slow
def test_nghia_hung_split_fill_merge(nh_master, tmp_path) -> None:
    split = split_dir(nh_master, "6T", tmp_path / "split")
    period = nh_master.period("6T")
    for unit, path in split.items():
        fill_return(path, tmp_path / "returns" / path.name,
                    realistic_answers(nh_master, period, unit), saved_at=SAVED)
    out = tmp_path / "out" / "tong-hop.xlsx"
    result = merge_returns(nh_master, [tmp_path / "returns"], "6t", out)
    assert {f.outcome for f in result.files} == {"accepted"} and len(result.files) == len(split)
    assert result.missing_units == [] and result.exit_code == 0
    assert {(r["unit"], r["task"]) for r in result.as_dict()["rows"]} == {
        (u, ar.deliverable.id) for u in split for ar in A.assigned_rows(nh_master, u)}
    # A task with several products: each product has its own row(s) in the area sheet.
    task = next(t for t in nh_master.tasks() if len(t.deliverables) > 2)
    area = next(a for a in nh_master.areas if task in a.tasks)
    shown = {r[1] for r in _values(out)[area.sheet][4:]}  # the rows from row 5
    assert {d.id for d in task.deliverables} <= shown


def test_bundled_sample_returns(hh_master, hh_samples_merged) -> None:
    result, out = hh_samples_merged
    outcomes = Counter(f.outcome for f in result.files)
    assert outcomes == {"accepted": 42, "superseded": 1}
    assert [m for m in result.missing_units] == ["TTR", "X07", "X15", "X23", "X31"]
    errors = {(p.unit, p.code) for f in result.files for p in f.problems if p.severity == "error"}
    assert errors == {("X02", "percent-out-of-range"), ("X03", "done-without-evidence"),
                      ("X09", "date-after-cutoff")}
    codes = {p.code for f in result.files for p in f.problems}
    assert {"status-normalized", "date-text", "date-ambiguous",
            "evidence-no-document"} <= codes
    timeliness = Counter(r.timeliness for r in result.rows)
    assert timeliness["late"] > 0 and timeliness["on_time"] > 0 and timeliness["within"] > 0
    # All communes coordinate TC-02: counted, not listed one by one.
    ws = load_workbook(out)[hh_master.areas[0].sheet]
    tc02 = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] == "TC-02")
    assert re.match(r"\d+ đơn vị đã báo cáo: \d+ đã hoàn thành", tc02[12])
    assert all(d.height is None or d.height <= 409 for d in ws.row_dimensions.values())


@pytest.mark.slow
def test_bundled_sample_returns_are_what_the_script_makes(hh_master, hh_samples_merged,
                                                          hh_split_9t, tmp_path) -> None:
    """Compared by what merge reads from them, so that a change in split's layout alone
    does not call for regenerating them. The script fills the session's split (the
    same split it makes: same plan, period and issue time)."""
    result, _ = hh_samples_merged
    make_sample_returns(HH_MASTER, "9T", tmp_path / "regen", split=hh_split_9t)
    again = merge_returns(hh_master, [tmp_path / "regen"], "9T", tmp_path / "o2" / "OUT.xlsx")
    assert _values_of(again) == _values_of(result), \
        "run scripts/make_sample_returns.py and commit workbooks/hoang-hoa-2023/returns-9T"


# --- LibreOffice: files opened and saved by Calc --------------------------------------

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


def _values_of(result, units=None) -> list[tuple]:
    return sorted((r["unit"], r["task"], r["status"], r["percent"], r["completed_on"],
                   r["evidence"]) for r in result.as_dict()["rows"]
                  if units is None or r["unit"] in units)


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


# --- the command line ----------------------------------------------------------------

def _cli(*args: str):
    return CliRunner().invoke(main, ["merge", str(HH_MASTER), *args])


@pytest.mark.slow
def test_cli_exit_codes_and_messages(hh_master, hh_split, tmp_path) -> None:
    period = hh_master.period("9T")
    answers = realistic_answers(hh_master, period, "VHTT")
    for did in ids(hh_master, "VHTT"):
        answers.setdefault(did, doing(40))
    clean = fill_return(hh_split["VHTT"], tmp_path / "clean" / "vhtt.xlsx", answers)
    out = tmp_path / "out" / "OUT.xlsx"
    ok = _cli(str(clean), "--period", "9T", "--out", str(out), "--silent")
    assert ok.exit_code == 0, ok.output
    assert "1 được nhận" in ok.output and f"Bảng tổng hợp: {out}" in ok.output

    wrong = fill_return(hh_split["VHTT"], tmp_path / "bad" / "vhtt.xlsx",
                        {ids(hh_master, "VHTT")[0]: doing(150)})
    bad = _cli(str(wrong), "--period", "9T", "--out", str(tmp_path / "o2" / "o.xlsx"),
               "--json")
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert data["files"][0]["outcome"] == "accepted"
    assert "percent-out-of-range" in codes_of(data["files"][0]["problems"])
    assert set(data) >= {"files", "rows", "missing_units"}
    assert set(data["rows"][0]) >= {"task", "unit", "status", "percent", "completed_on",
                                    "evidence", "timeliness", "problems"}

    rejected = _cli(str(HH_MASTER.parent / "source" / "plan.json"), "--period", "9T", "--out",
                    str(tmp_path / "o3" / "o.xlsx"))
    assert rejected.exit_code == 1 and "1 bị từ chối" in rejected.output

    for args, message in [
        ([str(clean), "--period", "Q9", "--out", str(out)], "không có kỳ báo cáo 'Q9'"),
        ([str(tmp_path / "nowhere"), "--period", "9T", "--out", str(out)], "không tìm thấy"),
        ([str(clean), "--period", "9T", "--out", str(tmp_path / "o.csv")], ".xlsx"),
        # An empty date (a script's unset variable) is not "today".
        ([str(clean), "--period", "9T", "--out", str(out), "--received", ""],
         "--received: '' không phải ngày"),
    ]:
        usage = _cli(*args)
        assert usage.exit_code == 2 and message in usage.output, usage.output
    only_locks = tmp_path / "locks"
    only_locks.mkdir()
    (only_locks / "~$vhtt.xlsx").write_bytes(b"x")
    for system in ("Thumbs.db", ".DS_Store"):
        (only_locks / system).write_bytes(b"x")
    usage = _cli(str(only_locks), "--period", "9T", "--out", str(out))
    assert usage.exit_code == 2 and "không có tệp nào" in usage.output
    # Each is told for what it is: Excel's lock file, and the system's files.
    assert "~$vhtt.xlsx: tệp khóa hoặc tệp tạm của Excel/LibreOffice" in usage.output
    assert ".DS_Store: tệp hệ thống hoặc tệp ẩn" in usage.output


def test_master_is_not_an_output(hh_master, tmp_path) -> None:
    with pytest.raises(UsageError, match="bảng kế hoạch"):
        merge_returns(hh_master, [SAMPLES], "9T", HH_MASTER)



# --- files as reviewers returned them: copied sheets, charts, edited guide ------------

def _copy_sheet_before(wb, title: str, copy_title: str):
    """What Excel's "Move or Copy..., Create a copy" does: the copy goes before."""
    original = wb[title]
    copy_ = wb.copy_worksheet(original)
    copy_.title = copy_title
    wb.move_sheet(copy_, offset=wb.index(original) - wb.index(copy_))
    return copy_


@pytest.fixture(scope="module")
def review_returns(tmp_path_factory, hh_master, hh_split):
    tmp = tmp_path_factory.mktemp("review")
    folder = tmp / "returns"
    x06 = ids(hh_master, "X06")

    def guide_says_x07(wb) -> None:
        wb[A.GUIDE_SHEET][A.GUIDE_UNIT_CELL] = "X07"
        wb[A.GUIDE_SHEET]["B5"] = hh_master.unit("X07").name

    fill_return(hh_split["X06"], folder / "X06.xlsx", {x06[0]: doing(30)},
                saved_at=datetime(2023, 9, 10, 9))
    fill_return(hh_split["X06"], folder / "X07-tu-tep-X06.xlsx", {x06[0]: doing(90)},
                saved_at=datetime(2023, 9, 12, 9), tweak=guide_says_x07)

    def chart_sheet(wb) -> None:
        from openpyxl.chart import BarChart, Reference

        chart = BarChart()
        chart.add_data(Reference(wb["Thể chế"], min_col=9, min_row=4, max_row=7))
        wb.create_chartsheet("Biểu đồ").add_chart(chart)

    fill_return(hh_split["VP"], folder / "VP-bieu-do.xlsx",
                {"TC-01": doing(120), "TC-02": done(date(2023, 9, 20))},
                saved_at=SAVED, tweak=chart_sheet)

    def copied_sheet(wb) -> None:
        ws = _copy_sheet_before(wb, "Thể chế", "Thể chế (2)")
        _, status = locate(hh_split["TP"], "TC-01", A.COL_STATUS)
        _, percent = locate(hh_split["TP"], "TC-01", A.COL_PERCENT)
        ws[status], ws[percent] = None, None  # the copy left blank
        ws[locate(hh_split["TP"], "TC-02", A.COL_PERCENT)[1]] = 70  # the copy says otherwise

    fill_return(hh_split["TP"], folder / "TP-sao-trang.xlsx",
                {d: doing(50) for d in ("TC-01", "TC-02", "TC-03")}, saved_at=SAVED,
                tweak=copied_sheet)

    def lower_case_id(wb) -> None:
        sheet, cell = locate(hh_split["X01"], "TC-01", A.COL_ID)
        wb[sheet][cell] = "tc-01 "

    fill_return(hh_split["X01"], folder / "X01-ma.xlsx", {"TC-01": doing(40)}, saved_at=SAVED,
                tweak=lower_case_id)

    def header_renamed(wb) -> None:
        ws = wb["Thủ tục hành chính"]
        next(c for c in ws[A.HEADER_ROW] if c.value == A.COL_STATUS).value = "Tình trạng"

    fill_return(hh_split["BPMC"], folder / "BPMC-tieu-de.xlsx",
                {d: doing(50) for d in ids(hh_master, "BPMC")}, saved_at=SAVED,
                tweak=header_renamed)
    result = merge_returns(hh_master, [folder], "9T", tmp / "out" / "o.xlsx",
                           feedback_dir=tmp / "feedback")
    return result, tmp


def _file(result, name: str) -> dict:
    return next(f for f in result.as_dict()["files"] if Path(f["path"]).name == name)


def _rows_of(result, unit: str) -> dict[str, dict]:
    return {r["task"]: r for r in result.as_dict()["rows"] if r["unit"] == unit}


def test_another_units_guide_on_a_copied_file_is_rejected(review_returns, hh_master) -> None:
    result, _ = review_returns
    fake, real = _file(result, "X07-tu-tep-X06.xlsx"), _file(result, "X06.xlsx")
    assert (real["unit"], real["outcome"]) == ("X06", "accepted")
    assert (fake["unit"], fake["outcome"]) == (None, "rejected")
    [problem] = fake["problems"]
    assert (problem["severity"], problem["code"]) == ("error", "identity-guide-mismatch")
    assert "'X06'" in problem["message"] and "'X07'" in problem["message"]
    assert "gửi lại" in problem["message"]
    # The newer but rejected file replaces nothing: X06's own report stands.
    assert _rows_of(result, "X06")[ids(hh_master, "X06")[0]]["percent"] == 30
    assert "X07" in result.missing_units and "X06" not in result.missing_units
    assert result.exit_code == 1


def test_chart_sheet_does_not_make_a_file_unreadable(review_returns) -> None:
    result, tmp = review_returns
    vp = _file(result, "VP-bieu-do.xlsx")
    assert vp["outcome"] == "accepted"
    assert {p["code"] for p in vp["problems"]} == {"percent-out-of-range", "date-after-cutoff",
                                                   "row-not-filled",
                                                   "recurring-without-evidence"}
    assert _rows_of(result, "VP")["TC-02"]["status"] == DONE
    feedback = load_workbook(tmp / "feedback" / "VP-Văn-phòng-HĐND-UBND-huyện-phản-hồi.xlsx")
    assert feedback.sheetnames[0] == FEEDBACK_SHEET and "Biểu đồ" in feedback.sheetnames


def test_done_after_the_cutoff_was_not_done_at_the_cutoff(review_returns) -> None:
    result, _ = review_returns
    tc02 = _rows_of(result, "VP")["TC-02"]  # due 31/12/2023, done 20/09/2023, cut-off 14/09
    assert tc02["completed_on"] == "2023-09-20"
    assert "date-after-cutoff" in codes_of(tc02["problems"])
    assert (tc02["timeliness"], tc02["timeliness_label"]) == ("within", "Trong hạn")


def test_copied_sheet_keeps_the_filled_row(review_returns) -> None:
    result, _ = review_returns
    tp = _file(result, "TP-sao-trang.xlsx")
    duplicates = [(p["severity"], p["task"], p["sheet"]) for p in tp["problems"]
                  if p["code"] == "row-duplicate"]
    assert sorted(duplicates) == [
        ("error", "TC-02", "Thể chế"), ("error", "TC-02", "Thể chế (2)"),
        ("warning", "TC-01", "Thể chế (2)"), ("warning", "TC-03", "Thể chế")]
    for p in tp["problems"]:
        if p["code"] == "row-duplicate":
            assert "'Thể chế' dòng" in p["message"] and "'Thể chế (2)' dòng" in p["message"]
    rows = _rows_of(result, "TP")
    # Only the original has TC-01 filled; TC-03 is the same in both; TC-02 differs: none.
    assert (rows["TC-01"]["status"], rows["TC-01"]["percent"]) == (IN_PROGRESS, 50)
    assert rows["TC-03"]["percent"] == 50
    assert "TC-02" not in rows
    [error] = [p for p in tp["problems"] if p["severity"] == "error" and p["sheet"] == "Thể chế"]
    assert "không dòng nào được tổng hợp" in error["message"]


def test_ids_match_whatever_their_case_and_spaces(review_returns) -> None:
    result, _ = review_returns
    x01 = _file(result, "X01-ma.xlsx")
    codes = codes_of(x01["problems"])
    assert codes["id-normalized"] == 1
    assert not {"row-unknown-id", "row-missing"} & set(codes)
    [note] = [p for p in x01["problems"] if p["code"] == "id-normalized"]
    assert (note["severity"], note["task"]) == ("note", "TC-01") and "tc-01" in note["message"]
    assert _rows_of(result, "X01")["TC-01"]["percent"] == 40


def test_missing_header_is_reported_once_per_sheet(review_returns) -> None:
    result, _ = review_returns
    bpmc = _file(result, "BPMC-tieu-de.xlsx")
    assert [(p["code"], p["sheet"], p["cell"]) for p in bpmc["problems"]] == [
        ("missing-column", "Thủ tục hành chính", f"A{A.HEADER_ROW}")]
    assert "'Trạng thái'" in bpmc["problems"][0]["message"]
    # What to do: type the header back where it stood (not "fill the whole file again").
    assert ("nếu đã đổi tên, ghi lại đúng tiêu đề 'Trạng thái' (cột H của tệp được giao) ở "
            f"hàng {A.HEADER_ROW} rồi gửi lại") in bpmc["problems"][0]["message"]


@pytest.mark.parametrize("typed", ["Tỷ lệ (%)", "Tỷ lệ %", "tỷ lệ", "Tỷ lệ HT (%)",
                                   "Mức độ hoàn thành (%)"])
def test_a_header_retyped_the_obvious_way_still_names_its_column(hh_master, hh_split,
                                                                tmp_path, typed):
    """ "Tỷ lệ hoàn thành (%)" retyped "Tỷ lệ (%)": the column was dropped (missing-column)
    and every percentage of the sheet read as blank (a QA pass)."""
    did = ids(hh_master, "X01")[0]

    def retyped(wb) -> None:
        for ws in wb.worksheets:
            for cell in ws[A.HEADER_ROW]:
                if cell.value == A.COL_PERCENT:
                    cell.value = typed

    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx", {did: doing(70)},
                       tweak=retyped)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (f,) = result.run_files
    assert f.outcome == "accepted"
    assert not [p for p in f.problems if p.code == "missing-column"]
    assert _row(result, "X01", did)["percent"] == 70


def test_a_row_done_in_a_file_without_its_evidence_column_is_not_counted_done(
        tmp_path, hh_master, hh_split) -> None:
    """A unit that deleted the "Tài liệu kiểm chứng" column had its rows "Đã hoàn thành"
    counted done, while the same rows with the cells left blank are "Cần xác minh" (a
    probe): deleting a column got a better result than leaving it empty."""
    x06 = ids(hh_master, "X06")

    def evidence_deleted(wb) -> None:
        for ws in wb.worksheets:
            header = [c.value for c in ws[A.HEADER_ROW]] if ws.max_row >= A.HEADER_ROW else []
            if A.COL_EVIDENCE in header:
                ws.delete_cols(header.index(A.COL_EVIDENCE) + 1)

    fill_return(hh_split["X06"], tmp_path / "in" / "X06.xlsx",
                {d: done(date(2023, 9, 5)) for d in x06}, saved_at=SAVED,
                tweak=evidence_deleted)
    result = merge_returns(hh_master, [tmp_path / "in"], "9T", tmp_path / "o.xlsx",
                           feedback_dir=tmp_path / "feedback")
    rows = _rows_of(result, "X06")
    assert set(rows) == set(x06)
    for did, row in rows.items():
        assert row["progress"] == "Cần xác minh", (did, row["progress"])
        (problem,) = [p for p in row["problems"] if p["code"] == "done-without-evidence"]
        sheet, id_cell = locate(hh_split["X06"], did, A.COL_ID)
        assert (problem["severity"], problem["sheet"], problem["cell"]) == ("error", sheet,
                                                                              id_cell)
        assert problem["message"].endswith("(tệp thiếu cột 'Tài liệu kiểm chứng')")
    assert result.figures.leads.done == 0
    # Its letter says to fill the original file again: the column cannot be put back in
    # the file sent (its steps said to fix it and send it back as it is).
    (letter,) = (tmp_path / "feedback").glob("X06-*.xlsx")
    texts = [c for row in load_workbook(letter)[FEEDBACK_SHEET].iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert REFILL_STEPS in texts and STEPS not in texts


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


def test_saved_time_is_read_as_local_time(hh_split, tmp_path) -> None:
    """docProps 'modified' is UTC: 10:00 UTC is 17:00 in Hà Nội."""
    from cchc_xl.intake import read_return

    path = fill_return(hh_split["X20"], tmp_path / "x20.xlsx", {}, saved_at=SAVED)
    with local_timezone("Asia/Ho_Chi_Minh"):
        assert read_return(path).saved_at == datetime(2023, 9, 14, 17, 0)
    with local_timezone("UTC"):
        assert read_return(path).saved_at == SAVED


def _twins(hh_master, hh_split, tmp_path, other: str):
    """X10's two files saved at the same moment with other content (a.xlsx, b.xlsx), and
    X11's file saved then too, in the folder ``other``: X10's first task, the moment, the
    three files."""
    did = ids(hh_master, "X10")[0]
    saved = datetime(2023, 9, 12, 8)
    a = fill_return(hh_split["X10"], tmp_path / "in" / "a.xlsx", {did: doing(30)}, saved_at=saved)
    b = fill_return(hh_split["X10"], tmp_path / "in" / "b.xlsx", {did: doing(70)}, saved_at=saved)
    third = fill_return(hh_split["X11"], tmp_path / other / "c.xlsx", {}, saved_at=saved)
    return did, saved, (a, b, third)


def test_two_files_of_a_unit_saved_at_the_same_moment_are_told(hh_master, hh_split, tmp_path):
    """Nothing tells which is newer: the one merged last counts, and the office is told
    on each, so that it can withdraw the wrong one."""
    did, saved, (a, b, same) = _twins(hh_master, hh_split, tmp_path, "in2")
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [a, same], "9T", out)
    result = merge_returns(hh_master, [b], "9T", out)
    outcomes = {Path(f.path).name: f.outcome for f in result.files}
    assert (outcomes["a.xlsx"], outcomes["b.xlsx"]) == ("superseded", "accepted")
    assert _row(result, "X10", did)["percent"] == 70
    told = [(Path(p.file).name, p.message) for f in result.files for p in f.problems
            if p.code == "saved-same-time"]
    expected = ("tệp lưu cùng lúc (12/09/2023 08:00) với tệp a.xlsx của cùng đơn vị nhưng "
                "nội dung khác, nên không biết tệp nào mới hơn: tệp này đang được tính (gộp "
                "sau); nếu không đúng, rút tệp đang được tính (b.xlsx) khỏi số liệu (nút 'Rút "
                "khỏi số liệu' ở trang Thu nhận, hoặc lệnh 'cchc-xl withdraw')")
    assert told == [("b.xlsx", expected)]
    assert "saved-same-time" in result.summary()  # listed with the other warnings
    # A third file saved later counts because it is newer: nothing to tell.
    later = fill_return(hh_split["X10"], tmp_path / "in3" / "c.xlsx", {did: doing(90)},
                        saved_at=datetime(2023, 9, 14, 8))
    b2 = fill_return(hh_split["X10"], tmp_path / "in3" / "b2.xlsx", {did: doing(71)},
                     saved_at=saved)
    third = merge_returns(hh_master, [later, b2], "9T", out)
    assert _row(third, "X10", did)["percent"] == 90
    assert not [p for f in third.run_files for p in f.problems if p.code == "saved-same-time"]



def test_twins_in_a_folder_count_as_an_upload_of_the_folder_counts_them(hh_master, hh_split,
                                                                      tmp_path):
    """Two files of a unit saved at the same moment, "X10.xlsx" and its copy "X10
    (1).xlsx": the one merged last counts. A folder merged by the command line counted
    "X10.xlsx" (its files in plain name order), the same folder uploaded to the web app
    "X10 (1).xlsx" (as Explorer lists them): one order for both now (a QA pass)."""
    from cchc_xl.collect import collect_inputs, listing_key

    did = ids(hh_master, "X10")[0]
    saved = datetime(2023, 9, 12, 8)
    folder = tmp_path / "in"
    fill_return(hh_split["X10"], folder / "X10.xlsx", {did: doing(30)}, saved_at=saved)
    fill_return(hh_split["X10"], folder / "X10 (1).xlsx", {did: doing(70)}, saved_at=saved)
    fill_return(hh_split["X11"], folder / "X10-2.xlsx", {}, saved_at=saved)
    listed = [p.name for p in collect_inputs([folder])[0]]
    assert listed == ["X10.xlsx", "X10 (1).xlsx", "X10-2.xlsx"]
    # The web app's upload takes the names it is given in the same order.
    assert sorted(reversed(listed), key=listing_key) == listed
    result = merge_returns(hh_master, [folder], "9T", tmp_path / "out" / "th.xlsx")
    assert _row(result, "X10", did)["percent"] == 70

def test_a_merge_cut_short_leaves_no_doubtful_choice_untold(hh_master, hh_split, tmp_path,
                                                            monkeypatch):
    """A merge stopped by Ctrl-C after it had recorded a unit's two files saved at the same
    moment: run again, it read neither (known) and never told the office which counted
    (a probe's interrupted merge lost both warnings for good)."""
    import cchc_xl.merge as merge_module

    _, _, (a, b, c) = _twins(hh_master, hh_split, tmp_path, "in")
    out = tmp_path / "out" / "th.xlsx"
    monkeypatch.setattr(merge_module, "_COMMIT_EVERY", 1)  # each file committed as recorded

    def stop_at(file: int = 0, step: str = ""):
        def progress(done: int, total: int, name: str) -> None:
            if (file and done == file) or (step and name.startswith(step)):
                raise KeyboardInterrupt
        return progress

    with pytest.raises(KeyboardInterrupt):  # a and b recorded, their choice not checked
        merge_returns(hh_master, [a, b, c], "9T", out, progress=stop_at(file=3))
    # Cut short, the ledger counts one file of X10, not both (a report read it so).
    cut = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T").submissions
    assert [s.outcome for s in cut if s.unit == "X10"].count("accepted") == 1
    again = merge_returns(hh_master, [a, b, c], "9T", out)

    def told(result) -> list[tuple[str, str]]:
        return sorted((Path(f.path).name, p.message) for f in result.files for p in f.problems
                      if p.code == "saved-same-time")

    whole = merge_returns(hh_master, [a, b, c], "9T", tmp_path / "whole" / "th.xlsx")
    assert told(whole) and told(again) == told(whole)  # as told by a merge never cut short
    # Cut short after the check (writing the workbook): told once, not twice.
    late = tmp_path / "late" / "th.xlsx"
    with pytest.raises(KeyboardInterrupt):
        merge_returns(hh_master, [a, b, c], "9T", late,
                      progress=stop_at(step=merge_module.STEP_TABLE))
    assert told(merge_returns(hh_master, [a, b, c], "9T", late)) == told(whole)


def test_a_unit_sending_another_units_file_under_its_own_name_is_taken_as_neither(
        hh_master, hh_split, tmp_path):
    """X02 filled in X01's file (forwarded by mistake) and sent it named as its own. It
    was counted for X01, replacing X01's own report (even one saved before it and sent
    after), and the feedback went to X01: it is now taken as neither unit's, X01's own
    report stays, and X02, whose name it bears, is told."""
    x01, x02 = hh_split["X01"].name, hh_split["X02"].name
    assert x01.startswith("X01-") and x02.startswith("X02-")
    did = ids(hh_master, "X01")[0]
    own = fill_return(hh_split["X01"], tmp_path / "in" / x01, {did: doing(30)},
                      saved_at=datetime(2023, 9, 10, 8))
    wrong = fill_return(hh_split["X01"], tmp_path / "in2" / x02, {did: doing(77)},
                        saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    first = merge_returns(hh_master, [own], "9T", out)
    assert not [p for f in first.files for p in f.problems if p.code == "file-name-other-unit"]
    result = merge_returns(hh_master, [wrong], "9T", out, feedback_dir=tmp_path / "fb")
    (sent,) = result.run_files
    assert (sent.outcome, sent.unit) == ("rejected", "X02")
    (told,) = [p for p in sent.problems if p.code == "file-name-other-unit"]
    assert told.severity == "error" and told.unit == "X02"
    assert told.message.startswith(
        "tên tệp bắt đầu bằng mã đơn vị 'X02' (Xã Hoằng Cát) nhưng tệp là bảng được giao "
        "cho đơn vị 'X01' (Thị trấn Bút Sơn): có thể đơn vị X02 đã điền nhầm vào tệp của "
        "đơn vị X01, nên tệp không được tính cho đơn vị nào (số liệu của X01 giữ nguyên)")
    assert _row(result, "X01", did)["percent"] == 30  # X01's own report stands
    assert not [r for r in result.as_dict()["rows"] if r["unit"] == "X02"]
    assert "file-name-other-unit" in result.summary()
    # The feedback goes to X02, whose name the file bears, none to X01.
    letters = {f.name.split("-")[0]: f for f in result.feedback}
    told_x02 = [c.value for row in load_workbook(letters["X02"])[FEEDBACK_SHEET].iter_rows()
                for c in row if isinstance(c.value, str)]
    assert any("là tệp được giao cho Thị trấn Bút Sơn (X01), không phải tệp của Xã Hoằng Cát "
               "(X02), nên chưa được tính" in v for v in told_x02)
    # A file not taken: no cell to go to, not "send this very file back".
    assert REJECTED_STEPS in told_x02 and STEPS not in told_x02
    told_x01 = [c.value for row in load_workbook(letters["X01"])[FEEDBACK_SHEET].iter_rows()
                for c in row if isinstance(c.value, str)]
    assert not any("đơn vị khác" in v for v in told_x01) and STEPS in told_x01

    # Sent the other way round (the mistaken file first, X01's own after it though saved
    # before): X01's own report counts, not superseded by the other unit's figures.
    out2 = tmp_path / "out2" / "th.xlsx"
    merge_returns(hh_master, [wrong], "9T", out2)
    later = merge_returns(hh_master, [own], "9T", out2)
    assert [f.outcome for f in later.run_files] == ["accepted"]
    assert _row(later, "X01", did)["percent"] == 30


def test_a_file_refused_for_its_name_is_taken_once_saved_again_under_its_own(
        hh_master, hh_split, tmp_path):
    """A probe followed the advice "đổi tên tệp (bỏ mã X02) rồi gộp lại": the file, known
    by its content, stayed refused, and a new warning said it had been counted once, for
    X02, which it never was. The advice says to save it as a new file; done so, it is
    taken for its unit."""
    import openpyxl

    did = ids(hh_master, "X01")[0]
    x02 = hh_split["X02"].name
    wrong = fill_return(hh_split["X01"], tmp_path / "in" / x02, {did: doing(77)},
                        saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    (sent,) = merge_returns(hh_master, [wrong], "9T", out).run_files
    (told,) = [p for p in sent.problems if p.code == "file-name-other-unit"]
    assert ("nếu đúng là báo cáo của X01, mở tệp rồi lưu thành tệp mới có tên bỏ mã X02 và "
            "gộp tệp mới (chỉ đổi tên tệp này thì nội dung vẫn như cũ và tệp vẫn bị từ chối)"
            ) in told.message
    renamed = tmp_path / "in2" / "bao-cao-but-son.xlsx"
    renamed.parent.mkdir()
    shutil.copyfile(wrong, renamed)
    (again,) = merge_returns(hh_master, [renamed], "9T", out).run_files
    assert again.known and again.outcome == "rejected"
    assert "copy-of-another-unit" not in [p.code for p in again.problems]
    book = openpyxl.load_workbook(wrong)  # opened and saved as a new file
    book.save(tmp_path / "in2" / "X01-bao-cao.xlsx")
    taken = merge_returns(hh_master, [tmp_path / "in2" / "X01-bao-cao.xlsx"], "9T", out)
    assert [(f.outcome, f.unit) for f in taken.run_files] == [("accepted", "X01")]
    assert _row(taken, "X01", did)["percent"] == 77


@pytest.mark.parametrize("own_saved, refused_told", [(14, False), (11, True)])
def test_a_refused_file_older_than_the_unit_s_counted_one_gets_no_feedback(
        hh_master, hh_split, tmp_path, own_saved, refused_told):
    """X02 sent its own file, and X01's filled in by mistake under X02's name. Its
    feedback told it only that its file was refused, while its own counted (and the
    reminder asked it to fix a cell of that one). A refused file older than the unit's
    counted one gets no letter; a newer one does, apart from the counted file's."""
    did = ids(hh_master, "X02")[0]
    own = fill_return(hh_split["X02"], tmp_path / "in" / "bao-cao-x02.xlsx",
                      {did: doing(150)}, saved_at=datetime(2023, 9, own_saved, 8))
    wrong = fill_return(hh_split["X01"], tmp_path / "in" / hh_split["X02"].name,
                        {ids(hh_master, "X01")[0]: doing(77)}, saved_at=datetime(2023, 9, 12, 8))
    result = merge_returns(hh_master, [own, wrong], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert {Path(f.path).name: f.outcome for f in result.run_files} == {
        own.name: "accepted", wrong.name: "rejected"}
    letters = [f for f in result.feedback if f.name.startswith("X02-")]
    told = [[c.value for row in load_workbook(f)[FEEDBACK_SHEET].iter_rows() for c in row
             if isinstance(c.value, str)] for f in letters]
    counted = [t for t in told if any(own.name in v for v in t)]
    assert len(counted) == 1 and any("ngoài khoảng 0–100" in v for v in counted[0])
    refused = [t for t in told if any(wrong.name in v for v in t)]
    assert bool(refused) == refused_told
    # The refused file is named as split names X02's: its letter is numbered, not
    # "X02-Xã-Hoằng-Cát-X02-Xã-Hoằng-Cát-phản-hồi.xlsx" (a probe).
    stem = hh_split["X02"].stem
    assert {f.name for f in letters} == {f"{stem}-phản-hồi.xlsx"} | (
        {f"{stem}-2-phản-hồi.xlsx"} if refused_told else set())


@pytest.mark.parametrize("named, code, says", [
    ("Hoằng Cát - báo cáo CCHC.xlsx", "X02", "ghi tên đơn vị"),
    ("Xã-Hoằng-Cát.xlsx", "X02", "ghi tên đơn vị"),
    ("Báo cáo CCHC quý III - xã Hoằng Cát.xlsx", "X02", "ghi tên đơn vị"),
    ("BaoCao_CCHC_9T_X02.xlsx", "X02", "có mã đơn vị"),
    ("bao cao CCHC - xa Hoang Cat.xlsx", "X02", "ghi tên đơn vị"),
    ("Báo cáo CCHC 9 tháng - Phòng Tư pháp.xlsx", "TP", "ghi tên đơn vị"),
    ("bao cao bo phan tiep nhan va tra ket qua huyen.xlsx", "BPMC", "ghi tên đơn vị"),
    ("Bao cao BPMC 9 thang.xlsx", "BPMC", "có mã đơn vị")])
def test_another_unit_s_name_anywhere_in_the_file_name_is_caught(hh_master, hh_split, tmp_path,
                                                                  named, code, says):
    """Only a name starting with the code was caught: X02's file named after it any other
    way, holding X01's workbook, replaced X01's own report without a word. A name
    written without tones that no other commune's name reads as is caught too, and an
    office's full name, or a code of four letters or more anywhere (a commune's plan has
    only offices: the Trung tâm Phục vụ hành chính công filled in Công an xã's file and
    named it after itself)."""
    did = ids(hh_master, "X01")[0]
    own = fill_return(hh_split["X01"], tmp_path / "in" / hh_split["X01"].name, {did: doing(30)},
                      saved_at=datetime(2023, 9, 10, 8))
    wrong = fill_return(hh_split["X01"], tmp_path / "in2" / named, {did: doing(77)},
                        saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [own], "9T", out)
    result = merge_returns(hh_master, [wrong], "9T", out)
    assert [(f.outcome, f.unit) for f in result.run_files] == [("rejected", code)]
    assert _row(result, "X01", did)["percent"] == 30
    # The message says how the name names the unit (it said "bắt đầu bằng mã" of every name).
    (told,) = [p.message for p in result.run_files[0].problems
               if p.code == "file-name-other-unit"]
    assert told.startswith(f"tên tệp {says} '{code}' ({hh_master.names[code]}) nhưng tệp là bảng")


@pytest.mark.parametrize("named", [
    "bao cao xa hoang cat.xlsx", "Báo cáo gửi Phòng Nội vụ.xlsx", "Hoằng Cát gửi Hoằng Châu.xlsx",
    "hoang dong.xlsx", "Kính gửi Phòng Tư pháp - báo cáo CCHC.xlsx", "BC CCHC UBND 9T.xlsx"])
def test_a_file_name_naming_its_own_unit_or_no_other_is_taken(hh_master, hh_split, tmp_path,
                                                               named):
    """X02's own file: named without diacritics, after the office it is sent to, after
    itself and another commune, without tones after a name two communes share (Hoằng
    Đông, Hoằng Đồng: which one cannot be told), or with words of any report: taken as
    X02's."""
    did = ids(hh_master, "X02")[0]
    sent = fill_return(hh_split["X02"], tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    assert [(f.outcome, f.unit) for f in result.run_files] == [("accepted", "X02")]


@pytest.mark.parametrize("unit, named", [
    ("TP", "Báo cáo CCHC 9 tháng năm 2023 huyện Nghĩa Hưng.xlsx"),  # not Xã Nghĩa Hùng
    ("X01", "bao cao CCHC huyen nghia hung.xlsx"),  # the district's place, without tones
    ("DTT", "Bao cao Dai truyen thanh - phong VHTT.xlsx"),  # its name without "huyện"
    ("VHTT", "Bao cao phoi hop voi phong Noi vu.xlsx"),  # the office it works with
    ("TP", "Báo cáo phối hợp với Phòng Nội vụ.xlsx")])
def test_a_unit_s_own_file_is_not_taken_for_another_s_by_its_name(nh_master, tmp_path, unit,
                                                                   named):
    """Phòng Tư pháp's own file, named after the district ("huyện Nghĩa Hưng"), was taken
    as Xã Nghĩa Hùng's (the name was read without its tones) and rejected: the unit was
    reminded as not sending, the commune told its file was refused."""
    from cchc_xl.split import split_master

    issued = split_master(replace(nh_master, units=[nh_master.unit(unit)]), "9T",
                          tmp_path / "giao", issued_at=ISSUED_AT)
    (given,) = [f.path for f in issued.files]
    did = ids(nh_master, unit)[0]
    sent = fill_return(given, tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(nh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    assert [(f.outcome, f.unit) for f in result.run_files] == [("accepted", unit)]



@pytest.mark.parametrize("unit, named, taken", [
    # Another unit's code inside a longer abbreviation (Trung tâm VHTT&DL is not Phòng
    # VHTT), the office a report is compiled from or worked with: the unit's own file
    # (a QA pass: each was refused as another unit's, and that unit told).
    ("TTVH", "BC CCHC 9T - Trung tam VHTT&DL.xlsx", True),
    ("TTVH", "Báo cáo CCHC 9 tháng TT VHTT-TT-DL.xlsx", True),
    ("NV", "BC CCHC 9T tong hop tu Phong Tu phap.xlsx", True),
    ("X09", "BC CCHC 9T (phoi hop Phong Tu phap).xlsx", True),
    # ... in lower case, and a code after the words too (a QA pass of the fix).
    ("TTVH", "bc cchc 9t tt vhtt-tt-dl.xlsx", True),
    ("X09", "BC 9T phoi hop TTVH.xlsx", True),
    # The code standing alone still names that unit: refused, as before.
    ("TTVH", "BC CCHC 9T - VHTT.xlsx", False),
    ("TTVH", "BC-VHTT-9T.xlsx", False)])
def test_a_unit_s_name_inside_another_s_abbreviation_is_not_that_unit(hh_master, hh_split,
                                                                      tmp_path, unit, named,
                                                                      taken):
    did = ids(hh_master, unit)[0]
    sent = fill_return(hh_split[unit], tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (f,) = result.run_files
    refused = [p.code for p in f.problems if p.code == "file-name-other-unit"]
    assert ((f.outcome, f.unit) == ("accepted", unit) and not refused) if taken else (
        f.outcome == "rejected" and refused)

def test_a_file_name_that_also_names_its_unit_is_that_unit_s(hh_master, hh_split, tmp_path):
    """A name starting with another unit's code by chance ("VP" for văn phòng, "KH" for
    kế hoạch) that also names the file's own unit is that unit's file."""
    unit = hh_master.units[0]
    other = next(u for u in hh_master.units if u.code != unit.code)
    did = ids(hh_master, unit.code)[0]
    named = f"{other.code} báo cáo CCHC - {unit.name}.xlsx"
    sent = fill_return(hh_split[unit.code], tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    assert [(f.outcome, f.unit) for f in result.run_files] == [("accepted", unit.code)]
    assert not [p for f in result.files for p in f.problems if p.code == "file-name-other-unit"]


def test_recurring_work_in_progress_without_a_percentage_is_no_problem(hh_master, hh_split,
                                                                      tmp_path):
    """Every recurring row ("Thường xuyên") in progress without a percentage was a
    warning; a dated one still is."""
    assigned = {ar.deliverable.id: ar.deliverable for ar in A.assigned_rows(hh_master, "X01")}
    recurring = next(did for did, d in assigned.items() if d.deadline.due is None)
    dated = next(did for did, d in assigned.items()
                 if d.deadline.due_at(date(2023, 9, 14)) is not None)
    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx", {
        recurring: {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: "Báo cáo số 5/BC-UBND"},
        dated: {A.COL_STATUS: IN_PROGRESS}})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    missing = [p.task for f in result.run_files for p in f.problems
               if p.code == "percent-missing"]
    assert missing == [dated]


def test_a_coordinator_s_row_is_judged_as_a_lead_s(hh_master, hh_split, tmp_path):
    """'Tất cả dòng' said "Thực hiện đúng tiến độ" of a lead's recurring work done with
    evidence and "Cần đánh giá" of a coordinator's same answer: both are judged alike."""
    d = next(d for d in hh_master.deliverables()
             if d.deadline.due is None and d.lead and d.support
             and d.lead[0] in hh_split and d.support[0] in hh_split
             and d.lead[0] != d.support[0])
    lead, support = d.lead[0], d.support[0]
    answer = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 6, 1),
              A.COL_EVIDENCE: "Báo cáo số 12/BC-UBND ngày 01/06/2023"}
    sent = [fill_return(hh_split[u], tmp_path / "in" / f"{u}.xlsx", {d.id: answer})
            for u in (lead, support)]
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, sent, "9T", out)
    ws = load_workbook(out, read_only=True)[ROWS_SHEET]
    header = [c.value for c in next(ws.iter_rows(min_row=4, max_row=4))]
    judged = {(r[0], r[2]): r[header.index("Tiến độ")]
              for r in ws.iter_rows(min_row=5, values_only=True) if r[3] == d.id}
    assert judged == {(lead, "Chủ trì"): "Thực hiện đúng tiến độ",
                      (support, "Phối hợp"): "Thực hiện đúng tiến độ"}


def _without_saved_time(path: Path, empty: bool = False) -> Path:
    """The file as some programs save it: core properties without 'modified' (or with
    it empty)."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\1\2" if empty else b"", data)
                assert (b"modified" in data) == empty
            zf.writestr(info, data)
    return path


@pytest.mark.parametrize("empty", [False, True], ids=["none", "empty"])
def test_a_file_without_saved_time_is_not_taken_as_the_newest(hh_master, hh_split, tmp_path,
                                                               empty):
    """openpyxl reads a missing saved time as "now": the older file would win over the
    unit's newer one, silently. It is placed by its file time instead, with a note."""
    did = ids(hh_master, "X11")[0]
    older = _without_saved_time(fill_return(hh_split["X11"], tmp_path / "in" / "cu.xlsx",
                                            {did: doing(30)}, saved_at=datetime(2023, 9, 10, 8)),
                                empty)
    stamp = datetime(2023, 9, 10, 8).timestamp()
    os.utime(older, (stamp, stamp))
    newer = fill_return(hh_split["X11"], tmp_path / "in" / "moi.xlsx", {did: doing(70)},
                        saved_at=datetime(2023, 9, 13, 8))
    result = merge_returns(hh_master, [older, newer], "9T", tmp_path / "out" / "th.xlsx")
    outcomes = {Path(f.path).name: f.outcome for f in result.files}
    assert outcomes == {"cu.xlsx": "superseded", "moi.xlsx": "accepted"}
    assert _row(result, "X11", did)["percent"] == 70
    (told,) = [p for f in result.files for p in f.problems if p.code == "saved-time-missing"]
    assert told.file.endswith("cu.xlsx") and "(10/09/2023 08:00)" in told.message


@pytest.mark.slow
def test_feedback_folder_must_not_be_a_folder_of_returns(hh_master, hh_split, tmp_path) -> None:
    returns = tmp_path / "returns"
    fill_return(hh_split["X21"], returns / "X21.xlsx", {"TC-01": doing(150)}, saved_at=SAVED)
    out = tmp_path / "out" / "o.xlsx"
    for feedback in (returns, tmp_path):
        with pytest.raises(UsageError, match="--feedback"):
            merge_returns(hh_master, [returns], "9T", out, feedback_dir=feedback)
    usage = _cli(str(returns), "--period", "9T", "--out", str(out), "--feedback", str(returns))
    assert usage.exit_code == 2 and "--feedback" in usage.output
    # Inside the folder of returns: feedback files of an earlier run are skipped, and
    # the run says why.
    inside = returns / "phan-hoi"
    first = merge_returns(hh_master, [returns], "9T", out, feedback_dir=inside)
    assert [p.name for p in first.feedback] == ["X21-Xã-Hoằng-Quý-phản-hồi.xlsx"]
    again = merge_returns(hh_master, [returns], "9T", out, feedback_dir=inside)
    assert [Path(f.path).name for f in again.run_files] == ["X21.xlsx"]
    assert [(s.path.name, "--feedback" in s.reason) for s in again.skipped] == [
        ("X21-Xã-Hoằng-Quý-phản-hồi.xlsx", True)]
    assert "X21-Xã-Hoằng-Quý-phản-hồi.xlsx" in again.summary()


def test_feedback_must_be_a_folder(hh_master, tmp_path) -> None:
    taken = tmp_path / "phan-hoi.xlsx"
    taken.write_text("x")
    with pytest.raises(UsageError) as err:
        merge_returns(hh_master, [ROOT / "workbooks" / "hoang-hoa-2023" / "returns-9T"], "9T",
                      tmp_path / "out.xlsx", feedback_dir=taken)
    assert "thư mục" in err.value.message
    assert not (tmp_path / "out.xlsx").exists()


# --- what units send instead of their workbook ------------------------------------------

REFILL = "điền kết quả vào tệp Excel được giao"


@pytest.mark.parametrize("name, head, said, todo", [
    ("anh-chup.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "đây là ảnh", REFILL),
    ("IMG_0412.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00", "đây là ảnh", REFILL),
    ("ban-quet.png", b"\x89PNG\r\n\x1a\n", "đây là ảnh", REFILL),
    ("ban-quet.pdf", b"%PDF-1.7\n", "tệp PDF", REFILL),
    ("bao-cao.rar", b"Rar!\x1a\x07\x01\x00", "tệp nén RAR", "giải nén"),
    ("bao-cao.7z", b"7z\xbc\xaf\x27\x1c\x00\x04", "tệp nén 7-Zip", "giải nén"),
    ("BMW.csv", b"BMW,X5\r\n1,2\r\n", "tệp văn bản", "lưu lại dưới dạng Excel"),
    ("nhi-phan.xlsb", None, "dạng nhị phân (.xlsb)", "lưu lại dưới dạng Excel"),
    # Bytes that are nothing, named .xlsx: damaged, not "a text file (CSV)".
    ("VHXH-hong.xlsx", b"\x8f\x03\xd1\x1c\x00\x7f\x02", "tệp bị hỏng", "lưu lại dưới dạng Excel"),
])
def test_files_that_are_not_workbooks_say_what_to_do(hh_master, tmp_path, name, head, said,
                                                       todo):
    sent = tmp_path / "nhan-ve" / name
    sent.parent.mkdir()
    if head is None:  # Excel's binary workbook: a package with xl/workbook.bin
        with zipfile.ZipFile(sent, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    else:  # a text as it is; any other head padded as the rest of its file
        sent.write_bytes(head + (b"" if name.endswith(".csv") else bytes(200)))
    result = merge_returns(hh_master, [sent.parent, SAMPLES / "NV-phong-noi-vu.xlsx"], "9T",
                           tmp_path / "out" / "t.xlsx")
    by_name = {Path(f.path).name: f for f in result.run_files}
    assert by_name["NV-phong-noi-vu.xlsx"].outcome == "accepted"
    (problem,) = by_name[name].problems
    assert by_name[name].outcome == "rejected" and problem.code == "file-unreadable"
    assert said in problem.message and todo in problem.message, problem.message


def test_an_unreadable_file_named_as_split_names_it_is_told_to_its_unit(hh_master, tmp_path):
    """An empty file named "X02-Xã-Hoằng-Cát.xlsx" was listed for no unit, and X02 was
    chased as having sent nothing while it believed it had reported (a probe). It is
    refused all the same and counts for nobody, but the problem is X02's; a unit's
    counted file is not touched by a broken one under its name."""
    from cchc_xl.remind import reminders
    from cchc_xl.report.summary import summarize
    from cchc_xl.vocab import RETURN_LATE, RETURN_ON_TIME, RETURN_REJECTED

    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    (sent / "X02-Xã-Hoằng-Cát.xlsx").write_bytes(b"")
    (sent / "NV-Phòng-Nội-vụ.xlsx").write_bytes(bytes(200))  # NV's counted file stays
    first = merge_returns(hh_master, [SAMPLES / "NV-phong-noi-vu.xlsx"], "9T",
                          tmp_path / "out" / "t.xlsx")
    nv_rows = _rows_of(first, "NV")
    result = merge_returns(hh_master, [sent, SAMPLES / "NV-phong-noi-vu.xlsx"], "9T",
                           tmp_path / "out" / "t.xlsx")
    by_name = {Path(f.path).name: f for f in result.run_files}
    for name, unit, label in (("X02-Xã-Hoằng-Cát.xlsx", "X02", "Xã Hoằng Cát"),
                              ("NV-Phòng-Nội-vụ.xlsx", "NV", "Phòng Nội vụ")):
        (problem,) = by_name[name].problems
        assert (by_name[name].outcome, problem.code, problem.unit) == ("rejected",
                                                                       "file-unreadable", unit)
        assert problem.message.endswith(f"; theo tên tệp, đây là tệp của {label} ({unit})")
    assert _rows_of(result, "NV") == nv_rows and not _rows_of(result, "X02")
    snapshot = load_snapshot(result.db, "9T", hh_master.plan.key)
    figures = summarize(snapshot)
    status = {u.code: u.return_status for u in figures.units}
    assert status["X02"] == RETURN_REJECTED and status["NV"] in (RETURN_ON_TIME, RETURN_LATE)
    told = {r.unit.code: r for r in reminders(figures, snapshot)}
    assert told["X02"].status == RETURN_REJECTED and told["NV"].status != RETURN_REJECTED
    assert any("tệp rỗng" in reason for reason in told["X02"].reasons), told["X02"].reasons
    # The consolidated workbook's "Chưa gửi" says X02 did send, and why it was refused.
    rows = {r[0]: r for r in load_workbook(tmp_path / "out" / "t.xlsx")["Chưa gửi"].iter_rows(
        min_row=5, values_only=True) if r[0]}
    assert rows["X02"][-1].startswith("X02-Xã-Hoằng-Cát.xlsx: tệp rỗng (0 byte)")
    assert rows["X03"][-1] is None  # sent nothing
    # What to do: send it again; not "save it again as .xlsx", which a file of no bytes
    # cannot be (a QA pass).
    (empty,) = [p for f in result.run_files for p in f.problems if "tệp rỗng" in p.message]
    assert "gửi hoặc chép lại tệp gốc" in empty.message and "lưu lại" not in empty.message


def test_of_two_copies_of_a_file_the_one_named_as_split_names_it_is_recorded(hh_master,
                                                                          tmp_path):
    """A unit sent its file twice ("X02 - gui lai.xlsx", then as split named it): the
    copy with the odd name was recorded, and the file the office and the unit know
    appeared nowhere (a probe). The split's name is recorded; the copy is a note."""
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    body = (SAMPLES / "X02-xa-hoang-cat.xlsx").read_bytes()
    (sent / "X02 - gui lai.xlsx").write_bytes(body)  # sorts first
    (sent / "X02-Xã-Hoằng-Cát.xlsx").write_bytes(body)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    (sub,) = load_snapshot(result.db, "9T", hh_master.plan.key).submissions
    assert Path(sub.path).name == "X02-Xã-Hoằng-Cát.xlsx" and sub.unit == "X02"
    copy = next(f for f in result.run_files if Path(f.path).name == "X02 - gui lai.xlsx")
    (said,) = [p for p in copy.problems if p.code == "duplicate-file"]
    assert "cùng nội dung với tệp" in said.message and "X02-Xã-Hoằng-Cát.xlsx" in said.message


def test_a_copy_preferred_to_one_given_before_it_takes_no_other_files_result(hh_master,
                                                                            tmp_path):
    """Two empty files (one content): "TTR-Thanh-tra-huyện-1.xlsx" and, named as split
    names X07's, "X07-Xã-Hoằng-Đồng.xlsx". Preferring the second shifted every result
    read after the first: ten files were recorded with another file's unit, an empty
    file accepted for X06, and a withdrawal took out another unit's file (a probe)."""
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx", "X02-xa-hoang-cat.xlsx",
                 "X06-xa-hoang-dong.xlsx", "X09-xa-hoang-giang.xlsx"):
        shutil.copyfile(SAMPLES / name, sent / name)
    (sent / "TTR-Thanh-tra-huyện-1.xlsx").write_bytes(b"")
    (sent / "X07-Xã-Hoằng-Đồng.xlsx").write_bytes(b"")
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    subs = load_snapshot(result.db, "9T", hh_master.plan.key).submissions
    whose = {Path(s.path).name: (s.unit, s.outcome) for s in subs}
    assert whose == {
        "NV-phong-noi-vu.xlsx": ("NV", "accepted"), "TP-phong-tu-phap.xlsx": ("TP", "accepted"),
        "X02-xa-hoang-cat.xlsx": ("X02", "accepted"),
        "X06-xa-hoang-dong.xlsx": ("X06", "accepted"),
        "X09-xa-hoang-giang.xlsx": ("X09", "accepted"),
        "X07-Xã-Hoằng-Đồng.xlsx": ("X07", "rejected")}
    assert {s.sha256 for s in subs if s.outcome == "accepted"} == {
        hashlib.sha256((sent / n).read_bytes()).hexdigest() for n, (_, o) in whose.items()
        if o == "accepted"}


# --- a workbook saved as Strict Open XML ------------------------------------------------

def _strict_return(tmp_path: Path) -> tuple[Path, Path]:
    """NV's sample return saved as Strict Open XML, alone in a folder; and the original."""
    original = SAMPLES / "NV-phong-noi-vu.xlsx"
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    return save_as_strict(original, folder / "NV-strict.xlsx"), original


def test_a_strict_workbook_is_never_taken_for_an_empty_one(hh_master, tmp_path,
                                                           monkeypatch) -> None:
    """Read as an ordinary xlsx, a Strict Open XML file has no cells: a filled return
    was rejected as "not filled in" (return-unchanged), for good. It is told for what
    it is, and without LibreOffice to convert it, left to be read again."""
    strict, _ = _strict_return(tmp_path)
    assert sniff_format(strict) == "strict"
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = merge_returns(hh_master, [strict.parent], "9T", tmp_path / "out" / "t.xlsx")
    (file,) = result.run_files
    assert file.outcome == "not-read"
    assert [p.code for p in file.problems] == ["file-not-read"]
    assert "không có LibreOffice" in file.problems[0].message
    with pytest.raises(WorkbookError, match="Strict Open XML") as caught:
        open_workbook(strict)
    assert "Sổ làm việc Excel (*.xlsx)" in caught.value.hint


@needs_libreoffice
def test_a_strict_workbook_is_converted_and_read(hh_master, tmp_path) -> None:
    strict, original = _strict_return(tmp_path)
    result = merge_returns(hh_master, [strict.parent], "9T", tmp_path / "out" / "t.xlsx")
    (file,) = result.run_files
    assert (file.outcome, file.unit) == ("accepted", "NV")
    (note,) = [p for p in file.problems if p.code == "converted"]
    assert note.message.startswith("tệp Excel dạng 'Strict Open XML' đã được chuyển")
    reference = merge_returns(hh_master, [original], "9T", tmp_path / "ref" / "t.xlsx")
    assert _values_of(result) == _values_of(reference)
    assert len(_values_of(result)) > 10


def test_the_missing_units_sheet_counts_tasks_as_the_report_does(nh_master, tmp_path) -> None:
    """"Chưa gửi" counted products under "Chủ trì / Phối hợp" while Biểu 2 of the report
    counts tasks under the same words: Phòng Nội vụ of Nghĩa Hưng leads two products of
    CD-03, one task."""
    from cchc_xl.split import split_master

    split = {f.unit_code: f.path for f in split_master(
        nh_master, "9T", tmp_path / "giao", issued_at=datetime(2023, 9, 1)).files}
    sent = fill_return(split["TP"], tmp_path / "in" / "TP.xlsx", {})
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(nh_master, [sent], "9T", out, received=date(2023, 9, 19))
    ws = open_workbook(out, read_only=True)["Chưa gửi"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r and r[0]}
    header = next(ws.iter_rows(min_row=4, max_row=4, values_only=True))
    assert header[3:5] == ("Số nhiệm vụ chủ trì", "Số nhiệm vụ chỉ phối hợp")
    tasks = nh_master.tasks()
    led = [t for t in tasks if any("NV" in d.lead for d in t.deliverables)]
    products = sum(1 for d in nh_master.deliverables() if "NV" in d.lead)
    only_supported = [t for t in tasks if t not in led
                      and any("NV" in d.support for d in t.deliverables)]
    assert rows["NV"][3:5] == (len(led), len(only_supported))
    assert len(led) < products  # CD-03 and CV-20: two products each, one task


def test_feedback_tells_the_unit_what_to_do_not_the_offices_steps(hh_master, tmp_path) -> None:
    """A file sent for another period got back a letter saying "gộp tệp này vào kỳ Q1
    (chọn kỳ đó khi gộp)": the office's step, in a letter to the unit."""
    from cchc_xl.split import split_master

    q1 = {f.unit_code: f.path for f in split_master(
        hh_master, "Q1", tmp_path / "giao", issued_at=datetime(2023, 3, 1)).files}
    sent = fill_return(q1["TP"], tmp_path / "in" / "TP.xlsx", {})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb", received=date(2023, 9, 19))
    (told,) = result.feedback
    text = " ".join(str(c) for row in load_workbook(told)[FEEDBACK_SHEET].iter_rows(
        values_only=True) for c in row if c)
    assert "chọn kỳ đó khi gộp" not in text
    assert "điền kết quả 9 tháng năm 2023 vào tệp được giao cho kỳ này rồi gửi" in text


@pytest.mark.slow
def test_the_summary_names_the_errors_first(hh_samples_merged):
    """The codes most found were listed by count alone: a warning found 55 times came
    before the errors, and with more kinds of problem they were left out."""
    result, _ = hh_samples_merged
    line = next(x for x in result.summary().splitlines() if x.startswith("Vấn đề: "))
    listed = line[line.index("(") + 1:line.rindex(")")].split(", ")
    # More kinds than are listed: said so, for the counts listed add up to less.
    assert listed[-1] == "…" and len(listed) == 7, line
    listed = listed[:-1]
    severity = {p.code: p.severity for f in result.files for p in f.problems}
    ranks = [("error", "warning", "note").index(severity[item.split(":")[0]])
             for item in listed]
    assert ranks == sorted(ranks) and ranks[0] == 0, line


def test_a_copy_of_another_units_file_under_a_units_name_is_warned(hh_master, tmp_path):
    """Users' probe: "X066-Xã-Mậu-Duệ.xlsx", byte for byte Xã Yên Minh's file, was told
    only as the same file sent twice: Mậu Duệ stayed "Chưa gửi" with nothing said, and
    the office would chase a unit that did send. The copy counts once, for its unit, and
    the office is warned that the unit its name names sent another's file; so too when
    the copy comes in a later merge."""
    sample = HH_SAMPLES / "X02-xa-hoang-cat.xlsx"
    first = tmp_path / "dot-1"
    first.mkdir()
    shutil.copyfile(sample, first / sample.name)
    copy_name = "X07-xa-hoang-dong.xlsx"  # X07 (Xã Hoằng Đồng) sends nothing in the samples
    shutil.copyfile(sample, first / copy_name)
    out = tmp_path / "out" / "th.xlsx"
    result = merge_returns(hh_master, [first], "9T", out)
    by_name = {Path(f.path).name: f for f in result.run_files}
    (warned,) = [p for p in by_name[copy_name].problems if p.code == "copy-of-another-unit"]
    assert warned.severity == "warning" and warned.unit == "X07"
    assert hh_master.unit("X07").name == "Xã Hoằng Đồng"
    assert ("tên tệp bắt đầu bằng mã đơn vị Xã Hoằng Đồng nhưng tệp giống hệt tệp đã nhận "
            "của Xã Hoằng Cát") in warned.message
    assert "đề nghị Xã Hoằng Đồng gửi đúng tệp được giao cho mình" in warned.message
    assert not [p for p in by_name[sample.name].problems if p.code == "copy-of-another-unit"]
    assert [r for r in result.rows if r.unit == "X02"]
    assert not [r for r in result.rows if r.unit == "X07"]  # counted once, for X02
    # The same copy in a later merge: warned again, nothing recorded twice.
    later = tmp_path / "dot-2"
    later.mkdir()
    shutil.copyfile(sample, later / "X07 bao cao.xlsx")
    again = merge_returns(hh_master, [later], "9T", out)
    (f,) = again.run_files
    assert [p.code for p in f.problems if p.code == "copy-of-another-unit"] == [
        "copy-of-another-unit"]


def test_a_refused_file_answered_by_a_later_one_gets_no_feedback(hh_master, hh_split, tmp_path):
    """X02 sent its 6-month file by mistake (refused: another period), then, the next day,
    its 9-month one. The feedback ZIP still held "X02-...-X02-...-phản-hồi.xlsx" saying
    the file was refused and should be sent again (a probe): the 6-month file had been
    saved after the 9-month one, and only the saved time was compared. A file the unit
    sent after it answers a refused one, whatever their saved times."""
    did = ids(hh_master, "X02")[0]
    six = split_dir(hh_master, "6T", tmp_path / "giao-6T", ("X02",))
    wrong = fill_return(six["X02"], tmp_path / "ngay-1" / hh_split["X02"].name,
                        {did: doing(40)}, saved_at=datetime(2023, 9, 16, 8))
    own = fill_return(hh_split["X02"], tmp_path / "ngay-2" / hh_split["X02"].name,
                      {did: doing(150)}, saved_at=datetime(2023, 9, 15, 8))
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    first = merge_returns(hh_master, [wrong.parent], "9T", out, feedback_dir=fb,
                          now=datetime(2023, 9, 18, 9))
    assert [f.outcome for f in first.run_files] == ["rejected"]
    assert [f.name for f in first.feedback] == [f"{hh_split['X02'].stem}-phản-hồi.xlsx"]
    later = merge_returns(hh_master, [wrong.parent, own.parent], "9T", out, feedback_dir=fb,
                          now=datetime(2023, 9, 19, 9))
    assert {f.outcome for f in later.files} == {"rejected", "accepted"}
    # One letter for X02, of its counted file (120% is out of range), none of the refused.
    (letter,) = later.feedback
    assert letter.name == f"{hh_split['X02'].stem}-phản-hồi.xlsx"
    said = [c.value for row in load_workbook(letter)[FEEDBACK_SHEET].iter_rows() for c in row
            if isinstance(c.value, str)]
    assert any("ngoài khoảng 0–100" in v for v in said)
    assert sorted(p.name for p in fb.iterdir()) == [letter.name]


def test_the_letter_asks_nothing_for_warnings_on_rows_a_unit_only_coordinates(
        hh_master, hh_split, tmp_path):
    """A unit's only warnings were on rows it coordinates (evidence that cites no
    document), which never count: the reminder letter the chairman signs listed it
    among the units whose reports must be fixed, as it did 7 units of 8 (a probe). Its
    feedback file still says them; an error on such a row is still asked."""
    from cchc_xl.remind import reminders
    from cchc_xl.report.summary import summarize
    from cchc_xl.snapshot import load_snapshot

    led = [d.id for d in hh_master.deliverables() if "X02" in d.lead]
    helped = [d.id for d in hh_master.deliverables() if "X02" in d.support]
    assert led and len(helped) >= 2
    answers = {did: done(date(2023, 8, 1)) for did in led}
    answers[helped[0]] = {**done(date(2023, 8, 1)), A.COL_EVIDENCE: "Đã phối hợp"}  # a warning
    sent = fill_return(hh_split["X02"], tmp_path / "in" / "X02.xlsx", answers,
                       saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    result = merge_returns(hh_master, [sent], "9T", out, received=date(2023, 9, 13))
    (f,) = result.files
    warned = [p for p in f.problems if p.severity == "warning"]
    assert warned and {p.task for p in warned} == {helped[0]}, [
        (p.code, p.task) for p in f.problems]
    snapshot = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T")
    assert "X02" not in {r.unit.code for r in reminders(summarize(snapshot), snapshot)}
    # An error on a coordinating row (120%) is still asked of it.
    answers[helped[1]] = doing(120)
    again = fill_return(hh_split["X02"], tmp_path / "in2" / "X02.xlsx", answers,
                        saved_at=datetime(2023, 9, 12, 9))
    merge_returns(hh_master, [sent, again], "9T", out, received=date(2023, 9, 13))
    snapshot = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T")
    (asked,) = [r for r in reminders(summarize(snapshot), snapshot) if r.unit.code == "X02"]
    assert [i.task for i in asked.items] == [helped[1]]


def test_the_summary_says_whose_new_file_replaced_one_merged_before(hh_master, hh_split,
                                                                     tmp_path):
    """X02's corrected file merged a day after its first said "0 bị thay thế" and nothing
    of the file it replaced (a probe): the count is of this run's files; the unit whose
    new file now counts is named."""
    did = ids(hh_master, "X02")[0]
    first = fill_return(hh_split["X02"], tmp_path / "ngay-1" / "X02.xlsx", {did: doing(40)},
                        saved_at=datetime(2023, 9, 10, 8))
    second = fill_return(hh_split["X02"], tmp_path / "ngay-2" / "X02.xlsx", {did: doing(60)},
                         saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    said = merge_returns(hh_master, [first.parent], "9T", out).summary()
    assert "thay cho tệp gửi trước" not in said
    again = merge_returns(hh_master, [second.parent], "9T", out)
    assert "Tệp mới được tính thay cho tệp gửi trước của 1 đơn vị: Xã Hoằng Cát." in \
        again.summary()
    # Merged again, nothing new: nothing said.
    assert "thay cho tệp gửi trước" not in merge_returns(
        hh_master, [first.parent, second.parent], "9T", out).summary()


def test_office_is_told_why_a_file_with_only_notes_gets_no_feedback(hh_master, hh_split,
                                                                    tmp_path):
    """A file whose only findings are notes (a status typed, a percentage typed as text)
    gets no feedback workbook; the office, seeing its notes on 'Vấn đề', is told why."""
    first, *rest = ids(hh_master, "X04")
    answers = {did: doing(40) for did in rest} | {first: doing("80%")}
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx", answers, saved_at=SAVED)
    fb = tmp_path / "fb"
    result = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                       "--out", str(tmp_path / "th.xlsx"), "--feedback",
                                       str(fb), "--received", "20/09/2023", "--silent"])
    assert result.exit_code == 0, result.output
    assert "percent-text" in result.output and not list(fb.glob("*.xlsx"))
    assert (f"Tệp phản hồi cho đơn vị: 0 tệp trong {fb} (chỉ cho tệp còn lỗi hoặc cảnh báo "
            "đơn vị phải xem lại; tệp chỉ có ghi nhận thì đơn vị không phải sửa hay gửi lại, "
            "nên không có tệp phản hồi)") in result.output


def test_feedback_names_the_sheet_of_a_deleted_row(hh_master, hh_split, tmp_path):
    """A row the unit deleted has no cell to go to; its feedback line names the sheet to
    put it back on (the "Trang" column was blank)."""
    dids = ids(hh_master, "X04")
    sent = fill_return(hh_split["X04"], tmp_path / "in" / "X04.xlsx",
                       {did: doing(40) for did in dids}, saved_at=SAVED)
    gone = dids[-1]
    sheet, cell = locate(sent, gone, A.COL_ID)
    wb = load_workbook(sent)
    wb[sheet].delete_rows(int(cell[1:]))
    wb.save(sent)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    (letter,) = result.feedback
    ws = load_workbook(letter)[FEEDBACK_SHEET]
    (row,) = [r for r in ws.iter_rows(values_only=True) if r[4] == gone]
    assert row[1].startswith(f"Thiếu dòng của nhiệm vụ '{gone}'") and row[2] == sheet
