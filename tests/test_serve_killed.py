"""The web server killed outright (SIGKILL: the out-of-memory killer, the machine switched
off) while it merges: openpyxl writes each sheet of a workbook it saves (the feedback) to
a temporary file of its own ("openpyxl.…"), xlsxwriter each part of one ("tmp…"), named
for no process, in the machine's temporary folder, where they stayed for good (the
command line's merge keeps them in a folder of its own: temporary.scratch_of_the_process).
Now the server's temporary files are all in a folder named for it, removed by the next
server start (or merge) once the server is gone; a running server's folder is never
touched (issue #11)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support.paths import HH_SAMPLES, ROOT


def _upload_left(data: Path) -> None:
    """Every sample return, an upload the server merges as it starts (web/pending.py)."""
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import StoredFile, Workspace

    shutil.copyfile(HH_SAMPLES.parent / "master.xlsx", data / "ke-hoach.xlsx")
    ws = Workspace(data)
    paths = []
    for sample in sorted(HH_SAMPLES.iterdir()):
        path = ws.new_upload_path(ws.intake_dir("9T"), sample.name)
        shutil.copyfile(sample, path)
        paths.append(path)
    ws.remember_names("9T", [StoredFile(p, p.name) for p in paths])
    pending.remember(ws.app_dir, "9T", paths, None)


def _serve(data: Path, tmp: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "cchc_xl", "serve", "--data", str(data), "--port", "0",
         "--no-browser"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, env={**os.environ, "TMPDIR": str(tmp)})
    assert "đang chạy tại" in proc.stdout.readline()
    return proc


def _libraries_files(tmp: Path) -> list[Path]:
    return [p for p in tmp.rglob("*") if p.name.startswith(("openpyxl.", "tmp"))]


def test_a_server_killed_mid_merge_leaves_nothing_once_started_again(tmp_path):
    # The server's temporary folder on a short path: the fork server's socket is made in
    # it, and a socket's path is at most 108 bytes (pytest's folders under a worker of
    # its own, "popen-gw0/…", went past that: no merge could start its workers).
    data, tmp = tmp_path / "du-lieu", Path(tempfile.mkdtemp(prefix="sk-", dir="/tmp"))
    data.mkdir()
    try:
        _killed_then_started_again(data, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _killed_then_started_again(data: Path, tmp: Path) -> None:
    _upload_left(data)
    proc = _serve(data, tmp)
    try:
        deadline = time.monotonic() + 120
        while not _libraries_files(tmp) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)  # as soon as a library wrote a temporary file
        proc.wait()
    finally:
        proc.kill()
    assert _libraries_files(tmp), "killed before any library's temporary file"
    # Each in the server's own folder, none in the machine's named for no process; beside
    # it, the fork server's socket in its folder (a socket's path is short).
    (own,) = [p for p in tmp.iterdir() if p.name.startswith(f"cchc-serve-{proc.pid}-")]
    assert all(own in p.parents for p in _libraries_files(tmp))
    (sockets,) = [p for p in tmp.iterdir() if p != own]
    assert sockets.name.startswith("pymp-") and [
        p.name[:9] for p in sockets.iterdir()] == ["listener-"]

    running = tmp / f"cchc-serve-{os.getpid()}-a1b2c3"  # this process runs
    running.mkdir()
    (running / "openpyxl.x9y8").write_text("<worksheet/>")
    time.sleep(1)  # the dead server's fork server ends (its socket no longer bound)
    again = _serve(data, tmp)
    try:
        deadline = time.monotonic() + 30  # serving once its own folder is made
        while not any(p.name.startswith(f"cchc-serve-{again.pid}-") for p in tmp.iterdir()) \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        names = sorted(p.name for p in tmp.iterdir())
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(60)
    assert own.name not in names and sockets.name not in names, names
    assert running.name in names and (running / "openpyxl.x9y8").is_file()
    # Stopped as the office stops it, the server removed its own.
    assert again.returncode == -signal.SIGTERM
    assert not any(p.name.startswith(f"cchc-serve-{again.pid}-") for p in tmp.iterdir())


def test_a_fork_servers_socket_folder_is_removed_only_once_nobody_listens(tmp_path,
                                                                          monkeypatch):
    """The fork server's folder ("pymp-…", named for no process) of a server killed is
    removed: its socket is bound to no process. One whose socket a process listens on,
    or holding anything else, or nothing yet, stays."""
    import socket
    import tempfile

    from cchc_xl.temporary import sweep_dead_scratch

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folders = {name: tmp_path / f"pymp-{name}" for name in ("dead", "live", "other", "empty")}
    for folder in folders.values():
        folder.mkdir()
    sockets = []
    for name in ("dead", "live"):
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(folders[name] / "listener-a1b2"))
        listener.listen()
        sockets.append(listener)
    sockets[0].close()  # its process gone: the file stays, bound to none
    (folders["other"] / "pym-1-heap").write_bytes(b"")
    try:
        sweep_dead_scratch()
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "pymp-empty", "pymp-live", "pymp-other"]
    finally:
        sockets[1].close()
