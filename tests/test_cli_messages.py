"""The command line speaks Vietnamese when a value is wrong, never a traceback or
click's English (found by following the README as a newcomer)."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.errors import UsageError
from support.clock import set_clock
from support.paths import HH_MASTER


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("args, said", [
    (["init", "{tmp}/k.xlsx", "--year", "20226"],
     "giá trị không hợp lệ cho '--year': 20226 ngoài khoảng từ 1900 đến 2200"),
    (["init", "{tmp}/k.xlsx", "--year", "-5"], "-5 ngoài khoảng từ 1900 đến 2200"),
    (["serve", "--data", "{tmp}/d", "--port", "99999", "--no-browser"],
     "giá trị không hợp lệ cho '--port': 99999 ngoài khoảng từ 0 đến 65535"),
    (["appendix", HH_MASTER, "--out", "{tmp}"], "là thư mục, cần tên tệp"),
    (["merge", HH_MASTER, "{tmp}", "--period", "9T", "--out", "{tmp}/o.xlsx", "--wait", "abc"],
     "'abc' không phải số"),
    (["merge", HH_MASTER, "{tmp}", "--period", "9T", "--out", "{tmp}/o.xlsx", "--wait", "-1"],
     "-1.0 nhỏ hơn 0"),
    (["init", "{tmp}/k.docx"], "tên tệp phải có đuôi .xlsx"),
])
def test_a_wrong_value_is_told_in_vietnamese(args, said, tmp_path) -> None:
    done = run(*[str(a).replace("{tmp}", str(tmp_path)) for a in args])
    assert done.exit_code == 2, done.output
    assert said in done.output
    assert "Traceback" not in done.output and " is not " not in done.output
    assert not (tmp_path / "k.docx").exists()


def test_help_says_clicks_tags_in_vietnamese() -> None:
    init = run("init", "--help").output
    assert "[mặc định: tinh]" in init and "TỆP" in init and "PATH" not in init
    merge = run("merge", "--help").output
    assert "[từ 0 trở lên]" in merge and "x>=" not in merge


def test_merging_long_after_the_due_date_says_today_counts_as_received(tmp_path) -> None:
    """The README's merge without --received marked every unit 1,168 days late, silently."""
    returns = HH_MASTER.parent / "returns-9T"
    done = run("merge", HH_MASTER, returns / "NV-phong-noi-vu.xlsx", "--period", "9T",
               "--out", tmp_path / "o.xlsx", "--silent")
    assert "Lưu ý: các tệp mới lần này được ghi là nhận hôm nay" in done.output
    assert "sau hạn gửi báo cáo 20/09/2023" in done.output and "--received" in done.output
    again = run("merge", HH_MASTER, returns / "TP-phong-tu-phap.xlsx", "--period", "9T",
                "--out", tmp_path / "o2.xlsx", "--silent", "--received", "19/09/2023")
    assert again.exit_code in (0, 1) and "Lưu ý" not in again.output
    future = run("merge", HH_MASTER, returns, "--period", "9T", "--out", tmp_path / "o3.xlsx",
                 "--received", "19/09/2099")
    assert future.exit_code == 2 and "Lỗi: --received: ngày nhận 19/09/2099 chưa tới" in \
        future.output
    # A day before the period began: "18/9/00" is 18/09/2000 (it was taken, and made
    # every return of the period count as sent on time).
    early = run("merge", HH_MASTER, returns, "--period", "9T", "--out", tmp_path / "o4.xlsx",
                "--received", "18/9/00")
    assert early.exit_code == 2 and (
        "--received: ngày nhận 18/09/2000 trước khi kỳ báo cáo bắt đầu (số liệu 9 tháng năm "
        "2023 tính từ 15/12/2022)") in early.output
    assert not (tmp_path / "o4.xlsx").exists()
    # The library keeps the rule, whoever calls it, and reads nothing before it.
    from cchc_xl.master import load_master
    from cchc_xl.merge import merge_returns

    with pytest.raises(UsageError,
                       match="--received: ngày nhận 20/09/2023 chưa tới .hôm nay là 19/09/2023"):
        merge_returns(load_master(HH_MASTER), [returns], "9T", tmp_path / "lib" / "o.xlsx",
                      now=datetime(2023, 9, 19, 8), received=date(2023, 9, 20))
    assert not (tmp_path / "lib").exists()


