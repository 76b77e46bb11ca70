"""The plan's appendix tables, print-ready (``cchc-xl appendix``, Nghị định 30/2020).

The layout follows the master's data, never the plan's name:

- no common appendix title on the plan sheet: one appendix per reform area, each on
  its own sheet under the area's heading ("Phụ lục số 01: Các nhiệm vụ trọng tâm về
  Cải cách thể chế năm 2023"), as the Hoằng Hóa plan prints them;
- a common appendix title ("PHÂN CÔNG THỰC HIỆN ..."): one table for the whole plan
  with a group row per area ("Nội dung 1: ..."), as the Nghĩa Hưng plan prints it.

The "Kinh phí" column appears when any product has funding. A task with several
products takes one row per product; its number, content and units are merged over
those rows, each row keeping its own product, deadline and funding.

The renderer is shared: the report writes the same tables with more columns
(:class:`Column`, :func:`plan_columns`, :func:`add_appendix_sheets`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from .consolidated.link import APPENDIX_PROPERTY
from .edited import KeptEdit, rewriting
from .errors import MasterError
from .issuer import running_plan
from .master.layout import BLANK_ATTACHMENT
from .master.read import NO_TASKS, NO_TASKS_HINT
from .model import Deliverable, Heading, Master, Task
from .overwrite import APPENDIX, refuse_overwrite
from .sheet_names import sheet_name
from .styles import SIZE, XLSX_FORMATS, RowHeights, add_formats, keep_blocks_whole, setup_print
from .text import mid_sentence
from .xlio import atomic_write, fit_cell, new_xlsx, output_path

HEADING = "Phụ lục"
SINGLE_SHEET = "Phụ lục"
UNITS_GROUP = "Trách nhiệm cụ thể"
FUNDING_GROUP = "Kinh phí"


@dataclass(frozen=True)
class PlanRow:
    """One product row of a plan table: the task, its product and the task's place."""

    task: Task
    deliverable: Deliverable
    position: int

    @property
    def number(self) -> str:
        """The task's number as the master writes it, else its place in the table."""
        return shown_number(self.task, self.position)


def shown_number(task: Task, position: int) -> str:
    """A task's number as its appendix table prints it: the master's, else its place in
    the table (1-based, across the table's sections)."""
    return task.number or str(position)


@dataclass(frozen=True)
class Column:
    """A column of a plan table.

    ``per_task`` columns hold one cell per task, merged over its product rows (when
    every product row gives the same text). ``group`` is a header spanning the
    consecutive columns that share it, on a second header row.
    """

    header: str
    width: float
    value: Callable[[PlanRow], str]
    per_task: bool = False
    format: str = "cell"
    group: str = ""


@dataclass
class Section:
    """Tasks under one group row; an empty label writes no group row. ``headings``
    are the rows that head sub-tasks, written above the first of them."""

    label: str
    tasks: list[Task]
    headings: list[Heading] = field(default_factory=list)


@dataclass
class AppendixPage:
    """One sheet: heading lines (text, format name) above one table."""

    sheet: str
    lines: list[tuple[str, str]]
    sections: list[Section]


def _number(r: PlanRow) -> str:
    return r.number


def _content(r: PlanRow) -> str:
    return r.task.content


def _product(r: PlanRow) -> str:
    return r.deliverable.product


def _lead(r: PlanRow) -> str:
    return r.deliverable.lead_text


def _support(r: PlanRow) -> str:
    return r.deliverable.support_text


def _deadline(r: PlanRow) -> str:
    return r.deliverable.deadline.raw


def _funding(r: PlanRow) -> str:
    return r.deliverable.funding


def _note(r: PlanRow) -> str:
    return r.deliverable.note


def is_single_appendix(master: Master) -> bool:
    """One appendix for the whole plan, grouped by area, when the plan names one."""
    return bool(master.plan.appendix_title)


def has_funding(master: Master) -> bool:
    return any(d.funding for d in master.deliverables())


def has_notes(master: Master) -> bool:
    return any(d.note for d in master.deliverables())


