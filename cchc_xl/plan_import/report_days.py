"""The days a plan gives its units to report by ("… báo cáo kết quả thực hiện về Văn
phòng HĐND và UBND xã trước ngày 10 của tháng cuối quý"), against the reporting periods
an imported plan table is given: the defaults (cchc_xl.periods: data cut off on the 14th,
reports due on the 20th). A plan that says another day is told in a warning, the office
to set its periods sheet by it before the units' files are made: otherwise a file sent
after the plan's day is counted on time (a commune's QA pass, December 2026)."""

from __future__ import annotations

import re

from ..findings import Finding
from ..model import Period
from ..vocab import WARNING

# "trước ngày 10", "chậm nhất ngày 15/6/2026", "không quá ngày 25": the day of the month.
_DAY = re.compile(r"\b(?:trước|chậm\s+nhất(?:\s+(?:là|vào))?|không\s+quá)\s+(?:ngày\s+)?"
                  r"(?P<d>\d{1,2})(?!\d)", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[a-zđ])[.)]\s+", re.IGNORECASE)
_QUOTED = 240  # characters of a paragraph quoted


def said_days(text: str) -> set[int]:
    """The days of the month ``text`` gives to report by."""
    return {int(m["d"]) for m in _DAY.finditer(text)}


def _quoted(text: str) -> str:
    text = _LEADING_NUMBER.sub("", text).strip()
    return text if len(text) <= _QUOTED else text[:_QUOTED].rsplit(" ", 1)[0] + " …"


def report_days_found(paragraphs: list[str], periods: list[Period],
                      source: str) -> list[Finding]:
    """A warning when ``paragraphs`` (those telling the units where to report) give a day
    other than the ``periods``' due days; none otherwise."""
    due = {p.due.day for p in periods}
    told = [p for p in paragraphs if said_days(p) - due]
    if not told or not periods:
        return []
    first = periods[0]
    quoted = "; ".join(f"“{_quoted(p)}”" for p in told[:2])
    return [Finding(
        WARNING, "import-report-days",
        f"kế hoạch ghi hạn các đơn vị gửi báo cáo: {quoted}; các kỳ báo cáo của bảng kế hoạch "
        f"lấy theo mặc định (số liệu chốt ngày {first.cutoff.day}, hạn nộp báo cáo ngày "
        f"{first.due.day} của tháng cuối kỳ, ví dụ {first.name[:1].lower()}{first.name[1:]}: "
        f"hạn {first.due:%d/%m/%Y}): sửa cột 'Đến ngày (chốt số liệu)' và 'Hạn nộp báo cáo' "
        "ở trang 'Kỳ báo cáo' theo kế hoạch trước khi tạo tệp giao, kẻo đơn vị gửi báo cáo "
        "sau hạn của kế hoạch vẫn được tính là đúng hạn",
        file=source)]