def test_a_consolidated_workbook_stands_for_its_ledger_and_another_plans_is_refused(
        tmp_path) -> None:
    """withdraw and split --ledger took the consolidated workbook for a ledger ("file is
    not a database"), as report and remind do not; another plan's ledger gave split
    nothing to carry forward, silently."""
    returns = HH_MASTER.parent / "returns-9T"
    out = tmp_path / "tong-hop.xlsx"
    run("merge", HH_MASTER, returns / "NV-phong-noi-vu.xlsx", returns / "TP-phong-tu-phap.xlsx",
        "--period", "9T", "--out", out, "--silent", "--received", "19/09/2023")
    gone = run("withdraw", out, "--file", "TP-phong-tu-phap.xlsx")
    assert gone.exit_code == 0 and "Đã rút tệp" in gone.output, gone.output
    carried = run("split", HH_MASTER, "--period", "NAM", "--out", tmp_path / "giao",
                  "--ledger", out, "--silent")
    assert carried.exit_code == 0, carried.output
    other = HH_MASTER.parent.parent / "nghia-hung-2023" / "master.xlsx"
    refused = run("split", other, "--period", "NAM", "--out", tmp_path / "khac",
                  "--ledger", tmp_path / "cchc-ledger.sqlite")
    assert refused.exit_code == 2, refused.output
    assert ("sổ cái không có số liệu của kế hoạch nghia-hung-2023 (trong sổ cái: "
            "hoang-hoa-2023)") in refused.output
    assert not (tmp_path / "khac").exists()


def _statuses(folder, unit: str) -> int:
    """The cells of a unit's file in ``folder`` holding a status, as Excel shows them."""
    from openpyxl import load_workbook

    from cchc_xl.vocab import STATUSES

    (path,) = folder.glob(f"{unit}-*.xlsx")
    return sum(v in STATUSES for ws in load_workbook(path).worksheets
               for row in ws.iter_rows(values_only=True) for v in row)


def test_split_with_a_ledger_says_how_many_files_and_rows_it_filled_in(tmp_path) -> None:
    """split --ledger said "Đã tạo 47 tệp" and no more, filled in or not (a QA pass): the
    office could not tell whether last period's answers were carried. The summary line
    counts the rows and files filled in, or says there was nothing to fill in."""
    returns = HH_MASTER.parent / "returns-9T"
    run("merge", HH_MASTER, returns / "NV-phong-noi-vu.xlsx", "--period", "9T", "--out",
        tmp_path / "tong-hop.xlsx", "--silent", "--received", "19/09/2023")
    ledger = tmp_path / "cchc-ledger.sqlite"
    blank = run("split", HH_MASTER, "--period", "NAM", "--out", tmp_path / "trong", "--silent")
    assert blank.exit_code == 0 and "sổ cái" not in blank.output, blank.output
    carried = run("split", HH_MASTER, "--period", "NAM", "--out", tmp_path / "giao",
                  "--ledger", ledger, "--silent")
    assert carried.exit_code == 0, carried.output
    filled = _statuses(tmp_path / "giao", "NV") - _statuses(tmp_path / "trong", "NV")
    assert filled > 0
    assert carried.output.splitlines()[0] == (
        f"Đã tạo 47 tệp cho kỳ NAM trong {tmp_path / 'giao'}; đã điền sẵn kết quả kỳ trước "
        f"từ sổ cái: {filled} dòng ở 1 tệp")
    # A period before the one merged: nothing earlier to carry, said so.
    early = run("split", HH_MASTER, "--period", "6T", "--out", tmp_path / "giao-6t",
                "--ledger", ledger, "--silent")
    assert early.output.splitlines()[0].endswith(
        "; sổ cái chưa có kết quả kỳ trước nào của các đơn vị để điền sẵn"), early.output


