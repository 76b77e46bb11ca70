"""How one lead unit's row counts at a period's cut-off, and the office's own judgment.

A unit reports a status; what the figures count is judged here, once, for every
output (:mod:`cchc_xl.report.summary` calls :func:`judge` for each lead row):

- a row the office assessed in the consolidated workbook ("Đánh giá của cơ quan tổng
  hợp": "Đạt" / "Chưa đạt", optionally followed by a note) counts as the office says:
  "Đạt" is done (on time unless its completion date is after the deadline),
  "Chưa đạt" is not done (overdue when the task has no single deadline);
- a row with an error is not done until a valid answer arrives ("cần xác minh");
- a task without a single deadline (thường xuyên, định kỳ, theo sự kiện) reported
  done or in progress *with evidence* was carried out as required in the period:
  done on time ("thực hiện đúng tiến độ"); without evidence it needs assessment;
- otherwise timeliness is derived from the deadline (:mod:`cchc_xl.timeliness`).

The office's assessments live in the ledger (one per plan, period, unit and
product); :func:`read_assessments` reads them back from a consolidated workbook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import timeliness as T
from .answer import Answer, gives_evidence
from .errors import WorkbookError
from .fast.reader import OPENPYXL_DECIDES, FastWorkbook
from .text import capitalized, clean, fold_ascii, folded, one_line
from .vocab import (
    CLEARED,
    DONE,
    FAIL,
    IN_PROGRESS,
    JUDGE,
    LATE,
    NOT_REPORTED,
    NOT_STARTED,
    ON_SCHEDULE,
    ON_TIME,
    PASS,
    UNVERIFIED,
    VERDICT_LABELS,
)
from .xlio import open_workbook

COLUMN = "Đánh giá của cơ quan tổng hợp"
KEY_COLUMN = "Khóa dòng (không sửa)"
KEY_SEPARATOR = "|"
# What a lead row shows of whose row it is, beside its key: the unit's name, and the
# product's id on the first row of each product (merged down its other rows); a row of
# a product with no lead shows NO_LEAD and has no key.
LEAD_COLUMN = "Đơn vị chủ trì"
PRODUCT_COLUMN = "Mã nhiệm vụ"
NO_LEAD = "(chưa có đơn vị chủ trì)"

# Read leniently (case, diacritics, a note after ":" or "-"): "chua dat - thiếu văn bản".
# "yêu cầu" after it is the verdict's own phrase ("Không đạt yêu cầu", "Đạt yêu cầu"),
# not its note: read as one, the report quoted "Chưa đạt: yêu cầu" (a QA pass).
_VERDICT = re.compile(r"^(?:(chua|khong) dat|(dat))(?: yeu cau)?(?![a-z0-9])")


@dataclass(frozen=True)
class Assessment:
    """The office's judgment of one lead row: a verdict (PASS, FAIL or None) and a note."""

    verdict: str | None
    note: str = ""

    @property
    def removed(self) -> bool:
        """The mark of an assessment removed (neither verdict nor note, kept with the
        time it was removed: counted.remove_assessment, or a cell the office emptied:
        :attr:`cleared`): it judges nothing."""
        return self.verdict not in (PASS, FAIL) and not self.note

    @property
    def cleared(self) -> bool:
        """The mark of a "Đánh giá" cell the office emptied where an earlier period's
        verdict was shown again: that verdict no longer judges the row."""
        return self.verdict == CLEARED

    @property
    def text(self) -> str:
        """As written in the workbook: "Chưa đạt: thiếu văn bản"."""
        label = VERDICT_LABELS.get(self.verdict or "", "")
        if label and self.note:
            return f"{label}: {self.note}"
        return label or self.note


def parse(value: object) -> Assessment | None:
    """What the specialist typed: "Đạt", "chua dat - thiếu văn bản", or a note alone."""
    text = clean(value)
    if not text:
        return None
    line = one_line(text)
    m = _VERDICT.match(fold_ascii(line).lower())
    if m is None:
        return Assessment(None, text)
    note = line[m.end():].lstrip(" :;,.-–—").strip()
    return Assessment(FAIL if m.group(1) else PASS, note)


