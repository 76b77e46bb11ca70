"""The data folder replaced by a backup, in place, from the plan page (pages/restore.py).

The command restores into a new folder only (:mod:`cchc_xl.restore`); the office's
specialist, who uses no terminal, restores in the app over the folder it serves. So
that nothing is lost by a wrong restore:

* the backup is checked whole first, with the command's rule and words
  (:func:`cchc_xl.restore.check_whole`);
* the folder as it is is backed up first (:func:`cchc_xl.backup.write_backup`) into the
  app's folder (:data:`BEFORE_RESTORE`, left out of later backups), a ZIP named with the
  date and time, which the page offers for download: restoring it undoes the restore;
* the backup is restored into a new folder beside the data folder
  (:func:`cchc_xl.restore.restore_backup`: written whole, or nothing), the app's own
  things that are no part of a backup carried into it
  (:data:`cchc_xl.swapped.CARRIED`: the session key, the logins ended, the backups
  kept for download), and the two folders swapped while the ledger's lock is
  held as a merge holds it: one exchange of names where the system has it (Linux's
  ``renameat2``), else two renames, the first undone if the second fails. On any failure
  before the swap the data folder is as it was; the folder swapped out is then removed.
  The app killed between the two renames leaves the data folder under a hidden name
  beside its own, said so by a note in it: the next start, or the next command given the
  folder, puts it back (:func:`cchc_xl.swapped.put_back_cut`).

The web app's jobs are one at a time (web/jobs.py): the restore is one of them, asked for
only when no other runs or waits, and the forms that would start one are refused while it
runs (:attr:`cchc_xl.web.jobs.JobRunner.closed`). What the pages keep in memory is keyed
by the content of the files it was read from (the plan's SHA-256, the files' content keys:
web/figures.py, per_plan.py, other_plans.py, office_files.py, earlier.py), so the restored
folder's files are read afresh.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import clock
from ..backup import Progress, backup_name, made_at_said, plans_said, write_backup
from ..backup_check import Checked
from ..bounds import MAX_FILE_BYTES, ratio_over, size_text
from ..data_folder import APP_DIR, BEFORE_RESTORE
from ..errors import CchcError, OutputError, system_words
from ..folder_names import MASTER_NAME
from ..issuer import running_plan
from ..ledger import LEDGER_NAME
from ..ledger.copy import periods_held, plans_held
from ..ledger.lock import ledger_lock
from ..master import read_master
from ..model import Plan
from ..restore import check_whole, restore_backup
from ..swapped import carry, drop_note, exchange, note_swap, swap_note
from ..temporary import remove_folder, temporary_beside
from ..xlio import content_key

# The backups made before each restore kept: the newest, so many. Each is the whole
# folder (a year's archive of returns: hundreds of MB), and one was written at every
# restore, none ever removed; the oldest beyond these goes once a restore is done (never
# before: a restore that fails removes nothing), the question before it naming it.
KEPT_BEFORE = 5
LEDGER_WRITTEN = ("sổ cái vừa được một chương trình khác ghi trong lúc sao lưu thư mục trước "
                  "khi khôi phục: chưa khôi phục gì, thư mục làm việc giữ nguyên")
NOT_SWAPPED = ("không thay được thư mục làm việc bằng bản khôi phục ({}): chưa khôi phục gì, "
               "thư mục làm việc giữ nguyên")


@dataclass
class Period:
    """A period's merged files in a ledger: its name, how many."""

    name: str
    submissions: int


@dataclass
class Contents:
    """What a data folder or a backup holds, as the question names it: its plans, the
    periods with files merged, the files merged; a backup's, the codes of the plans it
    holds as the pages will use it (its plan table's; without one, its ledger's)."""

    plans: str = ""
    periods: list[Period] = field(default_factory=list)
    made_at: str = ""  # a backup's: when it was made, as people read it
    keys: list[str] = field(default_factory=list)

    @property
    def submissions(self) -> int:
        return sum(p.submissions for p in self.periods)

    def as_dict(self) -> dict:
        return {"plans": self.plans, "made_at": self.made_at, "keys": self.keys,
                "periods": [[p.name, p.submissions] for p in self.periods]}

    @classmethod
    def from_dict(cls, data: dict) -> Contents:
        return cls(str(data.get("plans") or ""),
                   [Period(str(n), int(c)) for n, c in data.get("periods") or []],
                   str(data.get("made_at") or ""),
                   [str(k) for k in data.get("keys") or []])