def test_init_names_its_file_as_the_other_commands_do(tmp_path) -> None:
    # "--out" as every other command; a probe: "không có tùy chọn --out".
    done = run("init", "--level", "xa", "--out", tmp_path / "xa.xlsx")
    assert done.exit_code == 0, done.output
    assert done.output.startswith(f"Đã tạo {tmp_path / 'xa.xlsx'}")
    assert (tmp_path / "xa.xlsx").is_file()
    both = run("init", tmp_path / "a.xlsx", "--out", tmp_path / "b.xlsx")
    assert both.exit_code == 2
    assert "ghi hai tên tệp" in both.stderr and not (tmp_path / "a.xlsx").exists()
    none = run("init", "--level", "xa")
    assert none.exit_code == 2
    assert "Lỗi: chưa ghi tên tệp bảng kế hoạch sẽ tạo (ví dụ cchc-xl init ke-hoach-" in none.stderr


@pytest.mark.parametrize("command", sorted(main.commands))
def test_usage_names_what_to_give_in_vietnamese(command) -> None:
    """`cchc-xl report` without its file said "thiếu tham số SOURCE", and its help
    "Cách dùng: cchc-xl report [TÙY CHỌN] SOURCE": click's English name of the
    argument, where remind, reading the same files, says SỔ_CÁI_HOẶC_TỆP_TỔNG_HỢP. Each
    placeholder is Vietnamese, or MASTER, the guide's word for the plan's workbook."""
    usage = run(command, "--help").output.splitlines()[0]
    assert usage.startswith("Cách dùng: ") and f" {command} [TÙY CHỌN]" in usage, usage
    for placeholder in re.findall(r"[A-Z_À-Ỹ]{2,}", usage.split("[TÙY CHỌN]", 1)[1]):
        assert placeholder == "MASTER" or not placeholder.isascii(), usage


def test_report_without_its_file_names_it_as_remind_does() -> None:
    report, remind = run("report"), run("remind")
    assert report.exit_code == remind.exit_code == 2
    assert "Lỗi: thiếu tham số SỔ_CÁI_HOẶC_TỆP_TỔNG_HỢP" in report.output
    assert "SOURCE" not in report.output
    assert "Lỗi: thiếu tham số SỔ_CÁI_HOẶC_TỆP_TỔNG_HỢP" in remind.output


def test_bare_command_shows_its_help_not_an_error() -> None:
    done = run()
    assert done.exit_code == 0
    assert not done.output.startswith("Lỗi") and "Lệnh" in done.output
    assert "withdraw" in done.output


def test_a_plan_that_is_a_word_document_is_told_how_to_import_it(tmp_path) -> None:
    """The office's own plan as .docx was told to "fill in the workbook you were given"
    (the advice for a unit's returned file)."""
    from docx import Document

    plan = tmp_path / "ke-hoach.docx"
    Document().save(plan)
    for command in ("show", "check"):
        done = run(command, plan)
        assert done.exit_code == 1, done.output
        assert "nhập bằng lệnh 'cchc-xl import'" in done.output, command
        assert "tệp Excel được giao" not in done.output


def test_serving_other_computers_without_a_terminal_asks_for_the_variable(tmp_path,
                                                                        monkeypatch) -> None:
    """Without a terminal to type the password in, serve printed Python's English
    warning and waited for ever."""
    monkeypatch.delenv("CCHC_XL_PASSWORD", raising=False)
    done = run("serve", "--data", tmp_path / "d", "--host", "0.0.0.0", "--no-browser")
    assert done.exit_code == 2 and "CCHC_XL_PASSWORD" in done.output
    assert "Warning" not in done.output


