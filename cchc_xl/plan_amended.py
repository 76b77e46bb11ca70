"""What an amended plan changes for a period, told to the office.

The office may amend the plan mid-year, after a period was merged or its files were made
(a task added, deleted or given another lead, a deadline moved, a unit added, renamed,
taken off or merged with another). It is told what that changes for a period: for its
figures (:func:`plan_changes`, with units that may be one renamed or several merged into
one), for its unit files, whose to send again (:func:`files_changed`, Giao việc and
``split --force``), and what ``merge`` and ``split --ledger`` say of it
(:func:`amended_since`, :func:`kept_since`, :func:`split_kept`, :func:`split_since`). A
returned file issued before the plan was edited is plan_edits'.
"""

from __future__ import annotations

import functools

from . import assignment as A
from .model import Master, Period, Unit
from .text import match_key, short_list

LISTED = 5  # tasks, units and rows a sentence of the plan's change names; the rest counted
task_list = functools.partial(short_list, limit=LISTED, separator=", ", noun="nhiệm vụ")


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
            parts.append(f"{label} {len(ids)} nhiệm vụ ({task_list(ids)})")
    codes_before = {u.code for u in before.units}  # once: a province has 2,000 units
    units = [u.name for u in now.units if u.code not in codes_before]
    if units:
        parts.append(f"thêm {len(units)} đơn vị ({short_list(units, LISTED)})")
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
            parts.append(f"{label} {len(names)} đơn vị ({short_list(names, LISTED)})")
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

