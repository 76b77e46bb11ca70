"""What the ``cchc-xl`` commands share: library errors said as one line and an exit
code, the progress bar, findings printed, the options several commands take, and
:func:`command`, the one way a command is made (Vietnamese help, cli/vietnamese.py)."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from pathlib import Path

import click

from ..errors import CchcError
from ..findings import count
from ..text import printable
from ..vocab import ERROR, NOTE, WARNING
from .vietnamese import VietnameseCommand


def command(name: str | None = None):
    """A ``cchc-xl`` command, its help in Vietnamese; cli/__init__.py adds it to the group
    (in the order the group was always given them)."""
    return click.command(name, cls=VietnameseCommand)

def _fail(exc: CchcError) -> None:
    click.echo(printable(f"Lỗi: {exc.render()}"), err=True)  # a path not UTF-8: escaped
    sys.exit(exc.exit_code)


def handle_errors(fn):
    """Turn library errors into one line on stderr and the error's exit code; a command
    asked for ``--json`` also prints the error as JSON on stdout (a program reading it
    gets an answer it can parse, not nothing)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CchcError as exc:
            if kwargs.get("as_json"):
                click.echo(json.dumps({"error": exc.as_dict()}, ensure_ascii=False, indent=2))
            _fail(exc)

    return wrapper


def puts_back_cut(fn):
    """A restore of the app cut off midway put back first, in each folder the command is
    given a path in or of (:func:`cchc_xl.swapped.put_back_around`), and said on stderr as
    the app's start says it; one that cannot be: UsageError, the command not run. Under
    :func:`handle_errors`. ``serve`` has it from the app's start (create_app)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from ..swapped import put_back_around

        given = [p for value in kwargs.values()
                 for p in (value if isinstance(value, (tuple, list)) else (value,))
                 if isinstance(p, Path)]
        for line in put_back_around(given):
            click.echo(printable(line), err=True)
        return fn(*args, **kwargs)

    wrapper.puts_back_cut = True
    return wrapper


@contextlib.contextmanager
def progress_bar(silent: bool, label: str, steps: tuple[str, ...] = ()):
    """A progress callback for the library, drawing a click progress bar on stderr; an
    item "<step>: <file>" of one of ``steps`` (merge's writing steps) gets a bar of its
    own, labelled with the step."""
    if silent:
        yield None
        return
    current: list = []  # (label, bar) of the bar drawn, made when its total is known

    def callback(done: int, total: int, item: str) -> None:
        step, name = label, item
        for known in steps:
            if item.startswith(f"{known}: "):
                step, name = known, item[len(known) + 2:]
        if not current or current[0][0] != step:
            if current:
                current.pop()[1].__exit__(None, None, None)
            bar = click.progressbar(length=total, label=step, file=sys.stderr,
                                    show_pos=True, item_show_func=lambda x: x)
            bar.__enter__()
            current.append((step, bar))
        bar = current[0][1]
        bar.current_item = name
        bar.update(done - bar.pos)

    try:
        yield callback
    finally:
        if current:
            current[0][1].__exit__(None, None, None)


def print_findings(found, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in found], ensure_ascii=False, indent=2))
        return
    for f in found:
        click.echo(f.render())
    click.echo(
        f"{count(found, ERROR)} lỗi, {count(found, WARNING)} cảnh báo, "
        f"{count(found, NOTE)} ghi nhận."
    )


# A year a plan may have: a typo ("20226") is told, not a traceback.
YEAR = click.IntRange(1900, 2200)


# --- options several commands share ---------------------------------------------------

def path_type(**options) -> click.Path:
    """A path argument or option. Not checked readable by click, which says so in English
    ("Path 'x.xlsx' is not readable"): the library says it in Vietnamese, with what to do."""
    return click.Path(readable=False, path_type=Path, **options)


master_argument = click.argument("master", type=path_type())
period_option = click.option("--period", "period_code", required=True, metavar="KỲ",
                             help="Mã kỳ báo cáo (trang 'Kỳ báo cáo').")
# report and remind read a consolidated workbook, which is of one period, or a ledger,
# which may hold one period merged: the period is asked for only where it is not known.
source_period_option = click.option(
    "--period", "period_code", default=None, metavar="KỲ",
    help="Mã kỳ báo cáo (trang 'Kỳ báo cáo'); bỏ trống: kỳ của tệp tổng hợp, hoặc kỳ duy "
         "nhất đã gộp vào sổ cái.")
silent_option = click.option("--silent", is_flag=True, help="Không hiện tiến trình.")
plan_option = click.option("--plan", "plan_key", default=None, metavar="MÃ",
                           help="Mã kế hoạch, khi sổ cái chứa nhiều kế hoạch.")


def out_file_option(help: str, required: bool = True):
    """--out naming one file the command writes."""
    return click.option("--out", "out", required=required, metavar="TỆP",
                        type=path_type(dir_okay=False), help=help)


def json_option(help: str):
    """--json: print the result as JSON instead of text."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def ledger_behind(path: Path) -> Path:
    """The ledger given, or the one a consolidated workbook names (as report takes it)."""
    from ..report import resolve_ledger

    return resolve_ledger(path)[0]