def test_show_cuts_a_long_task_at_a_word() -> None:
    """The listing cut task text in the middle of a word ("…của Ch")."""
    from cchc_xl.master import load_master

    content = next(t.content for t in load_master(HH_MASTER).tasks() if t.id == "TC-01")
    listed = run("show", HH_MASTER).output.splitlines()
    (line,) = [x for x in listed if x.lstrip().startswith("TC-01 ")]
    shown = line.split("TC-01", 1)[1].strip()
    assert shown.endswith(" …") and len(shown) <= 90
    kept = shown.removesuffix(" …")
    assert content.startswith(kept) and content[len(kept)] == " "  # whole words only


@pytest.mark.parametrize("command", [
    ["check", "{missing}"], ["show", "{missing}"],
    ["appendix", "{missing}", "--out", "{tmp}/p.xlsx"],
    ["split", "{missing}", "--period", "9T", "--out", "{tmp}/g"],
    ["report", "{missing}", "--period", "9T", "--out", "{tmp}/r.xlsx"],
])
def test_a_file_that_is_not_there_is_a_wrong_call(command, tmp_path) -> None:
    """Exit 2, as the README says of a command called wrongly (some commands said 1, a
    problem in the data, for the same missing file)."""
    done = run(*[a.replace("{missing}", str(tmp_path / "khong-co.xlsx"))
                 .replace("{tmp}", str(tmp_path)) for a in command])
    assert done.exit_code == 2, done.output
    assert "không tìm thấy tệp" in done.output


def test_withdraw_takes_the_file_by_another_path_than_it_was_merged_by(tmp_path,
                                                                         monkeypatch) -> None:
    """Merged as "nhan-ve/TP.xlsx" from its folder, the file named by its full path was
    "no file matches"."""
    folder = _tp_merged(tmp_path, monkeypatch)
    gone = run("withdraw", tmp_path / "tong-hop.xlsx", "--file", folder.resolve() / "TP.xlsx")
    assert gone.exit_code == 0 and "Đã rút tệp nhan-ve/TP.xlsx" in gone.output, gone.output


def test_withdrawing_a_file_withdrawn_before_says_so_and_is_no_wrong_call(tmp_path,
                                                                         monkeypatch) -> None:
    """The same withdraw run twice said "sổ cái không có tệp nào (chưa rút) khớp", exit 2,
    a command called wrongly (a QA pass): the file is out of the figures already, nothing
    to do. Said so, with when and why, exit 0; a name no file has is still a wrong call."""
    folder = _tp_merged(tmp_path, monkeypatch)
    first = run("withdraw", "tong-hop.xlsx", "--file", "nhan-ve/TP.xlsx", "--reason", "gộp nhầm")
    assert first.exit_code == 0, first.output
    for named in ("nhan-ve/TP.xlsx", folder.resolve() / "TP.xlsx"):
        again = run("withdraw", "tong-hop.xlsx", "--file", named)
        assert again.exit_code == 0, again.output
        (said,) = again.output.splitlines()
        assert said.startswith("Tệp nhan-ve/TP.xlsx (kỳ 9T, đơn vị TP) đã được rút khỏi số liệu "
                               "ngày "), said
        assert said.endswith(" (lý do: gộp nhầm), không cần rút lại."), said
    unknown = run("withdraw", "tong-hop.xlsx", "--file", "nhan-ve/XX.xlsx")
    assert unknown.exit_code == 2 and "không có tệp nào (chưa rút) khớp" in unknown.output


