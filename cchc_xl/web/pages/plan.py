"""Page 1, Kế hoạch: upload the master, see the check's findings, download it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from ...assignment import assigned_units
from ...data_folder import UPLOADS
from ...errors import CchcError, UsageError
from ...findings import SOURCE_PLACE, count
from ...issuer import COMMITTEE, COMMUNE_LEVEL, PROVINCE, issuer_of, plan_level
from ...master import plan_year
from ...master.layout import PLAN_SHEET, UNITS_SHEET
from ...master.read import NO_TASKS
from ...text import capitalized, file_part, for_people
from ...vocab import ERROR, NOTE, SEVERITY_LABEL, WARNING
from .. import common, held, kept_files, plan_periods, plan_tasks, plan_units
from ..jobs import Job
from ..office_files import CONSOLIDATED, UNIT_FILE, office_workbook
from ..plan_periods import (
    KEEP,
    RECOUNT,
    TICKED,
    Followed,
    changed_from,
    dropped_said,
    foreseen,
    same_plan,
    same_wording,
)
from ..security import small_number
from ..uploads import save_upload
from ..wording import for_browser
from ..workspace import StoredFile, Workspace
from . import backup, signer
from . import restore as restore_page


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    state = await run_in_threadpool(ws.master_state)
    found = state.findings if state else []
    # What importing the plan in use found (units guessed...): with the check's findings,
    # kept across restarts, gone once another plan replaces it.
    source, imported = await run_in_threadpool(ws.import_findings) if state else ("", [])
    # The import checked the table it wrote: those findings are the check's, listed (and
    # counted) once, with the table's (a probe's page said 5 warnings for 3).
    imported = _own(imported, found)
    counts = tally(found, imported)
    job = common.runner(request).latest("import")
    if job is not None and job.finished and not imported and state is not None and \
            job.finished_at and state.path.stat().st_mtime > job.finished_at.timestamp():
        job = None  # another plan was uploaded since: that import's box no longer applies
    held.forget_old(ws.app_dir)  # a question nobody answered for a day
    in_use = state.master.plan.key if state is not None and state.master else None
    # Every question not answered (an import's too, after the page was left or the app
    # restarted), the one of the page's address first.
    asked = held.pending(ws.app_dir, in_use) if state is not None else []
    asked.sort(key=lambda waiting: waiting.token != request.query_params.get("thay"))
    if job is not None and job.finished and job.result.get("held") and \
            job.result["held"] not in {waiting.token for waiting in asked}:
        job = None  # its question answered: the page says what the answer did
    earlier = await run_in_threadpool(ws.earlier_plans)
    # Asked to replace the plan in use by a version of it: which periods with files it
    # would recount, which keep their figures (plan_periods).
    periods = await run_in_threadpool(foreseen, ws.ledger_path, state.master) \
        if asked and state.master else Followed()
    changes, same, dropped = await run_in_threadpool(
        changed_from, state.master, asked, periods.recounted + periods.kept) \
        if asked and state.master else ({}, set(), {})
    # Each version's: a period it has not is neither recounted nor kept (dropped_said).
    on_replace = {waiting.token: periods.without(dropped.get(waiting.token, []))
                  for waiting in asked}
    # The box adding a province's communes to a plan imported: on the page of a commune's
    # plan too (said there to be for a province's plan, taken instead of the commune's).
    master = state.master if state else None
    made = await run_in_threadpool(backup.last_made, ws)
    # Counted and rendered once per version of the plan table (plan_units).
    units = await run_in_threadpool(plan_units.listed, master,
                                    request.app.state.templates.env) if master else None
    return await common.render(
        request, "plan.html", "plan", findings=found, severity=SEVERITY_LABEL,
        earlier=earlier, earlier_heading=EARLIER, checked_heading=CHECKED, asked=asked,
        put_back_label=PUT_BACK, kept_wording=kept_wording, files_kept=files_kept_wording,
        keep_label=KEEP, ticked_label=TICKED,
        on_replace=on_replace, changes=changes, recount=RECOUNT, same=same,
        dropped={token: dropped_said(gone) for token, gone in dropped.items()},
        same_wording=same_wording,
        counts=counts, imported=imported, imported_from=source, levels=BLANK_LEVELS,
        imported_counted=", ".join(counted(tally([], imported))),
        plan_year=plan_year(plan_periods.today()), master=master, job=job,
        commune_plan=_commune_plan(master),
        year_over=year_over(master, plan_periods.today()),
        worked_here=bool(asked and master) and await run_in_threadpool(_worked_here, ws, master),
        unassignable=unassignable(master, units.assigned) if master else "",
        units_listed=units.shown if master else "",
        tasks=await run_in_threadpool(plan_tasks.listed, master, found,
                                      request.app.state.templates.env) if master else "",
        blank=request.session.pop(SESSION_BLANK, None) or _blank_as_in_use(master),
        backup_job=common.runner(request).latest(backup.KIND),
        backup_made=made, restore_places=backup.restore_places(ws, made),
        signing=signer.form(master, request.session),
        **await restore_page.card(request, ws))


# A plan read without errors that "Giao việc" still refuses (split_master): said under
# the check's counts instead of "dùng được để giao việc" (a QA pass: a blank plan
# uploaded as it was downloaded was said usable; Giao việc then failed).
NO_TASKS_YET = (f"Chưa giao việc được: {NO_TASKS}. Tải bảng kế hoạch về, điền các trang lĩnh "
                "vực trong Excel rồi tải lên lại; hoặc nhập văn bản kế hoạch ở mục “Nhập từ "
                "văn bản kế hoạch đã ban hành”.")
NO_UNITS_YET = ("Chưa giao việc được: chưa có nhiệm vụ nào được giao cho đơn vị có trong "
                "trang “Đơn vị”. Ghi đơn vị chủ trì, phối hợp của các nhiệm vụ (đúng tên ở "
                "trang “Đơn vị”) rồi tải lên lại.")


def unassignable(master, assigned: bool | None = None) -> str:
    """Why "Giao việc" cannot make any unit's file from ``master``; "" when it can.
    ``assigned``: whether any unit is given a row, when already counted (plan_units)."""
    if not any(True for _ in master.deliverables()):
        return NO_TASKS_YET
    if assigned is None:
        assigned = bool(assigned_units(master))
    return "" if assigned else NO_UNITS_YET


async def received_file(request: Request, form, field: str, missing: str) -> StoredFile | None:
    """The file posted in ``field``, stored in the app's upload folder; None (and the
    message ``missing`` shown) when none was chosen."""
    given = form.get(field)
    if not isinstance(given, UploadFile) or not given.filename:
        common.flash(request, "error", missing)
        return None
    ws = common.workspace(request)
    return await save_upload(given, ws.new_upload_path(ws.app_dir / UPLOADS, given.filename))


def _between_jobs(request: Request, change, *args):
    """``change(*args)`` (a plan put in place) once no job runs: a merge running would
    write the plan before's files under the one put in place (a probe)."""
    with common.runner(request).exclusive():
        return change(*args)


