"""Checking a master: every finding, or a master later steps can rely on."""

from __future__ import annotations

from pathlib import Path

from ..errors import CchcError, MasterError, WorkbookError
from ..findings import Finding
from ..model import Master
from ..vocab import ERROR
from .read import read_master


def examine_master(path: str | Path, list_hint: str | None = None
                   ) -> tuple[Master | None, list[Finding], CchcError | None]:
    """One reading of a master workbook: every problem as findings (structural ones
    included), and either the master later steps can rely on or the error
    :func:`load_master` raises for it. ``list_hint`` tells where the whole list of
    problems is (by default: the ``check`` command)."""
    try:
        master, found = read_master(path)
    except WorkbookError as exc:
        said = f"{exc.message}: {exc.hint}" if exc.hint else exc.message  # what to do, too
        return None, [Finding(ERROR, "master-unreadable", said,
                              file=exc.file or str(path), sheet=exc.sheet or "",
                              cell=exc.cell or "")], exc
    errors = [f for f in found if f.severity == ERROR]
    if not errors:
        return master, found, None
    first = errors[0]
    return None, found, MasterError(
        f"bảng kế hoạch có {len(errors)} lỗi, lỗi đầu tiên: {first.message}",
        file=str(path), sheet=first.sheet or None, cell=first.cell or None,
        hint=list_hint or f"chạy 'cchc-xl check {path}' để xem đủ danh sách",
    )


def check_master(path: str | Path) -> list[Finding]:
    """Every problem of a master workbook, as findings (structural ones included)."""
    return examine_master(path)[1]


def load_master(path: str | Path) -> Master:
    """A master that later steps can rely on; raises MasterError when it has errors
    (WorkbookError when it cannot be read at all)."""
    master, _, error = examine_master(path)
    if error is not None:
        raise error
    return master
