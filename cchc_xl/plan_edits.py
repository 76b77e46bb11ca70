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

The office is told, too, what an amended plan changes for a period: for its figures
(:func:`plan_changes`, with units that may be one renamed or several merged into one),
for its unit files, whose to send again (:func:`files_changed`, Giao việc and ``split
--force``), and what ``merge`` and ``split --ledger`` say of it (:func:`amended_since`,
:func:`kept_since`, :func:`split_kept`, :func:`split_since`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from . import assignment as A
from .intake import ReturnedFile
from .model import Master, Period, Unit
from .text import match_key, short_list
from .vocab import ROLE_LABELS, SUPPORT
from .xlio import vn_time

_LISTED = 5  # rows and new tasks named; the rest are counted
_tasks = functools.partial(short_list, limit=_LISTED, separator=", ", noun="nhiệm vụ")


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
                    for did, cols in list(self.changed.items())[:_LISTED]]
            more = len(self.changed) - len(rows)
            parts.append(f"{len(self.changed)} dòng của tệp ghi theo kế hoạch trước khi sửa ("
                         + "; ".join(rows) + (f"; và {more} dòng khác" if more > 0 else "")
                         + "), đơn vị không sửa các ô đó")
        if self.taken_away:
            parts.append(f"{len(self.taken_away)} nhiệm vụ nay không còn giao cho đơn vị "
                         f"({_tasks(self.taken_away)}): kết quả đơn vị báo cáo ở đó không "
                         "được tính")
        if self.new_tasks:
            parts.append(f"{len(self.new_tasks)} nhiệm vụ mới giao cho đơn vị không có trong "
                         f"tệp ({_tasks(self.new_tasks)}), được tính là chưa báo cáo")
        if self.lead_changed:
            parts.append(self._leads_part())
        return (_issued_words(rf) + ": " + "; ".join(parts)
                + ". Kết quả được tính theo kế hoạch hiện hành; nếu cần, tách lại và gửi đơn vị "
                "tệp mới")

    def _leads_part(self) -> str:
        """The rows the unit coordinates whose lead changed: the file names the lead as
        it was, the answers count all the same (a QA pass: a lead unit changed, the
        coordinator's file still said "Phối hợp với" the old one and nothing said so)."""
        rows = [f"{did}: nay '{now}'" for did, now in list(self.lead_changed.items())[:_LISTED]]
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


def amended_since(before: Master, now: Master, period: Period) -> str:
    """The office's sentence when ``now``, the plan a merge of ``period`` counts with,
    is not the plan its previous merge counted with (``before``): what changed for the
    period's figures, and how to keep them as they were ("" when nothing did)."""
    parts = plan_changes(before, now)
    if not parts:
        return ""
    # The period by its name (a QA pass: the web app said "kỳ 9T"); its code only as the
    # command line's --period.
    return (f"bảng kế hoạch đã sửa sau lần gộp trước của kỳ {period.in_sentence} ("
            + "; ".join(parts) + "): số liệu kỳ này nay tính theo bảng kế hoạch đã sửa, khác "
            "lần gộp trước; muốn giữ số liệu kỳ này như đã báo cáo, gộp lại kỳ này (--period "
            f"{period.code}) với bảng kế hoạch trước khi sửa")


def kept_since(before: Master, now: Master, period: Period, recount: str) -> str:
    """The office's sentence when a merge of ``period``, whose report is due, counts with
    the plan its previous merge counted with (``before``), not with ``now``, the plan
    it was given: what ``now`` would change, that the figures stay as counted, and how to
    count them with ``now`` instead (``recount``: the command line's option). Following
    the advice to merge a late file into an earlier period dropped that period's counted
    answers of every task and unit the amendment took off (a QA pass: the answers of two
    sở merged into one, in Quý I)."""
    parts = plan_changes(before, now) or ["không khác nhiệm vụ, đơn vị nào của kỳ này"]
    return (f"kỳ {period.in_sentence} đã qua hạn gửi báo cáo nên được gộp theo bảng kế hoạch "
            "của lần gộp trước, không theo bảng kế hoạch ghi trong lệnh (bảng này đã sửa: "
            + "; ".join(parts) + "): số liệu đã gộp của kỳ này giữ nguyên, tệp nộp thêm cũng "
            "được tính theo bảng kế hoạch của lần gộp trước. Nếu bảng đã sửa là để sửa một chỗ "
            f"nhầm và cần tính lại kỳ này theo bảng đó: {recount}")


def split_kept(kept: Master, now: Master, period: Period, recount: str) -> str:
    """The office's sentence when the files of ``period``, whose report is due, are made
    from the plan its merges count with (``kept``), not from ``now``, the plan given to
    split: what ``now`` would change, and why the files follow the period's plan. Made
    from ``now``, Quý I's files went to a unit its merge refused, and the units whose
    files it counts were told theirs no longer count (a QA pass of a plan amended after
    Quý I). ``recount``: how the office recounts the period with ``now`` (the command
    line's words)."""
    parts = plan_changes(kept, now) or ["không khác nhiệm vụ, đơn vị nào của kỳ này"]
    return (f"kỳ {period.in_sentence} đã qua hạn gửi báo cáo nên tệp được tạo theo bảng kế "
            "hoạch của lần gộp trước của kỳ này, như lệnh merge gộp các tệp của kỳ, không theo "
            "bảng kế hoạch ghi trong lệnh (bảng này đã sửa: " + "; ".join(parts) + "). Nếu "
            f"bảng đã sửa là để sửa một chỗ nhầm: {recount}")


