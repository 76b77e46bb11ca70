"""Careless and hostile plan tables (made by tests/support/hostile_plans.py), each given
to `cchc-xl check` and `cchc-xl split` in a process of its own limited to 1 GB of
address space: never a traceback; a table that cannot be used is refused (exit 1 or 2)
with a Vietnamese message naming the file and, where there is one, the sheet and cell,
and saying what to do; a usable one is read (exit 0) and split; the file is unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_xl.xlio import file_sha256
from support import hostile_plans as hp
from support.cli_process import CliProcesses
from support.paths import HH_MASTER
from support.tools import needs_libreoffice

ADDRESS_SPACE = 1 << 30
PERIOD = "6T"  # a period both bases have




@pytest.fixture(scope="module")
def bases(cli_processes, tmp_path_factory) -> dict[str, Path]:
    """The two valid plans the cases start from."""
    folder = tmp_path_factory.mktemp("bases")
    blank = folder / "trong.xlsx"
    proc = cli_processes.run(["init", "--out", blank, "--year", "2026", "--commune",
                             "phường Hạc Thành"], folder / "cli")
    assert proc.returncode == 0, proc.stderr
    plan = folder / "ke-hoach-2026.xlsx"
    hp.plan_2026(blank, plan)
    return {hp.HH: HH_MASTER, hp.P26: plan}


@pytest.fixture(scope="module")
def corpus(bases, tmp_path_factory) -> dict[str, Path]:
    return hp.make_corpus(bases, tmp_path_factory.mktemp("plans"))


def run_both(cli_processes: CliProcesses, plan: Path, folder: Path):
    """`check` and `split` of ``plan`` under the limit; neither with a traceback."""
    before = file_sha256(plan)
    limits = {"RLIMIT_AS": ADDRESS_SPACE}
    check = cli_processes.run(["check", plan], folder / "check", limits=limits)
    split = cli_processes.run(["split", plan, "--period", PERIOD, "--out", folder / "giao",
                              "--silent"], folder / "split", limits=limits)
    for proc in (check, split):
        assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert file_sha256(plan) == before  # never changed
    return check, split


def assert_as_expected(plan: Path, expected: hp.Expected, check, split, folder: Path) -> None:
    made = sorted(p.name for p in (folder / "giao").glob("*.xlsx"))
    if expected.usable:
        assert check.returncode == 0, check.stdout
        assert split.returncode == 0, split.stderr
        assert made, split.stdout
    else:
        assert check.returncode in (1, 2), check.stdout
        assert split.returncode in (1, 2), split.stdout
        assert made == []
        # split says why in one line naming the file (and where: the first error's place).
        (said,) = [line for line in split.stderr.splitlines() if line.startswith("Lỗi: ")]
        assert f"tệp {plan}" in said, said
        if expected.sheet:
            assert f"trang '{expected.sheet}'" in said, said
    if not expected.said:
        return
    # check lists the finding: the file, the sheet and cell, what is wrong and what to do.
    lines = [line for line in (check.stdout + check.stderr).splitlines()
             if expected.said in line]
    assert lines, check.stdout + check.stderr
    where = str(plan)
    if expected.sheet:
        where += f", trang '{expected.sheet}'"
    if expected.cell:
        where += f", ô {expected.cell}"
    assert any(f"{where}:" in line for line in lines), lines


@pytest.mark.parametrize("case", list(hp.CASES))
def test_hostile_plan(case, corpus, cli_processes, tmp_path):
    plan = corpus[case]
    check, split = run_both(cli_processes, plan, tmp_path)
    assert_as_expected(plan, hp.CASES[case][2], check, split, tmp_path)


def test_a_plan_open_in_excel_is_read_and_its_lock_file_left(corpus, cli_processes, tmp_path):
    """Excel's "~$" lock file beside the plan (open on another computer): the plan is
    read as saved, and the lock file is neither read as a plan nor removed."""
    plan = corpus["locked-by-excel"]
    lock = plan.parent / f"~${plan.name}"
    before = file_sha256(lock)
    run_both(cli_processes, plan, tmp_path)
    assert file_sha256(lock) == before
    assert not any(p.name.startswith("~$") for p in (tmp_path / "giao").iterdir())


@needs_libreoffice
def test_plans_saved_as_xls_or_ods(bases, cli_processes, tmp_path):
    """The plan saved by LibreOffice as .xls or .ods (under that name, or renamed .xlsx):
    refused, saying to save it as an ordinary .xlsx (one LibreOffice run for all)."""
    made = hp.office_conversions(bases[hp.HH], tmp_path / "made")
    for case, expected in hp.OFFICE_CASES.items():
        folder = tmp_path / case
        check, split = run_both(cli_processes, made[case], folder)
        assert_as_expected(made[case], expected, check, split, folder)
