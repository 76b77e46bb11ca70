"""The names the office's files had when uploaded: each period's folder of uploads keeps
them in ten-tep.json (an upload is stored under a folder of its own, "3f9a1c/X02.xlsx"),
so that the consolidated workbook and the merge details name a file as the office
knows it (:meth:`cchc_xl.web.workspace.Workspace.display_names`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

# Read by the merge's file collection too (a period's folder merged by the command line).
from ..intake.collect import NAMES_FILE, read_names
from ..xlio import atomic_write

__all__ = ["NAMES_FILE", "names_by_key", "read_names", "update_names", "upload_key",
           "write_names"]


def upload_key(path: str) -> str:
    """The key of :meth:`Workspace.display_names` for a path the ledger recorded (on
    this computer or on a Windows one the data folder came from)."""
    stored = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    return f"{stored.parent.name}/{stored.name}"


def write_names(folder: Path, names: dict[str, str]) -> None:
    text = json.dumps(names, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write(folder / NAMES_FILE, lambda tmp: tmp.write_text(text, "utf-8"))


def update_names(folder: Path, added: dict[str, str] | None = None,
                 dropped: Iterable[str] = ()) -> None:
    """The folder's ten-tep.json with names ``added`` and the keys ``dropped`` taken out
    (the caller holds the workspace's lock: read, changed and written as one)."""
    names = read_names(folder)
    names.update(added or {})
    for key in dropped:
        names.pop(key, None)
    write_names(folder, names)


def names_by_key(folder: Path) -> dict[str, str]:
    """The folder's names by :func:`upload_key` (an upload stored before uploads had a
    folder each, "x02-xa-hoang-cat-3f9a1c.xlsx", keyed under the period's folder)."""
    return {k if "/" in k else f"{folder.name}/{k}": v for k, v in read_names(folder).items()}
