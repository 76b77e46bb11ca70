"""Whose file is it: a returned workbook's identity carriers (the hidden sheet, defined
names, custom properties, the guide's unit cell, the file's name) checked against the
plan, its year and the period, and the unit the file is taken for, or why it cannot
be (:func:`identify`). The file itself is read by :mod:`cchc_xl.intake`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .. import assignment as A
from ..abbreviations import name_key
from ..errors import CchcError
from ..findings import Finding, owner_by_name, why_and_todo
from ..issuer import running_plan
from ..model import Master, Period, Plan, Unit
from ..other_period import OTHER_PLAN_CODES
from ..periods import default_name, not_in_plan
from ..plan_amended import coded, merged_units, renamed_units
from ..saved_by import GOOGLE_SHEETS, saved_by
from ..text import match_key, mid_sentence
from ..vocab import ERROR, WARNING
from ..xlio import vn_time
from . import ReturnedFile
from .file_names import FileNames

if TYPE_CHECKING:
    from ..submission import Submission
    from .plan_index import PlanIndex


def _expected(master: Master, unit: str, index: PlanIndex | None) -> list[str]:
    """The ids of a unit's rows, in plan order."""
    if index is not None:
        return list(index.assigned(unit))
    return [r.deliverable.id for r in A.assigned_rows(master, unit)]


_KEY_FIELDS = ("plan", "unit", "period")


@dataclass
class Identification:
    """Whose file it is, or why it cannot be taken.

    ``unit`` is set when the file is accepted. ``owner`` is the unit of this plan a
    file is about even when it is rejected (a file of another period of the plan);
    it is None when that is not known for sure: no identity, carriers that
    disagree on the unit, or a unit of another plan or year (whose codes may
    coincide with this plan's: "NV" of Nghĩa Hưng is not "NV" of Hoằng Hóa).
    """

    unit: str | None
    findings: list[Finding]
    expected_rows: list[str] = field(default_factory=list)
    owner: str | None = None
    # The period a file without identity names on its task sheets' line 2, when it is
    # refused as that period's file (heading-other-period): where it may be merged.
    named_period: str = ""


def _unit_label(master: Master, code: str) -> str:
    """"'X07' (Xã Hoằng Đồng)": a code as written, with the plan's name for it if any."""
    name = next((u.name for u in master.units if u.code.casefold() == code.casefold()), "")
    return f"'{code}'" + (f" ({name})" if name else "")


def _identity_label(ident: A.Identity) -> str:
    """"'X11' (Xã Hoằng Hải)": the unit a file's identity names, with the name it carries
    (a file of another plan or year, or of a unit taken off: the plan has no name for it)."""
    return f"'{ident.unit}'" + (f" ({ident.unit_name})" if ident.unit_name else "")


def _unit_gone(reading: A.IdentityReading, unit: str) -> str | None:
    """Why a file of this plan whose unit is not on its unit sheet is refused, when split
    issued it (its checksum holds: None otherwise): it was given to a unit of the plan as
    it stood then, which the office has since taken off (a unit merged after the 2025
    reorganisation). It asks nothing of that unit (identity-unit-removed); put back on
    the sheet, the unit's file is read again (merge/judged_again.py, docs/ledger.md)."""
    ident = reading.identity
    if not (reading.checksum_ok and ident and ident.issued_at):
        return None
    return (f"tệp được giao cho đơn vị {_identity_label(ident)} lúc "
            f"{vn_time(ident.issued_at)}, đơn vị "
            "nay không còn trong trang 'Đơn vị' của bảng kế hoạch (bảng kế hoạch đã sửa sau "
            "khi giao tệp): kết quả trong tệp không được tính cho đơn vị nào, tệp vẫn được lưu "
            "trong sổ cái. Nhiệm vụ của đơn vị nay giao cho đơn vị khác thì đơn vị đó báo cáo; "
            f"nếu bỏ đơn vị nhầm, thêm lại mã '{unit}' vào trang 'Đơn vị' rồi gộp lại: tệp "
            "này được đọc lại và tính cho đơn vị, đơn vị không cần gửi lại")


