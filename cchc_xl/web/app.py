"""The application: Starlette routes of the five pages, sessions, static files.

Starlette (with uvicorn) because it is small, typed and maintained alongside the ASGI
standard, has sessions, uploads (python-multipart), static files and a test client
built in, and renders the jinja2 templates the reports already use; see the README.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import finding_codes, vocab
from ..issuer import running_plan
from ..model import Period
from ..sender import sent_by
from ..swapped import put_back_cut
from ..templates import templates_dir
from ..xlio import vn_time
from . import common, kept_files, pending
from .caching import cache_headers
from .flashes import Flashes
from .guide import IMAGES as GUIDE_IMAGES
from .headers import HeadersMiddleware, now_header
from .jobs import Job, JobRunner
from .logins import Logins
from .pages import assess as assess_page
from .pages import assign, backup, feedback, guide, intake, late, plan, report, signer
from .pages import restore as restore_page
from .security import (
    LOGOUT_PATH,
    SAFE_HEADERS,
    AccessMiddleware,
    BodyLimitMiddleware,
    Limits,
    LoginTries,
    hash_password,
    password_salt,
    session_key,
)
from .wording import for_browser
from .workspace import StoredFile, Workspace

WEB_TEMPLATES = "web"


@lru_cache(maxsize=4)
def _environment(folder: str) -> jinja2.Environment:
    """The pages' templates, compiled once per process (each app made its own: some
    0.1 s of CPU per app, paid by every test that makes one); a template changed on disk
    is compiled again when next used, as before."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals["vocab"] = vocab  # labels are spelled once, in vocab, templates included
    env.globals["finding_codes"] = finding_codes  # a finding's label, in its title
    env.filters["vn_time"] = vn_time  # a stored moment as people read it, dd/mm/yyyy HH:MM
    env.filters["browser"] = for_browser  # a library message, its commands as the page's steps
    # A plan's title and authority as running text ("KẾ HOẠCH Cải cách..." imported from a
    # heading in capitals: "Kế hoạch cải cách...").
    env.filters["running"] = running_plan
    env.filters["sent_by"] = sent_by  # who sends the plan's letters and report (sender.py)
    return env


