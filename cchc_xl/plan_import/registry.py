"""The unit registry of an imported plan: taken from last year's master or a simple
unit list (``--units``), filled with a province's communes (``--province``), and
completed with every name the plan's lead and coordinating cells use that the
registry does not know yet (added with a guessed kind, for the user to confirm).
"""

from __future__ import annotations

import csv
import re
from contextlib import closing
from pathlib import Path

from ..abbreviations import expand_abbreviations, name_key
from ..errors import MasterError, UsageError, WorkbookError
from ..findings import Finding
from ..master import parse_kind, read_master
from ..master.layout import UNIT_COLUMNS, UNITS_SHEET
from ..model import Group, Master, Unit
from ..text import clean, match_key, one_line, strip_edges
from ..unit_names import (
    commune_kinds,
    listed_under,
    names_its_parent,
    opens_unit_name,
    own_name,
    places_group_note,
    places_in,
    places_title,
)
from ..units import GROUP, UNIT, AmbiguousName, Registry, split_bracket
from ..vocab import (
    COMMUNE,
    COMMUNE_KIND_RE,
    COMMUNE_KINDS,
    DEPARTMENT,
    DISTRICT_KIND_RE,
    GROUP_NOUNS_RE,
    KIND_LABELS,
    KINDS_LISTED_RE,
    NOTE,
    OTHER,
    PEOPLES_COMMITTEE_WORDS,
    PLACES_GROUP_RE,
    PUBLIC_SERVICE,
    WARNING,
)
from ..xlio import find_header, open_workbook
from . import own_offices
from .boards import BOARDS_NOTE, boards_group, fill_boards, names_the_boards
from .communes import communes_of_kinds, group_of_kinds
from .kinds import guess_kind
from .own_offices import (
    OF_THE_COMMUNE,
    known_group,
    of_its_own_committee,
    offices_group,
    own_committee,
)
from .unit_codes import HEADS, unit_code

# "Công an xã, phường": in a province's plan each commune's police, a crowd as "Công an
# các xã, phường" is; in a commune's plan its own police ("Công an xã").
_POLICE_OF_COMMUNES = re.compile(rf"^công\s+an\s+{KINDS_LISTED_RE}$", re.I)
# "UBND các xã, phường", "UBND cấp xã", and "UBND xã, phường": kinds with no name; "Trưởng
# các thôn, bản" (a title over the places of a commune, each one's: an open group, as "các
# tổ dân phố" is, not a unit).
_GROUP = re.compile(r"^(?:các|tất cả|toàn bộ|những)\s|\bcác\s+(?:xã|phường|sở|phòng|cơ quan|đơn vị)"
                    rf"|{PLACES_GROUP_RE}"
                    r"|\bcấp\s+(?:xã|huyện|tỉnh)$"
                    rf"|^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+{KINDS_LISTED_RE}$"
                    rf"|{_POLICE_OF_COMMUNES.pattern}", re.I)
_GROUP_KINDS = [
    # Not the "xã" of "xã hội" ("Các tổ chức chính trị - xã hội": the mass organisations,
    # never every commune).
    (COMMUNE, re.compile(rf"\b{COMMUNE_KIND_RE}\b(?!\s+hội\b)", re.I)),
    (DEPARTMENT, re.compile(r"\b(?:phòng|sở|ban|ngành|cơ quan chuyên môn)\b", re.I)),
    (PUBLIC_SERVICE, re.compile(r"sự nghiệp", re.I)),
]
# A person's title, not a body ("Giám đốc Sở", "các Phó Giám đốc Sở", "Chủ tịch UBND xã",
# "Công chức Tư pháp - Hộ tịch"): never a group of every unit of the kind it names, and
# said to be a title. Not "Thủ trưởng các sở, ban, ngành": the heads of a group of units.
_JOB_TITLE = re.compile(
    r"^(?:(?:các|những)\s+)?(?:phó\s+)?(?:giám\s+đốc|chủ\s+tịch|trưởng\s+phòng|trưởng\s+ban"
    r"|chánh\s+văn\s+phòng|chánh\s+thanh\s+tra|bí\s+thư|công\s+chức|cán\s+bộ|lãnh\s+đạo"
    r"|người\s+đứng\s+đầu|thủ\s+trưởng)\b(?!\s+(?:các|những)\b)", re.I)
