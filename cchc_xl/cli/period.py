"""The period's work: ``split`` (a workbook for each unit), ``merge`` (the returns taken
back into the ledger), ``assess`` (the office's verdicts read back) and ``withdraw`` (a
file merged by mistake taken out of the figures)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from .. import clock
from ..assessment import COLUMN as ASSESSMENT_COLUMN
from ..errors import UsageError
from ..folder_names import (
    CONSOLIDATED,
    FEEDBACK_DIR,
    INTAKE_DIR,
    REMINDER_DOCX,
    REPORT_DOCX,
    REPORT_XLSX,
    period_name,
)
from .common import (
    command,
    handle_errors,
    json_option,
    ledger_behind,
    master_argument,
    out_file_option,
    path_type,
    period_option,
    progress_bar,
    puts_back_cut,
    silent_option,
)


@command()
@master_argument
@period_option
@click.option("--out", "out_dir", required=True, metavar="THƯ_MỤC",
              type=path_type(file_okay=False),
              help="Thư mục ghi các tệp của đơn vị.")
@click.option("--force", is_flag=True, help="Tạo lại tệp giao của kế hoạch này vào thư mục "
              "đã có (tệp của kế hoạch khác không bị ghi đè).")
@click.option("--password", default=None, metavar="MẬT_KHẨU",
              help="Mật khẩu bảo vệ trang tính (mặc định: không có).")
@click.option("--ledger", "ledger_path", default=None, metavar="SỔ_CÁI",
              type=path_type(),
              help="Sổ cái của kỳ trước: điền sẵn số liệu đơn vị đã báo cáo (trừ nhiệm vụ "
                   "thường xuyên, định kỳ: báo cáo mới mỗi kỳ).")
@click.option("--return-to", "return_to", default=None, metavar="NƠI_NHẬN",
              help="Đơn vị gửi lại tệp cho ai, bằng cách nào (ghi ở trang Hướng dẫn của mỗi "
                   "tệp); mặc định: dòng 'Nơi nhận báo cáo' của bảng kế hoạch.")
@silent_option
@handle_errors
@puts_back_cut
def split(master: Path, period_code: str, out_dir: Path, force: bool, password: str | None,
          ledger_path: Path | None, return_to: str | None, silent: bool) -> None:
    """Tách bảng kế hoạch thành một tệp Excel cho mỗi đơn vị được giao nhiệm vụ."""
    from ..master import load_master
    from ..period_plan import kept_plan, made_before, merged_before
    from ..plan_amended import split_kept, split_since
    from ..split import split_master

    plan = given = load_master(master)
    if ledger_path is not None:
        ledger_path = ledger_behind(ledger_path)
        # A period whose report is due is made from the plan it keeps, as merge counts it
        # and the Giao việc page makes it (a QA pass: Quý I made again after the plan was
        # amended gave the sở merged since a file its merge refused).
        plan = kept_plan(given, period_code, ledger_path) or given
    # The files made before into this folder, from another version of the plan: said once
    # made again, as the Giao việc page says it (read before they are written over).
    apart, before = made_before(out_dir, plan, ledger_path) if force else (False, None)
    with progress_bar(silent, "Tạo tệp") as callback:
        result = split_master(plan, period_code, out_dir, force=force, password=password,
                              ledger=ledger_path, progress=callback, return_to=return_to)
    click.echo(f"Đã tạo {len(result.files)} tệp cho kỳ {result.period.code} trong {out_dir}"
               + _prefilled_said(result))
    for finding in result.findings:
        click.echo(finding.render(), err=True)
    if result.unassigned:
        click.echo(result.unassigned_note + ".")
    if plan is not given:
        click.echo(f"Lưu ý: {split_kept(plan, given, result.period, _RECOUNT_THEN_SPLIT)}.")
    if apart:
        click.echo(_resend_said(before, plan, master, out_dir, ledger_path))
    elif ledger_path is not None and (merged := merged_before(plan, result.period,
                                                              ledger_path)) and (
            since := split_since(merged[0], plan, merged[1], result.period)):
        click.echo(f"Lưu ý: {since}.")
    # The workbook: the CSV opened in one column on a Windows set to Vietnamese.
    click.echo(f"Danh sách tệp đã tạo: {result.manifest_xlsx} (dạng CSV, JSON cho chương "
               f"trình khác: {result.manifest_csv.name}, {result.manifest_json.name})")
    click.echo(_next_after_split(master, result))


# A due period's files made from the plan it keeps (plan_amended.split_kept): how the office
# counts it with the table given instead.
_RECOUNT_THEN_SPLIT = "gộp lại kỳ này với --recount rồi tạo lại tệp"


def _resend_said(before, plan, master: Path, out_dir: Path, ledger_path: Path | None) -> str:
    """Whose files the plan changed since the files made before into ``out_dir``
    (plan_amended.files_changed, the Giao việc page's words); when that plan is not known
    (None), that they were made from another version of it."""
    from ..plan_amended import files_changed

    if before is not None:
        return files_changed(before, plan, made=True, by=f"bảng kế hoạch {master}") or (
            f"Các tệp tạo lần trước trong {out_dir} theo bảng kế hoạch trước khi sửa; tệp của "
            "mọi đơn vị không đổi, không cần gửi lại.")
    return (f"Các tệp tạo lần trước trong {out_dir} theo bảng kế hoạch khác (trước khi sửa) "
            f"đã được thay: gửi lại tệp mới cho các đơn vị"
            + ("" if ledger_path is not None else "; muốn biết đơn vị nào có tệp khác, tạo lại "
               "với --ledger SỔ_CÁI") + ".")


def _prefilled_said(result) -> str:
    """How many files and rows --ledger filled in with the units' earlier answers, after
    the summary line ("" without --ledger): the office could not tell whether it had."""
    if result.ledger is None:
        return ""
    files, rows = result.prefilled
    if not rows:
        return "; sổ cái chưa có kết quả kỳ trước nào của các đơn vị để điền sẵn"
    return f"; đã điền sẵn kết quả kỳ trước từ sổ cái: {rows} dòng ở {files} tệp"


def _next_after_split(master: Path, result) -> str:
    """Where the files go and how they come back: the web app's Giao việc page says it;
    the command ended at the manifest's name."""
    from ..xlio import vn_date

    code = result.period.code
    due = f", chậm nhất ngày {vn_date(result.period.due)}" if result.period.due else ""
    returns = period_name(INTAKE_DIR, code)  # the web app's names (folder_names)
    return (f"Tiếp theo: gửi mỗi đơn vị tệp của mình; đơn vị điền các ô nền vàng rồi gửi "
            f"lại chính tệp đó{due}. Để các tệp nhận về chung một thư mục (ví dụ "
            f"{returns}), rồi gộp: cchc-xl merge {master} {returns} --period {code} --out "
            f"{period_name(CONSOLIDATED, code)} --feedback {period_name(FEEDBACK_DIR, code)}")


@command()
@master_argument
@click.argument("inputs", nargs=-1, required=True, metavar="TỆP_GỬI_VỀ...",
                type=path_type())
@period_option
@out_file_option("Tệp tổng hợp (.xlsx).")
@click.option("--db", "db", default=None, metavar="SỔ_CÁI",
              type=path_type(dir_okay=False),
              help="Sổ cái SQLite (mặc định: cạnh tệp tổng hợp).")
@click.option("--feedback", "feedback_dir", default=None, metavar="THƯ_MỤC",
              type=path_type(file_okay=False),
              help="Thư mục ghi tệp phản hồi cho từng đơn vị, đánh dấu lỗi tại chỗ.")
@click.option("--received", "received", default=None, metavar="NGÀY",
              help="Ngày cơ quan nhận các tệp mới (dd/mm/yyyy, dd/mm/yy, hoặc dd/mm; "
                   "mặc định: hôm nay), "
                   "dùng để tính gửi đúng hạn hay muộn.")
@click.option("--wait", "wait_seconds", type=click.FloatRange(min=0), default=None,
              metavar="GIÂY",
              help="Chờ tối đa bấy nhiêu giây khi sổ cái đang được lần gộp khác ghi "
                   "(mặc định 120).")
@click.option("--recount", is_flag=True,
              help="Kỳ đã qua hạn gửi báo cáo: tính lại theo bảng kế hoạch ghi trong lệnh "
                   "(mặc định: giữ bảng kế hoạch của lần gộp trước của kỳ đó, số liệu đã gộp "
                   "không đổi).")
@json_option("In kết quả dạng JSON.")
@silent_option
@handle_errors
@puts_back_cut
def merge(master: Path, inputs: tuple[Path, ...], period_code: str, out: Path, db: Path | None,
          feedback_dir: Path | None, received: str | None, wait_seconds: float | None,
          recount: bool, as_json: bool, silent: bool) -> None:
    """Gộp các tệp đơn vị gửi lại: kiểm tra, lưu sổ cái, ghi bảng tổng hợp.

    TỆP_GỬI_VỀ là các tệp hoặc thư mục (đọc cả thư mục con); tệp nén .zip chứa bảng tính
    được giải nén vào kho lưu, từng tệp bên trong được gộp riêng. Kỳ đã qua hạn gửi báo
    cáo được gộp theo bảng kế hoạch của lần gộp trước của kỳ đó (--recount: theo bảng ghi
    trong lệnh)."""
    from ..master import load_master
    from ..merge import STEP_FEEDBACK, STEP_TABLE, merge_returns
    from ..temporary import scratch_of_the_process

    plan = load_master(master)
    plan, kept = (plan, "") if recount else _period_plan(plan, period_code, db, out)
    day = _received(received, plan, period_code) if received is not None else None
    # Its temporary files apart, named for it: the next merge removes them if it is killed.
    with progress_bar(silent or as_json, "Đọc tệp", (STEP_TABLE, STEP_FEEDBACK)
                      ) as callback, scratch_of_the_process("merge"):
        waits = {} if wait_seconds is None else {"wait_seconds": wait_seconds}
        result = merge_returns(plan, list(inputs), period_code, out, db=db,
                               feedback_dir=feedback_dir, progress=callback, received=day,
                               waiting=lambda text: click.echo(text, err=True), **waits)
    if as_json:
        click.echo(json.dumps(result.as_dict() | {"plan_kept": kept}, ensure_ascii=False,
                              indent=2))
    else:
        click.echo(result.summary())
        if kept:
            click.echo(f"Lưu ý: {kept}.")
        click.echo(_next_after_merge(inputs, out, result))
        late = clock.today() - result.period.due
        if day is None and late.days > _RECEIVED_SLACK_DAYS and any(
                not f.known for f in result.run_files):
            click.echo(f"Lưu ý: các tệp mới lần này được ghi là nhận hôm nay "
                       f"({clock.today():%d/%m/%Y}), sau hạn gửi báo cáo "
                       f"{result.period.due:%d/%m/%Y} {late.days} ngày, nên đơn vị gửi đúng "
                       "hạn bị tính là gửi muộn; tệp nhận từ trước thì gộp với --received "
                       "NGÀY_NHẬN.", err=True)
    sys.exit(result.exit_code)


def _period_plan(plan, period_code: str, db: Path | None, out: Path):
    """The plan a merge of the period counts with, and what to tell the office ("": the
    plan given): a period whose report is due keeps the plan its last merge counted with,
    as the web app merges it (period_plan.counted_with, the one rule). A late file
    of a unit the amendment merged away, merged into Quý I as the refusal advised, had the
    period recounted with the amended plan, the answers it no longer asks dropped."""
    from ..ledger import default_db
    from ..period_plan import kept_plan
    from ..plan_amended import kept_since

    period = plan.period(period_code)
    before = kept_plan(plan, period_code, db or default_db(out))
    if period is None or before is None:
        return plan, ""
    return before, kept_since(before, plan, period, "chạy lại lệnh này, thêm --recount")


def _next_after_merge(inputs: tuple[Path, ...], out: Path, result) -> str:
    """What follows a merge, as import and split end: the feedback files sent, the files
    sent again merged by the same command, the report and the reminder letter with the
    names beside the consolidated workbook (a QA pass following the README: the merge
    ended at its problems and the office read the README for what came next); the
    outputs named as the web app names them (folder_names), beside ``out``."""
    code = result.period.code

    def beside(pattern: str) -> Path:
        return out.with_name(period_name(pattern, code))

    steps = []
    if result.feedback and result.feedback_dir is not None:
        steps.append(f"gửi đơn vị các tệp phản hồi trong {result.feedback_dir}")
    folder = inputs[0] if len(inputs) == 1 and inputs[0].is_dir() else None
    steps.append("tệp đơn vị gửi sau (cả tệp đã sửa) thì để vào "
                 + (f"{folder}" if folder is not None else "cùng chỗ với các tệp đã gộp")
                 + " rồi chạy lại đúng lệnh này (tệp đã gộp không bị tính hai lần)")
    steps.append(f"ghi 'Đạt' / 'Chưa đạt' ở cột '{ASSESSMENT_COLUMN}' của {out} "
                 f"(nếu cần) rồi chạy cchc-xl assess {out}")
    steps.append(f"lập báo cáo: cchc-xl report {out} --out {beside(REPORT_XLSX)} --docx "
                 f"{beside(REPORT_DOCX)}")
    if set(result.missing_units) - result.own_units or result.feedback:
        steps.append(f"công văn đôn đốc đơn vị chưa gửi hoặc còn lỗi: cchc-xl remind {out} "
                     f"--out {beside(REMINDER_DOCX)}")
    return "Tiếp theo: " + "; ".join(steps) + "."


# Files merged this many days after the period's due date without --received: told that
# today counts as the day they were received.
_RECEIVED_SLACK_DAYS = 30


def _received(text: str, plan, period_code: str):
    """--received as the web app's "Ngày nhận" reads it (counted.received_day): 18/9 is
    a day of the plan's year, or of the next for a year's report due in January."""
    from ..merge.counted import received_day
    from ..periods import period_of

    period = period_of(plan, period_code)
    day = received_day(text, period, plan.plan.year)
    if day is None:
        raise UsageError(f"--received: '{text}' không phải ngày (ghi dd/mm/yyyy hoặc "
                         f"dd/mm/yy, ví dụ {period.due:%d/%m/%Y}; hoặc dd/mm, năm được "
                         f"hiểu theo hạn nộp báo cáo của kỳ, {period.due:%d/%m/%Y})")
    return day


# After a change to the ledger alone (assess, withdraw): what brings the outputs up to it.
_REFRESH_HINT = ("Tệp tổng hợp được ghi lại theo sổ cái ở lần 'cchc-xl merge' tới (gộp lại "
                 "cùng thư mục là đủ, không cần tệp mới); báo cáo: chạy lại 'cchc-xl report'.")
# The workbook open in Excel or LibreOffice as `assess` reads it: the verdicts typed since
# it was last saved are not in the file (a QA pass: Đạt typed, the command run before
# Ctrl+S, "Không có đánh giá nào thay đổi" and nothing else said).
_OPEN_HINT = ("đang mở trong Excel hoặc LibreOffice: đánh giá đã gõ mà chưa lưu thì chưa được "
              "đọc; lưu tệp (Ctrl+S) rồi chạy lại lệnh này (tệp đã đóng thì bỏ qua lưu ý này)")


@command()
@click.argument("workbook", metavar="TỆP_TỔNG_HỢP", type=path_type())
@handle_errors
@puts_back_cut
def assess(workbook: Path) -> None:
    """Đọc cột 'Đánh giá của cơ quan tổng hợp' của tệp tổng hợp vào sổ cái."""
    from ..consolidated.link import assess as read_assessments
    from ..consolidated.link import assessed_words, not_verdicts, passed_unreported
    from ..intake.collect import open_elsewhere
    from ..merge.result import figure_lines
    from ..report import summarize
    from ..report.said import assessed_rows_words

    kept: list[str] = []
    typed: dict = {}
    changes: dict = {}
    _, snapshot = read_assessments(workbook, kept=kept, read=typed, changes=changes)
    summary = summarize(snapshot)
    # Verdicts, remarks and cells emptied counted apart, as the web app says it.
    # The rows assessed, reconciled with the figures' count (report.said.assessed_rows_words).
    click.echo(f"{assessed_words(changes, f'sổ cái {snapshot.db_path}')}; kỳ "
               f"{snapshot.period.code} có {assessed_rows_words(summary)}.")
    for line in figure_lines(summary):
        click.echo(line)
    click.echo(_REFRESH_HINT)
    if open_elsewhere(workbook):
        click.echo(f"Lưu ý: tệp {workbook} {_OPEN_HINT}.", err=True)
    if odd := passed_unreported(changes, snapshot.counted_rows, snapshot.master):
        click.echo(f"Lưu ý: tệp {workbook}: {odd}", err=True)
    for said in kept:  # typed into an older copy: the office must choose
        click.echo(f"Cảnh báo: tệp {workbook}: {said}.", err=True)
    # "OK luôn": kept as a remark, judging nothing; the office must know.
    remarks = {k: a for k, a in typed.items() if a and a.note and not a.verdict}
    if remarks:
        click.echo(f"Cảnh báo: tệp {workbook}: "
                   # in this very file: read again, it is recorded (the advice was to
                   # wait for the next merge's workbook, a round trip for nothing)
                   + not_verdicts(remarks, snapshot.master, "ngay trong tệp này, lưu lại rồi "
                                  "chạy lại lệnh này"),
                   err=True)
    if kept or remarks:
        sys.exit(1)


@command()
@click.argument("ledger_path", metavar="SỔ_CÁI", type=path_type())
@click.option("--file", "file_ref", required=True, metavar="SHA_HOẶC_TÊN",
              help="Tệp cần rút: tên tệp, đường dẫn tới tệp (như khi gộp, hay viết cách khác: "
                   "đầy đủ, từ thư mục đang đứng), hoặc đầu mã SHA-256 (≥ 8 ký tự).")
@click.option("--period", "period_code", default=None, metavar="KỲ",
              help="Mã kỳ, khi cùng tệp đã gộp vào nhiều kỳ.")
@click.option("--reason", default="", metavar="LÝ_DO", help="Lý do rút (ghi vào sổ cái).")
@handle_errors
@puts_back_cut
def withdraw(ledger_path: Path, file_ref: str, period_code: str | None, reason: str) -> None:
    """Rút một tệp đã gộp nhầm khỏi mọi số liệu (vẫn giữ trong lịch sử của sổ cái)."""
    from ..ledger.lock import ledger_lock
    from ..merge.counted import (
        AlreadyWithdrawn,
        merged_into,
        report_day_kept,
        shown_path,
        withdraw_file,
    )

    if ledger_path.is_file():
        ledger_path = ledger_behind(ledger_path)
    # Never in the middle of a merge of the same ledger (none: withdraw_file says so).
    held = ledger_lock(ledger_path) if ledger_path.is_file() else contextlib.nullcontext()
    try:
        with held:
            sub = withdraw_file(ledger_path, file_ref, period_code, reason)
    except AlreadyWithdrawn as done:  # nothing to do, no error: exit 0
        click.echo(f"{done.message[:1].upper()}{done.message[1:]}.")
        return
    click.echo(f"Đã rút tệp {shown_path(sub.path, ledger_path)} "
               f"({merged_into(sub, ledger_path)}, đơn vị "
               f"{sub.unit or 'không rõ'}) khỏi số liệu; tệp vẫn được giữ trong sổ cái với "
               "kết quả 'Đã rút'.")
    if kept := report_day_kept(sub, ledger_path):
        click.echo(kept)
    click.echo(_REFRESH_HINT)
