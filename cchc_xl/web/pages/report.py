"""Page 5, Báo cáo: the period's report (the page `report --html` writes), its
workbook and the consolidated workbook."""

from __future__ import annotations

from datetime import date, datetime

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .. import common
from ..jobs import Job
from ..wording import for_browser


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    period = common.current_period(request)
    report = ws.report_html(period) if period else None
    snapshot = await run_in_threadpool(ws.snapshot, period.code) if period else None
    merged = snapshot is not None and bool(snapshot.submissions)
    current = bool(report and await run_in_threadpool(ws.written_since_merge, report,
                                                      period.code))
    has_report = bool(report and report.is_file())
    runner = common.runner(request)
    job = runner.latest("report", period.code if period else "")
    if job is not None and job.finished and has_report and (not current or _written_after(
            report, job)):
        # Its figures are no longer the report's (made again since, after assessments or
        # a withdrawal, or a merge since): the report below says how things stand.
        job = None
    assess_job = runner.latest("assess", period.code if period else "")
    if assess_job is not None and assess_job.finished and has_report and _written_after(
            report, assess_job):
        # Its figures too are no longer the report's: made again since.
        assess_job = None
    return await common.render(
        request, "report.html", "report", merged=merged,
        # The frame's address changes with the report: never an older copy shown.
        version=report.stat().st_mtime_ns if has_report else 0,
        has_report=has_report, current=current,
        made_at=datetime.fromtimestamp(report.stat().st_mtime) if has_report else None,
        has_docx=bool(period and ws.report_docx(period).is_file()),
        has_consolidated=bool(period and ws.consolidated(period).is_file()),
        job=job, assess_job=assess_job, today=date.today())


def _written_after(report, job: Job) -> bool:
    """The report file was written after the job that made it ended (made again by
    another step)."""
    return job.finished_at is not None and report.stat().st_mtime > job.finished_at.timestamp()


async def start(request: Request) -> Response:
    await common.posted(request)
    period = common.period_or_404(request)
    ws = common.workspace(request)
    ws.master()

    def work(job: Job) -> dict:
        job.progress(0, 1, "Lập báo cáo")
        result = ws.report(period.code)
        job.progress(1, 1, "Lập báo cáo")
        return {"message": f"Đã lập báo cáo {period.in_sentence}: {result.summary.sentence}"}

    job = common.runner(request).submit("report", f"Lập báo cáo kỳ {period.in_sentence}", work,
                                        key=period.code)
    return common.job_response(request, job, common.page_of(request, "report", period))


async def html(request: Request) -> Response:
    period = common.period_or_404(request)
    path = common.workspace(request).report_html(period)
    if not path.is_file():
        raise HTTPException(404, "Chưa lập báo cáo cho kỳ này.")
    # The report's notes name the terminal's commands (merge, assess, withdraw): in the
    # app, its own steps are named instead.
    text = await run_in_threadpool(path.read_text, "utf-8")
    return HTMLResponse(for_browser(text))
