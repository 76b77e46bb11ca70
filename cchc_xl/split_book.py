"""A unit's workbook, as split issues it: the guide sheet (:mod:`cchc_xl.split_guide`),
one protected sheet per reform area (its titles, the column headers, a bold row for each
heading of sub-tasks, the unit's task rows with their unlocked, validated input cells,
the comments on answers filled in from the ledger, print setup), then the identity
carriers of :mod:`cchc_xl.assignment`.

:class:`Issue` holds what every workbook of one split shares (the plan, the period, the
date limits, the validation rules, and the rows and lines made once per split);
:func:`write_workbook` writes one unit's. The run (checks, the output folder, the
ledger's earlier answers, the workers, the manifests) is :mod:`cchc_xl.split`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

import jinja2  # noqa: F401  every workbook renders the guide: loaded with split (templates defers it)
from xlsxwriter.utility import xl_cell_to_rowcol

from . import styles
from .answer import Answer
from .assessment import Assessment, refused_words
from .assignment import (
    COL_DEADLINE,
    COL_DONE_ON,
    COL_DUE,
    COL_EVIDENCE,
    COL_ID,
    COL_NOTE,
    COL_NUMBER,
    COL_PERCENT,
    COL_PRODUCT,
    COL_ROLE,
    COL_STATUS,
    COL_TASK,
    COLUMNS,
    GUIDE_SHEET,
    HEADER_ROW,
    HEADING_CUTOFF,
    HEADING_ROW,
    HEADING_SEPARATOR,
    INPUT_COLUMNS,
    AssignedRow,
    Identity,
    area_sheets,
    column_widths,
    digest_line,
    due_value,
    issued_inputs,
    issued_line,
    lines_digest,
    role_text,
    write_identity_xlsxwriter,
)
from .carried import Told, carries
from .fast import book as fast_book
from .fast.rowmemo import RowsMemo
from .findings import Finding
from .fitrows import FittedRows, FittedWorksheet
from .issuer import running_plan
from .model import Area, Heading, Master, Period, Unit
from .periods import example_day
from .split_guide import PROTECT_OPTIONS, write_guide
from .vocab import DONE, ERROR, IN_PROGRESS, STATUSES
from .xlio import new_xlsx, vn_date

FAST = True  # write through cchc_xl.fast.book (where checked); tests turn it off

# Input messages shown when a cell is selected ({year}: the plan's, in the examples;
# {example}: a completion date in the period, periods.example_day).
# Excel's limits: title 32 characters, prompt 255, error message 224 (checked by the
# tests).
_STATUS_LIST = ", ".join(STATUSES)
PROMPTS: dict[str, tuple[str, str]] = {
    COL_STATUS: (COL_STATUS, f"Chọn trong danh sách: {_STATUS_LIST}."),
    COL_PERCENT: (COL_PERCENT,
                  f"Số nguyên từ 0 đến 100, không ghi dấu %. Nhiệm vụ {DONE.lower()} ghi 100."),
    COL_DONE_ON: (COL_DONE_ON,
                  f"Ghi khi trạng thái là \"{DONE}\", dạng ngày/tháng/năm, ví dụ {{example}}. "
                  "Xem lại ô hiển thị đúng ngày chưa."),
    COL_EVIDENCE: (COL_EVIDENCE,
                   "Số, ký hiệu, ngày văn bản chứng minh kết quả, ví dụ: Kế hoạch số "
                   "125/KH-UBND ngày 05/01/{year}; hoặc đường dẫn, tên tệp."),
    COL_NOTE: (COL_NOTE, "Khó khăn, vướng mắc, lý do chậm hoặc chưa thực hiện, đề xuất."),
}
ERRORS: dict[str, tuple[str, str]] = {
    COL_STATUS: ("Trạng thái không hợp lệ",
                 f"Chỉ chọn một trạng thái trong danh sách: {_STATUS_LIST}."),
    COL_PERCENT: ("Tỷ lệ không hợp lệ", "Ghi số nguyên từ 0 đến 100, không ghi dấu %."),
    # {last}: the period's cut-off, after which merge refuses a completion date
    # (date-after-cutoff, an error): said when typed, not in a feedback file days later.
    COL_DONE_ON: ("Ngày không hợp lệ",
                  "Ghi ngày dạng ngày/tháng/năm, từ {first} đến {last} (ngày chốt số liệu "
                  f"của kỳ). Việc xong sau ngày chốt: kỳ này chọn \"{IN_PROGRESS}\", để "
                  "trống ngày, báo cáo hoàn thành ở kỳ sau."),
}
LEGEND = ("Chỉ điền các ô nền vàng; các cột khác đã khóa. "
          f"Xem cách điền ở trang \"{GUIDE_SHEET}\".")

COL = {name: i for i, name in enumerate(COLUMNS)}  # a task sheet's columns, 0-based

# The formats of styles.XLSX_FORMATS a unit's workbook uses (only these are built).
FORMATS = ("title", "italic", "text", "bold", "header", "cell", "cell_center", "cell_date",
           "cell_bold", "cell_bold_center", "input", "input_center", "input_date",
           "input_percent")


class Issue:
    """What every workbook of one split shares: the plan, period, date limits."""

    def __init__(self, master: Master, period: Period, issued_at: datetime,
                 password: str | None, return_to: str = "") -> None:
        self.master = master
        self.return_to = return_to  # where units send their files back ("": not said)
        # Title and authority as running text (an import keeps a heading in capitals).
        self.plan = running_plan(master.plan)
        self.period = period
        self.issued_at = issued_at
        self.password = password or ""
        year = master.plan.year or period.cutoff.year
        # Preparatory work of a plan is done in the year before it (the seeds have
        # deadlines in November 2022 for 2023). A day after the period's cut-off is
        # merge's error (date-after-cutoff): Excel refused only days after next year's
        # end, and the unit learnt of it in a feedback file to fix and send again (a
        # QA pass as a ward's clerk: 20/06 typed in a file cut on 14/06).
        self.first_day = date(year - 1, 1, 1)
        self.last_day = period.cutoff
        self.example = example_day(period.start, period.cutoff)
        self.rules = _validation_rules(self.first_day, self.last_day, year, self.example)
        self.period_line = (f"{period.name}{HEADING_CUTOFF}{vn_date(period.cutoff)}, "
                            f"gửi lại chậm nhất ngày {vn_date(period.due)})")
        self.widths = column_widths(d.id for d in master.deliverables())
        self.header_row = _header_row(self.widths)
        # The products whose answers are carried forward (--ledger).
        self.dated = {d.id for d in master.deliverables() if carries(d)}
        # What the earlier periods told of the answers filled in again (--ledger).
        self.told: Told | None = None
        self.task_rows: dict[object, tuple[Cells, float]] = {}  # _task_row, _heading_row
        self.guide_lines: dict[str, tuple[str, tuple[str, ...], float]] = {}  # guide_line
        self.plan_lines: dict[tuple, str] = {}  # _plan_lines
        self.sheet_rows = RowsMemo()  # sheets laid out as one before (guide, task sheets)


def write_workbook(target: BytesIO, issue: Issue, unit: Unit, rows: list[AssignedRow],
                    previous: dict[str, Answer], refused: dict[str, Assessment],
                    wrong: dict[str, list[Finding]]) -> None:
    master, period = issue.master, issue.period
    # The same file, written out quicker (byte-identical: test_fast_sheet).
    wb = new_xlsx(target, in_memory=True, cls=fast_book.workbook_class(FAST))
    if not issubclass(wb.worksheet_class, FittedRows):  # xlsxwriter's own Workbook
        wb.worksheet_class = FittedWorksheet  # task rows that grow: _write_area
    try:
        fmt = styles.add_formats(wb, FORMATS)
        styles.number_formats(fmt.values())  # alike in every workbook (rowmemo)
        wb.set_properties({
            "title": f"{issue.plan.title} - {unit.name} - {period.name}",
            "subject": "Báo cáo kết quả thực hiện kế hoạch cải cách hành chính",
            "author": issue.plan.authority,
            "company": issue.plan.authority,
            "created": issue.issued_at,
        })
        parts = _sheets(rows)
        comments = _comments(refused, wrong)
        write_guide(wb, fmt, issue, unit, rows, parts, previous, len(refused), len(wrong))
        for part in parts:
            _write_area(wb, fmt, issue, unit, part, previous, comments)
        write_identity_xlsxwriter(wb, Identity(
            plan=master.plan.key, year=master.plan.year, unit=unit.code, unit_name=unit.name,
            period=period.code, rows=[r.deliverable.id for r in rows],
            issued_at=issue.issued_at.isoformat(),
            inputs=lines_digest(issued_line(r.deliverable.id, previous.get(r.deliverable.id))
                                for r in rows),
            shown=lines_digest(_plan_lines(issue, rows))))
    finally:
        wb.close()
        # Each sheet keeps the workbook's add_format, a reference cycle through every
        # cell: broken, the workbook is freed as this returns instead of waiting for the
        # collector to walk it.
        for ws in wb.worksheets():
            ws.workbook_add_format = None


@dataclass
class SheetPart:
    """One task sheet of a unit's workbook: an area and the unit's rows in it."""

    name: str
    area: Area
    rows: list[AssignedRow]


def _sheets(rows: list[AssignedRow]) -> list[SheetPart]:
    """The unit's rows by area, in plan order, each area with its sheet name."""
    names = area_sheets(rows)
    by_area: dict[str, SheetPart] = {}
    for r in rows:
        if r.area.code not in by_area:
            by_area[r.area.code] = SheetPart(names[r.area.code], r.area, [])
        by_area[r.area.code].rows.append(r)
    return list(by_area.values())


