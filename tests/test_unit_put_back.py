"""A unit taken off the plan by mistake and put back: its file, refused while it was off
(identity-unit-removed), counts once the plan has it again, without the unit sending it
again. A refusal that depends on the plan (the unit sheet) is judged again by a merge
with a plan where its reason no longer holds; content verdicts are kept (docs/ledger.md,
"Judged again")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from test_plan_edits import _without_tp

from cchc_xl.cli import main
from cchc_xl.master.write import write_master
from cchc_xl.merge import merge_returns, refresh_outputs
from cchc_xl.snapshot import load_snapshot
from make_sample_returns import fill_return
from support.mistakes import SAVED, done, ids


def _tp_file(hh_master, hh_split_9t, folder: Path) -> Path:
    src = {f.unit_code: f.path for f in hh_split_9t.files}["TP"]
    return fill_return(src, folder / "in" / "TP.xlsx",
                       {did: done() for did in ids(hh_master, "TP")}, saved_at=SAVED)


def _merge(plan: Path, sent: Path, folder: Path, *more: str):
    return CliRunner().invoke(main, ["merge", str(plan), str(sent), "--period", "9T", "--out",
                                     str(folder / "th.xlsx"), "--silent", *more])


def _tp_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT s.outcome, s.unit, s.received, COUNT(r.deliverable)"
                           " FROM submissions s LEFT JOIN rows r ON r.submission_id = s.id"
                           " GROUP BY s.id").fetchall()


def test_a_file_refused_while_its_unit_was_off_the_plan_counts_once_it_is_back(
        hh_master, hh_split_9t, tmp_path):
    """The office took TP off the unit sheet by mistake, merged TP's file (refused), then
    put TP back and merged the same folder again: TP's file is read again and counts,
    once, with the day it was received; the command says so. 9 tháng 2023's report is
    due: the merge keeps the plan it was counted with until asked to recount (--recount),
    which the merge without it says (nothing read again)."""
    without = write_master(_without_tp(hh_master), tmp_path / "bo-TP.xlsx")
    again = write_master(hh_master, tmp_path / "them-lai-TP.xlsx")
    sent = _tp_file(hh_master, hh_split_9t, tmp_path)
    db = tmp_path / "cchc-ledger.sqlite"
    first = _merge(without, sent.parent, tmp_path, "--received", "19/09/2023")
    assert first.exit_code in (0, 1), first.output
    assert _tp_rows(db) == [("rejected", "", "2023-09-19", 0)]
    kept = _merge(again, sent.parent, tmp_path, "--received", "25/09/2023")
    assert "thêm 1 đơn vị (Phòng Tư pháp)" in kept.output and "--recount" in kept.output
    assert _tp_rows(db) == [("rejected", "", "2023-09-19", 0)]
    run = _merge(again, sent.parent, tmp_path, "--received", "25/09/2023", "--recount")
    assert run.exit_code == 0, run.output
    tasks = len(ids(hh_master, "TP"))
    # The same submission, now counted: received when it came, its rows recorded once.
    assert _tp_rows(db) == [("accepted", "TP", "2023-09-19", tasks)]
    assert ("Đọc lại 1 tệp đã bị từ chối ở lần gộp trước vì đơn vị không có trong trang "
            "'Đơn vị' của bảng kế hoạch (nay đã có): 1 tệp nay được nhận (Phòng Tư pháp); "
            "đơn vị không cần gửi lại.") in run.output
    assert "identity-unit-removed" not in run.output
    book = load_workbook(tmp_path / "th.xlsx", read_only=True)
    (listed,) = [r for r in book["Tệp đã nhận"].iter_rows(values_only=True)
                 if r[2] == str(sent)]
    assert listed[:2] == ("TP", hh_master.unit("TP").name) and listed[6] == "Được nhận"
    assert not any("Phòng Tư pháp" in map(str, r)
                   for r in book["Chưa gửi"].iter_rows(values_only=True))
    snapshot = load_snapshot(db, "9T")
    assert "TP" not in snapshot.missing_units
    (sub,) = snapshot.submissions
    assert [p.code for p in sub.problems if p.severity == "error"] == []
    assert "file-judged-again" in [p.code for p in sub.problems]
    # Merged again, nothing changes: not read a third time, not counted twice.
    assert _merge(again, sent.parent, tmp_path).exit_code == 0
    assert _tp_rows(db) == [("accepted", "TP", "2023-09-19", tasks)]


def test_recounted_with_the_plan_that_has_the_unit_again_no_file_given(
        hh_master, hh_split_9t, tmp_path):
    """The web app recounts a period with the plan put in place (merge.refresh_outputs,
    no file given): the refused file, kept in the archive, is read from there."""
    sent = _tp_file(hh_master, hh_split_9t, tmp_path)
    out = tmp_path / "th.xlsx"
    (f,) = merge_returns(_without_tp(hh_master), [sent], "9T", out).files
    assert f.outcome == "rejected"
    sent.unlink()  # only the archive has it now
    result = refresh_outputs(hh_master, "9T", out)
    (f,) = [f for f in result.files if f.unit == "TP"]
    assert f.outcome == "accepted"
    assert "TP" not in result.missing_units


def test_a_file_refused_for_the_plan_stays_refused_while_the_reason_holds(
        hh_master, hh_split_9t, tmp_path):
    """Merged again with a plan still without the unit: the file stays refused, as it
    was, and is told once (identity-unit-removed), not judged again."""
    master = _without_tp(hh_master)
    sent = _tp_file(hh_master, hh_split_9t, tmp_path)
    out = tmp_path / "th.xlsx"
    merge_returns(master, [sent], "9T", out)
    (f,) = merge_returns(master, [sent], "9T", out).files
    assert f.outcome == "rejected"
    assert [p.code for p in f.problems] == ["identity-unit-removed"]


def test_a_file_read_again_and_refused_again_is_not_said_to_need_nothing():
    """A file read again that is refused for another reason (another period, unfilled):
    its unit must still send one, so the merge does not say it need not."""
    from cchc_xl.findings import Finding
    from cchc_xl.merge.result import FileResult, _judged_again
    from cchc_xl.vocab import ACCEPTED, NOTE, REJECTED

    def read_again(unit: str, outcome: str) -> FileResult:
        return FileResult(f"{unit}.xlsx", unit, outcome, unit * 8, None, True,
                          [Finding(NOTE, "file-judged-again", "đọc lại")])

    names = {"TP": "Phòng Tư pháp", "NV": "Phòng Nội vụ"}
    both = _judged_again([read_again("TP", ACCEPTED), read_again("NV", REJECTED)], names)
    assert both.endswith("1 tệp nay được nhận (Phòng Tư pháp); 1 tệp vẫn bị từ chối vì lý "
                         "do khác; đơn vị không cần gửi lại.")
    refused = _judged_again([read_again("NV", REJECTED)], names)
    assert refused.endswith("(nay đã có): 1 tệp vẫn bị từ chối vì lý do khác.")
    assert "không cần gửi lại" not in refused
