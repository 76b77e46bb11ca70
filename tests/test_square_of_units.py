"""Nothing in a report or letter that grows with the square of the units (issue #11):
each of these did work for every unit once per unit, seconds at 2,000 units
(docs/performance.md, "Nothing that grows with the square of units"). Each test counts
the work and checks what is written."""

from __future__ import annotations

import pytest
import xlsxwriter
from docx.table import _Rows

from cchc_xl import official
from cchc_xl.answer import Answer
from cchc_xl.model import Master, Unit
from cchc_xl.report import tables, xlsx
from cchc_xl.report.charts import PAGE_BARS, Bar, Chart
from cchc_xl.report.grid import Cell, Grid, Row, grid_column
from cchc_xl.report.names import name_units
from cchc_xl.units import Registry
from cchc_xl.vocab import COMMUNE, LEAD

MANY = 300  # units: enough that work per pair of them outnumbers work per unit


def _communes(master: Master, count: int) -> Master:
    """The plan with ``count`` more communes (X9000...), after its own units."""
    extra = [Unit(code=f"X{9000 + n}", name=f"Xã Thử {n:04d}", kind=COMMUNE, row=900 + n)
             for n in range(count)]
    return Master(master.plan, master.units + extra, master.groups, master.periods,
                  master.areas)


def test_communes_named_but_a_few_are_found_without_comparing_every_pair(hh_master,
                                                                        monkeypatch):
    master = _communes(hh_master, MANY)
    communes = [u.code for u in master.units if u.kind == COMMUNE]
    compared = []
    real = Unit.__eq__
    monkeypatch.setattr(Unit, "__eq__", lambda a, b: compared.append(1) or real(a, b))
    said = name_units(master, communes[5:])
    assert said.startswith(f"{len(communes) - 5} xã, thị trấn (trừ ")
    # Those left out named with their kind, as the plan's units sheet names them.
    left_out = ["thị trấn Bút Sơn", "xã Hoằng Cát", "xã Hoằng Châu", "xã Hoằng Đạo",
                "xã Hoằng Đạt"]
    assert [u.name for u in master.units if u.code in communes[:5]] == [
        n[:1].upper() + n[1:] for n in left_out]
    assert said.endswith(f"(trừ {', '.join(left_out)})")
    assert len(compared) < len(communes)  # was about len(communes) ** 2 / 2


class _Code(str):
    """A unit code that counts the comparisons made with it."""

    compared: list[int] = []

    def __eq__(self, other) -> bool:
        _Code.compared.append(1)
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_note_many_units_give_is_said_once_without_comparing_every_pair(hh_master):
    master = _communes(hh_master, MANY)
    answers = [Answer("TC-01", LEAD, note="Chưa bố trí kinh phí.", unit=_Code(u.code))
               for u in master.units if u.kind == COMMUNE]
    _Code.compared.clear()
    said = tables._reasons(answers, master, several=True)
    assert said == ("Chưa bố trí kinh phí (Thị trấn Bút Sơn; Xã Hoằng Cát; Xã Hoằng Châu và "
                    f"{len(answers) - 3} đơn vị khác).")
    assert len(_Code.compared) <= 2 * len(answers)  # was about len(answers) ** 2 / 2


def test_a_long_table_in_a_word_report_does_not_list_its_rows_per_row(monkeypatch):
    asked = []
    real = _Rows.__getitem__
    monkeypatch.setattr(_Rows, "__getitem__", lambda rows, i: asked.append(1) or real(rows, i))
    columns = [grid_column(h, w) for h, w in (("TT", 5), ("Đơn vị", 40), ("Tỷ lệ", 10))]
    rows = [Row((Cell(n, "cell_int"), Cell(f"Xã Thử {n:04d}"), Cell("50%", "cell_center")))
            for n in range(1, MANY + 1)]
    doc = official.new_document()
    official.grid_table(doc, Grid("thu", "Thử", "Thử", [], columns, rows))
    (table,) = doc.tables
    assert len(table.rows) == 1 + MANY
    assert [c.text for c in table.rows[-1].cells] == [str(MANY), f"Xã Thử {MANY:04d}", "50%"]
    assert len(asked) < 10  # was one per row, each listing every row