def _comments(refused: dict[str, Assessment], wrong: dict[str, list[Finding]]
              ) -> dict[str, dict[str, list[str]]]:
    """What a row filled in from the ledger says of its earlier answer, by product, then
    column: the office's Chưa đạt on the status cell, each error on the cell it is
    about (on the status cell when that is none of the inputs), worded as the feedback
    file words them (feedback.comment_line), "Kỳ trước, " before each."""
    from .feedback import comment_line
    from .letters.remind import ASSESSED_NOT_PASSED

    out: dict[str, dict[str, list[str]]] = {}
    for did, given in refused.items():
        out.setdefault(did, {}).setdefault(COL_STATUS, []).append(comment_line(
            Finding(ERROR, ASSESSED_NOT_PASSED, refused_words(given.note)), "Kỳ trước, "))
    for did, found in wrong.items():
        for f in found:
            column = _input_column(f.cell)
            out.setdefault(did, {}).setdefault(column, []).append(
                comment_line(f, "Kỳ trước, "))
    return out


def _input_column(cell: str) -> str:
    """The input column of a returned file's cell, by its letter (a unit's file cannot
    move its columns: the sheet is protected); the status column for any other."""
    column = xl_cell_to_rowcol(cell)[1] if cell else -1
    name = COLUMNS[column] if 0 <= column < len(COLUMNS) else None
    return name if name in INPUT_COLUMNS else COL_STATUS


