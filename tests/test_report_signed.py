"""Figures a province office signs: the report of a quarter checked by hand.

A 2026 province plan (7 departments, 5 communes and wards, 14 tasks in 3 areas) is split
for Quý I; twelve units' returns are typed with openpyxl, each answer chosen for a case a
Sở Nội vụ meets: done on time, done late, in progress with and without a percentage, not
started, recurring work with and without evidence, a unit that sent nothing, a unit whose
file was refused (sent back untouched), a file received after the due date, a
coordinating unit's report, a task led by two departments, a task led by every commune,
a unit with nothing due yet, and the office's "Chưa đạt" typed in the consolidated
workbook and read back with ``cchc-xl assess``.

What each figure must be is counted below from the answers alone, by the rules of
docs/counting.md, never by cchc_xl's code: each lead row's counted state is written by
hand beside the answer it comes from (``ROWS``), and this module combines rows into
tasks, areas and units itself. The report workbook (Biểu 1, 2, 3) and the Word report
(its sentences, Phụ lục I, II, III) must say exactly that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from click.testing import CliRunner
from test_figures import word_text

from cchc_xl import assignment as A
from cchc_xl.cli import main
from cchc_xl.deadlines import parse_deadline
from cchc_xl.model import Area, Deliverable, Group, Master, Plan, Task, Unit
from cchc_xl.periods import default_periods
from cchc_xl.split import split_master
from cchc_xl.vocab import COMMUNE, DEPARTMENT, DONE, IN_PROGRESS, NOT_STARTED
from make_sample_returns import fill_return
from support.report import table
from support.workbooks import load_workbook, type_assessments

# --- the plan -----------------------------------------------------------------------------

UNITS = [("SNV", "Sở Nội vụ", DEPARTMENT), ("STP", "Sở Tư pháp", DEPARTMENT),
         ("STC", "Sở Tài chính", DEPARTMENT),
         ("SKHCN", "Sở Khoa học và Công nghệ", DEPARTMENT),
         ("VP", "Văn phòng UBND tỉnh", DEPARTMENT), ("SYT", "Sở Y tế", DEPARTMENT),
         ("SXD", "Sở Xây dựng", DEPARTMENT),
         ("P1", "Phường Hạc Thành", COMMUNE), ("P2", "Phường Hàm Rồng", COMMUNE),
         ("X1", "Xã Hoằng Hóa", COMMUNE), ("X2", "Xã Nga Sơn", COMMUNE),
         ("X3", "Xã Tĩnh Gia", COMMUNE)]
NAMES = {code: name for code, name, _ in UNITS}
COMMUNES = [code for code, _, kind in UNITS if kind == COMMUNE]
GROUP = "UBND các xã, phường"

# area code -> title; task id -> (content, deadline as the plan writes it, leads, coordinators)
AREAS = {"TC": "Cải cách thể chế", "TTHC": "Cải cách thủ tục hành chính",
         "CCS": "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số"}
TASKS = {
    "TC-01": ("Rà soát văn bản quy phạm pháp luật", "Tháng 1/2026", ["SNV"], ["STP"]),
    "TC-02": ("Kiểm tra văn bản", "Tháng 2/2026", ["STP"], []),
    "TC-03": ("Xây dựng quy định phân cấp", "Tháng 2/2026", ["STC"], []),
    "TC-04": ("Hướng dẫn quy chuẩn xây dựng", "Quý II/2026", ["SXD"], []),
    "TC-05": ("Theo dõi thi hành pháp luật", "Thường xuyên", ["STP"], []),
    "TTHC-01": ("Giải quyết thủ tục theo cơ chế một cửa", "Thường xuyên", COMMUNES, []),
    "TTHC-02": ("Công bố danh mục thủ tục", "Tháng 3/2026", ["VP"], ["SNV"]),
    "TTHC-03": ("Rà soát thủ tục y tế", "Tháng 1/2026", ["SYT"], []),
    "TTHC-04": ("Đơn giản hóa thủ tục", "Quý I/2026", ["SKHCN"], []),
    "TTHC-05": ("Rà soát phí, lệ phí", "Tháng 2/2026", ["STC", "SNV"], []),
    "CCS-01": ("Nâng cấp Cổng dịch vụ công", "Tháng 2/2026", ["SKHCN"], []),
    "CCS-02": ("Vận hành hệ thống quản lý văn bản", "Thường xuyên", ["VP"], []),
    "CCS-03": ("Số hóa hồ sơ", "Quý II/2026", ["P1", "P2"], []),
    "CCS-04": ("Số hóa hồ sơ cấp phép xây dựng", "Tháng 3/2026", ["SXD"], []),
}


def _area(tid: str) -> str:
    return tid.split("-")[0]


def _lead_text(leads: list[str]) -> str:
    return GROUP if leads == COMMUNES else ", ".join(NAMES[c] for c in leads)


def province_master() -> Master:
    def deliverable(tid: str) -> Deliverable:
        _, deadline, lead, support = TASKS[tid]
        return Deliverable(id=tid, product=f"Sản phẩm {tid}",
                           deadline=parse_deadline(deadline, 2026), lead_text=_lead_text(lead),
                           lead=list(lead), support=list(support),
                           support_text=", ".join(NAMES[c] for c in support))

    areas = []
    for n, (code, title) in enumerate(AREAS.items(), 1):
        ids = [t for t in TASKS if _area(t) == code]
        areas.append(Area(code, title, title.split(",")[0], f"Phụ lục 0{n}", tasks=[
            Task(t, str(i), TASKS[t][0], [deliverable(t)]) for i, t in enumerate(ids, 1)]))
    plan = Plan(authority="Ủy ban nhân dân tỉnh Thanh Hóa",
                title="Kế hoạch cải cách hành chính năm 2026", year=2026, code="tinh-2026",
                number="15/KH-UBND", issued=date(2026, 1, 8))
    units = [Unit(c, n, k, groups=["XA"] if k == COMMUNE else []) for c, n, k in UNITS]
    return Master(plan=plan, units=units, groups=[Group("XA", GROUP, kinds=[COMMUNE])],
                  periods=default_periods(2026), areas=areas)


# --- what the units sent ------------------------------------------------------------------
#
# Quý I năm 2026: data from 15/12/2025 to the cut-off 14/03/2026; returns due 20/03/2026.
# Quý I starts before the plan year does, so it is a cumulative period
# (docs/counting.md, "Which tasks a period counts"): every task of the plan is counted,
# those due in Quý II included.

EVIDENCE = "Văn bản số 12/SNV ngày 20/01/2026"


def done(day: date, evidence: str = EVIDENCE) -> dict:
    return {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: day,
            A.COL_EVIDENCE: evidence}


def doing(percent: int | None = None, evidence: str = "", note: str = "") -> dict:
    answer = {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: percent}
    return answer | ({A.COL_EVIDENCE: evidence} if evidence else {}) | (
        {A.COL_NOTE: note} if note else {})


NOT_YET = {A.COL_STATUS: NOT_STARTED, A.COL_PERCENT: 0}
NOTE = "Đang chờ ý kiến thẩm định của Bộ Tư pháp"
REASON = "chưa có quyết định phê duyệt của UBND tỉnh"

ANSWERS = {
    "SNV": {"TC-01": done(date(2026, 1, 20)), "TTHC-05": done(date(2026, 2, 15)),
            "TTHC-02": done(date(2026, 3, 10))},             # coordinates TTHC-02
    "STP": {"TC-02": done(date(2026, 3, 10)), "TC-05": doing(evidence="Báo cáo số 5/BC-STP"),
            "TC-01": doing(50)},                              # coordinates TC-01
    "STC": {"TC-03": doing(60, note=NOTE), "TTHC-05": NOT_YET},  # received late, 23/03
    "SKHCN": {"TTHC-04": doing(30), "CCS-01": done(date(2026, 2, 25))},  # office: Chưa đạt
    "VP": {"TTHC-02": done(date(2026, 3, 12)), "CCS-02": doing()},
    "SXD": {"TC-04": NOT_YET, "CCS-04": NOT_YET},
    "P1": {"TTHC-01": doing(evidence="Sổ theo dõi hồ sơ"), "CCS-03": done(date(2026, 3, 1))},
    "P2": {"TTHC-01": doing(), "CCS-03": doing(50)},
    "X1": {"TTHC-01": done(date(2026, 3, 5), "Báo cáo số 3/BC-UBND")},
    # SYT and X2 send nothing; X3 sends its file back untouched: refused.
}

# --- each lead row as it must count, by hand ----------------------------------------------
#
# (unit, task) -> (counted status, timeliness, reported, percentage the means take).
# Timeliness: "on time" / "late" (done); "within" / "late" (not done); "assess"; None.
ON, LATE, WITHIN, ASSESS = "on time", "late", "within", "assess"
ROWS = {
    ("SNV", "TC-01"): (DONE, ON, True, 100),             # 20/01 <= 31/01
    ("STP", "TC-02"): (DONE, LATE, True, 100),           # 10/03 > 28/02
    ("STC", "TC-03"): (IN_PROGRESS, LATE, True, 60),     # 28/02 < cut-off 14/03
    ("SXD", "TC-04"): (NOT_STARTED, WITHIN, True, 0),    # due 30/06
    ("STP", "TC-05"): (DONE, ON, True, 100),             # recurring, in progress + evidence
    ("P1", "TTHC-01"): (DONE, ON, True, 100),            # recurring, in progress + evidence
    ("P2", "TTHC-01"): (IN_PROGRESS, ASSESS, True, None),  # recurring, no evidence, no %
    ("X1", "TTHC-01"): (DONE, ON, True, 100),            # recurring, done + evidence
    ("X2", "TTHC-01"): (NOT_STARTED, None, False, 0),    # sent nothing; recurring: no date
    ("X3", "TTHC-01"): (NOT_STARTED, None, False, 0),    # file refused
    ("VP", "TTHC-02"): (DONE, ON, True, 100),            # 12/03 <= 31/03
    ("SYT", "TTHC-03"): (NOT_STARTED, LATE, False, 0),   # sent nothing, due 31/01
    ("SKHCN", "TTHC-04"): (IN_PROGRESS, WITHIN, True, 30),  # due 31/03
    ("STC", "TTHC-05"): (NOT_STARTED, LATE, True, 0),    # due 28/02
    ("SNV", "TTHC-05"): (DONE, ON, True, 100),           # 15/02 <= 28/02
    # Reported done on 25/02, the office says Chưa đạt: in progress, late by 28/02; the
    # 100% it typed is not taken (docs: "Đang thực hiện, 100%" would contradict itself).
    ("SKHCN", "CCS-01"): (IN_PROGRESS, LATE, True, None),
    ("VP", "CCS-02"): (IN_PROGRESS, ASSESS, True, None),  # recurring, no evidence
    ("P1", "CCS-03"): (DONE, ON, True, 100),             # 01/03, due 30/06
    ("P2", "CCS-03"): (IN_PROGRESS, WITHIN, True, 50),
    ("SXD", "CCS-04"): (NOT_STARTED, WITHIN, True, 0),   # due 31/03
}
SENT_ON_TIME = ["SNV", "STP", "SKHCN", "VP", "SXD", "P1", "P2", "X1"]  # received 18/03
NOT_IN = ["SYT", "X2", "X3"]


# --- combining rows as docs/counting.md says ("From units to products to tasks") --------

@dataclass
class Counted:
    status: str
    timeliness: str | None
    reported: bool
    progress: str  # Biểu 3's "Tiến độ"


def _combine(rows: list[tuple]) -> tuple[str, str | None]:
    statuses = [r[0] for r in rows]
    if all(s == DONE for s in statuses):
        status = DONE
    elif all(s == NOT_STARTED for s in statuses):
        status = NOT_STARTED
    else:
        status = IN_PROGRESS
    pool = rows if status == DONE else [r for r in rows if r[0] != DONE]
    times = {r[1] for r in pool}
    if status == DONE:
        return status, LATE if LATE in times else ASSESS if ASSESS in times else ON
    return status, next((t for t in (LATE, ASSESS, WITHIN) if t in times), None)


def _rate(part: int, whole: int) -> str:
    value = (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + "%"


def task(tid: str) -> Counted:
    rows = [ROWS[(u, tid)] for u in TASKS[tid][2]]
    status, timeliness = _combine(rows)
    reported = any(r[2] for r in rows)
    percents = [r[3] for r in rows if r[3] is not None]
    progress = ""
    if reported and percents:
        mean = sum(percents) / len(percents)
        # blank where the mean contradicts the status: 100 and not done, 0 in progress
        if not ((mean == 100 and status != DONE) or (mean == 0 and status == IN_PROGRESS)):
            progress = _rate(sum(percents), 100 * len(percents))
    return Counted(status, timeliness, reported, progress)


KEYS = ("tasks", "done", "done_on_time", "done_late", "in_progress", "not_started", "overdue",
        "not_reported", "needs_assessment", "needs_verification")  # Biểu 1, left to right


def counts(tids: list[str]) -> dict[str, int]:
    ts = [task(t) for t in tids]
    return {"tasks": len(ts), "done": sum(t.status == DONE for t in ts),
            "done_on_time": sum(t.status == DONE and t.timeliness == ON for t in ts),
            "done_late": sum(t.status == DONE and t.timeliness == LATE for t in ts),
            "in_progress": sum(t.status == IN_PROGRESS for t in ts),
            "not_started": sum(t.status == NOT_STARTED for t in ts),
            "overdue": sum(t.status != DONE and t.timeliness == LATE for t in ts),
            "not_reported": sum(not t.reported for t in ts),
            "needs_assessment": sum(t.timeliness == ASSESS for t in ts),
            "needs_verification": 0}


def area_tasks(code: str) -> list[str]:
    return [t for t in TASKS if _area(t) == code]


def unit_row(code: str) -> dict:
    """Biểu 2's figures of one unit: its share of each task it leads counted as a task."""
    led = [t for t in TASKS if code in TASKS[t][2]]
    shares = [_combine([ROWS[(code, t)]]) for t in led]
    done_n = sum(s == DONE for s, _ in shares)
    not_due = not done_n and all(ROWS[(code, t)][1] == WITHIN for t in led)
    return {"led": len(led), "supported": sum(code in TASKS[t][3] for t in TASKS),
            "done": done_n, "late": sum(t == LATE for _, t in shares),
            "rate": "Chưa đến hạn" if not_due else _rate(done_n, len(led))}


