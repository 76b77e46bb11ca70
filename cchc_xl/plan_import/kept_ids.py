"""An amended plan imported over the plan in use keeps the ids of its tasks.

The office imports the amending document (văn bản sửa đổi, bổ sung) with ``--units``
the plan in use, or on the web app's Kế hoạch page. Ids are made from the document's
numbers ("TT"), and an amendment numbers its tasks again: a task dropped from the middle
gave the next task its id, and a task added at the end the id of the last one. The
ledger keys every answer by id, so the units' earlier answers (pre-filled in their next
files, a "done" carried to the next period, a period recounted) went to another task (a
QA pass). Here a task keeps the id it has in the plan in use when its content is the
same there (one such task in the same area), or the id of the task whose content it
nearly is (a word corrected, wherever the task now stands: :func:`_nearest`); any other
task whose id the plan in use gave to another task gets a new one, never given before.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

from ..findings import Finding
from ..model import Area, Master, Plan
from ..text import match_key, short_list
from ..vocab import NOTE
from .build import Built

_ALIKE = 0.8  # a word or two corrected in a task's content, not another task
_MOVED = 12  # places a task corrected may have moved in its area (tasks dropped, added)


def plan_in_use(units: str | Path | None, read: Master | None, plan: Plan) -> Master | None:
    """The plan in use, when the unit list given (``units``, read as ``read``:
    registry.load_units) is a plan of the same issuer and year as the one imported: this
    is its amendment, which keeps its tasks' ids and its periods (import_plan)."""
    if not units or read is None or read.plan.year != plan.year \
            or match_key(read.plan.authority) != match_key(plan.authority):
        return None
    return read


def keep_ids(built: Built, earlier: Master, file: str) -> list[Finding]:
    """Give the tasks and headings of ``built`` the ids of ``earlier``'s (see the module's
    docstring); the office's note of what was kept and renumbered."""
    was = {a.code: a for a in earlier.areas}
    taken = {i for a in earlier.areas for i in _ids(a)} | {i for a in built.areas
                                                           for i in _ids(a)}
    renamed: dict[str, str] = {}
    corrected: list[str] = []
    for area in built.areas:
        renamed.update(_area_ids(area, was.get(area.code), taken, corrected))
    renamed = {new: old for new, old in renamed.items() if new != old}
    if not (renamed or corrected):
        return []
    numbers = {r.id: r.number for a in built.areas for r in (*a.headings, *a.tasks)}
    _rename(built, renamed)
    before = {i for a in earlier.areas for i in _ids(a)}
    kept = [f"số {numbers[new]}: {old}" for new, old in renamed.items() if old in before]
    fresh = [f"số {numbers[new]}: {old}" for new, old in renamed.items() if old not in before]
    parts = []
    if kept:
        parts.append(f"{len(kept)} nhiệm vụ đổi số thứ tự giữ mã của bảng kế hoạch đang dùng "
                     f"({short_list(kept, 5, noun='nhiệm vụ')})")
    if fresh:
        parts.append(f"{len(fresh)} nhiệm vụ thêm vào có mã mới, không trùng mã nhiệm vụ "
                     f"nào đã có ({short_list(fresh, 5, noun='nhiệm vụ')})")
    if corrected:
        parts.append(f"{len(corrected)} nhiệm vụ sửa vài chữ của nội dung, giữ mã (xem lại: "
                     f"nếu là nhiệm vụ khác thay nhiệm vụ cũ, đổi mã): "
                     f"{short_list(corrected, 5, noun='nhiệm vụ')}")
    return [Finding(NOTE, "import-kept-ids", "văn bản sửa đổi, bổ sung kế hoạch đang dùng: "
                    + "; ".join(parts) + ", để số liệu các đơn vị đã báo cáo vẫn đi với "
                    "đúng nhiệm vụ", file=file)]


def _ids(area: Area) -> list[str]:
    return [h.id for h in area.headings] + [t.id for t in area.tasks]


