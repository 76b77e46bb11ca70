"""The WordprocessingML the Word documents need and python-docx has no API for: page
numbers and their restart, a short rule under a line, borders left undrawn, cell
margins and fixed column widths, rows repeated as a header or kept whole on a page, an
empty line of an exact height and the hidden paragraph that ends a section.

Each function changes the element it is given and nothing else; what a document looks
like (its styles, its parts, its tables' rows) is decided in :mod:`cchc_xl.official`.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

RULE_GAP_PT = 2  # between a line and the rule under it


def page_numbers(section) -> None:
    """Page number centred in the top margin from the second page (Nghị định 30)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)


# The elements a section's properties may hold after its page numbering (w:pgNumType),
# in the schema's order: the numbering goes before the first of them there is.
_AFTER_PAGE_NUMBERING = frozenset(qn(t) for t in (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"))


def numbered_from_one(section) -> None:
    """The section's pages numbered again from 1 (python-docx has no API for it)."""
    props = section._sectPr
    for old in props.findall(qn("w:pgNumType")):
        props.remove(old)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    later = next((el for el in props if el.tag in _AFTER_PAGE_NUMBERING), None)
    if later is None:
        props.append(numbering)
    else:
        later.addprevious(numbering)


def rule(p, indent_cm: float, after_pt: float) -> None:
    """A short line under the paragraph before ``p`` (the rule under a name, the motto
    or the trích yếu): ``p`` is empty and 1 pt high, with a bottom border.

    The border of an empty paragraph of the text's height is drawn under a blank line,
    a whole line below the words it underlines (on the report's first body line); the
    words' own paragraph cannot carry it, as its border is as wide as the paragraph.
    ``after_pt``: the space between the rule and what follows it."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    # Right after the style: python-docx puts the properties set below in their places
    # around it (the schema's order), and the mark's look (w:rPr) goes last.
    p._p.get_or_add_pPr().append(border)
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(indent_cm)
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(RULE_GAP_PT)
    fmt.space_after = Pt(after_pt)
    fmt.line_spacing = Pt(1)  # exactly
    mark = OxmlElement("w:rPr")  # the paragraph mark's own size: python-docx has no API
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")  # half-points
    mark.append(size)
    p._p.pPr.append(mark)


def nil_borders(tag: str, edges: tuple[str, ...]):
    """A table's or a cell's borders element (``tag``) with ``edges`` not drawn."""
    borders = OxmlElement(tag)
    for edge in edges:
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    return borders


def no_borders(table) -> None:
    table._tbl.tblPr.append(nil_borders(
        "w:tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV")))


def cell_margins(table, cm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:w"), str(int(cm * 567)))  # twentieths of a point
        e.set(qn("w:type"), "dxa")
        margins.append(e)
    table._tbl.tblPr.append(margins)


def widths(table, widths: list[int]) -> None:
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = Emu(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Emu(width)


def repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def keep_row(row) -> None:
    """A row printed whole on one page: a row cut at a page end may leave one line of
    it at the foot of a page and the rest on the next."""
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def joined(upper, lower) -> None:
    """Two rows drawn as one: no line between them. Both edges are cleared: LibreOffice
    draws the line when either cell has it. Where the lower row goes on to the next page,
    the upper ends its page open, as a row running on to the next page would (LibreOffice
    draws that one's line)."""
    for row, edge in ((upper, "bottom"), (lower, "top")):
        for tc in row._tr.tc_lst:
            tc.get_or_add_tcPr().append(nil_borders("w:tcBorders", (edge,)))


def section_end(p) -> None:
    """The empty paragraph that ends a section, hidden and 1 pt high.

    A section ends with a paragraph, and the one python-docx adds has the body text's
    height: after a table that fills its page (the signature block, an appendix) it
    spills onto a page of its own, blank but for the page number. Its mark is hidden,
    which LibreOffice and Word lay out as no line at all; shown (Word's "print hidden
    text"), it is 1 pt high."""
    mark = empty_line(p, 1)
    mark.insert(0, OxmlElement("w:vanish"))
    p._p.get_or_add_pPr().find(qn("w:sectPr")).addprevious(mark)


def empty_line(p, points: int):
    """``p`` made an empty line exactly ``points`` high: no space around it, its mark's
    size that height; the mark's run properties, to be put in its paragraph's."""
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Cm(0)
    fmt.line_spacing = Pt(points)  # exactly
    mark = OxmlElement("w:rPr")  # the paragraph mark's own look: python-docx has no API
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(2 * points))  # half-points
    mark.append(size)
    return mark
