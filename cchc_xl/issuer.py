"""Who issues a plan, and how its names read: the letterhead's lines of an authority
("ỦY BAN NHÂN DÂN" / "TỈNH THANH HÓA", its place and symbol), the level of government
it stands for, and a title or authority imported from a heading in capitals written as
running text ("Ủy ban nhân dân tỉnh Thanh Hóa"). No Word here: split, the web app and
the documents of :mod:`cchc_xl.official` share it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .model import Plan, Unit
from .text import match_key, slug
from .vocab import (
    COMMUNE,
    COMMUNE_KIND_RE,
    COMMUNE_KINDS,
    DISTRICT_KIND_RE,
    DISTRICT_KINDS,
    PEOPLES_COMMITTEE_RE,
)

# Authority names: "Ủy ban nhân dân huyện Hoằng Hóa" -> ÚY BAN NHÂN DÂN / HUYỆN HOẰNG HÓA, UBND.
PEOPLES_COMMITTEE = re.compile(rf"^{PEOPLES_COMMITTEE_RE}\s+", re.IGNORECASE)
_PLACE_KIND = re.compile(rf"^(?:tỉnh|thành phố|{DISTRICT_KIND_RE}|{COMMUNE_KIND_RE})\s+",
                         re.IGNORECASE)
# A province's department, named with its province: "Sở Nội vụ tỉnh Nghệ An" (an import
# joins the letterhead's "UBND TỈNH NGHỆ AN" / "SỞ NỘI VỤ" so), or without it.
_DEPARTMENT = re.compile(r"^sở\s+(?P<field>.+?)(?:\s+(?P<kind>tỉnh|thành phố)\s+(?P<place>.+))?$",
                         re.IGNORECASE)
# The People's Committee's office, as an import joins its letterhead ("UBND TỈNH LAI
# CHÂU" over "VĂN PHÒNG"): "VĂN PHÒNG UBND TỈNH LAI CHÂU".
_COMMITTEE_OFFICE = re.compile(rf"^văn\s+phòng\s+{PEOPLES_COMMITTEE_RE}\s+"
                               r"(?P<kind>tỉnh|thành\s+phố)\s+(?P<place>\S.*)$", re.IGNORECASE)
OFFICE_SYMBOL = "VPUBND"  # its part of a number: "1888/KH-VPUBND"


# Words kept in capitals when a heading in capitals is written in running text.
_ACRONYMS = frozenset({"UBND", "HĐND", "CCHC", "TTHC", "CNTT", "MTTQ", "CBCCVC", "ISO",
                       "TCVN", "QĐ", "KH", "BC", "TB", "CV", "VP"})


def _in_capitals(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _keep_upper(word: str) -> bool:
    bare = word.strip("()[],.;:\"'“”")
    return bare in _ACRONYMS or any(c.isdigit() for c in bare) or bare.isupper() and "/" in bare


def sentence_case(text: str, names: tuple[str, ...] = ()) -> str:
    """A heading typed in capitals ("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023") as running
    text writes it: "Kế hoạch cải cách hành chính năm 2023"; acronyms (UBND, CCHC) and
    numbers stay, ``names`` (place names, "Hoằng Hóa") get their capitals. Text not in
    capitals is returned as it is."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if not _in_capitals(text):
        return text
    words = [w if _keep_upper(w) else w.lower() for w in text.split(" ")]
    out = " ".join(words)
    out = out[:1].upper() + out[1:]
    for name in names:
        if name and name != "…":
            out = re.sub(re.escape(name.lower()), name, out)
    return out


