"""cchc-xl: Excel toolkit for Vietnamese administrative-reform (CCHC) plans.

Use it from Python without the CLI::

    from cchc_xl import load_master
    plan = load_master("workbooks/hoang-hoa-2023/master.xlsx")
    for task in plan.tasks():
        print(task.id, task.content)
"""

__version__ = "0.1.0"

from .errors import CchcError  # noqa: E402
from .master import check_master, load_master, read_master, write_master  # noqa: E402

__all__ = ["CchcError", "check_master", "load_master", "read_master", "write_master",
           "__version__"]
