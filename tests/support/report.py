"""The small plan of the period report's tests (tests/test_report_*.py, test_docx*.py,
test_figures.py): its master, what its units returned (RETURNS, SAVED: read by
build_ledger when it runs, so a test may patch them), the 6-month figures counted
by hand from those returns; and readers of a report's sheets and page.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

from cchc_xl import ledger as L
from cchc_xl.answer import Answer
from cchc_xl.deadlines import parse_deadline
from cchc_xl.model import Area, Deliverable, Group, Master, Plan, Task, Unit
from cchc_xl.periods import default_periods
from cchc_xl.vocab import COMMUNE, DEPARTMENT, DONE, IN_PROGRESS, NOT_STARTED
from support.workbooks import load_workbook  # merged ranges' borders not drawn

MERGED_AT = datetime(2023, 9, 16, 8, 30)
AREA_SHEET, UNIT_SHEET, PENDING_SHEET, NOTES_SHEET = (
    "Theo lĩnh vực", "Theo đơn vị", "Chưa hoàn thành", "Ghi chú")


# --- a small plan and its returns ----------------------------------------------------------

def _d(did: str, product: str, deadline: str, lead: list[str], lead_text: str,
       support: list[str] = (), support_text: str = "") -> Deliverable:
    return Deliverable(id=did, product=product, deadline=parse_deadline(deadline, 2023),
                       lead_text=lead_text, support_text=support_text, lead=list(lead),
                       support=list(support))


def tiny_master() -> Master:
    units = [Unit("NV", "Phòng Nội vụ", DEPARTMENT), Unit("TP", "Phòng Tư pháp", DEPARTMENT),
             Unit("X1", "Xã Một", COMMUNE, groups=["XA"]),
             Unit("X2", "Xã Hai", COMMUNE, groups=["XA"])]
    tc = Area("TC", "Cải cách thể chế", "Thể chế", "Phụ lục số 01: Thể chế", tasks=[
        Task("TC-01", "1", "Rà soát văn bản", [
            _d("TC-01", "Báo cáo rà soát", "Tháng 3/2023", ["NV"], "Phòng Nội vụ",
               ["TP"], "Phòng Tư pháp")]),
        Task("TC-02", "2", "Kiểm tra văn bản", [
            _d("TC-02", "Kế hoạch kiểm tra", "Quý IV/2023", ["TP"], "Phòng Tư pháp")]),
        Task("TC-03", "3", "Theo dõi thi hành pháp luật", [
            _d("TC-03", "Báo cáo", "Thường xuyên", ["NV"], "Phòng Nội vụ")]),
        Task("TC-04", "4", "Phổ biến pháp luật ở xã", [
            _d("TC-04", "Hội nghị", "Tháng 5/2023", ["X2"], "Xã Hai")]),
    ])
    tthc = Area("TTHC", "Cải cách thủ tục hành chính", "Thủ tục", "Phụ lục số 02: Thủ tục",
                tasks=[
        Task("TTHC-01", "1", "Công khai thủ tục tại xã", [
            _d("TTHC-01", "Bảng công khai", "Trước 15/5/2023", ["X1", "X2"],
               "UBND các xã")]),
        Task("TTHC-02", "2", "Số hóa hồ sơ", [
            _d("TTHC-02", "Kế hoạch số hóa", "Tháng 2/2023", ["NV"], "Phòng Nội vụ"),
            _d("TTHC-02.2", "Báo cáo số hóa", "Tháng 8/2023", ["NV"], "Phòng Nội vụ")]),
        Task("TTHC-03", "3", "Rà soát thủ tục", [
            _d("TTHC-03", "Phương án đơn giản hóa", "Tháng 4/2023", ["TP"], "Phòng Tư pháp",
               ["X1"], "Xã Một")]),
    ])
    plan = Plan(authority="Ủy ban nhân dân huyện Thử", title="Kế hoạch cải cách hành chính "
                "năm 2023", year=2023, code="thu-2023")
    return Master(plan=plan, units=units,
                  groups=[Group("XA", "UBND các xã", kinds=[COMMUNE])],
                  periods=default_periods(2023), areas=[tc, tthc])


def done(day: date, evidence: str = "", note: str = "") -> tuple:
    return (DONE, 100.0, day, evidence, note)


def doing(percent: float | None, note: str = "") -> tuple:
    return (IN_PROGRESS, percent, None, "", note)


def waiting(note: str = "") -> tuple:
    return (NOT_STARTED, 0.0, None, "", note)


# What each unit reported (the same state at every period's cut-off).
RETURNS = {
    "NV": {"TC-01": done(date(2023, 3, 20), "125/KH-UBND ngày 20/3/2023"),
           "TC-03": doing(50),
           "TTHC-02": done(date(2023, 3, 5), "Kế hoạch 30/KH-UBND", "Chậm do chờ kinh phí"),
           "TTHC-02.2": doing(40)},
    "TP": {"TC-01": done(date(2023, 3, 1), "12/UBND-TP"),
           "TC-02": waiting(),
           "TTHC-03": doing(70, "Chờ hướng dẫn của tỉnh")},
    "X1": {"TTHC-01": done(date(2023, 5, 10), "45/BC-UBND ngày 10/5/2023"),
           "TTHC-03": doing(None)},
}
SAVED = {  # when the office received each unit's file, per period
    "6T": {"NV": datetime(2023, 6, 19, 16), "TP": datetime(2023, 6, 25, 9),
           "X1": datetime(2023, 6, 10, 8), "X2": datetime(2023, 6, 18, 8)},
    "Q3": {"NV": datetime(2023, 9, 12, 16), "TP": datetime(2023, 9, 13, 9),
           "X1": datetime(2023, 9, 25, 8), "X2": datetime(2023, 9, 18, 8)},
    "9T": {"NV": datetime(2023, 9, 12, 16), "TP": datetime(2023, 9, 13, 9),
           "X1": datetime(2023, 9, 25, 8), "X2": datetime(2023, 9, 18, 8)},
}


def leading_too(master: Master, units: list[Unit], did: str = "TTHC-01") -> Master:
    """``master`` with ``units`` added, each leading ``did`` too (a crowd of communes on
    one task)."""
    master.units += units
    next(d for d in master.deliverables() if d.id == did).lead += [u.code for u in units]
    return master


def sent_too(codes, at: datetime = datetime(2023, 6, 10, 8)) -> dict:
    """SAVED with the files of ``codes`` saved ``at`` in every period."""
    sent = dict.fromkeys(codes, at)
    return {period: {**when, **sent} for period, when in SAVED.items()}


def build_ledger(db: Path, master: Master, periods: tuple[str, ...] | None = None, *,
                 returns: dict | None = None, saved: dict | None = None) -> Path:
    """A ledger as merge leaves it: NV, TP and X1 returned; X2's file was rejected (in
    each of ``periods``, default every period of SAVED). ``returns`` and ``saved``, of
    RETURNS's and SAVED's form, stand for them: other answers, other units' files."""
    returns = RETURNS if returns is None else returns
    saved = SAVED if saved is None else saved
    files = db.parent / "files"
    files.mkdir(parents=True, exist_ok=True)
    with L.Ledger(db) as ledger:
        ledger.save_plan(master, MERGED_AT)
        for period in saved if periods is None else periods:
            for unit, when in saved[period].items():
                path = files / f"{unit}-{period}.xlsx"
                path.write_bytes(f"{unit} {period}".encode())
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                ledger.archive(path, sha, path.stat().st_size, MERGED_AT)
                rows = []
                for d in master.deliverables():
                    role = d.role_of(unit)
                    if role is None:
                        continue
                    status, percent, day, evidence, note = returns.get(unit, {}).get(
                        d.id, (None, None, None, "", ""))
                    rows.append(Answer(d.id, role, "Trang", 5, status, percent, day,
                                       evidence, note))
                ledger.add(sha256=sha, plan_key=master.plan.key, period=period, unit=unit,
                           path=str(path), kind="xlsx", saved_at=when, modified_at=None,
                           merged_at=MERGED_AT, accepted=unit != "X2", identity=None,
                           findings=[], rows=rows, received=when.date())
            ledger.settle(master.plan.key, period)
    return db



