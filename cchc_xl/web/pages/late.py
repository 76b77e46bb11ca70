"""Thu nhận's "Gộp vào kỳ 6 tháng…": a file of an earlier period dropped on this
period's page, merged into its own period without uploading it again (web/late_files.py
says when the button is offered and what is merged)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .. import common, kept_files, late_files
from ..jobs import Job
from .intake import merge_noted, merge_title


async def move(request: Request) -> Response:
    """Merge the refused file (``sha``) or the held upload (``token``) of the page's
    period into the period ``to`` it is for, with the day it was received, and show that
    period's page with the merge's outcome."""
    form = await common.posted(request)
    chosen = common.period_or_404(request)
    ws = common.workspace(request)
    given = late_files.goes_back(ws.master(), str(form.get("to") or ""), chosen)
    if given is None:  # not an earlier period of the plan (a later one is never merged)
        common.flash(request, "error", "Không rõ kỳ cần gộp tệp vào: mở lại trang Thu nhận "
                     "rồi thử lại.")
        return RedirectResponse(common.page_of(request, "intake", chosen), status_code=303)
    token = form.get("token")
    found = await run_in_threadpool(
        late_files.held_files if token else late_files.refused_file, ws, chosen, given,
        token or form.get("sha"))
    if found is None:
        common.flash(request, "error", await run_in_threadpool(
            late_files.not_found, ws, chosen, given, None if token else form.get("sha")))
        return RedirectResponse(common.page_of(request, "intake", chosen), status_code=303)
    stored, received, note = found  # written down until merged (pending.py)

    def work(job: Job) -> dict:
        done = merge_noted(ws, given, stored, received, [], job, note)
        # The file is no refused report of the page's period now (other_period.
        # gone_to_own_period): its consolidated workbook and feedback say so.
        # Said on the file's period's page: the workbook named by its period.
        refreshed = ws.refresh(chosen.code) \
            if done.get("taken") and ws.consolidated(chosen).is_file() else None
        unread = kept_files.unread_said(refreshed, listed=True, named=True) if refreshed \
            else {}
        said = late_files.merged_said(ws, given, chosen, done)
        # A merge of files of this page's period cut short before: left to its next one.
        if refreshed is not None and (cut := refreshed.cut_short_said(
                ws.shown_name(chosen.code))):
            said = {**said, "message": f"{said['message']} {cut}", "tone": "warn"}
        if unread:  # verdicts typed into the page's period's workbook, not read back
            # Each copy kept offered: the file's period's (its merge's) and this one's.
            kept = [c for c in (said.get("kept_copy"), unread.get("kept_copy")) if c]
            said = {**said, "message": f"{said['message']} {unread['message']}",
                    "kept_copy": kept or None, "tone": "warn"}
        return said

    runner = common.runner(request)
    for job in runner.recent("merge", chosen.code, 6):  # the refused upload's job
        if token and job.offer.get("token") == token:
            late_files.answered(job, late_files.HELD_MERGED.format(given=given.in_sentence))
    job = runner.submit("merge", merge_title(stored, given.in_sentence, received), work,
                        key=given.code)
    # That period's page on this merge, not on the newest of the period (another's).
    return RedirectResponse(f"{common.page_of(request, 'intake', given)}&{common.FOLLOWED}="
                            f"{job.id}", status_code=303)
