"""Feedback for units: each unit's own returned workbook, its problems marked in place.

The unit gets back the file it sent (from the ledger's archive), with every cell
that has a problem commented, and filled: red for errors, orange for warnings, none
for a note (it asks nothing to be fixed, but the list links to its cell, which must
say what is meant); and a first sheet "Phản hồi" listing all problems. It keeps the
identity carriers (written again where the file lost them: :func:`_identity_again`), so
the unit can correct it and send it again: the corrected file supersedes the old.

Editing the unit's own file with openpyxl is deliberate here: the point is to hand
back *their* workbook, not a new one.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import PatternFill

from . import __version__, clock, made_from, styles
from .answered import answered_refusals
from .archive import kept_copy
from .assignment import (
    GUIDE_SHEET,
    HEADER_ROW,
    IDENTITY_SHEET,
    Identity,
    assigned_rows,
    read_identity,
    safe_code,
    write_identity_openpyxl,
)
from .bounds import fits_in_memory, whole_refusal
from .errors import WorkbookError
from .fast.reader import FastWorkbook, Unrecognised
from .findings import Finding, why_and_todo
from .intake.convert import convert_with_office, needs_conversion
from .ledger import Ledger
from .letters.for_unit import for_unit
from .letters.remind import ASSESSED_NOT_PASSED, asked_of, item_label, office_refusals, settled
from .resend import resend_by, said_again
from .snapshot import LedgerSnapshot
from .sniff import sniff_format
from .submission import Submission
from .temporary import scratch
from .text import capitalized, file_part, for_people
from .vocab import (
    ACCEPTED,
    ERROR,
    NOTE,
    REJECTED,
    RETURN_REJECTED,
    SEVERITY_LABEL,
    SEVERITY_RANK,
    WARNING,
)
from .xlio import Inputs, file_sha256, input_check, open_workbook, put_value, save_workbook, vn_date
from .year_turn import plan_mark

FEEDBACK_SHEET = "Phản hồi"
# The problem list leads with what to fix. Not "Mã nhiệm vụ": a resent feedback file
# must not look like a task sheet to intake. No finding codes: the unit's clerk reads
# this (the consolidated workbook's problems sheet keeps them for the office).
FEEDBACK_COLUMNS = (("TT", 4), ("Nội dung cần sửa và cách sửa", 52), ("Trang", 13),
                    ("Ô (bấm để tới)", 8), ("Nhiệm vụ", 13), ("Mức độ", 10))  # "TTHC-05-1" whole
# ("Mức độ" 10: at 9 LibreOffice drew "Cảnh báo" as "Cảnh bá" on a printed list, a QA pass.)
# LibreOffice follows a link on Ctrl+click only (its default setting).
STEPS = ("Cách làm: (1) bấm vào ô ở cột \"Ô\" (LibreOffice: giữ phím Ctrl rồi bấm) để tới ô "
         "cần sửa (ô tô đỏ là lỗi, tô cam là cảnh báo, ô không tô màu là ghi nhận; rê chuột "
         "vào ô để đọc ghi chú); (2) sửa theo "
         "cột \"Nội dung cần sửa và cách sửa\"; (3) lưu tệp, giữ nguyên tên và thứ tự các "
         "trang, rồi gửi lại chính tệp này. Tệp gửi lại thay thế tệp đã gửi.")
# A file not taken: no cell to go to, and this file is not what to send again as is.
REJECTED_STEPS = ("Cách làm: làm theo nội dung ở bảng dưới. Tệp này chưa được tính vào số "
                  "liệu; tệp gửi lại đúng sẽ được nhận thay cho tệp này.")
# A file taken but lacking a column (missing-column): the column cannot be put back in
# this file, so the unit fills its original file again.
REFILL_STEPS = ("Cách làm: tệp đã gửi thiếu cột nên không sửa được trong tệp này: điền lại "
                "vào tệp được giao (tệp gốc; không xóa hay đổi tên cột) theo bảng dưới, rồi "
                "gửi tệp đó. Tệp gửi lại thay thế tệp đã gửi.")
# Why a unit whose file has only notes gets no feedback workbook, as the office is told.
FEEDBACK_ONLY_FOR = ("chỉ cho tệp còn lỗi hoặc cảnh báo đơn vị phải xem lại; tệp chỉ có ghi "
                     "nhận thì đơn vị không phải sửa hay gửi lại, nên không có tệp phản hồi")
_FILLS = {ERROR: styles.ERROR_FILL, WARNING: styles.MARKED_WARNING_FILL}
# The marks' fills an earlier feedback file may carry (those of earlier versions too:
# peach errors, amber warnings), taken off when the unit sends it back.
_MARK_FILLS = {c.lstrip("#").upper() for c in (*_FILLS.values(), "#F8CBAD", "#FFC000")}
_AUTHOR = "cchc-xl"
# The custom property holding what a feedback workbook was made of (_key); the format
# changes with the letter's layout, so that a new layout is written again.
KEY_PROPERTY = "cchc-xl phản hồi"
# The custom property holding the code that wrote it (made_from.code_digest): a new
# version's words are written into a feedback workbook left as cchc-xl wrote it.
CODE_PROPERTY = "cchc-xl phản hồi mã nguồn"
FEEDBACK_FORMAT = 10
FEEDBACK_SUFFIX = "-phản-hồi.xlsx"
# A feedback file's name at most, numbered ("-2") and all: a unit's second file named
# after its first ("TTVH-Trung-tâm-Văn-hóa-…-huyện-<the file's own name>") made one of
# 135 characters, which Excel cannot open from a deep folder (a path over 218).
_NAME_MAX = 100
_NUMBER_ROOM = 3  # "-2" ... "-99": another file named as one before it
_OWN_MIN = 8  # the file's own name, however long what it follows


def _after(head: str, stem: str) -> str:
    """"<head>-<stem as a file-name part>", the stem cut between words so that the
    feedback file's name stays within :data:`_NAME_MAX` characters."""
    room = _NAME_MAX - len(FEEDBACK_SUFFIX) - _NUMBER_ROOM - len(head) - 1
    return f"{head}-{file_part(stem, max(room, _OWN_MIN))}"