# A title over a group ("Chủ tịch UBND các xã, phường", "Giám đốc các sở"): the group's
# units, as before (the title is whose the work is in each of them).
_TITLE_OVER_GROUP = re.compile(r"\S\s+(?:các|những)\s|\bcấp\s+(?:xã|huyện|tỉnh)\b", re.I)
# Groups that name some units, not all of a kind: the user lists them.
_OPEN_GROUP = re.compile(r"liên quan|được chọn|được giao|\bcó\b|trực thuộc|\btrừ\b", re.I)
_PLACES_GROUP = re.compile(PLACES_GROUP_RE, re.I)
_NAME_SPLIT = re.compile(r"(,\s*|\s+và\s+)")
# A group's name opening: "các", "những", "tất cả" (any case), after a comma never inside
# a unit's name.
_MANY = re.compile(r"(?:các|những|tất\s+cả)\s", re.I)
# Where a group of bodies or places begins after a name, "và" or a comma then "các" and
# its noun: "Ủy ban MTTQ phường | và các tổ chức chính trị - xã hội". Not "Ban Quản lý Khu
# kinh tế Nghi Sơn và các khu công nghiệp", one board's name.
_GROUP_AFTER = re.compile(rf"(?:\s*,\s*|\s+và\s+)(?=(?:các|những)\s+{GROUP_NOUNS_RE})", re.I)
# Its words with one space between them (a name's words as the plan wrote them).
_PEOPLES_COMMITTEE = re.compile(rf"^(?:{'|'.join(PEOPLES_COMMITTEE_WORDS)})\b", re.I)
# Offices of two bodies named with both (the office of the first, the second's name):
# "Văn phòng HĐND và UBND (phường)", the commune's main office; a province's "Văn phòng
# Đoàn ĐBQH và HĐND tỉnh" (since 2025 one office serves both). One name, not an office
# and a body: the council's office was split off, a department (a QA pass).
_OFFICES_OF_TWO = (
    (re.compile(r"^(?:văn phòng|vp)\s+(?:hđnd|hdnd|hội đồng nhân dân)$", re.I),
     _PEOPLES_COMMITTEE),
    (re.compile(r"^(?:văn phòng|vp)\s+đoàn\s+(?:đbqh|đại biểu quốc hội)$", re.I),
     re.compile(r"^(?:hđnd|hdnd|hội đồng nhân dân)\b", re.I)))
_SIMPLE_NAME = ("Tên đơn vị", "Tên", "Đơn vị")
# How alike, diacritics left out, a name added and a known one it may be a typo of are.
_TYPO = 0.9
# The most words a name listed under a head word has ("Văn hóa, Thể thao và Du lịch").
_NAME_WORDS = 6


def group_not_listed(name: str) -> str:
    """How a note on a group name the import found in no list begins (its code
    "import-group-added"): :mod:`cchc_xl.plan_import.unled` finds a group's note by it."""
    return f"'{name}' chưa có trong danh sách: "


def load_units(path: Path) -> tuple[list[Unit], list[Group], Master | None]:
    """Units and groups from last year's master, or from a simple list (.xlsx or .csv
    with columns "Tên đơn vị", "Loại", "Tên gọi khác"); and that master (None for a
    list): its plan's reading settings ("Trước ngày", a coordinator inside a lead group)
    carry over, and a plan in use that the document amends keeps its ids and periods
    (kept_ids.plan_in_use), read here once."""
    if not path.exists():
        raise UsageError("không có tệp danh sách đơn vị", file=str(path))
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = [tuple(r) for r in csv.reader(fh)]
        return _simple_list(rows, path, ""), [], None
    try:
        master, _ = read_master(path)
    except (MasterError, WorkbookError):
        master = None
    if master is None or not master.units:
        with closing(open_workbook(path)) as wb:
            ws = wb[UNITS_SHEET] if UNITS_SHEET in wb.sheetnames else wb.worksheets[0]
            rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            return _simple_list(rows, path, ws.title), [], None
    return master.units, master.groups, master


def _simple_list(rows: list[tuple], path: Path, sheet: str) -> list[Unit]:
    columns = {**UNIT_COLUMNS, "name": (*UNIT_COLUMNS["name"], *_SIMPLE_NAME)}
    found = find_header(rows[:15], columns, "name")
    if found is None:
        raise UsageError("danh sách đơn vị thiếu cột 'Tên đơn vị'", file=str(path),
                         sheet=sheet or None,
                         hint="dòng tiêu đề cần các cột: Tên đơn vị, Loại, Tên gọi khác")
    r, cols = found
    units: list[Unit] = []
    codes: set[str] = set()
    for row in rows[r + 1:]:
        def get(name: str, row=row) -> str:
            i = cols.get(name)
            return clean(row[i]) if i is not None and i < len(row) else ""
        name = one_line(get("name"))
        if not name:
            continue
        kind = parse_kind(get("kind")) or guess_kind(name)
        aliases = [a.strip() for a in re.split(r"[;\n]", get("aliases")) if a.strip()]
        code = get("code") or unit_code(name, kind, codes)
        codes.add(code)
        units.append(Unit(code=code, name=name, kind=kind, aliases=aliases))
    return units


