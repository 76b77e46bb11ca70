"""Session fixtures built once per run, not once per process.

Under pytest-xdist each process builds its own session fixtures, so the seed plans'
splits and merges were built on both processes of ``make test``. :func:`built_once`
is the pytest-xdist documentation's recipe: the first process to need a fixture
builds it in a folder both processes see (the run's temporary folder) while holding
a lock, and pickles the result; the other process waits for the lock and loads it.
Without xdist (or without ``fcntl``) the fixture is simply built here.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

try:
    import fcntl
except ImportError:  # not POSIX: each process builds its own
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")


def built_once(tmp_path_factory, name: str, build: Callable[[Path], T]) -> T:
    """``build(folder)`` for the whole run: its result, and what it wrote in
    ``folder``, are shared by every xdist process (read them, never write to them)."""
    if fcntl is None or not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp(name))
    # Each xdist process has its own base folder inside the run's (popen-gw0, ...).
    root = tmp_path_factory.getbasetemp().parent / "shared"
    root.mkdir(exist_ok=True)
    folder, done = root / name, root / f"{name}.pickle"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if done.exists():
            return pickle.loads(done.read_bytes())
        shutil.rmtree(folder, ignore_errors=True)  # left by a build that failed
        folder.mkdir()
        result = build(folder)
        partial = done.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(result))
        partial.replace(done)
        return result
