"""The one-time messages a page shows after a step (common.flash), kept by the app
until shown, not in the session cookie, which holds only their keys. A browser drops a
cookie over 4,096 bytes without a word (Chromium does), and with it the page's message:
a plan put in place that recounted two periods, each with verdicts not read back (two
warnings, two links), made a cookie of 5,952 bytes, and the Kế hoạch page said nothing
at all of what was done. Each Vietnamese letter is six bytes in the cookie's JSON, a
third more once encoded: a message of 700 letters was some 6 KB.

A message not shown before the app stops is lost (what was done is on the pages)."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

KEPT = 500  # messages waiting to be shown, all sessions together: the oldest go first


class Flashes:
    """The messages waiting, by key (a random one: a session names only its own)."""

    def __init__(self) -> None:
        self._waiting: OrderedDict[str, list] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, message: list) -> str:
        """Keep ``message``; the key the session holds for it."""
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._waiting[key] = message
            while len(self._waiting) > KEPT:  # pages never opened after their step
                self._waiting.popitem(last=False)
        return key

    def take(self, key: str) -> list | None:
        """The message kept under ``key``, no longer kept (None: shown, or gone)."""
        with self._lock:
            return self._waiting.pop(key, None)