def _split_names(text: str) -> list[str]:
    """"Phòng Tư pháp, Phòng Nội vụ" -> two names, and so "Hội Liên hiệp Phụ nữ tỉnh,
    Tỉnh đoàn" (any name opening as :func:`opens_unit_name` knows, abbreviations spelt
    out: "BHXH tỉnh"), and "Đoàn Thanh niên phường, các tổ dân phố" (a group after a
    comma, "các" written small: one unit was added under both names); a comma inside a
    name ("Trung tâm Văn hóa, Thông tin") stays, since what follows it does not open one,
    and so does "và các" ("Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp" is one
    board; a group's noun after it, "và các tổ chức chính trị - xã hội", is parted
    before: :data:`_GROUP_AFTER`)."""
    names: list[str] = []
    pieces = _NAME_SPLIT.split(text)
    for k in range(0, len(pieces), 2):
        part = strip_edges(pieces[k].strip())
        if not part:
            continue
        # "BHXH tỉnh", "VP Đoàn ĐBQH …" open a name as "Bảo hiểm …", "Văn phòng …" do.
        opens = (part[0].isupper() and opens_unit_name(expand_abbreviations(part))) or (
            pieces[k - 1].startswith(",") and bool(_MANY.match(part)))
        if names and (not opens or _office_of_two(names[-1], part)):
            # "Sở Kế hoạch và Đầu tư", "Phòng Kinh tế, Hạ tầng và Đô thị": the name goes
            # on, written as it was
            names[-1] = f"{names[-1]}{pieces[k - 1].rstrip()} {part}".replace(" ,", ",")
        else:
            names.append(part)
    return names


def _office_of_two(office: str, second: str) -> bool:
    """True for "Văn phòng HĐND" then "UBND phường", "VP Đoàn ĐBQH" then "HĐND tỉnh":
    the two parts of one office's name (:data:`_OFFICES_OF_TWO`)."""
    return any(first.match(office) and then.match(second) for first, then in _OFFICES_OF_TWO)


def _names_in(piece: str, shared: frozenset[str] = frozenset()) -> list[str]:
    """The unit or group names an unresolved piece holds. "Các phòng chức năng: Văn
    phòng, Thanh tra" names the units after the colon; "UBND huyện: hướng dẫn các cơ
    quan" names the one before it. "Các Sở: Tư pháp, Y tế" (none of them known) names "Sở
    Tư pháp" and "Sở Y tế", never a group "Các Sở" that would take every sở."""
    listed = listed_under(piece)
    if listed is not None:
        head, after = listed
        names = [strip_edges(n.strip()) for n in after.split(",")]
        # Two names or more, each a capitalised name's few words: not a task
        # ("Các sở: chủ động triển khai", read as the group's). With none of them known,
        # a comma inside a name ("Văn hóa, Thể thao và Du lịch") cannot be told from one
        # between names: each part is added, and warned about, for the user to correct.
        if len(names) > 1 and all(n[:1].isupper() and len(n.split()) <= _NAME_WORDS
                                  for n in names):
            return [n if opens_unit_name(n) else f"{head} {n}" for n in names]
    if ":" in piece:
        before, after = piece.split(":", 1)
        names = _split_names(after)
        if names and all(HEADS.match(n.lower()) for n in names):
            return names
        return _names_in(before, shared)
    if (m := _GROUP_AFTER.search(piece)) and piece[:m.start()].strip():
        # "Ủy ban MTTQ phường và các tổ chức chính trị - xã hội": a unit, then a group
        # (it was one unit named with both, a QA pass).
        return [*_names_in(piece[:m.start()], shared), *_names_in(piece[m.end():], shared)]
    if _GROUP.search(piece):
        # "Sở Nội vụ, Sở Tư pháp và UBND các xã, phường": two units and a group, none
        # known (it was one group of every sở and commune, or, leading, one unit under
        # the whole text: a QA pass); "UBND các xã, phường" alone stays one name.
        names = _split_names(piece) if "(" not in piece else [piece]
        return [piece] if len(names) < 2 else [
            name for part in names for name in _names_in(part, shared)]
    pair = split_bracket(piece)
    if pair:
        outer, inner = pair
        if names_its_parent(outer, inner):
            # "Văn phòng (Sở Nội vụ)": one unit, A, named with the body it belongs to
            # where A alone could be another's ("Văn phòng Sở Nội vụ").
            return [own_name(outer, inner, match_key(outer) in shared)]
        # "A (B)", neither known: the rule assigns B when it names a unit, so that is the
        # unit to add; otherwise the brackets are a remark on A.
        return [inner] if HEADS.match(inner.lower()) else _split_names(outer)
    # "Văn phòng (Sở Nội vụ), Văn phòng (Sở Y tế)": each name read as one alone.
    return [name for part in _split_names(piece)
            for name in (_names_in(part, shared) if split_bracket(part) else [part])]


