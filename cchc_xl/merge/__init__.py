"""Merge: take back the workbooks units returned, check them, record them in the
ledger, and rebuild the consolidated workbook from the ledger when what it is built
from changed.

The package holds the rest of the run: :mod:`.judged_again` (refusals that depend on
the plan, judged again when it no longer gives their reason), :mod:`.counted` (when the
file that counts for a unit may not be the one it meant; a file withdrawn; the day
received) and :mod:`.result` (what a merge reports: each file's outcome, the summary,
``--json``). What a worker makes of one file is :mod:`cchc_xl.judged`, outside the
package: a worker imports it without the run.

One direction of data: files -> :mod:`intake` (identity, rows) -> :mod:`validate`
(findings) -> :mod:`ledger` (archive, submissions, rows, problems) -> outputs
(:mod:`consolidated.write`, :mod:`feedback`, JSON). Files are read in isolated workers (two
at once: :mod:`cchc_xl.isolate`), each recorded in the ledger as its result comes, so
memory does not grow with the number of files;
a file already in the ledger (same SHA-256, plan and period) is not read again, but for
one refused for a unit the plan now has (:mod:`cchc_xl.merge.judged_again`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from .. import archive as archived
from .. import assignment as A
from .. import bounds, clock
from ..archive import archive_dir
from ..edited import keep_copy, record_path
from ..errors import InputChangedError, NothingToMerge, OtherPeriodFiles, UsageError
from ..findings import Finding
from ..intake.bundles import BUNDLE_FOLDER, unpack_all
from ..intake.collect import (
    Skipped,
    collect_inputs,
    first_of_each_content,
    open_elsewhere,
    readable_name,
    resolved_paths,
)
from ..intake.convert import convert_with_office, needs_conversion
from ..intake.plan_index import PlanIndex
from ..isolate import Failure, run_isolated
from ..judged import Judged, Unjudged, judge, start_judging
from ..ledger import Ledger, Submission, default_db
from ..ledger.keys import digest, file_key
from ..ledger.lock import LOCK_WAIT_SECONDS, ledger_lock, lock_path, writing_ledger
from ..ledger.schema import period_version
from ..manifest import MANIFEST_SKIPPED, is_issued_list, is_manifest, issued_hashes
from ..model import Master, Period
from ..other_period import none_of_this_period, refused_if_all_other_period
from ..overwrite import OTHER_WORKBOOK, PLAN_TABLE, UNIT_FILE, WORD_DOCUMENT, refuse_overwrite
from ..periods import period_of
from ..plan_amended import amended_since
from ..pool import collector_paused
from ..report.summary import summarize
from ..snapshot import assigned_unit_codes, load_snapshot
from ..temporary import scratch, sweep_dead_scratch, sweep_left_by
from ..vocab import ERROR, NOTE
from ..xlio import (
    SameFiles,
    check_not_among,
    check_not_input,
    copy_checked,
    file_sha256,
    output_path,
    unreadable,
)
from ..year_turn import (
    MERGING,
    RECOUNTING,
    WITHDRAWING,
    refuse_another_plans,
    refuse_another_plans_letters,
    refuse_other_year,
)
from .counted import (
    copies_named_otherwise,
    counted_ids,
    cut_short_left,
    flag_doubtful_choices,
    forget_doubts,
    outdated_assessments,
    received_before_saved,
    received_refused,
    restate_received,
    taken_as_this_runs,
    unchecked_choices,
    withdraw_file,
)
from .judged_again import judge_again
from .moved import now_at
from .result import MergeResult, file_results, skipped_text

Progress = Callable[[int, int, str], None]
# After the files are read, the steps that write (seconds at scale: a province's feedback
# workbooks, the national consolidated workbook) are told through the same callback,
# their item "<step>: <file>" (the CLI draws a bar per step, the web page shows it).
STEP_TABLE = "Ghi bảng tổng hợp"
STEP_FEEDBACK = "Ghi tệp phản hồi"

# A withdrawn file named again (not found in a folder): wanted back (Ledger.restore).
RESTORED = ("tệp này đã được rút khỏi số liệu trước đó; gửi lại nên được đưa lại vào số liệu "
            "(nếu là tệp mới nhất của đơn vị thì được tính)")
ISSUED_SKIPPED = ("tệp giao do cchc-xl tạo, có trong danh sách các tệp giao gửi kèm, chưa điền: "
                  "không phải tệp đơn vị gửi về")
_RETURN_LABEL = "tệp đơn vị gửi"  # what an output is refused for clashing with
_COMMIT_EVERY = 100  # files recorded per transaction (an interrupted run keeps the rest)
_PREPARE_FROM = 100  # files to read from which every unit's rows are worked out at once


# --- the merge ----------------------------------------------------------------------

def _check_arguments(master: Master, period_code: str, out: Path, db: Path,
                     feedback_dir: Path | None, inputs: list[Path],
                     received: date | None = None, today: date | None = None) -> Period:
    """The period, a received day not to come, and no output (consolidated workbook,
    ledger, its archive, feedback folder) that is one of the inputs (master, returns,
    ledger, archive)."""
    period = period_of(master, period_code)
    refused = received_refused(received, today, period) if received and today else ""
    if refused:  # worded as the option's other refusals: "--received: ngày nhận …"
        raise UsageError(f"--received: {refused[:1].lower()}{refused[1:].rstrip('.')}")
    plan_file = (master.path, "bảng kế hoạch")
    archive = (archive_dir(db), "kho lưu tệp của sổ cái")
    for place in (out, db, feedback_dir):
        if place is not None and not readable_name(str(place)):
            raise UsageError("đường dẫn có ký tự không đọc được (không phải bảng mã UTF-8): "
                             "sổ cái không ghi được tên đó", file=str(place),
                             hint="chọn tên khác cho tệp hoặc thư mục đó")
    output_path(out, (".xlsx",), "tổng hợp", [plan_file, archive, (db, "sổ cái")])
    check_not_input(db, "sổ cái", [plan_file, archive])
    named = SameFiles(p for p in inputs if not Path(p).is_dir())
    check_not_among(db, "sổ cái", named, _RETURN_LABEL)
    if feedback_dir is not None:
        _check_feedback_dir(feedback_dir, inputs)
        check_not_input(feedback_dir, "thư mục tệp phản hồi", [archive])
    return period


def _check_feedback_dir(folder: Path, inputs: list[Path]) -> None:
    """The feedback folder must not be, or hold, a folder of returns: the feedback files
    written there would be read back as returns on the next run (or the returns skipped)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError("--feedback cần một thư mục, đây là một tệp", file=str(folder),
                         hint="chọn thư mục khác cho --feedback, ví dụ bên cạnh tệp tổng hợp")
    target = folder.resolve()
    for given in inputs:
        path = Path(given).resolve()
        if path.is_dir() and (path == target or target in path.parents):
            raise UsageError(
                f"thư mục tệp phản hồi (--feedback) {folder} "
                + ("trùng với" if path == target else "chứa")
                + f" thư mục tệp đơn vị gửi {given}: tệp phản hồi sẽ lẫn với tệp đơn vị gửi",
                hint="chọn thư mục khác cho --feedback, ví dụ bên cạnh tệp tổng hợp")


