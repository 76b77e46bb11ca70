"""A finding as the letter to its unit says it (the reminder letter, its list and the
unit's feedback letter): a finding's message is written for the office, which merges
the files; a few say what the office does (merge the file into another period or year,
withdraw a file, split again) or only what it was told. The unit is told what it must
do instead, or nothing when nothing is asked of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..assignment import COL_NOTE, HEADING_ROW
from ..findings import Finding
from ..intake.identify import FILL_ON_DESKTOP, GOOGLE_LOST, HEADED_OTHER_YEAR
from ..issuer import running_plan
from ..model import Master
from ..other_period import HEADED_OTHER_PERIOD, OTHER_PERIOD
from ..periods import not_in_plan
from ..submission import Submission
from ..text import for_people, mid_sentence
from ..vocab import DONE, ERROR


def _other_period(master: Master, sub: Submission | None) -> str:
    """The period a file refused as another period's was issued for, as a letter names
    it ("kỳ quý I năm 2026"): from the identity the ledger stores with the file (ledgers of
    every version do), not from the finding's words, which name it for people (by its
    label; before December 2026, by its code: "kỳ '9T' (9 tháng năm 2026)")."""
    code = sub.identity.get("period", "") if sub is not None else ""
    if not code:
        return "kỳ khác"
    given = master.period(code)
    # "kỳ 9 tháng năm 2026", as the office is told: "tệp được giao cho 9 tháng năm
    # 2026" (a QA pass) named no period.
    return f"kỳ {given.in_sentence}" if given is not None else not_in_plan(code)


def _other_periods_file(master: Master, period: str, sub: Submission | None) -> str:
    return (f"tệp đã gửi là tệp được giao cho {_other_period(master, sub)}, không phải tệp "
            f"báo cáo {period}: điền kết quả {period} vào tệp được giao cho kỳ này rồi gửi")


def _on_desktop(f: Finding) -> str:
    """What a refusal's letter adds for a file Google Sheets saved (the finding says so):
    to fill the next one on a computer; "" for any other file."""
    return f" ({GOOGLE_LOST}: {FILL_ON_DESKTOP})" if GOOGLE_LOST in f.message else ""


def _this_plan(master: Master) -> str:
    """The plan a letter names as this one: "kế hoạch năm 2026"."""
    year = master.plan.year
    return f"kế hoạch năm {year}" if year else "kế hoạch đang thực hiện"


def _other_years_file(master: Master, period: str, sub: Submission | None) -> str:
    """``identity-other-year`` as the unit reads it: the office's message said where the
    office merges the file ("nếu là báo cáo năm 2022 gửi muộn, gộp tệp này với bảng kế
    hoạch và sổ cái của năm 2022 …"), words for the office, in the unit's letter (a QA
    pass). Last year's report sent late asks nothing more of the unit; a file sent by
    mistake is replaced by this year's."""
    year = master.plan.year
    given = sub.identity.get("year", "") if sub is not None else ""
    theirs = f"kế hoạch năm {given}" if given.isdigit() and given != "0" else "kế hoạch năm khác"
    this = _this_plan(master)
    said = f"tệp đã gửi là báo cáo của {theirs}, không phải {this}: "
    todo = f"điền kết quả {period} vào tệp được giao của {this} rồi gửi"
    if given.isdigit() and year and int(given) < year:
        return (said + f"nếu đây là báo cáo năm {given} gửi muộn, đơn vị không cần gửi lại "
                f"(cơ quan tổng hợp gộp tệp vào số liệu năm {given}); nếu gửi nhầm, {todo}")
    return said + todo


def _other_plans_file(master: Master, period: str, sub: Submission | None) -> str:
    """``identity-other-plan`` as the unit reads it: the office's message says whom the
    office asks for this plan's file, by this plan's unit (or to find the sender), words
    for the office; the unit is told what the file it sent is, and what to send."""
    key = sub.identity.get("plan", "") if sub is not None else ""
    theirs = f"một kế hoạch khác (mã '{key}')" if key else "một kế hoạch khác"
    this = mid_sentence(running_plan(master.plan).title)
    return (f"tệp đã gửi là tệp được giao của {theirs}, không phải {this}: điền kết quả "
            f"{period} vào tệp được giao của kế hoạch này rồi gửi")


