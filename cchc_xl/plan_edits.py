"""When the plan changed after a unit's file was issued.

The office may edit the plan after splitting it (a lead unit corrected, a deadline
moved, a task added) while units fill the files they were given. Such a file shows the
plan as it was: its plan cells differ from the plan now, though the unit touched none
of them. Split records a digest of those cells as issued (``Identity.shown``, over
:data:`~cchc_xl.assignment.PLAN_CELLS`); a file whose cells still give it was not
edited there, so each difference is the plan's change, told to the office once
(``plan-changed-since-issued``), not to the unit as its edit (``readonly-edited``), and
rows cannot have been sorted apart; a row of a task no longer the unit's is told as
such, not as a row to delete. Tasks given to the unit since its file was issued are
named too: they count as not reported, and the unit has no row for them. A row the unit
coordinates whose "Vai trò" names the lead as issued, another since, is the plan's edit
too: its answers count, nothing to send again (``PlanEdits.lead_changed``).

What an amended plan changes for a period, for its figures and its files, is
plan_amended's; the tasks and rows are named as it names them (``task_list``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from . import assignment as A
from .intake import ReturnedFile
from .plan_amended import LISTED, task_list
from .vocab import ROLE_LABELS, SUPPORT
from .xlio import vn_time


@dataclass
class PlanEdits:
    """What a file shows of the plan against the plan now."""

    # Whether its plan cells are as split issued them (issued_as_shown), worked out when
    # first asked: a file whose plan cells all read as the plan now gives them never asks
    # (the digest of every row's cells was 7% of a file's row checks).
    shown_as_issued: Callable[[], bool]
    changed: dict[str, list[str]] = field(default_factory=dict)  # task id -> columns
    new_tasks: list[str] = field(default_factory=list)
    given: set[str] = field(default_factory=set)  # the tasks the file was issued with
    taken_away: list[str] = field(default_factory=list)  # given then, not the unit's now
    # task id -> its "Vai trò" now, of a row the unit coordinates whose cell names the
    # lead units as issued, others since (A.role_as_issued: not the unit's edit)
    lead_changed: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def issued_as_shown(self) -> bool:
        """Whether its plan cells are as split issued them."""
        return self.shown_as_issued()

    def message(self, rf: ReturnedFile) -> str:
        """The office's sentence ("" when the plan did not change for this file)."""
        if not self.changed and not self.new_tasks and not self.taken_away:
            return self._leads_alone(rf)
        parts = []
        if self.changed:
            rows = [f"{did}: " + ", ".join(f"'{c}'" for c in cols)
                    for did, cols in list(self.changed.items())[:LISTED]]
            more = len(self.changed) - len(rows)
            parts.append(f"{len(self.changed)} dòng của tệp ghi theo kế hoạch trước khi sửa ("
                         + "; ".join(rows) + (f"; và {more} dòng khác" if more > 0 else "")
                         + "), đơn vị không sửa các ô đó")
        if self.taken_away:
            parts.append(f"{len(self.taken_away)} nhiệm vụ nay không còn giao cho đơn vị "
                         f"({task_list(self.taken_away)}): kết quả đơn vị báo cáo ở đó không "
                         "được tính")
        if self.new_tasks:
            parts.append(f"{len(self.new_tasks)} nhiệm vụ mới giao cho đơn vị không có trong "
                         f"tệp ({task_list(self.new_tasks)}), được tính là chưa báo cáo")
        if self.lead_changed:
            parts.append(self._leads_part())
        return (_issued_words(rf) + ": " + "; ".join(parts)
                + ". Kết quả được tính theo kế hoạch hiện hành; nếu cần, tách lại và gửi đơn vị "
                "tệp mới")

    def _leads_part(self) -> str:
        """The rows the unit coordinates whose lead changed: the file names the lead as
        it was, the answers count all the same (a QA pass: a lead unit changed, the
        coordinator's file still said "Phối hợp với" the old one and nothing said so)."""
        rows = [f"{did}: nay '{now}'" for did, now in list(self.lead_changed.items())[:LISTED]]
        more = len(self.lead_changed) - len(rows)
        return (f"{len(self.lead_changed)} dòng đơn vị phối hợp ghi đơn vị chủ trì trước khi "
                "sửa (" + "; ".join(rows) + (f"; và {more} dòng khác" if more > 0 else "")
                + "): kết quả đơn vị báo cáo ở đó vẫn được tính đúng, không cần gửi lại tệp vì "
                "việc này")

    def _leads_alone(self, rf: ReturnedFile) -> str:
        """The sentence when only the lead of rows the unit coordinates changed: nothing
        to send again ("" when nothing changed)."""
        if not self.lead_changed:
            return ""
        return (_issued_words(rf) + ": " + self._leads_part() + "; nếu cần, báo đơn vị biết "
                "đơn vị chủ trì mới để phối hợp")


