"""Page 3, Thu nhận: upload returned files (many, or a whole folder), watch each file's
outcome, and the status board of every unit for the period (board.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from ...consolidated.link import LEDGER_PROPERTY, OFFICE_WORKBOOKS
from ...errors import CchcError, InItsOwnPeriod, NothingToMerge, OtherPeriodFiles
from ...finding_codes import DOUBT_CODES
from ...findings import count
from ...intake.collect import PLAN_TABLE_FILE, listing_key
from ...judged import OFFICE_PASSED_OVER
from ...ledger import Ledger
from ...ledger.keys import split_key, stored_key
from ...ledger.lock import merge_running
from ...merge.counted import report_day_kept
from ...merge.result import SAID_APART_NAMED
from ...model import Period
from ...other_period import AS_OTHER_PERIOD
from ...text import capitalized, short_list
from ...vocab import (
    ACCEPTED,
    ERROR,
    MOVED,
    REJECTED,
    SEVERITY_LABEL,
    SUPERSEDED,
    WARNING,
    WITHDRAWN,
)
from ...xlio import to_date, vn_date, vn_time
from .. import common, kept_files, late_files, pending, plan_periods, wording
from ..jobs import Job, Unexpected
from ..office_files import (
    CONSOLIDATED,
    CONSOLIDATED_IN_ZIP_REASON,
    PLAN_DOCUMENT,
    PLAN_REASONS,
    PLAN_TABLE,
    PLAN_TABLE_REASON,
    plan_document,
)
from ..uploads import nothing_merged, office_files_only, save_upload
from ..workspace import StoredFile, Workspace
from . import received_days
from .assess import Assessed, assess_stored
from .board import STATE_KEYS, board
from .report import kept_context
from .upload_lines import (
    ASSESSED,
    DUPLICATE,
    KNOWN,
    SKIPPED,
    UNPACKED,
    first_error,
    in_look_order,
    known_reason,
    outcome_line,
    passed_over,
    read_and_passed,
    replaced_said,
    to_look_at,
)

_EARLIER_SHOWN = 5  # uploads before the latest whose outcomes the page still lists
# Units the board lists with their files and problems in full (a province's 186 units,
# 0.5 MB of page); past it, each row says how many and links to the unit's own view
# (?don-vi=CODE): a national plan's 2,000 units in full were 6.4 MB of page, 64,000
# elements, 1.5 s in the browser after 0.8 s at the server (docs/performance.md).
BOARD_IN_FULL = 300
# Why the merge passed over a consolidated workbook changed since cchc-xl wrote it.
CONSOLIDATED_PASSED_OVER = OFFICE_PASSED_OVER.format(kind=OFFICE_WORKBOOKS[LEDGER_PROPERTY])
# An upload's lines past which a phone (every line in full, app.css) is given a link to
# the board under them: a province's 80 files were 4,700 px over it (a QA pass).
LINES_TO_SKIP = 10


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    period = common.current_period(request)
    snapshot = await run_in_threadpool(ws.snapshot, period.code) if period else None
    rows, orphans = (await run_in_threadpool(board, ws, snapshot)
                     if snapshot and snapshot.submissions else ([], []))
    counts = {key: sum(1 for r in rows if r.state == key) for key in STATE_KEYS.values()}
    cut_short = await run_in_threadpool(_cut_short_notice, ws, snapshot) if snapshot else ""
    counts["co-loi"] = sum(1 for r in rows if r.to_fix)
    all_units = len(rows)
    # One unit's own view (its files and problems in full, from a compact board's row).
    # A code not on the board (a unit since removed from the plan): the whole board.
    one_unit = request.query_params.get("don-vi", "")
    picked = [r for r in rows if r.code == one_unit]
    rows, one_unit = (picked, one_unit) if picked else (rows, "")
    jobs = common.runner(request).recent("merge", period.code if period else "",
                                         1 + _EARLIER_SHOWN)
    # The upload this page followed (?viec=: app.js at its end, the form's answer without
    # a script from the start) in the box, not the latest: another's (the deputy's) that
    # was sent or ended after it was read as this one's outcome.
    own = next((j for j in jobs if j.id == request.query_params.get(common.FOLLOWED)), None)
    later = [j for j in jobs[:jobs.index(own)] if j.finished] if own else []
    job, *before = [own, *(j for j in jobs if j is not own)] if own else jobs or [None]
    # Uploads made one after another: each one's outcomes stay on the page (the latest
    # in the job box, the ones before it under it).
    earlier = [j for j in before if j.finished]
    # A file withdrawn (or assessments read) since the latest upload ended, or files
    # merged by a command on the same data folder: what its list says ("được tính",
    # "Đơn vị đã gửi: 2/47") no longer holds, so it goes with the earlier ones.
    changed = max(filter(None, (common.changed_at(request, period.code),
                                await run_in_threadpool(ws.last_merged, period.code))),
                  default=None) if period else None
    stale = bool(not later and job and job.finished and changed and job.ended
                 and job.ended <= changed)
    if stale:
        earlier, job = [job, *earlier], None
    if period:  # "Gộp vào kỳ 6 tháng…" clicked since: not offered again
        await run_in_threadpool(late_files.drop_answered, ws, period,
                                [j for j in (job, *earlier) if j is not None and j.finished])
    today = plan_periods.today()
    kept = received_days.kept(request, period) if period else ""
    kept_day = to_date(kept) if kept else None
    received = kept_day if kept_day and kept_day < today else today
    waiting = received_days.held(request, period) if period else None
    shown = ws.shown_name(period) if waiting else None
    return await common.render(
        request, "intake.html", "intake", rows=rows, orphans=orphans, counts=counts,
        one_unit=one_unit, all_units=all_units, compact=not one_unit and all_units > BOARD_IN_FULL,
        lines_to_skip=LINES_TO_SKIP, cut_short=cut_short, named_first=SAID_APART_NAMED,
        severity=SEVERITY_LABEL, job=job, earlier=earlier, limits=common.limits(request),
        today=today, received=received, stale_since=changed if stale else None, later=later,
        session_days=common.SESSION_DAYS, **await kept_context(request, period),
        held=sorted((shown(str(p)) for p in waiting.paths), key=listing_key) if shown and waiting
        else [], held_typed=received_days.held_typed(request, period) if waiting else "")


async def upload(request: Request) -> Response:
    form = await common.posted(request)
    period = common.period_or_404(request)
    ws = common.workspace(request)
    # By name, as a folder lists them (a dropped folder came in the browser's own order,
    # X04, X05, X03, X10...: hard to check 43 files against the units); "NV.xlsx" before
    # its copy "NV (1).xlsx", as Explorer lists them.
    # A folder picked without the page's script comes under its own field ("folder"):
    # the browser sends the form itself (it was "Chưa chọn tệp nào").
    given = sorted((f for f in [*form.getlist("files"), *form.getlist("folder")]
                    if isinstance(f, UploadFile) and f.filename),
                   key=lambda f: listing_key(f.filename))
    received, refused = received_days.typed(str(form.get("received") or ""), plan_periods.today(),
                                            period, ws.master().plan.year)
    back = common.page_of(request, "intake", period)
    waiting = received_days.held(request, period)
    if waiting is not None and form.get("held") == "drop":
        # "Bỏ các tệp này": files sent by mistake are not merged with the next upload.
        pending.drop(waiting)
        received_days.hold(request, period, None)
        common.flash(request, "ok", f"Đã bỏ {len(waiting.paths)} tệp đã nhận (không gộp).")
        return RedirectResponse(back, status_code=303)
    if not given and waiting is None:
        refused = "Chưa chọn tệp nào: kéo thả tệp hoặc thư mục vào khung, hoặc bấm chọn tệp."
    if refused:
        if common.wants_json(request):
            # The field refused named: a day refused, the page keeps the files chosen to
            # send again with the day corrected (app.js), not chosen again (a QA pass).
            return JSONResponse({"error": refused, "field": "received" if given else "files"},
                                status_code=400)
        if given or waiting is not None:
            # No script to keep them: the files are held (with those held before), listed
            # on the page drawn again with the day typed, and merged once the form is sent
            # with the day corrected.
            await _hold(request, ws, period, waiting, given, str(form.get("received") or ""))
        common.flash(request, "error", refused)
        return RedirectResponse(back, status_code=303)
    stored, skipped = await _save(ws, period, given)
    if waiting is not None:
        skipped = [*filter(None, map(passed_over, waiting.passed)), *skipped]
        shown = ws.shown_name(period)
        stored = sorted([StoredFile(p, shown(str(p))) for p in waiting.paths] + stored,
                        key=lambda s: listing_key(s.original))
    await form.close()
    # Written down until merged: a server that dies first merges them when it starts.
    # With no day typed, the day the app took them: merged after a restart (or in a
    # restored copy) on a later day, or by a queue run past midnight, they were received
    # then, not that later day.
    day = received or plan_periods.today()
    note = pending.remember(ws.app_dir, period.code, [s.path for s in stored], day)
    if waiting is not None:  # its files in the note just written: no moment without one
        pending.forget(waiting.note)
        received_days.hold(request, period, None)

    def work(job: Job) -> dict:
        return merge_noted(ws, period, stored, day, skipped, job, note)

    job = common.runner(request).submit("merge", merge_title(stored, period.in_sentence, received),
                                        work, key=period.code)
    job.events.extend(skipped)
    # The day typed is kept for the period's next upload of this browser session (shown
    # so), once this one took files.
    received_days.remember(request, period, received, job)
    # Without a script the page opens on this upload (and again until it ends), not on
    # the newest of the period (report.followed, as Báo cáo's verdicts).
    return common.job_response(request, job, f"{back}&{common.FOLLOWED}={job.id}")


async def _save(ws: Workspace, period: Period, given: list[UploadFile]
                ) -> tuple[list[StoredFile], list[dict]]:
    """The files of an upload saved in the period's folder (their names written down),
    and the lines of those passed over (a lock file, a file too big...)."""
    stored: list[StoredFile] = []
    skipped: list[dict] = []
    for f in given:
        name = f.filename or ""
        if (line := passed_over(name)) is not None:
            skipped.append(line)
            continue
        stored.append(await save_upload(f, ws.new_upload_path(ws.intake_dir(period), name)))
    ws.remember_names(period, stored)
    return stored, skipped


async def _hold(request: Request, ws: Workspace, period: Period,
                waiting: pending.Pending | None, given: list[UploadFile], typed: str) -> None:
    """Hold the files of an upload whose day was refused (with those held before), for
    the session to send them again with the day corrected: a browser without the page's
    script cannot fill the file input again (every file was to be chosen again)."""
    stored, skipped = await _save(ws, period, given)
    paths = [*(waiting.paths if waiting else []), *(s.path for s in stored)]
    # Those passed over too, for the merge to list them when the files are sent.
    passed = [*(waiting.passed if waiting else []), *(e["name"] for e in skipped)]
    received_days.hold(request, period, pending.hold(ws.app_dir, period.code, paths, passed)
                       if paths else None, typed)
    if waiting is not None:  # forgotten once its files are in the new note
        pending.forget(waiting.note)


# Said while another merge of the same ledger runs (a command on this machine).
WAITING = ("Đang chờ một lần gộp khác của cùng sổ cái (có thể chạy bằng dòng lệnh trên máy "
           "này) xong, tối đa 2 phút")
# Said when an upload's merge failed: its files are kept (pending.py) and merged when the
# app starts again; or the office sends them again.
KEPT_FOR_LATER = ("Các tệp vừa tải lên vẫn được giữ, chưa gộp: ứng dụng gộp chúng khi khởi "
                  "động lại; cũng có thể tải lên lại sau.")
# Said when every file of an upload is of one other period (merge.OtherPeriodFiles): none
# is kept (kept, they would be merged into this period again when the app starts).
# Periods by their names, as the period box shows them.
NOT_KEPT = ("Không gộp: {all}{count} tệp được giao cho kỳ {given}, không tệp nào của kỳ "
            "{chosen} đang chọn: chưa ghi tệp nào vào sổ cái{kept}. {then}")
GONE_TOO = ", các tệp vừa tải lên cũng không được giữ"
# What to do then: files of a later period are that period's; otherwise the office's
# files of that period, or the units' files of the wrong period.
CHOOSE = "Chọn '{label}' ở ô 'Kỳ báo cáo' trên cùng rồi tải tệp lên lại."
CHOOSE_OR_ASK = ("Nếu đó là các tệp cần gộp, chọn '{label}' ở ô 'Kỳ báo cáo' trên cùng rồi "
                 "tải tệp lên lại; nếu đơn vị gửi nhầm tệp của kỳ khác, đề nghị đơn vị gửi tệp "
                 "của kỳ {chosen}.")


def merge_noted(ws: Workspace, period: Period, stored: list[StoredFile], received: date | None,
                skipped: list[dict], job: Job, note: Path) -> dict:
    """:func:`merge_upload` of an upload written down in ``note`` (pending.py), the note
    then forgotten: merged, or refused as another period's files (which are gone); kept
    on any other failure, for the app to merge them when it starts again."""
    try:
        done = merge_upload(ws, period, stored, received, skipped, job)
    except OtherPeriodFiles:
        pending.forget(note)
        raise
    pending.forget(note)
    return done


def merge_upload(ws: Workspace, period: Period, stored: list[StoredFile], received: date | None,
                 skipped: list[dict], job: Job) -> dict:
    """Merge an upload's files (the office's own workbooks among them dealt with apart:
    :func:`_office_files`), the job's result: a message and a line per file. A failure
    leaves the files to be merged when the app starts again (the caller forgets its
    note only once merged), and says so."""
    # The units by the plan the period is merged with: a reported period keeps the plan
    # it was counted with (Workspace.plan_of), where a unit taken off the plan in use
    # since is still a unit (a QA pass: its late file, counted there, was said to be
    # "không còn trong bảng kế hoạch đang dùng: tệp không được tính vào số liệu").
    master = ws.plan_of(period.code)
    unit_names = master.names if master is not None else {}
    try:
        return _merged(ws, period, stored, received, skipped, job, unit_names)
    except OtherPeriodFiles:
        raise
    except CchcError as exc:
        raise CchcError(exc.render().rstrip(".") + ". " + KEPT_FOR_LATER) from exc
    except Exception as exc:  # a bug: the files are kept all the same, and said so
        raise Unexpected(KEPT_FOR_LATER) from exc


def _merged(ws: Workspace, period: Period, stored: list[StoredFile], received: date | None,
            skipped: list[dict], job: Job, unit_names: dict[str, str]) -> dict:
    """:func:`merge_upload`'s work."""
    office, assessed, stored_here = _office_files(ws, period, stored)
    job.events.extend(office)
    by_name = {s.path.name: s for s in stored_here}
    by_path = {s.path: s for s in stored_here}
    # Files an earlier upload sent (the same content): their verdict stands.
    # ...but for those a merge cut short recorded (a server killed mid-merge): told as
    # this merge's, as its final list tells them.
    unseen = _cut_short(ws, period.code)
    known = {s.path: sub for s in stored_here
             if (sub := ws.outcome_of(s.path, period.code)) is not None
             and sub.id not in unseen}

    def told(path: Path, sub) -> None:
        # A new file, as soon as it is recorded (a file inside a zip: as its name).
        s = by_path.get(path)
        job.events.append(outcome_line(s.original if s else _sent_as(path, stored), sub.outcome,
                                       unit_names.get(sub.unit or "", ""), sub.errors,
                                       sub.warnings, sub.reason))

    def progress(done: int, total: int, item: str) -> None:
        s = by_name.get(item)
        job.progress(done, total, s.original if s else item)
        sub = known.get(s.path) if s else None
        if sub is not None:  # told as the final list tells it
            job.events.append(outcome_line(s.original, KNOWN, unit_names.get(sub.unit or "", ""),
                                           sub.errors, sub.warnings, known_reason(
                                               sub.outcome,
                                               sub.reason if sub.outcome == REJECTED else "")))

    # A consolidated workbook whose assessments were not read (another period's): a file
    # refused, to upload again, as a unit's file refused is (a QA pass: in green).
    refused_office = any(e["kind"] != ASSESSED and e["reason"] not in PLAN_REASONS.values()
                         for e in office)
    # What the office's own workbooks leave to look at, whatever the units' files give.
    cautioned = refused_office or any(a.caution for a in assessed)
    # The copy of the data folder's workbook its refresh kept (verdicts typed there, not
    # read back): the message's link to it, whatever the merge says after.
    assessed_kept = next((a.kept_copy for a in assessed if a.kept_copy), None)
    # Each sentence once: the workbook uploaded twice ("tong-hop.xlsx", "tong-hop (1).xlsx")
    # said the same sentence twice over (a QA pass); each file's line says its own.
    assessed_said = list(dict.fromkeys(a.text for a in assessed))
    # The reasons the office's own files (a plan table...) were passed over for: an upload
    # of those alone is said to hold none of the units' files, and what they are.
    office_reasons = [e["reason"] for e in office if e["kind"] == SKIPPED]
    if not stored_here:
        return {"message": " ".join(assessed_said) or office_files_only(
                    [*(e["reason"] for e in skipped), *office_reasons])
                or "Không có tệp nào để gộp.",
                "files": skipped + office, "kept_copy": assessed_kept,
                "tone": common.tone(cautioned)}
    try:
        result = ws.merge(period.code, [s.path for s in stored_here], progress,
                          received=received, told=told,
                          waiting=lambda _: job.progress(0, 1, WAITING))
    except OtherPeriodFiles as exc:  # nothing recorded: the upload is not kept either...
        given = ws.master().period(exc.period)
        back = late_files.goes_back(ws.master(), exc.period, period)
        if back is not None:  # ...but for the button merging it into its earlier period
            job.offer = late_files.hold_upload(ws, period, back, stored_here, received)
        else:
            ws.forget_uploads(period, stored_here)
        names = {"given": given.in_sentence if given else exc.period,
                 "label": given.name if given else exc.period,  # as the period box says
                 "chosen": period.in_sentence}
        then = (late_files.HELD_THEN if back is not None else CHOOSE if exc.later
                else CHOOSE_OR_ASK)
        said = NOT_KEPT.format(all="cả " if exc.count > 1 else "", count=exc.count,
                               then=then.format(**names),
                               kept="" if back is not None else GONE_TOO, **names)
        # A merge of files cut short before: left to the next upload, said so, as a
        # withdrawal or a recount says it (it was said nowhere).
        said += f" {exc.cut_short}" if exc.cut_short else ""
        raise OtherPeriodFiles(said, period=exc.period, count=exc.count,
                               later=exc.later) from exc
    except NothingToMerge as exc:  # each file left out, with why (a zip's member too big)
        said = nothing_merged([*office_reasons, *(sk.reason for sk in exc.skipped)])
        # A merge of files cut short before: left to the next upload, said so, as the
        # refusal of another period's files says it (the skip reasons alone dropped it).
        return {"message": " ".join([*assessed_said, said, *filter(None, [exc.cut_short])]),
                "files": skipped + office + [
                    outcome_line(_sent_as(sk.path, stored), reason=sk.reason)
                    for sk in exc.skipped], "kept_copy": assessed_kept,
                "tone": common.tone(True)}
    # The final word on each file (a later file may have superseded an earlier one).
    outcomes = {f.path: f for f in result.run_files}
    inside = {str(b.bundle): b for b in result.bundles}
    files = list(skipped) + office

    # By content (an empty file's by its name too: ledger.keys): (name, stored path).
    first_sent: dict[str, tuple[str, str]] = {}
    named = ws.shown_name(period.code)  # a file merged before, by the name it came by
    # Each unit's files merged before and set aside now, the one saved last (which
    # counted) first: gathered once, not looked for among the period's files per line.
    set_aside: dict[str, list] = {}
    for g in sorted(result.files, key=lambda g: (g.saved_at or "", g.received_on or date.min),
                    reverse=True):
        if g.unit and g.outcome == SUPERSEDED and (g.known or not g.in_run):
            set_aside.setdefault(g.unit, []).append(g)

    def replaced(f) -> str:
        """What a unit's file just taken now counts in place of (:func:`replaced_said`)."""
        if f.outcome != ACCEPTED or f.known or not f.unit:
            return ""
        return replaced_said([Path(named(g.path)).name for g in set_aside.get(f.unit, [])])

    def line_of(name: str, f) -> dict:
        """A file's line in the final list (``told`` heard of it as it was recorded)."""
        first_name, first_path = first_sent.setdefault(f.key, (name, f.path))
        # A copy of another unit's file under a unit's name: that unit sent another's.
        copied = [p.message for p in f.problems if p.code == "copy-of-another-unit"]
        if first_path != f.path:
            return outcome_line(name, DUPLICATE, unit_names.get(f.unit or "", ""),
                                warnings=len(copied), reason=copied[0] if copied else
                                f"cùng nội dung với tệp '{first_name}' gửi cùng lúc: tính là "
                                "một lần gửi")
        if f.outcome == REJECTED and not f.unit and \
                ws.office_workbook(Path(f.path))[0] == PLAN_TABLE:
            # A plan table inside a zip (one alone never reaches the merge): told as the
            # board tells it, not as a unit's file to fill in again (a probe).
            return outcome_line(name, reason=PLAN_TABLE_REASON)
        errors = [p.message for p in f.problems if p.severity == ERROR]
        taken = f.outcome in (ACCEPTED, SUPERSEDED)
        # Why a file just sent may not be the one that counts though it was taken
        # (saved before the unit's counted file, or at the same moment: merge/counted.py).
        later = [p.message for p in f.problems if p.code in DOUBT_CODES]
        why = errors[0] if errors and not taken else later[0] if later else \
            first_error(f.problems)
        restored = [p.message for p in f.problems if p.code == "file-restored"]
        if restored:  # withdrawn before: sent again, it is back among the unit's files
            return outcome_line(name, f.outcome, unit_names.get(f.unit or "", ""), len(errors),
                                count(f.problems, WARNING), restored[0])
        if f.outcome == MOVED:  # in its own period already: nothing to do in this one
            return outcome_line(name, MOVED, unit_names.get(f.unit or "", ""),
                                reason=late_files.in_own_period(ws, period, f.key) or "")
        if f.known:  # its verdict is the earlier one; the upload changes nothing
            why = copied[0] if copied else known_reason(f.outcome, why)
            # ...but the day it was received, when given earlier (whether it came on time),
            # or why it was not taken: a day before the file was saved, the line's warning
            # (it read "1 cảnh báo: … không tính thêm", the warning told nowhere near).
            why = next((p.message for p in f.problems
                        if p.code in ("received-corrected", "received-before-saved")), why)
        move = late_files.file_offer(ws, period, ws.recorded(f.key, period.code)) \
            if f.outcome == REJECTED and any(p.code in AS_OTHER_PERIOD for p in f.problems) \
            else None
        if move is not None:  # an earlier period's file: the button merges it there
            return {**outcome_line(name, f.outcome, unit_names.get(f.unit or "", ""), len(errors),
                                   count(f.problems, WARNING),
                                   late_files.move_reason(move, ws.master())), "move": move}
        late = result.late(f)  # "Muộn 5 ngày", as the board says it
        if f.unit and f.unit not in unit_names:  # taken out of the plan since it came
            why = (f"{why}; " if why else "") + (
                f"đơn vị {f.unit} không còn trong bảng kế hoạch đang dùng: tệp không được "
                "tính vào số liệu")
        return outcome_line(name, KNOWN if f.known else f.outcome,
                            unit_names.get(f.unit or "", f.unit or ""), len(errors),
                            count(f.problems, WARNING), why, late.return_text if late else "",
                            replaced(f))

    for s in stored_here:
        f = outcomes.get(str(s.path))
        bundle = inside.get(str(s.path))
        if f is not None:
            files.append(line_of(s.original, f))
        elif bundle is not None:  # each of its files, named inside the zip's name
            files.append(outcome_line(s.original, UNPACKED, reason=bundle.told))
            # Each named as in the zip, folders and all: two "bao-cao.xlsx" of two
            # folders read "bao-cao.xlsx" and "bao-cao (2).xlsx" (a probe).
            files.extend(line_of(f"{s.original}/{bundle.members.get(m, m.name)}",
                                 outcomes[str(m)])
                         for m in bundle.files if str(m) in outcomes)
    # The files a merge cut short recorded and this one tells ("nay được báo như tệp nhận
    # lần này"), not of this upload (a command line's merge killed): listed as the
    # message says, with their errors, counted among the files read and to look at. Only
    # this upload's were listed: "Đã đọc 1 tệp", the others' errors said nowhere.
    listed = {str(s.path) for s in stored_here} | {str(m) for b in result.bundles
                                                   for m in b.files}
    shown = ws.shown_name(period.code)
    carried = [f for f in result.cut_short_files if f.path not in listed]
    files.extend(line_of(shown(f.path), f) for f in carried)
    # A file of a zip the merge passed over (the plan table in it), named inside the
    # zip's name as its other files are, and the plan told as the board tells it; a
    # consolidated workbook the office changed since cchc-xl wrote it (its verdicts typed
    # in?) says its verdicts were not read, in the warning colour.
    members = {str(m): f"{s.original}/{b.members.get(m, m.name)}" for s in stored_here
               if (b := inside.get(str(s.path))) is not None for m in b.files}
    verdicts_unread = False
    for sk in result.skipped:
        reason = PLAN_TABLE_REASON if sk.reason == PLAN_TABLE_FILE else sk.reason
        if str(sk.path) in members and sk.reason == CONSOLIDATED_PASSED_OVER:
            reason, verdicts_unread = CONSOLIDATED_IN_ZIP_REASON, True
        files.append(outcome_line(members.get(str(sk.path)) or _sent_as(sk.path, stored),
                                  reason=reason))
    # Now that the zips are open, the title says how many files they held, and the files
    # of a merge cut short listed with them ("Gộp 1 tệp" over "Đã đọc 2 tệp": a QA pass).
    job.title = merge_title(stored_here, period.in_sentence, received,
                            sum(len(b.files) for b in result.bundles), len(carried))
    summary = result.summary(ws.shown_name(period.code),
                             wording.merge_heading(period, ws.master().plan))
    # No file of this upload taken, or some refused beside those taken: a warning's colour,
    # not success's (one of two taken showed green over "1 tệp không được nhận": QA pass).
    taken = any(f.outcome in (ACCEPTED, SUPERSEDED) for f in result.run_files)
    copies = sum(any(p.code == "copy-of-another-unit" for p in f.problems)
                 for f in result.run_files)
    # A file sent before (its verdict stands), or twice in this upload: the ledger names
    # the copy kept first; this one is not kept (each upload of it again left one more).
    ws.forget_uploads(period, [s for s in stored_here if (f := outcomes.get(str(s.path)))
                               is not None and (f.known or any(
                                   p.code == "duplicate-file" for p in f.problems))])
    look_at = to_look_at(files, copies)
    files = in_look_order(files)
    # The office's verdicts not read back: last, beside the link to the workbook kept.
    unread = kept_files.unread_said(result)
    return {"message": " ".join([*assessed_said,
                                 *filter(None, [result.cut_short_said(ws.shown_name(
                                     period.code))]),
                                 f"{read_and_passed(files)} Đơn vị đã gửi: {result.units_sent()}"
                                 + (f"; {own}." if (own := result.own_sent()) else "."),
                                 *look_at, *filter(None, [unread.get("message")])]),
            "files": files, "summary": summary, "taken": taken,
            "kept_copy": unread.get("kept_copy") or assessed_kept,
            # Files to look at (refused, with errors, a copy of another unit's), verdicts
            # not read: the warning colour, as the sentence that counts them.
            "tone": common.tone(not taken or bool(look_at) or cautioned or bool(unread)
                                or verdicts_unread)}


