"""Taking in the workbooks units send back: opening them one at a time and reading
their identity and rows (finding them among the files given: :mod:`cchc_xl.intake.collect`;
deciding whose they are: :mod:`cchc_xl.intake.identify`).

The package holds the rest of a returned file's way in: :mod:`.collect` (which files a
merge takes from the files and folders given), :mod:`.bundles` (zips of returns
unpacked), :mod:`.convert` (.ods, .xls and Strict Open XML converted by LibreOffice),
:mod:`.identify` and :mod:`.file_names` (whose a file is), :mod:`.saved_time` (when it
says it was saved), :mod:`.cells` (each input cell's value read), :mod:`.validate`
(every cell judged), :mod:`.merged_inputs` (input cells a unit merged) and
:mod:`.row_shift` (rows sorted without column A).

Nothing here judges the values a unit typed (that is :mod:`cchc_xl.intake.validate`);
intake only turns a file into plain records. Layout and identity come from
:mod:`cchc_xl.assignment`, the module split writes with.

Files are read by the narrow reader of the workbooks cchc-xl writes
(:mod:`cchc_xl.fast.reader`), with openpyxl in read-only mode as the fallback for
anything it does not recognise (docs/fast-paths.md); one streaming pass over each
sheet, each workbook closed before the next is opened, so memory does not grow with
the number of files. Formulas are read as their text: a cached formula result in a
returned file is never trusted (docs/validation.md). .ods and .xls files are
converted to xlsx by LibreOffice when it is installed (``soffice``), all in one call;
without it they are not read this time ("file-not-read": not recorded, read again at
the next merge).
"""

from __future__ import annotations

import functools
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import WINDOWS_EPOCH

from .. import assignment as A
from .. import bounds, clock
from ..consolidated.link import OFFICE_WORKBOOKS
from ..errors import WorkbookError
from ..fast.reader import FastSheet, FastWorkbook, merged_refs, saved_text, web_links
from ..findings import Finding
from ..master.layout import PLAN_SHEET, UNITS_SHEET
from ..sniff import sniff_open
from ..text import for_people, match_key, one_line, vn_number
from ..vocab import ERROR, WARNING
from ..xlio import (
    CELL_TEXT_MAX,
    file_sha256,
    header_map,
    open_workbook,
)
from .convert import unreadable_kind
from .merged_inputs import merged_input_findings
from .saved_time import local_time, open_without_saved_time, parse_saved, saved_findings

# Rows below the header that are all blank before we stop reading a sheet: a file
# may declare a used range far beyond its data.
_MAX_BLANK_RUN = 200
# How far down a user may have pushed the header row by inserting rows above it.
_HEADER_SEARCH_ROWS = A.HEADER_ROW + 6
# A header retyped the obvious way ("Tỷ lệ (%)" for "Tỷ lệ hoàn thành (%)") still names
# its column (a QA pass: the column was dropped, every percentage read as blank).
_COLUMN_SPELLINGS = {c: (c,) for c in A.COLUMNS} | {
    A.COL_PERCENT: (A.COL_PERCENT, "Tỷ lệ (%)", "Tỷ lệ %", "Tỷ lệ", "Tỷ lệ hoàn thành",
                    "Tỷ lệ hoàn thành %", "% hoàn thành", "Tiến độ (%)", "Tỷ lệ HT (%)",
                    "Tỷ lệ HT", "Mức độ hoàn thành (%)", "Mức độ hoàn thành"),
    A.COL_EVIDENCE: (A.COL_EVIDENCE, "Tài liệu minh chứng", "Minh chứng", "Tài liệu kiểm chứng"
                     " (số, ký hiệu văn bản)"),
}
# Which reader read_return uses (see there).
AUTO, FAST, OPENPYXL = "auto", "fast", "openpyxl"



