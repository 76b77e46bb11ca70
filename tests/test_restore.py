"""A backup restored (cchc_xl/restore.py, `cchc-xl restore BACKUP.zip --to FOLDER`): the
backup checked whole first, written into a new folder only, renamed into place once every
file is whole. Unzipped by hand over the working folder, a backup silently lost what was
done after it, and another office's replaced the folder's ledger and plan (a QA pass)."""

from __future__ import annotations

import errno
import html
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from test_backup import THU, _flip_a_byte, _tables

from cchc_xl import restore as R
from cchc_xl.errors import CchcError
from cchc_xl.ledger import LEDGER_NAME as LEDGER
from support.hostile import UNSAFE_BACKUPS, backup_with
from support.safety import cli, output_folder
from support.web import RETURNS, _client, _job, _worked_year
from support.windows import refuse_removing_read_only


@pytest.fixture
def folder(ledger_db, tmp_path) -> Path:
    return output_folder(ledger_db, tmp_path)


@pytest.fixture
def made(folder, tmp_path) -> Path:
    result = cli("backup", folder, "--out", tmp_path / "b.zip", "--silent")
    assert result.exit_code == 0, result.output
    return tmp_path / "b.zip"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _report(ledger: Path) -> dict:
    """The 6T figures the command reads from ``ledger`` (its --json), without the paths."""
    out = ledger.parent.parent / f"bao-cao-{ledger.parent.name}.xlsx"
    result = cli("report", ledger, "--period", "6T", "--out", out, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures
    return json.loads(result.output.replace(str(ledger.parent), "").replace(str(out), ""))


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".tmp-"))


