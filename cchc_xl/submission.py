"""A file as the ledger recorded it: whose, when, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .findings import Finding


@dataclass
class Submission:
    """One file as recorded: whose, when, and what became of it.

    ``unit`` is None when the file is not known to be a unit's of this plan (no
    identity, carriers that disagree, a file of another plan or year); what its
    identity says is in ``identity`` (the fields as written in the file, {} when it
    has none), and ``other_plan`` tells a file of another plan or year.
    """

    id: int
    sha256: str
    plan_key: str
    period: str
    unit: str | None
    path: str
    kind: str
    saved_at: str | None
    modified_at: str | None
    merged_at: str
    outcome: str
    reason: str
    errors: int
    warnings: int
    notes: int
    archived: str = ""
    received: str | None = None  # the day the office received the file (ISO date)
    problems: list[Finding] = field(default_factory=list)
    identity: dict[str, str] = field(default_factory=dict)
    other_plan: bool = False

    @property
    def received_day(self) -> date | None:
        """The day the office received the file (``merge --received``, else the day it
        was merged): what decides whether a return was late."""
        for stamp in (self.received, self.merged_at):
            if stamp:
                try:
                    return date.fromisoformat(stamp[:10])
                except ValueError:
                    continue
        return None

    @property
    def newer_key(self) -> tuple[str, int]:
        return (self.saved_at or self.modified_at or "", self.id)

    @property
    def identity_unit(self) -> str:
        """The unit code as the file's identity writes it ("" without identity)."""
        return self.identity.get("unit", "")

    @property
    def identity_plan(self) -> str:
        """The plan the file's identity names, with its year: "nghia-hung-2023 (2023)"."""
        plan, year = self.identity.get("plan", ""), self.identity.get("year", "")
        return f"{plan} ({year})" if plan and year and year != "0" else plan
