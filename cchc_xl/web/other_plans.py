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
before. A download of one asked by an address kept from before (a bookmark, a link in a
Zalo message: last year's report given as this period's) is refused by the same judgment
(:func:`judged`, :func:`refusal`), saying whose it is and what to do.

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


@dataclass(frozen=True)
class Output:
    """A period's output as the pages and the downloads judge it: the file whose mark
    says its plan (``marker``, a Workspace method's name), the files that go with it
    (its page, Word draft, lists), what it is, and the step that makes it, on its page
    (the advice: "rồi lập báo cáo kỳ … ở trang Báo cáo")."""

    marker: str
    files: tuple[str, ...]
    what: str
    page: str
    make: str

    def paths(self, ws, period: Period) -> list[Path]:
        return [getattr(ws, name)(period) for name in self.files]


def _outputs() -> tuple[Output, ...]:
    """The period's outputs written under fixed names: the report, the consolidated
    workbook, the two letters (overwrite imported here: it imports much of the library)."""
    from ..overwrite import OVERDUE, REMINDER

    return (Output("report_xlsx", ("report_xlsx", "report_html", "report_docx"), "báo cáo",
                   "Báo cáo", "lập báo cáo"),
            Output("consolidated", ("consolidated",), "bảng tổng hợp", "Thu nhận",
                   "gộp tệp các đơn vị gửi về"),
            *(Output(f"{kind}_docx", (f"{kind}_docx", f"{kind}_xlsx", f"{kind}_csv"),
                     f"{letter.name} và danh sách trộn thư", "Phản hồi", make)
              for kind, letter, make in (
                  ("reminder", REMINDER, "lập công văn đôn đốc"),
                  ("overdue", OVERDUE, "lập công văn đôn đốc nhiệm vụ quá hạn"))))


# The outputs of a period judged one file at a time: the units' feedback workbooks (each
# says its plan: letter_plan, written by the merge), the units' files (their folder's list
# says their plan, as the Giao việc page reads it), and the office's edited copies kept
# beside an output (kept_files: each says its own, or none).
LETTERS = Output("", (), "tệp phản hồi", "Thu nhận", "gộp tệp các đơn vị gửi về")
SPLIT = Output("", (), "tệp giao", "Giao việc", "tạo tệp giao")
KEPT = Output("", (), "bản đã sửa được giữ lại", "", "")


def split_plan(ws, period: Period) -> Mark | None:
    """(code, period) of the plan the period's units' files were made for, as their
    folder's list (manifest.json) says, when it is another plan than the one in use; None
    when it is this plan's, says none, or there is none."""
    state = ws.master_state()
    listed = ws.split_manifest(period.code) or {}
    made_for = listed.get("plan")
    if state is None or state.master is None or not isinstance(made_for, str) or \
            not made_for or made_for == state.master.plan.key:
        return None
    said = listed.get("period")
    return made_for, said.get("code", "") if isinstance(said, dict) else ""


def judged(ws, period: Period, path: Path) -> tuple[Mark, Output] | None:
    """Another plan's output at ``path`` (one of the period's, or a copy kept beside
    one): the plan and period its mark says, and what output it is; None when it is this
    plan's or says none. What a page hides and a download refuses, judged alike."""
    if path.parent == ws.split_dir(period):
        mark = split_plan(ws, period)
        return (mark, SPLIT) if mark else None
    if path.parent == ws.feedback_dir(period):
        mark = other_plan(ws, path, letter=True)
        return (mark, LETTERS) if mark else None
    for output in _outputs():
        if path in output.paths(ws, period):
            mark = other_plan(ws, getattr(ws, output.marker)(period))
            return (mark, output) if mark else None
    mark = other_plan(ws, path)
    return (mark, KEPT) if mark else None


def _moved(ws, period: Period, path: Path, mark: Mark, output: Output) -> str:
    """What to move out of the working folder with ``path``, as the page's notice says
    it: the output's every file ("các tệp bao-cao-Q1.xlsx, …"), the units' files' folder,
    the feedback folder when each of its letters is that plan's."""
    if output is SPLIT:
        return f"thư mục {path.parent.name}"
    if output is LETTERS:
        every = all(other_plan(ws, f, letter=True) == mark
                    for f in ws.feedback_files(period.code))
        return f"thư mục {path.parent.name}" if every else _files([path])
    return _files(_existing(output.paths(ws, period)) if output.files else [path])


def refusal(ws, period: Period, path: Path) -> str:
    """Why the period's output at ``path`` is not served as the period's (a download
    asked by an address kept from before: a bookmark, a link in a message): whose it is
    (the plan, the period), that it is not the plan in use's, and what to do, as the
    page's notice says it; "" when it is this plan's or says none (served)."""
    found = judged(ws, period, path)
    if found is None:
        return ""
    mark, output = found
    code, made = mark
    key = ws.master().plan.key
    then = (f", rồi {output.make} kỳ {period.in_sentence} ở trang {output.page}"
            if output.make else "")
    return (f"Tệp {path.name} là {output.what} {period_of(code, made)}của "
            f"{_plan_named(ws, code)}, không phải của kế hoạch đang dùng (mã “{key}”): ứng "
            f"dụng không cho tải về tệp đó như {output.what} kỳ {period.in_sentence}. Để giữ "
            f"tệp đó, chuyển {_moved(ws, period, path, mark, output)} {MOVED_OUT}{then}.")


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


def _add_output(ws, found: Found, period: Period, output: Output) -> None:
    """``output`` of the period, when its mark says another plan: its files that exist
    named by a line of the notice, hidden."""
    if mark := other_plan(ws, getattr(ws, output.marker)(period)):
        paths = _existing(output.paths(ws, period))
        _add(ws, found, paths, _are(paths, output.what), mark)


def on_report(ws, period: Period) -> Found:
    """Báo cáo's outputs of another plan: the report (its workbook says its plan, its
    page and Word draft go with it) and the consolidated workbook."""
    found = Found()
    for output in _outputs()[:2]:
        _add_output(ws, found, period, output)
    return found


def on_feedback(ws, period: Period, letters: list[Path]) -> Found:
    """Phản hồi's outputs of another plan: the feedback workbooks among ``letters`` (the
    folder's, each read for its plan once), the reminder letter and the letter chasing
    overdue tasks (each one's Word document says its plan, its lists go with it)."""
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
    for output in _outputs()[2:]:
        _add_output(ws, found, period, output)
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
