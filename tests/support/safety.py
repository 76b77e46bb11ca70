"""Helpers of the safety tests (tests/test_safety_*.py): the sample returns, a folder of
them, the command line, a merge in a process of its own, what the ledger recorded."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.merge import merge_returns
from support.paths import HH_MASTER, ROOT

SAMPLES = ROOT / "workbooks" / "hoang-hoa-2023" / "returns-9T"
ONE = SAMPLES / "NV-phong-noi-vu.xlsx"
TWO = SAMPLES / "X13-xa-hoang-kim.xlsx"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def output_folder(ledger_db: Path, tmp_path: Path) -> Path:
    """A command line's output folder: the ledger of the small plan, its archive, and a
    report beside it (the backup and restore tests')."""
    made = tmp_path / "ket-qua"
    shutil.copytree(ledger_db.parent, made)
    (made / "bao-cao-6T.html").write_text("<p>báo cáo</p>", encoding="utf-8")
    return made


def cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def cut_short_after_recording(monkeypatch) -> None:
    """The next merge stopped once its files are recorded, before it writes or says
    anything (as a kill there: the ledger's merge left unfinished)."""
    import cchc_xl.consolidated.write as consolidated_write

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(consolidated_write, "write_consolidated", stopped)


def app_merge_cut_short(monkeypatch, data: Path, tmp_path: Path) -> None:
    """A command line's merge into the app's folder ``data`` of Hoằng Châu's file (an
    error in K5), killed once it recorded the file (cut_short_after_recording)."""
    import pytest

    from cchc_xl.web.workspace import Workspace
    from support.paths import HH_SAMPLES

    folder = tmp_path / "nhan-ve-tay"
    folder.mkdir()
    shutil.copy2(HH_SAMPLES / "X03-xa-hoang-chau.xlsx", folder)
    with monkeypatch.context() as patched:
        cut_short_after_recording(patched)
        with pytest.raises(KeyboardInterrupt):
            Workspace(data).merge("9T", [folder / "X03-xa-hoang-chau.xlsx"])


def returns_folder(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "nhan-ve"
    folder.mkdir(exist_ok=True)
    for f in files:
        shutil.copyfile(f, folder / f.name)
    return folder


def submissions(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        return {Path(p).name: o for p, o in con.execute("SELECT path, outcome FROM submissions")}


def merge_returns_quiet(tmp_path: Path, inputs: list[Path], **kw):
    from cchc_xl.master import load_master

    return merge_returns(load_master(HH_MASTER), inputs, "9T", tmp_path / "out" / "t.xlsx", **kw)


def merge_tmp(tmp_path: Path) -> Path:
    """The temporary folder a merge started by :func:`_merge_process` works in: one
    killed outright (SIGKILL) cannot remove its own, and a test run left one in the
    machine's temporary folder each time; inside ``tmp_path`` pytest removes it."""
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    return tmp


def _merge_process(tmp_path: Path, folder: Path, *extra: str) -> subprocess.Popen:
    import signal

    # Started as from a terminal, where Ctrl-C reaches it. A test run started in the
    # background (`make test &`, nohup) ignores SIGINT, its children inherit that, and
    # Python then leaves it ignored: every merge below ran to its end. A handler of this
    # process's own is reset to the default in the child, an ignored signal is not.
    was = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "cchc_xl", "merge", str(HH_MASTER), str(folder), "--period",
             "9T", "--out", str(tmp_path / "out" / "t.xlsx"), "--silent", *extra],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "TMPDIR": str(merge_tmp(tmp_path))})
    finally:
        signal.signal(signal.SIGINT, was)
