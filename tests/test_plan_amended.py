"""A plan amended mid-year, after a period's returns were merged, as an office does it in
Excel: a task added (with a new unit coordinating), one deleted, a deadline moved, a task
moved to another lead unit, a coordinator added, a unit renamed, a typo fixed. The next
period is split (pre-filled from the ledger), filled and merged with the amended plan;
each period's figures are those of the plan as it stood for it (found by a probe: the
first quarter's report, made again after the second period's merge, counted the task
added in May as not reported in March, the moved task as not reported, listed the new
unit as not having sent its March report and dropped the deleted task). What an
amendment changes for a period's figures is said in plan_amended's words: the units gone,
renamed or maybe renamed (on the Hoằng Hóa plan, at the end)."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl import assignment as A
from cchc_xl.cli import main
from make_sample_returns import fill_return

VP, KT, VHXH = "Văn phòng HĐND và UBND phường", "Phòng Kinh tế, Hạ tầng và Đô thị", \
    "Phòng Văn hóa - Xã hội"
PVHCC, CA, QS = "Trung tâm Phục vụ hành chính công phường", "Công an phường", \
    "Ban Chỉ huy quân sự phường"
TASKS = [  # id, content, product, lead, coordinating, deadline
    ("TC-01", "Rà soát văn bản quy phạm pháp luật", "Báo cáo rà soát", VP, KT, "Quý IV/2026"),
    ("TC-02", "Kiểm tra văn bản", "Báo cáo kiểm tra", KT, "", "Quý II/2026"),
    ("TC-03", "Tuyên truyền cải cách hành chính", "Kế hoạch tuyên truyền", VHXH, "",
     "Quý I/2026"),
    ("TC-04", "Số hóa hồ sơ, két quả giải quyết TTHC", "Hồ sơ được số hóa", PVHCC, CA,
     "Tháng 6/2026"),
    ("TC-05", "Diễn tập phòng thủ", "Báo cáo diễn tập", QS, "", "Quý III/2026"),
]


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def _doing(percent: int) -> dict:
    return {A.COL_STATUS: "Đang thực hiện", A.COL_PERCENT: percent}


def _done(day: date) -> dict:
    return {A.COL_STATUS: "Đã hoàn thành", A.COL_PERCENT: 100, A.COL_DONE_ON: day,
            A.COL_EVIDENCE: "Báo cáo số 1/BC-UBND"}


def _fill(given: Path, out: Path, answers: dict, saved: datetime) -> None:
    for f in given.glob("*.xlsx"):
        unit = f.stem.split("-")[0]
        fill_return(f, out / f.name, {did: a for (u, did), a in answers.items() if u == unit},
                    saved_at=saved)


def _amend(path: Path) -> None:
    """The office's edits, typed into the plan's sheets."""
    wb = load_workbook(path)
    ws = wb["Lĩnh vực 1"]
    row = {ws.cell(r, 1).value: r for r in range(6, 12)}
    ws.cell(row["TC-01"], 7).value = "Tháng 9/2026"
    ws.cell(row["TC-02"], 5).value = VHXH
    ws.cell(row["TC-03"], 6).value = CA
    ws.cell(row["TC-04"], 3).value = "Số hóa hồ sơ, kết quả giải quyết TTHC"
    for col, value in enumerate(["TC-06", "5", "Chuẩn hóa dữ liệu hộ tịch",
                                 "Cơ sở dữ liệu được chuẩn hóa", KT, "Trạm Y tế phường",
                                 "Quý III/2026"], start=1):
        ws.cell(row["TC-05"], col).value = value  # TC-05 deleted, TC-06 in its place
    units = wb["Đơn vị"]
    for cells in units.iter_rows(min_row=2):
        if cells[0].value == "CA":  # renamed, the old name kept as another name
            cells[1].value, cells[3].value = "Công an phường Hạc Thành", CA
    units.append(["YT", "Trạm Y tế phường", "Khác"])
    wb.save(path)


def write_plan(plan: Path) -> Path:
    """phường Hạc Thành's 2026 plan (`init --commune`) with TASKS in its first area."""
    _run("init", "--out", plan, "--commune", "phường Hạc Thành", "--year", "2026")
    wb = load_workbook(plan)
    for cells in wb["Kế hoạch"].iter_rows(min_row=2):
        cells[1].value = {"Số, ký hiệu": "12/KH-UBND",
                          "Ngày ban hành": "10/01/2026"}.get(cells[0].value, cells[1].value)
    ws = wb["Lĩnh vực 1"]
    ws["B1"], ws["B2"] = "TC", "Cải cách thể chế"
    for n, (did, content, product, lead, support, deadline) in enumerate(TASKS):
        for col, value in enumerate([did, str(n + 1), content, product, lead, support,
                                     deadline], start=1):
            ws.cell(6 + n, col, value)
    wb.save(plan)
    return plan


