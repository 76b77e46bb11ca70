"""The one-time messages a page shows after a step (common.flash), kept by the app
until shown, not in the session cookie, which holds only their keys. A browser drops a
cookie over 4,096 bytes without a word (Chromium does), and with it the page's message:
a plan put in place that recounted two periods, each with verdicts not read back (two
warnings, two links), made a cookie of 5,952 bytes, and the Kế hoạch page said nothing
at all of what was done. Each Vietnamese letter is six bytes in the cookie's JSON, a
third more once encoded: a message of 700 letters was some 6 KB.

They are kept in a file of the app's folder (:data:`FLASHES`), written whole and moved
in place at each change: a message was lost when the app stopped between a step and
the page after it (the computer restarted, the app closed and opened again), though the
session, signed by a key kept in the data folder, lasts. The file stays small: at most
:data:`KEPT` messages and :data:`KEPT_BYTES` of them, none older than :data:`KEPT_SECONDS`
(a page never opened after its step); the oldest go first. Each message names the session
it is for (a digest of its form token: the token itself is a secret), and only that
session is shown it, whatever key it names. The file is the app's for a moment: a backup
leaves it out (data_folder.LEFT_OUT). A file that cannot be written (a full disk) loses
no message while the app runs: they are kept in memory as well.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import threading
import time
from collections import OrderedDict
from pathlib import Path

from ..data_folder import FLASHES
from ..errors import CchcError
from ..xlio import atomic_write

KEPT = 500  # messages waiting to be shown, all sessions together: the oldest go first
KEPT_BYTES = 2_000_000  # of the messages waiting, written as the file holds them
KEPT_SECONDS = 2 * 24 * 3600  # a message not shown within two days is dropped


def owner_of(session_token: str) -> str:
    """The name a message keeps of the session it is for: a digest of its form token."""
    return hashlib.sha256(session_token.encode()).hexdigest()[:32]


class Flashes:
    """The messages waiting, by key (a random one: a session names only its own)."""

    def __init__(self, folder: Path) -> None:
        self._path = Path(folder) / FLASHES
        self._lock = threading.Lock()
        # key -> ({"at": when kept (epoch seconds), "for": owner_of(...), "said": message},
        # the pair [key, that] as the file holds it): each message encoded once, when kept,
        # not again at each bound and each write of the file.
        self._waiting: OrderedDict[str, tuple[dict, bytes]] = OrderedDict(
            (key, (kept, _encoded(key, kept))) for key, kept in self._read())
        self._bound(time.time())

    def put(self, message: list, session_token: str) -> str:
        """Keep ``message`` for the session of ``session_token``; the key it holds."""
        key = secrets.token_urlsafe(12)
        kept = {"at": time.time(), "for": owner_of(session_token), "said": message}
        with self._lock:
            self._waiting[key] = (kept, _encoded(key, kept))
            self._bound(time.time())
            self._write()
        return key

    def take(self, key: str, session_token: str) -> list | None:
        """The message kept under ``key`` for this session, no longer kept (None: shown,
        gone, or another session's, which stays for it)."""
        with self._lock:
            kept, _ = self._waiting.get(key, (None, b""))
            if kept is None or kept["for"] != owner_of(session_token):
                return None
            del self._waiting[key]
            self._write()
            return kept["said"]

    def _bound(self, now: float) -> None:
        """Drop the messages over the bounds, the oldest first."""
        for key in [k for k, (m, _) in self._waiting.items() if now - m["at"] > KEPT_SECONDS]:
            del self._waiting[key]
        while len(self._waiting) > KEPT:
            self._waiting.popitem(last=False)
        size = sum(_size(text) for _, text in self._waiting.values())
        while size > KEPT_BYTES and self._waiting:
            size -= _size(self._waiting.popitem(last=False)[1][1])

    def _read(self) -> list[tuple[str, dict]]:
        """The messages the file keeps, in the order they were kept; none from a file
        unreadable or not the app's (it is written whole: only a hand could break it)."""
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            kept = [(k, m) for k, m in data if isinstance(k, str) and isinstance(m, dict)
                    and isinstance(m.get("at"), (int, float)) and isinstance(m.get("for"), str)
                    and isinstance(m.get("said"), list)]
        except (OSError, ValueError, TypeError):
            return []
        return sorted(kept, key=lambda km: km[1]["at"])

    def _write(self) -> None:
        """The file: the pairs as encoded when kept, in a JSON list (json.dumps's own
        separator: the file is what it wrote)."""
        data = b"[" + _SEPARATOR.join(text for _, text in self._waiting.values()) + b"]"
        with contextlib.suppress(CchcError):  # kept in memory still (module docstring)
            atomic_write(self._path, lambda tmp: tmp.write_bytes(data), mode=0o600)


_SEPARATOR = b", "  # between two pairs in the file, as json.dumps puts it


def _encoded(key: str, message: dict) -> bytes:
    return json.dumps([key, message], ensure_ascii=False).encode()


def _size(text: bytes) -> int:
    """What a pair adds to the file: itself and a separator (the first, the brackets)."""
    return len(text) + len(_SEPARATOR)
