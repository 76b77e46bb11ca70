"""RC4 deciphering for pdfminer (cchc_xl.plan_import.pdf_rc4): the fast path (cryptography's
ARC4) gives pdfminer's own Arcfour's bytes, for every key length and data, one call or
several in turn; a key it does not take goes to pdfminer's own, which deciphers at most
bounds.MAX_PDF_SLOW_RC4_BYTES for a file being read. docs/fast-paths.md.

A whole file deciphered both ways: tests/test_import_pdf.py (LibreOffice's RC4 export of a
plan).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.arcfour import Arcfour as PdfminerArcfour

from cchc_xl import bounds
from cchc_xl.plan_import import pdf_rc4
from cchc_xl.plan_import.pdf_rc4 import Arcfour, SlowCipher, slow_budget


@settings(max_examples=300, deadline=None)
@given(key=st.binary(min_size=1, max_size=40),
       pieces=st.lists(st.binary(max_size=600), max_size=4))
def test_the_fast_path_deciphers_as_pdfminer_does(key, pieces):
    ours, theirs = Arcfour(key), PdfminerArcfour(key)
    for piece in pieces:  # each call goes on with the same stream of key bytes
        assert ours.decrypt(piece) == theirs.decrypt(piece)


@pytest.mark.parametrize("length", range(1, 41))
def test_the_fast_path_takes_the_keys_cryptography_takes(length):
    """A 40-bit file's objects have 10-byte keys, a 128-bit file's 16: the fast path's.
    Any other length is pdfminer's own, the same bytes (64 KB of them compared on the
    fast ones: pdfminer's own, compared with, takes the square of the length; a megabyte
    took 20 s a key)."""
    key = bytes(range(7, 7 + length))
    fast = Arcfour(key)._fast is not None
    assert fast == (length in (5, 7, 8, 10, 16, 20, 24, 32))
    data = bytes(range(256)) * (256 if fast else 16)
    assert Arcfour(key).decrypt(data) == PdfminerArcfour(key).decrypt(data)


def test_pdfminers_own_deciphers_a_limited_amount_for_a_file(monkeypatch):
    """pdfminer's own RC4 (here for every key) took 267 s for 2 MB: inside a file's
    reading it is given at most MAX_PDF_SLOW_RC4_BYTES in all, then refuses; outside, it
    is pdfminer's, unlimited."""
    monkeypatch.setattr(pdf_rc4, "FAST", False)
    most = bounds.MAX_PDF_SLOW_RC4_BYTES
    piece = b"\x00" * (most // 4)
    with slow_budget():
        for _ in range(4):
            Arcfour(b"k" * 16).decrypt(piece)
        with pytest.raises(SlowCipher):
            Arcfour(b"k" * 16).decrypt(b"\x00")
    with slow_budget():  # the next file has its own
        assert Arcfour(b"k" * 16).decrypt(piece) == PdfminerArcfour(b"k" * 16).decrypt(piece)
    assert len(Arcfour(b"k" * 16).decrypt(b"\x00" * (most + 1))) == most + 1


def test_pdfminers_handlers_decipher_with_the_fast_path_once_installed():
    from pdfminer import pdfdocument

    pdf_rc4.install()
    assert pdfdocument.Arcfour is Arcfour
