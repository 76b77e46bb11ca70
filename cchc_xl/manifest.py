"""A split's list of the files it wrote: ``manifest.csv`` for people (a mail merge, a
check of who got what) and ``manifest.json`` for programs.

split writes both beside the unit workbooks and reads the JSON back to know which files
an earlier split of the same plan wrote (it replaces those, and nothing else). merge
skips either when it is given among the returns, and takes the SHA-256 the JSON lists:
a file returned exactly as issued was not filled in.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import bounds
from .assignment import FORMAT
from .model import Master, Period
from .plan_codec import plan_digest
from .vocab import LEAD, ROLE_LABELS, SUPPORT
from .xlio import atomic_write, write_csv

# The lists split writes beside the workbooks; merge skips them in an input folder.
MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"

if TYPE_CHECKING:  # split imports this module
    from .split import SplitFile

NAMES = (MANIFEST_CSV, MANIFEST_JSON)
CSV_HEADER = ("Mã đơn vị", "Tên đơn vị", "Tệp", ROLE_LABELS[LEAD], ROLE_LABELS[SUPPORT],
              "Tổng số dòng", "SHA-256")


def is_manifest(path: Path) -> bool:
    return path.name.lower() in NAMES


def write_manifests(out_dir: Path, master: Master, period: Period, issued_at: datetime,
                    files: list[SplitFile], return_to: str | None = None
                    ) -> tuple[Path, Path]:
    """Write both lists into ``out_dir`` (each atomically); their paths."""
    csv_path = write_csv(out_dir / MANIFEST_CSV, CSV_HEADER,
                         [(f.unit_code, f.unit_name, f.path.name, f.lead_count, f.support_count,
                           f.row_count, f.sha256) for f in files])
    data = {
        "format": FORMAT,
        "plan": master.plan.key,
        "plan_title": master.plan.title,
        "plan_sha256": master.sha256,  # the plan workbook the files were made from
        "plan_digest": plan_digest(master),  # its content, however the workbook was written
        "period": {"code": period.code, "name": period.name, "start": period.start.isoformat(),
                   "cutoff": period.cutoff.isoformat(), "due": period.due.isoformat()},
        "issued_at": issued_at.isoformat(),
        # Where the units were told to send their files back (the guide sheet's line;
        # "" when a plan's was left out on purpose); None: the plan says none, none given.
        **({"return_to": return_to} if return_to is not None else {}),
        "files": [{"unit": f.unit_code, "unit_name": f.unit_name, "file": f.path.name,
                   "lead": f.lead_count, "support": f.support_count, "rows": f.row_count,
                   "sha256": f.sha256} for f in files],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    json_path = atomic_write(out_dir / MANIFEST_JSON,
                             lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return csv_path, json_path


def read_manifest(path: Path) -> dict | None:
    """A split's manifest.json as :func:`write_manifests` writes it (docs/unit-file.md
    lists its keys); None for a file that is not there, not JSON, not an object, or
    larger than any manifest (bounds.MAX_MANIFEST_BYTES: a file of that name among the
    returns may be anything)."""
    try:
        if path.stat().st_size > bounds.MAX_MANIFEST_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def listed_files(out_dir: Path, plan_key: str) -> set[str]:
    """File names an earlier split of the same plan listed in out_dir's manifest."""
    data = read_manifest(out_dir / MANIFEST_JSON)
    if data is None or data.get("plan") != plan_key:
        return set()
    try:
        names = {str(f["file"]) for f in data.get("files", [])}
    except (KeyError, TypeError, AttributeError):
        return set()
    return {n for n in names if n == Path(n).name and n.endswith(".xlsx")}


def issued_hashes(path: Path) -> set[str]:
    """SHA-256 of the files a split's manifest.json lists (nothing from a CSV or a bad
    file: :func:`read_manifest`)."""
    data = read_manifest(path) if path.suffix.lower() == ".json" else None
    if data is None:
        return set()
    try:
        return {str(f["sha256"]).lower() for f in data.get("files", []) if f.get("sha256")}
    except (KeyError, TypeError, AttributeError):
        return set()
