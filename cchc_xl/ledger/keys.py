"""How the ledger knows a file of a period: by its content (SHA-256), and an empty
(0-byte) file by its name too.

Every empty file has the same SHA-256: known by content alone, the empty file of one
unit was taken for a copy of another unit's ("tệp gửi trùng nội dung") and that unit
listed as having sent nothing, or shown as the other unit's file sent before (issue #11,
a QA pass). An empty file holds nothing to tell two apart but its name, which also says
whose it is (intake.file_names): each name is a file of its own, the same name sent
again the same file. The ``sha256`` column stays the content's own digest; the name is
``submissions.name_key`` (schema 6), '' for any other file.

A key is the SHA-256, or for an empty file "<SHA-256>/<name key>": one string the merge
and the web app compare files by, as they compared digests (a digest has no "/").
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
SEPARATOR = "/"  # between a digest and a name (ledger._key_sql says it in SQL)


def name_key(name: str) -> str:
    """A file's name as an empty file is known by: its last part, NFC (a Mac's NFD name
    is the same name), case aside."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    return unicodedata.normalize("NFC", last).casefold()


def file_key(sha256: str, path: Path | str) -> str:
    """The key of the file at ``path`` whose content has ``sha256``."""
    return f"{sha256}{SEPARATOR}{name_key(str(path))}" if sha256 == EMPTY_SHA256 else sha256


def stored_key(sha256: str, name: str) -> str:
    """The key of a submission as stored: its ``sha256`` and ``name_key`` columns."""
    return f"{sha256}{SEPARATOR}{name}" if name else sha256


def split_key(key: str) -> tuple[str, str]:
    """(SHA-256, name key) of a key: the columns it is stored in."""
    sha, _, name = key.partition(SEPARATOR)
    return sha, name


def digest(key: str) -> str:
    """The content's SHA-256 of a key."""
    return key.partition(SEPARATOR)[0]
