"""The report of a plan whose tasks go to a crowd: a province's communes (Thanh Hóa has
166), as the specialist sees it in Excel and on paper.

The small plan of support/report.py gets 60 more communes in its group "UBND các xã"
(TTHC-01); each reports the task done with its evidence. A row of Excel is at most
409 points high, so a cell listing every commune's evidence shows only its first
lines; a chart of every unit on one page shows only some of their names. Another crowd,
the units of both seed plans and some long-named departments, checks that each name is
printed whole on the charts.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_xl import ledger as L
from cchc_xl import styles
from cchc_xl.model import Unit
from cchc_xl.report import write_report
from cchc_xl.report.charts import PAGE_BARS, UNIT_CHART_PREFIX, chart_pages
from cchc_xl.report.ranking import OFFICES_GROUP
from cchc_xl.report.xlsx import CHART_DATA_TITLE, PAGE_CHART_HEIGHT, PAGE_CHART_WIDTH
from cchc_xl.vocab import COMMUNE, DEPARTMENT
from support import report as small_plan
from support.report import (
    build_ledger,
    doing,
    done,
    leading_too,
    sent_too,
    table_notes,
    tiny_master,
)
from support.tools import convert_all, needs_libreoffice, needs_poppler
from support.workbooks import load_workbook

EXTRA = 60
NAMES = [f"Xã Thử Nghiệm Số {i}" for i in range(3, 3 + EXTRA)]


def _crowd(tmp_path_factory, units: list[tuple[str, str]], *, sent: bool = True,
           first: int | None = None):
    """The report of the small plan whose TTHC-01 is also led by ``units`` (name, kind),
    every one of them reporting it done (``sent``; the ``first`` of them only), or none of
    them sending anything."""
    codes = [f"X{i}" for i in range(3, 3 + len(units))][:first]
    master = leading_too(tiny_master(), [
        Unit(f"X{i}", n, k, groups=["XA"] if k == COMMUNE else [])
        for i, (n, k) in enumerate(units, 3)])
    returns = {**small_plan.RETURNS, **{
        c: {"TTHC-01": done(date(2023, 5, 10), f"Báo cáo số {i}/BC-UBND ngày 10/5/2023 về "
                                               "công khai thủ tục hành chính tại xã")}
        for i, c in enumerate(codes, 3) if sent}}
    folder = tmp_path_factory.mktemp("crowd")
    db = build_ledger(folder / L.LEDGER_NAME, master, returns=returns,
                      saved=sent_too(codes if sent else ()))
    return write_report(db, "6T", folder / "bao-cao.xlsx", html=folder / "bao-cao.html")


@pytest.fixture(scope="module")
def crowd_report(tmp_path_factory):
    return _crowd(tmp_path_factory, [(n, COMMUNE) for n in NAMES])


@pytest.fixture(scope="module")
def silent_crowd_report(tmp_path_factory):
    """A province's first quarter: most communes (the 60 more) have sent nothing yet."""
    return _crowd(tmp_path_factory, [(n, COMMUNE) for n in NAMES], sent=False)


def test_every_appendix_cell_fits_its_row(crowd_report):
    """What a cell holds can be seen: it wraps to no more lines than a row can show."""
    wb = load_workbook(crowd_report.paths[0])
    ws = wb["Thủ tục"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "TT")
    widths = {c: ws.column_dimensions[ws.cell(header, c).column_letter].width
              for c in range(1, ws.max_column + 1)}
    for row in ws.iter_rows(min_row=header + 1):
        for cell in row:
            if isinstance(cell.value, str):
                needed = styles.row_height(styles.text_lines(cell.value, widths[cell.column]))
                assert needed <= styles.MAX_ROW_HEIGHT, (cell.coordinate, cell.value[:200])
    row = next(r for r in range(header + 1, ws.max_row + 1)
               if ws.cell(r, 3).value == "Bảng công khai")
    result, evidence = ws.cell(row, 7).value, ws.cell(row, 8).value
    assert result.splitlines()[1:] == [
        "Chủ trì (62 đơn vị): 61 đã hoàn thành, 1 chưa báo cáo.",
        "Chưa hoàn thành: Xã Hai (từng đơn vị: các trang lĩnh vực của tệp tổng hợp)."]
    # Each unit's row is on the consolidated workbook's area sheets, sent or not (a QA
    # pass: the appendix pointed to 'Tất cả dòng', which holds the rows sent).
    assert evidence == ("61/62 đơn vị chủ trì ghi tài liệu kiểm chứng (từng đơn vị: các "
                        "trang lĩnh vực của tệp tổng hợp).")


