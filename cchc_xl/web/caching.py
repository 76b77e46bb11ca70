"""Nothing the app serves is reused stale: a page, a report shown in its frame or a
file generated for download changes with every merge, report or upload, so the browser
is told to keep no copy (``no-store``). Static files (style, script) carry validators
(ETag, Last-Modified) and are checked again each time (``no-cache``)."""

from __future__ import annotations

STATIC_PREFIX = "/static/"
NO_STORE = "no-store"
REVALIDATE = "no-cache"


def cache_headers(path: str) -> dict[str, str]:
    """The cache policy of the response to ``path``."""
    if path.startswith(STATIC_PREFIX):
        return {"Cache-Control": REVALIDATE}
    return {"Cache-Control": NO_STORE, "Pragma": "no-cache"}  # Pragma: older proxies
