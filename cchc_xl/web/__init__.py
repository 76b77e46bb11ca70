"""``cchc-xl serve``: the yearly cycle in the browser, over the same library as the CLI.

:func:`create_app` builds the Starlette application over a data folder; the CLI runs
it with uvicorn. Pages live in :mod:`cchc_xl.web.pages`, one module per page.

:func:`create_app` is imported when first asked for (``from cchc_xl.web import
create_app``): the modules of the app folder's layout the library reads
(:mod:`cchc_xl.web.app_folder`, by backup.py and swapped.py, which every command calls)
load no Starlette, nor the pages.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
