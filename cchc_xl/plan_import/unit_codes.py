"""The short code a unit added to an imported plan's registry gets from its name
("Phòng Tư pháp" -> "TP"; "Trường THCS thị trấn Bút Sơn" -> "THCSBS"): what reads
the name's words for it, apart from the registry that adds the names
(:mod:`.registry`).

A code names the unit's file ("NGV-Sở Ngoại vụ.xlsx") for a clerk to tell units apart,
so it is never cut inside an acronym, never one letter, and a code taken already is
told apart by more letters of the word that tells the two names apart before a number
(docs/master-format.md, "The code of an added unit"). It depends only on the name and
the units added before it: the same document imported twice gives the same codes."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import NamedTuple

from ..abbreviations import ABBREVIATIONS
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
# A code of initials has at most _INITIALS letters ("Ban Quản lý dự án đầu tư xây
# dựng" -> QLDADT), one ending on an acronym kept whole at most _CODE_LENGTH ("Ban Kinh
# tế - Ngân sách HĐND phường" -> KTNSHDND, not KTNSHD); a number telling two codes
# apart may follow.
_INITIALS = 6
_CODE_LENGTH = 8
# A short name the plan gives in brackets: "Trung tâm Y tế (TTYT) huyện".
_BRACKETED = re.compile(rf"\(\s*(?P<code>\w{{2,{_CODE_LENGTH}}})\s*\)")


def unit_code(name: str, kind: str, taken: Collection[str] | Mapping[str, str]) -> str:
    """A short code: initials ("Phòng Tư pháp" -> "TP"), communes "X01"...; an
    acronym written in the name (THCS, UBND, MTTQ, TTYT) or spelt out ("Hội đồng nhân
    dân": HDND) whole, not its first letter; "Thuế tỉnh" the word ("THUE"), not "T".
    ``taken``: the codes of the units so far, or their names by code (then a code
    taken is told apart by the word that tells the two names apart)."""
    holders = {c.upper(): (taken[c] if isinstance(taken, Mapping) else "") for c in taken}
    if kind == COMMUNE:
        n = 1
        while f"X{n:02d}" in holders:
            n += 1
        return f"X{n:02d}"
    own = _BRACKETED.search(name)
    if own and own["code"].isupper():
        # "Trung tâm Y tế (TTYT) huyện": the plan's own short name, not initials and it.
        return _numbered(fold_ascii(own["code"])[:_CODE_LENGTH], holders)
    head, words = _code_words(name)
    pieces = _shortened(_pieces(words))
    if not pieces:
        return _numbered("DV", holders)
    if len(pieces) == 1 and pieces[0].word:
        # "Thuế tỉnh": a code of one letter tells nothing; the word all.
        return _numbered(fold_ascii(pieces[0].word).upper()[:_CODE_LENGTH], holders)
    base = "".join(p.letters for p in pieces)
    if base not in holders:
        return base
    return (_told_from(holders[base], head, pieces, holders)
            or _more_letters(pieces, holders) or _numbered(base, holders))


def _code_words(name: str) -> tuple[str, list[str]]:
    """The word of ``name`` that says its kind and gives no letter ("Phòng", or ""),
    and the words that give the code letters: not that word, nor the commune the unit
    serves, nor "và", "tỉnh"."""
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
    return all_words[0] if head else "", [
        w for k, w in enumerate(words) if (k == 0 and not head)
        or w.lower() not in _NO_LETTER] or all_words


class _Piece(NamedTuple):
    """What one word, or one phrase an acronym stands for, gives a code."""

    letters: str  # ASCII capitals: "T", "DBQH"
    word: str = ""  # the word a one-letter piece is the initial of ("Thuế")
    head: bool = False  # "Văn phòng" (VP): says only the unit's kind


def _initialisms() -> dict[tuple[str, ...], str]:
    """The phrases of :data:`~cchc_xl.abbreviations.ABBREVIATIONS` whose acronym is their
    initials ("đại biểu Quốc hội": DBQH, "Văn phòng": VP), by their words folded to
    ASCII in lower case ("và" left out, as :func:`_code_words` leaves it)."""
    found: dict[tuple[str, ...], str] = {}
    for short, phrase in ABBREVIATIONS.items():
        if "&" in short:
            continue  # "HĐND&UBND": two acronyms, each a piece of its own
        words = tuple(w for w in fold_ascii(phrase).lower().split() if w.isalpha()
                      and w not in _NO_LETTER)
        letters = re.sub(r"[^A-Z]", "", fold_ascii(short))
        if len(words) > 1 and letters == "".join(w[0] for w in words).upper():
            found.setdefault(words, letters)
    return found


_INITIALISMS = _initialisms()
_LONGEST = max(len(words) for words in _INITIALISMS)


def _pieces(words: list[str]) -> list[_Piece]:
    """``words`` as code pieces: an acronym written ("THCS") or spelt out ("Hội đồng
    nhân dân") one piece, a number ("06") too, any other word its initial."""
    folded = [fold_ascii(w).lower() for w in words]
    pieces: list[_Piece] = []
    k = 0
    while k < len(words):
        # The shortest phrase first: "Ủy ban Mặt trận Tổ quốc Việt Nam" is UBMTTQ + V + N
        # (UBMTTQ once shortened), as before.
        for n in range(2, min(_LONGEST, len(words) - k) + 1):
            letters = _INITIALISMS.get(tuple(folded[k:k + n]))
            if letters:
                pieces.append(_Piece(letters, head=bool(HEADS.fullmatch(
                    " ".join(w.lower() for w in words[k:k + n])))))
                k += n
                break
        else:
            letters = fold_ascii(_letters(words[k])).upper()
            pieces.append(_Piece(letters, words[k] if len(letters) == 1 else ""))
            k += 1
    return [p for p in pieces if p.letters.isascii() and p.letters.isalnum()]


def _shortened(pieces: list[_Piece]) -> list[_Piece]:
    """At most :data:`_INITIALS` letters, or :data:`_CODE_LENGTH` ending on an acronym
    kept whole ("Ban Kinh tế - Ngân sách HĐND" -> KTNSHDND), no acronym cut: initials
    go first, from the last; then acronyms from the last but one ("Văn phòng Đoàn ĐBQH
    và HĐND tỉnh" -> VP + DBQH; "Kho bạc Nhà nước khu vực VIII" -> KBNN + VIII); then a
    "Văn phòng"; what is still too long is cut."""
    pieces = list(pieces)
    while len(pieces) > 1 and (_length(pieces) > _CODE_LENGTH or (
            _length(pieces) > _INITIALS and len(pieces[-1].letters) == 1)):
        at = [k for k, p in enumerate(pieces) if len(p.letters) == 1]
        if not at:
            break
        del pieces[at[-1]]
    for drop, keep in ((lambda p: len(p.letters) > 1 and not p.head, 1),
                       (lambda p: p.head, 0)):
        while _length(pieces) > _CODE_LENGTH and len(pieces) > 1:
            at = [k for k, p in enumerate(pieces) if drop(p)]
            if len(at) <= keep:
                break
            del pieces[at[-1]]
    if _length(pieces) > _CODE_LENGTH:
        pieces = [_Piece("".join(p.letters for p in pieces)[:_CODE_LENGTH])]
    return pieces


def _length(pieces: list[_Piece]) -> int:
    return sum(len(p.letters) for p in pieces)


def _told_from(other: str, head: str, pieces: list[_Piece],
               holders: Mapping[str, str]) -> str | None:
    """A code for ``pieces`` told apart from the unit named ``other`` that has their
    code: more letters of the first word that differs ("Sở Ngoại vụ" beside "Sở Nội
    vụ": NGV), or, the words alike, the initial of the kind ("Phòng Tư pháp" beside
    "Sở Tư pháp": PTP); None when neither is free or fits."""
    if not other:
        return None
    other_head, other_words = _code_words(other)
    theirs = _shortened(_pieces(other_words))
    if len(theirs) != len(pieces):
        return None
    for k, (mine, their) in enumerate(zip(pieces, theirs, strict=True)):
        a, b = fold_ascii(mine.word).upper(), fold_ascii(their.word).upper()
        if a and a != b:
            n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(b))
            # "Sở Ngoại vụ" beside Sở Nội vụ (NV) and Sở Ngoại giao (NGV): NGOV
            return next((code for more in range(n + 1, len(a) + 1) if (code := _free(
                [*pieces[:k], _Piece(a[:more]), *pieces[k + 1:]], holders))), None)
    if head and fold_ascii(head).upper() != fold_ascii(other_head).upper():
        return _free([_Piece(fold_ascii(head)[0].upper()), *pieces], holders)
    return None


def _more_letters(pieces: list[_Piece], holders: Mapping[str, str]) -> str | None:
    """``pieces`` with more letters of one word, two then three..., the first word
    first; None when every such code is taken or too long."""
    for n in range(2, max(len(p.word) for p in pieces) + 1):
        for k, piece in enumerate(pieces):
            more = fold_ascii(piece.word).upper()[:n]
            if len(more) == n and (code := _free(
                    [*pieces[:k], _Piece(more), *pieces[k + 1:]], holders)):
                return code
    return None


def _free(pieces: list[_Piece], holders: Mapping[str, str]) -> str | None:
    code = "".join(p.letters for p in pieces)
    return code if len(code) <= _CODE_LENGTH and code not in holders else None


def _numbered(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base`` numbered from 2 when ``taken`` has it."""
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    return code


def _letters(word: str) -> str:
    """What one word gives the code: an acronym ("THCS", "UBND") or a number ("06") all
    of it, another word its first letter."""
    return word if len(word) > 1 and (word.isdigit() or word.isalpha() and word.isupper()) \
        else word[0]
