"""The ledger's SQLite schema, and bringing a ledger written by an earlier version up
to date (docs/ledger.md).

Versions (table ``meta``, key ``schema``):

1. the plan's JSON snapshot in ``plans.snapshot``, replaced whenever the plan changed;
2. each version of a plan stored once, in ``plan_versions`` (keyed by the SHA-256 of
   its JSON); ``plans.version`` is the current one and ``merges.plan_version`` the one
   each merge checked its files against, so an earlier version is never lost and a
   merge with an unchanged master stores nothing;
3. ``consolidated``: per plan, period and consolidated workbook, the SHA-256 of the
   workbook a merge wrote and a fingerprint of what it was built from, so a merge that
   changes nothing neither reads it back nor writes it again (a new, empty table);
4. ``assessments_replaced``: each assessment as it was before it was replaced or
   removed, with when and by what, so that what a consolidated workbook written before
   showed is known (a new, empty table);
5. ``feedback_folders``: per plan and period, each feedback folder (``merge
   --feedback``) its merges wrote into, looked at once for another plan's letters
   (year_turn.refuse_another_plans_letters), not at every merge (a new, empty table);
6. ``submissions.name_key``: an empty (0-byte) file is known by its content and its
   name (:mod:`cchc_xl.ledger.keys`), so two units' empty files are two submissions;
   the table is made again with ``UNIQUE (sha256, plan_key, period, name_key)``, its
   rows kept with their ids, every earlier file's ``name_key`` ''.
7. ``problems.places``: the tasks a finding on several rows names, each with its sheet
   and cell (JSON; ``Finding.places``), which the unit's letter quotes, no longer read
   back out of the message's words; NULL for every finding recorded before (their
   letters read the words, ``letters/for_unit._legacy_listed``).
8. ``merges.after_submission``: the last submission's id when a merge began, so that
   the files a merge cut short recorded are known (``Ledger.recorded_unseen``) even
   when it started in the same second as the one before; NULL for earlier merges.
9. ``merges.read_files``: 1 for a merge given files, 0 for one that read none (the
   outputs written again after a withdrawal, a recount or verdicts read back:
   ``merge.refresh_outputs``; a merge that ended before it said a file), so that such a
   run neither ends nor hides a merge cut short before it (``Ledger.interrupted_merge``,
   ``Ledger.recorded_unseen``); NULL for earlier merges, taken as merges of files.
10. ``submissions.named_period``: the period a file without its identity names on line 2
    of its task sheets, when it was refused as that period's (``heading-other-period``):
    where "Gộp vào kỳ…" merges it (``Submission.period_named``); NULL for every other
    file and for every file recorded before.

A ledger is migrated when it is opened for writing, in one transaction; opening one
for reading never writes, so reading accepts any earlier version.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

from ..archive import ARCHIVE_DIR
from ..errors import LedgerError
from ..temporary import temporary_beside

SCHEMA_VERSION = "10"


def stored_date(text: str | None) -> date | None:
    """A date as the ledger stores it: ISO text, NULL or '' for none."""
    return date.fromisoformat(text) if text else None


# A row's date: rows share the few dates they hold, each made once.
row_date = functools.lru_cache(maxsize=4096)(stored_date)


_PLANS = """
CREATE TABLE IF NOT EXISTS plans (
    plan_key TEXT PRIMARY KEY, year INTEGER, title TEXT,
    version INTEGER NOT NULL REFERENCES plan_versions(id), updated_at TEXT NOT NULL);
"""

# A file once per plan and period: by its content, an empty one by its name too (keys.py).
_SUBMISSIONS = """
CREATE TABLE IF NOT EXISTS {name} (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL REFERENCES files(sha256),
    plan_key TEXT NOT NULL, period TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL, kind TEXT, saved_at TEXT, modified_at TEXT, merged_at TEXT NOT NULL,
    outcome TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
    notes INTEGER NOT NULL DEFAULT 0, identity TEXT, received TEXT,
    name_key TEXT NOT NULL DEFAULT '', named_period TEXT,
    UNIQUE (sha256, plan_key, period, name_key));
