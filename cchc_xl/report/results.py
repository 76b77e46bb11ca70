"""The plan's appendix with the report's result columns ("Kết quả thực hiện", the
evidence), filled from the ledger: the same columns for the workbook
(:func:`cchc_xl.appendix.add_appendix_sheets`) and the page (:func:`appendix_grids`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from .. import timeliness as T
from ..answer import Answer, gives_evidence
from ..appendix import (
    AppendixPage,
    Column,
    PlanRow,
    appendix_pages,
    attachment_line,
    plan_columns,
)
from ..assessment import passed_alone, passed_words, verdict_words
from ..assignment import COL_EVIDENCE
from ..consolidated.write import ROWS_SHEET
from ..issuer import running_plan
from ..text import capitalized
from ..vocab import (
    DONE,
    FAIL,
    IN_PROGRESS,
    LEAD,
    NOT_REPORTED,
    NOT_STARTED,
    ON_SCHEDULE,
    ON_TIME,
    PASS,
    SUPPORT,
    UNVERIFIED,
    VERDICT_LABELS,
)
from ..xlio import vn_date
from .grid import Cell, Grid, Row
from .held_back import part_done_lines
from .names import few_units
from .summary import ProductResult, Summary
from .tables import (
    CROWD,
    NO_REPORT_LABEL,
    UNVERIFIED_WORDS,
    progress_text,
)

RESULT_HEADER = "Kết quả thực hiện"
# The office's Chưa đạt is quoted for this many leads of a product; more are counted.
REFUSALS_LISTED = 3


# Where each unit's row is: the area sheets of the consolidated workbook hold a row per
# lead unit, sent or not ('Tất cả dòng' only the rows sent: a QA pass).
AREA_SHEETS = "các trang lĩnh vực của tệp tổng hợp"
DETAILS = f"từng đơn vị: {AREA_SHEETS}"


def _result_text(p: ProductResult, names: dict[str, str]) -> str:
    # A row the office judged counts as its verdict says, sent or not (a Đạt on a row the
    # unit left unreported read "Chưa có báo cáo (đúng hạn).": an audit).
    reported = any(r.spoke for r in p.leads)
    if not reported:
        head = NO_REPORT_LABEL
    else:
        head = p.status
        if p.status == IN_PROGRESS and p.percent is not None:
            head += f", {progress_text(p.percent)}"
        if p.status == DONE and p.completed_on:
            head += f" ngày {vn_date(p.completed_on)}"
    if reported and p.status == DONE and p.due is None and p.timeliness == ON_TIME:
        # Recurring work carried out in the period counts done, but it goes on: not
        # "Đã hoàn thành" beside units that wrote "Đang thực hiện" (a QA pass).
        lines = [f"{ON_SCHEDULE} trong kỳ."]
    else:
        timing = T.label(p.timeliness)
        lines = [f"{head} ({timing.lower()})." if timing else f"{head}."]
    if p.status == IN_PROGRESS and p.percent_unverified:
        lines.append(UNVERIFIED_WORDS)
    lines += _verdicts(p, names)
    lines += part_done_lines(p.leads, names, len(p.leads) > 1)
    if len(p.leads) > CROWD:
        lines += _crowd_leads(p, names)
    elif len(p.leads) > 1:
        done = sum(r.counted_status == DONE for r in p.leads)
        silent = sum(not r.spoke for r in p.leads)
        line = (f"Chủ trì: {done}/{len(p.leads)} đơn vị "
                f"{ON_SCHEDULE.lower() if p.due is None else 'đã hoàn thành'}")
        lines.append(line + (f"; {silent} đơn vị {NOT_REPORTED.lower()}." if silent else "."))
    answered = [r for r in p.supports if r.reported]
    if answered:
        # A coordinator's "done" with an error on its row (no date, no evidence) is no
        # more done than a lead's: said to verify, not counted (a probe: counted in one
        # product, left out in another whose dates were after the cut-off).
        # One that reported nothing is named so, as a crowd counts it ("3/4 đơn vị đã báo
        # cáo"): left out, a ward's Hội Cựu chiến binh vanished from the line (a QA pass).
        if len(p.supports) <= 3:
            lines.append("Phối hợp: " + "; ".join(
                f"{names.get(r.unit, r.unit)}: "
                + ((r.status_text.lower() + (f" ({UNVERIFIED.lower()})" if r.unverified
                                             else "")) if r.reported
                   else NOT_REPORTED.lower()) for r in p.supports) + ".")
        else:
            done = sum(r.status == DONE and not r.unverified for r in answered)
            lines.append(f"Phối hợp: {len(answered)}/{len(p.supports)} đơn vị đã báo cáo, "
                         f"{done} đã hoàn thành.")
    return "\n".join(lines)


def _verdicts(p: ProductResult, names: dict[str, str]) -> list[str]:
    """The office's Chưa đạt on a lead's row, its reason with it, as Biểu 3's "Lý do"
    quotes it: a unit's "Đã hoàn thành" with its evidence beside the result "Đang thực
    hiện (quá hạn)" said nothing of why (an audit of a 2026 plan); then the rows its Đạt
    alone counts done (:func:`~cchc_xl.assessment.passed_alone`), said so."""
    refused = [r for r in p.leads if r.verdict == FAIL and r.assessment]
    passed = [r for r in p.leads if passed_alone(r, p.due)]
    return (_verdict_lines(refused, VERDICT_LABELS[FAIL], lambda r: verdict_words(r.assessment),
                           len(p.leads), names)
            + _verdict_lines(passed, VERDICT_LABELS[PASS], passed_words, len(p.leads), names))


def _verdict_lines(rows: list[Answer], label: str, words: Callable[[Answer], str], leads: int,
                   names: dict[str, str]) -> list[str]:
    """A line per row judged ``label`` (its ``words``), naming its unit when the product
    has several ``leads``; past REFUSALS_LISTED, counted."""
    if len(rows) > REFUSALS_LISTED:
        return [verdict_words(f"{label}: {len(rows)} đơn vị chủ trì ({DETAILS}).")]
    lines = []
    for r in rows:
        said = words(r).rstrip()
        said += "" if said.endswith((".", "!", "?")) else "."
        lines.append(f"{names.get(r.unit, r.unit)}: {said}" if leads > 1 else said)
    return lines


def _crowd_leads(p: ProductResult, names: dict[str, str]) -> list[str]:
    """A crowd of leads counted by how each counts, and the first few not done."""
    counts = Counter(r.counted_status if r.spoke or r.counted_status == DONE
                     else NOT_REPORTED for r in p.leads)
    # Recurring work counted done was carried out in the period, not finished (a QA pass).
    done = ON_SCHEDULE.lower() if p.due is None else DONE.lower()
    parts = [f"{counts[s]} {done if s == DONE else s.lower()}"
             for s in (DONE, IN_PROGRESS, NOT_STARTED, NOT_REPORTED) if counts[s]]
    lines = [f"Chủ trì ({len(p.leads)} đơn vị): " + ", ".join(parts) + "."]
    behind = [names.get(r.unit, r.unit) for r in p.leads if r.counted_status != DONE]
    if behind:
        lines.append(f"Chưa hoàn thành: {few_units(behind)} ({DETAILS}).")
    return lines


def _evidence_text(p: ProductResult, names: dict[str, str]) -> str:
    given = [r for r in p.leads + p.supports if gives_evidence(r.evidence)]
    if len(given) == 1 and given[0].role == LEAD and len(p.leads) == 1:
        return given[0].evidence
    if len(given) > CROWD:
        leads = sum(r.role == LEAD for r in given)
        supports = len(given) - leads
        parts, where = [], []
        if leads:
            parts.append(f"{leads}/{len(p.leads)} đơn vị chủ trì")
            where.append(f"từng đơn vị{' chủ trì' if supports else ''}: {AREA_SHEETS}")
        if supports:
            # A coordinator's row is on 'Tất cả dòng' only (the area sheets count them).
            parts.append(f"{supports}/{len(p.supports)} đơn vị phối hợp")
            where.append(f"từng đơn vị phối hợp: trang '{ROWS_SHEET}' của tệp tổng hợp")
        return " và ".join(parts) + f" ghi tài liệu kiểm chứng ({'; '.join(where)})."
    return "\n".join(f"{names.get(r.unit, r.unit)}{' (phối hợp)' if r.role == SUPPORT else ''}: "
                     f"{r.evidence}"
                     for r in given)


def result_columns(summary: Summary) -> list[Column]:
    """The two columns the report adds to the plan's appendix, filled from the ledger."""
    products = {p.id: p for t in summary.tasks + summary.out_of_scope for p in t.products}
    names = summary.master.names

    def result(r: PlanRow) -> str:
        p = products.get(r.deliverable.id)
        return _result_text(p, names) if p else ""

    def evidence(r: PlanRow) -> str:
        p = products.get(r.deliverable.id)
        return _evidence_text(p, names) if p else ""

    return [Column(RESULT_HEADER, 30, result), Column(COL_EVIDENCE, 30, evidence)]


