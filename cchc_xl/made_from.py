"""What a report or a letter was made from, written into the file itself.

A period's report page (HTML), its Word draft and the letters (reminder, overdue) carry
the period's digest in the ledger when their figures were read
(:meth:`cchc_xl.ledger.Ledger.period_digest`, taken in the same read as the figures:
:attr:`cchc_xl.snapshot.LedgerSnapshot.digest`): the page in a ``<meta>`` of its head,
a Word document as its identifier (Word's document properties). Whoever made the file
(the command line or the web app), the web app tells whether it still shows what the
ledger holds by comparing digests, not file times: a folder copied without them
(``cp -r``, a USB stick, a download) kept its report current, and a later merge still
makes it out of date.

What cchc-xl writes is made from its code too (:func:`code_digest`): the consolidated
workbook and the feedback workbooks are written again when the code changed (a new
version installed), so that they say what this version says.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import zipfile
from pathlib import Path

META_NAME = "cchc-xl-lap-tu"  # the page's <meta name=...>
PREFIX = "cchc-xl:lap-tu:"  # a Word document's identifier: PREFIX + digest
_HEAD_BYTES = 8192  # the page's <meta> is in the first lines of its head
_META = re.compile(rb'<meta name="' + META_NAME.encode() + rb'" content="([0-9a-f]{64})">')
_IDENTIFIER = re.compile(rb"<dc:identifier>" + re.escape(PREFIX.encode())
                         + rb"([0-9a-f]{64})</dc:identifier>")
_CORE_MAX = 1 << 16


@functools.cache
def code_digest() -> str:
    """SHA-256 of the package's source files as the system knows them: any change to the
    code gives another (:func:`sources_digest`)."""
    return sources_digest(Path(__file__).resolve().parent)


def sources_digest(package: Path) -> str:
    """SHA-256 of the Python files under ``package`` as the system knows them (each
    one's name, size and time of last change), as Python's own bytecode cache tells a
    changed source. Their contents are not read: 7 ms of a 50-file merge's 480 (7
    December 2026); a file touched without a change gives another digest too, and the
    outputs are written once again."""
    package = str(package)
    start = len(package) + 1
    sources = sorted(os.path.join(folder, name) for folder, _, names in os.walk(package)
                     for name in names if name.endswith(".py"))
    digest = hashlib.sha256()
    for source in sources:
        known = os.stat(source)
        name = source[start:].replace(os.sep, "/")
        digest.update(f"{name}\x00{known.st_size}\x00{known.st_mtime_ns}\x00".encode())
    return digest.hexdigest()


def identifier(digest: str) -> str:
    """A Word document's identifier saying it was made from ``digest`` ("" for none)."""
    return PREFIX + digest if digest else ""


def made_from(path: Path) -> str | None:
    """The digest the page or Word document at ``path`` says it was made from; None when
    it says none (made before files carried it, another file) or cannot be read."""
    path = Path(path)
    try:
        if path.suffix.lower() in (".html", ".htm"):
            with open(path, "rb") as fh:
                found = _META.search(fh.read(_HEAD_BYTES))
        else:
            with zipfile.ZipFile(path) as zf:
                info = zf.getinfo("docProps/core.xml")
                if info.file_size > _CORE_MAX:
                    return None
                found = _IDENTIFIER.search(zf.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    return found[1].decode() if found else None
