"""A unit's task rows grow with what the unit types in them.

Each row of a unit's workbook is given a height worked out from the plan's texts. The
titles, the column headers, the sub-task headings and the guide keep it as a height
set by hand (``customHeight="1"``); the task rows, where the unit types its evidence
and notes (often on several lines, Alt+Enter), keep it without: Excel and LibreOffice
then fit such a row again when one of its cells is edited, instead of cutting the
note off on screen and on the printed page (cchc_xl/fitrows.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import xlsxwriter

from cchc_xl import split, split_book
from cchc_xl.fast import book as fast_book
from cchc_xl.fast import sheet as fast_sheet
from cchc_xl.master import read_master
from cchc_xl.plan_import import import_plan
from make_sample_returns import ISSUED_AT
from support.tools import SOFFICE, needs_libreoffice, needs_poppler
from tests.test_import_tables import plan_docx

HEADER_ROWS = 4  # titles (3) and column headers (split.HEADER_ROW)
_ROW = re.compile(r'<row r="(\d+)"([^>]*?)/?>(<c r="A\d+"[^>]*?(?:/>|>.*?</c>))?')


def _group_plan(tmp_path: Path) -> Path:
    """A plan whose tasks are gathered under group rows (sub-task headings in the unit's
    sheet), imported as a master."""
    head = ["TT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian hoàn thành"]
    rows = [head, ["I. CẢI CÁCH THỂ CHẾ"] + [None] * 5,
            ["1. Xây dựng văn bản"] + [None] * 5,
            ["1.1", "Xây dựng văn bản QPPL của UBND tỉnh", "Văn bản QPPL", "Sở Tư pháp",
             "", "Quý IV/2026"],
            ["1.2", "Rà soát văn bản QPPL", "Báo cáo rà soát", "Sở Tư pháp", "",
             "Trước 30/6/2026"],
            ["2", "Kiểm tra văn bản QPPL do Hội đồng nhân dân, Ủy ban nhân dân các huyện "
             "ban hành", "Báo cáo kiểm tra", "Sở Tư pháp", "", "Quý III/2026"]]
    merges = [(r, 0, r, 5) for r in (1, 2)]
    docx = plan_docx(tmp_path / "kh.docx", (rows, merges))
    out = tmp_path / "master.xlsx"
    import_plan(docx, out, year=2026, province="Thanh Hóa")
    return out


def _rows(path: Path) -> dict[str, list[tuple[int, str, bool]]]:
    """Each sheet's rows (by the sheet's part name): number, attributes, whether its
    first cell holds a value (a task's id; headings and titles hold none there)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode()
                out[name] = [(int(m[1]), m[2], "<v>" in (m[3] or ""))
                             for m in _ROW.finditer(xml)]
    return out


@pytest.mark.parametrize("fast", [True, False], ids=["quicker-path", "xlsxwriter-path"])
def test_task_rows_keep_their_height_but_not_as_one_set_by_hand(tmp_path, monkeypatch, fast):
    master = read_master(_group_plan(tmp_path))[0]
    master.plan = replace(master.plan, authority="Ủy ban nhân dân tỉnh Thanh Hóa")
    monkeypatch.setattr(fast_sheet, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    monkeypatch.setattr(fast_book, "CHECKED_VERSIONS", (xlsxwriter.__version__,))
    monkeypatch.setattr(split_book, "FAST", fast)
    result = split.split_master(master, master.periods[0].code, tmp_path / "out",
                                issued_at=ISSUED_AT)
    (unit,) = result.files
    sheets = _rows(unit.path)
    guide = sheets.pop("xl/worksheets/sheet1.xml")
    sheets.pop(max(sheets, key=lambda n: int(re.sub(r"\D", "", n))))  # the identity's
    assert all('customHeight="1"' in attrs for _, attrs, _ in guide if "ht=" in attrs)
    tasks = headings = 0
    for rows in sheets.values():
        for r, attrs, has_id in rows:
            assert 'ht="' in attrs, (r, attrs)
            if r <= HEADER_ROWS or not has_id:  # titles, headers, sub-task headings
                assert 'customHeight="1"' in attrs, (r, attrs)
                headings += r > HEADER_ROWS
            else:  # a task row
                assert "customHeight" not in attrs, (r, attrs)
                tasks += 1
    assert tasks == 3 and headings == 1


# A Basic macro for a LibreOffice of its own: opens the file, types a note on several
# lines into a cell as a person would (the row's attributes as split wrote them), prints
# the workbook to PDF and writes the sheet's row heights (1/100 mm) before and after.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Main
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ("CCHC_IN")), "_blank", 0, args())
  sh = doc.Sheets.getByIndex(CInt(Environ("CCHC_SHEET")))
  n = FreeFile
  Open Environ("CCHC_NOTE") For Input As #n
  Line Input #n, note
  Close #n
  heights = ""
  For i = 0 To 11
    heights = heights &amp; sh.Rows.getByIndex(i).Height &amp; " "
  Next i
  sh.getCellRangeByName(Environ("CCHC_CELL")).setString(Join(Split(note, "|"), Chr(10)))
  heights = heights &amp; Chr(10)
  For i = 0 To 11
    heights = heights &amp; sh.Rows.getByIndex(i).Height &amp; " "
  Next i
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = "FilterName"
  f(0).Value = "calc_pdf_Export"
  doc.storeToURL(ConvertToURL(Environ("CCHC_OUT")), f())
  doc.close(True)
  n = FreeFile
  Open Environ("CCHC_OUT") &amp; ".heights" For Output As #n
  Print #n, heights
  Close #n
