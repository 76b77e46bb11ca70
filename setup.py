"""One step setuptools does not do from pyproject.toml alone: ``templates/`` (beside the
package in the source tree, where the office's wording, styles and blank masters are
edited and the scripts rebuild them) is copied into the built package as
``cchc_xl/_templates``, so that cchc-xl installed with pip (a wheel, not this checkout)
finds its templates (``cchc_xl/templates.py``). So is the user guide, the app's "Hướng dẫn"
page (``docs/huong-dan.md`` and its pictures, ``docs/img/``), as ``cchc_xl/_docs``
(``cchc_xl/web/guide.py``). Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent / "templates"
PACKAGED = "_templates"  # cchc_xl/templates.py's INSTALLED
DOCS = Path(__file__).resolve().parent / "docs"
GUIDE = "huong-dan.md"  # cchc_xl/web/guide.py's GUIDE...
PICTURES = "img"  # ...its PICTURES...
DOCS_PACKAGED = "_docs"  # ...and INSTALLED


class BuildWithTemplates(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads templates/ where it is
        target = Path(self.build_lib) / "cchc_xl" / PACKAGED
        shutil.copytree(SOURCE, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", ".~lock.*"))
        docs = Path(self.build_lib) / "cchc_xl" / DOCS_PACKAGED
        docs.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DOCS / GUIDE, docs / GUIDE)
        shutil.copytree(DOCS / PICTURES, docs / PICTURES, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithTemplates})
