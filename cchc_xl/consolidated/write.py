"""The consolidated workbook of a period (merge's OUT.xlsx), rebuilt from the ledger.

Sheets: "Tổng hợp" (the period at a glance), one sheet per reform area (each
task, its lead units' status, %, evidence and derived timeliness, its
coordinators' reports), "Tất cả dòng" (every unit row), "Tệp đã nhận" (every
submission and its outcome), "Vấn đề" (every problem) and "Chưa gửi" (units that
sent nothing). Built afresh with xlsxwriter from a
:class:`~cchc_xl.snapshot.LedgerSnapshot`: values only, user text written as text.

The workbook records where its ledger is (custom property ``cchc_ledger``, relative
to the workbook's folder), so ``cchc-xl report OUT.xlsx`` finds it.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from .. import assessment as A
from .. import findings as F
from .. import made_from, styles
from ..answer import Answer
from ..answered import answered_refusals
from ..assignment import due_value
from ..fast import book as fast_book
from ..fast import sheet as fast_sheet
from ..fast.frozen import Cache, exact_key
from ..issuer import running_plan
from ..ledger import Ledger
from ..model import Area, Deliverable, Task
from ..pool import collector_paused
from ..report.summary import Summary, summarize
from ..sheet_names import sheet_name
from ..snapshot import LedgerSnapshot
from ..text import for_people, short_list, vn_progress
from ..vocab import (
    ANSWERED_LABEL,
    DONE,
    ERROR,
    IN_PROGRESS,
    LATE,
    MOVED,
    NOT_REPORTED,
    NOT_STARTED,
    NOTE,
    OUTCOME_LABELS,
    REJECTED,
    RETURN_MISSING,
    ROLE_LABELS,
    SEVERITY_LABEL,
    TIMELINESS_LABELS,
    UNVERIFIED,
    WARNING,
)
from ..xlio import (
    atomic_write,
    fit_cell,
    new_xlsx,
    parse_time,
    vn_date,
)
from .columns import (
    AREA_COLUMNS,
    DUE_COL,
    KEY_COL,
    PRINTED_WIDTHS,
    PRODUCT_COLS,
    PROGRESS_COL,
    VERDICT_COL,
    verdict_rule,
    where_to_assess,
)
from .files import file_rows, missing_rows, problem_rows
from .link import (
    ASSESSED_UNTIL_PROPERTY,
    LEDGER_PERIOD_PROPERTY,
    LEDGER_PLAN_PROPERTY,
    LEDGER_PROPERTY,
    NONE_ASSESSED,
    ledger_reference,
)
from .summary_sheet import summary_items

SUMMARY_SHEET = "Tổng hợp"
ROWS_SHEET = "Tất cả dòng"
FILES_SHEET = "Tệp đã nhận"
PROBLEMS_SHEET = "Vấn đề"
MISSING_SHEET = RETURN_MISSING  # the units whose return for the period is "Chưa gửi"

NOT_SENT = "Chưa gửi tệp"
HEADER_ROW = 3  # 0-based row of every table's header (title, subtitle, blank above)
_LATE_LABEL = TIMELINESS_LABELS[LATE]
_ERROR_LABEL = SEVERITY_LABEL[ERROR]
_WARNING_LABEL = SEVERITY_LABEL[WARNING]
_NOTE_LABEL = SEVERITY_LABEL[NOTE]

MAX_LISTED = 6  # units listed one by one in a cell; more are counted (a cell's 409 points)
_KNOWN_TEXTS = 1 << 12  # a table column's texts whose cell and lines are kept
_KNOWN_MADE = 1 << 14  # answered lead rows' cells kept (a national plan's names and more)
# zlib's quickest: the workbook is large and written again at every merge that changes
# it; a third of the CPU of the default level (6) for a file about a third larger.
_COMPRESSLEVEL = 1
# xlsxwriter's worksheet with a shorter way per cell (same file); False: xlsxwriter's own.
FAST_SHEETS = True


def write_consolidated(snapshot: LedgerSnapshot, out: Path, summary: Summary | None = None,
                       shown: Callable[[str], str] | None = None, *, app: bool = False
                       ) -> Path:
    """Write the consolidated workbook of ``snapshot`` to ``out`` (atomically);
    ``summary`` is ``summarize(snapshot)`` when the caller has it already; ``shown``
    names a file as the office knows it (default: its path as merged). With ``app`` (the
    web app's), the workbook sends the office to the app's Báo cáo page to record its
    verdicts, and names no command nor the ledger's file (its custom property still
    says where the ledger is)."""
    out = Path(out)
    where = ledger_reference(snapshot.db_path, out)
    # Hundreds of thousands of cells: the collector would walk the answers again and again.
    with collector_paused():
        return atomic_write(out, lambda tmp: _Writer(snapshot, where, summary,
                                                      shown, app).write(tmp))


def built_from(ledger: Ledger, plan_key: str, period: str, out: Path, named: bool = False,
               app: bool = False) -> str:
    """A fingerprint of everything the consolidated workbook ``out`` of a plan and period
    is written from: the ledger's content for them, where the workbook says its ledger
    is, whether files are shown by other names (``named``: the web app's upload names),
    whose words it speaks (``app``: the web app's, write_consolidated), and this
    program's code. The same fingerprint, the same workbook."""
    digest = hashlib.sha256(made_from.code_digest().encode())
    for part in (ledger.period_digest(plan_key, period), ledger_reference(ledger.path, out),
                 str(FAST_SHEETS), "named" if named else "", "app" if app else ""):
        digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()


@dataclass
class _Column:
    header: str
    width: float
    # "center" centres text; numbers and dates have their own formats, "time" a moment's
    # (a date and time, sorted and filtered as one in Excel).
    kind: str = "text"


class _Writer:
    def __init__(self, snapshot: LedgerSnapshot, ledger_path: str,
                 summary: Summary | None = None,
                 shown: Callable[[str], str] | None = None, app: bool = False) -> None:
        self.s = snapshot
        self.shown = shown or for_people  # a file as the office knows it
        self.app = app  # the web app's workbook: its words (write_consolidated)
        self.answered = answered_refusals(snapshot.submissions, snapshot.master, self.shown)
        # A refused file gone to its own period since (vocab.MOVED): listed as history.
        self._moved = any(s.outcome == MOVED for s in snapshot.submissions)
        self.summary = summary if summary is not None else summarize(snapshot)
        self.ledger_path = ledger_path
        self.names = snapshot.unit_names
        self.rows = {(r.unit, r.deliverable): r for r in snapshot.rows}
        self.rows.update(snapshot.carried)  # done in an earlier period (cchc_xl.carried)
        self.master = snapshot.master
        # Its title and authority as running text (a heading imported in capitals).
        self.plan = running_plan(snapshot.master.plan)
        self.deliverables = {d.id: d for d in self.master.deliverables()}
        self.missing = set(snapshot.missing_units)
        # A silent lead row's cells (but name and key) by status, progress and
        # assessment, one group given to every such row; its height by name, status and
        # progress.
        self._silent_cells: dict[tuple[str, str, str | None], fast_sheet.Repeated] = {}
        self._silent_heights: dict[tuple[str, str, str], float] = {}
        self._silent_judged: dict[str, str] = {}  # by product
        self._blank_cells: dict[tuple[int, ...], fast_sheet.Repeated] = {}  # by columns
        self._name_cells: dict[str, fast_sheet.Made] = {}  # a unit's, by name
        # An answered lead row's cells, by column and value (exact_key), their XML kept.
        self._made_cells = Cache(_KNOWN_MADE)
        self.taken = {n.casefold() for n in (SUMMARY_SHEET, ROWS_SHEET, FILES_SHEET,
                                             PROBLEMS_SHEET, MISSING_SHEET)}

    def write(self, path: Path) -> None:
        # Streamed: rows are written in order and leave memory as they are written
        # (constant_memory: strings inline, no shared-string table), so memory does not
        # grow with the period's rows, and lead rows of a shape seen before are made
        # from their repeated parts' XML (fast.parts): 11-18% fewer instructions than
        # keeping the cells until close at 50-150 files; the file is about 14% larger.
        wb = new_xlsx(path, cls=fast_book.workbook_class(FAST_SHEETS), constant_memory=True)
        wb.worksheet_class = fast_sheet.worksheet_class(FAST_SHEETS)
        try:
            self.fmt = styles.add_formats(wb)
            self.fmt["cell_italic"] = wb.add_format({**styles.XLSX_FORMATS["cell"],
                                                    "italic": True})
            self.fmt["cell_time"] = wb.add_format({**styles.XLSX_FORMATS["cell_date"],
                                                  "num_format": styles.TIME_FORMAT})
            wb.set_properties({"title": f"Tổng hợp {self.s.period.name} - {self.plan.title}",
                               "author": self.plan.authority,
                               "created": parse_time(self.s.updated_at) or datetime(2000, 1, 1)})
            wb.set_custom_property(LEDGER_PROPERTY, self.ledger_path)
            wb.set_custom_property(LEDGER_PLAN_PROPERTY, self.s.plan_key)
            wb.set_custom_property(LEDGER_PERIOD_PROPERTY, self.s.period.code)
            wb.set_custom_property(ASSESSED_UNTIL_PROPERTY,
                                   self.s.assessed_until or NONE_ASSESSED)
            self._summary(wb)
            for area in self.master.areas:
                self._area(wb, area)
            self._all_rows(wb)
            self._files(wb)
            self._problems(wb)
            self._missing(wb)
        finally:
            with fast_book.compression(_COMPRESSLEVEL):
                wb.close()
            fast_book.release(wb)

    # --- helpers --------------------------------------------------------------------

    def _heading(self, ws, title: str, last_col: int) -> None:
        period = self.s.period
        ws.set_row(0, styles.row_height(1, styles.TITLE_SIZE))  # before row 0 is written out
        ws.merge_range(0, 0, 0, last_col, title, self.fmt["title"])
        ws.merge_range(1, 0, 1, last_col,
                       f"{self.plan.title} — {period.name} (số liệu từ "
                       f"{vn_date(period.start)} đến {vn_date(period.cutoff)})",
                       self.fmt["italic"])

    def _cell(self, ws, r: int, c: int, value: object, kind: str = "text") -> None:
        fast_sheet.write_cells(ws, r, ((c, *self._value(value, kind)),))

    def _value(self, value: object, kind: str = "text") -> tuple[object, object]:
        """A cell's value as written (text cut to fit, a date as a datetime, None for a
        blank) and its format."""
        if type(value) is str and value:  # most cells: checked first
            return fit_cell(value), self.fmt["cell_center" if kind == "center" else "cell"]
        if value is None or value == "":
            return None, self.fmt["cell"]
        if type(value) is int:
            return value, self.fmt["cell_int"]
        if isinstance(value, datetime | date):
            day = value if isinstance(value, datetime) else datetime.combine(value,
                                                                           datetime.min.time())
            return day, self.fmt["cell_time" if kind == "time" else "cell_date"]
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value, self.fmt["cell_number" if type(value) is float else "cell_int"]
        return fit_cell(str(value)), self.fmt["cell_center" if kind == "center" else "cell"]

    def _table(self, wb, name: str, title: str, columns: list[_Column],
               rows: Iterable[list[object]],
               formats: Callable[[object, int, int], None] | None = None) -> None:
        """A titled, filterable, print-ready table; row heights fit wrapped text.

        ``rows`` may be a generator: each row is written as it comes."""
        ws = wb.add_worksheet(name)
        last = len(columns) - 1
        self._heading(ws, title, last)
        for c, col in enumerate(columns):
            ws.set_column(c, c, col.width)
            ws.write_string(HEADER_ROW, c, col.header, self.fmt["header"])
        styles.fit_row(ws, HEADER_ROW, [(c.header, c.width) for c in columns], bold=True)
        # A column's text format; a text's cell in its column and the lines it takes
        # there, made once (tables repeat names, statuses, files); a blank's cell.
        texts = [self.fmt["cell_center" if c.kind == "center" else "cell"] for c in columns]
        lines_of = [functools.partial(styles.text_lines, width=c.width) for c in columns]
        # By column: a text's [lines, cell, its XML around the row number once made].
        known = [Cache(_KNOWN_TEXTS) for _ in columns]
        blanks = [[1, (c, None, self.fmt["cell"]), None] for c in range(len(columns))]
        others = [Cache(_KNOWN_TEXTS) for _ in columns]  # the same for other values
        kinds = [c.kind for c in columns]
        cols = tuple(range(len(columns)))
        # Streamed by the quicker sheet: each row given whole, its cells' XML made once
        # per column and value (fast.parts.write_arounds), the rest as write_cells.
        given = ws.row_ready if isinstance(ws, fast_sheet.FastWorksheet) else None
        around = ws.around if given else None
        written = 0
        value_of = self._value
        for i, values in enumerate(rows):
            r = HEADER_ROW + 1 + i
            lines = 1
            cells = []
            whole = [] if given is not None and given(r) else None
            for c, value in enumerate(values):
                if value.__class__ is str and value:  # most cells
                    made = known[c].get(value)
                    if made is None:
                        made = known[c].put(value, [lines_of[c](value),
                                                    (c, fit_cell(value), texts[c]), None])
                    if made[0] > lines:
                        lines = made[0]
                elif value is None or value.__class__ is str:  # "" too: a blank
                    made = blanks[c]
                else:
                    key = exact_key(value)
                    made = others[c].get(key) if key is not None else None
                    if made is None:
                        if isinstance(value, str) and value:
                            lines = max(lines, lines_of[c](value))
                        made = [1, (c, *value_of(value, kinds[c])), None]
                        if key is not None:
                            others[c].put(key, made)
                cells.append(made[1])
                if whole is not None:
                    xml = made[2]
                    if xml is None:
                        xml = around(made[1])
                        if xml is None:  # not a cell it knows: write_cells writes it
                            whole = None
                            continue
                        if value.__class__ is not str or len(value) <= fast_sheet.KEPT_TEXT:
                            made[2] = xml  # a long text's kept once, as its value
                    whole.append(xml)
            ws.set_row(r, styles.lines_height(lines))
            if whole is not None:
                ws.write_arounds(r, cols, whole)
            else:
                fast_sheet.write_cells(ws, r, cells)
            written += 1
        end = HEADER_ROW + max(written, 1)
        ws.autofilter(HEADER_ROW, 0, end, last)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        styles.setup_print(ws, widths=[c.width for c in columns],
                           header_rows=(HEADER_ROW, HEADER_ROW))
        if formats and written:
            formats(ws, HEADER_ROW + 1, end)

    def _highlight(self, ws, first: int, last: int, col: int, ncols: int, text: str,
                   fmt: str, last_word: bool = False) -> None:
        """Colour whole rows whose column ``col`` holds ``text`` (``last_word``: no rule
        added after this one colours them)."""
        letter = xlsxwriter.utility.xl_col_to_name(col)
        ws.conditional_format(first, 0, last, ncols - 1, {
            "type": "formula", "criteria": f'=${letter}{first + 1}="{text}"',
            "format": self.fmt[fmt], "stop_if_true": last_word})

    def _positive(self, ws, first: int, last: int, col: int, fmt: str = "error") -> None:
        ws.conditional_format(first, col, last, col, {
            "type": "cell", "criteria": ">", "value": 0, "format": self.fmt[fmt]})

    # --- sheets ---------------------------------------------------------------------

    def _summary(self, wb) -> None:
        ws = wb.add_worksheet(SUMMARY_SHEET)
        ws.set_column(0, 0, 52)
        ws.set_column(1, 1, 60)
        self._heading(ws, f"TỔNG HỢP KẾT QUẢ THỰC HIỆN — {self.s.period.name.upper()}", 1)
        # The web app's user has no terminal, nor the server's files: no ledger line.
        items = summary_items(self.s, self.summary, self.plan,
                              None if self.app else self.ledger_path,
                              where_to_assess(self.app), PROBLEMS_SHEET,
                              MISSING_SHEET, self.answered)
        for c, header in enumerate(("Nội dung", "Số liệu")):
            ws.write_string(HEADER_ROW, c, header, self.fmt["header"])
        for i, (label, value) in enumerate(items):
            r = HEADER_ROW + 1 + i
            ws.write_string(r, 0, label, self.fmt["cell_bold" if not label.startswith(" ")
                                                  else "cell"])
            self._cell(ws, r, 1, value, "center" if label.startswith("Tỷ lệ") else "text")
            # A long plan title wraps: the row is as tall as its text (set after its
            # cells: a streamed row goes out only when the next one is written).
            styles.fit_row(ws, r, [(label, 52), (value, 60)])
        styles.setup_print(ws, widths=(52, 60), landscape=False)
        ws.activate()

    def _silent(self, unit: str) -> str:
        """The status shown on a lead row of no answer."""
        return NOT_SENT if unit in self.missing else NOT_REPORTED

    def _coordinators(self, d: Deliverable) -> str:
        """Each coordinator's report; for a crowd (all communes), counts by status, the
        details being on the "Tất cả dòng" sheet (one cell holds at most 409 points). An
        answer with an error (a "done" with no date, no evidence) is marked "cần xác
        minh", as a lead's is in "Tiến độ" and its own row on "Tất cả dòng": "Đã hoàn
        thành, 100%" read as done beside the error its feedback file gave it (a QA pass)."""
        silent, reported = [], []
        for code in d.support:
            row = self.rows.get((code, d.id))
            if row is None or not row.reported:
                silent.append(self.names.get(code, code))
            else:
                reported.append((code, row))
        if len(reported) > MAX_LISTED:
            counts = Counter(UNVERIFIED if r.unverified else r.status for _, r in reported)
            lines = [f"{len(reported)} đơn vị đã báo cáo: " + ", ".join(
                f"{counts[s]} {s.lower()}" for s in (DONE, IN_PROGRESS, NOT_STARTED, UNVERIFIED)
                if counts[s]) + f" (chi tiết ở trang '{ROWS_SHEET}')"]
        else:
            lines = []
            for code, row in reported:
                text = f"{self.names.get(code, code)}: {row.status_text}"
                if row.percent is not None:
                    text += f", {vn_progress(row.percent)}"
                if row.unverified:
                    text += f" ({UNVERIFIED.lower()})"
                if row.evidence:
                    text += f"; {row.evidence}"
                lines.append(text.replace("\n", "; "))
        if silent:
            lines.append(f"{NOT_REPORTED}: {short_list(silent, 5)}")
        return "\n".join(lines)

    def _area(self, wb, area: Area) -> None:
        ws = wb.add_worksheet(sheet_name(area.sheet or area.code, self.taken))
        widths = [w for _, w in AREA_COLUMNS]
        last = len(AREA_COLUMNS) - 1
        self._heading(ws, f"KẾT QUẢ THỰC HIỆN: {area.title.upper()}", last)
        for c, (header, width) in enumerate(AREA_COLUMNS):
            ws.set_column(c, c, width)
            ws.write_string(HEADER_ROW, c, header, self.fmt["header"])
        styles.fit_row(ws, HEADER_ROW, AREA_COLUMNS, bold=True)
        r = HEADER_ROW + 1
        for task in area.tasks:
            r = self._task_rows(ws, task, r, widths)
        end = max(r - 1, HEADER_ROW + 1)
        ws.conditional_format(HEADER_ROW + 1, PROGRESS_COL, end, PROGRESS_COL, {
            "type": "cell", "criteria": "==", "value": f'"{_LATE_LABEL}"',
            "format": self.fmt["overdue"]})
        self._positive(ws, HEADER_ROW + 1, end, 13)
        ws.data_validation(HEADER_ROW + 1, VERDICT_COL, end, VERDICT_COL,
                           verdict_rule(self.app))
        # Filters: the rows to assess ("Cần đánh giá"), a unit's, those not sent, found
        # among a province's hundreds of lead rows.
        ws.autofilter(HEADER_ROW, 0, end, last)
        ws.set_column(KEY_COL, KEY_COL, AREA_COLUMNS[KEY_COL][1], None, {"hidden": True})
        ws.freeze_panes(HEADER_ROW + 1, 2)
        # The widest sheets: A3 (5.9 pt on A4), one page across at 73% (docs/printing.md),
        # the task's number and content repeated were they wider.
        styles.setup_print(ws, widths=PRINTED_WIDTHS, header_rows=(HEADER_ROW, HEADER_ROW),
                           repeat_columns=(0, 2))

    def _task_rows(self, ws, task: Task, r: int, widths: list[float]) -> int:
        """Write one task's rows from row ``r`` (a row per lead unit of each product, the
        task's and each product's own cells merged down their rows); the next free row.

        Laid out first, then written row by row (a written row is gone in constant_memory
        mode), each row with its height: a merged cell's text is spread over its rows.
        A row's cells are its lead unit's, then the merged cells starting on it (with
        their values), then the formatted blanks of those it lies inside."""
        heights = styles.RowHeights()
        own = heights.own
        leads_cells: list[list] = []  # each lead row's parts (_lead_cells)
        spans: list[tuple[int, int, int, object, str]] = []  # first, last, col, value, kind
        blocks: list[tuple[int, int]] = []  # each product's first and last row
        task_first = r
        for d in task.deliverables:
            did = d.id
            leads = d.lead or [""]
            block = (r, r + len(leads) - 1)
            blocks.append(block)
            for code in leads:
                cells, own[r] = self._lead_cells(code, did, widths)
                leads_cells.append(cells)
                r += 1
            due = due_value(d.deadline, self.s.period.cutoff)
            product_values = (did, d.product, d.deadline.raw, due, self._coordinators(d))
            # Two dates of a dated deadline (the part passed and the next, due_value):
            # centred as a date is, not a text against the cell's edge.
            due_kind = "center" if isinstance(due, str) and d.deadline.due else "text"
            for c, value in zip(PRODUCT_COLS, product_values, strict=True):
                spans.append((*block, c, value, due_kind if c == DUE_COL else "text"))
        spans.append((task_first, r - 1, 0, task.number, "center"))
        spans.append((task_first, r - 1, 2, task.content, "text"))
        for first, end, c, value, _ in spans:
            if isinstance(value, str) and value:
                heights.merged(first, end, value, widths[c])
            if end > first:
                _merge_down(ws, first, end, c)
        fitted = heights.heights()
        value_of = self._value
        starting: dict[int, list[tuple[int, object, object]]] = {}
        for first, _, c, value, kind in spans:
            starting.setdefault(first, []).append((c, *value_of(value, kind)))
        # Inside a merged cell: a formatted blank (spans listed as written: products in
        # order, the task's last; a row lies inside its own product's and the task's).
        inside = tuple([c for first, end, c, _, _ in spans[-2:] if end > first])
        inside_task = [self._blanks(inside)]
        below = [self._blanks(PRODUCT_COLS + inside)]
        row = task_first
        for first, last in blocks:
            for cells in leads_cells[first - task_first:last - task_first + 1]:
                if row in fitted:
                    ws.set_row(row, fitted[row])
                if row == first:
                    out = cells + starting.get(row, [])
                    if row > task_first:
                        out += inside_task
                    fast_sheet.write_parts(ws, row, out)
                else:
                    fast_sheet.write_parts(ws, row, cells + below)
                row += 1
        return r

    def _blanks(self, cols: tuple[int, ...]) -> fast_sheet.Repeated:
        """Formatted blanks in ``cols`` (inside merged cells), made once per columns."""
        blanks = self._blank_cells.get(cols)
        if blanks is None:
            blank = self.fmt["cell"]
            blanks = self._blank_cells[cols] = fast_sheet.Repeated([(c, None, blank)
                                                                  for c in cols])
        return blanks

    def _lead_cells(self, code: str, did: str, widths: list[float]
                    ) -> tuple[list, float]:
        """A lead row's own cells as written (column, value, format) and the height
        they need. Most rows are of units that sent nothing: their cells but the name
        and the key are the same for many rows, laid out and measured once and given
        as one group (fast.sheet.write_parts)."""
        row = self.rows.get((code, did))
        fmt, value_of = self.fmt, self._value
        if row is None and code:
            status = self._silent(code)
            given = self.s.assessments.get((code, did))
            verdict = given.text if given is not None and given.text else None
            # Nothing sent and not assessed: every such lead of a product counts alike.
            judged = self._silent_judged.get(did) if given is None else None
            if judged is None:
                judged = self._judged(code, did)
                if given is None:
                    self._silent_judged[did] = judged
            name = self.names.get(code, code)
            shape = (status, judged, verdict)
            middle = self._silent_cells.get(shape)
            if middle is None:
                middle = self._silent_cells[shape] = fast_sheet.Repeated((
                    (7, *value_of(status, "center")), (8, None, fmt["cell"]),
                    (9, None, fmt["cell"]), (10, None, fmt["cell"]),
                    (11, *value_of(judged, "center")), (13, None, fmt["cell"]),
                    (VERDICT_COL, verdict, fmt["input"])))
            need = self._silent_heights.get((name, status, judged))
            if need is None:
                need = self._silent_heights[(name, status, judged)] = styles.fitted_height(
                    [(name, widths[6]), (status, widths[7]), (judged, widths[11])])
            named = self._name_cells.get(name)
            if named is None:
                named = self._name_cells[name] = fast_sheet.Made((6, *value_of(name)))
            return [named, middle, fast_sheet.Made((KEY_COL, A.row_key(code, did),
                                                    fmt["cell"]))], need
        values = self._lead_values(code, did, row)
        out = []
        made = self._made_cells
        for c, value in values.items():
            if code == "" and c == 6:
                out.append((c, A.NO_LEAD, fmt["cell_italic"]))
                continue
            # A long text (evidence, a note) is no Made: its XML is not kept beside it.
            key = exact_key(value) if value.__class__ is not str or len(
                value) <= fast_sheet.KEPT_TEXT else None
            cell = made.get((c, key)) if key is not None else None
            if cell is None:
                cell = (c, *value_of(value, "center" if c in (7, 11) else "text"))
                if key is not None:
                    cell = made.put((c, key), fast_sheet.Made(cell))
            out.append(cell)
        if code:
            given = self.s.assessments.get((code, did))
            verdict = given.text if given is not None and given.text else None
            cell = made.get((VERDICT_COL, verdict))
            if cell is None:
                cell = (VERDICT_COL, verdict, fmt["input"])
                if verdict is None or len(verdict) <= fast_sheet.KEPT_TEXT:
                    cell = made.put((VERDICT_COL, verdict), fast_sheet.Made(cell))
            out.append(cell)
            out.append(fast_sheet.Made((KEY_COL, A.row_key(
                code, did, (code, did) in self.s.shown_again), fmt["cell"])))
        return out, styles.fitted_height([(values[c], widths[c]) for c in sorted(values)])

    def _lead_values(self, code: str, did: str, row: Answer | None) -> dict[int, object]:
        serious = [p for p in row.findings if p.severity != NOTE] if row else []
        status, percent, completed_on, evidence = shown_answer(
            row, self._silent(code) if code else "")
        return {
            6: self.names.get(code, code),
            7: status if code else "",
            8: percent,
            9: completed_on,
            10: evidence,
            11: self._judged(code, did) if code else "",
            13: len(serious) if row else None,
        }

    def _judged(self, code: str, did: str) -> str:
        """The lead row's progress as the figures count it (one computation: the summary)."""
        return self.summary.row_label(code, did) or ""

    def _all_rows(self, wb) -> None:
        columns = [
            _Column("Mã đơn vị", 10, "center"), _Column("Tên đơn vị", 26),
            _Column("Vai trò", 10, "center"), _Column("Mã nhiệm vụ", 11, "center"),
            _Column("Trạng thái", 14, "center"), _Column("Tỷ lệ (%)", 8, "center"),
            _Column("Ngày hoàn thành", 12, "center"), _Column("Tài liệu kiểm chứng", 30),
            _Column("Ghi chú", 24), _Column("Tiến độ", 11, "center"),
            _Column(_ERROR_LABEL, 6, "center"), _Column(_WARNING_LABEL, 8, "center"),
            _Column("Vị trí trong tệp", 16), _Column("Tệp", 30),
        ]
        files = {s.id: self.shown(s.path) for s in self.s.submissions}
        # A row counting an earlier period's answer shows it, as the area sheets do, and
        # a judged row its verdict ("Chưa báo cáo" beside "Đúng hạn": a figures audit).
        carried, given = self.s.carried, self.s.assessments
        rows = ([
            r.unit, self.names.get(r.unit, r.unit), ROLE_LABELS.get(r.role, r.role),
            r.deliverable, A.with_verdict(a.status_text or NOT_REPORTED,
                                          given.get((r.unit, r.deliverable))),
            r.percent if a is r else a.counted_percent, a.completed_on, a.evidence, r.note,
            self.summary.progress_of(r),
            F.count(r.findings, ERROR) if r.findings else 0,
            F.count(r.findings, WARNING) if r.findings else 0, f"{r.sheet}, dòng {r.row}",
            files.get(r.submission_id, ""),
        ] for r in self.s.rows  # one at a time, written as it comes
            for a in (carried.get((r.unit, r.deliverable), r),))

        def formats(ws, first: int, end: int) -> None:
            self._highlight(ws, first, end, 9, len(columns), _LATE_LABEL, "overdue")
            self._positive(ws, first, end, 10)

        self._table(wb, ROWS_SHEET, "TẤT CẢ CÁC DÒNG ĐƠN VỊ BÁO CÁO", columns, rows, formats)

    def _files(self, wb) -> None:
        columns = [
            _Column("Mã đơn vị", 10, "center"), _Column("Tên đơn vị", 26),
            _Column("Tệp", 34), _Column("Lưu lúc", 17, "time"),
            _Column("Gộp lúc", 17, "time"), _Column("Ngày nhận", 12, "center"),
            _Column("Kết quả", 13, "center"),
            _Column(_ERROR_LABEL, 6, "center"), _Column(_WARNING_LABEL, 8, "center"),
            _Column(_NOTE_LABEL, 8, "center"), _Column("Lý do từ chối", 40),
            _Column("SHA-256", 20), _Column("Bản lưu", 30),
        ]
        rows = file_rows(self.s, self.answered, self.shown)

        def formats(ws, first: int, end: int) -> None:
            if self.answered:  # as on "Vấn đề": history, its errors no longer red
                self._highlight(ws, first, end, 6, len(columns), ANSWERED_LABEL, "history",
                                True)
            if self._moved:  # gone to its own period: history too
                self._highlight(ws, first, end, 6, len(columns), OUTCOME_LABELS[MOVED],
                                "history", True)
            self._highlight(ws, first, end, 6, len(columns), OUTCOME_LABELS[REJECTED], "error")
            self._positive(ws, first, end, 7)

        self._table(wb, FILES_SHEET, "CÁC TỆP ĐÃ NHẬN", columns, rows, formats)

    def _problems(self, wb) -> None:
        # What to fix leads; the kind of problem in Vietnamese (finding_codes.FINDING_LABELS: to
        # filter by), then its stable code, for scripts and support, last.
        columns = [
            _Column("Nội dung cần sửa", 60), _Column("Mức độ", 10, "center"),
            _Column("Mã đơn vị", 10, "center"), _Column("Mã nhiệm vụ", 11, "center"),
            _Column("Trang", 14), _Column("Ô", 6, "center"), _Column("Tệp", 30),
            _Column("Kết quả của tệp", 13, "center"), _Column("Loại vấn đề", 20),
            _Column("Mã vấn đề", 12),
        ]
        rows = problem_rows(self.s, self.answered, self.shown)

        def formats(ws, first: int, end: int) -> None:
            if self.answered:  # a refused file's errors a later one answered: history
                self._highlight(ws, first, end, 7, len(columns), ANSWERED_LABEL, "history",
                                True)
            if self._moved:  # ...as are those of a file gone to its own period
                self._highlight(ws, first, end, 7, len(columns), OUTCOME_LABELS[MOVED],
                                "history", True)
            self._highlight(ws, first, end, 1, len(columns), _ERROR_LABEL, "error")
            self._highlight(ws, first, end, 1, len(columns), _WARNING_LABEL, "warning")

        self._table(wb, PROBLEMS_SHEET, "CÁC VẤN ĐỀ CẦN SỬA", columns, rows, formats)

    def _missing(self, wb) -> None:
        columns = [_Column("Mã đơn vị", 10, "center"), _Column("Tên đơn vị", 40),
                   _Column("Loại", 22), _Column("Số nhiệm vụ chủ trì", 11, "center"),
                   _Column("Số nhiệm vụ chỉ phối hợp", 11, "center"),
                   _Column("Tệp đã gửi nhưng bị từ chối (lý do)", 44)]
        rows = missing_rows(self.s, self.summary, self.shown)
        self._table(wb, MISSING_SHEET, "CÁC ĐƠN VỊ CHƯA GỬI BÁO CÁO", columns, rows)


def shown_answer(row: Answer | None, silent: str) -> tuple[str, object, object, str]:
    """A lead row's answer as an area sheet shows it, in :data:`ANSWER_COLUMNS` (status,
    percentage, completion date, evidence); ``silent``: the status of a row of none."""
    if row is None:
        return silent, None, None, ""
    return (row.status_text if row.reported else silent, row.percent, row.completed_on,
            row.evidence)


def _merge_down(ws, first: int, last: int, col: int) -> None:
    """Merge rows ``first``..``last`` of column ``col`` of an xlsxwriter worksheet, the
    cells being written apart, each with its row.

    ``merge_range`` writes the blank cells below the first at once, which in
    constant_memory mode writes out the first row before its other cells are written;
    the range is recorded as ``merge_range`` records it (the golden workbooks check the
    merged ranges)."""
    ws.merge.append([first, col, last, col])

