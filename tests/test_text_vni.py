"""VNI Windows text whose bytes are all letters of Latin-1 ("Coâng an xaõ", which
looks_legacy does not see) is told from Unicode Vietnamese, French and Spanish
(cchc_xl.text.looks_vni); a plan's document so typed is refused at import
(tests/test_import_office_files.py)."""

from __future__ import annotations

import itertools
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vietnam_provinces import Province, Ward

from cchc_xl.text import looks_legacy, looks_vni
from support.paths import ROOT
from support.vni import vni

# Every Vietnamese syllable as written: initial, vowels (the tone where either spelling
# puts it: "hoà" and "hòa"), final. A vowel group ending in a glide takes no final.
_INITIALS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
             "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x")
_OPEN = {group: (0,) for group in "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu".split()}
_OPEN |= {"oa": (0, 1), "oe": (0, 1), "uy": (0, 1), "uê": (1,), "uơ": (1,)}
_OPEN |= {group: (1,) for group in "iêu yêu oai oao oay oeo uây uôi uya uyu ươi ươu".split()}
_CLOSED = {group: (len(group) - 1,) for group in
           "a ă â e ê i o ô ơ u ư y iê oa oă oe uâ uê uô uy ươ yê uyê".split()}
_FINALS = ("c", "ch", "m", "n", "ng", "nh", "p", "t")
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _syllables():
    """Each syllable (NFC), in small letters, capitalized and in capitals."""
    shapes = [(group, at, "") for group, places in _OPEN.items() for at in places]
    shapes += [(group, at, final) for group, places in _CLOSED.items() for at in places
               for final in ("",) + _FINALS if final or len(group) == 1 or group in _OPEN]
    for initial, (group, at, final), tone in itertools.product(_INITIALS, shapes, _TONES):
        if initial == "qu" and group[0] in "uo":
            continue
        word = unicodedata.normalize("NFC", initial + group[:at + 1] + tone + group[at + 1:]
                                     + final)
        yield from (word, word.capitalize(), word.upper())


_LATIN1 = sorted({w for w in _syllables() if all(ord(ch) <= 0xFF for ch in w)})


def _plan_texts() -> list[str]:
    """Every text of the bundled seed plans and their units."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, (dict, list)):
            for item in value.values() if isinstance(value, dict) else value:
                yield from strings(item)
    return sorted({text for path in sorted((ROOT / "workbooks").glob("*/source/*.json"))
                   for text in strings(json.loads(path.read_text(encoding="utf-8")))})


def test_no_unicode_vietnamese_word_reads_as_vni():
    """Not one syllable, even alone in a document found typed in an old encoding
    elsewhere (one word is enough there): "hoàn", "Toán", "NGOÃI" are Unicode's
    spelling and VNI's of other words ("hồn"), and never count."""
    assert len(_LATIN1) > 5000 and {"hoàn", "Toán", "NGOÃI", "Phòng"} <= set(_LATIN1)
    assert [w for w in _LATIN1 if looks_vni(w, words=1)] == []


# Texts the domain reference quotes: headers, units, deadlines, spellings of one name.
_DOMAIN = ("Văn bản triển khai: tháng 11/2023; Báo cáo: trước 15/12/2023",
           "Văn phòng HĐND&UBND, Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn",
           "Các phòng, ban, ngành cấp huyện", "Các cơ quan liên quan", "Quý IV/ 2023",
           "Thường xuyên trong năm", "Báo cáo định kỳ 6 tháng, năm", "quá hạn", "đúng hạn",
           "Theo hướng dẫn của Văn phòng Chính phủ và UBND tỉnh", "hoá", "hóa", "thuỷ", "hoà",
           "hòa", "Phòng Văn hoá và Thông tin", "Hoằng Đông", "Hoằng Đồng", "Xã Hoằng Hóa",
           "hoàn thành 31/75 nhiệm vụ, đạt 41,33%", "Phường Hạc Thành", "các sở, ban, ngành",
           "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số")


def test_no_name_nor_text_of_the_seed_plans_and_the_country_reads_as_vni():
    """The seed plans' texts and units, the 34 provinces and 3,321 communes and wards,
    the domain reference's texts."""
    texts = _plan_texts() + [p.name for p in Province.iter_all()]
    texts += [w.name for w in Ward.iter_all()] + list(_DOMAIN)
    assert len(texts) > 3800
    assert [t for t in texts if looks_vni(t, words=1)] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LATIN1), min_size=2, max_size=30),
       st.sampled_from([" ", ", ", " - ", "; ", ".\n"]))
def test_a_paragraph_of_unicode_vietnamese_is_never_vni(words, separator):
    assert not looks_vni(separator.join(words))


@pytest.mark.parametrize("text", [
    "Où est le goût de la naïve Noël ?", "où, où et encore où",
    "Aún así, Raúl llegó a España", "Israël et Raphaël, une coïncidence qui coûte cher",
    "Thaïlande, Taïwan, maïs, aïeul", "São Paulo, ações, mãe", "Müller, Köln, Bäcker",
    "naïve café résumé", "Loïc et les Thaï, où ? Aún así, aún no", "Hoàng Hoá, Toàn",
    "Phòng Tài chính"])
def test_french_spanish_german_and_latin1_vietnamese_are_not_vni(text):
    """Not even beside text typed in an old encoding: "où", "Thaï", "Loïc", "aún" read
    as Vietnamese ("ó", "Thạ", "Lọc", "ẳn"), but by pairs these languages spell."""
    assert not looks_vni(text) and not looks_vni(text, words=1)


@pytest.mark.parametrize("unicode", [
    "Công an xã", "Ủy ban nhân dân", "ỦY BAN NHÂN DÂN", "Phòng Văn hóa", "Ban Chấp hành",
    "KẾ HOẠCH cải cách hành chính năm 2026", "Văn phòng Đảng ủy"])
def test_typical_vni_texts_are_told(unicode):
    """Typed in VNI; the first four, all letters of Latin-1, looks_legacy does not see."""
    typed = vni(unicode)
    assert looks_vni(typed), typed


def test_the_gap_the_signs_of_looks_legacy_left():
    assert vni("Công an xã") == "Coâng an xaõ"  # the VNI table (tests/support/vni.py)
    assert vni("Ủy ban nhân dân") == "UÛy ban nhaân daân"
    for typed in ("Coâng an xaõ", "UÛy ban nhaân daân", "UÛY BAN NHAÂN DAÂN"):
        assert not looks_legacy(typed) and looks_vni(typed)
    assert looks_vni("Ban Kinh teá", words=1) and not looks_vni("Ban Kinh teá")


def test_every_task_of_the_seed_plans_typed_in_vni_is_told():
    """Each task's text, and each text of the plans with one word at least of VNI's
    own marks (not "Chỉ số": "æ" one byte, "oá" Unicode's spelling too) in a document
    typed so."""
    texts = [t for t in _plan_texts() if not t.isascii()]
    contents = [t for t in texts if len(t.split()) >= 8]
    assert len(contents) > 50
    assert [t for t in contents if not looks_vni(vni(t))] == []
    assert [t for t in texts if not looks_vni(vni(t), words=1)] == ["Chỉ số CCHC"]
