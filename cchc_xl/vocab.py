"""The project's vocabulary: every code and label that more than one module speaks.

One home for each: statuses a unit reports, timeliness, what became of a returned
file, recurrences of undated work, roles, unit kinds and severities of findings; the
registry of finding codes (:mod:`cchc_xl.finding_codes`).
Codes are stable (they are stored in ledgers and asserted by tests); labels are what
users read, in Vietnamese. Other modules import from here and never spell these
values out again.
"""

from __future__ import annotations

from datetime import datetime

# --- statuses a unit reports (the dropdown of the assignment workbook, in its order) ---

NOT_STARTED = "Chưa thực hiện"
IN_PROGRESS = "Đang thực hiện"
DONE = "Đã hoàn thành"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE)

# How a lead's row counts, in words, where a timeliness label does not say it
# (cchc_xl.assessment.row_label): a lead that sent nothing, or left its row blank
# (counted as not started); a row with an error the office has not judged; a task
# without a single deadline carried out as required in the period.
NOT_REPORTED = "Chưa báo cáo"
# What the unit wrote as a row's status, when it could not be read (a report's column
# "Trạng thái đơn vị ghi"; the error quotes the text).
STATUS_UNREAD = "Không đọc được"
# ... and a row the unit filled (a note, results) without choosing a status.
STATUS_NOT_CHOSEN = "Chưa chọn trạng thái"
UNVERIFIED = "Cần xác minh"
ON_SCHEDULE = "Thực hiện đúng tiến độ"

# --- timeliness, judged at a period's cut-off (cchc_xl.timeliness) ---------------------

ON_TIME = "on_time"
LATE = "late"
WITHIN = "within"
JUDGE = "judge"
TIMELINESS_LABELS = {
    ON_TIME: "Đúng hạn",
    LATE: "Quá hạn",
    WITHIN: "Trong hạn",
    JUDGE: "Cần đánh giá",
}

# --- what became of a returned file (cchc_xl.ledger) ----------------------------------

ACCEPTED = "accepted"
REJECTED = "rejected"
SUPERSEDED = "superseded"
WITHDRAWN = "withdrawn"  # taken out of every figure by 'cchc-xl withdraw', kept as history
# A file refused as another period's whose content was merged into that period since
# (other_period.gone_to_own_period): never recorded so, said when the period is read back.
MOVED = "moved"
OUTCOME_LABELS = {ACCEPTED: "Được nhận", REJECTED: "Bị từ chối", SUPERSEDED: "Bị thay thế",
                  WITHDRAWN: "Đã rút", MOVED: "Đã gộp vào kỳ khác"}
# A refused file a later file of its unit answered (cchc_xl.answered): history, its
# problems no longer the period's (the consolidated workbook's "Các tệp" and "Vấn đề").
ANSWERED_LABEL = "Bị từ chối, đã có tệp sau"
# A file of a merge that could not be read that time (memory, time, no converter): it
# is not in the ledger (no verdict on its content) and the next merge reads it again.
NOT_READ = "not-read"
NOT_READ_LABEL = "Chưa đọc được"

# How a unit's file for a period came back (the report's table by unit, the web board).
RETURN_ON_TIME = "Đúng hạn"
RETURN_LATE = "Muộn"
RETURN_REJECTED = "Tệp bị từ chối"
RETURN_MISSING = "Chưa gửi"
# A unit "Chưa gửi" in the figures whose file(s) it sent were all withdrawn by the office
# ("Rút khỏi số liệu", 'cchc-xl withdraw'): it did send, so it is said apart, with when and
# why, and asked for a corrected file (web pages, the reminder letter and its list).
RETURN_WITHDRAWN = "Tệp đã rút khỏi số liệu"


_WITHDRAWN_WORDS = "rút khỏi số liệu"


