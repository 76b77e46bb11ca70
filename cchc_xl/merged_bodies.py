"""The bodies of a province merged in the 2025 reorganisation, as a plan copied from an
earlier year's may still name them: the one vocabulary of their old names and of the
body doing their work now, for the note check (and so import, which checks the table it
writes) gives a unit of such a name in a plan of a later year.

What each became, as the official sources say: the province's departments as Nghị định
45/2025/NĐ-CP lists them from 1 March 2025 (each mirroring the ministries merged that
year; the domain reference's §11 lists the departments as they are now);
a province's newspaper and its radio and television station merged in 2025 into one
press body, named "Báo và Phát thanh, Truyền hình <tỉnh>" (the Central Propaganda and
Mass Mobilisation Commission's letter of 27 June 2025). A plan of 2025 or before names
them as they were: no note. Never a refusal: a province may have kept a body (some kept
their Sở Ngoại vụ), and the note says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .abbreviations import name_key
from .model import Unit
from .provinces import all_provinces
from .text import match_key

REORGANISED = 2025  # the year of the mergers: plans of a later year are told


@dataclass(frozen=True)
class Merged:
    """A body merged in 2025: the names a plan may write it by (``names``, the first as
    said), what became of it, and the body doing its work now."""

    names: tuple[str, ...]
    became: str
    now: str


MERGED: tuple[Merged, ...] = (
    Merged(("Sở Kế hoạch và Đầu tư",), "hợp nhất vào Sở Tài chính", "Sở Tài chính"),
    Merged(("Sở Lao động - Thương binh và Xã hội",),
           "hợp nhất vào Sở Nội vụ (việc bảo trợ xã hội, trẻ em chuyển sang Sở Y tế, việc "
           "giáo dục nghề nghiệp sang Sở Giáo dục và Đào tạo)", "Sở Nội vụ"),
    Merged(("Sở Giao thông vận tải",), "hợp nhất vào Sở Xây dựng", "Sở Xây dựng"),
    Merged(("Sở Thông tin và Truyền thông",),
           "hợp nhất vào Sở Khoa học và Công nghệ (việc báo chí, xuất bản chuyển sang Sở Văn "
           "hóa, Thể thao và Du lịch)", "Sở Khoa học và Công nghệ"),
    Merged(("Sở Tài nguyên và Môi trường",),
           "hợp nhất với Sở Nông nghiệp và Phát triển nông thôn thành Sở Nông nghiệp và Môi "
           "trường", "Sở Nông nghiệp và Môi trường"),
    Merged(("Sở Nông nghiệp và Phát triển nông thôn",),
           "hợp nhất với Sở Tài nguyên và Môi trường thành Sở Nông nghiệp và Môi trường",
           "Sở Nông nghiệp và Môi trường"),
    Merged(("Ban Dân tộc",), "trở thành Sở Dân tộc và Tôn giáo (nhận thêm việc tôn giáo từ "
           "Sở Nội vụ)", "Sở Dân tộc và Tôn giáo"),
    Merged(("Đài Phát thanh và Truyền hình", "Đài PT-TH", "Đài PTTH"),
           "hợp nhất với báo của tỉnh thành Báo và Phát thanh, Truyền hình tỉnh",
           "Báo và Phát thanh, Truyền hình tỉnh"),
)

# What may follow the old name in a unit's name and still name that body: the province
# ("tỉnh", "thành phố …", "Thanh Hóa"). Anything else is another body ("Ban Dân tộc
# HĐND tỉnh", the council's committee, still there).
_PROVINCE_WORD = re.compile(r"^(?:tỉnh|thành phố|tp)\b")


@cache
def _province_keys() -> frozenset[str]:
    return frozenset(match_key(re.sub(r"^Thành phố\s+", "", p.name)) for p in all_provinces())


def merged_body(name: str) -> Merged | None:
    """The body merged in 2025 a unit's name is, or None ("Sở Kế hoạch và Đầu tư tỉnh
    Thanh Hóa", "Sở KH&ĐT", "Đài PT-TH tỉnh": one; "Sở Tài chính": none)."""
    key = name_key(name)
    for body in MERGED:
        for old in map(name_key, body.names):
            if key != old and not key.startswith(old + " "):
                continue
            rest = key[len(old):].strip()
            if not rest or _PROVINCE_WORD.match(rest) or rest in _province_keys():
                return body
    return None


def merged_note(unit: Unit, year: int) -> str:
    """What check notes of ``unit`` in a plan of ``year``: "" unless the plan is of a
    year after the mergers and the unit is named as a body merged then."""
    body = merged_body(unit.name) if year > REORGANISED else None
    if body is None:
        return ""
    return (f"'{unit.name}' (mã {unit.code}): kế hoạch năm {year}, nhưng {body.names[0]} "
            f"đã {body.became} từ năm {REORGANISED}: nếu việc này nay do {body.now} làm, "
            f"xóa dòng này và ghi '{unit.name}' vào cột 'Tên gọi khác' của đơn vị "
            f"{body.now} (thêm dòng cho đơn vị ấy nếu chưa có); tỉnh vẫn giữ cơ quan này "
            "thì để nguyên")
