"""One tricky period of a 2026 province plan, counted by hand, against every output the
office signs or reads: the Word report (sentences, Phụ lục I-III), the report's workbook
(Biểu 1-3), its page, ``report --json``, the consolidated workbook's "Tổng hợp", the web
app's Thu nhận (its board and the upload's message) and Báo cáo (the report's page), the
reminder letter with its mail-merge list and the letter chasing overdue tasks.

The plan is test_report_signed's (12 units, 14 tasks in 3 areas), its letters sent by the
Sở Nội vụ (the plan's "Cơ quan gửi công văn, báo cáo"), which leads and coordinates tasks
of its own. The period is 6 tháng (cut off 14/06/2026, returns due 20/06/2026), after a
first quarter in which two units reported a task done. It has together: a unit that
returned late (STC, 23/06, uploaded on Thu nhận), units that never returned (SYT, whose
task done in Quý I still counts; X2), a file withdrawn and sent again after the due day
(SKHCN: on time by its first file, counted by its second), a file replaced by a later
upload (P1), tasks with several leads (a group's; two departments; two wards), a
coordinator's rows, a task carried from Quý I on a row left blank (SXD), overdue tasks not
finished, answers with a percentage and with a status alone, a file of another plan
refused (X3's, nobody's report: X3 stays "Chưa gửi"), and the Sở Nội vụ's own report.

What each figure must be is counted below from the plan's tasks and the answers typed,
by docs/counting.md, with no call of cchc_xl's summary: ``ANSWERS`` is what counts of
what each unit sent (the file settled on by hand: the last saved, not withdrawn, not
refused; a row left blank keeps its Quý I "done"), and ``judge``, ``task``, ``unit``
combine it as the docs say.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from click.testing import CliRunner
from docx import Document
from test_figures import word_text
from test_report_signed import (
    AREAS,
    NAMES,
    NOT_YET,
    NOTE,
    TASKS,
    doing,
    done,
    province_master,
)

from cchc_xl import assignment as A
from cchc_xl.cli import main
from cchc_xl.split import split_master
from cchc_xl.vocab import DONE, IN_PROGRESS, NOT_STARTED
from make_sample_returns import fill_return
from support.clock import set_clock
from support.report import html_tables
from support.web import _client, _token, _wait
from support.workbooks import load_workbook

CUTOFF, DUE = date(2026, 6, 14), date(2026, 6, 20)
# The plan's deadlines as days, read by hand (a month or quarter: its last day).
DUE_ON = {"Tháng 1/2026": date(2026, 1, 31), "Tháng 2/2026": date(2026, 2, 28),
          "Tháng 3/2026": date(2026, 3, 31), "Quý I/2026": date(2026, 3, 31),
          "Quý II/2026": date(2026, 6, 30), "Thường xuyên": None}
# The answers as the 2026 province's report test types them (done, doing, not yet).

# Quý I: SYT and SXD report a task done (SXD's TC-04 not started).
Q1 = {"SYT": {"TTHC-03": done(date(2026, 1, 25))},
      "SXD": {"CCS-04": done(date(2026, 3, 10)), "TC-04": NOT_YET}}
# 6 tháng, the files as sent: (unit, file name, answers, saved, received).
SAVED, ON_DAY = datetime(2026, 6, 17, 9), date(2026, 6, 18)
FIRST = {
    "SNV": {"TC-01": done(date(2026, 1, 20)), "TTHC-05": done(date(2026, 2, 15)),
            "TTHC-02": done(date(2026, 3, 10))},               # coordinates TTHC-02
    "STP": {"TC-02": done(date(2026, 3, 10)), "TC-05": doing(evidence="Báo cáo số 5/BC-STP"),
            "TC-01": doing(50)},                                # coordinates TC-01
    "VP": {"TTHC-02": done(date(2026, 3, 12)), "CCS-02": doing()},  # status alone
    "SXD": {"TC-04": NOT_YET},                                  # CCS-04 left blank
    "P2": {"TTHC-01": doing(), "CCS-03": doing(50)},
    "X1": {"TTHC-01": done(date(2026, 6, 5), "Báo cáo số 3/BC-UBND")},
}
SKHCN_FIRST = {"TTHC-04": done(date(2026, 3, 20)), "CCS-01": done(date(2026, 2, 25))}  # withdrawn
SKHCN_AGAIN = {"TTHC-04": doing(70), "CCS-01": done(date(2026, 2, 25))}  # received 22/06
P1_FIRST = {"TTHC-01": doing(), "CCS-03": doing(30)}                     # replaced
P1_AGAIN = {"TTHC-01": doing(evidence="Sổ theo dõi hồ sơ"), "CCS-03": done(date(2026, 6, 1))}
STC = {"TC-03": doing(60, note=NOTE), "TTHC-05": NOT_YET}                # received 23/06

# --- the hand count -----------------------------------------------------------------------

# What counts of each unit, settled by hand: the counted file's answers, a blank row
# keeping the unit's Quý I "done" (docs/counting.md rule 2), SYT (nothing sent) its Quý I
# answer alone, X2 nothing, X3 nothing (its file is another plan's: nobody's report).
ANSWERS = {**FIRST, "SKHCN": SKHCN_AGAIN, "P1": P1_AGAIN, "STC": STC,
           "SXD": {**FIRST["SXD"], "CCS-04": Q1["SXD"]["CCS-04"]}, "SYT": Q1["SYT"]}
# The day of each unit's first accepted file (a withdrawn or replaced one included).
RECEIVED = {u: ON_DAY for u in ("SNV", "STP", "VP", "SXD", "P2", "X1", "SKHCN", "P1")}
RECEIVED["STC"] = date(2026, 6, 23)
ON, LATE, WITHIN, ASSESS = "on time", "late", "within", "assess"


def judge(unit: str, tid: str) -> tuple[str, str | None, bool, float | None]:
    """A lead's row at the cut-off: (status, timeliness, reported, percentage counted)."""
    due = DUE_ON[TASKS[tid][1]]
    answer = ANSWERS.get(unit, {}).get(tid)
    if answer is None:
        return NOT_STARTED, None if due is None else LATE if CUTOFF > due else WITHIN, False, 0
    status, percent = answer[A.COL_STATUS], answer[A.COL_PERCENT]
    if due is None:  # recurring: carried out with evidence, else as reported, to assess
        if status != NOT_STARTED and answer.get(A.COL_EVIDENCE):
            return DONE, ON, True, 100
        return status, ASSESS if status != NOT_STARTED else None, True, percent
    if status == DONE:
        return DONE, ON if answer[A.COL_DONE_ON] <= due else LATE, True, 100
    return status, LATE if CUTOFF > due else WITHIN, True, percent


