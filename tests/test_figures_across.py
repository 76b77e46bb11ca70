"""The tables and sentences the office signs, read back from each output and compared
with one another: Biểu 2, 3 and 4 in the report's workbook, its page and the Word
report's Phụ lục II-IV; the Word report's sentences against its own Phụ lục I; the
letters (remind, remind --overdue) against the report's JSON.

test_figures.py checks the headline figures of every output against a hand count;
here each figure is extracted from each file on its own (openpyxl, the page's tables,
python-docx, the mail-merge CSV) and the outputs must agree row by row. An audit of a
province-size period (47 and 60 units, late, refused, withdrawn and silent units, the
office's verdicts) ran the same comparison; this keeps it on the small plan.
"""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest
from test_figures import merged, report, run, word_text  # noqa: F401 (merged: a fixture)

from cchc_xl.text import vn_percent
from support.report import html_tables
from support.workbooks import load_workbook


def _texts(rows) -> list[list[str]]:
    return [["" if v is None else str(v) for v in r] for r in rows]


def _sheet(path, name) -> list[list[str]]:
    return _texts(load_workbook(path)[name].iter_rows(values_only=True))


def _word_tables(path) -> list[list[list[str]]]:
    """The Word report's tables, a merged cell once."""
    from docx import Document

    tables = []
    for table in Document(path).tables:
        rows = []
        for row in table.rows:
            cells = []
            for c in row.cells:
                if not cells or c._tc is not cells[-1][0]:
                    cells.append((c._tc, c.text))
            rows.append([text for _, text in cells])
        tables.append(rows)
    return tables


def _word_table(tables, *head: str) -> list[list[str]]:
    return next(t for t in tables if t and t[0][:len(head)] == list(head))


def _by_unit(rows) -> dict[str, tuple]:
    """Biểu 2's rows by unit (the "Cộng" row with them): its eight columns after the name."""
    return {r[1]: tuple(r[:1] + r[2:9]) for r in rows if len(r) >= 9 and r[2].isdigit()}


def _pending(rows) -> list[tuple]:
    """Biểu 3's rows: code, state, progress, timeliness."""
    return [(r[1], r[5], r[6], r[7]) for r in rows
            if len(r) >= 9 and r[0].isdigit() and re.match(r"[A-Z]+-\d", r[1])]


def _verify(rows) -> list[tuple]:
    """Biểu 4's rows: code, unit."""
    return [(r[1], r[3]) for r in rows if len(r) >= 7 and r[0].isdigit()]


def _numbered(rows: list[tuple], master) -> list[tuple]:
    """Rows keyed by the tool's code, keyed instead by the task's number as the plan
    prints it, as the Word report's Phụ lục III and IV show them (a product's code,
    "TTHC-02.2", by its task's)."""
    from cchc_xl.appendix import plan_numbers

    numbers = plan_numbers(master)
    return [(numbers[r[0].split(".")[0]], *r[1:]) for r in rows]


@pytest.fixture(scope="module")
def outputs(merged, tmp_path_factory):  # noqa: F811 (the fixture imported above)
    tmp = tmp_path_factory.mktemp("across")
    out = merged[2]
    docx = tmp / "bao-cao.docx"
    data, xlsx, html = report(tmp, out, "bao-cao", "--docx", docx)
    letters = {}
    for name, more in (("don-doc", ()), ("qua-han", ("--overdue",))):
        code, said = run("remind", out, "--period", "9T", "--out", tmp / f"{name}.docx",
                         "--csv", tmp / f"{name}.csv", *more)
        assert code == 0, said
        with open(tmp / f"{name}.csv", encoding="utf-8-sig") as f:
            letters[name] = list(csv.DictReader(f))
    page = html_tables(html.read_text(encoding="utf-8"))
    return data, xlsx, page, docx, letters, tmp


def test_the_table_by_unit_is_the_same_in_every_output(outputs):
    data, xlsx, page, docx, _, _ = outputs
    leads = data["leads"]

    def day(u):
        return date.fromisoformat(u["received_on"]).strftime("%d/%m/%Y") \
            if u["received_on"] else ""

    want = {u["name"]: ("" if u["rank"] is None else str(u["rank"]), str(u["led"]),
                        str(u["supported"]), str(u["done"]), str(u["late_or_overdue"]),
                        vn_percent(u["done"], u["led"]), day(u), u["return"])
            for u in data["units"]}
    sent = sum(u["returned"] for u in data["units"])
    want["Cộng (lượt đơn vị chủ trì)"] = (
        "", str(leads["tasks"]), str(sum(u["supported"] for u in data["units"])),
        str(leads["done"]), str(leads["done_late"] + leads["overdue"]),
        vn_percent(leads["done"], leads["tasks"]), "", f"Đã gửi {sent}/{len(data['units'])}")
    word = _word_table(_word_tables(docx), "Xếp hạng", "Đơn vị")  # Phụ lục II
    assert _by_unit(_sheet(xlsx, "Theo đơn vị")) == want
    assert _by_unit(page["don-vi"]) == want
    assert _by_unit(word) == want
    # The shares of the units add up to the "Cộng" row (lượt đơn vị chủ trì).
    for key in ("done", "in_progress", "not_started", "overdue", "not_reported"):
        assert sum(u[key] for u in data["units"]) == leads[key], key


