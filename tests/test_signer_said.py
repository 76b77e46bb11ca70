"""Who signs the Word report and the reminder made on the command line after "Người ký
báo cáo" was changed in the plan table (in Excel) and no merge has run since: `report
LEDGER --docx` signed with the signer the last merge was given, and said nothing (a QA
pass). The plan table given in the ledger's place signs them, as `remind` takes it; made
without it, the command says on stderr who signs and where that came from."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_plan_amended import _doing, _fill, write_plan
from test_plan_amended_kept import _signature, _signed_by

from cchc_xl.cli import main
from support.clock import set_clock

TITLE = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
SAID = ("Người ký: Nguyễn Văn An (theo bảng kế hoạch lần gộp cuối, ngày 13/03/2026); người "
        "ký đã sửa trong bảng kế hoạch sau đó thì chạy lại lệnh, ghi tệp bảng kế hoạch thay "
        "cho {source}.")


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.fixture
def signer_changed(tmp_path: Path, monkeypatch) -> Path:
    """Quý I merged (13/03/2026) with Nguyễn Văn An as signer; then Trần Thị Bình typed
    in the plan table as the new signer, no merge since."""
    plan = write_plan(tmp_path / "kh.xlsx")
    _signed_by(plan, "Nguyễn Văn An", TITLE)
    set_clock(monkeypatch, date(2026, 3, 13))
    _run("split", plan, "--period", "Q1", "--out", tmp_path / "giao-q1")
    _fill(tmp_path / "giao-q1", tmp_path / "nhan-q1", {("VP", "TC-01"): _doing(20)},
          datetime(2026, 3, 12, 9))
    _run("merge", plan, tmp_path / "nhan-q1", "--period", "Q1", "--out",
         tmp_path / "th-q1.xlsx", "--received", "13/03/2026")
    _signed_by(plan, "Trần Thị Bình", TITLE)
    set_clock(monkeypatch, date(2026, 3, 20))
    return tmp_path


def test_the_report_from_the_ledger_says_whose_signer_it_took(signer_changed: Path):
    folder = signer_changed
    ledger = folder / "cchc-ledger.sqlite"
    made = _run("report", ledger, "--period", "Q1", "--out", folder / "bc.xlsx", "--docx",
                folder / "bc.docx")
    assert _signature(folder / "bc.docx").endswith("Nguyễn Văn An")
    assert SAID.format(source=ledger.name) in made.stderr.splitlines(), made.stderr
    # No Word report: no signer to say.
    made = _run("report", ledger, "--period", "Q1", "--out", folder / "bc2.xlsx")
    assert "Người ký" not in made.stderr


def test_the_plan_table_given_signs_the_report_with_its_signer(signer_changed: Path):
    folder = signer_changed
    made = _run("report", folder / "kh.xlsx", "--period", "Q1", "--out", folder / "bc.xlsx",
                "--docx", folder / "bc.docx")
    signature = _signature(folder / "bc.docx")
    assert signature.endswith("Trần Thị Bình") and "PHÓ CHỦ TỊCH" in signature, signature
    assert "Người ký" not in made.stderr, made.stderr


def test_the_reminder_says_whose_signer_it_took_unless_given_the_plan_table(
        signer_changed: Path):
    folder = signer_changed
    made = _run("remind", folder / "th-q1.xlsx", "--out", folder / "dd.docx")
    assert SAID.format(source="th-q1.xlsx") in made.stderr.splitlines(), made.stderr
    assert _signature(folder / "dd.docx").endswith("Nguyễn Văn An")
    made = _run("remind", folder / "kh.xlsx", "--period", "Q1", "--out", folder / "dd2.docx")
    assert "Người ký" not in made.stderr, made.stderr
    assert _signature(folder / "dd2.docx").endswith("Trần Thị Bình")