def test_a_chart_of_many_pages_measures_each_name_once_per_size(tmp_path, monkeypatch):
    measured = []
    real = xlsx.text_width
    monkeypatch.setattr(xlsx, "text_width",
                        lambda *a, **k: measured.append(1) or real(*a, **k))
    bars = [Bar(f"Xã Thử {n:04d}", 50.0, "50,00%") for n in range(MANY)]
    bars[-1] = Bar("Xã có tên dài nhất trong danh sách các đơn vị", 100.0, "100,00%")
    workbook = xlsxwriter.Workbook(str(tmp_path / "bd.xlsx"))
    charts_sheet = workbook.add_worksheet("Số liệu")
    charts_sheet.write_column(0, 0, [b.label for b in bars])
    xlsx._write_chart(workbook, xlsx._Formats(workbook), Chart("k", "Biểu đồ", "Thử", bars),
                      "Biểu đồ", "Số liệu", 0, len(bars) - 1)
    pages = -(-MANY // PAGE_BARS)
    layouts = {str(c.plotarea["layout"]) for c in workbook.charts}
    workbook.close()
    assert len(workbook.charts) == pages
    assert len(layouts) == 1  # every page's names as wide as the longest name needs
    assert len(measured) <= 2 * 2 * MANY  # was 2 per bar per page


def test_a_cell_naming_every_commune_one_by_one_looks_up_each_run_of_names_once(
        hh_master, monkeypatch):
    """A lead cell naming 300 communes one by one ("Xã Thử 0000, Xã Thử 0001, …"): the
    cell's reader looked up every run of its names, the whole cell's included (a
    province's 166 communes: some 14,000 lookups, 17 s to read the plan). A run longer
    than any name of the plan is not looked up; every commune is still found, and a name
    the plan does not have is still said, once, as it is written."""
    master = _communes(hh_master, MANY)
    named = [u for u in master.units if u.code.startswith("X9")]
    registry, asked = Registry(master.units, master.groups), _lookups(monkeypatch)
    cell = ", ".join(u.name for u in named[:150]) + ", Xã Không Có, " + ", ".join(
        u.name for u in named[150:])
    res = registry.resolve(cell)
    assert [p.units[0] for p in res.pieces if p.units] == [u.code for u in named]
    assert [p.text for p in res.pieces if not p.units] == ["Xã Không Có"]
    # Runs of up to as many names as the plan's longest name holds separators, and a
    # few: linear in the names (5,930 here); every run, 45,451 before.
    assert len(asked) < 25 * (MANY + 1)


@pytest.mark.parametrize("unknown", [False, True], ids=["all-known", "one-unknown"])
def test_names_of_a_cell_with_no_separator_are_looked_up_a_few_times_each(
        hh_master, monkeypatch, unknown):
    """300 communes named one after another with no separator (a PDF's cell read back as
    one line; units.Registry._known_names): every commune found, or, with a name the
    plan does not have among them, the cell one unknown name, as before; looked up a few
    times a name either way (every run of names looked up never ended: a test run was
    stopped after 20 minutes in this cell)."""
    master = _communes(hh_master, MANY)
    named = [u for u in master.units if u.code.startswith("X9")]
    registry, asked = Registry(master.units, master.groups), _lookups(monkeypatch)
    cell = " ".join([u.name for u in named[:150]] + ["Xã Không Có"] * unknown
                    + [u.name for u in named[150:]])
    res = registry.resolve(cell)
    if unknown:
        assert [p.text for p in res.pieces] == [cell] and not res.units
    else:
        assert [p.units[0] for p in res.pieces] == [u.code for u in named]
    assert len(asked) < 25 * (MANY + 1)


def _lookups(monkeypatch) -> list[str]:
    """The names the registry looks up from now on, each time it looks one up."""
    asked: list[str] = []
    real = Registry._lookup_with_head
    monkeypatch.setattr(Registry, "_lookup_with_head",
                        lambda self, text, head: asked.append(text) or real(self, text, head))
    return asked
