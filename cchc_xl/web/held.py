"""A plan table uploaded (or imported from a plan document) to replace the plan in use,
checked and held until the office says yes.

The Kế hoạch page asks "Thay bảng kế hoạch đang dùng...?" only of a file that passed
the check, and with what the check found (its plan, its tasks, its errors): a file that
cannot be read, that is no plan, or that has errors while a usable plan is in use is
refused at once, with its reason and no question. Each held file is in a folder of its
own, named by a random token the page's address carries (?thay=...), so that two tabs
never answer for each other's file; a file not answered is removed a day later. A table
uploaded again, the same byte for byte as one held and not answered, is not held twice
(:func:`hold_once`): the page asks once, and says the second upload is waiting.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import clock
from ..data_folder import HELD_DIR
from ..findings import SOURCE_PLACE, Finding, count
from ..issuer import running_plan
from ..model import Master
from ..temporary import remove_folder
from ..vocab import ERROR, NOTE, WARNING
from ..xlio import file_sha256

_TOKEN = re.compile(r"[0-9a-f]{16}")
_ABOUT = "kiem-tra.json"  # beside the held file: its own name and the check's result
_TAKEN = ".dang-thay"  # a held file's folder once an answer has taken it
KEPT_SECONDS = 24 * 3600  # a held file not answered within a day is removed
SHOWN_MAX = 50  # of a held file's errors and warnings, listed with the question
# One upload at a time looks for its copy among the files held and holds itself: the same
# table sent from two tabs at once is held once.
_HOLDING = threading.Lock()


@dataclass
class Held:
    """A checked plan waiting for the office's answer: where it is, the name the
    office's computer gave it, and what the check found (shown with the question)."""

    token: str
    path: Path
    original: str
    title: str
    authority: str
    year: int | None
    areas: int
    tasks: int
    units: int
    periods: int
    errors: int
    warnings: int
    other_plan: bool
    # Its errors and warnings, as the page lists them (severity, sheet, cell, message):
    # the check's list on the page is the plan in use's.
    findings: list[dict] = field(default_factory=list)
    # Imported from a document: what importing it found (kept with the plan once in
    # place, as an import's), and what to say then; None for a table uploaded.
    imported: list[dict] | None = None
    done: str = ""
    units_from_plan_in_use: bool = False  # imported with the units of the plan in use
    checked_at: str = ""  # when, "13:20 04/12/2026" (two uploads of one name told apart)

    @property
    def import_notes(self) -> list[dict]:
        """What importing the document noted (not errors or warnings, listed with the
        check's): listed with the question as the plan page lists them once in place,
        each where in the document its row came from (the check's too, as they are
        listed with the question: "bảng 2, dòng 3")."""
        return [{**f, "place": str(f.get("place") or "").removeprefix(SOURCE_PLACE)}
                for f in self.imported or [] if f.get("severity") == NOTE]


def hold(app_dir: Path, upload: Path, original: str, master: Master | None,
         findings: list[Finding], imported: list[dict] | None = None, done: str = "",
         units_from_plan_in_use: bool = False) -> str:
    """Keep the checked ``upload`` (moved) until the office answers; its token.
    ``imported`` and ``done``: a plan imported from a document (:class:`Held`)."""
    forget_old(app_dir)
    token = secrets.token_hex(8)
    place = app_dir / HELD_DIR / token
    place.mkdir(parents=True)
    shutil.move(str(upload), place / upload.name)
    with contextlib.suppress(OSError):
        upload.parent.rmdir()
    plan = running_plan(master.plan) if master is not None else None
    about = {"original": original, "file": upload.name,
             "title": plan.title if plan else "", "authority": plan.authority if plan else "",
             "year": plan.year if plan else None,
             "areas": len(master.areas) if master else 0,
             "tasks": len(master.tasks()) if master else 0,
             "units": len(master.units) if master else 0,
             "periods": len(master.periods) if master else 0,
             "errors": count(findings, ERROR), "warnings": count(findings, WARNING),
             "plan_key": master.plan.key if master is not None else "",
             "findings": [{"severity": f.severity, "sheet": f.sheet, "cell": f.cell,
                           "place": f.place, "code": f.code, "message": f.message}
                          for f in findings if f.severity in (ERROR, WARNING)][:SHOWN_MAX],
             "imported": imported, "done": done,
             "units_from_plan_in_use": units_from_plan_in_use,
             "checked_at": f"{clock.now():%H:%M %d/%m/%Y}"}
    (place / _ABOUT).write_text(json.dumps(about, ensure_ascii=False), encoding="utf-8")
    return token


