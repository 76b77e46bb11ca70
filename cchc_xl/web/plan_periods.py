"""Which periods follow the plan in use when it is replaced, and which keep the plan
they were counted with.

A plan amended mid-year (a task added in May, a task given to another unit) counts from
the period being reported now: that period and those after it that already have files
are merged again with it at once (:func:`follow`). A period whose report is already due
(Quý I, reported in April) keeps the figures of its last merge, with the plan that merge
counted with (``Ledger.plan(key, period)``, as the command line does: docs/ledger.md
"The plan"): its report, consolidated workbook and Thu nhận board stay as they were, and
files added, withdrawn or assessed later are counted with that plan too
(:func:`counted_with`). The office recounts such a period with the plan in use only when
it asks to (the Báo cáo page's button, :data:`RECOUNT`): the amendment corrected a
mistake.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .. import clock, period_plan
from ..errors import AnotherPlanOutput, CchcError
from ..ledger import Ledger
from ..master import read_master
from ..model import Master, Period
from ..plan_amended import plan_changes, renamed_units
from ..text import capitalized, short_list

RECOUNT = "Tính lại theo bảng kế hoạch đang dùng"  # the button (report.html, intake.html)
# A recount with the plan in use (Workspace.recount), as a refusal to write over another
# plan's outputs names it (merge.refresh_outputs' ``doing``, beside year_turn's steps;
# wording says what to do next).
RECOUNTING_WITH_PLAN = "tính lại số liệu theo bảng kế hoạch đang dùng"


def today() -> date:
    """The day it is for the web app, its one place (for the tests, and a QA run, to
    set): the period a session opens on (:func:`cchc_xl.periods.period_reported_now`)
    and the pages' hints of the periods due, Thu nhận's "Ngày nhận" and the day a file
    uploaded without one is received (``Workspace.merge``), the Báo cáo page's note of a
    report made before the cut-off and the report it makes (``Workspace.report``: a
    draft, counted to which day, the Word report's year), Phản hồi's deadline hints and
    the letters' date. Pages that read the clock themselves disagreed with each other
    when it was set: the session opened on 9 tháng 2023 while Thu nhận offered today's
    date and took files as received today. The day is :mod:`cchc_xl.clock`'s, which the
    rest of cchc-xl reads too: setting the clock sets both."""
    return clock.today()


def open_periods(master: Master, on: date | None = None) -> list[Period]:
    """:func:`cchc_xl.period_plan.open_periods` on the web app's day (:func:`today`)."""
    return period_plan.open_periods(master, on or today())


@dataclass
class Followed:
    """What putting a version of the plan in place did to the periods with files:
    ``recounted`` with it, ``kept`` as counted before (another plan counted them);
    ``unread``: the recounts (MergeResult) that could not read back verdicts typed into
    a period's consolidated workbook, which the notice says (kept_files.unread_said);
    ``put_back``: the plan is one used before, put back ("Dùng lại"), not a new one;
    ``refused``: the periods still reported whose recount was refused, as counted before,
    with the refusal as the pages say it (another plan's workbook in the working folder:
    last year's tong-hop-Q1.xlsx copied back to compare), which the Báo cáo page offers
    to recount (:func:`behind`); ``cut_short``: the periods recounted whose last merge of
    files was cut short, each with what its recount says of it (MergeResult.cut_short_said:
    the next merge of files tells the files it recorded)."""

    recounted: list[Period] = field(default_factory=list)
    kept: list[Period] = field(default_factory=list)
    unread: list = field(default_factory=list)
    put_back: bool = False
    refused: list[tuple[Period, str]] = field(default_factory=list)
    cut_short: list[tuple[Period, str]] = field(default_factory=list)

    def items(self) -> list[str]:
        """The notice's points, one sentence or two each (none when no period has
        files). A plan put back is no new plan: 2026's put back in January, its year
        recounted, was said to be recounted "theo bảng kế hoạch mới" (a QA pass)."""
        said = []
        plan = "bảng kế hoạch vừa dùng lại" if self.put_back else "bảng kế hoạch mới"
        if self.recounted:
            said.append("Số liệu " + _names(self.recounted) + f" đã được tính lại theo {plan}.")
        if self.kept:
            said.append(capitalized(_names(self.kept)) + " đã qua hạn gửi báo cáo nên giữ "
                        "nguyên số liệu như đã gộp, theo bảng kế hoạch lúc gộp (báo cáo đã "
                        "lập không đổi; tệp nộp thêm cũng tính theo bảng đó). "
                        + ("Nếu cần tính lại kỳ đó theo bảng vừa dùng lại" if self.put_back
                           else "Nếu bảng mới sửa một chỗ nhầm và cần tính lại kỳ đó theo bảng "
                           "mới") + f", mở trang Báo cáo của kỳ đó và bấm “{RECOUNT}”.")
        for period, why in self.refused:
            said.append(capitalized(_names([period])) + f" chưa được tính lại theo {plan}, số "
                        f"liệu giữ như đã gộp: {why.rstrip('.')}.")
        for period, cut in self.cut_short:
            said.append(f"{capitalized(_names([period]))}: {cut[:1].lower()}{cut[1:]}")
        return said

    def foreseen(self) -> str:
        """What replacing the plan in use by a version of it will do, said with the
        question ("" when no period has files): the kept periods are those whose report
        is due (replacing may leave some of them unchanged)."""
        said = []
        if self.recounted:
            said.append("số liệu " + _names(self.recounted) + " (đang báo cáo) được tính "
                        "lại ngay theo bảng mới")
        if self.kept:
            said.append(_names(self.kept) + " đã qua hạn gửi báo cáo nên giữ nguyên số liệu "
                        "như đã gộp (báo cáo đã lập không đổi); "
                        "nếu bảng mới sửa một chỗ nhầm, tính lại từng kỳ đó ở trang Báo cáo "
                        f"bằng nút “{RECOUNT}”")
        return ("Khi thay: " + "; ".join(said) + ".") if said else ""

    def without(self, gone: list[Period]) -> Followed:
        """What replacing would do with a version of the plan that has none of ``gone``:
        those periods neither recounted nor kept (:func:`dropped_said`)."""
        return replace(self, recounted=[p for p in self.recounted if p not in gone],
                       kept=[p for p in self.kept if p not in gone])


def _names(periods: list[Period]) -> str:
    return "kỳ " + short_list([p.in_sentence for p in periods], 6, ", ", "kỳ")


def with_files(ledger_path: Path, master: Master) -> list[Period]:
    """The plan's periods that have files in the ledger."""
    if not ledger_path.is_file():
        return []
    with Ledger(ledger_path, create=False) as ledger:
        if master.plan.key not in ledger.plans():
            return []
        return [p for p in master.periods if ledger.submissions(master.plan.key, p.code)]


def planned(ledger_path: Path, master: Master) -> Followed:
    """What putting a version of ``master``'s plan in place would do (nothing done):
    its periods with files, those it recounts and those it keeps."""
    counted = with_files(ledger_path, master)
    recount = open_periods(master)
    return Followed([p for p in counted if p in recount],
                    [p for p in counted if p not in recount])


def follow(ws) -> Followed:
    """After the plan in use (of the Workspace ``ws``) replaced another: each period of
    it with files in the ledger and still reported (:func:`open_periods`) is merged again
    with it (``ws.recount``: the ledger records the new plan, the consolidated workbook
    and feedback are written again from it); a period whose report is due keeps the plan
    it was counted with. What was done to which period, and the recounts that could not
    read back the office's typed verdicts (dropped, the notice said nothing of them).
    A period whose recount would write over another plan's outputs (AnotherPlanOutput)
    is left as counted, with why (``refused``): the refusal went out of the page's
    answer after the plan was in place ("Không làm được… chưa ghi gì", a probe)."""
    state = ws.master_state()
    if state is None or state.master is None:
        return Followed()
    master = state.master
    followed = planned(ws.ledger_path, master)
    for period in followed.recounted:
        try:
            result = ws.recount(period.code)
        except AnotherPlanOutput as exc:
            followed.refused.append((period, ws.said(exc)))
            continue
        if result.unread:
            followed.unread.append(result)
        if cut := result.cut_short_said(ws.shown_name(period.code)):
            followed.cut_short.append((period, cut))
    followed.recounted = [p for p in followed.recounted
                          if p not in [period for period, _ in followed.refused]]
    followed.kept = [p for p in followed.kept
                     if counted_with(ws.ledger_path, master, p.code) is not None]
    return followed


def behind(ws, code: str) -> bool:
    """Whether a period still reported (:func:`open_periods`) is counted with another
    version of the plan than the one in use: its recount refused when the plan was put
    in place (:attr:`Followed.refused`), which the Báo cáo page offers to do again."""
    state = ws.master_state()
    if state is None or state.master is None or not ws.ledger_path.is_file():
        return False
    master = state.master
    period = master.period(code)
    if period is None or period not in open_periods(master):
        return False
    try:
        with Ledger(ws.ledger_path, create=False) as ledger:
            return period_plan.counted_apart(ledger, master, period.code)
    except (CchcError, sqlite3.Error):  # a ledger that cannot be read: the page says so
        return False


def counted_with(ledger_path: Path, master: Master, code: str) -> Master | None:
    """:func:`cchc_xl.period_plan.counted_with` on the web app's day (:func:`today`)."""
    return period_plan.counted_with(ledger_path, master, code, today())


def kept_changes(ws, code: str) -> list[str] | None:
    """For a period that keeps the plan it was counted with (:func:`counted_with`), what
    the plan in use changed for its figures (plan_amended.plan_changes: possibly nothing,
    a task's wording changed); None for a period that follows the plan in use."""
    state = ws.master_state()
    if state is None or state.master is None:
        return None
    try:
        before = counted_with(ws.ledger_path, state.master, code)
    except (CchcError, sqlite3.Error):  # a ledger that cannot be read: the page says so
        return None
    return plan_changes(before, state.master) if before is not None else None


def foreseen(ledger_path: Path, master: Master) -> Followed:
    """:func:`planned`, for the question asked before replacing ``master``: nothing
    foreseen when the ledger cannot be read (replacing it says what it did)."""
    try:
        return planned(ledger_path, master)
    except (CchcError, sqlite3.Error):
        return Followed()


def dropped_said(gone: list[Period]) -> str:
    """What the office is told before replacing the plan in use by a version without the
    periods ``gone``, which have files: it said they would be recounted by the new table
    (Followed.foreseen), which has no such period; once replaced, their files and figures
    were on no page, unsaid (a QA pass: the "Kỳ báo cáo" sheet's row deleted in Excel)."""
    return (f"Bảng này không có {_names(gone)}, kỳ đã nhận tệp các đơn vị gửi về: thay bằng "
            "bảng này thì các trang không còn kỳ đó, số liệu của kỳ không được tính lại (tệp "
            "đã nhận vẫn giữ trong sổ cái; trở lại được bằng nút “Dùng lại” bảng đang dùng). "
            "Nếu dòng của kỳ ở trang “Kỳ báo cáo” bị xóa nhầm: bấm "
            f"“{KEEP}”, thêm lại dòng đó rồi tải bảng lên lại.")


def changed_from(in_use: Master, held_plans: list, with_files: list[Period] = ()
                 ) -> tuple[dict[str, str], set[str], dict[str, list[Period]]]:
    """What each version of the plan asked about (:class:`~.held.Held`, by its token)
    changes from ``in_use`` for the figures (:func:`~cchc_xl.plan_amended.plan_changes`:
    tasks added or dropped, their lead or supporting units or deadline changed, units
    added...), as the question's sentence; none for another plan, one that cannot be
    read, or one that changes none of these. The question said only "20 nhiệm vụ" beside
    the 19 in use: which task was added, which deadline moved, the office could not tell
    before answering (a QA pass). With it, the tokens of those that are the plan in use
    itself (:func:`same_plan`): nothing to replace; and the periods of ``with_files``
    (those with files) each version has not (:func:`dropped_said`), by its token."""
    said, same, dropped = {}, set(), {}
    for waiting in held_plans:
        if waiting.other_plan or not waiting.title:
            continue
        try:
            amended = read_master(waiting.path)[0]
        except CchcError:
            continue
        if same_plan(in_use, amended):
            same.add(waiting.token)
            continue
        gone = [p for p in with_files if amended.period(p.code) is None]
        if gone:
            dropped[waiting.token] = gone
        parts = plan_changes(in_use, amended)
        if parts:
            said[waiting.token] = " ".join(
                ["So với bảng đang dùng: " + "; ".join(parts) + "."]
                + [keep_code(old, new, amended, waiting.imported is not None)
                   for old, new in renamed_units(in_use, amended)])
    return said, same, dropped


def same_plan(in_use: Master, other: Master) -> bool:
    """Whether ``other`` is ``in_use`` as the tool reads a plan (its areas, tasks, units
    with their other names and groups, periods, every cell it reads), whatever file it
    was read from: the very document the plan in use was imported from, imported again,
    or its table uploaded again. Replacing the plan in use by it changes nothing, yet
    the office was asked "Thay bảng kế hoạch đang dùng?" and told the period being
    reported would be recounted (a QA pass)."""
    return replace(in_use, path="", sha256="") == replace(other, path="", sha256="")


def same_wording(given: str) -> str:
    """What the office is told of a plan :func:`same_plan` as the one in use, ``given``
    ("Tệp “ke-hoach.xlsx”", "bảng kế hoạch lập từ văn bản")."""
    return (f"{given} giống hệt bảng kế hoạch đang dùng (cùng lĩnh vực, nhiệm vụ, đơn vị, "
            "thời hạn và kỳ báo cáo): không có gì để thay, bảng kế hoạch đang dùng và số "
            "liệu các kỳ giữ nguyên.")


# The question's button and the import's box (plan.html shows them with these words).
KEEP = "Không thay, giữ bảng đang dùng"
TICKED = "Lấy danh sách đơn vị, nhóm, tên gọi khác từ bảng kế hoạch đang dùng"


def keep_code(old, new, amended: Master, imported: bool) -> str:
    """How the office keeps ``old``'s code for the unit ``amended`` (the version asked
    about) calls ``new`` (plan_amended.renamed_units): what it does depends on where the
    version came from. A table's 'Đơn vị' row names its unit for the plan's cells (a name
    or another spelling of it, docs/master-format.md), so the new name goes on the old
    code's row; an import with the units of the plan in use gives a name found there its
    code, so the new name is added to the plan in use first, then the document imported
    again."""
    if imported:
        return (f"Nếu đúng là một đơn vị, để đơn vị giữ mã {old.code}: bấm “{KEEP}”; tải "
                f"bảng kế hoạch đang dùng về, ở trang “Đơn vị” ghi “{new.name}” vào cột "
                f"“Tên gọi khác” của dòng mã {old.code}, tải bảng lên và thay bảng đang "
                f"dùng bằng bảng đó; rồi nhập lại văn bản, chọn “{TICKED}”.")
    row = (f"ở dòng mã {old.code} ghi “{new.name}” vào cột “Tên đơn vị”, chuyển "
           f"“{old.name}” sang cột “Tên gọi khác”, xóa dòng mã {new.code}"
           if old.code in amended.units_by_code() else
           f"ở dòng mã {new.code} sửa mã thành {old.code}, ghi “{old.name}” vào cột “Tên "
           "gọi khác”")
    return (f"Nếu đúng là một đơn vị, để đơn vị giữ mã {old.code}: bấm “{KEEP}”; trong "
            f"trang “Đơn vị” của tệp này, {row} (trang “Nhóm” có ghi mã {new.code} thì sửa "
            f"thành {old.code}), rồi tải tệp lên lại.")
