"""The report workbook: the summary grids, the appendix with results, the charts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from ..appendix import add_appendix_sheets, appendix_pages, write_header, write_heading
from ..consolidated.link import REPORT_PROPERTY
from ..issuer import running_plan
from ..model import Master
from ..sheet_names import sheet_name
from ..styles import (
    FONT,
    XLSX_FORMATS,
    RowHeights,
    add_formats,
    row_pieces,
    setup_print,
    text_width,
)
from ..xlio import atomic_write, fit_cell, new_xlsx
from .charts import Bar, Chart, chart_pages, charts
from .grid import Cell, Grid
from .results import result_columns, result_lines
from .summary import Summary
from .tables import Say, document_title, summary_grids

CHART_DATA_SHEET = "Số liệu biểu đồ"
CHART_DATA_TITLE = "Số liệu của các biểu đồ"
CHART_DATA_HEADER = "Tỷ lệ (%)"
CHART_COLOR = "#5B9BD5"

class _Formats:
    """The styles module's formats, plus combinations ("cell_center+overdue") on demand."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.named = add_formats(workbook)

    def __getitem__(self, name: str):
        if name not in self.named:
            spec: dict[str, object] = {}
            for part in name.split("+"):
                spec.update(XLSX_FORMATS[part])
            self.named[name] = self.workbook.add_format(spec)
        return self.named[name]


