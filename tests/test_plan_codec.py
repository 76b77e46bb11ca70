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