def check_outputs(master: Master, out: Path, feedback_dir: Path | None,
                  doing: str = MERGING, *, db: Path | None = None, period: str = "") -> None:
    """A UsageError, before anything is written, when the consolidated workbook ``out``
    or the letters in ``feedback_dir`` of ``master``'s period are not this step's to
    write over (``doing`` its work: "gộp"): ``out`` a plan table, a unit's file, a
    document of another kind, or another plan's workbook (last year's tong-hop-Q1.xlsx:
    what was typed into it is read back only for this plan and period); a letter of
    another plan in ``feedback_dir`` (year_turn.refuse_another_plans_letters). Every
    step that writes the workbook asks it: a merge, and a refresh (:func:`refresh_outputs`:
    the web app's withdrawal, recount, and assessments read back, which calls it before
    it records them).

    The letters in a folder are looked at the first time a merge of the plan's
    ``period`` names it: each is opened for its plan (a millisecond: two thousand at a
    national plan's every merge, a late file's too), and the ledger ``db`` remembers
    the folders the period's merges wrote into (:func:`_wrote_letters_into`); such a
    folder holds the letters those merges wrote, and is not looked at again. Another
    folder named by a later merge (last year's, holding its letters) is looked at then,
    as the first merge's was; the workbook is looked at every time."""
    # Its own earlier workbook it writes again; never a plan table or a unit's file.
    refuse_overwrite(out, "tệp tổng hợp", (PLAN_TABLE, UNIT_FILE, WORD_DOCUMENT, OTHER_WORKBOOK))
    refuse_another_plans(out, master, "bảng tổng hợp", "--out", doing, typed=True)
    if feedback_dir is not None and not _wrote_letters_into(db, master.plan.key, period,
                                                            feedback_dir):
        refuse_another_plans_letters(feedback_dir, master, doing)


