"""Checking what a unit typed into its returned workbook.

Each input cell is read leniently (:mod:`cchc_xl.intake.cells`) into a clean value,
and everything that was not exactly right
becomes a :class:`~cchc_xl.findings.Finding`: a *note* when the value was
understood and normalized, a *warning* when it is probably wrong, an *error* when
it cannot be used or breaks a rule. Codes are stable; tests assert them.

The row set is checked too: rows missing, added, foreign ids, edited read-only text.
The rules and every code: docs/validation.md.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from openpyxl.utils.datetime import WINDOWS_EPOCH

from .. import assignment as A
from ..answer import Answer, gives_evidence
from ..findings import Finding
from ..model import Master, Period
from ..plan_edits import plan_edits
from ..text import (
    clean,
    legacy_font,
    looks_legacy,
    one_line,
    vn_progress,
    without_invisible,
)
from ..timeliness import timeliness
from ..vocab import (
    DONE,
    ERROR,
    IN_PROGRESS,
    LEAD,
    NOT_STARTED,
    NOTE,
    STATUSES,
    WARNING,
)
from ..xlio import shown_value, to_date, vn_date
from . import Cell, ReturnedFile, ReturnedRow
from .cells import (
    Evidence,
    percent_format,
    percent_in_text,
    percent_sign_typed,
    read_completion_date,
    read_evidence,
    read_percent,
    read_status,
    read_status_and_percent,
    status_refused,
    timeliness_typed,
)
from .plan_index import PlanIndex
from .row_shift import Shifted, edited_cells, rows_sorted_apart

# --- one row ----------------------------------------------------------------------

@dataclass
class RowContext:
    """Where findings of one file belong, and the period's limits."""

    file: str
    unit: str
    first_day: date
    cutoff: date
    saved: date | None = None  # the day the file was saved (as the file says), if known
    epoch: datetime = WINDOWS_EPOCH  # the workbook's day 0 of serial dates (ReturnedFile)

    def finding(self, severity: str, code: str, message: str, sheet: str = "", cell: str = "",
                task: str = "") -> Finding:
        return Finding(severity, code, message, file=self.file, sheet=sheet, cell=cell,
                       unit=self.unit, task=task)


def _is_legacy(cell: Cell) -> bool:
    """TCVN3/VNI text: by its look, or by its font when it has any non-ASCII letter
    (plain ASCII such as "125/KH-UBND" reads the same in every encoding)."""
    if not isinstance(cell.value, str):
        return False
    return looks_legacy(cell.value) or (legacy_font(cell.font) and not cell.value.isascii())


def _text_alone(row: ReturnedRow) -> bool:
    """A row whose only content is words in the id column ("Ghi chú: đề nghị bổ sung kinh
    phí" typed under the table): a note, not a task id changed (no id holds a space, and
    a row of a task shows its plan cells)."""
    return " " in row.id.strip() and all(
        cell.blank for column, cell in row.cells.items() if column != A.COL_ID)


# The input columns an answer keeps as the unit's text (Answer.evidence, Answer.note); the
# others are read into a status, a percentage, a date.
_KEPT_AS_TEXT = (A.COL_EVIDENCE, A.COL_NOTE)


