"""Reading findings in tests."""

from __future__ import annotations


def codes(found, severity: str | None = None) -> list[str]:
    """The codes of findings, in order; only those of ``severity`` when given."""
    return [f.code for f in found if severity is None or f.severity == severity]
