"""Groups the import added that would leave a product with no lead: "các tổ dân phố"
written alone in a commune's lead cell is a group of units no list names, so the
product has nobody to lead it and the plan table does not load (lead-missing).

Such a group is written as one unit of its name (kind Khác), which takes the work and
the file; a warning says so and how to list the group's own units instead. A group the
registry had before the plan was read (a template's, last year's) is the user's and
stays as it is.
"""

from __future__ import annotations

from ..findings import Finding
from ..master.areas import product_leads
from ..model import Area, Group, Unit
from ..text import capitalized, match_key
from ..units import GROUP, Registry
from ..vocab import KIND_LABELS, LEAD, OTHER, SUPPORT, WARNING
from .registry import group_not_listed, insert_unit
from .unit_codes import unit_code


def _unled_groups(areas: list[Area], registry: Registry, known: set[tuple[str, str]],
                  places: dict[str, str], named_support: str) -> dict[str, tuple[str, str]]:
    """The codes of the groups added from the plan that hold no unit and name a product
    that has no lead (as the plan table is read: master.areas.product_leads), each with
    the place of its first such product and how that product's cell writes the group
    ("Trưởng thôn" for the group "Các thôn")."""
    found: dict[str, tuple[str, str]] = {}
    for d in (d for a in areas for d in a.deliverables()):
        lead_res = registry.resolve(d.lead_text, LEAD)
        support_res = registry.resolve(d.support_text, SUPPORT)
        if product_leads(lead_res, support_res, named_support) or lead_res.unresolved:
            continue
        for p in lead_res.pieces + support_res.pieces:
            if p.kind == GROUP and not p.units and (GROUP, p.ref) not in known:
                found.setdefault(p.ref, (places.get(d.id, ""), p.text))
    return found


def groups_leading_as_units(areas: list[Area], units: list[Unit], groups: list[Group],
                            known: set[tuple[str, str]], places: dict[str, str],
                            found: list[Finding], file: str,
                            named_support: str = SUPPORT) -> list[Finding]:
    """Each group added from the plan that a product's lead cell names alone and that
    holds no unit, made a unit of its name (its other spellings kept); ``known``: the
    (kind, code) of the units and groups the registry had before the plan's names were
    added. Returns ``found``, the import's findings so far, each such group's
    "import-group-added" replaced by a warning that says what was done."""
    unled = _unled_groups(areas, Registry(units, groups), known, places, named_support)
    for group in [g for g in groups if g.code in unled]:
        said = tuple(group_not_listed(n) for n in (group.name, *group.spellings))
        found = [f for f in found
                 if not (f.code == "import-group-added" and f.message.startswith(said))]
        groups.remove(group)
        place, written = unled[group.code]
        # "các tổ dân phố" written in a sentence is named "Các tổ dân phố" in the lists.
        unit = Unit(code=unit_code(group.name, OTHER, {u.code: u.name for u in units}),
                    name=capitalized(group.name), kind=OTHER, aliases=list(group.spellings))
        insert_unit(units, unit)
        # Named for the places when the cell wrote a title ("Trưởng thôn": "Các thôn").
        named = f" '{unit.name}'" if match_key(unit.name) != match_key(written) else ""
        found.append(Finding(
            WARNING, "import-group-as-unit",
            f"'{written}' chủ trì nhiệm vụ nhưng là nhóm chưa có đơn vị nào trong danh sách: "
            f"đã thêm như một đơn vị{named} (mã {unit.code}, loại "
            f"'{KIND_LABELS[OTHER]}') để nhận việc và tệp báo cáo; nếu nhóm gồm những đơn vị "
            "cụ thể, thêm các đơn vị ấy vào trang 'Đơn vị', lập nhóm ở trang 'Nhóm' rồi xóa "
            f"dòng {unit.code} ở trang 'Đơn vị'", file=file, place=place))
    return found
