"""The intake page (/thu-nhan): returns uploaded, zips unpacked, files listed by name,
files sent twice, withdrawn or of no unit, and the counts of an upload's problems."""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from starlette.testclient import TestClient

from cchc_xl import data_folder
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ACCEPTED
from support.clock import set_clock
from support.paths import HH_MASTER
from support.saved import rewritten
from support.web import (
    RETURNS,
    _client,
    _nv_and_tp_merged,
    _sent,
    _token,
    _upload,
    _wait,
    _with_master,
)


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


def test_an_earlier_upload_of_another_day_says_its_day(tmp_path, monkeypatch):
    """ "Lần tải lên lúc 15:53:26" for an upload of the day before (the app left running):
    its day is said too; pages ask for no icon the app does not have (a 404 each)."""
    set_clock(monkeypatch, date(2027, 1, 5))
    client = _client(_with_master(tmp_path))
    token = _token(client)
    for name in ("TP-phong-tu-phap.xlsx", "NV-phong-noi-vu.xlsx"):
        _sent(client, token, [(name, (RETURNS / name).read_bytes())])
    older = client.app.state.runner.recent("merge", "9T")[-1]
    older.created = datetime(2027, 1, 4, 15, 53, 26)
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Lần tải lên lúc 15:53:26 ngày 04/01/2027: Gộp 1 tệp" in page, page
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
    # Each named as inside its zip, its folder too; the file refused first (to look at),
    # after the line that says the zip was opened (it stood before that line: a QA pass).
    assert files == [("Tệp đính kèm.zip", "Đã giải nén"),
                     ("Tệp đính kèm.zip/Tệp đính kèm/ghi-chu.txt", "Bị từ chối"),
                     ("Tệp đính kèm.zip/Tệp đính kèm/NV-phong-noi-vu.xlsx", "Được nhận"),
                     ("Tệp đính kèm.zip/Tệp đính kèm/TP-phong-tu-phap.xlsx", "Được nhận"),
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


def test_the_same_file_sent_twice_at_once_is_listed_as_one(tmp_path, monkeypatch):
    set_clock(monkeypatch, date(2027, 1, 5))
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    state = _sent(client, token, [("NV.xlsx", body), ("NV (1).xlsx", body), ("NV.xlsx", body)])
    files = [(f["name"], f["outcome"], f["reason"], f["late"])
             for f in state["result"]["files"]]
    told = "cùng nội dung với tệp 'NV.xlsx' gửi cùng lúc: tính là một lần gửi"
    # Received today (05/01/2027), long after the period's due day (20/09/2023): said
    # once, of the file the unit reported with, as the board says it.
    late = "Muộn 1203 ngày"
    assert files == [("NV.xlsx", "Được nhận", "", late), ("NV.xlsx", "Trùng tệp", told, ""),
                     ("NV (1).xlsx", "Trùng tệp", told, "")]  # listed by name
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
    assert state["result"]["tone"] == "warn"  # files to look at: not the success colour
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


def _nv_saved_at(folder: Path, stamp: bytes) -> bytes:
    """NV's bundled return with the time it says it was saved (docProps/core.xml) changed
    from 2023-09-14T08:00:00Z to ``stamp``, written in ``folder``: its bytes."""
    copy = folder / f"NV-{stamp[:10].decode()}.xlsx"
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(RETURNS / "NV-phong-noi-vu.xlsx", copy)
    return rewritten(copy, lambda name, data: data.replace(b"2023-09-14T08:00:00Z", stamp)
                     if name == "docProps/core.xml" else data)


def test_a_units_corrected_file_says_which_file_it_replaces(tmp_path):
    """NV's corrected file uploaded after its first: its line said "Được nhận NV sửa.xlsx
    → Phòng Nội vụ" alone, as a first file's does, and nothing on the upload told the
    office that the file merged before no longer counts (a QA pass). The line names it,
    as a fact (not a reason's red), as the script draws it and the page drawn again."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    first = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    (line,) = _sent(client, token, [("NV.xlsx", first)])["result"]["files"]
    assert line["replaces"] == ""  # a unit's first file replaces nothing
    later = _nv_saved_at(tmp_path / "sent", b"2023-09-16T08:00:00Z")
    (sent,) = _sent(client, token, [("NV sửa.xlsx", later)])["result"]["files"]
    assert (sent["name"], sent["outcome"], sent["unit"]) == ("NV sửa.xlsx", "Được nhận",
                                                             "Phòng Nội vụ")
    assert sent["replaces"] == "thay tệp gửi trước 'NV.xlsx'"
    assert "thay tệp" not in sent["reason"]
    page = html.unescape(client.get("/thu-nhan").text)
    assert "NV sửa.xlsx</span> → Phòng Nội vụ <span class=\"replaces\">(thay tệp gửi trước " \
           "'NV.xlsx')</span>" in page
    # A third: the one that counted until now named first of the two set aside.
    third = _nv_saved_at(tmp_path / "sent", b"2023-09-17T08:00:00Z")
    (sent,) = _sent(client, token, [("NV lần 3.xlsx", third)])["result"]["files"]
    assert sent["replaces"] == "thay 2 tệp gửi trước (tệp được tính trước đây: 'NV sửa.xlsx')"


def test_a_file_saved_before_the_counted_one_says_why_it_does_not_count(tmp_path):
    """NV's file sent again, saved (by the time inside it) before the one already
    counted: listed as superseded with the reason, not silently."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    counted = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", counted)])["state"] == "done"
    older = _nv_saved_at(tmp_path / "sent", b"2019-01-01T00:00:00Z")
    state = _sent(client, token, [("NV sửa.xlsx", older)])
    (sent,) = state["result"]["files"]
    assert (sent["name"], sent["outcome"]) == ("NV sửa.xlsx", "Bị thay thế")
    assert sent["reason"].startswith("tệp gộp sau nhưng lưu lúc 01/01/2019")
    assert "Rút khỏi số liệu" in sent["reason"]
    # Said with the page's button, never the terminal's command.
    assert "cchc-xl withdraw" not in sent["reason"] and "lệnh" not in sent["reason"]
    assert ("trong mục tệp đã gửi của đơn vị, bảng 'Tình hình các đơn vị' ở trang Thu "
            "nhận" in sent["reason"]) and "'N tệp" not in sent["reason"]
    page = html.unescape(client.get("/thu-nhan").text)
    assert "cchc-xl withdraw" not in page and "rút tệp đang được tính (" in page

    # The office makes the later file count: the counted one is taken out of the figures
    # on the page, and the consolidated workbook is written again at once.
    page = client.get("/thu-nhan").text
    assert "2 tệp đã gửi" in page
    # Either file can be taken out ("rút tệp kia" named a file without a button).
    shas = re.findall(r'name="sha" value="([0-9a-f]{64})"', page)
    sha = hashlib.sha256(counted).hexdigest()
    assert shas == [sha, hashlib.sha256(older).hexdigest()]
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
    # Both files received today: the day named, as the withdrawn file's and the other's.
    assert "Ngày đơn vị gửi báo cáo vẫn tính theo tệp hợp lệ đầu tiên của đơn vị, kể cả tệp " \
           f"đã rút (nhận ngày {date.today():%d/%m/%Y}, như tệp vừa rút)" in html.unescape(page)
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
        hashlib.sha256(older).hexdigest()
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


