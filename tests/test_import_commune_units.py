"""cchc-xl import of a commune's plan: the codes of the units it adds, and its group of
boards, sectors and mass organisations ("Các ban, ngành, đoàn thể xã")."""

from __future__ import annotations

from test_import_plan import _heading_doc
from test_import_unit_cells import COMMUNE

from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan


def _commune_plan(tmp_path, rows, left=COMMUNE):
    """A commune's plan of ``rows`` imported: the master as load_master reads it, and
    the import's findings."""
    result = import_plan(_heading_doc(tmp_path / "kh.docx", left=left, rows=rows),
                         tmp_path / "m.xlsx")
    return load_master(result.path), result.findings


def test_an_acronym_in_a_units_name_gives_its_code_whole(tmp_path):
    """ "Trường THCS thị trấn Bút Sơn" got the code "T" (THCS gave one letter, the place
    none): the acronym whole and the place's initials, still one code per unit."""
    schools = ["Trường THCS thị trấn Bút Sơn", "Trường THCS xã Hoằng Lộc",
               "Trường THCS Bắc Sơn", "Ủy ban MTTQ xã"]
    master, _ = _commune_plan(tmp_path, [
        [str(k), f"Tuyên truyền {k}", "Bài viết", name, "", "Quý II/2026"]
        for k, name in enumerate(schools, 1)])
    codes = {u.name: u.code for u in master.units}
    assert [codes[n] for n in schools[:3]] == ["THCSBS", "THCSHL", "THCSBS2"]
    assert codes["Ủy ban Mặt trận Tổ quốc xã"] == "UBMTTQ"
    assert len(set(codes.values())) == len(codes)