def check_row(row: ReturnedRow, role: str, ctx: RowContext,
              first_day: date | None = None, dated: bool = True) -> Answer:
    """Read and check the input cells of one assigned row.

    ``first_day`` is the earliest plausible completion date of this row, when it is
    not the plan year's first day (see :meth:`PlanIndex.first_day`). ``dated``: the
    product has a date due by the cut-off; recurring and event work (none) is reported
    as carried out in the period, its progress in percent not asked.
    """
    did = row.id
    present = row.cells
    # Each input cell looked up once, in one pass (every row of every file a merge reads):
    # blank, its raw text, and the text of those kept as text.
    cells: dict[str, Cell] = {}
    blank: dict[str, bool] = {}
    raw: dict[str, str] = {}  # filled below, in INPUT_COLUMNS order
    report = Answer(deliverable=did, role=role, sheet=row.sheet, row=row.row, raw=raw,
                    unit=ctx.unit)

    def add(severity: str, code: str, message: str, column: str) -> None:
        if column not in present:
            # A column the sheet lacks: its missing-column says so, once. An error still
            # marks a row with a status, at its id: a row done without the evidence or
            # date its deleted column held is no more counted than one that left them
            # blank (a row without a status counts as nothing done anyway).
            if severity == ERROR and report.status is not None:
                report.findings.append(ctx.finding(
                    severity, code, f"{message} (tệp thiếu cột '{column}')", row.sheet,
                    row.cell(A.COL_ID).coordinate, did))
            return
        report.findings.append(ctx.finding(severity, code, message, row.sheet,
                                           present[column].coordinate, did))

    texts: dict[str, str] = {}  # of the columns kept as text
    legacy: set[str] = set()  # input columns typed in a legacy encoding (none blank)
    for column in A.INPUT_COLUMNS:
        cell = cells[column] = present.get(column) or Cell()  # as row.cell
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):  # Cell.blank
            blank[column] = True
            raw[column] = ""
            continue
        blank[column] = False
        raw[column] = value if value.__class__ is str else cell.raw_text
        if _is_legacy(cell):
            legacy.add(column)
            font = f", phông {cell.font}" if cell.font else ""
            add(ERROR, "legacy-encoding",
                f"cột '{column}' gõ bằng bảng mã cũ (TCVN3/VNI{font}), không đọc được: chuyển "
                "sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại", column)
            continue
        if cell.formula:
            if column in _KEPT_AS_TEXT:
                add(WARNING, "formula-in-cell",
                    f"ô chứa công thức '{value}': đã giữ nguyên dạng chữ; ghi nội dung, "
                    "không dùng công thức", column)
                texts[column] = clean(value)
            elif column != A.COL_DONE_ON:
                add(ERROR, "formula-in-cell",
                    f"ô chứa công thức '{value}': ghi giá trị, không dùng công thức", column)
            continue
        if column in _KEPT_AS_TEXT:
            texts[column] = (vn_date(to_date(value)) if isinstance(value, datetime | date)
                             else clean(value))
    report.evidence = texts.get(A.COL_EVIDENCE, "")
    report.note = texts.get(A.COL_NOTE, "")
    status, percent = cells[A.COL_STATUS], cells[A.COL_PERCENT]
    if not (blank[A.COL_STATUS] or status.formula or A.COL_STATUS in legacy):
        _check_status(status, report, add, dated)
    if not (blank[A.COL_PERCENT] or percent.formula or A.COL_PERCENT in legacy):
        _check_percent(percent, report, add)
    evidence = read_evidence(report.evidence)
    if not (blank[A.COL_DONE_ON] or A.COL_DONE_ON in legacy):  # a blank cell: no date
        reading = read_completion_date(cells[A.COL_DONE_ON],
                                       first_day=first_day or ctx.first_day,
                                       cutoff=ctx.cutoff, evidence_dates=evidence.dates,
                                       epoch=ctx.epoch)
        report.completed_on = reading.value
        for severity, code, message in reading.problems:
            add(severity, code, message, A.COL_DONE_ON)
        done_on = reading.value
        if done_on and ctx.saved and ctx.saved < done_on <= ctx.cutoff:
            # Done in the future of the file itself: a planned day, not a result.
            add(WARNING, "date-after-saved",
                f"ngày hoàn thành {vn_date(done_on)} sau ngày tệp được lưu "
                f"({vn_date(ctx.saved)}): ghi ngày đã hoàn thành thật, hoặc chọn "
                f"'{IN_PROGRESS}' nếu việc chưa xong", A.COL_DONE_ON)
    if all(blank.values()):  # as ReturnedRow.has_input
        if role == LEAD:
            add(WARNING, "row-not-filled",
                "chưa điền kết quả thực hiện: chọn trạng thái và điền các cột nền vàng",
                A.COL_STATUS)
        else:  # a coordinating row is never counted: a note, no reminder
            add(NOTE, "row-not-filled",
                "chưa điền kết quả phối hợp (không tính vào số liệu): nếu đã phối hợp thực "
                "hiện, chọn trạng thái và điền các cột nền vàng", A.COL_STATUS)
        return report
    _check_consistency(blank, report, evidence, add, ctx.first_day.year, dated, role == LEAD)
    return report


