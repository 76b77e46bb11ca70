"""Which plan a period's issued files (giao-KỲ) were made from, as Giao việc asks it:
whether they were made from another plan than the one in use, told by the manifest
split wrote beside them (its plan, the plan file's SHA-256 and its content's digest),
not by file times, so that a copied data folder says the same."""

from __future__ import annotations

from datetime import datetime

from ..errors import CchcError
from ..folder_names import OLD_MASTERS
from ..master import load_master
from ..model import Master
from ..plan_amended import files_changed
from ..plan_codec import plan_digest
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


def files_to_send_again(ws: Workspace, manifest: dict, made: bool = False) -> str:
    """What the plan in use changes for the period's issued files, made from a plan it
    replaced on the Kế hoạch page (kept in ke-hoach-cu/, found by the manifest's SHA-256):
    :func:`~cchc_xl.plan_amended.files_changed` (the command line's split says the same).
    "" when that plan is not kept, or nothing differs. The files may have gone out before
    the amendment: the page said "nhiệm vụ, đơn vị trong đó có thể đã khác", not whose (a
    QA pass)."""
    state = ws.master_state()
    before = _issued_plan(ws, manifest)
    if before is None or state is None or state.master is None:
        return ""
    return files_changed(before, state.master, made)


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
