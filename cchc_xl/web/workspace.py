"""The web app's data folder: where each step's files live, and the library calls on them.

One folder holds a whole year's work, laid out like ``make demo``'s ``out/`` so that
the CLI and the browser can take turns on it (the names: :mod:`cchc_xl.folder_names`)::

    ke-hoach.xlsx               the master (earlier versions in ke-hoach-cu/)
    giao-9T/                    split: one workbook per unit + manifest.csv/.json
    nhan-ve-9T/                 returned files as uploaded, each in a folder of its
                                own (3f9a1c/X02.xlsx) under its name made safe, with
                                ten-tep.json mapping them to the names people gave
    tong-hop-9T.xlsx            merge: consolidated workbook
    cchc-ledger.sqlite          the ledger (archive of every file in cchc-archive/)
    phan-hoi-9T/                feedback workbooks for units
    bao-cao-9T.xlsx/.html       the period's report
    don-doc-9T.docx/.xlsx/.csv  the reminder letter, its mail-merge list (qua-han-9T.*:
                                the letter chasing overdue tasks)

Nothing here decides anything about plans or returns: each method is one call of the
library function the CLI command calls (``split_master``, ``merge_returns``,
``write_report``, ``check_master``...), with this folder's paths filled in.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import clock
from ..data_folder import APP_DIR, IMPORTS, ONE_DOWNLOAD
from ..errors import CchcError, UsageError
from ..findings import Finding
from ..folder_names import (
    CONSOLIDATED,
    FEEDBACK_DIR,
    INTAKE_DIR,
    MASTER_NAME,
    OLD_MASTERS,
    OVERDUE_CSV,
    OVERDUE_DOCX,
    OVERDUE_XLSX,
    PERIOD_FILES,
    REMINDER_CSV,
    REMINDER_DOCX,
    REMINDER_XLSX,
    REPORT_DOCX,
    REPORT_HTML,
    REPORT_XLSX,
    SPLIT_DIR,
    period_name,
)
from ..intake.bundles import safe_name
from ..issuer import authority_place
from ..ledger import LEDGER_NAME, Ledger
from ..ledger.keys import file_key
from ..made_from import made_from as carried_digest
from ..manifest import MANIFEST_CSV, MANIFEST_JSON, MANIFEST_XLSX, issued_list, read_manifest
from ..master import examine_master
from ..master.layout import PERIOD_CODE, PERIOD_CODE_HINT
from ..model import Master, Period
from ..sender import signing_left
from ..snapshot import LedgerSnapshot, load_snapshot
from ..text import for_people, slug
from ..vocab import ERROR
from ..xlio import atomic_write, content_key, file_sha256
from ..year_turn import ASSESSING, other_year_finding
from . import plan_periods
from .earlier import KEPT_STAMP, EarlierPlan, EarlierPlans, Listed, kept_name
from .figures import PeriodFigures
from .made_from import MadeFrom
from .office_files import OfficeKinds
from .other_plans import PlanMarks
from .plan_periods import Followed, counted_with, follow
from .upload_names import names_by_key, update_names, upload_key
from .wording import error_for_browser, for_browser

IMPORT_NOTES = "nhap-van-ban.json"  # what the last import found, kept with its master


def _period_path(name: str):
    """A Workspace method: the path of the period's file ``name`` (one of PERIOD_FILES)."""
    def path(self: Workspace, period: Period | str) -> Path:
        return self._period_file(name, period)
    return path


@dataclass
class StoredFile:
    """An uploaded file as kept: its generated path, and the name the user's computer gave."""

    path: Path
    original: str


@dataclass
class Installed:
    """What installing a master did: the check's findings, and where the master it
    replaced was kept ("ke-hoach-cu/ke-hoach-20231002-091500-000000.xlsx", in the data
    folder; "" when there was none or the new one was refused); ``refused`` when it has
    errors and a usable plan is in use (kept: every step would stop on the new one);
    ``other_plan`` when it is another plan, not a version of the one in use, and the
    periods' files of that one were put aside (or this one's brought back); ``periods``:
    the periods with files recounted with it, and those kept as counted (plan_periods)."""

    findings: list[Finding]
    kept: str = ""
    refused: bool = False
    other_plan: bool = False
    periods: Followed = field(default_factory=Followed)
    # Who sent, signed and took the files back by the table replaced, that this one says
    # otherwise (sender.signing_left; "" when the same).
    signing: str = ""

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def unreadable(self) -> bool:
        """The file is no workbook that can be read (not a plan at all)."""
        return bool(self.unreadable_reason)

    @property
    def unreadable_reason(self) -> str:
        """Why the file cannot be read, as the check says it; "" when it can."""
        return next((f.message for f in self.findings if f.code == "master-unreadable"), "")


