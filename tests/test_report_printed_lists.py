"""Phụ lục III of the Word report at a province's scale: the units behind on a task (its
"Đơn vị chủ trì" cell) and the units giving each reason are listed shorter than in the
workbook's Biểu 3, so that a task of 160 communes is not a row of half a page.

The small plan of support/report.py gets 8 more communes leading TTHC-01, all of them
still at work on it with the same note; with the plan's Xã Hai (its file rejected), 9 of
its 10 leads are behind.
"""

from __future__ import annotations

import pytest
from docx import Document

from cchc_xl import ledger as L
from cchc_xl.model import Unit
from cchc_xl.report import write_report
from cchc_xl.vocab import COMMUNE
from support import report as small_plan
from support.report import build_ledger, doing, leading_too, sent_too, table, tiny_master

CODES = [f"X{i}" for i in range(3, 11)]
NAMES = {c: f"Xã Thử Nghiệm {c}" for c in CODES}
NOTE = "Chờ kinh phí số hóa"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    master = leading_too(tiny_master(), [Unit(c, NAMES[c], COMMUNE, groups=["XA"])
                                          for c in CODES])
    returns = {**small_plan.RETURNS, **{c: {"TTHC-01": doing(30, NOTE)} for c in CODES}}
    folder = tmp_path_factory.mktemp("printed-lists")
    db = build_ledger(folder / L.LEDGER_NAME, master, returns=returns, saved=sent_too(CODES))
    write_report(db, "6T", folder / "bao-cao.xlsx", docx=folder / "bao-cao.docx")
    return folder


def _word_row(folder, number: str) -> list[str]:
    """The cells of Phụ lục III's row of the task numbered ``number`` in the plan."""
    doc = Document(folder / "bao-cao.docx")
    pending = next(t for t in doc.tables if any(c.text.startswith("Lý do")
                                                for c in t.rows[0].cells))
    return next([c.text for c in r.cells] for r in pending.rows if r.cells[1].text == number)


def test_the_word_appendix_names_two_units_behind_and_counts_the_rest(report):
    row = _word_row(report, "1 (Phụ lục số 02)")
    assert row[3] == ("UBND các xã\nChưa hoàn thành (9/10 đơn vị): Xã Hai; "
                      "Xã Thử Nghiệm X3 và 7 đơn vị khác")
    assert row[-1] == f"{NOTE} (Xã Thử Nghiệm X3; Xã Thử Nghiệm X4 và 6 đơn vị khác)"


def test_the_workbook_keeps_three_names(report):
    row = next(r for r in table(report / "bao-cao.xlsx", "Chưa hoàn thành")
               if r[1] == "TTHC-01")
    assert row[3] == ("UBND các xã\nChưa hoàn thành (9/10 đơn vị): Xã Hai; "
                      "Xã Thử Nghiệm X3; Xã Thử Nghiệm X4 và 6 đơn vị khác")
    assert row[-1] == (f"{NOTE} (Xã Thử Nghiệm X3; Xã Thử Nghiệm X4; Xã Thử Nghiệm X5 "
                       "và 5 đơn vị khác)")


@pytest.fixture(scope="module")
def named_one_by_one(tmp_path_factory):
    """The same plan, its TTHC-01 given to its communes by name, as a province's plan
    writes a task of 40 communes: "Xã Một, Xã Hai, Xã Thử Nghiệm X3, …"."""
    master = leading_too(tiny_master(), [Unit(c, NAMES[c], COMMUNE, groups=["XA"])
                                          for c in CODES])
    master.units.append(Unit("X11", "Xã Không Giao", COMMUNE, groups=["XA"]))
    product = next(d for d in master.deliverables() if d.id == "TTHC-01")
    product.lead_text = ", ".join(u.name for u in master.units if u.code in product.lead)
    returns = {**small_plan.RETURNS, **{c: {"TTHC-01": doing(30, NOTE)} for c in CODES}}
    folder = tmp_path_factory.mktemp("named-one-by-one")
    db = build_ledger(folder / L.LEDGER_NAME, master, returns=returns, saved=sent_too(CODES))
    write_report(db, "6T", folder / "bao-cao.xlsx", docx=folder / "bao-cao.docx")
    return folder


def test_communes_the_plan_names_one_by_one_are_counted(named_one_by_one):
    """Ten communes named in the plan's cell: counted in Phụ lục III and Biểu 3, not
    their ten names printed over the lines of the row before the nine behind it."""
    row = _word_row(named_one_by_one, "1 (Phụ lục số 02)")
    assert row[3] == ("10 xã (trừ xã Không Giao)\nChưa hoàn thành (9/10 đơn vị): Xã Hai; "
                      "Xã Thử Nghiệm X3 và 7 đơn vị khác")
    row = next(r for r in table(named_one_by_one / "bao-cao.xlsx", "Chưa hoàn thành")
               if r[1] == "TTHC-01")
    assert row[3].startswith("10 xã (trừ xã Không Giao)\nChưa hoàn thành (9/10 đơn vị): ")


def test_leads_all_behind_are_not_named_again_under_the_plan_s_words(tmp_path):
    """Every lead of TTHC-01 still at work (Xã Một too): the cell says "cả 10 đơn vị",
    not the ten names again under "UBND các xã" (a QA pass: "Sở Công Thương; Sở Nông
    nghiệp và Môi trường" over "Chưa hoàn thành (2/2 đơn vị): Sở Nông nghiệp và Môi
    trường; Sở Công Thương")."""
    master = leading_too(tiny_master(), [Unit(c, NAMES[c], COMMUNE, groups=["XA"])
                                          for c in CODES])
    returns = {**small_plan.RETURNS, **{c: {"TTHC-01": doing(30, NOTE)} for c in CODES}}
    returns["X1"] = {**returns["X1"], "TTHC-01": doing(80)}
    db = build_ledger(tmp_path / L.LEDGER_NAME, master, returns=returns, saved=sent_too(CODES))
    write_report(db, "6T", tmp_path / "bao-cao.xlsx", docx=tmp_path / "bao-cao.docx")
    assert _word_row(tmp_path, "1 (Phụ lục số 02)")[3] == (
        "UBND các xã\nChưa hoàn thành: cả 10 đơn vị")
    row = next(r for r in table(tmp_path / "bao-cao.xlsx", "Chưa hoàn thành")
               if r[1] == "TTHC-01")
    assert row[3] == "UBND các xã\nChưa hoàn thành: cả 10 đơn vị"
