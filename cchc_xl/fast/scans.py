"""Whole-workbook scans on the fast reader (:mod:`cchc_xl.fast.reader`), each raising
:class:`~cchc_xl.fast.reader.Unrecognised` when openpyxl is to decide: the cells holding
a formula, per sheet (the master's reader), and how far down each sheet reaches, known
before a sheet is read whole (:mod:`cchc_xl.bounds`)."""

from __future__ import annotations

import zipfile
import zlib

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string

from ..partscan import last_row
from .reader import _CELL, _F, FastSheet, FastWorkbook, Unrecognised


def formula_cells(path) -> dict[str, set[str]]:
    """Coordinates of the cells holding a formula (a ``<c>`` with an ``<f>``), per sheet,
    as openpyxl's read-only ``iter_rows()`` gives them ``data_type`` "f" (within the
    sheet's ``<dimension>``, rows in order), without an object per cell. Raises
    :class:`Unrecognised` on anything odd (openpyxl decides)."""
    try:
        wb = FastWorkbook(path)
    except Exception as exc:
        raise Unrecognised(f"{type(exc).__name__}: {exc}") from exc
    try:
        return {ws.title: _formulas(ws) for ws in wb.worksheets}
    except Unrecognised:
        raise
    except Exception as exc:  # a damaged part: openpyxl names the damage
        raise Unrecognised(f"{type(exc).__name__}: {exc}") from exc
    finally:
        wb.close()


def _formulas(ws: FastSheet) -> set[str]:
    """The formula cells iter_rows would give: rows in order (a row numbered below one
    already given is skipped), none past the dimension's last row or column."""
    found: set[str] = set()
    max_col = max_row = None
    counter = 1  # the next row iter_rows yields
    for kind, payload in ws._parse(_formula_refs):
        if kind == "dimension":
            if counter > 1:
                raise Unrecognised("dimension after rows")
            _, _, max_col, max_row = payload
            continue
        row, refs = payload
        if max_row is not None and row > max_row:
            break
        if row >= counter:
            counter = row + 1
            found.update(ref for ref in refs if max_col is None or column_index_from_string(
                ref.rstrip("0123456789")) <= max_col)
    return found


def last_rows(path) -> dict[str, int]:
    """How far down each worksheet reaches, by title: the highest row number its rows
    give (or their count, when higher), from its part scanned as bytes without parsing
    it, to know before a sheet is read whole (openpyxl builds every cell). The package's
    directory must have been checked (:func:`cchc_xl.bounds.check_package`). Raises
    :class:`Unrecognised` when neither this reader nor openpyxl finds the sheets."""
    try:
        wb = FastWorkbook(path)
        zf, parts = wb.zip, [(ws.title, ws.part) for ws in wb.worksheets]
    except Exception:  # noqa: BLE001 (not one this reader knows: openpyxl lists the sheets)
        try:
            wb = load_workbook(path, read_only=True)
        except Exception as exc:
            raise Unrecognised(f"{type(exc).__name__}: {exc}") from exc
        zf = wb._archive
        parts = [(ws.title, ws._worksheet_path.lstrip("/")) for ws in wb.worksheets]
    try:
        return {title: last_row(zf, part) for title, part in parts}
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error) as exc:
        raise Unrecognised(f"{type(exc).__name__}: {exc}") from exc
    finally:
        wb.close()


def _formula_refs(el: etree._Element) -> list[str]:
    """References of a row element's cells that hold a formula."""
    refs = []
    for c in el.iterchildren(_CELL):
        if c.find(_F) is not None:
            ref = c.get("r")
            if not ref:
                raise Unrecognised("cell without a reference")
            refs.append(ref)
    return refs
