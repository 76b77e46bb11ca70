"""A merge cut short, then a run that reads no file: a withdrawal, a recount, the
office's verdicts read back (``merge.refresh_outputs``), or a merge given nothing to
merge. Each inserted and finished a merge of its own, so the next merge of files no
longer saw the one cut short: the files it recorded were never said, their errors never
in an exit code, and ``report`` no longer warned. Now such a run says the merge was cut
short and that the next merge of files tells its files, and leaves it for that merge to
end (ledger schema 9, ``merges.read_files``; docs/ledger.md, "Rules", Supersession)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cchc_xl.master import load_master
from cchc_xl.merge import refresh_outputs
from support.paths import HH_MASTER, HH_SAMPLES
from support.safety import app_merge_cut_short, cli, cut_short_after_recording

CUT = "Lần gộp trước (bắt đầu lúc "
SAID = ("bị ngắt giữa chừng, không chạy xong: 1 tệp đã được ghi vào sổ cái trước khi bị "
        "ngắt nhưng chưa kịp báo kết quả (X03-xa-hoang-chau.xlsx), nay được báo như tệp "
        "nhận lần này.")
LEFT = ("bị ngắt giữa chừng, không chạy xong: 1 tệp lần đó đã ghi vào sổ cái nhưng chưa "
        "kịp báo kết quả (X03-xa-hoang-chau.xlsx); lần gộp tệp tới sẽ báo các tệp đó như tệp "
        "nhận lần ấy, cùng lỗi của chúng.")
REPORT_WARNS = "bị ngắt giữa chừng (không chạy xong): sổ cái có thể thiếu tệp"


def _cut_short_merge(tmp_path: Path, monkeypatch) -> tuple[list, Path]:
    """Phòng Nội vụ's file merged (no error), then Hoằng Châu's (an error in K5) by a
    merge cut short once it is recorded: the merge's arguments, and its folder."""
    returns = tmp_path / "nhan-ve"
    returns.mkdir()
    shutil.copy2(HH_SAMPLES / "NV-phong-noi-vu.xlsx", returns)
    out = tmp_path / "out" / "tong-hop-9T.xlsx"
    args = ["merge", HH_MASTER, returns, "--period", "9T", "--out", out,
            "--feedback", tmp_path / "phan-hoi", "--received", "30/09/2023"]
    assert cli(*args).exit_code == 0
    shutil.copy2(HH_SAMPLES / "X03-xa-hoang-chau.xlsx", returns)
    with monkeypatch.context() as patched:
        cut_short_after_recording(patched)
        assert cli(*args).exit_code == 130
    return args, out


def _recount(out: Path, tmp_path: Path) -> str:
    return refresh_outputs(load_master(HH_MASTER), "9T", out).cut_short_said()


def _withdraw(out: Path, tmp_path: Path) -> str:
    return refresh_outputs(load_master(HH_MASTER), "9T", out,
                           withdraw="NV-phong-noi-vu.xlsx").cut_short_said()


def _nothing_to_merge(out: Path, tmp_path: Path) -> str:
    """A merge given only a workbook cchc-xl wrote (a copy of the consolidated one)."""
    given = tmp_path / "chi-co-tong-hop"
    given.mkdir()
    shutil.copy2(out, given / "ban-sao.xlsx")
    done = cli("merge", HH_MASTER, given, "--period", "9T", "--out", out)
    assert done.exit_code == 2, done.output
    return done.stderr


