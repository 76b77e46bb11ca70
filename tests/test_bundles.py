"""Zips of returns: the files inside are merged as if given one by one, within bounds,
never outside their folder, the zip itself left as it was."""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xl import bounds
from cchc_xl.cli import main
from cchc_xl.errors import NothingToMerge, WorkbookError
from cchc_xl.intake.bundles import BUNDLE_FOLDER, _unique, safe_name, unpack
from cchc_xl.ledger import LEDGER_NAME
from cchc_xl.merge import merge_returns
from cchc_xl.snapshot import load_snapshot
from support.paths import HH_MASTER, HH_SAMPLES
from support.windows import refuse_removing_read_only, refuse_writing_read_only

NV = HH_SAMPLES / "NV-phong-noi-vu.xlsx"
BPMC = HH_SAMPLES / "BPMC-bo-phan-tiep-nhan-va-tra-ket-qua-huyen.xlsx"
TP = HH_SAMPLES / "TP-phong-tu-phap.xlsx"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def test_a_zip_holding_only_a_zip_of_returns_says_so(hh_master, tmp_path):
    """It was read as a file: "a zip with no spreadsheet inside", which it is not."""
    inner = make_zip(tmp_path / "inner.zip", [("NV.xlsx", NV.read_bytes())])
    outer = make_zip(tmp_path / "nhan-ve" / "Thư lồng.zip",
                     [("Tệp đính kèm/inner.zip", inner.read_bytes())])
    with pytest.raises(NothingToMerge) as refused:
        merge_returns(hh_master, [outer], "9T", tmp_path / "out" / "t.xlsx")
    # What it holds is named: a unit's file in it was easy to miss (it stayed "Chưa gửi").
    assert [(s.path.name, s.reason) for s in refused.value.skipped] == [
        ("inner.zip", "tệp nén nằm trong tệp nén (có NV.xlsx): giải nén riêng rồi gửi lại")]
    many = make_zip(tmp_path / "many.zip", [(f"{u}.xlsx", NV.read_bytes())
                                            for u in ("A", "B", "C", "D", "E")]
                    + [("ghi-chu.txt", b"x")])
    outer = make_zip(tmp_path / "nhan-ve" / "Thư lồng.zip", [("many.zip", many.read_bytes())])
    with pytest.raises(NothingToMerge) as refused:
        merge_returns(hh_master, [outer], "9T", tmp_path / "out" / "t.xlsx")
    assert refused.value.skipped[0].reason == (
        "tệp nén nằm trong tệp nén (có A.xlsx, B.xlsx, C.xlsx và 2 tệp khác): giải nén riêng "
        "rồi gửi lại")
    photos = make_zip(tmp_path / "anh.zip", [("anh.jpg", b"\xff\xd8\xff"), ("ghi.docx", b"x")])
    outer = make_zip(tmp_path / "nhan-ve" / "Thư lồng.zip", [("anh.zip", photos.read_bytes())])
    with pytest.raises(NothingToMerge) as refused:
        merge_returns(hh_master, [outer], "9T", tmp_path / "out" / "t.xlsx")
    assert refused.value.skipped[0].reason == (
        "tệp nén nằm trong tệp nén, không có tệp bảng tính nào bên trong")


def rows_of(result, unit: str) -> dict[str, tuple]:
    return {r.deliverable: (r.status, r.percent, r.completed_on, r.evidence, r.note)
            for r in result.rows if r.unit == unit}


