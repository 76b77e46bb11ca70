"""The names the office's files had when uploaded: each period's folder of uploads keeps
them in ten-tep.json (an upload is stored under a folder of its own, "3f9a1c/X02.xlsx"),
so that the consolidated workbook and the merge details name a file as the office
knows it (:meth:`cchc_xl.web.workspace.Workspace.display_names`)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..xlio import atomic_write

NAMES_FILE = "ten-tep.json"


def upload_key(path: str) -> str:
    """The key of :meth:`Workspace.display_names` for a path the ledger recorded (on
    this computer or on a Windows one the data folder came from)."""
    stored = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    return f"{stored.parent.name}/{stored.name}"


def read_names(folder: Path) -> dict[str, str]:
    """The uploads' own names kept in ``folder`` ({} when none, or unreadable)."""
    try:
        data = json.loads((folder / NAMES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def write_names(folder: Path, names: dict[str, str]) -> None:
    text = json.dumps(names, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write(folder / NAMES_FILE, lambda tmp: tmp.write_text(text, "utf-8"))
