"""One set of figures everywhere: console, consolidated workbook, report xlsx, HTML, Word,
JSON.

A small plan (8 tasks, 4 units) is split, filled as units would, and merged through
the CLI. The expected figures below are counted BY HAND from the answers typed into
the files (see the comments), never by the code under test; every output must show
exactly those numbers under the same labels.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from cchc_xl import assignment as A
from cchc_xl.cli import main
from cchc_xl.deadlines import parse_deadline
from cchc_xl.model import Area, Deliverable, Group, Master, Plan, Task, Unit
from cchc_xl.periods import default_periods
from cchc_xl.split import split_master
from cchc_xl.vocab import COMMUNE, DEPARTMENT, DONE, IN_PROGRESS, NOT_STARTED
from make_sample_returns import fill_return
from support.report import html_tables
from support.workbooks import (
    load_workbook,  # merged ranges' borders not drawn
    type_assessments,
)

EVIDENCE = "Kế hoạch số 12/KH-UBND ngày 05/01/2023"


NAMES = {"NV": "Phòng Nội vụ", "TP": "Phòng Tư pháp", "X1": "Xã Một", "X2": "Xã Hai"}


def _d(did: str, deadline: str, lead: list[str]) -> Deliverable:
    return Deliverable(id=did, product=f"Sản phẩm {did}", deadline=parse_deadline(deadline, 2023),
                       lead_text=", ".join(NAMES[c] for c in lead), lead=list(lead))


def figures_master() -> Master:
    units = [Unit("NV", "Phòng Nội vụ", DEPARTMENT), Unit("TP", "Phòng Tư pháp", DEPARTMENT),
             Unit("X1", "Xã Một", COMMUNE, groups=["XA"]),
             Unit("X2", "Xã Hai", COMMUNE, groups=["XA"])]
    tc = Area("TC", "Cải cách thể chế", "Thể chế", "Phụ lục 01", tasks=[
        Task("TC-01", "1", "Rà soát văn bản", [_d("TC-01", "Tháng 3/2023", ["NV"])]),
        Task("TC-02", "2", "Kiểm tra văn bản", [_d("TC-02", "Tháng 5/2023", ["TP"])]),
        Task("TC-03", "3", "Theo dõi thi hành pháp luật", [_d("TC-03", "Thường xuyên", ["NV"])]),
        # Two dates: the 9-month report judges it by February's (DOMAIN: several dates).
        Task("TC-04", "4", "Kiểm tra văn bản", [
            _d("TC-04", "- Kế hoạch: Tháng 2/2023;\n- Báo cáo: Tháng 12/2023", ["NV"])]),
    ])
    tthc = Area("TTHC", "Cải cách thủ tục hành chính", "Thủ tục", "Phụ lục 02", tasks=[
        Task("TTHC-01", "1", "Một cửa ở xã", [_d("TTHC-01", "Thường xuyên", ["X1", "X2"])]),
        Task("TTHC-02", "2", "Số hóa hồ sơ", [_d("TTHC-02", "Tháng 8/2023", ["TP"])]),
        Task("TTHC-03", "3", "Rà soát thủ tục", [_d("TTHC-03", "Quý IV/2023", ["NV"])]),
        Task("TTHC-04", "4", "Công khai thủ tục", [_d("TTHC-04", "Thường xuyên", ["TP"])]),
    ])
    plan = Plan(authority="Ủy ban nhân dân huyện Thử", title="Kế hoạch CCHC năm 2023",
                year=2023, code="so-lieu-2023")
    return Master(plan=plan, units=units, groups=[Group("XA", "UBND các xã", kinds=[COMMUNE])],
                  periods=default_periods(2023), areas=[tc, tthc])


def committees_master() -> Master:
    """:func:`figures_master` issued by a commune's committee that is also its unit NV
    ("Ủy ban nhân dân xã", its cells naming it "Phòng Nội vụ")."""
    master = figures_master()
    master.plan.authority = "Ủy ban nhân dân xã Thử"
    (own,) = [u for u in master.units if u.code == "NV"]
    own.name, own.aliases = "Ủy ban nhân dân xã", [*own.aliases, "Phòng Nội vụ"]
    return master


def done(day: date, evidence: str = EVIDENCE, percent: int = 100) -> dict:
    return {A.COL_STATUS: DONE, A.COL_PERCENT: percent, A.COL_DONE_ON: day,
            A.COL_EVIDENCE: evidence}


# Period 9T: data to 14/09/2023, returns due 20/09/2023.
ANSWERS = {
    "NV": {"TC-01": done(date(2023, 3, 20)),                 # due 31/3: done on time
           "TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50,
                     A.COL_EVIDENCE: EVIDENCE},              # recurring, evidence: on schedule
           "TTHC-03": {A.COL_STATUS: NOT_STARTED},         # due 31/12: not started, in time
           "TC-04": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40}},  # plan due 28/2: overdue
    "TP": {"TC-02": done(date(2023, 6, 10)),                 # due 31/5: done late
           "TTHC-02": done(date(2023, 8, 1), percent=80),    # error (80%): cần xác minh, overdue
           "TTHC-04": {A.COL_STATUS: IN_PROGRESS}},        # recurring, no evidence: assess
    "X1": {"TTHC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: "Sổ theo dõi"}},
    # X2 returns its file untouched: not a return, so TTHC-01 stays unfinished.
}

# --- the figures, counted by hand -----------------------------------------------------
# Tasks: done TC-01 (on time), TC-02 (late), TC-03 (on schedule = on time) -> 3;
# in progress TTHC-01 (X2 silent), TTHC-02 (error), TTHC-04 (needs assessment), TC-04 -> 4;
# not started TTHC-03 -> 1; overdue TTHC-02 and TC-04 (its plan, due 28/02, is not done by
# the cut-off 14/09; judged by its last date, 31/12, it would be in time) -> 2;
# needs assessment TTHC-04; verify TTHC-02.
KEYS = ("tasks", "done", "done_on_time", "done_late", "in_progress", "not_started", "overdue",
        "needs_assessment", "needs_verification", "not_reported", "judged_by_office")
TOTALS = dict(zip(KEYS, (8, 3, 2, 1, 4, 1, 2, 1, 1, 0, 0), strict=True))
AREAS = {"Cải cách thể chế": dict(zip(KEYS, (4, 3, 2, 1, 1, 0, 1, 0, 0, 0, 0), strict=True)),
         "Cải cách thủ tục hành chính": dict(zip(KEYS, (4, 0, 0, 0, 3, 1, 1, 1, 1, 0, 0),
                                                  strict=True))}
# Lead shares (lượt đơn vị chủ trì): NV 4 (TC-01, TC-03 done on time; TTHC-03 not started;
# TC-04 in progress, overdue), TP 3 (TC-02 done late; TTHC-02 in progress, overdue, verify;
# TTHC-04 in progress, assess), X1 1 (TTHC-01 done on time), X2 1 (TTHC-01 not started,
# not reported) -> 9.
LEADS = dict(zip(KEYS, (9, 4, 3, 1, 3, 2, 2, 1, 1, 1, 0), strict=True))
# Received: NV, X1, X2 on 19/09 (on time), TP on 22/09 (2 days late); X2's file rejected.
UNITS = {"NV": (True, "Đúng hạn", 4, 2), "TP": (True, "Muộn 2 ngày", 3, 1),
         "X1": (True, "Đúng hạn", 1, 1), "X2": (False, "Tệp bị từ chối", 1, 0)}
# After the office writes "Đạt" for TP on TTHC-04: one more task and one more share done.
AFTER = {**TOTALS, "done": 4, "done_on_time": 3, "in_progress": 3, "needs_assessment": 0,
         "judged_by_office": 1}
LEADS_AFTER = {**LEADS, "done": 5, "done_on_time": 4, "in_progress": 2, "needs_assessment": 0,
               "judged_by_office": 1}
LABELS = {"tasks": "Tổng số", "done": "Đã hoàn thành", "done_on_time": "Hoàn thành đúng hạn",
          "done_late": "Hoàn thành quá hạn", "in_progress": "Đang thực hiện",
          "not_started": "Chưa thực hiện", "overdue": "Chưa hoàn thành, đã quá hạn",
          "needs_assessment": "Cần đánh giá", "needs_verification": "Cần xác minh",
          "not_reported": "Chưa có báo cáo (đã tính là chưa thực hiện)",
          "judged_by_office": "Do cơ quan tổng hợp đánh giá"}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def figures_plan(tmp: Path) -> tuple[Master, dict[str, Path]]:
    """The small plan written as a master in ``tmp`` and read back, and its 9T split
    (unit -> workbook)."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    master = load_master(write_master(figures_master(), tmp / "ke-hoach.xlsx"))
    split = {f.unit_code: f.path for f in
             split_master(master, "9T", tmp / "giao", issued_at=datetime(2023, 9, 1)).files}
    return master, split


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("figures")
    master, split = figures_plan(tmp)
    first, late = tmp / "nhan-19-9", tmp / "nhan-22-9"
    for unit in ("NV", "X1"):
        fill_return(split[unit], first / split[unit].name, ANSWERS[unit])
    fill_return(split["X2"], first / split["X2"].name, {})  # opened and saved, nothing typed
    fill_return(split["TP"], late / split["TP"].name, ANSWERS["TP"])
    out = tmp / "tong-hop" / "tong-hop-9T.xlsx"
    from cchc_xl.merge import merge_returns

    merge_returns(master, [first], "9T", out, received=date(2023, 9, 19))
    merge_returns(master, [late], "9T", out, received=date(2023, 9, 22))
    return master, tmp, out, first, late


