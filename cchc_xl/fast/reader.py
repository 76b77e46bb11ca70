"""A narrow, fast reader for the workbooks units return: lxml over the parts intake
needs (a worksheet parsed whole, or streamed when large), giving exactly what openpyxl's
read-only mode gives.

openpyxl builds an object (with styles resolved through descriptors) for every cell and
parses the whole stylesheet, data validations and sheet properties of every file; most
of merge's time went there. Intake needs much less: the sheet list, defined names,
document properties, the cells of each sheet with their number format, font name and
formula flag. This module reads those with lxml and offers the small part of openpyxl's
read-only workbook API that intake and :func:`cchc_xl.assignment.read_identity` use
(``sheetnames``, ``worksheets``, ``wb[name]``, ``ws.iter_rows``, ``ws.reset_dimensions``,
``defined_names``, ``custom_doc_props``; the saved time as written, ``saved_text``), plus
:meth:`FastSheet.cells_by_row` (the same rows without an object per cell, for intake's
task sheets and the identity sheet), with openpyxl's conversions (numbers, shared and
inline strings, dates by number format, ISO dates, booleans, formulas as text) and its
row and column bounds (the sheet's ``<dimension>``).

It reads only what it fully understands: anything else (a workbook part elsewhere
than ``xl/workbook.xml``, chart sheets, shared or array formulas, rows or cells
without a reference, a missing stylesheet, a non-text identity property,
any parse error) raises :class:`Unrecognised` and intake falls back to openpyxl for the
whole file. ``tests/test_fast_reader.py`` proves both readers give the same results.
"""

from __future__ import annotations

import itertools
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from .. import bounds
from ..partscan import scan_links, scan_merged

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_DCTERMS = "http://purl.org/dc/terms/"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
}
_ROW, _CELL, _DIMENSION = f"{{{MAIN}}}row", f"{{{MAIN}}}c", f"{{{MAIN}}}dimension"
_V, _F, _IS, _T, _R = (f"{{{MAIN}}}{t}" for t in ("v", "f", "is", "t", "r"))
_SI, _SHEET_DATA = f"{{{MAIN}}}si", f"{{{MAIN}}}sheetData"
_MERGE_CELL = f"{{{MAIN}}}mergeCells/{{{MAIN}}}mergeCell"
_HYPERLINK, _RID = f"{{{MAIN}}}hyperlinks/{{{MAIN}}}hyperlink", f"{{{_REL}}}id"
# A worksheet part up to this size (unzipped) is parsed whole, a larger one streamed: a
# return's sheets are a few KB to a few hundred; a dragged column makes tens of MB.
WHOLE_PART_BYTES = 4 * 1024 * 1024
_BUILTIN_LIMIT = 164  # openpyxl's BUILTIN_FORMATS_MAX_SIZE: custom format ids start here


class Unrecognised(Exception):
    """The file holds something this reader does not handle: read it with openpyxl."""


# What a fast read raises when openpyxl is to read the file instead (and name what is
# wrong with it, if anything).
OPENPYXL_DECIDES = (OSError, zipfile.BadZipFile, zlib.error, etree.LxmlError, Unrecognised)
_PARSERS = threading.local()  # an lxml parser is reused, but not by two threads at once


def _parser() -> etree.XMLParser:
    """This thread's parser (setting one up costs about as much as parsing a small part)."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        # No entities, no network: a returned file is untrusted input.
        parser = _PARSERS.parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return parser


def saved_text(path: Path) -> str:
    """The time a package's core properties say it was saved, as written ("" for none,
    or a package or part that cannot be read): :mod:`cchc_xl.intake.saved_time` reads it."""
    try:
        with zipfile.ZipFile(path) as zf:
            if "docProps/core.xml" not in zf.NameToInfo:
                return ""
            core = _xml(zf, "docProps/core.xml")
    except (Unrecognised, zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError):
        return ""
    return _saved_time(core)


def _saved_time(core) -> str:
    """The time a package's core properties say it was saved ("" for none, or empty)."""
    modified = core.find(f"{{{_DCTERMS}}}modified")
    return (modified.text or "").strip() if modified is not None else ""