def plan_held(plan: Plan) -> dict:
    """A plan as a ledger's copy lists it (:func:`cchc_xl.ledger.copy.plans_held`): its
    code, year, title and authority as the pages write them."""
    shown = running_plan(plan)
    return {"key": plan.key, "year": plan.year, "title": shown.title,
            "authority": shown.authority}


def folder_contents(root: Path, plan: str) -> Contents:
    """What the data folder ``root`` holds; ``plan``: the plan in use, as named."""
    db = root / LEDGER_NAME
    if not db.is_file():
        return Contents(plan)
    return Contents(plan or plans_said(plans_held(db)),
                    [Period(name, n) for name, n in periods_held(db)])


def backup_contents(checked: Checked, scratch: Path) -> Contents:
    """What the backup ``checked`` holds: its ledger read from a copy in ``scratch``
    (removed after); its plan the one of its plan table (the pages use it once restored),
    else its ledger's. A folder whose ledger holds no file merged yet (the plan put in
    use, the units' files made) has no plan in its ledger: the question said "Kế hoạch:
    không có" of it, and could not say it was another plan than the one in use."""
    manifest = checked.manifest
    plans = [p for p in manifest.get("plans") or [] if isinstance(p, dict)] \
        if isinstance(manifest.get("plans"), list) else []
    periods: list[Period] = []
    if LEDGER_NAME in (manifest.get("databases") or []):
        copy = scratch / LEDGER_NAME
        try:
            with zipfile.ZipFile(checked.path) as zf, zf.open(LEDGER_NAME) as src, \
                    open(copy, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
            periods = [Period(name, n) for name, n in periods_held(copy)]
            plans = plans_held(copy) or plans  # with their authority (an older manifest's
            # plans have none)
        except (OSError, KeyError, zipfile.BadZipFile):
            periods = []
        finally:
            with suppress(OSError):
                copy.unlink()
    table = _plan_table(checked.path, scratch)
    # The plan the pages use once restored: its plan table's. Its ledger may hold the plan
    # in use too (last year's ledger carried on into this year's plan), which is not it.
    keys = [table["key"]] if table else sorted({str(p.get("key")) for p in plans})
    return Contents(plans_said([table] if table else plans), periods,
                    made_at_said(manifest.get("made_at")), keys)


def _plan_table(backup: Path, scratch: Path) -> dict | None:
    """The plan of the backup's plan table (:data:`MASTER_NAME`), read from a copy in
    ``scratch`` (removed after) by the master reader, bounded as a plan uploaded is (its
    size in the ZIP's directory first, then :func:`cchc_xl.xlio.open_workbook`: what it
    is by its bytes, :func:`cchc_xl.bounds.whole_refusal`); None when it has none, or
    none that reads."""
    copy = scratch / MASTER_NAME
    try:
        with zipfile.ZipFile(backup) as zf:
            info = zf.getinfo(MASTER_NAME)
            if info.file_size > MAX_FILE_BYTES or ratio_over(info) is not None:
                return None
            with zf.open(info) as src, open(copy, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
        return plan_held(read_master(copy)[0].plan)
    except (OSError, KeyError, zipfile.BadZipFile, CchcError):
        return None
    finally:
        with suppress(OSError):
            copy.unlink()


def before_restore_name(plan_key: str | None, when: datetime) -> str:
    """The name of the backup made before a restore: the backup's, with the seconds
    (two restores in a minute each keep theirs)."""
    name = backup_name(plan_key, when).removeprefix("cchc-sao-luu-")
    return f"cchc-truoc-khoi-phuc-{name.removesuffix('.zip')}{when:%S}.zip"


def kept_before(app_dir: Path) -> list[Path]:
    """The backups made before each restore, newest first."""
    folder = app_dir / BEFORE_RESTORE
    try:
        return sorted((p for p in folder.glob("*.zip") if p.is_file()),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []


def dropped_next(app_dir: Path) -> list[Path]:
    """The backups made before a restore that the next restore removes (its own is
    kept, with the newest :data:`KEPT_BEFORE` - 1 of these)."""
    return kept_before(app_dir)[KEPT_BEFORE - 1:]


def _drop_oldest(app_dir: Path) -> list[str]:
    """Remove the backups made before a restore beyond the newest :data:`KEPT_BEFORE`:
    the names removed."""
    dropped = []
    for old in kept_before(app_dir)[KEPT_BEFORE:]:
        with suppress(OSError):
            old.unlink()
            dropped.append(old.name)
    return dropped


@dataclass
class Replaced:
    """What :func:`replace_with_backup` did: the backup of the folder as it was (``before``),
    the files restored and their size, the backup's manifest, the folder swapped out
    when it could not be removed ("" when it was), and the backups made before earlier
    restores removed, beyond the newest :data:`KEPT_BEFORE`."""

    before: Path
    files: int
    size: str
    manifest: dict
    left: str = ""
    dropped: list[str] = field(default_factory=list)


def replace_with_backup(root: Path, plan_key: str | None, backup: Path, *,
                        progress: Progress | None = None,
                        waiting: Callable[[str], None] | None = None) -> Replaced:
    """Replace the data folder ``root`` by the backup ``backup`` (module docstring). A
    backup not whole, or any failure before the swap: CchcError, ``root`` as it was (the
    backup of it made first is kept)."""
    root = Path(root).resolve()
    check_whole(backup)
    db = root / LEDGER_NAME
    ledger_was = _key(db)
    before = _new_name(root / APP_DIR / BEFORE_RESTORE / before_restore_name(plan_key,
                                                                           clock.now()))
    write_backup(root, before, progress=progress, waiting=waiting)
    new = temporary_beside(root)
    done = restore_backup(backup, new, progress=progress)
    try:
        with ledger_lock(db, waiting=waiting):
            if _key(db) != ledger_was:
                raise CchcError(LEDGER_WRITTEN, file=str(db))
            note_swap(root, new)  # a swap cut off is put right when next opened (swapped.py)
            moved = carry(root / APP_DIR, new / APP_DIR)
            try:
                exchange(root, new)
            except OSError as exc:
                carry(new / APP_DIR, root / APP_DIR, moved)
                drop_note(root)
                raise OutputError(NOT_SWAPPED.format(system_words(exc)), file=str(root)) \
                    from exc
    except BaseException:
        if not root.is_dir():  # cut between the renames: both folders left as they are,
            raise  # for the next start to put back
        if swap_note(root) is not None:  # not swapped: the app's things carried back
            with suppress(OSError):
                carry(new / APP_DIR, root / APP_DIR)
            drop_note(root)
        remove_folder(new)
        raise
    drop_note(new)  # the folder as it was, now at ``new``
    remove_folder(new)
    placed = root / APP_DIR / BEFORE_RESTORE / before.name
    return Replaced(placed, len(done.files), done.size_text, done.manifest,
                    str(new) if new.exists() else "", _drop_oldest(root / APP_DIR))


def _new_name(path: Path) -> Path:
    """``path``, or a name beside it that is not taken ("…-2.zip"): a backup made
    before an earlier restore is never written over."""
    n = 1
    while path.with_stem(f"{path.stem}-{n}" if n > 1 else path.stem).exists():
        n += 1
    return path.with_stem(f"{path.stem}-{n}" if n > 1 else path.stem)


def _key(db: Path) -> tuple | None:
    try:
        return content_key(os.stat(db))
    except OSError:
        return None


def size_said(path: Path) -> str:
    try:
        return size_text(path.stat().st_size)
    except OSError:
        return ""