def authority_name(authority: str) -> str:
    """"ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA" in running text: "Ủy ban nhân dân huyện Hoằng
    Hóa"; "SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH NGHỆ AN": "Sở Kế hoạch và Đầu tư tỉnh Nghệ An" (a
    name not in capitals is kept as written)."""
    department = _department(authority)
    if department is not None and _in_capitals(authority):
        field, kind, place = department
        words = field.lower().split()
        # A body's name: its first word and each after "và" in capitals (Nghị định
        # 30/2020, Phụ lục II).
        field = " ".join(w.capitalize() if i == 0 or words[i - 1] == "và" else w
                         for i, w in enumerate(words))
        return f"Sở {field} {kind.lower()} {_place_name(place)}" if place else f"Sở {field}"
    return sentence_case(authority, (issuer_of(authority).place,))


def _department(authority: str) -> tuple[str, str, str] | None:
    """(field, kind, place) of a department ("" each for a province not named), else
    None."""
    m = _DEPARTMENT.match(unicodedata.normalize("NFC", " ".join(authority.split())))
    return (m["field"], m["kind"] or "", m["place"] or "") if m else None


def issued_by_department(authority: str) -> bool:
    """True for a plan a province's department issues for its own offices ("Sở Nội vụ
    tỉnh Thanh Hóa"): its units are the department's phòng, not the province's sở and
    communes."""
    return _department(authority) is not None


def plan_code(authority: str, year: int) -> str | None:
    """A new plan's code, from who issues it and its year: "thanh-hoa-2026", a ward's
    "hac-thanh-2026", a department's "snv-thanh-hoa-2026"; None when the authority names
    no place. Import and init both take it (init gave a commune's "xa-hoang-hoa-2027"
    where import gave "hoang-hoa-2026": a QA pass); a plan already written keeps the
    code it has, its identity in files sent out and in the ledger. The committee's office
    has its symbol in front as a department has, "vpubnd-lai-chau-2026" (it was the Word
    file's name), never the province's code. A commune named as a
    province is ("phường Lào Cai", "xã Thạnh Hóa") has its kind in front,
    "phuong-lao-cai-2026": without, the province's plan had the same code and a unit
    file of one was merged into the other's as its own."""
    issuer = issuer_of(authority)
    if issuer.place == "…":
        return None
    if issued_by_department(authority) or issuer.symbol == OFFICE_SYMBOL:
        own = f"{issuer.symbol} "
    else:
        found = _authority(authority)  # (a department's?, kind of place, place)
        kind = found[1] if found and found[1] in COMMUNE_KINDS else ""
        own = f"{kind} " if kind and _is_province_name(issuer.place) else ""
    return slug(f"{own}{issuer.place} {year}")


def _is_province_name(place: str) -> bool:
    """Whether a place's code is a province's of the official list ("Lào Cai"; "Thạnh
    Hóa" too: codes have no diacritics, it is "thanh-hoa")."""
    from .provinces import all_provinces  # the official list is loaded when first needed

    return slug(place) in {slug(p.short_name) for p in all_provinces()}


def is_the_issuer(name: str, authority: str) -> bool:
    """True when a unit of the plan is the body that issues it, and so signs the letters
    to units: "Sở Nội vụ" of a plan of "Sở Nội vụ tỉnh Thanh Hóa", "UBND phường" or
    "UBND" of a ward's plan. Its own rows are chased inside the office, not by a letter
    to itself (a QA pass: Sở Nội vụ's letter listed Sở Nội vụ as not having reported)."""
    own = authority_name(authority)
    department = _department(own)
    body = f"Sở {department[0]}" if department else "Ủy ban nhân dân"
    if not department and not PEOPLES_COMMITTEE.match(f"{own} "):
        return False
    named = match_key(re.sub(r"^(?:UBND|UB)\b", "Ủy ban nhân dân", name.strip(),
                             flags=re.IGNORECASE))
    own_key = match_key(own)
    return len(named) >= len(match_key(body)) and (
        own_key == named or own_key.startswith(f"{named} "))


def _place_name(place: str) -> str:
    """"NGHỆ AN" as the date line writes it: "Nghệ An" (a name not in capitals is kept
    as written)."""
    return place.title() if _in_capitals(place) else place