# What a feedback file's name begins with when its file is another plan's (the unit its
# identity names follows): never a unit's code, which the office sends files by. It
# began with the other plan's code ("NV-kế-hoạch-khác-…"), maybe one of this plan's
# units (NV, Sở Nội vụ), and so was mailed to the wrong office (a QA pass).
OTHER_PLAN_PREFIX = "kế-hoạch-khác-"
UNKNOWN_PREFIX = "không-rõ-"  # a file put down to no unit: the office's to look at


def feedback_name(sub: Submission, names: dict[str, str]) -> str:
    """"X02-Xã-Hoằng-Cát-phản-hồi.xlsx"; a file of another plan is named for the unit its
    identity names after :data:`OTHER_PLAN_PREFIX`, so that nobody takes it for this
    plan's unit."""
    if sub.unit:
        return f"{safe_code(sub.unit)}-{file_part(names.get(sub.unit, ''))}{FEEDBACK_SUFFIX}"
    if sub.other_plan and sub.identity_unit:
        who = f"{OTHER_PLAN_PREFIX}{file_part(sub.identity_unit)}"
    else:
        who = UNKNOWN_PREFIX.rstrip("-")
    return f"{_after(who, Path(sub.path).stem)}{FEEDBACK_SUFFIX}"


def _named_before(sub: Submission) -> str:
    """The stem a file of another plan's feedback had before :data:`OTHER_PLAN_PREFIX`
    came first ("NV-kế-hoạch-khác-…"), so that a merge removes such a file written
    before as it removes its own ("" for any other file)."""
    if sub.unit or not (sub.other_plan and sub.identity_unit):
        return ""
    return _after(f"{file_part(sub.identity_unit)}-{OTHER_PLAN_PREFIX.strip('-')}",
                  Path(sub.path).stem)


def earlier_feedback(snapshot: LedgerSnapshot, folder: Path, written: list[Path]) -> list[Path]:
    """Feedback workbooks in ``folder`` named for the period's submissions (their unit's
    name, or a file of it) that this run did not write: a file since withdrawn,
    replaced, or sent again without problems would be told what no longer holds. The
    caller removes those the ledger knows as its own output, unchanged since."""
    # The folder is listed once (a glob per submission listed it thousands of times at
    # national size); a file is a submission's by its name's stem, or that stem and "-"
    # and more (another file of the unit: feedback_name's numbered variants).
    stems = {feedback_name(sub, snapshot.unit_names).removesuffix(FEEDBACK_SUFFIX)
             for sub in snapshot.submissions} | {
                 _named_before(sub) for sub in snapshot.submissions} - {""}
    now = set(written)
    found = []
    for path in sorted(Path(folder).glob(f"*{FEEDBACK_SUFFIX}")):
        base = path.name.removesuffix(FEEDBACK_SUFFIX)
        stems_of = [base] + [base[:i] for i, ch in enumerate(base) if ch == "-"]
        if path not in now and any(s in stems for s in stems_of) and path.is_file():
            found.append(path)
    return found


