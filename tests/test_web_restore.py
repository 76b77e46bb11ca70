"""A backup restored in the browser (web/pages/restore.py, web/restored.py): the plan page's
"Sao lưu dữ liệu" card took backups, but restoring one needed the terminal (`cchc-xl
restore`), which the office's specialist does not use. The ZIP is uploaded, checked as the
command checks it, the office asked with what it replaces, the folder as it was backed up
first, then replaced whole; the pages show the backup's data."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from test_backup import _flip_a_byte, _tables

from cchc_xl.backup import write_backup
from cchc_xl.data_folder import APP_DIR, BEFORE_RESTORE
from cchc_xl.master import init_master
from cchc_xl.web.security import Limits
from support.hostile import UNSAFE_BACKUPS, backup_with
from support.web import RETURNS, _client, _job, _sent, _token, _with_master, _worked_year
from support.windows import refuse_removing_read_only


def _text(page) -> str:
    return re.sub(r"\s+", " ", html.unescape(page.text))


def _files(root: Path) -> dict[str, bytes]:
    """The folder's files, without the app's own folder."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(APP_DIR)}


def _backup(client, token, data: Path, out: Path) -> Path:
    """The folder backed up on the plan page, the ZIP downloaded to ``out``."""
    _job(client, token, "/sao-luu")
    out.write_bytes(client.get("/sao-luu/tai-ve").content)
    return out


def _upload(client, token, zip_path: Path, name: str = "cchc-sao-luu.zip"):
    return client.post("/sao-luu/khoi-phuc", data={"csrf": token},
                       files={"backup": (name, zip_path.read_bytes(), "application/zip")})


def _asked(page) -> str:
    return re.search(r'name="token" value="([0-9a-f]+)"', page.text)[1]


def _restore(client, token, zip_path: Path) -> dict:
    page = _upload(client, token, zip_path)
    assert page.status_code == 200, page.text
    return _job(client, token, "/sao-luu/khoi-phuc/xac-nhan", data={"token": _asked(page)})


@pytest.fixture(scope="module")
def _year_made(tmp_path_factory):
    """The folder of :func:`year`, made once for the module (five merges and two reports:
    some 2.5 s, which each test paid again): the folder, b1, the pages at b1."""
    tmp_path = tmp_path_factory.mktemp("year")
    client, token, data = _worked_year(tmp_path, 2)
    returns = sorted(RETURNS.glob("*.xlsx"))
    then = {page: _tables(client.get(page).text)
            for page in ("/thu-nhan?ky=9T", "/bao-cao?ky=9T")}
    then["report"] = client.get("/bao-cao/9T/trang").text
    b1 = _backup(client, token, data, tmp_path / "b1.zip")
    assert _sent(client, token, [(p.name, p.read_bytes()) for p in returns[2:5]]
                 )["state"] == "done"
    _job(client, token, "/bao-cao/9T")
    assert client.get("/bao-cao/9T/trang").text != then["report"]
    client.close()
    return data, b1, then


@pytest.fixture
def year(_year_made, tmp_path):
    """A folder with two returns merged and the 9T report made, backed up (b1); then two
    more merged and the report made again: the client, its token, the folder, b1, and
    the pages' tables as they were at b1 (a copy of the module's, for each test)."""
    made, made_b1, then = _year_made
    data = tmp_path / "data"
    shutil.copytree(made, data, symlinks=True)
    b1 = tmp_path / made_b1.name
    shutil.copyfile(made_b1, b1)
    client = _client(data)
    return client, _token(client), data, b1, then