@pytest.mark.parametrize("given, what", [
    ("unit", "đây là tệp giao cho một đơn vị (hoặc đơn vị gửi về), không phải bảng kế hoạch"),
    ("ledger", "đây là sổ cái (cchc-ledger.sqlite), không phải bảng kế hoạch"),
    ("consolidated", "đây là bảng tổng hợp của một lần gộp, không phải bảng kế hoạch"),
])
def test_a_file_of_another_kind_given_as_the_plan_is_said_for_what_it_is(tmp_path, given, what):
    """The arguments of merge swapped (a unit's file first) said "thiếu trang 'Kế hoạch'
    (tạo bảng kế hoạch mới bằng 'cchc-xl init' …)", exit 1; the ledger given to check or
    split, "tệp bị hỏng" (a probe). The command was called wrongly: exit 2, what the file
    is and the order of the arguments."""
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from support.paths import HH_MASTER, HH_SAMPLES

    sample = sorted(HH_SAMPLES.glob("*.xlsx"))[0]
    out = tmp_path / "o" / "t.xlsx"
    assert CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sample), "--period", "9T",
                                     "--out", str(out)]).exit_code in (0, 1)
    wrong = {"unit": sample, "ledger": out.parent / "cchc-ledger.sqlite", "consolidated": out}
    for command in (["check", str(wrong[given])],
                    ["split", str(wrong[given]), "--period", "9T", "--out",
                     str(tmp_path / "giao")],
                    ["merge", str(wrong[given]), str(HH_MASTER), "--period", "9T", "--out",
                     str(tmp_path / "o2" / "t.xlsx")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, (command, result.output)
        assert what in result.output and "bảng kế hoạch (ke-hoach.xlsx) đứng đầu lệnh" in \
            result.output, result.output
        # An example of the command run, not of merge alone (a QA pass: 'check' was told
        # 'cchc-xl merge BẢNG_KẾ_HOẠCH …').
        assert "ví dụ 'cchc-xl check ke-hoach.xlsx'" in result.output


def test_a_refusal_asked_for_as_json_is_json_too(tmp_path) -> None:
    """A program calling 'merge --json' got only a line on stderr when the command was
    refused: nothing on stdout to parse. It gets the error as JSON, with the exit code."""
    import json

    done = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(tmp_path), "--period", "Q9",
                                     "--out", str(tmp_path / "o.xlsx"), "--json"])
    assert done.exit_code == 2
    error = json.loads(done.stdout)["error"]
    assert error["kind"] == "UsageError" and error["exit_code"] == 2
    assert "Q9" in error["message"] and error["text"] in done.stderr
    # Without --json: the line alone, stdout empty.
    plain = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(tmp_path), "--period", "Q9",
                                      "--out", str(tmp_path / "o.xlsx")])
    assert plain.exit_code == 2 and plain.stdout == "" and "Q9" in plain.stderr


@pytest.mark.parametrize("command", [["report", "--json"], ["merge", "x", "--json"],
                                     ["show", "--json", "--period", "9T"]])
def test_a_wrong_call_asked_for_as_json_is_json_too(command) -> None:
    """A wrong call (an argument missing, an option unknown) with --json printed click's
    line on stderr only: a program reading stdout got nothing to parse."""
    import json

    done = CliRunner().invoke(main, command)
    assert done.exit_code == 2, done.output
    error = json.loads(done.stdout)["error"]
    assert error["kind"] == "UsageError" and error["exit_code"] == 2
    assert error["hint"].startswith("xem: ") and error["hint"].endswith(f" {command[0]} --help")
    assert error["message"] in done.stderr and done.stderr.startswith("Lỗi: ")
    # Without --json, or with it only as a file's name after "--": the line alone.
    without = [c for c in command if c != "--json"]
    for plain in (without, [*without, "--", "--json"]):
        done = CliRunner().invoke(main, plain)
        assert done.exit_code == 2 and done.stdout == "", (plain, done.stdout)


@pytest.mark.parametrize("command", [["report", "--period", "9T", "--out", "r.xlsx"],
                                     ["assess"]])
def test_a_plan_given_for_the_ledger_is_called_so_a_wrong_call(tmp_path, command):
    """`report kh.xlsx` or `assess kh.xlsx` with the plan table said "tệp không ghi sổ cái…
    không phải tệp tổng hợp?" and exited 1, as for a damaged file (a probe): it is the
    wrong file given, exit 2, said for what it is."""
    plan = shutil.copyfile(HH_MASTER, tmp_path / "kh.xlsx")
    result = CliRunner().invoke(main, [command[0], str(plan), *command[1:]])
    assert result.exit_code == 2, result.output
    assert "đây là bảng kế hoạch, không phải sổ cái (.sqlite) hay tệp tổng hợp" in result.output


