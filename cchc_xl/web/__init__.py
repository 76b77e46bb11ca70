"""``cchc-xl serve``: the yearly cycle in the browser, over the same library as the CLI.

:func:`create_app` builds the Starlette application over a data folder; the CLI runs
it with uvicorn. Pages live in :mod:`cchc_xl.web.pages`, one module per page.

:func:`create_app` is imported when first asked for (``from cchc_xl.web import
create_app``): a module of the package imported alone loads no Starlette, nor the pages.
The layout of the data folder (the app's own folder and its places) is the library's,
:mod:`cchc_xl.data_folder`: backup, restore and intake read it without the web app, which
the library never imports (tests/test_imports.py).
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