def write_feedback(snapshot: LedgerSnapshot, folder: Path, inputs: Inputs = (),
                   too_large: list[str] | None = None,
                   unchanged: list[Path] | None = None,
                   progress: Callable[[int, int, str], None] | None = None,
                   unconverted: list[str] | None = None,
                   today: date | None = None,
                   recording: Callable[[str, Path], None] | None = None) -> list[Path]:
    """One feedback workbook per current submission that has errors or warnings.

    Files that cannot be opened as xlsx (PDF, corrupt...) get none: the problem
    list in the consolidated workbook is the feedback for them; nor do files too
    large to open whole (:data:`cchc_xl.bounds.EDIT_MAX_BYTES`), whose paths as merged
    are added to ``too_large`` so that the office is told. No file is written over one
    of the merge's ``inputs`` (a UsageError before anything is written). A feedback
    workbook already there with what it would be written from (:func:`_key`) is left as
    it is, listed among those returned and added to ``unchanged``, unless another
    version of cchc-xl wrote it and nobody changed it since (the ledger's record of
    what it wrote): written again in this version's words. One the office edited is
    left with its edits. ``progress(done,
    total, name)`` hears of each workbook as it is written. An .ods or .xls file's
    feedback is made from its copy in xlsx (LibreOffice); where none can be made, its
    path as merged is added to ``unconverted``. ``today`` (default: the clock's) is the
    day the letters are written, which says by when the file is to be sent again
    (:func:`cchc_xl.resend.resend_by`). ``recording(sha256, path)`` hears of each
    workbook written before it is put in place (the merge remembers it as its own:
    killed before it could, the next merge found it as written and left it unknown,
    neither recognised among the returns nor removed once out of date).
    """
    today = today or clock.today()
    code = made_from.code_digest()
    edited = _edited_since(Path(snapshot.db_path))
    todo = []
    taken: set[Path] = set()
    not_input = input_check(inputs)
    answered = answered_refusals(snapshot.submissions, snapshot.master)
    done_rows = settled(snapshot)
    # The office's Chưa đạt, on the counted file's rows (the reminder letter says so).
    refused = office_refusals(snapshot)
    # The counted file first: it has the unit's name to itself.
    for sub in sorted(snapshot.submissions, key=lambda s: s.outcome != ACCEPTED):
        # Not a file replaced, withdrawn, or gone to its own period (vocab.MOVED).
        if sub.outcome not in (ACCEPTED, REJECTED) or not sub.archived:
            continue
        # Only what asks something of the unit: a warning for the office alone (the day
        # received before the file was saved) made a letter of "0 lỗi, 0 cảnh báo" that
        # still asked the unit to correct and send again (a probe).
        told = for_the_unit(snapshot, sub, done_rows.get(sub.unit, set()))
        if sub.outcome == ACCEPTED:
            told += refused.get(sub.unit, [])
        if not any(p.severity != NOTE for p in told):
            continue
        if sub.id in answered:
            # Refused, and older than the unit's counted file, or answered by it (sent
            # after it): it asks nothing more of the unit (a letter saying "refused, send
            # it again" under its name contradicted the count).
            continue
        target = _target(Path(folder) / feedback_name(sub, snapshot.unit_names), sub, taken)
        resend = resend_by(snapshot.period, today)  # the one rule: resend.py
        key = _key(snapshot, sub, done_rows.get(sub.unit, set()), told, resend)
        written_key, written_by = _written_marks(target)
        if written_key == key and (written_by == code or edited(target)):
            # Written from this very file (its key names its content) and left as it is:
            # it was read and editable then. Not looked at again: a batch of uploads
            # opened every earlier file of the period (120 files under a batch of 30).
            # Written by another version: again in this one's words (an upgrade's
            # letters kept the old ones until the folder was deleted), unless edited.
            taken.add(target)
            not_input(target, "tệp phản hồi")
            todo.append((sub, None, target, "", told, key, resend))
            continue
        source = kept_copy(Path(snapshot.db_path), sub.archived)
        kind = sniff_format(source) if source is not None and source.is_file() else ""
        if kind != "xlsx" and not (kind and needs_conversion(source)):
            continue
        # An .xls is no zip to measure: its xlsx copy is, once LibreOffice has made it.
        if kind == "xlsx" and not _editable(source):
            if too_large is not None:
                too_large.append(sub.path)
            continue
        taken.add(target)
        not_input(target, "tệp phản hồi")
        todo.append((sub, source, target, kind, told, key, resend))
    written = []
    as_written = {target for sub, source, target, *_ in todo if source is None}
    with scratch("feedback") as work:
        # An .ods or .xls file's feedback is its copy in xlsx, made by LibreOffice (all
        # such files at once), as merge read it; without LibreOffice, none is written,
        # and the caller is told (``unconverted``).
        converted = _converted([source for _, source, target, kind, *_ in todo
                                if target not in as_written and kind != "xlsx"], Path(work))
        for done, (sub, source, target, kind, told, key, resend) in enumerate(todo):
            if progress:
                progress(done, len(todo), target.name)
            if target in as_written:
                written.append(target)
                if unchanged is not None:
                    unchanged.append(target)
                continue
            if kind != "xlsx":
                if source not in converted:
                    if unconverted is not None:
                        unconverted.append(sub.path)
                    continue
                source = converted[source]
                if not _editable(source):
                    if too_large is not None:
                        too_large.append(sub.path)
                    continue
            written += _written(snapshot, sub, told, source, target, key, resend, recording)
    if progress and todo:
        progress(len(todo), len(todo), todo[-1][2].name)
    return written