"""
_SUBMISSIONS_INDEX = ("CREATE INDEX IF NOT EXISTS submissions_by_unit"
                      " ON submissions (plan_key, period, unit)")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plan_versions (
    id INTEGER PRIMARY KEY, plan_key TEXT NOT NULL, sha256 TEXT NOT NULL,
    snapshot TEXT NOT NULL, first_seen TEXT NOT NULL, UNIQUE (plan_key, sha256));
""" + _PLANS + """
CREATE TABLE IF NOT EXISTS periods (
    plan_key TEXT NOT NULL, code TEXT NOT NULL, name TEXT, start TEXT, cutoff TEXT, due TEXT,
    position INTEGER, PRIMARY KEY (plan_key, code));
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY, size INTEGER, name TEXT, archived TEXT NOT NULL,
    first_seen TEXT NOT NULL);
""" + _SUBMISSIONS.format(name="submissions") + """
CREATE TABLE IF NOT EXISTS rows (
    submission_id INTEGER NOT NULL REFERENCES submissions(id), deliverable TEXT NOT NULL,
    task TEXT, role TEXT, sheet TEXT, row INTEGER, status TEXT, percent REAL,
    completed_on TEXT, evidence TEXT, note TEXT, timeliness TEXT, raw TEXT,
    PRIMARY KEY (submission_id, deliverable));
CREATE TABLE IF NOT EXISTS problems (
    id INTEGER PRIMARY KEY, submission_id INTEGER NOT NULL REFERENCES submissions(id),
    severity TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, file TEXT, sheet TEXT,
    cell TEXT, unit TEXT, task TEXT, on_row INTEGER NOT NULL DEFAULT 0, places TEXT);
CREATE TABLE IF NOT EXISTS assessments (
    plan_key TEXT NOT NULL, period TEXT NOT NULL, unit TEXT NOT NULL, deliverable TEXT NOT NULL,
    verdict TEXT, note TEXT NOT NULL DEFAULT '', assessed_at TEXT NOT NULL, source TEXT,
    PRIMARY KEY (plan_key, period, unit, deliverable));
CREATE TABLE IF NOT EXISTS assessments_replaced (
    plan_key TEXT NOT NULL, period TEXT NOT NULL, unit TEXT NOT NULL, deliverable TEXT NOT NULL,
    verdict TEXT, note TEXT NOT NULL DEFAULT '', assessed_at TEXT NOT NULL, source TEXT,
    replaced_at TEXT NOT NULL, replaced_by TEXT);
CREATE TABLE IF NOT EXISTS outputs (
    sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, written_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS merges (
    id INTEGER PRIMARY KEY, plan_key TEXT NOT NULL, period TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, plan_version INTEGER,
    after_submission INTEGER, read_files INTEGER);
CREATE TABLE IF NOT EXISTS consolidated (
    plan_key TEXT NOT NULL, period TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
    built_from TEXT NOT NULL, written_at TEXT NOT NULL, PRIMARY KEY (plan_key, period, path));
CREATE TABLE IF NOT EXISTS feedback_folders (
    plan_key TEXT NOT NULL, period TEXT NOT NULL, path TEXT NOT NULL,
    first_written TEXT NOT NULL, PRIMARY KEY (plan_key, period, path));
""" + _SUBMISSIONS_INDEX + """;
CREATE INDEX IF NOT EXISTS problems_by_submission ON problems (submission_id);
CREATE INDEX IF NOT EXISTS replaced_by_period ON assessments_replaced (plan_key, period);
"""


def has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      (name,)).fetchone() is not None


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in db.execute(f"PRAGMA table_info({table})")}


def prepare(db: sqlite3.Connection) -> None:
    """Create what a ledger lacks and bring an earlier one to :data:`SCHEMA_VERSION`;
    a ledger already there is left as it is (no write, no transaction)."""
    if _version(db) == SCHEMA_VERSION:
        return
    # The submissions table made again (schema 6) while rows and problems point at it:
    # their foreign keys not enforced meanwhile (a pragma no transaction may change).
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    # One transaction for the tables and the migrations: a new ledger is made whole or
    # not at all, with one write to disk instead of one per table (7 ms of CPU -> 1.5).
    db.executescript("BEGIN IMMEDIATE;\n" + SCHEMA)
    try:
        if "snapshot" in columns(db, "plans"):
            _versions_from_plans(db)
        if "plan_version" not in columns(db, "merges"):
            db.execute("ALTER TABLE merges ADD COLUMN plan_version INTEGER")
        if "received" not in columns(db, "submissions"):
            db.execute("ALTER TABLE submissions ADD COLUMN received TEXT")
        if "name_key" not in columns(db, "submissions"):
            _submissions_by_name_too(db)
        if "places" not in columns(db, "problems"):  # schema 7: NULL, none recorded
            db.execute("ALTER TABLE problems ADD COLUMN places TEXT")
        if "after_submission" not in columns(db, "merges"):  # schema 8: NULL before
            db.execute("ALTER TABLE merges ADD COLUMN after_submission INTEGER")
        if "read_files" not in columns(db, "merges"):  # schema 9: NULL, files read
            db.execute("ALTER TABLE merges ADD COLUMN read_files INTEGER")
        if "named_period" not in columns(db, "submissions"):  # schema 10: NULL before
            db.execute("ALTER TABLE submissions ADD COLUMN named_period TEXT")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


