"""Page 1, Kế hoạch: upload the master, see the check's findings, download it."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ...findings import ERROR, NOTE, SEVERITY_LABEL, WARNING, count
from .. import common
from ..uploads import save_upload


async def page(request: Request) -> Response:
    state = await run_in_threadpool(common.workspace(request).master_state)
    found = state.findings if state else []
    return await common.render(
        request, "plan.html", "plan", findings=found, severity=SEVERITY_LABEL,
        counts={"error": count(found, ERROR), "warning": count(found, WARNING),
                "note": count(found, NOTE)},
        master=state.master if state else None)


async def upload(request: Request) -> Response:
    form = await common.posted(request)
    given = form.get("master")
    if not isinstance(given, UploadFile) or not given.filename:
        common.flash(request, "error", "Chọn tệp bảng kế hoạch (.xlsx) trước khi tải lên.")
        return RedirectResponse(request.url_for("plan").path, status_code=303)
    ws = common.workspace(request)
    stored = await save_upload(given, ws.new_upload_path(ws.app_dir / "tai-len", given.filename))
    try:
        found = await run_in_threadpool(ws.install_master, stored.path)
    finally:
        stored.path.unlink(missing_ok=True)
    unreadable = [f for f in found if f.code == "master-unreadable"]
    if unreadable:
        common.flash(request, "error", f"Không dùng được tệp '{given.filename}': "
                     f"{unreadable[0].message}. Bảng kế hoạch đang dùng được giữ nguyên.")
    else:
        errors = count(found, ERROR)
        common.flash(request, "error" if errors else "ok",
                     f"Đã nhận bảng kế hoạch '{given.filename}'"
                     + (f": còn {errors} lỗi cần sửa (danh sách bên dưới)." if errors
                        else "."))
    return RedirectResponse(request.url_for("plan").path, status_code=303)


async def download(request: Request) -> Response:
    ws = common.workspace(request)
    state = await run_in_threadpool(ws.master_state)
    key = state.master.plan.key if state and state.master else "ke-hoach"
    return common.file_response(ws.master_path, f"{key}.xlsx")
