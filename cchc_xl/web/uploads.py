"""Uploaded files onto disk: under the generated name the workspace gives, the name
from the user's computer kept beside it as data."""

from __future__ import annotations

import shutil
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..manifest import MANIFEST_SKIPPED
from ..merge import ISSUED_SKIPPED
from ..text import for_people, without_bidi
from ..xlio import atomic_write
from .workspace import StoredFile


async def save_upload(given: UploadFile, path: Path) -> StoredFile:
    """``given`` saved at ``path``, whole or not at all (:func:`atomic_write`): a server
    that died while it copied left half a file under the unit's name, which a merge of
    the folder on the command line refused as that unit's broken return. Nor is an empty
    file made there first (Workspace.new_upload_path claims only the folder): one was
    left by a server that died before the file came, and refused the same way."""
    def copy(tmp: Path) -> None:
        given.file.seek(0)
        with open(tmp, "wb") as out:
            shutil.copyfileobj(given.file, out, 1024 * 1024)

    await run_in_threadpool(atomic_write, path, copy)
    # Shown as the office named it, but never reversed by a direction mark.
    return StoredFile(path, for_people(without_bidi(given.filename or "")) or path.name)


NOTHING_MERGED = "Không có tệp nào của đơn vị để gộp."
# Every file of an upload the issued ones (the ZIP downloaded at Giao việc, sent back by
# mistake): one "Bỏ qua" line per unit said it, never what to upload instead.
ISSUED_SENT_BACK = ("Không có tệp nào của đơn vị để gộp: các tệp vừa tải lên là tệp giao do "
                    "ứng dụng tạo ở trang Giao việc, chưa điền. Tải lên ở đây các tệp các đơn "
                    "vị đã điền và gửi về (tệp đính kèm thư điện tử, Zalo…).")


def nothing_merged(reasons: list[str]) -> str:
    """Why an upload merged nothing, by the reasons its files were left out: the issued
    files only (and their manifest) said as such, anything else the plain sentence."""
    issued = {ISSUED_SKIPPED, MANIFEST_SKIPPED}
    if ISSUED_SKIPPED in reasons and set(reasons) <= issued:
        return ISSUED_SENT_BACK
    return NOTHING_MERGED
