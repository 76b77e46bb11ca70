"""Uploaded files onto disk: under the generated name the workspace gives, the name
from the user's computer kept beside it as data."""

from __future__ import annotations

import shutil
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..text import for_people, without_bidi
from .workspace import StoredFile


async def save_upload(given: UploadFile, path: Path) -> StoredFile:
    def copy() -> None:
        given.file.seek(0)
        with open(path, "wb") as out:
            shutil.copyfileobj(given.file, out, 1024 * 1024)

    await run_in_threadpool(copy)
    # Shown as the office named it, but never reversed by a direction mark.
    return StoredFile(path, for_people(without_bidi(given.filename or "")) or path.name)