def _unit_charts(path: Path) -> list[tuple[str, int, int]]:
    """The unit charts of the workbook: (title, first row, last row of their figures)."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)):
            xml = z.read(name).decode()
            head = re.search(r"<c:title>.*?</c:title>", xml, re.S).group(0)
            title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", head))
            if title.startswith(UNIT_CHART_PREFIX):
                first, last = re.search(r"<c:cat>.*?\$A\$(\d+)(?::\$A\$(\d+))?", xml,
                                        re.S).groups()  # one bar: one cell, no range
                out.append((title, int(first), int(last or first)))
    return sorted(out, key=lambda c: c[1])


def _group_bars(report) -> dict[str, list[str]]:
    """The names of each group's unit chart, in Biểu 2's order: offices, then communes;
    a unit whose report is not in and that has nothing done has no bar (Xã Hai, whose
    file was refused)."""
    groups: dict[str, list[str]] = {}
    for u in report.summary.units:
        if u.led and (u.returned or u.rate):
            groups.setdefault(u.group, []).append(u.name)
    return groups


def test_the_unit_chart_is_printed_over_pages_of_readable_bars(crowd_report):
    """Offices and communes ranked apart have a chart each; the communes' 62 bars are
    printed over three pages of at most PAGE_BARS."""
    charts = _unit_charts(crowd_report.paths[0])
    groups = _group_bars(crowd_report)
    assert list(groups) == [OFFICES_GROUP, "UBND các xã"]
    assert [len(bars) for bars in groups.values()] == [2, EXTRA + 1]  # not Xã Hai
    communes = f"{UNIT_CHART_PREFIX}: UBND các xã (%)"
    assert [c[0] for c in charts] == [f"{UNIT_CHART_PREFIX}: các cơ quan, đơn vị (%)",
                                      f"{communes} (1/3: đồng hạng 1)",
                                      f"{communes} (2/3: đồng hạng 1)",
                                      f"{communes} (3/3: đồng hạng 1)"]
    assert all(last - first + 1 <= PAGE_BARS for _, first, last in charts)
    assert charts[0][2] - charts[0][1] + 1 == 2
    # The communes' pages one after the other, every bar once.
    assert [c[1] for c in charts[2:]] == [c[2] + 1 for c in charts[1:-1]]
    assert charts[-1][2] - charts[1][1] + 1 == EXTRA + 1


def test_each_chart_page_is_titled_by_the_ranks_it_holds(tmp_path):
    """The last page of a province's communes' chart was titled "thứ 121 đến 150" (bar
    positions), its last bars communes that sent nothing, with no rank (a QA pass). A
    page's title gives the ranks of Biểu 2 its bars hold (ties share one) and counts
    its units not ranked apart: 30 communes done, 25 half done, 5 done at 6T and silent
    at 9T (drawn, "100,00% (chưa gửi)", not ranked)."""
    codes = [f"X{i}" for i in range(3, 3 + EXTRA)]
    half, silent = codes[30:55], codes[55:]
    master = leading_too(tiny_master(), [Unit(c, n, COMMUNE, groups=["XA"])
                                         for c, n in zip(codes, NAMES, strict=True)])
    returns = {**small_plan.RETURNS, **{
        c: {"TTHC-01": doing(50) if c in half else done(date(2023, 5, 10), f"Báo cáo số {c}")}
        for c in codes}}
    saved = {period: {**when, **{c: datetime(2023, 6, 10, 8) for c in codes
                                 if period == "6T" or c not in silent}}
             for period, when in small_plan.SAVED.items()}
    db = build_ledger(tmp_path / L.LEDGER_NAME, master, returns=returns, saved=saved)
    report = write_report(db, "9T", tmp_path / "bao-cao.xlsx")
    ranks = {r[1]: r[0] for r in load_workbook(report.paths[0])["Theo đơn vị"].iter_rows(
        values_only=True)}
    assert {ranks[NAMES[i]] for i in range(30)} == {1}  # and Xã Một
    assert {ranks[NAMES[i]] for i in range(30, 55)} == {32}
    assert {ranks[NAMES[i]] for i in range(55, 60)} == {None}
    communes = f"{UNIT_CHART_PREFIX}: UBND các xã (%)"
    assert [c[0] for c in _unit_charts(report.paths[0])][1:] == [
        f"{communes} (1/3: đồng hạng 1)", f"{communes} (2/3: xếp hạng 1 đến 32)",
        f"{communes} (3/3: đồng hạng 32; 5 đơn vị không xếp hạng)"]
    last = _group_bars(report)["UBND các xã"][-5:]
    assert last == NAMES[55:]
    # The last title is two lines in LibreOffice: its pages' bars a line lower, under it,
    # not under the scale it would hide (its "60").
    with zipfile.ZipFile(report.paths[0]) as z:
        tops = [float(re.search(r'<c:layoutTarget val="inner"/>.*?<c:y val="([\d.]+)"', xml,
                                re.S).group(1)) * PAGE_CHART_HEIGHT
                for xml in (z.read(n).decode() for n in z.namelist()
                            if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
                if f"{communes} (" in xml]
    assert len(tops) == 3 and min(tops) >= 72 + 22


# The units of both seed plans, and departments with some of the longest names of a
# district's registry. LibreOffice sizes a bar chart's column of names from three of them:
# the longest (in characters), unless it is one of the last two, and its neighbours, or
# else the first three; it wraps the other names to that width and, where a wrapped name
# would touch the next one, leaves out every other name. The longest name here ends the
# first page of the unit chart.
LONGEST = "Ban Quản lý dự án đầu tư xây dựng và phát triển quỹ đất huyện"
LONG_NAMES = ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Tài nguyên và Môi trường",
              "Phòng Lao động - Thương binh và Xã hội"]
# A province's departments too: offices are ranked (and charted) before communes, and
# the longest name must end the chart's first page among them.
DEPARTMENTS = ["Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Tài chính",
               "Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng", "Sở Công Thương", "Sở Y tế",
               "Sở Giáo dục và Đào tạo", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ",
               "Thanh tra tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Tư pháp"]


@pytest.fixture(scope="module")
def long_names_report(tmp_path_factory, hh_master, nh_master):
    taken = {u.name for u in tiny_master().units}
    units = [*{u.name: u.kind for m in (hh_master, nh_master) for u in m.units
               if u.name not in taken}.items(),
             *((n, DEPARTMENT) for n in LONG_NAMES + DEPARTMENTS)]
    # Ranked offices first (report/ranking.py), charted apart: the departments above (all
    # done, in registry order), then Phòng Nội vụ and Phòng Tư pháp; then the communes.
    offices = [i for i, (_, kind) in enumerate(units) if kind != COMMUNE]
    first_page = chart_pages(len(offices) + 1 + 2)[0]  # and LONGEST, Nội vụ, Tư pháp
    units.insert(offices[first_page[1] - 2] + 1, (LONGEST, DEPARTMENT))
    return _crowd(tmp_path_factory, units)


def _printed_unit_charts(report, tmp_path) -> list[str]:
    """The text of the printed pages of the unit charts, as LibreOffice prints them. The
    charts' figures sheet, which names every unit too, is not printed: hidden (a QA pass:
    printing the workbook printed it, pages of figures the tables and charts show)."""
    pdf, = convert_all([report.paths[0]], tmp_path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    assert not [p for p in pages if CHART_DATA_TITLE in p]
    return [p for p in pages if UNIT_CHART_PREFIX in p]


def _assert_every_unit_named(report, pages: list[str]) -> None:
    """Every charted unit's name on a line of its own page, whole: none left out, none
    wrapped; Xã Hai (refused, nothing done) in the line above its group's chart."""
    units = [name for bars in _group_bars(report).values() for name in bars]
    lines = [line.strip() for p in pages for line in p.splitlines()]
    labels = [re.sub(r"\s+\d+,\d\d%( \([^)]*\))?$", "", line) for line in lines]
    missing = [n for n in units if n not in labels]
    assert not missing, missing
    assert "Không vẽ đơn vị có tệp bị từ chối (0,00%): Xã Hai." in lines
    assert "Xã Hai" not in labels


