"""The report's printed tables as data (:class:`~.grid.Grid`, rows of styled cells): Biểu 1
to 4 and the notes (the plan's appendix with result columns: :mod:`.results`).

The workbook (:mod:`.xlsx`) and the page (:mod:`.html`) draw these same grids, so the
two outputs cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from .. import timeliness as T
from ..answer import Answer
from ..appendix import (
    PLAN_NUMBER_HEADER,
    Column,
    plan_numbers,
)
from ..assessment import quoted_verdicts
from ..consolidated.write import MAX_LISTED
from ..deadlines.holidays import holidays_shown
from ..issuer import PROVINCE, plan_level, running_plan
from ..model import Master
from ..periods import quarter_end
from ..styles import text_lines
from ..templates import render
from ..text import UNIT_SEPARATOR, clean, vn_rate
from ..unit_names import COMMUNE_PREFIX
from ..vocab import (
    COMMUNE,
    DONE,
    IN_PROGRESS,
    LATE,
    LEAD,
    NOT_DUE_YET,
    NOT_REPORTED,
    NOT_STARTED,
    ON_TIME,
    RETURN_ON_TIME,
    ROLE_LABELS,
    SUPPORT,
    UNVERIFIED,
)
from ..xlio import to_date, vn_date
from .grid import Cell, Grid, Row, grid_column
from .held_back import part_done_lines
from .names import few_units, name_units, registry_names
from .ranking import UnitStat, own_leading, own_note, silent_units
from .said import LEAD_UNIT, NO_REPORT, TASK_UNIT, assessed_rows_words, carried_out_part
from .summary import FIGURE_LABELS, Counts, ProductResult, Summary, TaskResult

NOTES_TEMPLATE = "report-notes.txt.j2"

def _n(value: int | None, bold: bool = False) -> Cell:
    return Cell(value, "cell_bold_center" if bold else "cell_int")


def early_words(summary: Summary) -> str:
    """What a report made before its period's cut-off says of itself; "" after it."""
    if not summary.early:
        return ""
    return (f"Báo cáo lập ngày {vn_date(summary.made_on)}, trước ngày chốt số liệu "
            f"{vn_date(summary.period.cutoff)}: số liệu chưa đủ kỳ (các đơn vị còn gửi báo "
            "cáo), nhiệm vụ chưa hoàn thành được xét hạn tại ngày chốt; lập lại báo cáo sau "
            "ngày chốt.")


def document_title(summary: Summary) -> str:
    """The report file's title (the workbook's properties, the page's <title>): the plan
    as running text names it, and the period ("Kế hoạch cải cách hành chính năm 2026: 6
    tháng đầu năm 2026", not a title imported in capitals, a QA pass)."""
    return f"{running_plan(summary.plan).title}: {summary.period.name}"


def heading(summary: Summary, title: str, measure: str = "") -> list[tuple[str, str]]:
    """A table's heading lines: the issuing body, ``title`` (in capitals), the period,
    and its unit of counting (``measure``, "Đơn vị tính: …") at the right, above the
    table, as statistical tables give it (not in the title's capitals)."""
    p, period = summary.plan, summary.period
    lines = [
        (p.authority.upper(), "subtitle"),
        (title, "caps_title"),
        (f"{period.name}: số liệu từ ngày {vn_date(period.start)} đến ngày "
         f"{vn_date(period.cutoff)}", "italic"),
    ]
    if summary.early:  # a draft: said under the title
        lines.append((early_words(summary), "italic"))
    if measure:
        lines.append((measure, "measure"))
    return lines


AREA_TITLE = "Biểu 1. Kết quả thực hiện nhiệm vụ theo lĩnh vực"
UNIT_TITLE = "Biểu 2. Kết quả thực hiện nhiệm vụ theo đơn vị (xếp hạng)"
# Their units of counting, on a line of their own above the table (a title in capitals
# read "(ĐƠN VỊ TÍNH: NHIỆM VỤ ĐƠN VỊ CHỦ TRÌ, DÒNG CỘNG: …)", a QA pass).
AREA_MEASURE = f"Đơn vị tính: {TASK_UNIT}"
UNIT_MEASURE = f"Đơn vị tính: {TASK_UNIT} đơn vị chủ trì; dòng cộng: {LEAD_UNIT}"
PENDING_TITLE = "Biểu 3. Nhiệm vụ chưa hoàn thành, quá hạn"
UNIT_KEY = "don-vi"
PENDING_KEY = "chua-hoan-thanh"
UNVERIFIED_KEY = "can-xac-minh"
UNVERIFIED_TITLE = "Biểu 4. Báo cáo cần xác minh (có lỗi, chưa tính là hoàn thành)"
UNIT_TOTAL = f"Cộng ({LEAD_UNIT})"
RATE_HEADER = "Tỷ lệ hoàn thành"  # Biểu 1's and 2's
NOTES_TITLE = "Ghi chú: cách tính số liệu"


