"""A browser test module on a day of its own: cchc-xl's clock set to TODAY for each test,
and a data folder of the module's own, not test_web_browser's (the session's). Its
merges are on TODAY, ahead of the machine's day, and a module after it on the machine's
clock would find its uploads' results set aside as changed since.

Imported by a test module, these fixtures are its own:
``from support.browser_day import TODAY, _the_day, web_data  # noqa: F401``."""

from __future__ import annotations

from datetime import date

import pytest

from support.clock import set_clock

# The day the app's clock is set to (cchc_xl.clock), typed to correct a day refused.
TODAY = date(2027, 1, 5)


@pytest.fixture(scope="module")
def web_data(tmp_path_factory):
    """The module's own data folder, in place of the session's (conftest's web_data)."""
    return tmp_path_factory.mktemp("web-data-day")


@pytest.fixture(autouse=True)
def _the_day(monkeypatch):
    set_clock(monkeypatch, TODAY)