def console_line(counts: dict, unit: str, rate: str) -> str:
    head = f"Số {unit} (tổng số): {counts['tasks']} — "
    return head + ", ".join(f"{LABELS[k].lower()}: {counts[k]}" for k in KEYS[1:]) + \
        f"; tỷ lệ hoàn thành {rate}."


def summary_sheet(path: Path) -> list[tuple[str, object]]:
    ws = load_workbook(path)["Tổng hợp"]
    return [(r[0], r[1]) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]


def sheet_block(items: list[tuple[str, object]], unit: str) -> dict[str, object]:
    start = next(i for i, (label, _) in enumerate(items) if label == f"Số {unit} (tổng số)")
    block = {"tasks": items[start][1]}
    labels = {v: k for k, v in LABELS.items()}
    for label, value in items[start + 1:start + len(KEYS)]:
        block[labels[label.strip()]] = value
    return block


def report(tmp: Path, source: Path, name: str, *more: str) -> tuple[dict, Path, Path]:
    xlsx, html = tmp / f"{name}.xlsx", tmp / f"{name}.html"
    made = CliRunner().invoke(main, [str(a) for a in ("report", source, "--period", "9T",
                                                      "--out", xlsx, "--html", html, *more,
                                                      "--json")])
    assert made.exit_code == 0, made.output
    # stdout alone: with --docx, stderr says who signs (period_plan.ledger_signer).
    return json.loads(made.stdout), xlsx, html