def judge(status: str | None, completed_on: date | None, evidence: str, *,
          due: date | None, errors: bool, assessment: Assessment | None,
          as_of: date, final: date | None = None) -> tuple[str, str | None]:
    """(status counted, timeliness code) of one lead's row at the cut-off ``as_of``.

    ``status`` is what the unit reported (None: nothing reported), already taken as
    of the cut-off (:func:`cchc_xl.timeliness.status_as_of`). ``due`` is the date due
    by the cut-off and ``final`` the last date of a deliverable with several
    (:meth:`cchc_xl.deadlines.Deadline.due_at`; see :func:`cchc_xl.timeliness.timeliness`).
    """
    verdict = assessment.verdict if assessment else None
    if verdict == PASS:
        last = final or due
        late = last is not None and completed_on is not None and completed_on > last
        return DONE, LATE if late else ON_TIME
    if verdict == FAIL:
        counted = IN_PROGRESS if status in (DONE, IN_PROGRESS) else NOT_STARTED
        return counted, LATE if due is None else T.timeliness(due, counted, None, as_of)
    if status is None:
        return NOT_STARTED, T.timeliness(due, NOT_STARTED, None, as_of) if due else None
    # An error not judged: never counted done (reported done, or as of the cut-off no
    # longer done, it counts as in progress); with no single due date not even through
    # evidence below, as the row is not verified.
    if errors and (status == DONE or (due is None and status == IN_PROGRESS)):
        return IN_PROGRESS, JUDGE if due is None else T.timeliness(due, IN_PROGRESS, None,
                                                                     as_of)
    if due is None:
        if status == NOT_STARTED:
            return NOT_STARTED, None
        return (DONE, ON_TIME) if gives_evidence(evidence) else (status, JUDGE)
    return status, T.timeliness(due, status, completed_on, as_of, final)


def row_label(reported: bool, timeliness: str | None, *, dated: bool, unverified: bool,
              verdict: str | None) -> str:
    """The word shown for a lead row beside its status ("Tiến độ")."""
    if verdict is None and unverified:
        return UNVERIFIED
    if not reported and verdict is None:
        return NOT_REPORTED
    if not dated and timeliness == ON_TIME:
        return ON_SCHEDULE
    return T.label(timeliness)


# After the key of a row whose verdict is an earlier period's, judged again (the same
# answer sent back): that cell emptied takes the verdict back
# (ledger.assessments.save_assessments).
# Who gave a verdict, before it, as the reports, letters and unit files quote it.
JUDGED_BY = "cơ quan tổng hợp đánh giá"


def verdict_words(assessment: Assessment | str) -> str:
    """The office's verdict (an assessment, or its text) as a report quotes it, as the
    consolidated workbook shows it after who gave it: "Cơ quan tổng hợp đánh giá Chưa
    đạt: thiếu văn bản" (Biểu 3's "Lý do")."""
    text = assessment if isinstance(assessment, str) else assessment.text
    return capitalized(f"{JUDGED_BY} {text}")


def passed_alone(r: Answer, due: date | None) -> bool:
    """Whether the office's Đạt is all that counts a lead's row done: the unit sent
    nothing, or an answer that would not count done on its own (no evidence, no date, an
    error: :func:`judge` without the verdict), or the row is carried done from an earlier
    period on that period's Đạt (``carried_judged``). The report says whose word it is
    where it says the row's state: a year's plan appendix read "Đã hoàn thành (đúng
    hạn)." of a department that sent nothing, which the office signs (a QA pass)."""
    if r.carried_judged:
        return True
    if r.verdict != PASS:
        return False
    own, _ = judge(r.status, r.completed_on, r.evidence, due=due, errors=bool(r.errors),
                   assessment=None, as_of=due or date.min)
    return own != DONE


def passed_words(r: Answer) -> str:
    """Whose word counts a row done that :func:`passed_alone` says: "Cơ quan tổng hợp
    đánh giá Đạt" (with the office's note, if any), "… Đạt ở kỳ Quý I năm 2026" when an
    earlier period's Đạt is carried (as the consolidated workbook's "Đã hoàn thành theo
    đánh giá kỳ Quý I năm 2026")."""
    if r.verdict == PASS and r.assessment:
        return verdict_words(r.assessment)
    return verdict_words(f"{VERDICT_LABELS[PASS]} ở kỳ {r.carried_from}")


