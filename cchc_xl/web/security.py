"""Safety rules of the web app: who may come in, forms that carry their token, limits
on what may be uploaded.

- Without a password the app answers only this computer (a loopback client, and a
  Host header naming this computer, so a web page elsewhere cannot reach it through
  DNS tricks). Given ``--host``, a password is required; it is kept only as a scrypt
  hash, and a signed session cookie (Starlette's SessionMiddleware) carries the login:
  its random id and a mark of that hash, which the server checks against the logins it
  has ended (:class:`cchc_xl.web.logins.Logins`). The app started again with the same
  password keeps the browsers logged in, with another password logs them all out.
  "Đăng xuất" (a POST with the form's token) ends one browser's login for good, a copy
  of its cookie taken before included: a shared computer's next user is asked for the
  password. A session whose login has ended is sent to the login page, which says so.
- Every POST carries the session's CSRF token (form field or ``X-CSRF-Token`` header).
- A request body is cut off at ``Limits.request_bytes``, each file at
  ``Limits.file_bytes``, the number of files at ``Limits.files``, each with a
  Vietnamese message.
- Every response tells the browser not to guess a file's type from its content, and
  that no other site may show the app in a frame (:data:`SAFE_HEADERS`); with a
  Content-Security-Policy: scripts only from the app's own static file, nothing inline
  (:data:`PAGE_POLICY`), the report's page no script at all (:data:`REPORT_POLICY`).
- Wrong passwords are counted per computer: after :data:`LOGIN_TRIES` within
  :data:`LOGIN_WINDOW` seconds, that computer waits (:class:`LoginTries`). A password is
  counted as it is tried, before its hash is checked, so passwords sent all at once are
  held to the limit too.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..bounds import size_text
from ..data_folder import SESSION_KEY
from ..xlio import atomic_write
from .logins import ENDED, SESSION_AUTH, SESSION_ENDED, SESSION_UNSAVED, Logins

CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SESSION_CSRF = "csrf"
LOGIN_PATH = "/dang-nhap"
LOGOUT_PATH = "/dang-xuat"
# Let through before login: the login, the app's files, and the logout (a tab left open
# after this browser logged out in another goes to the login page too, not to an error).
OPEN_PATHS = (LOGIN_PATH, LOGOUT_PATH, "/static/")

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MB = 1024 * 1024
CSP = "Content-Security-Policy"
# What a page of the app may load and run (the pages show names and notes typed in the units'
# files: should an escaping slip let markup through, nothing of it runs). Scripts only from the
# app's own files (static/app.js, board.js, held.js), never inline nor eval; styles only from
# static/app.css; images only the app's own and the empty data: icon of base.html; the page's
# requests (jobs polled, uploads) and forms only to the app itself; frames (the report on the Báo
# cáo page) only the app's own pages; no plugin; no <base> that would send the page's links
# elsewhere. Only the app's own pages may frame it.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; "
               "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
               "frame-src 'self'; base-uri 'none'; object-src 'none'; "
               "frame-ancestors 'self'")
# The report's page (report/html.py) is a file that stands alone, opened from a disk or
# a mail as well: its styles are in it, a <style> element and a width on each column
# (<col style="width: ...">, from the figures: no hash can list them). Its inline styles
# are allowed, on this response only; it has no script, and none may run in it (no
# script-src: default-src 'none'), it loads nothing, sends no form, and nothing a style
# could ask for (an image, a font) can be fetched to carry its text elsewhere.
REPORT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "
                 "base-uri 'none'; object-src 'none'; frame-ancestors 'self'")
# On every response: a download is never run as a page (its type is not guessed from
# its content: an .xlsx holding HTML), and only the app's own pages may frame it (the
# report is shown in a frame of the Báo cáo page); no address is sent to other sites.
# A response that sets its own policy keeps it (the report's page: REPORT_POLICY).
SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    CSP: PAGE_POLICY,
    "Referrer-Policy": "same-origin",
}
LOGIN_TRIES = 10  # wrong passwords from one computer...
LOGIN_WINDOW = 15 * 60  # ...within this many seconds, then it waits until the oldest ages out


@dataclass(frozen=True)
class Limits:
    request_bytes: int = 300 * MB
    file_bytes: int = 30 * MB
    files: int = 500
    backup_bytes: int = 300 * MB  # a backup uploaded to restore: a year's folder, zipped


class Refused(Exception):
    """A request the app will not serve; ``message`` is shown to the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- password --------------------------------------------------------------------------