@dataclass(slots=True)
class Cell:
    """What merge needs of one cell: its value and the facts that change its meaning.

    Not changed once read (``dataclasses.replace`` makes another); not frozen, as a
    frozen dataclass is four times slower to build and a file's rows hold a Cell for
    every column of every row."""

    value: object = None
    coordinate: str = ""
    number_format: str = "General"
    font: str = ""
    formula: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    @property
    def raw_text(self) -> str:
        """The value as text, as the ledger keeps it: "" when blank, a date ISO."""
        if self.blank:
            return ""
        if isinstance(self.value, datetime):
            return self.value.date().isoformat() if self.value.time() == datetime.min.time() \
                else self.value.isoformat()
        if isinstance(self.value, date):
            return self.value.isoformat()
        return str(self.value)


@dataclass
class ReturnedRow:
    """One row under the header of a task sheet, cells keyed by column header."""

    sheet: str
    row: int
    cells: dict[str, Cell]

    @functools.cached_property
    def id(self) -> str:
        return one_line(self.cell(A.COL_ID).value)  # asked for often: cleaned once

    def cell(self, column: str) -> Cell:
        return self.cells.get(column) or Cell()

    @property
    def has_input(self) -> bool:
        return any(not self.cell(c).blank for c in A.INPUT_COLUMNS)


