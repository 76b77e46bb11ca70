"""Headers every response carries, pages, downloads, static files, refusals and
redirects alike: the cache policy (:func:`cchc_xl.web.caching.cache_headers`) and the
headers that keep a page from being framed or sniffed, and its Content-Security-Policy
(:data:`cchc_xl.web.security.SAFE_HEADERS`). A response that sets one of them itself
keeps its own (the report's page, its policy: :data:`cchc_xl.web.security.REPORT_POLICY`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


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