def test_a_zip_of_returns_is_merged_as_its_files(hh_master, tmp_path):
    returns = tmp_path / "nhan-ve"
    bundle = make_zip(returns / "Tải xuống tất cả.zip", [
        ("Báo cáo/NV-phong-noi-vu.xlsx", NV.read_bytes()),
        ("Báo cáo/BPMC.xlsx", BPMC.read_bytes()),
        ("__MACOSX/Báo cáo/._NV-phong-noi-vu.xlsx", b"\x00\x05\x16\x07"),
        ("Báo cáo/~$BPMC.xlsx", b"lock"),
        ("Báo cáo/ảnh chụp.pdf", b"%PDF-1.4 scanned"),
        ("Báo cáo/khác.zip", b"PK\x05\x06" + b"\x00" * 18),
    ])
    before = sha(bundle)
    out = tmp_path / "out" / "tong-hop.xlsx"
    result = merge_returns(hh_master, [returns], "9T", out)
    assert sha(bundle) == before  # the zip itself is left as it was
    (unpacked,) = result.bundles
    assert unpacked.bundle == bundle
    folder = out.parent / "cchc-archive" / BUNDLE_FOLDER
    assert unpacked.folder.parent == folder and unpacked.folder.name.startswith("tai-xuong-tat-ca-")
    assert [f.name for f in unpacked.files] == ["BPMC.xlsx", "NV-phong-noi-vu.xlsx",
                                                "ảnh chụp.pdf"]  # in name order
    assert [f.read_bytes() for f in unpacked.files[:2]] == [BPMC.read_bytes(), NV.read_bytes()]
    outcomes = {Path(f.path).name: f.outcome for f in result.run_files}
    assert outcomes == {"NV-phong-noi-vu.xlsx": "accepted", "BPMC.xlsx": "accepted",
                        "ảnh chụp.pdf": "rejected"}
    reasons = {s.path.name: s.reason for s in result.skipped}
    assert "tệp khóa" in reasons["~$BPMC.xlsx"]
    assert "tệp nén nằm trong tệp nén" in reasons["khác.zip"]
    assert "._NV-phong-noi-vu.xlsx" not in reasons  # macOS's copies are left out silently
    assert "Lần này đọc 3 tệp (3 tệp lấy từ 1 tệp nén)" in result.summary()
    # Read exactly as the same files given one by one.
    alone = merge_returns(hh_master, [NV, BPMC], "9T", tmp_path / "alone" / "t.xlsx")
    for unit in ("NV", "BPMC"):
        assert rows_of(result, unit) == rows_of(alone, unit)
    # Again: nothing new, the unpacked files not written again.
    stamps = [f.stat().st_mtime_ns for f in unpacked.files]
    again = merge_returns(hh_master, [returns], "9T", out)
    assert [f.stat().st_mtime_ns for f in unpacked.files] == stamps
    assert {f.outcome for f in again.run_files} == {"accepted", "rejected"}
    assert len(again.files) == len(result.files) == 3


def testsafe_names_stay_inside_their_folder(hh_master, tmp_path):
    bundle = make_zip(tmp_path / "in" / "goi.zip", [
        ("../../ngoai.xlsx", NV.read_bytes()),
        ("C:\\Users\\A\\Desktop\\NV.xlsx", NV.read_bytes()),
        ("/etc/passwd.xlsx", BPMC.read_bytes()),
        ('a/b:c*?"<>|.xlsx', BPMC.read_bytes()),
    ])
    done = unpack(bundle, tmp_path / "ra")
    assert [f.name for f in done.files] == ["ngoai.xlsx", "passwd.xlsx", "b_c______.xlsx",
                                            "NV.xlsx"]  # in the order of their folders
    assert all(f.parent == done.folder and done.folder.parent == tmp_path / "ra"
               for f in done.files)
    assert not (tmp_path / "ngoai.xlsx").exists() and not (tmp_path.parent / "ngoai.xlsx").exists()


def _without_utf8_flag(path: Path, names: list[str], encoding: str = "utf-8") -> Path:
    """The zip as macOS's Archive Utility writes it: its names in UTF-8 bytes (or as a
    Vietnamese Windows tool does, in ``encoding``), without the flag that says UTF-8
    (zipfile sets it; written with ASCII stand-ins, then swapped)."""
    data = path.read_bytes()
    for n, name in enumerate(names):
        raw = name.encode(encoding)
        stand_in = f"{n:0{len(raw)}d}".encode()
        assert data.count(stand_in) == 2  # its local header and its directory entry
        data = data.replace(stand_in, raw)
    path.write_bytes(data)
    return path


