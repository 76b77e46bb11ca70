"""Findings: what a check of a workbook found, as plain records.

A finding is data, not an exception: a check collects all of them, the CLI prints
them as a table and turns errors into exit status 1. Tests assert the stable
``code``; the Vietnamese ``message`` may be reworded. People read a code as its
Vietnamese label (``finding_codes.FINDING_LABELS``), programs as the code (``as_dict``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from .finding_codes import FINDING_LABELS
from .text import for_people
from .vocab import ERROR, SEVERITY_LABEL

# Before the place in its source document of the row a check's finding is on, in a plan
# imported ("nguồn: bảng 1, dòng 3": the check's place, not the import's own finding's).
SOURCE_PLACE = "nguồn: "

# A task a finding on several rows of a file names, with where the unit answers it:
# (task, sheet, cell), ("TC-09", "", "") when its place is not known.
TaskPlace = tuple[str, str, str]
# Tasks a finding's message names with their cells (:func:`tasks_at`); the rest counted.
TASKS_LISTED = 5


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    unit: str = ""
    task: str = ""
    place: str = ""  # where in a source document ("bảng 2, dòng 5"), for imported plans
    # The tasks a finding on several rows names, all of them, each with its place
    # (merge/replaced.py: the tasks a unit's new file drops): what its message lists in
    # words (:meth:`tasks_listed`), kept as data (the ledger's ``problems.places``), so
    # that a letter quotes them whatever the message's wording.
    places: tuple[TaskPlace, ...] = ()

    def __post_init__(self) -> None:
        # A file's name is shown in NFC wherever a finding is (text.for_people); compare
        # a path with ``file`` as for_people(str(path)). A tab's name too: a workbook made
        # on a Mac may store it decomposed (feedback._tab finds the tab by its NFC name).
        for name in ("file", "sheet", "message"):
            value = getattr(self, name)
            if isinstance(value, str) and not value.isascii():
                object.__setattr__(self, name, for_people(value))
        if self.places:  # tuples (read back from JSON as lists), sheets in NFC as above
            object.__setattr__(self, "places", tuple(
                (task, for_people(sheet), cell) for task, sheet, cell in self.places))

    def as_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies each field (every one a str), ten times
        # slower, and a merge's JSON holds tens of thousands of findings.
        data: dict[str, Any] = {name: getattr(self, name) for name in _FIELDS}
        if not self.place:  # only findings about an imported source document have one
            del data["place"]
        if self.places:  # only findings naming the tasks of several rows have them
            data["places"] = [{"task": task, "sheet": sheet, "cell": cell}
                              for task, sheet, cell in self.places]
        else:
            del data["places"]
        return data

    def tasks_listed(self) -> str:
        """The tasks the finding names, with their places, as its message lists them
        (:func:`tasks_at`, the first :data:`TASKS_LISTED`); "" when it has no places."""
        return tasks_at(self.places, TASKS_LISTED) if self.places else ""

    @property
    def label(self) -> str:
        """What the code is called where people read it ("tỷ lệ ngoài 0–100")."""
        return FINDING_LABELS.get(self.code, self.code)

    def render(self) -> str:
        """One line for people: severity, what kind of problem (its Vietnamese label, not
        the code: that is for programs, --json), where, message."""
        where = ", ".join(
            p
            for p in (
                self.file,
                f"trang '{self.sheet}'" if self.sheet else "",
                f"ô {self.cell}" if self.cell else "",
                self.place,
            )
            if p
        )
        head = f"[{SEVERITY_LABEL.get(self.severity, self.severity)}] {self.label}"
        return f"{head} — {where}: {self.message}" if where else f"{head}: {self.message}"


_FIELDS = tuple(f.name for f in fields(Finding))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def count(findings: Iterable[Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)


# A refused file whose name says whose it is (intake.identify): the office's note that
# it was taken for that unit's, after the reason.
OWNER_BY_NAME = "; theo tên tệp, đây là tệp của "


def owner_by_name(unit_name: str, code: str) -> str:
    """The note after why a file nothing inside says whose it is was refused: "; theo tên
    tệp, đây là tệp của Xã Một (X1)"."""
    return f"{OWNER_BY_NAME}{unit_name} ({code})"


def to_the_unit(message: str) -> str:
    """``message`` as a letter written to its unit says it: without the office's note of
    whose the file was taken for (:func:`owner_by_name`); the letter names the unit."""
    return message.split(OWNER_BY_NAME, 1)[0]


def why_and_todo(message: str) -> tuple[str, str]:
    """A message as (why, what to do): split at its first ": " outside brackets, "" for
    what to do when it has none. A message that refuses a file is worded so, why first
    ("tệp được giao cho kỳ quý I …, không phải tệp báo cáo 9 tháng …: điền kết quả …"),
    its why with no ": " of its own outside brackets: the feedback letter of a refused
    file says why in its header and what to do in its table's row, each once (the whole
    message said twice, a QA pass)."""
    depth = 0
    for i, ch in enumerate(message):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch == ":" and not depth and message.startswith(": ", i):
            return message[:i], message[i + 2:]
    return message, ""


def tasks_at(places: Sequence[TaskPlace], limit: int) -> str:
    """Tasks a finding on several rows of a file names, each with where the unit answers
    it, as the finding's sheet and cell say a one-row finding's place: [(task, sheet,
    cell)] as "trang 'Thể chế': TC-01 ô F5, TC-02 ô F6; trang 'Thủ tục hành chính':
    TTHC-01 ô F9", a sheet named once for its tasks (in the order given, a sheet where
    its first task is), a task whose place is not known by its code alone, last. The
    first ``limit`` tasks are named and the rest counted ("… và 4 nhiệm vụ khác"; one
    more than ``limit`` is named, as text.short_list does). It holds ": " after a
    sheet's name: a message puts it in brackets, where :func:`why_and_todo` does not
    split."""
    shown = places if len(places) <= limit + 1 else places[:limit]
    by_sheet: dict[str, list[str]] = {}
    for task, sheet, cell in shown:
        by_sheet.setdefault(sheet, []).append(f"{task} ô {cell}" if sheet and cell else task)
    unplaced = by_sheet.pop("", [])
    groups = [f"trang '{sheet}': {', '.join(tasks)}" for sheet, tasks in by_sheet.items()]
    if unplaced:
        groups.append(", ".join(unplaced))
    rest = len(places) - len(shown)
    return "; ".join(groups) + (f" và {rest} nhiệm vụ khác" if rest else "")
