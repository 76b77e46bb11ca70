"""The ``cchc-xl`` command: parses options, calls one library function per command,
prints results and Vietnamese error messages. No business logic lives here.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from . import __version__
from .cli_click import VietnameseGroup
from .errors import CchcError, UsageError
from .findings import count
from .text import for_people, printable
from .vocab import ERROR, NOTE, WARNING

if TYPE_CHECKING:
    from .model import Period

# After a change to the ledger alone (assess, withdraw): what brings the outputs up to it.
_REFRESH_HINT = ("Tệp tổng hợp được ghi lại theo sổ cái ở lần 'cchc-xl merge' tới (gộp lại "
                 "cùng thư mục là đủ, không cần tệp mới); báo cáo: chạy lại 'cchc-xl report'.")


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


def _print_findings(found, as_json: bool) -> None:
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

def _path(**options) -> click.Path:
    """A path argument or option. Not checked readable by click, which says so in English
    ("Path 'x.xlsx' is not readable"): the library says it in Vietnamese, with what to do."""
    return click.Path(readable=False, path_type=Path, **options)


master_argument = click.argument("master", type=_path())
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
                        type=_path(dir_okay=False), help=help)


def json_option(help: str):
    """--json: print the result as JSON instead of text."""
    return click.option("--json", "as_json", is_flag=True, help=help)


@click.group(cls=VietnameseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc-xl",
                      message="%(prog)s, phiên bản %(version)s", help="Hiện phiên bản rồi thoát.")
def main() -> None:
    """cchc-xl: giao, thu thập và tổng hợp kế hoạch cải cách hành chính bằng Excel.

    Quy trình: import (nhập kế hoạch từ Word) hoặc init (tạo bảng kế hoạch) → check
    → split (tách tệp cho từng đơn vị) → merge (gộp tệp các đơn vị gửi lại)
    → report (bảng tổng hợp, báo cáo).
    """


@main.command()
@click.argument("path", type=_path(dir_okay=False), metavar="[TỆP]", required=False)
# As every other command names what it writes (a probe: "init ... --out xa.xlsx" was
# refused, "không có tùy chọn --out").
@click.option("--out", "out", default=None, metavar="TỆP", type=_path(dir_okay=False),
              help="Bảng kế hoạch sẽ tạo (.xlsx), thay cho TỆP.")
@click.option("--year", type=YEAR, metavar="NĂM",
              help="Năm kế hoạch (mặc định: năm nay nếu tạo trong tháng 1-6, năm sau nếu "
                   "từ tháng 7); kỳ báo cáo tính theo năm này.")
@click.option("--level", default="tinh", show_default=True, metavar="CẤP",
              help="Cấp ban hành: tinh (sở, ban, ngành; các xã, phường: thêm --province), "
                   "xa (các phòng, trung tâm của xã, phường; với --commune không cần ghi) "
                   "hoặc huyen (kế hoạch cấp huyện trước 01/7/2025).")
@click.option("--province", metavar="TỈNH",
              help="Với --level tinh: điền các xã, phường, đặc khu của tỉnh theo danh mục sau "
                   "sắp xếp 01/7/2025, ví dụ \"Thanh Hóa\". Với --commune: tỉnh của xã, "
                   "phường ấy.")
@click.option("--commune", metavar="XÃ",
              help="Kế hoạch của một xã, phường, đặc khu (cấp xã): tên theo danh mục sau "
                   "01/7/2025, ví dụ \"phường Hạc Thành\"; điền cơ quan ban hành và gọi các "
                   "cơ quan theo xã, phường (\"Công an phường\").")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@handle_errors
@click.pass_context
def init(ctx: click.Context, path: Path | None, out: Path | None, year: int | None, level: str,
         province: str | None, commune: str | None, force: bool) -> None:
    """Tạo bảng kế hoạch (master) mới, chưa có nhiệm vụ, từ mẫu trong templates/."""
    from .master import init_master, plan_year, read_master

    if path is not None and out is not None and path != out:
        raise UsageError(f"ghi hai tên tệp ({path} và --out {out}): chỉ ghi một")
    path = path or out
    if path is None:
        raise UsageError("chưa ghi tên tệp bảng kế hoạch sẽ tạo",
                         hint=f"ví dụ cchc-xl init ke-hoach-{plan_year(date.today())}.xlsx "
                              "--commune \"phường Hạc Thành\"")
    if path.suffix.lower() != ".xlsx":
        raise UsageError("bảng kế hoạch là tệp Excel: tên tệp phải có đuôi .xlsx",
                         file=str(path))
    if path.exists() and not force:
        raise UsageError("tệp đã có; dùng --force để ghi đè", file=str(path))
    if commune is not None and not commune.strip(" ,."):
        raise UsageError("chưa ghi tên xã, phường sau --commune",
                         hint='ví dụ --commune "phường Hạc Thành"')
    if commune and ctx.get_parameter_source("level") is ParameterSource.DEFAULT:
        level = "xa"  # a commune's plan
    written = init_master(path, year=year, level=level.strip().lower(), province=province,
                          commune=commune)
    # The place the official list gave (a name matched loosely is said as it is there).
    authority = read_master(written)[0].plan.authority
    click.echo(f"Đã tạo {written}{f' ({authority})' if authority else ''}. Điền trang 'Kế "
               "hoạch', 'Đơn vị', 'Nhóm' và trang lĩnh vực (sao chép cho mỗi lĩnh vực), rồi "
               f"chạy: cchc-xl check {written}")


@main.command("import")
@click.argument("source", type=_path(), metavar="VĂN_BẢN")
@out_file_option("Bảng kế hoạch (master) sẽ tạo, đuôi .xlsx.")
@click.option("--units", "units", default=None, metavar="TỆP",
              help="Lấy danh sách đơn vị, nhóm, tên gọi khác từ bảng kế hoạch năm trước "
                   "hoặc từ một danh sách (cột Tên đơn vị, Loại, Tên gọi khác).")
@click.option("--province", default=None, metavar="TỈNH",
              help="Thêm các xã, phường, đặc khu của tỉnh (danh mục sau 01/7/2025), "
                   "ví dụ \"Thanh Hóa\"; không có --units thì các sở, ban, ngành lấy từ "
                   "mẫu cấp tỉnh.")
@click.option("--year", type=YEAR, metavar="NĂM",
              help="Năm kế hoạch (mặc định: đọc từ tiêu đề văn bản).")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@json_option("In danh sách vấn đề dạng JSON.")
@handle_errors
def import_(source: Path, out: Path, units: Path | None, province: str | None,
            year: int | None, force: bool, as_json: bool) -> None:
    """Nhập kế hoạch đã ban hành (Word .docx/.doc hoặc Excel) thành bảng kế hoạch.

    Mã thoát 0: không có vấn đề; 1: đã tạo bảng nhưng có lỗi hoặc cảnh báo cần xem,
    hoặc văn bản không đọc được (hỏng, không có bảng nhiệm vụ: không tạo bảng);
    2: gọi lệnh sai, hoặc tệp không phải văn bản Word hay bảng tính Excel (PDF, tệp
    rỗng: không tạo bảng).
    """
    from .plan_import import import_plan

    result = import_plan(source, out, units=units, province=province, year=year, force=force)
    _print_findings(result.findings, as_json)
    m = result.master
    if not as_json:
        click.echo(f"Đã tạo {result.path}: {len(m.areas)} lĩnh vực, {len(m.tasks())} nhiệm vụ, "
                   f"{len(m.deliverables())} sản phẩm, {len(m.units)} đơn vị.")
        click.echo(_next_after_import(result.path, m, result.findings))
    sys.exit(1 if result.problems else 0)


def _next_after_import(path: Path, plan, found) -> str:
    """What the office does next, as `init` says it: a newcomer left at "Đã tạo …" did
    not know the plan's period codes the split asks for (Q1, 6T, …, not Q2, Q4)."""
    codes = ", ".join(p.code for p in plan.periods)
    split = f"cchc-xl split {path} --period KỲ --out giao-KỲ (các kỳ: {codes})"
    if count(found, ERROR):
        return (f"Tiếp theo: sửa các lỗi trên trong {path} (mở bằng Excel), chạy lại "
                f"cchc-xl check {path} đến khi hết lỗi, rồi tạo tệp giao cho đơn vị: {split}")
    if found:
        return (f"Tiếp theo: xem lại các điểm trên trong {path} (mở bằng Excel), rồi tạo "
                f"tệp giao cho đơn vị: {split}")
    return f"Tiếp theo: tạo tệp giao cho đơn vị: {split}"


