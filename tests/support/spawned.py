"""Helpers of tests/test_spawn_start.py: functions a spawned worker runs, found there by
their module's name (a spawned worker imports them, as it imports cchc-xl: it inherits
nothing from the test that started it, monkeypatching included)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cchc_xl.judged import judge

SLOW_NAME = "cham-"  # a file whose name starts so takes longer to read than any budget


def judge_slowly(job):
    """merge's ``judge``, stuck on a file named SLOW_NAME... (a file that overruns its
    time budget, as a corrupt or huge one does)."""
    if Path(job[0]).name.startswith(SLOW_NAME):
        time.sleep(60)
    return judge(job)


def memory_unlimited(_item) -> bool:
    """In a worker: it runs with no ``resource`` module (so no address-space limit)."""
    import cchc_xl.isolate as isolate

    return isolate.resource is None


def dead_on_start(master, *_shared) -> None:
    """merge's ``start_judging`` in a worker that cannot start (on Windows: an install
    it cannot import, a plan it cannot unpickle); merge itself clears it with none."""
    if master is not None:
        os._exit(1)