def plan_columns(master: Master, extra: Sequence[Column] = ()) -> list[Column]:
    """The columns the plan's appendix prints, then ``extra`` (the report's results)."""
    if is_single_appendix(master):
        columns = [
            Column("Stt", 5, _number, per_task=True, format="cell_center"),
            Column("Nhiệm vụ cụ thể", 36, _content, per_task=True),
            Column("Đơn vị chủ trì", 16, _lead, per_task=True, group=UNITS_GROUP),
            Column("Đơn vị phối hợp", 20, _support, per_task=True, group=UNITS_GROUP),
            Column("Sản phẩm", 32, _product),
            Column("Thời gian hoàn thành", 13, _deadline),
        ]
        funding = Column(f"Dự kiến năm {master.plan.year}", 14, _funding, group=FUNDING_GROUP)
    else:
        columns = [
            Column("TT", 5, _number, per_task=True, format="cell_center"),
            Column("Nội dung thực hiện", 44, _content, per_task=True),
            Column("Sản phẩm/Kết quả", 28, _product),
            Column("Cơ quan chủ trì", 22, _lead, per_task=True),
            Column("Cơ quan phối hợp", 22, _support, per_task=True),
            Column("Thời gian hoàn thành", 16, _deadline),
        ]
        funding = Column(FUNDING_GROUP, 14, _funding)
    if has_funding(master):
        columns.append(funding)
    if has_notes(master):  # the plan's "Ghi chú", as its table printed it (a QA pass)
        columns.append(Column("Ghi chú", 16, _note))
    return columns + list(extra)


def roman(n: int) -> str:
    """1 -> "I", 4 -> "IV": appendix and group numbering per Nghị định 30/2020."""
    digits = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in digits:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def attachment_line(plan) -> str:
    """The plan's "(Kèm theo Kế hoạch số …)" line as its appendix prints it: as written,
    but the blank one a new plan table starts with, which takes the number, the day and
    the authority the office filled in on the "Kế hoạch" sheet (a QA pass: "Kế hoạch số
    /KH-UBND ngày tháng năm 2026 của Ủy ban nhân dân xã" beside a report citing "số
    15/KH-UBND ngày 08/01/2026")."""
    m = BLANK_ATTACHMENT.match(plan.attachment or "")
    if m is None or not (plan.number or plan.issued or plan.authority):
        return plan.attachment
    # "15" or "Số 15/KH-UBND" typed for "15/KH-UBND" (a QA pass: "số 15", "số Số 15/…").
    number = re.sub(r"^\s*số\s*:?\s*", "", plan.number or "", flags=re.IGNORECASE).strip()
    if number and "/" not in number:
        number = f"{number}/{m['symbol']}"
    number = number or f"      /{m['symbol']}"
    day = (f"ngày {plan.issued:%d} tháng {plan.issued:%m} năm {plan.issued:%Y}" if plan.issued
           else f"ngày     tháng     năm {m['year']}")
    authority = running_plan(plan).authority if plan.authority else m["authority"]
    return f"(Kèm theo Kế hoạch số {number} {day} của {authority})"


def appendix_pages(master: Master) -> list[AppendixPage]:
    """The sheets of the plan's appendix, with their heading lines and tables.

    Headings are the master's own when it gives them; otherwise "Phụ lục I", "II"...
    (plain "Phụ lục" for a single one) over the title in capitals, per Nghị định 30.
    """
    plan = master.plan
    attachment = [(attachment_line(plan), "italic")] if plan.attachment else []
    if is_single_appendix(master):
        lines = [(HEADING, "title"), (plan.appendix_title.upper(), "caps_title"), *attachment]
        sections = [Section(a.heading or f"{roman(i)}. {a.title}", a.tasks, a.headings)
                    for i, a in enumerate(master.areas, 1)]
        return [AppendixPage(SINGLE_SHEET, lines, sections)]
    several = len(master.areas) > 1
    pages = []
    taken: set[str] = set()
    for i, area in enumerate(master.areas, 1):
        if area.heading:
            heading = [(area.heading, "title")]
        else:
            label = f"{HEADING} {roman(i)}" if several else HEADING
            heading = [(label, "title"), (area.title.upper(), "caps_title")]
        pages.append(AppendixPage(sheet_name(area.sheet, taken), heading + attachment,
                                  [Section("", area.tasks, area.headings)]))
    return pages