def _back(request: Request) -> Response:
    """Back to the plan page, with the period of the page the form was sent from."""
    return RedirectResponse(_plan_page(request), status_code=303)


async def _back_to(request: Request, was: str) -> Response:
    """Back to the plan page after a plan was put in place (``was``: the key of the plan
    in use before): with the period of the page the form was sent from while it is the
    same plan, a version of it; another plan's page opens on that plan's period reported
    now, as a new session does (common.current_period). The form's period was the plan
    before's: 2027's plan put in place from the page of Năm 2026 opened on Năm 2027,
    whose files Giao việc then offered to make in December, and 2026's put back from a
    page of quý I/2027 opened on quý I/2026, where its late year's files were refused
    as another period's (a QA pass at the year's turn)."""
    if await run_in_threadpool(common.plan_key, request) != was:
        return RedirectResponse(common.page_of(request, "plan"), status_code=303)
    return _back(request)


def _plan_page(request: Request) -> str:
    return common.page_of(request, "plan", common.asked_period(request))


async def upload(request: Request) -> Response:
    """A plan table uploaded: checked first. Before any plan it is put in place; in
    place of one, a file that fails the check is refused with its reason, and one that
    passes is held and the page asks, with what the check found (held.py)."""
    form = await common.posted(request)
    stored = await received_file(request, form, "master",
                             "Chọn tệp bảng kế hoạch (.xlsx) trước khi tải lên.")
    if stored is None:
        return _back(request)
    ws = common.workspace(request)
    # Said only when there is one: before the first plan, no plan is kept.
    kept = " Bảng kế hoạch đang dùng được giữ nguyên." if ws.master_path.is_file() else ""
    kind, _ = await run_in_threadpool(office_workbook, stored.path)
    if kind in _NOT_A_PLAN:
        ws.discard_upload(stored.path)
        common.flash(request, "error", f"Tệp '{stored.original}' {_NOT_A_PLAN[kind]}"
                     + (f".{kept}" if kept else _NO_PLAN_YET))
        return _back(request)

    def unreadable(reason: str) -> str:
        return f"Không dùng được tệp '{stored.original}': {reason}.{kept}"

    if kept:
        new, checked = await run_in_threadpool(ws.vet_master, stored.path)
        if checked.unreadable or checked.refused:
            ws.discard_upload(stored.path)
            _say_installed(request, checked, stored.original, "", unreadable)
            return _back(request)
        token, earlier = await run_in_threadpool(
            held.hold_once, ws.app_dir, stored.path, stored.original, new, checked.findings)
        if earlier is not None:  # the same table held already: asked once
            common.flash(request, "info", held.waiting_sentence(stored.original, earlier))
        back = _plan_page(request)
        return RedirectResponse(f"{back}{'&' if '?' in back else '?'}thay={token}#thay-bang",
                                status_code=303)
    try:
        installed = await run_in_threadpool(_between_jobs, request, ws.install_master,
                                            stored.path)
    finally:
        ws.discard_upload(stored.path)
    _say_installed(request, installed, stored.original,
                   f"Đã nhận bảng kế hoạch '{stored.original}'", unreadable)
    return _back(request)


