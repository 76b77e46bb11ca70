"""The ledger copied whole, as it stands between two merges (a backup:
:mod:`cchc_xl.backup`): its lock held as a merge holds it, then SQLite's backup API in
one read transaction, never a file copied while a merge or another program writes it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from ..errors import DISK_FULL_HINT, OutputError
from ..issuer import authority_name, running_title
from .lock import LOCK_WAIT_SECONDS, ledger_lock
from .schema import read_only_uri


def copy_whole(db: Path, target: Path, wait_seconds: float = LOCK_WAIT_SECONDS,
               waiting: Callable[[str], None] | None = None) -> str:
    """Copy the ledger ``db`` to the new file ``target`` as it stands between two merges
    (a backup, cchc_xl.backup): its lock held as a merge holds it (a merge under way is
    waited for, and ``waiting`` told, as a second merge is), then SQLite's backup API in
    one read transaction, so that another program's write is in the copy whole or not at
    all. "" when copied; SQLite's words when it cannot read ``db`` as a database (a
    damaged file: the caller copies it as it is). Another program keeping it locked
    beyond ``wait_seconds``: OutputError."""
    with ledger_lock(db, wait_seconds, waiting):
        try:
            with closing(sqlite3.connect(db, timeout=wait_seconds)) as source, \
                    closing(sqlite3.connect(target)) as copy:
                source.execute("BEGIN")  # held through the copy: a commit elsewhere waits
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
                source.backup(copy)
                source.rollback()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise OutputError(f"sổ cái đang bị chương trình khác ghi; đã chờ "
                                  f"{wait_seconds:g} giây: chưa sao lưu", file=str(db),
                                  hint="đóng chương trình đang mở sổ cái rồi sao lưu lại"
                                  ) from exc
            if any(word in str(exc).lower() for word in ("full", "disk i/o", "unable to open")):
                raise OutputError(f"không ghi được bản sao của sổ cái ({exc})",
                                  file=str(target), hint=DISK_FULL_HINT) from exc
            return str(exc)
        except sqlite3.DatabaseError as exc:
            return str(exc)
    return ""


def plans_held(db: Path) -> list[dict]:
    """The plans a ledger copy holds (key, year, title), for a backup's manifest to say
    what it is; [] when it holds none or cannot be read as a ledger. The title as the
    app's pages write it: an imported plan's heading in capitals ("KẾ HOẠCH CẢI CÁCH HÀNH
    CHÍNH NĂM 2026"), stored so, was printed so by ``backup --check`` (a QA pass); its
    authority too, in running text (two communes' plans differ in their title by nothing
    but the year: the web app's restore question names whose each is)."""
    try:
        with closing(sqlite3.connect(read_only_uri(db), uri=True)) as copy:
            rows = copy.execute("SELECT plan_key, year, title FROM plans ORDER BY plan_key"
                                ).fetchall()
            authorities = _authorities(copy)
    except sqlite3.Error:
        return []
    return [{"key": key, "year": year,
             "title": running_title(title, authorities[key]) if title and key in authorities
             else title,
             "authority": authority_name(authorities[key]) if authorities.get(key) else ""}
            for key, year, title in rows]


def _authorities(copy: sqlite3.Connection) -> dict[str, str]:
    """Each plan's authority as its snapshot in use holds it; {} for a ledger of an older
    schema (no plan versions) or one whose snapshot cannot be read."""
    try:
        rows = copy.execute("SELECT p.plan_key, v.snapshot FROM plans p"
                            " JOIN plan_versions v ON v.id = p.version").fetchall()
        return {key: json.loads(snapshot)["plan"]["authority"] for key, snapshot in rows}
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return {}


def periods_held(db: Path) -> list[tuple[str, int]]:
    """Each period a ledger holds files merged for, with how many (the period's name, as
    its plan names it), in the plans' and periods' order; [] when it holds none or
    cannot be read as a ledger (the web app's question before a restore)."""
    try:
        with closing(sqlite3.connect(read_only_uri(db), uri=True)) as copy:
            rows = copy.execute(
                "SELECT COALESCE(p.name, s.period), count(*) FROM submissions s "
                "LEFT JOIN periods p ON p.plan_key = s.plan_key AND p.code = s.period "
                "GROUP BY s.plan_key, s.period ORDER BY s.plan_key, p.position").fetchall()
    except sqlite3.Error:
        return []
    return [(str(name), count) for name, count in rows]