# "A (B)" within a cell's text: a name, then another in brackets.
_NAME_AND_BRACKET = re.compile(r"(?P<outer>[^,;:\n()]+?)\s*\((?P<inner>[^()\n]+)\)")


def _under_several(texts) -> frozenset[str]:
    """The names (keyed) the cells write under more than one body they belong to:
    "Văn phòng (Sở Nội vụ)" and "Văn phòng (Sở Y tế)" are two offices."""
    bodies: dict[str, set[str]] = {}
    for text in texts:
        for m in _NAME_AND_BRACKET.finditer(text):
            outer = strip_edges(m["outer"].strip())
            if names_its_parent(outer, m["inner"]):
                bodies.setdefault(match_key(outer), set()).add(match_key(m["inner"]))
    return frozenset(name for name, seen in bodies.items() if len(seen) > 1)


# "... phường", "... cấp xã" (maybe with the commune's name) ending a group's name.
# Not the "xã" of "xã hội" ("Các tổ chức chính trị - xã hội").
_COMMUNE_AFTER = re.compile(rf"\s+(?:cấp\s+)?{COMMUNE_KIND_RE}(?!\s+hội\b)(?:\s+\S.*)?$",
                            re.I)


# Offices named as those of the communes, nothing of the province's ("Các phòng chuyên
# môn cấp xã", "các ban, ngành cấp xã"; not "Các sở, ngành và UBND cấp xã").
_OF_COMMUNES_ONLY = re.compile(r"^(?!.*\b(?:sở|ubnd|(?:ủy|uỷ)\s+ban)\b).*\bcấp\s+xã\s*$", re.I)


def _group_for(name: str, taken: set[str], issuer: tuple[str, str] | None = None) -> Group:
    """A group added for ``name``, of every unit of the kinds it names; in a commune's
    plan (``issuer``) the commune named after them is the issuer itself, no kind of unit:
    "Các ban, ngành, đoàn thể phường", "Các phòng chuyên môn cấp xã" are of its offices
    only; in a province's plan "Các phòng chuyên môn cấp xã" are the communes' offices:
    the communes, none of the sở."""
    bare = OF_THE_COMMUNE.sub("", name)
    if issuer is not None and issuer[0] in COMMUNE_KINDS:
        bare = _COMMUNE_AFTER.sub("", bare)
    kinds = [] if _OPEN_GROUP.search(bare) else own_offices.with_its_units(bare, [
        k for k, pattern in _GROUP_KINDS if pattern.search(bare)])
    if COMMUNE in kinds and _OF_COMMUNES_ONLY.search(bare):
        # "Các phòng chuyên môn cấp xã" in a province's plan: the communes' own offices,
        # each commune reporting for its own (it gave every sở the work too: a QA pass).
        kinds = [COMMUNE]
    # An open group of the commune's places says on 'Nhóm' how its places get their work.
    note = places_group_note(name) if not kinds and _PLACES_GROUP.search(name) else ""
    return Group(code=_group_code(taken), name=name, kinds=kinds, note=note)


def _group_code(taken: set[str]) -> str:
    """The code of a group added: "N" and the first number from the count of those
    taken that is free ("N03")."""
    n = len(taken) + 1
    while f"N{n:02d}" in taken:
        n += 1
    return f"N{n:02d}"


# Between the parts of an office's name, written in many ways: "HĐND và UBND",
# "HĐND&UBND", "HĐND - UBND".
_JOINED = re.compile(r"\s*(?:&|\s-\s|-|–|,)\s*")
# The kind of locality its office's name may end with ("... UBND phường"), or kinds
# ("Công an xã, phường" in a commune's plan: its own police).
_TRAILING_KIND = re.compile(rf"\s+(?:{KINDS_LISTED_RE}|{COMMUNE_KIND_RE})$", re.IGNORECASE)


def _loose_key(name: str) -> str:
    text = _TRAILING_KIND.sub("", expand_abbreviations(one_line(name)).strip())
    return match_key(_JOINED.sub(" và ", text))


def _spelled_like(name: str, units: list[Unit]) -> Unit | None:
    """The unit (not a commune) whose name or another spelling differs from ``name`` only
    in how its parts are joined ("và", "&", "-") or by the kinds of locality after it."""
    key = _loose_key(name)
    return next((u for u in units if u.kind != COMMUNE
                 and key in {_loose_key(n) for n in (u.name, *u.aliases)}), None)


