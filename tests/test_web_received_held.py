"""A day received refused at Thu nhận, the form sent without the page's script: the files
sent with it are held by the app and listed on the page drawn again, and the form sent
with the day corrected merges them, without choosing them again (a browser cannot fill
a file input again; app.js keeps them itself when it runs)."""

from __future__ import annotations

import html
import os
import re
import time

import pytest

from cchc_xl import data_folder
from cchc_xl.errors import UsageError
from cchc_xl.snapshot import load_snapshot
from cchc_xl.web import pending
from support.web import RETURNS, _client, _token, _with_master, merged_at_start

SENT = ["TP-phong-tu-phap.xlsx", "NV-phong-noi-vu.xlsx"]


def _post(client, token: str, received: str, names: list[str]):
    """The form as a browser without script sends it: a plain POST, the page back."""
    files = [("files", (name, (RETURNS / name).read_bytes())) for name in names]
    return client.post("/thu-nhan/9T", data={"csrf": token, "received": received},
                       files=files or None, follow_redirects=True)


def _merged(data, count: int) -> list:
    for _ in range(600):
        ledger = data / "cchc-ledger.sqlite"
        try:
            subs = load_snapshot(ledger, "9T").submissions if ledger.exists() else []
        except UsageError:  # the merge has made the ledger, not yet written its plan
            subs = []
        if len(subs) >= count:
            return subs
        time.sleep(0.1)
    raise AssertionError("not merged")