def _notes_row(row) -> bool:
    """A table's notes (official._notes_row): one cell across, no border but the top."""
    cells = {c._tc for c in row.cells}
    props = next(iter(cells)).tcPr
    return len(cells) == 1 and props is not None and props.find(qn("w:tcBorders")) is not None


def word_text(path: Path) -> tuple[list[str], list[list[str]]]:
    """The Word report's paragraphs, the notes under its tables with them (each table's
    last row), and its tables' other rows (python-docx)."""
    doc = Document(path)
    paragraphs, rows = [], []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs.append(block.text)
            continue
        for row in block.rows:
            if _notes_row(row):
                paragraphs += [p.text for p in row.cells[0].paragraphs]
            else:
                rows.append([c.text for c in row.cells])
    return paragraphs, rows


# Biểu 1's number columns, left to right.
GRID = ("tasks", "done", "done_on_time", "done_late", "in_progress", "not_started", "overdue",
        "not_reported", "needs_assessment", "needs_verification")


def area_rows(xlsx: Path) -> dict[str, dict]:
    ws = load_workbook(xlsx)["Theo lĩnh vực"]
    rows = {}
    for r in ws.iter_rows(values_only=True):
        if r[1] in AREAS or r[1] == "Tổng cộng":
            rows[r[1]] = dict(zip(GRID, r[2:12], strict=True))
    return rows


def without(counts: dict, *keys: str) -> dict:
    return {k: v for k, v in counts.items() if k not in keys}


