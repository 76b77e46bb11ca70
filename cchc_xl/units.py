"""Resolving the lead / coordinating cells of a plan to units of the registry.

A cell may name one unit, a list ("A; B", "A, B", "A – B", bullets on separate
lines), or a group ("UBND các xã, thị trấn") that expands to its members. Names
are matched through :func:`cchc_xl.text.match_key` against each unit's official
name and aliases and each group's spellings; a trailing "huyện"/"tỉnh" may be
left off. Commas and dashes also occur *inside* names ("Các phòng, ban, ngành
cấp huyện", "Phòng Tài chính - Kế hoạch"), so a cell is cut into segments at
every possible separator and the cover with the fewest names that all resolve
wins. What is left unresolved is reported with the closest registry names.

Rules a cell's text follows (docs/huong-dan.md, "Tên đơn vị trong ô chủ trì, phối hợp",
says them to users):

- Roles written in the cell ("A chủ trì, B phối hợp", "Chủ trì: A" / "Phối hợp: B",
  "A (chủ trì), B") are read first, by :mod:`cchc_xl.roles`, the reader import uses:
  one cell's text gives the same lead and coordinators in a master typed by hand as in
  a plan imported from Word. The names are then resolved as below.
- Abbreviations of agency names (:data:`cchc_xl.abbreviations.ABBREVIATIONS`: "KH&CN", "VH,TT&DL",
  "HĐND&UBND", "UBND", "PVHCC", "VP"...) mean their full words; case never matters
  ("Sở Nội Vụ" is "Sở Nội vụ"); diacritics always do, but for "HDND", the way
  "HĐND" is often typed. "và" stands for an abbreviation's "&" ("Sở NN và MT").
- "Các Sở: Tư pháp, Y tế": the units named under the head word, never the whole group;
  "các sở, ban, ngành liên quan" is one name even when "Các sở" is a group.
- "A (B)": when B is a unit of the registry, B is assigned (the body that does the
  work, inside A: "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)");
  otherwise A is, and the brackets are a remark. When B is the body A belongs to (its
  name ranks above A's: "Văn phòng (UBND tỉnh)", "Trung tâm Phục vụ hành chính công
  (Văn phòng UBND tỉnh)"), the unit "A B" or A is, never B (but a commune). Either way
  the reading is noted.
- "Group (trừ A, B)": the group's members without A and B, with a warning to
  confirm; a part of a group ("các sở có đơn vị sự nghiệp trực thuộc", "các xã được
  chọn") assigns nobody and warns, asking for the list: never more units than meant.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, field, replace

from .abbreviations import name_key
from .model import Group, Unit
from .roles import cell_roles, without_doing
from .text import clean, fold_ascii, match_key, one_edit_apart, strip_edges
from .unit_names import (
    COMMUNE_PREFIX,
    listed_under,
    names_its_parent,
    opener_cuts,
    opens_unit_name,
    own_name,
    places_in,
    places_meant,
)
from .vocab import (
    COMMUNE,
    COMMUNE_KIND_RE,
    COMMUNE_KINDS,
    COMMUNITY_PLACES_RE,
    DISTRICT_KIND_RE,
    FORMER_OFFICES,
    LEAD,
    MORE_COMMUNE_KINDS_RE,
    PEOPLES_COMMITTEE_RE,
    SUPPORT,
)

UNIT = "unit"
GROUP = "group"
# FORMER_OFFICES by key, and the kind of place a former office's name may end with
# ("Phòng Kinh tế - Hạ tầng huyện", "… xã").
_FORMER = {name_key(k): v for k, v in FORMER_OFFICES.items()}
_FORMER_KIND = re.compile(rf"\s+(?:{DISTRICT_KIND_RE}|thành\s+phố|{COMMUNE_KIND_RE})$")
UNRESOLVED = "unresolved"
SUBSET = "subset"  # part of a group the registry cannot tell: nobody assigned

def split_bracket(name: str) -> tuple[str, str] | None:
    """ "A (B)" -> ("A", "B"); None for a name without such brackets. What B does, after
    its name, is left out: "UBND tỉnh (Sở Nội vụ tham mưu)" -> ("UBND tỉnh", "Sở Nội
    vụ"), the body that does the work (never a unit "Sở Nội vụ tham mưu")."""
    m = _BRACKETED.match(name.strip())
    return (m["outer"].strip(), without_doing(m["inner"].strip()).strip()) if m else None

# Separators that may split two names but also occur inside one.
_SOFT = re.compile(r",|\s[-\u2013\u2014]\s|\s*[\u2013\u2014]\s*|\s+và\s+|\s*&\s*|\s\+\s|\s*/\s*",
                   re.I)
_LOCALITY_SUFFIX = re.compile(r"\s+(?:cấp\s+)?(?:huyện|tỉnh|thành phố|thị xã)$")
_UNRESOLVED_COST = 50
# The most parts between names opened with no separator (Registry._known_names) one name
# spans ("Văn phòng Ủy ban nhân dân tỉnh" opens a name again at "Ủy ban"), and the most
# such places a cell is cut at whole (Registry._opened).
_OPENED_SPAN, _OPENED_FEW = 4, 12
_SUBSET_COST = 5
# Soft separators outside brackets one name of a cell may span beyond the most a name of
# the registry holds ("Sở Văn hóa, Thể thao và Du lịch": 2): a part of a group ("các cơ
# quan, đơn vị, địa phương có liên quan"), a name with its head word. No longer run is
# looked up (:meth:`Registry._cover`): a cell naming a province's 166 communes one by one
# looked up every run of them, 14,000 lookups of texts up to the whole cell, 17 s.
_SPAN_MARGIN = 6


def _top_separators(text: str) -> list[bool]:
    """For each soft separator of ``text``, whether it is outside brackets (an except list
    "(trừ A, B, C)" is one part of its name)."""
    depth, depths = 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")" and depth > 0)
        depths.append(depth)
    return [depths[m.start()] == 0 for m in _SOFT.finditer(text)]
