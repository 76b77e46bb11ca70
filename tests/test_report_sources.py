"""Where the period report reads from, on the command line (``cchc-xl report``, ``remind``).

The plan comes back from the ledger's snapshot; a ledger or a merged workbook is
named, the period chosen or taken from the source; a missing, damaged or wrongly
named file gets a clear message and nothing written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from cchc_xl import ledger as L
from cchc_xl.appendix import PlanRow, appendix_pages, plan_columns
from cchc_xl.cli import main
from cchc_xl.consolidated.write import write_consolidated
from cchc_xl.master import write_master
from cchc_xl.plan_codec import plan_from_dict, plan_to_dict
from cchc_xl.snapshot import load_snapshot
from support.report import (
    AREA_SHEET,
    AREAS_6T,
    SAVED,
    UNIT_SHEET,
    UNITS_6T,
    build_ledger,
    table,
    tiny_master,
)
from support.workbooks import load_workbook  # merged ranges' borders not drawn

# --- the plan, back from the ledger -------------------------------------------------------

def test_the_plan_comes_back_from_the_ledger_snapshot(nh_master):
    """The report needs no master: the ledger's snapshot gives the tasks, products,
    deadlines and units back, and the appendix texts when the snapshot carries them."""
    snapshot = plan_to_dict(nh_master)
    back = plan_from_dict(snapshot)
    pairs = list(zip(back.deliverables(), nh_master.deliverables(), strict=True))
    assert all((b.id, b.product, b.deadline, b.lead, b.support, b.funding)
               == (d.id, d.product, d.deadline, d.lead, d.support, d.funding) for b, d in pairs)
    assert [(t.id, t.number, t.content) for t in back.tasks()] == [
        (t.id, t.number, t.content) for t in nh_master.tasks()]
    assert [p.code for p in back.periods] == ["Q1", "6T", "Q3", "9T", "NAM"]

    snapshot["plan"].update(attachment=nh_master.plan.attachment,
                            appendix_title=nh_master.plan.appendix_title)
    written = {d.id: d for d in nh_master.deliverables()}
    for area, original in zip(snapshot["areas"], nh_master.areas, strict=True):
        area["heading"] = original.heading
        for task in area["tasks"]:
            for d in task["deliverables"]:
                d["lead_text"] = written[d["id"]].lead_text
                d["support_text"] = written[d["id"]].support_text
    back = plan_from_dict(snapshot)
    assert [(p.sheet, p.lines, [s.label for s in p.sections]) for p in appendix_pages(back)] == [
        (p.sheet, p.lines, [s.label for s in p.sections]) for p in appendix_pages(nh_master)]
    columns = plan_columns(nh_master)
    assert [c.header for c in plan_columns(back)] == [c.header for c in columns]
    assert [[c.value(PlanRow(bt, bd, 1)) for c in columns]
            for bt in back.tasks() for bd in bt.deliverables] == [
        [c.value(PlanRow(t, d, 1)) for c in columns]
        for t in nh_master.tasks() for d in t.deliverables]


# --- CLI -----------------------------------------------------------------------------------

def test_cli_from_the_ledger(ledger_db, tmp_path):
    out = tmp_path / "bc.xlsx"
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", "6T", "--out",
                                       str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Đã ghi {out}"
    assert table(out, AREA_SHEET) == AREAS_6T


def test_cli_from_the_merged_workbook(ledger_db, tmp_path):
    merged = write_consolidated(load_snapshot(ledger_db, "6T"), tmp_path / "th" / "th.xlsx")
    out, page = tmp_path / "bc.xlsx", tmp_path / "bc.html"
    result = CliRunner().invoke(main, ["report", str(merged), "--period", "6T", "--out",
                                       str(out), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"Đã ghi {out}", f"Đã ghi {page}"]
    assert table(out, UNIT_SHEET) == UNITS_6T
    # Another period than the workbook's: written from the same ledger, and said (a QA
    # pass: "report tong-hop-6T.xlsx --period 9T" wrote 9T without a word).
    other = CliRunner().invoke(main, ["report", str(merged), "--period", "9T", "--out",
                                      str(tmp_path / "bc9.xlsx")])
    assert other.exit_code == 0, other.output
    assert ("Cảnh báo: th.xlsx là bảng tổng hợp kỳ 6T; báo cáo này lập cho kỳ 9T (9 tháng "
            "năm 2023), theo kỳ đã chọn, từ cùng sổ cái") in other.stderr


def test_the_period_is_the_sources_own_when_not_named(ledger_db, tmp_path):
    # A consolidated workbook is of one period: "report tong-hop.xlsx --out bc.xlsx"
    # is its period's report (it asked for --period, which the workbook says).
    merged = write_consolidated(load_snapshot(ledger_db, "Q3"), tmp_path / "th" / "th.xlsx")
    out = tmp_path / "bc.xlsx"
    result = CliRunner().invoke(main, ["report", str(merged), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert load_workbook(out)[UNIT_SHEET]["A3"].value.startswith("Quý III năm 2023:")
    letter = CliRunner().invoke(main, ["remind", str(merged), "--out", str(tmp_path / "cv.docx")])
    assert letter.exit_code == 0, letter.output
    assert "quý III" in "\n".join(p.text for p in Document(tmp_path / "cv.docx").paragraphs)
    # A ledger with one period merged: that period.
    one = build_ledger(tmp_path / "one" / L.LEDGER_NAME, tiny_master(), ("9T",))
    result = CliRunner().invoke(main, ["report", str(one), "--out", str(tmp_path / "bc9.xlsx")])
    assert result.exit_code == 0, result.output
    assert load_workbook(tmp_path / "bc9.xlsx")[UNIT_SHEET]["A3"].value.startswith("9 tháng")
    # Several: not guessed, each named.
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--out",
                                       str(tmp_path / "bc-x.xlsx")])
    assert result.exit_code == 2
    assert ("sổ cái có số liệu của nhiều kỳ: 6T (6 tháng đầu năm 2023), Q3 (Quý III năm 2023),"
            " 9T (9 tháng năm 2023)") in result.stderr
    assert "--period 9T" in result.stderr
    assert not (tmp_path / "bc-x.xlsx").exists()


def test_merged_workbook_without_its_property_uses_the_ledger_beside_it(ledger_db, tmp_path):
    wb = load_workbook(write_consolidated(load_snapshot(ledger_db, "6T"), tmp_path / "a.xlsx"))
    wb.custom_doc_props.props.clear()
    folder = tmp_path / "moved"
    folder.mkdir()
    wb.save(folder / "th.xlsx")
    result = CliRunner().invoke(main, ["report", str(folder / "th.xlsx"), "--period", "6T",
                                       "--out", str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 1
    assert "không tìm thấy sổ cái" in result.stderr or "không ghi sổ cái" in result.stderr
    assert str(folder / "th.xlsx") in result.stderr
    shutil.copyfile(ledger_db, folder / L.LEDGER_NAME)
    result = CliRunner().invoke(main, ["report", str(folder / "th.xlsx"), "--period", "6T",
                                       "--out", str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 0, result.stderr


def test_cli_unknown_period(ledger_db, tmp_path):
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", "Q4", "--out",
                                       str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 2
    assert "không có kỳ 'Q4'" in result.stderr and "6T" in result.stderr
    assert not (tmp_path / "bc.xlsx").exists()


def test_cli_period_with_nothing_merged(ledger_db, tmp_path):
    merged = sorted(SAVED)
    empty = next(p for p in ("Q1", "6T", "Q3", "9T", "NAM") if p not in SAVED)
    result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", empty, "--out",
                                       str(tmp_path / "bc.xlsx")])
    assert result.exit_code == 2
    # Each period by its code (what --period takes) and its name.
    assert re.search(rf"chưa có tệp nào được gộp cho kỳ {empty} \([^)]+ năm 2023\);",
                     result.stderr), result.stderr
    listed = re.search(r"các kỳ đã gộp: ([^(]+) \(chạy", result.stderr)
    assert listed and sorted(listed[1].split(", ")) == merged, result.stderr
    assert not (tmp_path / "bc.xlsx").exists()


def _letter_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(path).paragraphs)


def test_a_reminder_asks_every_unit_when_no_file_came(ledger_db, tmp_path):
    # The due day passed and nothing was merged (a QA pass: no letter could be made, the
    # ledger had "nothing merged for the period", the plan table was no source).
    empty = next(p for p in ("Q1", "6T", "Q3", "9T", "NAM") if p not in SAVED)
    letter = tmp_path / "cv.docx"
    result = CliRunner().invoke(main, ["remind", str(ledger_db), "--period", empty, "--out",
                                       str(letter)])
    assert result.exit_code == 0, result.output
    assert "Đơn vị cần đôn đốc: 4" in result.output
    text = _letter_text(letter)
    assert "chưa nhận được báo cáo của cơ quan, đơn vị nào:" in text
    assert "Đơn vị chưa gửi báo cáo (4)" in text
    # Before any merge, from the plan table: no ledger beside it yet.
    plan = tmp_path / "plan" / "ke-hoach.xlsx"
    plan.parent.mkdir()
    write_master(tiny_master(), plan)
    asked = CliRunner().invoke(main, ["remind", str(plan), "--out", str(tmp_path / "a.docx")])
    assert asked.exit_code == 2 and "chọn kỳ bằng --period" in asked.stderr
    first = CliRunner().invoke(main, ["remind", str(plan), "--period", "Q1", "--out",
                                      str(tmp_path / "q1.docx")])
    assert first.exit_code == 0, first.output
    assert "Đơn vị chưa gửi báo cáo (4)" in _letter_text(tmp_path / "q1.docx")
    assert not (plan.parent / L.LEDGER_NAME).exists()  # nothing written beside the plan
    # The report still asks for a merge first: its figures would all be nothing.
    report = CliRunner().invoke(main, ["report", str(ledger_db), "--period", empty, "--out",
                                       str(tmp_path / "bc.xlsx")])
    assert report.exit_code == 2


@pytest.mark.parametrize(("name", "content", "message"), [
    ("khong-co.sqlite", None, "không tìm thấy tệp"),
    ("ghi-chu.sqlite", b"day khong phai so cai", "không phải sổ cái"),
    ("rong.db", b"", "không phải sổ cái"),
    ("bang.xlsx", b"PK\x03\x04hong", "hỏng"),
])
def test_cli_missing_or_invalid_source(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    result = CliRunner().invoke(main, ["report", str(source), "--period", "6T", "--out",
                                       str(tmp_path / "bc.xlsx")])
    # A file that is not there: the command was called wrongly (2); one that is not a
    # ledger or is damaged: a problem in the data (1).
    assert result.exit_code == (2 if content is None else 1), result.output
    assert message in result.stderr
    assert str(source) in result.stderr
    assert not (tmp_path / "bc.xlsx").exists()


def test_cli_wrong_output_names(ledger_db, tmp_path):
    for args in (["--out", str(tmp_path / "a.pdf")],
                 ["--out", str(tmp_path / "a.xlsx"), "--html", str(tmp_path / "a.txt")]):
        result = CliRunner().invoke(main, ["report", str(ledger_db), "--period", "6T", *args])
        assert result.exit_code == 2
        assert "đuôi" in result.stderr


def test_cli_never_overwrites_its_source(ledger_db, tmp_path):
    merged = write_consolidated(load_snapshot(ledger_db, "6T"), tmp_path / "th.xlsx")
    before = merged.read_bytes()
    result = CliRunner().invoke(main, ["report", str(merged), "--period", "6T", "--out",
                                       str(merged)])
    assert result.exit_code == 2
    assert "trùng với tệp nguồn" in result.stderr
    assert merged.read_bytes() == before


def test_cli_help():
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    assert "--period" in result.output and "--html" in result.output
    assert "sổ cái" in result.output
