"""A returned file's saved time, read as written whichever reader reads its cells
(cchc_xl.intake.saved_time): an offset honoured, an odd value never a reason to reject the
file, a time after the merge told."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from cchc_xl.intake import FAST, OPENPYXL, read_return
from cchc_xl.intake.saved_time import local_time, parse_saved
from cchc_xl.merge import merge_returns
from make_sample_returns import fill_return
from support.mistakes import doing, ids


def with_saved_time(path: Path, text: str) -> Path:
    """The file with ``text`` as its core properties' saved time, as some program wrote it."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data, n = re.subn(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                  lambda m: m[1] + text.encode() + m[2], data)
                assert n == 1
            zf.writestr(info, data)
    return path


@pytest.mark.parametrize("text, utc", [
    ("2023-09-14T08:00:00Z", datetime(2023, 9, 14, 8)),
    ("2023-09-14T16:30:00+07:00", datetime(2023, 9, 14, 9, 30)),
    ("2023-09-14T08:00:00.250Z", datetime(2023, 9, 14, 8)),
    ("2023-09-14", datetime(2023, 9, 14)),
    ("2023-09-14 16:10:00", datetime(2023, 9, 14, 16, 10)),
    ("hôm qua", None), ("", None),
])
def test_parse_saved(text, utc) -> None:
    assert parse_saved(text) == utc


def test_an_offset_is_honoured_so_the_file_saved_last_counts(hh_master, hh_split, tmp_path):  # noqa: F811
    """17:00 Hanoi time written as UTC, against 16:30 written with its offset (09:30
    UTC): the first was saved later and counts (openpyxl drops the offset)."""
    did = ids(hh_master, "X01")[0]
    later = with_saved_time(fill_return(hh_split["X01"], tmp_path / "in" / "a.xlsx",
                                        {did: doing(80)}), "2023-09-14T10:00:00Z")
    earlier = with_saved_time(fill_return(hh_split["X01"], tmp_path / "in" / "b.xlsx",
                                          {did: doing(20)}), "2023-09-14T16:30:00+07:00")
    for reader in (FAST, OPENPYXL):
        assert read_return(earlier, reader=reader).saved_at == local_time(
            datetime(2023, 9, 14, 9, 30))
    result = merge_returns(hh_master, [later, earlier], "9T", tmp_path / "out" / "t.xlsx")
    outcomes = {Path(f.path).name: f.outcome for f in result.files}
    assert outcomes == {"a.xlsx": "accepted", "b.xlsx": "superseded"}


@pytest.mark.parametrize("text", ["2023-09-14", "2023-09-14 16:10:00", "hôm qua"])
def test_an_odd_saved_time_never_rejects_the_file(hh_master, hh_split, tmp_path, text):  # noqa: F811
    did = ids(hh_master, "X01")[0]
    sent = with_saved_time(fill_return(hh_split["X01"], tmp_path / "in" / "a.xlsx",
                                       {did: doing(60)}), text)
    for reader in (FAST, OPENPYXL):
        rf = read_return(sent, reader=reader)
        assert rf.error is None and rf.rows, reader
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    (f,) = result.files
    assert f.outcome == "accepted"
    notes = [p for p in f.problems if p.code == "saved-time-missing"]
    if parse_saved(text) is None:
        (note,) = notes
        assert f"('{text}') không đọc được" in note.message
    else:
        assert not notes


def test_a_saved_time_after_the_merge_is_told(hh_master, hh_split, tmp_path):  # noqa: F811
    did = ids(hh_master, "X01")[0]
    sent = with_saved_time(fill_return(hh_split["X01"], tmp_path / "in" / "a.xlsx",
                                       {did: doing(60)}), "2099-01-01T00:00:00Z")
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    (told,) = [p for p in result.files[0].problems if p.code == "saved-time-future"]
    assert told.severity == "warning" and "sau thời điểm gộp" in told.message
    assert "chỉnh ngày giờ máy tính" in told.message


def _saved_late(hh_master, hh_split, tmp_path, saved: str) -> Path:
    did = ids(hh_master, "X01")[0]
    return with_saved_time(fill_return(hh_split["X01"], tmp_path / "in" / "a.xlsx",
                                       {did: doing(60)}), saved)


def test_a_saved_time_is_weighed_against_the_merges_moment(hh_master, hh_split, tmp_path):  # noqa: F811
    """The merge's own moment (``now``: a merge of files received on a given day, a
    test's) is the one a saved time is after, not the clock of the worker that reads
    the file: a file saved on 24/09/2023 merged on 20/09/2023 was not told (the
    workers read the machine's clock, years later), and on a machine whose clock was
    behind a merge's given day, files saved before that day were told as saved in the
    future."""
    sent = _saved_late(hh_master, hh_split, tmp_path, "2023-09-24T01:00:00Z")
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx",
                           now=datetime(2023, 9, 20, 9))
    (told,) = [p for p in result.files[0].problems if p.code == "saved-time-future"]
    assert "lưu lúc 24/09/2023" in told.message and "sau thời điểm gộp" in told.message


def test_the_clock_set_in_its_one_place_sets_the_merges_moment(hh_master, hh_split, tmp_path,  # noqa: F811
                                                               monkeypatch):
    """cchc_xl.clock set (a test, a QA run on another day): the merge's moment, and so
    the saved times weighed against it, follow it in the workers too."""
    from cchc_xl import clock

    monkeypatch.setattr(clock, "now", lambda: datetime(2023, 9, 20, 9))
    sent = _saved_late(hh_master, hh_split, tmp_path, "2023-09-24T01:00:00Z")
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    assert [p.code for p in result.files[0].problems].count("saved-time-future") == 1
    assert result.files[0].outcome == "accepted"
