"""What a merge reports: each file's outcome (:class:`FileResult`), the run as a whole
(:class:`MergeResult`: its files, the period's rows and figures, what was skipped) and
the summary the CLI prints and the web app shows, in Vietnamese; ``as_dict`` for
``merge --json``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .. import findings as F
from ..answer import Answer
from ..answered import answered_refusals, stands
from ..archive import archive_dir, kept_copy
from ..assessment import COLUMN as ASSESSMENT_COLUMN
from ..consolidated.link import assessed_words
from ..feedback import FEEDBACK_ONLY_FOR
from ..finding_codes import DOUBT_CODES, JUDGED_AGAIN
from ..findings import Finding
from ..intake.bundles import Unpacked
from ..intake.collect import Skipped
from ..intake.identify import (
    FIND_THE_SENDER,
    refused_as_another_plans,
    refused_as_not_in_plan,
)
from ..ledger import Submission
from ..ledger.keys import digest
from ..model import Period
from ..report.ranking import UnitStat
from ..report.said import LEAD_UNIT, TASK_UNIT
from ..report.summary import Summary
from ..submission import reported_with
from ..text import for_people, printable, short_list
from ..timeliness import label as timeliness_label
from ..vocab import (
    ACCEPTED,
    ERROR,
    MOVED,
    NOT_READ,
    NOT_READ_LABEL,
    NOTE,
    OUTCOME_LABELS,
    REJECTED,
    RETURN_LATE,
    RETURN_REJECTED,
    SEVERITY_RANK,
    SUPERSEDED,
    WARNING,
)
from ..xlio import vn_date, vn_time

_SUMMARY_PROBLEMS = 10
# Refused files of another plan (or of a unit the plan has not) named a line each, the rest
# counted: the merge's summary and Thu nhận alike (the page shows the rest on request).
SAID_APART_NAMED = 5


@dataclass
class FileResult:
    """One file of the period: given in this run, or recorded by an earlier merge."""

    path: str
    unit: str | None  # None: not known to be a unit's of this plan (see ledger.Submission)
    outcome: str
    sha256: str
    saved_at: str | None
    in_run: bool
    problems: list[Finding] = field(default_factory=list)
    known: bool = False  # given in this run, but recorded by an earlier merge (not re-read)
    # Refused, and answered since by the unit's counted file (its path): its problems are
    # history, not the period's (cchc_xl.answered).
    answered_by: str | None = None
    received_on: date | None = None  # the day the office received it (Submission)
    # The file its unit reported with (submission.reported_with): late, it made the unit so.
    reported: bool = False
    # The archive's copy, in full: where the file is kept whatever became of it since.
    kept: str | None = None
    # What the ledger knows it by (ledger.keys): its SHA-256, an empty file's with its name.
    key: str = ""
    # Refused as a file of another plan or year: what it is and what to do, from the
    # identity read from it (intake.identify.refused_as_another_plans).
    another_plans: tuple[str, str] | None = None
    # Refused for a unit the plan's unit sheet has not (taken off, or never on it): what
    # it is and what to do (intake.identify.refused_as_not_in_plan).
    not_in_plan: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        self.key = self.key or self.sha256

    @property
    def stands(self) -> bool:
        """Whether its problems are among the period's now (:func:`answered.stands`)."""
        return stands(self.outcome, self.answered_by is not None)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "unit": self.unit, "outcome": self.outcome,
            "sha256": self.sha256, "saved_at": self.saved_at, "in_run": self.in_run,
            "known": self.known, "answered_by": self.answered_by,
            "received_on": self.received_on.isoformat() if self.received_on else None,
            "kept": self.kept, "problems": [p.as_dict() for p in self.problems],
        }