def _area_grid(summary: Summary) -> Grid:
    done, pending = FIGURE_LABELS["done"], "Chưa hoàn thành"
    columns = [
        grid_column("TT", 5), grid_column("Lĩnh vực", 34), grid_column(f"Số {TASK_UNIT}", 10),
        grid_column("Tổng số", 9, done), grid_column(T.label(ON_TIME), 9, done),
        grid_column(T.label(LATE), 9, done),
        grid_column(FIGURE_LABELS["in_progress"], 10, pending),
        grid_column(FIGURE_LABELS["not_started"], 10, pending),
        grid_column("Trong đó quá hạn", 9, pending),
        grid_column(NO_REPORT_LABEL, 9, OF_WHICH),
        grid_column(FIGURE_LABELS["needs_assessment"], 9, OF_WHICH),
        grid_column(FIGURE_LABELS["needs_verification"], 9, OF_WHICH),
        grid_column(RATE_HEADER, 12),
    ]

    def cells(label: str, number: int | None, s: Counts, bold: bool) -> Row:
        text = "cell_bold" if bold else "cell"
        return Row((_n(number, bold), Cell(label, text),
                    *(_n(getattr(s, key), bold) for key in AREA_FIGURES),
                    Cell(s.rate_text, "cell_bold_center" if bold else "cell_center")))

    rows = [cells(a.title, i, a, False) for i, a in enumerate(summary.areas, 1)]
    rows.append(cells(summary.total.title, None, summary.total, True))
    return Grid("linh-vuc", "Theo lĩnh vực", AREA_TITLE,
                heading(summary, AREA_TITLE.upper(), AREA_MEASURE), columns, rows,
                [summary.sentence, AREA_NOTE], measure=AREA_MEASURE)


# Biểu 1's last figures count some of the tasks already counted to their left: said in
# the header (a group over them) and under the table, so that no one adds them up.
OF_WHICH = "Trong đó (đã tính ở các cột trước)"
NO_REPORT_LABEL = NO_REPORT[:1].upper() + NO_REPORT[1:]
# A row "cần xác minh" never counts done (docs/counting.md): its task is in progress or not
# started (a QA pass: the note said "Đã hoàn thành" or "Đang thực hiện", while a province's
# report had such tasks under "Chưa thực hiện").
AREA_NOTE = (f"Cột “{NO_REPORT_LABEL}” là các {TASK_UNIT} không đơn vị chủ trì nào báo cáo, đã "
             f"tính trong cột “{FIGURE_LABELS['not_started']}”; cột "
             f"“{FIGURE_LABELS['needs_assessment']}” đã tính trong “{FIGURE_LABELS['done']}” "
             f"hoặc “{FIGURE_LABELS['in_progress']}”; cột “{FIGURE_LABELS['needs_verification']}” "
             f"đã tính trong “{FIGURE_LABELS['in_progress']}” hoặc "
             f"“{FIGURE_LABELS['not_started']}” (chưa tính là hoàn thành).")


# The figures of Biểu 1's number columns, in order (after TT and Lĩnh vực).
AREA_FIGURES = ("tasks", "done", "done_on_time", "done_late", "in_progress", "not_started",
                "overdue", "not_reported", "needs_assessment", "needs_verification")


def _silent_row(summary: Summary, units: list[UnitStat]) -> Row:
    said = Counter(u.return_status for u in units)  # "Chưa gửi 130; Tệp bị từ chối 5"
    # Each named (by those left out, "135 xã (trừ …)", when fewer): the Word report's body
    # counts them ("55 xã, phường") and sends its reader here, where the signer looks for
    # which they are; counted here too, they were named nowhere in the report (a QA pass).
    return Row((
        _n(None), Cell(name_units(summary.master, [u.code for u in units])),
        *(_n(sum(getattr(u, a) for u in units)) for a in ("led", "supported", "done",
                                                           "overdue")),
        # The rate of those with work due ("0,00%"): one not due yet says "Chưa đến hạn".
        Cell(next((u.rate_text for u in sorted(units, key=lambda u: u.not_due) if u.led),
                  ""), "cell_center"),
        Cell(None, "cell_center"),
        Cell("; ".join(f"{s} {n}" if len(said) > 1 else s for s, n in said.items()),
             "cell_center+overdue")))


