"""Files read safely: links out of the input folder and archive permissions, pipes, folders
that cannot be listed, files changed or removed while a merge reads them, size limits,
workers that die, and files that could not be read this time."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from cchc_xl.isolate import CRASH, MEMORY, TIMEOUT, Failure, run_isolated
from cchc_xl.merge import merge_returns
from cchc_xl.vocab import NOT_READ
from support.paths import HH_MASTER, ROOT
from support.safety import (
    ONE,
    TWO,
    _merge_process,
    cli,
    merge_returns_quiet,
    returns_folder,
    sha,
    submissions,
)
from support.tools import convert, needs_libreoffice


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


def _pid(n: int) -> int:
    return os.getpid()


def _pid_slow_first(n: int) -> int:
    if n == 0:
        time.sleep(2.5)  # a file that holds its worker (stuck until its budget, say)
    return os.getpid()


def test_a_few_items_are_run_by_one_worker_more_by_two():
    """Two workers for two files cost a second fork and warm-up for no time saved: up to
    FEW_ITEMS items go to one worker (never this process), more to two; and a few with
    one that holds its worker go to two as well (a review: two stuck files of three were
    waited for one after the other, the ledger held for both budgets)."""
    from cchc_xl.isolate import FEW_ITEMS, SLOW_ITEM_SECONDS

    few = [pid for _, pid in run_isolated(_pid, range(FEW_ITEMS))]
    assert len(set(few)) == 1 and os.getpid() not in few
    many = [pid for _, pid in run_isolated(_pid, range(FEW_ITEMS + 1))]
    assert len(set(many)) == 2 and os.getpid() not in many
    assert SLOW_ITEM_SECONDS < 2.5
    held = dict(run_isolated(_pid_slow_first, range(FEW_ITEMS)))
    assert held[0] not in {held[n] for n in range(1, FEW_ITEMS)}  # the others went on


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


def test_only_the_web_apps_own_empty_placeholder_is_passed_over(tmp_path):
    """The web app's empty placeholder (a folder of its own, named nowhere: web/pending.py)
    is skipped as the app's, not a unit's file; an empty file a unit sent is still said
    to be empty and refused, whether uploaded through the app (named in the period's
    ten-tep.json) or in a folder of the office's: nothing of a unit's is passed over."""
    folder = returns_folder(tmp_path, ONE)
    (tmp_path / ".cchc-web").mkdir()  # the web app's data folder
    for place, name in (("3f9a1c", "TP-6T.xlsx"), ("0be12d", "X02.xlsx")):
        (folder / place).mkdir()
        (folder / place / name).touch()
    (folder / "ten-tep.json").write_text('{"0be12d/X02.xlsx": "X02 Hoằng Cát.xlsx"}',
                                         encoding="utf-8")
    office = tmp_path / "cv" / "zalo" / "202306"  # the office's, named as the app names
    office.mkdir(parents=True)
    (office / "X13.xlsx").touch()  # a download that failed
    (office.parent / "ten-tep.json").write_text("{}", encoding="utf-8")
    rejected = {}
    for given, out in ((folder, "web"), (office.parent, "cv")):
        ran = cli("merge", HH_MASTER, given, "--period", "9T", "--out",
                  tmp_path / out / "t.xlsx", "--json")
        assert ran.exit_code == 1, ran.output
        said = json.loads(ran.output)
        rejected[out] = {Path(f["path"]).name: f["problems"][0]["message"]
                         for f in said["files"] if f["outcome"] == "rejected"}
        skipped = {Path(s["path"]).name: s["reason"] for s in said["skipped"]}
        if out == "web":
            assert sorted(skipped) == ["TP-6T.xlsx", "ten-tep.json"]
            assert skipped["TP-6T.xlsx"].startswith("tệp rỗng (0 byte) ứng dụng web tạo sẵn")
        else:
            assert skipped == {}
    assert sorted(rejected["web"]) == ["X02.xlsx"]
    assert sorted(rejected["cv"]) == ["X13.xlsx", "ten-tep.json"]  # the office's file
    for why in (rejected["web"]["X02.xlsx"], rejected["cv"]["X13.xlsx"]):
        assert why.startswith("tệp rỗng (0 byte) (tệp có thể bị hỏng khi chép, tải về")
        assert "thư điện tử): gửi hoặc chép lại tệp gốc" in why


def _takes_a_hundred_megabytes(n: int) -> int:
    return len(bytearray(100 << 20)) + n


def test_a_forked_worker_s_budget_is_on_top_of_what_its_parent_maps(monkeypatch):
    """A worker forked from a process that maps much (a test process of the whole suite,
    near a gigabyte) had its address space limited to the budget in all: no room left,
    a plan's PDF was refused as beyond its memory (CI, 6 December). The budget is the
    memory the item may take, on top of what the worker maps as it starts."""
    import mmap
    import multiprocessing

    from cchc_xl import isolate

    monkeypatch.setattr(isolate, "worker_context", lambda fn: multiprocessing.get_context("fork"))
    mapped = mmap.mmap(-1, 1 << 30)  # a gigabyte mapped, not touched: no memory used
    try:
        results = dict(run_isolated(_takes_a_hundred_megabytes, [1], seconds=30,
                                    memory=512 << 20))
    finally:
        mapped.close()
    assert results == {1: (100 << 20) + 1}