# What the office does with a refused file nothing inside nor its name says whose it is:
# its reason here, and merge's line naming such files (merge/result.py) say it alike.
FIND_THE_SENDER = ("tìm đơn vị đã gửi (qua thư điện tử, Zalo) và đề nghị đơn vị đó gửi lại "
                   "tệp được giao")
# After why such a file was refused: whom the office asks to send again (a QA pass: an
# empty "Bao-cao.xlsx" was told "gửi hoặc chép lại tệp gốc", to nobody, and left out of
# the units refused).
NO_OWNER_BY_NAME = ("; tên tệp không cho biết là tệp của đơn vị nào, nên cần "
                    + FIND_THE_SENDER)


# A file with no identity that Google Sheets saved (saved_by.py): said so, and what
# to do. The unit did fill the file it was given, online: "fill the file you were given"
# (said of a copy) was no advice it could follow.
GOOGLE_LOST = "tệp đã được lưu lại bằng Google Sheets và không còn thông tin nhận dạng ẩn"
# The finding refusing a file without its identity whose task sheets name a day of
# another year (_identify_by_guide; letters.for_unit words it for the unit; that of one
# naming another period of the plan is other_period.HEADED_OTHER_PERIOD).
HEADED_OTHER_YEAR = "heading-other-year"
# Line 2 of a task sheet as split writes it (split_book): "… — {period's name} (số liệu
# đến hết ngày dd/mm/yyyy, …" (intake.identify._line_2).
_HEADED = re.compile(re.escape(A.HEADING_SEPARATOR) + r"(?P<name>.+?)"
                     + re.escape(A.HEADING_CUTOFF) + r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/"
                     r"(?P<y>\d{4}))?")
FILL_ON_DESKTOP = ("điền tệp được giao bằng Excel, WPS hoặc LibreOffice trên máy tính (không "
                   "mở bằng Google Sheets) rồi gửi chính tệp đó")


# Refusals naming a unit the plan's unit sheet has not: one taken off since its file was
# given, one it never had. Their reason is the plan's, not the file's: read again once the
# sheet has the unit (merge/judged_again.py).
PLAN_REFUSALS = ("identity-unit-removed", "identity-unknown-unit")
# What each says of the unit, in brackets after its code where the file is listed
# ("Tệp đã nhận": consolidated.files.file_unit).
PLAN_REFUSED_UNIT = {"identity-unit-removed": "đơn vị nay không còn trong bảng kế hoạch",
                     "identity-unknown-unit": "đơn vị không có trong bảng kế hoạch"}


def unreadable_said(error: CchcError) -> str:
    """Why a file that could not be read is refused, then ": ", then what to do
    (findings.why_and_todo), as every refusal says it: "tệp rỗng (0 byte) (tệp có thể bị
    hỏng khi chép, tải về hoặc gửi qua Zalo, thư điện tử): gửi hoặc chép lại tệp gốc". A
    hint that says first what may have happened ("…: gửi lại") puts that beside why, in
    brackets. Before, the whole hint was in brackets after why, so the reminder letter's
    body, which says why only, said what to do inside it (a QA pass: empty files)."""
    if not error.hint:
        return error.message
    cause, todo = why_and_todo(error.hint)
    return f"{error.message} ({cause}): {todo}" if todo else f"{error.message}: {error.hint}"


def no_file_of_period(label: str, period: Period) -> str:
    """What becomes of the other period's file of a unit the plan no longer has (``label``:
    "'CT' (Sở Công Thương)"), said in place of asking the unit for this period's file:
    it has none, its work was given to others (a QA pass: a sở merged away by the
    mid-year amendment sent its Quý I file for 6 tháng, and the office was told to ask
    it to fill in its 6 tháng file)."""
    return (f"đơn vị {label} không còn trong trang 'Đơn vị' của bảng kế hoạch (bảng kế "
            f"hoạch đã sửa sau khi giao tệp) nên không có tệp kỳ {period.in_sentence}: nhiệm "
            "vụ của đơn vị nay giao cho đơn vị khác thì đơn vị đó báo cáo")