def _unit_grid(summary: Summary, fold: int | None = None) -> Grid:
    count, result, sent = "Số nhiệm vụ", "Kết quả nhiệm vụ chủ trì", "Báo cáo kỳ này"
    columns = [
        grid_column("Xếp hạng", 8), grid_column("Đơn vị", 33),
        grid_column(ROLE_LABELS[LEAD], 9, count), grid_column(ROLE_LABELS[SUPPORT], 9, count),
        grid_column(DONE, 11, result), grid_column(T.label(LATE), 9, result),
        grid_column(RATE_HEADER, 13, result),
        grid_column("Ngày nhận", 12, sent), grid_column("Đánh giá", 14, sent),
    ]
    rows = []
    group = ""
    silent = silent_units(summary.units, fold)
    # Each group's row once, where its first such unit was (by code: a UnitStat compares
    # field by field, and a list of 2,000 looked through for each of 2,000 units took 4 s).
    folded = {u.code: us for us in silent.values() for u in us}
    for u in summary.units:
        if u.group != group:  # ranked within its kind (report/ranking.py)
            group = u.group
            rows.append(Row(group=group))
        if u.code in folded:
            if u is folded[u.code][0]:
                rows.append(_silent_row(summary, folded[u.code]))
            continue
        late = u.return_status != RETURN_ON_TIME
        # The issuer's own ("UBND xã": summary.own_units) sends the office no report: a
        # QA pass read "Đúng hạn" on its row, "Đã gửi 7/8" under a body saying 6/7.
        own = u.code in summary.own_units
        rows.append(Row((
            _n(u.rank), Cell(u.name), _n(u.led), _n(u.supported), _n(u.done),
            _n(u.overdue), Cell(u.rate_text, "cell_center"),
            Cell(None if own else vn_date(u.received_on), "cell_center"),
            Cell(None if own else u.return_text,
                 "cell_center+overdue" if late and not own else "cell_center"))))
    t = summary.leads
    rows.append(Row((
        _n(None, True), Cell(UNIT_TOTAL, "cell_bold"), _n(t.tasks, True),
        _n(sum(u.supported for u in summary.units), True), _n(t.done, True),
        _n(t.done_late + t.overdue, True), Cell(t.rate_text, "cell_bold_center"),
        Cell(None, "cell_center"),
        Cell(f"Đã gửi {summary.reports_in.said}", "cell_bold_center"))))
    # Biểu 1 and the body count late completions and overdue work apart; here they are
    # one column: said under the table, where the figures are signed.
    after = [f"Cột “{T.label(LATE)}” của kết quả nhiệm vụ chủ trì gồm nhiệm vụ đã hoàn thành "
             "nhưng sau thời hạn và nhiệm vụ chưa hoàn thành mà đã quá thời hạn."]
    if any(u.not_due for u in summary.units):
        # Its "0,00%" ranked it among units that did nothing, in a signed report.
        after.append(f"Đơn vị mà mọi nhiệm vụ chủ trì đều chưa đến hạn tại ngày chốt số liệu "
                     f"({vn_date(summary.as_of)}) và chưa có nhiệm vụ hoàn thành: cột "
                     f"“{RATE_HEADER}” ghi “{NOT_DUE_YET}”, đơn vị không được xếp hạng; các "
                     f"nhiệm vụ đó vẫn được tính ở dòng “{UNIT_TOTAL}”.")
    if issuer := own_leading(summary.units, summary.own_units):
        after.append(own_note(name_units(summary.master, [u.code for u in issuer])))
    if silent:
        after.append("Đơn vị chưa gửi báo cáo (hoặc có tệp bị từ chối) và chưa có nhiệm vụ hoàn "
                     f"thành không được xếp hạng; nhóm có hơn {fold} đơn vị như vậy được ghi "
                     "chung một dòng.")
    shares, in_progress, judged = summary.carried_out_shares
    if shares:
        # Rule 4 (docs/counting.md) ranks at 100% a unit that wrote "Đang thực hiện" on
        # recurring work, the office's Đạt one that did not show it done: said where the
        # ranking is read, and signed.
        after.append(
            f"Cột “{DONE}” gồm {shares} {LEAD_UNIT} của nhiệm vụ thường xuyên, định kỳ hoặc "
            "theo sự kiện (không có thời hạn cụ thể), được tính là hoàn thành vì đã thực hiện "
            "trong kỳ" + carried_out_part(shares, in_progress, judged, "lượt", "đơn vị")
            + ": các nhiệm vụ này vẫn tiếp tục thực hiện ở các kỳ sau.")
    return Grid(UNIT_KEY, "Theo đơn vị", UNIT_TITLE,
                heading(summary, UNIT_TITLE.upper(), UNIT_MEASURE), columns, rows, after,
                measure=UNIT_MEASURE)


