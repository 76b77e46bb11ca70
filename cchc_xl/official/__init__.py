"""Official documents in the form of Nghị định 30/2020, written with python-docx.

The report (``report --docx``) and the reminder letter (``remind``) are drafts the
office finishes in Word: the number, the date and the signature are left to fill.
Both are built the same way:

- the page and paragraph styles come from ``templates/van-ban.docx`` (made by
  ``scripts/make_docx_template.py``; the office may restyle it in Word, keeping the
  style names below);
- the wording comes from a jinja2 text template in ``templates/`` cut into named
  parts by lines ``=== name ===`` (letterhead, title, body, recipients, signature);
  the body is plain paragraphs, ``# `` for a section heading, ``## `` for a
  sub-heading and ``**...**`` for bold words;
- tables are :class:`cchc_xl.report.grid.Grid` objects, the same the workbook and
  the HTML page draw, put in landscape sections with their header rows repeated, a
  row that fits on a page under them kept whole on one page and no column narrower
  than its longest word, its columns of long text sized to their text
  (:mod:`.measure`), its first notes a last row kept with the row above, the others
  paragraphs after it (:func:`_notes_row`);
- the signature block is kept whole with the body's last paragraph, and a section's
  closing paragraph takes no line, so that no page is left blank but for its number;
- the XML python-docx has no API for (page numbers, rules, rows kept whole, borders)
  is written by :mod:`.docx_xml`.

python-docx rather than docxtpl: most of these documents are structure computed
from the figures (a section per area, tables of varying shape with merged cells,
landscape sections), which python-docx builds directly; Jinja tags typed inside a
Word file break when Word splits a run while the office edits it.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph

from .. import clock, styles
from ..edited import MADE_BY, stamp
from ..errors import CchcError
from ..issuer import Issuer
from ..templates import render, template_path
from ..text import roman_numeral
from ..xlio import atomic_write
from . import docx_xml
from .measure import (
    CELL_MARGIN_CM,
    EMU_PER_PX,
    column_widths,
    header_cells,
    header_points,
    kept_whole,
    kept_with_last,
    last_words_together,
    notes_points,
    tail_row,
    text_points,
)

TEMPLATE = "van-ban.docx"

# Style names in templates/van-ban.docx (the office sees them in Word's style list).
HEAD = "Đầu văn bản"
HEAD_BOLD = "Tên cơ quan"
NATION = "Quốc hiệu"
MOTTO = "Tiêu ngữ"
PLACE_DATE = "Địa danh, ngày tháng"
SUBJECT = "Trích yếu công văn"
KIND = "Tên loại văn bản"
TITLE = "Trích yếu"
ADDRESSEE = "Kính gửi"
SECTION = "Tiêu đề mục"
SUBSECTION = "Tiêu đề tiểu mục"
RECIPIENTS_HEAD = "Nơi nhận"
RECIPIENTS = "Danh sách nơi nhận"
SIGNATURE = "Chức vụ người ký"
APPENDIX = "Tên phụ lục"
APPENDIX_NOTE = "Ghi chú phụ lục"
TABLE_TEXT = "Chữ trong bảng"
TABLE_HEADER = "Tiêu đề bảng"

NATION_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_TEXT = "Độc lập - Tự do - Hạnh phúc"
BLANK = "\u00a0" * 6  # room to write a number or a day by hand
# The rules under the issuer's name, the motto and the trích yếu: this far under the
# words (points), then this much space before what follows.
HEAD_RULE_AFTER_PT = 6
TITLE_RULE_AFTER_PT = 12
_PART = re.compile(r"^=== *([a-z-]+) *===\s*$", re.MULTILINE)
_ROMAN_MAX = 12  # an appendix numbered past it is written in figures


def roman(n: int) -> str:
    return roman_numeral(n) if 0 < n <= _ROMAN_MAX else str(n)


def date_line(place: str, year: int) -> str:
    """"Hoằng Hóa, ngày      tháng      năm 2023": day and month left to write."""
    return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"


def annex_note(document: str, number: str, year: int, authority: str) -> str:
    """"(Kèm theo Báo cáo số      /BC-UBND ngày      tháng      năm 2023 của ...)"."""
    return (f"(Kèm theo {document} số{BLANK}{number} ngày{BLANK}tháng{BLANK}năm {year} "
            f"của {authority})")


def parts(template: str, **context: object) -> dict[str, str]:
    """Render a text template and cut it at its ``=== name ===`` lines."""
    text = render(template, **context)
    pieces = _PART.split(text)
    out = {name: body.strip("\n") for name, body in zip(pieces[1::2], pieces[2::2], strict=True)}
    return out


# --- the document ----------------------------------------------------------------------


# What every Word document cchc-xl writes says of itself (its "Comments" property).


LANGUAGE = "vi-VN"


def _vietnamese(doc) -> None:
    """Mark the text Vietnamese: the default of every run (python-docx's template says
    en-US, and Word and LibreOffice then underlined every Vietnamese word as a spelling
    mistake; a QA pass), and the language Word's theme fonts are chosen for."""
    node = doc.styles.element  # docDefaults first among the styles, lang last in rPr
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"):
        child = node.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            node.insert(0 if tag == "w:docDefaults" else len(node), child)
        node = child
    node.set(qn("w:val"), LANGUAGE)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


