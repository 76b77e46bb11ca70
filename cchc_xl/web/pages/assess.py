"""The office's "Đạt / Chưa đạt" on the Báo cáo page: the consolidated workbook it
downloaded and typed its assessments into, uploaded again and read into the ledger
(``cchc-xl assess``); the consolidated workbook and the report written again."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ...model import Period
from .. import common
from ..jobs import Job
from ..workspace import StoredFile, Workspace
from .plan import received_file


def assessed_message(changed: int, report, period: Period, kept: list[str] = ()) -> str:
    """What reading the assessments did, in one sentence for the page (and, for each
    row typed otherwise than a later assessment, why it was not recorded)."""
    said = (f"Đã ghi {changed} đánh giá thay đổi (Đạt / Chưa đạt) vào số liệu kỳ {period.name}"
            if changed else f"Không có đánh giá nào thay đổi so với số liệu kỳ {period.name}")
    if report is not None:
        said = f"{said}; bảng tổng hợp và báo cáo đã được lập lại: {report.summary.sentence}"
    else:
        said = f"{said}; bảng tổng hợp đã được ghi lại (chưa lập báo cáo kỳ này)."
    return " ".join([said, *(f"Lưu ý: {k[:1].upper()}{k[1:]}." for k in kept)])


def assess_stored(ws: Workspace, period: Period, stored: StoredFile) -> str:
    """Read one uploaded consolidated workbook's assessments; the sentence to show."""
    try:
        kept: list[str] = []
        changed, report = ws.assess(period.code, stored.path, stored.original, kept)
    finally:
        ws.discard_upload(stored.path)
    return assessed_message(changed, report, period, kept)


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
        message = assess_stored(ws, period, stored)
        job.progress(1, 1, Path(stored.original).name)
        # Read: the figures changed (a file refused changed nothing: a probe saw Thu
        # nhận say they had).
        common.mark_changed(request, period.code)
        return {"message": message}

    job = common.runner(request).submit("assess", f"Đọc đánh giá từ '{stored.original}'",
                                        work, key=period.code)
    return common.job_response(request, job, back)
