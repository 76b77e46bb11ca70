"""Hostile PDFs encrypted (AES, RC4) with no password to open them, as a file
"protected from editing" is: the cases of hostile_pdfs.CASES whose streams are
enciphered, and the means to encipher them.
"""

from __future__ import annotations

from pathlib import Path

from support.pdf_raw import (
    _PACKED,
    _TEXT,
    GB,
    MB,
    _one_page,
    _packed_objects,
    _packed_pdf,
    _repeated_zlib,
    _stream,
)


def _aes_encryption(docid: bytes):
    """The /Encrypt dictionary of a file encrypted with AES-128 and no password to open
    it, and the function sealing an object's stream data with it."""
    import hashlib
    import os

    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from pdfminer.pdfdocument import PDFStandardSecurityHandlerV4 as Handler

    handler = Handler.__new__(Handler)
    handler.docid, handler.r, handler.length = [docid], 4, 128
    handler.o, handler.p, handler.encrypt_metadata = b"\x5a" * 32, 0xFFFFFFFC, True
    key = handler.compute_encryption_key(b"")
    u = handler.compute_u(key)
    params = (b"/Encrypt <</Filter /Standard /V 4 /R 4 /Length 128 /P -4 /O <%s> /U <%s> "
              b"/CF <</StdCF <</CFM /AESV2 /AuthEvent /DocOpen /Length 16>>>> "
              b"/StmF /StdCF /StrF /StdCF>> /ID [<%s> <%s>]"
              % (handler.o.hex().encode(), u.hex().encode(), docid.hex().encode(),
                 docid.hex().encode()))

    def seal(objid: int, data: bytes) -> bytes:
        own = hashlib.md5(key + objid.to_bytes(3, "little") + b"\x00\x00sAlT").digest()
        iv = os.urandom(16)
        padder = padding.PKCS7(128).padder()
        encryptor = Cipher(algorithms.AES(own), modes.CBC(iv)).encryptor()
        return iv + encryptor.update(padder.update(data) + padder.finalize()) + (
            encryptor.finalize())

    return params, seal


def encrypted_object_stream(target: Path) -> None:
    """A PDF 1.5 encrypted (AES, no password to open it, as one "protected from editing"
    is) whose object stream, holding the catalog, inflates to 2 GB once deciphered:
    pdfminer deciphers and inflates it whole while opening the file, to find the
    catalog."""
    params, seal = _aes_encryption(b"\x01" * 16)
    data, first = _packed_objects(2 * GB)
    _packed_pdf(target, b"/First %d /Filter /FlateDecode" % first, data, xref=b" " + params,
                encrypt=seal)


def encrypted_fallback(target: Path) -> None:
    """The same encrypted object stream in a damaged file (no cross-reference, "startxref"
    past the end; the catalog outside it): pdfminer's fallback, rebuilding the
    cross-reference, expands each object stream it meets, before it knows the file is
    encrypted."""
    params, seal = _aes_encryption(b"\x02" * 16)
    data = seal(5, _repeated_zlib(b"8 0 ", b" " * MB, 2 * GB // MB, b"<</Kind /Nothing>>"))
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    for n, body in enumerate([*_PACKED, _stream(b"", seal(4, _TEXT)),
                              _stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
                                      data)], start=1):
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    out += b"trailer\n<</Size 6 /Root 1 0 R " + params + b">>\n"
    out += b"startxref\n999999999\n%%EOF\n"
    target.write_bytes(bytes(out))


def rc4_encryption(docid: bytes, bits: int = 128):
    """The /Encrypt and /ID of a file encrypted the old way (RC4, /V 2 /R 3, a key of
    ``bits``) with no password to open it, and the function enciphering an object's
    string or stream data with it (cryptography's ARC4: for 40 and 88-128 bits)."""
    import hashlib

    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher
    from pdfminer.pdfdocument import PDFStandardSecurityHandler as Handler

    handler = Handler.__new__(Handler)
    handler.docid, handler.r, handler.length = [docid], 3, bits
    handler.o, handler.p = b"\x5a" * 32, 0xFFFFFFFC
    key = handler.compute_encryption_key(b"")
    u = handler.compute_u(key)
    params = (b" /Encrypt <</Filter /Standard /V 2 /R 3 /Length %d /P -4 /O <%s> /U <%s>>> "
              b"/ID [<%s> <%s>]" % (bits, handler.o.hex().encode(), u.hex().encode(),
                                    docid.hex().encode(), docid.hex().encode()))

    def seal(objid: int, data: bytes, genno: int = 0) -> bytes:
        own = hashlib.md5(key + objid.to_bytes(3, "little") + genno.to_bytes(2, "little"))
        cipher = Cipher(ARC4(own.digest()[:min(len(key) + 5, 16)]), mode=None).encryptor()
        return cipher.update(data)

    return params, seal


def rc4_content_bomb(target: Path) -> None:
    """A page whose content inflates to 2 GB of blanks, in a file encrypted the old way
    (RC4 128 bits, "protected from editing": it opens without a password). pdfminer's
    own RC4 deciphered the 2 MB stream for minutes before it could be inflated."""
    params, seal = rc4_encryption(b"\x03" * 16)
    data = _repeated_zlib(_TEXT, b" " * MB, 2 * GB // MB, b"")
    _one_page(target, _stream(b"/Filter /FlateDecode", seal(4, data)), trailer=params)


def rc4_odd_key(target: Path) -> None:
    """A file encrypted with RC4 of 64 bits (13-byte keys for its objects, which only
    pdfminer's own, slow, deciphering takes), its page's content 2 MB (noise once
    deciphered): minutes of deciphering."""
    import random

    params, _ = rc4_encryption(b"\x04" * 16, bits=64)
    noise = random.Random(4).randbytes(2 * MB)
    _one_page(target, _stream(b"", noise), trailer=params)
