"""Nothing a command is given is ever overwritten or leaked, and nothing recorded is
lost: outputs against inputs, CSV injection, links out of the input folder, archive
permissions, one merge at a time, a full disk, an empty ledger, an interrupted
merge, and files that could not be read this time.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.assignment import workbook_filename
from cchc_xl.cli import main
from cchc_xl.isolate import CRASH, MEMORY, TIMEOUT, Failure, run_isolated
from cchc_xl.ledger_lock import ledger_lock
from cchc_xl.merge import merge_returns
from cchc_xl.split import split_master
from cchc_xl.templates import template_path
from cchc_xl.vocab import NOT_READ
from support.paths import HH_MASTER, ROOT
from support.tools import convert, needs_libreoffice

SAMPLES = ROOT / "workbooks" / "hoang-hoa-2023" / "returns-9T"
ONE = SAMPLES / "NV-phong-noi-vu.xlsx"
TWO = SAMPLES / "X13-xa-hoang-kim.xlsx"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def returns_folder(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "nhan-ve"
    folder.mkdir(exist_ok=True)
    for f in files:
        shutil.copyfile(f, folder / f.name)
    return folder


def submissions(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        return {Path(p).name: o for p, o in con.execute("SELECT path, outcome FROM submissions")}


# --- outputs are never inputs ------------------------------------------------------------

def test_merge_out_naming_a_return_is_refused(tmp_path):
    folder = returns_folder(tmp_path, ONE, TWO)
    before = sha(folder / ONE.name)
    result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", folder / ONE.name)
    assert result.exit_code == 2
    assert "là một tệp đơn vị gửi" in result.output and "lệnh không ghi gì" in result.output
    assert sha(folder / ONE.name) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted([ONE.name, TWO.name])
    # The same file under another name (a hard link) is the same file.
    link = tmp_path / "tong-hop.xlsx"
    os.link(folder / TWO.name, link)
    result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", link)
    assert result.exit_code == 2 and sha(folder / TWO.name) == sha(TWO)


@pytest.mark.slow
def test_consolidated_output_inside_the_returns_folder_is_skipped_next_time(tmp_path):
    folder = returns_folder(tmp_path, ONE)
    out = folder / "tong-hop.xlsx"
    args = ("merge", HH_MASTER, folder, "--period", "9T", "--out", out,
            "--db", tmp_path / "so-cai.sqlite")
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 0, again.output
    assert "tệp tổng hợp do cchc-xl tạo" in again.output
    assert set(submissions(tmp_path / "so-cai.sqlite")) == {ONE.name}
    # The office types an assessment into it (so its content is new to the ledger): it is
    # still the consolidated workbook, read back and written again, not a unit's file.
    wb = load_workbook(out)
    ws = next(ws for ws in wb.worksheets if "Đánh giá của cơ quan tổng hợp" in [
        c.value for c in ws[4]])
    header = [c.value for c in ws[4]]
    row = next(r for r in ws.iter_rows(min_row=5) if r[header.index("Khóa dòng (không sửa)")]
               .value and r[header.index("Khóa dòng (không sửa)")].value.startswith("NV|"))
    row[header.index("Đánh giá của cơ quan tổng hợp")].value = "Đạt"
    wb.save(out)
    third = cli(*args)
    assert third.exit_code == 0, third.output
    assert ("Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái (đọc từ bảng tổng hợp "
            "tong-hop.xlsx).") in third.output
    assert set(submissions(tmp_path / "so-cai.sqlite")) == {ONE.name}


def test_merge_db_naming_a_return_or_the_master_is_refused(tmp_path):
    folder = returns_folder(tmp_path, ONE)
    for db in (folder / ONE.name, HH_MASTER):
        before = sha(db)
        result = cli("merge", HH_MASTER, folder / ONE.name, "--period", "9T",
                     "--out", tmp_path / "t.xlsx", "--db", db)
        assert result.exit_code == 2, result.output
        assert "sổ cái trùng với" in result.output
        assert sha(db) == before


def test_appendix_over_the_master_is_refused(tmp_path):
    master = tmp_path / "ke-hoach.xlsx"
    shutil.copyfile(HH_MASTER, master)
    result = cli("appendix", master, "--out", master)
    assert result.exit_code == 2
    assert "tệp phụ lục trùng với bảng kế hoạch" in result.output
    assert sha(master) == sha(HH_MASTER)


def test_split_never_writes_over_the_master(tmp_path, hh_master):
    out = tmp_path / "giao"
    out.mkdir()
    master = out / workbook_filename(hh_master.unit("NV"))  # named as the unit's workbook will be
    shutil.copyfile(HH_MASTER, master)
    result = cli("split", master, "--period", "9T", "--out", out, "--force")
    assert result.exit_code == 2
    assert "bảng kế hoạch" in result.output
    assert sha(master) == sha(HH_MASTER) and [p.name for p in out.iterdir()] == [master.name]


def test_init_over_the_template_is_refused():
    template = template_path("master.xlsx")
    before = sha(template)
    result = cli("init", template, "--force")
    assert result.exit_code == 2 and "mẫu bảng kế hoạch" in result.output
    assert sha(template) == before


# --- CSV ------------------------------------------------------------------------------------

def test_manifest_cells_cannot_become_formulas(hh_master, tmp_path):
    master = copy.deepcopy(hh_master)
    hostile = '=HYPERLINK("http://example.com/x","Bấm vào đây")'
    nv = next(i for i, u in enumerate(master.units) if u.code == "NV")
    master.units[nv] = replace(master.units[nv], name=hostile)
    result = split_master(master, "9T", tmp_path / "giao")
    with open(result.manifest_csv, encoding="utf-8-sig", newline="") as fh:
        rows = {r[0]: r for r in csv.reader(fh)}
    assert rows["NV"][1] == "'" + hostile
    assert rows["TP"][1] == "Phòng Tư pháp"  # ordinary text untouched


# --- links and permissions ----------------------------------------------------------------

def test_links_out_of_the_folder_are_not_followed_and_archive_keeps_permissions(tmp_path):
    private = tmp_path / "rieng" / "bi-mat.xlsx"
    private.parent.mkdir()
    shutil.copyfile(TWO, private)
    private.chmod(0o600)
    folder = returns_folder(tmp_path, ONE)
    (folder / ONE.name).chmod(0o640)
    (folder / "lien-ket.xlsx").symlink_to(private)
    (folder / "thu-muc").symlink_to(private.parent, target_is_directory=True)
    result = merge_returns_quiet(tmp_path, [folder])
    skipped = {s.path.name: s.reason for s in result.skipped}
    assert "ngoài thư mục" in skipped["lien-ket.xlsx"]
    assert "ngoài thư mục" in skipped["thu-muc"]
    archived = [p for p in (tmp_path / "out" / "cchc-archive").rglob("*") if p.is_file()]
    assert [sha(p) for p in archived] == [sha(ONE)]
    assert archived[0].stat().st_mode & 0o777 == 0o640 & ~_umask()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_pipes_and_broken_links_are_listed_not_waited_on(tmp_path):
    """A named pipe among the returns would keep a reader waiting for ever (the merge
    hung, printing nothing); a link to a file no longer there was left out unsaid."""
    folder = returns_folder(tmp_path, ONE)
    os.mkfifo(folder / "treo.xlsx")
    (folder / "mat.xlsx").symlink_to(folder / "da-xoa.xlsx")
    merge = _merge_process(tmp_path, folder)
    try:
        out, err = merge.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        merge.kill()
        merge.communicate()
        pytest.fail("the merge still waits on the named pipe after two minutes")
    assert merge.returncode == 0, err
    assert "treo.xlsx: không phải tệp thông thường (ống dẫn, thiết bị hoặc socket)" in out
    assert "mat.xlsx: liên kết tới tệp không còn tồn tại" in out
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted"}
    # Named on its own, the pipe is all there is: nothing to merge, said why.
    named = cli("merge", HH_MASTER, folder / "treo.xlsx", "--period", "9T", "--out",
                tmp_path / "b" / "t.xlsx", "--silent")
    assert named.exit_code == 2
    assert "không có tệp nào để gộp" in named.output
    assert "treo.xlsx: không phải tệp thông thường" in named.output


def test_a_folder_that_cannot_be_listed_is_said_not_passed_over(tmp_path, monkeypatch):
    """A subfolder of the returns the merge may not list (no permission): its files
    would be left out without a word; the folder is listed as skipped, with why."""
    folder = returns_folder(tmp_path, ONE)
    locked = folder / "Phường Đông Sơn"
    locked.mkdir()
    shutil.copyfile(TWO, locked / TWO.name)
    listing = os.scandir

    def refused(path="."):
        if isinstance(path, str | os.PathLike) and Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refused)
    result = merge_returns_quiet(tmp_path, [folder])
    skipped = {s.path.name: s.reason for s in result.skipped}
    assert skipped == {"Phường Đông Sơn": "không mở được thư mục: không có quyền đọc (cấp "
                                         "quyền đọc, hoặc chép sang thư mục khác)"}
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted"}
    assert "Phường Đông Sơn" in result.summary()


def test_a_file_removed_after_it_was_listed_is_skipped_and_the_rest_merged(tmp_path,
                                                                           monkeypatch):
    """A file moved away while the merge runs (a sync client, another person): said,
    and the others merged, where the merge stopped with a traceback."""
    import cchc_xl.merge as merge_module

    folder = returns_folder(tmp_path, ONE, TWO)
    listed = merge_module.collect_inputs

    def listed_then_removed(*args, **kwargs):
        found = listed(*args, **kwargs)
        (folder / TWO.name).unlink()
        return found

    monkeypatch.setattr(merge_module, "collect_inputs", listed_then_removed)
    result = merge_returns_quiet(tmp_path, [folder])
    skipped = {s.path.name: s.reason for s in result.skipped}
    assert skipped == {TWO.name: "tệp không còn ở đó khi đọc (đã bị chuyển hoặc xóa trong "
                                 "lúc chạy)"}
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted"}
    assert TWO.name in result.summary()


def _changed_meanwhile(tmp_path: Path, folder: Path, name: str):
    """Merge ``folder`` (ONE and the file ``name``, changed while merged): only ONE is
    recorded, the other is told it changed and was not read this time."""
    result = merge_returns_quiet(tmp_path, [folder])
    (changed,) = [f for f in result.files if Path(f.path).name == name]
    assert changed.outcome == NOT_READ
    assert "tệp đã thay đổi trong lúc gộp" in changed.problems[0].message
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted"}
    return result, changed


def _archived(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "out" / "cchc-archive").rglob("*") if p.is_file())


def test_a_file_changed_after_it_was_read_is_recorded_as_read(tmp_path, monkeypatch):
    """The file's bytes changed after its worker read them (saved again): the archive
    keeps the copy the worker read, made as it hashed the file, so what is recorded is
    what was read; the next merge reads the new bytes as another file of the unit."""
    import cchc_xl.merge as merge_module

    folder = returns_folder(tmp_path, ONE, TWO)
    changing = folder / TWO.name
    as_read = sha(changing)
    judged = merge_module.run_isolated

    def read_then_changed(fn, items, **kwargs):
        for item, outcome in judged(fn, items, **kwargs):
            if item[0] == changing:  # read by its worker; saved again before archiving
                _resave(changing)
            yield item, outcome

    monkeypatch.setattr(merge_module, "run_isolated", read_then_changed)
    result = merge_returns_quiet(tmp_path, [folder])
    assert result.exit_code == 0
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted",
                                                                    TWO.name: "accepted"}
    assert [sha(p) for p in _archived(tmp_path)] == sorted([sha(ONE), as_read])
    assert all(p.name.startswith(sha(p)) for p in _archived(tmp_path))
    monkeypatch.setattr(merge_module, "run_isolated", judged)
    again = merge_returns_quiet(tmp_path, [folder])
    db = tmp_path / "out" / "cchc-ledger.sqlite"
    with sqlite3.connect(db) as con:
        outcomes = sorted(o for p, o in con.execute("SELECT path, outcome FROM submissions")
                          if Path(p).name == TWO.name)
    assert outcomes == ["accepted", "superseded"]
    assert {sha(p) for p in _archived(tmp_path)} == {sha(ONE), as_read, sha(changing)}
    assert again.exit_code == 0


def _crash_reading(name: str):
    import cchc_xl.judged as judged_module

    read = judged_module.read_return

    def read_or_crash(path, *args, **kwargs):
        if Path(path).name == name:
            os._exit(3)  # the worker dies, its copy of the file half-used
        return read(path, *args, **kwargs)

    return read_or_crash


def test_a_file_whose_worker_died_leaves_nothing_in_the_archive(tmp_path, monkeypatch):
    """A worker that dies reading a file (a crash, or killed over its time) has copied the
    file into the archive to read it: the copy is removed, the file is not recorded, and
    the good file of the run is merged and archived."""
    import cchc_xl.judged as judged_module

    folder = returns_folder(tmp_path, ONE, TWO)
    monkeypatch.setattr(judged_module, "read_return", _crash_reading(TWO.name))
    result = merge_returns_quiet(tmp_path, [folder])
    by_name = {Path(f.path).name: f for f in result.files}
    assert by_name[TWO.name].outcome == NOT_READ
    assert by_name[ONE.name].outcome == "accepted"
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted"}
    assert [sha(p) for p in _archived(tmp_path)] == [sha(ONE)]


def test_where_the_archive_cannot_take_a_copy_the_file_is_still_read_and_kept(tmp_path,
                                                                              monkeypatch):
    """A worker that cannot copy a file into the archive (its folder not writable by the
    worker, say) reads it from a copy of its own; the merge then copies it into the
    archive, checked against its SHA-256 as ever."""
    import cchc_xl.archive as archive_module

    def cannot(source, staged, sha256):
        raise PermissionError(13, "Permission denied", str(staged))

    monkeypatch.setattr(archive_module, "stage", cannot)
    folder = returns_folder(tmp_path, ONE, TWO)
    result = merge_returns_quiet(tmp_path, [folder])
    assert result.exit_code == 0
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted",
                                                                    TWO.name: "accepted"}
    assert [sha(p) for p in _archived(tmp_path)] == sorted([sha(ONE), sha(TWO)])


def test_a_file_changed_and_changed_back_while_merged_is_not_recorded(tmp_path, monkeypatch):
    """Saved again after it was hashed, read so by its worker, then back as it was before
    it was archived (a sync tool restoring it): the archive copy matches the hash, but
    what was read does not. Each worker reads from a copy made as it hashes the file,
    so the change is seen and nothing of the file is recorded this time."""
    import cchc_xl.merge as merge_module

    folder = returns_folder(tmp_path, ONE, TWO)
    changing = folder / TWO.name
    original = changing.read_bytes()
    judged = merge_module.run_isolated

    def changed_then_back(fn, items, **kwargs):
        _resave(changing)  # after the merge hashed it, before a worker reads it
        for item, outcome in judged(fn, items, **kwargs):
            if item[0] == changing:
                changing.write_bytes(original)  # as it was, before it is archived
            yield item, outcome

    monkeypatch.setattr(merge_module, "run_isolated", changed_then_back)
    _changed_meanwhile(tmp_path, folder, TWO.name)


@needs_libreoffice
def test_an_ods_changed_and_changed_back_while_merged_is_not_recorded(tmp_path, monkeypatch):
    """The same for a file LibreOffice converts: what is converted is a copy made as the
    file is hashed again."""
    import cchc_xl.merge as merge_module

    folder = returns_folder(tmp_path, ONE)
    ods = convert(TWO, folder, "ods")
    original = ods.read_bytes()
    sniff, convert_real = merge_module.needs_conversion, merge_module.convert_with_office

    def sniffed_then_changed(path: Path) -> bool:
        needed = sniff(path)
        if path == ods:
            ods.write_bytes(original + b"\0")  # saved again after it was hashed
        return needed

    def converted_then_back(paths, work, *args):
        made = convert_real(paths, work, *args)
        ods.write_bytes(original)  # as it was, before it is archived
        return made

    monkeypatch.setattr(merge_module, "needs_conversion", sniffed_then_changed)
    monkeypatch.setattr(merge_module, "convert_with_office", converted_then_back)
    _changed_meanwhile(tmp_path, folder, ods.name)


def test_a_file_over_the_size_limit_is_refused_without_being_copied(tmp_path, monkeypatch):
    """Refused by its size alone, as before each worker came to read from a copy: a huge
    file is not copied first (gigabytes, for a file that is then refused)."""
    import cchc_xl.judged as judged_module
    import cchc_xl.merge as merge_module

    def no_copy(*args, **kwargs):
        raise AssertionError("copied")

    from cchc_xl.master import load_master

    master = load_master(HH_MASTER)  # read before the limit is lowered to the return's size
    monkeypatch.setattr("cchc_xl.bounds.MAX_FILE_BYTES", ONE.stat().st_size - 1)
    monkeypatch.setattr(merge_module, "copy_checked", no_copy)  # forked workers see it
    monkeypatch.setattr(judged_module, "copy_checked", no_copy)
    result = merge_returns(master, [returns_folder(tmp_path, ONE)], "9T",
                           tmp_path / "out" / "t.xlsx")
    (refused,) = result.files
    assert refused.outcome == "rejected"
    assert "tệp quá lớn" in refused.problems[0].message


def _resave(path: Path) -> None:
    """The same workbook saved again: the same parts, other bytes (stored, not deflated)."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for info, data in parts:
            info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, data)