def test_a_backup_restored_in_the_browser_shows_its_data(year, tmp_path):
    """Uploaded, the backup is asked about with what it replaces (the plan, the periods,
    the files merged now and in it); restored, every page shows its figures, not the
    ones kept in memory from the folder before."""
    client, token, data, b1, then = year
    page = _upload(client, token, b1)
    said = _text(page)
    assert "Khôi phục từ tệp “cchc-sao-luu.zip”?" in said
    assert "nguyên vẹn" in said
    # What is replaced: 5 files merged now, 2 in the backup, both of 9 tháng.
    assert re.search(r"Số tệp đơn vị đã gộp</th><td[^>]*><b>5</b></td><td[^>]*><b>2</b>", said)
    assert "9 tháng năm 2023 (5 tệp)" in said and "9 tháng năm 2023 (2 tệp)" in said
    assert "Kế hoạch cải cách hành chính năm 2023" in said

    done = _job(client, token, "/sao-luu/khoi-phuc/xac-nhan", data={"token": _asked(page)})
    message = done["result"]["message"]
    assert message.startswith("Đã khôi phục ") and "“cchc-sao-luu.zip”" in message
    assert f"{APP_DIR}/{BEFORE_RESTORE}/cchc-truoc-khoi-phuc-" in message
    for page_path in ("/thu-nhan?ky=9T", "/bao-cao?ky=9T"):
        assert _tables(client.get(page_path).text) == then[page_path], page_path
    assert client.get("/bao-cao/9T/trang").text == then["report"]
    # The card offers the folder as it was, for download, and no question is left.
    card = _text(client.get("/"))
    assert "Khôi phục từ tệp" not in card
    link = re.search(r'href="(/sao-luu/truoc-khoi-phuc/(cchc-truoc-khoi-phuc-[^"]+\.zip))"',
                     card)
    assert link, card
    got = client.get(link[1])
    assert got.status_code == 200 and got.content[:2] == b"PK"
    # No temporary folder left beside the data folder.
    assert [p.name for p in data.parent.iterdir() if p.name.startswith(".tmp-")] == []


def test_the_folder_restored_over_is_removed_with_its_read_only_files(year, monkeypatch):
    """Files marked Read-only in the working folder (restored so from a backup, unpacked
    so from a zip a unit sent): on Windows, which removes no such file, the folder as it
    was stayed beside the data folder after each restore, "Thư mục cũ chưa xóa được, còn
    ở …: xóa bằng tay"."""
    client, token, data, b1, _ = year
    marked = [p for p in data.rglob("*") if p.is_file() and p.suffix != ".sqlite"
              and not p.relative_to(data).as_posix().startswith(APP_DIR)]
    assert len(marked) > 3
    for path in marked:
        path.chmod(0o444)
    refuse_removing_read_only(monkeypatch)
    message = _restore(client, token, b1)["result"]["message"]
    assert message.startswith("Đã khôi phục ") and "chưa xóa được" not in message, message
    assert [p.name for p in data.parent.iterdir() if p.name.startswith(".tmp-")] == []


def test_the_backup_made_before_restores_the_state_before(year, tmp_path):
    """A wrong restore undone: the backup made before it, restored, brings back the five
    files merged and the report made after b1."""
    client, token, data, b1, then = year
    now = {page: _tables(client.get(page).text) for page in ("/thu-nhan?ky=9T",)}
    report_now = client.get("/bao-cao/9T/trang").text
    files_now = _files(data)
    _restore(client, token, b1)
    assert _tables(client.get("/thu-nhan?ky=9T").text) == then["/thu-nhan?ky=9T"]
    before = next((data / APP_DIR / BEFORE_RESTORE).glob("*.zip"))
    saved = tmp_path / "truoc.zip"
    saved.write_bytes(before.read_bytes())
    _restore(client, token, saved)
    assert _tables(client.get("/thu-nhan?ky=9T").text) == now["/thu-nhan?ky=9T"]
    assert client.get("/bao-cao/9T/trang").text == report_now
    after = _files(data)
    assert {k for k in after if k != "cchc-ledger.sqlite" and k != "cchc-sao-luu.json"} == \
        {k for k in files_now if k != "cchc-ledger.sqlite"}
    # Each restore kept its own backup of the folder before.
    assert len(list((data / APP_DIR / BEFORE_RESTORE).glob("*.zip"))) == 2


