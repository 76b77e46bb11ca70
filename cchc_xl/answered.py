"""Which of a period's files still ask something, and of which refused files a later
file of the unit took care: one rule for every place that counts or lists the period's
problems (the merge's summary, the consolidated workbook's "Tổng hợp" and "Vấn đề"
sheets, ``merge --json``, the feedback letters and the web app's Thu nhận).

A unit whose file was refused (left unfilled, another period's) and which then sent a
corrected file that was taken has nothing left to do about the refused one: its errors
are history, no longer among the period's problems (a QA pass: the merge still said
"Vấn đề: 5 lỗi" of it while the board showed the unit with none and no letter chased it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .assignment import IdentityConflict
from .intake.file_names import FileNames
from .model import Master
from .submission import Submission, answered_by
from .vocab import ACCEPTED, MOVED, REJECTED, SUPERSEDED, WITHDRAWN


def answered_refusals(subs: Iterable[Submission], master: Master,
                      shown: Callable[[str], str] | None = None) -> dict[int, Submission]:
    """The refused files of the period a counted file of their unit answers
    (:func:`answered_by`: sent after the refusal), each (by the refused file's id) with
    the file that answers it.

    Whose a refused file is: its unit, when the merge knew it; for one of no unit (no
    identity, one that could not be trusted), what its identity (of this plan) and its
    name (as split names files, or the name of the unit's counted file) say, all one
    unit: a file that says no unit, or two, is answered by none. A file of another plan
    or year is never answered. ``shown`` names a file as the office knows it (the web
    app: the name it was uploaded by; default: its path)."""
    subs = list(subs)
    counted = {s.unit.casefold(): s for s in subs if s.outcome == ACCEPTED and s.unit}
    refused = [s for s in subs if s.outcome == REJECTED and not s.other_plan]
    if not counted or not refused:
        return {}
    names = FileNames(master) if any(not s.unit for s in refused) else None
    found = {}
    for sub in refused:
        said = {sub.unit.casefold()} if sub.unit else _said(sub, shown, counted, names)
        kept = counted.get(said.pop()) if len(said) == 1 else None
        if kept is not None and answered_by(kept, sub):
            found[sub.id] = kept
    return found


def _said(sub: Submission, shown: Callable[[str], str] | None,
          counted: dict[str, Submission], names: FileNames | None) -> set[str]:
    """The units (codes casefolded) a refused file of no unit says it is of: none for
    one whose identity gives two units in its different places (``identity-conflict``
    on the unit, its ``identity_unit`` one of them: the merge could not tell whose it
    is, nor can this; one giving two periods of one unit is that unit's)."""
    two_units = IdentityConflict.opening("unit")
    if any(p.code == "identity-conflict" and two_units in p.message for p in sub.problems):
        return set()

    def name_of(path: str) -> str:
        return Path(shown(path) if shown else path).name

    name = name_of(sub.path)
    said = {sub.identity_unit.casefold()} if sub.identity_unit else set()
    if names is not None and (named := names.named(name)) is not None:
        said.add(named.code.casefold())
    return said | {code for code, kept in counted.items()
                   if name_of(kept.path).casefold() == name.casefold()}


def stands(outcome: str, answered: bool) -> bool:
    """Whether a file's problems are among the period's problems now: not a file
    replaced by a later one, withdrawn or gone to its own period (``MOVED``), nor a
    refused file a later one answered (:func:`answered_refusals`)."""
    return outcome not in (SUPERSEDED, WITHDRAWN, MOVED) and not answered
