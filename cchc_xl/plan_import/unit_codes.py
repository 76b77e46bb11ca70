"""The short code a unit added to an imported plan's registry gets from its name
("Phòng Tư pháp" -> "TP"; "Trường THCS thị trấn Bút Sơn" -> "THCSBS"): what reads
the name's words for it, apart from the registry that adds the names
(:mod:`.registry`)."""

from __future__ import annotations

import re

from ..text import fold_ascii
from ..unit_names import without_locality
from ..vocab import COMMUNE, COMMUNE_KIND_RE, COMMUNE_KINDS

# The words a unit's name opens with that say only its kind ("Phòng", "Sở"): no letter
# of the code, when more words follow.
HEADS = re.compile(r"^(?:phòng|sở|ban|văn phòng|thanh tra|công an|trung tâm|đài|ubnd|ủy ban"
                   rf"|{COMMUNE_KIND_RE}|hội|đoàn|kho bạc|chi cục|bảo hiểm|trường)\b")
# Heads whose units are told apart by the place they serve: a commune has several
# schools since the 2025 mergers ("Trường THCS Bút Sơn", "Trường THCS Hoằng Lộc").
_NAMED_BY_PLACE = ("trường",)
# Words of a name that give no letter: "Công an tỉnh" -> "CA".
_NO_LETTER = ("và", "huyện", "tỉnh", "của")
_CODE_LENGTH = 6
# A short name the plan gives in brackets: "Trung tâm Y tế (TTYT) huyện".
_BRACKETED = re.compile(rf"\(\s*(?P<code>\w{{2,{_CODE_LENGTH}}})\s*\)")


def unit_code(name: str, kind: str, taken: set[str]) -> str:
    """A short code: initials ("Phòng Tư pháp" -> "TP"), communes "X01"...; an
    acronym written in the name (THCS, UBND, MTTQ, TTYT) whole, not its first letter."""
    if kind == COMMUNE:
        n = 1
        while f"X{n:02d}" in taken:
            n += 1
        return f"X{n:02d}"
    own = _BRACKETED.search(name)
    if own and own["code"].isupper():
        # "Trung tâm Y tế (TTYT) huyện": the plan's own short name, not initials and it.
        return _unique(fold_ascii(own["code"])[:_CODE_LENGTH], taken)
    all_words = re.findall(r"\w+", name)
    # "Hội đồng nhân dân xã" is no "Hội" (an association): HĐND, not DND.
    head = (len(all_words) > 1 and HEADS.match(all_words[0].lower())
            and [w.lower() for w in all_words[:2]] != ["hội", "đồng"])
    words = all_words[1:] if head else all_words
    if head and all_words[0].lower() in _NAMED_BY_PLACE:
        # "Trường THCS thị trấn Bút Sơn" -> THCS + BS: the place, not its kind.
        kinds = {w for kind_words in COMMUNE_KINDS for w in kind_words.split()}
        words = [w for w in words if w not in kinds]
    else:
        # "Trạm Y tế phường" -> "TYT": the commune it serves gives no letters (kept
        # when it is all the name has, "UBND xã Hoằng Lộc").
        words = without_locality(words) or words
    # "Công an tỉnh" -> "CA", but "Tỉnh đoàn" -> "TD": a locality opening the name is its own.
    words = [w for k, w in enumerate(words) if (k == 0 and not head)
             or w.lower() not in _NO_LETTER] or all_words
    return _unique(fold_ascii("".join(_letters(w) for w in words)).upper()[:_CODE_LENGTH]
                   or "DV", taken)


def _unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base`` numbered from 2 when ``taken`` has it."""
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    return code


def _letters(word: str) -> str:
    """What one word gives the code: an acronym ("THCS", "UBND") all of it, another
    word its first letter."""
    return word if len(word) > 1 and word.isalpha() and word.isupper() else word[0]