def _target(target: Path, sub: Submission, taken: set[Path]) -> Path:
    """Where ``sub``'s feedback goes: ``target``, or a name of its own when another file
    of the unit (rejected) has that one (``taken``)."""
    if target not in taken:
        return target
    base = target.name.removesuffix(FEEDBACK_SUFFIX)
    own = file_part(Path(sub.path).stem)
    # Not "X02-Xã-Hoằng-Cát-X02-Xã-Hoằng-Cát": a file named as split names it is
    # numbered instead, one named so and more ("X02-Xã-Hoằng-Cát (1)", as a browser
    # saves a download again) is that name.
    stem = own if own.startswith(base) else _after(base, Path(sub.path).stem)
    target = target.with_name(f"{stem}{FEEDBACK_SUFFIX}")
    for n in itertools.count(2):
        if target not in taken:
            break
        target = target.with_name(f"{stem}-{n}{FEEDBACK_SUFFIX}")
    return target


def _editable(xlsx: Path) -> bool:
    """Whether an xlsx is small enough to open whole and edit (bounds.EDIT_MAX_BYTES)."""
    return fits_in_memory(xlsx) and whole_refusal(xlsx) is None


def _converted(sources: list[Path], work: Path) -> dict[Path, Path]:
    """Each .ods or .xls file's xlsx copy made by LibreOffice ({} without it)."""
    if not sources:
        return {}
    converted, _ = convert_with_office(sources, work)
    return converted


def _written(snapshot: LedgerSnapshot, sub: Submission, told: list[Finding], source: Path,
             target: Path, key: str, resend: str,
             recording: Callable[[str, Path], None] | None = None) -> list[Path]:
    """The feedback workbook of ``sub`` made from ``source`` at ``target`` ([] when the
    file cannot be opened); ``told``: its problems as the unit reads them
    (:func:`for_the_unit`); ``resend``: by when to send it again
    (:func:`cchc_xl.resend.resend_by`)."""
    try:
        wb = open_workbook(source, data_only=False)
    except WorkbookError:
        return []
    if IDENTITY_SHEET in wb.sheetnames:  # as split hid it (LibreOffice's .ods keeps "hidden")
        wb[IDENTITY_SHEET].sheet_state = "veryHidden"
    _identity_again(wb, snapshot, sub)
    _mark(wb, told)
    _resend_shown(wb, resend)
    _letter(wb[FEEDBACK_SHEET], snapshot, sub, told, resend)
    props = wb.custom_doc_props
    for prop in [p for p in props.props if p.name == KEY_PROPERTY]:  # sent back to us
        props.props.remove(prop)
    props.append(StringProperty(name=KEY_PROPERTY, value=key))
    for prop in [p for p in props.props if p.name == CODE_PROPERTY]:
        props.props.remove(prop)
    props.append(StringProperty(name=CODE_PROPERTY, value=made_from.code_digest()))
    # Whose letter it is, as the letters' documents say it: its name says only the unit
    # (year_turn.refuse_another_plans_letters reads it).
    wb.properties.keywords = plan_mark(snapshot.master.plan.key, snapshot.period.code)
    made = (lambda sha: recording(sha, target)) if recording is not None else None
    return [save_workbook(wb, target, made)]