def test_the_page_prints_the_long_unit_chart_in_parts_as_the_workbook_does(crowd_report):
    """The HTML page drew the 62 communes in one chart, which print squeezed into a page
    (a province's 166: names half a point high, a QA pass); it draws the workbook's
    parts, a page each, every bar once."""
    import html as html_text

    page = html_text.unescape(crowd_report.paths[1].read_text(encoding="utf-8"))
    assert crowd_report.paths[1].suffix == ".html"
    titles = re.findall(r'<text class="chart-title"[^>]*>([^<]*)</text>', page)
    communes = f"{UNIT_CHART_PREFIX}: UBND các xã (%)"
    assert [t for t in titles if t.startswith(communes)] == [
        f"{communes} (1/3: đồng hạng 1)", f"{communes} (2/3: đồng hạng 1)",
        f"{communes} (3/3: đồng hạng 1)"]
    figures = re.findall(r'<figure id="([^"]+)">(.*?)</figure>', page, re.S)
    assert len({key for key, _ in figures}) == len(figures)  # ids stay unique
    bars = [len(re.findall(r'<g class="bar">', body)) for _, body in figures]
    assert max(bars) <= PAGE_BARS
    named = "".join(body for _, body in figures)
    assert all(named.count(f">{name}<") == 1 for name in NAMES)


