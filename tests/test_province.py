"""2026 plans: init by level, unit names as province tables write them, and a province
master (Thanh Hóa, 166 communes and wards) from init to one file per unit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl import assignment as A
from cchc_xl.abbreviations import expand_abbreviations
from cchc_xl.cli import main
from cchc_xl.deadlines import parse_deadline
from cchc_xl.master import check_master, load_master, read_master, write_master
from cchc_xl.master.layout import template_name
from cchc_xl.model import Area, Deliverable, Heading, Task, Unit
from cchc_xl.split import split_master
from cchc_xl.templates import template_path
from cchc_xl.units import GROUP, SUBSET, UNIT, UNRESOLVED, Registry
from plan_documents import write_plan_document
from support.clock import set_clock
from support.findings import codes
from support.plans import meaningful

# --- init -------------------------------------------------------------------------------

@pytest.mark.parametrize(("level", "units"), [
    ("tinh", {"Sở Nội vụ", "Văn phòng UBND tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"}),
    ("xa", {"Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
            "Trung tâm Phục vụ hành chính công"}),
    ("huyen", {"Phòng Nội vụ", "Văn phòng HĐND và UBND huyện"}),
])
def test_init_by_level_holds_no_sample_and_the_plan_year(tmp_path: Path, level: str,
                                                         units: set[str]) -> None:
    path = tmp_path / "new.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--level", level, "--year", "2026"])
    assert result.exit_code == 0, result.output
    master, found = read_master(path)
    assert units <= {u.name for u in master.units}
    assert master.areas == [] and master.plan.year == 2026
    assert master.plan.title == "Kế hoạch cải cách hành chính năm 2026"
    assert "năm 2026" in master.plan.attachment
    assert master.period("Q1").start == date(2025, 12, 15)
    # what is left to do, said plainly: name the issuer, fill the areas
    assert codes(found, "error") == ["plan-field-missing"]
    assert "no-tasks" in codes(found) and "area-blank" in codes(found)
    wb = load_workbook(path)
    assert wb.sheetnames[-1] == "Lĩnh vực 1" and wb["Lĩnh vực 1"]["B1"].value is None
    texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert not [t for t in texts if "2023" in t or "2024" in t or "Ví Dụ" in t]


@pytest.mark.parametrize("on, year", [(date(2026, 1, 5), 2026), (date(2026, 6, 30), 2026),
                                      (date(2026, 7, 1), 2027), (date(2026, 12, 5), 2027)])
def test_init_without_a_year_makes_the_plan_of_the_year_it_is_issued_for(
        tmp_path: Path, monkeypatch, on: date, year: int) -> None:
    """A plan is issued in December or January: made in the first half of a year, it is
    that year's (next year's all year round, as the web app's blank form was, gave a
    commune starting its 2026 plan in January a 2027 one); from July, next year's. The
    CLI and the web app follow one rule (master.plan_year)."""
    set_clock(monkeypatch, on)
    path = tmp_path / "new.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--commune", "phường Hạc Thành"])
    assert result.exit_code == 0, result.output
    assert read_master(path)[0].plan.year == year


def test_init_with_a_province_fills_its_166_communes(tmp_path: Path) -> None:
    path = tmp_path / "th.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--province", "thanh hoá",
                                       "--year", "2026"])
    assert result.exit_code == 0, result.output
    master, found = read_master(path)
    assert master.plan.authority == "Ủy ban nhân dân tỉnh Thanh Hóa"
    communes = [u for u in master.units if u.kind == "commune"]
    assert len(communes) == 166 and "Phường Hạc Thành" in {u.name for u in communes}
    # Its group of communes named by the kinds it has, as import --province names it (a
    # QA pass: "UBND các xã, phường, đặc khu", the template's, for a province with none).
    (group,) = [g for g in master.groups if "commune" in g.kinds]
    assert group.name == "UBND các xã, phường" and "đặc khu" in group.spellings[-1]
    assert codes(found, "error") == []
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0


@pytest.mark.parametrize(("args", "authority", "police"), [
    (["--commune", "phường Hạc Thành"], "Ủy ban nhân dân phường Hạc Thành", "Công an phường"),
    (["--level", "xa", "--commune", "Hac Thanh"], "Ủy ban nhân dân phường Hạc Thành",
     "Công an phường"),
    (["--commune", "Tân Tiến", "--province", "Bắc Ninh"], "Ủy ban nhân dân phường Tân Tiến",
     "Công an phường"),
    (["--commune", "Vân Đồn"], "Ủy ban nhân dân đặc khu Vân Đồn", "Công an đặc khu"),
    (["--commune", "xã Hoằng Hóa", "--province", "thanh hoa"], "Ủy ban nhân dân xã Hoằng Hóa",
     "Công an xã"),
    # As people type it (a QA pass): the kind without diacritics, the old tone placement,
    # the place as the list of places of one name writes it, a comma left at the end.
    (["--commune", "phuong hac thanh"], "Ủy ban nhân dân phường Hạc Thành", "Công an phường"),
    (["--commune", "Uỷ ban nhân dân phường Hạc Thành"], "Ủy ban nhân dân phường Hạc Thành",
     "Công an phường"),
    (["--commune", "Xã Tân Tiến (Thanh Hóa)"], "Ủy ban nhân dân xã Tân Tiến", "Công an xã"),
    (["--commune", "dac khu Con Dao,"], "Ủy ban nhân dân đặc khu Côn Đảo", "Công an đặc khu"),
])
def test_init_for_a_commune_names_its_authority_and_offices(tmp_path: Path, args: list[str],
                                                           authority: str, police: str) -> None:
    """A ward made with init named its police "Công an xã" and left its authority blank
    (a QA pass): the official list says what the place is."""
    path = tmp_path / "xa.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--year", "2026", *args])
    assert result.exit_code == 0, result.output
    master, found = read_master(path)
    assert master.plan.authority == authority
    assert master.plan.attachment.endswith(f"năm 2026 của {authority})")
    names = {u.name: u for u in master.units}
    assert police in names and "Công an xã" in ([police] + names[police].aliases)
    # Its offices named for its kind, as its plans write them (a QA pass).
    kind = police.removeprefix("Công an ")
    assert {f"Văn phòng HĐND và UBND {kind}", f"Ban Chỉ huy quân sự {kind}"} <= set(names)
    assert "Văn phòng HĐND và UBND" in names[f"Văn phòng HĐND và UBND {kind}"].aliases
    assert not [u for u in master.units if u.kind == "commune"]
    # The issuer named: nothing left to fill on the plan sheet but the tasks.
    assert codes(found, "error") == []
    assert master.plan.code.endswith("-2026")
    assert f"Đã tạo {path} ({authority})." in result.output  # the place as it was taken


def test_a_special_zone_s_plan_knows_its_offices_as_plans_write_them(tmp_path: Path) -> None:
    """A đặc khu's plan written by hand named "Văn phòng HĐND và UBND đặc khu", "Các cơ
    quan chuyên môn thuộc UBND đặc khu" and "Công an đặc khu Phú Quốc": five errors in
    check (a QA pass). Each kind's spelling of the template's offices is known."""
    path = tmp_path / "dk.xlsx"
    assert CliRunner().invoke(main, ["init", str(path), "--commune", "đặc khu Phú Quốc",
                                     "--year", "2026"]).exit_code == 0
    master = load_master(path)
    registry = Registry(master.units, master.groups)
    for written, unit in [("Văn phòng HĐND và UBND đặc khu", "VP"),
                          ("Trung tâm Phục vụ hành chính công đặc khu", "PVHCC"),
                          ("Ban Chỉ huy quân sự đặc khu", "QS"),
                          ("Công an đặc khu Phú Quốc", "CA"), ("Công an xã", "CA")]:
        res = registry.resolve(written)
        assert (res.units, res.unresolved) == ([unit], []), written
    (piece,) = registry.resolve("Các cơ quan chuyên môn thuộc UBND đặc khu").pieces
    assert (piece.kind, piece.ref, piece.units) == (GROUP, "PB", ("VP", "KT", "VHXH"))


@pytest.mark.parametrize(("args", "words"), [
    (["--level", "quan"], "không có cấp 'quan'"),
    (["--level", "xa", "--province", "Thanh Hóa"], "--province chỉ dùng với --level tinh"),
    (["--province", "Thanh Hoá Nam"], "không có tỉnh, thành phố"),
    (["--commune", "Tân Tiến"], "có 8 xã, phường tên 'Tân Tiến': Xã Tân Tiến (Tuyên Quang)"),
    (["--commune", "Tân Tiến"], 'ví dụ --commune "Xã Tân Tiến" --province "Tuyên Quang"'),
    (["--commune", "Hạc Thànhh", "--province", "Thanh Hóa"],
     "không có xã, phường, đặc khu 'Hạc Thànhh' của tỉnh Thanh Hóa trong danh mục từ ngày "
     "01/7/2025 (có phải: Phường Hạc Thành?)"),
    (["--level", "tinh", "--commune", "Hạc Thành"], "--commune chỉ dùng với --level xa"),
    # Written without diacritics, a name of several places is asked (a QA pass: "Ba Dinh"
    # made Ba Dinh of Quảng Ngãi's plan, not Ba Đình of Hà Nội's).
    (["--commune", "Ba Dinh"], "có 3 xã, phường tên 'Ba Dinh': Phường Ba Đình (Thành phố Hà "
                               "Nội), Xã Ba Đình (Thanh Hóa), Xã Ba Dinh (Quảng Ngãi)"),
    # A province's name for a commune's plan, and the other way round, are said so.
    (["--commune", "Thanh Hóa"], "'Thanh Hóa' là tên tỉnh: kế hoạch của tỉnh Thanh Hóa thì "
                                 "chọn cấp tỉnh (--level tinh --province \"Thanh Hóa\")"),
    (["--province", "phường Hạc Thành"], "'phường Hạc Thành' là phường Hạc Thành (Thanh "
                                         "Hóa): kế hoạch của phường Hạc Thành thì chọn cấp xã"),
    # A province merged in 2025 that is a ward's name now: the province first.
    (["--province", "Nam Định"], 'tỉnh Nam Định đã hợp nhất vào tỉnh Ninh Bình từ ngày '
                                 '01/7/2025: ghi "Ninh Bình"; \'Nam Định\' là phường Nam Định'),
    # A place not in the province given: where it is.
    (["--commune", "Hạc Thành", "--province", "Hà Nội"],
     "tên này có ở: Phường Hạc Thành (Thanh Hóa)"),
    (["--commune", ""], "chưa ghi tên xã, phường sau --commune"),
])
def test_init_usage_errors(tmp_path: Path, args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "x.xlsx"), *args])
    assert result.exit_code == 2 and words in result.output
    assert not (tmp_path / "x.xlsx").exists()


# --- unit names -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def province() -> Registry:
    master, _ = read_master(template_path(template_name("tinh")))
    from cchc_xl.provinces import commune_units

    extra = [Unit("LDTBXH", "Sở Lao động - Thương binh và Xã hội", "department"),
             Unit("TNMT", "Sở Tài nguyên và Môi trường", "department"),
             Unit("KHDT", "Sở Kế hoạch và Đầu tư", "department"),
             Unit("TTTT", "Sở Thông tin và Truyền thông", "department")]
    return Registry(master.units + extra + commune_units("Thanh Hóa"), master.groups)


@pytest.mark.parametrize(("text", "code"), [
    ("Sở KH&CN", "KHCN"),
    ("Sở VH,TT&DL", "VHTTDL"),
    ("Sở VH, TT & DL", "VHTTDL"),
    ("Sở VHTTDL", "VHTTDL"),
    ("Sở NN&MT", "NNMT"),
    ("Sở GD&ĐT", "GDDT"),
    ("Sở LĐ-TB&XH", "LDTBXH"),
    ("Sở LĐTBXH", "LDTBXH"),
    ("Sở TN&MT", "TNMT"),
    ("Sở KH&ĐT", "KHDT"),
    ("Sở TT&TT", "TTTT"),
    ("Sở DT&TG", "DTTG"),
    ("Sở Nội Vụ", "NV"),
    ("SỞ NỘI VỤ", "NV"),
    ("Văn phòng UBND tỉnh", "VP"),
    ("VP UBND tỉnh", "VP"),  # "VP" (văn phòng) as plans write it
    ("VPUBND tỉnh", None),  # letters run together: no abbreviation the list knows
    ("Trung tâm PVHCC tỉnh", "PVHCC"),
    ("UBND phường Hạc Thành", "X001"),
    ("Sở Nội vu", None),  # a missing tone mark is another name, never folded
])
def test_abbreviations_and_case(province: Registry, text: str, code: str | None) -> None:
    res = province.resolve(text)
    if code is None:
        assert res.unresolved
    else:
        assert [(p.kind, p.units) for p in res.pieces] == [(UNIT, (code,))]


def test_abbreviations_have_one_home() -> None:
    assert expand_abbreviations("Văn phòng HĐND&UBND xã") == (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã")
    assert expand_abbreviations("Phòng TCKH") == "Phòng TCKH"  # unknown: unchanged


def test_a_name_in_brackets(province: Registry) -> None:
    inner = province.resolve("Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)")
    assert [p.units for p in inner.pieces] == [("PVHCC",)]
    assert "trong ngoặc" in inner.pieces[0].reading
    remark = province.resolve("Văn phòng UBND tỉnh (đầu mối)")
    assert [p.units for p in remark.pieces] == [("VP",)]
    assert "ghi chú" in remark.pieces[0].reading


def test_exclusions_and_subsets_never_over_assign(province: Registry) -> None:
    communes = province.members("XA")
    res = province.resolve("UBND các xã, phường (trừ phường Hạc Thành, phường Đông Quang)")
    [piece] = res.pieces
    assert piece.kind == GROUP and len(piece.units) == len(communes) - 2
    assert "X001" not in piece.units and len(piece.excluded) == 2
    unknown = province.resolve("Các sở, ban, ngành (trừ Sở Không Có)")
    assert unknown.pieces[0].units == () and unknown.pieces[0].excluded
    for text in ("Các sở có đơn vị sự nghiệp trực thuộc", "UBND các xã được chọn",
                 "Sở Nội vụ; các xã thí điểm"):
        res = province.resolve(text)
        assert SUBSET in [p.kind for p in res.pieces], text
        assert not any(p.kind == UNRESOLVED for p in res.pieces)
        assert set(res.units) <= {"NV"}
    # an open group is no subset
    assert province.resolve("Các cơ quan, đơn vị có liên quan").open_groups


# --- a 2026 province master, end to end ------------------------------------------------------

def _deliverable(did: str, product: str, lead: str, support: str, deadline: str) -> Deliverable:
    return Deliverable(did, product, parse_deadline(deadline, 2026), lead_text=lead,
                       support_text=support)


@pytest.fixture(scope="module")
def thanh_hoa(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("th")
    path = folder / "ke-hoach-2026.xlsx"
    assert CliRunner().invoke(main, ["init", str(path), "--province", "Thanh Hóa",
                                     "--year", "2026"]).exit_code == 0
    master = load_master(path)
    tc = Area("TC", "Cải cách thể chế", "Thể chế",
              "Phụ lục số 01: Nhiệm vụ cải cách thể chế năm 2026")
    tc.tasks = [
        Task("TC-01", "1", "Xây dựng văn bản quy phạm pháp luật", [
            _deliverable("TC-01", "Văn bản được ban hành", "Các sở, ban, ngành", "Sở Tư pháp",
                         "Theo Chương trình xây dựng văn bản QPPL năm 2026")]),
        Task("TC-02", "2", "Rà soát văn bản", [
            _deliverable("TC-02", "Báo cáo rà soát", "Sở Tư pháp", "Sở KH&CN; Sở VH,TT&DL",
                         "Quý II, III/2026"),
            _deliverable("TC-02.2", "Báo cáo tổng hợp", "Sở Tư pháp", "", "Trước 15/11")]),
        Task("TC-03", "3", "Báo cáo công tác kiểm tra văn bản", [
            _deliverable("TC-03", "Báo cáo quý", "Sở Tư pháp", "",
                         "Trước ngày 25 của tháng cuối quý")]),
    ]
    tthc = Area("TTHC", "Cải cách thủ tục hành chính", "Thủ tục hành chính")
    tthc.headings = [Heading("TTHC-01", "1", "Nâng cao chất lượng giải quyết thủ tục")]
    tthc.tasks = [
        Task("TTHC-01-1", "1.1", "Số hóa hồ sơ", [
            _deliverable("TTHC-01-1", "Hồ sơ được số hóa",
                         "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)",
                         "UBND các xã, phường (trừ phường Hạc Thành)",
                         "Tháng 6 và tháng 12/2026")], parent="TTHC-01"),
        Task("TTHC-01-2", "1.2", "Khảo sát sự hài lòng", [
            _deliverable("TTHC-01-2", "Báo cáo khảo sát", "Sở Nội Vụ",
                         "Các xã được chọn", "Giai đoạn 2026-2030")], parent="TTHC-01"),
    ]
    master.areas = [tc, tthc]
    return write_master(master, path)


def test_province_master_checks_with_warnings_only(thanh_hoa: Path) -> None:
    found = check_master(thanh_hoa)
    assert codes(found, "error") == []
    warnings = {(f.code, f.sheet, f.cell) for f in found if f.severity == "warning"}
    assert warnings == {
        ("deadline-undated", "Thể chế", "G6"), ("deadline-undated", "Thủ tục hành chính", "G8"),
        ("deadline-undated", "Thể chế", "G9"),  # a day of each quarter: judged per period
        ("group-exclusion", "Thủ tục hành chính", "F7"),
        ("group-subset", "Thủ tục hành chính", "F8")}
    assert ("unit-bracket", "E7") in {(f.code, f.cell) for f in found}
    master = load_master(thanh_hoa)
    tc01 = master.areas[0].tasks[0].deliverables[0]
    # named as coordinator, so not a lead through "Các sở, ban, ngành"
    assert "TP" in tc01.support and "TP" not in tc01.lead and "NV" in tc01.lead
    shown = json.loads(CliRunner().invoke(main, ["show", str(thanh_hoa), "--json"]).output)
    parts = shown["areas"][0]["tasks"][1]["deliverables"]
    assert [[(p["text"], p["due"]) for p in d["parts"]] for d in parts] == [
        [("Quý II/2026", "2026-06-30"), ("Quý III/2026", "2026-09-30")],
        [("Trước 15/11", "2026-11-15")]]
    assert shown["areas"][1]["headings"][0]["id"] == "TTHC-01"
    text = CliRunner().invoke(main, ["show", str(thanh_hoa)]).output
    # Each product named beside its deadline and due dates: what a reader checks the import by.
    assert "· TC-02 Báo cáo rà soát — Quý II, III/2026 → 30/06/2026, 30/09/2026" in text
    assert "· TC-02.2 Báo cáo tổng hợp — Trước 15/11 → 15/11/2026" in text
    assert "· TTHC-01-2 Báo cáo khảo sát — Giai đoạn 2026-2030 → Cần xác định" in text


@pytest.mark.slow  # 167 unit files written
def test_province_master_splits_into_one_file_per_unit(thanh_hoa: Path, tmp_path: Path) -> None:
    master = load_master(thanh_hoa)
    result = split_master(master, "6T", tmp_path / "giao")
    units = [f.unit_code for f in result.files]
    # The units' files, and the list of them (danh-sach-tep-giao.xlsx).
    assert len(units) == len(set(units)) == len(list((tmp_path / "giao").glob("*.xlsx"))) - 1
    communes = {u.code for u in master.units if u.kind == "commune"}
    assert len(communes & set(units)) == 165  # every commune but Phường Hạc Thành
    assert {"NV", "TP", "PVHCC", "KHCN", "VHTTDL"} <= set(units)
    # the bracket named the centre, not the office
    assert master.areas[1].tasks[0].deliverables[0].lead == ["PVHCC"]
    pvhcc = next(f for f in result.files if f.unit_code == "PVHCC")
    rows = [[c.value for c in r[:3]] for r in load_workbook(pvhcc.path)["Thủ tục hành chính"]
            .iter_rows(min_row=5)]
    assert [None, "1", "Nâng cao chất lượng giải quyết thủ tục"] in rows
    # "Tháng 6 và tháng 12/2026": the 6-month file shows the June date it is judged by
    table = [[c.value for c in r] for r in load_workbook(pvhcc.path)["Thủ tục hành chính"]
             .iter_rows(min_row=1)]
    header = next(r for r in table if A.COL_DUE in r)
    row = next(r for r in table if r[header.index(A.COL_ID)] == "TTHC-01-1")
    assert row[header.index(A.COL_DUE)].date() == date(2026, 6, 30)


def _two_department_plan(path: Path) -> int:
    """A Thanh Hóa plan whose one task goes to two sở: the number of units left idle."""
    assert CliRunner().invoke(main, ["init", str(path), "--province", "Thanh Hóa",
                                     "--year", "2026"]).exit_code == 0
    master = load_master(path)
    area = Area("TC", "Cải cách thể chế", "Thể chế", "Phụ lục số 01")
    area.tasks = [Task("TC-01", "1", "Rà soát văn bản", [
        _deliverable("TC-01", "Báo cáo", "Sở Tư pháp", "Sở Nội vụ", "Trước 15/11")])]
    master.areas = [area]
    write_master(master, path)
    return len(master.units) - 2


def _idle_said(idle: int) -> str:
    return (f"Không tạo tệp cho {idle} đơn vị không được giao nhiệm vụ nào: "
            f"Văn phòng UBND tỉnh; Sở Tài chính; Sở Khoa học và Công nghệ"
            f"; cùng {idle - 3} đơn vị khác.")


def test_split_counts_the_units_with_no_task_and_names_a_few(tmp_path: Path) -> None:
    """A province plan whose tasks go to two sở: the split listed the other ~180 units
    (every commune and ward) on one console line with no count (a QA pass)."""
    idle = _two_department_plan(tmp_path / "th.xlsx")
    assert idle > 170
    split = CliRunner().invoke(main, ["split", str(tmp_path / "th.xlsx"), "--period", "6T",
                                      "--out", str(tmp_path / "giao"), "--silent"])
    assert split.exit_code == 0, split.output
    line = next(x for x in split.output.splitlines() if x.startswith("Không tạo tệp"))
    assert line == _idle_said(idle)
    assert "Xã Xuân Chinh" not in split.output
    # who did get a file: the list the split writes, said as such (not "Danh sách: …")
    assert (f"Danh sách tệp đã tạo: {tmp_path / 'giao' / 'danh-sach-tep-giao.xlsx'} (dạng "
            "CSV, JSON cho chương trình khác: manifest.csv, manifest.json)") in split.output


def test_the_app_s_split_message_counts_them_too(tmp_path: Path) -> None:
    """The same list ended the web app's "Giao việc" message (one paragraph)."""
    from support.web import _client, _token, _wait

    data = tmp_path / "data"
    data.mkdir()
    idle = _two_department_plan(data / "ke-hoach.xlsx")
    client = _client(data)
    job = _wait(client, client.post("/giao-viec/6T", headers={
        "X-CSRF-Token": _token(client), "Accept": "application/json"}).json())
    message = job["result"]["message"]
    assert message.startswith("Đã tạo 2 tệp cho kỳ 6 tháng")
    assert f" {_idle_said(idle)}" in message and "Xã Xuân Chinh" not in message