# A task's "Lý do" cell lists this many notes, those most units gave first; the rest
# are counted: 53 communes' own notes made one row of a province's report nine pages
# tall.
REASONS_LISTED = 5
# Units named in each of Biểu 3's lists (the units behind, those giving a reason), the rest
# counted ("A; B; C và 119 đơn vị khác"); fewer in the Word report's Phụ lục III: a
# province's 9-month one printed 14 pages with three, 12 with two (docs/printing.md).
LISTED_NAMES = 3
PRINTED_NAMES = 2


def _reasons(answers: Iterable[Answer], master: Master, several: bool,
             verdicts: Iterable[tuple[str, str]] = (), shown: int = LISTED_NAMES) -> str:
    """The office's ``verdicts`` (words, unit: :func:`~cchc_xl.assessment.quoted_verdicts`;
    a Chưa đạt with its reason: a QA pass found the cell empty where the office had said
    why; a Đạt that alone counts a lead done), then the units' notes; units giving
    the same note are named once after it (``shown`` of them, the rest counted), so that
    a task of 38 communes does not fill pages with one sentence; past
    :data:`REASONS_LISTED` notes, counted."""
    verdicts = list(verdicts)
    answers = list(answers)
    # A note's units in the order they give it, each once (a unit's verdicts on two
    # products): a dict, not a list searched at each unit, which made a note 2,000 units
    # gave quadratic (2.7 s of a report under cProfile, issue #11).
    seen: dict[str, dict[str, None]] = {}
    for note, unit in verdicts + [(r.note, r.unit) for r in answers if r.note]:
        seen.setdefault(note, {})[unit] = None
    by_note = {note: list(units) for note, units in seen.items()}
    office = {note for note, _ in verdicts}
    # stable: as reported; the office's verdicts first
    notes = sorted(by_note.items(), key=lambda n: (n[0] not in office, -len(n[1])))
    listed, rest = notes[:REASONS_LISTED], notes[REASONS_LISTED:]
    # Why a "done" counts in progress first, apart: not one of the notes listed.
    lines = part_done_lines(answers, master.names, several)
    if not several:
        lines += [note for note, _ in listed]
    else:
        for note, codes in listed:
            who = registry_names(master, codes)
            # "Chưa bố trí kinh phí (Phòng Tư pháp; ...)." : the sentence's stop after who;
            # the office's verdict so too, for one unit ("Xã Một: Cơ quan … Chưa đạt: …"
            # would say two things are said).
            lines.append(f"{who[0]}: {note}" if len(who) == 1 and note not in office else
                         f"{note.rstrip().removesuffix('.')} ({few_units(who, shown)})"
                         + ("." if note.rstrip().endswith(".") else ""))
    if rest:
        units = len({c for _, codes in rest for c in codes})
        lines.append(f"Và {len(rest)} ghi chú khác của {units} đơn vị.")
    return "\n".join(lines)


def _status_label(status: str, reported: bool) -> str:
    """A task's state in Biểu 3: one nobody reported on is said apart (it counts as not
    started: docs/counting.md)."""
    if reported or status != NOT_STARTED:
        return status
    return f"{NO_REPORT_LABEL} (tính là {NOT_STARTED.lower()})"


# A percentage that takes what a unit reported on a row "cần xác minh" (docs/counting.md):
# marked, and the mark said under the table; in a sentence, said in words.
UNVERIFIED_MARK = "*"
UNVERIFIED_PROGRESS = (f"({UNVERIFIED_MARK}) Tiến độ có tính tỷ lệ đơn vị tự báo cáo ở dòng "
                       f"{UNVERIFIED.lower()} (báo cáo có lỗi): tỷ lệ đó chưa được xác minh, "
                       "dòng đó chưa được tính là hoàn thành.")
