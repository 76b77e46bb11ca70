"""The merge after one cut short (killed, stopped, failing) after it recorded files and
before it printed anything: nobody saw what it read. The next merge of the period says
the previous one stopped before it finished, and when it started, and tells the files
it recorded as its own: listed as new, their errors in its exit code (1), their
feedback written. Before, it exited 0 where a clean run exits 1 and said them "received
at the previous merge" (docs/ledger.md, "Rules", Supersession)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.paths import HH_MASTER, HH_SAMPLES
from support.safety import app_merge_cut_short, cli, cut_short_after_recording, merge_returns_quiet

CUT = "Lần gộp trước (bắt đầu lúc "
SAID = ("bị ngắt giữa chừng, không chạy xong: 1 tệp đã được ghi vào sổ cái trước khi bị "
        "ngắt nhưng chưa kịp báo kết quả (X03-xa-hoang-chau.xlsx), nay được báo như tệp "
        "nhận lần này.")


def test_the_merge_after_one_cut_short_tells_its_files_as_new(tmp_path, monkeypatch):
    returns = tmp_path / "nhan-ve"
    returns.mkdir()
    shutil.copy2(HH_SAMPLES / "NV-phong-noi-vu.xlsx", returns)
    out, feedback = tmp_path / "out" / "tong-hop-9T.xlsx", tmp_path / "phan-hoi"
    args = ["merge", HH_MASTER, returns, "--period", "9T", "--out", out,
            "--feedback", feedback, "--received"]
    assert cli(*args, "19/09/2023").exit_code == 0  # Phòng Nội vụ: no error
    shutil.copy2(HH_SAMPLES / "X03-xa-hoang-chau.xlsx", returns)  # an error in K5
    with monkeypatch.context() as patched:
        cut_short_after_recording(patched)
        stopped = cli(*args, "30/09/2023")
    assert stopped.exit_code == 130 and "Gộp kỳ" not in stopped.output, stopped.output

    told = cli(*args, "30/09/2023")
    assert told.exit_code == 1, told.output
    lines = told.output.splitlines()
    cut = next(line for line in lines if line.startswith(CUT))
    assert cut.endswith(SAID), cut
    assert lines.index(cut) == lines.index(next(x for x in lines if x.startswith("Gộp kỳ"))) + 1
    # Hoằng Châu's file new to the office, Phòng Nội vụ's received before.
    assert ("Lần này đọc 2 tệp (1 tệp đã nhận ở lần gộp trước: giữ kết quả lần đó, không tính "
            "thêm)") in told.output
    assert "Nhận sau hạn gửi báo cáo (20/09/2023): Xã Hoằng Châu (X03-xa-hoang-chau.xlsx)" \
        in told.output
    assert "[Lỗi] hoàn thành thiếu kiểm chứng" in told.output
    assert [p.name for p in feedback.iterdir()] == ["X03-Xã-Hoằng-Châu-phản-hồi.xlsx"]

    # Said once: the merge after that one finished tells nothing of it again.
    last = cli(*args, "30/09/2023")
    assert last.exit_code == 0, last.output
    assert "ngắt" not in last.output and "2 tệp đã nhận ở lần gộp trước" in last.output


def test_files_of_merges_cut_short_are_told_even_when_not_given_again(tmp_path,
                                                                      monkeypatch):
    """Two merges cut short in a row, then a merge of another file: the files both
    recorded are this run's, given again or not; a merge that reads no file (the
    outputs written again) says nothing of it."""
    first, second = tmp_path / "dot-1", tmp_path / "dot-2"
    first.mkdir(), second.mkdir()
    for name in ("X03-xa-hoang-chau.xlsx", "X02-xa-hoang-cat.xlsx"):
        shutil.copy2(HH_SAMPLES / name, first / name)
    shutil.copy2(HH_SAMPLES / "NV-phong-noi-vu.xlsx", second)
    cut_short_after_recording(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        merge_returns_quiet(tmp_path, [first / "X03-xa-hoang-chau.xlsx"])
    with pytest.raises(KeyboardInterrupt):
        merge_returns_quiet(tmp_path, [first])
    monkeypatch.undo()
    result = merge_returns_quiet(tmp_path, [second])
    assert result.exit_code == 1
    assert sorted(Path(f.path).name for f in result.cut_short_files) == [
        "X02-xa-hoang-cat.xlsx", "X03-xa-hoang-chau.xlsx"]
    assert not any(f.known for f in result.run_files)
    assert "bị ngắt giữa chừng, không chạy xong: 2 tệp" in result.summary()
    assert "Lần này đọc 3 tệp" in result.summary()
    said = result.as_dict()
    assert sorted(Path(p).name for p in said["interrupted_merge"]["files"]) == [
        "X02-xa-hoang-cat.xlsx", "X03-xa-hoang-chau.xlsx"]
    assert {Path(f["path"]).name: f["known"] for f in said["files"]} == {
        "NV-phong-noi-vu.xlsx": False, "X02-xa-hoang-cat.xlsx": False,
        "X03-xa-hoang-chau.xlsx": False}


def test_the_web_app_started_after_a_server_killed_mid_merge_tells_its_files(tmp_path,
                                                                            monkeypatch):
    """The server killed while it merged an upload, after recording its file: the app
    starting again merges the upload (web/pending.py) and said the file "Đã nhận trước
    đó", nothing of its error nor that the merge was cut short. Now the job's message
    says so first, and the file's line is Hoằng Châu's file taken, with its error."""
    from cchc_xl.web import pending
    from cchc_xl.web.workspace import StoredFile, Workspace
    from support.web import _client, _sent, _token, _with_master, merged_at_start

    data = _with_master(tmp_path)
    client = _client(data)
    nv = (HH_SAMPLES / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, _token(client), [("NV.xlsx", nv)])["state"] == "done"
    ws = Workspace(data)
    left = ws.new_upload_path(ws.intake_dir("9T"), "Hoằng Châu.xlsx")
    shutil.copyfile(HH_SAMPLES / "X03-xa-hoang-chau.xlsx", left)
    ws.remember_names("9T", [StoredFile(left, "Hoằng Châu.xlsx")])
    pending.remember(ws.app_dir, "9T", [left], None)
    with monkeypatch.context() as patched:  # its merge, killed once the file is recorded
        cut_short_after_recording(patched)
        with pytest.raises(KeyboardInterrupt):
            ws.merge("9T", [left])
    with _client(data) as started:  # the app starting again
        job = merged_at_start(started)
    message = job.result["message"]
    assert CUT in message and ("bị ngắt giữa chừng, không chạy xong: 1 tệp đã được ghi vào "
                               "sổ cái trước khi bị ngắt nhưng chưa kịp báo kết quả (Hoằng "
                               "Châu.xlsx)") in message, message
    (line,) = [f for f in job.result["files"] if f["name"] == "Hoằng Châu.xlsx"]
    assert (line["outcome"], line["unit"], line["errors"]) == ("Được nhận", "Xã Hoằng Châu", 1)
    assert CUT in job.result["summary"]


def test_the_web_app_lists_the_files_a_command_line_merge_cut_short_recorded(tmp_path,
                                                                           monkeypatch):
    """A command line's merge into the app's folder killed once it recorded Hoằng Châu's
    file (an error in K5), then an upload of Phòng Nội vụ's file in the app: the message
    said Hoằng Châu's file was "nay được báo như tệp nhận lần này" but the list had only
    the upload's file, "Đã đọc 1 tệp", and Hoằng Châu's error was counted nowhere. Now it
    is listed with its error and counted, and the heading says so."""
    from support.web import _client, _sent, _token, _with_master

    data = _with_master(tmp_path)
    app_merge_cut_short(monkeypatch, data, tmp_path)  # killed once recorded
    client = _client(data)
    nv = (HH_SAMPLES / "NV-phong-noi-vu.xlsx").read_bytes()
    done = _sent(client, _token(client), [("NV.xlsx", nv)])
    assert done["state"] == "done", done
    message, files = done["result"]["message"], done["result"]["files"]
    assert CUT in message and "(X03-xa-hoang-chau.xlsx), nay được báo như tệp nhận lần " \
        "này" in message, message
    assert {(f["name"], f["outcome"], f["unit"], f["errors"]) for f in files} == {
        ("NV.xlsx", "Được nhận", "Phòng Nội vụ", 0),
        ("X03-xa-hoang-chau.xlsx", "Được nhận", "Xã Hoằng Châu", 1)}, files
    assert "Đã đọc 2 tệp." in message and "1 tệp có lỗi" in message, message
    # The heading counts what the list holds, not the upload alone ("Gộp 1 tệp").
    assert done["title"] == "Gộp 1 tệp kỳ 9 tháng năm 2023, kèm 1 tệp của lần gộp bị ngắt", \
        done["title"]


def test_the_web_app_s_report_after_a_merge_cut_short_says_it_may_lack_files(tmp_path,
                                                                            monkeypatch):
    """The command's report warns that a merge of the period was cut short and the ledger
    may lack its files; the app's "Lập báo cáo" said "Đã lập báo cáo" in green, nothing
    of it. Now it says it, in the warning colour, with the page's step to take."""
    from support.web import _client, _job, _sent, _token, _with_master

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (HH_SAMPLES / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    app_merge_cut_short(monkeypatch, data, tmp_path)  # killed once recorded
    done = _job(client, token, "/bao-cao/9T")["result"]
    assert done["message"].startswith("Đã lập báo cáo 9 tháng năm 2023: "), done
    assert "Lưu ý: lần gộp kỳ 9T (9 tháng năm 2023) bắt đầu lúc " in done["message"], done
    assert ("bị ngắt giữa chừng (không chạy xong): sổ cái có thể thiếu tệp của lần đó; tải "
            "lại các tệp của lần gộp đó lên ở trang Thu nhận rồi lập lại báo cáo.") \
        in done["message"], done
    assert done["tone"] == "warn"


def test_the_intake_page_says_a_merge_cut_short_as_it_opens(tmp_path, monkeypatch):
    """Thu nhận said nothing of a command line's merge killed once it recorded Hoằng
    Châu's file until the next upload's message (Báo cáo's "Lập báo cáo" warned). Now the
    page says it as it opens, in the warning colour: when the merge started, the file it
    recorded, and that uploading the files of that merge again (or the next upload) lists
    them; nothing once the next upload has told them."""
    import html
    import re

    from support.web import _client, _sent, _token, _with_master

    data = _with_master(tmp_path)
    app_merge_cut_short(monkeypatch, data, tmp_path)  # killed once recorded
    client = _client(data)
    page = client.get("/thu-nhan?ky=9T").text
    notice = re.search(r'<p class="msg warn cut-short" role="note">(.*?)</p>', page, re.S)
    assert notice, page
    said = html.unescape(notice.group(1))
    assert re.fullmatch(
        r"Lưu ý: lần gộp kỳ 9T \(9 tháng năm 2023\) bắt đầu lúc \d\d/\d\d/\d{4} \d\d:\d\d bị "
        r"ngắt giữa chừng \(không chạy xong\): 1 tệp lần đó đã ghi vào sổ cái nhưng chưa được "
        r"báo kết quả \(X03-xa-hoang-chau\.xlsx\); sổ cái có thể thiếu tệp khác của lần đó\. "
        r"Tải lại các tệp của lần gộp đó lên ở đây: tệp còn thiếu được gộp, tệp đã ghi được "
        r"liệt kê cùng lỗi của chúng \(lần tải lên tới, dù là tệp khác, cũng liệt kê các tệp "
        r"đã ghi đó\)\.", said), said
    nv = (HH_SAMPLES / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, _token(client), [("NV.xlsx", nv)])["state"] == "done"
    assert "cut-short" not in client.get("/thu-nhan?ky=9T").text
