"""The plan's units as the Kế hoạch page lists them ("Xem N đơn vị"): each unit with the
rows it leads and coordinates in its file (assignment.unit_loads), those given none
named under the list, and a box to find a unit by its code or name.

Counted and rendered once per version of the plan table (its content hash), as the
list of tasks is (plan_tasks): a national plan's 2,000 units were counted twice on each
visit to the page (assignment.rows_by_unit, for the list and for whether any unit has a
file to make), 0.2-0.3 s a view (docs/performance.md, "The web app's pages at province
and national size"), and listed without a search."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from ..assignment import unit_loads
from ..model import Master
from .per_plan import PerPlanVersion

TEMPLATE = "plan_units.html"
TABLE_ID = "plan-units"  # the table's id, which its search box names


@dataclass(frozen=True)
class Units:
    """The page's section listing the units, and whether any unit is given a row."""

    shown: Markup
    assigned: bool


_KEPT: PerPlanVersion[Units] = PerPlanVersion()


def listed(master: Master, env: jinja2.Environment) -> Units:
    """The units' section of ``master``, counted and rendered once per version of the
    plan table (``master.sha256``, the file it was read from) and kept."""
    def make() -> Units:
        loads = unit_loads(master)
        return Units(Markup(env.get_template(TEMPLATE).render(loads=loads, table_id=TABLE_ID)),
                     any(lead or support for _, lead, support in loads))

    return _KEPT.get(master, env, make)
