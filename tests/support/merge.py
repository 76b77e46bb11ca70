"""Helpers of the merge's tests (tests/test_merge_*.py): what a merge result says per
file and row, a workbook's values, the running machine's time zone."""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from pathlib import Path

import pytest

from support.paths import HH_SAMPLES
from support.workbooks import load_workbook  # merged ranges' borders not drawn

SAMPLES = HH_SAMPLES


@contextlib.contextmanager
def local_timezone(name: str):
    """Run with this machine's local time zone set to ``name`` (saved times inside
    workbooks are UTC and shown in local time)."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def codes_of(problems: list[dict]) -> Counter:
    return Counter(p["code"] for p in problems)


def _row(result, unit: str, did: str) -> dict:
    return next(r for r in result.as_dict()["rows"] if (r["unit"], r["task"]) == (unit, did))


def _values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path, read_only=True)  # values only: no styles, no merged cells
    values = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    wb.close()
    return values


def _values_of(result, units=None) -> list[tuple]:
    return sorted((r["unit"], r["task"], r["status"], r["percent"], r["completed_on"],
                   r["evidence"]) for r in result.as_dict()["rows"]
                  if units is None or r["unit"] in units)


def _file(result, name: str) -> dict:
    return next(f for f in result.as_dict()["files"] if Path(f["path"]).name == name)


def _rows_of(result, unit: str) -> dict[str, dict]:
    return {r["task"]: r for r in result.as_dict()["rows"] if r["unit"] == unit}