def _return(code: str) -> tuple[str | None, str]:
    if code == "STC":
        return "23/03/2026", "Muộn 3 ngày"
    if code in SENT_ON_TIME:
        return "18/03/2026", "Đúng hạn"
    return None, "Tệp bị từ chối" if code == "X3" else "Chưa gửi"


# Ranked within each group by rate, then fewer late, then the file's return: offices SNV
# (100%, 0 late), STP (100%, 1 late), VP (50%), SKHCN (0%, 1 late), STC (0%, 2 late, its
# file late); SXD has nothing due, SYT's report is not in: unranked, after. Communes: P1
# and X1 tie (100%, 0 late, on time), P2 third; X2, X3 not in.
RANKED = {"Các cơ quan, đơn vị": ["SNV", "STP", "VP", "SKHCN", "STC"],
          GROUP: ["P1", "X1", "P2"]}
RANKS = {"SNV": 1, "STP": 2, "VP": 3, "SKHCN": 4, "STC": 5, "P1": 1, "X1": 1, "P2": 3}
ORDER = {"Các cơ quan, đơn vị": ["SNV", "STP", "VP", "SKHCN", "STC", "SXD", "SYT"],
         GROUP: ["P1", "X1", "P2", "X2", "X3"]}


def expected_table_2() -> list[tuple]:
    rows = []
    for group, codes in ORDER.items():
        rows.append((group,) + (None,) * 8)
        for c in codes:
            u = unit_row(c)
            rows.append((RANKS.get(c), NAMES[c], u["led"], u["supported"], u["done"], u["late"],
                         u["rate"], *_return(c)))
    everyone = [unit_row(c) for c in NAMES]
    led, done_n = sum(u["led"] for u in everyone), sum(u["done"] for u in everyone)
    sent = len(NAMES) - len(NOT_IN)
    rows.append((None, "Cộng (lượt đơn vị chủ trì)", led, sum(u["supported"] for u in everyone),
                 done_n, sum(u["late"] for u in everyone), _rate(done_n, led), None,
                 f"Đã gửi {sent}/{len(NAMES)}"))
    return rows