def _issued_words(rf: ReturnedFile) -> str:
    """"bảng kế hoạch đã sửa sau khi giao tệp này (giao lúc …)"."""
    ident = rf.identity.identity if rf.identity else None
    issued = vn_time(ident.issued_at) if ident and ident.issued_at else ""
    return "bảng kế hoạch đã sửa sau khi giao tệp này" + (f" (giao lúc {issued})" if issued
                                                            else "")


# A row's line of the digest, by its cells' values: the files of a merge share rows (the
# communes of a province: a 0.27 ms digest per file, once per distinct row instead).
_cached_line = functools.lru_cache(maxsize=1 << 14)(A.digest_line)


def _line(did: str, values: tuple) -> str:
    try:
        return _cached_line(did, values)
    except TypeError:  # a value that cannot be a key (no reader gives one): made again
        return A.digest_line(did, values)


def _plan_values(cells: dict) -> tuple:
    """A row's plan cells' values, in PLAN_CELLS order (None: blank, or a column the sheet
    lacks, as ReturnedRow.cell gives it)."""
    return tuple([None if cell is None else cell.value for cell in map(cells.get, A.PLAN_CELLS)])


def plan_edits(rf: ReturnedFile, assigned: dict[str, A.AssignedRow],
               role_now: Callable[[A.AssignedRow], str] | None = None) -> PlanEdits:
    """Whether ``rf``'s plan cells are as issued (its identity's digest), and the tasks
    ``assigned`` to its unit now that it was not given (its identity's row list); with
    ``role_now`` (the "Vai trò" split writes now for a unit's row: PlanIndex.readonly's),
    the rows it coordinates whose "Vai trò" names the lead units as issued, not as they
    are now."""
    reading = rf.identity
    ident = reading.identity if reading else None
    if ident is None:
        return PlanEdits(lambda: False)
    rows = rf.rows

    def shown() -> bool:
        return bool(ident.shown) and A.lines_digest(
            _line(r.id, _plan_values(r.cells)) for r in rows if r.id) == ident.shown

    # The row list, when the identity is whole (its checksum holds).
    given = {did.casefold() for did in ident.rows} if reading.checksum_ok else set()
    new = [did for did in assigned if did.casefold() not in given] if given else []
    # Only a file whose plan cells are as issued: its "Vai trò" is split's, not the unit's
    # (the digest worked out only for a file with such a row: issued_as_shown).
    changed = _leads_changed(rf, assigned, role_now)
    return PlanEdits(shown, new_tasks=new, given=given,
                     lead_changed=changed if changed and shown() else {})


def _leads_changed(rf: ReturnedFile, assigned: dict[str, A.AssignedRow],
                   role_now: Callable[[A.AssignedRow], str] | None) -> dict[str, str]:
    """The rows of ``rf`` (its cells as issued) its unit coordinates whose "Vai trò" is
    not what split writes now (A.role_text): their lead units changed since."""
    if role_now is None:
        return {}
    changed = {}
    for r in rf.rows:
        ar = assigned.get(r.id) if r.id else None
        if ar is None or ar.role != SUPPORT or r.id in changed:
            continue
        written = r.cell(A.COL_ROLE).value
        # A coordinator's row as issued, naming its leads (not a lead's row made a
        # coordinator's: 'Vai trò' changed, said apart; nor one issued before the cell
        # named the leads: whom it worked with is unsaid).
        if not isinstance(written, str) or written.strip() == ROLE_LABELS[SUPPORT] \
                or not A.role_as_issued(written.strip(), SUPPORT):
            continue
        now = role_now(ar)
        if written.strip() != now:
            changed[r.id] = now
    return changed
