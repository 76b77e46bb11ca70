"""Vietnamese text: cleaning, matching keys, legacy encodings, slugs."""

from __future__ import annotations

import unicodedata

import pytest

from cchc_xl.text import (
    clean,
    file_part,
    legacy_font,
    looks_legacy,
    match_key,
    slug,
    tone_key,
)


def test_clean_normalizes_and_strips_control_characters() -> None:
    nfd = unicodedata.normalize("NFD", "Hoằng  Hóa\x0b ")
    assert clean(nfd) == "Hoằng Hóa"
    assert unicodedata.is_normalized("NFC", clean(nfd))
    assert clean("- A;\r\n\r\n-  B.") == "- A;\n- B."
    assert clean(None) == "" and clean(12) == "12"
    # Excel's escapes of control characters, as openpyxl reads them.
    assert clean("Dòng 1_x000D_\nDòng 2") == "Dòng 1\nDòng 2"
    assert clean("125/KH-UBND_x000B_ngày 05/01/2023") == "125/KH-UBND ngày 05/01/2023"


def test_a_list_pasted_from_word_keeps_its_bullets_and_line_breaks() -> None:
    """Evidence pasted from Word as text (a QA pass as a commune clerk): its Symbol-font
    bullets came as private-use characters, shown as boxes in the office's workbook,
    and a line separator as nothing at all, the two lines run together."""
    pasted = ("\uf0b7\tKế hoạch số 125/KH-UBND ngày 05/01/2023\r\n\uf0a7\tBáo cáo số "
              "45/BC-UBND\r\n\uf02d\tCông văn 312/UBND-VP")
    assert clean(pasted) == ("• Kế hoạch số 125/KH-UBND ngày 05/01/2023\n• Báo cáo số "
                             "45/BC-UBND\n- Công văn 312/UBND-VP")
    assert clean("Quyết định số 45/QĐ-UBND\u2028ngày 15/3/2023\u2029") == (
        "Quyết định số 45/QĐ-UBND\nngày 15/3/2023")


@pytest.mark.parametrize("old, new", [("hoá", "hóa"), ("Thuỷ", "Thủy"), ("hoà", "hòa"),
                                      ("khoẻ", "khỏe")])
def test_old_and_new_tone_placement_match(old: str, new: str) -> None:
    assert tone_key(old) == tone_key(new)
    assert match_key(old) == match_key(new)


@pytest.mark.parametrize("word", ["hoàng", "Quỳnh", "hoạt", "thuyết"])
def test_tone_on_a_closed_syllable_is_not_moved(word: str) -> None:
    assert tone_key(word) == word


@pytest.mark.parametrize("a, b", [("Hoằng Đông", "Hoằng Đồng"), ("Hoằng Phú", "Hoằng Phụ"),
                                  ("Hoằng Quý", "Hoằng Quỳ"), ("Hoằng Thanh", "Hoằng Thành")])
def test_match_key_keeps_diacritics(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


def test_match_key_evens_out_connectors_and_punctuation() -> None:
    assert match_key("Văn phòng HĐND&UBND") == match_key("Văn phòng HĐND - UBND")
    assert match_key("- Phòng Tư pháp;") == match_key("PHÒNG TƯ PHÁP.")


def test_legacy_detection() -> None:
    assert looks_legacy("Phßng Néi vô")  # TCVN3 read as Unicode
    assert looks_legacy("B¶o Th¾ng")
    assert looks_legacy("Xin chaøo")  # VNI
    assert not looks_legacy("Phòng Nội vụ")
    assert not looks_legacy("Báo cáo")
    assert not looks_legacy("· Bao cao")  # a bullet pasted from Word
    assert not looks_legacy("§ 2 ")
    assert legacy_font(".VnTime") and legacy_font("VNI-Times")
    assert not legacy_font("Times New Roman")


def test_slug_is_ascii_and_readable() -> None:
    assert slug("Xã Hoằng Đồng") == "xa-hoang-dong"
    assert slug("Văn phòng HĐND&UBND huyện") == "van-phong-hdnd-ubnd-huyen"


def test_file_part_keeps_vietnamese_letters_and_whole_words() -> None:
    assert file_part("Xã Hoằng Đồng") == "Xã-Hoằng-Đồng"
    assert file_part("Xã Hoằng Đông") == "Xã-Hoằng-Đông"  # two communes, two names
    assert file_part("Phòng Tài chính - Kế hoạch") == "Phòng-Tài-chính-Kế-hoạch"
    assert file_part("Văn phòng HĐND&UBND: huyện/xã?") == "Văn-phòng-HĐND-UBND-huyện-xã"
    assert file_part("Trung tâm Văn hóa, Thông tin, Thể thao", 20) == "Trung-tâm-Văn-hóa"
    assert file_part("Xa\u0303") == "Xã"  # decomposed input comes out composed (NFC)
    assert file_part("..") == "x"


@pytest.mark.parametrize("count, said", [
    (3, "A; B; C"), (4, "A; B; C; D"), (5, "A; B; C và 2 đơn vị khác")])
def test_a_short_list_names_one_more_rather_than_count_it(count, said):
    """Biểu 3 wrote "Sở Dân tộc và Tôn giáo và 1 đơn vị khác" where naming Thanh tra tỉnh
    took hardly more room and said who (a probe)."""
    from cchc_xl.text import short_list

    assert short_list(list("ABCDE")[:count], 3) == said


def test_a_word_longer_than_its_column_breaks_where_libreoffice_breaks_it() -> None:
    # An archive path in "Tệp đã nhận" (column 30 wide): LibreOffice 7.4 puts
    # "cchc-archive/b5/" on a line of its own, then the 69 characters of the hash and
    # name over three; a row sized for three lines cut the last off (a render).
    from cchc_xl.styles import text_lines

    path = ("cchc-archive/b5/b53563e7629f108937f034537db08cb4c2625042b98c96a1dbd108fac0c9670a"
            ".xlsx")
    assert text_lines(path, 30) == 4
    # Words that fit a line are measured as before; a long one without a break point
    # fills its lines.
    assert text_lines("Phòng Tư pháp", 30) == 1
    assert text_lines("x" * 200, 30) == text_lines("x" * 200 + "/", 30)


def test_a_count_after_a_name_holding_and_is_set_apart():
    """Split's line read "Sở Tài chính; Sở Khoa học và Công nghệ và 176 đơn vị khác":
    the count ran on as part of the name (a QA pass)."""
    from cchc_xl.text import short_list

    names = ["Sở Tài chính", "Sở Khoa học và Công nghệ", *(f"Xã {n}" for n in range(177))]
    assert short_list(names, 2) == "Sở Tài chính; Sở Khoa học và Công nghệ; cùng 177 đơn vị khác"
    assert short_list(["TC-01", "TC-02", "TC-03", "TC-04"], 2, ", ", "nhiệm vụ") == (
        "TC-01, TC-02 và 2 nhiệm vụ khác")