def _wrote_letters_into(db: Path | None, plan_key: str, period: str, folder: Path) -> bool:
    """Whether the ledger ``db`` records that a merge of the plan's ``period`` wrote its
    feedback into ``folder`` (looked at for another plan's letters then)."""
    if db is None or not period or not db.is_file():
        return False
    with Ledger(db, create=False) as ledger:
        return ledger.wrote_feedback_into(plan_key, period, folder)


def merge_returns(master: Master, inputs: list[Path], period_code: str, out: Path, *,
                  db: Path | None = None, feedback_dir: Path | None = None,
                  progress: Progress | None = None, now: datetime | None = None,
                  received: date | None = None, today: date | None = None,
                  wait_seconds: float = LOCK_WAIT_SECONDS,
                  waiting: Callable[[str], None] | None = None,
                  read_seconds: float = bounds.READ_SECONDS,
                  shown: Callable[[str], str] | None = None,
                  told: Callable[[Path, Submission], None] | None = None,
                  app: bool = False) -> MergeResult:
    """Merge returned workbooks for one period into the ledger and write ``out``.

    ``inputs`` are files or folders (walked recursively). ``db`` defaults to
    ``cchc-ledger.sqlite`` beside ``out``; the archive of input files goes beside
    the ledger. With ``feedback_dir``, each unit whose file has problems gets its
    own workbook back with the problems marked. ``now`` (default: the clock) is the
    merge time recorded for new submissions; ``received`` (default: ``now``'s day) the
    day the office received the new files, which decides whether a return was late;
    ``today`` (default: ``now``'s day) the day a ``received`` day must not be after and
    the feedback is written on (the web app's own day, which its tests and a QA run set:
    plan_periods.today).
    The office's assessments typed into an earlier ``out`` of the same plan and period
    are read back into the ledger before ``out`` is written again. ``out`` is written
    only when what it is built from changed (:func:`cchc_xl.consolidated.write.built_from`:
    the ledger's content for the period, the program) or it is not, byte for byte, the
    workbook this ledger last wrote there: a merge that accepts nothing new leaves it.

    ``shown`` names a file in the consolidated workbook as its reader knows it (the
    web app: the name it was uploaded by; default: its path as merged); ``app``: the
    workbook is the web app's, in its words (:func:`~cchc_xl.consolidated.write.
    write_consolidated`). ``told(path,
    submission)`` hears of each new file as soon as it is recorded (the web app lists it
    then: the ledger is committed a hundred files at a time, and another connection
    sees a file only after); its outcome may change when the run's files are weighed
    against each other at the end (a later file of the unit).

    One merge at a time writes a ledger: another one waits up to ``wait_seconds``
    (``waiting`` is told why), then gives up with an OutputError. Each new file
    is read in a worker process within :mod:`cchc_xl.bounds`; a file that could
    not be read this time (memory, time, no LibreOffice) is reported and left out
    of the ledger, so the next merge reads it again.
    """
    out = Path(out)
    db = Path(db) if db else default_db(out)
    if feedback_dir is not None:
        feedback_dir = Path(feedback_dir)
    today = today or (now or clock.now()).date()
    period = _check_arguments(master, period_code, out, db, feedback_dir, inputs, received,
                              today)
    skip = {}
    if feedback_dir is not None:
        # Feedback files of an earlier run, inside a folder of returns: not returns.
        skip[feedback_dir] = f"nằm trong thư mục tệp phản hồi {feedback_dir} (--feedback)"
    exclude = [p for p in (master.path and Path(master.path), db, lock_path(db),
                           record_path(db.parent),  # what cchc-xl wrote (edited.py)
                           archive_dir(db)) if p]
    paths, skipped = collect_inputs(inputs, exclude, skip)
    issued: set[str] = set()  # SHA-256 of the files split wrote, from manifests given
    kept = _without_manifests(paths, skipped, issued)
    returns = SameFiles(kept)  # each return looked at once, for the ledger and for out
    check_not_among(db, "sổ cái", returns, _RETURN_LABEL)
    if not kept:
        _nothing_to_merge(inputs, skipped)
    now = (now or clock.now()).replace(microsecond=0)
    kept, skipped = _not_the_output(returns, skipped, out, db, master.plan.key, period.code)
    check_outputs(master, out, feedback_dir, db=db, period=period.code)
    with ledger_lock(db, wait_seconds, waiting) as killed, writing_ledger(db):
        # Zips of returns: their files, unpacked into the archive (one merge at a time
        # writes there), are read as if given one by one.
        kept, unzipped, bundles = unpack_all(kept, archive_dir(db) / BUNDLE_FOLDER)
        skipped = skipped + unzipped
        kept = _without_manifests(kept, skipped, issued)  # a zipped split (giao.zip)
        if not kept:
            _nothing_to_merge(inputs, skipped)
        # Files named one by one (not found in a folder), and those of a zip so named
        # (a unit's file sent again as a mail's attachment): a withdrawn one is wanted
        # back. (As given too: a file found as given is known without resolving it again.)
        given = [Path(p) for p in inputs if not Path(p).is_dir()]
        named = {*given, *resolved_paths(given)}
        named |= {f for b in bundles if b.bundle in named for f in b.files}
        result = _merge_locked(master, period, kept, skipped, out, db, feedback_dir,
                               progress, now, read_seconds, issued, received, shown, told,
                               named, today, app, killed)
    result.bundles = bundles
    return result


