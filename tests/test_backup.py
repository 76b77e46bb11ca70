"""A backup of the data folder (cchc_xl/backup.py, `cchc-xl backup`, the plan page's
"Sao lưu dữ liệu"): restored into an empty folder it is the year's work; the ledger in
it is whole, never copied in the middle of a merge or of another program's write."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sqlite3
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from cchc_xl import data_folder
from cchc_xl import ledger as L
from cchc_xl.backup import BACKUP_KIND, MANIFEST, write_backup
from cchc_xl.backup_check import verify_backup
from cchc_xl.errors import OutputError
from cchc_xl.ledger.lock import ledger_lock
from support.hostile import UNSAFE_BACKUPS, backup_with
from support.safety import cli, output_folder
from support.web import RETURNS, _client, _job, _sent, _token, _with_master, _worked_year

# The test plans' authority (support/report.py), as a backup names whose plan it holds.
THU = " — Ủy ban nhân dân huyện Thử"


def _unzipped(zip_path: Path, folder: Path) -> Path:
    folder.mkdir()
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    return folder


def _tables(text: str) -> list[str]:
    """The page's tables and its plan facts: what it shows of the year's work, without
    the form tokens and the jobs' boxes (this server's own)."""
    text = re.sub(r'name="csrf" value="[^"]*"', "", html.unescape(text))
    return re.findall(r"<table.*?</table>|<ul class=\"facts\">.*?</ul>", text, re.S)


def test_a_year_backed_up_in_the_browser_is_restored_whole(tmp_path):
    """Nothing let the specialist take a backup of the year's work: a folder copied while
    a merge wrote the ledger could hold half of it. The plan page's "Sao lưu" makes a ZIP
    that, unzipped into an empty folder and served, shows the same plan, board and
    report; its ledger is whole."""
    client, token, data = _worked_year(tmp_path, 12)
    (data / ".cchc-web" / "loi.log").write_text("một lỗi cũ\n", encoding="utf-8")

    plan_page = html.unescape(client.get("/").text)
    assert 'id="sao-luu"' in plan_page and "Sao lưu và tải về (.zip)" in plan_page
    # Every page's footer points there.
    assert '<a href="/#sao-luu">Sao lưu dữ liệu</a>' in html.unescape(
        client.get("/thu-nhan?ky=9T").text)
    done = _job(client, token, "/sao-luu")
    assert done["result"]["download"] == "/sao-luu/tai-ve"  # followed: the download starts
    assert re.match(r"Đã sao lưu \d+ tệp vào tệp cchc-sao-luu-hoang-hoa-2023-"
                    r"\d{8}-\d{4}\.zip \([\d,]+ MB\)\.$", done["result"]["message"]), done
    got = client.get("/sao-luu/tai-ve")
    assert got.status_code == 200
    assert re.search(r'filename="cchc-sao-luu-hoang-hoa-2023-\d{8}-\d{4}\.zip"',
                     got.headers["content-disposition"])
    zip_path = tmp_path / "sao-luu.zip"
    zip_path.write_bytes(got.content)
    assert verify_backup(zip_path) == []
    names = zipfile.ZipFile(zip_path).namelist()
    assert "cchc-ledger.sqlite" in names and "ke-hoach.xlsx" in names
    assert any(n.startswith("cchc-archive/") for n in names)
    assert ".cchc-web/loi.log" in names
    # The session key (a secret) and the app's scratch places (the backup itself) left out.
    assert not [n for n in names if n.startswith((".cchc-web/session-key", ".cchc-web/sao-luu"))]
    # The plan page offers it again, with its time and size.
    assert "Tải lại bản sao lưu lúc" in html.unescape(client.get("/").text)

    restored = _unzipped(zip_path, tmp_path / "khoi-phuc")
    with sqlite3.connect(restored / "cchc-ledger.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = _client(restored)
    for page in ("/", "/giao-viec?ky=9T", "/thu-nhan?ky=9T"):  # plan, files given, board
        before, after = client.get(page), again.get(page)
        assert after.status_code == 200
        assert _tables(before.text), page
        assert _tables(after.text) == _tables(before.text), page
    # The report: the same page, its downloads, and not said to be out of date.
    report = html.unescape(again.get("/bao-cao?ky=9T").text)
    assert "Báo cáo (dự thảo Word)" in report and "stale-report" not in report
    assert again.get("/bao-cao/9T/trang").text == client.get("/bao-cao/9T/trang").text
    assert "Tổng số" in again.get("/bao-cao/9T/trang").text


def test_nothing_to_download_before_a_backup_is_made(tmp_path):
    client = _client(_with_master(tmp_path))
    got = client.get("/sao-luu/tai-ve")
    assert got.status_code == 404
    assert "Chưa có bản sao lưu" in html.unescape(got.text)


@pytest.fixture
def folder(ledger_db, tmp_path) -> Path:
    return output_folder(ledger_db, tmp_path)


def _rows(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM submissions").fetchone()[0]


def test_a_backup_waits_for_a_merge_writing_the_ledger(folder, tmp_path):
    """A merge holds the ledger: the backup waits, saying so as a second merge does, and
    copies it once the merge is done."""
    db = folder / L.LEDGER_NAME
    said: list[str] = []
    released = threading.Event()

    def merge_holding() -> None:
        with ledger_lock(db):
            time.sleep(1.0)
            released.set()

    holder = threading.Thread(target=merge_holding)
    holder.start()
    time.sleep(0.2)
    made = write_backup(folder, tmp_path / "b.zip", waiting=said.append)
    holder.join()
    assert released.is_set()
    assert said == [f"Sổ cái {db} đang được một lần gộp khác ghi: đang chờ (tối đa 120 "
                    "giây)..."]
    assert made.databases == [L.LEDGER_NAME]
    # Given up after the time asked for, with the merge's words, and nothing written.
    with ledger_lock(db), pytest.raises(OutputError) as refused:
        write_backup(folder, tmp_path / "c.zip", wait_seconds=0.3)
    assert "sổ cái đang được một lần gộp khác ghi; đã chờ 0.3 giây" in str(refused.value)
    assert not (tmp_path / "c.zip").exists()
    assert not list(tmp_path.glob(".tmp-*"))


def test_another_program_s_write_is_never_copied_half_done(folder, tmp_path):
    """A write not committed by another connection is not in the copy, which SQLite
    finds whole; one that keeps the ledger locked is waited for, then said."""
    db = folder / L.LEDGER_NAME
    rows = _rows(db)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM submissions")
    write_backup(folder, tmp_path / "b.zip")
    restored = _unzipped(tmp_path / "b.zip", tmp_path / "r")
    with sqlite3.connect(restored / L.LEDGER_NAME) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _rows(restored / L.LEDGER_NAME) == rows > 0
    writer.execute("COMMIT")
    writer.execute("BEGIN EXCLUSIVE")  # a commit under way: nobody may read
    try:
        with pytest.raises(OutputError) as refused:
            write_backup(folder, tmp_path / "c.zip", wait_seconds=0.3)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert ("sổ cái đang bị chương trình khác ghi; đã chờ 0.3 giây: chưa sao lưu"
            in str(refused.value))
    assert not (tmp_path / "c.zip").exists()


def test_what_a_backup_leaves_out(folder, tmp_path):
    """Temporary and lock files, a link out of the folder (listed), an earlier backup's
    manifest; a link inside is kept as the file it leads to."""
    outside = tmp_path / "rieng-tu.txt"
    outside.write_text("bí mật", encoding="utf-8")
    (folder / "ra-ngoai.txt").symlink_to(outside)
    (folder / "ben-trong.html").symlink_to(folder / "bao-cao-6T.html")
    for name in ("~$tong-hop.xlsx", ".~lock.tong-hop.xlsx#", ".tmp-99999-1.xlsx",
                 f"{L.LEDGER_NAME}.lock", MANIFEST):
        (folder / name).write_bytes(b"x")
    result = cli("backup", folder, "--out", tmp_path / "b.zip", "--silent")
    assert result.exit_code == 0, result.output
    names = set(zipfile.ZipFile(tmp_path / "b.zip").namelist())
    assert {"ben-trong.html", "bao-cao-6T.html", L.LEDGER_NAME, MANIFEST} <= names
    assert not {"ra-ngoai.txt", "~$tong-hop.xlsx", ".~lock.tong-hop.xlsx#", ".tmp-99999-1.xlsx",
                f"{L.LEDGER_NAME}.lock"} & names
    assert ("Lưu ý: không sao lưu ra-ngoai.txt: liên kết tới tệp hoặc thư mục ngoài thư mục "
            "làm việc: không sao lưu.") in result.output
    manifest = json.loads(zipfile.ZipFile(tmp_path / "b.zip").read(MANIFEST))
    assert manifest["left_out"] == [{"path": "ra-ngoai.txt", "reason": (
        "liên kết tới tệp hoặc thư mục ngoài thư mục làm việc: không sao lưu")}]
    assert {f["path"] for f in manifest["files"]} == names - {MANIFEST}
    assert manifest["cchc_xl"] and manifest["made_at"]
    assert re.search(r"Đã ghi .*b\.zip: \d+ tệp, [\d,]+ (KB|MB) \(sổ cái cchc-ledger\.sqlite",
                     result.output)


def test_a_backup_is_never_written_into_what_it_backs_up(folder, tmp_path):
    plan = folder / "ke-hoach.xlsx"
    shutil.copyfile(Path(__file__).parent.parent / "workbooks" / "hoang-hoa-2023" / "master.xlsx",
                    plan)
    inside = cli("backup", folder, "--out", folder / "sao-luu.zip")
    assert inside.exit_code == 2
    assert "tệp sao lưu nằm trong thư mục được sao lưu" in inside.output
    assert not (folder / "sao-luu.zip").exists()
    assert cli("backup", folder, "--out", plan).exit_code == 2  # the plan, an input
    other = tmp_path / "tra-loi.zip"
    other.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # a ZIP of the office's, not a backup
    refused = cli("backup", folder, "--out", other)
    assert refused.exit_code == 2
    assert "đã có tệp này và đó là một tệp khác, không phải tệp sao lưu" in refused.output
    assert cli("backup", folder, "--out", tmp_path / "b.txt").exit_code == 2
    # A backup made before is replaced; the ledger given stands for its folder.
    first = cli("backup", folder / L.LEDGER_NAME, "--out", tmp_path / "b.zip", "--silent")
    assert first.exit_code == 0, first.output
    assert cli("backup", folder, "--out", tmp_path / "b.zip", "--silent").exit_code == 0


def test_a_large_file_is_streamed(folder, tmp_path):
    """Memory does not grow with what the folder holds: a 64 MB file is copied in chunks."""
    with open(folder / "lon.bin", "wb") as fh:
        fh.write(os.urandom(1 << 16) * 1024)
    tracemalloc.start()
    try:
        write_backup(folder, tmp_path / "b.zip")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, peak
    assert verify_backup(tmp_path / "b.zip") == []


# --- checking a backup (cchc-xl backup --check) ---------------------------------------

@pytest.fixture
def made(folder, tmp_path) -> Path:
    result = cli("backup", folder, "--out", tmp_path / "b.zip", "--silent")
    assert result.exit_code == 0, result.output
    return tmp_path / "b.zip"


def test_a_whole_backup_is_checked_and_described(made):
    result = cli("backup", "--check", made)
    assert result.exit_code == 0, result.output
    files = len(json.loads(zipfile.ZipFile(made).read(MANIFEST))["files"])
    assert re.search(r"Tệp sao lưu .*b\.zip: sao lưu lúc \d\d:\d\d ngày \d\d/\d\d/20\d\d "
                     r"bằng cchc-xl \S+, từ thư mục .*ket-qua\.", result.output)
    assert f"Kế hoạch: Kế hoạch cải cách hành chính năm 2023{THU} (thu-2023, năm 2023)." \
        in result.output
    assert re.search(rf"Gồm {files} tệp, [\d,]+ KB khi giải nén \(sổ cái: cchc-ledger\.sqlite\)\.",
                     result.output)  # not the .zip's size, which the backup said
    assert ("Mọi tệp nguyên vẹn (đúng kích thước và mã SHA-256 lúc sao lưu): dùng được để "
            "khôi phục.") in result.output


def _flip_a_byte(zip_path: Path, member: str, out: Path) -> Path:
    """A copy of ``zip_path`` with one byte in the middle of ``member``'s data changed."""
    with zipfile.ZipFile(zip_path) as zf:
        info = zf.getinfo(member)
    data = bytearray(zip_path.read_bytes())
    name_len, extra_len = (int.from_bytes(data[info.header_offset + at:info.header_offset
                                               + at + 2], "little") for at in (26, 28))
    data[info.header_offset + 30 + name_len + extra_len + info.compress_size // 2] ^= 1
    out.write_bytes(bytes(data))
    return out


def test_a_byte_changed_in_a_file_of_the_backup_is_named(made, tmp_path):
    archived = next(n for n in zipfile.ZipFile(made).namelist() if n.endswith(".xlsx"))
    for member in ("bao-cao-6T.html", archived):  # deflated, stored
        result = cli("backup", "--check", _flip_a_byte(made, member, tmp_path / "x.zip"))
        assert result.exit_code == 1, result.output
        assert f"Lỗi: {member}: hỏng, không giải nén được." in result.output
        assert result.output.count("Lỗi:") == 1  # the other files are whole
        assert re.search(r"Có 1/\d+ tệp không nguyên vẹn: không dùng bản sao lưu này để khôi "
                         r"phục \(chép lại tệp từ bản gốc", result.output)


def test_a_file_rewritten_in_the_backup_is_named(made, tmp_path):
    """A ZIP rewritten whole (its checksums right) with a file changed: its hash says so."""
    changed = tmp_path / "sua.zip"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data.replace(b"b\xc3\xa1o", b"B\xc3\xa1o")
                         if info.filename == "bao-cao-6T.html" else data)
    result = cli("backup", "--check", changed)
    assert result.exit_code == 1, result.output
    assert "Lỗi: bao-cao-6T.html: nội dung khác với lúc sao lưu." in result.output