# A plan appendix page's own name, as its heading prints it: "Phụ lục số 01" of "Phụ lục
# số 01: Các nhiệm vụ trọng tâm …", "Phụ lục II" (a heading the master does not give).
_APPENDIX_NAME = re.compile(r"^(?:phụ lục|biểu)(?:\s+số)?(?:\s+[0-9IVXLC]+\b)?", re.IGNORECASE)


def result_lines(page: AppendixPage, summary: Summary) -> list[tuple[str, str]]:
    """A plan appendix page's heading as the report prints it with its results: said to
    be the results of the period, the plan's "(Kèm theo Kế hoạch số …)" line left out (a
    QA pass: results as of the cut-off were attributed to the plan), and whose appendix
    it is, and the day its figures stop, said instead: "(Phụ lục số 01 của Kế hoạch …;
    kết quả thực hiện 9 tháng năm 2023, số liệu đến ngày 14/09/2023)", or the day it is
    made, before the cut-off, as the report says (a QA pass: its pages said the cut-off
    under a first page saying the figures were to the day made). Not "kèm theo
    báo cáo": the Word report's own appendices, Phụ lục I to IV, are other tables (Biểu 1
    to 4), and a plan whose master gives no heading has its appendices "Phụ lục I", "II"…
    as well: the same number was two tables, each said to go with the report (a QA
    pass)."""
    period = summary.period
    attachment = attachment_line(summary.master.plan)
    own = _APPENDIX_NAME.match(page.lines[0][0] if page.lines else "")
    return [(f"KẾT QUẢ THỰC HIỆN {period.name.upper()}", "title"),
            *[(text, name) for text, name in page.lines if not attachment or text != attachment],
            (f"({own.group(0) if own else 'Phụ lục'} của "
             f"{capitalized(running_plan(summary.master.plan).title)}; kết quả thực hiện "
             f"{period.in_sentence}, số liệu đến ngày {vn_date(summary.counted_to)})",
             "italic")]