def refresh_outputs(master: Master, period_code: str, out: Path, *,
                    db: Path | None = None, feedback_dir: Path | None = None,
                    withdraw: str | None = None, why: str = "",
                    wait_seconds: float = LOCK_WAIT_SECONDS,
                    shown: Callable[[str], str] | None = None,
                    today: date | None = None, doing: str = "", app: bool = False
                    ) -> MergeResult:
    """Write the period's consolidated workbook ``out`` (and feedback) again from the
    ledger as it stands, as a merge that reads no file does: the office's assessments
    typed into ``out`` are read back first, and ``out`` is written only if what it is
    built from changed. With ``withdraw`` (a file's name, path or SHA-256 prefix),
    that file is first taken out of the period's figures (:func:`counted.withdraw_file`,
    its submission in ``result.withdrawn``). The ledger is held throughout, as a merge
    holds it. ``today`` (default: the clock's) is the day the feedback is written, as
    :func:`merge_returns` takes it (the web app's own day). Refused before anything is
    done, as a merge is (:func:`check_outputs`), ``doing`` the step the refusal names
    (default: withdrawing the file, or recounting). ``shown`` and ``app``: as
    :func:`merge_returns` takes them."""
    doing = doing or (WITHDRAWING if withdraw else RECOUNTING)
    out = Path(out)
    db = Path(db) if db else default_db(out)
    period = _check_arguments(master, period_code, out, db, feedback_dir, [])
    check_outputs(master, out, feedback_dir, doing, db=db, period=period.code)
    if not db.is_file():
        raise UsageError("chưa có sổ cái: chưa gộp tệp nào của kỳ này", file=str(db))
    read: dict = {}  # assessments typed into the workbook, read before withdrawing
    with ledger_lock(db, wait_seconds) as killed, writing_ledger(db):
        withdrawn = withdraw_file(db, withdraw, period.code, why, read=read) if withdraw \
            else None
        now = clock.now().replace(microsecond=0)
        result = _merge_locked(master, period, [], [], out, db, feedback_dir, None, now,
                               bounds.READ_SECONDS, set(), None, shown, None, set(),
                               today or now.date(), app, killed)
    result.withdrawn, result.assessed = withdrawn, read | result.assessed
    return result


def _without_manifests(paths: list[Path], skipped: list[Skipped], issued: set[str]
                       ) -> list[Path]:
    """``paths`` less the manifests a split wrote, each added to ``skipped`` and the
    SHA-256 of the files it lists to ``issued``."""
    kept = []
    for p in paths:
        if is_manifest(p):
            skipped.append(Skipped(p, MANIFEST_SKIPPED))
            issued |= issued_hashes(p)
        else:
            kept.append(p)
    return kept


def _nothing_to_merge(inputs: list[Path], skipped: list[Skipped]) -> None:
    raise NothingToMerge("không có tệp nào để gộp trong " + ", ".join(str(p) for p in inputs)
                         + (f" (bỏ qua {len(skipped)} tệp: {skipped_text(skipped)})"
                            if skipped else ""),
                         hint="chỉ ra các tệp đơn vị gửi lại, hoặc thư mục chứa chúng",
                         skipped=skipped)


def _not_the_output(returns: SameFiles, skipped: list[Skipped], out: Path, db: Path,
                    plan_key: str, period: str) -> tuple[list[Path], list[Skipped]]:
    """``out`` found among the inputs: the consolidated workbook of an earlier merge
    (the ledger knows its content, or it names this ledger, plan and period: the office
    typed assessments into it) is skipped; anything else is a unit's file, which
    writing ``out`` would destroy (UsageError before anything is written)."""
    from ..consolidated.link import names_ledger

    kept = returns.paths
    mine = returns.matching(out)
    if not mine:
        return kept, skipped
    known = False
    if db.is_file() and db.stat().st_size:
        with Ledger(db, create=False) as ledger:
            known = ledger.is_output(file_sha256(mine[0]))
        known = known or names_ledger(mine[0], db, plan_key, period)
    if not known:
        raise UsageError(
            f"tệp tổng hợp {out} là một tệp đơn vị gửi đang được gộp: ghi ra đó sẽ xóa tệp "
            "của đơn vị; lệnh không ghi gì", hint="chọn tên khác cho --out, ngoài thư mục "
            "tệp đơn vị gửi")
    return ([p for p in kept if p not in mine],
            skipped + [Skipped(p, "tệp tổng hợp do cchc-xl tạo (--out)") for p in mine])