def _check_status(cell: Cell, report: Answer, add, dated: bool = True) -> None:
    """A status cell that is not blank, a formula or in a legacy encoding; ``dated`` as
    for :func:`check_row`."""
    text = without_invisible(clean(cell.value))
    status, normalized = read_status(text)
    if status is None:
        both = read_status_and_percent(text)
        if both is None:
            add(ERROR, "status-invalid", status_refused(text, one_line(cell.value), dated),
                A.COL_STATUS)
            return
        status, percent = both
        if (status == DONE) != (percent == 100) or (status == NOT_STARTED) != (percent == 0):
            # "Hoàn thành 80%": done, or 80% of the way? The unit says which.
            meant = (f"đã xong thì chọn '{DONE}'" if percent == 100 else
                     f"chưa làm thì chọn '{NOT_STARTED}'" if percent == 0 else
                     f"chưa xong thì chọn '{IN_PROGRESS}' và ghi {vn_progress(percent)} ở cột "
                     "tỷ lệ")
            add(ERROR, "status-with-percent",
                f"ô trạng thái ghi '{one_line(cell.value)}', vừa trạng thái vừa tỷ lệ, hai điều "
                f"không khớp nhau: chọn trạng thái trong danh sách, ghi tỷ lệ ở cột "
                f"'{A.COL_PERCENT}' ({meant})", A.COL_STATUS)
            return
        add(NOTE, "status-normalized",
            f"trạng thái '{one_line(cell.value)}' được hiểu là '{status}'; lần sau chọn trong "
            f"danh sách, tỷ lệ ghi ở cột '{A.COL_PERCENT}'", A.COL_STATUS)
        report.status = status
        return
    if text in STATUSES and text != cell.value:
        # Looks exactly like the status: say what was different, not "'X' read as 'X'".
        raw = str(cell.value)
        what = [w for w, differs in (
            ("gõ bằng chữ tổ hợp (NFD)", unicodedata.normalize("NFC", raw) != raw),
            ("có khoảng trắng thừa", " ".join(raw.split()) != raw),
            ("có ký tự ẩn (không nhìn thấy)", without_invisible(raw) != raw)) if differs]
        add(NOTE, "status-normalized",
            f"trạng thái '{status}' " + (" và ".join(what) or "có ký tự lạ")
            + ": đã chuẩn hóa; lần sau chọn trong danh sách", A.COL_STATUS)
    elif normalized:
        add(NOTE, "status-normalized",
            f"trạng thái '{one_line(cell.value)}' được hiểu là '{status}'; lần sau chọn trong "
            "danh sách" + ("; đúng hạn hay quá hạn được tính từ ngày hoàn thành và thời hạn, "
                           "không ghi vào ô trạng thái" if timeliness_typed(text) else ""),
            A.COL_STATUS)
    report.status = status


def _note_part_done(report: Answer, ar: A.AssignedRow, row, ctx) -> None:
    """A lead's "done" on a date of an earlier part of a product with several dates
    ("Tháng 6 và tháng 12/2026" done on 20/06): counted in progress until the last part
    (``Deadline.pending_after``; the report, summary._product); the unit and the office
    are told why, on the row's date."""
    if report.status != DONE or ar.role != LEAD:
        return
    deadline = ar.deliverable.deadline
    pending = deadline.pending_after(report.completed_on)
    if pending is None:
        return
    cell = row.cells.get(A.COL_DONE_ON)
    report.findings.append(ctx.finding(
        NOTE, "done-part",
        f"sản phẩm có nhiều thời hạn: ngày hoàn thành {vn_date(report.completed_on)} là "
        "của phần đến hạn trước, nên sản phẩm được tính là "
        f"đang thực hiện; phần đến hạn {vn_date(pending)} còn phải làm: làm xong thì ghi ngày "
        "hoàn thành của phần đó", row.sheet, cell.coordinate if cell is not None else "",
        ar.deliverable.id))


