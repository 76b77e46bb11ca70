"""Helpers of the counting rules' tests (tests/test_counting_*.py): an office merging the
small plan of test_figures period after period, and what it sent."""

from __future__ import annotations

from datetime import datetime

from test_figures import EVIDENCE, _assess

from cchc_xl import assignment as A
from cchc_xl.merge import merge_returns
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import IN_PROGRESS
from make_sample_returns import fill_return

_ISSUED = {"Q1": datetime(2023, 3, 1), "6T": datetime(2023, 6, 1), "9T": datetime(2023, 9, 1),
           "NAM": datetime(2023, 12, 1)}


class _Office:
    """The small plan's office over the year: each period's files split on the 1st of
    its last month (:data:`_ISSUED`), the units' answers merged as received on the 18th,
    the office's verdicts typed into the consolidated workbook and read back."""

    def __init__(self, tmp_path) -> None:
        from test_figures import figures_master

        from cchc_xl.master import load_master
        from cchc_xl.master.write import write_master

        self.tmp = tmp_path
        self.master = load_master(write_master(figures_master(), tmp_path / "ke-hoach.xlsx"))
        self.out = tmp_path / "tong-hop"
        self.db = self.out / "cchc-ledger.sqlite"

    def split(self, code: str, ledger: bool = False) -> dict:
        """The period's files by unit (filled in from the ledger with ``ledger``)."""
        from cchc_xl.split import split_master

        return {f.unit_code: f.path for f in split_master(
            self.master, code, self.tmp / f"giao-{code}", ledger=self.db if ledger else None,
            issued_at=_ISSUED[code]).files}

    def send(self, code: str, answers: dict[str, dict]):
        """The period's files filled with ``answers`` (by unit) and merged: the period's
        consolidated workbook."""
        split = self.split(code)
        for unit, typed in answers.items():
            fill_return(split[unit], self.tmp / code / f"{unit}.xlsx", typed)
        merged = self.out / f"{code}.xlsx"
        merge_returns(self.master, [self.tmp / code], code, merged,
                      received=_ISSUED[code].date().replace(day=18))
        return merged

    def judge(self, code: str, unit: str, did: str, verdict: str) -> None:
        """``verdict`` typed on a row of the period's consolidated workbook, read back by
        merging the period's files again."""
        merged = self.out / f"{code}.xlsx"
        _assess(merged, unit, did, verdict, merged)
        merge_returns(self.master, [self.tmp / code], code, merged)

    def task(self, code: str, did: str):
        """A task of the period as the figures count it."""
        return next(t for t in summarize(load_snapshot(self.db, code)).tasks if t.id == did)

    def lead(self, code: str, did: str):
        """A task's first lead row of the period as counted."""
        return self.task(code, did).products[0].leads[0]


def _two_periods(tmp_path, q1: dict[str, dict], six: dict[str, dict]):
    """The small plan's first quarter merged from ``q1``'s answers (by unit), the
    office then judging TP's TC-02 "Đạt"; then six months merged from ``six``'s: the
    6-month consolidated workbook."""
    office = _Office(tmp_path)
    office.send("Q1", q1)
    office.judge("Q1", "TP", "TC-02", "Đạt")
    return office.send("6T", six)


X1_ANSWER = {"X1": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40,
                                A.COL_EVIDENCE: EVIDENCE}}}
