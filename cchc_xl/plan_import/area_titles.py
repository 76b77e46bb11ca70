"""The text of an area's heading row: whether a line reads as one ("I. …", "Nội dung 1:
…", "1. CẢI CÁCH …") and the area's title it gives ("Cải cách thể chế"), a heading in
capitals written as running text."""

from __future__ import annotations

import re

from ..text import capitalized, fold_ascii, one_line
from ..vocab import SIGNING_TITLE_RE
from .areas import is_area_name, names_reform_area

# A lettered heading ("A. NHIỆM VỤ CHUNG") is not an acting head's signature ("Q. CHÁNH
# VĂN PHÒNG", "Q. GIÁM ĐỐC" over the name: "Q." for "Quyền"), which the preamble reads.
AREA_TEXT = re.compile(
    r"^(?:phụ\s*lục\s*(?:số\s*)?[0-9IVXL]+|nội\s*dung\s*(?:số\s*)?\d+\s*[:.\-–]"
    rf"|[IVXL]+\s*[./:)\-–]\s|(?!Q\.\s*{SIGNING_TITLE_RE}\b)[A-ZĐ]\s*[./:)]\s"
    r"|phần\s+[0-9IVXL]+\s*[:.\-–])",
    re.IGNORECASE)
_AREA_PREFIX = re.compile(
    r"^(?:phụ\s*lục\s*(?:số\s*)?[0-9IVXL]+|nội\s*dung\s*(?:số\s*)?\d+|phần\s+[0-9IVXL]+"
    r"|[IVXL]+|[A-ZĐ])\s*[:.\-–)/]?\s*", re.IGNORECASE)
# "Nhiệm vụ trọng tâm về" before the area's name; not "Nhiệm vụ của …": the area is whose
# tasks they are.
_AREA_FILLER = re.compile(r"^(?:các\s+)?(?:nhiệm\s+vụ|nội\s+dung)(?!(?:\s+trọng\s+tâm)?\s+của\b)"
                          r"(?:\s+trọng\s+tâm)?\s+(?:về\s+)?", re.IGNORECASE)
_YEAR_SUFFIX = re.compile(r"\s+năm\s+\d{4}\.?$", re.IGNORECASE)


def area_title(heading: str) -> str:
    """"Phụ lục số 01: Các nhiệm vụ trọng tâm về Cải cách thể chế năm 2023" ->
    "Cải cách thể chế"; "I. CẢI CÁCH THỂ CHẾ" -> "Cải cách thể chế"."""
    lines = [x for x in heading.split("\n") if x.strip()]
    if len(lines) > 1 and not _AREA_PREFIX.sub("", lines[0]).strip():
        lines = lines[1:]  # "PHỤ LỤC SỐ 01" on a line of its own
    text = one_line(" ".join(lines))
    while AREA_TEXT.match(text + " "):  # "I. Nội dung 1: ..." has two
        shorter = _AREA_PREFIX.sub("", text, count=1)
        if shorter == text:
            break
        text = shorter
    if arabic_numbered(text):  # "1. CẢI CÁCH THỂ CHẾ", "3. Nhiệm vụ khác"
        text = arabic_numbered(text)
    shorter = _AREA_FILLER.sub("", text)
    if len(shorter.split()) > 1:  # "NHIỆM VỤ CHUNG" stays whole
        text = shorter
    text = _YEAR_SUFFIX.sub("", text).strip(" .:;")
    if text and text == text.upper():
        text = running_case(text)
    return capitalized(text)


# A Vietnamese syllable without its marks; a word of a heading in capitals that is not
# one is an acronym ("CCHC", "UBND", "HĐND", "CĐS", "TTHC", "QPPL", "KH&CN").
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
                       r"[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
# Names written with a capital in running text, whose words are ordinary syllables.
_PROPER_NAMES = ("Một cửa", "Chính phủ")
# A kind of document named by its number takes a capital (Nghị định 30/2020, Phụ lục
# I): "Nghị quyết số 18-NQ/TW", "Quyết định 3740/QĐ-UBND".
_DOCUMENT_NAMED = re.compile(
    r"\b(nghị quyết|nghị định|quyết định|chỉ thị|thông tư|kế hoạch|luật|công văn|"
    r"chương trình|đề án|thông báo|hướng dẫn)(?= số\b| \d)")


def _keeps_capitals(word: str) -> bool:
    pieces = re.findall(r"[^\W\d_]+", fold_ascii(word).lower())
    return any(c.isdigit() for c in word) or any(not _SYLLABLE.match(p) for p in pieces)


def running_case(text: str) -> str:
    """A heading in capitals as running text writes it: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
    CCHC" -> "Công tác chỉ đạo, điều hành CCHC"; acronyms and the capitals of names
    ("Một cửa", "Chính phủ") kept, a document named by its number capitalised
    ("Nghị quyết số 18-NQ/TW")."""
    out = " ".join(w if _keeps_capitals(w) else w.lower() for w in text.split(" "))
    for name in _PROPER_NAMES:
        out = re.sub(rf"\b{name.lower()}\b", name, out)
    out = _DOCUMENT_NAMED.sub(lambda m: m[1][:1].upper() + m[1][1:], out)
    return out[:1].upper() + out[1:]


_ARABIC_AREA = re.compile(r"^\d{1,2}\s*[.):]\s+(?P<rest>\S.*)$")


def arabic_numbered(text: str) -> str:
    """What follows the numeral of a line numbered like a task ("1. Cải cách thể chế" ->
    "Cải cách thể chế"); "" when it is not so numbered."""
    m = _ARABIC_AREA.match(text)
    return m["rest"] if m else ""


def is_arabic_area(text: str) -> bool:
    """"1. CẢI CÁCH THỂ CHẾ": an area numbered like a task, told by its capitals, or by
    a reform area's name in running text ("1. Cải cách thể chế"; not "1. Xây dựng văn
    bản", a group of tasks)."""
    m = _ARABIC_AREA.match(text)
    return bool(m) and (m["rest"] == m["rest"].upper() and any(ch.isalpha() for ch in m["rest"])
                        or is_area_name(m["rest"]))


def names_an_area(heading: str) -> bool:
    """True when an area's heading numbered as areas are ("I. CẢI CÁCH TÀI CHÍNH CÔNG",
    "Nội dung 2: Cải cách thủ tục hành chính", "Phụ lục 01: …") names a reform area, not
    only a part of the plan ("I. NHIỆM VỤ TRỌNG TÂM", whose areas may be numbered "1.",
    "2." under it)."""
    line = one_line(heading)
    m = AREA_TEXT.match(line + " ")
    return m is not None and names_reform_area((line + " ")[m.end():])