@pytest.mark.parametrize("between", [_recount, _withdraw, _nothing_to_merge])
def test_a_run_reading_no_file_says_the_merge_cut_short_and_leaves_it_told(
        tmp_path, monkeypatch, between):
    args, out = _cut_short_merge(tmp_path, monkeypatch)

    said = between(out, tmp_path)
    assert "Lần gộp tệp trước (bắt đầu lúc " in said and LEFT in said, said
    # report in between still warns, and so does it after a second such run.
    warned = cli("report", out, "--out", tmp_path / "bao-cao.xlsx")
    assert REPORT_WARNS in warned.stderr, warned.output
    assert LEFT in _recount(out, tmp_path)

    told = cli(*args)
    assert told.exit_code == 1, told.output  # Hoằng Châu's error, as a clean run exits
    cut = next(line for line in told.output.splitlines() if line.startswith(CUT))
    assert cut.endswith(SAID), cut
    assert "[Lỗi] hoàn thành thiếu kiểm chứng" in told.output
    # Told once: the merge of files ended it.
    assert REPORT_WARNS not in cli("report", out, "--out", tmp_path / "bc.xlsx").stderr
    assert _recount(out, tmp_path) == ""
    assert "ngắt" not in cli(*args).output


def _web_withdraw(client, token, data) -> str:
    import hashlib
    import html

    sha = hashlib.sha256((HH_SAMPLES / "NV-phong-noi-vu.xlsx").read_bytes()).hexdigest()
    client.post("/thu-nhan/9T/rut", data={"sha": sha, "csrf": token}, follow_redirects=False)
    return html.unescape(client.get("/thu-nhan?ky=9T").text)


def _web_recount(client, token, data) -> str:
    from support.web import _job

    return _job(client, token, "/bao-cao/9T/tinh-lai")["result"]["message"]


def _web_verdicts(client, token, data) -> str:
    from support.web import _job

    workbook = client.get("/tai-ve/tong-hop/9T").content
    return _job(client, token, "/bao-cao/9T/danh-gia",
                files={"workbook": ("tong-hop.xlsx", workbook)})["result"]["message"]