def split_since(before: Master, now: Master, merged: Period, period: Period) -> str:
    """The office's sentence when ``period``'s files are made from ``now`` and the period
    before it, ``merged``, was counted with ``before``: what the amendment changed
    (:func:`plan_changes`: units left without work, whose file is no longer asked for;
    units merged into a new one, whose file has none of their answers pre-filled); ""
    when nothing did for the figures. The command line's split with --ledger said
    nothing of it (a QA pass of a plan amended after Quý I)."""
    parts = plan_changes(before, now)
    if not parts:
        return ""
    return (f"bảng kế hoạch đã sửa sau khi gộp kỳ {merged.in_sentence} (" + "; ".join(parts)
            + f"): tệp kỳ {period.in_sentence} giao theo bảng đã sửa")


def plan_changes(before: Master, now: Master) -> list[str]:
    """What differs for a period's figures between the plan it was counted with
    (``before``) and ``now``: "thêm 1 nhiệm vụ (…)", "đổi đơn vị chủ trì 2 nhiệm vụ
    (…)", "thêm 1 đơn vị (…)", "bỏ 1 đơn vị (…)", "đổi tên 1 đơn vị (A thành B)"; empty
    when nothing does; a unit that may be renamed, or units merged into one, said too."""
    was = {d.id: d for d in before.deliverables()}
    new = {d.id: d for d in now.deliverables()}
    parts = []
    for label, ids in (
            ("thêm", [did for did in new if did not in was]),
            ("bỏ", [did for did in was if did not in new]),
            ("đổi đơn vị chủ trì", [did for did in new if did in was
                                    and new[did].lead != was[did].lead]),
            ("đổi đơn vị phối hợp", [did for did in new if did in was
                                     and new[did].support != was[did].support]),
            ("đổi thời hạn", [did for did in new if did in was
                              and new[did].deadline.raw != was[did].deadline.raw])):
        if ids:
            parts.append(f"{label} {len(ids)} nhiệm vụ ({_tasks(ids)})")
    codes_before = {u.code for u in before.units}  # once: a province has 2,000 units
    units = [u.name for u in now.units if u.code not in codes_before]
    if units:
        parts.append(f"thêm {len(units)} đơn vị ({short_list(units, _LISTED)})")
    # A unit that had work and has none now: its report no longer counts for the period
    # (taken off the unit sheet, or every task given to others). One renamed is shown by
    # its new name.
    named_now, working_now, working_before = ({u.code: u.name for u in now.units},
                                              _work(now).keys(), _work(before).keys())
    gone = [u for u in before.units if u.code in working_before
            and u.code not in working_now]
    for label, names in (
            ("bỏ", [u.name for u in gone if u.code not in named_now]),
            ("không còn giao nhiệm vụ cho", [u.name for u in gone if u.code in named_now]),
            ("đổi tên", [f"{u.name} thành {named_now[u.code]}" for u in before.units
                         if u.code in working_now and named_now[u.code] != u.name])):
        if names:
            parts.append(f"{label} {len(names)} đơn vị ({short_list(names, _LISTED)})")
    for old, new in renamed_units(before, now):
        parts.append(f"{coded(old)} và {coded(new)} có thể là một đơn vị đổi tên (mã mới "
                     "là một đơn vị khác: tệp giao cho nó không điền sẵn số liệu đã báo cáo "
                     "theo mã cũ)")
    for olds, new in merged_units(before, now):
        parts.append(" và ".join(map(coded, olds)) + f" có thể đã hợp nhất thành {coded(new)}"
                     ", mã mới là một đơn vị khác: tệp giao cho nó không điền sẵn số liệu các "
                     "đơn vị cũ đã báo cáo")
    return parts


_NAMED = 10  # units named in each list of files_changed; the rest counted


