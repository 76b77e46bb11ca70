"""What a period's figures are written into: ``report`` (the report's workbook, page and
Word draft) and ``remind`` (the letters to units, and their mail-merge lists)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import clock
from ..errors import UsageError
from .common import (
    command,
    handle_errors,
    json_option,
    out_file_option,
    path_type,
    plan_option,
    puts_back_cut,
    source_period_option,
)

if TYPE_CHECKING:
    from ..model import Period

# What report and remind read, as their usage line and a missing-argument message name it
# (click's default would be the parameter's English name, "SOURCE").
SOURCE_METAVAR = "SỔ_CÁI_HOẶC_TỆP_TỔNG_HỢP"

@command()
@click.argument("source", type=path_type(), metavar=SOURCE_METAVAR)
@source_period_option
@out_file_option("Tệp báo cáo (.xlsx).")
@click.option("--html", "html", default=None, metavar="TỆP",
              type=path_type(dir_okay=False),
              help="Ghi thêm báo cáo dạng trang HTML.")
@click.option("--docx", "docx", default=None, metavar="TỆP",
              type=path_type(dir_okay=False),
              help="Ghi thêm dự thảo báo cáo Word (.docx) theo thể thức Nghị định 30/2020.")
@click.option("--plan-out", "plan_out", default=None, metavar="TỆP",
              type=path_type(dir_okay=False),
              help="Ghi thêm bảng kế hoạch (.xlsx) mà số liệu của kỳ được tính theo (bảng kế "
                   "hoạch lần gộp cuối của kỳ dùng, lưu trong sổ cái), kể cả khi bảng kế "
                   "hoạch đã sửa sau đó.")
@plan_option
@json_option("In số liệu của kỳ dạng JSON (cho chương trình khác đọc).")
@handle_errors
@puts_back_cut
def report(source: Path, period_code: str | None, out: Path, html: Path | None, docx: Path | None,
           plan_out: Path | None, plan_key: str | None, as_json: bool) -> None:
    """Bảng tổng hợp kết quả của kỳ, từ sổ cái (.sqlite) hoặc tệp tổng hợp của merge; ghi
    bảng kế hoạch (sổ cái cạnh bảng) thì báo cáo Word ký theo người ký của bảng đó."""
    from ..report import write_report

    result = write_report(source, period_code, out, html=html, docx=docx, plan_key=plan_key,
                          plan_out=plan_out, today=clock.today())
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    say_signed(result.signed, source)
    say_kept(result.kept)
    if as_json:
        data = {**result.summary.as_dict(), "written": [str(p) for p in result.paths],
                "kept_edited": [str(k.kept) for k in result.kept]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for path in result.paths:
        click.echo(f"Đã ghi {path}")


def say_signed(signed: str, source: Path) -> None:
    """Who signs the Word report or letter, when the ledger's last merge said so and not
    a plan table given (SOURCE): a signer changed in Excel since is not it."""
    if signed:
        click.echo(f"{signed}; người ký đã sửa trong bảng kế hoạch sau đó thì chạy lại lệnh, "
                   f"ghi tệp bảng kế hoạch thay cho {source.name}.", err=True)


def say_kept(kept) -> None:
    """Each output the office had edited, kept beside the new one (cchc_xl.edited)."""
    for edit in kept:
        # The folder, absolute: the sentence names both files ("tệp ... (bản đã sửa ...)"
        # once, not again as the path given, relative, repeated its name).
        click.echo(f"Lưu ý: {edit.sentence} (thư mục {edit.kept.resolve().parent}).",
                   err=True)


@command()
@click.argument("source", type=path_type(), metavar=SOURCE_METAVAR)
@source_period_option
@out_file_option("Dự thảo công văn đôn đốc (.docx).")
@click.option("--csv", "csv_out", multiple=True, metavar="TỆP",
              type=path_type(dir_okay=False),
              help="Ghi thêm danh sách đơn vị để trộn thư: tệp .xlsx (mở bằng Excel, làm "
                   "nguồn dữ liệu trộn thư của Word) hoặc .csv (cho chương trình gửi thư); "
                   "ghi cả hai: --csv ds.xlsx --csv ds.csv.")
@click.option("--deadline", "deadline", default=None, metavar="NGÀY",
              help="Hạn gửi (lại) báo cáo, dạng dd/mm/yyyy (hoặc dd/mm: năm theo hạn nộp "
                   "báo cáo của kỳ); không ghi thì ngày trong công văn để trống cho cơ quan "
                   "ghi tay.")
@click.option("--overdue", is_flag=True,
              help="Lập công văn đôn đốc thực hiện các nhiệm vụ chậm tiến độ: gửi các đơn vị "
                   "chủ trì nhiệm vụ chưa hoàn thành, đã quá hạn tại ngày chốt số liệu "
                   "(--deadline: hạn báo cáo kết quả).")
@plan_option
@handle_errors
@puts_back_cut
def remind(source: Path, period_code: str | None, out: Path, csv_out: tuple[Path, ...],
           deadline: str | None, overdue: bool, plan_key: str | None) -> None:
    """Công văn đôn đốc đơn vị chưa gửi, gửi muộn hoặc gửi báo cáo có lỗi (với --overdue:
    đôn đốc nhiệm vụ chưa hoàn thành, đã quá hạn)."""
    from ..letters.remind import blank_deadline, deadline_note, write_reminders

    due = (_deadline_day(deadline, source, period_code, plan_key) if deadline is not None
           else None)
    if overdue:
        from ..letters.overdue import CSV_DEADLINE, DEADLINE, overdue_counts, write_overdue

        result = write_overdue(source, period_code, out, list_out=csv_out, deadline=due,
                               plan_key=plan_key)
        products, rows = overdue_counts(result.units)  # as the letter counts them
        leads = f"; {rows} lượt đơn vị chủ trì" if products < rows else ""
        click.echo(f"Đơn vị có nhiệm vụ quá hạn: {len(result.units)} (nhiệm vụ, sản phẩm "
                   f"quá hạn: {products}{leads})")
        what = DEADLINE
        blank = blank_deadline(clock.today().year, bool(csv_out), what, CSV_DEADLINE)
    else:
        result = write_reminders(source, period_code, out, list_out=csv_out, deadline=due,
                                 plan_key=plan_key)
        click.echo(f"Đơn vị cần đôn đốc: {len(result.reminders)}")
        what, blank = "hạn gửi", blank_deadline(clock.today().year, bool(csv_out))
    for path in result.paths:
        click.echo(f"Đã ghi {path}")
    say_signed(result.signed, source)
    say_kept(result.kept)
    if result.merged_other:  # a period with nothing merged, perhaps not the one meant
        period, merged = result.period, result.merged_other
        asked = ("nhiệm vụ đã đến hạn của mọi đơn vị được tính là chưa báo cáo" if overdue
                 else "công văn đôn đốc mọi đơn vị")
        click.echo(f"Lưu ý: sổ cái chưa có tệp nào được gộp cho kỳ {period.code} "
                   f"({period.name}; các kỳ đã gộp: {', '.join(merged)}): {asked} như chưa "
                   "đơn vị nào gửi báo cáo; lập công văn cho kỳ đã gộp thì chạy lại với "
                   f"--period {merged[-1]}.", err=True)
    if due is None:
        # A draft the office fills in by hand is legitimate: said, not refused.
        example = _deadline_example(result.period, resend=not overdue)
        click.echo(f"Lưu ý: {blank}; để điền sẵn hạn, chạy lại với --deadline dd/mm/yyyy, "
                   f"ví dụ --deadline {example:%d/%m/%Y}.", err=True)
    elif note := deadline_note(due, result.period, what, clock.today(), resend=not overdue):
        click.echo(f"Lưu ý: {note}: sửa hạn trong dự thảo, hoặc chạy lại với --deadline "
                   "ngày khác.", err=True)


def _deadline_day(text: str, source: Path, period_code: str | None, plan_key: str | None):
    """--deadline as the web app's "Hạn gửi lại" reads it: a whole date, or a day and
    month ("25/3") of the year the period's returns are due in (counted.received_day)."""
    from ..merge.counted import received_day
    from ..report import load_period
    from ..xlio import to_date

    day = to_date(text.strip())  # a whole date needs no period: the ledger not read
    if day is None:
        snapshot, _ = load_period(source, period_code, plan_key)
        day = received_day(text, snapshot.period, snapshot.master.plan.year)
    if day is None:
        raise UsageError(f"--deadline: '{text}' không phải ngày (ghi dd/mm/yyyy, ví dụ "
                         f"{_deadline_example():%d/%m/%Y}; hoặc dd/mm, năm được hiểu theo hạn "
                         "nộp báo cáo của kỳ)")
    return day


def _deadline_example(period: Period | None = None, resend: bool = False) -> date:
    """A deadline to give as an example, as the web app's Phản hồi page gives it
    (resend.example_deadline): a week from today; for a letter asking units to send,
    not before the day their feedback gives them (remind.deadline_note)."""
    from ..resend import example_deadline

    return example_deadline(period, clock.today(), resend)