@dataclass
class MergeResult:
    plan_key: str
    period: Period
    out: Path
    db: Path
    files: list[FileResult]
    rows: list[Answer]
    missing_units: list[str]
    unit_names: dict[str, str]
    skipped: list[Skipped] = field(default_factory=list)
    feedback: list[Path] = field(default_factory=list)
    feedback_dir: Path | None = None
    feedback_too_large: list[str] = field(default_factory=list)  # files given none: too large
    # .ods/.xls files given none: LibreOffice could not make their xlsx copy here
    feedback_unconverted: list[str] = field(default_factory=list)
    feedback_removed: list[Path] = field(default_factory=list)  # earlier ones no longer true
    figures: Summary | None = None  # the period's figures, as every output counts them
    # The office's assessments read back from the previous consolidated workbook, each
    # that changed by (unit, product): its assessment now (None: removed).
    assessed: dict = field(default_factory=dict)
    # What the office typed into that workbook and no assessment was read from (a verdict
    # one column off, a column deleted: consolidated.link.read_back_assessments), and
    # where the workbook holding it was kept before it was written over (None: not kept).
    unread: list[str] = field(default_factory=list)
    out_kept: Path | None = None
    out_open: bool = False  # ``out`` was open in Excel or LibreOffice when it was written
    bundles: list[Unpacked] = field(default_factory=list)  # zips of returns, unpacked
    withdrawn: Submission | None = None  # the file refresh_outputs took out of the figures
    # The plan changed since the period's previous merge (plan_amended.amended_since).
    plan_amended: str = ""
    # The units the plan counted with gives work (snapshot.assigned_unit_codes); None:
    # every unit it names.
    assigned: frozenset[str] | None = None
    # When the period's last merge before this one started, if it was cut short (killed,
    # stopped, failing) before it said what it read; the files the merges cut short
    # recorded (Ledger.recorded_unseen), by key: this run's files, new to the office;
    # ``cut_short_left``: this run read no file (outputs written again), and leaves them
    # to the next merge of files, saying so.
    cut_short: str | None = None
    cut_short_keys: frozenset[str] = frozenset()
    cut_short_left: bool = False

    @property
    def counted_rows(self) -> list[Answer]:
        """Each row as the figures count it (LedgerSnapshot.counted_rows); the rows read
        when the figures were not made."""
        snapshot = self.figures.snapshot if self.figures is not None else None
        return snapshot.counted_rows if snapshot is not None else self.rows

    @property
    def run_files(self) -> list[FileResult]:
        return [f for f in self.files if f.in_run]

    @property
    def exit_code(self) -> int:
        """1 when a file read by this run was rejected, or its accepted submission has
        errors, or the office's typing in the consolidated workbook was not read
        (``unread``: as `cchc-xl assess` exits on it). Not for a file given again that an
        earlier merge recorded (``known``, not read again): its errors stay on the
        consolidated workbook's "Vấn đề" sheet, and a folder merged again with nothing new
        in it is no new error (README)."""
        if self.unread:
            return 1
        for f in self.run_files:
            if f.known:
                continue
            if f.outcome in (REJECTED, NOT_READ):
                return 1
            if f.outcome == ACCEPTED and F.has_errors(f.problems):
                return 1
        return 0

    def as_dict(self) -> dict[str, object]:
        return {
            "plan": self.plan_key,
            "period": {"code": self.period.code, "name": self.period.name,
                       "cutoff": self.period.cutoff.isoformat()},
            "out": str(self.out),
            "db": str(self.db),
            "feedback": [str(p) for p in self.feedback],
            "feedback_too_large": list(self.feedback_too_large),
            "feedback_unconverted": list(self.feedback_unconverted),
            "feedback_removed": [str(p) for p in self.feedback_removed],
            # Each with the days its unit's return was late by, when it is the file that
            # made it late (:meth:`late`).
            "files": [{**f.as_dict(), "days_late": late.days_late if (late := self.late(f))
                       else 0} for f in self.files],
            "rows": [_row_dict(r, self.figures) for r in self.rows],
            "missing_units": [{"unit": c, "name": self.unit_names.get(c, "")}
                              for c in self.missing_units],
            "skipped": [{"path": str(s.path), "reason": s.reason} for s in self.skipped],
            "bundles": [b.as_dict() for b in self.bundles],
            "figures": self.figures.as_dict() if self.figures else None,
            "plan_amended": self.plan_amended,
            "interrupted_merge": {"started_at": self.cut_short,
                                  "files": [f.path for f in self.cut_short_files],
                                  "told_next_merge": self.cut_short_left}
            if self.cut_short else None,
            "unread_assessments": list(self.unread),
            "out_kept": str(self.out_kept) if self.out_kept else None,
        }

    @property
    def cut_short_files(self) -> list[FileResult]:
        """The files the merges cut short before this one recorded, each content once."""
        return [f for f in _once(self.files if self.cut_short_left else self.run_files)
                if f.key in self.cut_short_keys]

    def cut_short_said(self, shown: Callable[[str], str] | None = None) -> str:
        """That the period's previous merge stopped before it finished, when it started,
        and which files it recorded, said now as this run's: nobody saw its summary, and
        the office (or a script reading the exit code) missed their errors. "" when it
        finished."""
        if not self.cut_short:
            return ""
        if self.cut_short_left:
            return cut_short_left_said(self.cut_short, [f.path for f in self.cut_short_files],
                                       shown)
        said = (f"Lần gộp trước (bắt đầu lúc {vn_time(self.cut_short)}) bị ngắt giữa chừng, "
                "không chạy xong")
        files = self.cut_short_files
        if not files:
            return said + "."
        names = [_shown_name(f.path, shown) for f in files]
        return (f"{said}: {len(files)} tệp đã được ghi vào sổ cái trước khi bị ngắt nhưng chưa "
                f"kịp báo kết quả ({short_list(names, 5, ', ', 'tệp')}), nay được báo như tệp "
                "nhận lần này.")

    def late(self, f: FileResult) -> UnitStat | None:
        """The return of ``f``'s unit, when this run's ``f`` (not known before) is the file
        it reported with (``submission.reported_with``) and that came after the due day:
        the file's line says so as the board does ("Muộn 5 ngày"; a QA pass: only the
        board said it). None otherwise (a correction sent after is no lateness)."""
        if self.figures is None or not f.in_run or f.known or not f.reported:
            return None
        stat = next((u for u in self.figures.units if u.code == f.unit), None)
        return stat if stat is not None and stat.return_status == RETURN_LATE else None

    @property
    def _given(self) -> Collection[str]:
        """The units the plan gives work (all its units for a result made without)."""
        return self.unit_names if self.assigned is None else self.assigned

    @property
    def own_units(self) -> frozenset[str]:
        """The units that are the plan's issuer ("UBND xã" in a commune's plan:
        Summary.own_units), which send the office no report."""
        return self.figures.own_units if self.figures is not None else frozenset()

    @property
    def returned(self) -> int:
        """Units the plan gives work with a file that counts (a unit taken out of the
        plan since its file came is not one, nor one whose every task it took away: "6/7"
        of six units with work, a QA pass), the issuer's own aside (:attr:`own_units`)."""
        given, own = self._given, self.own_units
        return len({f.unit for f in self.files
                    if f.outcome == ACCEPTED and f.unit in given and f.unit not in own})

    def units_sent(self) -> str:
        """"6/7" ("Đơn vị đã gửi: 6/7"), the reports the office asks for, as the Word report
        counts them ("đã nhận báo cáo của 6/7 đơn vị": Summary.reporting); the issuer's
        own file is said apart (:meth:`own_sent`). A commune's committee filling its own
        file was counted among them: "7/8" over a report saying "6/7" (a QA pass). From the
        figures when made (:attr:`cchc_xl.report.summary.Summary.reports_in`, the one count
        the report and the letters say too)."""
        if self.figures is not None:
            return self.figures.reports_in.said
        returned = self.returned
        return f"{returned}/{returned + len(set(self.missing_units) - self.own_units)}"

    def own_sent(self) -> str:
        """"Ủy ban nhân dân xã (…): đã gửi", what became of each own unit's file (one the
        plan gives work: :attr:`own_units`); "" when the plan has none."""
        given = self._given
        sent = {f.unit for f in self.files if f.outcome == ACCEPTED}
        refused = {f.unit for f in self.files if f.unit and f.outcome == REJECTED}
        return "; ".join(
            f"{self.unit_names.get(c, c)} (cơ quan ban hành kế hoạch, không tính vào số đơn "
            "vị gửi báo cáo): " + ("đã gửi" if c in sent else RETURN_REJECTED.lower()
                                  if c in refused else "chưa gửi")
            for c in sorted(self.own_units) if c in given)

    def _unread_lines(self, shown: Callable[[str], str] | None) -> list[str]:
        """What the office typed into the consolidated workbook and was not read, each
        as `cchc-xl assess` says it, and where the workbook holding it was kept: the new
        one, written from the ledger, does not hold it (a QA pass: a verdict typed one
        column off was written over without a word)."""
        name = self.out.name
        lines = [f"Cảnh báo: bảng tổng hợp {name}: {said}." for said in self.unread]
        if self.unread and self.out_kept is not None:
            again = ("tải bảng đó lên trang Báo cáo" if shown
                     else f"chạy 'cchc-xl assess {self.out}'")
            lines.append(
                f"Cảnh báo: bảng tổng hợp {name} đã được ghi lại theo sổ cái, không còn các "
                f"ô đã gõ nói trên; bảng trước khi gộp, còn nguyên các ô đó, được giữ lại thành "
                f"\"{self.out_kept.name}\" (cùng thư mục với {name}): mở bản đó, ghi lại các "
                f"đánh giá ấy vào cột '{ASSESSMENT_COLUMN}' trên dòng của đơn vị trong bảng "
                f"mới {name}, lưu lại rồi {again}.")
        return lines

    def summary(self, shown: Callable[[str], str] | None = None,
                heading: str | None = None) -> str:
        """A few Vietnamese lines for the terminal: counts, outputs, first problems.

        ``shown`` names a file as its reader knows it (the web app: the name it was
        uploaded by); with it, outputs are named by their file names, not the folders
        of the machine that wrote them. Problems are named by their Vietnamese labels
        (``finding_codes.FINDING_LABELS``), not their codes. ``heading``, the first line in
        place of the terminal's (which names the period's and the plan's codes)."""
        given = self.run_files
        run = _once(given)  # a file given twice (the same content) is one file
        # A file gone to its own period (MOVED: one already merged there, refused here)
        # is counted only when there is one.
        outcomes = {o: n for o in OUTCOME_LABELS
                    if (n := sum(1 for f in run if f.outcome == o)) or o != MOVED}
        lines = [heading or f"Gộp kỳ {self.period.with_code}, kế hoạch "
                 f"{self.plan_key}."]
        if cut := self.cut_short_said(shown):
            lines.append(cut)
        not_read = sum(1 for f in run if f.outcome == NOT_READ)
        known = sum(1 for f in run if f.known)
        unzipped = sum(len(b.files) for b in self.bundles)
        # What the count holds, in one pair of brackets: "(…) (…)" read as two asides
        # dropped one after the other (a QA pass, a folder merged again).
        about = [f"{unzipped} tệp lấy từ {len(self.bundles)} tệp nén"] if self.bundles else []
        if known:
            about.append(f"{known} tệp đã nhận ở lần gộp trước: giữ kết quả lần đó, "
                         "không tính thêm")
        if len(given) > len(run):
            about.append(f"{len(given) - len(run)} tệp gửi trùng nội dung, tính một lần")
        lines.append(
            f"Lần này đọc {len(run)} tệp" + (f" ({'; '.join(about)})" if about else "")
            + ": " + ", ".join(
                f"{n} {OUTCOME_LABELS[o].lower()}" for o, n in outcomes.items())
            + (f", {not_read} {NOT_READ_LABEL.lower()} (sẽ đọc lại ở lần gộp sau)"
               if not_read else "")
            + (f"; bỏ qua {len(self.skipped)} tệp ({skipped_text(self.skipped)})"
               if self.skipped else "") + ".")
        # A unit's new file counted in place of one merged before, said by name: the
        # file replaced is not among this run's "bị thay thế" when it was not given now,
        # and is only counted there when it was (the corrected file put in the folder of
        # the first, as the merge's last line says to: nobody was named, a QA pass).
        replaced = {f.unit for f in self.files if f.unit and f.outcome == SUPERSEDED
                    and (f.known or not f.in_run)}
        resent = [self.unit_names.get(f.unit, f.unit) for f in run if f.outcome == ACCEPTED
                  and not f.known and f.unit in replaced]
        if resent:
            lines.append(f"Tệp mới được tính thay cho tệp gửi trước của {len(resent)} đơn vị: "
                         f"{short_list(resent, 5)}.")
        if self.plan_amended:
            lines.append("Lưu ý: " + self.plan_amended + ".")
        if again := _judged_again(run, self.unit_names):
            lines.append(again)
        if answered := self._answered_now(run):
            lines.append(answered)
        late = [(f, stat) for f in run if (stat := self.late(f)) is not None]
        if late:
            lines.append(f"Nhận sau hạn gửi báo cáo ({vn_date(self.period.due)}): " + short_list(
                [f"{stat.name} ({Path((shown or str)(f.path)).name}): {stat.return_text}"
                 for f, stat in late], 5) + ".")
        # A unit whose files were all refused did send something: said apart, as the
        # report's Biểu 2 and the web app say it (a QA pass: it was among "chưa gửi").
        refused = {f.unit for f in self.files if f.unit and f.outcome == REJECTED}
        asked = [c for c in self.missing_units if c not in self.own_units]
        missing = [self.unit_names.get(c, c) for c in asked if c not in refused]
        rejected = [self.unit_names.get(c, c) for c in asked if c in refused]
        lines.append(f"Đơn vị đã gửi: {self.units_sent()}"
                     + (f"; {RETURN_REJECTED.lower()}: {short_list(rejected, 5)}"
                        if rejected else "")
                     + (f"; chưa gửi: {short_list(missing, 5)}" if missing else "")
                     + (f"; {own}" if (own := self.own_sent()) else "") + ".")
        lines.extend(self._said_apart(shown, "another_plans", "của kế hoạch khác"))
        lines.extend(self._said_apart(shown, "not_in_plan",
                                      "của đơn vị không có trong bảng kế hoạch"))
        if nobodys := self._nobodys(shown):
            lines.append(nobodys)
        if self.figures is not None:
            lines.extend(figure_lines(self.figures))
        if self.assessed:
            # Verdicts, remarks and cells emptied counted apart, as ``assess`` says it (a
            # QA pass: "Đã đọc 2 đánh giá mới" of a verdict and a remark).
            lines.append(assessed_words(self.assessed,
                                        f"sổ cái (đọc từ bảng tổng hợp {self.out.name})") + ".")
        lines.extend(self._unread_lines(shown))
        # The period's problems as it stands, after what this run's files that do not
        # count were told about not counting (listed first: news of this run).
        told = [p for f in run if f.outcome == SUPERSEDED for p in f.problems
                if p.code in DOUBT_CODES]
        standing = [p for f in _once(self.files) if f.stands for p in f.problems]
        problems = told + standing
        # The kinds most found, errors first (a warning found 26 times hid the errors);
        # two codes of one label are one kind.
        rank: dict[str, int] = {}
        for p in problems:
            rank[p.label] = min(rank.get(p.label, 3), SEVERITY_RANK.get(p.severity, 3))
        every_kind = sorted(Counter(p.label for p in problems).items(),
                            key=lambda item: (rank[item[0]], -item[1]))
        by_kind = every_kind[:6]
        more = ", …" if len(every_kind) > len(by_kind) else ""  # the counts add up to more
        lines.append(f"Vấn đề: {F.count(problems, ERROR)} lỗi, "
                     f"{F.count(problems, WARNING)} cảnh báo, {F.count(problems, NOTE)} "
                     "ghi nhận" + (" (" + ", ".join(f"{k}: {n}" for k, n in by_kind) + more
                                    + ")" if by_kind else "") + ".")
        lines.append(f"Bảng tổng hợp: {self.out.name if shown else self.out}")
        if self.out_open:
            lines.append("  Tệp tổng hợp đang mở trong Excel hoặc LibreOffice: đóng tệp (không "
                         "lưu) rồi mở lại để thấy số liệu mới; đánh giá đã gõ mà chưa lưu thì "
                         "gõ lại vào bản mới.")
        if not shown:
            lines.append(f"Sổ cái: {self.db} (bản lưu các tệp: {archive_dir(self.db)})")
        if self.feedback_dir is not None:
            # Only files asking something of the unit get one (feedback.write_feedback):
            # said, or the office wonders why a unit with notes in 'Vấn đề' got none.
            lines.append(f"Tệp phản hồi cho đơn vị: {len(self.feedback)} tệp"
                         + ("" if shown else f" trong {self.feedback_dir}")
                         + f" ({FEEDBACK_ONLY_FOR})"
                         + (f"; đã xóa {len(self.feedback_removed)} tệp phản hồi cũ không "
                            "còn đúng (tệp đã rút, đã thay hoặc nay không còn vấn đề)"
                            if self.feedback_removed else ""))
            for paths, why in ((self.feedback_too_large, "quá lớn để sửa trực tiếp"),
                               (self.feedback_unconverted, "dạng .ods/.xls (máy này không "
                                "chuyển được sang .xlsx bằng LibreOffice)")):
                if paths:
                    from ..consolidated.write import PROBLEMS_SHEET

                    named = ", ".join(map(shown or str, paths[:3]))
                    lines.append(
                        f"  Không viết tệp phản hồi cho {len(paths)} tệp {why} ({named}"
                        f"{', …' if len(paths) > 3 else ''}): gửi đơn vị danh sách vấn đề "
                        f"của tệp ở trang '{PROBLEMS_SHEET}' của bảng tổng hợp.")
        # Errors, then which file counts (the office's to settle), then the rest; not the
        # refusals of the files said apart above (:meth:`_said_apart`): at a province's
        # scale 40 files of last year's plan repeated there what the block had just said.
        apart = {id(p) for f in self._refused_of_none() if f.another_plans or f.not_in_plan
                 for p in f.problems}
        serious = told + sorted((p for p in standing if p.severity != NOTE
                                 and id(p) not in apart),
                                key=lambda p: (p.severity != ERROR, p.code not in DOUBT_CODES))
        if serious:
            lines.append("Các vấn đề đầu tiên (đủ danh sách ở trang 'Vấn đề' của "
                         f"{self.out.name}):")
            lines.extend("  " + (replace(p, file=shown(p.file)) if shown and p.file else p)
                         .render() for p in serious[:_SUMMARY_PROBLEMS])
            if len(serious) > _SUMMARY_PROBLEMS:
                lines.append(f"  ... và {len(serious) - _SUMMARY_PROBLEMS} vấn đề khác.")
        return "\n".join(lines)


    def _nobodys(self, shown: Callable[[str], str] | None) -> str:
        """The period's refused files no unit is known to have sent (nothing inside nor
        their names say whose), none answered by a later file: named, with whom the office
        asks to send again. Refused for no unit, they were in none of the line's lists (a
        QA pass: an empty "Bao-cao.xlsx" was said only among the first problems, if
        there)."""
        names = [_shown_name(f.path, shown) for f in self._refused_of_none()
                 if f.another_plans is None and f.not_in_plan is None]
        if not names:
            return ""
        from ..consolidated.write import PROBLEMS_SHEET

        return (f"{RETURN_REJECTED} không rõ của đơn vị nào ({len(names)}): "
                f"{short_list(names, 5, noun='tệp')} — {FIND_THE_SENDER} (lý do của từng tệp "
                f"ở trang '{PROBLEMS_SHEET}').")

    def _said_apart(self, shown: Callable[[str], str] | None, said: str,
                    whose: str) -> list[str]:
        """The period's refused files of another plan or year (``said``: "another_plans")
        or of a unit the plan has not ("not_in_plan"), counted for nobody as the files of
        :meth:`_nobodys` are, but each saying whose it is: a line of each, what it is and
        what to do (a QA pass: such a file was said to be of no known unit, beside its
        refusal naming the unit). ``whose``: what the files are, in the heading."""
        files = [f for f in self._refused_of_none() if getattr(f, said) is not None]
        if not files:
            return []
        from ..consolidated.write import PROBLEMS_SHEET

        lines = [f"{RETURN_REJECTED} {whose}, không tính cho đơn vị nào "
                 f"({len(files)}; lý do ở trang '{PROBLEMS_SHEET}'):"]
        lines.extend(f"  {_shown_name(f.path, shown)}: {what}: {todo}."
                     for f in files[:SAID_APART_NAMED] for what, todo in [getattr(f, said)])
        if len(files) > SAID_APART_NAMED:
            lines.append(f"  ... và {len(files) - SAID_APART_NAMED} tệp khác.")
        return lines

    def _refused_of_none(self) -> list[FileResult]:
        """The period's refused files taken for no unit of this plan, none answered by a
        later file (its problems stand)."""
        return [f for f in _once(self.files)
                if f.outcome == REJECTED and not f.unit and f.stands]

    def _answered_now(self, run: list[FileResult]) -> str:
        """The refused files this run's files answered (cchc_xl.answered), said: their
        errors leave the count of problems below, and the office is told why."""
        taken = {f.path for f in run if not f.known}
        units = [self.unit_names.get(f.unit or "", f.unit or "") for f in self.files
                 if f.answered_by in taken and f.unit]
        if not units:
            return ""
        return (f"Tệp bị từ chối trước đây của {len(units)} đơn vị nay đã có tệp sau được nhận "
                f"({short_list(list(dict.fromkeys(units)), 5)}): lỗi của tệp bị từ chối không "
                "còn tính vào vấn đề của kỳ.")