def test_the_blank_area_sheet_is_filled_in_excel(tmp_path: Path) -> None:
    path = tmp_path / "th.xlsx"
    assert CliRunner().invoke(main, ["init", str(path), "--province", "Thanh Hóa",
                                     "--year", "2026"]).exit_code == 0
    wb = load_workbook(path)
    ws = wb["Lĩnh vực 1"]
    ws["B1"], ws["B2"] = "TC", "Cải cách thể chế"
    for col, value in enumerate(["TC-01", "1", "Rà soát văn bản", "Báo cáo", "Sở Tư pháp",
                                 "UBND các xã, phường", "Trước 15/11"], start=1):
        ws.cell(6, col, value)
    wb.save(path)
    master, found = read_master(path)
    assert codes(found, "error") == [] and "no-tasks" not in codes(found)
    [d] = master.deliverables()
    assert (d.lead, len(d.support), d.deadline.due) == (["TP"], 166, date(2026, 11, 15))
    assert master.plan.code == "thanh-hoa-2026"


@pytest.mark.slow  # a Word plan imported, 179 unit files written
def test_a_province_plan_from_word_to_unit_files_in_three_commands(thanh_hoa: Path,
                                                                   tmp_path: Path) -> None:
    """README's "Bắt đầu với kế hoạch của cơ quan mình": import, check, split."""
    word = write_plan_document(thanh_hoa, tmp_path / "ke-hoach-cchc-2026.docx")
    master = tmp_path / "ke-hoach.xlsx"
    imported = CliRunner().invoke(main, ["import", str(word), "--out", str(master),
                                         "--province", "Thanh Hóa"])
    assert imported.exit_code == 1, imported.output  # warnings to read, nothing guessed
    assert "thêm đơn vị mới" not in imported.output and "0 lỗi" in imported.output
    assert CliRunner().invoke(main, ["check", str(master)]).exit_code == 0
    split = CliRunner().invoke(main, ["split", str(master), "--period", "Q1", "--out",
                                      str(tmp_path / "giao-Q1")])
    assert split.exit_code == 0, split.output
    # the plan as written in Word reads back as it was: the sở by the template's codes,
    # 'A (B)' as the centre, the communes but Phường Hạc Thành, every date
    assert meaningful(load_master(master)) == meaningful(load_master(thanh_hoa))
    # 13 sở, ban, ngành (Các sở, ban, ngành; Sở Tư pháp), the centre, 165 communes
    # and the list of the files (danh-sach-tep-giao.xlsx)
    assert len(list((tmp_path / "giao-Q1").glob("*.xlsx"))) == 13 + 1 + 165 + 1


