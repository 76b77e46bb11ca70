"""The web app's server through Starlette's test client: who may come in (password, other
computers), forms' tokens, upload limits, what it serves and downloads, starting and
stopping `serve`, and its messages in plain Vietnamese (the whole cycle in a real browser
is tests/test_web_browser.py)."""

from __future__ import annotations

import html
import json
import re
import time

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from cchc_xl.cli import main
from cchc_xl.web import create_app
from cchc_xl.web.security import MB, Limits, hash_password, verify_password
from support.paths import HH_MASTER, ROOT
from support.web import (
    LOCAL,
    RETURNS,
    _but_restoring,
    _client,
    _put_plan,
    _sent,
    _token,
    _upload,
    _wait,
    _with_master,
)


def test_other_computer_refused_without_password(tmp_path):
    far = _client(tmp_path, client=("203.0.113.7", 40000))
    response = far.get("/")
    assert response.status_code == 403
    assert "chỉ mở cho máy này" in response.text
    assert far.get("/static/app.css").status_code == 403
    # A web page elsewhere reaching this computer under another name (DNS rebinding).
    rebound = _client(tmp_path, base_url="http://attacker.example:8765")
    assert rebound.get("/").status_code == 403
    assert _client(tmp_path).get("/").status_code == 200


def test_password_login(tmp_path):
    stored = hash_password("mat-khau-dai")
    assert "mat-khau-dai" not in stored and verify_password("mat-khau-dai", stored)
    assert not verify_password("sai", stored)
    far = _client(_with_master(tmp_path), password="mat-khau-dai", client=("203.0.113.7", 40000))
    first = far.get("/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/dang-nhap"
    assert far.get("/viec/x", headers={"Accept": "application/json"}).status_code == 401
    token = _token(far, "/dang-nhap")
    wrong = far.post("/dang-nhap", data={"csrf": token, "password": "sai"})
    assert "Mật khẩu không đúng" in wrong.text
    assert "Thu nhận" not in wrong.text  # nothing of the app before login
    right = far.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-dai"})
    assert right.status_code == 200 and "1. Kế hoạch" in right.text
    assert far.get("/thu-nhan").status_code == 200


def test_after_login_the_link_opened_is_the_page_shown(tmp_path):
    """A link with its period (/thu-nhan?ky=6T) landed on Kế hoạch after the login; the
    footer said the data was "trên máy này" on another computer; the login hint quoted
    the command line."""
    far = _client(_with_master(tmp_path), password="mat-khau-dai",
                  client=("203.0.113.7", 40000))
    first = far.get("/thu-nhan?ky=6T", follow_redirects=False)
    assert first.status_code == 303
    login = far.get(first.headers["location"])
    text = html.unescape(login.text)
    assert 'name="next" value="/thu-nhan?ky=6T"' in text
    assert "cchc-xl serve" not in text and "<code>" not in text
    assert "Mật khẩu do người mở ứng dụng trên máy chủ đặt" in text
    token = re.search(r'data-csrf="([^"]+)"', login.text)[1]
    right = far.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-dai",
                                          "next": "/thu-nhan?ky=6T"})
    page = html.unescape(right.text)
    assert right.url.path == "/thu-nhan" and "<h1>3. Thu nhận — 6 tháng đầu năm 2023</h1>" in page
    assert "trên máy chạy ứng dụng (không phải máy đang xem)" in page
    assert "trên máy này" not in page
    # Only a page of the app: never another site.
    for elsewhere in ("https://example.org/", "//example.org/", "/\\example.org"):
        gone = far.post("/dang-nhap", data={"csrf": token, "password": "mat-khau-dai",
                                             "next": elsewhere}, follow_redirects=False)
        assert gone.headers["location"] == "/", elsewhere
    here = _client(tmp_path / "local")
    assert "Dữ liệu lưu trong thư mục làm việc trên máy này" in html.unescape(here.get("/").text)


