"""What a unit's workbook tells it on its "Hướng dẫn" sheet and in its prompts: the plan
as running text, the examples dated in the period, how to type a date on any machine,
and the template's unit cell (split_guide.py, templates/huong-dan.md.j2)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

import pytest
from openpyxl import load_workbook

from cchc_xl import assignment as A
from cchc_xl.errors import CchcError
from cchc_xl.split import split_master
from make_sample_returns import ISSUED_AT

ISSUED = datetime(2023, 9, 1, 8, 30)


def test_a_plan_imported_in_capitals_reads_as_running_text_on_the_guide(nh_master, tmp_path):
    """An imported plan keeps its heading's capitals: every unit's guide read "… của ỦY
    BAN NHÂN DÂN TỈNH THANH HÓA"; as the report writes it, it reads as a sentence."""
    master = replace(nh_master, plan=replace(
        nh_master.plan, title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023",
        authority="ỦY BAN NHÂN DÂN TỈNH THANH HÓA"), units=nh_master.units[:1])
    result = split_master(master, "9T", tmp_path / "giao", issued_at=ISSUED_AT)
    wb = load_workbook(result.files[0].path)
    # The file's author too (it was "ỦY BAN NHÂN DÂN TỈNH THANH HÓA", a QA pass).
    assert wb.properties.creator == "Ủy ban nhân dân tỉnh Thanh Hóa"
    ws = wb[A.GUIDE_SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Kế hoạch cải cách hành chính năm 2023" in t
               and "của Ủy ban nhân dân tỉnh Thanh Hóa" in t for t in texts), texts[:6]
    assert not any("ỦY BAN NHÂN DÂN" in t for t in texts)


def test_a_title_that_names_its_authority_is_not_followed_by_it_again(nh_master, tmp_path):
    """"Kế hoạch … năm 2026 của UBND xã Hoằng Tiến (số 12/KH-UBND …) của Ủy ban nhân dân
    xã Hoằng Tiến" on every unit's guide (a QA pass)."""
    master = replace(nh_master, plan=replace(
        nh_master.plan, title="Kế hoạch cải cách hành chính năm 2023 của UBND xã Hoằng Tiến",
        number="12/KH-UBND", authority="Ủy ban nhân dân xã Hoằng Tiến"),
        units=nh_master.units[:1])
    result = split_master(master, "9T", tmp_path / "giao", issued_at=ISSUED_AT)
    line = load_workbook(result.files[0].path)[A.GUIDE_SHEET]["A2"].value
    assert line.startswith("Kế hoạch cải cách hành chính năm 2023 của UBND xã Hoằng Tiến "
                           "(số 12/KH-UBND") and line.endswith(")"), line
    assert "Ủy ban nhân dân" not in line


def test_a_title_that_names_its_commune_is_not_followed_by_its_committee(nh_master, tmp_path):
    """A commune's 2026 plan titled "… của xã Hoằng Hóa", issued by UBND xã Hoằng Hóa:
    every unit's guide read "Kế hoạch … của xã Hoằng Hóa (số 15/KH-UBND ngày
    10/01/2026) của UBND xã Hoằng Hóa" (a QA pass on a commune's plan)."""
    from datetime import date

    master = replace(nh_master, plan=replace(
        nh_master.plan, title="Kế hoạch cải cách hành chính năm 2023 của xã Hoằng Hóa",
        number="15/KH-UBND", issued=date(2023, 1, 10), authority="UBND xã Hoằng Hóa"),
        units=nh_master.units[:1])
    result = split_master(master, "9T", tmp_path / "giao", issued_at=ISSUED_AT)
    line = load_workbook(result.files[0].path)[A.GUIDE_SHEET]["A2"].value
    assert line.replace("\n", " ") == ("Kế hoạch cải cách hành chính năm 2023 của xã Hoằng "
                                       "Hóa (số 15/KH-UBND ngày 10/01/2023)"), line


def test_guide_template_must_keep_the_unit_cell(nh_master, tmp_path, monkeypatch):
    from cchc_xl.templates import template_path

    folder = tmp_path / "templates"
    folder.mkdir()
    text = template_path("huong-dan.md.j2").read_text(encoding="utf-8")
    (folder / "huong-dan.md.j2").write_text(text.replace("\nMã đơn vị |", "\n\nMã đơn vị |"),
                                             encoding="utf-8")
    monkeypatch.setenv("CCHC_XL_TEMPLATES", str(folder))
    with pytest.raises(CchcError) as err:
        split_master(replace(nh_master, units=nh_master.units[:1]), "9T", tmp_path / "out")
    assert A.GUIDE_UNIT_CELL in err.value.message