def _cut_short(ws: Workspace, code: str) -> set[int]:
    """The submissions of the period the merges cut short since its last one that
    finished recorded (Ledger.recorded_unseen): nobody saw them said."""
    master = ws.master()
    if master is None or not ws.ledger_path.is_file():
        return set()
    with Ledger(ws.ledger_path, create=False) as ledger:
        return ledger.recorded_unseen(master.plan.key, code)


def _cut_short_notice(ws: Workspace, snapshot) -> str:
    """What the page says, as it opens, of the period's last merge cut short (a command
    line's merge killed; Báo cáo's "Lập báo cáo" warns of it too): when it started, the
    files it recorded, that the next upload lists them. Nothing was said here until the
    next upload's message. "" for none, or for a merge under way (it holds the ledger)."""
    started = snapshot.interrupted
    if not started or merge_running(ws.ledger_path):
        return ""
    said = (f"Lưu ý: lần gộp kỳ {snapshot.period.with_code} bắt đầu lúc {vn_time(started)} "
            "bị ngắt giữa chừng (không chạy xong)")
    unseen = _cut_short(ws, snapshot.period.code)
    shown = ws.shown_name(snapshot.period.code)
    names = [shown(s.path) for s in snapshot.submissions if s.id in unseen]
    if not names:
        return (f"{said}, chưa ghi được tệp nào vào sổ cái: tải lại các tệp của lần gộp đó "
                "lên ở đây.")
    return (f"{said}: {len(names)} tệp lần đó đã ghi vào sổ cái nhưng chưa được báo kết quả "
            f"({short_list(sorted(names, key=listing_key), 5, ', ', 'tệp')}); sổ cái có thể "
            "thiếu tệp khác của lần đó. Tải lại các tệp của lần gộp đó lên ở đây: tệp còn thiếu "
            "được gộp, tệp đã ghi được liệt kê cùng lỗi của chúng (lần tải lên tới, dù là tệp "
            "khác, cũng liệt kê các tệp đã ghi đó).")