async def replace(request: Request) -> Response:
    """The office's answer to "Thay bảng kế hoạch đang dùng...?" on a checked upload:
    yes (``replace``) puts it in place; no keeps the plan in use."""
    form = await common.posted(request)
    ws = common.workspace(request)
    waiting = held.take(ws.app_dir, form.get("token"))
    if waiting is None:  # answered already (another tab, the form sent twice), or removed
        common.flash(request, "error", "Không còn bảng kế hoạch chờ thay này (đã trả lời ở "
                     "thẻ khác, hoặc đã quá một ngày): bảng kế hoạch đang dùng là bảng ghi bên "
                     "dưới. Muốn thay thì tải lên lại bảng kế hoạch, hoặc nhập lại văn bản.")
        return _back(request)
    if form.get("answer") != "thay":
        held.drop(ws.app_dir, waiting.token)
        common.flash(request, "info", f"Không thay: bảng kế hoạch đang dùng được giữ nguyên "
                     f"(tệp '{waiting.original}' đã bỏ qua).")
        return _back(request)
    def put_in_place(path: Path):
        # What importing found kept with the plan it made, before another answer (another
        # tab's) may put another in place: kept after, it was listed over that one.
        installed = ws.install_master(path)
        if not installed.refused and not installed.unreadable:
            if waiting.imported is not None:
                ws.keep_import_findings(waiting.original, waiting.imported)
            held.drop_copies(ws.app_dir, ws.master_path)
        return installed

    was = await run_in_threadpool(common.plan_key, request)
    try:
        installed = await run_in_threadpool(_between_jobs, request, put_in_place, waiting.path)
    finally:
        held.drop(ws.app_dir, waiting.token)
    _say_installed(request, installed, waiting.original,
                   waiting.done or f"Đã nhận bảng kế hoạch '{waiting.original}'",
                   lambda reason: f"Không dùng được tệp '{waiting.original}': {reason}. "
                                  "Bảng kế hoạch đang dùng được giữ nguyên.",
                   imported=waiting.imported)
    return await _back_to(request, was)


def _say_installed(request: Request, installed, name: str, done: str,
                   unreadable: Callable[[str], str],
                   imported: list[dict] | None = None) -> None:
    """What putting a plan in place did (an upload, a plan used before put back), said
    on the page: refused for its errors, not readable (``unreadable(reason)``), or in
    place (``done``, then what is left to look at and where the plan before was kept).
    Another plan put in place: what the pages said of the one before goes.
    ``imported``: what importing a plan from a document found (its question's list),
    counted with the check's as the page counts them, and its refusal said as
    :func:`refused_sentence` says (a usable plan put in place since it was asked)."""
    if installed.other_plan:
        common.runner(request).forget_finished()
    if installed.refused:
        common.flash(request, "error", refused_sentence(name, installed, imported is not None))
    elif installed.unreadable:
        common.flash(request, "error", unreadable(installed.unreadable_reason))
    else:
        counts = tally(installed.findings, _own(imported or [], installed.findings))
        if imported is None:  # a table's notes are not its question's (held.import_notes)
            counts[NOTE] = 0
        unread = unread_items(installed)
        # A period not recounted (plan_periods.Followed.refused) is the office's to act on.
        tone = "error" if counts[ERROR] else common.tone(
            bool(counts[WARNING] or unread or installed.periods.refused))
        # What is left to look at, said once for both forms of the message below.
        found = to_look_at(counts)
        replaced = [*kept_items(installed), *unread]
        if not replaced:
            common.flash(request, tone, done + (f"{':' if counts[ERROR] else ';'} {found}."
                                                if found else "."))
            return
        # Another plan replaced (a QA pass: one paragraph of 900 characters): what was
        # done first, then one point each of what the office must know.
        common.flash(request, tone, done + ".",
                     [*([capitalized(found) + "."] if found else []), *replaced])


