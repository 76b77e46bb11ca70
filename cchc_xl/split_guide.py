"""The guide sheet ("Hướng dẫn") of a unit's workbook: the template
``huong-dan.md.j2`` rendered for the unit and laid out as rows, the unit's code in
:data:`~cchc_xl.assignment.GUIDE_UNIT_CELL` (where intake looks for it), one printed
page: the first sheet of every workbook split issues (:mod:`cchc_xl.split_book`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xlsxwriter.utility import xl_cell_to_rowcol

from . import styles
from .answer import Answer
from .assignment import (
    COL_DONE_ON,
    COL_DUE,
    COL_EVIDENCE,
    COL_NOTE,
    COL_PERCENT,
    COL_STATUS,
    GUIDE_SHEET,
    GUIDE_UNIT_CELL,
    INPUT_COLUMNS,
    AssignedRow,
    count_roles,
)
from .errors import CchcError
from .issuer import names_authority
from .model import Unit
from .templates import render, template_path
from .vocab import DONE, ERROR, FAIL, SEVERITY_LABEL, STATUSES, VERDICT_LABELS
from .xlio import vn_date

if TYPE_CHECKING:
    from .split_book import Cells, Issue, SheetPart

GUIDE_TEMPLATE = "huong-dan.md.j2"
GUIDE_WIDTHS = (24, 72)  # fits a portrait A4 page
_GUIDE_TABLE = " | "  # a line "label | value": a row of two cells
# A sheet's protection: rows and columns may be resized (a long text read in full).
PROTECT_OPTIONS = {"format_columns": True, "format_rows": True}


def guide_context(issue: Issue, unit: Unit, rows: list[AssignedRow],
                  parts: list[SheetPart], previous: dict[str, Answer], refused: int = 0,
                  wrong: int = 0) -> dict[str, object]:
    plan, period = issue.plan, issue.period
    lead, support = count_roles(rows)
    areas = []
    for part in parts:
        a_lead, a_support = count_roles(part.rows)
        areas.append({"sheet": part.name, "title": part.area.title, "rows": len(part.rows),
                      "lead": a_lead, "support": a_support})
    return {
        "plan_title": plan.title, "plan_number": plan.number,
        "plan_issued": vn_date(plan.issued), "plan_amended_in": plan.amended_in,
        "authority": plan.authority, "year": plan.year,
        # Its title names the authority already ("... của UBND xã Hoằng Tiến"): not again.
        "title_names_authority": names_authority(plan.title, plan.authority),
        "unit_code": unit.code, "unit_name": unit.name,
        "period_code": period.code, "period_name": period.name,
        "period_start": vn_date(period.start), "period_cutoff": vn_date(period.cutoff),
        "period_due": vn_date(period.due), "return_to": issue.return_to,
        "issued_on": vn_date(issue.issued_at.date()),
        "done_example": vn_date(issue.example),
        "done_example_iso": issue.example.isoformat(),  # year first: no locale swaps it
        "row_count": len(rows), "lead_count": lead, "support_count": support,
        "areas": areas, "statuses": list(STATUSES), "done": DONE,
        "input_columns": list(INPUT_COLUMNS), "col_status": COL_STATUS,
        "col_percent": COL_PERCENT, "col_done_on": COL_DONE_ON,
        "col_evidence": COL_EVIDENCE, "col_note": COL_NOTE, "col_due": COL_DUE,
        # Rows whose inputs are filled in from the unit's earlier reports (--ledger).
        "prefilled": sum(1 for r in rows if r.deliverable.id in previous),
        "refused": refused, "fail": VERDICT_LABELS[FAIL],  # of them, judged Chưa đạt
        "wrong": wrong, "error": SEVERITY_LABEL[ERROR],  # of them, with errors told
    }


def write_guide(wb, fmt, issue: Issue, unit: Unit, rows: list[AssignedRow],
                parts: list[SheetPart], previous: dict[str, Answer], refused: int,
                wrong: int) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    ws.set_column(0, 0, GUIDE_WIDTHS[0])
    ws.set_column(1, 1, GUIDE_WIDTHS[1])
    text = render(GUIDE_TEMPLATE, **guide_context(issue, unit, rows, parts, previous,
                                                  refused, wrong))
    unit_row, unit_col = xl_cell_to_rowcol(GUIDE_UNIT_CELL)
    unit_cell_value = None
    laid: list[tuple[int, Cells, float]] = []
    shape = []  # each row's kind and height: with its texts' places, all its XML holds
    for r, line in enumerate(text.split("\n")):
        kind, texts, height = guide_line(issue, line)
        if kind in ("title", "italic"):  # across both columns
            ws.merge_range(r, 0, r, 1, "")
            laid.append((r, ((0, texts[0], kind),), height))
        elif kind == "heading":
            laid.append((r, ((0, texts[0], "bold"),), height))
        elif kind == "table":
            laid.append((r, ((0, texts[0], "cell_bold"), (1, texts[1], "cell")), height))
            if (r, unit_col) == (unit_row, 1):
                unit_cell_value = texts[1]
        elif kind == "text":
            laid.append((r, ((1, texts[0], "text"),), height))
        else:
            continue
        shape.append((r, kind, height))
    # Most units' guides differ only in texts (their name, code, counts).
    issue.sheet_rows.write(ws, (GUIDE_SHEET, *shape), laid, fmt)
    if unit_col != 1 or unit_cell_value != unit.code:
        raise CchcError(
            f"mẫu '{GUIDE_TEMPLATE}' phải ghi mã đơn vị ở ô {GUIDE_UNIT_CELL} "
            "(dòng 4: 'Mã đơn vị | {{ unit_code }}')", file=str(template_path(GUIDE_TEMPLATE)))
    # One page: a guide filled in from the ledger is a few lines longer, and its last
    # heading ("Lưu ý khi gửi lại") went to a page of its own (a QA pass).
    styles.setup_print(ws, widths=GUIDE_WIDTHS, landscape=False, one_page=True)
    ws.hide_gridlines(2)  # a page of text, not a grid
    ws.protect(issue.password, PROTECT_OPTIONS)
    ws.activate()


def guide_line(issue: Issue, line: str) -> tuple[str, tuple[str, ...], float]:
    """How one rendered line of the guide is written: its kind, its texts and its row
    height. Measured once per distinct line of a split (most lines are the same for
    every unit); the template's markup is described in ``huong-dan.md.j2``."""
    known = issue.guide_lines.get(line)
    if known is not None:
        return known
    raw, line = line, line.rstrip()
    width = sum(GUIDE_WIDTHS)
    # The lines across the page in two lines of about one length (styles.even_lines).
    if line.startswith("# "):
        text = styles.even_lines(line[2:].strip(), width, styles.TITLE_SIZE, bold=True)
        known = ("title", (text,), styles.fitted_height([(text, width)], styles.TITLE_SIZE,
                                                         bold=True))
    elif line.startswith("> "):
        text = styles.even_lines(line[2:].strip(), width)
        known = ("italic", (text,), styles.fitted_height([(text, width)]))
    elif line.startswith("## "):
        known = ("heading", (line[3:].strip(),),
                 styles.fitted_height([(line[3:], GUIDE_WIDTHS[0])]))
    elif _GUIDE_TABLE in line:
        label, value = (s.strip() for s in line.split(_GUIDE_TABLE, 1))
        known = ("table", (label, value), styles.fitted_height(
            [(label, GUIDE_WIDTHS[0]), (value, GUIDE_WIDTHS[1])]))
    elif line.strip():
        known = ("text", (line.strip(),), styles.fitted_height([(line, GUIDE_WIDTHS[1])]))
    else:
        known = ("empty", (), 0.0)
    issue.guide_lines[raw] = known
    return known
