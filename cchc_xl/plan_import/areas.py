"""The reform areas a CCHC plan is organised in, recognised from their titles, with
the short code and sheet name a master gives each."""

from __future__ import annotations

import re

from ..sheet_names import sheet_name
from ..text import fold_ascii, match_key

# (pattern on the title's match key, code, sheet name), tried in order: the
# direction area often mentions communication ("chỉ đạo, điều hành, tuyên truyền").
AREAS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"chỉ đạo|điều hành"), "CD", "Chỉ đạo, điều hành"),
    (re.compile(r"thủ tục hành chính|một cửa|\btthc\b"), "TTHC", "Thủ tục hành chính"),
    (re.compile(r"thể chế"), "TC", "Thể chế"),
    (re.compile(r"bộ máy"), "BM", "Tổ chức bộ máy"),
    (re.compile(r"công vụ|công chức|viên chức|cbccvc"), "CV", "Chế độ công vụ"),
    (re.compile(r"tài chính công"), "TCC", "Tài chính công"),
    (re.compile(r"chính quyền (?:điện tử|số)|chính phủ (?:điện tử|số)|chuyển đổi số"),
     "CQS", "Chính quyền điện tử, số"),
    (re.compile(r"chỉ số"), "CS", "Chỉ số CCHC"),
    (re.compile(r"thông tin|tuyên truyền"), "TT", "Thông tin, tuyên truyền"),
]


# How an area's name begins when it is written without a numeral ("Cải cách tổ chức bộ
# máy", "Công tác chỉ đạo, điều hành", "Xây dựng chính quyền số", "Nâng cao Chỉ số
# CCHC"), after "Nhiệm vụ (trọng tâm) về" if any.
_AREA_OPENER = re.compile(r"^(?:(?:các\s+)?nhiệm\s+vụ\s+(?:trọng\s+tâm\s+)?(?:về\s+)?)?"
                          r"(?:cải\s+cách|công\s+tác|xây\s+dựng|phát\s+triển|nâng\s+cao"
                          r"|đẩy\s+mạnh|hiện\s+đại\s+hóa|chuyển\s+đổi\s+số)\b")
_AREA_NAME_WORDS = 16


def is_area_name(text: str) -> bool:
    """True when ``text`` names a reform area as a heading does, without a numeral:
    "CẢI CÁCH TỔ CHỨC BỘ MÁY", "Cải cách thể chế", "Công tác chỉ đạo, điều hành"; not a
    task that mentions one ("Tuyên truyền pháp luật", "Rà soát thủ tục hành chính")."""
    line = " ".join(text.split())
    key = match_key(line)
    if not line or len(line.split()) > _AREA_NAME_WORDS or line[-1] in ".;:!?":
        return False
    if not names_reform_area(line):
        return False
    capitals = line == line.upper() and any(ch.isalpha() for ch in line)
    return capitals or bool(_AREA_OPENER.match(key))


def names_reform_area(text: str) -> bool:
    """True when ``text`` names one of the reform areas (:data:`AREAS`) anywhere in it."""
    key = match_key(text)
    return any(pattern.search(key) for pattern, _, _ in AREAS)


def opens_like_area(text: str) -> bool:
    """True when ``text`` begins as an area's name does ("Cải cách …", "Công tác …",
    "Xây dựng …"), whatever area it names."""
    return bool(_AREA_OPENER.match(match_key(text)))


def area_code_and_sheet(title: str, taken_codes: set[str], taken_sheets: set[str]
                        ) -> tuple[str, str]:
    """A code and sheet name for an area, unique among those already taken."""
    key = match_key(title)
    code, sheet = "", ""
    for pattern, c, s in AREAS:
        if pattern.search(key) and c not in taken_codes:
            code, sheet = c, s
            break
    if not code:
        words = [w for w in fold_ascii(title).upper().split() if w.isalpha()]
        code = "".join(w[0] for w in words[:4]) or "LV"
        sheet = title
    base, n = code, 1
    while code in taken_codes:
        n += 1
        code = f"{base}{n}"
    taken_codes.add(code)
    return code, sheet_name(sheet, taken_sheets)
