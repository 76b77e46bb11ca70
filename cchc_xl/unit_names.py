"""How a unit's name opens ("Phòng ...", "Sở ...", "UBND ..."), and names listed under
one head word ("Các Sở: Tư pháp, Tài chính"): what tells names from the words written
around them.

Resolving a cell to units (:mod:`cchc_xl.units`), reading the roles written in it
(:mod:`cchc_xl.roles`) and adding the names of an imported plan to its registry
(:mod:`cchc_xl.plan_import.registry`) all ask this one question. A commune's name says its
kind too: how a sentence, a letter's "Kính gửi" and a list of kinds name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from .model import Unit
from .text import strip_edges
from .vocab import (
    COMMUNE,
    COMMUNE_KIND_RE,
    COMMUNE_KINDS,
    COMMUNITY_PLACES_RE,
    PLACES_DEFAULT,
    PLACES_GROUP_NOTE,
    PLACES_NAME_RE,
)

T = TypeVar("T")

# How a unit's name opens: "Phòng ...", "Sở ...", "UBND ..." (a commune's, "Xã Hoằng
# Đông": :func:`_opens_commune_name`).
NAME_OPENERS = re.compile(
    r"^(?:phòng|sở|ban|văn phòng|thanh tra|công an|trung tâm|đài|ubnd|ủy ban|uỷ ban|"
    r"hội|đoàn|kho bạc|chi cục|bảo hiểm|trường|báo|các|bộ|cục|tỉnh ủy"
    r"|huyện ủy|đảng ủy|mặt trận|liên đoàn|bệnh viện|(?:tỉnh|thành|huyện) đoàn|ngân hàng"
    r"|viện kiểm sát|to[àa] án|liên minh|thuế|hải quan|tổ công tác|tổ giúp việc|tổ phối hợp"
    # Enterprises a plan gives work to (public postal service, telecoms, power).
    r"|bưu điện|điện lực|viettel|vnpt|mobifone|công ty|tổng công ty"
    # Bodies that serve a commune: "Trạm Y tế xã", "Chi nhánh Văn phòng đăng ký đất đai".
    r"|trạm|chi nhánh)\b")


def opens_unit_name(text: str) -> bool:
    """True when text starts the way a unit's name does ("Phòng ...", "UBND ...", "Xã
    Hoằng Đông")."""
    text = text.strip()
    return bool(NAME_OPENERS.match(text.lower())) or _opens_commune_name(text)


# A space, then the word after it.
_WORD_AFTER_SPACE = re.compile(r"\s+(?=\S)")


def opener_cuts(text: str) -> list[int]:
    """Where a name opens after a space with no separator before it: a capitalised word
    a unit's name opens with ("Sở Tư pháp Văn phòng UBND tỉnh": at "Văn"), as a PDF's
    cell read back as one line where it printed each name on a line of its own."""
    return [m.end() for m in _WORD_AFTER_SPACE.finditer(text)
            if text[m.end()].isupper() and opens_unit_name(text[m.end():])]


# A kind of commune, then the word after it and what follows that.
_COMMUNE_KIND_THEN = re.compile(rf"^{COMMUNE_KIND_RE}\s+(?P<word>\w+)(?P<rest>.*)$",
                                re.IGNORECASE | re.DOTALL)


def _opens_commune_name(text: str) -> bool:
    """True for a commune's name: its kind, then the place's own name, a capitalised word
    or a number ("Xã Hoằng Đông", "phường Hạc Thành", "Phường 1", "Xã Hội Xuân"). Not the
    words "Xã hội" (or "Xã Hội", "XÃ HỘI" with no place after them): "Sở Lao động -
    Thương binh và Xã hội" was one department and a commune "Xã hội" (a QA pass); nor a
    kind alone ("xã", "phường, thị trấn")."""
    m = _COMMUNE_KIND_THEN.match(text)
    if not m:
        return False
    word, rest = m["word"], m["rest"].strip()
    if word.lower() == "hội" and not (rest[:1].isupper() or rest[:1].isdigit()):
        return False
    return word[:1].isupper() or word[:1].isdigit()


# "Các Sở: Tư pháp, Tài chính", "UBND các xã: Nga Sơn, Hà Trung": names listed under one
# head word, each meaning "Sở Tư pháp", "Xã Nga Sơn"; never the whole group.
_LISTED_UNDER = re.compile(
    r"^(?:(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)\s+)?các\s+"
    rf"(?P<head>sở|phòng|ban|{COMMUNE_KIND_RE})\s*:\s*(?P<names>[^:]+)$", re.IGNORECASE)


