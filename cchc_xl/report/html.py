"""The report as one self-contained HTML page (the same grids as the workbook)."""

from __future__ import annotations

from pathlib import Path

from ..model import Master
from ..templates import render
from ..xlio import atomic_write
from .charts import charts
from .summary import Summary
from .tables import Say, appendix_grids, heading, result_columns, summary_grids

HTML_TEMPLATE = "report.html.j2"


def css_class(style: str) -> str:
    """CSS classes of a cell style: "cell_center+overdue" -> "c late"."""
    classes = {"cell_center": "c", "cell_int": "n", "cell_bold": "b", "cell_bold_center": "b c",
               "cell_rate": "n", "overdue": "late"}
    return " ".join(classes[p] for p in style.split("+") if p in classes)


def write_html(summary: Summary, master: Master, out: Path, *, say: Say | None = None) -> Path:
    """The same report as one self-contained page (no network: inline CSS and SVG); its
    notes said by ``say`` (:func:`.tables.notes`)."""
    grids = summary_grids(summary, say)
    page = render(
        HTML_TEMPLATE, summary=summary, title=f"{summary.plan.title}: {summary.period.name}",
        heading=heading(summary, "BÁO CÁO KẾT QUẢ THỰC HIỆN " + summary.plan.title.upper()),
        tables=grids[:-1], notes=grids[-1],
        charts=[page for chart in charts(summary) for page in chart.pages()],
        appendix=appendix_grids(summary, result_columns(summary)), css_class=css_class)
    return atomic_write(out, lambda tmp: tmp.write_text(page, encoding="utf-8"))

