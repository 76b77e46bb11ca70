"""Gone back: a lead's answer not done on a product an earlier period of the plan counted
done (``status-went-back``, docs/validation.md).

The figures count the latest answer (docs/counting.md: a later answer not done ends the
carry), which is right; but a task done in the first quarter and "Đang thực hiện" at six
months is most often a mistaken click, a file filled from an old template, or an earlier
"done" that was wrong. The row is warned, in the unit's feedback file and on the
consolidated workbook, so that somebody looks; the figures are not touched.

The other way round (``done-before-earlier-report``): a lead's "done" dated on or before
the cut-off of the latest earlier period to say anything of the row, which the unit then
reported not done. One of the two reports is wrong, and the date decides whether the work
was on time; the row is warned on its date cell, the figures not touched either.

Both are worked out when a snapshot is loaded (:func:`cchc_xl.snapshot.load_snapshot`), from
what it reads of the earlier periods anyway (:func:`cchc_xl.carried.earlier_said`): no
query of its own, and always as the ledger stands (an earlier "done" the office has
since judged Chưa đạt, or a file withdrawn, warns no more).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from .answer import Answer
from .assessment import Assessment
from .assignment import COL_NOTE, DONE_ON_LETTER, STATUS_LETTER
from .carried import carries
from .findings import Finding
from .model import Deliverable, Master
from .submission import Submission
from .text import mid_sentence
from .vocab import DONE, FAIL, IN_PROGRESS, LEAD, NOT_STARTED, NOTE, PASS, WARNING
from .xlio import vn_date

_NOT_DONE = (IN_PROGRESS, NOT_STARTED)
_NOT_DIGITS = re.compile(r"\D")


def warn_went_back(master: Master, earlier: list[Answer], rows: list[Answer],
                   assessed: dict[tuple[str, str], Assessment], subs: list[Submission]
                   ) -> list[Finding]:
    """Warn the lead rows of ``rows`` that answer not done (Đang thực hiện, Chưa thực
    hiện) a product with a single due date whose row the latest earlier period to say
    anything of it counted done (``earlier``: :attr:`carried.Earlier.done`); the
    warnings added.

    Each goes on its row and among the problems of the submission the row is from
    (``subs``; its count of warnings with it), as a warning recorded at merge is: the
    consolidated workbook, the feedback file and the merge's summary read them there.

    Not a row left blank (the carry counts it), nor one whose answer could not be read
    (its error says so), nor a "done" below 100% (an error of its own), nor a row the
    office judges Đạt now (``assessed``: it counts done). Not recurring or event work,
    reported each period, nor a product with several dates whose earlier "done" was of
    an earlier part (the next part is still to do: Deadline.pending_after)."""
    if not earlier:
        return []
    before = {(a.unit, a.deliverable): a for a in earlier}
    found = []
    for r, d, sub in _dated_leads(master, rows, subs):
        then = before.get((r.unit, r.deliverable))
        if then is None or r.status not in _NOT_DONE:
            continue
        given = assessed.get((r.unit, r.deliverable))
        if given is not None and given.verdict == PASS:
            continue
        if len(d.deadline.distinct_dues()) > 1 and (
                then.completed_on is None
                or d.deadline.pending_after(then.completed_on) is not None):
            continue
        found.append(_warn(r, sub, WARNING, "status-went-back", _message(then, r.status),
                           STATUS_LETTER))
    return found


def warn_done_before(master: Master, said_not_done: dict[tuple[str, str], tuple[date, str, str]],
                     rows: list[Answer], assessed: dict[tuple[str, str], Assessment],
                     subs: list[Submission]) -> list[Finding]:
    """Warn the lead rows of ``rows`` that answer done, dated on or before the cut-off of
    the latest earlier period to say anything of the row, which the unit then reported
    not done (``said_not_done``: :attr:`carried.Earlier.said_not_done`); the warnings
    added (``done-before-earlier-report``, docs/validation.md).

    Six months said "Chưa thực hiện" (figures to 14/06), nine months "Đã hoàn thành
    10/06": one of the two reports is wrong, and the date decides whether the work was on
    time (a QA pass of a year's periods found such rows counted in no quarter and told
    to nobody). The figures count the answer now; the row is told on its date cell. Only
    products with a single due date (recurring work is reported each period; a part of a
    product with several dates may be done while the product is in progress), and not a
    row the office has judged in the period (``assessed``: Đạt or Chưa đạt, it has looked)."""
    if not said_not_done:
        return []
    found = []
    for r, d, sub in _dated_leads(master, rows, subs):
        then = said_not_done.get((r.unit, r.deliverable))
        if then is None or r.status != DONE or r.completed_on is None:
            continue
        cutoff, name, status = then
        if len(d.deadline.distinct_dues()) > 1 or r.completed_on > cutoff:
            continue
        given = assessed.get((r.unit, r.deliverable))
        if given is not None and given.verdict in (PASS, FAIL):
            continue
        found.append(_warn(r, sub, WARNING, "done-before-earlier-report", (
            f"báo cáo {mid_sentence(name)} của đơn vị ghi '{status}' (số liệu đến ngày "
            f"{vn_date(cutoff)}), nay ghi '{DONE}' ngày {vn_date(r.completed_on)}, trước ngày "
            "đó: kiểm tra lại ngày hoàn thành (ngày ban hành văn bản, hoàn thành sản phẩm); "
            f"nếu báo cáo trước ghi chưa đúng, ghi rõ ở cột '{COL_NOTE}'"), DONE_ON_LETTER))
    return found


def _dated_leads(master: Master, rows: list[Answer], subs: list[Submission]
                 ) -> Iterator[tuple[Answer, Deliverable, Submission]]:
    """Each lead row of ``rows`` with its product, one whose "done" carries (a single
    due date: :func:`carried.carries`), and the submission it is from (in ``subs``)."""
    products = {d.id: d for d in master.deliverables()}
    files = {s.id: s for s in subs}
    for r in rows:
        if r.role != LEAD:
            continue
        d = products.get(r.deliverable)
        sub = files.get(r.submission_id)
        if d is not None and sub is not None and r.unit in d.lead and carries(d):
            yield r, d, sub


def _warn(r: Answer, sub: Submission, severity: str, code: str, message: str,
          letter: str) -> Finding:
    """A finding (a warning: ``severity``, given with its ``code`` as every finding is
    made, so that the checks of docs/validation.md's table find it) on row ``r``, at its
    cell in column ``letter``, put on the row and among its file's problems, counted (as
    a warning recorded at merge is)."""
    f = Finding(severity, code, message, file=sub.path, sheet=r.sheet,
                cell=f"{letter}{r.row}" if r.row else "", unit=r.unit, task=r.deliverable)
    r.findings.append(f)
    sub.problems.insert(_place(sub.problems, r), f)
    sub.warnings += 1
    return f


def _place(problems: list[Finding], row: Answer) -> int:
    """Where a warning on ``row`` goes among its file's ``problems``, recorded in the
    file's order (the feedback letter lists them so): before the first one of a later row
    of its sheet, else after the last one of its sheet, else last."""
    same = [n for n, p in enumerate(problems) if p.sheet == row.sheet and p.cell]
    later = [n for n in same if int(_NOT_DIGITS.sub("", problems[n].cell) or 0) > row.row]
    return later[0] if later else same[-1] + 1 if same else len(problems)


def _reported_done(then: Answer) -> str:
    """An earlier period's "done" as the unit reported it: "báo cáo quý I năm 2026 của
    đơn vị đã ghi 'Đã hoàn thành' (ngày 10/03/2026)"."""
    day = f" (ngày {vn_date(then.completed_on)})" if then.completed_on else ""
    return f"báo cáo {mid_sentence(then.carried_from)} của đơn vị đã ghi '{DONE}'{day}"


