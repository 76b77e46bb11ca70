"""The vocabulary has one home: every finding code the code reports is registered."""

from __future__ import annotations

import re

from cchc_xl import data_folder, finding_codes, vocab
from support.paths import ROOT

# A finding is made as (severity, "code", message...): F.ERROR, "missing-column", ...
# or through intake's rejected("code", message), whose severity is always an error.
_CODE_AFTER_SEVERITY = re.compile(r"\b(?:ERROR|WARNING|NOTE),\s*\"([a-z0-9-]+)\""
                                  r"|\brejected\(\s*\"([a-z0-9-]+)\"")


def _codes_in_source() -> dict[str, str]:
    found = {}
    for path in sorted((ROOT / "cchc_xl").rglob("*.py")):
        if path.name == "vocab.py":
            continue
        for pair in _CODE_AFTER_SEVERITY.findall(path.read_text(encoding="utf-8")):
            found.setdefault("".join(pair), str(path.relative_to(ROOT)))
    return found


def test_every_finding_code_is_registered() -> None:
    used = _codes_in_source()
    assert len(used) > 60  # the scan sees the checks (it would pass vacuously otherwise)
    registered = finding_codes.FINDING_CODES
    unknown = {code: where for code, where in used.items() if code not in registered}
    assert not unknown, f"add these codes to finding_codes.FINDING_CODES: {unknown}"


def test_no_registered_code_is_dead() -> None:
    dead = set(finding_codes.FINDING_CODES) - set(_codes_in_source())
    assert not dead, f"codes no check reports any more: {sorted(dead)}"


def test_every_finding_code_has_a_vietnamese_label() -> None:
    """People read a finding by its label, not its English code: one for every code the
    code reports (the registry holds exactly those), in Vietnamese, and no two codes
    the same label unless they mean the same (a count by label would add them up)."""
    assert set(finding_codes.FINDING_LABELS) == set(finding_codes.FINDING_CODES)
    assert set(_codes_in_source()) <= set(finding_codes.FINDING_LABELS)
    for code, label in finding_codes.FINDING_LABELS.items():
        assert label and label == label.strip() and label != code, code
        assert not re.fullmatch(r"[a-z0-9 -]+", label), (code, label)  # not English
        # read inside a line's punctuation: "(tỷ lệ ngoài 0–100: 1, dòng chưa điền: 55)"
        assert not set(label) & set("():,;—"), (code, label)
    labels = list(finding_codes.FINDING_LABELS.values())
    assert len(set(labels)) == len(labels)
    assert finding_codes.FINDING_LABELS["percent-out-of-range"] == "tỷ lệ ngoài 0–100"
    assert finding_codes.FINDING_LABELS["row-not-filled"] == "dòng chưa điền"


def test_one_code_for_a_missing_column() -> None:
    assert "missing-column" in finding_codes.FINDING_CODES
    assert "column-missing" not in finding_codes.FINDING_CODES
    assert "column-missing" not in _codes_in_source()


def test_every_finding_code_is_documented() -> None:
    docs = "".join((ROOT / "docs" / name).read_text(encoding="utf-8")
                   for name in ("master-format.md", "validation.md"))
    missing = [code for code in finding_codes.FINDING_CODES if f"`{code}`" not in docs]
    assert not missing, f"document these codes in docs/: {missing}"