def test_a_huge_file_named_like_a_manifest_is_not_read_whole(tmp_path):
    """A split's manifest.json among the returns is read for the files it lists; one
    far larger than any manifest is skipped as a manifest without being read."""
    from cchc_xl import bounds
    from cchc_xl.manifest import issued_hashes

    folder = returns_folder(tmp_path, ONE)
    huge = folder / "manifest.json"
    with huge.open("w", encoding="utf-8") as fh:
        fh.write('{"files": [')
        fh.truncate(bounds.MAX_MANIFEST_BYTES + 1)
    tracemalloc.start()
    try:
        assert issued_hashes(huge) == set()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < bounds.MB
    result = merge_returns_quiet(tmp_path, [folder])
    assert {s.path.name: s.reason for s in result.skipped} == {
        "manifest.json": "danh sách các tệp giao do cchc-xl tạo"}
    assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted"}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def merge_returns_quiet(tmp_path: Path, inputs: list[Path], **kw):
    from cchc_xl.master import load_master

    return merge_returns(load_master(HH_MASTER), inputs, "9T", tmp_path / "out" / "t.xlsx", **kw)


# --- the ledger -------------------------------------------------------------------------------

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
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, was)


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


def test_report_after_a_first_merge_stopped_before_any_file_says_so(tmp_path):
    folder = returns_folder(tmp_path, ONE, TWO)

    def stop_at_once(done: int, total: int, name: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        merge_returns_quiet(tmp_path, [folder], progress=stop_at_once)
    db = tmp_path / "out" / "cchc-ledger.sqlite"
    told = cli("report", db, "--period", "9T", "--out", tmp_path / "bao-cao.xlsx")
    assert told.exit_code == 2
    assert re.search(r"sổ cái chưa có tệp nào được gộp cho kỳ '9T' \(lần gộp bắt đầu lúc "
                     r"\d\d/\d\d/\d{4} \d\d:\d\d bị ngắt giữa chừng, chưa ghi được tệp nào\)",
                     told.output)
    assert "chạy lại 'cchc-xl merge ... --period 9T'" in told.output


@pytest.mark.slow
def test_a_ledger_folder_that_cannot_be_written_is_said_in_vietnamese(tmp_path, monkeypatch):
    """A merge into a read-only folder said "(Read-only file system)", the system's
    English (a probe): the usual reasons are said in Vietnamese."""
    import errno

    import cchc_xl.ledger_lock as lock_module

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
    assert "Cảnh báo: lần gộp kỳ 9T bắt đầu lúc" in warned.output
    assert "bị ngắt giữa chừng" in warned.output
    # A merge under way (it holds the ledger): said so, not "cut short, merge again".
    with ledger_lock(db):
        running = CliRunner().invoke(main, [str(a) for a in report])
    assert running.exit_code == 0
    assert "Cảnh báo: kỳ 9T đang được gộp (bắt đầu lúc" in running.output
    assert "bị ngắt" not in running.output
    merge_returns_quiet(tmp_path, [folder])
    clean = CliRunner().invoke(main, [str(a) for a in report])
    assert clean.exit_code == 0 and "Cảnh báo" not in clean.output


# --- files that could not be read this time ------------------------------------------------

def _square(n: int) -> int:
    if n == 2:
        time.sleep(60)
    if n == 3:
        bytearray(2 << 30)
    if n == 4:
        os._exit(3)
    return n * n


@pytest.mark.slow
def test_each_item_runs_in_a_worker_with_a_budget():
    started = time.monotonic()
    results = list(run_isolated(_square, [1, 2, 3, 4, 5, 6], seconds=3, memory=512 << 20))
    assert time.monotonic() - started < 30
    assert [item for item, _ in results] == [1, 2, 3, 4, 5, 6]
    values = dict(results)
    assert (values[1], values[5], values[6]) == (1, 25, 36)
    assert isinstance(values[2], Failure) and values[2].kind == TIMEOUT
    assert "quá 3 giây" in values[2].reason
    assert isinstance(values[3], Failure) and values[3].kind == MEMORY
    assert "không đủ bộ nhớ" in values[3].reason
    assert isinstance(values[4], Failure) and values[4].kind == CRASH


def _nothing(n: int) -> None:
    return None


def test_an_item_whose_result_is_none_is_not_taken_for_unfinished():
    """None is a result like any other: given back at once, not a timeout."""
    started = time.monotonic()
    assert list(run_isolated(_nothing, [1, 2, 3], seconds=20)) == [(1, None), (2, None),
                                                                   (3, None)]
    assert time.monotonic() - started < 15


@pytest.mark.slow
def test_a_file_not_read_this_time_is_not_remembered(tmp_path, monkeypatch):
    """No LibreOffice to convert an .ods: the file is reported, kept out of the ledger,
    and read again by the next merge; the good file of the same run is merged."""
    folder = returns_folder(tmp_path, ONE)
    ods = folder / "bao-cao.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for _ in range(2):
        result = merge_returns_quiet(tmp_path, [folder])
        by_name = {Path(f.path).name: f for f in result.files}
        assert by_name["bao-cao.ods"].outcome == NOT_READ and by_name["bao-cao.ods"].in_run
        assert "LibreOffice" in by_name["bao-cao.ods"].problems[0].message
        assert by_name[ONE.name].outcome == "accepted"
        assert result.exit_code == 1
        assert "chưa đọc được" in result.summary()
        assert submissions(tmp_path / "out" / "cchc-ledger.sqlite") == {ONE.name: "accepted"}


def test_a_file_of_too_many_sheets_is_told_to_delete_sheets(tmp_path):
    """1,508 copies of a sheet were refused with the advice for a sheet dragged too far
    down ("xóa các dòng, cột thừa ở cuối trang tính"): a probe. The advice names sheets."""
    from cchc_xl import bounds

    path = tmp_path / "nhieu-trang.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for n in range(bounds.MAX_SHEETS + 1):
            zf.writestr(f"xl/worksheets/sheet{n + 1}.xml", "<worksheet/>")
    refused = bounds.check_package(path)
    assert refused is not None
    assert f"trang tính (giới hạn {bounds.MAX_SHEETS})" in refused.message
    assert refused.hint.startswith("xóa các trang tính thừa")
    # A master's own hint, given by its caller, stays.
    assert bounds.check_package(path, hint="mở bảng kế hoạch").hint == "mở bảng kế hoạch"


def test_a_ledger_option_naming_a_workbook_is_said_in_vietnamese(tmp_path):
    """'merge --db' given a return said "(file is not a database)", SQLite's English (a
    probe); the workbook is left as it was."""
    folder = returns_folder(tmp_path, ONE)
    before = sha(folder / ONE.name)
    wrong = tmp_path / "so-cai.sqlite"
    shutil.copyfile(ONE, wrong)
    result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", tmp_path / "o" / "t.xlsx",
                 "--db", wrong)
    assert result.exit_code == 1, result.output
    assert "không mở được sổ cái (tệp không phải sổ cái của cchc-xl)" in result.output
    assert "not a database" not in result.output
    assert sha(wrong) == sha(ONE) and sha(folder / ONE.name) == before


