"""A merge reads back the office's verdicts typed into the consolidated workbook at
--out as `cchc-xl assess` does: properties from their own part, verdicts through the
fast reader (cchc_xl.fast.reader), openpyxl reading any file they do not recognise
(docs/fast-paths.md). Both readers record the same verdicts and leave the ledger the
same, on rows the office judged and rows showing an earlier period's verdict again
("|kỳ trước"); a workbook of another period records nothing through either."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime

import pytest
from test_figures import EVIDENCE, _assess, done

from cchc_xl import assessment as A
from cchc_xl.assignment import COL_EVIDENCE, COL_STATUS
from cchc_xl.consolidated import link as L
from cchc_xl.fast import reader as fast_reader
from cchc_xl.ledger import Ledger
from cchc_xl.ledger.assessments import assessments
from cchc_xl.merge import merge_returns
from cchc_xl.vocab import IN_PROGRESS
from make_sample_returns import fill_return
from support.counting import _Office

NOW = datetime(2023, 9, 20, 9)


@pytest.fixture
def office(tmp_path) -> _Office:
    """Q1: NV's TC-01 judged "Chưa đạt"; 6T: the same answer sent again (its verdict
    shown again) and TC-03 in progress, then judged in the 6T workbook, not yet read."""
    o = _Office(tmp_path)
    answer = {**done(date(2023, 3, 10)), COL_EVIDENCE: "Báo cáo số 1/BC-NV ngày 10/3/2023"}
    o.send("Q1", {"NV": {"TC-01": answer}})
    o.judge("Q1", "NV", "TC-01", "Chưa đạt: chưa đăng trên cổng thông tin")
    six = o.send("6T", {"NV": {"TC-01": answer,
                               "TC-03": {COL_STATUS: IN_PROGRESS, COL_EVIDENCE: EVIDENCE}}})
    _assess(six, "NV", "TC-03", "Đạt", six)
    return o


def _openpyxl_only(monkeypatch) -> None:
    """Every fast read of a consolidated workbook given up on: openpyxl reads it all."""
    def unrecognised(*args, **kwargs):
        raise fast_reader.Unrecognised("test")

    monkeypatch.setattr(L, "custom_properties", unrecognised)
    monkeypatch.setattr(A, "FastWorkbook", unrecognised)


def _read_back(office, workbook, period, db_copy):
    """What read_back_assessments records from ``workbook`` into a fresh copy of the
    ledger, and the ledger's whole content afterwards."""
    shutil.copy(office.db, db_copy)
    with Ledger(db_copy) as ledger:
        changes = L.read_back_assessments(ledger, workbook, office.master.plan.key, period,
                                          NOW)
    with closing(sqlite3.connect(db_copy)) as con:
        return changes, list(con.iterdump())


def test_merge_reads_back_the_verdicts_as_openpyxl_does(office, tmp_path, monkeypatch):
    six = office.out / "6T.xlsx"
    marked = set()
    with closing(fast_reader.FastWorkbook(six)) as wb:  # the fast reader takes the file
        found = A.assessments_in(wb, six, marked)
    assert marked == {("NV", "TC-01")} and found[("NV", "TC-03")].text == "Đạt"
    assert fast_reader.custom_properties(six)
    fast = _both_workbooks(office, tmp_path / "fast")
    _openpyxl_only(monkeypatch)
    slow = _both_workbooks(office, tmp_path / "slow")
    assert fast == slow
    props, (changes, _) = fast["6T"]
    assert props[L.LEDGER_PERIOD_PROPERTY] == "6T"
    assert changes[("NV", "TC-03")].text == "Đạt"
    # The first quarter's workbook names another period: nothing read from it, the
    # ledger left as it was.
    props, (changes, dump) = fast["Q1"]
    assert props[L.LEDGER_PERIOD_PROPERTY] == "Q1" and changes == {}
    with closing(sqlite3.connect(office.db)) as con:
        assert dump == list(con.iterdump())


def _both_workbooks(office, folder):
    """Each period's workbook's properties, and what reading it back into 6T records."""
    folder.mkdir()
    return {code: (L.workbook_properties(office.out / f"{code}.xlsx"),
                   _read_back(office, office.out / f"{code}.xlsx", "6T", folder / "db"))
            for code in ("6T", "Q1")}

def test_a_late_merge_keeps_the_verdicts_typed_without_openpyxl_opening_the_workbook(
        office, tmp_path, monkeypatch):
    """A late file merged into 6T after the office typed "Đạt": the verdict is recorded
    and shown in the workbook written again; the consolidated workbook is read by the
    fast reader only (openpyxl's load of it took most of a late merge's time)."""
    def refused(path, **kwargs):
        raise AssertionError(f"openpyxl opened {path}")

    monkeypatch.setattr(L, "open_workbook", refused)
    monkeypatch.setattr(A, "open_workbook", refused)
    issued = next((tmp_path / "giao-6T").glob("TP-*.xlsx"))
    fill_return(issued, tmp_path / "6T" / "TP.xlsx",
                {"TC-02": {COL_STATUS: IN_PROGRESS, COL_EVIDENCE: EVIDENCE}})
    six = office.out / "6T.xlsx"
    merge_returns(office.master, [tmp_path / "6T"], "6T", six,
                  received=date(2023, 6, 18))
    with Ledger(office.db, create=False) as ledger:
        recorded = assessments(ledger, office.master.plan.key, "6T")
    assert recorded[("NV", "TC-03")][0].text == "Đạt"
    monkeypatch.undo()
    marked = set()
    again = A.read_assessments(six, marked)
    assert again[("NV", "TC-03")].text == "Đạt"
    assert ("TP", "TC-02") in again and marked == {("NV", "TC-01")}


def test_a_properties_part_unzipping_to_gigabytes_is_not_read(tmp_path, monkeypatch):
    """The properties are read from their own part: a "consolidated workbook" whose
    docProps/custom.xml unzips to 300 MB (given to report, or left at merge's --out) is
    refused by its zip directory before either reader opens it, as every workbook cchc-xl
    reads is (bounds.check_package)."""
    import zipfile

    bomb = tmp_path / "tong-hop.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("docProps/custom.xml", "w") as part:
            part.write(b"<Properties>")
            block = b" " * (1 << 20)
            for _ in range(300):
                part.write(block)
            part.write(b"</Properties>")
    assert bomb.stat().st_size < 2 << 20
    read: list[str] = []
    monkeypatch.setattr(fast_reader.zipfile.ZipFile, "read",
                        lambda self, name, pwd=None: read.append(name) or b"")
    assert L.workbook_properties(bomb) == {}
    assert read == []  # nothing unzipped