def test_serve_on_another_host_needs_a_password(tmp_path, monkeypatch):
    monkeypatch.delenv("CCHC_XL_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path), "--host", "0.0.0.0",
                                       "--no-browser"], input="\n")
    assert result.exit_code != 0
    monkeypatch.setenv("CCHC_XL_PASSWORD", "ngan")
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path), "--host", "0.0.0.0",
                                       "--no-browser"])
    assert result.exit_code == 2
    assert "mật khẩu quá ngắn" in result.output


def test_busy_port_is_one_clear_message(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path), "--port",
                                           str(port), "--no-browser"])
    assert result.exit_code == 2
    assert f"không mở được cổng {port} trên 127.0.0.1: cổng đang được dùng" in result.output
    # the system's English reason is not shown; the likeliest cause (cchc-xl started in
    # another window) is, with its address and a way to run on another port
    assert "Address already in use" not in result.output
    assert f"mở http://127.0.0.1:{port}/ trên trình duyệt" in result.output
    assert "--port 0 tự chọn một cổng trống" in result.output


def test_every_form_needs_its_token(tmp_path):
    app = create_app(tmp_path)
    client = TestClient(app, **LOCAL)
    token = _token(client)
    posts = [r.path.replace("{code}", "9T") for r in app.routes
             if "POST" in (getattr(r, "methods", None) or ())]
    assert len(posts) >= 5
    for path in posts:
        for headers in ({}, {"X-CSRF-Token": "sai" + token}):
            response = client.post(path, data={"password": "x"}, headers=headers)
            assert response.status_code == 403, path
            assert "Biểu mẫu đã hết hạn" in response.text
            # A step refused is headed so; an address opened is "Không mở được".
            assert "<h1>Không làm được</h1>" in response.text, path
    # Another site's cookie-less post gets the same answer.
    assert TestClient(app, **LOCAL).post("/ke-hoach", data={"csrf": token}).status_code == 403


