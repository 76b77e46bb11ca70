"""Reading a Word (.docx) plan with python-docx: paragraphs and tables in document
order, with horizontal merges (gridSpan) and vertical merges (vMerge) resolved to
the cell they continue."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from .. import bounds
from ..errors import WorkbookError
from ..findings import Finding
from ..office_ui import WORD_REVIEW
from ..text import short_list
from ..vocab import WARNING
from .numbering import Numbers
from .preamble import form_part
from .source import Block, GridCell, SourceTable, TextLine, cell_text

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_PPR, _PSTYLE, _NUMPR, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:numPr"), qn("w:val")
_TXBX = qn("w:txbxContent")
_TRPR, _RPR, _DEL = qn("w:trPr"), qn("w:rPr"), qn("w:del")
# Tracked changes ("Theo dõi thay đổi" on) of what a table's rows say: text and rows
# inserted, deleted, moved. Formatting changes (w:rPrChange ...) change no word.
_REVISIONS = ".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: Path) -> list[Block]:
    try:
        return _read(path)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, zlib.error,
            etree.XMLSyntaxError, PackageNotFoundError) as exc:
        # A part cut short (a copy stopped half-way, a damaged attachment): lxml fails.
        raise WorkbookError(
            "tệp Word (.docx) bị hỏng, không đọc được nội dung", file=str(path),
            hint="mở tệp trong Word hoặc LibreOffice, đồng ý nếu được đề nghị sửa tệp, lưu "
                 "lại dưới dạng .docx rồi nhập lại; hoặc xin lại bản gốc của văn bản") from exc


_TOO_BIG_HINT = ("xin bản gốc của văn bản, hoặc mở trong Word, lưu lại dưới dạng .docx rồi nhập "
                 "lại")


def _read(path: Path) -> list[Block]:
    # Read whole (python-docx parses every part it loads): its zip directory first.
    refused = bounds.check_package(path, hint=_TOO_BIG_HINT)
    if refused is not None:
        raise refused
    document = Document(str(path))
    numbers = Numbers(document)
    blocks: list[Block] = []
    tables = 0
    for element in _with_text_boxes(_body_items(document.element.body)):
        if element.tag == _P:
            if _deleted(element):  # gone once the changes are accepted: counts in no list
                continue
            numbers.next(element)  # a numbered paragraph counts in its list
            text = cell_text(_paragraph_text(element))
            if text:
                blocks.append(TextLine(text, f"đoạn văn trước bảng {tables + 1}"))
        else:
            table = _table(element, f"bảng {tables + 1}", numbers)
            part = form_part([[cell.text for cell in row] for row in table.rows])
            if part is None:  # the letterhead's, the signature's table: no "bảng N"
                tables += 1
            else:
                table.label = part
            blocks.append(table)
    return _after_the_last(blocks, tables)


def _after_the_last(blocks: list[Block], tables: int) -> list[Block]:
    """The paragraphs after the last table placed after it ("đoạn văn sau bảng 1"): "đoạn
    văn trước bảng 2" sent the user looking for a table the document does not have (the
    signature, "Nơi nhận" typed in TCVN3 were named so)."""
    if not tables:
        return blocks
    after = f"đoạn văn trước bảng {tables + 1}"
    return [replace(b, place=f"đoạn văn sau bảng {tables}")
            if isinstance(b, TextLine) and b.place == after else b for b in blocks]


def _body_items(body):
    """Paragraphs and tables in order, those inside content controls too, and those
    inside a frame (:func:`_is_frame`) as if the frame were not there."""
    for element in body.iterchildren():
        if element.tag == _TBL and _is_frame(element):
            for tr in _rows(element):
                for tc in _cells(tr):
                    yield from _body_items(tc)
        elif element.tag in (_P, _TBL):
            yield element
        elif element.tag == _SDT:
            for content in element.iterchildren(_SDT_CONTENT):
                yield from _body_items(content)


def _is_frame(tbl) -> bool:
    """A table of one column holding a table: a box the plan (or its appendix) was put
    in, as a page copied from a website or a PDF converted to Word has it. Read as one
    cell, the task table inside was a cell's lines, and the import said there was no
    task table at all."""
    rows = _rows(tbl)
    return bool(rows) and all(len(_cells(tr)) == 1 for tr in rows) and any(
        tc.find(_TBL) is not None for tr in rows for tc in _cells(tr))


def _with_text_boxes(items):
    """The body's paragraphs and tables, each paragraph preceded by those of the text
    boxes anchored in it ("ỦY BAN NHÂN DÂN / XÃ HOẰNG HÓA / Số: 12/KH-UBND" typed in a
    box), one a line as Word shows them."""
    for element in items:
        if element.tag == _P:
            for box in _text_boxes(element):
                yield from _with_text_boxes(_body_items(box))
        yield element


def _text_boxes(p) -> list:
    """The text boxes anchored in paragraph ``p``, each once: Word saves a box twice, as
    a drawing and as its VML copy for older readers (``mc:Fallback``), left out."""
    return [box for box in p.iter(_TXBX)
            if box.getparent() is not None and not _in_fallback(box)
            and next(box.iterancestors(_TXBX), None) is None]


def _in_fallback(node) -> bool:
    return next(node.iterancestors(_FALLBACK), None) is not None


def _own_text_nodes(p):
    """The text nodes of ``p`` itself: not those of a text box anchored in it (read as
    lines of their own, :func:`_with_text_boxes`)."""
    stack = list(reversed(p))
    while stack:
        node = stack.pop()
        if node.tag in (_TXBX, _FALLBACK):
            continue
        if node.tag in (_T, _TAB, _BR, _CR):
            yield node
        stack.extend(reversed(node))


def _paragraph_text(p) -> str:
    """A paragraph's text as Word shows it: tracked insertions and content controls
    included (deleted text is ``w:delText``, left out), a text box anchored in it not
    (its lines are read apart)."""
    parts = []
    for node in _own_text_nodes(p):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _is_list_item(p) -> bool:
    ppr = p.find(_PPR)
    if ppr is None:
        return False
    style = ppr.find(_PSTYLE)
    name = (style.get(_VAL) or "") if style is not None else ""
    return ppr.find(_NUMPR) is not None or name.replace(" ", "").lower().startswith("listbullet")


def _cell_text(tc, numbers: Numbers) -> str:
    """A cell's paragraphs, one a line; Word's automatic bullets (no dash typed) are
    written "- " when the cell holds several, as a typed list would be; a paragraph
    holding only Word's automatic number (a TT column numbered by Word) is that number,
    as Word shows it."""
    paragraphs = []
    for p in tc.iter(_P):
        if _in_fallback(p) or _deleted(p):  # a text box's copy for older readers
            continue
        number, text = numbers.next(p), _paragraph_text(p)
        paragraphs.append((p, text if text.strip() or number is None else number))
    items = [p for p, text in paragraphs if text.strip() and _is_list_item(p)]
    bulleted = len(items) >= 2
    return "\n".join(f"- {text}" if bulleted and p in items else text
                     for p, text in paragraphs)


def _deleted(p) -> bool:
    """True for a paragraph deleted with tracked changes on (its mark deleted, no word
    of it left): Word's automatic number of a deleted task row ("2") was read as a task
    of no content, and the tasks after it numbered one too many."""
    ppr = p.find(_PPR)
    rpr = ppr.find(_RPR) if ppr is not None else None
    return rpr is not None and rpr.find(_DEL) is not None and not _paragraph_text(p).strip()


def _deleted_row(tr) -> bool:
    """True for a table row deleted with tracked changes on: read as blank, as the row
    is gone once the changes are accepted."""
    trpr = tr.find(_TRPR)
    return trpr is not None and trpr.find(_DEL) is not None


def _rows(tbl):
    return tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")


def _cells(tr):
    return tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc")


def _table(tbl, label: str, numbers: Numbers) -> SourceTable:
    placed: list[dict[int, tuple[int, int, str]]] = []  # per row: col -> (span, origin row, text)
    revised = []
    for r, tr in enumerate(_rows(tbl)):
        col = tr.grid_before
        row: dict[int, tuple[int, int, str]] = {}
        gone = _deleted_row(tr)
        if tr.xpath(_REVISIONS):
            revised.append(r)
        for tc in _cells(tr):
            span = tc.grid_span
            origin_row = r
            text = "" if gone else cell_text(_cell_text(tc, numbers))
            if tc.vMerge == "continue":
                above = placed[r - 1].get(col) if r else None
                if above is not None:
                    origin_row, text = above[1], above[2]
            row[col] = (span, origin_row, text)
            col += span
        placed.append(row)
    width = max((c + s for row in placed for c, (s, _, _) in row.items()), default=0)
    rows = []
    for r, row in enumerate(placed):
        cells = [GridCell("", (r, c)) for c in range(width)]
        for c, (span, origin_row, text) in row.items():
            for k in range(c, c + span):
                cells[k] = GridCell(text, (origin_row, c))
        rows.append(cells)
    return SourceTable(rows=rows, label=label, revised=revised)


def tracked_changes_found(blocks: list[Block], file: str) -> list[Finding]:
    """A warning for each table of a Word document with tracked changes not accepted:
    read as Word shows the document once they are (text and rows added kept, those
    deleted left out), which the office may not have agreed to: a task a reviewer
    proposed to drop was dropped without a word."""
    return [Finding(
        WARNING, "import-tracked-changes",
        f"{'dòng' if len(block.revised) == 1 else 'các dòng'} "
        f"{short_list([str(r + 1) for r in block.revised], 8, ', ', 'dòng')} còn thay đổi "
        "được theo dõi (Track Changes) chưa chấp nhận: đã nhập như khi chấp nhận tất cả (giữ "
        "chữ, dòng được thêm; bỏ chữ, dòng bị xóa); nếu có thay đổi chưa được đồng ý, mở văn "
        f"bản trong Word, chọn {WORD_REVIEW} từng thay đổi, lưu lại rồi nhập lại",
        file=file, place=block.label)
        for block in blocks if isinstance(block, SourceTable) and block.revised]
