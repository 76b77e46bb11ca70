"""Page 4, Phản hồi: the feedback workbooks merge wrote for units with problems."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import common
from ..workspace import Workspace


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    period = common.current_period(request)
    files = await run_in_threadpool(ws.feedback_files, period.code) if period else []
    snapshot = await run_in_threadpool(ws.snapshot, period.code) if period else None
    missing = ([snapshot.unit_names.get(c, c) for c in snapshot.missing_units]
               if snapshot else [])
    return await common.render(request, "feedback.html", "feedback", files=files,
                               merged=snapshot is not None and bool(snapshot.submissions),
                               missing=missing)


zip_all, one_file = common.listed_file_handlers(
    Workspace.feedback_files, "phan-hoi", "Không có tệp phản hồi này.")
