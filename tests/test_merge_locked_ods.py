"""An .ods saved with LibreOffice's "Save with password" (Lưu với mật khẩu): refused as
password-protected, with the steps to take the password off, as an encrypted xlsx is;
not handed to LibreOffice (which cannot open it without the password) and then called
a file that could not be converted."""

from __future__ import annotations

import os
import zipfile

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


def test_a_password_protected_ods_is_refused_as_protected(hh_master, tmp_path):
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    _locked_ods(sent / "X05-xa-hoang-dat.ods")

    result = merge_returns(hh_master, [sent], "9T", tmp_path / "tong-hop.xlsx")

    [file] = result.as_dict()["files"]
    assert file["outcome"] == "rejected"
    [problem] = file["problems"]
    assert (problem["code"], problem["severity"]) == ("file-unreadable", "error")
    assert "tệp có đặt mật khẩu mở" in problem["message"]
    assert "bỏ chọn ô 'Save with password'" in problem["message"]
    assert "không chuyển được" not in problem["message"]