def identify(rf: ReturnedFile, master: Master, period: Period,
             index: PlanIndex | None = None) -> Identification:
    """Decide whose file this is from its identity carriers, checking plan, year, period.

    ``index`` (one per merge) saves finding the unit's rows in the whole plan again."""
    path = str(rf.path)

    def problem(severity: str, code: str, message: str, unit: str | None = "") -> Finding:
        return Finding(severity, code, message, file=path, unit=unit or "")

    if rf.error is not None:
        message = unreadable_said(rf.error)
        # Nothing in it says whose it is; its name may ("X025-Xã-Thuần-Trung.xlsx", as
        # split names it). Refused all the same, and counted for nobody, but told to that
        # unit (Vấn đề, the reminder letter), or it would be chased as having sent
        # nothing while it believes it reported.
        names = index.file_names if index is not None else FileNames(master)
        said = names.named(rf.path.name)
        owner = said.code if said and master.has_unit(said.code) else None
        message += owner_by_name(master.unit(owner).name, owner) if owner is not None \
            else NO_OWNER_BY_NAME
        return Identification(None, [problem(ERROR, "file-unreadable", message, owner)],
                              owner=owner)
    reading = rf.identity
    ident = reading.identity if reading else None
    if ident is None or not ident.unit:
        return _identify_by_guide(rf, master, period, problem, index)
    found: list[Finding] = []
    unit = ident.unit
    key_conflicts = [str(c) for c in reading.conflicts if c.key in _KEY_FIELDS]
    if key_conflicts:
        return Identification(None, [problem(
            ERROR, "identity-conflict",
            "thông tin nhận dạng ở các nơi trong tệp không khớp nhau ("
            + "; ".join(key_conflicts) + "): không xác định được tệp của đơn vị nào; "
            "đơn vị lấy lại tệp được giao, điền lại và gửi")])
    plan = master.plan
    this_plan = ident.plan == plan.key and (not ident.year or not plan.year
                                            or ident.year == plan.year)
    owner = unit if this_plan and master.has_unit(unit) else None

    def rejected(code: str, message: str) -> Identification:
        return Identification(None, [problem(ERROR, code, message, owner)], owner=owner)

    if reading.conflicts:
        found.append(problem(WARNING, "identity-conflict",
                             "thông tin nhận dạng không khớp nhau: "
                             + "; ".join(map(str, reading.conflicts)),
                             unit))
    if ident.format and ident.format != A.FORMAT:
        return rejected(
            "identity-format",
            f"tệp theo định dạng '{ident.format}', chương trình này đọc '{A.FORMAT}': "
            "tách lại tệp cho đơn vị bằng phiên bản hiện tại")
    if (said := another_plans_file(ident, master, period)) is not None:
        what, todo = said
        if _of_another_year(ident, plan):
            return rejected("identity-other-year",
                            f"{what}, không phải kế hoạch năm {plan.year} đang gộp: {todo}")
        return rejected(
            "identity-other-plan",
            f"{what}, không phải {mid_sentence(running_plan(plan).title)} đang gộp (mã "
            f"'{plan.key}'): {todo}")
    if ident.period.upper() != period.code.upper():
        # Periods by their labels, mid-sentence ("kỳ năm 2026", not "kỳ NAM" nor "kỳ Năm
        # 2026"); the period a file is for is read back from its identity, which the
        # ledger stores (letters.for_unit), never from these words.
        given = master.period(ident.period)
        this = f"không phải kỳ {period.in_sentence} đang gộp"
        if given is None:
            return rejected(
                "identity-other-period",
                f"tệp được giao cho {not_in_plan(ident.period, master)}, {this}: đề nghị "
                f"đơn vị điền tệp của kỳ {period.in_sentence}")
        ask = f", hoặc đề nghị đơn vị điền tệp của kỳ {period.in_sentence}" \
            if master.has_unit(unit) else "; " + no_file_of_period(_identity_label(ident),
                                                                     period)
        return rejected(
            "identity-other-period",
            f"tệp được giao cho kỳ {given.in_sentence}, {this}: gộp tệp này vào kỳ "
            f"{given.in_sentence} (chọn kỳ đó khi gộp){ask}")
    if not master.has_unit(unit):
        gone = _unit_gone(reading, unit)
        if gone is not None:
            return rejected("identity-unit-removed", gone)
        return rejected(
            "identity-unknown-unit",
            f"mã đơn vị '{unit}' trong tệp không có trong trang 'Đơn vị' của bảng kế hoạch: "
            "kiểm tra bảng kế hoạch hoặc tách lại tệp cho đơn vị")
    if rf.guide_unit and rf.guide_unit.casefold() != unit.casefold():
        # The guide sheet is protected: a different code there was typed on purpose,
        # typically into a copy of another unit's file. Taking it as either unit could
        # replace that unit's real report, so it is taken as neither.
        return Identification(None, [problem(
            ERROR, "identity-guide-mismatch",
            f"ô {A.GUIDE_UNIT_CELL} trang '{A.GUIDE_SHEET}' ghi đơn vị "
            f"{_unit_label(master, rf.guide_unit)} nhưng thông tin nhận dạng ẩn của tệp (trang "
            f"ẩn, tên, thuộc tính) ghi đơn vị {_unit_label(master, unit)}; có thể đây là tệp "
            "của đơn vị khác đã bị sửa, nên tệp không được nhận cho đơn vị nào: đơn vị lấy "
            "đúng tệp đã được gửi cho mình, điền kết quả và gửi lại")])
    names = index.file_names if index is not None else FileNames(master)
    said = names.named(rf.path.name)
    named = said.code if said else None
    if named and named.upper() != unit.upper() and not names.names(rf.path.name, unit):
        # Split names each file "<code>-<name>.xlsx": a unit that filled in another
        # unit's file (sent to it by mistake, or copied) sends it under its own name.
        # Taken as the file's unit, its figures would replace that unit's own report;
        # taken as neither (as identity-guide-mismatch), nothing is lost: the office
        # asks, and renames the file if it is that unit's after all.
        return Identification(None, [problem(
            ERROR, "file-name-other-unit",
            f"tên tệp {said.says} {_unit_label(master, named)} nhưng tệp là bảng "
            f"được giao cho đơn vị {_unit_label(master, unit)}: có thể đơn vị {named} đã "
            f"điền nhầm vào tệp của đơn vị {unit}, nên tệp không được tính cho đơn vị nào "
            f"(số liệu của {unit} giữ nguyên). Hỏi lại hai đơn vị: nếu đúng là báo cáo của "
            f"{unit}, mở tệp rồi lưu thành tệp mới có tên bỏ {said.part} {named} và gộp tệp "
            "mới (chỉ đổi tên tệp này thì nội dung vẫn như cũ và tệp vẫn bị từ chối); nếu là "
            f"của {named}, đề nghị đơn vị {named} điền vào đúng tệp được giao cho mình",
            named)],
            owner=named)
    expected = _expected(master, unit, index)
    if not reading.checksum_ok:
        found.append(problem(
            WARNING, "identity-checksum",
            "mã kiểm tra của thông tin nhận dạng không khớp (thông tin đã bị sửa hoặc mất một "
            "phần): đã đối chiếu từng dòng với kế hoạch", unit))
    elif ident.rows:
        expected = list(ident.rows)
    return Identification(unit, found, expected, owner=unit)


