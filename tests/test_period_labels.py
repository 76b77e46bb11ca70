"""The documents the office hands out name a period by its label ("9 tháng năm 2023",
"Năm 2026"), never by the program's code (9T, NAM: the command line's --period values).

A QA pass of the web app (a commune's CCHC specialist, December 2026) found the report's
notes saying "kỳ NAM – Năm 2026" and the consolidated workbook "Năm 2026 (NAM)". Each test
reads the produced file for the words a reader sees."""

from __future__ import annotations

import html
import re

from test_merge_mistakes import mistakes, problems_by_file  # noqa: F401 (a fixture)
from test_report_wording import _cells, silent  # noqa: F401 (a fixture)

from cchc_xl.consolidate import PROBLEMS_SHEET, SUMMARY_SHEET
from support.workbooks import load_workbook

_CODE = re.compile(r"(?<![\w-])(6T|9T)(?![\w-])")


def test_report_notes_name_the_period_by_its_label(silent):  # noqa: F811
    xlsx, page, _ = silent.paths
    notes = " ".join(_cells(xlsx, "Ghi chú"))
    said = ("Nguồn số liệu: các tệp báo cáo của đơn vị đã gộp vào sổ cái của cơ quan tổng "
            "hợp, kỳ 6 tháng đầu năm 2023: số liệu từ ngày 15/12/2022")
    assert said in notes
    assert not _CODE.search(notes), _CODE.search(notes)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    assert said in re.sub(r"\s+", " ", text)
    assert "kỳ 6T" not in text


def test_consolidated_workbook_names_the_period_by_its_label(mistakes):  # noqa: F811
    _, _, out, _ = mistakes
    ws = load_workbook(out)[SUMMARY_SHEET]
    lines = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert lines["Kỳ báo cáo"] == "9 tháng năm 2023: số liệu từ 15/12/2022 đến 14/09/2023"


def test_a_file_taken_by_its_unit_code_names_the_period_by_its_label(mistakes):  # noqa: F811
    """A file that lost its hidden identity, taken by the unit code on its guide sheet:
    the warning, in the consolidated workbook's problems sheet, named the period '9T'."""
    result, _, out, _ = mistakes
    [warning] = [p["message"] for p in problems_by_file(result)["identity-stripped.xlsx"]
                 if p["code"] == "identity-missing"]
    assert "không kiểm tra được kế hoạch và kỳ 9 tháng năm 2023: lần sau" in warning
    cells = [c.value for row in load_workbook(out)[PROBLEMS_SHEET].iter_rows() for c in row
             if isinstance(c.value, str) and "không kiểm tra được kế hoạch" in c.value]
    assert cells and all(not _CODE.search(c) for c in cells), cells
