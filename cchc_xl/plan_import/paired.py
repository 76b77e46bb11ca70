"""Leads written one a line against products written one a line in the same row: "Kế
hoạch của UBND tỉnh" / "Báo cáo kết quả" led by "Sở Nội vụ" / "Các sở, ban, ngành".

When the products were split (each line its own deadline: :func:`.build._split_bullets`)
and the lead cell has as many lines, each naming units, each product is given the lead
on its line, and a note says so; the coordinators' cell likewise (otherwise its units
coordinate every product). When the product lines stayed one product (one
deadline), every lead keeps leading it, and a note says how to pair them (a note, not a
warning: the plan may mean both to lead, as the 2023 seed plans were counted).
"""

from __future__ import annotations

from ..findings import Finding
from ..model import Area, Deliverable
from ..roles import cell_roles
from ..text import one_line
from ..unit_names import opens_unit_name
from ..units import GROUP, UNIT, Registry
from ..vocab import LEAD, NOTE, SUPPORT
from .build import ITEM_MARK, Built, list_items


def _lines(text: str) -> list[str]:
    return [x for x in text.split("\n") if x.strip()]


def _names_units(line: str, registry: Registry, known: set[tuple[str, str]]) -> bool:
    """True when a line of a lead cell names units or groups and nothing else: each
    known before the plan was read, or opening as a unit's name does ("Sở Nội vụ"),
    never a name cut over two lines ("Văn phòng UBND" / "tỉnh"), nor names followed by
    what they do ("UBND cấp xã: thực hiện rà soát")."""
    if ":" in line:
        return False
    res = registry.resolve(line)
    return bool(res.pieces) and all(
        p.kind in (UNIT, GROUP) and ((p.kind, p.ref) in known or opens_unit_name(p.text))
        for p in res.pieces)


def _units_by_line(text: str, count: int, registry: Registry,
                   known: set[tuple[str, str]], column: str = LEAD) -> list[str] | None:
    """The ``count`` lines of a lead (or ``column``'s) cell, each its units' names (without
    a bullet), when it has that many and each names units; None otherwise, or when its
    words say roles ("Sở Nội vụ (chủ trì)" / "Sở Tư pháp": one lead and a coordinator)."""
    lines = _lines(text)
    if count < 2 or len(lines) != count or cell_roles(text, column) is not None:
        return None
    names = list_items(lines)
    if not all(_names_units(name, registry, known) for name in names):
        return None
    return names


# Each column's cell, its words in the notes, and the note said.
_COLUMNS = ((LEAD, "lead_text", "chủ trì", "giao cho đơn vị chủ trì",
             NOTE, "import-leads-paired"),
            (SUPPORT, "support_text", "phối hợp", "có đơn vị phối hợp",
             NOTE, "import-coordinators-paired"))


def pair_leads(areas: list[Area], built: Built, registry: Registry,
               known: set[tuple[str, str]], file: str) -> list[Finding]:
    """Each product split from one cell given the lead, and the coordinators, on its line,
    where the lead (coordinators') cell has a line for each; ``known``: the (kind, code)
    of the units and groups the registry had before the plan's names were added. Returns
    what was done, and a note for a product whose lines match its lead's and stayed one
    product."""
    by_id = {d.id: d for a in areas for d in a.deliverables()}
    found: list[Finding] = []
    paired: set[str] = set()
    for ids in built.split:
        products = [by_id[i] for i in ids if i in by_id]
        if len(products) != len(ids):
            continue
        for column, attr, role, given, severity, code in _COLUMNS:
            text = getattr(products[0], attr)
            if any(getattr(d, attr) != text for d in products):
                continue
            names = _units_by_line(text, len(products), registry, known, column)
            if names is None:
                continue
            for d, name in zip(products, names, strict=True):
                setattr(d, attr, name)
            if column == LEAD:
                paired.update(ids)
            found.append(Finding(
                severity, code,
                f"ô {role} ghi {len(names)} dòng như {len(names)} dòng của ô sản phẩm: mỗi "
                f"sản phẩm {given} cùng dòng ("
                + "; ".join(f"'{one_line(d.product)}': {name}" for d, name in zip(
                    products, names, strict=True))
                + f"); nếu các đơn vị cùng {role} mọi sản phẩm, sửa ở cột {role} của bảng kế "
                "hoạch", file=file, place=built.places.get(ids[0], "")))
    for d in by_id.values():
        if d.id not in paired and (said := _unpaired(d, registry, known)):
            found.append(Finding(NOTE, "import-leads-by-line", said, file=file,
                                 place=built.places.get(d.id, "")))
    return found


def _unpaired(d: Deliverable, registry: Registry, known: set[tuple[str, str]]) -> str:
    """What to say of a product whose cell has a line for each line of its lead cell,
    read as one product (no deadline of its own on each line): every lead leads it."""
    items = _lines(d.product)
    if not (all(ITEM_MARK.match(x) for x in items) or all(x.strip()[:1].isupper() for x in items)):
        return ""
    names = _units_by_line(d.lead_text, len(items), registry, known)
    if names is None:
        return ""
    n = len(names)
    return (f"ô chủ trì có {n} dòng như {n} dòng của ô sản phẩm, nhưng ô thời hạn không "
            "ghi mỗi dòng một thời hạn nên các dòng là một sản phẩm: đã giao cả "
            f"{' và '.join(names)} cùng chủ trì sản phẩm '{one_line(d.product)}'"
            f"; nếu mỗi đơn vị chủ trì sản phẩm cùng dòng, tách thành {n} sản phẩm trong "
            "bảng kế hoạch (mỗi sản phẩm một dòng, ghi thời hạn và chủ trì của mình), hoặc "
            "ghi mỗi dòng của ô thời hạn một thời hạn rồi nhập lại")