def _check_percent(cell: Cell, report: Answer, add) -> None:
    """A percent cell that is not blank, a formula or in a legacy encoding."""
    percent = read_percent(cell.value, cell.number_format)
    if percent is None:
        dated = isinstance(cell.value, date | time)
        own = percent_in_text(cell.value)
        example = vn_progress(own)[:-1] if own is not None else "80"
        add(ERROR, "percent-invalid",
            f"tỷ lệ '{shown_value(cell.value)}' không phải số: ghi số từ 0 đến 100, "
            f"ví dụ {example}"
            + ("; ô đang có định dạng ngày (thường do dán hoặc chổi định dạng từ cột ngày): "
               "đổi định dạng ô sang Số (Number) rồi gõ lại tỷ lệ" if dated else ""),
            A.COL_PERCENT)
        return
    if not 0 <= percent <= 100:
        add(ERROR, "percent-out-of-range",
            f"tỷ lệ {vn_progress(percent)} ngoài khoảng 0–100: ghi số từ 0 đến 100", A.COL_PERCENT)
        return
    typed_text = isinstance(cell.value, str)
    # "0,8" typed or 0.8 entered, with no "%" in the text or the cell's format: most
    # likely 80% meant.
    if 0 < percent < 1 and not (percent_sign_typed(cell.value) if typed_text
                                else percent_format(cell.number_format)):
        typed, meant = vn_progress(percent), vn_progress(percent * 100)
        add(WARNING, "percent-fraction",
            f"tỷ lệ {typed[:-1]} được hiểu là {typed}; nếu ý là {meant} thì ghi {meant[:-1]}",
            A.COL_PERCENT)
    elif typed_text:
        add(NOTE, "percent-text",
            f"tỷ lệ gõ dạng chữ '{one_line(cell.value)}' được hiểu là {vn_progress(percent)}",
            A.COL_PERCENT)
    report.percent = percent


def _no_document(evidence: Evidence, year: int) -> str:
    """What an evidence citing no number, link or file lacks. A dated document without
    its number ("Biên bản kiểm tra ngày 15/3/2026") was told it named no document at all,
    and the chairman's reminder letter quoted that to the unit (a ward's quarter)."""
    days = sorted(set(evidence.dates))[-3:]
    if not days:
        return ("tài liệu kiểm chứng không nêu văn bản nào (số, ký hiệu, ngày), đường dẫn hay "
                f"tên tệp: ghi rõ, ví dụ 'Báo cáo số 45/BC-UBND ngày 10/01/{year}'")
    return (f"tài liệu kiểm chứng ghi ngày {', '.join(vn_date(d) for d in days)} nhưng chưa ghi "
            "số, ký hiệu của văn bản: ghi thêm số, ký hiệu, ví dụ 'số 01/BB-UBND ngày "
            f"{vn_date(days[-1])}', hoặc đường dẫn, tên tệp")


def _cite(year: int) -> str:
    """What a row done without evidence is asked to write (``year``: the plan's)."""
    return (f"ghi số, ký hiệu, ngày văn bản, ví dụ 'Kế hoạch số 125/KH-UBND ngày "
            f"05/01/{year}', hoặc đường dẫn, tên tệp")