def tally(checked: list, own: list[dict]) -> dict[str, int]:
    """Errors, warnings and notes of a plan: the check's (``checked``), and those
    importing it found besides (``own``, as :func:`_own` gives them), as the plan page
    counts and lists them. One count for the question asked before a plan imported
    replaces the one in use, the notice after and the page (a QA pass: the question
    said "6 cảnh báo", the notice after "5 cảnh báo" and "2 điểm" of the same plan)."""
    return {severity: count(checked, severity) + sum(1 for f in own
                                                     if f.get("severity") == severity)
            for severity in (ERROR, WARNING, NOTE)}


def to_look_at(counts: dict[str, int]) -> str:
    """What a plan put in place leaves to look at (:func:`tally`), in the words of the
    page's "Kết quả kiểm tra" and the question's: its errors to fix first, else its
    warnings to review, and its notes to read; "" when nothing."""
    # The list named by its card's heading: said in the import's box, it is not the
    # next thing below (a QA pass: "(danh sách bên dưới)" there).
    where = f"(danh sách ở mục '{CHECKED}' bên dưới)"
    if counts[ERROR]:
        return f"còn {counts[ERROR]} lỗi cần sửa {where}"
    said = counted(counts)
    return f"có {' và '.join(said)} {where}" if said else ""


def counted(counts: dict[str, int]) -> list[str]:
    """Each severity :func:`tally` counts that is there, in the page's words: "2 lỗi",
    "4 cảnh báo cần xem lại", "19 ghi nhận"."""
    words = ((ERROR, "lỗi"), (WARNING, "cảnh báo cần xem lại"), (NOTE, "ghi nhận"))
    return [f"{counts[severity]} {said}" for severity, said in words if counts[severity]]


# Workbooks cchc-xl wrote that are not a plan, dropped on the plan's upload box.
_NOT_A_PLAN = {
    UNIT_FILE: "là tệp giao cho một đơn vị (hoặc đơn vị gửi về), không phải bảng kế hoạch: "
               "tệp đơn vị gửi về thì tải lên ở trang Thu nhận",
    CONSOLIDATED: "là bảng tổng hợp, không phải bảng kế hoạch: bảng tổng hợp đã điền đánh "
                  "giá thì tải lên ở trang Báo cáo",
}
# ...before any plan: those pages take nothing yet (they say to put a plan in place).
_NO_PLAN_YET = (", sau khi đã có bảng kế hoạch. Chưa có bảng kế hoạch nên các trang đó chưa "
                "nhận tệp: trước hết nhập văn bản kế hoạch đã ban hành (Word) ở mục “Nhập từ "
                "văn bản kế hoạch đã ban hành” bên dưới, hoặc tải lên ở đây bảng kế hoạch "
                "Excel của kế hoạch đó.")


def refused_sentence(name: str, installed, document: bool = False) -> str:
    """Why a plan with errors was not put in the place of the usable one, and its
    errors (the page shows the findings of the plan in use). ``document``: a plan made
    from a plan document, whose table the office never had: its errors are said where
    they are in the document (the part, the reform area), to be fixed there."""
    errors = installed.errors()
    listed = "; ".join(
        ", ".join(p for p in ((f.place or _in_document(f.sheet) if document else
                               f"trang '{f.sheet}'" if f.sheet else ""),
                              "" if document else f"ô {f.cell}" if f.cell else "",
                              f.message) if p)
        for f in errors[:5])
    if document:
        return (f"Chưa dùng bảng kế hoạch lập từ văn bản '{name}': bảng còn {len(errors)} "
                "lỗi, nên bảng kế hoạch đang dùng được giữ nguyên (các trang Giao việc, Thu "
                f"nhận, Báo cáo vẫn dùng bảng đó). Sửa trong văn bản rồi nhập lại: {listed}"
                + (f"; và {len(errors) - 5} lỗi khác" if len(errors) > 5 else "") + ".")
    return (f"Chưa dùng '{name}': bảng kế hoạch này còn {len(errors)} lỗi, nên bảng kế hoạch "
            "đang dùng được giữ nguyên (các trang Giao việc, Thu nhận, Báo cáo vẫn dùng bảng "
            f"đó). Sửa các lỗi rồi tải lên lại: {listed}"
            + (f"; và {len(errors) - 5} lỗi khác (xem bằng cách mở tệp, hoặc tải lên lại sau "
               "khi sửa)" if len(errors) > 5 else "") + ".")