def test_two_tabs_the_upload_s_result_is_shown_for_its_period(tmp_path):
    """Tab A on Thu nhận for 9T, tab B switched the period to 6T: tab A's upload reloaded
    the page as 6T, and the upload's result was nowhere."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client, "/thu-nhan?ky=9T")
    client.get("/thu-nhan?ky=6T")  # tab B
    answer = _upload(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx")
                                      .read_bytes())]).json()
    assert answer["page"] == f"/thu-nhan?ky=9T&viec={answer['job']}"
    assert _wait(client, answer)["state"] == "done"
    page = html.unescape(client.get(answer["page"]).text)
    assert "<h1>3. Thu nhận — 9 tháng năm 2023</h1>" in page
    assert "NV.xlsx</span> → Phòng Nội vụ" in page
    assert 'data-page="/thu-nhan?ky=9T"' in page  # the job box goes back to its period
    # Without the script: back to the period of the form too.
    plain = client.post("/thu-nhan/9T", data={"csrf": token}, follow_redirects=False)
    assert plain.headers["location"] == "/thu-nhan?ky=9T"


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
        "tệp này (cùng nội dung) đã bị từ chối ở lần gửi trước, không đọc lại; lý do: ")
    # Its reason says what to do; no general "sửa tệp" beside it (wrong advice for a
    # file of another year or period, which no edit makes right: a QA pass).
    first_reason = {f["name"]: f["reason"] for f in first["result"]["files"]}["hong.xlsx"]
    assert first_reason and reasons["hong lần 2.xlsx"].endswith(first_reason)
    assert "sửa tệp theo lý do đã báo" not in reasons["hong lần 2.xlsx"]
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


def test_an_upload_with_some_files_refused_is_told_as_a_warning(tmp_path):
    """One file taken of two showed in green over "1 tệp không được nhận" (a QA pass): an
    upload with a file refused is told in the warning's colour; its day received is kept
    all the same (files were taken)."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    state = _wait(client, client.post(
        "/thu-nhan/9T", data={"received": "18/09/2023"},
        files=[("files", ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())),
               ("files", ("hong.xlsx", b"not a workbook"))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert state["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    told = re.search(r'<p class="msg (\w+)">(Đã đọc 2 tệp\.[^<]*)</p>', page)
    assert told[1] == "warn", told[0]
    assert "Cần xem trong danh sách dưới: 1 tệp không được nhận." in told[2]
    assert 'name="received" value="18/09/2023"' in page


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


def test_a_units_old_file_says_how_to_choose_its_period_on_the_page(tmp_path, monkeypatch):
    """Sent on the wrong period, a file was told "gộp tệp này vào kỳ 9T (chọn kỳ đó khi
    gộp)": the page's period box shows names, never codes, and "khi gộp" is no step of it.
    A unit's Quý I file sent as its 9-month report is recorded for 9T, refused."""
    from cchc_xl.master import load_master
    from cchc_xl.split import split_master
    from make_sample_returns import fill_return

    q1 = {f.unit_code: f.path for f in split_master(
        load_master(HH_MASTER), "Q1", tmp_path / "giao", issued_at=datetime(2023, 3, 1)).files}
    set_clock(monkeypatch, date(2027, 1, 5))  # received then, saved that morning
    sent = fill_return(q1["NV"], tmp_path / "NV.xlsx", {}, saved_at=datetime(2027, 1, 5, 8))
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    (told,) = _sent(client, token, [("NV.xlsx", sent.read_bytes())])["result"]["files"]
    # By label, not '9T'; the button beside it merges it into Quý I (test_web_late_period).
    assert told["reason"] == (
        "tệp được giao cho kỳ quý I năm 2023, không phải kỳ 9 tháng năm 2023 đang gộp: nếu "
        "đơn vị gửi muộn tệp của kỳ quý I năm 2023, bấm “Gộp vào kỳ quý I năm 2023” để gộp "
        "tệp này vào kỳ đó (không cần tải lên lại); nếu đơn vị gửi nhầm, đề nghị đơn vị điền "
        "tệp của kỳ 9 tháng năm 2023")
    # On the board the unit's file was refused, and the day it came is shown (it was
    # blank: the unit looked like one that had sent nothing).
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    row = page[page.index('<td class="unit-code">NV</td>'):]
    row = row[:row.index("</tr>")]
    assert "Tệp bị từ chối" in row
    assert 'data-label="Ngày gửi" data-value="20270105">05/01/2027' in row  # the clock's day


def test_files_of_a_later_period_uploaded_on_an_earlier_one_are_not_kept(tmp_path):
    """The 9-month returns uploaded with Quý I left in the period box were each recorded
    as a refused Quý I report: the Quý I board showed the units' reports refused. Nothing
    is recorded or kept, and the page says which period to choose."""
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
    assert not list((ws.app_dir / data_folder.PENDING_DIR).glob("*.json"))
    assert load_snapshot(data / "cchc-ledger.sqlite", "Q1").submissions == []
    page = html.unescape(client.get("/thu-nhan?ky=Q1").text)
    assert "Tệp bị từ chối" not in page
    # Uploaded on their own period, they are taken.
    done = _sent(client, _token(client, "/thu-nhan?ky=9T"), files)
    assert [f["outcome"] for f in done["result"]["files"]] == ["Được nhận", "Được nhận"]
    # The same files on a later period's page: the office's earlier files, or the units'
    # old ones sent again; which, the office knows: held for "Gộp vào kỳ 9 tháng…"
    # (test_web_late_period).
    state = _sent(client, _token(client, "/thu-nhan?ky=NAM"), files, "NAM")
    assert state["state"] == "failed"
    assert state["error"].endswith(
        "bấm “Gộp vào kỳ 9 tháng năm 2023” dưới đây: các tệp vừa tải lên được giữ (đến hết 24 "
        "giờ) để gộp vào kỳ đó, không cần tải lên lại; nếu đơn vị gửi nhầm tệp của kỳ khác, "
        "đề nghị đơn vị gửi tệp của kỳ năm 2023."), state["error"]
    assert load_snapshot(data / "cchc-ledger.sqlite", "NAM").submissions == []


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


def test_an_uploads_problems_are_counted_by_kind(tmp_path):
    """ "Xem 2 vấn đề" beside a row counting 0 errors and 1 warning: the notes were in
    the count, unsaid (a QA pass). The link says how many of each kind; a file with
    notes alone has no problem to see: "Xem 2 ghi nhận", not "Xem 2 vấn đề (2 ghi nhận)"
    beside 0 errors and 0 warnings (a QA pass: a province's every clean unit read as
    having 19 problems)."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    assert _sent(client, token, [("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())]
                 )["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    summaries = re.findall(r"<summary>Xem ([^<]*)</summary>", page)
    links = [re.fullmatch(r"(\d+) vấn đề \(([^)]*)\)", s) for s in summaries]
    mixed = [m.groups() for m in links if m]
    notes_only = [s for s, m in zip(summaries, links, strict=True) if not m]
    labels = {"lỗi", "cảnh báo", "ghi nhận"}
    assert mixed, summaries  # X02's error and its notes
    for total, kinds in mixed:
        counted = [part.split(" ", 1) for part in kinds.split(", ")]
        assert all(label in labels for _, label in counted), kinds
        assert sum(int(n) for n, _ in counted) == int(total), (total, kinds)
        assert {label for _, label in counted} != {"ghi nhận"}, kinds
    # NV's and TP's files have notes and nothing else.
    assert len(notes_only) == 2, summaries
    assert all(re.fullmatch(r"\d+ ghi nhận", s) for s in notes_only), notes_only


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
    # X02's file (taken, with errors) first, after its zip's line: to look at
    # (test_web_upload_summary).
    assert [(f["name"], f["outcome"]) for f in state["result"]["files"]] == [
        ("thu.zip", "Đã giải nén"), ("thu.zip/thu/X02.xlsx", "Được nhận"),
        ("~$X03.xlsx", "Bỏ qua"), ("thu.zip/thu/ke hoach.xlsx", "Bỏ qua")]
    assert state["result"]["message"].startswith(
        "Đã đọc 1 tệp, bỏ qua 2 tệp (trong đó 1 bảng kế hoạch). Đơn vị đã gửi: 3/47.")



def test_a_consolidated_workbook_of_another_period_is_said_in_the_warning_colour(
        tmp_path, monkeypatch):
    """The 9T consolidated workbook uploaded on 6T's Thu nhận is not read (upload it
    again under 9T): the page said "Không có tệp nào để gộp." in the success colour, and
    the same beside a unit's file taken."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    consolidated = client.get("/tai-ve/tong-hop/9T").content
    state = _sent(client, token, [("tong-hop-9T.xlsx", consolidated)], "6T")
    (told,) = state["result"]["files"]
    assert told["outcome"] == "Bỏ qua" and "không phải kỳ 6 tháng" in told["reason"]
    assert state["result"]["message"] == "Không có tệp nào để gộp."
    assert state["result"]["tone"] == "warn"
    # Beside a unit's file taken (its assessments refused as another period's are).
    from cchc_xl.errors import CchcError

    def refused(*args, **kwargs):
        raise CchcError("bảng tổng hợp là của kỳ khác")

    monkeypatch.setattr("cchc_xl.web.pages.intake.assess_stored", refused)
    state = _sent(client, token, [("tong-hop-9T.xlsx", consolidated),
                                  ("X04.xlsx", (RETURNS / "X04-xa-hoang-dao.xlsx").read_bytes())])
    assert state["result"]["taken"] and "Cần xem" not in state["result"]["message"]
    assert [f["outcome"] for f in state["result"]["files"]][0] == "Bỏ qua"
    assert state["result"]["tone"] == "warn"


