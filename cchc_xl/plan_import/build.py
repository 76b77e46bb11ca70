"""From the recognised rows to the plan model: ids, products, deadlines, areas.

Ids follow the master's rules (:class:`cchc_xl.model.Heading`): the area code and
the printed task number ("TC-05", numbers as printed when they are all whole and
distinct in the area, else in order), a heading "TC-06" with sub-tasks "TC-06-1",
"TC-06-2", later products ".2", ".3".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..deadlines import UNKNOWN, parse_deadline
from ..findings import Finding
from ..issuer import authority_name
from ..master.areas import SAME_AS_ABOVE
from ..master.layout import (
    GROUPS_SHEET,
    PERIODS_SHEET,
    PLAN_SHEET,
    UNITS_SHEET,
    blank_attachment,
)
from ..model import Area, Deliverable, Heading, Plan, Task
from ..text import match_key
from ..vocab import NOTE, WARNING
from .areas import area_code_and_sheet
from .raw import RawPlan, RawProduct, RawTask, has_amount
from .subtasks import named

# An item's mark in a list typed in one cell: a bullet, or a number or letter ("1)",
# "2.", "a)").
ITEM_MARK = re.compile(r"^\s*(?:[-\u2013\u2014+•*·]|\d{1,2}[.)](?=\s)|[a-zđ]\)(?=\s))\s*")
_YEAR_IN = re.compile(r"năm\s+(\d{4})", re.IGNORECASE)


def number_ids(prefix: str, numbers: list[str]) -> list[str]:
    """"TC-05" for printed numbers that are whole and distinct, else "TC-01" in order."""
    digits = [n.rstrip(".") for n in numbers]
    printed = all(n.isdigit() for n in digits) and len(set(digits)) == len(digits)
    return [f"{prefix}-{int(n) if printed else i:02d}" for i, n in enumerate(digits, start=1)]


def _sub_ids(heading_id: str, numbers: list[str]) -> list[str]:
    tails = [n.rstrip(".").rsplit(".", 1)[-1] for n in numbers]
    printed = all(t.isdigit() for t in tails) and len(set(tails)) == len(tails)
    return [f"{heading_id}-{int(t) if printed else i}" for i, t in enumerate(tails, start=1)]


def _named(raw, tid: str) -> str:
    return named(raw.number.strip() or tid, raw.content)


def plan_year(raw: RawPlan, year: int | None) -> int | None:
    """The year given, else the one the title (or the appendix title, or an area
    heading) names."""
    if year:
        return year
    for text in (raw.title, raw.appendix_title, *(a.heading for a in raw.areas)):
        m = _YEAR_IN.search(text or "")
        if m:
            return int(m[1])
    return None


def _split_bullets(product: RawProduct) -> list[RawProduct] | None:
    """Several "- ..." (or "1) ...") products in one cell, each with its own line in the
    deadline cell ("- Quý I/2026" / "- Quý III/2026"), are several products; so are lines
    without marks, each opening with a capital, when each deadline line reads as a
    date ("Kế hoạch CCHC" / "Báo cáo kết quả" against "Tháng 12/2025" / "Tháng
    01/2026"). Labelled deadline lines ("- Kế hoạch: Tháng 01") are one product's parts
    instead."""
    items = [x for x in product.product.split("\n") if x.strip()]
    dates = [x for x in product.deadline.split("\n") if x.strip()]
    if len(items) < 2 or len(dates) != len(items):
        return None
    parsed = [parse_deadline(d).parts for d in dates]
    if any(p.label for parts in parsed for p in parts):
        return None
    marked = all(ITEM_MARK.match(x) for x in items)
    # Unmarked: each line a product only when each date line is a date of its own, not
    # one refining another ("Quý IV/2026" / "(Trước 15/12/2026)": one product's).
    plain = (all(x.strip()[:1].isupper() for x in items)
             and all(parts and all(p.kind != UNKNOWN for p in parts) for parts in parsed)
             and not any(d.lstrip().startswith("(") for d in dates)
             and len(parse_deadline(product.deadline).distinct_dues())
             == sum(1 for parts in parsed if any(p.due for p in parts)))
    if not (marked or plain):
        return None
    # One amount for the whole cell stays with the first product: never counted twice.
    funds = product.funding.split("\n")
    funds = (list_items(funds) if len(funds) == len(items)
             else [product.funding] + [""] * (len(items) - 1) if has_amount(product.funding)
             else [product.funding] * len(items))
    notes = [product.note] + [""] * (len(items) - 1)
    return [RawProduct(item, day, fund, product.lead, product.support, product.place, note)
            for item, day, fund, note in zip(list_items(items), list_items(dates), funds, notes,
                                             strict=True)]


def list_items(lines: list[str]) -> list[str]:
    """A list's items, each a cell of its own: without its bullet, nor the punctuation
    that ended it in the list ("- Kế hoạch kiểm tra;" / "- Báo cáo." -> "Kế hoạch kiểm
    tra", "Báo cáo"). A "." ends the list only in one whose items end in ";"; else it
    ends a sentence of the plan's, and stays."""
    items = [ITEM_MARK.sub("", line).rstrip() for line in lines]
    listed = any(item.endswith(";") for item in items)
    items = [item.rstrip(";,").rstrip() for item in items]
    return [item.rstrip(".").rstrip() if listed else item for item in items]


@dataclass
class Built:
    areas: list[Area]
    places: dict[str, str] = field(default_factory=dict)  # deliverable or heading id -> place
    # Task id -> the place of its own row: its first product's may come on a row below
    # (cells merged down), and the check of the master speaks of the task there.
    task_places: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # The last product's lead, coordinators and deadline, in the document's order: what
    # "Như trên" repeats, even under an area heading (the master would look on its sheet).
    above: dict[str, str] = field(default_factory=dict)
    # The ids of products split from one cell (:func:`_split_bullets`), cell by cell.
    split: list[tuple[str, ...]] = field(default_factory=list)

    def as_above(self, name: str, text: str) -> str:
        """``text``, or for "Như trên" the last product's; kept as that product's."""
        if match_key(text) in SAME_AS_ABOVE and self.above.get(name):
            text = self.above[name]
        self.above[name] = text
        return text


def build_areas(raw: RawPlan, year: int, file: str) -> Built:
    taken_codes: set[str] = set()
    taken_sheets = {s.casefold() for s in (PLAN_SHEET, UNITS_SHEET, GROUPS_SHEET, PERIODS_SHEET)}
    built = Built(areas=[])
    for raw_area in raw.areas:
        if not raw_area.tasks:
            continue
        code, sheet = area_code_and_sheet(raw_area.title, taken_codes, taken_sheets)
        area = Area(code=code, title=raw_area.title, sheet=sheet, heading=raw_area.heading)
        ids = number_ids(code, [t.number for t in raw_area.tasks])
        for tid, raw_task in zip(ids, raw_area.tasks, strict=True):
            if raw_task.is_heading:
                area.headings.append(Heading(id=tid, number=raw_task.number,
                                             content=raw_task.content))
                built.places[tid] = raw_task.place
                sub_ids = _sub_ids(tid, [s.number for s in raw_task.subtasks])
                for sid, sub in zip(sub_ids, raw_task.subtasks, strict=True):
                    area.tasks.append(_task(sid, sub, year, built, file, parent=tid))
            else:
                area.tasks.append(_task(tid, raw_task, year, built, file))
        built.areas.append(area)
    return built


def _task(tid: str, raw: RawTask, year: int, built: Built, file: str, parent: str = "") -> Task:
    task = Task(id=tid, number=raw.number, content=raw.content, parent=parent)
    built.task_places[tid] = raw.place
    products: list[RawProduct] = []
    for p in raw.products:
        split = _split_bullets(p)
        if split:
            built.split.append(tuple(_product_id(tid, k) for k in
                                     range(len(products), len(products) + len(split))))
            built.findings.append(Finding(
                NOTE, "import-products-split",
                f"ô sản phẩm có {len(split)} dòng, mỗi dòng một thời hạn: "
                f"đã tách thành {len(split)} sản phẩm của nhiệm vụ {tid}", file=file,
                place=p.place))
        products.extend(split or [p])
    if not products:
        products = [RawProduct("", "", "", raw.lead, raw.support, raw.place, raw.note)]
    for k, p in enumerate(products):
        did = _product_id(tid, k)
        p = RawProduct(p.product, built.as_above("deadline", p.deadline), p.funding,
                       built.as_above("lead", p.lead), built.as_above("support", p.support),
                       p.place, p.note)
        missing = [label for label, value in (("sản phẩm", p.product), ("chủ trì", p.lead),
                                              ("thời hạn", p.deadline)) if not value]
        if missing:
            built.findings.append(Finding(
                WARNING, "import-task-incomplete",
                f"nhiệm vụ {_named(raw, tid)} thiếu {', '.join(missing)}: đã giữ nội dung, "
                "điền phần còn thiếu trong bảng kế hoạch", file=file, place=p.place))
        task.deliverables.append(Deliverable(
            id=did, product=p.product, deadline=parse_deadline(p.deadline, year),
            funding=p.funding, note=p.note,
            lead_text=p.lead, support_text=p.support))
        built.places[did] = p.place
    return task


def _product_id(tid: str, k: int) -> str:
    """The id of a task's product ``k`` (from 0): "TC-05", "TC-05.2", …"""
    return tid if k == 0 else f"{tid}.{k + 1}"


def build_plan(raw: RawPlan, year: int, code: str) -> Plan:
    return Plan(authority=raw.authority, title=raw.title or
                f"Kế hoạch cải cách hành chính năm {year}", year=year, number=raw.number,
                issued=raw.issued,
                # No "(Kèm theo …)" line (the tasks in the plan's body): the one a new plan
                # table starts with, whose number and day the appendix fills in from the
                # plan's (a QA pass: the appendix printed none).
                attachment=raw.attachment or (
                    blank_attachment(year, authority_name(raw.authority)) if raw.authority
                    else ""),
                appendix_title=raw.appendix_title, code=code, signer=raw.signer,
                signer_title=raw.signer_title, return_to=raw.return_to)
