"""cchc-xl: Excel toolkit for Vietnamese administrative-reform (CCHC) plans.

Use it from Python without the CLI::

    from cchc_xl import load_master
    plan = load_master("workbooks/hoang-hoa-2023/master.xlsx")
    for task in plan.tasks():
        print(task.id, task.content)
"""

__version__ = "0.1.0"

# Imported when first asked for (PEP 562): the `cchc-xl` command starts from
# cchc_xl.__main__, which must be running before openpyxl and the rest are imported, so
# that a Ctrl-C during those imports is answered as one (cchc_xl.__main__.run).
_EXPORTS = {"CchcError": "errors", "check_master": "master", "load_master": "master",
            "read_master": "master", "write_master": "master"}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
