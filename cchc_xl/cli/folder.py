"""The office's working folder: ``serve`` (the web app on it), ``backup`` (it as one
ZIP, or such a ZIP checked with ``--check``) and ``restore`` (such a ZIP made a working
folder again, in a new folder)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UsageError
from .common import (
    command,
    handle_errors,
    ledger_behind,
    out_file_option,
    path_type,
    progress_bar,
    puts_back_cut,
    silent_option,
)

if TYPE_CHECKING:
    from ..backup_check import Checked
    from ..restore import Restored


@command()
@click.argument("folder", type=path_type(), metavar="THƯ_MỤC", required=False)
@out_file_option("Tệp sao lưu (.zip), ghi ra ngoài thư mục được sao lưu (ổ khác, USB).", False)
@click.option("--check", "checked", default=None, metavar="TỆP", type=path_type(dir_okay=False),
              help="Không sao lưu: kiểm tra tệp sao lưu (.zip) đã có, từng tệp bên trong.")
@click.option("--wait", "wait_seconds", type=click.FloatRange(min=0), default=None,
              metavar="GIÂY", help="Chờ tối đa bấy nhiêu giây khi sổ cái đang được một lần "
                                   "gộp ghi (mặc định 120).")
@silent_option
@handle_errors
@puts_back_cut
def backup(folder: Path | None, out: Path | None, checked: Path | None,
           wait_seconds: float | None, silent: bool) -> None:
    """Sao lưu cả thư mục làm việc (bảng kế hoạch, tệp giao, tệp nhận về, sổ cái và kho
    lưu, báo cáo, công văn) vào một tệp .zip.

    THƯ_MỤC: thư mục làm việc của ứng dụng (serve --data), hoặc thư mục kết quả của các
    lệnh (nơi có sổ cái cchc-ledger.sqlite). Mã thoát 0: đã ghi; 1: đã ghi nhưng có tệp
    không đọc được (không có trong bản sao lưu); 2: gọi lệnh sai, hoặc không ghi đè bản
    sao lưu đã có mà bản mới thiếu sổ cái hay tệp bản đó có, hoặc của kế hoạch khác
    (không ghi gì); 3: không ghi được tệp sao lưu lúc này (ổ đĩa đầy, không có quyền ghi,
    sổ cái bị gộp hay chương trình khác giữ quá lâu: không ghi gì, sửa rồi chạy lại).
    Với --check TỆP: 0 mọi tệp nguyên vẹn; 1: tệp .zip hoặc tệp bên trong bị hỏng, hoặc
    không an toàn; 2: không phải tệp sao lưu. Khôi phục: cchc-xl restore TỆP.zip --to
    THƯ_MỤC_MỚI."""
    from ..backup import unmerged_said, write_backup
    from ..bounds import size_text
    from ..xlio import check_not_input

    if checked is not None or folder is None or out is None:
        sys.exit(_backup_checked(checked, folder, out))
    if folder.is_file():  # a ledger (or the consolidated workbook naming it): its folder
        folder = ledger_behind(folder).parent
    check_not_input(out, "tệp sao lưu", [(folder, "thư mục được sao lưu")])
    waits = {} if wait_seconds is None else {"wait_seconds": wait_seconds}
    with progress_bar(silent, "Sao lưu") as callback:
        made = write_backup(folder, out, progress=callback, **waits,
                            waiting=lambda text: click.echo(text, err=True))
    for item in made.left_out:
        click.echo(f"{'Cảnh báo' if item.lost else 'Lưu ý'}: không sao lưu {item.path}: "
                   f"{item.reason}.", err=True)
    for upload in made.unmerged:
        click.echo(f"Lưu ý: {unmerged_said(upload)}.", err=True)
    click.echo(f"Đã ghi {made.path}: {len(made.files)} tệp, {size_text(made.written)}"
               + (f" (sổ cái {', '.join(made.databases)} chép khi không có lần gộp nào "
                  "đang ghi)" if made.databases else "") + ".")
    sys.exit(1 if made.lost else 0)


def _backup_checked(checked: Path | None, folder: Path | None, out: Path | None) -> int:
    """``cchc-xl backup --check TỆP`` (given alone): say what the backup holds and
    whether each file is whole; the exit code (0: whole, 1: a file is not)."""
    from ..backup_check import check_backup

    if checked is None or folder is not None or out is not None:
        raise UsageError("cần THƯ_MỤC và --out TỆP để sao lưu, hoặc chỉ --check TỆP (kiểm "
                         "tra tệp sao lưu)")
    result = check_backup(checked)
    for line in _checked_lines(result):
        click.echo(line)
    return 1 if result.wrong else 0


# What a backup made by an older version, or of a folder with no ledger, says of its plans.
NO_PLAN = "bản sao lưu không ghi (không có sổ cái, hoặc do phiên bản cũ ghi)"


def _checked_lines(checked: Checked) -> list[str]:
    """What ``cchc-xl backup --check`` prints: what the backup holds, then whether each
    file is whole, naming those that are not."""
    from ..backup import made_at_said, plans_said
    from ..backup_check import DAMAGED_HINT
    from ..bounds import size_text
    from ..text import vn_number

    m = checked.manifest
    made = made_at_said(m.get("made_at"))
    plans = plans_said(m.get("plans") or [])
    files = m["files"]
    lines = [f"Tệp sao lưu {checked.path}: sao lưu {made} bằng cchc-xl {m.get('cchc_xl', '?')}, "
             f"từ thư mục {m.get('folder', '?')}.",
             f"Kế hoạch: {plans or NO_PLAN}.",
             # Unzipped: the size the backup command said is the .zip's, smaller (a QA
             # pass read "1,2 MB" written, "1,3 MB" checked, of one backup).
             f"Gồm {vn_number(len(files))} tệp, {size_text(sum(f['size'] for f in files))} "
             "khi giải nén"
             + (f" (sổ cái: {', '.join(map(str, m['databases']))})" if m.get("databases")
                else "") + ".",
             *_noted_lines(m)]
    if not checked.wrong:
        return [*lines, "Mọi tệp nguyên vẹn (đúng kích thước và mã SHA-256 lúc sao lưu): "
                        "dùng được để khôi phục."]
    return [*lines, *(f"Lỗi: {w}." for w in checked.wrong),
            f"Có {vn_number(len(checked.wrong))}/{vn_number(len(files))} tệp không nguyên vẹn: "
            f"không dùng bản sao lưu này để khôi phục ({DAMAGED_HINT})."]


def _noted_lines(manifest: dict) -> list[str]:
    """What the backup left out, and the uploads it holds to merge, as the backup said
    them when it was made."""
    from ..backup import unmerged_said

    def listed(key: str) -> list[dict]:  # as written, or nothing (a manifest changed)
        found = manifest.get(key)
        return [i for i in found if isinstance(i, dict)] if isinstance(found, list) else []

    left, unmerged = listed("left_out"), listed("unmerged")
    return [*(f"Lưu ý: không sao lưu {i.get('path')}: {i.get('reason')}." for i in left),
            *(f"Lưu ý: {unmerged_said(u)}." for u in unmerged)]


@command()
@click.argument("zip_path", type=path_type(dir_okay=False), metavar="TỆP_SAO_LƯU")
@click.option("--to", "folder", required=True, metavar="THƯ_MỤC", type=path_type(),
              help="Thư mục mới (lệnh tự tạo) hoặc thư mục trống để khôi phục vào; không "
                   "bao giờ ghi vào thư mục đang có tệp.")
@silent_option
@handle_errors
@puts_back_cut
def restore(zip_path: Path, folder: Path, silent: bool) -> None:
    """Khôi phục bản sao lưu (.zip do lệnh backup hoặc nút "Sao lưu dữ liệu" ghi) thành
    thư mục làm việc, vào một thư mục mới: không ghi đè, không làm mất gì.

    Bản sao lưu được kiểm tra trước (từng tệp đúng mã SHA-256 lúc sao lưu); các tệp
    được giải nén vào thư mục tạm bên cạnh, chỉ đổi tên thành THƯ_MỤC khi mọi tệp đã
    nguyên vẹn. Mã thoát 0: đã khôi phục; 1: tệp sao lưu hỏng, chép chưa hết hoặc không
    an toàn (không khôi phục gì); 2: gọi lệnh sai, không phải tệp sao lưu, hoặc THƯ_MỤC
    đã có tệp (giữ nguyên, chọn thư mục mới); 3: không ghi được lúc này (ổ đĩa đầy,
    không có quyền ghi: không để lại gì, sửa rồi chạy lại)."""
    from ..restore import restore_backup

    with progress_bar(silent, "Khôi phục") as callback:
        done = restore_backup(zip_path, folder, progress=callback)
    for line in _restored_lines(done):
        click.echo(line)


def _restored_lines(done: Restored) -> list[str]:
    """What ``cchc-xl restore`` prints: what was restored, from when, and what to do."""
    from ..backup import made_at_said, unmerged_said
    from ..restore import typed
    from ..text import vn_number

    m = done.manifest
    serve_line = f"cchc-xl serve --data {typed(done.folder)}"
    return [f"Đã khôi phục {vn_number(len(done.files))} tệp ({done.size_text}) vào thư mục "
            f"{done.folder}, từ bản sao lưu {done.backup} (sao lưu "
            f"{made_at_said(done.made_at)} bằng cchc-xl {m.get('cchc_xl', '?')}).",
            f"Kế hoạch: {done.plans_text or NO_PLAN}.",
            *(f"Lưu ý: {unmerged_said(u)}." for u in done.unmerged),
            f"Bước tiếp theo: mở ứng dụng trên thư mục đó: {serve_line}."]


@command()
@click.option("--data", "data_dir", default="cchc-du-lieu", metavar="THƯ_MỤC",
              type=path_type(file_okay=False),
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
    from ..web.security import is_loopback
    from ..web.server import serve as run_server

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