def table(path: Path, sheet: str) -> list[tuple]:
    """The body rows of a summary sheet: rows below the header, up to the first blank row."""
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    first = next(i for i, r in enumerate(rows) if r[0] in ("TT", "Xếp hạng"))
    first += 2 if rows[first + 1][0] is None else 1
    body = []
    for r in rows[first:]:
        if all(v is None for v in r):
            break
        body.append(r)
    return body


# --- the 6-month report, counted by hand (tests/test_report_figures.py) -------------------

# Hand count at the 6T cut-off (14/06/2023):
# TC-01 NV done 20/3 ≤ 31/3                      -> done on time
# TC-02 TP not started, due 31/12                  -> not started (reported)
# TC-03 NV 50%, "Thường xuyên"                     -> in progress, needs judgment
# TC-04 X2 (file rejected), due 31/5               -> not started, not reported, overdue
# TTHC-01 X1 done 10/5, X2 nothing, due 15/5       -> in progress (1/2 leads), overdue
# TTHC-02 .1 done 5/3 > 28/2 (late), .2 40% due 31/8 -> in progress within time
# TTHC-03 TP 70%, due 30/4                         -> in progress, overdue
AREAS_6T = [
    # TT, area, tasks, done, on time, late, in progress, not started, of which overdue,
    # not reported, needs assessment, needs verification, rate
    (1, "Cải cách thể chế", 4, 1, 1, 0, 1, 2, 1, 1, 1, 0, "25,00%"),
    (2, "Cải cách thủ tục hành chính", 3, 0, 0, 0, 3, 0, 2, 0, 0, 0, "0,00%"),
    (None, "Tổng cộng", 7, 1, 1, 0, 4, 2, 3, 1, 1, 0, "14,29%"),
]
# Per unit, on its own lead rows. NV: TC-01 done, TC-03 judge, TTHC-02 in progress
# within (its late first product is done): 1/3, none overdue. TP: TC-02 within,
# TTHC-03 overdue. X1: TTHC-01 done on time. X2: TC-04 and TTHC-01 overdue.
_BLANK = (None,) * 8
# Offices and communes ranked apart (report/ranking.py), each under its group's row.
UNITS_6T = [
    ("Các cơ quan, đơn vị", *_BLANK),
    (1, "Phòng Nội vụ", 3, 0, 1, 0, "33,33%", "19/06/2023", "Đúng hạn"),
    (2, "Phòng Tư pháp", 2, 1, 0, 1, "0,00%", "25/06/2023", "Muộn 5 ngày"),
    ("UBND các xã", *_BLANK),
    (1, "Xã Một", 1, 1, 1, 0, "100,00%", "10/06/2023", "Đúng hạn"),
    # Its only file refused: no report in, not ranked (ranking.py).
    (None, "Xã Hai", 2, 0, 0, 2, "0,00%", None, "Tệp bị từ chối"),
    # The shares of all units (lượt đơn vị chủ trì): 1+3+2+2 led, 2 done, 0+0+1+2 overdue.
    (None, "Cộng (lượt đơn vị chủ trì)", 8, 2, 2, 3, "25,00%", None, "Đã gửi 3/4"),
]


# --- reading a report's sheets and page ---------------------------------------------------

class _Tables(HTMLParser):
    """Cell texts of every <table id=...> in a page, row by row (header rows included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = dict(attrs).get("id")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(text: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(text)
    return parser.tables


def xlsx_texts(path: Path, sheet: str) -> list[list[str]]:
    """Non-empty rows of a sheet's table as texts, without the heading lines above it."""
    ws = load_workbook(path)[sheet]
    rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
    first = next(i for i, r in enumerate(rows) if r[0] in ("TT", "Xếp hạng", "Stt"))
    return [r for r in rows[first:] if any(r)]


def notes_after(table) -> list:
    """The paragraphs of text right after a Word table: its notes past the first
    (official._notes_row)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out = []
    el = table._tbl.getnext()
    while el is not None and el.tag == qn("w:p") and el.xpath("string(.//w:t)"):
        out.append(Paragraph(el, table._parent))
        el = el.getnext()
    return out


def table_notes(table) -> list[str]:
    """A Word table's notes: those in its last row and those after it
    (official._notes_row)."""
    return [p.text for p in table.rows[-1].cells[0].paragraphs] + [
        p.text for p in notes_after(table)]
