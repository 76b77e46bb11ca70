"""The letter chasing overdue tasks (``cchc-xl remind --overdue``): to each unit that
leads products the figures count "chưa hoàn thành, đã quá hạn" at the cut-off, those
products. A small plan, period 9T (figures to 14/09/2023), each case counted by hand:

- TC-01 (Tháng 3/2023, Phòng Nội vụ): reported "Đang thực hiện", 60%: overdue, listed;
- TC-02 (Tháng 5/2023, Phòng Tư pháp): done on 10/06, late: done, not listed;
- TC-03 (Quý IV/2023, Phòng Tài chính - Kế hoạch): in progress, not yet due: not listed;
- TC-04 (Tháng 6/2023, Xã Một): Xã Một sent nothing: not done, overdue, listed
  "Chưa báo cáo";
- TTHC-01 (Thường xuyên, Phòng Nội vụ and Xã Một): recurring work has no due date, never
  overdue (docs/counting.md): not listed, for the silent commune either;
- TTHC-02 (Tháng 4/2023, Phòng Nội vụ): in progress, past due, but the office judged it
  Đạt: done, not listed.
"""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from docx import Document
from test_figures import EVIDENCE, _assess, done, run

from cchc_xl import assignment as A
from cchc_xl.deadlines import parse_deadline
from cchc_xl.ledger import LEDGER_NAME
from cchc_xl.letters.overdue import (
    OverdueTask,
    OverdueUnit,
    overdue_units,
    write_list,
    write_overdue,
)
from cchc_xl.merge import merge_returns
from cchc_xl.model import Area, Deliverable, Group, Master, Plan, Task, Unit
from cchc_xl.periods import default_periods
from cchc_xl.report import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.split import split_master
from cchc_xl.vocab import COMMUNE, DEPARTMENT, IN_PROGRESS
from make_sample_returns import fill_return
from support.clock import set_clock
from support.report import build_ledger, tiny_master

NAMES = {"NV": "Phòng Nội vụ", "TP": "Phòng Tư pháp", "TC": "Phòng Tài chính - Kế hoạch",
         "X1": "Xã Một"}


def _d(did: str, deadline: str, lead: list[str]) -> Deliverable:
    return Deliverable(id=did, product=f"Sản phẩm {did}", deadline=parse_deadline(deadline, 2023),
                       lead_text=", ".join(NAMES[c] for c in lead), lead=list(lead))


def _master() -> Master:
    units = [Unit("NV", NAMES["NV"], DEPARTMENT), Unit("TP", NAMES["TP"], DEPARTMENT),
             Unit("TC", NAMES["TC"], DEPARTMENT),
             Unit("X1", NAMES["X1"], COMMUNE, groups=["XA"])]
    tc = Area("TC", "Cải cách thể chế", "Thể chế", "Phụ lục 01", tasks=[
        Task("TC-01", "1", "Rà soát văn bản quy phạm pháp luật",
             [_d("TC-01", "Tháng 3/2023", ["NV"])]),
        Task("TC-02", "2", "Kiểm tra văn bản", [_d("TC-02", "Tháng 5/2023", ["TP"])]),
        Task("TC-03", "3", "Xây dựng kế hoạch số hóa", [_d("TC-03", "Quý IV/2023", ["TC"])]),
        Task("TC-04", "4", "Tuyên truyền cải cách hành chính",
             [_d("TC-04", "Tháng 6/2023", ["X1"])]),
    ])
    tthc = Area("TTHC", "Cải cách thủ tục hành chính", "Thủ tục", "Phụ lục 02", tasks=[
        Task("TTHC-01", "1", "Một cửa", [_d("TTHC-01", "Thường xuyên", ["NV", "X1"])]),
        Task("TTHC-02", "2", "Công khai thủ tục", [_d("TTHC-02", "Tháng 4/2023", ["NV"])]),
    ])
    plan = Plan(authority="Ủy ban nhân dân huyện Thử", title="Kế hoạch CCHC năm 2023",
                year=2023, code="qua-han-2023")
    return Master(plan=plan, units=units, groups=[Group("XA", "UBND các xã", kinds=[COMMUNE])],
                  periods=default_periods(2023), areas=[tc, tthc])


