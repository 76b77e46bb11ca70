"""The period's summary report (``cchc-xl report``): xlsx, HTML and a Word draft from
the ledger.

One computation, several renderers:

- :mod:`.summary` computes the figures (:func:`summarize` -> :class:`Summary`), with
  :mod:`.combine` (how leads' answers make a product's result, and products a task's)
  and :mod:`.ranking` (the table by unit, units ranked within their kind);
- :mod:`.tables` lays them out as printed tables, as data (:class:`Grid`); :mod:`.results`
  the plan appendix's result columns, :mod:`.charts` the completion charts;
- :mod:`.xlsx`, :mod:`.html` and :mod:`.docx` draw those same tables, so the outputs
  cannot disagree;
- :mod:`.names` names units in sentences and cells (registry order, ";" between);
- this module finds the ledger behind a source and writes the requested outputs
  (:func:`write_report`).
"""

from __future__ import annotations

import copy
import importlib
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import ledger as L
from ..archive import ARCHIVE_DIR
from ..edited import KeptEdit, record_path, rewriting
from ..errors import CchcError, MissingInputError, UsageError, WorkbookError
from ..ledger.lock import merge_running
from ..ledger.schema import emptied
from ..model import Master, Period, Plan
from ..overwrite import (
    OTHER_WORKBOOK,
    PLAN_TABLE,
    REPORT_WORD,
    REPORT_WORKBOOK,
    kind_of,
    refuse_overwrite,
)
from ..period_plan import ledger_signer
from ..snapshot import LedgerSnapshot, load_snapshot, plan_key_in
from ..sniff import (
    FORMAT_MESSAGES,
    OWN_PASSWORD_HINT,
    RESAVED,
    is_encrypted,
    resave_hint,
    resaved_said,
    sniff_format,
)
from ..xlio import check_not_input, open_workbook, output_path, vn_time
from ..year_turn import REPORTING, refuse_another_plans
from .summary import Summary, summarize

__all__ = [
    "ReportResult", "Summary", "charts", "load_period", "notes", "refuse_empty_ledger",
    "resolve_ledger", "summarize", "summary_grids", "write_docx", "write_html", "write_report",
    "write_workbook",
]


def write_docx(summary: Summary, out: Path) -> Path:
    """:func:`.docx.write_docx`, imported on first use: python-docx takes a fifth of a
    second to import, which every merge (it counts with :mod:`.summary`) would pay."""
    from .docx import write_docx as write

    return write(summary, out)


# The renderers, imported on first use too: a merge needs only :mod:`.summary`.
_RENDERERS = {"write_html": "html", "charts": "tables", "notes": "tables",
              "summary_grids": "tables", "write_workbook": "xlsx"}


