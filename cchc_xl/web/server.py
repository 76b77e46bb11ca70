"""Running the app: a uvicorn server on a socket we open ourselves (so a busy port is one
clear message, and port 0 picks a free one), and the browser opened on it."""

from __future__ import annotations

import errno
import signal
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

import uvicorn

from ..errors import UsageError
from ..temporary import scratch_of_the_process, sweep_dead_scratch
from .app import create_app
from .security import is_loopback

MIN_PASSWORD = 8


def open_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise _not_opened(host, port, exc) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _not_opened(host: str, port: int, exc: OSError) -> UsageError:
    """The port refused, said in Vietnamese (the system's reason is English: "Address
    already in use"). Busy is most often cchc-xl itself, started before in another
    window: its address is the way back to it."""
    if exc.errno == errno.EADDRINUSE:
        return UsageError(f"không mở được cổng {port} trên {host}: cổng đang được dùng",
                          hint=f"có thể cchc-xl đã chạy ở một cửa sổ dòng lệnh khác: mở "
                               f"{_url(host, port)} trên trình duyệt; hoặc chạy với cổng "
                               "khác: --port 0 tự chọn một cổng trống")
    if exc.errno == errno.EACCES:
        return UsageError(f"không mở được cổng {port} trên {host}: máy không cho dùng cổng "
                          "này", hint="chọn cổng từ 1024 trở lên bằng --port, ví dụ --port 8765")
    return UsageError(f"không mở được cổng {port} trên {host} ({exc.strerror})",
                      hint="kiểm tra --host (địa chỉ của chính máy này), hoặc chọn cổng khác "
                           "bằng --port")


def address(sock: socket.socket, host: str) -> str:
    return _url(host, sock.getsockname()[1])


def _url(host: str, port: int) -> str:
    """The address a browser on this machine opens (all interfaces: the loopback one)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def serve(data_dir: Path, *, host: str = "127.0.0.1", port: int = 8765,
          password: str | None = None, open_browser: bool = True,
          say: Callable[[str], None] = print) -> None:
    """Serve the app over ``data_dir`` until Ctrl+C. A host other than this computer
    needs a password (kept hashed in memory only)."""
    if not is_loopback(host) and not password:
        raise UsageError("mở cho máy khác (--host) thì phải đặt mật khẩu")
    if password is not None and len(password) < MIN_PASSWORD:
        raise UsageError(f"mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD} ký tự")
    app = create_app(Path(data_dir), password=password or None)
    for line in app.state.started:  # a restore cut off midway, put right
        say(line)
    sock = open_socket(host, port)
    url = address(sock, host)
    say(f"cchc-xl đang chạy tại {url} (thư mục làm việc: {Path(data_dir).resolve()}).")
    if password:
        say(f"Máy khác mở bằng địa chỉ của máy này, cổng {sock.getsockname()[1]}, "
            "và mật khẩu vừa đặt.")
    say("Nhấn Ctrl+C để dừng.")
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    # No "server: uvicorn" header: what runs the app is nobody's business on the network.
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    server = uvicorn.Server(config)
    if hasattr(signal, "SIGHUP"):
        # The terminal window closed: stop as on Ctrl+C, after the uploads already taken
        # are merged (the default would end the process at once, uploads unmerged).
        signal.signal(signal.SIGHUP, lambda sig, frame: server.handle_exit(signal.SIGTERM,
                                                                           frame))
    # A server or a merge killed outright before: its temporary folder removed; this
    # server's temporary files (the libraries' too) in one named for it (issue #11),
    # removed as it stops. Stopped by SIGTERM (or SIGHUP), uvicorn raises the signal again
    # once shut down, which ended the process before the folder was removed: it is raised
    # again after.
    sweep_dead_scratch()
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        with scratch_of_the_process("serve", fork_server=True):
            server.run(sockets=[sock])
    except _Stopped:
        signal.signal(signal.SIGTERM, previous)
        signal.raise_signal(signal.SIGTERM)


class _Stopped(BaseException):
    """SIGTERM raised again by uvicorn once the server shut down (:func:`serve`)."""


def _stopped(signum, frame) -> None:
    raise _Stopped