def _check_consistency(blank: dict[str, bool], report: Answer, evidence: Evidence,
                       add, year: int, dated: bool = True, lead: bool = True) -> None:
    """``blank``: whether each input column's cell is blank; ``year`` the plan's (its
    examples are dated in it); ``dated`` as for :func:`check_row`; ``lead``: the unit
    leads the product (a coordinating row is never counted: not asked what only counting
    needs)."""
    status, percent = report.status, report.percent
    if status is None:
        if blank[A.COL_STATUS]:
            # A coordinator's note alone ("đã cung cấp số liệu") is never counted: a
            # warning, not an error the reminder letter asks the chairman to chase (a QA
            # pass: 17 of a commune's 20 items to fix were such notes).
            told = ("đã điền kết quả nhưng chưa chọn trạng thái: chọn một trong "
                    + ", ".join(f"'{s}'" for s in STATUSES))
            if lead:
                add(ERROR, "status-missing", told, A.COL_STATUS)
            else:
                add(WARNING, "status-missing", told, A.COL_STATUS)
        return
    percent_given = not blank[A.COL_PERCENT]
    if status == DONE:
        if not percent_given:
            report.percent = 100.0
            add(NOTE, "percent-assumed-100",
                f"chưa ghi tỷ lệ: nhiệm vụ '{DONE}' được tính là 100%", A.COL_PERCENT)
        elif percent is not None and percent != 100:
            add(ERROR, "done-percent-not-100",
                f"trạng thái '{DONE}' nhưng tỷ lệ là {vn_progress(percent)}: ghi 100, hoặc đổi "
                f"trạng thái thành '{IN_PROGRESS}'", A.COL_PERCENT)
        if blank[A.COL_DONE_ON]:
            # A date written in the evidence only ("Quyết định số 45/QĐ-UBND ngày
            # 15/3/2023") is the document's, not read as the completion date: the unit is
            # shown it, to copy if it is.
            days = sorted(set(evidence.dates))[-3:]
            seen = (f" (tài liệu kiểm chứng ghi ngày {', '.join(vn_date(d) for d in days)}: "
                    f"nếu là ngày hoàn thành thì ghi vào cột '{A.COL_DONE_ON}')" if days else "")
            add(ERROR, "done-without-date",
                f"trạng thái '{DONE}' cần ngày hoàn thành: ghi ngày dạng ngày/tháng/năm{seen}",
                A.COL_DONE_ON)
        if not report.evidence and blank[A.COL_EVIDENCE]:
            add(ERROR, "done-without-evidence",
                f"trạng thái '{DONE}' cần tài liệu kiểm chứng: {_cite(year)}", A.COL_EVIDENCE)
        elif report.evidence and not gives_evidence(report.evidence):
            # "-", "không có": no evidence, said in words (counted as a blank cell).
            add(ERROR, "done-without-evidence",
                f"trạng thái '{DONE}' cần tài liệu kiểm chứng, ô ghi "
                f"'{one_line(report.evidence)}' là chưa có: {_cite(year)}", A.COL_EVIDENCE)
        elif report.evidence and not evidence.cites_something:
            add(WARNING, "evidence-no-document", _no_document(evidence, year), A.COL_EVIDENCE)
        return
    if status == NOT_STARTED:
        if percent_given and percent is not None and percent != 0:
            # At 100% "Đang thực hiện" is no way out: taken, the row is told
            # in-progress-percent next (a QA pass: a status column pasted from another
            # file). Work done is "Đã hoàn thành"; recurring work, carried out, is
            # "Đang thực hiện" without a percentage, as the guide says.
            if percent < 100:
                fix = f"ghi 0, hoặc đổi trạng thái thành '{IN_PROGRESS}'"
            elif dated:
                fix = (f"nếu đã xong, chọn '{DONE}' và ghi ngày hoàn thành, tài liệu kiểm "
                       "chứng; nếu chưa làm, ghi 0")
            else:
                fix = ("việc thường xuyên, định kỳ hoặc theo sự kiện không cần ghi tỷ lệ: xóa "
                       f"tỷ lệ; nếu trong kỳ đã làm, chọn '{IN_PROGRESS}' và ghi tài liệu "
                       "kiểm chứng")
            add(ERROR, "not-started-percent",
                f"trạng thái '{NOT_STARTED}' nhưng tỷ lệ là {vn_progress(percent)}: {fix}",
                A.COL_PERCENT)
        elif not percent_given:
            report.percent = 0.0
    else:
        if not percent_given and dated:  # recurring work: carried out, not a share done
            if lead:
                add(WARNING, "percent-missing",
                    f"trạng thái '{IN_PROGRESS}' cần tỷ lệ hoàn thành: ghi số từ 1 đến 99",
                    A.COL_PERCENT)
            else:
                add(NOTE, "percent-missing",
                    f"trạng thái '{IN_PROGRESS}' chưa ghi tỷ lệ phần việc phối hợp (không tính "
                    "vào số liệu): có thể ghi số từ 1 đến 99", A.COL_PERCENT)
        elif percent is not None and not 0 < percent < 100:
            # Recurring work is reported "Đang thực hiện" without a percentage, as the
            # guide says: "1 to 99" would have the unit write 99 for work it did in full.
            fix = ("ghi số từ 1 đến 99, hoặc đổi trạng thái" if dated else
                   "việc thường xuyên, định kỳ hoặc theo sự kiện không cần ghi tỷ lệ: xóa tỷ lệ"
                   + (f", hoặc chọn '{NOT_STARTED}' nếu trong kỳ chưa làm" if percent == 0
                      else f", giữ trạng thái '{IN_PROGRESS}' và ghi tài liệu kiểm chứng"))
            add(ERROR, "in-progress-percent",
                f"trạng thái '{IN_PROGRESS}' nhưng tỷ lệ là {vn_progress(percent)}: {fix}",
                A.COL_PERCENT)
        if not dated and lead and not gives_evidence(report.evidence or ""):
            # Recurring work counts as carried out by its evidence (assessment.py): told,
            # or the row is left to the office's judgment without a word to the unit. A
            # note: it is the office's to judge, and a warning made a letter for nearly
            # every unit (73 rows in 35 of Hoằng Hóa's 9T files).
            add(NOTE, "recurring-without-evidence",
                "việc thường xuyên, định kỳ hoặc theo sự kiện được tính là đã thực hiện trong "
                "kỳ khi có tài liệu kiểm chứng: ghi văn bản, đường dẫn hoặc tên tệp của việc "
                "đã làm; không có thì cơ quan tổng hợp phải tự đánh giá", A.COL_EVIDENCE)
    if not blank[A.COL_DONE_ON]:
        add(WARNING, "date-without-done",
            f"có ngày hoàn thành nhưng trạng thái là '{status}': nếu đã xong, chọn '{DONE}'; "
            "nếu chưa, xóa ngày", A.COL_DONE_ON)