def _in_document(sheet: str) -> str:
    """Where in a plan document the rows of a sheet of the table made from it come from."""
    if sheet == PLAN_SHEET:
        return "phần đầu văn bản (tên kế hoạch, cơ quan ban hành, năm)"
    if sheet == UNITS_SHEET:
        return "danh sách đơn vị"
    return f"lĩnh vực '{sheet}'" if sheet else ""


def kept_items(installed) -> list[str]:
    """That the plan replaced was kept, and how to go back to it (its "Dùng lại"
    button in the list of plans used before), one point each; none when none was
    replaced. Another plan's periods' files were put aside with it
    (Workspace.install_master), and the periods with files recounted or kept, said too."""
    if not installed.kept:
        return []
    from .signer import signing_wording  # the form's module imports this one

    return [kept_wording("Bảng kế hoạch dùng trước đó"),
            *(["Đây là kế hoạch khác: " + files_kept_wording("kế hoạch trước")]
              if installed.other_plan else []),
            *installed.periods.items(),
            *([signing_wording(installed.signing)] if installed.signing else [])]



def unread_items(installed) -> list[tuple[str, dict | None]]:
    """For each period recounted with the plan put in place whose recount could not read
    back verdicts the office typed into its consolidated workbook: the point saying so,
    as Thu nhận and Báo cáo say it, with the link to the copy kept (the recount wrote
    the workbook over; the notice said nothing of it)."""
    return [(said["message"], said.get("kept_copy"))
            for said in (kept_files.unread_said(result, listed=True, named=True)
                         for result in installed.periods.unread)]


def import_failure(exc: CchcError, stored: StoredFile, ws: Workspace) -> CchcError:
    """An import's error naming the document as the office chose it, never the place
    the upload was stored on the server ("tệp /…/.cchc-web/tai-len/5f4567/x.xlsx: …")."""
    kept = " Bảng kế hoạch đang dùng được giữ nguyên." if ws.master_path.is_file() else ""
    if exc.file and Path(exc.file) == stored.path:
        where = ", ".join(p for p in (f"trang '{exc.sheet}'" if exc.sheet else "",
                                      f"ô {exc.cell}" if exc.cell else "") if p)
        text = (f"Không nhập được tệp '{stored.original}'" + (f" ({where})" if where else "")
                + f": {exc.message}" + (f" ({exc.hint})" if exc.hint else ""))
    elif not exc.file:  # about what was asked with it ("Thêm các xã, phường của tỉnh")
        text = (f"Không nhập được tệp '{stored.original}': {exc.message}"
                + (f" ({exc.hint})" if exc.hint else ""))
    else:
        text = exc.render().replace(str(stored.path), f"'{stored.original}'")
    return CchcError(text.rstrip(".") + "." + kept)


def _commune_plan(master) -> bool:
    """Whether ``master`` (the plan in use; None: none yet) is a commune's plan, which
    gives work to the commune's own offices."""
    return master is not None and plan_level(master.plan, master.units).code == COMMUNE_LEVEL


def _blank_as_in_use(master) -> dict:
    """The blank plan form as the plan in use suggests it: its level, and a province
    committee's province (the communes of next year's blank table). It offered "Cấp xã"
    and no place to the Sở Nội vụ of a province whose plan was in use (a QA pass)."""
    if master is None:
        return {}
    level = plan_level(master.plan, master.units)
    if level.code not in BLANK_LEVELS:
        return {}
    place = issuer_of(master.plan.authority).place
    named = level.code == PROVINCE and level.body == COMMITTEE and place != "…"
    return {"level": level.code, "place": place if named else ""}


