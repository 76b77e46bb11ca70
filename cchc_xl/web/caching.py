"""Nothing the app serves is reused stale: a page, a report shown in its frame or a
file generated for download changes with every merge, report or upload, so the browser
is told to keep no copy (``no-store``). Static files (style, script) carry validators
(ETag, Last-Modified) and are checked again each time (``no-cache``)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC_PREFIX = "/static/"
NO_STORE = "no-store"
REVALIDATE = "no-cache"


class NoStaleMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = REVALIDATE if scope["path"].startswith(STATIC_PREFIX) else NO_STORE

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Cache-Control"] = policy
                if policy == NO_STORE:
                    headers["Pragma"] = "no-cache"  # older proxies
            await send(message)

        await self.app(scope, receive, send_with_policy)