def test_verdicts_typed_into_a_consolidated_workbook_sent_in_a_zip_are_said_unread(tmp_path):
    """The consolidated workbook with "Chưa đạt" typed in, sent back zipped with a unit's
    file ("tải tất cả tệp đính kèm"): passed over as cchc-xl's own ("tệp bảng tổng hợp do
    cchc-xl lập, không phải tệp đơn vị gửi"), in the success colour, its verdicts read
    nowhere and said nowhere (a QA pass). The line says they were not read and how to
    have them read; the upload is told in the warning colour."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/tai-ve/tong-hop/9T").content))
    typed = False
    for ws in wb.worksheets:
        for cell in ws[4]:
            if cell.value == "Đánh giá của cơ quan tổng hợp":
                ws.cell(5, cell.column, "Chưa đạt")
                typed = True
    assert typed
    consolidated = io.BytesIO()
    wb.save(consolidated)
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("tong-hop-9T.xlsx", consolidated.getvalue())
        zf.writestr("X04.xlsx", (RETURNS / "X04-xa-hoang-dao.xlsx").read_bytes())
    state = _sent(client, token, [("gui lai.zip", bundle.getvalue())])
    (line,) = [f for f in state["result"]["files"] if f["name"] == "gui lai.zip/tong-hop-9T.xlsx"]
    assert line["outcome"] == "Bỏ qua"
    assert line["reason"].startswith("đây là bảng tổng hợp của cơ quan, nằm trong tệp nén: "
                                     "đánh giá “Đạt / Chưa đạt” ghi trong bảng (nếu có) chưa "
                                     "được đọc; muốn ghi các đánh giá đó thì tải riêng tệp "
                                     "này lên (không nén)")
    assert state["result"]["taken"] and state["result"]["tone"] == "warn"


def test_the_consolidated_workbook_uploaded_twice_at_once_says_its_sentence_once(tmp_path):
    """The consolidated workbook downloaded twice and both copies dropped: the message
    said "Không có đánh giá nào thay đổi …" twice over (a QA pass); each copy's line
    still says it was read."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    consolidated = client.get("/tai-ve/tong-hop/9T").content
    for also in ([], [("X04.xlsx", (RETURNS / "X04-xa-hoang-dao.xlsx").read_bytes())]):
        state = _sent(client, token, [("tong-hop-9T.xlsx", consolidated),
                                      ("tong-hop-9T (1).xlsx", consolidated), *also])
        message = state["result"]["message"]
        assert message.count("Không có đánh giá nào thay đổi") == 1, message
        lines = [f for f in state["result"]["files"] if f["name"].startswith("tong-hop-9T")]
        assert len(lines) == 2 and all("Không có đánh giá nào thay đổi" in f["reason"]
                                       for f in lines), lines


