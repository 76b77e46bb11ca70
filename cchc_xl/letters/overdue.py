"""The letter chasing overdue tasks ("Công văn đôn đốc thực hiện các nhiệm vụ cải cách
hành chính chậm tiến độ", ``cchc-xl remind --overdue``) and its mail-merge list.

Beside the letter chasing reports (:mod:`cchc_xl.letters.remind`): to each unit that leads
products which, by the period's figures, are "chưa hoàn thành, đã quá hạn" at the
cut-off, those products with their deadline and what the unit reported. The rows are
the figures' own judgement (:class:`~cchc_xl.report.Summary`, docs/counting.md): a lead
row counted not done whose timeliness is Quá hạn; a unit that sent nothing counts its
dated products past due as not done, "Chưa báo cáo". Recurring work (no single due
date) is never overdue, and a row the office judged Đạt counts done. The letter is laid
out as the other (:func:`cchc_xl.letters.draft.draft_letter`), its wording in
``templates/cong-van-qua-han.docx.j2``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..answer import Answer
from ..appendix import PLAN_NUMBER_HEADER, plan_numbers
from ..assessment import with_verdict
from ..edited import KeptEdit
from ..model import Master, Period, Plan, Unit
from ..overwrite import OVERDUE
from ..report import Summary
from ..report.grid import Cell, Grid, Row, grid_column
from ..report.held_back import part_done
from ..report.names import name_units
from ..report.summary import ProductResult, TaskResult, is_overdue
from ..text import capitalized, first_line_cut, mid_sentence, vn_progress
from ..vocab import DONE, FAIL, NOT_REPORTED, UNVERIFIED, VERDICT_LABELS
from ..xlio import vn_date
from . import mergelist
from .draft import draft_letter
from .named import body_names
from .remind import letter_files

TEMPLATE = "cong-van-qua-han.docx.j2"
DEADLINE = "hạn báo cáo kết quả"  # the date to report the result by, as messages name it
CSV_DEADLINE = capitalized(DEADLINE)  # the mail-merge list's column of that date
CSV_COLUMNS = (*mergelist.UNIT_FIELDS, "Số nhiệm vụ quá hạn", "Nhiệm vụ quá hạn",
               "Việc cần làm", CSV_DEADLINE)
NAMED_MAX = 10  # units the body names with their counts; past it, as a crowd (name_units)
TODO = ("Khẩn trương hoàn thành các nhiệm vụ quá hạn; báo cáo kết quả (kèm tài liệu kiểm "
        "chứng), nêu rõ nguyên nhân, khó khăn nếu chưa hoàn thành.")


@dataclass(frozen=True)
class OverdueTask:
    """One product a unit leads, unfinished and past due at the cut-off."""

    task: str  # the task's id ("TC-01")
    number: str  # its number as the plan prints it ("1", "4 (Phụ lục số 07)": plan_numbers)
    content: str
    product_id: str
    product: str
    deadline: str  # as the plan writes it
    due: date | None  # the date it was due by at the cut-off
    status: str  # what the unit reported, as the figures count it ("Chưa báo cáo")
    percent: float | None  # as reported
    evidence: str

    @property
    def reported(self) -> str:
        """What the unit reported, in one cell: "Đang thực hiện, 60%"."""
        percent = vn_progress(self.percent)
        return f"{self.status}, {percent}" if percent else self.status


@dataclass
class OverdueUnit:
    """A unit the letter is sent to, and its overdue products in plan order."""

    unit: Unit
    tasks: list[OverdueTask] = field(default_factory=list)
    sent_nothing: bool = False  # no file of the period counted (none sent, or refused)

    @property
    def listed(self) -> str:
        """The unit with its count, as lists name it: "Phòng Nội vụ (2)"."""
        return f"{self.unit.name} ({len(self.tasks)})"


def overdue_counts(chosen: list[OverdueUnit]) -> tuple[int, int]:
    """The units' overdue products, a product led by several units once, and their rows,
    once per lead (lượt đơn vị chủ trì), as the letter and the command say them."""
    return (len({t.product_id for o in chosen for t in o.tasks}),
            sum(len(o.tasks) for o in chosen))


def _status(p: ProductResult, r: Answer) -> str:
    """The unit's status on the row as the figures count it: "Chưa báo cáo" for nothing
    sent; else as sent, with why it is not done when the status says nothing of it
    (the office's Chưa đạt, an error to verify)."""
    label = p.label(r)
    if label == NOT_REPORTED:
        return NOT_REPORTED
    said = r.status_text or label
    if r.sent_status == DONE and r.part_pending is not None and r.completed_on is not None:
        # "Đã hoàn thành" of an earlier part, counted in progress: what the unit said, and
        # of which part (a QA pass: "Đang thực hiện, 100%" beside its "done").
        said = part_done(r)
    if r.verdict == FAIL:
        return with_verdict(said, VERDICT_LABELS[FAIL])
    if label == UNVERIFIED:
        return f"{said} ({UNVERIFIED.lower()})"
    return said


def _row(t: TaskResult, p: ProductResult, r: Answer, number: str) -> OverdueTask:
    return OverdueTask(task=t.id, number=number, content=t.content, product_id=p.id,
                       product=p.product, deadline=p.deadline, due=r.part_pending or p.due,
                       status=_status(p, r), percent=r.percent, evidence=r.evidence)


def overdue_units(summary: Summary) -> list[OverdueUnit]:
    """Each lead unit with products counted unfinished and overdue at the cut-off, in
    the registry's order; units with none are left out."""
    units = {u.code: u for u in summary.master.units}
    silent = {u.code for u in summary.units if not u.returned}
    numbers = plan_numbers(summary.master)
    names = summary.master.names  # built anew at each ask: once, not per overdue row
    found: dict[str, OverdueUnit] = {}
    for t in summary.tasks:
        for p in t.products:
            for r in p.leads:
                # The issuing body's own rows are no letter's to chase (summary.own_units).
                if is_overdue(r) and r.unit not in summary.own_units:
                    unit = units.get(r.unit) or Unit(r.unit, names.get(r.unit, r.unit))
                    found.setdefault(r.unit, OverdueUnit(unit, sent_nothing=(
                        r.unit in silent))).tasks.append(
                        _row(t, p, r, numbers.get(t.id, t.number)))
    return summary.master.in_registry_order(found.values(), lambda o: o.unit.code)


def annex_groups(chosen: list[OverdueUnit]) -> list[list[OverdueUnit]]:
    """The units whose overdue rows are the same (products, what is shown of their
    report, evidence: one table's body) together, in the order of each group's first
    unit: a province's 130 communes that sent nothing are one table, not 130 of the same
    rows (a QA pass: a 28-page annex)."""
    groups: dict[tuple[OverdueTask, ...], list[OverdueUnit]] = {}
    for o in chosen:
        groups.setdefault(tuple(o.tasks), []).append(o)
    return list(groups.values())


def _heading(master: Master, n: int, group: list[OverdueUnit]) -> str:
    """A table's heading: "1. Phòng Nội vụ (2 nhiệm vụ, sản phẩm)"; units sharing the
    rows named as the letter names them (report.names.name_units: "2. Tất cả 130 xã,
    phường – mỗi đơn vị 2 nhiệm vụ, sản phẩm"), each commune findable in it."""
    count = len(group[0].tasks)
    if len(group) == 1:
        return f"{n}. {group[0].unit.name} ({count} nhiệm vụ, sản phẩm)"
    names = capitalized(name_units(master, [o.unit.code for o in group]))
    return f"{n}. {names} – mỗi đơn vị {count} nhiệm vụ, sản phẩm"


def overdue_grid(master: Master, chosen: list[OverdueUnit]) -> Grid:
    """The table annexed to the letter: the overdue products under the numbered name of
    the unit, or of the units with the same rows (:func:`annex_groups`): one table each,
    as the reminder letter's. A task is numbered as the plan prints it, where the reader
    finds it (:func:`cchc_xl.appendix.plan_numbers`), not by the tool's code."""
    columns = [grid_column("TT", 5), grid_column(PLAN_NUMBER_HEADER, 12),
               grid_column("Nội dung nhiệm vụ", 33),
               grid_column("Sản phẩm", 25), grid_column("Thời hạn", 20),
               grid_column("Hạn (tại ngày chốt)", 12),
               grid_column("Đơn vị báo cáo (tình trạng, tỷ lệ)", 20),
               grid_column("Tài liệu kiểm chứng", 20)]
    rows: list[Row] = []
    for n, group in enumerate(annex_groups(chosen), 1):
        rows.append(Row(group=_heading(master, n, group)))
        for i, t in enumerate(group[0].tasks, 1):
            rows.append(Row((Cell(i, "cell_int"), Cell(t.number, "cell_center"), Cell(t.content),
                             Cell(t.product), Cell(t.deadline),
                             Cell(vn_date(t.due) if t.due else "", "cell_center"),
                             Cell(t.reported), Cell(t.evidence))))
    title = "Nhiệm vụ, sản phẩm chưa hoàn thành, đã quá hạn của các đơn vị"
    return Grid("qua-han", "Quá hạn", title, [], columns, rows)


def write_letter(summary: Summary, chosen: list[OverdueUnit], out: Path, deadline: str,
                 today: date) -> Path:
    """The Word draft of the letter, the overdue products annexed. A product led by
    several units counts once in "products" and once a lead in "rows" (as the report's
    lượt đơn vị chủ trì); a unit whose every file was refused is said so, not "chưa gửi"."""
    rejected = set(summary.rejected_units)
    refused = [o for o in chosen if o.sent_nothing and o.unit.code in rejected]
    # A unit whose files were all withdrawn from the figures did send: said so, not
    # "chưa gửi" (a QA pass), and asked for a corrected file.
    withdrawn = {u.code for u in summary.units if u.withdrawn is not None}
    pulled = [o for o in chosen if o.sent_nothing and o.unit.code in withdrawn]
    products, rows = overdue_counts(chosen)
    # Made before the cut-off (as the report then is: Summary.early, counted_to), the
    # figures are to the day it is made, and the products listed are those due by the
    # cut-off: the letter said "số liệu đến ngày" a day still to come (a QA pass).
    dated = replace(summary, made_on=today)
    counted_to = vn_date(dated.counted_to)
    past_due = ("đã quá thời hạn theo kế hoạch" if not dated.early else
                f"đã quá hạn hoặc đến hạn theo kế hoạch trước ngày chốt số liệu "
                f"{vn_date(summary.period.cutoff)}")
    return draft_letter(
        summary, OVERDUE, TEMPLATE, [overdue_grid(summary.master, chosen)], out, today,
        f"{summary.period.name}, số liệu đến ngày {counted_to}", [o.unit for o in chosen],
        counted_to=counted_to, past_due=past_due, before_due=today < summary.period.due,
        chosen=chosen, silent=[o for o in chosen if o.sent_nothing], named_max=NAMED_MAX,
        chosen_names=body_names(summary.master, [o.unit.code for o in chosen]),
        silent_names=body_names(summary.master, [o.unit.code for o in chosen
                                                 if o.sent_nothing]),
        refused=refused, refused_names=body_names(summary.master,
                                                  [o.unit.code for o in refused]),
        pulled=pulled, pulled_names=body_names(summary.master, [o.unit.code for o in pulled]),
        products=products, rows=rows, deadline=deadline)


def _listed(o: OverdueUnit) -> str:
    """The unit's overdue products in one cell: "Nhiệm vụ 1: Rà soát văn bản (hạn tháng
    3/2023; Đang thực hiện, 60%)", numbered as the plan prints it, the plan's deadline
    mid-sentence ("hạn trước 31/3", not "hạn Trước 31/3": a QA pass)."""
    return "; ".join(f"Nhiệm vụ {t.number}: {first_line_cut(t.content)} "
                     f"(hạn {mid_sentence(t.deadline)}; {t.reported})" for t in o.tasks)


def list_rows(chosen: list[OverdueUnit], deadline: str) -> list[tuple[object, ...]]:
    """The mail-merge list's rows, one per unit (under :data:`CSV_COLUMNS`)."""
    return [(*mergelist.unit_fields(o.unit), len(o.tasks), _listed(o), TODO, deadline)
            for o in chosen]


def write_list(chosen: list[OverdueUnit], out: Path, deadline: str, mark: str = "") -> Path:
    """The mail-merge list at ``out``, as the reminder letter's: a workbook (.xlsx) or a
    CSV (:mod:`.mergelist`)."""
    return mergelist.write_list(out, OVERDUE, CSV_COLUMNS, list_rows(chosen, deadline), mark)


@dataclass
class OverdueResult:
    paths: list[Path]
    units: list[OverdueUnit]
    ledger: Path
    period: Period
    kept: list[KeptEdit] = field(default_factory=list)  # the office's edited copies kept
    merged_other: list[str] = field(default_factory=list)  # remind.merged_elsewhere
    signed: str = ""  # who signs, when no plan table was given (period_plan.ledger_signer)


def write_overdue(source: Path, period_code: str | None, out: Path, *,
                  list_out: Path | Sequence[Path] | None = None,
                  deadline: date | None = None, plan_key: str | None = None,
                  today: date | None = None, signing: Plan | None = None) -> OverdueResult:
    """Write the letter chasing overdue tasks (and its mail-merge list, ``list_out``: one
    path or several, .xlsx or .csv) for a period, from the same sources as
    :func:`cchc_xl.letters.remind.write_reminders`. ``deadline``: the date to report the result
    by; without it the letter leaves it to write by hand."""
    return OverdueResult(*letter_files(
        source, period_code, out, list_out, deadline, plan_key, today, OVERDUE, CSV_COLUMNS,
        lambda summary, _: overdue_units(summary), write_letter, write_list, signing))
