"""The plan as JSON-ready data and as a short text listing (``cchc-xl show``)."""

from __future__ import annotations

from datetime import date

from .assignment import due_value
from .model import KIND_LABELS, Deliverable, Master
from .text import short_list
from .xlio import vn_date


def _names(master: Master, codes: list[str]) -> list[str]:
    return [master.unit(c).name for c in codes]


def _deliverable(master: Master, d: Deliverable) -> dict[str, object]:
    due = d.deadline.due
    return {
        "id": d.id,
        "product": d.product,
        "deadline": d.deadline.raw,
        "due": due.isoformat() if due else None,
        "recurrence": d.deadline.recurrence,
        "parts": [
            {"label": p.label, "text": p.text, "kind": p.kind,
             "due": p.due.isoformat() if p.due else None, "recurrence": p.recurrence}
            for p in d.deadline.parts
        ],
        "funding": d.funding,
        "note": d.note,
        "lead_text": d.lead_text,
        "support_text": d.support_text,
        "lead": _names(master, d.lead),
        "support": _names(master, d.support),
    }


def plan_as_dict(master: Master) -> dict[str, object]:
    p = master.plan
    return {
        "plan": {
            "code": p.code, "authority": p.authority, "title": p.title, "number": p.number,
            "issued": p.issued.isoformat() if p.issued else None, "year": p.year,
            "attachment": p.attachment, "appendix_title": p.appendix_title,
        },
        "areas": [
            {
                "code": a.code,
                "title": a.title,
                "sheet": a.sheet,
                "heading": a.heading,
                "headings": [{"id": h.id, "number": h.number, "content": h.content}
                             for h in a.headings],
                "tasks": [
                    {
                        "id": t.id,
                        "number": t.number,
                        "content": t.content,
                        "parent": t.parent or None,
                        "lead": _names(master, t.lead),
                        "support": _names(master, t.support),
                        "deliverables": [_deliverable(master, d) for d in t.deliverables],
                    }
                    for t in a.tasks
                ],
            }
            for a in master.areas
        ],
        "units": [
            {"code": u.code, "name": u.name, "kind": u.kind, "kind_label": KIND_LABELS[u.kind]}
            for u in master.units
        ],
        "periods": [
            {"code": x.code, "name": x.name, "start": x.start.isoformat(),
             "cutoff": x.cutoff.isoformat(), "due": x.due.isoformat()}
            for x in master.periods
        ],
    }


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
            lines.append(f"  {'':<10} Chủ trì: {short_list(_names(master, t.lead))}")
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
