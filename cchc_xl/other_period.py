"""A merge given only files of another period of its plan: refused before anything is
recorded, when the office, not a unit, must have chosen the wrong period.

Merging the 9-month returns with the 6-month period chosen (the period box left as it
was last quarter), or last quarter's folder again with this quarter chosen, recorded
every file as refused for the period chosen, each with its own error and a feedback
letter to its unit: that period's board showed every unit's report refused, and taking
them out was a withdrawal per file. When every file a merge reads is a unit's file of
this plan issued for one and the same other period, none is of the period chosen, and
the files are of a later period (which cannot be returns of this one) or come from
several units (who would not all send the wrong file at once), nothing is recorded and
the merge stops with :class:`~cchc_xl.errors.OtherPeriodFiles`, naming the period the
files are for. One unit's file of an earlier period, or of one with the same cut-off
(Quý III beside 9 tháng, issued at the same time), is that unit sending the wrong file
as this period's report: recorded, refused, and the unit told what to do, as is a file
of another period among files of this one. Files that cannot be identified
(unreadable, no identity) or not read this time leave the decision to the others.
docs/validation.md, "A merge of another period's files".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .errors import OtherPeriodFiles
from .ledger import Ledger
from .model import Master, Period
from .submission import Submission
from .vocab import MOVED, REJECTED, WITHDRAWN
from .xlio import vn_date

OTHER_PERIOD = "identity-other-period"  # intake.identify.identify's finding for such a file
# Its finding for a file without identity whose task sheets' line 2 names another period
# of the plan (Submission.named_period records which).
HEADED_OTHER_PERIOD = "heading-other-period"
# A file refused as another period's of the plan, by its identity or its line 2: merged
# into that period with "Gộp vào kỳ…" (web/late_files.py), then MOVED here.
AS_OTHER_PERIOD = (OTHER_PERIOD, HEADED_OTHER_PERIOD)
_THIS, _OTHER, _UNKNOWN = "this", "other", "unknown"


def _kind(outcome: object) -> tuple[str, str]:
    """(this / other / unknown, the period a file of another period is for) of a worker's
    outcome: a judged file (findings, owner, rf), or a failure to read it this time."""
    findings = getattr(outcome, "findings", None)
    if findings is None:  # not read this time (isolate.Failure, judged.Unjudged)
        return _UNKNOWN, ""
    reading = outcome.rf.identity
    identity = reading.identity if reading is not None else None
    if any(f.code == OTHER_PERIOD for f in findings):
        return _OTHER, identity.period if identity is not None else ""
    if outcome.rf.error is not None or (outcome.owner is None and (
            identity is None or not identity.unit)):
        return _UNKNOWN, ""  # unreadable (whoever its name says), or no identity to go by
    return _THIS, ""


def later(given: Period, chosen: Period) -> bool:
    """Whether a file of ``given`` is of a period after ``chosen`` (its cut-off after):
    never a late return of an earlier period, so never merged into its own from
    ``chosen``'s upload (web/pages/late.py); a file of an earlier period, or of one with
    the same cut-off, may be."""
    return given.cutoff > chosen.cutoff


def none_of_this_period(ledger: Ledger, plan_key: str, period: str, known: set[str]) -> bool:
    """Whether none of the files ``known`` (SHA-256 of files given again, recorded for the
    period before) is of the period: each was refused as another period's file (then
    withdrawn or not). A folder merged again holds the period's own files: those
    decide, and the rule is not asked; a wrong period's folder merged twice, or after
    one unit's old file was recorded, is still refused."""
    if not known:
        return True
    refused = ledger.flagged(plan_key, period, (OTHER_PERIOD,))
    return bool(refused) and all(
        (sub := ledger.find(sha, plan_key, period)) is not None and sub.id in refused
        for sha in known)