End Sub
</script:module>
"""


def _typed_in_calc(src: Path, sheet: int, cell: str, lines: list[str], out: Path
                   ) -> tuple[list[int], list[int]]:
    """Type ``lines`` into ``cell`` of sheet ``sheet`` (0-based) of ``src`` in a
    LibreOffice of its own, print the workbook to ``out`` (PDF): the sheet's first
    rows' heights before and after typing."""
    profile = out.parent / "profile"
    office = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
              "--norestore", "--nologo"]
    # A new profile is made on the first start, its macros (Module1 empty) with it.
    subprocess.run([*office, "--terminate_after_init"], capture_output=True, timeout=180,
                   check=False)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO,
                                                                        encoding="utf-8")
    note = out.parent / "note.txt"
    note.write_text("|".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "CCHC_IN": str(src), "CCHC_SHEET": str(sheet), "CCHC_CELL": cell,
           "CCHC_NOTE": str(note), "CCHC_OUT": str(out)}
    subprocess.run([*office, "vnd.sun.star.script:Standard.Module1.Main?language=Basic"
                    "&location=application"],
                   env=env, capture_output=True, timeout=180, check=False)
    shutil.rmtree(profile, ignore_errors=True)
    heights = Path(f"{out}.heights")
    assert out.exists() and heights.exists(), "LibreOffice did not run the macro"
    before, after = heights.read_text(encoding="utf-8").strip().split("\n")
    return [int(h) for h in before.split()], [int(h) for h in after.split()]


@needs_libreoffice
@needs_poppler
def test_a_note_typed_on_several_lines_is_printed_whole(hh_split, tmp_path):
    """A unit types a five-line note in LibreOffice Calc into a task row of its sheet:
    the row grows (it was cut off at the height split gave it), the whole note is
    printed, and the other rows keep their heights."""
    lines = [f"Dòng ghi chú số {k}: đã gửi văn bản số {k}0/UBND" for k in range(1, 6)]
    # "Thủ tục hành chính" of Phòng Tư pháp: row 5 its first task (column L: Ghi chú).
    pdf = tmp_path / "typed.pdf"
    before, after = _typed_in_calc(hh_split["TP"], 2, "L5", lines, pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for line in lines:
        assert line.split(":")[0] in text, line
    assert text.count("0/UBND") == len(lines)
    assert after[4] > before[4] * 1.5  # the note's row grew
    assert after[:4] == before[:4] and after[5:] == before[5:]  # the others did not
