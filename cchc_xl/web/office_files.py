"""The office's own workbooks among files uploaded on Thu nhận: the consolidated
workbook ("Bảng tổng hợp", its assessments typed in) and the plan table. Neither is a
unit's return: the first is read as ``cchc-xl assess`` reads it, the second is sent
to the Kế hoạch page, and neither goes into the ledger as a unit's unknown file.

Only two small parts of the file are read (its custom properties and its list of
sheets), each within a size bound, before anything parses the workbook. What a file
was found to be is remembered (:class:`OfficeKinds`): the Thu nhận board names the
office's own workbooks among the files of no unit on every view, and would otherwise
open each of them again every time."""

from __future__ import annotations

import os
import stat
import threading
import zipfile
from collections import OrderedDict
from pathlib import Path

from lxml import etree

from ..assignment import IDENTITY_SHEET
from ..consolidated.link import LEDGER_PERIOD_PROPERTY, LEDGER_PLAN_PROPERTY
from ..errors import UsageError
from ..master.layout import PERIODS_SHEET, PLAN_SHEET, UNITS_SHEET
from ..sniff import RESAVED, is_encrypted, resave_hint, resaved_said, sniff_format
from ..xlio import content_key

CONSOLIDATED = "consolidated"
PLAN_TABLE = "plan"
PLAN_DOCUMENT = "plan-document"  # the document the plan in use was imported from
UNIT_FILE = "unit"  # a workbook split gave a unit (its identity sheet)
_PART_BYTES = 2 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
PLAN_TABLE_REASON = ("đây là bảng kế hoạch của cơ quan (không phải tệp đơn vị gửi): muốn "
                     "dùng bảng này thì tải lên ở trang Kế hoạch; không gộp vào số liệu")
PLAN_DOCUMENT_REASON = ("đây là văn bản kế hoạch đã nhập ở trang Kế hoạch (không phải tệp đơn "
                        "vị gửi): muốn nhập lại văn bản này thì dùng mục “Nhập từ văn bản kế "
                        "hoạch đã ban hành” ở trang Kế hoạch; không gộp vào số liệu")
# A consolidated workbook inside an uploaded zip: the merge passes it over as cchc-xl's
# own; its verdicts are read only from the workbook uploaded alone (a QA pass: the
# verdicts typed in it were passed over in the success colour, said nowhere).
CONSOLIDATED_IN_ZIP_REASON = ("đây là bảng tổng hợp của cơ quan, nằm trong tệp nén: đánh giá "
                              "“Đạt / Chưa đạt” ghi trong bảng (nếu có) chưa được đọc; muốn "
                              "ghi các đánh giá đó thì tải riêng tệp này lên (không nén), ở "
                              "trang này hoặc mục “Đánh giá của cơ quan tổng hợp” ở trang "
                              "Báo cáo")
# The plan's own files, passed over on Thu nhận (not a unit's, nor a file to look at),
# and what each is said to be.
PLAN_REASONS = {PLAN_TABLE: PLAN_TABLE_REASON, PLAN_DOCUMENT: PLAN_DOCUMENT_REASON}


def plan_document(sent_as: str, imported_from: str) -> bool:
    """Whether a file uploaded as ``sent_as`` ("thu-muc/ke-hoach.docx") is the document
    the plan in use was imported from (``imported_from``, its name then; "" when the
    plan was not imported): the office's own, dropped among the units' files."""
    name = Path(sent_as.replace("\\", "/")).name
    return bool(imported_from) and name.casefold() == Path(imported_from).name.casefold()


def _parts(path: Path) -> dict[str, etree._Element]:
    found: dict[str, etree._Element] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for name in ("docProps/custom.xml", "xl/workbook.xml"):
                try:
                    info = zf.getinfo(name)
                except KeyError:
                    continue
                if info.file_size > _PART_BYTES:
                    return {}
                found[name] = etree.fromstring(zf.read(info), _PARSER)
    except (zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError):
        return {}
    return found


def _workbook_name(path: Path) -> bool:
    return Path(path).suffix.lower() in (".xlsx", ".xlsm")


