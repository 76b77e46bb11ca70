"""Helpers of the web app's tests (tests/test_web_*.py): a test client on a data folder,
its form token, uploads and the jobs they start."""

from __future__ import annotations

import html
import re
import shutil
import time
from pathlib import Path

from starlette.testclient import TestClient

from cchc_xl.web import create_app
from support.paths import HH_MASTER

RETURNS = HH_MASTER.parent / "returns-9T"

LOCAL = {"base_url": "http://127.0.0.1:8765", "client": ("127.0.0.1", 50000)}


def _client(data: Path, **kwargs) -> TestClient:
    options = {"password": kwargs.pop("password", None),
               "limits": kwargs.pop("limits", None)}
    return TestClient(create_app(data, **options), **{**LOCAL, **kwargs})


def _token(client: TestClient, path: str = "/") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return re.search(r'data-csrf="([^"]+)"', page.text)[1]


def _but_restoring(page: str) -> str:
    """The page without the backup card's restore line: restoring a backup is the command's
    alone (cchc_xl/restore.py, into a new folder the app is then started on), which the
    line names, as starting the app does."""
    start = page.index('<p class="hint restore">')
    return page[:start] + page[page.index("</p>", start):]


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


def _job(client: TestClient, token: str, action: str, **kwargs) -> dict:
    """POST a form that starts a job (``action``), wait for it: its final state, done."""
    sent = client.post(action, headers={"X-CSRF-Token": token, "Accept": "application/json"},
                       **kwargs)
    assert sent.status_code == 200, sent.text
    state = _wait(client, sent.json())
    assert state["state"] == "done", state
    return state


def _upload(client: TestClient, token: str, files: list[tuple[str, bytes]],
            period: str = "9T"):
    return client.post(f"/thu-nhan/{period}",
                       files=[("files", (name, body)) for name, body in files],
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})


def merged_at_start(started: TestClient, period: str = "9T"):
    """The merge of ``period`` the app started with (the uploads a stopped server left
    unmerged), waited for: its job, done."""
    job = started.app.state.runner.latest("merge", period)
    assert job is not None, "nothing merged when the app started"
    for _ in range(600):
        if job.finished:
            break
        time.sleep(0.1)
    assert job.state == "done", job.error
    return job


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


def _worked_year(tmp_path: Path, returns: int) -> tuple[TestClient, str, Path]:
    """A data folder worked in the app as a year goes: the Hoằng Hóa plan, its units'
    files made for 9T, the first ``returns`` bundled returns merged, the report made: the
    client, its token and the folder."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/9T")
    sent = sorted(RETURNS.glob("*.xlsx"))[:returns]
    assert _sent(client, token, [(p.name, p.read_bytes()) for p in sent])["state"] == "done"
    _job(client, token, "/bao-cao/9T")
    return client, token, data


def _import_posted(client: TestClient, token: str, document: Path, data: dict | None = None
                   ) -> dict:
    """A plan document sent to the Kế hoạch page's "Nhập văn bản" form (its other fields
    ``data``), its job waited for: the job's state."""
    job = client.post("/ke-hoach/nhap", data=data or {},
                      files={"document": (document.name, document.read_bytes())},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    return _wait(client, job)


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


def blank_plan_uploaded(tmp_path):
    """A data folder given a blank commune plan ("Tạo bảng kế hoạch trống", phường Hạc
    Thành, 2026) uploaded back as it was made, unfilled: the client, its form token and
    the plan page the upload drew."""
    data = tmp_path / "data"
    data.mkdir()
    return blank_plan_put(data, "xa", "phường Hạc Thành")


def blank_plan_put(data, level: str, place: str, year: str = "2026"):
    """The folder ``data`` given the blank plan of ``level`` (tinh, xa) and ``place``,
    uploaded back unfilled: the client, its form token and the plan page drawn."""
    client = _client(data)
    token = _token(client)
    made = client.post("/ke-hoach/trong", data={"csrf": token, "level": level,
                                                 "place": place, "year": year})
    assert made.status_code == 200 and made.content[:2] == b"PK"
    drawn = _put_plan(client, data={"csrf": token},
                      files={"master": ("ke-hoach-trong.xlsx", made.content)}).text
    return client, token, drawn


def notices(page: str) -> list[tuple[str, str, list[str]]]:
    """The page's one-time messages as the office reads them: (colour, first sentence
    or whole message, the points listed under it), HTML unescaped."""
    found = []
    for m in re.finditer(r'<p class="msg (\w+)" role="status">(.*?)</p>|<div class="msg (\w+) '
                         r'listed" role="status"><p>(.*?)</p>\s*<ul>(.*?)</ul></div>', page,
                         re.S):
        if m[1]:
            found.append((m[1], html.unescape(m[2]), []))
        else:
            items = re.findall(r"<li>(.*?)</li>", m[5], re.S)
            found.append((m[3], html.unescape(m[4]), [html.unescape(i) for i in items]))
    return found


# Whether an input's placeholder is read whole in its box (an element handle's evaluate):
# its scrollWidth leaves the placeholder out, so the placeholder is typed, measured and
# the value put back.
PLACEHOLDER_FITS = """(f) => { const typed = f.value; f.value = f.placeholder;
    const fits = f.scrollWidth <= f.clientWidth; f.value = typed; return fits; }"""


# A phone's and a laptop's width (px), the two a page is measured at; the width the
# browser tests' page is kept at between tests.
PHONE_AND_LAPTOP = (390, 1366)
_KEPT_VIEWPORT = {"width": 1280, "height": 900}


def opened_at_widths(page, url: str, widths=PHONE_AND_LAPTOP):
    """``url`` opened in ``page`` at each of ``widths`` in turn (844 px high), each width
    yielded; the page's viewport put back as the other tests have it once the loop ends,
    a check failing or not (the generator is closed as the loop is left)."""
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": 844})
            page.goto(url)
            yield width
    finally:
        page.set_viewport_size(_KEPT_VIEWPORT)