def _next_after_split(master: Path, result) -> str:
    """Where the files go and how they come back: the web app's Giao việc page says it;
    the command ended at the manifest's name."""
    from .xlio import vn_date

    code = result.period.code
    due = f", chậm nhất ngày {vn_date(result.period.due)}" if result.period.due else ""
    return (f"Tiếp theo: gửi mỗi đơn vị tệp của mình; đơn vị điền các ô nền vàng rồi gửi "
            f"lại chính tệp đó{due}. Để các tệp nhận về chung một thư mục (ví dụ "
            f"nhan-ve-{code}), rồi gộp: cchc-xl merge {master} nhan-ve-{code} --period "
            f"{code} --out tong-hop-{code}.xlsx --feedback phan-hoi-{code}")


@main.command()
@master_argument
@json_option("In danh sách vấn đề dạng JSON.")
@handle_errors
def check(master: Path, as_json: bool) -> None:
    """Kiểm tra bảng kế hoạch: đơn vị không rõ, thời hạn không đọc được, mã trùng..."""
    from .master import check_master
    from .master.check import refuse_other_kinds
    from .xlio import require_file

    refuse_other_kinds(require_file(master))  # a unit's file, a ledger: called wrongly
    found = check_master(master)
    _print_findings(found, as_json)
    sys.exit(1 if count(found, ERROR) else 0)


