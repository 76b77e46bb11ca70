"""The reminder letter lists a unit's items errors first, as its feedback file does.

A QA pass: a ward's formula typed in a note (a warning, found as the file was read) came
before its percent of 120 (an error) in the letter's annex, while its feedback file put
the error first: the same item had another number in each. And the mail-merge list's
"Việc cần làm" names a unit's first five items only: a unit with four such warnings had
its second error left in "và 1 nội dung khác", never named, while the warnings were.
"""

from __future__ import annotations

import csv
from datetime import date

from docx import Document
from test_figures import EVIDENCE, done

from cchc_xl import assignment as A
from cchc_xl.letters.remind import write_reminders
from support.counting import _Office

_DAY = date(2023, 3, 2)
_FORMULA = "=1+1"  # typed in a note: a warning (kept as text)


def _noted(answer: dict) -> dict:
    return {**answer, A.COL_NOTE: _FORMULA}


# NV: a formula in the note of each of its four rows (4 warnings), and 120% in two of
# them (2 errors).
_NV = {"TC-01": _noted(done(_DAY, percent=120)), "TC-03": _noted(done(_DAY)),
       "TC-04": _noted(done(_DAY)), "TTHC-03": _noted(done(_DAY, percent=120))}


def _letter(tmp_path):
    office = _Office(tmp_path)
    office.send("Q1", {"NV": _NV, "TP": {"TC-02": done(_DAY, evidence=EVIDENCE)}})
    write_reminders(office.db, "Q1", tmp_path / "dd.docx", list_out=tmp_path / "dd.csv",
                    deadline=date(2023, 3, 30), today=date(2023, 3, 21))
    return tmp_path / "dd.docx", tmp_path / "dd.csv"


def test_the_annex_lists_a_units_errors_before_its_warnings(tmp_path) -> None:
    letter, _ = _letter(tmp_path)
    (table,) = [t for t in Document(str(letter)).tables
                if t.rows[0].cells[0].text.endswith("Phòng Nội vụ")]
    said = [row.cells[-1].text for row in table.rows[2:]]
    assert [s.split("]")[0] for s in said] == ["[Lỗi"] * 2 + ["[Cảnh báo"] * 4, said


def test_the_lists_todo_names_every_error_of_a_unit(tmp_path) -> None:
    _, listed = _letter(tmp_path)
    with open(listed, encoding="utf-8-sig", newline="") as f:
        (nv,) = [row for row in csv.DictReader(f) if row["Mã đơn vị"] == "NV"]
    todo = nv["Việc cần làm"]
    assert todo.count("tỷ lệ 120%") == 2, todo
    assert todo.index("tỷ lệ 120%") < todo.index("công thức")
    assert todo.endswith("và 1 nội dung khác")