def _identity_again(wb, snapshot: LedgerSnapshot, sub: Submission) -> None:
    """The identity written again in every place split writes it (assignment's writer)
    where the file lost some or all of it, so that the copy the unit corrects comes back
    identified as a file split wrote (docs/unit-file.md, "Google Sheets and WPS
    Spreadsheets"):

    - its hidden sheet alone left, whole (its checksum holds: Google Sheets keeps no
      defined name nor custom property): the names and properties from that sheet;
    - nothing of it left (Google Sheets dropped the hidden sheet too), the file counted
      for its unit by the guide's unit cell and the task ids (identity-missing): the
      identity of the unit, plan and period it was counted in, the feedback workbook
      being the office's own document for that submission (:func:`_counted_identity`).

    A file whose identity is whole keeps it as it is; one whose identity is damaged
    (identity-checksum) or names no unit, too: the office looks at it."""
    reading = read_identity(wb)
    if reading.identity is None:
        if sub.outcome == ACCEPTED and sub.unit:
            write_identity_openpyxl(wb, _counted_identity(snapshot, sub))
    elif reading.sources == ["sheet"] and reading.checksum_ok:
        write_identity_openpyxl(wb, reading.identity)


def _counted_identity(snapshot: LedgerSnapshot, sub: Submission) -> Identity:
    """The identity split writes for the unit ``sub`` was counted for, in the plan and
    period of ``snapshot``: its rows the unit's in the plan, "issued" when the office took
    the file as the unit's. What the cells held as issued is not the office's to say of a
    file it did not issue (``inputs``, ``shown`` left empty, as in a file older than
    them): a return is told from an unfilled file by its inputs, as such a file is."""
    master = snapshot.master
    return Identity(
        plan=master.plan.key, year=master.plan.year, unit=sub.unit,
        unit_name=snapshot.unit_names.get(sub.unit, ""), period=snapshot.period.code,
        rows=[r.deliverable.id for r in assigned_rows(master, sub.unit)],
        issued_at=sub.merged_at)


def _key(snapshot: LedgerSnapshot, sub: Submission, done: set[str],
         told: list[Finding], resend: str) -> str:
    """What a submission's feedback workbook is made of, as a digest: the file, how it
    came out, its problems, the unit's products the office settled (``done``), what it
    tells the unit (``told``: the office's Chưa đạt among them), and what
    the letter says of the plan, period and unit. A
    merge writes again only the feedback whose key changed (a province merge rewrote
    every unit's feedback, 20 s, for one late file)."""
    period, plan = snapshot.period, snapshot.master.plan
    made_of = (FEEDBACK_FORMAT, __version__, sub.sha256, sub.path, sub.outcome, sub.reason,
               sub.unit, snapshot.unit_names.get(sub.unit or "", ""), sub.identity_unit,
               str(sub.received_day), plan.authority, period.name, str(period.cutoff),
               str(period.due), [(p.severity, p.code, p.message, p.sheet, p.cell, p.task)
                                 for p in sub.problems], sorted(done),
               [(p.code, p.message, p.sheet, p.cell, p.task) for p in told], resend)
    return hashlib.sha256(repr(made_of).encode("utf-8")).hexdigest()


def _written_marks(path: Path) -> tuple[str | None, str | None]:
    """The key a feedback workbook was written with and the code that wrote it (None:
    no such file, not one cchc-xl wrote, or written before it said its code)."""
    try:
        if not path.is_file() or sniff_format(path) != "xlsx":
            return None, None
        book = FastWorkbook(path)
    except (OSError, Unrecognised):
        return None, None
    try:
        props = {p.name: p.value for p in book.custom_doc_props}
        return props.get(KEY_PROPERTY), props.get(CODE_PROPERTY)
    finally:
        book.close()


