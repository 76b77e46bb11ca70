"""The table by unit's ranking (report/ranking.py), rule by rule: by completion rate,
then fewer overdue tasks, then how the file came back; ties share a rank; units leading
nothing are not ranked and come last; offices and communes ranked apart only when both
kinds are ranked."""

from __future__ import annotations

from cchc_xl.model import Unit
from cchc_xl.report.ranking import OFFICES_GROUP, UnitStat, rank_units
from cchc_xl.report.summary import Counts
from cchc_xl.vocab import COMMUNE, DEPARTMENT, RETURN_LATE, RETURN_MISSING, RETURN_ON_TIME


def _stat(code: str, done: int, tasks: int, overdue: int = 0,
          returned: str = RETURN_ON_TIME) -> UnitStat:
    return UnitStat(code, code, Counts(tasks=tasks, done=done, overdue=overdue), 0, None,
                    returned)


def _ranked(stats: list[UnitStat], units: list[Unit]) -> list[tuple[str, int | None, str]]:
    rank_units(stats, units)
    return [(s.code, s.rank, s.group) for s in stats]


def test_ties_are_broken_by_overdue_tasks_then_by_the_return():
    stats = [_stat("A", 1, 2, overdue=1), _stat("B", 1, 2), _stat("C", 1, 2, returned=RETURN_LATE),
             _stat("D", 1, 2, returned=RETURN_LATE), _stat("E", 0, 0, returned=RETURN_MISSING),
             _stat("F", 0, 2, returned=RETURN_MISSING), _stat("G", 2, 2)]
    units = [Unit(s.code, s.code, DEPARTMENT) for s in stats]
    assert _ranked(stats, units) == [
        ("G", 1, ""), ("B", 2, ""),
        ("C", 3, ""), ("D", 3, ""),  # the same in every figure: one rank, plan order
        ("A", 5, ""),  # as many done, one overdue
        ("F", None, ""),  # sent nothing: not ranked (a QA pass: all silent were rank 1)
        ("E", None, "")]  # leads nothing: not ranked, after every ranked unit


def test_offices_and_communes_are_ranked_apart_only_when_both_are_ranked():
    units = [Unit("NV", "Phòng Nội vụ", DEPARTMENT), Unit("X1", "Xã Một", COMMUNE),
             Unit("X2", "Xã Hai", COMMUNE)]
    both = [_stat("NV", 1, 2), _stat("X1", 1, 2), _stat("X2", 2, 2)]
    assert _ranked(both, units) == [("NV", 1, OFFICES_GROUP), ("X2", 1, "UBND các xã"),
                                    ("X1", 2, "UBND các xã")]
    # An office that leads nothing makes no group of its own: one list of communes.
    one = [_stat("NV", 0, 0), _stat("X1", 1, 2), _stat("X2", 2, 2)]
    assert _ranked(one, units) == [("X2", 1, ""), ("X1", 2, ""), ("NV", None, "")]


def test_units_whose_report_is_not_in_are_not_ranked():
    """166 communes that sent nothing, all at 0%, were "Xếp hạng 1" over eight pages (a
    QA pass): a unit that sent nothing, or whose every file was refused, is not ranked;
    one that reported nothing done is."""
    from cchc_xl.vocab import RETURN_REJECTED

    stats = [_stat("X1", 0, 2, returned=RETURN_MISSING), _stat("X2", 0, 2),
             _stat("X3", 0, 2, returned=RETURN_REJECTED), _stat("X4", 0, 2, returned=RETURN_LATE)]
    units = [Unit(s.code, s.code, COMMUNE) for s in stats]
    assert _ranked(stats, units) == [("X2", 1, ""), ("X4", 2, ""), ("X1", None, ""),
                                     ("X3", None, "")]


def test_units_with_nothing_due_yet_are_not_ranked_and_follow_the_ranked():
    """A unit whose every led task is due after the cut-off, none done, is not ranked (its
    "0,00%" ranked it among units that did nothing, in a signed report); it comes after
    the ranked units of its group, before those whose report is not in."""
    stats = [_stat("A", 0, 2, returned=RETURN_MISSING), _stat("B", 0, 1), _stat("C", 0, 2),
             _stat("D", 1, 2)]
    stats[1].not_due = True
    units = [Unit(s.code, s.code, DEPARTMENT) for s in stats]
    assert _ranked(stats, units) == [("D", 1, ""), ("C", 2, ""), ("B", None, ""),
                                     ("A", None, "")]
    assert [s.rate_text for s in stats] == ["50,00%", "0,00%", "Chưa đến hạn", "0,00%"]