def _combine(rows: list[tuple]) -> tuple[str, str | None]:
    statuses = {r[0] for r in rows}
    status = (DONE if statuses == {DONE} else NOT_STARTED if statuses == {NOT_STARTED}
              else IN_PROGRESS)
    times = {r[1] for r in rows if status == DONE or r[0] != DONE}
    order = (LATE, ASSESS, ON) if status == DONE else (LATE, ASSESS, WITHIN)
    return status, next((t for t in order if t in times), None)


def rate(part: float, whole: float) -> str:
    value = (Decimal(str(100 * part)) / Decimal(str(whole))).quantize(Decimal("0.01"),
                                                                       ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + "%"


def task(tid: str) -> dict:
    rows = [judge(u, tid) for u in TASKS[tid][2]]
    status, timeliness = _combine(rows)
    percents = [r[3] for r in rows if r[3] is not None]
    progress = ""
    if any(r[2] for r in rows) and percents:
        mean = sum(percents) / len(percents)
        if not ((mean == 100 and status != DONE) or (mean == 0 and status == IN_PROGRESS)):
            progress = rate(sum(percents), 100 * len(percents))
    return {"status": status, "timeliness": timeliness, "reported": any(r[2] for r in rows),
            "progress": progress}


def counts(tids) -> dict[str, int]:
    ts = [task(t) for t in tids]
    return {"tasks": len(ts), "done": sum(t["status"] == DONE for t in ts),
            "done_on_time": sum(t["status"] == DONE and t["timeliness"] == ON for t in ts),
            "done_late": sum(t["status"] == DONE and t["timeliness"] == LATE for t in ts),
            "in_progress": sum(t["status"] == IN_PROGRESS for t in ts),
            "not_started": sum(t["status"] == NOT_STARTED for t in ts),
            "overdue": sum(t["status"] != DONE and t["timeliness"] == LATE for t in ts),
            "not_reported": sum(not t["reported"] for t in ts),
            "needs_assessment": sum(t["timeliness"] == ASSESS for t in ts),
            "needs_verification": 0}


GRID = ("tasks", "done", "done_on_time", "done_late", "in_progress", "not_started", "overdue",
        "not_reported", "needs_assessment", "needs_verification")  # Biểu 1, left to right
LEADS = [(u, t) for t in TASKS for u in TASKS[t][2]]


def lead_counts() -> dict[str, int]:
    rows = [judge(u, t) for u, t in LEADS]
    return {"tasks": len(rows), "done": sum(r[0] == DONE for r in rows),
            "done_on_time": sum(r[0] == DONE and r[1] == ON for r in rows),
            "done_late": sum(r[0] == DONE and r[1] == LATE for r in rows),
            "in_progress": sum(r[0] == IN_PROGRESS for r in rows),
            "not_started": sum(r[0] == NOT_STARTED for r in rows),
            "overdue": sum(r[0] != DONE and r[1] == LATE for r in rows),
            "needs_assessment": sum(r[1] == ASSESS for r in rows),
            "not_reported": sum(not r[2] for r in rows)}


def unit(code: str) -> dict:
    led = [t for t in TASKS if code in TASKS[t][2]]
    shares = [_combine([judge(code, t)]) for t in led]
    n_done = sum(s == DONE for s, _ in shares)
    day = RECEIVED.get(code)
    return {"led": len(led), "supported": sum(code in TASKS[t][3] for t in TASKS),
            "done": n_done, "late": sum(t == LATE for _, t in shares),
            "rate": rate(n_done, len(led)), "received": day,
            "return": ("Chưa gửi" if day is None else "Đúng hạn" if day <= DUE
                       else f"Muộn {(day - DUE).days} ngày")}


IN = [u for u in NAMES if u in RECEIVED]
NOT_IN = [u for u in NAMES if u not in RECEIVED]
ON_TIME = [u for u in IN if RECEIVED[u] <= DUE]
LATE_UNITS = [u for u in IN if RECEIVED[u] > DUE]


def test_the_hand_count_adds_up():
    """The figures a reader checks the outputs by, spelled out."""
    total = counts(TASKS)
    assert [total[k] for k in GRID] == [14, 7, 6, 1, 6, 1, 3, 0, 2, 0]
    assert lead_counts() == {"tasks": 20, "done": 11, "done_on_time": 10, "done_late": 1,
                             "in_progress": 5, "not_started": 4, "overdue": 3,
                             "needs_assessment": 2, "not_reported": 2}
    assert (len(IN), len(ON_TIME), LATE_UNITS, NOT_IN) == (9, 8, ["STC"], ["SYT", "X2", "X3"])
    assert unit("SKHCN")["return"] == "Đúng hạn" and unit("SYT")["done"] == 1


# --- the period, as the office runs it -----------------------------------------------------

def _run(*args) -> str:
    """The command's standard output (what it says on stderr, e.g. who signs, apart)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output  # 1: the refused file's error
    return result.stdout


@pytest.fixture(scope="module")
def period(tmp_path_factory):
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    with pytest.MonkeyPatch.context() as mp:  # undone if the set-up fails, too
        yield from _period(mp, tmp_path_factory, load_master, write_master)


def _period(mp, tmp_path_factory, load_master, write_master):
    set_clock(mp, date(2026, 6, 25))
    tmp = tmp_path_factory.mktemp("agree")
    data = tmp / "data"
    data.mkdir()
    plan = province_master()
    plan.plan.sender = "Sở Nội vụ"
    master = load_master(write_master(plan, data / "ke-hoach.xlsx"))
    other = province_master()
    other.plan.code = "tinh-2026-khac"
    other = load_master(write_master(other, tmp / "khac.xlsx"))

    def split(m, code, out):
        return {f.unit_code: f.path for f in split_master(
            m, code, out, issued_at=datetime(2026, 3 if code == "Q1" else 6, 1)).files}

    def merge(folder, code, day):
        return _run("merge", data / "ke-hoach.xlsx", folder, "--period", code, "--out",
                    data / f"tong-hop-{code}.xlsx", "--received", day.strftime("%d/%m/%Y"))

    q1 = split(master, "Q1", data / "giao-Q1")
    for u, typed in Q1.items():
        fill_return(q1[u], tmp / "q1" / q1[u].name, typed, saved_at=datetime(2026, 3, 17, 9))
    merge(tmp / "q1", "Q1", date(2026, 3, 18))
    given, wrong = split(master, "6T", data / "giao-6T"), split(other, "6T", tmp / "khac")
    first = tmp / "nhan-18-6"
    for u, typed in FIRST.items():
        fill_return(given[u], first / given[u].name, typed, saved_at=SAVED)
    fill_return(given["SKHCN"], first / "SKHCN-lan1.xlsx", SKHCN_FIRST, saved_at=SAVED)
    fill_return(given["P1"], first / "P1-lan1.xlsx", P1_FIRST, saved_at=datetime(2026, 6, 16, 9))
    fill_return(wrong["X3"], first / "X3.xlsx", {"TTHC-01": doing(evidence="Sổ")},
                saved_at=SAVED)
    merge(first, "6T", ON_DAY)
    _run("withdraw", data / "cchc-ledger.sqlite", "--file", "SKHCN-lan1.xlsx", "--period", "6T")
    again = tmp / "nhan-22-6"
    fill_return(given["P1"], again / "P1-lan2.xlsx", P1_AGAIN, saved_at=datetime(2026, 6, 18, 15))
    fill_return(given["SKHCN"], again / "SKHCN-lan2.xlsx", SKHCN_AGAIN,
                saved_at=datetime(2026, 6, 21, 9))
    merge(again, "6T", date(2026, 6, 22))
    # The late file on Thu nhận, received 23/06.
    late = fill_return(given["STC"], tmp / "STC.xlsx", STC, saved_at=datetime(2026, 6, 22, 9))
    client = _client(data)
    token = _token(client)
    sent = _wait(client, client.post(
        "/thu-nhan/6T", data={"received": "23/06/2026"},
        files=[("files", (late.name, late.read_bytes()))],
        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert sent["state"] == "done", sent
    # Named as the web app names them (folder_names), so that Báo cáo serves the page.
    out = {k: data / name for k, name in (
        ("bao-cao", "bao-cao-6T.xlsx"), ("trang", "bao-cao-6T.html"),
        ("word", "bao-cao-6T.docx"), ("don-doc", "don-doc-6T.docx"),
        ("tron-thu", "don-doc-6T.xlsx"), ("qua-han", "qua-han-6T.docx"))}
    report = json.loads(_run("report", data / "tong-hop-6T.xlsx", "--out", out["bao-cao"],
                             "--html", out["trang"], "--docx", out["word"], "--json"))
    _run("remind", data / "tong-hop-6T.xlsx", "--out", out["don-doc"], "--csv", out["tron-thu"])
    _run("remind", data / "tong-hop-6T.xlsx", "--overdue", "--out", out["qua-han"])
    yield {"data": data, "client": client, "merged": sent["result"]["message"],
           "json": report, **out}


# --- each output against the hand count ---------------------------------------------------

def _area_rows() -> list[list[str]]:
    rows = []
    for n, (code, title) in enumerate(AREAS.items(), 1):
        c = counts(t for t in TASKS if t.startswith(code + "-"))
        rows.append([str(n), title, *(str(c[k]) for k in GRID), rate(c["done"], c["tasks"])])
    c = counts(TASKS)
    return rows + [["", "Tổng cộng", *(str(c[k]) for k in GRID), rate(c["done"], c["tasks"])]]


def _unit_rows() -> dict[str, list[str]]:
    """Biểu 2 by unit (rank aside): led, supported, done, late, rate, received, return."""
    rows = {}
    for code, name in NAMES.items():
        u = unit(code)
        rows[name] = [str(u["led"]), str(u["supported"]), str(u["done"]), str(u["late"]),
                      u["rate"], u["received"].strftime("%d/%m/%Y") if u["received"] else "",
                      u["return"]]
    everyone = [unit(c) for c in NAMES]
    led, n_done = sum(u["led"] for u in everyone), sum(u["done"] for u in everyone)
    rows["Cộng (lượt đơn vị chủ trì)"] = [
        str(led), str(sum(u["supported"] for u in everyone)), str(n_done),
        str(sum(u["late"] for u in everyone)), rate(n_done, led), "",
        f"Đã gửi {len(IN)}/{len(NAMES)}"]
    return rows


def _pending_rows() -> list[list[str]]:
    """Biểu 3: (code, state, progress, timeliness) of every task not done, or done late."""
    word = {DONE: "Đã hoàn thành", IN_PROGRESS: "Đang thực hiện", NOT_STARTED: "Chưa thực hiện"}
    timely = {LATE: "Quá hạn", WITHIN: "Trong hạn", ASSESS: "Cần đánh giá", ON: "Đúng hạn"}
    return [[t, word[c["status"]], c["progress"], timely[c["timeliness"]]]
            for t, c in ((t, task(t)) for t in TASKS)
            if c["status"] != DONE or c["timeliness"] == LATE]


def _texts(rows) -> list[list[str]]:
    return [["" if v is None else str(v) for v in r] for r in rows]


def _by_unit(rows) -> dict[str, list[str]]:
    names = {*NAMES.values(), "Cộng (lượt đơn vị chủ trì)"}
    return {r[1]: r[2:9] for r in rows if len(r) >= 9 and r[1] in names}


def test_report_json(period):
    data = period["json"]
    assert {k: data["totals"][k] for k in GRID} == counts(TASKS)
    for area in data["areas"]:
        assert {k: area[k] for k in GRID} == counts(
            t for t in TASKS if t.startswith(area["code"] + "-"))
    for u in data["units"]:
        mine = unit(u["code"])
        assert (u["led"], u["supported"], u["done"], u["return"], u["returned"]) == (
            mine["led"], mine["supported"], mine["done"], mine["return"], u["code"] in IN), u
    assert data["missing_units"] == NOT_IN


def test_report_workbook_and_page(period):
    book = load_workbook(period["bao-cao"])
    tables = html_tables(period["trang"].read_text(encoding="utf-8"))
    # Biểu 1.
    areas = [r[:13] for r in _texts(book["Theo lĩnh vực"].iter_rows(values_only=True))
             if r[1] in (*AREAS.values(), "Tổng cộng")]
    assert areas == _area_rows()
    assert [r for r in tables["linh-vuc"] if len(r) == 13] == _area_rows()
    # Biểu 2.
    expected = _unit_rows()
    assert _by_unit(_texts(book["Theo đơn vị"].iter_rows(values_only=True))) == expected
    assert _by_unit(tables["don-vi"]) == expected
    # Biểu 3.
    pending = [[r[1], r[5], r[6], r[7]] for r in tables["chua-hoan-thanh"]
               if len(r) == 9 and r[0].isdigit()]
    assert pending == _pending_rows()
    sheet = [[r[1], r[5], r[6], r[7]]
             for r in _texts(book["Chưa hoàn thành"].iter_rows(values_only=True))
             if r[0].isdigit() and r[1] in TASKS]
    assert sheet == _pending_rows()


def test_word_report(period):
    paragraphs, rows = word_text(period["word"])
    total = counts(TASKS)
    names = "; ".join(NAMES[u] for u in NOT_IN)
    assert (f"Đến hạn gửi báo cáo (20/06/2026) đã nhận báo cáo của {len(ON_TIME)}/"
            f"{len(NAMES)} đơn vị. Sau hạn, nhận thêm báo cáo của {len(LATE_UNITS)} đơn vị: "
            f"{NAMES['STC']}. Chưa gửi hoặc chưa có báo cáo hợp lệ: {names}.") in "\n".join(
                paragraphs)
    assert any(p.startswith(
        f"Đến ngày 14/06/2026, đã hoàn thành {total['done']}/{total['tasks']} nhiệm vụ, đạt "
        f"{rate(total['done'], total['tasks'])} (đúng hạn {total['done_on_time']}, quá hạn "
        f"{total['done_late']}); đang thực hiện {total['in_progress']} nhiệm vụ; chưa thực "
        f"hiện {total['not_started']} nhiệm vụ; {total['overdue']} nhiệm vụ chưa hoàn thành "
        "đã quá hạn.") for p in paragraphs)
    assert (f"thực hiện {total['tasks'] - total['done']} nhiệm vụ chưa hoàn thành, ưu tiên "
            f"{total['overdue']} nhiệm vụ đã quá hạn. Đôn đốc {len(NOT_IN)} đơn vị chưa gửi "
            "báo cáo kỳ này.") in "\n".join(paragraphs)
    # Phụ lục I and II, their cells as python-docx reads them.
    assert [r for r in rows if len(r) == 13 and r[1] in (*AREAS.values(), "Tổng cộng")] \
        == _area_rows()
    assert _by_unit(rows) == _unit_rows()
    # Phụ lục III: state, progress, timeliness of each task listed, in Biểu 3's order.
    assert [r[5:8] for r in rows if len(r) == 9 and re.match(r"\d+ \(Phụ lục", r[1])] == [
        r[1:] for r in _pending_rows()]


def test_consolidated_summary_sheet(period):
    items = {r[0].strip(): r[1] for r in load_workbook(
        period["data"] / "tong-hop-6T.xlsx")["Tổng hợp"].iter_rows(min_row=5, values_only=True)
        if r[0]}
    assert (items["Đơn vị được giao nhiệm vụ"], items["Đơn vị đã gửi (tệp được nhận)"],
            items["Nhận đến hạn gửi báo cáo (20/06/2026)"], items["Nhận sau hạn"],
            items["Đơn vị chưa gửi (xem trang 'Chưa gửi')"]) == (
                len(NAMES), len(IN), len(ON_TIME), len(LATE_UNITS), len(NOT_IN))
    # 12 files of the period: 9 counted, P1's first replaced, X3's refused, SKHCN's first
    # withdrawn.
    assert (items["Tệp được nhận"], items["Tệp bị thay thế"], items["Tệp bị từ chối"],
            items["Tệp đã rút"]) == (9, 1, 1, 1)
    total, leads = counts(TASKS), lead_counts()
    assert items["Số nhiệm vụ (tổng số)"] == total["tasks"]
    assert items["Tỷ lệ hoàn thành (tính trên nhiệm vụ)"] == rate(total["done"], total["tasks"])
    assert items["Số lượt đơn vị chủ trì (tổng số)"] == leads["tasks"]
    assert items["Tỷ lệ hoàn thành (tính trên lượt đơn vị chủ trì)"] == rate(
        leads["done"], leads["tasks"])
    labels = ["Đã hoàn thành", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện",
              "Chưa thực hiện", "Chưa hoàn thành, đã quá hạn", "Cần đánh giá",
              "Chưa có báo cáo (đã tính là chưa thực hiện)"]
    keys = ["done", "done_on_time", "done_late", "in_progress", "not_started", "overdue",
            "needs_assessment", "not_reported"]
    ws = load_workbook(period["data"] / "tong-hop-6T.xlsx")["Tổng hợp"]
    pairs = [(r[0].strip(), r[1]) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    at = [i for i, (label, _) in enumerate(pairs) if label.endswith("(tổng số)")]
    for start, figures in zip(at, (total, leads), strict=True):
        block = dict(pairs[start + 1:start + 11])
        assert [block[label] for label in labels] == [figures[k] for k in keys]


def test_thu_nhan_and_bao_cao_pages(period):
    assert f"Đơn vị đã gửi: {len(IN)}/{len(NAMES)}" in period["merged"], period["merged"]
    client = period["client"]
    board = html.unescape(client.get("/thu-nhan?ky=6T").text)
    shown = dict(re.findall(r"(Tất cả|Chưa gửi|Gửi muộn|Tệp bị từ chối|Đúng hạn) \((\d+)\)",
                            re.sub(r"<[^>]+>", " ", board)))
    assert shown == {"Tất cả": str(len(NAMES)), "Chưa gửi": str(len(NOT_IN)),
                     "Gửi muộn": str(len(LATE_UNITS)), "Tệp bị từ chối": "0",
                     "Đúng hạn": str(len(ON_TIME))}
    assert client.get("/bao-cao?ky=6T").status_code == 200
    page = client.get("/bao-cao/6T/trang")
    assert page.status_code == 200
    tables = html_tables(page.text)
    assert [r for r in tables["linh-vuc"] if len(r) == 13] == _area_rows()
    assert _by_unit(tables["don-vi"]) == _unit_rows()


def _lines(path) -> list[str]:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells).splitlines()


def test_reminder_letters(period):
    body = "\n".join(_lines(period["don-doc"]))
    # The Sở Nội vụ sends the letter and is counted among the 12, its report in.
    assert (f"đã nhận báo cáo của {len(IN)}/{len(NAMES)} đơn vị (kể cả Sở Nội vụ); còn một "
            "số đơn vị chưa gửi báo cáo hoặc gửi muộn") in body, body
    assert f"1. Đơn vị chưa gửi báo cáo ({len(NOT_IN)})\n" + "; ".join(
        NAMES[u] for u in NOT_IN) + "." in body
    assert f"2. Đơn vị gửi báo cáo muộn ({len(LATE_UNITS)})\nSở Tài chính (muộn 3 ngày)." in body
    listed = {r[0]: r[6] for r in load_workbook(period["tron-thu"]).active.iter_rows(
        min_row=2, values_only=True)}
    assert listed == {**dict.fromkeys(NOT_IN, "Chưa gửi"), "STC": "Gửi muộn 3 ngày"}
    # The overdue letter: the lead rows counted "Chưa hoàn thành, đã quá hạn".
    overdue = [(u, t) for u, t in LEADS if judge(u, t)[0] != DONE and judge(u, t)[1] == LATE]
    units = sorted({u for u, _ in overdue})
    text = "\n".join(_lines(period["qua-han"]))
    assert (f"còn {len(overdue)} nhiệm vụ, sản phẩm do {len(units)} cơ quan, đơn vị chủ trì "
            "chưa hoàn thành, đã quá thời hạn") in text, text
    for u in units:
        assert f"{NAMES[u]} ({sum(v == u for v, _ in overdue)})" in text
