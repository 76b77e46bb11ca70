"""Every module of the package imports on its own, in a fresh interpreter, whatever was
imported before it.

The package's ``__init__`` imports nothing (the command answers Ctrl-C during its
imports: cchc_xl.__main__), so no module can rely on another having been imported
first. A cycle did: "import cchc_xl.merge" in a fresh process, as the web app's workers
start (forkserver), stopped on cchc_xl.overwrite half made, and every merge of the web
app failed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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
# The data folder's layout (what a backup leaves out, where a cut restore is noted) is
# read by every command from the library's data_folder; nothing of the web package is
# loaded, nor Starlette.
print(sorted(m for m in sys.modules
             if m.split(".")[0] in ("starlette", "uvicorn")
             or m == "cchc_xl.web" or m.startswith("cchc_xl.web.")))
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


# The library: every module of cchc_xl but the web app and the command (cli/, and
# __main__.py, which only starts cli). It is used without them (``from cchc_xl import
# load_master``, a backup made by a script); what it needs of the data folder's layout
# is its own (data_folder.py).
_APPS = ("cchc_xl.web", "cchc_xl.cli", "cchc_xl.__main__")
# ...nor what only they use: the command line's click, the web app's server (progress is
# a callback the command supplies, errors the library's exceptions it renders).
_APP_PACKAGES = ("click", "starlette", "uvicorn")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(source: str, package: str) -> list[tuple[int, str]]:
    """Every module a module of ``package`` imports in ``source``, in full (relative
    imports resolved), with its line: at the top, inside a function, under ``if
    TYPE_CHECKING``; ``from . import web`` as the module it names too;
    ``importlib.import_module("…")`` with a literal name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[:len(parts) - node.level + 1],
                                 *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None))
              in ("import_module", "__import__")):
            found.append((node.lineno, node.args[0].value))
    return found


def _app_imports(source: str, package: str) -> list[tuple[int, str]]:
    """The imports of the web app or the command in ``source`` (a module of ``package``),
    the first module each line names of them."""
    found: dict[int, str] = {}
    for line, module in _imported(source, package):
        if any(module == app or module.startswith(app + ".")
               for app in (*_APPS, *_APP_PACKAGES)):
            found.setdefault(line, module)
    return sorted(found.items())


def test_the_library_imports_neither_the_web_app_nor_the_command():
    """No module of the library imports cchc_xl.web or cchc_xl.cli (nor click, Starlette,
    uvicorn), read from every module's source (an import inside a function too, which the
    test above, running a command, sees only when that function runs): backup.py, swapped.py and
    intake/collect.py took the data folder's layout from web/app_folder.py and
    web/pending.py, so that the library could not be used without the web app. The
    layout is the library's now (data_folder.py), and the web app takes it from there."""
    library = [p for p in sorted((ROOT / "cchc_xl").rglob("*.py"))
               if not _module_name(p).startswith(_APPS)]
    assert len(library) > 100  # the scan sees the library
    found = []
    for path in library:
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found += [f"{path.relative_to(ROOT)}:{line} imports {module}"
                  for line, module in _app_imports(path.read_text(encoding="utf-8"), package)]
    assert found == [], "\n".join(found)


def test_the_scan_of_imports_sees_each_way_of_writing_one():
    """The test above fails on each way an import of the web app or the command can be
    written, at the top or inside a function, absolute or relative; and not on the
    library's own modules of the same names lower down (intake/web.py would be one)."""
    written = ["import cchc_xl.web.pending",
               "from cchc_xl.web import pending",
               "from cchc_xl import web",
               "def f():\n    from ..web.pending import Noted",
               "def f():\n    from .. import cli",
               "from ..cli.common import library_errors",
               "import importlib\nimportlib.import_module('cchc_xl.cli.common')",
               "import click", "def f():\n    from starlette.requests import Request"]
    for source in written:
        assert _app_imports(source, "cchc_xl.intake"), source
    for source in ("from . import web", "from .web import x", "from ..data_folder import APP_DIR",
                   "import cchc_xl.webbed", "import clickhouse"):
        assert not _app_imports(source, "cchc_xl.intake"), source