@pytest.mark.parametrize("period", ["Q1", "6T", "Q3", "NAM"])
def test_examples_are_dated_in_the_plans_year_and_the_period(nh_master, tmp_path, period):
    """A 2026 workbook's prompts said "ví dụ 05/07/2023", a date its own check refused;
    then "05/07/2026" in the 6-month files, after their cut-off of 14/06/2026: a unit
    that copied it was told its date is after the cut-off (a probe). The example
    completion date lies in the period, in the prompt and in the guide."""
    from cchc_xl.periods import default_periods
    from cchc_xl.xlio import to_date

    later = replace(nh_master, units=nh_master.units[:1], periods=default_periods(2026),
                    plan=replace(nh_master.plan, year=2026))
    chosen = later.period(period)
    result = split_master(later, period, tmp_path / "out", issued_at=ISSUED)
    wb = load_workbook(result.files[0].path)
    ws = next(ws for ws in wb.worksheets if ws.data_validations.dataValidation)
    prompts = " ".join(dv.prompt or "" for dv in ws.data_validations.dataValidation)
    guide = " ".join(str(c) for row in wb[A.GUIDE_SHEET].iter_rows(values_only=True)
                     for c in row if c)
    assert "ngày 05/01/2026" in prompts and "2023" not in prompts
    for text in (prompts, guide):
        (example,) = re.findall(r"dạng ngày/tháng/năm, ví dụ (\d\d/\d\d/\d{4})", text)
        assert chosen.start <= to_date(example) <= chosen.cutoff, (example, chosen)


def test_the_guide_says_how_to_type_a_date_on_an_english_locale_machine(nh_master, tmp_path):
    """The guide warned that an English-locale machine swaps day and month, and stopped
    there: typing dd/mm/yyyy again swaps it again (LibreOffice Calc in en-US, measured).
    It now gives the year-first form of its example, which every machine reads one way."""
    from cchc_xl.xlio import to_date

    result = split_master(replace(nh_master, units=nh_master.units[:1]), "Q3",
                          tmp_path / "out", issued_at=ISSUED)
    guide = " ".join(str(c) for row in load_workbook(result.files[0].path)[A.GUIDE_SHEET]
                     .iter_rows(values_only=True) for c in row if c)
    (example,) = re.findall(r"dạng ngày/tháng/năm, ví dụ (\d\d/\d\d/\d{4})", guide)
    iso = to_date(example).isoformat()
    assert f"khi đó gõ dạng năm-tháng-ngày, ví dụ {iso}, ô sẽ hiện {example}." in guide