def _worked_here(ws: Workspace, master) -> bool:
    """Whether the plan in use has work in this data folder (files of a period issued or
    merged): next year's plan asked in its place is then told one folder a year; not when
    this year's table was put in a new folder only to carry its units into next year's."""
    return any(ws.split_dir(p).is_dir() or ws.consolidated(p).is_file() for p in master.periods)


def year_over(master, on: date) -> int | None:
    """The year of the plan to make now (``on``: :func:`plan_year`, as the blank form's)
    when the plan's year is over, None otherwise: in January the office opening last
    year's folder is told the new year's plan goes in a folder of its own, this one kept
    for late returns and the record (a QA pass at the year's turn: nothing said so)."""
    over = master is not None and master.plan.year and on.year > master.plan.year
    return plan_year(on) if over else None


async def import_document(request: Request) -> Response:
    """Import a plan as issued (Word .docx/.doc, its PDF, or a workbook of tables) into the
    master."""
    form = await common.posted(request)
    stored = await received_file(request, form, "document",
                             "Chọn văn bản kế hoạch (.docx, .doc, .odt, .pdf hoặc .xlsx) trước.")
    if stored is None:
        return _back(request)
    ws = common.workspace(request)
    await form.close()
    province = str(form.get("province") or "").strip()
    # A province named over a commune's plan: the document is the province's plan, whose
    # units are the province's (its sở, ban, ngành and communes), not the commune's own
    # offices of the plan in use, whatever the tick left as the page gives it (the box
    # says so). Read against them, its sở were added as new units, with a warning each.
    units = form.get("units") == "1" and not (
        province and await run_in_threadpool(_commune_plan_in_use, ws))
    back = _plan_page(request)

    def work(job: Job) -> dict:
        job.progress(0, 1, stored.original)
        # In place of a plan in use, the plan imported is checked and held for the
        # office's answer, as a plan table uploaded is (it asked before reading the
        # document, and replaced the plan without saying what the check found).
        replacing = ws.master_path.is_file()
        try:
            if replacing:
                result = ws.imported_plan(stored.path, units_from_current=units,
                                          province=province)
            else:
                result, installed = ws.import_plan(stored.path, units_from_current=units,
                                                   province=province)
        except CchcError as exc:
            raise import_failure(exc, stored, ws) from exc
        finally:
            ws.discard_upload(stored.path)
        shown = [{**f.as_dict(), "file": stored.original if f.file == for_people(str(stored.path))
                  else f.file} for f in result.findings]
        if replacing:
            return _held_import(ws, stored, result, shown, back, units)
        if installed.refused:
            raise CchcError(refused_sentence(stored.original, installed))
        if installed.other_plan:
            runner.forget_finished()
        job.progress(1, 1, stored.original)
        if not installed.unreadable:
            ws.keep_import_findings(stored.original, shown)
        # What is left to look at, counted and said as the page lists it (and as the
        # notice after a plan imported in place of another says it).
        counts = tally(installed.findings, _own(shown, installed.findings))
        found = "" if installed.unreadable else to_look_at(counts)
        return {"message": _import_sentence(stored.original, result.master) + "."
                           + "".join(" " + said for said in kept_items(installed))
                           + (f" {capitalized(found)}." if found else ""),
                # Warnings to look at (the page lists them): the warning colour.
                "tone": common.tone(bool(counts[ERROR] + counts[WARNING]))}

    runner = common.runner(request)
    job = runner.submit("import", f"Nhập văn bản '{stored.original}'", work)
    return common.job_response(request, job, _plan_page(request))


def _commune_plan_in_use(ws: Workspace) -> bool:
    state = ws.master_state()
    return _commune_plan(state.master if state else None)


