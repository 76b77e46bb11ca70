"""The vocabulary has one home: every finding code the code reports is registered."""

from __future__ import annotations

import re

from cchc_xl import vocab
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
    unknown = {code: where for code, where in used.items() if code not in vocab.FINDING_CODES}
    assert not unknown, f"add these codes to vocab.FINDING_CODES: {unknown}"


def test_no_registered_code_is_dead() -> None:
    dead = set(vocab.FINDING_CODES) - set(_codes_in_source())
    assert not dead, f"codes no check reports any more: {sorted(dead)}"


def test_one_code_for_a_missing_column() -> None:
    assert "missing-column" in vocab.FINDING_CODES
    assert "column-missing" not in vocab.FINDING_CODES
    assert "column-missing" not in _codes_in_source()


def test_every_finding_code_is_documented() -> None:
    docs = "".join((ROOT / "docs" / name).read_text(encoding="utf-8")
                   for name in ("master-format.md", "validation.md"))
    missing = [code for code in vocab.FINDING_CODES if f"`{code}`" not in docs]
    assert not missing, f"document these codes in docs/: {missing}"