# Words that open a unit name and are left out of the names that follow it
# ("phòng Tư pháp, Tài chính", "UBND xã Hoằng Đông, Hoằng Đồng").
_HEAD_WORDS = {"phòng", "ban", "sở", "trung tâm", "đài", *COMMUNE_KINDS,
               *(f"ubnd {k}" for k in COMMUNE_KINDS)}
_AND = re.compile(r"\bvà\b", re.IGNORECASE)
# A line of a unit cell that ends before the name does ("Văn phòng HĐND và" over
# "UBND"): the cell's width broke it, as a plan read back from a scan or a PDF keeps it.
_BROKEN_LINE = re.compile(r"\s+(?:và|của|với|thuộc)\s*\n|\s*[-\u2013&]\s*\n(?!\s*[-\u2013•+*])",
                          re.IGNORECASE)
# A dash between two parts of a name ("Trung tâm Y tế - Dân số", "Phòng Văn hóa - Xã
# hội"), or between two names ("Sở Nội vụ - Sở Tư pháp").
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+|\s*[\u2013\u2014]\s*")
# "A (B)": a name with another in brackets.
_BRACKETED = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
# "UBND các xã (trừ xã A, xã B)", "các sở, ban, ngành trừ Sở Nội vụ".
_EXCEPT = re.compile(
    r"^(?P<group>.+?)\s*[(\[]?\s*\b(?:ngoại\s+trừ|trừ|không\s+gồm|không\s+bao\s+gồm)"
    r"\s+(?P<except>[^()\[\]]+?)\s*[)\]]?$", re.IGNORECASE)
# "các sở có đơn vị sự nghiệp trực thuộc", "các xã được chọn": a part of a group.
_SUBSET_RE = re.compile(
    r"^(?:(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+)?(?:các|một\s+số)\s+.+?\s+"
    r"(?:có(?!\s+liên\s+quan)|được\s+(?:lựa\s+)?chọn|thí\s+điểm|đủ\s+điều\s+kiện|đáp\s+ứng"
    r"|chưa|không\s+có)\b",
    re.IGNORECASE)
# More kinds of unit, lower case, after a group's name ("các sở, ban, ngành liên quan",
# "UBND các xã, phường, thị trấn", "Các phòng chuyên môn, đơn vị thuộc UBND xã"), and more
# kinds of place ("các thôn, bản" with "các thôn" a group: never a unit "bản"): the group's
# name goes on. Kinds alone: "ban quản lý dự án" names a body.
_KIND_WORD = (rf"(?:sở|ban|ngành|phòng|cơ\s+quan|đơn\s+vị(?:\s+sự\s+nghiệp(?:\s+công\s+lập)?)?"
              rf"|{COMMUNE_KIND_RE}|{COMMUNITY_PLACES_RE})")