def another_plans_file(ident: A.Identity, master: Master,
                       period: Period) -> tuple[str, str] | None:
    """A file of another plan or year, by the identity read from it, as (what it is, what
    to do): "tệp của đơn vị 'X3' (Xã Tĩnh Gia) thuộc một kế hoạch khác (mã
    'tinh-2026-khac')", "đề nghị Xã Tĩnh Gia (X3), đơn vị của kế hoạch này, gửi tệp được
    giao cho kỳ 6 tháng năm 2026"; None for a file of this plan. Its refusal says both
    (identify), and so do merge's line and Thu nhận's list of such files, from the
    identity the ledger keeps (:func:`refused_as_another_plans`): counted for nobody, the
    file still says whose it is, and was listed as a file of no known unit beside a
    refusal naming one (a QA pass)."""
    plan = master.plan
    if _of_another_year(ident, plan):
        return _other_year(ident, plan.year, _unit_named(ident.unit_name, master))
    if ident.plan == plan.key:
        return None
    return (f"tệp của đơn vị {_identity_label(ident)} thuộc một kế hoạch khác (mã "
            f"'{ident.plan}')", _ask_this_plans_file(ident, master, period))


def refused_as_another_plans(sub: Submission, master: Master,
                             period: Period) -> tuple[str, str] | None:
    """:func:`another_plans_file` of a file the ledger recorded as refused for being of
    another plan or year (its identity as stored: submissions.identity); None for any
    other file (a file of another plan refused first for another reason says that)."""
    ident = _another_plans_identity(sub)
    return another_plans_file(ident, master, period) if ident is not None else None


