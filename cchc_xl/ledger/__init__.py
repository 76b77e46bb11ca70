"""The ledger: an SQLite file that remembers every returned file, so nothing is lost.

Every input file is kept in an archive folder beside the ledger under its SHA-256
(:mod:`cchc_xl.archive`), and the ledger records, per plan and period, each submission
(file, unit, outcome, counts), the rows merged from it and every problem found. The
consolidated workbook and later reports are rebuilt from the ledger alone: the plan is
kept as a JSON snapshot (:func:`cchc_xl.plan_codec.plan_to_dict`), once per version of
the master, so ``report`` does not need the master. Each row is an
:class:`~cchc_xl.answer.Answer`, stored as validation made it.

Idempotent by content: a file whose SHA-256 is already recorded for the plan and
period is the same submission, not a new one, so merging the same files again
changes nothing, and a later merge of late returns adds to the earlier ones. A
file is checked once, when first merged: its findings stay as they were even if
the master is edited later (start a new ledger to check everything again). Files
cchc-xl itself wrote (feedback workbooks) are remembered by content too, so that
one dropped back among the returns unchanged is not taken for a submission.

Supersession: when a unit sends several accepted files for one plan and period, the
newest wins and the others stay in the ledger as superseded. "Newest" is the time the
unit last saved the file, as recorded inside the workbook (docProps ``modified``, in
local time), else the file's own time; ties go to the file merged later. Rejected files
never supersede. The schema, the snapshot's fields and why the saved time: docs/ledger.md.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from pathlib import Path

from .. import archive as archived
from .. import findings as F
from ..answer import Answer
from ..archive import archive_dir
from ..errors import LedgerError, UsageError
from ..findings import Finding
from ..model import Master, Period
from ..plan_codec import plan_from_dict, plan_json
from ..submission import Submission
from ..vocab import (
    ACCEPTED,
    ERROR,
    NOTE,
    REJECTED,
    SUPERSEDED,
    WARNING,
    WITHDRAWN,
    withdrawn_reason,
)
from .digest import period_digest
from .keys import SEPARATOR, digest, split_key
from .outputs import WrittenOutputs
from .schema import (
    columns,
    damaged,
    emptied,
    is_damage,
    make_new,
    plan_snapshot,
    prepare,
    read_only_uri,
    row_date,
    store_version,
    stored_date,
    version_snapshot,
    version_snapshots,
)

# json.dumps(value, ensure_ascii=False), its encoder made once (dumps makes one per call
# when given an option): a row's raw texts, thousands per merge.
_json_text = json.JSONEncoder(ensure_ascii=False).encode

LEDGER_NAME = "cchc-ledger.sqlite"


_WAIT_SECONDS = 30  # how long a read or a commit waits for another process's


def default_db(out: Path) -> Path:
    """The ledger's default place: beside the consolidated workbook."""
    return Path(out).parent / LEDGER_NAME


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


_SUBMISSION_COLUMNS = ("s.id, s.sha256, s.plan_key, s.period, s.unit, s.path, s.kind, s.saved_at,"
                       " s.modified_at, s.merged_at, s.outcome, s.reason, s.errors, s.warnings,"
                       " s.notes, f.archived, {received}, s.identity, p.year,"
                       " EXISTS (SELECT 1 FROM rows r WHERE r.submission_id = s.id),"
                       " {name_key}, {named_period}")
_PROBLEM_COLUMNS = "severity, code, message, file, sheet, cell, unit, task"
_HEX = frozenset("0123456789abcdefABCDEF")


