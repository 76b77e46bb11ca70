"""A unit's file issued before the office edited the plan: the cells it shows of the
plan (product, role, deadline, content) are the plan as it was, which the unit did not
touch (its identity's digest of them says so). Merged with the plan as it is now, the
office is told once what changed, the unit is not told it edited them, and tasks given
to the unit since are named (found by a probe: the unit was told three times not to
edit the plan's cells, and a task moved to another unit left no word)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cchc_xl import assignment as A
from cchc_xl.deadlines import parse_deadline
from cchc_xl.merge import merge_returns
from cchc_xl.model import Deliverable
from make_sample_returns import ISSUED_AT, fill_return
from support.mistakes import SAVED, doing, done, ids, locate
from support.tools import convert_all, needs_libreoffice


@pytest.fixture(scope="module")
def edited(hh_master):
    """The Hoằng Hóa plan after the office's edits: a deadline of Phòng Nội vụ's moved,
    another of its products led by Phòng Tư pháp with it coordinating, a third given to
    Phòng Tư pháp alone, a product added for it: (plan, [ids of the four])."""
    master = copy.deepcopy(hh_master)
    led = [d for d in master.deliverables() if d.lead == ["NV"]]
    led[0].deadline = parse_deadline("Quý II/2023", master.plan.year)
    for d, support in ((led[1], ["NV"]), (led[2], [])):
        d.lead, d.support = ["TP"], [u for u in d.support if u != "TP"] + support
    task = next(t for a in master.areas for t in a.tasks if led[3] in t.deliverables)
    task.deliverables.append(Deliverable(f"{led[3].id}.9", "Báo cáo bổ sung",
                                         parse_deadline("Quý IV/2023", master.plan.year),
                                         lead=["NV"]))
    return master, [d.id for d in led[:3]] + [f"{led[3].id}.9"]


def _merged(master, path: Path, folder: Path):
    (f,) = merge_returns(master, [path], "9T", folder / "out" / "o.xlsx",
                         feedback_dir=folder / "ph").files
    return f


def test_a_file_issued_before_the_plan_was_edited_tells_the_office_not_the_unit(
        hh_master, hh_split_9t, edited, tmp_path):
    master, (moved, demoted, given_away, added) = edited
    src = {f.unit_code: f.path for f in hh_split_9t.files}["NV"]
    tasks = ids(hh_master, "NV")
    path = fill_return(src, tmp_path / "NV.xlsx", {did: done() for did in tasks},
                       saved_at=SAVED)
    f = _merged(master, path, tmp_path)
    assert f.outcome == "accepted"
    found = {p.code: p for p in f.problems}
    assert "readonly-edited" not in found and "row-shifted" not in found
    told = found["plan-changed-since-issued"]
    assert told.severity == "warning" and told.unit == "NV"
    assert told.message.startswith("bảng kế hoạch đã sửa sau khi giao tệp này (giao lúc ")
    assert "row-foreign" not in found  # not "xóa dòng": the plan gave the task away
    assert (f"2 dòng của tệp ghi theo kế hoạch trước khi sửa ({moved}: "
            f"'{A.COL_DEADLINE}', '{A.COL_DUE}'; {demoted}: '{A.COL_ROLE}'), đơn vị không "
            f"sửa các ô đó; 1 nhiệm vụ nay không còn giao cho đơn vị ({given_away}): kết quả "
            "đơn vị báo cáo ở đó không được tính; 1 nhiệm vụ mới giao cho đơn vị không có "
            f"trong tệp ({added}), được tính là chưa báo cáo. Kết quả được tính theo kế hoạch "
            "hiện hành") in told.message
    # Nothing asked of the unit: no letter.
    assert not list((tmp_path / "ph").glob("*.xlsx"))


def test_a_plan_cell_the_unit_edited_is_still_its_edit(hh_split_9t, edited, tmp_path):
    """Where the unit typed over a plan cell, its file no longer gives the digest: each
    difference is read as before (its edit, told to it)."""
    master, (moved, _, _, added) = edited
    src = {f.unit_code: f.path for f in hh_split_9t.files}["NV"]

    def retype(wb) -> None:
        sheet, cell = locate(src, moved, A.COL_PRODUCT)
        wb[sheet][cell] = "Sản phẩm đơn vị tự ghi"

    path = fill_return(src, tmp_path / "NV.xlsx", {moved: doing()}, saved_at=SAVED,
                       tweak=retype)
    f = _merged(master, path, tmp_path)
    edits = [p for p in f.problems if p.code == "readonly-edited"]
    assert {p.task for p in edits} >= {moved}
    assert any("Sản phẩm đơn vị tự ghi" in p.message for p in edits)
    # The task given since is still named (the row list tells it, whatever the cells).
    (told,) = [p for p in f.problems if p.code == "plan-changed-since-issued"]
    assert "dòng của tệp ghi theo kế hoạch trước khi sửa" not in told.message
    assert f"1 nhiệm vụ mới giao cho đơn vị không có trong tệp ({added})" in told.message


def test_a_file_of_the_plan_as_it_is_says_nothing(hh_master, hh_split_9t, tmp_path):
    src = {f.unit_code: f.path for f in hh_split_9t.files}["NV"]
    path = fill_return(src, tmp_path / "NV.xlsx",
                       {did: done() for did in ids(hh_master, "NV")}, saved_at=SAVED)
    codes = {p.code for p in _merged(hh_master, path, tmp_path).problems}
    assert not codes & {"plan-changed-since-issued", "readonly-edited"}


@pytest.mark.slow
@needs_libreoffice
def test_a_file_saved_again_by_libreoffice_still_tells_the_plans_edit(
        hh_master, hh_split_9t, edited, tmp_path):
    """A unit working in LibreOffice saves the file again: its plan cells still give the
    digest as issued, so the plan's edit is still told as the plan's."""
    master, (moved, *_) = edited
    src = {f.unit_code: f.path for f in hh_split_9t.files}["NV"]
    filled = fill_return(src, tmp_path / "in" / "NV.xlsx",
                         {did: done() for did in ids(hh_master, "NV")}, saved_at=SAVED)
    (saved,) = convert_all([filled], tmp_path / "lo")
    f = _merged(master, saved, tmp_path)
    codes = {p.code for p in f.problems}
    assert "plan-changed-since-issued" in codes and "readonly-edited" not in codes
    (told,) = [p for p in f.problems if p.code == "plan-changed-since-issued"]
    assert f"{moved}: '{A.COL_DEADLINE}', '{A.COL_DUE}'" in told.message


def _without_tp(hh_master):
    """The plan with Phòng Tư pháp taken off the 'Đơn vị' sheet (merged into another after
    the 2025 reorganisation), its tasks given to Phòng Nội vụ."""
    master = copy.deepcopy(hh_master)
    names = {u.code: u.name for u in master.units}
    for d in master.deliverables():
        d.lead = list(dict.fromkeys("NV" if c == "TP" else c for c in d.lead))
        d.support = [c for c in d.support if c != "TP" and c not in d.lead]
        # As typed in the plan's cells, should it be written (write_master).
        d.lead_text, d.support_text = ("; ".join(names[c] for c in codes)
                                       for codes in (d.lead, d.support))
    master.units = [u for u in master.units if u.code != "TP"]
    for g in master.groups:
        g.members = [c for c in g.members if c != "TP"]
    return master


def test_a_file_of_a_unit_taken_off_the_plan_since_says_so(hh_master, hh_split_9t, tmp_path):
    """The office took a unit off the 'Đơn vị' sheet (merged into another after the 2025
    reorganisation) after its file was issued; the unit sends it anyway. Refused, the
    office is told the file was issued to that unit, its results count for nobody and are
    kept, not to "check the plan or split again" for a unit it removed on purpose."""
    master = _without_tp(hh_master)
    src = {f.unit_code: f.path for f in hh_split_9t.files}["TP"]
    path = fill_return(src, tmp_path / "TP.xlsx", {did: done() for did in ids(hh_master, "TP")},
                       saved_at=SAVED)
    f = _merged(master, path, tmp_path)
    assert f.outcome == "rejected"
    (told,) = [p for p in f.problems if p.code == "identity-unit-removed"]
    assert told.message.startswith(
        f"tệp được giao cho đơn vị 'TP' ({hh_master.unit('TP').name}) lúc "
        f"{ISSUED_AT:%d/%m/%Y %H:%M}, đơn vị nay không còn trong trang 'Đơn vị' của bảng kế "
        "hoạch (bảng kế hoạch đã sửa sau khi giao tệp): kết quả trong tệp không được tính "
        "cho đơn vị nào, tệp vẫn được lưu trong sổ cái.")
    assert "kiểm tra bảng kế hoạch" not in told.message


def test_a_unit_taken_off_the_plan_gets_no_letter_asking_for_a_file(hh_master, hh_split_9t,
                                                                     tmp_path):
    """QA pass: the refused file of a unit the office took off the plan got a feedback
    letter ("không-rõ-TP-…-phản-hồi.xlsx") asking it to fill "the file issued to the unit"
    and send it by a deadline: a unit that no longer reports cannot do that. Its refusal
    has a code of its own, asks nothing of the unit, and gets no letter; the reminder
    letter does not chase it either."""
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from cchc_xl.letters.remind import reminders
    from cchc_xl.master.write import write_master
    from cchc_xl.report.summary import summarize
    from cchc_xl.snapshot import load_snapshot

    plan = write_master(_without_tp(hh_master), tmp_path / "ke-hoach.xlsx")
    src = {f.unit_code: f.path for f in hh_split_9t.files}["TP"]
    sent = fill_return(src, tmp_path / "in" / "TP.xlsx",
                       {did: done() for did in ids(hh_master, "TP")}, saved_at=SAVED)
    fb = tmp_path / "ph"
    run = CliRunner().invoke(main, ["merge", str(plan), str(sent), "--period", "9T", "--out",
                                    str(tmp_path / "th.xlsx"), "--feedback", str(fb),
                                    "--received", "19/09/2023", "--silent"])
    assert run.exit_code in (0, 1), run.output
    # Said in its own block (not again among the first problems): a unit taken off.
    assert "Tệp bị từ chối của đơn vị không có trong bảng kế hoạch" in run.output
    assert "tệp của đơn vị 'TP' (Phòng Tư pháp) mà bảng kế hoạch nay không còn" in run.output
    assert "đơn vị không có trong kế hoạch" not in run.output
    assert f"Tệp phản hồi cho đơn vị: 0 tệp trong {fb}" in run.output
    assert not list(fb.glob("*"))
    snapshot = load_snapshot(tmp_path / "cchc-ledger.sqlite", "9T")
    (sub,) = snapshot.submissions
    assert sub.outcome == "rejected" and [p.code for p in sub.problems] == [
        "identity-unit-removed"]
    chased = reminders(summarize(snapshot), snapshot)
    assert chased and "TP" not in {r.unit.code for r in chased}
    assert not any(r.reasons for r in chased)  # no refused file named in the letter
