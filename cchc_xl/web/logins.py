"""The logins of the app opened to other computers (with a password): each one a session
the server can end, not only a signed cookie it trusts until it expires.

The login lived in the signed session cookie alone: "Đăng xuất" cleared that browser's
cookie, but a copy of it taken before (from the browser's profile by another user of a
shared office computer, or sent by a second tab while the first logged out) still opened
the app for the cookie's 14 days. Now each login is given a random id, carried in the
signed cookie with the login's *generation*, and the server keeps, in the data folder's
app folder (:data:`cchc_xl.data_folder.LOGINS`, written whole, readable by its owner
alone as the session key is):

- the ids of the logins ended ("Đăng xuất"), each until no copy of its cookie can be
  valid any more (:attr:`Logins.kept_seconds`: the cookie's max age, each response
  signing it again, and a day for a request under way as it ended), and at most
  :data:`KEPT` of them: one more ended starts a new generation instead, which ends
  every login (all log in again; ended ids of an old generation need no keeping);
- the generation, a random word: a new one when the app starts with another password
  than the last start's, so every login opened with the old password ends, changing it
  back included (the cookie's mark of the password alone let those in again), and when
  the file is missing or cannot be read (the ids ended it kept are not known: every
  login ends, none comes back);
- which password the generation is for, as a digest keyed by the session key (not the
  password, nor its hash: each cookie carries a mark of that hash already).

Two apps started on one data folder (two ports, two users' sessions of one computer)
share the file: each reads it again when it changed since it last read or wrote it (a
stat per request), so that a login one ended is ended in the other at once, not when it
starts again, and an app ending a login adds it to what the file keeps (it wrote what it
alone had ended: the other's ended logins were dropped, their cookies valid again after
a restart). Each reads, changes and writes the file holding an operating-system lock
beside it (:func:`cchc_xl.ledger.lock.ledger_lock`, a moment's hold): two apps ending
logins at the same moment each wrote what it had read before the other's write, and
one's ended logins were lost (a QA pass: 134 of 300 in two processes ending 150 each).

Without a password (this computer only) nobody logs in: none of this is made. The file
is no part of a backup (data_folder.LEFT_OUT: a restored copy makes its own session
key, logging every browser out) and is carried across a restore in place with the key
(swapped.CARRIED: the ended logins stay ended).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import MutableMapping
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

from ..data_folder import LOGINS
from ..errors import OutputError
from ..ledger.lock import ledger_lock
from ..xlio import atomic_write

SESSION_AUTH = "auth"  # the mark of the password logged in with (:func:`login_mark`)
SESSION_ID = "login"  # the login's random id
SESSION_GENERATION = "generation"  # the generation it was opened in
SESSION_ENDED = "ended"  # a session found ended: the login page says so, once
SESSION_UNSAVED = "unsaved"  # a form sent logged out, not saved: the login page says so

KEPT = 1000  # ended logins kept: one more starts a new generation (module docstring)
HOLD_WAIT_SECONDS = 10.0  # another app holding the file longer has hung: written all the same
IN_FLIGHT_SECONDS = 24 * 3600  # a request under way as its login ended, signed after
# Why, in words true of every way a login ends: "Đăng xuất" (this browser, another tab, a
# copy of its cookie), another password at a start, and every login ended at once (the
# logins file lost or damaged at a start, more than KEPT ended). It named the first two
# alone, so a restart that found the file gone told of a logout or a new password that
# never was. Nothing of which it was: a copy of a cookie learns no more than before.
ENDED = ("Phiên đăng nhập của trình duyệt này đã kết thúc (đã bấm Đăng xuất, mật khẩu của "
         "ứng dụng đã đổi, hoặc ứng dụng đã yêu cầu mọi trình duyệt đăng nhập lại để giữ an "
         "toàn): nhập mật khẩu để mở lại ứng dụng.")

UNSAVED = ("Những gì vừa nhập hoặc chọn ở trang trước chưa được lưu, chưa gửi: trình duyệt "
           "này đã đăng xuất trước khi bấm nút. Đăng nhập, rồi nhập lại và bấm lại ở trang "
           "đó (trang đó mở lại sau khi đăng nhập).")


def login_mark(password_hash: str) -> str:
    """What a logged-in session keeps of the password: valid while the app runs with it."""
    return hashlib.sha256(password_hash.encode("ascii")).hexdigest()


class Logins:
    """The logins of one data folder's app with one password (module docstring)."""

    def __init__(self, folder: Path, key: str, password_hash: str, max_age: int) -> None:
        self._path = Path(folder) / LOGINS
        self._mark = login_mark(password_hash)
        self._password = hmac.new(key.encode("ascii"), b"cchc-xl logins " +
                                  self._mark.encode("ascii"), "sha256").hexdigest()
        self.kept_seconds = max_age + IN_FLIGHT_SECONDS
        self._lock = threading.Lock()
        self._seen: tuple | None = None  # the file as last read or written (_known)
        with self._held():
            kept = self._read()
            if kept is None or kept["password"] != self._password:
                self._new_generation()
            else:
                self._generation, self._ended = kept["generation"], kept["ended"]
                if self._drop_expired(time.time()):
                    self._write()

    def start(self, session: MutableMapping[str, Any]) -> None:
        """A login: ``session`` (one whose login may be open: ended first) given a new id."""
        self.end(session)
        session[SESSION_AUTH] = self._mark
        session[SESSION_ID] = secrets.token_urlsafe(16)
        session[SESSION_GENERATION] = self._generation

    def open(self, session: MutableMapping[str, Any]) -> bool:
        """Whether ``session`` is logged in: with this password, in this generation, its
        login not ended."""
        mark, ident = session.get(SESSION_AUTH), session.get(SESSION_ID)
        if not (isinstance(mark, str) and hmac.compare_digest(mark, self._mark)
                and isinstance(ident, str)):
            return False
        with self._lock:
            self._refresh()
            return session.get(SESSION_GENERATION) == self._generation \
                and ident not in self._ended

    def end(self, session: MutableMapping[str, Any]) -> None:
        """End the login of ``session`` (none open: nothing to do), for every copy of its
        cookie, kept ended when the app starts again. The session itself is left as it is."""
        if not self.open(session):
            return
        now = time.time()
        with self._lock, self._held():
            self._refresh()
            self._drop_expired(now)
            if len(self._ended) >= KEPT:  # every login ends: no ended id is needed
                self._new_generation()
                return
            self._ended[session[SESSION_ID]] = now
            self._write()

    def _held(self) -> ExitStack:
        """The file held against the other apps on this data folder while this one reads,
        changes and writes it (module docstring); held past HOLD_WAIT_SECONDS (an app
        hung), or no lock file to be made, it is written all the same, as before."""
        stack = ExitStack()
        with suppress(OutputError):
            stack.enter_context(ledger_lock(self._path, HOLD_WAIT_SECONDS))
        return stack

    def _new_generation(self) -> None:
        """Every login ended: a new generation, no ended id to keep."""
        self._generation, self._ended = secrets.token_urlsafe(9), {}
        self._write()

    def _drop_expired(self, now: float) -> bool:
        """Forget the ended logins no copy of whose cookie is valid any more; whether any."""
        gone = [i for i, at in self._ended.items() if now - at > self.kept_seconds]
        for ident in gone:
            del self._ended[ident]
        return bool(gone)

    def _refresh(self) -> None:
        """What another app on this data folder wrote since this one last read or wrote
        the file, taken: its generation and ended logins (module docstring). A file made
        for another password (an app started with another), missing or damaged changes
        nothing here: this app's logins stay as they are, written again at the next end."""
        if self._known() == self._seen:
            return
        kept = self._read()
        if kept is not None and kept["password"] == self._password:
            self._generation, self._ended = kept["generation"], dict(kept["ended"])

    def _known(self) -> tuple | None:
        """The file as the system knows it (replaced whole at each write: another inode)."""
        try:
            known = self._path.stat()
        except OSError:
            return None
        return known.st_ino, known.st_mtime_ns, known.st_size

    def _read(self) -> dict | None:
        """What the file keeps; None when it is missing or is not the app's."""
        self._seen = self._known()
        try:
            kept = json.loads(self._path.read_text(encoding="utf-8"))
            ended = kept["ended"]
            if isinstance(kept["password"], str) and isinstance(kept["generation"], str) \
                    and all(isinstance(i, str) and isinstance(at, (int, float))
                            for i, at in ended.items()):
                return kept
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass
        return None

    def _write(self) -> None:
        data = json.dumps({"password": self._password, "generation": self._generation,
                           "ended": self._ended}).encode("ascii")
        atomic_write(self._path, lambda tmp: tmp.write_bytes(data), mode=0o600)
        self._seen = self._known()