@main.command()
@master_argument
@json_option("In toàn bộ kế hoạch dạng JSON.")
@handle_errors
def show(master: Path, as_json: bool) -> None:
    """Hiển thị kế hoạch: lĩnh vực, nhiệm vụ, đơn vị, thời hạn."""
    from .master import load_master
    from .plan_codec import plan_to_dict
    from .plan_text import plan_as_text

    plan = load_master(master)
    if as_json:
        click.echo(json.dumps(plan_to_dict(plan, assignments=False), ensure_ascii=False,
                              indent=2))
    else:
        click.echo(plan_as_text(plan))


@main.command()
@master_argument
@period_option
@click.option("--out", "out_dir", required=True, metavar="THƯ_MỤC",
              type=_path(file_okay=False),
              help="Thư mục ghi các tệp của đơn vị.")
@click.option("--force", is_flag=True, help="Ghi vào thư mục đã có tệp.")
@click.option("--password", default=None, metavar="MẬT_KHẨU",
              help="Mật khẩu bảo vệ trang tính (mặc định: không có).")
@click.option("--ledger", "ledger_path", default=None, metavar="SỔ_CÁI",
              type=_path(),
              help="Sổ cái của kỳ trước: điền sẵn số liệu đơn vị đã báo cáo (trừ nhiệm vụ "
                   "thường xuyên, định kỳ: báo cáo mới mỗi kỳ).")
@click.option("--return-to", "return_to", default=None, metavar="NƠI_NHẬN",
              help="Đơn vị gửi lại tệp cho ai, bằng cách nào (ghi ở trang Hướng dẫn của mỗi "
                   "tệp); mặc định: dòng 'Nơi nhận báo cáo' của bảng kế hoạch.")