@dataclass
class MasterState:
    """The current master: its findings, and the plan when it has no errors."""

    path: Path
    findings: list[Finding]
    master: Master | None
    error: str = ""


class Workspace:
    """Paths of one data folder and the library calls over them (thread-safe reads)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / APP_DIR).mkdir(exist_ok=True)
        self._lock = threading.Lock()
        self._master_cache: tuple[tuple[int, ...], MasterState] | None = None
        self._office_kinds = OfficeKinds()
        self._earlier = EarlierPlans(self.root / OLD_MASTERS)
        self._made = MadeFrom(self.root / APP_DIR)
        # The plan each output says it was written for (pages show no other plan's).
        self.plan_marks = PlanMarks()
        self.figures = PeriodFigures()  # the periods' snapshots and figures, per ledger state

    # --- paths -----------------------------------------------------------------------

    @property
    def master_path(self) -> Path:
        return self.root / MASTER_NAME

    @property
    def ledger_path(self) -> Path:
        return self.root / LEDGER_NAME

    @property
    def app_dir(self) -> Path:
        return self.root / APP_DIR

    def _code(self, period: Period | str) -> str:
        code = period if isinstance(period, str) else period.code
        # A period code (the master's) that cannot be part of a file name is refused.
        if not PERIOD_CODE.match(code):
            raise UsageError(f"mã kỳ '{code}' có ký tự không dùng được trong tên thư mục",
                             hint=PERIOD_CODE_HINT)
        return code

    def _period_file(self, name: str, period: Period | str) -> Path:
        """The path of one of :data:`~cchc_xl.folder_names.PERIOD_FILES` for the period."""
        return self.root / period_name(name, self._code(period))

    # Each of PERIOD_FILES for a period: ws.consolidated("9T")
    split_dir = _period_path(SPLIT_DIR)
    intake_dir = _period_path(INTAKE_DIR)
    consolidated = _period_path(CONSOLIDATED)
    feedback_dir = _period_path(FEEDBACK_DIR)
    report_xlsx = _period_path(REPORT_XLSX)
    report_html = _period_path(REPORT_HTML)
    report_docx = _period_path(REPORT_DOCX)
    reminder_docx = _period_path(REMINDER_DOCX)
    reminder_xlsx = _period_path(REMINDER_XLSX)
    reminder_csv = _period_path(REMINDER_CSV)
    overdue_docx = _period_path(OVERDUE_DOCX)
    overdue_xlsx = _period_path(OVERDUE_XLSX)
    overdue_csv = _period_path(OVERDUE_CSV)

    def written_since_merge(self, path: Path, code: str | None = None) -> bool:
        """Whether ``path`` (a report, a letter) exists and shows what the ledger holds
        for the period ``code``: made from the period's digest now (carried by the file,
        :mod:`cchc_xl.made_from`, or recorded here, :mod:`.made_from`), or, neither
        saying, written after the ledger last changed."""
        if not path.is_file():
            return False
        made = carried_digest(path) or self._made.made_from(path) if code else None
        if made is not None:
            now = self._period_digest(code)
            if now is not None:
                return made == now
        return not self.ledger_path.is_file() or (
            path.stat().st_mtime >= self.ledger_path.stat().st_mtime)

    def _period_digest(self, code: str) -> str | None:
        state = self.master_state()
        if state is None or state.master is None or not self.ledger_path.is_file():
            return None
        with Ledger(self.ledger_path, create=False) as ledger:
            return ledger.period_digest(state.master.plan.key, code)

    # --- the master --------------------------------------------------------------------

    def master_state(self) -> MasterState | None:
        """The current master, checked (cached until the file changes, however it was
        changed: uploaded here, or copied or written in place from outside the app);
        None before upload."""
        path = self.master_path
        try:
            key = content_key(path.stat())
        except FileNotFoundError:
            return None
        with self._lock:
            if self._master_cache and self._master_cache[0] == key:
                return self._master_cache[1]
        master, findings, failure = examine_master(  # one reading of the file
            path, list_hint="xem đủ danh sách ở mục 'Kết quả kiểm tra' bên dưới")
        # Shown beside the findings, the stored copy named as the plan in use.
        error = self.said(failure) if failure is not None else ""
        state = MasterState(path, findings, master, error)
        try:
            same = content_key(path.stat()) == key
        except OSError:
            same = False
        if same:  # not replaced while it was read (else read again next time)
            with self._lock:
                self._master_cache = (key, state)
        return state

    def said(self, exc: CchcError) -> str:
        """A library error as the pages and jobs show it (wording.error_for_browser)."""
        return error_for_browser(exc, self.root, self.master_path)

    def master(self) -> Master:
        """The master later steps rely on, or a UsageError telling what to do first."""
        state = self.master_state()
        if state is None:
            raise UsageError("chưa có bảng kế hoạch",
                             hint="tải bảng kế hoạch lên ở trang 'Kế hoạch'")
        if state.master is None:
            raise UsageError(f"bảng kế hoạch còn lỗi: {state.error}",
                             hint="sửa theo danh sách ở trang 'Kế hoạch' rồi tải lên lại")
        return state.master

    def install_master(self, uploaded: Path) -> Installed:
        """Check an uploaded master; when it can be read, make it the current one.

        The earlier master is kept in ke-hoach-cu/ (listed by :meth:`earlier_plans`, put
        back by :meth:`put_back`). Returns the check's findings and where the earlier
        master was kept; an unreadable file (not a workbook, damaged), or one with errors
        while a usable plan is in use, leaves the current master in place. A plan put in
        place of another brings the periods still reported up to it, the others keeping
        the plan they were counted with (:func:`plan_periods.follow`).
        """
        new, checked = self.vet_master(uploaded)
        if checked.refused or checked.unreadable:
            return checked
        found = checked.findings
        current = self.master_state()
        old = None
        now = clock.now()
        stamp = now.strftime(KEPT_STAMP)
        if self.master_path.exists():
            old = self.root / OLD_MASTERS / kept_name(now)
            old.parent.mkdir(exist_ok=True)
            shutil.copyfile(self.master_path, old)
        was = current.master.plan.key if current is not None and current.master else None
        swapped = new is not None and was is not None and new.plan.key != was and \
            self._earlier.swap_files(self.root, PERIOD_FILES, was, new.plan.key, stamp)
        atomic_write(self.master_path, lambda tmp: shutil.copyfile(uploaded, tmp))
        # In place of another: the periods still reported follow it.
        followed = follow(self) if old is not None else Followed()
        signing = signing_left(current.master.plan, new.plan) if (
            old is not None and new is not None and current is not None
            and current.master is not None) else ""
        return Installed(found, old.relative_to(self.root).as_posix() if old else "",
                         other_plan=swapped, periods=followed, signing=signing)

    def vet_master(self, uploaded: Path) -> tuple[Master | None, Installed]:
        """What putting an uploaded master in place would do, nothing done: its plan (None
        when it has errors) and the check's findings, ``refused`` when it has errors while
        a usable plan is in use (an unreadable file: ``unreadable``)."""
        new, found, _ = examine_master(uploaded)
        if Installed(found).unreadable:
            return new, Installed(found)
        # Next year's table under this year's code is no version of this year's plan.
        if new is not None and (other := other_year_finding(self.ledger_path, new)):
            found, new = [other, *found], None
        current = self.master_state()
        refused = any(f.severity == ERROR for f in found) and current is not None and \
            current.master is not None
        return new, Installed(found, refused=refused)

    def import_plan(self, source: Path, *, units_from_current: bool, province: str | None):
        """Import a plan document (Word or Excel) into a master and make it the current
        one (the earlier master kept as with an upload). Returns the import's result and
        what installing it did."""
        result = self.imported_plan(source, units_from_current=units_from_current,
                                    province=province)
        try:
            installed = self.install_master(result.path)
        finally:
            result.path.unlink(missing_ok=True)
        return result, installed

    def imported_plan(self, source: Path, *, units_from_current: bool, province: str | None):
        """Import a plan document (Word or Excel) into a master written in the app's
        folder (``result.path``), not put in place: the caller installs it, or holds it
        for the office's answer (held.py), and removes it either way."""
        from ..plan_import import import_plan

        units = self.master_path if units_from_current and self.master_path.is_file() else None
        out = self.app_dir / IMPORTS / f"{source.stem}.xlsx"
        out.parent.mkdir(exist_ok=True)
        # A new version of the plan in use keeps its code, whatever its file is called.
        state = self.master_state()
        replacing = state.master.plan if state is not None and state.master else None
        return import_plan(source, out, units=units, province=province or None, force=True,
                           replacing=replacing)

    def keep_import_findings(self, source: str, findings: list[dict]) -> None:
        """What importing ``source`` found, kept beside the master it made (shown with
        the check's findings until another master replaces it, across restarts)."""
        text = json.dumps({"master": file_sha256(self.master_path), "source": source,
                           "findings": findings}, ensure_ascii=False, indent=1)
        atomic_write(self.app_dir / IMPORT_NOTES, lambda tmp: tmp.write_text(text, "utf-8"))

    def import_findings(self) -> tuple[str, list[dict]]:
        """The document the master in use was imported from and what importing it
        found; ("", []) when the master was not imported (or replaced since)."""
        try:
            data = json.loads((self.app_dir / IMPORT_NOTES).read_text(encoding="utf-8"))
            same = data.get("master") == file_sha256(self.master_path)
        except (OSError, ValueError, AttributeError):
            return "", []
        if not same or not isinstance(data.get("findings"), list):
            return "", []
        return str(data.get("source", "")), data["findings"]

    def blank_master(self, level: str, year: int | None, place: str | None) -> Path:
        """A new master with no task (``cchc-xl init``), written in the app's folder for
        the office to download, fill in Excel and upload; ``place``: the province of a
        province's plan, the commune of a commune's (``provinces.find_commune``)."""
        from ..master import init_master, plan_year, read_master

        year = year or plan_year(plan_periods.today())
        written = init_master(self._to_download() / f"ke-hoach-trong-{level}-{year}.xlsx",
                              year=year, level=level, province=place if level != "xa" else None,
                              commune=place if level == "xa" else None)
        # Named for the place the official list gave ("ke-hoach-trong-phuong-hac-thanh-
        # 2026.xlsx", its kind said though the plan's code, "hac-thanh-2026", leaves it
        # out): a name typed loosely is seen as it was taken.
        plan = read_master(written)[0].plan
        place = authority_place(plan.authority) if level == "xa" else None
        name = slug(f"{place[0]} {place[1]} {year}") if place else plan.code
        return written.replace(written.with_name(f"ke-hoach-trong-{name}.xlsx")) if name \
            else written

    def plan_appendix(self) -> Path:
        """The plan's appendix tables (``cchc-xl appendix``: the tasks as the plan prints
        them), written in the app's folder for the office to download."""
        from ..appendix import write_appendix

        master = self.master()
        if master is None:
            raise UsageError("chưa có bảng kế hoạch dùng được",
                             hint="tải bảng kế hoạch lên ở trang Kế hoạch trước")
        return write_appendix(master, self._to_download() / f"phu-luc-{master.plan.key}.xlsx")

    def _to_download(self) -> Path:
        """A new folder of the app's for a file made to be downloaded once (removed with
        it when sent: discard_upload)."""
        place = self.app_dir / ONE_DOWNLOAD / secrets.token_hex(4)
        place.mkdir(parents=True)
        return place

    # --- uploads -----------------------------------------------------------------------

    def new_upload_path(self, folder: Path, original: str) -> Path:
        """A new path in ``folder`` for an uploaded file: the name the user's computer
        gave it, made safe (:func:`cchc_xl.intake.bundles.safe_name`: its last part, no
        characters Windows refuses, cut to a length), in a folder of its own with a
        random name ("nhan-ve-9T/3f9a1c/X02 Xã Hoằng Cát.xlsx"): the feedback letter and
        the consolidated workbook name the file as the unit did, and two uploads of one
        name never meet. The name given is data, never a path."""
        while True:
            place = folder / secrets.token_hex(3)
            try:
                place.mkdir(parents=True)  # claims it, even against another thread
            except FileExistsError:
                continue
            return place / safe_name(original)  # no empty file first (see uploads.py)

    def office_workbook(self, path: Path) -> tuple[str, dict[str, str]]:
        """Whether a file is one of the office's own workbooks (office_files.
        office_workbook), remembered until the file changes: the Thu nhận board asks
        it of every file of no unit on each view."""
        return self._office_kinds.kind(path)

    @staticmethod
    def discard_upload(path: Path) -> None:
        """Remove an upload that was only needed for a moment (a plan), and its folder."""
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            path.parent.rmdir()

    def remember_names(self, period: Period | str, stored: list[StoredFile]) -> None:
        """Add uploaded files' own names to the period's ten-tep.json, by their place in
        the period's folder ("3f9a1c/X02.xlsx")."""
        folder = self.intake_dir(period)
        with self._lock:
            update_names(folder, {f.path.relative_to(folder).as_posix(): f.original
                                  for f in stored})

    def forget_uploads(self, period: Period | str, stored: list[StoredFile]) -> None:
        """Remove uploaded files that are not to be merged (each with its folder) and
        their names from the period's ten-tep.json."""
        if not stored:
            return
        folder = self.intake_dir(period)
        for f in stored:
            self.discard_upload(f.path)
        with self._lock:
            update_names(folder, dropped=[f.path.relative_to(folder).as_posix() for f in stored])

    def shown_name(self, period: Period | str) -> Callable[[str], str]:
        """A merged file's path -> the name the office uploaded it by (else its own name):
        how the consolidated workbook and the merge details name it."""
        names = self.display_names(period)
        return lambda path: for_people(names.get(upload_key(path), Path(path).name))

    def display_names(self, period: Period | str) -> dict[str, str]:
        """An upload's folder and stored name ("3f9a1c/X02.xlsx"; before uploads had a
        folder each, "nhan-ve-9T/x02-xa-hoang-cat-3f9a1c.xlsx": see :func:`upload_key`)
        -> the name the user gave. Not by whole path: the ledger records the path the file
        had when merged, and the data folder may be moved."""
        return names_by_key(self.intake_dir(period))

    # --- the steps -------------------------------------------------------------------

    def split(self, code: str, *, prefill: bool, return_to: str | None = None,
              progress=None):
        from ..split import split_master

        ledger = self.ledger_path if prefill and self.ledger_path.is_file() else None
        # A period that keeps the plan it was merged with (plan_of): its files made again
        # from that plan, as its late files are counted (a unit added since got a file
        # its merge refused).
        return split_master(self.plan_of(code), code, self.split_dir(code), force=True,
                            ledger=ledger, progress=progress, return_to=return_to)

    def return_to(self, master: Master, code: str) -> str:
        """Where units are told to send their files back, as the Giao việc page offers
        it: what the period's files said, else what the newest files of another period
        of ``master`` (the plan in use, as the page read it) said, else the plan's "Nơi
        nhận báo cáo" ("" for none)."""
        manifests = [(p.code == code, m.get("issued_at", ""), m.get("return_to", ""))
                     for p in master.periods
                     if (m := self.split_manifest(p.code)) and "return_to" in m]
        if manifests:
            return max(manifests)[2]
        return master.plan.return_to

    def can_prefill(self, period: Period) -> bool:
        """Whether the ledger holds answers of this plan from a period before ``period``
        (what split's prefill carries forward): a ledger of another plan only (next
        year's plan in the same folder), or of none before it, has nothing to fill in.
        A read of the ledger, never a write; a ledger that cannot be read has nothing."""
        state = self.master_state()
        if state is None or state.master is None or not self.ledger_path.is_file():
            return False
        try:
            with Ledger(self.ledger_path, create=False) as ledger:
                return ledger.answered_before(state.master.plan.key, period.cutoff)
        except (CchcError, sqlite3.Error):
            return False

    def split_manifest(self, code: str) -> dict | None:
        """The manifest split wrote for the period (None before the first split)."""
        return read_manifest(self.split_dir(code) / MANIFEST_JSON)

    def earlier_plans(self) -> Listed:
        """The plans used before the one in use (ke-hoach-cu/), newest first, each
        content once, not the one in use."""
        return self._earlier.listed(self._in_use())

    def earlier_plan(self, name: str) -> tuple[EarlierPlan, Path] | None:
        """The kept plan listed as ``name`` and its file; None for a name not listed."""
        found = self._earlier.find(name, self._in_use())
        return (found, self._earlier.path(found)) if found is not None else None

    def put_back(self, name: str) -> tuple[EarlierPlan, Installed] | None:
        """The kept plan listed as ``name`` put back in use, as if uploaded (the plan in
        use kept in its turn); None for a name not listed."""
        found = self.earlier_plan(name)
        if found is None:
            return None
        plan, path = found
        installed = self.install_master(path)
        installed.periods.put_back = True  # its periods said recounted with it, not a new one
        return plan, installed

    def _in_use(self) -> str | None:
        """The SHA-256 of the master in use; None before there is one."""
        state = self.master_state()
        if state is not None and state.master is not None:
            return state.master.sha256
        try:
            return file_sha256(self.master_path)
        except OSError:
            return None

    def split_files(self, code: str) -> list[Path]:
        """The period's split outputs that the manifest lists, plus the lists (the
        workbook first: the one the office opens)."""
        data = self.split_manifest(code) or {}
        folder, state = self.split_dir(code), self.master_state()
        # Files split before splits wrote the list workbook: it is made now from the JSON
        # for the page and the ZIP, in the plan in use's folder only (another plan's files
        # are not served); where the folder cannot be written, served without it.
        with contextlib.suppress(CchcError, OSError):
            if state and state.master and data.get("plan") == state.master.plan.key:
                issued_list(folder, data)
        names = [str(f.get("file", "")) for f in data.get("files", [])]
        files = [folder / n for n in names if n == Path(n).name and (folder / n).is_file()]
        return files + [p for p in (folder / MANIFEST_XLSX, folder / MANIFEST_CSV,
                                    folder / MANIFEST_JSON) if p.is_file()]

    def merge(self, code: str, paths: list[Path], progress=None, received=None, told=None,
              waiting=None):
        """``received``: the day the office received the files (None: the pages' today,
        which it must not be after), which decides whether a return was late; ``told(path,
        submission)`` hears of each file as recorded; ``waiting(why)`` of a wait."""
        from ..merge import merge_returns
        today = plan_periods.today()
        return merge_returns(self.plan_of(code), paths, code, self.consolidated(code),
                             db=self.ledger_path, feedback_dir=self.feedback_dir(code),
                             progress=progress, received=received or today, today=today,
                             shown=self.shown_name(code), app=True, told=told, waiting=waiting)

    def recount(self, code: str):
        """The period merged again with the plan in use (merge.refresh_outputs): its
        figures counted with it, whatever plan they were counted with before (the
        result's ``plan_amended`` says what changed)."""
        from ..merge import refresh_outputs

        return refresh_outputs(self.master(), code, self.consolidated(code),
                               db=self.ledger_path, feedback_dir=self.feedback_dir(code),
                               shown=self.shown_name(code), app=True, today=plan_periods.today(),
                               doing=plan_periods.RECOUNTING_WITH_PLAN)

    def plan_of(self, code: str) -> Master:
        """The plan a period's files are merged, withdrawn and assessed with: the one it
        keeps when its report is due (plan_periods.counted_with), else the plan in use."""
        master = self.master()
        return counted_with(self.ledger_path, master, code) or master

    def refresh(self, code: str, withdraw: str | None = None):
        """Write the period's consolidated workbook and feedback again from the ledger
        (merge.refresh_outputs): after one merged file of it (``withdraw``, its SHA-256)
        is taken out of the figures, or after a file refused in it went to its own period
        (web/late_files.py). No reason is recorded for a withdrawal: the page asks for
        none, and the ledger's reason is read out to the unit in the letter and its
        feedback ("lý do: rút trên trang Thu nhận" named a page of the office's app)."""
        from ..merge import refresh_outputs

        return refresh_outputs(self.plan_of(code), code, self.consolidated(code),
                               db=self.ledger_path, feedback_dir=self.feedback_dir(code),
                               withdraw=withdraw, shown=self.shown_name(code), app=True,
                               today=plan_periods.today())

    def assess(self, code: str, workbook: Path, source: str, kept: list[str] | None = None,
               changes: dict | None = None, report: bool = True):
        """``cchc-xl assess`` for an uploaded consolidated workbook of this plan and
        period (``source``: its name as uploaded): the office's "Đạt / Chưa đạt" recorded
        in the ledger, the consolidated workbook written again, and the report when the
        period has one and ``report`` (not when files merged next change it again).
        Returns how many assessments changed, the report's result (None: not made) and
        the refresh (``counted_rows``: the answers the workbook was written from;
        ``unread``: verdicts typed into the data folder's workbook it wrote over).
        ``changes`` gets each row whose assessment changed, by (unit, product): its
        assessment now (None: removed). Another plan's workbook at the period's name is
        refused before anything is recorded (the letters by refresh_outputs, as a merge
        looks at them)."""
        from ..consolidated.link import record_assessments
        from ..merge import check_outputs, refresh_outputs
        from .office_files import consolidated_period

        master = self.master()
        consolidated_period(workbook, source, master.plan.key, code,  # or a UsageError
                            {p.code: p.name for p in master.periods})
        if not self.ledger_path.is_file():
            raise UsageError("chưa gộp tệp nào của kỳ này",
                             hint="tải tệp các đơn vị gửi về lên ở trang Thu nhận trước")
        out, counted = self.consolidated(code), self.plan_of(code)
        check_outputs(counted, out, None, ASSESSING)  # another plan's workbook: before recording
        changed = record_assessments(self.ledger_path, master.plan.key, code, workbook,
                                     source=source, kept=kept, changes=changes)
        refreshed = refresh_outputs(counted, code, out, db=self.ledger_path,
                                    feedback_dir=self.feedback_dir(code), doing=ASSESSING,
                                    shown=self.shown_name(code), app=True,
                                    today=plan_periods.today())
        made = self.report(code) if report and self.report_html(code).is_file() else None
        return changed, made, refreshed

    def outcome_of(self, path: Path, code: str):
        """What the ledger recorded for one file of the period (None: not yet); an empty
        file is known by its name too (ledger.keys: not another unit's empty file)."""
        return self.recorded(file_key(file_sha256(path), path), code)

    def recorded(self, key: str, code: str):
        """What the ledger recorded for the period's file of this content (None: none);
        ``key``: its SHA-256, an empty file's with its name (ledger.keys)."""
        if not self.ledger_path.is_file():
            return None
        with Ledger(self.ledger_path, create=False) as ledger:
            return ledger.find(key, self.master().plan.key, code)

    def last_merged(self, code: str) -> datetime | None:
        """When the period's figures were last written by a merge, here or by a command
        on the same data folder (None before any)."""
        state = self.master_state()
        if state is None or state.master is None or not self.ledger_path.is_file():
            return None
        with Ledger(self.ledger_path, create=False) as ledger:
            return ledger.last_merged(state.master.plan.key, code)

    def snapshot(self, code: str) -> LedgerSnapshot | None:
        """What the ledger holds for the period (None before anything was merged)."""
        if not self.ledger_path.is_file():
            return None
        master = self.master()
        with Ledger(self.ledger_path, create=False) as ledger:
            if master.plan.key not in ledger.plans() or ledger.period(
                    master.plan.key, code) is None:
                return None
            digest = ledger.period_digest(master.plan.key, code)
        # Read once per state of the ledger (figures.py): each view of Thu nhận, Phản hồi
        # and Báo cáo read it again.
        return self.figures.snapshot(self.ledger_path, master.plan.key, code, digest,
                                     lambda: load_snapshot(self.ledger_path, code,
                                                           master.plan.key))

    def summary(self, snapshot: LedgerSnapshot):
        """The period's figures (report.summarize) of ``snapshot``, counted once per
        snapshot kept (figures.py) and day."""
        return self.figures.summary(snapshot, plan_periods.today())

    def feedback_files(self, code: str) -> list[Path]:
        folder = self.feedback_dir(code)
        return sorted(folder.glob("*.xlsx")) if folder.is_dir() else []

    def report(self, code: str, today=None):
        """The period's report, made on the pages' day (or ``today``), as Báo cáo says."""
        from ..report import write_report

        # The files are the browser's: their notes name its pages, not terminal commands.
        # Signed by who signs today (the plan in use), a period kept as counted too.
        in_use = self.master().plan
        return write_report(self.ledger_path, code, self.report_xlsx(code),
                            html=self.report_html(code), docx=self.report_docx(code),
                            plan_key=in_use.key, say=for_browser,
                            today=today or plan_periods.today(), signing=in_use)

    def remind(self, code: str, deadline=None, overdue: bool = False, today=None):
        """The reminder letter, or with ``overdue`` the letter chasing overdue tasks, dated
        ``today`` (None: the pages' today)."""
        from ..letters.overdue import write_overdue
        from ..letters.remind import write_reminders

        write, docx, lists = (
            (write_overdue, self.overdue_docx, (self.overdue_xlsx, self.overdue_csv)) if overdue
            else (write_reminders, self.reminder_docx, (self.reminder_xlsx, self.reminder_csv)))
        in_use = self.master().plan  # who signs today, a period kept as counted too
        return write(self.master_path, code, docx(code), list_out=[f(code) for f in lists],
                     deadline=deadline, plan_key=in_use.key,
                     today=today or plan_periods.today(), signing=in_use)
