"""The project's vocabulary: every code and label that more than one module speaks.

One home for each: statuses a unit reports, timeliness, what became of a returned
file, recurrences of undated work, roles, unit kinds, severities of findings and the
registry of finding codes.
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

# --- finding codes -------------------------------------------------------------------
# Every code a check may report, with what it means. A code names one problem
# wherever it is found (a missing column is "missing-column" in a master and in a
# return). tests/test_vocab.py fails when the code uses a code not listed here.

# Warnings that the file a unit has counted may not be the one it meant (merge/counted.py):
# told first wherever a merge's outcome is; dropped when the counted file changes.
DOUBT_CODES = ("sent-later-saved-before", "saved-same-time", "answers-left-blank", "done-undone",
               "answers-all-changed")

# A file refused for a unit the plan did not have, read again now that it has
# (merge/judged_again.py).
JUDGED_AGAIN = "file-judged-again"

FINDING_CODES: dict[str, str] = {
    # any workbook
    "missing-sheet": "a required sheet is absent",
    "missing-column": "a table lacks a required column (or its header row)",
    "legacy-encoding": "text in a legacy Vietnamese encoding (TCVN3/VNI)",
    "formula-no-value": "a formula cell without a computed value",
    "cell-text-too-long": "a cell longer than an Excel cell holds (units' files keep its start)",
    "merged-cells": "a table cell inside a merged range, read as empty",
    "formula-in-cell": "a formula typed into an input cell",
    "sheet-name-too-long": "a sheet name longer than Excel allows",
    "file-unreadable": "the file cannot be read as a workbook",
    "converted": "the file was converted (.ods/.xls, Strict Open XML) before reading",
    "duplicate-file": "the same file (by content) given twice",
    "copy-of-another-unit": "a file the same as one already taken, named for another unit: "
                            "counted once, for the first file's unit",
    "saved-time-missing":
        "a file that does not hold the time it was saved, or not readably (its file time is used)",
    "saved-time-future": "a file that says it was saved after the merge (a wrong clock)",
    "file-name-other-unit": "a file named for one unit (as split names them) holding another's: "
                            "taken as neither",
    "saved-same-time":
        "saved at the same moment as another of the unit's files with other content",
    "sent-later-saved-before":
        "a file merged after the unit's counted one but saved before it: not counted",
    "plan-changed-since-issued":
        "the plan was edited after the file was issued: its plan cells or tasks differ",
    "answers-left-blank":
        "the unit's counted file leaves blank tasks the file it replaced had answered",
    "done-undone":
        "the unit's counted file reports not done tasks the file of the period it replaced "
        "reported done",
    "answers-all-changed":
        "the unit's counted file answers otherwise every task the file it replaced answered "
        "(another unit's answers?)",
    "file-not-read":
        "the file could not be read this time (memory, time, no converter, changed meanwhile)",
    "rows-past-limit": "content far below the task rows (a column dragged down): not read",
    "cell-text-cut": "a cell longer than Excel holds (32,767 characters), cut",
    "column-added": "a column the unit added beside the task rows: its content not read",
    "sheet-other-unit": "a task sheet whose heading names another unit (copied from its file?)",
    "rows-reordered": "rows sorted without column A: answers counted for the task each row shows",
    "row-shifted": "a row showing another task's product (not a sort): its answer not counted",
    "merged-input-cells": "input cells merged into one: all but the first read as blank",
    # the master
    "task-text-too-long": "a task's text taller than a row of a unit's workbook can be",
    "period-due-passed": "a split made after the period's day to send the reports back",
    "master-unreadable": "the master workbook cannot be read",
    "plan-field-missing": "a required plan field is empty",
    "plan-year-invalid": "the plan year is not a 4-digit year",
    "plan-code-other-year": "the plan's code is one the data folder's ledger holds for "
                            "another year (year_turn)",
    "plan-code-names-other-year": "the plan's code ends in a year other than the plan's "
                                  "(last year's table copied; year_turn)",
    "plan-authority-gone": "a plan of 2026 on issued by a body gone on 1 July 2025 "
                           "(issuer.gone_authority)",
    "plan-sender-ignored": "the plan sheet's sender of letters and reports cannot send them "
                           "(a commune's plan, not a department): the authority sends them "
                           "(sender.sender_problem)",
    "date-invalid": "a date cell cannot be read",
    "unit-code-missing": "a unit without a code",
    "unit-duplicate": "two units with one code",
    "unit-kind-unknown": "a unit kind that is none of the known kinds",
    "group-code-missing": "a group without a code",
    "group-unknown": "a unit names a group that does not exist",
    "group-member-unknown": "a group names a unit that does not exist",
    "group-empty": "a group without members",
    "group-open": "an open group (names nobody in particular)",
    "area-blank": "a blank area sheet (a new master's), not read",
    "no-tasks": "a master with no task yet",
    "group-subset": "part of a group ('các xã được chọn'): nobody assigned, list asked for",
    "group-exclusion": "a group minus some units ('(trừ …)'): assigned without them, to confirm",
    "unit-bracket": "'A (B)': which of the two names was assigned",
    "unit-roles-read": "a unit cell whose roles were read from its words ('A phối hợp B': "
                       "A leads), not said",
    "name-conflict": "one name or alias used by several units/groups",
    "period-duplicate": "two periods with one code",
    "period-code-invalid": "a period code that cannot name a folder or file (spaces, accents)",
    "period-invalid": "a period's dates are unreadable or out of order",
    "periods-default": "no period in the plan: the default periods of the plan's year are used",
    "periods-missing": "no period in the plan and no plan year to take the default ones from",
    "area-code-missing": "an area sheet without its code",
    "area-duplicate": "two area sheets with one code",
    "area-code-invalid": "an area code ids cannot begin with (diacritics, spaces, signs)",
    "area-title-missing": "an area sheet without its title (B2): the sheet's name is used",
    "id-missing": "a task row without an id",
    "id-invalid": "an id not of the form AREA-NN or AREA-NN.N",
    "id-duplicate": "an id used twice",
    "id-not-contiguous": "the rows of one task are not next to each other",
    "content-missing": "a task without content",
    "product-missing": "a product row without a product",
    "lead-missing": "a product without a lead unit",
    "unit-unresolved": "a unit name that matches no unit or group",
    "unit-merged": "a plan of 2026 on names a unit as a body merged in 2025 "
                   "(merged_bodies)",
    "unit-ambiguous": "a unit name that matches several units or groups",
    "deadline-missing": "a product without a deadline",
    "deadline-unparsed": "a deadline text no date can be read from (kept, judged by hand)",
    "deadline-undated": "a deadline by event, programme or phase: kept, judged by hand",
    "deadline-before-issue": "a due date of a year before the plan's, before the plan was issued",
    "deadline-before-plan-year": "a due date of a year before the plan's (the plan issued "
                                 "before it, or its issue unknown): a typo or last year's task",
    "deadline-after-plan-year": "a due date after the plan's year (a range's end): not due in "
                                "that year's reports",
    "deadline-typed-date": "a deadline typed as a date (day and month may be swapped)",
    "heading-assigned": "a heading row (over sub-tasks) that assigns work itself",
    "subtask-unplaced": "a sub-task away from its heading or without one",
    "row-unplaced": "a row the table cannot place (a product row with its own TT/content, "
                    "a product of a heading, text outside the table's columns)",
    "number-looks-subtask": "a sub-task number (6.1) on a plain task",
    # a plan imported from a Word or Excel document (cchc-xl import)
    "import-no-area": "tasks before any area heading, put in a default area",
    "import-hidden-rows": "a workbook's table with rows hidden: imported as the others, said",
    "import-tracked-changes": "a Word table with tracked changes left in: read as accepted, said",
    "import-row-skipped": "a row with neither number nor content, under no task",
    "import-row-joined": "a row without number whose content goes on in lower case: joined "
                         "to the task above",
    "import-note-skipped": "a note merged across a task table (no area, no task): not read",
    "import-note-joined": "a table row holding a note alone: the note of the product above",
    "import-total-skipped": "a totals row (\"Tổng cộng\") of a task table: not a task",
    "import-budget-skipped": "a row of the plan's funding as a whole in a task table: not a task",
    "import-signer": "the plan's signer and title, taken as the report's",
    "import-return-to": "where the plan's body has units report, taken as where their "
                        "files go back",
    "import-report-days": "the plan's body gives its units a day to report by other than "
                          "the default periods' due day: the periods sheet to set by it",
    "import-units-other-level": "the unit list given is of a plan of another level (a "
                                "ward's for a province's document, or the reverse)",
    "import-units-other-place": "the unit list given is of a plan of another place of the "
                                "same level (a commune's for a ward's document)",
    "import-units-unnamed": "units of last year's master (--units) its plan named that the new "
                            "plan names only through a group: renamed or merged away?",
    "assessed-not-passed": "a lead's row the office judged Chưa đạt (reminder letter)",
    "import-heading-with-data": "a row with sub-tasks that also has products, deadlines or "
                                "funding (its units go to the sub-tasks)",
    "import-subtask-orphan": "a sub-task number with no parent row above it",
    "import-subtask-nested": "a third-level number placed under the top heading, its group's "
                             "content prefixed",
    "import-table-unread": "a table whose rows look like tasks, without a header row and "
                           "continuing no table (or whose title row names a content "
                           "and no unit, product, deadline): not read",
    "import-table-other": "a table with its own title row naming no content, unit, product "
                          "or deadline (a list of documents): no task table, passed over",
    "import-column-unread": "a column of a task table whose title nothing recognises holds "
                            "text: not read",
    "import-products-split": "products listed one a line in one cell, one deadline line "
                             "each, made products",
    "import-leads-paired": "products split from one cell, each given the lead written on "
                           "its line of the lead cell",
    "import-kept-ids": "an amendment of the plan in use: its tasks numbered again keep "
                       "their ids, tasks added get ids never given",
    "import-amendment": "an amending document imported over the plan in use: the plan's "
                        "title, number and date kept, the amendment recorded and cited",
    "import-amendment-other": "an amending document whose title names another plan number "
                              "than the plan in use's",
    "import-amendment-alone": "an amending document imported with no plan in use to amend: "
                              "it became the plan (its title, ids, default periods)",
    "import-replaces": "a document with another number that does not amend the plan in use "
                       "(a replacing plan): it becomes the plan",
    "import-coordinators-paired": "products split from one cell, each given the "
                                  "coordinators written on its line of the coordinators' "
                                  "cell",
    "import-leads-by-line": "a lead cell with a line for each line of a product cell read as "
                            "one product: every lead leads it, to check",
    "import-task-incomplete": "a task without product, lead or deadline",
    "import-roles-read": "a unit cell whose roles were read from its words (\"A phối hợp "
                         "B\": A leads), not said: each part moved to that role",
    "import-unit-added": "a name not in the registry, added as a unit with a guessed kind",
    "import-unit-job-title": "a person's title (Giám đốc Sở, Chủ tịch UBND xã) named as a "
                             "lead or coordinator: added as a unit of kind Khác, said so",
    "import-own-committee": "a commune's or province's plan naming its People's Committee "
                            "(\"UBND xã, phường\", \"UBND tỉnh\"): one unit, kind Khác",
    "import-unit-spelling": "a name not in the registry, taken as another spelling of a unit",
    "import-unit-named-as-plan": "a template's unit the plan writes by a longer name of its "
                                 "own: named so",
    "import-group-added": "a group name not in the registry, added as a group",
    "import-group-as-unit": "a group the plan's names added, holding no unit, that a "
                            "product's lead cell names alone: made a unit of its name",
    "import-province-communes": "a province's plan imported without --units or --province: "
                                "its communes taken from the official list",
    "import-group-thin": "a group of all communes whose members are only the communes the "
                         "plan names",
    "import-province-other": "--province names another province than the one that issued "
                             "the plan",
    "import-district-level": "a plan of 2026 on names a body of the district level (huyện, "
                             "quận, thị xã, thị trấn), ended on 1 July 2025",
    # a returned workbook: identity and rows
    "identity-missing": "no identity carrier survived",
    "return-unchanged": "a returned file whose input cells are as issued (nothing filled)",
    "file-restored": "a withdrawn file given again, put back among the acceptable ones",
    "done-part": "a lead's done on a date of an earlier part of a product with several "
                 "dates: counted in progress until the last part",
    "date-after-saved": "a completion date after the day the file was saved (a planned day?)",
    "file-judged-again": "a file refused for a unit the plan did not have, read again now that "
                         "the plan has it",
    "received-corrected": "a file given again with an earlier day received: the day corrected",
    "received-before-saved": "a day received before the file was saved (a date typed wrong?)",
    "return-all-done-before": "a file returned as issued whose led rows were all done before",
    "identity-conflict": "identity carriers disagree",
    "identity-checksum": "the identity checksum does not match its rows",
    "identity-guide-mismatch": "the guide sheet names another unit than the identity",
    "identity-format": "the file was made by another version of the workbook format",
    "identity-other-year": "the file belongs to the plan of another year",
    "identity-other-plan": "the file belongs to another plan",
    "identity-other-period": "the file was issued for another period",
    "identity-unknown-unit": "the file's unit is not in the master's unit sheet",
    "identity-unit-removed": "a file issued to a unit since taken off the master's unit "
                             "sheet: counted for nobody, kept; nothing asked of the unit",
    "row-missing": "an issued row is gone",
    "row-added": "a row was added",
    "row-foreign": "a row belongs to another unit",
    "row-unknown-id": "a row id the plan does not have",
    "text-outside-table": "words alone in the id column outside the task rows (a note "
                          "typed under the table): not read, the unit told where notes go",
    "row-duplicate": "one id on several rows",
    "row-not-filled": ("an issued row left blank (a note for a coordinating row: never counted,"
                       " or for a lead's row an earlier period's done still counts)"),
    "readonly-edited": "a read-only cell was changed",
    "id-normalized": "an id read after tidying its spelling",
    # a returned workbook: values
    "status-missing": "a row with values but no status",
    "status-invalid": "a status that is none of the three",
    "assessment-outdated": "the office's assessment of a row, removed: the file now counted "
                           "answers the row otherwise than the answer assessed",
    "status-with-percent": "a status with a percentage typed after it that contradicts it "
                           "(\"Hoàn thành 80%\")",
    "status-normalized": "a status read after tidying its spelling",
    "status-went-back": "a lead's answer not done on a product with one due date that an "
                        "earlier period counted done (the figures count the answer now)",
    "percent-missing": "in progress without a percentage",
    "recurring-without-evidence": "recurring work in progress without evidence (judged by hand)",
    "percent-invalid": "a percentage that is not a number",
    "percent-out-of-range": "a percentage outside 0-100",
    "percent-text": "a percentage typed as text",
    "percent-fraction": "a percentage that may have been meant as a fraction",
    "percent-assumed-100": "done without a percentage: 100 assumed",
    "not-started-percent": "not started with a percentage above 0",
    "in-progress-percent": "in progress with 0 or 100 %",
    "done-percent-not-100": "done below 100 %",
    "done-without-date": "done without a completion date",
    "done-without-evidence": "done without evidence",
    "date-without-done": "a completion date on an unfinished task",
    "date-of-part-done": "the date a part due earlier was done, kept on a row at work on the "
                         "next part (split --ledger filled it in)",
    "date-text": "a date typed as text",
    "date-serial": "a date typed as a serial number",
    "date-swapped": "day and month read the other way round",
    "date-ambiguous": "a date whose day and month could be swapped",
    "date-before-plan-year": "a completion date before the plan year",
    "date-after-cutoff": "a completion date after the period's cut-off",
    "evidence-no-document": "evidence that cites no document, link or file",
}

# What each finding code is called where people read it (the command line's lines and
# counts, the web app's pages): a few Vietnamese words; the code stays where programs read
# it (--json, the ledger) and in the last column of the consolidated workbook's "Vấn đề"
# sheet, which office staff quote to whoever supports them. One label for each code of
# FINDING_CODES (tests/test_vocab.py).
FINDING_LABELS: dict[str, str] = {
    # any workbook
    "missing-sheet": "thiếu trang",
    "missing-column": "thiếu cột",
    "legacy-encoding": "chữ theo bảng mã cũ TCVN3/VNI",
    "formula-no-value": "công thức chưa có giá trị",
    "cell-text-too-long": "ô quá dài",
    "merged-cells": "ô bị gộp",
    "formula-in-cell": "công thức trong ô nhập",
    "sheet-name-too-long": "tên trang quá dài",
    "file-unreadable": "tệp không đọc được",
    "converted": "tệp đã chuyển định dạng",
    "duplicate-file": "tệp trùng",
    "copy-of-another-unit": "bản sao tệp đơn vị khác",
    "saved-time-missing": "không rõ giờ lưu tệp",
    "saved-time-future": "giờ lưu tệp sau lần gộp",
    "file-name-other-unit": "tên tệp của đơn vị khác",
    "saved-same-time": "lưu cùng lúc với tệp khác",
    "sent-later-saved-before": "gửi sau nhưng lưu trước",
    "plan-changed-since-issued": "kế hoạch đã sửa sau khi giao",
    "answers-left-blank": "tệp mới bỏ trống dòng đã báo cáo",
    "done-undone": "tệp mới bỏ 'Đã hoàn thành' đã báo cáo",
    "answers-all-changed": "tệp mới khác hẳn tệp trước",
    "file-not-read": "tệp chưa đọc được lần này",
    "rows-past-limit": "nội dung ngoài vùng nhiệm vụ",
    "cell-text-cut": "ô quá dài bị cắt",
    "column-added": "cột thêm vào",
    "sheet-other-unit": "trang của đơn vị khác",
    "rows-reordered": "dòng bị sắp xếp lại",
    "row-shifted": "dòng lệch nhiệm vụ",
    "merged-input-cells": "ô nhập bị gộp",
    # the master
    "task-text-too-long": "nội dung nhiệm vụ quá dài",
    "period-due-passed": "đã qua hạn gửi báo cáo",
    "master-unreadable": "bảng kế hoạch không đọc được",
    "plan-field-missing": "thiếu thông tin kế hoạch",
    "plan-year-invalid": "năm kế hoạch sai",
    "plan-code-other-year": "mã kế hoạch của năm khác",
    "plan-code-names-other-year": "mã kế hoạch mang năm khác",
    "plan-authority-gone": "cơ quan ban hành không còn từ 01/7/2025",
    "plan-sender-ignored": "cơ quan gửi văn bản không dùng được",
    "date-invalid": "ngày không đọc được",
    "unit-code-missing": "đơn vị thiếu mã",
    "unit-duplicate": "trùng mã đơn vị",
    "unit-kind-unknown": "loại đơn vị không rõ",
    "group-code-missing": "nhóm thiếu mã",
    "group-unknown": "nhóm không có trong danh sách",
    "group-member-unknown": "đơn vị của nhóm không có trong danh sách",
    "group-empty": "nhóm không có đơn vị",
    "group-open": "nhóm mở",
    "area-blank": "trang lĩnh vực trống",
    "no-tasks": "chưa có nhiệm vụ",
    "group-subset": "một phần của nhóm",
    "group-exclusion": "nhóm trừ một số đơn vị",
    "unit-bracket": "tên đơn vị có ngoặc",
    "unit-roles-read": "vai trò đọc từ lời văn",
    "name-conflict": "trùng tên",
    "period-duplicate": "trùng mã kỳ",
    "period-code-invalid": "mã kỳ không dùng được",
    "period-invalid": "ngày của kỳ sai",
    "periods-default": "dùng kỳ mặc định",
    "periods-missing": "không có kỳ báo cáo",
    "area-code-missing": "lĩnh vực thiếu mã",
    "area-duplicate": "trùng mã lĩnh vực",
    "area-code-invalid": "mã lĩnh vực không dùng được",
    "area-title-missing": "lĩnh vực thiếu tên",
    "id-missing": "thiếu mã nhiệm vụ",
    "id-invalid": "mã nhiệm vụ sai dạng",
    "id-duplicate": "trùng mã nhiệm vụ",
    "id-not-contiguous": "dòng nhiệm vụ không liền nhau",
    "content-missing": "thiếu nội dung",
    "product-missing": "thiếu sản phẩm",
    "lead-missing": "thiếu đơn vị chủ trì",
    "unit-unresolved": "tên đơn vị không nhận ra",
    "unit-merged": "cơ quan đã hợp nhất năm 2025",
    "unit-ambiguous": "tên đơn vị chưa rõ là ai",
    "deadline-missing": "thiếu thời hạn",
    "deadline-unparsed": "thời hạn không đọc được ngày",
    "deadline-undated": "thời hạn theo sự kiện",
    "deadline-before-issue": "hạn trước ngày ban hành",
    "deadline-before-plan-year": "hạn trước năm kế hoạch",
    "deadline-after-plan-year": "hạn sau năm kế hoạch",
    "deadline-typed-date": "thời hạn gõ dạng ngày",
    "heading-assigned": "dòng tiêu đề có giao việc",
    "subtask-unplaced": "nhiệm vụ con lạc chỗ",
    "row-unplaced": "dòng không xếp được",
    "number-looks-subtask": "số thứ tự như nhiệm vụ con",
    # a plan imported from a Word or Excel document (cchc-xl import)
    "import-no-area": "nhiệm vụ chưa có lĩnh vực",
    "import-hidden-rows": "bảng có dòng ẩn",
    "import-tracked-changes": "bảng còn thay đổi chưa chấp nhận",
    "import-row-skipped": "bỏ qua dòng trống",
    "import-row-joined": "dòng được nối lên trên",
    "import-note-skipped": "bỏ qua dòng ghi chú",
    "import-note-joined": "ghi chú của sản phẩm",
    "import-total-skipped": "bỏ qua dòng tổng cộng",
    "import-budget-skipped": "bỏ qua dòng kinh phí chung",
    "import-signer": "người ký kế hoạch",
    "import-return-to": "nơi nhận báo cáo",
    "import-report-days": "hạn báo cáo ghi trong kế hoạch",
    "import-units-other-level": "danh sách đơn vị của cấp khác",
    "import-units-other-place": "danh sách đơn vị của địa phương khác",
    "import-units-unnamed": "đơn vị năm trước chỉ nhận việc qua nhóm",
    "assessed-not-passed": "cơ quan tổng hợp đánh giá chưa đạt",
    "import-heading-with-data": "dòng tiêu đề có sản phẩm",
    "import-subtask-orphan": "nhiệm vụ con không có nhiệm vụ cha",
    "import-subtask-nested": "nhiệm vụ con cấp ba",
    "import-table-unread": "bảng không đọc",
    "import-table-other": "bảng không phải nhiệm vụ",
    "import-column-unread": "cột không đọc",
    "import-products-split": "tách sản phẩm theo dòng",
    "import-leads-paired": "ghép đơn vị chủ trì theo dòng",
    "import-kept-ids": "giữ mã nhiệm vụ của kế hoạch đang dùng",
    "import-amendment": "giữ tên và số hiệu của kế hoạch đang dùng",
    "import-replaces": "kế hoạch thay thế kế hoạch đang dùng",
    "import-amendment-other": "văn bản sửa đổi kế hoạch khác",
    "import-amendment-alone": "văn bản sửa đổi nhập không kèm kế hoạch đang dùng",
    "import-coordinators-paired": "ghép đơn vị phối hợp theo dòng",
    "import-leads-by-line": "nhiều đơn vị chủ trì một sản phẩm",
    "import-task-incomplete": "nhiệm vụ thiếu thông tin",
    "import-roles-read": "vai trò tách theo lời văn",
    "import-unit-added": "thêm đơn vị mới",
    "import-unit-job-title": "chức danh ghi như đơn vị",
    "import-own-committee": "UBND của chính địa phương",
    "import-unit-spelling": "tên đơn vị viết khác",
    "import-unit-named-as-plan": "đơn vị ghi tên dài hơn trong kế hoạch",
    "import-group-added": "thêm nhóm mới",
    "import-group-as-unit": "nhóm được làm đơn vị",
    "import-province-communes": "xã/phường lấy theo danh mục chính thức",
    "import-group-thin": "nhóm chỉ gồm xã được nêu",
    "import-province-other": "tỉnh khác với nơi ban hành",
    "import-district-level": "cơ quan cấp huyện",
    # a returned workbook: identity and rows
    "identity-missing": "không xác định được tệp",
    "return-unchanged": "tệp chưa điền",
    "file-restored": "tệp đã rút được gửi lại",
    "file-judged-again": "tệp bị từ chối nay được nhận",
    "done-part": "mới xong một phần",
    "date-after-saved": "ngày hoàn thành sau ngày lưu tệp",
    "received-corrected": "sửa ngày nhận",
    "received-before-saved": "ngày nhận trước ngày lưu tệp",
    "return-all-done-before": "tệp chưa điền mà việc đã xong trước",
    "identity-conflict": "thông tin nhận dạng mâu thuẫn",
    "identity-checksum": "thông tin nhận dạng không khớp",
    "identity-guide-mismatch": "trang hướng dẫn ghi đơn vị khác",
    "identity-format": "tệp theo mẫu cũ",
    "identity-other-year": "tệp của năm khác",
    "identity-other-plan": "tệp của kế hoạch khác",
    "identity-other-period": "tệp của kỳ khác",
    "identity-unknown-unit": "đơn vị không có trong kế hoạch",
    "identity-unit-removed": "đơn vị đã bỏ khỏi kế hoạch",
    "row-missing": "thiếu dòng",
    "row-added": "dòng thêm vào",
    "row-foreign": "dòng của đơn vị khác",
    "row-unknown-id": "mã nhiệm vụ không có trong kế hoạch",
    "text-outside-table": "nội dung ngoài các dòng nhiệm vụ",
    "row-duplicate": "dòng trùng mã",
    "row-not-filled": "dòng chưa điền",
    "readonly-edited": "sửa ô khóa",
    "id-normalized": "mã nhiệm vụ đã chuẩn hóa",
    # a returned workbook: values
    "status-missing": "thiếu trạng thái",
    "status-invalid": "trạng thái sai",
    "assessment-outdated": "đánh giá cũ đã bỏ",
    "status-with-percent": "tỷ lệ ghi kèm trái với trạng thái",
    "status-normalized": "trạng thái đã chuẩn hóa",
    "status-went-back": "kỳ trước đã báo hoàn thành",
    "percent-missing": "thiếu tỷ lệ",
    "recurring-without-evidence": "việc thường xuyên thiếu kiểm chứng",
    "percent-invalid": "tỷ lệ không phải số",
    "percent-out-of-range": "tỷ lệ ngoài 0–100",
    "percent-text": "tỷ lệ gõ dạng chữ",
    "percent-fraction": "tỷ lệ có thể gõ nhầm dạng thập phân",
    "percent-assumed-100": "coi tỷ lệ là 100%",
    "not-started-percent": "chưa thực hiện mà có tỷ lệ",
    "in-progress-percent": "đang thực hiện với 0 hoặc 100%",
    "done-percent-not-100": "hoàn thành dưới 100%",
    "done-without-date": "hoàn thành thiếu ngày",
    "done-without-evidence": "hoàn thành thiếu kiểm chứng",
    "date-without-done": "có ngày mà chưa hoàn thành",
    "date-of-part-done": "ngày hoàn thành phần việc trước",
    "date-text": "ngày gõ dạng chữ",
    "date-serial": "ngày gõ dạng số",
    "date-swapped": "ngày và tháng đảo chỗ",
    "date-ambiguous": "ngày và tháng có thể đảo",
    "date-before-plan-year": "ngày trước năm kế hoạch",
    "date-after-cutoff": "ngày sau ngày chốt số liệu",
    "evidence-no-document": "kiểm chứng không nêu văn bản",
}