def _office_files(ws: Workspace, period, stored: list[StoredFile]
                  ) -> tuple[list[dict], list[Assessed], list[StoredFile]]:
    """The office's own workbooks among an upload, dealt with here: a consolidated
    workbook of the period has its assessments read (``cchc-xl assess``), a plan table
    is sent to the Kế hoạch page; neither is merged as a unit's file. Returns their
    lines in the list of outcomes, the sentences of the assessments read, and the
    files left for the merge."""
    events: list[dict] = []
    assessed: list[Assessed] = []
    rest: list[StoredFile] = []
    # Remembered for the board's files of no unit.
    kinds = [(s, ws.office_workbook(s.path)[0]) for s in stored]
    imported_from = ws.import_findings()[0]
    kinds = [(s, PLAN_DOCUMENT if plan_document(s.original, imported_from) else kind)
             for s, kind in kinds]
    others = any(kind not in (*PLAN_REASONS, CONSOLIDATED) for _, kind in kinds)
    for s, kind in kinds:
        if kind in PLAN_REASONS:
            ws.discard_upload(s.path)
            events.append(outcome_line(s.original, reason=PLAN_REASONS[kind]))
        elif kind == CONSOLIDATED:
            try:
                said = assess_stored(ws, period, s, merged_next=others)
            except CchcError as exc:
                events.append(outcome_line(s.original, reason=ws.said(exc)))
                continue
            assessed.append(said)
            events.append(outcome_line(s.original, ASSESSED, reason=said.text))
        else:
            rest.append(s)
    return events, assessed, rest


