"""A letter for a period nothing was merged into, from a ledger that holds other periods.

The letter is made (asking every unit is what a letter before any file is for), but a QA
pass gave the 9-month consolidated workbook with ``--period Q1`` (meaning Q3): the
command said only "Đơn vị cần đôn đốc: 180" and wrote a letter saying no unit had sent
anything, with no word that the period had nothing merged while 9T had.
"""

from __future__ import annotations

from click.testing import CliRunner
from test_figures import done

from cchc_xl.cli import main
from support.counting import _Office

_NOTE = ("Lưu ý: sổ cái chưa có tệp nào được gộp cho kỳ 6T (6 tháng đầu năm 2023; các kỳ "
         "đã gộp: Q1): {} như chưa đơn vị nào gửi báo cáo; lập công văn cho kỳ đã gộp thì "
         "chạy lại với --period Q1.")
_ASKED = {"remind": "công văn đôn đốc mọi đơn vị",
          "overdue": "nhiệm vụ đã đến hạn của mọi đơn vị được tính là chưa báo cáo"}


def _merged_q1(tmp_path):
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(office.master.period("Q1").cutoff)}})
    return office


def test_a_letter_for_a_period_with_nothing_merged_says_so(tmp_path) -> None:
    office = _merged_q1(tmp_path)
    for letter, overdue in (("remind", []), ("overdue", ["--overdue"])):
        # A file each: one letter never replaces the other (cchc_xl.overwrite).
        result = CliRunner().invoke(main, ["remind", str(office.out / "Q1.xlsx"), "--period",
                                           "6T", "--out", str(tmp_path / f"{letter}.docx"),
                                           "--deadline", "30/06/2023", *overdue])
        assert result.exit_code == 0, result.output
        assert _NOTE.format(_ASKED[letter]) in result.output, result.output
        assert (tmp_path / f"{letter}.docx").is_file()


def test_a_letter_for_the_merged_period_has_no_such_note(tmp_path) -> None:
    office = _merged_q1(tmp_path)
    result = CliRunner().invoke(main, ["remind", str(office.db), "--period", "Q1", "--out",
                                       str(tmp_path / "cv.docx"), "--deadline", "30/03/2023"])
    assert result.exit_code == 0, result.output
    assert "chưa có tệp nào được gộp" not in result.output