STATE = {DONE: "Đã hoàn thành", IN_PROGRESS: "Đang thực hiện", NOT_STARTED: "Chưa thực hiện"}
TIMELY = {LATE: "Quá hạn", WITHIN: "Trong hạn", ASSESS: "Cần đánh giá", ON: "Đúng hạn"}


def expected_table_3() -> list[tuple]:
    """Biểu 3: every task not done, or done late, by area, as (id, content, leads, deadline,
    state, progress, timeliness, reason)."""
    rows = []
    for code, title in AREAS.items():
        listed = [t for t in area_tasks(code)
                  if task(t).status != DONE or task(t).timeliness == LATE]
        rows.append((title,))
        for t in listed:
            c, (content, deadline, leads, _) = task(t), TASKS[t]
            who = _lead_text(leads)
            behind = [u for u in leads if ROWS[(u, t)][0] != DONE]
            if len(leads) > 1 and len(behind) == len(leads):  # all: not named again
                who += f"\nChưa hoàn thành: cả {len(leads)} đơn vị"
            elif len(leads) > 1 and behind:
                who += (f"\nChưa hoàn thành ({len(behind)}/{len(leads)} đơn vị): "
                        + "; ".join(NAMES[u] for u in behind))
            state = (STATE[c.status] if c.reported
                     else "Chưa có báo cáo (tính là chưa thực hiện)")
            reason = {"TC-03": NOTE,
                      "CCS-01": f"Cơ quan tổng hợp đánh giá Chưa đạt: {REASON}"}.get(t, "")
            rows.append((t, content, who, deadline, state, c.progress, TIMELY[c.timeliness],
                         reason))
    return rows