def _edited_since(db_path: Path) -> Callable[[Path], bool]:
    """Whether a feedback workbook is not as cchc-xl wrote it (its SHA-256 not among the
    outputs the ledger at ``db_path`` recorded): the office annotated it. Asked only of
    one another version wrote; the ledger opened when first asked."""
    outputs: list[set[str]] = []

    def edited(path: Path) -> bool:
        if not outputs:
            with Ledger(db_path, create=False) as ledger:
                outputs.append(ledger.output_hashes())
        try:
            return file_sha256(path) not in outputs[0]
        except OSError:  # unreadable: left as it is
            return True

    return edited


def _mark(wb, problems: list[Finding]) -> None:
    _clear_earlier(wb)
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    merged_over: dict[tuple[str, str], str] = {}  # a mark's merged cells, "H5:H8"
    for p in problems:
        tab = _tab(wb, p.sheet)
        if tab and p.cell:
            coord, merged = _shown_at(wb[tab], p.cell)
            by_cell[(tab, coord)].append(p)
            if coord != p.cell:  # a cell under another's value (the unit merged them)
                merged_over[(tab, coord)] = merged
    for (sheet, coord), found in by_cell.items():
        cell = wb[sheet][coord]
        worst = min((p.severity for p in found), key=lambda s: SEVERITY_RANK.get(s, 3))
        if worst in _FILLS:  # a note's cell keeps its fill: only its comment says it
            cell.fill = styles.openpyxl_fill(_FILLS[worst])
        # The worst first: a cell whose value was understood (a note) but is wrong (an
        # error) says what to fix before what was understood.
        ordered = sorted(found, key=lambda p: SEVERITY_RANK.get(p.severity, 3))
        lines = [comment_line(p, f"ô {p.cell}: " if p.cell != coord else "") for p in ordered]
        if (sheet, coord) in merged_over and not any(p.code == "merged-input-cells"
                                                      for p in found):
            # Rows below the first of merged cells read as blank: say why (intake says
            # it of input cells already).
            lines.append(f"[{SEVERITY_LABEL[NOTE]}] các ô {merged_over[(sheet, coord)]} đang "
                         "được gộp làm một ô, nên chỉ dòng đầu có giá trị: bỏ gộp ô rồi điền "
                         "riêng từng dòng")
        cell.comment = Comment("\n".join(lines), _AUTHOR, width=360,
                               height=max(80, 20 * len(lines) + 60))
    ws = wb.create_sheet(FEEDBACK_SHEET, 0)
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True


def _resend_shown(wb, resend: str) -> None:
    """The deadline the unit's own sheets give (the guide's "Hạn gửi lại", each task
    sheet's line under its title: "chậm nhất ngày <due>") said as the letter says it
    (``resend``), in the cell's own style: written after the due date, the copy showed
    that day, already past, on its sheets, and "trong 03 ngày làm việc" on its letter. Only
    the guide and the rows above a task sheet's table: the unit's answers are never
    touched, nor anything merge reads a file's identity or edits by."""
    guide = _tab(wb, GUIDE_SHEET)
    for ws in wb.worksheets:
        if ws.title in (FEEDBACK_SHEET, IDENTITY_SHEET):
            continue
        above = None if ws.title == guide else HEADER_ROW
        for cell in [c for c in ws._cells.values() if isinstance(c.value, str)
                     and (above is None or c.row < above)]:
            said = said_again(cell.value, resend)
            if said != cell.value:
                cell.value = said
                _fit_row(ws, cell)


def _fit_row(ws, cell) -> None:
    """``cell``'s row made as tall as its text, wrapped in its columns (merged ones
    together), needs; never lower than it was."""
    first = last = cell.column
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            first, last = merged.min_col, merged.max_col
    width = sum(styles.openpyxl_column_width(ws, c) for c in range(first, last + 1))
    font = cell.font
    needed = styles.fitted_height([(cell.value, width)], font.sz or styles.SIZE,
                                  bold=bool(font.b))
    dim = ws.row_dimensions[cell.row]
    if needed > (dim.height or 0):
        dim.height = needed


