"""Golden-file comparison of generated workbooks.

A generated workbook is a deliverable, so tests compare it with a reviewed
reference in tests/golden/, part by part: sheets and their order and visibility,
every cell's value and the styles that matter (font, fill, number format,
alignment, locking), merged ranges, data validations, sheet protection, print
setup, defined names and custom properties. A failure lists the differences
readably. Volatile parts (creation time, file order inside the zip) are ignored.

To (re)create references after a reviewed change, run with CCHC_REGENERATE_GOLDEN=1
(``make golden``): a reference is rewritten only where the produced workbook differs
from it; look at the new files before committing them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .paths import GOLDEN
from .workbooks import load_workbook

GOLDEN_DIR = GOLDEN
MAX_SHOWN = 40


def _color(fill) -> str | None:
    if fill is None or fill.fill_type is None:
        return None
    rgb = fill.fgColor.rgb if fill.fgColor is not None else None
    return rgb if isinstance(rgb, str) else str(fill.fgColor.theme)


def _cell_facts(cell) -> dict[str, object]:
    font = cell.font
    return {
        "value": cell.value,
        "font": (font.name, bool(font.b), bool(font.i), float(font.sz or 0)),
        "fill": _color(cell.fill),
        "number_format": cell.number_format,
        "wrap": bool(cell.alignment.wrap_text),
        "align": cell.alignment.horizontal,
        "locked": bool(cell.protection.locked),
    }


def _validations(ws) -> list[tuple]:
    out = []
    for dv in ws.data_validations.dataValidation:
        out.append((str(dv.sqref), dv.type, dv.operator, dv.formula1, dv.formula2,
                    bool(dv.allow_blank), dv.promptTitle, dv.prompt, dv.errorTitle, dv.error))
    return sorted(out, key=str)


def _sheet_facts(ws) -> dict[str, object]:
    ps = ws.page_setup
    return {
        "state": ws.sheet_state,
        "protected": bool(ws.protection.sheet),
        "password_set": bool(ws.protection.password),
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": _validations(ws),
        "orientation": ps.orientation,
        "paper": str(ps.paperSize) if ps.paperSize is not None else None,
        "fit": (ps.fitToWidth, ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage
                if ws.sheet_properties.pageSetUpPr else None),
        "print_titles": ws.print_title_rows,
        "freeze": ws.freeze_panes,
        "conditional_formats": sorted(
            (str(rng.sqref), tuple(r.type for r in rules))
            for rng, rules in ws.conditional_formatting._cf_rules.items()
        ),
    }


def workbook_differences(actual: Path, expected: Path) -> list[str]:
    """Readable differences between two workbooks (empty when they match)."""
    a = load_workbook(actual)  # merged ranges' borders not drawn: none is compared
    e = load_workbook(expected)
    diffs: list[str] = []
    if a.sheetnames != e.sheetnames:
        diffs.append(f"sheets: {a.sheetnames} != {e.sheetnames}")
    a_names = {n: d.attr_text for n, d in a.defined_names.items()}
    e_names = {n: d.attr_text for n, d in e.defined_names.items()}
    if a_names != e_names:
        diffs.append(f"defined names: {a_names} != {e_names}")
    a_props = {p.name: p.value for p in a.custom_doc_props.props}
    e_props = {p.name: p.value for p in e.custom_doc_props.props}
    if a_props != e_props:
        diffs.append(f"custom properties: {a_props} != {e_props}")
    for name in [n for n in e.sheetnames if n in a.sheetnames]:
        wa, we = a[name], e[name]
        fa, fe = _sheet_facts(wa), _sheet_facts(we)
        for key in fe:
            if fa[key] != fe[key]:
                diffs.append(f"[{name}] {key}: {fa[key]!r} != {fe[key]!r}")
        rows = max(wa.max_row, we.max_row)
        cols = max(wa.max_column, we.max_column)
        for r in range(1, rows + 1):
            for c in range(1, cols + 1):
                ca, ce = _cell_facts(wa.cell(r, c)), _cell_facts(we.cell(r, c))
                for key in ce:
                    if ca[key] != ce[key]:
                        diffs.append(f"[{name}] {wa.cell(r, c).coordinate} {key}: "
                                     f"{ca[key]!r} != {ce[key]!r}")
        for letter, dim in we.column_dimensions.items():
            width_a = wa.column_dimensions[letter].width
            if dim.width and abs((width_a or 0) - dim.width) > 0.01:
                diffs.append(f"[{name}] column {letter} width: {width_a} != {dim.width}")
    return diffs


def assert_matches_golden(actual: Path, name: str) -> None:
    """Compare a produced workbook with tests/golden/<name>.xlsx (or regenerate it)."""
    expected = GOLDEN_DIR / f"{name}.xlsx"
    if os.environ.get("CCHC_REGENERATE_GOLDEN") == "1":
        # Only a real difference is written: a new creation time alone is not a change.
        if not expected.exists() or workbook_differences(Path(actual), expected):
            GOLDEN_DIR.mkdir(exist_ok=True)
            shutil.copyfile(actual, expected)
        return
    assert expected.exists(), (
        f"no golden file {expected}: run `make golden`, review the file, commit it"
    )
    diffs = workbook_differences(Path(actual), expected)
    shown = "\n".join(diffs[:MAX_SHOWN])
    more = f"\n... and {len(diffs) - MAX_SHOWN} more" if len(diffs) > MAX_SHOWN else ""
    assert not diffs, f"{actual} differs from {expected}:\n{shown}{more}"
