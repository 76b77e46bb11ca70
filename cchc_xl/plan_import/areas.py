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