def _another_plans_identity(sub: Submission) -> A.Identity | None:
    """The identity of a file the ledger recorded as refused for being of another plan
    or year; None for any other file."""
    if not (sub.other_plan and sub.identity
            and any(p.code in OTHER_PLAN_CODES for p in sub.problems)):
        return None
    return A.Identity.from_fields(sub.identity)


def sent_another_plans(sub: Submission, master: Master) -> tuple[str, str] | None:
    """The unit of this plan that sent ``sub``, a file refused for being of another plan
    or year, when the name the file carries is this plan's unit's (as the merge's line
    asks that unit for its file: :func:`_ask_this_plans_file`), and what it sent, as the
    reminder letter says it beside the unit it names as not in: (its code, "đã gửi tệp
    của kế hoạch năm 2025, không phải tệp được giao kỳ này"). The file counts for no
    unit, and the unit, named as having sent nothing, will say it did (a QA pass: 40
    communes sent last year's file). None for any other file, or a name this plan has
    not (or has twice). A file without identity whose line 2 gave another year's day
    (``heading-other-year``) names its unit by line 2, kept as its finding's: "đã gửi tệp
    của kế hoạch năm khác, …" (the year is not kept)."""
    ident = _another_plans_identity(sub)
    plan = master.plan
    if ident is None:  # refused by its line 2 as another year's: its finding's unit
        code = next((p.unit for p in sub.problems if p.code == HEADED_OTHER_YEAR and p.unit),
                    "")
        if sub.unit or not master.has_unit(code):
            return None
        whose = "kế hoạch năm khác"
    else:
        unit = _unit_named(ident.unit_name, master)
        if unit is None:
            return None
        code = unit.code
        if _of_another_year(ident, plan):
            whose = f"kế hoạch năm {ident.year}"
        elif ident.plan != plan.key:
            whose = f"một kế hoạch khác (mã '{ident.plan}')"
        else:
            return None
    return code, f"đã gửi tệp của {whose}, không phải tệp được giao kỳ này"


