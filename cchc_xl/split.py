"""Split: one assignment workbook per unit, for one reporting period.

Each unit that leads or supports at least one product of the plan gets a workbook:
a "Hướng dẫn" sheet (text from ``templates/huong-dan.md.j2``), one protected sheet
per reform area with the unit's rows and unlocked, validated input cells, and the
identity carriers of :mod:`cchc_xl.assignment`. The folder also gets a manifest
(CSV for people, JSON for programs) with each file's SHA-256.

Layout, headers and identity come from :mod:`cchc_xl.assignment`, looks from
:mod:`cchc_xl.styles`; intake reads the files back through the same module.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import jinja2  # noqa: F401  every split renders the guide: loaded with split (templates defers it)
from xlsxwriter.utility import xl_cell_to_rowcol

from . import clock, styles
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
    HEADING_ROW,
    HEADING_SEPARATOR,
    INPUT_COLUMNS,
    AssignedRow,
    Identity,
    area_sheets,
    assigned_units,
    column_widths,
    count_roles,
    digest_line,
    due_value,
    issued_inputs,
    issued_line,
    lines_digest,
    role_text,
    roles_of,
    too_long_to_show,
    workbook_filename,
    write_identity_xlsxwriter,
)
from .carried import Told, carries, told_earlier
from .errors import MasterError, OutputError, UsageError, system_words
from .fast import book as fast_book
from .fast.rowmemo import RowsMemo
from .findings import Finding
from .fitrows import FittedRows, FittedWorksheet
from .issuer import running_plan
from .manifest import MANIFEST_CSV, MANIFEST_JSON, listed_files, write_manifests
from .master.areas import places_sent_to_nobody
from .master.layout import PERIODS_SHEET
from .master.read import NO_TASKS, NO_TASKS_HINT
from .model import Area, Heading, Master, Period, Unit
from .overwrite import refuse_answered
from .periods import due_gone_by, example_day, period_of
from .pool import collector_paused, cores, ordered_map
from .split_guide import PROTECT_OPTIONS, write_guide
from .text import one_line, short_list
from .vocab import DONE, ERROR, STATUSES, WARNING
from .xlio import (
    atomic_write,
    check_not_input,
    new_xlsx,
    vn_date,
)
from .year_turn import refuse_another_plans_files

FAST = True  # write through cchc_xl.fast.book (where checked); tests turn it off

Progress = Callable[[int, int, str], None]

# Workbooks are handed to the workers in about this many jobs per core: enough to keep
# every core busy to the end, few enough that a job's round trip over the pipes is not
# paid for every workbook (and never fewer jobs than pool.MIN_JOBS, the least it
# starts workers for, when there are that many workbooks).
JOBS_PER_CORE = 8

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
    COL_DONE_ON: ("Ngày không hợp lệ",
                  "Ghi một ngày dạng ngày/tháng/năm, trong khoảng {first} đến {last}."),
}
LEGEND = ("Chỉ điền các ô nền vàng; các cột khác đã khóa. "
          f"Xem cách điền ở trang \"{GUIDE_SHEET}\".")

COL = {name: i for i, name in enumerate(COLUMNS)}  # a task sheet's columns, 0-based

# The formats of styles.XLSX_FORMATS a unit's workbook uses (only these are built).
FORMATS = ("title", "italic", "text", "bold", "header", "cell", "cell_center", "cell_date",
           "cell_bold", "cell_bold_center", "input", "input_center", "input_date",
           "input_percent")


@dataclass
class SplitFile:
    """One workbook written for one unit."""

    unit_code: str
    unit_name: str
    path: Path
    lead_count: int
    support_count: int
    row_count: int
    sha256: str
    prefilled: int = 0  # rows filled in with the unit's earlier answers (--ledger)


@dataclass
class SplitResult:
    period: Period
    files: list[SplitFile]
    manifest_csv: Path
    manifest_json: Path
    unassigned: list[Unit] = field(default_factory=list)  # registry units with no rows
    findings: list[Finding] = field(default_factory=list)  # what the office should fix
    ledger: Path | None = None  # whose answers the files were filled in with (--ledger)

    @property
    def prefilled(self) -> tuple[int, int]:
        """Files and rows filled in with earlier answers (--ledger; a QA pass: unsaid)."""
        return sum(f.prefilled > 0 for f in self.files), sum(f.prefilled for f in self.files)

    @property
    def unassigned_note(self) -> str:
        """Who got no file, counted and named in short: a province plan's split listed its
        ~170 units with no task on one line with no count (a QA pass), which nobody reads.
        The units that did get one are in the manifest; "" when every unit has a file."""
        if not self.unassigned:
            return ""
        return (f"Không tạo tệp cho {len(self.unassigned)} đơn vị không được giao nhiệm vụ "
                f"nào: {short_list([u.name for u in self.unassigned])}")


def split_master(master: Master, period_code: str, out_dir: Path, *, force: bool = False,
                 password: str | None = None, ledger: Path | None = None,
                 progress: Progress | None = None,
                 issued_at: datetime | None = None,
                 return_to: str | None = None) -> SplitResult:
    """Write one assignment workbook per assigned unit into ``out_dir``, plus manifests.

    ``ledger`` (a ledger of earlier returns) prefills each unit's inputs with what it
    reported last on products with a due date (recurring work is reported anew each
    period); ``issued_at`` (default now) is recorded in every file, and fixing
    it makes the output byte for byte reproducible. ``return_to`` (default: the plan's
    "Nơi nhận báo cáo") tells each unit, on its guide sheet, where to send its file back.
    """
    period = period_of(master, period_code)
    units = assigned_units(master)
    if not any(True for _ in master.deliverables()):  # nothing to assign to anyone
        raise MasterError(NO_TASKS, file=master.path or None, hint=NO_TASKS_HINT)
    if not units:
        raise MasterError("bảng kế hoạch chưa giao nhiệm vụ nào cho đơn vị cụ thể",
                          file=master.path or None,
                          hint="ghi đơn vị chủ trì, phối hợp có trong trang 'Đơn vị'")
    if ledger is not None:
        _check_ledger(Path(ledger), master)
    out_dir = Path(out_dir)
    _prepare(out_dir, force)
    earlier = listed_files(out_dir, master.plan.key)
    issue = Issue(master, period, (issued_at or clock.now()).replace(microsecond=0),
                   password,
                   master.plan.return_to if return_to is None else one_line(return_to))
    if ledger is not None:
        # The feedback file's wording of its problems, loaded before the workers fork.
        from . import feedback  # noqa: F401
        issue.told = told_earlier(Path(ledger), master.plan.key, period)
    taken: set[str] = set()
    jobs = [(n, out_dir / _unique_file(workbook_filename(unit), taken))
            for n, (unit, _) in enumerate(units)]
    inputs = [(master.path, "bảng kế hoạch"), (ledger, "sổ cái")]
    for path in (*(p for _, p in jobs), out_dir / MANIFEST_CSV, out_dir / MANIFEST_JSON):
        check_not_input(path, "tệp sẽ ghi", inputs)
    stale = earlier - {p.name for _, p in jobs}  # removed once the new files are written
    refuse_another_plans_files(out_dir, [p for _, p in jobs], master)
    refuse_answered(out_dir, [p for _, p in jobs] + [out_dir / n for n in sorted(stale)],
                    period.code)
    files: list[SplitFile] = []

    def record(split_file: SplitFile) -> None:
        files.append(split_file)
        if progress:
            progress(len(files), len(units), split_file.unit_name)

    # The first workbook is written here: it fills what the split measures and builds
    # once (the guide's template and lines, rows, formats, validations), and the
    # workers, forked after it, start with all of it instead of each doing it again.
    # The others are written on every core, a few workbooks a job (each job and its
    # result cross a pipe); each worker gets the plan once.
    _start_writing(issue, units, ledger)
    written = None
    try:
        record(_write_one(jobs[0]))
        rest = jobs[1:]
        size = max(1, len(rest) // (JOBS_PER_CORE * cores()))
        written = ordered_map(_write_some, [rest[i:i + size] for i in range(0, len(rest), size)],
                              initializer=_start_writing, initargs=(issue, units, ledger))
        for some in written:
            for split_file in some:
                record(split_file)
    finally:
        if written is not None:
            written.close()
        _start_writing(None, [], None)
    # Recorded when said, or when the plan's was left out (the web app offers it again).
    told = issue.return_to if issue.return_to or master.plan.return_to else None
    csv_path, json_path = write_manifests(out_dir, master, issue.period, issue.issued_at, files,
                                          told)
    # A unit that lost all its tasks since an earlier split into this folder must not
    # keep its old file there: someone would send it out. Only files an earlier
    # manifest lists are removed, never anything else the folder holds.
    for name in stale:
        (out_dir / name).unlink(missing_ok=True)
    assigned = {u.code for u, _ in units}
    return SplitResult(period=period, files=files, manifest_csv=csv_path,
                       manifest_json=json_path, ledger=ledger,
                       unassigned=[u for u in master.units if u.code not in assigned],
                       findings=[*_due_passed(master, period, issue.issued_at.date()),
                                 *too_long_to_show(master), *places_sent_to_nobody(master)])


def _due_passed(master: Master, period: Period, today: date) -> list[Finding]:
    """A warning when the files are made after the day the units were to send them back:
    each file says "Chậm nhất ngày ..." of a day gone (two QA passes: a 6-month period
    split in December read "Chậm nhất ngày 20/06/2026" with nothing said). Catching up
    is allowed, so it is a warning, with how to give the units another day."""
    said = due_gone_by(period, today)
    return [Finding(WARNING, "period-due-passed", said, file=master.path or "",
                    sheet=PERIODS_SHEET)] if said else []


# --- arguments ------------------------------------------------------------------------

def _prepare(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("đây là một tệp, cần đường dẫn thư mục", file=str(out_dir))
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        if not (out_dir / MANIFEST_JSON).is_file() and any(out_dir.glob("*.xlsx")):
            # Workbooks and no list: a split stopped before it finished (Ctrl-C).
            raise UsageError("thư mục có tệp giao của một lần tách chưa xong (chưa có danh "
                             f"sách {MANIFEST_JSON}): đừng gửi các tệp đó", file=str(out_dir),
                             hint="dùng --force để tách lại vào thư mục này")
        raise UsageError("thư mục đã có tệp", file=str(out_dir),
                         hint="chọn thư mục khác, hoặc dùng --force để ghi đè các tệp trùng tên "
                         "(tệp của đơn vị không còn được giao ở lần tách trước cũng bị xóa)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"không tạo được thư mục ({system_words(exc)})",
                          file=str(out_dir)) from exc


def _unique_file(name: str, taken: set[str]) -> str:
    """The name, made unique ignoring case (Windows and macOS folders ignore it)."""
    stem, suffix = name.rsplit(".", 1)
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}.{suffix}"
    taken.add(candidate.lower())
    return candidate


def _check_ledger(ledger: Path, master: Master) -> None:
    """A ledger to carry answers forward from must be one, and hold this plan: another
    plan's gave nothing to carry, silently."""
    from .ledger import Ledger
    from .year_turn import refuse_other_year

    if not ledger.is_file():
        raise UsageError("không tìm thấy sổ cái", file=str(ledger))
    with Ledger(ledger, create=False) as book:
        plans = book.plans()
        refuse_other_year(book, master, ledger)  # last year's answers are not this year's
    if master.plan.key not in plans:
        held = ", ".join(sorted(plans)) or "chưa có kế hoạch nào"
        raise UsageError(f"sổ cái không có số liệu của kế hoạch {master.plan.key} (trong sổ "
                         f"cái: {held}): không có gì để điền sẵn", file=str(ledger),
                         hint="chỉ ra sổ cái của chính kế hoạch này: tệp cchc-ledger.sqlite "
                              "bên cạnh tệp tổng hợp của kỳ trước")


