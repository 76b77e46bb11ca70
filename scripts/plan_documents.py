"""Write a plan as an office would issue it — a Word document or a workbook — from a
master, in the table layouts real plans use. The documents feed ``cchc-xl import``
in the tests and in ``make demo``; they are generated, never committed.

    python scripts/plan_documents.py workbooks/hoang-hoa-2023/master.xlsx out/ke-hoach.docx \
        [--layout phu-luc|mot-bang|so-la-ma|lon-xon]

Layouts:
- ``phu-luc``: one table per area, a "Phụ lục số 0N: ..." paragraph before each; the
  products of a task are rows under vertically merged TT, content and unit cells.
- ``mot-bang``: one table; area rows "I. CẢI CÁCH THỂ CHẾ" merged across the row; a
  two-row header ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"), a row of column
  numbers, and the header repeated every few rows as at the top of printed pages.
- ``so-la-ma``: one table; the area numeral in the first cell and the title merged
  over the rest; other header words; a task's one-line products as "- " bullets in
  one cell (one deadline line each), otherwise rows with blank TT and content.
- ``lon-xon``: like ``phu-luc`` with text as pasted from other software: NFD
  letters, non-breaking and doubled spaces, bullets and ";" in unit cells, line
  breaks inside paragraphs, smart quotes around header words, control characters
  (in a workbook, as Excel stores them: "_x0007_").
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cchc_xl.master import load_master  # noqa: E402
from cchc_xl.model import Area, Master, Task  # noqa: E402

LAYOUTS = ("phu-luc", "mot-bang", "so-la-ma", "lon-xon")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
FONT = "Times New Roman"


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1
    bold: bool = False


@dataclass
class Table:
    width: int
    cells: list[Cell]
    height: int
    header_rows: int = 1


@dataclass
class Doc:
    """A document as paragraphs and tables in order: str is a paragraph."""

    blocks: list[str | Table]


# --- layouts -------------------------------------------------------------------------

HEADERS = {
    "number": "TT", "content": "Nội dung nhiệm vụ", "product": "Sản phẩm",
    "lead": "Cơ quan chủ trì", "support": "Cơ quan phối hợp",
    "deadline": "Thời gian hoàn thành", "funding": "Kinh phí", "note": "Ghi chú",
}
OTHER_HEADERS = {
    "number": "STT", "content": "Nội dung công việc", "product": "Kết quả",
    "lead": "Đơn vị chủ trì", "support": "Đơn vị phối hợp",
    "deadline": "Thời gian thực hiện", "funding": "Kinh phí thực hiện", "note": "Ghi chú",
}


def _fields(master: Master) -> list[str]:
    has_funding = any(d.funding for d in master.deliverables())
    return ["number", "content", "product", "lead", "support", "deadline",
            *(["funding"] if has_funding else []), "note"]


def _task_rows(task: Task, fields: list[str], top: int, bullets: bool,
               merge: bool = True) -> tuple[list[Cell], int]:
    """Cells of one task from row ``top``; returns them and the rows used."""
    ds = task.deliverables
    col = {f: i for i, f in enumerate(fields)}
    same = {f: len({getattr(d, f + "_text") for d in ds}) == 1 for f in ("lead", "support")}
    one_line = all("\n" not in d.product and not d.product.startswith("-") for d in ds)
    unlabelled = all(":" not in d.deadline.raw and "\n" not in d.deadline.raw for d in ds)
    same_funding = len({d.funding for d in ds}) == 1
    if bullets and len(ds) > 1 and one_line and unlabelled and all(same.values()):
        values = {
            "number": task.number, "content": task.content,
            "product": "\n".join(f"- {d.product}" for d in ds),
            "deadline": "\n".join(f"- {d.deadline.raw}" for d in ds),
            "lead": ds[0].lead_text, "support": ds[0].support_text,
            "funding": ds[0].funding if same_funding else "\n".join(d.funding for d in ds),
            "note": ds[0].note,
        }
        return [Cell(top, col[f], values[f]) for f in fields], 1
    cells = []
    n = len(ds)
    shared = {"number": task.number, "content": task.content, "note": ds[0].note}
    for f in ("lead", "support"):
        if same[f]:
            shared[f] = getattr(ds[0], f + "_text")
    if same_funding and merge:
        shared["funding"] = ds[0].funding
    for f, text in shared.items():
        if f in col:
            cells.append(Cell(top, col[f], text, rows=n if merge else 1))
    for k, d in enumerate(ds):
        per = {"product": d.product, "deadline": d.deadline.raw}
        for f in ("lead", "support", "funding"):
            if f not in shared:
                per[f] = getattr(d, f + "_text") if f != "funding" else d.funding
        for f, text in per.items():
            if f in col:
                cells.append(Cell(top + k, col[f], text))
    return cells, n


def _heading_cells(area: Area, task: Task, fields: list[str], top: int,
                   shown: set[str]) -> list[Cell]:
    """The heading row ("6 | Nâng cao chất lượng…") before a heading's first sub-task."""
    heading = area.find_heading(task.parent) if task.parent else None
    if heading is None or heading.id in shown:
        return []
    shown.add(heading.id)
    return [Cell(top, fields.index("number"), heading.number),
            Cell(top, fields.index("content"), heading.content)]


