"""Requests the browser stopped sending: a page closed or a connection lost mid-upload (a
clerk closing the tab while 80 returns go up, a laptop's Wi-Fi dropping off the office's
network), and a body whose multipart ends before its last part did. What the office sees
of them: nothing written down as the app's bug, nothing merged that was not wholly sent,
and the next upload taken as usual."""

from __future__ import annotations

import asyncio

from cchc_xl.web import create_app
from cchc_xl.web.jobs import BUG_LOG
from support.web import RETURNS, _client, _token, _wait, _with_master

BOUNDARY = "cutoffBOUNDARY"


def _multipart(csrf: str, files: list) -> bytes:
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
             f'{csrf}\r\n'.encode()]
    for path in files:
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
                     f'filename="{path.name}"\r\nContent-Type: application/octet-stream'
                     f'\r\n\r\n'.encode() + path.read_bytes() + b"\r\n")
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def _sent_halfway(app, body: bytes) -> BaseException | None:
    """``body`` POSTed to Thu nhận straight to the app (as uvicorn would pass it on), the
    browser gone after its first half: what the app raised to the server (which prints it
    as "Exception in ASGI application"), if anything."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/thu-nhan/9T", "raw_path":
             b"/thu-nhan/9T", "query_string": b"", "root_path": "",
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8765),
             "headers": [(b"host", b"127.0.0.1:8765"), (b"accept", b"application/json"),
                         (b"content-type", f"multipart/form-data; boundary={BOUNDARY}"
                          .encode()), (b"content-length", str(len(body)).encode())]}
    messages = [{"type": "http.request", "body": body[:len(body) // 2], "more_body": True},
                {"type": "http.disconnect"}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        pass  # no one to read it

    try:
        asyncio.run(app(scope, receive, send))
    except Exception as exc:  # noqa: BLE001 - what the server would print
        return exc
    return None


def test_a_page_closed_mid_upload_is_no_bug_of_the_app(tmp_path, capfd):
    """A browser gone mid-upload was the app's bug: "Exception in ASGI application" and
    two tracebacks in the console window the office keeps open, and each written into
    .cchc-web/loi.log, the file the office is told to send to whoever supports it."""
    data = _with_master(tmp_path)
    app = create_app(data)
    body = _multipart("no-matter", sorted(RETURNS.glob("*.xlsx"))[:3])
    assert _sent_halfway(app, body) is None
    assert not (data / ".cchc-web" / BUG_LOG).exists()
    said = capfd.readouterr()
    assert "Traceback" not in said.err + said.out
    assert not list((data / ".cchc-web").glob("tai-len/*"))  # nothing of it kept
    # The next upload, whole, is taken.
    client = _client(data)
    token = _token(client, "/thu-nhan")
    sent = client.post("/thu-nhan/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"},
                       files=[("files", (p.name, p.read_bytes())) for p in
                              sorted(RETURNS.glob("*.xlsx"))[:2]])
    assert sent.status_code == 200, sent.text
    assert _wait(client, sent.json())["state"] == "done"



def test_an_upload_whose_last_part_never_came_is_refused_whole(tmp_path):
    """A body that ends before its multipart's closing delimiter (cut off by a proxy, a
    program sending it that stopped, its length said as what was sent): the files wholly
    sent were merged, the one cut off and those after it dropped, unsaid: "Đã đọc 1 tệp"
    for three chosen. Now refused as a whole, said, nothing merged."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan")
    body = _multipart(token, sorted(RETURNS.glob("*.xlsx"))[:3])
    for cut in (len(body) // 2, len(body) - len(f"--{BOUNDARY}--\r\n")):
        sent = client.post("/thu-nhan/9T", content=body[:cut], headers={
            "X-CSRF-Token": token, "Accept": "application/json",
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
        assert sent.status_code == 400, sent.text
        assert sent.json()["error"] == (
            "Dữ liệu tải lên không trọn vẹn (đường truyền bị ngắt giữa chừng?): chưa nhận "
            "tệp nào của lần tải lên này. Tải lên lại các tệp.")
    assert not (data / "nhan-ve-9T").exists()
    # Sent whole, the same files are taken.
    sent = client.post("/thu-nhan/9T", content=body, headers={
        "X-CSRF-Token": token, "Accept": "application/json",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
    assert sent.status_code == 200, sent.text
    state = _wait(client, sent.json())
    assert state["state"] == "done"
    assert len(state["result"]["files"]) == 3