@needs_libreoffice
@needs_poppler
def test_every_unit_is_named_on_the_printed_charts(crowd_report, tmp_path):
    pages = _printed_unit_charts(crowd_report, tmp_path)
    assert len(pages) == 4  # the offices' chart, the communes' on three pages
    _assert_every_unit_named(crowd_report, pages)


@needs_libreoffice
@needs_poppler
def test_long_unit_names_are_all_printed_whole(long_names_report, tmp_path):
    """LibreOffice sizes the names' column from a few names only, wraps the others to it
    and drops every other name when a wrapped one would touch its neighbour: the charts
    keep each name on one line, and every name is printed, with its diacritics."""
    groups = _group_bars(long_names_report)
    offices = groups[OFFICES_GROUP]
    first_page = chart_pages(len(offices))[0]
    assert len(offices) > PAGE_BARS and offices[first_page[1] - 1] == LONGEST
    pages = _printed_unit_charts(long_names_report, tmp_path)
    assert len(pages) == sum(len(chart_pages(len(bars))) for bars in groups.values())
    _assert_every_unit_named(long_names_report, pages)


def test_the_unit_charts_give_each_name_a_line(long_names_report):
    """What the printed charts rely on, in the workbook (Excel reads it too): every name
    shown (tickLblSkip 1), unturned (rot 0), left of a plot area placed by the chart, in a
    column wider than the widest name; the same column on every page of a group's chart,
    so that bars of the same rate are as long on each."""
    groups = _group_bars(long_names_report)
    found: dict[str, list[tuple[int, float]]] = {}
    with zipfile.ZipFile(long_names_report.paths[0]) as z:
        for name in sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)):
            xml = z.read(name).decode()
            group = next((g for g in groups if f"{UNIT_CHART_PREFIX}: " in xml and (
                g.lower() in xml.lower())), None)
            if group is None:
                continue
            first = int(re.search(r"<c:cat>.*?\$A\$(\d+):", xml, re.S).group(1))
            axis = re.search(r"<c:catAx>.*?</c:catAx>", xml, re.S).group(0)
            assert '<c:tickLblSkip val="1"/>' in axis and '<a:bodyPr rot="0"' in axis
            layout = re.search(r"<c:plotArea><c:layout><c:manualLayout>"
                               r'<c:layoutTarget val="inner"/>.*?<c:x val="([\d.]+)"', xml)
            found.setdefault(group, []).append((first, float(layout.group(1))))
    assert list(found) == list(groups)
    for group, bars in groups.items():
        pages = chart_pages(len(bars))
        assert len(found[group]) == len(pages) and len({x for _, x in found[group]}) == 1
        for (start, end), (_, x) in zip(pages, sorted(found[group]), strict=True):
            widest = max(styles.text_width(n, 9) for n in bars[start:end])
            assert x * PAGE_CHART_WIDTH > widest + 10, bars[start:end]


