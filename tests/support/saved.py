"""Documents cchc-xl made, as the office's suites save them after an edit (Word 365,
Excel 365, LibreOffice), and the copies cchc-xl keeps of them (cchc_xl.edited)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from support.tools import convert


def rewritten(path: Path, change) -> bytes:
    """``path`` with each part's bytes replaced by ``change(name, data)``, in place (the
    zip's entries as they were); its bytes."""
    with zipfile.ZipFile(path) as src:
        parts = [(info, change(info.filename, src.read(info))) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in parts:
            dst.writestr(info, data)
    return path.read_bytes()


def saved_by_word(path: Path, paragraph: str = "Đoạn chuyên viên viết thêm.") -> bytes:
    """``path`` as Word 365 saves it after the specialist added a paragraph: Word's
    application and version, her name as the last to modify it, the next revision, the
    time of the save. Written in place; its bytes returned."""
    def change(name: str, data: bytes) -> bytes:
        if name == "docProps/core.xml":
            data = re.sub(rb"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>",
                          "<cp:lastModifiedBy>Nguyễn Thị Lan</cp:lastModifiedBy>".encode(), data)
            data = re.sub(rb"<cp:revision>(\d+)</cp:revision>",
                          lambda m: b"<cp:revision>%d</cp:revision>" % (int(m[1]) + 1), data)
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2099-12-05T03:30:00Z",
                          data)
        elif name == "docProps/app.xml":
            data = re.sub(rb"<Application>[^<]*</Application>",
                          b"<Application>Microsoft Office Word</Application>", data)
            data = re.sub(rb"<AppVersion>[^<]*</AppVersion>",
                          b"<AppVersion>16.0000</AppVersion>", data)
        elif name == "word/document.xml":
            data = data.replace(b"<w:body>", f"<w:body><w:p><w:r><w:t>{paragraph}</w:t>"
                                "</w:r></w:p>".encode(), 1)
        return data

    return rewritten(path, change)


def saved_by_excel(path: Path) -> bytes:
    """``path`` as Excel 365 saves it: its version, the user's name, the time of the save
    (Excel keeps the custom properties)."""
    def change(name: str, data: bytes) -> bytes:
        if name == "docProps/app.xml":
            data = data.replace(b"<AppVersion>12.0000</AppVersion>",
                                b"<AppVersion>16.0300</AppVersion>")
        elif name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*",
                          rb"\g<1>2099-12-05T03:30:00Z", data)
            data = re.sub(rb"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>",
                          "<cp:lastModifiedBy>Nguyễn Thị Lan</cp:lastModifiedBy>".encode(), data)
        return data

    return rewritten(path, change)


def saved_by_libreoffice(path: Path, tmp: Path) -> bytes:
    """``path`` opened and saved again by LibreOffice (in place); its bytes."""
    saved = convert(path, tmp / f"lo-{path.stem}", path.suffix.lstrip("."))
    path.write_bytes(saved.read_bytes())
    return path.read_bytes()


def kept_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem} (bản đã sửa *){path.suffix}"))
