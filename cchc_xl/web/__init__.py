"""``cchc-xl serve``: the yearly cycle in the browser, over the same library as the CLI.

:func:`create_app` builds the Starlette application over a data folder; the CLI runs
it with uvicorn. Pages live in :mod:`cchc_xl.web.pages`, one module per page.
"""

from .app import create_app

__all__ = ["create_app"]
