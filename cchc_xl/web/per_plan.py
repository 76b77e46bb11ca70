"""What a page makes from the plan in use alone, kept per version of the plan table: the
Kế hoạch page's lists of units (plan_units) and of tasks (plan_tasks), each rendered once
for the file it was read from (``master.sha256``) and the templates it was rendered with,
not on every view (docs/performance.md, "The web app's pages at province and national
size")."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

import jinja2

from ..model import Master

T = TypeVar("T")


class PerPlanVersion(Generic[T]):
    """Values kept for the newest ``size`` (plan table, templates) pairs: a few plans, the
    one in use, one asked about, one put back. A plan not read from a file (no content
    hash) is made every time."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[str, int], T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, master: Master, env: jinja2.Environment, make: Callable[[], T]) -> T:
        """The value kept for ``master``'s version and ``env``, else ``make()`` (kept)."""
        key = (master.sha256, id(env))
        with self._lock:
            if master.sha256 and key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = make()
        if master.sha256:
            with self._lock:
                self._kept[key] = made
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return made