def test_the_reminder_letter_names_a_crowd_of_silent_communes_as_the_report_does(
        tmp_path_factory):
    """60 communes that sent nothing were named one by one in the reminder letter (a
    province's 166 took a page and a half: a QA pass), where the report writes them as a
    crowd: "60 xã (trừ xã Một, xã Hai)" here."""
    from test_figures import word_text

    from cchc_xl.letters.remind import write_reminders

    codes = [f"X{i}" for i in range(3, 3 + EXTRA)]
    master = leading_too(tiny_master(), [Unit(c, n, COMMUNE, groups=["XA"])
                                         for c, n in zip(codes, NAMES, strict=True)])
    folder = tmp_path_factory.mktemp("silent")
    db = build_ledger(folder / L.LEDGER_NAME, master)
    result = write_reminders(db, "6T", folder / "don-doc.docx", today=date(2023, 6, 20))
    paragraphs, _ = word_text(result.paths[0])
    heading = next(i for i, p in enumerate(paragraphs) if p.startswith("1. Đơn vị chưa gửi"))
    assert paragraphs[heading:heading + 2] == [f"1. Đơn vị chưa gửi báo cáo ({EXTRA})",
                                               f"{EXTRA} xã (trừ xã Một, xã Hai)."]



def test_communes_left_out_of_a_crowd_are_named_with_their_kind(tmp_path_factory):
    """A province's letter read "… xã, phường (trừ Hạc Thành, Hoằng Hóa)": which was the
    ward? Those left out are named as the plan's units sheet names them, the kind in
    lower case mid-sentence, in the reminder letter and the Word report alike."""
    from test_figures import word_text

    from cchc_xl.letters.remind import write_reminders
    from cchc_xl.report.docx import write_docx

    codes = [f"X{i}" for i in range(3, 3 + EXTRA)]
    names = ["Phường Hạc Thành", "Xã Hoằng Hóa", *NAMES[2:]]
    master = leading_too(tiny_master(), [Unit(c, n, COMMUNE, groups=["XA"])
                                         for c, n in zip(codes, names, strict=True)])
    folder = tmp_path_factory.mktemp("kinds")
    sent = {c: {"TTHC-01": done(date(2023, 5, 10), "KH 1")} for c in codes[:2]}
    db = build_ledger(folder / L.LEDGER_NAME, master, returns={**small_plan.RETURNS, **sent},
                      saved=sent_too(codes[:2]))
    said = f"{EXTRA - 2} xã, phường (trừ xã Một, xã Hai, phường Hạc Thành, xã Hoằng Hóa)"
    letter = write_reminders(db, "6T", folder / "don-doc.docx", today=date(2023, 6, 20))
    paragraphs, _ = word_text(letter.paths[0])
    heading = next(i for i, p in enumerate(paragraphs) if p.startswith("1. Đơn vị chưa gửi"))
    assert paragraphs[heading + 1] == f"{said}."
    # Xã Hai's file was refused: the report counts it with those not in.
    report = write_report(db, "6T", folder / "bao-cao.xlsx")
    body = word_text(write_docx(report.summary, folder / "bao-cao.docx"))[0]
    assert [p for p in body if p.endswith(
        "Chưa gửi hoặc chưa có báo cáo hợp lệ: 59 xã, phường (trừ xã Một, phường Hạc Thành, "
        "xã Hoằng Hóa).")]
    assert not [p for p in paragraphs + body if re.search(r"(trừ|, )(Một|Hai|Hạc|Hoằng)", p)]

@needs_libreoffice
@needs_poppler
def test_units_that_sent_nothing_are_counted_above_the_chart_not_drawn(silent_crowd_report,
                                                                        tmp_path):
    """The communes' chart printed three pages of bars reading '0,00% (chưa gửi)' (a
    province's 166 communes at the first quarter: five, a QA pass). It draws the communes
    that reported, on one page; a line above it counts the others (the refused Xã Hai
    among them) as the report names a crowd, in the workbook and on the HTML page."""
    import html as html_text

    xlsx, page = silent_crowd_report.paths[:2]
    communes = f"{UNIT_CHART_PREFIX}: UBND các xã (%)"
    assert [c[0] for c in _unit_charts(xlsx)] == [
        f"{UNIT_CHART_PREFIX}: các cơ quan, đơn vị (%)", communes]
    note = "Không vẽ đơn vị chưa gửi báo cáo hoặc có tệp bị từ chối (0,00%): 61 xã (trừ xã Một)."
    ws = load_workbook(xlsx)["Biểu đồ cấp xã"]
    assert ws["A1"].value == note
    labels = [t for n in zipfile.ZipFile(xlsx).namelist() if n.startswith("xl/charts/")
              for t in re.findall(r"<a:t>([^<]*)</a:t>", zipfile.ZipFile(xlsx).read(n).decode())]
    assert not [t for t in labels if "chưa gửi" in t or "từ chối" in t]
    names = [r[0] for r in load_workbook(xlsx)["Số liệu biểu đồ"].iter_rows(values_only=True)]
    assert "Xã Một" in names and not [n for n in names if n and n.startswith(("Xã T", "Xã H"))]
    printed = _printed_unit_charts(silent_crowd_report, tmp_path)
    assert len(printed) == 2 and note in printed[1]
    text = html_text.unescape(page.read_text(encoding="utf-8"))
    assert note in text and "(chưa gửi)" not in text and "Thử Nghiệm" not in text.split(
        'id="muc-bieu-do"')[1].split("</section>")[0]