def files_changed(before: Master, now: Master, made: bool = False,
                  by: str = "bảng kế hoạch đang dùng") -> str:
    """What ``now`` changes for a period's unit files made from ``before``: the units
    whose files differ (their tasks, roles, deadlines, leads), to make again and send
    again; those given work since, to send a file; those left with none, whose file no
    longer counts; how many are as they were (``made``: said once the files were made
    again from ``now``, of the files made before). "" when nothing differs. ``by`` names
    ``now`` (the web app's plan in use; the command line's plan table). The Giao việc
    page and ``cchc-xl split --force`` say it (a QA pass of a plan amended mid-year: the
    office could not tell which units to send a new file)."""
    was, will = _files_of(before), _files_of(now)
    names = {**{u.code: u.name for u in before.units}, **{u.code: u.name for u in now.units}}
    changed = [names[c] for c in will if c in was and will[c] != was[c]]
    added = [names[c] for c in will if c not in was]
    gone = [names[c] for c in was if c not in will]
    if not (changed or added or gone):
        return ""
    same = sum(1 for c in will if c in was and will[c] == was[c])

    def these(units: list[str]) -> str:
        return "các đơn vị này" if len(units) > 1 else "đơn vị này"

    parts = []
    if changed:
        parts.append(f"tệp của {len(changed)} đơn vị khác với tệp "
                     + ("tạo lần trước" if made else "đã tạo")
                     + f" ({short_list(changed, _NAMED)}): "
                     + ("" if made else "tạo lại rồi ") + "gửi lại tệp mới cho " + these(changed))
    if added:
        parts.append(f"{len(added)} đơn vị nay mới được giao nhiệm vụ ("
                     f"{short_list(added, _NAMED)}): gửi tệp cho {these(added)}")
    if gone:
        parts.append(f"{len(gone)} đơn vị không còn được giao nhiệm vụ ("
                     f"{short_list(gone, _NAMED)}): tệp đã gửi cho {these(gone)} không còn "
                     "được tính, báo để đơn vị không phải gửi lại")
    if same:
        parts.append(f"tệp của {same} đơn vị còn lại không đổi, không cần gửi lại")
    return f"Theo {by}, " + "; ".join(parts) + "."


def _files_of(master: Master) -> dict[str, list[tuple]]:
    """Each unit's file by what it shows of the plan (split's units: those given work, in
    the unit sheet's order): its rows' tasks, roles, contents, products, deadlines and
    leads (a coordinator's row names the lead)."""
    return {unit.code: [(r.area.code, r.task.number, r.task.content, r.deliverable.id,
                         r.role, r.deliverable.product, r.deliverable.deadline.raw,
                         tuple(r.deliverable.lead)) for r in rows]
            for unit, rows in A.assigned_units(master)}


def merged_units(before: Master, now: Master) -> list[tuple[list[Unit], Unit]]:
    """The units ``now`` added (a new code) that may be two or more of ``before``'s merged
    into one, each of those left with no work: "Sở Xây dựng và Công Thương" for "Sở Xây
    dựng" and "Sở Công Thương" (a mid-year amendment merging two sở). The office was told
    of a unit added and two dropped, nothing of the new unit's file having none of their
    answers pre-filled (a QA pass). A unit's name (or another spelling of it) within the
    new one's, and no other new unit's; two at least (one is renamed_units')."""
    codes_before = {u.code for u in before.units}
    work_before, work_now = _work(before), _work(now)
    gone = [u for u in before.units if u.code in work_before and u.code not in work_now]
    added = [u for u in now.units if u.code not in codes_before and u.code in work_now]
    within = {old.code: [new for new in added if _words_within(old, new)] for old in gone}
    merged = []
    for new in added:
        olds = [old for old in gone if [n.code for n in within[old.code]] == [new.code]]
        if len(olds) >= 2:
            merged.append((olds, new))
    return merged


def coded(unit: Unit) -> str:
    """A unit as the office finds it in the 'Đơn vị' sheet: “name” (mã code)."""
    return f"“{unit.name}” (mã {unit.code})"


def renamed_units(before: Master, now: Master) -> list[tuple[Unit, Unit]]:
    """The units of ``before`` that had work and have none in ``now``, each with the
    unit ``now`` added (a new code) that may be it under a new name: an amended plan
    writing "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã" for "Đoàn Thanh niên xã" gets a
    new unit, so the office was told of a unit added and one left without work, and the
    unit's answers were no longer pre-filled, its history cut, with no word on why. A
    pair when one's name (or another spelling of it) has every word of the other's, or
    both are of one kind with the same tasks in the same roles; and only when each is
    the other's only such unit (two offices renamed alike are left to the office)."""
    codes_before = {u.code for u in before.units}
    work_before, work_now = _work(before), _work(now)
    gone = [u for u in before.units if u.code in work_before and u.code not in work_now]
    added = [u for u in now.units if u.code not in codes_before and u.code in work_now]
    if not gone or not added:
        return []
    like = {(old.code, new.code) for old in gone for new in added
            if _words_within(old, new) or (old.kind == new.kind
                                           and work_before[old.code] == work_now[new.code])}
    return [(old, new) for old in gone for new in added if (old.code, new.code) in like
            and sum(1 for o, _ in like if o == old.code) == 1
            and sum(1 for _, n in like if n == new.code) == 1]


def _words_within(a: Unit, b: Unit) -> bool:
    """Whether a spelling of ``a`` has every word of one of ``b``'s, or the other way."""
    words_a, words_b = ([set(match_key(n).split()) for n in (u.name, *u.aliases)]
                        for u in (a, b))
    return any(x <= y or y <= x for x in words_a for y in words_b if x and y)


def _work(master: Master) -> dict[str, set[tuple[str, str]]]:
    """Each unit's work in ``master``: (task, "lead" or "support"), by its code."""
    work: dict[str, set[tuple[str, str]]] = {}
    for d in master.deliverables():
        for role, codes in (("lead", d.lead), ("support", d.support)):
            for code in codes:
                work.setdefault(code, set()).add((d.id, role))
    return work

