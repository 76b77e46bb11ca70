"""A split's list of the files it wrote: ``danh-sach-tep-giao.xlsx`` for people (who got
which file: the workbook opens in columns in any Excel), ``manifest.csv`` for people and
other programs (a mail merge) and ``manifest.json`` for programs.

The workbook, because a comma-separated CSV double-clicked on a Windows set to
Vietnamese opens with each row in one column (Excel splits at the list separator, ";"):
the specialist could not read whose file was which. The CSV and the JSON are as they
were (other programs read them).

split writes the three beside the unit workbooks and reads the JSON back to know which
files an earlier split of the same plan wrote (it replaces those, and nothing else). A
folder split before split wrote the workbook gets it made from the JSON when asked for
(:func:`issued_list`: the Giao việc page's download and ZIP).
merge skips the CSV and JSON by their names when they are given among the returns, and
the workbook by its custom property (consolidated.link.ISSUED_LIST_PROPERTY, whatever it
is named: judged.py), each as :data:`MANIFEST_SKIPPED`; it takes the SHA-256 the JSON
lists: a file returned exactly as issued was not filled in.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import bounds
from .assignment import FORMAT
from .consolidated.link import ISSUED_LIST_PROPERTY, workbook_properties
from .list_book import write_list_book
from .model import Master, Period
from .plan_codec import plan_digest
from .vocab import LEAD, ROLE_LABELS, SUPPORT
from .xlio import atomic_write, write_csv
from .year_turn import plan_mark

# The lists split writes beside the workbooks; merge skips them in an input folder.
MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"
MANIFEST_XLSX = "danh-sach-tep-giao.xlsx"  # known among returns by its property, not name
# Why merge passes each of them over among the returns.
MANIFEST_SKIPPED = "danh sách các tệp giao do cchc-xl tạo"
ISSUED_SHEET = "Danh sách tệp giao"
# Wide enough for a SHA-256 on one line (no space to wrap it at); a unit's long name wraps.
_SHA_WIDTH = 75.0

if TYPE_CHECKING:  # split imports this module
    from .split import SplitFile

NAMES = (MANIFEST_CSV, MANIFEST_JSON)
CSV_HEADER = ("Mã đơn vị", "Tên đơn vị", "Tệp", ROLE_LABELS[LEAD], ROLE_LABELS[SUPPORT],
              "Tổng số dòng", "SHA-256")


def is_manifest(path: Path) -> bool:
    return path.name.lower() in NAMES


def is_issued_list(path: Path) -> bool:
    """Whether ``path`` is split's list workbook (:data:`MANIFEST_XLSX`, whatever it is
    named now): by its property, read from its properties' part alone."""
    return (path.suffix.lower() == ".xlsx"
            and ISSUED_LIST_PROPERTY in workbook_properties(path))


def write_manifests(out_dir: Path, master: Master, period: Period, issued_at: datetime,
                    files: list[SplitFile], return_to: str | None = None
                    ) -> tuple[Path, Path, Path]:
    """Write the three lists into ``out_dir`` (each atomically); their paths (CSV, JSON,
    workbook)."""
    rows = [(f.unit_code, f.unit_name, f.path.name, f.lead_count, f.support_count,
             f.row_count, f.sha256) for f in files]
    csv_path = write_csv(out_dir / MANIFEST_CSV, CSV_HEADER, rows)
    xlsx_path = write_issued_list(out_dir / MANIFEST_XLSX, master, period, issued_at, rows)
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
    return csv_path, json_path, xlsx_path


def write_issued_list(path: Path, master: Master, period: Period, issued_at: datetime,
                      rows: list[tuple]) -> Path:
    """The list as a workbook (:func:`cchc_xl.list_book.write_list_book`): the plan, the
    period and when the files were made on its first row, then the CSV's header and rows,
    with the header's filter buttons; marked as cchc-xl's list of the plan's period (its
    property, and its keywords: year_turn.plan_written_for), made at ``issued_at`` (the
    same split the same bytes)."""
    return _write_list(path, master.plan.key, master.plan.title, period, issued_at, rows)


def _write_list(path: Path, plan_key: str, plan_title: str, period: Period,
                issued_at: datetime, rows: list[tuple]) -> Path:
    """:func:`write_issued_list` of the plan ``plan_key`` titled ``plan_title``: what a
    split writes, and what :func:`issued_list` makes again from its JSON."""
    title = (f"Danh sách tệp giao kỳ {period.in_sentence} — {plan_title} — tạo lúc "
             f"{issued_at:%H:%M} ngày {issued_at:%d/%m/%Y}")
    return write_list_book(path, ISSUED_SHEET, CSV_HEADER, rows,
                           marked=(ISSUED_LIST_PROPERTY, f"{plan_key} {period.code}"),
                           keywords=plan_mark(plan_key, period.code), title=title,
                           autofilter=True, created=issued_at, max_width=_SHA_WIDTH)


def issued_list(folder: Path, data: dict | None = None) -> Path | None:
    """The list workbook of the split into ``folder`` (:data:`MANIFEST_XLSX`), made when
    it is not there from the folder's manifest.json (``data``, when read already) as that
    split would have written it (atomically; the same cells, marks and bytes): a period
    split before splits wrote the workbook had none, and the Giao việc page and the
    command offered the office nothing to open. None when there is no workbook and no
    JSON of a split to make it from."""
    path = Path(folder) / MANIFEST_XLSX
    if path.is_file():
        return path
    listed = _listed(read_manifest(Path(folder) / MANIFEST_JSON) if data is None else data)
    return _write_list(path, *listed) if listed is not None and not path.exists() else None


def can_list(data: dict) -> bool:
    """Whether a split's manifest.json (``data``) says enough to make its list workbook
    from (:func:`issued_list`)."""
    return _listed(data) is not None


def _listed(data: dict | None) -> tuple[str, str, Period, datetime, list[tuple]] | None:
    """What :func:`_write_list` takes, read from a split's manifest.json as
    :func:`write_manifests` writes it; None for one that does not say it all."""
    try:
        said = data["period"]
        period = Period(str(said["code"]), str(said["name"]), date.fromisoformat(said["start"]),
                        date.fromisoformat(said["cutoff"]), date.fromisoformat(said["due"]))
        rows = [(f["unit"], f["unit_name"], f["file"], f["lead"], f["support"], f["rows"],
                 f["sha256"]) for f in data["files"]]
        return (str(data["plan"]), str(data["plan_title"]), period,
                datetime.fromisoformat(data["issued_at"]), rows)
    except (KeyError, TypeError, ValueError):
        return None


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
