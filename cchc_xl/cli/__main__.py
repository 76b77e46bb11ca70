"""``python -m cchc_xl.cli``: the command line run as it ran while it was one module,
cli.py (scripts and notes written then call it so). The same entry as ``cchc-xl`` and
``python -m cchc_xl``, so the same help, messages, Ctrl-C answer and exit codes."""

from ..__main__ import run

if __name__ == "__main__":
    run()