def figure_lines(summary: Summary) -> list[str]:
    """The period's figures in two lines, one per unit of counting, labelled as on the
    consolidated workbook's "Tổng hợp" sheet."""
    from ..consolidated.summary_sheet import figure_items

    lines = []
    for counts, unit in ((summary.total, TASK_UNIT), (summary.leads, LEAD_UNIT)):
        (head, total), *rest = figure_items(counts, unit)
        lines.append(f"{head}: {total} — " + ", ".join(
            f"{label.strip().lower()}: {n}" for label, n in rest)
            + f"; tỷ lệ hoàn thành {counts.rate_text}.")
    return lines


def _once(files: list[FileResult]) -> list[FileResult]:
    """Each content once: the first file given of the same bytes (a duplicate repeats
    its verdict and problems)."""
    seen: set[str] = set()
    return [f for f in files if not (f.key in seen or seen.add(f.key))]


_NAMED = 3  # files named for a reason they were passed over; more are counted


def skipped_text(skipped: list[Skipped]) -> str:
    """The files passed over, by reason, the reason of most files first (then as they
    came), three reasons and three names a reason at most: "X1.xlsx, X2.xlsx, X3.xlsx và
    1 tệp khác: tệp giao do cchc-xl tạo…; manifest.csv, manifest.json,
    danh-sach-tep-giao.xlsx: danh sách các tệp giao do cchc-xl tạo". One at a time, a
    split folder's three lists hid why its workbooks were passed over (a QA pass)."""
    by_reason: dict[str, list[str]] = {}
    for s in skipped:
        by_reason.setdefault(s.reason, []).append(printable(s.path.name))
    groups = sorted(by_reason.items(), key=lambda group: -len(group[1]))  # stable: as they came
    listed = "; ".join(
        f"{short_list(names, _NAMED, ', ', 'tệp')}: {reason}" for reason, names in groups[:3])
    return for_people(listed) + ("..." if len(groups) > 3 else "")


