"""A merge given only files of another period of its plan, a later one or several
units' of an earlier one, records nothing and says which period they are for
(cchc_xl/other_period.py; docs/validation.md, "A merge of another period's files"): the
9-month returns merged with the 6-month period chosen used to be recorded as 43 refused
reports of the 6-month period, each unit sent a letter saying so.

Real merges of the bundled Hoằng Hóa returns (issued for 9T) and of files split for
other periods; what is checked is what the office sees: the message and exit code, the
ledger's submissions, the archive, the consolidated workbook."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl import assignment as A
from cchc_xl.cli import main
from cchc_xl.errors import OtherPeriodFiles
from cchc_xl.ledger import Ledger
from cchc_xl.merge import merge_returns
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ACCEPTED, IN_PROGRESS
from make_sample_returns import fill_return
from support.paths import HH_MASTER

RETURNS = HH_MASTER.parent / "returns-9T"
SOME = ["NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx", "X01-thi-tran-but-son.xlsx"]


def _returns(folder: Path, names: list[str] = SOME) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copyfile(RETURNS / name, folder / name)
    return folder


def _archived(db: Path) -> list[Path]:
    return [p for p in (db.parent / "cchc-archive").rglob("*") if p.is_file()]


def test_files_of_a_later_period_are_refused_and_nothing_is_recorded(tmp_path):
    given = _returns(tmp_path / "in")
    out = tmp_path / "out" / "tong-hop.xlsx"
    db = out.parent / "cchc-ledger.sqlite"
    before = {p.name: p.read_bytes() for p in given.iterdir()}
    result = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(given), "--period", "6T",
                                       "--out", str(out)])
    assert result.exit_code == 2, result.output
    # The periods by their labels; the code where the office types it.
    assert ("Lỗi: không gộp: cả 3 tệp được giao cho kỳ 9 tháng năm 2023, không tệp nào của "
            "kỳ 6 tháng đầu năm 2023 đang chọn: chưa ghi tệp nào vào sổ cái (gộp lại với "
            "--period 9T)") in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert load_snapshot(db, "6T").submissions == []
    assert not (db.parent / "cchc-archive").exists()  # nor their folders
    with Ledger(db, create=False) as ledger:
        assert ledger.interrupted_merge("hoang-hoa-2023", "6T") is None  # ended, not cut short
    assert {p.name: p.read_bytes() for p in given.iterdir()} == before

    again = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(given), "--period", "9T",
                                      "--out", str(out)])
    assert again.exit_code in (0, 1), again.output
    assert sorted(s.unit for s in load_snapshot(db, "9T").submissions
                  if s.outcome == ACCEPTED) == \
        ["NV", "TP", "X01"]
    assert load_snapshot(db, "6T").submissions == []


def test_a_units_old_file_of_an_earlier_period_is_recorded_and_refused(hh_master, hh_split_of,
                                                                       tmp_path):
    """A Quý I file sent as the 9-month report is the unit's mistake, not the office's: it
    is recorded for 9T, refused, with what the unit should do."""
    q1 = hh_split_of("Q1", datetime(2023, 3, 1))
    sent = fill_return(q1["TP"], tmp_path / "in" / "TP.xlsx", {})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (told,) = result.run_files
    assert [p.code for p in told.problems] == ["identity-other-period"]
    (sub,) = load_snapshot(result.db, "9T").submissions
    assert (sub.unit, sub.outcome == ACCEPTED) == ("TP", False)


def test_several_units_files_of_an_earlier_period_are_refused_with_what_to_do(hh_split_of,
                                                                            tmp_path):
    """Last quarter's folder merged again with this quarter chosen: each unit would have
    been sent a letter saying its report of this quarter was refused."""
    q1 = hh_split_of("Q1", datetime(2023, 3, 1))
    given = tmp_path / "in"
    for unit in ("TP", "NV"):
        fill_return(q1[unit], given / f"{unit}.xlsx", {})
    out = tmp_path / "out" / "th.xlsx"
    result = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(given), "--period", "9T",
                                       "--out", str(out), "--feedback", str(tmp_path / "fb")])
    assert result.exit_code == 2, result.output
    assert ("không gộp: cả 2 tệp được giao cho kỳ quý I năm 2023, không tệp nào của kỳ 9 "
            "tháng năm 2023 đang chọn: chưa ghi tệp nào vào sổ cái (gộp lại với --period Q1 "
            "nếu đó là kỳ cần gộp; nếu đơn vị gửi nhầm tệp của kỳ khác, đề nghị đơn vị gửi tệp "
            "của kỳ 9 tháng năm 2023)") in result.output
    assert load_snapshot(out.parent / "cchc-ledger.sqlite", "9T").submissions == []
    assert not (tmp_path / "fb").exists() or not any((tmp_path / "fb").iterdir())


def test_a_file_of_a_later_period_among_files_of_this_one_is_refused_on_its_own(
        hh_master, hh_split_of, tmp_path):
    year = hh_split_of("NAM", datetime(2023, 12, 1))
    given = _returns(tmp_path / "in")
    later = fill_return(year["VP"], given / "VP-ca-nam.xlsx", {})
    result = merge_returns(hh_master, [given], "9T", tmp_path / "out" / "th.xlsx")
    subs = {Path(s.path).name: s for s in load_snapshot(result.db, "9T").submissions}
    assert sorted(subs) == sorted([*SOME, later.name])
    assert subs[later.name].outcome != ACCEPTED
    assert all(subs[name].outcome == ACCEPTED for name in SOME)


@pytest.mark.parametrize("name", ["hong.xlsx",
                                  # told to X02 by its name, still of no period known
                                  "X02-Xã-Hoằng-Cát.xlsx"])
def test_a_file_that_cannot_be_read_does_not_make_the_merge_go_on(tmp_path, hh_master, name):
    given = _returns(tmp_path / "in", SOME[:2])
    (given / name).write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(OtherPeriodFiles) as refused:
        merge_returns(hh_master, [given], "Q1", tmp_path / "out" / "th.xlsx")
    assert refused.value.period == "9T"
    assert "cả 2 tệp được giao cho kỳ 9 tháng năm 2023," in refused.value.message
    assert load_snapshot(tmp_path / "out" / "cchc-ledger.sqlite", "Q1").submissions == []


def test_a_file_of_this_period_recorded_before_lets_the_merge_go_on(hh_master, hh_split_of,
                                                                    tmp_path):
    """Given again with a file the period has already (its folder merged once more), the
    later period's files are recorded, refused each: the period chosen is the office's."""
    half = hh_split_of("6T", datetime(2023, 6, 1))
    given = _returns(tmp_path / "in")
    own = fill_return(half["NV"], given / "NV-6-thang.xlsx", {})
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [own], "6T", out, received=date(2023, 6, 18))
    merge_returns(hh_master, [given], "6T", out, received=date(2023, 6, 18))
    subs = {Path(s.path).name: s for s in load_snapshot(out.parent / "cchc-ledger.sqlite",
                                                        "6T").submissions}
    assert sorted(subs) == sorted([*SOME, own.name])
    assert not any(subs[name].outcome == ACCEPTED for name in SOME)


def test_files_of_a_period_with_the_same_cut_off_are_one_unit_s_mistake_or_the_office_s(
        hh_master, tmp_path):
    """Quý III and 9 tháng are issued together and cut off on the same day: one unit's 9T
    file merged as Quý III is that unit's wrong file, recorded and refused; two units'
    are the office's choice of period."""
    out = tmp_path / "out" / "th.xlsx"
    one = merge_returns(hh_master, [_returns(tmp_path / "in", SOME[:1])], "Q3", out)
    assert [(f.outcome, f.unit) for f in one.run_files] == [("rejected", "NV")]
    with pytest.raises(OtherPeriodFiles) as refused:
        merge_returns(hh_master, [_returns(tmp_path / "in2", SOME[1:])], "Q3", out)
    assert (refused.value.period, refused.value.count, refused.value.later) == ("9T", 2, False)
    assert len(load_snapshot(out.parent / "cchc-ledger.sqlite", "Q3").submissions) == 1