def _header(fields: list[str], names: dict[str, str], top: int = 0) -> list[Cell]:
    return [Cell(top, i, names[f], bold=True) for i, f in enumerate(fields)]


def _two_row_header(fields: list[str], top: int) -> list[Cell]:
    cells = []
    for i, f in enumerate(fields):
        if f == "lead":
            cells.append(Cell(top, i, "Cơ quan thực hiện", cols=2, bold=True))
            cells.append(Cell(top + 1, i, "Chủ trì", bold=True))
        elif f == "support":
            cells.append(Cell(top + 1, i, "Phối hợp", bold=True))
        else:
            cells.append(Cell(top, i, HEADERS[f], rows=2, bold=True))
    return cells


def _appendix_heading(area: Area, k: int, year: int) -> str:
    if area.heading.lower().startswith("phụ lục"):
        return area.heading
    return f"Phụ lục số {k:02d}: Các nhiệm vụ trọng tâm về {area.title} năm {year}"


def _preamble(master: Master) -> list[str]:
    p = master.plan
    lines = [p.authority.upper(), p.title.upper()]
    if p.attachment:
        lines.append(p.attachment)
    if p.appendix_title:
        lines.append(p.appendix_title)
    return lines


def _signature(master: Master) -> Table:
    """The closing block, a borderless two-column table in real documents."""
    return Table(2, [Cell(0, 0, "Nơi nhận:\n- Như trên;\n- Lưu: VT."),
                     Cell(0, 1, f"TM. {master.plan.authority.upper()}\nCHỦ TỊCH", bold=True)], 1)