def _row_dict(r: Answer, figures: Summary | None) -> dict[str, object]:
    """A row for ``--json``: as validation read it ("timeliness": the row against its
    deadline, read alone), and "progress", how the period's figures count it, as the
    consolidated workbook's "Tiến độ" says (a row whose date is wrong "Cần xác minh")."""
    percent = r.percent
    if percent is not None and float(percent).is_integer():
        percent = int(percent)
    return {
        "task": r.deliverable, "unit": r.unit, "role": r.role, "status": r.status,
        "percent": percent,
        "completed_on": r.completed_on.isoformat() if r.completed_on else None,
        "evidence": r.evidence, "note": r.note, "timeliness": r.timeliness,
        "timeliness_label": timeliness_label(r.timeliness),
        "progress": figures.progress_of(r) if figures is not None else None,
        "problems": [p.as_dict() for p in r.findings],
    }


def _judged_again(run: list[FileResult], names: dict[str, str]) -> str:
    """This run's files refused before for a unit the plan did not have, read again
    (cchc_xl.merge.judged_again): said, with what became of them."""
    again = [f for f in run if not f.known
             and any(p.code == JUDGED_AGAIN for p in f.problems)]
    if not again:
        return ""
    taken = [names.get(f.unit, f.unit) for f in again if f.outcome in (ACCEPTED, SUPERSEDED)]
    still = len(again) - len(taken)
    return (f"Đọc lại {len(again)} tệp đã bị từ chối ở lần gộp trước vì đơn vị không có trong "
            "trang 'Đơn vị' của bảng kế hoạch (nay đã có): "
            + (f"{len(taken)} tệp nay được nhận ({short_list(taken, 5)})" if taken else "")
            + ("; " if taken and still else "")
            + (f"{still} tệp vẫn bị từ chối vì lý do khác" if still else "")
            + ("; đơn vị không cần gửi lại." if taken else "."))


