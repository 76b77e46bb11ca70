"""The app started again on the same data folder from another working directory (the
README's `cchc-xl serve --data cchc-2026/`: the office's shortcut starts it from the home
folder one day, from the folder itself the next; or the folder moved, restored from a
backup elsewhere). The ledger records each file's path as it was handed over, relative
to the folder the app ran in then: whatever opens a recorded file again reads the
archive's copy beside the ledger (archive.kept_copy), never that path."""

from __future__ import annotations

import html
import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

from test_figures import done
from test_web_late_period import BUTTON, _first_task, _moved

from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ACCEPTED, REJECTED, WITHDRAWN
from cchc_xl.web.office_files import PLAN_TABLE_REASON
from make_sample_returns import fill_return
from support.paths import HH_MASTER
from support.web import RETURNS, _client, _job, _sent, _token, merged_at_start

FOLDER = "cchc-2026"  # as the README has the office type it


def _started(monkeypatch, cwd: Path, data: str):
    """The app started in ``cwd`` on the data folder ``data`` (as typed): a client and
    its form token."""
    monkeypatch.chdir(cwd)
    client = _client(Path(data))
    return client, _token(client)


def _board(client, code: str) -> str:
    return html.unescape(client.get(f"/thu-nhan?ky={code}").text)


def _first_run(tmp_path, monkeypatch):
    """The app started beside the data folder, named relative: the plan, 6T's files
    issued, NV's 6-month file filled. Returns the client, token and NV's file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / FOLDER).mkdir()
    shutil.copyfile(HH_MASTER, tmp_path / FOLDER / "ke-hoach.xlsx")
    client, token = _started(monkeypatch, tmp_path, FOLDER)
    _job(client, token, "/giao-viec/6T")
    issued = next((tmp_path / FOLDER / "giao-6T").glob("NV-*.xlsx"))
    filled = fill_return(issued, tmp_path / "mail" / "NV-6T.xlsx",
                         {_first_task(issued): done(date(2023, 5, 10))})
    return client, token, filled


def test_a_late_file_in_a_zip_keeps_its_button_started_from_another_folder(
        tmp_path, monkeypatch):
    """A zip of the mail's attachments dropped on Quý III: NV's late 6-month file and the
    office's own plan table. Started again from inside the data folder, the board lost
    the "Gộp vào kỳ 6 tháng…" button (it told the office to pick the period and upload
    the file again, a file inside a zip) and asked a unit to fill in the office's plan
    table ("đề nghị đơn vị điền vào đúng tệp được giao"): both read the file at the
    path recorded, relative to where the app ran before."""
    client, token, filled = _first_run(tmp_path, monkeypatch)
    sent = io.BytesIO()
    with zipfile.ZipFile(sent, "w") as zf:
        zf.write(filled, "NV-6T.xlsx")
        zf.write(HH_MASTER, "ke-hoach-2023.xlsx")
    state = _sent(client, token, [("dinh-kem.zip", sent.getvalue())], "Q3")
    assert [f["name"] for f in state["result"]["files"] if f.get("move")] \
        == ["dinh-kem.zip/NV-6T.xlsx"]
    # The office's plan table is passed over as the plan, said so on the upload's line,
    # never recorded as a unit's file (as a merge passes it over).
    (plan,) = [f for f in state["result"]["files"] if f["name"].endswith("ke-hoach-2023.xlsx")]
    assert plan["outcome"] == "Bỏ qua" and plan["reason"].startswith(PLAN_TABLE_REASON), plan

    for cwd, data in ((tmp_path / FOLDER, "."),  # started from inside the folder
                      (tmp_path / "moved", "du-lieu")):  # the folder moved, then started
        if data == "du-lieu":
            shutil.move(tmp_path / FOLDER, tmp_path / "moved" / "du-lieu")
        client, token = _started(monkeypatch, cwd, data)
        page = _board(client, "Q3")
        assert f">{BUTTON}</button>" in page, cwd
        assert "chọn kỳ đó ở ô 'Kỳ báo cáo' trên cùng rồi tải tệp lên lại" not in page
        assert "ke-hoach-2023.xlsx" not in page  # no unit's refused file
        assert "đề nghị đơn vị điền vào đúng tệp được giao" not in page

    sha = next(s.sha256 for s in load_snapshot(Path(data) / "cchc-ledger.sqlite", "Q3")
               .submissions if s.unit == "NV")
    answer, job = _moved(client, token, "Q3", to="6T", sha=sha)
    assert job is not None and job.state == "done", job and job.error
    assert answer.headers["location"] == f"/thu-nhan?ky=6T&viec={job.id}"
    assert [(f["name"], f["outcome"]) for f in job.result["files"]] \
        == [("NV-6T.xlsx", "Được nhận")]
    assert [s.outcome for s in load_snapshot(Path(data) / "cchc-ledger.sqlite", "6T")
            .submissions] == [ACCEPTED]


def test_a_ledger_written_from_one_folder_is_used_from_another(tmp_path, monkeypatch):
    """The rest of the year's steps on a ledger recorded with relative paths, the app
    started from another folder with the folder's full path: feedback made again (from
    the archive), a file withdrawn and put back by uploading it again, the period
    counted again, the report made."""
    client, token, _ = _first_run(tmp_path, monkeypatch)
    names = ["X02-xa-hoang-cat.xlsx", "X05-xa-hoang-dat (gui lan 1).xlsx",
             "X05-xa-hoang-dat.xlsx"]
    _sent(client, token, [(n, (RETURNS / n).read_bytes()) for n in names])
    folder = tmp_path / FOLDER
    db = folder / "cchc-ledger.sqlite"
    assert all(not Path(s.path).is_absolute() for s in load_snapshot(db, "9T").submissions)
    made = sorted(p.name for p in (folder / "phan-hoi-9T").glob("*.xlsx"))
    assert made == ["X02-Xã-Hoằng-Cát-phản-hồi.xlsx"]
    shutil.rmtree(folder / "phan-hoi-9T")

    (tmp_path / "home").mkdir()
    client, token = _started(monkeypatch, tmp_path / "home", str(folder))
    x05 = next(s for s in load_snapshot(db, "9T").submissions
               if s.unit == "X05" and s.outcome == ACCEPTED)
    withdrawn = client.post("/thu-nhan/9T/rut", data={"csrf": token, "sha": x05.sha256})
    assert "Đã rút tệp X05-xa-hoang-dat.xlsx khỏi số liệu" in html.unescape(withdrawn.text)
    # The feedback the withdrawal wrote again is made from the archive's copy.
    assert sorted(p.name for p in (folder / "phan-hoi-9T").glob("*.xlsx")) == made
    assert {s.sha256: s.outcome for s in load_snapshot(db, "9T").submissions}[x05.sha256] \
        == WITHDRAWN
    again = _sent(client, token, [("X05-xa-hoang-dat.xlsx",
                                   (RETURNS / "X05-xa-hoang-dat.xlsx").read_bytes())])
    assert [(f["name"], f["outcome"]) for f in again["result"]["files"]] \
        == [("X05-xa-hoang-dat.xlsx", "Được nhận")]
    recount = _job(client, token, "/bao-cao/9T/tinh-lai")
    assert "đơn vị đã gửi 2/47" in recount["result"]["message"]
    report = _job(client, token, "/bao-cao/9T")
    assert report["result"]["message"].startswith("Đã lập báo cáo 9 tháng năm 2023")
    assert {s.unit: s.outcome for s in load_snapshot(db, "9T").submissions
            if s.outcome != REJECTED and s.sha256 == x05.sha256} == {"X05": ACCEPTED}


def test_uploads_left_unmerged_are_merged_in_the_folder_moved(tmp_path, monkeypatch):
    """The server stopped with an upload taken and not merged, and the data folder was
    moved (another disk, a new computer) before the app started again: the note of the
    upload named its files in full at the old place, and the start said "Các tệp tải lên
    trước khi ứng dụng dừng không còn" with the files there, in the folder moved."""
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import Workspace

    client, token, _ = _first_run(tmp_path, monkeypatch)
    ws = Workspace(Path(FOLDER))
    left = ws.new_upload_path(ws.intake_dir("9T"), "TP.xlsx")
    left.write_bytes((RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())
    pending.remember(ws.app_dir, "9T", [left], date(2023, 9, 18))
    shutil.move(tmp_path / FOLDER, tmp_path / "o-moi")
    monkeypatch.chdir(tmp_path / "o-moi")
    with _client(Path(".")) as started:  # the app starting again, in the folder moved
        job = merged_at_start(started)
    assert job.result["message"].startswith(
        "Các tệp tải lên trước khi ứng dụng dừng: Đã đọc 1 tệp."), job.result["message"]
    (tp,) = load_snapshot(Path("cchc-ledger.sqlite"), "9T").submissions
    assert (tp.unit, tp.outcome, tp.received) == ("TP", ACCEPTED, "2023-09-18")