def hash_password(password: str, salt: bytes | None = None) -> str:
    """"scrypt$<salt hex>$<hash hex>": what the app keeps instead of the password (a
    random salt unless one is given: :func:`password_salt`)."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    given = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(given.hex(), digest)


def password_salt(key: str) -> bytes:
    """The salt of the password's hash over one data folder, from its session ``key``:
    one password, one hash (and :func:`cchc_xl.web.logins.login_mark`) each time the app
    starts there."""
    return hmac.new(key.encode("ascii"), b"cchc-xl password salt", "sha256").digest()[:16]


def small_number(text: str, digits: int = 9) -> int | None:
    """``text`` as a whole number when it is one of at most ``digits`` digits, else None
    (a request's "²" or ten thousand digits is no number, not a server error)."""
    return int(text) if text.isdecimal() and len(text) <= digits else None


class LoginTries:
    """Wrong passwords per client address: a password cannot be guessed at the speed of
    the network (each try costs the server a scrypt hash)."""

    def __init__(self, tries: int = LOGIN_TRIES, window: float = LOGIN_WINDOW) -> None:
        self.tries = tries
        self.window = window
        self._wrong: dict[str, deque[float]] = {}

    def _recent(self, client: str, now: float) -> deque[float]:
        wrong = self._wrong.setdefault(client, deque())
        while wrong and wrong[0] <= now - self.window:
            wrong.popleft()
        return wrong

    def wait(self, client: str) -> int:
        """Seconds ``client`` must wait before trying again (0: it may try now)."""
        now = time.monotonic()
        wrong = self._recent(client, now)
        if len(wrong) < self.tries:
            if not wrong:
                self._wrong.pop(client, None)
            return 0
        return max(1, int(wrong[0] + self.window - now + 0.999))

    def failed(self, client: str) -> None:
        now = time.monotonic()  # one moment: the try aged out by and recorded at
        self._recent(client, now).append(now)

    def passed(self, client: str) -> None:
        self._wrong.pop(client, None)


def session_key(folder: Path) -> str:
    """The key that signs session cookies, kept in the data folder so that a restart
    does not log people out or invalidate open forms."""
    path = folder / SESSION_KEY
    try:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = secrets.token_urlsafe(48)
    # Made readable by its owner alone from the start (written, then chmodded, it was
    # readable by every account of the machine for a moment), whole or not at all.
    atomic_write(path, lambda tmp: tmp.write_text(key, encoding="ascii"), mode=0o600)
    return key


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


# --- who may come in ---------------------------------------------------------------------

class AccessMiddleware:
    """Refuses what the rules above refuse, before any page runs.

    Sits inside SessionMiddleware (it reads the session)."""

    def __init__(self, app: ASGIApp, *, logins: Logins | None) -> None:
        self.app = app
        self.logins = logins  # None: no password, this computer only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path = scope["path"]
        if self.logins is None:
            client = scope.get("client") or ("", 0)
            if not is_loopback(client[0]) or not is_loopback(_host_name(request)):
                await _refuse(scope, receive, send, 403,
                              "Ứng dụng chỉ mở cho máy này (127.0.0.1). Muốn dùng từ máy "
                              "khác, chạy lại với --host và đặt mật khẩu.")
                return
        elif not self._logged_in(request.session) and not path.startswith(OPEN_PATHS):
            if not _wants_json(request) and scope["method"] in ("GET", "POST"):
                from starlette.responses import RedirectResponse

                if scope["method"] == "GET":
                    # The page asked for is kept (a link with its period), opened after.
                    asked = path + (f"?{scope['query_string'].decode('latin-1')}"
                                    if scope.get("query_string") else "")
                else:
                    # A form sent from a page opened before the login ended (another
                    # tab logged out): nothing of it is saved, and the login page says
                    # so, then opens the form's page again. Answered in plain text, it
                    # read as the browser's and the typed work was lost unsaid.
                    request.session[SESSION_UNSAVED] = True
                    asked = _page_sent_from(request)
                target = (LOGIN_PATH if asked == "/"
                          else f"{LOGIN_PATH}?{urlencode({'next': asked})}")
                await RedirectResponse(target, status_code=303)(scope, receive, send)
            else:
                await _refuse(scope, receive, send, 401,
                              ENDED if request.session.get(SESSION_ENDED) else
                              "Cần đăng nhập: mở lại trang và nhập mật khẩu.")
            return
        await self.app(scope, receive, send)

    def _logged_in(self, session: dict) -> bool:
        """Whether ``session`` is logged in; one whose login has ended (logged out, a
        copy of a cookie logged out, another password) is emptied, and marked so that
        the login page says why it asks for the password."""
        assert self.logins is not None
        if self.logins.open(session):
            return True
        if SESSION_AUTH in session:
            session.clear()
            session[SESSION_ENDED] = True
        return False


def _host_name(request: Request) -> str:
    """The host the browser asked for, without the port: "127.0.0.1", "::1", "localhost"."""
    host = request.headers.get("host", "")
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0]