def test_the_unfinished_tasks_and_the_rows_to_verify_are_the_same_in_every_output(
        outputs, merged):  # noqa: F811 (the fixture imported above)
    data, xlsx, page, docx, _, _ = outputs
    tables = _word_tables(docx)
    master = merged[0]
    pending = _pending(_sheet(xlsx, "Chưa hoàn thành"))
    assert _pending(page["chua-hoan-thanh"]) == pending
    # Phụ lục III: the same rows, each task by the plan's own number.
    word_pending = [(r[1], r[5], r[6], r[7]) for r in _word_table(
        tables, "TT", "TT trong kế hoạch", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
        "Thời gian hoàn thành", "Tình trạng") if len(r) >= 9 and r[0].isdigit()]
    assert word_pending == _numbered(pending, master)
    t = data["totals"]
    unfinished = [p for p in pending if p[1] != "Đã hoàn thành"]
    assert len(unfinished) == t["in_progress"] + t["not_started"]
    assert sum(p[3] == "Quá hạn" for p in unfinished) == t["overdue"]
    verify = [(v["task"], v["name"]) for v in data["needs_verification"]]
    assert verify and _verify(_sheet(xlsx, "Cần xác minh")) == verify
    assert _verify(page["can-xac-minh"]) == verify
    assert _verify(_word_table(tables, "TT", "TT trong kế hoạch", "Nội dung nhiệm vụ",
                               "Đơn vị chủ trì", "Trạng thái đơn vị ghi")
                   ) == _numbered(verify, master)  # Phụ lục IV


def _said(paragraph: str) -> dict[str, object]:
    """The figures of a Word report's sentence on an area ("Được giao 4 nhiệm vụ: …")."""
    def number(pattern):
        found = re.search(pattern, paragraph)
        return int(found[1]) if found else 0

    done = re.search(r"đã hoàn thành (\d+) nhiệm vụ \(([^)]*)\)", paragraph)
    parts = done[2] if done else ""  # "đúng hạn 2, quá hạn 1; trong đó …"
    rate = re.search(r"đạt ([\d,]+%)", paragraph)
    return {"tasks": number(r"Được giao (\d+)"),
            "done": int(done[1]) if done else 0,
            "done_on_time": int(m[1]) if (m := re.search(r"đúng hạn (\d+)", parts)) else 0,
            "done_late": int(m[1]) if (m := re.search(r"quá hạn (\d+)", parts)) else 0,
            "in_progress": number(r"đang thực hiện (\d+)"),
            "not_started": number(r"chưa thực hiện (\d+)"),
            "overdue": number(r"(\d+) nhiệm vụ chưa hoàn thành đã quá hạn"),
            "rate": rate[1] if rate else "0,00%"}


def test_the_word_report_s_sentences_say_what_its_tables_show(outputs):
    data, _, _, docx, _, _ = outputs
    paragraphs, _ = word_text(docx)
    grid = _word_table(_word_tables(docx), "TT", "Lĩnh vực")  # Phụ lục I
    columns = ("tasks", "done", "done_on_time", "done_late", "in_progress", "not_started",
               "overdue")
    table = {r[1]: dict(zip(columns, map(int, r[2:9]), strict=True)) | {"rate": r[12]}
             for r in grid if len(r) > 12 and r[2].isdigit()}
    titles = [a["title"] for a in data["areas"]]
    said = {title: _said(paragraphs[paragraphs.index(f"{n}. {title}") + 1])
            for n, title in enumerate(titles, 1)}
    assert said == {title: table[title] for title in titles}
    total = table["Tổng cộng"]
    (headline,) = [p for p in paragraphs if re.match(r"Đến ngày [\d/]+, đã hoàn thành", p)]
    assert f"đã hoàn thành {total['done']}/{total['tasks']} nhiệm vụ, đạt {total['rate']}" \
        in headline
    (ahead,) = [p for p in paragraphs if p.startswith("Tiếp tục chỉ đạo thực hiện")]
    assert ahead.startswith(f"Tiếp tục chỉ đạo thực hiện {total['tasks'] - total['done']} "
                            f"nhiệm vụ chưa hoàn thành, ưu tiên {total['overdue']} nhiệm vụ")


def test_the_letters_name_the_units_the_report_counts(outputs):
    data, _, _, _, letters, _ = outputs
    units = {u["code"]: u for u in data["units"]}
    # remind --overdue: each unit with its unfinished overdue shares, as Biểu 2 counts them.
    assert {r["Mã đơn vị"]: int(r["Số nhiệm vụ quá hạn"]) for r in letters["qua-han"]} == {
        code: u["overdue"] for code, u in units.items() if u["overdue"]}
    # remind: the units late by as many days, those whose report is not in.
    late = {r["Mã đơn vị"]: r["Tình trạng"].split(";")[0] for r in letters["don-doc"]
            if r["Tình trạng"].startswith("Gửi muộn")}  # "Gửi muộn 2 ngày; 1 nội dung cần sửa"
    assert late == {code: f"Gửi muộn {u['days_late']} ngày" for code, u in units.items()
                    if u["returned"] and u["days_late"]}
    assert sorted(data["missing_units"]) == sorted(
        code for code, u in units.items() if not u["returned"])
    assert set(data["missing_units"]) <= {r["Mã đơn vị"] for r in letters["don-doc"]}