def _submissions_by_name_too(db: sqlite3.Connection) -> None:
    """Schema 5 to 6: the submissions table made again with ``name_key`` ('' for every
    file recorded) in its unique key, each row kept with its id (rows and problems point
    at it); in the caller's transaction, foreign keys not enforced."""
    kept = ", ".join(_column_order(db, "submissions"))
    db.execute(_SUBMISSIONS.format(name="submissions_6"))
    db.execute(f"INSERT INTO submissions_6 ({kept}) SELECT {kept} FROM submissions")
    db.execute("DROP TABLE submissions")
    db.execute("ALTER TABLE submissions_6 RENAME TO submissions")
    db.execute(_SUBMISSIONS_INDEX)


def _column_order(db: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def make_new(path: Path) -> None:
    """A new ledger at ``path``, made whole under a temporary name beside it (schema
    written and committed) and only then linked into place. sqlite3.connect leaves a new
    file of 0 bytes until the schema is committed: a reader finding it then (a page of the
    web app polling, report, the board) was told the ledger is empty, as for a truncated
    one (refused, never replaced: issue #11). Now there is no ledger, then a whole one.
    A ledger another process made meanwhile is kept: a link never replaces a file."""
    temp = temporary_beside(path)  # one a killed merge left is swept (temporary.sweep_stale)
    try:
        db = sqlite3.connect(temp)
        try:
            prepare(db)
        finally:
            db.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        except OSError:  # no hard links on this drive (FAT, some network shares)
            if os.name == "nt" or not path.exists():  # Windows' rename never replaces
                with contextlib.suppress(FileExistsError):
                    os.rename(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def read_only_uri(path: Path) -> str:
    """The URI by which SQLite opens the ledger ``path`` read-only (it never writes it).
    A ledger on a Windows share (\\\\server\\share\\…) keeps the server in its path, after
    an empty authority ("file:////server/share/…"): SQLite refuses pathlib's
    "file://server/share/…" ("invalid uri authority", as Python's SQLite is built)."""
    uri = Path(path).resolve().as_uri()
    if not uri.startswith("file:///"):
        uri = "file:////" + uri.removeprefix("file://")
    return f"{uri}?mode=ro"


def _version(db: sqlite3.Connection) -> str | None:
    """The schema version the ledger records, None for a new one."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError:  # no table meta: a new ledger
        return None
    return row[0] if row else None


def _versions_from_plans(db: sqlite3.Connection) -> None:
    """Schema 1 to 2: each plan's snapshot becomes its first stored version."""
    old = db.execute("SELECT plan_key, year, title, snapshot, updated_at FROM plans").fetchall()
    db.execute("DROP TABLE plans")
    db.execute(_PLANS)
    for key, year, title, text, updated in old:
        version = store_version(db, key, text, updated)
        db.execute("INSERT INTO plans VALUES (?, ?, ?, ?, ?)", (key, year, title, version, updated))


def store_version(db: sqlite3.Connection, plan_key: str, snapshot: str, now: str) -> int:
    """The id of this plan's version with this JSON snapshot, stored the first time."""
    digest = hashlib.sha256(snapshot.encode("utf-8")).hexdigest()
    row = db.execute("SELECT id FROM plan_versions WHERE plan_key = ? AND sha256 = ?",
                     (plan_key, digest)).fetchone()
    if row is not None:
        return row[0]
    return db.execute("INSERT INTO plan_versions (plan_key, sha256, snapshot, first_seen)"
                      " VALUES (?, ?, ?, ?)", (plan_key, digest, snapshot, now)).lastrowid


def version_snapshot(db: sqlite3.Connection, plan_key: str, sha256: str) -> str | None:
    """The JSON snapshot of the plan's stored version whose SHA-256 is ``sha256``; None
    when there is none (a schema 1 ledger opened for reading stores no versions)."""
    try:
        row = db.execute("SELECT snapshot FROM plan_versions WHERE plan_key = ? AND sha256 = ?",
                         (plan_key, sha256)).fetchone()
    except sqlite3.OperationalError:  # schema 1, opened for reading
        return None
    return row[0] if row else None


def version_snapshots(db: sqlite3.Connection, plan_key: str) -> list[str]:
    """The JSON snapshots of every stored version of the plan, newest first; none in a
    schema 1 ledger opened for reading."""
    try:
        return [r[0] for r in db.execute(
            "SELECT snapshot FROM plan_versions WHERE plan_key = ? ORDER BY id DESC",
            (plan_key,))]
    except sqlite3.OperationalError:  # schema 1, opened for reading
        return []


def snapshot_query(db: sqlite3.Connection) -> str:
    """SQL for a plan's current snapshot (one parameter: the plan key), in either schema."""
    if "snapshot" in columns(db, "plans"):  # schema 1, opened for reading
        return "SELECT snapshot FROM plans WHERE plan_key = ?"
    return ("SELECT v.snapshot FROM plans p JOIN plan_versions v ON v.id = p.version"
            " WHERE p.plan_key = ?")


def current_version(db: sqlite3.Connection, plan_key: str) -> int | None:
    """The id of the plan's current version (its last merge's, of any period); None for a
    plan the ledger does not hold, or a schema 1 ledger opened for reading (no versions)."""
    if "version" not in columns(db, "plans"):
        return None
    row = db.execute("SELECT version FROM plans WHERE plan_key = ?", (plan_key,)).fetchone()
    return row[0] if row else None


def period_version(db: sqlite3.Connection, plan_key: str, period: str
                   ) -> tuple[int, str] | None:
    """(id, SHA-256) of the plan version the last merge of a period checked its files
    against, the plan the period is counted with; None when no merge of it recorded one
    (ledgers before schema 2 included)."""
    try:
        return db.execute(
            "SELECT v.id, v.sha256 FROM merges m JOIN plan_versions v ON v.id = m.plan_version"
            " WHERE m.plan_key = ? AND upper(m.period) = upper(?) ORDER BY m.id DESC LIMIT 1",
            (plan_key, period)).fetchone()
    except sqlite3.OperationalError:  # schema 1, opened for reading
        return None


def plan_snapshot(db: sqlite3.Connection, plan_key: str, period: str | None) -> str | None:
    """The JSON snapshot of the plan version ``period`` is counted with
    (:func:`period_version`), else of the plan's current version; None when there is none."""
    counted = period_version(db, plan_key, period) if period else None
    if counted is not None:
        sql, args = "SELECT snapshot FROM plan_versions WHERE id = ?", (counted[0],)
    else:
        sql, args = snapshot_query(db), (plan_key,)
    row = db.execute(sql, args).fetchone()
    return row[0] if row else None


def is_damage(exc: BaseException | None) -> bool:
    """Whether an SQLite error says the ledger file is damaged (not locked, not full)."""
    return type(exc) is sqlite3.DatabaseError or (  # "database disk image is malformed"
        isinstance(exc, sqlite3.OperationalError) and "decode" in str(exc))


def damaged(db: Path) -> LedgerError:
    """The error for a ledger whose file is damaged inside."""
    return LedgerError("sổ cái bị hỏng: một phần dữ liệu trong tệp không đọc được; lệnh "
                       "dừng, không ghi gì thêm", file=str(db),
                       hint="khôi phục sổ cái từ bản sao lưu; các tệp đã nhận vẫn còn nguyên "
                            f"trong thư mục {ARCHIVE_DIR} bên cạnh")


def emptied(db: Path) -> LedgerError:
    """The error for a ledger whose file is empty (0 bytes), in words every command that
    opens it and the web app can follow: it said to name another with --db, which only
    merge has (a QA pass: the web app's pages said so too)."""
    return LedgerError("sổ cái rỗng (0 byte): có thể tệp đã bị ghi dở hoặc bị cắt, mọi lần "
                       "gộp trước không còn trong đó; lệnh không dùng và không thay tệp này",
                       file=str(db),
                       hint="khôi phục sổ cái từ bản sao lưu rồi chạy lại; nếu muốn bắt đầu "
                            "sổ cái mới, xóa tệp rỗng này rồi gộp lại các tệp đơn vị gửi về")