def test_the_merge_details_name_the_period_and_the_plan_not_their_codes(tmp_path):
    """"Chi tiết lần gộp" begins with the period's name and the plan's title, as the
    office knows them; the codes the terminal's summary names (9T, hoang-hoa-2023) are
    not shown."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    state = _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])
    first = state["result"]["summary"].splitlines()[0]
    assert first == ("Gộp kỳ 9 tháng năm 2023, kế hoạch cải cách hành chính năm 2023 của "
                     "Ủy ban nhân dân huyện Hoằng Hóa.")
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    details = page[page.index("Chi tiết lần gộp"):]
    assert details.split("<pre>", 1)[1].startswith(first)
    assert "Gộp kỳ 9T" not in page and "hoang-hoa-2023" not in details


def test_the_merge_details_do_not_name_the_committee_after_a_title_naming_its_place(tmp_path):
    """A commune's plan titled "… năm 2026 của xã Hoằng Hóa", issued by UBND xã Hoằng
    Hóa: "Chi tiết lần gộp" began "Gộp kỳ …, kế hoạch … của xã Hoằng Hóa của UBND xã
    Hoằng Hóa." (a QA pass on a commune's 2026 plan). The title says whose it is."""
    from dataclasses import replace

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    data = tmp_path / "data"
    data.mkdir()
    master = load_master(HH_MASTER)
    write_master(replace(master, plan=replace(
        master.plan, title="Kế hoạch cải cách hành chính năm 2023 của huyện Hoằng Hóa")),
        data / "ke-hoach.xlsx")
    client = _client(data)
    state = _sent(client, _token(client),
                  [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])
    first = state["result"]["summary"].splitlines()[0]
    assert first == ("Gộp kỳ 9 tháng năm 2023, kế hoạch cải cách hành chính năm 2023 của "
                     "huyện Hoằng Hóa."), first