def test_upload_limits_have_a_clear_message(tmp_path):
    limits = Limits(request_bytes=1 * MB, file_bytes=MB // 4, files=3)
    client = _client(tmp_path, limits=limits)
    token = _token(client)
    big = _upload(client, token, [("lon.xlsx", b"x" * (2 * MB))])
    assert big.status_code == 413
    assert "Dữ liệu tải lên quá lớn: mỗi lần tối đa 1 MB" in big.json()["error"]
    one = _upload(client, token, [("a.xlsx", b"x" * (MB // 2))])
    assert one.status_code == 413 and one.json()["error"] == (
        "Tệp 'a.xlsx' quá lớn (512 KB): mỗi tệp tối đa 256 KB.")  # sizes written one way
    many = _upload(client, token, [(f"{n}.xlsx", b"x") for n in range(4)])
    assert many.status_code == 413 and "tối đa 3 tệp" in many.json()["error"]
    page = _put_plan(client, files={"master": ("lon.xlsx", b"x" * (2 * MB))},
                       data={"csrf": token})
    assert page.status_code == 413 and "quá lớn" in page.text and "<html" in page.text


def test_a_data_folder_that_cannot_be_written_is_said_in_vietnamese(tmp_path, monkeypatch):
    """(The tests run as root, whom permissions do not stop: the refusal is made.)"""
    import errno

    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    refused = data / "nhan-ve-9T" / "x.xlsx"

    def no_permission(self, folder, original):
        raise PermissionError(errno.EACCES, "Permission denied", str(refused))

    monkeypatch.setattr(Workspace, "new_upload_path", no_permission)
    client = _client(data)
    token = _token(client)
    answer = _upload(client, token, [("X02.xlsx", b"PK")])
    assert answer.status_code == 500
    assert answer.json()["error"] == (
        "Không ghi hoặc đọc được tệp trong thư mục làm việc (nhan-ve-9T/x.xlsx): không có quyền "
        "(kiểm tra quyền ghi của thư mục làm việc rồi thử lại).")  # not the system's English
    page = client.post("/thu-nhan/9T", files=[("files", ("X02.xlsx", b"PK"))],
                       data={"csrf": token})
    assert page.status_code == 500 and "<html" in page.text
    assert "Không ghi hoặc đọc được tệp trong thư mục làm việc" in html.unescape(page.text)
    assert "Internal Server Error" not in page.text


def test_uploaded_names_are_never_paths(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    before = {p for p in data.rglob("*")}
    evil = "../../ke-hoach.xlsx"
    long = "Đ" * 300 + ".XLSX"
    job = _upload(client, token, [(evil, b"not a workbook"), ("~$X02.xlsx", b"lock"),
                                  ("Báo cáo Hoằng Đạt (lần 2).xlsx", b"x"), (long, b"y")]).json()
    state = _wait(client, job)
    new = {p for p in data.rglob("*")} - before
    inbox = data / "nhan-ve-9T"
    assert all(p == inbox or inbox in p.parents or "cchc-archive" in p.parts
               or p.name in ("cchc-ledger.sqlite", "tong-hop-9T.xlsx", "phan-hoi-9T")
               or ".cchc-web" in p.parts  # the app's own state (uploads not merged yet)
               for p in new), new
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    names = json.loads((inbox / "ten-tep.json").read_text(encoding="utf-8"))
    assert sorted(names.values()) == sorted([evil, "Báo cáo Hoằng Đạt (lần 2).xlsx", long])
    assert all(re.fullmatch(r"[0-9a-f]{6}/[^/\\]+", n) and ".." not in n for n in names)
    # Stored under the name people gave (shown in feedback and the consolidated workbook),
    # each in a folder of its own; a long name cut, its suffix kept.
    stored = {v: k for k, v in names.items()}
    assert stored["Báo cáo Hoằng Đạt (lần 2).xlsx"].endswith("/Báo cáo Hoằng Đạt (lần 2).xlsx")
    assert stored[evil].endswith("/ke-hoach.xlsx")
    cut = stored[long].split("/")[1]
    assert cut.endswith(".XLSX") and set(cut[:-5]) == {"Đ"} and len(cut.encode()) <= 200
    files = {f["name"]: f for f in state["result"]["files"]}
    assert files[evil]["outcome"] == "Bị từ chối"
    assert files["~$X02.xlsx"]["outcome"] == "Bỏ qua"
    # "Chi tiết lần gộp" names files as they were sent, never this computer's folders.
    summary = state["result"]["summary"]
    assert f"[Lỗi] tệp không đọc được — {evil}: " in summary
    assert "file-unreadable" not in summary
    assert str(data) not in summary and "Sổ cái" not in summary
    assert "Bảng tổng hợp: tong-hop-9T.xlsx" in summary


def test_downloads_only_what_the_app_wrote(tmp_path):
    data = _with_master(tmp_path)
    (data / "secret.xlsx").write_bytes(b"x")
    client = _client(data)
    for path in ("/giao-viec/9T/tep/..%2Fsecret.xlsx", "/giao-viec/9T/tep/secret.xlsx",
                 "/tai-ve/..%2Fsecret/9T", "/phan-hoi/9T/tep/secret.xlsx",
                 "/tai-ve/tong-hop/ZZ"):
        assert client.get(path).status_code == 404, path


@pytest.mark.slow
def test_serve_prints_the_address_and_opens_the_browser(tmp_path, monkeypatch):
    import threading

    import uvicorn

    opened: list[str] = []
    served: list[list] = []
    timers: list[threading.Timer] = []  # the browser opens 0.8 s after start, on a timer

    class Timer(threading.Timer):
        def start(self):
            timers.append(self)
            super().start()

    monkeypatch.setattr("webbrowser.open", opened.append)
    monkeypatch.setattr(threading, "Timer", Timer)
    headers: list[bool] = []  # whether uvicorn would name itself in a "server" header
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: (
        served.append(sockets), headers.append(self.config.server_header)))
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "du-lieu"),
                                       "--port", "0"])
    assert result.exit_code == 0, result.output
    url = re.search(r"đang chạy tại (http://127\.0\.0\.1:\d+/)", result.output)[1]
    assert served[0][0].getsockname() == ("127.0.0.1", int(url.rsplit(":", 1)[1][:-1]))
    for timer in timers:
        timer.join(5)
    assert opened == [url]
    assert (tmp_path / "du-lieu" / ".cchc-web" / "session-key").is_file()
    assert headers == [False]
    served[0][0].close()
    opened.clear()
    timers.clear()
    CliRunner().invoke(main, ["serve", "--data", str(tmp_path), "--port", "0", "--no-browser"])
    served[-1][0].close()
    # Nothing opens it later either: no timer was started (waiting for one that is, as
    # the test did before, took a second of the suite's time to see nothing).
    assert timers == [] and opened == []


def test_serve_stops_as_on_ctrl_c_when_its_terminal_is_closed(tmp_path):
    """Closing the terminal window sends SIGHUP: the server ended at once, uploads it had
    taken and queued left unmerged. It now stops as on Ctrl+C (the queue finished)."""
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "cchc_xl", "serve", "--data",
                             str(tmp_path / "du-lieu"), "--port", "0", "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "đang chạy tại" in proc.stdout.readline()
        time.sleep(0.5)  # serving
        proc.send_signal(signal.SIGHUP)
        # Shut down as on SIGTERM (uvicorn ends by the signal it was asked to stop by,
        # after its shutdown), not killed by SIGHUP mid-way.
        assert proc.wait(30) == -signal.SIGTERM
    finally:
        proc.kill()
        proc.wait()


def test_make_demo_writes_the_app_s_data_folder(tmp_path):
    """`make demo` leaves out/ laid out as the app's data folder (serve --data out)."""
    import subprocess

    from cchc_xl.web.workspace import Workspace

    dry = subprocess.run(["make", "-n", "-o", "setup", "demo"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    ws = Workspace(tmp_path / "out")
    for path in (ws.master_path, ws.split_dir("9T"), ws.consolidated("9T"),
                 ws.feedback_dir("9T"), ws.report_xlsx("9T"), ws.report_html("9T"),
                 ws.report_docx("9T"), ws.reminder_docx("9T"), ws.reminder_csv("9T")):
        assert f"out/{path.name}" in dry, path.name
    assert "cchc-xl serve --data out" in dry


def test_serve_help_is_vietnamese():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "mặc định: cchc-du-lieu" in result.output and "default" not in result.output


def test_the_pages_speak_to_the_specialist_not_a_programmer(tmp_path):
    """Finding codes, command names and folders of the program on the pages; the
    period's code where its name reads better."""
    empty = _but_restoring(html.unescape(_client(tmp_path / "empty").get("/").text))
    for said in ("cchc-xl init", "templates/master.xlsx", "(master)", "<code>"):
        assert said not in empty, said
    assert "Chưa có bảng kế hoạch. Có ba cách bắt đầu: nhập văn bản kế hoạch" in empty
    data = _with_master(tmp_path)
    client = _client(data)
    page = client.get("/").text
    start = page.index('<table class="list findings')
    table = page[start:page.index("</table>", start)]
    assert "<th>Mã</th>" not in table and "<code>" not in table
    # what kind of finding, and its code still there for whoever helps
    assert 'title="nhóm mở (mã kiểm tra: group-open)"' in table
    token = _token(client)
    assert "Tạo tệp giao kỳ 9 tháng năm 2023</button>" in client.get("/giao-viec?ky=9T").text
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["title"] == "Tạo tệp giao kỳ 9 tháng năm 2023"
    state = _sent(client, token, [("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())])
    summary = state["result"]["summary"]
    assert "Vấn đề: 1 lỗi, 0 cảnh báo, 2 ghi nhận (tỷ lệ ngoài 0–100: 1, " in summary
    assert "[Lỗi] tỷ lệ ngoài 0–100 — X02.xlsx, trang" in summary
    assert not re.search(r"\b[a-z]+(-[a-z]+)+(: \d+|\b(?!\.xlsx))", summary.replace(
        "tong-hop-9T", "")), summary
    assert "hoang-hoa-2023" not in summary and "Gộp kỳ 9T" not in summary


def test_pages_and_generated_files_are_never_served_stale(tmp_path):
    """The report in the page kept its old figures after "Lập lại báo cáo", even after F5:
    nothing said not to reuse the copy the browser kept."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    page = client.get("/bao-cao?ky=9T")
    frame = re.search(r'<iframe class="report"[^>]* src="([^"]+)"', page.text)[1]
    assert re.search(r"/bao-cao/9T/trang\?v=\d+$", frame)  # a new address per report
    for path in ("/", "/thu-nhan", "/bao-cao", frame, "/tai-ve/bao-cao/9T",
                 "/tai-ve/bao-cao-html/9T", "/tai-ve/tong-hop/9T", "/ke-hoach/tai-ve",
                 "/phan-hoi?ky=9T", job["status"]):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["cache-control"] == "no-store", path
    style = client.get("/static/app.css")
    assert style.headers["cache-control"] == "no-cache" and style.headers["etag"]


def test_messages_name_the_browser_s_steps_not_commands(tmp_path):
    from cchc_xl.web.wording import for_browser

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    # A Word plan uploaded as the plan table: the import step, not 'cchc-xl import'.
    page = _put_plan(client, data={"csrf": token},
                       files={"master": ("ke-hoach.docx", b"PK\x03\x04 not really")})
    text = html.unescape(page.text)
    assert "Không dùng được tệp 'ke-hoach.docx'" in text
    # The plan's own words, listed to check it, say "Pháp lệnh": the page's are looked at.
    start = text.index('<details class="tasks">')
    text = _but_restoring(text[:start] + text[text.index("</details>", start):])
    assert "'cchc-xl" not in text and "lệnh" not in text
    assert "ở mục 'Nhập từ văn bản kế hoạch đã ban hành' của trang Kế hoạch" in text
    for said in ("tạo bảng kế hoạch mới bằng 'cchc-xl init' để xem mẫu",
                 "rút tệp kia khỏi số liệu (nút 'Rút khỏi số liệu' ở trang Thu nhận, hoặc lệnh "
                 "'cchc-xl withdraw')", "ngày nhận (merge --received)",
                 "nhập bằng lệnh 'cchc-xl import' để tạo bảng",
                 "chạy 'cchc-xl merge' trước để tạo sổ cái"):
        assert "cchc-xl" not in for_browser(said) and "lệnh" not in for_browser(said), said
        assert "--received" not in for_browser(said)
    assert for_browser("một câu thường") == "một câu thường"


def test_a_file_of_the_data_folder_is_named_from_there_in_errors(tmp_path):
    """An error on the plan showed "tệp /tmp/pc-data/ke-hoach.xlsx" (a probe): a folder of
    the server's, nothing the specialist chose. Files in the data folder are named from
    there, the stored plan as the plan in use (test_web_plan_named.py); others are left
    as they are."""
    from cchc_xl.errors import UsageError
    from cchc_xl.web.jobs import JobRunner
    from cchc_xl.web.wording import for_browser

    def fail(job):
        raise UsageError("bảng kế hoạch chưa có kỳ báo cáo nào",
                         file=str(tmp_path / "ke-hoach.xlsx"), hint="điền trang 'Kỳ báo cáo'")

    job = JobRunner(tmp_path, plan=tmp_path / "ke-hoach.xlsx").submit("split", "Giao việc",
                                                                      fail)
    deadline = time.monotonic() + 30
    while job.state != "failed" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert job.error == ("Bảng kế hoạch đang dùng: bảng kế hoạch chưa có kỳ báo cáo nào (điền "
                         "trang 'Kỳ báo cáo')")
    elsewhere = f"tệp {tmp_path.parent / 'khac.xlsx'}: x"
    assert for_browser(elsewhere, tmp_path) == elsewhere


def test_a_button_s_address_opened_as_a_page_says_where_to_go(tmp_path):
    """/thu-nhan/9T opened in the address bar (the upload's address, not the page's
    /thu-nhan?ky=9T) said "Thao tác không được phép." and nothing to do (a QA pass)."""
    client = _client(_with_master(tmp_path))
    for path in ("/thu-nhan/9T", "/giao-viec/9T", "/bao-cao/9T", "/phan-hoi/9T"):
        page = client.get(path)
        assert page.status_code == 405, path
        said = html.unescape(page.text)
        assert "không mở trực tiếp được" in said and "Thu nhận" in said, path
        assert "Thao tác không được phép" not in said