def layout(master: Master, name: str) -> Doc:
    fields = _fields(master)
    blocks: list[str | Table] = _preamble(master)
    year = master.plan.year
    if name in ("phu-luc", "lon-xon"):
        for k, area in enumerate(master.areas, start=1):
            blocks.append(_appendix_heading(area, k, year))
            cells, row, shown = _header(fields, HEADERS), 1, set()
            for task in area.tasks:
                heading = _heading_cells(area, task, fields, row, shown)
                cells += heading
                row += bool(heading)
                more, used = _task_rows(task, fields, row, bullets=False)
                cells += more
                row += used
            blocks.append(Table(len(fields), cells, row))
        blocks.append(_signature(master))
        return Doc(_messy(blocks) if name == "lon-xon" else blocks)
    cells: list[Cell] = []
    if name == "mot-bang":
        cells += _two_row_header(fields, 0)
        cells += [Cell(2, i, f"({i + 1})") for i in range(len(fields))]
        row, since_header, shown = 3, 0, set()
        for k, area in enumerate(master.areas):
            cells.append(Cell(row, 0, f"{ROMAN[k]}. {area.title.upper()}", cols=len(fields),
                              bold=True))
            row += 1
            for task in area.tasks:
                if since_header >= 8:  # the header again, as at the top of a new page
                    cells += _two_row_header(fields, row)
                    row, since_header = row + 2, 0
                heading = _heading_cells(area, task, fields, row, shown)
                cells += heading
                row += bool(heading)
                more, used = _task_rows(task, fields, row, bullets=False)
                cells += more
                row += used
                since_header += used
        return Doc([*blocks, Table(len(fields), cells, row, header_rows=3)])
    cells += _header(fields, OTHER_HEADERS)
    row, shown = 1, set()
    for k, area in enumerate(master.areas):
        title = area.heading if area.heading.lower().startswith("nội dung") else area.title
        cells.append(Cell(row, 0, ROMAN[k], bold=True))
        cells.append(Cell(row, 1, title, cols=len(fields) - 1, bold=True))
        row += 1
        for task in area.tasks:
            heading = _heading_cells(area, task, fields, row, shown)
            cells += heading
            row += bool(heading)
            more, used = _task_rows(task, fields, row, bullets=True, merge=False)
            cells += more
            row += used
    return Doc([*blocks, Table(len(fields), cells, row)])


_NBSP = "\u00a0"


def _mess(text: str, k: int) -> str:
    """The same text as other software leaves it; ``k`` varies the kind of mess."""
    if not text:
        return text
    text = unicodedata.normalize("NFD", text) if k % 2 == 0 else text
    text = text.replace(" ", _NBSP, 1) if k % 3 == 0 else text.replace(" ", "  ", 1)
    if k % 4 == 1:
        text = text + " \x07"
    return text


def _mess_units(text: str, k: int) -> str:
    """Unit cells: bullets "•" or ";" instead of "- " lines."""
    lines = [x.lstrip("-• ").rstrip(";.") for x in text.split("\n")]
    # "Cơ quan phối hợp: ...", "X chủ trì, phối hợp với Y" keep their own lines.
    labelled = any(":" in x or "phối hợp" in x for x in lines)
    return "; ".join(lines) if k % 2 and not labelled else "\n".join(f"• {x}" for x in lines)


def _messy(blocks: list[str | Table]) -> list[str | Table]:
    out: list[str | Table] = []
    for b in blocks:
        if isinstance(b, str):
            out.append(_mess(b, 1))
            continue
        cells = []
        for k, c in enumerate(b.cells):
            if c.row == 0:
                text = f"“{c.text}”" if c.col % 2 else c.text
            elif c.col in (3, 4):
                text = _mess_units(c.text, k)
            else:
                text = _mess(c.text, k)
            cells.append(Cell(c.row, c.col, text, c.rows, c.cols, c.bold))
        out.append(Table(b.width, cells, b.height, b.header_rows))
    return out


# --- Word --------------------------------------------------------------------------

def write_docx(doc: Doc, path: Path) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    from docx.table import _Cell

    d = Document()
    style = d.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    section.top_margin = section.bottom_margin = Cm(1.5)
    widths = {"number": 1.2, "content": 7.0, "product": 4.5, "lead": 3.6, "support": 3.6,
              "deadline": 3.0, "funding": 2.2, "note": 1.6}
    for block in doc.blocks:
        if isinstance(block, str):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            lines = block.split("\n")
            for i, line in enumerate(lines):
                run = p.add_run(line)
                run.bold = line.isupper() or line.lower().startswith(("phụ lục", "nội dung"))
                run.italic = line.startswith("(")
                if i < len(lines) - 1:
                    run.add_break()
            continue
        table = d.add_table(rows=block.height, cols=block.width)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        total = sum(list(widths.values())[: block.width])
        for i, col in enumerate(table.columns):
            width = Cm(26.7 * list(widths.values())[i % len(widths)] / total)
            col.width = width
            for tr in table._tbl.tr_lst:
                tr.tc_lst[i].width = width
        for r in range(block.header_rows):
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            flag = OxmlElement("w:tblHeader")
            tr_pr.append(flag)
        # Table.cell() rebuilds the whole grid on each call: take the cells once.
        grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
        for c in block.cells:
            cell = grid[c.row][c.col]
            if c.rows > 1 or c.cols > 1:
                cell = cell.merge(grid[c.row + c.rows - 1][c.col + c.cols - 1])
            first = cell.paragraphs[0]
            for i, line in enumerate(c.text.split("\n") if c.text else []):
                p = first if i == 0 else cell.add_paragraph()
                run = p.add_run(line)
                run.bold = c.bold
                if c.bold or c.col == 0:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if c.bold and c.cols > 1:
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    d.add_paragraph()  # Word ends a document with a paragraph, never with a table
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


