"""`cchc-xl merge` on the command line: exit codes and messages, the plan never an output,
and the --feedback folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.errors import UsageError
from cchc_xl.finding_codes import FINDING_CODES
from cchc_xl.merge import merge_returns
from make_sample_returns import fill_return, realistic_answers
from support.merge import SAMPLES, codes_of
from support.mistakes import SAVED, doing, ids
from support.paths import HH_MASTER, ROOT


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
    # The specialist reads what kind of problem it is in Vietnamese, in the counts and
    # in each line; the English code is for programs (--json above).
    said = _cli(str(wrong), "--period", "9T", "--out", str(tmp_path / "o4" / "o.xlsx"),
                "--silent").output
    assert "(tỷ lệ ngoài 0–100: 1" in said, said
    assert "  [Lỗi] tỷ lệ ngoài 0–100 — " in said and "ô I5: tỷ lệ 150% ngoài khoảng" in said
    words = said.replace(str(tmp_path), "")
    assert not [c for c in FINDING_CODES if re.search(rf"(?<![\w-]){c}(?![\w-])", words)], said

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
    # Each is told for what it is: Excel's lock file, and the system's files (named
    # together, for one reason).
    assert "~$vhtt.xlsx: tệp khóa hoặc tệp tạm của Excel/LibreOffice" in usage.output
    assert ".DS_Store, Thumbs.db: tệp hệ thống hoặc tệp ẩn" in usage.output


def test_master_is_not_an_output(hh_master, tmp_path) -> None:
    with pytest.raises(UsageError, match="bảng kế hoạch"):
        merge_returns(hh_master, [SAMPLES], "9T", HH_MASTER)


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