def test_the_word_report_gives_a_crowd_that_sent_nothing_one_row(silent_crowd_report,
                                                                  tmp_path):
    """Phụ lục II of a province's first quarter printed five pages of communes reading
    "0,00%", "Chưa gửi" (135 of 150, a QA pass): the 61 communes not in with nothing done
    (Xã Hai's file refused) are one row, its figures their sums, which the total row
    still adds up; the workbook's Biểu 2 keeps a row for each."""
    from docx import Document

    from cchc_xl.report.docx import write_docx

    summary = silent_crowd_report.summary
    doc = Document(write_docx(summary, tmp_path / "bao-cao.docx"))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Xếp hạng")
    rows = [[c.text for c in r.cells] for r in table.rows[2:-1]]  # the last: the notes
    names = [r[1] for r in rows]
    assert not [n for n in names if n.startswith("Xã Thử Nghiệm")]
    (folded,) = [r for r in rows if r[1] == "61 xã (trừ xã Một)"]
    silent = [u for u in summary.units if u.name.startswith("Xã T") or u.name == "Xã Hai"]
    assert len(silent) == 61
    assert folded[2:] == [str(sum(u.led for u in silent)), str(sum(u.supported for u in silent)),
                          "0", str(sum(u.overdue for u in silent)), "0,00%", "",
                          "Chưa gửi 60; Tệp bị từ chối 1"]
    total = rows[-1]
    counted = [r for r in rows[:-1] if r[2].isdigit()]
    assert int(total[2]) == sum(int(r[2]) for r in counted)
    assert int(total[3]) == sum(int(r[3]) for r in counted)
    notes = table_notes(table)
    assert any("nhóm có hơn 20 đơn vị như vậy được ghi chung một dòng" in t for t in notes)
    ws = load_workbook(silent_crowd_report.paths[0])["Theo đơn vị"]
    assert sum(1 for r in ws.iter_rows(values_only=True)
               if r[1] and str(r[1]).startswith("Xã Thử Nghiệm")) == 60


@pytest.fixture(scope="module")
def half_silent_report(tmp_path_factory):
    """Half the communes not in: 31 of 62 (the last 30 more, and Xã Hai, refused)."""
    return _crowd(tmp_path_factory, [(n, COMMUNE) for n in NAMES], first=EXTRA // 2)


def test_the_word_report_names_in_phu_luc_ii_the_crowd_its_body_counts(half_silent_report,
                                                                       tmp_path):
    """The body counts a crowd not in ("31 xã"), Phụ lục II gave it one row, also counted:
    the signed report named none of them. Now the body points to Phụ lục II, whose row
    names them (a province QA pass: "Chưa gửi …: … 54 xã, phường", and which?)."""
    from docx import Document

    from cchc_xl.report.docx import write_docx

    summary = half_silent_report.summary
    doc = Document(write_docx(summary, tmp_path / "bao-cao.docx"))
    body = [p.text.replace("\xa0", " ") for p in doc.paragraphs]
    assert any("Chưa gửi hoặc chưa có báo cáo hợp lệ: 31 xã (danh sách tại Phụ lục II)." in p
               for p in body), body
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Xếp hạng")
    (folded,) = [r.cells[1].text for r in table.rows if r.cells[1].text.startswith("31 xã")]
    silent = ["Hai"] + [n.removeprefix("Xã ") for n in NAMES[EXTRA // 2:]]
    assert folded == f"31 xã ({', '.join(silent)})", folded