# Under Biểu 3 where a task in progress has no "Tiến độ" (docs/counting.md): why (a QA
# pass: the Word report, which has no notes, left the blank unexplained).
BLANK_PROGRESS = ("Ô tiến độ để trống: không tính được tỷ lệ (các đơn vị chủ trì đang thực "
                  "hiện không ghi tỷ lệ), hoặc tỷ lệ trung bình trái với trạng thái của nhiệm "
                  "vụ (0% khi đang thực hiện, 100% khi chưa hoàn thành).")
UNVERIFIED_WORDS = (f"Tỷ lệ trên có tính báo cáo {UNVERIFIED.lower()} (chưa được tính là "
                    "hoàn thành).")


def progress_text(percent: float | None, unverified: bool = False) -> str:
    """A task's or product's progress, a mean of its leads' percentages: "50,00%",
    "11,08%", "100,00%*" when it takes a row "cần xác minh"'s; "" when it has none.
    Always two decimals, as the completion rates (docs/counting.md): "40%" beside
    "11,08%" in one column read as figures of two precisions (an audit of a commune's
    9-month report)."""
    if percent is None:
        return ""
    text = vn_rate(percent)
    return text + UNVERIFIED_MARK if unverified else text


# How a table of tasks (Biểu 3, Biểu 4) names each: by the tool's code ("TC-01", a
# product's "TTHC-02.2") in the workbook and the page, read beside the consolidated
# workbook and the units' files, whose "Mã nhiệm vụ" prints it; by its number as the plan
# prints it (appendix.plan_numbers: "2 (Phụ lục số 01)", "6 a)") in the Word report, signed
# and sent to bodies that know the plan, not the tool (a QA pass: its Phụ lục III and IV
# said "TC-01", printed nowhere in the plan). The number is a column of its own beside
# the table's counter "TT", as in the overdue letter's annex: that counter tells how many
# tasks are listed, and the plan's numbers start again under each of its appendices. It
# is 3 units wider than the code ("4 (Phụ lục số 07)" on two lines, beside a task's
# content of three or more), taken from the column of the task's content.
CODE_COLUMN = ("Mã", 9)
PLAN_NUMBER_COLUMN = (PLAN_NUMBER_HEADER, 12)
Numbers = dict[str, str] | None  # a task's number by its id (plan_numbers), or None: codes

# Biểu 3's widths add up to what A4 landscape prints at 85% or more (12 pt text at 10 pt
# or more on paper): at most about 155 units. Its three columns of long text (the task's
# content, its lead units, the units' reasons) share what the others leave, the split
# that makes the table shortest on the period's rows (_balanced); these widths when
# nothing tells them apart: the reasons, a line per group of units giving the same note,
# are the longest texts. 30/30/30 gave the Hoằng Hóa 9-month report's Biểu 3 402 lines,
# 17 of its 42 printed pages, a task to most; split 23/22/46, 312 lines, 11 pages. The
# Nghĩa Hưng 6-month report, whose notes are few, splits 39/28/24: 139 lines, not 158.
# "Tiến độ" is 10 units, one taken from the reasons: "100,00%*" (two decimals, marked:
# progress_text) on one line; at 9 it wrapped.
PENDING_COLUMNS = (("TT", 5), CODE_COLUMN, ("Nội dung nhiệm vụ", 26), ("Đơn vị chủ trì", 22),
                   ("Thời gian hoàn thành", 14), ("Tình trạng", 14), ("Tiến độ", 10),
                   ("Thời hạn", 11), ("Lý do (ghi chú của đơn vị)", 42))
PENDING_SHARED = (2, 3, 8)  # the columns of long text, sharing their widths' sum
PENDING_LEAST = 16  # units: no shared column narrower
PENDING_STATE = 5  # "Tình trạng": a line or two in the Word report (Grid.short)


def _naming_columns(columns: Iterable[tuple[str, float]], numbers: Numbers, content: str
                    ) -> list[Column]:
    """A table's columns, its code column the plan's number's with ``numbers`` (the
    width it takes more taken from the ``content`` column)."""
    if numbers is None:
        return [grid_column(header, width) for header, width in columns]
    wider = PLAN_NUMBER_COLUMN[1] - CODE_COLUMN[1]
    return [grid_column(*PLAN_NUMBER_COLUMN) if (header, width) == CODE_COLUMN else
            grid_column(header, width - wider) if header == content else
            grid_column(header, width) for header, width in columns]