def _write_value(ws, row: int, col: int, value: str | int | None, fmt) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt)
    elif value:
        ws.write_string(row, col, fit_cell(str(value)), fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _pieces(cell: Cell | None, width: float) -> list[str]:
    """A text cell's pieces (each fits one row); [] for a number, a blank or a merge."""
    if cell is None or cell.rowspan > 1 or not isinstance(cell.value, str) or not cell.value:
        return []
    return row_pieces(fit_cell(cell.value), width, bold="bold" in cell.style)


def _write_row(ws, formats: _Formats, row: int, cells: Sequence[Cell | None],
               widths: Sequence[float], heights: RowHeights) -> int:
    """One body row of a grid; the rows it takes. A text taller than a row can be (a
    unit's long note) goes on over rows below it, its neighbours merged down beside it."""
    pieces = [_pieces(cell, widths[col]) for col, cell in enumerate(cells)]
    span = max((len(p) for p in pieces), default=1) or 1
    for col, cell in enumerate(cells):
        if cell is None:
            continue
        bold = "bold" in cell.style
        if span > 1 and len(pieces[col]) > 1:
            for i in range(span):
                look = cell.style + ("+open_above" if i else "") + (
                    "+open_below" if i < span - 1 else "")
                text = pieces[col][i] if i < len(pieces[col]) else None
                _write_value(ws, row + i, col, text, formats[look])
                heights.cell(row + i, text or "", widths[col], bold=bold)
            continue
        fmt = formats[cell.style]
        text = "" if cell.value is None else str(cell.value)
        rows = max(cell.rowspan, span)
        if rows > 1:
            ws.merge_range(row, col, row + rows - 1, col, "", fmt)
            heights.merged(row, row + rows - 1, text, widths[col], bold=bold)
        else:
            heights.cell(row, text, widths[col], bold=bold)
        _write_value(ws, row, col, cell.value, fmt)
    return span


def _write_grid(workbook, formats: _Formats, grid: Grid, name: str) -> None:
    ws = workbook.add_worksheet(name)
    widths = [c.width for c in grid.columns]
    row = write_heading(ws, formats, 0, grid.lines, widths) + 1
    heights = RowHeights()
    for col, c in enumerate(grid.columns):
        ws.set_column(col, col, c.width)
    header_first = row
    row = write_header(ws, formats, row, grid.columns, heights)
    header_last = row - 1
    last_col = len(grid.columns) - 1
    for r in grid.rows:
        if r.group:
            ws.merge_range(row, 0, row, last_col, "", formats["group"])
            ws.write_string(row, 0, r.group, formats["group"])
            heights.merged(row, row, r.group, sum(widths), bold=True)
            row += 1
            continue
        row += _write_row(ws, formats, row, r.cells, widths, heights)
    for text in grid.after:
        row += 1
        ws.merge_range(row, 0, row, last_col, "", formats["bold"])
        ws.write_string(row, 0, text, formats["bold"])
        heights.merged(row, row, text, sum(widths), bold=True)
    heights.apply(ws)
    setup_print(ws, header_rows=(header_first, header_last), widths=widths)
    ws.freeze_panes(header_last + 1, 0)
    if not grid.rows:
        # A table with no rows (Biểu 4 of a period whose reports are all valid) printed
        # a page of one sentence (an audit of a commune's 9-month report). Its sheet stays,
        # the Biểu keep their numbers, but hidden it is not printed ("Ghi chú" says why:
        # docs/printing.md, "A table with no rows").
        ws.hide()
    # Rates ("41,33%") are text on purpose: the decimal comma whatever the locale.
    ws.ignore_errors({"number_stored_as_text":
                      f"A1:{xl_rowcol_to_cell(max(row, 1), last_col)}"})


def _chart_rows(chart_list: Sequence[Chart]) -> list[tuple[int, int]]:
    """First and last row (0-based) of each chart's figures on the data sheet (a chart
    with no bars, only its note, has none)."""
    out = []
    row = 2
    for chart in chart_list:
        out.append((row + 1, row + len(chart.bars)))
        if chart.bars:
            row += len(chart.bars) + 2
    return out


def _write_chart_data(workbook, formats: _Formats, chart_list: list[Chart], name: str) -> None:
    """The charts' figures as numbers (the tables show rates as Vietnamese text)."""
    ws = workbook.add_worksheet(name)
    widths = (50, 12)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, CHART_DATA_TITLE, formats["bold"])
    heights = RowHeights()  # a long name wraps: its row as tall as its lines
    for chart, (first, _) in zip(chart_list, _chart_rows(chart_list), strict=True):
        if not chart.bars:
            continue
        ws.write_string(first - 1, 0, chart.title, formats["header"])
        ws.write_string(first - 1, 1, CHART_DATA_HEADER, formats["header"])
        heights.cells(first - 1, ((chart.title, widths[0]), (CHART_DATA_HEADER, widths[1])),
                      bold=True)
        for i, b in enumerate(chart.bars):
            ws.write_string(first + i, 0, b.label, formats["cell"])
            ws.write_number(first + i, 1, b.value, formats["cell_rate"])
            heights.cell(first + i, b.label, widths[0])
    heights.apply(ws)
    setup_print(ws, widths=widths)
    # The charts' figures, and the tables' (Biểu 1, 2) again: printing the whole workbook
    # printed them as pages of their own (a QA pass). Hidden, as a helper sheet is;
    # "Unhide" in Excel shows it.
    ws.hide()


# Bars of one printed chart: more, and the axis shows only some of the names (a province's
# 181 units: every third, overlapping). A long chart is printed over several pages.
PAGE_ROWS = 30  # rows of 20 px: a chart and its margin, within A4 landscape's 640 px
PAGE_CHART_HEIGHT = 560
PAGE_CHART_WIDTH = 840  # LibreOffice draws the "100,00%" labels past the chart's edge
NOTE_COLUMNS = 14  # of the default 64 px: as wide as a chart (900 px)


# Every bar's name, whole, on one line. LibreOffice sizes a bar chart's column of names
# from three of them only (the longest in characters and its neighbours, or the first
# three when the longest is one of the last two), wraps the others to that width, and
# where a wrapped name would touch the next one leaves out every other name: it ignores
# tickLblSkip, and lets labels touch only when their rotation is written out as 0. So the
# charts write that rotation, and place their plot area themselves (Excel and LibreOffice
# both keep a manual inner layout), leaving the names a column as wide as the widest one
# measured in Times New Roman (Liberation Serif has its widths), with some air. A name
# wider than NAMES_MAX_SHARE of the chart (some 80 characters at 9 pt) wraps.
NAME_SLACK = 1.1  # of the measured width
NAME_GAP_PX = 14  # the chart's border, the tick marks and the gap to them
NAMES_MAX_SHARE = 0.45
PLOT_TOP_PX = 72  # the title and the scale above the bars
# LibreOffice wraps a chart's title (13 pt bold) wider than about this share of the chart
# onto a second line, over the scale: a page titled by the ranks it holds and the units
# not ranked ("(5/5: đồng hạng 121; 5 đơn vị không xếp hạng)", 809 px of 840) hid the
# scale's "60". A chart with such a title has its bars a line lower.
TITLE_MAX_SHARE = 0.8
TITLE_PT = 13
TITLE_LINE_PX = 22
PLOT_BOTTOM_PX = 16
LABEL_GAP_PX = 20  # a rate printed after a full bar, and the chart's border


