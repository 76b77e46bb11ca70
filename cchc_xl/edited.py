"""The office's edits to a document cchc-xl made, kept when cchc-xl makes it again.

The specialist edits the Word report draft for hours before signing, corrects a contact
in a mail-merge list, adds a row to the report workbook. Made again (a late file merged,
an assessment recorded: the web app remakes the report by itself then), the document
was written over her copy without a word. Now, before a command writes one of these
outputs, an earlier copy the office edited is kept beside it, byte for byte, under a
name that says so ("bao-cao-9T (bản đã sửa 05-12-2026 10h30).docx", the time it was last
saved), the new one is written, and both are named to her: she wants the new figures
and her text. A copy nobody edited is simply replaced (no clutter).

Edited is told by what cchc-xl recorded writing there (:data:`RECORD`, beside the
ledger: each output's SHA-256 as written; any other content is an edit), and, for a
file it has no record of (written elsewhere, or before the record), by what every
office suite changes on save and cchc-xl writes otherwise: a Word document cchc-xl
writes says it was last modified by :data:`WRITER`, at revision 1, when it was made;
Word and LibreOffice write the user's name, a later revision, the time of the save. A
workbook cchc-xl writes carries xlsxwriter's application version and was modified when
it was made; Excel writes its own version (16.0300), LibreOffice its name, both the time
of the save (each suite also writes its own application into a Word document).
A CSV carries nothing: without a record it is kept (it may be the office's).
An output with no ledger nor letter beside it (the plan's appendix, made from the plan
table) is told by the marks alone (``record`` None): no record file is left beside it.
"""

from __future__ import annotations

import glob
import json
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import CchcError, OutputError
from .ledger.lock import ledger_lock
from .xlio import atomic_write, file_sha256

WRITER = "cchc-xl"  # the "last modified by" of a Word document cchc-xl writes
MADE_BY = "Văn bản do cchc-xl lập"  # the comments of every Word document cchc-xl writes
REVISION = 1  # and its revision: Word and LibreOffice count each save
# What cchc-xl wrote at each output path: beside the ledger (in the web app's data folder),
# or, for a letter made from the plan table before any ledger, beside the letter.
RECORD = "cchc-xl-da-ghi.json"
KEPT_WORDS = "bản đã sửa"  # a kept copy's name: "<name> (bản đã sửa dd-mm-yyyy HHhMM).docx"
_KEPT_TIME = "%d-%m-%Y %Hh%M"
# The application version xlsxwriter writes (that of Excel 2007, which no office suite
# in use writes: Excel 2016-365 write 16.0300, LibreOffice its own name).
XLSXWRITER_APP = b"<AppVersion>12.0000</AppVersion>"
# What a Word document cchc-xl writes says of its application: python-docx's template's
# (Word 2011 for Mac), which no Word in use writes ("Microsoft Office Word" 16.0000) and
# LibreOffice replaces with its name, even when it keeps the other marks (--convert-to).
_DOCX_APP = (b"<Application>Microsoft Macintosh Word</Application>",
             b"<AppVersion>14.0000</AppVersion>")
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)</dcterms:created>")
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]*)</dcterms:modified>")
_BY = re.compile(rb"<cp:lastModifiedBy>([^<]*)</cp:lastModifiedBy>|<cp:lastModifiedBy/>")
_COMMENTS = re.compile(rb"<dc:description>([^<]*)</dc:description>")
_REVISION = re.compile(rb"<cp:revision>([^<]*)</cp:revision>")
PART_MAX = 1 << 20  # the parts looked at are small; a larger one is not looked into
_LOCK = threading.Lock()  # the web app's jobs read and write the record from threads
_RECORD_WAIT = 10.0  # seconds another process may hold the record (it writes a few lines)


@dataclass(frozen=True)
class KeptEdit:
    """An output the office had edited: kept as ``kept``, the new one written at ``path``."""

    path: Path
    kept: Path

    @property
    def sentence(self) -> str:
        """What the office is told, both files named."""
        return (f"tệp {self.path.name} đã được sửa sau khi cchc-xl lập: bản đã sửa được giữ "
                f"lại thành \"{self.kept.name}\" (cùng thư mục), bản mới ghi vào "
                f"{self.path.name}; chép phần đã sửa sang bản mới nếu cần")


def kept_notes(kept: list[KeptEdit]) -> str:
    """The sentences a page or a command adds for the copies kept ("" for none)."""
    return "".join(f" Lưu ý: {k.sentence}." for k in kept)


