"""Build a master workbook from a transcription in JSON (how the seed plans were
entered): ``source/plan.json`` (plan, areas, tasks, products as written) and
``source/units.json`` (the unit registry and groups).

    python scripts/build_seed_master.py workbooks/hoang-hoa-2023

Writes ``master.xlsx`` in that folder through the master template. Task ids are
the area code and the printed task number ("TTHC-09"), products after the first
get ".2", ".3"...; the default reporting periods of the plan year are added.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from cchc_xl.deadlines import parse_deadline
from cchc_xl.master import write_master
from cchc_xl.model import Area, Deliverable, Group, Master, Plan, Task, Unit
from cchc_xl.periods import default_periods
from cchc_xl.plan_import.build import number_ids
from cchc_xl.vocab import SUPPORT


def load(folder: Path) -> Master:
    plan_src = json.loads((folder / "source" / "plan.json").read_text(encoding="utf-8"))
    units_src = json.loads((folder / "source" / "units.json").read_text(encoding="utf-8"))
    p = plan_src["plan"]
    plan = Plan(authority=p["authority"], title=p["title"], year=p["year"], number=p["number"],
                issued=date.fromisoformat(p["issued"]) if p["issued"] else None,
                attachment=p["attachment"], appendix_title=p["appendix_title"],
                code=folder.name, named_support=p.get("named_support", SUPPORT))
    areas = []
    for a in plan_src["areas"]:
        area = Area(code=a["code"], title=a["title"], sheet=a["sheet"], heading=a["heading"])
        ids = number_ids(a["code"], [t["number"] for t in a["tasks"]])
        for tid, t in zip(ids, a["tasks"], strict=True):
            task = Task(id=tid, number=t["number"], content=t["content"])
            for k, d in enumerate(t["deliverables"]):
                task.deliverables.append(Deliverable(
                    id=tid if k == 0 else f"{tid}.{k + 1}", product=d["product"],
                    deadline=parse_deadline(d["deadline"], plan.year),
                    funding=d.get("funding", ""), note=t.get("note", "") if k == 0 else "",
                    lead_text=d.get("lead", t["lead"]),
                    support_text=d.get("support", t["support"])))
            area.tasks.append(task)
        areas.append(area)
    units = [Unit(u["code"], u["name"], u["kind"], u.get("aliases", []), u.get("groups", []))
             for u in units_src["units"]]
    groups = [Group(g["code"], g["name"], g.get("spellings", []), g.get("kinds", []),
                    g.get("members", []), g.get("note", "")) for g in units_src["groups"]]
    return Master(plan=plan, units=units, groups=groups, periods=default_periods(plan.year),
                  areas=areas)


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    print(write_master(load(folder), folder / "master.xlsx"))