def _held_import(ws: Workspace, stored: StoredFile, result, shown: list[dict],
                 back: str, units: bool) -> dict:
    """A plan imported in place of the one in use: checked, then held for the office's
    answer (the job's result names the question, ``held``, and the page that asks it,
    ``page``); refused at once, with its reason, when it cannot be used."""
    path = result.path
    try:
        new, checked = ws.vet_master(path)
        # Each of the check's findings where in the document its row came from (the
        # import's reading of the same check): the office never had the table.
        placed = {(f.code, f.sheet, f.cell, f.message): f.place.removeprefix(SOURCE_PLACE)
                  for f in result.findings if f.place}
        checked = dataclasses.replace(checked, findings=[
            dataclasses.replace(f, place=placed.get((f.code, f.sheet, f.cell, f.message),
                                                    f.place))
            for f in checked.findings])
        if checked.unreadable:
            raise CchcError(f"Không dùng được bảng kế hoạch nhập từ '{stored.original}': "
                            f"{checked.unreadable_reason}. Bảng kế hoạch đang dùng được giữ "
                            "nguyên.")
        if checked.refused:
            raise CchcError(refused_sentence(stored.original, checked, document=True))
        # Listed with the question: the check's findings, and what importing found
        # besides (as _own counts it).
        said = {(f.code, f.message) for f in checked.findings}
        findings = checked.findings + [f for f in result.findings
                                       if (f.code, f.message) not in said]
        token = held.hold(ws.app_dir, path, stored.original, new, findings, imported=shown,
                          units_from_plan_in_use=units,
                          done=_import_sentence(stored.original, result.master))
    finally:
        path.unlink(missing_ok=True)  # moved when held
    return {"message": f"Đã đọc văn bản '{stored.original}'" + (
                ": " + same_wording("bảng kế hoạch lập từ văn bản") if _in_use(ws, new) else
                " và kiểm tra bảng kế hoạch lập từ văn bản: bảng kế hoạch đang dùng chưa "
                "thay, trả lời câu hỏi 'Thay bảng kế hoạch đang dùng?' ở đầu trang."),
            "held": token, "page": f"{back}{'&' if '?' in back else '?'}thay={token}#thay-bang"}


def _in_use(ws: Workspace, new) -> bool:
    """Whether the plan ``new`` (None: one with errors) is the plan in use already
    (plan_periods.same_plan): the import's box says there is nothing to replace."""
    state = ws.master_state()
    return new is not None and state is not None and state.master is not None and \
        same_plan(state.master, new)


def _import_sentence(name: str, master) -> str:
    return (f"Đã nhập '{name}': {len(master.areas)} lĩnh vực, {len(master.tasks())} nhiệm vụ, "
            f"{len(master.deliverables())} sản phẩm, {len(master.units)} đơn vị")


def _own(shown: list[dict], checked: list) -> list[dict]:
    """What importing found that the check of the plan table it wrote (``checked``) did
    not: counted as the page lists them, those the check found with the check's (the
    message said 5, the list 2; a probe's page said 5 warnings for 3)."""
    said = {(f.code, f.message) for f in checked}
    return [f for f in shown if (f.get("code"), f.get("message")) not in said]


EARLIER = "Bảng kế hoạch dùng trước đây"  # the list of the plans kept (plan.html)
PUT_BACK = "Dùng lại"  # the button of each plan in that list (plan.html)


def kept_wording(plan: str) -> str:
    """What becomes of a plan replaced, ``plan`` (capitalized: "Bảng đang dùng"), said in
    words a clerk acts on, the same in the question before a plan replaces it, on the
    card of the plan in use and in the notice after: not lost, and put back with the
    button of the list on this page. Not the data folder's ke-hoach-cu/ (two QA passes:
    "tệp ke-hoach-cu/ke-hoach-….xlsx" told a CCHC specialist nothing)."""
    return (f"{plan} không mất: nó được giữ lại và dùng lại được bất cứ lúc nào, bằng nút "
            f"“{PUT_BACK}” bên cạnh bảng đó ở mục “{EARLIER}” bên dưới trang này.")


def files_kept_wording(plan: str) -> str:
    """Where another plan's files (``plan``: "kế hoạch đang dùng") go when a plan
    replaces it (Workspace.install_master sets them aside with it), said as
    :func:`kept_wording` says where the plan goes."""
    return (f"các tệp giao, tệp nhận về, phản hồi và báo cáo của {plan} (nếu có) được cất "
            f"riêng cùng bảng {plan}, và trở lại khi bấm “{PUT_BACK}” bảng đó.")
CHECKED = "Kết quả kiểm tra"  # the card listing what the check found (plan.html)


