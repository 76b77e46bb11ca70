"""Page 5, Báo cáo: the period's report (the page `report --html` writes), its
workbook and the consolidated workbook."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import common
from ..jobs import Job


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    period = common.current_period(request)
    report = ws.report_html(period) if period else None
    snapshot = await run_in_threadpool(ws.snapshot, period.code) if period else None
    merged = snapshot is not None and bool(snapshot.submissions)
    current = bool(report and ws.written_since_merge(report))
    return await common.render(
        request, "report.html", "report", merged=merged,
        has_report=bool(report and report.is_file()), current=current,
        has_docx=bool(period and ws.report_docx(period).is_file()),
        has_consolidated=bool(period and ws.consolidated(period).is_file()),
        job=common.runner(request).latest("report", period.code if period else ""))


async def start(request: Request) -> Response:
    await common.posted(request)
    period = common.period_or_404(request)
    ws = common.workspace(request)
    ws.master()

    def work(job: Job) -> dict:
        job.progress(0, 1, "Lập báo cáo")
        result = ws.report(period.code)
        job.progress(1, 1, "Lập báo cáo")
        return {"message": f"Đã lập báo cáo {period.name}: {result.summary.sentence}"}

    job = common.runner(request).submit("report", f"Lập báo cáo kỳ {period.name}", work,
                                        key=period.code)
    return common.job_response(request, job, request.url_for("report").path)


async def html(request: Request) -> Response:
    period = common.period_or_404(request)
    path = common.workspace(request).report_html(period)
    if not path.is_file():
        raise HTTPException(404, "Chưa lập báo cáo cho kỳ này.")
    return FileResponse(path, media_type="text/html; charset=utf-8")