# --- the whole file ---------------------------------------------------------------

def _shifted_message(did: str, shifted: Shifted) -> str:
    """Why a row that shows another task is not counted (docs/validation.md, "The rows")."""
    tasks = " hoặc ".join(f"'{t}'" for t in shifted.shows)
    moved = f"các dòng đã bị sắp xếp hoặc dán lệch cột '{A.COL_ID}'"
    if shifted.twin:
        said = (f"dòng mang mã '{did}' có sản phẩm, thời hạn, vai trò giống hệt nhiệm vụ {tasks}, "
                f"mà trên trang này {moved}: không biết kết quả trên dòng là của nhiệm vụ nào")
    else:
        said = (f"dòng mang mã '{did}' nhưng sản phẩm, thời hạn ghi trên dòng là của nhiệm vụ "
                f"{tasks} ({moved})")
    return (said + ": kết quả của dòng không được tính; lấy lại tệp được giao và điền lại "
            "đúng dòng")


def _headed_for_another(rf: ReturnedFile, unit: str, index: PlanIndex, ctx: RowContext
                        ) -> list[Finding]:
    """A task sheet whose line under the title names another unit of the plan ("Xã
    Hoằng Cát — 9 tháng..."): copied from that unit's file, its answers may be theirs."""
    found = []
    for sheet, heading in rf.headings.items():
        named = heading.split(A.HEADING_SEPARATOR, 1)[0].strip()
        other = index.unit_named(named)
        if other is not None and other != unit:
            found.append(ctx.finding(
                WARNING, "sheet-other-unit",
                f"trang ghi tên đơn vị '{named}' ở dòng {A.HEADING_ROW}, không phải "
                f"{index.master.names.get(unit, unit)}: có thể đã chép trang này từ tệp của "
                "đơn vị khác; kiểm tra kết quả của các dòng trên trang", sheet,
                f"A{A.HEADING_ROW}"))
    return found


def _place(row: ReturnedRow) -> str:
    return f"trang '{row.sheet}' dòng {row.row}"


def _inputs(row: ReturnedRow) -> tuple[str, ...]:
    return tuple(clean(row.cell(c).raw_text) for c in A.INPUT_COLUMNS)


def _pick_among_duplicates(did: str, rows: list[ReturnedRow], ctx: RowContext
                           ) -> tuple[ReturnedRow | None, list[Finding]]:
    """The row to merge among rows with one id, and a finding on each row not merged.

    A copied sheet is the usual cause, and Excel puts the copy before the original,
    so sheet order says nothing about which row the unit filled: the row with input
    is taken; rows with different input leave no way to choose, so none is taken.
    """
    places = ", ".join(_place(r) for r in rows)
    filled = [r for r in rows if r.has_input]
    if len({_inputs(r) for r in filled}) > 1:
        return None, [ctx.finding(
            ERROR, "row-duplicate",
            f"mã '{did}' có ở {len(rows)} dòng ({places}) với kết quả khác nhau: không biết "
            "dòng nào đúng nên không dòng nào được tổng hợp; giữ một dòng cho mỗi nhiệm vụ "
            "(xóa dòng hoặc trang sao chép thừa) rồi gửi lại", r.sheet,
            r.cell(A.COL_ID).coordinate, did) for r in rows]
    chosen = filled[0] if filled else rows[0]
    why = ("dòng duy nhất có điền kết quả" if len(filled) == 1 else
           "các dòng có cùng kết quả" if filled else "các dòng đều chưa điền")
    return chosen, [ctx.finding(
        WARNING, "row-duplicate",
        f"mã '{did}' có ở {len(rows)} dòng ({places}): đã lấy {_place(chosen)} ({why}), dòng "
        "này không được tổng hợp; giữ một dòng cho mỗi nhiệm vụ (xóa dòng hoặc trang sao chép "
        "thừa)", r.sheet, r.cell(A.COL_ID).coordinate, did) for r in rows if r is not chosen]


