"""Which plan a period's issued files (giao-KỲ) were made from, as Giao việc asks it:
whether they were made from another plan than the one in use, told by the manifest
split wrote beside them (its plan, the plan file's SHA-256 and its content's digest),
not by file times, so that a copied data folder says the same."""

from __future__ import annotations

from datetime import datetime

from ..assignment import assigned_units
from ..errors import CchcError
from ..folder_names import OLD_MASTERS
from ..master import load_master
from ..model import Master
from ..plan_codec import plan_digest
from ..text import short_list
from ..xlio import file_sha256
from .earlier import replaced_at
from .workspace import Workspace


def files_outdated(ws: Workspace, manifest: dict) -> bool:
    """Whether the period's files were made from another plan than the one in use:
    another plan; or another plan's content, however it got there (uploaded on the Kế
    hoạch page, copied into the data folder, written by a command): split records
    the SHA-256 of the plan file and of its content (plan_codec.plan_digest) in the
    manifest; a manifest with the file's alone is told by it. A manifest written before it did
    so: this plan replaced since on the Kế hoạch page (the newest master kept in
    ke-hoach-cu/ was put aside after the files were issued). Read from contents and
    the manifest, not file times, so that a copied data folder says the same."""
    state = ws.master_state()
    if state is None or state.master is None:
        return False
    if manifest.get("plan") != state.master.plan.key:
        return True
    made_from = manifest.get("plan_sha256")
    if made_from == state.master.sha256:
        return False
    # The same plan written again (imported again from the same document: its
    # workbook's saved time differs) is the same plan.
    content = manifest.get("plan_digest")
    if content:
        return content != plan_digest(state.master)
    if made_from:
        return True
    try:
        issued = datetime.fromisoformat(str(manifest.get("issued_at", "")))
    except ValueError:
        return False
    replaced = master_replaced_at(ws)
    # issued_at is to the second: a plan put in that second of the split came before.
    return replaced is not None and replaced.replace(microsecond=0) > issued


def master_replaced_at(ws: Workspace) -> datetime | None:
    """When the master in use replaced the one before it (the stamp of the newest
    ke-hoach-cu/ file); None when it replaced none."""
    stamps = [replaced_at(kept.name) for kept in
              (ws.root / OLD_MASTERS).glob("ke-hoach-*.xlsx")]
    return max((s for s in stamps if s is not None), default=None)


_NAMED = 10  # units named in each list of files_to_send_again; the rest counted


def files_to_send_again(ws: Workspace, manifest: dict, made: bool = False) -> str:
    """What the plan in use changes for the period's issued files, made from a plan it
    replaced on the Kế hoạch page (kept in ke-hoach-cu/, found by the manifest's SHA-256):
    the units whose files differ (their tasks, roles, deadlines), to make again and send
    again; those given work since, to send a file; those left with none, whose file no
    longer counts; how many are as they were (``made``: said once the files were made
    again from the plan in use, of the files made before). "" when that plan is not
    kept, or nothing differs. The files may have gone out before the amendment: the
    page said "nhiệm vụ, đơn vị trong đó có thể đã khác", not whose (a QA pass)."""
    state = ws.master_state()
    before = _issued_plan(ws, manifest)
    if before is None or state is None or state.master is None:
        return ""
    now = state.master
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
    return "Theo bảng kế hoạch đang dùng, " + "; ".join(parts) + "."


def _issued_plan(ws: Workspace, manifest: dict) -> Master | None:
    """The kept plan the period's files were made from (its file's SHA-256 the
    manifest's), None when none is kept or it cannot be read."""
    made_from = manifest.get("plan_sha256")
    if not made_from:
        return None
    for path in sorted((ws.root / OLD_MASTERS).glob("ke-hoach-*.xlsx"), reverse=True):
        if file_sha256(path) == made_from:
            try:
                return load_master(path)
            except CchcError:
                return None
    return None


def _files_of(master: Master) -> dict[str, list[tuple]]:
    """Each unit's file by what it shows of the plan (split's units: those given work, in
    the unit sheet's order): its rows' tasks, roles, contents, products, deadlines and
    leads (a coordinator's row names the lead)."""
    return {unit.code: [(r.area.code, r.task.number, r.task.content, r.deliverable.id,
                         r.role, r.deliverable.product, r.deliverable.deadline.raw,
                         tuple(r.deliverable.lead)) for r in rows]
            for unit, rows in assigned_units(master)}
