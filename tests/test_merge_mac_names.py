"""Files named on a Mac: their names come back decomposed (NFD). What people read of them
(the consolidated workbook, the merge's lines, the feedback letter) is NFC, so Excel's
search finds "Hoằng" in them; the path the ledger records stays the OS's."""

from __future__ import annotations

import shutil
import sqlite3
import unicodedata
from pathlib import Path

from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.consolidated.write import FILES_SHEET, PROBLEMS_SHEET
from cchc_xl.feedback import FEEDBACK_SHEET
from cchc_xl.merge import merge_returns
from support.merge import SAMPLES
from support.workbooks import load_workbook

X02 = "X02 Xã Hoằng Cát báo cáo.xlsx"  # a file with an error: findings and feedback
X05 = "Báo cáo CCHC 9T - Xã Hoằng Đạt.xlsx"


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _texts(book: Path, sheet: str) -> list[str]:
    ws = load_workbook(book)[sheet]
    return [v for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]


def test_a_mac_s_names_are_shown_as_typed_and_the_file_is_still_its_path(hh_master, tmp_path):
    sent = tmp_path / _nfd("Báo cáo đơn vị 9T")
    sent.mkdir()
    shutil.copy(SAMPLES / "X02-xa-hoang-cat.xlsx", sent / _nfd(X02))
    shutil.copy(SAMPLES / "X05-xa-hoang-dat.xlsx", sent / _nfd(X05))
    out = tmp_path / "out" / "tong-hop.xlsx"
    result = merge_returns(hh_master, [sent], "9T", out, feedback_dir=tmp_path / "ph")

    # The consolidated workbook: the files and the problems name them as typed (NFC).
    files = _texts(out, FILES_SHEET)
    assert any(X02 in t for t in files) and any(X05 in t for t in files)
    problems = _texts(out, PROBLEMS_SHEET)
    assert any(X02 in t for t in problems)
    assert all(unicodedata.is_normalized("NFC", t) for t in files + problems)
    # What the merge prints, each finding's line.
    lines = [p.render() for f in result.files for p in f.problems]
    assert any(X02 in line for line in lines)
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    # The feedback letter names the file received as the unit named it.
    (letter,) = (tmp_path / "ph").iterdir()
    assert f"Tệp đã nhận: {X02}, ngày" in " ".join(_texts(letter, FEEDBACK_SHEET))
    # The ledger keeps the path the folder gave: the file is opened by it.
    with sqlite3.connect(result.db) as db:
        paths = [Path(p) for (p,) in db.execute("SELECT path FROM submissions")]
    assert {p.name for p in paths} == {_nfd(X02), _nfd(X05)}
    assert all(p.is_file() for p in paths)

    # The name copied from the workbook (NFC) withdraws the file merged by its NFD path.
    said = CliRunner().invoke(main, ["withdraw", str(result.db), "--file", X05])
    assert said.exit_code == 0, said.output
    assert f"Đã rút tệp {unicodedata.normalize('NFC', str(sent / X05))} (kỳ 9T" in said.output


def test_a_mac_s_tab_names_are_shown_as_typed_and_its_cells_still_marked(hh_master, tmp_path):
    """A return saved on a Mac with its tabs named decomposed (NFD): the merge's lines and
    the consolidated workbook name the tab in NFC ("trang 'Thể chế'"), and the feedback
    file still marks the cell on that tab."""
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    wb = load_workbook(SAMPLES / "X02-xa-hoang-cat.xlsx")
    for ws in wb.worksheets:
        if len(_nfd(ws.title)) <= 31:  # Excel's limit counts the combining marks too
            ws.title = _nfd(ws.title)
    assert _nfd("Thể chế") in wb.sheetnames
    wb.save(sent / "X02.xlsx")
    out = tmp_path / "tong-hop.xlsx"
    result = merge_returns(hh_master, [sent], "9T", out, feedback_dir=tmp_path / "ph")

    lines = [p.render() for f in result.files for p in f.problems]
    assert any("trang 'Thể chế', ô I5" in line for line in lines), lines
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    texts = [t for sheet in load_workbook(out).sheetnames for t in _texts(out, sheet)]
    assert "Thể chế, dòng 5" in texts
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    # The feedback file marks the cell on the unit's own tab, its name as the file has it.
    (letter,) = (tmp_path / "ph").iterdir()
    marked = load_workbook(letter)[_nfd("Thể chế")]["I5"]
    assert marked.comment is not None and "[Lỗi]" in marked.comment.text
    assert f"#'{_nfd('Thể chế')}'!I5" in [c.hyperlink.location or c.hyperlink.target
                                          for row in load_workbook(letter)[FEEDBACK_SHEET]
                                          .iter_rows() for c in row if c.hyperlink]


def test_a_mac_masters_decomposed_tab_is_named_in_nfc(tmp_path):
    """The master's findings named a tab stored decomposed (a plan saved on a Mac) as
    stored: "trang '…'" in the check's lines was NFD while the rest of the line was NFC."""
    import unicodedata

    from openpyxl import load_workbook

    from cchc_xl.master import check_master
    from support.paths import HH_MASTER

    wb = load_workbook(HH_MASTER)
    ws = wb["Thủ tục hành chính"]
    ws.title = unicodedata.normalize("NFD", ws.title)
    lead = next(c for c in ws["G"] if c.row > 5 and c.value)
    lead.value = "Phòng Không Có Thật"  # a lead the registry does not know: a finding
    wb.save(tmp_path / "mac.xlsx")
    lines = [f.render() for f in check_master(tmp_path / "mac.xlsx")
             if "Phòng Không Có Thật" in f.render()]
    assert lines, "the unknown lead is found"
    assert all(unicodedata.is_normalized("NFC", line) for line in lines), lines
    assert all("trang 'Thủ tục hành chính'" in line for line in lines), lines