def _plot_area(bars: Sequence[Bar], size: float, width: int, height: int,
               titles: Sequence[str] = ()) -> dict[str, float]:
    """The inner plot area (fractions of the chart) that leaves room for every name on one
    line at its left, for the rates written after full bars at its right, and for the
    ``titles`` of its pages above (the same area on each: a bar as long on every page)."""
    names = max((text_width(b.label, size) for b in bars), default=0.0)
    left = min(NAME_SLACK * names + NAME_GAP_PX, NAMES_MAX_SHARE * width)
    right = max((text_width(b.text, size) for b in bars), default=0.0) + LABEL_GAP_PX
    top = PLOT_TOP_PX + TITLE_LINE_PX * any(
        text_width(t, TITLE_PT, bold=True) > TITLE_MAX_SHARE * width for t in titles)
    return {"x": round(left / width, 4), "y": round(top / height, 4),
            "width": round((width - left - right) / width, 4),
            "height": round((height - top - PLOT_BOTTOM_PX) / height, 4)}


def _font_size(bars: Sequence[Bar]) -> int:
    return 10 if len(bars) < 20 else 9


def _bar_chart(workbook, title: str, bars: Sequence[Bar], data: str, first: int, last: int, *,
               height: int, width: int = 900, layout: dict[str, float] | None = None):
    """A bar chart of ``bars``, whose figures are rows ``first``..``last`` of ``data``; its
    plot area ``layout`` (:func:`_plot_area`; by default the one ``bars`` need)."""
    font = {"name": FONT, "size": _font_size(bars)}
    bar = workbook.add_chart({"type": "bar"})
    bar.add_series({
        "name": title,
        "categories": [data, first, 0, last, 0],
        "values": [data, first, 1, last, 1],
        # Labels are the rates as the tables write them ("41,33%"): a number format
        # would show the decimal point of the reader's locale (and LibreOffice does not
        # read labels that point at cells).
        "data_labels": {"value": True, "font": font,
                        "custom": [{"value": b.text} for b in bars]},
        "fill": {"color": CHART_COLOR},
        "gap": 60,
    })
    bar.set_title({"name": title, "name_font": {"name": FONT, "size": TITLE_PT}})
    bar.set_x_axis({"min": 0, "max": 100, "major_unit": 20, "num_font": font,
                    "major_gridlines": {"visible": True}})
    # Every name (interval 1), unturned (rotation 0: see NAME_SLACK).
    bar.set_y_axis({"reverse": True, "num_font": {**font, "rotation": 0}, "interval_unit": 1})
    bar.set_plotarea({"layout": layout or _plot_area(bars, font["size"], width, height, [title])})
    bar.set_legend({"none": True})
    bar.show_hidden_data()  # its figures are on a hidden sheet (_write_chart_data)
    bar.set_size({"width": width, "height": height})
    return bar


