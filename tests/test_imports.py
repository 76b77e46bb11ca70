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

from support.paths import HH_MASTER, ROOT

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


# A command started and run (`check`: the plan read, its hint built with the plan table's
# name), and the lines saying what to run next made with the period's file names, in a
# fresh interpreter: the web app, its pages and workspace, and Starlette are not among
# what it imported.
_COMMAND_ALONE = """
import sys
from types import SimpleNamespace
from pathlib import Path
from cchc_xl.cli import main
from cchc_xl.cli.period import _next_after_merge, _next_after_split
try:
    main(["check", sys.argv[1]])
except SystemExit:
    pass
period = SimpleNamespace(code="9T", due=None)
print(_next_after_split(Path("ke-hoach.xlsx"), SimpleNamespace(period=period)))
print(_next_after_merge((Path("nhan-ve-9T"),), Path("tong-hop-9T.xlsx"), SimpleNamespace(
    period=period, feedback=[], feedback_dir=None, missing_units=["X02"], own_units=set())))
# The app folder's layout (web.app_folder: what a backup leaves out, where a cut restore
# is noted) is read by every command; the app itself, its pages and Starlette are not.
print(sorted(m for m in sys.modules
             if m.split(".")[0] in ("starlette", "uvicorn")
             or m.startswith(("cchc_xl.web.app.", "cchc_xl.web.pages", "cchc_xl.web.workspace"))
             or m == "cchc_xl.web.app"))
"""


def test_the_command_line_imports_no_web_app():
    """The command line names the web app's files from cchc_xl.folder_names, not from
    web/workspace.py, which would start Starlette with every command."""
    done = subprocess.run([sys.executable, "-c", _COMMAND_ALONE, str(HH_MASTER)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *said, imported = done.stdout.strip().split("\n")
    assert "tong-hop-9T.xlsx" in said[-2] and "don-doc-9T.docx" in said[-1], said
    assert imported == "[]", imported
