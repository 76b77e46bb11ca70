"""Which row a task row of a plan sits under: its heading ("6" over "6.1", "a)", "-"),
and, a master having one level of sub-tasks, the row between them that a third level
hangs from ("1.1" over "1.1.1", or over "a)", "-" under a heading or a group row).

A third-level row is a sub-task of the heading; its content begins with the content of
the row it hangs from ("Rà soát văn bản QPPL - Rà soát văn bản về đất đai"), so no task
is lost nor read as the heading's own. That row, when it only groups (no product, no
deadline), leaves the plan, its units going to the rows under it.
"""

from __future__ import annotations

import re

from .raw import RawArea, RawTask

SUB_NUMBER = re.compile(r"^(?P<parent>\d+)\.(?P<sub>\d+)\.?$")
SUB_LETTER = re.compile(r"^(?P<sub>[a-zđ])\s*[).]$")
# "-", "+", "•" in the TT cell of rows under a task that names the units and no product:
# its sub-tasks, as "a)", "b)" are (a QA pass: each was a task without a lead, and the
# plan could not be split).
SUB_MARK = re.compile(r"^[-–+•*]$")
DEEP_NUMBER = re.compile(r"^(?P<mid>(?P<top>\d+)\.\d+)\.\d+\.?$")
# A row numbered in figures ("1.1", "2", "1.2."): letters and marks under it are its items.
_FIGURES = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_SHORT = 50


def named(number: str, content: str) -> str:
    """A task as a message names it: its number, and the start of its content when the
    number says little ("-", "a)": a QA pass read "nhiệm vụ - thiếu chủ trì")."""
    number = number.strip()
    content = " ".join(content.split())
    if content and (len(number.strip(".")) <= 2 and not number.strip(".").isdigit()):
        short = content if len(content) <= _SHORT else content[:_SHORT].rsplit(" ", 1)[0] + "…"
        return f"{number} ('{short}')"
    return number


def _same_number(written: str, number: str) -> bool:
    """Whether a row's number as written ("04", "4.", "1.02") is ``number`` ("4", "1.2"),
    its figures compared as numbers: a plan numbering its tasks "01", "02" numbers their
    sub-tasks "1.1", "1.2" (a QA pass: they were tasks of their own, "01" one without a
    lead, and the plan did not load)."""
    parts, theirs = written.strip().rstrip(".").split("."), number.split(".")
    return len(parts) == len(theirs) and all(p.isdigit() and t.isdigit() and int(p) == int(t)
                                             for p, t in zip(parts, theirs, strict=True))


def _has_own(task: RawTask) -> bool:
    return any(p.product or p.deadline for p in task.products)


def parent_of(area: RawArea, number: str) -> RawTask | None:
    """The row a task numbered ``number`` is a sub-task of: the area's last task, when
    it is a group row, or heads "6.1" ("6"), "a)" or "-" (no product of its own)."""
    if not area.tasks:
        return None
    last = area.tasks[-1]
    if last.is_group:
        return last
    m = SUB_NUMBER.match(number)
    if m:
        return last if _same_number(last.number, m["parent"]) else None
    if SUB_LETTER.match(number):
        return last if last.is_heading or not _has_own(last) else None
    if SUB_MARK.match(number):
        # Under a numbered task that names its units and no product, or whose content is
        # merged across the other cells ("1 | Xây dựng văn bản"); never under another "-"
        # row (a plan numbering every task "-": each its own, a QA pass).
        if SUB_MARK.match(last.number.strip()):
            return None
        names_units = bool(last.lead or last.support) or any(
            p.lead or p.support for p in last.products)
        return last if last.is_heading or ((names_units or last.across)
                                           and not _has_own(last)) else None
    return None


class Nesting:
    """The row a third level hangs from, while its rows come."""

    def __init__(self) -> None:
        self.mid: RawTask | None = None
        self.top: RawTask | None = None

    def reset(self) -> None:
        self.mid = self.top = None

    def mid_of(self, area: RawArea, number: str) -> RawTask | None:
        """For "1.1.1" under "1": the row "1.1"; for "a)", "b)" or "-" under a heading
        or group row whose last sub-task is numbered in figures ("1.1", or "1" under a
        group): that sub-task, whatever it holds. None when the row is no third level."""
        if not area.tasks or not area.tasks[-1].is_heading:
            return None
        top = area.tasks[-1]
        m = DEEP_NUMBER.match(number)
        if m:
            if not _same_number(top.number, m["top"]):
                return None
            if self.top is top and self.mid is not None \
                    and _same_number(self.mid.number, m["mid"]):
                return self.mid
            if not top.subtasks or not _same_number(top.subtasks[-1].number, m["mid"]):
                return None
        elif SUB_LETTER.match(number) or SUB_MARK.match(number):
            if self.top is top and self.mid is not None:
                return self.mid
            if not top.subtasks or not _FIGURES.match(top.subtasks[-1].number.strip()):
                return None
        else:
            return None
        mid = top.subtasks[-1]
        if not _has_own(mid):
            top.subtasks.pop()
            if mid.products:
                mid.lead, mid.support = mid.products[0].lead, mid.products[0].support
        self.mid, self.top = mid, top
        return mid