# A finding's message is written for the office, which merges the files; a few tell it
# what to do (merge the file into another period, withdraw a file, split again) or only
# what it was told. The letter goes to the unit: it says what the unit must do instead,
# or nothing (None) when there is nothing for the unit to do. Every other code's message
# of a returned file (intake, validate, merge, counted, saved_time) tells the unit how to
# fix its file; a new code whose message speaks to the office belongs here. Each is given
# the file's ledger record too, when known (None otherwise).
_FOR_UNIT: dict[str, Callable[[Finding, Master, str, Submission | None], str | None]] = {
    "identity-format": lambda f, master, period, sub: (
        "tệp theo mẫu cũ, không đọc được: điền kết quả vào tệp được giao cho kỳ này rồi gửi"),
    "identity-unknown-unit": lambda f, master, period, sub: (
        "tệp không mang mã của đơn vị trong kế hoạch: điền kết quả vào đúng tệp được giao "
        "cho đơn vị rồi gửi"),
    # Refused (an error), the results are to be copied into the file issued now; taken
    # by the guide's code (a warning), only next time.
    # A file Google Sheets saved was the file given, filled online: the unit is told so,
    # and to fill it in a desktop program, not that it copied the file.
    "identity-missing": lambda f, master, period, sub: (
        (f"{GOOGLE_LOST} nên chưa được tính: " + FILL_ON_DESKTOP if f.severity == ERROR else
         f"{GOOGLE_LOST}: lần sau " + FILL_ON_DESKTOP) if GOOGLE_LOST in f.message else
        "tệp không phải tệp được giao (đã chép sang tệp khác) nên chưa được tính: chép kết "
        "quả vào tệp được giao cho đơn vị rồi gửi lại" if f.severity == ERROR else
        "tệp không phải tệp được giao (đã chép sang tệp khác): lần sau điền thẳng vào tệp "
        "được giao"),
    # The period the unit wrote its answers for is the one its sheets name: the unit
    # sends this period's (the office merges that one into its own period).
    HEADED_OTHER_PERIOD: lambda f, master, period, sub: (
        f"tệp đã gửi là báo cáo của kỳ khác (ghi ở dòng {HEADING_ROW} các trang nhiệm vụ), "
        f"không phải báo cáo {period}, nên chưa được tính: điền kết quả {period} vào tệp được "
        "giao cho kỳ này rồi gửi" + _on_desktop(f)),
    # Another year's, by its sheets' line 2: most often last year's report sent late,
    # which the office merges into that year (the unit sends nothing more), or sent by
    # mistake; the year is the office's to read in the file (no identity, no record).
    HEADED_OTHER_YEAR: lambda f, master, period, sub: (
        f"tệp đã gửi là báo cáo của kế hoạch năm khác (ghi ở dòng {HEADING_ROW} các trang "
        f"nhiệm vụ), không phải {_this_plan(master)}: nếu đây là báo cáo năm trước gửi muộn, "
        "đơn vị không cần gửi lại (cơ quan tổng hợp gộp tệp vào số liệu năm đó); nếu gửi "
        f"nhầm, điền kết quả {period} vào tệp được giao của {_this_plan(master)} rồi gửi"
        + _on_desktop(f)),
    # Whose file it is, by name, when the file's record says (else in general words).
    "file-name-other-unit": lambda f, master, period, sub: _someone_elses(f, master, sub) or (
        "tệp mang tên (mã) của đơn vị nhưng là bảng được giao cho đơn vị khác, nên chưa được "
        "tính: điền kết quả vào đúng tệp được giao cho đơn vị mình rồi gửi lại"),
    # The period the file is for, from its record (never from the office's words).
    OTHER_PERIOD: lambda f, master, period, sub: _other_periods_file(master, period, sub),
    # The year, from its record too: the office's words say where the office merges it.
    "identity-other-year": lambda f, master, period, sub: _other_years_file(master, period,
                                                                             sub),
    "identity-other-plan": lambda f, master, period, sub: _other_plans_file(master, period,
                                                                             sub),
    "saved-same-time": lambda f, master, period, sub: (
        "đơn vị gửi nhiều tệp lưu cùng một lúc với nội dung khác nhau: gửi lại một tệp là "
        "bản báo cáo cuối cùng"),
    "sent-later-saved-before": lambda f, master, period, sub: (
        "tệp gửi sau có thời điểm lưu sớm hơn tệp đã gửi trước: nếu tệp gửi sau là bản "
        "đúng, chỉnh ngày giờ máy tính, lưu lại tệp rồi gửi lại"),
    # The tasks and cells the finding names (merge/replaced.py), quoted.
    "answers-left-blank": lambda f, master, period, sub: (
        f"tệp gửi sau để trống các nhiệm vụ đã báo cáo ở tệp gửi trước{_listed(f)}, mà mỗi "
        "đơn vị chỉ một tệp được tính (tệp gửi sau): gửi lại một tệp đầy đủ, điền cả các "
        "nhiệm vụ đã báo cáo"),
    "done-undone": lambda f, master, period, sub: (
        f"tệp gửi sau ghi chưa hoàn thành các nhiệm vụ tệp gửi trước đã báo cáo '{DONE}'"
        f"{_listed(f)}, mà mỗi đơn vị chỉ một tệp được tính (tệp gửi sau): nếu các nhiệm vụ "
        f"đã hoàn thành, gửi lại một tệp ghi đúng; nếu báo cáo trước ghi nhầm, ghi rõ ở cột "
        f"'{COL_NOTE}'"),
    "answers-all-changed": lambda f, master, period, sub: (
        f"tệp gửi sau ghi khác tệp gửi trước ở mọi nhiệm vụ{_listed(f)}, như kết quả của đơn "
        "vị khác: nếu tệp gửi sau không phải báo cáo của đơn vị (đơn vị khác điền, gửi nhầm "
        "tệp), gửi lại đúng báo cáo của đơn vị"),
    "identity-checksum": lambda f, master, period, sub: None,
    # How the office orders the unit's files when one has no saved time (by its time on
    # the office's computer, "trên máy này"): nothing for the unit to do; every file
    # downloaded from Google Sheets has none, and its feedback said it to the unit.
    "saved-time-missing": lambda f, master, period, sub: None,
    # The office took the unit off the plan: it reports no more, so nothing to send.
    "identity-unit-removed": lambda f, master, period, sub: None,
    # The office's plan edit: nothing for the unit to do (the office sends a new file).
    "plan-changed-since-issued": lambda f, master, period, sub: None,
    # The office's own date, or its own assessment, to check: nothing for the unit to do.
    "received-before-saved": lambda f, master, period, sub: None,
    "assessment-outdated": lambda f, master, period, sub: None,
    "identity-conflict": lambda f, master, period, sub: None,
}


