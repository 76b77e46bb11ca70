"""How a unit's name opens ("Phòng ...", "Sở ...", "UBND ..."), and names listed under
one head word ("Các Sở: Tư pháp, Tài chính"): what tells names from the words written
around them.

Resolving a cell to units (:mod:`cchc_xl.units`), reading the roles written in it
(:mod:`cchc_xl.roles`) and adding the names of an imported plan to its registry
(:mod:`cchc_xl.plan_import.registry`) all ask this one question.
"""

from __future__ import annotations

import re

from .text import strip_edges
from .vocab import COMMUNE_KIND_RE

# How a unit's name opens: "Phòng ...", "Sở ...", "UBND ...".
NAME_OPENERS = re.compile(
    r"^(?:phòng|sở|ban|văn phòng|thanh tra|công an|trung tâm|đài|ubnd|ủy ban|uỷ ban|"
    rf"{COMMUNE_KIND_RE}|hội|đoàn|kho bạc|chi cục|bảo hiểm|trường|báo|các|bộ|cục|tỉnh ủy"
    r"|huyện ủy|đảng ủy|mặt trận|liên đoàn|bệnh viện|(?:tỉnh|thành|huyện) đoàn|ngân hàng"
    r"|viện kiểm sát|to[àa] án|liên minh|thuế|hải quan|tổ công tác|tổ giúp việc|tổ phối hợp"
    # Enterprises a plan gives work to (public postal service, telecoms, power).
    r"|bưu điện|điện lực|viettel|vnpt|mobifone|công ty|tổng công ty)\b")


def opens_unit_name(text: str) -> bool:
    """True when text starts the way a unit's name does ("Phòng ...", "UBND ...")."""
    return bool(NAME_OPENERS.match(text.strip().lower()))


# "Các Sở: Tư pháp, Tài chính", "UBND các xã: Nga Sơn, Hà Trung": names listed under one
# head word, each meaning "Sở Tư pháp", "Xã Nga Sơn"; never the whole group.
_LISTED_UNDER = re.compile(
    r"^(?:(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)\s+)?các\s+"
    rf"(?P<head>sở|phòng|ban|{COMMUNE_KIND_RE})\s*:\s*(?P<names>[^:]+)$", re.IGNORECASE)


def listed_under(text: str) -> tuple[str, str] | None:
    """ "Các Sở: Tư pháp, Tài chính" -> ("Sở", "Tư pháp, Tài chính"): the head word names
    listed after it share, written as a name opens; None for other text."""
    m = _LISTED_UNDER.match(strip_edges(text.strip()))
    if not m:
        return None
    head = " ".join(m["head"].split())
    return head[:1].upper() + head[1:], strip_edges(m["names"].strip())
