"""A plan of the same bytes is read once a process (cchc_xl.master.memo), and what comes
back names the file it was asked for, whatever file was read first."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from openpyxl import load_workbook

from cchc_xl.errors import WorkbookError
from cchc_xl.master import check_master, load_master, memo, read_master
from cchc_xl.master import read as master_read
from cchc_xl.master.layout import PLAN_SHEET
from support.clock import set_clock
from support.paths import HH_MASTER


@pytest.fixture
def reads(monkeypatch):
    """The plans read from their bytes (not given back from memory), in order."""
    memo.forget()
    read = master_read._read_master
    done = []

    def counted(path):
        done.append(path)
        return read(path)

    monkeypatch.setattr(master_read, "_read_master", counted)
    yield done
    memo.forget()


def test_the_same_plan_under_another_name_is_read_once_and_named_as_asked(tmp_path, reads):
    first, second = tmp_path / "tai-len" / "ke-hoach.xlsx", tmp_path / "du-lieu.xlsx"
    first.parent.mkdir()
    shutil.copyfile(HH_MASTER, first)
    shutil.copyfile(HH_MASTER, second)
    master, found = read_master(first)
    again, found_again = read_master(second)
    assert reads == [first]
    assert again.path == str(second) and master.path == str(first)
    assert again.sha256 == master.sha256
    assert [f.message for f in found_again] == [f.message for f in found]
    assert found and {f.file for f in found} == {str(first)}
    assert {f.file for f in found_again} == {str(second)}
    # The checking command's list names the file it was given.
    assert {f.file for f in check_master(second)} == {str(second)}


def test_each_reader_gets_its_own_copy(tmp_path, reads):
    path = tmp_path / "ke-hoach.xlsx"
    shutil.copyfile(HH_MASTER, path)
    master = load_master(path)
    title, units = master.plan.title, len(master.units)
    master.plan.title = "Đã sửa trong bộ nhớ"
    master.units.pop()
    again = load_master(path)
    assert (again.plan.title, len(again.units)) == (title, units)
    assert len(reads) == 1


def test_a_plan_saved_again_with_changes_is_read_again(tmp_path, reads):
    path = tmp_path / "ke-hoach.xlsx"
    shutil.copyfile(HH_MASTER, path)
    before = load_master(path)
    wb = load_workbook(path)
    ws = wb[PLAN_SHEET]
    cell = next(row[1] for row in ws.iter_rows() if row[1].value == before.plan.title)
    cell.value = "Kế hoạch cải cách hành chính năm 2023 (sửa lần 2)"
    wb.save(path)
    after = load_master(path)
    assert after.plan.title == "Kế hoạch cải cách hành chính năm 2023 (sửa lần 2)"
    assert after.sha256 != before.sha256
    assert len(reads) == 2


def test_a_plan_is_read_again_on_another_day(tmp_path, reads, monkeypatch):
    # A plan without its year takes the current one: what was read yesterday may differ.
    path = tmp_path / "ke-hoach.xlsx"
    shutil.copyfile(HH_MASTER, path)
    set_clock(monkeypatch, date(2027, 3, 15))
    read_master(path)
    read_master(path)
    assert len(reads) == 1
    set_clock(monkeypatch, date(2027, 3, 16))
    read_master(path)
    assert len(reads) == 2


def test_a_file_that_is_no_plan_is_refused_each_time_under_its_own_name(tmp_path, reads):
    first, second = tmp_path / "mot.xlsx", tmp_path / "hai.xlsx"
    first.write_bytes(b"not a workbook at all")
    second.write_bytes(b"not a workbook at all")
    for path in (first, second):
        with pytest.raises(WorkbookError) as caught:
            read_master(path)
        assert caught.value.file == str(path)
    assert reads == [first, second]