def withdrawn_reason(now: datetime, why: str = "") -> str:
    """The reason the ledger records for a file withdrawn (Ledger.withdraw): "rút khỏi số
    liệu ngày 05/12/2026 10:30: thiếu số liệu quý", read back by :func:`withdrawn_said`."""
    return f"{_WITHDRAWN_WORDS} ngày {now:%d/%m/%Y %H:%M}" + (f": {why}" if why else "")


def withdrawn_said(reason: str) -> str:
    """What became of a unit's file withdrawn, from the reason the ledger records for it
    (:func:`withdrawn_reason`): "tệp đã gửi được rút khỏi số liệu ngày 05/12/2026 10:30,
    lý do: thiếu số liệu quý"."""
    when, _, why = reason.partition(": ")
    when = when.removeprefix(_WITHDRAWN_WORDS).strip()
    return (f"tệp đã gửi được {_WITHDRAWN_WORDS}" + (f" {when}" if when else "")
            + (f", lý do: {why.strip()}" if why.strip() else ""))


WITHDRAWN_TODO = "Gửi lại tệp báo cáo đã sửa"  # what a unit whose file was withdrawn must do
# The rate cell of a unit none of whose led tasks is due by the cut-off, with none done
# (the report's table by unit: not ranked, report/ranking.py).
NOT_DUE_YET = "Chưa đến hạn"

# --- the office's own verdict on a lead's row (cchc_xl.assessment; stored in the ledger) ---

PASS = "pass"
FAIL = "fail"
VERDICT_LABELS = {PASS: "Đạt", FAIL: "Chưa đạt"}
# An item that is the office's judgment, not an error in the unit's file, as the unit is
# shown it: "[Đánh giá] cơ quan tổng hợp đánh giá Chưa đạt …" (reminder letter, feedback
# file, a file split --ledger filled in).
OFFICE_VERDICT_LABEL = "Đánh giá"
# Kept in the ledger where the office emptied a "Đánh giá" cell that showed an earlier
# period's verdict again: that verdict no longer judges the row's answer (docs/counting.md).
# Never shown.
CLEARED = "cleared"

# --- how often undated work recurs (cchc_xl.deadlines; stored in the ledger's snapshot) ---

CONTINUOUS = "continuous"
WEEKLY = "weekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
SEMIANNUAL = "semiannual"
ANNUAL = "annual"
PERIODIC = "periodic"  # a bare "định kỳ", naming no frequency
ON_EVENT = "event"  # when something happens ("sau khi ...", "theo quy định"): no date
# What the unit's workbook and the plan's appendix show for such work (the "Hạn (ngày)"
# column), and for a deadline with neither a date nor a recurrence.
RECURRENCE_LABELS = {
    CONTINUOUS: "Thường xuyên",
    WEEKLY: "Hằng tuần",
    MONTHLY: "Hằng tháng",
    QUARTERLY: "Hằng quý",
    SEMIANNUAL: "6 tháng/lần",
    ANNUAL: "Hằng năm",
    PERIODIC: "Định kỳ",
    ON_EVENT: "Theo sự kiện, quy định",
}
JUDGMENT_LABEL = "Cần xác định"

# --- a unit's role on a product --------------------------------------------------------

LEAD = "lead"
SUPPORT = "support"
ROLE_LABELS = {LEAD: "Chủ trì", SUPPORT: "Phối hợp"}

# --- unit kinds (the registry's "Loại" column holds the label) --------------------------

