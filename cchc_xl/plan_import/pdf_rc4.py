"""RC4 deciphering for pdfminer: a narrow fast path (docs/fast-paths.md) in place of
pdfminer's own, which slows as the square of what it deciphers (it builds its output a
byte at a time: 200 KB took 0.7 s, 2 MB 267 s). A PDF "protected" the old way (RC4,
an owner password only: it opens without one, and offices do publish plans so) holding
a stream of a few MB, a font embedded whole, hung the import.

:class:`Arcfour` stands for ``pdfminer.arcfour.Arcfour`` where pdfminer's security
handlers use it (:func:`install`, once a process): the same stream of bytes, from the
`cryptography` package's ARC4 (pdfminer.six's own dependency) for a key of a length
it takes (5, 7, 8, 10, 16, 20, 24 or 32 bytes: a 40-bit file's 10-byte object keys, a
128-bit file's 16), pdfminer's own for any other key (a 48- to 80-bit file's 11- to
15-byte object keys, which no common writer makes) or where `cryptography` has no ARC4.
pdfminer's own deciphers at most :data:`bounds.MAX_PDF_SLOW_RC4_BYTES` for a file read
inside :func:`slow_budget`: past that, :class:`SlowCipher` is raised (the file refused),
not minutes spent.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from .. import bounds

# False: pdfminer's own deciphering for every key (a comparison, or to rule the fast path
# out when a file reads wrongly).
FAST = True
# The key lengths (bytes) cryptography's ARC4 takes.
_KEY_BYTES = frozenset({5, 7, 8, 10, 16, 20, 24, 32})
# Bytes pdfminer's own RC4 may still decipher for the file being read (None: no limit).
_slow_left: ContextVar[list[int] | None] = ContextVar("slow_rc4_left", default=None)


class SlowCipher(Exception):
    """pdfminer's own RC4 was given more than :data:`bounds.MAX_PDF_SLOW_RC4_BYTES` for
    one file."""


def _fast_cipher(key: bytes):
    """cryptography's ARC4 keyed with ``key``, or None where it cannot be."""
    if not FAST or len(key) not in _KEY_BYTES:
        return None
    try:
        from cryptography.exceptions import UnsupportedAlgorithm
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
        from cryptography.hazmat.primitives.ciphers import Cipher
    except ImportError:
        return None
    try:
        return Cipher(ARC4(key), mode=None).decryptor()
    except UnsupportedAlgorithm:  # a build without ARC4 (OpenSSL's legacy provider off)
        return None


class Arcfour:
    """pdfminer's ``Arcfour``: keyed once, then each call to :meth:`process` goes on with
    the same stream of key bytes."""

    def __init__(self, key) -> None:
        self._fast = _fast_cipher(bytes(key))
        if self._fast is None:
            from pdfminer.arcfour import Arcfour as Slow

            self._slow = Slow(key)

    def process(self, data: bytes) -> bytes:
        if self._fast is not None:
            return self._fast.update(data)
        left = _slow_left.get()
        if left is not None:
            left[0] -= len(data)
            if left[0] < 0:
                raise SlowCipher(len(data))
        return self._slow.process(data)

    encrypt = decrypt = process


def install() -> None:
    """pdfminer's security handlers decipher with :class:`Arcfour` from now on (in this
    process; what they give is the same)."""
    from pdfminer import pdfdocument

    pdfdocument.Arcfour = Arcfour


@contextlib.contextmanager
def slow_budget() -> Iterator[None]:
    """Inside: pdfminer's own RC4 deciphers at most :data:`bounds.MAX_PDF_SLOW_RC4_BYTES`
    in all (one file's reading)."""
    token = _slow_left.set([bounds.MAX_PDF_SLOW_RC4_BYTES])
    try:
        yield
    finally:
        _slow_left.reset(token)