@silent_option
@handle_errors
def split(master: Path, period_code: str, out_dir: Path, force: bool, password: str | None,
          ledger_path: Path | None, return_to: str | None, silent: bool) -> None:
    """Tách bảng kế hoạch thành một tệp Excel cho mỗi đơn vị được giao nhiệm vụ."""
    from .master import load_master
    from .split import split_master

    plan = load_master(master)
    if ledger_path is not None:
        ledger_path = _ledger_behind(ledger_path)
    with progress_bar(silent, "Tạo tệp") as callback:
        result = split_master(plan, period_code, out_dir, force=force, password=password,
                              ledger=ledger_path, progress=callback, return_to=return_to)
    click.echo(f"Đã tạo {len(result.files)} tệp cho kỳ {result.period.code} trong {out_dir}")
    for finding in result.findings:
        click.echo(finding.render(), err=True)
    if result.unassigned:
        click.echo(result.unassigned_note + ".")
    click.echo(f"Danh sách tệp đã tạo: {result.manifest_csv}")
    click.echo(_next_after_split(master, result))


@main.command()
@master_argument
@click.argument("inputs", nargs=-1, required=True, metavar="TỆP_GỬI_VỀ...",
                type=_path())
@period_option
@out_file_option("Tệp tổng hợp (.xlsx).")
@click.option("--db", "db", default=None, metavar="SỔ_CÁI",
              type=_path(dir_okay=False),
              help="Sổ cái SQLite (mặc định: cạnh tệp tổng hợp).")
@click.option("--feedback", "feedback_dir", default=None, metavar="THƯ_MỤC",
              type=_path(file_okay=False),
              help="Thư mục ghi tệp phản hồi cho từng đơn vị, đánh dấu lỗi tại chỗ.")
@click.option("--received", "received", default=None, metavar="NGÀY",
              help="Ngày cơ quan nhận các tệp mới (dd/mm/yyyy, dd/mm/yy, hoặc dd/mm; "
                   "mặc định: hôm nay), "
                   "dùng để tính gửi đúng hạn hay muộn.")
@click.option("--wait", "wait_seconds", type=click.FloatRange(min=0), default=None,
              metavar="GIÂY",
              help="Chờ tối đa bấy nhiêu giây khi sổ cái đang được lần gộp khác ghi "
                   "(mặc định 120).")
@json_option("In kết quả dạng JSON.")
@silent_option
@handle_errors
def merge(master: Path, inputs: tuple[Path, ...], period_code: str, out: Path, db: Path | None,
          feedback_dir: Path | None, received: str | None, wait_seconds: float | None,
          as_json: bool, silent: bool) -> None:
    """Gộp các tệp đơn vị gửi lại: kiểm tra, lưu sổ cái, ghi bảng tổng hợp.

    TỆP_GỬI_VỀ là các tệp hoặc thư mục (đọc cả thư mục con); tệp nén .zip chứa bảng tính
    được giải nén vào kho lưu, từng tệp bên trong được gộp riêng."""
    from .master import load_master
    from .merge import STEP_FEEDBACK, STEP_TABLE, merge_returns

    plan = load_master(master)
    day = _received(received, plan, period_code) if received is not None else None
    with progress_bar(silent or as_json, "Đọc tệp", (STEP_TABLE, STEP_FEEDBACK)) as callback:
        waits = {} if wait_seconds is None else {"wait_seconds": wait_seconds}
        result = merge_returns(plan, list(inputs), period_code, out, db=db,
                               feedback_dir=feedback_dir, progress=callback, received=day,
                               waiting=lambda text: click.echo(text, err=True), **waits)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(result.summary())
        late = date.today() - result.period.due
        if day is None and late.days > _RECEIVED_SLACK_DAYS and any(
                not f.known for f in result.run_files):
            click.echo(f"Lưu ý: các tệp mới lần này được ghi là nhận hôm nay "
                       f"({date.today():%d/%m/%Y}), sau hạn gửi báo cáo "
                       f"{result.period.due:%d/%m/%Y} {late.days} ngày, nên đơn vị gửi đúng "
                       "hạn bị tính là gửi muộn; tệp nhận từ trước thì gộp với --received "
                       "NGÀY_NHẬN.", err=True)
    sys.exit(result.exit_code)