def test_no_command_writes_over_another_kind_of_document(tmp_path):
    """report, merge, appendix and remind wrote their output over whatever file --out
    named: a copy of the plan, a Word plan, the consolidated workbook with the office's
    assessments typed in (a probe). Each still writes over its own earlier output."""
    from docx import Document

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out" / "t.xlsx"
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 0
    db = out.parent / "cchc-ledger.sqlite"
    plan_copy = shutil.copyfile(HH_MASTER, tmp_path / "kh-copy.xlsx")
    word_plan = tmp_path / "ke-hoach.docx"
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH Cải cách hành chính năm 2026")
    doc.core_properties.comments = ""  # as Word writes it: no python-docx mark
    doc.save(word_plan)
    unit_file = shutil.copyfile(TWO, tmp_path / "mot-don-vi.xlsx")
    cases = [
        (("report", db, "--period", "9T", "--out", plan_copy), plan_copy, "bảng kế hoạch"),
        (("report", db, "--period", "9T", "--out", out), out, "tệp tổng hợp"),
        (("merge", HH_MASTER, folder, "--period", "9T", "--out", plan_copy), plan_copy,
         "bảng kế hoạch"),
        (("appendix", HH_MASTER, "--out", unit_file), unit_file, "tệp của một đơn vị"),
        (("remind", db, "--period", "9T", "--out", word_plan), word_plan,
         "văn bản Word không do cchc-xl tạo"),
        # --force replaces a plan table only: a unit's file and the consolidated workbook
        # were replaced by a plan table (a probe).
        (("import", word_plan, "--out", unit_file, "--force"), unit_file,
         "tệp của một đơn vị"),
        (("init", out, "--force"), out, "tệp tổng hợp"),
    ]
    for args, target, kind in cases:
        before = sha(target)
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert f"đã có tệp này và đó là {kind}" in result.output, result.output
        assert sha(target) == before, args
    # Their own earlier outputs they write again.
    for args in (("report", db, "--period", "9T", "--out", tmp_path / "r.xlsx", "--docx",
                  tmp_path / "r.docx"),
                 ("remind", db, "--period", "9T", "--out", tmp_path / "d.docx"),
                 ("appendix", HH_MASTER, "--out", tmp_path / "p.xlsx")):
        for _ in range(2):
            assert cli(*args).exit_code in (0, 1), args
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 0


