"""The rows of the consolidated workbook's sheets of files: "Tệp đã nhận" (every file
received, what became of it), "Vấn đề" (every problem found, what to fix first) and
"Chưa gửi" (the units that sent nothing the period counts). :mod:`cchc_xl.consolidated.write`
lays them out; what each row says is decided here, from the period's snapshot.

A refused file a later file of its unit answered (:mod:`cchc_xl.answered`) is listed
with its problems as history, its result said apart ("Bị từ chối, đã có tệp sau").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path

from ..intake.identify import PLAN_REFUSED_UNIT
from ..report.summary import Summary
from ..snapshot import LedgerSnapshot
from ..submission import Submission
from ..vocab import (
    ANSWERED_LABEL,
    KIND_LABELS,
    OUTCOME_LABELS,
    REJECTED,
    SEVERITY_LABEL,
    SEVERITY_RANK,
)
from ..xlio import parse_time


def outcome(s: Submission, answered: Collection[int]) -> str:
    """What became of a file, a refused one a later file answered said apart."""
    return ANSWERED_LABEL if s.id in answered else OUTCOME_LABELS[s.outcome]


def file_unit(s: Submission, names: dict[str, str]) -> tuple[str, str]:
    """Code and name of a file's unit; a file of no unit of this plan shows whose
    it says it is, marked, so nobody reads it as one of this plan's units: of another
    plan, a unit the plan has not (taken off, or never on it), or not known."""
    if s.unit:
        return s.unit, names.get(s.unit, "")
    if s.other_plan and s.identity_unit:
        return "", f"{s.identity_unit} (kế hoạch khác: {s.identity_plan})"
    if s.identity_unit:
        # Refused as a unit the plan's unit sheet has not: said so (it read "không xác
        # định được" of a unit the file names: a QA pass), else nothing more is known.
        said = next((PLAN_REFUSED_UNIT[p.code] for p in s.problems
                     if p.code in PLAN_REFUSED_UNIT), "không xác định được")
        return "", f"{s.identity_unit} ({said})"
    return "", ""


def file_rows(snapshot: LedgerSnapshot, answered: Collection[int],
              shown: Callable[[str], str]) -> list[list[object]]:
    """"Tệp đã nhận": a row per file (``shown``: a file as the office knows it). When
    saved ("Lưu lúc"): as the file says it, none for a file that says none (a broken one,
    Google Sheets' download): its time on disk is when it was uploaded to the app or
    copied into the folder, not when the unit saved it (it showed a file received on
    18/09 "saved" on 06/12; the board says none either, web/pages/board.py)."""
    # Made once: every unit's name is built anew at each ask (2,000 units, 2,000 files:
    # 1.2 s of a late merge's 7 under cProfile, the square of the units).
    names = snapshot.unit_names
    return [[*file_unit(s, names), shown(s.path),
             _moment(s.saved_at), _moment(s.merged_at),
             parse_time(s.received), outcome(s, answered), s.errors, s.warnings,
             s.notes, s.reason, s.sha256[:16], s.archived] for s in snapshot.submissions]


def problem_rows(snapshot: LedgerSnapshot, answered: Collection[int],
                 shown: Callable[[str], str]) -> list[list[object]]:
    """"Vấn đề": a row per problem, each file's errors first."""
    rows = []
    for s in snapshot.submissions:
        for p in sorted(s.problems, key=lambda p: SEVERITY_RANK.get(p.severity, 3)):
            rows.append([p.message, SEVERITY_LABEL.get(p.severity, p.severity),
                         p.unit or s.unit, p.task, p.sheet, p.cell,
                         shown(p.file or s.path), outcome(s, answered), p.label, p.code])
    return rows


def missing_rows(snapshot: LedgerSnapshot, summary: Summary,
                 shown: Callable[[str], str]) -> list[list[object]]:
    """"Chưa gửi": a row per unit that sent nothing the period counts, with the tasks
    it leads and those it only supports, as Biểu 2 of the report counts them, and its
    files refused (it did send something: said, or the office chases it as having sent
    nothing while it believes it reported; a probe)."""
    units = {u.code: u for u in snapshot.master.units}
    # One pass over the assignments, not one per missing unit.
    lead, support = Counter(), Counter()
    for task in summary.tasks:  # those the period counts
        leads = {r.unit for p in task.products for r in p.leads}
        lead.update(leads)
        support.update({r.unit for p in task.products for r in p.supports} - leads)
    refused: dict[str, list[str]] = {}
    for sub in snapshot.submissions:
        if sub.outcome == REJECTED and sub.unit:
            name = Path(shown(sub.path)).name
            refused.setdefault(sub.unit, []).append(
                f"{name}: {sub.reason}" if sub.reason else name)
    rows = []
    for code in snapshot.missing_units:
        unit = units.get(code)
        rows.append([code, unit.name if unit else "", KIND_LABELS[unit.kind] if unit else "",
                     lead[code], support[code], "\n".join(refused.get(code, []))])
    return rows


def _moment(text: str | None) -> datetime | None:
    """A moment the ledger stores (ISO 8601) as a cell's date and time (Excel has no
    time zone: the time as written)."""
    moment = parse_time(text)
    return moment.replace(tzinfo=None) if moment else None