def plan_folder_on(tmp_path: Path, monkeypatch, on) -> Path:
    """A web data folder holding :func:`write_plan`'s plan, the app's day set to ``on``."""
    from cchc_xl.web import plan_periods

    monkeypatch.setattr(plan_periods, "today", lambda: on)
    data = tmp_path / "data"
    data.mkdir()
    write_plan(data / "ke-hoach.xlsx")
    return data


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    """The folder of a commune's plan merged for Q1, amended, then merged for 6T."""
    tmp = tmp_path_factory.mktemp("amended")
    plan = write_plan(tmp / "kh.xlsx")
    _run("split", plan, "--period", "Q1", "--out", tmp / "giao-q1")
    _fill(tmp / "giao-q1", tmp / "nhan-q1", {
        ("VP", "TC-01"): _doing(20), ("KT", "TC-02"): _doing(30),
        ("VHXH", "TC-03"): _done(date(2026, 3, 5)), ("PVHCC", "TC-04"): _doing(40),
        ("CA", "TC-04"): _doing(10), ("QS", "TC-05"): _doing(25)}, datetime(2026, 3, 16, 9))
    _run("merge", plan, tmp / "nhan-q1", "--period", "Q1", "--out", tmp / "th-q1.xlsx",
         "--received", "18/03/2026")
    (tmp / "q1-before.json").write_text(
        _run("report", tmp / "th-q1.xlsx", "--out", tmp / "bc-q1.xlsx", "--json"))
    _amend(plan)
    _run("split", plan, "--period", "6T", "--out", tmp / "giao-6t", "--ledger",
         tmp / "cchc-ledger.sqlite")
    _fill(tmp / "giao-6t", tmp / "nhan-6t", {
        ("VP", "TC-01"): _doing(60), ("VHXH", "TC-02"): _doing(50),
        ("PVHCC", "TC-04"): _done(date(2026, 6, 10)), ("KT", "TC-06"): _doing(15),
        ("YT", "TC-06"): _doing(5), ("CA", "TC-03"): _doing(100)}, datetime(2026, 6, 16, 9))
    _run("merge", plan, tmp / "nhan-6t", "--period", "6T", "--out", tmp / "th-6t.xlsx",
         "--received", "18/06/2026")
    return tmp


def _report(folder: Path, period: str) -> dict:
    out = _run("report", folder / f"th-{period.lower()}.xlsx", "--out",
               folder / f"bc-{period.lower()}-again.xlsx", "--json")
    return json.loads(out[out.index("{"):])