def test_names_written_in_utf8_without_saying_so_are_read_as_meant(hh_master, tmp_path):
    names = ["Báo cáo Phòng Nội vụ.xlsx", "Tư pháp (bản sửa).xlsx"]
    bundle = make_zip(tmp_path / "nhan-ve" / "tai-ve.zip", [
        (f"{n:0{len(name.encode())}d}", path.read_bytes())
        for n, (name, path) in enumerate(zip(names, (NV, TP), strict=True))])
    _without_utf8_flag(bundle, names)
    with zipfile.ZipFile(bundle) as zf:  # what zipfile makes of them
        assert zf.namelist()[0].startswith("B├ío c├ío Ph├▓ng")
    result = merge_returns(hh_master, [bundle.parent], "9T", tmp_path / "out" / "t.xlsx")
    (unpacked,) = result.bundles
    assert [f.name for f in unpacked.files] == names
    assert {Path(f.path).name: f.outcome for f in result.run_files} == {
        names[0]: "accepted", names[1]: "accepted"}


def test_names_written_by_a_vietnamese_windows_tool_are_read_as_meant(hh_master, tmp_path):
    """Names in Windows' Vietnamese code page (1258) were shown and archived as zipfile
    reads them: "Xa▐ Hoπ╠ng Cßt báo cáo.xlsx"."""
    names = ["Xã Hoằng Cát báo cáo.xlsx"]
    tones = "\u0300\u0301\u0303\u0309\u0323"  # 1258 has ă, â, ê, ô, ơ, ư, đ; tones as marks
    raw = "".join(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
                  + "".join(c for c in d if c in tones)
                  for d in (unicodedata.normalize("NFD", ch) for ch in names[0]))
    size = len(raw.encode("cp1258"))
    bundle = make_zip(tmp_path / "nhan-ve" / "tai-ve.zip", [(f"{0:0{size}d}", NV.read_bytes())])
    _without_utf8_flag(bundle, [raw], encoding="cp1258")
    with zipfile.ZipFile(bundle) as zf:
        assert not zf.namelist()[0].isascii() and zf.namelist()[0] != names[0]
    result = merge_returns(hh_master, [bundle.parent], "9T", tmp_path / "out" / "t.xlsx")
    (unpacked,) = result.bundles
    assert [f.name for f in unpacked.files] == names


def test_names_given_twice_are_kept_apart():
    taken: set[str] = set()
    assert [_unique(n, taken) for n in ("NV.xlsx", "nv.xlsx", "NV.xlsx", "ghi-chu")] == [
        "NV.xlsx", "nv (2).xlsx", "NV (3).xlsx", "ghi-chu"]
    assert safe_name("bao-cao/...", 4) == "tep-4"
    long = safe_name("Báo cáo kết quả thực hiện nhiệm vụ " * 12 + ".xlsx", 2)
    assert long.endswith(".xlsx") and len(long.encode()) <= 205  # fits any file system
    assert long.startswith("Báo cáo kết quả")
    assert safe_name("CON.xlsx", 1) == "_CON.xlsx"  # not a device on Windows
    # Nor any of the others Windows has: with a superscript digit, a "$", a space before
    # the dot (each opened the device, not a file, on the office's Windows computer).
    for device in ("COM\u00b9.xlsx", "lpt\u00b3.xlsx", "CONIN$.xlsx", "CONOUT$.xls",
                   "AUX .ghi-chu.xlsx"):
        assert safe_name(device, 1) == f"_{device}", device
    assert safe_name("CONSOLE.xlsx", 1) == "CONSOLE.xlsx"  # a name, no device
    assert safe_name("Ba\u0301o ca\u0301o.xlsx", 1) == "Báo cáo.xlsx"  # NFD in, NFC out
    # A direction mark would show "X\u202egpj.xlsx" as "Xxlsx.jpg" (a security probe).
    assert safe_name("X\u202egpj.xlsx", 1) == "Xgpj.xlsx"


def test_a_zip_bomb_is_refused_and_the_other_files_merged(hh_master, tmp_path):
    returns = tmp_path / "nhan-ve"
    returns.mkdir()
    (returns / NV.name).write_bytes(NV.read_bytes())
    # 4 MB of zeros deflate to about 4 KB: a ratio of about a thousand.
    make_zip(returns / "bom.zip", [("TP.xlsx", TP.read_bytes()), ("dem.xlsx", bytes(4 << 20))])
    out = tmp_path / "out" / "t.xlsx"
    result = merge_returns(hh_master, [returns], "9T", out)
    assert result.bundles == []
    (refused,) = [s for s in result.skipped if s.path.name == "bom.zip"]
    assert "dem.xlsx" in refused.reason and "lần" in refused.reason
    assert "giải nén" in refused.reason  # what to do
    assert {Path(f.path).name: f.outcome for f in result.run_files} == {NV.name: "accepted"}
    assert not (out.parent / "cchc-archive" / BUNDLE_FOLDER).exists()


