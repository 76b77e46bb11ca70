"""A ward's year, as a QA pass ran it: the plan ``cchc-xl init --commune "phường Hạc
Thành"`` makes for 2026 (periods Q1, 6T, Q3, 9T, NAM, cut off on the 14th), its one task
due in two parts, "Tháng 6 và tháng 12/2026", led by the ward's offices together ("Các
phòng chuyên môn": VP, KT, VHXH); each period split (filled in from the ledger, or not),
the offices' answers typed into their files and merged, with feedback files."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from cchc_xl import assignment as A
from cchc_xl.vocab import DONE
from make_sample_returns import fill_return
from support.plans import typed_plan

TASK = "TC-01"
TWO_PARTS = "Tháng 6 và tháng 12/2026"
EVIDENCE = "Báo cáo số 12/BC-UBND ngày 10/06/2026"
# The day the office receives a period's files (the files saved the day before), merged
# at 9 that morning (a saved time is weighed against the merge's moment, whatever the
# machine's clock says: intake.saved_time): the year's before its cut-off, 14/12.
RECEIVED = {"Q1": date(2026, 3, 18), "6T": date(2026, 6, 18), "Q3": date(2026, 9, 18),
            "9T": date(2026, 9, 18), "NAM": date(2026, 12, 5)}


class WardYear:
    def __init__(self, tmp_path: Path) -> None:
        from cchc_xl.master import load_master

        self.tmp = tmp_path
        self.master = load_master(typed_plan(
            tmp_path / "ke-hoach.xlsx", ["--commune", "phường Hạc Thành", "--year", "2026"],
            ["Các phòng chuyên môn"], deadline=TWO_PARTS))
        self.out = tmp_path / "tong-hop"
        self.db = self.out / "cchc-ledger.sqlite"

    def split(self, code: str, ledger: bool = False) -> dict[str, Path]:
        """The period's files by unit (filled in from the ledger with ``ledger``)."""
        from cchc_xl.split import split_master

        received = RECEIVED[code]
        return {f.unit_code: f.path for f in split_master(
            self.master, code, self.tmp / f"giao-{code}", ledger=self.db if ledger else None,
            issued_at=datetime.combine(received - timedelta(days=20), datetime.min.time())
        ).files}

    def send(self, code: str, answers: dict[str, dict], files: dict[str, Path] | None = None,
             tweak=None):
        """``answers`` (by unit) typed into the period's ``files`` (default: split now,
        blank) and merged, as received on the period's day: the merge's result."""
        from cchc_xl.merge import merge_returns

        files = files or self.split(code)
        received = RECEIVED[code]
        saved = datetime.combine(received - timedelta(days=1), datetime.min.time())
        for unit, typed in answers.items():
            fill_return(files[unit], self.tmp / code / f"{unit}.xlsx", typed, saved_at=saved,
                        tweak=tweak)
        return merge_returns(self.master, [self.tmp / code], code, self.consolidated(code),
                             feedback_dir=self.feedback(code), received=received,
                             now=datetime.combine(received, datetime.min.time()).replace(
                                 hour=9))

    def consolidated(self, code: str) -> Path:
        return self.out / f"{code}.xlsx"

    def feedback(self, code: str) -> Path:
        return self.tmp / f"phan-hoi-{code}"


def task_row(path: Path, did: str = TASK) -> dict[str, object]:
    """A unit file's row of ``did``, by column header."""
    from support.mistakes import task_rows

    for _, r, header, values in task_rows(path):
        if r > A.HEADER_ROW and values[0] == did:
            return dict(zip(header, values, strict=False))
    raise AssertionError(f"no row {did} in {path}")


def done(day: date) -> dict:
    return {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: day,
            A.COL_EVIDENCE: EVIDENCE}