async def put_back(request: Request) -> Response:
    """A plan used before put back in use (the one in use kept in its turn)."""
    form = await common.posted(request)
    name = str(form.get("name") or "")
    ws = common.workspace(request)
    was = await run_in_threadpool(common.plan_key, request)
    done = await run_in_threadpool(_between_jobs, request, ws.put_back, name)
    if done is None:  # gone since the page was shown, or no kept plan's name
        common.flash(request, "error", f"Không có bảng kế hoạch '{name[:80]}' trong mục "
                     f"'{EARLIER}' (có thể đã được dùng lại hoặc bị xóa): tải lại trang rồi "
                     "chọn lại.")
        return _back(request)
    earlier, installed = done
    title = earlier.plan.title if earlier.plan else earlier.name
    _say_installed(request, installed, title,
                   f"Đã dùng lại bảng kế hoạch '{title}' (thôi dùng lúc "
                   f"{earlier.replaced_at:%d/%m/%Y %H:%M})",
                   lambda _: f"Không dùng lại được '{title}': tệp của bảng đó không đọc "
                   "được (có thể đã bị sửa hoặc hỏng sau khi tải trang). Bảng kế hoạch đang "
                   "dùng được giữ nguyên.")
    return await _back_to(request, was)


async def earlier_download(request: Request) -> Response:
    """A plan used before, to download (only a name the list shows)."""
    ws = common.workspace(request)
    found = await run_in_threadpool(ws.earlier_plan, request.path_params["name"])
    if found is None:
        raise HTTPException(404, "Không có bảng kế hoạch này.")
    earlier, path = found
    key = earlier.plan.key if earlier.plan and earlier.plan.code else "ke-hoach"
    return common.file_response(path, f"{file_part(key)}-{earlier.replaced_at:%Y%m%d-%H%M}.xlsx")


# The levels a blank plan table is made for (``cchc-xl init --level``), as offered.
BLANK_LEVELS = {"xa": "Cấp xã (Ủy ban nhân dân xã, phường)",
                "tinh": "Cấp tỉnh (Ủy ban nhân dân tỉnh)"}


BLANK_YEARS = (2000, 2100)  # the years a blank plan table is made for
BLANK_PLACE_LENGTH = 120  # the place's name as typed, at most (the official list's are shorter)
SESSION_BLANK = "blank-form"  # the blank plan form refused: what it held, and why


async def blank(request: Request) -> Response:
    """A blank plan table (``cchc-xl init``) to download, fill in Excel and upload."""
    form = await common.posted(request)
    level = str(form.get("level") or "")
    if level not in BLANK_LEVELS:
        raise UsageError("chọn cấp của kế hoạch: cấp xã hoặc cấp tỉnh")
    given = str(form.get("year") or "").strip()
    place = " ".join(str(form.get("place") or "").split())[:BLANK_PLACE_LENGTH]

    def refused(error: str, field: str) -> Response:
        # Back on the form, as it was filled in, the message beside it (and the field
        # it is about marked so).
        request.session[SESSION_BLANK] = {"level": level, "year": given[:20], "place": place,
                                          "error": error, "field": field}
        return RedirectResponse(_plan_page(request) + "#bang-trong", status_code=303)

    year = small_number(given, 4)
    if given and not (year is not None and BLANK_YEARS[0] <= year <= BLANK_YEARS[1]):
        return refused(f"Năm kế hoạch '{given[:20]}' không dùng được: ghi năm từ "
                       f"{BLANK_YEARS[0]} đến {BLANK_YEARS[1]} (bốn chữ số), ví dụ "
                       f"{plan_year(plan_periods.today())}.", "year")
    ws = common.workspace(request)
    try:
        path = await run_in_threadpool(ws.blank_master, level,
                                       year if given else plan_year(plan_periods.today()),
                                       place or None)
    except UsageError as exc:  # no such place in the official list: what to write
        said = capitalized(exc.message)
        hint = exc.hint or ""
        return refused(for_browser(f"{said}: {hint}" + (
            "" if hint.endswith(("?", ".")) else ".") if hint else f"{said}."), "place")
    return FileResponse(path, filename=path.name, media_type=common.XLSX,
                        background=BackgroundTask(ws.discard_upload, path))


async def appendix(request: Request) -> Response:
    """The plan's appendix tables as the plan prints them, to download."""
    ws = common.workspace(request)
    path = await run_in_threadpool(ws.plan_appendix)
    return FileResponse(path, filename=path.name, media_type=common.XLSX,
                        background=BackgroundTask(ws.discard_upload, path))


async def download(request: Request) -> Response:
    ws = common.workspace(request)
    state = await run_in_threadpool(ws.master_state)
    # The plan's code as typed ("KH 12/2026: CCHC") or its number ("2026:12/KH-UBND"):
    # as a file name without what Windows refuses ("/", ":"), not left to the browser.
    key = state.master.plan.key if state and state.master else "ke-hoach"
    return common.file_response(ws.master_path, f"{file_part(key)}.xlsx")
