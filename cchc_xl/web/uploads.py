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
from .office_files import PLAN_DOCUMENT_REASON, PLAN_TABLE_REASON
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
# What to upload instead, after a sentence saying the upload held none of the units' files.
UPLOAD_RETURNS = ("Tải lên ở đây các tệp các đơn vị đã điền và gửi về (tệp đính kèm thư "
                  "điện tử, Zalo…).")
# Every file of an upload the issued ones (the ZIP downloaded at Giao việc, sent back by
# mistake): one "Bỏ qua" line per unit said it, never what to upload instead.
ISSUED_SENT_BACK = ("Không có tệp nào của đơn vị để gộp: các tệp vừa tải lên là tệp giao do "
                    f"ứng dụng tạo ở trang Giao việc, chưa điền. {UPLOAD_RETURNS}")
# The office's own files, each passed over for its reason, as the summary names them.
OFFICE_OWN = {
    MANIFEST_SKIPPED: "danh sách các tệp giao (ứng dụng lập ở trang Giao việc, ghi đơn vị "
                      "nào được giao tệp nào)",
    PLAN_TABLE_REASON: "bảng kế hoạch của cơ quan (muốn dùng bảng này thì tải lên ở trang Kế "
                       "hoạch)",
    PLAN_DOCUMENT_REASON: "văn bản kế hoạch đã nhập ở trang Kế hoạch",
}


def nothing_merged(reasons: list[str]) -> str:
    """Why an upload merged nothing, by the reasons its files were left out: the issued
    files only (and their manifest) said as such, the office's own files only
    (:func:`office_files_only`) named, anything else the plain sentence."""
    issued = {ISSUED_SKIPPED, MANIFEST_SKIPPED}
    if ISSUED_SKIPPED in reasons and set(reasons) <= issued:
        return ISSUED_SENT_BACK
    return office_files_only(reasons) or NOTHING_MERGED


def office_files_only(reasons: list[str]) -> str:
    """What an upload whose every file was one of the office's own (the list of the files
    given out, the plan table, the plan's document: ``reasons``, why each was passed over)
    was, and what to upload instead; "" for an upload with any other file. The list
    workbook dropped alone read "Đã đọc 0 tệp, bỏ qua 1 tệp (lý do ghi ở từng tệp)": as if
    nothing happened, and why not (a QA pass)."""
    if not reasons or not set(reasons) <= OFFICE_OWN.keys():
        return ""
    what = ", ".join(OFFICE_OWN[r] for r in dict.fromkeys(reasons))
    files = "tệp vừa tải lên là" if len(reasons) == 1 else "các tệp vừa tải lên là"
    return (f"Không có tệp nào của đơn vị để gộp: {files} {what}, không phải tệp đơn vị gửi "
            f"về. {UPLOAD_RETURNS}")
