"""The names the office's files had when uploaded: each period's folder of uploads keeps
them in ten-tep.json (an upload is stored under a folder of its own, "3f9a1c/X02.xlsx"),
so that the consolidated workbook and the merge details name a file as the office
knows it (:meth:`cchc_xl.web.workspace.Workspace.display_names`)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath

# Read by the merge's file collection too (a period's folder merged by the command line).
from ..intake.collect import NAMES_FILE, read_names
from ..xlio import atomic_write

__all__ = ["NAMES_FILE", "read_names", "upload_key", "write_names"]


def upload_key(path: str) -> str:
    """The key of :meth:`Workspace.display_names` for a path the ledger recorded (on
    this computer or on a Windows one the data folder came from)."""
    stored = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    return f"{stored.parent.name}/{stored.name}"


def write_names(folder: Path, names: dict[str, str]) -> None:
    text = json.dumps(names, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write(folder / NAMES_FILE, lambda tmp: tmp.write_text(text, "utf-8"))