def __getattr__(name: str) -> object:
    if name in _RENDERERS:
        return getattr(importlib.import_module(f"{__name__}.{_RENDERERS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_SOURCE_HINT = "chỉ tới sổ cái (.sqlite) hoặc tệp tổng hợp do 'cchc-xl merge' ghi"
_SQLITE_MAGIC = b"SQLite format 3\x00"

# --- finding the ledger -------------------------------------------------------------------

def _resave(source: Path, kind: str) -> WorkbookError:
    """A consolidated workbook typed into, then saved as .xls, .ods (a kind of
    :data:`~cchc_xl.sniff.RESAVED`): what it is and how to save it as .xlsx. It was told
    "không phải sổ cái (.sqlite) cũng không phải tệp tổng hợp (.xlsx)", with no way to the
    verdicts typed into it (a QA pass)."""
    if is_encrypted(source, kind):
        return WorkbookError(FORMAT_MESSAGES["encrypted"], file=str(source),
                             hint=OWN_PASSWORD_HINT)
    said = resaved_said(kind)
    return WorkbookError(f"{said}: cần sổ cái (.sqlite) hoặc tệp tổng hợp dạng Excel (.xlsx)",
                         file=str(source), hint=resave_hint(kind))



def _workbook_period(source: Path, db: Path) -> str:
    """The period a consolidated workbook given as the source is of ("" for a ledger)."""
    from ..consolidated.link import LEDGER_PERIOD_PROPERTY, workbook_properties

    if source.resolve() == Path(db).resolve():
        return ""
    return workbook_properties(source).get(LEDGER_PERIOD_PROPERTY, "")


def resolve_ledger(source: Path) -> tuple[Path, str | None]:
    """The ledger behind ``source`` and the plan it is about (None: the ledger's only plan).

    ``source`` is the ledger itself, or a merged workbook: that records its ledger
    (relative to itself) and plan in custom document properties; without them (saved by
    a program that drops them: told by its sheets), the default ledger beside the
    workbook is used, as for the plan table beside its ledger. Any other workbook is
    refused for what it is, even with a ledger beside it (a QA pass: `remind
    phu-luc.xlsx`, the appendix beside the ledger, wrote the letter), and so is an empty
    ledger (:func:`refuse_empty_ledger`).
    """
    # Imported here: the consolidated workbook is built from this package's summary.
    from ..consolidated.link import LEDGER_PLAN_PROPERTY, LEDGER_PROPERTY, workbook_properties

    source = Path(source)
    if not source.exists():
        raise MissingInputError("không tìm thấy tệp", file=str(source), hint=_SOURCE_HINT)
    if source.is_dir():
        raise MissingInputError("đây là thư mục, cần sổ cái (.sqlite) hoặc tệp tổng hợp (.xlsx)",
                            file=str(source))
    with open(source, "rb") as fh:
        if fh.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC:
            return source, None
    if source.suffix.lower() == Path(L.LEDGER_NAME).suffix:  # not "no ledger, no workbook"
        refuse_empty_ledger(source)
    kind = sniff_format(source)
    if kind in RESAVED:
        raise _resave(source, kind)
    if kind != "xlsx" and source.suffix.lower() != ".xlsx":
        raise WorkbookError("tệp không phải sổ cái (.sqlite) cũng không phải tệp tổng hợp "
                            "(.xlsx)", file=str(source), hint=_SOURCE_HINT)
    # Opened first: says why a damaged workbook cannot be read.
    with closing(open_workbook(source, read_only=True)) as wb:
        sheets = set(wb.sheetnames)
    props = workbook_properties(source)
    recorded = props.get(LEDGER_PROPERTY, "")
    kind = None if recorded else _not_merged(source, sheets)
    if kind is not None and kind != PLAN_TABLE:
        raise _not_a_source(source, kind)
    # The workbook may have moved without its ledger: then try the default place.
    tried = list(dict.fromkeys(([source.parent / recorded] if recorded else [])
                               + [L.default_db(source)]))
    for candidate in tried:
        if candidate.is_file():
            refuse_empty_ledger(candidate)
            return candidate, props.get(LEDGER_PLAN_PROPERTY)
    if kind == PLAN_TABLE:  # in the ledger's place, with none beside it
        raise _not_a_source(source, kind)
    if not recorded:
        raise WorkbookError(
            "tệp không ghi sổ cái, cũng không có sổ cái cạnh tệp: không phải tệp tổng hợp của "
            "'cchc-xl merge'?", file=str(source), hint=_SOURCE_HINT)
    raise WorkbookError(
        f"tệp tổng hợp lấy số liệu từ sổ cái '{recorded}' nhưng không có sổ cái đó cạnh tệp "
        f"(đã tìm: {', '.join(str(p) for p in tried)}); tệp tổng hợp chỉ là bản in của sổ cái",
        file=str(source),
        hint=f"chép sổ cái {Path(recorded).name} (và thư mục {ARCHIVE_DIR}) vào cùng thư mục "
             "với tệp tổng hợp rồi chạy lại; với report và remind cũng có thể chỉ thẳng tới "
             f"sổ cái: cchc-xl report ĐƯỜNG_DẪN/{Path(recorded).name} --period ...")


def _not_merged(source: Path, sheets: set[str]) -> str | None:
    """What a workbook naming no ledger is, when it is no consolidated workbook (its
    sheets: one saved by a program that drops its properties): a plan table, a unit's
    file, one of cchc-xl's other outputs, another workbook (overwrite.kind_of); None for
    a consolidated workbook."""
    from ..consolidated.write import ROWS_SHEET, SUMMARY_SHEET

    if {SUMMARY_SHEET, ROWS_SHEET} <= sheets:
        return None
    return kind_of(source) or OTHER_WORKBOOK


def _not_a_source(source: Path, kind: str) -> UsageError:
    """The workbook given in the ledger's place is the ``kind`` said (the command was
    called wrongly: exit 2)."""
    return UsageError(f"đây là {kind}, không phải sổ cái (.sqlite) hay tệp tổng hợp của "
                      "lần gộp", file=str(source), hint=_SOURCE_HINT)


def refuse_empty_ledger(db: Path) -> None:
    """The ledger's refusal of an empty (0-byte) ledger at ``db`` (ledger.schema.emptied),
    said before it is opened (a QA pass: `remind ke-hoach.xlsx` beside an empty ledger
    was told to name another with --db, which remind has not)."""
    try:
        empty = Path(db).stat().st_size == 0
    except OSError:
        return
    if empty:
        raise emptied(db)


# --- the command -------------------------------------------------------------------------


@dataclass
class ReportResult:
    paths: list[Path]
    summary: Summary
    ledger: Path
    warnings: list[str] = field(default_factory=list)
    kept: list[KeptEdit] = field(default_factory=list)  # the office's edited copies kept
    # Who signs the Word report and where from, when no plan table was given
    # (period_plan.ledger_signer); "" when it was, or no Word report was made.
    signed: str = ""


def merged_periods(db: Path, plan_key: str | None) -> list[Period]:
    """The periods of a plan (None: the ledger's only one, as a snapshot finds it) some
    file was merged into."""
    with L.Ledger(db, create=False) as ledger:
        key = plan_key_in(ledger, plan_key)
        return [p for c in ledger.period_codes(key)
                if ledger.submissions(key, c) and (p := ledger.period(key, c)) is not None]


def _merged_periods_hint(db: Path, plan_key: str) -> str:
    # Codes only: the message names its own period, and its hint follows in brackets.
    merged = [p.code for p in merged_periods(db, plan_key)]
    return f"; các kỳ đã gộp: {', '.join(merged)}" if merged else ""


def source_period(source: Path, db: Path, plan_key: str | None) -> str:
    """The period a report from ``source`` is of when none is named: a consolidated
    workbook's own; from a ledger, the one period merged into it. A ledger with
    several merged periods is not guessed at: UsageError naming them."""
    if shown := _workbook_period(Path(source), db):
        return shown
    merged = merged_periods(db, plan_key)
    if len(merged) == 1:
        return merged[0].code
    if not merged:
        raise UsageError("sổ cái chưa có tệp nào được gộp", file=str(db),
                         hint="chạy 'cchc-xl merge ... --period KỲ' trước")
    raise UsageError(
        "sổ cái có số liệu của nhiều kỳ: "
        + ", ".join(p.with_code for p in merged),
        file=str(db), hint=f"chọn kỳ bằng --period, ví dụ --period {merged[-1].code}")


def load_period(source: Path, period_code: str | None, plan_key: str | None = None, *,
                unmerged: bool = False, signing: Plan | None = None
                ) -> tuple[LedgerSnapshot, Path]:
    """What the ledger behind ``source`` holds for a period that has been merged (or,
    ``unmerged``, one nothing was merged into yet: every unit missing); with no
    ``period_code``, the period :func:`source_period` finds. Its plan is signed by
    ``signing`` (the plan in use), else as the ledger's current plan (load_snapshot)."""
    db, recorded_plan = resolve_ledger(Path(source))
    if period_code is None:
        period_code = source_period(source, db, plan_key or recorded_plan)
    try:
        snapshot = load_snapshot(db, period_code, plan_key or recorded_plan,
                                 signing=signing)
    except sqlite3.DatabaseError as exc:  # not one that says the file is damaged
        raise CchcError(f"sổ cái không đúng định dạng ({str(exc)[:120]})",
                        file=str(db)) from exc
    if not snapshot.submissions and not (unmerged and not snapshot.interrupted):
        if snapshot.interrupted and merge_running(db):
            raise UsageError(f"kỳ {snapshot.period.with_code} đang được gộp (bắt đầu lúc "
                             f"{vn_time(snapshot.interrupted)}), chưa ghi xong tệp nào",
                             file=str(db), hint="chờ lần gộp xong rồi lập báo cáo")
        cut = (f" (lần gộp bắt đầu lúc {vn_time(snapshot.interrupted)} bị ngắt giữa chừng, "
               "chưa ghi được tệp nào)" if snapshot.interrupted else "")
        raise UsageError(f"sổ cái chưa có tệp nào được gộp cho kỳ {snapshot.period.with_code}"
                         + cut + _merged_periods_hint(db, snapshot.plan_key), file=str(db),
                         hint=(f"chạy lại 'cchc-xl merge ... --period {snapshot.period.code}'"
                               if cut else
                               f"chạy 'cchc-xl merge ... --period {snapshot.period.code}' trước"))
    return snapshot, db


def _as_counted(master: Master) -> Master:
    """The plan a period was counted with, to write as a workbook: the ledger keeps whom
    each product was given to (codes) but not the groups and other names its cells were
    typed with, so each lead and coordinating cell names the units themselves."""
    master = copy.deepcopy(master)
    names = {u.code: u.name for u in master.units}
    for d in master.deliverables():
        d.lead_text, d.support_text = ("; ".join(names.get(c, c) for c in codes)
                                       for codes in (d.lead, d.support))
    return master


def write_report(source: Path, period_code: str | None, out: Path, *, html: Path | None = None,
                 docx: Path | None = None, plan_key: str | None = None,
                 say: Callable[[str], str] | None = None,
                 plan_out: Path | None = None, today: date | None = None,
                 signing: Plan | None = None) -> ReportResult:
    """Write the period's report from a ledger or a merged workbook.

    ``out`` is the workbook (.xlsx); ``html`` adds the page, ``docx`` the Word draft.
    ``say`` rewords the notes the files print for another front end than the terminal
    (the web app: ``cchc_xl.web.wording.for_browser``, which names its pages and buttons
    where the notes name commands). Returns the written paths and the computed
    :class:`Summary`. ``plan_out`` adds the plan the period was counted with (the version
    its last merge checked its files against, kept in the ledger: docs/ledger.md, "The
    plan"), written as a plan workbook (never over a plan, a unit's file, a document).
    ``today`` is the day the report is made (None: the clock's): before the period's
    cut-off the files say they are a draft counted to that day, and the Word report is
    dated in its year. The web app passes the day its pages go by, so that its Báo cáo
    page and the report it makes agree when that day is set (a test, a QA run).
    ``signing`` is the plan in use, whose signer, title and sender the Word report takes
    (period_plan.signed_today: a period kept as counted is signed by who signs today);
    None: the plan table's when ``source`` is one (the ledger beside it read, as
    ``remind`` reads it), else the ledger's current plan's (said in ``signed``).
    """
    sources = [(source, "tệp nguồn")]
    out = output_path(out, (".xlsx",), "báo cáo", sources)
    refuse_overwrite(out, "tệp báo cáo", own=(REPORT_WORKBOOK,), option="--out")
    if html is not None:
        html = output_path(html, (".html", ".htm"), "HTML", [*sources, (out, "tệp báo cáo")])
    if docx is not None:
        docx = output_path(docx, (".docx",), "Word", [*sources, (out, "tệp báo cáo")])
        refuse_overwrite(docx, "báo cáo Word", own=(REPORT_WORD,), option="--docx")
    if plan_out is not None:
        plan_out = output_path(plan_out, (".xlsx",), "bảng kế hoạch của kỳ",
                               [*sources, (out, "tệp báo cáo")])
        refuse_overwrite(plan_out, "bảng kế hoạch của kỳ", option="--plan-out")
    db, _ = resolve_ledger(Path(source))
    for written in (out, html, docx, plan_out):
        if written is not None:
            check_not_input(written, "tệp báo cáo", [(db, "sổ cái")])
    if signing is None and kind_of(source) == PLAN_TABLE:
        # The signer typed in Excel since the last merge signs, as remind's letters.
        from ..master import load_master

        signing = load_master(source).plan
        plan_key = plan_key or signing.key
    snapshot, db = load_period(source, period_code, plan_key, signing=signing)
    signed = ledger_signer(db, snapshot.master.plan) if docx and signing is None else ""
    # Never last year's bao-cao-Q1.xlsx, reported again under this year's plan.
    refuse_another_plans(out, snapshot.master, "bảng báo cáo",
                         "--out (và --docx, --html)" if docx or html else "--out", REPORTING)
    from .html import write_html
    from .xlsx import write_workbook

    summary = summarize(snapshot, today)
    # The workbook and the Word draft the office may have edited since: kept beside them.
    with rewriting((out, docx), record_path(db.parent)) as made:
        paths = made.written
        paths.append(write_workbook(summary, summary.master, out, say=say))
        if html is not None:
            paths.append(write_html(summary, summary.master, html, say=say))
        if docx is not None:
            paths.append(write_docx(summary, docx))
        if plan_out is not None:
            from ..master.write import write_master

            paths.append(write_master(_as_counted(snapshot.master), plan_out))
    kept = made.kept
    warnings = []
    shown = _workbook_period(Path(source), db)
    if shown and shown.upper() != snapshot.period.code.upper():
        # The workbook only leads to its ledger: another period's report is read from the
        # same ledger, which is what was asked; said, as the name says otherwise (a QA
        # pass: "report tong-hop-6T.xlsx --period 9T" wrote 9T without a word).
        warnings.append(
            f"{Path(source).name} là bảng tổng hợp kỳ {shown}; báo cáo này lập cho kỳ "
            f"{snapshot.period.with_code}, theo kỳ đã chọn, từ cùng sổ cái")
    if snapshot.interrupted and merge_running(db):
        warnings.append(
            f"kỳ {snapshot.period.with_code} đang được gộp (bắt đầu lúc "
            f"{vn_time(snapshot.interrupted)}): báo cáo này chỉ có các tệp đã ghi xong đến "
            "lúc lập; lập lại báo cáo khi gộp xong")
    elif snapshot.interrupted:
        warnings.append(
            f"lần gộp kỳ {snapshot.period.with_code} bắt đầu lúc "
            f"{vn_time(snapshot.interrupted)} bị ngắt giữa chừng (không chạy xong): sổ cái có "
            "thể thiếu tệp của lần đó; chạy lại lệnh merge với cùng các tệp rồi lập lại báo cáo")
    return ReportResult(paths=paths, summary=summary, ledger=db, warnings=warnings, kept=kept,
                        signed=signed)

