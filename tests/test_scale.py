"""What keeps merge and split linear in units and files: the unit index, every unit's
rows in one pass, the ordered worker pool."""

from __future__ import annotations

import os

import pytest

from cchc_xl import assignment as A
from cchc_xl.model import Unit
from cchc_xl.pool import ordered_map


@pytest.mark.parametrize("which", ["hh_master", "nh_master"])
def test_rows_by_unit_is_assigned_rows_for_every_unit(which, request) -> None:
    master = request.getfixturevalue(which)
    by_unit = A.rows_by_unit(master)
    for unit in master.units:
        assert by_unit.get(unit.code, []) == A.assigned_rows(master, unit.code), unit.code
    assert [u.code for u, _ in A.assigned_units(master)] == [
        u.code for u in master.units if A.assigned_rows(master, u.code)]


def test_unit_lookup_follows_the_registry(hh_master) -> None:
    first = hh_master.units[0]
    assert hh_master.unit(first.code) is first
    assert not hh_master.has_unit("KHÔNG-CÓ")
    with pytest.raises(KeyError):
        hh_master.unit("KHÔNG-CÓ")
    added = Unit(code="MOI", name="Đơn vị mới")
    hh_master.units.append(added)
    try:
        assert hh_master.unit("MOI") is added
    finally:
        hh_master.units.remove(added)
    assert not hh_master.has_unit("MOI")


_FACTOR = None


def _set_factor(factor: int) -> None:
    global _FACTOR
    _FACTOR = factor


def _work(n: int) -> tuple[int, int]:
    return n * _FACTOR, os.getpid()


def test_ordered_map_keeps_order_and_uses_workers() -> None:
    results = list(ordered_map(_work, range(40), initializer=_set_factor, initargs=(3,),
                               processes=2, window=3))
    assert [value for value, _ in results] == [3 * n for n in range(40)]
    assert os.getpid() not in {pid for _, pid in results}
    # Few jobs run here, initializer included.
    assert [v for v, _ in ordered_map(_work, [1, 2], initializer=_set_factor,
                                      initargs=(5,))] == [5, 10]
