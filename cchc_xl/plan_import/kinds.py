"""The kind a unit added to an imported plan's registry is guessed to be, from how its
name opens ("Sở …", "Trung tâm …", "Công an …"): what decides whether a group of
departments ("Các sở, ban, ngành") gives it their work. The user confirms it on the
'Đơn vị' sheet (:mod:`.registry` says so for each unit it adds).
"""

from __future__ import annotations

import re

from ..vocab import COMMUNE, COMMUNE_KIND_RE, DEPARTMENT, OTHER, PUBLIC_SERVICE

_KIND_GUESSES = [
    (COMMUNE, re.compile(rf"^(?:ubnd\s+|ủy ban nhân dân\s+)?{COMMUNE_KIND_RE}\s", re.I)),
    # Police and military commands, one-stop shops, are not among "các phòng, ban, sở,
    # ngành" (the level templates list them as "Khác"): a group of departments must not
    # take them.
    (OTHER, re.compile(r"^(?:công an|bộ chỉ huy|ban chỉ huy|trung tâm phục vụ hành chính công"
                       r"|bộ phận (?:một cửa|tiếp nhận))\b", re.I)),
    # Nor the Fatherland Front and the mass organisations (the trade union too).
    (OTHER, re.compile(r"^(?:(?:ủy|uỷ) ban )?(?:mặt trận tổ quốc|mttq)\b|^(?:hội (?:nông dân|cựu "
                       r"chiến binh|liên hiệp phụ nữ)|đoàn thanh niên|liên đoàn lao động)\b",
                       re.I)),
    # Nor is the people's council ("HĐND tỉnh", "Hội đồng nhân dân phường"), which an
    # authority's plan names beside its committee: its "phòng, ban" would give it their work.
    # Nor the Party's committees ("Đảng ủy phường", "Tỉnh ủy").
    (OTHER, re.compile(r"^(?:hội đồng nhân dân|hđnd|đảng ủy|đảng uỷ|tỉnh ủy|tỉnh uỷ|huyện ủy"
                       r"|huyện uỷ|thành ủy|thành uỷ)\b", re.I)),
    # Nor the council's office ("Văn phòng HĐND tỉnh"; since 2025 "Văn phòng Đoàn ĐBQH và
    # HĐND tỉnh", the National Assembly delegation's too): not the committee's, as a
    # commune's "Văn phòng HĐND và UBND" is.
    (OTHER, re.compile(r"^(?:văn phòng|vp)\s+(?:đoàn\s+(?:đại biểu quốc hội|đbqh)|hđnd"
                       r"|hội đồng nhân dân)\b(?!.*\b(?:ubnd|(?:ủy|uỷ) ban)\b)", re.I)),
    # Nor their offices and boards ("Văn phòng Đảng ủy", "Ủy ban Kiểm tra Đảng ủy phường",
    # "Ban Xây dựng Đảng", "Văn phòng Tỉnh ủy"), though they open as a department does.
    (OTHER, re.compile(r"^(?:văn phòng|ban|(?:ủy|uỷ) ban kiểm tra)\b.*?\b(?:đảng|tỉnh ủy"
                       r"|tỉnh uỷ|thành ủy|thành uỷ)\b", re.I)),
    # Nor the council's committees ("Ban Pháp chế HĐND phường"), the Front's boards ("Ban
    # Thường trực Ủy ban MTTQ xã", "Ban Công tác Mặt trận"), a steering committee ("Ban Chỉ
    # đạo CCHC"), the people's inspectors.
    (OTHER, re.compile(r"^ban\b.*?\b(?:hđnd|hội đồng nhân dân|mttq|mặt trận)\b"
                       r"|^ban (?:chỉ đạo|thanh tra nhân dân|đại diện)\b", re.I)),
    # Nor are the central government's offices in the province (ngành dọc): the
    # treasury, social insurance, tax, customs, statistics, the State Bank's branch.
    (OTHER, re.compile(r"^(?:(?:chi )?cục )?(?:kho bạc|bảo hiểm|thuế|hải quan|thống kê"
                       r"|ngân hàng nhà nước)\b", re.I)),
    # Nor a council set up for a task ("Hội đồng thẩm định", "Hội đồng thi đua"): a
    # group of departments would give it their work.
    (OTHER, re.compile(r"^hội đồng\s+(?!nhân dân\b)", re.I)),
    # The boards of industrial parks and economic zones are the province's own "ban"
    # (other "Ban Quản lý": projects, forests, relics, are public service units).
    (DEPARTMENT, re.compile(r"^ban quản lý (?:các )?khu (?:công nghiệp|kinh tế)", re.I)),
    # A commune's stations ("Trạm Y tế xã", "Trạm Khuyến nông") are its public service units,
    # as its schools are.
    (PUBLIC_SERVICE, re.compile(r"^(?:trung tâm|đài|trường|trạm|bệnh viện|ban quản lý|báo)\b",
                                re.I)),
    (DEPARTMENT, re.compile(
        r"^(?:phòng|sở|ban|văn phòng|thanh tra|ủy ban|ubnd"
        r"|hội đồng|huyện ủy|tỉnh ủy|đảng ủy|mặt trận|liên đoàn|đoàn|hội|chi cục|cục|bộ)\b",
        re.I)),
]


def guess_kind(name: str) -> str:
    """The kind of the first rule of :data:`_KIND_GUESSES` ``name`` matches; "Khác" when
    none does (never a department by default: that would give it a group's work)."""
    for kind, pattern in _KIND_GUESSES:
        if pattern.search(name):
            return kind
    return OTHER