def refused_as_not_in_plan(sub: Submission, master: Master, period: Period,
                           versions: Callable[[], list[Master]]) -> tuple[str, str] | None:
    """A file the ledger recorded as refused for a unit the plan's unit sheet has not
    (:data:`PLAN_REFUSALS`), as (what it is, what to do), as merge's line and Thu nhận's
    list of such files say it: "tệp của đơn vị 'TP' (Phòng Tư pháp) mà bảng kế hoạch nay
    không còn (…)", and whom to ask: the unit it was merged into (or renamed as) when an
    earlier version of the plan the ledger holds tells (``versions``, newest first, asked
    only here: plan_amended.merged_units, renamed_units), else to check the unit sheet or
    find who sent it. Counted for nobody, such a file names its unit, and was listed as a
    file of no known unit beside its refusal naming one (a QA pass). None for any other
    file, or one whose unit the plan has again (the next merge reads it again)."""
    refusal = next((p.code for p in sub.problems if p.code in PLAN_REFUSALS), None)
    code = sub.identity.get("unit", "")
    if refusal is None or sub.unit or not code or master.has_unit(code):
        return None
    ident = A.Identity.from_fields(sub.identity)
    if refusal == "identity-unknown-unit":
        return (f"tệp của đơn vị {_identity_label(ident)} mà bảng kế hoạch này không có (mã "
                f"'{code}' không có trong trang 'Đơn vị')",
                f"kiểm tra trang 'Đơn vị' của bảng kế hoạch: thiếu đơn vị thì thêm mã '{code}' "
                "rồi gộp lại (tệp được đọc lại, đơn vị không cần gửi lại); nếu không, "
                + FIND_THE_SENDER)
    what = (f"tệp của đơn vị {_identity_label(ident)} mà bảng kế hoạch nay không còn (đã bỏ "
            "khỏi trang 'Đơn vị' sau khi giao tệp)")
    became = _became(code, master, versions)
    if became is not None:
        how, unit = became
        return what, (f"đơn vị có thể đã {how} {coded(unit)} theo bảng kế hoạch đã sửa: "
                      f"đề nghị {unit.name} ({unit.code}) gửi tệp được giao cho kỳ "
                      f"{period.in_sentence}")
    return what, ("kiểm tra trang 'Đơn vị' của bảng kế hoạch: nếu bỏ đơn vị nhầm, thêm lại "
                  f"mã '{code}' rồi gộp lại (tệp được đọc lại, đơn vị không cần gửi lại); "
                  "nếu nhiệm vụ của đơn vị nay giao cho đơn vị khác thì đơn vị đó báo cáo, "
                  "không cần xử lý tệp này")


def _became(code: str, master: Master, versions: Callable[[], list[Master]]
            ) -> tuple[str, Unit] | None:
    """The unit of ``master`` a unit it has not (``code``) became, by the newest version
    of the plan that had it: ("hợp nhất thành", the unit it was merged into with others)
    or ("đổi tên thành", the unit it may be renamed as); None when none tells."""
    before = next((v for v in versions() if v.has_unit(code)), None)
    if before is None:
        return None
    for olds, new in merged_units(before, master):
        if any(old.code == code for old in olds):
            return "hợp nhất thành", new
    return next((("đổi tên thành", new) for old, new in renamed_units(before, master)
                 if old.code == code), None)


def _of_another_year(ident: A.Identity, plan: Plan) -> bool:
    """Whether a file's identity is of another year than the plan's (both known): the
    refusal's, the merge's line's and the reminder's one rule."""
    return bool(ident.year and plan.year and ident.year != plan.year)


def _unit_named(name: str, master: Master) -> Unit | None:
    """The one unit of ``master`` called ``name`` (or one of its other names); None when
    no unit, or more than one, is. A file of another plan or year is matched so, by the
    name it carries (its code may be another unit's here: "NV" of Nghĩa Hưng is not "NV"
    of Hoằng Hóa), and one without identity by the name its line 2 gives."""
    if not name:
        return None
    key = name_key(name)
    named = [u for u in master.units if any(name_key(n) == key for n in (u.name, *u.aliases))]
    return named[0] if len(named) == 1 else None


def _ask_this_plans_file(ident: A.Identity, master: Master, period: Period) -> str:
    """Whom the office asks for this plan's file in place of another plan's: the unit of
    this plan of the same name, named as this plan names it; else whoever sent it."""
    unit = _unit_named(ident.unit_name, master)
    if unit is None:
        return ("tên đơn vị trong tệp không có trong trang 'Đơn vị' của bảng kế hoạch này, "
                "nên cần " + FIND_THE_SENDER)
    return (f"đề nghị {unit.name} ({unit.code}), đơn vị của kế hoạch này, gửi tệp được giao "
            f"cho kỳ {period.in_sentence}")


def _other_year(ident: A.Identity, year: int, unit: Unit | None) -> tuple[str, str]:
    """A file of another year's plan, said so the office knows where it goes: most often
    a unit's report of last year sent late, arriving in January when the office works in
    the new year's folder, which is merged with last year's plan, not sent back (it
    said "đơn vị gửi nhầm tệp năm khác; đề nghị gửi tệp của kế hoạch năm nay", a QA
    pass); a file of a later year is merged with that year's plan. ``unit``: this plan's
    unit of the name the file carries, asked for this year's file by name."""
    named = default_name(ident.period, ident.year)
    what = (f"báo cáo kỳ {mid_sentence(named)}" if named
            else f"báo cáo (mã kỳ ghi trong tệp: '{ident.period}')")
    said = f"tệp của đơn vị {_identity_label(ident)} là {what} của kế hoạch năm {ident.year}"
    return said, _where_it_goes(ident.year, year, unit)


