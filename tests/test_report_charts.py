"""The period report's charts: by area, by unit (offices and communes charted apart,
as Biểu 2 ranks them), the units left out named above their bars, Vietnamese
numbers in their labels.
"""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

from cchc_xl.report.charts import UNIT_CHART_PREFIX, UNIT_CHART_TITLE, charts
from support.report import UNIT_SHEET, table
from support.workbooks import load_workbook  # merged ranges' borders not drawn


def _chart_labels(xlsx: Path) -> list[str]:
    with zipfile.ZipFile(xlsx) as z:
        return [t for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
                for t in re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode())]


def test_the_unit_chart_names_whose_report_is_not_in_above_its_bars(hh_report, report_6t):
    """A unit that sent nothing, or whose file was refused, and has nothing done has no
    bar (pages of '0,00% (chưa gửi)', a QA pass): the line above its group's chart names
    it. One whose report is not in but has work done keeps its bar, and says so."""
    xlsx, page, _ = hh_report
    sent = [u[8] for u in table(xlsx, UNIT_SHEET)[:-1]]
    assert sent.count("Chưa gửi") == 5 and "Tệp bị từ chối" not in sent
    assert not [t for t in _chart_labels(xlsx) if "% (" in t]
    wb = load_workbook(xlsx)
    assert wb["Biểu đồ cơ quan"]["A1"].value == (
        "Không vẽ đơn vị chưa gửi báo cáo (0,00%): Thanh tra huyện.")
    assert wb["Biểu đồ cấp xã"]["A1"].value == (
        "Không vẽ đơn vị chưa gửi báo cáo (0,00%): 4 xã, thị trấn (Hoằng Đồng, Hoằng Lưu, "
        "Hoằng Sơn, Hoằng Trạch).")
    text = page.read_text(encoding="utf-8")
    assert "(chưa gửi)" not in text and "(0,00%): Thanh tra huyện." in text
    assert wb["Biểu đồ lĩnh vực"]["A1"].value is None  # no note where no unit is left out
    refused = [u for u in report_6t.summary.units if u.return_status == "Tệp bị từ chối"]
    assert [u.code for u in refused] == ["X2"] and refused[0].led
    assert load_workbook(report_6t.paths[0])["Biểu đồ cấp xã"]["A1"].value == (
        "Không vẽ đơn vị có tệp bị từ chối (0,00%): Xã Hai.")
    summary = copy.deepcopy(report_6t.summary)
    x2 = next(u for u in summary.units if u.code == "X2")
    x2.counts.done = x2.counts.tasks  # done in an earlier period, say
    bars = charts(summary)[2].bars
    assert [(b.label, b.text) for b in bars][-1] == ("Xã Hai", "100,00% (tệp bị từ chối)")
    assert charts(summary)[2].note == ""


def test_offices_and_communes_ranked_apart_are_charted_apart(report_6t):
    """Biểu 2 ranks the offices and the communes each from 1: each group has its chart,
    in the table's order, so that no page of bars mixes the two."""
    unit_charts = charts(report_6t.summary)[1:]
    assert [(c.key, c.sheet, c.title, [b.label for b in c.bars]) for c in unit_charts] == [
        ("bieu-do-co-quan", "Biểu đồ cơ quan",
         f"{UNIT_CHART_PREFIX}: các cơ quan, đơn vị (%)", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("bieu-do-cap-xa", "Biểu đồ cấp xã", f"{UNIT_CHART_PREFIX}: UBND các xã (%)",
         ["Xã Một"])]  # Xã Hai's file was refused: named in the chart's note
    labels = _chart_labels(report_6t.paths[0])
    assert f"{UNIT_CHART_PREFIX}: UBND các xã (%)" in labels


def test_units_of_one_kind_have_one_chart(report_6t):
    """A plan whose units are of one kind (a commune's, for its own offices) ranks them
    in one list (no group: report/ranking.py) and charts them in one chart, the unit
    left out named above it."""
    summary = copy.deepcopy(report_6t.summary)
    for u in summary.units:
        u.group = ""
    unit_charts = charts(summary)[1:]
    assert [(c.key, c.sheet, c.title) for c in unit_charts] == [
        ("bieu-do-don-vi", "Biểu đồ đơn vị", UNIT_CHART_TITLE)]
    assert [b.label for b in unit_charts[0].bars] == [
        u.name for u in summary.units if u.led and u.code != "X2"]
    assert unit_charts[0].note == "Không vẽ đơn vị có tệp bị từ chối (0,00%): Xã Hai."
    for u in summary.units:  # everybody sent: every bar, no note
        u.return_status = "Đúng hạn"
    assert [b.label for b in charts(summary)[1].bars] == [u.name for u in summary.units
                                                           if u.led]
    assert charts(summary)[1].note == ""


def test_chart_labels_use_the_decimal_comma(report_6t):
    import zipfile

    with zipfile.ZipFile(report_6t.paths[0]) as z:
        xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    labels = re.findall(r"<a:t>([^<]*)</a:t>", xml)
    assert "25,00%" in labels and "0,00%" in labels  # by area, as the tables write them
    assert 'formatCode="0.00"' not in xml
