"""A consolidated workbook's link to its ledger: where the workbook says its ledger
is (custom properties, written by :mod:`cchc_xl.consolidated.write`), reading those back, and
reading back the office's assessments typed into the workbook (``merge`` and
``cchc-xl assess``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import closing
from datetime import datetime
from pathlib import Path

from .. import assessment as A
from .. import clock
from ..answer import Answer
from ..bounds import check_package
from ..errors import UsageError, WorkbookError
from ..fast.reader import OPENPYXL_DECIDES, custom_properties
from ..ledger import Ledger
from ..ledger.assessments import assessments, save_assessments
from ..ledger.history import changed_since, written_at
from ..ledger.lock import ledger_lock, writing_ledger
from ..saved_by import GOOGLE_SHEETS, saved_by
from ..snapshot import LedgerSnapshot, load_snapshot, shown_again
from ..vocab import NOT_STARTED, PASS
from ..xlio import open_workbook, vn_time

LEDGER_PROPERTY = "cchc_ledger"
LEDGER_PLAN_PROPERTY = "cchc_ledger_plan"
LEDGER_PERIOD_PROPERTY = "cchc_ledger_period"
# When the latest assessment the workbook was written with was recorded ("0" for none):
# what a blank "Đánh giá" cell can mean (save_assessments).
ASSESSED_UNTIL_PROPERTY = "cchc_assessed_until"
REPORT_PROPERTY = "cchc_report"  # the period report's workbook: its plan and period
APPENDIX_PROPERTY = "cchc_appendix"  # the plan's appendix tables: the plan
MERGE_LIST_PROPERTY = "cchc_merge_list"  # a letter's mail-merge list: its letter's mark
ISSUED_LIST_PROPERTY = "cchc_issued_list"  # split's list of the files given out: plan, period
# Workbooks cchc-xl makes for the office, by the property each carries: dropped among the
# returns, merge skips them (a unit's file never carries one; a feedback workbook is the
# unit's own file, which it may fill and send back); at an output's path, only the
# command that writes that kind writes over one (cchc_xl.overwrite).
OFFICE_WORKBOOKS = {LEDGER_PROPERTY: "bảng tổng hợp", REPORT_PROPERTY: "báo cáo",
                    APPENDIX_PROPERTY: "phụ lục kế hoạch",
                    MERGE_LIST_PROPERTY: "danh sách trộn thư",
                    ISSUED_LIST_PROPERTY: "danh sách tệp giao"}
NONE_ASSESSED = "0"
# After the path of a workbook whose assessments a merge read back, as their source: the
# merge writes the workbook there again in the same second, and what it read was typed
# into the file it wrote over (an older copy put back there is not that file).
READ_BACK = " (gộp)"


def ledger_reference(db: Path, out: Path) -> str:
    """Where the workbook ``out`` says its ledger is: relative to its folder if possible."""
    db = Path(db).resolve()
    try:
        return Path(os.path.relpath(db, Path(out).resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return str(db)


def workbook_properties(path: Path) -> dict[str, str]:
    """The custom properties of a workbook (a consolidated one records its ledger, plan
    and period there); {} when it is not a readable .xlsx. Read from the properties'
    part alone (:func:`cchc_xl.fast.reader.custom_properties`), openpyxl reading any file
    that part does not say it is (docs/fast-paths.md). A file outside the bounds of a
    workbook (:func:`cchc_xl.bounds.check_package`: a properties part or shared strings
    unzipping to gigabytes) has none: neither reader opens it."""
    try:
        if check_package(Path(path)) is not None:
            return {}
    except OSError:
        return {}
    try:
        return {p.name: p.value for p in custom_properties(path) if p.value}
    except OPENPYXL_DECIDES:
        pass
    try:
        wb = open_workbook(path, read_only=True)
    except WorkbookError:
        return {}
    with closing(wb):
        return _properties(wb)


def names_ledger(workbook: Path, db: Path, plan_key: str, period: str) -> bool:
    """Whether ``workbook`` is a consolidated workbook of this ledger, plan and period
    (whatever the office typed into it since it was written)."""
    props = workbook_properties(workbook)
    return (props.get(LEDGER_PROPERTY) == ledger_reference(db, workbook)
            and props.get(LEDGER_PLAN_PROPERTY) == plan_key
            and props.get(LEDGER_PERIOD_PROPERTY, "").upper() == period.upper())


def _properties(wb) -> dict[str, str]:
    return {p.name: str(p.value) for p in wb.custom_doc_props.props if p.value}


def read_back_assessments(ledger: Ledger, workbook: Path, plan_key: str, period: str,
                          now: datetime, unread: list[str] | None = None
                          ) -> dict[tuple[str, str], A.Assessment | None]:
    """Record in ``ledger`` the office's assessments typed into a consolidated workbook
    of the same plan and period (nothing for another workbook); each one that changed,
    as :func:`save_assessments` gives them (what :func:`assessed_words` says).

    ``unread`` gets a sentence, as `cchc-xl assess` says it, for what the office typed
    that is not recorded: a verdict typed outside the assessment column (one column
    off), a sheet that lost its key or assessment column, a row judged differently in
    two places, one typed otherwise than a verdict recorded since, one typed beside an
    answer that no longer counts (as `assess` refuses it: :func:`_drop_stale`), a
    workbook that cannot be read at all. A merge writes the workbook again from the ledger: told
    nothing (a QA pass), it wrote over that typing and nobody knew."""
    changes: dict[tuple[str, str], A.Assessment | None] = {}
    workbook = Path(workbook)
    if not workbook.is_file():
        return changes
    props = workbook_properties(workbook)
    if (props.get(LEDGER_PLAN_PROPERTY) != plan_key
            or props.get(LEDGER_PERIOD_PROPERTY, "").upper() != period.upper()):
        return changes
    marked: set[tuple[str, str]] = set()
    doubts: list[str] = []
    rows: dict = {}  # what each row holding something showed
    try:  # as `cchc-xl assess` reads them: the fast reader, else openpyxl
        found = A.read_assessments(workbook, marked, doubts,
                                   names=_names(ledger, plan_key, period), rows=rows)
    except WorkbookError as exc:  # damaged, every sheet lost a column, or from before
        if unread is not None:  # the assessment column existed
            unread.append(exc.message)
        return changes
    again = _shown(ledger, plan_key, period, marked)
    source = str(workbook.resolve())
    written = written_at(ledger, plan_key, period, source)
    conflicts = _as_written(ledger, plan_key, period, found,
                            props.get(ASSESSED_UNTIL_PROPERTY), (source, written), marked)
    _drop_stale(ledger, plan_key, period, found, rows, again, doubts)
    save_assessments(ledger, plan_key, period, found, now, source,
                     shown_until=props.get(ASSESSED_UNTIL_PROPERTY), kept=conflicts,
                     changes=changes, shown_again=again, same_file=True,
                     written=written, recorded_as=f"{source}{READ_BACK}")
    if unread is not None:
        # The merge writes the newest workbook now, at this path.
        unread += _conflicts_words(conflicts, rows) + doubts
    return changes


def _names(ledger: Ledger, plan_key: str, period: str) -> dict[str, str]:
    """The units' names a consolidated workbook of the period shows, by code: those of
    the plan the period is counted with, which it was written from ({} for none)."""
    try:
        return ledger.plan(plan_key, period).names
    except UsageError:  # no plan recorded: nothing to check a row's name against
        return {}


def _shown(ledger: Ledger, plan_key: str, period: str, marked: set[tuple[str, str]]
           ) -> dict[tuple[str, str], A.Assessment]:
    """The earlier periods' verdicts shown again on the rows a workbook marks so (its keys
    ending "|kỳ trước"), as the ledger judges them now; worked out only for a workbook
    that marks some."""
    if not marked:
        return {}
    return {row: a for row, a in shown_again(ledger, plan_key, period).items() if row in marked}


def assess(workbook: Path, now: datetime | None = None, kept: list | None = None,
           read: dict | None = None, changes: dict | None = None
           ) -> tuple[int, LedgerSnapshot]:
    """``cchc-xl assess``: read the office's assessments from a consolidated workbook into
    its ledger. Returns how many changed and the period's snapshot afterwards; ``kept``
    gets those not recorded, ``read`` every one the workbook holds, ``changes`` each one
    that changed (:func:`record_assessments`)."""
    from ..report import resolve_ledger

    workbook = Path(workbook)
    props = workbook_properties(workbook)
    try:
        db, plan_key = resolve_ledger(workbook)
    except WorkbookError as exc:
        recorded = props.get(LEDGER_PROPERTY, "")
        if recorded and not (workbook.parent / recorded).is_file():
            exc.hint = _elsewhere_hint(Path(recorded).name)
        raise
    period = props.get(LEDGER_PERIOD_PROPERTY, "")
    if not plan_key or not period:
        if saved_by(workbook) == GOOGLE_SHEETS:  # it was one: Google keeps no property
            raise WorkbookError(
                "tệp tổng hợp đã được lưu lại bằng Google Sheets, chương trình này không giữ "
                "thông tin về kế hoạch và kỳ của lần gộp", file=str(workbook),
                hint="ghi 'Đạt' / 'Chưa đạt' vào chính tệp tổng hợp lần gộp đã ghi, bằng "
                     "Excel, WPS hoặc LibreOffice trên máy tính (không mở bằng Google Sheets), "
                     "rồi chạy lại")
        raise WorkbookError("tệp không ghi kế hoạch và kỳ của lần gộp: không phải tệp tổng hợp "
                            "của 'cchc-xl merge'", file=str(workbook))
    changed = record_assessments(db, plan_key, period, workbook, now=now, kept=kept, read=read,
                                 changes=changes)
    return changed, load_snapshot(db, period, plan_key)


def _elsewhere_hint(ledger: str) -> str:
    """What to do with a consolidated workbook moved away from its ledger (saved as a copy
    elsewhere, from Excel's read-only mode): the report's hint, to copy the ledger beside
    it, would have the verdicts recorded into a copy of the ledger that no merge, report
    nor the web app reads (a QA pass)."""
    return (f"đánh giá phải được ghi vào chính sổ cái đó: chép tệp này vào thư mục có sổ cái "
            f"{ledger}, nơi lần gộp ghi tệp tổng hợp, đặt tên khác để không ghi đè bảng ở đó, "
            "rồi chạy lại, hoặc tải tệp lên trang Báo cáo của ứng dụng; đừng chép sổ cái sang "
            "đây, đánh giá sẽ chỉ được ghi vào bản chép")


def record_assessments(db: Path, plan_key: str, period: str, workbook: Path, *,
                       now: datetime | None = None, source: str | None = None,
                       kept: list | None = None, read: dict | None = None,
                       changes: dict | None = None) -> int:
    """The office's assessments typed into ``workbook`` written into the ledger ``db``
    (``source``: the workbook as the office knows it, an upload's name; default its
    path, resolved, and then what this same file gave before is no copy's:
    :func:`save_assessments`, ``same_file``); how many changed. Written as a
    merge writes the ledger: never in the middle of one. A row typed otherwise than an
    assessment recorded after the workbook was made (from another copy) is not
    recorded: ``kept`` gets the sentence saying so, for each.
    ``read`` gets every assessment the workbook holds, by (unit, product); ``changes``
    each one that changed, as :func:`save_assessments` gives them."""
    marked: set[tuple[str, str]] = set()
    # Typed but not read: a row judged twice, a verdict misplaced, rows sorted apart from
    # their keys.
    doubts: list[str] = []
    shown_until = workbook_properties(workbook).get(ASSESSED_UNTIL_PROPERTY)
    rows: dict = {}  # what each row holding something showed
    with ledger_lock(db), writing_ledger(db), Ledger(db) as ledger:
        found = A.read_assessments(workbook, marked, doubts,
                                   _names(ledger, plan_key, period), rows)
        again = _shown(ledger, plan_key, period, marked)
        if read is not None:
            read.update(found)
        # An upload's name is no file's: every download of the workbook has the same one.
        path = str(Path(workbook).resolve())
        own = None if source else (path, written_at(ledger, plan_key, period, path))
        conflicts = _as_written(ledger, plan_key, period, found, shown_until, own, marked)
        _drop_stale(ledger, plan_key, period, found, rows, again, doubts)
        changed = save_assessments(ledger, plan_key, period, found,
                                   (now or clock.now()).replace(microsecond=0),
                                   source or str(Path(workbook).resolve()),
                                   shown_until=shown_until, kept=conflicts,
                                   changes=changes, shown_again=again,
                                   same_file=own is not None,
                                   written=own[1] if own else "")
        # Named by its path on this computer; not to the web app's user, who downloads it.
        newest = _newest(ledger, plan_key, period, workbook) if source is None else NEWEST
    if kept is not None:
        kept += _conflicts_words(conflicts, rows, newest)
        kept += doubts
    return changed


def _drop_stale(ledger: Ledger, plan_key: str, period: str, found: dict, rows: dict,
                again: dict, doubts: list[str]) -> None:
    """Take out of ``found`` the verdicts typed beside an answer that no longer counts
    (a workbook made before a later merge of the unit's file, or before a withdrawal):
    they would judge the answer counted now, which the workbook never showed; the sentence
    naming them goes first in ``doubts``. One rule for `cchc-xl assess`, the web app's
    upload and a merge's read-back of the same workbook: the read-back recorded what
    `assess` refused (a QA pass)."""
    from ..answer_shown import not_shown

    if not rows:  # nothing typed: no answer to compare (a merge's read-back, mostly)
        return
    recorded = assessments(ledger, plan_key, period)
    if stale := not_shown(
            load_snapshot(ledger.path, period, plan_key), found, rows,
            lambda key, typed: typed in (recorded.get(key, (None,))[0], again.get(key))):
        doubts.insert(0, stale)


def _as_written(ledger: Ledger, plan_key: str, period: str, found: dict,
                shown_until: str | None, own: tuple[str, str] | None,
                marked: set[tuple[str, str]]) -> list[tuple]:
    """Take out of ``found`` the rows of a workbook written before their assessment was
    recorded, replaced or removed from elsewhere (another copy, the web app, a merge)
    whose cell is as the workbook was written: the office typed nothing there, and its
    cell is no verdict against what was decided since (a QA pass: last week's workbook
    opened by mistake, nothing changed, `assess` warned of each verdict changed since,
    and brought back one emptied since). A row typed otherwise, whose assessment was
    removed since (its cell emptied in a newer workbook), is not recorded either: it is
    returned, as :func:`save_assessments` gives those of an assessment recorded
    since (``kept``), with None for the assessment. Changes since made from this
    file (``own``: its path, and when a merge last wrote a workbook there, from which
    second what was typed there is this file's; None: not known, an upload) are its own: the
    same file typed into again, its rows are read. A row the workbook ``marked`` as
    showing an earlier period's verdict is compared with that verdict as shown (taken
    back since: its cell emptied in a newer workbook)."""
    if shown_until is None:  # a workbook from before the time was written into it
        return []
    now = assessments(ledger, plan_key, period)
    since = changed_since(ledger, plan_key, period, shown_until)
    then = shown_again(ledger, plan_key, period, shown_until) if marked & since.keys() else {}
    conflicts = []
    for key, (shown, sources, at) in since.items():
        if key not in found or own is not None and own[0] in sources and (
                sources[own[0]] >= own[1]):
            continue
        shown = then.get(key) if key in marked else shown
        typed = found[key] if found[key] is not None and found[key].text else None
        if typed == shown:
            del found[key]
        elif key not in now and typed is not None:
            del found[key]
            conflicts.append((*key, typed, None, at))
    return conflicts


NEWEST = "bảng tổng hợp mới nhất"


def _newest(ledger: Ledger, plan_key: str, period: str, workbook: Path) -> str:
    """Where the office types instead of an older workbook, as `assess` names it: the
    consolidated workbook the latest merge of the period wrote, by its path; this very
    path (an older copy put back in its place, or another copy recorded after it), what
    writes it again from the ledger."""
    paths = [p for p in ledger.consolidated_paths(plan_key, period) if p.is_file()]
    if not paths:
        return NEWEST
    if paths[-1] == Path(workbook).resolve():
        return f"{NEWEST} (chạy lại 'cchc-xl merge' để ghi lại tệp này theo sổ cái)"
    return f"{NEWEST} ({paths[-1]})"


def _conflicts_words(conflicts: list[tuple], rows: dict, where: str = NEWEST) -> list[str]:
    """What the office is told of the rows typed otherwise than what was decided after
    the workbook was written (:func:`_as_written`, :func:`save_assessments`):
    each row, where it is, and ``where`` to type instead."""
    return [_conflict_words(*c, rows.get(c[:2], ("",))[0], where) for c in conflicts]


def _conflict_words(unit: str, did: str, typed: A.Assessment, recorded: A.Assessment | None,
                    at: str, cell: str = "", newest: str = NEWEST) -> str:
    """What the office is told of a row typed otherwise than an assessment recorded
    after the workbook was made (:func:`save_assessments`, ``kept``; None: one
    removed since, :func:`_as_written`), ``cell`` where it was typed and ``newest`` the
    workbook to type in instead. A text that is no verdict is a remark ("nhận xét"), as
    the rest of the messages call it (a QA pass: "đã có đánh giá 'OK'")."""
    if recorded is None:
        since = (f"đánh giá của dòng này đã được xóa lúc {vn_time(at)} (ô để trống ở một bản "
                 "khác)")
    elif recorded.cleared:
        since = (f"đánh giá kỳ trước hiển thị lại ở dòng này đã được bỏ lúc {vn_time(at)} (ô "
                 "để trống ở một bản khác)")
    elif recorded.removed:
        since = (f"đánh giá của dòng này đã được bỏ lúc {vn_time(at)}, vì kết quả được tính "
                 "của đơn vị đã khác")
    else:
        since = (f"sổ cái đã có {_kind(recorded)} '{recorded.text}' ghi lúc {vn_time(at)} "
                 "(từ một bản khác)")
    return ((f"không ghi {_kind(typed)} '{typed.text}'" if typed.text else
             "không bỏ đánh giá (ô để trống)") + f" của đơn vị {unit}, nhiệm vụ {did}"
            + (f" ({cell})" if cell else "") + f": {since}, sau khi tệp này được lập; tệp "
            f"này là bản cũ, đánh giá ghi sau đó được giữ nguyên; mở {newest}, sửa dòng "
            "này ở đó rồi ghi lại")


def _kind(assessment: A.Assessment) -> str:
    """What a cell of the assessment column holds, as messages name it."""
    return "đánh giá" if assessment.verdict else "nhận xét"


UNCLEAR_SHOWN = 10  # cells of text that is no verdict named one by one, at most


def assessed_words(changes: dict, where: str) -> str:
    """What reading a workbook's assessments changed (``changes``, as
    :func:`record_assessments` gives them), in the sentence ``cchc-xl assess``, the web
    app's Báo cáo page and a merge that read them back (:func:`read_back_assessments`) all
    say, ``where`` the ledger or the period's figures ("sổ cái …", "số liệu kỳ …"): the
    verdicts (Đạt / Chưa đạt) counted apart from the rows given a
    remark alone and the verdicts taken back (the cell emptied). Not one count of all
    three as "đánh giá mới" (a QA pass: "Đã ghi 3 đánh giá mới" of one verdict, a remark
    and a cell emptied, then "1 dòng do cơ quan tổng hợp đánh giá")."""
    verdicts = sum(1 for a in changes.values() if a is not None and a.verdict)
    remarks = sum(1 for a in changes.values() if a is not None and not a.verdict)
    removed = sum(1 for a in changes.values() if a is None)
    written = [f"{verdicts} đánh giá thay đổi (Đạt / Chưa đạt)" if verdicts else "",
               f"{remarks} nhận xét không kèm Đạt / Chưa đạt" if remarks else ""]
    written = " và ".join(w for w in written if w)
    dropped = f"{removed} đánh giá đã xóa trong bảng" if removed else ""
    if written:
        return f"Đã ghi {written} vào {where}" + (f", bỏ {dropped}" if dropped else "")
    if dropped:
        return f"Đã bỏ {dropped} khỏi {where}"
    return f"Không có đánh giá nào thay đổi trong {where}"


def not_verdicts(remarks: dict, master, then: str) -> str:
    """The cells of ``remarks`` ((unit, product) -> Assessment), text that is neither
    "Đạt" nor "Chưa đạt" (kept as a remark, judging nothing), each where the office finds
    it (sheet, task, unit), and what to write instead, ``then`` what to do after."""
    keys = sorted(remarks)
    return (f"{len(keys)} ô đánh giá không ghi Đạt hay Chưa đạt nên chỉ được ghi như nhận "
            "xét, dòng đó chưa được đánh giá ("
            + _cells(keys, master, lambda key: f": '{remarks[key].note}'") + "). Muốn đánh "
            "giá, ghi 'Đạt' hoặc 'Chưa đạt' vào ô, có thể thêm nhận xét sau dấu hai chấm (ví "
            f"dụ 'Chưa đạt: thiếu văn bản'), {then}.")


def passed_unreported(changes: dict, rows: Iterable[Answer], master) -> str:
    """A note ("" for none) on the rows the office has just marked "Đạt" (``changes``, as
    :func:`record_assessments` gives them) where the unit sent no answer or reported
    "Chưa thực hiện" (``rows``: the period's answers now): they now count done, which a
    verdict typed on the wrong row would make silently (a QA pass)."""
    passed = sorted(k for k, a in changes.items() if a is not None and a.verdict == PASS)
    if not passed:
        return ""
    answers = {(r.unit, r.deliverable): r for r in rows}
    odd = [k for k in passed
           if answers.get(k) is None or answers[k].status in (None, NOT_STARTED)]
    if not odd:
        return ""
    return (f"{len(odd)} dòng được ghi Đạt dù đơn vị chưa báo cáo hoặc báo 'Chưa thực hiện' ("
            + _cells(odd, master, lambda key: "") + "): các dòng này được tính là hoàn "
            "thành; nếu ghi nhầm dòng, sửa trong bảng tổng hợp rồi ghi lại.")


def _cells(keys: list, master, said) -> str:
    """Rows by (unit, product), each where the office finds it (sheet, task, unit) and
    ``said(key)`` after it; the first :data:`UNCLEAR_SHOWN`, then how many more."""
    where: dict[str, str] = {}  # product -> its area's sheet
    for area in master.areas if master else []:
        for task in area.tasks:
            for d in task.deliverables:
                where[d.id] = area.sheet
    names = master.names if master else {}
    cells = []
    for unit, did in keys[:UNCLEAR_SHOWN]:
        sheet = where.get(did, "")
        cells.append(", ".join(filter(None, [f"trang '{sheet}'" if sheet else "",
                                             f"nhiệm vụ {did}", names.get(unit, unit)]))
                     + said((unit, did)))
    more = len(keys) - len(cells)
    return "; ".join(cells) + (f"; và {more} ô khác" if more > 0 else "")
