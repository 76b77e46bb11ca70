"""Doing one risky step per item in worker processes, each with a memory and a time
budget, so that one bad item cannot bring the run down.

Reading a returned workbook is the risky step of a merge: a file may take more
memory or time than the machine has (docs/validation.md: a file not read this
time is reported, not recorded). :func:`run_isolated` hands the items to a few
long-lived worker processes (recycled after a number of items),
limits each worker's address space (``RLIMIT_AS``), and kills a worker that
overruns its time, starting a fresh one. The caller gets every item's result, in
the order given, or a :class:`Failure` saying why there is none; a failure is
about this run (memory, time, a crash), not about the item's content, so the
caller must not remember it as a verdict on the file.

Only the calling process sees the results: it alone writes the ledger.
"""

from __future__ import annotations

import ctypes
import gc
import math
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

try:
    import resource
except ImportError:  # Windows: no address-space limit, the time budget still holds
    resource = None  # type: ignore[assignment]

from . import bounds
from .pool import worker_context

_STARTUP_SECONDS = 120
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
_PENDING = object()  # a busy worker's item: no result yet (None is a result)
# Items that one worker takes alone: a second's fork and first item cost as much CPU as
# reading two or three returns, for no time saved (measured on the seed plan's returns,
# 5 December 2026: two workers for 2-4 files took 13-17 ms more CPU than one, no less time).
FEW_ITEMS = 4
# ...unless one item holds it this long (a file read in milliseconds, or stuck until its
# budget): the others then go to another worker, as with more items (a review: two stuck
# files of three held the ledger for two budgets, one after the other).
SLOW_ITEM_SECONDS = 1.0

MEMORY = "memory"
TIMEOUT = "timeout"
CRASH = "crash"
ERROR = "error"

_REASONS = {
    MEMORY: "không đủ bộ nhớ để đọc tệp (giới hạn {memory})",
    TIMEOUT: "đọc tệp quá {seconds} giây",
    CRASH: "chương trình đọc tệp bị dừng đột ngột",
    ERROR: "lỗi khi đọc tệp ({detail})",
}


@dataclass(frozen=True)
class Failure:
    """Why an item has no result this time: ``kind`` is memory, timeout, crash or error."""

    kind: str
    reason: str


def _address_space() -> int:
    """The address space this process maps now, in bytes (Linux; 0 where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(limit: int) -> None:
    """This worker's address space limited to what it maps as it starts plus ``limit``:
    the memory an item may take. A forked worker maps its parent's address space at
    first, which a process that has run for long maps near a gigabyte of (a test process
    of the whole suite): an absolute limit left a plan's PDF, read in such a worker, no
    room at all, and it was refused as beyond the memory it may take (CI, 6 December)."""
    if resource is None or not limit:
        return
    limit += _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    new = limit if soft == resource.RLIM_INFINITY else min(soft, limit)
    if hard != resource.RLIM_INFINITY:
        new = min(new, hard)
    resource.setrlimit(resource.RLIMIT_AS, (new, hard))


def _die_with_parent(parent: int | None) -> None:
    """Linux: have this worker killed when the process that started it dies. A merge
    killed outright (SIGKILL, the out-of-memory killer) left its workers waiting for
    work for ever, holding the ledger's lock they inherited, so that every later merge
    waited for it in vain. ``parent``: the starting process's id when this worker was
    forked from it (else the fork server started it, and it is the one watched)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            return
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # it died before that took effect
        os._exit(1)


def _serve(conn, fn: Callable[[Any], Any], memory: int, tasks: int,
           initializer: Callable[..., None] | None, initargs: tuple,
           parent: int | None = None) -> None:
    """A worker: run ``fn`` on the items it is sent, ``tasks`` of them at most."""
    # Ctrl-C goes to the whole process group: the command stops and says so once; a
    # worker would print its own traceback (it ends with its parent).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    _limit_memory(memory)
    # Forked, this worker shares the parent's objects (the plan, the modules) until it
    # writes to them: the cyclic collector, walking them, would copy their pages and
    # spend time on objects that outlive every file (half the worker's page copies at
    # 50 files). Collections here walk only what the worker makes.
    gc.freeze()
    if initializer is not None:
        initializer(*initargs)
    conn.send(None)  # ready: the time budget counts from the first item, not the start
    for _ in range(tasks):
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        try:
            reply = (index, True, fn(item))
        except MemoryError:
            reply = (index, False, (MEMORY, ""))
        except Exception as exc:  # reported for this item; the run goes on
            reply = (index, False, (ERROR, f"{type(exc).__name__}: {exc}"[:300]))
        try:
            conn.send(reply)
        except MemoryError:
            conn.send((index, False, (MEMORY, "")))
        if not reply[1]:
            return  # a worker that failed starts afresh


