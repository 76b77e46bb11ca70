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


def _merged_in(folder: Path, *args: str) -> str:
    """``merge`` run in ``folder`` on its files given in full, as dragged into the
    terminal: what it prints."""
    done = CliRunner().invoke(main, [
        "merge", str(folder / "master.xlsx"), *args, "--period", "9T",
        "--out", str(folder / "th.xlsx"), "--received", "20/09/2023"])
    assert done.exit_code in (0, 1), done.output
    return done.output


def _named_anywhere(folder: Path) -> str:
    """Every cell of the consolidated workbook in ``folder``, as one text."""
    wb = load_workbook(folder / "th.xlsx")
    return " ".join(str(v) for ws in wb for r in ws.iter_rows(values_only=True) for v in r if v)


def _worked(old: Path) -> Path:
    """A folder whose files were merged by their full paths (X02 has an error)."""
    (old / "nhan-ve").mkdir(parents=True)
    shutil.copyfile(HH_MASTER, old / "master.xlsx")
    for name in (NV, TP, X02):
        shutil.copyfile(RETURNS / name, old / "nhan-ve" / name)
    _merged_in(old, str(old / "nhan-ve"))
    return old


X02 = "X02-xa-hoang-cat.xlsx"
ERROR_X02 = "[Lỗi] tỷ lệ ngoài 0–100 — {}, trang 'Thể chế', ô I5"


def test_a_copy_merged_again_names_its_own_files_not_the_original_s(tmp_path, monkeypatch):
    """A QA pass copied the working folder (the original kept, as it is after ``cp -r``
    or a restore on the same computer) and merged again in the copy, with the copy's
    ledger and the copy's files: every problem printed and every sheet of the
    consolidated workbook named the files in the original folder, which still opened.
    They name the copy's, whether the merge is given them again or only a new file."""
    old = _worked(tmp_path / "goc")
    new = tmp_path / "ban-sao"
    shutil.copytree(old, new)
    monkeypatch.chdir(new)
    shutil.copyfile(RETURNS / "X01-thi-tran-but-son.xlsx", new / "nhan-ve" / "X01.xlsx")

    printed = _merged_in(new, str(new / "nhan-ve" / "X01.xlsx"))  # the new file only
    assert ERROR_X02.format(new / "nhan-ve" / X02) in printed, printed
    assert str(old) not in printed
    assert str(old) not in _named_anywhere(new)
    shown = _column(load_workbook(new / "th.xlsx")[FILES_SHEET], "Tệp")
    assert shown["X02"] == str(new / "nhan-ve" / X02) and shown["X01"] == str(
        new / "nhan-ve" / "X01.xlsx")

    # The original, merged again itself, still names its own.
    monkeypatch.chdir(old)
    assert ERROR_X02.format(old / "nhan-ve" / X02) in _merged_in(old, str(old / "nhan-ve"))
    assert str(new) not in _named_anywhere(old)


def test_a_copy_given_its_folder_again_names_the_files_as_given(tmp_path, monkeypatch):
    """The copy's folder given again (``nhan-ve``, from inside the copy): its files as
    given, though the original's paths still lead to the same files."""
    old = _worked(tmp_path / "goc")
    new = tmp_path / "ban-sao"
    shutil.copytree(old, new)
    monkeypatch.chdir(new)
    shown = {f["unit"]: f["path"] for f in _merge("nhan-ve")["files"]}
    assert shown == {u: str(Path("nhan-ve") / n) for u, n in (("NV", NV), ("TP", TP),
                                                              ("X02", X02))}
    assert str(old) not in _named_anywhere(new)


def test_a_backup_restored_beside_its_folder_names_the_restored_files(tmp_path, monkeypatch):
    """``cchc-xl restore B.zip --to NEW`` on the computer that still has the folder,
    then merged in NEW: the restored folder's files are named, not the folder backed up."""
    old = _worked(tmp_path / "goc")
    run = CliRunner()
    assert run.invoke(main, ["backup", str(old), "--out", str(tmp_path / "b.zip"),
                             "--silent"]).exit_code == 0
    new = tmp_path / "khoi-phuc"
    done = run.invoke(main, ["restore", str(tmp_path / "b.zip"), "--to", str(new), "--silent"])
    assert done.exit_code == 0, done.output
    monkeypatch.chdir(new)
    shutil.copyfile(RETURNS / "X01-thi-tran-but-son.xlsx", new / "X01.xlsx")
    printed = _merged_in(new, "X01.xlsx")
    assert ERROR_X02.format(new / "nhan-ve" / X02) in printed, printed
    assert str(old) not in printed and str(old) not in _named_anywhere(new)
