"""The plan as a short text listing (``cchc-xl show``; ``--json`` is :mod:`cchc_xl.plan_codec`)."""

from __future__ import annotations

import textwrap
from datetime import date

from .assignment import due_value
from .deadlines import Deadline
from .issuer import running_plan
from .model import Master
from .text import LIST_MARKS, short_list
from .xlio import vn_date

_LIST_MARKS = LIST_MARKS + " \t"  # and the spaces after them


def _one_line(text: str) -> str:
    """A cell's lines joined by "; ", their list marks and closing ";" or "." left out
    ("- Kế hoạch;\n- Báo cáo." → "Kế hoạch; Báo cáo")."""
    return "; ".join(line.strip().lstrip(_LIST_MARKS).rstrip(";.").strip()
                     for line in text.splitlines() if line.strip().lstrip(_LIST_MARKS))


def _cut(text: str, width: int) -> str:
    """``text`` cut at a word with " …" when longer than ``width``."""
    return textwrap.shorten(text, width, placeholder=" …") if len(text) > width else text


def _product(text: str, width: int = 70) -> str:
    """A product cell on one line (:func:`_one_line`), cut (:func:`_cut`)."""
    return _cut(_one_line(text), width)


def _first_line(text: str, width: int = 90) -> str:
    """A task's first line, cut (:func:`_cut`)."""
    return _cut(text.splitlines()[0] if text.strip() else "", width)


def due_text(deadline: Deadline) -> str:
    """The due date; every date of a deliverable with several ("30/06/2026, 30/09/2026")."""
    due = due_value(deadline)
    if not isinstance(due, date):
        return due
    return ", ".join(vn_date(p.due) for p in deadline.parts if p.due)


def plan_as_text(master: Master) -> str:
    # Named as the app's pages and the report's sentences name it ("Ủy ban nhân dân xã
    # Hoằng Tiến"), not in the capitals of the document's heading it was imported from.
    p = running_plan(master.plan)
    lines = [f"{p.title} — {p.authority}", ""]
    for a in master.areas:
        lines.append(f"[{a.code}] {a.title} ({len(a.tasks)} nhiệm vụ)")
        shown: set[str] = set()
        for t in a.tasks:
            heading = a.find_heading(t.parent) if t.parent else None
            if heading is not None and heading.id not in shown:
                shown.add(heading.id)
                lines.append(f"  {heading.id:<10} {_first_line(heading.content)}")
            lines.append(f"  {t.id:<10} {_first_line(t.content)}")
            lines.append(f"  {'':<10} Chủ trì: {short_list(master.unit_names(t.lead))}")
            if t.support:  # who else works on it: a plan's reader checks the import by it
                lines.append(f"  {'':<10} Phối hợp: {short_list(master.unit_names(t.support))}")
            for d in t.deliverables:
                # What is handed in, and by when: the plan's products and deadlines, which
                # the reader checks the import by as the units.
                product = _product(d.product)
                lines.append(f"  {'':<10} · {d.id}{f' {product}' if product else ''} — "
                             f"{_one_line(d.deadline.raw)} → {due_text(d.deadline)}")
        lines.append("")
    tasks = len(master.tasks())
    lines.append(f"Tổng: {len(master.areas)} lĩnh vực, {tasks} nhiệm vụ, "
                 f"{len(master.deliverables())} sản phẩm, {len(master.units)} đơn vị.")
    return "\n".join(lines)