# --- Excel -------------------------------------------------------------------------

def write_xlsx(doc: Doc, path: Path, layout_name: str) -> Path:
    """The document in a workbook: ``phu-luc``/``lon-xon`` one sheet per appendix,
    ``mot-bang`` the table from C4 on one sheet, ``so-la-ma`` after a notes sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    if layout_name == "so-la-ma":
        ws.title = "Hướng dẫn"
        ws["A1"] = "Bảng phân công nhiệm vụ ở trang sau."
        ws = wb.create_sheet("Phân công")
    else:
        ws.title = "Kế hoạch"
    top, left = (4, 3) if layout_name == "mot-bang" else (1, 1)
    row = top
    per_sheet = layout_name in ("phu-luc", "lon-xon")
    first_table = True
    for block in doc.blocks:
        if isinstance(block, str):
            if per_sheet and block.lower().startswith("phụ lục") and not first_table:
                ws = wb.create_sheet(f"PL{len(wb.worksheets) + 1:02d}")
                row = top
            ws.cell(row, left, _excel_text(block)).font = Font(name=FONT, bold=True)
            row += 1
            continue
        first_table = False
        for c in block.cells:
            cell = ws.cell(row + c.row, left + c.col, _excel_text(c.text) or None)
            cell.font = Font(name=FONT, bold=c.bold)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if c.rows > 1 or c.cols > 1:
                ws.merge_cells(start_row=row + c.row, start_column=left + c.col,
                               end_row=row + c.row + c.rows - 1,
                               end_column=left + c.col + c.cols - 1)
        for r in range(block.height):
            for k in range(block.width):
                ws.cell(row + r, left + k).border = border
        row += block.height + 1
    for sheet in wb.worksheets:
        for letter, width in zip("ABCDEFGHIJ", (6, 45, 30, 22, 22, 18, 14, 10), strict=False):
            sheet.column_dimensions[letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _excel_text(text: str) -> str:
    """openpyxl refuses control characters; Excel keeps them escaped as "_x0007_"."""
    return text.replace("\x07", "_x0007_")


def write_plan_document(master: Master | Path, out: Path, layout_name: str = "phu-luc") -> Path:
    """``master`` (a loaded plan, or the path of its master workbook) as a plan document."""
    doc = layout(master if isinstance(master, Master) else load_master(master), layout_name)
    if out.suffix.lower() == ".docx":
        if layout_name == "lon-xon":
            doc = Doc([_docx_safe(b) for b in doc.blocks])
        return write_docx(doc, out)
    return write_xlsx(doc, out, layout_name)


def _docx_safe(block: str | Table) -> str | Table:
    """Word's XML holds no control characters: a pasted one arrives as a tab."""
    if isinstance(block, str):
        return block.replace("\x07", "\t")
    return Table(block.width, [Cell(c.row, c.col, c.text.replace("\x07", "\t"), c.rows, c.cols,
                                    c.bold) for c in block.cells], block.height,
                 block.header_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("master", type=Path)
    parser.add_argument("out", type=Path, help=".docx or .xlsx")
    parser.add_argument("--layout", choices=LAYOUTS, default="phu-luc")
    args = parser.parse_args()
    print(write_plan_document(args.master, args.out, args.layout))


if __name__ == "__main__":
    main()