def _merge_locked(master: Master, period: Period, kept: list[Path], skipped: list[Skipped],
                  out: Path, db: Path, feedback_dir: Path | None, progress: Progress | None,
                  now: datetime, read_seconds: float, issued: set[str],
                  received: date | None, shown: Callable[[str], str] | None,
                  told: Callable[[Path, Submission], None] | None,
                  named: set[Path], today: date, app: bool, killed: int | None = None
                  ) -> MergeResult:
    plan_key = master.plan.key
    run: list[tuple[Path, str, list[Finding]]] = []
    failed: dict[str, Finding] = {}
    recorded: set[int] = set()  # the submissions this merge adds to the ledger
    with Ledger(db) as ledger, scratch("merge") as work:
        refuse_other_year(ledger, master, db)  # next year's plan under this year's code
        counted = period_version(ledger.db, plan_key, period.code)  # the last merge's plan
        version = ledger.save_plan(master, now)
        # Read back and compared only when it is another version than this merge's.
        amended = (amended_since(ledger.plan(plan_key, period.code), master, period)
                   if counted is not None and counted[0] != version else "")
        # A merge cut short before: its files' units' choices were never checked.
        cut_short = ledger.interrupted_merge(plan_key, period.code)
        # What the merges cut short since the last that finished recorded, unseen: said now
        # as this run's (errors in its exit code); a refresh says them left (read_files 0).
        merging = bool(kept)  # files given: not a refresh of the outputs
        unseen = ledger.recorded_unseen(plan_key, period.code)
        merge_id = ledger.begin_merge(plan_key, period.code, now, version, reads_files=merging)
        archived.sweep(ledger.archive_dir)  # copies a merge killed outright left
        if killed is not None:  # and what it was writing beside them, and its scratch
            sweep_left_by(killed, (out.parent, db.parent, feedback_dir))
        sweep_dead_scratch()  # a merge killed before it took the lock: its scratch
        from ..consolidated.link import read_back_assessments
        from ..consolidated.write import built_from

        # The workbook this ledger last wrote at ``out``, unchanged since (nothing typed
        # into it): nothing to read back, and no need to write it again if what it is
        # built from has not changed either.
        last = ledger.consolidated(plan_key, period.code, out)
        as_written = last is not None and out.is_file() and file_sha256(out) == last[0]
        unread: list[str] = []  # typed into it and not recorded: kept before it is written
        assessed = {} if as_written else read_back_assessments(ledger, out, plan_key,
                                                               period.code, now, unread)
        hashes = {}
        for p in kept:
            try:
                sha = file_sha256(p)
            except OSError as exc:  # gone, or replaced by what is not a file, since listed
                skipped.append(Skipped(p, unreadable(exc)))
                continue
            if ledger.is_output(sha):
                skipped.append(Skipped(p, "tệp do cchc-xl tạo (tổng hợp, báo cáo hoặc phản "
                                          "hồi), đơn vị chưa sửa"))
            elif sha in issued:
                # The office's own copy, given with the list of the files it was made with
                # (the split's folder, or its zip, dropped among the returns): no unit sent it.
                skipped.append(Skipped(p, ISSUED_SKIPPED))
            elif issued and is_issued_list(p):
                # Its list workbook, given with them: passed over here, as the manifests,
                # so that the folder or zip given out is said to hold nothing to merge
                # (any other copy of the list is passed over when read: judged.py).
                skipped.append(Skipped(p, MANIFEST_SKIPPED))
            else:
                # Known by content; an empty file by its name too (ledger.keys): two units'
                # empty files are not one file sent twice (issue #11).
                hashes[p] = file_key(sha, p)
        given, kept = kept, list(hashes)
        if given and not kept:
            # Ended here, not cut short (report says so); one cut short before is left.
            ledger.finish_merge(merge_id, now, read_files=False)
            left = cut_short_left(ledger, plan_key, period.code, cut_short, unseen, shown)
            raise NothingToMerge(f"không có tệp nào của đơn vị để gộp (bỏ qua {len(skipped)} "
                                 f"tệp: {skipped_text(skipped)})", skipped=skipped,
                                 cut_short=left)
        known = ledger.recorded_hashes(plan_key, period.code)
        # Put back when given again by name; looked up once, not per known file.
        withdrawn = ledger.withdrawn_hashes(plan_key, period.code) if named else set()
        fresh = {p for p in kept if hashes[p] not in known}
        first_of = first_of_each_content(kept, hashes, master)
        # In the order the files are recorded below (each judged result taken as its
        # file comes): a copy preferred to one given before it is read in its own place.
        to_read = [p for p in kept if first_of[hashes[p]] == p and p in fresh]
        convertible = [p for p in to_read if needs_conversion(p)]  # each file sniffed once
        converted, office_ran = _convert_checked(convertible, hashes, Path(work), failed)
        to_convert = set(convertible)
        jobs = []
        staged: dict[Path, Path | None] = {}  # each file's copy in the archive, to be moved
        for path in to_read:
            if hashes[path] in failed:  # changed since it was hashed
                continue
            if path in to_convert and path not in converted and not office_ran:
                failed[hashes[path]] = _not_read(path, "máy này không có LibreOffice để chuyển "
                                                 "tệp sang .xlsx, hoặc LibreOffice không chạy được")
            else:
                # Read from a copy made in the archive beside its place (moved there when
                # recorded), unless it is kept there already or read converted.
                kept_at = None if path in to_convert else ledger.archive_target(path,
                                                                                hashes[path])
                staged[path] = archived.staging(kept_at) if kept_at is not None else None
                jobs.append((path, digest(hashes[path]), converted.get(path),
                             hashes[path] in issued, staged[path]))
        known_subs: dict[str, Submission] = {}  # filled when a known file is given a day
        counted = counted_ids(ledger, plan_key, period.code)  # each unit's, before this run
        settling: set[str] = set()  # units with files recorded since the last commit
        passed_over: dict[str, str] = {}  # the office's workbooks read, by content: why
        # Files read and checked in worker processes, each within a memory and time
        # budget (a file that overruns it is reported, not recorded); this process
        # alone writes the ledger.
        # What the workers share, made only when a file is to be read; every unit's rows
        # worked out at once only for many files (90 ms at national size, against 0.5 ms
        # a unit when its file is read: a late file does not pay for 2,000 units).
        index = PlanIndex(master)
        shared = (master, period, A.most_rows(master), index.prepare()
                  if len(jobs) > _PREPARE_FROM else index, now) if jobs else (None, None, 0, None)
        workers = run_isolated(judge, jobs, initializer=start_judging, initargs=shared,
                               seconds=read_seconds)
        # No file of this period known in the run: stopped if every file is another's.
        judged = (refused_if_all_other_period(workers, master, period) if none_of_this_period(
            ledger, plan_key, period.code, {hashes[p] for p in kept if p not in fresh})
            else workers)
        try:
            # Recorded in a few transactions, not one per file.
            with ledger.batch():
                for done, path in enumerate(kept, start=1):
                    if progress:
                        progress(done, len(kept), path.name)
                    sha = hashes[path]
                    extra: list[Finding] = []
                    if first_of[sha] != path:
                        extra.append(Finding(NOTE, "duplicate-file",
                                             f"cùng nội dung với tệp {first_of[sha]}: tính là một "
                                             "lần gửi", file=str(path)))
                    elif path in fresh and sha not in failed:
                        (read, *_), outcome = next(judged)
                        if read != path:  # never another file's result recorded for it
                            raise RuntimeError(f"merge: result of {read} taken for {path}")
                        if isinstance(outcome, Unjudged) and outcome.office:  # not a return
                            skipped.append(Skipped(path, outcome.reason))
                            passed_over[sha] = outcome.reason
                            if outcome.known:  # known by its content next
                                ledger.record_output(digest(sha), path, now)
                            continue
                        if isinstance(outcome, Failure | Unjudged):
                            failed[sha] = _not_read(path, outcome.reason)
                        else:
                            try:
                                recorded.add(_record(ledger, master, period, path, sha,
                                                     outcome, now, received, staged.get(path)))
                                settling.add(outcome.owner or "")
                            except InputChangedError as exc:  # not what was read
                                failed[sha] = _not_read(path, exc.message)
                            else:
                                if told is not None:
                                    told(path, ledger.find(sha, plan_key, period.code))
                            if done % _COMMIT_EVERY == 0:
                                # Committed with one file counted per unit: a merge cut
                                # short leaves no unit with two.
                                outdated_assessments(ledger, plan_key, period.code, counted,
                                                     ledger.settle(plan_key, period.code,
                                                                   settling), now)
                                settling.clear()
                    elif path not in fresh and sha in withdrawn and (
                            path in named or path.resolve() in named) and (
                            restored := ledger.restore(sha, plan_key, period.code)):
                        forget_doubts(ledger, restored)
                        extra.append(Finding(NOTE, "file-restored", RESTORED, file=str(path)))
                    if path not in fresh and first_of[sha] == path and received is not None:
                        extra += _received_again(ledger, plan_key, period, sha, received,
                                                 str(path), known_subs)
                    run.append((path, sha, extra))
            # The copies of a workbook of the office passed over (two of the consolidated
            # workbook, of the plan table) are passed over too, not results of no file.
            skipped.extend(Skipped(p, passed_over[sha]) for p, sha, _ in run
                           if sha in passed_over)
            run[:] = [entry for entry in run if entry[1] not in passed_over]
        except OtherPeriodFiles as exc:  # refused, not cut short; one cut short said left
            ledger.finish_merge(merge_id, now, read_files=False)
            exc.cut_short = cut_short_left(ledger, plan_key, period.code, cut_short, unseen, shown)
            raise
        finally:
            judged.close()
            workers.close()  # its workers stop, whatever judged held back
            start_judging(None, None, 0, None)
            for copy in staged.values():  # not moved into place: a file not recorded
                if copy is not None:
                    archived.discard(copy)
        # Known files where their recorded place is not (the folder moved, copied or
        # restored elsewhere): said where they are now. The files this run recorded are
        # where they were given: not looked for elsewhere (a stat per folder of their path).
        ledger.relocate(plan_key, period.code, now_at({
            hashes[p]: str(p) for p in kept if first_of[hashes[p]] == p}, db))
        # Files refused for a unit the plan did not have, and has now: read again.
        for sub in judge_again(ledger, master, period, Path(work), read_seconds, now):
            recorded.add(sub.id)
            if sub.key not in {sha for _, sha, _ in run}:
                run.append((Path(sub.path), sub.key, []))
                first_of.setdefault(sub.key, Path(sub.path))
        unseen_keys = taken_as_this_runs(ledger, plan_key, period.code, unseen, run, first_of,
                                         merging)
        outdated_assessments(ledger, plan_key, period.code, counted,
                             ledger.settle(plan_key, period.code), now, whole=True)
        unchecked = unchecked_choices(ledger, plan_key, period.code, cut_short)
        flag_doubtful_choices(ledger, plan_key, period.code, recorded | unchecked)
        fingerprint = built_from(ledger, plan_key, period.code, out, named=shown is not None,
                                 app=app)
    from ..consolidated.write import write_consolidated

    rebuild = not (as_written and last[1] == fingerprint)
    with collector_paused():  # the period's answers and figures live until the end
        snapshot = load_snapshot(db, period.code, plan_key)
        copies_named_otherwise(snapshot, run, first_of, fresh)
        figures = summarize(snapshot)
        # The office's typing not read (a verdict one column off, a column deleted) is in
        # this file alone: kept beside it, byte for byte, before it is written over.
        out_kept = keep_copy(out) if rebuild and unread and out.is_file() else None
        if rebuild:
            if progress:
                progress(0, 1, f"{STEP_TABLE}: {out.name}")
            write_consolidated(snapshot, out, figures, shown=shown, app=app)
            if progress:
                progress(1, 1, f"{STEP_TABLE}: {out.name}")
    result = MergeResult(plan_key=plan_key, period=period, out=out, db=db,
                         files=file_results(snapshot, run, failed, recorded | unseen,
                                            shown),
                         rows=snapshot.rows,
                         missing_units=snapshot.missing_units,
                         unit_names=snapshot.unit_names, skipped=skipped,
                         feedback_dir=feedback_dir, figures=figures,
                         assessed=assessed, unread=unread, out_kept=out_kept,
                         out_open=rebuild and open_elsewhere(out),
                         plan_amended=amended,
                         assigned=frozenset(assigned_unit_codes(snapshot.master)),
                         cut_short=cut_short, cut_short_left=not merging,
                         cut_short_keys=frozenset(unseen_keys))
    if feedback_dir is not None:
        from ..feedback import earlier_feedback, write_feedback

        inputs = [(master.path, "bảng kế hoạch"), (db, "sổ cái"), (out, "tệp tổng hợp"),
                  *((p, _RETURN_LABEL) for p in kept)]
        unchanged: list[Path] = []  # not recorded again (the office may annotate them)
        told = (lambda done, total, name: progress(done, total, f"{STEP_FEEDBACK}: {name}")
                ) if progress else None
        # Each workbook known as cchc-xl's before it is put in place: a merge killed
        # after writing one and before recording it left it unknown for good (the next
        # merge finds it as it would write it, and leaves it).
        with Ledger(db) as ledger:
            result.feedback = write_feedback(
                snapshot, Path(feedback_dir), inputs, result.feedback_too_large, unchanged,
                progress=told, unconverted=result.feedback_unconverted, today=today,
                recording=lambda sha, path: ledger.record_output(sha, path, now))
        earlier = earlier_feedback(snapshot, Path(feedback_dir), result.feedback)
    # Remembered so that a file cchc-xl wrote, dropped among the returns unchanged, is
    # not taken for a unit's new submission.
    with Ledger(db) as ledger:
        if feedback_dir is not None:
            result.feedback_removed = _remove_earlier_feedback(ledger, earlier)
            if Path(feedback_dir).is_dir():  # its letters looked at: not at the next merge
                ledger.record_feedback_folder(plan_key, period.code, Path(feedback_dir), now)
        # Not written again: its hash is the one checked above (read once).
        sha = last[0] if not rebuild else file_sha256(out)
        ledger.record_output(sha, out, now)
        if rebuild:
            ledger.record_consolidated(plan_key, period.code, out, sha, fingerprint, now)
        ledger.finish_merge(merge_id, clock.now().replace(microsecond=0))
    return result


