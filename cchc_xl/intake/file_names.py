"""What a returned file's name says of whose it is.

Split names each file "<code>-<name>.xlsx"; units rename them ("BaoCao_CCHC_QuyI_X07
.xlsx", "Báo cáo CCHC quý I - xã Hoằng Đồng.xlsx") and, by mistake, fill in another
unit's file and send it under their own name. The name is never taken as the file's
unit (its identity is): a name that names another unit of the plan and not the file's
own makes the file taken as neither (intake.identify.identify, ``file-name-other-unit``).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ..abbreviations import spelt_out
from ..issuer import issuer_of
from ..model import Master
from ..text import fold_ascii, match_key
from ..vocab import COMMUNE, COMMUNE_KIND_RE

# "Xã Hoằng Đồng", "UBND phường Nguyễn Uý": the name without its kind, as people write it.
_KIND = re.compile(rf"^(?:ubnd\s+)?{COMMUNE_KIND_RE}\s+", re.IGNORECASE)
# A code this long is a unit's wherever it stands in a name ("Bao cao TT PVHCC"); a
# shorter one only as the first word or with a digit ("KH", "TP", "BC" are words too).
_CODE_ANYWHERE = 4
# What names of any report say: never a unit's code, whatever the plan calls its units.
_REPORT_WORDS = frozenset({"CCHC", "TTHC", "UBND", "HĐND", "HDND", "THANG", "BAOCAO"})
_OFFICE_WORDS = 3  # an office named by fewer words ("Văn phòng") is said of too much else
# "gửi Phòng Nội vụ", "kinh gui ...", "phối hợp với ...": the office a report goes to, or
# works with, not whose it is (the name before it is said as written or without tones).
# "(phối hợp Phòng Tư pháp)", "tổng hợp từ Phòng Tư pháp" too (a QA pass: both were
# taken as Phòng Tư pháp's files).
_SENT_TO = re.compile(r"(?:^| )(?:gửi|gui|(?:phối hợp|phoi hop)(?: (?:với|voi))?"
                      r"|(?:tổng hợp|tong hop) (?:từ|tu)) $")
# A word of a name: letters and digits.
_WORD = re.compile(r"[0-9A-Za-zĐđ]+")
# "VHTT&DL", "VHTT-TT-DL": a unit's code inside another body's abbreviation (Trung tâm
# Văn hóa, Thông tin, Thể thao và Du lịch), not that unit (a QA pass).
_AND_AFTER = re.compile(r"\s*[&＆]\s*[0-9A-Za-zĐđ]")
_JOINED = re.compile(rf"{_AND_AFTER.pattern}|[-–][A-Za-zĐđ]{{1,3}}(?![0-9A-Za-zĐđ])")
_JOINED_BEFORE = re.compile(r"[0-9A-Za-zĐđ]\s*[&＆]\s*$")
# "Đài Truyền thanh huyện": a unit's name may be written without its locality.
_LOCALITY_AT_END = re.compile(r"\s+(?:huyện|tỉnh|thành phố|thị xã|quận|xã|phường)$",
                              re.IGNORECASE)


class Named(NamedTuple):
    """The unit a file name names, and how it names it, as a message says it."""

    code: str
    says: str  # "bắt đầu bằng mã đơn vị", "có mã đơn vị", "ghi tên đơn vị"
    part: str  # what of it to take out of the name: "mã", "tên đơn vị"


class FileNames:
    """The plan's units as file names may name them, worked out once per merge."""

    def __init__(self, master: Master) -> None:
        self.master = master

    @cached_property
    def _codes(self) -> dict[str, str]:
        return {u.code.upper(): u.code for u in self.master.units}

    @cached_property
    def _communes(self) -> list[tuple[str, str]]:
        """(" hoằng đồng ", code) of each commune whose name without its kind has two
        words or more: a department's ("Nội vụ") is said of too much else ("gửi Sở Nội
        vụ") to tell whose a file is. With tones, they must match (Hoằng Đông is not
        Hoằng Đồng)."""
        out = []
        for u in self.master.units:
            if u.kind != COMMUNE:
                continue
            bare = match_key(_KIND.sub("", u.name.strip()))
            if len(bare.split()) >= 2:
                out.append((f" {bare} ", u.code))
        return out

    def named(self, file_name: str) -> Named | None:
        """The unit a file name names, or None: a unit code as its first word
        ("X02-Xã-Hoằng-Cát.xlsx", "x02 bao cao.xlsx"), a code with a digit or of four
        letters or more as any word ("BaoCao_CCHC_QuyI_X07.xlsx", "BC TT PVHCC.xlsx"),
        a commune's name, with its tones ("Báo cáo - xã Hoằng Đồng.xlsx") or without them
        when no other commune's name reads the same ("bao cao xa hoang cat.xlsx"), or an
        office's full name ("Báo cáo Trung tâm Phục vụ hành chính công.xlsx"), unless
        it is where the report is sent ("gửi Phòng Nội vụ"). Where nothing of these is
        found, an office named by abbreviations (:data:`cchc_xl.abbreviations.ABBREVIATIONS`:
        "BCH-QS-bao-cao.xlsx", "BC Ban CHQS.xlsx", "bao cao TT HCC.xlsx") or without its
        locality ("Bao cao Ban Chi huy quan su.xlsx" for Ban Chỉ huy quân sự xã)."""
        stem = Path(file_name).stem
        found = list(_WORD.finditer(stem))
        words = [m.group().upper() for m in found]
        if words and words[0] in self._codes and not _in_abbreviation(stem, found[0], True):
            return Named(self._codes[words[0]], "bắt đầu bằng mã đơn vị", "mã")
        for m, word in zip(found[1:], words[1:], strict=True):
            if word not in self._codes or word in _REPORT_WORDS:
                continue
            # A code with a digit anywhere; one of letters only, long enough, and not
            # inside another body's abbreviation ("VHTT&DL"); neither where the report
            # goes or who it was made with ("BC 9T phoi hop TTVH": a QA pass).
            if (any(c.isdigit() for c in word) or (len(word) >= _CODE_ANYWHERE
                                                   and not _in_abbreviation(stem, m))) \
                    and not _SENT_TO.search(_words(stem[:m.start()])):
                return Named(self._codes[word], "có mã đơn vị", "mã")
        # A name written with tones is read with them ("huyện Nghĩa Hưng" is not Xã
        # Nghĩa Hùng); one written without, without them.
        toned = fold_ascii(stem) != stem
        said = _said(stem, toned)
        if toned:
            codes = self._found(self._communes + self._offices_toned, [said])
        else:
            codes = self._found(self._folded + self._offices, [said])
        if codes:
            code = codes.pop() if len(codes) == 1 else None
            return Named(code, "ghi tên đơn vị", "tên đơn vị") if code else None
        # Nothing named in full: an office by its abbreviation ("BCH-QS", "TT HCC"), or
        # without its locality; only then, so no name read before reads otherwise.
        offices = self._offices_spelt[toned]
        written = self._found(offices, [said])
        codes = written or self._found(offices, [
            said, _said(spelt_out(stem.replace("_", " ")), toned)])
        if len(codes) != 1:
            return None
        if written:
            return Named(codes.pop(), "ghi tên đơn vị", "tên đơn vị")
        return Named(codes.pop(), "ghi tên viết tắt của đơn vị", "tên viết tắt của đơn vị")

    @cached_property
    def _office_units(self) -> list:
        """The units not communes whose name has three words or more (a commune plan's
        units are all offices: "Công an xã", "Phòng Kinh tế")."""
        return [u for u in self.master.units
                if u.kind != COMMUNE and len(u.name.split()) >= _OFFICE_WORDS]

    @cached_property
    def _offices(self) -> list[tuple[str, str]]:
        """(" trung tam phuc vu hanh chinh cong ", code) of each office, without tones."""
        return [(_words(u.name), u.code) for u in self._office_units]

    @cached_property
    def _offices_toned(self) -> list[tuple[str, str]]:
        """(" trung tâm phục vụ hành chính công ", code) of each office, with its tones."""
        return [(f" {match_key(u.name)} ", u.code) for u in self._office_units]

    @cached_property
    def _offices_spelt(self) -> dict[bool, list[tuple[str, str]]]:
        """The names of :attr:`_offices` (toned: of :attr:`_offices_toned`) as a name
        with abbreviations spelt out reads them: with their own abbreviations spelt out
        too ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"), and without their
        locality ("Ban Chỉ huy quân sự" of "Ban Chỉ huy quân sự xã") when three words or
        more are left."""
        names: dict[str, str] = {}
        for u in self._office_units:
            for name in (u.name, _LOCALITY_AT_END.sub("", u.name.strip())):
                if len(name.split()) >= _OFFICE_WORDS:
                    names.setdefault(name, u.code)
                    names.setdefault(spelt_out(name), u.code)
        return {toned: [(_said(name, toned), code) for name, code in names.items()]
                for toned in (False, True)}

    @cached_property
    def _folded(self) -> list[tuple[str, str]]:
        """(" hoang dong ", code) of each commune of :attr:`_communes`, without tones;
        not one read as the plan's own place ("nghia hung": Xã Nghĩa Hùng, or the
        district of Nghĩa Hưng that issued the plan)."""
        place = _words(issuer_of(self.master.plan.authority).place)
        return [(folded, code) for bare, code in self._communes
                if (folded := _words(bare)) != place]

    @staticmethod
    def _found(names: list[tuple[str, str]], saids: list[str]) -> set[str]:
        """The units whose name one of ``saids`` holds (one unit: the file names it): a
        name that folds to several ("hoang dong": Hoằng Đông and Hoằng Đồng) gives
        them all, so none is taken; one inside a longer one found ("Hoằng Sơn" in "Hoằng
        Sơn Đông") gives way to it, and the office a report is sent to ("gửi Phòng Nội
        vụ") is not named."""
        found = {bare for bare, _ in names if any(_said_of(bare, said) for said in saids)}
        longest = {bare for bare in found
                   if not any(bare != other and bare in other for other in found)}
        return {code for bare, code in names if bare in longest}

    def names(self, file_name: str, code: str) -> bool:
        """Whether a file name names the unit ``code`` too: its code as a word, or its
        name, diacritics aside ("KH CCHC - Phòng Nội vụ.xlsx" is Phòng Nội vụ's,
        whatever unit "KH" is; "bao cao xa hoang dong.xlsx" names Xã Hoằng Đồng)."""
        unit = self.master.unit(code) if self.master.has_unit(code) else None
        stem = Path(file_name).stem
        words = _words(stem)
        # "KT bao cao BCHQS.xlsx": Ban Chỉ huy quân sự's own, by its abbreviation
        spelt = _words(spelt_out(stem.replace("_", " ")))
        said = [_words(code)]
        if unit is not None:
            name = unit.name.strip()
            placeless = _LOCALITY_AT_END.sub("", name)
            said += [_words(name), _words(_KIND.sub("", name)), _words(placeless),
                     _words(spelt_out(name)), _words(spelt_out(placeless))]
        return any(s in words or s in spelt for s in said if s.strip())


