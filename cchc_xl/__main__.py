"""The `cchc-xl` command (and ``python -m cchc_xl``)."""

import sys


def run() -> None:
    """Import the command line and run it. A Ctrl-C while the imports run (the first few
    tenths of a second) is answered as one during the command: "Đã dừng.", exit 130,
    not a traceback (cchc_xl.cli.vietnamese.VietnameseGroup.main answers it once they are done)."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng.\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
