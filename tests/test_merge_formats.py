"""What units send instead of their workbook (not a workbook, unreadable, empty, Strict Open
XML): each told what to do."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from cchc_xl.errors import WorkbookError
from cchc_xl.merge import merge_returns
from cchc_xl.snapshot import load_snapshot
from cchc_xl.sniff import sniff_format
from cchc_xl.xlio import open_workbook
from support.merge import SAMPLES, _rows_of, _values_of
from support.mistakes import save_as_strict
from support.tools import needs_libreoffice
from support.workbooks import load_workbook  # merged ranges' borders not drawn

REFILL = "điền kết quả vào tệp Excel được giao"


@pytest.mark.parametrize("name, head, said, todo", [
    ("anh-chup.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "đây là ảnh", REFILL),
    ("IMG_0412.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00", "đây là ảnh", REFILL),
    ("ban-quet.png", b"\x89PNG\r\n\x1a\n", "đây là ảnh", REFILL),
    ("ban-quet.pdf", b"%PDF-1.7\n", "tệp PDF", REFILL),
    ("bao-cao.rar", b"Rar!\x1a\x07\x01\x00", "tệp nén RAR", "giải nén"),
    ("bao-cao.7z", b"7z\xbc\xaf\x27\x1c\x00\x04", "tệp nén 7-Zip", "giải nén"),
    ("BMW.csv", b"BMW,X5\r\n1,2\r\n", "tệp văn bản", "lưu lại dưới dạng Excel"),
    ("nhi-phan.xlsb", None, "dạng nhị phân (.xlsb)", "lưu lại dưới dạng Excel"),
    # Bytes that are nothing, named .xlsx: damaged, not "a text file (CSV)".
    ("VHXH-hong.xlsx", b"\x8f\x03\xd1\x1c\x00\x7f\x02", "tệp bị hỏng", "lưu lại dưới dạng Excel"),
])
def test_files_that_are_not_workbooks_say_what_to_do(hh_master, tmp_path, name, head, said,
                                                       todo):
    sent = tmp_path / "nhan-ve" / name
    sent.parent.mkdir()
    if head is None:  # Excel's binary workbook: a package with xl/workbook.bin
        with zipfile.ZipFile(sent, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    else:  # a text as it is; any other head padded as the rest of its file
        sent.write_bytes(head + (b"" if name.endswith(".csv") else bytes(200)))
    result = merge_returns(hh_master, [sent.parent, SAMPLES / "NV-phong-noi-vu.xlsx"], "9T",
                           tmp_path / "out" / "t.xlsx")
    by_name = {Path(f.path).name: f for f in result.run_files}
    assert by_name["NV-phong-noi-vu.xlsx"].outcome == "accepted"
    (problem,) = by_name[name].problems
    assert by_name[name].outcome == "rejected" and problem.code == "file-unreadable"
    assert said in problem.message and todo in problem.message, problem.message


def _writer_text(path: Path) -> Path:
    """A text document as LibreOffice Writer saves it (.odt): an OpenDocument package
    whose mimetype, stored first, says "text"."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:'
                                   'tc:opendocument:xmlns:office:1.0"/>')
    return path


def test_a_writer_text_sent_instead_of_the_workbook_is_named_and_refused(tmp_path):
    """A unit's report typed in LibreOffice Writer (.odt) in place of its workbook was
    taken for a spreadsheet (every OpenDocument file was "ods"), given to LibreOffice to
    convert, and refused as "tệp LibreOffice (.ods) không chuyển được sang .xlsx thông
    thường (mở tệp và lưu lại dưới dạng Excel…)", advice no text document can follow.
    It is named a Writer text, and the unit told to fill the workbook it was given, as
    for a Word file; the merge exits 1 as for any file refused, the others' rows merged."""
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from support.paths import HH_MASTER

    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    _writer_text(sent / "NV-bao-cao.odt")
    shutil.copy(SAMPLES / "TP-phong-tu-phap.xlsx", sent)
    done = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                     "--out", str(tmp_path / "out" / "t.xlsx")])
    assert done.exit_code == 1, done.output
    assert "Lần này đọc 2 tệp: 1 được nhận, 1 bị từ chối" in done.output, done.output
    assert (f"{sent / 'NV-bao-cao.odt'}: đây là văn bản LibreOffice Writer (.odt), không "
            f"phải bảng tính Excel: {REFILL} rồi gửi lại chính tệp đó") in done.output, done.output
    assert ".ods" not in done.output