def running_plan(plan: Plan) -> Plan:
    """The plan as a document's sentences (and a file's title) name it: a title, an
    appendix title and an authority imported from a heading in capitals ("KẾ HOẠCH CẢI
    CÁCH HÀNH CHÍNH NĂM 2023", "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", "ỦY BAN
    NHÂN DÂN HUYỆN HOẰNG HÓA") in sentence case, the place name with its capitals. A
    printed heading is set in capitals from the plan as written, not from this."""
    place = issuer_of(plan.authority).place
    return replace(plan, authority=authority_name(plan.authority),
                   title=_plan_title(plan.title, place),
                   appendix_title=_plan_title(plan.appendix_title, place))


def running_title(title: str, authority: str) -> str:
    """A plan's title as :func:`running_plan` writes it, from the title and authority as
    stored (a ledger's plan): what a backup says its plan is, as the app's pages name it."""
    return _plan_title(title, issuer_of(authority).place)


_PLAN_WORD = re.compile(r"^KẾ\s+HOẠCH\b")


def _plan_title(title: str, place: str) -> str:
    """The plan's title in running text: all in capitals, in sentence case; "KẾ HOẠCH"
    on a line of its own over the subject ("KẾ HOẠCH Cải cách hành chính tỉnh Thanh Hóa
    năm 2026", as an import joins the two lines): "Kế hoạch cải cách hành chính..."."""
    title = unicodedata.normalize("NFC", " ".join(title.split()))
    head = _PLAN_WORD.match(title)
    if head is None or _in_capitals(title):
        return sentence_case(title, (place,))
    rest = title[head.end():].strip()
    first = rest.split(" ", 1)[0] if rest else ""
    if first and not _keep_upper(first) and not _in_capitals(first):
        rest = rest[:1].lower() + rest[1:]
    return f"Kế hoạch {rest}".strip()


def names_authority(title: str, authority: str) -> bool:
    """Whether a plan's title names its authority already ("Kế hoạch cải cách hành chính
    năm 2026 của UBND xã Hoằng Tiến" for "Ủy ban nhân dân xã Hoằng Tiến"): a sentence
    then need not add "của ..." after it. Compared by :func:`abbreviations.name_key`, the key two
    spellings of a name share ("UBND" is "Ủy ban nhân dân").

    A People's Committee's plan is named by its place too: "… năm 2026 của xã Hoằng Hóa"
    by UBND xã Hoằng Hóa. Every unit's guide read "Kế hoạch … của xã Hoằng Hóa (số
    15/KH-UBND …) của UBND xã Hoằng Hóa" (a QA pass on a commune's 2026 plan)."""
    from .abbreviations import name_key  # its abbreviations' pattern is compiled when first used

    key, said = name_key(authority), f" {name_key(title)} "
    if not key:
        return False
    if key in said:
        return True
    name = " ".join(authority.split())
    committee = PEOPLES_COMMITTEE.match(name)
    place = name_key(name[committee.end():]) if committee else ""
    return bool(place) and f" của {place} " in said


@dataclass(frozen=True)
class Issuer:
    """Who issues the document, as its letterhead writes it."""

    lines: tuple[str, ...]  # the name in capitals, one or two lines
    place: str  # the địa danh before the date ("Hoằng Hóa")
    symbol: str  # the issuer's part of the number ("UBND")
    parent: str = ""  # the body it belongs to, over its name ("UBND TỈNH NGHỆ AN")