def _row_added(row: ReturnedRow, ctx: RowContext) -> Finding:
    """A row without an id that holds something typed: told at, and quoting, its first
    filled input cell. Told at its empty id cell as "dòng thêm", a status column pasted
    from another file, spilling below the table, left the unit's officer looking at an
    empty cell for a row they had not added (a QA pass as a commune's officer)."""
    filled = [row.cell(c) for c in A.INPUT_COLUMNS if not row.cell(c).blank]
    first = filled[0]
    shown = shown_value(first.value)
    shown = shown if len(shown) <= 40 else shown[:40].rsplit(" ", 1)[0] + "…"
    more = f" và {len(filled) - 1} ô khác" if len(filled) > 1 else ""
    return ctx.finding(
        WARNING, "row-added",
        f"dòng {row.row} không có mã nhiệm vụ nhưng có nội dung (ô {first.coordinate}: "
        f"'{shown}'{more}): nội dung không được tổng hợp; kết quả của một nhiệm vụ thì ghi "
        "vào đúng dòng của nhiệm vụ đó (không thêm dòng); điền hoặc dán thừa thì xóa nội "
        "dung dòng này", row.sheet, first.coordinate or row.cell(A.COL_ID).coordinate)


def _restore(allowed: tuple[str, ...]) -> str:
    """What to do with a read-only cell the unit edited: write back what the plan says
    (``allowed``: the texts split may have written there, the plan's first; a date as
    the cell shows it). "Nội dung sửa không được dùng" alone left a ward's clerk asking
    whether to change anything in the file she sends again (a QA pass)."""
    dates = []
    for text in allowed:
        try:
            dates.append(date.fromisoformat(text))
        except ValueError:
            pass
    # Not said: a cell split may leave blank (a task's text on its second product's row),
    # and a due column of several dates (split wrote the one the period judges by).
    if not allowed or "" in allowed or len(dates) > 1:
        return "ghi lại như tệp được giao"
    return f"ghi lại như kế hoạch: '{vn_date(dates[0]) if dates else allowed[0][:80]}'"