def quoted_verdicts(leads: Iterable[tuple[Answer, date | None]], done: bool
                    ) -> list[tuple[str, str]]:
    """(words, unit) of the office's verdicts on ``leads`` (each with its product's due
    date) that Biểu 3's "Lý do" quotes: each Chưa đạt with its reason and, of a task
    counted ``done`` (late), each Đạt that alone counts a lead done (:func:`passed_alone`)."""
    leads = list(leads)
    return ([(verdict_words(r.assessment), r.unit) for r, _ in leads
             if r.verdict == FAIL and r.assessment]
            + [(passed_words(r), r.unit) for r, due in leads if done and passed_alone(r, due)])


def with_verdict(said: str, assessment: Assessment | str | None) -> str:
    """A row's status as shown, with the office's verdict on it (an assessment, or its
    text) when it gave one: "Đang thực hiện (cơ quan tổng hợp đánh giá Đạt)", so that a
    progress counted done beside it does not read as a contradiction ("Tất cả dòng", a
    figures audit; the overdue letter's annex)."""
    text = assessment if isinstance(assessment, str) or assessment is None else assessment.text
    return f"{said} ({JUDGED_BY} {text})" if text else said


def refused_words(note: str) -> str:
    """The office's Chưa đạt (``note``: its reason) as the unit is told it, and what to
    do: the reminder letter and the feedback file (remind.office_refusals), and the next
    period's file filled in from the ledger (split, on the row's status cell)."""
    return (f"{JUDGED_BY} {VERDICT_LABELS[FAIL]}"
            + (f" ({note.rstrip('.')})" if note else "")
            + ": bổ sung, hoàn thiện kết quả rồi báo cáo lại")


SHOWN_AGAIN = "kỳ trước"


def row_key(unit: str, deliverable: str, shown_again: bool = False) -> str:
    key = f"{unit}{KEY_SEPARATOR}{deliverable}"
    return f"{key}{KEY_SEPARATOR}{SHOWN_AGAIN}" if shown_again else key


def read_assessments(path: Path, shown_again: set[tuple[str, str]] | None = None,
                     doubts: list[str] | None = None, names: dict[str, str] | None = None,
                     rows: dict[tuple[str, str], tuple[str, dict[str, object]]] | None = None
                     ) -> dict[tuple[str, str], Assessment | None]:
    """Every assessment cell of a consolidated workbook, by (unit, product).

    Rows whose cell is empty map to None (an assessment removed in Excel); rows
    without a key (not lead rows) are ignored. ``shown_again`` gets the rows whose
    verdict the workbook showed as an earlier period's (:data:`SHOWN_AGAIN`); ``doubts``
    what was typed but is not read; ``names`` the units' names the workbook was written
    with, by code; ``rows`` each row read holding something, where (its cell) and what it
    shows (:func:`assessments_in`).
    """
    try:
        return _read_fast(path, shown_again, doubts, names, rows)
    except OPENPYXL_DECIDES:
        pass  # openpyxl reads it, or names what is wrong with the file
    wb = open_workbook(path, read_only=True)
    with closing(wb):
        return assessments_in(wb, path, shown_again, doubts, names, rows)


def _read_fast(path: Path, shown_again, doubts, names, rows):
    """:func:`read_assessments` through the fast reader (:mod:`cchc_xl.fast.reader`): half
    the time openpyxl takes on a national workbook. Read into fresh containers, given
    to the caller's only once the whole file was read: a part the fast reader does not
    recognise (raised as late as the sheet holding it) leaves nothing behind, and
    openpyxl reads the whole file again (docs/fast-paths.md). A formula's cell is read
    as the value it shows, as openpyxl reads it (``data_only``): a verdict the office
    copied as "=O5" was recorded as the remark "=O5", judging nothing (a QA pass)."""
    marked: set[tuple[str, str]] = set()
    said: list[str] = []
    shown: dict = {}
    with closing(FastWorkbook(path, data_only=True)) as wb:
        found = assessments_in(wb, path, marked, said, names,
                               shown if rows is not None else None)
    if shown_again is not None:
        shown_again |= marked
    if doubts is not None:
        doubts += said
    if rows is not None:
        rows.update(shown)
    return found


# A sheet's table header is on its 4th row (looked for in its first rows, should the
# office insert some above it); a sheet without the assessment column is read for the
# verdicts typed right of its header (a column added), which are not read.
_HEADER_ROW = 4
_HEADER_WITHIN = 20
_ADDED = re.compile(r"danh gia|\bdat\b")  # a column's header the office typed
STRAY_SHOWN = 10  # cells holding a verdict not read, named one by one at most


