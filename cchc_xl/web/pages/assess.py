"""The office's "Đạt / Chưa đạt" on the Báo cáo page: the consolidated workbook it
downloaded and typed its assessments into, uploaded again and read into the ledger
(``cchc-xl assess``); the consolidated workbook and the report written again."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ...consolidated.link import assessed_words, not_verdicts, passed_unreported
from ...edited import kept_notes
from ...model import Master, Period
from ...text import capitalized
from .. import common, kept_files
from ..jobs import Job
from ..workspace import StoredFile, Workspace
from .plan import received_file


class Assessed(NamedTuple):
    """What reading an uploaded consolidated workbook's assessments did, for the page."""

    text: str
    caution: bool  # it says "Lưu ý": shown in the warning colour, not the success one
    # The copy of the data folder's workbook kept by the refresh after (kept_files.
    # unread_said): the message's link to it.
    kept_copy: dict | None = None


def assessed_message(changes: dict, report, period: Period, kept: list[str] = (),
                     master: Master | None = None, merged_next: bool = False) -> str:
    """What reading the assessments did, in one sentence for the page: the verdicts
    changed ("Đạt / Chưa đạt") counted apart from the rows given a remark alone, each
    cell of text that is no verdict named (its sheet, task and unit), and, for each row
    typed otherwise than a later assessment, why it was not recorded. ``changes``: each
    changed row's assessment now, by (unit, product) (None: removed); ``merged_next``:
    other files of the same upload are merged after it (the report is made after them)."""
    remarks = _remarks(changes)
    said = assessed_words(changes, f"số liệu kỳ {period.in_sentence}")
    if report is not None:
        said = (f"{said}; bảng tổng hợp và báo cáo đã được lập lại: {report.summary.sentence}"
                + kept_notes(report.kept))
    elif merged_next:
        said = (f"{said}; bảng tổng hợp được ghi lại cùng các tệp khác của lần tải lên này "
                "(báo cáo, nếu đã lập, cần lập lại ở trang Báo cáo).")
    else:
        said = f"{said}; bảng tổng hợp đã được ghi lại (chưa lập báo cáo kỳ này)."
    notes = [f"{capitalized(k)}." for k in kept]
    if remarks:
        notes.insert(0, not_verdicts({k: changes[k] for k in remarks}, master,
                                     "rồi tải bảng tổng hợp lên lại"))
    return " ".join([said, *(f"Lưu ý: {n}" for n in notes)])


def _remarks(changes: dict) -> list:
    """The rows given a remark that is no verdict ("OK luôn"), by (unit, product)."""
    return sorted(key for key, a in changes.items() if a is not None and not a.verdict)


def assess_stored(ws: Workspace, period: Period, stored: StoredFile,
                  merged_next: bool = False) -> Assessed:
    """Read one uploaded consolidated workbook's assessments; the sentence to show.
    ``merged_next``: other files of its upload are merged after it: the report is not
    made again before them (it would leave them out while said made again)."""
    try:
        kept: list[str] = []
        changes: dict = {}
        _, report, refreshed = ws.assess(period.code, stored.path, stored.original, kept,
                                         changes, report=not merged_next)
    finally:
        ws.discard_upload(stored.path)
    master = ws.plan_of(period.code)  # a period kept as counted: that plan's names
    said = assessed_message(changes, report, period, kept, master, merged_next)
    odd = passed_unreported(changes, refreshed.counted_rows, master)
    # Verdicts typed into the data folder's workbook (not the one uploaded), not read
    # back before the refresh wrote it over: each cell named (no "Chi tiết lần gộp" here).
    unread = kept_files.unread_said(refreshed, listed=True)
    # A merge of files cut short before: left to the next one to tell, said so (by that
    # merge itself when files of the upload are merged next).
    cut = "" if merged_next else refreshed.cut_short_said(ws.shown_name(period.code))
    # A caution ("Lưu ý"): a row not recorded (typed otherwise than a later assessment),
    # a remark that is no verdict, a Đạt of a row the unit did not report done; a warning
    # of verdicts not read.
    caution = bool(kept or odd or _remarks(changes) or report is not None and report.kept
                   or unread or cut)
    text = " ".join(filter(None, [said, f"Lưu ý: {odd}" if odd else "", cut,
                                  unread.get("message")]))
    return Assessed(text, caution, unread.get("kept_copy"))


async def upload(request: Request) -> Response:
    form = await common.posted(request)
    period = common.period_or_404(request)
    back = common.page_of(request, "report", period)
    stored = await received_file(request, form, "workbook",
                                 "Chọn bảng tổng hợp đã điền đánh giá (.xlsx) trước.")
    await form.close()
    if stored is None:
        return RedirectResponse(back, status_code=303)
    ws = common.workspace(request)
    ws.master()

    def work(job: Job) -> dict:
        job.progress(0, 1, Path(stored.original).name)
        said = assess_stored(ws, period, stored)
        job.progress(1, 1, Path(stored.original).name)
        # Read: the figures changed (a file refused changed nothing: a probe saw Thu
        # nhận say they had).
        common.mark_changed(request, period.code)
        return {"message": said.text, "tone": common.tone(said.caution),
                "kept_copy": said.kept_copy}

    job = common.runner(request).submit("assess", f"Đọc đánh giá từ '{stored.original}'",
                                        work, key=period.code)
    # The page shows this job's outcome, not another's ended after it (report.followed).
    return common.job_response(request, job, f"{back}&{common.FOLLOWED}={job.id}")
