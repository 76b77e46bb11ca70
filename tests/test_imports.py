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

# Each module's import runs every package module it needs again (about 10,500 module
# bodies for 180 modules): 9-10 s of CPU, the suite's most expensive test, mostly
# unmarshalling the same bytecode and compiling the same dataclass methods again. Both
# are kept by this process the first time (the loader's code object by file; the source
# dataclasses generates, by its text): each module still runs its whole body, in the
# same order, with no other module of the package imported, so a cycle fails as before.
_EACH_ALONE = """
import dataclasses, importlib, pkgutil, sys
from importlib import machinery

_codes, _compiled = {}, {}
_get_code = machinery.SourceFileLoader.get_code


def get_code(self, fullname):
    if self.path not in _codes:
        _codes[self.path] = _get_code(self, fullname)
    return _codes[self.path]


def compiled_exec(source, globals=None, locals=None):
    if source not in _compiled:
        _compiled[source] = compile(source, "<string>", "exec")
    exec(_compiled[source], globals, locals)


machinery.SourceFileLoader.get_code = get_code
dataclasses.exec = compiled_exec  # dataclasses' own name for the builtin it calls
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