def _said_apart(snapshot, s: Submission) -> dict:
    """What a refused file of another plan, or of a unit the plan has not, is, and what to
    do (FileResult.another_plans, not_in_plan): said apart from the files of no unit."""
    return {"another_plans": refused_as_another_plans(s, snapshot.master, snapshot.period),
            "not_in_plan": refused_as_not_in_plan(s, snapshot.master, snapshot.period,
                                                  lambda: snapshot.plan_versions)}


def file_results(snapshot, run: list[tuple[Path, str, list[Finding]]],
                  failed: dict[str, Finding], recorded: set[int],
                  shown: Callable[[str], str] | None = None) -> list[FileResult]:
    """This run's files in the order given, then the period's earlier submissions
    (``recorded``: the ids of the submissions this run added). ``shown``: a file's name
    as the office knows it (whose a refused file of no unit is: answered_refusals)."""
    by_sha = {s.key: s for s in snapshot.submissions}
    answered = {sid: kept.path for sid, kept in
                answered_refusals(snapshot.submissions, snapshot.master, shown).items()}
    reported = {s.id for s in reported_with(snapshot.submissions).values()}
    results = []
    for path, sha, extra in run:
        if sha in failed:
            results.append(FileResult(str(path), None, NOT_READ, digest(sha), None, True,
                                      extra + [failed[sha]], key=sha))
            continue
        s = by_sha[sha]
        results.append(FileResult(str(path), s.unit, s.outcome, s.sha256,
                                  s.saved_at or s.modified_at, True, extra + s.problems,
                                  known=s.id not in recorded, answered_by=answered.get(s.id),
                                  received_on=s.received_day, reported=s.id in reported,
                                  kept=_kept(snapshot, s), key=sha, **_said_apart(snapshot, s)))
    given = {sha for _, sha, _ in run}
    for s in snapshot.submissions:
        if s.key not in given:
            results.append(FileResult(s.path, s.unit, s.outcome, s.sha256,
                                      s.saved_at or s.modified_at, False, list(s.problems),
                                      answered_by=answered.get(s.id),
                                      received_on=s.received_day, reported=s.id in reported,
                                      kept=_kept(snapshot, s), key=s.key,
                                      **_said_apart(snapshot, s)))
    return results