def issuer_of(authority: str) -> Issuer:
    """The letterhead of a plan's authority; a name the rule does not know is kept whole
    and its place and symbol left for the office to fill."""
    name = unicodedata.normalize("NFC", " ".join(authority.split()))
    m = PEOPLES_COMMITTEE.match(name)
    if m:
        rest = name[m.end():]
        place = _place_name(_PLACE_KIND.sub("", rest))
        return Issuer(("ỦY BAN NHÂN DÂN", rest.upper()), place or "…", "UBND")
    office = _COMMITTEE_OFFICE.match(name)
    if office is not None:
        # Two lines, as a department's: the committee over "VĂN PHÒNG" (it was one line,
        # "VĂN PHÒNG UBND TỈNH LAI CHÂU", with "…, ngày" and "Số: /BC-…" under it).
        kind, place = " ".join(office["kind"].split()), office["place"]
        return Issuer(("VĂN PHÒNG",), _place_name(place), OFFICE_SYMBOL,
                      parent=f"UBND {kind.upper()} {place.upper()}")
    department = _department(name)
    if department is not None:
        field, kind, place = department
        # "SNV", "SKHĐT": S and each word's first letter, "và" left out.
        symbol = "S" + "".join(w[0] for w in field.upper().split() if w != "VÀ")
        return Issuer((f"SỞ {field.upper()}",), _place_name(place) or "…", symbol,
                      parent=f"UBND {kind.upper()} {place.upper()}" if place else "")
    return Issuer((name.upper(),), "…", "…")


def signer_title(issuer: Issuer, given: str = "") -> str:
    """The lines above the signature of a document the issuer sends: the plan's own
    ("Chức vụ người ký"), else, for a People's Committee (a collective body: Nghị định
    30/2020, Phụ lục I), a deputy chairman signing on its behalf; for a department,
    its deputy director; for the committee's office, its deputy head (Phó Chánh Văn
    phòng)."""
    if given:
        return given
    if issuer.symbol == "UBND":
        return "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    if issuer.lines and issuer.lines[0].startswith("SỞ "):
        return "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    if issuer.symbol == OFFICE_SYMBOL:
        return "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG"
    return "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"


# Which level of government issued a plan: the keys of master.layout.LEVELS.
PROVINCE, DISTRICT, COMMUNE_LEVEL = "tinh", "huyen", "xa"
_LEVEL_OF_KIND = {"tỉnh": PROVINCE, **dict.fromkeys(DISTRICT_KINDS, DISTRICT),
                  **dict.fromkeys(COMMUNE_KINDS, COMMUNE_LEVEL)}
# A unit's name ending in its locality's kind ("UBND phường"): the plan is a commune's.
_KIND_AT_END = re.compile(rf"\b({COMMUNE_KIND_RE})$")
LAST_DISTRICT_YEAR = 2025  # districts were abolished on 1 July 2025


# Which body of its level issued a plan: the People's Committee, one of the province's
# departments ("Sở Tư pháp"), or the committee's office ("Văn phòng UBND tỉnh").
COMMITTEE, DEPARTMENT_BODY, OFFICE_BODY = "ubnd", "so", "van-phong"


@dataclass(frozen=True)
class BodyWords:
    """How the documents of a department or of the committee's office name its own
    parts in "Nơi nhận" (Nghị định 30/2020, Phụ lục III): its head and deputies, its
    rooms and units, and the room that drafts its CCHC papers and keeps a copy ("Lưu:
    VT, …"; the office edits the draft where another room does), ``drafter_name`` that
    room in full. ``name``: the body as its rooms call it ("Sở"), ``titles`` its
    leaders' before that name ("Giám đốc Sở", "Lãnh đạo Sở"; a note may leave the name
    out); a room's proposal to them is the body's own business (report.docx).
    ``units``: its rooms and units together, as a sentence names them after "các" (a
    People's Committee's: :data:`COMMITTEE_UNITS`)."""

    leaders: str
    rooms: str
    drafter: str
    drafter_name: str
    name: str
    titles: tuple[str, ...]
    units: str = "phòng, đơn vị"

    @property
    def leadership(self) -> str:
        """Its leaders together: "Lãnh đạo Sở"."""
        return f"Lãnh đạo {self.name}"

    @property
    def heads(self) -> str:
        """Whom a letter to several of its rooms asks, "… nêu trên", "… gửi muộn": a room
        has a Trưởng phòng (a People's Committee's letter asks "Thủ trưởng các cơ quan, đơn
        vị", the heads of agencies)."""
        return f"Trưởng các {self.units}"


