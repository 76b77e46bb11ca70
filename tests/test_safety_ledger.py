"""Nothing recorded is lost: one merge at a time, a damaged or empty ledger, a full disk,
folders that cannot be written, and merges interrupted (killed, Ctrl-C) and what they
leave behind."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.errors import OutputError
from cchc_xl.ledger.lock import ledger_lock, merge_running
from support.paths import HH_MASTER, ROOT
from support.safety import (
    ONE,
    SAMPLES,
    TWO,
    _merge_process,
    cli,
    merge_returns_quiet,
    merge_tmp,
    returns_folder,
    submissions,
)
from support.windows import refuse_removing_read_only


@pytest.mark.slow
def test_two_merges_at_once_take_turns(tmp_path):
    first = returns_folder(tmp_path, ONE)
    second = tmp_path / "dot-2"
    second.mkdir()
    shutil.copyfile(TWO, second / TWO.name)
    procs = [_merge_process(tmp_path, first), _merge_process(tmp_path, second)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert not any("Traceback" in err for _, err in outputs)
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {
        ONE.name: "accepted", TWO.name: "accepted"}


@pytest.mark.slow
def test_a_merge_waits_for_the_ledger_then_gives_up(tmp_path):
    folder = returns_folder(tmp_path, ONE)
    db = tmp_path / "out" / "cchc-ledger.sqlite"
    with ledger_lock(db):
        started = time.monotonic()
        proc = _merge_process(tmp_path, folder, "--wait", "1")
        _, err = proc.communicate(timeout=120)
        assert time.monotonic() - started >= 1
    assert proc.returncode == 3  # could not write now: run it again later
    assert "đang được một lần gộp khác ghi: đang chờ" in err
    assert err.strip().splitlines()[-1].startswith("Lỗi: ")
    assert "đã chờ 1 giây" in err and "Traceback" not in err
    assert not db.exists()


def _children(pid: int) -> set[int]:
    # The kernel's list of the process's children: a scan of every process (below) took
    # over half a second on a busy machine, long enough for a merge to end meanwhile.
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        pass
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl: Linux only")
def test_a_merge_killed_outright_leaves_no_worker_holding_the_ledger(tmp_path):
    """SIGKILL to the merge alone (the out-of-memory killer does that): its workers,
    which inherited the ledger's lock, waited for work for ever, and every later merge
    waited for them in vain."""
    folder = returns_folder(tmp_path, *sorted(SAMPLES.glob("*.xlsx"))[:12])
    proc = _merge_process(tmp_path, folder)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.01)
    assert workers, "the merge ended before its workers could be seen"
    proc.kill()
    proc.communicate(timeout=30)
    # What it could not remove is in the test's own folder, not the machine's /tmp.
    assert [p.name[:11] for p in merge_tmp(tmp_path).iterdir()] == ["cchc-merge-"]
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    again = _merge_process(tmp_path, folder, "--wait", "5")
    _, err = again.communicate(timeout=300)
    assert "đang được một lần gộp khác ghi" not in err
    assert again.returncode in (0, 1) and "Traceback" not in err


@pytest.mark.slow
def test_ctrl_c_stops_a_merge_with_its_own_exit_code(tmp_path):
    """130, as a shell reports Ctrl-C: a script can tell it from 1, errors in the data."""
    import signal

    folder = returns_folder(tmp_path, *sorted(SAMPLES.glob("*.xlsx"))[:12])
    # On a busy machine the merge can end before this process sees its workers, or
    # between seeing them and the signal: then the signal went to no one. Such a run
    # does not count, and the next is a new merge (its files are known then: the ledger
    # goes too). A merge that ignored Ctrl-C would end every run with 0 or 1 and fail.
    outcomes = []
    for _ in range(4):
        shutil.rmtree(tmp_path / "out", ignore_errors=True)
        proc = _merge_process(tmp_path, folder)
        deadline = time.monotonic() + 60
        while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        outcomes.append((proc.returncode, err))
        if proc.returncode == 130:
            break
    else:
        pytest.fail(f"no merge answered Ctrl-C with exit 130: {outcomes}")
    assert err.strip().splitlines()[-1] == "Đã dừng." and "Traceback" not in err


def test_ctrl_c_while_the_command_starts_is_no_traceback():
    """Ctrl-C in the first tenths of a second, while the command's modules are imported,
    printed Python's traceback of the import it stopped: now "Đã dừng." and 130 as
    later. (During Python's own start-up, before any of cchc-xl runs, Python answers
    it itself: that sample says nothing of the command.)"""
    import signal

    outcomes = []
    for delay in (0.03, 0.08, 0.15, 0.25):
        was = signal.signal(signal.SIGINT, signal.default_int_handler)  # as from a terminal
        try:
            proc = subprocess.Popen([sys.executable, "-m", "cchc_xl", "show", str(HH_MASTER)],
                                    cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
        finally:
            signal.signal(signal.SIGINT, was)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        outcomes.append((delay, proc.returncode, err))
        if err.startswith("Fatal Python error: init_import_site"):
            continue  # still in Python's own start-up, before any of cchc-xl: not ours
        frames = re.findall(r'File "([^"]+)"', err)
        if frames and all(f.startswith("<frozen ") for f in frames):
            continue  # runpy still finding the module to run (a quick machine): not ours
        assert "Traceback" not in err, (delay, err)
        assert proc.returncode in (130, 0, -signal.SIGINT), (delay, proc.returncode, err)
        if proc.returncode == 130:
            assert err.strip().splitlines()[-1] == "Đã dừng.", err
    assert any(code == 130 for _, code, _ in outcomes), outcomes


@pytest.mark.parametrize("ctrl_c", [True, False], ids=["ctrl-c", "error"])
def test_ctrl_c_a_library_turned_into_its_own_error_as_the_command_starts(monkeypatch,
                                                                         capsys, ctrl_c):
    """Ctrl-C as openpyxl read its built-in styles, while the command's modules were
    imported: its descriptors turned it into "TypeError: expected <class 'bool'>", and the
    command printed that traceback (a CI run of the test above). It is said as any
    Ctrl-C; an error the Ctrl-C did not cause is left as it is."""
    import types

    from cchc_xl.__main__ import run

    class Importing(types.ModuleType):
        def __getattr__(self, name):
            try:
                if ctrl_c:
                    raise KeyboardInterrupt
                raise ValueError("not a Ctrl-C")
            except (KeyboardInterrupt, ValueError):
                raise TypeError("expected <class 'bool'>")  # noqa: B904 (as openpyxl's)

    monkeypatch.setitem(sys.modules, "cchc_xl.cli", Importing("cchc_xl.cli"))
    if not ctrl_c:
        with pytest.raises(TypeError):
            run()
        return
    with pytest.raises(SystemExit) as stopped:
        run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "Đã dừng.\n"


def test_ctrl_c_while_a_class_is_made_is_no_traceback():
    """Ctrl-C while a module the command imports late makes a dataclass: Python raises
    it as "RuntimeError: Error calling __set_name__", caused by the KeyboardInterrupt,
    and the command printed its traceback (a CI run of the test above, 1 in many). It is
    said as any Ctrl-C: "Đã dừng.", exit 130."""
    from click.testing import CliRunner

    from cchc_xl.cli import main

    @main.command("thu-ngat")
    def interrupted() -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'Field'") from exc

    try:
        result = CliRunner().invoke(main, ["thu-ngat"])
    finally:
        main.commands.pop("thu-ngat")
    assert result.exit_code == 130, result.output
    assert result.output.strip().splitlines()[-1] == "Đã dừng."
    assert "Traceback" not in result.output


def test_a_folder_merged_again_with_nothing_new_is_no_new_error(tmp_path):
    """Exit 1 is for errors in the files a merge reads (README): the same folder merged
    again, every file recorded before and none read, exited 1 for the errors already
    recorded, and a script merging after each "withdraw" or "assess" failed for ever."""
    folder = returns_folder(tmp_path, *sorted(SAMPLES.glob("*.xlsx"))[:12])
    out = tmp_path / "out" / "t.xlsx"
    first = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out)
    assert first.exit_code == 1, first.output  # the samples' mistakes
    again = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out)
    assert again.exit_code == 0, again.output
    assert "12 tệp đã nhận ở lần gộp trước" in again.output


def test_a_ledger_damaged_inside_is_one_line(tmp_path):
    """A damaged page is found only when a table is read: a traceback, before."""
    folder = returns_folder(tmp_path, *sorted(SAMPLES.glob("*.xlsx"))[:12])
    out = tmp_path / "out" / "t.xlsx"
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 1
    db = out.parent / "cchc-ledger.sqlite"
    with open(db, "r+b") as fh:  # one damaged stretch, deep in the file
        fh.seek(db.stat().st_size * 6 // 10)
        fh.write(bytes(range(256)) * 4)
    for args in (("report", db, "--period", "9T", "--out", tmp_path / "r.xlsx"),
                 ("merge", HH_MASTER, folder, "--period", "9T", "--out", out)):
        result = cli(*args)
        assert result.exit_code == 1, result.output
        assert "sổ cái bị hỏng" in result.output, result.output
        assert "các tệp đã nhận vẫn còn nguyên trong thư mục cchc-archive" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_empty_ledger_is_refused_never_replaced(tmp_path):
    folder = returns_folder(tmp_path, ONE)
    db = tmp_path / "out" / "cchc-ledger.sqlite"
    db.parent.mkdir()
    db.touch()
    result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", tmp_path / "out" / "t.xlsx")
    assert result.exit_code == 1
    assert "sổ cái rỗng (0 byte)" in result.output
    assert db.stat().st_size == 0 and not (tmp_path / "out" / "t.xlsx").exists()


EMPTY_FIX = ("khôi phục sổ cái từ bản sao lưu rồi chạy lại; nếu muốn bắt đầu sổ cái mới, "
             "xóa tệp rỗng này rồi gộp lại các tệp đơn vị gửi về")


def test_an_empty_ledger_is_told_in_words_every_caller_can_follow(tmp_path):
    """The ledger's own refusal of an empty (0-byte) ledger said to name another with
    --db, which only merge has: the web app's pages said so too. Now the fix is told
    as report and remind tell it (restore from a backup; or remove the empty file and
    merge again), by merge (with --db or not) and the web app alike; still refused,
    nothing written."""
    from support.web import _client

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out"
    out.mkdir()
    db = out / "cchc-ledger.sqlite"
    db.touch()
    for extra in ((), ("--db", db)):
        result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx",
                     *extra)
        assert result.exit_code == 1, result.output
        assert "sổ cái rỗng (0 byte)" in result.output and EMPTY_FIX in result.output
        assert "--db" not in result.output
    assert db.stat().st_size == 0 and not (out / "t.xlsx").exists()
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")
    (data / "cchc-ledger.sqlite").touch()
    client = _client(data)
    for page in ("/thu-nhan?ky=9T", "/phan-hoi?ky=9T", "/bao-cao?ky=9T"):
        shown = client.get(page)
        assert shown.status_code == 400, page
        text = re.sub(r"\s+", " ", shown.text)
        assert "sổ cái rỗng (0 byte)" in text and EMPTY_FIX in text, page
        assert "--db" not in text, page
    assert (data / "cchc-ledger.sqlite").stat().st_size == 0



def test_a_reader_never_finds_the_first_ledger_half_made(tmp_path, monkeypatch):
    """While the first merge makes the ledger, a page of the web app (or report, the
    board) reading it is told there is no ledger yet, not that it is empty (0 bytes, as
    a truncated ledger is refused): the reader runs while the schema is being written."""
    import cchc_xl.ledger as ledger_module
    import cchc_xl.ledger.schema as schema
    from cchc_xl.errors import UsageError
    from cchc_xl.snapshot import load_snapshot

    db = tmp_path / "out" / "cchc-ledger.sqlite"
    said = []
    real = schema.prepare

    def paused(con):
        if not said:  # the new ledger's schema, not yet written
            try:
                load_snapshot(db, "9T")
                said.append("read")
            except UsageError as exc:
                said.append(str(exc))
        return real(con)

    monkeypatch.setattr(schema, "prepare", paused)
    monkeypatch.setattr(ledger_module, "prepare", paused)
    merge_returns_quiet(tmp_path, [returns_folder(tmp_path, ONE)])
    assert len(said) == 1 and said[0].startswith("không tìm thấy sổ cái"), said
    assert list(submissions(db).values()) == ["accepted"]
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.slow
def test_full_disk_is_one_line_and_nothing_half_written(tmp_path):
    """Writes fail past 150 KB (RLIMIT_FSIZE: what a full disk does to a write)."""
    import resource

    folder = returns_folder(tmp_path, ONE, TWO)
    out = tmp_path / "out"

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))

    proc = subprocess.run(
        [sys.executable, "-m", "cchc_xl", "merge", str(HH_MASTER), str(folder), "--period",
         "9T", "--out", str(out / "t.xlsx"), "--silent"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=small_disk)
    assert proc.returncode == 3, proc.stderr  # a disk full: not the data
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and "ổ đĩa đầy" in lines[0]
    assert not list(out.rglob(".tmp-*")) and not (out / "t.xlsx").exists()
    with sqlite3.connect(out / "cchc-ledger.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # With room again, the same merge completes and records each file once.
    again = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx")
    assert again.exit_code == 0, again.output
    assert submissions(out / "cchc-ledger.sqlite") == {ONE.name: "accepted",
                                                       TWO.name: "accepted"}


def test_a_zip_a_failed_writer_left_open_prints_nothing_later(tmp_path):
    """The report's workbook (xlsxwriter) left its zip file open when the disk filled:
    collected later, it failed to write its end on the same disk and printed "Exception
    ignored in: ZipFile.__del__" with a traceback after the command's one line (a QA
    pass, on a 64 KB disk). atomic_write closes what the failed writer left open."""
    import errno
    import gc
    import io
    import zipfile

    from cchc_xl.errors import OutputError
    from cchc_xl.xlio import atomic_write

    class Disk(io.BytesIO):
        full = False

        def write(self, data):
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)

    def write(tmp):  # as xlsxwriter's packager fails
        disk = Disk()
        book = zipfile.ZipFile(disk, "w")
        book.writestr("xl/workbook.xml", "<workbook/>")
        disk.full = True
        raise OSError(errno.ENOSPC, "No space left on device")

    ignored = []
    was = sys.unraisablehook
    sys.unraisablehook = ignored.append
    try:
        with pytest.raises(OutputError, match="ổ đĩa đầy"):
            atomic_write(tmp_path / "r.xlsx", write)
        gc.collect()
    finally:
        sys.unraisablehook = was
    assert ignored == []
    assert not list(tmp_path.iterdir())


def test_an_edited_workbook_on_a_full_disk_is_one_line(tmp_path):
    """Feedback files are saved with openpyxl: its zip file, left open by the failed
    write, printed a second traceback ("Exception ignored") when it was collected."""
    script = (
        "import gc, resource, sys\n"
        "from openpyxl import load_workbook\n"
        "from cchc_xl.errors import OutputError\n"
        "from cchc_xl.xlio import save_workbook\n"
        f"wb = load_workbook({str(TWO)!r})\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))\n"
        "try:\n"
        f"    save_workbook(wb, {str(tmp_path / 'fb.xlsx')!r})\n"
        "except OutputError as exc:\n"
        "    print(exc.render())\n"
        "del wb\n"
        "gc.collect()\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert "ổ đĩa đầy" in proc.stdout, proc.stdout + proc.stderr
    assert proc.stderr == "" and not list(tmp_path.glob("*.xlsx"))


def test_a_consolidated_workbook_open_in_an_office_suite_is_mentioned(tmp_path):
    """Written over all the same (the ledger has everything; Linux does not lock it), but
    the office is told to reopen it rather than save the old figures over the new."""
    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out" / "tong-hop.xlsx"
    args = ("merge", HH_MASTER, folder, "--period", "9T", "--out", out)
    assert "đang mở trong Excel hoặc LibreOffice" not in cli(*args).output
    (out.parent / ".~lock.tong-hop.xlsx#").write_text(",Chuyên viên,may-1,01.12.2026 09:00,")
    assert "đang mở trong Excel hoặc LibreOffice" not in cli(*args).output  # not rewritten
    shutil.copyfile(TWO, folder / TWO.name)
    told = cli(*args)
    assert told.exit_code == 0, told.output
    assert ("Tệp tổng hợp đang mở trong Excel hoặc LibreOffice: đóng tệp (không lưu) rồi mở "
            "lại để thấy số liệu mới") in told.output


def test_temporary_files_a_killed_command_left_are_removed(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(gone.stdout)
    out = tmp_path / "out"
    out.mkdir()
    old, young = out / f".tmp-{dead}-7.xlsx", out / f".tmp-{dead}-8.xlsx"
    running = out / f".tmp-{os.getppid()}-9.xlsx"  # its process still writing it
    for left in (old, young, running):
        left.write_bytes(b"half a workbook")
    two_days_ago = time.time() - 2 * 24 * 3600
    for left in (old, running):
        os.utime(left, (two_days_ago, two_days_ago))
    folder = returns_folder(tmp_path, ONE)
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx"
               ).exit_code == 0
    assert not old.exists()
    assert young.exists()  # maybe another computer's, writing into a shared folder
    assert running.exists() or os.name == "nt"


def test_copies_a_merge_killed_outright_left_in_the_archive_are_removed(tmp_path):
    """A merge killed with SIGKILL left its workers' copies in the archive under their
    temporary names (".tmp-26111-876.xlsx"), young, so never swept (a probe): the
    archive is written only under the ledger's lock, so the next merge removes those
    whose process is gone, however young; a running process's stays."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(gone.stdout)
    out = tmp_path / "out"
    folder = returns_folder(tmp_path, ONE)
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx"
               ).exit_code == 0
    (kept,) = [p for p in (out / "cchc-archive").rglob("*.xlsx")]
    left = kept.parent / f".tmp-{dead}-876.xlsx"
    left.write_bytes(b"half a workbook")
    running = kept.parent / f".tmp-{os.getppid()}-9.xlsx"
    running.write_bytes(b"half a workbook")
    again = subprocess.run([sys.executable, "-m", "cchc_xl", "merge", str(HH_MASTER),
                            str(folder), "--period", "9T", "--out", str(out / "t.xlsx"),
                            "--silent"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert not left.exists() and kept.exists()
    assert running.exists() or os.name == "nt"


def test_what_a_merge_killed_outright_was_writing_is_removed_by_the_next(tmp_path):
    """A merge killed (SIGKILL) while it wrote the consolidated workbook or a feedback
    workbook left a half-written ".tmp-26111-5.xlsx" beside it (visible on Windows),
    swept only a day later (another computer's, maybe), and its temporary folders in the
    machine's (copies of units' files, openpyxl's sheets). The ledger's lock file says
    which process holds it; one found still saying so names a merge killed: the next
    merge removes what that process left, at once. Another process's stays."""
    import socket
    import tempfile

    gone = [int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                               capture_output=True, text=True, check=True).stdout)
            for _ in range(2)]
    killed, other = gone
    folder = returns_folder(tmp_path, ONE)
    out, letters = tmp_path / "out", tmp_path / "phan-hoi"
    args = ("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx",
            "--feedback", letters)
    assert cli(*args).exit_code == 0
    lock = out / "cchc-ledger.sqlite.lock"
    assert not lock.exists()  # a merge that ends removes it
    lock.write_text(f"{killed} {socket.gethostname()}\n")  # as a killed merge leaves it
    letters.mkdir(exist_ok=True)
    half = [out / f".tmp-{killed}-5.xlsx", letters / f".tmp-{killed}-2.xlsx"]
    scratch = Path(tempfile.gettempdir()) / f"cchc-merge-{killed}-x1y2z3"
    (scratch / f"cchc-read-{killed}-a").mkdir(parents=True)
    (scratch / "openpyxl.k3j4").write_text("<worksheet/>")
    others = [out / f".tmp-{other}-3.xlsx", letters / f".tmp-{other}-4.xlsx"]
    for left in half + others:
        left.write_bytes(b"half a workbook")
    shutil.copyfile(TWO, folder / TWO.name)
    assert cli(*args).exit_code == 0
    assert [p for p in half if p.exists()] == [] and not scratch.exists()
    assert all(p.exists() for p in others)  # whose, not known: a day old, swept
    assert not lock.exists()