def _write_chart(workbook, formats: _Formats, chart: Chart, name: str, data: str, first: int,
                 last: int) -> None:
    """One chart on its own sheet, printed on one landscape page; a chart of more than
    PAGE_BARS bars as several charts of the same scale, a page each. Its note (the units
    left out) is the sheet's first line, above the bars."""
    ws = workbook.add_worksheet(name)
    setup_print(ws, widths=())  # the chart is A4 landscape's size
    top = 0
    if not chart.bars:  # every unit left out: the chart's title, and its note saying so
        ws.merge_range(0, 0, 0, NOTE_COLUMNS - 1, "", formats["bold"])
        ws.write_string(0, 0, chart.title, formats["bold"])
        top = 1
    if chart.note:  # one line (charts.NOTE_PX) across the chart's width
        ws.merge_range(top, 0, top, NOTE_COLUMNS - 1, "", formats["text"])
        ws.write_string(top, 0, chart.note, formats["text"])
        top += 1  # a line of 20 px: the first page holds it and a chart's PAGE_ROWS
    if not chart.bars:
        ws.fit_to_pages(1, 1)
        return
    pages = chart_pages(len(chart.bars))
    if len(pages) == 1:
        # A4 landscape's printable area is about 1000 x 640 px.
        height = min(620, max(320, 90 + 24 * len(chart.bars)))
        ws.insert_chart(top, 0, _bar_chart(workbook, chart.title, chart.bars, data, first, last,
                                           height=height))
        ws.fit_to_pages(1, 1)
        return
    # Every page's names' column as wide as the widest name of the whole chart needs (the
    # pages alike), measured once per font size: measuring every bar again for each page
    # made a chart of 2,000 units quadratic (1.4 s of a report under cProfile, issue #11).
    layouts: dict[int, dict[str, float]] = {}
    titles = [chart.part_title(n, len(pages), start, end) for n, (start, end) in enumerate(pages)]
    for n, (start, end) in enumerate(pages):
        title = titles[n]
        bars = chart.bars[start:end]
        size = _font_size(bars)
        if size not in layouts:
            layouts[size] = _plot_area(chart.bars, size, PAGE_CHART_WIDTH, PAGE_CHART_HEIGHT,
                                       titles)
        ws.insert_chart(top + n * PAGE_ROWS, 0, _bar_chart(
            workbook, title, bars, data, first + start, first + end - 1,
            height=PAGE_CHART_HEIGHT, width=PAGE_CHART_WIDTH, layout=layouts[size]))
    ws.set_print_scale(100)  # not fitted: a page per chart, at the breaks below
    ws.set_h_pagebreaks([top + n * PAGE_ROWS for n in range(1, len(pages))])


def _sheet_names(wanted: Sequence[str], taken: Iterable[str]) -> list[str]:
    """Sheet names for the report's own sheets that the appendix sheets do not already use."""
    used = {t.casefold() for t in taken}
    return [sheet_name(sheet, used) for sheet in wanted]


def write_workbook(summary: Summary, master: Master, out: Path, *,
                   say: Say | None = None) -> Path:
    """The report workbook: summary tables, the appendix with results, charts, notes
    (said by ``say``: :func:`.tables.notes`)."""
    *tables, notes_grid = summary_grids(summary, say)
    chart_list = [c for c in charts(summary) if c.bars or c.note]
    wanted = [g.sheet for g in tables] + [c.sheet for c in chart_list] + [CHART_DATA_SHEET,
                                                                           notes_grid.sheet]
    names = iter(_sheet_names(wanted, [p.sheet for p in appendix_pages(master)]))

    def write(tmp: Path) -> None:
        workbook = new_xlsx(tmp)
        workbook.set_properties({"title": document_title(summary),
                                 "company": running_plan(summary.plan).authority})
        workbook.set_custom_property(REPORT_PROPERTY, f"{summary.plan.key} {summary.period.code}")
        formats = _Formats(workbook)
        for grid in tables:
            _write_grid(workbook, formats, grid, next(names))
        add_appendix_sheets(workbook, formats, master, result_columns(summary),
                            lambda page: result_lines(page, summary))
        chart_names = [next(names) for _ in chart_list]
        data = next(names)
        for chart, name, (first, last) in zip(chart_list, chart_names, _chart_rows(chart_list),
                                              strict=True):
            _write_chart(workbook, formats, chart, name, data, first, last)
        _write_chart_data(workbook, formats, chart_list, data)
        _write_grid(workbook, formats, notes_grid, next(names))
        workbook.close()

    return atomic_write(out, write)

