"""Sheet names Excel accepts: no ``\\ / ? * [ ] :``, at most 31 characters, unique
whatever their case; a long name cut where a reader still knows what it says."""

from __future__ import annotations

import re

_FORBIDDEN_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")
SHEET_NAME_MAX = 31


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no ``\\ / ? * [ ] :``, at most 31 characters; a
    longer name is cut after a whole word ("Nhiệm vụ của các cơ quan ngành", not "…
    ngành dọc và đơ"), at a comma when the phrase after it is cut short, without a space
    or punctuation left at its end.

    ``taken`` holds the casefolded names already used (Excel ignores case) and is
    updated.
    """

    def cut(text: str, limit: int) -> str:
        if len(text) <= limit:
            return text
        head = text[:limit]
        words = head.split()
        if text[limit].isalnum() and head[-1].isalnum() and len(words) > 1:
            words.pop()  # cut mid-word: the word is left out
        while len(words) > 1 and words[-1].lower() in ("và", "của", "các", "về", "với", "-"):
            words.pop()  # nor a joining word, left dangling
        kept = " ".join(words).rstrip(",;.-–—(&'") or text[:limit].rstrip()
        # A phrase cut short ("…, tuyên truyền cải" of "cải cách") ends at its comma
        # instead, when enough is left before it.
        if not text[len(kept):].lstrip().startswith((",", ";")) and kept.rfind(",") >= 12:
            kept = kept[:kept.rfind(",")]
        return kept

    base = _FORBIDDEN_SHEET_CHARS.sub("-", name).strip().strip("'") or "Trang"
    base = cut(base, SHEET_NAME_MAX)
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
    taken.add(candidate.casefold())
    return candidate


# The blank area sheet `init` writes ("Lĩnh vực 1": master.layout.BLANK_AREA_SHEET), as
# its copies are named by Excel ("Lĩnh vực 1 (2)") and Calc ("Lĩnh vực 1_2"), or
# renumbered by hand ("Lĩnh vực 3").
_NUMBERED_AREA = re.compile(r"Lĩnh vực \d+(?: \(\d+\)|_\d+)?")


def area_tab(sheet: str, title: str) -> str:
    """The tab of an area in a unit's workbook: the master's sheet name, as the office
    gave it; the area's title where that name only numbers the sheet. A province plan
    made with `init` and its sheet copied per area gave every unit tabs "Lĩnh vực 1",
    "Lĩnh vực 1 (2)"...: nothing to tell which holds the reform of administrative
    procedures but the guide's list."""
    if title.strip() and _NUMBERED_AREA.fullmatch(sheet.strip()):
        return title
    return sheet