def listed_under(text: str) -> tuple[str, str] | None:
    """ "Các Sở: Tư pháp, Tài chính" -> ("Sở", "Tư pháp, Tài chính"): the head word names
    listed after it share, written as a name opens; None for other text."""
    m = _LISTED_UNDER.match(strip_edges(text.strip()))
    if not m:
        return None
    head = " ".join(m["head"].split())
    return head[:1].upper() + head[1:], strip_edges(m["names"].strip())


# How high in the administration a body's name puts it, by how the name opens: a
# people's committee or council (0) over a sở, an office of the committee, the police
# (1), over a phòng, a bare "Văn phòng", a centre, an inspectorate (2). "A (B)" with B
# higher than A names the body A belongs to ("Văn phòng (UBND tỉnh)", "Phòng Văn hóa -
# Xã hội (UBND xã)", "Trung tâm Phục vụ hành chính công (Văn phòng UBND tỉnh)"), not
# a second unit.
_RANKS = (
    re.compile(r"^(?:ubnd|(?:ủy|uỷ)\s+ban\s+nhân\s+dân|hđnd|hdnd|hội\s+đồng\s+nhân\s+dân"
               r"|(?:tỉnh|huyện|thành|đảng)\s+(?:ủy|uỷ)|bộ(?!\s+(?:chỉ\s+huy|phận)))\b"),
    re.compile(r"^(?:sở|(?:văn\s+phòng|vp)\s+(?:ubnd|(?:ủy|uỷ)\s+ban|hđnd|hdnd|hội\s+đồng"
               r"|(?:tỉnh|huyện|thành|đảng)\s+(?:ủy|uỷ))|công\s+an|bộ\s+chỉ\s+huy"
               r"|ban\s+chỉ\s+huy|cục|tổng\s+cục|ban\s+quản\s+lý)\b"),
    re.compile(r"^(?:văn\s+phòng|phòng|thanh\s+tra|trung\s+tâm|ttpvhcc|chi\s+cục|ban"
               r"|bộ\s+phận|đội|tổ|đài|trường)\b"),
)


def _rank(name: str) -> int | None:
    text = " ".join(strip_edges(name.strip()).lower().split())
    return next((k for k, pattern in enumerate(_RANKS) if pattern.match(text)), None)


def names_its_parent(outer: str, inner: str) -> bool:
    """True for "A (B)" whose B is the body A belongs to: B's name ranks above A's
    ("Văn phòng (Sở Nội vụ)"); not "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính
    công tỉnh)" (the body inside A), nor "Công an tỉnh (PC06)", "Sở Nội vụ (chủ trì)"."""
    above, below = _rank(inner), _rank(outer)
    return above is not None and below is not None and above < below


# A name that is only a kind of body ("Văn phòng", "Thanh tra"): one of many, named by
# the body it belongs to ("Văn phòng Sở Nội vụ").
_BARE_KIND = re.compile(r"^(?:văn\s+phòng|phòng|thanh\s+tra|trung\s+tâm|chi\s+cục|ban"
                        r"|bộ\s+phận|đội|tổ)$")


def own_name(outer: str, inner: str, shared: bool = False) -> str:
    """The name of the unit "A (B)" means when B is the body A belongs to: A, or "A B"
    when A alone says no more than a kind of body, or when ``shared`` (the plan writes A
    under other bodies too: "Văn phòng (Sở Nội vụ)", "Văn phòng (Sở Y tế)")."""
    outer, inner = strip_edges(outer.strip()), strip_edges(inner.strip())
    bare = _BARE_KIND.match(" ".join(outer.lower().split()))
    return f"{outer} {inner}" if shared or bare else outer


def without_locality(words: list[str]) -> list[str]:
    """A name's words less the commune it ends with: "Trạm Y tế phường" -> "Trạm Y
    tế", "Bưu điện xã Hoằng Lộc" -> "Bưu điện", so a commune's office gets the code of
    its kind (TYT, BD), as "Công an tỉnh" gets CA. Only a kind written small, not
    opening the name, and followed by nothing or a place's capitalised words counts:
    "Phòng Văn hóa - Xã hội" (or "- xã hội", "hội" is no place) keeps every word."""
    for i in range(1, len(words)):
        for kind in COMMUNE_KINDS:
            parts = kind.split(" ")
            if words[i:i + len(parts)] != parts:
                continue
            place = words[i + len(parts):]
            if all(w[:1].isupper() or w.isdigit() for w in place):
                return words[:i]
    return words


# The places of a commune however a plan names them (vocab.PLACES_NAME_RE) and the kinds
# of place a name says ("thôn", "tổ dân phố").
_PLACES_NAME = re.compile(PLACES_NAME_RE, re.IGNORECASE)
_PLACE_NOUN = re.compile(COMMUNITY_PLACES_RE, re.IGNORECASE)


