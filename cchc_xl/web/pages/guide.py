"""The "Hướng dẫn" page: the user guide (docs/huong-dan.md, web/guide.py) in the app's
frame, one click away from every page; and the guide's pictures."""

from __future__ import annotations

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import common, guide


async def page(request: Request) -> Response:
    html = await run_in_threadpool(guide.guide_html)
    return await common.render(
        request, "guide.html", "guide", body=Markup(html) if html is not None else None,
        missing=str(guide.guide_path()))


async def picture(request: Request) -> Response:
    path = guide.picture_path(request.path_params["name"])
    if path is None:
        raise HTTPException(404, "Không có hình này trong hướng dẫn.")
    return FileResponse(path)
