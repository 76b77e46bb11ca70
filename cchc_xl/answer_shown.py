"""The answer a consolidated workbook showed on a lead row, against the one counted now.

A verdict judges the answer it was typed beside (docs/counting.md, "How a lead's row
counts"). A workbook made before a later merge brought the unit's file (or another file
of it) still shows the answer of then, or none: a verdict typed there and read back
(``cchc-xl assess``, the web app's upload) would judge an answer the office never saw.
:func:`not_shown` finds those rows, comparing what each row's cells show (status,
percentage, completion date, evidence: :data:`cchc_xl.consolidated.columns.ANSWER_COLUMNS`) with
what the workbook would show now, the unit's own answer as
:func:`cchc_xl.consolidated.write.shown_answer` writes it. A row of no answer then and now
(no file, a row left blank, an earlier period's "done" shown carried) is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from .answer import Answer
from .assessment import Assessment
from .consolidated.columns import ANSWER_COLUMNS, AREA_COLUMNS
from .consolidated.write import NOT_SENT, shown_answer
from .snapshot import LedgerSnapshot
from .text import clean, folded, one_line, vn_progress
from .vocab import DONE, NOT_REPORTED
from .xlio import fit_cell, vn_date

SHOWN = 10  # rows named one by one, at most


def not_shown(snapshot: LedgerSnapshot, found: dict, rows: dict,
              unchanged: Callable[[tuple[str, str], Assessment], bool]) -> str:
    """Take out of ``found`` (the assessments read, by (unit, product)) those typed beside
    an answer that is not the one counted now (``rows``: where each row's cell is and its
    cells by header, as :func:`cchc_xl.assessment.assessments_in` gives them), but those
    that change nothing (``unchanged``); the sentence naming them ("" for none)."""
    own = {(r.unit, r.deliverable): r for r in snapshot.rows}
    # An earlier period's "done" counted on the row is what the workbook shows there, even
    # when the unit sent that answer again ("Đã hoàn thành theo báo cáo Quý I …"): compared
    # with the answer sent, a verdict typed in the newest workbook was refused (a QA pass).
    own.update(snapshot.carried)
    headers = [AREA_COLUMNS[c][0] for c in ANSWER_COLUMNS]
    none = {folded(s) for s in _no_answer(snapshot)}
    stale = []
    for key, (where, cells) in rows.items():  # in the workbook's order
        typed = found.get(key)
        if typed is None or unchanged(key, typed):
            continue
        shown = [cells.get(h) for h in headers]
        row = own.get(key)
        if row is None or not row.reported:
            if folded(shown[0]) in none:
                continue
            now = NOT_REPORTED
        else:
            now_cells = shown_answer(row, NOT_REPORTED)
            if _same(shown, now_cells):
                continue
            now = _said(now_cells)
        del found[key]
        stale.append(f"{where} ('{typed.text}'): tệp ghi '{_said(shown)}', nay là '{now}'")
    if not stale:
        return ""
    listed = "; ".join(stale[:SHOWN]) + (
        f"; và {len(stale) - SHOWN} dòng khác" if len(stale) > SHOWN else "")
    return (f"không ghi đánh giá của {len(stale)} dòng vì kết quả được tính của đơn vị đã khác "
            f"kết quả tệp này hiển thị khi được lập (một tệp được gộp hoặc rút sau đó) ({listed}): "
            "đánh giá này không phải cho kết quả hiện nay; ghi đánh giá các dòng này trong "
            "bảng tổng hợp mới nhất (ghi lại sau lần gộp cuối), rồi ghi lại")


def _no_answer(snapshot: LedgerSnapshot) -> list[str]:
    """The statuses a row of no answer of its own shows: no file, a row left blank, an
    earlier period's "done" carried (the unit's report or the office's Đạt then)."""
    carried = [Answer(deliverable="", role="", status=DONE, carried_from=p.name,
                      carried_judged=judged).status_text
               for p in snapshot.master.periods for judged in (False, True)]
    return [NOT_SENT, NOT_REPORTED, *carried]


def _same(shown: list, now: tuple) -> bool:
    """Whether a row's cells show the answer ``now`` (as written: shown_answer)."""
    status, percent, completed_on, evidence = now
    return (folded(shown[0]) == folded(status) and _number(shown[1]) == _number(percent)
            and _day(shown[2]) == _day(completed_on)
            and folded(shown[3]) == folded(fit_cell(evidence or "")))


def _number(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = clean(value)
    try:
        return float(text.replace(",", ".")) if text else None
    except ValueError:
        return text


def _day(value: object) -> object:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return clean(value) or None


def _said(cells) -> str:
    """An answer as the office reads it: "Đang thực hiện, 60%, 12/09/2023, Báo cáo số …"."""
    status, percent, day, evidence = cells
    parts = [clean(status)]
    number = _number(percent)
    if isinstance(number, float):
        parts.append(vn_progress(number))
    if isinstance(_day(day), date):
        parts.append(vn_date(_day(day)))
    if clean(evidence):
        parts.append(one_line(evidence))
    return ", ".join(p for p in parts if p)
