"""The year's turn on the command line, as an office lives it: next year's plan imported,
split and merged in this year's folder, under the names the guide gives every period
(giao-Q1, tong-hop-Q1.xlsx), while this year's files are still kept and worked on."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.assessment import COLUMN
from cchc_xl.cli import main
from cchc_xl.xlio import file_sha256
from make_sample_returns import fill_return
from support.clock import set_clock
from support.plans import typed_plan

WARD = ["--commune", "phường Hạc Thành"]
OFFICE = "Văn phòng HĐND và UBND phường"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


IN_PROGRESS = {"Trạng thái": "Đang thực hiện", "Tỷ lệ hoàn thành (%)": 40}
# Done at 40%, no day nor evidence: the unit is sent a feedback letter.
TO_CORRECT = {"Trạng thái": "Đã hoàn thành", "Tỷ lệ hoàn thành (%)": 40}


def _quarter_merged(folder: Path, plan: Path, out: str, sent: str,
                    answer: dict = IN_PROGRESS, *options: object):
    """Quý I of ``plan``: split into ``folder``/giao-…, the office's file answered
    (``answer`` on TC-01, saved on ``sent``), merged with ``--out out`` and ``options``:
    the merge's run."""
    split = folder / f"giao-{plan.stem}"
    assert run("split", plan, "--period", "Q1", "--out", split, "--silent").exit_code == 0
    (given,) = split.glob("VP-*.xlsx")
    returned = folder / f"nhan-ve-{plan.stem}"
    fill_return(given, returned / given.name, {"TC-01": answer},
                saved_at=datetime.fromisoformat(sent))
    return run("merge", plan, returned, "--period", "Q1", "--out", folder / out, "--silent",
               "--received", sent[:10], *options)


def _next_years_quarter(folder: Path, next_year: Path, monkeypatch) -> None:
    """20 March 2027: next year's quý I merged in this year's ``folder`` under a name of
    its own (tong-hop-Q1-2027.xlsx), as the office does once 2027's plan is in use."""
    set_clock(monkeypatch, date(2027, 3, 20))
    assert _quarter_merged(folder, next_year, "tong-hop-Q1-2027.xlsx",
                           "2027-03-18T08:00").exit_code == 0


def _refused_over_this_year_s(folder: Path, monkeypatch, command: str, names: list,
                              said: str) -> dict:
    """``command`` (report, remind) made this year's quý I outputs (the paths among
    ``names``, its options) from tong-hop-Q1.xlsx, then, next year's quý I merged, run on
    tong-hop-Q1-2027.xlsx with the same names: refused, exit 2, saying ``said``, and the
    outputs as they were (content and time): what they were, returned."""
    next_year = _both_years(folder, monkeypatch)
    assert run(command, folder / "tong-hop-Q1.xlsx", *names).exit_code == 0
    outputs = [n for n in names if isinstance(n, Path)]
    made = {p: (file_sha256(p), p.stat().st_mtime_ns) for p in outputs}
    _next_years_quarter(folder, next_year, monkeypatch)
    refused = run(command, folder / "tong-hop-Q1-2027.xlsx", *names)
    assert refused.exit_code == 2, refused.output
    assert said in refused.output, refused.output
    assert made == {p: (file_sha256(p), p.stat().st_mtime_ns) for p in made}
    return made


def _both_years(folder: Path, monkeypatch) -> Path:
    """A ward's 2026 plan and its quý I merged into ``folder`` (tong-hop-Q1.xlsx), and
    its 2027 plan table beside it, imported afresh (its own code): the 2027 table."""
    this_year = typed_plan(folder / "ke-hoach.xlsx", [*WARD, "--year", "2026"], [OFFICE])
    next_year = typed_plan(folder / "ke-hoach-2027.xlsx", [*WARD, "--year", "2027"],
                           [OFFICE])
    set_clock(monkeypatch, date(2026, 3, 20))
    assert _quarter_merged(folder, this_year, "tong-hop-Q1.xlsx",
                           "2026-03-18T08:00").exit_code == 0
    return next_year


def _letters_refused(letter: Path) -> str:
    """What a 2027 merge naming --feedback phan-hoi-Q1, which holds ``letter`` of 2026's
    quý I, says as it refuses."""
    return (f"Lỗi: thư mục {letter.parent}: thư mục có tệp phản hồi kỳ quý I năm 2026 "
            f"của kế hoạch khác (mã "
            f"'hac-thanh-2026', ví dụ tệp {letter.name}), không phải kế hoạch 'hac-thanh-2027' "
            "đang gộp: tệp phản hồi mang tên đơn vị, không mang tên kế hoạch, nên ghi vào đây "
            "sẽ xóa hoặc ghi đè tệp phản hồi của kế hoạch kia; lệnh không ghi gì (chọn thư mục "
            "khác cho --feedback, ví dụ phan-hoi-Q1-2027, để giữ cả hai)")