def _listed(f: Finding) -> str:
    """The tasks and cells ``f`` names (its places: merge/replaced.py), in brackets after
    a space, as the office's message lists them; "" when it names none. A finding
    recorded before its places were (a ledger of schema 6 or earlier): as its message
    listed them (:func:`_legacy_listed`)."""
    listed = f.tasks_listed() if f.places else _legacy_listed(f)
    return f" ({listed})" if listed else ""


# Legacy path, for findings recorded without their places (ledgers of schema 6 or
# earlier: the ledger's ``problems.places`` NULL), and for them only: the list is read
# back out of the message's words, as merge/replaced.py wrote them then: the brackets
# right after these words. Never reworded: they are what those
# messages say, whatever the warnings say now.
_LEGACY_LISTED_AFTER = {"answers-left-blank": "tệp đó đã báo cáo",
                        "done-undone": "nay ghi chưa hoàn thành",
                        "answers-all-changed": "hoặc tài liệu kiểm chứng"}


def _legacy_listed(f: Finding) -> str:
    """What the brackets that open right after ``f``'s code's words
    (:data:`_LEGACY_LISTED_AFTER`, then a space) in its message hold, brackets inside
    them kept; "" when the message has no such words (it lists no task)."""
    lead = _LEGACY_LISTED_AFTER.get(f.code, "")
    start = f.message.find(f"{lead} (") if lead else -1
    if start < 0:
        return ""
    start += len(lead) + 2
    depth = 0
    for i in range(start, len(f.message)):
        if f.message[i] == "(":
            depth += 1
        elif f.message[i] == ")":
            if not depth:
                return f.message[start:i]
            depth -= 1
    return ""


def for_unit(f: Finding, master: Master, period: str,
             sub: Submission | None = None) -> Finding | None:
    """The finding as a letter to its unit quotes it (``period``: "6 tháng đầu năm
    2026"), or None when it asks nothing of the unit; ``sub``: the file it was found in,
    when known (whose file another unit sent is said by name, and the period the file
    of another period is for)."""
    reword = _FOR_UNIT.get(f.code)
    if reword is None:
        return f
    message = reword(f, master, period, sub)
    return replace(f, message=message) if message else None


def _someone_elses(f: Finding, master: Master, sub: Submission | None) -> str | None:
    """``file-name-other-unit`` as the unit whose name the file bears reads it: the file,
    whose it is, and what to do (a QA pass: "bảng được giao cho đơn vị khác" left the
    unit to guess which file and whose). None when the file's record is not known or
    the units are not this plan's."""
    if sub is None:
        return None
    owner, sender = sub.identity_unit, f.unit or sub.unit or ""
    if not (owner and sender and master.has_unit(owner) and master.has_unit(sender)):
        return None
    whose, own = master.unit(owner).name, master.unit(sender).name
    sent = for_people(Path(sub.path).name)
    return (f"tệp đã gửi ({sent}) là tệp được giao cho {whose} ({owner}), "
            f"không phải tệp của {own} ({sender}), nên chưa được tính cho đơn vị nào: "
            f"điền kết quả vào đúng tệp được giao cho {own} rồi gửi lại; nếu tệp này "
            f"là báo cáo của {whose} gửi giúp, báo lại cơ quan tổng hợp")