def test_too_many_files_in_a_zip_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_BUNDLE_FILES", 3)
    bundle = make_zip(tmp_path / "nhieu.zip", [(f"{n}.xlsx", b"x") for n in range(4)])
    with pytest.raises(WorkbookError, match="chứa 4 tệp"):
        unpack(bundle, tmp_path / "ra")
    assert not (tmp_path / "ra").exists()


def test_a_zip_without_spreadsheets_is_judged_as_a_file(hh_master, tmp_path):
    other = make_zip(tmp_path / "in" / "tai-lieu.zip", [("a.txt", b"hello")])
    result = merge_returns(hh_master, [other, NV], "9T", tmp_path / "out" / "t.xlsx")
    assert result.bundles == []
    outcomes = {Path(f.path).name: f for f in result.run_files}
    assert outcomes["tai-lieu.zip"].outcome == "rejected"
    assert any("tệp nén" in p.message for p in outcomes["tai-lieu.zip"].problems)


def test_a_damaged_xlsx_is_never_taken_for_a_zip_of_returns(hh_master, tmp_path):
    # An xlsx (its [Content_Types].xml) holding an .xlsx-named part, renamed .zip.
    data = io.BytesIO()
    with zipfile.ZipFile(NV) as src, zipfile.ZipFile(data, "w") as dst:
        for info in src.infolist():
            if info.filename != "xl/workbook.xml":
                dst.writestr(info, src.read(info))
        dst.writestr("xl/embeddings/bang.xlsx", b"x")
    damaged = tmp_path / "in" / "hong.zip"
    damaged.parent.mkdir()
    damaged.write_bytes(data.getvalue())
    result = merge_returns(hh_master, [damaged, NV], "9T", tmp_path / "out" / "t.xlsx")
    assert result.bundles == []
    assert {Path(f.path).name: f.outcome for f in result.run_files}["hong.zip"] == "rejected"


def test_cli_json_lists_the_bundles(tmp_path):
    bundle = make_zip(tmp_path / "in" / "goi.zip", [("NV.xlsx", NV.read_bytes())])
    done = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(bundle), "--period", "9T",
                                     "--out", str(tmp_path / "out" / "t.xlsx"), "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    (listed,) = data["bundles"]
    assert listed["path"] == str(bundle)
    assert [Path(f).name for f in listed["files"]] == ["NV.xlsx"]
    assert [f["outcome"] for f in data["files"] if f["in_run"]] == ["accepted"]


def test_a_damaged_file_in_a_zip_leaves_the_others_merged(hh_master, tmp_path):
    bundle = tmp_path / "in" / "goi.zip"
    bundle.parent.mkdir()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("NV.xlsx", NV.read_bytes())
        zf.writestr("TP.xlsx", TP.read_bytes())
    data = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as zf:
        info = zf.getinfo("TP.xlsx")
    name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28],
                                         "little"), int.from_bytes(
        data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start + 100:start + 110] = b"\xff" * 10  # its bytes no longer match its CRC
    bundle.write_bytes(bytes(data))
    result = merge_returns(hh_master, [bundle], "9T", tmp_path / "out" / "t.xlsx")
    assert {Path(f.path).name: f.outcome for f in result.run_files} == {"NV.xlsx": "accepted"}
    (damaged,) = [s for s in result.skipped if s.path.name == "TP.xlsx"]
    assert "bị hỏng" in damaged.reason and "gửi lại" in damaged.reason
    assert [f.name for f in result.bundles[0].files] == ["NV.xlsx"]
    assert not (result.bundles[0].folder / "TP.xlsx").exists()


