"""The external programs some tests drive (LibreOffice Calc, poppler, Chromium), and
markers that say so.

Locally, a test whose program is missing is skipped with the reason. In CI (the
``CI`` environment variable set, as ``.ci/run`` does) it runs anyway and fails, so
that a missing program never lets a check pass unnoticed. Tests that drive one of
these programs take seconds: the markers also mark them ``slow``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
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
    """Open src in LibreOffice headless and save it as fmt in out_dir.

    ``fmt`` is a LibreOffice filter spec: "xlsx", "ods", "pdf", "doc",
    "xlsx:Calc MS Excel 2007 XML".
    """
    return convert_all([src], out_dir, fmt)[0]


def convert_all(srcs: list[Path], out_dir: Path, fmt: str = "xlsx") -> list[Path]:
    """Like :func:`convert` for several files at once.

    The files must have distinct names: the outputs are named after them. The
    conversion is done by this process's LibreOffice (:class:`Office`), started on
    first use: ``soffice --convert-to`` hands it over to the running instance, which
    saves the files and answers when they are written.
    """
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is required for this test")
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = OFFICE.profile()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", fmt, "--outdir", str(out_dir), *(str(s) for s in srcs)],
        capture_output=True, text=True, timeout=180 + 20 * len(srcs),
    )
    ext = fmt.split(":")[0]
    produced = [out_dir / f"{Path(s).stem}.{ext}" for s in srcs]
    missing = [p.name for p in produced if not p.exists()]
    if result.returncode != 0 or missing:
        raise RuntimeError(f"soffice failed (missing {missing}): {result.stdout}\n"
                           f"{result.stderr}\n{OFFICE.log()}")
    return produced


class Office:
    """One LibreOffice kept running per test process, so that each conversion does not
    pay for starting the office suite (seconds of CPU each).

    A second ``soffice`` started with the same user profile does not start another
    office: it passes its command line to the running one over the profile's pipe and
    waits for it to be done; it then exits, and so would the office once its last
    document is closed, so it is started with a small text document open (in its own
    folder), whose lock file says it is ready. Each test process has its own profile
    (xdist workers do not share one). :meth:`stop` ends it (``pytest_sessionfinish``
    in tests/conftest.py, and at exit).
    """

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._dir: Path | None = None

    def profile(self) -> str:
        """The profile URL of the running office, started if need be."""
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        return (self._dir / "profile").as_uri()

    def _start(self) -> None:
        self.stop()
        self._dir = Path(tempfile.mkdtemp(prefix="lo-office-"))
        keep = self._dir / "keep" / "giu-mo.txt"
        keep.parent.mkdir()
        keep.write_text("LibreOffice của bộ kiểm thử\n", encoding="utf-8")
        with open(self._dir / "office.log", "w") as log:
            self._proc = subprocess.Popen(
                [SOFFICE, f"-env:UserInstallation={(self._dir / 'profile').as_uri()}",
                 "--headless", "--norestore", "--nologo", str(keep)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        ready = keep.parent / f".~lock.{keep.name}#"
        deadline = time.monotonic() + 180
        while not ready.exists():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                log = self.log()
                self.stop()
                raise RuntimeError(f"LibreOffice did not start: {log}")
            time.sleep(0.1)

    def log(self) -> str:
        try:
            return (self._dir / "office.log").read_text(errors="replace") if self._dir else ""
        except OSError:
            return ""

    def stop(self) -> None:
        """End the office: soffice.bin first, so that its launcher (our child) reaps it
        and its CPU time is counted with this process's."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            try:
                children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
            except OSError:
                children = []
            for pid in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGTERM)
            if not children:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


OFFICE = Office()
atexit.register(OFFICE.stop)