def test_a_letter_without_a_deadline_says_it_is_left_blank_and_how_to_give_one(
        tmp_path, monkeypatch) -> None:
    """remind without --deadline wrote "chậm nhất ngày    tháng    năm 2026" and an empty
    "Hạn gửi" column, and said nothing of it. The blanks stay (a draft the office fills
    in by hand), but the command says so on stderr, with how to give one; with
    --deadline, the day is written and nothing is said."""
    import csv

    from docx import Document

    def letter(name: str) -> str:
        return "\n".join(p.text for p in Document(tmp_path / name).paragraphs)

    set_clock(monkeypatch, date(2027, 1, 5))  # the letter's year: the clock's, not the plan's
    blank = CliRunner().invoke(main, ["remind", str(HH_MASTER), "--period", "9T", "--out",
                                      str(tmp_path / "cv.docx"), "--csv",
                                      str(tmp_path / "ds.csv")])
    assert blank.exit_code == 0, blank.output
    year = 2027
    assert blank.stderr.startswith(
        f'Lưu ý: hạn gửi lại để trống trong công văn ("chậm nhất ngày … tháng … năm {year}") '
        'và ở cột "Hạn gửi" của danh sách trộn thư, để cơ quan ghi tay vào dự thảo; để điền '
        "sẵn hạn, chạy lại với --deadline dd/mm/yyyy, ví dụ --deadline 12/01/2027."
    ), blank.stderr
    assert "Lưu ý" not in blank.stdout
    assert f"tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0năm {year}" in letter("cv.docx")
    with open(tmp_path / "ds.csv", encoding="utf-8-sig") as f:
        assert {row["Hạn gửi"] for row in csv.DictReader(f)} == {""}
    # Without --csv, no list to speak of.
    alone = run("remind", HH_MASTER, "--period", "9T", "--out", tmp_path / "cv2.docx")
    assert "để cơ quan ghi tay vào dự thảo; để điền sẵn hạn" in alone.stderr
    assert "danh sách trộn thư" not in alone.stderr
    # The example given is taken as it is, and the letter then says the day.
    example = blank.stderr.split("--deadline ")[-1].strip().rstrip(".")
    given = CliRunner().invoke(main, ["remind", str(HH_MASTER), "--period", "9T", "--out",
                                      str(tmp_path / "cv.docx"), "--deadline", example])
    assert given.exit_code == 0, given.output
    assert given.stderr == ""
    assert f"chậm nhất ngày {example}" in letter("cv.docx")


def test_the_example_deadline_is_one_the_letter_takes_before_the_period_is_due(
        tmp_path, monkeypatch) -> None:
    """A ward's specialist reminding her offices on 05/12 of a year's returns due
    20/12: the example "--deadline 12/12/…" (a week from today) was itself refused
    with "sớm hơn hạn nộp báo cáo của kỳ" when given (a QA pass). Before the period is
    due, the example is the period's own due day, and taken without a word."""

    import openpyxl

    plan = tmp_path / "ke-hoach.xlsx"
    shutil.copyfile(HH_MASTER, plan)
    set_clock(monkeypatch, date(2026, 12, 5))
    due = date(2027, 1, 4)
    wb = openpyxl.load_workbook(plan)
    sheet = wb["Kỳ báo cáo"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "9T")
    sheet.cell(row, 5).value = datetime(due.year, due.month, due.day)
    wb.save(plan)
    blank = run("remind", plan, "--period", "9T", "--out", tmp_path / "cv.docx")
    example = blank.stderr.split("--deadline ")[-1].strip().rstrip(".")
    assert example == f"{due:%d/%m/%Y}", blank.stderr
    given = run("remind", plan, "--period", "9T", "--out", tmp_path / "cv.docx",
                "--deadline", example)
    assert given.exit_code == 0 and given.stderr == "", given.stderr


