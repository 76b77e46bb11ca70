"""The plan as read from a document's lines and tables, before it is built into the
model (:mod:`.build`): areas as headed, tasks as numbered, sub-tasks under their heading
row, products with their cells' text as written. :mod:`.recognize` reads it from the
document, :mod:`.subtasks` places a row under another, :mod:`.build` gives it ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..findings import Finding
from .area_titles import area_title
from .headers import NearHeader

_AMOUNT = re.compile(r"\d")


@dataclass
class RawProduct:
    product: str
    deadline: str
    funding: str
    lead: str
    support: str
    place: str
    note: str = ""


@dataclass
class RawTask:
    number: str
    content: str
    note: str
    place: str
    products: list[RawProduct] = field(default_factory=list)
    subtasks: list[RawTask] = field(default_factory=list)
    is_heading: bool = False
    # A group row merged across the table: every task under it, up to the next group or
    # area, is its sub-task, however numbered ("1.1", "-", "a)", "1").
    is_group: bool = False
    # Its content merged across the other cells ("1 | Xây dựng văn bản"): a group's
    # title when rows numbered as its sub-tasks ("-", "a)", "1.1") follow, else a task
    # still to fill.
    across: bool = False
    # Units a heading row names for all its sub-tasks ("5 | ... | Sở Nội vụ").
    lead: str = ""
    support: str = ""


@dataclass
class RawArea:
    heading: str
    place: str
    tasks: list[RawTask] = field(default_factory=list)

    @property
    def title(self) -> str:
        return area_title(self.heading)


@dataclass
class RawPlan:
    authority: str = ""
    title: str = ""
    number: str = ""
    issued: date | None = None
    attachment: str = ""
    appendix_title: str = ""
    signer: str = ""
    signer_title: str = ""
    return_to: str = ""
    report_days: list[str] = field(default_factory=list)  # paragraphs giving a day
    areas: list[RawArea] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # With no task table found: the row that came closest to a header.
    closest: NearHeader | None = None


def has_amount(funding: str) -> bool:
    """True when a funding cell states an amount (counted once, never copied to the
    other products it spans), not only a source ("Ngân sách tỉnh")."""
    return bool(_AMOUNT.search(funding))
