"""Split and merge where worker processes can only be spawned, as on Windows (macOS
spawns too by default): no fork, no fork server, no ``resource`` module. A spawned
worker starts from nothing: what it runs, and the plan it works on, must reach it
pickled, and the ledger's rows, the consolidated workbook and the files written must
be those of the same run with forked workers."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

import cchc_xl.isolate as isolate
import cchc_xl.merge as merge_module
import cchc_xl.pool as pool
import cchc_xl.split as split_module
from cchc_xl.merge import merge_returns
from cchc_xl.split import split_master
from cchc_xl.vocab import NOT_READ
from make_sample_returns import ISSUED_AT
from support.merge import _values
from support.paths import HH_SAMPLES
from support.spawned import SLOW_NAME, dead_on_start, judge_slowly, memory_unlimited

RETURNS = sorted(HH_SAMPLES.glob("*.xlsx"))[:isolate.FEW_ITEMS + 1]  # two workers start


def _windows_like(monkeypatch, tmp_path: Path) -> list[str]:
    """Workers only spawned, as Python offers on Windows, and workers with no
    ``resource`` module (a spawned worker imports cchc-xl afresh: setting
    ``isolate.resource`` here would not reach it, a module that cannot be imported
    does). Two cores, so that split's pool starts on any machine. Gives the start
    methods the workers were started by, one a run."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(isolate, "resource", None)
    no_resource = tmp_path / "windows-modules"
    no_resource.mkdir()
    (no_resource / "resource.py").write_text('raise ImportError("no resource on Windows")\n')
    monkeypatch.syspath_prepend(str(no_resource))
    for module in (pool, split_module):
        monkeypatch.setattr(module, "cores", lambda: 2)
    started: list[str] = []
    context = pool.worker_context

    def noted(fn):
        ctx = context(fn)
        started.append(ctx.get_start_method())
        return ctx

    for module in (pool, isolate):
        monkeypatch.setattr(module, "worker_context", noted)
    return started


def _merged(master, folder: Path, out: Path, **kw):
    """What a merge of ``folder`` into ``out``'s folder leaves: its result (each file's
    outcome and problems, every row read, the summary, the exit code), the ledger's
    rows, the consolidated workbook's values."""
    result = merge_returns(master, [folder], "9T", out, now=datetime(2023, 9, 20, 8),
                           received=date(2023, 9, 19), **kw)
    with sqlite3.connect(out.parent / "cchc-ledger.sqlite") as con:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # Each table but the runs' list (when each run ended, by the clock).
        rows = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}")))
                for t in tables if t != "merges"}
    return (result.as_dict(), result.summary(), result.exit_code), rows, _values(out)


def _returns(folder: Path, files: list[Path]) -> Path:
    folder.mkdir(parents=True)
    for f in files:
        shutil.copy2(f, folder / f.name)  # its time kept: the ledger records it
    return folder


def test_a_merge_with_spawned_workers_records_what_forked_ones_do(hh_master, tmp_path,
                                                                   monkeypatch):
    folder = _returns(tmp_path / "nhan-ve", RETURNS)
    out = tmp_path / "out" / "tong-hop.xlsx"
    forked = _merged(hh_master, folder, out)
    shutil.rmtree(out.parent)  # the same folder again: the same paths in what is written
    started = _windows_like(monkeypatch, tmp_path)
    spawned = _merged(hh_master, folder, out)
    assert started == ["spawn"]
    assert spawned[0] == forked[0]
    assert {f["outcome"] for f in spawned[0][0]["files"]} == {"accepted"}
    assert spawned[1] == forked[1]
    assert spawned[2] == forked[2]


@pytest.fixture(scope="module")
def forked_split(hh_master, tmp_path_factory):
    """The seed plan split for 9T by forked workers, as on Linux: what both splits below
    are compared with (read only). Not the session's hh_split_9t, which would put these
    tests in the slow tier."""
    return split_master(hh_master, "9T", tmp_path_factory.mktemp("fork"), issued_at=ISSUED_AT)


def test_a_split_with_spawned_workers_writes_the_same_files(hh_master, forked_split, tmp_path,
                                                            monkeypatch):
    forked = forked_split
    started = _windows_like(monkeypatch, tmp_path)
    # The seed plan's 47 units are too few to spawn workers for (pool.MIN_SPAWNED_JOBS):
    # spawned here all the same.
    monkeypatch.setattr(pool, "MIN_SPAWNED_JOBS", pool.MIN_JOBS)
    spawned = split_master(hh_master, "9T", tmp_path / "spawn", issued_at=ISSUED_AT)
    assert started == ["spawn"]
    assert [f.path.name for f in spawned.files] == [f.path.name for f in forked.files]
    assert len(spawned.files) == len(hh_master.units)
    for a, b in zip(forked.files, spawned.files, strict=True):
        assert b.path.read_bytes() == a.path.read_bytes(), b.path.name
    assert (spawned.manifest_csv.read_bytes().replace(b"spawn", b"fork")
            == forked.manifest_csv.read_bytes())