def _naming(t: TaskResult, code: str, numbers: Numbers) -> Cell:
    """The cell naming task ``t``: the tool's ``code`` (the task's or its product's), or
    with ``numbers`` the task's number as the plan prints it."""
    if numbers is None:
        return Cell(code)
    return Cell(numbers.get(t.id, t.number), "cell_center")


def _balanced(columns: list[Column], rows: list[Row], shared: tuple[int, int, int],
              least: int) -> list[Column]:
    """``columns`` with the widths of the three ``shared`` ones split anew (their sum
    kept, each at least ``least`` units) so that ``rows`` print shortest: the fewest
    lines in all, a row as tall as its cell of most lines as the workbook measures them
    (:func:`cchc_xl.styles.text_lines`, the measure of its row heights); then the
    fewest lines in the shared cells (room where a text would wrap, not where a row is
    as tall anyway); then the split nearest the columns' own widths."""
    total = sum(columns[i].width for i in shared)
    span = range(least, int(total) - 2 * least + 1)
    if not span:
        return columns

    def lines(cell: Cell | None, width: float) -> int:
        if cell is None or cell.value is None or cell.value == "":
            return 1
        # Line by line: a reason's line comes back in other tasks', measured once.
        return sum(text_lines(line, width, bold="bold" in cell.style)
                   for line in str(cell.value).split("\n"))

    measured = []  # per row: its other cells' most lines, and each shared one's by width
    for row in rows:
        if row.group:
            continue
        rest = max([1] + [lines(cell, columns[i].width) for i, cell in enumerate(row.cells)
                          if i not in shared])
        by_width = [[lines(row.cells[i], w) for w in span] for i in shared]
        if max(max(each) for each in by_width) > 1:  # else every split gives it one line
            measured.append((rest, *by_width))
    own = [columns[i].width for i in shared]
    best: tuple[tuple[int, int, float], tuple[int, int, int]] | None = None
    for a in span:
        for b in range(least, int(total) - a - least + 1):
            widths = (a, b, int(total) - a - b)
            ia, ib, ic = (w - least for w in widths)
            key = (sum(max(rest, la[ia], lb[ib], lc[ic]) for rest, la, lb, lc in measured),
                   sum(la[ia] + lb[ib] + lc[ic] for _, la, lb, lc in measured),
                   sum(abs(w - o) for w, o in zip(widths, own, strict=True)))
            if best is None or key < best[0]:
                best = (key, widths)
    assert best is not None
    new = dict(zip(shared, best[1], strict=True))
    return [replace(c, width=new[i]) if i in new else c for i, c in enumerate(columns)]


def _leads_said(master: Master, text: str, codes: list[str]) -> str:
    """Several units leading a task, in Biểu 3's "Đơn vị chủ trì": the plan's words ("UBND
    các xã, phường"); counted when they are more than a cell lists one by one (CROWD) and
    the plan's words name them one by one: "40 xã, phường", "Sở Nội vụ; 40 xã, phường". A
    province's task given to 40 communes by name printed the 40 names over 25 lines of
    Phụ lục III, and a page and a half for the row, over the units behind it (a QA
    pass)."""
    names = registry_names(master, codes)
    if not text:
        text = UNIT_SEPARATOR.join(names)
    # Named one by one: more than CROWD of the units' names in the plan's words (with or
    # without "Xã", "Phường"), not a group's ("UBND cấp xã", "các phòng, ban").
    folded = text.casefold()
    if sum(COMMUNE_PREFIX.sub("", n).casefold() in folded for n in names) > CROWD:
        return name_units(master, codes, crowd=CROWD)
    return text


