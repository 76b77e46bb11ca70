"""What every page shares: the page frame, the chosen period, messages, downloads,
job progress, login and error pages."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from .. import clock
from ..errors import DISK_FULL_HINT, CchcError, system_words
from ..ledger import Ledger
from ..model import Period
from ..periods import last_gone_by, period_due_next, period_reported_now
from ..text import capitalized, file_part
from ..xlio import DISK_FULL_ERRNOS
from . import guide, other_plans, plan_periods
from .headers import app_now
from .jobs import BUG, Job, JobRunner
from .logins import ENDED, SESSION_ENDED, SESSION_UNSAVED, UNSAVED
from .security import (
    LOGIN_PATH,
    Limits,
    Refused,
    csrf_token,
    is_loopback,
    read_form,
    small_number,
    verify_password,
)
from .wording import for_browser
from .workspace import Workspace

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# How long a browser keeps its session (the login, the "Ngày nhận" typed on Thu nhận):
# that many days after the app was last opened in it.
SESSION_DAYS = 14
PAGES = [("plan", "Kế hoạch"), ("assign", "Giao việc"), ("intake", "Thu nhận"),
         ("feedback", "Phản hồi"), ("report", "Báo cáo")]


def workspace(request: Request) -> Workspace:
    return request.app.state.workspace


def runner(request: Request) -> JobRunner:
    return request.app.state.runner


def limits(request: Request) -> Limits:
    return request.app.state.limits


# --- the chosen period ---------------------------------------------------------------

def periods(request: Request) -> list[Period]:
    state = workspace(request).master_state()
    return state.master.periods if state and state.master else []


def plan_key(request: Request) -> str:
    """The key of the plan in use ("" before one): what the session keeps per plan."""
    state = workspace(request).master_state()
    return state.master.plan.key if state and state.master else ""


def current_period(request: Request) -> Period | None:
    """The period a page shows: the one in its address (?ky=..., which its links and
    forms carry on: a page's links keep its period, whatever another tab chose since);
    a page opened without one, the period last chosen, remembered in the session; at
    first the period being reported now (:func:`cchc_xl.periods.period_reported_now`; one gone
    by with work left is pointed to: :func:`left_behind`). The period remembered is one
    plan's: another plan put in place opens on its own first period, as a new browser
    does."""
    known = periods(request)
    plan = plan_key(request)
    by_code = {p.code: p for p in known}
    in_path = request.path_params.get("code")  # a page of one period's: /tai-ve/bao-cao/Q1
    if in_path in by_code and "ky" not in request.query_params:
        # Its error page shows that period (it showed the one last chosen), not remembered.
        return by_code[in_path]
    remembered = request.session.get("ky")
    if not (isinstance(remembered, list) and len(remembered) == 2 and remembered[0] == plan):
        remembered = None
    asked = request.query_params.get("ky") or (remembered[1] if remembered else None)
    if asked in by_code:
        request.session["ky"] = [plan, asked]
        return by_code[asked]
    ws = workspace(request)
    return period_reported_now(
        known, plan_periods.today(),
        lambda p: ws.split_dir(p).is_dir() or ws.consolidated(p).is_file())


# The steps whose page shows one period's work (the plan page shows the plan's).
PERIOD_PAGES = ("assign", "intake", "feedback", "report")


def due_now(request: Request, page: str, period: Period | None) -> list[Period]:
    """The periods whose report is due now (:func:`period_due_next`, and those due the
    same day: quý III and 9 tháng), when a step's page shows an earlier one whose report
    day has passed: the page points to them (a QA pass: a page of 6 tháng, in September,
    said nothing of 9 tháng, then due). Only a hint: a period gone by is opened on
    purpose (a file sent late, a report redone)."""
    known = periods(request)
    if page not in PERIOD_PAGES or period not in known or not period.due:
        return []
    on = plan_periods.today()
    now = period_due_next(known, on)
    if now is None or not now.due or now.due < on or period.due >= on:
        return []  # a year gone by (nothing due), or the page's period still open
    after = known[known.index(period) + 1:]
    return [p for p in after if p.due == now.due]


def left_behind(request: Request, page: str, period: Period | None) -> list[tuple]:
    """The periods of the round last gone by (those whose report day passed last) with
    work left, when a step's page shows a period still reported (a new session opens on
    the one due now): each with what is left and the page where it is done, its address
    for the period. Work left: files given out and none merged ("Thu nhận"), or files
    merged and no report made ("Báo cáo"). A round before it is not recalled: an office
    that writes its report outside the app would be told of it all year."""
    known = periods(request)
    on = plan_periods.today()
    if page not in PERIOD_PAGES or period not in known or not period.due or period.due < on:
        return []
    last = last_gone_by(known, on)
    ws = workspace(request)
    left = []
    for p in (p for p in known if last is not None and p.due == last):
        if ws.consolidated(p).is_file():
            if not ws.report_html(p).is_file() and not ws.report_docx(p).is_file():
                left.append((p, "chưa lập báo cáo", "report"))
        elif ws.split_dir(p).is_dir():
            left.append((p, "chưa gộp tệp nào các đơn vị gửi về", "intake"))
    return [(p, what, dict(PAGES)[to], page_of(request, to, p)) for p, what, to in left]


def asked_period(request: Request) -> Period | None:
    """The period in the request's address (?ky=...), if the plan has it: the one of the
    page a form was sent from (its action carries it), not the one last chosen."""
    asked = request.query_params.get("ky")
    return next((p for p in periods(request) if p.code == asked), None) if asked else None


def period_or_404(request: Request) -> Period:
    code = request.path_params["code"]
    known = periods(request)
    for p in known:
        if p.code == code:
            return p
    if not known:  # no usable plan: no period is known (an open tab's form, say)
        state = workspace(request).master_state()
        raise HTTPException(409, "Chưa có bảng kế hoạch. Tải bảng kế hoạch lên ở trang Kế "
                                 "hoạch trước." if state is None else
                                 "Bảng kế hoạch đang dùng còn lỗi: sửa theo danh sách ở trang "
                                 "Kế hoạch rồi tải lên lại.")
    # A page opened before the plan was replaced by one without its period (a tab left
    # open, the deputy's computer): which period, by the name the page showed (the code
    # alone, "NAM", is never shown), why, and what to do. It said "Không có kỳ báo cáo
    # 'NAM' trong bảng kế hoạch." under "Năm 2026" (a QA pass). A period the plan's files
    # were never merged under (an address typed): its code, and what to do.
    name = _period_name(request, code)
    said = (f"Kỳ báo cáo “{name}” không có trong bảng kế hoạch đang dùng: bảng kế hoạch đã "
            "được thay sau khi trang này được mở (ở cửa sổ này hay một cửa sổ, máy khác)"
            if name else f"Không có kỳ báo cáo mã '{code}' trong bảng kế hoạch đang dùng")
    raise HTTPException(404, f"{said}. Mở lại trang rồi chọn kỳ ở ô “Kỳ báo cáo” trên cùng: "
                             + ", ".join(p.name for p in known) + ".")


def _period_name(request: Request, code: str) -> str:
    """The name of the period ``code`` of the plan in use as its files were last merged
    ("" when none were, or the ledger cannot be read)."""
    path = workspace(request).ledger_path
    if not path.is_file():
        return ""
    try:
        with Ledger(path, create=False) as ledger:
            period = ledger.period(plan_key(request), code)
    except (CchcError, sqlite3.Error):
        return ""
    return period.name if period is not None and period.name else ""


# --- pages -----------------------------------------------------------------------------

def tone(caution: bool) -> str:
    """A finished step's colour (a job result's "tone", a flash's kind): the warning's
    when it leaves something to check or fix (README, "Web app"), else the success one."""
    return "warn" if caution else "ok"


def flash(request: Request, kind: str, text: str,
          items: Sequence[str | tuple[str, dict | None]] = (),
          kept_copy: dict | None = None) -> None:
    """A message shown once, on the next page (kind: ok, warn, error, info): ``text``,
    then ``items`` as a list under it (one thing to know each), when given. A kept copy
    the message or a point names (``kept_copy``, an item given as (text, kept_copy):
    kept_files.unread_said's) is offered by a link after it, which the page draws
    (macros.html kept_link, its name escaped as any text): the message itself stays
    text, never HTML."""
    said = [kind, for_browser(text), [_flashed_item(i) for i in items], kept_copy]
    # The session cookie holds its key alone (flashes.py: a long message lost it).
    key = request.app.state.flashes.put(said, csrf_token(request))  # for this session only
    request.session.setdefault("flash", []).append(key)


def _flashed_item(item: str | tuple[str, dict | None]) -> list:
    """A point of a flash as kept in the session: [its text, its kept copy or None]."""
    text, kept = (item, None) if isinstance(item, str) else item
    return [for_browser(text), kept]


def flashed(request: Request
            ) -> list[tuple[str, str, list[tuple[str, dict | None]], dict | None]]:
    """The messages flashed for the next page, taken: (kind, text, its points each with
    its kept copy, the message's kept copy). One kept in the session itself, or before
    points or links were kept (a session of an earlier version), is shown as it is."""
    said = []
    for key in request.session.pop("flash", []):
        m = key if isinstance(key, list) else request.app.state.flashes.take(
            key, csrf_token(request))
        if m is None:  # another tab showed it, or it was kept too long
            continue
        items = [(i, None) if isinstance(i, str) else (i[0], i[1])
                 for i in (m[2] if len(m) > 2 else [])]
        said.append((m[0], m[1], items, m[3] if len(m) > 3 else None))
    return said


def page_of(request: Request, name: str, period: Period | None = None) -> str:
    """The address of a page, for ``period`` when given (?ky=...): a form's answer
    comes back to the period it was for, whatever another tab chose since."""
    path = request.url_for(name).path
    return f"{path}?ky={period.code}" if period is not None else path


def mark_changed(request: Request, code: str) -> None:
    """The period's figures changed off an upload (a file withdrawn, assessments
    read): an upload's outcomes listed before now no longer tell how things stand. On
    cchc-xl's clock, as the ledger's merges and the jobs' ends it is weighed with."""
    request.app.state.changed[code] = clock.now()


# The job a page followed to its end, in the address it draws at that end (app.js adds
# it): the page shows that job's outcome, not the latest of its kind, another person's
# ended after it (Thu nhận's uploads, Báo cáo's verdicts).
FOLLOWED = "viec"


def changed_at(request: Request, code: str) -> datetime | None:
    return request.app.state.changed.get(code)


NO_SCRIPT_RELOAD_SECONDS = 3  # a running job's page opened again, JavaScript off


async def render(request: Request, name: str, page: str, **context: Any) -> Response:
    state = await run_in_threadpool(workspace(request).master_state)
    messages = flashed(request)
    period = current_period(request)
    return request.app.state.templates.TemplateResponse(request, name, {
        "page": page, "pages": PAGES, "master_state": state,
        "plan": state.master.plan if state and state.master else None,
        "periods": periods(request), "period": period,
        # The address of a page (or a form's action) with the period this page shows: a
        # link followed later is for this page's period, not the one another tab chose.
        "link": lambda to: page_of(request, to, period),
        "csrf": csrf_token(request), "messages": messages, "app_now": app_now(),
        "login": request.app.state.password_hash is not None,
        # Opened from another computer: "this computer" is not where the data lives.
        "elsewhere": not is_loopback((request.client or ("", 0))[0]),
        "page_url": page_of(request, page, period)
        if page in dict(PAGES) else "",
        # The guide's section about a step's page ("Hướng dẫn trang này", macros.page_help).
        "page_help": guide.page_section(dict(PAGES)[page]) if page in dict(PAGES) else "",
        "due_now": [(p, page_of(request, page, p)) for p in due_now(request, page, period)],
        "left_behind": left_behind(request, page, period),
        # A job of the page running: with JavaScript off, nothing polls it, so the page
        # opens itself again (base.html) until the job ends.
        "job_running": any(isinstance(v, Job) and not v.finished for v in context.values()),
        "job_reload_seconds": NO_SCRIPT_RELOAD_SECONDS,
        # What the app's start put right (a restore cut off midway, cchc_xl.swapped.put_back_cut):
        # said on the pages too, as the office may never look at the console window.
        "started": getattr(request.app.state, "started", ()), **context})


async def posted(request: Request, file_bytes: int | None = None):
    """The POSTed form (size, count and CSRF checked) or a Refused error; refused too
    while the data folder is being replaced by a backup (JobRunner.closed): nothing is
    written into it meanwhile. ``file_bytes``: each file's limit, when not the uploads'."""
    if closed := runner(request).closed:
        raise Refused(409, f"{capitalized(closed)}.")
    return await read_form(request, limits(request), file_bytes)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def job_response(request: Request, job: Job, back: str) -> Response:
    """A started job: its id for the page's script (and ``back``, the page to show
    once it is done), or back to the page without one."""
    if wants_json(request):
        return JSONResponse({"job": job.id, "status": request.url_for("job", job_id=job.id)
                             .path, "page": back})
    return RedirectResponse(back, status_code=303)


# --- files ---------------------------------------------------------------------------

# A download whose file is not made yet (a link kept from before, a period with no
# report): what to do, not only "Chưa có tệp này." (a QA pass).
NOT_MADE = ("Chưa có tệp này: tệp chưa được lập (hoặc đã bị xóa khỏi thư mục làm việc). "
            "Lập tệp ở trang của bước đó (Kế hoạch, Giao việc, Phản hồi hoặc Báo cáo), đúng "
            "kỳ báo cáo, rồi tải về từ trang đó.")


def file_response(path: Path, filename: str) -> Response:
    if not path.is_file():
        raise HTTPException(404, NOT_MADE)
    media = {".xlsx": XLSX, ".docx": DOCX}.get(path.suffix)
    return FileResponse(path, filename=filename, media_type=media)


# A period's output written for another plan than the one in use (last year's, the folder
# copied for the new year), asked by an address kept from before: 409, not 404. The file
# is there, and the office can resolve the conflict (move it out, make this plan's); a
# 404 would say there is nothing, and the page of the step offers this plan's.
OTHER_PLAN_STATUS = 409


async def refuse_other_plans(request: Request, period: Period, path: Path) -> None:
    """An HTTPException when the period's output at ``path`` was written for another plan
    than the one in use (other_plans.refusal: the pages' rule, which hide it): never
    served as the period's, whichever address asked for it."""
    said = await run_in_threadpool(other_plans.refusal, workspace(request), period, path)
    if said:
        raise HTTPException(OTHER_PLAN_STATUS, said)


def period_file_name(request: Request, name: str, code: str) -> str:
    """A period's file as downloaded: its name in the data folder with the plan's key
    before the period ("bao-cao-NAM.docx" -> "bao-cao-hoang-hoa-2026-NAM.docx"). Named
    by the period alone, the annual report of every year and every commune was
    "bao-cao-NAM.docx" in the Downloads folder and in the province's mailbox (a QA pass);
    the plan's own downloads carried its key already ("phu-luc-hoang-hoa-2026.xlsx")."""
    key = plan_key(request)
    stem, dot, suffix = name.rpartition(".")
    if not key or not dot or not stem.endswith(f"-{code}"):
        return name
    return f"{stem.removesuffix(f'-{code}')}-{file_part(key)}-{code}.{suffix}"


async def zip_response(request: Request, files: list[Path], filename: str) -> Response:
    """The files as one ZIP (names as they are in their folder), built in the app's
    folder and removed once sent."""
    if not files:
        raise HTTPException(404, "Chưa có tệp nào để tải về.")

    def build() -> Path:
        handle = tempfile.NamedTemporaryFile(prefix="zip-", suffix=".zip", delete=False,
                                             dir=workspace(request).app_dir)
        with handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in files:
                zf.write(path, path.name)
        return Path(handle.name)

    path = await run_in_threadpool(build)
    return FileResponse(path, filename=filename, media_type="application/zip",
                        background=BackgroundTask(path.unlink, missing_ok=True))


def listed_file_handlers(listing: Callable[[Workspace, str], list[Path]], zip_prefix: str,
                         not_found: str):
    """The two downloads of a page that lists a period's files (``listing``): all of
    them as one ZIP "<zip_prefix>-<plan>-<period>.zip" (:func:`period_file_name`), and
    one of them by name. Only a listed name is served: the name in the address is never
    taken as a path."""

    async def listed(request: Request) -> tuple[Period, list[Path]]:
        period = period_or_404(request)
        return period, await run_in_threadpool(listing, workspace(request), period.code)

    async def zip_all(request: Request) -> Response:
        period, files = await listed(request)
        ws = workspace(request)
        # Another plan's files left in the folder are not the period's: left out, as
        # the page leaves them out (other_plans); every one of them another plan's (last
        # year's units' files), the ZIP is refused as each file is, saying whose they are.
        theirs = await run_in_threadpool(
            lambda: {f for f in files if other_plans.judged(ws, period, f)})
        if theirs and len(theirs) == len(files):
            await refuse_other_plans(request, period, files[0])
        files = [f for f in files if f not in theirs]
        return await zip_response(request, files, period_file_name(
            request, f"{zip_prefix}-{period.code}.zip", period.code))

    async def one_file(request: Request) -> Response:
        name = request.path_params["name"]
        period, files = await listed(request)
        for path in files:
            if path.name == name:
                await refuse_other_plans(request, period, path)
                return file_response(path, path.name)
        raise HTTPException(404, not_found)

    return zip_all, one_file


# What /tai-ve/{kind}/{code} serves, under its name in the data folder: a fixed list,
# never a path from the request.
DOWNLOADS = {
    "tong-hop": Workspace.consolidated,
    "bao-cao": Workspace.report_xlsx,
    "bao-cao-html": Workspace.report_html,
    "bao-cao-docx": Workspace.report_docx,
    "don-doc": Workspace.reminder_docx,
    "don-doc-xlsx": Workspace.reminder_xlsx,
    "don-doc-csv": Workspace.reminder_csv,
    "don-doc-qua-han": Workspace.overdue_docx,
    "don-doc-qua-han-xlsx": Workspace.overdue_xlsx,
    "don-doc-qua-han-csv": Workspace.overdue_csv,
}


def _attachment(name: str) -> str:
    """A Content-Disposition naming ``name`` as FileResponse does: a name beyond ASCII
    (a plan's key in Vietnamese) percent-encoded, as a header must carry it."""
    quoted = quote(name)
    return f"attachment; filename*=utf-8''{quoted}" if quoted != name \
        else f'attachment; filename="{name}"'


async def download(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in DOWNLOADS:
        raise HTTPException(404, "Không có tệp này.")
    period = period_or_404(request)
    path = DOWNLOADS[kind](workspace(request), period)
    await refuse_other_plans(request, period, path)
    name = period_file_name(request, path.name, period.code)
    if kind == "bao-cao-html" and path.is_file():
        # The report page as the app shows it: its notes name the page's steps, not the
        # terminal's commands (merge, assess, withdraw).
        text = await run_in_threadpool(path.read_text, "utf-8")
        return Response(for_browser(text), media_type="text/html; charset=utf-8",
                        headers={"Content-Disposition": _attachment(name)})
    return file_response(path, name)


async def job_status(request: Request) -> Response:
    job = runner(request).get(request.path_params["job_id"])
    if job is None:
        return JSONResponse({"error": "Không tìm thấy việc này (ứng dụng đã khởi động lại?)."},
                            status_code=404)
    since = request.query_params.get("since", "0")
    return JSONResponse(job.as_dict(small_number(since) or 0))


# --- login ---------------------------------------------------------------------------

def _next_page(asked: object) -> str:
    """Where to go after logging in: the page first asked for (a link with its
    period, /thu-nhan?ky=Q1), only ever a path of this app."""
    if isinstance(asked, str) and asked.startswith("/") and not asked.startswith("//") \
            and "\\" not in asked and not asked.startswith(LOGIN_PATH):
        return asked
    return "/"


async def login_page(request: Request) -> Response:
    if request.session.pop(SESSION_ENDED, None):  # sent here from a page: said why
        flash(request, "warn", ENDED)
    if request.session.pop(SESSION_UNSAVED, None):  # a form sent logged out: not saved
        flash(request, "warn", UNSAVED)
    return await render(request, "login.html", "login", error="",
                        next_page=_next_page(request.query_params.get("next")))


async def login(request: Request) -> Response:
    form = await posted(request)
    stored = request.app.state.password_hash
    password = form.get("password")
    next_page = _next_page(form.get("next"))
    tries = request.app.state.login_tries
    client = (request.client or ("", 0))[0]
    wait = tries.wait(client)
    if wait:
        response = await render(
            request, "login.html", "login", next_page=next_page,
            error=f"Nhập sai mật khẩu nhiều lần: chờ khoảng {-(-wait // 60)} phút rồi thử "
                  "lại.")
        response.status_code = 429
        return response
    # Counted as wrong before it is checked, forgotten if right: counted after, passwords
    # sent all at once each passed the wait above while the first was still being hashed
    # (any number of guesses; a probe: 40 at once, 40 checked, the limit 10).
    tries.failed(client)
    if stored and isinstance(password, str) and await run_in_threadpool(
            verify_password, password, stored):
        tries.passed(client)
        request.app.state.logins.start(request.session)
        return RedirectResponse(next_page, status_code=303)
    return await render(request, "login.html", "login", error="Mật khẩu không đúng.",
                        next_page=next_page)


LOGGED_OUT = "Đã đăng xuất: trình duyệt này phải nhập mật khẩu để mở lại ứng dụng."


async def logout(request: Request) -> Response:
    """"Đăng xuất" (with a password only): this browser's session ended, all of it (the
    login, the "Ngày nhận" typed, forms kept to correct), back to the login page; its
    login ended on the server too, so that no copy of its cookie opens the app again
    (logins.py). A session already logged out (another tab did) just goes there; a
    logged-in one must send the form's token (a page elsewhere cannot log it out)."""
    logins = request.app.state.logins
    if logins.open(request.session):
        # Not posted(): a restore under way refuses forms that write, not this one.
        await read_form(request, limits(request))
        await run_in_threadpool(logins.end, request.session)
    request.session.clear()
    flash(request, "ok", LOGGED_OUT)
    return RedirectResponse(LOGIN_PATH, status_code=303)


# --- errors --------------------------------------------------------------------------

async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return await _error(request, exc.status, exc.message)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    # 405: an address of a button's form opened as a page (typed, bookmarked, a tab of a
    # form sent reopened): said what it is and where to go (a QA pass: "Thao tác không
    # được phép" left the specialist nothing to do).
    text = {404: "Không có trang hoặc tệp này.",
            405: "Địa chỉ này là của một nút trên trang, không mở trực tiếp được: mở trang "
                 "cần dùng từ các bước ở đầu trang (Kế hoạch, Giao việc, Thu nhận, Phản "
                 "hồi, Báo cáo) rồi bấm nút ở đó.",
            413: "Dữ liệu tải lên quá lớn."}.get(exc.status_code, "Yêu cầu không hợp lệ.")
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail[:1].isupper() and \
        not exc.detail.isascii() else text
    return await _error(request, exc.status_code, detail)


async def _cchc(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CchcError)
    return await _error(request, 400, workspace(request).said(exc))


async def _os_error(request: Request, exc: Exception) -> Response:
    """A file of the data folder that cannot be written or read (no permission, a full
    disk): said in Vietnamese, as the CLI says it, not a bare server error."""
    assert isinstance(exc, OSError)
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in DISK_FULL_ERRNOS:
        message = (f"Ổ đĩa đầy: không ghi được tệp trong thư mục làm việc{where} "
                   f"({DISK_FULL_HINT}).")
    elif isinstance(exc, PermissionError):
        message = (f"Không ghi hoặc đọc được tệp trong thư mục làm việc{where}: "
                   f"{system_words(exc)} (kiểm tra quyền ghi của thư mục làm việc rồi thử "
                   "lại).")
    else:  # a disk or network share that failed
        message = (f"Không ghi hoặc đọc được tệp trong thư mục làm việc{where}: "
                   f"{system_words(exc)} (thử lại; nếu vẫn lỗi, kiểm tra ổ đĩa chứa thư "
                   "mục làm việc).")
    return await _error(request, 500, message)


async def _gone(request: Request, exc: Exception) -> Response:
    """The browser gone before its request was read through (a page closed mid-upload, a
    connection lost): no one to answer, and nothing of it kept (the form was never read).
    It was handled as the app's bug: two tracebacks in the console window and one in the
    bug log the office sends to whoever supports it, for a page closed."""
    assert isinstance(exc, ClientDisconnect)
    return Response(status_code=400)


async def _bug(request: Request, exc: Exception) -> Response:
    """A bug met while answering (a page drawn, a form sent): said in Vietnamese in the
    app's frame, and written down where a job's bug is (it was Starlette's bare
    "Internal Server Error", in English, and nothing in loi.log)."""
    told = runner(request).bug_told(f"{request.method} {request.url.path}")
    return await _error(request, 500, f"{capitalized(BUG)} ({told}). Quay lại trang trước "
                                      "hoặc mở một bước khác ở đầu trang.")


async def _error(request: Request, status: int, message: str) -> Response:
    message = for_browser(message, workspace(request).root)
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return await _error_page(request, status, message)


# The error page's heading: an address opened (a page, a download kept from before: last
# year's report refused) was headed "Không làm được" as a form's step refused is.
ERROR_HEADINGS = {"GET": "Không mở được", "HEAD": "Không mở được"}
STEP_REFUSED = "Không làm được"


async def _error_page(request: Request, status: int, message: str) -> Response:
    heading = ERROR_HEADINGS.get(request.method, STEP_REFUSED)
    # Someone not logged in who opened an address of no page ("/dang-nhap-x", a static
    # file not there: let through to be refused) saw the app's frame, its plan's title
    # and periods: the login page's frame instead, nothing of the app.
    logins = request.app.state.logins
    page = "error" if logins is None or logins.open(
        request.scope.get("session") or {}) else "login"
    try:
        response = await render(request, "error.html", page, message=message,
                                heading=heading)
    except Exception:  # noqa: BLE001 - the frame itself failing: the message alone
        return PlainTextResponse(message, status_code=status)
    response.status_code = status
    return response


EXCEPTION_HANDLERS = {Refused: _refused, HTTPException: _http, CchcError: _cchc,
                      OSError: _os_error, ClientDisconnect: _gone, Exception: _bug}