def test_a_file_cut_short_is_asked_again_from_its_unit_s_copy(hh_master, tmp_path):
    """A unit's workbook cut in half (a download or a Zalo message that stopped): it was
    "tệp bị hỏng, không giải nén được (mở tệp trong Excel hoặc LibreOffice và lưu lại...)",
    an unzip nobody asked for, and a step Excel cannot do on half a file (a QA pass).
    Now: damaged, cannot be opened; send the original again."""
    sent = tmp_path / "nhan-ve" / "NV-Phòng-Nội-vụ.xlsx"
    sent.parent.mkdir()
    whole = (SAMPLES / "NV-phong-noi-vu.xlsx").read_bytes()
    sent.write_bytes(whole[:len(whole) // 2])
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    (problem,) = result.run_files[0].problems
    assert problem.message.startswith(
        "tệp bị hỏng, không mở được (tệp có thể bị hỏng khi chép, tải về hoặc gửi qua Zalo, "
        "thư điện tử): gửi hoặc chép lại tệp gốc; tệp gốc mở được trong Excel mà vẫn bị báo "
        "hỏng thì mở tệp trong Excel"), problem.message
    assert "giải nén" not in problem.message


def test_an_unreadable_file_named_as_split_names_it_is_told_to_its_unit(hh_master, tmp_path):
    """An empty file named "X02-Xã-Hoằng-Cát.xlsx" was listed for no unit, and X02 was
    chased as having sent nothing while it believed it had reported (a probe). It is
    refused all the same and counts for nobody, but the problem is X02's; a unit's
    counted file is not touched by a broken one under its name."""
    from cchc_xl.letters.remind import reminders
    from cchc_xl.report.summary import summarize
    from cchc_xl.vocab import RETURN_LATE, RETURN_ON_TIME, RETURN_REJECTED

    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    (sent / "X02-Xã-Hoằng-Cát.xlsx").write_bytes(b"")
    (sent / "NV-Phòng-Nội-vụ.xlsx").write_bytes(bytes(200))  # NV's counted file stays
    first = merge_returns(hh_master, [SAMPLES / "NV-phong-noi-vu.xlsx"], "9T",
                          tmp_path / "out" / "t.xlsx")
    nv_rows = _rows_of(first, "NV")
    result = merge_returns(hh_master, [sent, SAMPLES / "NV-phong-noi-vu.xlsx"], "9T",
                           tmp_path / "out" / "t.xlsx")
    by_name = {Path(f.path).name: f for f in result.run_files}
    for name, unit, label in (("X02-Xã-Hoằng-Cát.xlsx", "X02", "Xã Hoằng Cát"),
                              ("NV-Phòng-Nội-vụ.xlsx", "NV", "Phòng Nội vụ")):
        (problem,) = by_name[name].problems
        assert (by_name[name].outcome, problem.code, problem.unit) == ("rejected",
                                                                       "file-unreadable", unit)
        assert problem.message.endswith(f"; theo tên tệp, đây là tệp của {label} ({unit})")
    assert _rows_of(result, "NV") == nv_rows and not _rows_of(result, "X02")
    snapshot = load_snapshot(result.db, "9T", hh_master.plan.key)
    figures = summarize(snapshot)
    status = {u.code: u.return_status for u in figures.units}
    assert status["X02"] == RETURN_REJECTED and status["NV"] in (RETURN_ON_TIME, RETURN_LATE)
    told = {r.unit.code: r for r in reminders(figures, snapshot)}
    assert told["X02"].status == RETURN_REJECTED and told["NV"].status != RETURN_REJECTED
    assert any("tệp rỗng" in reason for reason in told["X02"].reasons), told["X02"].reasons
    # The consolidated workbook's "Chưa gửi" says X02 did send, and why it was refused.
    rows = {r[0]: r for r in load_workbook(tmp_path / "out" / "t.xlsx")["Chưa gửi"].iter_rows(
        min_row=5, values_only=True) if r[0]}
    assert rows["X02"][-1].startswith("X02-Xã-Hoằng-Cát.xlsx: tệp rỗng (0 byte)")
    assert rows["X03"][-1] is None  # sent nothing
    # What to do: send it again; not "save it again as .xlsx", which a file of no bytes
    # cannot be (a QA pass).
    (empty,) = [p for f in result.run_files for p in f.problems if "tệp rỗng" in p.message]
    assert "gửi hoặc chép lại tệp gốc" in empty.message and "lưu lại" not in empty.message


def _strict_return(tmp_path: Path) -> tuple[Path, Path]:
    """NV's sample return saved as Strict Open XML, alone in a folder; and the original."""
    original = SAMPLES / "NV-phong-noi-vu.xlsx"
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    return save_as_strict(original, folder / "NV-strict.xlsx"), original


def test_a_strict_workbook_is_never_taken_for_an_empty_one(hh_master, tmp_path,
                                                           monkeypatch) -> None:
    """Read as an ordinary xlsx, a Strict Open XML file has no cells: a filled return
    was rejected as "not filled in" (return-unchanged), for good. It is told for what
    it is, and without LibreOffice to convert it, left to be read again."""
    strict, _ = _strict_return(tmp_path)
    assert sniff_format(strict) == "strict"
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = merge_returns(hh_master, [strict.parent], "9T", tmp_path / "out" / "t.xlsx")
    (file,) = result.run_files
    assert file.outcome == "not-read"
    assert [p.code for p in file.problems] == ["file-not-read"]
    assert "không có LibreOffice" in file.problems[0].message
    with pytest.raises(WorkbookError, match="Strict Open XML") as caught:
        open_workbook(strict)
    assert "Sổ làm việc Excel (*.xlsx)" in caught.value.hint


@needs_libreoffice
def test_a_strict_workbook_is_converted_and_read(hh_master, tmp_path) -> None:
    strict, original = _strict_return(tmp_path)
    result = merge_returns(hh_master, [strict.parent], "9T", tmp_path / "out" / "t.xlsx")
    (file,) = result.run_files
    assert (file.outcome, file.unit) == ("accepted", "NV")
    (note,) = [p for p in file.problems if p.code == "converted"]
    assert note.message.startswith("tệp Excel dạng 'Strict Open XML' đã được chuyển")
    assert note.message.endswith("chọn nút \"Use Excel 2007–365 Format\", không chọn \"Use ODF "
                                 "Format\")")
    reference = merge_returns(hh_master, [original], "9T", tmp_path / "ref" / "t.xlsx")
    assert _values_of(result) == _values_of(reference)
    assert len(_values_of(result)) > 10


@needs_libreoffice
def test_a_workbook_is_converted_where_the_user_s_name_has_spaces_and_vietnamese_letters(
        hh_master, tmp_path, monkeypatch) -> None:
    """LibreOffice converts with a profile of its own in the machine's temporary folder,
    given as a URL: on Windows that folder is the user's (C:\\Users\\Nguyễn Văn A\\AppData\\
    Local\\Temp), and the URL was the folder's name as it is ("file://C:\\Users\\Nguyễn
    Văn A\\…"): LibreOffice crashed, the merge waited for it minutes, and the file was
    left not read, "to be read again", each time."""
    import tempfile

    strict, _ = _strict_return(tmp_path)
    user_temp = tmp_path / "Nguyễn Văn A" / "Temp"
    user_temp.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(user_temp))
    result = merge_returns(hh_master, [strict.parent], "9T", tmp_path / "out" / "t.xlsx")
    (file,) = result.run_files
    assert (file.outcome, file.unit) == ("accepted", "NV")
    assert "converted" in [p.code for p in file.problems]


class _WindowsOs:
    """The os module as intake.convert sees it on Windows."""

    name = "nt"

    def __getattr__(self, attr: str):
        return getattr(os, attr)


@needs_libreoffice
def test_on_windows_libreoffice_is_found_where_it_installs(hh_master, tmp_path,
                                                           monkeypatch) -> None:
    """LibreOffice's installer for Windows does not put it on the PATH: installed as it
    installs, it was never found, and each .ods, .xls or Strict Open XML file was left
    not read, "máy này không có LibreOffice để chuyển đổi"."""
    import cchc_xl.intake.convert as convert_module
    from support.tools import SOFFICE

    strict, _ = _strict_return(tmp_path)
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_text(f'#!/bin/sh\nexec "{SOFFICE}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: None)  # not on the PATH
    monkeypatch.setattr(convert_module, "os", _WindowsOs(), raising=False)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    result = merge_returns(hh_master, [strict.parent], "9T", tmp_path / "out" / "t.xlsx")
    (file,) = result.run_files
    assert (file.outcome, file.unit) == ("accepted", "NV")
    assert "converted" in [p.code for p in file.problems]