class Ledger(WrittenOutputs):
    """An open ledger. Use as a context manager; each change is its own transaction."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise UsageError("không tìm thấy sổ cái", file=str(self.path),
                             hint="chạy 'cchc-xl merge' trước để tạo sổ cái")
        if self.path.is_file() and self.path.stat().st_size == 0:
            # SQLite would take an empty file for a new ledger and every earlier
            # submission would silently be gone: a truncated ledger is never reused.
            raise emptied(self.path)
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if not self.path.exists():
                    make_new(self.path)  # never seen half-made (0 bytes) by a reader
                # A commit waits for a read of another process to end (Ledger.reading).
                self.db = sqlite3.connect(self.path, timeout=_WAIT_SECONDS)
                self.db.execute("PRAGMA foreign_keys = ON")
                prepare(self.db)  # tables created, an earlier ledger's schema migrated
            else:
                # Reading (report, split --ledger) never writes to the ledger.
                self.db = sqlite3.connect(read_only_uri(self.path), uri=True,
                                          timeout=_WAIT_SECONDS)
                self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            submitted = columns(self.db, "submissions")
            self._named = "name_key" in submitted  # schema 6
            # A finding's places (schema 7): NULL, none, in a ledger from before.
            self._places = "places" if "places" in columns(self.db, "problems") else "NULL"
            self._columns = self._submission_columns(submitted)
        except sqlite3.DatabaseError as exc:
            # SQLite's own words are English: the usual ones are said in Vietnamese.
            why = ("tệp không phải sổ cái của cchc-xl" if "not a database" in str(exc) else
                   "sổ cái đang bị chương trình khác giữ" if "locked" in str(exc) else str(exc))
            raise LedgerError(f"không mở được sổ cái ({why})", file=str(self.path),
                              hint="chỉ ra đúng tệp sổ cái (cchc-ledger.sqlite), hoặc đóng "
                                   "chương trình đang giữ nó rồi chạy lại") from exc
        self.db.row_factory = sqlite3.Row  # columns by name (rows still unpack as tuples)
        self.archive_dir = archive_dir(self.path)
        self._batching = False

    def _submission_columns(self, has: set[str]) -> str:
        """The submissions' columns (``has``: the table's): the received date and the
        period named NULL and the name key '' in a ledger from before them opened for
        reading."""
        return _SUBMISSION_COLUMNS.format(
            received="s.received" if "received" in has else "NULL",
            name_key="s.name_key" if self._named else "''",
            named_period="s.named_period" if "named_period" in has else "NULL")  # schema 10

    def _key_sql(self, table: str = "") -> str:
        """SQL for a submission's key (:mod:`.keys`) in a query of ``table`` ("s." ...)."""
        if not self._named:
            return f"{table}sha256"
        return (f"{table}sha256 || CASE WHEN {table}name_key = '' THEN ''"
                f" ELSE '{SEPARATOR}' || {table}name_key END")

    def __enter__(self) -> Ledger:
        return self

    @contextmanager
    def batch(self) -> Iterator[Ledger]:
        """Record several submissions in one transaction: committed at the end (or by
        :meth:`commit` on the way), rolled back as a whole by an error."""
        self._batching = True
        try:
            with self.db:
                yield self
        finally:
            self._batching = False

    def commit(self) -> None:
        """Commit what a :meth:`batch` recorded so far."""
        self.db.commit()

    def _change(self):
        """One change's transaction, or the batch's."""
        return nullcontext() if self._batching else self.db

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close()
        if is_damage(exc):  # found only when the damaged part is read
            raise damaged(self.path) from exc

    def close(self) -> None:
        self.db.close()

    # --- plan ---------------------------------------------------------------------

    def save_plan(self, master: Master, now: datetime) -> int:
        """Make the plan's snapshot its current version (stored once per version: an
        unchanged plan stores nothing) and keep its periods; the version's id."""
        key = master.plan.key
        text = plan_json(master)
        with self._change():
            version = store_version(self.db, key, text, now.isoformat())
            self.db.execute(
                "INSERT INTO plans VALUES (?, ?, ?, ?, ?) ON CONFLICT (plan_key) DO UPDATE"
                " SET year = excluded.year, title = excluded.title, version = excluded.version,"
                " updated_at = excluded.updated_at WHERE version != excluded.version",
                (key, master.plan.year, master.plan.title, version, now.isoformat()))
            for n, p in enumerate(master.periods):
                self.db.execute(
                    "INSERT OR REPLACE INTO periods VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, p.code, p.name, p.start.isoformat(), p.cutoff.isoformat(),
                     p.due.isoformat(), n))
        return version

    # --- submissions --------------------------------------------------------------

    def find(self, key: str, plan_key: str, period: str) -> Submission | None:
        """The period's file of this key (:mod:`.keys`: its SHA-256, an empty file's with
        its name), None when there is none."""
        sha, name = split_key(key)
        where, args = "s.sha256 = ? AND s.plan_key = ? AND s.period = ?", (sha, plan_key,
                                                                           period)
        if self._named:  # else a ledger from before schema 6, read: by content alone
            where, args = f"{where} AND s.name_key = ?", (*args, name)
        rows = self._submissions(where, args)
        return rows[0] if rows else None

    def recorded_hashes(self, plan_key: str, period: str) -> set[str]:
        """The key (:mod:`.keys`) of every file recorded for a plan's period, in one
        query."""
        return {key for key, in self.db.execute(
            f"SELECT {self._key_sql()} FROM submissions WHERE plan_key = ? AND period = ?",
            (plan_key, period))}

    def withdrawn_hashes(self, plan_key: str, period: str) -> set[str]:
        """The keys of the period's files the office withdrew (those a merge given them
        again by name puts back: :meth:`restore`), in one query."""
        return {key for key, in self.db.execute(
            f"SELECT {self._key_sql()} FROM submissions WHERE plan_key = ? AND period = ?"
            " AND outcome = ?", (plan_key, period, WITHDRAWN))}

    def _kept(self, sha256: str) -> str | None:
        """Where a file is kept in the archive (relative to the ledger's folder), if it is."""
        known = self.db.execute("SELECT archived FROM files WHERE sha256 = ?",
                                (sha256,)).fetchone()
        return known[0] if known and (self.path.parent / known[0]).is_file() else None

    def archive_target(self, source: Path, key: str) -> Path | None:
        """Where :meth:`archive` will keep ``source`` (of this key: :mod:`.keys`); None if
        it is kept already."""
        sha256 = digest(key)
        return None if self._kept(sha256) else archived.target(self.archive_dir, source, sha256)

    def archive(self, source: Path, key: str, size: int, now: datetime,
                staged: Path | None = None) -> str:
        """Keep a file in the archive under its SHA-256 (once): moved from ``staged``
        (a checked copy made beside its place, :func:`cchc_xl.archive.stage`) or
        copied; its path relative to the ledger's folder. InputChangedError, nothing
        archived, if a copy made now finds the file's bytes no longer those of
        ``sha256`` (written to or replaced since they were read). One copy of each
        content: ``key`` (:mod:`.keys`) its SHA-256, an empty file's with its name."""
        sha256 = digest(key)
        kept = self._kept(sha256)
        if kept:
            return kept
        target = archived.target(self.archive_dir, source, sha256)
        archived.place(source, sha256, target, staged)
        relative = target.relative_to(self.path.parent).as_posix()
        with self._change():
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                            (sha256, size, source.name, relative, now.isoformat()))
        return relative

    def add(self, *, sha256: str, plan_key: str, period: str, unit: str | None, path: str,
            kind: str, saved_at: datetime | None, modified_at: datetime | None,
            merged_at: datetime, accepted: bool, identity: dict[str, str] | None,
            findings: list[Finding], rows: list[Answer], received: date | None = None,
            named_period: str = "") -> int:
        """Record one submission with its rows and problems, in one transaction.

        ``sha256`` is the file's key (:mod:`.keys`: an empty file's names it too);
        ``unit`` is None for a file not known to be a unit's of this plan; ``received``
        is the day the office received the file (default: the merge's day);
        ``named_period``, the period a file without identity names, refused as its
        (:attr:`Submission.period_named`)."""
        sha256, name = split_key(sha256)
        everything = list(findings) + [f for r in rows for f in r.findings]
        errors = [f for f in everything if f.severity == ERROR]
        reason = "" if accepted else (errors[0].message if errors else "")
        with self._change():
            cur = self.db.execute(
                "INSERT INTO submissions (sha256, plan_key, period, unit, path, kind, saved_at,"
                " modified_at, merged_at, outcome, reason, errors, warnings, notes, identity,"
                " received, name_key, named_period)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sha256, plan_key, period, unit or "", path, kind, _iso(saved_at),
                 _iso(modified_at), merged_at.isoformat(), ACCEPTED if accepted else REJECTED,
                 reason, len(errors), F.count(everything, WARNING), F.count(everything, NOTE),
                 json.dumps(identity, ensure_ascii=False) if identity else None,
                 (received or merged_at.date()).isoformat(), name, named_period or None))
            sid = cur.lastrowid
            self.db.executemany(
                "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, r.deliverable, r.task, r.role, r.sheet, r.row, r.status, r.percent,
                  _iso(r.completed_on), r.evidence, r.note, r.timeliness,
                  _json_text(r.raw)) for r in rows])
            self._add_problems(sid, [(f, 0) for f in findings]
                               + [(f, 1) for r in rows for f in r.findings])
        return sid

    def _add_problems(self, sid: int, found: Iterable[tuple[Finding, int]]) -> None:
        """Findings of a submission, each with 1 when it is a row's, else 0."""
        self.db.executemany(
            f"INSERT INTO problems (submission_id, {_PROBLEM_COLUMNS}, places, on_row)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sid, f.severity, f.code, f.message, f.file, f.sheet, f.cell, f.unit, f.task,
              _json_text(f.places) if f.places else None, on_row) for f, on_row in found])

    def begin_merge(self, plan_key: str, period: str, now: datetime,
                    plan_version: int | None = None, *, reads_files: bool = True) -> int:
        """Record that a merge started (finished: :meth:`finish_merge`), checking its
        files against ``plan_version`` (:meth:`save_plan`); ``reads_files`` False for a
        merge given no file (the outputs written again: ``merge.refresh_outputs``), which
        neither ends nor hides a merge cut short (:meth:`interrupted_merge`)."""
        with self.db:
            return self.db.execute(
                "INSERT INTO merges (plan_key, period, started_at, plan_version,"
                " after_submission, read_files) VALUES (?, ?, ?, ?, (SELECT coalesce(max(id),"
                " 0) FROM submissions), ?)",
                (plan_key, period, now.isoformat(), plan_version, int(reads_files))).lastrowid

    def finish_merge(self, merge_id: int, now: datetime, *, read_files: bool = True) -> None:
        """``read_files`` False: the merge ended before it said any file (nothing to
        merge, every file of another period), so it says nothing of one cut short."""
        with self.db:
            self.db.execute("UPDATE merges SET finished_at = ?"
                            + ("" if read_files else ", read_files = 0") + " WHERE id = ?",
                            (now.isoformat(), merge_id))

    def _merges_read(self) -> str:
        """The merges that read files (a condition on ``merges``): every merge of a ledger
        before schema 9 (no refresh told apart then), opened for reading."""
        return ("coalesce(read_files, 1) = 1" if "read_files" in columns(self.db, "merges")
                else "1 = 1")

    def interrupted_merge(self, plan_key: str, period: str) -> str | None:
        """When the last merge of the plan and period that read files started, if it
        never finished; the outputs written again since (a withdrawal, a recount, verdicts
        read back: ``read_files`` 0) leave it cut short."""
        try:
            row = self.db.execute(
                "SELECT started_at, finished_at FROM merges WHERE plan_key = ? AND period = ?"
                f" AND {self._merges_read()} ORDER BY id DESC LIMIT 1",
                (plan_key, period)).fetchone()
        except sqlite3.OperationalError:  # a ledger from before merges were recorded
            return None
        return row[0] if row and row[1] is None else None

    def recorded_unseen(self, plan_key: str, period: str) -> set[int]:
        """The submissions of the plan and period that the merges since its last one that
        finished recorded (each cut short: killed, stopped, or failing before it said what
        it read): those added after the first of them began (``merges.after_submission``);
        for a merge begun before schema 8, those whose ``merged_at`` is its start, unless
        a merge that finished started at the same moment. Only merges that read files
        count (:meth:`interrupted_merge`): a refresh of the outputs between says none."""
        try:
            of_period = (f"FROM merges WHERE plan_key = ? AND period = ? AND "
                         f"{self._merges_read()}")
            done = {at for (at,) in self.db.execute(
                f"SELECT started_at {of_period} AND finished_at IS NOT NULL",
                (plan_key, period))}
            cut = self.db.execute(
                f"SELECT started_at, after_submission {of_period} AND finished_at IS NULL"
                f" AND id > (SELECT coalesce(max(id), 0) {of_period}"
                " AND finished_at IS NOT NULL)", (plan_key, period) * 2).fetchall()
        except sqlite3.OperationalError:  # a ledger from before merges were recorded
            return set()
        if not cut:
            return set()
        first = min((after for _, after in cut if after is not None), default=None)
        started = {at for at, after in cut if after is None} - done
        return {sid for sid, at in self.db.execute(
            "SELECT id, merged_at FROM submissions WHERE plan_key = ? AND period = ?",
            (plan_key, period)) if (first is not None and sid > first) or at in started}

    def last_merged(self, plan_key: str, period: str | None = None) -> datetime | None:
        """When the last merge of the plan and period (None: of any period) that finished
        ended (a merge of files, or outputs written again after a withdrawal or
        assessments)."""
        try:
            row = self.db.execute(
                "SELECT max(finished_at) FROM merges WHERE plan_key = ? AND coalesce(?, period)"
                " = period", (plan_key, period)).fetchone()
        except sqlite3.OperationalError:  # a ledger from before merges were recorded
            return None
        try:
            return datetime.fromisoformat(row[0]) if row and row[0] else None
        except ValueError:
            return None

    def settle(self, plan_key: str, period: str, units: Iterable[str] | None = None
               ) -> dict[str, int]:
        """Mark, per unit (of ``units``, else each), the newest acceptable submission
        accepted and the rest superseded; committed: each such unit's counted one."""
        where, args = "s.plan_key = ? AND s.period = ?", (plan_key, period)
        if units is not None:
            units = sorted(units)
            where += f" AND s.unit IN ({', '.join('?' * len(units))})"
            args += tuple(units)
        subs = [s for s in self._submissions(where, args)
                if s.outcome not in (REJECTED, WITHDRAWN)]
        newest: dict[str, Submission] = {}
        for s in subs:
            if s.unit not in newest or s.newer_key > newest[s.unit].newer_key:
                newest[s.unit] = s
        with self.db:
            for s in subs:
                outcome = ACCEPTED if newest[s.unit].id == s.id else SUPERSEDED
                if outcome != s.outcome:
                    self.db.execute("UPDATE submissions SET outcome = ? WHERE id = ?",
                                    (outcome, s.id))
        return {unit: s.id for unit, s in newest.items()}

    def acceptable(self, plan_key: str, period: str) -> list[Submission]:
        """The period's submissions that count or were superseded (without problems)."""
        return [s for s in self._submissions("s.plan_key = ? AND s.period = ?",
                                             (plan_key, period))
                if s.outcome in (ACCEPTED, SUPERSEDED)]

    def answered_before(self, plan_key: str, cutoff: date | None) -> bool:
        """Whether an accepted file of the plan has rows in a period cut off before
        ``cutoff`` (or of no recorded period), as carried.previous_reports reads them:
        what split's prefill carries forward."""
        before = cutoff.isoformat() if cutoff else "9999-12-31"
        return self.db.execute(
            "SELECT 1 FROM submissions s JOIN rows r ON r.submission_id = s.id"
            " LEFT JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period"
            " WHERE s.plan_key = ? AND s.outcome = ?"
            " AND (p.cutoff IS NULL OR p.cutoff < ?) LIMIT 1",
            (plan_key, ACCEPTED, before)).fetchone() is not None

    def set_received(self, submission_id: int, day: date) -> None:
        with self._change():
            self.db.execute("UPDATE submissions SET received = ? WHERE id = ?",
                            (day.isoformat(), submission_id))

    def add_finding(self, submission_id: int, finding: Finding) -> None:
        """A finding about a submission found after it was recorded (not on a row)."""
        count = {ERROR: "errors", WARNING: "warnings"}.get(finding.severity, "notes")
        with self.db:
            self._add_problems(submission_id, [(finding, 0)])
            self.db.execute(f"UPDATE submissions SET {count} = {count} + 1 WHERE id = ?",
                            (submission_id,))

    def withdraw(self, submission: Submission, now: datetime, why: str = "") -> dict[str, int]:
        """Take a submission out of every figure; it stays in the ledger as history.

        The unit's previous acceptable file (if any) becomes its submission again
        (returned as :meth:`settle` returns it; counted.forget_doubts is the caller's)."""
        reason = withdrawn_reason(now, why)
        with self.db:
            self.db.execute("UPDATE submissions SET outcome = ?, reason = ? WHERE id = ?",
                            (WITHDRAWN, reason, submission.id))
        return self.settle(submission.plan_key, submission.period)

    def restore(self, sha256: str, plan_key: str, period: str) -> Submission | None:
        """Put a withdrawn file of a unit back among the period's acceptable ones (it
        counts if it is the unit's newest), when it is given to a merge again: the file,
        if there was one. A withdrawn file that was refused (no rows recorded) stays."""
        sub = self.find(sha256, plan_key, period)
        if sub is None or sub.outcome != WITHDRAWN or not sub.valid_return:
            return None
        with self.db:
            self.db.execute("UPDATE submissions SET outcome = ?, reason = '' WHERE id = ?",
                            (SUPERSEDED, sub.id))
        return sub

    def relocate(self, plan_key: str, period: str,
                 now_at: Callable[[str, str], str | None]) -> int:
        """The period's files whose recorded place is not where they are now (``now_at``:
        (key (:mod:`.keys`), recorded path) -> the path now, None for as recorded: a folder moved,
        copied or restored elsewhere, a file moved; :func:`cchc_xl.merge.moved.now_at`):
        recorded at the path now, and the findings that named the old one with it, so
        that every output says where the file is now. How many."""
        moved = [(sid, path, new) for sid, sha, path in self.db.execute(
            f"SELECT id, {self._key_sql()}, path FROM submissions WHERE plan_key = ? AND"
            " period = ?", (plan_key, period))
            if (new := now_at(sha, path)) is not None and new != path]
        with self._change():
            for sid, old, new in moved:
                self.db.execute("UPDATE submissions SET path = ? WHERE id = ?", (new, sid))
                self.db.execute("UPDATE problems SET file = ? WHERE submission_id = ? AND"
                                " file = ?", (new, sid, old))
        return len(moved)

    def matching(self, text: str, plan_key: str | None = None,
                 period: str | None = None) -> list[Submission]:
        """Submissions whose SHA-256 starts with ``text`` (8 characters at least) or whose
        file name or path is ``text``, or whose key (:mod:`.keys`) is ``text``: an empty
        file's, its name with its SHA-256, as the web app's board names each file."""
        where, args = ["(s.path = ? OR s.path LIKE ? OR s.path LIKE ?)"], [text, f"%/{text}",
                                                                          f"%\\{text}"]
        sha, name = split_key(text)
        if name and self._named and len(sha) == 64 and all(c in _HEX for c in sha):
            where, args = ["s.sha256 = ? AND s.name_key = ?"], [sha.lower(), name]
        elif len(text) >= 8 and all(c in _HEX for c in text):
            where[0] = f"({where[0]} OR s.sha256 LIKE ?)"
            args.append(text.lower() + "%")
        if plan_key:
            where.append("s.plan_key = ?")
            args.append(plan_key)
        if period:
            where.append("upper(s.period) = upper(?)")
            args.append(period)
        return self._submissions(" AND ".join(where), tuple(args))

    # --- the consolidated workbook (what was written: cchc_xl.ledger.outputs) -------

    def period_digest(self, plan_key: str, period: str) -> str:
        """What a snapshot of the plan and period is made of, as one SHA-256
        (:func:`cchc_xl.ledger.digest.period_digest`)."""
        return period_digest(self.db, plan_key, period)

    def _submissions(self, where: str, args: tuple) -> list[Submission]:
        cur = self.db.execute(
            f"SELECT {self._columns} FROM submissions s JOIN files f USING (sha256)"
            f" LEFT JOIN plans p ON p.plan_key = s.plan_key WHERE {where} ORDER BY s.id", args)
        return [_submission(row) for row in cur.fetchall()]

    def problems_where(self, where: str, args: tuple) -> list[tuple[int, Finding]]:
        """The problems recorded that meet ``where`` (SQL over the problems table, with
        ``args``), each with its submission's id, in the order recorded."""
        cur = self.db.execute(
            f"SELECT submission_id, {_PROBLEM_COLUMNS}, {self._places} FROM problems"
            f" WHERE {where} ORDER BY id", args)
        return [(sid, Finding(*rest, places=json.loads(places) if places else ()))
                for sid, *rest, places in cur.fetchall()]

    def drop_warnings(self, plan_key: str, period: str, unit: str, codes: Iterable[str]
                      ) -> None:
        """The warnings of ``codes`` taken off every file of a unit in the period, and
        each file's count of warnings with them."""
        codes = tuple(codes)
        ids = "SELECT id FROM submissions WHERE plan_key = ? AND period = ? AND unit = ?"
        args = (plan_key, period, unit)
        marks = ", ".join("?" * len(codes))
        with self.db:
            self.db.execute(
                "UPDATE submissions SET warnings = warnings - (SELECT count(*) FROM problems p"
                f" WHERE p.submission_id = submissions.id AND p.code IN ({marks}))"
                f" WHERE id IN ({ids})", (*codes, *args))
            self.db.execute(f"DELETE FROM problems WHERE code IN ({marks})"
                            f" AND submission_id IN ({ids})", (*codes, *args))

    def flagged(self, plan_key: str, period: str, codes: Iterable[str]) -> set[int]:
        """The ids of the period's submissions with a problem of one of ``codes``."""
        codes = tuple(codes)
        marks = ", ".join("?" * len(codes))
        return {sid for (sid,) in self.db.execute(
            f"SELECT DISTINCT submission_id FROM problems WHERE code IN ({marks}) AND"
            " submission_id IN (SELECT id FROM submissions WHERE plan_key = ? AND period = ?)",
            (*codes, plan_key, period))}

    # --- reading back -------------------------------------------------------------

    def plans(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT plan_key FROM plans ORDER BY plan_key")]

    def plan_year(self, plan_key: str) -> int | None:
        """The year of the plan of this code as last saved (None: no such plan), read
        without decoding the stored plan (every merge asks: year_turn.other_year)."""
        row = self.db.execute("SELECT year FROM plans WHERE plan_key = ?",
                              (plan_key,)).fetchone()
        return row[0] if row else None

    def plan(self, plan_key: str, period: str | None = None) -> Master:
        """The plan (:func:`cchc_xl.plan_codec.plan_from_dict`) as the last merge of
        ``period`` checked its files against (as it stood for the period), else as the last
        merge of any period did (docs/ledger.md)."""
        text = plan_snapshot(self.db, plan_key, period)
        if text is None:
            raise UsageError(f"sổ cái không có kế hoạch '{plan_key}'", file=str(self.path))
        return plan_from_dict(json.loads(text))

    def plan_version(self, plan_key: str, digest: str) -> Master | None:
        """The stored version of the plan whose content is ``digest`` (plan_codec.
        plan_digest, its key in ``plan_versions``), None when the ledger holds none."""
        text = version_snapshot(self.db, plan_key, digest)
        return plan_from_dict(json.loads(text)) if text is not None else None

    def plan_versions(self, plan_key: str) -> list[Master]:
        """Every version of the plan the ledger stored (one per content merged with),
        newest first: what a unit the plan no longer has became
        (intake.identify.refused_as_not_in_plan)."""
        return [plan_from_dict(json.loads(text))
                for text in version_snapshots(self.db, plan_key)]

    def period(self, plan_key: str, code: str) -> Period | None:
        row = self.db.execute(
            "SELECT code, name, start, cutoff, due FROM periods WHERE plan_key = ?"
            " AND upper(code) = upper(?)", (plan_key, code)).fetchone()
        if row is None:
            return None
        return Period(code=row["code"], name=row["name"], start=stored_date(row["start"]),
                      cutoff=stored_date(row["cutoff"]), due=stored_date(row["due"]))

    def period_codes(self, plan_key: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT code FROM periods WHERE plan_key = ? ORDER BY position", (plan_key,))]

    @contextmanager
    def reading(self) -> Iterator[Ledger]:
        """Reads that see one state of the ledger: a merge committing meanwhile waits for
        them (a page read during a large upload saw files in one query, not the next)."""
        if self.db.in_transaction:
            yield self
            return
        self.db.execute("BEGIN")
        try:
            yield self
        finally:
            self.db.rollback()  # read only: nothing to keep

    def submissions(self, plan_key: str, period: str) -> list[Submission]:
        with self.reading():
            subs = self._submissions("s.plan_key = ? AND s.period = ?", (plan_key, period))
            problems = self.problems_where("submission_id IN (SELECT id FROM submissions WHERE "
                                     "plan_key = ? AND period = ?)", (plan_key, period))
        by_id = {s.id: s for s in subs}
        for sid, finding in problems:
            by_id[sid].problems.append(finding)
        return subs

    def row_answers(self, submission_id: int) -> list[tuple[str, tuple]]:
        """Each row of a submission, in its order: (product, (status, percentage, date,
        evidence)) as recorded."""
        return [(did, tuple(rest[:4])) for did, *rest in self.row_contents(submission_id)]

    def rows_found(self, submission_id: int) -> set[str]:
        """The products of a submission's rows that a finding named (its feedback file
        marked them for the unit to see to)."""
        return {did for (did,) in self.db.execute(
            "SELECT DISTINCT task FROM problems WHERE submission_id = ? AND on_row = 1",
            (submission_id,)) if did}

    def row_places(self, submission_id: int) -> dict[str, tuple[str, int]]:
        """Where each row of a submission is in its file: {product: (sheet, row)}, ("", 0)
        for a row recorded with no place."""
        return {did: (sheet or "", row or 0) for did, sheet, row in self.db.execute(
            "SELECT deliverable, sheet, row FROM rows WHERE submission_id = ?",
            (submission_id,))}

    def row_contents(self, submission_id: int) -> list[tuple]:
        """Each row of a submission, in its order, as the unit answered it: (product,
        status, percentage, date, evidence, note)."""
        return self.db.execute(
            "SELECT deliverable, status, percent, completed_on, evidence, note FROM rows"
            " WHERE submission_id = ? ORDER BY rowid", (submission_id,)).fetchall()

    def current_rows(self, plan_key: str, period: str) -> list[Answer]:
        """Rows of the accepted (not superseded) submissions, with their problems.

        The raw cell texts stay in the ledger (no output shows them): ``raw`` is {}.
        Texts repeated from row to row (codes, roles, statuses) are shared, not copied
        per row: at 2,000 units these rows are most of a merge's memory."""
        cur = self.db.execute(
            "SELECT r.submission_id, s.unit, r.deliverable, r.role, r.sheet, r.row,"
            " r.status, r.percent, r.completed_on, r.evidence, r.note, r.timeliness"
            " FROM rows r JOIN submissions s ON s.id = r.submission_id"
            " WHERE s.plan_key = ? AND s.period = ? AND s.outcome = ? ORDER BY s.id, r.rowid",
            (plan_key, period, ACCEPTED))
        cur.row_factory = None  # plain tuples: one row at a time, unpacked below
        shared: dict = {}
        one = shared.setdefault
        rows = [Answer(submission_id=sid, unit=one(unit, unit), deliverable=one(did, did),
                       role=one(role, role), sheet=one(sheet, sheet), row=row,
                       status=one(status, status), percent=percent,
                       completed_on=row_date(done_on), evidence=evidence or "",
                       note=note or "", timeliness=one(timeliness, timeliness))
                for (sid, unit, did, role, sheet, row, status, percent, done_on, evidence, note,
                     timeliness) in cur]
        index = {(r.submission_id, r.deliverable): r for r in rows}
        for sid, finding in self.problems_where(
                "on_row = 1 AND submission_id IN (SELECT id FROM submissions WHERE plan_key = ?"
                " AND period = ? AND outcome = ?)", (plan_key, period, ACCEPTED)):
            row = index.get((sid, finding.task))
            if row is not None:
                row.findings.append(finding)
        return rows


def _submission(row: tuple) -> Submission:
    *columns, received, identity_text, plan_year, answered, name, named = row
    sub = Submission(*columns, answered=bool(answered), name_key=name or "",
                     named_period=named or "")
    sub.received = received or sub.merged_at[:10]
    sub.unit = sub.unit or None  # stored as '' (the column is NOT NULL)
    sub.identity = json.loads(identity_text) if identity_text else {}
    if sub.identity:
        year = sub.identity.get("year", "")
        sub.other_plan = sub.identity.get("plan") != sub.plan_key or bool(
            plan_year and year not in ("", "0") and year != str(plan_year))
    return sub