class _Worker:
    def __init__(self, ctx, fn, memory: int, tasks: int, initializer, initargs: tuple) -> None:
        self.conn, child = ctx.Pipe()
        parent = os.getpid() if ctx.get_start_method() == "fork" else None
        self.process = ctx.Process(target=_serve, daemon=True,
                                   args=(child, fn, memory, tasks, initializer, initargs,
                                         parent))
        self.process.start()
        child.close()
        # A forked worker is ready at once; a spawned one imports cchc-xl first.
        if self.conn.poll(_STARTUP_SECONDS):
            try:
                self.conn.recv()
            except (EOFError, OSError):
                pass  # it died: the item given to it fails as a crash
        self.index: int | None = None
        self.deadline = self.since = 0.0
        self.left = tasks

    def give(self, index: int, item: Any, seconds: float) -> None:
        try:
            self.conn.send((index, item))
        except OSError:
            # It died starting (a spawned worker that could not import or unpickle what
            # it runs, an initializer that failed): the wait for its result sees it gone
            # and the item fails as a crash (a BrokenPipeError here ended the merge).
            pass
        self.since = time.monotonic()
        self.index, self.deadline = index, self.since + seconds
        self.left -= 1

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_isolated(fn: Callable[[Any], Any], items: Iterable[Any], *, workers: int = 2,
                 memory: int = bounds.READ_MEMORY_BYTES, seconds: float = bounds.READ_SECONDS,
                 tasks_per_worker: int = 200, initializer: Callable[..., None] | None = None,
                 initargs: tuple = ()) -> Iterator[tuple[Any, Any]]:
    """Yield ``(item, fn(item))`` for each item, in the order given, each computed in a
    worker process; ``(item, Failure)`` when the worker ran out of memory (address
    space over ``memory`` bytes), time (``seconds``), crashed or raised.

    ``initializer(*initargs)`` runs once in each worker before its first item (the
    place to hand over the plan). ``fn``, the items and ``initargs`` must be
    picklable where workers are spawned (not forked). Unlike
    :func:`cchc_xl.pool.ordered_map` (trusted work: writing split workbooks), every
    item runs in a worker, however few there are: the point is isolation. A few items
    (:data:`FEW_ITEMS`) are run by one worker, one after the other, unless one of them
    holds it over :data:`SLOW_ITEM_SECONDS`.
    """
    items = list(items)
    if not items:
        return
    few = len(items) <= FEW_ITEMS

    def another_worker_at(pool: list[_Worker]) -> float | None:
        """When to start one more worker for the items left (its pool all busy): at
        once, or once every worker has held its item over SLOW_ITEM_SECONDS when the
        items are few; None when the pool is full."""
        if len(pool) >= workers:
            return None
        if not pool or not few:
            return -math.inf
        return max(w.since for w in pool) + SLOW_ITEM_SECONDS

    ctx = worker_context(fn)
    limits = {"memory": f"{memory // bounds.MB} MB", "seconds": f"{seconds:g}"}
    pool: list[_Worker] = []
    done: dict[int, Any] = {}
    next_item = next_yield = 0
    try:
        while next_yield < len(items):
            # Keep every worker busy while items are left.
            while next_item < len(items) and (
                    any(w.index is None for w in pool)
                    or (start := another_worker_at(pool)) is not None
                    and time.monotonic() > start):
                worker = next((w for w in pool if w.index is None), None)
                if worker is None:
                    worker = _Worker(ctx, fn, memory, tasks_per_worker, initializer, initargs)
                    pool.append(worker)
                worker.give(next_item, items[next_item], seconds)
                next_item += 1
            busy = [w for w in pool if w.index is not None]
            if busy:
                wake = min(w.deadline for w in busy)
                if next_item < len(items) and (start := another_worker_at(pool)) is not None:
                    wake = min(wake, start)
                timeout = max(0.0, wake - time.monotonic())
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout)
                for w in busy:
                    finished: Any = _PENDING
                    if w.conn in ready:
                        try:
                            index, ok, value = w.conn.recv()
                            finished = (value if ok else Failure(
                                value[0], _REASONS[value[0]].format(detail=value[1], **limits)))
                        except (EOFError, OSError):
                            finished = Failure(CRASH, _REASONS[CRASH])
                    elif w.process.sentinel in ready:
                        finished = Failure(CRASH, _REASONS[CRASH])
                    elif time.monotonic() >= w.deadline:
                        finished = Failure(TIMEOUT, _REASONS[TIMEOUT].format(**limits))
                    if finished is _PENDING:
                        continue
                    done[w.index] = finished
                    w.index = None
                    if isinstance(finished, Failure) or w.left <= 0:
                        w.stop(kill=isinstance(finished, Failure))
                        pool.remove(w)
            while next_yield in done:
                yield items[next_yield], done.pop(next_yield)
                next_yield += 1
    finally:
        for w in pool:
            w.stop(kill=w.index is not None)