def test_a_backup_cut_short_is_told_what_to_do(made, tmp_path):
    cut = tmp_path / "cat.zip"
    cut.write_bytes(made.read_bytes()[:made.stat().st_size // 2])
    result = cli("backup", "--check", cut)
    assert result.exit_code == 1
    assert result.output == (
        f"Lỗi: tệp {cut}: tệp sao lưu hỏng hoặc chưa chép hết (không đọc được danh mục tệp "
        "bên trong): không dùng để khôi phục được (chép lại tệp từ bản gốc trên USB hoặc "
        "thư điện tử, hoặc sao lưu lại thư mục làm việc, rồi kiểm tra lại)\n")


def _cut_after(zip_path: Path, info: zipfile.ZipInfo) -> bytes:
    """The bytes of ``zip_path`` up to the end of ``info``'s data, as a copy cut short there."""
    data = zip_path.read_bytes()
    name_len, extra_len = (int.from_bytes(data[info.header_offset + at:info.header_offset
                                               + at + 2], "little") for at in (26, 28))
    return data[:info.header_offset + 30 + name_len + extra_len + info.compress_size]


def test_a_backup_cut_short_inside_a_stored_document_is_told_cut_short(folder, tmp_path):
    """A copy cut short right after a document stored whole in the backup (a report, a
    letter: zipped already, so stored) ends with that document's own directory, which
    the ZIP reader then reads as the backup's: it was called "không phải bản sao lưu"
    (exit 2), of a file the tool made, instead of cut short (exit 1)."""
    report = cli("report", folder / "cchc-ledger.sqlite", "--period", "6T", "--out",
                 folder / "bao-cao.xlsx",
                 "--docx", folder / "bao-cao.docx")
    assert report.exit_code == 0, report.output
    made = tmp_path / "b.zip"
    assert cli("backup", folder, "--out", made, "--silent").exit_code == 0
    cut = tmp_path / "cat.zip"
    with zipfile.ZipFile(made) as zf:
        for info in zf.infolist():
            if info.compress_type != zipfile.ZIP_STORED or info.header_offset == 0:
                continue
            cut.write_bytes(_cut_after(made, info))
            try:
                zipfile.ZipFile(cut).close()  # read as a ZIP of its own: the case
                break
            except zipfile.BadZipFile:
                continue
        else:
            raise AssertionError("no stored document in the backup")
    result = cli("backup", "--check", cut)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Lỗi: tệp {cut}: tệp sao lưu hỏng hoặc chưa chép hết "
                                    "(không đọc được danh mục tệp bên trong)")


def test_what_is_no_backup_is_refused_as_a_usage_error(tmp_path):
    workbook = tmp_path / "ke-hoach.zip"
    shutil.copyfile(Path(__file__).parent.parent / "workbooks" / "hoang-hoa-2023"
                    / "master.xlsx", workbook)
    text = tmp_path / "ghi-chu.zip"
    text.write_text("không phải zip", encoding="utf-8")
    for path, said in ((workbook, "không phải bản sao lưu của cchc-xl: không có danh sách "
                                  f"tệp {MANIFEST} bên trong"),
                       (text, "không phải tệp .zip")):
        result = cli("backup", "--check", path)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Lỗi: tệp {path}: {said} (chọn tệp .zip do lệnh "
                                        "'cchc-xl backup'")
    assert cli("backup", "--check", workbook, tmp_path).exit_code == 2  # check, or back up
    assert "cần THƯ_MỤC và --out TỆP để sao lưu" in cli("backup").output


def test_a_backup_that_unzips_beyond_bounds_is_not_read(tmp_path):
    """A member that inflates hundreds of times (a ZIP bomb) is refused from the ZIP's
    directory, before anything is unzipped."""
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("so-cai.sqlite", b"\0" * (8 << 20))
        zf.writestr(MANIFEST, json.dumps({"what": BACKUP_KIND,
                                          "files": [{"path": "so-cai.sqlite", "size": 8 << 20,
                                                     "sha256": "0" * 64}]}))
    result = cli("backup", "--check", bomb)
    assert result.exit_code == 1
    assert re.match(rf"Lỗi: tệp {re.escape(str(bomb))}: tệp sao lưu bất thường \(tệp "
                    r"so-cai\.sqlite nén [\d.]+ lần\): không đọc", result.output)


@pytest.mark.parametrize("case", sorted(UNSAFE_BACKUPS))
def test_a_backup_that_unzips_out_of_its_folder_or_holds_links_is_not_fit(made, tmp_path, case):
    """A backup holding a file named out of the folder it is unzipped into ("../",
    "/tmp/...", "..\\", "C:/"), or a link, each listed with its size and SHA-256 as the
    backup command lists them, was called whole and fit to restore from, exit 0 (a QA
    pass): unzipped, it writes beside or over the office's other files. No backup cchc-xl
    writes has either: told unsafe, not to be unzipped, exit 1."""
    name, data, link = UNSAFE_BACKUPS[case]
    odd = backup_with(made, tmp_path / f"{case}.zip", name, data, link)
    result = cli("backup", "--check", odd)
    assert result.exit_code == 1, result.output
    said = (f"tệp {name} nằm ngoài thư mục giải nén" if not link else
            f"{name} là liên kết tới chỗ khác, không phải tệp")
    assert (f"tệp sao lưu không an toàn ({said}): đừng giải nén, không dùng bản sao lưu này "
            "để khôi phục (dùng bản sao lưu do chính cơ quan ghi bằng lệnh 'cchc-xl backup' "
            "hoặc nút \"Sao lưu dữ liệu\", hoặc sao lưu lại thư mục làm việc)") in result.output
    assert "dùng được để khôi phục" not in result.output and "Traceback" not in result.output
    assert verify_backup(odd) != []


def test_uploads_not_merged_yet_are_merged_where_the_backup_is_restored(tmp_path, monkeypatch):
    """The server stopped with an upload saved and not merged (or the backup made while
    it waited in the queue): the backup had its file but not the app's note of it, so
    the copy restored on a new computer never merged it (or merged it later, with that
    day as the day received). The note goes with its files: the restored app merges the
    upload when it starts, with the day the office gave. An upload held for the office
    to send again (its day refused) is left out and listed: no session restored can send
    it, and in the period's folder with no note it would pass for a file received."""
    from datetime import date

    from cchc_xl.snapshot import load_snapshot
    from cchc_xl.vocab import ACCEPTED
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import Workspace
    from support.clock import set_clock
    from support.web import merged_at_start

    set_clock(monkeypatch, date(2027, 1, 5))  # NV's file, sent without a day: received then
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    ws = Workspace(data)
    left = ws.new_upload_path(ws.intake_dir("9T"), "TP.xlsx")
    left.write_bytes((RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())
    pending.remember(ws.app_dir, "9T", [left], date(2023, 9, 18))  # then the server died
    held = ws.new_upload_path(ws.intake_dir("9T"), "X01.xlsx")
    held.write_bytes((RETURNS / "X01-thi-tran-but-son.xlsx").read_bytes())
    pending.hold(ws.app_dir, "9T", [held], [])
    held_rel = held.relative_to(data).as_posix()

    result = cli("backup", data, "--out", tmp_path / "b.zip", "--silent")
    assert result.exit_code == 0, result.output
    unmerged = ("Lưu ý: lần tải lên kỳ 9T chưa gộp lúc sao lưu (nhận ngày 18/09/2023, 1 tệp): "
                "có trong bản sao lưu, ứng dụng gộp khi mở trên thư mục khôi phục.")
    held_out = (f"Lưu ý: không sao lưu {held_rel}: tệp tải lên đang được giữ chờ cơ quan gửi "
                "lại (ngày nhận bị từ chối, hoặc chờ bấm “Gộp vào kỳ…”), chưa gộp: khôi phục "
                "xong, tải tệp lên lại nếu cần gộp.")
    assert unmerged in result.output and held_out in result.output, result.output
    checked = cli("backup", "--check", tmp_path / "b.zip")
    assert checked.exit_code == 0, checked.output
    assert unmerged in checked.output and held_out in checked.output, checked.output
    manifest = json.loads(zipfile.ZipFile(tmp_path / "b.zip").read(MANIFEST))
    (noted,) = manifest["unmerged"]
    assert (noted["period"], noted["received"], noted["files"]) == (
        "9T", "2023-09-18", [left.relative_to(data).as_posix()])
    assert held_rel not in zipfile.ZipFile(tmp_path / "b.zip").namelist()
    # The page's button says the held file is left out; its backup holds the note too.
    done = _job(client, token, "/sao-luu")["result"]
    assert done["message"].endswith(
        " Không sao lưu 1 tệp tải lên đang được giữ chờ cơ quan gửi lại (ngày nhận bị từ chối, "
        "hoặc chờ bấm “Gộp vào kỳ…”), chưa gộp: khôi phục xong, tải tệp lên lại nếu cần gộp."
    ), done["message"]
    web_zip = tmp_path / "web.zip"
    web_zip.write_bytes(client.get("/sao-luu/tai-ve").content)
    assert noted["note"] in zipfile.ZipFile(web_zip).namelist()

    restored = _unzipped(tmp_path / "b.zip", tmp_path / "khoi-phuc")
    with _client(restored) as started:  # the app on the new computer
        job = merged_at_start(started)
        board = html.unescape(started.get("/thu-nhan?ky=9T").text)
    assert job.result["message"].startswith(
        "Các tệp tải lên trước khi ứng dụng dừng: Đã đọc 1 tệp."), job.result["message"]
    subs = load_snapshot(restored / "cchc-ledger.sqlite", "9T").submissions
    assert sorted((s.unit, s.outcome, s.received) for s in subs) == [
        ("NV", ACCEPTED, "2027-01-05"), ("TP", ACCEPTED, "2023-09-18")]
    tp = re.search(r'<tr data-state="([^"]*)"[^>]*>\s*<td class="unit-code">TP</td>.*?</tr>',
                   board, re.S)
    assert tp[1] == "dung-han" and "18/09/2023" in tp[0], tp[0]
    assert not list((restored / ".cchc-web" / data_folder.PENDING_DIR).glob("*.json"))


def test_an_upload_noted_while_the_backup_runs_goes_with_its_files_or_not_at_all(tmp_path):
    """An upload saved before the backup began and noted while it copied the folder
    (its merge queued meanwhile): its note is in the backup with its file. One whose file
    came after the folder was listed is not: the backup has no file for it, and a note of
    a file missing would only say, where restored, that its files are gone. Nor one whose
    file was copied half saved: restored, it would be merged as a damaged file. A held
upload sent again as the backup looked is one to merge: its file is not left out."""
    from datetime import date

    from cchc_xl.web import pending
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    ws = Workspace(data)
    before = ws.new_upload_path(ws.intake_dir("9T"), "TP.xlsx")
    before.write_bytes((RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())
    # Being saved as the backup copies it: half of it in the backup.
    half = ws.new_upload_path(ws.intake_dir("9T"), "X01.xlsx")
    body = (RETURNS / "X01-thi-tran-but-son.xlsx").read_bytes()
    half.write_bytes(body[:len(body) // 2])
    # Held (its day refused), then sent again with the day corrected: noted to merge
    # before its held note is forgotten (intake.upload), both there as the backup looks.
    again = ws.new_upload_path(ws.intake_dir("9T"), "X02.xlsx")
    again.write_bytes((RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())
    pending.hold(ws.app_dir, "9T", [again], [])
    sent = pending.remember(ws.app_dir, "9T", [again], date(2023, 9, 21))
    notes = []

    def meanwhile(n: int, total: int, rel: str) -> None:
        if n == 0:  # the folder listed, nothing copied yet
            notes.append(pending.remember(ws.app_dir, "9T", [before], date(2023, 9, 18)))
            after = ws.new_upload_path(ws.intake_dir("9T"), "NV.xlsx")
            after.write_bytes((RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())
            notes.append(pending.remember(ws.app_dir, "9T", [after], date(2023, 9, 19)))
        if n == total:  # every file copied: the half one saved whole, then noted
            half.write_bytes(body)
            notes.append(pending.remember(ws.app_dir, "9T", [half], date(2023, 9, 20)))

    made = write_backup(data, tmp_path / "b.zip", progress=meanwhile)
    assert len(notes) == 3 and not made.lost
    names = zipfile.ZipFile(tmp_path / "b.zip").namelist()
    manifest = json.loads(zipfile.ZipFile(tmp_path / "b.zip").read(MANIFEST))
    assert sorted((u["note"], u["received"], u["files"]) for u in manifest["unmerged"]) == [
        (f".cchc-web/chua-gop/{note.name}", day, [path.relative_to(data).as_posix()])
        for note, day, path in sorted([(notes[0], "2023-09-18", before),
                                       (sent, "2023-09-21", again)])]
    assert again.relative_to(data).as_posix() in names and not made.left_out
    assert not {f".cchc-web/chua-gop/{notes[1].name}", f".cchc-web/chua-gop/{notes[2].name}"
                } & set(names)
    assert not [n for n in names if n.endswith("NV.xlsx")]
    assert verify_backup(tmp_path / "b.zip") == []


def test_a_backup_names_an_imported_plan_as_the_pages_do(tmp_path):
    """A plan imported from a Word document keeps its heading in capitals ("KẾ HOẠCH CẢI
    CÁCH HÀNH CHÍNH XÃ HOẰNG HÓA NĂM 2023"); the app's pages write it in sentence case, the
    place with its capitals. ``backup --check`` printed it in capitals."""
    from support.report import build_ledger, tiny_master

    master = tiny_master()
    master.plan.title = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH XÃ HOẰNG HÓA NĂM 2023"
    master.plan.authority = "ỦY BAN NHÂN DÂN XÃ HOẰNG HÓA"
    folder = tmp_path / "ket-qua"
    folder.mkdir()
    build_ledger(folder / L.LEDGER_NAME, master)
    assert cli("backup", folder, "--out", tmp_path / "b.zip", "--silent").exit_code == 0
    result = cli("backup", "--check", tmp_path / "b.zip")
    assert result.exit_code == 0, result.output
    assert ("Kế hoạch: Kế hoạch cải cách hành chính xã Hoằng Hóa năm 2023 "
            f"({master.plan.key}, năm {master.plan.year}).") in result.output


def test_an_emptied_ledger_is_told_not_backed_up_as_fit_to_restore(folder, tmp_path):
    """A ledger emptied (0 bytes) was backed up without a word (exit 0), and "backup
    --check" then called the copy whole and fit to restore from, with none of the
    merges in it (a QA pass). It is left out and told as a problem, exit 1; the check of
    the copy says it was left out, and why."""
    (folder / L.LEDGER_NAME).write_bytes(b"")
    result = cli("backup", folder, "--out", tmp_path / "b.zip", "--silent")
    assert result.exit_code == 1, result.output
    assert (f"Cảnh báo: không sao lưu {L.LEDGER_NAME}: sổ cái rỗng (0 byte), không còn lần "
            "gộp nào trong đó: khôi phục sổ cái từ một bản sao lưu trước rồi sao lưu lại."
            ) in result.output
    names = set(zipfile.ZipFile(tmp_path / "b.zip").namelist())
    assert L.LEDGER_NAME not in names and "bao-cao-6T.html" in names
    checked = cli("backup", "--check", tmp_path / "b.zip")
    assert f"Lưu ý: không sao lưu {L.LEDGER_NAME}: sổ cái rỗng (0 byte)" in checked.output
    assert (folder / L.LEDGER_NAME).stat().st_size == 0  # the folder is as it was


# --- a backup replaced only by one that holds what it held ------------------------------

def _emptied(db: Path) -> None:
    db.write_bytes(b"")


def _written_over(db: Path) -> None:
    db.write_text("ghi nhầm\n", encoding="utf-8")


@pytest.mark.parametrize(("damage", "why"), [
    (_emptied, "sổ cái rỗng (0 byte), không còn lần gộp nào trong đó"),
    (_written_over, "không còn là cơ sở dữ liệu SQLite (bị ghi đè hoặc hỏng)"),
    (Path.unlink, "không còn trong thư mục"),
], ids=["emptied", "written-over", "removed"])
def test_a_backup_without_the_ledger_never_replaces_one_with_it(folder, tmp_path, damage, why):
    """Backed up every evening to the same file (the guide's "--out E:/sao-luu/cchc.zip"),
    a ledger emptied, written over or removed replaced the one copy of the ledger with a
    backup without it (exit 1, or 0), and the warning said to restore the ledger from an
    earlier backup: the one just written over (a QA pass). The backup there is kept as it
    is, said so, exit 2; a backup under another name is written as before."""
    first = cli("backup", folder, "--out", tmp_path / "b.zip", "--silent")
    assert first.exit_code == 0, first.output
    kept = (tmp_path / "b.zip").read_bytes()
    damage(folder / L.LEDGER_NAME)
    result = cli("backup", folder, "--out", tmp_path / "b.zip", "--silent")
    assert result.exit_code == 2, result.output
    assert re.search(r"Lỗi: tệp .*b\.zip: không ghi đè bản sao lưu đã có \(sao lưu lúc "
                     r"\d\d:\d\d ngày \d\d/\d\d/\d{4}\): bản mới sẽ thiếu những gì bản đó có "
                     rf"— (sổ cái )?{L.LEDGER_NAME}: {re.escape(why)}.*; bản đó được giữ "
                     r"nguyên, chưa sao lưu gì \(giữ tệp này để khôi phục, sao lưu ra tệp có "
                     r"tên khác", result.output)
    assert "Traceback" not in result.output
    assert (tmp_path / "b.zip").read_bytes() == kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.zip", "ket-qua"]  # no leftovers
    assert L.LEDGER_NAME in zipfile.ZipFile(tmp_path / "b.zip").namelist()
    elsewhere = cli("backup", folder, "--out", tmp_path / "c.zip", "--silent")
    assert elsewhere.exit_code in (0, 1) and (tmp_path / "c.zip").is_file()


def test_another_plan_s_folder_never_replaces_this_plan_s_backup(tmp_path):
    """Last year's folder (or another office's) backed up to the file of this year's
    backup replaced it without a word; kept, and said whose each is. This plan's folder
    backed up again replaces its backup, as before."""
    from support.report import build_ledger, tiny_master

    folders = {}
    for code, year in (("thu-2023", 2023), ("thu-2022", 2022)):
        master = tiny_master()
        master.plan.code, master.plan.year = code, year
        master.plan.title = f"Kế hoạch cải cách hành chính năm {year}"
        folders[code] = tmp_path / code
        folders[code].mkdir()
        build_ledger(folders[code] / L.LEDGER_NAME, master)
    out = tmp_path / "cchc.zip"
    assert cli("backup", folders["thu-2023"], "--out", out, "--silent").exit_code == 0
    kept = out.read_bytes()
    result = cli("backup", folders["thu-2022"], "--out", out, "--silent")
    assert result.exit_code == 2, result.output
    assert (f"đó là bản sao lưu của kế hoạch khác (Kế hoạch cải cách hành chính năm 2023{THU} "
            f"(thu-2023, năm 2023)), thư mục này là của Kế hoạch cải cách hành chính năm 2022"
            f"{THU} (thu-2022, năm 2022); bản đó được giữ nguyên, chưa sao lưu gì"
            ) in result.output
    assert out.read_bytes() == kept
    again = cli("backup", folders["thu-2023"], "--out", out, "--silent")
    assert again.exit_code == 0, again.output


def test_the_app_keeps_its_backup_holding_the_ledger_the_next_one_lacks(tmp_path):
    """The app keeps its last backup for download and removed the one before: made after
    the ledger was emptied, the new backup removed the only one holding it. Kept, and the
    box says where, in the warning colour."""
    from cchc_xl.data_folder import APP_DIR, BACKUPS
    from cchc_xl.web import common
    from cchc_xl.web.jobs import Job
    from cchc_xl.web.pages.backup import make
    from cchc_xl.web.workspace import Workspace
    from support.report import build_ledger, tiny_master

    data = tmp_path / "data"
    data.mkdir()
    build_ledger(data / L.LEDGER_NAME, tiny_master())
    ws = Workspace(data)
    old = ws.app_dir / BACKUPS / "cchc-sao-luu-20230101-0800.zip"
    write_backup(data, old)
    (data / L.LEDGER_NAME).write_bytes(b"")
    done = make(ws, Job("1", "backup", "Sao lưu dữ liệu"), "/sao-luu/tai-ve")
    assert old.is_file() and L.LEDGER_NAME in zipfile.ZipFile(old).namelist()
    assert "Giữ lại bản sao lưu lúc " in done["message"]
    assert (f" ở {data / APP_DIR / BACKUPS / old.name}: bản mới sẽ thiếu những gì bản đó có "
            f"— {L.LEDGER_NAME}: sổ cái rỗng (0 byte)") in done["message"]
    assert done["tone"] == common.tone(True)
