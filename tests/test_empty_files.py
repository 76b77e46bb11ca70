"""Empty (0-byte) files of two units (issue #11, a QA pass): every empty file has the
same SHA-256, and a file is known by its content, so one unit's empty file was taken for
a copy of another's ("1 tệp gửi trùng nội dung"), the unit listed as not having sent,
and on Thu nhận shown as the other unit's file sent before. An empty file is known by
its content and its name (cchc_xl.ledger.keys): each refused on its own, as its name's
unit's; the same one sent again is not counted twice."""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
import unicodedata
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from cchc_xl.cli import main
from cchc_xl.letters.remind import reminders
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import RETURN_REJECTED
from support.merge import SAMPLES
from support.paths import HH_MASTER
from support.web import _client, _sent, _token, _with_master
from support.workbooks import load_workbook

NV_EMPTY, TP_EMPTY = "NV-Phòng-Nội-vụ.xlsx", "TP-Phòng-Tư-pháp.xlsx"
# Why, then what to do (findings.why_and_todo), then whose the office took it for.
EMPTY_WHY = ("tệp rỗng (0 byte) (tệp có thể bị hỏng khi chép, tải về hoặc gửi qua Zalo, thư "
             "điện tử)")
EMPTY_SAID = EMPTY_WHY + ": gửi hoặc chép lại tệp gốc; theo tên tệp, đây là tệp của {unit}"
EMPTY_DIGEST = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def casefold_nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _merged(folder, out):
    return CliRunner().invoke(main, ["merge", str(HH_MASTER), str(folder), "--period", "9T",
                                     "--out", str(out), "--received", "19/09/2023"])


def _two_empty(tmp_path) -> tuple[Path, Path]:
    """A folder of returns holding Nội vụ's and Tư pháp's empty files and one good
    return; where the consolidated workbook goes."""
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    (sent / NV_EMPTY).write_bytes(b"")
    (sent / TP_EMPTY).write_bytes(b"")
    shutil.copy(SAMPLES / "VHTT-phong-van-hoa-thong-tin.xlsx", sent)
    return sent, tmp_path / "out" / "tong-hop.xlsx"


def _by_code(sheet, width: int) -> dict:
    return {r[0]: r for r in sheet.iter_rows(min_row=5, max_col=width, values_only=True)
            if r[0]}


def test_two_units_empty_files_are_each_refused_as_their_own(tmp_path):
    sent, out = _two_empty(tmp_path)
    done = _merged(sent, out)
    assert done.exit_code == 1, done.output
    # Three files read, none a duplicate: both empty files refused, each its unit's.
    assert "Lần này đọc 3 tệp: 1 được nhận, 2 bị từ chối" in done.output, done.output
    assert "trùng nội dung" not in done.output
    assert "tệp bị từ chối: Phòng Nội vụ; Phòng Tư pháp; chưa gửi: Văn phòng" in done.output
    for name, unit in ((NV_EMPTY, "Phòng Nội vụ (NV)"), (TP_EMPTY, "Phòng Tư pháp (TP)")):
        assert f"{sent / name}: {EMPTY_SAID.format(unit=unit)}" in done.output, done.output
    book = load_workbook(out)
    # "Chưa gửi": each unit sent a file, refused, and why; "Tệp đã nhận": two files,
    # each its unit's, the SHA-256 the content's own.
    waiting = _by_code(book["Chưa gửi"], 6)
    assert waiting["NV"][-1] == f"{NV_EMPTY}: {EMPTY_SAID.format(unit='Phòng Nội vụ (NV)')}"
    assert waiting["TP"][-1] == f"{TP_EMPTY}: {EMPTY_SAID.format(unit='Phòng Tư pháp (TP)')}"
    # The reminder letter's list: each unit to send its file again, for what it is.
    snapshot = load_snapshot(out.parent / "cchc-ledger.sqlite", "9T")
    told = {r.unit.code: r for r in reminders(summarize(snapshot), snapshot)}
    for code in ("NV", "TP"):
        assert told[code].status == RETURN_REJECTED, told[code]
        assert any("tệp rỗng (0 byte)" in why for why in told[code].reasons), told[code]
    files = _by_code(book["Tệp đã nhận"], 12)
    for code, name in (("NV", NV_EMPTY), ("TP", TP_EMPTY)):
        assert (files[code][2], files[code][6], files[code][11]) == (
            str(sent / name), "Bị từ chối", "e3b0c44298fc1c14")
    # Merged again, the empty files among them once more, and TP's copied elsewhere under
    # its name: known, each as its unit's; nothing counted twice.
    again = tmp_path / "lan-2"
    again.mkdir()
    (again / TP_EMPTY).write_bytes(b"")
    done = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), str(again),
                                     "--period", "9T", "--out", str(out)])
    assert ("Lần này đọc 3 tệp (3 tệp đã nhận ở lần gộp trước: giữ kết quả lần đó, không tính "
            "thêm; 1 tệp gửi trùng nội dung, tính một lần): 1 được nhận, 2 bị từ chối"
            ) in done.output, done.output
    assert "tệp bị từ chối: Phòng Nội vụ; Phòng Tư pháp; chưa gửi" in done.output
    with sqlite3.connect(out.parent / "cchc-ledger.sqlite") as db:
        assert sorted(db.execute("SELECT unit, outcome FROM submissions")) == [
            ("NV", "rejected"), ("TP", "rejected"), ("VHTT", "accepted")]


