"""A restore in the browser cut off between the two renames of its swap (no exchange of
names: Windows, macOS), then a command given the data folder, or a file in it, instead of
the app: the command puts the folder back first (cchc_xl/swapped.py) and says so on
stderr, as the app's start does, or refuses, naming both folders. Before, ``backup``
failed on the missing folder, and ``restore --to`` it made a new folder in its place, the
office's data left beside it under a hidden name, for the next start to call a restore's
leftover that may be deleted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import test_web_restore
from click.testing import CliRunner
from test_web_restore_cut import PUT_BACK, _cut, _files, two_claimants

from cchc_xl.cli import main
from cchc_xl.data_folder import APP_DIR, SWAP_NOTE
from support.paths import ROOT

year = test_web_restore.year  # the folder merged, its backup b1, then more merged
_year_made = test_web_restore._year_made  # made once for the module, copied by year


def _left(data: Path) -> Path:
    """The restored folder the cut left beside the data folder."""
    [left] = [p for p in data.parent.iterdir() if p.name.startswith(".tmp-")]
    return left


def _run(*args: str):
    return CliRunner().invoke(main, [*args])


def test_backup_puts_a_cut_restore_back_first(year, tmp_path, monkeypatch):
    """``cchc-xl backup FOLDER`` after the cut: the folder as it was before the restore
    is given its name back, said on stderr, and backed up (exit 0)."""
    client, _, data, b1, _ = year
    client.close()
    before = _files(data)
    _cut(monkeypatch, data, b1)
    out = tmp_path / "usb" / "b2.zip"
    out.parent.mkdir()
    result = _run("backup", str(data), "--out", str(out), "--silent")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        PUT_BACK, f"Bản khôi phục dở còn ở thư mục {_left(data)} (không dùng đến: có thể xóa)."]
    assert _files(data) == before
    assert not (data / APP_DIR / SWAP_NOTE).exists()
    assert result.stdout.startswith(f"Đã ghi {out}: ")
    checked = _run("backup", "--check", str(out))
    assert checked.exit_code == 0 and "Mọi tệp nguyên vẹn" in checked.stdout
    assert _run("backup", str(data), "--out", str(out), "--silent").stderr == ""  # said once


def test_restore_into_the_folder_of_a_cut_restore_puts_it_back_and_refuses(
        year, tmp_path, monkeypatch):
    """``cchc-xl restore B.zip --to FOLDER`` after the cut: the folder is put back, said,
    and then holds the office's files, so the command restores nothing into it (exit 2,
    as for any folder in use). Before, the backup was restored in the folder's place."""
    client, _, data, b1, _ = year
    client.close()
    before = _files(data)
    _cut(monkeypatch, data, b1)
    result = _run("restore", str(b1), "--to", str(data), "--silent")
    assert result.exit_code == 2, result.output
    said = result.stderr.splitlines()
    assert said[0] == PUT_BACK
    assert said[-1].startswith(f"Lỗi: thư mục {data}: thư mục đã có ")
    assert _files(data) == before


def test_report_from_the_ledger_of_a_cut_restore_puts_it_back_first(year, tmp_path,
                                                                   monkeypatch):
    """The commands given a file in the folder (here report, its ledger) put it back too:
    the report is made from the folder's ledger as it was (exit 0)."""
    client, _, data, b1, _ = year
    client.close()
    ledger = (data / "cchc-ledger.sqlite").read_bytes()
    _cut(monkeypatch, data, b1)
    out = tmp_path / "bc.xlsx"
    result = _run("report", str(data / "cchc-ledger.sqlite"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == PUT_BACK
    assert (data / "cchc-ledger.sqlite").read_bytes() == ledger and out.is_file()


def test_a_command_refuses_when_it_cannot_tell_which_folder_is_the_data(year, tmp_path,
                                                                      monkeypatch):
    """Two folders beside it both say they are the data folder set aside: the command
    does nothing, renames nothing, and says so naming them, as the app's start does
    (exit 2)."""
    data, aside, other, listed = two_claimants(year, monkeypatch)
    out = tmp_path / "usb" / "b2.zip"
    result = _run("backup", str(data), "--out", str(out), "--silent")
    assert result.exit_code == 2, result.output
    said = result.stderr
    assert said.startswith(f"Lỗi: lần khôi phục trước bị ngắt giữa chừng: thư mục làm việc "
                           f"{data} không còn (hoặc trống)")
    assert str(aside) in said and str(other) in said
    assert "không tự chọn được thư mục nào, lệnh chưa làm gì" in said
    assert "đổi tên nó thành data" in said
    assert sorted(p.name for p in data.parent.iterdir()) == listed
    assert not out.parent.exists()


def test_every_command_but_serve_puts_a_cut_restore_back():
    """serve's app does it at its start (create_app)."""
    assert sorted(name for name, c in main.commands.items()
                  if not getattr(c.callback, "puts_back_cut", False)) == ["serve"]


def test_the_put_back_loads_no_web_framework():
    """The commands call it: it imports the app folder's layout, not the web app."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, cchc_xl.swapped, cchc_xl.cli; "
         "print(sorted({m.split('.')[0] for m in sys.modules} & {'starlette', 'jinja2'}))"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