def test_files_sent_with_a_refused_day_are_merged_once_the_day_is_corrected(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")

    page = html.unescape(_post(client, token, "01/01/2999", SENT).text)
    assert "Ngày nhận 01/01/2999 chưa tới" in page
    said = re.search(r'<p class="held-said">(.*?)</p>', page, re.S)
    assert said, "the files sent are not listed as received"
    said = re.sub(r"<[^>]+>", "", said[1])
    assert said.startswith("Đã nhận 2 tệp: NV-phong-noi-vu.xlsx, TP-phong-tu-phap.xlsx;")
    assert "sửa ô “Ngày nhận” ở trên rồi bấm “Gộp các tệp đã nhận” để gộp" in said
    assert ">Gộp các tệp đã nhận</button>" in page
    # The day as typed, to correct (today's date there read as a day taken).
    assert re.search(r'name="received" value="01/01/2999" aria-invalid="true"', page)
    # Held, not merged: not by the refused day, nor when the app starts again.
    assert not (data / "cchc-ledger.sqlite").exists()
    assert pending.left(client.app.state.workspace.app_dir) == []
    # Another browser (another session) has none of them to send.
    other = _client(data)
    refused = html.unescape(_post(other, _token(other, "/thu-nhan?ky=9T"), "18/09/2023",
                                  []).text)
    assert "Chưa chọn tệp nào" in refused and "Đã nhận 2 tệp" not in refused

    # Refused again (no file chosen this time): still held, still listed.
    page = html.unescape(_post(client, token, "31/31/2023", []).text)
    assert "Ngày nhận '31/31/2023' không phải ngày" in page and "Đã nhận 2 tệp:" in page
    assert 'value="31/31/2023"' in page

    # The day corrected, no file chosen: both merged, with that day.
    _post(client, token, "18/09/2023", [])
    subs = _merged(data, 2)
    assert sorted(s.unit for s in subs) == ["NV", "TP"]
    assert {s.received for s in subs} == {"2023-09-18"}
    for _ in range(600):
        page = html.unescape(client.get("/thu-nhan?ky=9T").text)
        if 'data-state="done"' in page:
            break
        time.sleep(0.1)
    assert "Gộp 2 tệp kỳ 9 tháng năm 2023 (nhận ngày 18/09/2023)" in page
    events = re.search(r"<ol class=\"events\"[^>]*>(.*?)</ol>", page, re.S)[1]
    assert all(name in events for name in SENT), events
    assert "held-said" not in page  # sent: nothing held any more
    # Sent once: the same form sent again has nothing to merge.
    page = html.unescape(_post(client, token, "18/09/2023", []).text)
    assert "Chưa chọn tệp nào" in page


def test_files_held_and_never_sent_again_are_removed_a_day_later(tmp_path):
    """Held files nobody sent again are neither merged nor kept for ever: the day after,
    the app (starting, or the page asking) removes them."""
    import os

    data = _with_master(tmp_path)
    client = _client(data)
    _post(client, _token(client, "/thu-nhan?ky=9T"), "01/01/2999", SENT[:1])
    app_dir = client.app.state.workspace.app_dir
    (note,) = (app_dir / data_folder.PENDING_DIR).glob("*.json")
    (path,) = pending.held(app_dir, note.stem, "9T").paths
    assert path.is_file() and pending.held(app_dir, note.stem, "8T") is None
    assert pending.held(app_dir, "../" + note.stem, "9T") is None  # a token, not a path
    old = time.time() - pending.HELD_SECONDS - 60
    os.utime(note, (old, old))
    assert pending.left(app_dir) == []
    assert not note.exists() and not path.exists() and not path.parent.exists()
    assert "held-said" not in client.get("/thu-nhan?ky=9T").text


def test_a_folder_picked_without_script_is_merged(tmp_path):
    """"Chọn thư mục" without the page's script: the browser sends the folder's files
    under the folder picker's own field; they were ignored ("Chưa chọn tệp nào")."""
    data = _with_master(tmp_path)
    client = _client(data)
    files = [("folder", (f"returns/{name}", (RETURNS / name).read_bytes())) for name in SENT]
    page = client.post("/thu-nhan/9T", data={"csrf": _token(client, "/thu-nhan?ky=9T"),
                                             "received": "18/09/2023"},
                       files=files, follow_redirects=True)
    assert "Chưa chọn tệp nào" not in html.unescape(page.text)
    assert sorted(s.unit for s in _merged(data, 2)) == ["NV", "TP"]


def test_held_files_sent_by_mistake_can_be_dropped(tmp_path):
    """"Bỏ các tệp này" beside the held files (as the page's script offers for its own):
    without it, files sent by mistake with a refused day were merged with the next
    upload, whatever the office chose then."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")
    page = html.unescape(_post(client, token, "01/01/2999", SENT).text)
    assert 'name="held" value="drop">Bỏ các tệp này</button>' in page
    app_dir = client.app.state.workspace.app_dir
    (note,) = (app_dir / data_folder.PENDING_DIR).glob("*.json")
    paths = pending.held(app_dir, note.stem, "9T").paths

    page = html.unescape(client.post("/thu-nhan/9T", data={
        "csrf": token, "received": "01/01/2999", "held": "drop"}, follow_redirects=True).text)
    assert "Đã bỏ 2 tệp đã nhận (không gộp)." in page
    assert "held-said" not in page and 'aria-invalid="true"' not in page
    assert not note.exists() and not any(p.exists() for p in paths)
    # The next upload merges what it sends, and only that.
    _post(client, token, "18/09/2023", SENT[:1])
    assert [s.unit for s in _merged(data, 1)] == ["TP"]


def test_a_lock_file_passed_over_with_a_refused_day_is_listed_when_the_files_are_merged(
        tmp_path):
    """A lock file sent with files whose day was refused is listed "Bỏ qua", with its
    reason, when the held files are merged, as it is with a day taken at once: it was
    listed nowhere (the office could not tell it had been seen)."""
    from cchc_xl.intake.collect import LOCK_FILE

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")
    lock = "~$NV-phong-noi-vu.xlsx"
    files = [("files", (name, (RETURNS / name).read_bytes())) for name in SENT[:1]]
    files.append(("files", (lock, b"lock")))
    page = client.post("/thu-nhan/9T", data={"csrf": token, "received": "01/01/2999"},
                       files=files, follow_redirects=True)
    assert "Đã nhận 1 tệp:" in html.unescape(page.text)

    _post(client, token, "18/09/2023", [])
    assert [s.unit for s in _merged(data, 1)] == ["TP"]
    for _ in range(600):
        page = html.unescape(client.get("/thu-nhan?ky=9T").text)
        if 'data-state="done"' in page:
            break
        time.sleep(0.1)
    events = re.search(r"<ol class=\"events\"[^>]*>(.*?)</ol>", page, re.S)[1]
    line = next((li for li in re.findall(r"<li.*?</li>", events, re.S) if lock in li), "")
    assert "Bỏ qua" in line and LOCK_FILE in line, events
    assert "Đã đọc 1 tệp, bỏ qua 1 tệp" in page


class _Died(Exception):
    """The server dying in the middle of a request (a test's stand-in)."""


@pytest.mark.parametrize("started", ["at once", "a day later"])
def test_held_files_sent_as_the_server_dies_are_merged_once_and_offered_no_more(
        tmp_path, monkeypatch, started):
    """The held files sent with the day corrected, the server dying once their note to
    merge is written, before the held one is forgotten (the browser never heard back,
    its session still holds them): the app starting again merged them, and the page
    still offered them held ("Đã nhận 2 tệp…", "Gộp các tệp đã nhận", merged again);
    started a day after they were held, it removed them as held files nobody sent
    again, and merged nothing ("Các tệp tải lên trước khi ứng dụng dừng không còn").
    They are merged once, with the day corrected, and held no more."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")
    assert "Đã nhận 2 tệp:" in html.unescape(_post(client, token, "01/01/2999", SENT).text)
    app_dir = client.app.state.workspace.app_dir
    (held,) = (app_dir / data_folder.PENDING_DIR).glob("*.json")

    def die(note):
        raise _Died

    monkeypatch.setattr(pending, "forget", die)
    with pytest.raises(_Died):
        _post(client, token, "18/09/2023", [])
    monkeypatch.undo()
    if started == "a day later":
        old = time.time() - pending.HELD_SECONDS - 60
        os.utime(held, (old, old))
    with _client(data, cookies=client.cookies) as again:
        job = merged_at_start(again, "9T")
        subs = load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
        assert sorted((s.unit, s.received) for s in subs) == [
            ("NV", "2023-09-18"), ("TP", "2023-09-18")], job.result
        page = html.unescape(again.get("/thu-nhan?ky=9T").text)
        assert "held-said" not in page and "Gộp các tệp đã nhận" not in page
    assert list((app_dir / data_folder.PENDING_DIR).iterdir()) == []
