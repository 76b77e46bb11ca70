"""The copies of a period's outputs the office had edited, kept beside the new ones when
cchc-xl made them again (cchc_xl.edited): listed on the page each belongs to (Báo cáo
for the report's draft and workbook, Phản hồi for the letters and their lists), each
with a download link. Someone using the app from another computer reaches them there:
the page's message named them, in a folder she cannot open.

Only a kept copy of one of the period's outputs is served, by its name as listed: the
name in the address is never taken as a path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from ..edited import kept_copies
from ..model import Period
from . import common
from .workspace import Workspace

# The outputs of each page a copy may be kept of (those cchc-xl makes again: rewriting).
OUTPUTS: dict[str, tuple[Callable[[Workspace, str], Path], ...]] = {
    "report": (Workspace.report_docx, Workspace.report_xlsx),
    "feedback": (Workspace.reminder_docx, Workspace.reminder_xlsx, Workspace.reminder_csv,
                 Workspace.overdue_docx, Workspace.overdue_xlsx, Workspace.overdue_csv),
}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def listed(ws: Workspace, code: str, page: str | None = None) -> list[Path]:
    """The kept copies of the period's outputs of ``page`` (every page's: None), newest
    first (the time each was last saved, which the copy keeps)."""
    pages = [page] if page else list(OUTPUTS)
    found = {copy for p in pages for output in OUTPUTS[p]
             for copy in kept_copies(output(ws, code))}
    return sorted(found, key=lambda c: (-_mtime(c), c.name))


def shown(ws: Workspace, period: Period | None, page: str) -> list[dict]:
    """What the page lists of them: each copy's name (and as its link says it, the
    spaces and parentheses encoded), the time it was last saved."""
    if period is None:
        return []
    return [{"name": c.name, "quoted": quote(c.name),
             "saved": datetime.fromtimestamp(_mtime(c)).strftime("%H:%M ngày %d/%m/%Y")}
            for c in listed(ws, period.code, page)]


_, download = common.listed_file_handlers(
    lambda ws, code: listed(ws, code), "ban-da-sua",
    "Không có bản đã sửa này của kỳ (chỉ tải được bản đã sửa được giữ lại của báo cáo, "
    "công văn hoặc danh sách của kỳ).")