def office_workbook(path: Path) -> tuple[str, dict[str, str]]:
    """(CONSOLIDATED, its custom properties), (PLAN_TABLE, {}), (UNIT_FILE, {}) for a
    workbook given to a unit (filled or not), or ("", {}) for any other file
    (something unreadable: the merge says what it is)."""
    if not _workbook_name(path):
        return "", {}
    try:  # its zip directory only when the end record is a workbook's (not a crowded zip)
        if sniff_format(Path(path)) != "xlsx":
            return "", {}
    except OSError:
        return "", {}
    parts = _parts(Path(path))
    custom = parts.get("docProps/custom.xml")
    props: dict[str, str] = {}
    if custom is not None:
        for prop in custom:
            name = prop.get("name")
            if name and len(prop):
                props[name] = (prop[0].text or "").strip()
    if props.get(LEDGER_PLAN_PROPERTY):
        return CONSOLIDATED, props
    book = parts.get("xl/workbook.xml")
    if book is not None:
        sheets = {el.get("name") for el in book.iter() if etree.QName(el).localname == "sheet"}
        if {PLAN_SHEET, UNITS_SHEET, PERIODS_SHEET} <= sheets:
            return PLAN_TABLE, {}
        if IDENTITY_SHEET in sheets:
            return UNIT_FILE, {}
    return "", {}


class OfficeKinds:
    """:func:`office_workbook` of files looked at before, remembered by their path and
    what tells a file's content apart without reading it (:func:`cchc_xl.xlio.
    content_key`). A file changed or
    replaced since is looked at again; one that is not a regular file (gone, a folder)
    is not a workbook of the office and is not remembered. The ledger's SHA-256 of a
    merged file is not used as the key: it is what the file held when merged, not
    necessarily what its path holds now, and hashing would read the whole file.

    Answers for the newest ``limit`` files are kept (the oldest looked at go first)."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._seen: OrderedDict[tuple, tuple[str, dict[str, str]]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _signature(path: Path) -> tuple | None:
        try:
            st = os.stat(path)  # as is_file(): a link is its target
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        return content_key(st)

    def kind(self, path: Path) -> tuple[str, dict[str, str]]:
        """What :func:`office_workbook` says of ``path`` (("", {}) when it is not a
        regular file), read again only when the file is not the one last looked at."""
        path = Path(path)
        if not _workbook_name(path):
            return "", {}
        before = self._signature(path)
        if before is None:
            return "", {}
        key = (os.fspath(path), *before)
        with self._lock:
            known = self._seen.get(key)
            if known is not None:
                self._seen.move_to_end(key)
                return known[0], dict(known[1])
        found = office_workbook(path)
        # Written to while it was read: told as read, not remembered.
        if self._signature(path) == before:
            with self._lock:
                self._seen[key] = (found[0], dict(found[1]))
                self._seen.move_to_end(key)
                while len(self._seen) > self.limit:
                    self._seen.popitem(last=False)
        return found


def _refuse_resaved(path: Path, source: str) -> None:
    """A UsageError for a consolidated workbook saved as .xls, .ods (a kind of
    :data:`~cchc_xl.sniff.RESAVED`): what it is and how to save it as .xlsx. It was told
    "không phải bảng tổng hợp do ứng dụng ghi", and to download the workbook again,
    leaving the verdicts typed into this one (a QA pass)."""
    try:
        kind = sniff_format(Path(path))
    except OSError:
        return
    if kind not in RESAVED or is_encrypted(Path(path), kind):
        return  # a password: the workbook's reader says so
    said = resaved_said(kind)
    raise UsageError(f"tệp '{source}' là {said}, không phải bảng tổng hợp dạng Excel (.xlsx)",
                     hint=resave_hint(kind, "tải tệp .xlsx đó lên; đánh giá đã ghi trong tệp "
                                      "vẫn được đọc"))


def consolidated_period(path: Path, source: str, plan_key: str, code: str,
                        names: dict[str, str] | None = None) -> None:
    """Nothing when ``path`` is a consolidated workbook of this plan and period; else a
    UsageError saying what it is and where it belongs (periods by their ``names``, as
    the page shows them, when given)."""
    names = {k.upper(): v for k, v in (names or {}).items()}
    _refuse_resaved(path, source)
    kind, props = office_workbook(path)
    if kind != CONSOLIDATED:
        raise UsageError(f"tệp '{source}' không phải bảng tổng hợp do ứng dụng ghi",
                         hint="tải 'Bảng tổng hợp (Excel)' ở trang Báo cáo, điền cột 'Đánh giá "
                              "của cơ quan tổng hợp' rồi tải chính tệp đó lên")
    if props.get(LEDGER_PLAN_PROPERTY) != plan_key:
        raise UsageError(f"bảng tổng hợp '{source}' là của kế hoạch khác "
                         f"({props.get(LEDGER_PLAN_PROPERTY)}), không phải kế hoạch đang dùng")
    period = props.get(LEDGER_PERIOD_PROPERTY, "")
    if period.upper() != code.upper():
        raise UsageError(f"bảng tổng hợp '{source}' là của kỳ "
                         f"{names.get(period.upper(), period or '?')}, không phải kỳ "
                         f"{names.get(code.upper(), code)}",
                         hint="chọn kỳ đó ở ô 'Kỳ báo cáo' trên cùng rồi tải lên lại")