def test_a_word_document_another_program_made_with_python_docx_is_not_written_over(tmp_path):
    """cchc-xl told its own Word documents by python-docx's mark, so --out wrote over any
    document another program made with python-docx (a QA pass). It marks its own now; one
    written before the mark (the plan's authority as its author) is still its own."""
    from docx import Document

    from cchc_xl.overwrite import WORD_DOCUMENT, kind_of

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out" / "t.xlsx"
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 0
    db = out.parent / "cchc-ledger.sqlite"
    other = tmp_path / "cong-van.docx"
    doc = Document()  # python-docx's template: its description and author left as they are
    doc.add_paragraph("Công văn của một chương trình khác")
    doc.save(other)
    before = sha(other)
    result = cli("remind", db, "--period", "9T", "--out", other)
    assert result.exit_code == 2, result.output
    assert f"đã có tệp này và đó là {WORD_DOCUMENT}" in result.output
    assert sha(other) == before
    # Written before the mark: python-docx's description, the plan's authority as author.
    older = tmp_path / "don-doc-cu.docx"
    doc = Document()
    doc.core_properties.author = "Ủy ban nhân dân huyện Hoằng Hóa"
    doc.save(older)
    assert kind_of(older) is None
    assert cli("remind", db, "--period", "9T", "--out", older).exit_code in (0, 1)
    assert kind_of(older) is None  # and marked now