def test_the_earlier_period_s_report_shows_what_it_showed(amended: Path) -> None:
    before = json.loads((amended / "q1-before.json").read_text()
                        [(amended / "q1-before.json").read_text().index("{"):])
    again = _report(amended, "Q1")
    for key in ("totals", "areas", "leads", "units", "missing_units"):
        assert again[key] == before[key], key
    assert again["totals"]["tasks"] == 5 and again["totals"]["not_reported"] == 0
    assert again["missing_units"] == []
    units = {u["code"]: u for u in again["units"]}
    assert "YT" not in units  # not a unit of the plan in March
    assert units["KT"]["led"] == 1 and units["QS"]["led"] == 1  # as the plan stood
    # the report's table lists the deleted task and the text as it stood
    texts = [c.value for ws in load_workbook(amended / "bc-q1-again.xlsx").worksheets
             for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert any("Diễn tập phòng thủ" in t for t in texts)
    assert not any("Chuẩn hóa dữ liệu hộ tịch" in t for t in texts)


def test_the_later_period_counts_the_plan_as_amended(amended: Path) -> None:
    later = _report(amended, "6T")
    units = {u["code"]: u for u in later["units"]}
    assert later["totals"]["tasks"] == 5  # TC-05 deleted, TC-06 added
    assert "QS" not in units and units["YT"]["returned"]
    # TC-02 moved to VHXH: asked of it, KT's March answer not carried to it
    assert units["VHXH"]["led"] == 2 and units["KT"]["led"] == 1
    # done: TC-03 (in March, carried), TC-04
    assert (later["totals"]["done"], later["totals"]["in_progress"]) == (2, 3)


def test_the_earlier_period_s_reminders_ask_nobody_added_since(amended: Path) -> None:
    out = _run("remind", amended / "th-q1.xlsx", "--out", amended / "dd-q1.docx",
               "--csv", amended / "dd-q1.csv")
    assert "Đơn vị cần đôn đốc: 0" in out
    assert "Trạm Y tế" not in (amended / "dd-q1.csv").read_text(encoding="utf-8-sig")


def test_merging_the_earlier_period_again_with_the_amended_plan_says_so(
        amended: Path, tmp_path: Path) -> None:
    """Asked for (--recount): Q1's report is due, so a merge of it keeps its plan."""
    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    result = CliRunner().invoke(main, [
        "merge", str(folder / "kh.xlsx"), str(folder / "nhan-q1"), "--period", "Q1",
        "--out", str(folder / "th-q1.xlsx"), "--received", "18/03/2026", "--recount"])
    assert result.exit_code == 0, result.output
    assert "--recount" not in result.output  # no word of the plan kept
    assert ("Lưu ý: bảng kế hoạch đã sửa sau lần gộp trước của kỳ quý I năm 2026 (thêm 1 "
            "nhiệm vụ (TC-06); bỏ 1 nhiệm vụ (TC-05); đổi đơn vị chủ trì 1 nhiệm vụ (TC-02); "
            "đổi đơn vị phối hợp 1 nhiệm vụ (TC-03); đổi thời hạn 1 nhiệm vụ (TC-01); thêm 1 "
            "đơn vị (Trạm Y tế phường); không còn giao nhiệm vụ cho 1 đơn vị (Ban Chỉ huy quân "
            "sự phường); đổi tên 1 đơn vị (Công an phường thành Công an phường Hạc Thành)): "
            "số liệu kỳ này nay tính theo bảng kế hoạch đã sửa, "
            "khác lần gộp trước; muốn giữ số liệu kỳ này như đã báo cáo, gộp lại kỳ này "
            "(--period Q1) với bảng kế hoạch trước khi sửa.") in result.output
    # Six units have work in the amended plan; the Ban Chỉ huy quân sự, whose only task was
    # deleted, sent a Q1 file but is none of them (it was counted: "6/7").
    assert "Đơn vị đã gửi: 5/6; chưa gửi: Trạm Y tế phường." in result.output
    again = CliRunner().invoke(main, [
        "merge", str(folder / "kh.xlsx"), str(folder / "nhan-q1"), "--period", "Q1",
        "--out", str(folder / "th-q1.xlsx"), "--received", "18/03/2026"])
    assert again.exit_code == 0 and "Lưu ý: bảng kế hoạch" not in again.output  # told once


def test_the_plan_a_period_was_counted_with_is_written_out(amended: Path,
                                                           tmp_path: Path) -> None:
    """`report --plan-out`: the plan as Q1 was counted with (before the amendment), kept in
    the ledger, written as a plan workbook; merged with it, Q1 is counted as it was, with
    no word of a plan amended. The plan in use is never written over."""
    from cchc_xl.master import load_master

    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    out = _run("report", folder / "th-q1.xlsx", "--out", folder / "bc.xlsx", "--plan-out",
               folder / "kh-q1.xlsx")
    assert f"Đã ghi {folder / 'kh-q1.xlsx'}" in out
    q1 = load_master(folder / "kh-q1.xlsx")
    assert {d.id for d in q1.deliverables()} == {"TC-01", "TC-02", "TC-03", "TC-04", "TC-05"}
    assert not q1.has_unit("YT") and q1.unit("CA").name == CA
    assert next(d for d in q1.deliverables() if d.id == "TC-02").lead == ["KT"]
    assert "TC-06" in {d.id for d in load_master(
        Path(_run("report", folder / "th-6t.xlsx", "--out", folder / "bc6.xlsx",
                  "--plan-out", folder / "kh-6t.xlsx").split("Đã ghi ")[-1].strip())
    ).deliverables()}
    merged = CliRunner().invoke(main, [
        "merge", str(folder / "kh-q1.xlsx"), str(folder / "nhan-q1"), "--period", "Q1",
        "--out", str(folder / "th-q1.xlsx"), "--received", "18/03/2026"])
    assert merged.exit_code == 0, merged.output
    assert "bảng kế hoạch đã sửa" not in merged.output
    before = (folder / "kh.xlsx").read_bytes()
    refused = CliRunner().invoke(main, ["report", str(folder / "th-q1.xlsx"), "--out",
                                        str(folder / "bc.xlsx"), "--plan-out",
                                        str(folder / "kh.xlsx")])
    assert refused.exit_code != 0 and "bảng kế hoạch" in refused.output
    assert (folder / "kh.xlsx").read_bytes() == before


def test_the_note_of_a_period_recounted_names_the_units_gone_and_renamed(hh_master):
    """A period merged again with an amended plan: the units whose reports no longer count
    for it (taken off the unit sheet, or left with no task) and those it now shows by a new
    name are named, as the tasks are (a QA pass: a province's Sở Y tế, removed after the
    2025 reorganisation, vanished from its first quarter's figures unnamed)."""
    from cchc_xl.model import Unit
    from cchc_xl.plan_amended import plan_changes

    before = copy.deepcopy(hh_master)
    idle = Unit("KNV", "Đơn vị không có nhiệm vụ")
    before.units.append(idle)
    now = copy.deepcopy(before)
    working = [u for u in now.units
               if any(u.code in d.lead + d.support for d in now.deliverables())]
    gone, emptied, renamed = working[-1], working[-2], working[0]
    for d in now.deliverables():  # their tasks given to the renamed unit
        d.lead = list(dict.fromkeys(renamed.code if c in (gone.code, emptied.code) else c
                                    for c in d.lead))
        d.support = [c for c in d.support if c not in (gone.code, emptied.code, *d.lead)]
    now.units = [u for u in now.units if u.code not in (gone.code, idle.code)]
    old_name, renamed.name = renamed.name, "Tên mới của đơn vị"
    said = "; ".join(plan_changes(before, now))
    assert f"bỏ 1 đơn vị ({gone.name})" in said
    assert f"không còn giao nhiệm vụ cho 1 đơn vị ({emptied.name})" in said
    assert f"đổi tên 1 đơn vị ({old_name} thành Tên mới của đơn vị)" in said
    assert idle.name not in said  # a unit with no task: the figures never showed it


ONE_STOP = "Bộ phận tiếp nhận và trả kết quả huyện"  # BPMC in the Hoằng Hóa plan


def _one_stop_renamed(hh_master, name: str, code: str = "BPMCHD", kind: str = "other"):
    """The plan with BPMC's tasks given to a unit added as ``name`` (the amended plan
    names Bộ phận một cửa otherwise), BPMC still on the 'Đơn vị' sheet."""
    from cchc_xl.model import Unit

    now = copy.deepcopy(hh_master)
    now.units.append(Unit(code, name, kind))
    for d in now.deliverables():
        d.lead, d.support = ([code if c == "BPMC" else c for c in codes]
                             for codes in (d.lead, d.support))
        d.lead_text = d.lead_text.replace(ONE_STOP, name)
    return now


def test_a_unit_renamed_in_an_amended_plan_is_said_to_be_maybe_one(hh_master):
    """An amended plan writes "Bộ phận tiếp nhận và trả kết quả hiện đại huyện" for
    the unit it called "Bộ phận tiếp nhận và trả kết quả huyện": the office was told of
    a unit added and one left without work, not that they may be one unit, which then
    gets a new code, no pre-filled answers and no history. Said, with both codes."""
    from cchc_xl.plan_amended import plan_changes

    now = _one_stop_renamed(hh_master, "Bộ phận tiếp nhận và trả kết quả hiện đại huyện")
    said = "; ".join(plan_changes(hh_master, now))
    assert "không còn giao nhiệm vụ cho 1 đơn vị (Bộ phận tiếp nhận" in said
    assert (f"“{ONE_STOP}” (mã BPMC) và “Bộ phận tiếp nhận và trả kết quả hiện đại huyện” "
            "(mã BPMCHD) có thể là một đơn vị đổi tên") in said


def test_a_unit_renamed_outright_is_paired_by_its_kind_and_its_tasks(hh_master):
    """A new name sharing no words' containment ("Trung tâm Phục vụ hành chính công
    huyện"): paired as one unit when the kind and every task and role are the same."""
    from cchc_xl.plan_amended import renamed_units

    now = _one_stop_renamed(hh_master, "Trung tâm Phục vụ hành chính công huyện")
    assert [(a.code, b.code) for a, b in renamed_units(hh_master, now)] == [("BPMC", "BPMCHD")]
    other_kind = _one_stop_renamed(hh_master, "Trung tâm Phục vụ hành chính công huyện",
                                   kind="public_service")
    assert renamed_units(hh_master, other_kind) == []


def test_units_that_may_each_be_the_renamed_one_are_not_paired(hh_master):
    """Two units added that may each be the unit renamed: neither is said to be it."""
    from cchc_xl.model import Unit
    from cchc_xl.plan_amended import plan_changes, renamed_units

    now = _one_stop_renamed(hh_master, "Bộ phận tiếp nhận và trả kết quả hiện đại huyện")
    now.units.append(Unit("BPMC2", "Bộ phận tiếp nhận và trả kết quả huyện Hoằng Hóa"))
    task = next(d for d in now.deliverables() if "BPMCHD" in d.lead)
    task.support.append("BPMC2")
    assert renamed_units(hh_master, now) == []
    assert "đổi tên" not in "; ".join(plan_changes(hh_master, now))
