"""Units of last year's master (``--units``) that the new plan no longer names: a unit
renamed or merged away since ("Phòng Văn hóa - Xã hội" of 2026, gone in 2027) stayed on
the list as a member of "Các phòng chuyên môn", so a task given to that group gave it a
2027 file showing "Chưa gửi" all year, and nobody was told (a QA pass).

Said once, naming them, for a unit last year's plan named by its name and this year's
names only through a group. Quiet where it would be noise: the communes and wards (a
province's plan gives work to "UBND các xã, phường" and never names its 100+ one by
one); a plan that names nobody one by one (every unit then gets work through a group);
a unit last year's plan did not name either (a template's sở, reached through "Các sở,
ban, ngành" both years: nothing says it changed; without this, the test suite's plans
imported again as next year's named such units for 18 of 73, a province's ten sở and
more); a document of the same year (an amendment names only what it changes).
"""

from __future__ import annotations

from ..findings import Finding
from ..model import Master
from ..text import short_list
from ..units import GROUP, UNIT, Registry
from ..vocab import COMMUNE, LEAD, SUPPORT, WARNING


def _reached(registry: Registry, texts: list[tuple[str, str]]
             ) -> tuple[set[str], dict[str, list[str]]]:
    """The codes ``texts`` (a cell's text, its column) name one by one (by name or
    another spelling), and those they reach through a group, each with the names of
    its groups."""
    named: set[str] = set()
    grouped: dict[str, list[str]] = {}
    for text, column in texts:
        for piece in registry.resolve(text, column).pieces:
            if piece.kind == UNIT:
                named.update(piece.units)
            elif piece.kind == GROUP:
                for code in piece.units:
                    by = grouped.setdefault(code, [])
                    if (name := registry.groups[piece.ref].name) not in by:
                        by.append(name)
    return named, grouped


def _cells_of(master: Master) -> list[tuple[str, str]]:
    return [(text, column) for d in master.deliverables()
            for text, column in ((d.lead_text, LEAD), (d.support_text, SUPPORT)) if text]


def only_through_groups(last: Master | None, year: int, registry: Registry,
                        cells: list[tuple[str, str]], file: str) -> list[Finding]:
    """A warning naming the units of ``last`` (the master given with --units, of an
    earlier year than ``year``) that its plan named by name and the new plan's ``cells``
    (lead and coordinators' texts, read with ``registry``: the units and groups the
    import ends with) reach only through a group; none when there are none."""
    if last is None or last.plan.year >= year:
        return []
    named, grouped = _reached(registry, [(text, LEAD) for text, _ in cells])
    communes = {code for code, u in registry.units.items() if u.kind == COMMUNE}
    if not named - communes:
        return []  # a plan naming nobody one by one: every unit gets work through a group
    before, _ = _reached(Registry(last.units, last.groups), _cells_of(last))
    gone = [u for u in last.units if u.kind != COMMUNE and u.code in before
            and u.code in grouped and u.code not in named and u.code in registry.units]
    if not gone:
        return []
    groups = list(dict.fromkeys(g for u in gone for g in grouped[u.code]))
    return [Finding(
        WARNING, "import-units-unnamed",
        "đơn vị của bảng năm trước không được kế hoạch này ghi tên, chỉ nhận việc qua nhóm "
        + ", ".join(f"'{g}'" for g in groups) + " ("
        + short_list([f"{u.code} '{u.name}'" for u in gone], limit=8, separator=", ")
        + "): nếu đã sáp nhập, giải thể hoặc đổi tên, xóa dòng đơn vị đó ở trang 'Đơn vị' "
        "(hoặc ghi tên mới vào cột 'Tên đơn vị', giữ mã) trước khi tạo tệp giao", file=file)]