def test_a_split_of_a_few_hundred_units_is_written_here_where_workers_are_spawned(
        hh_master, forked_split, tmp_path, monkeypatch):
    """Where workers must be spawned, each imports cchc-xl and takes the plan afresh
    (about 0.7 s on Linux): a split of fewer units than pool.MIN_SPAWNED_JOBS is written
    in this process, in the same files, instead of waiting for them."""
    forked = forked_split
    started = _windows_like(monkeypatch, tmp_path)
    here = split_master(hh_master, "9T", tmp_path / "here", issued_at=ISSUED_AT)
    assert started == []  # no worker started
    for a, b in zip(forked.files, here.files, strict=True):
        assert b.path.read_bytes() == a.path.read_bytes(), b.path.name


@pytest.mark.slow
def test_a_file_over_its_time_with_spawned_workers_is_refused_and_the_rest_merged(
        hh_master, tmp_path, monkeypatch):
    """The time budget holds where there is no address-space limit: the stuck file's
    worker is stopped, the file reported with the reason, the other files recorded."""
    folder = _returns(tmp_path / "nhan-ve", RETURNS[:4])
    stuck = folder / f"{SLOW_NAME}{RETURNS[4].name}"
    shutil.copy2(RETURNS[4], stuck)
    started = _windows_like(monkeypatch, tmp_path)
    monkeypatch.setattr(merge_module, "judge", judge_slowly)
    (result, summary, code), rows, _ = _merged(hh_master, folder, tmp_path / "out" / "t.xlsx",
                                               read_seconds=2)
    assert set(started) == {"spawn"}
    outcomes = {Path(f["path"]).name: f for f in result["files"]}
    refused = outcomes.pop(stuck.name)
    assert refused["outcome"] == NOT_READ
    assert "đọc tệp quá 2 giây" in refused["problems"][0]["message"]
    assert {f["outcome"] for f in outcomes.values()} == {"accepted"} and len(outcomes) == 4
    assert code == 1 and "chưa đọc được" in summary
    assert len(rows["submissions"]) == 4  # the stuck file not recorded: read again next time
    assert not any(stuck.name in row for row in rows["submissions"])


def test_files_whose_worker_dies_starting_are_reported_not_the_merge_ended(
        hh_master, tmp_path, monkeypatch):
    """A worker that dies before its first file (it could not start): each file given
    to it is reported as not read this time, with why, and the merge ends normally."""
    folder = _returns(tmp_path / "nhan-ve", RETURNS[:2])
    _windows_like(monkeypatch, tmp_path)
    monkeypatch.setattr(merge_module, "start_judging", dead_on_start)
    (result, summary, code), rows, _ = _merged(hh_master, folder, tmp_path / "out" / "t.xlsx")
    assert [f["outcome"] for f in result["files"]] == [NOT_READ, NOT_READ]
    assert all("bị dừng đột ngột" in f["problems"][0]["message"] for f in result["files"])
    assert code == 1 and "chưa đọc được" in summary
    assert rows["submissions"] == []


def test_spawned_workers_run_with_no_memory_limit_module(tmp_path, monkeypatch):
    """The emulation above is faithful: the spawned worker itself has no ``resource``."""
    started = _windows_like(monkeypatch, tmp_path)
    assert [ok for _, ok in isolate.run_isolated(memory_unlimited, [1])] == [True]
    assert started == ["spawn"]


def test_a_split_on_windows_with_more_cores_than_its_pool_takes_starts_61_workers(monkeypatch):
    """Windows' ProcessPoolExecutor refuses more than 61 workers (it waits for at most 63
    handles): on a machine with 64 cores, a split asked for 64 and never started."""
    from concurrent.futures import process

    monkeypatch.delattr(pool.os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 64)
    monkeypatch.setattr(pool.sys, "platform", "win32")
    assert pool.cores() == 61 == process._MAX_WINDOWS_WORKERS
    monkeypatch.setattr(pool.sys, "platform", "linux")
    assert pool.cores() == 64  # elsewhere every core


def test_workers_on_macos_come_from_a_fork_server_not_a_fork(monkeypatch):
    """Python spawns workers on macOS since 3.8: its system libraries make a forked child
    unsafe. The one-threaded CLI forked them there as on Linux; a fork server (a fresh
    process that forks each worker, as the web app's jobs get them) is used instead."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods",
                        lambda: ["spawn", "fork", "forkserver"])
    monkeypatch.setattr(pool.threading, "active_count", lambda: 1)  # the CLI's one thread
    assert pool.worker_context(_values).get_start_method() == "fork"  # Linux, one thread
    monkeypatch.setattr(pool.sys, "platform", "darwin")
    assert pool.worker_context(_values).get_start_method() == "forkserver"
    assert not pool._spawns()  # split's pool is worth starting there as on Linux