def test_every_output_shows_the_hand_counted_figures(merged, tmp_path):
    master, tmp, out, first, late = merged
    # Console: merging the same files again prints the period's figures.
    code, output = run("merge", tmp / "ke-hoach.xlsx", first, late, "--period", "9T",
                       "--out", out, "--silent")
    assert console_line(TOTALS, "nhiệm vụ", "37,50%") in output
    assert console_line(LEADS, "lượt đơn vị chủ trì", "44,44%") in output
    # X2's only file was refused: said so, as Biểu 2 says it (it was "chưa gửi").
    assert "Đơn vị đã gửi: 3/4; tệp bị từ chối: Xã Hai." in output
    # Consolidated workbook "Tổng hợp".
    items = summary_sheet(out)
    assert sheet_block(items, "nhiệm vụ") == TOTALS
    assert sheet_block(items, "lượt đơn vị chủ trì") == LEADS
    assert dict(items)["Tỷ lệ hoàn thành (tính trên nhiệm vụ)"] == "37,50%"  # decimal comma
    assert dict(items)["Tỷ lệ hoàn thành (tính trên lượt đơn vị chủ trì)"] == "44,44%"
    # Report: JSON, workbook, page.
    docx = tmp_path / "bao-cao.docx"
    data, xlsx, html = report(tmp_path, out, "bao-cao", "--docx", docx)
    assert without(data["totals"], "rate") == TOTALS
    assert without(data["leads"], "rate") == LEADS
    assert {a["title"]: without(a, "code", "title", "rate") for a in data["areas"]} == AREAS
    assert {u["code"]: (u["returned"], u["return"], u["led"], u["done"])
            for u in data["units"]} == UNITS
    # Biểu 2's "Quá hạn" (done late, or unfinished past the deadline), which the ranking
    # counts: "late_or_overdue" in the JSON, "overdue" being the unfinished alone (a QA
    # pass: the JSON ranked a unit below another with nothing in it to say why).
    by_name = {u["name"]: u for u in data["units"]}
    table_2 = {r[1]: r[5] for r in load_workbook(xlsx)["Theo đơn vị"].iter_rows(
        min_row=7, values_only=True) if r[1] in by_name}
    assert table_2 == {name: u["late_or_overdue"] for name, u in by_name.items()}
    assert any(u["late_or_overdue"] != u["overdue"] for u in data["units"])
    # Days late: a number for a file received, none for a unit that sent nothing valid.
    assert {u["code"]: u["days_late"] for u in data["units"]} == {
        "NV": 0, "TP": 2, "X1": 0, "X2": None}
    assert data["units_of_counting"] == {"totals": "nhiệm vụ", "areas": "nhiệm vụ",
                                         "leads": "lượt đơn vị chủ trì",
                                         "units": "lượt đơn vị chủ trì"}
    in_sheet = {k: without(v, ) for k, v in area_rows(xlsx).items()}
    assert in_sheet["Tổng cộng"] == without(TOTALS, "judged_by_office")
    for title, counts in AREAS.items():
        assert in_sheet[title] == without(counts, "judged_by_office")
    page = html.read_text(encoding="utf-8")
    assert "Hoàn thành 3/8 nhiệm vụ, đạt 37,50%; đang thực hiện 4, chưa thực hiện 1 nhiệm vụ." \
        in page
    total = next(r for r in html_tables(page)["linh-vuc"] if r and r[1] == "Tổng cộng")
    assert total[2:12] == [str(TOTALS[k]) for k in GRID]
    units = html_tables(page)["don-vi"]
    assert next(r for r in units if len(r) > 1 and r[1].startswith("Cộng"))[2] == str(
        LEADS["tasks"])
    # The Word report: the same figures in its sentences and in its appendix Biểu 1.
    paragraphs, rows = word_text(docx)
    t = TOTALS
    assert any(f"đã hoàn thành {t['done']}/{t['tasks']} nhiệm vụ, đạt 37,50% (đúng hạn "
               f"{t['done_on_time']}, quá hạn {t['done_late']}); đang thực hiện "
               f"{t['in_progress']} nhiệm vụ; chưa thực hiện {t['not_started']} nhiệm vụ; "
               f"{t['overdue']} nhiệm vụ chưa hoàn thành đã quá hạn." in p for p in paragraphs)
    assert any(f"Có {t['needs_assessment']} nhiệm vụ thường xuyên, định kỳ hoặc theo sự kiện "
               f"cần đánh giá. Có {t['needs_verification']} nhiệm vụ cần xác minh" in p
               for p in paragraphs)
    tc, tthc = AREAS["Cải cách thể chế"], AREAS["Cải cách thủ tục hành chính"]
    assert (f"Được giao {tc['tasks']} nhiệm vụ: đã hoàn thành {tc['done']} nhiệm vụ (đúng hạn "
            f"{tc['done_on_time']}, quá hạn {tc['done_late']}; trong đó 1 nhiệm vụ thường xuyên, "
            "định kỳ hoặc theo sự kiện đã thực hiện trong kỳ), đạt 75,00%; đang thực hiện "
            f"{tc['in_progress']} nhiệm vụ; {tc['overdue']} nhiệm vụ chưa hoàn thành đã quá "
            "hạn.") in paragraphs
    assert (f"Được giao {tthc['tasks']} nhiệm vụ: chưa có nhiệm vụ nào hoàn thành; đang thực hiện "
            f"{tthc['in_progress']} nhiệm vụ; chưa thực hiện {tthc['not_started']} nhiệm vụ; "
            f"{tthc['overdue']} nhiệm vụ chưa hoàn thành đã quá hạn.") in paragraphs
    word_total = next(r for r in rows if len(r) > 12 and r[1] == "Tổng cộng")
    assert word_total[2:12] == [str(TOTALS[k]) for k in GRID]
    word_areas = {r[1]: r[2:12] for r in rows if len(r) > 12 and r[1] in AREAS}
    assert word_areas == {a: [str(c[k]) for k in GRID] for a, c in AREAS.items()}
    # The row with an error is listed as cần xác minh.
    assert [(v["product"], v["unit"]) for v in data["needs_verification"]] == [("TTHC-02", "TP")]
    verify = html_tables(page)["can-xac-minh"]
    assert any(r[1:4] == ["TTHC-02", "Số hóa hồ sơ", "Phòng Tư pháp"] for r in verify if r)


def test_untouched_file_is_not_a_return(merged):
    master, tmp, out, first, late = merged
    ws = load_workbook(out)["Tệp đã nhận"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["X2"][6] == "Bị từ chối"
    assert "không ô nhập liệu nào thay đổi" in rows["X2"][10]
    assert rows["TP"][5] == datetime(2023, 9, 22)  # received, not saved
    # The blank folder split wrote is no return at all.
    code, output = run("merge", tmp / "ke-hoach.xlsx", tmp / "giao", "--period", "9T", "--out",
                       tmp / "blank" / "t.xlsx", "--silent")
    assert code == 2, output  # nothing to merge: the office's own copies, skipped
    assert "không có tệp nào của đơn vị để gộp" in output
    assert "tệp giao do cchc-xl tạo, có trong danh sách các tệp giao gửi kèm, chưa điền" in output


def _assess(path: Path, unit: str, did: str, text: str, dst: Path) -> Path:
    type_assessments(path, dst, text, lambda u, d: (u, d) == (unit, did))
    return dst


def test_office_assessment_is_read_back_and_persists(merged, tmp_path):
    master, tmp, out, first, late = merged
    edited = _assess(out, "TP", "TTHC-04", "Đạt", out)
    code, output = run("assess", edited)
    assert code == 0, output
    assert "Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái" in output
    assert console_line(AFTER, "nhiệm vụ", "50,00%") in output
    data, _, _ = report(tmp_path, out, "sau-danh-gia")
    assert without(data["totals"], "rate") == AFTER
    assert without(data["leads"], "rate") == LEADS_AFTER
    assert data["assessed_rows"] == 1
    # Merging again rewrites the workbook with the judgment in place and in the figures.
    code, output = run("merge", tmp / "ke-hoach.xlsx", first, late, "--period", "9T", "--out",
                       out, "--silent")
    assert console_line(AFTER, "nhiệm vụ", "50,00%") in output
    assert sheet_block(summary_sheet(out), "nhiệm vụ") == AFTER
    ws = load_workbook(out)["Thủ tục"]
    row = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[15] == "TP|TTHC-04")
    assert (row[11], row[14]) == ("Thực hiện đúng tiến độ", "Đạt")
    # Emptying the cell in Excel removes the judgment on the next merge.
    _assess(out, "TP", "TTHC-04", None, out)
    code, output = run("merge", tmp / "ke-hoach.xlsx", first, late, "--period", "9T", "--out",
                       out, "--silent")
    assert console_line(TOTALS, "nhiệm vụ", "37,50%") in output