_MORE_KINDS = re.compile(rf"^{_KIND_WORD}(?:\s*(?:,|và|&)\s*{_KIND_WORD})*"
                         r"(?:\s+(?:(?:có\s+)?liên\s+quan|cấp\s+(?:tỉnh|huyện|xã))"
                         rf"|\s+(?:trực\s+)?thuộc\s+(?i:{PEOPLES_COMMITTEE_RE})(?:\s+\S.*)?)?$")
# Kinds of commune alone after a name ending with one ("Công an xã, phường"): the kinds of
# place the name is written for, no unit of their own.
_MORE_COMMUNE_KINDS = re.compile(rf"^{COMMUNE_KIND_RE}{MORE_COMMUNE_KINDS_RE}*$", re.IGNORECASE)
_ENDS_WITH_COMMUNE_KIND = re.compile(rf"\s{COMMUNE_KIND_RE}$", re.IGNORECASE)


@dataclass(frozen=True)
class Piece:
    """One name found in a cell: what was written, what it is, which units it means.

    ``role`` is set on each piece of a cell whose words say roles ("Cơ quan phối hợp:
    ...", "X chủ trì, phối hợp với Y": :meth:`Registry.resolve`); otherwise the column
    decides.
    """

    text: str
    kind: str
    ref: str = ""
    units: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    role: str | None = None
    reading: str = ""  # how a bracket or exclusion was read, for a note or warning
    excluded: tuple[str, ...] = ()  # units "(trừ …)" took out of a group


def _continued(text: str) -> str:
    """A cell's lines, a name broken over two joined into one: "Văn phòng HĐND và" /
    "UBND" was two units, the second, "UBND", added as a department of its own."""
    return _BROKEN_LINE.sub(lambda m: m[0].rstrip("\n").rstrip() + " ", text)


@dataclass
class Resolution:
    raw: str
    pieces: list[Piece] = field(default_factory=list)
    # Parts whose roles were read from their words, not said ("A phối hợp B": A leads).
    readings: list[str] = field(default_factory=list)

    @property
    def units(self) -> list[str]:
        return _unique(u for p in self.pieces for u in p.units)

    def units_with_role(self, role: str, default: str, named: bool = False) -> list[str]:
        """Units this cell gives ``role``, pieces without a stated role taking ``default``;
        with ``named``, only units named one by one (not through a group)."""
        return _unique(u for p in self.pieces if (p.role or default) == role
                       and (not named or p.kind == UNIT) for u in p.units)

    @property
    def unresolved(self) -> list[Piece]:
        return [p for p in self.pieces if p.kind == UNRESOLVED]

    @property
    def open_groups(self) -> list[Piece]:
        return [p for p in self.pieces if p.kind == GROUP and not p.units and not p.excluded
                and not p.reading and not is_subset_name(p.text)]

    @property
    def subsets(self) -> list[Piece]:
        """Parts of a group: read as such, or an open group named like one."""
        return [p for p in self.pieces if p.kind == SUBSET
                or (p.kind == GROUP and not p.units and is_subset_name(p.text))]


def is_subset_name(name: str) -> bool:
    """"các sở có đơn vị sự nghiệp trực thuộc": a name for part of a group."""
    return bool(_SUBSET_RE.match(strip_edges(clean(name))))


def _unique(codes) -> list[str]:
    return list(dict.fromkeys(codes))


class AmbiguousName(ValueError):
    pass


def _keys(name: str) -> set[str]:
    key = name_key(name)
    keys = {key}
    short = _LOCALITY_SUFFIX.sub("", key)
    if short and short != key:
        keys.add(short)
    return keys


def _derived_names(unit: Unit) -> list[str]:
    """Names a commune goes by without being listed: "Hoằng Đông", "UBND xã Hoằng Đông"."""
    if unit.kind != COMMUNE:
        return []
    bare = COMMUNE_PREFIX.sub("", unit.name)
    return [bare, f"UBND {unit.name}", f"Ủy ban nhân dân {unit.name}"] if bare else []


