"""The documents the office hands out name a period by its label ("9 tháng năm 2023",
"Năm 2026"), never by the program's code (9T, NAM: the command line's --period values).

A QA pass of the web app (a commune's CCHC specialist, December 2026) found the report's
notes saying "kỳ NAM – Năm 2026" and the consolidated workbook "Năm 2026 (NAM)". Each test
reads the produced file for the words a reader sees."""

from __future__ import annotations

import csv
import html
import re
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from test_merge_mistakes import mistakes, problems_by_file  # noqa: F401 (a fixture)
from test_report_wording import _cells, silent  # noqa: F401 (a fixture)

from cchc_xl.consolidated.write import PROBLEMS_SHEET, SUMMARY_SHEET
from cchc_xl.feedback import FEEDBACK_SHEET, write_feedback
from cchc_xl.ledger import LEDGER_NAME
from cchc_xl.letters.remind import write_reminders
from cchc_xl.merge import merge_returns
from cchc_xl.snapshot import load_snapshot
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
    assert "kỳ 9 tháng năm 2023 theo dòng 2 các trang nhiệm vụ: lần sau" in warning
    cells = [c.value for row in load_workbook(out)[PROBLEMS_SHEET].iter_rows() for c in row
             if isinstance(c.value, str) and "theo dòng 2 các trang nhiệm vụ" in c.value]
    assert cells and all(not _CODE.search(c) for c in cells), cells


# --- a file issued for another period ------------------------------------------------------
# The finding said "tệp được giao cho kỳ 'Q3' (quý III năm 2023), không phải kỳ '9T' …" in
# the consolidated workbook, on the Thu nhận page and in the CLI; the reminder read the
# code back from those words. It reads it from the file's identity in the ledger now.

_OTHER = re.compile(r"(?<![\w-])(Q3|6T|9T)(?![\w-])")
# The finding as a ledger written before December 2026 stored it.
_OLD_WORDS = ("tệp được giao cho kỳ 'Q3' (quý III năm 2023), không phải kỳ '9T' (9 tháng năm "
              "2023) đang gộp: gộp tệp này vào kỳ quý III năm 2023 (chọn kỳ đó khi gộp), hoặc "
              "đề nghị đơn vị điền tệp của kỳ 9 tháng năm 2023")
# As the mail-merge list's "Việc cần làm" says it: what to do after a semicolon, the cell's
# one colon after "Gửi lại tệp báo cáo" (test_mergelist).
_TOLD = ("Gửi lại tệp báo cáo: tệp đã gửi là tệp được giao cho kỳ quý III năm 2023, không phải "
         "tệp báo cáo 9 tháng năm 2023; điền kết quả 9 tháng năm 2023 vào tệp được giao cho kỳ "
         "này rồi gửi")
# The feedback letter says it in two places: why in its header, what to do in its row.
_LETTER_WHY = ("Tệp bị từ chối: tệp đã gửi là tệp được giao cho kỳ quý III năm 2023, không "
               "phải tệp báo cáo 9 tháng năm 2023")
_LETTER_TODO = "Điền kết quả 9 tháng năm 2023 vào tệp được giao cho kỳ này rồi gửi"


def _tells(letter: str) -> bool:
    """Whether a feedback letter's text tells the unit of X10's quý III file."""
    return _LETTER_WHY in letter and _LETTER_TODO in letter


def _feedback_texts(folder: Path) -> dict[str, str]:
    """Each feedback workbook's letter sheet, its cells' text joined, by file name."""
    return {p.name: " ".join(str(c) for row in load_workbook(p)[FEEDBACK_SHEET].iter_rows(
        values_only=True) for c in row if c) for p in folder.glob("*.xlsx")}


def _todo(db: Path, out: Path, unit: str) -> str:
    """What the reminder's mail-merge list asks of ``unit``."""
    made = write_reminders(db, "9T", out / "nhac.docx", list_out=out / "nhac.csv",
                           today=date(2023, 9, 25))
    rows = csv.DictReader(made.paths[1].read_text(encoding="utf-8-sig").splitlines())
    return next(r["Việc cần làm"] for r in rows if r["Mã đơn vị"] == unit)


