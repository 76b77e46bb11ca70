"""Lead and coordinating units written in one cell, each marked with its role.

Plans with a single "Cơ quan thực hiện" column (and some with two) say in the cell who
leads and who coordinates, and a master typed by hand in Excel says it the same ways:

- labelled lines: "Chủ trì: Sở Tư pháp" / "Phối hợp: Sở Nội vụ, Sở Tài chính",
  "Cơ quan phối hợp: …" ("Cơ quan thực hiện: …", "Đơn vị tổng hợp: …" lead);
- a role after the names: "Sở Tài chính chủ trì; các sở, ban, ngành phối hợp",
  "Phòng Cải cách hành chính (chủ trì), Văn phòng Sở", "(chủ trì)" on the line after
  its unit's name;
- "A chủ trì, phối hợp với B", "A chủ trì, B phối hợp", "A phối hợp (với) B": A leads,
  B coordinates (in the coordinators column "A phối hợp (với) B": both coordinate);
  "A chủ trì, phối hợp với:" then B and C on lines of their own; what a
  coordinator does after its name is left out ("phối hợp Sở Nội vụ tham mưu", "phối hợp
  với Sở Nội vụ thực hiện").

This module is the one reader of those words. Import of a Word plan
(:func:`split_roles`, in :mod:`cchc_xl.plan_import.recognize`) writes each part in its
column, so the plan table shows leads and coordinators apart; a master's lead and
coordinators cells are read with the same rules (:func:`cell_roles`, in
:meth:`cchc_xl.units.Registry.resolve`) before their names are looked up, so one cell's
text gives the same lead and coordinators either way. A cell without such words is left
as written; so is a name that holds them ("Hội đồng phối hợp phổ biến, giáo dục pháp
luật"), and text that opens no unit's name ("A chủ trì tham mưu").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import match_key
from .unit_names import listed_under, opens_unit_name
from .vocab import LEAD, SUPPORT

_GUESSED = "guessed"  # clauses whose roles are a reading of their words, not said
_ROLE_WORD = {"chủ trì": LEAD, "phối hợp": SUPPORT, "thực hiện": LEAD, "tổng hợp": LEAD}
# "Chủ trì:", "- Đơn vị phối hợp:", "Cơ quan chủ trì thực hiện:" opening a part of the cell;
# "Cơ quan thực hiện:", "Đơn vị tổng hợp:" name the lead (never alone: "Thực hiện:" is
# what to do).
_LABEL = re.compile(r"(?:^|(?<=[\n;.,])|(?<=\s[-–]))\s*[-+•*]?\s*(?:(?:(?:đơn\s+vị|cơ\s+quan)\s+)?"
                    r"(chủ\s+trì|phối\s+hợp)(?:\s+thực\s+hiện)?(?:\s+với)?"
                    r"|(?:đơn\s+vị|cơ\s+quan)\s+(thực\s+hiện|tổng\s+hợp))\s*:\s*",
                    re.IGNORECASE)
# "A (chủ trì), B": the names before the bracket have that role, those after it the other.
_BRACKETED = re.compile(r"^(?P<named>.*?)\s*\(\s*(?P<role>chủ\s+trì|phối\s+hợp)\s*\)\s*[,;]?\s*"
                        r"(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
# "A chủ trì", "A chủ trì, phối hợp với B", "A phối hợp", "A phối hợp với B".
_TRAILING = re.compile(r"^(?P<named>.*?\S)\s+(?P<role>chủ\s+trì|phối\s+hợp)"
                       r"(?:\s+(?:thực\s+hiện|triển\s+khai))?"
                       r"(?:\s*,?\s*(?P<joined>phối\s+hợp\s+)?(?P<with>với\s+)?(?P<rest>.*))?$",
                       re.IGNORECASE | re.DOTALL)
# Bodies whose name holds the words ("Hội đồng phối hợp PBGDPL", "Ban chủ trì ...").
_IN_A_NAME = re.compile(r"\b(?:hội\s+đồng|ban|tổ|nhóm|cơ\s+chế)\s+(?:chủ\s+trì|phối\s+hợp)\b",
                        re.IGNORECASE)
# The words of such a name joined by a character no pattern here takes for a space, so
# that its role word is read as part of it wherever it stands in the cell ("Sở Tư pháp
# (chủ trì), Hội đồng phối hợp PBGDPL tỉnh": the council coordinates).
_JOIN = "\ue000"
_GROUP_OPENER = re.compile(r"(?:các|tất\s+cả|những|toàn\s+bộ)\s", re.IGNORECASE)
_EDGES = " ,.;-+•*\u2013"  # a clause's bullet and punctuation
_CLAUSES = re.compile(r"\s*(?:;|\n)\s*")
# "(chủ trì)" alone on the line after its unit's name: that line's.
_MARK_ON_ITS_OWN_LINE = re.compile(r"\s*\n\s*(\(\s*(?:chủ\s+trì|phối\s+hợp)\s*\))", re.IGNORECASE)
# What a coordinator does, written after its name: "phối hợp Sở Nội vụ tham mưu", "…
# tham mưu UBND tỉnh" (lower case: not "Phòng Tham mưu Công an tỉnh"; not a body that
# advises: "các cơ quan tham mưu, giúp việc Tỉnh ủy"); "phối hợp với Sở Nội vụ (cùng)
# thực hiện", "… triển khai" at the end (not "Ban Chỉ đạo thực hiện", a body's name).
_DOING = re.compile(r"(?<!\bcơ quan)(?<!\bbộ phận)(?<!\bđơn vị)(?<![Cc]hỉ đạo)"
                    r"\s+(?:tham\s+mưu(?:\s+(?:cho\s+)?"
                    r"(?:UBND|Ủy ban|HĐND|Chủ tịch|Tỉnh ủy|Thành ủy|Đảng ủy|Thường trực)\b.*)?"
                    r"|(?:cùng\s+)?(?:thực\s+hiện|triển\s+khai)\s*)$",
                    re.DOTALL)


def without_doing(text: str) -> str:
    """``text`` without what the body it names does, written after its name ("Sở Nội vụ
    tham mưu", "Văn phòng HĐND và UBND phường thực hiện": the office); unchanged when
    it ends otherwise ("tham mưu" alone, "Phòng Tham mưu", "các cơ quan tham mưu")."""
    return _DOING.sub("", text)


def _role(word: str) -> str:
    return _ROLE_WORD[" ".join(word.lower().split())]


def _other(role: str) -> str:
    return SUPPORT if role == LEAD else LEAD


# What a clause's words said: nothing, a role, or its own column's role in brackets
# ("A (chủ trì)" in the lead column), which makes the cell's other names the other role's.
# "A chủ trì, phối hợp với B" says nothing of the next line ("- UBND cấp xã" there is
# another lead, as the master reads it); "phối hợp với:" is a label (its list follows).
_NOTHING, _SAID, _MARKS = "", "said", "marks"


def _clause(text: str, role: str, parts: dict[str, list[str]]) -> str:
    """One clause of a cell in column ``role``: its names put under their roles; what
    its words said (_NOTHING, _SAID, _MARKS)."""
    text = text.strip(_EDGES)
    if not text:
        return _NOTHING
    m = _BRACKETED.match(text)
    if m:
        said = _role(m["role"])
        _put(m["named"], said, parts)
        # "A (phối hợp), B (chủ trì)"; "Các sở: Nội vụ (chủ trì), Tư pháp": B is "Các sở:
        # Tư pháp", listed under the head word as A is.
        rest = m["rest"]
        if listed_under(m["named"]) and rest.strip(_EDGES):
            rest = f"{m['named'][:m['named'].index(':') + 1]} {rest}"
        if said == role == SUPPORT:
            # "A (phối hợp), B" among the coordinators: A's mark says what the column
            # says; B coordinates too (it was made a lead: a QA pass).
            _clause(rest, SUPPORT, parts)
            return _SAID
        _clause(rest, _other(said), parts)
        return _MARKS if said == role else _SAID
    m = _TRAILING.match(text)
    if m and _names_around(m):
        said = _role(m["role"])
        rest = (m["rest"] or "").strip(" ,.")
        if said == role == SUPPORT and rest:
            # "A phối hợp (với) B" among the coordinators: both coordinate, as the
            # column says (A was made a lead); what follows is read on ("A phối hợp, B
            # chủ trì": B leads).
            _put(m["named"], SUPPORT, parts)
            _clause(without_doing(rest), SUPPORT, parts)
        elif said == SUPPORT and rest:
            # "A phối hợp (với) B": A does the work with B's help (a reading: noted).
            parts[_GUESSED].append(text)
            _put(m["named"], LEAD, parts)
            _put(without_doing(rest), SUPPORT, parts)
        else:
            _put(m["named"], said, parts)
            if rest:
                # "A chủ trì, B phối hợp": B's own role word is left out of its name.
                _clause(without_doing(rest), _other(said), parts)
        return _SAID
    parts[role].append(text)
    return _NOTHING


def _names_around(m: re.Match[str]) -> bool:
    """Whether the role words _TRAILING found stand between names (or after one): "A
    chủ trì, phối hợp (với) B" says so of any A ("Tổ chức thường trực chủ trì, phối hợp
    với …"), and "… phối hợp với B" of any B; otherwise each must open a unit's name."""
    joined = _role(m["role"]) == LEAD and bool(m["joined"])
    return ((joined or _names(m["named"]))
            and (not m["rest"] or joined and bool(m["with"]) or _names(m["rest"])))


def _names(text: str) -> bool:
    """Whether ``text`` opens with a unit's or a group's name (not "tham mưu", "thực
    hiện"): only then are the words around it read as its role."""
    text = _unmasked(text).strip(_EDGES)
    return bool(text) and (opens_unit_name(text) or bool(_GROUP_OPENER.match(text)))


def _put(text: str, role: str, parts: dict[str, list[str]]) -> None:
    text = text.strip(_EDGES)
    if text:
        parts[role].append(text)


def _cell(text: str, role: str, parts: dict[str, list[str]]) -> bool:
    """A cell of column ``role``: its labelled parts, and its clauses, under their roles;
    whether its words said a role."""
    pieces = _LABEL.split(_MARK_ON_ITS_OWN_LINE.sub(r" \1", text))
    # [before the first label, its role words (either of the label's two forms), its
    # text, the next label's role words, its text, ...]
    said = []
    plain: list[int] = []  # positions in parts[role] of clauses that said nothing
    for clause in _CLAUSES.split(pieces[0]):
        at = len(parts[role])
        said.append(_clause(clause, role, parts))
        if said[-1] == _NOTHING and len(parts[role]) > at:
            plain.append(at)
    if _MARKS in said and plain:
        # "A (chủ trì)" on a line, "B" on the next (or after ";"): A's bracket marks the
        # lead among the cell's names, the others coordinate, as on one line.
        parts[_other(role)].extend(parts[role][i] for i in plain)
        parts[role] = [x for i, x in enumerate(parts[role]) if i not in plain]
    for k in range(1, len(pieces), 3):
        _put(pieces[k + 2].replace("\n", "; "), _role(pieces[k] or pieces[k + 1]), parts)
    return any(said) or len(pieces) > 1


def _masked(text: str) -> str:
    """``text`` with the words of each name that holds a role word joined (_JOIN)."""
    return _IN_A_NAME.sub(lambda m: re.sub(r"\s+", _JOIN, m.group(0)), text)


def _unmasked(text: str) -> str:
    return text.replace(_JOIN, " ")


def _says_roles(masked: str) -> bool:
    """Whether a unit cell (its names that hold role words masked: :func:`_masked`) says
    its units' roles in words, not only in such a name ("Hội đồng phối hợp PBGDPL")."""
    key = " ".join(masked.lower().split())
    return "chủ trì" in key or "phối hợp" in key or bool(_LABEL.search(masked))


@dataclass
class CellRoles:
    """The parts of one unit cell under the roles its words give them, as written
    (a part may list several names); ``readings`` as :func:`split_roles` says."""

    lead: list[str]
    support: list[str]
    readings: list[str]


def cell_roles(text: str, column: str) -> CellRoles | None:
    """The parts of a cell of column ``column`` (LEAD or SUPPORT) under their roles, read
    as :func:`split_roles` reads either cell of an imported plan (parts that say no role
    are the column's); None when its words say no role: every name in it is the
    column's."""
    text = _masked(text)
    if not _says_roles(text):
        return None
    parts: dict[str, list[str]] = {LEAD: [], SUPPORT: [], _GUESSED: []}
    if not _cell(text, column, parts):
        return None
    lead, support, readings = ([_unmasked(x) for x in parts[k]] for k in (LEAD, SUPPORT,
                                                                          _GUESSED))
    return CellRoles(lead, support, readings)


def split_roles(lead: str, support: str) -> tuple[str, str, list[str]]:
    """(lead, coordinators, readings) as written in the lead and coordinators cells,
    each part moved to the role its words give it; cells without such words come back as
    given. ``readings`` are the clauses whose roles were read rather than said ("A phối
    hợp B": A leads), for the user to check."""
    masked = _masked(lead), _masked(support)
    if not any(_says_roles(cell) for cell in masked):
        return lead, support, []
    parts: dict[str, list[str]] = {LEAD: [], SUPPORT: [], _GUESSED: []}
    said = [_cell(masked[0], LEAD, parts), _cell(masked[1], SUPPORT, parts)]
    if not any(said):
        return lead, support, []
    # A line each: the master reads a cell line by line ("A chủ trì, phối hợp với B" on
    # one line says nothing of the next); a name written in both cells once ("Sở Tư pháp"
    # as the lead, "Sở Tư pháp chủ trì" among the coordinators: it was named twice).
    return (_unmasked("\n".join(_once(parts[LEAD]))),
            _unmasked("\n".join(_once(parts[SUPPORT]))),
            [_unmasked(x) for x in parts[_GUESSED]])


def _once(names: list[str]) -> list[str]:
    """``names`` without a repeat (two spellings of one name: :func:`match_key`)."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(match_key(name), name)
    return list(kept.values())