# --- the office's quarter: split, returns, merge, verdict, report ------------------------

def _run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.merge import merge_returns

    tmp = tmp_path_factory.mktemp("signed")
    master = load_master(write_master(province_master(), tmp / "ke-hoach.xlsx"))
    split = {f.unit_code: f.path for f in split_master(
        master, "Q1", tmp / "giao", issued_at=datetime(2026, 3, 2)).files}
    on_time, late = tmp / "nhan-18-3", tmp / "nhan-23-3"
    for unit in SENT_ON_TIME:
        fill_return(split[unit], on_time / split[unit].name, ANSWERS[unit])
    fill_return(split["X3"], on_time / split["X3"].name, {})  # opened, saved, nothing typed
    fill_return(split["STC"], late / split["STC"].name, ANSWERS["STC"])
    out = tmp / "tong-hop-Q1.xlsx"
    merge_returns(master, [on_time], "Q1", out, received=date(2026, 3, 18))
    merge_returns(master, [late], "Q1", out, received=date(2026, 3, 23))
    typed = type_assessments(out, out, f"Chưa đạt: {REASON}",
                             lambda unit, did: (unit, did) == ("SKHCN", "CCS-01"))
    assert typed == 1
    assessed = _run("assess", out)
    xlsx, docx = tmp / "bao-cao-Q1.xlsx", tmp / "bao-cao-Q1.docx"
    made = CliRunner().invoke(main, ["report", str(out), "--out", str(xlsx), "--docx",
                                     str(docx), "--json"])
    assert made.exit_code == 0, made.output
    data = json.loads(made.stdout)  # stderr says who signs (from the ledger: no plan table)
    return assessed, data, xlsx, word_text(docx)