_COMMENT = {"author": "cchc-xl", "x_scale": 2.2, "y_scale": 1.6}


def _comment_lines(text: str) -> int:
    """About how many lines ``text`` takes in a comment box of _COMMENT's width (some 40
    characters a line): its height, at five lines a y_scale of 1."""
    return sum(max(1, -(-len(line) // 40)) for line in text.split("\n"))


def _write_area(wb, fmt, issue: Issue, unit: Unit, part: SheetPart,
                previous: dict[str, Answer], comments: dict[str, dict[str, list[str]]]
                ) -> None:
    ws = wb.add_worksheet(part.name)
    area = part.area
    last = len(COLUMNS) - 1
    widths = issue.widths
    for name, i in COL.items():
        ws.set_column(i, i, widths[name])
    width = sum(widths.values())
    period = issue.period
    unit_line = f"{unit.name}{HEADING_SEPARATOR}{issue.period_line}"
    unit_height = styles.fitted_height([(unit_line, width)])
    # The titles across the table, merged: only the first cell is written (a merged
    # cell shows its first cell's format, and the titles' have no border or fill the
    # covered cells would have to carry), with the rows.
    titles = ((0, area.heading or area.title, "title",
               styles.fitted_height([(area.heading or area.title, width)], styles.TITLE_SIZE,
                                    bold=True)),
              (HEADING_ROW - 1, unit_line, "italic", unit_height),
              (2, LEGEND, "italic", styles.fitted_height([(LEGEND, width)])))
    laid: list[tuple[int, Cells, float]] = []
    for r, text, style, height in titles:
        ws.merge_range(r, 0, r, last, "")
        laid.append((r, ((0, text, style),), height))
    header = HEADER_ROW - 1
    made = [issue.header_row]  # each row's cells and height, as made once per split
    first = header + 1
    seen_tasks: set[str] = set()
    task_rows = []  # the rows the unit types in
    for row in part.rows:
        task = row.task
        heading = area.find_heading(task.parent) if task.parent else None
        if heading is not None and heading.id not in seen_tasks:
            # Shown for reading only: no id, so intake passes over it.
            seen_tasks.add(heading.id)
            made.append(_heading_row(issue, heading))
        first_of_task = task.id not in seen_tasks
        seen_tasks.add(task.id)
        for column, lines in comments.get(row.deliverable.id, {}).items():
            # As the feedback file marks the cell (a comment; the status cell's for the
            # office's Chưa đạt).
            text = "\n".join(lines)
            ws.write_comment(header + len(made), COL[column], text, {
                **_COMMENT, "y_scale": max(_COMMENT["y_scale"], _comment_lines(text) / 5)})
        task_rows.append(header + len(made))
        made.append(_task_row(issue, row, first_of_task, previous.get(row.deliverable.id)))
    laid += [(header + n, cells, height) for n, (cells, height) in enumerate(made)]
    # Their height as worked out, not as set by hand: Excel and LibreOffice fit it again
    # to what the unit types (a note on several lines is not cut off; fitrows).
    ws.fitted_rows = frozenset(task_rows)
    # The same rows as a sheet before (a commune's, most often) are written from its
    # XML: the area, the unit line's height and the rows made, which the split keeps.
    issue.sheet_rows.write(ws, (id(area), unit_height, *map(id, made)), laid, fmt)
    r = header + len(made) - 1
    _validate(ws, first, r, issue)
    ws.freeze_panes(HEADER_ROW, 1)
    # The cursor on the first cell the unit types in (its status), not on A1 under the
    # frozen titles (a QA pass: the unit had to find the yellow cells first).
    ws.set_selection(first, COL[COL_STATUS], first, COL[COL_STATUS])
    styles.setup_print(ws, widths=widths.values(), header_rows=(header, header))
    font = f'&"{styles.FONT},Regular"'
    ws.set_header(f"&L{font}{_escape_header(unit.name)}&R{font}{_escape_header(period.name)}")
    ws.protect(issue.password, PROTECT_OPTIONS)


# A row's cells: (column, value, name of its format), in the order they are written (the
# order their texts take in the shared strings); a value None is an empty cell that keeps
# its format (fast.sheet.write_cells).
Cells = tuple[tuple[int, object, str], ...]


def _header_row(widths: dict[str, float]) -> tuple[Cells, float]:
    """The column headers of a task sheet and their row's height."""
    return (tuple((i, name, "header") for i, name in enumerate(COLUMNS)),
            styles.fitted_height([(name, widths[name]) for name in COLUMNS], bold=True))


def _task_row(issue: Issue, row: AssignedRow, first_of_task: bool,
              before: Answer | None) -> tuple[Cells, float]:
    """A task row's cells and the height its texts need, with room for a second line
    of typed evidence even where the plan's text is short. Worked out once per
    distinct row of a split (the communes of a plan get the same rows) and kept."""
    inputs = issued_inputs(before)
    # A co-lead's role names the other leads: the rows of a product differ by unit.
    role = role_text(issue.master, row.deliverable, row.role, row.unit)
    key = (id(row.deliverable), id(row.task), first_of_task, role, *inputs)
    known = issue.task_rows.get(key)
    if known is not None:
        return known
    d, task = row.deliverable, row.task
    texts = {
        COL_ID: (d.id, "cell_center"),
        COL_NUMBER: (task.number if first_of_task else "", "cell_center"),
        COL_TASK: (task.content if first_of_task else "", "cell"),
        COL_PRODUCT: (d.product, "cell"),
        COL_ROLE: (role, "cell_center"),
        COL_DEADLINE: (d.deadline.raw, "cell"),
    }
    cells = [(COL[name], text or None, style) for name, (text, style) in texts.items()]
    due = due_value(d.deadline, issue.period.cutoff)
    if isinstance(due, date):
        cells.append((COL[COL_DUE], _datetime(due), "cell_date"))
    else:
        cells.append((COL[COL_DUE], due, "cell_center"))
        texts[COL_DUE] = (due, "")
    status, percent, done_on, evidence, note = inputs
    cells += [(COL[COL_STATUS], status or None, "input_center"),
              (COL[COL_PERCENT], percent, "input_percent"),
              (COL[COL_DONE_ON], _datetime(done_on) if done_on else None, "input_date"),
              (COL[COL_EVIDENCE], evidence or None, "input"),
              (COL[COL_NOTE], note or None, "input")]
    height = styles.fitted_height(
        [(text, issue.widths[name]) for name, (text, _) in texts.items()]
        + [(evidence, issue.widths[COL_EVIDENCE]), (note, issue.widths[COL_NOTE])], min_lines=2)
    known = issue.task_rows[key] = (tuple(cells), height)
    return known


def _plan_lines(issue: Issue, rows: list[AssignedRow]) -> Iterator[str]:
    """Each task row's line of the digest of its plan cells as _task_row writes them
    (A.PLAN_CELLS: the task's number and content on its first row only), made once per
    distinct row of a split."""
    seen: set[str] = set()
    for row in rows:
        d, task = row.deliverable, row.task
        first = task.id not in seen
        seen.add(task.id)
        role = role_text(issue.master, d, row.role, row.unit)
        key = (id(d), first, role)
        line = issue.plan_lines.get(key)
        if line is None:
            line = issue.plan_lines[key] = digest_line(d.id, (
                task.number if first else "", task.content if first else "", d.product, role,
                d.deadline.raw, due_value(d.deadline, issue.period.cutoff)))
        yield line


def _heading_row(issue: Issue, heading: Heading) -> tuple[Cells, float]:
    """The heading of sub-tasks above the first of them, locked, in bold (once per
    heading of a split)."""
    known = issue.task_rows.get(id(heading))
    if known is None:
        cells = [(i, None, "cell") for i in COL.values()]
        cells += [(COL[COL_NUMBER], heading.number or None, "cell_bold_center"),
                  (COL[COL_TASK], heading.content or None, "cell_bold")]
        known = issue.task_rows[id(heading)] = (tuple(cells), styles.fitted_height(
            [(heading.content, issue.widths[COL_TASK])], bold=True))
    return known


def _datetime(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _escape_header(text: str) -> str:
    """Excel header text treats "&" as a control character ("HĐND&UBND")."""
    return text.replace("&", "&&")


def _validate(ws, first: int, last: int, issue: Issue) -> None:
    for name, rule in issue.rules.items():
        if ws.data_validation(first, COL[name], last, COL[name], rule) != 0:
            raise ValueError(f"invalid data validation for {name!r}: {rule}")


def _validation_rules(lo: date, hi: date, year: int, example: date
                      ) -> dict[str, dict[str, object]]:
    """The data validation of each input column (the same on every sheet of a split);
    its examples are dated in the plan's ``year``, a completion date as ``example``."""
    rules: dict[str, dict[str, object]] = {
        COL_STATUS: {"validate": "list", "source": list(STATUSES)},
        COL_PERCENT: {"validate": "integer", "criteria": "between", "minimum": 0,
                      "maximum": 100},
        COL_DONE_ON: {"validate": "date", "criteria": "between",
                      "minimum": _datetime(lo), "maximum": _datetime(hi)},
        COL_EVIDENCE: {"validate": "any"},
        COL_NOTE: {"validate": "any"},
    }
    for name, rule in rules.items():
        title, prompt = PROMPTS[name]
        rule |= {"input_title": title,
                 "input_message": prompt.format(year=year, example=vn_date(example))}
        if name in ERRORS:
            error_title, error = ERRORS[name]
            rule |= {"error_title": error_title,
                     "error_message": error.format(first=vn_date(lo), last=vn_date(hi))}
    return rules
