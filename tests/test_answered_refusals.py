"""A unit's refused file, answered by the corrected file it sent after: no longer among
the period's problems, wherever they are counted or listed (the merge's summary, CLI and
web; the consolidated workbook's "Tổng hợp", "Các tệp" and "Vấn đề"; ``merge --json``);
and a file that came after the due day says so on its own line, as the board does."""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime

from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.consolidated.write import FILES_SHEET, PROBLEMS_SHEET, SUMMARY_SHEET
from make_sample_returns import fill_return
from support.mistakes import done, ids
from support.paths import HH_MASTER
from support.web import _client, _token, _wait, _with_master
from support.workbooks import load_workbook

UNIT = "X02"
UNFILLED = "tệp chưa điền"
ANSWERED = "Bị từ chối, đã có tệp sau"


def _merged(files, out, received: str, *more: str):
    run = CliRunner().invoke(main, ["merge", str(HH_MASTER), *map(str, files), "--period", "9T",
                                    "--out", str(out), "--received", received, "--silent",
                                    *more])
    assert run.exit_code in (0, 1), run.output
    return run


def _summary_cells(path) -> dict[str, object]:
    ws = load_workbook(path)[SUMMARY_SHEET]
    return {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}


def _table(path, sheet: str) -> list[dict[str, object]]:
    """A sheet's rows, each by its header."""
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    at = next(n for n, r in enumerate(rows) if r[0] in ("Nội dung cần sửa", "Mã đơn vị"))
    return [dict(zip(rows[at], r, strict=False)) for r in rows[at + 1:] if any(r)]


def test_a_refusal_answered_by_a_later_file_is_no_problem_of_the_period(
        hh_master, hh_split, tmp_path):
    """X02 sent its file unfilled (refused), then, after the due day (20/09), the file
    filled. The merge still said "Vấn đề: 1 lỗi … [Lỗi] tệp chưa điền" of the refused
    file, the workbook counted its error, while the board showed X02 with none and no
    letter chased it (a QA pass)."""
    unfilled = fill_return(hh_split[UNIT], tmp_path / "lan-1" / hh_split[UNIT].name, {},
                           saved_at=datetime(2023, 9, 14, 8))
    filled = fill_return(hh_split[UNIT], tmp_path / "lan-2" / hh_split[UNIT].name,
                         {d: done(date(2023, 8, 1)) for d in ids(hh_master, UNIT)},
                         saved_at=datetime(2023, 9, 24, 8))
    out = tmp_path / "out" / "th.xlsx"
    first = _merged([unfilled], out, "15/09/2023")
    assert first.exit_code == 1 and "Vấn đề: 1 lỗi" in first.output
    assert f"[Lỗi] {UNFILLED} — " in first.output
    assert _summary_cells(out)["Lỗi (xem trang 'Vấn đề')"] == 1

    second = _merged([filled], out, "25/09/2023")
    assert second.exit_code == 0, second.output
    said = second.output
    assert "Vấn đề: 0 lỗi, 0 cảnh báo" in said and UNFILLED not in said, said
    assert ("Tệp bị từ chối trước đây của 1 đơn vị nay đã có tệp sau được nhận (Xã Hoằng "
            "Cát): lỗi của tệp bị từ chối không còn tính vào vấn đề của kỳ.") in said
    # Late by five days: the file's line says it, as the board does.
    assert (f"Nhận sau hạn gửi báo cáo (20/09/2023): Xã Hoằng Cát ({filled.name}): Muộn 5 "
            "ngày.") in said

    cells = _summary_cells(out)
    assert cells["Lỗi (xem trang 'Vấn đề')"] == 0
    assert cells["Tệp bị từ chối"] == 1 and cells["  trong đó đã có tệp sau được nhận"] == 1
    # Listed still, as history, marked answered (not "Bị từ chối", the rows coloured red).
    problems = [r for r in _table(out, PROBLEMS_SHEET) if r["Loại vấn đề"] == UNFILLED]
    assert [r["Kết quả của tệp"] for r in problems] == [ANSWERED]
    # ...in grey: a rule before the one that colours errors red, the last word on them.
    rules = [r for rng in load_workbook(out)[PROBLEMS_SHEET].conditional_formatting
             for r in rng.rules]
    assert ANSWERED in rules[0].formula[0] and rules[0].stopIfTrue
    files = {r["Tệp"].split("/")[-2]: r["Kết quả"] for r in _table(out, FILES_SHEET)}
    assert files == {"lan-1": ANSWERED, "lan-2": "Được nhận"}
    # Its row on "Tệp đã nhận" grey as well, its error count not red: the grey rule
    # covers the count column and comes first, the last word (the count's red rule was
    # the only one to apply, a QA pass).
    ranges = load_workbook(out)[FILES_SHEET].conditional_formatting
    first, rule = min(((str(rng.sqref), r) for rng in ranges for r in rng.rules),
                      key=lambda found: found[1].priority)
    assert ANSWERED in rule.formula[0] and rule.stopIfTrue and first.startswith("A"), first

    again = json.loads(_merged([filled], out, "25/09/2023", "--json").output)
    by_folder = {f["path"].split("/")[-2]: f for f in again["files"]}
    assert by_folder["lan-1"]["answered_by"] == str(filled)
    assert by_folder["lan-2"]["answered_by"] is None
    # Given again, known: this run's file is no news of lateness.
    assert by_folder["lan-2"]["known"] and by_folder["lan-2"]["days_late"] == 0


