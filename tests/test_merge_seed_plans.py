"""Both seed plans split, filled and merged; the bundled sample returns; the consolidated
workbook against its golden file."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_xl import assignment as A
from cchc_xl.merge import merge_returns
from cchc_xl.xlio import open_workbook
from make_sample_returns import fill_return, make_sample_returns, realistic_answers
from support.golden import assert_matches_golden
from support.merge import _values, _values_of, local_timezone
from support.mistakes import SAVED, doing, ids, split_dir
from support.paths import HH_MASTER
from support.workbooks import load_workbook  # merged ranges' borders not drawn


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


@pytest.mark.slow
def test_the_summary_names_the_errors_first(hh_samples_merged):
    """The kinds most found were listed by count alone: a warning found 55 times came
    before the errors, and with more kinds of problem they were left out."""
    result, _ = hh_samples_merged
    line = next(x for x in result.summary().splitlines() if x.startswith("Vấn đề: "))
    listed = line[line.index("(") + 1:line.rindex(")")].split(", ")
    # More kinds than are listed: said so, for the counts listed add up to less.
    assert listed[-1] == "…" and len(listed) == 7, line
    listed = listed[:-1]
    severity = {p.label: p.severity for f in result.files for p in f.problems}
    ranks = [("error", "warning", "note").index(severity[item.split(":")[0]])
             for item in listed]
    assert ranks == sorted(ranks) and ranks[0] == 0, line