def _where_it_goes(theirs: int, year: int, unit: Unit | None) -> str:
    """What the office does with a file of the plan of year ``theirs``, merging the plan
    of ``year``: merged with that year's plan (a later year's; an earlier year's sent
    late), or ``unit`` (this plan's unit the file names; None: "đơn vị") asked for this
    year's file (one sent by mistake). web/wording.py rewords its first part for the app."""
    there = (f"gộp tệp này với bảng kế hoạch và sổ cái của năm {theirs} (thư mục làm việc "
             f"của năm {theirs})")
    if theirs > year:
        return there
    whom = f"{unit.name} ({unit.code})" if unit is not None else "đơn vị"
    return (f"nếu là báo cáo năm {theirs} gửi muộn, {there}; nếu đơn vị gửi nhầm tệp năm "
            f"trước, đề nghị {whom} gửi tệp của kế hoạch năm {year}")


def _line_2(rf: ReturnedFile) -> Iterator[tuple[str, str, date | None]]:
    """What each task sheet's line 2 gives as split writes it ("Xã Hoằng Châu — 9 tháng
    năm 2023 (số liệu đến hết ngày 14/09/2023, …": split_book): the unit's name, the
    period's name, and its cut-off day (None where it is no day); nothing of a sheet whose
    line is otherwise."""
    for heading in rf.headings.values():
        said = _HEADED.search(heading)
        if said is None:
            continue
        try:
            day = date(int(said["y"]), int(said["m"]), int(said["d"])) if said["y"] else None
        except ValueError:
            day = None
        yield heading[:said.start()].strip(), said["name"], day


def _headed_period(rf: ReturnedFile, master: Master) -> Period | None:
    """The period of the plan the task sheets' line 2 names (:func:`_line_2`), when every
    one naming a period of the plan names the same; None when none does, or they
    disagree."""
    by_name = {match_key(p.name): p for p in master.periods}
    named = {by_name[key].code for _, name, _ in _line_2(rf)
             if (key := match_key(name)) in by_name}
    return master.period(named.pop()) if len(named) == 1 else None


def _headed_year(rf: ReturnedFile, master: Master) -> tuple[str, date, Unit | None] | None:
    """The period's name and cut-off day the task sheets' line 2 gives (:func:`_line_2`),
    when its year is none of the plan's periods' (another year's file), and the unit of
    this plan its line 2 names (by name, as a file of another year's identity is matched:
    its code may be another unit's now), None when it names no one unit; None when a sheet
    gives a day of this plan's years, or none does, or they give two years."""
    years = {p.cutoff.year for p in master.periods}
    found: dict[int, tuple[str, date]] = {}
    names = set()
    for unit_name, name, day in _line_2(rf):
        if day is not None:
            found.setdefault(day.year, (name, day))
            names.add(unit_name)
    if len(found) != 1 or not years or next(iter(found)) in years:
        return None
    name, day = next(iter(found.values()))
    return name, day, _unit_named(names.pop(), master) if len(names) == 1 else None


def _other_year_headed(headed: tuple[str, date, Unit | None], year: int, lost: str) -> str:
    """Why a file whose line 2 gives another year's day is refused, and what to do (as
    :func:`_other_year` says it of an identity's)."""
    name, day, unit = headed
    return (f"dòng {A.HEADING_ROW} các trang nhiệm vụ ghi kỳ {mid_sentence(name)} (số liệu "
            f"đến hết ngày {day:%d/%m/%Y}), không thuộc kế hoạch năm {year} đang gộp "
            f"({lost}): tệp không được tính; {_where_it_goes(day.year, year, unit)}")