def test_the_group_of_communes_is_named_by_the_kinds_the_province_has():
    """Ninh Bình has no đặc khu: its group was still "UBND các xã, phường, đặc khu"; a plan
    that writes it so is still understood."""
    from cchc_xl.model import Group
    from cchc_xl.plan_import.communes import province_registry
    from cchc_xl.vocab import COMMUNE

    _, groups = province_registry([], [], "Ninh Bình")
    assert [g.name for g in groups] == ["UBND các xã, phường"]
    assert "UBND các xã, phường, đặc khu" in groups[0].spellings
    assert "UBND các xã, phường" not in groups[0].spellings
    template = Group(code="XA", name="UBND các xã, phường, đặc khu", kinds=[COMMUNE],
                     spellings=["UBND các xã, phường", "UBND cấp xã"])
    _, (group,) = province_registry([], [template], "Ninh Bình")
    assert (group.name, group.spellings) == (
        "UBND các xã, phường", ["UBND cấp xã", "UBND các xã, phường, đặc khu"])
    _, (group,) = province_registry([], [], "Quảng Ninh")  # Vân Đồn, Cô Tô
    assert group.name == "UBND các xã, phường, đặc khu"


@pytest.mark.parametrize(("commune", "economic"), [
    ("Phường Hạc Thành, Thanh Hóa", "Phòng Kinh tế, Hạ tầng và Đô thị"),
    ("xã Hoằng Hóa", "Phòng Kinh tế"),
])
def test_init_names_a_ward_s_economic_office_as_a_ward_has_it(
        tmp_path: Path, commune: str, economic: str) -> None:
    """A ward made with init named its economic office "Phòng Kinh tế", a commune's (a QA
    pass): its split files were "KT-Phòng-Kinh-tế.xlsx" and its Word report ranked
    "Phòng Kinh tế". A ward has a Phòng Kinh tế, Hạ tầng và Đô thị; the other names still
    find it."""
    path = tmp_path / "kh.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--year", "2026",
                                       "--commune", commune])
    assert result.exit_code == 0, result.output
    master = load_master(path)
    (unit,) = [u for u in master.units if u.code == "KT"]
    assert unit.name == economic
    registry = Registry(master.units, master.groups)
    for written in ["Phòng Kinh tế", "Phòng Kinh tế, Hạ tầng và Đô thị",
                    "Phòng Kinh tế - Hạ tầng - Đô thị"]:
        assert registry.resolve(written).units == ["KT"], written
    assert unit.name not in unit.aliases


