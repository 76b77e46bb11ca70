"""A late file merged into a period whose report is due, with the plan amended since, on
the command line: the refusal of a Quý I file merged for 6 tháng says "gộp tệp này vào kỳ
quý I (chọn kỳ đó khi gộp)"; following it with the amended plan recounted Quý I with it,
so the answers of the tasks and units the amendment took off stopped counting (a QA pass
of a plan amended after Quý I; the web app merges such a file with the plan Quý I was
counted with). The merge keeps that plan, says so and how to recount (--recount)."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from test_plan_amended import _done, amended  # noqa: F401  (the fixture)

from cchc_xl.cli import main
from make_sample_returns import fill_return
from support.clock import set_clock


def _late_q1_file(folder: Path) -> Path:
    """The Ban Chỉ huy quân sự's Quý I file sent again, TC-05 done: its only task, which
    the amendment deleted."""
    late = folder / "nhan-q1-muon"
    late.mkdir()
    given = next((folder / "giao-q1").glob("QS-*.xlsx"))
    fill_return(given, late / given.name, {"TC-05": _done(date(2026, 3, 10))},
                saved_at=datetime(2026, 4, 2, 9))
    return late


def _merge_q1(folder: Path, late: Path, *more: str):
    return CliRunner().invoke(main, [
        "merge", str(folder / "kh.xlsx"), str(late), "--period", "Q1", "--out",
        str(folder / "th-q1.xlsx"), "--received", "03/04/2026", *more])


def _q1_report(folder: Path) -> dict:
    out = CliRunner().invoke(main, ["report", str(folder / "th-q1.xlsx"), "--out",
                                    str(folder / "bc-q1-muon.xlsx"), "--json"]).output
    return json.loads(out[out.index("{"):])


def test_a_late_file_merged_into_a_period_due_keeps_its_plan(amended: Path,  # noqa: F811
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    result = _merge_q1(folder, _late_q1_file(folder))
    assert result.exit_code == 0, result.output
    assert ("Lưu ý: kỳ quý I năm 2026 đã qua hạn gửi báo cáo nên được gộp theo bảng kế hoạch "
            "của lần gộp trước, không theo bảng kế hoạch ghi trong lệnh (bảng này đã sửa: "
            "thêm 1 nhiệm vụ (TC-06); bỏ 1 nhiệm vụ (TC-05);") in result.output
    assert ("số liệu đã gộp của kỳ này giữ nguyên, tệp nộp thêm cũng được tính theo bảng kế "
            "hoạch của lần gộp trước. Nếu bảng đã sửa là để sửa một chỗ nhầm và cần tính lại kỳ "
            "này theo bảng đó: chạy lại lệnh này, thêm --recount.") in result.output
    assert "bảng kế hoạch đã sửa sau lần gộp trước" not in result.output
    assert "Tệp mới được tính thay cho tệp gửi trước của 1 đơn vị: Ban Chỉ huy quân sự " \
        "phường." in result.output
    report = _q1_report(folder)
    units = {u["code"]: u for u in report["units"]}
    assert report["totals"]["tasks"] == 5 and "YT" not in units  # as Quý I was counted
    assert units["QS"]["returned"] and units["QS"]["led"] == 1
    assert report["totals"]["done"] == 2  # TC-03 in March, TC-05 in the late file


def test_asked_to_recount_the_period_counts_it_with_the_plan_given(
        amended: Path, tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    result = _merge_q1(folder, _late_q1_file(folder), "--recount")
    assert result.exit_code == 0, result.output
    assert "Lưu ý: bảng kế hoạch đã sửa sau lần gộp trước của kỳ quý I năm 2026" \
        in result.output
    assert "--recount" not in result.output
    units = {u["code"]: u for u in _q1_report(folder)["units"]}
    assert "QS" not in units and "YT" in units


def test_a_due_period_merged_again_after_the_signer_changed_is_signed_by_the_new_one(
        amended: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    """Only "Người ký báo cáo" changed in the plan table (typed in Excel, as the web app's
    form writes it), 6 tháng merged again after its due day: the figures are the same,
    so the period is counted with the table given, as the web app's form recounts it;
    no "Lưu ý … --recount" saying the plan changed "không khác nhiệm vụ, đơn vị nào",
    and the reminder is signed by the new signer, not the one before (a QA pass)."""
    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    wb = load_workbook(folder / "kh.xlsx")
    for cells in wb["Kế hoạch"].iter_rows(min_row=2):
        if cells[0].value == "Người ký báo cáo":
            cells[1].value = "Nguyễn Thị Hoa"
    wb.save(folder / "kh.xlsx")
    set_clock(monkeypatch, date(2026, 6, 25))
    result = CliRunner().invoke(main, [
        "merge", str(folder / "kh.xlsx"), str(folder / "nhan-6t"), "--period", "6T", "--out",
        str(folder / "th-6t.xlsx"), "--received", "18/06/2026"])
    assert result.exit_code == 0, result.output
    assert "Lưu ý: kỳ 6 tháng" not in result.output, result.output
    assert "--recount" not in result.output
    letter = folder / "dd-6t.docx"
    result = CliRunner().invoke(main, ["remind", str(folder / "th-6t.xlsx"), "--out",
                                       str(letter)])
    assert result.exit_code in (0, 1), result.output
    signed = [c.text for t in Document(str(letter)).tables for r in t.rows for c in r.cells
              if "CHỦ TỊCH" in c.text]
    assert signed and signed[0].endswith("Nguyễn Thị Hoa"), signed
    # Quý I, counted with the plan before the amendment, still keeps it and says so.
    result = _merge_q1(folder, _late_q1_file(folder))
    assert "Lưu ý: kỳ quý I năm 2026 đã qua hạn gửi báo cáo" in result.output


def test_a_due_period_s_files_made_again_follow_the_plan_it_keeps(
        amended: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    """Quý I's files made again after the amendment (a unit lost its file), with the
    ledger: made from the plan Quý I keeps, as merge counts it and the Giao việc page makes
    them. Made from the amended plan, the Trạm Y tế added since got a Quý I file its merge
    refuses, and the Ban Chỉ huy quân sự, whose late Quý I file merge counts, was told its
    file no longer counts (a QA pass of today's changes together)."""
    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    set_clock(monkeypatch, date(2026, 7, 1))
    result = CliRunner().invoke(main, [
        "split", str(folder / "kh.xlsx"), "--period", "Q1", "--out", str(folder / "giao-q1"),
        "--force", "--ledger", str(folder / "cchc-ledger.sqlite")])
    assert result.exit_code == 0, result.output
    made = sorted(f.name.split("-")[0] for f in (folder / "giao-q1").glob("*.xlsx")
                  if f.name != "danh-sach-tep-giao.xlsx")
    assert made == ["CA", "KT", "PVHCC", "QS", "VHXH", "VP"], made
    assert ("Lưu ý: kỳ quý I năm 2026 đã qua hạn gửi báo cáo nên tệp được tạo theo bảng kế "
            "hoạch của lần gộp trước của kỳ này, như lệnh merge gộp các tệp của kỳ, không theo "
            "bảng kế hoạch ghi trong lệnh (bảng này đã sửa: thêm 1 nhiệm vụ (TC-06); bỏ 1 nhiệm "
            "vụ (TC-05);") in result.output, result.output
    assert "không còn được giao nhiệm vụ" not in result.output
    # The files made are those Quý I was given: the same as made before, none to send again.
    assert "gửi lại tệp mới" not in result.output


def _signed_by(plan: Path, signer: str, title: str) -> None:
    """The plan table's "Người ký báo cáo" and "Chức vụ người ký" typed in Excel (rows
    added when the sheet has none)."""
    wb = load_workbook(plan)
    ws = wb["Kế hoạch"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=2, max_col=2)}
    for label, value in (("Người ký báo cáo", signer), ("Chức vụ người ký", title)):
        if label in cells:
            cells[label].value = value
        else:
            ws.append([label, value])
    wb.save(plan)