def test_vocabulary_is_imported_from_its_home() -> None:
    """Nobody takes a vocab value (or a finding code's, or a name of the data folder's
    layout) through another module (model.LEAD, A.DONE, pending.PENDING_DIR): a value
    re-exported elsewhere is a second place to look it up and to change it."""
    import ast
    import importlib

    homes = {"cchc_xl.vocab": vocab, "cchc_xl.finding_codes": finding_codes,
             "cchc_xl.data_folder": data_folder}
    home_of = {n: name for name, module in homes.items() for n in vars(module)
               if n.isupper() and not n.startswith("_")}
    names = set(home_of)
    elsewhere = []
    files = [p for folder in ("cchc_xl", "tests", "scripts") for p in (ROOT / folder).rglob("*.py")]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {}  # local alias -> module name, for "from cchc_xl import assignment as A"
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
            base = (node.module or "") if not node.level else ".".join(
                [*package.split(".")[:len(package.split(".")) - node.level + 1],
                 *([node.module] if node.module else [])])
            if not base.startswith("cchc_xl"):
                continue
            for alias in node.names:
                if alias.name in names and base != home_of[alias.name]:
                    elsewhere.append(f"{path.name}:{node.lineno} {base}.{alias.name}")
                elif not alias.name.isupper():  # a module perhaps: "from cchc_xl.web import held"
                    modules[alias.asname or alias.name] = f"{base}.{alias.name}".strip(".")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in modules and node.attr in names
                    and modules[node.value.id] != home_of[node.attr]):
                try:
                    module = importlib.import_module(modules[node.value.id])
                except ImportError:  # a function or a class of that name, not a module
                    continue
                home = homes[home_of[node.attr]]
                if getattr(module, node.attr, None) == getattr(home, node.attr):
                    elsewhere.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
    assert len(files) > 80  # the scan sees the code (it would pass vacuously otherwise)
    assert not elsewhere, f"import these from their home: {sorted(elsewhere)}"


def test_the_kinds_of_commune_are_one_list_read_alike_everywhere():
    """The kinds of commune-level locality were spelled in six patterns, which differed:
    "Đặc khu" known to some, spaces between words exact in some, not in others."""
    from cchc_xl.issuer import COMMUNE_LEVEL, plan_level
    from cchc_xl.model import Plan, Unit
    from cchc_xl.plan_import.registry import guess_kind
    from cchc_xl.unit_names import COMMUNE_PREFIX
    from cchc_xl.vocab import COMMUNE, COMMUNE_KINDS

    for kind in COMMUNE_KINDS:
        for spelled in (kind.title(), kind.replace(" ", "  ").upper()):
            name = f"{spelled} Cồn Cỏ"
            assert COMMUNE_PREFIX.sub("", name) == "Cồn Cỏ", name
            assert guess_kind(name) == COMMUNE and guess_kind(f"UBND {name}") == COMMUNE
            plan = Plan(title="Kế hoạch", year=2026, authority=f"Ủy ban nhân dân {name}")
            level = plan_level(plan, [Unit(code="VP", name="Văn phòng HĐND và UBND")])
            assert (level.code, level.kind) == (COMMUNE_LEVEL, kind), name


# A People's Committee as plans write it, and whether each pattern built from
# vocab.PEOPLES_COMMITTEE_WORDS reads it so: an authority's name (issuer), a name among
# a cell's units (the import's registry: its words one space apart), a group's "thuộc
# UBND xã" (the commune's own offices). When the words had three homes, all three read
# every wording below as they do now.
_COMMITTEE_WORDINGS = [
    ("UBND", True, True, True),
    ("Ủy ban nhân dân", True, True, True),
    ("Uỷ ban nhân dân", True, True, True),  # the old tone placement
    ("UỶ BAN NHÂN DÂN", True, True, True),
    ("ỦY BAN NHÂN DÂN", True, True, True),
    ("Ủy  ban nhân dân", True, False, True),  # two spaces
    ("U.B.N.D", False, False, False),
    ("Uy ban nhan dan", False, False, False),  # without tones
    ("Ủy ban", False, False, False),
    ("UBNDxã", False, False, False),
]


def test_the_words_for_a_peoples_committee_are_read_alike_everywhere() -> None:
    from cchc_xl.issuer import PEOPLES_COMMITTEE
    from cchc_xl.plan_import.own_offices import OF_THE_COMMUNE
    from cchc_xl.plan_import.registry import _PEOPLES_COMMITTEE

    read = [(w, bool(PEOPLES_COMMITTEE.match(f"{w} huyện Hoằng Hóa")),
             bool(_PEOPLES_COMMITTEE.match(f"{w} huyện Hoằng Hóa")),
             bool(OF_THE_COMMUNE.search(f"Các phòng thuộc {w} xã Hoằng Cát")))
            for w, *_ in _COMMITTEE_WORDINGS]
    assert read == _COMMITTEE_WORDINGS
