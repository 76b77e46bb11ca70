"""Headers every response carries, pages, downloads, static files, refusals and
redirects alike: the cache policy (:func:`cchc_xl.web.caching.cache_headers`) and the
headers that keep a page from being framed or sniffed, and its Content-Security-Policy
(:data:`cchc_xl.web.security.SAFE_HEADERS`), and the app's moment (:func:`now_header`).
A response that sets one of them itself keeps its own (the report's page, its policy:
:data:`cchc_xl.web.security.REPORT_POLICY`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import clock

# The app's moment as a page's script reads it from an answer (app.js, appTime).
NOW_HEADER = "X-Cchc-Now"


def app_now() -> str:
    """This moment by cchc-xl's clock, to the second, as the pages' script is told it (a
    page's ``data-now``, an answer's :data:`NOW_HEADER`). A time the script says (an
    upload refused "lúc 09:40") is the app's, as every time the pages print: read off
    the browser's clock, it was the time of another day, or zone, wherever the browser's
    was set so (a computer's clock left wrong, a test's)."""
    return clock.now().isoformat(timespec="seconds")


def now_header() -> dict[str, str]:
    return {NOW_HEADER: app_now()}


class HeadersMiddleware:
    """Sets ``headers(path)`` on the response to each HTTP request, each one the
    response has not set itself."""

    def __init__(self, app: ASGIApp, headers: Callable[[str], Mapping[str, str]]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