# The units of a People's Committee's plan (the province's sở and communes, a commune's
# offices) together, as a sentence names them after "các".
COMMITTEE_UNITS = "cơ quan, đơn vị"


BODY_WORDS = {
    DEPARTMENT_BODY: BodyWords("Giám đốc, các Phó Giám đốc Sở", "Các phòng, đơn vị thuộc Sở",
                               "VP", "Văn phòng Sở", "Sở",
                               ("Ban Giám đốc", "Phó Giám đốc", "Giám đốc", "Ban lãnh đạo",
                                "Lãnh đạo")),
    OFFICE_BODY: BodyWords("Chánh Văn phòng, các Phó Chánh Văn phòng",
                           "Các phòng, đơn vị thuộc Văn phòng", "HCTC",
                           "Phòng Hành chính - Tổ chức", "Văn phòng",
                           ("Phó Chánh", "Chánh", "Ban lãnh đạo", "Lãnh đạo")),
}
# A unit that is another body of the province than the plan's issuer: a department, a
# People's Committee (a commune's, as "UBND xã …" names it).
_ANOTHER_BODY = re.compile(rf"^(?:sở|{PEOPLES_COMMITTEE_RE})\s", re.IGNORECASE)


@dataclass(frozen=True)
class Level:
    """Who issued a plan, for the wording that depends on it (recipients of a report):
    ``code`` a key of :data:`cchc_xl.master.layout.LEVELS`, ``kind`` the place's kind as
    a sentence writes it after "UBND" ("tỉnh", "thành phố", "xã", "phường"...);
    ``body`` which body of the level (:data:`COMMITTEE`, :data:`DEPARTMENT_BODY`,
    :data:`OFFICE_BODY`), ``own`` a plan of a department or of the office for its own
    rooms and units, ``home_affairs`` the issuer is the Sở Nội vụ, the body in charge of
    CCHC that the others report to; ``for_committee``: the body sends the letters and
    reports of its People's Committee's plan (cchc_xl.sender), its report going to the
    committee."""

    code: str
    kind: str
    body: str = COMMITTEE
    own: bool = False
    home_affairs: bool = False
    for_committee: bool = False

    @property
    def committee(self) -> bool:
        return self.body == COMMITTEE

    @property
    def words(self) -> BodyWords | None:
        """The names of the issuing body's own parts (None for a People's Committee)."""
        return BODY_WORDS.get(self.body)

    @property
    def unit_words(self) -> str:
        """The plan's units together, as the documents name them after "các": "cơ quan,
        đơn vị"; a body's own rooms and units, "phòng, đơn vị" (a Sở's letter to its rooms
        said it had asked "các cơ quan, đơn vị", as the province asks its sở)."""
        return self.words.units if self.own else COMMITTEE_UNITS

    @property
    def above(self) -> str:
        """Whom a body's report on its own plan goes up to: the People's Committee and
        the Sở Nội vụ, in charge of CCHC ("UBND tỉnh, Sở Nội vụ"); the Sở Nội vụ's own,
        the committee alone (not to itself)."""
        committee = f"UBND {self.kind}"
        return committee if self.home_affairs else f"{committee}, Sở Nội vụ"

    @property
    def collector(self) -> str:
        """The room the units send their reports back to, as an example names it: a
        department's or the office's drafting room, a province's Sở Nội vụ, a commune's
        Văn phòng HĐND và UBND, a district's Phòng Nội vụ (plans before July 2025)."""
        if self.words is not None:
            return self.words.drafter_name
        return {PROVINCE: "Sở Nội vụ", COMMUNE_LEVEL: f"Văn phòng HĐND và UBND {self.kind}"
                }.get(self.code, "Phòng Nội vụ")

    @property
    def scored(self) -> bool:
        """Whether the plan's units are scored by the PAR index (Chỉ số cải cách hành
        chính): a province's sở and communes (a district's offices, before July 2025);
        not a commune's offices, nor a department's or the office's rooms."""
        return self.code != COMMUNE_LEVEL and not self.own


