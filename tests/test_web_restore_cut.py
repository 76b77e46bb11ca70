"""A restore in the browser cut off between the two renames of its swap (the system with
no exchange of names: Windows, macOS; the app killed, the power cut): the data folder
missing, the office's data under a hidden ``.tmp-…`` name beside it. The next start
(cchc_xl/swapped.py) puts it back and says so, or refuses, naming both folders."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
import test_web_restore
import uvicorn
from click.testing import CliRunner
from starlette.testclient import TestClient
from test_web_restore import _files as _all_files

from cchc_xl import swapped
from cchc_xl.cli import main
from cchc_xl.data_folder import APP_DIR, BEFORE_RESTORE, SESSION_KEY, SWAP_NOTE
from cchc_xl.errors import UsageError
from cchc_xl.web import create_app
from cchc_xl.web.restored import replace_with_backup
from support.web import LOCAL

year = test_web_restore.year  # the folder merged, its backup b1, then more merged
_year_made = test_web_restore._year_made  # made once for the module, copied by year
PUT_BACK = ("Lần khôi phục trước bị ngắt giữa chừng: đã đặt lại thư mục làm việc như trước "
            "khi khôi phục; chưa khôi phục gì.")


def _files(root: Path) -> dict[str, bytes]:
    """The folder's files, without the app's own folder nor the ledger's lock (made by
    the restore, empty)."""
    return {k: v for k, v in _all_files(root).items() if not k.endswith(".lock")}


def _cut(monkeypatch, data: Path, b1: Path, cut: type[BaseException] = SystemExit) -> None:
    """Restore b1 over ``data`` by two renames, the app killed after the first."""
    def no_libc(*args, **kwargs):
        raise OSError("no libc")
    monkeypatch.setattr(swapped.ctypes, "CDLL", no_libc)
    real = swapped.os.rename

    def rename(src, dst):
        if Path(dst) == data:  # the second rename: the restored folder given its name
            raise cut()
        real(src, dst)
    monkeypatch.setattr(swapped.os, "rename", rename)
    with pytest.raises(cut):
        replace_with_backup(data, "hoang-hoa-2023", b1)
    monkeypatch.undo()
    assert not data.exists()
    assert [p.name for p in data.parent.iterdir() if p.name.startswith(".tmp-")]


def test_a_restore_cut_between_its_renames_is_put_back_when_the_app_starts(
        year, tmp_path, monkeypatch):
    """The folder as it was before the restore (the restore did not finish) is given its
    name back with its ledger, its app things (the session key, the backup made before
    the restore) carried back from the restored folder, which is left beside, named; the
    start says so. Before, the app started on an empty folder."""
    client, _, data, b1, _ = year
    client.close()
    before = _files(data)
    key = (data / APP_DIR / SESSION_KEY).read_bytes()
    _cut(monkeypatch, data, b1, KeyboardInterrupt)
    app = create_app(data)
    assert _files(data) == before  # its ledger, its plan, every file merged
    assert (data / "cchc-ledger.sqlite").is_file()
    assert (data / APP_DIR / SESSION_KEY).read_bytes() == key
    assert [p.name for p in (data / APP_DIR / BEFORE_RESTORE).iterdir()]
    assert not (data / APP_DIR / SWAP_NOTE).exists()
    left = [p for p in data.parent.iterdir() if p.name.startswith(".tmp-")]
    assert app.state.started == [
        PUT_BACK, f"Bản khôi phục dở còn ở thư mục {left[0]} (không dùng đến: có thể xóa)."]
    # Said on the pages too: the office may never look at the console window.
    with TestClient(app, **LOCAL) as pages:
        shown = html.unescape(pages.get("/").text)
    assert f'<p class="msg warn started" role="note">Khi mở ứng dụng: {PUT_BACK}</p>' in shown
    assert create_app(data).state.started == []  # said once


def test_serve_says_the_folder_was_put_back(year, tmp_path, monkeypatch):
    """``cchc-xl serve`` started after the cut says it, and serves the folder as it was."""
    client, _, data, b1, _ = year
    client.close()
    before = _files(data)
    _cut(monkeypatch, data, b1)
    served = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: served.append(sockets))
    result = CliRunner().invoke(main, ["serve", "--data", str(data), "--port", "0",
                                       "--no-browser"])
    served[0][0].close()
    assert result.exit_code == 0, result.output
    assert result.output.startswith(PUT_BACK), result.output
    assert _files(data) == before


def two_claimants(year, monkeypatch) -> tuple[Path, Path, Path, list[str]]:
    """A restore cut off midway, and a copy of the folder it set aside beside it: two
    folders that both say they are the data folder (the data folder, the two, and the
    names in the folder above)."""
    client, _, data, b1, _ = year
    client.close()
    _cut(monkeypatch, data, b1)
    aside = next(p for p in data.parent.iterdir() if (p / APP_DIR / SWAP_NOTE).is_file())
    other = aside.with_name(".tmp-1-1")
    shutil.copytree(aside, other, symlinks=True)
    return data, aside, other, sorted(p.name for p in data.parent.iterdir())


def test_a_start_refuses_when_it_cannot_tell_which_folder_is_the_data(year, tmp_path,
                                                                     monkeypatch):
    """Two folders beside it both say they are the data folder set aside: nothing is
    renamed nor removed, the start refused naming them and what to do."""
    data, aside, other, listed = two_claimants(year, monkeypatch)
    with pytest.raises(UsageError) as refused:
        create_app(data)
    said = refused.value.render()
    assert f"thư mục làm việc {data} không còn (hoặc trống)" in said
    assert str(aside) in said and str(other) in said
    assert "đổi tên nó thành data" in said
    assert sorted(p.name for p in data.parent.iterdir()) == listed  # nothing made either
    result = CliRunner().invoke(main, ["serve", "--data", str(data), "--port", "0",
                                       "--no-browser"])
    assert result.exit_code == 2 and "không tự chọn được thư mục nào" in result.output


def test_a_restore_done_leaves_no_note(year, tmp_path, monkeypatch):
    """Two renames, none cut: the data folder holds the backup's files, no note of the
    swap in it, nothing beside it, and a start says nothing."""
    client, _, data, b1, _ = year
    client.close()

    def no_libc(*args, **kwargs):
        raise OSError("no libc")
    monkeypatch.setattr(swapped.ctypes, "CDLL", no_libc)
    replace_with_backup(data, "hoang-hoa-2023", b1)
    assert not (data / APP_DIR / SWAP_NOTE).exists()
    assert sorted(p.name for p in data.parent.iterdir()) == sorted(
        p.name for p in tmp_path.iterdir())
    assert not [p for p in data.parent.iterdir() if p.name.startswith(".tmp-")]
    assert create_app(data).state.started == []


def test_a_restore_cut_before_its_first_rename_carries_the_app_s_things_back(year, tmp_path):
    """Killed after the app's things (the session key, the backups kept) were moved into
    the restored folder, before any rename: the data folder is whole, its app things are
    carried back at start, and the restore said not done."""
    client, _, data, b1, _ = year
    client.close()
    key = (data / APP_DIR / SESSION_KEY).read_bytes()
    new = data.with_name(".tmp-1-7")
    (new / APP_DIR).mkdir(parents=True)
    swapped.note_swap(data, new)
    swapped.carry(data / APP_DIR, new / APP_DIR)
    assert not (data / APP_DIR / SESSION_KEY).exists()
    assert create_app(data).state.started == [
        PUT_BACK, f"Bản khôi phục dở còn ở thư mục {new} (không dùng đến: có thể xóa)."]
    assert (data / APP_DIR / SESSION_KEY).read_bytes() == key
    assert not (data / APP_DIR / SWAP_NOTE).exists()