def _pending_grid(summary: Summary, numbers: Numbers = None, shown: int = LISTED_NAMES
                  ) -> Grid:
    """Biểu 3: the tasks not done, each with its units behind and their reasons, ``shown``
    of the units in each list of them (LISTED_NAMES)."""
    columns = _naming_columns(PENDING_COLUMNS, numbers, "Nội dung nhiệm vụ")
    rows: list[Row] = []
    titles = {a.code: a.title for a in summary.areas}
    n = 0
    for area, tasks in _by_area(summary.pending):
        rows.append(Row(group=titles.get(area, area)))
        for t in tasks:
            n += 1
            leads = t.lead_units()
            behind = t.leads_not_done()
            # One unit: its name as every other table writes it (the plan may write it
            # otherwise: "Phòng VH-TT"); several: the plan's words ("UBND các xã").
            named = registry_names(summary.master, leads)
            lead = named[0] if len(named) == 1 else _leads_said(summary.master, t.lead_text,
                                                                leads)
            if len(leads) > 1 and len(behind) == len(leads):
                # Not the names again under them (a QA pass: "Sở A; Sở B" over "Chưa hoàn
                # thành (2/2 đơn vị): Sở B; Sở A").
                lead += f"\nChưa hoàn thành: cả {len(leads)} đơn vị"
            elif len(leads) > 1 and behind:
                lead += (f"\nChưa hoàn thành ({len(behind)}/{len(leads)} đơn vị): "
                         + few_units(registry_names(summary.master,
                                                    [r.unit for r in behind]), shown))
            # "Trước Tết Nguyên đán (17/02/2026)": the day judged by, to check "Quá hạn".
            deadline = "\n".join(holidays_shown(p.deadline, summary.master.plan.year or None)
                                 for p in t.products)
            late = t.timeliness == LATE
            said = quoted_verdicts([(r, p.due) for p in t.products for r in p.leads],
                                   t.status == DONE)
            # A task nobody reported on counts at 0% in the means (docs/counting.md), but
            # shows no "Tiến độ" beside "Chưa có báo cáo": "0,00%" there read as a figure
            # reported (a QA pass).
            percent = t.percent if t.reported else None
            rows.append(Row((
                _n(n), _naming(t, t.id, numbers), Cell(t.content), Cell(lead),
                Cell(deadline), Cell(_status_label(t.status, t.reported)),
                Cell(progress_text(percent, t.percent_unverified), "cell_center"),
                Cell(T.label(t.timeliness), "cell_center+overdue" if late else "cell_center"),
                Cell(_reasons(behind if t.status != DONE else
                              [r for p in t.products for r in p.leads], summary.master,
                              len(leads) > 1, said, shown)))))
    marked = any(t.percent_unverified for t in summary.pending)
    columns = _balanced(columns, rows, PENDING_SHARED, PENDING_LEAST)
    return Grid(PENDING_KEY, "Chưa hoàn thành", PENDING_TITLE,
                heading(summary, PENDING_TITLE.upper()), columns, rows,
                [UNVERIFIED_PROGRESS] * marked
                + [BLANK_PROGRESS] * any(t.percent is None and t.status == IN_PROGRESS
                                         for t in summary.pending),
                fitted=PENDING_SHARED, short=(PENDING_STATE,))


UNVERIFIED_COLUMNS = (("TT", 5), CODE_COLUMN, ("Nội dung nhiệm vụ", 38), ("Đơn vị chủ trì", 22),
                      ("Trạng thái đơn vị ghi", 16), ("Được tính là", 14),
                      ("Lỗi trong báo cáo của đơn vị", 46))


def _unverified_content(t: TaskResult, p: ProductResult, numbers: Numbers) -> str:
    """A row's task in Biểu 4; named by the plan's number, a task of several products
    says which (the code "TTHC-02.2" did)."""
    if numbers is None or len(t.products) < 2:
        return t.content
    return f"{t.content}\nSản phẩm: {p.product}"


def _unverified_grid(summary: Summary, numbers: Numbers = None) -> Grid:
    columns = _naming_columns(UNVERIFIED_COLUMNS, numbers, "Nội dung nhiệm vụ")
    names = summary.master.names
    rows = [Row((_n(n), _naming(t, p.id, numbers), Cell(_unverified_content(t, p, numbers)),
                 Cell(names.get(r.unit, r.unit)),
                 Cell(r.sent_status or r.status_text or NOT_REPORTED, "cell_center"),
                 Cell(r.counted_status, "cell_center"),
                 Cell(_each(_what_is_wrong(f.message) for f in r.errors))))
            for n, (t, p, r) in enumerate(summary.unverified(), 1)]
    after = [] if rows else ["Không có báo cáo nào cần xác minh."]
    return Grid(UNVERIFIED_KEY, UNVERIFIED, UNVERIFIED_TITLE,
                heading(summary, UNVERIFIED_TITLE.upper()), columns, rows, after)


def _what_is_wrong(message: str) -> str:
    """A finding's problem without what the unit is told to do ("tỷ lệ 120% ngoài
    khoảng 0–100", not ": ghi số từ 0 đến 100"): the report goes to the office above,
    the unit has its feedback letter. Every row finding says "problem: what to do",
    quoting what the unit typed ('Xong: 100%'), whose own ": " is not that break."""
    quoted = False
    for i, ch in enumerate(message):
        if ch == "'":
            quoted = not quoted
        elif ch == ":" and not quoted and message[i + 1:i + 2] == " ":
            return message[:i]
    return message