def test_a_file_that_lies_about_its_size_is_never_inflated_past_it(hh_master, tmp_path):
    bundle = tmp_path / "in" / "noi-doi.zip"
    bundle.parent.mkdir()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("NV.xlsx", NV.read_bytes())
        zf.writestr("to.xlsx", bytes(64 << 20))  # 64 MB of zeros, about 64 KB deflated
    data = bytearray(bundle.read_bytes())
    # The central directory says "to.xlsx" unzips to 1,000 bytes (ratio checks pass).
    entry = data.rindex(b"PK\x01\x02")
    assert data[entry + 46:entry + 53] == b"to.xlsx"
    data[entry + 24:entry + 28] = (1000).to_bytes(4, "little")
    bundle.write_bytes(bytes(data))
    result = merge_returns(hh_master, [bundle], "9T", tmp_path / "out" / "t.xlsx")
    assert {Path(f.path).name: f.outcome for f in result.run_files} == {"NV.xlsx": "accepted"}
    (lied,) = [s for s in result.skipped if s.path.name == "to.xlsx"]
    assert "bị hỏng" in lied.reason
    folder = result.bundles[0].folder
    assert sorted(p.name for p in folder.iterdir()) == ["NV.xlsx"]  # nothing left behind


def test_a_zipped_split_is_told_as_issued(hh_master, hh_split_9t, tmp_path):
    """The office's own download of a split (files and manifests zipped), merged by
    mistake beside a real return: the manifests are recognised inside the zip, the
    issued files they list skipped (they were recorded as each unit's rejected file:
    every unit yet to send was told its file was refused), the real return merged."""
    issued = hh_split_9t.files[:2]
    bundle = make_zip(tmp_path / "in" / "giao.zip", [
        *((f"giao-9T/{f.path.name}", f.path.read_bytes()) for f in issued),
        ("giao-9T/manifest.json", hh_split_9t.manifest_json.read_bytes()),
        ("giao-9T/manifest.csv", hh_split_9t.manifest_csv.read_bytes()),
    ])
    result = merge_returns(hh_master, [bundle, NV], "9T", tmp_path / "out" / "t.xlsx")
    reasons = {s.path.name: s.reason for s in result.skipped}
    assert reasons["manifest.json"] == reasons["manifest.csv"] == (
        "danh sách các tệp giao do cchc-xl tạo")
    assert [Path(f.path).name for f in result.run_files] == [NV.name]
    assert result.run_files[0].outcome == "accepted"
    for f in issued:
        assert reasons[f.path.name] == ("tệp giao do cchc-xl tạo, có trong danh sách các tệp "
                                        "giao gửi kèm, chưa điền: không phải tệp đơn vị gửi về")
    assert [s.unit for s in load_snapshot(tmp_path / "out" / LEDGER_NAME, "9T").submissions
            ] == ["NV"]


def test_a_zip_that_lost_its_suffix_is_still_unpacked(hh_master, tmp_path):
    bundle = make_zip(tmp_path / "in" / "Tải về", [("NV.xlsx", NV.read_bytes())])
    renamed = make_zip(tmp_path / "in" / "goi.xlsx", [("TP.xlsx", TP.read_bytes())])
    result = merge_returns(hh_master, [bundle.parent], "9T", tmp_path / "out" / "t.xlsx")
    assert [b.bundle.name for b in result.bundles] == ["Tải về"]
    outcomes = {Path(f.path).name: f for f in result.run_files}
    assert outcomes["NV.xlsx"].outcome == "accepted"
    # A workbook's name is never looked into: judged as the file it claims to be.
    assert outcomes[renamed.name].outcome == "rejected"
    message = outcomes[renamed.name].problems[0].message
    assert "tệp nén chứa 1 tệp Excel (TP.xlsx)" in message and "đổi đuôi" in message


def _listed(out: Path) -> list[str]:
    """The file names on the consolidated workbook's 'Tệp đã nhận' sheet, top down."""
    wb = openpyxl.load_workbook(out, read_only=True)
    try:
        return [Path(next(v for v in row if isinstance(v, str) and "/" in v)).name
                for row in wb["Tệp đã nhận"].iter_rows(min_row=5, values_only=True)]
    finally:
        wb.close()