def _this_year_s_letter(folder: Path, monkeypatch) -> tuple[Path, Path, Path]:
    """A ward's 2026 quý I merged into ``folder`` with --feedback phan-hoi-Q1, its letter
    to the Văn phòng written there, and its 2027 plan table beside it: the 2026 and 2027
    tables and the 2026 letter."""
    this_year = typed_plan(folder / "ke-hoach.xlsx", [*WARD, "--year", "2026"], [OFFICE])
    next_year = typed_plan(folder / "ke-hoach-2027.xlsx", [*WARD, "--year", "2027"],
                           [OFFICE])
    set_clock(monkeypatch, date(2026, 3, 20))
    assert _quarter_merged(folder, this_year, "tong-hop-Q1.xlsx", "2026-03-18T08:00",
                           TO_CORRECT, "--feedback", folder / "phan-hoi-Q1").exit_code == 1
    (letter,) = (folder / "phan-hoi-Q1").glob("VP-*-phản-hồi.xlsx")
    return this_year, next_year, letter


def test_next_year_s_merge_does_not_write_over_this_year_s_workbook(tmp_path, monkeypatch
                                                                   ) -> None:
    """`merge ke-hoach-2027.xlsx … --period Q1 --out tong-hop-Q1.xlsx` in the 2026 folder
    wrote the 2027 quý I workbook over the 2026 one, exit 0: the "Đạt" the office had
    typed into the 2026 workbook (not yet recorded by `assess`) was lost with it, and
    nothing said so. Another plan's workbook is refused, nothing written, and a name
    that keeps both is offered."""
    next_year = _both_years(tmp_path, monkeypatch)
    workbook = tmp_path / "tong-hop-Q1.xlsx"
    wb = load_workbook(workbook)
    ws = wb.worksheets[1]  # the first area's sheet
    header = [c.value for c in ws[4]]
    ws.cell(5, header.index(COLUMN) + 1, "Đạt")  # the office's verdict, typed in Excel
    wb.save(workbook)
    typed = file_sha256(workbook)

    set_clock(monkeypatch, date(2027, 3, 20))
    refused = _quarter_merged(tmp_path, next_year, "tong-hop-Q1.xlsx", "2027-03-18T08:00")
    assert refused.exit_code == 2, refused.output
    assert (f"Lỗi: tệp {workbook}: đã có tệp này và đó là bảng tổng hợp kỳ quý I năm 2026 "
            "của kế hoạch khác (mã 'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' "
            "đang gộp: ghi ra đó sẽ xóa bảng tổng hợp của kế hoạch kia, cả đánh giá đã ghi "
            "vào bảng đó; lệnh không ghi gì (chọn tên tệp khác cho --out, ví dụ "
            "tong-hop-Q1-2027.xlsx)"
            ) in refused.output
    assert file_sha256(workbook) == typed
    # The 2026 verdict is still there to record, and 2027 merges under the name offered.
    assessed = run("assess", workbook)
    assert assessed.exit_code == 0 and "Đạt" in assessed.output, assessed.output
    merged = run("merge", next_year, tmp_path / "nhan-ve-ke-hoach-2027", "--period", "Q1",
                 "--out", tmp_path / "tong-hop-Q1-2027.xlsx", "--silent")
    assert merged.exit_code == 0, merged.output


def test_next_year_s_report_does_not_write_over_this_year_s(tmp_path, monkeypatch) -> None:
    """`report tong-hop-Q1-2027.xlsx --out bao-cao-Q1.xlsx --docx bao-cao-Q1.docx` in the
    2026 folder replaced the 2026 quý I report and its Word draft with 2027's, exit 0.
    Another plan's report workbook is refused, nothing written."""
    report = ["--out", tmp_path / "bao-cao-Q1.xlsx", "--docx", tmp_path / "bao-cao-Q1.docx"]
    _refused_over_this_year_s(
        tmp_path, monkeypatch, "report", report,
        f"Lỗi: tệp {tmp_path / 'bao-cao-Q1.xlsx'}: đã có tệp này và đó là bảng báo cáo kỳ "
        "quý I năm 2026 "
        "của kế hoạch khác (mã 'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' "
        "đang lập báo cáo: ghi ra đó sẽ xóa bảng báo cáo của kế hoạch kia; lệnh không ghi "
        "gì (chọn tên tệp khác cho --out (và --docx, --html), ví dụ bao-cao-Q1-2027.xlsx)")