# What a page's heading or a section's label calls it, as a reader finds a task in the
# plan by: "Phụ lục số 07", "Phụ lục II", "Nội dung 1", "Phần I", "I" (of "I. CẢI CÁCH …").
_DESIGNATION = re.compile(r"^\s*((?:phụ lục|nội dung|phần|mục)(?:\s+số)?\s+[\dIVXLC]+"
                          r"|[IVXLC]+(?=\s*[.:)]))", re.IGNORECASE)


def _designation(text: str) -> str:
    """What a heading calls its table or section ("Phụ lục số 07: Các nhiệm vụ …" ->
    "Phụ lục số 07"); else its words before a colon when they are few ("Lĩnh vực 1")."""
    m = _DESIGNATION.match(text or "")
    if m is None:
        named = (text or "").split(":", 1)[0].strip()
        return named if ":" in (text or "") and len(named) <= 25 else ""
    found = m[1].strip()
    return found if not found.isupper() or " " in found else f"mục {found}"


# The column of a table naming tasks by :func:`plan_numbers` (the overdue letter's annex,
# the Word report's Phụ lục III and IV): its number "trong kế hoạch", the counter "TT"
# beside it being the table's own.
PLAN_NUMBER_HEADER = "TT trong kế hoạch"


def plan_numbers(master: Master, placed: bool = True) -> dict[str, str]:
    """Each task's number (by its id) as the plan's appendix prints it
    (:func:`shown_number`), a sub-task's marker after its heading's number ("6 a)"),
    and, where the plan numbers tasks anew under each appendix or section, which one
    ("4 (Phụ lục số 07)"): how a letter listing tasks of several areas names each, as a
    reader finds it in the plan (a QA pass: the overdue letter's annex named them by the
    tool's codes, "CD-04", printed nowhere in the plan). Without ``placed``, the number
    alone ("4"), for a list that names each task under its area's heading. A number
    printed with a full stop ("4.") is named without it."""
    found: list[tuple[str, str, str]] = []  # (task id, number, where it is printed)
    for page in appendix_pages(master):
        position = 0
        where = _designation(next((text for text, _ in page.lines), ""))
        for section in page.sections:
            headings = {h.id: h.number.strip().rstrip(".") for h in section.headings}
            for task in section.tasks:
                position += 1
                # "2." as the plan's table prints it is "2" when named: "2 (mục I)", not
                # "2. (mục I)" (a QA pass), as a heading's number above is.
                number = shown_number(task, position).rstrip(".") or str(position)
                above = headings.get(task.parent, "")
                if above and not any(ch.isdigit() for ch in number):
                    number = f"{above} {number}"
                found.append((task.id, number, _designation(section.label) or where))
    numbers = [number for _, number, _ in found]
    anew = placed and len(set(numbers)) < len(numbers)
    return {tid: f"{number} ({where})" if anew and where else number
            for tid, number, where in found}


def _size(format_name: str) -> float:
    return float(XLSX_FORMATS[format_name].get("font_size", SIZE))


def _bold(format_name: str) -> bool:
    return bool(XLSX_FORMATS[format_name].get("bold"))


def write_heading(ws, formats: dict[str, object], row: int, lines: list[tuple[str, str]],
                  widths: Sequence[float]) -> int:
    """Heading lines centred across the table's width; returns the next free row."""
    heights = RowHeights()
    last_col = len(widths) - 1
    for text, name in lines:
        ws.merge_range(row, 0, row, last_col, "", formats[name])
        ws.write_string(row, 0, text, formats[name])
        heights.merged(row, row, text, sum(widths), _size(name), _bold(name))
        row += 1
    heights.apply(ws)
    return row


