"""The external programs some tests drive (LibreOffice Calc, poppler, Chromium), and
markers that say so.

Locally, a test whose program is missing is skipped with the reason. In CI (the
``CI`` environment variable set, as ``.ci/run`` does) it runs anyway and fails, so
that a missing program never lets a check pass unnoticed. Tests that drive one of
these programs take seconds: the markers also mark them ``slow``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

IN_CI = bool(os.environ.get("CI"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = Path("/usr/bin/chromium")
POPPLER = bool(shutil.which("pdfinfo") and shutil.which("pdftotext"))


def _needs(available: bool, what: str, *marks):
    skip = pytest.mark.skipif(not available and not IN_CI, reason=f"{what} is not installed")

    def mark(test):
        for m in (pytest.mark.slow, *marks, skip):
            test = m(test)
        return test

    return mark


needs_libreoffice = _needs(SOFFICE is not None, "LibreOffice Calc (soffice)",
                           pytest.mark.libreoffice)
needs_chromium = _needs(CHROMIUM.exists(), "Chromium (/usr/bin/chromium)")
needs_poppler = _needs(POPPLER, "poppler-utils (pdfinfo, pdftotext)")


def convert(src: Path, out_dir: Path, fmt: str = "xlsx") -> Path:
    """Open src in LibreOffice Calc headless and save it as fmt in out_dir.

    ``fmt`` is a LibreOffice filter spec: "xlsx", "ods", "pdf", "xlsx:Calc MS Excel 2007 XML".
    Each call uses its own profile so that parallel calls do not collide.
    """
    return convert_all([src], out_dir, fmt)[0]


def convert_all(srcs: list[Path], out_dir: Path, fmt: str = "xlsx") -> list[Path]:
    """Like :func:`convert` for several files in one soffice run (each start costs seconds).

    The files must have distinct names: the outputs are named after them.
    """
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is required for this test")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        result = subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", str(out_dir), *(str(s) for s in srcs)],
            capture_output=True, text=True, timeout=180 + 20 * len(srcs),
        )
    ext = fmt.split(":")[0]
    produced = [out_dir / f"{Path(s).stem}.{ext}" for s in srcs]
    missing = [p.name for p in produced if not p.exists()]
    if result.returncode != 0 or missing:
        raise RuntimeError(f"soffice failed (missing {missing}): {result.stdout}\n{result.stderr}")
    return produced