def test_a_zips_files_are_told_in_the_order_of_the_same_files_in_a_folder(hh_master,
                                                                          tmp_path):
    """A QA pass: a zip's files were read and listed in the order they were added to it
    (TP before a note before NV; an Excel lock file before LibreOffice's), the same files
    in a folder by name: the skipped list and the 'Tệp đã nhận' sheet in two orders."""
    members = [("~$X.xlsx", b"lock"), ("TP.xlsx", TP.read_bytes()), ("ghi-chu.txt", b"x"),
               ("NV.xlsx", NV.read_bytes()), (".~lock.NV.xlsx#", b"lock")]
    make_zip(tmp_path / "zip" / "thư.zip", members)
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, data in members:
        (folder / name).write_bytes(data)
    told = {}
    for way in ("zip", "folder"):
        out = tmp_path / f"out-{way}" / "t.xlsx"
        result = merge_returns(hh_master, [tmp_path / way], "9T", out)
        told[way] = ([s.path.name for s in result.skipped], _listed(out))
    assert told["zip"] == told["folder"] == (
        [".~lock.NV.xlsx#", "~$X.xlsx"], ["ghi-chu.txt", "NV.xlsx", "TP.xlsx"])


def test_a_zip_made_on_a_mac_or_a_windows_folder_reads_only_its_returns(hh_master, tmp_path):
    """A folder zipped on a Mac holds ".DS_Store", and a file's AppleDouble twin "._NV.xlsx"
    beside it (not only under "__MACOSX/"); a Windows folder "Thumbs.db". The first two
    lost their leading dot as the zip was unpacked and were read as workbooks: "DS_Store",
    "_NV.xlsx" refused as broken files of no unit, exit 1 (a QA pass)."""
    from cchc_xl.intake.collect import SYSTEM_FILE

    bundle = tmp_path / "in" / "Archive.zip"
    bundle.parent.mkdir()
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("Bao cao/NV.xlsx", NV.read_bytes())
        zf.writestr("Bao cao/.DS_Store", b"\0\0\0\1Bud1" + bytes(100))
        zf.writestr("Bao cao/._NV.xlsx", b"\0\5\26\7\0\2\0\0Mac OS X        " + bytes(200))
        zf.writestr("Bao cao/Thumbs.db", b"\xd0\xcf\x11\xe0" + bytes(100))
    result = merge_returns(hh_master, [bundle], "9T", tmp_path / "out" / "t.xlsx")
    assert result.exit_code == 0
    assert [(Path(f.path).name, f.outcome) for f in result.run_files] == [("NV.xlsx", "accepted")]
    assert {s.path.name: s.reason for s in result.skipped} == {
        ".DS_Store": SYSTEM_FILE, "._NV.xlsx": SYSTEM_FILE, "Thumbs.db": SYSTEM_FILE}


def test_a_file_and_a_zip_marked_read_only_are_merged(hh_master, tmp_path, monkeypatch):
    """A unit's file, or a zip of returns, the office marked Read-only (or received so):
    its copy in the archive, and each file unpacked, was created with its permissions,
    then opened again by name to be written, which Windows refuses for a read-only
    file: every merge of it stopped, with a traceback (a zip's) or exit 3, "không ghi
    được tệp … (đóng tệp trong Excel hoặc LibreOffice rồi chạy lại)" naming a file of
    the archive (a unit's file)."""
    returns = tmp_path / "nhan-ve"
    returns.mkdir()
    (returns / TP.name).write_bytes(TP.read_bytes())
    make_zip(returns / "Báo cáo.zip", [("NV-phong-noi-vu.xlsx", NV.read_bytes())])
    for given in returns.iterdir():
        given.chmod(0o444)
    refuse_writing_read_only(monkeypatch)
    refuse_removing_read_only(monkeypatch)
    out = tmp_path / "out" / "tong-hop.xlsx"
    result = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(returns), "--period",
                                       "9T", "--out", str(out), "--silent"])
    assert result.exit_code == 0, result.output
    snap = load_snapshot(out.parent / LEDGER_NAME, "9T")
    assert sorted(Path(s.path).name for s in snap.submissions) == [NV.name, TP.name]
    archive = out.parent / "cchc-archive"
    kept = sorted(p.read_bytes() for p in archive.rglob("*.xlsx"))
    assert kept == sorted([NV.read_bytes(), NV.read_bytes(), TP.read_bytes()])  # NV unpacked
    assert [p for p in archive.rglob(".tmp-*")] == []