def _remove_earlier_feedback(ledger: Ledger, paths: list[Path]) -> list[Path]:
    """Remove the feedback workbooks ``paths`` that this ledger wrote and that are as it
    wrote them (anything else, a file someone changed or put there, is left); the
    removed ones."""
    removed = []
    for path in paths:
        try:
            if ledger.is_output(file_sha256(path)):
                path.unlink()
                removed.append(path)
        except OSError:  # gone meanwhile, or not ours to remove: left as it is
            continue
    return removed


def _convert_checked(paths: list[Path], hashes: dict[Path, str], work: Path,
                     failed: dict[str, Finding]) -> tuple[dict[Path, Path], bool]:
    """:func:`convert_with_office` on copies made as each file is hashed again, so that
    what is converted is what was hashed (and will be archived); a file changed since
    is not read this time (``failed``)."""
    checked: dict[Path, Path] = {}
    for n, path in enumerate(paths):
        copy = work / "checked" / f"{n:04d}{path.suffix}"
        copy.parent.mkdir(exist_ok=True)
        try:
            copy_checked(path, copy, digest(hashes[path]))
        except InputChangedError as exc:
            failed[hashes[path]] = _not_read(path, exc.message)
            continue
        checked[copy] = path
    converted, office_ran = convert_with_office(list(checked), work)
    return {checked[copy]: made for copy, made in converted.items()}, office_ran


