"""The web app's safety rules and its pieces, through Starlette's test client (the whole
cycle in a real browser is tests/test_web_browser.py)."""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import shutil
import sqlite3
import threading
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from cchc_xl.cli import main
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ACCEPTED
from cchc_xl.web import create_app
from cchc_xl.web.security import MB, Limits, hash_password, verify_password
from support.paths import HH_MASTER, ROOT
from support.workbooks import type_assessments

RETURNS = HH_MASTER.parent / "returns-9T"
LOCAL = {"base_url": "http://127.0.0.1:8765", "client": ("127.0.0.1", 50000)}


def _client(data: Path, **kwargs) -> TestClient:
    options = {"password_hash": kwargs.pop("password_hash", None),
               "limits": kwargs.pop("limits", None)}
    return TestClient(create_app(data, **options), **{**LOCAL, **kwargs})


def _token(client: TestClient, path: str = "/") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return re.search(r'data-csrf="([^"]+)"', page.text)[1]


def _with_master(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")
    return data


def _put_plan(client: TestClient, **form):
    """A plan table uploaded on the plan page, and "Thay bằng bảng này" answered when the
    page asks (a plan in use, the upload checked): the page it comes back to."""
    sent = client.post("/ke-hoach", follow_redirects=False, **form)
    place = sent.headers.get("location", "")
    asked = re.search(r"thay=([0-9a-f]+)", place)
    if asked:
        return client.post("/ke-hoach/thay", data={"csrf": form["data"]["csrf"],
                                                   "token": asked[1], "answer": "thay"})
    return client.get(place) if sent.is_redirect else sent


def _wait(client: TestClient, job: dict) -> dict:
    pause, waited = 0.01, 0.0  # most jobs end in a fraction of a second: asked often first
    while waited < 60:
        state = client.get(job["status"], headers={"Accept": "application/json"}).json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(pause)
        waited += pause
        pause = min(pause * 1.5, 0.1)
    raise AssertionError("job did not finish")


def _upload(client: TestClient, token: str, files: list[tuple[str, bytes]],
            period: str = "9T"):
    return client.post(f"/thu-nhan/{period}",
                       files=[("files", (name, body)) for name, body in files],
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})


def _nv_and_tp_merged(tmp_path: Path) -> tuple[Path, TestClient, str]:
    """A data folder with the plan, NV's and TP's returns uploaded and merged: the
    folder, the client and its form token."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()),
                                 ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())]
                 )["state"] == "done"
    return data, client, token


def _sent(client: TestClient, token: str, files: list[tuple[str, bytes]],
          period: str = "9T") -> dict:
    """Files uploaded on the intake page, their merge waited for: the job's state."""
    return _wait(client, _upload(client, token, files, period).json())


