"""A commune's offices by the abbreviations its plan and its staff write: "BCH Quân sự
xã", "Ban CHQS", "Trung tâm phục vụ HCC", in a plan imported and in a returned file's
name (a QA pass of Xã Diễn Châu's 2026 plan)."""

from __future__ import annotations

import pytest
from test_import import _commune_plan

from cchc_xl.master import load_master
from cchc_xl.merge import merge_returns
from cchc_xl.plan_import import import_plan
from cchc_xl.split import split_master
from make_sample_returns import ISSUED_AT, fill_return
from support.mistakes import doing, ids

HEADER = ("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian")
PERIOD = "6T"


def _imported(tmp_path, rows):
    result = import_plan(_commune_plan(tmp_path / "kh.docx", "XÃ DIỄN CHÂU", [HEADER, *rows]),
                         tmp_path / "bang.xlsx")
    return load_master(result.path), result.findings


@pytest.mark.parametrize("written, office", [
    ("BCH Quân sự xã", "QS"), ("BCH QS xã", "QS"), ("BCH-QS", "QS"), ("BCHQS", "QS"),
    ("Ban CHQS xã", "QS"), ("Trung tâm phục vụ HCC", "PVHCC"), ("TT HCC xã", "PVHCC"),
    ("Trung tâm PVHCC", "PVHCC"),
    # "Trung tâm" in full before "HCC", or "TT." with its dot (a QA pass of 2026 plans:
    # each was added as a new unit "Trung tâm hành chính công xã")
    ("Trung tâm HCC", "PVHCC"), ("Trung tâm HCC xã", "PVHCC"), ("TT. HCC", "PVHCC"),
    ("TT.HCC xã", "PVHCC"), ("trung tâm hcc phường", "PVHCC")])
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


@pytest.mark.parametrize("written", [
    "Trung tâm Văn hóa", "Trung tâm Văn hóa - Thể thao xã", "Trung tâm Y tế",
    "TT. Văn hóa xã"])
def test_another_centre_is_not_the_public_service_centre(tmp_path, written):
    """Reading "Trung tâm HCC" as the Trung tâm Phục vụ hành chính công makes no other
    centre the commune's: each stays a unit of its own."""
    master, findings = _imported(tmp_path, [
        ("1", "Tuyên truyền", "Tin bài", written, "", "Quý II/2026")])
    (task,) = master.deliverables()
    names = {u.code: u.name for u in master.units}
    assert task.lead != ["PVHCC"] and [names[c] for c in task.lead] == [written]
    assert len([f for f in findings if f.code == "import-unit-added"]) == 1


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


@pytest.fixture(scope="module")
def commune(tmp_path_factory):
    """Xã Diễn Châu's plan imported, and the workbooks split for its units."""
    folder = tmp_path_factory.mktemp("dien-chau")
    master, _ = _imported(folder, [
        ("1", "Diễn tập phòng thủ", "Kế hoạch", "BCH Quân sự xã", "Công an xã", "Quý II/2026"),
        ("2", "Số hóa hồ sơ", "Báo cáo", "Trung tâm phục vụ HCC", "", "Quý II/2026"),
        ("3", "Bảo đảm an ninh", "Báo cáo", "Công an xã", "", "Quý II/2026"),
        ("4", "Kinh tế số", "Báo cáo", "Phòng Kinh tế", "", "Quý II/2026")])
    issued = split_master(master, PERIOD, folder / "giao", issued_at=ISSUED_AT)
    return master, {f.unit_code: f.path for f in issued.files}


def _merged(commune, tmp_path, unit, named):
    master, given = commune
    sent = fill_return(given[unit], tmp_path / "in" / named,
                       {d: doing(40) for d in ids(master, unit)})
    (f,) = merge_returns(master, [sent], PERIOD, tmp_path / "out" / "th.xlsx").run_files
    return f, [p for p in f.problems if p.code == "file-name-other-unit"]


@pytest.mark.parametrize("named, office", [
    ("BCH-QS-bao-cao-6-thang.xlsx", "QS"), ("Bao cao BCHQS.xlsx", "QS"),
    ("BC Ban CHQS.xlsx", "QS"), ("Báo cáo 6 tháng BCH Quân sự xã.xlsx", "QS"),
    ("bao cao TT HCC.xlsx", "PVHCC"), ("Bao_cao_6T_BCH_QS.xlsx", "QS")])
def test_a_file_named_after_another_office_by_its_abbreviation_is_refused(
        commune, tmp_path, named, office):
    """Ban Chỉ huy quân sự filled in Công an xã's workbook and sent it as
    "BCH-QS-bao-cao-6-thang.xlsx": it was counted as Công an xã's, replacing its report,
    with only a warning that answers were left blank. The name names another office by
    its abbreviation: the file is taken as neither, and the office told so."""
    f, refused = _merged(commune, tmp_path, "CA", named)
    name = commune[0].unit(office).name  # as the plan writes it: "Ban Chỉ huy quân sự xã"
    assert name.startswith(("Ban Chỉ huy quân sự", "Trung tâm Phục vụ hành chính công"))
    assert f.outcome == "rejected" and f.unit == office
    (told,) = refused
    assert told.severity == "error" and told.unit == office
    assert told.message.startswith(
        f"tên tệp ghi tên viết tắt của đơn vị '{office}' ({name}) nhưng tệp là bảng được "
        "giao cho đơn vị 'CA' (Công an xã): có thể đơn vị "
        f"{office} đã điền nhầm vào tệp của đơn vị CA")
    assert f"lưu thành tệp mới có tên bỏ tên viết tắt của đơn vị {office} và" in told.message


@pytest.mark.parametrize("unit, named", [
    ("CA", "Bao cao CA gui BCHQS.xlsx"),  # where it is sent
    ("CA", "Bao cao 6T phoi hop voi BCH-QS.xlsx"),  # who it works with
    ("CA", "BCH Doan - bao cao.xlsx"),  # "BCH" alone: Ban Chấp hành as often
    ("CA", "Bao cao TTHC HCC 6 thang.xlsx"),  # "hành chính công" is no office
    ("CA", "BC CCHC 6T.xlsx"),
    ("QS", "KT bao cao BCHQS.xlsx"),  # "KT" a code, the name its own by abbreviation
    ("QS", "BCH-QS-bao-cao-6-thang.xlsx"),  # its own abbreviation
    ("PVHCC", "Bao cao TT HCC gui Cong an xa.xlsx")])
def test_a_file_named_by_its_own_office_or_none_is_taken(commune, tmp_path, unit, named):
    f, refused = _merged(commune, tmp_path, unit, named)
    assert (f.outcome, f.unit, refused) == ("accepted", unit, [])


def test_an_office_named_without_its_locality_is_named(commune, tmp_path):
    """ "Ban Chỉ huy quân sự" of a plan whose office is "Ban Chỉ huy quân sự xã": that
    office, by its name."""
    assert commune[0].unit("QS").name == "Ban Chỉ huy quân sự xã"  # as the plan writes it
    f, refused = _merged(commune, tmp_path, "CA", "Bao cao Ban Chi huy quan su.xlsx")
    assert (f.outcome, f.unit) == ("rejected", "QS")
    assert refused[0].message.startswith("tên tệp ghi tên đơn vị 'QS' (Ban Chỉ huy quân sự")