# Files merged this many days after the period's due date without --received: told that
# today counts as the day they were received.
_RECEIVED_SLACK_DAYS = 30


def _ledger_behind(path: Path) -> Path:
    """The ledger given, or the one a consolidated workbook names (as report takes it)."""
    from .report import resolve_ledger

    return resolve_ledger(path)[0]


def _received(text: str, plan, period_code: str):
    """--received as the web app's "Ngày nhận" reads it (counted.received_day): 18/9 is
    a day of the plan's year, or of the next for a year's report due in January."""
    from .merge.counted import received_day
    from .periods import period_of

    period = period_of(plan, period_code)
    day = received_day(text, period, plan.plan.year)
    if day is None:
        raise UsageError(f"--received: '{text}' không phải ngày (ghi dd/mm/yyyy hoặc "
                         f"dd/mm/yy, ví dụ {period.due:%d/%m/%Y}; hoặc dd/mm, năm được "
                         f"hiểu theo hạn nộp báo cáo của kỳ, {period.due:%d/%m/%Y})")
    return day


def _deadline_day(text: str, source: Path, period_code: str | None, plan_key: str | None):
    """--deadline as the web app's "Hạn gửi lại" reads it: a whole date, or a day and
    month ("25/3") of the year the period's returns are due in (counted.received_day)."""
    from .merge.counted import received_day
    from .report import load_period
    from .xlio import to_date

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
    """A deadline to give as an example: a week from today; for a letter asking units to
    send their returns, not before the period's own due day (the day their files give
    them, which remind.deadline_note says a letter should not undercut)."""
    week = date.today() + timedelta(days=7)
    return max(week, period.due) if resend and period is not None else week


@main.command()
@click.argument("workbook", metavar="TỆP_TỔNG_HỢP", type=_path())
@handle_errors
def assess(workbook: Path) -> None:
    """Đọc cột 'Đánh giá của cơ quan tổng hợp' của tệp tổng hợp vào sổ cái."""
    from .consolidated.link import assess as read_assessments
    from .consolidated.link import assessed_words, not_verdicts, passed_unreported
    from .merge.result import figure_lines
    from .report import summarize

    kept: list[str] = []
    typed: dict = {}
    changes: dict = {}
    _, snapshot = read_assessments(workbook, kept=kept, read=typed, changes=changes)
    summary = summarize(snapshot)
    # Verdicts, remarks and cells emptied counted apart, as the web app says it.
    click.echo(f"{assessed_words(changes, f'sổ cái {snapshot.db_path}')}; kỳ "
               f"{snapshot.period.code} có {summary.assessed_rows} dòng do cơ quan tổng hợp "
               "đánh giá.")
    for line in figure_lines(summary):
        click.echo(line)
    click.echo(_REFRESH_HINT)
    if odd := passed_unreported(changes, snapshot.counted_rows, snapshot.master):
        click.echo(f"Lưu ý: tệp {workbook}: {odd}", err=True)
    for said in kept:  # typed into an older copy: the office must choose
        click.echo(f"Cảnh báo: tệp {workbook}: {said}.", err=True)
    # "OK luôn": kept as a remark, judging nothing; the office must know.
    remarks = {k: a for k, a in typed.items() if a and a.note and not a.verdict}
    if remarks:
        click.echo(f"Cảnh báo: tệp {workbook}: "
                   + not_verdicts(remarks, snapshot.master, "trong tệp tổng hợp được ghi lại "
                                  "sau lần 'cchc-xl merge' tới, rồi chạy lại lệnh này"),
                   err=True)
    if kept or remarks:
        sys.exit(1)