def test_show_names_the_coordinating_units() -> None:
    """The listing named each task's lead units only: a commune's specialist checking
    her imported plan could not see who coordinates (a QA pass). A task with
    coordinators has a line "Phối hợp: …" under its lead units; one without, none."""
    listed = run("show", HH_MASTER).output.splitlines()

    def block(task: str) -> list[str]:
        start = next(i for i, x in enumerate(listed) if x.lstrip().startswith(task + " "))
        end = next(i for i in range(start + 1, len(listed))
                   if not listed[i].startswith(" " * 13))
        return [x.strip() for x in listed[start + 1:end]]

    assert block("TC-02")[1] == ("Phối hợp: Phòng Nội vụ; Văn phòng HĐND-UBND huyện; Phòng "
                                 "Tài chính - Kế hoạch và 41 đơn vị khác")
    assert not any(x.startswith("Phối hợp:") for x in block("TTHC-02"))


def test_show_names_each_product_beside_its_deadline() -> None:
    """The listing gave a product's id and deadline, not the product: the specialist
    checking her imported plan against the Word document could not see what each task
    hands in (a QA pass). A cell's list ("- Kế hoạch;\n- Báo cáo kết quả thực hiện.")
    is one line without its marks, the deadline's too."""
    listed = [x.strip() for x in run("show", HH_MASTER).output.splitlines()]
    assert "· TC-03 Kế hoạch; Báo cáo kết quả thực hiện — Báo cáo định kỳ 6 tháng, năm → " \
           "6 tháng/lần" in listed
    assert "· TTHC-01 Các văn bản đôn đốc, triển khai; Báo cáo kết quả thực hiện — Tổ chức " \
           "thực hiện: thường xuyên; Báo cáo kết quả thực hiện: định kỳ hàng quý → " \
           "Thường xuyên" in listed


def _ward_plan(path, deadline: str = "Quý II/2026"):
    from support.plans import plan_document

    return plan_document(path, "PHƯỜNG HẠC THÀNH", "Kế hoạch cải cách hành chính năm 2026", [
        ("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
         "Thời gian hoàn thành"),
        ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
        ("1", "Rà soát văn bản", "Báo cáo rà soát", "Văn phòng HĐND và UBND",
         "Phòng Văn hóa - Xã hội", deadline),
    ])


def test_show_names_an_imported_plan_s_authority_as_running_text(tmp_path) -> None:
    """A plan imported from its document keeps the heading's capitals ("ỦY BAN NHÂN DÂN
    PHƯỜNG HẠC THÀNH"): the listing's first line showed them, where the app's pages and
    the report name it "Ủy ban nhân dân phường Hạc Thành" (a QA pass)."""
    plan = tmp_path / "ke-hoach.xlsx"
    assert run("import", _ward_plan(tmp_path / "ke-hoach.docx"), "--out", plan).exit_code == 0
    first = run("show", plan).output.splitlines()[0]
    assert first == ("Kế hoạch cải cách hành chính năm 2026 — Ủy ban nhân dân phường Hạc "
                     "Thành")


def test_import_says_what_comes_next_with_the_plan_s_period_codes(tmp_path) -> None:
    """Following the README, a newcomer's import ended at "Đã tạo …": nothing said the
    next step was a split, nor that its periods are Q1, 6T, Q3, 9T, NAM (no Q2, Q4)."""
    clean = run("import", _ward_plan(tmp_path / "ke-hoach.docx"), "--out",
                tmp_path / "kh.xlsx")
    assert clean.exit_code == 0, clean.output
    last = clean.output.strip().splitlines()[-1]
    assert last == (f"Tiếp theo: tạo tệp giao cho đơn vị: cchc-xl split {tmp_path / 'kh.xlsx'} "
                    "--period KỲ --out giao-KỲ (các kỳ: Q1, 6T, Q3, 9T, NAM)")
    # a warning to read first (an undated deadline): said before the split
    warned = run("import", _ward_plan(tmp_path / "b.docx", "Theo hướng dẫn của tỉnh"),
                 "--out", tmp_path / "kh2.xlsx")
    assert warned.exit_code == 1, warned.output
    assert warned.output.strip().splitlines()[-1].startswith(
        f"Tiếp theo: xem lại các điểm trên trong {tmp_path / 'kh2.xlsx'} (mở bằng Excel), "
        "rồi tạo tệp giao cho đơn vị: cchc-xl split")
    assert "Tiếp theo" not in run("import", _ward_plan(tmp_path / "c.docx"), "--out",
                                  tmp_path / "kh3.xlsx", "--json").output


