"""Plans read in this process, kept by their bytes: the same file is read once.

The web app reads one plan table several times as it is put in place: checked where it
was uploaded, read again once copied into the data folder, and again for each page
that asks what plan is in use after the file changed. A plan of a province takes a
tenth of a second or more to read; its bytes take a millisecond to hash.

What is kept is what :func:`~cchc_xl.master.read.read_master` returned for a file with
these bytes (pickled: each caller gets its own copy, free to change it), on this day (a
plan without its year takes the current one), with the file's name put back where the
result names it: the master's ``path`` and its findings' ``file``. A read that raised
is not kept: it is read again, and raises again with its own file's name. A file that
changed while it was read (its bytes hashed before and after differ) is not kept
either. At most :data:`KEPT` plans are kept (a province's, a few hundred KB pickled).
"""

from __future__ import annotations

import dataclasses
import pickle
import threading
from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..bounds import MAX_FILE_BYTES
from ..fast.frozen import Cache
from ..findings import Finding
from ..model import Master
from ..text import for_people
from ..xlio import file_sha256

KEPT = 4  # plans kept in a process (the web app: the one in use, one being put in place)

_kept: Cache = Cache(KEPT)
_lock = threading.Lock()  # the web app reads plans from its jobs' threads too


def remembered(path: Path, read: Callable[[Path], tuple[Master, list[Finding]]]
               ) -> tuple[Master, list[Finding]]:
    """``read(path)``, or what it gave for a file of the same bytes on the same day."""
    try:
        # Hashed only within the bounds a workbook is read in: read() refuses the rest.
        digest = file_sha256(path) if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        digest = None  # no plain file that can be read: read() says why
    if digest is None:
        return read(path)
    key = (digest, clock.today())
    with _lock:
        kept = _kept.get(key)
    if kept is not None:
        master, found, was = pickle.loads(kept)
        return _named(master, found, was, str(path))
    master, found = read(path)
    if master.sha256 == digest:  # the bytes read are the bytes hashed
        with _lock:
            _kept.put(key, pickle.dumps((master, found, master.path),
                                        protocol=pickle.HIGHEST_PROTOCOL))
    return master, found


def forget() -> None:
    """Forget every plan kept (a test that changes how plans are read)."""
    with _lock:
        _kept.clear()


def _named(master: Master, found: list[Finding], was: str, now: str
           ) -> tuple[Master, list[Finding]]:
    if was == now:
        return master, found
    master.path = now
    return master, [dataclasses.replace(f, file=now) if f.file == for_people(was) else f
                    for f in found]
