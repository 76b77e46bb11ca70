"""The plan as a short text listing (``cchc-xl show``; ``--json`` is :mod:`cchc_xl.plan_codec`)."""

from __future__ import annotations

from datetime import date

from .assignment import due_value
from .model import Master
from .text import short_list
from .xlio import vn_date


def plan_as_text(master: Master) -> str:
    p = master.plan
    lines = [f"{p.title} — {p.authority}", ""]
    for a in master.areas:
        lines.append(f"[{a.code}] {a.title} ({len(a.tasks)} nhiệm vụ)")
        shown: set[str] = set()
        for t in a.tasks:
            heading = a.find_heading(t.parent) if t.parent else None
            if heading is not None and heading.id not in shown:
                shown.add(heading.id)
                lines.append(f"  {heading.id:<10} {heading.content.splitlines()[0][:90]}")
            lines.append(f"  {t.id:<10} {t.content.splitlines()[0][:90]}")
            lines.append(f"  {'':<10} Chủ trì: {short_list(master.unit_names(t.lead))}")
            for d in t.deliverables:
                due = due_value(d.deadline)
                due = vn_date(due) if isinstance(due, date) else due
                lines.append(f"  {'':<10} · {d.id}: {d.deadline.raw.replace(chr(10), '; ')}"
                             f" → {due}")
        lines.append("")
    tasks = len(master.tasks())
    lines.append(f"Tổng: {len(master.areas)} lĩnh vực, {tasks} nhiệm vụ, "
                 f"{len(master.deliverables())} sản phẩm, {len(master.units)} đơn vị.")
    return "\n".join(lines)
