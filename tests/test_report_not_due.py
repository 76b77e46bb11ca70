"""A unit with nothing due yet in the period (every task it leads is due after the
cut-off, none done) is not shown at "0,00%" and ranked among the units that did nothing:
its rate reads "Chưa đến hạn", it has no rank and follows the ranked units of its group,
in the workbook's Biểu 2, the page and the Word report's Phụ lục II alike; its tasks stay
in the totals (docs/counting.md, "Units")."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from docx import Document

from cchc_xl.model import Task, Unit
from cchc_xl.report import write_report
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DEPARTMENT
from support import report as small_plan
from support.report import UNIT_SHEET, build_ledger, html_tables, table, tiny_master

VH = "Phòng Văn hóa và Thông tin"


def _master(deadline: str):
    """The small plan, and an office leading one task, due ``deadline``."""
    master = tiny_master()
    master.units.insert(2, Unit("VH", VH, DEPARTMENT))
    master.areas[0].tasks.append(Task("TC-05", "5", "Tuyên truyền cải cách hành chính", [
        small_plan._d("TC-05", "Báo cáo tuyên truyền", deadline, ["VH"], VH)]))
    return master


@pytest.fixture
def returns(monkeypatch):
    """The office VH sent its file on time in each period, its task "Chưa thực hiện"."""
    monkeypatch.setitem(small_plan.RETURNS, "VH", {"TC-05": small_plan.waiting()})
    for period, saved in small_plan.SAVED.items():
        monkeypatch.setitem(saved, "VH", datetime(2023, 6 if period == "6T" else 9, 12, 8))


def test_a_unit_with_nothing_due_reads_not_due_unranked_in_every_output(tmp_path, returns):
    db = build_ledger(tmp_path / "so-cai.sqlite", _master("Quý IV/2023"))
    out = tmp_path / "out"
    out.mkdir()
    result = write_report(db, "6T", out / "bao-cao.xlsx", html=out / "bao-cao.html",
                          docx=out / "bao-cao.docx")
    offices = [
        ("Các cơ quan, đơn vị", *(None,) * 8),
        (1, "Phòng Nội vụ", 3, 0, 1, 0, "33,33%", "19/06/2023", "Đúng hạn"),
        # At 0,00% with no overdue task, it was ranked 2, above Phòng Tư pháp.
        (2, "Phòng Tư pháp", 2, 1, 0, 1, "0,00%", "25/06/2023", "Muộn 5 ngày"),
        (None, VH, 1, 0, 0, 0, "Chưa đến hạn", "12/06/2023", "Đúng hạn"),
    ]
    rows = table(out / "bao-cao.xlsx", UNIT_SHEET)
    assert rows[:4] == offices
    # Its task stays counted: 1 + 2 + 1 + 1 + 2 shares, 2 done (22,22%, not 2/8).
    assert rows[-1] == (None, "Cộng (lượt đơn vị chủ trì)", 9, 2, 2, 3, "22,22%", None,
                        "Đã gửi 4/5")

    def texts(row):
        return ["" if v is None else str(v) for v in row]

    page = html_tables((out / "bao-cao.html").read_text(encoding="utf-8"))["don-vi"]
    assert [r for r in page if r[1:2] == [VH]] == [texts(offices[3])]
    word = [[c.text for c in r.cells] for t in Document(out / "bao-cao.docx").tables
            for r in t.rows]
    assert [r for r in word if r[1:2] == [VH]] == [texts(offices[3])]
    # Each says why, under the table; the notes sheet states the rule.
    assert any("chưa đến hạn tại ngày chốt số liệu (14/06/2023)" in r[0]
               and "ghi “Chưa đến hạn”" in r[0] for r in word if r and r[0])
    assert any("ghi “Chưa đến hạn”" in " ".join(r) for r in page)
    unit = next(u for u in json.loads(json.dumps(result.summary.as_dict()))["units"]
                if u["code"] == "VH")
    assert (unit["rank"], unit["not_due"], unit["done"], unit["tasks"]) == (None, True, 0, 1)


@pytest.mark.parametrize(("deadline", "period", "rate", "rank"), [
    ("Quý IV/2023", "9T", "Chưa đến hạn", None),  # due 31/12, cut off 14/09
    ("Tháng 6/2023", "6T", "Chưa đến hạn", None),  # due 30/06, cut off 14/06
    ("Tháng 6/2023", "9T", "0,00%", 2),  # due and not done: ranked at 0%
    ("Tháng 6/2023 và tháng 12/2023", "9T", "0,00%", 2),  # June's part was due
    ("Thường xuyên", "6T", "0,00%", 2),  # recurring work is due in every period
])
def test_what_counts_as_due(tmp_path, returns, deadline, period, rate, rank):
    db = build_ledger(tmp_path / "so-cai.sqlite", _master(deadline))
    unit = next(u for u in summarize(load_snapshot(db, period)).units if u.code == "VH")
    assert (unit.rate_text, unit.rank) == (rate, rank)


def test_a_unit_that_finished_early_keeps_its_rate_and_rank(tmp_path, returns, monkeypatch):
    """Nothing due, but done: its rate is what it did, and it is ranked by it."""
    monkeypatch.setitem(small_plan.RETURNS, "VH", {
        "TC-05": small_plan.done(datetime(2023, 6, 1).date(), "15/BC-VHTT")})
    db = build_ledger(tmp_path / "so-cai.sqlite", _master("Quý IV/2023"))
    units = summarize(load_snapshot(db, "6T")).units
    assert [(u.code, u.rank, u.rate_text) for u in units[:3]] == [
        ("VH", 1, "100,00%"), ("NV", 2, "33,33%"), ("TP", 3, "0,00%")]


def test_a_crowd_of_silent_units_reads_the_rate_of_those_with_work_due(
        tmp_path, returns, monkeypatch):
    """The Word report's one row for units that sent nothing (ranking.silent_units): VH,
    not due, comes first among them, but the row speaks for Phòng Tư pháp too, whose work
    was due: "0,00%", not "Chưa đến hạn"."""
    from cchc_xl.report.tables import summary_grids

    monkeypatch.delitem(small_plan.SAVED["6T"], "VH")
    monkeypatch.delitem(small_plan.SAVED["6T"], "TP")
    db = build_ledger(tmp_path / "so-cai.sqlite", _master("Quý IV/2023"))
    summary = summarize(load_snapshot(db, "6T"))
    assert [u.code for u in summary.units[:3]] == ["NV", "VH", "TP"]
    units = next(g for g in summary_grids(summary, fold=1) if g.key == "don-vi")
    crowd = [[c.value if c else None for c in r.cells] for r in units.rows if r.cells][1]
    assert crowd[1:] == [f"Phòng Tư pháp; {VH}", 3, 1, 0, 1, "0,00%", None, "Chưa gửi"]


def test_the_chart_note_gives_no_rate_for_a_unit_not_due_it_leaves_out(
        tmp_path, returns, monkeypatch):
    """A unit that sent nothing, with nothing done, has no bar; the line saying so gave
    "(0,00%)", the rate its bar would read: not one with nothing due yet."""
    from cchc_xl.report.charts import charts

    monkeypatch.delitem(small_plan.SAVED["6T"], "VH")
    db = build_ledger(tmp_path / "so-cai.sqlite", _master("Quý IV/2023"))
    notes = [c.note for c in charts(summarize(load_snapshot(db, "6T"))) if c.note]
    assert notes == [f"Không vẽ đơn vị chưa gửi báo cáo: {VH}.",
                     "Không vẽ đơn vị có tệp bị từ chối (0,00%): Xã Hai."]
