"""Checking a master: every finding, or a master later steps can rely on."""

from __future__ import annotations

from pathlib import Path

from ..errors import CchcError, MasterError, UsageError, WorkbookError
from ..findings import Finding
from ..folder_names import MASTER_NAME
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


_SQLITE = b"SQLite format 3\x00"


def refuse_other_kinds(path: str | Path) -> None:
    """A UsageError (the command was called wrongly, exit 2) when ``path`` is a unit's
    workbook, a consolidated workbook or a ledger: the plan goes first."""
    # Imported here: overwrite reads the master's sheet names (master.layout), whose
    # package imports this module; imported at the top, "import cchc_xl.merge" in a
    # fresh process (the web app's workers) stopped on the cycle.
    from ..overwrite import CONSOLIDATED, UNIT_FILE, kind_of

    # Files given as the plan by mistake (the arguments in the wrong order), said for
    # what they are rather than as a damaged or incomplete plan.
    not_a_plan = {UNIT_FILE: "tệp giao cho một đơn vị (hoặc đơn vị gửi về)",
                  CONSOLIDATED: "bảng tổng hợp của một lần gộp"}
    path = Path(path)
    what = not_a_plan.get(kind_of(path) or "") if path.is_file() else None
    try:
        with open(path, "rb") as fh:
            if fh.read(len(_SQLITE)) == _SQLITE:
                what = "sổ cái (cchc-ledger.sqlite)"
    except OSError:
        pass  # reading the plan says why
    if what:
        raise UsageError(f"đây là {what}, không phải bảng kế hoạch", file=str(path),
                         hint=f"bảng kế hoạch ({MASTER_NAME}) đứng đầu lệnh, ngay sau tên "
                              f"lệnh, ví dụ 'cchc-xl check {MASTER_NAME}', 'cchc-xl merge "
                              f"{MASTER_NAME} TỆP_GỬI_VỀ... --period KỲ'")


def load_master(path: str | Path) -> Master:
    """A master that later steps can rely on; raises MasterError when it has errors
    (WorkbookError when it cannot be read at all; UsageError for a file of another kind:
    :func:`refuse_other_kinds`)."""
    refuse_other_kinds(path)
    master, _, error = examine_master(path)
    if error is not None:
        raise error
    return master
