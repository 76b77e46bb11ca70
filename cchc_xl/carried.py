"""Done in an earlier period: a lead's answer counted done at an earlier cut-off of
the plan still counts done now, when this period has no answer on the row (the unit
sent nothing, or left the row blank) and the office has not judged it otherwise than Đạt
(a Đạt on it now confirms the carry: snapshot.load_snapshot). A six-month
report is cumulative: a task reported done in the first quarter does not go back to
"not started" because its unit sent nothing since (docs/counting.md).

Judged in an earlier period: the same answer sent again (``split --ledger`` fills it in)
is still judged so, Chưa đạt or Đạt, or a "done" the office refused would count done
again in the next period without anyone deciding it, and one it accepted would be
"cần xác minh" again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .answer import DONE_PERCENT, Answer
from .findings import Finding
from .ledger import history
from .ledger.schema import stored_date
from .model import Deliverable, Master, Period
from .periods import reference_order
from .submission import Submission
from .timeliness import status_as_of
from .vocab import CLEARED, DONE, FAIL, IN_PROGRESS, LEAD, NOT_STARTED, NOTE, PASS, WARNING
from .xlio import vn_date

if TYPE_CHECKING:  # the ledger imports this module; split needs no workbook reading
    from .assessment import Assessment
    from .ledger import Ledger


def carries(d: Deliverable) -> bool:
    """Whether a "done" on this product carries from one period to the next: a product
    with a single due date. Recurring and event work (no single date) is reported each
    period: last period's "done", its date and evidence, are not this period's."""
    return d.deadline.due is not None


@dataclass
class Earlier:
    """What the latest earlier period to say anything of each lead row said of it (its
    cut-off before this period's; a row the unit left blank and the office did not
    assess says nothing).

    ``done``: the answers counted done then: reported done, by this period's cut-off, in
    an accepted file with no error on the row, unless the office then said Chưa đạt; or
    assessed Đạt then. A later answer not done, or a later Chưa đạt, ends the carry.
    Each is a copy, done at 100% (as a row counted done is, whatever the unit typed
    then), whose ``carried_from`` names its period ("Quý I năm 2026"), whose
    ``assessment`` is the Đạt that counted it done, if one did (none otherwise), and whose
    ``carried_judged`` says the Đạt alone did (the unit had not reported it done).
    ``judged``: by (unit, product), the answer the office judged then (Chưa đạt or
    Đạt), and its assessment."""

    done: list[Answer] = field(default_factory=list)
    judged: dict[tuple[str, str], tuple[Answer, Assessment]] = field(default_factory=dict)
    # By (unit, product): the latest completion date of an answer counted done in any
    # earlier period, whatever was said after it (a part done stays done: earlier_parts).
    parts_done: dict[tuple[str, str], date] = field(default_factory=dict)
    # By (unit, product): the latest earlier period to say anything of the row, where the
    # unit reported it not done then (no error on the row, not counted done by a Đạt): its
    # cut-off, its name and the status said (went_back.warn_done_before).
    said_not_done: dict[tuple[str, str], tuple[date, str, str]] = field(default_factory=dict)


def earlier_said(ledger: Ledger, plan_key: str, period: Period) -> Earlier:
    """What the earlier periods say now of each lead row of ``period`` (:class:`Earlier`)."""
    from .assessment import Assessment  # made here; split imports this module too

    before = period.cutoff.isoformat()
    periods = history.periods(ledger, plan_key, before)
    if not periods:
        return Earlier()
    verdicts = history.verdicts(ledger, plan_key, before)
    wrong = history.rows_with_errors(ledger, plan_key, before)
    # (unit, product) -> (cut-off, counted done then, the answer judged then and how)
    latest: dict[tuple[str, str], tuple[str, Answer | None, tuple | None]] = {}

    def said(unit: str, did: str, cutoff: str, answer: Answer | None,
             judged_then: tuple | None = None) -> None:
        if (unit, did) not in latest or cutoff >= latest[unit, did][0]:
            latest[unit, did] = (cutoff, answer, judged_then)

    # (unit, product) -> the answer the office last judged, its verdict and note: the
    # same answer sent again in a later period, and not judged there, is judged so there
    # too (as judged_again and counted_now judge it in that period), or a Chưa đạt or a
    # Đạt would hold for one period only.
    judged: dict[tuple[str, str], tuple[Answer, str, str]] = {}
    sent: dict[tuple[str, str], Answer] = {}  # the latest answer sent on the row
    parts_done: dict[tuple[str, str], date] = {}
    said_not_done: dict[tuple[str, str], tuple[date, str, str]] = {}

    def carried(unit: str, did: str) -> Answer | None:
        """The answer a period that had none on the row showed, carried: the latest one
        sent, when the latest period to say anything counted it done; else none."""
        said_then = latest.get((unit, did))
        return sent.get((unit, did)) if said_then is not None and said_then[1] else None

    answers = list(history.lead_answers(ledger, plan_key, before))  # by cut-off
    # A row left blank says nothing (not one written that could not be read: an answer,
    # "cần xác minh", Answer.reported; the history holds the row's error).
    said_something = [(code, a) for code, a in answers
                      if a.status is not None or (a.submission_id, a.deliverable) in wrong]
    answered = {(code, a.unit, a.deliverable) for code, a in said_something}
    # The verdicts on rows nothing was said on in their period (no file, or the row left
    # blank: the answer shown was one carried, or none), each in its period's place among
    # the answers (a stable sort: after the answers of its cut-off).
    events = [(periods[code][0], code, given, None) for code, given in said_something] + [
        (periods[code][0], code, None, (unit, did, verdict, note))
        for (code, unit, did), (verdict, note) in verdicts.items()
        if (code, unit, did) not in answered]
    # By cut-off, and of periods sharing one, the cumulative one last (its answer stands):
    # never the order the files were merged in (periods.reference_order).
    order = _reference_order(periods)
    for cutoff, code, given, silent in sorted(events, key=lambda e: order[e[1]]):
        name = periods[code][1]
        if silent is not None:  # nothing said then: the verdict judges the answer shown
            unit, did, verdict, note = silent
            if verdict == CLEARED:
                continue  # a verdict taken back: nothing said
            shown = carried(unit, did)
            if shown is not None:
                judged[unit, did] = (shown, verdict, note)
            if verdict == PASS:
                said_not_done.pop((unit, did), None)
            # Where nothing was shown it judges no answer: an earlier verdict still holds.
            then = judged.get((unit, did))
            said(unit, did, cutoff, Answer(did, LEAD, status=DONE, percent=DONE_PERCENT,
                                           unit=unit, carried_from=name,
                                           assessment=Assessment(PASS, note),
                                           carried_judged=True)
                 if verdict == PASS else None,
                 (then[0], Assessment(then[1], then[2])) if then is not None else None)
            continue
        unit, did = given.unit, given.deliverable
        verdict, note = verdicts.get((code, unit, did), (None, ""))
        if verdict == CLEARED:
            # The office emptied the cell of a verdict shown on this answer: no verdict
            # judges it, nor the same answer sent again later.
            judged.pop((unit, did), None)
            verdict, note = None, ""
        elif verdict is not None:
            judged[unit, did] = (given, verdict, note)
        elif (then := judged.get((unit, did))) is not None:
            if same_answer(given, then[0]):
                verdict, note = then[1], then[2]
            else:
                # Another answer, not judged: the verdict was of the one before it (the
                # first answer sent back after it is a new answer, as the period counts it).
                del judged[unit, did]
        # The same answer sent back (split --ledger fills it in) is the period's that
        # first reported it, as this period's own figures show it (counted_now): "theo
        # báo cáo Quý I" at nine months and at the year's end alike.
        done = _counted_done(given, verdict, wrong, period.cutoff)
        if not done and _done_by_twin(latest.get((unit, did)), cutoff):
            continue  # a unit does not undo work: quý III's "done" stands beside 9 tháng's
        name = _first_told(latest.get((unit, did)), sent.get((unit, did)), given, name,
                           {n for c, n, _ in periods.values() if c == cutoff})
        if given.status is not None:
            sent[unit, did] = given
        if not done and given.status in (IN_PROGRESS, NOT_STARTED) and (
                given.submission_id, did) not in wrong:
            said_not_done[unit, did] = (stored_date(cutoff), periods[code][1], given.status)
        else:
            said_not_done.pop((unit, did), None)
        if done and given.completed_on is not None and given.completed_on <= period.cutoff:
            parts_done[unit, did] = max(given.completed_on,
                                        parts_done.get((unit, did), given.completed_on))
        # A Đạt goes with the answer it carries: it counts as the Đạt did (on time unless
        # dated after the deadline), not as a "done" with no date (report.summary).
        # Done by the Đạt alone (the unit reported it not done) is said so: "theo đánh
        # giá kỳ …", not "theo báo cáo …" (Answer.status_text), and at 100%, as a row
        # counted done is (Answer.counted_percent), not beside the unit's "60%" of then
        # (a QA pass). The answer the office judged keeps its own (``judged`` below).
        said(unit, did, cutoff, given.taken(
            status=DONE, percent=DONE_PERCENT, carried_from=name,
            assessment=Assessment(PASS, note) if verdict == PASS else None,
            carried_judged=verdict == PASS and given.status != DONE) if done else None,
             (given, Assessment(verdict, note)) if verdict is not None else None)
    ordered = sorted(latest.items(), key=lambda item: item[1][0])
    return Earlier([a for _, (_, a, _) in ordered if a is not None],
                   {row: then for row, (_, _, then) in ordered if then is not None},
                   parts_done, said_not_done)


def _counted_done(given: Answer, verdict: str | None, wrong: set[tuple[int, str]],
                  cutoff: date) -> bool:
    """Whether an earlier period counted ``given`` done, as a later one with cut-off
    ``cutoff`` carries it: judged Đạt, or reported done by that cut-off in an accepted
    file with no error on the row and not judged Chưa đạt."""
    return verdict == PASS or (
        given.status == DONE and (given.completed_on or date.min) <= cutoff
        and (given.submission_id, given.deliverable) not in wrong and verdict != FAIL)


def _reference_order(periods: dict[str, tuple[str, str, str]]) -> dict[str, tuple]:
    """Each earlier period's place among them, by code (:func:`periods.reference_order`:
    of two sharing a cut-off, the cumulative one last)."""
    return {code: reference_order(stored_date(cutoff), stored_date(start) or date.min)
            for code, (cutoff, _, start) in periods.items()}


def _done_by_twin(before: tuple | None, cutoff: str) -> bool:
    """Whether a period of the same cut-off (quý III beside 9 tháng: taken first,
    :func:`_reference_order`) counted the row done: an answer not done in the other one
    does not undo it, whichever the office takes for its reference."""
    return before is not None and before[0] == cutoff and before[1] is not None


def _first_told(before: tuple | None, sent_before: Answer | None, given: Answer,
                name: str, twins: set[str] = frozenset()) -> str:
    """The period a done answer is said to come from: the earlier one that counted it
    done when ``given`` is that answer sent again, else ``name`` (``given``'s period).
    Not a period of the same cut-off (``twins``, their names): the same answer in the
    quý III and 9 tháng reports is "theo báo cáo 9 tháng", the office's reference."""
    counted = before[1] if before is not None else None
    if counted is not None and counted.carried_from and counted.carried_from not in twins \
            and same_answer(given, sent_before):
        return counted.carried_from
    return name


def earlier_parts(master: Master, parts_done: dict[tuple[str, str], date],
                  rows: list[Answer], cutoff: date, subs: list[Submission] = ()) -> None:
    """Mark the lead rows of ``rows`` answered not done (Đang thực hiện, Chưa thực hiện,
    or "Đã hoàn thành" dated after the ``cutoff``: not done then, timeliness.status_as_of)
    on a product with several dates, of which an earlier period counted a part done
    (``parts_done``: :attr:`Earlier.parts_done`), with that date
    (:attr:`Answer.earlier_part_done`). "Tháng 5 và tháng 11/2026" reported done on
    11/03 in the first quarter, then "Đang thực hiện" at six months (the unit at work on
    November's part) counted overdue by May's date, a part done (a QA pass); left blank,
    the same row counted in progress and on time, the earlier "done" carried. Not a date
    that is the whole product's: such a row goes back (went_back.py).

    Such a row that keeps the earlier part's date beside its status (``split --ledger``
    fills the row in with the earlier "Đã hoàn thành, 10/06", and the unit, at work on
    December's part, changes the status only) was warned ``date-without-done`` at merge
    ("nếu chưa, xóa ngày"), on the date the pre-fill put there (a QA pass): that warning
    becomes a note (``date-of-part-done``) saying whose date it is
    (:func:`_date_of_part_done`), on the row and
    among its file's problems (``subs``), their counts with it."""
    if not parts_done:
        return
    products = {d.id: d for d in master.deliverables()}
    files = {s.id: s for s in subs}
    for r in rows:
        done_on = parts_done.get((r.unit, r.deliverable))
        if done_on is None or r.role != LEAD or status_as_of(
                r.status, r.completed_on, cutoff) not in (IN_PROGRESS, NOT_STARTED):
            continue
        d = products.get(r.deliverable)
        pending = d.deadline.pending_after(done_on) if d is not None else None
        if pending is not None:
            r.earlier_part_done = done_on
            if r.completed_on == done_on and r.status in (IN_PROGRESS, NOT_STARTED):
                _date_of_part_done(r, pending, files)


def _date_of_part_done(row: Answer, pending: date, files: dict[int, Submission]) -> None:
    """The ``date-without-done`` warning of ``row`` (its date that of the part done
    earlier, ``pending`` the next part's due date) made a note of its own code
    (``date-of-part-done``: not counted as "có ngày mà chưa hoàn thành"), on the row and among
    its file's problems, the file's counts with it (as went_back.note_carried_blanks
    does for a blank row whose earlier "done" counts)."""
    for n, f in enumerate(row.findings):
        if f.code != "date-without-done" or f.severity != WARNING:
            continue
        told = Finding(
            NOTE, "date-of-part-done",
            f"ngày {vn_date(row.completed_on)} là ngày hoàn thành phần việc đến hạn trước, "
            f"đã báo cáo ở kỳ trước; phần đến hạn {vn_date(pending)} còn phải thực hiện "
            "(được tính theo hạn này): giữ nguyên ngày cũng được; làm xong thì chọn "
            f"'{DONE}' và ghi ngày hoàn thành của phần đó",
            f.file, f.sheet, f.cell, f.unit, f.task, f.place)
        row.findings[n] = told
        if (sub := files.get(row.submission_id)) is not None:
            sub.warning_said_as_note(f, told)


def counted_now(master: Master, earlier: list[Answer], rows: list[Answer],
                assessed: dict[tuple[str, str], Assessment]) -> dict[tuple[str, str], Answer]:
    """The earlier periods' done answers (:attr:`Earlier.done`) this period counts, by
    (unit, product): a lead row of a product with a single due date (recurring and event
    work is reported each period), that this period has no new answer on (none, or the
    same answer sent again: ``split --ledger`` fills the earlier one in, and a unit
    sends it back as it was) and the office has not assessed (an answer judged then and
    sent again unchanged is judged so again: :func:`judged_again`)."""
    before = {(a.unit, a.deliverable): a for a in earlier}
    # A row written that could not be read is an answer too ("cần xác minh"): it ends
    # the carry (Answer.reported).
    answered = {(r.unit, r.deliverable) for r in rows if r.reported
                and not same_answer(r, before.get((r.unit, r.deliverable)))}
    single = {d.id: set(d.lead) for d in master.deliverables() if carries(d)}
    return {(a.unit, a.deliverable): a for a in earlier
            if a.unit in single.get(a.deliverable, ())
            and (a.unit, a.deliverable) not in answered
            and (a.unit, a.deliverable) not in assessed}


def judged_again(master: Master, judged: dict[tuple[str, str], tuple[Answer, Assessment]],
                 rows: list[Answer], assessed: dict[tuple[str, str], Assessment]
                 ) -> dict[tuple[str, str], Assessment]:
    """The earlier periods' verdicts (:attr:`Earlier.judged`, Chưa đạt or Đạt) that judge
    this period's rows, by (unit, product): a lead row of a product with a single due
    date that answers as the answer judged then did (the same answer sent again) and
    that the office has not assessed in this period. Another answer is a new one, for
    the office to judge."""
    single = {d.id: d.deadline for d in master.deliverables() if carries(d)}
    out = {}
    for r in rows:
        key = (r.unit, r.deliverable)
        then = judged.get(key)
        if then is not None and r.role == LEAD and r.deliverable in single \
                and key not in assessed and same_answer(r, then[0]):
            if then[1].verdict == PASS and single[r.deliverable].pending_after(
                    r.completed_on) is not None:
                # A Đạt of a product's earlier part ("Tháng 6 và tháng 12", done in June)
                # counted it done in its period only: the next part is judged by its date.
                continue
            out[key] = then[1]
    return out


def same_answer(now: Answer, then: Answer | None) -> bool:
    """Whether a row answers as an earlier period's counted answer did."""
    return then is not None and (now.status, now.percent, now.completed_on, now.evidence) == (
        then.status, then.percent, then.completed_on, then.evidence)


# The errors of a row's file, not of its answer: split writes the answer into a new row
# of a new file, where they are not (a row moved, doubled or of another unit, a formula
# or an old font's text typed).
_OF_THE_FILE = frozenset({"row-shifted", "row-duplicate", "row-foreign", "row-unknown-id",
                          "formula-in-cell", "legacy-encoding"})


@dataclass
class Told:
    """What the earlier periods told the units of the answers ``split --ledger`` fills
    in again. ``judged``: the verdicts still standing (:attr:`Earlier.judged`), by unit,
    then product: the answer judged and the verdict with its note. ``errors``: the
    errors found on the rows of the earlier files (their feedback files said them), by
    (submission, product). Filled in as it was, such an answer is judged or wrong again:
    the row says why, or the unit sends it back unknowing (a QA pass)."""

    judged: dict[str, dict[str, tuple[Answer, Assessment]]]
    errors: dict[tuple[int, str], list[Finding]]

    def refused(self, unit: str, previous: dict[str, Answer]) -> dict[str, Assessment]:
        """The office's Chưa đạt on the answers filled in (``previous``), by product."""
        return {did: given for did, (then, given) in self.judged.get(unit, {}).items()
                if given.verdict == FAIL and same_answer(previous.get(did), then)}

    def wrong(self, unit: str, previous: dict[str, Answer], period: Period
              ) -> dict[str, list[Finding]]:
        """The errors of the answers filled in (``previous``) that the new file still
        has, by product: not those of the old file's form (a row moved, a formula), a
        completion date after the earlier cut-off that ``period``'s takes in, nor an
        answer the office judged Đạt since (it settled the row, as the feedback file
        then asks nothing of it)."""
        judged = self.judged.get(unit, {})
        out = {}
        for did, answer in previous.items():
            then = judged.get(did)
            if then is not None and then[1].verdict == PASS and same_answer(answer, then[0]):
                continue
            found = [f for f in self.errors.get((answer.submission_id, did), ())
                     if f.code not in _OF_THE_FILE and not (
                         f.code == "date-after-cutoff" and answer.completed_on is not None
                         and answer.completed_on <= period.cutoff)]
            if found:
                out[did] = found
        return out


def told_earlier(db_path: Path, plan_key: str, period: Period) -> Told:
    """What the earlier periods than ``period`` told of the answers split fills in
    (:class:`Told`)."""
    from .ledger import Ledger  # the ledger imports this module

    with Ledger(db_path, create=False) as ledger:
        judged = earlier_said(ledger, plan_key, period).judged
        errors = history.row_errors(ledger, plan_key, period.cutoff.isoformat())
    by_unit: dict[str, dict[str, tuple[Answer, Assessment]]] = {}
    for (unit, did), then in judged.items():
        by_unit.setdefault(unit, {})[did] = then
    return Told(by_unit, errors)


def previous_reports(db_path: Path, plan_key: str, unit_code: str,
                     before: date | None = None, roles: Roles | None = None
                     ) -> dict[str, Answer]:
    """What a unit reported last on each deliverable, from the plan's periods whose
    cut-off is before ``before`` (any, without it); with ``roles``, only what it
    reported in its role there (``roles``: :func:`cchc_xl.assignment.roles_of`).

    Deliverable id -> the unit's :class:`Answer` (values only, no findings), taken
    from its accepted submissions, later periods (by cut-off) winning.
    Split uses it to carry a unit's answers forward into the next period's workbook:
    never a later period's (the third quarter issued after the year's report was
    filled in with the year's answers, dated after its own cut-off).
    """
    return {did: a for (_, did), a in _last_answers(db_path, plan_key, unit_code,
                                                     before, roles=roles).items()}


def every_units_previous_reports(db_path: Path, plan_key: str, before: date | None = None,
                                 merged_by: str | None = None, roles: Roles | None = None
                                 ) -> dict[tuple[str, str], Answer]:
    """:func:`previous_reports` of every unit at once, by (unit, deliverable): what split
    gives each unit (one query; one a unit took 4 s at 2,000 units, this 0.4 s).

    ``merged_by`` (an ISO time): as the ledger stood then, as near as it can tell: the
    files merged by then that were accepted at their merge (replaced or withdrawn since
    included), the newest of a period winning."""
    return _last_answers(db_path, plan_key, None, before, merged_by, roles)


Roles = dict[tuple[str, str], str]  # (unit, product) -> its role: assignment.roles_of


def _last_answers(db_path: Path, plan_key: str, unit_code: str | None,
                  before: date | None, merged_by: str | None = None,
                  roles: Roles | None = None) -> dict[tuple[str, str], Answer]:
    """The last row of each unit and product that says anything (a status, evidence or
    a note), later periods winning as they do in what carries (:func:`earlier_said`):
    by cut-off, and of two sharing one the cumulative one (9 tháng over quý III, merged
    in either order), unless the other counted the row done and it did not (a unit
    does not undo work)."""
    from .ledger import Ledger  # the ledger imports this module

    until = before or date.max
    with Ledger(db_path, create=False) as ledger:
        answers = history.unit_answers(ledger, plan_key, unit_code, until.isoformat(),
                                       merged_by)
        order = _reference_order(history.periods(ledger, plan_key, until.isoformat()))
        done = _Done(ledger, plan_key, until)
        last: dict[tuple[str, str], tuple[str | None, Answer]] = {}
        # Files of no recorded period first, then as the periods' answers stand (a stable
        # sort: a period's files in the order merged, the newest winning).
        for code, a in sorted(((c, a) for c, a in answers
                               if (a.status is not None or a.evidence or a.note)
                               and (roles is None or roles.get((a.unit, a.deliverable))
                                    == a.role)),
                              key=lambda given: order.get(given[0], ())):
            key = (a.unit, a.deliverable)
            prior = last.get(key)
            if prior is not None and prior[0] != code and prior[0] in order \
                    and code in order and order[prior[0]][0] == order[code][0] \
                    and done(*prior) and not done(code, a):
                continue  # the twin period's "done" stands (_done_by_twin)
            last[key] = (code, a)
    return {key: a for key, (_, a) in last.items()}


class _Done:
    """Whether an earlier period counted an answer done (:func:`_counted_done`), the
    office's verdicts and the rows' errors read once, and only when asked: split asks
    for each unit, and only of a row two periods of one cut-off both answered."""

    def __init__(self, ledger: Ledger, plan_key: str, until: date) -> None:
        self.ledger, self.plan_key, self.until = ledger, plan_key, until
        self.read: tuple[dict, set] | None = None

    def __call__(self, code: str | None, answer: Answer) -> bool:
        if self.read is None:
            before = self.until.isoformat()
            self.read = (history.verdicts(self.ledger, self.plan_key, before),
                         history.rows_with_errors(self.ledger, self.plan_key, before))
        verdicts, wrong = self.read
        verdict = verdicts.get((code, answer.unit, answer.deliverable), (None, ""))[0]
        return _counted_done(answer, verdict, wrong, self.until)