def _tab(wb, sheet: str) -> str | None:
    """The workbook's tab a finding's ``sheet`` names, as the file spells it: findings
    name tabs in NFC (intake), a Mac's file may keep them decomposed."""
    if not sheet:
        return None
    if sheet in wb.sheetnames:
        return sheet
    return next((name for name in wb.sheetnames if for_people(name) == sheet), None)


def comment_line(p: Finding, where: str = "") -> str:
    """A problem as a marked cell's comment says it, ``where`` (another cell's "ô H7: ",
    an earlier period's "Kỳ trước, ") before its message: "[Lỗi] trạng thái …". Also
    the next period's file filled in from the ledger (split), on an answer filled in
    with an error the feedback file told."""
    return f"[{item_label(p)}] {where}{p.message}"


def _shown_at(ws, coord: str) -> tuple[str, str]:
    """Where a cell's mark goes: the cell, or the first cell of the merged cells it is
    part of (only that one can hold a fill and a comment, and it shows the value), with
    those merged cells' range ("" for a cell not merged)."""
    for merged in ws.merged_cells.ranges:
        if coord in merged:
            return ws.cell(merged.min_row, merged.min_col).coordinate, merged.coord
    return coord, ""


def _clear_earlier(wb) -> None:
    """Take off the marks of an earlier feedback (a unit may send its feedback file
    back): its problem sheet, and each mark's comment and fill (an unlocked cell gets
    the input cells' fill back, a locked one none; a note's cell, not filled, keeps
    its own)."""
    if FEEDBACK_SHEET in wb.sheetnames:
        del wb[FEEDBACK_SHEET]
    for ws in wb.worksheets:
        # The cells the sheet has: iter_rows would make one at every empty place of the
        # used range (a stray value at XFD40 means 650,000 of them).
        for cell in list(ws._cells.values()):
            if cell.comment is not None and cell.comment.author == _AUTHOR:
                cell.comment = None
                if str(cell.fill.fgColor.rgb)[-6:].upper() in _MARK_FILLS:
                    cell.fill = (PatternFill() if cell.protection.locked
                                 else styles.openpyxl_fill(styles.INPUT_FILL))


def for_the_unit(snapshot: LedgerSnapshot, sub: Submission,
                 done: set[str] | None = None) -> list[Finding]:
    """A submission's problems as its unit reads them (:func:`cchc_xl.letters.for_unit.for_unit`:
    what the unit must do, never the office's steps; those asking nothing of it left
    out, as those of the products the office settled: ``done``, else worked out)."""
    if done is None:
        done = settled(snapshot).get(sub.unit, set())
    return [q for p in asked_of(sub.problems, done)
            if (q := for_unit(p, snapshot.master, snapshot.period.in_sentence, sub))
            is not None]


def _whose(sub: Submission, names: dict[str, str]) -> str:
    """Who a file taken as no unit's is addressed to: nobody known, with whose its
    identity says it is, by name (a copy of X06's file the guide sheet says is X07's
    was addressed "Đơn vị: X06", as if X06's)."""
    code = sub.identity_unit
    if not code:
        return "(không xác định được)"
    if sub.other_plan:
        said = f"đơn vị '{code}' của kế hoạch khác"
    else:
        said = f"{names[code]} ({code})" if names.get(code) else f"đơn vị '{code}'"
    return f"(không xác định được; tệp là tệp được giao cho {said})"


