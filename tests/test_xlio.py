"""Workbook I/O helpers: atomic writes, opening with clear errors, dates."""

from __future__ import annotations

import os
import tracemalloc
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_xl.errors import OutputError, WorkbookError
from cchc_xl.intake.convert import needs_conversion
from cchc_xl.xlio import (
    CELL_TEXT_MAX,
    SameFiles,
    atomic_write,
    file_sha256,
    fit_cell,
    open_workbook,
    same_file,
    to_date,
)


def test_atomic_write_replaces_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")

    def boom(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, boom)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_write_gives_ordinary_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = atomic_write(tmp_path / "b.txt", lambda tmp: tmp.write_text("x"))
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_atomic_write_to_an_impossible_place_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "tep"
    blocker.write_text("x")  # a file where a folder is needed
    with pytest.raises(OutputError) as err:
        atomic_write(blocker / "out.xlsx", lambda tmp: tmp.write_text("x"))
    assert err.value.file == str(blocker / "out.xlsx")
    with pytest.raises(OutputError):
        atomic_write(tmp_path, lambda tmp: tmp.write_text("x"))


@pytest.mark.parametrize("content, words", [
    (b"", "rỗng"),
    (b"%PDF-1.4 ...", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
    ("Mã,Trạng thái\nTC-01,Đã hoàn thành\n".encode(), "CSV"),
    (b"PK\x03\x04 not really a zip", "hỏng"),
])
def test_open_workbook_names_what_the_file_really_is(tmp_path: Path, content: bytes,
                                                     words: str) -> None:
    path = tmp_path / "tra-ve.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError) as err:
        open_workbook(path)
    assert words in err.value.message
    assert err.value.file == str(path) and err.value.hint


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_at_once_never_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "tra-ve.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(WorkbookError, match="không phải tệp thông thường"):
        open_workbook(pipe)
    with pytest.raises(OSError):
        file_sha256(pipe)


_BLOCK = 1 << 20  # what is_encrypted_ole reads at once


@pytest.mark.parametrize("at", [0, 4096, _BLOCK - 28, _BLOCK - 27, _BLOCK - 1, _BLOCK,
                                3 * _BLOCK - 5, None])
def test_a_password_protected_xlsx_is_found_wherever_its_marker_lies(tmp_path: Path,
                                                                     at: int | None) -> None:
    """Excel wraps an encrypted xlsx in OLE2 with an EncryptionInfo stream, whose name
    may lie anywhere in a large file (read a block at a time, not whole): such a file is
    not sent to LibreOffice; a plain old .xls is."""
    marker = "EncryptionInfo".encode("utf-16-le")
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4 * _BLOCK))
    if at is not None:
        at = max(at, 8)
        data[at:at + len(marker)] = marker
    path = tmp_path / "bao-cao.xls"
    path.write_bytes(bytes(data))
    assert needs_conversion(path) is (at is None)


def test_looking_for_the_password_marker_holds_a_block_not_the_file(tmp_path: Path) -> None:
    """The parent process looks at every old .xls before converting it: a large one is
    read a block at a time (it read the whole file into memory)."""
    path = tmp_path / "lon.xls"
    with path.open("wb") as fh:
        fh.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        fh.truncate(32 * _BLOCK)
    tracemalloc.start()
    try:
        assert needs_conversion(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * _BLOCK


@pytest.mark.parametrize("value, expected", [
    ("15/10/2023", date(2023, 10, 15)),
    (" 5.7.2024 ", date(2024, 7, 5)),
    ("2023-10-15", date(2023, 10, 15)),
    (45214, date(2023, 10, 15)),
    (datetime(2023, 10, 15, 8, 30), date(2023, 10, 15)),
    ("31/02/2023", None),
    ("hôm qua", None),
    (80, None),
    (None, None),
])
def test_to_date(value, expected) -> None:
    assert to_date(value) == expected


def test_fit_cell_cuts_visibly() -> None:
    assert fit_cell("ngắn") == "ngắn"
    long = "Kế hoạch số 125/KH-UBND ngày 05/01/2023. " * 1000
    cut = fit_cell(long)
    assert len(cut) <= CELL_TEXT_MAX and cut.endswith("32.767 ký tự]")


def test_same_files_answers_as_same_file_for_each_input(tmp_path: Path) -> None:
    """SameFiles (each input looked at once) finds exactly the inputs same_file finds:
    hard and symbolic links, paths through '..', missing files and dangling links."""
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    one, two = folder / "a.xlsx", folder / "b.xlsx"
    one.write_text("a")
    two.write_text("b")
    os.link(one, tmp_path / "hard.xlsx")
    (tmp_path / "soft.xlsx").symlink_to(two)
    (tmp_path / "dangling.xlsx").symlink_to(tmp_path / "gone.xlsx")
    (tmp_path / "linked").symlink_to(folder)
    (tmp_path / "a.xlsx").write_text("another a")
    inputs = [one, two, tmp_path / "hard.xlsx", tmp_path / "soft.xlsx",
              tmp_path / "dangling.xlsx", tmp_path / "missing.xlsx", folder / "x" / ".." / "a.xlsx",
              str(two), tmp_path / "linked" / "a.xlsx", tmp_path / "a.xlsx", folder / ".."]
    files = SameFiles(inputs)
    asked = [*inputs, tmp_path / "gone.xlsx", tmp_path / "other.xlsx",
             folder / "missing.xlsx" / ".." / "b.xlsx", tmp_path / "nhan-ve" / "." / "a.xlsx"]
    asked += [tmp_path / "linked" / "x" / ".." / "b.xlsx", folder / "x" / ".." / ".." / "a.xlsx",
              tmp_path / "x" / ".." / "nhan-ve"]
    for path in asked:
        expected = [p for p in inputs if same_file(path, p)]
        assert files.matching(path) == expected, path
    # A path through a folder that does not exist is compared resolved, as by same_file.
    assert files.matching(one) == [one, tmp_path / "hard.xlsx", folder / "x" / ".." / "a.xlsx",
                                   tmp_path / "linked" / "a.xlsx"]
    assert files.matching(tmp_path / "gone.xlsx") == [tmp_path / "dangling.xlsx"]
