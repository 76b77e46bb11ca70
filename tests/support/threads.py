"""The threads a test leaves running (tests/conftest.py fails the test that leaves one).

A thread left running changes how every later test in its process runs: cchc_xl.pool
forks merge and split workers only from a process with one thread, and otherwise starts
them from a fork server, slower, and out of reach of a test's monkeypatch (the web
app's job thread, kept by test clients never shut down, made every merge after it in
its process go through the fork server, for the rest of a full run).
"""

from __future__ import annotations

import threading
import time

# Threads that live as long as a module's fixture, not a test: started by a test's
# requests, ended when the fixture ends (checked then, by the module's own check).
MODULE_LIVED = {
    # A module's uvicorn server (tests/conftest.py's server, test_web_browser_a11y.py's)
    # runs its synchronous endpoints in AnyIO's worker threads, kept idle for the next
    # request and stopped with the server's event loop.
    "AnyIO worker thread": "the module's server's request threads",
    # Playwright's event loop (a module's browser) runs blocking calls (a page's PDF
    # written) in its default executor, shut down when the loop is closed.
    "asyncio_": "the module's browser's event loop's executor",
}

GRACE = 2.0  # seconds for a thread at its end to end (a job's thread once it is done)


def started_since(before: set[threading.Thread], *, module_lived: bool = False
                  ) -> list[threading.Thread]:
    """The threads started since ``before`` still running after a grace (each given up
    to :data:`GRACE` to end), those in :data:`MODULE_LIVED` left out unless
    ``module_lived``."""
    deadline = time.monotonic() + GRACE
    left = []
    for thread in threading.enumerate():
        if thread in before or not thread.is_alive():
            continue
        if not module_lived and any(thread.name.startswith(n) for n in MODULE_LIVED):
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            left.append(thread)
    return left


def described(threads: list[threading.Thread]) -> str:
    """Each thread by name, kind and what it runs: where to look for who started it."""
    def one(t: threading.Thread) -> str:
        target = getattr(t, "_target", None)
        runs = getattr(target, "__qualname__", None) or type(t).__qualname__
        return f"{t.name} ({'daemon' if t.daemon else 'not a daemon'}, runs {runs})"

    return "; ".join(one(t) for t in threads)