# A kind of place in a unit's name, maybe followed by the place's name: "Công an tỉnh
# Thanh Hóa", "Công an TP" (a city's plan writes "TP" for "Thành phố").
_PLACE_KIND = re.compile(rf"(?<!\w)(?:tỉnh|thành\s+phố|tp\.?|{DISTRICT_KIND_RE}|"
                         rf"{COMMUNE_KIND_RE})(?!\w)", re.IGNORECASE)


def _named_with_its_place(name: str, issuer: tuple[str, str] | None, registry: Registry
                          ) -> Unit | None:
    """The unit ``name`` is once the issuing place is left out of it ("Công an tỉnh
    Thanh Hóa" in Thanh Hóa's plan: "Công an tỉnh"; "Sở Nội vụ thành phố Hà Nội",
    "Công an TP" in Hà Nội's: "Sở Nội vụ", "Công an Thành phố"; "Phòng Văn hóa - Xã hội
    phường Hạc Thành" in that ward's); None for a name of no such unit, or of another
    place."""
    if issuer is None:
        return None
    text = one_line(name)
    for m in reversed(list(_PLACE_KIND.finditer(text))):
        before, after = text[:m.start()].strip(), text[m.end():].strip()
        kind = " ".join(m[0].lower().split())
        written_tp = kind.rstrip(".") == "tp"
        kind = "thành phố" if written_tp else kind
        if not before or kind != issuer[0]:
            continue
        if after and match_key(after) != match_key(issuer[1]):
            continue  # another place's
        if not after and not written_tp:
            # Nothing to leave out, but the unit may have been added with the place
            # ("Thuế tỉnh" after "Thuế tỉnh Phú Thọ": a second unit, a QA pass).
            return _unit_named(registry, f"{text} {issuer[1]}")
        # "Công an tỉnh" keeps its kind of place; "Sở Nội vụ", "Phòng Văn hóa - Xã hội" have none.
        for bare in (f"{before} {kind}", before):
            if registry.candidates(bare):
                return _unit_named(registry, bare)
        return None
    return None


def _unit_named(registry: Registry, name: str) -> Unit | None:
    """The one unit ``name`` means in ``registry``; None for a group, several, none."""
    try:
        piece = registry.lookup(name)
    except AmbiguousName:
        return None
    return registry.units[piece.ref] if piece is not None and piece.kind == UNIT else None


# "HĐND, UBND phường", "HĐND và UBND tỉnh": the place after the second body's name is the
# first's too (the ward's council, never a unit "Hội đồng nhân dân" of no place). Not
# "Văn phòng HĐND và UBND phường", one office: the first name must open a name.
_AUTHORITY = r"(?:hđnd|hdnd|ubnd|(?:hội\s+đồng|(?:ủy|uỷ)\s+ban)\s+nhân\s+dân)"
_SHARED_PLACE = re.compile(
    rf"(?:^|(?<=[,;(\n]))\s*[-+•]?\s*(?P<bare>{_AUTHORITY})\s*(?:,|\bvà\b|&)\s*"
    rf"{_AUTHORITY}\s+(?P<place>(?:{_PLACE_KIND.pattern})[^,;()\n:]*?)\s*(?=$|[,;)\n:])",
    re.I)


def _places_shared(text: str) -> dict[str, str]:
    """The bare bodies' names of a cell (keyed) that share the place written after the
    next one: "HĐND, UBND phường" -> {"hội đồng nhân dân": "phường"}."""
    return {name_key(m["bare"]): " ".join(m["place"].split())
            for m in _SHARED_PLACE.finditer(one_line(text).replace("; ", ";\n"))}


def _also_written(registry: Registry, written: dict[str, str]) -> None:
    """Each bare name a cell writes ("HĐND" of "HĐND, UBND phường") made another spelling
    of the unit named with its shared place ("Hội đồng nhân dân phường"), so that the cell
    reads so in the master too."""
    for bare, full in written.items():
        if registry.candidates(bare):
            continue
        try:
            piece = registry.lookup(full)
        except AmbiguousName:
            continue
        if piece is not None and piece.kind == UNIT:
            registry.units[piece.ref].aliases.append(bare)


