"""The plan's commands: ``init`` (a new, empty plan table), ``import`` (a plan as issued
into one), ``check``, ``show`` and ``appendix`` (its appendix tables)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from .. import clock
from ..errors import UsageError
from ..findings import count
from ..folder_names import SPLIT_DIR, period_name
from ..issuer import DISTRICT, LAST_DISTRICT_YEAR
from ..master.layout import level_of
from ..vocab import ERROR
from .common import (
    YEAR,
    command,
    handle_errors,
    json_option,
    master_argument,
    out_file_option,
    path_type,
    print_findings,
    puts_back_cut,
)


@command()
@click.argument("path", type=path_type(dir_okay=False), metavar="[TỆP]", required=False)
# As every other command names what it writes (a probe: "init ... --out xa.xlsx" was
# refused, "không có tùy chọn --out").
@click.option("--out", "out", default=None, metavar="TỆP", type=path_type(dir_okay=False),
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
@puts_back_cut
@click.pass_context
def init(ctx: click.Context, path: Path | None, out: Path | None, year: int | None, level: str,
         province: str | None, commune: str | None, force: bool) -> None:
    """Tạo bảng kế hoạch (master) mới, chưa có nhiệm vụ, từ mẫu trong templates/."""
    from ..master import init_master, plan_year, read_master

    if path is not None and out is not None and path != out:
        raise UsageError(f"ghi hai tên tệp ({path} và --out {out}): chỉ ghi một")
    path = path or out
    if path is None:
        raise UsageError("chưa ghi tên tệp bảng kế hoạch sẽ tạo",
                         hint=f"ví dụ cchc-xl init ke-hoach-{plan_year(clock.today())}.xlsx "
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
    plan = read_master(written)[0].plan
    authority = plan.authority
    click.echo(f"Đã tạo {written}{f' ({authority})' if authority else ''}. Điền trang 'Kế "
               "hoạch', 'Đơn vị', 'Nhóm' và trang lĩnh vực (sao chép cho mỗi lĩnh vực), rồi "
               f"chạy: cchc-xl check {written}")
    if level_of(level) == DISTRICT and plan.year > LAST_DISTRICT_YEAR:
        click.echo(f"Cảnh báo: {_no_districts(plan.year)}", err=True)


def _no_districts(year: int) -> str:
    """A district's plan made for a year after districts ended (1 July 2025): made, as the
    old district plans still need the template, with a word of whose plan it should be (a
    QA pass: a 2027 district plan was made without one)."""
    return (f"từ 01/7/2025 không còn cấp huyện; mẫu cấp huyện chỉ giữ cho các kế hoạch cũ của "
            f"huyện (năm {LAST_DISTRICT_YEAR} trở về trước). Kế hoạch năm {year} do tỉnh ban hành "
            "(--level tinh --province TỈNH) hoặc do xã, phường ban hành (--commune XÃ).")


@command("import")
@click.argument("source", type=path_type(), metavar="VĂN_BẢN")
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
@puts_back_cut
def import_(source: Path, out: Path, units: Path | None, province: str | None,
            year: int | None, force: bool, as_json: bool) -> None:
    """Nhập kế hoạch đã ban hành (Word .docx/.doc, .odt, bản PDF xuất từ Word hoặc Excel)
    thành bảng kế hoạch.

    Bản PDF cần có chữ (bản xuất từ Word, LibreOffice, hệ thống văn bản): bản quét (ảnh
    chụp các trang) không đọc được.

    Mã thoát 0: không có vấn đề; 1: đã tạo bảng nhưng có lỗi hoặc cảnh báo cần xem,
    hoặc văn bản không đọc được (hỏng, bản quét, không có bảng nhiệm vụ: không tạo bảng);
    2: gọi lệnh sai, hoặc tệp không phải văn bản Word, PDF hay bảng tính Excel (tệp rỗng:
    không tạo bảng).
    """
    from ..plan_import import import_plan

    result = import_plan(source, out, units=units, province=province, year=year, force=force)
    print_findings(result.findings, as_json)
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
    split = (f"cchc-xl split {path} --period KỲ --out {period_name(SPLIT_DIR, 'KỲ')} "
             f"(các kỳ: {codes})")
    if count(found, ERROR):
        return (f"Tiếp theo: sửa các lỗi trên trong {path} (mở bằng Excel), chạy lại "
                f"cchc-xl check {path} đến khi hết lỗi, rồi tạo tệp giao cho đơn vị: {split}")
    if found:
        return (f"Tiếp theo: xem lại các điểm trên trong {path} (mở bằng Excel), rồi tạo "
                f"tệp giao cho đơn vị: {split}")
    return f"Tiếp theo: tạo tệp giao cho đơn vị: {split}"


@command()
@master_argument
@json_option("In danh sách vấn đề dạng JSON.")
@handle_errors
@puts_back_cut
def check(master: Path, as_json: bool) -> None:
    """Kiểm tra bảng kế hoạch: đơn vị không rõ, thời hạn không đọc được, mã trùng..."""
    from ..master import check_master
    from ..master.check import refuse_other_kinds
    from ..xlio import require_file

    refuse_other_kinds(require_file(master))  # a unit's file, a ledger: called wrongly
    found = check_master(master)
    print_findings(found, as_json)
    sys.exit(1 if count(found, ERROR) else 0)


@command()
@master_argument
@json_option("In toàn bộ kế hoạch dạng JSON.")
@handle_errors
@puts_back_cut
def show(master: Path, as_json: bool) -> None:
    """Hiển thị kế hoạch: lĩnh vực, nhiệm vụ, đơn vị, thời hạn."""
    from ..master import load_master
    from ..plan_codec import plan_to_dict
    from ..plan_text import plan_as_text

    plan = load_master(master)
    if as_json:
        click.echo(json.dumps(plan_to_dict(plan, assignments=False), ensure_ascii=False,
                              indent=2))
    else:
        click.echo(plan_as_text(plan))


@command()
@master_argument
@out_file_option("Tệp phụ lục (.xlsx).")
@handle_errors
@puts_back_cut
def appendix(master: Path, out: Path) -> None:
    """In các phụ lục nhiệm vụ của kế hoạch, đúng thể thức văn bản."""
    from ..appendix import make_appendix
    from ..master import load_master
    from .outputs import say_kept

    made = make_appendix(load_master(master), out)
    click.echo(f"Đã ghi {made.path}")
    say_kept(made.kept)  # the office's edited appendix, kept beside the new one