@pytest.mark.parametrize("kind", ["damaged", "not a backup", *sorted(UNSAFE_BACKUPS)])
def test_a_damaged_or_hostile_backup_is_refused_and_nothing_changes(year, tmp_path, kind):
    """A ZIP that `cchc-xl restore` refuses is refused here, with the command's reason,
    before anything is asked; the data folder is left byte for byte."""
    client, token, data, b1, _ = year
    if kind == "damaged":
        bad = _flip_a_byte(b1, "ke-hoach.xlsx", tmp_path / "bad.zip")
        reason = ("tệp sao lưu không nguyên vẹn (ke-hoach.xlsx: hỏng, không giải nén được): "
                  "không khôi phục (chép lại tệp từ bản gốc")
    elif kind == "not a backup":
        bad = tmp_path / "bad.zip"
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("ghi-chu.txt", "x")
        reason = "không phải bản sao lưu của cchc-xl"
    else:
        name, body, link = UNSAFE_BACKUPS[kind]
        bad = backup_with(b1, tmp_path / "bad.zip", name, body, link)
        reason = "tệp sao lưu không an toàn"
    before = _files(data)
    sent = _upload(client, token, bad, "bad.zip")
    # Back at the page's top, where the message is (not the card, below it).
    assert not str(sent.url).endswith("#sao-luu")
    said = _text(sent)
    assert "Không khôi phục từ tệp này: tệp bad.zip: " in said, said
    assert reason in said
    assert "Dữ liệu hiện tại giữ nguyên." in said
    # Said for the page: the button that makes a backup, no command (the specialist has
    # no terminal; the command's words sent a ZIP not a backup to 'cchc-xl backup').
    refusal = re.search(r"Không khôi phục từ tệp này: .*?Dữ liệu hiện tại giữ nguyên\.", said)[0]
    assert "cchc-xl backup" not in refusal and "lệnh" not in refusal, refusal
    if kind != "damaged":
        assert "nút “Sao lưu và tải về” ở mục “Sao lưu dữ liệu” của trang Kế hoạch" in refusal
    assert "Khôi phục từ tệp “bad.zip”?" not in said
    assert _files(data) == before
    assert not list((data / APP_DIR / "tai-len").glob("*/bad.zip"))


def test_restoring_needs_the_form_token_and_the_login(year, tmp_path):
    """Without the page's form token nothing is uploaded nor restored; over the network,
    without the password's login, neither."""
    client, token, data, b1, _ = year
    before = _files(data)
    sent = client.post("/sao-luu/khoi-phuc",
                       files={"backup": ("b.zip", b1.read_bytes(), "application/zip")})
    assert sent.status_code == 403
    asked = _asked(_upload(client, token, b1))
    sent = client.post("/sao-luu/khoi-phuc/xac-nhan", data={"token": asked, "csrf": "x"})
    assert sent.status_code == 403
    assert _files(data) == before

    guarded = _client(data, password="mat-khau-dai")
    for path in ("/sao-luu/khoi-phuc", "/sao-luu/khoi-phuc/xac-nhan"):
        sent = guarded.post(path, data={"token": asked}, follow_redirects=False)
        assert sent.status_code in (302, 303, 401, 403), (path, sent.status_code)
    assert guarded.get("/sao-luu/truoc-khoi-phuc/x.zip", follow_redirects=False
                       ).status_code in (302, 303, 401, 403)
    assert _files(data) == before


def test_no_restore_while_a_job_runs_and_no_job_while_it_runs(year, tmp_path):
    """The restore is asked for only when no job runs or waits; while it runs, a form
    that would start one is refused (nothing written into the folder being replaced)."""
    client, token, data, b1, _ = year
    runner = client.app.state.runner
    asked = _asked(_upload(client, token, b1))
    with runner.exclusive():  # as a job running holds it
        waiting = runner.submit("merge", "Gộp tệp", lambda job: {})
        sent = client.post("/sao-luu/khoi-phuc/xac-nhan", data={"token": asked, "csrf": token})
        assert sent.status_code == 409
        assert "Đang có việc chạy hoặc chờ chạy (Gộp tệp)" in _text(sent)
    for _ in range(100):
        if waiting.finished:
            break
        import time
        time.sleep(0.05)
    runner.closed = "đang khôi phục dữ liệu từ bản sao lưu: chờ xong rồi làm lại"
    try:
        sent = client.post("/sao-luu", headers={"X-CSRF-Token": token})
        assert sent.status_code == 409
        assert "Đang khôi phục dữ liệu từ bản sao lưu" in _text(sent)
    finally:
        runner.closed = ""


def _two_folders(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "data", tmp_path / "new"
    for folder, text in ((a, "before"), (b, "restored")):
        folder.mkdir()
        (folder / "cchc-ledger.sqlite").write_text(text)
    return a, b


def _said(folder: Path) -> str:
    return (folder / "cchc-ledger.sqlite").read_text()


@pytest.mark.parametrize("exchange", ["renameat2", "two-renames"])
def test_the_folders_are_swapped_with_or_without_the_system_s_exchange(tmp_path, monkeypatch,
                                                                        exchange):
    """Where the system has no exchange of names (not Linux: Windows, macOS), the restore
    swaps the folders by two renames: the data folder holds the backup's files after,
    the folder swapped out the files before, and nothing is left beside them."""
    from cchc_xl import swapped

    if exchange == "two-renames":
        def no_libc(*args, **kwargs):
            raise OSError("no libc")
        monkeypatch.setattr(swapped.ctypes, "CDLL", no_libc)
    a, b = _two_folders(tmp_path)
    swapped.exchange(a, b)
    assert (_said(a), _said(b)) == ("restored", "before")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "new"]


