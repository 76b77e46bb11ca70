"""The plan as JSON-ready data and back: the one encoding of a :class:`Master`.

:func:`plan_to_dict` is what the ledger keeps of a plan (so that ``report`` needs no
master) and, without the ledger's part, what ``cchc-xl show --json`` prints;
:func:`plan_from_dict` turns it back into a :class:`Master`. Dates are ISO strings;
units appear by name where people read them (``lead``/``support`` of a task and a
product) and by code in ``assignments``, which the decoder uses. Headings and a
task's ``parent`` (sub-tasks) are always written (``[]`` and ``None`` when there are
none); the decoder takes a plan without them, as an older ledger keeps it.

Decoding is lenient about keys an older ledger may lack: the texts the encoding
did not carry then (appendix headings, lead and support cells as written) fall
back to what it has. What it never carries: unit aliases, groups, source rows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date

from .deadlines import BEFORE_BY, Deadline, DeadlinePart, parse_deadline
from .model import CONTACT_FIELDS, Area, Deliverable, Heading, Master, Period, Plan, Task, Unit
from .text import short_list
from .vocab import KIND_LABELS, OTHER, SUPPORT


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --- encoding ------------------------------------------------------------------------


def _deliverable(master: Master, d: Deliverable) -> dict[str, object]:
    return {
        "id": d.id,
        "product": d.product,
        "deadline": d.deadline.raw,
        "due": _iso(d.deadline.due),
        "recurrence": d.deadline.recurrence,
        "parts": [
            {"label": p.label, "text": p.text, "kind": p.kind, "due": _iso(p.due),
             "recurrence": p.recurrence,
             # Which piece of the cell: written past the first only, so that a plan whose
             # deadlines are each one piece keeps the content digest it had before.
             **({"piece": p.piece} if p.piece else {})}
            for p in d.deadline.parts
        ],
        "funding": d.funding,
        "note": d.note,
        "lead_text": d.lead_text,
        "support_text": d.support_text,
        "lead": master.unit_names(d.lead),
        "support": master.unit_names(d.support),
    }


def _task(master: Master, t: Task) -> dict[str, object]:
    return {
        "id": t.id,
        "number": t.number,
        "content": t.content,
        "parent": t.parent or None,
        "lead": master.unit_names(t.lead),
        "support": master.unit_names(t.support),
        "deliverables": [_deliverable(master, d) for d in t.deliverables],
    }


def _area(master: Master, a: Area) -> dict[str, object]:
    return {
        "code": a.code,
        "title": a.title,
        "sheet": a.sheet,
        "heading": a.heading,
        "headings": [{"id": h.id, "number": h.number, "content": h.content}
                     for h in a.headings],
        "tasks": [_task(master, t) for t in a.tasks],
    }


def plan_to_dict(master: Master, *, assignments: bool = True) -> dict[str, object]:
    """The plan as JSON-ready data.

    With ``assignments`` (what the ledger keeps) it adds the "Trước ngày" reading
    (``before``) and, per deliverable, its area, task, lead and support unit codes
    and due date; without, it is what ``show --json`` prints.
    """
    p = master.plan
    data: dict[str, object] = {
        "plan": {
            "code": p.code, "authority": p.authority, "title": p.title, "number": p.number,
            "issued": _iso(p.issued), "year": p.year,
            "attachment": p.attachment, "appendix_title": p.appendix_title,
            # Only when set: a plan without them keeps the snapshot it had.
            **({"sender": p.sender} if p.sender else {}),
            **({"signer": p.signer} if p.signer else {}),
            **({"signer_title": p.signer_title} if p.signer_title else {}),
            **({"return_to": p.return_to} if p.return_to else {}),
            **({"amendments": p.amendments} if p.amendments else {}),
        },
        "areas": [_area(master, a) for a in master.areas],
        "units": [
            {"code": u.code, "name": u.name, "kind": u.kind, "kind_label": KIND_LABELS[u.kind],
             **{f: getattr(u, f) for f in CONTACT_FIELDS if getattr(u, f)}}
            for u in master.units
        ],
        "periods": [
            {"code": x.code, "name": x.name, "start": x.start.isoformat(),
             "cutoff": x.cutoff.isoformat(), "due": x.due.isoformat()}
            for x in master.periods
        ],
    }
    if assignments:
        data["before"] = p.before
        data["named_support"] = p.named_support
        data["assignments"] = {
            d.id: {"area": area.code, "task": task.id, "lead": list(d.lead),
                   "support": list(d.support), "due": _iso(d.deadline.due),
                   "recurrence": d.deadline.recurrence}
            for area in master.areas for task in area.tasks for d in task.deliverables
        }
    return data


def plan_json(master: Master) -> str:
    """The plan as the ledger keeps each version of it (:func:`plan_to_dict`, keys
    sorted): the same plan, the same text, whenever and however its workbook was
    written."""
    return json.dumps(plan_to_dict(master), ensure_ascii=False, sort_keys=True)


def plan_digest(master: Master) -> str:
    """SHA-256 of :func:`plan_json`: a plan version's key in the ledger, and what a
    split's manifest records of the plan its files were made from."""
    return hashlib.sha256(plan_json(master).encode("utf-8")).hexdigest()


