"""`remind` given the plan table, with no --period and nothing merged: the hint's example
is the period being reported now (the one the web app opens on), not the plan's first.

A QA pass in December: "chưa chọn kỳ báo cáo (chọn kỳ bằng --period, ví dụ --period Q1)",
with the year's report due on the 20th.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from support.clock import set_clock


def _plan(tmp_path: Path, year: int) -> Path:
    path = tmp_path / "ke-hoach.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--commune", "phường Hạc Thành",
                                       "--year", str(year)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(("on", "year", "code"), [
    (date(2026, 12, 6), 2026, "NAM"),    # the year's report, due 20/12
    (date(2026, 12, 28), 2026, "NAM"),   # all due: the last one
    (date(2026, 2, 10), 2026, "Q1"),
    (date(2026, 5, 2), 2026, "6T"),
    (date(2026, 8, 1), 2026, "Q3"),      # Q3 and 9T due the same day: the first
    (date(2026, 12, 28), 2027, "Q1"),    # next year's plan, made in December
])
def test_the_hint_suggests_the_period_reported_now(tmp_path, monkeypatch, on, year,
                                                   code) -> None:
    set_clock(monkeypatch, on)
    plan = _plan(tmp_path, year)
    for overdue in ([], ["--overdue"]):
        result = CliRunner().invoke(main, ["remind", str(plan), "--out",
                                           str(tmp_path / "cv.docx"), *overdue])
        assert result.exit_code == 2, result.output
        assert (f"chưa chọn kỳ báo cáo (chọn kỳ bằng --period, ví dụ --period {code}; các "
                "kỳ của kế hoạch: Q1, 6T, Q3, 9T, NAM)") in result.output, result.output
        assert not (tmp_path / "cv.docx").exists()