# --- the hand count itself ----------------------------------------------------------------

def test_the_hand_count_adds_up():
    """The counts this module derives, spelled out: what a reader checks the report by."""
    total = counts(list(TASKS))
    assert [total[k] for k in KEYS] == [14, 4, 3, 1, 7, 3, 4, 1, 2, 0]
    assert _rate(total["done"], total["tasks"]) == "28,57%"
    assert [counts(area_tasks(a))["done"] for a in AREAS] == [3, 1, 0]
    assert sum(unit_row(c)["led"] for c in NAMES) == len(ROWS) == 20
    assert sum(unit_row(c)["done"] for c in NAMES) == 8


# --- the report workbook ------------------------------------------------------------------

def test_office_verdict_is_read_back(signed):
    assessed, data, _, _ = signed
    assert "kỳ Q1 có 1 dòng (sản phẩm × đơn vị chủ trì) do cơ quan tổng hợp đánh giá" in assessed
    assert data["totals"]["judged_by_office"] == 1


def test_table_1_by_area(signed):
    _, _, xlsx, _ = signed
    expected = []
    for n, (code, title) in enumerate(AREAS.items(), 1):
        c = counts(area_tasks(code))
        expected.append((n, title, *(c[k] for k in KEYS), _rate(c["done"], c["tasks"])))
    total = counts(list(TASKS))
    expected.append((None, "Tổng cộng", *(total[k] for k in KEYS),
                     _rate(total["done"], total["tasks"])))
    assert table(xlsx, "Theo lĩnh vực") == expected


