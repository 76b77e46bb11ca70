"""A backup restored from the plan page's "Sao lưu dữ liệu" card, over the data folder the
app serves (web/restored.py): the ZIP uploaded and checked as ``cchc-xl restore`` checks
it (refused with its reason), the office asked with what it would replace (the plan, the
periods and the files merged now and in the backup), then the restore run as a job once
no other runs; the folder as it was is backed up first and offered for download."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from ... import clock
from ...backup import made_at_said, plans_said
from ...bounds import size_text
from ...data_folder import UPLOADS
from ...errors import CchcError, system_words
from ...intake.collect import UPLOAD_FOLDER  # the upload's own folder (new_upload_path)
from ...restore import check_whole
from ...temporary import remove_folder
from .. import common
from ..jobs import Job
from ..restored import (
    KEPT_BEFORE,
    Contents,
    backup_contents,
    dropped_next,
    folder_contents,
    kept_before,
    plan_held,
    replace_with_backup,
    size_said,
)
from ..security import Refused
from ..uploads import save_upload
from ..workspace import Workspace
from .backup import ANCHOR

KIND = "restore"  # the job's kind
TITLE = "Khôi phục từ bản sao lưu"
ASKED = "khoi-phuc"  # the plan page's address names the backup asked about (?khoi-phuc=)
RESTORING = "đang khôi phục dữ liệu từ bản sao lưu: chờ xong (vài giây đến vài phút) rồi làm lại"
BUSY = ("Đang có việc chạy hoặc chờ chạy ({}): chờ xong rồi bấm “Khôi phục” lại; chưa khôi "
        "phục gì.")
ANOTHER_PLAN = ("Bản sao lưu không có kế hoạch đang dùng (mã “{}”): khôi phục thì các trang "
                "dùng kế hoạch trong bản sao lưu; kế hoạch đang dùng và mọi việc đã làm với "
                "nó chỉ còn trong bản sao lưu trước khi khôi phục. Chọn nhầm tệp (bản của năm "
                "trước, của cơ quan khác) thì bấm “Hủy”.")
RESTORE_KEPT = "Khôi phục bản này"  # the button beside each backup made before a restore
NOT_KEPT = ("Không còn bản sao lưu này (đã xóa, hoặc trang đã cũ): mở lại trang Kế hoạch rồi "
            "chọn trong danh sách ở mục “Sao lưu dữ liệu”.")
GONE = ("Tệp sao lưu đã tải lên không còn (đã khôi phục hoặc đã hủy): chọn tệp .zip và tải "
        "lên lại.")
NONE_CHOSEN = "Chọn tệp sao lưu (.zip) trước khi bấm “Kiểm tra tệp sao lưu”."
# A backup over the upload's limit: no file of it can be "split into several uploads", as
# the uploads' message says (security.too_large_message), nor is 30 MB its limit.
TOO_LARGE = ("Tệp sao lưu lớn hơn {}, quá giới hạn tải lên của ứng dụng: chưa khôi phục gì, "
             "dữ liệu hiện tại giữ nguyên. Tệp lớn như vậy khôi phục bằng dòng lệnh trên máy "
             "chạy ứng dụng (dòng “Dùng dòng lệnh” cuối mục “Sao lưu dữ liệu”), hoặc nhờ người "
             "hỗ trợ kỹ thuật.")
_ABOUT = "khoi-phuc.json"  # beside the uploaded backup: its name, what it holds


def _plan_said(ws: Workspace) -> tuple[str | None, str]:
    """The plan in use: its key, and as the question names it (whose it is too)."""
    state = ws.master_state()
    if state is None or state.master is None:
        return None, ""
    plan = state.master.plan
    return plan.key, plans_said([plan_held(plan)])


def _checked(path: Path, original: str) -> None:
    """The uploaded backup checked whole (CchcError, as the command says it), what it
    holds written beside it."""
    checked = check_whole(path)
    about = {"original": original, "file": path.name,
             "files": len(checked.manifest["files"]),
             "backup": backup_contents(checked, path.parent).as_dict(),
             "checked_at": f"{clock.now():%H:%M %d/%m/%Y}"}
    (path.parent / _ABOUT).write_text(json.dumps(about, ensure_ascii=False), encoding="utf-8")


def _place(ws: Workspace, token: object) -> Path | None:
    """The folder of the backup uploaded under ``token`` (never a path given)."""
    if not isinstance(token, str) or not UPLOAD_FOLDER.fullmatch(token):
        return None
    place = ws.app_dir / UPLOADS / token
    return place if (place / _ABOUT).is_file() else None


def asked(ws: Workspace, token: object) -> dict | None:
    """What the plan page asks of the backup uploaded under ``token``: its name, when
    checked, and what it holds against what the data folder holds now (None: no such)."""
    place = _place(ws, token)
    if place is None:
        return None
    try:
        about = json.loads((place / _ABOUT).read_text(encoding="utf-8"))
        backup = Contents.from_dict(about["backup"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    key, plan = _plan_said(ws)
    now = folder_contents(ws.root, plan)
    keys = backup.keys
    return {"token": token, "original": str(about.get("original") or ""),
            "checked_at": str(about.get("checked_at") or ""), "files": about.get("files"),
            "now": now, "backup": backup,
            # Another plan's backup (last year's, another commune's): its plan replaces
            # the one in use, which the table says only in its row of plans.
            "other_plan": ANOTHER_PLAN.format(key) if key and keys and key not in keys
            else ""}


async def card(request: Request, ws: Workspace) -> dict:
    """What the card shows of restoring: the question about the backup the page's address
    names, the last restore's job, the backups made before restores. While a backup is
    asked about, the last restore's message, done ("Đã khôi phục … từ tệp …") or failed,
    is left out: it is no answer to the question, and showed under its buttons as if it
    were (a QA pass); the next page without the question shows it again, its time said."""
    question = await run_in_threadpool(asked, ws, request.query_params.get(ASKED))
    job = common.runner(request).latest(KIND)
    return {"restore_asked": question,
            "restore_job": None if question and job is not None and job.finished else job,
            "before_restore": await run_in_threadpool(before_listed, ws)}


def _at(path: Path) -> str:
    return time.strftime("%H:%M ngày %d/%m/%Y", time.localtime(path.stat().st_mtime))


def before_listed(ws: Workspace) -> dict:
    """The backups made before each restore, newest first, as the card offers them
    (each restored or removed from there), their total size, how many are kept, and
    those the next restore removes."""
    kept = kept_before(ws.app_dir)
    return {"kept": [{"name": p.name, "size": size_said(p), "at": _at(p)} for p in kept],
            "total": size_text(sum(p.stat().st_size for p in kept)), "most": KEPT_BEFORE,
            "button": RESTORE_KEPT,
            "dropped_next": [{"name": p.name, "at": _at(p)}
                             for p in dropped_next(ws.app_dir)]}


def _kept(ws: Workspace, name: object) -> Path | None:
    """The backup made before a restore named ``name`` as the card lists it (never a
    path given)."""
    return next((p for p in kept_before(ws.app_dir) if p.name == name), None)


def _back(request: Request, token: str = "", refused: bool = False) -> Response:
    """Back to the plan page: at its card (with the question when ``token``), or, a file
    ``refused``, at its top, where the message is (at the card, the page showed the
    refusal out of sight, above it)."""
    page = common.page_of(request, "plan")
    query = f"{'&' if '?' in page else '?'}{ASKED}={token}" if token else ""
    return RedirectResponse(f"{page}{query}{'' if refused else '#' + ANCHOR}", status_code=303)


async def upload(request: Request) -> Response:
    """A backup uploaded to restore: checked, then asked about (or refused, its reason)."""
    limits = common.limits(request)
    try:
        form = await common.posted(request, limits.backup_bytes)
    except Refused as exc:
        if exc.status != 413:
            raise
        common.flash(request, "error", TOO_LARGE.format(
            size_text(min(limits.backup_bytes, limits.request_bytes))))
        return _back(request, refused=True)
    given = form.get("backup")
    if not isinstance(given, UploadFile) or not given.filename:
        common.flash(request, "error", NONE_CHOSEN)
        return _back(request, refused=True)
    ws = common.workspace(request)
    stored = await save_upload(given, ws.new_upload_path(ws.app_dir / UPLOADS, given.filename))
    try:
        await run_in_threadpool(_checked, stored.path, stored.original)
    except CchcError as exc:
        remove_folder(stored.path.parent)
        exc.file = stored.original  # named as the office's computer names it
        common.flash(request, "error", f"Không khôi phục từ tệp này: {ws.said(exc)}. Dữ liệu "
                                       "hiện tại giữ nguyên.")
        return _back(request, refused=True)
    return _back(request, stored.path.parent.name)


async def _kept_named(request: Request, ws: Workspace) -> Path | None:
    """The backup made before a restore that the posted form names (only one the card
    lists, never a path given); None, the page told why (:data:`NOT_KEPT`)."""
    form = await common.posted(request)
    found = await run_in_threadpool(_kept, ws, form.get("name"))
    if found is None:
        common.flash(request, "error", NOT_KEPT)
    return found


async def restore_kept(request: Request) -> Response:
    """"Khôi phục bản này" of a backup made before a restore: asked about as one
    uploaded (checked, the question naming what it replaces), without the download and
    the upload again, which a folder over the upload's limit could not make."""
    ws = common.workspace(request)
    found = await _kept_named(request, ws)
    if found is None:
        return _back(request, refused=True)
    place = ws.new_upload_path(ws.app_dir / UPLOADS, found.name)
    try:
        await run_in_threadpool(_linked, found, place)
        await run_in_threadpool(_checked, place, found.name)
    except (CchcError, OSError) as exc:
        remove_folder(place.parent)
        said = ws.said(exc) if isinstance(exc, CchcError) else system_words(exc)
        common.flash(request, "error", f"Không khôi phục từ tệp {found.name}: {said}. Dữ "
                                       "liệu hiện tại giữ nguyên.")
        return _back(request, refused=True)
    return _back(request, place.parent.name)