DEPARTMENT = "department"
COMMUNE = "commune"
PUBLIC_SERVICE = "public_service"
OTHER = "other"
# The kinds of locality at commune level, as a commune's name opens ("Xã Hoằng Kim",
# "Đặc khu Cồn Cỏ"), and as a regular expression's group (any whitespace between words).
COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")
COMMUNE_KIND_RE = "(?:" + "|".join(k.replace(" ", r"\s+") for k in COMMUNE_KINDS) + ")"
# The kinds of locality at district level, which ended on 1 July 2025 (with them a
# province's cities, "thành phố", which a centrally-run city's name shares), and as a
# regular expression's group.
DISTRICT_KINDS = ("huyện", "quận", "thị xã")
DISTRICT_KIND_RE = "(?:" + "|".join(k.replace(" ", r"\s+") for k in DISTRICT_KINDS) + ")"
# Another kind of commune listed after one: "xã, phường", "xã và phường", "xã/phường".
MORE_COMMUNE_KINDS_RE = rf"(?:\s*(?:,|và|&|/)\s*{COMMUNE_KIND_RE})"
# Two kinds of commune or more: "xã, phường", "xã, phường, đặc khu".
KINDS_LISTED_RE = rf"{COMMUNE_KIND_RE}{MORE_COMMUNE_KINDS_RE}+"
# A ward's own name for an office of the commune template (Nghị định 150/2025/NĐ-CP: a
# commune has a Phòng Kinh tế, a ward a Phòng Kinh tế, Hạ tầng và Đô thị): a ward's plan
# made by `init --commune` or imported names its office so, the template's name kept as
# another spelling (master.name_commune_offices).
WARD_OFFICE_NAMES: dict[str, str] = {
    "Phòng Kinh tế": "Phòng Kinh tế, Hạ tầng và Đô thị",
}
# Offices of a district before 1 July 2025 a commune's plan may still name, and the
# commune's offices that took their work, a ward's name first (Nghị định 150/2025/NĐ-CP:
# a ward's Phòng Kinh tế, Hạ tầng và Đô thị, a commune's Phòng Kinh tế): a name check and
# import ask about ("Có phải 'Phòng Kinh tế'?"), never take for it unasked
# (units.Registry.suggest). Spelled any way name_key evens out ("Phòng Kinh tế và Hạ tầng").
FORMER_OFFICES: dict[str, tuple[str, ...]] = {
    "Phòng Kinh tế - Hạ tầng": (WARD_OFFICE_NAMES["Phòng Kinh tế"], "Phòng Kinh tế"),
    "Phòng Quản lý đô thị": (WARD_OFFICE_NAMES["Phòng Kinh tế"], "Phòng Kinh tế"),
}
# A People's Committee as documents name one: "UBND", "Ủy ban nhân dân", "Uỷ ban nhân
# dân" (the old tone placement), in any case (the patterns built from these take
# re.IGNORECASE); and as a regular expression's group (any whitespace between words).
PEOPLES_COMMITTEE_WORDS = ("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân")
PEOPLES_COMMITTEE_RE = "(?:" + "|".join(w.replace(" ", r"\s+")
                                        for w in PEOPLES_COMMITTEE_WORDS) + ")"
# The titles a plan's issuer signs with, its head's or a deputy's ("CHỦ TỊCH", "PHÓ GIÁM
# ĐỐC", the committee's office's "CHÁNH VĂN PHÒNG"): a signature block opens with one, or
# with "TM.", "KT.", "Q." (acting) before one. As a regular expression's group.
SIGNING_TITLE_RE = r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG)"
# The places within a commune a plan gives work to together ("các thôn, bản", "các tổ dân
# phố", "Trưởng các khu phố"): residential communities, no unit of any kind; and the
# bodies it names so after another name ("Ủy ban MTTQ phường và các tổ chức chính trị -
# xã hội", "và các hội, đoàn thể"). As regular expressions' groups.
COMMUNITY_PLACES = ("thôn", "bản", "làng", "xóm", "ấp", "buôn", "sóc", "khu phố", "khu dân cư",
                    "tổ dân phố", "tổ dân cư")
COMMUNITY_PLACES_RE = ("(?:" + "|".join(w.replace(" ", r"\s+") for w in COMMUNITY_PLACES)
                       + r")\b")
