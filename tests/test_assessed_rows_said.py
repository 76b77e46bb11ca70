"""`cchc-xl assess` said "kỳ 6T có 9 dòng do cơ quan tổng hợp đánh giá" and then the
figures "do cơ quan tổng hợp đánh giá: 8" (a QA pass): the rows assessed are products ×
lead units, the figures count tasks (a task of two leads is one) and leave out the
products a single quarter does not count, whose verdicts are recorded all the same. The
figures are unchanged; the words say what each counts, alike in `assess`, the
consolidated workbook's "Tổng hợp" sheet and the report's notes."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from test_figures import ANSWERS, figures_plan, run, sheet_block, summary_sheet

from cchc_xl.split import split_master
from make_sample_returns import fill_return
from support.clock import set_clock
from support.report import NOTES_SHEET
from support.workbooks import load_workbook, type_assessments

ROWS = "dòng (sản phẩm × đơn vị chủ trì) do cơ quan tổng hợp đánh giá"
OUTSIDE = ("dòng khác được đánh giá thuộc sản phẩm không tính trong kỳ này (đến hạn sau quý, "
           "hoặc đã hoàn thành trước kỳ), không tính vào số liệu")


# Every lead row typed Đạt. 9T counts every product: 9 rows, TTHC-01 led by X1 and X2
# one task. Q3 counts 5 of them (4 tasks); the 4 others are due after the quarter or
# were done before it.
@pytest.mark.parametrize(("period", "rows", "tasks", "shares", "outside"), [
    ("9T", 9, 8, 9, 0), ("Q3", 5, 4, 5, 4)])
def test_the_rows_assessed_are_said_as_the_figures_count_them(
        tmp_path, period, rows, tasks, shares, outside):
    master, _ = figures_plan(tmp_path)
    split = {f.unit_code: f.path for f in split_master(
        master, period, tmp_path / f"giao-{period}", issued_at=datetime(2023, 6, 1)).files}
    files = [fill_return(split[u], tmp_path / "nhan" / split[u].name, ANSWERS[u])
             for u in ("NV", "TP", "X1")]
    out = tmp_path / "tong-hop" / f"tong-hop-{period}.xlsx"
    merge = ("merge", master.path, *files, "--period", period, "--out", out,
             "--received", "19/09/2023")
    run(*merge)  # exits 1: TP's file has an error (80% done), merged all the same
    assert type_assessments(out, out, "Đạt", lambda u, d: True) == 9

    code, said = run("assess", out)
    assert code == 0, said
    words = (f"{rows} {ROWS}, tính thành {tasks} nhiệm vụ và {shares} lượt đơn vị chủ trì "
             "trong số liệu" + (f"; {outside} {OUTSIDE}" if outside else ""))
    assert "Đã ghi 9 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái" in said, said
    assert f"; kỳ {period} có {words}.\n" in said, said
    # The figures, as they were: tasks and lead shares the office judged.
    assert f"do cơ quan tổng hợp đánh giá: {tasks}; tỷ lệ" in said, said
    assert f"do cơ quan tổng hợp đánh giá: {shares}; tỷ lệ" in said, said

    run(*merge)  # the workbook written again, with the verdicts
    items = summary_sheet(out)
    assert sheet_block(items, "nhiệm vụ")["judged_by_office"] == tasks
    assert sheet_block(items, "lượt đơn vị chủ trì")["judged_by_office"] == shares
    at = items.index((f"D{ROWS[1:]}", rows))
    assert items[at + 1] == ("  tính thành trong số liệu",
                             f"{tasks} nhiệm vụ và {shares} lượt đơn vị chủ trì")
    assert (items[at + 2] == (f"D{OUTSIDE[1:]}", outside)) == bool(outside), items[at + 2]

    xlsx = tmp_path / "bao-cao.xlsx"
    code, output = run("report", out, "--period", period, "--out", xlsx, "--json")
    assert code == 0, output
    data = json.loads(output)
    assert (data["assessed_rows"], data["assessed_outside"]) == (rows, outside)
    notes = " ".join(str(r[1]) for r in load_workbook(xlsx)[NOTES_SHEET].iter_rows(
        values_only=True) if isinstance(r[0], int))
    assert f"Kỳ này có {words}." in notes, notes


def test_the_last_update_says_when_verdicts_were_recorded_after_the_merge(tmp_path,
                                                                            monkeypatch):
    """"Cập nhật lần cuối" on the "Tổng hợp" sheet gave the last file's merge, though
    the office's verdicts recorded two days later (``assess``, then the same merge
    again to write the workbook) changed the figures: it gives when they were recorded,
    with the merge's time. A merge that records nothing later says the merge alone."""
    master, _ = figures_plan(tmp_path)
    split = {f.unit_code: f.path for f in split_master(
        master, "9T", tmp_path / "giao-9T", issued_at=datetime(2023, 6, 1)).files}
    files = [fill_return(split[u], tmp_path / "nhan" / split[u].name, ANSWERS[u])
             for u in ("NV", "TP", "X1")]
    out = tmp_path / "tong-hop" / "tong-hop-9T.xlsx"
    merge = ("merge", master.path, *files, "--period", "9T", "--out", out,
             "--received", "19/09/2023")
    set_clock(monkeypatch, datetime(2023, 9, 20, 15, 30))
    run(*merge)
    assert dict(summary_sheet(out))["Cập nhật lần cuối"] == "20/09/2023 15:30"

    assert type_assessments(out, out, "Đạt", lambda u, d: True) == 9
    set_clock(monkeypatch, datetime(2023, 9, 22, 10, 5))
    assert run("assess", out)[0] == 0
    set_clock(monkeypatch, datetime(2023, 9, 22, 10, 10))
    run(*merge)  # the workbook written again, with the verdicts
    assert dict(summary_sheet(out))["Cập nhật lần cuối"] == (
        "22/09/2023 10:05 (ghi đánh giá Đạt / Chưa đạt); lần gộp tệp gần nhất: "
        "20/09/2023 15:30")
