"""The plan codec: what the ledger keeps of a plan comes back as the same plan."""

from __future__ import annotations

import json
from dataclasses import replace

from cchc_xl.model import Heading
from cchc_xl.plan_codec import plan_from_dict, plan_to_dict


def _facts(master):
    return (
        master.plan,
        [(u.code, u.name, u.kind) for u in master.units],
        [(p.code, p.name, p.start, p.cutoff, p.due) for p in master.periods],
        [(a.code, a.title, a.sheet, a.heading, a.headings,
          [(t.id, t.number, t.content, t.parent,
            [(d.id, d.product, d.deadline, d.funding, d.note, d.lead_text, d.support_text,
              d.lead, d.support) for d in t.deliverables]) for t in a.tasks])
         for a in master.areas],
    )


def test_round_trip_through_json(hh_master) -> None:
    data = json.loads(json.dumps(plan_to_dict(hh_master), ensure_ascii=False))
    back = plan_from_dict(data)
    assert _facts(back) == _facts(replace(hh_master, path=""))


def test_sub_tasks_and_headings_are_carried(nh_master) -> None:
    area = nh_master.areas[0]
    first, second = area.tasks[0], area.tasks[1]
    heading = Heading(id=first.id.rsplit("-", 1)[0] + "-90", number="6",
                      content="Nâng cao chất lượng")
    area = replace(area, headings=[heading],
                   tasks=[replace(first, parent=heading.id), second, *area.tasks[2:]])
    master = replace(nh_master, areas=[area, *nh_master.areas[1:]])
    data = plan_to_dict(master)
    assert data["areas"][0]["headings"] == [
        {"id": heading.id, "number": "6", "content": "Nâng cao chất lượng"}]
    assert data["areas"][0]["tasks"][0]["parent"] == heading.id
    assert data["areas"][0]["tasks"][1]["parent"] is None
    back = plan_from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert back.areas[0].headings == [heading]
    assert [t.parent for t in back.areas[0].tasks[:2]] == [heading.id, ""]


def test_show_view_has_no_ledger_part(nh_master) -> None:
    view = plan_to_dict(nh_master, assignments=False)
    assert "assignments" not in view and "before" not in view
    full = plan_to_dict(nh_master)
    assert full["assignments"]["CD-01"]["lead"] == nh_master.deliverables()[0].lead


def test_a_plan_stored_before_parts_said_their_piece_reads_them_again(hh_master) -> None:
    """A ledger written before a deadline's parts kept the piece of the cell they came
    from: read back, "Cả năm; báo cáo trước 15/12" must still be one deadline said twice
    (done on 12/12 is the whole done), and "Trước 30/6 và cả năm" two parts (a QA pass:
    the first was read as two due days, 15/12 and 31/12)."""
    from datetime import date

    from cchc_xl.deadlines import parse_deadline

    area = hh_master.areas[0]
    task = area.tasks[0]
    texts = ("Cả năm; báo cáo trước 15/12/2023", "Trước 30/6 và cả năm")
    deliverables = [replace(task.deliverables[0], id=f"X-{n}",
                            deadline=parse_deadline(text, hh_master.plan.year))
                    for n, text in enumerate(texts)]
    master = replace(hh_master, areas=[replace(area, tasks=[
        replace(task, deliverables=deliverables)])])
    data = json.loads(json.dumps(plan_to_dict(master), ensure_ascii=False))
    for t in data["areas"][0]["tasks"]:
        for d in t["deliverables"]:
            for part in d["parts"]:
                part.pop("piece", None)  # as stored before
    said_twice, listed = (d.deadline for d in plan_from_dict(data).deliverables())
    assert said_twice.pending_after(date(2023, 12, 12)) is None
    assert listed.pending_after(date(2023, 6, 10)) == date(2023, 12, 31)