def _letter(ws, snapshot: LedgerSnapshot, sub: Submission, told: list[Finding],
            resend: str) -> None:
    """The "Phản hồi" sheet as a letter: who, which period, what was found, by when to
    send the file again, how; then each problem with a link to its cell."""
    period = snapshot.period
    names = snapshot.unit_names
    unit = names.get(sub.unit or "", "") or _whose(sub, names)
    errors = [p for p in told if p.severity == ERROR]
    warnings = [p for p in told if p.severity == WARNING]
    # The office's Chưa đạt is no error in the unit's file (item_label): said as what it is.
    judged = [p for p in errors if p.code == ASSESSED_NOT_PASSED]
    received = sub.received_day  # the day the office says it received the file
    if sub.outcome == REJECTED:
        # The reason recorded is the first error as the office reads it.
        reason = errors[0].message if errors else sub.reason
        if errors:  # why in the header, what to do in the table's row: each said once
            reason, todo = why_and_todo(reason)
            told = [replace(p, message=todo or p.label) if p is errors[0] else p
                    for p in told]
        verdict = f"{RETURN_REJECTED}: {reason}" if reason else f"{RETURN_REJECTED}."
    else:
        left = [f"{n} {what}" for n, what in (
            (len(errors) - len(judged), "lỗi phải sửa"),
            (len(judged), "nội dung cơ quan tổng hợp đánh giá chưa đạt cần bổ sung"),
            (len(warnings), "cảnh báo cần xem lại")) if n]
        said = ", ".join(left[:-1]) + " và " + left[-1] if len(left) > 1 else "".join(left)
        verdict = f"Tệp được nhận; còn {said}." if left else "Tệp được nhận."
    widths = [w for _, w in FEEDBACK_COLUMNS]
    total = sum(widths)
    lines = [
        (snapshot.master.plan.authority.upper(), "bold"),
        # Two lines of about one length, not a word alone on the second.
        ("PHẢN HỒI VỀ TỆP BÁO CÁO KẾT QUẢ\nTHỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", "title"),
        (f"{period.name} (số liệu đến ngày {vn_date(period.cutoff)})", "italic"),
        (f"Đơn vị: {unit}", "bold"),
        (f"Tệp đã nhận: {for_people(Path(sub.path).name)}"
         + (f", ngày {vn_date(received)}" if received else ""), ""),
        (verdict, "bold"),
        (f"Hạn gửi lại: {resend}.", "bold"),
        (REJECTED_STEPS if sub.outcome == REJECTED else REFILL_STEPS
         if any(p.code == "missing-column" for p in told) else STEPS, ""),
    ]
    last = len(FEEDBACK_COLUMNS)
    for r, (text, look) in enumerate(lines, start=1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        cell = put_value(ws.cell(r, 1), text)
        cell.font = styles.openpyxl_font(bold=look in ("bold", "title"), italic=look == "italic",
                                         size=styles.TITLE_SIZE if look == "title" else styles.SIZE)
        cell.alignment = styles.CENTER if look in ("title", "italic") or r == 1 else styles.WRAP
        ws.row_dimensions[r].height = styles.fitted_height(
            [(text, total)], styles.TITLE_SIZE if look == "title" else styles.SIZE,
            bold=look in ("bold", "title"))
    header = len(lines) + 2
    for c, (title, width) in enumerate(FEEDBACK_COLUMNS, start=1):
        cell = ws.cell(header, c, title)
        cell.font = styles.openpyxl_font(bold=True)
        cell.fill = styles.openpyxl_fill(styles.HEADER_FILL)
        cell.border = styles.BORDER
        cell.alignment = styles.CENTER
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[header].height = styles.fitted_height(FEEDBACK_COLUMNS, bold=True)
    shown = sorted(told, key=lambda p: SEVERITY_RANK.get(p.severity, 3))
    for n, p in enumerate(shown, start=1):
        r = header + n
        values = (n, capitalized(p.message), p.sheet, p.cell, p.task,
                  item_label(p))
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            if value not in (None, ""):
                put_value(cell, value)
            cell.font = styles.openpyxl_font()
            cell.border = styles.BORDER
            cell.alignment = styles.TOP_CENTER if c in (1, 4, 6) else styles.WRAP
            if p.severity in _FILLS and c == 6:
                cell.fill = styles.openpyxl_fill(_FILLS[p.severity])
        tab = _tab(ws.parent, p.sheet)
        if tab and p.cell:
            link = ws.cell(r, 4)
            link.hyperlink = f"#'{tab}'!{p.cell}"
            link.font = styles.openpyxl_font(underline=True, color=styles.LINK_COLOR)
        ws.row_dimensions[r].height = styles.fitted_height(
            zip(values, (w for _, w in FEEDBACK_COLUMNS), strict=True))
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = styles.A4
    # Numbered from 1 as the unit's sheets after it are (styles.setup_print): a letter
    # of two pages printed none, a QA pass.
    ws.oddFooter.center.text = styles.PAGE_NUMBER
    ws.oddFooter.center.font = f"{styles.FONT},Regular"
    ws.page_setup.firstPageNumber = 1
    ws.page_setup.useFirstPageNumber = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = styles.MARGINS["left"], styles.MARGINS["right"]
    ws.page_margins.top, ws.page_margins.bottom = styles.MARGINS["top"], styles.MARGINS["bottom"]