@pytest.mark.parametrize(("level", "year", "warned"), [
    ("huyen", 2027, True), ("Huyện", 2026, True),
    ("huyen", 2025, False), ("huyen", 2023, False),  # the old district plans' years
    ("tinh", 2027, False)])
def test_init_of_a_districts_plan_after_july_2025_says_there_are_no_districts(
        tmp_path: Path, level: str, year: int, warned: bool) -> None:
    """`init --level huyen` made a district's plan for 2027 without a word that districts
    ended on 1 July 2025 (a QA pass). It is still made (the old district plans use the
    template), with a warning saying whose plan one of 2026 on is."""
    path = tmp_path / "new.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--level", level, "--year",
                                       str(year)])
    assert result.exit_code == 0, result.output
    assert path.exists() and read_master(path)[0].plan.year == year
    if not warned:
        assert "Cảnh báo" not in result.output
        return
    assert result.stderr.strip() == (
        "Cảnh báo: từ 01/7/2025 không còn cấp huyện; mẫu cấp huyện chỉ giữ cho các kế hoạch cũ "
        f"của huyện (năm 2025 trở về trước). Kế hoạch năm {year} do tỉnh ban hành (--level "
        "tinh --province TỈNH) hoặc do xã, phường ban hành (--commune XÃ).")
