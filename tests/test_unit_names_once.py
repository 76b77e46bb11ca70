"""Every unit's name by its code (`Master.names`) is a dict built anew at each ask: asked
once per file or per overdue row, it made the files sheet of the consolidated workbook
and the overdue letter grow with the square of the units (at 2,000 units and 2,000 files
the files sheet took 1.2 s of a late merge's 7 under cProfile, issue #11). Asked once."""

from __future__ import annotations

from cchc_xl.consolidated.files import file_rows
from cchc_xl.letters.overdue import overdue_units
from cchc_xl.model import Master
from cchc_xl.report import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.text import for_people
from support.report import build_ledger, tiny_master


def _counted(monkeypatch) -> list[int]:
    asked: list[int] = []
    real = Master.names.fget
    monkeypatch.setattr(Master, "names", property(lambda m: asked.append(1) or real(m)))
    return asked


def test_the_files_sheet_and_the_overdue_letter_build_the_names_once(tmp_path,
                                                                    monkeypatch) -> None:
    master = tiny_master()
    snapshot = load_snapshot(build_ledger(tmp_path / "cchc-ledger.sqlite", master), "9T")
    asked = _counted(monkeypatch)
    rows = file_rows(snapshot, set(), for_people)
    # The names shown are the registry's, a row per file (X2's refused one too).
    assert sorted((r[0], r[1]) for r in rows) == [
        ("NV", "Phòng Nội vụ"), ("TP", "Phòng Tư pháp"), ("X1", "Xã Một"), ("X2", "Xã Hai")]
    assert len(asked) == 1
    summary = summarize(snapshot)
    asked.clear()
    chosen = overdue_units(summary)
    overdue_rows = sum(len(o.tasks) for o in chosen)
    assert overdue_rows >= 2 and [o.unit.name for o in chosen] == [
        master.unit(o.unit.code).name for o in chosen]
    assert len(asked) <= 1