async def withdraw(request: Request) -> Response:
    """Take one file of the period out of the figures (the unit's counted file, when it
    sent several): the one it superseded counts again."""
    form = await common.posted(request)
    period = common.period_or_404(request)
    # The file's key (ledger.keys): its SHA-256, an empty file's with its name.
    digest, name = split_key(str(form.get("sha", "")).strip())
    sha = stored_key(digest.lower(), name)
    back = RedirectResponse(common.page_of(request, "intake", period), status_code=303)
    if len(digest) != 64 or any(c not in "0123456789abcdefABCDEF" for c in digest):
        common.flash(request, "error", "Không rõ tệp cần rút khỏi số liệu.")
        return back
    ws = common.workspace(request)
    try:
        result = await run_in_threadpool(ws.refresh, period.code, sha)
    except InItsOwnPeriod as exc:  # merged into its own period since: nothing withdrawn
        common.flash(request, "warn", late_files.not_withdrawn_here(ws, period, exc))
        return back
    except CchcError as exc:
        sub = await run_in_threadpool(ws.recorded, sha, period.code)
        if sub is not None and sub.outcome == WITHDRAWN:  # the form sent twice (a 2nd tab)
            common.flash(request, "ok", f"Tệp {ws.shown_name(period.code)(sub.path)}"
                         " đã được rút khỏi số liệu trước đó.")
        elif sub is None:  # a page of another period, or of a ledger since replaced
            common.flash(request, "error", f"Kỳ {period.in_sentence} không có tệp này (trang "
                         "đã cũ?): mở lại trang Thu nhận rồi chọn tệp cần rút.")
        else:  # a sentence of its own ("tệp tong-hop-Q1.xlsx: …", another plan's)
            common.flash(request, "error", capitalized(ws.said(exc)))
        return back
    common.mark_changed(request, period.code)
    gone = result.withdrawn
    now = [f for f in result.files if f.unit == gone.unit and f.outcome == ACCEPTED]
    shown = ws.shown_name(period.code)
    # Verdicts typed, not read back: said last, the link to the copy kept after it.
    unread = kept_files.unread_said(result, listed=True)
    # A merge of files cut short before: left to the next one to tell, said so.
    cut = result.cut_short_said(shown)
    common.flash(request, common.tone(bool(unread or cut)), f"Đã rút tệp {shown(gone.path)} khỏi "
                 "số liệu (vẫn giữ trong sổ cái). " + (
                     f"Tệp được tính của đơn vị bây giờ: {shown(now[0].path)}."
                     if now else "Đơn vị không còn tệp nào được tính.")
                 + (f" {kept}" if (kept := report_day_kept(gone, ws.ledger_path)) else "")
                 + (f" {cut}" if cut else "") + (f" {unread['message']}" if unread else ""),
                 kept_copy=unread.get("kept_copy"))
    return back


