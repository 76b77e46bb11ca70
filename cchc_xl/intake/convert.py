"""Workbooks intake cannot read as they are: .ods, legacy .xls and Strict Open XML,
converted to an ordinary xlsx by LibreOffice headless (all of a merge's in one call,
from copies), never a file over the limits a workbook is read within; and the clear
error for a format that stays unreadable (a password, a zip of returns named .xlsx).
Plan import converts .doc with the same call."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .. import bounds
from ..errors import WorkbookError
from ..sniff import (
    FORMAT_MESSAGES,
    PASSWORD_HINT,
    STRICT_HINT,
    is_encrypted,
    sniff_format,
)
from ..text import vn_number
from .bundles import spreadsheets_inside

# Formats LibreOffice can turn into an ordinary xlsx for us, each as users know it.
CONVERTIBLE = {"ods": "tệp LibreOffice (.ods)", "ole2": "tệp Excel cũ (.xls)",
               "strict": "tệp Excel dạng 'Strict Open XML'"}


def office_available() -> str | None:
    """LibreOffice's program: on the PATH, or on Windows, whose installer does not put it
    there, in the folder it installs into (C:\\Program Files\\LibreOffice)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or os.name != "nt":
        return found
    for programs in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        if os.environ.get(programs):
            program = Path(os.environ[programs], "LibreOffice", "program", "soffice.exe")
            if program.is_file():
                return str(program)
    return None


def convert_with_office(paths: list[Path], work_dir: Path, target: str = "xlsx"
                        ) -> tuple[dict[Path, Path], bool]:
    """Convert .ods/.xls and Strict Open XML files to xlsx (or .doc to ``target``
    "docx") with LibreOffice headless, all in one call.

    Returns the converted copy of each file that LibreOffice could read (files it
    could not read are absent: the caller rejects them), and whether LibreOffice
    ran at all: without it, or when it failed or overran its time, nothing is known
    about the files (read them again next time).
    """
    office = office_available()
    if not office or not paths:
        return {}, bool(office)
    src_dir, out_dir = work_dir / "src", work_dir / "out"
    src_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Numbered copies: two units may both send "bao-cao.ods" from different folders.
    copies = {}
    for i, path in enumerate(paths):
        copy = src_dir / f"{i:04d}{path.suffix or '.bin'}"
        try:
            shutil.copyfile(path, copy)
        except OSError:  # gone since it was listed: not converted, reading it says so
            continue
        copies[path] = copy
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        # A URL, encoded: the folder's name as it is ("file://C:\\Users\\Nguyễn Văn A\\…")
        # crashed LibreOffice.
        profile_url = Path(profile).absolute().as_uri()
        try:
            subprocess.run(
                [office, f"-env:UserInstallation={profile_url}", "--headless", "--norestore",
                 "--convert-to", target, "--outdir", str(out_dir),
                 *(str(c) for c in copies.values())],
                capture_output=True, timeout=120 + 30 * len(paths), check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return {}, False
    converted = {}
    for path, copy in copies.items():
        produced = out_dir / f"{copy.stem}.{target}"
        if produced.exists() and sniff_format(produced) == target:
            converted[path] = produced
    return converted, True


def needs_conversion(path: Path) -> bool:
    """True for an .ods, a legacy .xls or a Strict Open XML workbook, which LibreOffice
    may turn into an ordinary xlsx; not for one over the limits a workbook is read
    within (bounds.check_package): LibreOffice, which has no such limits, is never
    given a bomb (the reader refuses it with the limit it broke)."""
    try:
        kind = sniff_format(path)
        return kind in CONVERTIBLE and not is_encrypted(path, kind) and (
            bounds.check_package(path) is None)
    except OSError:  # gone since it was listed: reading it says so
        return False


def unreadable_kind(path: Path, kind: str) -> WorkbookError | None:
    """A clear error for the formats we cannot read (after any conversion)."""
    if is_encrypted(path, kind):
        return WorkbookError(FORMAT_MESSAGES["encrypted"], file=str(path), hint=PASSWORD_HINT)
    if kind == "zip":
        inside = spreadsheets_inside(path)
        if inside:  # a zip of returns named as a workbook: never looked into as a bundle
            return WorkbookError(
                f"đây là tệp nén chứa {vn_number(len(inside))} tệp Excel "
                f"({', '.join(inside[:3])}{'...' if len(inside) > 3 else ''}), không phải một "
                "bảng tính", file=str(path),
                hint="đổi đuôi tên tệp thành .zip để được giải nén, hoặc giải nén rồi gửi "
                     "từng tệp")
    if kind in CONVERTIBLE:
        refused = bounds.check_package(path)  # why it was not converted, if it is that
        if refused is not None:
            return refused
        office = "" if office_available() else " (máy này không có LibreOffice để chuyển đổi)"
        return WorkbookError(
            f"{CONVERTIBLE[kind]} không chuyển được sang .xlsx thông thường{office}",
            file=str(path),
            hint=STRICT_HINT if kind == "strict" else
            "mở tệp và lưu lại dưới dạng Excel (.xlsx) rồi gửi lại",
        )
    return None
