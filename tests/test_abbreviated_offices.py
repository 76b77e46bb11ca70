"""A commune's offices by the abbreviations its plan writes: "BCH Quân sự xã", "Ban CHQS",
"Trung tâm phục vụ HCC", in a plan imported (a QA pass of Xã Diễn Châu's 2026 plan)."""

from __future__ import annotations

import pytest
from test_import import _commune_plan

from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan

HEADER = ("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian")


def _imported(tmp_path, rows):
    result = import_plan(_commune_plan(tmp_path / "kh.docx", "XÃ DIỄN CHÂU", [HEADER, *rows]),
                         tmp_path / "bang.xlsx")
    return load_master(result.path), result.findings


@pytest.mark.parametrize("written, office", [
    ("BCH Quân sự xã", "QS"), ("BCH QS xã", "QS"), ("BCH-QS", "QS"), ("BCHQS", "QS"),
    ("Ban CHQS xã", "QS"), ("Trung tâm phục vụ HCC", "PVHCC"), ("TT HCC xã", "PVHCC"),
    ("Trung tâm PVHCC", "PVHCC")])
def test_a_communes_office_written_short_is_the_templates_unit(tmp_path, written, office):
    """ "BCH Quân sự xã" and "Trung tâm phục vụ HCC" were added as new units beside the
    template's Ban Chỉ huy quân sự and Trung tâm Phục vụ hành chính công: their tasks
    went to units no file was made for as the office knows them."""
    master, findings = _imported(tmp_path, [
        ("1", "Diễn tập phòng thủ", "Kế hoạch", written, "Công an xã", "Quý II/2026")])
    (task,) = master.deliverables()
    assert task.lead == [office]
    assert not [f.message for f in findings if f.code == "import-unit-added"]
    assert {u.code for u in master.units} == {"VP", "KT", "VHXH", "PVHCC", "CA", "QS"}


def test_bch_alone_is_no_military_command(tmp_path):
    """ "BCH" alone is as often Ban Chấp hành: "BCH Đoàn xã", "BCH Công đoàn xã" stay
    bodies of their own, none the Ban Chỉ huy quân sự."""
    master, findings = _imported(tmp_path, [
        ("1", "Tuyên truyền", "Tin bài", "BCH Đoàn xã", "BCH Công đoàn xã; BCH Hội Nông dân xã",
         "Quý II/2026")])
    (task,) = master.deliverables()
    names = {u.code: u.name for u in master.units}
    assert [names[c] for c in task.lead] == ["BCH Đoàn xã"]
    assert [names[c] for c in task.support] == ["BCH Công đoàn xã", "BCH Hội Nông dân xã"]
    assert len([f for f in findings if f.code == "import-unit-added"]) == 3