def places_in(name: str) -> frozenset[str] | None:
    """The kinds of place ``name`` says when it names a commune's places ("Trưởng thôn,
    Tổ trưởng tổ dân phố" -> {"thôn", "tổ dân phố"}); None for any other name."""
    text = " ".join(strip_edges(name.strip()).split())
    if not _PLACES_NAME.match(text):
        return None
    return frozenset(" ".join(m[0].lower().split()) for m in _PLACE_NOUN.finditer(text))


# A kind of place as a word of its own ("ấp", not the end of "cấp"; "bản", not "văn bản").
_PLACE_WORD = re.compile(rf"(?<!\w){COMMUNITY_PLACES_RE}", re.IGNORECASE)


def places_named(name: str) -> str:
    """The kinds of place ``name`` says, as it writes them, in its order ("Các ấp" ->
    "ấp", "Trưởng các thôn, bản" -> "thôn, bản"), for a note to name; "thôn, tổ dân phố"
    when it says none."""
    kinds = dict.fromkeys(" ".join(m[0].lower().split()) for m in _PLACE_WORD.finditer(name))
    return ", ".join(kinds) or PLACES_DEFAULT


def places_group_note(name: str) -> str:
    """The note on 'Nhóm' of the open group of places ``name``, naming its places."""
    return PLACES_GROUP_NOTE.format(places=places_named(name))


def places_meant(name: str, known: dict[T, frozenset[str]]) -> set[T]:
    """Which of the registry's groups of places (``known``: each one's kinds of place)
    ``name`` means when no list writes it: "Trưởng thôn" is the commune's one group of
    places whatever it calls them ("Các thôn, tổ dân phố"); of several, the one naming
    every kind ``name`` says, else all that name one of them (the user picks)."""
    said = places_in(name)
    if said is None or not known:
        return set()
    if len(known) == 1:
        return set(known)
    every = {ref for ref, kinds in known.items() if said <= kinds}
    if len(every) == 1:
        return every
    return {ref for ref, kinds in known.items() if said & kinds} or set(known)


def places_title(name: str) -> str:
    """The name of the group of places ``name`` means: itself when it is one ("các thôn,
    tổ dân phố"), else the kinds of place it says ("Trưởng thôn, Tổ trưởng tổ dân phố"
    -> "Các thôn, tổ dân phố"): a group named for a title would read as a person."""
    text = " ".join(strip_edges(name.strip()).split())
    if re.match(r"(?:các|những|tất\s+cả)\s", text, re.IGNORECASE):
        return text
    kinds = dict.fromkeys(" ".join(m[0].lower().split()) for m in _PLACE_NOUN.finditer(text))
    return "Các " + ", ".join(kinds)


# "Xã Hoằng Đông": the kind a commune's name opens with (group 1), then its own name.
COMMUNE_PREFIX = re.compile(rf"^({COMMUNE_KIND_RE})\s+", re.IGNORECASE)


def _commune_named(unit: Unit) -> tuple[str, str] | None:
    """A commune's kind as its name opens with it, in lower case ("xã", "đặc khu"), and
    the rest of its name; None for any other unit."""
    m = COMMUNE_PREFIX.match(unit.name) if unit.kind == COMMUNE else None
    return (" ".join(m.group(1).lower().split()), unit.name[m.end():]) if m else None


def commune_kind(unit: Unit) -> str | None:
    """A commune's kind as its name opens with it, in lower case ("phường", "đặc khu");
    None for any other unit."""
    named = _commune_named(unit)
    return named[0] if named else None


def commune_kinds(units: Iterable[Unit]) -> str:
    """The kinds of the communes among ``units``, as a sentence names them: "xã, phường"
    (the default when there are none), "xã, phường, đặc khu", "xã, thị trấn"."""
    found = {commune_kind(u) for u in units}
    return ", ".join(k for k in COMMUNE_KINDS if k in found) or "xã, phường"  # in their order


def in_sentence(unit: Unit) -> str:
    """The unit as a sentence names it after a word of its own: a commune with its kind in
    lower case, as the plan's units sheet gives it ("xã Hoằng Hóa", "phường Hạc Thành"),
    not its bare name ("trừ Hạc Thành, Hoằng Hóa" said neither which was a ward: a QA
    pass); any other unit by its name."""
    named = _commune_named(unit)
    return f"{named[0]} {named[1]}" if named else unit.name


def addressee(unit: Unit) -> str:
    """The unit as a letter's "Kính gửi" names it: a commune by its People's Committee,
    which letters are sent to ("Ủy ban nhân dân xã Thiên Phủ"), not by the place the
    registry names ("Xã Thiên Phủ", a QA pass: a province's letter and its mail-merge
    list were addressed so); any other unit by its name."""
    named = _commune_named(unit)
    return f"Ủy ban nhân dân {named[0]} {named[1]}" if named else unit.name