def create_app(data_dir: Path, *, password: str | None = None,
               limits: Limits | None = None) -> Starlette:
    """The web app over the data folder ``data_dir``.

    ``password`` opens the app to other computers behind a login (only its hash is
    kept); without it only this computer is answered. A restore cut off midway (the data
    folder set aside, cchc_xl/swapped.py) is put right first, and said in ``app.state.started``
    (the serve command prints it); one that cannot be: UsageError, no app.
    """
    started = put_back_cut(Path(data_dir))
    workspace = Workspace(Path(data_dir))
    key = session_key(workspace.app_dir)
    password_hash = None if password is None else hash_password(password, password_salt(key))
    max_age = common.SESSION_DAYS * 24 * 3600
    # Each login one the server can end (logins.py); none without a password.
    logins = None if password_hash is None else Logins(workspace.app_dir, key, password_hash,
                                                        max_age)
    limits = limits or Limits()
    folder = templates_dir() / WEB_TEMPLATES
    env = _environment(str(folder))
    routes = [
        Route("/", plan.page, name="plan"),
        Route("/ke-hoach", plan.upload, methods=["POST"], name="plan_upload"),
        Route("/ke-hoach/thay", plan.replace, methods=["POST"], name="plan_replace"),
        Route("/ke-hoach/nguoi-ky", signer.save, methods=["POST"], name="plan_signer"),
        Route("/ke-hoach/nhap", plan.import_document, methods=["POST"], name="plan_import"),
        Route("/ke-hoach/tai-ve", plan.download, name="plan_download"),
        Route("/ke-hoach/phu-luc", plan.appendix, name="plan_appendix"),
        Route("/ke-hoach/trong", plan.blank, methods=["POST"], name="plan_blank"),
        Route("/ke-hoach/dung-lai", plan.put_back, methods=["POST"], name="plan_put_back"),
        Route("/ke-hoach/cu/{name}", plan.earlier_download, name="plan_earlier"),
        Route("/sao-luu", backup.start, methods=["POST"], name="backup_start"),
        Route("/sao-luu/tai-ve", backup.download, name="backup_download"),
        Route("/sao-luu/khoi-phuc", restore_page.upload, methods=["POST"],
              name="restore_upload"),
        Route("/sao-luu/khoi-phuc/xac-nhan", restore_page.confirm, methods=["POST"],
              name="restore_confirm"),
        Route("/sao-luu/khoi-phuc/huy", restore_page.cancel, methods=["POST"],
              name="restore_cancel"),
        Route("/sao-luu/truoc-khoi-phuc/khoi-phuc", restore_page.restore_kept,
              methods=["POST"], name="restore_kept"),
        Route("/sao-luu/truoc-khoi-phuc/xoa", restore_page.delete_kept, methods=["POST"],
              name="restore_kept_delete"),
        Route("/sao-luu/truoc-khoi-phuc/{name}", restore_page.download_before,
              name="restore_before"),
        Route("/giao-viec", assign.page, name="assign"),
        Route("/giao-viec/{code}", assign.start, methods=["POST"], name="assign_start"),
        Route("/giao-viec/{code}/zip", assign.zip_all, name="assign_zip"),
        Route("/giao-viec/{code}/tep/{name}", assign.one_file, name="assign_file"),
        Route("/thu-nhan", intake.page, name="intake"),
        Route("/thu-nhan/{code}", intake.upload, methods=["POST"], name="intake_upload"),
        Route("/thu-nhan/{code}/rut", intake.withdraw, methods=["POST"],
              name="intake_withdraw"),
        Route("/thu-nhan/{code}/gop-vao-ky", late.move, methods=["POST"], name="intake_move"),
        Route("/phan-hoi", feedback.page, name="feedback"),
        Route("/phan-hoi/{code}", feedback.remind, methods=["POST"], name="feedback_remind"),
        Route("/phan-hoi/{code}/qua-han", feedback.overdue, methods=["POST"],
              name="feedback_overdue"),
        Route("/phan-hoi/{code}/zip", feedback.zip_all, name="feedback_zip"),
        Route("/phan-hoi/{code}/tep/{name}", feedback.one_file, name="feedback_file"),
        Route("/bao-cao", report.page, name="report"),
        Route("/bao-cao/{code}", report.start, methods=["POST"], name="report_start"),
        Route("/bao-cao/{code}/trang", report.html, name="report_html"),
        Route("/bao-cao/{code}/tinh-lai", report.recount, methods=["POST"],
              name="report_recount"),
        Route("/bao-cao/{code}/danh-gia", assess_page.upload, methods=["POST"],
              name="report_assess"),
        Route("/tai-ve/{kind}/{code}", common.download, name="download"),
        Route("/ban-da-sua/{code}/{name}", kept_files.download, name="kept_file"),
        Route("/viec/{job_id}", common.job_status, name="job"),
        Route("/huong-dan", guide.page, name="guide"),
        Route(GUIDE_IMAGES + "{name}", guide.picture, name="guide_image"),
        Route("/dang-nhap", common.login_page, name="login"),
        Route("/dang-nhap", common.login, methods=["POST"], name="login_post"),
        Mount("/static", StaticFiles(directory=str(folder / "static")), name="static"),
    ]
    if password_hash is not None:  # only a login ends: this computer's app has none
        routes.append(Route(LOGOUT_PATH, common.logout, methods=["POST"], name="logout"))
    middleware = [
        # Outermost: refusals and redirects carry them too.
        Middleware(HeadersMiddleware, headers=lambda path: {**cache_headers(path),
                                                            **SAFE_HEADERS, **now_header()}),
        Middleware(SessionMiddleware, secret_key=key,
                   # lax: a link from elsewhere (a mail, Zalo web) joins the session (strict
                   # sent no cookie: a new session replaced the open tabs' form tokens); a
                   # POST from elsewhere still carries none, and needs the form token anyway.
                   session_cookie="cchc_xl_session", same_site="lax",
                   https_only=False, max_age=max_age),
        Middleware(AccessMiddleware, logins=logins),
        Middleware(BodyLimitMiddleware, limits=limits),
    ]
    runner = JobRunner(workspace.root, workspace.app_dir, plan=workspace.master_path)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        merge_left_uploads(workspace, runner)
        yield
        runner.shutdown()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers=common.EXCEPTION_HANDLERS)
    app.state.workspace = workspace
    app.state.started = started  # what a start put right, to say
    app.state.runner = runner
    app.state.limits = limits
    app.state.templates = Jinja2Templates(env=env)
    app.state.password_hash = password_hash
    app.state.logins = logins
    app.state.login_tries = LoginTries()
    app.state.changed = {}  # period code -> when its figures last changed off an upload
    app.state.flashes = Flashes(workspace.app_dir)  # pages' one-time messages, until shown
    return app


def merge_left_uploads(workspace: Workspace, runner: JobRunner) -> None:
    """Queue the merge of each upload a server that stopped left unmerged (pending.py),
    with the day received given when it was uploaded; its page shows the job."""
    for left in pending.left(workspace.app_dir):

        master = workspace.master()
        period = master.period(left.period) if master is not None else None

        def work(job: Job, left: pending.Pending = left, period: Period | None = period) -> dict:
            if not left.paths or period is None:
                pending.forget(left.note)
                return {"message": "Các tệp tải lên trước khi ứng dụng dừng không còn"
                                   + ("." if period is not None else " (kỳ của chúng không "
                                      "còn trong bảng kế hoạch đang dùng).")}
            # As the upload itself would have been: the office's own workbooks among
            # them (a consolidated workbook with its assessments) dealt with apart.
            shown = workspace.shown_name(period)
            done = intake.merge_noted(workspace, period,
                                      [StoredFile(p, shown(str(p))) for p in left.paths],
                                      left.received, [], job, left.note)
            return {**done, "message": "Các tệp tải lên trước khi ứng dụng dừng: "
                                       + done.get("message", "")}

        runner.submit("merge", "Gộp tệp tải lên trước khi ứng dụng dừng (kỳ "
                      f"{period.in_sentence if period is not None else left.period})", work,
                      key=left.period)