def test_thu_nhan_tells_a_later_empty_file_as_its_own_unit_s(tmp_path):
    """On Thu nhận, an empty "TP-Phòng-Tư-pháp.xlsx" after NV's empty file said "Đã nhận
    trước đó → Phòng Nội vụ … theo tên tệp, đây là tệp của Phòng Nội vụ (NV)"."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    assert _sent(client, token, [(NV_EMPTY, b"")])["state"] == "done"
    state = _sent(client, token, [(TP_EMPTY, b""), ("X02-Xã-Hoằng-Cát.xlsx", b"")])
    lines = {f["name"]: f for f in state["result"]["files"]}
    for name, unit, code in ((TP_EMPTY, "Phòng Tư pháp", "TP"),
                             ("X02-Xã-Hoằng-Cát.xlsx", "Xã Hoằng Cát", "X02")):
        line = lines[name]
        assert (line["outcome"], line["unit"]) == ("Bị từ chối", unit), line
        assert line["reason"] == EMPTY_SAID.format(unit=f"{unit} ({code})"), line
    # TP's sent again: its own refusal stands, not NV's file, not counted twice.
    (again,) = _sent(client, token, [(TP_EMPTY, b"")])["result"]["files"]
    assert (again["outcome"], again["unit"]) == ("Đã nhận trước đó", "Phòng Tư pháp"), again
    assert "Phòng Tư pháp (TP)" in again["reason"] and "Phòng Nội vụ" not in again["reason"]
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert page.count("tệp rỗng (0 byte)") >= 3
    # Each its own "Rút khỏi số liệu" button: TP's takes out TP's file alone (by the
    # SHA-256 every empty file has, it was "có 3 tệp khớp").
    keys = re.findall(r'name="sha" value="([^"]+)"', page)
    assert len(keys) == len(set(keys)) == 3, keys
    (tp,) = [k for k in keys if k.endswith(casefold_nfc(TP_EMPTY))]
    done = client.post("/thu-nhan/9T/rut", data={"sha": tp, "csrf": token},
                       follow_redirects=False)
    assert done.status_code == 303
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert f"Đã rút tệp {TP_EMPTY} khỏi số liệu" in page, page
    with sqlite3.connect(tmp_path / "data" / "cchc-ledger.sqlite") as db:
        assert dict(db.execute("SELECT unit, outcome FROM submissions")) == {
            "NV": "rejected", "TP": "withdrawn", "X02": "rejected"}


def test_the_reminder_names_the_units_of_empty_files_on_one_line(tmp_path):
    """The reminder letter is written to each unit by name: it said "- Phòng Nội vụ: tệp
    rỗng (0 byte) (…); theo tên tệp, đây là tệp của Phòng Nội vụ (NV)." and again for
    Phòng Tư pháp, the office's note of whose file it took the file for, with the code, in
    the body and the annex (a QA pass). Now the units of the same refusal on one line, as
    other refusals, the note left out; the consolidated workbook keeps it."""
    sent, out = _two_empty(tmp_path)
    assert _merged(sent, out).exit_code == 1
    letter = tmp_path / "don-doc.docx"
    done = CliRunner().invoke(main, ["remind", str(out), "--out", str(letter)])
    assert done.exit_code == 0, done.output
    doc = Document(str(letter))
    body = [p.text.replace("\xa0", " ") for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    refused = [line for line in body if "tệp rỗng (0 byte)" in line]
    # Why in the body; what to do in the annex's row, after why, as other refusals say it
    # (the body said "… thư điện tử: gửi hoặc chép lại tệp gốc)" inside the brackets).
    assert refused == [f"- Phòng Nội vụ; Phòng Tư pháp: {EMPTY_WHY}."], refused
    assert not [text for text in body + cells if "theo tên tệp" in text]
    rows = {c for c in cells if "tệp rỗng (0 byte)" in c}
    assert rows == {f"[Tệp bị từ chối] {EMPTY_WHY}: gửi hoặc chép lại tệp gốc"}, rows
    waiting = _by_code(load_workbook(out)["Chưa gửi"], 6)
    assert waiting["NV"][-1] == f"{NV_EMPTY}: {EMPTY_SAID.format(unit='Phòng Nội vụ (NV)')}"


def test_withdrawing_by_the_sha_every_empty_file_has_withdraws_none(tmp_path):
    """Every empty file has the same SHA-256: its prefix names both units' empty files.
    Nothing is withdrawn, each file is listed with its unit and period, and the office is
    told to give the name or path (it said "ghi rõ hơn: …, mã SHA-256 hoặc --period",
    neither of which tells two empty files apart)."""
    sent, out = _two_empty(tmp_path)
    (sent / "Bao-cao.xlsx").write_bytes(b"")
    assert _merged(sent, out).exit_code == 1
    db = out.parent / "cchc-ledger.sqlite"

    def outcomes():
        with sqlite3.connect(db) as ledger:
            return dict(ledger.execute("SELECT path, outcome FROM submissions"))

    before = outcomes()
    for ref in ("e3b0c442", EMPTY_DIGEST):
        done = CliRunner().invoke(main, ["withdraw", str(db), "--file", ref])
        assert done.exit_code == 2, done.output
        said = " ".join(done.output.split())
        assert (f"có 3 tệp khớp với '{ref}', không rút tệp nào: {sent / 'Bao-cao.xlsx'} (chưa "
                f"rõ của đơn vị nào), kỳ 9T; {sent / NV_EMPTY} của Phòng Nội vụ (NV), kỳ 9T; "
                f"{sent / TP_EMPTY} của Phòng Tư pháp (TP), kỳ 9T (tệp rỗng (0 byte) nào cũng "
                "có cùng mã SHA-256, nên mã SHA-256 không chọn được một tệp: ghi tên tệp hoặc "
                "đường dẫn tới tệp như trên)") in said, said
        assert outcomes() == before
    # By its name, as told: that file alone.
    done = CliRunner().invoke(main, ["withdraw", str(db), "--file", TP_EMPTY])
    assert done.exit_code == 0, done.output
    assert outcomes() == {**before, str(sent / TP_EMPTY): "withdrawn"}


def test_the_web_withdraws_no_empty_file_by_its_sha_alone(tmp_path):
    """The button sends an empty file's key (its SHA-256 with its name); a form sending
    the SHA-256 alone (a page of an older version) names every empty file: none is
    withdrawn, the page says to choose again."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    _sent(client, token, [(NV_EMPTY, b""), (TP_EMPTY, b"")])
    done = client.post("/thu-nhan/9T/rut", data={"sha": EMPTY_DIGEST, "csrf": token},
                       follow_redirects=False)
    assert done.status_code == 303
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "không có tệp này (trang đã cũ?): mở lại trang Thu nhận rồi chọn tệp cần rút" in page
    with sqlite3.connect(tmp_path / "data" / "cchc-ledger.sqlite") as db:
        assert dict(db.execute("SELECT unit, outcome FROM submissions")) == {
            "NV": "rejected", "TP": "rejected"}


