"""The signed report's appendix tables laid out as a typist would: the province quarter of
test_report_signed (Phụ lục II of 12 units and three notes, Phụ lục III of 11 tasks).

A QA pass printed it: Phụ lục III gave the units' names a wide column and the tasks'
content a narrow one (short task names over three lines, unit names with room to spare);
Phụ lục II took its last commune and "Cộng" to the next page with its three notes, a
third of its first page blank.
"""

from __future__ import annotations

import re
import subprocess

from docx import Document
from test_report_signed import signed  # noqa: F401  (the fixture)

from cchc_xl import styles
from cchc_xl.official import measure
from cchc_xl.report.grid import Cell, Grid, Row, grid_column
from support.report import notes_after
from support.tools import convert_all, needs_libreoffice, needs_poppler

TEXT_PT = 12  # the report's table text (official.TABLE_TEXT)
_PADDING = int(measure.Cm(2 * measure.CELL_MARGIN_CM))
_TWIP = 635  # EMU


def _docx(signed):  # noqa: F811
    _, _, xlsx, _ = signed
    return xlsx.with_suffix(".docx")


def _table(doc, first_header: str, header: str):
    """The appendix table whose header row holds ``header``."""
    for table in doc.tables:
        texts = [c.text for c in table.rows[0].cells]
        if texts[:1] == [first_header] and header in texts:
            return table
    raise AssertionError(header)


def _grid_widths(table) -> list[int]:
    return [int(col.w) for col in table._tbl.tblGrid.gridCol_lst]


def _column(table, col: int) -> list[str]:
    """The column's body cells' text (group labels and the notes row left out)."""
    out = []
    for row in table.rows[1:]:
        cells = row.cells
        if len({c._tc for c in cells}) > 1:
            out.append(cells[col].text)
    return out


def _px(width: int) -> float:
    return (width - _PADDING) / measure.EMU_PER_PX


def test_phu_luc_iii_gives_the_tasks_content_its_share(signed):  # noqa: F811
    table = _table(Document(_docx(signed)), "TT", "Đơn vị chủ trì")
    header = [c.text for c in table.rows[0].cells]
    content, units, reasons = (header.index(h) for h in (
        "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Lý do (ghi chú của đơn vị)"))
    widths = _grid_widths(table)
    tasks = _column(table, content)
    assert len(tasks) == 11 and "Giải quyết thủ tục theo cơ chế một cửa" in tasks
    # Every task's name on one line (they wrapped over two or three), or, since "Tình
    # trạng" takes its room (below), in no more lines than the units' list beside it:
    # the content never makes its row taller. The content's column the wider.
    lists = _column(table, units)
    assert [t for t, u in zip(tasks, lists, strict=True)
            if styles.wrapped_lines(t, _px(widths[content]), TEXT_PT) > max(
                1, styles.wrapped_lines(u, _px(widths[units]), TEXT_PT))] == []
    assert widths[content] > widths[units]
    assert max(styles.wrapped_lines(t, _px(widths[units]), TEXT_PT)
               for t in _column(table, units)) > 1
    # No column so narrow that a word of it breaks, nor the reasons' under a sixth of
    # the three columns of long text.
    for col, width in enumerate(widths):
        words = [(w, True) for w in header[col].split()] + [
            (w, False) for text in _column(table, col) for w in text.split()]
        assert max(styles.text_width(w, TEXT_PT, bold) for w, bold in words) <= _px(width), \
            header[col]
    share = (widths[content] + widths[units] + widths[reasons]) // 6
    assert widths[reasons] >= share - _TWIP  # the tblGrid holds twips


def test_phu_luc_iii_reads_each_state_in_three_lines_at_most(signed):  # noqa: F811
    """"Tình trạng" as wide as its longest state needs to read in three lines: "Chưa có
    báo cáo (tính là chưa thực hiện)" wrapped over five in the width the workbook's
    proportions gave it (a QA pass); the room is the columns of long text's. In two
    (4.0 cm) it took the room the office's reason needed (below)."""
    table = _table(Document(_docx(signed)), "TT", "Đơn vị chủ trì")
    header = [c.text for c in table.rows[0].cells]
    state = header.index("Tình trạng")
    widths = _grid_widths(table)
    states = _column(table, state)
    assert "Chưa có báo cáo (tính là chưa thực hiện)" in states
    assert {"Đang thực hiện", "Chưa thực hiện", "Đã hoàn thành"} <= set(states)
    assert max(styles.wrapped_lines(s, _px(widths[state]), TEXT_PT) for s in states) == 3
    # No wider than three lines need: "Đang thực hiện" beside it is no column of its own.
    assert widths[state] < int(measure.Cm(3.1))