def test_the_guide_names_libreoffices_keep_format_button_as_it_reads(nh_master, tmp_path):
    """Saving as .xlsx, LibreOffice 7.4 asks "Confirm File Format" with the buttons "Use
    Excel 2007–365 Format" and "Use ODF Format" (untranslated in its Vietnamese
    interface); the guide named a button "Use Excel 2007-365!" that it does not show."""
    result = split_master(replace(nh_master, units=nh_master.units[:1]), "9T",
                          tmp_path / "giao", issued_at=ISSUED_AT)
    ws = load_workbook(result.files[0].path)[A.GUIDE_SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    [line] = [t for t in texts if t.startswith("Lưu tệp dạng Excel")]
    assert line.endswith("Dùng LibreOffice: khi được hỏi giữ định dạng tệp, chọn nút \"Use Excel "
                         "2007–365 Format\", không chọn \"Use ODF Format\".")


def test_the_plans_line_on_the_guide_keeps_the_communes_name_on_one_line(nh_master, tmp_path):
    """A commune's plan named on the guide under its title: the line wrapped with the
    commune's name cut in two, "… của Ủy ban nhân dân xã Hoằng" over "Hóa" alone (a QA
    pass, rendered with LibreOffice). It is written in two lines of about one length,
    each fitting the page's width."""
    from datetime import date

    from cchc_xl import styles
    from cchc_xl.split_guide import GUIDE_WIDTHS

    master = replace(nh_master, plan=replace(
        nh_master.plan, title="Kế hoạch cải cách hành chính năm 2023", number="12/KH-UBND",
        issued=date(2023, 1, 15), authority="Ủy ban nhân dân xã Hoằng Hóa"),
        units=nh_master.units[:1])
    result = split_master(master, "9T", tmp_path / "giao", issued_at=ISSUED_AT)
    line = load_workbook(result.files[0].path)[A.GUIDE_SHEET]["A2"].value
    assert line.replace("\n", " ") == ("Kế hoạch cải cách hành chính năm 2023 (số 12/KH-UBND "
                                       "ngày 15/01/2023) của Ủy ban nhân dân xã Hoằng Hóa")
    first, second = line.split("\n")
    assert "xã Hoằng Hóa" in second
    for part in (first, second):
        assert styles.text_lines(part, sum(GUIDE_WIDTHS)) == 1, part
    ratio = styles.text_width(second) / styles.text_width(first)
    assert 0.7 < ratio < 1.4, line


RETURN_TO = ("Phòng Nội vụ, đồng chí Lê Thị Hoa, ĐT 0237 3865 123, thư điện tử "
             "pnv@thanhhoa.gov.vn")


def _guide_rows(path) -> dict[str, str]:
    ws = load_workbook(path)[A.GUIDE_SHEET]
    return {str(a): str(b) for a, b in ws.iter_rows(max_col=2, values_only=True) if a and b}


def test_the_guide_says_to_whom_the_file_goes_back(nh_master, tmp_path):
    """A QA pass: each unit's guide said to send the file back before its due day, never
    to whom; the plan had no place for it. The plan's "Nơi nhận báo cáo" (or split's
    ``return_to``) is now a line of every guide, under the due day, and in the manifest."""
    import json

    master = replace(nh_master, plan=replace(nh_master.plan, return_to=RETURN_TO))
    result = split_master(master, "9T", tmp_path / "giao", issued_at=ISSUED_AT)
    rows = _guide_rows(result.files[0].path)
    labels = list(rows)
    assert rows["Gửi lại cho"] == RETURN_TO
    assert labels.index("Gửi lại cho") == labels.index("Hạn gửi lại") + 1
    ws = load_workbook(result.files[0].path)[A.GUIDE_SHEET]
    assert ws[A.GUIDE_UNIT_CELL].value == result.files[0].unit_code  # still where intake reads
    assert any("gửi lại cho nơi nhận và trước hạn ghi ở trên" in (c or "")
               for c in (r[1] for r in ws.iter_rows(values_only=True)))
    manifest = json.loads(result.manifest_json.read_text(encoding="utf-8"))
    assert manifest["return_to"] == RETURN_TO
    # Given to split, it is used in place of the plan's, on one line.
    again = split_master(master, "9T", tmp_path / "lai", issued_at=ISSUED_AT,
                         return_to="Văn phòng UBND\nZalo 0912 000 111")
    assert _guide_rows(again.files[0].path)["Gửi lại cho"] == "Văn phòng UBND Zalo 0912 000 111"
    # None: no line, and the sentence as before.
    plain = split_master(nh_master, "9T", tmp_path / "khong", issued_at=ISSUED_AT)
    rows = _guide_rows(plain.files[0].path)
    assert "Gửi lại cho" not in rows
    assert "return_to" not in json.loads(plain.manifest_json.read_text(encoding="utf-8"))


def test_the_rule_for_tasks_without_a_due_day_is_a_labelled_row_of_the_guide(nh_master,
                                                                            tmp_path):
    """How to report a task done "Thường xuyên" was a paragraph without a label or a
    border just under the "Ghi chú" row (a QA pass, rendered with LibreOffice): it read as
    more on what to note, not as the rule for those rows. It is a row of the table, its
    label "Nhiệm vụ thường xuyên", after the columns' rows."""
    result = split_master(replace(nh_master, units=nh_master.units[:1]), "9T",
                          tmp_path / "giao", issued_at=ISSUED_AT)
    rows = _guide_rows(result.files[0].path)
    labels = list(rows)
    assert rows["Nhiệm vụ thường xuyên"].startswith(
        "Nhiệm vụ thường xuyên, định kỳ hoặc theo sự kiện (cột \"Hạn (ngày)\" không ghi ngày)")
    assert labels.index("Nhiệm vụ thường xuyên") == labels.index(A.COL_NOTE) + 1


def test_split_return_to_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from cchc_xl.cli import main
    from support.paths import HH_MASTER

    out = tmp_path / "giao"
    res = CliRunner().invoke(main, ["split", str(HH_MASTER), "--period", "9T", "--out",
                                    str(out), "--silent", "--return-to", RETURN_TO])
    assert res.exit_code == 0, res.output
    first = sorted(out.glob("*.xlsx"))[0]
    assert _guide_rows(first)["Gửi lại cho"] == RETURN_TO