def appendix_grids(summary: Summary, extra: Sequence[Column]) -> list[Grid]:
    """The plan's appendix with result columns, as grids for the page.

    The workbook gets the same tables from :func:`cchc_xl.appendix.add_appendix_sheets`
    with the same columns and headings (:func:`result_lines`); a task's cells merge
    over its products the same way.
    """
    master = summary.master
    columns = plan_columns(master, extra)
    grids = []
    for page in appendix_pages(master):
        # Named by the plan's own heading ("Phụ lục số 01: …"), the lines above the table
        # the report's.
        title = next((text for text, _ in page.lines), page.sheet)
        page = replace(page, lines=result_lines(page, summary))
        rows: list[Row] = []
        position = 0
        for section in page.sections:
            if section.label:
                rows.append(Row(group=section.label))
            for task in section.tasks:
                position += 1
                plan_rows = [PlanRow(task, d, position) for d in task.deliverables]
                grid_rows: list[list[Cell | None]] = [[] for _ in plan_rows]
                for c in columns:
                    values = [c.value(r) or "" for r in plan_rows]
                    if c.per_task and len(values) > 1 and len(set(values)) == 1:
                        grid_rows[0].append(Cell(values[0], c.format, len(values)))
                        for later in grid_rows[1:]:
                            later.append(None)
                    else:
                        for cells, value in zip(grid_rows, values, strict=True):
                            cells.append(Cell(value, c.format))
                rows += [Row(tuple(cells)) for cells in grid_rows]
        grids.append(Grid(f"phu-luc-{len(grids) + 1}", page.sheet, title, page.lines, columns,
                          rows))
    return grids
