"""A list the office opens in Excel, written as a workbook of one sheet: a letter's
mail-merge list (:mod:`cchc_xl.letters.mergelist`) and split's list of the files given
out (:mod:`cchc_xl.manifest`).

A workbook, not only a CSV: a double-clicked CSV opens in Excel split at the computer's
list separator, ";" on a Windows set to Vietnamese, so a comma-separated list comes up
with each row in one column. In the workbook a text stays text ("0123", "0912…", and
"=1+1" is no formula: xlio.XLSX_OPTIONS), cut visibly at Excel's limit of a cell
(xlio.fit_cell); a number is a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from .styles import XLSX_FORMATS, add_formats, fitted_height, setup_print, text_width, width_for
from .xlio import atomic_write, fit_cell, new_xlsx

MIN_WIDTH = 8.0  # column width in Excel's units (digits of its default font)
MAX_WIDTH = 60.0  # a longer text wraps within it


def write_list_book(path: str | Path, sheet_name: str, header: Sequence[str],
                    rows: Iterable[Sequence[object]], *, marked: tuple[str, str],
                    keywords: str = "", title: str = "", autofilter: bool = False,
                    created: datetime | None = None, max_width: float = MAX_WIDTH) -> Path:
    """The list at ``path`` (atomically): one sheet ``sheet_name``, ``title`` (if any) in
    bold on its first row, then the header row bold and frozen, each column as wide as
    its texts (at most ``max_width``, longer ones wrapped) and each row as tall as they
    need, printed the page's width across with the header repeated. ``marked``: the
    custom property (name, value) that says it is cchc-xl's (consolidated.link.
    OFFICE_WORKBOOKS); ``keywords``: whose plan (year_turn.plan_mark); ``autofilter``:
    the header's filter buttons (none on a mail-merge list: its hidden name is one more
    "table" in Word's Select Table); ``created``: its time (the same list the same
    bytes)."""
    rows = [list(r) for r in rows]
    widths = [_width([name, *(r[i] for r in rows)], True, max_width)
              for i, name in enumerate(header)]
    top = 1 if title else 0  # the header's row

    def write(tmp: Path) -> None:
        workbook = new_xlsx(tmp)
        workbook.set_custom_property(*marked)
        properties = {**({"keywords": keywords} if keywords else {}),
                      **({"title": title} if title else {}),
                      **({"created": created} if created else {})}
        if properties:
            workbook.set_properties(properties)
        fmt = add_formats(workbook, ("header", "cell", "cell_int"))
        sheet = workbook.add_worksheet(sheet_name)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        if title:
            # Unwrapped: it runs on across the empty cells beside it.
            sheet.write_string(0, 0, fit_cell(title), workbook.add_format(
                {**XLSX_FORMATS["bold"], "text_wrap": False}))
        sheet.write_row(top, 0, [str(h) for h in header], fmt["header"])
        sheet.set_row(top, fitted_height(zip(header, widths, strict=True), bold=True))
        for n, row in enumerate(rows, start=top + 1):
            texts = []
            for col, value in enumerate(row):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(n, col, value, fmt["cell_int"])
                    continue
                text = fit_cell("" if value is None else str(value))
                texts.append((text, widths[col]))
                if text:
                    sheet.write_string(n, col, text, fmt["cell"])
                else:
                    sheet.write_blank(n, col, None, fmt["cell"])
            sheet.set_row(n, fitted_height(texts))
        if autofilter:
            sheet.autofilter(top, 0, top + len(rows), len(header) - 1)
        sheet.freeze_panes(top + 1, 0)
        setup_print(sheet, widths=widths, header_rows=(top, top))  # landscape, page-wide
        workbook.close()

    return atomic_write(path, write)


def _width(values: Iterable[object], bold: bool, max_width: float) -> float:
    """A column's width for its values (the first, its header, in bold): the widest line,
    between :data:`MIN_WIDTH` and ``max_width``."""
    px = 0.0
    for n, value in enumerate(values):
        for line in ("" if value is None else str(value)).splitlines() or [""]:
            px = max(px, text_width(line, bold=bold and n == 0))
    return round(min(max_width, max(MIN_WIDTH, width_for(px) + 2)), 1)