def test_phu_luc_iii_gives_the_offices_reason_the_room_it_needs(signed):  # noqa: F811
    """The office's "Chưa đạt" with its reason, the one long text of "Lý do" (its two
    reasons little text, so the least share by their text: 2.1 cm), wrapped over nine
    lines beside cells of one or two; now in six (measure.ROW_LINES), every task's name
    still on one line, no row of the table taller than six lines."""
    table = _table(Document(_docx(signed)), "TT", "Đơn vị chủ trì")
    header = [c.text for c in table.rows[0].cells]
    reasons = header.index("Lý do (ghi chú của đơn vị)")
    widths = _grid_widths(table)
    verdict = next(r for r in _column(table, reasons) if "Chưa đạt" in r)
    assert verdict.endswith("chưa có quyết định phê duyệt của UBND tỉnh")
    assert styles.wrapped_lines(verdict, _px(widths[reasons]), TEXT_PT) <= measure.ROW_LINES
    assert widths[reasons] > int(measure.Cm(2.7))
    content = header.index("Nội dung nhiệm vụ")
    assert [t for t in _column(table, content)
            if styles.wrapped_lines(t, _px(widths[content]), TEXT_PT) > 1] == []
    tallest = [max(styles.wrapped_lines(text, _px(widths[col]), TEXT_PT)
                   for col, text in enumerate(row))
               for row in zip(*(_column(table, col) for col in range(len(header))), strict=True)]
    assert max(tallest) <= measure.ROW_LINES


def _fitted_grid(content: list[str], units: list[str]) -> Grid:
    columns = [grid_column(h, w) for h, w in (("TT", 5), ("Nội dung nhiệm vụ", 26),
                                              ("Đơn vị chủ trì", 22), ("Lý do", 42))]
    rows = [Row((Cell(str(n)), Cell(c), Cell(u), Cell(None)))
            for n, (c, u) in enumerate(zip(content, units, strict=True), 1)]
    return Grid("thu", "Thử", "Thử", [], columns, rows, fitted=(1, 2, 3))


def test_columns_of_long_text_share_their_width_by_their_text():
    """The column of more text is the wider (the first, the task's content, counted
    twice); none wider than its longest line while another wraps, none narrower than its
    longest word; the widths add up to the table's."""
    space = int(measure.Cm(25))
    short = ["Sở Tư pháp", "Sở Y tế", "Sở Tài chính"]
    long = ["Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai, xây dựng"] * 3
    grid = _fitted_grid(long, short)
    header = grid.header_rows()
    widths = measure.column_widths(grid, header, space, 12, 12)
    assert abs(sum(widths) - space) < len(widths)
    assert widths[1] > widths[2] and widths[1] > widths[3]
    assert [styles.wrapped_lines(t, _px(widths[1]), 12) for t in long] == [1, 1, 1]
    many = ["Phường Hạc Thành; Phường Hàm Rồng; Xã Hoằng Hóa; Xã Nga Sơn; Xã Tĩnh Gia; "
            "Xã Quảng Xương; Xã Đông Sơn"] * 3
    widths = measure.column_widths(_fitted_grid(["Kiểm tra văn bản"] * 3, many), header,
                                   space, 12, 12)
    assert abs(sum(widths) - space) < len(widths) and widths[2] > widths[1]
    # "Kiểm tra văn bản" on one line all the same
    assert styles.wrapped_lines("Kiểm tra văn bản", _px(widths[1]), 12) == 1
    assert widths[3] >= sum(widths[1:]) // 6 - 1  # the reasons' header, a sixth