def _message(then: Answer, now: str) -> str:
    """What the row is told: the earlier period by name, what it said and when, what the
    row says now, and what to do either way."""
    period = mid_sentence(then.carried_from)
    if then.carried_judged:  # done by the office's Đạt alone: the unit had not said so
        said = (f"ở kỳ {period}, nhiệm vụ được đánh giá Đạt (tính là đã hoàn thành), nay "
                "đơn vị ghi")
        wrong = "nếu nhiệm vụ chưa hoàn thành, ghi rõ lý do"
        choose = "chọn"  # the unit never chose "done": nothing to choose again
    else:
        said = f"{_reported_done(then)}, nay ghi"
        wrong = "nếu báo cáo trước ghi nhầm, ghi rõ"
        choose = "chọn lại"
    return (f"{said} '{now}' (số liệu kỳ này tính theo báo cáo mới): nếu nhiệm vụ đã hoàn "
            f"thành, {choose} '{DONE}' và ghi ngày hoàn thành; {wrong} ở cột '{COL_NOTE}'")


def note_carried_blanks(carried: dict[tuple[str, str], Answer], rows: list[Answer],
                        subs: list[Submission]) -> None:
    """A lead row left blank whose earlier "done" still counts (``carried``:
    :func:`carried.counted_now`) is no row to fill: its ``row-not-filled`` warning ("chưa
    điền kết quả thực hiện: chọn trạng thái…", recorded at merge, when the earlier
    periods were not looked at) becomes a note saying what counts, on the row and among
    its file's problems (its counts with it). The reminder letter and the feedback file
    asked nothing of it already (remind.settled); the intake page, the consolidated
    workbook's "Vấn đề" and the counts of warnings told it as a problem (a QA pass)."""
    files = {s.id: s for s in subs}
    for r in rows:
        then = carried.get((r.unit, r.deliverable))
        if then is None or r.reported:
            continue
        for n, f in enumerate(r.findings):
            if f.code != "row-not-filled" or f.severity != WARNING:
                continue
            told = replace(f, severity=NOTE, message=_carried_message(then))
            r.findings[n] = told
            if (sub := files.get(r.submission_id)) is not None:
                sub.warning_said_as_note(f, told)


def _carried_message(then: Answer) -> str:
    """What a blank row whose earlier "done" counts is told: what counts, and since when."""
    if then.carried_judged:
        counted = f"nhiệm vụ được đánh giá Đạt ở kỳ {mid_sentence(then.carried_from)}"
    else:
        counted = _reported_done(then)
    return f"để trống: {counted}, kỳ này tiếp tục tính là đã hoàn thành"
