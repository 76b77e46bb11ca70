"""The report as one self-contained HTML page (the same grids as the workbook)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..made_from import META_NAME
from ..model import Master
from ..styles import PX_PER_PT, text_width
from ..templates import render
from ..xlio import atomic_write
from .charts import charts
from .grid import Grid
from .results import appendix_grids, result_columns
from .summary import Summary
from .tables import Say, document_title, heading, summary_grids

HTML_TEMPLATE = "report.html.j2"

# A column of numbers or codes ("TT", "Mã": "4", "TTHC-01", "I.1") prints each of its cells
# on one line. At its share of the table's width the appendices' "TT" came a pixel or two
# short of its bold header (printed "T" over "T") and Biểu 3's "Mã" of a code, which broke
# at its hyphen ("TTHC-" over "01") (a QA pass printing the Hoằng Hóa 9-month page). Such a
# column, every text in it one word (no space) of at most WHOLE_MAX_EM, header included, is
# as wide as its longest text and the cell's padding, in em so that it follows the table's
# font size (11 pt on screen, 10 pt printed); Chromium gives the other columns the rest of
# the table's width in the proportions of their widths, so the table stays as wide.
WHOLE_MAX_EM = 6.0
CELL_PAD_EM = 0.75  # 3 px of padding each side and a 1 px border: 0.53 em at 10 pt, 0.48 at 11


def _em(text: str, bold: bool) -> float:
    return text_width(text, 12, bold) / (12 * PX_PER_PT)


@dataclass(frozen=True)
class Whole:
    """The columns of a grid whose cells print whole."""

    em: list[float | None]  # per column: its width in em, or None (a share of the table's)
    headers: frozenset[str]  # their headers


def whole_widths(grid: Grid) -> Whole:
    """The columns of ``grid`` whose cells print each on one line (numbers or codes),
    with their widths."""
    widths: list[float | None] = []
    for i, column in enumerate(grid.columns):
        texts = [(column.header, True)] + [
            (str(cell.value), "bold" in cell.style) for row in grid.rows if not row.group
            for cell in [row.cells[i]] if cell is not None and cell.value not in (None, "")]
        if any(len(text.split()) != 1 for text, _ in texts):
            widths.append(None)
            continue
        need = max(_em(text, bold) for text, bold in texts)
        widths.append(need + CELL_PAD_EM if need <= WHOLE_MAX_EM else None)
    return Whole(widths, frozenset(c.header for c, w in zip(grid.columns, widths, strict=True)
                                   if w is not None))


def css_class(style: str) -> str:
    """CSS classes of a cell style: "cell_center+overdue" -> "c late"."""
    classes = {"cell_center": "c", "cell_int": "n", "cell_bold": "b", "cell_bold_center": "b c",
               "cell_rate": "n", "overdue": "late"}
    return " ".join(classes[p] for p in style.split("+") if p in classes)


def write_html(summary: Summary, master: Master, out: Path, *, say: Say | None = None) -> Path:
    """The same report as one self-contained page (no network: inline CSS and SVG); its
    notes said by ``say`` (:func:`.tables.notes`); its head says what it was made from
    (:mod:`cchc_xl.made_from`)."""
    grids = summary_grids(summary, say)
    page = render(
        HTML_TEMPLATE, summary=summary, title=document_title(summary),
        heading=heading(summary, "BÁO CÁO KẾT QUẢ THỰC HIỆN " + summary.plan.title.upper()),
        tables=grids[:-1], notes=grids[-1],
        charts=[page for chart in charts(summary) for page in chart.pages()],
        appendix=appendix_grids(summary, result_columns(summary)), css_class=css_class,
        whole_widths=whole_widths, made_from_meta=META_NAME,
        made_from=summary.snapshot.digest if summary.snapshot else "")
    return atomic_write(out, lambda tmp: tmp.write_text(page, encoding="utf-8"))

