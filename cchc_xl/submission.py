"""A file as the ledger recorded it: whose, when, and what became of it; and the day each
unit's report for a period came in, from its files (:func:`return_days`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .findings import Finding
from .vocab import ACCEPTED, REJECTED, SUPERSEDED, WITHDRAWN


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
    # Rows were recorded from the file: it was accepted when merged (a refused file
    # records none), whatever became of it since (replaced, withdrawn).
    answered: bool = False
    # An empty file's name, which it is known by with its content (ledger.keys); '' else.
    name_key: str = ""
    # The period a file without its identity names on line 2 of its task sheets, when it
    # was refused as that period's (intake.identify, heading-other-period); '' else.
    named_period: str = ""

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
    def valid_return(self) -> bool:
        """Whether the file was a valid report of its unit for the period: accepted when
        merged, and counted now, replaced since by a later one, or withdrawn since (the
        office took its answers out of the figures; the unit had reported all the same).
        Never a refused file, withdrawn or not."""
        return bool(self.unit) and (self.outcome in (ACCEPTED, SUPERSEDED) or (
            self.outcome == WITHDRAWN and self.answered))

    @property
    def saved_time(self) -> str:
        """When the file was saved, as the ledger orders a unit's files (its time on disk
        when it holds none)."""
        return self.saved_at or self.modified_at or ""

    @property
    def newer_key(self) -> tuple[str, int]:
        return (self.saved_time, self.id)

    @property
    def key(self) -> str:
        """What the ledger knows the file by: its SHA-256, an empty file's with its name
        (:mod:`cchc_xl.ledger.keys`)."""
        from .ledger.keys import stored_key  # the ledger imports this module

        return stored_key(self.sha256, self.name_key)

    @property
    def period_named(self) -> str:
        """The period of its plan the file says it is for: its identity's, else the one
        its task sheets' line 2 names when it was refused as that period's ("" when
        neither): where "Gộp vào kỳ…" merges it (web/late_files.py)."""
        return self.identity.get("period", "") or self.named_period

    @property
    def identity_unit(self) -> str:
        """The unit code as the file's identity writes it ("" without identity)."""
        return self.identity.get("unit", "")

    def warning_said_as_note(self, warning: Finding, note: Finding) -> None:
        """``warning``, one of this file's problems, replaced by ``note``, the file's
        counts with it: a warning recorded at merge that the period's earlier files show
        to be no problem (went_back.note_carried_blanks, carried.earlier_parts)."""
        if warning in self.problems:
            self.problems[self.problems.index(warning)] = note
            self.warnings -= 1
            self.notes += 1

    @property
    def identity_plan(self) -> str:
        """The plan the file's identity names, with its year: "nghia-hung-2023 (2023)"."""
        plan, year = self.identity.get("plan", ""), self.identity.get("year", "")
        return f"{plan} ({year})" if plan and year and year != "0" else plan


def answered_by(kept: Submission, refused: Submission) -> bool:
    """Whether a unit's counted file ``kept`` answers a refused file of it: saved no
    earlier, or merged after it (the corrected file sent after the refusal). The refused
    file then asks nothing more of the unit (no feedback letter: cchc_xl.feedback), nor
    of the office (listed apart on the web app's Thu nhận)."""
    return kept.saved_time >= refused.saved_time or kept.merged_at > refused.merged_at


def return_days(subs: Iterable[Submission]) -> dict[str, date]:
    """The day each unit with a file counted now reported for the period (docs/counting.md,
    "Units"): the day its first valid file (:attr:`Submission.valid_return`) was received.
    A correction sent later is not lateness, nor is a file sent again after the office
    withdrew the first one (at the unit's request, to correct it): the unit is judged by
    when it first reported. ``subs``: the period's submissions (another period's files are
    that period's); a unit with no file counted now (its valid files all withdrawn) has
    no day: it has not reported until it sends one."""
    return {unit: s.received_day for unit, s in reported_with(subs).items()
            if s.received_day is not None}


def reported_with(subs: Iterable[Submission]) -> dict[str, Submission]:
    """The file each unit with a file counted now reported with (:func:`return_days`): its
    first valid file received, the first merged of those received that day; what a merge
    says came late, when its unit's return did (a correction sent the same day is no more
    late than its unit's report)."""
    subs = list(subs)
    counted = {s.unit for s in subs if s.outcome == ACCEPTED and s.unit}
    first: dict[str, Submission] = {}
    for s in subs:
        day = s.received_day if s.unit in counted and s.valid_return else None
        if day is not None and (s.unit not in first or (day, s.id) < (
                first[s.unit].received_day, first[s.unit].id)):
            first[s.unit] = s
    return first


def withdrawn_only(subs: Iterable[Submission]) -> dict[str, str]:
    """The units with no file counted now nor refused whose files were withdrawn from the
    figures ("Chưa gửi" in them, though they sent): each one's last withdrawn file's
    reason, as the ledger records it ("rút khỏi số liệu ngày …: lý do")."""
    subs = list(subs)
    other = {s.unit for s in subs if s.outcome in (ACCEPTED, REJECTED)}
    found: dict[str, Submission] = {}
    for s in subs:
        if s.outcome == WITHDRAWN and s.unit and s.unit not in other and (
                s.unit not in found or s.merged_at >= found[s.unit].merged_at):
            found[s.unit] = s
    return {unit: s.reason for unit, s in found.items()}