def _previous(ledger: Path, plan_key: str, unit_code: str, period: Period,
              rows: list[AssignedRow]) -> dict[str, Answer]:
    # Imported here: the ledger (sqlite) is only needed when carrying answers forward.
    from .carried import previous_reports

    return previous_reports(ledger, plan_key, unit_code, before=period.cutoff,
                            roles=roles_of(rows))


_WRITING: tuple | None = None  # (issue, units with their rows, ledger) in each worker


def _start_writing(issue: Issue | None, units: list[tuple[Unit, list[AssignedRow]]],
                   ledger: Path | None) -> None:
    global _WRITING
    _WRITING = (issue, units, ledger) if issue is not None else None


def _write_some(jobs: list[tuple[int, Path]]) -> list[SplitFile]:
    return [_write_one(job) for job in jobs]


def _write_one(job: tuple[int, Path]) -> SplitFile:
    """Write the workbook of the n-th assigned unit.

    The workbook is built in memory, then written to its file in one piece and hashed
    from those bytes (the zip is not written part by part with a seek back over each
    part's header, nor read back to be hashed). Python's cyclic garbage collector is
    paused while it is built: tens of thousands of objects that live until the
    workbook is written, which it would walk again and again; they are freed when it
    is written (see _write_workbook), and any cycle left is collected after it.
    """
    n, path = job
    issue, units, ledger = _WRITING
    unit, rows = units[n]
    previous = (_previous(Path(ledger), issue.master.plan.key, unit.code, issue.period,
                          rows) if ledger else {})
    # Only what carries to the next period (recurring work is issued blank, so it cannot
    # be sent back as it was).
    previous = {did: a for did, a in previous.items() if did in issue.dated}
    # What the earlier periods told of the answers filled in, said on their rows (the
    # feedback file did): the office's Chưa đạt, the errors the file still has.
    told = issue.told
    refused = told.refused(unit.code, previous) if told else {}
    wrong = told.wrong(unit.code, previous, issue.period) if told else {}
    buffer = BytesIO()
    with collector_paused():
        _write_workbook(buffer, issue, unit, rows, previous, refused, wrong)
    gc.collect(0)
    data = buffer.getvalue()
    atomic_write(path, lambda tmp: tmp.write_bytes(data))
    lead, support = count_roles(rows)
    return SplitFile(unit.code, unit.name, path, lead, support, len(rows),
                     hashlib.sha256(data).hexdigest(),
                     sum(r.deliverable.id in previous for r in rows))


# --- one workbook ---------------------------------------------------------------------

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
        # deadlines in November 2022 for 2023); dates beyond next year are typos.
        self.first_day = date(year - 1, 1, 1)
        self.last_day = date(year + 1, 12, 31)
        self.example = example_day(period.start, period.cutoff)
        self.rules = _validation_rules(self.first_day, self.last_day, year, self.example)
        self.period_line = (f"{period.name} (số liệu đến hết ngày {vn_date(period.cutoff)}, "
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


def _write_workbook(target: BytesIO, issue: Issue, unit: Unit, rows: list[AssignedRow],
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