def test_a_wrong_periods_folder_is_refused_though_one_of_its_files_was_recorded(
        hh_master, hh_split_of, tmp_path):
    """One unit's Quý I file merged as 6T is recorded, refused (its own mistake); last
    quarter's folder merged as 6T after it, or after that file was withdrawn, was then
    recorded whole, a letter to every unit: the file known made the merge look like one
    of the period's own folders (a probe)."""
    from cchc_xl.merge.counted import withdraw_file

    q1 = hh_split_of("Q1", datetime(2023, 3, 1))
    folder = tmp_path / "q1"
    for unit in ("TP", "NV", "X01"):
        fill_return(q1[unit], folder / f"{unit}.xlsx", {})
    out = tmp_path / "out" / "th.xlsx"
    db = out.parent / "cchc-ledger.sqlite"
    (one,) = merge_returns(hh_master, [folder / "TP.xlsx"], "6T", out).run_files
    assert one.outcome == "rejected"
    for withdrawn in (False, True):
        if withdrawn:
            withdraw_file(db, "TP.xlsx", "6T", "gộp nhầm kỳ")
        with pytest.raises(OtherPeriodFiles) as refused:
            merge_returns(hh_master, [folder], "6T", out, feedback_dir=tmp_path / "fb")
        assert "cả 2 tệp được giao cho kỳ quý I năm 2023," in refused.value.message
        assert [s.unit for s in load_snapshot(db, "6T").submissions] == ["TP"]
        assert not (tmp_path / "fb").exists()