def _in_abbreviation(stem: str, m: re.Match[str], first: bool = False) -> bool:
    """Whether the word ``m`` of a file name is part of a longer abbreviation: joined by
    "&" ("VHTT&DL", "KH&VHTT") or, but as the name's first word (split's
    "VHTT-Phòng-Văn-hóa"), followed by a hyphen and a short one ("VHTT-TT-DL"; not
    "BC-VHTT-9T")."""
    after, before = stem[m.end():], stem[:m.start()]
    if first:
        return bool(_AND_AFTER.match(after))
    return bool(_JOINED.match(after) or _JOINED_BEFORE.search(before))


def _said_of(bare: str, said: str) -> bool:
    """Whether ``said`` names ``bare`` other than as where it is sent ("gui ...")."""
    start = said.find(bare)
    while start >= 0:
        if not _SENT_TO.search(said[:start + 1]):
            return True
        start = said.find(bare, start + 1)
    return False


def _said(text: str, toned: bool) -> str:
    """A name's words as :meth:`FileNames.named` compares them: with their tones
    (:func:`match_key`) or without (:func:`_words`), one space around each."""
    return f" {match_key(text.replace('_', ' '))} " if toned else _words(text)


def _words(text: str) -> str:
    """A text's words without diacritics or case, one space around each."""
    return " " + " ".join(re.findall(r"[0-9a-z]+", fold_ascii(text).lower())) + " "