def test_the_scratch_of_a_merge_killed_before_it_took_the_lock_is_removed(tmp_path):
    """A merge killed before it took the ledger's lock (its process number in no lock
    file) left its temporary folder in the machine's, copies of units' files in it, until
    the machine cleaned it (the kill test found one). The next merge removes the folders
    of cchc-xl's whose process is gone; a running process's folder stays."""
    import tempfile

    (dead,) = [int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                                  capture_output=True, text=True, check=True).stdout)]
    machine = Path(tempfile.gettempdir())
    left = machine / f"cchc-merge-{dead}-q8w9e0"
    (left / "copy").mkdir(parents=True)
    (left / "copy" / "X01.xlsx").write_bytes(b"a unit's file")
    running = machine / f"cchc-merge-{os.getppid()}-r1t2y3"  # pytest's parent runs
    running.mkdir()
    try:
        folder = returns_folder(tmp_path, ONE)
        assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out",
                   tmp_path / "out" / "t.xlsx").exit_code == 0
        assert not left.exists()
        assert running.is_dir()
    finally:
        shutil.rmtree(left, ignore_errors=True)
        shutil.rmtree(running, ignore_errors=True)


def test_read_only_files_a_killed_merge_left_are_removed(tmp_path, monkeypatch):
    """What a merge killed outright left marked Read-only (a file written with the
    permissions of a unit's file or a zip it sent, which the office marked so): on
    Windows, which removes no such file, the sweeps left it, and its folder, for ever."""
    import socket
    import tempfile

    killed = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                                capture_output=True, text=True, check=True).stdout)
    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out"
    args = ("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx")
    assert cli(*args).exit_code == 0
    (out / "cchc-ledger.sqlite.lock").write_text(f"{killed} {socket.gethostname()}\n")
    half = out / f".tmp-{killed}-5.xlsx"
    scratch = Path(tempfile.gettempdir()) / f"cchc-merge-{killed}-r0o1"
    (scratch / f"cchc-read-{killed}-a").mkdir(parents=True)
    for left in (half, scratch / f"cchc-read-{killed}-a" / "tep.xlsx"):
        left.write_bytes(b"half a workbook")
        left.chmod(0o444)
    refuse_removing_read_only(monkeypatch)
    shutil.copyfile(TWO, folder / TWO.name)
    assert cli(*args).exit_code == 0
    assert not half.exists() and not scratch.exists()