def test_a_file_it_may_not_read_is_said_in_vietnamese_not_by_click(tmp_path, monkeypatch):
    """A master it had no right to read: "giá trị không hợp lệ cho 'MASTER': Path
    'locked.xlsx' is not readable", click's English (a probe). Click no longer checks;
    the library's own reading says it, in Vietnamese (xlio's PermissionError message)."""
    import os

    locked = shutil.copyfile(HH_MASTER, tmp_path / "locked.xlsx")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if Path(p) == locked
                        else real(p, mode, *a, **k))
    result = cli("check", locked)
    assert "is not readable" not in result.output and "Path '" not in result.output
    assert result.exit_code in (0, 1), result.output  # read by the library (root reads it)


@pytest.mark.skipif(sys.platform != "linux", reason="names of bytes that are not UTF-8: Linux")
def test_a_name_of_bytes_that_are_not_utf8_is_one_line_never_a_traceback(tmp_path):
    """A folder from an old Windows zip, its name in bytes that are not UTF-8: merge ended
    with a UnicodeEncodeError traceback and a ledger marked interrupted (a probe). Its
    files are left aside with the reason; an output of such a name is refused."""
    odd = os.fsdecode(bytes(tmp_path) + b"/nh\xe1n")
    os.mkdir(odd)
    shutil.copyfile(ONE, os.path.join(odd, ONE.name))
    good = returns_folder(tmp_path, TWO)
    run = [sys.executable, "-m", "cchc_xl", "merge", str(HH_MASTER)]
    done = subprocess.run([*run, odd, str(good), "--period", "9T", "--out",
                           str(tmp_path / "o" / "t.xlsx"), "--silent"], cwd=ROOT,
                          capture_output=True, timeout=300)
    said = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1), said
    assert "Traceback" not in said
    assert "có ký tự không đọc được" in said
    assert submissions(tmp_path / "o" / "cchc-ledger.sqlite") == {TWO.name: "accepted"}
    refused = subprocess.run([*run, str(good), "--period", "9T", "--out",
                              os.fsdecode(bytes(tmp_path) + b"/t\xe9.xlsx")], cwd=ROOT,
                             capture_output=True, timeout=300)
    assert refused.returncode == 2
    assert b"Traceback" not in refused.stderr and "có ký tự không đọc được" in \
        refused.stderr.decode("utf-8", "replace")


def test_paths_resolved_by_their_folder_are_those_path_resolve_gives(tmp_path):
    """collect.resolved_paths resolves each folder once for its files (a merge given
    2,000 files by name resolved every folder above each): the same paths as
    Path.resolve, through linked folders, linked files and '..' too."""
    import os

    from cchc_xl.collect import resolved_paths

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.xlsx").write_bytes(b"x")
    os.symlink(tmp_path / "a", tmp_path / "link")
    os.symlink(tmp_path / "a" / "b" / "f.xlsx", tmp_path / "a" / "g.xlsx")
    os.symlink(tmp_path / "nowhere.xlsx", tmp_path / "a" / "dangling.xlsx")
    paths = [tmp_path / "a" / "b" / "f.xlsx", tmp_path / "link" / "b" / "f.xlsx",
             tmp_path / "a" / "g.xlsx", tmp_path / "a" / ".." / "a" / "b" / "f.xlsx",
             tmp_path / "link" / ".." / "a" / "g.xlsx", tmp_path / "a" / "dangling.xlsx",
             tmp_path / "a" / "b" / "..", tmp_path / "a" / "b" / "."]
    assert resolved_paths(paths) == [p.resolve() for p in paths]
