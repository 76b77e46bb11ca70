"""Another plan's outputs left in the data folder, on the pages that offer a period's
outputs: Báo cáo (the report, the consolidated workbook) and Phản hồi (the units'
feedback workbooks, the two letters).

Last year's working folder copied for the new year and the new plan table put in it by
hand (not on the Kế hoạch page, which sets the other plan's files aside): each step
refuses to write over last year's files (year_turn), but the pages offered them as the
period's, Báo cáo showing last year's report marked "số liệu cũ" at most, Phản hồi
listing last year's feedback among this year's, in the ZIP sent to the units: last
year's figures read as this year's, stale. A file whose plan mark (year_turn.
plan_written_for, letter_plan) names another plan than the one in use is not offered as
the period's; one notice names them, whose they are, and what to move out of the
working folder. A file that says no plan (written by older versions) is offered as
before.

Reading a mark opens the file (its properties part): what each file says is remembered
by its path and content key (xlio.content_key, as office_files.OfficeKinds remembers a
file's kind), read again only when the file changes."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CchcError
from ..ledger import Ledger
from ..model import Period
from ..xlio import content_key
from ..year_turn import code_year, letter_plan, period_of, plan_written_for
from .wording import MOVED_OUT

Mark = tuple[str, str]  # (plan code, period code) an output was written for


class PlanMarks:
    """The plan each output looked at before was written for, remembered by its path and
    content key; a file that is not a regular file (gone, a folder) says none and is not
    remembered. Answers for the newest ``limit`` files are kept."""

    def __init__(self, limit: int = 2_000) -> None:
        self.limit = limit
        self._seen: OrderedDict[tuple, Mark | None] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _signature(path: Path) -> tuple | None:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        return content_key(st) if stat.S_ISREG(st.st_mode) else None

    def of(self, path: Path, letter: bool = False) -> Mark | None:
        """(code, period) of the plan the output at ``path`` was written for
        (year_turn.plan_written_for; a feedback workbook, ``letter``: letter_plan);
        None when it says none."""
        before = self._signature(path)
        if before is None:
            return None
        key = (os.fspath(path), letter, *before)
        with self._lock:
            if key in self._seen:
                self._seen.move_to_end(key)
                return self._seen[key]
        found = letter_plan(path) if letter else plan_written_for(path)
        if self._signature(path) == before:  # not written to while it was read
            with self._lock:
                self._seen[key] = found
                while len(self._seen) > self.limit:
                    self._seen.popitem(last=False)
        return found


def other_plan(ws, path: Path, letter: bool = False) -> Mark | None:
    """(code, period) of the plan the output at ``path`` was written for, when it is
    another plan than the one in use; None when it is this plan's, says none, or no
    usable plan is in use."""
    state = ws.master_state()
    if state is None or state.master is None:
        return None
    mark = ws.plan_marks.of(path, letter)
    return mark if mark is not None and mark[0] != state.master.plan.key else None


@dataclass
class Found:
    """Another plan's outputs among a page's: each said as a line of the notice, the
    paths not to offer as the period's."""

    lines: list[str] = field(default_factory=list)
    hidden: set[Path] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.lines)

    def hides(self, path: Path | None) -> bool:
        return path is not None and path in self.hidden


def _plan_named(ws, code: str) -> str:
    """"kế hoạch năm 2026 (mã “hac-thanh-2026”)": the year the folder's ledger holds the
    plan of ``code`` for, else the year its code ends in; "kế hoạch khác (mã …)" when
    neither says one."""
    year = None
    if ws.ledger_path.is_file():
        try:
            with Ledger(ws.ledger_path, create=False) as ledger:
                year = ledger.plan_year(code)
        except (CchcError, sqlite3.Error):
            year = None
    year = year or code_year(code)
    return f"kế hoạch {f'năm {year}' if year else 'khác'} (mã “{code}”)"


def _add(ws, found: Found, paths: list[Path], said: str, mark: Mark) -> None:
    """``paths`` (those of one output that exist) of another plan, ``mark``: the line
    ``said`` of them ("Các tệp … là báo cáo") goes on with the period and the plan."""
    code, period = mark
    made_for = period_of(code, period).strip()
    found.lines.append(f"{said[0].upper()}{said[1:]}{f' {made_for}' if made_for else ''} "
                       f"của {_plan_named(ws, code)}")
    found.hidden.update(paths)


def _files(paths: list[Path]) -> str:
    """"các tệp A, B", "tệp A"."""
    names = [p.name for p in paths]
    return f"tệp {names[0]}" if len(names) == 1 else f"các tệp {', '.join(names)}"


def _are(paths: list[Path], what: str) -> str:
    return f"{_files(paths)} là {what}"


def _existing(paths) -> list[Path]:
    return [p for p in paths if p.is_file()]


def on_report(ws, period: Period) -> Found:
    """Báo cáo's outputs of another plan: the report (its workbook says its plan, its
    page and Word draft go with it) and the consolidated workbook."""
    found = Found()
    report = ws.report_xlsx(period)
    if mark := other_plan(ws, report):
        paths = _existing((report, ws.report_html(period), ws.report_docx(period)))
        _add(ws, found, paths, _are(paths, "báo cáo"), mark)
    consolidated = ws.consolidated(period)
    if mark := other_plan(ws, consolidated):
        _add(ws, found, [consolidated], _are([consolidated], "bảng tổng hợp"), mark)
    return found


def on_feedback(ws, period: Period, letters: list[Path]) -> Found:
    """Phản hồi's outputs of another plan: the feedback workbooks among ``letters`` (the
    folder's, each read for its plan once), the reminder letter and the letter chasing
    overdue tasks (each one's Word document says its plan, its lists go with it)."""
    from ..overwrite import OVERDUE, REMINDER

    found = Found()
    others: dict[Mark, list[Path]] = {}
    for letter in letters:
        if mark := other_plan(ws, letter, letter=True):
            others.setdefault(mark, []).append(letter)
    folder = ws.feedback_dir(period).name
    for mark, paths in others.items():
        # Every letter of the folder another plan's: the folder is what to move.
        said = (f"thư mục {folder} có tệp phản hồi" if len(paths) == len(letters)
                else f"{_files(paths)} ở thư mục {folder} là tệp phản hồi")
        _add(ws, found, paths, said, mark)
    for kind, docx, lists in ((REMINDER, ws.reminder_docx, (ws.reminder_xlsx, ws.reminder_csv)),
                              (OVERDUE, ws.overdue_docx, (ws.overdue_xlsx, ws.overdue_csv))):
        if mark := other_plan(ws, docx(period)):
            paths = _existing((docx(period), *(f(period) for f in lists)))
            _add(ws, found, paths, _are(paths, f"{kind.name} và danh sách trộn thư"), mark)
    return found


def notice(found: Found, plan_key: str, period: Period, offered: str, then: str) -> dict:
    """What the page's notice says (macros.html other_plans): ``found``'s lines, that
    the page does not offer them as the period's ``offered`` ("báo cáo") of the plan in
    use (``plan_key``), and what to do: move them out of the working folder, then
    ``then`` ("lập báo cáo kỳ …")."""
    if not found:
        return {}
    return {"lead": f"Trong thư mục làm việc có tệp của kế hoạch khác, không phải kế hoạch "
                    f"đang dùng (mã “{plan_key}”): trang này không hiển thị, không cho tải "
                    f"về các tệp đó như {offered} kỳ {period.in_sentence}.",
            "lines": found.lines,
            "todo": f"Để giữ các tệp đó, chuyển chúng {MOVED_OUT}, rồi mở lại trang này"
                    f"{f' để {then}' if then else ''}."}
