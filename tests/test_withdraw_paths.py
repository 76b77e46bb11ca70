"""``cchc-xl withdraw --file`` finds a merged file by the path the office types, however
spelt: a merge records the path it was given ("nhan-ve/TP.xlsx", relative to the folder
it ran in), and the file named by its full path, "./nhan-ve/TP.xlsx", through a linked
folder or from the folder above was "no file matches" once the file had been moved away
or saved again (no longer the content merged). And the paths it prints are paths from
where it runs, not from where the merge ran."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import WITHDRAWN
from support.paths import HH_MASTER

RETURNS = HH_MASTER.parent / "returns-9T"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _merged(office: Path, monkeypatch, files: dict[str, str]) -> Path:
    """The returns ``files`` (where in the office's folder: which sample) merged from the
    office's folder, as recorded relative paths; the ledger."""
    for where, sample in files.items():
        (office / where).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RETURNS / sample, office / where)
    monkeypatch.chdir(office)
    merged = run("merge", HH_MASTER, *sorted({Path(w).parent for w in files}), "--period", "9T",
                 "--out", "tong-hop.xlsx", "--silent", "--received", "19/09/2023")
    assert merged.exit_code in (0, 1), merged.output
    return office / "cchc-ledger.sqlite"


def _outcome(db: Path, name: str) -> str:
    (sub,) = [s for s in load_snapshot(db, "9T").submissions if Path(s.path).name == name]
    return sub.outcome


@pytest.mark.parametrize("after", ["moved", "saved again"])
@pytest.mark.parametrize("spelt, run_in", [
    ("{office}/nhan-ve/TP.xlsx", "office"),   # in full
    ("./nhan-ve/TP.xlsx", "office"),
    ("lien-ket/TP.xlsx", "office"),           # a link to the folder
    ("van-phong/nhan-ve/TP.xlsx", "above"),   # from the folder above
])
def test_a_merged_file_is_found_by_its_path_spelt_otherwise(tmp_path, monkeypatch, after,
                                                            spelt, run_in) -> None:
    office = tmp_path / "van-phong"
    db = _merged(office, monkeypatch, {"nhan-ve/TP.xlsx": "TP-phong-tu-phap.xlsx"})
    os.symlink(office / "nhan-ve", office / "lien-ket")
    if after == "moved":
        (office / "nhan-ve" / "TP.xlsx").rename(tmp_path / "TP.xlsx")
    else:  # the merged content is no longer there to be recognised by
        (office / "nhan-ve" / "TP.xlsx").write_bytes(
            (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())
    monkeypatch.chdir(office if run_in == "office" else tmp_path)
    gone = run("withdraw", db, "--file", spelt.format(office=office))
    assert gone.exit_code == 0, gone.output
    assert "Đã rút tệp" in gone.output and "(kỳ 9T, đơn vị TP)" in gone.output
    assert _outcome(db, "TP.xlsx") == WITHDRAWN


def test_a_path_that_leads_to_no_merged_file_is_still_unknown(tmp_path, monkeypatch) -> None:
    office = tmp_path / "van-phong"
    db = _merged(office, monkeypatch, {"nhan-ve/TP.xlsx": "TP-phong-tu-phap.xlsx"})
    other = office / "khac" / "TP.xlsx"  # the same name, another folder: not the one merged
    other.parent.mkdir()
    (office / "nhan-ve" / "TP.xlsx").rename(other)
    other.write_bytes(b"not the file merged")
    for given in (other, "./khac/TP.xlsx", "./nhan-ve/NV.xlsx"):
        unknown = run("withdraw", db, "--file", given)
        assert unknown.exit_code == 2, unknown.output
        assert f"sổ cái không có tệp nào (chưa rút) khớp với '{given}'" in unknown.output
        assert "ghi tên tệp như ở trang 'Tệp đã nhận'" in unknown.output
    assert _outcome(db, "TP.xlsx") != WITHDRAWN


def test_the_paths_withdraw_prints_are_paths_from_where_it_runs(tmp_path, monkeypatch) -> None:
    """Merged from the office's folder, withdrawn from the folder above: the message named
    "nhan-ve/bao-cao.xlsx", a path that leads nowhere from there."""
    office = tmp_path / "van-phong"
    db = _merged(office, monkeypatch, {"nhan-ve/bao-cao.xlsx": "TP-phong-tu-phap.xlsx",
                                       "nhan-ve-2/bao-cao.xlsx": "NV-phong-noi-vu.xlsx"})
    monkeypatch.chdir(tmp_path)
    two = run("withdraw", db, "--file", "bao-cao.xlsx")  # the name alone: two files
    assert two.exit_code == 2, two.output
    assert ("có 2 tệp khớp với 'bao-cao.xlsx', không rút tệp nào: van-phong/nhan-ve/bao-cao.xlsx"
            " của Phòng Tư pháp (TP), kỳ 9T; van-phong/nhan-ve-2/bao-cao.xlsx của Phòng Nội vụ"
            " (NV), kỳ 9T" in two.output), two.output
    gone = run("withdraw", db, "--file", "van-phong/nhan-ve-2/bao-cao.xlsx")  # as it printed
    assert gone.exit_code == 0, gone.output
    assert "Đã rút tệp van-phong/nhan-ve-2/bao-cao.xlsx (kỳ 9T, đơn vị NV)" in gone.output
    # From a folder the office's is not below: in full.
    elsewhere = tmp_path / "khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    again = run("withdraw", db, "--file", "bao-cao.xlsx")
    assert again.exit_code == 0, again.output
    assert f"Đã rút tệp {office / 'nhan-ve' / 'bao-cao.xlsx'} (kỳ 9T, đơn vị TP)" in again.output