def test_merge_counts_verdicts_apart_from_remarks(merged, tmp_path):
    """The office typed "Đạt" on one row and a remark ("OK luôn", no verdict) on another,
    then merged again: merge said "Đã đọc 2 đánh giá mới", counting the remark as a
    verdict, where ``assess`` says the verdicts and the remarks apart (a QA pass). The
    merge says it as ``assess`` does (consolidated.link.assessed_words)."""
    master, tmp, out, first, late = merged
    _assess(out, "TP", "TTHC-04", "Đạt", out)
    _assess(out, "NV", "TC-01", "OK luôn", out)
    code, output = run("merge", tmp / "ke-hoach.xlsx", first, late, "--period", "9T", "--out",
                       out, "--silent")
    assert code == 0, output
    assert ("Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) và 1 nhận xét không kèm Đạt / "
            f"Chưa đạt vào sổ cái (đọc từ bảng tổng hợp {out.name}).") in output
    assert "đánh giá mới" not in output
    assert console_line(AFTER, "nhiệm vụ", "50,00%") in output  # the Đạt alone counts


def test_an_assessment_recorded_from_a_copy_is_not_undone_by_the_workbook(merged, tmp_path):
    """The office typed a judgment into the consolidated workbook, then judged another
    row in a copy of it and recorded that with `assess`. The next merge read the
    workbook back, took its blank cell for the copy's row as the judgment removed, and
    deleted it ("Đã đọc 1 đánh giá mới"; the signed rate fell): a workbook written
    before a judgment was recorded says nothing of it. Emptied in a workbook that showed
    it, a judgment is still removed."""
    from cchc_xl.merge import merge_returns

    master, _, _, first, late = merged
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first], "9T", out, received=date(2023, 9, 19))
    merge_returns(master, [late], "9T", out, received=date(2023, 9, 22))
    _assess(out, "NV", "TC-01", "Chưa đạt: thiếu văn bản", out)  # typed, not yet read back
    copy = _assess(out, "TP", "TTHC-04", "Đạt", out.parent / "ban-sao.xlsx")
    code, output = run("assess", copy)
    assert code == 0 and "Đã ghi 2 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái" in output, output
    again = merge_returns(master, [first, late], "9T", out)
    assert again.assessed == {}
    data, _, _ = report(tmp_path, out, "sau-gop")
    assert data["assessed_rows"] == 2
    ws = load_workbook(out)["Thủ tục"]
    row = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[15] == "TP|TTHC-04")
    assert row[14] == "Đạt"
    # Now shown in the workbook, the judgment emptied there is removed.
    _assess(out, "TP", "TTHC-04", None, out)
    assert merge_returns(master, [first, late], "9T", out).assessed == {("TP", "TTHC-04"): None}
    assert report(tmp_path, out, "sau-xoa")[0]["assessed_rows"] == 1


def test_the_same_workbook_typed_into_again_after_assess_is_read(merged, tmp_path):
    """The office typed a remark into the consolidated workbook and ran `assess`; then it
    made the remark a verdict in the same cell of the same file and ran `assess` again:
    refused, "sổ cái đã có nhận xét … ghi lúc …, sau khi tệp này được lập (từ một bản
    khác)", though the remark came from this very file (a QA pass). What this file gave
    is taken again; a copy made before still cannot undo it."""
    import shutil

    from cchc_xl.merge import merge_returns

    master, _, _, first, late = merged
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first, late], "9T", out, received=date(2023, 9, 22))
    _assess(out, "NV", "TC-01", "Cần đẩy nhanh tiến độ", out)
    code, output = run("assess", out)
    assert "1 nhận xét" in output, output
    copy = Path(shutil.copyfile(out, out.parent / "ban-sao.xlsx"))
    _assess(out, "NV", "TC-01", "Chưa đạt: cần đẩy nhanh tiến độ", out)
    code, output = run("assess", out)
    assert code == 0, output
    assert "Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái" in output
    assert "bản khác" not in output
    data, _, _ = report(tmp_path, out, "sau-danh-gia")
    assert data["assessed_rows"] == 1
    # The copy, made before, typed otherwise: the verdict from the workbook stays.
    _assess(copy, "NV", "TC-01", "Đạt", copy)
    code, output = run("assess", copy)
    assert "từ một bản khác" in output and "Không có đánh giá nào thay đổi" in output, output
    assert report(tmp_path, out, "sau-ban-sao")[0]["assessed_rows"] == 1


