"""When a returned file says it was saved, read from the file itself.

Of a unit's several files the one saved last counts (docs/ledger.md), so the saved
time must be read as written: ``docProps/core.xml``'s ``dcterms:modified``, W3CDTF
("2023-09-14T08:00:00Z"). openpyxl reads a missing one as "now", drops an offset
("+07:00": seven hours wrong) and refuses the whole file for a value it does not
parse ("2023-09-14", "hôm qua"). Here every file's time is read the same way, whichever
reader reads its cells: an offset is honoured, a date alone is its midnight (UTC, as
W3CDTF says), and a file whose time is missing or unreadable is placed by its time on
disk, with a note, never rejected for it. A time after the merge is told as a warning:
that file would beat every later one.
"""

from __future__ import annotations

import re
import shutil
import zipfile
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..errors import WorkbookError
from ..findings import Finding
from ..vocab import NOTE, WARNING
from ..xlio import open_workbook, vn_time

# A saved time this far past the moment of merging is a wrong clock, not time zones.
_FUTURE_SLACK = timedelta(days=1)


def parse_saved(text: str) -> datetime | None:
    """A W3CDTF time as a naive UTC datetime (None for "" or what is not one)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def local_time(utc: datetime | None) -> datetime | None:
    """A naive UTC time in this machine's local time, naive like the file times and due
    dates it is compared with."""
    if not isinstance(utc, datetime):
        return None
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None, microsecond=0)


def saved_findings(path: Path, text: str, saved_at: datetime | None, on_disk: datetime,
                   now: datetime) -> list[Finding]:
    """What to tell of a file's saved time ``text`` (as written), read as ``saved_at``
    (local): nothing when it is sound; a note when there is none to read (the file is
    placed by ``on_disk``, its time on this machine); a warning when it is after
    ``now``."""
    if saved_at is not None:  # the usual case: nothing to say unless after the merge
        if saved_at <= now + _FUTURE_SLACK:
            return []
        return [Finding(
            WARNING, "saved-time-future",
            f"tệp ghi là lưu lúc {vn_time(saved_at.isoformat())}, sau thời điểm gộp: đồng hồ "
            "máy của đơn vị có thể sai, và tệp này sẽ được tính thay cho mọi tệp đơn vị gửi "
            "sau; đề nghị đơn vị chỉnh ngày giờ máy tính rồi lưu và gửi lại",
            file=str(path))]
    disk = vn_time(on_disk.isoformat())
    if not text:
        return [Finding(
            NOTE, "saved-time-missing",
            "phần mềm đã lưu tệp không ghi thời điểm lưu vào tệp: nếu đơn vị gửi nhiều tệp, "
            f"tệp này được xếp theo thời điểm tệp có trên máy này ({disk})", file=str(path))]
    return [Finding(
        NOTE, "saved-time-missing",
        f"thời điểm lưu ghi trong tệp ('{text[:40]}') không đọc được: nếu đơn vị gửi nhiều "
        f"tệp, tệp này được xếp theo thời điểm tệp có trên máy này ({disk})",
        file=str(path))]


def open_without_saved_time(path: Path, work: Path):
    """``path`` opened with openpyxl (read-only) from a copy in ``work`` whose core
    properties hold no saved time, each part copied as a stream; None if that fails
    too. openpyxl refuses a whole file for a saved time it does not parse."""
    copy = work / "copy.xlsx"
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                if info.filename == "docProps/core.xml":
                    dst.writestr(info.filename, _MODIFIED.sub(b"", src.read(info)))
                    continue
                with src.open(info) as fin, dst.open(info.filename, "w") as fout:
                    shutil.copyfileobj(fin, fout, 1 << 20)
        return open_workbook(copy, read_only=True, data_only=False)
    except (WorkbookError, OSError, zipfile.BadZipFile, zlib.error, ValueError):
        return None


# A saved-time element of core properties, whatever its prefix (the bytes of a part
# read whole: core.xml is checked small by bounds.check_package).
_MODIFIED = re.compile(rb"<(?:[\w.-]+:)?modified\b[^>]*?(?:/>|>[^<]*</(?:[\w.-]+:)?modified>)")
