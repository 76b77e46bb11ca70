"""Word's automatic numbering, counted as Word counts it: the number a numbered paragraph
shows, which its text does not hold (a TT column numbered by Word's Numbering button or
its "List Number" style came out empty).

Each list (``w:num``; lists of one definition together, unless one starts again) counts
its paragraphs per level in document order, a level's count
starting again after a paragraph of a higher level; the number is the level's text
("%1.", "%1.%2") with each level's count in its format (decimal, roman, letters).
Bullets and formats without a number give none.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from ..text import roman_numeral

_W = {name: qn(f"w:{name}") for name in (
    "abstractNum", "abstractNumId", "num", "numId", "lvl", "ilvl", "start", "numFmt",
    "lvlText", "lvlOverride", "startOverride", "pPr", "pStyle", "numPr", "val", "style",
    "styleId", "basedOn")}
_VAL = _W["val"]
_MAX_LEVELS = 9


def _letters(n: int) -> str:
    # Word repeats the letter past z: a..z, aa..zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": roman_numeral, "lowerRoman": lambda n: roman_numeral(n).lower(),
    "upperLetter": lambda n: _letters(n).upper(), "lowerLetter": _letters,
}


def _int(element, default: int) -> int:
    try:
        return int(element.get(_VAL)) if element is not None else default
    except (TypeError, ValueError):
        return default


def _level(text: str | None) -> int:
    """A level's number (w:ilvl), -1 for one that is none."""
    try:
        return int(text or 0)
    except ValueError:
        return -1


class Numbers:
    """The numbers of a document's numbered paragraphs, in the order they are asked
    for (:meth:`next`, once per paragraph, in document order)."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, tuple[str, int, str]]] = {}  # num -> level -> fmt
        self._styles: dict[str, tuple[str, int]] = {}  # paragraph style -> (num, level)
        self._counts: dict[str, list[int]] = {}  # by counter
        self._counter: dict[str, str] = {}  # list -> the counter it counts with
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_W["abstractNumId"]): a for a in numbering.iter(_W["abstractNum"])}
        for num in numbering.iter(_W["num"]):
            ref = num.find(_W["abstractNumId"])
            source = abstract.get(ref.get(_VAL)) if ref is not None else None
            if source is None:
                continue
            levels = {}
            for lvl in source.iter(_W["lvl"]):
                fmt = lvl.find(_W["numFmt"])
                text = lvl.find(_W["lvlText"])
                levels[_level(lvl.get(_W["ilvl"]))] = (
                    fmt.get(_VAL) if fmt is not None else "decimal",
                    _int(lvl.find(_W["start"]), 1),
                    text.get(_VAL) if text is not None else "%1.")
            restarted = False
            for override in num.iter(_W["lvlOverride"]):
                level = _level(override.get(_W["ilvl"]))
                start = override.find(_W["startOverride"])
                if start is not None and level in levels:
                    fmt, _, text = levels[level]
                    levels[level] = (fmt, _int(start, 1), text)
                    restarted = True
            self._levels[num.get(_W["numId"])] = levels
            # Lists of one definition count on from each other unless one starts again
            # (a start override): as Word and LibreOffice show them.
            self._counter[num.get(_W["numId"])] = (
                f"num {num.get(_W['numId'])}" if restarted else f"abstract {ref.get(_VAL)}")
        self._style_numbers(document)

    def _style_numbers(self, document) -> None:
        """Paragraph styles that number their paragraphs ("List Number"), through the
        styles they are based on."""
        try:
            styles = document.part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        by_id = {st.get(_W["styleId"]): st for st in styles.iter(_W["style"])}
        for style_id in by_id:
            seen, current = set(), by_id.get(style_id)
            while current is not None and style_id not in self._styles:
                sid = current.get(_W["styleId"])
                if sid in seen:
                    break
                seen.add(sid)
                ppr = current.find(_W["pPr"])
                numpr = ppr.find(_W["numPr"]) if ppr is not None else None
                if numpr is not None and numpr.find(_W["numId"]) is not None:
                    self._styles[style_id] = (numpr.find(_W["numId"]).get(_VAL),
                                              _int(numpr.find(_W["ilvl"]), 0))
                    break
                based = current.find(_W["basedOn"])
                current = by_id.get(based.get(_VAL)) if based is not None else None

    def _list_of(self, p) -> tuple[str, int] | None:
        ppr = p.find(_W["pPr"])
        if ppr is None:
            return None
        numpr = ppr.find(_W["numPr"])
        if numpr is not None and numpr.find(_W["numId"]) is not None:
            return numpr.find(_W["numId"]).get(_VAL), _int(numpr.find(_W["ilvl"]), 0)
        style = ppr.find(_W["pStyle"])
        return self._styles.get(style.get(_VAL)) if style is not None else None

    def next(self, p) -> str | None:
        """The number paragraph ``p`` shows ("1.", "II.", "a)"), counting it in its list;
        None for a paragraph not numbered (or bulleted)."""
        found = self._list_of(p)
        if found is None:
            return None
        num, level = found
        levels = self._levels.get(num)
        if not levels or level not in levels or not 0 <= level < _MAX_LEVELS:
            return None
        fmt = levels[level][0]
        if fmt not in _FORMATS:
            return None  # a bullet, or no number
        counts = self._counts.setdefault(self._counter.get(num, num), [0] * _MAX_LEVELS)
        counts[level] += 1
        for deeper in range(level + 1, _MAX_LEVELS):
            counts[deeper] = 0
        text = levels[level][2]
        for k in range(level + 1):
            if f"%{k + 1}" in text and k in levels:
                k_fmt, start, _ = levels[k]
                shown = _FORMATS.get(k_fmt, str)(start + max(counts[k], 1) - 1)
                text = text.replace(f"%{k + 1}", shown)
        return text.strip() or None