def plan_level(plan: Plan, units: list[Unit]) -> Level:
    """The level of the plan's authority ("Ủy ban nhân dân tỉnh Thanh Hóa": a province).

    "Thành phố" is a province when it is a centrally-run city (Hà Nội, Huế...) or the
    plan is of a year without districts, else a district's city (before July 2025). An
    authority that names no place ("ỦY BAN NHÂN DÂN") is placed by its units: a plan
    with departments ("Sở ...") is a province's; with communes, a district's (a
    province's after 2025); else a commune's. A department's or the committee office's
    plan is of the province, for its own rooms when its units are none of the
    province's other bodies (:func:`province_body`)."""
    body = province_body(plan, units)
    if body is not None:
        return body
    named = authority_level(plan)
    if named is not None:
        return named
    names = [unicodedata.normalize("NFC", u.name) for u in units]
    if any(n.lower().startswith("sở ") for n in names):
        return Level(PROVINCE, "tỉnh")
    if any(u.kind == COMMUNE for u in units):
        return Level(DISTRICT, "huyện") if plan.year <= LAST_DISTRICT_YEAR else Level(
            PROVINCE, "tỉnh")
    words = {" ".join(w.split()) for n in names for w in _KIND_AT_END.findall(n.lower())}
    return Level(COMMUNE_LEVEL, next((k for k in ("phường", "đặc khu", "thị trấn")
                                       if k in words), "xã"))


def province_body(plan: Plan, units: list[Unit]) -> Level | None:
    """The level of a plan a department ("Sở Tư pháp tỉnh Thanh Hóa") or the committee's
    office ("VĂN PHÒNG UBND TỈNH LAI CHÂU") issues, None for another issuer: the
    province's, for the body's own rooms and units unless a unit is a commune or
    another department or People's Committee (a Sở Nội vụ's plan for the province). The
    office's plan fell to a commune's level (its report went to "Thường trực Đảng ủy,
    HĐND xã"), a department's own to the province's ("Bộ Nội vụ", "Các sở, ban, ngành"),
    a QA pass."""
    found = _body_of(plan.authority)
    if found is None:
        return None
    body, kind, field = found
    beyond = any(u.kind == COMMUNE or (_ANOTHER_BODY.match(unicodedata.normalize("NFC", u.name))
                                        and not is_the_issuer(u.name, plan.authority))
                 for u in units)
    return Level(PROVINCE, kind or "tỉnh", body, own=bool(units) and not beyond,
                 home_affairs=body == DEPARTMENT_BODY and match_key(field) == match_key("Nội vụ"))


def body_names(authority: str) -> tuple[str, ...]:
    """The names a department or the committee's office goes by in its rooms' notes,
    longest first: its name in running text ("Sở Tư pháp tỉnh Thanh Hóa", "Văn phòng
    UBND tỉnh Lai Châu"), without its place ("Sở Tư pháp", "Văn phòng UBND tỉnh"), and
    as its rooms call it ("Sở"); none for another issuer. "UBND" stands for its other
    spellings (vocab.PEOPLES_COMMITTEE_WORDS)."""
    found = _body_of(authority)
    if found is None:
        return ()
    body, kind, _ = found
    own = authority_name(unicodedata.normalize("NFC", " ".join(authority.split())))
    if body == OFFICE_BODY:
        return own, f"Văn phòng UBND {kind}", BODY_WORDS[body].name
    return own, own.split(f" {kind} ")[0] if kind else own, BODY_WORDS[body].name