NOBODY_SAID = ("tên tệp không cho biết là tệp của đơn vị nào, nên cần tìm đơn vị đã gửi (qua "
               "thư điện tử, Zalo) và đề nghị đơn vị đó gửi lại tệp được giao")


def test_an_empty_file_of_no_unit_says_whom_to_ask(tmp_path):
    """An empty "Bao-cao.xlsx", whose name says no unit: it was said only among the first
    problems, "… gửi hoặc chép lại tệp gốc" to nobody, and in none of the lists of the
    units' line. Now the merge names it on a line of its own with what to do, and its
    reason (the problems, Thu nhận) says whom to ask."""
    sent, out = _two_empty(tmp_path)
    (sent / "Bao-cao.xlsx").write_bytes(b"")
    done = _merged(sent, out)
    assert done.exit_code == 1, done.output
    assert ("Tệp bị từ chối không rõ của đơn vị nào (1): Bao-cao.xlsx — tìm đơn vị đã gửi (qua "
            "thư điện tử, Zalo) và đề nghị đơn vị đó gửi lại tệp được giao (lý do của từng tệp "
            "ở trang 'Vấn đề').") in done.output.splitlines(), done.output
    assert f"{sent / 'Bao-cao.xlsx'}: {EMPTY_WHY}: gửi hoặc chép lại tệp gốc; {NOBODY_SAID}" \
        in done.output, done.output
    # Thu nhận: the same, under "Tệp không nhận ra của đơn vị nào", and the job's summary.
    client = _client(_with_master(tmp_path))
    token = _token(client)
    state = _sent(client, token, [("Bao-cao.xlsx", b"")])
    (line,) = state["result"]["files"]
    assert (line["unit"], line["reason"]) == (
        "", f"{EMPTY_WHY}: gửi hoặc chép lại tệp gốc; {NOBODY_SAID}"), line
    assert "Tệp bị từ chối không rõ của đơn vị nào (1): Bao-cao.xlsx — tìm đơn vị" in \
        state["result"]["summary"]
    page = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(
        client.get("/thu-nhan?ky=9T").text)).split())
    assert (f"Tệp không nhận ra của đơn vị nào (1) Bao-cao.xlsx : {EMPTY_WHY}: gửi hoặc chép lại "
            f"tệp gốc; {NOBODY_SAID}") in page, page