# --- decoding ------------------------------------------------------------------------


def _deadline(d: dict, year: int, before: str) -> Deadline:
    raw = d.get("deadline", "")
    parts = tuple(
        DeadlinePart(text=p["text"], kind=p["kind"], label=p.get("label", ""),
                     due=_day(p.get("due")), recurrence=p.get("recurrence"),
                     piece=int(p.get("piece", 0)))
        for p in d.get("parts", []))
    if len(parts) > 1 and not any("piece" in p for p in d.get("parts", [])):
        # Stored before each part said its piece: read again, the same parts take theirs
        # ("Cả năm; báo cáo trước 15/12" is one deadline said twice, not two).
        again = parse_deadline(raw, year or None, before).parts
        if [(p.kind, p.due) for p in again] == [(p.kind, p.due) for p in parts]:
            parts = tuple(replace(p, piece=q.piece) for p, q in zip(parts, again, strict=True))
    return Deadline(raw=raw, parts=parts)


def plan_from_dict(data: dict) -> Master:
    """The :class:`Master` that :func:`plan_to_dict` encoded (with its assignments)."""
    p = data["plan"]
    assigned = data.get("assignments", {})
    plan = Plan(
        authority=p.get("authority", ""), title=p.get("title", ""), year=int(p.get("year") or 0),
        number=p.get("number", ""), issued=_day(p.get("issued")),
        attachment=p.get("attachment", ""), appendix_title=p.get("appendix_title", ""),
        code=p.get("code", ""), before=data.get("before", BEFORE_BY),
        named_support=data.get("named_support", SUPPORT), sender=p.get("sender", ""),
        signer=p.get("signer", ""),
        signer_title=p.get("signer_title", ""), return_to=p.get("return_to", ""),
        amendments=list(p.get("amendments", [])))
    units = [Unit(code=u["code"], name=u["name"], kind=u.get("kind", OTHER),
                  **{f: u.get(f, "") for f in CONTACT_FIELDS})
             for u in data.get("units", [])]
    areas = []
    for a in data.get("areas", []):
        area = Area(code=a["code"], title=a["title"], sheet=a.get("sheet", a["code"]),
                    heading=a.get("heading", ""),
                    headings=[Heading(id=h["id"], number=h.get("number", ""),
                                      content=h.get("content", ""))
                              for h in a.get("headings", [])])
        for t in a.get("tasks", []):
            task = Task(id=t["id"], number=t.get("number", ""), content=t.get("content", ""),
                        parent=t.get("parent") or "")
            for d in t.get("deliverables", []):
                given = assigned.get(d["id"], {})
                task.deliverables.append(Deliverable(
                    id=d["id"], product=d.get("product", ""),
                    deadline=_deadline(d, plan.year, plan.before),
                    funding=d.get("funding", ""), note=d.get("note", ""),
                    lead_text=d["lead_text"] if "lead_text" in d else short_list(d.get("lead", [])),
                    support_text=(d["support_text"] if "support_text" in d
                                  else short_list(d.get("support", []))),
                    lead=list(given.get("lead", [])), support=list(given.get("support", []))))
            area.tasks.append(task)
        areas.append(area)
    periods = [Period(code=x["code"], name=x["name"], start=date.fromisoformat(x["start"]),
                      cutoff=date.fromisoformat(x["cutoff"]), due=date.fromisoformat(x["due"]))
               for x in data.get("periods", [])]
    return Master(plan=plan, units=units, groups=[], periods=periods, areas=areas)