def _page_sent_from(request: Request) -> str:
    """The page of this app a form was sent from (its Referer, sent for the app's own
    pages: Referrer-Policy same-origin), "/" when not known; the login page checks it
    again as any page to open after."""
    sent_from = urlsplit(request.headers.get("referer", ""))
    if sent_from.netloc != request.headers.get("host", "") or not sent_from.path:
        return "/"
    return sent_from.path + (f"?{sent_from.query}" if sent_from.query else "")


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or bool(
        request.headers.get(CSRF_HEADER))


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int,
                  message: str) -> None:
    from starlette.responses import JSONResponse, PlainTextResponse

    request = Request(scope)
    response = (JSONResponse({"error": message}, status_code=status) if _wants_json(request)
                else PlainTextResponse(message, status_code=status))
    await response(scope, receive, send)


class BodyLimitMiddleware:
    """Cuts off a request body over the limit with the Vietnamese message: before reading
    when the declared length is over, else as soon as the bytes received are.

    (Starlette's own max_body_size answers in English and replaces any response.)"""

    def __init__(self, app: ASGIApp, *, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = small_number(Request(scope).headers.get("content-length", ""), 18)
        over = declared is not None and declared > self.limits.request_bytes
        seen = 0

        async def counted() -> Message:
            # Raised where the page reads its form, so the page answers with its message.
            nonlocal seen
            if over:
                raise Refused(413, too_large_message(self.limits))
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limits.request_bytes:
                raise Refused(413, too_large_message(self.limits))
            return message

        await self.app(scope, counted, send)


# --- forms -------------------------------------------------------------------------------

def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


def too_large_message(limits: Limits) -> str:
    return (f"Dữ liệu tải lên quá lớn: mỗi lần tối đa {size_text(limits.request_bytes)}, mỗi "
            f"tệp tối đa {size_text(limits.file_bytes)}. Chia thành nhiều lần tải lên.")


CUT_OFF = ("Dữ liệu tải lên không trọn vẹn (đường truyền bị ngắt giữa chừng?): chưa nhận tệp "
           "nào của lần tải lên này. Tải lên lại các tệp.")
_BOUNDARY = re.compile(r'boundary="?([^";]+)', re.IGNORECASE)


class _Ending:
    """A request's body passed on as it comes, its last bytes kept: whether a multipart
    body ended with its closing delimiter ("--boundary--"), the whole form sent. One that
    ends short of it (cut off, its length said as what was sent) is read by the parser
    as the parts it had: the files before the cut merged, the rest dropped unsaid."""

    def __init__(self, receive: Receive, boundary: str) -> None:
        self.receive = receive
        self.closing = f"--{boundary}--".encode("latin-1")
        self.tail = b""

    async def __call__(self) -> Message:
        message = await self.receive()
        if message["type"] == "http.request":
            self.tail = (self.tail + message.get("body", b""))[-(len(self.closing) + 64):]
        return message

    @property
    def whole(self) -> bool:
        return self.closing in self.tail


async def read_form(request: Request, limits: Limits, file_bytes: int | None = None
                    ) -> FormData:
    """The POSTed form, after checking its size, its files (each at most ``file_bytes``,
    else ``limits.file_bytes``) and its CSRF token.

    Raises :class:`Refused` with the Vietnamese message to show."""
    # The body as a whole is capped by BodyLimitMiddleware, which raises Refused.
    kind = request.headers.get("content-type", "")
    boundary = _BOUNDARY.search(kind) if kind.lower().startswith("multipart/") else None
    ending = _Ending(request.receive, boundary[1]) if boundary else None
    reading = Request(request.scope, ending) if ending else request
    try:
        form = await reading.form(max_files=limits.files, max_fields=limits.files + 20)
    except HTTPException as exc:
        if "Too many files" in str(exc.detail):
            raise Refused(413, f"Mỗi lần tải lên tối đa {limits.files} tệp: chia thành "
                               "nhiều lần.") from exc
        raise Refused(400, "Dữ liệu gửi lên không đọc được; tải lại trang rồi thử lại.") \
            from exc
    if ending is not None and not ending.whole:
        await form.close()
        raise Refused(400, CUT_OFF)
    given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    expected = request.session.get(SESSION_CSRF)
    if not expected or not isinstance(given, str) or not hmac.compare_digest(given, expected):
        await form.close()
        raise Refused(403, "Biểu mẫu đã hết hạn hoặc không phải từ trang của ứng dụng: tải "
                           "lại trang rồi làm lại.")
    most = limits.file_bytes if file_bytes is None else file_bytes
    for value in form.values():
        if isinstance(value, UploadFile) and (value.size or 0) > most:
            await form.close()
            raise Refused(413, f"Tệp '{value.filename}' quá lớn "
                               f"({size_text(value.size or 0)}): mỗi tệp tối đa "
                               f"{size_text(most)}.")
    return form