def test_an_assessment_is_of_the_answer_it_judged(merged, tmp_path):
    """The office judged TP's TTHC-04 ("Đang thực hiện", recurring) Đạt; TP then sent a
    file saying "Chưa thực hiện": the row still counted done and on time, under a
    verdict given to another answer, and nothing said so (a probe). The same answer
    sent again keeps the verdict; another answer removes it, with a note to the office."""
    from cchc_xl.merge import merge_returns

    master, _, _, first, late = merged
    _, split = figures_plan(tmp_path / "plan")
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first, late], "9T", out, received=date(2023, 9, 22))
    _assess(out, "TP", "TTHC-04", "Đạt", out)
    assert len(merge_returns(master, [first, late], "9T", out).assessed) == 1

    def verdict() -> object:
        ws = load_workbook(out)["Thủ tục"]
        return next(r for r in ws.iter_rows(min_row=5, values_only=True)
                    if r[15] == "TP|TTHC-04")[14]

    # Saved after TP's first file (saved when the fixture ran).
    later = datetime.now().replace(microsecond=0)
    same = fill_return(split["TP"], tmp_path / "lan-2" / "TP.xlsx", ANSWERS["TP"],
                       saved_at=later + timedelta(seconds=5))
    again = merge_returns(master, [first, late, same.parent], "9T", out)
    assert [f.outcome for f in again.files if f.path == str(same)] == ["accepted"]
    assert not [p for f in again.files for p in f.problems if p.code == "assessment-outdated"]
    assert verdict() == "Đạt"
    other = fill_return(split["TP"], tmp_path / "lan-3" / "TP.xlsx",
                        {**ANSWERS["TP"], "TTHC-04": {A.COL_STATUS: NOT_STARTED}},
                        saved_at=later + timedelta(seconds=10))
    result = merge_returns(master, [first, late, same.parent, other.parent], "9T", out)
    (note,) = [p for f in result.files for p in f.problems if p.code == "assessment-outdated"]
    assert (note.severity, note.unit, note.task) == ("note", "TP", "TTHC-04")
    assert "đánh giá 'Đạt' của cơ quan tổng hợp cho nhiệm vụ TTHC-04" in note.message
    assert verdict() is None
    row = next(r for r in result.rows if (r.unit, r.deliverable) == ("TP", "TTHC-04"))
    assert row.status == NOT_STARTED
    data, _, _ = report(tmp_path, out, "sau-tep-moi")
    assert data["assessed_rows"] == 0


def test_text_that_is_no_verdict_is_told_where_it_is(merged, tmp_path):
    """ "OK luôn" typed as an assessment was recorded as a remark without a word: the
    office believed the row judged."""
    from cchc_xl.merge import merge_returns

    master, _, _, first, late = merged
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first, late], "9T", out, received=date(2023, 9, 22))
    _assess(out, "TP", "TTHC-04", "OK luôn", out)
    code, output = run("assess", out)
    assert code == 1, output
    (said,) = [line for line in output.splitlines() if "OK luôn" in line]
    assert said.startswith(f"Cảnh báo: tệp {out}: 1 ô đánh giá không ghi Đạt hay Chưa đạt")
    assert "nhiệm vụ TTHC-04, Phòng Tư pháp: 'OK luôn'" in said
    assert said.endswith("ngay trong tệp này, lưu lại rồi chạy lại lệnh này.")
    _assess(out, "TP", "TTHC-04", "Đạt: OK luôn", out)  # as the warning says
    code, output = run("assess", out)
    assert code == 0 and "Cảnh báo" not in output, output



def test_a_pass_on_a_row_reported_not_started_is_pointed_out(merged, tmp_path):
    """ "Đạt" on a row whose unit reported "Chưa thực hiện" (or sent nothing) made it done
    without a word: a verdict typed on the wrong row passes unseen (a QA pass). Said,
    naming the row; a Đạt on a row in progress is the office's usual judgment: not said."""
    from cchc_xl.merge import merge_returns

    master, _, _, first, late = merged
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first, late], "9T", out, received=date(2023, 9, 22))
    type_assessments(out, out, "Đạt", lambda u, d: (u, d) in {("NV", "TTHC-03"),
                                                              ("TP", "TTHC-04")})
    code, output = run("assess", out)
    assert code == 0 and "Đã ghi 2 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái" in output, output
    (said,) = [line for line in output.splitlines() if line.startswith("Lưu ý: tệp")]
    assert said == (f"Lưu ý: tệp {out}: 1 dòng được ghi Đạt dù đơn vị chưa báo cáo hoặc báo "
                    "'Chưa thực hiện' (trang 'Thủ tục', nhiệm vụ TTHC-03, Phòng Nội vụ): các "
                    "dòng này được tính là hoàn thành; nếu ghi nhầm dòng, sửa trong bảng tổng "
                    "hợp rồi ghi lại.")
    code, output = run("assess", out)  # nothing new: nothing said again
    assert code == 0 and "Lưu ý: tệp" not in output, output