def assessments_in(wb, path: Path, shown_again: set[tuple[str, str]] | None = None,
                   doubts: list[str] | None = None, names: dict[str, str] | None = None,
                   rows: dict[tuple[str, str], tuple[str, dict[str, object]]] | None = None
                   ) -> dict[tuple[str, str], Assessment | None]:
    """:func:`read_assessments` of a workbook already open (openpyxl, read-only).

    What the office typed where it is not read is never dropped silently: a row found
    in several places (a sheet copied, a row pasted twice) with different assessments
    is not read at all, and a verdict typed outside the assessment column of a lead row
    (another column, a row of no unit, a column added to a sheet) is not read; ``doubts``
    gets a sentence for each, naming the sheet and cell and what to do.

    Nor is a row whose own cells show another unit or product than its key (the hidden
    last column, which the office does not read): the rows sorted without it, each
    verdict beside another row's key, would judge another unit's product. ``names``
    (the units' names the workbook was written with, by code: the ledger's plan of the
    period) tells whose name a row shows (:func:`_moved`). ``rows`` gets each row read
    whose cell holds something, by (unit, product): where its cell is, and its cells by
    their column's header (what answer it showed: consolidated.link.record_assessments)."""
    typed: dict[tuple[str, str], list[tuple[str, Assessment | None]]] = {}
    stray: list[str] = []  # cells holding a verdict that is not read
    keyed: list[_Keyed] = []
    halved: list[str] = []  # sheets of a table that lost one of the two columns
    alone: dict[str, bool] = {}  # whether a text is a verdict alone (_verdicts)
    for ws in wb.worksheets:
        # Every row, whatever the sheet's <dimension> says: WPS Spreadsheets may write "A1"
        # for a whole sheet, and the table, read within it, was not found (docs/unit-file.md).
        ws.reset_dimensions()
        columns: dict[str, int] | None = None
        written: set[int] = set()  # a sheet without the assessment column: its columns
        for n, values in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True)):
            if columns is None:
                # Past the rows a header is looked for in, its texts are not needed.
                texts = [clean(v) for v in values] if n < _HEADER_WITHIN else []
                if n < _HEADER_WITHIN and COLUMN in texts and KEY_COLUMN in texts:
                    columns = {"verdict": texts.index(COLUMN), "key": texts.index(KEY_COLUMN)}
                    headers = texts
                    columns.update({part: texts.index(header) for part, header in (
                        ("name", LEAD_COLUMN), ("product", PRODUCT_COLUMN)) if header in texts})
                elif n < _HEADER_WITHIN and (COLUMN in texts) != (KEY_COLUMN in texts):
                    halved.append(_halved_words(ws.title, KEY_COLUMN in texts))
                    break  # the sheet's verdicts cannot be told apart: none is read
                elif n < _HEADER_ROW:  # but one the office added ("Đánh giá")
                    written |= {i for i, t in enumerate(texts)
                                if t and _ADDED.search(fold_ascii(t).lower()) is None}
                else:  # a column added to a sheet the office does not type into
                    stray += _verdicts(ws.title, n, values, alone, skip=written)
                continue
            key = _at(values, columns["key"])
            cell = values[columns["verdict"]] if len(values) > columns["verdict"] else None
            stray += _verdicts(ws.title, n, values, alone, skip=(columns["verdict"],),
                               anything=() if KEY_SEPARATOR in key else (columns["verdict"],))
            if KEY_SEPARATOR not in key:
                continue
            unit, deliverable = key.split(KEY_SEPARATOR, 1)
            deliverable, _, mark = deliverable.partition(KEY_SEPARATOR)
            keyed.append(_Keyed(f"trang '{ws.title}' ô {_cell(n, columns['verdict'])}", unit,
                                deliverable, mark == SHOWN_AGAIN, parse(cell),
                                _at(values, columns.get("name")),
                                _at(values, columns.get("product")),
                                dict(zip(headers, values, strict=False))
                                if rows is not None and cell is not None else None))
    moved = _moved(keyed, names or {})
    skipped = {id(row) for row in moved}
    for row in keyed:
        if id(row) in skipped:
            continue
        if row.shown_again and shown_again is not None:
            shown_again.add((row.unit, row.deliverable))
        typed.setdefault((row.unit, row.deliverable), []).append((row.where, row.typed))
        if row.cells is not None and rows is not None:
            rows[(row.unit, row.deliverable)] = (row.where, row.cells)
    found: dict[tuple[str, str], Assessment | None] = {}
    for row, places in typed.items():
        given = {a for _, a in places if a is not None}
        if len(given) > 1:  # the same row judged differently in two places
            if doubts is not None:
                doubts.append(_differing(row, places))
            continue
        found[row] = given.pop() if given else None
    if doubts is not None and moved:
        doubts.append(_moved_words(moved, names or {}))
    if doubts is not None and stray:
        doubts.append(_stray_words(stray))
    if not keyed and halved:
        raise WorkbookError("; ".join(halved), file=str(path))
    if doubts is not None:
        doubts += halved
    if not keyed:
        raise WorkbookError(f"không thấy cột '{COLUMN}' trong tệp: đây không phải tệp tổng "
                            "hợp do 'cchc-xl merge' ghi (bản mới)", file=str(path),
                            hint="chạy lại 'cchc-xl merge' để ghi tệp tổng hợp có cột đánh giá")
    return found


