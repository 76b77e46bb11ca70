"""The quick tier (`make test`) and the slow one: what tests/conftest.py puts in the slow
tier by module names modules that exist, so that a module renamed or split does not
silently fall back into the quick tier's two minutes."""

from __future__ import annotations

from pathlib import Path

from conftest import SLOW_MODULES

TESTS = Path(__file__).parent


def test_every_slow_module_named_is_a_test_module():
    missing = sorted(name for name in SLOW_MODULES if not (TESTS / name).is_file())
    assert not missing, f"SLOW_MODULES names no such test module: {missing}"
    assert all(name.startswith("test_") and name.endswith(".py") for name in SLOW_MODULES)