def new_document():
    """An empty document with the template's styles and page setup."""
    path = template_path(TEMPLATE)
    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise CchcError(f"mẫu Word hỏng hoặc không phải tệp .docx ({exc})", file=str(path),
                        hint="dựng lại bằng 'python scripts/make_docx_template.py'") from exc
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    docx_xml.page_numbers(doc.sections[0])
    _vietnamese(doc)
    doc.core_properties.comments = MADE_BY  # overwrite.kind_of knows it by this
    # Made now: the template's own dates (23/12/2013, python-docx's) were every
    # document's "created" in Word's properties (a QA pass).
    now = clock.now().replace(microsecond=0)
    doc.core_properties.created = doc.core_properties.modified = now
    stamp(doc)  # a save by Word or LibreOffice is told by it (edited.is_edited)
    return doc


def _style(doc, name: str):
    try:
        return doc.styles[name]
    except KeyError as exc:
        raise CchcError(f"mẫu Word thiếu kiểu '{name}'", file=str(template_path(TEMPLATE)),
                        hint="khôi phục kiểu đó trong Word hoặc dựng lại mẫu bằng "
                             "'python scripts/make_docx_template.py'") from exc


# A document's paragraph style ids by style name, kept with its main part (see _set_style).
_STYLE_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _set_style(p, name: str) -> None:
    """Give paragraph ``p`` the style ``name``, as python-docx's ``Paragraph.style``
    setter does. That setter looks the document's default style up among all its
    styles (164 in the template) on every call, 2 ms each: half of a report's time went
    there. The style's id is found once per document instead."""
    part = p.part
    ids = _STYLE_IDS.setdefault(part, {})
    if name not in ids:
        ids[name] = part.get_style_id(_style(part.document, name), WD_STYLE_TYPE.PARAGRAPH)
    p._p.style = ids[name]


def paragraph(container, text: str, style: str, *, bold: bool | None = None,
              align=None):
    """A paragraph in ``style``; ``**...**`` marks bold words."""
    p = container.add_paragraph()
    _set_style(p, style)
    for i, piece in enumerate(text.split("**")):
        if piece:
            run = p.add_run(piece)
            if i % 2 or bold is not None:
                run.bold = True if i % 2 else bold
    if align is not None:
        p.alignment = align
    return p


def _text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def _cell_text(cell, lines: list[str], style: str) -> None:
    _set_style(cell.paragraphs[0], style)
    first = True
    for line in lines:
        if first:
            p = cell.paragraphs[0]
        else:
            p = cell.add_paragraph()
            _set_style(p, style)
        p.add_run(line)
        first = False