GROUP_NOUNS_RE = rf"(?:(?:tổ\s+chức|đoàn\s+thể|hội)\b|{COMMUNITY_PLACES_RE})"
# A group of them ("các thôn, bản", "Trưởng các tổ dân phố"): each place is a unit only
# once the user lists it; the note on such a group on 'Nhóm' says so.
PLACES_GROUP_RE = rf"\b(?:các|những)\s+{COMMUNITY_PLACES_RE}"
# Every place of a commune, however a plan writes them: a group ("các thôn, tổ dân phố"),
# their heads ("Trưởng thôn", "Tổ trưởng tổ dân phố", "Trưởng các thôn, bản") or the
# Front's committee in each ("Ban công tác Mặt trận các thôn"), one or several of these;
# never one unit of that name (a QA pass: "Trưởng thôn" got a file of its own). The whole
# name, to be matched with re.IGNORECASE.
_PLACES_LIST = rf"{COMMUNITY_PLACES_RE}(?:\s*(?:,|và|/|&)\s*{COMMUNITY_PLACES_RE})*"
_PLACES_WORDING = (rf"(?:(?:các|những|tất\s+cả(?:\s+các)?)\s+|(?:(?:phó\s+)?trưởng|tổ\s+trưởng"
                   r"|bí\s+thư(?:\s+chi\s+bộ)?|ban\s+công\s+tác\s+mặt\s+trận|ban\s+điều\s+hành"
                   rf"|ban\s+quản\s+lý)\s+(?:(?:các|những)\s+)?){_PLACES_LIST}")
PLACES_NAME_RE = (rf"^{_PLACES_WORDING}(?:\s*(?:,|;|và|&)\s*{_PLACES_WORDING})*"
                  rf"(?:\s+(?:trên\s+địa\s+bàn|thuộc|của)\s+{COMMUNE_KIND_RE}\b.*)?$")
# The places a note names when a name says none of COMMUNITY_PLACES; else the ones it says
# ("Các ấp": "ấp"; unit_names.places_named), a southern commune's plan told of "thôn, tổ
# dân phố" it has none of (a QA pass).
PLACES_DEFAULT = "thôn, tổ dân phố"
# On 'Nhóm', the note of an open group of places: "{places}" the ones its name says.
PLACES_GROUP_NOTE = ("Nhóm mở: chưa có {places} nào. Thêm từng nơi ở trang 'Đơn vị' "
                     "và ghi mã của họ ở cột 'Gồm các đơn vị', hoặc ghi cơ quan báo cáo thay "
                     "cho họ ở nhiệm vụ")
KIND_LABELS = {
    DEPARTMENT: "Phòng, ban, sở, ngành",
    COMMUNE: "Cấp xã",
    PUBLIC_SERVICE: "Đơn vị sự nghiệp",
    OTHER: "Khác",
}

# --- severities of findings ----------------------------------------------------------

ERROR = "error"
WARNING = "warning"
NOTE = "note"
SEVERITY_LABEL = {ERROR: "Lỗi", WARNING: "Cảnh báo", NOTE: "Ghi nhận"}
SEVERITY_RANK = {ERROR: 0, WARNING: 1, NOTE: 2}  # lists show errors first

# What units type in the evidence column to say they have none ("-", "x", "không có",
# "N/A"): as if the cell were blank. Compared without diacritics, case or punctuation
# (cchc_xl.answer.gives_evidence); a cell of punctuation alone says nothing either.
NO_EVIDENCE = frozenset({
    "0", "x", "xx", "xxx", "k", "ko", "khong", "khong co", "chua", "chua co", "chua co gi",
    "khong co tai lieu", "chua co tai lieu", "khong co van ban", "chua co van ban",
    "khong co tai lieu kiem chung", "chua co tai lieu kiem chung", "n a", "na", "none",
    "nil", "null", "khong ap dung", "ko co", "k co", "kco", "co", "dang cap nhat",
    "chua cap nhat", "se bo sung", "bo sung sau",
})
