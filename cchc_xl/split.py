"""Split: one assignment workbook per unit, for one reporting period.

Each unit that leads or supports at least one product of the plan gets a workbook, laid
out by :mod:`cchc_xl.split_book` (a "Hướng dẫn" sheet, one protected sheet per reform
area with the unit's rows and unlocked, validated input cells, the identity carriers of
:mod:`cchc_xl.assignment`). This module runs the split: the plan and the options checked,
the output folder prepared, each unit's earlier answers taken from the ledger
(``--ledger``), the workbooks written on every core, and the folder's lists of them
with each file's SHA-256 (:mod:`cchc_xl.manifest`: a workbook and a CSV for people, JSON
for programs).

Layout, headers and identity come from :mod:`cchc_xl.assignment`, looks from
:mod:`cchc_xl.styles`; intake reads the files back through the same module.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from . import clock, styles
from .answer import Answer
from .assignment import (
    COL_TASK,
    COLUMN_WIDTHS,
    AssignedRow,
    assigned_units,
    count_roles,
    roles_of,
    workbook_filename,
)
from .carried import told_earlier
from .errors import MasterError, OutputError, UsageError, system_words
from .findings import Finding
from .manifest import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    MANIFEST_XLSX,
    listed_files,
    write_manifests,
)
from .master.areas import places_sent_to_nobody
from .master.layout import PERIODS_SHEET
from .master.read import NO_TASKS, NO_TASKS_HINT
from .model import Master, Period, Unit
from .overwrite import ISSUED_LIST, refuse_answered, refuse_overwrite
from .periods import due_gone_by, period_of
from .pool import collector_paused, cores, ordered_map
from .split_book import Issue, write_workbook
from .text import one_line, short_list, vn_number
from .vocab import WARNING
from .xlio import atomic_write, check_not_input
from .year_turn import refuse_another_plans_files

Progress = Callable[[int, int, str], None]

# Workbooks are handed to the workers in about this many jobs per core: enough to keep
# every core busy to the end, few enough that a job's round trip over the pipes is not
# paid for every workbook (and never fewer jobs than pool.MIN_JOBS, the least it
# starts workers for, when there are that many workbooks).
JOBS_PER_CORE = 8


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
    manifest_xlsx: Path | None = None  # the list people open (danh-sach-tep-giao.xlsx)

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
    listed = out_dir / MANIFEST_XLSX
    for path in (*(p for _, p in jobs), out_dir / MANIFEST_CSV, out_dir / MANIFEST_JSON, listed):
        check_not_input(path, "tệp sẽ ghi", inputs)
    stale = earlier - {p.name for _, p in jobs}  # removed once the new files are written
    refuse_another_plans_files(out_dir, [p for _, p in jobs], master)
    # The list workbook as the units' files: another plan's refused (its keywords say
    # whose; after the folder's manifest.json, which is named first), and nothing the
    # office keeps under its name (a plan table, a unit's file, its own workbook) written
    # over; a list of before, edited in Excel, is the split's to write again.
    refuse_another_plans_files(out_dir, [listed], master)
    try:
        refuse_overwrite(listed, ISSUED_LIST, own=(ISSUED_LIST,))
    except UsageError as exc:  # its name is split's: the file is what can move
        exc.hint = ("chuyển tệp đó ra khỏi thư mục tệp giao (hoặc đổi tên nó), rồi tạo lại "
                    "tệp giao")
        raise
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
    csv_path, json_path, xlsx_path = write_manifests(out_dir, master, issue.period,
                                                     issue.issued_at, files, told)
    # A unit that lost all its tasks since an earlier split into this folder must not
    # keep its old file there: someone would send it out. Only files an earlier
    # manifest lists are removed, never anything else the folder holds.
    for name in stale:
        (out_dir / name).unlink(missing_ok=True)
    assigned = {u.code for u, _ in units}
    return SplitResult(period=period, files=files, manifest_csv=csv_path,
                       manifest_json=json_path, ledger=ledger, manifest_xlsx=xlsx_path,
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
        # The files of a split before, and their list when it is there (the one the
        # office opens to see them). A refused command writes nothing: a split made before
        # splits wrote the list gets it from the Giao việc page (manifest.issued_list).
        listed = out_dir / MANIFEST_XLSX
        before = (out_dir / MANIFEST_JSON).is_file()
        raise UsageError("thư mục đã có tệp" + (
            " giao của một lần tách trước" if before else "") + (
            f" (danh sách các tệp: {listed})" if before and listed.is_file() else ""),
            file=str(out_dir),
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
    is written (see write_workbook), and any cycle left is collected after it.
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
        write_workbook(buffer, issue, unit, rows, previous, refused, wrong)
    gc.collect(0)
    data = buffer.getvalue()
    atomic_write(path, lambda tmp: tmp.write_bytes(data))
    lead, support = count_roles(rows)
    return SplitFile(unit.code, unit.name, path, lead, support, len(rows),
                     hashlib.sha256(data).hexdigest(),
                     sum(r.deliverable.id in previous for r in rows))


def too_long_to_show(master: Master) -> list[Finding]:
    """A warning for each task whose text is taller than a row can be in its column of
    a unit's workbook (Excel's 409 points): a unit given one product of it sees and
    prints only its beginning."""
    width = COLUMN_WIDTHS[COL_TASK]
    fits = styles.lines_in_a_row()
    found = []
    for area in master.areas:
        for task in area.tasks:
            lines = styles.text_lines(task.content, width)
            if lines > fits:
                found.append(Finding(
                    WARNING, "task-text-too-long",
                    f"nội dung nhiệm vụ {task.id} dài {vn_number(len(task.content))} ký tự, cần "
                    f"{lines} dòng trong cột '{COL_TASK}' của tệp giao; một dòng Excel cao tối "
                    f"đa {fits} dòng chữ nên phần sau bị che khi xem và khi in: rút gọn nội "
                    "dung, hoặc tách thành các nhiệm vụ con",
                    sheet=area.sheet, task=task.id))
    return found