def record_path(folder: Path) -> Path:
    """The record of what was written, in ``folder`` (the ledger's)."""
    return Path(folder) / RECORD


def _read_record(record: Path) -> dict[str, str]:
    try:
        data = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _keys(path: Path, record: Path) -> tuple[str, str]:
    """The record's key for ``path``: relative to the record's folder when inside it (a
    folder copied or moved keeps its record: a QA pass, `cp -r` of the data folder kept
    every mail-merge CSV as "edited" at the next letter), else absolute; and the
    absolute one (the key of a record written before)."""
    full = Path(path).resolve()
    try:
        return full.relative_to(Path(record).resolve().parent).as_posix(), str(full)
    except ValueError:
        return str(full), str(full)


def is_edited(path: Path, record: Path | None) -> bool:
    """Whether the file at ``path`` (an output cchc-xl writes) holds the office's edits:
    another content than cchc-xl recorded writing there, or, with no record of it, the
    marks of a save by an office suite (the module's docstring; ``record`` None: the
    marks alone)."""
    path = Path(path)
    if not path.is_file():
        return False
    written = None
    if record is not None:
        data = _read_record(record)
        key, full = _keys(path, record)
        written = data.get(key, data.get(full))
    if written is not None:
        try:
            return file_sha256(path) != written
        except OSError:
            return False
    return not _as_written(path)


def _as_written(path: Path) -> bool:
    """Whether ``path``, of which there is no record, is as cchc-xl writes it."""
    if path.suffix.lower() not in (".docx", ".xlsx"):
        try:
            return path.stat().st_size == 0  # a CSV: nothing of the office's, if empty
        except OSError:
            return True
    try:
        with zipfile.ZipFile(path) as zf:
            core = zip_part(zf, "docProps/core.xml")
            app = zip_part(zf, "docProps/app.xml")
            word = "word/document.xml" in zf.NameToInfo
    except (OSError, zipfile.BadZipFile, ValueError):
        return True  # no document to keep: the command's to replace (overwrite.kind_of)
    created, modified = _CREATED.search(core), _MODIFIED.search(core)
    unsaved = bool(created and modified and created[1] == modified[1])
    if word:
        by, revision = _BY.search(core), _REVISION.search(core)
        comments = _COMMENTS.search(core)
        # cchc-xl's own; before the stamp (older versions), no one's, with its comments
        # (a QA pass: the first report after an upgrade kept the draft and each letter
        # nobody had opened); a save by Word writes the user's name and its application,
        # LibreOffice its application.
        ours = bool(by) and (by[1] == WRITER.encode() or not by[1] and bool(
            comments and comments[1] == MADE_BY.encode()))
        return unsaved and ours and bool(
            revision and revision[1] == str(REVISION).encode()) and all(
            mark in app for mark in _DOCX_APP)
    return unsaved and XLSXWRITER_APP in app


