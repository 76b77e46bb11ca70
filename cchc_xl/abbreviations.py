"""Abbreviations of agency names, and the key two spellings of one unit's or group's
name share.

Real tables write "Sở KH&CN", "UBND xã", "VH,TT&DL", "BCH-QS xã": names are compared
after spelling these out (:data:`ABBREVIATIONS`, the one list of them; any separator
between their letters, "và" for their "&"), then keyed by :func:`cchc_xl.text.match_key`.
The unit registry (:mod:`cchc_xl.units`), the import's added units' codes and names, the
file names of returns and the issuer's names all key names here.
"""

from __future__ import annotations

import functools
import re

from .text import clean, match_key

# Abbreviations of agency names in real tables (docs/master-format.md, "Đơn vị"), as
# written -> words.
# The one list of them: names are compared after expanding these.
ABBREVIATIONS: dict[str, str] = {
    "HĐND&UBND": "Hội đồng nhân dân và Ủy ban nhân dân",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "HDND": "Hội đồng nhân dân",  # HĐND typed without its Đ: nothing else reads so
    # "Văn phòng Đoàn ĐBQH và HĐND tỉnh": since 2025 one office of every province.
    "ĐBQH": "đại biểu Quốc hội",
    "VP": "Văn phòng",
    "KH&CN": "Khoa học và Công nghệ",
    "KHCN": "Khoa học và Công nghệ",
    "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "NN&MT": "Nông nghiệp và Môi trường",
    "NNMT": "Nông nghiệp và Môi trường",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "KHĐT": "Kế hoạch và Đầu tư",
    "TT&TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông",
    "DT&TG": "Dân tộc và Tôn giáo",
    "TTPVHCC": "Trung tâm Phục vụ hành chính công",
    # "TT HCC": since 2025 every commune's centre is "Trung tâm Phục vụ hành chính công";
    # "TT. HCC" with the dot of "TT.", "Trung tâm HCC" with "Trung tâm" in full mean it
    # too ("HCC" alone is only "hành chính công": "Trung tâm phục vụ HCC")
    "TTHCC": "Trung tâm Phục vụ hành chính công",
    "TT. HCC": "Trung tâm Phục vụ hành chính công",
    "Trung tâm HCC": "Trung tâm Phục vụ hành chính công",
    "PVHCC": "Phục vụ hành chính công",
    "HCC": "hành chính công",  # "Trung tâm phục vụ HCC"
    "KT-HT&ĐT": "Kinh tế, Hạ tầng và Đô thị",
    "KT-XH": "Kinh tế - Xã hội",  # "Ban KT-XH" of a council: not "Kinh tế-XH"
    "KT": "Kinh tế",  # "Phòng KT", as a commune's plan writes its Phòng Kinh tế
    "VH-XH": "Văn hóa - Xã hội",
    "CHQS": "Chỉ huy quân sự",
    # "BCH" is Ban Chỉ huy only before "QS"/"quân sự": alone it is as often Ban Chấp hành
    # ("BCH Đoàn xã", "BCH Công đoàn"), so it is no abbreviation of its own.
    "BCHQS": "Ban Chỉ huy quân sự",
    "BCH quân sự": "Ban Chỉ huy quân sự",
    "MTTQ": "Mặt trận Tổ quốc",
    # "UBMTTQ xã", as commune plans write the Front's committee in one word.
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    # A province's boards of economic zones and industrial parks ("BQL KKT Nghi Sơn và
    # các KCN"): the province's own "ban", a department as written in full.
    # The central government's offices in a province ("BHXH tỉnh", "KBNN khu vực VIII").
    "BHXH": "Bảo hiểm xã hội",
    "KBNN": "Kho bạc Nhà nước",
    "BQL": "Ban Quản lý",
    "KKT": "Khu kinh tế",
    "KCN": "khu công nghiệp",
}


# Longest first, so "HĐND&UBND" wins over "UBND" and "TTPVHCC" over "PVHCC".
_ABBR_FORMS = sorted(ABBREVIATIONS, key=lambda a: -len(re.sub(r"\W", "", a)))


def _loose(abbr: str) -> str:
    """The letters of an abbreviation, any separator between them ("VH, TT & DL",
    "GD-ĐT", "LĐ,TB&XH", "VHTTDL" are one); where it has "&", "và" too ("NN và MT":
    the word the sign stands for, and only there, so no run of letters reads as one)."""
    sep = r"\s*[&,\-–+]?\s*"
    return rf"(?:{sep}|\s+và\s+)".join(
        sep.join(re.escape(ch) for ch in re.sub(r"[,\-–+\s]", "", part))
        for part in abbr.split("&"))


@functools.cache
def _abbreviations_re() -> re.Pattern[str]:
    """Every abbreviation, any spacing, as one pattern: compiled when a name is first
    keyed (about 12 ms; a merge of a plan already read never needs it)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<a{i}>{_loose(a)})"
                                               for i, a in enumerate(_ABBR_FORMS))
                      + r")(?!\w)", re.IGNORECASE)


def expand_abbreviations(text: str) -> str:
    """ "Sở KH&CN" -> "Sở Khoa học và Công nghệ"; other text unchanged."""
    def words(m: re.Match[str]) -> str:
        return ABBREVIATIONS[_ABBR_FORMS[int(m.lastgroup[1:])]]

    return _abbreviations_re().sub(words, text)


def spelt_out(name: str) -> str:
    """A name cleaned (:func:`clean`) with its abbreviations spelt out: "BCH-QS xã" ->
    "Ban Chỉ huy quân sự xã"."""
    return expand_abbreviations(clean(name))


@functools.lru_cache(maxsize=1 << 16)  # every name is keyed again for every lookup
def name_key(name: str) -> str:
    """The key two spellings of one unit or group name share: :func:`match_key` after
    expanding abbreviations (never folding diacritics)."""
    return match_key(spelt_out(name))
