"""A PDF's printed lines joined back into paragraphs: a line goes on the paragraph of the
line above when its first word would not have fitted on it (:func:`wrapped`), with a
space as wide as the page's (:func:`space_width`), or none inside a word or a number
broken where the line ends (:func:`joint`); a tagged PDF's tags say which lines are of
one paragraph (``pdf_tags``), the words of the lines otherwise (:func:`breaks`).
Used by :mod:`cchc_xl.plan_import.pdf_source` for a cell's lines and the lines of text
around the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pdf_tags import same_paragraph

# Distances on the page, in points (1/72 inch), or of a font's size.
FIT = 0.3  # a word ending this close to where a line may reach did not fit on it
SPACE = 0.25  # a space's width, of the font's size (Times New Roman's; Arial's 0.28)
# The least and most a gap between two words of a line may be to tell a space's width
# (Calibri's 0.23 of the font's size, DejaVu Serif's 0.32; a tab's, a column's wider).
SPACE_LEAST, SPACE_MOST = 0.15, 0.45


@dataclass
class Line:
    """One printed line of text: its words and where they are."""

    words: list[dict]
    top: float
    bottom: float

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]


# A paragraph's break, wherever the next word would go: a line ending a list's item over
# one starting another ("- ", "+ ", "2.", "a)"), a sentence's end over a capital ("…thị
# trấn." over "Tự chấm điểm…"), and a line starting with a word written in capitals only
# at an item's start ("Các xã, thị trấn", "Những …"). A line ending ";" or ":" over a
# capital is wrapped as often as not ("…cấp huyện;" over "UBND cấp xã."): wrapped.
ITEM_END = re.compile(r"[.;:!?]$")
ITEM = re.compile(r"(?:[-+•*–]|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s")
SENTENCE_END = re.compile(r"[.!?]$")
ITEM_WORD = re.compile(r"(?:Các|Những)\s")


def breaks(line: str, after: str) -> bool:
    """True when ``after`` starts a new paragraph by its words, whatever its place."""
    return bool((ITEM_END.search(line) and ITEM.match(after))
                or (SENTENCE_END.search(line) and after[:1].isupper())
                or ITEM_WORD.match(after))


def wrapped(line: Line, after: Line, right: float, across: bool = False) -> bool:
    """True when ``after`` goes on ``line``'s paragraph: its first word would not have fitted
    on ``line`` (within ``right``), and it follows at a line's distance (or ``across`` a
    cell's lines, or a page break). A tagged PDF's tags say whether the two lines are of one
    paragraph (pdf_tags): only those of one are wrapped, whatever their words and distance;
    one of them whose next word would have fitted was broken by hand (Shift+Enter)."""
    same = same_paragraph(line.words[-1], after.words[0])
    if same is False:
        return False
    if same is None and not across and after.top - line.bottom > (line.bottom - line.top):
        return False
    if same is None and breaks(line.text, after.text):
        return False
    word = after.words[0]
    return line.x1 + space_width(line, after) + (word["x1"] - word["x0"]) > right - FIT


def space_width(line: Line, after: Line) -> float:
    """A space's width in the two lines' font, as their words are spaced: the least gap
    between two words of either (a justified line's are wider, a tab's much wider), else
    of a line of the page in that size (:func:`page_spaces`; a cell's lines of a word
    each), else Times New Roman's, :data:`SPACE` of the font's size. A font with wider
    spaces (DejaVu Serif's, 0.32 of its size, which LibreOffice prints a document without
    Times New Roman in) had a wrapped line's next word fit by Times New Roman's space, and
    the cell's lines parted ("Truyền hình Thanh" and "Hóa": two units, a QA pass)."""
    size = after.words[0]["bottom"] - after.words[0]["top"]
    gaps = [b["x0"] - a["x1"] for each in (line, after)
            for a, b in zip(each.words, each.words[1:], strict=False)]
    return min((g for g in gaps if SPACE_LEAST * size <= g <= SPACE_MOST * size),
               default=after.words[0].get("space") or SPACE * size)


def page_spaces(words: list[dict], before: dict[float, float] | None = None) -> None:
    """Each word given ("space") the least gap between two words of one line of the page
    in its font's size (to the half point) that may be a space (:func:`space_width`); of
    a size no line of the page has two words in, the least of the pages ``before`` (by
    size, updated with this page's). A page whose only text in a size was a row's end
    carried over a page break, a word to a line ("UBND" over "tỉnh"), fell back on Times
    New Roman's space, narrower than LibreOffice's font's: the next word fitted, and
    "Văn phòng UBND tỉnh" became a unit "Văn phòng UBND" and a unit "tỉnh" (a QA pass)."""
    least: dict[float, float] = {}
    ordered = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    for a, b in zip(ordered, ordered[1:], strict=False):
        size = b["bottom"] - b["top"]
        if round(a["top"]) != round(b["top"]) or abs(a["bottom"] - a["top"] - size) > 0.5:
            continue
        if SPACE_LEAST * size <= (gap := b["x0"] - a["x1"]) <= SPACE_MOST * size:
            key = round(size * 2) / 2
            least[key] = min(least.get(key, gap), gap)
    if before is not None:
        for key, gap in least.items():
            before[key] = min(before.get(key, gap), gap)
        least = {**before, **least}
    for w in words:
        w["space"] = least.get(round((w["bottom"] - w["top"]) * 2) / 2)


def same_lines(line: Line, after: Line) -> bool:
    """True when the tags put ``after`` in ``line``'s paragraph (a line broken by hand)."""
    return bool(same_paragraph(line.words[-1], after.words[0]))


def joint(line: Line, after: Line, right: float) -> str:
    """What joins a wrapped line to the next: a space; none after a word's hyphen (a line
    broken after "HĐND-" in "HĐND-UBND"), nor inside a number too wide for a line of its
    own, broken where the line ends, the next character not fitting (a narrow column's
    "30/9/202" over "6": "Trước 30/9/202 6" was read as no deadline, a QA pass)."""
    last = line.words[-1]["text"]
    if len(last) > 1 and last[-1] in "-–" and last[-2].isalnum():
        return ""
    first = after.words[0]
    char = (first["x1"] - first["x0"]) / max(len(first["text"]), 1)
    if (len(line.words) == 1 and any(c.isdigit() for c in last)
            and (last[-1].isdigit() or last[-1] in "/.") and first["text"][:1].isdigit()
            and line.x1 + char > right - FIT):
        return ""
    return " "


# --- tables -------------------------------------------------------------------------------