@main.command()
@click.argument("ledger_path", metavar="SỔ_CÁI", type=_path())
@click.option("--file", "file_ref", required=True, metavar="SHA_HOẶC_TÊN",
              help="Tệp cần rút: tên tệp, đường dẫn như đã gộp, hoặc đầu mã SHA-256 (≥ 8 ký tự).")
@click.option("--period", "period_code", default=None, metavar="KỲ",
              help="Mã kỳ, khi cùng tệp đã gộp vào nhiều kỳ.")
@click.option("--reason", default="", metavar="LÝ_DO", help="Lý do rút (ghi vào sổ cái).")
@handle_errors
def withdraw(ledger_path: Path, file_ref: str, period_code: str | None, reason: str) -> None:
    """Rút một tệp đã gộp nhầm khỏi mọi số liệu (vẫn giữ trong lịch sử của sổ cái)."""
    from .ledger.lock import ledger_lock
    from .merge.counted import report_day_kept, withdraw_file

    if ledger_path.is_file():
        ledger_path = _ledger_behind(ledger_path)
    # Never in the middle of a merge of the same ledger (none: withdraw_file says so).
    held = ledger_lock(ledger_path) if ledger_path.is_file() else contextlib.nullcontext()
    with held:
        sub = withdraw_file(ledger_path, file_ref, period_code, reason)
    click.echo(f"Đã rút tệp {for_people(sub.path)} (kỳ {sub.period}, đơn vị "
               f"{sub.unit or 'không rõ'}) khỏi số liệu; tệp vẫn được giữ trong sổ cái với "
               "kết quả 'Đã rút'.")
    if kept := report_day_kept(sub, ledger_path):
        click.echo(kept)
    click.echo(_REFRESH_HINT)


@main.command()
@master_argument
@out_file_option("Tệp phụ lục (.xlsx).")
@handle_errors
def appendix(master: Path, out: Path) -> None:
    """In các phụ lục nhiệm vụ của kế hoạch, đúng thể thức văn bản."""
    from .appendix import write_appendix
    from .master import load_master

    click.echo(f"Đã ghi {write_appendix(load_master(master), out)}")


@main.command()
@click.argument("source", type=_path())
@source_period_option
@out_file_option("Tệp báo cáo (.xlsx).")
@click.option("--html", "html", default=None, metavar="TỆP",
              type=_path(dir_okay=False),
              help="Ghi thêm báo cáo dạng trang HTML.")
@click.option("--docx", "docx", default=None, metavar="TỆP",
              type=_path(dir_okay=False),
              help="Ghi thêm dự thảo báo cáo Word (.docx) theo thể thức Nghị định 30/2020.")
@click.option("--plan-out", "plan_out", default=None, metavar="TỆP",
              type=_path(dir_okay=False),
              help="Ghi thêm bảng kế hoạch (.xlsx) mà số liệu của kỳ được tính theo (bảng kế "
                   "hoạch lần gộp cuối của kỳ dùng, lưu trong sổ cái), kể cả khi bảng kế "
                   "hoạch đã sửa sau đó.")
