"""The master workbook: reading it into a :class:`~cchc_xl.model.Master`, checking
it, and writing one from a model through the template in ``templates/``.

- :mod:`.layout`: sheet names, header spellings, cell vocabularies (read and write);
- :mod:`.reader`: one sheet table read while collecting findings;
- :mod:`.read`: the plan, unit, group and period sheets, and :func:`read_master`;
- :mod:`.areas`: one reform-area sheet (tasks, products, units, deadlines);
- :mod:`.memo`: a plan of the same bytes read once a process (the web app reads one
  plan table several times as it is put in place);
- :mod:`.check`: :func:`check_master` (every finding), :func:`load_master` (or raise),
  :func:`examine_master` (both from one reading);
- :mod:`.write`: :func:`write_master` and :func:`init_master` (:func:`plan_year`, a new
  plan's default year).

Layout (the template shows it, and the office may restyle it freely):

- "Kế hoạch": one row per plan field, label in column A, value in column B.
- "Đơn vị": the unit registry (code, name, kind, aliases, groups).
- "Nhóm": names that stand for many units and how they expand.
- "Kỳ báo cáo": reporting periods (code, name, start, cut-off, due date).
- One sheet per reform area, in the plan's order: A1 "Mã lĩnh vực" with the code in
  B1, the full title in B2 and the appendix heading in B3, then a table with one row
  per product. Rows whose id shares the part before the dot ("TC-01", "TC-01.2")
  are one task; continuation rows may leave TT, content and units blank.

Columns are found by their header text, so they may be reordered or restyled.
Every sheet, header spelling and code ``check`` reports: docs/master-format.md.
"""

from .check import check_master, examine_master, load_master
from .layout import parse_kind
from .read import read_master
from .write import init_master, name_commune_offices, name_offices_for, plan_year, write_master

__all__ = ["check_master", "examine_master", "init_master", "load_master",
           "name_commune_offices", "name_offices_for", "parse_kind", "plan_year", "read_master",
           "write_master"]
