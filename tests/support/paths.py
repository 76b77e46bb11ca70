"""Where the seed plans, sample returns and golden files are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
HH_MASTER = ROOT / "workbooks" / "hoang-hoa-2023" / "master.xlsx"
NH_MASTER = ROOT / "workbooks" / "nghia-hung-2023" / "master.xlsx"
HH_SAMPLES = HH_MASTER.parent / "returns-9T"  # scripts/make_sample_returns.py makes them
EXAMPLES = TESTS / "examples"
GOLDEN = TESTS / "golden"
SHOTS = ROOT / "out" / "screenshots"  # the browser tests' screenshots (CCHC_XL_SHOTS)