def test_a_long_reason_among_short_ones_reads_in_a_few_lines(monkeypatch):
    """A reason of a long sentence among empty ones: by the text alone its column is
    given the least share and the sentence wraps over many lines beside tasks of one;
    it reads in measure.ROW_LINES lines or fewer. Where every row's text is long (the
    Hoằng Hóa 9-month reasons), the share by the text stays (the table would not print
    shorter)."""
    space = int(measure.Cm(14))
    tasks = ["Kiểm tra văn bản", "Số hóa hồ sơ", "Rà soát phí, lệ phí", "Nâng cấp Cổng",
             "Rà soát thủ tục y tế", "Đơn giản hóa thủ tục"] * 2
    units = ["Sở Tư pháp", "Sở Y tế", "Sở Tài chính", "Sở Xây dựng"] * 3
    grid = _fitted_grid(tasks, units)
    long = ("Cơ quan tổng hợp đánh giá Chưa đạt: chưa có quyết định phê duyệt của UBND "
            "tỉnh, đề nghị đơn vị bổ sung hồ sơ")
    rows = list(grid.rows)
    rows[0] = Row((*rows[0].cells[:3], Cell(long)))
    grid = Grid("thu", "Thử", "Thử", [], grid.columns, rows, fitted=(1, 2, 3))
    widths = measure.column_widths(grid, grid.header_rows(), space, 12, 12)
    assert abs(sum(widths) - space) < len(widths)
    assert styles.wrapped_lines(long, _px(widths[3]), 12) <= measure.ROW_LINES
    assert all(styles.wrapped_lines(t, _px(widths[1]), 12) == 1 for t in tasks)
    # every reason long: shared by their text alone, as before
    rows = [Row((*row.cells[:3], Cell(long * 6))) for row in grid.rows]
    full = Grid("thu", "Thử", "Thử", [], grid.columns, rows, fitted=(1, 2, 3))
    kept = measure.column_widths(full, full.header_rows(), space, 12, 12)
    assert styles.wrapped_lines(long * 6, _px(kept[3]), 12) > measure.ROW_LINES
    monkeypatch.setattr(measure, "_row_need", lambda *args: 0)
    assert measure.column_widths(full, full.header_rows(), space, 12, 12) == kept
    assert measure.column_widths(grid, grid.header_rows(), space, 12, 12) != widths


def test_phu_luc_ii_keeps_cong_with_its_last_row_and_lets_its_notes_run_on(signed):  # noqa: F811
    """"Cộng" is kept with the last unit's row and with the first note, in the table's
    last row; the two notes after it are paragraphs after the table, each whole, the
    first kept with the last, free to go to the next page without the table's rows."""
    table = _table(Document(_docx(signed)), "Xếp hạng", "Đơn vị")
    cong, last = table.rows[-2], table.rows[-3]
    assert cong.cells[1].text.startswith("Cộng") and last.cells[1].text == "Xã Tĩnh Gia"
    for row in (last, cong):
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
    notes_row = table.rows[-1].cells[0].paragraphs
    assert [p.text[:11] for p in notes_row] == ["Cột “Quá hạ"]
    rest = notes_after(table)
    assert [p.text[:11] for p in rest] == ["Đơn vị mà m", "Cột “Đã hoà"]
    assert [(p.paragraph_format.keep_together, bool(p.paragraph_format.keep_with_next))
            for p in rest] == [(True, True), (True, False)]


@needs_libreoffice
@needs_poppler
def test_printed_phu_luc_ii_ends_its_table_on_its_first_page(signed, tmp_path):  # noqa: F811
    """The last commune and "Cộng" on the page they fit on, with the first note; the
    other two notes under them or on the next page, not the table's rows."""
    (pdf,) = convert_all([_docx(signed)], tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]
    first = next(n for n, page in enumerate(pages) if "Phụ lục II " in page)
    assert "Xã Tĩnh Gia" in pages[first] and "Cộng (lượt đơn vị chủ trì)" in pages[first]
    assert "Cột “Quá hạn”" in pages[first]
    assert "Phụ lục III" not in pages[first + 1]
    assert "Xếp hạng" not in pages[first + 1]  # no header repeated over the notes
    assert "các nhiệm vụ này vẫn tiếp tục thực hiện" in pages[first] + pages[first + 1]