def letterhead(doc, *, issuer: Issuer, number: str, year: int, parent: str = "",
               subject: str = "") -> None:
    """The two-column header: issuer and number left, quốc hiệu, tiêu ngữ, place and
    date right; a công văn's subject ("V/v ...") under its number."""
    width = _text_width(doc.sections[0])
    left = int(width * 0.38)
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    docx_xml.no_borders(table)
    docx_xml.widths(table, [left, width - left])
    top_left, top_right = table.rows[0].cells
    parent = parent or issuer.parent  # the template's, else the body the issuer is of
    names = ([parent.upper()] if parent else []) + list(issuer.lines)
    _cell_text(top_left, names[:1], HEAD if parent else HEAD_BOLD)
    for line in names[1:]:
        paragraph(top_left, line, HEAD_BOLD)
    docx_xml.rule(paragraph(top_left, "", HEAD), 2.2, HEAD_RULE_AFTER_PT)
    _cell_text(top_right, [NATION_TEXT], NATION)
    paragraph(top_right, MOTTO_TEXT, MOTTO)
    docx_xml.rule(paragraph(top_right, "", HEAD), 1.6, HEAD_RULE_AFTER_PT)
    bottom_left, bottom_right = table.rows[1].cells
    _cell_text(bottom_left, [number], HEAD)
    if subject:
        paragraph(bottom_left, last_words_together(subject, left, _font_pt(doc, SUBJECT)),
                  SUBJECT)
    _cell_text(bottom_right, [date_line(issuer.place, year)], PLACE_DATE)


def heading(doc, kind: str, title: str) -> None:
    """The document's kind ("BÁO CÁO") and its trích yếu, with a rule under it."""
    if kind:
        paragraph(doc, kind, KIND)
    lines = [line for line in title.splitlines() if line.strip()]
    for line in lines:
        paragraph(doc, line, TITLE)
    docx_xml.rule(paragraph(doc, "", TITLE), 6.0, TITLE_RULE_AFTER_PT)


def body(doc, text: str) -> None:
    """Paragraphs of a rendered body: "# " section, "## " sub-section, else body text."""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            paragraph(doc, line[3:], SUBSECTION)
        elif line.startswith("# "):
            paragraph(doc, line[2:], SECTION)
        else:
            p = paragraph(doc, line, "Normal")
            if line.endswith(":"):
                # A line introducing what follows ("Tổng hợp từ ghi chú của các đơn vị:")
                # goes to the next page with it, never alone at a page's foot (a QA pass).
                p.paragraph_format.keep_with_next = True


# Where "Kính gửi:"'s list of recipients starts ("- Phòng Nội vụ;"), under the words
# after it (Nghị định 30, Mẫu 1.4: the list under "Kính gửi:", not centred line by line).
ADDRESSEE_LIST_INDENT_CM = 6.5
# A letter to units names each in "Kính gửi" up to this many (a line each); to more,
# "Các cơ quan, đơn vị có tên tại công văn này" (templates/kinh-gui.docx.j2).
ADDRESSEES_MAX = 4


def addressee(doc, line: str) -> None:
    """A line of "Kính gửi": the heading centred; a recipient of a list ("- …") left
    aligned under it."""
    p = paragraph(doc, line, ADDRESSEE)
    if line.startswith("- "):
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.left_indent = Cm(ADDRESSEE_LIST_INDENT_CM)
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)