def _signature(docx: Path) -> str:
    """The signature block's right cell: the title over the signer's name."""
    block = next(t for t in Document(str(docx)).tables
                 if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    return block.rows[0].cells[1].text


def test_a_kept_period_s_report_and_letters_are_signed_by_who_signs_today(
        amended: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    """Quý I keeps the plan it was counted with (the amendment came after); then a new
    deputy chairman signs, typed in the plan table, which 6 tháng is merged with again.
    Quý I's report and reminder, made and issued today, are signed by him, under his
    title; its figures stay as counted. They were signed by the signer of the plan Quý I
    was counted with (a QA pass)."""
    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    _signed_by(folder / "kh.xlsx", "Trần Văn Bình", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    set_clock(monkeypatch, date(2026, 6, 25))
    result = CliRunner().invoke(main, [
        "merge", str(folder / "kh.xlsx"), str(folder / "nhan-6t"), "--period", "6T", "--out",
        str(folder / "th-6t.xlsx"), "--received", "18/06/2026"])
    assert result.exit_code == 0, result.output
    before = json.loads((folder / "q1-before.json").read_text()[
        (folder / "q1-before.json").read_text().index("{"):])

    def made() -> dict:
        out = CliRunner().invoke(main, [
            "report", str(folder / "th-q1.xlsx"), "--out", str(folder / "bc-q1-nay.xlsx"),
            "--docx", str(folder / "bc-q1-nay.docx"), "--json"]).output
        letter = CliRunner().invoke(main, ["remind", str(folder / "th-q1.xlsx"), "--out",
                                           str(folder / "dd-q1-nay.docx")])
        assert letter.exit_code in (0, 1), letter.output
        for docx in ("bc-q1-nay.docx", "dd-q1-nay.docx"):
            signed = [line for line in _signature(folder / docx).split("\n") if line]
            assert signed == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"], (docx, signed)
        return json.loads(out[out.index("{"):])

    again = made()
    for key in ("totals", "areas", "leads", "units", "missing_units"):
        assert again[key] == before[key], key
    # A late Quý I file merged after: still counted with the plan Quý I keeps, signed today.
    result = _merge_q1(folder, _late_q1_file(folder))
    assert "Lưu ý: kỳ quý I năm 2026 đã qua hạn gửi báo cáo" in result.output
    after = made()
    assert after["totals"]["tasks"] == 5 and "YT" not in {u["code"] for u in after["units"]}


def test_merge_json_says_the_plan_kept(amended: Path, tmp_path: Path) -> None:  # noqa: F811
    """`merge --json` gives the line of the plan kept as `plan_kept` (docs/ledger.md), ""
    when the period is counted with the plan given (--recount)."""
    folder = tmp_path / "copy"
    shutil.copytree(amended, folder)
    late = _late_q1_file(folder)
    kept = json.loads(_merge_q1(folder, late, "--json").output)["plan_kept"]
    assert kept.startswith("kỳ quý I năm 2026 đã qua hạn gửi báo cáo nên được gộp theo bảng "
                           "kế hoạch của lần gộp trước"), kept
    assert kept.endswith("chạy lại lệnh này, thêm --recount"), kept
    assert json.loads(_merge_q1(folder, late, "--json", "--recount").output)["plan_kept"] == ""
