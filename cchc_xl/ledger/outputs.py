"""What the ledger remembers of the files cchc-xl wrote: feedback workbooks by content
(so one dropped back among the returns is not taken for a submission), the consolidated
workbook each merge of a period wrote and what it was built from, and the folders a
merge wrote its feedback into. :class:`~cchc_xl.ledger.Ledger` has these methods
through :class:`WrittenOutputs`; the tables are in :mod:`cchc_xl.ledger.schema`."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from .schema import has_table


class WrittenOutputs:
    """The ledger's record of its outputs (a mixin of :class:`~cchc_xl.ledger.Ledger`,
    whose ``db`` it reads and writes)."""

    db: sqlite3.Connection

    def record_output(self, sha256: str, path: Path, now: datetime) -> None:
        """Remember a file cchc-xl wrote (a feedback workbook) by its content."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)",
                            (sha256, str(path), now.isoformat()))

    def output_hashes(self) -> set[str]:
        """The SHA-256 of every output recorded as written (:meth:`is_output`'s, at once)."""
        return {sha for (sha,) in self.db.execute("SELECT sha256 FROM outputs")}

    def is_output(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM outputs WHERE sha256 = ?",
                               (sha256,)).fetchone() is not None

    def consolidated_record(self, plan_key: str, period: str, path: Path | str
                            ) -> sqlite3.Row | None:
        """What is recorded of the consolidated workbook the last merge of the plan and
        period wrote at ``path`` (its columns by name: ``sha256``, ``built_from``,
        ``written_at``); None when none is."""
        if not has_table(self.db, "consolidated"):  # a ledger from before schema 3
            return None
        return self.db.execute(
            "SELECT sha256, built_from, written_at FROM consolidated WHERE plan_key = ? AND"
            " period = ? AND path = ?", (plan_key, period, str(Path(path).resolve()))
        ).fetchone()

    def consolidated(self, plan_key: str, period: str, path: Path) -> tuple[str, str] | None:
        """(SHA-256, what it was built from) of the consolidated workbook the last merge
        of the plan and period wrote at ``path``; None when none is recorded."""
        row = self.consolidated_record(plan_key, period, path)
        return (row["sha256"], row["built_from"]) if row else None

    def consolidated_paths(self, plan_key: str, period: str) -> list[Path]:
        """Where the merges of the plan and period wrote consolidated workbooks, the
        latest written last."""
        if not has_table(self.db, "consolidated"):  # a ledger from before schema 3
            return []
        return [Path(path) for (path,) in self.db.execute(
            "SELECT path FROM consolidated WHERE plan_key = ? AND period = ?"
            " ORDER BY written_at", (plan_key, period)).fetchall()]

    def record_consolidated(self, plan_key: str, period: str, path: Path, sha256: str,
                            built_from: str, now: datetime) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO consolidated VALUES (?, ?, ?, ?, ?, ?)",
                            (plan_key, period, str(Path(path).resolve()), sha256, built_from,
                             now.isoformat()))

    def wrote_feedback_into(self, plan_key: str, period: str, folder: Path) -> bool:
        """Whether a merge of the plan and period wrote its feedback into ``folder``
        (:meth:`record_feedback_folder`): its letters were looked at then."""
        if not has_table(self.db, "feedback_folders"):  # a ledger from before schema 5
            return False
        return self.db.execute(
            "SELECT 1 FROM feedback_folders WHERE plan_key = ? AND period = ? AND path = ?",
            (plan_key, period, str(Path(folder).resolve()))).fetchone() is not None

    def record_feedback_folder(self, plan_key: str, period: str, folder: Path,
                               now: datetime) -> None:
        """Remember that a merge of the plan and period wrote its feedback into
        ``folder`` (the first time kept)."""
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO feedback_folders VALUES (?, ?, ?, ?)",
                            (plan_key, period, str(Path(folder).resolve()), now.isoformat()))
