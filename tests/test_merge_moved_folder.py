"""A working folder moved or restored elsewhere, merged again: the consolidated
workbook's "Tệp đã nhận" and `merge --json` say where each file is now, not where it
was when first merged (a path that no longer leads anywhere), and the JSON names the
copy the archive keeps of every file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.consolidated.write import FILES_SHEET, PROBLEMS_SHEET
from support.paths import HH_MASTER
from support.workbooks import load_workbook

RETURNS = HH_MASTER.parent / "returns-9T"
NV, TP = "NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx"


def _merge(*args: str) -> dict:
    done = CliRunner().invoke(main, ["merge", "master.xlsx", *args, "--period", "9T",
                                     "--out", "th.xlsx", "--received", "20/09/2023",
                                     "--json", "--silent"])
    assert done.exit_code in (0, 1), done.output
    return json.loads(done.stdout)


def _column(sheet, header: str) -> dict[str, object]:
    """A column of a table sheet by unit code."""
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if header in r and "Mã đơn vị" in r)
    col, unit = rows[at].index(header), rows[at].index("Mã đơn vị")
    return {r[unit]: r[col] for r in rows[at + 1:] if r[unit]}


def test_a_folder_restored_elsewhere_says_where_its_files_are_now(tmp_path, monkeypatch):
    old = tmp_path / "cu" / "cchc-2026"
    (old / "nhan-ve").mkdir(parents=True)
    shutil.copyfile(HH_MASTER, old / "master.xlsx")
    for name in (NV, TP):
        shutil.copyfile(RETURNS / name, old / "nhan-ve" / name)
    monkeypatch.chdir(old)
    # Dragged into the terminal: the folder's full path.
    _merge(str(old / "nhan-ve" / NV))
    _merge("nhan-ve")
    new = tmp_path / "moi" / "cchc-2026"  # restored on another computer
    new.parent.mkdir()
    shutil.copytree(old, new)
    shutil.rmtree(tmp_path / "cu")
    monkeypatch.chdir(new)
    result = _merge("nhan-ve")

    files = {f["unit"]: f for f in result["files"]}
    assert files["NV"]["path"] == str(Path("nhan-ve") / NV)
    for f in files.values():  # the kept copy, where it is now
        assert Path(f["kept"]).is_file(), f
        assert Path(f["kept"]).is_relative_to(new), f
    wb = load_workbook(new / "th.xlsx")
    shown = _column(wb[FILES_SHEET], "Tệp")
    assert shown == {"NV": str(Path("nhan-ve") / NV), "TP": str(Path("nhan-ve") / TP)}
    assert str(tmp_path / "cu") not in " ".join(
        str(v) for r in wb[PROBLEMS_SHEET].iter_rows(values_only=True) for v in r if v)

    # Merged again later with one file only: the others as recorded, where they are.
    shutil.copyfile(RETURNS / "X01-thi-tran-but-son.xlsx", new / "X01.xlsx")
    later = {f["unit"]: f for f in _merge("X01.xlsx")["files"]}
    assert later["NV"]["path"] == str(Path("nhan-ve") / NV)
    assert Path(later["NV"]["kept"]).is_file()