def closing(doc, *, recipients: str, title: str, signer: str = "") -> None:
    """Nơi nhận on the left; the signer's position, room to sign and name on the right.

    The block is one unsplittable row kept with the body's last paragraph: Nghị định 30
    wants the signature on a page with text it signs, never alone on the next page nor
    squeezed under the text with no room to sign."""
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    width = _text_width(doc.sections[-1])
    left = int(width * 0.45)
    table = doc.add_table(rows=1, cols=2)
    docx_xml.no_borders(table)
    docx_xml.widths(table, [left, width - left])
    docx_xml.keep_row(table.rows[0])  # the signature block never splits across pages
    cell_left, cell_right = table.rows[0].cells
    _cell_text(cell_left, ["Nơi nhận:"], RECIPIENTS_HEAD)
    for line in recipients.splitlines():
        if line.strip():
            paragraph(cell_left, last_words_together(line.strip(), left,
                                                          _font_pt(doc, RECIPIENTS)),
                      RECIPIENTS)
    _cell_text(cell_right, [line for line in title.splitlines() if line.strip()], SIGNATURE)
    cell_right.paragraphs[0].paragraph_format.space_before = Pt(12)  # level with "Nơi nhận"
    for _ in range(4):
        paragraph(cell_right, "", SIGNATURE)
    if signer:
        paragraph(cell_right, signer, SIGNATURE)
    for cell in (cell_left, cell_right):
        for p in cell.paragraphs:
            _keep_together(p)


def landscape_section(doc):
    """A new page in landscape for a wide table; margins as the template's."""
    first = doc.sections[0]
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    docx_xml.section_end(doc.paragraphs[-1])
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = first.page_height, first.page_width
    return section