def complete_registry(units: list[Unit], groups: list[Group],
                      cells: list[tuple[str, str]], file: str,
                      issuer: tuple[str, str] | None = None) -> list[Finding]:
    """Add every unit or group the cells name that the registry lacks; ``cells`` are
    (text, source place), ``issuer`` the (kind, name) of the place the plan is of
    (:func:`cchc_xl.issuer.authority_place`). Returns a finding for each addition."""
    found = _commune_offices_unwritten(units, groups, cells, file, issuer)
    registry = Registry(units, groups)
    shared = _under_several(text for text, _ in cells)
    for text, place in cells:
        res = registry.resolve(text)
        # A part of a group ("các sở có đơn vị sự nghiệp trực thuộc") becomes an open group
        # the user lists; check warns about it until then.
        unresolved = [p.text for p in res.unresolved + res.subsets]
        if not unresolved:
            continue
        places = _places_shared(text)
        written: dict[str, str] = {}
        for piece in unresolved:
            for name in _names_in(piece, shared):
                name = one_line(name)
                if (its_place := places.get(name_key(name))) is not None:
                    written[name] = name = f"{name} {its_place}"
                if registry.candidates(name):
                    continue
                known = known_group(name, groups, issuer)
                same = _named_with_its_place(name, issuer, registry)
                if (many := _group_without_many(name, registry)) is not None:
                    # "Sở, ban, ngành và UBND các xã, phường": "Các sở, ban, ngành".
                    many.spellings.append(name)
                    found.append(Finding(
                        NOTE, "import-group-added", f"{group_not_listed(name)}ghi là cách viết "
                        f"khác của nhóm '{many.name}' (mã {many.code})", file=file, place=place))
                elif places_in(name) is not None:
                    # "Trưởng thôn", "Ban công tác Mặt trận các thôn": the commune's
                    # places, one group whatever the wording (later ones find it).
                    found.append(_add_places(groups, name, file, place))
                elif same is not None:
                    # The template's unit with the plan's own place after it: the same
                    # unit, another spelling of it (nothing to check).
                    same.aliases.append(name)
                elif known is not None:
                    # "Các phòng chuyên môn thuộc UBND phường": the commune's own group;
                    # in the plan of that very ward, nothing to check (a note, as for an
                    # office named with its place).
                    known.spellings.append(name)
                    own = of_its_own_committee(name, issuer)
                    found.append(Finding(
                        NOTE if own else WARNING, "import-group-added",
                        group_not_listed(name) + (
                            f"là nhóm {known.code} '{known.name}' của chính {issuer[0]} ban "
                            "hành kế hoạch, đã ghi là cách viết khác của nhóm đó" if own else
                            f"ghi là cách viết khác của nhóm {known.code} '{known.name}'; "
                            "kiểm tra trang 'Nhóm'"), file=file, place=place))
                elif (committee := own_committee(name, issuer)) is not None:
                    found += _add_own_committee(units, name, committee, file, place)
                elif _JOB_TITLE.match(name) and not _TITLE_OVER_GROUP.search(name):
                    unit = Unit(code=unit_code(name, OTHER, {u.code: u.name for u in units}),
                                name=name, kind=OTHER)
                    insert_unit(units, unit)
                    found.append(Finding(
                        WARNING, "import-unit-job-title",
                        f"'{name}' là chức danh, không phải cơ quan, đơn vị: đã thêm như một "
                        f"đơn vị riêng (mã {unit.code}, loại '{KIND_LABELS[OTHER]}') để nhận "
                        "tệp báo cáo; nếu một cơ quan tham mưu báo cáo việc này, ghi tên cơ quan "
                        "đó vào ô thay cho chức danh rồi nhập lại, hoặc ghi chức danh vào cột "
                        f"'Tên gọi khác' của cơ quan đó và xóa dòng {unit.code} ở trang "
                        "'Đơn vị'", file=file, place=place))
                elif names_the_boards(name, issuer):
                    group = boards_group(name, _group_code({g.code for g in groups}))
                    groups.append(group)
                    found.append(Finding(
                        WARNING, "import-group-added", f"{group_not_listed(name)}đã thêm nhóm "
                        f"mã {group.code} ({BOARDS_NOTE}); kiểm tra trang 'Nhóm'",
                        file=file, place=place))
                elif _names_a_crowd(name, issuer) and (
                        of_kinds := communes_of_kinds(name, units)) is not None:
                    # "UBND các phường" in a province of wards and communes: its wards.
                    members, left_out = of_kinds
                    group, added = group_of_kinds(groups, name, members,
                                                  _group_code({g.code for g in groups}))
                    every = next((g.name for g in groups if COMMUNE in g.kinds and not
                                  g.members), "UBND các xã, phường")
                    found.append(Finding(
                        WARNING, "import-group-added", group_not_listed(name) + (
                            f"đã thêm nhóm mã {group.code}" if added else
                            f"ghi là cách viết khác của nhóm '{group.name}' (mã {group.code})")
                        + f", gồm {len(members)} {commune_kinds(members)} (không gồm các "
                        f"{', '.join(left_out)}; các đơn vị ghi ở cột 'Gồm các đơn vị' trang "
                        f"'Nhóm'); nếu việc này giao cho mọi "
                        f"{commune_kinds(units)}, ghi '{every}' "
                        "vào ô rồi nhập lại", file=file, place=place))
                elif _names_a_crowd(name, issuer):
                    group = _group_for(name, {g.code for g in groups}, issuer)
                    same = _same_group(name, group, groups, issuer)
                    kinds = ", ".join(KIND_LABELS[k] for k in group.kinds)
                    then = "kiểm tra trang 'Nhóm'"
                    if same is not None:
                        # "UBND cấp xã" and "UBND các xã, thị trấn": one group, two spellings
                        same.spellings.append(name)
                        what = f"ghi là cách viết khác của nhóm '{same.name}' (mã {same.code})"
                    else:
                        groups.append(group)
                        what = f"đã thêm nhóm mã {group.code}" + (
                            f" (gồm mọi đơn vị loại '{kinds}')" if kinds else "")
                        if not kinds:  # open: the check's note on each cell says so, once
                            then = ("nếu nhóm gồm những đơn vị cụ thể, ghi mã của họ ở cột 'Gồm "
                                    "các đơn vị' của nhóm đó ở trang 'Nhóm'")
                    found.append(Finding(
                        WARNING, "import-group-added", f"{group_not_listed(name)}{what}; {then}",
                        file=file, place=place))
                elif (same := _spelled_like(name, units)) is not None:
                    # "Văn phòng HĐND&UBND" beside "Văn phòng HĐND và UBND phường": one
                    # office (two units would split its work between two files).
                    same.aliases.append(name)
                    found.append(Finding(
                        WARNING, "import-unit-spelling",
                        f"'{name}' chưa có trong danh sách đơn vị: ghi là cách viết khác của "
                        f"đơn vị {same.code} '{same.name}'; kiểm tra ở trang 'Đơn vị'",
                        file=file, place=place))
                else:
                    # "Sở KH&CN" is registered as "Sở Khoa học và Công nghệ" (the
                    # abbreviation still matches it).
                    police = _own_police(name, issuer)
                    full = police or expand_abbreviations(name)
                    kind = guess_kind(full)
                    unit = Unit(code=unit_code(full, kind, {u.code: u.name for u in units}),
                                name=full, kind=kind, aliases=[name] if police else [])
                    close = registry.suggest(name, typo=_TYPO)
                    insert_unit(units, unit)
                    found.append(Finding(
                        WARNING, "import-unit-added",
                        f"'{name}' chưa có trong danh sách đơn vị: đã thêm mã {unit.code}"
                        f"{f' ({full})' if full != name else ''}, "
                        f"loại '{KIND_LABELS[kind]}'{_joins(kind, groups)}; "
                        + (f"có phải đơn vị '{close[0]}'? Nếu đúng, xóa dòng {unit.code} ở "
                           f"trang 'Đơn vị' và ghi '{name}' vào cột 'Tên gọi khác' của đơn vị "
                           "đó" if close else
                           "kiểm tra tên, loại ở trang 'Đơn vị' (hoặc ghi tên này vào cột "
                           "'Tên gọi khác' của đơn vị đúng; tên mới của một đơn vị đã có, đổi "
                           "tên: ghi tên này vào cột 'Tên đơn vị' của đơn vị đó, giữ mã, rồi "
                           f"xóa dòng {unit.code})"),
                        file=file, place=place))
                registry = Registry(units, groups)
        _also_written(registry, written)
    fill_boards(groups, units)
    return found


