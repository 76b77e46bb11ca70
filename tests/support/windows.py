"""What Windows does that Linux (the tests' system, run as root) does not, simulated."""

from __future__ import annotations

import errno
import os
import stat


def refuse_removing_read_only(monkeypatch) -> None:
    """``os.unlink``, ``os.remove`` and ``os.rmdir`` refuse a file or folder whose mode
    lacks S_IWRITE, as Windows refuses one marked Read-only (PermissionError, "Access is
    denied"); Linux removes it (its folder's permission is what counts there)."""
    def refusing(real):
        def remove(path, *, dir_fd=None):
            if not os.stat(path, dir_fd=dir_fd, follow_symlinks=False).st_mode & stat.S_IWRITE:
                raise PermissionError(errno.EACCES, "Access is denied", str(path))
            real(path, dir_fd=dir_fd)
        return remove

    for name in ("unlink", "remove", "rmdir"):
        monkeypatch.setattr(os, name, refusing(getattr(os, name)))


def refuse_writing_read_only(monkeypatch) -> None:
    """``open`` (and ``Path.open``) for writing refuse a file whose mode lacks S_IWRITE,
    as Windows does with one marked Read-only (and Linux but for root, the tests' user)."""
    import builtins
    import io

    real = builtins.open

    def open_as_windows(file, mode="r", *args, **kwargs):
        if (isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+")
                and os.path.exists(file) and not os.stat(file).st_mode & stat.S_IWRITE):
            raise PermissionError(errno.EACCES, "Access is denied", str(file))
        return real(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_as_windows)
    monkeypatch.setattr(io, "open", open_as_windows)