def test_a_backup_is_restored_into_a_new_folder_with_the_same_figures(folder, made, tmp_path):
    """Restoring was "unzip into an empty folder": nothing checked the backup first,
    nothing kept it from being unzipped over the folder in use. `cchc-xl restore` makes a
    new folder holding every file, byte for byte, and says what and what next."""
    target = tmp_path / "khoi phuc" / "cchc-2023"  # its parent made too; a space in it
    result = cli("restore", made, "--to", target, "--silent")
    assert result.exit_code == 0, result.output
    restored = _files(target)
    # Every file as it was; the ledger as SQLite's backup copied it (the same rows).
    assert {k: v for k, v in restored.items() if k not in ("cchc-sao-luu.json", LEDGER)} \
        == {k: v for k, v in _files(folder).items() if k != LEDGER}
    with sqlite3.connect(target / LEDGER) as db, sqlite3.connect(folder / LEDGER) as was:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert list(db.iterdump()) == list(was.iterdump())
    assert _report(target / "cchc-ledger.sqlite") == _report(folder / "cchc-ledger.sqlite")
    assert re.search(rf"^Đã khôi phục {len(restored) - 1} tệp \([\d,]+ KB\) vào thư mục "
                     rf".*cchc-2023, từ bản sao lưu .*b\.zip \(sao lưu lúc \d\d:\d\d ngày "
                     r"\d\d/\d\d/20\d\d bằng cchc-xl \S+\)\.$", result.output, re.M), result.output
    assert f"Kế hoạch: Kế hoạch cải cách hành chính năm 2023{THU} (thu-2023, năm 2023)." \
        in result.output
    assert f'Bước tiếp theo: mở ứng dụng trên thư mục đó: cchc-xl serve --data "{target}".' \
        in result.output
    assert _leftovers(target.parent) == []
    # Permissions: the ZIP's, less the umask; never wider.
    mode = stat.S_IMODE((target / "cchc-ledger.sqlite").stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode & ~(stat.S_IMODE((folder / "cchc-ledger.sqlite").stat().st_mode) & ~umask) == 0


def test_a_year_restored_is_served_as_it_was(tmp_path):
    """The web app's folder (files given, returns merged, report) restored by the command
    and served: the same plan, board and report."""
    client, token, data = _worked_year(tmp_path, 4)
    _job(client, token, "/sao-luu")
    assert cli("backup", data, "--out", tmp_path / "b.zip", "--silent").exit_code == 0

    result = cli("restore", tmp_path / "b.zip", "--to", tmp_path / "moi", "--silent")
    assert result.exit_code == 0, result.output
    assert "Kế hoạch: Kế hoạch cải cách hành chính năm 2023" in result.output
    # The plan page's backup card restores in the browser, and names the command for
    # those who use it: the backup by its name, a new folder beside the data folder,
    # and never over the data folder.
    card = re.sub(r"\s+", " ", html.unescape(client.get("/").text).split('id="sao-luu"')[1])
    made = next((data / ".cchc-web" / "sao-luu").glob("*.zip")).name
    new, at = data.resolve().with_name("data-khoi-phuc"), data.resolve()
    assert (f"Dùng dòng lệnh: <code>cchc-xl restore {made} --to {new}</code> khôi phục vào "
            "một thư mục mới, không đụng tới thư mục đang dùng, rồi "
            f"<code>cchc-xl serve --data {new}</code>. Đừng giải nén đè lên thư mục làm việc "
            f"đang dùng ({at}): mọi việc làm sau lúc sao lưu (gộp, rút tệp, đánh giá) sẽ "
            "mất.") in card
    again = _client(tmp_path / "moi")
    for page in ("/", "/giao-viec?ky=9T", "/thu-nhan?ky=9T"):
        assert _tables(again.get(page).text) == _tables(client.get(page).text), page
    assert _tables(client.get("/thu-nhan?ky=9T").text)
    assert again.get("/bao-cao/9T/trang").text == client.get("/bao-cao/9T/trang").text
    assert "stale-report" not in html.unescape(again.get("/bao-cao?ky=9T").text)


@pytest.mark.parametrize("what", ["working folder", "one file"])
def test_a_folder_holding_anything_is_never_restored_into(folder, made, tmp_path, what):
    """`unzip -o` of a backup over the working folder replaced the ledger, losing every
    merge made since: restore writes into no folder holding anything, which is left
    byte for byte as it was."""
    if what == "one file":
        folder = tmp_path / "trong"
        folder.mkdir()
        (folder / "ghi-chu.txt").write_text("x", encoding="utf-8")
    before = _files(folder)
    result = cli("restore", made, "--to", folder)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Lỗi: thư mục {folder}: thư mục đã có ")
    assert ("chỉ khôi phục vào thư mục trống, để không ghi đè hay làm mất gì trong thư mục "
            f"đang dùng (chạy lại với một thư mục mới, chưa có, ví dụ --to {folder}-khoi-phuc: "
            f"lệnh tự tạo thư mục đó; {folder} được giữ nguyên)") in result.output
    assert _files(folder) == before
    assert _leftovers(folder.parent) == []


def test_an_empty_folder_is_restored_into(made, tmp_path):
    target = tmp_path / "trong"
    target.mkdir()
    assert cli("restore", made, "--to", target, "--silent").exit_code == 0
    assert (target / "cchc-ledger.sqlite").is_file()


def test_a_file_or_a_link_is_no_folder_to_restore_into(made, tmp_path):
    a_file = tmp_path / "tep.txt"
    a_file.write_text("x", encoding="utf-8")
    result = cli("restore", made, "--to", a_file)
    assert result.exit_code == 2 and "đây là một tệp, cần tên một thư mục mới" in result.output
    (tmp_path / "trong").mkdir()
    (tmp_path / "lien-ket").symlink_to(tmp_path / "trong")
    result = cli("restore", made, "--to", tmp_path / "lien-ket")
    assert result.exit_code == 2 and "không khôi phục vào liên kết" in result.output
    assert list((tmp_path / "trong").iterdir()) == []


def test_a_damaged_backup_restores_nothing(made, tmp_path):
    """One byte changed in a file of the backup: refused, its file named, the folder not
    made."""
    damaged = _flip_a_byte(made, "bao-cao-6T.html", tmp_path / "hong.zip")
    target = tmp_path / "moi"
    result = cli("restore", damaged, "--to", target)
    assert result.exit_code == 1, result.output
    assert (f"Lỗi: tệp {damaged}: tệp sao lưu không nguyên vẹn (bao-cao-6T.html: hỏng, không "
            f"giải nén được): không khôi phục, chưa tạo thư mục {target} (chép lại tệp từ bản "
            "gốc") in result.output
    assert not target.exists() and _leftovers(tmp_path) == []


def test_what_is_no_backup_restores_nothing(tmp_path):
    other = tmp_path / "khac.zip"
    shutil.make_archive(str(other.with_suffix("")), "zip", RETURNS)
    result = cli("restore", other, "--to", tmp_path / "moi")
    assert result.exit_code == 2, result.output
    assert "không phải bản sao lưu của cchc-xl" in result.output
    assert not (tmp_path / "moi").exists()


@pytest.mark.parametrize("case", sorted(UNSAFE_BACKUPS))
def test_an_unsafe_backup_restores_nothing(made, tmp_path, case):
    name, data, link = UNSAFE_BACKUPS[case]
    odd = backup_with(made, tmp_path / f"{case}.zip", name, data, link)
    target = tmp_path / "moi"
    result = cli("restore", odd, "--to", target)
    assert result.exit_code == 1, result.output
    assert "tệp sao lưu không an toàn" in result.output and "Traceback" not in result.output
    assert not target.exists() and _leftovers(tmp_path) == []
    assert not (tmp_path.parent / "thoat-ra.txt").exists()


def test_a_full_disk_midway_leaves_nothing(made, tmp_path, monkeypatch):
    """The disk full at the third file: one line saying so, no folder, the temporary one
    removed; restored again once there is room."""
    real, calls = R.write_chunk, []

    def full_at_third(out, chunk):
        calls.append(chunk)  # one chunk a file (each smaller than 1 MB)
        if len(calls) >= 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(out, chunk)

    monkeypatch.setattr(R, "write_chunk", full_at_third)
    target = tmp_path / "moi"
    result = cli("restore", made, "--to", target, "--silent")
    assert result.exit_code == 3, result.output
    line = result.output.strip()
    assert "\n" not in line and "Traceback" not in line
    assert re.fullmatch(rf"Lỗi: không khôi phục được vào thư mục {re.escape(str(target))}: ổ "
                        r"đĩa đầy: không ghi được \S+ \(ổ đĩa đầy\); phần đã giải nén được xóa, "
                        r"chưa tạo thư mục đó \(giải phóng chỗ trên ổ đĩa hoặc chọn nơi khác "
                        r"rồi chạy lại\)", line), line
    assert not target.exists() and _leftovers(tmp_path) == []
    monkeypatch.setattr(R, "write_chunk", real)
    assert cli("restore", made, "--to", target, "--silent").exit_code == 0


def test_a_restore_stopped_midway_removes_the_read_only_files_it_wrote(folder, tmp_path,
                                                                     monkeypatch):
    """The files of a folder marked Read-only are restored Read-only (each gets the
    permissions the ZIP gives it): on Windows, which removes no such file, a restore
    stopped midway left the temporary folder with them beside the target."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.chmod(0o444)
    assert cli("backup", folder, "--out", tmp_path / "b.zip", "--silent").exit_code == 0
    real, calls = R.write_chunk, []

    def full_at_third(out, chunk):
        calls.append(chunk)
        if len(calls) >= 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(out, chunk)

    monkeypatch.setattr(R, "write_chunk", full_at_third)
    refuse_removing_read_only(monkeypatch)
    target = tmp_path / "moi"
    result = cli("restore", tmp_path / "b.zip", "--to", target, "--silent")
    assert result.exit_code == 3 and "phần đã giải nén được xóa" in result.output, \
        result.output
    assert not target.exists() and _leftovers(tmp_path) == []


def test_a_backup_changed_while_restored_restores_nothing(made, tmp_path, monkeypatch):
    """Checked whole, then changed before its files are written (a copy still being made
    onto the USB stick): each file is hashed again as it is written."""
    real_open, real_extract, extracting = zipfile.ZipFile.open, R._extract, []

    def open_changed(self, name, *args, **kwargs):
        fh = real_open(self, name, *args, **kwargs)
        if not extracting or getattr(name, "filename", name) != "bao-cao-6T.html":
            return fh
        with fh:
            return io.BytesIO(fh.read().replace("báo".encode(), "bão".encode()))

    def extract(*args, **kwargs):
        extracting.append(True)
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_changed)
    monkeypatch.setattr(R, "_extract", extract)
    target = tmp_path / "moi"
    with pytest.raises(CchcError) as caught:
        R.restore_backup(made, target)
    assert caught.value.exit_code == 1
    assert caught.value.message == ("tệp sao lưu thay đổi trong lúc khôi phục (bao-cao-6T.html: "
                                    "nội dung khác với lúc sao lưu): không khôi phục, chưa tạo "
                                    f"thư mục {target}")
    assert not target.exists() and _leftovers(tmp_path) == []


def test_the_help_says_each_exit_code():
    """backup can exit 3 (a full disk, the ledger held too long) and its help did not say
    so (a QA pass); restore's says its four, and backup's points to it."""
    said = re.sub(r"\s+", " ", cli("backup", "--help").output)
    assert ("3: không ghi được tệp sao lưu lúc này (ổ đĩa đầy, không có quyền ghi, sổ cái bị "
            "gộp hay chương trình khác giữ quá lâu: không ghi gì, sửa rồi chạy lại)") in said
    assert "Khôi phục: cchc-xl restore TỆP.zip --to THƯ_MỤC_MỚI." in said
    said = re.sub(r"\s+", " ", cli("restore", "--help").output)
    for code in ("Mã thoát 0: đã khôi phục;", "1: tệp sao lưu hỏng", "2: gọi lệnh sai",
                 "3: không ghi được lúc này"):
        assert code in said, code