@dataclass(frozen=True)
class _Keyed:
    """A lead row as read: where its verdict cell is, its key's unit and product (and
    whether it marks an earlier period's verdict), what it holds, and the unit's name
    and the product's id its own cells show ("" where nothing is shown)."""

    where: str
    unit: str
    deliverable: str
    shown_again: bool
    typed: Assessment | None
    name: str
    product: str
    cells: dict[str, object] | None = field(default=None, compare=False)  # by header


def _at(values: tuple, column: int | None) -> str:
    """A row's cell in ``column`` as clean text ("" for none)."""
    return clean(values[column]) if column is not None and len(values) > column else ""


def _moved(rows: list[_Keyed], names: dict[str, str]) -> list[_Keyed]:
    """The rows whose own cells show another row than their key: another product's id,
    or another unit's name. A name other than the unit's in ``names`` is taken as the
    unit's own (renamed in the plan since the workbook was written) only when it is no
    other unit's name (nor the mark of a product with no lead) and every row of the
    unit shows it, and no row of another unit does."""
    others = {folded(n): code for code, n in names.items()}
    others[folded(NO_LEAD)] = ""
    shown_by: dict[str, set[str]] = {}  # unit -> the names its rows show
    showing: dict[str, set[str]] = {}  # a name -> the units whose rows show it
    for row in rows:
        if row.name:
            shown_by.setdefault(row.unit, set()).add(folded(row.name))
            showing.setdefault(folded(row.name), set()).add(row.unit)
    moved = []
    for row in rows:
        name = folded(row.name)
        own = folded(names.get(row.unit, ""))
        if (row.product and row.product != row.deliverable) or (row.name and name != own and (
                others.get(name, row.unit) != row.unit or len(shown_by[row.unit]) > 1
                or len(showing[name]) > 1)):
            moved.append(row)
    return moved


