"""A merge killed outright (SIGKILL: the out-of-memory killer, the machine switched off)
at any moment, then run again on the same files, ends as one clean run ends: the same
submissions, rows and findings in the ledger, the same consolidated workbook and
feedback, the archive holding exactly the files the ledger names, the returns untouched,
no temporary file left (issue #11, "intake that cannot lose data").

Two merges of one period, as an office makes them: the returns received on time, then
the late ones dropped into the same folder (a unit's second file, one refused, files
with errors that get feedback). Each kill moment is a fraction of the time the clean
run held the ledger, measured here, or the moment a step is first seen from outside
(the steps that take a few hundredths of a second: a fraction of the whole run misses
them on a fast machine), so that the kills land in every step of a merge on any
machine: starting, reading the files, recording them, writing the consolidated
workbook, the feedback, the record of what it wrote. Which step each kill hit is read
from what it left, and printed (``-s``). Two merges were found leaving things behind:
a feedback workbook written and not yet recorded stayed unknown for good
(tests/test_merge_feedback.py), and the half-written workbooks and temporary folders
of the killed process stayed for a day, or for good (tests/test_safety_ledger.py).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from support.cli_process import CliProcesses
from support.paths import HH_MASTER, HH_SAMPLES

# Received on time (the period is due on 20/09/2023): Phòng Nội vụ, Hoằng Đạt's first
# file, Hoằng Châu's (an error: feedback).
ON_TIME = ["NV-phong-noi-vu.xlsx", "X05-xa-hoang-dat (gui lan 1).xlsx",
           "X03-xa-hoang-chau.xlsx"]
# Received late: Hoằng Đạt's newer file (the first superseded), two with errors, one
# clean, and a text file named as Hoằng Hà's workbook (refused).
LATE = ["X05-xa-hoang-dat.xlsx", "X02-xa-hoang-cat.xlsx", "X09-xa-hoang-giang.xlsx",
        "BPMC-bo-phan-tiep-nhan-va-tra-ket-qua-huyen.xlsx"]
REFUSED = "X10-bao-cao.xlsx"
DAYS = {1: "19/09/2023", 2: "30/09/2023"}

# (merge killed, moment, killed again on the way to the end): the moment a fraction of
# the time the clean run held the ledger (0: when it took it, 1: when it let it go;
# below 0, still starting), or the step (what _phase says, its beginning) the merge is
# killed in as soon as it is seen.
READING, RECORDED, WRITING = ("reading the files", "files recorded",
                              "writing the consolidated workbook")
MOMENTS = [(1, -0.5, False), (1, READING, False), (1, WRITING, False), (1, 0.7, True),
           (2, READING, False), (2, RECORDED, False), (2, WRITING, True), (2, 0.45, False),
           (2, 0.6, False), (2, 0.75, False), (2, 0.9, True), (2, 1.0, False)]

ALARMING = ("Traceback", "Error", "error", "Exception", "hỏng", "database", "disk I/O",
            "journal")
INTERRUPTED = "bị ngắt giữa chừng"


class Folder:
    """The office's folder: returns, consolidated workbook, ledger and archive, feedback,
    and the merge's own temporary folder (TMPDIR), always at the same place, so that
    every path recorded or written is the same in every run."""

    def __init__(self, root: Path):
        self.root = root
        self.returns = root / "nhan-ve"
        self.out = root / "ket-qua" / "tong-hop-9T.xlsx"
        self.db = self.out.parent / "cchc-ledger.sqlite"
        self.feedback = root / "phan-hoi"
        self.tmp = root / "tmp"

    def fresh(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.returns.mkdir(parents=True)
        self.tmp.mkdir()
        for name in ON_TIME:
            shutil.copy2(HH_SAMPLES / name, self.returns / name)

    def add_late(self) -> None:
        for name in LATE:
            shutil.copy2(HH_SAMPLES / name, self.returns / name)
        refused = self.returns / REFUSED
        refused.write_bytes("Báo cáo 9 tháng, gửi kèm sau\n".encode())
        os.utime(refused, (1695974400, 1695974400))  # 29/09/2023, the same every run

    def args(self, merge: int) -> list[str]:
        return ["merge", str(HH_MASTER), str(self.returns), "--period", "9T", "--out",
                str(self.out), "--feedback", str(self.feedback), "--received", DAYS[merge],
                "--silent"]


class Merges:
    """``cchc-xl merge`` run in processes forked from one that imported the command once
    (support/cli_process.py, each told by its process number as it starts, so that it
    can be killed): a merge is then its work alone, about a second, not two of which one
    is Python's start and the imports, where a kill finds nothing written. Each runs in
    a process group of its own, its workers with it."""

    def __init__(self, folder: Folder):
        self.folder = folder
        self.processes = CliProcesses(env={"TMPDIR": str(folder.tmp)})
        self.said = folder.root.parent / "said.txt"

    def start(self, merge: int) -> int:
        return self.processes.start(self.folder.args(merge), self.said)

    def ended(self) -> tuple[int, str]:
        code = self.processes.ended(120)
        assert code is not None, "a merge ran over two minutes"
        return code, self.said.read_text(encoding="utf-8") if self.said.exists() else ""

    def run(self, merge: int) -> tuple[int, str]:
        self.start(merge)
        return self.ended()

    def timed(self, merge: int) -> tuple[int, str, tuple[float, float]]:
        """:meth:`run`, and when (seconds after its start) the merge took the ledger's
        lock and let it go: the span the kill moments are spread over."""
        lock = self.folder.db.with_name(self.folder.db.name + ".lock")
        started = time.monotonic()
        self.start(merge)
        held = []
        while (code := self.processes.ended(0.003)) is None:
            if lock.exists():
                held.append(time.monotonic() - started)
        assert held, "the merge never took the ledger's lock"
        return code, self.said.read_text(encoding="utf-8"), (held[0], held[-1])

    def kill_after(self, merge: int, delay: float) -> None:
        started = time.monotonic()
        pid = self.start(merge)
        time.sleep(max(0.0, delay - (time.monotonic() - started)))
        self._kill(pid)

    def kill_in(self, merge: int, step: str, since: float) -> None:
        """Run merge ``merge`` (started at ``since``, time.time()) and kill it as soon as
        it is seen in ``step``; if it ends first, it is not killed."""
        pid = self.start(merge)
        while self.processes.ended(0.002) is None:
            if _phase(self.folder, merge, since).startswith(step):
                self._kill(pid)
                return

    def _kill(self, pid: int) -> None:
        try:
            os.killpg(pid, signal.SIGKILL)  # the merge and its workers at once
        except ProcessLookupError:
            pass  # ended already
        self.ended()

    def close(self) -> None:
        self.processes.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _phase(folder: Folder, merge: int, since: float) -> str:
    """What step the killed merge ``merge``, started at ``since`` (time.time()), was in,
    by what it left."""
    if not folder.db.is_file() or folder.db.stat().st_size == 0:
        return "starting (no ledger yet)"
    with sqlite3.connect(f"file:{folder.db}?mode=ro", uri=True) as con:
        try:
            merges = con.execute("SELECT finished_at FROM merges ORDER BY id").fetchall()
            subs = con.execute("SELECT count(*) FROM submissions").fetchone()[0]
            books = con.execute("SELECT count(*) FROM consolidated").fetchone()[0]
        except sqlite3.Error:
            return "starting (the ledger's tables being made)"
    if len(merges) < merge:
        return "starting (the merge not begun in the ledger)"
    if merges[-1][0]:
        return "done (the merge recorded as finished)"
    if subs < (len(ON_TIME) if merge == 1 else len(ON_TIME) + len(LATE) + 1):
        return "reading the files (none recorded yet)"
    if list(folder.out.parent.glob(".tmp-*")):
        return "writing the consolidated workbook"
    if not folder.out.is_file() or folder.out.stat().st_mtime < since:
        return "files recorded, consolidated workbook not written yet"
    letters = [p for p in folder.feedback.glob("*") if p.stat().st_mtime >= since]
    if books < merge:
        return f"consolidated workbook written, {len(letters)} feedback workbooks"
    return "recording what it wrote"


def _ledger(db: Path) -> dict:
    """What the ledger holds, without ids and times."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        by_id = {i: (sha, key) for i, sha, key in con.execute(
            "SELECT id, sha256, name_key FROM submissions")}
        subs = sorted(con.execute(
            "SELECT sha256, name_key, plan_key, period, unit, path, kind, saved_at, "
            "modified_at, outcome, reason, errors, warnings, notes, identity, received "
            "FROM submissions"))
        rows = sorted((by_id[r[0]], *r[1:]) for r in con.execute("SELECT * FROM rows"))
        problems = sorted(
            (by_id.get(r[0]), *r[1:]) for r in con.execute(
                "SELECT submission_id, severity, code, message, file, sheet, cell, unit, "
                "task, on_row, places FROM problems"))
        files = sorted(con.execute("SELECT sha256, size, name, archived FROM files"))
        outputs = {Path(p).name for (p,) in con.execute("SELECT path FROM outputs")}
    return {"submissions": subs, "rows": rows, "problems": problems, "files": files,
            "outputs": outputs}