def _identify_by_guide(rf: ReturnedFile, master: Master, period: Period,
                       problem, index: PlanIndex | None) -> Identification:
    """Last resort: the visible unit code on the guide sheet plus the id column. A file
    Google Sheets saved is said to be one, and the office told to have it filled in a
    desktop program: the unit did fill the file it was given (docs/unit-file.md)."""
    unit = rf.guide_unit
    google = not rf.converted_from and saved_by(rf.path) == GOOGLE_SHEETS
    if master.has_unit(unit):
        expected = _expected(master, unit, index)
        ids = {r.id.casefold() for r in rf.rows if r.id}
        ours = ids & {did.casefold() for did in expected}
        lost = GOOGLE_LOST if google else ("tệp không còn thông tin nhận dạng ẩn (có thể đã "
                                           "chép sang tệp khác)")
        other_year = _headed_year(rf, master)
        if ours and other_year is not None:
            # Another year's plan: its ids and codes may be this year's (TC-01, a unit's
            # code), its answers are not; a unit's code may be another unit's now (the
            # communes merged in 2025): nobody's here, as with its identity. The unit of
            # this plan its line 2 names is the finding's: the reminder says it sent this.
            named = other_year[2].code if other_year[2] is not None else ""
            return Identification(None, [problem(ERROR, "heading-other-year", _other_year_headed(
                other_year, master.plan.year, lost), named)])
        headed = _headed_period(rf, master)
        if ours and headed is not None and headed.code != period.code:
            # Its task sheets name another period of the plan: that period's answers,
            # never counted in this one, as a file whose identity says so is not.
            said = (f"dòng {A.HEADING_ROW} các trang nhiệm vụ ghi kỳ {headed.in_sentence}, "
                    f"không phải kỳ {period.in_sentence} đang gộp ({lost}): tệp không được "
                    f"tính vào kỳ {period.in_sentence}; nếu đây là báo cáo kỳ "
                    f"{headed.in_sentence}, gộp tệp vào kỳ đó (chọn kỳ đó khi gộp), nếu đơn vị "
                    f"gửi nhầm tệp, đề nghị đơn vị gửi tệp của kỳ {period.in_sentence}")
            return Identification(None, [problem(ERROR, "heading-other-period", said, unit)],
                                  owner=unit, named_period=headed.code)
        if ours:
            by = (f"đã nhận là tệp của '{unit}' theo ô {A.GUIDE_UNIT_CELL} trang "
                  f"'{A.GUIDE_SHEET}' và cột '{A.COL_ID}'")
            # Line 2 naming this period (and a day of its year) says as much as the
            # identity would of the period: the office has nothing to look at.
            checked = headed is not None
            taken = (f"{by}, kỳ {period.in_sentence} theo dòng {A.HEADING_ROW} các trang nhiệm "
                     "vụ" if checked else
                     f"{by}, không kiểm tra được kế hoạch và kỳ {period.in_sentence}")
            if google:
                look = "" if checked else (
                    f"xem dòng {A.HEADING_ROW} các trang nhiệm vụ của tệp để chắc đây là báo "
                    f"cáo kỳ {period.in_sentence} của đơn vị; ")
                said = f"{GOOGLE_LOST}; {taken}: {look}lần sau đề nghị đơn vị " + FILL_ON_DESKTOP
            else:
                said = f"{lost}; {taken}: lần sau hãy điền thẳng vào tệp được giao"
            return Identification(unit, [problem(WARNING, "identity-missing", said, unit)],
                                  expected, owner=unit)
    why = ("không nhận ra tệp: không có thông tin nhận dạng của cchc-xl, không có mã đơn vị ở "
           f"trang '{A.GUIDE_SHEET}' khớp với cột '{A.COL_ID}'")
    said = (f"{why}; {GOOGLE_LOST}: đề nghị đơn vị " + FILL_ON_DESKTOP) if google else (
        f"{why}; đây không phải tệp được giao (hoặc đã bị chép sang tệp mới): đề nghị đơn vị "
        "điền vào đúng tệp được giao")
    return Identification(None, [problem(ERROR, "identity-missing", said)])