def refused_if_all_other_period(results: Iterator[tuple], master: Master, period: Period
                                ) -> Iterator[tuple]:
    """``results`` (``(item, outcome)`` pairs, as :func:`cchc_xl.isolate.run_isolated`
    gives them), held back until one is a file of ``period`` (or of another plan), then
    given on, all of them. :class:`OtherPeriodFiles` instead when every file identified
    is of one and the same other period of ``master``, a later one or from several
    units."""
    held: list[tuple] = []
    others: list = []  # the outcomes of files of another period
    periods: set[str] = set()
    for pair in results:
        held.append(pair)
        kind, code = _kind(pair[1])
        if kind == _THIS:
            break
        if kind == _OTHER:
            others.append(pair[1])
            periods.add(code.upper())
    else:
        given = master.period(next(iter(periods))) if len(periods) == 1 else None
        later_one = given is not None and later(given, period)
        if given is not None and (later_one or len({o.owner for o in others}) > 1):
            count = len(others)
            raise OtherPeriodFiles(
                f"không gộp: {'cả ' if count > 1 else ''}{count} tệp được giao cho kỳ "
                f"{given.in_sentence}, không tệp nào của kỳ {period.in_sentence} đang chọn: "
                "chưa ghi tệp nào vào sổ cái",
                period=given.code, count=count, later=later_one,
                # The code where the office types it; the periods by label in words.
                hint=f"gộp lại với --period {given.code}" + ("" if later_one else (
                    f" nếu đó là kỳ cần gộp; nếu đơn vị gửi nhầm tệp của kỳ khác, đề nghị "
                    f"đơn vị gửi tệp của kỳ {period.in_sentence}")))
    yield from held
    yield from results


def gone_to_own_period(ledger: Ledger, plan_key: str, master: Master, period: Period,
                       subs: Iterable[Submission]) -> None:
    """Mark ``period``'s files refused as another period's whose very content that
    period holds since, not withdrawn there (merged with "Gộp vào kỳ…" from this period's
    Thu nhận, web/late_files.py, or uploaded on that period's page), as :data:`MOVED`,
    their reason saying where and when. Such a file was never a report of ``period``:
    its unit has not sent one (Chưa gửi), rather than sent one refused. The board, the
    consolidated workbook, the report and the letters read the period through this (a
    QA pass: the 6-month file merged into its period kept NV "Tệp bị từ chối" in Quý
    III, and the report asked it to send its refused file again). So is such a file the
    office withdrew from ``period`` ("Rút khỏi số liệu") before it went to its own (a QA
    pass: its unit stayed "Tệp đã rút khỏi số liệu" in Quý III, asked for a corrected
    file), its reason saying both. The ledger keeps the refusal: withdrawn from its own
    period, the file is this period's refused (or withdrawn) file again, with its
    button."""
    for sub in subs:
        if sub.other_plan:
            _gone_to_own_plan(ledger, plan_key, period, sub)
            continue
        given = master.period(sub.period_named) if sub.outcome in (REJECTED, WITHDRAWN) \
            else None
        if given is None or given.code == period.code or \
                not any(p.code in AS_OTHER_PERIOD for p in sub.problems):
            continue
        there = ledger.find(sub.key, plan_key, given.code)
        if there is not None and there.outcome != WITHDRAWN:
            merged = date.fromisoformat(there.merged_at[:10])
            withdrawn = f"; ở kỳ này đã {sub.reason}" if sub.outcome == WITHDRAWN else ""
            sub.outcome = MOVED
            sub.reason = (f"đã gộp vào kỳ {given.in_sentence} (kỳ của tệp) ngày "
                          f"{vn_date(merged)}{withdrawn}")


# The refusals of a file of another plan or year (intake.identify).
OTHER_PLAN_CODES = ("identity-other-year", "identity-other-plan")


def _gone_to_own_plan(ledger: Ledger, plan_key: str, period: Period, sub: Submission) -> None:
    """``sub``, a file refused as another plan's (or year's), as :data:`MOVED` when its
    very content is merged, not withdrawn, into the period of that plan its identity
    names, which this ledger holds: a unit's 2026 year report dropped on quý I/2027's
    Thu nhận, then merged into 2026's after that plan was put back ("Dùng lại"), stood
    on quý I/2027's board as "Tệp không nhận ra" all quarter (a QA pass at the year's
    turn), in its letters and consolidated workbook too."""
    key, code = sub.identity.get("plan", ""), sub.identity.get("period", "")
    if sub.outcome not in (REJECTED, WITHDRAWN) or not key or not code or \
            not any(p.code in OTHER_PLAN_CODES for p in sub.problems):
        return
    there = ledger.find(sub.key, key, code)
    own = ledger.period(key, code)
    if there is None or own is None or there.outcome in (REJECTED, WITHDRAWN) or \
            (key, code.upper()) == (plan_key, period.code.upper()):
        return
    year = ledger.plan_year(key)
    merged = date.fromisoformat(there.merged_at[:10])
    withdrawn = f"; ở kỳ này đã {sub.reason}" if sub.outcome == WITHDRAWN else ""
    sub.outcome = MOVED
    sub.reason = (f"đã gộp vào kỳ {own.in_sentence} của kế hoạch "
                  f"{f'năm {year} ' if year else ''}(mã '{key}', kế hoạch của tệp) ngày "
                  f"{vn_date(merged)}{withdrawn}")