@pytest.mark.parametrize("between", [_web_withdraw, _web_recount, _web_verdicts])
def test_the_web_app_says_a_merge_cut_short_and_its_next_upload_tells_its_file(
        tmp_path, monkeypatch, between):
    """The server's merge of an upload stopped once its file is recorded; then a file
    withdrawn, the period recounted, or verdicts uploaded: the page says the merge was cut
    short and that the next upload tells its file, which that upload then does."""
    from cchc_xl.web.workspace import StoredFile, Workspace
    from support.web import _client, _sent, _token, _with_master

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (HH_SAMPLES / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    ws = Workspace(data)
    left = ws.new_upload_path(ws.intake_dir("9T"), "Hoằng Châu.xlsx")
    shutil.copyfile(HH_SAMPLES / "X03-xa-hoang-chau.xlsx", left)
    ws.remember_names("9T", [StoredFile(left, "Hoằng Châu.xlsx")])
    with monkeypatch.context() as patched:
        cut_short_after_recording(patched)
        with pytest.raises(KeyboardInterrupt):
            ws.merge("9T", [left])

    said = between(client, token, data)
    assert "Lần gộp tệp trước (bắt đầu lúc " in said, said
    assert ("bị ngắt giữa chừng, không chạy xong: 1 tệp lần đó đã ghi vào sổ cái nhưng chưa "
            "kịp báo kết quả (Hoằng Châu.xlsx); lần gộp tệp tới sẽ báo các tệp đó") in said

    tp = (HH_SAMPLES / "TP-phong-tu-phap.xlsx").read_bytes()
    job = _sent(client, token, [("TP.xlsx", tp)])
    message = job["result"]["message"]
    assert CUT in message and ("bị ngắt giữa chừng, không chạy xong: 1 tệp đã được ghi vào "
                               "sổ cái trước khi bị ngắt nhưng chưa kịp báo kết quả (Hoằng "
                               "Châu.xlsx)") in message, message
    # Its error said among this run's (the upload's own list holds the files it sent).
    assert "[Lỗi] hoàn thành thiếu kiểm chứng — Hoằng Châu.xlsx" in job["result"]["summary"]


def _of_quarter_one(hh_split_of, folder: Path) -> Path:
    """Two units' files of Quý I (last quarter's folder merged again, 9T chosen): refused,
    nothing recorded (other_period.py)."""
    from datetime import datetime

    from make_sample_returns import fill_return

    q1 = hh_split_of("Q1", datetime(2023, 3, 1))
    for unit in ("TP", "NV"):
        fill_return(q1[unit], folder / f"{unit}.xlsx", {})
    return folder


def test_a_merge_of_another_period_s_files_says_the_merge_cut_short(tmp_path, monkeypatch,
                                                                   hh_split_of):
    """Every file of another period after a merge cut short: the refusal no longer ended
    the merge cut short, but said nothing of it, as a merge given nothing to merge does.
    Now it says it after the refusal and what to do, and leaves it to the next merge."""
    args, out = _cut_short_merge(tmp_path, monkeypatch)
    given = _of_quarter_one(hh_split_of, tmp_path / "quy-1")
    done = cli("merge", HH_MASTER, given, "--period", "9T", "--out", out)
    assert done.exit_code == 2, done.output
    assert ("chưa ghi tệp nào vào sổ cái (gộp lại với --period Q1 nếu đó là kỳ cần gộp; nếu "
            "đơn vị gửi nhầm tệp của kỳ khác, đề nghị đơn vị gửi tệp của kỳ 9 tháng năm "
            "2023). Lần gộp tệp trước (bắt đầu lúc ") in done.stderr, done.stderr
    assert LEFT in done.stderr, done.stderr
    told = cli(*args)
    assert told.exit_code == 1, told.output
    cut = next(line for line in told.output.splitlines() if line.startswith(CUT))
    assert cut.endswith(SAID), cut


def test_the_web_app_s_refusal_of_another_period_s_upload_says_the_merge_cut_short(
        tmp_path, monkeypatch, hh_split_of):
    """The same in the app: an upload of Quý I files on 9T after a command line's merge
    was cut short is refused; the refusal says the merge cut short and its file too."""
    from support.web import _client, _sent, _token, _with_master

    data = _with_master(tmp_path)
    app_merge_cut_short(monkeypatch, data, tmp_path)  # killed once recorded
    client = _client(data)
    given = _of_quarter_one(hh_split_of, tmp_path / "quy-1")
    state = _sent(client, _token(client), [(p.name, p.read_bytes())
                                           for p in sorted(given.iterdir())])
    assert state["state"] == "failed", state
    assert state["error"].startswith("Không gộp: cả 2 tệp được giao cho kỳ quý I năm 2023"), \
        state["error"]
    assert ("đề nghị đơn vị gửi tệp của kỳ 9 tháng năm 2023. Lần gộp tệp trước (bắt đầu lúc "
            in state["error"]) and LEFT in state["error"], state["error"]


def test_the_web_app_s_upload_of_nothing_to_merge_says_the_merge_cut_short(
        tmp_path, monkeypatch):
    """The files given out at Giao việc uploaded back unfilled after a merge was cut short:
    nothing to merge. The command line said the merge cut short; the page worded its
    message from the reasons its files were left out alone, and dropped it."""
    from cchc_xl.web.uploads import ISSUED_SENT_BACK
    from support.web import _client, _job, _sent, _token, _with_master

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/9T")
    issued = client.get("/giao-viec/9T/zip").content
    app_merge_cut_short(monkeypatch, data, tmp_path)  # killed once recorded

    state = _sent(client, token, [("giao-hoang-hoa-2023-9T.zip", issued)])
    assert state["state"] == "done", state
    message = state["result"]["message"]
    assert message.startswith(ISSUED_SENT_BACK + " Lần gộp tệp trước (bắt đầu lúc "), message
    assert message.endswith(LEFT), message
    assert state["result"]["tone"] == "warn"
    # Left to the next upload of units' files, which tells it.
    tp = (HH_SAMPLES / "TP-phong-tu-phap.xlsx").read_bytes()
    told = _sent(client, token, [("TP.xlsx", tp)])["result"]["message"]
    assert CUT in told and "(X03-xa-hoang-chau.xlsx), nay được báo như tệp" in told, told