def _linked(source: Path, place: Path) -> None:
    """``source`` at ``place`` (a link to the same file where the system can, else a
    copy): the restore's job removes its upload's folder when done, never the kept one."""
    try:
        place.hardlink_to(source)
    except OSError:
        shutil.copyfile(source, place)


async def delete_kept(request: Request) -> Response:
    """"Xóa" of a backup made before a restore (the page asked first: data-confirm)."""
    found = await _kept_named(request, common.workspace(request))
    if found is None:
        return _back(request, refused=True)
    size = size_said(found)
    try:
        found.unlink()
    except OSError as exc:
        common.flash(request, "error", f"Không xóa được tệp {found.name}: "
                                       f"{system_words(exc)}.")
        return _back(request, refused=True)
    common.flash(request, "ok", f"Đã xóa bản sao lưu trước khôi phục {found.name} ({size}).")
    return _back(request, refused=True)  # at the page's top, where the message is


async def cancel(request: Request) -> Response:
    form = await common.posted(request)
    place = _place(common.workspace(request), form.get("token"))
    if place is not None:
        remove_folder(place)
    return _back(request)


async def confirm(request: Request) -> Response:
    """"Khôi phục" answered: the restore queued as a job, when no other runs or waits."""
    form = await common.posted(request)
    ws = common.workspace(request)
    token = form.get("token")
    place = _place(ws, token)
    if place is None:
        raise HTTPException(409, GONE)
    runner = common.runner(request)
    if unfinished := runner.unfinished():
        running = ", ".join(sorted({j.title for j in unfinished}))
        raise HTTPException(409, BUSY.format(running))
    about = json.loads((place / _ABOUT).read_text(encoding="utf-8"))
    path, original = place / Path(str(about["file"])).name, str(about["original"])
    key, _ = _plan_said(ws)
    app = request.app
    def work(job: Job) -> dict:
        def waiting(text: str) -> None:
            job.current = text

        try:
            done = replace_with_backup(ws.root, key, path, progress=job.progress,
                                       waiting=waiting)
        finally:
            runner.closed = ""
            remove_folder(place)
        # The pages' memories of the folder before: the jobs' results, the figures
        # changed off an upload; the backup's uploads not merged yet merged now, as the
        # app does when it starts on a folder.
        runner.forget_finished()
        app.state.changed.clear()
        from ..app import merge_left_uploads

        merge_left_uploads(ws, runner)
        before = done.before.relative_to(ws.root.resolve()).as_posix()
        after = (f" Thư mục cũ chưa xóa được, còn ở {done.left}: xóa bằng tay." if done.left
                 else "")
        if done.dropped:
            after += (f" Ứng dụng giữ {KEPT_BEFORE} bản sao lưu trước khôi phục mới nhất: đã "
                      f"xóa bản cũ hơn ({', '.join(done.dropped)}).")
        made = made_at_said(done.manifest.get("made_at"))
        return {"message": f"Đã khôi phục {done.files} tệp ({done.size}) từ tệp “{original}” "
                           f"(sao lưu {made}): các trang hiện dữ liệu của bản sao lưu. Dữ liệu "
                           f"trước khi khôi phục được sao lưu vào tệp {before} "
                           f"({size_said(done.before)}), ở mục “Sao lưu dữ liệu”: bấm “"
                           f"{RESTORE_KEPT}” bên tệp đó là trở lại như trước.{after}",
                "tone": common.tone(bool(done.left))}

    # As it is queued, no form may start another job until it ends (JobRunner.closed).
    job = runner.submit(KIND, TITLE, work, closing=RESTORING)
    return common.job_response(request, job, f"{common.page_of(request, 'plan')}#{ANCHOR}")


async def download_before(request: Request) -> Response:
    """A backup made before a restore, by its name as the card lists it."""
    ws = common.workspace(request)
    name = request.path_params["name"]
    found = await run_in_threadpool(_kept, ws, name)
    if found is None:
        raise HTTPException(404, "Không có bản sao lưu này.")
    return FileResponse(found, filename=found.name, media_type="application/zip")
