"""Checking a master: every finding, or a master later steps can rely on."""

from __future__ import annotations

from pathlib import Path

from ..errors import MasterError, WorkbookError
from ..findings import Finding
from ..model import Master
from ..vocab import ERROR
from .read import read_master


def check_master(path: str | Path) -> list[Finding]:
    """Every problem of a master workbook, as findings (structural ones included)."""
    try:
        return read_master(path)[1]
    except WorkbookError as exc:
        return [Finding(ERROR, "master-unreadable", exc.message, file=exc.file or str(path),
                        sheet=exc.sheet or "", cell=exc.cell or "")]


def load_master(path: str | Path) -> Master:
    """A master that later steps can rely on; raises MasterError when it has errors."""
    master, found = read_master(path)
    errors = [f for f in found if f.severity == ERROR]
    if errors:
        first = errors[0]
        raise MasterError(
            f"bảng kế hoạch có {len(errors)} lỗi, lỗi đầu tiên: {first.message}",
            file=str(path), sheet=first.sheet or None, cell=first.cell or None,
            hint=f"chạy 'cchc-xl check {path}' để xem đủ danh sách",
        )
    return master