def test_a_swap_that_fails_halfway_puts_the_data_folder_back(tmp_path, monkeypatch):
    """Two renames, the second refused (a file held open by another program, on Windows):
    the first is undone, the data folder as it was, under its own name, and the error
    raised (the restore says nothing was restored)."""
    from cchc_xl import swapped

    def no_libc(*args, **kwargs):
        raise OSError("no libc")
    monkeypatch.setattr(swapped.ctypes, "CDLL", no_libc)
    a, b = _two_folders(tmp_path)
    real, calls = swapped.os.rename, []

    def rename(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        if len(calls) == 2:
            raise PermissionError(13, "held open", str(src))
        real(src, dst)
    monkeypatch.setattr(swapped.os, "rename", rename)
    with pytest.raises(PermissionError):
        swapped.exchange(a, b)
    assert (_said(a), _said(b)) == ("before", "restored")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "new"]


def test_a_backup_over_the_upload_limit_is_told_so_at_the_card_s_page(year, tmp_path):
    """A backup bigger than the app takes (300 MB) was answered with the uploads' words,
    'mỗi lần tối đa 300 MB, mỗi tệp tối đa 30 MB. Chia thành nhiều lần tải lên', on a page
    of its own: a backup is one file, and its limit is not 30 MB. It is said of the
    backup, on the plan page, with what restores it; nothing changes."""
    _, _, data, b1, _ = year
    before = _files(data)
    for limits in (Limits(request_bytes=b1.stat().st_size // 2),  # the request cut off
                   Limits(backup_bytes=b1.stat().st_size // 2)):  # the file over its own
        client = _client(data, limits=limits)
        sent = _upload(client, _token(client), b1)
        assert sent.status_code == 200 and sent.url.path == "/"
        said = _text(sent)
        assert re.search(r"Tệp sao lưu lớn hơn [\d,]+ KB, quá giới hạn tải lên của ứng dụng: "
                         r"chưa khôi phục gì, dữ liệu hiện tại giữ nguyên\. Tệp lớn như vậy "
                         r"khôi phục bằng dòng lệnh", said), said[:3000]
        assert "Chia thành nhiều lần" not in said and "30 MB" not in said
    assert _files(data) == before


HH_NAMED = ("Kế hoạch cải cách hành chính năm 2023 — Ủy ban nhân dân huyện Hoằng Hóa "
            "(hoang-hoa-2023, năm 2023)")
OTHER_PLAN = ("Bản sao lưu không có kế hoạch đang dùng (mã “hoang-hoa-2023”): khôi phục thì "
              "các trang dùng kế hoạch trong bản sao lưu; kế hoạch đang dùng và mọi việc đã "
              "làm với nó chỉ còn trong bản sao lưu trước khi khôi phục. Chọn nhầm tệp (bản "
              "của năm trước, của cơ quan khác) thì bấm “Hủy”.")


def _plans_row(said: str) -> tuple[str, str]:
    """The question's row of plans: now, in the backup."""
    row = re.search(r'<th scope="row">Kế hoạch</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>',
                    said)
    assert row, said
    return row[1], row[2]


def _nothing_merged(tmp_path: Path) -> Path:
    """A folder with the plan put in use and the units' files made (Giao việc), no file
    returned yet, backed up: its ledger holds no plan."""
    import json

    (tmp_path / "giao").mkdir()
    data = _with_master(tmp_path / "giao")
    client = _client(data)
    _job(client, _token(client), "/giao-viec/9T")
    client.close()
    out = write_backup(data, tmp_path / "giao-viec.zip").path
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read("cchc-sao-luu.json"))["plans"] == []
    return out


def _other_commune(tmp_path: Path) -> Path:
    """Another commune's folder, its 2025 plan table put in use, backed up."""
    data = tmp_path / "hac-thanh"
    data.mkdir()
    init_master(data / "ke-hoach.xlsx", year=2025, level="xa", commune="Hạc Thành")
    return write_backup(data, tmp_path / "hac-thanh.zip").path


def test_a_backup_with_nothing_merged_names_the_plan_its_table_is(year, tmp_path):
    """A backup of a folder whose ledger holds no file merged (the plan put in use, the
    units' files made) was said to hold "Kế hoạch: không có", though its ZIP holds the
    plan table: it names the plan the table is, as the folder's is named."""
    client, token, _, _, _ = year
    said = _text(_upload(client, token, _nothing_merged(tmp_path), "giao-viec.zip"))
    assert "Khôi phục từ tệp “giao-viec.zip”?" in said
    assert _plans_row(said) == (HH_NAMED, HH_NAMED)
    assert "Bản sao lưu không có kế hoạch đang dùng" not in said


def test_a_backup_of_another_plan_is_said_to_replace_the_plan_in_use(year, tmp_path):
    """Another commune's backup (or last year's) replaces the plan in use, which the
    question said only in its table's row of plans: it says so in words, and what to do
    if the file was chosen by mistake. Its ledger holding no merged file, nothing was
    said (the plan was read from the ledger only). Both plans are named with whose they
    are: "…năm 2023 (hoang-hoa-2023…)" and "…năm 2025 (hac-thanh-2025…)" differed by
    their code alone. A backup of the plan in use says nothing of it."""
    client, token, _, b1, _ = year
    said = _text(_upload(client, token, _other_commune(tmp_path), "hac-thanh.zip"))
    assert "Khôi phục từ tệp “hac-thanh.zip”?" in said
    assert _plans_row(said) == (
        HH_NAMED, "Kế hoạch cải cách hành chính năm 2025 — Ủy ban nhân dân phường Hạc Thành "
                  "(hac-thanh-2025, năm 2025)")
    assert OTHER_PLAN in said
    said = _text(_upload(client, token, b1))
    assert _plans_row(said) == (HH_NAMED, HH_NAMED)
    assert "Bản sao lưu không có kế hoạch đang dùng" not in said


def test_a_backup_of_another_plan_over_the_ledger_in_use_is_said_to_replace_it(year,
                                                                                tmp_path):
    """A backup whose plan table is another plan (next year's, put in use over this
    year's ledger carried on) holds the plan in use in its ledger only: the pages use
    its table's plan once restored, so the question says the plan in use is replaced.
    It said nothing (the codes of the ledger's plans counted as the backup's)."""
    client, token, data, _, _ = year
    carried = tmp_path / "nam-sau"
    shutil.copytree(data, carried, symlinks=True, ignore=shutil.ignore_patterns(APP_DIR))
    init_master(carried / "ke-hoach.xlsx", year=2025, level="xa", commune="Hạc Thành")
    out = write_backup(carried, tmp_path / "nam-sau.zip").path
    said = _text(_upload(client, token, out, "nam-sau.zip"))
    assert "Khôi phục từ tệp “nam-sau.zip”?" in said
    assert _plans_row(said)[1].startswith(
        "Kế hoạch cải cách hành chính năm 2025 — Ủy ban nhân dân phường Hạc Thành")
    assert "9 tháng năm 2023 (5 tệp)" in said  # its ledger: this year's, carried on
    assert OTHER_PLAN in said


def test_the_last_restore_s_message_is_not_shown_under_the_next_question(year):
    """Restored, the card says so ("Đã khôi phục … từ tệp …"); a backup uploaded next is
    asked about without that message under its buttons, as if it were the answer to it.
    Answered (cancelled here), the card shows the last restore's message again, dated."""
    client, token, _, b1, _ = year
    _restore(client, token, b1)
    assert "Đã khôi phục " in _text(client.get("/"))
    asked = _upload(client, token, b1, "lan-hai.zip")
    said = _text(asked)
    assert "Khôi phục từ tệp “lan-hai.zip”?" in said
    assert "Đã khôi phục " not in said
    back = client.post("/sao-luu/khoi-phuc/huy", data={"csrf": token, "token": _asked(asked)})
    said = _text(back)
    assert "Khôi phục từ tệp “lan-hai.zip”?" not in said
    assert re.search(r"Khôi phục từ bản sao lưu</span> · <span class=\"job-state\">[^<]+"
                     r"</span><span class=\"job-when\"> · lúc \d\d:\d\d ngày", said), said
    assert "Đã khôi phục " in said
