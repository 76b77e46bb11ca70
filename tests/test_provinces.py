from collections import Counter

import pytest

from cchc_xl.errors import UsageError
from cchc_xl.provinces import all_provinces, commune_units, find_province
from cchc_xl.vocab import COMMUNE


def test_official_list_has_34_provinces_and_3321_communes():
    provinces = all_provinces()
    assert len(provinces) == 34
    assert sum(len(commune_units(p)) for p in provinces) == 3321


@pytest.mark.parametrize("name", ["Thanh Hóa", "thanh hoá", "Tỉnh Thanh Hóa", " THANH HOÁ ",
                                  "Thanh Hoa", "tỉnh Thanh Hoá"])
def test_loose_names_find_thanh_hoa(name):
    assert find_province(name).name == "Thanh Hóa"
    assert find_province(name).title == "Tỉnh Thanh Hóa"


def test_thanh_hoa_has_166_communes_and_wards():
    units = commune_units("Thanh Hóa")
    assert len(units) == 166
    assert {u.kind for u in units} == {COMMUNE}
    assert Counter(u.name.split()[0] for u in units) == {"Xã": 147, "Phường": 19}
    assert units[0].code == "X001" and units[-1].code == "X166"
    assert len({u.code for u in units}) == 166
    assert "Phường Hạc Thành" in {u.name for u in units}


def test_commune_names_are_shown_with_one_tone_placement():
    """The official list writes most names "Hóa", "Thủy" and a few "Hoá", "Thuỷ": every
    name is shown the way of the most ("Thanh Hóa"); "Quý", whose "u" is part of "qu",
    keeps its mark."""
    names = {u.name for u in commune_units("Tuyên Quang")}
    assert {"Xã Chiêm Hóa", "Xã Hòa An", "Xã Sơn Thủy"} <= names
    assert not {"Xã Chiêm Hoá", "Xã Hoà An", "Xã Sơn Thuỷ"} & names
    assert "Phường Thủy Nguyên" in {u.name for u in commune_units("Hải Phòng")}
    assert {"Xã Quý Lộc", "Xã Hóa Quỳ"} <= {u.name for u in commune_units("Thanh Hóa")}
    assert "Xã Lê Quý Đôn" in {u.name for u in commune_units("Hưng Yên")}


def test_special_zones_are_communes_too():
    units = commune_units("Quảng Ninh")
    zones = [u for u in units if u.name.startswith("Đặc khu")]
    assert {u.name for u in zones} >= {"Đặc khu Vân Đồn", "Đặc khu Cô Tô"}
    assert {u.kind for u in zones} == {COMMUNE}


def test_cities_by_short_or_full_name():
    assert find_province("Hà Nội").name == "Thành phố Hà Nội"
    assert find_province("TP. Hồ Chí Minh").title == "Thành phố Hồ Chí Minh"
    assert find_province("Hà Nội").short_name == "Hà Nội"


def test_unknown_province_names_close_matches():
    with pytest.raises(UsageError) as err:
        find_province("Thanh Hoá Xyz")
    assert "Thanh Hoá Xyz" in err.value.render()
    assert "có phải: Thanh Hóa?" in err.value.render()
    assert err.value.exit_code == 2


# A province gone in the 2025 reorganisation, typed as last year's letterhead wrote it:
# the one that took it in is named (a QA pass: "Nam Định" asked "có phải: Hà Tĩnh, Tây
# Ninh, Lâm Đồng?", "Thừa Thiên Huế" "có phải: Hà Tĩnh?").
@pytest.mark.parametrize(("name", "hint"), [
    ("Nam Định", 'tỉnh Nam Định đã hợp nhất vào tỉnh Ninh Bình từ ngày 01/7/2025: ghi '
                 '"Ninh Bình"'),
    ("nam dinh", 'tỉnh Nam Định đã hợp nhất vào tỉnh Ninh Bình'),
    ("Tỉnh Hoà Bình", 'tỉnh Hòa Bình đã hợp nhất vào tỉnh Phú Thọ từ ngày 01/7/2025'),
    ("Bà Rịa-Vũng Tàu", 'tỉnh Bà Rịa - Vũng Tàu đã hợp nhất vào thành phố Hồ Chí Minh từ '
                        'ngày 01/7/2025: ghi "Hồ Chí Minh"'),
    ("Hải Dương", 'đã hợp nhất vào thành phố Hải Phòng'),
    ("Thừa Thiên Huế", 'tỉnh Thừa Thiên Huế là thành phố Huế từ ngày 01/01/2025: ghi "Huế"'),
])
def test_a_province_merged_in_2025_names_the_one_it_is_now(name, hint):
    with pytest.raises(UsageError) as err:
        find_province(name)
    assert hint in err.value.render()
    assert "có phải" not in err.value.render()
    assert err.value.exit_code == 2


def test_import_with_a_merged_provinces_name_says_which_to_give(tmp_path):
    """`import --province "Nam Định"`: exit 2, nothing written, the province to give."""
    from click.testing import CliRunner
    from test_import_tables import plan_docx

    from cchc_xl.cli import main

    plan = plan_docx(tmp_path / "kh.docx", [
        ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Sản phẩm", "Thời gian hoàn thành"],
        ["1", "Rà soát văn bản", "Sở Tư pháp", "Báo cáo", "Quý II/2026"]],
        lines=("ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "KẾ HOẠCH",
               "Cải cách hành chính tỉnh Ninh Bình năm 2026"))
    out = tmp_path / "kh.xlsx"
    result = CliRunner().invoke(main, ["import", str(plan), "--out", str(out),
                                       "--province", "Nam Định"])
    assert result.exit_code == 2, result.output
    assert 'tỉnh Nam Định đã hợp nhất vào tỉnh Ninh Bình từ ngày 01/7/2025: ghi "Ninh Bình"' \
        in result.output
    assert not out.exists()
