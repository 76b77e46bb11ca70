"""Work on every core: an ordered map over worker processes with few jobs in flight.

Merge reads and checks returned files in workers while the parent process alone
writes the ledger, taking results in the order the files were given (so a run is
repeatable). At most ``window`` jobs are in flight, so results waiting for the
parent never pile up in memory whatever the number of files.

Workers are forked when this process has no other thread and is not on macOS (cheap,
and the plan the initializer gets is shared, not copied); otherwise they come from a
fork server, as forking a threaded process (the web app) can deadlock. Few jobs, or one
core, run in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_JOBS = 8  # fewer jobs than this are not worth starting workers for
# Where workers must be spawned (Windows), each imports cchc-xl and takes its share of the
# plan afresh: a split on two spawned workers against one process, on this project's
# Linux machine (5 December 2026), 1.02 s against 0.68 s for a province's 150 units, 5.45
# s against 8.1 s for 2,000: they pay for themselves from about 300 jobs, and Windows
# starts a process more slowly than Linux. Fewer jobs than this run in this process there.
MIN_SPAWNED_JOBS = 400
# The modules of the functions cchc-xl hands to workers: split's writer, merge's reader,
# import's PDF reader.
WORKER_MODULES = ("cchc_xl.split", "cchc_xl.judged", "cchc_xl.plan_import.pdf_source")
# Windows waits for at most 63 handles at once: its ProcessPoolExecutor refuses more than
# 61 workers (ValueError), so a split on a machine with more cores would not start.
MAX_WINDOWS_WORKERS = 61


def cores() -> int:
    """The cores this process may run on: the number of workers worth starting."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        n = os.cpu_count() or 1
    return min(n, MAX_WINDOWS_WORKERS) if sys.platform == "win32" else n


def _forks() -> bool:
    """Whether workers may be forked from this process: it has one thread, and is not on
    macOS, whose system libraries make a forked child unsafe (Python starts workers
    there by spawning them since 3.8; a fork server is a fresh process of its own)."""
    return ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            and threading.active_count() == 1)


def _spawns() -> bool:
    """Whether :func:`worker_context` would spawn workers now (no fork to be had)."""
    return not _forks() and "forkserver" not in multiprocessing.get_all_start_methods()


def worker_context(fn: Callable):
    """How to start worker processes that run ``fn``.

    fork starts a worker in milliseconds with what this process has loaded, but is
    only safe from a process with one thread (the CLI), and not on macOS. A threaded
    process (the web app's jobs), or any on macOS, gets workers from a fork server that
    imports ``fn``'s module (cchc-xl, openpyxl, lxml) once when it starts, so that each
    worker forked from it is ready at once instead of importing them itself (seconds per
    worker). Elsewhere (Windows), spawn.
    """
    if _forks():
        return multiprocessing.get_context("fork")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # The preload list has no effect once the server runs: it names every module whose
    # functions run in workers, so that whichever job starts the server (a split or a
    # merge), the workers of the others do not import their module each (a quarter of a
    # second per worker, for every merge after a split).
    ctx.set_forkserver_preload(["__main__", fn.__module__, *WORKER_MODULES])
    return ctx


def ordered_map(fn: Callable[[T], R], jobs: Iterable[T], *,
                initializer: Callable[..., None] | None = None, initargs: tuple = (),
                processes: int | None = None, window: int | None = None) -> Iterator[R]:
    """``fn(job)`` for each job, in order, computed in worker processes.

    ``initializer(*initargs)`` runs once in each worker (and in this process when the
    jobs run here) before any job: the place to hand over large shared inputs.
    ``fn`` and its results must be picklable (module-level functions, plain data).
    """
    jobs = list(jobs)
    processes = min(processes or cores(), len(jobs))
    if processes < 2 or len(jobs) < (MIN_SPAWNED_JOBS if _spawns() else MIN_JOBS):
        if initializer is not None:
            initializer(*initargs)
        yield from map(fn, jobs)
        return
    # Imported here: merge's isolated reading (cchc_xl.isolate) does without it.
    from concurrent.futures import ProcessPoolExecutor

    window = window or 4 * processes
    with ProcessPoolExecutor(processes, mp_context=worker_context(fn), initializer=_start,
                             initargs=(initializer, initargs)) as pool:
        pending: deque = deque()
        queued = iter(jobs)
        for job in queued:
            pending.append(pool.submit(fn, job))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().result()
            for job in queued:
                pending.append(pool.submit(fn, job))
                break
            yield result


def _start(initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """A worker's start: Ctrl-C, sent to the whole process group, is the command's to
    answer (once, in Vietnamese), not each worker's with a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a step that builds many objects without Python's cyclic garbage collector.

    A collection is triggered every few hundred new objects and walks the young ones
    (every few of those, all of them): reading a returned file or writing the
    consolidated workbook builds tens of thousands that live until the step ends, so
    the collector walks them again and again for nothing (a tenth of the step's
    time). Reference counting still frees everything; cycles are collected after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
