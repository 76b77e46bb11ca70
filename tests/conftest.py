"""Fixtures shared by the whole suite, built once per session (per xdist worker).

Tests read what these fixtures made and never write into it; a test that needs to
change a file copies it first.
"""

from __future__ import annotations

from datetime import date

import pytest

from make_sample_returns import ISSUED_AT
from support.paths import HH_MASTER, HH_SAMPLES, NH_MASTER


@pytest.fixture(scope="session")
def hh_master():
    from cchc_xl.master import load_master

    return load_master(HH_MASTER)


@pytest.fixture(scope="session")
def nh_master():
    from cchc_xl.master import load_master

    return load_master(NH_MASTER)


@pytest.fixture(scope="session")
def hh_split_9t(hh_master, tmp_path_factory):
    """The Hoằng Hóa plan split for 9T, issued at a fixed time (the same bytes each run)."""
    from cchc_xl.split import split_master

    return split_master(hh_master, "9T", tmp_path_factory.mktemp("hh-9T") / "out",
                        issued_at=ISSUED_AT)


@pytest.fixture(scope="session")
def hh_samples_merged(hh_master, tmp_path_factory):
    """The bundled sample returns of the Hoằng Hóa plan merged for 9T, received by the
    office on 19/09/2023 (before the period's due date): (result, workbook)."""
    from cchc_xl.merge import merge_returns

    out = tmp_path_factory.mktemp("hh-samples") / "tong-hop.xlsx"
    return merge_returns(hh_master, [HH_SAMPLES], "9T", out, received=date(2023, 9, 19)), out


@pytest.fixture(scope="session")
def hh_mistakes(hh_master, hh_split_9t, nh_master, tmp_path_factory):
    """One returned file per kind of mistake (tests/support/mistakes.py), made once:
    (work folder, returns folder, {kind: path}). Merge into folders of your own."""
    from support.mistakes import mistake_files

    split = {f.unit_code: f.path for f in hh_split_9t.files}
    return mistake_files(tmp_path_factory, "mistakes", hh_master, split, nh_master)


# Tests built on these fixtures run a whole seed plan (47 unit files split, dozens of
# returns merged): they are in the slow tier, left out by `make test-fast`.
SLOW_FIXTURES = {"hh_split_9t", "nh_split", "hh_samples_merged", "hh_mistakes", "mistakes",
                 "review_returns"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