def test_a_read_copy_is_named_for_the_merge_whatever_started_its_worker():
    """A returned file is read from a copy in a temporary folder named for its merge, so
    that the next merge removes it if that one was killed. Named for the worker's parent,
    it was named for the fork server under the web app (and on macOS): the web app killed
    mid-merge left a copy of a unit's file in the machine's temporary folder for good."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from cchc_xl.judged import merging_process

    assert merging_process() == os.getpid()  # read in place
    methods = [m for m in ("fork", "forkserver", "spawn")
               if m in multiprocessing.get_all_start_methods()]
    for method in methods:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(method)) as pool:
            assert pool.submit(merging_process).result() == os.getpid(), method


def test_report_after_a_first_merge_stopped_before_any_file_says_so(tmp_path):
    folder = returns_folder(tmp_path, ONE, TWO)

    def stop_at_once(done: int, total: int, name: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        merge_returns_quiet(tmp_path, [folder], progress=stop_at_once)
    db = tmp_path / "out" / "cchc-ledger.sqlite"
    told = cli("report", db, "--period", "9T", "--out", tmp_path / "bao-cao.xlsx")
    assert told.exit_code == 2
    assert re.search(r"sổ cái chưa có tệp nào được gộp cho kỳ 9T \(9 tháng năm 2023\) "
                     r"\(lần gộp bắt đầu lúc \d\d/\d\d/\d{4} \d\d:\d\d bị ngắt giữa chừng, "
                     r"chưa ghi được tệp nào\)",
                     told.output)
    assert "chạy lại 'cchc-xl merge ... --period 9T'" in told.output


@pytest.mark.slow
def test_a_ledger_folder_that_cannot_be_written_is_said_in_vietnamese(tmp_path, monkeypatch):
    """A merge into a read-only folder said "(Read-only file system)", the system's
    English (a probe): the usual reasons are said in Vietnamese."""
    import errno

    import cchc_xl.ledger.lock as lock_module

    def read_only(path, mode="r", *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(lock_module, "open", read_only, raising=False)
    folder = returns_folder(tmp_path, ONE)
    done = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", tmp_path / "out" / "t.xlsx")
    # Neither a problem in the data (1) nor a wrong call (2): the folder cannot be written.
    assert done.exit_code == 3
    assert "không tạo được tệp khóa của sổ cái (ổ đĩa hoặc thư mục chỉ cho đọc)" in done.output
    assert "Read-only" not in done.output and "Traceback" not in done.output


def test_report_warns_when_the_last_merge_was_interrupted(tmp_path):
    folder = returns_folder(tmp_path, ONE, TWO)

    def stop_at_second(done: int, total: int, name: str) -> None:
        if done == 2:
            raise KeyboardInterrupt

    merge_returns_quiet(tmp_path, [folder / ONE.name])
    with pytest.raises(KeyboardInterrupt):
        merge_returns_quiet(tmp_path, [folder], progress=stop_at_second)
    db = tmp_path / "out" / "cchc-ledger.sqlite"
    report = ("report", db, "--period", "9T", "--out", tmp_path / "bao-cao.xlsx")
    warned = CliRunner().invoke(main, [str(a) for a in report])
    assert warned.exit_code == 0
    assert "Cảnh báo: lần gộp kỳ 9T (9 tháng năm 2023) bắt đầu lúc" in warned.output
    assert "bị ngắt giữa chừng" in warned.output
    # A merge under way (it holds the ledger): said so, not "cut short, merge again".
    with ledger_lock(db):
        running = CliRunner().invoke(main, [str(a) for a in report])
    assert running.exit_code == 0
    assert "Cảnh báo: kỳ 9T (9 tháng năm 2023) đang được gộp (bắt đầu lúc" in running.output
    assert "bị ngắt" not in running.output
    merge_returns_quiet(tmp_path, [folder])
    clean = CliRunner().invoke(main, [str(a) for a in report])
    assert clean.exit_code == 0 and "Cảnh báo" not in clean.output


class _Msvcrt:
    """Windows' msvcrt.locking as the ledger's lock uses it (a byte locked, from where
    the file is read, or unlocked), made of this system's whole-file lock."""

    LK_UNLCK, LK_NBLCK = 0, 2

    @staticmethod
    def locking(fd: int, mode: int, nbytes: int) -> None:
        import fcntl

        assert nbytes == 1 and os.lseek(fd, 0, os.SEEK_CUR) == 0, "byte 0, as it is locked"
        try:
            fcntl.flock(fd, fcntl.LOCK_UN if mode == _Msvcrt.LK_UNLCK
                        else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise PermissionError(13, "Permission denied") from exc


def test_on_windows_a_merge_under_way_holds_the_ledger_and_is_said_running(tmp_path,
                                                                          monkeypatch):
    """The Windows branch of the lock (no fcntl: msvcrt): a second merge of the ledger
    waits, then gives up, and a report made meanwhile says the period is being merged,
    not that its merge was cut short (merge_running said False on Windows)."""
    import cchc_xl.ledger.lock as lock_module

    monkeypatch.setattr(lock_module, "fcntl", None)
    monkeypatch.setattr(lock_module, "msvcrt", _Msvcrt, raising=False)
    folder = returns_folder(tmp_path, ONE, TWO)

    def stop_at_second(done: int, total: int, name: str) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        merge_returns_quiet(tmp_path, [folder], progress=stop_at_second)
    db = tmp_path / "out" / "cchc-ledger.sqlite"
    report = ("report", db, "--period", "9T", "--out", tmp_path / "bao-cao.xlsx")
    with ledger_lock(db):
        assert merge_running(db)
        with pytest.raises(OutputError, match="đang được một lần gộp khác ghi"):
            with ledger_lock(db, wait_seconds=0):
                pass
        running = CliRunner().invoke(main, [str(a) for a in report])
    assert "đang được gộp (bắt đầu lúc" in running.output  # nothing recorded yet: no report
    assert "bị ngắt" not in running.output
    assert not merge_running(db)
    cut = CliRunner().invoke(main, [str(a) for a in report])
    assert "bị ngắt giữa chừng" in cut.output
    assert merge_returns_quiet(tmp_path, [folder]).exit_code == 0  # the lock taken again


_HOLDER_STAYS = """
import os, pathlib, sys, tempfile
from cchc_xl.ledger import lock

def unlink(self, missing_ok=False):  # Windows: a file held open is not removed
    raise PermissionError(13, "used by another process", str(self))

pathlib.Path.unlink = unlink
with lock.ledger_lock(pathlib.Path(sys.argv[1])):
    pass
# Its merge done, the process runs on (the web app) and writes another file there.
pathlib.Path(sys.argv[1]).with_name(f".tmp-{os.getpid()}-3.xlsx").write_bytes(b"half")
(pathlib.Path(tempfile.gettempdir()) / f"cchc-feedback-{os.getpid()}-w1").mkdir()
print(os.getpid(), flush=True)
sys.stdin.read()
"""


class _WindowsOs:
    """The os module as the ledger's lock sees it on Windows."""

    name = "nt"

    def __getattr__(self, attr: str):
        return getattr(os, attr)


def test_on_windows_a_merge_that_ended_is_not_taken_for_one_killed(tmp_path, monkeypatch):
    """Windows cannot remove the lock file its merge holds open: it stayed after every
    merge naming the process, so the next merge took each merge that ended for one
    killed outright and removed what that process was writing beside the ledger and its
    temporary folders, though it ran on (the web app, or a process given its number)."""
    import tempfile

    import cchc_xl.ledger.lock as lock_module

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out"
    args = ("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx")
    assert cli(*args).exit_code == 0
    db = out / "cchc-ledger.sqlite"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER_STAYS, str(db)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        pid = int(holder.stdout.readline())
        writing = out / f".tmp-{pid}-3.xlsx"
        scratch = Path(tempfile.gettempdir()) / f"cchc-feedback-{pid}-w1"
        assert writing.exists() and scratch.exists()
        monkeypatch.setattr(lock_module, "os", _WindowsOs())
        monkeypatch.setattr(lock_module, "fcntl", None)
        monkeypatch.setattr(lock_module, "msvcrt", _Msvcrt, raising=False)
        shutil.copyfile(TWO, folder / TWO.name)
        assert cli(*args).exit_code == 0
        assert writing.exists() and scratch.exists()
    finally:
        holder.communicate(timeout=30)
        shutil.rmtree(Path(tempfile.gettempdir()) / f"cchc-feedback-{holder.pid}-w1",
                      ignore_errors=True)
    assert submissions(db) == {ONE.name: "accepted", TWO.name: "accepted"}


def test_a_ledger_on_a_windows_share_is_read(tmp_path, monkeypatch):
    """A ledger on a Windows share (\\\\server\\share\\…) opened to be read (report, the
    web app's pages, a backup) was refused, "không mở được sổ cái (invalid uri authority:
    server)": its URI was pathlib's, "file://server/share/…", whose server SQLite takes
    for the URI's authority. Simulated with the first two folders of the test's own
    folder as server and share, the URI Windows' pathlib gives for them."""
    import pathlib

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out"
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out / "t.xlsx"
               ).exit_code == 0

    def as_windows_share(self) -> str:
        return pathlib.PureWindowsPath("\\\\" + str(self).lstrip("/").replace("/", "\\")
                                       ).as_uri()

    monkeypatch.setattr(pathlib.PosixPath, "as_uri", as_windows_share)
    assert pathlib.Path("/srv/cchc/x.sqlite").as_uri() == "file://srv/cchc/x.sqlite"
    done = cli("report", out / "cchc-ledger.sqlite", "--period", "9T", "--out",
               tmp_path / "bao-cao.xlsx")
    assert done.exit_code == 0, done.output
    assert "không mở được sổ cái" not in done.output
    assert (tmp_path / "bao-cao.xlsx").is_file()
