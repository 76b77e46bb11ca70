"""What a worker makes of one returned file: read it from a copy made as it is hashed,
identify it (whose file, of which plan and period), and check its rows; the merging
process records the result (:mod:`cchc_xl.merge`).

Workers run in their own processes (:mod:`cchc_xl.isolate`, each file within a memory and
time budget); :func:`start_judging` gives each the plan, period and index they share.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from . import archive as archived
from . import assignment as A
from . import bounds
from .carried import carries
from .consolidated.link import ISSUED_LIST_PROPERTY, OFFICE_WORKBOOKS
from .errors import InputChangedError
from .findings import Finding
from .intake import ReturnedFile, read_return
from .intake.cells import read_status
from .intake.collect import PLAN_TABLE_FILE
from .intake.convert import CONVERTIBLE
from .intake.identify import identify
from .intake.plan_index import PlanIndex
from .intake.validate import check_return
from .manifest import MANIFEST_SKIPPED
from .model import Master, Period
from .office_ui import LO_KEEP_XLSX
from .pool import collector_paused
from .temporary import scratch
from .vocab import DONE, ERROR, LEAD, NOTE
from .xlio import copy_checked


def _untouched(rf, ident, as_issued: bool) -> bool:
    """Nothing was filled in: the file is the one split wrote, or its input cells are as
    issued (blank, or carried forward by ``split --ledger`` and left as they were)."""
    return as_issued or rf.inputs_as_issued(ident.expected_rows)


def _carried(rf, ident) -> bool:
    """Whether the unit's rows came filled in (``split --ledger``): only then is a file
    refused as unfilled told that answers filled in from an earlier period count as none;
    a unit sent a blank file was told of "số liệu điền sẵn từ kỳ trước" it never had (a
    QA pass)."""
    wanted = {did.casefold() for did in ident.expected_rows}
    return any(r.has_input for r in rf.rows if r.id.casefold() in wanted)


def _stray_rows(rf, ident) -> str:
    """Where a file refused as unfilled has answers after all, on rows that are none of
    the unit's (their "Mã nhiệm vụ" cleared or changed, or rows added): said, or the unit
    is told it filled nothing while it typed its answers (a QA pass); "" when none."""
    expected = {did.casefold() for did in ident.expected_rows}
    stray = [r for r in rf.rows if r.has_input and r.id.casefold() not in expected]
    if not stray:
        return ""
    where = "; ".join(f"trang '{sheet}', dòng " + ", ".join(
        str(r.row) for r in stray if r.sheet == sheet) for sheet in dict.fromkeys(
            r.sheet for r in stray))
    return (f"nội dung đã ghi ở {len(stray)} dòng không mang mã nhiệm vụ được giao cho đơn "
            f"vị ({where}) không được tổng hợp: ghi kết quả vào đúng dòng của nhiệm vụ, không "
            f"thêm dòng, không xóa hoặc sửa cột '{A.COL_ID}'; ")


def _all_done_before(rf, unit: str, master: Master, index: PlanIndex | None) -> bool:
    """Every row the unit leads (or, leading none, every row) is in the file and says
    done, and has a due date: answers carried forward by ``split --ledger`` when there
    is nothing left to do, so a file sent back as issued is still the unit's report.
    Recurring work is reported each period: last period's "done" is not this one's."""
    assigned = (index.assigned(unit) if index is not None else
                {ar.deliverable.id: ar for ar in A.assigned_rows(master, unit)})
    rows = [ar for ar in assigned.values() if ar.role == LEAD] or list(assigned.values())
    if not all(carries(ar.deliverable) for ar in rows):
        return False
    wanted = {ar.deliverable.id.casefold() for ar in rows}
    done = {r.id.casefold() for r in rf.rows
            if read_status(str(r.cell(A.COL_STATUS).value or "").strip())[0] == DONE}
    return bool(wanted) and wanted <= done


@dataclass
class Judged:
    """What a worker makes of one file: read, identified, checked (rows left behind)."""

    rf: ReturnedFile
    unit: str | None
    owner: str | None
    findings: list[Finding]
    reports: list
    staged: bool = False  # read from its copy made in the archive, to be moved into place
    named_period: str = ""  # intake.identify.Identification.named_period


@dataclass
class Unjudged:
    """A file a worker read but did not judge: its bytes were no longer those hashed (not
    recorded, read next time); or, ``office``, a workbook of the office: skipped, and,
    ``known``, one cchc-xl made, known by its content from then on (the plan table is
    not: it is no output of a merge, which removes its earlier outputs from the feedback
    folder by their content)."""

    reason: str
    office: bool = False
    known: bool = True


# Why a workbook cchc-xl made for the office (consolidated.link.OFFICE_WORKBOOKS: its
# kind) is passed over among the returns.
OFFICE_PASSED_OVER = "tệp {kind} do cchc-xl lập, không phải tệp đơn vị gửi"


# (master, period, PlanIndex, task rows, the merge's moment) in each worker
_SHARED: tuple | None = None


def start_judging(master: Master | None, period: Period | None, task_rows: int,
                   index: PlanIndex | None, now: datetime | None = None) -> None:
    """What each worker shares; ``now`` is the merge's moment, which a file's saved time
    is weighed against (default: the worker's clock)."""
    global _SHARED
    _SHARED = (master, period, index, task_rows, now) if master is not None else None


# File, SHA-256, converted copy, a copy as issued?, where to copy it in the archive.
Job = tuple[Path, str, Path | None, bool, Path | None]


def judge(job: Job) -> Judged | Unjudged:
    with collector_paused():  # a file's objects are freed together when it is done
        return _judge_file(job)


def _judge_file(job: Job) -> Judged | Unjudged:
    path, sha, converted, as_issued, staged = job
    master, period, index, task_rows, now = _SHARED
    in_archive = False
    if converted is not None:
        rf = read_return(path, converted, sha, task_rows=task_rows, now=now)
    elif path.stat().st_size > bounds.MAX_FILE_BYTES:  # refused by its size, unread: no copy
        rf = read_return(path, None, sha, task_rows=task_rows, now=now)
    else:
        read = _read_copy(path, sha, staged, task_rows, now)
        if isinstance(read, Unjudged):
            return read
        rf, in_archive = read
    if rf.plan_table:
        return Unjudged(PLAN_TABLE_FILE, office=True, known=False)
    if rf.office_kind == OFFICE_WORKBOOKS[ISSUED_LIST_PROPERTY]:
        # Split's list of the files given out, as its CSV and JSON are passed over (read
        # again each time, not recorded as an output: a second upload of the ZIP given out
        # is said to be the files given out, as the first).
        return Unjudged(MANIFEST_SKIPPED, office=True, known=False)
    if rf.office_kind:
        return Unjudged(OFFICE_PASSED_OVER.format(kind=rf.office_kind), True)
    ident = identify(rf, master, period, index)
    findings = list(ident.findings)
    if converted is not None:
        findings.append(Finding(NOTE, "converted",
                                f"{CONVERTIBLE.get(rf.converted_from, 'tệp')} đã được chuyển "
                                "sang .xlsx bằng LibreOffice để đọc; lần sau nên lưu dạng Excel "
                                f"(.xlsx; trong LibreOffice, {LO_KEEP_XLSX})",
                                file=str(path), unit=ident.owner or ""))
    reports = []
    if ident.unit and _untouched(rf, ident, as_issued):
        if _all_done_before(rf, ident.unit, master, index):
            # Nothing left to report: the unit confirms what it reported done before.
            findings.append(Finding(
                NOTE, "return-all-done-before",
                "tệp gửi lại giữ nguyên kết quả điền sẵn từ kỳ trước: mọi nhiệm vụ đơn vị chủ "
                "trì đã hoàn thành, nên tệp được tính là báo cáo của kỳ này", file=str(path),
                unit=ident.unit))
        else:
            findings.append(Finding(
                ERROR, "return-unchanged",
                # Why, then what to do (findings.why_and_todo: the letter's header
                # and its table's row); no ": " in the why.
                "tệp chưa được điền (không ô nhập liệu nào thay đổi so với tệp được giao"
                + (", kể cả số liệu điền sẵn từ kỳ trước" if _carried(rf, ident) else "")
                + "), nên không được tính là đã gửi báo cáo: " + _stray_rows(rf, ident)
                + "đơn vị cập nhật kết quả của kỳ này vào tệp rồi gửi lại", file=str(path),
                unit=ident.unit))
            ident = replace(ident, unit=None)
    if ident.unit:
        reports, row_findings = check_return(rf, ident.unit, ident.expected_rows, master, period,
                                             index)
        findings.extend(row_findings)
    rf.rows = []  # checked: not worth sending back
    return Judged(rf, ident.unit, ident.owner, findings, reports, in_archive,
                  ident.named_period)


def merging_process() -> int:
    """The process whose merge this reading is for: the one that started this worker,
    whatever started it (a fork server's worker, the web app's and macOS's, has the server
    for its parent: a read copy named for it was never swept after the web app was
    killed mid-merge, a unit's file left in the machine's temporary folder); this
    process when it reads in place."""
    parent = multiprocessing.parent_process()
    return parent.pid if parent is not None and parent.pid else os.getpid()


def _read_copy(path: Path, sha: str, staged: Path | None, task_rows: int,
               now: datetime | None) -> tuple[ReturnedFile, bool] | Unjudged:
    """Read ``path`` from a copy made as it is hashed: the file read is the one hashed
    (and archived), even if it is saved again, or back, while the merge runs. The copy
    is made at ``staged`` in the archive, where the merging process moves it when it
    records the file (True), or, where there is no such place or it cannot be
    written, in a folder of its own (False; the file is then copied into the archive)."""
    if staged is not None:
        try:
            archived.stage(path, staged, sha)
        except InputChangedError as exc:
            return Unjudged(exc.message)
        except OSError:
            pass  # the archive cannot be written: merge says so when it archives the file
        else:
            return read_return(path, None, sha, task_rows=task_rows, copy=staged,
                               now=now), True
    # Named for its merge: removed by the next if it was killed.
    with scratch("read", merging_process()) as tmp:
        copy = Path(tmp) / f"tep{path.suffix}"
        try:
            copy_checked(path, copy, sha)
        except InputChangedError as exc:
            return Unjudged(exc.message)
        return read_return(path, None, sha, task_rows=task_rows, copy=copy,
                           now=now), False