def _xml(zf: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(zf.read(name), _parser())
    except KeyError as exc:
        raise Unrecognised(f"no part {name}") from exc


def _text(node) -> str:
    """The plain text of a string item (<si> or <is>) as openpyxl's Text.content:
    its <t>, then the <t> of each rich-text run; phonetic runs left out."""
    if len(node) == 1 and node[0].tag == _T:  # almost every string: one plain <t>
        return node[0].text or ""
    parts = [t.text for t in node.iterchildren(_T) if t.text is not None]
    for run in node.iterchildren(_R):
        parts.extend(t.text for t in run.iterchildren(_T) if t.text is not None)
    return "".join(parts)


@dataclass(frozen=True)
class _Styles:
    number_formats: tuple[str, ...]  # per cell style (xf) index
    fonts: tuple[str, ...]
    dates: frozenset[int]
    timedeltas: frozenset[int]


# Stylesheets already read, by their bytes: the files of one split share theirs.
_STYLES: dict[bytes, _Styles] = {}
_STYLES_KEPT = 16


def _styles(zf: zipfile.ZipFile) -> _Styles:
    try:
        data = zf.read("xl/styles.xml")
    except KeyError as exc:
        raise Unrecognised("no part xl/styles.xml") from exc
    styles = _STYLES.get(data)
    if styles is None:
        styles = _read_styles(etree.fromstring(data, _parser()))
        if len(_STYLES) >= _STYLES_KEPT:
            _STYLES.clear()
        _STYLES[data] = styles
    return styles


def _read_styles(root) -> _Styles:
    custom = {int(n.get("numFmtId")): n.get("formatCode")
              for n in root.iterfind(f"{{{MAIN}}}numFmts/{{{MAIN}}}numFmt")}
    fonts = []
    for font in root.iterfind(f"{{{MAIN}}}fonts/{{{MAIN}}}font"):
        name = font.find(f"{{{MAIN}}}name")
        fonts.append((name.get("val") if name is not None else None) or "")
    formats, dates, timedeltas = [], set(), set()
    xfs = root.findall(f"{{{MAIN}}}cellXfs/{{{MAIN}}}xf")
    if not xfs:
        raise Unrecognised("no cell styles")
    for n, xf in enumerate(xfs):
        fmt_id, font_id = int(xf.get("numFmtId", 0)), int(xf.get("fontId", 0))
        if fmt_id in custom:
            fmt = custom[fmt_id]
        elif fmt_id < _BUILTIN_LIMIT:
            fmt = BUILTIN_FORMATS.get(fmt_id, "General")
        else:
            raise Unrecognised(f"number format {fmt_id} not defined")
        if font_id >= len(fonts):
            raise Unrecognised(f"font {font_id} not defined")
        formats.append(fmt)
        if is_date_format(fmt):
            dates.add(n)
            if is_timedelta_format(fmt):
                timedeltas.add(n)
    return _Styles(tuple(formats), tuple(fonts[int(xf.get("fontId", 0))] for xf in xfs),
                   frozenset(dates), frozenset(timedeltas))


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in zf.NameToInfo:
        return []
    out = []
    with zf.open("xl/sharedStrings.xml") as fh:
        for _, si in etree.iterparse(fh, events=("end",), tag=_SI, resolve_entities=False,
                                     no_network=True):
            out.append(_text(si).replace("x005F_", ""))
            si.clear()
    return out


def _number(text: str) -> int | float:
    """A number cell's <v> as openpyxl reads it."""
    return float(text) if ("." in text or "E" in text or "e" in text) else int(text)


class FastCell:
    """One cell as openpyxl's ReadOnlyCell shows it to intake."""

    __slots__ = ("value", "data_type", "_style", "_styles")

    def __init__(self, value, data_type: str, style: int, styles: _Styles) -> None:
        self.value, self.data_type, self._style, self._styles = value, data_type, style, styles

    @property
    def number_format(self) -> str:
        return self._styles.number_formats[self._style]

    @property
    def font(self) -> _Font:
        return _Font(self._styles.fonts[self._style] or None)


@dataclass(frozen=True)
class _Font:
    name: str | None


class _Empty:
    """A missing cell (openpyxl's EMPTY_CELL)."""

    value = None
    data_type = "n"
    number_format = "General"
    font = None


EMPTY = _Empty()


class FastSheet:
    def __init__(self, book: FastWorkbook, title: str, part: str) -> None:
        self.parent = book
        self.title = title
        self.part = part
        self._merged: list[str] | None = None  # merged ranges, when parsed whole
        self._links: list[tuple[str, str]] | None = None  # hyperlinks: (ref, relationship)
        self._bounded = True  # iter_rows within the sheet's <dimension>, until reset

    def reset_dimensions(self) -> None:
        """openpyxl's ReadOnlyWorksheet.reset_dimensions: :meth:`iter_rows` no longer
        bounded by the sheet's <dimension>, which some programs write wrong (WPS
        Spreadsheets: "A1" for a whole sheet, docs/unit-file.md)."""
        self._bounded = False

    def _elements(self) -> Iterator[etree._Element]:
        """The sheet's <dimension> and <row> elements in document order. A part of up to
        :data:`WHOLE_PART_BYTES` is parsed at once (quicker than streaming it) and must
        hold them in their places (a row in <sheetData>, the dimension in the
        worksheet); a larger one is streamed, each row cleared once read."""
        book = self.parent
        if book.zip.getinfo(self.part).file_size <= WHOLE_PART_BYTES:
            root = _xml(book.zip, self.part)
            self._merged = [el.get("ref") or "" for el in itertools.islice(
                root.iterfind(_MERGE_CELL), bounds.MAX_MERGED)]
            self._links = [(el.get("ref") or "", el.get(_RID) or "") for el in itertools.islice(
                root.iterfind(_HYPERLINK), bounds.MAX_MERGED)]
            data = root.find(_SHEET_DATA)
            for el in root.iter(_ROW, _DIMENSION):
                if el.getparent() is not (data if el.tag == _ROW else root):
                    raise Unrecognised("row or dimension out of place")
                yield el
            return
        with book.zip.open(self.part) as fh:
            for _, el in etree.iterparse(fh, events=("end",), tag=(_ROW, _DIMENSION),
                                         resolve_entities=False, no_network=True):
                yield el
                if el.tag == _ROW:
                    el.clear()
                    while el.getprevious() is not None:
                        del el.getparent()[0]

    def _parse(self, read_row: Callable[[etree._Element], object]
               ) -> Iterator[tuple[str, object]]:
        """("dimension", boundaries) first if the sheet has one, then ("row", (r,
        read_row(row element))) for each row."""
        for el in self._elements():
            if el.tag == _DIMENSION:
                try:
                    yield "dimension", range_boundaries(el.get("ref"))
                except (TypeError, ValueError) as exc:
                    raise Unrecognised("bad dimension") from exc
                continue
            r = el.get("r")
            if r is None or not r.isdigit():
                raise Unrecognised("row without a number")
            yield "row", (int(r), read_row(el))

    def _numbered_rows(self, read_row: Callable[[etree._Element], object]
                       ) -> tuple[tuple | None, Iterator[tuple[int, object]]]:
        """The sheet's dimension (its boundaries) if it comes first, else None, and its
        rows as (row number, read_row(row element)); Unrecognised for a dimension after
        a row."""
        parsed = self._parse(read_row)
        first = next(parsed, None)
        if first is not None and first[0] == "dimension":
            dimension, rest = first[1], parsed
        else:
            dimension, rest = None, itertools.chain([first] if first else [], parsed)

        def rows() -> Iterator[tuple[int, object]]:
            for kind, payload in rest:
                if kind != "row":
                    raise Unrecognised("dimension after rows")
                yield payload

        return dimension, rows()

    def merged_refs(self) -> list[str]:
        """The sheet's merged ranges ("H5:H6"), in document order (:func:`merged_refs`)."""
        if self._merged is None:
            with self.parent.zip.open(self.part) as fh:
                self._merged = scan_merged(fh)
        return self._merged

    def link_refs(self) -> list[tuple[str, str]]:
        """The sheet's hyperlinks as (cell or range, relationship id), in document order."""
        if self._links is None:
            with self.parent.zip.open(self.part) as fh:
                self._links = scan_links(fh)
        return self._links

    def _cells(self, el: etree._Element) -> list[tuple[int, FastCell]]:
        cell = self.parent.cell
        return [cell(c) for c in el.iterchildren(_CELL)]

    def _values(self, el: etree._Element) -> tuple[list[tuple[int, object]], int | None]:
        """A row for ``iter_rows(values_only=True)``: (column, value) of its cells in their
        order (a cell over one of the same column before, as :meth:`_row`), and the last
        cell's column (None: no cell), without a cell object each.
        A cell with no child (a blank with a format: most cells of a workbook xlsxwriter
        wrote) holds None whatever its type: only its reference and style are looked at,
        and any it does not know at once (a column not seen yet, a style written
        otherwise) goes through :meth:`FastWorkbook.read_cell`, which raises as for
        every other cell."""
        book = self.parent
        read, columns, styles = book.read_cell, book._columns, book.style_ids
        strings, plain = book.strings, book.plain_styles
        values = []
        last = None
        top = 0  # the rightmost column so far: a blank left of it may be over a value
        for c in el.iterchildren(_CELL):
            ref, style = c.get("r"), c.get("s")
            if ref and (style is None or style in styles):
                column = columns.get(ref.rstrip("0123456789"))
                if column is not None:
                    n = len(c)
                    value = None
                    if not n:
                        pass
                    elif n == 1:  # the usual cells: a number, a shared or an inline string
                        child, kind = c[0], c.get("t")
                        tag = child.tag
                        if tag == _IS and kind == "inlineStr":
                            value = _text(child)
                        elif tag == _V and (kind == "s" or (kind is None or kind == "n")
                                            and style in plain):
                            text = child.text
                            if text:
                                value = strings[int(text)] if kind == "s" else _number(text)
                        else:
                            column = None
                    else:
                        column = None
                    if column is not None:
                        last = column
                        if value is not None or column <= top:
                            values.append((column, value))
                        if column > top:
                            top = column
                        continue
            last, value, _, _ = read(c)
            if value is not None or last <= top:
                values.append((last, value))
            if last > top:
                top = last
        return values, last

    def cells_by_row(self, max_row: int, max_col: int) -> Iterator[tuple[int, dict]]:
        """The rows iter_rows(max_row=, max_col=) would give, without a cell object each:
        (row number, {0-based column: (value, number format, font name, formula)}) for
        the cells up to ``max_col`` whose value is not None. Rows the sheet leaves out
        are left out here too (iter_rows gives them as empty rows); every cell of every
        row parsed is converted, as iter_rows does (a damaged one raises the same)."""
        read = self.parent.read_cell
        styles = self.parent.styles
        formats, fonts = styles.number_formats, styles.fonts

        def sparse(el: etree._Element) -> dict:
            cells = {}
            for c in el.iterchildren(_CELL):
                column, value, data_type, style = read(c)
                if value is not None and column <= max_col:
                    cells[column - 1] = (value, formats[style], fonts[style], data_type == "f")
            return cells

        counter = 1
        for idx, cells in self._numbered_rows(sparse)[1]:
            if idx > max_row:
                break
            if counter <= idx:  # a row numbered again, or back, is passed over
                counter = idx + 1
                yield idx, cells

    def iter_rows(self, min_row: int | None = None, max_row: int | None = None,
                  min_col: int | None = None, max_col: int | None = None,
                  values_only: bool = False):
        """openpyxl's ReadOnlyWorksheet.iter_rows, row for row and cell for cell."""
        dimension, rows = self._numbered_rows(self._values if values_only else self._cells)
        dim_cols = dim_rows = None
        if dimension is not None and self._bounded:
            _, _, dim_cols, dim_rows = dimension
        min_col, min_row = min_col or 1, min_row or 1
        max_col, max_row = max_col or dim_cols, max_row or dim_rows
        filler = None if values_only else EMPTY
        empty_row = (filler,) * (max_col + 1 - min_col) if max_col is not None else ()
        counter, idx = min_row, 1
        for idx, cells in rows:
            if max_row is not None and idx > max_row:
                break
            for _ in range(counter, idx):
                counter += 1
                yield empty_row
            if counter <= idx:
                counter += 1
                yield (self._value_row(*cells, min_col, max_col) if values_only
                       else self._row(cells, min_col, max_col, values_only))
        if max_row is not None and max_row < idx:
            for _ in range(counter, max_row + 1):
                yield empty_row

    @staticmethod
    def _value_row(values: list[tuple[int, object]], last_cell: int | None, min_col: int,
                   max_col: int | None) -> tuple:
        """:meth:`_row` of values only, from :meth:`_values`."""
        if last_cell is None and not max_col:
            return ()
        last = max_col or last_cell
        row: list = [None] * (last + 1 - min_col)
        for column, value in values:
            if min_col <= column <= last:
                row[column - min_col] = value
        return tuple(row)

    @staticmethod
    def _row(cells: list[tuple[int, FastCell]], min_col: int, max_col: int | None,
             values_only: bool) -> tuple:
        if not cells and not max_col:
            return ()
        last = max_col or cells[-1][0]
        row: list = [None if values_only else EMPTY] * (last + 1 - min_col)
        for column, cell in cells:
            if min_col <= column <= last:
                row[column - min_col] = cell.value if values_only else cell
        return tuple(row)


@dataclass(frozen=True)
class _Name:
    attr_text: str | None


@dataclass(frozen=True)
class _Property:
    name: str
    value: str


def _workbook_part(zf: zipfile.ZipFile) -> None:
    """Unrecognised unless the package's one workbook part is xl/workbook.xml."""
    types = _xml(zf, "[Content_Types].xml")
    parts = [o.get("PartName") for o in types.iterfind(f"{{{_CT}}}Override")
             if o.get("ContentType") in _WORKBOOK_TYPES]
    if parts != ["/xl/workbook.xml"]:
        raise Unrecognised(f"workbook part {parts}")


def _custom(zf: zipfile.ZipFile) -> list[_Property]:
    if "docProps/custom.xml" not in zf.NameToInfo:
        return []
    props = []
    for prop in _xml(zf, "docProps/custom.xml").iterfind(f"{{{_CUSTOM}}}property"):
        values = list(prop)
        if len(values) != 1 or values[0].tag != f"{{{_VT}}}lpwstr":
            raise Unrecognised("custom property that is not text")
        props.append(_Property(prop.get("name"), values[0].text or ""))
    return props


def custom_properties(path) -> list[_Property]:
    """A workbook's custom properties (docProps/custom.xml), as
    :class:`FastWorkbook` reads them, without its sheets, styles or strings: a
    consolidated workbook's link to its ledger, read before each merge and ``assess``
    (openpyxl's read-only load parses the national workbook's shared strings first).
    Raises as FastWorkbook does (:data:`OPENPYXL_DECIDES`) on what it does not
    recognise."""
    try:
        with zipfile.ZipFile(path) as zf:
            _workbook_part(zf)
            return _custom(zf)
    except OPENPYXL_DECIDES:
        raise
    except Exception as exc:  # anything odd: openpyxl decides (and names the damage)
        raise Unrecognised(f"{type(exc).__name__}: {exc}") from exc


class FastWorkbook:
    """The part of openpyxl's read-only Workbook that intake uses."""

    def __init__(self, path, zf: zipfile.ZipFile | None = None, *,
                 data_only: bool = False) -> None:
        """``zf``: the file opened already (it is closed with this workbook).
        ``data_only``: a formula's cell gives the value it last showed, as openpyxl's
        ``data_only`` (the office's verdicts: "=O5" showing "Đạt" is "Đạt"); otherwise its
        formula as text (intake flags a unit's formulas)."""
        self.data_only = data_only
        self.zip = zf if zf is not None else zipfile.ZipFile(path)
        try:
            self._load()
        except Unrecognised:
            self.close()
            raise
        except Exception as exc:  # anything odd: openpyxl decides (and names the damage)
            self.close()
            raise Unrecognised(f"{type(exc).__name__}: {exc}") from exc

    def _load(self) -> None:
        zf = self.zip
        self._columns: dict[str, int] = {}
        _workbook_part(zf)
        book = _xml(zf, "xl/workbook.xml")
        pr = book.find(f"{{{MAIN}}}workbookPr")
        self.epoch = (CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true")
                      else WINDOWS_EPOCH)
        rels = {r.get("Id"): r for r in _xml(zf, "xl/_rels/workbook.xml.rels")
                .iterfind(f"{{{_PKG_REL}}}Relationship")}
        self.sheetnames: list[str] = []
        self.worksheets: list[FastSheet] = []
        for sheet in book.iterfind(f"{{{MAIN}}}sheets/{{{MAIN}}}sheet"):
            rel = rels.get(sheet.get(f"{{{_REL}}}id") or "")
            if rel is None or not (rel.get("Type") or "").endswith("/worksheet") or \
                    rel.get("TargetMode") == "External":
                raise Unrecognised("sheet that is not a worksheet")
            target = rel.get("Target")
            part = (target.lstrip("/") if target.startswith("/")
                    else str(PurePosixPath("xl") / target))
            if part not in zf.NameToInfo or sheet.get("name") in self.sheetnames:
                raise Unrecognised("sheet part missing or name twice")
            self.sheetnames.append(sheet.get("name"))
            self.worksheets.append(FastSheet(self, sheet.get("name"), part))
        self.defined_names: dict[str, _Name] = {}
        for dn in book.iterfind(f"{{{MAIN}}}definedNames/{{{MAIN}}}definedName"):
            if dn.get("localSheetId") is None:
                self.defined_names[dn.get("name")] = _Name(dn.text)
        # The saved time as written ("" for none), read by cchc_xl.intake.saved_time whichever
        # reader reads the cells.
        self.saved_text = (_saved_time(_xml(zf, "docProps/core.xml"))
                           if "docProps/core.xml" in zf.NameToInfo else "")
        self.custom_doc_props = _custom(zf)
        self.styles = _styles(zf)
        # A cell's style as written, for each the stylesheet defines ("0", "1", ...).
        self.style_ids = frozenset(map(str, range(len(self.styles.number_formats))))
        # Those of a number that is no date (None: no style, the first one).
        self.plain_styles = frozenset([str(n) for n in range(len(self.styles.number_formats))
                                       if n not in self.styles.dates]
                                      + ([None] if 0 not in self.styles.dates else []))
        self.strings = _shared_strings(zf)

    def cell(self, el) -> tuple[int, FastCell]:
        """(column, cell) of one <c>, converted as openpyxl's WorkSheetParser.parse_cell."""
        column, value, data_type, style = self.read_cell(el)
        return column, FastCell(value, data_type, style, self.styles)

    def read_cell(self, el) -> tuple[int, object, str, int]:
        """(column, value, data type, style index) of one <c>, converted as openpyxl's
        WorkSheetParser.parse_cell."""
        ref = el.get("r")
        if not ref:
            raise Unrecognised("cell without a reference")
        letters = ref.rstrip("0123456789")
        column = self._columns.get(letters)
        if column is None:
            column = self._columns[letters] = column_index_from_string(letters)
        data_type = el.get("t", "n")
        style = el.get("s")
        style = int(style) if style else 0
        styles = self.styles
        if style >= len(styles.number_formats):
            raise Unrecognised("cell style not defined")
        value = inline = None
        first_v = True
        n = len(el)
        # <v>, <f>, <is>: one pass instead of a find per kind. Nearly every cell has one
        # child or none: taken by index (an iterator over an element costs more).
        for child in (el[0],) if n == 1 else el if n else ():
            tag = child.tag
            if tag == _V:
                if first_v:
                    value, first_v = child.text, False
            elif tag == _F:
                if self.data_only:
                    continue  # the value it shows, in <v>
                if child.get("t") is not None:
                    raise Unrecognised("shared or array formula")
                return column, "=" + (child.text or ""), "f", style
            elif tag == _IS:
                inline = child
        if data_type == "inlineStr":
            if inline is None:
                return column, None, data_type, style
            return column, _text(inline), "s", style
        if not value:
            return column, None, data_type, style
        if data_type == "n":
            value = _number(value)
            if style in styles.dates:
                try:
                    value = from_excel(value, self.epoch, timedelta=style in styles.timedeltas)
                    data_type = "d"
                except (OverflowError, ValueError):
                    value, data_type = "#VALUE!", "e"
        elif data_type == "s":
            value = self.strings[int(value)]
        elif data_type == "b":
            value = bool(int(value))
        elif data_type == "str":
            data_type = "s"
        elif data_type == "d":
            value = from_ISO8601(value)
        return column, value, data_type, style

    def __getitem__(self, name: str) -> FastSheet:
        for ws in self.worksheets:
            if ws.title == name:
                return ws
        raise KeyError(name)

    def close(self) -> None:
        self.zip.close()


def merged_refs(ws) -> list[str]:
    """The merged ranges ("H5:H6") of a worksheet of either reader, in document order,
    the first :data:`~cchc_xl.bounds.MAX_MERGED`. openpyxl's read-only worksheet does
    not read them: its part is scanned (:func:`cchc_xl.partscan.scan_merged`)."""
    if isinstance(ws, FastSheet):
        return ws.merged_refs()
    with ws._get_source() as fh:  # openpyxl's ReadOnlyWorksheet: its part, unzipped as read
        return scan_merged(fh)


def web_links(ws) -> dict[str, str]:
    """Cell ("K11") → the web address (http or https) its hyperlink opens, for a
    worksheet of either reader; a link over a range is its first cell's. The target is
    in the sheet's relationships part; links within the workbook are left out."""
    if isinstance(ws, FastSheet):
        zf, part, refs = ws.parent.zip, ws.part, ws.link_refs()
    else:  # openpyxl's ReadOnlyWorksheet skips hyperlinks: its part, scanned
        zf, part = ws.parent._archive, ws._worksheet_path.lstrip("/")
        with zf.open(part) as fh:
            refs = scan_links(fh)
    if not refs:
        return {}
    folder, name = part.rsplit("/", 1) if "/" in part else ("", part)
    rels_part = f"{folder}/_rels/{name}.rels".lstrip("/")
    if rels_part not in zf.NameToInfo:
        return {}
    try:
        targets = {r.get("Id"): r.get("Target") or ""
                   for r in _xml(zf, rels_part).iterfind(f"{{{_PKG_REL}}}Relationship")}
    except (Unrecognised, etree.XMLSyntaxError, ValueError):
        return {}
    links = {}
    for ref, rid in refs:
        target = targets.get(rid, "")
        if target.lower().startswith(("http://", "https://")):
            links.setdefault(ref.split(":", 1)[0].replace("$", "").upper(), target)
    return links