def _not_read(path: Path, reason: str) -> Finding:
    return Finding(ERROR, "file-not-read",
                   f"lần này chưa đọc được tệp: {reason}; tệp chưa được ghi vào sổ cái và sẽ "
                   "được đọc lại ở lần gộp sau", file=str(path))


def _received_again(ledger: Ledger, plan_key: str, period: Period, sha: str, day: date,
                    path: str, known: dict[str, Submission]) -> list[Finding]:
    """A file recorded before, given again with the day it was received: an earlier day
    corrects the one recorded (counted.restate_received). ``known``: the period's
    submissions by SHA-256, read once for the run."""
    if not known:
        known.update((s.key, s) for s in ledger.submissions(plan_key, period.code))
    sub = known.get(sha)
    said = restate_received(ledger, sub, day, path) if sub is not None else None
    return [said] if said is not None else []


def _record(ledger: Ledger, master: Master, period: Period, path: Path, sha: str,
            judged: Judged, now: datetime, received: date | None = None,
            staged: Path | None = None) -> int:
    """Archive a judged file (moved from ``staged``, the copy its worker read, if it
    made one) and record it: its submission's id."""
    rf = judged.rf
    identity = rf.identity.identity if rf.identity else None
    ledger.archive(path, sha, rf.size, now, staged if judged.staged else None)
    # A file saved after the merge has a wrong clock (saved-time-future says so).
    if received and rf.saved_at and rf.saved_at <= now and (
            early := received_before_saved(received, rf.saved_at, str(path))) is not None:
        judged.findings.append(early)
    return ledger.add(sha256=sha, plan_key=master.plan.key, period=period.code, unit=judged.owner,
               path=str(path), kind=rf.converted_from or rf.kind, saved_at=rf.saved_at,
               modified_at=rf.modified_at, merged_at=now, accepted=judged.unit is not None,
               identity=identity.fields() if identity else None, findings=judged.findings,
               rows=judged.reports, received=received, named_period=judged.named_period)