def test_withdraw_leaves_a_file_merged_into_its_own_period_where_it_is(hh_master, hh_split_of,
                                                                      tmp_path):
    """A unit's 6-month file merged with 9 tháng chosen is refused there; merged since
    with 6 tháng, it is that period's file (read as gone from 9 tháng: its unit has not
    sent). `cchc-xl withdraw --period 9T` withdrew it from 9 tháng all the same, and its
    unit then read "Tệp đã rút khỏi số liệu" in a period the file is not of. It withdraws
    nothing, says where the file is, and exits 2; withdrawn without a period, it is taken
    out of 6 tháng, the one period it is of."""
    six = hh_split_of("6T", datetime(2023, 6, 1))
    sent = fill_return(six["TP"], tmp_path / "in" / "TP-6T.xlsx",
                       {"TC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40}})
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [sent], "9T", out)
    result = merge_returns(hh_master, [sent], "6T", tmp_path / "out" / "th-6T.xlsx")
    db = result.db
    runner = CliRunner()
    refused = runner.invoke(main, ["withdraw", str(db), "--file", "TP-6T.xlsx", "--period",
                                   "9T"])
    assert refused.exit_code == 2, refused.output
    assert "Traceback" not in refused.output
    assert ("tệp 'TP-6T.xlsx' đã gộp vào kỳ 6 tháng đầu năm 2023 (kỳ của tệp) ngày "
            in refused.output), refused.output
    assert "không còn là tệp của kỳ '9T': không rút gì ở kỳ này" in refused.output
    assert "--period 6T" in refused.output
    (nine,) = load_snapshot(db, "9T").submissions
    assert nine.outcome == "moved"  # not withdrawn: still gone to its own period
    (kept,) = load_snapshot(db, "6T").submissions
    assert kept.outcome == ACCEPTED, (kept.reason, kept.problems)

    taken = runner.invoke(main, ["withdraw", str(db), "--file", "TP-6T.xlsx"])
    assert taken.exit_code == 0, taken.output
    assert [s.outcome for s in load_snapshot(db, "6T").submissions] == ["withdrawn"]
    assert [s.outcome for s in load_snapshot(db, "9T").submissions] == ["rejected"]
