"""Provinces and their communes after the 1 July 2025 reorganisation.

The official list comes from the ``vietnam-provinces`` package (34 provinces and
cities, 3,321 communes, wards and special zones). A province is named loosely
("Thanh Hóa", "thanh hoá", "Tỉnh Thanh Hóa", "TP Hà Nội", "Thanh Hoa"); its
communes become registry units of kind :data:`~cchc_xl.vocab.COMMUNE`.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

from vietnam_provinces import Province as _Province
from vietnam_provinces import ProvinceCode, VietNamDivisionType, Ward

from .errors import UsageError
from .model import Unit
from .text import fold_ascii, match_key, mid_sentence, usual_tones
from .vocab import COMMUNE

COMMUNE_CODE_PREFIX = "X"
# "Tỉnh Thanh Hóa", "TP. Hồ Chí Minh", "Thành phố Huế": the level word is optional.
_LEVEL_WORD = re.compile(r"^(?:tỉnh|thành\s+phố|tp\.?)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Province:
    code: int
    name: str  # as the official list writes it: "Thanh Hóa", "Thành phố Hà Nội"
    is_city: bool

    @property
    def short_name(self) -> str:
        """"Hà Nội" for "Thành phố Hà Nội"; provinces are listed without "Tỉnh"."""
        return _LEVEL_WORD.sub("", self.name)

    @property
    def title(self) -> str:
        """"Tỉnh Thanh Hóa", "Thành phố Hà Nội": how a plan names the province."""
        return self.name if self.is_city else f"Tỉnh {self.name}"

    @property
    def in_sentence(self) -> str:
        """"tỉnh Thanh Hóa", "thành phố Hà Nội": the title inside a sentence."""
        return mid_sentence(self.title)


@dataclass(frozen=True)
class Commune:
    """A commune, ward or special zone of the official list."""

    name: str  # "Phường Hạc Thành", one tone placement (usual_tones)
    kind: str  # "xã", "phường", "đặc khu": as a sentence writes it after "UBND"
    province: Province

    @property
    def in_sentence(self) -> str:
        """"phường Hạc Thành": the name inside a sentence."""
        return mid_sentence(self.name)

    @property
    def place(self) -> str:
        """"Hạc Thành": the name without its kind."""
        return self.name[len(self.kind) + 1:] if self.name.lower().startswith(
            f"{self.kind} ") else self.name


# "phường Hạc Thành", "UBND xã Hoằng Hóa", "Uỷ ban nhân dân P. Hạc Thành", "phuong Hac
# Thanh": the kind written before the name, matched on the name without diacritics.
_COMMUNE_KIND = re.compile(r"^(?:ubnd\s+|uy\s+ban\s+nhan\s+dan\s+)?(?:(xa|phuong|dac\s+khu|"
                           r"thi\s+tran)\s+|(p|x)\.\s*)")
_KINDS = {"xa": "xã", "phuong": "phường", "dac khu": "đặc khu", "thi tran": "thị trấn",
          "p": "phường", "x": "xã"}
# "Xã Tân Tiến (Thanh Hóa)", as the list of places of the same name writes it.
_IN_PROVINCE = re.compile(r"^(?P<name>.+?)\s*\((?P<province>[^()]+)\)$")
_LISTED = 12  # places of one name listed in the message (the most: 8 "Tân Tiến")


def find_commune(name: str, province: str | None = None) -> Commune:
    """The commune, ward or special zone a loosely written name means ("phường Hạc
    Thành", "Hac Thanh", "Xã Tân Tiến (Thanh Hóa)", "Tân Tiến, Bắc Ninh"), in
    ``province`` if given; a UsageError when there is none, or several (the same name in
    several provinces: give the province). A name written with diacritics is matched as
    written; without, every place it could be is found ("Ba Dinh": Ba Đình in Hà Nội and
    Ba Dinh in Quảng Ngãi, so it is asked)."""
    text = " ".join(unicodedata.normalize("NFC", name).split()).strip(" ,.;")
    given = _IN_PROVINCE.match(text)
    if given and not province:
        text, province = given["name"], given["province"]
    elif "," in text and not province:  # "phường Hạc Thành, Thanh Hóa": no name has one
        text, _, province = (part.strip(" ,.;") for part in text.rpartition(","))
    in_province = find_province(province) if province else None
    wanted_kind, wanted = _commune_key(text)
    if not wanted:
        raise UsageError("chưa ghi tên xã, phường", hint="ví dụ \"phường Hạc Thành\"")
    keyed = [k for k in _keyed_wards()
             if in_province is None or int(k[0].province_code) == in_province.code]
    if fold_ascii(wanted) == wanted:  # no diacritics: every place it could be
        found = [w for w, kind, key in keyed if fold_ascii(key) == wanted]
    else:
        found = [w for w, kind, key in keyed if key == wanted]
    if len(found) > 1 and wanted_kind:
        found = [w for w in found if w.division_type.value == wanted_kind] or found
    where = f" của {in_province.in_sentence}" if in_province else ""
    if not found:
        raise UsageError(f"không có xã, phường, đặc khu '{text}'{where} trong danh mục từ "
                         "ngày 01/7/2025", hint=_not_found_hint(text, wanted, keyed,
                                                               in_province))
    communes = [_commune(w) for w in found]
    if len(communes) > 1:
        first = communes[0]
        raise UsageError(f"có {len(communes)} xã, phường tên '{text}'{where}: "
                         f"{_listed(communes)}",
                         hint="ghi thêm tỉnh, thành phố bằng --province, ví dụ --commune "
                              f"\"{first.name}\" --province \"{first.province.short_name}\"")
    return communes[0]


def _listed(communes: list[Commune]) -> str:
    """"Xã Tân Tiến (Tuyên Quang), Phường Tân Tiến (Bắc Ninh), …": at most _LISTED."""
    return ", ".join(f"{c.name} ({c.province.name})" for c in communes[:_LISTED]) + (
        ", …" if len(communes) > _LISTED else "")


def _commune(ward: Ward) -> Commune:
    return Commune(usual_tones(ward.name), ward.division_type.value,
                   _provinces_by_code()[int(ward.province_code)])


@functools.cache
def _keyed_wards() -> tuple[tuple[Ward, str, str], ...]:
    """Every commune, ward and special zone of the list with its kind and name's key
    (:func:`_commune_key`): made once, each lookup looks through them."""
    return tuple((w, *_commune_key(w.name)) for w in Ward.iter_all())


@functools.cache
def _provinces_by_code() -> dict[int, Province]:
    return {p.code: p for p in all_provinces()}


def province_or_commune(name: str) -> Province:
    """:func:`find_province`, or its UsageError telling that ``name`` is a commune's
    (a province's plan asked for with a commune's name: a commune's plan is meant)."""
    try:
        return find_province(name)
    except UsageError as exc:
        try:
            commune = find_commune(name)
        except UsageError:
            raise exc from None
        # "Thái Bình": a ward of Hưng Yên now, and the province merged into it, which is
        # what a province's plan means: both said, the province first.
        former = _former_hint(_key(name))
        raise UsageError(exc.message, hint=(former + "; " if former else "") + (
            f"'{name.strip()}' là {commune.in_sentence} ({commune.province.name}): kế hoạch "
            f"của {commune.in_sentence} thì chọn cấp xã (--commune \"{commune.name}\")")
            ) from None


def _not_found_hint(text: str, wanted: str, keyed: list, in_province: Province | None) -> str:
    """What to write for a commune the list does not have: a province's name is said to
    be one; else the closest names."""
    try:
        named = find_province(text)
    except UsageError:
        named = None
    if named is not None and _key(named.name) == _key(text):
        return (f"'{text}' là tên {'thành phố' if named.is_city else 'tỉnh'}: kế hoạch của "
                f"{named.in_sentence} thì chọn cấp tỉnh (--level tinh --province "
                f"\"{named.short_name}\")")
    if in_province is not None:  # the name elsewhere: where
        elsewhere = [_commune(w) for w, _, key in _keyed_wards() if key == wanted]
        if elsewhere:
            return "tên này có ở: " + _listed(elsewhere)
    names = {key: usual_tones(w.name) for w, _, key in keyed}
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.75)
    if close:
        return "có phải: " + ", ".join(names[k] for k in close) + "?"
    return ("ghi tên như danh mục xã, phường sau ngày 01/7/2025 (không còn thị trấn, "
            "quận, huyện), ví dụ \"phường Hạc Thành\""
            + ("" if in_province else ", và tỉnh, thành phố bằng --province"))


def _commune_key(name: str) -> tuple[str, str]:
    """(the kind written before the name, lower case, or "", the name's key)."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    folded = fold_ascii(text).lower()
    opened = _COMMUNE_KIND.match(folded) if len(folded) == len(text) else None
    kind = ""
    if opened:
        kind = _KINDS[" ".join((opened[1] or opened[2]).split())]
        text = text[opened.end():]
    return kind, match_key(text)


def all_provinces() -> list[Province]:
    return [
        Province(int(p.code), p.name, p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG)
        for p in _Province.iter_all()
    ]


def _key(name: str) -> str:
    return match_key(_LEVEL_WORD.sub("", match_key(name)))


# The provinces gone in the 2025 reorganisation (Nghị quyết 202/2025/QH15, from 1 July
# 2025), each with the province or city that took it in, and Thừa Thiên Huế, the city
# of Huế since 1 January 2025. A specialist whose province merged types its old name
# (last year's letterhead): the closest spelling ("Nam Định": Hà Tĩnh, Tây Ninh) misled.
_FORMER_PROVINCES = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ", "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng", "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Thừa Thiên Huế": "Huế",
    "Quảng Nam": "Đà Nẵng", "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai",
    "Ninh Thuận": "Khánh Hòa", "Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng",
    "Phú Yên": "Đắk Lắk", "Bình Dương": "Hồ Chí Minh", "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Bình Phước": "Đồng Nai", "Long An": "Tây Ninh", "Sóc Trăng": "Cần Thơ",
    "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp", "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang",
}
_NOT_A_WORD = re.compile(r"[\s\-–]+")


def _former_key(name: str) -> str:
    """"ba ria vung tau" for "Bà Rịa – Vũng Tàu", "Tỉnh Bà Rịa-Vũng Tàu": a former
    province's name however spaced and marked."""
    return _NOT_A_WORD.sub(" ", fold_ascii(_key(name))).strip()


def _former_hint(wanted: str) -> str | None:
    """What to write for a province gone in 2025: the one that took it in."""
    for former, now in _FORMER_PROVINCES.items():
        if _former_key(former) == _former_key(wanted):
            successor = find_province(now)
            gone = "tỉnh Thừa Thiên Huế" if now == "Huế" else f"tỉnh {former}"
            how = ("là thành phố Huế từ ngày 01/01/2025" if now == "Huế" else
                   f"đã hợp nhất vào {successor.in_sentence} từ ngày 01/7/2025")
            return f"{gone} {how}: ghi \"{successor.short_name}\""
    return None


def find_province(name: str) -> Province:
    """The province a loosely written name means, or a UsageError naming close ones
    (or, for a province gone in 2025, the one that took it in)."""
    provinces = all_provinces()
    wanted = _key(name)
    for p in provinces:
        if _key(p.name) == wanted:
            return p
    # Written without diacritics ("Thanh Hoa"): provinces are a fixed list, so an
    # unambiguous match without marks is safe here (unlike unit names).
    folded = [p for p in provinces if fold_ascii(_key(p.name)) == fold_ascii(wanted)]
    if len(folded) == 1:
        return folded[0]
    former = _former_hint(wanted)
    if former is not None:
        raise UsageError(f"không có tỉnh, thành phố '{name.strip()}' trong danh mục 34 tỉnh, "
                         "thành phố từ ngày 01/7/2025", hint=former)
    by_key = {_key(p.name): p for p in provinces}
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    if not close:
        ascii_keys = {fold_ascii(k): k for k in by_key}
        close = [ascii_keys[k] for k in
                 difflib.get_close_matches(fold_ascii(wanted), list(ascii_keys), n=3, cutoff=0.6)]
    hint = ("có phải: " + ", ".join(by_key[k].name for k in close) + "?") if close else (
        "ghi tên một trong 34 tỉnh, thành phố sau ngày 01/7/2025, ví dụ \"Thanh Hóa\"")
    raise UsageError(f"không có tỉnh, thành phố '{name.strip()}' trong danh mục 34 tỉnh, "
                     "thành phố từ ngày 01/7/2025", hint=hint)


def commune_units(province: str | Province, prefix: str = COMMUNE_CODE_PREFIX) -> list[Unit]:
    """The province's communes, wards and special zones as registry units, in the
    official order, coded "X001", "X002"... ("UBND xã …" is understood without an alias)."""
    if isinstance(province, str):
        province = find_province(province)
    wards = list(Ward.iter_by_province(ProvinceCode(province.code)))
    width = max(2, len(str(len(wards))))
    # The list writes most names "Hóa", "Thủy" and a few "Hoá", "Thuỷ": shown one way.
    return [Unit(code=f"{prefix}{i:0{width}d}", name=usual_tones(w.name), kind=COMMUNE)
            for i, w in enumerate(wards, start=1)]
