"""Provinces and their communes after the 1 July 2025 reorganisation.

The official list comes from the ``vietnam-provinces`` package (34 provinces and
cities, 3,321 communes, wards and special zones). A province is named loosely
("Thanh Hóa", "thanh hoá", "Tỉnh Thanh Hóa", "TP Hà Nội", "Thanh Hoa"); its
communes become registry units of kind :data:`~cchc_xl.vocab.COMMUNE`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from vietnam_provinces import Province as _Province
from vietnam_provinces import ProvinceCode, VietNamDivisionType, Ward

from .errors import UsageError
from .model import Unit
from .text import fold_ascii, match_key, mid_sentence, usual_tones
from .vocab import COMMUNE, COMMUNE_KIND_RE

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


# "phường Hạc Thành", "UBND xã Hoằng Hóa", "P. Hạc Thành": the kind written before the name.
_COMMUNE_KIND = re.compile(rf"^(?:ubnd\s+|ủy ban nhân dân\s+)?(?:({COMMUNE_KIND_RE})\s+|"
                           r"(p|x)\.\s*)", re.IGNORECASE)


def find_commune(name: str, province: str | None = None) -> Commune:
    """The commune, ward or special zone a loosely written name means ("phường Hạc
    Thành", "Hac Thanh"), in ``province`` if given; a UsageError when there is none, or
    several (the same name in several provinces: give the province)."""
    in_province = find_province(province) if province else None
    provinces = {p.code: p for p in all_provinces()}
    wanted_kind, wanted = _commune_key(name)
    if not wanted:
        raise UsageError("chưa ghi tên xã, phường", hint="ví dụ \"phường Hạc Thành\"")
    wards = [w for w in Ward.iter_all()
             if in_province is None or int(w.province_code) == in_province.code]
    keyed = [(w, *_commune_key(w.name)) for w in wards]
    found = [w for w, kind, key in keyed if key == wanted]
    if not found:  # without diacritics ("Hac Thanh"): the official list decides
        found = [w for w, kind, key in keyed if fold_ascii(key) == fold_ascii(wanted)]
    if len(found) > 1 and wanted_kind:
        found = [w for w in found if w.division_type.value == wanted_kind] or found
    where = f" của {in_province.in_sentence}" if in_province else ""
    if not found:
        names = {key: usual_tones(w.name) for w, _, key in keyed}
        close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.75)
        hint = ("có phải: " + ", ".join(names[k] for k in close) + "?") if close else (
            "ghi tên như danh mục xã, phường sau ngày 01/7/2025, ví dụ \"phường Hạc Thành\""
            + ("" if in_province else ", và tỉnh, thành phố bằng --province"))
        raise UsageError(f"không có xã, phường, đặc khu '{name.strip()}'{where} trong danh "
                         "mục từ ngày 01/7/2025", hint=hint)
    if len(found) > 1:
        places = ", ".join(f"{usual_tones(w.name)} ({provinces[int(w.province_code)].name})"
                           for w in found[:6]) + (", …" if len(found) > 6 else "")
        raise UsageError(f"có {len(found)} xã, phường tên '{name.strip()}'{where}: {places}",
                         hint="ghi thêm tỉnh, thành phố bằng --province, ví dụ --commune "
                              f"\"{usual_tones(found[0].name)}\" --province "
                              f"\"{provinces[int(found[0].province_code)].short_name}\"")
    ward = found[0]
    return Commune(usual_tones(ward.name), ward.division_type.value,
                   provinces[int(ward.province_code)])


def _commune_key(name: str) -> tuple[str, str]:
    """(the kind written before the name, lower case, or "", the name's key)."""
    text = " ".join(name.split())
    opened = _COMMUNE_KIND.match(text)
    kind = ""
    if opened:
        kind = (opened[1] or {"p": "phường", "x": "xã"}[opened[2].lower()]).lower()
        text = text[opened.end():]
    return " ".join(kind.split()), match_key(text)


def all_provinces() -> list[Province]:
    return [
        Province(int(p.code), p.name, p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG)
        for p in _Province.iter_all()
    ]


def _key(name: str) -> str:
    return match_key(_LEVEL_WORD.sub("", match_key(name)))


def find_province(name: str) -> Province:
    """The province a loosely written name means, or a UsageError naming close ones."""
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
