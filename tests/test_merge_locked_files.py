"""A workbook saved with a password to open it in the formats LibreOffice converts: an
.ods saved with LibreOffice's "Save with password" (Lưu với mật khẩu), an old .xls with a
"Password to open" (Excel, WPS, LibreOffice): refused as password-protected, with the steps
to take the password off, as an encrypted xlsx is; not handed to LibreOffice (which cannot
open it without the password) and then called a file that could not be converted."""

from __future__ import annotations

import os
import zipfile

import pytest

from cchc_xl.merge import merge_returns

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"
  manifest:size="61234">
  <manifest:encryption-data
   manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k"
   manifest:checksum="c2hhMjU2">
   <manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc"
    manifest:initialisation-vector="AAAAAAAAAAAAAAAAAAAAAA=="/>
   <manifest:start-key-generation
    manifest:start-key-generation-name="http://www.w3.org/2000/09/xmldsig#sha256"
    manifest:key-size="32"/>
   <manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32"
    manifest:iteration-count="100000" manifest:salt="AAAAAAAAAAAAAAAAAAAAAA=="/>
  </manifest:encryption-data>
 </manifest:file-entry>
</manifest:manifest>
"""


def _locked_ods(path) -> None:
    """What LibreOffice writes for an .ods saved with a password: the mimetype and the
    manifest in the clear, the content encrypted (random bytes here)."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", os.urandom(4096))


def _locked_xls(path) -> None:
    """What an .xls with a "Password to open" is, as far as telling it goes: an OLE2
    file whose workbook stream (at a sector's start) opens with the BOF record of its
    globals, then FILEPASS; the rest encrypted (random bytes here)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512 - 8)
    bof = b"\x09\x08\x10\x00" + b"\x00\x06\x05\x00" + bytes(12)
    filepass = b"\x2f\x00\x36\x00\x01\x00" + os.urandom(0x36 - 2)
    path.write_bytes(header + bytes(1024) + bof + filepass + os.urandom(2048))


@pytest.mark.parametrize("lock, name", [(_locked_ods, "X05-xa-hoang-dat.ods"),
                                        (_locked_xls, "X05-xa-hoang-dat.xls")])
def test_a_password_protected_file_is_refused_as_protected(hh_master, tmp_path, lock, name):
    """Both were passed to LibreOffice, and the unit told its file could not be
    converted ("không chuyển được"), nothing about the password."""
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    lock(sent / name)

    result = merge_returns(hh_master, [sent], "9T", tmp_path / "tong-hop.xlsx")

    [file] = result.as_dict()["files"]
    assert file["outcome"] == "rejected"
    [problem] = file["problems"]
    assert (problem["code"], problem["severity"]) == ("file-unreadable", "error")
    assert "tệp có đặt mật khẩu mở" in problem["message"]
    assert "bỏ chọn ô 'Save with password'" in problem["message"]
    assert "không chuyển được" not in problem["message"]
