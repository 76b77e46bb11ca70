"""Every module of the package imports on its own, in a fresh interpreter, whatever was
imported before it.

The package's ``__init__`` imports nothing (the command answers Ctrl-C during its
imports: cchc_xl.__main__), so no module can rely on another having been imported
first. A cycle did: "import cchc_xl.merge" in a fresh process, as the web app's workers
start (forkserver), stopped on cchc_xl.overwrite half made, and every merge of the web
app failed.
"""

from __future__ import annotations

import subprocess
import sys

from support.paths import ROOT

_EACH_ALONE = """
import importlib, pkgutil, sys
import cchc_xl
names = sorted(m.name for m in pkgutil.walk_packages(cchc_xl.__path__, "cchc_xl."))
failed = []
for name in names:
    for loaded in [m for m in sys.modules if m == "cchc_xl" or m.startswith("cchc_xl.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print(len(names))
print("\\n".join(failed))
"""


def test_each_module_imports_first_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-c", _EACH_ALONE], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    count, *failed = done.stdout.strip().split("\n")
    assert int(count) > 100  # the package's modules were all found
    assert failed == [], "\n".join(failed)