def test_a_verdict_typed_into_an_older_copy_is_told_not_dropped(merged, tmp_path):
    """The office judged a row Đạt in the workbook and recorded it; a copy made before
    said "Chưa đạt" for the same row and was recorded after: 'assess' said "Đã ghi 0 đánh
    giá mới" and exit 0, the typed verdict dropped without a word (a probe). The newer
    one stays, and the one not recorded is said, naming the unit and the task."""
    import shutil

    from cchc_xl.merge import merge_returns

    master, _, _, first, late = merged
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first, late], "9T", out, received=date(2023, 9, 22))
    copy = shutil.copyfile(out, out.parent / "ban-sao.xlsx")
    _assess(out, "TP", "TTHC-04", "Đạt", out)
    code, output = run("assess", out)
    assert code == 0 and "Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái" in output, output
    _assess(copy, "TP", "TTHC-04", "Chưa đạt: thiếu văn bản", copy)
    code, output = run("assess", copy)
    assert code == 1, output
    assert "Không có đánh giá nào thay đổi trong sổ cái" in output
    assert ("Cảnh báo: tệp " in output and "không ghi đánh giá 'Chưa đạt: thiếu văn bản' của "
            "đơn vị TP, nhiệm vụ TTHC-04 (trang 'Thủ tục' ô O9): sổ cái đã có đánh giá 'Đạt' "
            "ghi lúc" in output), output
    assert f"mở bảng tổng hợp mới nhất ({out}), sửa dòng này ở đó rồi ghi lại" in output
    assert report(tmp_path, out, "sau")[0]["assessed_rows"] == 1


def test_withdrawn_file_leaves_every_figure(merged, tmp_path):
    master, tmp, out, first, late = merged
    db = out.parent / "cchc-ledger.sqlite"
    name = next(late.iterdir()).name
    code, output = run("withdraw", db, "--file", name, "--reason", "gộp nhầm")
    assert code == 0, output
    data, _, _ = report(tmp_path, db, "sau-rut")
    tp = next(u for u in data["units"] if u["code"] == "TP")
    assert (tp["returned"], tp["not_reported"]) == (False, 3)
    assert data["totals"]["done"] == 2  # TC-02 (TP) no longer counted
    code, output = run("merge", tmp / "ke-hoach.xlsx", first, late, "--period", "9T", "--out",
                       out, "--silent")
    assert "Đơn vị đã gửi: 2/4" in output  # the same file merged again stays withdrawn
    ws = load_workbook(out)["Tệp đã nhận"]
    assert any(r[0] == "TP" and r[6] == "Đã rút" and "gộp nhầm" in r[10]
               for r in ws.iter_rows(min_row=5, values_only=True))
    code, output = run("withdraw", db, "--file", "khong-co.xlsx")
    assert code == 2 and "không có tệp nào" in output


def test_withdrawing_rewrites_the_workbook_keeping_what_the_office_typed(merged, tmp_path):
    """The web app's "Rút khỏi số liệu" (merge.refresh_outputs): the file leaves the
    figures and the consolidated workbook is written again at once, after the office's
    assessments typed into it were read back (none is lost by the rewrite)."""
    from cchc_xl.merge import merge_returns, refresh_outputs

    master, _, _, first, late = merged
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first], "9T", out, received=date(2023, 9, 19))
    merge_returns(master, [late], "9T", out, received=date(2023, 9, 22))
    _assess(out, "NV", "TC-01", "Chưa đạt: thiếu văn bản", out)  # typed, not yet read back
    tp_file = next(late.iterdir()).name
    result = refresh_outputs(master, "9T", out, withdraw=tp_file, why="gộp nhầm")
    assert (result.withdrawn.unit, Path(result.withdrawn.path).name) == ("TP", tp_file)
    assert [a.text for a in result.assessed.values()] == ["Chưa đạt: thiếu văn bản"]
    assert "Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái" in result.summary()
    assert "TP" in result.missing_units
    assert "Đơn vị đã gửi: 2/4" in result.summary()
    wb = load_workbook(out)
    rows = {r[15]: r for ws in wb.worksheets if ws.title not in (
        "Tổng hợp", "Tất cả dòng", "Tệp đã nhận", "Vấn đề", "Chưa gửi")
        for r in ws.iter_rows(min_row=5, values_only=True) if r[15]}
    assert rows["NV|TC-01"][14] == "Chưa đạt: thiếu văn bản"
    assert rows["TP|TC-02"][7] == "Chưa gửi tệp"
    assert any(r[0] == "TP" and r[6] == "Đã rút" and "gộp nhầm" in r[10]
               for r in wb["Tệp đã nhận"].iter_rows(min_row=5, values_only=True))


def test_report_names_the_missing_ledger(merged, tmp_path):
    _, _, out, _, _ = merged
    moved = tmp_path / "chi-tep.xlsx"
    moved.write_bytes(out.read_bytes())
    code, output = run("report", moved, "--period", "9T", "--out", tmp_path / "r.xlsx")
    assert code == 1
    assert re.search(r"lấy số liệu từ sổ cái '.*cchc-ledger\.sqlite' nhưng không có sổ cái", output)
    assert "chép sổ cái cchc-ledger.sqlite" in output


