"""The bundled plans kept by the plan memo (cchc_xl.master.memo) for the whole test
process.

The memo keeps the last four plans read; it forgets them all when a fifth comes, and
most tests write a small plan of their own, so the bundled ones (the seed plans and the
templates every import writes its plan from) were read from their bytes again and
again: in one process running the suite, 232 reads of five files, 10.7 s of CPU in the
reader alone, where the memo could have given back the first read's copy. Here those
five files' entries are kept apart from the memo's four, until ``memo.forget()`` (which
forgets them too, for the tests of the memo itself). Whatever a test asks for, it gets
what the memo gives the product for a file read before: a copy of that read, named as
asked; the first read of each is made by the product's reader as always.
"""

from __future__ import annotations

from cchc_xl.fast.frozen import Cache
from cchc_xl.master import memo
from cchc_xl.xlio import file_sha256
from support.paths import HH_MASTER, NH_MASTER, ROOT

BUNDLED = [HH_MASTER, NH_MASTER, *sorted((ROOT / "templates").glob("master-*.xlsx"))]


class KeptBundled(Cache):
    """The memo's cache, with the entries of ``digests`` kept apart from its limit."""

    def __init__(self, limit: int, digests: set[str]) -> None:
        super().__init__(limit)
        self.digests, self.bundled = digests, {}

    def get(self, key, default=None):
        return self.bundled.get(key) or super().get(key, default)

    def put(self, key, value):
        if key[0] in self.digests:
            self.bundled[key] = value
            return value
        if len(self) >= self.limit:  # as Cache.put, the bundled plans left kept
            dict.clear(self)
        self[key] = value
        return value

    def clear(self):
        """Everything forgotten (memo.forget)."""
        self.bundled.clear()
        dict.clear(self)


def keep_bundled_plans() -> None:
    """Put the cache in the memo's place (once a process, before any plan is read)."""
    memo._kept = KeptBundled(memo.KEPT, {file_sha256(p) for p in BUNDLED})
