"""LibreOffice Calc headless, for round-trip tests of generated workbooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice Calc (soffice) is not installed",
)


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