def copied_for_next_year(plan: Path, out: Path) -> Path:
    """Next year's plan table as an office makes it from this year's in Excel: the year,
    title, number and periods changed, the tasks' deadlines too; its code ('Mã kế
    hoạch') left as it was."""
    wb = load_workbook(plan)
    ws = wb["Kế hoạch"]
    for row in ws.iter_rows(min_row=2):
        label, value = row[0].value, row[1]
        if label == "Năm kế hoạch":
            value.value = int(value.value) + 1
        elif isinstance(value.value, str) and label != "Mã kế hoạch":
            value.value = value.value.replace("2026", "2027")
    ws = wb["Kỳ báo cáo"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value:
            row[1].value = row[1].value.replace("2026", "2027")
            for cell in row[2:5]:
                cell.value = cell.value.replace(year=cell.value.year + 1)
    wb.save(out)
    return out


def test_next_year_s_table_under_this_year_s_code_is_refused(tmp_path, monkeypatch) -> None:
    """The 2027 table copied from 2026's kept its code, 'hac-thanh-2026': merged into
    the folder's ledger, its quý I took the place of 2026's (each unit's 2026 file
    "superseded" by its 2027 one, the 2026 quý I report made again from 2027's answers,
    the ledger's periods renamed 2027's), exit 0; split --ledger filled the 2027 files
    in with 2026's answers. Both are refused, nothing written, with the code to give."""
    this_year = typed_plan(tmp_path / "ke-hoach.xlsx", [*WARD, "--year", "2026"], [OFFICE])
    set_clock(monkeypatch, date(2026, 3, 20))
    assert _quarter_merged(tmp_path, this_year, "tong-hop-Q1.xlsx",
                           "2026-03-18T08:00").exit_code == 0
    ledger = tmp_path / "cchc-ledger.sqlite"
    before = file_sha256(ledger)
    next_year = copied_for_next_year(this_year, tmp_path / "ke-hoach-2027.xlsx")
    set_clock(monkeypatch, date(2027, 3, 20))
    said = (f"Lỗi: tệp {ledger}: sổ cái đã có kế hoạch mã 'hac-thanh-2026' của năm 2026, còn "
            "bảng kế hoạch này cùng mã mà là của năm 2027: số liệu hai năm sẽ lẫn vào nhau ở "
            "các kỳ cùng mã (Q1, 6T, NAM...); lệnh không ghi gì (bảng kế hoạch năm 2027 chép "
            "từ bảng năm 2026 thì sửa ô 'Mã kế hoạch' ở trang 'Kế hoạch' thành mã mới (ví dụ "
            "'hac-thanh-2027') rồi tạo lại tệp giao; mỗi năm nên làm ở một thư mục làm việc "
            "riêng)")
    carried = run("split", next_year, "--period", "Q1", "--out", tmp_path / "giao-2027",
                  "--ledger", ledger, "--silent")
    assert carried.exit_code == 2 and said in carried.output, carried.output
    merged = _quarter_merged(tmp_path, next_year, "tong-hop-Q1-2027.xlsx", "2027-03-18T08:00")
    assert merged.exit_code == 2 and said in merged.output, merged.output
    assert file_sha256(ledger) == before and not (tmp_path / "tong-hop-Q1-2027.xlsx").exists()
    report = run("report", tmp_path / "tong-hop-Q1.xlsx", "--out", tmp_path / "bao-cao.xlsx",
                 "--json")
    assert '"name": "Quý I năm 2026"' in report.output, report.output


def test_a_unit_renamed_in_next_year_s_plan_is_told_how_to_keep_its_code(tmp_path) -> None:
    """The 2027 plan imported with --units the 2026 table names "Phòng Văn hóa - Xã hội"
    by its new name: a new unit was added, and the warning said only to write the name
    as another spelling of the right unit ('Tên gọi khác'), which kept the old name on
    the unit's files and in the report all year. It says how a renamed unit keeps its
    code under its new name."""
    from support.plans import plan_document

    this_year = typed_plan(tmp_path / "ke-hoach.xlsx", [*WARD, "--year", "2026"], [OFFICE])
    document = plan_document(tmp_path / "KH-2027.docx", "PHƯỜNG HẠC THÀNH",
                             "Cải cách hành chính năm 2027", [
                                 ("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp",
                                  "Thời gian hoàn thành"),
                                 ("1", "Tuyên truyền cải cách hành chính", "Tin, bài",
                                  "Phòng Văn hóa, Khoa học và Thông tin", OFFICE, "Quý IV/2027")])
    imported = run("import", document, "--out", tmp_path / "ke-hoach-2027.xlsx", "--units",
                   this_year)
    assert imported.exit_code == 1, imported.output
    assert ("'Phòng Văn hóa, Khoa học và Thông tin' chưa có trong danh sách đơn vị: đã thêm mã "
            "VHKHTT, loại 'Phòng, ban, sở, ngành'") in imported.output
    assert ("(hoặc ghi tên này vào cột 'Tên gọi khác' của đơn vị đúng; tên mới của một đơn vị "
            "đã có, đổi tên: ghi tên này vào cột 'Tên đơn vị' của đơn vị đó, giữ mã, rồi xóa "
            "dòng VHKHTT)") in imported.output


_TASK_HEADER = ("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp",
                "Thời gian hoàn thành")
CULTURE = "Phòng Văn hóa - Xã hội"


def _next_year_imported(tmp_path: Path, init: list[str], leads_2026: list[str], place: str,
                        leads_2027: list[str]):
    """The 2026 table (``init``, a task led by each of ``leads_2026``) and the 2027 plan
    of ``place`` (a task led by each of ``leads_2027``) imported with --units it: the run."""
    from support.plans import plan_document

    this_year = typed_plan(tmp_path / "ke-hoach.xlsx", [*init, "--year", "2026"], leads_2026)
    document = plan_document(tmp_path / "KH-2027.docx", place, "Cải cách hành chính năm 2027", [
        _TASK_HEADER, *((str(n), f"Nhiệm vụ {n}", "Báo cáo", lead, "", "Quý IV/2027")
                        for n, lead in enumerate(leads_2027, start=1))])
    return run("import", document, "--out", tmp_path / "ke-hoach-2027.xlsx", "--units",
               this_year)


def test_a_unit_of_last_year_the_new_plan_reaches_only_through_a_group_is_named(tmp_path
                                                                               ) -> None:
    """The 2027 plan imported with --units the 2026 table no longer names "Phòng Văn hóa -
    Xã hội" (merged away), but gives work to "Các phòng chuyên môn": the office stayed a
    member, got a 2027 file and showed "Chưa gửi" all year, and the import said nothing.
    One warning names it and its group, and what to do; not "Phòng Kinh tế", which the
    2026 plan did not name either (it gets the group's work both years)."""
    imported = _next_year_imported(tmp_path, WARD, [OFFICE, CULTURE], "PHƯỜNG HẠC THÀNH",
                                   [OFFICE, "Các phòng chuyên môn"])
    assert imported.exit_code == 1, imported.output
    (line,) = [x for x in imported.output.splitlines() if "bảng năm trước" in x]
    assert line == (
        f"[Cảnh báo] đơn vị năm trước chỉ nhận việc qua nhóm — {tmp_path / 'KH-2027.docx'}: "
        "đơn vị của bảng "
        "năm trước không được kế hoạch này ghi tên, chỉ nhận việc qua nhóm 'Các phòng chuyên "
        f"môn' (VHXH '{CULTURE}'): nếu đã sáp nhập, giải thể hoặc đổi tên, xóa dòng đơn vị "
        "đó ở trang 'Đơn vị' (hoặc ghi tên mới vào cột 'Tên đơn vị', giữ mã) trước khi tạo "
        "tệp giao"), imported.output


@pytest.mark.parametrize("init, leads_2026, place, leads_2027", [
    # a plan naming nobody one by one: every office gets its work through the group
    (WARD, [OFFICE, CULTURE], "PHƯỜNG HẠC THÀNH", ["Các phòng chuyên môn"]),
    # a province's communes: named in 2026, reached through "UBND các xã, phường" in 2027
    (["--level", "tinh", "--province", "Thanh Hóa"], ["Sở Nội vụ", "UBND xã Hoằng Hóa"],
     "TỈNH THANH HÓA", ["Sở Nội vụ", "UBND các xã, phường"]),
])
def test_no_unit_of_last_year_is_named_where_it_would_be_noise(tmp_path, init, leads_2026,
                                                               place, leads_2027) -> None:
    imported = _next_year_imported(tmp_path, init, leads_2026, place, leads_2027)
    assert imported.exit_code in (0, 1), imported.output
    assert "bảng năm trước" not in imported.output, imported.output


def _coded(plan: Path, code: str, out: Path) -> Path:
    """``plan`` with its 'Mã kế hoạch' cell set to ``code``."""
    wb = load_workbook(plan)
    ws = wb["Kế hoạch"]
    (cell,) = [r[1] for r in ws.iter_rows(min_row=2) if r[0].value == "Mã kế hoạch"]
    cell.value = code
    wb.save(out)
    return out


def test_check_says_a_code_of_last_year_on_next_year_s_table(tmp_path) -> None:
    """The 2027 table copied from 2026's, its code 'hac-thanh-2026' kept: `check` said
    nothing, though every file issued carries the code and the 2026 folder refuses the
    table. A warning (a folder of its own is harmless: exit 0) names the code to write."""
    this_year = typed_plan(tmp_path / "ke-hoach.xlsx", [*WARD, "--year", "2026"], [OFFICE])
    next_year = copied_for_next_year(this_year, tmp_path / "ke-hoach-2027.xlsx")
    said = run("check", next_year)
    assert said.exit_code == 0, said.output
    line = next((x for x in said.output.splitlines() if "mã kế hoạch mang năm khác" in x), "")
    assert line.startswith("[Cảnh báo] mã kế hoạch mang năm khác — "), said.output
    assert ("mã kế hoạch 'hac-thanh-2026' mang năm 2026, còn kế hoạch là của năm 2027 (bảng "
            "chép từ bảng năm trước?)") in line and "trang 'Kế hoạch', ô B" in line, line
    assert "Nên sửa ô 'Mã kế hoạch' thành 'hac-thanh-2027' trước khi tạo tệp giao" in line
    # The code of its year, one naming no year, one naming the plans' span: nothing said.
    for code in ("hac-thanh-2027", "hac-thanh", "cchc-2026-2030"):
        said = run("check", _coded(next_year, code, tmp_path / f"{code}.xlsx"))
        assert said.exit_code == 0 and "mang năm" not in said.output, (code, said.output)
    assert "mang năm" not in run("check", this_year).output


def _folder_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Each file of ``folder``: its SHA-256 and modification time."""
    return {p.name: (file_sha256(p), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_next_year_s_split_with_force_does_not_write_over_this_year_s_files(tmp_path
                                                                           ) -> None:
    """`split ke-hoach-2027.xlsx --period Q1 --out giao-Q1 --force` in the 2026 folder
    wrote the 2027 files over the 2026 ones sent out a year before, and the 2027 list
    over theirs, exit 0. --force makes this plan's files again; another plan's files are
    refused, nothing written, no file touched, and a folder keeping both is offered."""
    this_year = typed_plan(tmp_path / "ke-hoach.xlsx", [*WARD, "--year", "2026"], [OFFICE])
    next_year = typed_plan(tmp_path / "ke-hoach-2027.xlsx", [*WARD, "--year", "2027"],
                           [OFFICE])
    given = tmp_path / "giao-Q1"
    assert run("split", this_year, "--period", "Q1", "--out", given,
               "--silent").exit_code == 0
    (sent,) = given.glob("VP-*.xlsx")
    before = _folder_state(given)

    refused = run("split", next_year, "--period", "Q1", "--out", given, "--force", "--silent")
    assert refused.exit_code == 2, refused.output
    assert (f"Lỗi: thư mục {given}: thư mục có tệp giao kỳ quý I năm 2026 của kế hoạch khác (mã "
            f"'hac-thanh-2026', ví dụ tệp {sent.name}), không phải kế hoạch 'hac-thanh-2027' "
            "đang tách: --force chỉ để tạo lại tệp giao của chính kế hoạch này, ghi vào đây "
            "sẽ xóa tệp của kế hoạch kia; lệnh không ghi gì (chọn thư mục khác cho --out, ví "
            "dụ giao-Q1-2027, để giữ cả hai)") in refused.output, refused.output
    assert _folder_state(given) == before
    # This year's files are made again with --force, as before; next year's go beside.
    again = run("split", this_year, "--period", "Q1", "--out", given, "--force", "--silent")
    assert again.exit_code == 0, again.output
    made = run("split", next_year, "--period", "Q1", "--out", tmp_path / "giao-Q1-2027",
               "--silent")
    assert made.exit_code == 0, made.output


def test_split_with_force_keeps_another_plan_s_list_of_files(tmp_path) -> None:
    """Another office's plan split with --force into a folder of files none of which it
    would write (its units' files are named otherwise) still wrote its list
    (manifest.json, manifest.csv) over the folder's: the files left stood under a list
    of another plan. Refused too, the list named."""
    ours = typed_plan(tmp_path / "ke-hoach.xlsx", [*WARD, "--year", "2027"], [OFFICE])
    theirs = typed_plan(tmp_path / "ke-hoach-tinh.xlsx",
                        ["--level", "tinh", "--province", "Thanh Hóa", "--year", "2027"],
                        ["Sở Nội vụ"])
    given = tmp_path / "giao-Q1"
    assert run("split", theirs, "--period", "Q1", "--out", given, "--silent").exit_code == 0
    before = _folder_state(given)
    refused = run("split", ours, "--period", "Q1", "--out", given, "--force", "--silent")
    assert refused.exit_code == 2, refused.output
    assert "của kế hoạch khác (mã '" in refused.output, refused.output
    assert "ví dụ tệp manifest.json), không phải kế hoạch 'hac-thanh-2027'" in refused.output
    assert _folder_state(given) == before


def test_next_year_s_letters_do_not_write_over_this_year_s(tmp_path, monkeypatch) -> None:
    """`remind tong-hop-Q1-2027.xlsx --out don-doc-Q1.docx --csv don-doc-Q1.xlsx` in the
    2026 folder replaced the 2026 quý I letter and its list with 2027's, exit 0 (neither
    said whose plan it was). Each says it now; another plan's is refused, nothing
    written, and this plan's letter is made again as before."""
    letter, listing = tmp_path / "don-doc-Q1.docx", tmp_path / "don-doc-Q1.xlsx"
    names = ["--out", letter, "--csv", listing]
    made = _refused_over_this_year_s(
        tmp_path, monkeypatch, "remind", names,
        f"Lỗi: tệp {letter}: đã có tệp này và đó là công văn đôn đốc gửi báo cáo kỳ quý I năm 2026 "
        "của kế hoạch khác (mã 'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' "
        "đang lập công văn: ghi ra đó sẽ xóa công văn đôn đốc gửi báo cáo của kế hoạch "
        "kia; lệnh không ghi gì (chọn tên tệp khác cho --out, ví dụ don-doc-Q1-2027.docx)")
    listed = run("remind", tmp_path / "tong-hop-Q1-2027.xlsx", "--out",
                 tmp_path / "don-doc-Q1-2027.docx", "--csv", listing)
    assert listed.exit_code == 2, listed.output
    assert (f"Lỗi: tệp {listing}: đã có tệp này và đó là danh sách trộn thư của công văn đôn "
            "đốc gửi báo cáo kỳ quý I năm 2026 "
            "của kế hoạch khác (mã 'hac-thanh-2026')") in listed.output
    assert "(chọn tên tệp khác cho --csv, ví dụ don-doc-Q1-2027.xlsx)" in listed.output
    assert made == {p: (file_sha256(p), p.stat().st_mtime_ns) for p in made}
    assert not (tmp_path / "don-doc-Q1-2027.docx").exists()
    assert not list(tmp_path.glob("don-doc-Q1 (*"))  # nothing kept aside either
    # This plan's letter is made again under its name, as before.
    set_clock(monkeypatch, date(2026, 3, 25))
    assert run("remind", tmp_path / "tong-hop-Q1.xlsx", *names).exit_code == 0


def test_withdrawing_last_year_s_file_names_its_plan(tmp_path, monkeypatch) -> None:
    """Both years' quý I merged into the folder's ledger, the office's file of each under
    the same name: `withdraw tong-hop-Q1-2027.xlsx --file nhan-ve-ke-hoach/VP-….xlsx` took
    the 2026 file out and said "(kỳ Q1, đơn vị VP)", as of 2027's quý I. The plan is named,
    its code and year, in what withdraw says of a file: done, done before, or several
    matching."""
    next_year = _both_years(tmp_path, monkeypatch)
    _next_years_quarter(tmp_path, next_year, monkeypatch)
    (last_year,) = (tmp_path / "nhan-ve-ke-hoach").glob("VP-*.xlsx")
    workbook = tmp_path / "tong-hop-Q1-2027.xlsx"
    both = run("withdraw", workbook, "--file", last_year.name)
    assert both.exit_code == 2, both.output
    this_year = tmp_path / "nhan-ve-ke-hoach-2027" / last_year.name
    unit = "của Văn phòng HĐND và UBND phường (VP)"
    assert (f"{last_year} {unit}, kỳ Q1 của kế hoạch 'hac-thanh-2026' năm 2026; "
            ) in both.output, both.output
    assert (f"{this_year} {unit}, kỳ Q1 của kế hoạch 'hac-thanh-2027' năm 2027 "
            ) in both.output, both.output
    gone = run("withdraw", workbook, "--file", last_year)
    assert gone.exit_code == 0, gone.output
    assert (f"Đã rút tệp {last_year} (kỳ Q1 của kế hoạch 'hac-thanh-2026' năm 2026, đơn vị "
            "VP) khỏi số liệu") in gone.output, gone.output
    again = run("withdraw", workbook, "--file", last_year)
    assert again.exit_code == 0, again.output
    assert (f"Tệp {last_year} (kỳ Q1 của kế hoạch 'hac-thanh-2026' năm 2026, đơn vị VP) đã "
            "được rút khỏi số liệu") in again.output, again.output


@pytest.mark.parametrize("answer_2027, letter_2026", [
    (TO_CORRECT, "marked"),  # the 2027 letter of the same unit written over it
    (IN_PROGRESS, "marked"),  # no 2027 letter: removed as earlier feedback no longer true
    (TO_CORRECT, "before the mark"),  # a letter written before letters said their plan
])
def test_next_year_s_feedback_does_not_write_over_this_year_s_letters(
        tmp_path, monkeypatch, answer_2027, letter_2026) -> None:
    """`merge ke-hoach-2027.xlsx … --out tong-hop-Q1-2027.xlsx --feedback phan-hoi-Q1` in
    the 2026 folder (phan-hoi-Q1: 2026's letters, named after their units, not their plan)
    wrote 2027's letter to the Văn phòng over its 2026 one, or, the 2027 file needing none,
    removed the 2026 letter as "tệp phản hồi cũ không còn đúng", exit 0. Refused now,
    nothing written, the folder and one letter of the other plan named, a folder offered."""
    this_year, next_year, letter = _this_year_s_letter(tmp_path, monkeypatch)
    letters = letter.parent
    if letter_2026 != "marked":  # as a letter was before it said its plan: the unit's file's
        wb = load_workbook(letter)
        assert wb.properties.keywords == "cchc-xl:ke-hoach:hac-thanh-2026 Q1"
        wb.properties.keywords = None
        wb.save(letter)
    kept = (file_sha256(letter), letter.stat().st_mtime_ns)

    set_clock(monkeypatch, date(2027, 3, 20))
    refused = _quarter_merged(tmp_path, next_year, "tong-hop-Q1-2027.xlsx",
                              "2027-03-18T08:00", answer_2027, "--feedback", letters)
    assert refused.exit_code == 2, refused.output
    assert _letters_refused(letter) in refused.output
    assert sorted(letters.iterdir()) == [letter]
    assert (file_sha256(letter), letter.stat().st_mtime_ns) == kept
    assert not (tmp_path / "tong-hop-Q1-2027.xlsx").exists()
    # In the folder offered, 2027's letters; 2026's merged again into its own, as before.
    merged = run("merge", next_year, tmp_path / "nhan-ve-ke-hoach-2027", "--period", "Q1",
                 "--out", tmp_path / "tong-hop-Q1-2027.xlsx", "--silent",
                 "--feedback", tmp_path / "phan-hoi-Q1-2027")
    assert merged.exit_code == (1 if answer_2027 is TO_CORRECT else 0), merged.output
    set_clock(monkeypatch, date(2026, 3, 25))
    again = run("merge", this_year, tmp_path / "nhan-ve-ke-hoach", "--period", "Q1", "--out",
                tmp_path / "tong-hop-Q1.xlsx", "--silent", "--feedback", letters)
    assert again.exit_code == 0, again.output  # nothing new read
    assert [p.name for p in letters.iterdir()] == [letter.name]


@pytest.mark.parametrize("withdrawn", [True, False])
def test_refreshing_a_period_does_not_write_over_another_plan_s_workbook(
        tmp_path, monkeypatch, withdrawn) -> None:
    """The steps that write a period's consolidated workbook again from the ledger
    (merge.refresh_outputs: the web app's "Rút khỏi số liệu", its recount, the office's
    verdicts read back) wrote 2027's quý I over tong-hop-Q1.xlsx, 2026's, where merge
    --out refuses to: what the office had typed into it was lost, and the file withdrawn
    anyway. Refused as merge is, before anything is done."""
    from cchc_xl.errors import UsageError
    from cchc_xl.ledger import Ledger
    from cchc_xl.master import load_master
    from cchc_xl.merge import refresh_outputs
    from cchc_xl.vocab import ACCEPTED

    next_year = _both_years(tmp_path, monkeypatch)
    _next_years_quarter(tmp_path, next_year, monkeypatch)
    workbook = tmp_path / "tong-hop-Q1.xlsx"  # 2026's
    kept = (file_sha256(workbook), workbook.stat().st_mtime_ns)
    (sent,) = (tmp_path / "nhan-ve-ke-hoach-2027").glob("VP-*.xlsx")
    with pytest.raises(UsageError) as refused:
        refresh_outputs(load_master(next_year), "Q1", workbook,
                        withdraw=str(sent) if withdrawn else None)
    doing = "rút tệp khỏi số liệu" if withdrawn else "tính lại số liệu"
    assert refused.value.render() == (
        f"tệp {workbook}: đã có tệp này và đó là bảng tổng hợp kỳ quý I năm 2026 "
        f"của kế hoạch khác (mã "
        f"'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' đang {doing}: ghi ra đó "
        "sẽ xóa bảng tổng hợp của kế hoạch kia, cả đánh giá đã ghi vào bảng đó; lệnh không "
        "ghi gì (chọn tên tệp khác cho --out, ví dụ tong-hop-Q1-2027.xlsx)")
    assert (file_sha256(workbook), workbook.stat().st_mtime_ns) == kept
    with Ledger(tmp_path / "cchc-ledger.sqlite", create=False) as ledger:
        assert ledger.find(file_sha256(sent), "hac-thanh-2027", "Q1").outcome == ACCEPTED


def _tree_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Each file under ``folder``, by its path within it: its SHA-256 and modification
    time."""
    return {str(p.relative_to(folder)): (file_sha256(p), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _late_file(folder: Path, plan: Path, answer: dict, sent: str) -> Path:
    """The office's file of ``plan``'s quý I (split by :func:`_quarter_merged`) sent
    again, ``answer`` on TC-01, saved on ``sent``: the folder it is in, nhan-ve-muon."""
    (given,) = (folder / f"giao-{plan.stem}").glob("VP-*.xlsx")
    late = folder / "nhan-ve-muon"
    fill_return(given, late / given.name, {"TC-01": answer},
                saved_at=datetime.fromisoformat(sent))
    return late


@pytest.mark.parametrize("answer_2027", [
    TO_CORRECT,  # the late file's letter to the Văn phòng written over 2026's
    IN_PROGRESS,  # the late file needs none: 2026's removed as earlier feedback
])
def test_a_later_merge_naming_last_year_s_letters_is_refused(tmp_path, monkeypatch,
                                                             answer_2027) -> None:
    """2027's quý I merged first with --feedback phan-hoi-Q1-2027, then a late file with
    --feedback phan-hoi-Q1 (2026's letters): the letters were looked at only before a
    period's first merge, so 2026's letter to the Văn phòng was written over by 2027's
    or removed as earlier feedback, exit 0 or 1. A folder is looked at the first time a
    merge of the period names it: refused as the first merge is, nothing written."""
    this_year, next_year, letter = _this_year_s_letter(tmp_path, monkeypatch)
    letters = letter.parent
    set_clock(monkeypatch, date(2027, 3, 20))
    first = _quarter_merged(tmp_path, next_year, "tong-hop-Q1-2027.xlsx", "2027-03-18T08:00",
                            IN_PROGRESS, "--feedback", tmp_path / "phan-hoi-Q1-2027")
    assert first.exit_code == 0, first.output

    late = _late_file(tmp_path, next_year, answer_2027, "2027-03-25T08:00")
    before = _tree_state(tmp_path)
    set_clock(monkeypatch, date(2027, 3, 26))
    refused = run("merge", next_year, late, "--period", "Q1", "--out",
                  tmp_path / "tong-hop-Q1-2027.xlsx", "--silent", "--received", "2027-03-25",
                  "--feedback", letters)
    assert refused.exit_code == 2, refused.output
    assert _letters_refused(letter) in refused.output
    assert _tree_state(tmp_path) == before  # the letters, workbook, ledger, archive
    # Merged with the period's own folder, as the refusal offers: the late file is taken.
    merged = run("merge", next_year, late, "--period", "Q1", "--out",
                 tmp_path / "tong-hop-Q1-2027.xlsx", "--silent", "--received", "2027-03-25",
                 "--feedback", tmp_path / "phan-hoi-Q1-2027")
    assert merged.exit_code == (1 if answer_2027 is TO_CORRECT else 0), merged.output
    assert [p.name for p in letters.iterdir()] == [letter.name]
    assert _tree_state(letters) == {letter.name: before[f"phan-hoi-Q1/{letter.name}"]}


def test_a_period_s_own_feedback_folder_is_looked_at_once(tmp_path, monkeypatch) -> None:
    """A late file merged with the --feedback folder of the period's earlier merges
    opens none of its letters for their plan (a millisecond a letter, two thousand at a
    national plan's every late file); another folder is looked at the first time a merge
    of the period names it, then not again."""
    import cchc_xl.year_turn as year_turn

    opened: list[str] = []
    letter_plan = year_turn.letter_plan

    def counted(path: Path):
        opened.append(path.name)
        return letter_plan(path)

    monkeypatch.setattr(year_turn, "letter_plan", counted)
    plan = typed_plan(tmp_path / "ke-hoach.xlsx", [*WARD, "--year", "2026"], [OFFICE])
    letters = tmp_path / "phan-hoi-Q1"
    set_clock(monkeypatch, date(2026, 3, 20))
    assert _quarter_merged(tmp_path, plan, "tong-hop-Q1.xlsx", "2026-03-18T08:00",
                           TO_CORRECT, "--feedback", letters).exit_code == 1
    (letter,) = letters.glob("VP-*-phản-hồi.xlsx")
    elsewhere = tmp_path / "phan-hoi-chep"
    elsewhere.mkdir()
    (elsewhere / letter.name).write_bytes(letter.read_bytes())

    def late(sent: str, feedback: Path) -> int:
        opened.clear()
        folder = _late_file(tmp_path, plan, TO_CORRECT | {"Ghi chú": sent}, sent)
        merged = run("merge", plan, folder, "--period", "Q1", "--out",
                     tmp_path / "tong-hop-Q1.xlsx", "--silent", "--received", sent[:10],
                     "--feedback", feedback)
        assert merged.exit_code == 1, merged.output
        return len(opened)

    set_clock(monkeypatch, date(2026, 3, 28))
    assert late("2026-03-25T08:00", letters) == 0
    assert late("2026-03-26T08:00", elsewhere) == 1  # the letter copied there: this plan's
    assert late("2026-03-27T08:00", elsewhere) == 0
    assert late("2026-03-27T09:00", letters) == 0