_TIME = re.compile(r"\d\d?:\d\d(:\d\d)?|\d\dh\d\d")


def _cells(book: Path) -> dict:
    from openpyxl import load_workbook

    wb = load_workbook(book, read_only=True)
    try:
        return {ws.title: [tuple(None if isinstance(v, datetime) and (v.hour or v.minute)
                                 else _TIME.sub("…", v) if isinstance(v, str) else v
                                 for v in row)
                           for row in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets}
    finally:
        wb.close()


def _state(folder: Folder) -> dict:
    archive = folder.db.parent / "cchc-archive"
    return {
        "ledger": _ledger(folder.db),
        "workbook": _cells(folder.out),
        "feedback": {p.name: _cells(p) for p in sorted(folder.feedback.iterdir())},
        "beside": sorted(p.name for p in folder.out.parent.iterdir()),
        "archive": sorted(str(p.relative_to(folder.db.parent))
                          for p in archive.rglob("*") if p.is_file()),
    }


def _check_own(folder: Folder, inputs: dict[str, str]) -> None:
    """What holds in any run, killed or clean: the archive holds exactly the files the
    ledger names, byte for byte the returns; no return changed; every output is known
    by its content; nothing temporary left anywhere."""
    with sqlite3.connect(f"file:{folder.db}?mode=ro", uri=True) as con:
        named = dict(con.execute("SELECT archived, sha256 FROM files"))
        outputs = {sha for (sha,) in con.execute("SELECT sha256 FROM outputs")}
    archive = folder.db.parent / "cchc-archive"
    held = {str(p.relative_to(folder.db.parent)) for p in archive.rglob("*") if p.is_file()}
    assert held == set(named), ("orphans", held - set(named), "missing", set(named) - held)
    for kept, sha in named.items():
        assert _sha(folder.db.parent / kept) == sha and sha in inputs.values(), kept
    assert {p.name: _sha(p) for p in folder.returns.iterdir()} == inputs
    for written in [folder.out, *folder.feedback.iterdir()]:
        assert _sha(written) in outputs, f"{written.name}: not known as cchc-xl's"
    left = [p for p in folder.root.rglob("*")
            if p.name.startswith(".tmp-") or p.name.endswith(("-journal", "-wal"))
            or p.parent == folder.tmp]
    assert [str(p.relative_to(folder.root)) for p in left] == []


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups, /proc")
def test_a_merge_killed_at_any_moment_then_run_again_ends_as_a_clean_run(tmp_path):
    folder = Folder(tmp_path / "van-phong")
    merges = Merges(folder)
    try:
        _merged_killed_anywhere(tmp_path, folder, merges)
    finally:
        merges.close()


def _merged_killed_anywhere(tmp_path: Path, folder: Folder, merges: Merges) -> None:
    # The clean run: each merge timed, the state between them kept to start from.
    merges.run(1)  # once before it is timed: the first run reads what later ones find cached
    folder.fresh()
    code1, said1, held = merges.timed(1)
    window = {1: held}
    assert code1 == 1 and "Traceback" not in said1, said1  # Hoằng Châu's error
    between = tmp_path / "sau-lan-1"
    shutil.copytree(folder.root, between, symlinks=True)
    folder.add_late()
    inputs = {p.name: _sha(p) for p in folder.returns.iterdir()}
    code2, said2, window[2] = merges.timed(2)
    assert code2 == 1 and "Traceback" not in said2, said2
    _check_own(folder, inputs)
    reference = _state(folder)
    outcomes = sorted(s[9] for s in reference["ledger"]["submissions"])
    assert outcomes == ["accepted"] * 6 + ["rejected", "superseded"], outcomes

    hit, wrong = [], []
    for merge, when, twice in MOMENTS:
        if merge == 1:
            folder.fresh()
        else:
            shutil.rmtree(folder.root)
            shutil.copytree(between, folder.root, symlinks=True)
            folder.add_late()
        phases = []
        for _ in range(2 if twice else 1):  # the next run killed too, as far in
            since = time.time()
            if isinstance(when, str):
                merges.kill_in(merge, when, since)
            else:
                took, let_go = window[merge]
                delay = took + when * (let_go - took) if when >= 0 else took * -when
                merges.kill_after(merge, delay)
            phases.append(_phase(folder, merge, since))
        code, said = merges.run(merge)
        moment = (merge, when if isinstance(when, str) else round(delay, 2), phases)
        hit.append(moment)
        try:
            _check_run_again(code, said)
            if merge == 1:
                folder.add_late()
                code, said = merges.run(2)
                assert code == 1 and "Traceback" not in said, said
            _check_own(folder, inputs)
            now = _state(folder)
            for part in ("workbook", "feedback", "beside", "archive"):
                assert now[part] == reference[part], part
            for part in ("submissions", "rows", "problems", "files"):
                assert now["ledger"][part] == reference["ledger"][part], part
            assert now["ledger"]["outputs"] == reference["ledger"]["outputs"]
        except AssertionError as exc:
            wrong.append((moment, str(exc)[:1500]))
    print("\nkill moments (merge, seconds, step hit):", *hit, sep="\n  ")
    assert not wrong, "\n".join(map(str, wrong))
    steps = {step.split(" (")[0].split(",")[0] for _, _, phases in hit for step in phases}
    # the moments spread over the merge, not all at one end
    assert {"starting", READING, "consolidated workbook written"} <= steps, hit
    assert len(steps) >= 5, hit


def _check_run_again(code: int, said: str) -> None:
    """The run after a kill: nothing alarming said, in the exit code or the words; that
    the last merge was cut short, if said, said in Vietnamese."""
    assert code in (0, 1), (code, said)  # 0: the files with errors were recorded before
    for word in ALARMING:
        assert word not in said, (word, said)
    if "ngắt" in said or "interrupt" in said.lower():
        assert INTERRUPTED in said and "interrupt" not in said.lower(), said
