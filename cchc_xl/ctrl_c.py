"""Whether an error was a Ctrl-C: Python, or a library, may turn the KeyboardInterrupt
into an error of its own, the Ctrl-C kept as its cause or context."""

from __future__ import annotations


def interrupted(exc: BaseException | None) -> bool:
    """Whether ``exc`` was caused by a Ctrl-C (KeyboardInterrupt), however deep: a
    dataclass made as it came ("RuntimeError: Error calling __set_name__"), openpyxl
    reading its built-in styles as the command starts (its descriptors turn any error
    into "TypeError: expected <class 'bool'>")."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False
