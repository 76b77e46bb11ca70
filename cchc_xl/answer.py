"""One unit's answer on one deliverable: the single type for it everywhere.

Validation makes it from a returned row (:func:`cchc_xl.intake.validate.check_row`: clean
values, derived timeliness, the raw texts, findings); the ledger stores it as it is
and reads it back with the unit and submission it came from; the report takes it at
the period's cut-off (:func:`cchc_xl.report.summary.summarize`: the status as it
stood then, the timeliness and the counted status judged by
:func:`cchc_xl.assessment.judge`, the office's assessment of a lead row) and counts it.
It depends on nothing but the vocabulary, findings, the model and text, so the ledger
can import it without importing validation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .findings import Finding, has_errors
from .model import task_id_of
from .text import fold_ascii
from .vocab import DONE, ERROR, NO_EVIDENCE, NOT_STARTED, STATUS_NOT_CHOSEN, STATUS_UNREAD

if TYPE_CHECKING:  # the type only: assessment reads workbooks, an answer does not
    from .assessment import Assessment


_NOT_WORDS = re.compile(r"[^0-9a-z]+")
# Digits no way of saying there is none holds ("0" does): a text with one of them cites
# something, known without folding it (every row's evidence in every file merged).
_CITING_DIGIT = re.compile("[" + "".join(sorted(set("0123456789") - set("".join(NO_EVIDENCE))))
                           + "]")


def gives_evidence(text: str) -> bool:
    """Whether an evidence cell's text gives any: not blank, not punctuation alone and
    not one of the ways of saying there is none (vocab.NO_EVIDENCE: "-", "không có")."""
    if not text or not text.strip():
        return False
    if len(text) > 40 or _CITING_DIGIT.search(text):  # every placeholder is short
        return True
    words = _NOT_WORDS.sub(" ", fold_ascii(text).lower()).strip()
    return bool(words) and words not in NO_EVIDENCE


@dataclass
class Answer:
    """What a unit answered on one deliverable (``status`` None: nothing usable)."""

    deliverable: str
    role: str
    sheet: str = ""
    row: int = 0
    status: str | None = None
    percent: float | None = None
    completed_on: date | None = None
    evidence: str = ""
    note: str = ""
    timeliness: str | None = None
    raw: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    unit: str = ""  # known once the file is a unit's (always, read back from the ledger)
    submission_id: int = 0  # the ledger's submission it came from (0: not recorded yet)
    # Set by the report at the cut-off: the status the figures count (None: as reported)
    # and the office's judgment of a lead row.
    judged: str | None = None
    assessment: Assessment | None = None
    sent_status: str | None = None  # as the unit sent it, when the cut-off took it back
    carried_from: str = ""  # the earlier period whose answer this is, by name (done then)
    # Carried as done by the office's Đạt of that period alone: the unit did not report it
    # done then (it sent nothing, or "Đang thực hiện"). Not the assessment, which the
    # report drops (no verdict of this period): only how the row is said to be done.
    carried_judged: bool = False
    # A lead's "done" dated within an earlier part of a product with several dates
    # ("Tháng 6 và tháng 12/2026" done on 10/06): the next part's due date, still to come
    # (Deadline.pending_after): the report says why the row counts in progress.
    part_pending: date | None = None
    # A lead's row not done at the cut-off whose "done" of an earlier period was dated within an
    # earlier part of a product with several dates (done in March of "Tháng 5 và tháng
    # 11/2026", "Đang thực hiện" in June, at work on November's): that date. The parts due
    # by then are done: the row is judged by the next one's date (report.summary), set when
    # a period is read (carried.earlier_parts).
    earlier_part_done: date | None = None

    def taken(self, **changes: object) -> Answer:
        """A copy with ``changes``: what dataclasses.replace makes, without running
        __init__ again (a tenth of its time; a summary takes a copy of every answer of
        the period). ``changes`` must name fields, as for replace."""
        if not changes.keys() <= _FIELDS:
            raise TypeError(f"not fields of Answer: {sorted(changes.keys() - _FIELDS)}")
        copy = object.__new__(Answer)
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy

    @property
    def status_text(self) -> str:
        """The status as shown ("" for none): one carried from an earlier period says
        which, and on whose word: the unit's report ("Đã hoàn thành theo báo cáo Quý I năm
        2026"), or the office's Đạt of a row the unit had not reported done ("Đã hoàn thành
        theo đánh giá kỳ Quý I năm 2026": :attr:`carried_judged`; a QA pass: "theo báo
        cáo" said the unit had reported done what it never had); one written that could
        not be read is said so (:attr:`reported`)."""
        if self.carried_from and self.status:
            basis = "đánh giá kỳ" if self.carried_judged else "báo cáo"
            return f"{self.status} theo {basis} {self.carried_from}"
        if self.status is None and self.reported:
            # Nothing written in the cell is no text that could not be read (a QA pass:
            # the report said "không đọc được" of a coordinator's note).
            if not any(f.code in _STATUS_WRITTEN for f in self.findings):
                return STATUS_NOT_CHOSEN
            return STATUS_UNREAD
        return self.status or ""

    @property
    def task(self) -> str:
        return task_id_of(self.deliverable)

    @property
    def reported(self) -> bool:
        """The unit answered the row: a status, or a row it filled whose status could
        not be read ("Hoàn thành 80%", or results without one): "cần xác minh", not
        "chưa báo cáo" (a QA pass: the report named the unit among those that reported
        nothing while its appendix quoted what it wrote)."""
        return self.status is not None or (
            bool(self.findings) and any(f.code in _STATUS_UNREAD for f in self.findings))

    @property
    def spoke(self) -> bool:
        """A lead's row says something the figures count: the unit reported on it, or
        the office assessed it (its verdict comes first: the row is no longer "Chưa báo
        cáo", docs/counting.md, rule 1)."""
        return self.reported or bool(self.verdict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def unverified(self) -> bool:
        """The row has an error: not done until a valid answer comes ("cần xác minh")."""
        return has_errors(self.findings)

    @property
    def verdict(self) -> str | None:
        return self.assessment.verdict if self.assessment else None

    @property
    def counted_status(self) -> str:
        """The status figures use: as judged, else as reported; nothing reported counts
        as not started."""
        return self.judged or self.status or NOT_STARTED

    @property
    def counted_percent(self) -> float | None:
        """The percentage the figures use, following the counted status both ways: 100
        for a row counted done (whatever was typed: the office said Đạt, or a recurring
        task was carried out with evidence); else the reported percentage, 0 for not
        started or unreported when none was typed; none (left out of a mean) for a row
        counted not done that reported 100 or more, a "done" not accepted (Chưa đạt, or
        an error): "Đang thực hiện, 100%" would contradict itself."""
        counted = self.counted_status
        if counted == DONE:
            return DONE_PERCENT
        if self.percent is not None:
            return None if self.percent >= 100 else self.percent
        return _IMPLIED_PERCENT.get(counted)


# A row filled in with a status that could not be read, or without one (validate).
_STATUS_UNREAD = frozenset({"status-invalid", "status-with-percent", "status-missing"})
_STATUS_WRITTEN = frozenset({"status-invalid", "status-with-percent"})  # text in the cell

# The percentage of a row counted done, whatever was typed (counted_percent; an earlier
# period's "done" carried, carried.earlier_said).
DONE_PERCENT = 100.0
# The percentage a status stands for when none was reported (counted_percent).
_IMPLIED_PERCENT = {DONE: DONE_PERCENT, NOT_STARTED: 0.0}


_FIELDS = frozenset(Answer.__dataclass_fields__)
