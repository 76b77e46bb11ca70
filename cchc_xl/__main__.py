"""The `cchc-xl` command (and ``python -m cchc_xl``)."""

import sys


def _streams_take_vietnamese() -> None:
    """Standard output and error able to write every Vietnamese letter.

    Redirected on Windows (``cchc-xl merge ... > nhat-ky.txt``, a scheduled task's log),
    Python writes them in the system's code page (cp1258 on a Vietnamese Windows, cp1252
    on an English one), in which "ệ" or "Ọ" have no byte: the command died with a
    traceback at its first message. A file or pipe is written in UTF-8 (Notepad and
    Excel read it); a terminal keeps its encoding, a letter it has none for shown as
    "?" rather than stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8") or not hasattr(stream, "reconfigure"):
            continue
        try:
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8")
        except (OSError, ValueError):  # a closed or detached stream: nothing to write to
            continue


def run() -> None:
    """Import the command line and run it. A Ctrl-C while the imports run (the first few
    tenths of a second) is answered as one during the command: "Đã dừng.", exit 130,
    not a traceback (cchc_xl.cli.vietnamese.VietnameseGroup.main answers it once they are done)."""
    _streams_take_vietnamese()
    try:
        from .cli import main
    except (KeyboardInterrupt, Exception) as exc:
        # The Ctrl-C itself, or one a library turned into an error of its own as it was
        # imported (openpyxl reading its built-in styles: "TypeError: expected <class
        # 'bool'>", a CI run).
        from .ctrl_c import interrupted

        if not interrupted(exc):
            raise
        sys.stderr.write("Đã dừng.\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