def _commune_offices_unwritten(units: list[Unit], groups: list[Group],
                               cells: list[tuple[str, str]], file: str,
                               issuer: tuple[str, str] | None) -> list[Finding]:
    """The wordings of all the issuing commune's offices its cells write with no "UBND xã"
    after them ("Các cơ quan, đơn vị", :func:`own_offices.unwritten_committee`), each made
    a spelling of its group of offices before the cells are read: a note each, saying
    which offices that group gives the work to."""
    found = []
    for written, group, place in own_offices.unwritten_committee(cells, groups, issuer):
        group.spellings.append(written)
        members = ", ".join(u.name for u in units
                            if u.kind in group.kinds or u.code in group.members)
        found.append(Finding(
            NOTE, "import-group-added",
            f"{group_not_listed(written)}kế hoạch của {issuer[0]} giao việc cho cơ quan, đơn "
            f"vị của chính {issuer[0]}: đã ghi là cách viết khác của nhóm {group.code} "
            f"'{group.name}' (gồm {members}); nếu kế hoạch giao cả đơn vị "
            f"khác (Công an {issuer[0]}, Ban Chỉ huy quân sự {issuer[0]}), ghi thêm tên đơn vị "
            "đó vào ô", file=file, place=place))
    return found


def _add_places(groups: list[Group], name: str, file: str, place: str) -> Finding:
    """The open group of the commune's places ``name`` names ("Trưởng thôn": "Các thôn"),
    ``name`` its spelling; a warning saying so. That it is open, and how to give each
    place its file, is the check's note on the same cell (``group-open``) to say, once."""
    title = places_title(name)
    group = Group(code=_group_code({g.code for g in groups}), name=title,
                  spellings=[name] if name != title else [], note=places_group_note(title))
    groups.append(group)
    named = f" '{title}'" if name != title else ""
    return Finding(WARNING, "import-group-added",
                   f"{group_not_listed(name)}đã thêm nhóm mã {group.code}{named}; kiểm tra "
                   "trang 'Nhóm'", file=file, place=place)