def hold_once(app_dir: Path, upload: Path, original: str, master: Master | None,
              findings: list[Finding]) -> tuple[str, Held | None]:
    """A plan table uploaded, held as :func:`hold` holds it, unless a table the same byte
    for byte is held already and not answered: then ``upload`` is removed and that one's
    token is given with it (the page asks once per distinct table: the same file uploaded
    twice asked "Thay bảng kế hoạch đang dùng?" twice, a QA pass). A plan imported from
    a document is never taken for a copy (its question says what importing found)."""
    digest = file_sha256(upload)
    with _HOLDING:
        for waiting in pending(app_dir):
            if waiting.imported is None and _same(waiting.path, digest):
                upload.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    upload.parent.rmdir()
                return waiting.token, waiting
        return hold(app_dir, upload, original, master, findings), None


def waiting_sentence(name: str, earlier: Held) -> str:
    """Said of a table uploaded (``name``) while the same one, byte for byte, waits for
    the office's answer (``earlier``, as :func:`hold_once` gives it): not asked twice."""
    same = "" if name == earlier.original else f" (giống hệt tệp “{earlier.original}”)"
    when = f" lúc {earlier.checked_at}" if earlier.checked_at else ""
    return (f"Tệp “{name}”{same} đã tải lên{when}, đang chờ trả lời: trả lời câu hỏi “Thay "
            "bảng kế hoạch đang dùng?” ở đầu trang.")


def _same(path: Path, digest: str) -> bool:
    try:
        return file_sha256(path) == digest
    except OSError:  # answered meanwhile
        return False


def held(app_dir: Path, token: object, in_use: str | None = None) -> Held | None:
    """The file held under ``token``; None for no such token (answered already, removed,
    or not one of ours: the token is never taken as a path). ``other_plan`` against the
    plan in use now (``in_use``, its key), which another tab may have changed since the
    file was held."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    place = app_dir / HELD_DIR / token
    try:
        about = json.loads((place / _ABOUT).read_text(encoding="utf-8"))
        path = place / Path(str(about["file"])).name
        if not path.is_file():
            return None
        return Held(token, path, str(about["original"]), str(about["title"]),
                    str(about["authority"]), about.get("year"), int(about["areas"]),
                    int(about["tasks"]), int(about["units"]), int(about["periods"]),
                    int(about["errors"]), int(about["warnings"]),
                    bool(in_use and about.get("plan_key") and about["plan_key"] != in_use),
                    [dict(f) for f in about.get("findings", []) if isinstance(f, dict)],
                    [dict(f) for f in imported if isinstance(f, dict)]
                    if isinstance(imported := about.get("imported"), list) else None,
                    str(about.get("done") or ""),
                    about.get("units_from_plan_in_use") is True,
                    str(about.get("checked_at") or ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pending(app_dir: Path, in_use: str | None = None) -> list[Held]:
    """Every file held and not answered, newest first (the page asks each until it is
    answered or a day has passed: a question left for another page, or by an import
    the office went away from, stays asked)."""
    folder = app_dir / HELD_DIR
    try:
        places = [(place.stat().st_mtime, place.name) for place in folder.iterdir()
                  if _TOKEN.fullmatch(place.name)]
    except OSError:
        return []
    found = (held(app_dir, token, in_use) for _, token in sorted(places, reverse=True))
    return [waiting for waiting in found if waiting is not None]


def take(app_dir: Path, token: object) -> Held | None:
    """The file held under ``token``, taken for the office's answer: its folder renamed
    at once, so that the same answer sent twice (a second click, another tab) finds
    nothing the second time rather than a file the first one is putting in place. None
    as :func:`held` (answered already, removed, not one of ours)."""
    waiting = held(app_dir, token)
    if waiting is None:
        return None
    place = waiting.path.parent
    taken = place.with_name(f"{waiting.token}{_TAKEN}")
    try:
        place.rename(taken)
    except OSError:  # taken by the other answer meanwhile
        return None
    return replace(waiting, token=taken.name, path=taken / waiting.path.name)


def drop(app_dir: Path, token: str) -> None:
    """Remove the file held under ``token`` (answered, either way; a taken one too)."""
    if _TOKEN.fullmatch(token.removesuffix(_TAKEN)):
        remove_folder(app_dir / HELD_DIR / token)


def drop_copies(app_dir: Path, in_place: Path) -> None:
    """Remove the held files the same, byte for byte, as the plan just put in place
    (``in_place``): the same table uploaded twice, "Thay" answered to one, leaves the
    other nothing to replace (the page asked it again, of the table now in use)."""
    try:
        digest = file_sha256(in_place)
    except OSError:
        return
    for waiting in pending(app_dir):
        if _same(waiting.path, digest):
            drop(app_dir, waiting.token)


def forget_old(app_dir: Path) -> None:
    """Remove the held files nobody answered for a day (a tab closed on the question)."""
    folder = app_dir / HELD_DIR
    if not folder.is_dir():
        return
    before = time.time() - KEPT_SECONDS
    for place in folder.iterdir():
        with contextlib.suppress(OSError):
            if place.stat().st_mtime < before:
                remove_folder(place)