class Registry:
    """The units and groups of a master, indexed for resolution.

    Names written in the registry (official names, aliases, group spellings) come
    first; names derived from a commune's name ("Hoằng Đông") are tried only when
    no written name matches, and never make a conflict.
    """

    def __init__(self, units: list[Unit], groups: list[Group]) -> None:
        self.units = {u.code: u for u in units}
        self.groups = {g.code: g for g in groups}
        self._index: dict[str, set[tuple[str, str]]] = {}
        self._derived: dict[str, set[tuple[str, str]]] = {}
        self._spelling: dict[str, str] = {}
        for u in units:
            for name in [u.name, *u.aliases]:
                self._add(self._index, name, (UNIT, u.code))
            for name in _derived_names(u):
                self._add(self._derived, name, (UNIT, u.code))
        for g in groups:
            for name in [g.name, *g.spellings]:
                self._add(self._index, name, (GROUP, g.code))
        self._members = {g.code: self._expand(g) for g in groups}
        self._span = _SPAN_MARGIN + max(
            (sum(_top_separators(n)) for n in self._spelling.values()), default=0)
        # The groups (or a unit standing for them) of the commune's places, and the kinds
        # of place each one's names say: what "Trưởng thôn" means unless a list writes it.
        self._places: dict[tuple[str, str], frozenset[str]] = {}
        for ref, names in [*(((GROUP, g.code), [g.name, *g.spellings]) for g in groups),
                           *(((UNIT, u.code), [u.name, *u.aliases]) for u in units
                             if u.kind != COMMUNE)]:
            for kinds in filter(None, map(places_in, names)):
                self._places[ref] = self._places.get(ref, frozenset()) | kinds

    def _add(self, index: dict[str, set[tuple[str, str]]], name: str,
             ref: tuple[str, str]) -> None:
        for key in _keys(name):
            if key:
                index.setdefault(key, set()).add(ref)
                self._spelling.setdefault(key, clean(name))

    def _expand(self, group: Group) -> tuple[str, ...]:
        members = [
            u.code
            for u in self.units.values()
            if u.kind in group.kinds or u.code in group.members or group.code in u.groups
        ]
        return tuple(members)

    def members(self, group_code: str) -> tuple[str, ...]:
        return self._members[group_code]

    def conflicts(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Names written in the registry that point at more than one unit or group."""
        return [(self._spelling[key], sorted(refs))
                for key, refs in self._index.items() if len(refs) > 1]

    def candidates(self, name: str) -> set[tuple[str, str]]:
        """(kind, code) of every unit or group a single name may mean."""
        for index in (self._index, self._derived):
            full = name_key(name)
            if full in index:
                return set(index[full])
            refs: set[tuple[str, str]] = set()
            for key in _keys(name):
                refs |= index.get(key, set())
            if refs:
                return refs
        return places_meant(name, self._places)

    def lookup(self, name: str) -> Piece | None:
        """The unit or group a single name means, or None."""
        refs = self.candidates(name)
        if not refs:
            return None
        if len(refs) > 1:
            raise AmbiguousName(name)
        kind, code = next(iter(refs))
        units = (code,) if kind == UNIT else self.members(code)
        return Piece(text=strip_edges(clean(name)), kind=kind, ref=code, units=units)

    def suggest(self, name: str, n: int = 3, typo: float | None = None) -> tuple[str, ...]:
        """Registry names close enough to be what name meant: misspelt ("Phòng Tư phap"),
        or alike and sharing a word of their own ("Trung tâm hành chính công"); never a
        name alike only in the words unit names share ("Hội Nông dân xã" is no "Công an
        xã"). With ``typo``, only names as alike as that, diacritics left out ("Cong an
        phuong" for "Công an phường"): the same name typed wrong. Either way, never a
        name with one word in place of another (:func:`_mistyped`): check asked whether
        'Sở Ngoại vụ' was 'Sở Nội vụ', and 'Đài Phát thanh …' 'Thanh tra tỉnh', after the
        import had stopped asking (a QA pass)."""
        if (taken_over := self._successor(name)) is not None:
            return (taken_over,)
        names = [u.name for u in self.units.values()] + [g.name for g in self.groups.values()]
        keyed = {name_key(x): x for x in names}
        key = name_key(name)
        close = [k for k in difflib.get_close_matches(key, list(keyed), n=n, cutoff=0.55)
                 if _mistyped(key, k)]

        def alike(k: str) -> float:
            return difflib.SequenceMatcher(None, fold_ascii(key), fold_ascii(k)).ratio()

        if typo is not None:
            return tuple(keyed[k] for k in close if alike(k) >= typo)
        return tuple(keyed[k] for k in close if alike(k) >= _MISSPELT
                     or _own_words(key) & _own_words(k))

    def _successor(self, name: str) -> str | None:
        """The unit (by its name on 'Đơn vị') that took over the former office ``name``
        is of (:data:`FORMER_OFFICES`: "Phòng Kinh tế - Hạ tầng" -> a ward's "Phòng Kinh
        tế, Hạ tầng và Đô thị", else "Phòng Kinh tế"), found by its name or another
        spelling: no typo of it, nor alike enough (a QA pass: a commune's imported plan
        added "Phòng Kinh tế - Hạ tầng" asking nothing, "Phòng Kinh te" asked)."""
        key = _FORMER_KIND.sub("", name_key(name))
        for successor in _FORMER.get(key, ()):
            meant = name_key(successor)
            found = [u for u in self.units.values()
                     if meant in {name_key(n) for n in (u.name, *u.aliases)}]
            if found:
                return min(found, key=lambda u: name_key(u.name) != meant).name
        return None

    def resolve(self, cell: object, column: str = LEAD) -> Resolution:
        """All units a lead or coordinating cell names. When the cell's words give roles
        ("A chủ trì, B phối hợp", "Cơ quan phối hợp: …", "A (chủ trì), B"), every piece
        has its role, read by :func:`cchc_xl.roles.cell_roles` as import reads it, its
        ``column`` (LEAD or SUPPORT) that of the names whose role they do not say;
        otherwise no piece has one (the column decides)."""
        raw = clean(cell)
        res = Resolution(raw=raw)
        read = cell_roles(raw, column)
        parts: list[tuple[str, str | None]] = [(raw, None)] if read is None else [
            *((text, LEAD) for text in read.lead), *((text, SUPPORT) for text in read.support)]
        res.readings = read.readings if read is not None else []
        for text, role in parts:
            for line in _continued(text).split("\n"):
                for chunk in strip_edges(line.strip()).split(";"):
                    res.pieces += self._resolve_names(*_names_part(chunk, self), role=role)
        return res

    def _resolve_names(self, text: str, listed: str = "", role: str | None = None
                       ) -> list[Piece]:
        """The names of ``text``; with ``listed``, names listed under that head word
        ("Các Sở: Tư pháp, Y tế"): one not found is the head word's ("Sở Y tế"), the
        name to add."""
        text = strip_edges(text.strip())
        if not text:
            return []
        pieces = self._cover(text, listed)
        if not listed and any(p.kind == UNRESOLVED for p in pieces):
            # "phòng Tư pháp, Tài chính, Văn hóa - TT": later names leave out the
            # head word of the first; try them with it.
            head = next((h for p in pieces if p.kind != UNRESOLVED
                         for h in _heads(p.text)), "")
            if head:
                pieces = self._cover(text, head)
        if any(p.kind == UNRESOLVED for p in pieces):
            pieces = self._opened(text, listed, pieces)
        pieces = _one_name_on(text, pieces)
        if listed:
            pieces = [replace(p, text=f"{listed} {p.text}")
                      if p.kind == UNRESOLVED and not opens_unit_name(p.text) else p
                      for p in pieces]
        return [
            replace(p, role=p.role or role,
                    suggestions=self.suggest(p.text) if p.kind == UNRESOLVED else ())
            for p in pieces
        ]

    def _opened(self, text: str, head: str, pieces: list[Piece]) -> list[Piece]:
        """``pieces`` (``text`` read) with each unknown name cut where names open with no
        separator before them (a PDF's cell read back as one line:
        :func:`unit_names.opener_cuts`) when every part then is a known name; else the
        whole ``text`` so cut, when names open so a few times only (:data:`_OPENED_FEW`:
        "Phòng Văn hóa" read first in "Phòng Văn hóa - Thông tin Xã Hoằng Cát"). An unknown
        name stays whole ("Sở Tư pháp Hội Luật gia" is added as one name, as before)."""
        out = [q for p in pieces for q in (
            p.kind == UNRESOLVED and self._known_names(p.text, head) or [p])]
        if any(p.kind == UNRESOLVED for p in out) and len(
                opened := opener_cuts(text)) <= _OPENED_FEW:
            return self._known_names(text, head, opened) or out
        return out

    def _known_names(self, text: str, head: str, opened: list[int] | None = None
                     ) -> list[Piece] | None:
        """``text`` cut where names open with no separator before them (``opened``, when
        the caller has them: :func:`unit_names.opener_cuts`) into the fewest known names;
        None when it cannot be. A name spans at most :data:`_OPENED_SPAN` of the parts,
        each part looked up a few times (a cell of 300 names: every run of them looked up
        took minutes)."""
        cuts = [0, *(opener_cuts(text) if opened is None else opened), len(text)]
        if len(cuts) == 2:
            return None
        best: list[list[Piece] | None] = [[], *[None] * (len(cuts) - 1)]
        for j in range(1, len(cuts)):
            for i in range(max(0, j - _OPENED_SPAN), j):
                before = best[i]
                if before is None:
                    continue
                found = self._cover(text[cuts[i]:cuts[j]].strip(), head)
                if found and all(p.kind != UNRESOLVED for p in found) and (
                        best[j] is None or len(before) + len(found) < len(best[j])):
                    best[j] = before + found
        return best[-1]

    def _lookup_with_head(self, text: str, head: str) -> Piece | None:
        piece = (self._lookup_name(text, head) or self._lookup_except(text, head)
                 or self._lookup_bracketed(text, head) or self._lookup_subset(text, head))
        return None if piece is None else replace(piece, text=text)

    def _lookup_name(self, name: str, head: str) -> Piece | None:
        try:
            piece = self.lookup(name)
            if piece is None and head and not name.lower().startswith(head.lower()):
                piece = self.lookup(f"{head} {name}")
        except AmbiguousName:
            return None
        return piece

    def _lookup_bracketed(self, name: str, head: str) -> Piece | None:
        """"A (B)": B when it is a unit or group of the registry, else A."""
        pair = split_bracket(name)
        if not pair:
            return None
        outer_name, inner_name = pair
        if names_its_parent(outer_name, inner_name):
            return self._lookup_belonging(outer_name, inner_name, head)
        inner = self._lookup_name(inner_name, "")
        if inner is not None:
            return replace(inner, reading=f"giao cho '{self._name_of(inner)}' (tên trong "
                           f"ngoặc, đơn vị trực tiếp thực hiện), không giao cho "
                           f"'{outer_name}'")
        outer = self._lookup_name(outer_name, head)
        if outer is not None:
            return replace(outer, reading=f"giao cho '{self._name_of(outer)}'; phần trong "
                           f"ngoặc '({_BRACKETED.match(name)['inner'].strip()})' là ghi chú")
        return None

    def _lookup_belonging(self, outer: str, inner: str, head: str) -> Piece | None:
        """"A (B)", B the body A belongs to ("Văn phòng (UBND tỉnh)"): the unit "A B" or
        else A; None when neither is known (import adds the one :func:`own_name` says).
        A commune in the brackets is the one assigned, as before: "Trung tâm Phục vụ
        hành chính công (UBND xã Hoằng Đông)" is the commune's, not the province's
        centre."""
        parent = self._lookup_name(inner, "")
        if parent is not None and parent.kind == UNIT and \
                self.units[parent.ref].kind == COMMUNE:
            return replace(parent, reading=f"giao cho '{self._name_of(parent)}' (tên trong "
                           f"ngoặc, đơn vị trực tiếp thực hiện), không giao cho '{outer}'")
        # "Thanh tra (Sở Y tế)" is never "Thanh tra tỉnh": a bare kind of body is named
        # with the body it belongs to.
        for name in dict.fromkeys((own_name(outer, inner, shared=True),
                                   own_name(outer, inner))):
            piece = self._lookup_name(name, head)
            if piece is not None and piece.kind in (UNIT, GROUP):
                return replace(piece, reading=f"giao cho '{self._name_of(piece)}'; phần "
                               f"trong ngoặc '({inner})' là cơ quan có '{outer}', không phải "
                               "đơn vị được giao thứ hai")
        return None

    def _lookup_except(self, name: str, head: str) -> Piece | None:
        """"Group (trừ A, B)": the group's members without A and B."""
        m = _EXCEPT.match(name)
        if not m:
            return None
        group = self._lookup_name(strip_edges(m["group"].strip()), head)
        if group is None or group.kind != GROUP:
            return None
        others = self._cover(strip_edges(m["except"].strip()))
        if not others or any(p.kind == UNRESOLVED for p in others):
            return replace(group, units=(), excluded=("?",),
                           reading=f"không xác định được các đơn vị trừ ra "
                           f"'{m['except'].strip()}'")
        gone = {u for p in others for u in p.units}
        kept = tuple(u for u in group.units if u not in gone)
        return replace(group, units=kept, excluded=tuple(sorted(gone)),
                       reading=f"giao cho {len(kept)} đơn vị của nhóm "
                       f"'{self.groups[group.ref].name}', trừ "
                       f"{', '.join(self._name_of(p) for p in others)}")

    def _lookup_subset(self, name: str, head: str) -> Piece | None:
        """"các sở có đơn vị sự nghiệp trực thuộc": a part of a group, nobody assigned."""
        if not is_subset_name(name):
            return None
        return Piece(text=name, kind=SUBSET)

    def _name_of(self, piece: Piece) -> str:
        if piece.kind == UNIT:
            return self.units[piece.ref].name
        if piece.kind == GROUP:
            return self.groups[piece.ref].name
        return piece.text

    def _cover(self, chunk: str, head: str = "") -> list[Piece]:
        """The fewest names covering chunk, cut only at soft separators."""
        cuts = [(m.start(), m.end()) for m in _SOFT.finditer(chunk)]
        # The separators outside brackets before each part: a run over more than a name
        # holds (self._span) is looked up no more, only weighed as one unknown piece.
        top = list(itertools.accumulate(_top_separators(chunk), initial=0))
        starts = [0] + [e for _, e in cuts]
        ends = [s for s, _ in cuts] + [len(chunk)]
        n = len(starts)
        best: list[tuple[float, list[Piece]] | None] = [None] * (n + 1)
        best[0] = (0, [])
        for j in range(1, n + 1):
            for i in range(j):
                prev = best[i]
                if prev is None:
                    continue
                text = strip_edges(chunk[starts[i] : ends[j - 1]].strip())
                piece = self._lookup_with_head(text, head) if text and (
                    top[j - 1] - top[i] <= self._span) else None
                if not text:
                    cost = 0.0
                elif piece is not None:
                    # A part of a group is the reading of last resort before "unknown".
                    cost = _SUBSET_COST if piece.kind == SUBSET else 1.0
                else:
                    cost = _UNRESOLVED_COST + 2 * (j - i)
                    piece = Piece(text=text, kind=UNRESOLVED)
                total = prev[0] + cost
                if best[j] is None or total < best[j][0]:
                    best[j] = (total, prev[1] + ([piece] if piece else []))
        return best[n][1] if best[n] else []


# How alike a name and a guess are, diacritics left out, when the name is the guess
# misspelt ("Phòng Tư phap", "Phong Noi vu": 1.0; a letter off in a short name: 0.92).
_MISSPELT = 0.8
# Words unit names share whatever they name: alike in these alone is no likeness.
_COMMON_WORDS = frozenset(match_key(w) for w in (
    "phòng", "sở", "ban", "ủy", "nhân", "dân", "hội", "đồng", "trung", "tâm", "các", "cấp",
    "công", "xã", "phường", "đặc", "khu", "thị", "trấn", "huyện", "tỉnh", "thành", "phố"))


def _mistyped(key: str, known: str) -> bool:
    """True when the name keyed ``key`` may be ``known`` typed wrong: diacritics left
    out, a word split or joined, left out or added, a letter of a word off; never one word
    in place of another ("Sở Ngoại vụ" and "Sở Nội vụ", two departments, are 0.9 alike:
    a QA pass, the user asked whether the one was the other would merge them)."""
    typed, meant = fold_ascii(key).split(), fold_ascii(known).split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, typed, meant).get_opcodes():
        words, others = typed[i1:i2], meant[j1:j2]
        if op != "replace" or "".join(words) == "".join(others):
            continue
        if len(words) != len(others) or not all(map(one_edit_apart, words, others)):
            return False
    return True


def _own_words(key: str) -> set[str]:
    return set(re.findall(r"\w+", key)) - _COMMON_WORDS


def _one_name_on(text: str, pieces: list[Piece]) -> list[Piece]:
    """"Phòng Kinh tế, Hạ tầng và Đô thị" when only "Phòng Kinh tế" is known: the
    rest opens no name of its own and ends with "và ...", so the whole is one name
    (unknown), not "Phòng Kinh tế" and a stray "Hạ tầng và Đô thị". Likewise "Sở Kế
    hoạch và Đầu tư". A group followed by more kinds of unit in lower case ("các sở, ban,
    ngành liên quan" when "Các sở" is known) is one name too, unknown, and so is a name
    ending with a kind of commune followed by more kinds ("Công an xã, phường" when "Công
    an xã" is known: never that unit and a unit "phường"). So is a name whose part after a
    dash opens none ("Trung tâm Y tế - Dân số", "Phòng Văn hóa - Xã hội" when only
    "Trung tâm Y tế", "Phòng Văn hóa" are known: never that unit and a unit "Dân số", "Xã
    hội"). A list "Phòng Nội vụ, Tài chính" is left as it was read."""
    out: list[Piece] = []
    cursor, starts = 0, []
    for p in pieces:
        at = text.find(p.text, cursor)
        starts.append(at if at >= 0 else cursor)
        cursor = starts[-1] + len(p.text)
    for k, p in enumerate(pieces):
        if (out and out[-1] is pieces[k - 1] and p.kind == UNRESOLVED
                and pieces[k - 1].kind == GROUP and _MORE_KINDS.match(p.text)):
            # "các sở, ban, ngành liên quan" with "Các sở" a group: one (unknown) group
            # name, never every sở and a unit "ban, ngành liên quan"
            out[-1] = Piece(text=strip_edges(text[starts[k - 1]:starts[k] + len(p.text)]
                                             .strip()), kind=UNRESOLVED)
            continue
        if (out and out[-1] is pieces[k - 1] and p.kind == UNRESOLVED
                and _MORE_COMMUNE_KINDS.match(p.text)
                and _ENDS_WITH_COMMUNE_KIND.search(pieces[k - 1].text)):
            # "Công an xã, phường": one (unknown) name; import reads what it means
            out[-1] = Piece(text=strip_edges(text[starts[k - 1]:starts[k] + len(p.text)]
                                             .strip()), kind=UNRESOLVED)
            continue
        if out and k and p.kind == UNRESOLVED and not opens_unit_name(p.text):
            between = text[starts[k - 1] + len(pieces[k - 1].text):starts[k]]
            if _AND.search(between) or _AND.search(p.text) or _DASH.fullmatch(between):
                start = starts[k - 1] if out[-1] is pieces[k - 1] else starts[k]
                merged = strip_edges(text[start:starts[k] + len(p.text)].strip())
                out[-1] = Piece(text=merged, kind=UNRESOLVED)
                continue
        out.append(p)
    return out


def _heads(name: str) -> list[str]:
    """The head words a name opens with, longest first ("UBND xã", then "UBND")."""
    words = name.split()
    return [" ".join(words[:n]) for n in (3, 2, 1)
            if len(words) > n and " ".join(words[:n]).lower() in _HEAD_WORDS]


def _names_part(chunk: str, registry: Registry) -> tuple[str, str]:
    """The part of "names: what they do" that names units, and the head word its names
    are listed under ("" for none).

    "UBND cấp xã: thực hiện rà soát ..." -> "UBND cấp xã"; "Các phòng chức năng:
    Văn phòng, Thanh tra" -> the list after the colon; "Các Sở: Tư pháp, Tài chính" ->
    the list, under "Sở", when a name of it is a unit with that head word (the group
    "Các sở" is never the reading: it would give every sở). Otherwise the last part that
    resolves wholly wins; when none does, the whole chunk is resolved (and reported).
    """
    parts = [p for p in chunk.split(":") if p.strip()]
    if len(parts) < 2:
        return chunk, ""
    listed = listed_under(chunk)
    if listed is not None:
        head, names = listed
        if any(p.kind == UNIT for p in registry._cover(names, head)):
            return names, head
    for part in reversed(parts):
        pieces = registry._cover(strip_edges(part.strip()))
        if pieces and all(p.kind != UNRESOLVED for p in pieces):
            return part, ""
    return chunk, ""