def _kept(snapshot, s: Submission) -> str | None:
    """The archive's copy of ``s``, in full (``merge --json``'s "kept"): a recorded path
    is the one given when first merged, which a folder moved or restored elsewhere, or a
    file moved since, no longer finds; the archive moves with the ledger."""
    copy = kept_copy(snapshot.db_path, s.archived)
    return os.path.abspath(copy) if copy is not None else None


def cut_short_left_said(started: str | None, paths: list[str],
                        shown: Callable[[str], str] | None = None) -> str:
    """What a run that reads no file (outputs written again after a withdrawal, a
    recount, verdicts read back; a merge given nothing to merge) says of the merge of
    files cut short before it (it started at ``started``; ``paths``: the files it
    recorded): the next merge of files tells them, this run does not. "" for none."""
    if not started:
        return ""
    said = (f"Lần gộp tệp trước (bắt đầu lúc {vn_time(started)}) bị ngắt giữa chừng, không "
            "chạy xong")
    if not paths:
        return said + "."
    names = [_shown_name(p, shown) for p in paths]
    return (f"{said}: {len(paths)} tệp lần đó đã ghi vào sổ cái nhưng chưa kịp báo kết quả "
            f"({short_list(names, 5, ', ', 'tệp')}); lần gộp tệp tới sẽ báo các tệp đó như tệp "
            "nhận lần ấy, cùng lỗi của chúng.")


def _shown_name(path: str, shown: Callable[[str], str] | None) -> str:
    """A file's name (its ``path`` as merged) as its reader knows it (``shown``: the web
    app's, the name it was uploaded by), as the summary's lists name files."""
    return for_people(Path((shown or str)(path)).name)
