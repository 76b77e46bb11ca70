"""The office's own workbooks among files uploaded on Thu nhận: the consolidated
workbook ("Bảng tổng hợp", its assessments typed in) and the plan table. Neither is a
unit's return: the first is read as ``cchc-xl assess`` reads it, the second is sent
to the Kế hoạch page, and neither goes into the ledger as a unit's unknown file.

Only two small parts of the file are read (its custom properties and its list of
sheets), each within a size bound, before anything parses the workbook."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..consolidated_link import LEDGER_PERIOD_PROPERTY, LEDGER_PLAN_PROPERTY
from ..errors import UsageError
from ..master.layout import PERIODS_SHEET, PLAN_SHEET, UNITS_SHEET
from ..xlio import sniff_format

CONSOLIDATED = "consolidated"
PLAN_TABLE = "plan"
_PART_BYTES = 2 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
PLAN_TABLE_REASON = ("đây là bảng kế hoạch của cơ quan (không phải tệp đơn vị gửi): muốn "
                     "dùng bảng này thì tải lên ở trang Kế hoạch; không gộp vào số liệu")


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


def office_workbook(path: Path) -> tuple[str, dict[str, str]]:
    """(CONSOLIDATED, its custom properties), (PLAN_TABLE, {}), or ("", {}) for any
    other file (a unit's return, something unreadable: the merge says what it is)."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
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
    return "", {}


def consolidated_period(path: Path, source: str, plan_key: str, code: str) -> None:
    """Nothing when ``path`` is a consolidated workbook of this plan and period; else a
    UsageError saying what it is and where it belongs."""
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
        raise UsageError(f"bảng tổng hợp '{source}' là của kỳ {period or '?'}, không phải kỳ "
                         f"{code}", hint="chọn kỳ đó ở ô 'Kỳ báo cáo' trên cùng rồi tải lên lại")