def _group_without_many(name: str, registry: Registry) -> Group | None:
    """The registry's group ``name`` is with "Các" before it: "Sở, ban, ngành", "Phòng,
    ban chuyên môn" (it was added as a unit, given a file of its own and the group's work
    too: a QA pass); None for a name that opens so already, or no such group's."""
    if _MANY.match(name):
        return None
    refs = registry.candidates(f"Các {name}")
    kind, code = next(iter(refs)) if len(refs) == 1 else (None, None)
    return registry.groups[code] if kind == GROUP else None


def _names_a_crowd(name: str, issuer: tuple[str, str] | None) -> bool:
    """True for a name of many units ("UBND các xã, phường", "Các sở"); "Công an xã,
    phường" but in a commune's plan, where it is the commune's own police."""
    return (bool(_GROUP.search(name)) and _own_police(name, issuer) is None
            and own_committee(name, issuer) is None)


def _same_group(name: str, group: Group, groups: list[Group],
                issuer: tuple[str, str] | None) -> Group | None:
    """The registry's group of every unit of the kinds ``group`` (added for ``name``) takes
    ("UBND cấp xã" and "UBND các xã, thị trấn": one group); in a commune's plan, its
    offices' that the wording names ("Các phòng, ban, đơn vị phường": the phòng and the
    Trung tâm Phục vụ hành chính công, :func:`offices_group`)."""
    if group.kinds == [DEPARTMENT] and issuer is not None and issuer[0] in COMMUNE_KINDS:
        return offices_group(name, groups)
    return next((g for g in groups if group.kinds and sorted(g.kinds) == sorted(group.kinds)
                 and not g.members), None)


def _own_police(name: str, issuer: tuple[str, str] | None) -> str | None:
    """In a commune's plan, the name of the police "Công an xã, phường" means: the
    commune's own ("Công an xã", "Công an phường"); None for another name or plan."""
    if issuer is None or issuer[0] not in COMMUNE_KINDS or not _POLICE_OF_COMMUNES.match(name):
        return None
    return f"Công an {issuer[0]}"


def _add_own_committee(units: list[Unit], name: str, committee: str, file: str,
                       place: str) -> list[Finding]:
    """The People's Committee of the place whose plan it is (:func:`own_committee`),
    named ``name`` there: another spelling of the unit ``committee`` once added (kind
    Khác: none of the "phòng chuyên môn" or sở, which take their group's work), a note
    the first time."""
    known = next((u for u in units if match_key(u.name) == match_key(committee)), None)
    if known is not None:
        if match_key(name) != match_key(known.name):
            known.aliases.append(name)
        return []
    taken = {u.code for u in units}
    unit = Unit(code="UBND" if "UBND" not in taken else unit_code(committee, OTHER, taken),
                name=committee, kind=OTHER,
                aliases=[name] if match_key(name) != match_key(committee) else [])
    insert_unit(units, unit)
    return [Finding(NOTE, "import-own-committee",
                    f"'{name}' là {committee}, không phải một cơ quan chuyên môn: đã thêm "
                    f"đơn vị mã {unit.code} '{committee}' (loại '{KIND_LABELS[OTHER]}'), nhận "
                    f"việc giao cho '{name}'; kiểm tra ở trang 'Đơn vị'", file=file,
                    place=place)]


def insert_unit(units: list[Unit], unit: Unit) -> None:
    """``unit`` added to the registry: an office with the offices, before the communes
    (a province's 100-170 come last, as in the plan's lists), a commune last."""
    at = len(units) if unit.kind == COMMUNE else next(
        (i for i, u in enumerate(units) if u.kind == COMMUNE), len(units))
    units.insert(at, unit)


def _joins(kind: str, groups: list[Group]) -> str:
    """What a unit added with a guessed ``kind`` is given besides its own work: that of
    each group of every unit of that kind ("Các phòng chuyên môn"; "Các cơ quan, đơn vị
    thuộc UBND", which names the Trung tâm Phục vụ hành chính công too)."""
    names = [f"'{g.name}'" for g in groups if kind in g.kinds]
    if not names:
        return ""
    return f", nên nhận cả việc giao cho nhóm {', '.join(names)}"