@plan_option
@json_option("In số liệu của kỳ dạng JSON (cho chương trình khác đọc).")
@handle_errors
def report(source: Path, period_code: str | None, out: Path, html: Path | None, docx: Path | None,
           plan_out: Path | None, plan_key: str | None, as_json: bool) -> None:
    """Bảng tổng hợp kết quả của kỳ, từ sổ cái (.sqlite) hoặc tệp tổng hợp của merge."""
    from .report import write_report

    result = write_report(source, period_code, out, html=html, docx=docx, plan_key=plan_key,
                          plan_out=plan_out)
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    _say_kept(result.kept)
    if as_json:
        data = {**result.summary.as_dict(), "written": [str(p) for p in result.paths],
                "kept_edited": [str(k.kept) for k in result.kept]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for path in result.paths:
        click.echo(f"Đã ghi {path}")


def _say_kept(kept) -> None:
    """Each output the office had edited, kept beside the new one (cchc_xl.edited)."""
    for edit in kept:
        # The folder, absolute: the sentence names both files ("tệp ... (bản đã sửa ...)"
        # once, not again as the path given, relative, repeated its name).
        click.echo(f"Lưu ý: {edit.sentence} (thư mục {edit.kept.resolve().parent}).",
                   err=True)


@main.command()
@click.argument("folder", type=_path(), metavar="THƯ_MỤC", required=False)
@out_file_option("Tệp sao lưu (.zip), ghi ra ngoài thư mục được sao lưu (ổ khác, USB).", False)
@click.option("--check", "checked", default=None, metavar="TỆP", type=_path(dir_okay=False),
              help="Không sao lưu: kiểm tra tệp sao lưu (.zip) đã có, từng tệp bên trong.")
@click.option("--wait", "wait_seconds", type=click.FloatRange(min=0), default=None,
              metavar="GIÂY", help="Chờ tối đa bấy nhiêu giây khi sổ cái đang được một lần "
                                   "gộp ghi (mặc định 120).")
@silent_option
@handle_errors
def backup(folder: Path | None, out: Path | None, checked: Path | None,
           wait_seconds: float | None, silent: bool) -> None:
    """Sao lưu cả thư mục làm việc (bảng kế hoạch, tệp giao, tệp nhận về, sổ cái và kho
    lưu, báo cáo, công văn) vào một tệp .zip; khôi phục: giải nén vào thư mục trống.

    THƯ_MỤC: thư mục làm việc của ứng dụng (serve --data), hoặc thư mục kết quả của các
    lệnh (nơi có sổ cái cchc-ledger.sqlite). Mã thoát 0: đã ghi; 1: đã ghi nhưng có tệp
    không đọc được (không có trong bản sao lưu); 2: gọi lệnh sai. Với --check TỆP: 0 mọi
    tệp nguyên vẹn; 1: tệp .zip hoặc tệp bên trong bị hỏng; 2: không phải tệp sao lưu."""
    from .backup import check_command, write_backup
    from .bounds import size_text
    from .xlio import check_not_input

    if checked is not None or folder is None or out is None:
        sys.exit(check_command(checked, folder, out, say=click.echo))
    if folder.is_file():  # a ledger (or the consolidated workbook naming it): its folder
        folder = _ledger_behind(folder).parent
    check_not_input(out, "tệp sao lưu", [(folder, "thư mục được sao lưu")])
    waits = {} if wait_seconds is None else {"wait_seconds": wait_seconds}
    with progress_bar(silent, "Sao lưu") as callback:
        made = write_backup(folder, out, progress=callback, **waits,
                            waiting=lambda text: click.echo(text, err=True))
    for item in made.left_out:
        click.echo(f"{'Cảnh báo' if item.lost else 'Lưu ý'}: không sao lưu {item.path}: "
                   f"{item.reason}.", err=True)
    click.echo(f"Đã ghi {made.path}: {len(made.files)} tệp, {size_text(made.written)}"
               + (f" (sổ cái {', '.join(made.databases)} chép khi không có lần gộp nào "
                  "đang ghi)" if made.databases else "") + ".")
    sys.exit(1 if made.lost else 0)


@main.command()
@click.option("--data", "data_dir", default="cchc-du-lieu", metavar="THƯ_MỤC",
              type=_path(file_okay=False),
              help="Thư mục làm việc: bảng kế hoạch, tệp giao, tệp nhận về, sổ cái, báo cáo "
                   "(mặc định: cchc-du-lieu).")
@click.option("--port", default=8765, metavar="CỔNG", type=click.IntRange(0, 65535),
              help="Cổng mạng (mặc định 8765; 0: chọn cổng trống).")
@click.option("--host", default=None, metavar="ĐỊA_CHỈ",
              help="Mở cho máy khác (ví dụ 0.0.0.0); khi đó phải đặt mật khẩu "
                   "(hỏi khi khởi động, hoặc biến môi trường CCHC_XL_PASSWORD).")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@handle_errors
def serve(data_dir: Path, port: int, host: str | None, no_browser: bool) -> None:
    """Mở ứng dụng trên trình duyệt: cả chu trình trong năm trên thư mục làm việc."""
    from .web.security import is_loopback
    from .web.server import serve as run_server

    password = None
    if host is not None and not is_loopback(host):
        password = os.environ.get("CCHC_XL_PASSWORD")
        if not password and not sys.stdin.isatty():  # nobody to ask (a service, a script)
            raise UsageError("mở cho máy khác (--host) cần mật khẩu: đặt biến môi trường "
                             "CCHC_XL_PASSWORD, hoặc chạy lệnh trong cửa sổ lệnh để nhập")
        password = password or click.prompt(
            "Đặt mật khẩu cho người dùng từ máy khác", hide_input=True,
            confirmation_prompt="Nhập lại mật khẩu")
    run_server(data_dir, host=host or "127.0.0.1", port=port, password=password,
               open_browser=not no_browser, say=click.echo)


@main.command()
@click.argument("source", type=_path(), metavar="SỔ_CÁI_HOẶC_TỆP_TỔNG_HỢP")
@source_period_option
@out_file_option("Dự thảo công văn đôn đốc (.docx).")
@click.option("--csv", "csv_out", multiple=True, metavar="TỆP",
              type=_path(dir_okay=False),
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
def remind(source: Path, period_code: str | None, out: Path, csv_out: tuple[Path, ...],
           deadline: str | None, overdue: bool, plan_key: str | None) -> None:
    """Công văn đôn đốc đơn vị chưa gửi, gửi muộn hoặc gửi báo cáo có lỗi (với --overdue:
    đôn đốc nhiệm vụ chưa hoàn thành, đã quá hạn)."""
    from .letters.remind import blank_deadline, deadline_note, write_reminders

    due = (_deadline_day(deadline, source, period_code, plan_key) if deadline is not None
           else None)
    if overdue:
        from .letters.overdue import CSV_DEADLINE, DEADLINE, overdue_counts, write_overdue

        result = write_overdue(source, period_code, out, list_out=csv_out, deadline=due,
                               plan_key=plan_key)
        products, rows = overdue_counts(result.units)  # as the letter counts them
        leads = f"; {rows} lượt đơn vị chủ trì" if products < rows else ""
        click.echo(f"Đơn vị có nhiệm vụ quá hạn: {len(result.units)} (nhiệm vụ, sản phẩm "
                   f"quá hạn: {products}{leads})")
        what = DEADLINE
        blank = blank_deadline(date.today().year, bool(csv_out), what, CSV_DEADLINE)
    else:
        result = write_reminders(source, period_code, out, list_out=csv_out, deadline=due,
                                 plan_key=plan_key)
        click.echo(f"Đơn vị cần đôn đốc: {len(result.reminders)}")
        what, blank = "hạn gửi", blank_deadline(date.today().year, bool(csv_out))
    for path in result.paths:
        click.echo(f"Đã ghi {path}")
    _say_kept(result.kept)
    if due is None:
        # A draft the office fills in by hand is legitimate: said, not refused.
        example = _deadline_example(result.period, resend=not overdue)
        click.echo(f"Lưu ý: {blank}; để điền sẵn hạn, chạy lại với --deadline dd/mm/yyyy, "
                   f"ví dụ --deadline {example:%d/%m/%Y}.", err=True)
    elif note := deadline_note(due, result.period, what, date.today(), resend=not overdue):
        click.echo(f"Lưu ý: {note}: sửa hạn trong dự thảo, hoặc chạy lại với --deadline "
                   "ngày khác.", err=True)


if __name__ == "__main__":
    main()
