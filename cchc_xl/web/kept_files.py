"""The copies of a period's outputs the office had edited, kept beside the new ones when
cchc-xl made them again (cchc_xl.edited): listed on the page each belongs to (Báo cáo
for the report's draft and workbook, Phản hồi for the letters and their lists), each
with a download link. Someone using the app from another computer reaches them there:
the page's message named them, in a folder she cannot open. The consolidated workbook
kept by a merge that could not read verdicts typed into it (MergeResult.out_kept) is
offered where the merge's message names it (:func:`unread_said`).

Only a kept copy of one of the period's outputs is served, by its name as listed: the
name in the address is never taken as a path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from ..assessment import COLUMN as ASSESSMENT_COLUMN
from ..edited import kept_copies
from ..merge.result import MergeResult
from ..model import Period
from . import common, other_plans
from .workspace import Workspace

# The outputs of each page a copy may be kept of (those cchc-xl makes again: rewriting).
OUTPUTS: dict[str, tuple[Callable[[Workspace, str], Path], ...]] = {
    "report": (Workspace.report_docx, Workspace.report_xlsx),
    "feedback": (Workspace.reminder_docx, Workspace.reminder_xlsx, Workspace.reminder_csv,
                 Workspace.overdue_docx, Workspace.overdue_xlsx, Workspace.overdue_csv),
    # Listed on no page: offered by the message of the merge that kept it (unread_said).
    "merge": (Workspace.consolidated,),
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
    # A copy another plan's output was kept as (last year's, the folder copied) is not
    # the period's: not listed, and refused if asked for (other_plans).
    return [{"name": c.name, "quoted": quote(c.name),
             "saved": datetime.fromtimestamp(_mtime(c)).strftime("%H:%M ngày %d/%m/%Y")}
            for c in listed(ws, period.code, page) if not other_plans.judged(ws, period, c)]


_, download = common.listed_file_handlers(
    lambda ws, code: listed(ws, code), "ban-da-sua",
    "Không có bản đã sửa này của kỳ (chỉ tải được bản đã sửa được giữ lại của bảng tổng "
    "hợp, báo cáo, công văn hoặc danh sách của kỳ).")


def unread_said(result: MergeResult, listed: bool = False, named: bool = False) -> dict:
    """What a page's message adds for a merge (an upload, a refresh) that could not read
    verdicts the office typed into the consolidated workbook (MergeResult.unread), as a
    warning: the finding was said only in the collapsed "Chi tiết lần gộp". Its
    ``message``, and ``kept_copy`` (the period's code and the copy's name: the page's
    link to download it, drawn after the message by macros.html kept_link) when the
    workbook was kept before it was written over. With ``listed``, each cell not read
    is named (a message with no details beside it); with ``named``, the period whose
    workbook it is (said on a page not of that period: the plan's, after a new plan
    recounted the periods reported now; the file's own period's, after "Gộp vào kỳ …").
    {} when every verdict was read."""
    if not result.unread:
        return {}
    name = result.out.name
    where = "; ".join(result.unread) if listed else "từng ô ở mục “Chi tiết lần gộp”"
    book = f"kỳ {result.period.in_sentence} ({name})" if named else name
    said = (f"Cảnh báo: có đánh giá đã gõ trong bảng tổng hợp {book} không đọc được nên "
            f"chưa được ghi vào số liệu ({where}).")
    column = f"cột “{ASSESSMENT_COLUMN}”"
    if result.out_kept is None:  # not written over: the typing is still in it
        return {"message": f"{said} Sửa các ô đó trong bảng tổng hợp (ghi vào {column} trên "
                           "dòng của đơn vị), lưu lại rồi tải lên trang Báo cáo."}
    return {"message": f"{said} Bảng tổng hợp đã được lập lại, không còn các ô đó; bảng cũ "
                       f"được giữ lại thành “{result.out_kept.name}”: tải bản đó, ghi lại "
                       f"các đánh giá ấy vào {column} của bảng tổng hợp mới, lưu lại rồi tải "
                       "lên trang Báo cáo.",
            "kept_copy": {"code": result.period.code, "name": result.out_kept.name,
                          "quoted": quote(result.out_kept.name)}}