def test_a_refused_file_sent_after_the_counted_one_still_counts(hh_master, hh_split, tmp_path):
    """Only a refusal the unit answered leaves the count: a file refused after its
    counted one (sent and saved later) is still to look at."""
    filled = fill_return(hh_split[UNIT], tmp_path / "lan-1" / hh_split[UNIT].name,
                         {d: done(date(2023, 8, 1)) for d in ids(hh_master, UNIT)},
                         saved_at=datetime(2023, 9, 14, 8))
    unfilled = fill_return(hh_split[UNIT], tmp_path / "lan-2" / hh_split[UNIT].name, {},
                           saved_at=datetime(2023, 9, 16, 8))
    out = tmp_path / "out" / "th.xlsx"
    assert "Nhận sau hạn" not in _merged([filled], out, "15/09/2023").output  # on time
    said = _merged([unfilled], out, "17/09/2023").output
    assert "Vấn đề: 1 lỗi" in said and f"[Lỗi] {UNFILLED} — " in said
    assert "nay đã có tệp sau được nhận" not in said
    assert _summary_cells(out)["Lỗi (xem trang 'Vấn đề')"] == 1
    assert "  trong đó đã có tệp sau được nhận" not in _summary_cells(out)


def _uploaded(client, token: str, name: str, body: bytes, received: str) -> dict:
    state = _wait(client, client.post(
        "/thu-nhan/9T", data={"received": received}, files=[("files", (name, body))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert state["state"] == "done", state
    return state["result"]


def test_the_web_app_says_the_same(hh_master, hh_split, tmp_path):
    """Thu nhận's "Chi tiết lần gộp" counted the refused file's error after the unit's
    corrected file was taken; the corrected file's line said nothing of its lateness."""
    unfilled = fill_return(hh_split[UNIT], tmp_path / "a.xlsx", {},
                           saved_at=datetime(2023, 9, 14, 8)).read_bytes()
    filled = fill_return(hh_split[UNIT], tmp_path / "b.xlsx",
                         {d: done(date(2023, 8, 1)) for d in ids(hh_master, UNIT)},
                         saved_at=datetime(2023, 9, 24, 8)).read_bytes()
    client = _client(_with_master(tmp_path))
    token = _token(client)
    refused = _uploaded(client, token, "X02 lần 1.xlsx", unfilled, "15/09/2023")
    assert [f["outcome"] for f in refused["files"]] == ["Bị từ chối"]
    taken = _uploaded(client, token, "X02 lần 2.xlsx", filled, "25/09/2023")
    (line,) = taken["files"]
    assert (line["outcome"], line["late"], line["reason"]) == ("Được nhận", "Muộn 5 ngày", "")
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    # Lateness a fact, in the board's tag for it, not in the red of a file's problem (a
    # QA pass: "… → Xã Hoằng Cát: Muộn 5 ngày" in the reason's red).
    item = re.search(r'<li class="ev-accepted">.*?</li>', page, re.S)[0]
    assert item.endswith('→ Xã Hoằng Cát <span class="tag st-muon">Muộn 5 ngày</span></li>'), item
    assert 'class="reason"' not in item
    details = re.search(r"Chi tiết lần gộp</summary><pre>(.*?)</pre>", page, re.S)[1]
    assert "Vấn đề: 0 lỗi, 0 cảnh báo" in details and UNFILLED not in details, details
    assert "nay đã có tệp sau được nhận (Xã Hoằng Cát)" in details
    assert "Nhận sau hạn gửi báo cáo (20/09/2023): Xã Hoằng Cát (X02 lần 2.xlsx): Muộn 5 ngày." \
        in details
    # The board, as before: the unit late by five days, no error.
    row = re.search(r'<tr[^>]*data-state="muon"[^>]*>.*?</tr>', page, re.S)[0]
    assert "Xã Hoằng Cát" in row and "Muộn 5 ngày" in row
