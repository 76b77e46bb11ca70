"""The exceptions cchc-xl raises. Each carries where the problem is (file, sheet,
cell) and a hint, so the CLI can print one Vietnamese line and exit non-zero.

Validation findings in a workbook are *not* exceptions: see :mod:`cchc_xl.findings`.
"""

from __future__ import annotations

import errno
import os


class CchcError(Exception):
    """Base class: a problem the user can fix. ``str()`` is the Vietnamese message."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.hint = hint

    def where(self) -> str:
        parts = []
        if self.file:
            # A folder (split's output, the feedback folder) is no "tệp" (a docs audit:
            # "tệp giao-Q1: thư mục đã có tệp").
            parts.append(f"{'thư mục' if os.path.isdir(self.file) else 'tệp'} {self.file}")
        if self.sheet:
            parts.append(f"trang '{self.sheet}'")
        if self.cell:
            parts.append(f"ô {self.cell}")
        return ", ".join(parts)

    def render(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        """The error as ``--json`` prints it: its kind, parts and exit code."""
        return {"kind": type(self).__name__, "message": self.message, "file": self.file,
                "sheet": self.sheet, "cell": self.cell, "hint": self.hint,
                "exit_code": self.exit_code, "text": self.render()}


class UsageError(CchcError):
    """The command was called wrongly (unknown period, output folder not empty...)."""

    exit_code = 2


class CutShortLeft(UsageError):
    """A merge refused before it read a file (nothing to merge, every file of another
    period) after a merge of files was cut short: ``cut_short``, what is said of that merge
    left to the next one (merge.counted.cut_short_left), said after the refusal and its
    hint, on the command line (its render) and by a page that words the refusal itself."""

    cut_short = ""

    def __init__(self, message: str, *, cut_short: str = "", **where) -> None:
        super().__init__(message, **where)
        self.cut_short = cut_short

    def render(self) -> str:
        text = super().render()
        return f"{text}. {self.cut_short}" if self.cut_short else text

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "cut_short": self.cut_short}


class NothingToMerge(CutShortLeft):
    """Every file given to a merge was left out; ``skipped`` says each one's reason
    (``merge.Skipped``), for a caller that lists them rather than print one line."""

    def __init__(self, message: str, *, skipped: list | None = None, **where) -> None:
        super().__init__(message, **where)
        self.skipped = list(skipped or [])


class OtherPeriodFiles(CutShortLeft):
    """Every file a merge read was issued for one other period of its plan (the period
    chosen was wrong): nothing was recorded. ``period``: the code the files are for;
    ``count``: how many files; ``later``: their period comes after the one chosen."""

    def __init__(self, message: str, *, period: str, count: int, later: bool,
                 **where) -> None:
        super().__init__(message, **where)
        self.period = period
        self.count = count
        self.later = later


class AnotherPlanOutput(UsageError):
    """A step would write over an output of another plan than its own where it writes:
    a consolidated workbook, a report's, letters or unit files (year_turn: last year's
    folder copied, last year's workbook copied back to compare); nothing written. The
    web app's recount of the periods a plan put in place follows leaves such a period
    as counted and says why (web/plan_periods.follow)."""


class InItsOwnPeriod(UsageError):
    """A file asked to be withdrawn from a period it was refused in as another period's,
    and merged into that period since (other_period.gone_to_own_period): nothing was
    withdrawn. ``moved``: its submission as the period reads it (its reason says where and
    when); ``given``: the code of the file's own period."""

    def __init__(self, message: str, *, moved, given: str, **where) -> None:
        super().__init__(message, **where)
        self.moved = moved
        self.given = given


class WorkbookError(CchcError):
    """A workbook cannot be opened or does not have the expected structure."""


class MissingInputError(WorkbookError):
    """A file the command was told to read is not there, or is a folder: the command
    was called wrongly (exit 2), not a problem in the data."""

    exit_code = 2


class MasterError(WorkbookError):
    """The master workbook is unusable (missing sheet, missing column...)."""


class OutputError(CchcError):
    """An output cannot be written (file open in Excel, no permission, a read-only
    folder, a full disk): exit 3, neither a problem in the data (1) nor a wrong call
    (2); the same command succeeds once the place can be written."""

    exit_code = 3


class LedgerError(CchcError):
    """The ledger file itself is unusable (empty, damaged, not a ledger): a problem in
    the data (exit 1), to be mended from a backup; nothing is written over it."""


class InputChangedError(CchcError):
    """An input file is no longer the one that was read (written to, replaced or removed
    while the command ran): nothing of it may be recorded this time."""


FILE_LOCKED_HINT = "đóng tệp trong Excel hoặc LibreOffice rồi chạy lại"
# An output the office marked Read-only in its Properties: Windows replaces no such file,
# with the same PermissionError as one open in Excel (xlio.atomic_write tells them apart).
MARKED_READ_ONLY = "đang đặt chỉ đọc (Read-only), không ghi đè được"
READ_ONLY_HINT = ("bấm chuột phải vào tệp, chọn Thuộc tính (Properties), bỏ chọn Chỉ đọc "
                  "(Read-only) rồi chạy lại")
DISK_FULL_HINT = "giải phóng chỗ trên ổ đĩa hoặc chọn nơi khác rồi chạy lại"
NOT_WRITABLE_HINT = "chọn thư mục khác có quyền ghi"


# What the system says of a file it cannot write or read, in Vietnamese (its own words
# are English): the commonest reasons; any other keeps the system's words.
_SYSTEM_WORDS = {
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho đọc",
    errno.EACCES: "không có quyền", errno.EPERM: "không có quyền",
    errno.ENOSPC: "ổ đĩa đầy", errno.ENOENT: "không có thư mục hoặc tệp đó",
    errno.EISDIR: "là một thư mục", errno.ENOTDIR: "đường dẫn đi qua một tệp, không phải thư mục",
}


def system_words(exc: OSError) -> str:
    """Why the system refused a file operation, in Vietnamese where it is a usual reason."""
    return _SYSTEM_WORDS.get(exc.errno) or exc.strerror or str(exc)
