"""The master workbook: both seed plans, the template, check, show, init."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.cli import main
from cchc_xl.master import check_master, load_master, read_master, write_master
from conftest import HH_MASTER, NH_MASTER, ROOT
from golden import workbook_differences

sys.path.insert(0, str(ROOT / "scripts"))
import build_seed_master  # noqa: E402


def _codes(found) -> list[str]:
    return [f.code for f in found]


def test_hoang_hoa_master(hh_master) -> None:
    assert len(hh_master.tasks()) == 34
    assert [len(a.tasks) for a in hh_master.areas] == [3, 8, 4, 4, 4, 7, 4]
    assert len(hh_master.deliverables()) == 34
    assert len([u for u in hh_master.units if u.kind == "commune"]) == 37
    assert [p.code for p in hh_master.periods] == ["Q1", "6T", "Q3", "9T", "NAM"]
    nine = hh_master.period("9T")
    assert (nine.start.isoformat(), nine.cutoff.isoformat(), nine.due.isoformat()) == (
        "2022-12-15", "2023-09-14", "2023-09-20")


def test_nghia_hung_master(nh_master) -> None:
    assert len(nh_master.tasks()) == 40
    assert [len(a.tasks) for a in nh_master.areas] == [4, 4, 9, 2, 4, 2, 7, 4, 4]
    assert len(nh_master.deliverables()) == 50
    task9 = next(t for t in nh_master.tasks() if t.number == "9")
    assert [d.id for d in task9.deliverables] == [
        "TTHC-09", "TTHC-09.2", "TTHC-09.3", "TTHC-09.4", "TTHC-09.5"]
    assert len({d.deadline.raw for d in task9.deliverables}) > 1
    assert any(d.funding for d in nh_master.deliverables())


def test_lead_is_not_repeated_as_support(hh_master) -> None:
    for d in hh_master.deliverables():
        assert not set(d.lead) & set(d.support), d.id
    cd4 = next(t for t in hh_master.tasks() if t.id == "CD-04")
    assert "NV" in cd4.lead and "NV" not in cd4.support


@pytest.mark.parametrize("path", [HH_MASTER, NH_MASTER])
def test_seed_masters_pass_check(path: Path) -> None:
    found = check_master(path)
    assert [f for f in found if f.severity == "error"] == []
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output


@pytest.mark.parametrize("folder", ["hoang-hoa-2023", "nghia-hung-2023"])
def test_committed_master_matches_its_transcription(folder: str, tmp_path: Path) -> None:
    built = write_master(build_seed_master.load(ROOT / "workbooks" / folder),
                         tmp_path / "master.xlsx")
    assert workbook_differences(built, ROOT / "workbooks" / folder / "master.xlsx") == []


def test_write_then_read_round_trip(hh_master, tmp_path: Path) -> None:
    again = load_master(write_master(hh_master, tmp_path / "copy.xlsx"))
    assert [(d.id, d.product, d.deadline.raw, d.lead, d.support) for d in again.deliverables()] == [
        (d.id, d.product, d.deadline.raw, d.lead, d.support) for d in hh_master.deliverables()]


# --- a master with mistakes --------------------------------------------------------

def _edited(tmp_path: Path, edit) -> Path:
    path = tmp_path / "master.xlsx"
    shutil.copyfile(HH_MASTER, path)
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def test_unknown_unit_is_an_error_with_suggestions(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("E6", "Phòng Tư phap"))
    found = check_master(path)
    errors = [f for f in found if f.code == "unit-unresolved"]
    assert len(errors) == 1
    assert (errors[0].sheet, errors[0].cell, errors[0].task) == ("Thể chế", "E6", "TC-01")
    assert "Phòng Tư pháp" in errors[0].message
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "unit-unresolved" in result.output and "ô E6" in result.output


def test_unparseable_deadline_is_an_error(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("G7", "Khi nào xong"))
    found = [f for f in check_master(path) if f.code == "deadline-unparsed"]
    assert [(f.cell, f.task) for f in found] == [("G7", "TC-02")]
    assert "Khi nào xong" in found[0].message


def test_duplicate_id_and_missing_column(tmp_path: Path) -> None:
    def edit(wb):
        wb["Thể chế"]["A7"] = "TC-01"
        wb["Tài chính công"]["G5"] = "Hạn"

    found = check_master(_edited(tmp_path, edit))
    assert "id-duplicate" in _codes(found)
    missing = [f for f in found if f.code == "missing-column"]
    assert missing and missing[0].sheet == "Tài chính công"
    assert "Thời gian hoàn thành" in missing[0].message


def test_nfd_text_in_a_cell_resolves(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__(
        "E6", unicodedata.normalize("NFD", "Phòng Tư pháp")))
    master, found = read_master(path)
    assert not [f for f in found if f.severity == "error"]
    assert master.areas[0].tasks[0].deliverables[0].lead == ["TP"]


def test_legacy_encoded_text_is_rejected(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda wb: wb["Thể chế"].__setitem__("E6", "Phßng T­ ph¸p"))
    assert "legacy-encoding" in _codes(check_master(path))


def test_missing_sheet_and_unreadable_file(tmp_path: Path) -> None:
    def edit(wb):
        del wb["Kế hoạch"]

    result = CliRunner().invoke(main, ["check", str(_edited(tmp_path, edit))])
    assert result.exit_code == 1 and "Kế hoạch" in result.output
    fake = tmp_path / "fake.xlsx"
    fake.write_text("STT,Nội dung\n1,abc\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(fake)])
    assert result.exit_code == 1
    assert "fake.xlsx" in result.output and "không phải bảng tính Excel" in result.output
    result = CliRunner().invoke(main, ["show", str(fake)])
    assert result.exit_code == 1 and result.output.startswith("Lỗi: tệp")


def test_check_and_show_do_not_change_the_master() -> None:
    before = hashlib.sha256(HH_MASTER.read_bytes()).hexdigest()
    CliRunner().invoke(main, ["check", str(HH_MASTER)])
    CliRunner().invoke(main, ["show", str(HH_MASTER), "--json"])
    assert hashlib.sha256(HH_MASTER.read_bytes()).hexdigest() == before


def test_show_json() -> None:
    result = CliRunner().invoke(main, ["show", str(NH_MASTER), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [a["code"] for a in data["areas"]][:3] == ["CD", "TC", "TTHC"]
    tasks = [t for a in data["areas"] for t in a["tasks"]]
    assert len(tasks) == 40
    t9 = next(t for t in tasks if t["number"] == "9")
    assert t9["lead"] and all(isinstance(n, str) for n in t9["lead"])
    first = t9["deliverables"][0]
    assert set(first) >= {"id", "product", "deadline", "due", "recurrence", "funding"}
    every = [d for t in tasks for d in t["deliverables"]]
    assert all(d["due"] or d["recurrence"] for d in every)
    radio = [t["id"] for t in tasks if "Đài Truyền thanh huyện" in t["lead"]]
    assert radio


def test_show_text() -> None:
    result = CliRunner().invoke(main, ["show", str(HH_MASTER)])
    assert result.exit_code == 0
    assert "34 nhiệm vụ" in result.output and "Cải cách thể chế" in result.output


def test_init_creates_a_master_that_checks(tmp_path: Path) -> None:
    path = tmp_path / "new.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--year", "2025"])
    assert result.exit_code == 0, result.output
    master = load_master(path)
    assert master.plan.year == 2025
    assert master.period("Q1").start.isoformat() == "2024-12-15"
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0
    again = CliRunner().invoke(main, ["init", str(path)])
    assert again.exit_code == 2 and "--force" in again.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help, f"command {name} has no help"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
