"""Feedback for units: each unit's own returned workbook, its problems marked in place.

The unit gets back the file it sent (from the ledger's archive), with every cell
that has a problem filled (red for errors, yellow for warnings) and commented, and
a first sheet "Phản hồi" listing all problems. It keeps the identity carriers, so
the unit can correct it and send it again: the corrected file supersedes the old.

Editing the unit's own file with openpyxl is deliberate here: the point is to hand
back *their* workbook, not a new one.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl.comments import Comment

from . import findings as F
from . import styles
from .bounds import fits_in_memory
from .errors import WorkbookError
from .findings import Finding
from .ledger import SUPERSEDED, LedgerSnapshot, Submission
from .text import slug
from .xlio import Inputs, check_not_input, open_workbook, save_workbook, sniff_format

FEEDBACK_SHEET = "Phản hồi"
# Not "Mã nhiệm vụ": a resent feedback file must not look like a task sheet to intake.
FEEDBACK_COLUMNS = (("Mức độ", 11), ("Trang", 16), ("Ô", 7), ("Nhiệm vụ", 11),
                    ("Nội dung cần sửa", 90))
_FILLS = {F.ERROR: styles.ERROR_FILL, F.WARNING: styles.WARNING_FILL}
_AUTHOR = "cchc-xl"


def feedback_name(sub: Submission) -> str:
    """"X02-bao-cao-phan-hoi.xlsx"; a file of another plan is named for the unit its
    identity names, marked so that nobody takes it for this plan's unit."""
    if sub.unit:
        who = sub.unit
    elif sub.other_plan and sub.identity_unit:
        who = f"{slug(sub.identity_unit)}-ke-hoach-khac"
    else:
        who = "khong-ro"
    return f"{who}-{slug(Path(sub.path).stem)}-phan-hoi.xlsx"


def write_feedback(snapshot: LedgerSnapshot, folder: Path, inputs: Inputs = ()) -> list[Path]:
    """One feedback workbook per current submission that has errors or warnings.

    Files that cannot be opened as xlsx (PDF, corrupt...) get none: the problem
    list in the consolidated workbook is the feedback for them; nor do files too
    large to open whole (:data:`cchc_xl.bounds.EDIT_MAX_BYTES`). No file is written
    over one of the merge's ``inputs`` (a UsageError before anything is written).
    """
    todo = []
    for sub in snapshot.submissions:
        serious = [p for p in sub.problems if p.severity != F.NOTE]
        if sub.outcome == SUPERSEDED or not serious or not sub.archived:
            continue
        source = Path(snapshot.db_path).parent / sub.archived
        if not source.is_file() or sniff_format(source) != "xlsx" or not fits_in_memory(source):
            continue
        target = Path(folder) / feedback_name(sub)
        check_not_input(target, "tệp phản hồi", inputs)
        todo.append((sub, source, target))
    written = []
    for sub, source, target in todo:
        try:
            wb = open_workbook(source, data_only=False)
        except WorkbookError:
            continue
        _mark(wb, sub.problems)
        written.append(save_workbook(wb, target))
    return written


def _mark(wb, problems: list[Finding]) -> None:
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for p in problems:
        if p.sheet in wb.sheetnames and p.cell and p.severity in _FILLS:
            by_cell[(p.sheet, p.cell)].append(p)
    for (sheet, coord), found in by_cell.items():
        cell = wb[sheet][coord]
        worst = F.ERROR if F.has_errors(found) else F.WARNING
        cell.fill = styles.openpyxl_fill(_FILLS[worst])
        text = "\n".join(f"[{F.SEVERITY_LABEL[p.severity]}] {p.message}" for p in found)
        cell.comment = Comment(text, _AUTHOR, width=360, height=max(80, 20 * len(found) + 60))
    ws = wb.create_sheet(FEEDBACK_SHEET, 0)
    for c, (header, width) in enumerate(FEEDBACK_COLUMNS, start=1):
        cell = ws.cell(1, c, header)
        cell.font = styles.openpyxl_font(bold=True)
        cell.fill = styles.openpyxl_fill(styles.HEADER_FILL)
        cell.border = styles.BORDER
        cell.alignment = styles.CENTER
        ws.column_dimensions[cell.column_letter].width = width
    for r, p in enumerate(problems, start=2):
        values = (F.SEVERITY_LABEL.get(p.severity, p.severity), p.sheet, p.cell, p.task,
                  p.message)
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            if value:
                cell.value = value
                cell.data_type = "s"  # text, even if it starts with "="
            cell.font = styles.openpyxl_font()
            cell.border = styles.BORDER
            cell.alignment = styles.WRAP
            if p.severity in _FILLS:
                cell.fill = styles.openpyxl_fill(_FILLS[p.severity])
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = styles.A4
    ws.print_title_rows = "1:1"
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True