# --- who may come in -------------------------------------------------------------------

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
    far = _client(_with_master(tmp_path), password_hash=stored, client=("203.0.113.7", 40000))
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
    far = _client(_with_master(tmp_path), password_hash=hash_password("mat-khau-dai"),
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
    assert f"không mở được cổng {port}" in result.output


# --- forms ------------------------------------------------------------------------------

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
    # Another site's cookie-less post gets the same answer.
    assert TestClient(app, **LOCAL).post("/ke-hoach", data={"csrf": token}).status_code == 403


# --- uploads ---------------------------------------------------------------------------

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
    assert f"[Lỗi] {evil}: " in summary and "file-unreadable" not in summary
    assert str(data) not in summary and "Sổ cái" not in summary
    assert "Bảng tổng hợp: tong-hop-9T.xlsx" in summary


@pytest.mark.slow
def test_parallel_uploads_keep_the_ledger_consistent(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    # X01..X06 and X08, with Hoằng Đạt's (X05) first send and its later one in
    # different uploads: the later one must win whichever merge runs first.
    files = sorted(RETURNS.glob("X*.xlsx"))[:8]
    assert sum("X05" in p.name for p in files) == 2
    halves = [files[0::2], files[1::2]]
    jobs: list[dict] = []

    def send(part: list[Path]) -> None:
        response = _upload(client, token, [(p.name, p.read_bytes()) for p in part])
        jobs.append(response.json())

    threads = [threading.Thread(target=send, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [_wait(client, j)["state"] for j in jobs] == ["done", "done"]
    snapshot = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    names = json.loads((data / "nhan-ve-9T" / "ten-tep.json").read_text(encoding="utf-8"))
    # Each file recorded once; each unit accepted once, from its latest file.
    assert len(snapshot.submissions) == len(files)
    accepted = {s.unit: names[f"{Path(s.path).parent.name}/{Path(s.path).name}"]
                for s in snapshot.submissions if s.outcome == ACCEPTED}
    assert sorted(accepted) == ["X01", "X02", "X03", "X04", "X05", "X06", "X08"]
    assert accepted["X05"] == "X05-xa-hoang-dat.xlsx"
    assert [s.outcome for s in snapshot.submissions if s.unit == "X05"].count(ACCEPTED) == 1
    assert len(snapshot.missing_units) == 47 - 7
    keys = [(r.unit, r.deliverable) for r in snapshot.rows]
    assert len(keys) == len(set(keys)) > 0
    with sqlite3.connect(data / "cchc-ledger.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- pages ------------------------------------------------------------------------------

def test_the_app_opens_on_the_period_being_reported(tmp_path):
    """Users' probe: on 2 December 2026 a new data folder with the province's 2026 plan
    opened on "Quý I năm 2026" (the first period), and "Giao việc" offered to split it.
    With no files yet, the period whose report is due next is chosen; a plan of a year
    gone by opens on its last period; once files exist, the latest period with files."""
    from cchc_xl.periods import default_periods
    from cchc_xl.web.common import period_due_next

    periods = default_periods(2026)
    due_next = {day: period_due_next(periods, day).code for day in (
        date(2026, 1, 5), date(2026, 3, 20), date(2026, 3, 21), date(2026, 7, 1),
        date(2026, 12, 2), date(2027, 1, 10))}
    assert due_next == {date(2026, 1, 5): "Q1", date(2026, 3, 20): "Q1",
                        date(2026, 3, 21): "6T", date(2026, 7, 1): "Q3",
                        date(2026, 12, 2): "NAM", date(2027, 1, 10): "NAM"}
    assert period_due_next([], date(2026, 12, 2)) is None
    data = _with_master(tmp_path)  # the Hoằng Hóa 2023 plan: every period gone by
    client = _client(data)
    page = html.unescape(client.get("/giao-viec").text)
    assert "Tạo tệp giao kỳ năm 2023" in page and "Tạo tệp giao kỳ quý I" not in page
    # The period's name inside a sentence: not "kỳ Năm 2023" (a QA probe).
    assert "kỳ Năm" not in page
    token = _token(client)
    job = _wait(client, client.post("/giao-viec/NAM", headers={
        "X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert job["title"] == "Tạo tệp giao kỳ năm 2023"
    assert job["result"]["message"].startswith("Đã tạo 47 tệp cho kỳ năm 2023.")
    assert "kỳ Năm" not in html.unescape(client.get("/giao-viec").text)


def test_pages_before_a_master_say_what_to_do(tmp_path):
    client = _client(tmp_path)
    for path in ("/giao-viec", "/thu-nhan", "/phan-hoi", "/bao-cao"):
        page = client.get(path)
        assert page.status_code == 200
        assert "Tải bảng kế hoạch lên ở trang" in page.text
    assert client.get("/ke-hoach/tai-ve").status_code == 404
    assert "Chưa có tệp này" in client.get("/ke-hoach/tai-ve").text


def test_unreadable_master_keeps_the_current_one(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    page = _put_plan(client, data={"csrf": token},
                       files={"master": ("ke-hoach.pdf", b"%PDF-1.4 not a workbook")})
    text = html.unescape(page.text)
    assert "Không dùng được tệp 'ke-hoach.pdf': đây là tệp PDF" in text
    assert "giữ nguyên" in text
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    assert not list((data / ".cchc-web" / "tai-len").iterdir())  # the upload, gone whole


def test_a_plan_upload_refused_before_any_plan_keeps_no_plan(tmp_path):
    """Before the first plan, a refused upload said "Bảng kế hoạch đang dùng được giữ
    nguyên": there was none (a QA probe)."""
    client = _client(tmp_path)
    token = _token(client)
    for name, body, said in (
            ("ke-hoach.pdf", b"%PDF-1.4 not a workbook",
             "Không dùng được tệp 'ke-hoach.pdf': đây là tệp PDF"),
            ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes(),
             "Tệp 'NV.xlsx' là tệp giao cho một đơn vị")):
        text = html.unescape(_put_plan(client, data={"csrf": token},
                                          files={"master": (name, body)}).text)
        assert said in text and "giữ nguyên" not in text
    assert not (tmp_path / "ke-hoach.xlsx").exists()


def test_the_plan_page_reads_the_master_once_and_shows_its_error(tmp_path, monkeypatch):
    from cchc_xl.master import check

    data = _with_master(tmp_path)
    wb = openpyxl.load_workbook(data / "ke-hoach.xlsx")
    wb["Thể chế"]["E6"] = "Phßng T\xad ph¸p"  # a unit's name in a legacy encoding
    wb.save(data / "ke-hoach.xlsx")
    reads: list[object] = []
    real = check.read_master
    monkeypatch.setattr(check, "read_master", lambda path: reads.append(path) or real(path))
    client = _client(data)
    text = html.unescape(client.get("/").text)
    assert ("trang 'Thể chế', ô E6: bảng kế hoạch có 2 lỗi, lỗi đầu tiên: văn bản dùng bảng"
            " mã cũ") in text
    assert "(xem đủ danh sách ở mục 'Kết quả kiểm tra' bên dưới)" in text
    assert "cchc-xl check" not in text  # a command on a web page helps nobody
    assert "Kết quả kiểm tra" in text and "unit-unresolved" in text
    assert "Chưa có bảng kế hoạch dùng được" in html.unescape(client.get("/giao-viec").text)
    assert len(reads) == 1  # findings and the master from one reading, then cached


def test_a_plan_in_use_with_errors_is_said_so_in_the_header_and_named_as_in_use(tmp_path):
    """While the plan in use had errors, the header said "Chưa có bảng kế hoạch" above a
    card "Bảng kế hoạch đang dùng" listing them, and named it "tệp ke-hoach.xlsx" (the
    stored copy's name, not the one uploaded, which the app does not keep: a QA pass)."""
    data = _with_master(tmp_path)
    wb = openpyxl.load_workbook(data / "ke-hoach.xlsx")
    wb["Thể chế"]["E6"] = "Phßng T\xad ph¸p"  # a unit's name in a legacy encoding
    wb.save(data / "ke-hoach.xlsx")
    client = _client(data)
    for path in ("/", "/giao-viec", "/thu-nhan"):
        text = html.unescape(client.get(path).text)
        assert '<span class="plan">Bảng kế hoạch còn lỗi</span>' in text, path
        assert "Chưa có bảng kế hoạch<" not in text, path
    text = html.unescape(client.get("/").text)
    assert "<h2>Bảng kế hoạch đang dùng</h2>" in text
    assert ("bảng kế hoạch đang dùng, trang 'Thể chế', ô E6: bảng kế hoạch có 2 lỗi") in text
    assert "tệp ke-hoach.xlsx" not in text
    # With none at all, it still says so.
    (data / "ke-hoach.xlsx").unlink()
    text = html.unescape(client.get("/").text)
    assert '<span class="plan">Chưa có bảng kế hoạch</span>' in text


def test_a_period_code_with_a_space_leaves_the_plan_page_working(tmp_path):
    """Every page answered a bare 400 (the code names folders), so the office could not
    reach the form to upload a corrected plan."""
    data = _with_master(tmp_path)
    wb = openpyxl.load_workbook(data / "ke-hoach.xlsx")
    wb["Kỳ báo cáo"]["A3"] = "6 tháng"
    wb.save(data / "ke-hoach.xlsx")
    client = _client(data)
    page = client.get("/")
    text = html.unescape(page.text)
    assert page.status_code == 200 and 'name="master"' in text
    assert "mã kỳ '6 tháng' có ký tự không dùng được" in text and "period-code-invalid" in text
    for path in ("/giao-viec", "/thu-nhan", "/bao-cao"):
        assert client.get(path).status_code == 200, path


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
    import uvicorn

    opened: list[str] = []
    served: list[list] = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: served.append(sockets))
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "du-lieu"),
                                       "--port", "0"])
    assert result.exit_code == 0, result.output
    url = re.search(r"đang chạy tại (http://127\.0\.0\.1:\d+/)", result.output)[1]
    assert served[0][0].getsockname() == ("127.0.0.1", int(url.rsplit(":", 1)[1][:-1]))
    for _ in range(50):
        if opened:
            break
        time.sleep(0.05)
    assert opened == [url]
    assert (tmp_path / "du-lieu" / ".cchc-web" / "session-key").is_file()
    served[0][0].close()
    opened.clear()
    CliRunner().invoke(main, ["serve", "--data", str(tmp_path), "--port", "0", "--no-browser"])
    served[-1][0].close()
    time.sleep(1)  # the browser would open 0.8 s after start
    assert opened == []


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


def test_jobs_run_one_at_a_time_and_report_errors():
    from cchc_xl.errors import UsageError
    from cchc_xl.web.jobs import JobRunner

    runner = JobRunner()
    spans: list[tuple[float, float]] = []

    def slow(job):
        start = time.monotonic()
        for n in range(1, 4):
            job.progress(n, 3, f"tệp {n}")
            time.sleep(0.05)
        spans.append((start, time.monotonic()))
        return {"message": "xong"}

    def bad(job):
        raise UsageError("không có kỳ báo cáo 'Q9'")

    jobs = [runner.submit("merge", "a", slow, key="9T"), runner.submit("merge", "b", slow),
            runner.submit("merge", "c", bad, key="9T")]
    runner.shutdown()
    assert [j.state for j in jobs] == ["done", "done", "failed"]
    assert spans[0][1] <= spans[1][0]  # the second began after the first ended
    assert jobs[0].as_dict()["result"] == {"message": "xong"} and jobs[0].done == 3
    assert jobs[2].error == "không có kỳ báo cáo 'Q9'"
    assert runner.latest("merge", "9T") is jobs[2] and runner.latest("merge") is jobs[1]


def _import_posted(client: TestClient, token: str, document: Path, data: dict | None = None
                   ) -> dict:
    """A plan document sent to the Kế hoạch page's "Nhập văn bản" form (its other fields
    ``data``), its job waited for: the job's state."""
    job = client.post("/ke-hoach/nhap", data=data or {},
                      files={"document": (document.name, document.read_bytes())},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    return _wait(client, job)


def _first_card(page: str) -> str:
    """The first question "Thay bảng kế hoạch đang dùng?" of a page (its text)."""
    start = page.index('id="thay-bang"')
    return page[start:page.index("</section>", start)]


def _imported(client: TestClient, token: str, document: Path, answer: str = "thay"
              ) -> tuple[dict, str]:
    """A plan document imported on the Kế hoạch page with the units of the plan in use,
    its job waited for and done, and the question it leaves (the plan imported, held)
    answered: the job's state and the page the answer comes back to."""
    state = _import_posted(client, token, document, {"units": "1"})
    assert state["state"] == "done", state
    answered = client.post("/ke-hoach/thay", data={
        "csrf": token, "token": state["result"]["held"], "answer": answer})
    assert answered.status_code == 200
    return state, html.unescape(answered.text)


def test_import_a_word_plan_on_the_plan_page(tmp_path):
    """In place of the plan in use, the plan imported is checked and the page asks, with
    what the check found (the form asked before the document was read, and replaced
    the plan without saying what the check found)."""
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023.docx")
    page = html.unescape(client.get("/").text)
    (form,) = [f for f in re.findall(r"<form [^>]*>", page) if "/ke-hoach/nhap" in f]
    assert "data-confirm" not in form  # asked after the document is read, not before
    state = _import_posted(client, token, document, {"units": "1"})
    assert state["state"] == "done", state
    result = state["result"]
    assert result["message"] == (
        "Đã đọc văn bản 'Kế hoạch 2023.docx' và kiểm tra bảng kế hoạch lập từ văn bản: bảng "
        "kế hoạch đang dùng chưa thay, trả lời câu hỏi 'Thay bảng kế hoạch đang dùng?' ở "
        "đầu trang.")
    assert result["page"].endswith(f"?thay={result['held']}#thay-bang")
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()  # not yet
    assert not (data / "ke-hoach-cu").exists()
    # The page the job sends the browser to, and the plan page as it is opened later,
    # ask with what the check found.
    for asked in (result["page"], "/"):
        page = html.unescape(client.get(asked).text)
        card = _first_card(page)
        # When it was checked, so that two of one name are told apart (a QA pass).
        assert re.search(r"Đã nhập văn bản “Kế hoạch 2023\.docx” và kiểm tra bảng kế hoạch "
                         r"lập từ văn bản lúc \d\d:\d\d \d\d/\d\d/\d{4}: đọc được, 0 lỗi", card)
        assert "34</b> nhiệm vụ" in card and "Thay bằng bảng này" in card
        # The check's findings on a task's row say where in the document the row came
        # from, not a cell of a table the office never had (a QA pass).
        assert re.search(r'data-label="Trong văn bản">bảng \d+, dòng \d+ \(văn bản\)', card)
        assert not re.search(r'data-label="Ô">[A-Z]+\d', card.split("Xem ")[1])
        assert ("Thay bảng kế hoạch đang dùng bằng bảng mới? Bảng đang dùng được giữ lại "
                "trong thư mục ke-hoach-cu của thư mục làm việc") in card
    # "Không thay": the plan in use stays, the question goes.
    kept_page = html.unescape(client.post("/ke-hoach/thay", data={
        "csrf": token, "token": result["held"], "answer": "giu"}).text)
    assert "Không thay: bảng kế hoạch đang dùng được giữ nguyên (tệp 'Kế hoạch 2023.docx' " \
           "đã bỏ qua)." in kept_page
    assert 'id="thay-bang"' not in html.unescape(client.get("/").text)
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    # Imported again and put in place: said as an import, the plan before kept.
    state, answer = _imported(client, token, document)
    (kept,) = (data / "ke-hoach-cu").glob("*.xlsx")  # the one in use before, kept
    assert kept.read_bytes() == HH_MASTER.read_bytes()
    # What the import found of the plan is what the check of the table it wrote finds,
    # listed (and counted) once, with the check's: the message said "Những điểm cần xem
    # lại khi nhập (22)" over a list of none (a probe: 5 over a list of 2).
    # Only the four rows whose leads are written a line for each product line (one
    # deadline: one product, both leading it) are listed, for the office to check.
    assert "Khi nhập từ văn bản “Kế hoạch 2023.docx” (4 điểm cần xem lại)" in answer
    assert answer.count("ô chủ trì có 2 dòng như 2 dòng của ô sản phẩm") == 4
    assert ("Đã nhập 'Kế hoạch 2023.docx': 7 lĩnh vực, 34 nhiệm vụ, 34 sản phẩm, 47 đơn vị. "
            "Bảng kế hoạch dùng trước đó được giữ lại trong thư mục làm việc, tệp "
            f"ke-hoach-cu/{kept.name}; muốn dùng lại bảng đó thì bấm 'Dùng lại' ở mục 'Bảng "
            "kế hoạch dùng trước đây'.") in answer
    assert "0 lỗi" in answer and "34</b> nhiệm vụ" in answer
    assert 'id="thay-bang"' not in answer and "chưa thay" not in answer  # its box gone
    junk = client.post("/ke-hoach/nhap", files={"document": ("a.pdf", b"%PDF-1.4")},
                       headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    failed = _wait(client, junk)
    assert failed["state"] == "failed" and "PDF" in failed["error"]


def test_the_question_of_an_import_lists_its_notes_as_the_plan_page_does(tmp_path):
    """A QA pass: the question before an imported plan replaces the one in use listed the
    import's errors and warnings but none of its notes (each lead line read against a
    product line...), which the plan page lists once the plan is in place."""
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023.docx")
    state = _import_posted(client, token, document, {"units": "1"})
    card = _first_card(html.unescape(client.get(state["result"]["page"]).text))

    def notes(part: str) -> list[tuple[str, str]]:
        """The notes a part of a page lists: (code, message), in the order listed."""
        return re.findall(r'<tr class="sev-note">.*?title="Mã kiểm tra: ([^"]*)">(.*?)</td>',
                          part, re.S)

    asked = notes(card)
    assert f"Xem {len(asked)} ghi nhận khi nhập từ văn bản" in card
    leads = [said for code, said in asked if code == "import-leads-by-line"]
    assert len(leads) == 4 and all(
        said.startswith("ô chủ trì có 2 dòng như 2 dòng của ô sản phẩm") for said in leads)
    places = re.findall(r'<tr class="sev-note">.*?data-label="Trong văn bản">([^<]*)</td>',
                        card, re.S)
    assert len(places) == len(asked) and all(re.fullmatch(r"bảng \d+, dòng \d+", p)
                                             for p in places)
    # The same notes as the plan page lists once the plan is in place (the check's and
    # the import's).
    answered = html.unescape(client.post("/ke-hoach/thay", data={
        "csrf": token, "token": state["result"]["held"], "answer": "thay"}).text)
    shown = answered[answered.index("<h2>Kết quả kiểm tra</h2>"):]
    assert sorted(notes(shown)) == sorted(asked)


def test_a_new_version_of_the_plan_in_use_keeps_its_code(tmp_path):
    """A plan imported before 3 December 2026 has its file's name as code ("kh-cchc-cu"):
    the same plan imported again under its new rule ("hoang-hoa-2023") was another plan,
    its files sent out put aside and their returns refused. It keeps its code; another
    issuer's plan does not."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from plan_documents import write_plan_document

    data = tmp_path / "data"
    data.mkdir()
    master = load_master(HH_MASTER)
    master.plan.code = "kh-cchc-cu"
    write_master(master, data / "ke-hoach.xlsx")
    client = _client(data)
    _, answer = _imported(client, _token(client),
                          write_plan_document(HH_MASTER, tmp_path / "Kế hoạch sửa đổi.docx"))
    assert load_master(data / "ke-hoach.xlsx").plan.code == "kh-cchc-cu"
    assert "Đã nhập 'Kế hoạch sửa đổi.docx'" in answer and "kế hoạch khác" not in answer


def test_import_warnings_are_with_the_check_s_findings_and_kept(tmp_path):
    """The import's warnings (units guessed...) sat only in a collapsed job box while
    "Kết quả kiểm tra" said 0 warnings, and were lost when the app restarted; the box
    stayed after another plan was uploaded."""
    from plan_documents import write_plan_document

    data = tmp_path / "data"
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023.docx")
    client = _client(data)
    token = _token(client)
    job_state = _import_posted(client, token, document)
    assert job_state["state"] == "done"

    def checked(page: str) -> str:
        return page[page.index("<h2>Kết quả kiểm tra</h2>"):page.index("</main>")]

    after = html.unescape(client.get("/").text)
    found = checked(after)
    warnings = int(re.search(r"(\d+) lỗi, (\d+) cảnh báo", found)[2])
    assert warnings > 0
    assert "Khi nhập từ văn bản “Kế hoạch 2023.docx”" in found
    assert found.count('<span class="tag warning">') == warnings
    # Each listed once: the import checked the table it wrote, and those findings are the
    # check's (the page said 5 warnings for 3, a probe).
    table, imported = found.split("Khi nhập từ văn bản")

    def said(part: str) -> set[str]:
        return set(re.findall(r'title="Mã kiểm tra: [^"]*">(.*?)</td>', part, re.S))

    assert said(table) and said(imported) and not said(table) & said(imported)
    # The job's message counts them as the list does (it said 5 over a list of 2).
    listed = int(re.search(r"“Kế hoạch 2023.docx” \((\d+) điểm cần xem lại\)", imported)[1])
    assert listed == len(said(imported))
    assert f"Những điểm cần xem lại khi nhập ({listed}) nằm trong mục" in job_state[
        "result"]["message"]
    # The app restarted: still there.
    again = checked(html.unescape(_client(data).get("/").text))
    assert "Khi nhập từ văn bản “Kế hoạch 2023.docx”" in again
    assert f"{warnings} cảnh báo" in again
    # Another plan uploaded: the import's warnings and its box are gone.
    _put_plan(client, data={"csrf": token},
                files={"master": ("master.xlsx", HH_MASTER.read_bytes())})
    replaced = html.unescape(client.get("/").text)
    assert "Khi nhập từ văn bản" not in replaced
    assert "Nhập văn bản 'Kế hoạch 2023.docx'" not in replaced and "Đã nhập '" not in replaced
    # Imported in place of a plan in use: listed with the question, and kept with the plan
    # once the office says yes, as when nothing was in use.
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023 (2).docx")
    state = _import_posted(client, token, document)
    page = html.unescape(client.get(state["result"]["page"]).text)
    card = _first_card(page)
    # The card lists errors and warnings (held.py); the import's notes (the four rows
    # whose leads are written a line for each product line) are the page's alone.
    assert {x for x in said(imported) if not x.startswith("ô chủ trì có")} <= said(card)
    # Each where it is in the document, as the plan's list says it (it was left blank).
    places = {place for row in re.findall(r"<tr[^>]*>(.*?)</tr>", imported, re.S)
              if "ô chủ trì có" not in row
              for place in re.findall(r'data-label="Trong văn bản">([^<]+)</td>', row)}
    assert places and places <= set(re.findall(
        r'data-label="Trong văn bản">([^<]+) \(văn bản\)</td>', card))
    answer = html.unescape(client.post("/ke-hoach/thay", data={
        "csrf": token, "token": state["result"]["held"], "answer": "thay"}).text)
    assert f"Những điểm cần xem lại khi nhập ({listed}) nằm trong mục" in answer
    found = checked(answer)
    assert said(found.split("Khi nhập từ văn bản")[1]) == said(imported)
    assert f"“Kế hoạch 2023 (2).docx” ({listed} điểm cần xem lại)" in found



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


def test_reminder_deadline_must_be_a_date(tmp_path):
    """30/02/2023 was said to be "không phải ngày dạng ngày/tháng/năm", which it is: it is
    a day the calendar does not have (a QA probe). A day and month is read as "Ngày nhận"
    reads it (a QA pass: "25/3" was refused here, "18/3" taken there); the example is a
    day after the period's due day (20/09/2023), not today."""
    data = _with_master(tmp_path)
    client = _client(data)
    example = "27/09/2023"
    for given, said in (
            ("30/02/2023", f"Ngày 30/02/2023 không có trên lịch: ghi hạn gửi lại là một ngày "
                           f"có thật, dạng ngày/tháng/năm, ví dụ {example}."),
            ("31/31/2023", f"Ngày 31/31/2023 không có trên lịch: ghi hạn gửi lại là một ngày "
                           f"có thật, dạng ngày/tháng/năm, ví dụ {example}."),
            ("31/9", f"Ngày 31/9 không có trên lịch: ghi hạn gửi lại là một ngày có thật, "
                     f"dạng ngày/tháng/năm, ví dụ {example}."),
            ("cuối tháng", "Hạn gửi lại 'cuối tháng' không phải ngày: ghi dạng ngày/tháng/năm, "
                           f"ví dụ {example} (ghi ngày/tháng cũng được: năm được hiểu theo hạn "
                           "nộp báo cáo của kỳ).")):
        response = client.post("/phan-hoi/9T", data={"deadline": given},
                               headers={"X-CSRF-Token": _token(client),
                                        "Accept": "application/json"})
        assert response.status_code == 400
        assert response.json()["error"] == said
    # "25/9": 25/09/2023, the plan's year; the letter says it.
    assert _sent(client, _token(client), [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx")
                                            .read_bytes())])["state"] == "done"
    job = client.post("/phan-hoi/9T", data={"deadline": "25/9"},
                      headers={"X-CSRF-Token": _token(client), "Accept": "application/json"})
    assert _wait(client, job.json())["state"] == "done"
    from test_figures import word_text

    from cchc_xl.web.workspace import Workspace

    paragraphs, _ = word_text(Workspace(data).reminder_docx("9T"))
    assert "25/09/2023" in " ".join(paragraphs)


def test_uploads_one_after_another_each_keep_their_outcomes_on_the_page(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx"):
        body = (RETURNS / name).read_bytes()
        assert _sent(client, token, [(f"gửi {name}", body)])["state"] == "done"
    page = html.unescape(client.get("/thu-nhan").text)
    latest, earlier = page.split('<details class="earlier">')
    assert "gửi TP-phong-tu-phap.xlsx" in latest and "gửi NV-phong-noi-vu.xlsx" not in latest
    assert "Gộp 1 tệp kỳ 9 tháng năm 2023 — Đã đọc 1 tệp. Đơn vị đã gửi: 1/" in earlier
    assert "gửi NV-phong-noi-vu.xlsx</span> → Phòng Nội vụ" in earlier


def test_a_reminder_letter_older_than_the_last_merge_says_so(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    send = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", send)])["state"] == "done"
    stale = "Có tệp mới gộp hoặc rút sau lần lập công văn trước"

    def remind() -> None:
        job = client.post("/phan-hoi/9T", headers={"X-CSRF-Token": token,
                                                   "Accept": "application/json"}).json()
        assert _wait(client, job)["state"] == "done"

    remind()
    assert stale not in html.unescape(client.get("/phan-hoi").text)
    send = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    assert _sent(client, token, [("TP.xlsx", send)])["state"] == "done"
    assert stale in html.unescape(client.get("/phan-hoi").text)  # TP still listed in it
    remind()
    assert stale not in html.unescape(client.get("/phan-hoi").text)


def test_the_reminder_letter_asks_every_unit_before_any_file(tmp_path):
    """The due day passed and no file came: the card said the letter could be made once
    a file was merged (a QA pass). It lists every unit and makes the letter to all."""
    data = _with_master(tmp_path)
    client = _client(data)
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    card = page[page.index("<h2>Công văn đôn đốc</h2>"):]
    card = card[:card.index("</section>")]
    assert "Chưa gửi: 47 đơn vị chưa gửi tệp nào kỳ này (hạn 20/09/2023):" in card
    assert "Phòng Nội vụ, Phòng Tư pháp," in card and "Lập công văn đôn đốc</button>" in card
    job = client.post("/phan-hoi/9T", headers={"X-CSRF-Token": _token(client),
                                               "Accept": "application/json"}).json()
    done = _wait(client, job)
    assert done["state"] == "done", done
    # No "Hạn gửi lại" typed: the letter leaves it blank, and the page says so (as the
    # CLI does), with how to give one.
    assert done["result"]["message"] == (
        "Đã lập công văn đôn đốc 47 đơn vị. Lưu ý: hạn gửi lại để trống trong công văn "
        f'("chậm nhất ngày … tháng … năm {date.today().year}") và ở cột "Hạn gửi" của danh '
        'sách trộn thư, để cơ quan ghi tay vào dự thảo; để điền sẵn hạn, ghi ô "Hạn gửi '
        'lại" rồi lập lại công văn.')
    from test_figures import word_text

    from cchc_xl.web.workspace import Workspace

    paragraphs, _ = word_text(Workspace(data).reminder_docx("9T"))
    said = " ".join(paragraphs)
    assert "chưa nhận được báo cáo của cơ quan, đơn vị nào:" in said
    assert "Đơn vị chưa gửi báo cáo (47)" in said
    assert not (data / "cchc-ledger.sqlite").exists()  # no ledger made for it


def test_files_uploaded_are_listed_by_name(tmp_path):
    """A folder dropped came in the browser's order (X04, X05, X03, X10...): hard to check
    against the units (web QA)."""
    client = _client(_with_master(tmp_path))
    names = ["TP-phong-tu-phap.xlsx", "ghi-chu.txt", "NV-phong-noi-vu.xlsx"]
    state = _sent(client, _token(client), [
        (name, (RETURNS / name).read_bytes() if name.endswith(".xlsx") else b"xin gui")
        for name in names])
    assert state["state"] == "done", state
    assert [f["name"] for f in state["result"]["files"]] == sorted(names, key=str.casefold)


def test_an_earlier_upload_of_another_day_says_its_day(tmp_path):
    """ "Lần tải lên lúc 15:53:26" for an upload of the day before (the app left running):
    its day is said too; pages ask for no icon the app does not have (a 404 each)."""
    from datetime import datetime, timedelta

    client = _client(_with_master(tmp_path))
    token = _token(client)
    for name in ("TP-phong-tu-phap.xlsx", "NV-phong-noi-vu.xlsx"):
        _sent(client, token, [(name, (RETURNS / name).read_bytes())])
    older = client.app.state.runner.recent("merge", "9T")[-1]
    older.created = datetime.now() - timedelta(days=1)
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert (f"Lần tải lên lúc {older.created:%H:%M:%S} ngày {older.created:%d/%m/%Y}:"
            in page), page
    assert '<link rel="icon" href="data:,">' in page


def test_a_zip_of_returns_is_unpacked_and_each_file_told(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx"):
            zf.write(RETURNS / name, f"Tệp đính kèm/{name}")
        zf.writestr("Tệp đính kèm/ghi-chu.txt", "xin gửi")
        zf.writestr("Tệp đính kèm/khác.zip", b"PK\x05\x06" + b"\x00" * 18)
    job = _upload(client, token, [("Tệp đính kèm.zip", bundle.getvalue())]).json()
    state = _wait(client, job)
    assert state["state"] == "done", state
    files = [(f["name"], f["outcome"]) for f in state["result"]["files"]]
    # Each named as inside its zip, its folder too.
    assert files == [("Tệp đính kèm.zip", "Đã giải nén"),
                     ("Tệp đính kèm.zip/Tệp đính kèm/NV-phong-noi-vu.xlsx", "Được nhận"),
                     ("Tệp đính kèm.zip/Tệp đính kèm/TP-phong-tu-phap.xlsx", "Được nhận"),
                     ("Tệp đính kèm.zip/Tệp đính kèm/ghi-chu.txt", "Bị từ chối"),
                     ("Tệp đính kèm.zip/Tệp đính kèm/khác.zip", "Bỏ qua")]
    snapshot = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    assert {s.unit for s in snapshot.submissions if s.outcome == ACCEPTED} == {"NV", "TP"}


def test_a_zip_refused_whole_is_listed_with_why(tmp_path, monkeypatch):
    """Nothing else sent: the job failed with a command-line hint and server paths."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)  # the plan read (and kept): it is larger than the limit below
    monkeypatch.setattr("cchc_xl.bounds.MAX_FILE_BYTES", 10_000)  # as if 64 MB
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(RETURNS / "NV-phong-noi-vu.xlsx", "NV-phong-noi-vu.xlsx")
    state = _wait(client, _upload(client, token, [("Tệp đính kèm.zip", bundle.getvalue())])
                  .json())
    assert state["state"] == "done", state
    assert state["result"]["message"] == "Không có tệp nào của đơn vị để gộp."
    (told,) = state["result"]["files"]
    assert (told["name"], told["outcome"]) == ("Tệp đính kèm.zip", "Bỏ qua")
    assert told["reason"].startswith("tệp 'NV-phong-noi-vu.xlsx' trong tệp nén lớn")
    assert str(data) not in json.dumps(state, ensure_ascii=False)


def test_the_intake_page_after_an_upload_with_nothing_to_merge(tmp_path):
    """Its job has no merge summary: the page answered 500, and kept answering it for
    the period until the app was restarted."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("~$X02.xlsx", b"lock")])["state"] == "done"
    page = client.get("/thu-nhan?ky=9T")
    assert page.status_code == 200
    assert "Không có tệp nào để gộp." in html.unescape(page.text)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])[
        "state"] == "done"
    earlier = html.unescape(client.get("/thu-nhan").text).split('<details class="earlier">')[1]
    assert "Không có tệp nào để gộp." in earlier and "~$X02.xlsx" in earlier


def test_the_same_file_sent_twice_at_once_is_listed_as_one(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    state = _sent(client, token, [("NV.xlsx", body), ("NV (1).xlsx", body), ("NV.xlsx", body)])
    files = [(f["name"], f["outcome"], f["reason"]) for f in state["result"]["files"]]
    told = "cùng nội dung với tệp 'NV.xlsx' gửi cùng lúc: tính là một lần gửi"
    assert files == [("NV.xlsx", "Được nhận", ""), ("NV.xlsx", "Trùng tệp", told),
                     ("NV (1).xlsx", "Trùng tệp", told)]  # listed by name
    assert "Đơn vị đã gửi: 1/" in state["result"]["message"]
    # Sent again later: its earlier verdict stands, and the list says so, in a neutral
    # tag (it was the green "Được nhận" beside a red "đã nhận ở lần gửi trước").
    assert [s.outcome for s in load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
            ] == [ACCEPTED]
    (again,) = _sent(client, token, [("NV lần nữa.xlsx", body)])["result"]["files"]
    assert (again["kind"], again["outcome"], again["reason"]) == (
        "known", "Đã nhận trước đó",
        "tệp này (cùng nội dung) đã nhận ở lần gửi trước, không tính thêm")
    page = client.get("/thu-nhan").text
    assert '<span class="tag known">Đã nhận trước đó</span>' in html.unescape(page)


def test_a_copy_of_another_units_file_under_a_units_name_is_told_on_the_page(tmp_path):
    """Users' probe: a commune's copy of a neighbour's file, sent under its own name, was
    listed as "Trùng tệp" with nothing more, and the office would chase the commune as
    one that sent nothing. The line says which unit sent another's file."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()
    state = _sent(client, token, [("X02-xa-hoang-cat.xlsx", body),
                                  ("X07-xa-hoang-dong.xlsx", body)])
    _, copy = state["result"]["files"]
    assert (copy["kind"], copy["outcome"], copy["warnings"]) == ("duplicate", "Trùng tệp", 1)
    # Counted above the list, with the file with errors (Hoằng Cát's 120%).
    assert state["result"]["message"].endswith(
        "Cần xem trong danh sách dưới: 1 tệp có lỗi, 1 tệp là bản sao tệp của đơn vị khác.")
    assert copy["reason"].startswith("tên tệp bắt đầu bằng mã đơn vị Xã Hoằng Đồng nhưng tệp "
                                     "giống hệt tệp đã nhận của Xã Hoằng Cát")
    # Sent again in a later upload: still said, not only "already received".
    (later,) = _sent(client, token, [("X07 bao cao.xlsx", body)])["result"]["files"]
    assert later["kind"] == "known" and "đề nghị Xã Hoằng Đồng gửi đúng tệp" in later["reason"]


def test_a_file_sent_again_is_told_so_while_the_merge_runs(tmp_path, monkeypatch):
    """Each file is listed as it is read: one sent before was listed as "Được nhận"
    until the list was drawn again at the end."""
    from cchc_xl.web import workspace

    folders = iter(f"{n:06x}" for n in range(1, 100))  # uploads read in the order sent
    monkeypatch.setattr(workspace.secrets, "token_hex", lambda size: next(folders))
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    state = _sent(client, token, [("NV lần nữa.xlsx", nv),
                                  ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    live = [(e["name"], e["kind"], e["outcome"]) for e in state["events"]]
    assert live[0] == ("NV lần nữa.xlsx", "known", "Đã nhận trước đó"), live
    # A new file is listed as it is recorded, not only when the merge ends (the ledger
    # is committed a hundred files at a time: another connection saw none of them).
    assert live[1:] == [("TP.xlsx", "accepted", "Được nhận")], live


def test_a_units_feedback_names_the_file_as_it_sent_it(tmp_path):
    """The letter said 'Tệp đã nhận: x02-bao-cao-c23089.xlsx', a name the unit never gave."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()  # a percent of 120: feedback
    assert _sent(client, token, [("X02 Hoằng Cát báo cáo.xlsx", body)])["state"] == "done"
    (letter,) = (data / "phan-hoi-9T").glob("X02-*.xlsx")
    lines = [r[0] for r in openpyxl.load_workbook(letter)["Phản hồi"].iter_rows(
        max_row=8, max_col=1, values_only=True)]
    assert any(str(t).startswith("Tệp đã nhận: X02 Hoằng Cát báo cáo.xlsx") for t in lines)


def test_names_people_gave_their_files_survive_moving_the_data_folder(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    given = "Nội vụ: gửi lần 1?.xlsx"  # stored as "Nội vụ_ gửi lần 1_.xlsx"
    assert _sent(client, token, [(given, body)])["state"] == "done"
    assert given in html.unescape(client.get("/thu-nhan").text)
    moved = shutil.move(data, tmp_path / "cchc-2023")  # copied to a new computer, say
    page = html.unescape(_client(Path(moved)).get("/thu-nhan").text)
    assert given in page
    assert "Nội vụ_ gửi lần 1_.xlsx" not in page  # the stored name


def test_an_upload_recorded_on_windows_is_found_by_its_folder_and_name():
    """A data folder moved from a Windows computer: the ledger has its Windows paths."""
    from cchc_xl.web.upload_names import upload_key

    assert upload_key(r"D:\CCHC\du-lieu\nhan-ve-9T\X02-Xã-Hoằng-Cát-3f9a1c.xlsx") == \
        "nhan-ve-9T/X02-Xã-Hoằng-Cát-3f9a1c.xlsx"
    assert upload_key("/srv/cchc/nhan-ve-9T/NV-1a2b3c.xlsx") == "nhan-ve-9T/NV-1a2b3c.xlsx"


def test_a_file_saved_before_the_counted_one_says_why_it_does_not_count(tmp_path):
    """NV's file sent again, saved (by the time inside it) before the one already
    counted: listed as superseded with the reason, not silently."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    counted = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", counted)])["state"] == "done"
    older = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(counted)) as zi, zipfile.ZipFile(older, "w") as zo:
        for info in zi.infolist():
            part = zi.read(info)
            if info.filename == "docProps/core.xml":
                part = part.replace(b"2023-09-14T08:00:00Z", b"2019-01-01T00:00:00Z")
            zo.writestr(info, part)
    state = _sent(client, token, [("NV sửa.xlsx", older.getvalue())])
    (sent,) = state["result"]["files"]
    assert (sent["name"], sent["outcome"]) == ("NV sửa.xlsx", "Bị thay thế")
    assert sent["reason"].startswith("tệp gộp sau nhưng lưu lúc 01/01/2019")
    assert "Rút khỏi số liệu" in sent["reason"]
    # Said with the page's button, never the terminal's command.
    assert "cchc-xl withdraw" not in sent["reason"] and "lệnh" not in sent["reason"]
    assert "trong mục 'N tệp đã gửi' của đơn vị ở trang Thu nhận" in sent["reason"]
    page = html.unescape(client.get("/thu-nhan").text)
    assert "cchc-xl withdraw" not in page and "rút tệp đang được tính (" in page

    # The office makes the later file count: the counted one is taken out of the figures
    # on the page, and the consolidated workbook is written again at once.
    page = client.get("/thu-nhan").text
    assert "2 tệp đã gửi" in page
    # Either file can be taken out ("rút tệp kia" named a file without a button).
    shas = re.findall(r'name="sha" value="([0-9a-f]{64})"', page)
    sha = hashlib.sha256(counted).hexdigest()
    assert shas == [sha, hashlib.sha256(older.getvalue()).hexdigest()]
    assert "Tệp này hiện không được tính (đã có tệp mới hơn); sau khi rút" in html.unescape(page)
    done = client.post("/thu-nhan/9T/rut", data={"sha": sha, "csrf": token},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/thu-nhan?ky=9T"
    page = client.get("/thu-nhan").text
    # The upload's list, which told NV.xlsx counts, is no longer shown as how things stand.
    latest = html.unescape(page).split('<details class="earlier">')[0]
    assert "Số liệu đã thay đổi lúc" in latest and "NV sửa.xlsx" not in latest.split(
        "Số liệu đã thay đổi lúc")[1].split("</p>")[1]
    assert len(re.findall(r'name="sha" value="([0-9a-f]{64})"', page)) == 1
    assert "Đã rút tệp NV.xlsx khỏi số liệu (vẫn giữ trong sổ cái). Tệp được tính của đơn vị" \
           " bây giờ: NV sửa.xlsx." in html.unescape(page)
    # The unit is still judged by its first report, this one included: said so.
    assert "Ngày đơn vị gửi báo cáo vẫn tính theo tệp hợp lệ đầu tiên của đơn vị, kể cả tệp " \
           "đã rút (tệp vừa rút, nhận ngày " in html.unescape(page)
    # Counted now: its warning that it was not (withdraw the other) no longer holds on
    # the board (the upload's own list keeps what it was told then).
    row = html.unescape(page)
    row = row[row.index('<td class="unit-code">NV</td>'):]
    assert "tệp gộp sau nhưng lưu lúc" not in row[:row.index("</tr>")]
    # The withdrawn file stays listed with the unit, so the office sees it was sent.
    assert re.search(r'<span class="fname">NV\.xlsx</span> <span class="tag">Đã rút</span>',
                     html.unescape(page))
    snapshot = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    assert sorted((Path(s.path).suffix, s.outcome) for s in snapshot.submissions) == [
        (".xlsx", "accepted"), (".xlsx", "withdrawn")]
    assert next(s for s in snapshot.submissions if s.outcome == "accepted").sha256 == \
        hashlib.sha256(older.getvalue()).hexdigest()
    consolidated = openpyxl.load_workbook(data / "tong-hop-9T.xlsx", read_only=True)
    outcomes = [r[6] for r in consolidated["Tệp đã nhận"].iter_rows(min_row=5, values_only=True)]
    assert sorted(outcomes) == sorted(["Được nhận", "Đã rút"])
    # A token is needed, and a file that is not there is said so.
    assert client.post("/thu-nhan/9T/rut", data={"sha": sha}).status_code == 403
    client.post("/thu-nhan/9T/rut", data={"sha": "0" * 64, "csrf": token},
                follow_redirects=False)
    assert "Kỳ 9 tháng năm 2023 không có tệp này (trang đã cũ?)" in html.unescape(
        client.get("/thu-nhan").text)
    # The form sent again (a second tab, a refresh): said plainly, nothing else changes.
    client.post("/thu-nhan/9T/rut", data={"sha": sha, "csrf": token}, follow_redirects=False)
    page = html.unescape(client.get("/thu-nhan").text)
    assert "Tệp NV.xlsx đã được rút khỏi số liệu trước đó." in page
    assert "không có tệp này" not in page


# --- replacing the plan, dates received, plain Vietnamese -----------------------------

def test_replacing_the_plan_in_use_asks_first_and_says_where_it_was_kept(tmp_path):
    """Importing a plan document replaced the plan in use at once, without a word on
    the one it replaced."""
    empty = _client(tmp_path / "empty")
    page = empty.get("/").text
    assert "data-confirm" not in page  # nothing to replace yet
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    answer = _put_plan(client, data={"csrf": token},
                       files={"master": ("bảng mới.xlsx", HH_MASTER.read_bytes())})
    (kept,) = (data / "ke-hoach-cu").glob("*.xlsx")
    assert ("Đã nhận bảng kế hoạch 'bảng mới.xlsx'. Bảng kế hoạch dùng trước đó được giữ lại"
            f" trong thư mục làm việc, tệp ke-hoach-cu/{kept.name}; muốn dùng lại bảng đó thì"
            " bấm 'Dùng lại' ở mục 'Bảng kế hoạch dùng trước đây'.") in html.unescape(answer.text)


def test_the_same_table_uploaded_twice_is_not_asked_again_once_in_place(tmp_path):
    """The office uploaded its fixed table twice (two tabs, or once more to be sure):
    two questions. Once it said "Thay" to one, the page still asked "Thay bảng kế hoạch
    đang dùng?" of the other, the very table now in use."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    places = [client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                          files={"master": ("ke-hoach-sua.xlsx", NH_MASTER.read_bytes())}
                          ).headers["location"] for _ in range(2)]
    page = html.unescape(client.get("/").text)
    assert page.count("Thay bảng kế hoạch đang dùng?") == 2
    client.post("/ke-hoach/thay", data={"csrf": token, "answer": "thay",
                                        "token": re.search(r"thay=([0-9a-f]+)", places[0])[1]})
    assert (data / "ke-hoach.xlsx").read_bytes() == NH_MASTER.read_bytes()
    page = html.unescape(client.get("/").text)
    assert "Thay bảng kế hoạch đang dùng?" not in page
    # A different table held meanwhile is still asked about.
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("cu.xlsx", HH_MASTER.read_bytes())}).headers["location"]
    assert "thay=" in place
    assert html.unescape(client.get("/").text).count("Thay bảng kế hoạch đang dùng?") == 1


def test_a_replacing_plan_is_checked_before_the_question(tmp_path):
    """"Thay bảng kế hoạch…?" was asked before the file was read: the office said yes,
    then learnt the file was a PDF. A file that fails the check is refused with its
    reason and no question; one that passes is asked about with what the check found,
    and only the answer puts it in place."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    page = html.unescape(client.get("/?ky=9T").text)
    (form,) = [f for f in re.findall(r"<form [^>]*>", page) if 'action="/ke-hoach?' in f]
    assert "data-confirm" not in form  # no question before the file is checked
    token = _token(client)
    question = "Thay bảng kế hoạch đang dùng bằng bảng mới?"
    for name, body, said in (
            ("ke-hoach.pdf", b"%PDF-1.4", "Không dùng được tệp 'ke-hoach.pdf': đây là tệp PDF"),
            ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes(),
             "Tệp 'NV.xlsx' là tệp giao cho một đơn vị")):
        sent = client.post("/ke-hoach?ky=9T", data={"csrf": token},
                           files={"master": (name, body)}, follow_redirects=False)
        assert sent.headers["location"] == "/?ky=9T"
        text = html.unescape(client.get(sent.headers["location"]).text)
        assert said in text and "Bảng kế hoạch đang dùng được giữ nguyên" in text
        assert 'id="thay-bang"' not in text  # asked nothing
    # A plan that passes: held, nothing replaced yet, the question with the check's result.
    sent = client.post("/ke-hoach?ky=9T", data={"csrf": token},
                       files={"master": ("nghĩa hưng.xlsx", NH_MASTER.read_bytes())},
                       follow_redirects=False)
    place = sent.headers["location"]
    assert re.fullmatch(r"/\?ky=9T&thay=[0-9a-f]{16}#thay-bang", place), place
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    text = html.unescape(client.get(place).text)
    start = text.index('id="thay-bang"')
    asked = text[start:text.index("</section>", start)]
    assert re.search(r"Đã kiểm tra tệp “nghĩa hưng\.xlsx” lúc \d\d:\d\d \d\d/\d\d/\d{4}: "
                     r"đọc được, 0 lỗi,", asked)
    assert re.search(r"<b>\d+</b> nhiệm vụ", asked) and "Đây là một kế hoạch khác" in asked
    assert question in asked
    held = re.search(r'name="token" value="([0-9a-f]+)"', asked)[1]
    # "Không thay": the plan in use stays, the file held goes; answered twice: said so.
    for _ in range(2):
        kept = html.unescape(client.post("/ke-hoach/thay?ky=9T", data={
            "csrf": token, "token": held, "answer": "giu"}).text)
    assert "Không còn bảng kế hoạch chờ thay này" in kept
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    assert not list((data / ".cchc-web" / "cho-thay").iterdir())
    # Asked again and "Thay bằng bảng này": in place.
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("nghĩa hưng.xlsx", NH_MASTER.read_bytes())}
                        ).headers["location"]
    held = re.search(r"thay=([0-9a-f]+)", place)[1]
    done = html.unescape(client.post("/ke-hoach/thay", data={
        "csrf": token, "token": held, "answer": "thay"}).text)
    assert "Đã nhận bảng kế hoạch 'nghĩa hưng.xlsx'." in done
    assert (data / "ke-hoach.xlsx").read_bytes() == NH_MASTER.read_bytes()
    assert not list((data / ".cchc-web" / "cho-thay").iterdir())
    assert client.post("/ke-hoach/thay", data={"token": held}).status_code == 403  # token


def test_a_plan_import_error_names_the_file_as_the_office_chose_it(tmp_path):
    """It named the upload's place on the server: "tệp /tmp/…/.cchc-web/tai-len/5f4567/
    báo cáo giả.xlsx: tệp PDF không đọc được…"."""
    data = _with_master(tmp_path)
    client = _client(data)
    job = client.post("/ke-hoach/nhap", files={"document": ("báo cáo giả.xlsx", b"%PDF-1.4")},
                      headers={"X-CSRF-Token": _token(client),
                               "Accept": "application/json"}).json()
    failed = _wait(client, job)
    assert failed["state"] == "failed"
    assert failed["error"].startswith("Không nhập được tệp 'báo cáo giả.xlsx': tệp PDF không "
                                      "đọc được bảng nhiệm vụ (dùng bản Word")
    assert failed["error"].endswith(". Bảng kế hoạch đang dùng được giữ nguyên.")
    assert "tai-len" not in failed["error"] and str(tmp_path) not in failed["error"]
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()


def test_the_upload_form_takes_the_day_the_files_were_received(tmp_path):
    """Without it every file uploaded after the due date was counted late (the CLI has
    merge --received)."""
    from datetime import date

    data = _with_master(tmp_path)
    client = _client(data)
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    today = date.today().strftime("%d/%m/%Y")
    assert re.search(rf'<input type="text" id="received" name="received" value="{today}"', page)
    assert ("Ngày cơ quan nhận được tệp (qua thư điện tử, Zalo…); để mặc định nếu nhận hôm "
            "nay.") in page
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()  # due 20/09/2023

    def send(received: str):
        return _post_nv(client, token, body, received)

    for given, said in (("31/31/2023", "Ngày nhận '31/31/2023' không phải ngày (ghi dạng "
                                       f"ngày/tháng/năm, ví dụ {today}; ghi ngày/tháng cũng "
                                       "được, ví dụ 20/09: năm được hiểu theo hạn nộp báo "
                                       "cáo của kỳ)."),
                        ("01/01/2999", f"Ngày nhận 01/01/2999 chưa tới (hôm nay là {today}):"
                                       " ghi ngày cơ quan đã nhận được tệp."),
                        ("18/9/00", "Ngày nhận 18/09/2000 trước khi kỳ báo cáo bắt đầu (số "
                                    "liệu 9 tháng năm 2023 tính từ 15/12/2022): ghi ngày cơ "
                                    "quan đã nhận được tệp.")):
        refused = send(given)
        assert refused.status_code == 400 and refused.json()["error"] == said
    assert not (data / "nhan-ve-9T").exists()  # nothing kept of a refused upload
    state = _wait(client, send("18/09/2023").json())
    assert state["state"] == "done" and state["title"] == (
        "Gộp 1 tệp kỳ 9 tháng năm 2023 (nhận ngày 18/09/2023)")
    (sub,) = load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2023-09-18"
    row = re.search(r'<tr data-state="([^"]*)"[^>]*>\s*<td class="unit-code">NV</td>',
                    client.get("/thu-nhan").text)
    assert row[1] == "dung-han"  # on time, though uploaded years after the due date
    # Sent again with a later day: the office had it already, nothing changes; with an
    # earlier day, that is the day, and the line says so (it said "không tính thêm"
    # while the unit turned from late to on time: a probe).
    (later,) = _wait(client, send("21/09/2023").json())["result"]["files"]
    assert later["reason"] == "tệp này (cùng nội dung) đã nhận ở lần gửi trước, không tính thêm"
    (earlier,) = _wait(client, send("15/09/2023").json())["result"]["files"]
    assert earlier["reason"] == ("tệp đã nhận trước đó: ngày nhận sửa thành 15/09/2023 (trước "
                                 "ghi 18/09/2023)")
    # Without the form (a page from before): today, as merge without --received.
    page = client.post("/thu-nhan/9T", data={"csrf": token, "received": "hôm qua"},
                       files=[("files", ("TP.xlsx", b"x"))], follow_redirects=True)
    assert "Ngày nhận 'hôm qua' không phải ngày" in html.unescape(page.text)


def _post_nv(client: TestClient, token: str, body: bytes, received: str):
    """NV's file uploaded for 9T with the day received typed as ``received``."""
    return client.post("/thu-nhan/9T", data={"received": received},
                       files=[("files", ("NV.xlsx", body))],
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})


def test_the_day_received_may_leave_out_the_year(tmp_path):
    """"18/9" was refused ("không phải ngày"): a day and month alone is of the plan's
    year, read as merge --received reads it, and the upload says the day it took."""
    data = _with_master(tmp_path)  # a plan of 2023
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()  # due 20/09/2023

    def send(received: str):
        return _post_nv(client, token, body, received)

    today = date.today().strftime("%d/%m/%Y")
    for given in ("31/2", "abc", "31/9/23"):
        refused = send(given)
        assert refused.status_code == 400 and refused.json()["error"] == (
            f"Ngày nhận '{given}' không phải ngày (ghi dạng ngày/tháng/năm, ví dụ {today}; "
            "ghi ngày/tháng cũng được, ví dụ 20/09: năm được hiểu theo hạn nộp báo cáo của kỳ).")
    assert not (data / "nhan-ve-9T").exists()
    state = _wait(client, send(" 18/9 ").json())
    assert state["state"] == "done" and state["title"] == (
        "Gộp 1 tệp kỳ 9 tháng năm 2023 (nhận ngày 18/09/2023)")
    (sub,) = load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2023-09-18"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert 'name="received" value="18/09/2023"' in page  # the day understood, kept


def test_merge_received_takes_a_day_without_its_year_as_the_web_app_does(tmp_path):
    """One reading of a received day: the command's --received 18/9 is 18/09/2023 too."""
    done = CliRunner().invoke(main, [
        "merge", str(HH_MASTER), str(RETURNS / "NV-phong-noi-vu.xlsx"), "--period", "9T",
        "--out", str(tmp_path / "o.xlsx"), "--silent", "--received", "18/9"])
    assert done.exit_code in (0, 1), done.output
    (sub,) = load_snapshot(tmp_path / "cchc-ledger.sqlite", "9T").submissions
    assert sub.received == "2023-09-18"
    wrong = CliRunner().invoke(main, [
        "merge", str(HH_MASTER), str(RETURNS), "--period", "9T", "--out",
        str(tmp_path / "o2.xlsx"), "--received", "31/2"])
    assert wrong.exit_code == 2 and "--received: '31/2' không phải ngày" in wrong.output


def test_a_day_received_without_its_year_of_a_period_due_the_year_after():
    """A year's report due in January of the next year: 10/1 is that January, 28/12
    the plan's December; a day after the due day too ("20/1" was 20/01/2023, a late
    return counted on time, a QA pass), up to two months after it ("15/7" is the plan's
    July, not the next year's)."""
    from cchc_xl.counted import received_day
    from cchc_xl.model import Period

    year = Period("NAM", "Năm 2023", date(2022, 12, 15), date(2023, 12, 14), date(2024, 1, 15))
    assert received_day("10/1", year, 2023) == date(2024, 1, 10)
    assert received_day("15.01", year, 2023) == date(2024, 1, 15)
    assert received_day("28/12", year, 2023) == date(2023, 12, 28)
    assert received_day("20/1", year, 2023) == date(2024, 1, 20)
    assert received_day("15/7", year, 2023) == date(2023, 7, 15)  # not 2024, far after
    assert received_day("29/2", year, 2023) == date(2024, 2, 29)  # 2023 has none
    nine = Period("9T", "9 tháng", date(2022, 12, 15), date(2023, 9, 14), date(2023, 9, 20))
    assert received_day("18/9", nine, 2023) == date(2023, 9, 18)
    assert received_day("29/2", nine, 2023) is None  # no 29 February in 2023
    assert received_day("20/09/2022", year, 2023) == date(2022, 9, 20)
    # The year's last two digits, as the office types it ("18/9/23" was refused).
    assert received_day("18/9/23", nine, 2023) == date(2023, 9, 18)
    assert received_day("5.1.24", year, 2023) == date(2024, 1, 5)
    assert received_day("31/9/23", nine, 2023) is None
    assert received_day("2023-09-20", year, 2023) == date(2023, 9, 20)
    # A year's report due in December: "5/1" is the January after it (it was a year
    # early, before the returns were due, and counted on time: a QA pass).
    december = Period("NAM", "Năm 2023", date(2022, 12, 15), date(2023, 12, 14),
                      date(2023, 12, 20))
    assert received_day("5/1", december, 2023) == date(2024, 1, 5)
    assert received_day("15/7", december, 2023) == date(2023, 7, 15)


def test_the_merge_details_leave_out_finding_codes(tmp_path):
    """The details of a merge speak Vietnamese only (finding codes are for the terminal
    and the documentation), and the consolidated workbook names each file as it was
    uploaded, not by its folder on this computer."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    sent = [(p.name, p.read_bytes()) for p in sorted(RETURNS.glob("X0*.xlsx"))[:3]]
    state = _sent(client, token, sent + [("bao-cao.xlsx", b"%PDF-1.4 not a workbook")])
    summary = state["result"]["summary"]
    assert "[Lỗi] bao-cao.xlsx: " in summary
    from cchc_xl.vocab import FINDING_CODES

    assert not [code for code in FINDING_CODES if code in summary], summary
    wb = openpyxl.load_workbook(data / "tong-hop-9T.xlsx", read_only=True)
    named = {r[2] for r in wb["Tệp đã nhận"].iter_rows(min_row=5, values_only=True) if r[2]}
    assert named == {name for name, _ in sent} | {"bao-cao.xlsx"}


def test_the_pages_speak_to_the_specialist_not_a_programmer(tmp_path):
    """Finding codes, command names and folders of the program on the pages; the
    period's code where its name reads better."""
    empty = html.unescape(_client(tmp_path / "empty").get("/").text)
    for said in ("cchc-xl init", "templates/master.xlsx", "(master)", "<code>"):
        assert said not in empty, said
    assert "Chưa có bảng kế hoạch. Có ba cách bắt đầu: nhập văn bản kế hoạch" in empty
    data = _with_master(tmp_path)
    client = _client(data)
    page = client.get("/").text
    table = page[page.index('<table class="list findings'):page.index("</table>")]
    assert "<th>Mã</th>" not in table and "<code>" not in table
    assert 'title="Mã kiểm tra: group-open"' in table  # still there for whoever helps
    token = _token(client)
    assert "Tạo tệp giao kỳ 9 tháng năm 2023</button>" in client.get("/giao-viec?ky=9T").text
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["title"] == "Tạo tệp giao kỳ 9 tháng năm 2023"
    state = _sent(client, token, [("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())])
    summary = state["result"]["summary"]
    assert "Vấn đề: 1 lỗi, 0 cảnh báo, 2 ghi nhận." in summary
    assert "[Lỗi] X02.xlsx, trang" in summary
    assert not re.search(r"\b[a-z]+(-[a-z]+)+(: \d+|\b(?!\.xlsx))", summary.split(
        "kế hoạch hoang-hoa-2023.")[1].replace("tong-hop-9T", "")), summary


# --- what the browser tester found in a year of a commune's plan ----------------------

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


def _typed(path: Path, text: str, dst: Path, units: tuple[str, ...]) -> tuple[Path, int]:
    """The consolidated workbook with ``text`` typed as the office's assessment of every
    lead row of ``units``; how many rows were typed."""
    return dst, type_assessments(path, dst, text, lambda unit, _: unit in units)


def test_the_office_s_assessments_are_recorded_from_the_browser(tmp_path):
    """"Đạt / Chưa đạt" typed into the downloaded consolidated workbook could not be
    recorded: uploaded on Thu nhận it was refused as a unit's unknown file."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert "Đánh giá của cơ quan tổng hợp (Đạt / Chưa đạt)" in page
    assert "Ghi đánh giá</button>" in page
    downloaded = tmp_path / "tong-hop-9T.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    edited, typed = _typed(downloaded, "Chưa đạt: thiếu văn bản", tmp_path / "th-sua.xlsx",
                           ("NV",))
    assert typed > 0
    before = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    answer = client.post("/bao-cao/9T/danh-gia",
                         files={"workbook": ("tổng hợp đã đánh giá.xlsx", edited.read_bytes())},
                         headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert answer["page"] == "/bao-cao?ky=9T"
    state = _wait(client, answer)
    assert state["state"] == "done", state
    assert state["result"]["message"].startswith(
        f"Đã ghi {typed} đánh giá thay đổi (Đạt / Chưa đạt) vào số liệu kỳ 9 tháng năm 2023; "
        "bảng tổng hợp và báo cáo đã được lập lại: ")
    after = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    assert len(after.submissions) == len(before.submissions)  # not taken for a unit's file
    # The report job's message, with the figures before the assessments, is no longer
    # shown above the report made again (two sets of figures on one page).
    shown = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert "Đã lập báo cáo" not in shown and "Đã ghi" in shown
    # The report made again later: the assessments' message, with the figures of then,
    # is no longer shown above it either (the page showed 8/11 and 9/11 at once).
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    shown = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert "Đã lập báo cáo" in shown and "Đã ghi" not in shown
    # Written again: the workbook to download holds the assessments, the report counts them.
    again = tmp_path / "lai.xlsx"
    again.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    from cchc_xl.assessment import read_assessments

    assert sum(1 for a in read_assessments(again).values() if a is not None) == typed
    report = html.unescape(client.get("/bao-cao/9T/trang").text)
    assert f"Kỳ này có {typed} dòng (sản phẩm × đơn vị chủ trì) do cơ quan tổng hợp" in report
    # The report's notes name neither the terminal's commands nor the app's pages: a
    # report goes to the office above (a QA pass of a commune's documents).
    saved = html.unescape(client.get("/tai-ve/bao-cao-html/9T").text)  # downloaded: the same
    for text in (report, saved):
        assert "assess" not in text and "withdraw" not in text and "trang Báo cáo" not in text
        assert ('Đánh giá của cơ quan tổng hợp (cột "Đánh giá của cơ quan tổng hợp" trong '
                'tệp tổng hợp): "Đạt" tính là hoàn thành') in text
    # The Excel report downloaded too: its notes name no command, nor the ledger's file.
    book = tmp_path / "bao-cao.xlsx"
    book.write_bytes(client.get("/tai-ve/bao-cao/9T").content)
    notes = [c for row in openpyxl.load_workbook(book, read_only=True)["Ghi chú"].iter_rows(
        values_only=True) for c in row if isinstance(c, str)]
    assert notes and not [n for n in notes if "lệnh" in n or "cchc-ledger" in n]
    assert not [n for n in notes if "assess" in n or "withdraw" in n]

    # The same workbook, "Đạt" now, dropped on Thu nhận: read as assessments too.
    edited, _ = _typed(again, "Đạt", tmp_path / "th-dat.xlsx", ("NV",))
    state = _sent(client, token, [("tổng hợp Đạt.xlsx", edited.read_bytes())])
    (told,) = state["result"]["files"]
    assert (told["outcome"], told["kind"]) == ("Đã đọc đánh giá", "assessed")
    assert told["reason"].startswith(f"Đã ghi {typed} đánh giá thay đổi")
    assert len(load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions) == len(
        before.submissions)
    # With a unit's file in the same upload: the report is not said made again before
    # that file is merged (a probe: "đã được lập lại", then "số liệu cũ" on Báo cáo).
    edited, _ = _typed(again, "Chưa đạt", tmp_path / "th-chua-dat.xlsx", ("NV",))
    made = (data / "bao-cao-9T.html").stat().st_mtime_ns
    state = _sent(client, token, [("tổng hợp.xlsx", edited.read_bytes()),
                                  ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    told = {f["name"]: f for f in state["result"]["files"]}
    assert ("bảng tổng hợp được ghi lại cùng các tệp khác của lần tải lên này (báo cáo, nếu "
            "đã lập, cần lập lại ở trang Báo cáo).") in told["tổng hợp.xlsx"]["reason"]
    assert "đã được lập lại" not in told["tổng hợp.xlsx"]["reason"]
    assert (data / "bao-cao-9T.html").stat().st_mtime_ns == made  # not made again
    # Another period's workbook: said where it belongs, nothing recorded.
    wrong = client.post("/bao-cao/6T/danh-gia",
                        files={"workbook": ("th.xlsx", edited.read_bytes())},
                        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    failed = _wait(client, wrong)
    assert failed["state"] == "failed"
    assert ("bảng tổng hợp 'th.xlsx' là của kỳ 9 tháng năm 2023, không phải kỳ 6 tháng đầu "
            "năm 2023") in failed["error"]  # named as the period box shows them
    # A unit's file given as the assessed workbook: refused, and shown on the page later
    # with when it was (an old error read as the last action's: a QA pass).
    wrong = client.post("/bao-cao/9T/danh-gia",
                        files={"workbook": ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx"
                                                         ).read_bytes())},
                        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert _wait(client, wrong)["state"] == "failed"
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    box = page.split('data-form="assess-form">', 1)[1].split("</div>", 1)[0]
    assert re.search(r">Lỗi</span><span class=\"job-when\"> · lúc \d\d:\d\d ngày "
                     r"\d\d/\d\d/\d{4}</span>", box), box


def test_assessment_text_that_is_no_verdict_is_told_where_it_is(tmp_path):
    """One cell read "OK luôn": the page said "Đã ghi 7 đánh giá thay đổi (Đạt / Chưa
    đạt)" though 6 were verdicts, and nothing said "OK luôn" was not understood (a QA
    probe). Verdicts are counted apart from remarks, and the cell is named."""
    from cchc_xl.master import load_master

    data, client, token = _nv_and_tp_merged(tmp_path)
    downloaded = tmp_path / "tong-hop-9T.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    passed, verdicts = _typed(downloaded, "Đạt", tmp_path / "dat.xlsx", ("NV",))
    unclear: list[str] = []

    def first_of_tp(unit: str, did: str) -> bool:
        if unit == "TP" and not unclear:
            unclear.append(did)
        return unit == "TP" and did == unclear[0]

    edited = tmp_path / "ok.xlsx"
    assert type_assessments(passed, edited, "OK luôn", first_of_tp) == 1
    answer = client.post("/bao-cao/9T/danh-gia",
                         files={"workbook": ("đã đánh giá.xlsx", edited.read_bytes())},
                         headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    state = _wait(client, answer)
    assert state["state"] == "done", state
    message = state["result"]["message"]
    assert message.startswith(
        f"Đã ghi {verdicts} đánh giá thay đổi (Đạt / Chưa đạt) và 1 nhận xét không kèm Đạt / "
        "Chưa đạt vào số liệu kỳ 9 tháng năm 2023; ")
    (sheet,) = [a.sheet for a in load_master(HH_MASTER).areas
                if any(d.id == unclear[0] for d in a.deliverables())]
    assert (f"Lưu ý: 1 ô đánh giá không ghi Đạt hay Chưa đạt nên chỉ được ghi như nhận xét, "
            f"dòng đó chưa được đánh giá (trang '{sheet}', nhiệm vụ {unclear[0]}, Phòng Tư "
            "pháp: 'OK luôn'). Muốn đánh giá, ghi 'Đạt' hoặc 'Chưa đạt' vào ô, có thể thêm "
            "nhận xét sau dấu hai chấm (ví dụ 'Chưa đạt: thiếu văn bản'), rồi tải bảng tổng "
            "hợp lên lại.") in message
    # NV's rows it left "Chưa thực hiện" or blank, now Đạt, are pointed out (a QA pass).
    rows = {(r.unit, r.deliverable): r
            for r in load_snapshot(data / "cchc-ledger.sqlite", "9T").rows}
    odd = [d.id for d in load_master(HH_MASTER).deliverables() if "NV" in d.lead
           and (("NV", d.id) not in rows or rows[("NV", d.id)].status in (None, "Chưa thực hiện"))]
    assert odd  # what is tested
    assert (f" Lưu ý: {len(odd)} dòng được ghi Đạt dù đơn vị chưa báo cáo hoặc báo 'Chưa thực "
            "hiện' (") in message


def test_a_blank_plan_table_from_the_browser(tmp_path):
    """An empty data folder offered only an import or an upload, and messages pointed to
    'cchc-xl init'."""
    client = _client(tmp_path / "empty")
    page = html.unescape(client.get("/").text)
    assert "Tạo bảng kế hoạch trống</button>" in page
    assert '<option value="xa">' in page and '<option value="tinh">' in page
    token = _token(client)
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa", "year": "2026"})
    assert answer.status_code == 200
    assert 'filename="ke-hoach-trong-xa-2026.xlsx"' in answer.headers["content-disposition"] \
        or "ke-hoach-trong-xa-2026.xlsx" in answer.headers["content-disposition"]
    path = tmp_path / "trong.xlsx"
    path.write_bytes(answer.content)
    wb = openpyxl.load_workbook(path)
    assert {"Kế hoạch", "Đơn vị", "Kỳ báo cáo"} <= set(wb.sheetnames)
    from cchc_xl.master.read import read_master

    master, _ = read_master(path)
    assert master.plan.year == 2026 and len(master.units) > 5 and not master.tasks()
    assert not list((tmp_path / "empty" / ".cchc-web" / "trong").rglob("*.xlsx"))  # cleaned
    refused = client.post("/ke-hoach/trong", data={"csrf": token, "level": "huyen-x"})
    assert refused.status_code == 400 and "chọn cấp của kế hoạch" in html.unescape(refused.text)
    # A plan table without its "Kế hoạch" sheet: the page's button, not 'cchc-xl init'.
    del wb["Kế hoạch"]
    wb.save(path)
    page = html.unescape(_put_plan(client, data={"csrf": token},
                                     files={"master": ("thiếu.xlsx", path.read_bytes())}).text)
    assert "Không dùng được tệp 'thiếu.xlsx': thiếu trang 'Kế hoạch'" in page
    assert "'cchc-xl" not in page
    assert "bấm 'Tạo bảng kế hoạch trống' ở trang Kế hoạch để xem mẫu" in page


def test_a_blank_plan_year_out_of_range_is_said_on_the_form(tmp_path):
    """Year 1999 was refused as "năm kế hoạch '1999' không đúng (ghi bốn chữ số…)" on a
    page of its own, though it has four digits (a QA probe): the range is said, beside
    the form, which keeps what was typed."""
    client = _client(tmp_path)
    token = _token(client)
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "tinh",
                                                  "year": "1999"})
    assert answer.status_code == 200 and answer.url.path == "/"
    page = html.unescape(answer.text)
    section = page[page.index('id="bang-trong"'):]
    section = section[:section.index("</section>")]
    assert (f"Năm kế hoạch '1999' không dùng được: ghi năm từ 2000 đến 2100 (bốn chữ số), ví "
            f"dụ {date.today().year + 1}.") in section
    assert 'name="year" value="1999"' in section and '<option value="tinh" selected>' in section
    # Shown once: the page opened again has the form as new.
    again = html.unescape(client.get("/").text)
    assert "1999" not in again


def test_a_blank_plan_table_for_a_place_names_it(tmp_path):
    """The blank plan form made a ward's plan with "Công an xã" and no authority, and a
    province's without its communes (the command line had --province): the place typed
    is looked up in the official list; a name it does not settle is said on the form."""
    from cchc_xl.master.read import read_master

    client = _client(tmp_path / "empty")
    token = _token(client)
    page = html.unescape(client.get("/").text)
    assert '<label for="blank-place">Địa phương</label>' in page

    def made(level: str, place: str, named: str):
        answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": level,
                                                      "year": "2026", "place": place})
        assert answer.status_code == 200
        # Named for the place as the official list gives it (a QA pass: a name typed
        # loosely was taken without a word of which place it was).
        assert named in answer.headers["content-disposition"]
        path = tmp_path / f"{level}.xlsx"
        path.write_bytes(answer.content)
        return read_master(path)[0]

    ward = made("xa", "  phường   Tân Tiến , Bắc Ninh ", "ke-hoach-trong-phuong-tan-tien-2026")
    assert ward.plan.authority == "Ủy ban nhân dân phường Tân Tiến"
    assert "Công an phường" in {u.name for u in ward.units}
    province = made("tinh", "Thanh Hóa", "ke-hoach-trong-thanh-hoa-2026")
    assert province.plan.authority == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert len([u for u in province.units if u.kind == "commune"]) == 166
    # Several provinces have a Tân Tiến: back on the form, what was typed kept.
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa",
                                                  "year": "2026", "place": "Tân Tiến"})
    assert answer.status_code == 200 and answer.url.path == "/"
    section = html.unescape(answer.text)
    section = section[section.index('id="bang-trong"'):]
    section = section[:section.index("</section>")]
    assert ("Có 8 xã, phường tên 'Tân Tiến': Xã Tân Tiến (Tuyên Quang)") in section
    assert ("ghi thêm tên tỉnh, thành phố sau dấu phẩy ở ô 'Địa phương', ví dụ \"Xã Tân "
            "Tiến, Tuyên Quang\".") in section
    assert "--" not in section and 'name="place" value="Tân Tiến"' in section
    assert '<option value="xa" selected>' in section
    # The field the message is about is marked, not the year's.
    assert re.search(r'id="blank-place"[^>]*aria-invalid="true"', section)
    assert not re.search(r'id="blank-year"[^>]*aria-invalid', section)
    # A province's name for a commune's plan: which choice to make, in the page's words.
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa",
                                                  "year": "2026", "place": "Thanh Hóa"})
    said = html.unescape(answer.text)
    assert ("'Thanh Hóa' là tên tỉnh: kế hoạch của tỉnh Thanh Hóa thì chọn cấp tỉnh (ở ô "
            "'Cấp', tên tỉnh ở ô 'Địa phương').") in said


def test_the_plan_s_year_is_said_once(tmp_path):
    """"Kế hoạch cải cách hành chính năm 2026 — Ủy ban nhân dân phường Hạc Thành, năm
    2026." (a QA pass): the year only where the title does not say it."""
    client = _client(_with_master(tmp_path))
    page = html.unescape(client.get("/").text)
    assert ("<p><strong>Kế hoạch cải cách hành chính năm 2023</strong> — Ủy ban nhân dân "
            "huyện Hoằng Hóa.</p>") in page


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


def test_two_tabs_the_upload_s_result_is_shown_for_its_period(tmp_path):
    """Tab A on Thu nhận for 9T, tab B switched the period to 6T: tab A's upload reloaded
    the page as 6T, and the upload's result was nowhere."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")
    client.get("/thu-nhan?ky=6T")  # tab B
    answer = _upload(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx")
                                      .read_bytes())]).json()
    assert answer["page"] == "/thu-nhan?ky=9T"
    assert _wait(client, answer)["state"] == "done"
    page = html.unescape(client.get(answer["page"]).text)
    assert "<h1>3. Thu nhận — 9 tháng năm 2023</h1>" in page
    assert "NV.xlsx</span> → Phòng Nội vụ" in page
    assert 'data-page="/thu-nhan?ky=9T"' in page  # the job box goes back to its period
    # Without the script: back to the period of the form too.
    plain = client.post("/thu-nhan/9T", data={"csrf": token}, follow_redirects=False)
    assert plain.headers["location"] == "/thu-nhan?ky=9T"


def _held_plan(tmp_path: Path) -> tuple[Path, TestClient, str, str]:
    """Hoằng Hóa's plan in use, and its table uploaded again, held for the question:
    the data folder, the client, its form token and the page asking."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("hh.xlsx", HH_MASTER.read_bytes())}
                        ).headers["location"]
    return data, client, token, place


def test_the_same_answer_sent_twice_at_once_is_said_answered(tmp_path):
    """"Thay bằng bảng này" sent twice at once (a second click while the first waits): the
    second found the held file gone while the first put it in place, an error page (a
    QA pass). An answer takes the held file at once; the other is told it was answered."""
    from cchc_xl.web import held

    data, client, token, place = _held_plan(tmp_path)
    waiting = re.search(r"thay=([0-9a-f]+)", place)[1]
    app_dir = data / ".cchc-web"
    first = held.take(app_dir, waiting)  # the first answer, still putting it in place
    assert first is not None and first.path.is_file()
    assert held.take(app_dir, waiting) is None
    second = client.post("/ke-hoach/thay", data={"csrf": token, "token": waiting,
                                                 "answer": "thay"})
    assert second.status_code == 200
    assert "Không còn bảng kế hoạch chờ thay này" in html.unescape(second.text)
    held.drop(app_dir, first.token)
    assert not list((app_dir / "cho-thay").iterdir())


def test_the_question_says_another_plan_against_the_plan_in_use_now(tmp_path):
    """A plan held in one tab, another plan put in place from a second tab: the first
    tab's question, shown again, says the held file is another plan than the one now in
    use (it said what it found when the file was held: a QA pass)."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)  # Hoằng Hóa's plan in use
    client = _client(data)
    token = _token(client)
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("hh.xlsx", HH_MASTER.read_bytes())}
                        ).headers["location"]
    other = "Đây là một kế hoạch khác, không phải bản sửa của kế hoạch đang dùng"
    assert other not in html.unescape(client.get(place).text)  # the same plan
    _put_plan(client, data={"csrf": token},  # the other tab: Nghĩa Hưng's plan in place
              files={"master": ("nh.xlsx", NH_MASTER.read_bytes())})
    assert other in html.unescape(client.get(place).text)


def test_the_question_lists_the_held_file_s_own_warnings(tmp_path):
    """The question said "0 lỗi, 7 cảnh báo" of the held file while the check's list
    below was the plan in use's: the held file's errors and warnings are listed with it
    (a QA pass); a question left unanswered a day is gone when the page is next shown."""
    import os

    from cchc_xl.web import held

    data, client, token, place = _held_plan(tmp_path)
    page = html.unescape(client.get(place).text)
    card = page[page.index('id="thay-bang"'):page.index("Bảng kế hoạch đang dùng</h2>")]
    warnings = re.search(r"(\d+) cảnh báo\.", card)[1]
    # Warnings only: named so ("1 lỗi, cảnh báo" read as an error: a QA pass).
    assert f"Xem {warnings} cảnh báo của tệp này" in card
    assert "thời hạn 'Tháng 11/2022' (30/11/2022) trước khi kế hoạch được ban hành" in card
    waiting = data / ".cchc-web" / held.HELD_DIR / re.search(r"thay=([0-9a-f]+)", place)[1]
    old = waiting.stat().st_mtime - held.KEPT_SECONDS - 60
    os.utime(waiting, (old, old))
    assert 'id="thay-bang"' not in client.get(place).text
    assert not waiting.exists()


def test_two_tabs_a_page_s_links_keep_its_period(tmp_path):
    """Tab A showed 9T; tab B chose 6T: tab A's links (the steps, "Thu nhận" in a
    sentence, the plan page's forms) then opened 6T, the period was the session's."""
    data = _with_master(tmp_path)
    client = _client(data)

    def shown(text: str) -> str:
        return re.search(r'<option value="(\w+)" selected>', text)[1]

    tab_a = {path: html.unescape(client.get(f"{path}?ky=9T").text)
             for path in ("/", "/giao-viec", "/phan-hoi", "/bao-cao")}
    client.get("/bao-cao?ky=6T")  # tab B
    for path, page in tab_a.items():
        steps = re.findall(r'<nav class="steps">(.*?)</nav>', page, re.S)[0]
        links = re.findall(r'href="([^"]+)"', steps)
        assert len(links) == 5, links
        for link in links:
            assert shown(client.get(link).text) == "9T", (path, link)
    for path in ("/phan-hoi", "/bao-cao"):  # "Tải tệp ... ở trang Thu nhận"
        links = re.findall(r'<a href="([^"]+)">Thu nhận</a>', tab_a[path])
        assert links and all(shown(client.get(link).text) == "9T" for link in links), path
    # The plan page's forms come back to its period.
    action = re.search(r'<form method="post" action="([^"]+)"[^>]* enctype', tab_a["/"])[1]
    back = client.post(action, data={"csrf": _token(client)}, follow_redirects=False)
    assert back.headers["location"] == "/?ky=9T"
    # A page opened without a period: the one last chosen (tab B's).
    client.get("/giao-viec?ky=6T")
    assert shown(client.get("/thu-nhan").text) == "6T"


def test_the_office_s_plan_on_thu_nhan_and_files_of_no_unit(tmp_path):
    """The office's own plan uploaded on Thu nhận was told "đề nghị đơn vị điền vào đúng
    tệp được giao", and the feedback for files of no unit went into the units' ZIP."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    state = _sent(client, token, [("ke-hoach-2023.xlsx", HH_MASTER.read_bytes()),
                                  ("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()),
                                  ("Dự toán.xlsx", _workbook_of_no_unit())])
    files = {f["name"]: f for f in state["result"]["files"]}
    plan = files["ke-hoach-2023.xlsx"]
    assert plan["kind"] == "skipped" and plan["outcome"] == "Bỏ qua"
    assert plan["reason"].startswith("đây là bảng kế hoạch của cơ quan (không phải tệp đơn vị "
                                     "gửi): muốn dùng bảng này thì tải lên ở trang Kế hoạch")
    assert "đúng tệp được giao" not in plan["reason"]
    shown = [Path(s.path).name for s in load_snapshot(data / "cchc-ledger.sqlite", "9T")
             .submissions]
    assert "ke-hoach-2023.xlsx" not in shown
    unknown = [p.name for p in (data / "phan-hoi-9T").glob("không-rõ-*")]
    assert unknown
    with zipfile.ZipFile(io.BytesIO(client.get("/phan-hoi/9T/zip").content)) as zf:
        zipped = zf.namelist()
    assert any(n.startswith("X02-") for n in zipped)
    assert not [n for n in zipped if n.startswith("không-rõ-")]
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert "Tệp không rõ của đơn vị nào (không có trong tệp ZIP)" in page
    assert client.get(f"/phan-hoi/9T/tep/{unknown[0]}").status_code == 200


def _workbook_of_no_unit() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Dự toán ngân sách"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_reminder_lists_units_in_the_board_s_categories(tmp_path):
    """Phản hồi said "2 đơn vị chưa gửi báo cáo" while the board said "Chưa gửi (0)" and
    "Tệp bị từ chối (2)"."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    # NV's file of another period: refused, so NV has a refused file and nothing counted.
    from cchc_xl.web.workspace import Workspace

    ws = Workspace(data)
    split = ws.split("6T", prefill=False)
    six = next(f.path for f in split.files if f.unit_code == "NV")
    assert _sent(client, token, [("NV-6T.xlsx", Path(six).read_bytes()),
                                 ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())]
                 )["state"] == "done"
    board = html.unescape(client.get("/thu-nhan?ky=9T").text)
    refused = int(re.search(r"Tệp bị từ chối \((\d+)\)", board)[1])
    missing = int(re.search(r"Chưa gửi \((\d+)\)", board)[1])
    assert refused == 1
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert f"Chưa gửi: {missing} đơn vị chưa gửi tệp nào kỳ này" in page
    assert ("Tệp bị từ chối: 1 đơn vị đã gửi nhưng mọi tệp đều bị từ chối (chưa có báo cáo "
            "được tính):</p>\n  <p class=\"names\">Phòng Nội vụ</p>") in page
    assert nv  # the unit's own file for 9T would have counted


def test_the_day_received_is_kept_for_the_next_upload(tmp_path):
    """"Ngày nhận" went back to today after every upload of a batch received days ago."""
    from datetime import date

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    today = date.today().strftime("%d/%m/%Y")
    state = _wait(client, client.post(
        "/thu-nhan/9T", data={"received": "18/09/2023"},
        files=[("files", ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert state["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert re.search(r'name="received" value="18/09/2023" data-today="' + today, page)
    assert ("Đang dùng ngày nhận đã ghi ở lần tải lên trước (18/09/2023), không phải hôm nay."
            in page)
    # Today given again: today is kept, and said as usual.
    _wait(client, client.post(
        "/thu-nhan/9T", data={"received": today},
        files=[("files", ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert f'name="received" value="{today}"' in page and "Đang dùng ngày nhận" not in page


def test_the_hint_on_the_day_received_says_how_long_it_is_kept(tmp_path):
    """The hint promised the day typed was kept "cho lần tải lên sau của kỳ này", but it
    is kept in the browser's session only: another browser shows today again (a QA pass).
    It says so, and how long the browser keeps it (its session cookie's life)."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    today = date.today().strftime("%d/%m/%Y")
    hint = ("Ngày đã ghi được giữ cho lần tải lên sau của kỳ này, chỉ trên trình duyệt này "
            "và đến khi 14 ngày liền không mở công cụ (trình duyệt khác, máy khác hiện ngày "
            "hôm nay).")
    assert hint in html.unescape(client.get("/thu-nhan?ky=9T").text)
    sent = client.post(
        "/thu-nhan/9T", data={"received": "18/09/2023"},
        files=[("files", ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert "max-age=1209600" in sent.headers["set-cookie"].lower()  # 14 days
    assert _wait(client, sent.json())["state"] == "done"
    kept = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert 'name="received" value="18/09/2023"' in kept
    # Another browser on the same data folder: today, and the hint as said.
    other = html.unescape(_client(data).get("/thu-nhan?ky=9T").text)
    assert f'name="received" value="{today}"' in other and hint in other


def test_the_day_received_is_kept_for_its_plan_and_period_once_files_were_taken(tmp_path):
    """"Ngày nhận" typed once was offered for every period and plan, even after an upload
    that took nothing: a late file could be marked received on an old day (a QA probe)."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    today = date.today().strftime("%d/%m/%Y")

    def send(period: str, received: str, name: str, body: bytes) -> dict:
        return _wait(client, client.post(
            f"/thu-nhan/{period}", data={"received": received}, files=[("files", (name, body))],
            headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())

    def shown(period: str) -> str:
        page = html.unescape(client.get(f"/thu-nhan?ky={period}").text)
        return re.search(r'name="received" value="([^"]*)"', page)[1]

    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert send("9T", "18/09/2023", "NV.xlsx", nv)["state"] == "done"
    assert shown("9T") == "18/09/2023"
    assert shown("NAM") == today  # another period: its own day
    # An upload that took no file: its day is not kept.
    refused = send("9T", "10/09/2023", "TP.xlsx", b"not a workbook")
    assert refused["state"] == "done" and refused["result"]["tone"] == "warn"
    assert shown("9T") == "18/09/2023"
    # Another plan's 9T: not the day typed for Hoằng Hóa's.
    _put_plan(client, data={"csrf": token},
                files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    assert shown("9T") == today


def test_the_period_chosen_belongs_to_its_plan(tmp_path):
    """After another plan was uploaded, the pages opened on the period chosen under the
    plan before (its code being the new plan's too), not where a new browser opens (a QA
    probe)."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)

    def heading(c: TestClient) -> str:
        return re.search(r"<h1>([^<]*)</h1>", html.unescape(c.get("/giao-viec").text))[1]

    client.get("/giao-viec?ky=6T")
    assert heading(client) == "2. Giao việc — 6 tháng đầu năm 2023"  # remembered
    _put_plan(client, data={"csrf": token},
                files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    fresh = heading(_client(data))
    assert "6 tháng" not in fresh and heading(client) == fresh
    client.get("/giao-viec?ky=6T")
    assert heading(client) == "2. Giao việc — 6 tháng đầu năm 2023"


def test_files_of_a_replaced_plan_are_said_so_on_giao_viec(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text
    # The same plan uploaded again: the files are still its own.
    _put_plan(client, data={"csrf": token},
                files={"master": ("bảng cũ.xlsx", HH_MASTER.read_bytes())})
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text
    # The same plan written again (its workbook's saved time differs: a document imported
    # again) is the same plan too (a QA pass: the files were said to be out of date).
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    again = write_master(load_master(HH_MASTER), tmp_path / "nhập lại.xlsx").read_bytes()
    assert again != HH_MASTER.read_bytes()
    _put_plan(client, data={"csrf": token}, files={"master": ("nhập lại.xlsx", again)})
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text
    changed = _reworded_plan(tmp_path / "bảng mới.xlsx").read_bytes()
    _put_plan(client, data={"csrf": token}, files={"master": ("bảng mới.xlsx", changed)})
    page = html.unescape(client.get("/giao-viec?ky=9T").text)
    assert "Tệp đã tạo (47 đơn vị) — theo bảng kế hoạch trước" in page
    assert ("Các tệp giao dưới đây được tạo từ bảng kế hoạch trước, trước khi bảng kế hoạch "
            "đang dùng được tải lên") in page
    assert "Bấm “Tạo lại tệp giao kỳ 9 tháng năm 2023”" in page
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text


def test_a_rejected_file_is_withdrawn_for_what_it_is(tmp_path):
    """"Rút khỏi số liệu" of a refused file asked "Tệp này hiện không được tính (đã có tệp
    mới hơn)…": it was refused, and no newer file was there (a QA pass)."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV-phong-noi-vu.xlsx", b"")])["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "1 tệp đã gửi" in page
    assert ("Rút tệp NV-phong-noi-vu.xlsx? Tệp này đã bị từ chối, không được tính; sau khi "
            "rút, đơn vị không còn bị ghi là có tệp bị từ chối") in page
    assert "đã có tệp mới hơn" not in page


def test_uploads_a_stopped_server_left_unmerged_are_merged_when_it_starts(tmp_path):
    """The server killed with uploads queued ("Đang chờ"): the files were in the period's
    folder and out of the ledger, and nothing said so after a restart (a probe). Each
    upload is written down until merged; the app merges what is left when it starts,
    with the day received given at upload."""
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import StoredFile, Workspace

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    ws = Workspace(data)
    assert not list((ws.app_dir / pending.PENDING_DIR).glob("*.json"))  # merged: no note
    left = ws.new_upload_path(ws.intake_dir("9T"), "TP.xlsx")
    left.write_bytes(body)  # taken, then the server died before its merge
    # With it, the period's consolidated workbook with the office's "Đạt" typed in: read
    # for its assessments, as the upload would have been, not refused as a unit's file
    # (a probe).
    from support.workbooks import type_assessments

    judged = ws.new_upload_path(ws.intake_dir("9T"), "tong-hop đã đánh giá.xlsx")
    assert type_assessments(ws.consolidated("9T"), judged, "Đạt", lambda u, d: u == "NV")
    ws.remember_names("9T", [StoredFile(judged, "tong-hop đã đánh giá.xlsx")])
    pending.remember(ws.app_dir, "9T", [left, judged], date(2023, 9, 18))
    with _client(data) as started:  # the app starting again
        job = started.app.state.runner.latest("merge", "9T")
        assert job is not None
        for _ in range(600):
            if job.finished:
                break
            time.sleep(0.1)
        assert job.state == "done", job.error
    snapshot = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    (tp,) = [s for s in snapshot.submissions if s.unit == "TP"]
    assert tp.received == "2023-09-18"
    assert not [s for s in snapshot.submissions if "đánh giá" in s.path]
    assert {u for u, _ in snapshot.assessments} == {"NV"}
    assert "Đã ghi" in job.result["message"]
    assert not list((ws.app_dir / pending.PENDING_DIR).glob("*.json"))


def test_an_upload_left_unmerged_of_a_later_period_is_not_merged_again_at_each_start(tmp_path):
    """The server killed before it merged an upload of another period's files: at the
    next start they were refused (nothing recorded, the files removed), but the note
    stayed, and each start after it told of an upload that was no more (a probe)."""
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    ws = Workspace(data)
    left = []
    for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx"):
        left.append(ws.new_upload_path(ws.intake_dir("Q1"), name))
        left[-1].write_bytes((RETURNS / name).read_bytes())
    pending.remember(ws.app_dir, "Q1", left, None)

    def start():
        with _client(data) as started:
            job = started.app.state.runner.latest("merge", "Q1")
            for _ in range(600):
                if job is None or job.finished:
                    break
                time.sleep(0.1)
            return job

    job = start()
    assert job.state == "failed" and job.error.startswith(
        "Không gộp: cả 2 tệp được giao cho kỳ 9 tháng năm 2023"), job.error
    assert not any(p.exists() for p in left)
    assert not list((ws.app_dir / pending.PENDING_DIR).glob("*.json"))
    assert start() is None  # nothing left to merge at the next start


def test_an_upload_whose_merge_failed_is_kept_for_the_next_start(tmp_path, monkeypatch):
    """The ledger held by a command's merge past the 2 minutes an upload waits: the job
    failed and the upload's note was removed, so the file was never merged, not even
    after a restart (a probe). The note stays until the files are merged, and the page
    says so."""
    from cchc_xl.errors import OutputError
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    real = Workspace.merge

    def held(self, *args, **kwargs):
        raise OutputError("sổ cái đang được một lần gộp khác ghi; đã chờ 120 giây",
                          file=str(self.ledger_path),
                          hint="chờ lần gộp kia xong rồi chạy lại")

    monkeypatch.setattr(Workspace, "merge", held)
    failed = _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    assert failed["state"] == "failed"
    assert "Các tệp vừa tải lên vẫn được giữ, chưa gộp: ứng dụng gộp chúng khi khởi động " \
           "lại" in failed["error"]
    assert str(data) not in failed["error"]
    ws = Workspace(data)
    assert len(list((ws.app_dir / pending.PENDING_DIR).glob("*.json"))) == 1
    monkeypatch.setattr(Workspace, "merge", real)
    with _client(data) as started:  # the app starting again merges it
        job = started.app.state.runner.latest("merge", "9T")
        for _ in range(600):
            if job.finished:
                break
            time.sleep(0.1)
        assert job.state == "done", job.error
    assert [s.unit for s in load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions] \
        == ["TP"]
    assert not list((ws.app_dir / pending.PENDING_DIR).glob("*.json"))


def test_a_merge_that_meets_a_bug_says_its_files_are_kept_and_where_the_bug_is(
        tmp_path, monkeypatch):
    """A bug in a merge (here: cchc-xl's files changed under the running app) said only
    "lỗi không lường trước trong cchc-xl (chi tiết ở cửa sổ dòng lệnh)": the office,
    which never saw a console, thought 80 returns lost, though they were kept (a probe).
    It is said they are kept, and the bug is written to a file in the data folder."""
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    client = _client(data)

    def broken(self, *args, **kwargs):
        raise ImportError("cannot import name 'x' from partially initialized module")

    monkeypatch.setattr(Workspace, "merge", broken)
    failed = _sent(client, _token(client),
                   [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    assert failed["state"] == "failed"
    assert failed["error"] == (
        "lỗi không lường trước trong cchc-xl (chi tiết được ghi vào tệp .cchc-web/loi.log "
        "trong thư mục làm việc, gửi tệp này cho người hỗ trợ). Các tệp vừa tải lên vẫn "
        "được giữ, chưa gộp: ứng dụng gộp chúng khi khởi động lại; cũng có thể tải lên lại "
        "sau.")
    log = (data / ".cchc-web" / "loi.log").read_text(encoding="utf-8")
    assert "Gộp" in log and "ImportError: cannot import name 'x'" in log
    ws = Workspace(data)
    assert len(list((ws.app_dir / pending.PENDING_DIR).glob("*.json"))) == 1


def test_a_units_only_file_can_be_withdrawn_and_sent_again(tmp_path):
    """Only a unit with several files had "Rút khỏi số liệu"; a withdrawn file sent again
    was told "đã nhận ở lần gửi trước, không tính thêm" though it counted again."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    assert _sent(client, token, [("TP.xlsx", body)])["state"] == "done"
    page = client.get("/thu-nhan").text
    row = page[page.index('<td class="unit-code">TP</td>'):]
    row = row[:row.index("</tr>")]
    assert "Rút khỏi số liệu" in row and "1 tệp đã gửi" in row
    sha = hashlib.sha256(body).hexdigest()
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    client.post("/thu-nhan/9T/rut", data={"sha": sha, "csrf": token})
    assert "TP" in load_snapshot(data / "cchc-ledger.sqlite", "9T").missing_units
    # The report made before says it is out of date, and why (nothing new was merged).
    assert "Số liệu đã thay đổi sau lần lập báo cáo trước" in client.get("/bao-cao?ky=9T").text
    again = _sent(client, token, [("TP lần 2.xlsx", body)])
    (told,) = again["result"]["files"]
    assert told["outcome"] == "Được nhận" and "được đưa lại vào số liệu" in told["reason"]
    assert "không tính thêm" not in told["reason"]
    assert "TP" not in load_snapshot(data / "cchc-ledger.sqlite", "9T").missing_units
    # A stale page's button for a file this period does not have (another period's, a
    # ledger replaced): said for the page, not as the command line's hint (a probe).
    told = html.unescape(client.post("/thu-nhan/6T/rut", data={"sha": sha, "csrf": token}).text)
    assert "Kỳ 6 tháng đầu năm 2023 không có tệp này (trang đã cũ?)" in told
    assert "đầu mã SHA-256" not in told


def test_a_file_uploaded_again_leaves_one_copy_in_the_folder(tmp_path):
    """Each upload of a file sent before (its verdict stands, taken or refused) left one
    more copy of it in nhan-ve-9T; the copy the ledger names, from the first upload, is
    the one kept, and the board names the file as then."""
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    good = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    bad = b"PK\x03\x04 khong phai bang tinh"
    first = _sent(client, token, [("TP.xlsx", good), ("hong.xlsx", bad)])
    assert {f["name"]: f["outcome"] for f in first["result"]["files"]} == {
        "TP.xlsx": "Được nhận", "hong.xlsx": "Bị từ chối"}
    folder = Workspace(data).intake_dir("9T")

    def kept() -> list[str]:
        names = json.loads((folder / "ten-tep.json").read_text(encoding="utf-8"))
        assert sorted(names) == sorted(p.relative_to(folder).as_posix()
                                       for p in folder.rglob("*.xlsx"))
        return sorted(names.values())

    assert kept() == ["TP.xlsx", "hong.xlsx"]
    again = _sent(client, token, [("TP lần 2.xlsx", good), ("hong lần 2.xlsx", bad)])
    assert [f["outcome"] for f in again["result"]["files"]] == ["Đã nhận trước đó"] * 2
    # The refused one is told refused then, not "đã nhận" (web QA).
    reasons = {f["name"]: f["reason"] for f in again["result"]["files"]}
    assert reasons["hong lần 2.xlsx"].startswith(
        "tệp này (cùng nội dung) đã bị từ chối ở lần gửi trước, không đọc lại")
    assert reasons["TP lần 2.xlsx"].startswith("tệp này (cùng nội dung) đã nhận ở lần gửi trước")
    assert kept() == ["TP.xlsx", "hong.xlsx"]
    assert len([p for p in folder.iterdir() if p.is_dir()]) == 2  # no empty folders left
    # The same content twice in one upload: one copy kept, the one the ledger names.
    sent = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    twice = _sent(client, token, [("NV.xlsx", sent), ("NV (1).xlsx", sent)])
    assert sorted(f["outcome"] for f in twice["result"]["files"]) == ["Trùng tệp", "Được nhận"]
    assert kept() == ["NV.xlsx", "TP.xlsx", "hong.xlsx"]
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    row = page[page.index('<td class="unit-code">TP</td>'):]
    assert "TP.xlsx" in row[:row.index("</tr>")]


def test_the_plans_title_reads_as_running_text(tmp_path):
    """A plan imported from a heading in capitals showed "KẾ HOẠCH Cải cách hành chính..."
    in the bar of every page."""
    from dataclasses import replace

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    master = load_master(HH_MASTER)
    master.plan = replace(master.plan, title="KẾ HOẠCH Cải cách hành chính năm 2023",
                          authority="ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA")
    data = tmp_path / "data"
    data.mkdir()
    write_master(master, data / "ke-hoach.xlsx")
    page = html.unescape(_client(data).get("/").text)
    assert "Kế hoạch cải cách hành chính năm 2023" in page and "KẾ HOẠCH Cải" not in page
    assert "Ủy ban nhân dân huyện Hoằng Hóa" in page


def test_a_crowded_zip_on_thu_nhan_is_not_listed_by_the_server(tmp_path, monkeypatch):
    """Looking for the office's own workbooks among an upload opened every .xlsx's zip
    directory in the server's process: a crowded one (a million entries) would take
    seconds and a gigabyte there, outside the merge's bounded workers."""
    import zipfile

    from cchc_xl import bounds
    from cchc_xl.web.office_files import office_workbook
    from support import hostile

    path = tmp_path / "NV.xlsx"
    hostile.crowded_directory(RETURNS / "NV-phong-noi-vu.xlsx", path,
                              entries=bounds.MAX_ZIP_ENTRIES + 1)
    listed = []
    real = zipfile.ZipFile._RealGetContents
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents",
                        lambda zf: (listed.append(zf.filename), real(zf))[1])
    assert office_workbook(path) == ("", {})
    assert listed == []


def test_an_upload_with_nothing_taken_is_not_told_in_green(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    state = _sent(client, token, [("trống.xlsx", b"")])
    assert state["state"] == "done" and state["result"]["tone"] == "warn"
    page = client.get("/thu-nhan").text
    assert '<p class="msg warn">Đã đọc 1 tệp.' in page and '<p class="msg ok">Đã đọc' not in page
    state = _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    assert state["result"]["tone"] == "ok"


def _workbooks_of_no_unit(count: int) -> list[tuple[str, bytes]]:
    """Workbooks no unit sent (each its own content), named as the office got them."""
    books = []
    for n in range(1, count + 1):
        wb = openpyxl.Workbook()
        wb.active["A1"] = f"Dự toán ngân sách số {n}"
        out = io.BytesIO()
        wb.save(out)
        books.append((f"Dự toán {n}.xlsx", out.getvalue()))
    return books


def test_files_of_no_unit_are_not_opened_again_on_every_view(tmp_path, monkeypatch):
    """The Thu nhận board opened every file of no unit again on each view, to tell the
    office's own workbooks among them: with hundreds of them every view was slow. What
    each is stays known until the file changes or another takes its place."""
    import os

    from cchc_xl.web import office_files

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, _workbooks_of_no_unit(3))["state"] == "done"
    files = sorted((data / "nhan-ve-9T").glob("*/*.xlsx"))
    assert len(files) == 3
    sniffed: list[str] = []
    real = office_files.sniff_format
    monkeypatch.setattr(office_files, "sniff_format",
                        lambda path: sniffed.append(Path(path).name) or real(path))

    def view(client: TestClient) -> tuple[str, list[str]]:
        sniffed.clear()
        page = html.unescape(client.get("/thu-nhan?ky=9T").text)
        listed = page[page.index("Tệp không nhận ra của đơn vị nào"):]
        assert listed.count('<li><span class="fname">Dự toán ') == 3
        return listed, sorted(sniffed)

    assert view(client)[1] == []  # each was looked at when it was uploaded
    assert view(client)[1] == []
    client = _client(data)  # the app started again: each looked at once, then no more
    assert view(client)[1] == sorted(f.name for f in files)
    page, again = view(client)
    assert again == []
    assert "đây là bảng kế hoạch của cơ quan" not in page
    # Another file put in the place of one (the office's plan table): that one, and only
    # that one, is looked at again, and told for what it is now.
    swap = files[0].with_name("thay.tmp")
    swap.write_bytes(HH_MASTER.read_bytes())
    os.replace(swap, files[0])
    page, again = view(client)
    assert again == [files[0].name]
    assert page.count("đây là bảng kế hoạch của cơ quan (không phải tệp đơn vị gửi)") == 1
    assert view(client)[1] == []
    # One written to where it is: looked at again too.
    files[1].write_bytes(files[1].read_bytes() + b"\0")
    assert view(client)[1] == [files[1].name]
    assert view(client)[1] == []


_OUTDATED = ("Các tệp giao dưới đây được tạo từ bảng kế hoạch trước, trước khi bảng kế "
             "hoạch đang dùng được tải lên")


def _outdated(client: TestClient) -> bool:
    page = html.unescape(client.get("/giao-viec?ky=9T").text)
    said = "Tệp đã tạo (47 đơn vị) — theo bảng kế hoạch trước" in page
    assert said == (_OUTDATED in page)
    return said


def _reworded_plan(path: Path) -> Path:
    """The test plan with one product worded otherwise (the same plan, units and rows)."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    master = load_master(HH_MASTER)
    first = master.areas[0].tasks[0].deliverables[0]
    first.product = f"{first.product} (sửa lại)"
    write_master(master, path)
    return path


def _split_on_the_page(client: TestClient, token: str) -> None:
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"


def test_a_plan_copied_into_the_data_folder_is_said_so_on_giao_viec(tmp_path):
    """A plan put in place from outside the app (copied into the data folder, written
    by a command) left the files issued from the one before it shown as current: only
    a plan uploaded on the Kế hoạch page was told."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _split_on_the_page(client, token)
    assert not _outdated(client)
    # A copy of the data folder (its files' times all new) says the same.
    copied = shutil.copytree(data, tmp_path / "ban-sao", copy_function=shutil.copyfile)
    assert not _outdated(_client(copied))
    shutil.copyfile(_reworded_plan(tmp_path / "kế hoạch sửa.xlsx"), data / "ke-hoach.xlsx")
    assert _outdated(client)
    assert _outdated(_client(data))  # after a restart too
    copied = shutil.copytree(data, tmp_path / "ban-sao-2", copy_function=shutil.copyfile)
    assert _outdated(_client(copied))
    _split_on_the_page(client, token)
    assert not _outdated(client)


def test_a_period_after_one_merged_offers_its_files_prefilled_by_default(tmp_path):
    """A first-time office made its 6-month files without last period's answers: the box
    was unticked (a probe). With answers of an earlier period of the plan in the ledger,
    it is ticked; the office may untick it."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert 'name="prefill"' not in client.get("/giao-viec?ky=NAM").text  # no ledger
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    page = client.get("/giao-viec?ky=NAM").text
    assert re.search(r'<input type="checkbox" name="prefill" value="1" checked>', page)
    # 9T itself: nothing of a period before it to fill in.
    assert 'name="prefill"' not in client.get("/giao-viec?ky=9T").text


def test_prefill_is_offered_only_with_answers_of_the_plan_in_use(tmp_path):
    """Next year's plan in the same folder: the box was shown and ticked because the
    ledger file was there, and making the files failed with the command line's "chỉ ra
    sổ cái ..." (a QA probe). Offered only when the ledger holds this plan's answers;
    asked anyway (an open tab), the failure says what to do on the page."""
    from cchc_xl.ledger import Ledger
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    Ledger(data / "cchc-ledger.sqlite").close()  # a ledger with nothing in it
    assert 'name="prefill"' not in _client(data).get("/giao-viec?ky=NAM").text
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    _put_plan(client, data={"csrf": token},
                files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    page = html.unescape(client.get("/giao-viec").text)
    assert "Tạo tệp giao" in page and 'name="prefill"' not in page
    code = re.search(r'action="[^"]*/giao-viec/([^"]+)"', page)[1]
    failed = _wait(client, client.post(f"/giao-viec/{code}", data={"prefill": "1"},
                                       headers={"X-CSRF-Token": token,
                                                "Accept": "application/json"}).json())
    assert failed["state"] == "failed"
    assert failed["error"] == (
        "Sổ cái chưa có số liệu các kỳ trước của kế hoạch này: không có gì để điền sẵn (bỏ "
        "chọn 'Điền sẵn số liệu các đơn vị đã báo cáo ở kỳ trước' rồi bấm tạo tệp giao lại)")


def test_making_a_periods_files_again_asks_first(tmp_path):
    """"Tạo lại tệp giao" replaced the files units may already have without a word (a
    probe): the page asks first, once the period's files exist."""
    data = _with_master(tmp_path)
    assert "data-confirm" not in _client(data).get("/giao-viec?ky=9T").text
    done = CliRunner().invoke(main, ["split", str(data / "ke-hoach.xlsx"), "--period", "9T",
                                     "--out", str(data / "giao-9T"), "--silent"])
    assert done.exit_code == 0, done.output
    page = html.unescape(_client(data).get("/giao-viec?ky=9T").text)
    asked = re.search(r'id="split-form"[^>]*data-confirm="([^"]+)"', page)
    assert asked and asked[1].startswith("Tạo lại tệp giao kỳ 9 tháng năm 2023?")


def test_files_split_by_the_command_line_and_a_plan_put_in_their_place(tmp_path):
    """Files issued with ``cchc-xl split`` into the data folder: a plan that replaced
    the one they were made from is told, whether the app saw them before or not."""
    data = _with_master(tmp_path)

    def split_by_command(folder: Path) -> None:
        done = CliRunner().invoke(main, ["split", str(folder / "ke-hoach.xlsx"), "--period",
                                         "9T", "--out", str(folder / "giao-9T"), "--silent"])
        assert done.exit_code == 0, done.output

    split_by_command(data)
    client = _client(data)
    assert not _outdated(client)
    shutil.copyfile(_reworded_plan(tmp_path / "sửa.xlsx"), data / "ke-hoach.xlsx")
    assert _outdated(client)
    shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")  # the one they were made from, back
    assert not _outdated(client)
    # Replaced before the app was ever shown the files: told too (their manifest names the
    # plan file they were made from).
    other = tmp_path / "khac"
    other.mkdir()
    shutil.copyfile(HH_MASTER, other / "ke-hoach.xlsx")
    split_by_command(other)
    shutil.copyfile(_reworded_plan(tmp_path / "sửa lần 2.xlsx"), other / "ke-hoach.xlsx")
    assert _outdated(_client(other))


def test_a_plan_with_errors_does_not_take_the_place_of_the_one_in_use(tmp_path):
    """An edited plan with check errors replaced the usable one: every other page said
    there was no usable plan (the ledger still held the period's files), and an upload
    from an open tab answered that the period did not exist."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    wb = openpyxl.load_workbook(HH_MASTER)
    wb["Đơn vị"]["B3"] = wb["Đơn vị"]["B2"].value  # two units of one name: an error
    broken = tmp_path / "sửa.xlsx"
    wb.save(broken)
    before = (data / "ke-hoach.xlsx").read_bytes()
    page = html.unescape(_put_plan(client,
         data={"csrf": token},
        files={"master": ("kế hoạch sửa.xlsx", broken.read_bytes())}).text)  # the plan page
    from cchc_xl.master import check_master

    errors = sum(f.severity == "error" for f in check_master(broken))
    assert (f"Chưa dùng 'kế hoạch sửa.xlsx': bảng kế hoạch này còn {errors} lỗi, nên bảng kế "
            "hoạch đang dùng được giữ nguyên") in page
    assert "trang 'Đơn vị', tên 'Phòng Nội vụ' dùng cho nhiều đơn vị/nhóm" in page
    assert str(tmp_path) not in page
    assert (data / "ke-hoach.xlsx").read_bytes() == before
    assert not (data / "ke-hoach-cu").exists()
    board = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Chưa có bảng kế hoạch dùng được" not in board and 'unit-code">NV<' in board
    assert _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())]
                 )["state"] == "done"


def test_the_periods_follow_a_plan_put_in_place_of_another(tmp_path):
    """After the plan was replaced (a unit and a task taken out), the board and the
    report kept the plan of the last upload (47 units, 34 tasks) while Giao việc made 46
    files; the next upload's summary and the board then disagreed."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()),
                                 ("X37.xlsx", (RETURNS / "X37-xa-hoang-yen.xlsx").read_bytes())]
                 )["state"] == "done"
    assert "Tất cả (47)" in html.unescape(client.get("/thu-nhan?ky=9T").text)
    master = load_master(HH_MASTER)
    master.units = [u for u in master.units if u.code != "X37"]
    for d in master.deliverables():
        d.lead = [c for c in d.lead if c != "X37"]
        d.support = [c for c in d.support if c != "X37"]
    for g in master.groups:
        g.members = [c for c in g.members if c != "X37"]
    smaller = write_master(master, tmp_path / "bớt.xlsx")
    _put_plan(client, data={"csrf": token},
                files={"master": ("bớt một xã.xlsx", smaller.read_bytes())})
    snapshot = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    assert len(snapshot.master.units) == 46 and "X37" not in snapshot.missing_units
    assert "Tất cả (46)" in html.unescape(client.get("/thu-nhan?ky=9T").text)
    # The next upload's summary counts by it too (it said 3/47, the board 2/46).
    state = _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    assert "Đơn vị đã gửi: 2/46." in state["result"]["message"]
    # X37's file sent again: told whose it is, and why it does not count.
    state = _sent(client, token, [("X37.xlsx", (RETURNS / "X37-xa-hoang-yen.xlsx").read_bytes())])
    (told,) = state["result"]["files"]
    assert told["unit"] == "X37" and told["reason"].endswith(
        "đơn vị X37 không còn trong bảng kế hoạch đang dùng: tệp không được tính vào số liệu")
    assert "Đơn vị đã gửi: 2/46;" in state["result"]["summary"]


def test_a_units_old_file_says_how_to_choose_its_period_on_the_page(tmp_path):
    """Sent on the wrong period, a file was told "gộp tệp này vào kỳ 9T (chọn kỳ đó khi
    gộp)": the page's period box shows names, never codes, and "khi gộp" is no step of it.
    A unit's Quý I file sent as its 9-month report is recorded for 9T, refused."""
    from cchc_xl.master import load_master
    from cchc_xl.split import split_master
    from make_sample_returns import fill_return

    q1 = {f.unit_code: f.path for f in split_master(
        load_master(HH_MASTER), "Q1", tmp_path / "giao", issued_at=datetime(2023, 3, 1)).files}
    sent = fill_return(q1["NV"], tmp_path / "NV.xlsx", {})
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    (told,) = _sent(client, token, [("NV.xlsx", sent.read_bytes())])["result"]["files"]
    assert ("không phải kỳ '9T' (9 tháng năm 2023) đang gộp: gộp tệp này vào kỳ Quý I năm "
            "2023 (chọn kỳ đó ở ô 'Kỳ báo cáo' trên cùng rồi tải tệp lên lại)") in told["reason"]
    # On the board the unit's file was refused, and the day it came is shown (it was
    # blank: the unit looked like one that had sent nothing).
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    row = page[page.index('<td class="unit-code">NV</td>'):]
    row = row[:row.index("</tr>")]
    assert "Tệp bị từ chối" in row
    assert f'data-label="Ngày gửi" data-value="{date.today():%Y%m%d}">{date.today():%d/%m/%Y}' \
        in row


def test_files_of_a_later_period_uploaded_on_an_earlier_one_are_not_kept(tmp_path):
    """The 9-month returns uploaded with Quý I left in the period box were each recorded
    as a refused Quý I report: the Quý I board showed the units' reports refused. Nothing
    is recorded or kept, and the page says which period to choose."""
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    files = [(name, (RETURNS / name).read_bytes())
             for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx")]
    state = _sent(client, token, files, "Q1")
    assert state["state"] == "failed"
    assert state["error"] == (
        "Không gộp: cả 2 tệp được giao cho kỳ 9 tháng năm 2023, không tệp nào của kỳ quý I "
        "năm 2023 đang chọn: chưa ghi tệp nào vào sổ cái, các tệp vừa tải lên cũng không "
        "được giữ. Chọn '9 tháng năm 2023' ở ô 'Kỳ báo cáo' trên cùng rồi tải tệp lên lại.")
    ws = Workspace(data)
    folder = ws.intake_dir("Q1")
    assert [p for p in folder.rglob("*") if p.name != "ten-tep.json"] == []
    assert json.loads((folder / "ten-tep.json").read_text(encoding="utf-8")) == {}
    assert not list((ws.app_dir / pending.PENDING_DIR).glob("*.json"))
    assert load_snapshot(data / "cchc-ledger.sqlite", "Q1").submissions == []
    page = html.unescape(client.get("/thu-nhan?ky=Q1").text)
    assert "Tệp bị từ chối" not in page
    # Uploaded on their own period, they are taken.
    done = _sent(client, _token(client, "/thu-nhan?ky=9T"), files)
    assert [f["outcome"] for f in done["result"]["files"]] == ["Được nhận", "Được nhận"]
    # The same files on a later period's page: the office's earlier files, or the units'
    # old ones sent again; which, the office knows.
    state = _sent(client, _token(client, "/thu-nhan?ky=NAM"), files, "NAM")
    assert state["state"] == "failed"
    assert state["error"].endswith(
        "Nếu đó là các tệp cần gộp, chọn '9 tháng năm 2023' ở ô 'Kỳ báo cáo' trên cùng rồi "
        "tải tệp lên lại; nếu đơn vị gửi nhầm tệp của kỳ khác, đề nghị đơn vị gửi tệp của kỳ "
        "năm 2023."), state["error"]
    assert load_snapshot(data / "cchc-ledger.sqlite", "NAM").submissions == []


def test_files_merged_by_a_command_leave_the_last_upload_as_what_it_was(tmp_path):
    """A merge from the command line on the same data folder left the latest upload's box
    saying "Đơn vị đã gửi: 1/47" as how things stand, beside a board counting 2."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Số liệu đã thay đổi lúc" not in page
    time.sleep(1.0)  # the ledger records a merge's end to the second
    done = CliRunner().invoke(main, ["merge", str(data / "ke-hoach.xlsx"),
                                     str(RETURNS / "TP-phong-tu-phap.xlsx"), "--period", "9T",
                                     "--out", str(data / "tong-hop-9T.xlsx"), "--silent"])
    assert done.exit_code in (0, 1), done.output
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "hoặc tệp được gộp bằng lệnh trên máy" in page


def test_a_units_file_or_the_consolidated_workbook_given_as_the_plan_is_sent_where_it_goes(
        tmp_path):
    """Either was told "thiếu trang 'Kế hoạch': bấm 'Tạo bảng kế hoạch trống'…"."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    before = (data / "ke-hoach.xlsx").read_bytes()
    page = html.unescape(_put_plan(client,
         data={"csrf": token},
        files={"master": ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())}).text)
    assert ("Tệp 'NV.xlsx' là tệp giao cho một đơn vị (hoặc đơn vị gửi về), không phải bảng "
            "kế hoạch: tệp đơn vị gửi về thì tải lên ở trang Thu nhận. Bảng kế hoạch đang dùng "
            "được giữ nguyên.") in page
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    page = html.unescape(_put_plan(client,
         data={"csrf": token},
        files={"master": ("th.xlsx", (data / "tong-hop-9T.xlsx").read_bytes())}).text)
    assert "Tệp 'th.xlsx' là bảng tổng hợp, không phải bảng kế hoạch" in page
    assert (data / "ke-hoach.xlsx").read_bytes() == before and not (data / "ke-hoach-cu").exists()


def test_an_upload_before_any_plan_says_to_upload_the_plan_first(tmp_path):
    """It answered "Không có kỳ báo cáo '9T' trong bảng kế hoạch" (from a tab opened
    before the data folder was emptied, or a bookmark)."""
    client = _client(tmp_path / "trong")
    token = _token(client)
    answer = _upload(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])
    assert answer.status_code == 409
    assert "Chưa có bảng kế hoạch. Tải bảng kế hoạch lên ở trang Kế hoạch trước." in \
        html.unescape(answer.text)


def test_the_report_is_out_of_date_only_when_the_figures_changed(tmp_path):
    """A file sent again (nothing new: "Đã nhận trước đó") made the Báo cáo page say the
    figures had changed since the report: it compared file times, and every upload writes
    the ledger."""
    stale = "Số liệu đã thay đổi sau lần lập báo cáo trước"
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    assert stale not in client.get("/bao-cao?ky=9T").text
    time.sleep(0.05)
    (again,) = _sent(client, token, [("NV lần 2.xlsx", nv)])["result"]["files"]
    assert again["outcome"] == "Đã nhận trước đó"
    assert stale not in client.get("/bao-cao?ky=9T").text
    assert "số liệu cũ" not in client.get("/bao-cao?ky=9T").text
    assert _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())]
                 )["state"] == "done"
    page = client.get("/bao-cao?ky=9T").text
    assert stale in page
    # Said as a warning, and on every download of it: a probe printed the old Word draft
    # after a withdrawal, the page's pale note unread.
    assert '<p class="msg warn stale-report">' in page
    assert "Bấm “Lập lại báo cáo” trước khi in, ký hoặc gửi" in page
    for label in ("Báo cáo (Excel)", "Báo cáo (trang HTML)", "Báo cáo (dự thảo Word)"):
        assert f"{label} — số liệu cũ</a>" in page, label
    assert "Bảng tổng hợp (Excel) — số liệu cũ" not in page  # that one is always current


def test_import_notes_of_a_province_s_communes_name_the_page_s_fields_not_options():
    """The note of a province's communes taken from the official list, and the hints of a
    group of communes with too few, said '--province' and '--units TỆP' on the page."""
    from cchc_xl.plan_import import _communes_hint
    from cchc_xl.plan_import.communes import province_communes_note
    from cchc_xl.provinces import find_province
    from cchc_xl.web.wording import for_browser

    note = province_communes_note([], find_province("Ninh Bình"), "UBND tỉnh Ninh Bình", "kh.docx")
    said = [for_browser(note.message)] + [
        for_browser(_communes_hint(None, year)) for year in (2023, 2026)]
    assert not [s for s in said if "--" in s or "TỆP" in s], said
    assert "nhập lại và chọn 'Lấy danh sách đơn vị" in said[0]
    assert "ghi tên tỉnh ở ô 'Thêm các xã, phường của tỉnh" in said[2]


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
    assert job.error == ("bảng kế hoạch đang dùng: bảng kế hoạch chưa có kỳ báo cáo nào (điền "
                         "trang 'Kỳ báo cáo')")
    elsewhere = f"tệp {tmp_path.parent / 'khac.xlsx'}: x"
    assert for_browser(elsewhere, tmp_path) == elsewhere


def test_the_plan_s_appendix_can_be_downloaded(tmp_path):
    """'cchc-xl appendix' had no place in the app: a commune's office printing its plan's
    task tables had to go back to the terminal (a probe)."""
    data = _with_master(tmp_path)
    client = _client(data)
    page = client.get("/").text
    assert "Phụ lục nhiệm vụ của kế hoạch (Excel, để in)" in page
    got = client.get("/ke-hoach/phu-luc")
    assert got.status_code == 200
    assert "phu-luc-" in got.headers["content-disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(got.content))
    cells = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    from cchc_xl.master import load_master

    master = load_master(data / "ke-hoach.xlsx")
    assert {t.content for t in master.tasks()} <= cells
    # Nothing of it is left behind on the server.
    assert not [p for p in (data / ".cchc-web" / "trong").rglob("*.xlsx")]


def test_an_assessment_upload_refused_changes_nothing_the_pages_say(tmp_path):
    """A unit's file sent on Báo cáo's assessment form was refused, yet Thu nhận then said
    the figures had changed and put the last upload's result among the earlier ones (a
    probe): only assessments read mark the figures changed."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    answer = client.post("/bao-cao/9T/danh-gia", files={"workbook": ("NV.xlsx", nv)},
                         headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert _wait(client, answer)["state"] == "failed"
    assert "Số liệu đã thay đổi lúc" not in client.get("/thu-nhan?ky=9T").text


def test_the_report_page_says_a_report_made_before_the_cut_off_is_a_draft(tmp_path,
                                                                           monkeypatch):
    """A year's report made on 03/12 (cut-off 14/12) was offered as any other (a probe):
    the page says it is a draft to make again after the cut-off."""
    import cchc_xl.web.pages.report as report_page

    client = _client(_with_master(tmp_path))
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())
                                 ])["state"] == "done"
    warning = "Chưa đến ngày chốt số liệu của kỳ (14/09/2023): báo cáo lập bây giờ là bản nháp"
    assert warning not in html.unescape(client.get("/bao-cao?ky=9T").text)

    class _Early(date):
        @classmethod
        def today(cls):
            return date(2023, 9, 1)

    monkeypatch.setattr(report_page, "date", _Early)
    assert warning in html.unescape(client.get("/bao-cao?ky=9T").text)


def test_another_plan_put_in_place_sets_the_first_one_s_files_aside(tmp_path):
    """Nghĩa Hưng's plan uploaded over Hoằng Hóa's (9T merged): Phản hồi still offered 42
    Hoằng Hóa feedback files in its ZIP and Thu nhận listed the old uploads, under the
    new plan (a probe). Another plan's periods start clean; the first one's files are
    kept in ke-hoach-cu and come back when it is put back."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    x02 = (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv), ("X02.xlsx", x02)])["state"] == "done"
    feedback = sorted(p.name for p in (data / "phan-hoi-9T").iterdir())
    assert feedback  # X02's 120%
    assert "NV.xlsx" in client.get("/thu-nhan?ky=9T").text
    said = _put_plan(client, data={"csrf": token},
                       files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    assert "Đây là kế hoạch khác" in html.unescape(said.text)  # the page it goes back to
    assert not list(data.glob("phan-hoi-*")) and not list(data.glob("nhan-ve-*"))
    assert not list(data.glob("tong-hop-*.xlsx"))
    (aside,) = (data / "ke-hoach-cu").glob("hoang-hoa-2023@*")
    assert sorted(p.name for p in (aside / "phan-hoi-9T").iterdir()) == feedback
    # Hoằng Hóa's plan back: its files back, as they were.
    _put_plan(client, data={"csrf": token},
                files={"master": ("hoang-hoa.xlsx", HH_MASTER.read_bytes())})
    assert sorted(p.name for p in (data / "phan-hoi-9T").iterdir()) == feedback
    assert not aside.exists() and list((data / "ke-hoach-cu").glob("nghia-hung-2023@*")) == []
    assert (data / "tong-hop-9T.xlsx").is_file()
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert feedback[0] in page


def _earlier(page: str) -> list[tuple[str, str]]:
    """The list of plans used before on the Kế hoạch page: each row's plan and the kept
    file its "Dùng lại" button names."""
    section = re.search(r'<section class="card" id="ke-hoach-cu">(.*?)</section>', page, re.S)
    if section is None:
        return []
    return [(re.sub(r"<[^>]+>", "", re.search(r'<td class="wide">(.*?)</td>', row, re.S)[1]),
             (re.search(r'name="name" value="([^"]+)"', row) or [None, ""])[1])
            for row in re.findall(r"<tr>(.*?)</tr>", section[1], re.S) if "<td" in row]


def test_a_plan_used_before_is_listed_and_put_back_with_one_click(tmp_path):
    """Going back to the plan in use before a mistaken upload meant finding its file in
    the data folder and uploading it (a probe). It is listed, downloadable and put back
    with one click, its periods' files with it; the plan it replaces is listed in turn."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _earlier(html.unescape(client.get("/").text)) == []  # nothing replaced yet
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    consolidated = (data / "tong-hop-9T.xlsx").read_bytes()
    page = html.unescape(_put_plan(client, data={"csrf": token}, files={
        "master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())}).text)
    ((shown, name),) = _earlier(page)
    assert shown == "Kế hoạch cải cách hành chính năm 2023 — Ủy ban nhân dân huyện Hoằng Hóa"
    assert "Dùng lại bảng kế hoạch “Kế hoạch cải cách hành chính năm 2023” (thôi dùng lúc" in page
    assert "muốn dùng lại bảng đó thì bấm 'Dùng lại' ở mục 'Bảng kế hoạch dùng trước đây'" in page
    download = client.get(f"/ke-hoach/cu/{name}")
    assert download.status_code == 200 and download.content == HH_MASTER.read_bytes()
    assert "hoang-hoa-2023-" in download.headers["content-disposition"]
    assert not (data / "tong-hop-9T.xlsx").exists()  # Hoằng Hóa's files put aside

    said = client.post("/ke-hoach/dung-lai", data={"csrf": token, "name": name})
    page = html.unescape(said.text)
    assert ("Đã dùng lại bảng kế hoạch 'Kế hoạch cải cách hành chính năm 2023' (thôi dùng "
            "lúc") in page
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    assert (data / "tong-hop-9T.xlsx").read_bytes() == consolidated  # its files back
    assert "NV.xlsx" in client.get("/thu-nhan?ky=9T").text
    ((shown, _),) = _earlier(page)  # Nghĩa Hưng's now, Hoằng Hóa's (in use) no more
    assert shown.startswith("Kế hoạch cải cách hành chính huyện Nghĩa Hưng năm 2023 — ")


def test_the_plans_used_before_are_listed_once_each_and_only_as_kept(tmp_path):
    """A plan put back and replaced again is listed once (its latest); the one in use is
    not listed; a kept file that is no plan is said so, with no "Dùng lại"; a name the
    list does not show is neither downloaded nor put in use."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    for name, body in (("nh.xlsx", NH_MASTER), ("hh.xlsx", HH_MASTER), ("nh.xlsx", NH_MASTER)):
        _put_plan(client, data={"csrf": token}, files={"master": (name, body.read_bytes())})
    assert len(list((data / "ke-hoach-cu").glob("ke-hoach-*.xlsx"))) == 3
    listed = _earlier(html.unescape(client.get("/").text))
    assert [shown.split(" — ")[1] for shown, _ in listed] == ["Ủy ban nhân dân huyện Hoằng Hóa"]
    (data / "ke-hoach-cu" / "ke-hoach-20260101-080000-000000.xlsx").write_bytes(b"not a zip")
    listed = _earlier(html.unescape(client.get("/").text))
    assert len(listed) == 2 and listed[1][0].startswith(
        "Không đọc được ke-hoach-20260101-080000-000000.xlsx: ") and listed[1][1] == ""
    # Versions told apart: what each holds, and errors; one with errors is not offered
    # in place of the usable plan in use (its "Dùng lại" always failed: a probe).
    wrong = openpyxl.load_workbook(HH_MASTER)
    next(c for row in wrong["Kế hoạch"].iter_rows() for c in row
         if c.value == "Năm kế hoạch").offset(0, 1).value = "hai nghìn"
    wrong.save(data / "ke-hoach-cu" / "ke-hoach-20260101-090000-000000.xlsx")
    page = html.unescape(client.get("/").text)
    rows = re.findall(r"<tr>(.*?)</tr>", page[page.index('id="ke-hoach-cu"'):], re.S)[1:4]
    assert "34 nhiệm vụ, 47 đơn vị" in rows[0] and "còn" not in rows[0] and "Dùng lại" in rows[0]
    assert "còn 1 lỗi" in rows[1] and "Dùng lại" not in rows[1]
    before = (data / "ke-hoach.xlsx").read_bytes()
    for name in ("ke-hoach.xlsx", "../ke-hoach.xlsx", "ke-hoach-20260101-080000-000001.xlsx"):
        assert client.get(f"/ke-hoach/cu/{name.replace('/', '%2F')}").status_code == 404
        said = html.unescape(client.post("/ke-hoach/dung-lai",
                                         data={"csrf": token, "name": name}).text)
        assert f"Không có bảng kế hoạch '{name}' trong mục 'Bảng kế hoạch dùng trước đây'" in said
    assert (data / "ke-hoach.xlsx").read_bytes() == before


def test_the_plans_used_before_read_no_more_than_they_list(tmp_path, monkeypatch):
    """Each kept plan is a whole master to read: past the ten listed, the older files are
    counted, not read (years of replacements were all read at the page's first showing)."""
    from datetime import datetime, timedelta

    from cchc_xl.web import earlier as E

    folder = tmp_path / "ke-hoach-cu"
    folder.mkdir()
    start = datetime(2026, 1, 1, 8)
    for n in range(E.LISTED_MAX + 5):
        (folder / E.kept_name(start + timedelta(hours=n))).write_bytes(b"%d" % n)
    read: list[str] = []

    def plan(self, path, when):
        read.append(path.name)
        return E.EarlierPlan(path.name, when, path.name, None, "x")

    monkeypatch.setattr(E.EarlierPlans, "_plan", plan)
    listed = E.EarlierPlans(folder).listed(None)
    assert len(listed.plans) == len(read) == E.LISTED_MAX and listed.older == 5
    assert read[0] == E.kept_name(start + timedelta(hours=E.LISTED_MAX + 4))  # newest first


def test_a_plan_is_put_in_place_only_once_the_running_job_has_ended(tmp_path):
    """"Dùng lại" clicked while a merge ran: the merge then wrote Hoằng Hóa's
    consolidated workbook and feedback under Nghĩa Hưng's plan (a probe). Putting a
    plan in place waits for the job running, and the next job for it."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _put_plan(client, data={"csrf": token},
                files={"master": ("nh.xlsx", NH_MASTER.read_bytes())})
    ((_, name),) = _earlier(html.unescape(client.get("/").text))
    running, release = threading.Event(), threading.Event()

    def merging(job):  # stands for a merge of the plan in use
        running.set()
        release.wait(30)
        return {}

    client.app.state.runner.submit("merge", "Gộp", merging, key="9T")
    assert running.wait(10)
    done = threading.Thread(target=lambda: client.post(
        "/ke-hoach/dung-lai", data={"csrf": token, "name": name}))
    done.start()
    time.sleep(0.5)
    assert (data / "ke-hoach.xlsx").read_bytes() == NH_MASTER.read_bytes()  # still waiting
    release.set()
    done.join(30)
    assert not done.is_alive()
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()


def test_the_feedback_page_does_not_call_refused_files_faultless(tmp_path):
    """Only an empty and a damaged file received: the page said "các tệp đã nhận không có
    lỗi hay cảnh báo", and below it "Tệp bị từ chối: 2 đơn vị" (a probe)."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    _sent(client, token, [("X02-Xã-Hoằng-Cát.xlsx", b""), ("TP-Phòng-Tư-pháp.xlsx", bytes(99))])
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert "không có lỗi hay cảnh báo" not in page
    assert "Không có tệp phản hồi: tệp hỏng, rỗng hoặc không phải bảng tính" in page


def _zip_sent(tmp_path: Path, members: dict[str, Path]) -> dict:
    """``members`` (name in the zip -> file) uploaded as "thu.zip" to a new data folder
    with the Hoằng Hóa plan, on Thu nhận 9T: the finished job."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as zf:
        for name, source in members.items():
            zf.writestr(name, source.read_bytes())
    done = _sent(client, token, [("thu.zip", bundle.getvalue())])
    assert done["state"] == "done", done
    return done


def test_the_plan_table_inside_a_zip_is_told_as_the_plan(tmp_path):
    """A zip of the units' files with the office's own plan table in it: the upload said
    the plan was "Bị từ chối … đề nghị đơn vị điền vào đúng tệp được giao" while the board
    said it was the office's plan (a probe). Both say the latter."""
    done = _zip_sent(tmp_path, {"thu/NV.xlsx": RETURNS / "NV-phong-noi-vu.xlsx",
                                "thu/ke hoach.xlsx": HH_MASTER})
    assert done["state"] == "done", done
    (plan_line,) = [f for f in done["result"]["files"] if f["name"].endswith("ke hoach.xlsx")]
    assert plan_line["reason"].startswith("đây là bảng kế hoạch của cơ quan")
    assert "tệp không được nhận" not in done["result"]["message"]


def test_files_of_one_name_in_two_folders_of_a_zip_keep_their_folders(tmp_path):
    """Two "bao-cao.xlsx" of two folders of a zip were listed "bao-cao.xlsx" and "bao-cao
    (2).xlsx", names the zip does not have: the office could not tell which came from
    where (a probe)."""
    done = _zip_sent(tmp_path, {"Thư đến/Phòng/bao-cao.xlsx": RETURNS / "NV-phong-noi-vu.xlsx",
                                "Thư đến/Xã/bao-cao.xlsx": RETURNS / "X02-xa-hoang-cat.xlsx"})
    names = {f["name"] for f in done["result"]["files"]}
    assert {"thu.zip/Thư đến/Phòng/bao-cao.xlsx", "thu.zip/Thư đến/Xã/bao-cao.xlsx"} <= names


def test_the_question_says_when_it_lists_only_the_first_findings(tmp_path):
    """More errors and warnings than the question lists (held.SHOWN_MAX): the list is
    said to be the first ones, of how many (a QA pass: a plan imported with 62 warnings
    said "Xem 50 lỗi, cảnh báo của tệp này" under "0 lỗi, 62 cảnh báo")."""
    from test_import_tables import HEAD, plan_docx

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    rows = [HEAD] + [[str(i), f"Nhiệm vụ {i}", "Báo cáo", f"Phòng Thí điểm số {i}", "",
                      "Quý II/2023"] for i in range(1, 61)]
    document = plan_docx(tmp_path / "Nhiều đơn vị.docx", rows, lines=(
        "ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA", "KẾ HOẠCH", "Cải cách hành chính năm 2023"))
    state = _import_posted(client, token, document, {"units": "1"})
    assert state["state"] == "done", state
    page = html.unescape(client.get(state["result"]["page"]).text)
    card = _first_card(page)
    warnings = int(re.search(r"0 lỗi, (\d+) cảnh báo", card)[1])
    assert warnings > 50
    assert f"Xem 50 cảnh báo đầu tiên (trong {warnings}) của tệp này" in card


def test_an_import_s_findings_are_kept_with_its_plan_whatever_another_tab_answers(
        tmp_path, monkeypatch):
    """Two questions answered at once in two tabs: an imported plan's "Thay" keeps what
    importing found with the plan it put in place, never with the table the other tab's
    answer put in place meanwhile (a QA pass: they were kept once the lock was left, and
    listed as found importing 'A.docx' over the plan of the table uploaded)."""
    from cchc_xl.web.workspace import Workspace
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    document = write_plan_document(HH_MASTER, tmp_path / "A.docx")
    state = _import_posted(client, token, document)
    assert state["state"] == "done", state
    other = ROOT / "workbooks" / "nghia-hung-2023" / "master.xlsx"
    sent = client.post("/ke-hoach", follow_redirects=False, data={"csrf": token},
                       files={"master": ("B.xlsx", other.read_bytes())})
    upload_token = re.search(r"thay=([0-9a-f]+)", sent.headers["location"])[1]
    keep = Workspace.keep_import_findings
    installed = threading.Event()

    def slow_keep(self, *args):  # the answer's thread put aside just after installing
        installed.set()
        time.sleep(0.5)
        keep(self, *args)

    monkeypatch.setattr(Workspace, "keep_import_findings", slow_keep)
    first = threading.Thread(target=lambda: client.post("/ke-hoach/thay", data={
        "csrf": token, "token": state["result"]["held"], "answer": "thay"}))
    first.start()
    assert installed.wait(10)
    client.post("/ke-hoach/thay", data={"csrf": token, "token": upload_token,
                                        "answer": "thay"})
    first.join(10)
    assert (data / "ke-hoach.xlsx").read_bytes() == other.read_bytes()  # B, answered last
    page = html.unescape(client.get("/").text)
    assert "Khi nhập từ văn bản" not in page


def test_every_question_not_answered_stays_asked(tmp_path):
    """A plan imported in place of the one in use and not yet answered was asked only by
    the last import's box: another import (one that failed) or a restart of the app
    left it unasked, and with a table uploaded meanwhile the import's box pointed at the
    table's question (a QA pass). Each question is asked until it is answered, the one
    of the page's address first."""
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023.docx")
    imported = _import_posted(client, token, document)["result"]["held"]
    junk = client.post("/ke-hoach/nhap", files={"document": ("a.pdf", b"%PDF-1.4")},
                       headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert _wait(client, junk)["state"] == "failed"

    def cards(page: str) -> list[str]:
        return re.findall(r'<section class="card held" id="([^"]+)">.*?name="token" '
                          r'value="([0-9a-f]+)"', page, re.S)

    assert cards(client.get("/").text) == [("thay-bang", imported)]
    assert cards(_client(data).get("/").text) == [("thay-bang", imported)]  # restarted
    other = ROOT / "workbooks" / "nghia-hung-2023" / "master.xlsx"
    sent = client.post("/ke-hoach", follow_redirects=False, data={"csrf": token},
                       files={"master": ("B.xlsx", other.read_bytes())})
    uploaded = re.search(r"thay=([0-9a-f]+)", sent.headers["location"])[1]
    page = client.get(sent.headers["location"]).text
    assert cards(page) == [("thay-bang", uploaded), (f"thay-bang-{imported}", imported)]
    assert cards(client.get(f"/?thay={imported}").text)[0] == ("thay-bang", imported)
    # Answered, each goes; the plan in use is the one said yes to.
    client.post("/ke-hoach/thay", data={"csrf": token, "token": uploaded, "answer": "giu"})
    assert cards(client.get("/").text) == [("thay-bang", imported)]
    client.post("/ke-hoach/thay", data={"csrf": token, "token": imported, "answer": "thay"})
    assert cards(client.get("/").text) == []
    assert (data / "ke-hoach.xlsx").read_bytes() != HH_MASTER.read_bytes()


def test_an_imported_plan_with_errors_is_refused_with_where_in_the_document(tmp_path):
    """A plan document whose plan has errors, imported in place of a usable plan, is
    refused without a question; its errors were said by sheet and cell of a table the
    office never had ("Sửa các lỗi rồi tải lên lại: trang 'Kế hoạch', ô B3 …", a QA
    pass): now by the part of the document, to be fixed there and imported again."""
    from test_import_tables import HEAD, plan_docx

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    rows = [HEAD, ["1", "Rà soát thủ tục", "Báo cáo", "Phòng Nội vụ", "", "Quý II/2023"]]
    document = plan_docx(tmp_path / "Không cơ quan.docx", rows, lines=(
        "KẾ HOẠCH", "Cải cách hành chính năm 2023"))  # no issuing authority
    failed = _import_posted(client, token, document, {"units": "1"})
    assert failed["state"] == "failed", failed
    error = failed["error"]
    assert error.startswith("Chưa dùng bảng kế hoạch lập từ văn bản 'Không cơ quan.docx': "
                            "bảng còn 1 lỗi, nên bảng kế hoạch đang dùng được giữ nguyên")
    assert "Sửa trong văn bản rồi nhập lại: phần đầu văn bản (tên kế hoạch, cơ quan ban " \
           "hành, năm)" in error
    assert "ô B" not in error and "tải lên lại" not in error
    assert 'class="card held"' not in client.get("/").text  # nothing asked
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    # An error on a task's row: said by the table and row it came from (it said the
    # reform area only, a QA pass).
    rows = [HEAD, ["1", "Rà soát thủ tục", "Báo cáo", "Phòng Nội vụ", "", "Quý II/2023"],
            ["2", "Kiểm tra", "Báo cáo", "", "", "Quý III/2023"]]
    document = plan_docx(tmp_path / "Thiếu chủ trì.docx", rows, lines=(
        "ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA", "KẾ HOẠCH", "Cải cách hành chính năm 2023"))
    error = _import_posted(client, token, document, {"units": "1"})["error"]
    assert "Sửa trong văn bản rồi nhập lại: bảng 1, dòng 3, nhiệm vụ chưa có đơn vị chủ " \
           "trì" in error, error


def test_an_import_refused_says_what_to_do_on_the_page(tmp_path):
    """What the import form answered was the terminal's: a plan table given to import
    said to use it "không qua bước nhập" without saying where, a unit's file gave
    brackets in brackets, and a province not known began in lower case without naming
    the document (a QA pass)."""
    from cchc_xl.master import load_master
    from cchc_xl.split import split_master
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)

    def imported(name: str, body: bytes, province: str = "") -> str:
        job = client.post("/ke-hoach/nhap", data={"province": province},
                          files={"document": (name, body)},
                          headers={"X-CSRF-Token": token, "Accept": "application/json"})
        failed = _wait(client, job.json())
        assert failed["state"] == "failed", failed
        return failed["error"]

    said = imported("bảng.xlsx", HH_MASTER.read_bytes())
    assert "(tải tệp này lên ở ô 'Tệp bảng kế hoạch' của trang Kế hoạch)" in said
    unit_file = split_master(load_master(HH_MASTER), "9T", tmp_path / "giao").files[0].path
    said = imported(unit_file.name, unit_file.read_bytes())
    assert "(nhập văn bản kế hoạch đã ban hành: bản Word, hoặc bảng Excel có các bảng " \
           "nhiệm vụ)" in said
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023.docx")
    said = imported(document.name, document.read_bytes(), province="Xyz")
    assert said.startswith("Không nhập được tệp 'Kế hoạch 2023.docx': không có tỉnh, thành "
                           "phố 'Xyz' trong danh mục 34 tỉnh, thành phố từ ngày 01/7/2025")
    assert said.endswith("Bảng kế hoạch đang dùng được giữ nguyên.")


def test_a_plan_document_without_its_year_says_what_to_change_not_an_option(tmp_path):
    """A Word plan whose title names no year was refused with "ghi năm bằng --year, ví dụ
    --year 2026": an option of a command the browser has no field for (a QA pass)."""
    from cchc_xl.master import load_master
    from plan_documents import write_plan_document

    master = load_master(HH_MASTER)
    master.plan.title, master.plan.appendix_title = "Kế hoạch cải cách hành chính", ""
    for area in master.areas:
        area.heading = re.sub(r"\s*(năm )?20\d\d", "", area.heading)
    document = write_plan_document(master, tmp_path / "Kế hoạch CCHC.docx")
    client = _client(_with_master(tmp_path))
    token = _token(client)
    job = client.post("/ke-hoach/nhap", files={"document": (document.name,
                                                            document.read_bytes())},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"})
    failed = _wait(client, job.json())
    assert failed["state"] == "failed", failed
    said = failed["error"]
    assert said.startswith("Không nhập được tệp 'Kế hoạch CCHC.docx': không đọc được năm kế "
                           "hoạch từ tiêu đề văn bản"), said
    assert "--" not in said and "ghi năm bằng" not in said
    assert ("sửa tiêu đề văn bản cho có năm kế hoạch, ví dụ “Kế hoạch cải cách hành chính "
            "năm 2026”, lưu rồi nhập lại; hoặc tạo bảng kế hoạch trống ở mục “Bảng kế hoạch "
            "trống” rồi điền trong Excel") in said
    assert said.endswith("Bảng kế hoạch đang dùng được giữ nguyên.")


def test_a_wards_plan_imported_with_a_province_names_the_box_not_an_option(tmp_path):
    """A ward's plan imported with "Thanh Hóa" in the box that offers it ("ví dụ Thanh
    Hóa") was refused with "--province dùng cho kế hoạch của tỉnh; kế hoạch này do ỦY BAN
    NHÂN DÂN PHƯỜNG HẠC THÀNH ban hành (bỏ --province rồi nhập lại)": an option the page
    has not, and a name in capitals mid-sentence (a QA pass)."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2027")
    rows = [("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian"),
            ("1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND phường",
             "Công an phường", "Quý I/2027")]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(document := tmp_path / "KH phường.docx")
    client = _client(_with_master(tmp_path))
    job = client.post("/ke-hoach/nhap", data={"province": "Thanh Hóa"},
                      files={"document": (document.name, document.read_bytes())},
                      headers={"X-CSRF-Token": _token(client), "Accept": "application/json"})
    failed = _wait(client, job.json())
    assert failed["state"] == "failed", failed
    assert failed["error"] == (
        "Không nhập được tệp 'KH phường.docx': ô 'Thêm các xã, phường của tỉnh' chỉ dùng cho "
        "kế hoạch của tỉnh (giao việc cho các xã, phường của tỉnh); kế hoạch này do Ủy ban "
        "nhân dân phường Hạc Thành ban hành, giao việc cho các cơ quan, đơn vị của mình (xóa "
        "tên tỉnh ở ô 'Thêm các xã, phường của tỉnh' rồi nhập lại). Bảng kế hoạch đang dùng "
        "được giữ nguyên.")


@pytest.mark.parametrize("units", [True, False])
def test_another_plan_imported_with_the_units_in_use_says_so(tmp_path, units):
    """Another office's plan imported with "Lấy danh sách đơn vị … từ bảng kế hoạch đang
    dùng" (checked by default) is built on the units of the plan in use: the question
    said "kế hoạch khác" and not that (a QA pass)."""
    from plan_documents import write_plan_document

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    other = ROOT / "workbooks" / "nghia-hung-2023" / "master.xlsx"
    document = write_plan_document(other, tmp_path / "Nghĩa Hưng.docx")
    state = _import_posted(client, token, document, {"units": "1"} if units else {})
    assert state["state"] == "done", state
    page = html.unescape(client.get(state["result"]["page"]).text)
    card = _first_card(page)
    assert "Đây là một kế hoạch khác" in card
    said = ("Danh sách đơn vị, nhóm và tên gọi khác của bảng này lấy từ bảng kế hoạch đang "
            "dùng (đã chọn khi nhập)")
    assert (said in card) == units


def test_a_question_with_errors_after_a_usable_plan_was_put_in_place(tmp_path):
    """Two questions asked while the plan in use had errors: one a plan imported with
    errors of its own. A usable plan put in place by the other question, the first still
    said "Bảng kế hoạch đang dùng cũng còn lỗi, nên bảng này vẫn dùng thay được" and
    offered "Thay bằng bảng này", which was then refused by sheet and cell of a table
    the office never had ("Sửa các lỗi rồi tải lên lại: trang 'Kế hoạch', ô B3", a QA
    pass). It says the plan in use has no error now and offers only to leave the file;
    the answer "thay" sent anyway is refused by the part of the document."""
    from test_import_tables import HEAD, plan_docx

    data = tmp_path / "data"
    data.mkdir()
    wb = openpyxl.load_workbook(HH_MASTER)
    wb["Kế hoạch"]["B3"] = None  # no issuing authority: an error
    wb.save(data / "ke-hoach.xlsx")
    client = _client(data)
    token = _token(client)
    rows = [HEAD, ["1", "Rà soát thủ tục", "Báo cáo", "Phòng Nội vụ", "", "Quý II/2023"]]
    document = plan_docx(tmp_path / "Không cơ quan.docx", rows, lines=(
        "KẾ HOẠCH", "Cải cách hành chính năm 2023"))  # no issuing authority either
    state = _import_posted(client, token, document, {"units": "1"})
    assert state["state"] == "done", state
    imported = state["result"]["held"]
    upload = re.search(r"thay=([0-9a-f]+)", client.post(
        "/ke-hoach", data={"csrf": token}, follow_redirects=False,
        files={"master": ("hh.xlsx", HH_MASTER.read_bytes())}).headers["location"])[1]
    client.post("/ke-hoach/thay", data={"csrf": token, "token": upload, "answer": "thay"})
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()  # usable now
    page = html.unescape(client.get("/").text)
    card = page[page.index('id="thay-bang"'):page.index("Bảng kế hoạch đang dùng</h2>")]
    assert f'value="{imported}"' in card
    assert "cũng còn lỗi" not in card and 'value="thay"' not in card
    assert ("Bảng kế hoạch đang dùng hiện không có lỗi (đã được thay sau khi kiểm tra tệp "
            "này), nên không thay bằng bảng còn lỗi này được: sửa các lỗi trong văn bản rồi "
            "nhập lại.") in card
    assert "Bỏ qua tệp này" in card
    answered = html.unescape(client.post("/ke-hoach/thay", data={
        "csrf": token, "token": imported, "answer": "thay"}).text)
    assert "Chưa dùng bảng kế hoạch lập từ văn bản 'Không cơ quan.docx'" in answered
    assert "Sửa trong văn bản rồi nhập lại: phần đầu văn bản" in answered
    assert "ô B" not in answered and "tải lên lại" not in answered
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()


def test_an_uploads_problems_are_counted_by_kind(tmp_path):
    """ "Xem 2 vấn đề" beside a row counting 0 errors and 1 warning: the notes were in
    the count, unsaid (a QA pass). The link says how many of each kind."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    links = re.findall(r"Xem (\d+) vấn đề \(([^)]*)\)", page)
    assert links, page[:3000]
    labels = {"lỗi", "cảnh báo", "ghi nhận"}
    for total, kinds in links:
        counted = [part.split(" ", 1) for part in kinds.split(", ")]
        assert all(label in labels for _, label in counted), kinds
        assert sum(int(n) for n, _ in counted) == int(total), (total, kinds)


def test_the_board_s_filter_counts_errors_as_the_upload_s_message_does(tmp_path):
    """One file refused, one taken with errors: the message said "1 tệp không được nhận,
    1 tệp có lỗi" and the board's filter "Có lỗi (2)", counting the refused unit too (a
    QA pass). The refused unit is under "Tệp bị từ chối" only."""
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    six = next(f.path for f in Workspace(data).split("6T", prefill=False).files
               if f.unit_code == "NV")
    assert _sent(client, token, [("NV-6T.xlsx", Path(six).read_bytes()),
                                 ("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())]
                 )["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Cần xem trong danh sách dưới: 1 tệp không được nhận, 1 tệp có lỗi." in page
    assert ">Tệp bị từ chối (1)</button>" in page and ">Có lỗi (1)</button>" in page
    # The rows the filter shows: Hoằng Cát's (its 120%), not Nội vụ's (refused).
    shown = re.findall(r'<tr data-state="[^"]*" data-to-fix>\s*<td class="unit-code">(\w+)<',
                       page)
    assert shown == ["X02"]


def test_the_upload_s_message_counts_the_files_passed_over(tmp_path):
    """Three files dropped, the plan table among them by mistake: the message said "Đã
    đọc 2 tệp" above three lines, the plan's "Bỏ qua" not counted (a QA pass)."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    state = _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()),
                                  ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()),
                                  ("ke hoach.xlsx", HH_MASTER.read_bytes())])
    assert len(state["result"]["files"]) == 3
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert ("Đã đọc 2 tệp, bỏ qua 1 tệp (bảng kế hoạch). Đơn vị đã gửi: 2/47." in page)
    # A lock file, and the plan in a zip (read, then passed over: counted once), beside
    # the zip's own line.
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("thu/X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())
        zf.writestr("thu/ke hoach.xlsx", HH_MASTER.read_bytes())
    state = _sent(client, token, [("~$X03.xlsx", b"lock"), ("thu.zip", bundle.getvalue())])
    assert [f["outcome"] for f in state["result"]["files"]] == [
        "Bỏ qua", "Đã giải nén", "Được nhận", "Bỏ qua"]
    assert state["result"]["message"].startswith(
        "Đã đọc 1 tệp, bỏ qua 2 tệp (trong đó 1 bảng kế hoạch). Đơn vị đã gửi: 3/47.")