ANSWERS = {
    "NV": {"TC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60,
                     A.COL_EVIDENCE: "Công văn số 45/NV"},
           "TTHC-01": {A.COL_STATUS: IN_PROGRESS},
           "TTHC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50, A.COL_EVIDENCE: EVIDENCE}},
    "TP": {"TC-02": done(date(2023, 6, 10))},
    "TC": {"TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 30}},
    # X1 sends nothing.
}


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The period merged, then the office's Đạt on Phòng Nội vụ's TTHC-02 read back."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    tmp = tmp_path_factory.mktemp("overdue")
    master = load_master(write_master(_master(), tmp / "ke-hoach.xlsx"))
    split = {f.unit_code: f.path for f in
             split_master(master, "9T", tmp / "giao", issued_at=datetime(2023, 9, 1)).files}
    for unit, typed in ANSWERS.items():
        fill_return(split[unit], tmp / "nhan" / split[unit].name, typed)
    out = tmp / "tong-hop" / "tong-hop-9T.xlsx"
    merge_returns(master, [tmp / "nhan"], "9T", out, received=date(2023, 9, 19))
    before = summarize(load_snapshot(out.parent / "cchc-ledger.sqlite", "9T"))
    _assess(out, "NV", "TTHC-02", "Đạt", out)
    merge_returns(master, [tmp / "nhan"], "9T", out)
    return tmp, out, before


def _listed(chosen) -> list[tuple[str, str, str]]:
    return [(o.unit.code, t.product_id, t.reported) for o in chosen for t in o.tasks]


def test_the_units_listed_are_those_with_tasks_the_figures_count_overdue(office) -> None:
    tmp, out, before = office
    # Before the office's Đạt, TTHC-02 (in progress, due in April) was overdue too: the
    # rule lists it; the verdict takes it off.
    assert ("NV", "TTHC-02", "Đang thực hiện, 50%") in _listed(overdue_units(before))
    summary = summarize(load_snapshot(out.parent / "cchc-ledger.sqlite", "9T"))
    chosen = overdue_units(summary)
    assert _listed(chosen) == [("NV", "TC-01", "Đang thực hiện, 60%"),
                               ("X1", "TC-04", "Chưa báo cáo")]
    assert [o.sent_nothing for o in chosen] == [False, True]
    # The letter's rows are the figures' "Chưa hoàn thành, đã quá hạn", share by share.
    assert summary.leads.overdue == 2
    first = chosen[0].tasks[0]
    assert (first.content, first.product, first.deadline, first.due, first.evidence) == (
        "Rà soát văn bản quy phạm pháp luật", "Sản phẩm TC-01", "Tháng 3/2023",
        date(2023, 3, 31), "Công văn số 45/NV")


def _letter_text(path) -> tuple[str, list[list[str]]]:
    doc = Document(str(path))
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    return "\n".join(p.text for p in doc.paragraphs), rows


def test_the_cli_writes_the_letter_and_its_mail_merge_list(office) -> None:
    tmp, out, _ = office
    letter, listing = tmp / "qua-han.docx", tmp / "qua-han.csv"
    code, output = run("remind", out, "--period", "9T", "--out", letter, "--csv", listing,
                       "--overdue", "--deadline", "15/10/2023")
    assert code == 0, output
    assert "Đơn vị có nhiệm vụ quá hạn: 2 (nhiệm vụ, sản phẩm quá hạn: 2)" in output
    assert f"Đã ghi {letter}" in output and f"Đã ghi {listing}" in output
    assert "Lưu ý: hạn báo cáo kết quả 15/10/2023 trong công văn đã qua" in output
    text, rows = _letter_text(letter)
    assert "V/v đôn đốc thực hiện các nhiệm vụ cải cách hành chính chậm tiến độ" in "\n".join(
        c for r in rows for c in r).replace("\u00a0", " ")
    # A commune is written to as its People's Committee, not as the place.
    assert "Kính gửi:\n- Phòng Nội vụ;\n- Ủy ban nhân dân xã Một." in text
    assert ("Thực hiện Kế hoạch CCHC năm 2023, Ủy ban nhân dân huyện Thử đã tổng hợp kết quả "
            "thực hiện 9 tháng năm 2023 (số liệu đến ngày 14/09/2023). Đến ngày 14/09/2023, "
            "còn 2 nhiệm vụ, sản phẩm do 2 cơ quan, đơn vị chủ trì chưa hoàn thành, đã quá "
            "thời hạn theo kế hoạch (số nhiệm vụ, sản phẩm ghi trong ngoặc): Phòng Nội vụ (1); "
            "Xã Một (1).") in text
    assert "1 đơn vị chưa gửi báo cáo 9 tháng năm 2023" in text and "Xã Một." in text
    assert "chậm nhất ngày 15/10/2023" in text
    for absent in ("Phòng Tư pháp", "Phòng Tài chính", "TC-02", "TC-03", "TTHC-01", "TTHC-02"):
        assert absent not in text and not any(absent in c for r in rows for c in r), absent
    # The appendix: one table per unit, each row its product, deadline and report, the
    # task numbered as the plan prints it, where it is printed (the plan numbers each
    # appendix anew), not by the tool's code (a QA pass: "CD-04" in the demo's annex).
    assert rows[rows.index(next(r for r in rows if r[0].startswith("1. Phòng Nội vụ"))) + 1][
        :2] == ["TT", "TT trong kế hoạch"]
    assert ["1", "1 (Phụ lục 01)", "Rà soát văn bản quy phạm pháp luật", "Sản phẩm TC-01",
            "Tháng 3/2023", "31/03/2023", "Đang thực hiện, 60%", "Công văn số 45/NV"] in rows
    assert ["1", "4 (Phụ lục 01)", "Tuyên truyền cải cách hành chính", "Sản phẩm TC-04",
            "Tháng 6/2023", "30/06/2023", "Chưa báo cáo", ""] in rows
    assert any(r[0].startswith("2. Xã Một (1 nhiệm vụ, sản phẩm)") for r in rows)
    with open(listing, encoding="utf-8-sig", newline="") as f:
        got = list(csv.DictReader(f))
    assert [(r["Mã đơn vị"], r["Kính gửi"], r["Số nhiệm vụ quá hạn"], r["Hạn báo cáo kết quả"])
            for r in got] == [("NV", "Phòng Nội vụ", "1", "15/10/2023"),
                              ("X1", "Ủy ban nhân dân xã Một", "1", "15/10/2023")]
    assert got[0]["Nhiệm vụ quá hạn"] == (
        "Nhiệm vụ 1 (Phụ lục 01): Rà soát văn bản quy phạm pháp luật (hạn tháng 3/2023; "
        "Đang thực hiện, 60%)")


def test_the_mail_merge_list_neutralises_formulas(tmp_path) -> None:
    """A cell starting "=" is written as text, as the reminder letter's list writes it."""
    unit = Unit("NV", "=HYPERLINK(\"http://x\")", DEPARTMENT)
    unit.email = "@SUM(1)"
    row = OverdueTask("TC-01", "1", "+1 việc", "TC-01", "Sản phẩm", "Tháng 3/2023",
                      date(2023, 3, 31), "Đang thực hiện", 60.0, "")
    write_list([OverdueUnit(unit, [row])], tmp_path / "ds.csv", "")
    with open(tmp_path / "ds.csv", encoding="utf-8-sig", newline="") as f:
        got = next(csv.DictReader(f))
    assert (got["Đơn vị"], got["Email"]) == ("'=HYPERLINK(\"http://x\")", "'@SUM(1)")


def test_without_a_deadline_the_letter_leaves_it_to_write(office, monkeypatch) -> None:
    set_clock(monkeypatch, date(2027, 1, 5))  # the year it is made, not the plan's
    tmp, out, _ = office
    letter = tmp / "qua-han-trong.docx"
    code, output = run("remind", out, "--period", "9T", "--out", letter, "--overdue")
    assert code == 0, output
    assert ("Lưu ý: hạn báo cáo kết quả để trống trong công văn (\"chậm nhất ngày … tháng … "
            "năm") in output
    text, _ = _letter_text(letter)
    assert "chậm nhất ngày \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng" in text, text
    assert "năm 2027**" not in text and "năm 2027" in text


def test_the_letters_and_the_notes_take_their_day_from_the_clock_s_one_place(
        office, monkeypatch) -> None:
    """A run on a set day (cchc_xl.clock: a QA run, a test): the letter's "Đến ngày", the
    year of its blank deadline, the note of a deadline already past and the example
    deadline all say that day. The command line read the machine's clock itself: a
    letter "Đến ngày 25/09/2023" beside "hôm nay 06/12/2026" and "năm 2026"."""
    from cchc_xl import clock

    monkeypatch.setattr(clock, "now", lambda: datetime(2023, 9, 25, 9))
    tmp, out, _ = office
    letter = tmp / "nhac-ngay-dat.docx"
    code, output = run("remind", out, "--period", "9T", "--out", letter,
                       "--deadline", "22/09/2023")
    assert code == 0, output
    assert "hạn gửi 22/09/2023 trong công văn đã qua (hôm nay 25/09/2023)" in output
    assert "Đến ngày 25/09/2023, đã nhận báo cáo của 3/4 đơn vị" in _letter_text(letter)[0]
    code, output = run("remind", out, "--period", "9T", "--out", tmp / "qua-han-ngay-dat.docx",
                       "--overdue")
    assert code == 0, output
    assert "(\"chậm nhất ngày … tháng … năm 2023\")" in output, output
    assert "ví dụ --deadline 02/10/2023." in output, output


def test_a_period_with_nothing_overdue_says_so(office) -> None:
    """Q1 (to 14/03/2023): nothing was due yet but TC-01 (31/03): no unit is listed."""
    tmp, out, _ = office
    result = write_overdue(out.parent / "cchc-ledger.sqlite", "Q1", tmp / "q1.docx",
                           list_out=tmp / "q1.csv", today=date(2023, 3, 20))
    assert result.units == []
    text, rows = _letter_text(tmp / "q1.docx")
    assert "không có nhiệm vụ, sản phẩm nào chưa hoàn thành, đã quá thời hạn" in text
    # To the plan's units: "có tên tại công văn này" named nobody (a QA pass).
    assert "Kính gửi: Các cơ quan, đơn vị thực hiện Kế hoạch" in text
    assert "có tên tại công văn này" not in text


COMMUNES = {f"X{i}": f"Xã {name}" for i, name in
            enumerate(("Một", "Hai", "Ba", "Bốn", "Năm", "Sáu"), 1)}


def _crowd_master() -> Master:
    """Six communes leading TC-01 (June) and Phòng Nội vụ TC-02, of three dates."""
    units = [Unit("NV", "Phòng Nội vụ", DEPARTMENT)] + [
        Unit(code, name, COMMUNE, groups=["XA"]) for code, name in COMMUNES.items()]
    tasks = [Task("TC-01", "1", "Tuyên truyền cải cách hành chính", [Deliverable(
                 id="TC-01", product="Sản phẩm TC-01",
                 deadline=parse_deadline("Tháng 6/2023", 2023),
                 lead_text="UBND các xã", lead=list(COMMUNES))]),
             Task("TC-02", "2", "Kiểm tra công vụ", [Deliverable(
                 id="TC-02", product="Sản phẩm TC-02",
                 deadline=parse_deadline("Tháng 3, tháng 6 và tháng 8/2023", 2023),
                 lead_text="Phòng Nội vụ", lead=["NV"])])]
    plan = Plan(authority="Ủy ban nhân dân huyện Thử", title="Kế hoạch CCHC năm 2023",
                year=2023, code="qua-han-xa-2023")
    return Master(plan=plan, units=units, groups=[Group("XA", "UBND các xã", kinds=[COMMUNE])],
                  periods=default_periods(2023), areas=[Area(
                      "TC", "Cải cách thể chế", "Thể chế", "Phụ lục 01", tasks=tasks)])


def test_units_with_the_same_overdue_rows_share_one_table(tmp_path) -> None:
    """Xã Một to Xã Bốn sent nothing: the same row, "Chưa báo cáo", under one heading
    naming them; Xã Năm's own report its own table; Xã Sáu done on time, not listed.
    Phòng Nội vụ reported TC-02 (March, June and August) done on 20/03: March's part
    only, the row judged by June's date, overdue since 30/06 (not August's 31/08)."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    master = load_master(write_master(_crowd_master(), tmp_path / "ke-hoach.xlsx"))
    split = {f.unit_code: f.path for f in
             split_master(master, "9T", tmp_path / "giao", issued_at=datetime(2023, 9, 1)).files}
    answers = {"NV": {"TC-02": done(date(2023, 3, 20))},
               "X5": {"TC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 20}},
               "X6": {"TC-01": done(date(2023, 6, 10))}}
    for unit, typed in answers.items():
        fill_return(split[unit], tmp_path / "nhan" / split[unit].name, typed)
    out = tmp_path / "tong-hop" / "tong-hop-9T.xlsx"
    merge_returns(master, [tmp_path / "nhan"], "9T", out, received=date(2023, 9, 19))
    letter, listing = tmp_path / "qua-han.docx", tmp_path / "qua-han.csv"
    result = write_overdue(out, "9T", letter, list_out=listing, today=date(2023, 9, 25))
    assert [o.unit.code for o in result.units] == ["NV", "X1", "X2", "X3", "X4", "X5"]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in Document(letter).tables]
    annex = [t for t in tables if any("nhiệm vụ, sản phẩm" in r[0] for r in t[:1])]
    assert [t[0][0] for t in annex] == [
        "1. Phòng Nội vụ (1 nhiệm vụ, sản phẩm)",
        "2. 4 xã (Một, Hai, Ba, Bốn) – mỗi đơn vị 1 nhiệm vụ, sản phẩm",
        "3. Xã Năm (1 nhiệm vụ, sản phẩm)"]
    body = [[r for r in t if r[0].isdigit()] for t in annex]
    assert body == [
        [["1", "2", "Kiểm tra công vụ", "Sản phẩm TC-02", "Tháng 3, tháng 6 và tháng 8/2023",
          "30/06/2023", "Đã hoàn thành phần việc đến hạn trước (ngày 20/03/2023), 100%",
          EVIDENCE]],
        [["1", "1", "Tuyên truyền cải cách hành chính", "Sản phẩm TC-01", "Tháng 6/2023",
          "30/06/2023", "Chưa báo cáo", ""]],
        [["1", "1", "Tuyên truyền cải cách hành chính", "Sản phẩm TC-01", "Tháng 6/2023",
          "30/06/2023", "Đang thực hiện, 20%", ""]]]
    # Two products, overdue at six units: counted once each, the leads apart (a review:
    # "6 nhiệm vụ, sản phẩm" counted TC-01 once per commune).
    text, _ = _letter_text(letter)
    assert ("Đến ngày 14/09/2023, còn 2 nhiệm vụ, sản phẩm chưa hoàn thành, đã quá thời hạn "
            "theo kế hoạch, do 6 cơ quan, đơn vị chủ trì (6 lượt đơn vị chủ trì; số nhiệm vụ, "
            "sản phẩm của mỗi đơn vị ghi trong ngoặc): Phòng Nội vụ (1); Xã Một (1);") in text
    assert "4 đơn vị chưa gửi báo cáo 9 tháng năm 2023 được tính" in text
    # The mail-merge list stays a row per unit.
    with open(listing, encoding="utf-8-sig", newline="") as f:
        assert [r["Mã đơn vị"] for r in csv.DictReader(f)] == ["NV", "X1", "X2", "X3", "X4",
                                                               "X5"]


def test_a_unit_whose_files_were_refused_is_not_said_to_have_sent_nothing(tmp_path) -> None:
    """Xã Hai's only file was refused, Xã Ba sent none: both count their overdue products
    "Chưa báo cáo", and the letter tells them apart (a review: Xã Hai was said "chưa gửi
    báo cáo", though it had sent one)."""
    master = tiny_master()
    master.units.append(Unit("X3", "Xã Ba", COMMUNE, groups=["XA"]))
    (tc04,) = [d for d in master.deliverables() if d.id == "TC-04"]
    tc04.lead.append("X3")
    db = build_ledger(tmp_path / LEDGER_NAME, master)
    letter = tmp_path / "qua-han.docx"
    write_overdue(db, "6T", letter, today=date(2023, 7, 5))
    text, rows = _letter_text(letter)
    assert ("Trong đó, 1 đơn vị chưa gửi báo cáo 6 tháng đầu năm 2023 và 1 đơn vị có tệp báo "
            "cáo bị từ chối (chưa được tổng hợp) được tính là chưa thực hiện các nhiệm vụ đã "
            "đến hạn (ghi “Chưa báo cáo” tại Phụ lục): Xã Hai; Xã Ba. Đơn vị có tệp báo cáo "
            "bị từ chối: Xã Hai.") in text
    assert ("còn 3 nhiệm vụ, sản phẩm chưa hoàn thành, đã quá thời hạn theo kế hoạch, do 3 cơ "
            "quan, đơn vị chủ trì (4 lượt đơn vị chủ trì;") in text
    assert ["1", "4 (Phụ lục số 01)", "Phổ biến pháp luật ở xã", "Hội nghị", "Tháng 5/2023",
            "31/05/2023", "Chưa báo cáo", ""] in rows


def test_the_cli_counts_a_product_led_by_several_units_once(tmp_path) -> None:
    """The letter counts a product once and its leads apart (3 products, 4 lượt: TC-04 is
    led by Xã Hai and Xã Ba); the command's count said "nhiệm vụ, sản phẩm quá hạn: 4",
    the lead rows, beside a letter saying "còn 3 nhiệm vụ, sản phẩm" (a review)."""
    master = tiny_master()
    master.units.append(Unit("X3", "Xã Ba", COMMUNE, groups=["XA"]))
    (tc04,) = [d for d in master.deliverables() if d.id == "TC-04"]
    tc04.lead.append("X3")
    db = build_ledger(tmp_path / LEDGER_NAME, master)
    code, output = run("remind", db, "--period", "6T", "--overdue", "--out",
                       tmp_path / "qua-han.docx")
    assert code == 0, output
    assert ("Đơn vị có nhiệm vụ quá hạn: 3 (nhiệm vụ, sản phẩm quá hạn: 3; 4 lượt đơn vị "
            "chủ trì)") in output
    text, _ = _letter_text(tmp_path / "qua-han.docx")
    assert "còn 3 nhiệm vụ, sản phẩm chưa hoàn thành" in text and "(4 lượt đơn vị chủ trì;" in text


@pytest.mark.parametrize("flags", [(), ("--overdue",)])
def test_the_cli_writes_the_list_as_a_workbook_for_a_name_ending_xlsx(office, flags) -> None:
    """``--csv ds.xlsx``: the list as a workbook (it opens in columns in Excel on a Windows
    set to Vietnamese, and Word merges from it), for both letters; another suffix is
    refused, and so is a list named as the consolidated workbook it is made from."""
    from test_mergelist import read_list

    tmp, out, _ = office
    letter, listing = tmp / f"dd{len(flags)}.docx", tmp / f"dd{len(flags)}.xlsx"
    both = listing.with_suffix(".csv")  # --csv given twice: both lists, the same rows
    code, output = run("remind", out, "--period", "9T", "--out", letter, "--csv", listing,
                       "--csv", both, "--deadline", "15/10/2023", *flags)
    assert code == 0, output
    assert f"Đã ghi {listing}" in output and f"Đã ghi {both}" in output
    _, header, rows = read_list(listing)
    assert header[:2] == ["Mã đơn vị", "Đơn vị"] and header[-1].startswith("Hạn")
    assert rows and {r[0] for r in rows} >= {"X1"}
    assert any(r[-1] == "15/10/2023" for r in rows)
    with open(both, encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [header] + [["" if v is None else str(v) for v in r]
                                                  for r in rows]
    code, output = run("remind", out, "--period", "9T", "--out", letter, "--csv",
                       tmp / "ds.xls", *flags)
    assert code == 2 and "tệp danh sách trộn thư phải có đuôi .xlsx hoặc .csv" in output
    before = out.read_bytes()
    code, output = run("remind", out, "--period", "9T", "--out", letter, "--csv", out, *flags)
    assert code == 2 and "đó là tệp tổng hợp, không phải danh sách trộn thư" in output, output
    assert out.read_bytes() == before


def test_a_letter_made_before_the_cut_off_says_the_figures_are_to_that_day(office) -> None:
    """Made on 05/09/2023, before 9T's cut-off (14/09/2023), as the report made then does:
    the figures are to the day it is made, not to a day still to come, and the products
    listed are those due before the cut-off (a QA pass: "Đến ngày 14/12/2026, còn …" in a
    letter made on 05/12/2026)."""
    tmp, out, _ = office
    letter = tmp / "qua-han-som.docx"
    write_overdue(out.parent / "cchc-ledger.sqlite", "9T", letter, today=date(2023, 9, 5))
    text, rows = _letter_text(letter)
    assert "14/09/2023" not in text.replace("trước ngày chốt số liệu 14/09/2023", ""), text
    assert ("(số liệu đến ngày 05/09/2023). Đến ngày 05/09/2023, còn 2 nhiệm vụ, sản phẩm "
            "do 2 cơ quan, đơn vị chủ trì chưa hoàn thành, đã quá hạn hoặc đến hạn theo kế "
            "hoạch trước ngày chốt số liệu 14/09/2023") in text, text
    assert "9 tháng năm 2023, số liệu đến ngày 05/09/2023" in text
    # Xã Một, silent, is not late yet: the day it must send by is said beside it (a review).
    assert "1 đơn vị chưa gửi báo cáo 9 tháng năm 2023 (hạn gửi ngày 20/09/2023) được tính" \
        in text
    # made after the cut-off, as before
    write_overdue(out.parent / "cchc-ledger.sqlite", "9T", letter, today=date(2023, 9, 25))
    text, _ = _letter_text(letter)
    assert "1 đơn vị chưa gửi báo cáo 9 tháng năm 2023 được tính" in text
    assert ("(số liệu đến ngày 14/09/2023). Đến ngày 14/09/2023, còn 2 nhiệm vụ, sản phẩm do "
            "2 cơ quan, đơn vị chủ trì chưa hoàn thành, đã quá thời hạn theo kế hoạch") in text


def test_a_deadline_past_or_before_the_period_s_own_is_said_so() -> None:
    """A reminder letter asking units to send by 18/12 while their files and feedback files
    say 20/12, the period's due day (a QA pass: two deadlines, nothing said); a day
    already past. The overdue letter's deadline is for results, not the period's files."""
    from cchc_xl.letters.remind import DEADLINE, deadline_note
    from cchc_xl.periods import default_periods

    year = next(p for p in default_periods(2026) if p.code == "NAM")  # due 20/12/2026
    today = date(2026, 12, 5)
    assert deadline_note(date(2026, 12, 18), year, DEADLINE, today, resend=True) == (
        "hạn gửi lại 18/12/2026 sớm hơn hạn nộp báo cáo của kỳ (20/12/2026) mà tệp giao đơn "
        "vị và tệp phản hồi ghi cho đơn vị")
    assert deadline_note(date(2026, 12, 22), year, DEADLINE, today, resend=True) == ""
    assert deadline_note(date(2026, 12, 18), year, "hạn báo cáo kết quả", today) == ""
    assert deadline_note(date(2026, 12, 1), year, DEADLINE, today, resend=True) == (
        "hạn gửi lại 01/12/2026 trong công văn đã qua (hôm nay 05/12/2026)")
