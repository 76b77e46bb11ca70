"""Page 4, Phản hồi: the feedback workbooks merge wrote for units with problems."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from .. import common


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


async def zip_all(request: Request) -> Response:
    period = common.period_or_404(request)
    files = await run_in_threadpool(common.workspace(request).feedback_files, period.code)
    return await common.zip_response(request, files, f"phan-hoi-{period.code}.zip")


async def one_file(request: Request) -> Response:
    period = common.period_or_404(request)
    name = request.path_params["name"]
    for path in await run_in_threadpool(common.workspace(request).feedback_files, period.code):
        if path.name == name:
            return common.file_response(path, path.name)
    raise HTTPException(404, "Không có tệp phản hồi này.")