def _sent_as(path: Path, stored: list[StoredFile]) -> str:
    """A file left out of a merge as the office sent it: an upload by its own name, a
    file inside an uploaded zip after the zip's ("Tệp đính kèm.zip/khác.zip")."""
    for s in stored:
        if path == s.path:
            return s.original
        if s.path in path.parents:  # its name in the zip, folders and all
            return f"{s.original}/{path.relative_to(s.path).as_posix()}"
    return path.name


def merge_title(stored: list[StoredFile], period_name: str, received: date | None = None,
                inside: int | None = None, carried: int = 0) -> str:
    """The title of an upload's merge, by what was sent: "Gộp 1 tệp nén (18 tệp bên trong)
    kỳ 9 tháng năm 2023" (``inside``: the files the zips held, once they are open;
    ``carried``: the files a merge cut short recorded, listed with them)."""
    zips = sum(1 for s in stored if s.path.suffix.lower() == ".zip")
    parts = [f"{len(stored) - zips} tệp"] if len(stored) > zips else []
    if zips:
        parts.append(f"{zips} tệp nén" + (f" ({inside} tệp bên trong)" if inside else ""))
    what = " và ".join(parts) if parts else "các tệp đã gửi"
    when = (f" (nhận ngày {vn_date(received)})"
            if received is not None and received != plan_periods.today() else "")
    also = f", kèm {carried} tệp của lần gộp bị ngắt" if carried else ""
    return f"Gộp {what} kỳ {period_name}{when}{also}"
