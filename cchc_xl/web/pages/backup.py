"""The backup of the data folder, from the plan page's "Sao lưu dữ liệu" card (and the
frame's footer, which points there): made by the job queue (a year's folder takes
seconds; a merge running ends first, so the ledger is never copied in the middle of
one), kept in the app's folder (left out of the next backup) until the next one, and
downloaded as cchc-sao-luu-<plan>-<yyyymmdd-hhmm>.zip."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from ... import clock
from ...backup import (
    HELD_UPLOAD,
    SUFFIX,
    backup_name,
    holds_less,
    made_at_said,
    read_manifest,
    write_backup,
)
from ...bounds import size_text
from ...data_folder import BACKUPS
from ...restore import new_folder_for, typed
from ...text import vn_number
from .. import common
from ..jobs import Job
from ..workspace import Workspace

KIND = "backup"  # the job's kind
TITLE = "Sao lưu dữ liệu"
ANCHOR = "sao-luu"  # the plan page's card (#sao-luu), which the footer links to


@dataclass
class Made:
    """The last backup kept for download: its file, size as people read it, when."""

    path: Path
    size: str
    made_at: datetime

    @property
    def label(self) -> str:
        """The plan page's link to it (and the label the page's script gives that link
        once a backup is made: the page is not drawn again, the download starts)."""
        return f"Tải lại bản sao lưu lúc {self.made_at:%H:%M ngày %d/%m/%Y} ({self.size})"


def last_made(ws: Workspace) -> Made | None:
    """The backup kept for download, if any."""
    made = sorted((ws.app_dir / BACKUPS).glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
    if not made:
        return None
    st = made[-1].stat()
    return Made(made[-1], size_text(st.st_size), datetime.fromtimestamp(st.st_mtime))


@dataclass
class RestorePlaces:
    """What the card's restore line names: the backup (the one kept, by its name: the
    browser downloaded it where it saves files), the new folder beside the data folder,
    and the data folder itself (never restored into), as typed in a command line."""

    backup: str
    to: str
    folder: str


def restore_places(ws: Workspace, made: Made | None) -> RestorePlaces:
    root = ws.root.resolve()
    name = made.path.name if made else "cchc-sao-luu-….zip"
    return RestorePlaces(typed(name), typed(new_folder_for(root)), typed(root))


def make(ws: Workspace, job: Job, download: str) -> dict:
    """The job's work: the backup written, the one kept before removed (unless it holds
    more: :func:`cchc_xl.backup.holds_less`, kept and said); ``download``:
    its address, which the page's script follows once the job is done (the browser
    downloads the file and stays on the page, the outcome drawn in the job's box and
    ``again`` on the link to the backup kept: the box said "643/643" and nothing else,
    its button stayed greyed out, and the link named the backup before, removed)."""
    state = ws.master_state()
    key = state.master.plan.key if state and state.master else None
    folder = ws.app_dir / BACKUPS
    out = folder / backup_name(key, clock.now())

    def waiting(text: str) -> None:  # a merge writing the ledger: said while it ends
        job.current = text

    made = write_backup(ws.root, out, progress=job.progress, waiting=waiting)
    lost = "".join(f" Không sao lưu được {item.path}: {item.reason}." for item in made.lost)
    for old in folder.glob(f"*{SUFFIX}"):
        if old == out:
            continue
        # One holding more than the new one (its ledger, now emptied) is kept, and said.
        before = read_manifest(old)
        if before is not None and (less := holds_less(before, made)):
            lost += (f" Giữ lại bản sao lưu {made_at_said(before.get('made_at'))} ở {old}: "
                     f"{less}.")
            continue
        with suppress(OSError):
            old.unlink()
    if held := [item for item in made.left_out if item.reason == HELD_UPLOAD]:
        lost += f" Không sao lưu {vn_number(len(held))} {HELD_UPLOAD}."
    kept = last_made(ws)
    return {"message": f"Đã sao lưu {len(made.files)} tệp vào tệp {out.name} "
                       f"({size_text(made.written)}).{lost}", "tone": common.tone(bool(lost)),
            "download": download, "again": kept.label if kept else ""}


async def start(request: Request) -> Response:
    await common.posted(request)
    ws = common.workspace(request)
    download = request.url_for("backup_download").path
    job = common.runner(request).submit(KIND, TITLE, lambda job: make(ws, job, download))
    return common.job_response(request, job, f"{common.page_of(request, 'plan')}#{ANCHOR}")


async def download(request: Request) -> Response:
    made = await run_in_threadpool(last_made, common.workspace(request))
    if made is None:
        raise HTTPException(404, "Chưa có bản sao lưu: bấm “Sao lưu dữ liệu” ở cuối trang "
                                 "Kế hoạch để tạo.")
    return FileResponse(made.path, filename=made.path.name, media_type="application/zip")