def zip_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """The part ``name`` of ``zf``; empty when it has none or it is over PART_MAX."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return b""
    return zf.read(info) if info.file_size <= PART_MAX else b""


def kept_name(path: Path) -> Path:
    """Where the edited copy at ``path`` is kept: beside it, named for the time it was
    last saved, never over another kept copy ("…, 2")."""
    path = Path(path)
    when = datetime.fromtimestamp(path.stat().st_mtime).strftime(_KEPT_TIME)
    base = f"{path.stem} ({KEPT_WORDS} {when}"
    n = 1
    while (candidate := path.with_name(
            f"{base}{'' if n == 1 else f', {n}'}){path.suffix}")).exists():
        n += 1
    return candidate


def kept_copies(path: Path) -> list[Path]:
    """The copies of the output ``path`` kept beside it (:func:`kept_name`), files only,
    in name order."""
    path = Path(path)
    try:
        return sorted(copy for copy in path.parent.glob(
            f"{glob.escape(path.stem)} ({KEPT_WORDS} *){glob.escape(path.suffix)}")
            if copy.is_file() and not copy.is_symlink())
    except OSError:
        return []


def _kept_already(path: Path) -> Path | None:
    """A copy of ``path`` kept before, byte for byte the same, if any: kept once only."""
    try:
        size, digest = path.stat().st_size, None
        for copy in kept_copies(path):
            if copy.stat().st_size == size:
                digest = digest or file_sha256(path)
                if file_sha256(copy) == digest:
                    return copy
    except OSError:
        pass
    return None


def keep_edited(paths, record: Path | None) -> list[KeptEdit]:
    """Keep a copy of each of ``paths`` the office edited (:func:`is_edited`) beside it,
    byte for byte (its time too), before the command writes over it. A copy that cannot
    be made stops the command (an OutputError): the edits are never lost."""
    return [KeptEdit(Path(path), keep_copy(Path(path))) for path in paths
            if path is not None and is_edited(Path(path), record)]


def keep_copy(path: Path) -> Path:
    """Keep a copy of ``path`` beside it (:func:`kept_name`), byte for byte (its time
    too), before a command writes over it; where it is. One kept before, the same, is
    not kept twice (a run that then failed to write: the file open). A copy that cannot
    be made stops the command (an OutputError): the edits are never lost."""
    path = Path(path)
    same = _kept_already(path)
    if same is not None:
        return same
    target = kept_name(path)
    try:
        with open(path, "rb") as src, open(target, "xb") as dst:
            shutil.copyfileobj(src, dst)
        shutil.copystat(path, target)
    except OSError as exc:
        raise OutputError(f"tệp đã được sửa sau khi cchc-xl lập, nhưng không giữ lại "
                          f"được bản đã sửa ({exc.strerror or exc}): lệnh không ghi đè "
                          "lên", file=str(path),
                          hint="chép tệp đó đi chỗ khác rồi chạy lại") from exc
    return target


def _unlike_written(kept: list[KeptEdit]) -> list[KeptEdit]:
    """The copies kept that differ from what was just written at their path; one the
    same, byte for byte, is removed (nothing of the office's to keep: a CSV without a
    record, the same list made again)."""
    left = []
    for edit in kept:
        try:
            same = (edit.path.stat().st_size == edit.kept.stat().st_size
                    and file_sha256(edit.path) == file_sha256(edit.kept))
            if same:
                edit.kept.unlink()
        except OSError:
            same = False
        if not same:
            left.append(edit)
    return left


@dataclass
class Rewrite:
    """Outputs being made again (:func:`rewriting`): the paths written so far go in
    ``written``; ``kept`` is the office's edited copies kept beside them."""

    written: list[Path] = field(default_factory=list)
    kept: list[KeptEdit] = field(default_factory=list)


@contextmanager
def rewriting(paths, record: Path | None) -> Iterator[Rewrite]:
    """Make the outputs ``paths`` again (None: not made this time) without losing the
    office's edits: each copy it edited is kept first (:func:`keep_edited`); each output
    the body appends to ``written`` is recorded as cchc-xl's, even when a later one
    fails (a QA pass: the next run kept the workbook written before a failure as
    "edited"); once all are written, a copy kept that is the same as the new file is
    removed (nothing of the office's in it)."""
    watched = tuple(Path(p) for p in paths if p is not None)
    job = Rewrite(kept=keep_edited(watched, record))
    try:
        yield job
    finally:
        remember_written([p for p in job.written if Path(p) in watched], record)
    job.kept = _unlike_written(job.kept)


def remember_written(paths, record: Path | None) -> None:
    """Record what cchc-xl just wrote at each of ``paths`` (its SHA-256; nothing for
    ``record`` None). A record that cannot be written is no failure of the command:
    without it, the next run tells an edit by the files' own marks."""
    if record is None:
        return
    try:
        # Threads of the web app, and another process (the command line beside the web
        # app): each reads the record and writes it back whole, so one at a time, or
        # entries are lost (two processes recording 150 files each kept 172 of 300).
        with _LOCK, ledger_lock(record, wait_seconds=_RECORD_WAIT):
            _remember(paths, record)
    except OutputError:  # still held after the wait: not recorded, as a record not written
        pass


def _remember(paths, record: Path) -> None:
    data = _read_record(record)
    for path in paths:
        if path is not None and Path(path).is_file():
            key, full = _keys(Path(path), record)
            data.pop(full, None)
            data[key] = file_sha256(Path(path))
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    try:
        atomic_write(record, lambda tmp: tmp.write_text(text, "utf-8"))
    except (CchcError, OSError):
        pass


def stamp(doc) -> None:
    """Mark a python-docx document as cchc-xl writes it (last modified by
    :data:`WRITER`, revision :data:`REVISION`): a save by Word or LibreOffice changes
    both."""
    doc.core_properties.last_modified_by = WRITER
    doc.core_properties.revision = REVISION