def test_split_says_where_the_files_go_and_how_they_come_back(tmp_path) -> None:
    """The split ended at the manifest's name; the web app's Giao việc page says to send
    each unit its file and where the returns go: the command now says it too, with the
    merge to run."""
    out = tmp_path / "giao"
    done = run("split", HH_MASTER, "--period", "9T", "--out", out, "--silent")
    assert done.exit_code == 0, done.output
    assert done.output.strip().splitlines()[-1] == (
        "Tiếp theo: gửi mỗi đơn vị tệp của mình; đơn vị điền các ô nền vàng rồi gửi lại "
        "chính tệp đó, chậm nhất ngày 20/09/2023. Để các tệp nhận về chung một thư mục (ví "
        f"dụ nhan-ve-9T), rồi gộp: cchc-xl merge {HH_MASTER} nhan-ve-9T --period 9T --out "
        "tong-hop-9T.xlsx --feedback phan-hoi-9T")


def _tp_merged(tmp_path: Path, monkeypatch) -> Path:
    """Hoằng Hóa's TP return merged from ``nhan-ve/`` of ``tmp_path`` (the folder run
    in) into tong-hop.xlsx; the folder."""
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    shutil.copyfile(HH_MASTER.parent / "returns-9T" / "TP-phong-tu-phap.xlsx", folder / "TP.xlsx")
    monkeypatch.chdir(tmp_path)
    run("merge", HH_MASTER, "nhan-ve", "--period", "9T", "--out", "tong-hop.xlsx", "--silent",
        "--received", "19/09/2023")
    return folder


def test_merge_says_what_comes_next(tmp_path, monkeypatch) -> None:
    """Following the README, the merge ended at its first problems: import and split say
    what to run next, the merge did not (the feedback files to send, the same command
    again for files sent later, assess, the report and the reminder letter)."""
    folder = tmp_path / "nhan-ve-9T"
    folder.mkdir()
    shutil.copyfile(HH_MASTER.parent / "returns-9T" / "X02-xa-hoang-cat.xlsx",
                    folder / "X02.xlsx")
    monkeypatch.chdir(tmp_path)
    done = run("merge", HH_MASTER, "nhan-ve-9T", "--period", "9T", "--out", "tong-hop-9T.xlsx",
               "--feedback", "phan-hoi-9T", "--received", "19/09/2023", "--silent")
    assert done.exit_code == 1, done.output  # the sample's 120%
    assert done.output.strip().splitlines()[-1] == (
        "Tiếp theo: gửi đơn vị các tệp phản hồi trong phan-hoi-9T; tệp đơn vị gửi sau (cả "
        "tệp đã sửa) thì để vào nhan-ve-9T rồi chạy lại đúng lệnh này (tệp đã gộp không bị "
        "tính hai lần); ghi 'Đạt' / 'Chưa đạt' ở cột 'Đánh giá của cơ quan tổng hợp' của "
        "tong-hop-9T.xlsx (nếu cần) rồi chạy cchc-xl assess tong-hop-9T.xlsx; lập báo cáo: "
        "cchc-xl report tong-hop-9T.xlsx --out bao-cao-9T.xlsx --docx bao-cao-9T.docx; công "
        "văn đôn đốc đơn vị chưa gửi hoặc còn lỗi: cchc-xl remind tong-hop-9T.xlsx --out "
        "don-doc-9T.docx.")
    assert (tmp_path / "phan-hoi-9T").is_dir()
    as_json = run("merge", HH_MASTER, "nhan-ve-9T", "--period", "9T", "--out",
                  "tong-hop-9T.xlsx", "--received", "19/09/2023", "--json")
    assert "Tiếp theo" not in as_json.output