def test_table_2_by_unit(signed):
    _, _, xlsx, _ = signed
    ws = load_workbook(xlsx)["Theo đơn vị"]
    rows = list(ws.iter_rows(min_row=7, values_only=True))[1:]  # below the header
    body = rows[:rows.index(next(r for r in rows if r[1] and r[1].startswith("Cộng"))) + 1]
    assert body == expected_table_2()


def test_table_3_unfinished_and_late(signed):
    _, _, xlsx, _ = signed
    ws = load_workbook(xlsx)["Chưa hoàn thành"]
    rows = []
    for r in ws.iter_rows(min_row=5, values_only=True):
        if r[0] in AREAS.values() and r[1] is None:
            rows.append((r[0],))
        elif isinstance(r[0], int):
            rows.append(tuple("" if v is None else v for v in r[1:]))
    assert rows == expected_table_3()


# --- the Word report ----------------------------------------------------------------------

def test_word_sentences(signed):
    _, _, _, (paragraphs, _) = signed
    total = counts(list(TASKS))
    late_names = [NAMES["STC"]]
    assert (f"Kế hoạch có {total['tasks']} nhiệm vụ được tính trong kỳ thuộc {len(AREAS)} lĩnh "
            f"vực, giao cho {len(NAMES)} cơ quan, đơn vị chủ trì hoặc phối hợp. Đến hạn gửi "
            f"báo cáo (20/03/2026) đã nhận báo cáo của {len(SENT_ON_TIME)}/{len(NAMES)} đơn vị. "
            f"Sau hạn, nhận thêm báo cáo của 1 đơn vị: {late_names[0]}. Chưa gửi hoặc chưa có "
            "báo cáo hợp lệ: " + "; ".join(NAMES[c] for c in NOT_IN) + ".") in paragraphs
    headline = next(p for p in paragraphs if p.startswith("Đến ngày 14/03/2026, đã hoàn thành"))
    assert headline.startswith(
        f"Đến ngày 14/03/2026, đã hoàn thành {total['done']}/{total['tasks']} nhiệm vụ, đạt "
        f"28,57% (đúng hạn {total['done_on_time']}, quá hạn {total['done_late']}); đang thực "
        f"hiện {total['in_progress']} nhiệm vụ; chưa thực hiện {total['not_started']} nhiệm vụ "
        f"(trong đó {total['not_reported']} nhiệm vụ chưa có báo cáo); {total['overdue']} "
        "nhiệm vụ chưa hoàn thành đã quá hạn. Trong 4 nhiệm vụ đã hoàn thành có 1 nhiệm vụ "
        "thường xuyên")  # TC-05, STP's "Đang thực hiện" with evidence
    assert (f"Có {total['needs_assessment']} nhiệm vụ thường xuyên, định kỳ hoặc theo sự kiện "
            "cần đánh giá.") in headline
    tc, tthc, ccs = (counts(area_tasks(a)) for a in AREAS)
    assert ("Được giao 5 nhiệm vụ: đã hoàn thành 3 nhiệm vụ (đúng hạn 2, quá hạn 1; trong đó 1 "
            "nhiệm vụ thường xuyên, định kỳ hoặc theo sự kiện đã thực hiện trong kỳ), đạt "
            "60,00%; đang thực hiện 1 nhiệm vụ; chưa thực hiện 1 nhiệm vụ; 1 nhiệm vụ chưa "
            "hoàn thành đã quá hạn.") in paragraphs and tc["tasks"] == 5
    assert "Hoàn thành sau thời hạn: Kiểm tra văn bản (chủ trì: Sở Tư pháp)." in paragraphs
    assert ("Quá hạn, chưa hoàn thành: Xây dựng quy định phân cấp (chưa hoàn thành: "
            "Sở Tài chính).") in paragraphs
    assert ("Chưa thực hiện: Hướng dẫn quy chuẩn xây dựng (chưa đến hạn; chủ trì: "
            "Sở Xây dựng).") in paragraphs
    assert (f"Được giao {tthc['tasks']} nhiệm vụ: đã hoàn thành 1 nhiệm vụ (đúng hạn 1), đạt "
            f"20,00%; đang thực hiện {tthc['in_progress']} nhiệm vụ; chưa thực hiện 1 nhiệm vụ "
            f"(chưa có báo cáo); {tthc['overdue']} nhiệm vụ chưa hoàn thành đã quá hạn."
            ) in paragraphs
    assert ("Quá hạn, chưa hoàn thành: Rà soát thủ tục y tế (chưa có báo cáo: Sở Y tế); Rà "
            "soát phí, lệ phí (chưa hoàn thành: Sở Tài chính).") in paragraphs
    assert (f"Được giao {ccs['tasks']} nhiệm vụ: chưa có nhiệm vụ nào hoàn thành; đang thực "
            f"hiện {ccs['in_progress']} nhiệm vụ; chưa thực hiện 1 nhiệm vụ; "
            f"{ccs['overdue']} nhiệm vụ chưa hoàn thành đã quá hạn.") in paragraphs
    # SKHCN reported CCS-01 done; the office said Chưa đạt: the signed body says so, not
    # a bare "chưa hoàn thành" the unit's own report contradicts.
    assert ("Quá hạn, chưa hoàn thành: Nâng cấp Cổng dịch vụ công (cơ quan tổng hợp đánh "
            "giá Chưa đạt: Sở Khoa học và Công nghệ).") in paragraphs
    assert (f"Tiếp tục chỉ đạo thực hiện {total['tasks'] - total['done']} nhiệm vụ chưa hoàn "
            f"thành, ưu tiên {total['overdue']} nhiệm vụ đã quá hạn. Đôn đốc 2 đơn vị chưa "
            "gửi báo cáo kỳ này và 1 đơn vị có tệp bị từ chối gửi lại báo cáo hợp lệ."
            ) in paragraphs
    assert f"- {NOTE} (nhiệm vụ “Xây dựng quy định phân cấp”; 1 đơn vị: Sở Tài chính)." \
        in paragraphs


def _cells(row: tuple) -> list[str]:
    return ["" if v is None else str(v) for v in row]


def test_word_appendices_match_the_hand_count(signed):
    _, _, xlsx, (_, rows) = signed
    by_first = [r for r in rows if len(r) >= 9 and len(set(r)) > 1]  # no group heading
    # Phụ lục I: Biểu 1's rows, as text.
    table_1 = [_cells(r) for r in table(xlsx, "Theo lĩnh vực")]
    assert [r for r in by_first if r[1] in (*AREAS.values(), "Tổng cộng")] == table_1
    # Phụ lục II: each unit's row and the sum.
    unit_rows = [r for r in by_first if r[1] in NAMES.values() or r[1].startswith("Cộng")]
    assert unit_rows == [_cells(r) for r in expected_table_2() if r[1]]
    # Phụ lục III: its plan number in the place of the id, otherwise Biểu 3.
    number = {t: f"{i} (Phụ lục 0{n})" for n, a in enumerate(AREAS, 1)
              for i, t in enumerate(area_tasks(a), 1)}
    expected = [[str(n), number[r[0]], *r[1:]] for n, r in enumerate(
        (r for r in expected_table_3() if len(r) > 1), 1)]
    assert [r for r in by_first if r[1] in number.values()] == expected