def _each(lines: Iterable[str]) -> str:
    """Lines of one cell, each marked when there are several (a cell's lines run
    together where the reader joins them)."""
    lines = list(lines)
    return "\n".join(f"– {line}" for line in lines) if len(lines) > 1 else "".join(lines)


def _by_area(tasks: list[TaskResult]) -> list[tuple[str, list[TaskResult]]]:
    out: dict[str, list[TaskResult]] = {}
    for t in tasks:
        out.setdefault(t.area, []).append(t)
    return list(out.items())


# A front end's words for the library's (cchc_xl.web.wording.for_browser: the web app
# names its own pages and buttons where the notes name terminal commands).
Say = Callable[[str], str]


def notes(summary: Summary, say: Say | None = None) -> list[str]:
    """The report's notes (how each figure is counted), one paragraph each, said by
    ``say`` when given."""
    names = summary.master.names
    text = render(
        NOTES_TEMPLATE, summary=summary, period=summary.period,
        start=vn_date(summary.period.start), cutoff=vn_date(summary.period.cutoff),
        due=vn_date(summary.period.due), quarter_end=vn_date(quarter_end(summary.period.cutoff)),
        # Named as the Word report names a crowd ("154 xã, phường (trừ …)"; a QA pass:
        # 161 names in one cell).
        missing=name_units(summary.master, summary.missing_units, crowd=CROWD),
        rejected=[names.get(c, c) for c in summary.rejected_units],
        out_of_scope=len(summary.out_of_scope), before=summary.plan.before,
        task_unit=TASK_UNIT, lead_unit=LEAD_UNIT, assessed=assessed_rows_words(summary),
        unverified=len(summary.unverified()), unverified_sheet=UNVERIFIED,
        counted=sum(u.returned for u in summary.units),  # one file a unit that reported
        group_example=_group_example(summary),
        not_due=NOT_DUE_YET if any(u.not_due for u in summary.units) else "",
        updated=vn_date(to_date(summary.updated_at[:10])) if summary.updated_at else "")
    paragraphs = [clean(p).replace("\n", " ") for p in text.split("\n\n") if clean(p)]
    return [say(p) for p in paragraphs] if say else paragraphs


def _group_example(summary: Summary) -> str:
    """A group such a plan gives work to, for the notes: a province's plan without
    communes (before July 2025) gives work to its departments, a commune's to its
    offices, a department's or the committee office's own to its rooms and units (a
    department's said "Các sở, ban, ngành")."""
    if any(u.kind == COMMUNE for u in summary.master.units):
        return "UBND các xã, phường"
    level = plan_level(summary.plan, summary.master.units)
    if level.own:
        return level.words.rooms
    return "Các sở, ban, ngành" if level.code == PROVINCE else "Các phòng chuyên môn"


def _notes_grid(summary: Summary, say: Say | None) -> Grid:
    columns = [grid_column("TT", 5), grid_column("Nội dung", 150)]
    rows = [Row((_n(i), Cell(p))) for i, p in enumerate(notes(summary, say), 1)]
    return Grid("ghi-chu", "Ghi chú", NOTES_TITLE, heading(summary, NOTES_TITLE.upper()),
                columns, rows)


def summary_grids(summary: Summary, say: Say | None = None, fold: int | None = None,
                  plan_numbered: bool = False) -> list[Grid]:
    """The tables in print order: by area, by unit (``fold``: silent_units), tasks to follow
    up, rows to verify, notes (said by ``say``); ``plan_numbered``: tasks named by the
    plan's numbers, not the tool's codes, and fewer units named in Biểu 3's lists (the
    Word report: CODE_COLUMN, PRINTED_NAMES)."""
    numbers = plan_numbers(summary.master) if plan_numbered else None
    shown = PRINTED_NAMES if plan_numbered else LISTED_NAMES
    return [_area_grid(summary), _unit_grid(summary, fold),
            _pending_grid(summary, numbers, shown),
            _unverified_grid(summary, numbers), _notes_grid(summary, say)]


# A crowd (a task given to the communes): more units than a cell can list one by one, as
# the consolidated workbook counts them. A row of Excel is at most 409 points high: a cell
# listing 166 communes' evidence shows a fifth of it, on screen and in print. The
# consolidated workbook's "Tất cả dòng" lists every unit.
CROWD = MAX_LISTED
