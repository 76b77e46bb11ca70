"""Page 5, Báo cáo: the period's report (the page `report --html` writes), its
workbook and the consolidated workbook."""

from __future__ import annotations

from datetime import datetime

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ...edited import kept_notes
from .. import common, kept_files, other_plans, plan_periods
from ..jobs import Job
from ..other_plans import Found
from ..plan_periods import RECOUNT, behind, kept_changes
from ..security import CSP, REPORT_POLICY
from ..wording import for_browser


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    period = common.current_period(request)
    # Another plan's report or workbook in the folder (last year's, the folder copied):
    # named by a notice, never shown nor offered as the period's.
    others = await run_in_threadpool(other_plans.on_report, ws, period) if period else Found()
    report = ws.report_html(period) if period else None
    if others.hides(report):
        report = None
    snapshot = await run_in_threadpool(ws.snapshot, period.code) if period else None
    merged = snapshot is not None and bool(snapshot.submissions)
    current = bool(report and await run_in_threadpool(ws.written_since_merge, report,
                                                      period.code))
    has_report = bool(report and report.is_file())
    consolidated = ws.consolidated(period) if period else None
    runner = common.runner(request)
    job = runner.latest("report", period.code if period else "")
    if job is not None and job.finished and has_report and (
            (job.succeeded and not current) or _written_after(report, job)):
        # Its figures are no longer the report's (made again since, after assessments or
        # a withdrawal, or a merge since): the report below says how things stand. A
        # refusal stays until a report is made (the report below is another plan's, say,
        # to move away: its words were gone once the page was opened again).
        job = None
    assess_job, assessed_later = followed(request, runner.recent(
        "assess", period.code if period else "", ASSESS_KEPT))
    if assess_job is not None and assess_job.finished and has_report and _written_after(
            report, (assessed_later or [assess_job])[0]):
        # Its figures too are no longer the report's: made again since (after another
        # one's verdicts too).
        assess_job, assessed_later = None, []
    return await common.render(
        request, "report.html", "report", merged=merged,
        # The frame's address changes with the report: never an older copy shown.
        version=report.stat().st_mtime_ns if has_report else 0,
        has_report=has_report, current=current,
        made_at=datetime.fromtimestamp(report.stat().st_mtime) if has_report else None,
        has_docx=has_report and ws.report_docx(period).is_file(),
        has_consolidated=bool(consolidated and consolidated.is_file()
                              and not others.hides(consolidated)),
        other_plans=other_plans.notice(others, ws.master().plan.key, period, "báo cáo",
                                       f"lập báo cáo kỳ {period.in_sentence}")
        if others else {},
        job=job, assess_job=assess_job, assessed_later=assessed_later,
        today=plan_periods.today(),
        kept_copies=await run_in_threadpool(kept_files.shown, ws, period, "report"),
        **await kept_context(request, period))


ASSESS_KEPT = 5  # the verdict uploads of a period looked through for the page's own


def followed(request: Request, jobs: list[Job]) -> tuple[Job | None, list[Job]]:
    """Of ``jobs`` (newest first), the one this page followed (common.FOLLOWED, which
    app.js adds, and the form's answer without a script), else the newest; and those that
    ended after it (another person's, another tab's), newest first. Two people
    recording verdicts at once each saw whichever ended last as her own (a QA pass)."""
    own = next((j for j in jobs if j.id == request.query_params.get(common.FOLLOWED)), None)
    if own is None:
        return (jobs[0] if jobs else None), []
    return own, [j for j in jobs[:jobs.index(own)] if j.finished]


async def kept_context(request: Request, period) -> dict:
    """What a page of a period that keeps the plan it was counted with shows of it
    (macros.html kept_period): what the plan in use changed, None for a period that
    follows it; ``behind``, a period still reported not recounted with the plan in use
    when it was put in place (plan_periods.behind); and the recount's job."""
    ws = common.workspace(request)
    kept = await run_in_threadpool(kept_changes, ws, period.code) if period else None
    late = kept is None and bool(period) and await run_in_threadpool(behind, ws, period.code)
    job = common.runner(request).latest("recount", period.code) if period else None
    report = ws.report_html(period) if period else None
    if job is not None and job.finished and report is not None and report.is_file() and \
            _written_after(report, job):
        job = None  # the report made since says how the period stands
    return {"kept": kept, "behind": late, "recount": RECOUNT, "recount_job": job}


async def recount(request: Request) -> Response:
    """A period that keeps the plan it was counted with, merged again with the plan in
    use (the office's correction of a mistake), or one still reported whose recount was
    refused when the plan was put in place (plan_periods.behind): what the merge says of
    the plan amended."""
    await common.posted(request)
    period = common.period_or_404(request)
    ws = common.workspace(request)
    ws.master()
    back = "intake" if request.query_params.get("ve") == "intake" else "report"

    def work(job: Job) -> dict:
        job.progress(0, 1, RECOUNT)
        result = ws.recount(period.code)
        job.progress(1, 1, RECOUNT)
        report = " Bấm “Lập lại báo cáo” ở trang Báo cáo trước khi in, ký hoặc gửi." \
            if ws.report_html(period.code).is_file() else ""
        unread = kept_files.unread_said(result, listed=True)  # verdicts typed, not read
        # A merge of files cut short before: left to the next one to tell, said so.
        cut = result.cut_short_said(ws.shown_name(period.code))
        return {"message": f"Đã tính lại kỳ {period.in_sentence} theo bảng kế hoạch đang "
                           f"dùng, đơn vị đã gửi {result.units_sent()}"
                           + (f"; {own}." if (own := result.own_sent()) else ".")
                           + (f" Lưu ý: {for_browser(result.plan_amended)}."
                              if result.plan_amended else "") + report
                           + (f" {cut}" if cut else "")
                           + (f" {unread['message']}" if unread else ""),
                "kept_copy": unread.get("kept_copy"),
                "tone": common.tone(bool(result.plan_amended or unread or cut))}

    job = common.runner(request).submit("recount", f"Tính lại kỳ {period.in_sentence}", work,
                                        key=period.code)
    return common.job_response(request, job, common.page_of(request, back, period))


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
        # What the command prints as warnings (a merge of the period cut short, or under
        # way from the command line: the ledger may miss files), said here too: the page
        # said "Đã lập báo cáo" in green over a report that might lack them.
        warned = "".join(f" Lưu ý: {for_browser(w)}." for w in result.warnings)
        return {"message": f"Đã lập báo cáo {period.in_sentence}: {result.summary.sentence}"
                           + kept_notes(result.kept) + warned,
                "tone": common.tone(bool(result.kept or result.warnings))}

    job = common.runner(request).submit("report", f"Lập báo cáo kỳ {period.in_sentence}", work,
                                        key=period.code)
    return common.job_response(request, job, common.page_of(request, "report", period))


async def html(request: Request) -> Response:
    period = common.period_or_404(request)
    path = common.workspace(request).report_html(period)
    if not path.is_file():
        raise HTTPException(404, "Chưa lập báo cáo cho kỳ này.")
    # Last year's report left in the folder, its frame's address kept: not shown as this
    # period's, as the page does not show it.
    await common.refuse_other_plans(request, period, path)
    # The report's notes name the terminal's commands (merge, assess, withdraw): in the
    # app, its own steps are named instead.
    text = await run_in_threadpool(path.read_text, "utf-8")
    # Its styles are inline (a file that stands alone): its own policy, no script at all.
    return HTMLResponse(for_browser(text), headers={CSP: REPORT_POLICY})
