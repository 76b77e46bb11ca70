"""When the file that counts for a unit may not be the one the unit meant.

Of a unit's acceptable files the one saved last counts (``Ledger.settle``, by the time
inside each file, else its file time). These cases make that choice doubtful, and the
office is told on the file just merged, so that it can withdraw the other one:

- ``sent-later-saved-before``: merged after the counted file but saved before it (a
  corrected file from a computer whose clock is wrong would lose silently);
- ``saved-same-time``: saved at the same moment as another of the unit's files with
  other content (files without a saved time, unpacked from one zip, share their file
  time): the one merged last counts, which says nothing about which is newer;
- ``answers-left-blank``: the file that counts now leaves blank tasks the file it
  replaced had answered (a short "bổ sung" file of the one forgotten task, an old
  draft saved again): only one file counts, so those answers left every figure.

A file the same as another unit's already taken, under a name that names the unit, is
``copy-of-another-unit`` (:func:`copies_named_otherwise`). The office takes a file out
of what counts with :func:`withdraw_file` (``cchc-xl withdraw``, the web app's "Rút khỏi
số liệu"); the day a unit reported is that of its first valid file, and a file given
again with an earlier day received takes that day (:func:`restate_received`). The day
received is read here, one reading wherever the office types it (``merge --received``,
the web app's "Ngày nhận": :func:`received_day`), and refused when it cannot be
(:func:`received_refused`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from unicodedata import normalize

from .. import clock
from ..assessment import COLUMN as ASSESSMENT_COLUMN
from ..assessment import Assessment
from ..consolidated.link import read_back_assessments
from ..errors import InItsOwnPeriod, UsageError
from ..finding_codes import DOUBT_CODES
from ..findings import Finding
from ..intake.file_names import FileNames
from ..ledger import Ledger, Submission
from ..ledger.assessments import assessments, save_assessments
from ..ledger.keys import EMPTY_SHA256, file_key
from ..model import Period
from ..other_period import gone_to_own_period
from ..snapshot import LedgerSnapshot
from ..text import for_people
from ..vocab import ACCEPTED, MOVED, NOTE, REJECTED, SUPERSEDED, WARNING, WITHDRAWN
from ..xlio import DM_TEXT, DMYY_TEXT, file_sha256, to_date, vn_date, vn_time
from .replaced import answers as read_answers
from .replaced import dropped
from .result import cut_short_left_said


def _withdraw(counted: Submission) -> str:
    """What to do when the file counted is the wrong one: take it out (the unit's next
    newest file then counts)."""
    return (f"rút tệp đang được tính ({Path(counted.path).name}) khỏi số liệu (nút 'Rút khỏi "
            "số liệu' ở trang Thu nhận, hoặc lệnh 'cchc-xl withdraw')")


def report_day_kept(withdrawn: Submission, db: Path) -> str:
    """What the office is told of a file it withdrew that was a valid report: the unit is
    still judged by its first valid file, this one included (docs/counting.md, "Units"),
    and the day that is (the unit's other files read from the ledger ``db``); "" for a
    file that was refused."""
    day = withdrawn.received_day
    if not withdrawn.valid_return or day is None:
        return ""
    with Ledger(db, create=False) as ledger, ledger.reading():
        subs = ledger.submissions(withdrawn.plan_key, withdrawn.period)
    days = [s.received_day for s in subs if s.unit == withdrawn.unit and s.valid_return
            and s.received_day is not None and s.id != withdrawn.id]
    first = min(days, default=day)
    # Another file received the same day dates the unit as well: the withdrawn one was
    # named as if it alone did (two files received the day the office uploaded both).
    which = (f"tệp vừa rút, nhận ngày {day:%d/%m/%Y}" if day < first or not days else
             f"nhận ngày {day:%d/%m/%Y}, như tệp vừa rút" if day == first else
             f"nhận ngày {first:%d/%m/%Y}, không phải tệp vừa rút")
    return ("Ngày đơn vị gửi báo cáo vẫn tính theo tệp hợp lệ đầu tiên của đơn vị, kể cả tệp "
            f"đã rút ({which}): tệp gửi lại để sửa không làm đơn vị bị tính là gửi muộn.")


# How long after a period's due day a day typed without its year may be, to be read in
# the due day's year rather than the plan's.
LATE_DAYS_READ = 62


def received_day(text: str, period: Period, plan_year: int) -> date | None:
    """The day the office received files, as it types it (``merge --received``, the web
    app's "Ngày nhận"): dd/mm/yyyy (or 2023-09-18; "18/9/23" is of 2023), or a day and
    month alone ("18/9"): that day in the year the period's returns are due in (a
    year's report due in January of the next) if it is no more than
    :data:`LATE_DAYS_READ` after the due day (or in the year after it: "5/1" for a
    year's report due 20/12), else in
    the plan's year ("20/1" for returns due 15/01/2024 is 20/01/2024, late; "15/7" and
    "1/12" are of 2023). None when the text is no day ("31/2", "abc"). One reading for
    every place a received day is typed."""
    if short := DMYY_TEXT.match(text):
        day, month, year = (int(x) for x in short.groups())
        with contextlib.suppress(ValueError):
            return date(2000 + year, month, day)
        return None
    found = DM_TEXT.match(text)
    if found is None:
        return to_date(text.strip())
    day, month = (int(x) for x in found.groups())
    days = []
    # The year after the due day's too: a year's report due 20/12 received "5/1" is of
    # January after it (it was read a year early, and counted on time: a QA pass).
    for year in sorted({plan_year, period.due.year, period.due.year + 1}, reverse=True):
        with contextlib.suppress(ValueError):
            days.append(date(year, month, day))
    latest = period.due + timedelta(days=LATE_DAYS_READ)
    within = [d for d in days if d <= latest]
    if within:
        return within[0]
    # Past the days read after the due day: the plan's or the due day's year.
    known = [d for d in days if d.year in (plan_year, period.due.year)]
    return known[-1] if known else None


def received_refused(day: date, today: date, period: Period) -> str:
    """Why a received day is refused ("" when it is not): the office cannot have received
    files on a day still to come (a typo, 2099 for 2023), and such a day would make every
    late return count as sent on time; nor a return of the period before the period
    began ("18/9/00" read as 2000, "2013" for "2023")."""
    if day > today:
        return (f"Ngày nhận {vn_date(day)} chưa tới (hôm nay là {vn_date(today)}): ghi ngày "
                "cơ quan đã nhận được tệp.")
    if day < period.start:
        return (f"Ngày nhận {vn_date(day)} trước khi kỳ báo cáo bắt đầu (số liệu "
                f"{period.in_sentence} tính từ {vn_date(period.start)}): ghi ngày cơ quan "
                "đã nhận được tệp.")
    return ""


def received_before_saved(day: date, saved: datetime | None, path: str,
                          kept: date | None = None) -> Finding | None:
    """A warning when the office says it received a file before the day the file was
    saved (a date typed wrong: the unit would count as on time); ``kept``, the day
    recorded instead."""
    if saved is None or day >= saved.date():
        return None
    return Finding(WARNING, "received-before-saved",
                   f"ngày nhận {vn_date(day)} sớm hơn ngày tệp được lưu ({vn_date(saved)}): "
                   "kiểm tra lại ngày nhận" + (f"; ngày nhận không sửa (vẫn là {vn_date(kept)})"
                                              if kept else ""), file=path)


def restate_received(ledger: Ledger, sub: Submission, day: date, path: str) -> Finding | None:
    """The office gives again a file it has, with the day it received it: an earlier day
    than the one recorded is the day (a first upload left at today's date); a later one
    changes nothing, the office had the file already. Never before the file was saved."""
    recorded = sub.received_day
    if recorded is None or day >= recorded:
        return None
    saved = datetime.fromisoformat(sub.saved_at) if sub.saved_at else None
    if (early := received_before_saved(day, saved, path, recorded)) is not None:
        return early
    ledger.set_received(sub.id, day)
    return Finding(NOTE, "received-corrected", f"tệp đã nhận trước đó: ngày nhận sửa thành "
                   f"{vn_date(day)} (trước ghi {vn_date(recorded)})", file=path)


def unchecked_choices(ledger: Ledger, plan_key: str, period: str, cut_short: str | None
                      ) -> set[int]:
    """The submissions a merge cut short (it started at ``cut_short``) recorded and never
    checked the choice of (``flag_doubtful_choices`` runs once all files are recorded):
    a merge run again reads none of them, already known. Those told already (the merge
    was cut short after checking) are left out."""
    if not cut_short:
        return set()
    ids = {s.id for s in ledger.acceptable(plan_key, period) if s.merged_at == cut_short}
    if not ids:
        return ids
    return ids - ledger.flagged(plan_key, period, DOUBT_CODES)


def cut_short_left(ledger: Ledger, plan_key: str, period: str, started: str | None,
                   ids: set[int], shown: Callable[[str], str] | None) -> str:
    """What a merge that ends before it reads a file (nothing to merge, every file of
    another period) says of the merge of files cut short before it (it started at
    ``started``; ``ids``: the submissions it recorded, named as recorded, in the ledger's
    order): left to the next merge of files (result.cut_short_left_said). "" for none."""
    paths = [s.path for s in ledger.submissions(plan_key, period) if s.id in ids] if ids \
        else []
    return cut_short_left_said(started, paths, shown)


def taken_as_this_runs(ledger: Ledger, plan_key: str, period: str, unseen: set[int],
                       run: list[tuple[Path, str, list[Finding]]],
                       first_of: dict[str, Path], merging: bool = True) -> set[str]:
    """The files merges cut short recorded (``unseen``: Ledger.recorded_unseen), taken
    among this run's (``run``, ``first_of``: as the merge lists its files) when not given
    again (another folder): nobody saw them said. Their keys. Not ``merging`` (a refresh
    of the outputs, which leaves them to the next merge of files), none is taken."""
    keys: set[str] = set()
    if not unseen:
        return keys
    in_run = {sha for _, sha, _ in run}
    for sub in ledger.submissions(plan_key, period):
        if sub.id in unseen:
            keys.add(sub.key)
            if merging and sub.key not in in_run:
                run.append((Path(sub.path), sub.key, []))
                first_of.setdefault(sub.key, Path(sub.path))
    return keys


def flag_doubtful_choices(ledger: Ledger, plan_key: str, period: str, new: set[int]) -> int:
    """Warn on each submission of ``new`` (ids recorded by this merge, after
    ``settle``) whose unit's choice of file is doubtful; how many were warned on."""
    if not new:
        return 0
    subs = ledger.acceptable(plan_key, period)
    counted = {s.unit: s for s in subs if s.outcome == ACCEPTED}
    # Each unit's files, listed once: scanning every file for each new one made a merge
    # of 2,000 new files quadratic (issue #11).
    of_unit: dict[str | None, list[Submission]] = {}
    for s in subs:
        of_unit.setdefault(s.unit, []).append(s)
    warned = 0
    for s in subs:
        kept = counted.get(s.unit)
        if s.id not in new or kept is None:
            continue
        if s.outcome == SUPERSEDED and kept.id not in new and s.saved_time < kept.saved_time:
            ledger.add_finding(s.id, Finding(
                WARNING, "sent-later-saved-before",
                f"tệp gộp sau nhưng lưu lúc {vn_time(s.saved_time) or '?'}, trước tệp đang được "
                f"tính của đơn vị ({Path(kept.path).name}, lưu lúc {vn_time(kept.saved_time)}), "
                "nên không được tính; nếu tệp này là bản mới hơn (đồng hồ máy tính của đơn vị "
                f"có thể bị sai), {_withdraw(kept)}", file=s.path, unit=s.unit or ""))
            warned += 1
            continue
        if s.id == kept.id:
            for f in dropped(ledger, s, of_unit[s.unit], _withdraw):
                ledger.add_finding(s.id, f)
                warned += 1
        # Another file saved at the same moment that answers the same (a unit's .xls or
        # .ods copy of its return: other bytes, same answers) leaves no choice to doubt.
        twins = [o for o in of_unit[s.unit] if o.id != s.id and o.saved_time
                 and o.saved_time == s.saved_time and o.sha256 != s.sha256
                 and ledger.row_contents(o.id) != ledger.row_contents(s.id)]
        # Only when the order of merging chose between them: a file saved later than both
        # counts because it is newer.
        if twins and kept.id in {s.id, *(o.id for o in twins)}:
            others = ", ".join(Path(o.path).name for o in twins)
            now = ("tệp này đang được tính (gộp sau)" if s.outcome == ACCEPTED
                   else f"đang tính tệp {Path(kept.path).name} (gộp sau)")
            ledger.add_finding(s.id, Finding(
                WARNING, "saved-same-time",
                f"tệp lưu cùng lúc ({vn_time(s.saved_time)}) với tệp {others} của cùng đơn "
                f"vị nhưng nội dung khác, nên không biết tệp nào mới hơn: {now}; nếu không đúng, "
                f"{_withdraw(kept)}", file=s.path, unit=s.unit or ""))
            warned += 1
    return warned


def counted_ids(ledger: Ledger, plan_key: str, period: str) -> dict[str, int]:
    """Each unit's submission that counts now (as ``Ledger.settle`` returns them)."""
    return {s.unit: s.id for s in ledger.acceptable(plan_key, period) if s.outcome == ACCEPTED}


def outdated_assessments(ledger: Ledger, plan_key: str, period: str, counted: dict[str, int],
                         settled: dict[str, int], now: datetime, whole: bool = False) -> int:
    """The office's assessments given to an answer the unit has since replaced:
    ``counted`` is each unit's submission that counted before (brought up to date
    here), ``settled`` those that count now (``Ledger.settle``'s; ``whole``: of every
    unit, so that a unit missing from it has none left, its only file withdrawn). An
    assessment of a row whose answer (status, percentage, date, evidence; a blank row
    and no file are no answer alike) changed was a verdict on the old answer: it is
    removed, with a note on the file that counts now (else the one withdrawn), so that
    the office judges the new one; the same answer sent again keeps it. Removed, it is
    marked so, with the time (:func:`remove_assessment`): a workbook made before still
    shows the verdict, and reading it back must not record it again. How many were
    removed."""
    now_counted = dict(settled)
    if whole:
        now_counted.update({unit: None for unit in counted if unit not in settled})
    changed = {unit: (counted.get(unit), sid) for unit, sid in now_counted.items()
               if counted.get(unit) != sid}
    counted.update(settled)
    for unit in now_counted.keys() - settled.keys():
        counted.pop(unit, None)
    assessed = {key: given for key, (given, _) in assessments(ledger, plan_key, period).items()
                if key[0] in changed and not given.removed} if changed else {}
    if not assessed:
        return 0
    answers = {sid: read_answers(ledger, sid) for pair in changed.values() for sid in pair
               if sid is not None}
    removed = 0
    for (unit, did), given in sorted(assessed.items()):
        before, after = changed[unit]
        if (answers[after].get(did) if after is not None else None) == (
                answers[before].get(did) if before is not None else None):
            continue
        remove_assessment(ledger, plan_key, period, unit, did, now)
        ledger.add_finding(after if after is not None else before, Finding(
            NOTE, "assessment-outdated",
            f"đánh giá '{given.text}' của cơ quan tổng hợp cho nhiệm vụ {did} được đưa ra với "
            "kết quả đơn vị báo cáo trước; kết quả được tính nay đã khác, nên đánh giá đó được "
            f"bỏ (cơ quan đánh giá lại ở cột '{ASSESSMENT_COLUMN}' của tệp tổng hợp nếu cần)",
            unit=unit, task=did))
        removed += 1
    return removed


def remove_assessment(ledger: Ledger, plan_key: str, period: str, unit: str, did: str,
                      now: datetime) -> None:
    """An assessment removed, kept as one of no verdict and no note with the time it was
    removed (``Assessment.removed``): a consolidated workbook made before that time still
    shows the verdict, and :func:`save_assessments` does not record it again from
    there."""
    save_assessments(ledger, plan_key, period, {(unit, did): Assessment(None)}, now, "bỏ")


def forget_doubts(ledger: Ledger, changed: Submission) -> None:
    """Another file of the unit counts now: the warnings that its files' choice was
    doubtful ("withdraw the counted one to count this") no longer hold."""
    if not changed.unit:
        return
    ledger.drop_warnings(changed.plan_key, changed.period, changed.unit, DOUBT_CODES)


def _gone_to_own_period(ledger: Ledger, found: list[Submission]) -> list[Submission]:
    """Those of ``found`` that are files refused as another period's and merged into it
    since (other_period.gone_to_own_period, as every output reads them): no longer their
    period's files, withdrawn from it they would be its refusal again, their unit "Tệp đã
    rút khỏi số liệu" in a period the file is not of (:class:`InItsOwnPeriod`, which the
    web app's form says in its words)."""
    gone: dict[int, Submission] = {}
    for key, code in {(s.plan_key, s.period) for s in found if s.outcome == REJECTED}:
        given = ledger.period(key, code)
        if given is not None:  # read with their problems, as a snapshot reads them
            subs = ledger.submissions(key, code)
            gone_to_own_period(ledger, key, ledger.plan(key, code), given, subs)
            gone.update((s.id, s) for s in subs if s.outcome == MOVED)
    return [gone[s.id] for s in found if s.id in gone]


class AlreadyWithdrawn(UsageError):
    """A file asked to be withdrawn that was withdrawn before: nothing to do, and no wrong
    call (a QA pass: withdrawing it again said "no file matches", exit 2). ``withdrawn``:
    its submission, whose reason says when."""

    def __init__(self, message: str, *, withdrawn: Submission, **where) -> None:
        super().__init__(message, **where)
        self.withdrawn = withdrawn


def _matching(reading: Ledger, db_path: Path, ref: str, period: str | None,
              withdrawn: bool = False) -> list[Submission]:
    """The recorded files ``ref`` names, those not withdrawn (``withdrawn``: those
    withdrawn): by name or SHA-256 as recorded, NFC or NFD; else by the place it leads to
    ("./nhan-ve/TP.xlsx", its full path, through a linked folder), though the file is gone
    or edited since; else, the file itself moved since, by its content."""
    def kept(s: Submission) -> bool:
        return (s.outcome == WITHDRAWN) == withdrawn

    # The name as shown (NFC) finds a file a Mac named decomposed (NFD), and back.
    found = list({s.id: s for form in {ref, *(normalize(f, ref) for f in ("NFC", "NFD"))}
                  for s in reading.matching(form, period=period) if kept(s)}.values())
    if not found:
        found = _at_the_place(reading, db_path, ref, period, kept)
    if not found and Path(ref).is_file():
        found = [s for s in reading.matching(file_key(file_sha256(ref), ref), period=period)
                 if kept(s)]
    return found


def _withdrawn_before(sub: Submission, db_path: Path) -> str:
    """"tệp nhan-ve/TP.xlsx (kỳ 9T, đơn vị TP) đã được rút khỏi số liệu ngày 05/12/2026
    10:30 (lý do: …), không cần rút lại": when and why, from the reason the ledger recorded
    (vocab.withdrawn_reason)."""
    when, _, why = sub.reason.partition(": ")
    if not when.startswith("rút khỏi số liệu"):
        when, why = "rút khỏi số liệu trước đó", ""
    return (f"tệp {shown_path(sub.path, db_path)} ({merged_into(sub, db_path)}, đơn vị "
            f"{sub.unit or 'không rõ'}) đã được {when}" + (f" (lý do: {why})" if why else "")
            + ", không cần rút lại")


def _whose(ledger: Ledger, sub: Submission, names: dict) -> str:
    """"của Phòng Nội vụ (NV)", the unit a recorded file is counted for or refused as
    (its plan's name for it), or "(chưa rõ của đơn vị nào)"."""
    if not sub.unit:
        return "(chưa rõ của đơn vị nào)"
    plan = (sub.plan_key, sub.period)
    if plan not in names:
        names[plan] = ledger.plan(*plan).names
    name = names[plan].get(sub.unit)
    return f"của {name} ({sub.unit})" if name else f"của đơn vị '{sub.unit}'"


def _more_than_one(db_path: Path, ref: str, found: list[Submission]) -> UsageError:
    """Why nothing is withdrawn when ``ref`` names several files: each, its unit and
    period, and what names one. Every empty file has the same SHA-256 (ledger.keys): a
    prefix of it, or all of it, names every empty file of the period, each of a unit of
    its own, which only its name or path tells apart (a QA pass: 'mã SHA-256' was said to
    be the way)."""
    names: dict = {}
    with Ledger(db_path, create=False) as ledger:
        listed = "; ".join(f"{shown_path(s.path, db_path)} {_whose(ledger, s, names)}, "
                           f"{merged_into(s, db_path)}" for s in found[:5])
    more = f" và {len(found) - 5} tệp khác" if len(found) > 5 else ""
    one_content = len({s.sha256 for s in found}) == 1
    if one_content:
        same = "tệp rỗng (0 byte) nào cũng" if found[0].sha256 == EMPTY_SHA256 else "các tệp này"
        hint = (f"{same} có cùng mã SHA-256, nên mã SHA-256 không chọn được một tệp: ghi tên "
                "tệp hoặc đường dẫn tới tệp như trên")
    else:
        hint = "ghi tên tệp, đường dẫn tới tệp như trên hoặc mã SHA-256 dài hơn"
    if len({(s.plan_key, s.period) for s in found}) > 1:
        hint += ", hoặc thêm --period"
    return UsageError(f"có {len(found)} tệp khớp với '{ref}', không rút tệp nào: "
                      f"{listed}{more}", file=str(db_path), hint=hint)


def withdraw_file(db_path: Path, ref: str, period: str | None = None, why: str = "",
                  now: datetime | None = None, read: dict | None = None) -> Submission:
    """``cchc-xl withdraw``: take one merged file out of the figures (see Ledger.withdraw);
    ``read`` gets the assessments typed into the period's workbooks that were recorded
    first, each that changed by (unit, product) (None: removed)."""
    ref = ref.strip()
    with Ledger(db_path, create=False) as reading:
        found = _matching(reading, db_path, ref, period)
        gone = _gone_to_own_period(reading, found)
        before = [] if found else _matching(reading, db_path, ref, period, withdrawn=True)
    found = [s for s in found if s.id not in {g.id for g in gone}]
    if gone and not found:
        given = gone[0].period_named
        raise InItsOwnPeriod(f"tệp '{ref}' {gone[0].reason}, không còn là tệp của kỳ "
                             f"'{gone[0].period}': không rút gì ở kỳ này", file=str(db_path),
                             hint=f"nếu cần rút tệp này khỏi số liệu, rút ở kỳ của tệp: "
                                  f"--period {given}", moved=gone[0], given=given)
    if not found and before:
        raise AlreadyWithdrawn(_withdrawn_before(before[-1], db_path), file=str(db_path),
                               withdrawn=before[-1])
    if not found:
        raise UsageError(f"sổ cái không có tệp nào (chưa rút) khớp với '{ref}'"
                         + (f" trong kỳ '{period}'" if period else ""), file=str(db_path),
                         hint="ghi tên tệp như ở trang 'Tệp đã nhận' của tệp tổng hợp, hoặc "
                              "đầu mã SHA-256")
    if len(found) > 1:
        raise _more_than_one(db_path, ref, found)
    when = (now or clock.now()).replace(microsecond=0)
    with Ledger(db_path) as ledger:
        plan_key, period = found[0].plan_key, found[0].period
        # What the office typed into the period's workbooks judged the answers they
        # showed: read before the withdrawal changes which answer counts (a probe's "Đạt"
        # typed for one file was recorded, after it, for the file counted then).
        for written in ledger.consolidated_paths(plan_key, period):
            done = read_back_assessments(ledger, written, plan_key, period, when)
            if read is not None:
                read.update(done)
        counted = counted_ids(ledger, plan_key, period)
        outdated_assessments(ledger, plan_key, period, counted,
                             ledger.withdraw(found[0], when, why), when, whole=True)
        forget_doubts(ledger, found[0])
    return found[0]


def _resolved(path: Path) -> Path:
    """Where a path leads: symlinks followed, "." and ".." gone. A link that loops leads
    nowhere: the path as written, made absolute."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return Path(os.path.abspath(path))


def _place(path: Path) -> str:
    """Where a path leads, in one spelling to compare: NFC (a Mac's names are NFD), in
    the case the file system compares."""
    return normalize("NFC", os.path.normcase(str(_resolved(path))))


def _recorded_from(db_path: Path) -> list[Path]:
    """The folders a relative path a merge recorded may be read from: the folder the
    merge ran in is not recorded; it is the ledger's (written beside the consolidated
    workbook, in the office's folder) or, when the merge ran elsewhere, perhaps the
    current one."""
    return list(dict.fromkeys((_resolved(Path(db_path)).parent, Path.cwd().resolve())))


def _at_the_place(reading: Ledger, db_path: Path, ref: str, period: str | None,
                  kept=lambda s: s.outcome != WITHDRAWN) -> list[Submission]:
    """The recorded files (``kept``: not withdrawn) at the place ``ref`` leads to, by the
    name of the file there (a recorded path ends with it)."""
    given = Path(ref)
    here, bases = _place(given), _recorded_from(db_path)
    names = {n for name in {given.name, _resolved(given).name} if name
             for n in (name, normalize("NFC", name), normalize("NFD", name))}
    same = {s.id: s for name in names for s in reading.matching(name, period=period)
            if kept(s) and any(_place(b / s.path) == here for b in bases)}
    return list(same.values())


def leads_nowhere(recorded: str, db_path: Path) -> bool:
    """Whether a recorded path finds no file any more: in full, or relative from the
    folders it may be read from (:func:`_recorded_from`)."""
    path = Path(recorded)
    if path.is_absolute():
        return not path.is_file()
    return not any((base / path).is_file() for base in _recorded_from(db_path))


def merged_into(sub: Submission, db_path: Path) -> str:
    """Where a recorded file was merged, as withdraw says it: "kỳ Q1", and the plan's
    code and year when the ledger holds more than one plan: next year's plan merged
    beside this year's has the same periods' codes, and a withdrawal said "kỳ Q1" of a
    file of last year's plan (a name both years' returns have, the consolidated workbook
    of next year given) with nothing to tell which."""
    with Ledger(db_path, create=False) as ledger:
        if len(ledger.plans()) < 2:
            return f"kỳ {sub.period}"
        year = ledger.plan_year(sub.plan_key)
    return f"kỳ {sub.period} của kế hoạch '{sub.plan_key}'" + (f" năm {year}" if year else "")


def shown_path(recorded: str, db_path: Path) -> str:
    """A recorded file's path as whoever runs a command here can use it. A merge records
    the path it was given, relative to the folder it ran in; a later command run from
    another folder ("withdraw" from the folder above) printed "nhan-ve/TP.xlsx", found
    from nowhere here. A path that finds the file only from the ledger's folder is said
    from here (relative below the current folder, else in full); else as recorded (the
    file gone, its name is what helps)."""
    path = Path(recorded)
    if path.is_absolute() or os.path.exists(path):
        return for_people(recorded)
    there = _resolved(_resolved(Path(db_path)).parent / path)
    if not os.path.exists(there):
        return for_people(recorded)
    with contextlib.suppress(ValueError):
        return for_people(str(there.relative_to(Path.cwd().resolve())))
    return for_people(str(there))


def copies_named_otherwise(snapshot: LedgerSnapshot,
                            run: list[tuple[Path, str, list[Finding]]],
                            first_of: dict[str, Path], fresh: set[Path]) -> None:
    """A file the same, byte for byte, as one already taken (in this merge or an earlier
    one) counts once, for that file's unit; when its name names another unit ("X066 Xã
    Mậu Duệ.xlsx", a copy of Xã Yên Minh's), that unit sent another's file: the office is
    warned, or it would chase a unit that did send something. A file known under its own
    name (a folder merged again, 2,000 files for one late one) is not looked at."""
    master = snapshot.master
    # Taken: counted, or replaced since by a later file of its unit (a refused file was
    # never counted for anyone).
    taken = {s.key: s for s in snapshot.submissions
             if s.unit and s.outcome in (ACCEPTED, SUPERSEDED)}
    names: FileNames | None = None
    for path, sha, extra in run:
        sub = taken.get(sha)
        if (first_of[sha] == path and path in fresh) or sub is None \
                or Path(sub.path).name == path.name:
            continue
        names = names or FileNames(master)
        said = names.named(path.name)
        if said is None or said.code.upper() == sub.unit.upper() or names.names(path.name,
                                                                                sub.unit):
            continue
        other, owner = master.unit(said.code).name, master.unit(sub.unit).name
        extra.append(Finding(
            WARNING, "copy-of-another-unit",
            f"tên tệp {said.says} {other} nhưng tệp giống hệt tệp đã nhận của {owner} "
            f"({Path(sub.path).name}): tệp chỉ được tính một lần, cho {owner}; có thể {other} "
            f"đã gửi nhầm tệp của đơn vị khác: đề nghị {other} gửi đúng tệp được giao cho "
            "mình", file=str(path), unit=said.code))