def _body_of(authority: str) -> tuple[str, str, str] | None:
    """(body, kind of place in lower case or "", field) of an authority that is the
    committee's office ("VĂN PHÒNG UBND TỈNH LAI CHÂU": OFFICE_BODY, "tỉnh", "") or a
    department ("Sở Nội vụ tỉnh Thanh Hóa": DEPARTMENT_BODY, "tỉnh", "Nội vụ"); None for
    another: what :func:`province_body` and :func:`body_names` read of it."""
    name = unicodedata.normalize("NFC", " ".join(authority.split()))
    office = _COMMITTEE_OFFICE.match(name)
    if office is not None:
        return OFFICE_BODY, " ".join(office["kind"].lower().split()), ""
    department = _department(name)
    if department is not None:
        field, kind, _ = department
        return DEPARTMENT_BODY, kind.lower(), field
    return None


def _authority(authority: str) -> tuple[bool, str, str] | None:
    """(a department's?, kind of place, place as written) of a plan's authority:
    "Ủy ban nhân dân tỉnh Thanh Hóa" (False, "tỉnh", "Thanh Hóa"), "Sở Nội vụ" (True, "",
    ""); None for an authority that is neither a department nor a People's Committee
    of a kind of place."""
    name = unicodedata.normalize("NFC", " ".join(authority.split()))
    department = _department(name)
    if department is not None:
        _, kind, place = department
        return True, kind.lower(), place
    m = PEOPLES_COMMITTEE.match(name)
    kind_m = _PLACE_KIND.match(name[m.end():]) if m else None
    if not kind_m:
        return None
    return (False, " ".join(kind_m.group(0).split()).lower(),
            name[m.end() + kind_m.end():].strip())


def authority_level(plan: Plan) -> Level | None:
    """The level the plan's authority names ("Ủy ban nhân dân phường Hạc Thành": a
    commune's), or None when it names no place (see :func:`plan_level`)."""
    found = _authority(plan.authority)
    if found is None:
        return None
    department, kind, place = found
    if department:  # a province's department: the province's level
        return Level(PROVINCE, kind) if place else None
    if kind != "thành phố":
        return Level(_LEVEL_OF_KIND[kind], kind)
    if plan.year > LAST_DISTRICT_YEAR or _is_city(place):
        return Level(PROVINCE, kind)
    return Level(DISTRICT, kind)


def authority_place(authority: str) -> tuple[str, str] | None:
    """(kind, name) of the place the authority is of: "Ủy ban nhân dân tỉnh Thanh Hóa"
    ("tỉnh", "Thanh Hóa"), "Sở Nội vụ thành phố Hà Nội" ("thành phố", "Hà Nội"); None
    when it names none."""
    found = _authority(authority)
    if found is None:
        return None
    _, kind, place = found
    return (kind, _place_name(place)) if kind and place else None


# Kinds of place gone on 1 July 2025: the district level and the towns (thị trấn became
# communes).
_GONE_KINDS = (*DISTRICT_KINDS, "thị trấn")


def gone_authority(authority: str, year: int) -> str:
    """The kind of place ("huyện") of a plan's ``authority`` that no longer existed in
    the plan's ``year`` ("Ủy ban nhân dân huyện Hoằng Hóa" on a 2026 plan: last year's plan
    copied, its letterhead kept, so the report and letters would be headed by a district
    gone since July 2025, their "Nơi nhận" its party committee); "" otherwise."""
    found = _authority(authority)
    if found is None or year <= LAST_DISTRICT_YEAR:
        return ""
    _, kind, place = found
    if kind == "thành phố" and place and not _is_city(place):
        return kind  # a city of a province: the district level
    return kind if kind in _GONE_KINDS else ""


def _is_city(place: str) -> bool:
    """A centrally-run city of the official list ("Hà Nội", "HÀ NỘI")."""
    from .provinces import all_provinces
    from .text import match_key

    key = match_key(place)
    return any(p.is_city and match_key(p.short_name) == key for p in all_provinces())
