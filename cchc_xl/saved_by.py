"""Which program last saved a returned workbook, told by its package, to name it where
a message says what became of the file: Google Sheets keeps none of the document
properties (its export has no ``docProps/`` part at all) and writes an empty drawing
part for each sheet (``xl/drawings/worksheetdrawingN.xml``); the others name themselves
in ``docProps/app.xml`` ("Microsoft Excel", "WPS Office_…", "LibreOffice/…"). What each
keeps of a unit's workbook, and the sources: docs/unit-file.md, "Google Sheets and WPS
Spreadsheets"."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

GOOGLE_SHEETS = "Google Sheets"
WPS = "WPS Spreadsheets"

_APP_PART, _APP_MAX = "docProps/app.xml", 64 * 1024
_GOOGLE_DRAWING = re.compile(r"xl/drawings/worksheetdrawing\d+\.xml")
_APPLICATION = re.compile(rb"<(?:\w+:)?Application>([^<]{1,200})</")


def saved_by(path: Path) -> str | None:
    """The program that last saved the workbook at ``path`` (:data:`GOOGLE_SHEETS`,
    :data:`WPS`, or the name its ``docProps/app.xml`` gives), None when it does not
    tell or the file is no package."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if _APP_PART not in names:
                return GOOGLE_SHEETS if any(_GOOGLE_DRAWING.fullmatch(n) for n in names) \
                    else None
            info = zf.getinfo(_APP_PART)
            app = zf.read(info) if info.file_size <= _APP_MAX else b""
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    found = _APPLICATION.search(app)
    if found is None:
        return None
    name = found.group(1).decode("utf-8", "replace").strip()
    return WPS if name.upper().startswith("WPS") else name or None
