"""Where the office's templates live: the blank masters, the guide text of split
workbooks, the report's page and notes, the Word documents' wording (``*.docx.j2``)
and style file. Wording and look are edited there, not in Python.

The folder is the one named by the ``CCHC_XL_TEMPLATES`` environment variable; else
``_templates/`` inside the package, where an installed cchc-xl has its copy (pip, from
a wheel: setup.py copies ``templates/`` there when the package is built); else
``templates/`` beside the package (a source checkout, as `make` installs it, editable).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import office_ui, vocab
from .errors import CchcError

if TYPE_CHECKING:  # imported on first render: every command imports this module
    import jinja2

_BESIDE_PACKAGE = Path(__file__).resolve().parent.parent / "templates"
# An installed copy's (setup.py's PACKAGED); never in a checkout (.gitignore). Looked
# for first: beside an installed package is site-packages, where another project may
# have left a "templates" folder of its own.
INSTALLED = Path(__file__).resolve().parent / "_templates"


def templates_dir() -> Path:
    env = os.environ.get("CCHC_XL_TEMPLATES")
    if env:
        return Path(env)
    return _INSTALLED_OR_BESIDE


_INSTALLED_OR_BESIDE = INSTALLED if INSTALLED.is_dir() else _BESIDE_PACKAGE  # looked once


def template_path(name: str) -> Path:
    path = templates_dir() / name
    if not path.exists():
        raise CchcError(f"không tìm thấy mẫu '{name}' trong {templates_dir()}",
                        hint="đặt biến CCHC_XL_TEMPLATES chỉ tới thư mục templates/")
    return path


@lru_cache(maxsize=4)
def _environment(folder: str) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["vocab"] = vocab  # labels are spelled once, in vocab, templates included
    env.globals["office_ui"] = office_ui  # so are the names of the programs' commands
    return env


def render(name: str, **context: object) -> str:
    """Render a jinja2 template from the templates folder."""
    folder = templates_dir()
    if not (folder / name).exists():
        template_path(name)  # raises the error naming the folder
    return _environment(str(folder)).get_template(name).render(**context)