def test_a_file_of_another_period_names_both_periods_by_their_labels(mistakes):  # noqa: F811
    result, _, out, tmp = mistakes
    [other] = problems_by_file(result)["other-period.xlsx"]
    assert other["message"].startswith(
        "tệp được giao cho kỳ quý III năm 2023, không phải kỳ 9 tháng năm 2023 đang gộp: gộp "
        "tệp này vào kỳ quý III năm 2023 (chọn kỳ đó khi gộp)")
    assert not _OTHER.search(other["message"]), other["message"]
    cells = [c.value for row in load_workbook(out)[PROBLEMS_SHEET].iter_rows() for c in row
             if isinstance(c.value, str) and "tệp được giao cho kỳ" in c.value]
    assert cells and all(not _OTHER.search(c) for c in cells), cells
    [letter] = [t for t in _feedback_texts(tmp / "feedback").values() if _tells(t)]
    assert "kỳ khác" not in letter and not _OTHER.search(letter), letter


def test_the_reminder_names_the_period_a_refused_file_was_for(mistakes, tmp_path):  # noqa: F811
    """The period is read from the file's identity, which the ledger keeps: the finding's
    words no longer hold its code (they held "kỳ 'Q3'", which the reminder parsed)."""
    _, _, out, _ = mistakes
    todo = _todo(out.parent / LEDGER_NAME, tmp_path, "X10")
    assert _TOLD in todo, todo


def test_a_ledger_of_an_earlier_version_is_still_understood(mistakes, tmp_path):  # noqa: F811
    """A ledger written before the periods were named by label holds the finding in its
    old words ("kỳ 'Q3' …"): its reminder and feedback name the period as a new one's do."""
    _, _, out, _ = mistakes
    old = tmp_path / "cu"
    shutil.copytree(out.parent, old)
    db = old / LEDGER_NAME
    with sqlite3.connect(db) as con:
        changed = con.execute("UPDATE problems SET message = ? WHERE code = ?",
                              (_OLD_WORDS, "identity-other-period")).rowcount
        con.execute("UPDATE submissions SET reason = ? WHERE id IN (SELECT submission_id FROM "
                    "problems WHERE code = ?)", (_OLD_WORDS, "identity-other-period"))
    con.close()
    assert changed == 1
    assert _TOLD in _todo(db, tmp_path, "X10")
    write_feedback(load_snapshot(db, "9T"), tmp_path / "fb")
    assert any(_tells(t) for t in _feedback_texts(tmp_path / "fb").values())


def test_a_file_of_a_period_the_plan_no_longer_has(hh_master, hh_mistakes, tmp_path):
    """X10's Quý III file, merged after the office took Quý III off its periods: the
    period is named by the code written in the file, said to be one, beside the plan's
    periods by label; nothing to merge it into, so the office asks for the right file."""
    _, _, files = hh_mistakes
    master = replace(hh_master, periods=[p for p in hh_master.periods if p.code != "Q3"])
    result = merge_returns(master, [files["other-period"]], "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    [other] = problems_by_file(result)["other-period.xlsx"]
    assert other["message"] == (
        "tệp được giao cho một kỳ không có trong bảng kế hoạch (mã kỳ ghi trong tệp: 'Q3'; "
        "các kỳ của kế hoạch: Quý I năm 2023, 6 tháng đầu năm 2023, 9 tháng năm 2023, Năm "
        "2023), không phải kỳ 9 tháng năm 2023 đang gộp: đề nghị đơn vị điền tệp của kỳ 9 "
        "tháng năm 2023")
    [letter] = _feedback_texts(tmp_path / "fb").values()
    assert ("tệp đã gửi là tệp được giao cho một kỳ không có trong kế hoạch (mã kỳ ghi trong "
            "tệp: 'Q3'), không phải tệp báo cáo 9 tháng năm 2023") in letter
