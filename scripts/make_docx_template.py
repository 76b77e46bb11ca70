"""Build templates/van-ban.docx: the page and paragraph styles of the Word documents.

The report (``cchc-xl report --docx``) and the reminder letter (``cchc-xl remind``)
start from this file and use its named styles, so the office can change fonts,
sizes and spacing in Word (Home > Styles > Modify) without touching Python.
Run ``python scripts/make_docx_template.py templates/van-ban.docx`` after changing
this script; the result is committed.

Nghị định 30/2020: Times New Roman, body 13-14 pt, A4, margins top/bottom 20-25 mm,
left 30-35 mm, right 15-20 mm, paragraphs spaced at least 6 pt, first line indented
1-1,27 cm, line spacing single to 1,5.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cchc_xl import official  # noqa: E402

FONT = "Times New Roman"


def _font(style, size: float, bold: bool = False, italic: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _paragraph(style, *, align=None, indent: float = 0.0, before: float = 0, after: float = 0,
               spacing: float = 1.0, keep: bool = False) -> None:
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(indent) if indent else Cm(0)
    fmt.left_indent = Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = spacing
    fmt.keep_with_next = keep
    fmt.widow_control = True


def _style(doc, name: str, size: float, *, bold: bool = False, italic: bool = False,
           **paragraph) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _font(style, size, bold, italic)
    _paragraph(style, **paragraph)


def build(out: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    _font(normal, 14)
    _paragraph(normal, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.0, before=0, after=6,
               spacing=1.1)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _style(doc, official.HEAD, 13, align=center)
    _style(doc, official.HEAD_BOLD, 13, bold=True, align=center)
    _style(doc, official.NATION, 12, bold=True, align=center)
    _style(doc, official.MOTTO, 13, bold=True, align=center)
    _style(doc, official.PLACE_DATE, 14, italic=True, align=center, before=4)
    _style(doc, official.SUBJECT, 12, align=center, before=2)
    _style(doc, official.KIND, 14, bold=True, align=center, before=18)
    _style(doc, official.TITLE, 14, bold=True, align=center, after=0)
    _style(doc, official.ADDRESSEE, 14, align=center, before=12, after=6)
    _style(doc, official.SECTION, 14, bold=True, indent=1.0, before=6, after=6, keep=True,
           align=WD_ALIGN_PARAGRAPH.JUSTIFY, spacing=1.1)
    _style(doc, official.SUBSECTION, 14, bold=True, italic=True, indent=1.0, after=6,
           keep=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, spacing=1.1)
    _style(doc, official.RECIPIENTS_HEAD, 12, bold=True, italic=True, before=12,
           align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(doc, official.RECIPIENTS, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(doc, official.SIGNATURE, 14, bold=True, align=center)
    _style(doc, official.APPENDIX, 14, bold=True, align=center)
    _style(doc, official.APPENDIX_NOTE, 14, italic=True, align=center, after=12)
    _style(doc, official.TABLE_TEXT, 12, before=1, after=1, align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(doc, official.TABLE_HEADER, 12, bold=True, align=center, before=1, after=1)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)

    doc.core_properties.title = "Mẫu văn bản cchc-xl (Nghị định 30/2020)"
    doc.core_properties.author = "cchc-xl"
    doc.add_paragraph(
        "Mẫu định dạng cho báo cáo và công văn do cchc-xl lập. Sửa kiểu chữ, cỡ chữ, giãn "
        "dòng trong Word (Trang đầu > Kiểu > Sửa đổi) và lề trang (Bố trí > Lề); giữ nguyên "
        "tên các kiểu. Nội dung trang này không được dùng.")
    doc.save(out)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/van-ban.docx"))