def test_untouched_carried_forward_file_is_not_a_return(merged):
    """split --ledger fills in last period's answers; sent back as is, that is no report."""
    master, tmp, out, first, late = merged
    from cchc_xl.merge import merge_returns

    db = out.parent / "cchc-ledger.sqlite"
    carried = {f.unit_code: f.path for f in split_master(
        master, "NAM", tmp / "giao-NAM", ledger=db, issued_at=datetime(2023, 12, 1)).files}
    values = [v for ws in load_workbook(carried["NV"]).worksheets
              for row in ws.iter_rows(values_only=True) for v in row]
    assert DONE in values and EVIDENCE in values  # NV's 9T answers, carried forward
    as_is = fill_return(carried["NV"], tmp / "nam" / "NV.xlsx", {})
    result = merge_returns(master, [as_is], "NAM", tmp / "nam-out" / "t.xlsx")
    (nv,) = result.run_files
    assert nv.outcome == "rejected"
    assert [p.code for p in nv.problems] == ["return-unchanged"]
    assert "NV" in result.missing_units
    # One answer updated: now it is NV's year-end report.
    updated = fill_return(carried["NV"], tmp / "nam2" / "NV.xlsx",
                          {"TTHC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 30}})
    result = merge_returns(master, [updated], "NAM", tmp / "nam-out" / "t.xlsx")
    assert [f.outcome for f in result.run_files] == ["accepted"]
    assert "NV" not in result.missing_units


def test_the_word_report_says_which_done_tasks_are_recurring_work(tmp_path):
    """TC-03 (thường xuyên) counts done on time because Phòng Nội vụ wrote "Đang thực hiện"
    with evidence (docs/counting.md, rule 4), as does Xã Một's share of TTHC-01: the signed
    report says so where the figures are given, not only the workbook's notes."""
    from cchc_xl.merge import merge_returns
    from cchc_xl.report import write_report

    # Merged afresh: other tests assess and withdraw in the module's ledger.
    master, split = figures_plan(tmp_path)
    first, late = tmp_path / "nhan-19-9", tmp_path / "nhan-22-9"
    for unit in ("NV", "X1"):
        fill_return(split[unit], first / split[unit].name, ANSWERS[unit])
    fill_return(split["TP"], late / split["TP"].name, ANSWERS["TP"])
    out = tmp_path / "tong-hop" / "tong-hop-9T.xlsx"
    merge_returns(master, [first], "9T", out, received=date(2023, 9, 19))
    merge_returns(master, [late], "9T", out, received=date(2023, 9, 22))
    result = write_report(out, "9T", tmp_path / "bc.xlsx", docx=tmp_path / "bc.docx")
    paragraphs, _ = word_text(result.paths[-1])
    (headline,) = [p for p in paragraphs if p.startswith("Đến ngày 14/09/2023")]
    assert ("Trong 3 nhiệm vụ đã hoàn thành có 1 nhiệm vụ thường xuyên, định kỳ hoặc theo sự "
            "kiện (không có thời hạn cụ thể), được tính là hoàn thành vì đã thực hiện trong kỳ "
            "(đơn vị chủ trì báo cáo “Đang thực hiện” có tài liệu kiểm chứng); các nhiệm vụ này "
            "vẫn tiếp tục thực hiện ở các kỳ sau.") in headline
    under_units = ("Cột “Đã hoàn thành” gồm 2 lượt đơn vị chủ trì của nhiệm vụ thường xuyên, "
                   "định kỳ hoặc theo sự kiện (không có thời hạn cụ thể), được tính là hoàn thành "
                   "vì đã thực hiện trong kỳ (đơn vị báo cáo “Đang thực hiện” có tài liệu kiểm "
                   "chứng): các nhiệm vụ này vẫn tiếp tục thực hiện ở các kỳ sau.")
    assert under_units in paragraphs  # under Phụ lục II
    ws = load_workbook(result.paths[0])["Theo đơn vị"]
    assert under_units in [c.value for row in ws.iter_rows() for c in row]


def test_a_remark_recorded_is_called_a_remark_when_an_older_copy_is_refused(merged, tmp_path):
    """A remark ("OK luôn", no verdict) recorded, then a copy made before it typed
    otherwise: the message called the remark "đánh giá 'OK luôn'" (a QA pass), while the
    first upload had said it was no assessment."""
    import shutil

    from cchc_xl.merge import merge_returns

    master, _, _, first, late = merged
    out = tmp_path / "tong-hop" / "t.xlsx"
    merge_returns(master, [first, late], "9T", out, received=date(2023, 9, 22))
    copy = shutil.copyfile(out, out.parent / "ban-sao.xlsx")
    _assess(out, "TP", "TTHC-04", "OK luôn", out)
    run("assess", out)
    _assess(copy, "TP", "TTHC-04", "Chưa đạt: thiếu văn bản", copy)
    code, output = run("assess", copy)
    assert code == 1, output
    assert "sổ cái đã có nhận xét 'OK luôn' ghi lúc" in output, output
    assert "đánh giá 'OK luôn'" not in output
