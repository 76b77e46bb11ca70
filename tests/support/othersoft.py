"""A unit's workbook as Google Sheets and WPS Spreadsheets save it after the unit typed its
answers: the split file filled (as Excel would store what was typed), then its package
rewritten the way each program writes a workbook it opened. Only what a source supports
is simulated; docs/unit-file.md ("Google Sheets and WPS Spreadsheets") gives each source
and says what was assumed where none was found.

Google Sheets ("Tải xuống > Microsoft Excel (.xlsx)" of a file opened from Drive or Zalo),
as a Google Sheets export in a public test suite shows (tidyverse/readxl,
tests/testthat/sheets/iris-google-doc.xlsx) and reports on files exported from it:

- no ``docProps/`` part at all: no saved time, no application, no custom property;
- no ``<dimension>`` in a worksheet (tidyverse/readxl#26);
- every ``<sheet>`` with its ``state`` ("visible", "hidden"), an empty ``<definedNames/>``
  when no name is kept; a number written as a Java double ("3.0" for 3);
- an empty drawing part for each worksheet (``xl/drawings/worksheetdrawingN.xml``);
- assumed (no source found): a sheet "very hidden" comes back "hidden" (a Google sheet is
  hidden or not: the Sheets API's ``SheetProperties.hidden``), a defined name that is a
  constant rather than a range is dropped (a Google named range is a range), sheet
  protection is dropped (Google protects ranges for its own users, not in the file).

WPS Spreadsheets (Kingsoft), from WPS-written packages seen in public repositories and
reports:

- ``docProps/app.xml``'s Application "WPS Office_<version>_<id>" (or "WPS Office 个人版"),
  ``docProps/custom.xml`` with WPS's own ``KSOProductBuildVer`` ("2052-9.1.0.4468": the
  interface language's LCID, then the build) beside the properties the file had;
- ``docProps/core.xml`` with ``dcterms:modified`` (W3CDTF, UTC);
- a ``<dimension>`` that may say "A1" whatever the sheet holds (langgenius/dify#1039:
  openpyxl's read-only mode read only A1 of WPS files);
- a sheet "very hidden" kept so (aspose-cells/Aspose.Cells-for-.NET#73: after saving in
  WPS, workbook.xml still says ``state="veryHidden"``);
- assumed: defined names, protection, validations kept as Excel keeps them.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

from lxml import etree

from make_sample_returns import fill_return

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
_EMPTY_DRAWING = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://'
    b'schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.'
    b'openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships"/>')
WPS_APPLICATION = "WPS Office_12.2.0.21931_F1E327BC-269C-435d-A152-05C5408002CA"
WPS_BUILD = "1066-12.2.0.21931"  # 1066: Vietnamese


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write(path: Path, parts: dict[str, bytes], when: datetime) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=when.timetuple()[:6]), data,
                        compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buf.getvalue())
    stamp = when.timestamp()  # on disk, the moment it was downloaded and sent
    os.utime(path, (stamp, stamp))
    return path


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _sheet_parts(parts: dict[str, bytes]) -> list[str]:
    return sorted(n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))


def _drop_docprops(parts: dict[str, bytes]) -> None:
    for name in [n for n in parts if n.startswith("docProps/")]:
        del parts[name]
    rels = _xml(parts["_rels/.rels"])
    for rel in list(rels):
        if rel.get("Target", "").lstrip("/").startswith("docProps/"):
            rels.remove(rel)
    parts["_rels/.rels"] = _bytes(rels)
    types = _xml(parts["[Content_Types].xml"])
    for override in list(types):
        if (override.get("PartName") or "").startswith("/docProps/"):
            types.remove(override)
    parts["[Content_Types].xml"] = _bytes(types)


def _doubles(sheet: etree._Element) -> None:
    """Numbers as Google writes them: a Java double ("3.0" for 3)."""
    for c in sheet.iter(f"{{{MAIN}}}c"):
        v = c.find(f"{{{MAIN}}}v")
        if c.get("t") in (None, "n") and v is not None and v.text and re.fullmatch(
                r"-?\d+", v.text):
            v.text += ".0"


def google_sheets(src: Path, dst: Path, answers: dict, *, saved_at: datetime,
                  tmp: Path, very_hidden: str = "hidden") -> Path:
    """``src`` filled with ``answers`` and saved as Google Sheets' "Microsoft Excel (.xlsx)"
    download writes it (the module's docstring). ``very_hidden``: what becomes of a sheet
    "very hidden" (the identity sheet): "hidden" (assumed), or "dropped", the worst case
    (no source says either way), where nothing of the identity is left but the guide's
    unit cell and the task ids."""
    filled = fill_return(src, tmp / f"filled-{dst.name}", answers, saved_at=saved_at)
    google_saved(filled, dst, saved_at, very_hidden)
    filled.unlink()
    return dst


def google_saved(src: Path, dst: Path, saved_at: datetime, very_hidden: str = "hidden"
                 ) -> Path:
    """Any workbook ``src`` as Google Sheets downloads it (:func:`google_sheets`): the
    office's own, its consolidated workbook with the verdicts typed in."""
    parts = _parts(src)
    if very_hidden == "dropped":
        _drop_very_hidden(parts)
    _drop_docprops(parts)
    book = _xml(parts["xl/workbook.xml"])
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        state = sheet.get("state") or "visible"
        sheet.set("state", "hidden" if state == "veryHidden" else state)
    names = book.find(f"{{{MAIN}}}definedNames")
    if names is None:
        names = etree.SubElement(book, f"{{{MAIN}}}definedNames")
    for name in list(names):
        if not re.search(r"!\$?[A-Z]+\$?\d", name.text or ""):  # a constant, not a range
            names.remove(name)
    for protection in book.findall(f"{{{MAIN}}}workbookProtection"):
        book.remove(protection)
    parts["xl/workbook.xml"] = _bytes(book)
    types = _xml(parts["[Content_Types].xml"])
    for n, name in enumerate(_sheet_parts(parts), start=1):
        sheet = _xml(parts[name])
        for tag in ("dimension", "sheetProtection"):
            for el in sheet.findall(f"{{{MAIN}}}{tag}"):
                sheet.remove(el)
        _doubles(sheet)
        drawing = f"xl/drawings/worksheetdrawing{n}.xml"
        parts[drawing] = _EMPTY_DRAWING
        rels_name = name.replace("worksheets/", "worksheets/_rels/") + ".rels"
        rels = _xml(parts[rels_name]) if rels_name in parts else etree.Element(
            f"{{{_PKG}}}Relationships", nsmap={None: _PKG})
        rid = f"rIdGS{n}"
        etree.SubElement(rels, f"{{{_PKG}}}Relationship", Id=rid, Target=f"../drawings/"
                         f"worksheetdrawing{n}.xml", Type=f"{_REL}/drawing")
        parts[rels_name] = _bytes(rels)
        if sheet.find(f"{{{MAIN}}}drawing") is None:
            el = etree.Element(f"{{{MAIN}}}drawing")
            el.set(f"{{{_REL}}}id", rid)
            _insert_drawing(sheet, el)
        parts[name] = _bytes(sheet)
        etree.SubElement(types, f"{{{_CT}}}Override", PartName=f"/{drawing}",
                         ContentType=_DRAWING_TYPE)
    parts["[Content_Types].xml"] = _bytes(types)
    return _write(dst, parts, saved_at)


def _drop_very_hidden(parts: dict[str, bytes]) -> None:
    """The sheets "very hidden" taken out of the package (workbook, its relationships,
    the content types, the parts)."""
    book = _xml(parts["xl/workbook.xml"])
    rels = _xml(parts["xl/_rels/workbook.xml.rels"])
    types = _xml(parts["[Content_Types].xml"])
    targets = {r.get("Id"): r for r in rels}
    for sheet in list(book.iter(f"{{{MAIN}}}sheet")):
        if sheet.get("state") != "veryHidden":
            continue
        rel = targets[sheet.get(f"{{{_REL}}}id")]
        part = "xl/" + rel.get("Target").lstrip("/").removeprefix("xl/")
        sheet.getparent().remove(sheet)
        rels.remove(rel)
        for name in (part, part.replace("worksheets/", "worksheets/_rels/") + ".rels"):
            parts.pop(name, None)
        for override in list(types):
            if override.get("PartName") == "/" + part:
                types.remove(override)
    for name, root in (("xl/workbook.xml", book), ("xl/_rels/workbook.xml.rels", rels),
                       ("[Content_Types].xml", types)):
        parts[name] = _bytes(root)


# Where <drawing> goes in a worksheet: before these (ECMA-376 §18.3.1.99's order).
_AFTER_DRAWING = ("legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
                  "controls", "webPublishItems", "tableParts", "extLst")


def _insert_drawing(sheet: etree._Element, el: etree._Element) -> None:
    for child in sheet:
        if etree.QName(child).localname in _AFTER_DRAWING:
            child.addprevious(el)
            return
    sheet.append(el)


def wps(src: Path, dst: Path, answers: dict, *, saved_at: datetime, tmp: Path,
        dimension: str = "A1") -> Path:
    """``src`` filled with ``answers`` and saved by WPS Spreadsheets (the module's
    docstring): its application and build in the document properties, the sheets'
    ``<dimension>`` saying ``dimension``."""
    filled = fill_return(src, tmp / f"filled-{dst.name}", answers, saved_at=saved_at)
    wps_saved(filled, dst, saved_at, dimension)
    filled.unlink()
    return dst


def wps_saved(src: Path, dst: Path, saved_at: datetime, dimension: str = "A1") -> Path:
    """Any workbook ``src`` (saved by openpyxl: its document properties there) as WPS
    Spreadsheets saves it (:func:`wps`): the office's own, its consolidated workbook with
    the verdicts typed in."""
    parts = _parts(src)
    app = _xml(parts["docProps/app.xml"])
    ns = etree.QName(app).namespace
    application = app.find(f"{{{ns}}}Application")
    if application is None:
        application = etree.SubElement(app, f"{{{ns}}}Application")
    application.text = WPS_APPLICATION
    parts["docProps/app.xml"] = _bytes(app)
    custom = _xml(parts["docProps/custom.xml"])
    ns = etree.QName(custom).namespace
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    pid = max((int(p.get("pid")) for p in custom), default=1) + 1
    prop = etree.SubElement(custom, f"{{{ns}}}property", fmtid=(
        "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"), pid=str(pid), name="KSOProductBuildVer")
    etree.SubElement(prop, f"{{{vt}}}lpwstr").text = WPS_BUILD
    parts["docProps/custom.xml"] = _bytes(custom)
    for name in _sheet_parts(parts):
        sheet = _xml(parts[name])
        dim = sheet.find(f"{{{MAIN}}}dimension")
        if dim is None:
            dim = etree.Element(f"{{{MAIN}}}dimension")
            first = sheet.find(f"{{{MAIN}}}sheetPr")
            if first is not None:
                first.addnext(dim)
            else:
                sheet.insert(0, dim)
        dim.set("ref", dimension)
        parts[name] = _bytes(sheet)
    return _write(dst, parts, saved_at)