def _cell(n: int, column: int) -> str:
    """The address of the cell at 0-based row ``n`` and column ``column``: "O5"."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column + 1)}{n + 1}"


def _verdicts(sheet: str, n: int, values: tuple, alone: dict[str, bool], skip=(),
              anything=()) -> list[str]:
    """The cells of a row, but those of ``skip``, holding a verdict alone ("Đạt", "chua
    dat"), and those of ``anything`` holding any text: typed where nothing is read.
    ``alone``: whether a text is a verdict alone, by the text, as found so far (a
    workbook shows the same texts on many rows: each is parsed once)."""
    found = []
    for i, value in enumerate(values):
        if value is None:
            continue
        if i in anything:
            if parse(value) is None:
                continue
        elif i in skip or not _alone(value, alone):
            continue
        found.append(f"trang '{sheet}' ô {_cell(n, i)}: '{one_line(clean(value))}'")
    return found


def _alone(value: object, alone: dict[str, bool]) -> bool:
    """Whether a cell's value is a verdict alone, remembered in ``alone`` by its text
    (:func:`parse` reads any value as its text: ``str(value)``)."""
    text = value if value.__class__ is str else str(value)
    known = alone.get(text)
    if known is None:
        typed = parse(text)
        known = alone[text] = typed is not None and bool(typed.verdict) and not typed.note
    return known


def _stray_words(cells: list[str]) -> str:
    """What the office is told of the verdicts typed where they are not read."""
    shown = "; ".join(cells[:STRAY_SHOWN]) + (
        f"; và {len(cells) - STRAY_SHOWN} ô khác" if len(cells) > STRAY_SHOWN else "")
    return (f"{len(cells)} ô ghi đánh giá ngoài cột '{COLUMN}' của dòng đơn vị chủ trì nên "
            f"không được đọc ({shown}): ghi đánh giá vào cột '{COLUMN}' trên dòng của đơn "
            "vị (dòng có ô 'Khóa dòng'), xóa ô ghi nhầm, rồi ghi lại")


def _halved_words(sheet: str, keys_left: bool) -> str:
    """What the office is told of a sheet whose table lost the assessment column or the
    hidden key column (deleted in Excel, or its header typed over: a QA pass renamed it
    and was told only "deleted"): without its key a verdict is no row's, and without the
    column there is none to read; those recorded before stay in the ledger."""
    lost, left = (COLUMN, KEY_COLUMN) if keys_left else (KEY_COLUMN, COLUMN)
    where = "" if keys_left else " (cột ẩn cuối bảng, ghi đơn vị và nhiệm vụ của dòng)"
    return (f"không đọc đánh giá trên trang '{sheet}': bảng có cột '{left}' nhưng không còn "
            f"cột '{lost}'{where}, có lẽ cột đã bị xóa hoặc tiêu đề cột đã bị sửa; đánh giá "
            "đã ghi vào sổ cái trước đó vẫn giữ nguyên; hoàn tác việc xóa cột (hoặc ghi lại "
            f"đúng tiêu đề '{lost}', hoặc mở bảng tổng hợp mới nhất), ghi đánh giá trên trang "
            "này rồi ghi lại")


def _differing(row: tuple[str, str], places: list[tuple[str, Assessment | None]]) -> str:
    """What the office is told of a row judged differently in several places."""
    unit, did = row
    said = "; ".join(f"{where}: '{a.text if a else ''}'" for where, a in places)
    return (f"không ghi đánh giá của đơn vị {unit}, nhiệm vụ {did}: dòng này có ở nhiều chỗ "
            f"với đánh giá khác nhau ({said}); giữ một đánh giá (xóa trang hoặc dòng chép "
            "thừa, hoặc ghi cùng một đánh giá ở mọi chỗ), rồi ghi lại")


def _moved_words(rows: list[_Keyed], names: dict[str, str]) -> str:
    """What the office is told of the rows whose cells show another row than their key:
    those holding an assessment named first."""
    rows = sorted(rows, key=lambda r: r.typed is None)
    judged = sum(1 for r in rows if r.typed is not None)
    shown = []
    for row in rows[:STRAY_SHOWN]:
        said = ", ".join(filter(None, (f"'{one_line(row.name)}'" if row.name else "",
                                       f"nhiệm vụ {row.product}" if row.product else "")))
        shown.append(f"{row.where}" + (f" ('{row.typed.text}')" if row.typed else "")
                     + f": dòng ghi {said}, khóa dòng là của "
                     + f"{names.get(row.unit, row.unit)}, nhiệm vụ {row.deliverable}")
    more = len(rows) - len(shown)
    listed = "; ".join(shown) + (f"; và {more} dòng khác" if more > 0 else "")
    return (f"không ghi đánh giá của {len(rows)} dòng"
            + (f" ({judged} dòng có ghi đánh giá)" if judged else "")
            + " vì tên đơn vị hoặc mã nhiệm vụ trên dòng không khớp với ô "
            f"'{KEY_COLUMN}' (cột ẩn cuối bảng) của dòng đó ({listed}): có vẻ các dòng đã "
            f"được sắp xếp mà không chọn cột '{KEY_COLUMN}', nên đánh giá không còn nằm cạnh "
            "khóa của dòng mình; hoàn tác việc sắp xếp (hoặc mở lại bản trước khi sắp xếp, "
            "hay bảng tổng hợp mới nhất), khi sắp xếp thì chọn cả bảng gồm mọi cột hoặc dùng "
            "nút lọc ở ô tiêu đề cột, rồi ghi lại đánh giá các dòng này")