def _area_ids(area: Area, before: Area | None, taken: set[str],
              corrected: list[str]) -> dict[str, str]:
    """New id -> the id it keeps or gets, for the area's headings and tasks; each task kept
    with its content corrected added to ``corrected`` ("TC-06: 'old' thành 'new'")."""
    rows = [("h", h.id, h.content) for h in area.headings] + [
        ("t", t.id, t.content) for t in area.tasks]
    old = [] if before is None else [("h", h.id, h.content) for h in before.headings] + [
        ("t", t.id, t.content) for t in before.tasks]
    by_content: dict[tuple[str, str], list[str]] = {}
    for kind, oid, content in old:
        by_content.setdefault((kind, match_key(content)), []).append(oid)
    given: dict[str, str] = {}
    for kind, nid, content in rows:
        same = by_content.get((kind, match_key(content)), [])
        if len(same) == 1 and same[0] not in given.values():
            given[nid] = same[0]
    old_content = {oid: (kind, content) for kind, oid, content in old}
    for nid, oid in _nearest(rows, old, given).items():
        given[nid] = oid  # the same task, a word of it corrected
        corrected.append(f"{oid}: '{_short(old_content[oid][1])}' thành "
                         f"'{_short(next(c for _, i, c in rows if i == nid))}'")
    for _, nid, _ in rows:
        if nid not in given and (nid in old_content or nid in given.values()):
            given[nid] = _fresh(area.code, nid, taken)
    return given


def _nearest(rows: list[tuple[str, str, str]], old: list[tuple[str, str, str]],
             given: dict[str, str]) -> dict[str, str]:
    """A word or two corrected: each row whose content the plan in use has not (and not
    given an id by it) -> the id of the task, among those whose content the amendment has
    not, whose content is nearly its own (:data:`_ALIKE`), when each is the other's
    nearest. Where it stands does not matter: a task dropped above it numbers it again
    (it had kept its id only when its number stayed, and was said to be added, a QA pass
    of amendments made at random)."""
    new_keys = {(kind, match_key(content)) for kind, _, content in rows}
    left_old = [(k, kind, oid, match_key(content)) for k, (kind, oid, content) in enumerate(old)
                if oid not in given.values() and (kind, match_key(content)) not in new_keys]
    left_new = [(k, kind, nid, match_key(content)) for k, (kind, nid, content) in enumerate(rows)
                if nid not in given]
    # A sub-task ("TC-06-2") only under the same heading: its id is its heading's. A task
    # moved by the tasks dropped and added above it, within :data:`_MOVED` places.
    scores = {(nid, oid): _likeness(new, was)
              for k, kind, nid, new in left_new for j, other, oid, was in left_old
              if kind == other and abs(k - j) <= _MOVED and _stem(nid) == _stem(oid)}
    alike = {pair: score for pair, score in scores.items() if score >= _ALIKE}
    best_old = {nid: max((p for p in alike if p[0] == nid), key=alike.get)
                for nid in {n for n, _ in alike}}
    best_new = {oid: max((p for p in alike if p[1] == oid), key=alike.get)
                for oid in {o for _, o in alike}}
    return {nid: pair[1] for nid, pair in best_old.items() if best_new[pair[1]] == pair}


def _likeness(a: str, b: str) -> float:
    """How alike two contents are (difflib's ratio), 0 when its quick upper bounds say
    less than :data:`_ALIKE` already: a plan issued anew over the plan in use compares
    every task with every one (300 by 300 took 27 s with the ratio alone)."""
    matcher = SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < _ALIKE or matcher.quick_ratio() < _ALIKE:
        return 0.0
    return matcher.ratio()


def _stem(tid: str) -> str:
    """A sub-task's heading's id ("TC-06" of "TC-06-2"); "" for a task or a heading."""
    return tid.rpartition("-")[0] if tid.count("-") > 1 else ""


def _short(content: str) -> str:
    words = content.split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def _fresh(code: str, nid: str, taken: set[str]) -> str:
    """An id never given: after the area's last ("TC-07"), or a sub-task's after its
    heading's last ("TC-06-3")."""
    stem = nid.rpartition("-")[0]
    numbers = [int(i[len(stem) + 1:]) for i in taken
               if i.startswith(stem + "-") and i[len(stem) + 1:].isdigit()]
    width = 2 if stem == code else 1
    new = f"{stem}-{max(numbers, default=0) + 1:0{width}d}"
    taken.add(new)
    return new


def _rename(built: Built, renamed: dict[str, str]) -> None:
    """Every id of ``built`` renamed at once (a task's products, a sub-task's parent)."""
    def one(did: str) -> str:
        tid, dot, rest = did.partition(".")
        return renamed.get(tid, tid) + dot + rest

    for area in built.areas:
        for h in area.headings:
            h.id = renamed.get(h.id, h.id)
        for t in area.tasks:
            t.id, t.parent = renamed.get(t.id, t.id), renamed.get(t.parent, t.parent)
            for d in t.deliverables:
                d.id = one(d.id)
    built.places = {one(k): v for k, v in built.places.items()}
    built.task_places = {renamed.get(k, k): v for k, v in built.task_places.items()}
    built.split = [tuple(one(i) for i in ids) for ids in built.split]
