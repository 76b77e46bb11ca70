"""Page 4, Phản hồi: the feedback workbooks merge wrote for units with problems, the
reminder letter (``cchc-xl remind``) and the letter chasing overdue tasks (``cchc-xl
remind --overdue``)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...assignment import safe_code
from ...edited import kept_notes
from ...errors import UsageError
from ...feedback import UNKNOWN_PREFIX
from ...letters.overdue import CSV_DEADLINE as OVERDUE_DEADLINE
from ...letters.overdue import DEADLINE as OVERDUE_WORDS
from ...letters.overdue import NAMED_MAX, overdue_units
from ...letters.remind import (
    CSV_DEADLINE,
    DEADLINE,
    NEEDS_FIX,
    blank_deadline,
    deadline_note,
    reminders,
)
from ...merge.counted import received_day
from ...model import Master, Period
from ...report.names import name_units
from ...resend import example_deadline
from ...snapshot import unmerged_snapshot
from ...text import capitalized
from ...vocab import (
    RETURN_LATE,
    RETURN_MISSING,
    RETURN_REJECTED,
    RETURN_WITHDRAWN,
    withdrawn_said,
)
from ...xlio import DM_TEXT, DMY_TEXT, vn_date
from .. import common, kept_files, other_plans, plan_periods
from ..jobs import Job
from ..other_plans import Found
from ..wording import PAGE_QUOTES
from ..workspace import Workspace

# Units a list on the page names one by one; past it, said short (_short), as the
# overdue letter's body names them.
FOLD = NAMED_MAX


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    period = common.current_period(request)
    files = await run_in_threadpool(ws.feedback_files, period.code) if period else []
    # Another plan's letters in the folder (last year's, the folder copied): named by a
    # notice, never listed nor offered as the period's.
    others = await run_in_threadpool(other_plans.on_feedback, ws, period, files) \
        if period else Found()
    files = [f for f in files if not others.hides(f)]
    snapshot = await run_in_threadpool(ws.snapshot, period.code) if period else None
    merged = snapshot is not None and bool(snapshot.submissions)
    if period and not merged:  # nothing merged yet: every unit the plan in use asks is
        # still to send (not those of the plan another period was last merged with)
        snapshot = unmerged_snapshot(ws.master(), period, ws.ledger_path)
    # The units without a counted file, in the board's categories and words: those that
    # sent nothing, those whose every file was refused.
    units = await run_in_threadpool(ws.summary, snapshot) if snapshot else None
    order = {u.code: n for n, u in enumerate(snapshot.master.units)} if snapshot else {}
    # Named as the letters it makes name them: not the issuer's own unit ("UBND xã" in a
    # commune's plan: "Chưa gửi: 2 đơn vị", the committee one, over a letter of 1).
    listed = sorted(units.reporting, key=lambda u: order.get(u.code, len(order))
                    ) if units else []
    # A unit whose files were all withdrawn is "Chưa gửi" in the figures, but it sent:
    # said apart, with when and why (not among those that "chưa gửi tệp nào").
    without = {status: [u for u in listed if u.return_status == status and u.withdrawn is None]
               for status in (RETURN_MISSING, RETURN_REJECTED)}
    missing = {status: [u.name for u in found] for status, found in without.items()}
    missing[RETURN_WITHDRAWN] = [f"{u.name} ({withdrawn_said(u.withdrawn)})"
                                 for u in listed if u.withdrawn is not None]
    # A province's 160 communes listed one by one were a wall of names (a QA pass): past
    # FOLD, a list is said as the letters say it, each name folded under it.
    short = {status: _short(snapshot.master, [u.code for u in found])
             for status, found in without.items()} if snapshot else {}
    # The letter's other groups, as it writes them (a QA pass: the page named the 2 units
    # that sent nothing while the letter it made asked 6, the late and those to fix too).
    chosen = await run_in_threadpool(reminders, units, snapshot) if merged and units else []
    late = [f"{r.unit.name} (muộn {r.days_late} ngày)" for r in chosen
            if r.status == RETURN_LATE]
    to_fix = [f"{r.unit.name} ({r.fix_said})" for r in chosen if r.status == NEEDS_FIX]
    # Folded past FOLD as the missing are: a province's 150 units sent late were a
    # paragraph of 150 "Xã … (muộn 76 ngày)" (a QA pass at a province's scale).
    short.update({status: _short(snapshot.master, [r.unit.code for r in chosen
                                                   if r.status == status])
                  for status in (RETURN_LATE, NEEDS_FIX)} if snapshot else {})
    # The letter chasing overdue tasks: the units that lead tasks the figures count
    # unfinished and past due (those that sent nothing too).
    late_units = overdue_units(units) if units else []
    made = bool(period and ws.overdue_docx(period).is_file()
                and not others.hides(ws.overdue_docx(period)))
    letter = ws.reminder_docx(period) if period else None
    if others.hides(letter):
        letter = None
    has_reminder = bool(letter and letter.is_file())
    # Files merged (or withdrawn) since the letter: its list of units may be out of date.
    current = bool(letter and await run_in_threadpool(ws.written_since_merge, letter,
                                                      period.code))
    # No plan yet: no files, and the page says what to do first.
    for_units = [f for f in files if is_for_unit(f)]
    return await common.render(
        request, "feedback.html", "feedback",
        files=_unit_rows(snapshot.master if snapshot else ws.master(), for_units)
        if for_units else [],
        unfed=_without_feedback(without[RETURN_REJECTED], files),
        unknown=[f for f in files if not is_for_unit(f)],
        merged=merged, missing=missing, late=late, to_fix=to_fix,
        has_reminder=has_reminder, current=current,
        has_reminder_xlsx=bool(period and ws.reminder_xlsx(period).is_file()),
        deadline=await run_in_threadpool(letter_deadline, ws, period) if has_reminder else "",
        job=common.runner(request).latest("remind", period.code if period else ""),
        overdue=late_units, overdue_made=made, short=short, needs_fix=NEEDS_FIX,
        overdue_short=_short(snapshot.master, [o.unit.code for o in late_units])
        if snapshot else "",
        overdue_xlsx=bool(period and ws.overdue_xlsx(period).is_file()),
        overdue_current=made and await run_in_threadpool(
            ws.written_since_merge, ws.overdue_docx(period), period.code),
        overdue_deadline=await run_in_threadpool(
            letter_deadline, ws, period, True) if made else "",
        overdue_job=common.runner(request).latest("overdue", period.code if period else ""),
        kept_copies=await run_in_threadpool(kept_files.shown, ws, period, "feedback"),
        other_plans=other_plans.notice(others, ws.master().plan.key, period,
                                       "tệp phản hồi, công văn", "") if others else {})


def _unit_rows(master: Master, files: list[Path]) -> list[dict]:
    """Each unit's feedback workbook as a row of the page's table: its unit's code and name
    (its name starts with the code: feedback.feedback_name), in the plan's order, as
    Giao việc lists the files it made. A province's 120 files were a list of names only,
    sorted by code, with no way to find a commune's but reading them all (a QA pass at a
    province's size): its "Tìm đơn vị" box finds one by code or name. A file whose unit
    the plan no longer holds: last, its name alone."""
    order = {u.code: n for n, u in enumerate(master.units)}
    # The longest code first: "X1-" is not taken for a file of "X1-A".
    units = sorted(master.units, key=lambda u: -len(safe_code(u.code)))
    rows = []
    for f in files:
        unit = next((u for u in units if f.name.startswith(f"{safe_code(u.code)}-")), None)
        rows.append({"path": f, "name": f.name, "code": unit.code if unit else "",
                     "unit": unit.name if unit else "",
                     "at": order.get(unit.code, len(order)) if unit else len(order)})
    return sorted(rows, key=lambda r: (r["at"], r["name"]))


def _without_feedback(refused: list, files: list[Path]) -> list[str]:
    """The names of the units whose every file was refused and that have no feedback
    workbook (a file broken, empty or no workbook cannot be marked): the page listed the
    others' and said nothing of them (a QA pass: "Phòng Kinh tế" sent a file cut in half,
    and where its feedback was, nobody could tell)."""
    return [u.name for u in refused
            if not any(f.name.startswith(f"{safe_code(u.code)}-") for f in files)]


def _short(master: Master, codes: list[str]) -> str:
    """Units as the letters name them ("163 xã, phường (trừ …)": report.names), when they
    are more than :data:`FOLD`, communes past it counted ("45 xã, phường"), not named:
    each name is under the fold below (a QA pass: 121 names in brackets over eleven
    lines, then again under the fold); "" for a list short enough to read name by name."""
    return capitalized(name_units(master, codes, crowd=FOLD)) if len(codes) > FOLD else ""


async def remind(request: Request) -> Response:
    """The reminder letter and its mail-merge list, as ``cchc-xl remind`` writes them."""
    return await _letter(request, overdue=False)


async def overdue(request: Request) -> Response:
    """The letter chasing overdue tasks and its list, as ``cchc-xl remind --overdue``."""
    return await _letter(request, overdue=True)


async def _letter(request: Request, overdue: bool) -> Response:
    form = await common.posted(request)
    period = common.period_or_404(request)
    ws = common.workspace(request)
    ws.master()
    given = str(form.get("deadline") or "").strip()
    # A whole date, or a day and month ("25/3") read as "Ngày nhận" reads it (a QA pass:
    # one field took "18/3", the other refused "25/3").
    deadline = received_day(given, period, ws.master().plan.year) if given else None
    what = OVERDUE_WORDS if overdue else DEADLINE
    today = plan_periods.today()  # the letter's date and the hints', as the pages' day
    if given and deadline is None:
        if common.wants_json(request):
            # The field refused named: the page marks it and gives it the keyboard
            # (app.js, markRefused), which was lost at the page's start.
            return JSONResponse({"error": deadline_refused(given, period, what, today),
                                 "field": "deadline"}, status_code=400)
        raise UsageError(deadline_refused(given, period, what, today))

    def work(job: Job) -> dict:
        job.progress(0, 1, "Lập công văn")
        result = ws.remind(period.code, deadline, overdue=overdue, today=today)
        job.progress(1, 1, "Lập công văn")
        if overdue:
            message = (f"Đã lập công văn đôn đốc {len(result.units)} đơn vị có nhiệm vụ quá "
                       "hạn")
            blank = blank_deadline(today.year, True, what, OVERDUE_DEADLINE,
                                   PAGE_QUOTES)
        else:
            message = f"Đã lập công văn đôn đốc {len(result.reminders)} đơn vị"
            blank = blank_deadline(today.year, True, quotes=PAGE_QUOTES)
        message += f", {what} ngày {vn_date(deadline)}." if deadline else "."
        message += kept_notes(result.kept)  # the office's edited copies, kept beside
        if deadline is None:  # as the CLI says it, with how to give one here
            message += (f" Lưu ý: {blank}; để điền sẵn hạn, ghi ô “{what.capitalize()}” "
                        "rồi lập lại công văn.")
        elif note := deadline_note(deadline, period, what, today, resend=not overdue):
            message += (f" Lưu ý: {note}: sửa hạn trong dự thảo, hoặc ghi ô "
                        f"“{what.capitalize()}” ngày khác rồi lập lại công văn.")
            # A deadline to correct is told in the warning's colour, not as all well (a
            # QA pass: "đã qua" in green).
            return {"message": message, "tone": common.tone(True)}
        return {"message": message, "tone": common.tone(bool(result.kept))}

    kind, title = (("overdue", "Công văn đôn đốc nhiệm vụ quá hạn") if overdue
                   else ("remind", "Công văn đôn đốc"))
    job = common.runner(request).submit(
        kind, f"{title} kỳ {period.in_sentence}", work, key=period.code)
    return common.job_response(request, job, common.page_of(request, "feedback", period))


def letter_deadline(ws: Workspace, period: Period, overdue: bool = False) -> str:
    """The deadline the last letter gave ("18/12/2026"), read back from its mail-merge
    list, for the "Hạn gửi lại" field: a letter made again after new files keeps it (a QA
    pass: the field came back empty, and "Lập lại công văn" left the letter's deadline
    blank). "" when the letter left it blank or the list cannot be read. With
    ``overdue``: that of the letter chasing overdue tasks."""
    listing, column = ((ws.overdue_csv(period), OVERDUE_DEADLINE) if overdue
                       else (ws.reminder_csv(period), CSV_DEADLINE))
    try:
        with listing.open(encoding="utf-8-sig", newline="") as f:
            return next((row[column] for row in csv.DictReader(f) if row.get(column)), "")
    except (OSError, UnicodeError, csv.Error):
        return ""


def deadline_refused(given: str, period: Period, what: str = DEADLINE,
                     today: date | None = None) -> str:
    """Why the "Hạn gửi lại" (``what``) typed is no date: one written as a date that the
    calendar does not have (30/02/2023) said so, not as a date in another form; the
    example the one the command line gives (resend.example_deadline, on the pages' day
    ``today``): a week on, for the reminder never before the day the units' feedback
    gives them (it was the due day and a week, a day already past weeks after it)."""
    example = vn_date(example_deadline(period, today or plan_periods.today(),
                                       resend=what == DEADLINE))
    if DMY_TEXT.match(given) or DM_TEXT.match(given):
        return (f"Ngày {given} không có trên lịch: ghi {what} là một ngày có thật, "
                f"dạng ngày/tháng/năm, ví dụ {example}.")
    return (f"{what.capitalize()} '{given}' không phải ngày: ghi dạng ngày/tháng/năm, ví dụ "
            f"{example} (ghi ngày/tháng cũng được: năm được hiểu theo hạn nộp báo cáo của "
            "kỳ).")


def is_for_unit(path: Path) -> bool:
    """Whether a feedback workbook goes to a unit: not one of a file that could not be
    put down to any unit ("không-rõ-…-phản-hồi.xlsx", feedback.feedback_name)."""
    return not path.name.startswith(UNKNOWN_PREFIX)


def unit_feedback_files(ws: Workspace, code: str) -> list[Path]:
    """The letters the ZIP sends the units: not those of files put down to no unit.
    Another plan's left in the folder are left out of it as of every ZIP of a period's
    files (common.listed_file_handlers, other_plans)."""
    return [f for f in ws.feedback_files(code) if is_for_unit(f)]


# The ZIP is what goes to the units: only their files. Each file listed is served,
# unless another plan's (other_plans: refused, as the page does not list it).
zip_all, _ = common.listed_file_handlers(
    unit_feedback_files, "phan-hoi", "Không có tệp phản hồi này.")
_, one_file = common.listed_file_handlers(
    Workspace.feedback_files, "phan-hoi", "Không có tệp phản hồi này.")