def check_return(rf: ReturnedFile, unit: str, expected_rows: list[str], master: Master,
                 period: Period, index: PlanIndex | None = None
                 ) -> tuple[list[Answer], list[Finding]]:
    """Check every row of an identified file against the unit's assignment.

    Returns the reports of the rows that can be merged, and the findings about rows
    that cannot (missing, added, foreign, duplicated). Findings about one row's
    values live on its report. Ids are matched ignoring case and spaces ("tc-01 "
    is TC-01, with a note).
    """
    index = index or PlanIndex(master)
    assigned = index.assigned(unit)
    ctx = RowContext(file=str(rf.path), unit=unit, first_day=date(master.plan.year, 1, 1),
                     cutoff=period.cutoff, saved=rf.saved_at.date() if rf.saved_at else None,
                     epoch=rf.epoch)
    found: list[Finding] = [
        ctx.finding(f.severity, f.code, f.message, f.sheet, f.cell, f.task) for f in rf.findings]
    by_id: dict[str, list[ReturnedRow]] = {}
    for row in rf.rows:
        if not row.id:
            if row.has_input:
                found.append(_row_added(row, ctx))
            continue
        did = index.canonical_id(row.id)
        id_cell = row.cell(A.COL_ID)
        if did != id_cell.value:
            if did != row.id:
                found.append(ctx.finding(
                    NOTE, "id-normalized",
                    f"mã nhiệm vụ '{id_cell.value}' được hiểu là '{did}'; không sửa cột "
                    f"'{A.COL_ID}'", row.sheet, id_cell.coordinate, did))
            row = replace(row, cells={**row.cells, A.COL_ID: replace(id_cell, value=did)})
        by_id.setdefault(did, []).append(row)
    found += _headed_for_another(rf, unit, index, ctx)
    # Plan cells as issued: no row was sorted apart, and a difference is the plan's.
    edits = plan_edits(rf, assigned, lambda ar: index.readonly(ar)[A.COL_ROLE][0])
    by_id, shifted = rows_sorted_apart(by_id, assigned, index, ctx, found,
                                       lambda: edits.issued_as_shown)
    reports: list[Answer] = []
    for did, rows in by_id.items():
        row = rows[0]
        if did in shifted:
            found.append(ctx.finding(ERROR, "row-shifted", _shifted_message(did, shifted[did]),
                                     row.sheet, row.cell(A.COL_ID).coordinate, did))
            continue
        if len(rows) > 1:
            row, duplicates = _pick_among_duplicates(did, rows, ctx)
            found.extend(duplicates)
            if row is None:
                continue
        id_cell = row.cell(A.COL_ID).coordinate
        ar = assigned.get(did)
        if ar is None:
            if did.casefold() in edits.given and edits.issued_as_shown:
                edits.taken_away.append(did)  # the plan's edit, not the unit's row
                continue
            if did in index.known:
                found.append(ctx.finding(
                    ERROR, "row-foreign",
                    f"nhiệm vụ '{did}' không giao cho đơn vị này: dòng không được tổng hợp; xóa "
                    "dòng, hoặc đề nghị cơ quan tổng hợp bổ sung trong kế hoạch", row.sheet,
                    id_cell, did))
            elif _text_alone(row):
                found.append(ctx.finding(
                    WARNING, "text-outside-table",
                    f"ô {id_cell} ghi '{shown_value(did)[:80]}' ngoài các dòng nhiệm vụ: nội dung "
                    "này không được tổng hợp; khó khăn, đề xuất ghi vào cột "
                    f"'{A.COL_NOTE}' của dòng nhiệm vụ liên quan", row.sheet, id_cell))
            else:
                found.append(ctx.finding(
                    ERROR, "row-unknown-id",
                    f"mã nhiệm vụ '{did}' không có trong kế hoạch: không sửa cột "
                    f"'{A.COL_ID}'; lấy lại mã đúng từ tệp được giao", row.sheet, id_cell, did))
            continue
        readonly = index.readonly(ar)
        for column, cell in edited_cells(row.cells, readonly, ar.role):
            if edits.issued_as_shown and column in A.PLAN_CELLS:
                edits.changed.setdefault(did, []).append(column)
                continue
            found.append(ctx.finding(
                WARNING, "readonly-edited",
                f"cột '{column}' là nội dung của kế hoạch, không được sửa (đang ghi "
                f"'{shown_value(cell.value)[:80]}'): nội dung sửa không được dùng; "
                f"{_restore(readonly[column])}, cần điều chỉnh thì đề nghị ở cột "
                f"'{A.COL_NOTE}'", row.sheet, cell.coordinate, did))
        due, final = index.due_dates(ar.deliverable, period.cutoff)
        report = check_row(row, ar.role, ctx, index.first_day(ar.deliverable),
                           dated=due is not None)
        report.timeliness = timeliness(due, report.status, report.completed_on, period.cutoff,
                                       final=final)
        _note_part_done(report, ar, row, ctx)
        reports.append(report)
    if said := edits.message(rf):
        found.append(ctx.finding(WARNING, "plan-changed-since-issued", said))
    # A missing row's sheet, where the file holds its area's other rows, or the sheet
    # split gave the area, left in the file without rows: the unit's feedback names the
    # sheet to put it back on (QA passes: "Trang" was blank, also for an area's only row).
    # A sheet the split gave, gone from the file with all its rows (deleted: the workbook's
    # structure is not locked), is named in each of its rows' message, not left unsaid
    # with "Trang" blank (a QA pass of careless files).
    issued_sheet = A.area_sheets(assigned.values())
    area_sheet = {code: name for code, name in issued_sheet.items() if name in rf.headings}
    area_sheet |= {assigned[did].area.code: rows[0].sheet
                   for did, rows in by_id.items() if did in assigned}
    for did in expected_rows:
        if did not in by_id:
            ar = assigned.get(did)
            sheet = area_sheet.get(ar.area.code, "") if ar else ""
            gone = issued_sheet.get(ar.area.code, "") if ar and not sheet else ""
            found.append(ctx.finding(
                WARNING, "row-missing",
                f"thiếu trang '{gone}' (đã bị xóa?) nên thiếu dòng của nhiệm vụ '{did}': lấy "
                "lại trang này từ tệp được giao và điền kết quả" if gone else
                f"thiếu dòng của nhiệm vụ '{did}' (đã bị xóa?): lấy lại dòng từ tệp được giao "
                "và điền kết quả", sheet, task=did))
    return reports, found
