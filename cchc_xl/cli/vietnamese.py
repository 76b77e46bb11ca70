"""The ``cchc-xl`` command line in Vietnamese: click writes its own help headings, tags
and usage errors in English; the people who run cchc-xl read Vietnamese, so the few
pieces click shows are rendered here (help screens, "[mặc định: …]", a wrong option or
value), and a Ctrl-C is one line and exit 130."""

from __future__ import annotations

import json
import re
import sys

import click

from ..ctrl_c import interrupted
from ..errors import UsageError

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."


class _VietnameseHelp:
    """Help screens with Vietnamese headings (mixed into click's Command and Group)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Cách dùng: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [rv for p in self.get_params(ctx)  # type: ignore[attr-defined]
                   if isinstance(p, click.Option)
                   and (rv := p.get_help_record(ctx)) is not None]
        if records:
            with formatter.section("Tùy chọn"):
                formatter.write_dl([(opt, _help_text(text)) for opt, text in records])
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)  # type: ignore[attr-defined]
        found = [(name, self.get_command(ctx, name)) for name in names]  # type: ignore[attr-defined]
        commands = [(name, cmd) for name, cmd in found if cmd is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Lệnh"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit))
                                    for name, cmd in commands])


def _help_text(text: str) -> str:
    """An option's help with click's English tags said in Vietnamese."""
    text = text.replace("[required]", "[bắt buộc]").replace("[default: ", "[mặc định: ")
    return re.sub(r"\[x>=(\S+)\]", r"[từ \1 trở lên]",
                  re.sub(r"\[(\S+)<=x<=(\S+)\]", r"[từ \1 đến \2]", text))


class VietnameseCommand(_VietnameseHelp, click.Command):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


def usage_message(exc: click.UsageError) -> str:
    """A click usage error said in Vietnamese."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Option):
            return f"thiếu tùy chọn {' / '.join(exc.param.opts)}"
        return f"thiếu tham số {exc.param.human_readable_name.rstrip('.')}"
    if isinstance(exc, click.NoSuchOption):
        text = f"không có tùy chọn {exc.option_name}"
        if exc.possibilities:
            text += f"; có phải: {', '.join(sorted(exc.possibilities))}?"
        return text
    if isinstance(exc, click.BadParameter):
        where = exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else "tham số"
        return f"giá trị không hợp lệ cho {where}: {_click_reason(exc.message.rstrip('.'))}"
    message = exc.format_message().rstrip(".")
    m = re.match(r"No such command '([^']+)'", message)
    if m:
        close = re.search(r"Did you mean '([^']+)'", message)
        return f"không có lệnh '{m[1]}'" + (f"; có phải '{close[1]}'?" if close else "")
    m = re.match(r"Got unexpected extra arguments? \((.+)\)", message)
    if m:
        return f"thừa tham số: {m[1]}"
    return message


# click's own reasons for a bad value, said in Vietnamese (pattern -> template).
_CLICK_REASONS = (
    (r"'(.*)' is not a valid integer( range)?", "'{0}' không phải số nguyên"),
    (r"'(.*)' is not a valid float( range)?", "'{0}' không phải số"),
    (r"(.+) is not in the range (\S+)<=x<=(\S+)", "{0} ngoài khoảng từ {1} đến {2}"),
    (r"(.+) is not in the range x>=(\S+)", "{0} nhỏ hơn {1}"),
    (r"File '(.*)' is a directory", "'{0}' là thư mục, cần tên tệp"),
    (r"Directory '(.*)' is a file", "'{0}' là tệp, cần tên thư mục"),
    (r"(?:File|Directory|Path) '(.*)' does not exist", "không có '{0}'"),
)


def _click_reason(message: str) -> str:
    for pattern, said in _CLICK_REASONS:
        m = re.fullmatch(pattern, message)
        if m:
            return said.format(*m.groups())
    return message


class VietnameseGroup(_VietnameseHelp, click.Group):
    command_class = VietnameseCommand

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, *args, standalone_mode: bool = True, **kwargs):  # type: ignore[override]
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            try:
                result = super().main(*args, standalone_mode=False, **kwargs)
            except RuntimeError as exc:
                # A Ctrl-C while a class is made in a module the command imports late
                # (a dataclass's fields): Python raises it as a RuntimeError caused by it.
                if interrupted(exc):
                    raise click.Abort() from exc
                raise
        except click.exceptions.NoArgsIsHelpError as exc:  # bare "cchc-xl": its help
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            path = exc.ctx.command_path if exc.ctx else "cchc-xl"
            text = usage_message(exc)
            end = " " if text.endswith("?") else ". "
            given = kwargs.get("args", args[0] if args else None)
            if _asked_for_json(given):  # as handle_errors answers
                error = UsageError(text, hint=f"xem: {path} --help").as_dict()
                click.echo(json.dumps({"error": error}, ensure_ascii=False, indent=2))
            click.echo(f"Lỗi: {text}{end}Xem: {path} --help", err=True)
            sys.exit(2)
        except click.Abort:  # Ctrl-C: 130 as a shell says it, not 1 (errors in the data)
            # Interrupted half-way through setting up workers, Python's multiprocessing
            # may leave a finaliser half made, whose "Exception ignored" traceback would
            # print after this line at exit: nothing the user can act on.
            sys.unraisablehook = lambda unraisable: None
            click.echo("Đã dừng.", err=True)
            sys.exit(130)
        except click.ClickException as exc:
            click.echo(f"Lỗi: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


def _asked_for_json(args: list[str] | None) -> bool:
    """Whether the command line (``sys.argv`` when not given) asks for ``--json``, before
    a ``--`` that ends the options: a program reading the answer gets JSON on stdout even
    when the call itself was wrong."""
    args = sys.argv[1:] if args is None else list(args)
    return "--json" in args[:args.index("--")] if "--" in args else "--json" in args
