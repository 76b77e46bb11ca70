"""The plans used before the one in use, kept in the data folder's ke-hoach-cu/.

Every master replaced (an upload, an import, a plan put back) is kept there as
``ke-hoach-<when it was replaced>.xlsx``. The Kế hoạch page lists them, newest first,
each content once and never the one in use, so that the office can download one or put
it back in use with one click (a mistaken import undone) instead of finding the file in
the folder. Each kept file is read once while it stays the same: its plan, how many
tasks and units it has and how many errors (versions of one plan told apart). While
another plan is in use, a plan's period files (unit files, uploads, feedback, reports)
wait there too, in <plan>@<time>/, and come back with it.
"""

from __future__ import annotations

import glob
import re
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import CchcError
from ..findings import count
from ..intake.bundles import safe_name
from ..master import read_master
from ..model import Plan
from ..vocab import ERROR
from ..xlio import content_key, file_sha256

KEPT_STAMP = "%Y%m%d-%H%M%S-%f"  # when the kept master was replaced
_KEPT_NAME = re.compile(r"ke-hoach-(\d{8}-\d{6}-\d{6})\.xlsx")
LISTED_MAX = 10  # kept plans listed (each read once); older ones stay in the folder


def kept_name(when: datetime) -> str:
    """The name a master replaced at ``when`` is kept under."""
    return f"ke-hoach-{when.strftime(KEPT_STAMP)}.xlsx"


def replaced_at(name: str) -> datetime | None:
    """When the master kept under ``name`` was replaced; None for another file's name."""
    found = _KEPT_NAME.fullmatch(name)
    if found is None:
        return None
    try:
        return datetime.strptime(found[1], KEPT_STAMP)
    except ValueError:
        return None


@dataclass(frozen=True)
class EarlierPlan:
    """A kept master: its file name in ke-hoach-cu/, when it was replaced, its content's
    SHA-256, its plan with how many tasks, units and errors it has, or why it could not
    be read (``error``)."""

    name: str
    replaced_at: datetime
    sha256: str
    plan: Plan | None
    error: str = ""
    tasks: int = 0
    units: int = 0
    errors: int = 0  # a plan with errors is not put in place of a usable one


@dataclass(frozen=True)
class Listed:
    """The kept plans shown (newest first), and how many older files are not."""

    plans: list[EarlierPlan]
    older: int = 0


def _aside(key: str) -> str:
    """A plan's folder among the files put aside: its whole key made a name
    (bundles.safe_name keeps what follows a "/" only: "KH 12/2026" and "KH 30/2026" were
    one plan, "2026", and the one put in place was given the other's files)."""
    return safe_name(key.replace("/", "_").replace("\\", "_"))


class EarlierPlans:
    """The kept masters of one folder, each read once while its file stays the same."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._read: dict[str, tuple[tuple[int, ...], EarlierPlan]] = {}

    def swap_files(self, root: Path, names: tuple[str, ...], was: str, now: str,
                   stamp: str) -> bool:
        """Another plan in place of ``was`` (not a new version of it): its periods' files
        in ``root`` (``names``, each a pattern with "{}" for the period: unit files,
        uploads, feedback, reports) are put aside here in <plan>@<time>/, so that no page
        shows them as the new plan's; those of ``now``, put aside when it was replaced
        before, come back. The ledger keeps every plan's files apart."""
        kept = self.folder / f"{_aside(was)}@{stamp}"
        moved = False
        for name in names:  # of every period
            for path in sorted(root.glob(name.format("*"))):
                kept.mkdir(parents=True, exist_ok=True)
                shutil.move(str(path), kept / path.name)
                moved = True
        earlier = sorted(self.folder.glob(f"{glob.escape(_aside(now))}@*"))
        if earlier and earlier[-1].is_dir():
            for path in sorted(earlier[-1].iterdir()):
                shutil.move(str(path), root / path.name)
                moved = True
            earlier[-1].rmdir()
        return moved

    def listed(self, in_use: str | None) -> Listed:
        """The kept plans, newest first, each content once (its latest replacement), not
        the one whose SHA-256 is ``in_use``; at most :data:`LISTED_MAX`, the files after
        them counted, not read (each is a whole plan to read: years of replacements would
        be read at the page's first showing)."""
        kept = sorted(((when, path) for path in self._files()
                       if (when := replaced_at(path.name)) is not None), reverse=True)
        shown: list[EarlierPlan] = []
        seen = {in_use} if in_use else set()
        for n, (when, path) in enumerate(kept):
            if len(shown) == LISTED_MAX:
                return Listed(shown, len(kept) - n)
            plan = self._plan(path, when)
            if plan is None or plan.sha256 in seen:
                continue
            seen.add(plan.sha256)
            shown.append(plan)
        return Listed(shown)

    def find(self, name: str, in_use: str | None) -> EarlierPlan | None:
        """The kept plan listed under ``name``; None for any other name (never a path)."""
        return next((p for p in self.listed(in_use).plans if p.name == name), None)

    def path(self, plan: EarlierPlan) -> Path:
        return self.folder / plan.name

    def _files(self) -> list[Path]:
        try:
            return [p for p in self.folder.iterdir() if p.is_file() and not p.is_symlink()]
        except OSError:  # no folder yet: nothing was replaced
            return []

    def _plan(self, path: Path, when: datetime) -> EarlierPlan | None:
        try:
            key = content_key(path.stat())
        except OSError:
            return None
        with self._lock:
            known = self._read.get(path.name)
        if known is not None and known[0] == key:
            return known[1]
        try:
            sha = file_sha256(path)
        except OSError:
            return None
        try:
            master, found = read_master(path)
        except CchcError as exc:
            read = EarlierPlan(path.name, when, sha, None, exc.message)
        else:
            read = EarlierPlan(path.name, when, sha, master.plan, "", len(master.tasks()),
                               len(master.units), count(found, ERROR))
        with self._lock:
            self._read[path.name] = (key, read)
        return read