def _write_text(ws, row: int, col: int, text: str, fmt) -> None:
    """A text cell; an empty one stays blank (bordered), not an empty string."""
    if text:
        ws.write_string(row, col, fit_cell(text), fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def write_header(ws, formats, row: int, columns: Sequence[Column], heights: RowHeights) -> int:
    fmt = formats["header"]
    two_rows = any(c.group for c in columns)
    col = 0
    for group, members in groupby(columns, key=lambda c: c.group):
        members = list(members)
        if not group:
            for c in members:
                if two_rows:
                    ws.merge_range(row, col, row + 1, col, "", fmt)
                    heights.merged(row, row + 1, c.header, c.width, bold=True)
                else:
                    heights.cell(row, c.header, c.width, bold=True)
                ws.write_string(row, col, c.header, fmt)
                col += 1
            continue
        span = sum(c.width for c in members)
        if len(members) > 1:
            ws.merge_range(row, col, row, col + len(members) - 1, "", fmt)
            heights.merged(row, row, group, span, bold=True)
        else:
            heights.cell(row, group, span, bold=True)
        ws.write_string(row, col, group, fmt)
        for c in members:
            ws.write_string(row + 1, col, c.header, fmt)
            heights.cell(row + 1, c.header, c.width, bold=True)
            col += 1
    return row + (2 if two_rows else 1)


def _write_task(ws, formats, row: int, columns: Sequence[Column], task: Task, position: int,
                heights: RowHeights) -> int:
    rows = [PlanRow(task, d, position) for d in task.deliverables]
    last = row + len(rows) - 1
    for col, c in enumerate(columns):
        fmt = formats[c.format]
        values = [c.value(r) or "" for r in rows]
        if c.per_task and len(rows) > 1 and len(set(values)) == 1:
            ws.merge_range(row, col, last, col, "", fmt)
            _write_text(ws, row, col, values[0], fmt)
            heights.merged(row, last, values[0], c.width)
            continue
        for i, value in enumerate(values):
            _write_text(ws, row + i, col, value, fmt)
            heights.cell(row + i, value, c.width)
    return last + 1


def _write_heading_row(ws, formats, row: int, columns: Sequence[Column], heading: Heading,
                       heights: RowHeights) -> int:
    """A heading of sub-tasks: its number and content in bold, the other cells empty."""
    for col, c in enumerate(columns):
        text = {_number: heading.number, _content: heading.content}.get(c.value, "")
        fmt = formats["cell_bold_center" if c.format == "cell_center" else "cell_bold"]
        _write_text(ws, row, col, text, fmt)
        if text:
            heights.cell(row, text, c.width, bold=True)
    return row + 1


def write_plan_table(ws, formats: dict[str, object], row: int, columns: Sequence[Column],
                     sections: Sequence[Section],
                     blocks: dict[int, int] | None = None) -> tuple[int, int]:
    """Write the header and the tasks of ``sections`` from ``row`` (0-based).

    Returns the last header row and the next free row. Tasks are numbered by their
    place across all sections when the master gives no number. ``blocks`` gets each
    task's rows (first: last), with the section label and sub-task heading above it:
    rows to print on one page.
    """
    blocks = {} if blocks is None else blocks
    heights = RowHeights()
    for col, c in enumerate(columns):
        ws.set_column(col, col, c.width)
    row = write_header(ws, formats, row, columns, heights)
    header_last = row - 1
    position = 0
    for section in sections:
        start = row
        if section.label:
            ws.merge_range(row, 0, row, len(columns) - 1, "", formats["group"])
            ws.write_string(row, 0, section.label, formats["group"])
            heights.merged(row, row, section.label, sum(c.width for c in columns), bold=True)
            row += 1
        headings = {h.id: h for h in section.headings}
        for task in section.tasks:
            heading = headings.pop(task.parent, None)
            if heading is not None:
                row = _write_heading_row(ws, formats, row, columns, heading, heights)
            position += 1
            row = _write_task(ws, formats, row, columns, task, position, heights)
            blocks[start] = row - 1
            start = row
    heights.apply(ws)
    return header_last, row


def add_appendix_sheets(workbook, formats: dict[str, object], master: Master,
                        extra: Sequence[Column] = (),
                        lines: Callable[[AppendixPage], list[tuple[str, str]]] | None = None,
                        whole_tasks: bool = False) -> list:
    """Add the plan's appendix sheets to an xlsxwriter workbook; returns the sheets.
    ``lines`` gives a page's heading lines another way (the report's results);
    ``whole_tasks`` prints each task on one page (:func:`styles.keep_blocks_whole`, the
    Phụ lục workbook; not the report's plan sheets: with the results columns the
    shared scale would print 12 pt text at 7.3 pt, docs/printing.md)."""
    columns = plan_columns(master, extra)
    sheets = []
    for page in appendix_pages(master):
        ws = workbook.add_worksheet(page.sheet)
        heading = lines(page) if lines is not None else page.lines
        row = write_heading(ws, formats, 0, heading, [c.width for c in columns]) + 1
        blocks: dict[int, int] = {}
        header_last, end = write_plan_table(ws, formats, row, columns, page.sections, blocks)
        setup_print(ws, header_rows=(row, header_last), widths=[c.width for c in columns])
        if whole_tasks:
            keep_blocks_whole(ws, widths=[c.width for c in columns], last_row=end - 1,
                              header_rows=(row, header_last), blocks=blocks)
        ws.freeze_panes(header_last + 1, 0)
        # Task numbers are the master's text ("1", "1a"): no "number stored as text" marks.
        ws.ignore_errors({"number_stored_as_text":
                          f"A1:{xl_rowcol_to_cell(max(end, 1) - 1, len(columns) - 1)}"})
        sheets.append(ws)
    return sheets


@dataclass(frozen=True)
class AppendixMade:
    """The appendix written at ``path``; ``kept``: the office's edited copy of the one
    there before, kept beside it (cchc_xl.edited), to be named to her."""

    path: Path
    kept: list[KeptEdit]


def write_appendix(master: Master, out: Path) -> Path:
    """Write the plan's appendix tables to ``out`` (.xlsx), atomically, keeping the
    office's edited copy beside it first (:func:`make_appendix`); where it is written.
    The web app's download is written in a folder of its own each time: nothing there to
    keep, nothing to say."""
    return make_appendix(master, out).path


def make_appendix(master: Master, out: Path) -> AppendixMade:
    """Write the plan's appendix tables to ``out`` (.xlsx), atomically. A plan with no
    task has none: said as split says it (it wrote a workbook of one blank sheet and "Đã
    ghi", a QA pass on a plan made by init). An appendix there the office edited (notes
    typed, widths changed, a title renamed, saved by Excel or LibreOffice) is kept beside
    it before it is written again, as every command keeps its earlier output (a QA pass:
    written over without a word); told by the file's own marks (edited.is_edited): the
    appendix has no ledger beside it to keep a record in, and no record is left in the
    plan's folder."""
    out = output_path(out, (".xlsx",), "phụ lục", [(master.path, "bảng kế hoạch")])
    if not any(a.tasks for a in master.areas):
        raise MasterError(f"{NO_TASKS}, chưa có phụ lục để lập", file=master.path or None,
                          hint=NO_TASKS_HINT)
    refuse_overwrite(out, "tệp phụ lục", own=(APPENDIX,), option="--out")

    def write(tmp: Path) -> None:
        workbook = new_xlsx(tmp)
        plan = running_plan(master.plan)  # a title imported in capitals as running text
        title = plan.appendix_title or f"{HEADING} {mid_sentence(plan.title)}"
        workbook.set_properties({"title": title, "company": plan.authority})
        workbook.set_custom_property(APPENDIX_PROPERTY, master.plan.key)
        add_appendix_sheets(workbook, add_formats(workbook), master, whole_tasks=True)
        workbook.close()

    with rewriting((out,), None) as made:
        made.written.append(atomic_write(out, write))
    return AppendixMade(made.written[0], made.kept)