def appendix(doc, number: int | None, note: str, title: str, subtitle: str = "",
             measure: str = "") -> None:
    """An appendix heading on a new landscape page: "Phụ lục I", its note, its title;
    its pages numbered on their own (Nghị định 30: "số trang của Phụ lục được đánh
    riêng theo từng Phụ lục"), from 1, the first not shown as in the text before.
    ``number`` None: a document's only appendix, "Phụ lục" (Nghị định 30 numbers
    appendices in Roman numerals when there are two or more). ``measure``: the table's
    unit of counting ("Đơn vị tính: nhiệm vụ"), at the right above it."""
    docx_xml.numbered_from_one(landscape_section(doc))
    paragraph(doc, "Phụ lục" if number is None else f"Phụ lục {roman(number)}", APPENDIX)
    paragraph(doc, title.upper(), APPENDIX)
    if subtitle:
        paragraph(doc, subtitle, APPENDIX_NOTE, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format \
            .space_after = Pt(0)
    paragraph(doc, note, APPENDIX_NOTE)
    if measure:
        paragraph(doc, measure, APPENDIX_NOTE, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _keep_together(p) -> None:
    """A paragraph kept whole and on the page of the one after it (Word keeps a table
    row whose paragraphs are kept with the next with the row after it)."""
    p.paragraph_format.keep_together = True
    p.paragraph_format.keep_with_next = True


def _font_pt(doc, name: str) -> float:
    """The font size a style gives, looked up through the styles it is based on."""
    style = _style(doc, name)
    while style is not None and style.font.size is None:
        style = style.base_style
    return style.font.size.pt if style is not None else styles.SIZE


def _header_rows(rows: list, header, first: int = 0
                 ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Write the header rows from table row ``first`` (of ``rows``, the table's rows),
    repeated on each page; return the ranges to merge."""
    for r in range(first, first + len(header)):
        docx_xml.repeat_header(rows[r])
    merges = []
    for r, col, text, colspan, rowspan in header_cells(header):
        r += first
        _cell_text(rows[r].cells[col], [text], TABLE_HEADER)
        if colspan > 1 or rowspan > 1:
            merges.append(((r, col), (r + rowspan - 1, col + colspan - 1)))
    return merges


def _body_rows(rows: list, grid, first: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Write the grid's rows from table row ``first`` (of ``rows``, the table's rows, a
    list: python-docx's ``table.rows[r]`` lists every row again at each call, which made a
    table of 2,000 units quadratic, 7.6 s of a report under cProfile, issue #11); return
    the ranges to merge.

    A group label ("Cải cách thể chế") is kept with the row under it, as a heading is."""
    merges = []
    for i, row in enumerate(grid.rows):
        r = first + i
        cells = rows[r].cells
        if row.group:
            _cell_text(cells[0], [row.group], TABLE_TEXT)
            cells[0].paragraphs[0].runs[0].bold = True
            _keep_together(cells[0].paragraphs[0])
            merges.append(((r, 0), (r, len(grid.columns) - 1)))
            continue
        for col, cell in enumerate(row.cells):
            if cell is None:
                continue
            text = "" if cell.value is None else str(cell.value)
            _cell_text(cells[col], text.split("\n"), TABLE_TEXT)
            paras = cells[col].paragraphs
            if any(k in cell.style for k in ("center", "int", "rate")):
                for p in paras:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if "bold" in cell.style:
                for p in paras:
                    for run in p.runs:
                        run.bold = True
            if cell.rowspan > 1:
                merges.append(((r, col), (r + cell.rowspan - 1, col)))
    return merges


def _kept_whole(doc, grid, header, widths: list[int]) -> tuple[list[bool], int | None]:
    """:func:`kept_whole` of the grid's rows in a table about to be added at the end of
    the document, on its last section's page, under the header rows repeated on each
    page and, on the first, the heading over the table, the grid's first note (the
    table's notes row, :func:`_notes_row`) under its last row; and the row
    :func:`kept_with_last`."""
    section = doc.sections[-1]
    page = Emu(section.page_height - section.top_margin - section.bottom_margin).pt
    room = page - header_points(header, widths, _font_pt(doc, TABLE_HEADER),
                                _paragraph_points(doc, TABLE_HEADER))
    first_room = room - _heading_points(doc)
    size, spacing = _font_pt(doc, TABLE_TEXT), _paragraph_points(doc, TABLE_TEXT)
    notes = _notes_points(doc, _in_row(grid.after), sum(widths))
    kept = kept_whole(grid, widths, room, first_room, size, spacing, notes)
    return kept, kept_with_last(grid, kept, widths, room, size, spacing, notes, first_room)


def _notes_points(doc, notes: list[str], width: int) -> float:
    """About how tall the notes under a table print (:func:`_notes_row`)."""
    if not notes:
        return 0.0
    fmt = _style(doc, "Normal").paragraph_format
    line = fmt.line_spacing if isinstance(fmt.line_spacing, float) else 1.0
    after = fmt.space_after.pt if fmt.space_after is not None else 0.0
    return notes_points(notes, width, _font_pt(doc, "Normal"), line, NOTE_BEFORE_PT + after)


def _heading_points(doc) -> float:
    """About how tall the paragraphs at the end of the document, in its last section,
    print (an appendix's heading, over the table about to be added): each its lines
    across the text width, and the space around it."""
    room = _text_width(doc.sections[-1]) / EMU_PER_PX
    total = 0.0
    body = doc.element.body
    end = body[-1] if len(body) and body[-1].tag == qn("w:sectPr") else None
    for el in (end.itersiblings(preceding=True) if end is not None else reversed(body)):
        if el.tag != qn("w:p") or (el.pPr is not None and el.pPr.sectPr is not None):
            break
        p = Paragraph(el, doc._body)
        name = p.style.name
        total += (text_points(p.text, room, _font_pt(doc, name), bool(p.style.font.bold))
                  + _paragraph_points(doc, name))
    return total


def _paragraph_points(doc, name: str) -> float:
    """The space a style puts before and after each paragraph, in points."""
    fmt = _style(doc, name).paragraph_format
    return sum(space.pt for space in (fmt.space_before, fmt.space_after) if space is not None)


def grid_table(doc, grid, *, table_per_group: bool = False) -> None:
    """A report :class:`~cchc_xl.report.Grid` as a Word table across the text width,
    its header repeated on each page, a short row printed whole on one page, a tall one
    breaking where a page ends (:func:`.measure.kept_whole`).

    ``table_per_group``: each group (a group label and the rows under it, up to the next
    label) a table of its own, its label a first row across the columns above the
    header, both repeated on each page the group's rows run on to (the reminder letter's
    items by unit: a unit's rows continued on the next page under the header alone, a
    merged cell printed blank there, did not say whose they were). The tables have the
    same column widths, with a thin gap between them (tables side by side are one); their
    rows may break across pages (see :func:`_table`). The grid's notes (``after``) are
    the last table's last row (:func:`_notes_row`)."""
    header = grid.header_rows()
    widths = column_widths(grid, header, _text_width(doc.sections[-1]),
                           _font_pt(doc, TABLE_HEADER), _font_pt(doc, TABLE_TEXT))
    blocks = (_groups(grid.rows) or [("", [])]) if table_per_group else [("", grid.rows)]
    table = None
    for n, (label, body) in enumerate(blocks):
        if n:
            _gap(doc)
        table = _table(doc, replace(grid, rows=body), header, widths, label)
    if grid.after:
        _notes_row(table, grid.after)


def _notes_row(table, notes: list[str]) -> None:
    """The notes under a table: the first as its last row, one cell across the columns,
    no border but the line under the table's last row, printed whole and kept with that
    row, so that the table never ends a page with its notes alone on the next (a head of
    office does not sign a page of notes); the others, when two or more, paragraphs after
    the table, each printed whole and kept with the next, free to run on together to the
    next page (:data:`NOTES_IN_ROW`).

    As paragraphs after the table, all kept with it, LibreOffice 7.4 printed them alone
    on the next page when the table had run on from an earlier page (the province's
    Phụ lục II): it keeps a table with the paragraph after it only on the table's first
    page. Rows kept with the next it honours on every page. All in the row, the notes
    took the table's last rows with them to the next page where they did not fit under
    it, a third of the page before left blank (the province's Phụ lục II: its last
    commune and "Cộng" over three notes; a QA pass); a typist in Word lets the notes
    after the first run on."""
    last = table.rows[-1]
    whole = last._tr.trPr is not None and last._tr.trPr.find(qn("w:cantSplit")) is not None
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    cell._tc.get_or_add_tcPr().append(docx_xml.nil_borders(
        "w:tcBorders", ("left", "bottom", "right", "insideH", "insideV")))
    docx_xml.keep_row(row)  # a sentence or two (grid.Grid.after): never split
    paras = []
    for n, text in enumerate(_in_row(notes)):
        p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        _note(p, text)
        paras.append(p)
    # A last row free to break is not kept with them: LibreOffice then moved it whole to
    # the next page, where it fitted and its notes did not (see _table's tail row).
    for p in [p for c in last.cells for p in c.paragraphs] * whole + paras[:-1]:
        p.paragraph_format.keep_with_next = True
    after = table._tbl
    rest = notes[len(_in_row(notes)):]
    for n, text in enumerate(rest, 1):
        p = Paragraph(OxmlElement("w:p"), table._parent)
        after.addnext(p._p)
        after = p._p
        _note(p, text)
        p.paragraph_format.keep_together = True
        if n < len(rest):
            p.paragraph_format.keep_with_next = True


def _in_row(notes: list[str]) -> list[str]:
    """The notes in a table's notes row (:data:`NOTES_IN_ROW`)."""
    return notes if len(notes) <= NOTES_IN_ROW + 1 else notes[:NOTES_IN_ROW]


def _note(p, text: str) -> None:
    """``p`` a note under a table: the body text, a little space over it."""
    _set_style(p, "Normal")
    p.add_run(text)
    p.paragraph_format.space_before = Pt(NOTE_BEFORE_PT)


# The notes under a table in its last row (the first), kept with the table's last row;
# the others run on after the table, kept together: two or more, as one alone would end
# the appendix on a page of one line (a tall last task's "Ghi chú thứ hai"). Two notes
# are both in the row (_notes_row).
NOTES_IN_ROW = 1
# The space over each note under a table (points).
NOTE_BEFORE_PT = 6


def _groups(rows: list) -> list[tuple[str, list]]:
    """The grid's rows cut at its group labels: (label, the rows under it); rows before
    the first label under none ("")."""
    out: list[tuple[str, list]] = []
    for row in rows:
        if row.group:
            out.append((row.group, []))
        elif out:
            out[-1][1].append(row)
        else:
            out.append(("", [row]))
    return out


def _table(doc, grid, header, widths: list[int], label: str = ""):
    """One Word table of ``grid``: ``label`` (if any) on a first row across the columns,
    then the header, both repeated on each page, then the grid's rows.

    A last row too tall to be kept whole with the grid's notes (:func:`kept_whole`) is
    written as two rows drawn as one (no line between): the most of it, free to break
    across pages, and its last lines (:func:`tail_row`), kept whole with the notes."""
    top = 1 if label else 0
    # The rows of a group's table may break across pages: kept whole (cantSplit) under
    # repeated header rows, LibreOffice 7.4 dropped the rest of a table whose first
    # page held its label, header and one row (rows 2 to 8 of a unit's 8 missing from
    # the PDF, in 1 of 152 letters swept over the page's foot; none with rows free).
    # A group of one row is kept whole all the same when it fits on a page: there is no
    # rest to drop, and its one row cut by a page's foot (the overdue letter's annex, a
    # group of communes each late on one task) left two lines of it under its label and
    # header and the rest on the next page under them again (a QA pass).
    kept, tied = (([False] * len(grid.rows), None) if label and len(grid.rows) != 1
                  else _kept_whole(doc, grid, header, widths))
    if label:
        tied = None
    cut = (tail_row(grid.rows[-1], widths, _font_pt(doc, TABLE_TEXT))
           if grid.after and grid.rows and not kept[-1] else None)
    if cut:
        grid = replace(grid, rows=[*grid.rows[:-1], *cut])
        kept, tied = _kept_whole(doc, grid, header, widths)
    table = doc.add_table(rows=top + len(header) + len(grid.rows), cols=len(grid.columns))
    table.style = _style(doc, "Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    docx_xml.cell_margins(table, CELL_MARGIN_CM)
    docx_xml.widths(table, widths)
    rows = list(table.rows)
    merges = []
    if label:
        cell = rows[0].cells[0]
        _cell_text(cell, [last_words_together(label, sum(widths), _font_pt(doc, TABLE_TEXT),
                                              bold=True)], TABLE_TEXT)
        cell.paragraphs[0].runs[0].bold = True
        docx_xml.repeat_header(rows[0])
        merges.append(((0, 0), (0, len(grid.columns) - 1)))
        # The label and the header go to the next page with the first row under them,
        # never alone at a page's foot.
        for row in rows[:top + len(header)]:
            for c in row.cells:
                for p in c.paragraphs:
                    _keep_together(p)
    merges += _header_rows(rows, header, top) + _body_rows(rows, grid, top + len(header))
    for row, whole in zip(rows, [True] * (top + len(header)) + kept, strict=True):
        if whole:
            docx_xml.keep_row(row)
    if tied is not None:  # the table's last page holds two of its rows at least
        for p in (p for c in rows[top + len(header) + tied].cells for p in c.paragraphs):
            p.paragraph_format.keep_with_next = True
    if cut:
        docx_xml.joined(rows[-2], rows[-1])
    # A row's own cells, not table.cell(): that lays out the whole table at each call
    # (a 151-unit reminder letter took 25 s in its merges).
    for (r1, c1), (r2, c2) in merges:
        rows[r1].cells[c1].merge(rows[r2].cells[c2])
    return table


def _gap(doc) -> None:
    """The paragraph between two tables (Word and LibreOffice join tables that touch):
    empty, 6 pt high."""
    p = doc.add_paragraph()
    p._p.get_or_add_pPr().append(docx_xml.empty_line(p, 6))


def save(doc, out: Path) -> Path:
    return atomic_write(out, lambda tmp: doc.save(str(tmp)))

