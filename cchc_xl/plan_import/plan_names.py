"""The names an imported plan's registry shows for the level template's units: the
plan's own words where it writes a longer name of its own ("Phòng Kinh tế, Hạ tầng và Đô
thị", "Ban Chỉ huy Quân sự phường"), else, in a commune's plan, the names `init
--commune` gives the place's offices ("Ban Chỉ huy quân sự phường" in a ward's).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..abbreviations import expand_abbreviations
from ..findings import Finding
from ..master import name_commune_offices
from ..model import Unit
from ..text import match_key, one_line
from ..unit_names import places_in
from ..vocab import COMMUNE, COMMUNE_KIND_RE, MORE_COMMUNE_KINDS_RE, NOTE

# Kinds after a name, more than one: a name written for every kind of commune, no name of
# the commune's own ("Công an xã, phường"; "Ban Chỉ huy quân sự phường" is a ward's).
_EVERY_KIND = re.compile(rf"\s{COMMUNE_KIND_RE}{MORE_COMMUNE_KINDS_RE}+$", re.IGNORECASE)


def _key(name: str) -> str:
    """A name as a cell's text is searched for it: "HĐND" and "Hội đồng nhân dân" alike;
    a ";" between names (which match_key keeps) parts them as a space does."""
    return f" {match_key(expand_abbreviations(name)).replace(';', ' ; ')} "


def named_as_the_plan_writes(units: list[Unit], cells: list[tuple[str, str]],
                             file: str) -> list[Finding]:
    """A template's unit the plan writes only by a longer name of its own ("Phòng Kinh
    tế, Hạ tầng và Đô thị", a ward's, for the template's "Phòng Kinh tế"; "Ban Chỉ huy
    quân sự phường"): named so in the plan table, its files and reports, the template's
    name kept as another spelling; a note for each. Abbreviations, shorter, are not names
    to show."""
    texts = [_key(text) for text, _ in cells]
    found = []
    for unit in units:
        if unit.kind == COMMUNE or places_in(unit.name) is not None:
            # Nor "Các thôn" named "Trưởng thôn": the places, never a title (the import's
            # stand-in for them, no template's unit).
            continue
        own = _key(unit.name)
        # Longer, and another name, not the same one spelled out ("Văn phòng Ủy ban nhân
        # dân tỉnh" is "Văn phòng UBND tỉnh"); each with its key, worked out once.
        longer = sorted(((a, k) for a in unit.aliases if len(a) > len(unit.name)
                         and not _EVERY_KIND.search(a) and (k := _key(a)) != own),
                        key=lambda ak: len(ak[0]), reverse=True)
        used = [(a, k) for a, k in longer if any(k in t for t in texts)]
        if not used:
            continue
        rest = texts
        for _, k in used:
            rest = [t.replace(k, " | ") for t in rest]
        if any(own in t for t in rest):
            continue  # the plan writes the template's name too
        alias, named_key = used[0]
        # Where the document first writes it (a QA pass: the note named no place).
        place = next((where for (_, where), text in zip(cells, texts, strict=True)
                      if named_key in text), "")
        # Its letters as the document writes them ("Ban Chỉ huy Quân sự phường", not the
        # template's "quân sự": a QA pass).
        written = next((m[0] for text, _ in cells if (m := re.search(
            re.escape(alias).replace(r"\ ", r"\s+"), one_line(text), re.I))), alias)
        named = " ".join(written.split())
        found.append(Finding(NOTE, "import-unit-named-as-plan",
                             f"đơn vị {unit.code} '{unit.name}' được ghi theo văn bản là "
                             f"'{named}' (tên của mẫu giữ làm tên gọi khác)", file=file,
                             place=place))
        unit.aliases = [a for a in unit.aliases if a != alias] + [unit.name]
        unit.name = named
    return found


def place_names(units: list[Unit], issuer: tuple[str, str]) -> dict[str, tuple[str, Unit]]:
    """The template's units of a commune's plan (``issuer``: ("phường", "Hạc Thành")) as
    `init --commune` names them, by code, each with its name now: what
    :func:`named_for_the_place` gives those the plan does not name in words of its own."""
    kind, place = issuer
    placed = [replace(u, aliases=list(u.aliases)) for u in units]
    name_commune_offices(placed, [], kind, place)
    return {u.code: (before.name, u) for before, u in zip(units, placed, strict=True)}


def named_for_the_place(units: list[Unit], placed: dict[str, tuple[str, Unit]],
                        cells: list[tuple[str, str]]) -> None:
    """The template's offices a commune's plan names by no words of its own (only through
    a group, "Các phòng chuyên môn", or not at all) named as `init --commune` names them
    (:func:`place_names`): a ward's "Phòng Kinh tế, Hạ tầng và Đô thị", "Ban Chỉ huy quân
    sự phường" (a QA pass: the import of a ward's plan gave them a commune's names,
    "Phòng Kinh tế", "Ban Chỉ huy quân sự", in its files and reports), a commune's "Văn
    phòng HĐND và UBND xã", "Ban Chỉ huy quân sự xã" (a QA pass: the template's names,
    where init gives these). A name the plan writes stays: the template's ("Phòng Kinh
    tế", not inside a longer name, unless it writes init's too) or its own
    (:func:`named_as_the_plan_writes`)."""
    names = sorted({n for u in units for n in (u.name, *u.aliases)}, key=len, reverse=True)
    for unit in units:
        then, named = placed.get(unit.code, ("", None))
        if named is None:
            continue
        # Written both ways ("Phòng Kinh tế" in one cell of a ward's plan, "Phòng Kinh tế,
        # Hạ tầng và Đô thị" in the others), the place's own name: a QA pass found the
        # ward's office named as a commune's in its report.
        if (unit.name != then or named.name == then
                or (_written(then, names, cells) and not _written(named.name, names, cells))):
            _place_spellings(unit, named)
            continue
        unit.aliases = [a for a in dict.fromkeys([*unit.aliases, *named.aliases, then])
                        if a != named.name]
        unit.name = named.name


def _written(name: str, names: list[str], cells: list[tuple[str, str]]) -> bool:
    """True when a cell writes ``name`` itself, not only inside a longer one of
    ``names`` ("Phòng Kinh tế" in "Phòng Kinh tế, Hạ tầng và Đô thị")."""
    own = _key(name)
    texts = [_key(text) for text, _ in cells]
    for longer in (n for n in names if len(n) > len(name)):
        texts = [t.replace(_key(longer), " | ") for t in texts]
    return any(own in t for t in texts)


def _place_spellings(unit: Unit, named: Unit) -> None:
    """A unit whose name stays (the plan's, or init's already) given the spellings `init
    --commune` gives it ("Công an xã Hoằng Hóa", its place's name after its kind): a QA
    pass, the imported table refused that name typed into a cell ("không tìm thấy đơn
    vị"), a table init made took it."""
    taken = {match_key(n) for n in (unit.name, *unit.aliases)}
    unit.aliases += [a for a in dict.fromkeys(named.aliases) if match_key(a) not in taken]
