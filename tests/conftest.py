from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

HH_MASTER = ROOT / "workbooks" / "hoang-hoa-2023" / "master.xlsx"
NH_MASTER = ROOT / "workbooks" / "nghia-hung-2023" / "master.xlsx"
EXAMPLES = Path(__file__).resolve().parent / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def hh_master():
    from cchc_xl.master import load_master

    return load_master(HH_MASTER)


@pytest.fixture(scope="session")
def nh_master():
    from cchc_xl.master import load_master

    return load_master(NH_MASTER)