@dataclass
class ReturnedFile:
    """A returned file as read: its bytes' hash, identity carriers and rows."""

    path: Path
    sha256: str
    size: int
    kind: str
    modified_at: datetime
    saved_at: datetime | None = None
    identity: A.IdentityReading | None = None
    guide_unit: str = ""
    rows: list[ReturnedRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: WorkbookError | None = None
    converted_from: str = ""
    headings: dict[str, str] = field(default_factory=dict)  # a task sheet's line 2
    office_kind: str = ""  # "báo cáo": a workbook cchc-xl made for the office, no return
    plan_table: bool = False  # the office's plan table (its 'Kế hoạch' and 'Đơn vị' sheets)
    # Day 0 of the workbook's serial dates: 1904-01-01 for one in the Mac date system
    # (a date typed as a plain number then means a day 1462 days later than on Windows).
    epoch: datetime = WINDOWS_EPOCH

    def inputs_as_issued(self, row_ids) -> bool:
        """Whether the input cells of the rows ``row_ids`` (the unit's, as its identity
        or the plan gives them) are as split issued them: the digest of their values is
        the one the identity recorded (blank, or carried forward by ``split --ledger``);
        a file older than that digest, when none of them holds an input."""
        identity = self.identity.identity if self.identity else None
        wanted = {did.casefold() for did in row_ids}
        rows = [r for r in self.rows if r.id.casefold() in wanted]
        if identity is not None and identity.inputs:
            return A.input_digest((r.id, [None if cell is None else cell.value
                                          for cell in map(r.cells.get, A.INPUT_COLUMNS)])
                                  for r in rows) == identity.inputs
        return not any(r.has_input for r in rows)


# --- reading one file -------------------------------------------------------------

def _facts(ro_cell) -> tuple[object, str, str, bool]:
    """(value, number format, font name, formula) of an openpyxl cell whose value is set."""
    value = ro_cell.value
    formula = ro_cell.data_type == "f"
    if formula and not isinstance(value, str):
        value = getattr(value, "text", None) or str(value)  # array formulas
    font = ro_cell.font
    return (value, ro_cell.number_format, (font.name or "") if font is not None else "",
            formula)


def _sheet_rows(ws, max_row: int) -> Iterator[tuple[int, dict[int, tuple]]]:
    """(row number, {0-based column: facts of a cell with a value}) of the rows up to
    ``max_row``, cells up to :data:`~cchc_xl.bounds.MAX_COLUMNS`: straight from the fast
    reader; from openpyxl's padded rows otherwise (rows the sheet leaves out are there
    empty, which reads the same: see :func:`_read_sheet`)."""
    if isinstance(ws, FastSheet):
        return ws.cells_by_row(max_row, bounds.MAX_COLUMNS)
    return ((r, {i: _facts(c) for i, c in enumerate(cells) if c.value is not None})
            for r, cells in enumerate(ws.iter_rows(max_row=max_row, max_col=bounds.MAX_COLUMNS),
                                      start=1))


_ID_KEY = match_key(A.COL_ID)


def _header(cells: dict[int, tuple]) -> dict[str, int]:
    """The column map when this row is the header, else {}.

    Split writes the headers exactly, and almost every file keeps them: that is
    checked first; a header someone retyped is matched by match_key.
    """
    exact: dict[str, int] = {}
    names_id = False
    for i in sorted(cells):
        value = cells[i][0]
        if value in _COLUMN_SPELLINGS:
            exact[value] = i
        # Titles above the header are long; only a short cell can name the id column.
        if not names_id and isinstance(value, str) and len(value) < 40 \
                and match_key(value) == _ID_KEY:
            names_id = True
    if A.COL_ID in exact and len(exact) == len(A.COLUMNS):
        return exact
    if names_id:
        values: list[object] = [None] * (max(cells) + 1)
        for i, facts in cells.items():
            values[i] = facts[0]
        # A column's own header wins over another spelling of it (a column the unit
        # added beside it, "Tỷ lệ").
        return header_map(values, _COLUMN_SPELLINGS) | exact
    return {}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(ws, sheet: str, task_rows: int) -> tuple[list[ReturnedRow] | None,
                                                         list[Finding], str]:
    """The rows under a sheet's "Mã nhiệm vụ" header, or None for a sheet without one;
    findings; the line under its title, which names the unit split wrote it for.

    Reading stops :data:`~cchc_xl.bounds.ROW_MARGIN` rows past the last row with a
    task id, past ``task_rows`` (the most rows a unit is given) plus that margin, or
    after :data:`_MAX_BLANK_RUN` blank rows, with a finding when there is more, whatever
    the sheet declares (its <dimension> may be wrong either way); but for
    :data:`~cchc_xl.bounds.COPY_SCAN_ROWS` more rows, a row with a task id and answers
    (a task row copied below the table) is read, to be judged with the row in its place
    (``row-duplicate``). Text longer than a cell holds is cut, with a finding. A row the
    sheet leaves out is a blank row. Text in a column of the unit's own beside the task
    rows is not read, with a finding.
    """
    found: list[Finding] = []
    heading = ""
    extra: dict[int, tuple[str, int]] = {}  # a column not the form's: first cell, cells
    columns: dict[str, int] | None = None
    header_row = last_id_row = 0
    past = False  # content past the rows read was told
    rows: list[ReturnedRow] = []
    blank_run = previous = 0
    last_row = _HEADER_SEARCH_ROWS + task_rows + bounds.ROW_MARGIN
    scan_end = 0  # past the rows read: the last row looked at for a copied task row
    copied = 0  # task rows read there
    for r, cells in _sheet_rows(ws, last_row + bounds.COPY_SCAN_ROWS + 1):
        if columns is None:
            # Rows left out before this one are blank: none of them is the header.
            if r > _HEADER_SEARCH_ROWS:
                return None, [], ""
            if r == A.HEADING_ROW and isinstance(cells.get(0, (None,))[0], str):
                heading = one_line(cells[0][0])
            located = _header(cells) if cells else {}
            if A.COL_ID in located:
                header_row = last_id_row = previous = r
                columns = located
                header_cells, known = cells, set(located.values())
                places = [(name, i, get_column_letter(i + 1)) for name, i in columns.items()]
                missing = [c for c in A.INPUT_COLUMNS if c not in columns]
                if missing:
                    # Renamed more often than deleted: what to type back, and where it
                    # stood in the file as issued (not "fill the whole file again").
                    found.append(Finding(
                        ERROR, "missing-column",
                        "thiếu cột " + ", ".join(f"'{m}'" for m in missing)
                        + ": không xóa hay đổi tên cột; nếu đã đổi tên, ghi lại đúng tiêu đề "
                        + ", ".join(f"'{m}' (cột {get_column_letter(A.COLUMNS.index(m) + 1)}"
                                    " của tệp được giao)" for m in missing)
                        + f" ở hàng {header_row} rồi gửi lại; nếu đã xóa cột, lấy lại tệp "
                        "được giao và điền lại",
                        sheet=sheet, cell=f"A{header_row}"))
            elif r >= _HEADER_SEARCH_ROWS:
                return None, [], ""
            continue
        if scan_end and r > scan_end:
            break
        blank_run += r - previous - 1  # rows left out are blank
        previous = r
        if blank_run >= _MAX_BLANK_RUN and not scan_end:
            scan_end = r + bounds.COPY_SCAN_ROWS
        values: dict[str, Cell] = {}
        blank = True
        for name, i, letter in places:
            facts = cells.get(i)
            if facts is None:
                values[name] = Cell(coordinate=f"{letter}{r}")
                continue
            value, number_format, font, formula = facts
            if blank and not _blank(value):
                blank = False
            values[name] = Cell(value, f"{letter}{r}", number_format or "General", font,
                                formula)
        if blank:
            blank_run += 1
            if blank_run >= _MAX_BLANK_RUN and not scan_end:
                scan_end = r + bounds.COPY_SCAN_ROWS
            continue
        blank_run = 0
        # Past the last row with a task id, or past as many rows as any unit is given,
        # by more than the margin (or after a long blank run): a column dragged down,
        # not rows a unit added; a task row copied there is still read (see above).
        if scan_end or r > min(last_id_row, header_row + task_rows) + bounds.ROW_MARGIN:
            scan_end = scan_end or r + bounds.COPY_SCAN_ROWS
            copy_of_a_task = ReturnedRow(sheet=sheet, row=r, cells=values)
            if not (copy_of_a_task.id and copy_of_a_task.has_input):
                if not past:  # told once: the first row not read
                    found.append(Finding(
                        WARNING, "rows-past-limit",
                        f"trang có nội dung đến tận dòng {r} trở xuống, quá xa các dòng nhiệm "
                        f"vụ: từ dòng {r} không được đọc; xóa các dòng thừa ở cuối trang "
                        "(thường do kéo ô xuống quá xa)", sheet=sheet, cell=f"A{r}"))
                past = True
                continue
            if (copied := copied + 1) > bounds.ROW_MARGIN:
                break
        for name, cell in values.items():
            if isinstance(cell.value, str) and len(cell.value) > CELL_TEXT_MAX:
                found.append(Finding(
                    WARNING, "cell-text-cut",
                    f"ô cột '{name}' dài {vn_number(len(cell.value))} ký tự, quá giới hạn "
                    f"{vn_number(CELL_TEXT_MAX)} ký tự một ô của Excel: chỉ giữ "
                    f"{vn_number(CELL_TEXT_MAX)} ký tự đầu; rút gọn nội dung",
                    sheet=sheet, cell=cell.coordinate))
                values[name] = replace(cell, value=cell.value[:CELL_TEXT_MAX])
        for i in cells.keys() - known:
            if not _blank(cells[i][0]):
                first, count = extra.get(i, (f"{get_column_letter(i + 1)}{r}", 0))
                extra[i] = (first, count + 1)
        rows.append(ReturnedRow(sheet=sheet, row=r, cells=values))
        if rows[-1].id and not scan_end:
            last_id_row = r
    if columns is None:
        return None, [], ""
    found += merged_input_findings(merged_refs(ws), sheet, columns, rows)
    _with_links(rows, web_links(ws))
    if not missing:  # else what the extra column holds is likely the missing one's
        found += [_extra_column(sheet, header_cells.get(i), first, count)
                  for i, (first, count) in sorted(extra.items())]
    return rows, found, heading


# Text cells whose link to a web page is the content: evidence, and a note ("Hồ sơ chi
# tiết: bấm vào đây" over a Drive address: the address was lost, a QA pass).
_LINKED_COLUMNS = (A.COL_EVIDENCE, A.COL_NOTE)


def _with_links(rows: list[ReturnedRow], links: dict[str, str]) -> None:
    """An evidence or note cell whose text links to a web page ("Quyết định (bấm để
    xem)" over a Drive address) is read with the address after its text: the address is
    the evidence, and the consolidated workbook shows it."""
    if not links:
        return
    for row in rows:
        for column in _LINKED_COLUMNS:
            cell = row.cells.get(column)
            target = links.get(cell.coordinate) if cell is not None else None
            if target is None:
                continue
            text = "" if cell.blank else str(cell.value)
            if target not in text:
                value = f"{text} ({target})" if text else target
                row.cells[column] = replace(cell, value=value[:CELL_TEXT_MAX])


def _extra_column(sheet: str, header: tuple | None, first: str, count: int) -> Finding:
    """A column the unit added beside the task rows: what it holds is not read."""
    name = one_line(header[0])[:60] if header and not _blank(header[0]) else ""
    letters = first.rstrip("0123456789")
    return Finding(
        WARNING, "column-added",
        f"cột {letters}{f' ({name})' if name else ''} không có trong biểu: nội dung trong đó "
        f"({vn_number(count)} ô, từ ô {first}) không được tổng hợp; ghi vào cột "
        f"'{A.COL_EVIDENCE}' hoặc '{A.COL_NOTE}' của từng dòng", sheet=sheet, cell=first)


def _guide_unit(wb) -> str:
    key = match_key(A.GUIDE_SHEET)
    ws = next((ws for ws in wb.worksheets if match_key(ws.title) == key), None)
    if ws is None:
        return ""
    row, col = coordinate_to_tuple(A.GUIDE_UNIT_CELL)
    for cells in ws.iter_rows(min_row=row, max_row=row, min_col=col, max_col=col,
                              values_only=True):
        return one_line(cells[0])
    return ""


def read_return(path: Path, source: Path | None = None, sha256: str = "", *,
                reader: str = AUTO, task_rows: int = bounds.MAX_TASK_ROWS,
                copy: Path | None = None, now: datetime | None = None) -> ReturnedFile:
    """Read one returned file. ``source`` is a converted copy to open instead (.ods/.xls);
    ``sha256`` the file's hash when the caller has it already; ``task_rows`` the
    most rows a unit of the plan is given (rows further down are not read); ``copy`` a
    copy of ``path`` made as its bytes were hashed (``sha256``), read instead of it so
    that what is read is what was hashed even if the file changes meanwhile (every
    name and message still says ``path``; its time on disk is ``path``'s); ``now`` the
    moment of the merge (default: the clock's) that a saved time after it is told against.

    ``reader``: AUTO reads with :mod:`cchc_xl.fast.reader` and falls back to openpyxl for
    anything it does not recognise; OPENPYXL and FAST use one reader only (FAST raises
    :class:`~cchc_xl.fast.reader.Unrecognised` instead of falling back): for the tests
    that prove both readers give the same results. ``task_rows`` is the most rows a
    unit of the plan is given (rows further down are not read).

    Never raises for a bad file: ``error`` says why it cannot be read. The file's
    zip directory is checked against :mod:`cchc_xl.bounds` before either reader
    parses it.
    """
    stat = path.stat()
    read_from = copy or path  # the bytes
    kind, zf = sniff_open(read_from)  # a package stays open: its directory is read once
    try:
        rf = ReturnedFile(path=path, sha256=sha256 or file_sha256(read_from),
                          size=read_from.stat().st_size, kind=kind,
                          modified_at=datetime.fromtimestamp(stat.st_mtime).replace(
                              microsecond=0))
        if source is not None:
            rf.converted_from = kind
            if zf is not None:
                zf.close()
            opened_kind, zf = sniff_open(source)
        else:
            rf.error = unreadable_kind(read_from, kind)
            if rf.error:
                rf.error.file = str(path)
                return rf
            opened_kind = kind
        opened = source or read_from
        if opened_kind == "xlsx":
            rf.error = bounds.check_package(opened, zf)
            if rf.error is not None:
                rf.error.file = str(path)
                return rf
        if reader != OPENPYXL and opened_kind == "xlsx":
            given, zf = zf, None  # the fast reader closes it
            try:
                fast = replace(rf, rows=[], findings=[])
                book = FastWorkbook(opened, given)
                _read_workbook(fast, book, task_rows)
                _saved(fast, book.saved_text, now)
                return fast
            except Exception:
                # Not a file the fast reader knows, or damaged: openpyxl reads it (and
                # names the damage) as if the fast reader did not exist.
                if reader == FAST:
                    raise
    finally:
        if zf is not None:
            zf.close()
    # Only a package to open has a saved time worth reading: anything else (a crowded
    # zip, whose directory alone would take seconds and memory) is refused by openpyxl's
    # opening, below, with the reason.
    saved = saved_text(opened) if opened_kind == "xlsx" else ""
    with ExitStack() as held:  # a copy, when one is read, lives until the rows are read
        try:
            wb = open_workbook(opened, read_only=True, data_only=False)
        except WorkbookError as exc:
            # openpyxl refuses a whole file for a saved time it does not parse: read a
            # copy without it (the time itself is read as written, below).
            wb = open_without_saved_time(opened, Path(held.enter_context(
                tempfile.TemporaryDirectory(prefix="cchc-core-")))) if saved else None
            if wb is None:
                exc.file = str(path)
                rf.error = exc
                return rf
        return _read_with_openpyxl(rf, wb, task_rows, saved, now)


def _read_with_openpyxl(rf: ReturnedFile, wb, task_rows: int, saved: str,
                        now: datetime | None) -> ReturnedFile:
    """The rows of a workbook openpyxl opened, and its saved time (``saved``, as
    written)."""
    path = rf.path
    try:
        _read_workbook(rf, wb, task_rows)
    except _DAMAGE as exc:  # a damaged sheet part shows up only while iterating
        rf.error = WorkbookError(
            f"tệp Excel bị hỏng, không đọc hết được ({type(exc).__name__})", file=str(path),
            hint="mở tệp trong Excel hoặc LibreOffice, lưu lại rồi gửi lại")
        rf.rows.clear()
    if rf.error is None:
        _saved(rf, saved, now)
    return rf


def _saved(rf: ReturnedFile, text: str, now: datetime | None) -> None:
    """The file's saved time from ``text`` as written (cchc_xl.intake.saved_time: not openpyxl's
    reading, which takes a missing one for "now" and drops an offset), and what to
    say of it: a time after ``now``, the merge's moment (not the reading worker's clock:
    a merge told of files received on a given day, or a test, counts from its own),
    is a wrong clock."""
    rf.saved_at = local_time(parse_saved(text))
    rf.findings += saved_findings(rf.path, text, rf.saved_at, rf.modified_at,
                                  now or clock.now())


# What openpyxl raises on a damaged part of a workbook while streaming it. Anything
# else is a bug of ours and must not be passed off as a unit's broken file.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, ParseError)


def _read_workbook(rf: ReturnedFile, wb, task_rows: int) -> None:
    """Identity, guide cell and task rows of a workbook opened read-only."""
    with closing(wb):
        props = [p.name for p in getattr(wb, "custom_doc_props", None) or []]
        rf.office_kind = next((OFFICE_WORKBOOKS[n] for n in props if n in OFFICE_WORKBOOKS), "")
        rf.epoch = getattr(wb, "epoch", WINDOWS_EPOCH)  # both readers say it
        sheets = {for_people(name) for name in wb.sheetnames}
        if A.IDENTITY_SHEET not in sheets and {PLAN_SHEET, UNITS_SHEET} <= sheets:
            rf.plan_table = True  # its area sheets hold the plan's rows, no unit's answers
            return
        rf.identity = A.read_identity(wb)
        rf.guide_unit = _guide_unit(wb)
        # worksheets, not sheetnames: a chart sheet someone added has no cells to read.
        for ws in wb.worksheets:
            # Read as people see it (NFC): a Mac's file has its tab names decomposed, and
            # every finding, row and table naming them would be so (feedback._tab finds
            # the tab again by this name).
            title = for_people(ws.title)
            if title == A.IDENTITY_SHEET or match_key(title) == match_key(A.GUIDE_SHEET):
                continue
            rows, found, heading = _read_sheet(ws, title, task_rows)
            rf.findings.extend(replace(f, file=str(rf.path)) for f in found)
            if rows is not None:
                rf.rows.extend(rows)
                if heading:
                    rf.headings[title] = heading
